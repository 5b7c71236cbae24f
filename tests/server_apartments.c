/*
 * FaxServer events across apartments and processes. One fax from device 1 to device 2 is heard
 * by FaxServer objects in three apartments of this process (an STA thread that pumps messages,
 * an STA thread that waits in CoWaitForMultipleHandles, the MTA), each with its own sink and
 * mask, and by a second process: each STA sink is called on its own thread, the MTA sink on MTA
 * threads, and every one of them gets exactly the events of its mask in the order the service
 * published them (a raw session of the service's own is the reference). Then a listening
 * process is killed while a fax's events are in flight: the service drops its sessions, and this
 * process's sinks lose nothing and are not held up. Last, a sink whose apartment has gone is
 * dropped, and the other sinks get every event.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service_jobs.h"
#include "event_sink.h"
#include "child_process.h"

#define LINE_SIZE 128
#define EVENTS_MASK (fsetIN_QUEUE | fsetOUT_QUEUE | fsetACTIVITY | fsetIN_ARCHIVE | fsetOUT_ARCHIVE | \
                     fsetDEVICE_STATUS | fsetINCOMING_CALL)

/* ---- a sink that notes the apartment and the time of each call ---- */

struct apartment_sink
{
    struct sink sink;
    APTTYPE apartments[MAX_CALLS];
    double times[MAX_CALLS];
};

static inline struct apartment_sink *impl_from_sink(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct apartment_sink, sink.IDispatch_iface);
}

static HRESULT WINAPI apartment_sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                            DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct apartment_sink *sink = impl_from_sink(iface);
    LONG index = sink->sink.count;   /* a sink's calls come one at a time */
    APTTYPEQUALIFIER qualifier;

    if (index < MAX_CALLS)
    {
        if (FAILED(CoGetApartmentType(&sink->apartments[index], &qualifier))) sink->apartments[index] = -1;
        sink->times[index] = now_ms();
    }
    return sink_Invoke(iface, member, riid, lcid, flags, params, result, excepinfo, arg_err);
}

static const IDispatchVtbl apartment_sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    apartment_sink_Invoke,
};

static struct apartment_sink *apartment_sink_create(void)
{
    struct apartment_sink *sink = calloc(1, sizeof(*sink));

    sink_init(&sink->sink, &DIID_IFaxServerNotify2);
    sink->sink.IDispatch_iface.lpVtbl = &apartment_sink_vtbl;
    return sink;
}

static void apartment_sink_free(struct apartment_sink *sink)
{
    sink_clear(&sink->sink);
    free(sink);
}

/* ---- events as lines: what a sink got, what the service published ---- */

/* "DISPID text numbers...": the text argument and the numbers and flags of the call (0/1). */
static void format_line(char *line, DISPID dispid, const WCHAR *text, const LONG *numbers, unsigned int count)
{
    unsigned int i;
    int used = snprintf(line, LINE_SIZE, "%ld %ls", dispid, text ? text : L"");

    for (i = 0; i < count && used < LINE_SIZE; i++) used += snprintf(line + used, LINE_SIZE - used, " %ld", numbers[i]);
}

static void call_line(const struct recorded_call *call, char *line)
{
    LONG numbers[6];
    unsigned int i, count = 0;

    for (i = 1; i < call->count && i < 6; i++)
    {
        if (call->types[i] == VT_I4) numbers[count++] = call->longs[i];
        if (call->types[i] == VT_BOOL) numbers[count++] = call->longs[i] != 0;
    }
    format_line(line, call->dispid, call->text, numbers, count);
}

/* The IFaxServerNotify2 method of a service event (0: none here). */
static DISPID event_dispid(const fxs_event *event)
{
    switch (event->event_class)
    {
    case FXS_EVENT_IN_QUEUE:      return 1 + event->job_event;
    case FXS_EVENT_OUT_QUEUE:     return 4 + event->job_event;
    case FXS_EVENT_IN_ARCHIVE:    return 7 + event->job_event;
    case FXS_EVENT_OUT_ARCHIVE:   return 9 + event->job_event;
    case FXS_EVENT_ACTIVITY:      return 21;
    case FXS_EVENT_QUEUE_STATE:   return 22;
    case FXS_EVENT_INCOMING_CALL: return 23;
    case FXS_EVENT_FXSSVC_ENDED:  return 24;
    case FXS_EVENT_DEVICE_STATUS: return 25;
    }
    return 0;
}

