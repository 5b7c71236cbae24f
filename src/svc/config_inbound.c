/*
 * The configuration class "config.inbound_routing" (see idl/faxsvc.idl): the priorities of the
 * inbound routing methods and the methods each device uses, as a record and checked. Unlike the
 * other classes, a set may give any part of it: the keys it gives change, the others stay.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fxssvc_private.h"
#include "config_record.h"
#include "devices.h"
#include "inbound_routing.h"

#define KEY_SIZE (RECORD_MAX_KEY + 1)

static void priority_key(char key[KEY_SIZE], unsigned int method)
{
    snprintf(key, KEY_SIZE, "method.%s.priority", inbound_routing_method(method)->key);
}

static void device_key(char key[KEY_SIZE], DWORD device_id, unsigned int method)
{
    snprintf(key, KEY_SIZE, "device.%lu.%s", device_id, inbound_routing_method(method)->key);
}

record_status inbound_routing_to_record(record *rec, const struct service_config *config, DWORD flags)
{
    const struct inbound_routing_config *routing = &config->inbound_routing;
    unsigned int count = inbound_routing_method_count(), i, m;
    record_status status = RECORD_OK;
    char key[KEY_SIZE];

    for (m = 0; m < count && !status; m++)
    {
        priority_key(key, m);
        status = record_add_u64(rec, key, routing->priority[m]);
    }
    for (i = 0; i < routing->device_count && !status; i++)
    {
        const struct device_routing *device = &routing->devices[i];

        if (!(flags & CONFIG_RECORD_ALL) && !device_find(device->device_id)) continue;
        for (m = 0; m < count && !status; m++)
        {
            device_key(key, device->device_id, m);
            status = record_add_bool(rec, key, (device->methods >> m) & 1);
        }
    }
    return status;
}

/* The method whose record key is text up to end (exclusive), -1 when none. */
static int method_of_key(const char *text, size_t length)
{
    unsigned int i;

    for (i = 0; i < inbound_routing_method_count(); i++)
    {
        const char *key = inbound_routing_method(i)->key;
        if (strlen(key) == length && !memcmp(key, text, length)) return i;
    }
    return -1;
}

static DWORD device_routing_for(struct inbound_routing_config *routing, DWORD id, DWORD flags,
                                struct device_routing **out)
{
    DWORD i;

    for (i = 0; i < routing->device_count; i++)
        if (routing->devices[i].device_id == id) break;
    if (!(flags & CONFIG_RECORD_ALL) && (!device_find(id) || i == routing->device_count)) return ERROR_NOT_FOUND;
    if (i == routing->device_count)
    {
        if (routing->device_count == CONFIG_MAX_DEVICES) return ERROR_INVALID_PARAMETER;
        routing->devices[i].device_id = id;
        routing->devices[i].methods = 0;
        routing->device_count++;
    }
    *out = &routing->devices[i];
    return ERROR_SUCCESS;
}

static DWORD read_device_key(const record *rec, const char *key, DWORD flags, struct inbound_routing_config *routing)
{
    struct device_routing *device;
    const char *end;
    DWORD id, error;
    int method, use;

    if (!config_parse_number(key + 7, &id, &end) || *end != '.') return ERROR_INVALID_PARAMETER;
    if ((method = method_of_key(end + 1, strlen(end + 1))) < 0) return ERROR_INVALID_PARAMETER;
    if (record_get_bool(rec, key, &use)) return ERROR_INVALID_PARAMETER;
    if ((error = device_routing_for(routing, id, flags, &device))) return error;
    if (use) device->methods |= 1u << method;
    else device->methods &= ~(1u << method);
    return ERROR_SUCCESS;
}

static DWORD read_priority_key(const record *rec, const char *key, DWORD *priorities, unsigned int *given)
{
    static const char suffix[] = ".priority";
    size_t length = strlen(key + 7);
    uint32_t value;
    int method;

    if (length <= strlen(suffix) || strcmp(key + 7 + length - strlen(suffix), suffix)) return ERROR_INVALID_PARAMETER;
    if ((method = method_of_key(key + 7, length - strlen(suffix))) < 0) return ERROR_INVALID_PARAMETER;
    if (record_get_u32(rec, key, &value)) return ERROR_INVALID_PARAMETER;
    priorities[method] = value;
    (*given)++;
    return ERROR_SUCCESS;
}

DWORD inbound_routing_from_record(const record *rec, DWORD flags, struct service_config *config, size_t *used)
{
    struct inbound_routing_config *routing = &config->inbound_routing;
    DWORD priorities[CONFIG_MAX_ROUTING_METHODS], error;
    unsigned int given = 0;
    const char *key;
    size_t i;

    memcpy(priorities, routing->priority, sizeof(priorities));
    for (i = 0; i < record_count(rec); i++)
    {
        if (record_field(rec, i, &key, NULL, NULL)) return ERROR_INVALID_PARAMETER;
        if (!strncmp(key, "device.", 7)) error = read_device_key(rec, key, flags, routing);
        else if (!strncmp(key, "method.", 7)) error = read_priority_key(rec, key, priorities, &given);
        else error = ERROR_INVALID_PARAMETER;
        if (error) return error;
        (*used)++;
    }
    /* All the priorities or none: a part of an order is no order. */
    if (given && given != inbound_routing_method_count()) return ERROR_INVALID_PARAMETER;
    memcpy(routing->priority, priorities, sizeof(priorities));
    return ERROR_SUCCESS;
}

DWORD inbound_routing_check(const struct service_config *config, BOOL loading)
{
    const struct inbound_routing_config *routing = &config->inbound_routing;
    unsigned int count = inbound_routing_method_count(), i, j;
    DWORD seen = 0;

    for (i = 0; i < count; i++)
    {
        DWORD priority = routing->priority[i];
        if (!priority || priority > count || (seen & (1u << (priority - 1)))) return ERROR_INVALID_PARAMETER;
        seen |= 1u << (priority - 1);
    }
    if (routing->device_count > CONFIG_MAX_DEVICES) return ERROR_INVALID_PARAMETER;
    for (i = 0; i < routing->device_count; i++)
    {
        if (routing->devices[i].methods & ~inbound_routing_default_methods()) return ERROR_INVALID_PARAMETER;
        for (j = 0; j < i; j++)
            if (routing->devices[j].device_id == routing->devices[i].device_id) return ERROR_INVALID_PARAMETER;
    }
    return ERROR_SUCCESS;
}
