/*
 * The fax service's life: started on demand by the link, one instance only (also when two start
 * at once), --stop and an idle stop that first deliver FXSSVC_ENDED to a subscribed session, a
 * killed service (RPC_S_SERVER_UNAVAILABLE quickly, no crash; after a restart the old session gets
 * RPC_X_SS_CONTEXT_MISMATCH and the link reopens), the command line, and running as a Windows
 * service under the Service Control Manager.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service.h"

/* A session that waits for the service's end: subscribed to FXSSVC_ENDED, pulling in a loop on
 * its own thread, as the DLL's dispatcher will. */
struct watcher
{
    struct fxs_link *link;
    DWORD service_pid;
    HANDLE thread;
    BOOL got_ended;
    BOOL alive_when_ended;     /* the service process still ran when the event arrived */
    ULONGLONG sequence;
    DWORD final_status;        /* what the pull after the event returned */
    double ended_at;
};

static DWORD WINAPI watcher_proc(void *arg)
{
    struct watcher *watcher = arg;
    struct fxs_event_batch batch;
    DWORD status, i;

    while (!(status = fxs_link_pull(watcher->link, 16, 5000, &batch)) || status == ERROR_SUCCESS)
    {
        for (i = 0; i < batch.count; i++)
        {
            if (batch.events[i].event_class != FXS_EVENT_FXSSVC_ENDED) continue;
            watcher->ended_at = now_ms();
            watcher->got_ended = TRUE;
            watcher->alive_when_ended = process_alive(watcher->service_pid);
            watcher->sequence = batch.events[i].sequence;
        }
        fxs_event_batch_free(&batch);
        if (watcher->got_ended) break;
    }
    watcher->final_status = watcher->got_ended ? fxs_link_pull(watcher->link, 16, 5000, &batch) : status;
    fxs_event_batch_free(&batch);
    return 0;
}

static BOOL watcher_start(struct watcher *watcher, BOOL passive)
{
    memset(watcher, 0, sizeof(*watcher));
    if (open_link(NULL, passive ? FXS_CLIENT_PASSIVE : 0, FALSE, &watcher->link)) return FALSE;
    watcher->service_pid = service_pid(watcher->link);
    fxs_link_subscribe(watcher->link, FXS_EVENT_FXSSVC_ENDED);
    fxs_link_open_events(watcher->link);
    watcher->thread = CreateThread(NULL, 0, watcher_proc, watcher, 0, NULL);
    return TRUE;
}

/* Checks the watcher saw the end, while the service still ran, and the service is gone now. */
static void watcher_check(struct watcher *watcher)
{
    ok(WaitForSingleObject(watcher->thread, 10000) == WAIT_OBJECT_0, "the watcher did not end\n");
    CloseHandle(watcher->thread);
    ok(watcher->got_ended, "no FXSSVC_ENDED event\n");
    ok(watcher->alive_when_ended, "the service had exited before the event arrived\n");
    ok(watcher->sequence > 0, "sequence %I64u\n", watcher->sequence);
    ok(watcher->final_status == ERROR_HANDLE_EOF || fxs_session_lost(watcher->final_status),
       "the pull after the event: %lu\n", watcher->final_status);
    ok(wait_process_exit(watcher->service_pid, SERVICE_EXIT_WAIT_MS), "the service did not exit\n");
    fxs_link_close(watcher->link);
}

static void test_command_line(void)
{
    ok(run_service_command(FALSE, L"--bogus", 30000) == FXSSVC_EXIT_USAGE, "--bogus\n");
    ok(run_service_command(FALSE, L"--stop --stop", 30000) == FXSSVC_EXIT_USAGE, "two options\n");
    ok(run_service_command(FALSE, L"--help", 30000) == FXSSVC_EXIT_OK, "--help\n");
    ok(run_service_command(FALSE, L"--stop", 30000) == FXSSVC_EXIT_NOT_RUNNING, "--stop without a service\n");
}

