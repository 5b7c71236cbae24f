/*
 * Folders a client names in the configuration (the activity log's, the archives'): the setting
 * made a full path, and the folder made to exist.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_FOLDER_H
#define FXSSVC_FOLDER_H

#include <windows.h>

/* The setting with its environment variables (%ProgramData%) expanded, made canonical
 * (GetFullPathNameW: "." and ".." gone) and without a trailing backslash but for a drive's root.
 * It must be a folder path_safety.h allows (on a drive, "X:\...", of plain names, not the data
 * root nor inside its own folders): anything else (relative, UNC, device names, "..", ...) is
 * ERROR_BAD_PATHNAME; a setting or result too long (more than max_length characters) is
 * ERROR_FILENAME_EXCED_RANGE. folder holds MAX_PATH WCHARs. */
DWORD folder_resolve(const WCHAR *setting, size_t max_length, WCHAR folder[MAX_PATH]);

/* Creates a folder and its missing parents. ERROR_SUCCESS when it exists afterwards,
 * ERROR_DIRECTORY when a file has its name, else why it could not be created. */
DWORD folder_create(const WCHAR *folder);

/* Whether path is folder or inside it (ASCII case-insensitively, both resolved). */
BOOL folder_contains(const WCHAR *folder, const WCHAR *path);

#endif /* FXSSVC_FOLDER_H */
