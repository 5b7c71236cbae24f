/*
 * Names and folders a client gives that the service may turn into paths: the one place that
 * decides whether they are safe. Pure C99 on UTF-16 code units (no Win32, no global state), so
 * that it is built for the host too and fuzzed there (tests/host/path_safety_fuzz.c).
 *
 * A file name (path_check_name) is 1 to PATH_MAX_NAME units, none of them a control character
 * (below 0x20, or 0x7f), a separator (\ /), a colon (drive or alternate data stream), or a
 * wildcard or character Windows refuses in names (* ? " < > |); it is not "." or "..", does not end
 * with a dot or a space (Windows would drop them and open another file), and the part before its
 * first dot is no DOS device name (CON, PRN, AUX, NUL, COM0-COM9, LPT0-LPT9, COM or LPT with a
 * superscript 1-3, CONIN$, CONOUT$, CLOCK$: in any case, with any extension: "nul.txt" is NUL).
 *
 * A folder (path_check_folder) is absolute on a drive: "X:\" followed by names as above separated
 * by single \ or / (no UNC share, no \\?\ or \\.\ device path, no drive-relative "X:name"), at most
 * PATH_MAX_FOLDER units, and it is neither the data root itself nor inside one of the data root's
 * own folders (config, queue, archive, log, tmp), compared without regard to ASCII case. Other
 * folders under the data root are allowed.
 *
 * Ids never need it: they cross the RPC as numbers, and the service writes their file names
 * itself (store_id_name, then store_check_name).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_PATH_SAFETY_H
#define FXSSVC_PATH_SAFETY_H

#include <stddef.h>
#include <stdint.h>

#define PATH_MAX_NAME   255
#define PATH_MAX_FOLDER 247     /* MAX_PATH less room for a file name of 12 */

typedef enum path_verdict
{
    PATH_OK = 0,
    PATH_EMPTY,              /* no name, or an empty component ("C:\a\\b") */
    PATH_TOO_LONG,
    PATH_CONTROL,            /* a control character */
    PATH_SEPARATOR,          /* a \ or / in a name */
    PATH_STREAM,             /* a colon: a drive or an alternate data stream */
    PATH_RESERVED_CHAR,      /* * ? " < > | */
    PATH_DOTS,               /* "." or ".." */
    PATH_TRAILING,           /* ends with a dot or a space */
    PATH_DEVICE,             /* a DOS device name */
    PATH_NOT_ABSOLUTE,       /* a folder that is not "X:\..." */
    PATH_DATA_ROOT           /* the data root or one of its own folders */
} path_verdict;

/* A short English description ("a DOS device name"), never NULL. */
const char *path_verdict_text(path_verdict verdict);

path_verdict path_check_name(const uint16_t *name, size_t length);

/* root: the data root, absolute (its own trailing separator optional). */
path_verdict path_check_folder(const uint16_t *folder, size_t length, const uint16_t *root, size_t root_length);

#endif /* FXSSVC_PATH_SAFETY_H */
