/*
 * The event-delivery benchmark. In one run it measures the raw costs first (the ncalrpc round
 * trip, the long poll waking for a lone event, the transport of a batch of events, an Invoke in
 * the MTA, a Global Interface Table lookup, an Invoke from the MTA into an STA), then events end to
 * end, from the service's publish to the sink's Invoke, for 1 MTA sink, 1 STA sink, 100 sinks in
 * one process and 10 listening processes: lone events (latency p50 and p99, each published alone
 * on an idle path) and bursts (events per second, cost per event, and its ratio to the raw costs).
 *
 * The events come from the service's test hook fxs_test_publish (FXSSVC_TEST_HOOKS=1), which goes
 * through publish_event, the engine's own path. An event carries no time stamp: a lone event's
 * latency runs from just before the client's publish call to the sink's Invoke, on the
 * QueryPerformanceCounter clock that every process of the machine shares.
 *
 * It checks only correctness with ok(): every sink gets every event, in order, once. The figures
 * and whether the targets were met are printed, never failed: a slow machine is not a bug.
 * "bench_events --long" (or FXSCOMEX_BENCH_LONG=1) runs ten times as many events.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "event_sink.h"
#include "record.h"
#include "child_process.h"

#define ON_OUTGOING_JOB_CHANGED 6     /* IFaxServerNotify2's DISPIDs */
#define ON_QUEUES_STATUS_CHANGE 22
#define NOTIFY_WAIT_MS 60000
#define CHILD_COUNT 10
#define MANY_SINKS 100

/* ---- time ---- */

static LONGLONG qpc_now(void)
{
    LARGE_INTEGER counter;
    QueryPerformanceCounter(&counter);
    return counter.QuadPart;
}

static double qpc_us(LONGLONG ticks)
{
    static LARGE_INTEGER frequency;
    if (!frequency.QuadPart) QueryPerformanceFrequency(&frequency);
    return ticks * 1e6 / frequency.QuadPart;
}

struct stats
{
    double mean, p50, p99;
    unsigned int count;
};

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts the samples. */
static struct stats stats_of(double *samples, unsigned int count)
{
    struct stats stats = { 0 };
    unsigned int i;

    if (!count) return stats;
    qsort(samples, count, sizeof(*samples), compare_doubles);
    for (i = 0; i < count; i++) stats.mean += samples[i] / count;
    stats.p50 = samples[count / 2];
    stats.p99 = samples[min(count - 1, (count * 99 + 99) / 100 - 1)];
    stats.count = count;
    return stats;
}

/* ---- the plan: what the publisher sends, and what every sink must receive ---- */

/* Publish calls 0 .. lone - 1 send one event each, alone; then bursts calls send chunk copies each.
 * An event's job id is the scenario's tag (high 32 bits) and its call's number: copies within a
 * burst are identical, so order is checked between calls and counts exactly within one. */
struct plan
{
    LONG lone, bursts, chunk;
};

static LONG plan_calls(const struct plan *plan)
{
    return plan->lone + plan->bursts;
}

static LONG plan_expected(const struct plan *plan, LONG call)
{
    return call < plan->lone ? 1 : plan->chunk;
}

/* What one receiver saw, per publish call. */
struct receipts
{
    LONG calls;
    LONG current;                   /* the latest call seen */
    LONG errors;                    /* out of order, duplicated, foreign or malformed */
    LONG *count;
    LONGLONG *first, *last;         /* QueryPerformanceCounter at the Invoke */
};

static BOOL receipts_init(struct receipts *r, const struct plan *plan)
{
    memset(r, 0, sizeof(*r));
    r->calls = plan_calls(plan);
    r->count = calloc(r->calls, sizeof(*r->count));
    r->first = calloc(r->calls, sizeof(*r->first));
    r->last = calloc(r->calls, sizeof(*r->last));
    return r->count && r->first && r->last;
}

static void receipts_free(struct receipts *r)
{
    free(r->count);
    free(r->first);
    free(r->last);
}

/* TRUE when this event completes its call. */
static BOOL receipts_note(struct receipts *r, const struct plan *plan, LONG call, LONGLONG now)
{
    if (call < 0 || call >= r->calls || call < r->current)
    {
        r->errors++;
        return FALSE;
    }
    r->current = call;
    if (!r->count[call]++) r->first[call] = now;
    r->last[call] = now;
    if (r->count[call] > plan_expected(plan, call))
    {
        r->errors++;
        return FALSE;
    }
    return r->count[call] == plan_expected(plan, call);
}

/* Every call's events arrived, once each, in order. */
static BOOL receipts_complete(const struct receipts *r, const struct plan *plan, const char *who)
{
    LONG call, wrong = 0, first_wrong = -1;

    for (call = 0; call < r->calls; call++)
        if (r->count[call] != plan_expected(plan, call) && !wrong++) first_wrong = call;
    ok(!r->errors, "%s: %ld events out of order, duplicated or malformed\n", who, r->errors);
    ok(!wrong, "%s: %ld of %ld publish calls arrived incomplete; the first, %ld, brought %ld of %ld events\n", who,
       wrong, r->calls, first_wrong, wrong ? r->count[first_wrong] : 0, wrong ? plan_expected(plan, first_wrong) : 0);
    return !r->errors && !wrong;
}

/* ---- a sink that time-stamps what it gets ---- */

/* event_sink.h's recording sink, with an Invoke of its own: IUnknown and the rest of IDispatch are
 * that sink's. */
