/*
 * Reading and writing the service's outbound routing records (see routing_config.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "routing_config.h"
#include "fxs_link.h"
#include "fxs_revision.h"
#include "../svc/record.h"

struct routing_call
{
    DWORD config_class;
    DWORD size;
    BYTE *record;
};

static DWORD get_config(void *session, void *context)
{
    struct routing_call *call = context;
    return fxs_rpc_get_config(session, call->config_class, &call->size, &call->record);
}

static DWORD set_config(void *session, void *context)
{
    struct routing_call *call = context;
    return fxs_rpc_set_config(session, call->config_class, call->size, call->record);
}

static HRESULT bad_record(REFIID iid)
{
    return fxs_error(HRESULT_FROM_WIN32(ERROR_INVALID_DATA), iid,
                     L"The fax service sent its outbound routing in a form this library does not read.");
}

/* The class as a parsed record of the expected kind, and the revision of what was read. */
static HRESULT read_class(IFaxServer *server, REFIID iid, DWORD config_class, const char *kind, record **rec,
                          uint64_t *revision)
{
    struct routing_call call = { config_class };
    DWORD error;
    HRESULT hr;

    *rec = NULL;
    if (FAILED(hr = fxs_service_call(server, get_config, &call, &error))) return hr;
    if (error) return fxs_service_error(error, iid, L"Reading the outbound routing");
    *revision = fxs_config_revision(call.record, call.size);
    if (record_parse(call.record, call.size, rec) || strcmp(record_kind(*rec), kind))
    {
        record_free(*rec);
        *rec = NULL;
        hr = bad_record(iid);
    }
    free(call.record);
    return hr;
}

static HRESULT write_class(IFaxServer *server, REFIID iid, DWORD config_class, record *rec, uint64_t revision,
                           DWORD *error)
{
    struct routing_call call = { config_class };
    size_t size = 0;
    record_status status = record_add_u64(rec, FXS_REVISION_KEY, revision);
    HRESULT hr;

    if (!status) status = record_serialize(rec, &call.record, &size);

    *error = 0;
    if (status == RECORD_ERR_TOO_LARGE) return fxs_error(E_INVALIDARG, iid, L"The outbound routing is too large.");
    if (status) return E_OUTOFMEMORY;
    call.size = (DWORD)size;
    hr = fxs_service_call(server, set_config, &call, error);
    free(call.record);
    return hr;
}

static BSTR get_text(const record *rec, const char *key)
{
    uint16_t *text = NULL;
    size_t length = 0;
    BSTR result;

    if (record_get_utf16(rec, key, &text, &length)) return NULL;
    result = SysAllocStringLen(text, (UINT)length);
    free(text);
    return result;
}

static record_status add_text(record *rec, const char *key, const WCHAR *text)
{
    if (!text) text = L"";
    return record_add_utf16(rec, key, (const uint16_t *)text, wcslen(text));
}

/* "1,2,3": the devices in their order. */
static BOOL parse_device_ids(const char *text, struct routing_group_data *group)
{
    char *end;

    group->device_count = 0;
    if (!(group->device_ids = calloc(ROUTING_MAX_DEVICES, sizeof(*group->device_ids)))) return FALSE;
    while (*text)
    {
        if (group->device_count == ROUTING_MAX_DEVICES || *text < '0' || *text > '9') return FALSE;
        group->device_ids[group->device_count++] = (LONG)strtoul(text, &end, 10);
        text = end;
        if (*text == ',') text++;
        else if (*text) return FALSE;
    }
    return TRUE;
}

HRESULT routing_groups_read(IFaxServer *server, REFIID iid, struct routing_groups_data *groups)
{
    record *rec;
    uint32_t count = 0, status;
    const char *ids;
    char key[64];
    HRESULT hr;
    LONG i;

    memset(groups, 0, sizeof(*groups));
    if (FAILED(hr = read_class(server, iid, FXS_CONFIG_OUT_GROUPS, "config.out_groups", &rec, &groups->revision)))
        return hr;
    if (record_get_u32(rec, "count", &count) || !count || count > 1024 ||
        !(groups->items = calloc(count, sizeof(*groups->items))))
        hr = bad_record(iid);
    for (i = 0; SUCCEEDED(hr) && i < (LONG)count; i++)
    {
        struct routing_group_data *group = &groups->items[i];

        groups->count++;
        snprintf(key, sizeof(key), "group.%ld.name", i);
        group->name = get_text(rec, key);
        snprintf(key, sizeof(key), "group.%ld.devices", i);
        if (!group->name || record_get_string(rec, key, &ids) || !parse_device_ids(ids, group)) hr = bad_record(iid);
        snprintf(key, sizeof(key), "group.%ld.status", i);
        if (!record_get_u32(rec, key, &status)) group->status = status;
    }
    record_free(rec);
    if (FAILED(hr)) routing_groups_free(groups);
    return hr;
}

