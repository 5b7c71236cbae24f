/*
 * What the tests of the fax service share: where fxssvc.exe is, opening links to it, stopping it
 * and waiting for its process, timing.
 *
 * Every test program that starts a service stops it before it ends (tests/run.sh checks), and
 * stops any service a failed earlier program left behind before it starts.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_SERVICE_H
#define FXSCOMEX_TESTS_SERVICE_H

#include <string.h>
#include <wchar.h>
#include "common.h"
#include "fxs_link.h"
#include "fxs_event.h"
#include "fxs_service.h"

#define SERVICE_EXIT_WAIT_MS 60000

/* fxssvc.exe next to the DLL under test, or the one of the other bitness (build/<arch>/). */
static inline const WCHAR *service_exe(BOOL other_bitness)
{
    static WCHAR paths[2][MAX_PATH];
    WCHAR *path = paths[other_bitness != 0], *slash;

    if (path[0]) return path;
    wcscpy(path, test_dll_path());
    if ((slash = wcsrchr(path, '\\'))) *slash = 0;
    if (other_bitness && (slash = wcsrchr(path, '\\')))
        wcscpy(slash + 1, sizeof(void *) == 8 ? L"i686" : L"x86_64");
    wcscat(path, L"\\" FXSSVC_EXE_NAME);
    return path;
}

static inline const char *bitness_name(BOOL other_bitness)
{
    return (sizeof(void *) == 8) != (other_bitness != 0) ? "64-bit" : "32-bit";
}

/* Runs fxssvc.exe (of this bitness, or the other) with arguments and its output discarded; its
 * exit code, -1 if it did not start or end in time. */
static inline int run_service_command(BOOL other_bitness, const WCHAR *arguments, DWORD timeout)
{
    SECURITY_ATTRIBUTES inherit = { sizeof(inherit), NULL, TRUE };
    STARTUPINFOW startup = { sizeof(startup) };
    PROCESS_INFORMATION process;
    WCHAR line[MAX_PATH * 2];
    DWORD code = (DWORD)-1;
    HANDLE null;

    swprintf(line, ARRAY_SIZE(line), L"\"%ls\" %ls", service_exe(other_bitness), arguments);
    null = CreateFileW(L"NUL", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                       OPEN_EXISTING, 0, NULL);
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = startup.hStdOutput = startup.hStdError = null;
    if (CreateProcessW(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &startup, &process))
    {
        if (WaitForSingleObject(process.hProcess, timeout) == WAIT_OBJECT_0)
            GetExitCodeProcess(process.hProcess, &code);
        else
            TerminateProcess(process.hProcess, 1);
        CloseHandle(process.hProcess);
        CloseHandle(process.hThread);
    }
    CloseHandle(null);
    return (int)code;
}

/* Whether this Wine runs programs of the other bitness (32-bit Wine may be missing). */
static inline BOOL other_bitness_runs(void)
{
    return run_service_command(TRUE, L"--help", 30000) == FXSSVC_EXIT_OK;
}

static inline double now_ms(void)
{
    LARGE_INTEGER counter, frequency;
    QueryPerformanceCounter(&counter);
    QueryPerformanceFrequency(&frequency);
    return counter.QuadPart * 1000.0 / frequency.QuadPart;
}

/* Opens a link; exe NULL: this bitness's fxssvc.exe. */
static inline DWORD open_link(const WCHAR *exe, DWORD client_flags, BOOL no_start, struct fxs_link **link)
{
    struct fxs_link_options options = { L"fxscomex test", exe ? exe : service_exe(FALSE), client_flags, no_start, 0 };
    return fxs_link_open(&options, link);
}

/* The service's number of open sessions; MAXDWORD when it cannot be asked. */
static inline DWORD session_count(struct fxs_link *link)
{
    fxs_server_info info;
    return fxs_link_query(link, &info) ? MAXDWORD : info.session_count;
}

static inline DWORD service_pid(struct fxs_link *link)
{
    fxs_server_info server;
    fxs_link_server_info(link, &server);
    return server.process_id;
}

static inline BOOL wait_process_exit(DWORD pid, DWORD timeout)
{
    HANDLE process = OpenProcess(SYNCHRONIZE, FALSE, pid);
    BOOL gone = TRUE;

    if (process)
    {
        gone = WaitForSingleObject(process, timeout) == WAIT_OBJECT_0;
        CloseHandle(process);
    }
    return gone;
}

/* Stops the running service, if any, and waits until its process has gone: TRUE when none runs
 * any more. Through RPC, like fxssvc.exe --stop, which works for either bitness. */
static inline BOOL stop_service(void)
{
    struct fxs_link *link;
    DWORD pid, status;

    /* none runs, or one is stopping: --stop waits until that one has gone */
    if ((status = open_link(NULL, FXS_CLIENT_PASSIVE, TRUE, &link)))
        return status == RPC_S_SERVER_UNAVAILABLE ||
               run_service_command(FALSE, L"--stop", SERVICE_EXIT_WAIT_MS) == FXSSVC_EXIT_OK;
    pid = service_pid(link);
    status = fxs_link_stop_service(link);
    fxs_link_close(link);
    return !status && wait_process_exit(pid, SERVICE_EXIT_WAIT_MS);
}

/* Kills the service's process, as a crash would. */
static inline BOOL kill_service(DWORD pid)
{
    HANDLE process = OpenProcess(PROCESS_TERMINATE | SYNCHRONIZE, FALSE, pid);
    BOOL killed;

    if (!process) return FALSE;
    killed = TerminateProcess(process, 99) && WaitForSingleObject(process, 5000) == WAIT_OBJECT_0;
    CloseHandle(process);
    return killed;
}

static inline BOOL process_alive(DWORD pid)
{
    HANDLE process = OpenProcess(SYNCHRONIZE, FALSE, pid);
    BOOL alive = process && WaitForSingleObject(process, 0) == WAIT_TIMEOUT;

    if (process) CloseHandle(process);
    return alive;
}

/* A test's own settings of the service it starts (the environment is inherited). */
static inline void service_environment(const WCHAR *name, const WCHAR *value)
{
    SetEnvironmentVariableW(name, value);
}

/* A background pull: one thread that waits for events on a link's channel. */
struct pull_thread
{
    struct fxs_link *link;
    DWORD max_count;
    DWORD timeout_ms;
    DWORD status;
    struct fxs_event_batch batch;
    double elapsed_ms;
    HANDLE thread;
};

static inline DWORD WINAPI pull_thread_proc(void *arg)
{
    struct pull_thread *pull = arg;
    double start = now_ms();

    pull->status = fxs_link_pull(pull->link, pull->max_count, pull->timeout_ms, &pull->batch);
    pull->elapsed_ms = now_ms() - start;
    return 0;
}

static inline void pull_thread_start(struct pull_thread *pull, struct fxs_link *link, DWORD max_count, DWORD timeout_ms)
{
    memset(pull, 0, sizeof(*pull));
    pull->link = link;
    pull->max_count = max_count;
    pull->timeout_ms = timeout_ms;
    pull->thread = CreateThread(NULL, 0, pull_thread_proc, pull, 0, NULL);
}

/* Waits for the pull to end; FALSE (and the thread is left alone) if it did not in time. */
static inline BOOL pull_thread_wait(struct pull_thread *pull, DWORD timeout)
{
    BOOL ended = WaitForSingleObject(pull->thread, timeout) == WAIT_OBJECT_0;
    if (ended) CloseHandle(pull->thread);
    return ended;
}

#endif /* FXSCOMEX_TESTS_SERVICE_H */
