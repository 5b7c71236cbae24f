/*
 * Calling one sink in its own apartment (see events.h).
 *
 * A multithreaded sink is called by the dispatcher thread itself, at the end of each event (see
 * "the dispatcher's own calls" below): no queue, no thread switch, no allocation or reference per
 * event and sink. Every other call goes through a target's queue, drained one call at a time, in
 * order, by a thread-pool thread: the calls of a sink that once held the dispatcher up, and those
 * of the sinks of a single-threaded apartment, where a pool thread makes one COM call to a small
 * object of ours that lives in that apartment (made when the first sink was advised there): COM
 * carries that call into the apartment, where it runs while the thread pumps messages or waits in
 * CoWaitForMultipleHandles, and the object calls the sinks there, directly, with the arguments as
 * they are (the FaxServer itself, not a proxy of it). A sink that hangs keeps only its own queue
 * and apartment waiting.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "events.h"
#include "connpoint.h"

#define PUMP_ATTEMPTS 3
#define PUMP_RETRY_MS 20

struct delivery_item
{
    struct delivery_item *next;
    struct event_call *call;
    DWORD git_cookie;
    IConnectionPoint *point;
    DWORD cookie;
};

struct delivery_target
{
    LONG refcount;
    CRITICAL_SECTION lock;
    struct delivery_item *head, **tail;
    BOOL running;                           /* a thread drains it now, or it waits for a flush */
    BOOL slow;                              /* once held the dispatcher thread up: always on the pool */
    /* Multithreaded targets only: the sink, called directly (no lookup in the table, which costs
     * more than the call). The target holds it while it exists, so that a call in progress needs
     * no reference of its own; unadvised, it is not called any more. */
    IDispatch *sink;
    volatile BOOL closed;
    /* Single-threaded apartments only: */
    DWORD thread_id;                        /* 0 for a multithreaded sink's target */
    DWORD pump_cookie;                      /* the apartment's pump object in the Global Interface Table */
    struct delivery_target *next_sta;
};

static SRWLOCK sta_lock = SRWLOCK_INIT;
static struct delivery_target *sta_targets;
static IGlobalInterfaceTable *global_table;

static IGlobalInterfaceTable *get_global_table(void)
{
    IGlobalInterfaceTable *table;

    if (global_table) return global_table;
    if (FAILED(CoCreateInstance(&CLSID_StdGlobalInterfaceTable, NULL, CLSCTX_INPROC_SERVER,
                                &IID_IGlobalInterfaceTable, (void **)&table)))
        return NULL;
    /* One free-threaded object per process: one reference kept for good is enough. */
    if (InterlockedCompareExchangePointer((void **)&global_table, table, NULL)) IGlobalInterfaceTable_Release(table);
    return global_table;
}

static BOOL apartment_is_gone(HRESULT hr)
{
    return hr == RPC_E_DISCONNECTED || hr == RPC_E_SERVER_DIED || hr == RPC_E_SERVER_DIED_DNE ||
           hr == CO_E_OBJNOTCONNECTED || hr == HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE) ||
           hr == HRESULT_FROM_WIN32(RPC_S_CALL_FAILED) || hr == RPC_E_WRONG_THREAD;
}

static void item_free(struct delivery_item *item)
{
    event_call_release(item->call);
    IConnectionPoint_Release(item->point);
    free(item);
}

static HRESULT invoke_sink(IDispatch *sink, const struct event_call *call)
{
    EXCEPINFO excepinfo;
    VARIANT result;
    UINT arg_err;
    HRESULT hr;

    memset(&excepinfo, 0, sizeof(excepinfo));
    V_VT(&result) = VT_EMPTY;
    hr = IDispatch_Invoke(sink, call->dispid, &IID_NULL, LOCALE_USER_DEFAULT, DISPATCH_METHOD,
                          (DISPPARAMS *)&call->params, &result, &excepinfo, &arg_err);
    /* Event methods return nothing and most sinks succeed: nothing to free, usually. */
    if (V_VT(&result) != VT_EMPTY) VariantClear(&result);
    if (excepinfo.bstrSource) SysFreeString(excepinfo.bstrSource);
    if (excepinfo.bstrDescription) SysFreeString(excepinfo.bstrDescription);
    if (excepinfo.bstrHelpFile) SysFreeString(excepinfo.bstrHelpFile);
    return hr;
}

