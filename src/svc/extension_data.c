/*
 * Extension data (see extension_data.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include "extension_data.h"
#include "devices.h"
#include "jobstore.h"
#include "store.h"

#define EXTENSION_DATA_KIND "extension_data"

static BOOL is_hex(WCHAR c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

BOOL extension_data_guid_valid(const WCHAR *text)
{
    unsigned int i;

    if (!text || wcsnlen(text, FXS_GUID_LENGTH + 1) != FXS_GUID_LENGTH) return FALSE;
    if (text[0] != '{' || text[FXS_GUID_LENGTH - 1] != '}') return FALSE;
    for (i = 1; i < FXS_GUID_LENGTH - 1; i++)
    {
        BOOL dash = i == 9 || i == 14 || i == 19 || i == 24;
        if (dash ? text[i] != '-' : !is_hex(text[i])) return FALSE;
    }
    return TRUE;
}

/* The file of a device's data: the same for a GUID in either case. */
static DWORD file_name(DWORD device_id, const WCHAR *guid, WCHAR name[STORE_MAX_NAME + 1])
{
    WCHAR digits[33];
    unsigned int i, n = 0;

    if (!extension_data_guid_valid(guid)) return ERROR_INVALID_PARAMETER;
    if (device_id && !device_find(device_id)) return ERROR_NOT_FOUND;
    for (i = 1; i < FXS_GUID_LENGTH - 1; i++)
        if (guid[i] != '-') digits[n++] = towlower(guid[i]);
    digits[n] = 0;
    swprintf(name, STORE_MAX_NAME + 1, L"ext-%lu-%ls.rec", device_id, digits);
    return ERROR_SUCCESS;
}

DWORD extension_data_get(DWORD device_id, const WCHAR *guid, BYTE **data, DWORD *size)
{
    WCHAR name[STORE_MAX_NAME + 1];
    const uint8_t *bytes;
    size_t length;
    record *rec;
    DWORD error;

    *data = NULL;
    *size = 0;
    if ((error = file_name(device_id, guid, name))) return error;
    if ((error = store_read_record(jobstore_store(), STORE_CONFIG, name, EXTENSION_DATA_KIND, &rec))) return error;
    if (record_get_bytes(rec, "data", &bytes, &length) || length > FXS_MAX_EXTENSION_DATA) error = ERROR_INVALID_DATA;
    else if (length && !(*data = malloc(length))) error = ERROR_OUTOFMEMORY;
    else
    {
        if (length) memcpy(*data, bytes, length);
        *size = (DWORD)length;
    }
    record_free(rec);
    return error;
}

DWORD extension_data_set(DWORD device_id, const WCHAR *guid, const BYTE *data, DWORD size)
{
    WCHAR name[STORE_MAX_NAME + 1];
    record_status status;
    record *rec;
    DWORD error;

    if (size > FXS_MAX_EXTENSION_DATA || (size && !data)) return ERROR_INVALID_PARAMETER;
    if ((error = file_name(device_id, guid, name))) return error;
    if ((status = record_create(EXTENSION_DATA_KIND, &rec))) return store_error_from_record(status);
    if ((status = record_add_bytes(rec, "data", data, size))) error = store_error_from_record(status);
    else error = store_write_record(jobstore_store(), STORE_CONFIG, name, rec);
    record_free(rec);
    return error;
}