static void test_on_demand_start(void)
{
    struct fxs_link *link;
    DWORD status, pid;
    double start = now_ms();

    status = open_link(NULL, 0, TRUE, &link);
    ok(status == RPC_S_SERVER_UNAVAILABLE, "without a service and without starting one: %lu\n", status);
    status = open_link(NULL, 0, FALSE, &link);
    ok(!status, "the link did not start the service: %lu\n", status);
    if (status) return;
    trace("on-demand start: a session %.0f ms after the first call\n", now_ms() - start);
    pid = service_pid(link);
    ok(process_alive(pid), "service process %lu\n", pid);

    /* single instance: another fxssvc.exe leaves at once */
    ok(run_service_command(FALSE, L"", 30000) == FXSSVC_EXIT_ALREADY_RUNNING, "a second service did not leave\n");
    ok(run_service_command(FALSE, L"--service", 30000) == FXSSVC_EXIT_ALREADY_RUNNING,
       "--service outside the Service Control Manager did not behave as a plain service\n");
    if (other_bitness_runs())
        ok(run_service_command(TRUE, L"", 30000) == FXSSVC_EXIT_ALREADY_RUNNING,
           "a second service of the other bitness did not leave\n");
    ok(process_alive(pid) && !fxs_link_query(link, &(fxs_server_info){0}), "the first service suffered\n");
    fxs_link_close(link);
    ok(stop_service(), "the service did not stop\n");
}

/* Two services started at the same moment: one stays, the other leaves with its exit code. */
static void test_simultaneous_processes(void)
{
    STARTUPINFOW startup = { sizeof(startup) };
    PROCESS_INFORMATION info[2];
    HANDLE processes[2];
    WCHAR line[MAX_PATH + 4];
    DWORD code, first, i;
    struct fxs_link *link;

    swprintf(line, ARRAY_SIZE(line), L"\"%ls\"", service_exe(FALSE));
    for (i = 0; i < 2; i++)
    {
        ok(CreateProcessW(NULL, line, NULL, NULL, FALSE, DETACHED_PROCESS, NULL, NULL, &startup, &info[i]),
           "cannot start service %lu\n", i);
        CloseHandle(info[i].hThread);
        processes[i] = info[i].hProcess;
    }
    first = WaitForMultipleObjects(2, processes, FALSE, 10000) - WAIT_OBJECT_0;
    ok(first < 2, "neither service left\n");
    if (first < 2)
    {
        GetExitCodeProcess(processes[first], &code);
        ok(code == FXSSVC_EXIT_ALREADY_RUNNING, "the one that left exited with %lu\n", code);
        ok(WaitForSingleObject(processes[!first], 200) == WAIT_TIMEOUT, "the other one left too\n");
        ok(!open_link(NULL, 0, TRUE, &link), "nobody serves\n");
        ok(service_pid(link) == info[!first].dwProcessId, "the service serving is %lu, not %lu\n",
           service_pid(link), info[!first].dwProcessId);
        fxs_link_close(link);
    }
    ok(stop_service(), "the service did not stop\n");
    for (i = 0; i < 2; i++)
    {
        ok(WaitForSingleObject(processes[i], 10000) == WAIT_OBJECT_0, "service %lu is still there\n", i);
        CloseHandle(processes[i]);
    }
}

struct opener
{
    struct fxs_link *link;
    DWORD status;
};

static DWORD WINAPI opener_proc(void *arg)
{
    struct opener *opener = arg;
    opener->status = open_link(NULL, 0, FALSE, &opener->link);
    return 0;
}

/* Two clients starting the service at the same moment get one service. */
static void test_simultaneous_clients(void)
{
    struct opener openers[2] = { { 0 } };
    HANDLE threads[2];
    DWORD i;

    for (i = 0; i < 2; i++) threads[i] = CreateThread(NULL, 0, opener_proc, &openers[i], 0, NULL);
    for (i = 0; i < 2; i++) winetest_wait_child_thread(threads[i], 30000);
    ok(!openers[0].status && !openers[1].status, "open: %lu, %lu\n", openers[0].status, openers[1].status);
    if (!openers[0].status && !openers[1].status)
        ok(service_pid(openers[0].link) == service_pid(openers[1].link), "two services: %lu and %lu\n",
           service_pid(openers[0].link), service_pid(openers[1].link));
    for (i = 0; i < 2; i++) fxs_link_close(openers[i].link);
    ok(stop_service(), "the service did not stop\n");
}

/* --stop: the subscribed session gets FXSSVC_ENDED while the service still runs, then it exits. */
static void test_stop_command(void)
{
    struct watcher watcher;
    double start;
    int code;

    ok(watcher_start(&watcher, FALSE), "cannot open a session\n");
    start = now_ms();
    code = run_service_command(FALSE, L"--stop", 30000);
    ok(code == FXSSVC_EXIT_OK, "--stop exited with %d\n", code);
    trace("--stop took %.0f ms\n", now_ms() - start);
    ok(!process_alive(watcher.service_pid), "--stop returned before the service exited\n");
    watcher_check(&watcher);
}