/* A sink that fails is skipped for this event only; one whose apartment or process is gone is
 * dropped. The sink of a single-threaded apartment's target comes from the table, in that apartment. */
static void call_sink(struct delivery_target *target, const struct event_call *call, DWORD git_cookie,
                      IConnectionPoint *point, DWORD cookie)
{
    IGlobalInterfaceTable *table;
    IDispatch *sink;
    HRESULT hr;

    if (!target->thread_id)
    {
        if (target->closed) return;
        hr = invoke_sink(target->sink, call);
    }
    else if (!(table = get_global_table())) return;
    else if (SUCCEEDED(hr = IGlobalInterfaceTable_GetInterfaceFromGlobal(table, git_cookie, &IID_IDispatch,
                                                                         (void **)&sink)))
    {
        hr = invoke_sink(sink, call);
        IDispatch_Release(sink);
    }
    if (apartment_is_gone(hr)) IConnectionPoint_Unadvise(point, cookie);
}

static void deliver(struct delivery_target *target, struct delivery_item *item)
{
    call_sink(target, item->call, item->git_cookie, item->point, item->cookie);
    item_free(item);
}

static struct delivery_item *take_item(struct delivery_target *target)
{
    struct delivery_item *item;

    EnterCriticalSection(&target->lock);
    if ((item = target->head) && !(target->head = item->next)) target->tail = &target->head;
    if (!item) target->running = FALSE;
    LeaveCriticalSection(&target->lock);
    return item;
}

static void deliver_all(struct delivery_target *target)
{
    struct delivery_item *item;
    while ((item = take_item(target))) deliver(target, item);
}

/* ---- the pump: our object in a single-threaded apartment ---- */

struct pump
{
    IDispatch IDispatch_iface;
    LONG refcount;
    struct delivery_target *target;         /* outlives the pump's entry in the table */
};

static inline struct pump *impl_from_IDispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct pump, IDispatch_iface);
}

static HRESULT WINAPI pump_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch))
    {
        *obj = iface;
        IDispatch_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI pump_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&impl_from_IDispatch(iface)->refcount);
}

static ULONG WINAPI pump_Release(IDispatch *iface)
{
    struct pump *pump = impl_from_IDispatch(iface);
    ULONG refcount = InterlockedDecrement(&pump->refcount);

    if (!refcount)
    {
        free(pump);
        fxs_module_release();
    }
    return refcount;
}

static HRESULT WINAPI pump_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    *count = 0;
    return S_OK;
}

static HRESULT WINAPI pump_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **typeinfo)
{
    return DISP_E_BADINDEX;
}

static HRESULT WINAPI pump_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                         DISPID *ids)
{
    return DISP_E_UNKNOWNNAME;
}

/* Runs in the apartment: calls every sink waiting in the queue. */
static HRESULT WINAPI pump_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    deliver_all(impl_from_IDispatch(iface)->target);
    return S_OK;
}

static const IDispatchVtbl pump_vtbl =
{
    pump_QueryInterface, pump_AddRef, pump_Release, pump_GetTypeInfoCount, pump_GetTypeInfo, pump_GetIDsOfNames,
    pump_Invoke,
};

/* On the apartment's thread: the pump, kept in the table for the pool threads to call. */
static HRESULT register_pump(struct delivery_target *target)
{
    IGlobalInterfaceTable *table = get_global_table();
    struct pump *pump;
    HRESULT hr;

    if (!table || !(pump = calloc(1, sizeof(*pump)))) return E_OUTOFMEMORY;
    pump->IDispatch_iface.lpVtbl = &pump_vtbl;
    pump->refcount = 1;
    pump->target = target;
    fxs_module_addref();
    hr = IGlobalInterfaceTable_RegisterInterfaceInGlobal(table, (IUnknown *)&pump->IDispatch_iface, &IID_IDispatch,
                                                         &target->pump_cookie);
    IDispatch_Release(&pump->IDispatch_iface);
    return hr;
}

