/*
 * FaxOutgoingQueue and FaxIncomingQueue: the settings of the two queues (the service's
 * "config.outbox" and "config.incoming_queue" records, see idl/faxsvc.idl) and their jobs. The
 * settings are a snapshot taken when the object was made or at Refresh; Save sends them all back,
 * and the service either takes them all or refuses with nothing changed.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <stdio.h>
#include "fxscomex_private.h"
#include "fxs_link.h"
#include "../svc/record.h"

/* ---- a configuration class as a list of numbers ---- */

struct config_class
{
    DWORD id;                       /* FXS_CONFIG_* */
    const char *kind;
    const char * const *keys;
    unsigned int count;
    const IID *iid;                 /* for errors */
    const WCHAR *name;              /* for errors */
};

/* In the order of the values below; booleans are 0 or 1, times minutes after midnight. */
enum outbox_value
{
    OUTBOX_BLOCKED, OUTBOX_PAUSED, OUTBOX_PERSONAL_COVER_PAGES, OUTBOX_USE_DEVICE_TSID, OUTBOX_RETRIES,
    OUTBOX_RETRY_DELAY, OUTBOX_DISCOUNT_START, OUTBOX_DISCOUNT_END, OUTBOX_AGE_LIMIT, OUTBOX_BRANDING, OUTBOX_VALUES
};

static const char * const outbox_keys[OUTBOX_VALUES] =
{
    "blocked", "paused", "allow_personal_cover_pages", "use_device_tsid", "retries", "retry_delay",
    "discount_start", "discount_end", "age_limit", "branding",
};

static const char * const incoming_queue_keys[] = { "blocked" };

static const struct config_class outbox_class =
{
    FXS_CONFIG_OUTBOX, "config.outbox", outbox_keys, OUTBOX_VALUES, &IID_IFaxOutgoingQueue, L"FaxOutgoingQueue",
};

static const struct config_class incoming_queue_class =
{
    FXS_CONFIG_INCOMING_QUEUE, "config.incoming_queue", incoming_queue_keys, 1, &IID_IFaxIncomingQueue,
    L"FaxIncomingQueue",
};

struct config_call
{
    const struct config_class *class;
    DWORD size;
    BYTE *record;
};

static DWORD get_config(void *session, void *context)
{
    struct config_call *call = context;
    return fxs_rpc_get_config(session, call->class->id, &call->size, &call->record);
}

static DWORD set_config(void *session, void *context)
{
    struct config_call *call = context;
    return fxs_rpc_set_config(session, call->class->id, call->size, call->record);
}

static HRESULT bad_record(const struct config_class *class)
{
    return fxs_error(HRESULT_FROM_WIN32(ERROR_INVALID_DATA), class->iid,
                     L"The fax service sent the settings of %s in a form this library does not read.", class->name);
}

static HRESULT config_read(IFaxServer *server, const struct config_class *class, LONG *values)
{
    struct config_call call = { class };
    record *rec = NULL;
    unsigned int i;
    uint32_t value;
    DWORD error;
    HRESULT hr = S_OK;

    if (FAILED(hr = fxs_service_call(server, get_config, &call, &error))) return hr;
    if (error)
    {
        WCHAR what[64] = { 0 };
        _snwprintf(what, ARRAY_SIZE(what) - 1, L"Reading the settings of %s", class->name);
        return fxs_service_error(error, class->iid, what);
    }
    if (record_parse(call.record, call.size, &rec) || strcmp(record_kind(rec), class->kind)) hr = bad_record(class);
    for (i = 0; SUCCEEDED(hr) && i < class->count; i++)
    {
        if (record_get_u32(rec, class->keys[i], &value)) hr = bad_record(class);
        else values[i] = value;
    }
    record_free(rec);
    free(call.record);
    return hr;
}

/* What the service refuses in Save: the ranges it checks (idl/faxsvc.idl). */
static HRESULT save_error(const struct config_class *class, DWORD error)
{
    if (error == ERROR_INVALID_PARAMETER && class == &outbox_class)
        return fxs_error(E_INVALIDARG, class->iid, L"The fax service refused the settings of FaxOutgoingQueue: Retries "
                         L"must be 0-99, RetryDelay 0-999 minutes and AgeLimit 0-9999 days.");
    if (error == ERROR_ACCESS_DENIED)
        return fxs_error(E_ACCESSDENIED, class->iid,
                         L"Saving %s failed: the fax service allows changing its settings to administrators only.",
                         class->name);
    return fxs_service_error(error, class->iid, L"Save");
}

