/*
 * The service's life: one instance, serving, stopping when asked or when idle, and the stop
 * sequence that lets every session learn of the end before the endpoint goes.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "fxssvc_private.h"
#include "store.h"
#include "faxengine.h"
#include "engine.h"
#include "jobstore.h"
#include "remote_access.h"

static HANDLE instance_mutex;
static HANDLE wake;                     /* auto-reset: a stop was asked, or the sessions changed */
static const char * volatile stop_reason;   /* set once: the stop was asked */

/* Held until the process ends: a second service sees it and leaves. Without the privilege to
 * create global objects (a standard user on Windows) the name is per logon session instead. */
static BOOL claim_instance(void)
{
    HANDLE existing;

    instance_mutex = CreateMutexW(NULL, FALSE, FXSSVC_MUTEX_NAME);
    if (instance_mutex && GetLastError() == ERROR_ALREADY_EXISTS)
    {
        CloseHandle(instance_mutex);
        instance_mutex = NULL;
        return FALSE;
    }
    if (instance_mutex) return TRUE;
    if (GetLastError() != ERROR_ACCESS_DENIED) return FALSE;
    if ((existing = OpenMutexW(SYNCHRONIZE, FALSE, FXSSVC_MUTEX_NAME)))
    {
        CloseHandle(existing);
        return FALSE;
    }
    instance_mutex = CreateMutexW(NULL, FALSE, FXSSVC_MUTEX_NAME + wcslen(L"Global\\"));
    if (instance_mutex && GetLastError() == ERROR_ALREADY_EXISTS)
    {
        CloseHandle(instance_mutex);
        instance_mutex = NULL;
    }
    return instance_mutex != NULL;
}

void lifecycle_request_stop(const char *reason)
{
    InterlockedCompareExchangePointer((void * volatile *)&stop_reason, (void *)reason, NULL);
    if (wake) SetEvent(wake);
}

void lifecycle_sessions_changed(void)
{
    if (wake) SetEvent(wake);
}

/* How often an idle check looks again while the engine has work (it does not signal its end). */
#define BUSY_RECHECK_MS 1000

/*
 * Returns when a stop is asked, or when the service has been idle for svc_settings.idle_ms:
 * no session except passive ones and no job queued, sending or receiving, counted from the start
 * or from the moment both became true.
 */
static void wait_for_stop(void)
{
    ULONGLONG idle_since = GetTickCount64(), now;
    DWORD timeout;

    while (!stop_reason)
    {
        timeout = INFINITE;
        if (sessions_count(TRUE)) idle_since = 0;
        else if (faxengine_busy())
        {
            idle_since = 0;
            timeout = BUSY_RECHECK_MS;
        }
        else if (svc_settings.idle_ms)
        {
            now = GetTickCount64();
            if (!idle_since) idle_since = now;
            if (now - idle_since >= svc_settings.idle_ms)
            {
                lifecycle_request_stop("idle");
                break;
            }
            timeout = svc_settings.idle_ms - (DWORD)(now - idle_since);
        }
        WaitForSingleObject(wake, timeout);
    }
}

/*
 * No new session; FXSSVC_ENDED to every subscribed session; queues closed, so that pulls stop
 * waiting and end with ERROR_HANDLE_EOF; then up to stop_grace_ms for the sessions to receive the
 * event, known when they pull once more (polled: it happens once, and clients that pull in a loop
 * take it within milliseconds).
 */
/* After ncalrpc serves: a TCP listener, if remote access is on, joins the listening server. */
static DWORD load_remote_access(void *context)
{
    remote_config_load(jobstore_store());
    return ERROR_SUCCESS;
}

static void stop_serving(void)
{
    ULONGLONG deadline;

    svc_log("stopping (%s)", stop_reason);
    sessions_refuse_new();
    publish_service_ended();
    sessions_close_queues();
    deadline = GetTickCount64() + svc_settings.stop_grace_ms;
    while (!sessions_took_ended() && GetTickCount64() < deadline) Sleep(5);
    endpoint_stop();
    faxengine_stop();
    svc_log("stopped");
}

int lifecycle_run(void (*serving)(void))
{
    DWORD status;

    settings_load();
    if (!claim_instance())
    {
        fprintf(stderr, "fxssvc: the fax service is already running; this instance exits\n");
        return FXSSVC_EXIT_ALREADY_RUNNING;
    }
    wake = CreateEventW(NULL, FALSE, FALSE, NULL);
    store_crash_at(svc_settings.crash_at);  /* counted from here: recovery's steps are crash points too */
    if ((status = faxengine_start()))
    {
        fprintf(stderr, "fxssvc: cannot start the fax engine: error %lu\n", status);
        CloseHandle(instance_mutex);
        return FXSSVC_EXIT_FAILED;
    }
    if ((status = endpoint_start()))
    {
        faxengine_stop();
        fprintf(stderr, "fxssvc: cannot serve on ncalrpc endpoint %ls: error %lu\n", FXSSVC_ENDPOINT, status);
        CloseHandle(instance_mutex);
        return FXSSVC_EXIT_FAILED;
    }
    svc_log("serving on ncalrpc endpoint %ls, process %lu", FXSSVC_ENDPOINT, GetCurrentProcessId());
    engine_call(load_remote_access, NULL);
    if (serving) serving();
    wait_for_stop();
    stop_serving();
    CloseHandle(instance_mutex);
    return FXSSVC_EXIT_OK;
}