/* One call into the apartment: its pump delivers what is queued there. */
static HRESULT call_pump(struct delivery_target *target)
{
    IGlobalInterfaceTable *table = get_global_table();
    DISPPARAMS no_params = { 0 };
    IDispatch *pump;
    HRESULT hr = E_FAIL;

    /* Once the apartment has gone, its pump cannot even be had from the table (RPC_E_DISCONNECTED). */
    if (table && SUCCEEDED(hr = IGlobalInterfaceTable_GetInterfaceFromGlobal(table, target->pump_cookie, &IID_IDispatch,
                                                                             (void **)&pump)))
    {
        hr = IDispatch_Invoke(pump, 1, &IID_NULL, 0, DISPATCH_METHOD, &no_params, NULL, NULL, NULL);
        IDispatch_Release(pump);
    }
    return hr;
}

/* From a pool thread. A call that fails for a moment is made again: the pump takes each queued
 * call as it delivers it, so nothing is delivered twice. When the apartment has gone (or the
 * calls keep failing), what is queued goes, and with a gone apartment its sinks too. */
static void pump_apartment(struct delivery_target *target)
{
    struct delivery_item *item;
    unsigned int attempt;
    HRESULT hr = E_FAIL;

    for (attempt = 0; attempt < PUMP_ATTEMPTS; attempt++)
    {
        if (SUCCEEDED(hr = call_pump(target))) return;
        if (apartment_is_gone(hr)) break;
        Sleep(PUMP_RETRY_MS);
    }
    while ((item = take_item(target)))
    {
        if (apartment_is_gone(hr)) IConnectionPoint_Unadvise(item->point, item->cookie);
        item_free(item);
    }
}

/* ---- targets ---- */

static void CALLBACK drain_target(PTP_CALLBACK_INSTANCE instance, void *context)
{
    struct delivery_target *target = context;
    HRESULT init = CoInitializeEx(NULL, COINIT_MULTITHREADED);

    if (target->thread_id) pump_apartment(target);
    else deliver_all(target);
    if (SUCCEEDED(init)) CoUninitialize();
    delivery_target_release(target);  /* the reference the submission took */
}

static struct delivery_target *target_create(void)
{
    struct delivery_target *target = calloc(1, sizeof(*target));

    if (!target) return NULL;
    target->refcount = 1;
    InitializeCriticalSection(&target->lock);
    target->tail = &target->head;
    fxs_module_addref();
    return target;
}

/* One target per single-threaded apartment, so that its sinks get their calls in the order of the events. */
static struct delivery_target *sta_target_for_thread(void)
{
    struct delivery_target *target;
    DWORD thread = GetCurrentThreadId();

    AcquireSRWLockExclusive(&sta_lock);
    for (target = sta_targets; target; target = target->next_sta)
        if (target->thread_id == thread)
        {
            InterlockedIncrement(&target->refcount);
            break;
        }
    if (!target && (target = target_create()))
    {
        target->thread_id = thread;
        if (FAILED(register_pump(target)))
        {
            DeleteCriticalSection(&target->lock);
            free(target);
            fxs_module_release();
            target = NULL;
        }
        else
        {
            target->next_sta = sta_targets;
            sta_targets = target;
        }
    }
    ReleaseSRWLockExclusive(&sta_lock);
    return target;
}

static void sta_target_unlink(struct delivery_target *target)
{
    IGlobalInterfaceTable *table = get_global_table();
    struct delivery_target **link;

    AcquireSRWLockExclusive(&sta_lock);
    for (link = &sta_targets; *link; link = &(*link)->next_sta)
        if (*link == target)
        {
            *link = target->next_sta;
            break;
        }
    ReleaseSRWLockExclusive(&sta_lock);
    if (table) IGlobalInterfaceTable_RevokeInterfaceFromGlobal(table, target->pump_cookie);
}

