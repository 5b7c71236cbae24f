/*
 * Folders named in the configuration (see folder.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <wchar.h>
#include "fxssvc_private.h"
#include "folder.h"

static BOOL is_full_path(const WCHAR *path)
{
    if (path[0] == '\\' && path[1] == '\\') return TRUE;
    return ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) && path[1] == ':' &&
           (path[2] == '\\' || path[2] == '/');
}

DWORD folder_resolve(const WCHAR *setting, size_t max_length, WCHAR folder[MAX_PATH])
{
    WCHAR expanded[MAX_PATH];
    DWORD length;

    folder[0] = 0;
    length = ExpandEnvironmentStringsW(setting, expanded, ARRAY_SIZE(expanded));
    if (!length || length > ARRAY_SIZE(expanded)) return ERROR_FILENAME_EXCED_RANGE;
    if (!is_full_path(expanded)) return ERROR_BAD_PATHNAME;
    length = GetFullPathNameW(expanded, MAX_PATH, folder, NULL);
    if (!length || length >= MAX_PATH)
    {
        folder[0] = 0;
        return length ? ERROR_FILENAME_EXCED_RANGE : ERROR_BAD_PATHNAME;
    }
    while (length > 3 && (folder[length - 1] == '\\' || folder[length - 1] == '/')) folder[--length] = 0;
    if (length > max_length)
    {
        folder[0] = 0;
        return ERROR_FILENAME_EXCED_RANGE;
    }
    return ERROR_SUCCESS;
}

DWORD folder_create(const WCHAR *folder)
{
    WCHAR path[MAX_PATH];
    DWORD attributes, error;
    size_t i;

    lstrcpynW(path, folder, ARRAY_SIZE(path));
    for (i = 3; path[i]; i++)
    {
        WCHAR c = path[i];
        if (c != '\\' && c != '/') continue;
        path[i] = 0;
        CreateDirectoryW(path, NULL);
        path[i] = c;
    }
    if (CreateDirectoryW(path, NULL)) return ERROR_SUCCESS;
    error = GetLastError();
    if ((attributes = GetFileAttributesW(path)) == INVALID_FILE_ATTRIBUTES) return error;
    return attributes & FILE_ATTRIBUTE_DIRECTORY ? ERROR_SUCCESS : ERROR_DIRECTORY;
}

BOOL folder_contains(const WCHAR *folder, const WCHAR *path)
{
    size_t length = wcslen(folder);

    if (!length || CompareStringOrdinal(folder, length, path, min(length, wcslen(path)), TRUE) != CSTR_EQUAL)
        return FALSE;
    if (wcslen(path) < length) return FALSE;
    return !path[length] || path[length] == '\\' || folder[length - 1] == '\\';
}
