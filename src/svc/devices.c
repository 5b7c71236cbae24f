/*
 * The engine's fax devices (see devices.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "fxssvc_private.h"
#include "devices.h"
#include "config.h"
#include "notify.h"
#include "outbox.h"
#include "inbox.h"
#include "jobstore.h"
#include "hylafax.h"

#define MAX_PROVIDERS 8

static struct device devices[CONFIG_MAX_DEVICES];
static unsigned int device_count;
static struct provider providers[MAX_PROVIDERS];
static unsigned int provider_count;
static DWORD next_device_id = 1;

unsigned int devices_count(void)
{
    return device_count;
}

struct device *device_at(unsigned int index)
{
    return index < device_count ? &devices[index] : NULL;
}

struct device *device_find(DWORD id)
{
    unsigned int i;
    for (i = 0; i < device_count; i++)
        if (devices[i].id == id) return &devices[i];
    return NULL;
}

BOOL device_is_free(const struct device *device)
{
    return !device->powered_off && !device->sending && !device->receiving && !device->ringing_call;
}

void device_notify(const struct device *device)
{
    notify_device_status(device->id, device->powered_off, device->sending != NULL, device->receiving != NULL,
                         device->ringing_call != 0);
}

DWORD provider_add_device(struct provider *provider, const struct provider_device *added, DWORD *device_id)
{
    struct device *device;

    if (device_count == ARRAY_SIZE(devices)) return ERROR_TOO_MANY_NAMES;
    device = &devices[device_count++];
    memset(device, 0, sizeof(*device));
    device->id = next_device_id++;
    device->provider = provider;
    lstrcpynW(device->name, added->name, ARRAY_SIZE(device->name));
    lstrcpynW(device->number, added->number, ARRAY_SIZE(device->number));
    lstrcpynW(device->description, added->description, ARRAY_SIZE(device->description));
    device->powered_off = added->powered_off;
    config_add_device(device->id, device->description);
    *device_id = device->id;
    return ERROR_SUCCESS;
}

/* The engine follows sending, receiving and ringing itself, from the reports; from the provider's
 * own state it takes only what no report says: whether the device is powered off. */
static void device_changed(DWORD device_id)
{
    struct device *device = device_find(device_id);
    DWORD state;
    BOOL powered_off;

    if (!device || device->provider->ops->get_state(device->provider, device_id, &state)) return;
    powered_off = (state & PROVIDER_DEVICE_POWERED_OFF) != 0;
    if (powered_off == device->powered_off) return;
    device->powered_off = powered_off;
    device_notify(device);
    if (!powered_off) outbox_reschedule();
}

const struct provider_events engine_provider_events =
{
    outbox_send_progress,
    outbox_send_done,
    inbox_ringing,
    inbox_call_ended,
    inbox_receive_started,
    inbox_receive_progress,
    inbox_receive_done,
    device_changed,
    outbox_send_held,
};

static DWORD start_provider(const struct provider_ops *ops)
{
    struct provider *provider;
    DWORD error;

    if (provider_count == MAX_PROVIDERS) return ERROR_TOO_MANY_NAMES;
    provider = &providers[provider_count];
    provider->ops = ops;
    provider->events = &engine_provider_events;
    provider->data = NULL;
    if ((error = ops->start(provider))) return error;
    provider_count++;
    return ERROR_SUCCESS;
}

/* The virtual line first (its devices keep ids 1, 2, ...), then the HylaFAX servers configured. */
DWORD devices_start(void)
{
    DWORD error = start_provider(&virtual_line_ops);

    if (error) return error;
    hylafax_config_load(jobstore_store());
    if (hylafax_config_started()->count && (error = start_provider(&hylafax_ops)))
        svc_log("the HylaFAX provider did not start (%lu)", error);
    return ERROR_SUCCESS;
}

void devices_stop(void)
{
    while (provider_count)
    {
        struct provider *provider = &providers[--provider_count];
        provider->ops->stop(provider);
    }
    device_count = 0;
    next_device_id = 1;
}
