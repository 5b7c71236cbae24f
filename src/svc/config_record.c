/*
 * The configuration classes as records (see config_record.h). The keys are the members' names; a
 * table per struct drives both directions, so a key can neither be written without being read
 * nor read under another name. Reading insists on every key of the class and refuses any other
 * one, so that a record of another version, or a client's typo, is refused rather than half-read.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "config_record.h"
#include "archive.h"
#include "config_revision.h"
#include "devices.h"

/* ---- the classes ---- */

static const struct
{
    DWORD config_class;
    const char *kind;
    const WCHAR *file;
}
classes[] =
{
    { FXS_CONFIG_RECEIPTS, "config.receipts", L"receipts.rec" },
    { FXS_CONFIG_ACTIVITY_LOGGING, "config.activity_logging", L"activity_logging.rec" },
    { FXS_CONFIG_OUTBOX, "config.outbox", L"outbox.rec" },
    { FXS_CONFIG_SENTITEMS, "config.sentitems", L"sentitems.rec" },
    { FXS_CONFIG_INBOX, "config.inbox", L"inbox.rec" },
    { FXS_CONFIG_SECURITY, "config.security", L"security.rec" },
    { FXS_CONFIG_EVENTLOGS, "config.eventlogs", L"eventlogs.rec" },
    { FXS_CONFIG_DEVICES, "config.devices", L"devices.rec" },
    { FXS_CONFIG_OUT_GROUPS, "config.out_groups", L"out_groups.rec" },
    { FXS_CONFIG_OUT_RULES, "config.out_rules", L"out_rules.rec" },
    { FXS_CONFIG_INCOMING_QUEUE, "config.incoming_queue", L"incoming_queue.rec" },
    { FXS_CONFIG_GENERAL, "config.general", NULL },   /* a view of other classes: no file */
    { CONFIG_GENERAL_FLAGS, "config.general_flags", L"general.rec" },
    { CONFIG_JOURNAL, "config.journal", L"general-pending.rec" },
    { FXS_CONFIG_INBOUND_ROUTING, "config.inbound_routing", L"inbound_routing.rec" },
};

static int class_index(DWORD config_class)
{
    unsigned int i;
    for (i = 0; i < ARRAY_SIZE(classes); i++)
        if (classes[i].config_class == config_class) return i;
    return -1;
}

BOOL config_class_known(DWORD config_class)
{
    return config_class != CONFIG_GENERAL_FLAGS && config_class != CONFIG_JOURNAL && class_index(config_class) >= 0;
}

const char *config_kind(DWORD config_class)
{
    int i = class_index(config_class);
    return i < 0 ? NULL : classes[i].kind;
}

const WCHAR *config_file_name(DWORD config_class)
{
    int i = class_index(config_class);
    return i < 0 ? NULL : classes[i].file;
}

/* ---- fields ---- */

enum field_type { FIELD_BOOL, FIELD_NUMBER, FIELD_STRING };

struct field
{
    const char *key;
    enum field_type type;
    size_t offset;
    size_t length;          /* FIELD_STRING: WCHARs of the array, the terminator's included */
};

#define BOOL_FIELD(s, m)   { #m, FIELD_BOOL, offsetof(struct s, m), 0 }
#define NUMBER_FIELD(s, m) { #m, FIELD_NUMBER, offsetof(struct s, m), 0 }
#define STRING_FIELD(s, m) { #m, FIELD_STRING, offsetof(struct s, m), ARRAY_SIZE(((struct s *)0)->m) }

static const struct field outbox_fields[] =
{
    BOOL_FIELD(outbox_config, blocked),
    BOOL_FIELD(outbox_config, paused),
    BOOL_FIELD(outbox_config, allow_personal_cover_pages),
    BOOL_FIELD(outbox_config, use_device_tsid),
    NUMBER_FIELD(outbox_config, retries),
    NUMBER_FIELD(outbox_config, retry_delay),
    NUMBER_FIELD(outbox_config, discount_start),
    NUMBER_FIELD(outbox_config, discount_end),
    NUMBER_FIELD(outbox_config, age_limit),
    BOOL_FIELD(outbox_config, branding),
};