struct delivery_target *delivery_target_for_caller(IDispatch *sink)
{
    struct delivery_target *target;
    APTTYPE type;
    APTTYPEQUALIFIER qualifier;

    if (SUCCEEDED(CoGetApartmentType(&type, &qualifier)) && (type == APTTYPE_STA || type == APTTYPE_MAINSTA))
        return sta_target_for_thread();
    if ((target = target_create()))
    {
        target->sink = sink;
        IDispatch_AddRef(sink);
    }
    return target;
}

void delivery_target_close(struct delivery_target *target)
{
    if (!target) return;
    target->closed = TRUE;
    delivery_target_release(target);
}

void delivery_target_addref(struct delivery_target *target)
{
    InterlockedIncrement(&target->refcount);
}

void delivery_target_release(struct delivery_target *target)
{
    if (!target || InterlockedDecrement(&target->refcount)) return;
    if (target->thread_id) sta_target_unlink(target);
    /* No snapshot, queue or call in progress holds the target any more: its sink can go. */
    if (target->sink) IDispatch_Release(target->sink);
    DeleteCriticalSection(&target->lock);
    free(target);
    fxs_module_release();
}

/* ---- queued calls ---- */

static DWORD batch_thread;                      /* the thread handing out a batch, or 0 */
static struct delivery_target **deferred;       /* the targets to start at the next flush */
static unsigned int deferred_count, deferred_capacity;

static void start_target(struct delivery_target *target)
{
    if (!TrySubmitThreadpoolCallback(drain_target, target, NULL)) drain_target(NULL, target);
}

/* Room in a growing array for one more of count items. */
static BOOL grow(void **array, unsigned int *capacity, unsigned int count, size_t size)
{
    unsigned int wanted = *capacity ? *capacity * 2 : 64;
    void *grown;

    if (count < *capacity) return TRUE;
    if (!(grown = realloc(*array, wanted * size))) return FALSE;
    *array = grown;
    *capacity = wanted;
    return TRUE;
}

/* TRUE when the target will start at the next flush; FALSE: start it now. */
static BOOL defer_start(struct delivery_target *target)
{
    if (!batch_thread || batch_thread != GetCurrentThreadId()) return FALSE;
    if (!grow((void **)&deferred, &deferred_capacity, deferred_count, sizeof(*deferred))) return FALSE;
    deferred[deferred_count++] = target;
    return TRUE;
}

/* Queues the call for the target, and starts the target unless a thread drains it already. */
static void delivery_post(struct delivery_target *target, struct event_call *call, DWORD git_cookie,
                          IConnectionPoint *point, DWORD cookie)
{
    struct delivery_item *item = calloc(1, sizeof(*item));
    BOOL start = FALSE;

    if (!item) return;
    InterlockedIncrement(&call->refcount);
    IConnectionPoint_AddRef(point);
    item->call = call;
    item->git_cookie = git_cookie;
    item->point = point;
    item->cookie = cookie;

    EnterCriticalSection(&target->lock);
    *target->tail = item;
    target->tail = &item->next;
    if (!target->running) start = target->running = TRUE;
    LeaveCriticalSection(&target->lock);
    if (start)
    {
        delivery_target_addref(target);
        if (!defer_start(target)) start_target(target);
    }
}

/* ---- the dispatcher's own calls ---- */

/* While the dispatcher hands out an event, the calls to multithreaded sinks that it may make
 * itself are listed (with the snapshots and calls they need held once per event, not per sink),
 * and made at the end of the event, in order. A watchdog keeps a sink that takes long from
 * holding up the others: when one call has run for OVERRUN_MS, the watchdog hands the dispatcher's
 * role, with the rest of the list, to a new thread (dispatcher_take_over), and the sink's target to
 * the stuck thread, which finishes the calls queued for it meanwhile when its call returns; the
 * sink is called on the pool from then on. call_state says which call is in progress, and decides
 * who owns the list when that call ends: the dispatcher thread, if it sets it back to idle first;
 * the watchdog, if it does. Only the thread that has the role touches the lists. */
