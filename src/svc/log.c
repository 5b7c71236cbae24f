/*
 * The service's log: one line per lifecycle or session event, on stderr when the process has one
 * (started on demand by the DLL, the service is detached and has none), and appended to the file
 * FXSSVC_LOG_FILE names when it is set. The test run sets it, so that a failing test program's
 * service tells what it saw; several services of one run append to the same file.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stdio.h>
#include "fxssvc_private.h"
#include "fxs_service.h"

static HANDLE log_file = INVALID_HANDLE_VALUE;

static BOOL CALLBACK open_log_file(INIT_ONCE *once, void *parameter, void **context)
{
    WCHAR path[MAX_PATH];
    DWORD length = GetEnvironmentVariableW(FXSSVC_ENV_LOG_FILE, path, ARRAY_SIZE(path));

    if (length && length < ARRAY_SIZE(path))
        log_file = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                               OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    return TRUE;
}

void svc_log(const char *fmt, ...)
{
    static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
    char line[1024];
    SYSTEMTIME now;
    va_list args;
    int length;
    DWORD written;
    BOOL to_stderr = GetStdHandle(STD_ERROR_HANDLE) != NULL;

    InitOnceExecuteOnce(&once, open_log_file, NULL, NULL);
    if (!to_stderr && log_file == INVALID_HANDLE_VALUE) return;   /* the usual case of a detached service */
    GetLocalTime(&now);
    length = snprintf(line, sizeof(line), "%02u:%02u:%02u.%03u fxssvc[%lu]: ", now.wHour, now.wMinute, now.wSecond,
                      now.wMilliseconds, GetCurrentProcessId());
    va_start(args, fmt);
    vsnprintf(line + length, sizeof(line) - length - 1, fmt, args);
    va_end(args);
    length = strlen(line);
    line[length++] = '\n';
    line[length] = 0;

    if (to_stderr)
    {
        fputs(line, stderr);
        fflush(stderr);
    }
    /* One WriteFile of a whole line to a file opened for appending: lines of two services never mix. */
    if (log_file != INVALID_HANDLE_VALUE) WriteFile(log_file, line, length, &written, NULL);
}