struct bench_sink
{
    struct sink base;
    const struct plan *plan;        /* NULL: a plain target that counts calls */
    ULONGLONG tag;
    DWORD thread;                   /* 0, or the only thread it may be called on */
    HANDLE notify;                  /* a semaphore released once per completed call */
    LONG invokes;
    struct receipts receipts;
    LONGLONG state_time;            /* the last OnQueuesStatusChange: when, and its bOutgoingPaused */
    LONG state_paused;
};

static inline struct bench_sink *bench_sink_from_IDispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct bench_sink, base.IDispatch_iface);
}

/* OnOutgoingJobChanged(server, job id, job status), arguments last to first. */
static BOOL is_job_changed(DISPID member, const DISPPARAMS *params)
{
    return member == ON_OUTGOING_JOB_CHANGED && params->cArgs == 3 && V_VT(&params->rgvarg[2]) == VT_DISPATCH &&
           V_VT(&params->rgvarg[1]) == VT_BSTR && V_BSTR(&params->rgvarg[1]) &&
           V_VT(&params->rgvarg[0]) == VT_DISPATCH && V_DISPATCH(&params->rgvarg[0]);
}

static HRESULT WINAPI bench_sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                        DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct bench_sink *sink = bench_sink_from_IDispatch(iface);
    LONGLONG now = qpc_now();
    ULONGLONG id;

    sink->invokes++;
    if (member == ON_QUEUES_STATUS_CHANGE && params->cArgs == 4 && V_VT(&params->rgvarg[1]) == VT_BOOL)
    {
        sink->state_time = now;
        sink->state_paused = V_BOOL(&params->rgvarg[1]) != VARIANT_FALSE;
        ReleaseSemaphore(sink->notify, 1, NULL);
        return S_OK;
    }
    if (!sink->plan) return S_OK;
    /* Calls to one sink never overlap (delivery.c): no lock needed. */
    if ((sink->thread && GetCurrentThreadId() != sink->thread) || !is_job_changed(member, params))
    {
        sink->receipts.errors++;
        return S_OK;
    }
    id = wcstoull(V_BSTR(&params->rgvarg[1]), NULL, 16);
    if ((id >> 32) != sink->tag) sink->receipts.errors++;
    else if (receipts_note(&sink->receipts, sink->plan, (LONG)(id & 0xffffffff), now))
        ReleaseSemaphore(sink->notify, 1, NULL);
    return S_OK;
}

static const IDispatchVtbl bench_sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    bench_sink_Invoke,
};

static BOOL bench_sink_init(struct bench_sink *sink, const struct plan *plan, ULONGLONG tag, HANDLE notify)
{
    memset(sink, 0, sizeof(*sink));
    sink_init(&sink->base, &DIID_IFaxServerNotify2);
    sink->base.IDispatch_iface.lpVtbl = &bench_sink_vtbl;
    sink->plan = plan;
    sink->tag = tag;
    sink->notify = notify;
    return !plan || receipts_init(&sink->receipts, plan);
}

static void bench_sink_clear(struct bench_sink *sink)
{
    sink_clear(&sink->base);
    if (sink->plan) receipts_free(&sink->receipts);
}

/* ---- waiting, publishing ---- */

/* One release of the semaphore; an STA dispatches its messages meanwhile, which is how COM brings
 * calls to its sinks. */
static BOOL wait_notification(HANDLE notify, BOOL sta)
{
    DWORD start = GetTickCount(), elapsed, wait;
    MSG msg;

    if (!sta) return WaitForSingleObject(notify, NOTIFY_WAIT_MS) == WAIT_OBJECT_0;
    while ((elapsed = GetTickCount() - start) < NOTIFY_WAIT_MS)
    {
        wait = MsgWaitForMultipleObjectsEx(1, &notify, NOTIFY_WAIT_MS - elapsed, QS_ALLINPUT, MWMO_INPUTAVAILABLE);
        if (wait == WAIT_OBJECT_0) return TRUE;
        if (wait != WAIT_OBJECT_0 + 1) return FALSE;
        while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&msg);
    }
    return FALSE;
}

static BOOL wait_notifications(HANDLE notify, unsigned int n, BOOL sta)
{
    while (n--)
        if (!wait_notification(notify, sta)) return FALSE;
    return TRUE;
}

/* An OnOutgoingJobChanged as a fax in progress makes it. */
static fxs_event job_event(ULONGLONG id)
{
    fxs_event event = { 0 };

    event.event_class = FXS_EVENT_OUT_QUEUE;
    event.job_event = FXS_JOB_EVENT_STATUS;
    event.job_id = id;
    event.job.status = fjsINPROGRESS;
    event.job.extended_status_code = fjesTRANSMITTING;
    event.job.extended_status = (WCHAR *)L"Transmitting";
    event.job.pages = 2;
    event.job.size = 40000;
    event.job.current_page = 1;
    event.job.device_id = 1;
    event.job.available_operations = fjoVIEW;
    event.job.times_set = FXS_TIME_TRANSMISSION_START;
    event.job.transmission_start = 46000.5;
    event.job.tsid = (WCHAR *)L"1001";
    return event;
}

struct run
{
    const char *name;
    struct plan plan;
    ULONGLONG tag;
    unsigned int receivers;         /* notifications per completed call */
    BOOL sta;                       /* the publisher's thread is the sinks' STA: it pumps while it waits */
    HANDLE notify;
    LONGLONG *sent;                 /* per call: just before the publish call */
    double baseline_us;             /* raw cost per event: transport + the Invokes */
    double lone_baseline_us;        /* raw latency of a lone event: the long poll + one Invoke */
};