static const struct field archive_fields[] =
{
    BOOL_FIELD(archive_config, use_archive),
    STRING_FIELD(archive_config, folder),
    BOOL_FIELD(archive_config, size_quota_warning),
    NUMBER_FIELD(archive_config, high_quota_water_mark),
    NUMBER_FIELD(archive_config, low_quota_water_mark),
    NUMBER_FIELD(archive_config, age_limit),
};

static const struct field activity_logging_fields[] =
{
    BOOL_FIELD(activity_logging_config, log_incoming),
    BOOL_FIELD(activity_logging_config, log_outgoing),
    STRING_FIELD(activity_logging_config, folder),
};

static const struct field event_logging_fields[] =
{
    NUMBER_FIELD(event_logging_config, init_level),
    NUMBER_FIELD(event_logging_config, inbound_level),
    NUMBER_FIELD(event_logging_config, outbound_level),
    NUMBER_FIELD(event_logging_config, general_level),
};

/* The password is not among them: only some readers may see it (CONFIG_RECORD_SECRETS). */
static const struct field receipts_fields[] =
{
    NUMBER_FIELD(receipts_config, authentication_type),
    STRING_FIELD(receipts_config, smtp_server),
    NUMBER_FIELD(receipts_config, smtp_port),
    STRING_FIELD(receipts_config, smtp_sender),
    STRING_FIELD(receipts_config, smtp_user),
    NUMBER_FIELD(receipts_config, allowed_receipts),
    BOOL_FIELD(receipts_config, use_for_inbound_routing),
};

static const struct field device_fields[] =
{
    STRING_FIELD(device_config, description),
    BOOL_FIELD(device_config, send_enabled),
    NUMBER_FIELD(device_config, receive_mode),
    NUMBER_FIELD(device_config, rings_before_answer),
    STRING_FIELD(device_config, csid),
    STRING_FIELD(device_config, tsid),
};

static const struct field rule_fields[] =
{
    NUMBER_FIELD(routing_rule, country_code),
    NUMBER_FIELD(routing_rule, area_code),
    BOOL_FIELD(routing_rule, use_device),
    NUMBER_FIELD(routing_rule, device_id),
    STRING_FIELD(routing_rule, group_name),
};

static const struct field general_fields[] =
{
    BOOL_FIELD(general_config, auto_create_account_on_connect),
    BOOL_FIELD(general_config, incoming_faxes_are_public),
};

#define FIELDS(table) table, ARRAY_SIZE(table)

static DWORD error_from_record(record_status status)
{
    return status == RECORD_ERR_NO_MEMORY ? ERROR_OUTOFMEMORY : ERROR_INVALID_PARAMETER;
}

/* ---- writing ---- */

static void make_key(char *key, const char *prefix, const char *name)
{
    snprintf(key, RECORD_MAX_KEY + 1, "%s%s", prefix, name);
}

static record_status add_string(record *rec, const char *key, const WCHAR *text, size_t size)
{
    return record_add_utf16(rec, key, (const uint16_t *)text, wcsnlen(text, size));
}

static record_status add_fields(record *rec, const char *prefix, const struct field *fields, unsigned int count,
                                const void *base)
{
    char key[RECORD_MAX_KEY + 1];
    record_status status = RECORD_OK;
    unsigned int i;

    for (i = 0; i < count && !status; i++)
    {
        const BYTE *value = (const BYTE *)base + fields[i].offset;

        make_key(key, prefix, fields[i].key);
        switch (fields[i].type)
        {
        case FIELD_BOOL: status = record_add_bool(rec, key, *(const BOOL *)value != 0); break;
        case FIELD_NUMBER: status = record_add_u64(rec, key, *(const DWORD *)value); break;
        case FIELD_STRING: status = add_string(rec, key, (const WCHAR *)value, fields[i].length); break;
        }
    }
    return status;
}

