/*
 * Jobs and messages as records (see job_record.h). Every field is written; reading insists on
 * every field too, so a record of another version of the service is refused, not half-read.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "job_record.h"

static const char * const sender_keys[SENDER_FIELD_COUNT] =
{
    "sender.billing_code", "sender.city", "sender.company", "sender.country", "sender.department",
    "sender.email", "sender.fax_number", "sender.home_phone", "sender.name", "sender.tsid",
    "sender.office_phone", "sender.office_location", "sender.state", "sender.street_address",
    "sender.title", "sender.zip_code",
};

/* The string fields of a job, with their keys: one table for writing and reading. */
static WCHAR **string_field(struct job *job, unsigned int index, const char **key)
{
    struct job_document *doc = &job->document;
    struct { const char *key; WCHAR **field; } table[] =
    {
        { "extended_status", &job->extended_status },
        { "csid", &job->csid },
        { "tsid", &job->tsid },
        { "caller_id", &job->caller_id },
        { "routing_information", &job->routing_information },
        { "device_name", &job->device_name },
        { "subject", &doc->subject },
        { "document_name", &doc->document_name },
        { "note", &doc->note },
        { "cover_page", &doc->cover_page },
        { "receipt_address", &doc->receipt_address },
        { "submission_id", &doc->submission_id },
        { "owner", &doc->owner },
        { "recipient_number", &doc->recipient_number },
        { "recipient_name", &doc->recipient_name },
    };

    if (index < ARRAYSIZE(table))
    {
        *key = table[index].key;
        return table[index].field;
    }
    index -= ARRAYSIZE(table);
    if (index >= SENDER_FIELD_COUNT) return NULL;
    *key = sender_keys[index];
    return &doc->sender[index];
}

/* The numeric fields, as 64-bit values, with their keys. */
struct number_field
{
    const char *key;
    size_t offset;
    unsigned int size;      /* 4 or 8 */
    BOOL is_signed;
};

#define JOB_FIELD(key, member, sign) { key, offsetof(struct job, member), sizeof(((struct job *)0)->member), sign }

static const struct number_field number_fields[] =
{
    JOB_FIELD("id", id, FALSE),
    JOB_FIELD("incoming", incoming, FALSE),
    JOB_FIELD("status", status, FALSE),
    JOB_FIELD("extended_status_code", extended_status_code, FALSE),
    JOB_FIELD("pages", pages, TRUE),
    JOB_FIELD("size", size, TRUE),
    JOB_FIELD("current_page", current_page, TRUE),
    JOB_FIELD("device_id", device_id, TRUE),
    JOB_FIELD("retries", retries, TRUE),
    JOB_FIELD("job_type", job_type, FALSE),
    JOB_FIELD("scheduled_time", scheduled_time, FALSE),
    JOB_FIELD("transmission_start", transmission_start, FALSE),
    JOB_FIELD("transmission_end", transmission_end, FALSE),
    JOB_FIELD("read", read, FALSE),
    JOB_FIELD("priority", document.priority, FALSE),
    JOB_FIELD("receipt_type", document.receipt_type, FALSE),
    JOB_FIELD("schedule_type", document.schedule_type, FALSE),
    JOB_FIELD("cover_page_type", document.cover_page_type, FALSE),
    JOB_FIELD("group_broadcast_receipts", document.group_broadcast_receipts, FALSE),
    JOB_FIELD("attach_fax_to_receipt", document.attach_fax_to_receipt, FALSE),
    JOB_FIELD("submission_time", document.submission_time, FALSE),
    JOB_FIELD("original_scheduled_time", document.original_scheduled_time, FALSE),
};

static ULONGLONG read_number(const struct job *job, const struct number_field *field)
{
    const BYTE *p = (const BYTE *)job + field->offset;
    if (field->size == 8) return *(const ULONGLONG *)p;
    return field->is_signed ? (ULONGLONG)(LONGLONG)*(const LONG *)p : *(const DWORD *)p;
}

static void write_number(struct job *job, const struct number_field *field, ULONGLONG value)
{
    BYTE *p = (BYTE *)job + field->offset;
    if (field->size == 8) *(ULONGLONG *)p = value;
    else *(DWORD *)p = (DWORD)value;
}

record_status job_to_record(const struct job *job, const char *kind, record **out)
{
    struct job *fields = (struct job *)job;  /* string_field gives pointers; nothing is written */
    record_status status;
    const char *key;
    WCHAR **string;
    unsigned int i;
    record *rec;

    if ((status = record_create(kind, &rec))) return status;
    for (i = 0; !status && i < ARRAYSIZE(number_fields); i++)
    {
        ULONGLONG value = read_number(job, &number_fields[i]);
        status = number_fields[i].is_signed ? record_add_i64(rec, number_fields[i].key, (LONGLONG)value)
                                            : record_add_u64(rec, number_fields[i].key, value);
    }
    for (i = 0; !status && (string = string_field(fields, i, &key)); i++)
        status = record_add_utf16(rec, key, (const uint16_t *)(*string ? *string : L""),
                                  *string ? lstrlenW(*string) : 0);
    if (status)
    {
        record_free(rec);
        return status;
    }
    *out = rec;
    return RECORD_OK;
}

DWORD job_from_record(const record *rec, struct job **out)
{
    struct job *job = job_create(FALSE);
    const char *key;
    WCHAR **string;
    unsigned int i;

    if (!job) return ERROR_OUTOFMEMORY;
    for (i = 0; i < ARRAYSIZE(number_fields); i++)
    {
        const struct number_field *field = &number_fields[i];
        ULONGLONG value = 0;
        LONGLONG signed_value = 0;
        record_status status;

        if (field->is_signed)
        {
            status = record_get_i64(rec, field->key, &signed_value);
            value = (ULONGLONG)signed_value;
            if (!status && field->size == 4 && (signed_value < LONG_MIN || signed_value > LONG_MAX)) status = RECORD_ERR_BAD_VALUE;
        }
        else
        {
            status = record_get_u64(rec, field->key, &value);
            if (!status && field->size == 4 && value > MAXDWORD) status = RECORD_ERR_BAD_VALUE;
        }
        if (status) goto invalid;
        write_number(job, field, value);
    }
    for (i = 0; (string = string_field(job, i, &key)); i++)
    {
        uint16_t *value;
        size_t length;
        if (record_get_utf16(rec, key, &value, &length)) goto invalid;
        *string = (WCHAR *)value;
    }
    job->incoming = job->incoming != 0;
    *out = job;
    return ERROR_SUCCESS;

invalid:
    job_free(job);
    return ERROR_INVALID_DATA;
}