HRESULT routing_rules_read(IFaxServer *server, REFIID iid, struct routing_rules_data *rules)
{
    record *rec;
    uint32_t count = 0, country, area, device, status;
    int use_device;
    char key[64];
    HRESULT hr;
    LONG i;

    memset(rules, 0, sizeof(*rules));
    if (FAILED(hr = read_class(server, iid, FXS_CONFIG_OUT_RULES, "config.out_rules", &rec, &rules->revision)))
        return hr;
    if (record_get_u32(rec, "count", &count) || !count || count > 4096 ||
        !(rules->items = calloc(count, sizeof(*rules->items))))
        hr = bad_record(iid);
    for (i = 0; SUCCEEDED(hr) && i < (LONG)count; i++)
    {
        struct routing_rule_data *rule = &rules->items[i];

        rules->count++;
#define RULE_KEY(name) (snprintf(key, sizeof(key), "rule.%ld." name, i), key)
        if (record_get_u32(rec, RULE_KEY("country_code"), &country) || record_get_u32(rec, RULE_KEY("area_code"), &area) ||
            record_get_bool(rec, RULE_KEY("use_device"), &use_device) ||
            record_get_u32(rec, RULE_KEY("device_id"), &device) || !(rule->group_name = get_text(rec, RULE_KEY("group_name"))))
        {
            hr = bad_record(iid);
            break;
        }
        rule->country_code = country;
        rule->area_code = area;
        rule->use_device = use_device;
        rule->device_id = device;
        if (!record_get_u32(rec, RULE_KEY("status"), &status)) rule->status = status;
#undef RULE_KEY
    }
    record_free(rec);
    if (FAILED(hr)) routing_rules_free(rules);
    return hr;
}

HRESULT routing_groups_write(IFaxServer *server, REFIID iid, const struct routing_groups_data *groups, DWORD *error)
{
    record_status status;
    record *rec = NULL;
    char key[64], *ids;
    size_t used;
    LONG i, j;
    HRESULT hr;

    *error = 0;
    if (record_create("config.out_groups", &rec)) return E_OUTOFMEMORY;
    if (!(ids = malloc(ROUTING_MAX_DEVICES * 12 + 1)))
    {
        record_free(rec);
        return E_OUTOFMEMORY;
    }
    status = record_add_u64(rec, "count", groups->count);
    for (i = 0; !status && i < groups->count; i++)
    {
        const struct routing_group_data *group = &groups->items[i];

        snprintf(key, sizeof(key), "group.%ld.name", i);
        status = add_text(rec, key, group->name);
        for (j = 0, used = 0, ids[0] = 0; j < group->device_count && j < ROUTING_MAX_DEVICES; j++)
            used += snprintf(ids + used, 13, j ? ",%lu" : "%lu", (unsigned long)group->device_ids[j]);
        snprintf(key, sizeof(key), "group.%ld.devices", i);
        if (!status) status = record_add_string(rec, key, ids);
    }
    free(ids);
    hr = status ? E_OUTOFMEMORY : write_class(server, iid, FXS_CONFIG_OUT_GROUPS, rec, groups->revision, error);
    record_free(rec);
    return hr;
}

HRESULT routing_rules_write(IFaxServer *server, REFIID iid, const struct routing_rules_data *rules, DWORD *error)
{
    record_status status;
    record *rec = NULL;
    char key[64];
    HRESULT hr;
    LONG i;

    *error = 0;
    if (record_create("config.out_rules", &rec)) return E_OUTOFMEMORY;
    status = record_add_u64(rec, "count", rules->count);
    for (i = 0; !status && i < rules->count; i++)
    {
        const struct routing_rule_data *rule = &rules->items[i];
#define RULE_KEY(name) (snprintf(key, sizeof(key), "rule.%ld." name, i), key)
        /* A negative number goes as it is: the service refuses it as out of range. */
        if (!status) status = record_add_i64(rec, RULE_KEY("country_code"), rule->country_code);
        if (!status) status = record_add_i64(rec, RULE_KEY("area_code"), rule->area_code);
        if (!status) status = record_add_bool(rec, RULE_KEY("use_device"), rule->use_device ? 1 : 0);
        if (!status) status = record_add_i64(rec, RULE_KEY("device_id"), rule->device_id);
        if (!status) status = add_text(rec, RULE_KEY("group_name"), rule->group_name);
#undef RULE_KEY
    }
    hr = status ? E_OUTOFMEMORY : write_class(server, iid, FXS_CONFIG_OUT_RULES, rec, rules->revision, error);
    record_free(rec);
    return hr;
}