/* "1,2,3": the devices of a group in their order. */
static void format_device_ids(const struct routing_group *group, char *text, size_t size)
{
    size_t used = 0;
    DWORD i;

    text[0] = 0;
    for (i = 0; i < group->device_count && i < CONFIG_MAX_DEVICES && used < size; i++)
        used += snprintf(text + used, size - used, i ? ",%lu" : "%lu", group->device_ids[i]);
}

static record_status add_groups(record *rec, const struct service_config *config, DWORD flags)
{
    char key[RECORD_MAX_KEY + 1], ids[CONFIG_MAX_DEVICES * 11 + 1];
    record_status status = record_add_u64(rec, "count", config->group_count);
    DWORD i;

    for (i = 0; i < config->group_count && !status; i++)
    {
        const struct routing_group *group = &config->groups[i];

        snprintf(key, sizeof(key), "group.%lu.name", i);
        status = add_string(rec, key, group->name, ARRAY_SIZE(group->name));
        format_device_ids(group, ids, sizeof(ids));
        snprintf(key, sizeof(key), "group.%lu.devices", i);
        if (!status) status = record_add_string(rec, key, ids);
        snprintf(key, sizeof(key), "group.%lu.status", i);
        if (!status && (flags & CONFIG_RECORD_STATUS)) status = record_add_u64(rec, key, config_group_status(group));
    }
    return status;
}

static record_status add_rules(record *rec, const struct service_config *config, DWORD flags)
{
    char prefix[32], key[RECORD_MAX_KEY + 1];
    record_status status = record_add_u64(rec, "count", config->rule_count);
    DWORD i;

    for (i = 0; i < config->rule_count && !status; i++)
    {
        snprintf(prefix, sizeof(prefix), "rule.%lu.", i);
        status = add_fields(rec, prefix, FIELDS(rule_fields), &config->rules[i]);
        make_key(key, prefix, "status");
        if (!status && (flags & CONFIG_RECORD_STATUS))
            status = record_add_u64(rec, key, config_rule_status(config, &config->rules[i]));
    }
    return status;
}

static record_status add_devices(record *rec, const struct service_config *config, DWORD flags)
{
    record_status status = RECORD_OK;
    char prefix[32];
    DWORD i;

    for (i = 0; i < config->device_count && !status; i++)
    {
        const struct device_config *device = &config->devices[i];

        if (!(flags & CONFIG_RECORD_ALL) && !device_find(device->device_id)) continue;
        snprintf(prefix, sizeof(prefix), "device.%lu.", device->device_id);
        status = add_fields(rec, prefix, FIELDS(device_fields), device);
    }
    return status;
}

