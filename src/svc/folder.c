/*
 * Folders named in the configuration (see folder.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <wchar.h>
#include "fxssvc_private.h"
#include "folder.h"
#include "jobstore.h"
#include "path_safety.h"
#include "store.h"

/* Whether the expanded setting is a folder the service may use at all (path_safety.h). */
static DWORD check_safe(const WCHAR *expanded, size_t length)
{
    struct store *store = jobstore_store();
    const WCHAR *root = store ? store_root(store) : NULL;
    path_verdict verdict;

    verdict = path_check_folder((const uint16_t *)expanded, length, (const uint16_t *)root, root ? wcslen(root) : 0);
    if (!verdict) return ERROR_SUCCESS;
    svc_log("a folder refused: \"%ls\": %s", expanded, path_verdict_text(verdict));
    return verdict == PATH_TOO_LONG ? ERROR_FILENAME_EXCED_RANGE : ERROR_BAD_PATHNAME;
}

DWORD folder_resolve(const WCHAR *setting, size_t max_length, WCHAR folder[MAX_PATH])
{
    WCHAR expanded[MAX_PATH];
    DWORD length, error;

    folder[0] = 0;
    length = ExpandEnvironmentStringsW(setting, expanded, ARRAY_SIZE(expanded));
    if (!length || length > ARRAY_SIZE(expanded)) return ERROR_FILENAME_EXCED_RANGE;
    if ((error = check_safe(expanded, length - 1))) return error;
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
