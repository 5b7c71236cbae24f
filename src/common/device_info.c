/*
 * Device and provider records: release (see include/fxs_device_info.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include "fxs_device_info.h"

void fxs_device_info_clear(fxs_device_info *device)
{
    free(device->name);
    free(device->provider_unique_name);
    free(device->description);
    free(device->number);
    free(device->csid);
    free(device->tsid);
    memset(device, 0, sizeof(*device));
}

void fxs_device_infos_free(fxs_device_info *devices, DWORD count)
{
    DWORD i;

    if (!devices) return;
    for (i = 0; i < count; i++) fxs_device_info_clear(&devices[i]);
    free(devices);
}

void fxs_provider_info_clear(fxs_provider_info *provider)
{
    free(provider->unique_name);
    free(provider->friendly_name);
    free(provider->image_name);
    free(provider->tapi_provider_name);
    free(provider->device_ids);
    memset(provider, 0, sizeof(*provider));
}

void fxs_provider_infos_free(fxs_provider_info *providers, DWORD count)
{
    DWORD i;

    if (!providers) return;
    for (i = 0; i < count; i++) fxs_provider_info_clear(&providers[i]);
    free(providers);
}