/* Publishes the plan, waiting after each call until every receiver has it all. */
static BOOL drive(struct fxs_link *link, struct run *run)
{
    LONG call, calls = plan_calls(&run->plan);
    fxs_event event;
    DWORD status;
    BOOL arrived;

    for (call = 0; call < calls; call++)
    {
        /* A lone event finds the path idle: the dispatcher back in its long poll. */
        if (call < run->plan.lone) Sleep(2);
        event = job_event(run->tag << 32 | call);
        run->sent[call] = qpc_now();
        status = fxs_rpc_test_publish(fxs_link_session(link), &event, plan_expected(&run->plan, call));
        ok(!status, "%s: publish %ld failed: %lu\n", run->name, call, status);
        if (status) return FALSE;
        arrived = wait_notifications(run->notify, run->receivers, run->sta);
        ok(arrived, "%s: call %ld did not reach every sink\n", run->name, call);
        if (!arrived) return FALSE;
    }
    return TRUE;
}

/* ---- the figures ---- */

struct result
{
    const char *name;
    struct stats lone;              /* us, over every (event, receiver) */
    double cost_us;                 /* per event in bursts, to the last receiver */
    double baseline_us;
    double lone_baseline_us;
};

static struct result results[8];
static unsigned int result_count;

static void add_result(struct run *run, const struct receipts *const *receivers, unsigned int count)
{
    struct result *result = &results[result_count++];
    double *lone = malloc(max(1, run->plan.lone * count) * sizeof(*lone)), total = 0;
    unsigned int n = 0, i;
    LONG call;

    result->name = run->name;
    result->baseline_us = run->baseline_us;
    result->lone_baseline_us = run->lone_baseline_us;
    for (call = 0; call < run->plan.lone; call++)
        for (i = 0; i < count; i++) lone[n++] = qpc_us(receivers[i]->first[call] - run->sent[call]);
    result->lone = stats_of(lone, n);
    for (call = run->plan.lone; call < plan_calls(&run->plan); call++)
    {
        LONGLONG last = 0;
        for (i = 0; i < count; i++) last = max(last, receivers[i]->last[call]);
        total += qpc_us(last - run->sent[call]);
    }
    result->cost_us = total / max(1, run->plan.bursts * run->plan.chunk);
    free(lone);
}

/* ---- raw baselines ---- */

struct baselines
{
    struct stats round_trip;        /* fxs_get_server_info */
    struct stats lone_transport;    /* publish of one event to the return of a waiting pull */
    double batch_us;                /* per event, pulls of a full batch */
    DWORD batch_size;
    double invoke_mta_us;           /* an Invoke in the MTA, job-changed arguments */
    double git_lookup_us;           /* GetInterfaceFromGlobal + Release of an MTA sink */
    struct stats invoke_sta;        /* from the MTA into an STA, through the GIT */
    struct stats invoke_sta_fresh;  /* the same, the proxy taken from the GIT and released each time */
};

static struct baselines base;

static void measure_round_trip(struct fxs_link *link, unsigned int n)
{
    double *samples = malloc(n * sizeof(*samples));
    fxs_server_info info;
    unsigned int i, failed = 0;
    LONGLONG start;

    for (i = 0; i < n; i++)
    {
        start = qpc_now();
        failed += fxs_rpc_get_server_info(fxs_link_session(link), &info) != ERROR_SUCCESS;
        samples[i] = qpc_us(qpc_now() - start);
    }
    ok(!failed, "%u of %u fxs_get_server_info calls failed\n", failed, n);
    base.round_trip = stats_of(samples, n);
    free(samples);
}

struct timed_pull
{
    struct fxs_link *link;
    DWORD status, count;
    LONGLONG returned;
    HANDLE waiting;                 /* set just before the pull */
};

static DWORD WINAPI timed_pull_thread(void *arg)
{
    struct timed_pull *pull = arg;
    struct fxs_event_batch batch;

    SetEvent(pull->waiting);
    pull->status = fxs_link_pull(pull->link, 1, NOTIFY_WAIT_MS, &batch);
    pull->returned = qpc_now();
    pull->count = batch.count;
    fxs_event_batch_free(&batch);
    return 0;
}

/* A lone event on a raw session: the publish call to the return of the pull waiting for it. */
static void measure_lone_transport(struct fxs_link *link, struct fxs_link *raw, unsigned int n)
{
    double *samples = malloc(n * sizeof(*samples));
    struct timed_pull pull = { raw };
    fxs_event event = job_event(1);
    unsigned int i, got = 0;
    LONGLONG start;
    HANDLE thread;

    pull.waiting = CreateEventW(NULL, FALSE, FALSE, NULL);
    for (i = 0; i < n; i++)
    {
        thread = CreateThread(NULL, 0, timed_pull_thread, &pull, 0, NULL);
        WaitForSingleObject(pull.waiting, INFINITE);
        Sleep(2);   /* the pull is in the service, waiting */
        start = qpc_now();
        fxs_rpc_test_publish(fxs_link_session(link), &event, 1);
        if (WaitForSingleObject(thread, NOTIFY_WAIT_MS)) break;
        CloseHandle(thread);
        if (pull.status || pull.count != 1) break;
        samples[got++] = qpc_us(pull.returned - start);
    }
    ok(got == n, "%u of %u lone events came through the raw long poll (status %lu)\n", got, n, pull.status);
    base.lone_transport = stats_of(samples, got);
    CloseHandle(pull.waiting);
    free(samples);
}

/* The transport cost per event when the dispatcher pulls full batches: publish a queue's worth,
 * then time the pulls that take it. */
