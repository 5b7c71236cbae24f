/*
 * The configuration in force (see config.h): its defaults and the devices' default settings.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "config.h"
#include <sddl.h>
#include "faxcomex.h"

/* The default security: Administrators may do everything; everyone may submit at any priority and
 * look at the jobs, the configuration and both archives. */
static const WCHAR default_security[] = L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)";

static void default_security_descriptor(struct security_config *security)
{
    PSECURITY_DESCRIPTOR descriptor;
    ULONG size;

    security->descriptor_size = 0;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(default_security, SDDL_REVISION_1, &descriptor, &size))
        return;
    if (size <= sizeof(security->descriptor))
    {
        memcpy(security->descriptor, descriptor, size);
        security->descriptor_size = size;
    }
    LocalFree(descriptor);
}

static struct service_config config;

const struct service_config *config_get(void)
{
    return &config;
}

void config_init_defaults(void)
{
    memset(&config, 0, sizeof(config));
    config.outbox.allow_personal_cover_pages = TRUE;
    config.outbox.retries = 3;
    config.outbox.retry_delay = 10;
    config.outbox.discount_start = 20 * 60;
    config.outbox.discount_end = 7 * 60;
    config.incoming_archive.use_archive = TRUE;
    config.incoming_archive.high_quota_water_mark = 50;
    config.incoming_archive.low_quota_water_mark = 40;
    config.outgoing_archive = config.incoming_archive;
    config.activity_logging.log_incoming = TRUE;
    config.activity_logging.log_outgoing = TRUE;
    config.event_logging.init_level = fllMIN;
    config.event_logging.inbound_level = fllMIN;
    config.event_logging.outbound_level = fllMIN;
    config.event_logging.general_level = fllMIN;
    config.receipts.smtp_port = 25;
    config.receipts.allowed_receipts = frtNONE;
    config.receipts.authentication_type = fsatANONYMOUS;
    default_security_descriptor(&config.security);

    config.group_count = 1;
    lstrcpyW(config.groups[0].name, bstrGROUPNAME_ALLDEVICES);
    config.rule_count = 1;
    config.rules[0].country_code = frrcANY_CODE;
    config.rules[0].area_code = frrcANY_CODE;
    lstrcpyW(config.rules[0].group_name, bstrGROUPNAME_ALLDEVICES);
}

/* A device seen for the first time gets default settings and joins "<All Devices>". */
void config_add_device(DWORD device_id, const WCHAR *description)
{
    struct device_config *device;
    struct routing_group *all = &config.groups[0];
    DWORD i;

    for (i = 0; i < config.device_count; i++)
        if (config.devices[i].device_id == device_id) return;
    if (config.device_count == CONFIG_MAX_DEVICES) return;

    device = &config.devices[config.device_count++];
    memset(device, 0, sizeof(*device));
    device->device_id = device_id;
    lstrcpynW(device->description, description, CONFIG_MAX_STRING);
    device->send_enabled = TRUE;
    device->receive_mode = fdrmAUTO_ANSWER;
    device->rings_before_answer = 2;
    swprintf(device->csid, ARRAYSIZE(device->csid), L"Fax %lu", device_id);
    lstrcpyW(device->tsid, device->csid);
    if (all->device_count < CONFIG_MAX_DEVICES) all->device_ids[all->device_count++] = device_id;
}
