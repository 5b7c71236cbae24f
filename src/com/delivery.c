/*
 * Calling one sink in its own apartment (see events.h).
 *
 * Each target is a queue drained one call at a time, in order. A multithreaded sink's target is
 * drained by the dispatcher thread itself, at the end of each batch (see "batches" below), or by a
 * thread-pool thread once its sink has held the dispatcher up. For the sinks of a single-threaded
 * apartment a pool thread makes one COM call to a small object of ours that lives in that apartment (made
 * when the first sink was advised there): COM carries that call into the apartment, where it runs
 * while the thread pumps messages or waits in CoWaitForMultipleHandles, and the object calls the
 * sinks there, directly, with the arguments as they are (the FaxServer itself, not a proxy of it).
 * A sink that hangs keeps only its own queue and apartment waiting.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "events.h"

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
    BOOL slow;                              /* once overran on the dispatcher thread: always on the pool */
    IDispatch *direct;                      /* a multithreaded target's sink, until it is unadvised */
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

/* The sink to call: a multithreaded target's own (no lookup in the table, which costs more than
 * the call), or what the table gives this apartment. NULL once it was unadvised. */
static HRESULT get_sink(struct delivery_target *target, struct delivery_item *item, IDispatch **sink)
{
    IGlobalInterfaceTable *table;

    if (!target->thread_id)
    {
        EnterCriticalSection(&target->lock);
        if ((*sink = target->direct)) IDispatch_AddRef(*sink);
        LeaveCriticalSection(&target->lock);
        return *sink ? S_OK : E_FAIL;
    }
    if (!(table = get_global_table())) return E_FAIL;
    return IGlobalInterfaceTable_GetInterfaceFromGlobal(table, item->git_cookie, &IID_IDispatch, (void **)sink);
}

/* A sink that fails is skipped for this event only; one whose apartment or process is gone is dropped. */
static void deliver(struct delivery_target *target, struct delivery_item *item)
{
    IDispatch *sink;
    EXCEPINFO excepinfo;
    VARIANT result;
    UINT arg_err;
    HRESULT hr;

    if (SUCCEEDED(hr = get_sink(target, item, &sink)))
    {
        memset(&excepinfo, 0, sizeof(excepinfo));
        VariantInit(&result);
        hr = IDispatch_Invoke(sink, item->call->dispid, &IID_NULL, LOCALE_USER_DEFAULT, DISPATCH_METHOD,
                              &item->call->params, &result, &excepinfo, &arg_err);
        VariantClear(&result);
        SysFreeString(excepinfo.bstrSource);
        SysFreeString(excepinfo.bstrDescription);
        SysFreeString(excepinfo.bstrHelpFile);
        IDispatch_Release(sink);
    }
    if (apartment_is_gone(hr)) IConnectionPoint_Unadvise(item->point, item->cookie);
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
        target->direct = sink;
        IDispatch_AddRef(sink);
    }
    return target;
}

void delivery_target_close(struct delivery_target *target)
{
    IDispatch *sink;

    if (!target) return;
    EnterCriticalSection(&target->lock);
    sink = target->direct;
    target->direct = NULL;
    LeaveCriticalSection(&target->lock);
    /* Released outside the lock: a sink's last release may take long or call back. */
    if (sink) IDispatch_Release(sink);
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
    DeleteCriticalSection(&target->lock);
    free(target);
    fxs_module_release();
}

/* ---- batches, and the sinks the dispatcher calls itself ---- */

/* While the dispatcher hands out a batch of events, the targets it wakes wait for a flush. There
 * each target of a single-threaded apartment starts on a pool thread (its pump call), and the
 * dispatcher thread, which lives in the multithreaded apartment, then calls the multithreaded
 * sinks itself: no thread switch, no wake-up per event and sink. A watchdog keeps a sink that
 * takes long from holding up the others: when one call on the dispatcher thread has run for
 * OVERRUN_MS, the watchdog starts the remaining targets on pool threads and a new dispatcher
 * thread that goes on with the batch (dispatcher_take_over), and the sink's target is drained
 * on the pool from then on. The thread left in the sink finishes that target's queue and ends.
 * Only the thread that has the dispatcher's role touches the deferred list, except the watchdog
 * while it takes it over, under drain_lock. */
#define OVERRUN_MS      200
#define WATCH_EVERY_MS  50
#define WATCH_IDLE_MS   2000    /* the watchdog ends after that long without a drain */

static DWORD batch_thread;
static struct delivery_target **deferred;
static unsigned int deferred_count, deferred_capacity;

static SRWLOCK drain_lock = SRWLOCK_INIT;
static struct delivery_target *draining;       /* the target the dispatcher thread is calling now */
static unsigned int drain_next;                 /* the deferred targets from here on are still to start */
static ULONGLONG drain_started;                 /* when the call in progress began */
static LONG drain_sequence;                     /* one more per call */
static LONG role;                               /* one more per take-over */
static BOOL watchdog_running;
static HANDLE watchdog_wake;

static void start_target(struct delivery_target *target)
{
    if (!TrySubmitThreadpoolCallback(drain_target, target, NULL)) drain_target(NULL, target);
}

