/*
 * Device and provider records (fxs_device_info, fxs_provider_info, defined by idl/faxsvc.idl):
 * release of what the stubs or the service allocated, shared by the service and the DLL.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_DEVICE_INFO_H
#define FXS_DEVICE_INFO_H

#include <windows.h>
#include "faxsvc.h"

void fxs_device_info_clear(fxs_device_info *device);
/* Frees an array of records and their strings (what fxs_list_devices returns). */
void fxs_device_infos_free(fxs_device_info *devices, DWORD count);

void fxs_provider_info_clear(fxs_provider_info *provider);
void fxs_provider_infos_free(fxs_provider_info *providers, DWORD count);

#endif /* FXS_DEVICE_INFO_H */
