/*
 * Whether a configuration class may be in force (see config_record.h): the ranges of its values
 * and what it must agree with in the other classes (devices, groups, rules). Pure checks: nothing
 * here changes anything.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <wchar.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "config_record.h"
#include "archive_folder.h"
#include "devices.h"
#include "fxs_security.h"
#include "folder.h"

/* A string that ends within its array. */
#define STRING_OK(array) (wcsnlen(array, ARRAY_SIZE(array)) < ARRAY_SIZE(array))

static DWORD check_outbox(const struct outbox_config *outbox)
{
    if (outbox->retries > CONFIG_MAX_RETRIES || outbox->retry_delay > CONFIG_MAX_RETRY_DELAY ||
        outbox->discount_start >= CONFIG_MINUTES_PER_DAY || outbox->discount_end >= CONFIG_MINUTES_PER_DAY ||
        outbox->age_limit > CONFIG_MAX_AGE_LIMIT)
        return ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

/* The folder last: a Save whose numbers are refused creates no folder. At start, a folder that
 * cannot be used is the archive's business (archive_folder_place), not a damaged record. */
static DWORD check_archive(const struct service_config *config, BOOL incoming, BOOL loading)
{
    const struct archive_config *archive = incoming ? &config->incoming_archive : &config->outgoing_archive;

    if (!STRING_OK(archive->folder) || archive->low_quota_water_mark > archive->high_quota_water_mark ||
        archive->age_limit > CONFIG_MAX_AGE_LIMIT)
        return ERROR_INVALID_PARAMETER;
    return loading ? ERROR_SUCCESS : archive_folder_check(incoming, config);
}

static DWORD check_activity_logging(const struct activity_logging_config *logging)
{
    WCHAR folder[MAX_PATH];

    if (!STRING_OK(logging->folder)) return ERROR_INVALID_PARAMETER;
    return logging->folder[0] ? folder_resolve(logging->folder, MAX_PATH, folder) : ERROR_SUCCESS;
}

static DWORD check_event_logging(const struct event_logging_config *logging)
{
    if (logging->init_level > fllMAX || logging->inbound_level > fllMAX || logging->outbound_level > fllMAX ||
        logging->general_level > fllMAX)
        return ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

/* Receipts by mail need a server to send them through and an address to send them from. */
static DWORD check_receipts(const struct receipts_config *receipts)
{
    if (receipts->authentication_type > fsatNTLM || !receipts->smtp_port || receipts->smtp_port > 65535 ||
        (receipts->allowed_receipts & ~(frtMAIL | frtMSGBOX)) || !STRING_OK(receipts->smtp_server) ||
        !STRING_OK(receipts->smtp_sender) || !STRING_OK(receipts->smtp_user) || !STRING_OK(receipts->smtp_password))
        return ERROR_INVALID_PARAMETER;
    if ((receipts->allowed_receipts & frtMAIL) && (!receipts->smtp_server[0] || !receipts->smtp_sender[0]))
        return ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

/* ---- the security descriptor ---- */

static DWORD check_security(const struct security_config *security)
{
    if (security->descriptor_size > CONFIG_MAX_SECURITY ||
        !fxs_descriptor_valid(security->descriptor, security->descriptor_size))
        return ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

/* ---- devices, groups, rules ---- */

static BOOL has_settings(const struct service_config *config, DWORD device_id)
{
    DWORD i;
    for (i = 0; i < config->device_count; i++)
        if (config->devices[i].device_id == device_id) return TRUE;
    return FALSE;
}

static DWORD check_device(const struct device_config *device)
{
    if (!STRING_OK(device->description) || device->receive_mode > fdrmMANUAL_ANSWER ||
        device->rings_before_answer > CONFIG_MAX_RINGS || !STRING_OK(device->csid) || !STRING_OK(device->tsid))
        return ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

/* Devices come from the providers: a change may set their settings, never add or drop one. */
static DWORD check_devices(const struct service_config *config, BOOL loading)
{
    const struct service_config *current = config_get();
    DWORD i, j, error;

    if (config->device_count > CONFIG_MAX_DEVICES) return ERROR_INVALID_PARAMETER;
    for (i = 0; i < config->device_count; i++)
    {
        if ((error = check_device(&config->devices[i]))) return error;
        for (j = 0; j < i; j++)
            if (config->devices[j].device_id == config->devices[i].device_id) return ERROR_INVALID_PARAMETER;
        if (!loading && (i >= current->device_count || current->devices[i].device_id != config->devices[i].device_id))
            return ERROR_NOT_FOUND;
    }
    if (!loading && config->device_count != current->device_count) return ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

static const struct routing_group *find_group(const struct service_config *config, const WCHAR *name)
{
    DWORD i;
    for (i = 0; i < config->group_count; i++)
        if (!lstrcmpiW(config->groups[i].name, name)) return &config->groups[i];
    return NULL;
}

static BOOL group_has(const struct routing_group *group, DWORD device_id)
{
    DWORD i;
    for (i = 0; i < group->device_count; i++)
        if (group->device_ids[i] == device_id) return TRUE;
    return FALSE;
}

static DWORD check_group(const struct service_config *config, const struct routing_group *group)
{
    DWORD i, j;

    if (!group->name[0] || !STRING_OK(group->name) || group->device_count > CONFIG_MAX_DEVICES)
        return ERROR_INVALID_PARAMETER;
    for (i = 0; i < group->device_count; i++)
    {
        for (j = 0; j < i; j++)
            if (group->device_ids[j] == group->device_ids[i]) return ERROR_INVALID_PARAMETER;
        if (!has_settings(config, group->device_ids[i])) return ERROR_NOT_FOUND;
    }
    return ERROR_SUCCESS;
}

/* "<All Devices>" keeps its name, and always holds every device there is: its order alone may change. */
static DWORD check_all_devices(const struct service_config *config, BOOL loading)
{
    const struct routing_group *all = find_group(config, bstrGROUPNAME_ALLDEVICES);
    const struct routing_group *current = &config_get()->groups[0];
    DWORD i;

    if (!all || lstrcmpW(all->name, bstrGROUPNAME_ALLDEVICES)) return ERROR_INVALID_PARAMETER;
    if (loading) return ERROR_SUCCESS;  /* the devices of this run replace those of the file */
    if (all->device_count != current->device_count) return ERROR_INVALID_PARAMETER;
    for (i = 0; i < all->device_count; i++)
        if (!group_has(current, all->device_ids[i])) return ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

static DWORD check_groups(const struct service_config *config, BOOL loading)
{
    DWORD i, j, error;

    if (!config->group_count || config->group_count > CONFIG_MAX_GROUPS) return ERROR_INVALID_PARAMETER;
    for (i = 0; i < config->group_count; i++)
    {
        if ((error = check_group(config, &config->groups[i]))) return error;
        for (j = 0; j < i; j++)
            if (!lstrcmpiW(config->groups[j].name, config->groups[i].name)) return ERROR_ALREADY_EXISTS;
    }
    if ((error = check_all_devices(config, loading))) return error;
    for (i = 0; i < config->rule_count; i++)
        if (!config->rules[i].use_device && !find_group(config, config->rules[i].group_name))
            return FAX_ERR_GROUP_IN_USE;
    return ERROR_SUCCESS;
}

static DWORD check_rule(const struct service_config *config, const struct routing_rule *rule)
{
    if (!STRING_OK(rule->group_name) || (!rule->country_code && rule->area_code)) return ERROR_INVALID_PARAMETER;
    if (rule->use_device) return has_settings(config, rule->device_id) ? ERROR_SUCCESS : ERROR_NOT_FOUND;
    return find_group(config, rule->group_name) ? ERROR_SUCCESS : FAX_ERR_GROUP_NOT_FOUND;
}

static DWORD check_rules(const struct service_config *config)
{
    BOOL has_default = FALSE;
    DWORD i, j, error;

    if (!config->rule_count || config->rule_count > CONFIG_MAX_RULES) return ERROR_INVALID_PARAMETER;
    for (i = 0; i < config->rule_count; i++)
    {
        const struct routing_rule *rule = &config->rules[i];

        if ((error = check_rule(config, rule))) return error;
        for (j = 0; j < i; j++)
            if (config->rules[j].country_code == rule->country_code && config->rules[j].area_code == rule->area_code)
                return ERROR_ALREADY_EXISTS;
        if (rule->country_code == frrcANY_CODE && rule->area_code == frrcANY_CODE) has_default = TRUE;
    }
    return has_default ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

DWORD config_check(DWORD config_class, const struct service_config *config, BOOL loading)
{
    DWORD error;

    switch (config_class)
    {
    case FXS_CONFIG_OUTBOX: return check_outbox(&config->outbox);
    case FXS_CONFIG_INCOMING_QUEUE: return ERROR_SUCCESS;
    case FXS_CONFIG_SENTITEMS: return check_archive(config, FALSE, loading);
    case FXS_CONFIG_INBOX: return check_archive(config, TRUE, loading);
    case FXS_CONFIG_ACTIVITY_LOGGING: return check_activity_logging(&config->activity_logging);
    case FXS_CONFIG_EVENTLOGS: return check_event_logging(&config->event_logging);
    case FXS_CONFIG_RECEIPTS: return check_receipts(&config->receipts);
    case FXS_CONFIG_SECURITY: return check_security(&config->security);
    case FXS_CONFIG_DEVICES: return check_devices(config, loading);
    case FXS_CONFIG_OUT_GROUPS: return check_groups(config, loading);
    case FXS_CONFIG_OUT_RULES: return check_rules(config);
    case CONFIG_GENERAL_FLAGS: return ERROR_SUCCESS;
    case FXS_CONFIG_INBOUND_ROUTING: return inbound_routing_check(config, loading);
    case FXS_CONFIG_GENERAL:
    case CONFIG_JOURNAL:
        if ((error = check_outbox(&config->outbox)) || (error = check_archive(config, FALSE, loading)) ||
            (error = check_archive(config, TRUE, loading)))
            return error;
        return ERROR_SUCCESS;
    }
    return ERROR_INVALID_PARAMETER;
}

/* ---- status ---- */

DWORD config_group_status(const struct routing_group *group)
{
    DWORD i, present = 0;

    if (!group->device_count) return fgsEMPTY;
    for (i = 0; i < group->device_count; i++) present += device_find(group->device_ids[i]) != NULL;
    if (present == group->device_count) return fgsALL_DEV_VALID;
    return present ? fgsSOME_DEV_NOT_VALID : fgsALL_DEV_NOT_VALID;
}

DWORD config_rule_status(const struct service_config *config, const struct routing_rule *rule)
{
    const struct routing_group *group;

    if (rule->use_device) return device_find(rule->device_id) ? frsVALID : frsBAD_DEVICE;
    if (!(group = find_group(config, rule->group_name))) return frsEMPTY_GROUP;
    switch (config_group_status(group))
    {
    case fgsALL_DEV_VALID: return frsVALID;
    case fgsEMPTY: return frsEMPTY_GROUP;
    case fgsALL_DEV_NOT_VALID: return frsALL_GROUP_DEV_NOT_VALID;
    default: return frsSOME_GROUP_DEV_NOT_VALID;
    }
}
