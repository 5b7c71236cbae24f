/*
 * Calling one sink in its own apartment (see events.h).
 *
 * Each target is a queue drained one call at a time, in order, by a thread-pool thread. For a
 * multithreaded sink that thread calls the sink itself. For the sinks of a single-threaded
 * apartment it makes one COM call to a small object of ours that lives in that apartment (made
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
    BOOL running;                           /* a pool thread drains it now */
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

/* A sink that fails is skipped for this event only; one whose apartment or process is gone is dropped. */
static void deliver(struct delivery_item *item)
{
    IGlobalInterfaceTable *table = get_global_table();
    IDispatch *sink;
    EXCEPINFO excepinfo;
    VARIANT result;
    UINT arg_err;
    HRESULT hr = E_FAIL;

    if (table && SUCCEEDED(hr = IGlobalInterfaceTable_GetInterfaceFromGlobal(table, item->git_cookie, &IID_IDispatch,
                                                                             (void **)&sink)))
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
    while ((item = take_item(target))) deliver(item);
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

struct delivery_target *delivery_target_for_caller(void)
{
    APTTYPE type;
    APTTYPEQUALIFIER qualifier;

    if (SUCCEEDED(CoGetApartmentType(&type, &qualifier)) && (type == APTTYPE_STA || type == APTTYPE_MAINSTA))
        return sta_target_for_thread();
    return target_create();
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

/* ---- batches ---- */

/* While the dispatcher hands out a batch of events, the targets it wakes start only when it
 * flushes: one pool callback then drains many events, where starting at once would cost a
 * callback (a thread wake-up, CoInitializeEx) per event and sink, as a sink is usually quicker
 * than the next event's arrival. Only the batching thread touches the list. */
static DWORD batch_thread;
static struct delivery_target *deferred[64];
static unsigned int deferred_count;

static void start_target(struct delivery_target *target)
{
    if (!TrySubmitThreadpoolCallback(drain_target, target, NULL)) drain_target(NULL, target);
}

/* TRUE when the target will start at the next flush; FALSE: start it now. */
static BOOL defer_start(struct delivery_target *target)
{
    if (!batch_thread || batch_thread != GetCurrentThreadId()) return FALSE;
    if (deferred_count == ARRAY_SIZE(deferred)) delivery_batch_flush();
    deferred[deferred_count++] = target;
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
}
