/*
 * Client faults: listening processes killed while a burst of events is in flight, while one of
 * their sinks is inside a callback, and while they hold a job they paused. After each kill the
 * service lets the process's sessions go (how soon is printed), and a FaxServer listening in this
 * process beside them loses nothing: it gets every event of every burst, and the paused job stays
 * as the killed process left it, for others to control.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "common.h"
#include "faxcomex.h"
#include "service.h"
#include "event_sink.h"
#include "fxs_job_info.h"
#include "child_process.h"

#define KILLS_PER_MODE 5
#define BURST          1000
#define BURST_MARK     7777    /* the queued count of the bursts' events */
#define ON_SERVER_ACTIVITY_CHANGE 21   /* the DISPID of IFaxServerNotify2::OnServerActivityChange */

/* ---- a sink that counts, for the listener beside the killed processes ---- */

struct counting_sink
{
    struct sink sink;
    LONG activity;
};

static HRESULT WINAPI counting_sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                           DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct counting_sink *sink = CONTAINING_RECORD(iface, struct counting_sink, sink.IDispatch_iface);

    /* Only the bursts' events (their queued count, the last argument, is BURST_MARK); the held
     * jobs' real submissions and cancellations cause others. */
    if (member == ON_SERVER_ACTIVITY_CHANGE && params->cArgs == 5 && V_VT(&params->rgvarg[0]) == VT_I4 &&
        V_I4(&params->rgvarg[0]) == BURST_MARK)
        InterlockedIncrement(&sink->activity);
    return S_OK;
}

static const IDispatchVtbl counting_sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    counting_sink_Invoke,
};

/* ---- the child processes ---- */

static void child_name(WCHAR *name, const WCHAR *what, DWORD parent)
{
    swprintf(name, 64, L"fxscomex-client_faults-%ls-%lu", what, parent);
}

static HANDLE inside_callback;   /* the child's: set by its sink's first call, which then never returns */

static HRESULT WINAPI stuck_sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                        DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    SetEvent(inside_callback);
    Sleep(INFINITE);
    return S_OK;
}

static const IDispatchVtbl stuck_sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    stuck_sink_Invoke,
};

/* Pauses the job through FaxFolders.OutgoingQueue.GetJob and keeps every object of the way. */
static BOOL hold_paused_job(IFaxServer2 *server, const char *job_id)
{
    IFaxFolders *folders = NULL;
    IFaxOutgoingQueue *queue = NULL;
    IFaxOutgoingJob *job = NULL;
    WCHAR id[32];
    BSTR text;
    HRESULT hr;

    swprintf(id, ARRAY_SIZE(id), L"%hs", job_id);
    text = SysAllocString(id);
    hr = IFaxServer2_get_Folders(server, &folders);
    if (SUCCEEDED(hr)) hr = IFaxFolders_get_OutgoingQueue(folders, &queue);
    if (SUCCEEDED(hr)) hr = IFaxOutgoingQueue_GetJob(queue, text, &job);
    if (SUCCEEDED(hr)) hr = IFaxOutgoingJob_Pause(job);
    SysFreeString(text);
    ok(hr == S_OK, "the child could not pause job %s: %#lx\n", job_id, hr);
    return hr == S_OK;   /* the objects are kept: the process is killed holding them */
}

/* The child listens to everything (mode "burst"), sinks into a callback that never returns
 * ("callback"), or holds a job it paused ("holding"); it says ready and waits to be killed. */
static void child_main(const char *mode, DWORD parent, const char *job_id)
{
    struct sink *sink = calloc(1, sizeof(*sink));
    IFaxServer2 *server;
    WCHAR name[64];
    HANDLE ready;
    BOOL fine;

    child_name(name, L"ready", parent);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    child_name(name, L"inside", parent);
    inside_callback = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    sink_init(sink, &DIID_IFaxServerNotify2);
    if (!strcmp(mode, "callback")) sink->IDispatch_iface.lpVtbl = &stuck_sink_vtbl;
    if (!ready || !inside_callback || !(server = connected_server())) return;
    fine = !strcmp(mode, "holding") ? hold_paused_job(server, job_id)
                                    : advise_sink(server, sink) &&
                                      IFaxServer2_ListenToServerEvents(server, fsetACTIVITY | fsetOUT_QUEUE) == S_OK;
    if (fine) SetEvent(ready);
    Sleep(INFINITE);
}

static HANDLE start_child(const char *mode, const WCHAR *job_id)
{
    return start_self("child %s %lu %ls", mode, GetCurrentProcessId(), job_id ? job_id : L"-");
}

/* ---- the test ---- */

struct fault_figures
{
    double release_ms[KILLS_PER_MODE];
    unsigned int kills;
};

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void print_figures(const char *mode, struct fault_figures *figures)
{
    if (!figures->kills) return;
    qsort(figures->release_ms, figures->kills, sizeof(double), compare_doubles);
    trace("%-9s %u kills: sessions released after p50 %.1f ms, max %.1f ms\n", mode, figures->kills,
          figures->release_ms[figures->kills / 2], figures->release_ms[figures->kills - 1]);
}

static BOOL publish_burst(struct fxs_link *link)
{
    fxs_event event = { .event_class = FXS_EVENT_ACTIVITY, .queued_messages = BURST_MARK };
    DWORD status = fxs_rpc_test_publish(fxs_link_session(link), &event, BURST);

    ok(!status, "publish: %lu\n", status);
    return !status;
}