static void measure_batch_transport(struct fxs_link *link, struct fxs_link *raw, unsigned int rounds)
{
    fxs_server_info info;
    fxs_event event = job_event(1);
    struct fxs_event_batch batch;
    DWORD per_round, got, status = 0;
    unsigned int round;
    double total = 0;
    LONGLONG start;

    fxs_link_server_info(raw, &info);
    base.batch_size = info.max_pull;
    per_round = info.max_pull * max(1, min(4, info.queue_capacity / info.max_pull));
    for (round = 0; round < rounds && !status; round++)
    {
        status = fxs_rpc_test_publish(fxs_link_session(link), &event, per_round);
        start = qpc_now();
        for (got = 0; got < per_round && !status;)
        {
            status = fxs_link_pull(raw, info.max_pull, NOTIFY_WAIT_MS, &batch);
            if (!status && (batch.missed || !batch.count)) status = ERROR_INVALID_DATA;
            got += batch.count;
            fxs_event_batch_free(&batch);
        }
        total += qpc_us(qpc_now() - start) / per_round;
    }
    ok(!status, "the raw batches failed: %lu\n", status);
    base.batch_us = total / max(1, round);
}

/* An Invoke in the sink's own apartment (the MTA), with OnOutgoingJobChanged's arguments, and the
 * GIT lookup delivery.c makes before it. */
static void measure_mta_invoke(unsigned int n)
{
    IGlobalInterfaceTable *table;
    struct bench_sink target;
    VARIANT args[3];
    DISPPARAMS params = { args, NULL, 3, 0 };
    IDispatch *found;
    unsigned int i;
    LONGLONG start;
    DWORD cookie;

    bench_sink_init(&target, NULL, 0, NULL);
    V_VT(&args[0]) = VT_DISPATCH;
    V_DISPATCH(&args[0]) = &target.base.IDispatch_iface;
    V_VT(&args[1]) = VT_BSTR;
    V_BSTR(&args[1]) = SysAllocString(L"0000000000000001");
    V_VT(&args[2]) = VT_DISPATCH;
    V_DISPATCH(&args[2]) = &target.base.IDispatch_iface;
    start = qpc_now();
    for (i = 0; i < n; i++)
        IDispatch_Invoke(&target.base.IDispatch_iface, ON_OUTGOING_JOB_CHANGED, &IID_NULL, 0, DISPATCH_METHOD, &params,
                         NULL, NULL, NULL);
    base.invoke_mta_us = qpc_us(qpc_now() - start) / n;
    ok(target.invokes == n, "%ld of %u direct Invokes arrived\n", target.invokes, n);
    SysFreeString(V_BSTR(&args[1]));

    CoCreateInstance(&CLSID_StdGlobalInterfaceTable, NULL, CLSCTX_INPROC_SERVER, &IID_IGlobalInterfaceTable,
                     (void **)&table);
    IGlobalInterfaceTable_RegisterInterfaceInGlobal(table, (IUnknown *)&target.base.IDispatch_iface, &IID_IDispatch,
                                                    &cookie);
    start = qpc_now();
    for (i = 0; i < n; i++)
        if (SUCCEEDED(IGlobalInterfaceTable_GetInterfaceFromGlobal(table, cookie, &IID_IDispatch, (void **)&found)))
            IDispatch_Release(found);
    base.git_lookup_us = qpc_us(qpc_now() - start) / n;
    IGlobalInterfaceTable_RevokeInterfaceFromGlobal(table, cookie);
    IGlobalInterfaceTable_Release(table);
    bench_sink_clear(&target);
}

struct sta_host
{
    struct bench_sink target;
    DWORD cookie;
    HANDLE ready, stop;
};

static DWORD WINAPI sta_host_thread(void *arg)
{
    struct sta_host *host = arg;
    IGlobalInterfaceTable *table;
    DWORD index;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    CoCreateInstance(&CLSID_StdGlobalInterfaceTable, NULL, CLSCTX_INPROC_SERVER, &IID_IGlobalInterfaceTable,
                     (void **)&table);
    IGlobalInterfaceTable_RegisterInterfaceInGlobal(table, (IUnknown *)&host->target.base.IDispatch_iface, &IID_IDispatch,
                                                    &host->cookie);
    SetEvent(host->ready);
    CoWaitForMultipleHandles(COWAIT_DISPATCH_CALLS | COWAIT_DISPATCH_WINDOW_MESSAGES, INFINITE, 1, &host->stop, &index);
    IGlobalInterfaceTable_RevokeInterfaceFromGlobal(table, host->cookie);
    IGlobalInterfaceTable_Release(table);
    CoUninitialize();
    return 0;
}

/* An Invoke from the MTA into an object of an STA that waits in CoWaitForMultipleHandles, with a
 * job id and two longs (object arguments would be marshalled: delivery never sends those across). */