/* TRUE when the target will start at the next flush; FALSE: start it now. */
static BOOL defer_start(struct delivery_target *target)
{
    if (!batch_thread || batch_thread != GetCurrentThreadId()) return FALSE;
    if (deferred_count == deferred_capacity)
    {
        unsigned int capacity = deferred_capacity ? deferred_capacity * 2 : 64;
        struct delivery_target **grown;

        /* Grown only outside a flush, under the lock the watchdog takes the list with. */
        AcquireSRWLockExclusive(&drain_lock);
        if ((grown = realloc(deferred, capacity * sizeof(*grown))))
        {
            deferred = grown;
            deferred_capacity = capacity;
        }
        ReleaseSRWLockExclusive(&drain_lock);
        if (!grown) return FALSE;
    }
    deferred[deferred_count++] = target;
    return TRUE;
}

/* Under drain_lock: the draining thread has overrun. Its target goes to the pool from now on, and
 * the role passes on with a new list: the caller starts the targets from *first to *count of the
 * old one on the pool (and frees it), then a new dispatcher thread. */
static struct delivery_target **take_over(unsigned int *first, unsigned int *count)
{
    struct delivery_target **list = deferred;

    draining->slow = TRUE;
    draining = NULL;
    role++;
    *first = drain_next;
    *count = deferred_count;
    deferred = NULL;
    deferred_capacity = deferred_count = drain_next = 0;
    batch_thread = 0;
    return list;
}

static DWORD WINAPI watchdog_thread(void *module)
{
    LONG seen = -1;

    for (;;)
    {
        DWORD wait = WaitForSingleObject(watchdog_wake, WATCH_IDLE_MS);

        AcquireSRWLockExclusive(&drain_lock);
        if (wait == WAIT_TIMEOUT && !draining)
        {
            watchdog_running = FALSE;
            ReleaseSRWLockExclusive(&drain_lock);
            break;
        }
        while (draining)
        {
            if (drain_sequence == seen && GetTickCount64() - drain_started >= OVERRUN_MS)
            {
                unsigned int i, count;
                struct delivery_target **rest = take_over(&i, &count);

                ReleaseSRWLockExclusive(&drain_lock);
                for (; i < count; i++) start_target(rest[i]);
                free(rest);
                dispatcher_take_over();
                AcquireSRWLockExclusive(&drain_lock);
                break;
            }
            seen = drain_sequence;
            ReleaseSRWLockExclusive(&drain_lock);
            Sleep(WATCH_EVERY_MS);
            AcquireSRWLockExclusive(&drain_lock);
        }
        ReleaseSRWLockExclusive(&drain_lock);
    }
    FreeLibraryAndExitThread(module, 0);
    return 0;
}

/* Under drain_lock. Without a watchdog, the dispatcher thread does not call sinks itself. */
static BOOL start_watchdog(void)
{
    if (watchdog_running) return TRUE;
    if (!watchdog_wake && !(watchdog_wake = CreateEventW(NULL, FALSE, FALSE, NULL))) return FALSE;
    return watchdog_running = !fxs_start_module_thread(watchdog_thread);
}

/* On the dispatcher thread: calls a multithreaded target's sinks, each call watched. FALSE when
 * the watchdog took the role meanwhile: the target's queue is then finished here, as a pool
 * thread would. */
static BOOL drain_here(struct delivery_target *target)
{
    struct delivery_item *item;
    LONG my_role;
    BOOL lost;

    while ((item = take_item(target)))
    {
        AcquireSRWLockExclusive(&drain_lock);
        my_role = role;
        draining = target;
        drain_started = GetTickCount64();
        drain_sequence++;
        ReleaseSRWLockExclusive(&drain_lock);

        deliver(target, item);

        AcquireSRWLockExclusive(&drain_lock);
        if (!(lost = role != my_role)) draining = NULL;
        ReleaseSRWLockExclusive(&drain_lock);
        if (lost)
        {
            deliver_all(target);
            delivery_target_release(target);
            return FALSE;
        }
    }
    delivery_target_release(target);
    return TRUE;
}

void delivery_post(struct delivery_target *target, struct event_call *call, DWORD git_cookie,
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

void delivery_batch_begin(void)
{
    batch_thread = GetCurrentThreadId();
}

BOOL delivery_batch_flush(void)
{
    unsigned int i, kept;
    BOOL inline_calls;

    /* The apartments' pumps first, so that they run while this thread calls the others. */
    for (i = kept = 0; i < deferred_count; i++)
        if (deferred[i]->thread_id || deferred[i]->slow) start_target(deferred[i]);
        else deferred[kept++] = deferred[i];
    deferred_count = kept;

    AcquireSRWLockExclusive(&drain_lock);
    if ((inline_calls = deferred_count && start_watchdog())) SetEvent(watchdog_wake);
    ReleaseSRWLockExclusive(&drain_lock);
    if (!inline_calls)
    {
        for (i = 0; i < deferred_count; i++) start_target(deferred[i]);
        deferred_count = 0;
        return TRUE;
    }

    for (;;)
    {
        struct delivery_target *target;

        AcquireSRWLockExclusive(&drain_lock);
        if (drain_next == deferred_count)
        {
            drain_next = deferred_count = 0;
            ReleaseSRWLockExclusive(&drain_lock);
            return TRUE;
        }
        target = deferred[drain_next++];
        ReleaseSRWLockExclusive(&drain_lock);
        if (!drain_here(target)) return FALSE;
    }
}

BOOL delivery_batch_end(void)
{
    BOOL still = delivery_batch_flush();
    if (still) batch_thread = 0;
    return still;
}