/* A fax scheduled a month ahead: it stays in the queue for the child to pause. */
static BOOL submit_waiting_fax(struct fxs_link *link, WCHAR *id)
{
    fxs_document document = { 0 };
    SYSTEMTIME now;
    double today;

    GetLocalTime(&now);
    SystemTimeToVariantTime(&now, &today);
    document.schedule_type = fstSPECIFIC_TIME;
    document.schedule_time = today + 30;
    return submit_document_fax(link, &document, L"1002", id);
}

/* Kills one child of mode, at the moment the mode is about, and times its sessions' release. */
static void kill_one(struct fxs_link *link, const char *mode, LONG *expected, struct fault_figures *figures)
{
    WCHAR ready_name[64], inside_name[64], id[17] = L"-";
    HANDLE ready, inside, child;
    fxs_job_info job = { 0 };
    DWORD base = session_count(link), count, status;
    double killed, elapsed = -1;
    BOOL holding = !strcmp(mode, "holding");

    child_name(ready_name, L"ready", GetCurrentProcessId());
    child_name(inside_name, L"inside", GetCurrentProcessId());
    ready = CreateEventW(NULL, FALSE, FALSE, ready_name);
    inside = CreateEventW(NULL, FALSE, FALSE, inside_name);
    if (holding && !submit_waiting_fax(link, id)) return;
    child = start_child(mode, holding ? id : NULL);
    ok(child != NULL, "the child did not start: %lu\n", GetLastError());
    if (!child) return;
    ok(WaitForSingleObject(ready, WAIT_MS) == WAIT_OBJECT_0, "%s: the child did not get ready\n", mode);

    if (!strcmp(mode, "burst"))
    {
        /* Killed while the burst is on its way to it. */
        if (publish_burst(link)) *expected += BURST;
    }
    else if (!strcmp(mode, "callback"))
    {
        if (publish_burst(link)) *expected += BURST;
        ok(WaitForSingleObject(inside, WAIT_MS) == WAIT_OBJECT_0, "the child's sink was never called\n");
    }
    ok(TerminateProcess(child, 9), "TerminateProcess: %lu\n", GetLastError());
    WaitForSingleObject(child, WAIT_MS);
    killed = now_ms();
    while ((count = session_count(link)) > base && now_ms() - killed < WAIT_MS) Sleep(2);
    if (count == base) elapsed = now_ms() - killed;
    ok(count == base, "%s: %lu sessions after the kill, %lu before the child\n", mode, count, base);
    if (elapsed >= 0) figures->release_ms[figures->kills++] = elapsed;

    if (holding)
    {
        /* The job stays paused; another client resumes and cancels it. */
        status = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, _wcstoui64(id, NULL, 16), &job);
        ok(!status && (job.status.status & fjsPAUSED), "the held job: status %lu, job status %#lx\n", status,
           job.status.status);
        fxs_job_info_clear(&job);
        status = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, _wcstoui64(id, NULL, 16),
                                     FXS_JOB_RESUME);
        ok(!status, "resuming the held job: %lu\n", status);
        status = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, _wcstoui64(id, NULL, 16),
                                     FXS_JOB_CANCEL);
        ok(!status, "cancelling the held job: %lu\n", status);
    }
    CloseHandle(child);
    CloseHandle(ready);
    CloseHandle(inside);
}

static void test_client_faults(struct fxs_link *link)
{
    static const char * const modes[] = { "burst", "callback", "holding" };
    struct counting_sink *beside = calloc(1, sizeof(*beside));
    struct fault_figures figures[ARRAY_SIZE(modes)] = { { { 0 } } };
    IFaxServer2 *server = connected_server();
    LONG expected = 0;
    unsigned int mode, i;
    double deadline;

    sink_init(&beside->sink, &DIID_IFaxServerNotify2);
    beside->sink.IDispatch_iface.lpVtbl = &counting_sink_vtbl;
    if (!server)
    {
        free(beside);
        return;
    }
    advise_sink(server, &beside->sink);
    ok(IFaxServer2_ListenToServerEvents(server, fsetACTIVITY) == S_OK, "ListenToServerEvents failed\n");

    /* Each burst reaches the listener beside before the next is published: two bursts together
     * would be more than a session's event queue holds (QUEUE_CAPACITY), and its oldest would go. */
    for (mode = 0; mode < ARRAY_SIZE(modes); mode++)
        for (i = 0; i < KILLS_PER_MODE; i++)
        {
            kill_one(link, modes[mode], &expected, &figures[mode]);
            deadline = now_ms() + WAIT_MS;
            while (beside->activity < expected && now_ms() < deadline) Sleep(10);
        }

    ok(beside->activity == expected, "the listener beside the killed processes got %ld of %ld events\n",
       beside->activity, expected);
    trace("the listener beside them got %ld of %ld events\n", beside->activity, expected);
    for (mode = 0; mode < ARRAY_SIZE(modes); mode++) print_figures(modes[mode], &figures[mode]);

    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
    sink_clear(&beside->sink);
    free(beside);
}

START_TEST(client_faults)
{
    if (winetest_argc >= 5 && !strcmp(winetest_argv[1], "child"))
    {
        child_main(winetest_argv[2], strtoul(winetest_argv[3], NULL, 10), winetest_argv[4]);
        return;
    }
    prepare_service(L"client_faults");
    service_environment(FXSSVC_ENV_TEST_HOOKS, L"1");
    run_with_service(test_client_faults);
    service_environment(FXSSVC_ENV_TEST_HOOKS, NULL);
}
