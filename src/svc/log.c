/*
 * The service's log: one line per lifecycle or session event on stderr, when the process has one.
 * Started on demand by the DLL, the service is detached and has none.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stdio.h>
#include "fxssvc_private.h"

void svc_log(const char *fmt, ...)
{
    SYSTEMTIME now;
    va_list args;

    if (!GetStdHandle(STD_ERROR_HANDLE)) return;
    GetLocalTime(&now);
    va_start(args, fmt);
    fprintf(stderr, "%02u:%02u:%02u.%03u fxssvc: ", now.wHour, now.wMinute, now.wSecond, now.wMilliseconds);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
    va_end(args);
    fflush(stderr);
}
