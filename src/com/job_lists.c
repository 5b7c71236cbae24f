/*
 * FaxOutgoingJobs and FaxIncomingJobs: the jobs of a queue as GetJobs found them (a snapshot),
 * numbered from 1, or found by job id. One object type serves both queues.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_job_info.h"

struct job_list
{
    IFaxOutgoingJobs IFaxOutgoingJobs_iface;
    IFaxIncomingJobs IFaxIncomingJobs_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    DWORD folder;                   /* FXS_FOLDER_OUTGOING_QUEUE or FXS_FOLDER_INCOMING_QUEUE */
    IDispatch **items;              /* immutable once made: no lock */
    ULONGLONG *ids;
    LONG count;
};

static const IID * const outgoing_jobs_error_iids[] = { &IID_IFaxOutgoingJobs, NULL };
static const IID * const incoming_jobs_error_iids[] = { &IID_IFaxIncomingJobs, NULL };

static inline struct job_list *impl_from_IFaxOutgoingJobs(IFaxOutgoingJobs *iface)
{
    return CONTAINING_RECORD(iface, struct job_list, IFaxOutgoingJobs_iface);
}

static inline struct job_list *impl_from_IFaxIncomingJobs(IFaxIncomingJobs *iface)
{
    return CONTAINING_RECORD(iface, struct job_list, IFaxIncomingJobs_iface);
}

static inline BOOL is_outgoing(const struct job_list *list)
{
    return list->folder == FXS_FOLDER_OUTGOING_QUEUE;
}

static inline void *main_iface(struct job_list *list)
{
    return is_outgoing(list) ? (void *)&list->IFaxOutgoingJobs_iface : (void *)&list->IFaxIncomingJobs_iface;
}

static inline const IID *list_iid(const struct job_list *list)
{
    return is_outgoing(list) ? &IID_IFaxOutgoingJobs : &IID_IFaxIncomingJobs;
}

static HRESULT list_query(struct job_list *list, REFIID riid, void **obj)
{
    if (obj && IsEqualIID(riid, &IID_IMarshal) && list->marshaler)
        return IUnknown_QueryInterface(list->marshaler, riid, obj);
    return fxs_class_info_query(&list->class_info, main_iface(list), riid, obj);
}

static ULONG list_addref(struct job_list *list)
{
    return InterlockedIncrement(&list->refcount);
}

static ULONG list_release(struct job_list *list)
{
    ULONG refcount = InterlockedDecrement(&list->refcount);
    LONG i;

    if (!refcount)
    {
        if (list->marshaler) IUnknown_Release(list->marshaler);
        for (i = 0; i < list->count; i++) IDispatch_Release(list->items[i]);
        free(list->items);
        free(list->ids);
        free(list);
        fxs_module_release();
    }
    return refcount;
}

static HRESULT list_new_enum(struct job_list *list, IUnknown **result)
{
    return fxs_enum_variant_create(list->items, list->count, result);
}

static HRESULT list_count(struct job_list *list, LONG *count)
{
    if (!count) return E_POINTER;
    *count = list->count;
    return S_OK;
}

/* Item: a 1-based index, or a job id string. The result is the job's own interface. */
static HRESULT list_item(struct job_list *list, VARIANT *index, void **result)
{
    const IID *job_iid = is_outgoing(list) ? &IID_IFaxOutgoingJob : &IID_IFaxIncomingJob;
    ULONGLONG id;
    LONG number, i;
    BSTR text;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (!index) return E_POINTER;
    if (FAILED(hr = fxs_collection_index(index, list_iid(list), &number, &text))) return hr;
    if (text)
    {
        hr = fxs_job_id_parse(text, list_iid(list), &id);
        for (number = 0, i = 0; SUCCEEDED(hr) && i < list->count && !number; i++)
            if (list->ids[i] == id) number = i + 1;
        if (SUCCEEDED(hr) && !number)
            hr = fxs_error(FAX_E_MESSAGE_NOT_FOUND, list_iid(list), L"The job %s is not in this collection.", text);
        SysFreeString(text);
        if (FAILED(hr)) return hr;
    }
    if (number < 1 || number > list->count)
        return fxs_error(E_INVALIDARG, list_iid(list), L"There is no job %ld: the collection has %ld, numbered from 1.",
                         number, list->count);
    return IDispatch_QueryInterface(list->items[number - 1], job_iid, result);
}

/* ---- the two interfaces, forwarded to the object ---- */