static record_status add_class(record *rec, DWORD config_class, const struct service_config *config, DWORD flags)
{
    struct archive_config archive;
    record_status status;

    switch (config_class)
    {
    case FXS_CONFIG_OUTBOX:
        return add_fields(rec, "", FIELDS(outbox_fields), &config->outbox);
    case FXS_CONFIG_INCOMING_QUEUE:
        return record_add_bool(rec, "blocked", config->incoming_blocked != 0);
    case FXS_CONFIG_SENTITEMS:
    case FXS_CONFIG_INBOX:
    {
        BOOL incoming = config_class == FXS_CONFIG_INBOX;
        status = add_fields(rec, "", FIELDS(archive_fields), incoming ? &config->incoming_archive
                                                                      : &config->outgoing_archive);
        if (!status && (flags & CONFIG_RECORD_STATUS)) status = record_add_u64(rec, "size", archive_size(incoming));
        return status;
    }
    case FXS_CONFIG_ACTIVITY_LOGGING:
        return add_fields(rec, "", FIELDS(activity_logging_fields), &config->activity_logging);
    case FXS_CONFIG_EVENTLOGS:
        return add_fields(rec, "", FIELDS(event_logging_fields), &config->event_logging);
    case FXS_CONFIG_RECEIPTS:
        status = add_fields(rec, "", FIELDS(receipts_fields), &config->receipts);
        if (!status && (flags & CONFIG_RECORD_SECRETS))
            status = add_string(rec, "smtp_password", config->receipts.smtp_password,
                                ARRAY_SIZE(config->receipts.smtp_password));
        return status;
    case FXS_CONFIG_SECURITY:
        return record_add_bytes(rec, "descriptor", config->security.descriptor,
                                min(config->security.descriptor_size, CONFIG_MAX_SECURITY));
    case FXS_CONFIG_DEVICES:
        return add_devices(rec, config, flags);
    case FXS_CONFIG_OUT_GROUPS:
        return add_groups(rec, config, flags);
    case FXS_CONFIG_OUT_RULES:
        return add_rules(rec, config, flags);
    case FXS_CONFIG_GENERAL:
        config_general_archive(config, &archive);
        status = add_fields(rec, "archive.", FIELDS(archive_fields), &archive);
        if (!status && (flags & CONFIG_RECORD_STATUS))
            status = record_add_u64(rec, "archive.size", archive_size(FALSE) + archive_size(TRUE));
        if (!status) status = add_fields(rec, "outbox.", FIELDS(outbox_fields), &config->outbox);
        if (!status) status = record_add_bool(rec, "incoming_blocked", config->incoming_blocked != 0);
        if (!status) status = add_fields(rec, "", FIELDS(general_fields), &config->general);
        return status;
    case CONFIG_GENERAL_FLAGS:
        return add_fields(rec, "", FIELDS(general_fields), &config->general);
    case FXS_CONFIG_INBOUND_ROUTING:
        return inbound_routing_to_record(rec, config, flags);
    case CONFIG_JOURNAL:
        status = add_fields(rec, "outbox.", FIELDS(outbox_fields), &config->outbox);
        if (!status) status = record_add_bool(rec, "incoming_blocked", config->incoming_blocked != 0);
        if (!status) status = add_fields(rec, "sentitems.", FIELDS(archive_fields), &config->outgoing_archive);
        if (!status) status = add_fields(rec, "inbox.", FIELDS(archive_fields), &config->incoming_archive);
        if (!status) status = add_fields(rec, "", FIELDS(general_fields), &config->general);
        return status;
    }
    return RECORD_ERR_INVALID_ARG;
}

DWORD config_to_record(DWORD config_class, const struct service_config *config, DWORD flags, record **out)
{
    record_status status;

    *out = NULL;
    if (!config_kind(config_class)) return ERROR_INVALID_PARAMETER;
    if ((status = record_create(config_kind(config_class), out))) return error_from_record(status);
    if ((status = add_class(*out, config_class, config, flags)))
    {
        record_free(*out);
        *out = NULL;
        return error_from_record(status);
    }
    return ERROR_SUCCESS;
}

/* ---- reading ---- */

/* A string into a fixed array, the rest of which is zeroed (so that equal values compare equal
 * byte for byte). Too long, or holding a NUL: ERROR_INVALID_PARAMETER. */
static DWORD get_string(const record *rec, const char *key, WCHAR *out, size_t size)
{
    record_status status;
    uint16_t *text;
    size_t length;

    if ((status = record_get_utf16(rec, key, &text, &length))) return error_from_record(status);
    if (length >= size || wcsnlen((const WCHAR *)text, length) != length)
    {
        free(text);
        return ERROR_INVALID_PARAMETER;
    }
    memset(out, 0, size * sizeof(WCHAR));
    memcpy(out, text, length * sizeof(WCHAR));
    free(text);
    return ERROR_SUCCESS;
}

