/*
 * The engine's fax devices: the devices every provider added, what each is doing (sending,
 * receiving, ringing), and the status events when that changes. Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_DEVICES_H
#define FXSSVC_DEVICES_H

#include <windows.h>
#include "provider.h"

struct job;

struct device
{
    DWORD id;
    struct provider *provider;
    WCHAR name[64];
    WCHAR number[64];
    WCHAR description[128];
    BOOL powered_off;
    struct job *sending;            /* the job this device sends, or NULL */
    struct job *receiving;          /* the job this device receives, or NULL */
    LONG ringing_call;              /* the call ringing on it now, 0: none */
    WCHAR caller_id[64];            /* of the ringing call */
    unsigned int rings;
};

/* Starts the providers (the virtual line first), which add their devices. */
DWORD devices_start(void);
void devices_stop(void);

unsigned int devices_count(void);
struct device *device_at(unsigned int index);
struct device *device_find(DWORD id);
BOOL device_is_free(const struct device *device);

/* Publishes the device's status (OnDeviceStatusChange). */
void device_notify(const struct device *device);

/* The provider events the engine implements (outbox, inbox, devices). */
extern const struct provider_events engine_provider_events;

#endif /* FXSSVC_DEVICES_H */