static void event_line(const fxs_event *event, char *line)
{
    LONG numbers[5] = { 0 };
    WCHAR id[17] = L"";
    const WCHAR *text = id;
    unsigned int count = 0;

    if (event->event_class & (FXS_EVENT_IN_QUEUE | FXS_EVENT_OUT_QUEUE | FXS_EVENT_IN_ARCHIVE | FXS_EVENT_OUT_ARCHIVE))
        swprintf(id, ARRAY_SIZE(id), L"%016I64X", event->job_id);
    switch (event->event_class)
    {
    case FXS_EVENT_ACTIVITY:
        numbers[0] = event->incoming_messages;
        numbers[1] = event->routing_messages;
        numbers[2] = event->outgoing_messages;
        numbers[3] = event->queued_messages;
        count = 4;
        break;
    case FXS_EVENT_QUEUE_STATE:
        numbers[0] = event->outgoing_queue_blocked;
        numbers[1] = event->outgoing_queue_paused;
        numbers[2] = event->incoming_queue_blocked;
        count = 3;
        break;
    case FXS_EVENT_INCOMING_CALL:
        numbers[0] = event->call_id;
        numbers[1] = event->device_id;
        text = event->caller_id;
        count = 2;
        break;
    case FXS_EVENT_DEVICE_STATUS:
        numbers[0] = event->device_id;
        numbers[1] = event->powered_off;
        numbers[2] = event->sending;
        numbers[3] = event->receiving;
        numbers[4] = event->ringing;
        count = 5;
        break;
    }
    format_line(line, event_dispid(event), text, numbers, count);
}

struct lines
{
    char (*items)[LINE_SIZE];
    unsigned int count;
};

static void lines_of_sink(struct sink *sink, struct lines *out)
{
    LONG i;

    out->items = malloc(MAX_CALLS * LINE_SIZE);
    for (out->count = 0, i = 0; i < sink->count && i < MAX_CALLS; i++)
        call_line(&sink->calls[i], out->items[out->count++]);
}

/* The reference: what the service published, of the classes in mask. */
static void lines_of_log(const struct event_log *log, DWORD mask, struct lines *out)
{
    DWORD i;

    out->items = malloc((log->count + 1) * LINE_SIZE);
    for (out->count = 0, i = 0; i < log->count; i++)
        if ((log->events[i].event_class & mask) && event_dispid(&log->events[i]))
            event_line(&log->events[i], out->items[out->count++]);
}

static void compare_lines(const char *who, const struct lines *got, const struct lines *expected)
{
    unsigned int same = 0, i;

    while (same < got->count && same < expected->count && !strcmp(got->items[same], expected->items[same])) same++;
    ok(same == expected->count && got->count == expected->count, "%s: %u events, %u published; the first %u the same\n",
       who, got->count, expected->count, same);
    if (same != expected->count || got->count != expected->count)
        for (i = same; i < max(got->count, expected->count) && i < same + 5; i++)
            trace("%s %u: got %s, published %s\n", who, i, i < got->count ? got->items[i] : "-",
                  i < expected->count ? expected->items[i] : "-");
}

/* Waits (up to WAIT_MS) until the sink has count calls. */
static BOOL wait_count(struct sink *sink, LONG count)
{
    double deadline = now_ms() + WAIT_MS;
    while (sink->count < count && now_ms() < deadline) Sleep(10);
    return sink->count >= count;
}

static void check_sink(const char *who, struct sink *sink, const struct event_log *log, DWORD mask)
{
    struct lines got, expected;

    lines_of_log(log, mask, &expected);
    wait_count(sink, expected.count);
    Sleep(200);   /* a call too many shows */
    lines_of_sink(sink, &got);
    compare_lines(who, &got, &expected);
    free(got.items);
    free(expected.items);
}