static void measure_sta_invoke(unsigned int n)
{
    struct sta_host host;
    IGlobalInterfaceTable *table;
    IDispatch *proxy = NULL;
    VARIANT args[3];
    DISPPARAMS params = { args, NULL, 3, 0 };
    double *samples = malloc(n * sizeof(*samples));
    unsigned int i, failed = 0;
    LONGLONG start;
    HANDLE thread;

    bench_sink_init(&host.target, NULL, 0, NULL);
    host.ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    host.stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, sta_host_thread, &host, 0, NULL);
    WaitForSingleObject(host.ready, INFINITE);
    CoCreateInstance(&CLSID_StdGlobalInterfaceTable, NULL, CLSCTX_INPROC_SERVER, &IID_IGlobalInterfaceTable,
                     (void **)&table);
    IGlobalInterfaceTable_GetInterfaceFromGlobal(table, host.cookie, &IID_IDispatch, (void **)&proxy);
    ok(proxy && proxy != &host.target.base.IDispatch_iface, "no proxy of the STA object: %p\n", proxy);
    V_VT(&args[0]) = VT_I4;
    V_I4(&args[0]) = 2;
    V_VT(&args[1]) = VT_I4;
    V_I4(&args[1]) = 1;
    V_VT(&args[2]) = VT_BSTR;
    V_BSTR(&args[2]) = SysAllocString(L"0000000000000001");
    for (i = 0; proxy && i < n; i++)
    {
        start = qpc_now();
        failed += FAILED(IDispatch_Invoke(proxy, ON_OUTGOING_JOB_CHANGED, &IID_NULL, 0, DISPATCH_METHOD, &params,
                                          NULL, NULL, NULL));
        samples[i] = qpc_us(qpc_now() - start);
    }
    ok(!failed && host.target.invokes == n, "%u cross-apartment Invokes failed, %ld of %u arrived\n", failed,
       host.target.invokes, n);
    base.invoke_sta = stats_of(samples, proxy ? n : 0);
    /* The same with a proxy taken from the GIT and released around each call. */
    for (i = 0; i < n; i++)
    {
        IDispatch *fresh = NULL;
        start = qpc_now();
        if (SUCCEEDED(IGlobalInterfaceTable_GetInterfaceFromGlobal(table, host.cookie, &IID_IDispatch, (void **)&fresh)))
        {
            failed += FAILED(IDispatch_Invoke(fresh, ON_OUTGOING_JOB_CHANGED, &IID_NULL, 0, DISPATCH_METHOD, &params,
                                              NULL, NULL, NULL));
            IDispatch_Release(fresh);
        }
        samples[i] = qpc_us(qpc_now() - start);
    }
    base.invoke_sta_fresh = stats_of(samples, n);
    if (proxy) IDispatch_Release(proxy);
    SysFreeString(V_BSTR(&args[2]));
    IGlobalInterfaceTable_Release(table);
    SetEvent(host.stop);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    CloseHandle(host.ready);
    CloseHandle(host.stop);
    bench_sink_clear(&host.target);
    free(samples);
}

static void measure_baselines(struct fxs_link *link, BOOL long_run)
{
    unsigned int scale = long_run ? 10 : 1;
    struct fxs_link *raw;
    DWORD status;

    measure_round_trip(link, 1000 * scale);
    if (!(status = open_link(NULL, 0, TRUE, &raw)))
    {
        status = fxs_link_subscribe(raw, FXS_EVENT_OUT_QUEUE);
        if (!status) status = fxs_link_open_events(raw);
        ok(!status, "the raw session: %lu\n", status);
        if (!status) measure_lone_transport(link, raw, 100 * scale);
        if (!status) measure_batch_transport(link, raw, 5 * scale);
        fxs_link_close(raw);
    }
    else ok(0, "no raw session: %lu\n", status);
    measure_mta_invoke(100000 * scale);
    measure_sta_invoke(2000 * scale);
}

/* ---- end to end, in this process ---- */

static BOOL run_prepare(struct run *run)
{
    run->notify = CreateSemaphoreW(NULL, 0, 0x7fffffff, NULL);
    run->sent = calloc(plan_calls(&run->plan), sizeof(*run->sent));
    return run->notify && run->sent;
}

static void run_free(struct run *run)
{
    CloseHandle(run->notify);
    free(run->sent);
}

/* Sinks advised on one FaxServer from the calling thread, in its apartment, then the plan. */
static void run_local(struct fxs_link *link, struct run *run, unsigned int count, BOOL sta)
{
    struct bench_sink *sinks = calloc(count, sizeof(*sinks));
    const struct receipts **receivers = calloc(count, sizeof(*receivers));
    IConnectionPoint *point = NULL;
    IFaxServer2 *server;
    DWORD *cookies = calloc(count, sizeof(*cookies));
    unsigned int i, initialized = 0, advised = 0, complete = 0;
    HRESULT hr;

    if (!run_prepare(run) || !(server = connected_server())) goto done;
    point = find_point(server, &DIID_IFaxServerNotify2);
    for (i = 0; point && i < count; i++)
    {
        if (!bench_sink_init(&sinks[initialized++], &run->plan, run->tag, run->notify)) break;
        if (sta) sinks[i].thread = GetCurrentThreadId();
        receivers[i] = &sinks[i].receipts;
        hr = IConnectionPoint_Advise(point, (IUnknown *)&sinks[i].base.IDispatch_iface, &cookies[i]);
        advised += hr == S_OK;
    }
    ok(advised == count, "%s: %u of %u sinks advised\n", run->name, advised, count);
    hr = IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE);
    ok(hr == S_OK, "%s: ListenToServerEvents: %#lx\n", run->name, hr);
    run->receivers = count;
    run->sta = sta;
    if (advised == count && hr == S_OK && drive(link, run))
    {
        for (i = 0; i < count; i++) complete += receipts_complete(&sinks[i].receipts, &run->plan, run->name);
        if (complete == count) add_result(run, receivers, count);
    }
    IFaxServer2_ListenToServerEvents(server, fsetNONE);
    for (i = 0; i < advised; i++) IConnectionPoint_Unadvise(point, cookies[i]);
    if (point) IConnectionPoint_Release(point);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
done:
    for (i = 0; i < initialized; i++) bench_sink_clear(&sinks[i]);
    run_free(run);
    free(sinks);
    free(receivers);
    free(cookies);
}

struct sta_run
{
    struct fxs_link *link;
    struct run *run;
};