/* An idle service (no session but passive ones) stops by itself, FXSSVC_ENDED first; a session
 * keeps it running. */
static void test_idle_stop(void)
{
    struct fxs_link *active;
    struct watcher watcher;
    double closed;

    service_environment(FXSSVC_ENV_IDLE_MS, L"300");
    ok(!open_link(NULL, 0, FALSE, &active), "cannot open a session\n");
    Sleep(700);
    ok(!fxs_link_query(active, &(fxs_server_info){0}), "the service stopped under an open session\n");
    ok(watcher_start(&watcher, TRUE), "cannot open a passive session\n");
    closed = now_ms();
    fxs_link_close(active);
    watcher_check(&watcher);
    ok(watcher.got_ended && watcher.ended_at - closed >= 250,
       "the idle stop came %.0f ms after the last session closed (idle time 300 ms)\n", watcher.ended_at - closed);
    trace("idle stop: FXSSVC_ENDED %.0f ms after the last session closed (idle time 300 ms)\n",
          watcher.ended_at - closed);
    service_environment(FXSSVC_ENV_IDLE_MS, NULL);
}

/* A killed service: calls fail quickly with RPC_S_SERVER_UNAVAILABLE through the guard. A new
 * service does not know the old session (RPC_X_SS_CONTEXT_MISMATCH); the link reopens with its
 * subscription and event channel. */
static void test_killed_service(void)
{
    fxs_event event = { .event_class = FXS_EVENT_ACTIVITY, .queued_messages = 3 };
    struct fxs_event_batch batch;
    struct fxs_link *link, *other;
    fxs_server_info before, after;
    DWORD status, i;
    double start, elapsed;

    service_environment(FXSSVC_ENV_TEST_HOOKS, L"1");
    ok(!open_link(NULL, 0, FALSE, &link), "cannot open a session\n");
    fxs_link_server_info(link, &before);
    ok(!fxs_link_subscribe(link, FXS_EVENT_ACTIVITY), "subscribe failed\n");
    ok(!fxs_link_open_events(link), "open_events failed\n");
    ok(kill_service(before.process_id), "cannot kill the service\n");

    start = now_ms();
    status = fxs_link_query(link, &after);
    elapsed = now_ms() - start;
    ok(status == RPC_S_SERVER_UNAVAILABLE, "a call to a killed service: %lu\n", status);
    trace("a call to a killed service failed in %.2f ms\n", elapsed);
    for (i = 0; i < 3; i++)
    {
        status = fxs_link_pull(link, 10, 1000, &batch);
        ok(status == RPC_S_SERVER_UNAVAILABLE, "a pull from a killed service: %lu\n", status);
        ok(fxs_session_lost(status), "%lu does not count as a lost session\n", status);
    }

    /* Another client starts a new service; the old session means nothing to it. */
    ok(!open_link(NULL, 0, FALSE, &other), "cannot start a new service\n");
    status = fxs_link_query(link, &after);
    ok(status == RPC_X_SS_CONTEXT_MISMATCH, "the old session with a new service: %lu\n", status);
    ok(fxs_session_lost(status), "%lu does not count as a lost session\n", status);

    status = fxs_link_reopen(link);
    ok(!status, "reopen failed: %lu\n", status);
    status = fxs_link_query(link, &after);
    ok(!status, "query after reopen: %lu\n", status);
    ok(after.process_id == service_pid(other) && after.process_id != before.process_id,
       "service %lu after reopen (old %lu, new %lu)\n", after.process_id, before.process_id, service_pid(other));
    ok(!fxs_rpc_test_publish(fxs_link_session(other), &event, 1), "publish failed\n");
    status = fxs_link_pull(link, 10, 2000, &batch);
    ok(!status && batch.count == 1 && batch.events[0].queued_messages == 3,
       "the reopened link's subscription and channel: status %lu, %lu events\n", status, batch.count);
    fxs_event_batch_free(&batch);
    fxs_link_close(other);

    /* Killed again: reopen starts a service itself. */
    ok(kill_service(after.process_id), "cannot kill the service\n");
    status = fxs_link_reopen(link);
    ok(!status, "reopen with no service failed: %lu\n", status);
    fxs_link_server_info(link, &before);
    ok(before.process_id != after.process_id && process_alive(before.process_id), "no new service\n");
    fxs_link_close(link);
    ok(stop_service(), "the service did not stop\n");
    service_environment(FXSSVC_ENV_TEST_HOOKS, NULL);
}