/* Pulls the reference until the fax to device 2 has been received and routed (the time then:
 * *end_ms), and a little more. */
static void pull_fax(struct fxs_link *reference, struct event_log *log, double *end_ms)
{
    ok(wait_for(reference, log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, 0), "the fax was not received\n");
    if (end_ms) *end_ms = now_ms();
    pull_into(reference, log, 300);
}

/* ---- listening FaxServers ---- */

struct listener
{
    IFaxServer2 *server;
    IConnectionPoint *point;
    DWORD cookie;
    struct apartment_sink *sink;
};

static BOOL listener_start(struct listener *listener, DWORD mask)
{
    memset(listener, 0, sizeof(*listener));
    listener->sink = apartment_sink_create();
    if (!(listener->server = connected_server())) return FALSE;
    listener->point = find_point(listener->server, &DIID_IFaxServerNotify2);
    ok(IConnectionPoint_Advise(listener->point, (IUnknown *)&listener->sink->sink.IDispatch_iface,
                               &listener->cookie) == S_OK, "Advise failed\n");
    ok(IFaxServer2_ListenToServerEvents(listener->server, mask) == S_OK, "ListenToServerEvents failed\n");
    return TRUE;
}

/* Leaves the sink for the caller (apartment_sink_free). */
static void listener_end(struct listener *listener)
{
    if (!listener->server) return;
    IConnectionPoint_Unadvise(listener->point, listener->cookie);
    IConnectionPoint_Release(listener->point);
    IFaxServer2_Disconnect(listener->server);
    IFaxServer2_Release(listener->server);
}

/* An apartment of its own: a thread that listens and then pumps or waits until told to stop. */
struct apartment_thread
{
    DWORD mask;
    BOOL message_loop;              /* pump with a message loop; else wait in CoWaitForMultipleHandles */
    HANDLE ready, stop, thread;
    DWORD thread_id;
    struct apartment_sink *sink;
};

static DWORD WINAPI apartment_thread_proc(void *arg)
{
    struct apartment_thread *apartment = arg;
    struct listener listener;
    DWORD index;
    MSG msg;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    listener_start(&listener, apartment->mask);
    apartment->sink = listener.sink;
    SetEvent(apartment->ready);
    if (apartment->message_loop)
    {
        while (MsgWaitForMultipleObjects(1, &apartment->stop, FALSE, INFINITE, QS_ALLINPUT) != WAIT_OBJECT_0)
            while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&msg);
    }
    else CoWaitForMultipleHandles(0, INFINITE, 1, &apartment->stop, &index);
    listener_end(&listener);
    CoUninitialize();
    return 0;
}

static void apartment_start(struct apartment_thread *apartment, DWORD mask, BOOL message_loop)
{
    memset(apartment, 0, sizeof(*apartment));
    apartment->mask = mask;
    apartment->message_loop = message_loop;
    apartment->ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    apartment->stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    apartment->thread = CreateThread(NULL, 0, apartment_thread_proc, apartment, 0, &apartment->thread_id);
    ok(WaitForSingleObject(apartment->ready, WAIT_MS) == WAIT_OBJECT_0, "the apartment did not start listening\n");
}

static void apartment_stop(struct apartment_thread *apartment)
{
    SetEvent(apartment->stop);
    winetest_wait_child_thread(apartment->thread, WAIT_MS);
    CloseHandle(apartment->ready);
    CloseHandle(apartment->stop);
}

/* Every call of the sink in the apartment expected (and for an STA, on its thread). */
static void check_apartment(const char *who, struct apartment_sink *sink, APTTYPE expected, DWORD thread)
{
    LONG i, wrong = 0;

    for (i = 0; i < sink->sink.count && i < MAX_CALLS; i++)
        wrong += sink->apartments[i] != expected &&
                 !(expected == APTTYPE_STA && sink->apartments[i] == APTTYPE_MAINSTA);
    ok(!wrong, "%s: %ld of %ld calls in another kind of apartment\n", who, wrong, sink->sink.count);
    for (i = 0, wrong = 0; thread && i < sink->sink.count && i < MAX_CALLS; i++)
        wrong += sink->sink.calls[i].thread != thread;
    ok(!wrong, "%s: %ld of %ld calls on another thread than the apartment's\n", who, wrong, sink->sink.count);
}