#define OVERRUN_MS      200
#define WATCH_EVERY_MS  50
#define WATCH_IDLE_MS   2000    /* the watchdog ends after that long without a batch */
#define CALL_IDLE       0       /* else the odd sequence number of the call in progress */

struct direct_call
{
    struct delivery_target *target;
    struct event_call *call;
    IConnectionPoint *point;
    DWORD cookie, git_cookie;
};

struct held_event
{
    struct connection_snapshot *snapshot;   /* holds the targets */
    struct event_call *call;                /* holds the FaxServer, and so the connection point */
};

static struct direct_call *direct_calls;
static unsigned int direct_count, direct_next, direct_capacity;
static struct held_event *held;
static unsigned int held_count, held_capacity;
static LONG call_sequence = 1;
static volatile LONG call_state = CALL_IDLE;

static SRWLOCK watch_lock = SRWLOCK_INIT;       /* the watchdog's state, and a take-over */
static BOOL watchdog_running, batch_open;
static enum { WATCH_UNKNOWN, WATCHED, UNWATCHED } batch_watch;   /* the dispatcher thread's */

/* Under watch_lock, the call with that sequence number still in progress: the role goes to a new
 * thread with the list from the next call on, and the stuck thread keeps the sink's target (with a
 * reference on it and on the call, which it releases). FALSE: the call has just ended. */
static BOOL take_over(LONG sequence)
{
    struct direct_call *stuck;

    if (InterlockedCompareExchange(&call_state, CALL_IDLE, sequence) != sequence) return FALSE;
    stuck = &direct_calls[direct_next++];
    EnterCriticalSection(&stuck->target->lock);
    stuck->target->slow = TRUE;
    stuck->target->running = TRUE;     /* its queue is the stuck thread's to drain */
    LeaveCriticalSection(&stuck->target->lock);
    delivery_target_addref(stuck->target);
    InterlockedIncrement(&stuck->call->refcount);
    batch_thread = 0;
    batch_open = FALSE;
    return TRUE;
}

static DWORD WINAPI watchdog_thread(void *module)
{
    ULONGLONG idle_since = GetTickCount64(), seen_since = 0;
    LONG seen = CALL_IDLE;

    for (;;)
    {
        ULONGLONG now;
        BOOL taken = FALSE;
        LONG state;

        Sleep(WATCH_EVERY_MS);
        now = GetTickCount64();
        AcquireSRWLockExclusive(&watch_lock);
        if (!batch_open)
        {
            if (now - idle_since >= WATCH_IDLE_MS)
            {
                watchdog_running = FALSE;
                ReleaseSRWLockExclusive(&watch_lock);
                break;
            }
            seen = CALL_IDLE;
        }
        else if ((state = call_state) != seen)
        {
            seen = state;
            seen_since = now;
        }
        else if ((state & 1) && now - seen_since >= OVERRUN_MS && (taken = take_over(state))) seen = CALL_IDLE;
        if (batch_open) idle_since = now;
        ReleaseSRWLockExclusive(&watch_lock);
        if (taken) dispatcher_take_over();
    }
    FreeLibraryAndExitThread(module, 0);
    return 0;
}

/* Without a watchdog, the dispatcher thread does not call sinks itself. It starts with the first
 * batch that has a direct call, so that a process whose sinks all live in single-threaded
 * apartments has no thread of ours but the dispatcher. */
static BOOL watched(void)
{
    if (batch_watch != WATCH_UNKNOWN) return batch_watch == WATCHED;
    AcquireSRWLockExclusive(&watch_lock);
    if (!watchdog_running) watchdog_running = !fxs_start_module_thread(watchdog_thread);
    batch_watch = watchdog_running ? WATCHED : UNWATCHED;
    ReleaseSRWLockExclusive(&watch_lock);
    return batch_watch == WATCHED;
}