#define JOB_LIST_METHODS(prefix, type, job_type) \
    static HRESULT WINAPI prefix##_QueryInterface(type *iface, REFIID riid, void **obj) \
    { return list_query(impl_from_##type(iface), riid, obj); } \
    static ULONG WINAPI prefix##_AddRef(type *iface) \
    { return list_addref(impl_from_##type(iface)); } \
    static ULONG WINAPI prefix##_Release(type *iface) \
    { return list_release(impl_from_##type(iface)); } \
    FXS_DISPATCH_METHODS(prefix, type, IID_##type) \
    static HRESULT WINAPI prefix##_get__NewEnum(type *iface, IUnknown **result) \
    { return list_new_enum(impl_from_##type(iface), result); } \
    static HRESULT WINAPI prefix##_get_Item(type *iface, VARIANT index, job_type **result) \
    { return list_item(impl_from_##type(iface), &index, (void **)result); } \
    static HRESULT WINAPI prefix##_get_Count(type *iface, LONG *count) \
    { return list_count(impl_from_##type(iface), count); }

JOB_LIST_METHODS(outgoing_jobs, IFaxOutgoingJobs, IFaxOutgoingJob)
JOB_LIST_METHODS(incoming_jobs, IFaxIncomingJobs, IFaxIncomingJob)

static const IFaxOutgoingJobsVtbl outgoing_jobs_vtbl =
{
    outgoing_jobs_QueryInterface,
    outgoing_jobs_AddRef,
    outgoing_jobs_Release,
    outgoing_jobs_GetTypeInfoCount,
    outgoing_jobs_GetTypeInfo,
    outgoing_jobs_GetIDsOfNames,
    outgoing_jobs_Invoke,
    outgoing_jobs_get__NewEnum,
    outgoing_jobs_get_Item,
    outgoing_jobs_get_Count,
};

static const IFaxIncomingJobsVtbl incoming_jobs_vtbl =
{
    incoming_jobs_QueryInterface,
    incoming_jobs_AddRef,
    incoming_jobs_Release,
    incoming_jobs_GetTypeInfoCount,
    incoming_jobs_GetTypeInfo,
    incoming_jobs_GetIDsOfNames,
    incoming_jobs_Invoke,
    incoming_jobs_get__NewEnum,
    incoming_jobs_get_Item,
    incoming_jobs_get_Count,
};

/* ---- making them ---- */

struct list_call
{
    DWORD folder;
    DWORD count;
    fxs_job_info *jobs;
};

static DWORD list_jobs(void *session, void *context)
{
    struct list_call *call = context;
    return fxs_rpc_list_jobs(session, call->folder, &call->count, &call->jobs);
}

static HRESULT fill_list(struct job_list *list, IFaxServer *server, struct list_call *call, const WCHAR *account)
{
    HRESULT hr = S_OK;
    DWORD i;

    list->items = calloc(call->count ? call->count : 1, sizeof(*list->items));
    list->ids = calloc(call->count ? call->count : 1, sizeof(*list->ids));
    if (!list->items || !list->ids) return E_OUTOFMEMORY;
    for (i = 0; i < call->count && SUCCEEDED(hr); i++)
    {
        if (!fxs_account_owns(account, list->folder, fxs_job_info_owner(list->folder, &call->jobs[i]))) continue;
        list->ids[list->count] = call->jobs[i].id;
        if (SUCCEEDED(hr = fax_job_create(server, list->folder, &call->jobs[i], &list->items[list->count])))
            list->count++;
    }
    return hr;
}

/* account: an account's queue, its jobs only (fxs_account_owns); NULL: every job. */
static HRESULT job_list_create(IFaxServer *server, DWORD folder, const WCHAR *account, void **result)
{
    const IID *queue_iid = folder == FXS_FOLDER_OUTGOING_QUEUE ? &IID_IFaxOutgoingQueue : &IID_IFaxIncomingQueue;
    struct list_call call = { folder };
    struct job_list *list;
    DWORD error;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_service_call(server, list_jobs, &call, &error))) return hr;
    if (error) return fxs_service_error(error, queue_iid, L"GetJobs");
    if (!(list = calloc(1, sizeof(*list))))
    {
        fxs_job_infos_free(call.jobs, call.count);
        return E_OUTOFMEMORY;
    }
    list->IFaxOutgoingJobs_iface.lpVtbl = &outgoing_jobs_vtbl;
    list->IFaxIncomingJobs_iface.lpVtbl = &incoming_jobs_vtbl;
    list->refcount = 1;
    list->folder = folder;
    if (is_outgoing(list))
        fxs_class_info_init(&list->class_info, main_iface(list), &CLSID_FaxOutgoingJobs, NULL, outgoing_jobs_error_iids);
    else
        fxs_class_info_init(&list->class_info, main_iface(list), &CLSID_FaxIncomingJobs, NULL, incoming_jobs_error_iids);
    CoCreateFreeThreadedMarshaler(main_iface(list), &list->marshaler);
    fxs_module_addref();
    hr = fill_list(list, server, &call, account);
    fxs_job_infos_free(call.jobs, call.count);
    if (FAILED(hr))
    {
        list_release(list);
        return hr;
    }
    *result = main_iface(list);
    return S_OK;
}

HRESULT fax_outgoing_jobs_create(IFaxServer *server, IFaxOutgoingJobs **jobs)
{
    return job_list_create(server, FXS_FOLDER_OUTGOING_QUEUE, NULL, (void **)jobs);
}

HRESULT fax_incoming_jobs_create(IFaxServer *server, IFaxIncomingJobs **jobs)
{
    return job_list_create(server, FXS_FOLDER_INCOMING_QUEUE, NULL, (void **)jobs);
}

HRESULT fax_account_jobs_create(IFaxServer *server, DWORD folder, const WCHAR *account, void **jobs)
{
    return job_list_create(server, folder, account, jobs);
}