/* Reads every field of the table (all required) into base; *used counts the keys read. */
static DWORD get_fields(const record *rec, const char *prefix, const struct field *fields, unsigned int count,
                        void *base, size_t *used)
{
    char key[RECORD_MAX_KEY + 1];
    unsigned int i;

    for (i = 0; i < count; i++)
    {
        BYTE *value = (BYTE *)base + fields[i].offset;
        record_status status = RECORD_OK;
        uint32_t number;
        int flag;

        make_key(key, prefix, fields[i].key);
        switch (fields[i].type)
        {
        case FIELD_BOOL:
            if (!(status = record_get_bool(rec, key, &flag))) *(BOOL *)value = flag;
            break;
        case FIELD_NUMBER:
            if (!(status = record_get_u32(rec, key, &number))) *(DWORD *)value = number;
            break;
        case FIELD_STRING:
        {
            DWORD error = get_string(rec, key, (WCHAR *)value, fields[i].length);
            if (error) return error;
            break;
        }
        }
        if (status) return error_from_record(status);
        (*used)++;
    }
    return ERROR_SUCCESS;
}

/* A read-only key a client may give back: ignored, but counted as known. */
static void skip_optional(const record *rec, const char *key, size_t *used)
{
    if (record_has(rec, key)) (*used)++;
}

BOOL config_parse_number(const char *text, DWORD *number, const char **end)
{
    ULONGLONG value = 0;
    const char *p = text;

    while (*p >= '0' && *p <= '9' && p - text < 11) value = value * 10 + (*p++ - '0');
    if (p == text || (*text == '0' && p - text > 1) || value > 0xffffffff) return FALSE;
    *number = (DWORD)value;
    *end = p;
    return TRUE;
}

static DWORD parse_device_ids(const char *text, struct routing_group *group)
{
    const char *p = text;

    group->device_count = 0;
    if (!*p) return ERROR_SUCCESS;
    for (;;)
    {
        DWORD id;
        if (group->device_count == CONFIG_MAX_DEVICES || !config_parse_number(p, &id, &p)) return ERROR_INVALID_PARAMETER;
        group->device_ids[group->device_count++] = id;
        if (!*p) return ERROR_SUCCESS;
        if (*p++ != ',') return ERROR_INVALID_PARAMETER;
    }
}

/* "count", 1 to max. */
static DWORD get_count(const record *rec, DWORD max, DWORD *count, size_t *used)
{
    uint32_t value;
    record_status status = record_get_u32(rec, "count", &value);

    if (status) return error_from_record(status);
    if (!value || value > max) return ERROR_INVALID_PARAMETER;
    *count = value;
    (*used)++;
    return ERROR_SUCCESS;
}

static DWORD get_groups(const record *rec, struct service_config *config, size_t *used)
{
    char key[RECORD_MAX_KEY + 1];
    const char *ids;
    DWORD count, i, error;

    if ((error = get_count(rec, CONFIG_MAX_GROUPS, &count, used))) return error;
    for (i = 0; i < count; i++)
    {
        struct routing_group *group = &config->groups[i];

        memset(group, 0, sizeof(*group));
        snprintf(key, sizeof(key), "group.%lu.name", i);
        if ((error = get_string(rec, key, group->name, ARRAY_SIZE(group->name)))) return error;
        snprintf(key, sizeof(key), "group.%lu.devices", i);
        if (record_get_string(rec, key, &ids) || parse_device_ids(ids, group)) return ERROR_INVALID_PARAMETER;
        snprintf(key, sizeof(key), "group.%lu.status", i);
        skip_optional(rec, key, used);
        *used += 2;
    }
    config->group_count = count;
    return ERROR_SUCCESS;
}

static DWORD get_rules(const record *rec, struct service_config *config, size_t *used)
{
    char prefix[32], key[RECORD_MAX_KEY + 1];
    DWORD count, i, error;

    if ((error = get_count(rec, CONFIG_MAX_RULES, &count, used))) return error;
    for (i = 0; i < count; i++)
    {
        struct routing_rule *rule = &config->rules[i];

        memset(rule, 0, sizeof(*rule));
        snprintf(prefix, sizeof(prefix), "rule.%lu.", i);
        if ((error = get_fields(rec, prefix, FIELDS(rule_fields), rule, used))) return error;
        make_key(key, prefix, "status");
        skip_optional(rec, key, used);
    }
    config->rule_count = count;
    return ERROR_SUCCESS;
}