static DWORD WINAPI sta_run_thread(void *arg)
{
    struct sta_run *sta = arg;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    run_local(sta->link, sta->run, 1, TRUE);
    CoUninitialize();
    return 0;
}

/* ---- end to end, in ten processes ---- */

struct child_report
{
    LONG errors, calls, failures;
};

static const char *child_result_path(unsigned int index, char *path, size_t size)
{
    char temp[MAX_PATH];
    GetTempPathA(sizeof(temp), temp);
    snprintf(path, size, "%sfxscomex-bench-%lu-%u.bin", temp, GetCurrentProcessId(), index);
    return path;
}

/* bench_events child TAG LONE BURSTS CHUNK SEMAPHORE STOP-EVENT RESULT-FILE: one MTA sink that
 * reports to the parent process. */
static void child_main(char **argv)
{
    struct plan plan = { atol(argv[3]), atol(argv[4]), atol(argv[5]) };
    struct child_report report = { 0 };
    struct bench_sink sink;
    IConnectionPoint *point = NULL;
    IFaxServer2 *server;
    HANDLE notify, stop;
    DWORD cookie = 0;
    FILE *file;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    notify = OpenSemaphoreA(SEMAPHORE_MODIFY_STATE | SYNCHRONIZE, FALSE, argv[6]);
    stop = OpenEventA(SYNCHRONIZE, FALSE, argv[7]);
    ok(notify && stop, "the parent's semaphore or stop event is missing\n");
    if (!bench_sink_init(&sink, &plan, _strtoui64(argv[2], NULL, 10), notify)) return;
    if ((server = connected_server()))
    {
        point = find_point(server, &DIID_IFaxServerNotify2);
        ok(point && IConnectionPoint_Advise(point, (IUnknown *)&sink.base.IDispatch_iface, &cookie) == S_OK,
           "child: Advise failed\n");
        ok(IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE) == S_OK, "child: ListenToServerEvents failed\n");
    }
    ReleaseSemaphore(notify, 1, NULL);   /* ready, or failed: the parent goes on either way */
    WaitForSingleObject(stop, NOTIFY_WAIT_MS * 5);

    receipts_complete(&sink.receipts, &plan, "child");
    report.errors = sink.receipts.errors;
    report.calls = sink.receipts.calls;
    report.failures = winetest_failures;
    if ((file = fopen(argv[8], "wb")))
    {
        fwrite(&report, sizeof(report), 1, file);
        fwrite(sink.receipts.count, sizeof(LONG), report.calls, file);
        fwrite(sink.receipts.first, sizeof(LONGLONG), report.calls, file);
        fwrite(sink.receipts.last, sizeof(LONGLONG), report.calls, file);
        fclose(file);
    }
    if (server)
    {
        IFaxServer2_ListenToServerEvents(server, fsetNONE);
        if (cookie) IConnectionPoint_Unadvise(point, cookie);
        IFaxServer2_Release(server);
    }
    if (point) IConnectionPoint_Release(point);
    bench_sink_clear(&sink);
    CoUninitialize();
    ExitProcess(min(winetest_failures, 255));
}

static BOOL read_child_report(const char *path, const struct plan *plan, struct receipts *r)
{
    struct child_report report;
    BOOL read = FALSE;
    FILE *file;

    if (!receipts_init(r, plan)) return FALSE;
    if ((file = fopen(path, "rb")))
    {
        read = fread(&report, sizeof(report), 1, file) == 1 && report.calls == r->calls &&
               fread(r->count, sizeof(LONG), r->calls, file) == r->calls &&
               fread(r->first, sizeof(LONGLONG), r->calls, file) == r->calls &&
               fread(r->last, sizeof(LONGLONG), r->calls, file) == r->calls;
        fclose(file);
    }
    DeleteFileA(path);
    if (read) r->errors = report.errors;
    return read;
}

static HANDLE start_child(const struct run *run, const char *semaphore, const char *stop, const char *result)
{
    return start_self("child %lu %ld %ld %ld %s %s \"%s\"", (DWORD)run->tag, run->plan.lone, run->plan.bursts,
                      run->plan.chunk, semaphore, stop, result);
}

static void run_processes(struct fxs_link *link, struct run *run)
{
    struct receipts receipts[CHILD_COUNT];
    const struct receipts *receivers[CHILD_COUNT];
    HANDLE children[CHILD_COUNT] = { 0 }, stop;
    char semaphore[64], stop_name[64], paths[CHILD_COUNT][MAX_PATH];
    unsigned int i, started = 0, complete = 0;
    DWORD code;
    BOOL driven = FALSE;

    if (!run_prepare(run)) return;
    snprintf(semaphore, sizeof(semaphore), "fxscomex-bench-%lu-notify", GetCurrentProcessId());
    snprintf(stop_name, sizeof(stop_name), "fxscomex-bench-%lu-stop", GetCurrentProcessId());
    CloseHandle(run->notify);
    run->notify = CreateSemaphoreA(NULL, 0, 0x7fffffff, semaphore);
    stop = CreateEventA(NULL, TRUE, FALSE, stop_name);
    for (i = 0; i < CHILD_COUNT; i++)
        started += !!(children[i] = start_child(run, semaphore, stop_name, child_result_path(i, paths[i], MAX_PATH)));
    ok(started == CHILD_COUNT, "%u of %u child processes started\n", started, CHILD_COUNT);
    run->receivers = started;
    if (ok(wait_notifications(run->notify, started, FALSE), "the child processes did not get ready\n"))
        driven = drive(link, run);
    SetEvent(stop);
    for (i = 0; i < CHILD_COUNT; i++)
    {
        if (!children[i]) continue;
        ok(!WaitForSingleObject(children[i], NOTIFY_WAIT_MS), "child %u did not end\n", i);
        GetExitCodeProcess(children[i], &code);
        ok(!code, "child %u failed: exit code %lu\n", i, code);
        CloseHandle(children[i]);
        if (read_child_report(paths[i], &run->plan, &receipts[i]))
            complete += receipts_complete(&receipts[i], &run->plan, "child");
        else ok(0, "no report from child %u\n", i);
        receivers[i] = &receipts[i];
    }
    if (driven && complete == CHILD_COUNT) add_result(run, receivers, CHILD_COUNT);
    for (i = 0; i < CHILD_COUNT; i++) if (children[i]) receipts_free(&receipts[i]);
    CloseHandle(stop);
    run_free(run);
}