static HRESULT config_write(IFaxServer *server, const struct config_class *class, const LONG *values)
{
    struct config_call call = { class };
    record *rec = NULL;
    size_t size = 0;
    unsigned int i;
    DWORD error;
    HRESULT hr;

    if (record_create(class->kind, &rec)) return E_OUTOFMEMORY;
    /* A negative number goes as it is: the service refuses it as out of range. */
    for (i = 0; i < class->count; i++)
        if (record_add_i64(rec, class->keys[i], values[i])) break;
    if (i < class->count || record_serialize(rec, &call.record, &size))
    {
        record_free(rec);
        return E_OUTOFMEMORY;
    }
    record_free(rec);
    call.size = (DWORD)size;
    hr = fxs_service_call(server, set_config, &call, &error);
    free(call.record);
    if (SUCCEEDED(hr) && error) hr = save_error(class, error);
    return hr;
}

/* ---- what both queues share ---- */

struct queue
{
    IFaxOutgoingQueue IFaxOutgoingQueue_iface;
    IFaxIncomingQueue IFaxIncomingQueue_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;
    const struct config_class *class;   /* outbox_class or incoming_queue_class: which queue */
    SRWLOCK lock;                   /* values */
    LONG values[OUTBOX_VALUES];
};

static const IID * const outgoing_queue_error_iids[] = { &IID_IFaxOutgoingQueue, NULL };
static const IID * const incoming_queue_error_iids[] = { &IID_IFaxIncomingQueue, NULL };

static inline struct queue *impl_from_IFaxOutgoingQueue(IFaxOutgoingQueue *iface)
{
    return CONTAINING_RECORD(iface, struct queue, IFaxOutgoingQueue_iface);
}

static inline struct queue *impl_from_IFaxIncomingQueue(IFaxIncomingQueue *iface)
{
    return CONTAINING_RECORD(iface, struct queue, IFaxIncomingQueue_iface);
}

static inline void *main_iface(struct queue *queue)
{
    return queue->class == &outbox_class ? (void *)&queue->IFaxOutgoingQueue_iface
                                         : (void *)&queue->IFaxIncomingQueue_iface;
}

static HRESULT queue_query(struct queue *queue, REFIID riid, void **obj)
{
    if (obj && IsEqualIID(riid, &IID_IMarshal) && queue->marshaler)
        return IUnknown_QueryInterface(queue->marshaler, riid, obj);
    return fxs_class_info_query(&queue->class_info, main_iface(queue), riid, obj);
}

static ULONG queue_addref(struct queue *queue)
{
    return InterlockedIncrement(&queue->refcount);
}

static ULONG queue_release(struct queue *queue)
{
    ULONG refcount = InterlockedDecrement(&queue->refcount);

    if (!refcount)
    {
        if (queue->marshaler) IUnknown_Release(queue->marshaler);
        IFaxServer_Release(queue->server);
        free(queue);
        fxs_module_release();
    }
    return refcount;
}

static HRESULT queue_get(struct queue *queue, unsigned int which, LONG *value)
{
    if (!value) return E_POINTER;
    AcquireSRWLockShared(&queue->lock);
    *value = queue->values[which];
    ReleaseSRWLockShared(&queue->lock);
    return S_OK;
}

static HRESULT queue_put(struct queue *queue, unsigned int which, LONG value)
{
    AcquireSRWLockExclusive(&queue->lock);
    queue->values[which] = value;
    ReleaseSRWLockExclusive(&queue->lock);
    return S_OK;
}