/* The device a key "device.<id>.<name>" is about. */
static BOOL device_key(const char *key, DWORD *id)
{
    const char *end;
    return !strncmp(key, "device.", 7) && config_parse_number(key + 7, id, &end) && *end == '.';
}

static struct device_config *find_device(struct service_config *config, DWORD id)
{
    DWORD i;
    for (i = 0; i < config->device_count; i++)
        if (config->devices[i].device_id == id) return &config->devices[i];
    return NULL;
}

/* The settings of one device the record names: present now, or (CONFIG_RECORD_ALL) any. */
static DWORD device_for_record(struct service_config *config, DWORD id, DWORD flags, struct device_config **out)
{
    struct device_config *device = find_device(config, id);

    if (!(flags & CONFIG_RECORD_ALL))
    {
        if (!device || !device_find(id)) return ERROR_NOT_FOUND;
    }
    else if (!device)
    {
        if (config->device_count == CONFIG_MAX_DEVICES) return ERROR_INVALID_PARAMETER;
        device = &config->devices[config->device_count++];
        memset(device, 0, sizeof(*device));
        device->device_id = id;
    }
    *out = device;
    return ERROR_SUCCESS;
}

/* The devices the record names get its settings; the others keep theirs. */
static DWORD get_devices(const record *rec, DWORD flags, struct service_config *config, size_t *used)
{
    DWORD ids[CONFIG_MAX_DEVICES], count = 0, id, i, j, error;
    struct device_config *device;
    char prefix[32];
    const char *key;

    for (i = 0; i < record_count(rec); i++)
    {
        if (record_field(rec, i, &key, NULL, NULL) || !device_key(key, &id)) return ERROR_INVALID_PARAMETER;
        for (j = 0; j < count && ids[j] != id; j++) ;
        if (j < count) continue;
        if (count == ARRAY_SIZE(ids)) return ERROR_INVALID_PARAMETER;
        ids[count++] = id;
    }
    for (i = 0; i < count; i++)
    {
        if ((error = device_for_record(config, ids[i], flags, &device))) return error;
        snprintf(prefix, sizeof(prefix), "device.%lu.", ids[i]);
        if ((error = get_fields(rec, prefix, FIELDS(device_fields), device, used))) return error;
    }
    return ERROR_SUCCESS;
}

static DWORD get_security(const record *rec, struct security_config *security, size_t *used)
{
    const uint8_t *data;
    size_t size;
    record_status status = record_get_bytes(rec, "descriptor", &data, &size);

    if (status) return error_from_record(status);
    if (!size || size > CONFIG_MAX_SECURITY) return ERROR_INVALID_PARAMETER;
    memset(security, 0, sizeof(*security));
    memcpy(security->descriptor, data, size);
    security->descriptor_size = (DWORD)size;
    (*used)++;
    return ERROR_SUCCESS;
}

static DWORD get_receipts(const record *rec, struct receipts_config *receipts, size_t *used)
{
    DWORD error = get_fields(rec, "", FIELDS(receipts_fields), receipts, used);

    /* Absent: the password in force stays, which a reader without the right never saw. */
    if (error || !record_has(rec, "smtp_password")) return error;
    (*used)++;
    return get_string(rec, "smtp_password", receipts->smtp_password, ARRAY_SIZE(receipts->smtp_password));
}

static DWORD get_blocked(const record *rec, const char *key, BOOL *blocked, size_t *used)
{
    int value;

    if (record_get_bool(rec, key, &value)) return ERROR_INVALID_PARAMETER;
    *blocked = value;
    (*used)++;
    return ERROR_SUCCESS;
}