/* A multithreaded sink is called by the dispatcher thread itself, so its calls come on one thread
 * (on two after a take-over, when one call held that thread up for long: the machine's load can). */
static void check_dispatcher_thread(struct apartment_sink *sink)
{
    DWORD threads[MAX_CALLS];
    LONG i, j, count = 0;

    for (i = 0; i < sink->sink.count && i < MAX_CALLS; i++)
    {
        for (j = 0; j < count && threads[j] != sink->sink.calls[i].thread; j++) ;
        if (j == count) threads[count++] = sink->sink.calls[i].thread;
    }
    ok(count >= 1 && count <= 2, "the MTA sink's %ld calls came on %ld threads\n", sink->sink.count, count);
    ok(!count || threads[0] != GetCurrentThreadId(), "the MTA sink was called on the thread that advised it\n");
    trace("the MTA sink's %ld calls came on %ld thread(s)\n", sink->sink.count, count);
}

/* ---- a second process ---- */

static void child_name(WCHAR *name, const WCHAR *what, DWORD parent)
{
    swprintf(name, 64, L"fxscomex-server_apartments-%ls-%lu", what, parent);
}

/* The child: listens like the parent, and when told, writes its lines to file (listen) or
 * waits to be killed (crash). */
static void child_main(const char *mode, DWORD parent, const char *file)
{
    WCHAR name[64];
    HANDLE ready, done;
    struct listener listener;
    struct lines lines;
    unsigned int i;
    FILE *out;

    child_name(name, L"ready", parent);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    child_name(name, L"done", parent);
    done = OpenEventW(SYNCHRONIZE, FALSE, name);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (ready && done && listener_start(&listener, EVENTS_MASK))
    {
        SetEvent(ready);
        ok(WaitForSingleObject(done, 60000) == WAIT_OBJECT_0, "the parent never said done\n");
        if (!strcmp(mode, "listen") && (out = fopen(file, "w")))
        {
            lines_of_sink(&listener.sink->sink, &lines);
            for (i = 0; i < lines.count; i++) fprintf(out, "%s\n", lines.items[i]);
            fclose(out);
            free(lines.items);
        }
        listener_end(&listener);
        apartment_sink_free(listener.sink);
    }
    CoUninitialize();
}

static HANDLE start_child(const char *mode, const char *file)
{
    return start_self("child %s %lu \"%s\"", mode, GetCurrentProcessId(), file);
}

static void read_lines(const char *file, struct lines *out)
{
    FILE *in = fopen(file, "r");

    out->items = malloc(MAX_CALLS * LINE_SIZE);
    out->count = 0;
    while (in && out->count < MAX_CALLS && fgets(out->items[out->count], LINE_SIZE, in))
    {
        out->items[out->count][strcspn(out->items[out->count], "\n")] = 0;
        out->count++;
    }
    if (in) fclose(in);
}

/* ---- the tests ---- */