void routing_group_clear(struct routing_group_data *group)
{
    SysFreeString(group->name);
    free(group->device_ids);
    memset(group, 0, sizeof(*group));
}

void routing_groups_free(struct routing_groups_data *groups)
{
    LONG i;

    for (i = 0; i < groups->count; i++) routing_group_clear(&groups->items[i]);
    free(groups->items);
    memset(groups, 0, sizeof(*groups));
}

void routing_rules_free(struct routing_rules_data *rules)
{
    LONG i;

    for (i = 0; i < rules->count; i++) SysFreeString(rules->items[i].group_name);
    free(rules->items);
    memset(rules, 0, sizeof(*rules));
}

HRESULT routing_group_copy(struct routing_group_data *dst, const struct routing_group_data *src)
{
    *dst = *src;
    dst->name = SysAllocString(src->name);
    dst->device_ids = calloc(ROUTING_MAX_DEVICES, sizeof(*dst->device_ids));
    if (!dst->name || !dst->device_ids)
    {
        routing_group_clear(dst);
        return E_OUTOFMEMORY;
    }
    memcpy(dst->device_ids, src->device_ids, src->device_count * sizeof(*src->device_ids));
    return S_OK;
}

HRESULT routing_rule_copy(struct routing_rule_data *dst, const struct routing_rule_data *src)
{
    *dst = *src;
    return (dst->group_name = SysAllocString(src->group_name ? src->group_name : L"")) ? S_OK : E_OUTOFMEMORY;
}

LONG routing_group_find(const struct routing_groups_data *groups, const WCHAR *name)
{
    LONG i;

    for (i = 0; i < groups->count; i++)
        if (!lstrcmpiW(groups->items[i].name, name ? name : L"")) return i;
    return -1;
}

LONG routing_rule_find(const struct routing_rules_data *rules, LONG country_code, LONG area_code)
{
    LONG i;

    for (i = 0; i < rules->count; i++)
        if (rules->items[i].country_code == country_code && rules->items[i].area_code == area_code) return i;
    return -1;
}

BOOL routing_stale(DWORD error, LONG *attempt)
{
    return error == ERROR_REVISION_MISMATCH && ++*attempt < ROUTING_EDIT_ATTEMPTS;
}

BOOL routing_is_all_devices(const WCHAR *name)
{
    return name && !lstrcmpiW(name, bstrGROUPNAME_ALLDEVICES);
}

HRESULT routing_write_error(DWORD error, REFIID iid, const WCHAR *what)
{
    switch (error)
    {
    case FAX_ERR_GROUP_NOT_FOUND:
        return fxs_error(FAX_E_GROUP_NOT_FOUND, iid, L"%s failed: the fax service has no outbound routing group of that name.",
                         what);
    case FAX_ERR_GROUP_IN_USE:
        return fxs_error(FAX_E_GROUP_IN_USE, iid, L"%s failed: an outbound routing rule uses the group; remove or change "
                         L"the rule first.", what);
    case ERROR_NOT_FOUND:
        return fxs_error(HRESULT_FROM_WIN32(ERROR_BAD_UNIT), iid, L"%s failed: the fax service has no such device.", what);
    case ERROR_ACCESS_DENIED:
        return fxs_error(E_ACCESSDENIED, iid, L"%s failed: the fax service allows changing the outbound routing to "
                         L"administrators only (farMANAGE_CONFIG).", what);
    case ERROR_REVISION_MISMATCH:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed: other clients changed the outbound routing "
                         L"each time this change was made anew (%d times); nothing of it was saved.", what,
                         ROUTING_EDIT_ATTEMPTS);
    default:
        return fxs_service_error(error, iid, what);
    }
}