static BOOL wait_service_state(SC_HANDLE service, DWORD state, SERVICE_STATUS_PROCESS *status)
{
    ULONGLONG deadline = GetTickCount64() + 15000;
    DWORD size;

    while (QueryServiceStatusEx(service, SC_STATUS_PROCESS_INFO, (BYTE *)status, sizeof(*status), &size))
    {
        if (status->dwCurrentState == state) return TRUE;
        if (GetTickCount64() > deadline) break;
        Sleep(20);
    }
    return FALSE;
}

/* A deleted service goes once the last handle to it is closed. */
static BOOL service_deleted(void)
{
    ULONGLONG deadline = GetTickCount64() + 10000;
    SC_HANDLE manager, service;
    DWORD error;

    do
    {
        manager = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
        service = OpenServiceW(manager, FXSSVC_SERVICE_NAME, SERVICE_QUERY_STATUS);
        error = GetLastError();
        if (service) CloseServiceHandle(service);
        CloseServiceHandle(manager);
        if (!service && error == ERROR_SERVICE_DOES_NOT_EXIST) return TRUE;
        Sleep(50);
    } while (GetTickCount64() < deadline);
    trace("OpenService: %p, error %lu\n", service, error);
    return FALSE;
}

/* --install, then the Service Control Manager starts it and stops it; --uninstall. */
static void test_windows_service(void)
{
    SERVICE_STATUS_PROCESS status;
    QUERY_SERVICE_CONFIGW *config;
    SC_HANDLE manager, service;
    SERVICE_STATUS control;
    struct watcher watcher;
    DWORD size = 0;
    int code;

    code = run_service_command(FALSE, L"--install", 30000);
    ok(code == FXSSVC_EXIT_OK, "--install exited with %d\n", code);
    ok(run_service_command(FALSE, L"--install", 30000) == FXSSVC_EXIT_OK, "installing twice failed\n");
    manager = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    service = manager ? OpenServiceW(manager, FXSSVC_SERVICE_NAME, SERVICE_ALL_ACCESS) : NULL;
    ok(service != NULL, "the service is not installed: %lu\n", GetLastError());
    if (!service)
    {
        if (manager) CloseServiceHandle(manager);
        return;
    }
    QueryServiceConfigW(service, NULL, 0, &size);
    config = malloc(size);
    ok(QueryServiceConfigW(service, config, size, &size), "QueryServiceConfig failed\n");
    ok(wcsstr(config->lpBinaryPathName, L"--service") && wcsstr(config->lpBinaryPathName, FXSSVC_EXE_NAME),
       "command line %s\n", wine_dbgstr_w(config->lpBinaryPathName));
    ok(config->dwStartType == SERVICE_DEMAND_START, "start type %lu\n", config->dwStartType);
    free(config);

    ok(StartServiceW(service, 0, NULL), "StartService failed: %lu\n", GetLastError());
    ok(wait_service_state(service, SERVICE_RUNNING, &status), "the service did not run: state %lu\n", status.dwCurrentState);
    ok(watcher_start(&watcher, TRUE), "cannot open a session with the Windows service\n");
    ok(watcher.service_pid == status.dwProcessId, "serving: %lu, the Windows service: %lu\n",
       watcher.service_pid, status.dwProcessId);
    ok(ControlService(service, SERVICE_CONTROL_STOP, &control), "ControlService failed: %lu\n", GetLastError());
    ok(wait_service_state(service, SERVICE_STOPPED, &status), "the service did not stop: state %lu\n", status.dwCurrentState);
    ok(status.dwWin32ExitCode == NO_ERROR, "exit code %lu\n", status.dwWin32ExitCode);
    watcher_check(&watcher);

    CloseServiceHandle(service);
    code = run_service_command(FALSE, L"--uninstall", 30000);
    ok(code == FXSSVC_EXIT_OK, "--uninstall exited with %d\n", code);
    CloseServiceHandle(manager);
    ok(service_deleted(), "the service is still installed\n");
}

START_TEST(service_lifecycle)
{
    ok(stop_service(), "a fax service was left running and does not stop\n");
    test_command_line();
    test_on_demand_start();
    test_simultaneous_processes();
    test_simultaneous_clients();
    test_stop_command();
    test_idle_stop();
    test_killed_service();
    test_windows_service();
    ok(stop_service(), "a service is still running\n");
}