/* ---- a real state change ---- */

/* The outbox configuration with paused set as asked, everything else as it is. */
static DWORD set_outbox_paused(struct fxs_link *link, BOOL paused)
{
    record *rec = NULL, *edited = NULL;
    const uint8_t *value;
    const char *key;
    uint8_t *data = NULL;
    BYTE *got = NULL;
    DWORD size = 0, status;
    size_t i, length;

    if ((status = fxs_rpc_get_config(fxs_link_session(link), FXS_CONFIG_OUTBOX, &size, &got))) return status;
    status = ERROR_INVALID_DATA;
    if (!record_parse(got, size, &rec) && !record_create(record_kind(rec), &edited))
    {
        for (i = 0; i < record_count(rec); i++)
            if (!record_field(rec, i, &key, &value, &length) && strcmp(key, "paused"))
                record_add_bytes(edited, key, value, length);
        if (!record_add_bool(edited, "paused", paused) && !record_serialize(edited, &data, &length))
            status = fxs_rpc_set_config(fxs_link_session(link), FXS_CONFIG_OUTBOX, (DWORD)length, data);
    }
    free(data);
    record_free(edited);
    record_free(rec);
    free(got);
    return status;
}

/* A lone event caused by a real change: the outbox paused and resumed through the service's
 * configuration call (which saves the class durably before it announces it), to the sink's
 * OnQueuesStatusChange with the new state. */
static struct stats measure_state_change(struct fxs_link *link, unsigned int n)
{
    double *samples = malloc(n * sizeof(*samples));
    struct stats stats = { 0 };
    struct bench_sink sink;
    IConnectionPoint *point = NULL;
    IFaxServer2 *server;
    HANDLE notify = CreateSemaphoreW(NULL, 0, 0x7fffffff, NULL);
    DWORD cookie = 0, status = 0;
    unsigned int i, got = 0;
    LONGLONG start;

    bench_sink_init(&sink, NULL, 0, notify);
    if ((server = connected_server()))
    {
        point = find_point(server, &DIID_IFaxServerNotify2);
        ok(point && IConnectionPoint_Advise(point, (IUnknown *)&sink.base.IDispatch_iface, &cookie) == S_OK,
           "state change: Advise failed\n");
        ok(IFaxServer2_ListenToServerEvents(server, fsetQUEUE_STATE) == S_OK, "state change: Listen failed\n");
        for (i = 0; i < n && cookie; i++)
        {
            BOOL paused = !(i & 1);
            Sleep(2);
            start = qpc_now();
            if ((status = set_outbox_paused(link, paused))) break;
            if (!wait_notifications(notify, 1, FALSE) || sink.state_paused != paused) break;
            samples[got++] = qpc_us(sink.state_time - start);
        }
        ok(got == n, "state change: %u of %u changes arrived (status %lu, paused %ld)\n", got, n, status,
           sink.state_paused);
        if (got & 1) set_outbox_paused(link, FALSE);
        IFaxServer2_ListenToServerEvents(server, fsetNONE);
        if (cookie) IConnectionPoint_Unadvise(point, cookie);
        if (point) IConnectionPoint_Release(point);
        IFaxServer2_Release(server);
    }
    stats = stats_of(samples, got);
    bench_sink_clear(&sink);
    CloseHandle(notify);
    free(samples);
    return stats;
}

/* ---- the report ---- */

static struct stats state_change;