/* One fax, heard in two single-threaded apartments, the MTA and another process. */
static void test_apartments_and_processes(struct fxs_link *link)
{
    static const DWORD pumping_mask = fsetOUT_QUEUE | fsetDEVICE_STATUS, waiting_mask = fsetIN_QUEUE |
        fsetIN_ARCHIVE | fsetINCOMING_CALL | fsetACTIVITY, mta_mask = fsetOUT_QUEUE | fsetOUT_ARCHIVE | fsetACTIVITY;
    struct apartment_thread pumping, waiting;
    struct listener mta;
    struct fxs_link *reference = start_listening();
    struct event_log log = { 0 };
    struct lines got, expected;
    WCHAR ready_name[64], done_name[64], id[17];
    char file[MAX_PATH];
    HANDLE ready, done, child;
    DWORD code = 1;

    GetTempPathA(sizeof(file), file);
    snprintf(file + strlen(file), sizeof(file) - strlen(file), "fxscomex-apartments-%lu.txt", GetCurrentProcessId());
    child_name(ready_name, L"ready", GetCurrentProcessId());
    child_name(done_name, L"done", GetCurrentProcessId());
    ready = CreateEventW(NULL, FALSE, FALSE, ready_name);
    done = CreateEventW(NULL, TRUE, FALSE, done_name);
    child = start_child("listen", file);
    ok(child != NULL, "the child did not start: %lu\n", GetLastError());
    ok(WaitForSingleObject(ready, WAIT_MS) == WAIT_OBJECT_0, "the child did not start listening\n");

    apartment_start(&pumping, pumping_mask, TRUE);
    apartment_start(&waiting, waiting_mask, FALSE);
    listener_start(&mta, mta_mask);
    if (reference && submit_fax_for_id_text(link, L"1002", id))
    {
        pull_fax(reference, &log, NULL);
        check_sink("STA with a message loop", &pumping.sink->sink, &log, pumping_mask);
        check_sink("STA in CoWaitForMultipleHandles", &waiting.sink->sink, &log, waiting_mask);
        check_sink("MTA", &mta.sink->sink, &log, mta_mask);

        Sleep(500);   /* the child's last calls */
        SetEvent(done);
        ok(WaitForSingleObject(child, WAIT_MS) == WAIT_OBJECT_0, "the child did not end\n");
        GetExitCodeProcess(child, &code);
        ok(code == 0, "the child failed %lu tests\n", code);
        read_lines(file, &got);
        lines_of_log(&log, EVENTS_MASK, &expected);
        compare_lines("another process", &got, &expected);
        free(got.items);
        free(expected.items);
    }
    apartment_stop(&pumping);
    apartment_stop(&waiting);
    listener_end(&mta);
    check_apartment("STA with a message loop", pumping.sink, APTTYPE_STA, pumping.thread_id);
    check_apartment("STA in CoWaitForMultipleHandles", waiting.sink, APTTYPE_STA, waiting.thread_id);
    check_apartment("MTA", mta.sink, APTTYPE_MTA, 0);
    check_dispatcher_thread(mta.sink);
    trace("calls: STA pumping %ld, STA waiting %ld, MTA %ld\n", pumping.sink->sink.count, waiting.sink->sink.count,
          mta.sink->sink.count);
    apartment_sink_free(pumping.sink);
    apartment_sink_free(waiting.sink);
    apartment_sink_free(mta.sink);
    SetEvent(done);
    if (child) CloseHandle(child);
    CloseHandle(ready);
    CloseHandle(done);
    DeleteFileA(file);
    log_free(&log);
    if (reference) fxs_link_close(reference);
}