/* On the dispatcher thread. FALSE when the watchdog took the role meanwhile. */
static BOOL call_watched(const struct direct_call *entry)
{
    struct delivery_target *target = entry->target;
    struct event_call *call = entry->call;
    LONG sequence = call_sequence += 2;

    /* A plain store: the watchdog only reads it, and takes a call over only by exchanging it. */
    __atomic_store_n(&call_state, sequence, __ATOMIC_RELEASE);
    call_sink(target, call, entry->git_cookie, entry->point, entry->cookie);
    if (InterlockedCompareExchange(&call_state, CALL_IDLE, sequence) == sequence) return TRUE;
    deliver_all(target);
    delivery_target_release(target);
    event_call_release(call);
    return FALSE;
}

static void release_held(void)
{
    unsigned int i;

    /* The snapshot before the call: once the FaxServer goes, its sinks are let go at once. */
    for (i = 0; i < held_count; i++)
    {
        connection_snapshot_release(held[i].snapshot);
        event_call_release(held[i].call);
    }
    held_count = 0;
}

/* A multithreaded sink's target that nothing is queued for is called directly, unless it was slow. */
static BOOL call_directly(struct delivery_target *target)
{
    return !target->thread_id && !target->slow && !*(volatile BOOL *)&target->running;
}

/* The snapshot and the call stay held until the end of the event, for all its direct calls. */
static BOOL hold_event(struct connection_snapshot *snapshot, struct event_call *call)
{
    if (!grow((void **)&held, &held_capacity, held_count, sizeof(*held))) return FALSE;
    connection_snapshot_addref(snapshot);
    InterlockedIncrement(&call->refcount);
    held[held_count].snapshot = snapshot;
    held[held_count++].call = call;
    return TRUE;
}

static BOOL add_direct_call(const struct connection *connection, struct event_call *call, IConnectionPoint *point)
{
    struct direct_call *entry;

    if (!grow((void **)&direct_calls, &direct_capacity, direct_count, sizeof(*direct_calls))) return FALSE;
    entry = &direct_calls[direct_count++];
    entry->target = connection->target;
    entry->call = call;
    entry->point = point;
    entry->cookie = connection->cookie;
    entry->git_cookie = connection->git_cookie;
    return TRUE;
}

void delivery_post_all(struct connection_snapshot *snapshot, struct event_call *call, IConnectionPoint *point)
{
    BOOL direct = batch_thread == GetCurrentThreadId(), holding = FALSE;
    unsigned int i;

    for (i = 0; i < snapshot->count; i++)
    {
        const struct connection *connection = &snapshot->connections[i];

        if (direct && call_directly(connection->target) && watched() &&
            (holding || (holding = hold_event(snapshot, call))) && add_direct_call(connection, call, point))
            continue;
        delivery_post(connection->target, call, connection->git_cookie, point, connection->cookie);
    }
}

void delivery_batch_begin(void)
{
    batch_thread = GetCurrentThreadId();
    batch_watch = WATCH_UNKNOWN;
    AcquireSRWLockExclusive(&watch_lock);
    batch_open = TRUE;
    ReleaseSRWLockExclusive(&watch_lock);
}

BOOL delivery_event_end(void)
{
    while (direct_next < direct_count)
    {
        struct direct_call entry = direct_calls[direct_next];

        if (!call_watched(&entry)) return FALSE;
        direct_next++;
    }
    direct_next = direct_count = 0;
    release_held();
    return TRUE;
}

void delivery_batch_flush(void)
{
    unsigned int i;

    for (i = 0; i < deferred_count; i++) start_target(deferred[i]);
    deferred_count = 0;
}

void delivery_batch_end(void)
{
    delivery_batch_flush();
    batch_thread = 0;
    AcquireSRWLockExclusive(&watch_lock);
    batch_open = FALSE;
    ReleaseSRWLockExclusive(&watch_lock);
}
