/*
 * Starting the fax service on demand: when no service answers, the DLL starts the fxssvc.exe next
 * to it and waits until it serves.
 *
 * Two clients may start a service at the same moment: the service's mutex keeps one, the other
 * exits with FXSSVC_EXIT_ALREADY_RUNNING, and both clients then find the one that stayed. A service
 * that is stopping takes no session; once it is gone, the next start succeeds.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <wchar.h>
#include "link_private.h"
#include "fxs_service.h"

#define POLL_MS          10   /* between attempts to open a session while a service starts */
#define RESTART_DELAY_MS 50   /* after a start that found another instance (which may be stopping) */

DWORD fxs_default_service_exe(WCHAR *path, DWORD size)
{
    HMODULE module;
    WCHAR *slash;
    DWORD length;

    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            (const WCHAR *)fxs_default_service_exe, &module))
        return GetLastError();
    length = GetModuleFileNameW(module, path, size);
    if (!length || length >= size || !(slash = wcsrchr(path, '\\'))) return ERROR_INSUFFICIENT_BUFFER;
    if ((DWORD)(slash + 1 - path) + wcslen(FXSSVC_EXE_NAME) >= size) return ERROR_INSUFFICIENT_BUFFER;
    wcscpy(slash + 1, FXSSVC_EXE_NAME);
    return ERROR_SUCCESS;
}

/* The service runs in its own folder, so it keeps no client's current directory in use. */
DWORD fxs_start_service(const WCHAR *exe, HANDLE *process)
{
    STARTUPINFOW startup = { sizeof(startup) };
    PROCESS_INFORMATION info;
    size_t length = wcslen(exe);
    WCHAR *command = malloc((length + 3) * sizeof(WCHAR)), *directory = _wcsdup(exe), *slash;
    DWORD status = ERROR_SUCCESS;

    *process = NULL;
    if (!command || !directory)
    {
        free(command);
        free(directory);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    swprintf(command, length + 3, L"\"%ls\"", exe);
    if ((slash = wcsrchr(directory, '\\'))) *slash = 0;
    if (!CreateProcessW(exe, command, NULL, NULL, FALSE, DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP,
                        NULL, slash ? directory : NULL, &startup, &info))
        status = GetLastError();
    else
    {
        CloseHandle(info.hThread);
        *process = info.hProcess;
    }
    free(command);
    free(directory);
    return status;
}

/* The service we started has exited: TRUE when another may be started (this one found a service
 * already running, which may be on its way out, or it ran and stopped), FALSE when it failed. */
static BOOL may_start_again(HANDLE process)
{
    DWORD code = FXSSVC_EXIT_FAILED;

    GetExitCodeProcess(process, &code);
    return code == FXSSVC_EXIT_ALREADY_RUNNING || code == FXSSVC_EXIT_OK;
}

DWORD autostart_open(const WCHAR *exe, DWORD timeout_ms, DWORD (*try_open)(void *context), void *context)
{
    ULONGLONG deadline = GetTickCount64() + timeout_ms;
    HANDLE process = NULL;
    DWORD status, start;

    while (fxs_service_unreachable(status = try_open(context)) && GetTickCount64() < deadline)
    {
        if (process && WaitForSingleObject(process, 0) == WAIT_OBJECT_0)
        {
            if (!may_start_again(process)) break;
            CloseHandle(process);
            process = NULL;
            Sleep(RESTART_DELAY_MS);
            continue;
        }
        if (!process && (start = fxs_start_service(exe, &process)))
        {
            status = start;
            break;
        }
        WaitForSingleObject(process, POLL_MS);
    }
    if (process) CloseHandle(process);
    return status;
}