/* A listening process killed while a fax's events are in flight. */
static void test_killed_listener(struct fxs_link *link)
{
    struct fxs_link *reference = start_listening();
    struct event_log log = { 0 };
    struct listener listener;
    WCHAR ready_name[64], done_name[64], id[17];
    HANDLE ready, done, child;
    DWORD base, count = 0;
    double killed = 0, gone_ms = -1, reference_end, sink_end, lag;
    int last;

    child_name(ready_name, L"ready", GetCurrentProcessId());
    child_name(done_name, L"done", GetCurrentProcessId());
    ready = CreateEventW(NULL, FALSE, FALSE, ready_name);
    done = CreateEventW(NULL, TRUE, FALSE, done_name);
    listener_start(&listener, EVENTS_MASK);
    base = session_count(link);
    child = start_child("crash", "");
    ok(child != NULL, "the child did not start: %lu\n", GetLastError());
    ok(WaitForSingleObject(ready, WAIT_MS) == WAIT_OBJECT_0, "the child did not start listening\n");
    ok(session_count(link) == base + 2, "%lu sessions with the child, expected %lu\n", session_count(link), base + 2);

    if (reference && submit_fax_for_id_text(link, L"1002", id))
    {
        /* The fax is being dialled: kill the child while events are published for it. */
        ok(wait_for_status(reference, &log, FXS_EVENT_OUT_QUEUE, _wcstoui64(id, NULL, 16), fjsINPROGRESS,
                           fjesDIALING, 0), "the fax was not dialled\n");
        ok(TerminateProcess(child, 1), "TerminateProcess failed\n");
        WaitForSingleObject(child, 5000);
        killed = now_ms();
        while ((count = session_count(link)) != base && now_ms() - killed < 5000) Sleep(5);
        if (count == base) gone_ms = now_ms() - killed;
        ok(count == base, "%lu sessions 5 s after the kill, expected %lu\n", count, base);

        pull_fax(reference, &log, &reference_end);
        check_sink("beside a killed process", &listener.sink->sink, &log, EVENTS_MASK);
        last = sink_find(&listener.sink->sink, 2, NULL);
        sink_end = last >= 0 ? listener.sink->times[last] : now_ms();
        lag = sink_end - reference_end;
        trace("the killed listener's sessions went %.1f ms after the kill; the sink's lag at the end: %.0f ms\n",
              gone_ms, lag);
    }
    listener_end(&listener);
    apartment_sink_free(listener.sink);
    if (child)
    {
        TerminateProcess(child, 1);
        CloseHandle(child);
    }
    CloseHandle(ready);
    CloseHandle(done);
    log_free(&log);
    if (reference) fxs_link_close(reference);
}

/* An STA that advises a sink and ends without unadvising. */
struct dead_apartment
{
    IConnectionPoint *point;
    struct apartment_sink *sink;
    DWORD cookie;
};

static DWORD WINAPI dead_apartment_proc(void *arg)
{
    struct dead_apartment *dead = arg;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    ok(IConnectionPoint_Advise(dead->point, (IUnknown *)&dead->sink->sink.IDispatch_iface, &dead->cookie) == S_OK,
       "Advise from the STA failed\n");
    CoUninitialize();
    return 0;
}

static void test_dead_apartment(struct fxs_link *link)
{
    struct fxs_link *reference = start_listening();
    struct event_log log = { 0 };
    struct dead_apartment dead = { 0 };
    struct listener listener;
    WCHAR id[17];
    HRESULT hr;
    LONG calls;

    dead.sink = apartment_sink_create();
    if (listener_start(&listener, EVENTS_MASK))
    {
        dead.point = listener.point;
        winetest_wait_child_thread(CreateThread(NULL, 0, dead_apartment_proc, &dead, 0, NULL), WAIT_MS);
        calls = dead.sink->sink.count;
        if (reference && submit_fax_for_id_text(link, L"1002", id))
        {
            pull_fax(reference, &log, NULL);
            check_sink("beside a dead apartment", &listener.sink->sink, &log, EVENTS_MASK);
            ok(dead.sink->sink.count == calls, "%ld calls into the dead apartment\n", dead.sink->sink.count - calls);
            /* Its first event found the apartment gone, and the connection was dropped. */
            hr = IConnectionPoint_Unadvise(listener.point, dead.cookie);
            ok(hr == CONNECT_E_NOCONNECTION, "the dead apartment's sink is still advised: Unadvise %#lx\n", hr);
        }
    }
    listener_end(&listener);
    apartment_sink_free(listener.sink);
    trace("the dead apartment's sink has %ld references\n", dead.sink->sink.refcount);
    apartment_sink_free(dead.sink);
    log_free(&log);
    if (reference) fxs_link_close(reference);
}

START_TEST(server_apartments)
{
    struct fxs_link *link;
    WCHAR root[MAX_PATH];

    if (winetest_argc >= 5 && !strcmp(winetest_argv[1], "child"))
    {
        child_main(winetest_argv[2], strtoul(winetest_argv[3], NULL, 10), winetest_argv[4]);
        return;
    }
    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-apartments", root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"50");

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (!open_link(NULL, 0, FALSE, &link))
    {
        test_apartments_and_processes(link);
        test_killed_listener(link);
        test_dead_apartment(link);
        fxs_link_close(link);
    }
    else ok(0, "no session with the service\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    remove_folder(root);
}
