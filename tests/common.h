/*
 * What several fxscomex test programs need besides the harness: where the DLL under test is, and
 * running another program.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_COMMON_H
#define FXSCOMEX_TESTS_COMMON_H

#define COBJMACROS
#define CONST_VTABLE
#include <windows.h>
#include <ole2.h>
#include "test.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* tests/run.sh passes the Windows path of the DLL of the test's bitness. */
static inline const WCHAR *test_dll_path(void)
{
    static WCHAR path[MAX_PATH];
    if (!path[0] && !GetEnvironmentVariableW(L"FXSCOMEX_DLL", path, MAX_PATH))
        ok(0, "FXSCOMEX_DLL is not set: run the tests through tests/run.sh\n");
    return path;
}

/* Runs a command line, waits for it, returns its exit code (or -1 when it could not start). */
static inline int run_command(const WCHAR *command_line, DWORD timeout)
{
    STARTUPINFOW startup = { sizeof(startup) };
    PROCESS_INFORMATION process;
    WCHAR *line = _wcsdup(command_line);
    DWORD code = (DWORD)-1;

    if (CreateProcessW(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process))
    {
        if (WaitForSingleObject(process.hProcess, timeout) == WAIT_OBJECT_0)
            GetExitCodeProcess(process.hProcess, &code);
        else
            TerminateProcess(process.hProcess, 1);
        CloseHandle(process.hProcess);
        CloseHandle(process.hThread);
    }
    free(line);
    return (int)code;
}

#endif /* FXSCOMEX_TESTS_COMMON_H */
