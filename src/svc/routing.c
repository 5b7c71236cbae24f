/*
 * Outbound routing (see routing.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <wchar.h>
#include <stdlib.h>
#include "routing.h"
#include "devices.h"

void routing_parse_number(const WCHAR *number, DWORD *country_code, DWORD *area_code)
{
    const WCHAR *p = number;
    WCHAR *end;

    *country_code = *area_code = 0;
    if (!p || *p != '+') return;
    *country_code = wcstoul(p + 1, &end, 10);
    p = end;
    while (*p == ' ') p++;
    if (*p == '(') *area_code = wcstoul(p + 1, NULL, 10);
}

const struct routing_rule *routing_rule_for(const WCHAR *number)
{
    const struct service_config *config = config_get();
    const struct routing_rule *country_rule = NULL;
    DWORD country, area, i;

    routing_parse_number(number, &country, &area);
    for (i = 0; i < config->rule_count; i++)
    {
        const struct routing_rule *rule = &config->rules[i];
        if (!country || rule->country_code != country) continue;
        if (rule->area_code == area && area) return rule;
        if (!rule->area_code) country_rule = rule;
    }
    return country_rule ? country_rule : &config->rules[0];
}

const struct device_config *routing_device_config(DWORD device_id)
{
    const struct service_config *config = config_get();
    DWORD i;

    for (i = 0; i < config->device_count; i++)
        if (config->devices[i].device_id == device_id) return &config->devices[i];
    return NULL;
}

static struct device *usable_device(DWORD device_id)
{
    const struct device_config *settings = routing_device_config(device_id);
    struct device *device = device_find(device_id);

    if (!device || !device_is_free(device)) return NULL;
    if (settings && !settings->send_enabled) return NULL;
    return device;
}

static const struct routing_group *find_group(const WCHAR *name)
{
    const struct service_config *config = config_get();
    DWORD i;

    for (i = 0; i < config->group_count; i++)
        if (!lstrcmpiW(config->groups[i].name, name)) return &config->groups[i];
    return NULL;
}

struct device *routing_free_device(const WCHAR *number)
{
    const struct routing_rule *rule = routing_rule_for(number);
    const struct routing_group *group;
    struct device *device;
    DWORD i;

    if (rule->use_device) return usable_device(rule->device_id);
    if (!(group = find_group(rule->group_name))) return NULL;
    for (i = 0; i < group->device_count; i++)
        if ((device = usable_device(group->device_ids[i]))) return device;
    return NULL;
}
