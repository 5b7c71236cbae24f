/*
 * Extension data (IFaxServer and IFaxDevice Get/SetExtensionProperty): a blob per device (0: the
 * server) and GUID, one record file each under the config folder ("ext-<device>-<guid>.rec", the
 * GUID as 32 lowercase hexadecimal digits), written atomically. Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_EXTENSION_DATA_H
#define FXSSVC_EXTENSION_DATA_H

#include <windows.h>

/* Whether text is a GUID "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" (hexadecimal of either case). */
BOOL extension_data_guid_valid(const WCHAR *text);

/* ERROR_INVALID_PARAMETER for a bad GUID or size, ERROR_NOT_FOUND for a device there is not,
 * ERROR_FILE_NOT_FOUND for data never set. *data is malloc'ed (NULL for 0 bytes). */
DWORD extension_data_get(DWORD device_id, const WCHAR *guid, BYTE **data, DWORD *size);
DWORD extension_data_set(DWORD device_id, const WCHAR *guid, const BYTE *data, DWORD size);

#endif /* FXSSVC_EXTENSION_DATA_H */
