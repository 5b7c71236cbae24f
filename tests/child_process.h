/*
 * Tests that run a copy of themselves as another client process: "<this program> <arguments>".
 * Include after test.h (it needs the program's own path, winetest_argv[0]).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_CHILD_PROCESS_H
#define FXSCOMEX_TESTS_CHILD_PROCESS_H

/* Starts this test program again with the arguments printf formats: its process handle (to wait
 * for and close), NULL when it could not start. */
static inline HANDLE __attribute__((format(printf, 1, 2))) start_self(const char *format, ...)
{
    STARTUPINFOA startup = { sizeof(startup) };
    PROCESS_INFORMATION info;
    char line[MAX_PATH * 3];
    int length;
    va_list args;

    length = snprintf(line, sizeof(line), "\"%s\" ", winetest_argv[0]);
    va_start(args, format);
    vsnprintf(line + length, sizeof(line) - length, format, args);
    va_end(args);
    if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &info)) return NULL;
    CloseHandle(info.hThread);
    return info.hProcess;
}

#endif /* FXSCOMEX_TESTS_CHILD_PROCESS_H */