static void print_figures(BOOL long_run, LONG chunk)
{
    unsigned int i;
    BOOL ratio_met = TRUE, latency_met = TRUE;

    printf("\nbench_events (%s client, %s run)\n", sizeof(void *) == 8 ? "64-bit" : "32-bit",
           long_run ? "long" : "short");
    printf("raw baselines, measured in this run:\n");
    printf("  ncalrpc round trip (fxs_get_server_info)         mean %7.1f us  p50 %7.1f  p99 %7.1f  (n=%u)\n",
           base.round_trip.mean, base.round_trip.p50, base.round_trip.p99, base.round_trip.count);
    printf("  lone event, publish call to a waiting raw pull   mean %7.1f us  p50 %7.1f  p99 %7.1f  (n=%u)\n",
           base.lone_transport.mean, base.lone_transport.p50, base.lone_transport.p99, base.lone_transport.count);
    printf("  transport per event, pulls of %lu events          %7.2f us\n", base.batch_size, base.batch_us);
    printf("  Invoke in the MTA (job-changed arguments)        %7.3f us\n", base.invoke_mta_us);
    printf("  GIT lookup of an MTA object                      %7.3f us\n", base.git_lookup_us);
    printf("  Invoke MTA -> STA through the GIT (BSTR, 2 I4)   mean %7.1f us  p50 %7.1f  p99 %7.1f  (n=%u)\n",
           base.invoke_sta.mean, base.invoke_sta.p50, base.invoke_sta.p99, base.invoke_sta.count);
    printf("  the same, the proxy from the GIT each time       mean %7.1f us  p50 %7.1f  p99 %7.1f  (n=%u)\n",
           base.invoke_sta_fresh.mean, base.invoke_sta_fresh.p50, base.invoke_sta_fresh.p99,
           base.invoke_sta_fresh.count);
    printf("end to end, OnOutgoingJobChanged from fxs_test_publish (the engine's publish path) to the sink's Invoke:\n");
    printf("  %-16s %10s %10s %9s %12s %10s %12s %7s\n", "", "lone p50", "lone p99", "p50/raw", "burst ev/s",
           "us/event", "raw us/event", "ratio");
    for (i = 0; i < result_count; i++)
    {
        const struct result *r = &results[i];
        double ratio = r->cost_us / r->baseline_us;
        printf("  %-16s %7.0f us %7.0f us %8.2fx %12.0f %10.2f %12.2f %6.2fx\n", r->name, r->lone.p50, r->lone.p99,
               r->lone.p50 / r->lone_baseline_us, 1e6 / r->cost_us, r->cost_us, r->baseline_us, ratio);
        if (ratio > 1.5) ratio_met = FALSE;
        if (i < 2 && r->lone.p99 > 5000) latency_met = FALSE;
    }
    printf("  lone event from a real change, the outbox paused or resumed (fxs_set_config, saved to disk first)\n"
           "  to OnQueuesStatusChange in 1 MTA sink: p50 %.0f us, p99 %.0f us (n=%u)\n", state_change.p50,
           state_change.p99, state_change.count);
    printf("  lone: per (event, sink), from just before the publish call; p50/raw: over the raw lone event's p50\n"
           "  plus one Invoke in the sink's apartment. bursts of %ld identical events; raw us/event: transport per\n"
           "  event at a batch of %lu plus one Invoke in each receiving sink's apartment (MTA: direct; STA: MTA ->\n"
           "  STA); ten processes: ten sessions' transport and Invokes.\n", chunk, base.batch_size);
    printf("targets: cost per event within 1.5x of the raw cost: %s; lone-event p99 under 5 ms (1 sink): %s\n",
           ratio_met ? "met" : "NOT met", latency_met ? "met" : "NOT met");
}

START_TEST(bench_events)
{
    BOOL long_run = (winetest_argc > 1 && !strcmp(winetest_argv[1], "--long")) ||
                    (getenv("FXSCOMEX_BENCH_LONG") && atoi(getenv("FXSCOMEX_BENCH_LONG")));
    LONG scale = long_run ? 10 : 1;
    WCHAR temp[MAX_PATH], root[MAX_PATH];
    struct fxs_link *link;
    fxs_server_info info;
    struct sta_run sta;
    HANDLE thread;
    LONG chunk;
    struct run mta_one = { "1 MTA sink", { 100 * scale, 4 * scale, 0 }, 1 };
    struct run sta_one = { "1 STA sink", { 100 * scale, 4 * scale, 0 }, 2 };
    struct run mta_many = { "100 MTA sinks", { 20 * scale, 2 * scale, 0 }, 3 };
    struct run processes = { "10 processes", { 20 * scale, 2 * scale, 0 }, 4 };

    if (winetest_argc >= 9 && !strcmp(winetest_argv[1], "child"))
    {
        child_main(winetest_argv);
        return;
    }

    ok(stop_service(), "a service from an earlier test is still running\n");
    GetTempPathW(ARRAY_SIZE(temp), temp);
    swprintf(root, ARRAY_SIZE(root), L"%lsfxscomex-bench-%lu", temp, GetCurrentProcessId());
    service_environment(FXSSVC_ENV_DATA_ROOT, root);
    service_environment(FXSSVC_ENV_TEST_HOOKS, L"1");
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (open_link(NULL, 0, FALSE, &link))
    {
        ok(0, "no session with the service\n");
        CoUninitialize();
        return;
    }
    fxs_link_server_info(link, &info);
    ok(info.flags & FXS_SERVER_TEST_HOOKS, "the service runs without its test hooks: flags %#lx\n", info.flags);
    /* A burst fits in a session's queue: nothing is dropped while the dispatcher catches up. */
    chunk = min(1000, info.queue_capacity);
    mta_one.plan.chunk = sta_one.plan.chunk = mta_many.plan.chunk = processes.plan.chunk = chunk;

    measure_baselines(link, long_run);
    mta_one.baseline_us = base.batch_us + base.invoke_mta_us;
    sta_one.baseline_us = base.batch_us + base.invoke_sta.mean;
    mta_many.baseline_us = base.batch_us + MANY_SINKS * base.invoke_mta_us;
    processes.baseline_us = CHILD_COUNT * (base.batch_us + base.invoke_mta_us);
    mta_one.lone_baseline_us = mta_many.lone_baseline_us = processes.lone_baseline_us =
        base.lone_transport.p50 + base.invoke_mta_us;
    sta_one.lone_baseline_us = base.lone_transport.p50 + base.invoke_sta.p50;

    run_local(link, &mta_one, 1, FALSE);
    sta.link = link;
    sta.run = &sta_one;
    thread = CreateThread(NULL, 0, sta_run_thread, &sta, 0, NULL);
    winetest_wait_child_thread(thread, NOTIFY_WAIT_MS * 5);
    run_local(link, &mta_many, MANY_SINKS, FALSE);
    run_processes(link, &processes);
    state_change = measure_state_change(link, 40 * scale);

    print_figures(long_run, chunk);
    fxs_link_close(link);
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
}
