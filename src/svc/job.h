/*
 * Fax jobs, outgoing and incoming, as the engine keeps them: what the client submitted (fixed
 * after submission) and the job's status (what IFaxJobStatus shows). Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_JOB_H
#define FXSSVC_JOB_H

#include <windows.h>
#include "clock.h"
#include "faxsvc.h"

/* The sender's properties, in the order of IFaxSender's DISPIDs 1-16. */
enum sender_field
{
    SENDER_BILLING_CODE, SENDER_CITY, SENDER_COMPANY, SENDER_COUNTRY, SENDER_DEPARTMENT, SENDER_EMAIL,
    SENDER_FAX_NUMBER, SENDER_HOME_PHONE, SENDER_NAME, SENDER_TSID, SENDER_OFFICE_PHONE,
    SENDER_OFFICE_LOCATION, SENDER_STATE, SENDER_STREET_ADDRESS, SENDER_TITLE, SENDER_ZIP_CODE,
    SENDER_FIELD_COUNT
};

/* What the client submitted for one recipient; never changes after submission. */
struct job_document
{
    WCHAR *subject;
    WCHAR *document_name;
    WCHAR *note;
    WCHAR *cover_page;              /* cover page template name; "" for none */
    WCHAR *receipt_address;
    WCHAR *submission_id;           /* shared by the jobs of one submission (one per recipient) */
    WCHAR *owner;                   /* the user who submitted it */
    WCHAR *recipient_number;
    WCHAR *recipient_name;
    WCHAR *sender[SENDER_FIELD_COUNT];
    DWORD priority;                 /* FAX_PRIORITY_TYPE_ENUM */
    DWORD receipt_type;             /* FAX_RECEIPT_TYPE_ENUM */
    DWORD schedule_type;            /* FAX_SCHEDULE_TYPE_ENUM */
    DWORD cover_page_type;          /* FAX_COVERPAGE_TYPE_ENUM */
    BOOL group_broadcast_receipts;
    BOOL attach_fax_to_receipt;
    svc_time submission_time;
    svc_time original_scheduled_time;
};

struct job
{
    ULONGLONG id;
    BOOL incoming;

    /* The status, as IFaxJobStatus shows it. */
    DWORD status;                   /* FAX_JOB_STATUS_ENUM bits */
    DWORD extended_status_code;     /* FAX_JOB_EXTENDED_STATUS_ENUM, or a provider's own */
    WCHAR *extended_status;
    LONG pages;
    LONG size;
    LONG current_page;
    LONG device_id;
    LONG retries;
    WCHAR *csid;
    WCHAR *tsid;
    WCHAR *caller_id;
    WCHAR *routing_information;
    DWORD job_type;                 /* FAX_JOB_TYPE_ENUM */
    svc_time scheduled_time;        /* 0: not scheduled */
    svc_time transmission_start;    /* 0: not yet */
    svc_time transmission_end;      /* 0: not yet */

    struct job_document document;   /* outgoing jobs */

    /* Set when the job becomes an archived message. */
    WCHAR *device_name;
    BOOL read;                      /* IFaxIncomingMessage2/IFaxOutgoingMessage2.Read */

    /* The engine's own. */
    struct engine_timer *timer;     /* the next thing due for this job */
    LONG call_id;                   /* incoming: the call it came with */
    LONG device_busy;               /* the device is in use by this job */
    BOOL line_holds;                /* in progress on a device whose line can hold it (provider hold) */
    struct job *next;               /* in its queue */
};

struct job *job_create(BOOL incoming);
void job_free(struct job *job);

/* Replaces a string field with a copy of value (NULL: empty). FALSE when memory ran out. */
BOOL job_set_string(WCHAR **field, const WCHAR *value);

/* The operations IFaxJobStatus::AvailableOperations lists for the job's status now. */
DWORD job_available_operations(const struct job *job);

/* The job's status as an event carries it. Strings are copies the caller frees
 * (fxs_event_clear frees them inside an event). */
BOOL job_status_snapshot(const struct job *job, fxs_job_status *status);

#endif /* FXSSVC_JOB_H */