static HRESULT queue_get_bool(struct queue *queue, unsigned int which, VARIANT_BOOL *value)
{
    LONG flag;
    HRESULT hr;

    if (!value) return E_POINTER;
    if (SUCCEEDED(hr = queue_get(queue, which, &flag))) *value = flag ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

static HRESULT queue_put_bool(struct queue *queue, unsigned int which, VARIANT_BOOL value)
{
    return queue_put(queue, which, value ? 1 : 0);
}

static HRESULT queue_refresh(struct queue *queue)
{
    LONG values[OUTBOX_VALUES];
    HRESULT hr;

    if (FAILED(hr = config_read(queue->server, queue->class, values))) return hr;
    AcquireSRWLockExclusive(&queue->lock);
    memcpy(queue->values, values, queue->class->count * sizeof(*values));
    ReleaseSRWLockExclusive(&queue->lock);
    return S_OK;
}

static HRESULT queue_save(struct queue *queue)
{
    LONG values[OUTBOX_VALUES];

    AcquireSRWLockShared(&queue->lock);
    memcpy(values, queue->values, queue->class->count * sizeof(*values));
    ReleaseSRWLockShared(&queue->lock);
    return config_write(queue->server, queue->class, values);
}

/* The members both interfaces have, forwarded to the object. */
#define QUEUE_METHODS(prefix, type, jobs_type, job_type, folder, create_jobs) \
    static HRESULT WINAPI prefix##_QueryInterface(type *iface, REFIID riid, void **obj) \
    { return queue_query(impl_from_##type(iface), riid, obj); } \
    static ULONG WINAPI prefix##_AddRef(type *iface) \
    { return queue_addref(impl_from_##type(iface)); } \
    static ULONG WINAPI prefix##_Release(type *iface) \
    { return queue_release(impl_from_##type(iface)); } \
    FXS_DISPATCH_METHODS(prefix, type, IID_##type) \
    static HRESULT WINAPI prefix##_Refresh(type *iface) \
    { return queue_refresh(impl_from_##type(iface)); } \
    static HRESULT WINAPI prefix##_Save(type *iface) \
    { return queue_save(impl_from_##type(iface)); } \
    static HRESULT WINAPI prefix##_GetJobs(type *iface, jobs_type **jobs) \
    { return create_jobs(impl_from_##type(iface)->server, jobs); } \
    static HRESULT WINAPI prefix##_GetJob(type *iface, BSTR id, job_type **job) \
    { return fax_job_get(impl_from_##type(iface)->server, folder, id, (void **)job); }

/* ---- FaxOutgoingQueue ---- */

QUEUE_METHODS(outgoing_queue, IFaxOutgoingQueue, IFaxOutgoingJobs, IFaxOutgoingJob, FXS_FOLDER_OUTGOING_QUEUE,
              fax_outgoing_jobs_create)

#define OUTGOING_BOOL(name, which) \
    static HRESULT WINAPI outgoing_queue_get_##name(IFaxOutgoingQueue *iface, VARIANT_BOOL *value) \
    { return queue_get_bool(impl_from_IFaxOutgoingQueue(iface), which, value); } \
    static HRESULT WINAPI outgoing_queue_put_##name(IFaxOutgoingQueue *iface, VARIANT_BOOL value) \
    { return queue_put_bool(impl_from_IFaxOutgoingQueue(iface), which, value); }
#define OUTGOING_LONG(name, which) \
    static HRESULT WINAPI outgoing_queue_get_##name(IFaxOutgoingQueue *iface, LONG *value) \
    { return queue_get(impl_from_IFaxOutgoingQueue(iface), which, value); } \
    static HRESULT WINAPI outgoing_queue_put_##name(IFaxOutgoingQueue *iface, LONG value) \
    { return queue_put(impl_from_IFaxOutgoingQueue(iface), which, value); }

OUTGOING_BOOL(Blocked, OUTBOX_BLOCKED)
OUTGOING_BOOL(Paused, OUTBOX_PAUSED)
OUTGOING_BOOL(AllowPersonalCoverPages, OUTBOX_PERSONAL_COVER_PAGES)
OUTGOING_BOOL(UseDeviceTSID, OUTBOX_USE_DEVICE_TSID)
OUTGOING_LONG(Retries, OUTBOX_RETRIES)
OUTGOING_LONG(RetryDelay, OUTBOX_RETRY_DELAY)
OUTGOING_LONG(AgeLimit, OUTBOX_AGE_LIMIT)
OUTGOING_BOOL(Branding, OUTBOX_BRANDING)

#define MINUTES_PER_DAY 1440

/* The discount period's ends are times of day: a DATE whose date part is 0 (30 December 1899). */
static HRESULT get_time_of_day(IFaxOutgoingQueue *iface, unsigned int which, DATE *value)
{
    LONG minutes;
    HRESULT hr;

    if (!value) return E_POINTER;
    if (SUCCEEDED(hr = queue_get(impl_from_IFaxOutgoingQueue(iface), which, &minutes)))
        *value = (double)minutes / MINUTES_PER_DAY;
    return hr;
}

/* Only the time part counts, to the minute; the date part is ignored. */
static HRESULT put_time_of_day(IFaxOutgoingQueue *iface, unsigned int which, DATE value)
{
    SYSTEMTIME time;

    if (!isfinite(value) || !VariantTimeToSystemTime(value, &time))
        return fxs_error(E_INVALIDARG, &IID_IFaxOutgoingQueue, L"%g is not a valid DATE.", value);
    return queue_put(impl_from_IFaxOutgoingQueue(iface), which, time.wHour * 60 + time.wMinute);
}

static HRESULT WINAPI outgoing_queue_get_DiscountRateStart(IFaxOutgoingQueue *iface, DATE *value)
{
    return get_time_of_day(iface, OUTBOX_DISCOUNT_START, value);
}

static HRESULT WINAPI outgoing_queue_put_DiscountRateStart(IFaxOutgoingQueue *iface, DATE value)
{
    return put_time_of_day(iface, OUTBOX_DISCOUNT_START, value);
}

static HRESULT WINAPI outgoing_queue_get_DiscountRateEnd(IFaxOutgoingQueue *iface, DATE *value)
{
    return get_time_of_day(iface, OUTBOX_DISCOUNT_END, value);
}

static HRESULT WINAPI outgoing_queue_put_DiscountRateEnd(IFaxOutgoingQueue *iface, DATE value)
{
    return put_time_of_day(iface, OUTBOX_DISCOUNT_END, value);
}

static const IFaxOutgoingQueueVtbl outgoing_queue_vtbl =
{
    outgoing_queue_QueryInterface,
    outgoing_queue_AddRef,
    outgoing_queue_Release,
    outgoing_queue_GetTypeInfoCount,
    outgoing_queue_GetTypeInfo,
    outgoing_queue_GetIDsOfNames,
    outgoing_queue_Invoke,
    outgoing_queue_get_Blocked,
    outgoing_queue_put_Blocked,
    outgoing_queue_get_Paused,
    outgoing_queue_put_Paused,
    outgoing_queue_get_AllowPersonalCoverPages,
    outgoing_queue_put_AllowPersonalCoverPages,
    outgoing_queue_get_UseDeviceTSID,
    outgoing_queue_put_UseDeviceTSID,
    outgoing_queue_get_Retries,
    outgoing_queue_put_Retries,
    outgoing_queue_get_RetryDelay,
    outgoing_queue_put_RetryDelay,
    outgoing_queue_get_DiscountRateStart,
    outgoing_queue_put_DiscountRateStart,
    outgoing_queue_get_DiscountRateEnd,
    outgoing_queue_put_DiscountRateEnd,
    outgoing_queue_get_AgeLimit,
    outgoing_queue_put_AgeLimit,
    outgoing_queue_get_Branding,
    outgoing_queue_put_Branding,
    outgoing_queue_Refresh,
    outgoing_queue_Save,
    outgoing_queue_GetJobs,
    outgoing_queue_GetJob,
};

/* ---- FaxIncomingQueue ---- */

QUEUE_METHODS(incoming_queue, IFaxIncomingQueue, IFaxIncomingJobs, IFaxIncomingJob, FXS_FOLDER_INCOMING_QUEUE,
              fax_incoming_jobs_create)

static HRESULT WINAPI incoming_queue_get_Blocked(IFaxIncomingQueue *iface, VARIANT_BOOL *value)
{
    return queue_get_bool(impl_from_IFaxIncomingQueue(iface), 0, value);
}

static HRESULT WINAPI incoming_queue_put_Blocked(IFaxIncomingQueue *iface, VARIANT_BOOL value)
{
    return queue_put_bool(impl_from_IFaxIncomingQueue(iface), 0, value);
}

static const IFaxIncomingQueueVtbl incoming_queue_vtbl =
{
    incoming_queue_QueryInterface,
    incoming_queue_AddRef,
    incoming_queue_Release,
    incoming_queue_GetTypeInfoCount,
    incoming_queue_GetTypeInfo,
    incoming_queue_GetIDsOfNames,
    incoming_queue_Invoke,
    incoming_queue_get_Blocked,
    incoming_queue_put_Blocked,
    incoming_queue_Refresh,
    incoming_queue_Save,
    incoming_queue_GetJobs,
    incoming_queue_GetJob,
};

/* ---- making them: the settings are read first ---- */

static HRESULT queue_create(IFaxServer *server, const struct config_class *class, void **result)
{
    struct queue *queue;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (!(queue = calloc(1, sizeof(*queue)))) return E_OUTOFMEMORY;
    queue->IFaxOutgoingQueue_iface.lpVtbl = &outgoing_queue_vtbl;
    queue->IFaxIncomingQueue_iface.lpVtbl = &incoming_queue_vtbl;
    queue->refcount = 1;
    queue->class = class;
    InitializeSRWLock(&queue->lock);
    if (FAILED(hr = config_read(server, class, queue->values)))
    {
        free(queue);
        return hr;
    }
    queue->server = server;
    IFaxServer_AddRef(server);
    if (class == &outbox_class)
        fxs_class_info_init(&queue->class_info, main_iface(queue), &CLSID_FaxOutgoingQueue, NULL,
                            outgoing_queue_error_iids);
    else
        fxs_class_info_init(&queue->class_info, main_iface(queue), &CLSID_FaxIncomingQueue, NULL,
                            incoming_queue_error_iids);
    CoCreateFreeThreadedMarshaler(main_iface(queue), &queue->marshaler);
    fxs_module_addref();
    *result = main_iface(queue);
    return S_OK;
}

HRESULT fax_outgoing_queue_create(IFaxServer *server, IFaxOutgoingQueue **queue)
{
    return queue_create(server, &outbox_class, (void **)queue);
}

HRESULT fax_incoming_queue_create(IFaxServer *server, IFaxIncomingQueue **queue)
{
    return queue_create(server, &incoming_queue_class, (void **)queue);
}