static DWORD get_general(const record *rec, struct service_config *config, size_t *used)
{
    struct general_view view;
    DWORD error;

    config_get_general(&view);
    if ((error = get_fields(rec, "archive.", FIELDS(archive_fields), &view.archive, used)) ||
        (error = get_fields(rec, "outbox.", FIELDS(outbox_fields), &view.outbox, used)) ||
        (error = get_fields(rec, "", FIELDS(general_fields), &view.general, used)) ||
        (error = get_blocked(rec, "incoming_blocked", &view.incoming_blocked, used)))
        return error;
    skip_optional(rec, "archive.size", used);
    config_apply_general(config, &view);
    return ERROR_SUCCESS;
}

/* Every class the general view may change, as they are to be. */
static DWORD get_journal(const record *rec, struct service_config *config, size_t *used)
{
    DWORD error;

    if ((error = get_fields(rec, "outbox.", FIELDS(outbox_fields), &config->outbox, used)) ||
        (error = get_blocked(rec, "incoming_blocked", &config->incoming_blocked, used)) ||
        (error = get_fields(rec, "sentitems.", FIELDS(archive_fields), &config->outgoing_archive, used)) ||
        (error = get_fields(rec, "inbox.", FIELDS(archive_fields), &config->incoming_archive, used)))
        return error;
    return get_fields(rec, "", FIELDS(general_fields), &config->general, used);
}

static DWORD get_class(DWORD config_class, const record *rec, DWORD flags, struct service_config *config,
                       size_t *used)
{
    switch (config_class)
    {
    case FXS_CONFIG_OUTBOX:
        return get_fields(rec, "", FIELDS(outbox_fields), &config->outbox, used);
    case FXS_CONFIG_INCOMING_QUEUE:
        return get_blocked(rec, "blocked", &config->incoming_blocked, used);
    case FXS_CONFIG_SENTITEMS:
    case FXS_CONFIG_INBOX:
        skip_optional(rec, "size", used);
        return get_fields(rec, "", FIELDS(archive_fields), config_class == FXS_CONFIG_INBOX ?
                          &config->incoming_archive : &config->outgoing_archive, used);
    case FXS_CONFIG_ACTIVITY_LOGGING:
        return get_fields(rec, "", FIELDS(activity_logging_fields), &config->activity_logging, used);
    case FXS_CONFIG_EVENTLOGS:
        return get_fields(rec, "", FIELDS(event_logging_fields), &config->event_logging, used);
    case FXS_CONFIG_RECEIPTS:
        return get_receipts(rec, &config->receipts, used);
    case FXS_CONFIG_SECURITY:
        return get_security(rec, &config->security, used);
    case FXS_CONFIG_DEVICES:
        return get_devices(rec, flags, config, used);
    case FXS_CONFIG_OUT_GROUPS:
        return get_groups(rec, config, used);
    case FXS_CONFIG_OUT_RULES:
        return get_rules(rec, config, used);
    case FXS_CONFIG_GENERAL:
        return get_general(rec, config, used);
    case CONFIG_GENERAL_FLAGS:
        return get_fields(rec, "", FIELDS(general_fields), &config->general, used);
    case FXS_CONFIG_INBOUND_ROUTING:
        return inbound_routing_from_record(rec, flags, config, used);
    case CONFIG_JOURNAL:
        return get_journal(rec, config, used);
    }
    return ERROR_INVALID_PARAMETER;
}

DWORD config_from_record(DWORD config_class, const record *rec, DWORD flags, struct service_config *config)
{
    const char *kind = config_kind(config_class);
    size_t used = 0;
    DWORD error;

    if (!kind || !rec || strcmp(record_kind(rec), kind)) return ERROR_INVALID_PARAMETER;
    if ((error = get_class(config_class, rec, flags, config, &used))) return error;
    skip_optional(rec, FXS_REVISION_KEY, &used);    /* checked by the caller (config_revision.h) */
    /* Every key was read once (keys are unique): any other one is unknown. */
    return used == record_count(rec) ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}
