/*
 * FaxOutgoingJob (IFaxOutgoingJob2) and FaxIncomingJob: a job of a queue. Its properties are a
 * snapshot of the service's record, taken when the object was made or at Refresh; the methods act
 * on the job in the service. One object type serves both directions: the folder decides which
 * interface it shows.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "snapshot.h"

struct job
{
    IFaxOutgoingJob2 IFaxOutgoingJob2_iface;
    IFaxIncomingJob IFaxIncomingJob_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;
    DWORD folder;                   /* FXS_FOLDER_OUTGOING_QUEUE or FXS_FOLDER_INCOMING_QUEUE */
    ULONGLONG id;
    struct snapshot snapshot;
};

static const IID * const outgoing_job_error_iids[] = { &IID_IFaxOutgoingJob, &IID_IFaxOutgoingJob2, NULL };
static const IID * const incoming_job_error_iids[] = { &IID_IFaxIncomingJob, NULL };

static inline struct job *impl_from_IFaxOutgoingJob2(IFaxOutgoingJob2 *iface)
{
    return CONTAINING_RECORD(iface, struct job, IFaxOutgoingJob2_iface);
}

static inline struct job *impl_from_IFaxIncomingJob(IFaxIncomingJob *iface)
{
    return CONTAINING_RECORD(iface, struct job, IFaxIncomingJob_iface);
}

static inline BOOL is_outgoing(const struct job *job)
{
    return job->folder == FXS_FOLDER_OUTGOING_QUEUE;
}

static inline const IID *job_iid(const struct job *job)
{
    return is_outgoing(job) ? &IID_IFaxOutgoingJob : &IID_IFaxIncomingJob;
}

static inline void *main_iface(struct job *job)
{
    return is_outgoing(job) ? (void *)&job->IFaxOutgoingJob2_iface : (void *)&job->IFaxIncomingJob_iface;
}

static HRESULT job_query(struct job *job, REFIID riid, void **obj)
{
    if (obj && IsEqualIID(riid, &IID_IMarshal) && job->marshaler)
        return IUnknown_QueryInterface(job->marshaler, riid, obj);
    return fxs_class_info_query(&job->class_info, main_iface(job), riid, obj);
}

static ULONG job_addref(struct job *job)
{
    return InterlockedIncrement(&job->refcount);
}

static ULONG job_release(struct job *job)
{
    ULONG refcount = InterlockedDecrement(&job->refcount);

    if (!refcount)
    {
        if (job->marshaler) IUnknown_Release(job->marshaler);
        IFaxServer_Release(job->server);
        snapshot_clear(&job->snapshot);
        free(job);
        fxs_module_release();
    }
    return refcount;
}

/* ---- acting on the job in the service ---- */

struct job_call
{
    struct job *job;
    DWORD operation;
    fxs_job_info info;
    DWORD size;
    BYTE *data;
};

static DWORD control_job(void *session, void *context)
{
    struct job_call *call = context;
    return fxs_rpc_control_job(session, call->job->folder, call->job->id, call->operation);
}

static DWORD get_job(void *session, void *context)
{
    struct job_call *call = context;
    return fxs_rpc_get_job(session, call->job->folder, call->job->id, &call->info);
}

static DWORD get_image(void *session, void *context)
{
    struct job_call *call = context;
    return fxs_rpc_get_image(session, call->job->folder, call->job->id, &call->size, &call->data);
}

static const WCHAR *operation_name(DWORD operation)
{
    switch (operation)
    {
    case FXS_JOB_PAUSE: return L"Pause";
    case FXS_JOB_RESUME: return L"Resume";
    case FXS_JOB_RESTART: return L"Restart";
    default: return L"Cancel";
    }
}

/* The service's error as an HRESULT that names the member and the job. */
static HRESULT job_call_error(struct job *job, DWORD error, const WCHAR *member)
{
    WCHAR what[64] = { 0 }, id[17];

    fxs_job_id_format(job->id, id);
    _snwprintf(what, ARRAY_SIZE(what) - 1, L"%s of job %s", member, id);
    /* A pause or resume that the job's line (a HylaFAX server) answered. */
    switch (error)
    {
    case ERROR_BUSY:
        return fxs_error(HRESULT_FROM_WIN32(error), job_iid(job), L"%s failed: the line is already sending the fax.",
                         what);
    case ERROR_NOT_READY:
        return fxs_error(HRESULT_FROM_WIN32(error), job_iid(job), L"%s failed: the job's fax server is not connected.",
                         what);
    case ERROR_OBJECT_NOT_FOUND:
        return fxs_error(HRESULT_FROM_WIN32(error), job_iid(job), L"%s failed: the job's fax server no longer has "
                         L"the job.", what);
    case ERROR_REQUEST_REFUSED:
        return fxs_error(HRESULT_FROM_WIN32(error), job_iid(job), L"%s failed: the job's fax server refused it.", what);
    case ERROR_CONNECTION_ABORTED:
        return fxs_error(HRESULT_FROM_WIN32(error), job_iid(job), L"%s: the connection to the job's fax server was "
                         L"lost before it answered; the job's status follows once it is back.", what);
    }
    return fxs_service_error(error, job_iid(job), what);
}

static HRESULT job_call(struct job *job, DWORD (*fn)(void *, void *), struct job_call *call, const WCHAR *member)
{
    DWORD error;
    HRESULT hr;

    call->job = job;
    if (FAILED(hr = fxs_service_call(job->server, fn, call, &error))) return hr;
    return error ? job_call_error(job, error, member) : S_OK;
}

static HRESULT job_control(struct job *job, DWORD operation)
{
    struct job_call call = { NULL, operation };
    return job_call(job, control_job, &call, operation_name(operation));
}

static HRESULT job_refresh(struct job *job)
{
    struct job_call call = { 0 };
    HRESULT hr;

    if (FAILED(hr = job_call(job, get_job, &call, L"Refresh"))) return hr;
    snapshot_replace(&job->snapshot, &call.info);
    return S_OK;
}

static HRESULT job_copy_tiff(struct job *job, BSTR path)
{
    struct job_call call = { 0 };
    DWORD error;
    HRESULT hr;

    if (!path || !path[0]) return fxs_error(E_INVALIDARG, job_iid(job), L"CopyTiff needs the path of the file to write.");
    call.job = job;
    if (FAILED(hr = fxs_service_call(job->server, get_image, &call, &error))) return hr;
    if (error == ERROR_FILE_NOT_FOUND)
        return fxs_error(HRESULT_FROM_WIN32(error), job_iid(job), L"The job has no image yet: a fax being received "
                         L"has one once it is routed.");
    if (error) return job_call_error(job, error, L"CopyTiff");
    hr = fxs_write_image_file(path, call.data, call.size, job_iid(job));
    free(call.data);
    return hr;
}

static HRESULT job_transmission_time(struct job *job, DWORD which, DATE *value)
{
    return snapshot_get_transmission_time(&job->snapshot, which, job_iid(job), L"job", value);
}

/* ---- what both interfaces forward to the object ---- */

#define JOB_METHODS(prefix, type) \
    static HRESULT WINAPI prefix##_QueryInterface(type *iface, REFIID riid, void **obj) \
    { return job_query(impl_from_##type(iface), riid, obj); } \
    static ULONG WINAPI prefix##_AddRef(type *iface) \
    { return job_addref(impl_from_##type(iface)); } \
    static ULONG WINAPI prefix##_Release(type *iface) \
    { return job_release(impl_from_##type(iface)); } \
    FXS_DISPATCH_METHODS(prefix, type, IID_##type) \
    static HRESULT WINAPI prefix##_CopyTiff(type *iface, BSTR path) \
    { return job_copy_tiff(impl_from_##type(iface), path); } \
    static HRESULT WINAPI prefix##_Refresh(type *iface) \
    { return job_refresh(impl_from_##type(iface)); } \
    static HRESULT WINAPI prefix##_Cancel(type *iface) \
    { return job_control(impl_from_##type(iface), FXS_JOB_CANCEL); }

/* ---- IFaxOutgoingJob2 ---- */

JOB_METHODS(outgoing_job, IFaxOutgoingJob2)

#define OUTGOING_STRING(name, field) \
    static HRESULT WINAPI outgoing_job_get_##name(IFaxOutgoingJob2 *iface, BSTR *value) \
    { return snapshot_get_string(&impl_from_IFaxOutgoingJob2(iface)->snapshot, INFO(field), value); }
#define OUTGOING_LONG(name, type, field) \
    static HRESULT WINAPI outgoing_job_get_##name(IFaxOutgoingJob2 *iface, type *value) \
    { return snapshot_get_long(&impl_from_IFaxOutgoingJob2(iface)->snapshot, INFO(field), (LONG *)value); }
#define OUTGOING_DATE(name, field) \
    static HRESULT WINAPI outgoing_job_get_##name(IFaxOutgoingJob2 *iface, DATE *value) \
    { return snapshot_get_date(&impl_from_IFaxOutgoingJob2(iface)->snapshot, INFO(field), value); }
#define OUTGOING_BOOL(name, field) \
    static HRESULT WINAPI outgoing_job_get_##name(IFaxOutgoingJob2 *iface, VARIANT_BOOL *value) \
    { return snapshot_get_bool(&impl_from_IFaxOutgoingJob2(iface)->snapshot, INFO(field), value); }

OUTGOING_STRING(Subject, document.subject)
OUTGOING_STRING(DocumentName, document.document_name)
OUTGOING_LONG(Pages, LONG, status.pages)
OUTGOING_LONG(Size, LONG, status.size)
OUTGOING_STRING(SubmissionId, submission_id)
OUTGOING_DATE(OriginalScheduledTime, original_scheduled_time)
OUTGOING_DATE(SubmissionTime, submission_time)
OUTGOING_LONG(ReceiptType, FAX_RECEIPT_TYPE_ENUM, document.receipt_type)
OUTGOING_LONG(Priority, FAX_PRIORITY_TYPE_ENUM, document.priority)
OUTGOING_LONG(CurrentPage, LONG, status.current_page)
OUTGOING_LONG(DeviceId, LONG, status.device_id)
OUTGOING_LONG(Status, FAX_JOB_STATUS_ENUM, status.status)
OUTGOING_LONG(ExtendedStatusCode, FAX_JOB_EXTENDED_STATUS_ENUM, status.extended_status_code)
OUTGOING_STRING(ExtendedStatus, status.extended_status)
OUTGOING_LONG(AvailableOperations, FAX_JOB_OPERATIONS_ENUM, status.available_operations)
OUTGOING_LONG(Retries, LONG, status.retries)
OUTGOING_DATE(ScheduledTime, status.scheduled_time)
OUTGOING_STRING(CSID, status.csid)
OUTGOING_STRING(TSID, status.tsid)
OUTGOING_BOOL(GroupBroadcastReceipts, document.group_broadcast_receipts)
OUTGOING_BOOL(HasCoverPage, has_cover_page)
OUTGOING_STRING(ReceiptAddress, document.receipt_address)
OUTGOING_LONG(ScheduleType, FAX_SCHEDULE_TYPE_ENUM, document.schedule_type)

static HRESULT WINAPI outgoing_job_get_Id(IFaxOutgoingJob2 *iface, BSTR *value)
{
    return fxs_job_id_get(impl_from_IFaxOutgoingJob2(iface)->id, value);
}

static HRESULT WINAPI outgoing_job_get_Sender(IFaxOutgoingJob2 *iface, IFaxSender **value)
{
    return snapshot_get_sender(&impl_from_IFaxOutgoingJob2(iface)->snapshot, value);
}

static HRESULT WINAPI outgoing_job_get_Recipient(IFaxOutgoingJob2 *iface, IFaxRecipient **value)
{
    return snapshot_get_recipient(&impl_from_IFaxOutgoingJob2(iface)->snapshot, value);
}

static HRESULT WINAPI outgoing_job_get_TransmissionStart(IFaxOutgoingJob2 *iface, DATE *value)
{
    return job_transmission_time(impl_from_IFaxOutgoingJob2(iface), FXS_TIME_TRANSMISSION_START, value);
}

static HRESULT WINAPI outgoing_job_get_TransmissionEnd(IFaxOutgoingJob2 *iface, DATE *value)
{
    return job_transmission_time(impl_from_IFaxOutgoingJob2(iface), FXS_TIME_TRANSMISSION_END, value);
}

static HRESULT WINAPI outgoing_job_Pause(IFaxOutgoingJob2 *iface)
{
    return job_control(impl_from_IFaxOutgoingJob2(iface), FXS_JOB_PAUSE);
}

static HRESULT WINAPI outgoing_job_Resume(IFaxOutgoingJob2 *iface)
{
    return job_control(impl_from_IFaxOutgoingJob2(iface), FXS_JOB_RESUME);
}

static HRESULT WINAPI outgoing_job_Restart(IFaxOutgoingJob2 *iface)
{
    return job_control(impl_from_IFaxOutgoingJob2(iface), FXS_JOB_RESTART);
}

static const IFaxOutgoingJob2Vtbl outgoing_job_vtbl =
{
    outgoing_job_QueryInterface,
    outgoing_job_AddRef,
    outgoing_job_Release,
    outgoing_job_GetTypeInfoCount,
    outgoing_job_GetTypeInfo,
    outgoing_job_GetIDsOfNames,
    outgoing_job_Invoke,
    outgoing_job_get_Subject,
    outgoing_job_get_DocumentName,
    outgoing_job_get_Pages,
    outgoing_job_get_Size,
    outgoing_job_get_SubmissionId,
    outgoing_job_get_Id,
    outgoing_job_get_OriginalScheduledTime,
    outgoing_job_get_SubmissionTime,
    outgoing_job_get_ReceiptType,
    outgoing_job_get_Priority,
    outgoing_job_get_Sender,
    outgoing_job_get_Recipient,
    outgoing_job_get_CurrentPage,
    outgoing_job_get_DeviceId,
    outgoing_job_get_Status,
    outgoing_job_get_ExtendedStatusCode,
    outgoing_job_get_ExtendedStatus,
    outgoing_job_get_AvailableOperations,
    outgoing_job_get_Retries,
    outgoing_job_get_ScheduledTime,
    outgoing_job_get_TransmissionStart,
    outgoing_job_get_TransmissionEnd,
    outgoing_job_get_CSID,
    outgoing_job_get_TSID,
    outgoing_job_get_GroupBroadcastReceipts,
    outgoing_job_Pause,
    outgoing_job_Resume,
    outgoing_job_Restart,
    outgoing_job_CopyTiff,
    outgoing_job_Refresh,
    outgoing_job_Cancel,
    outgoing_job_get_HasCoverPage,
    outgoing_job_get_ReceiptAddress,
    outgoing_job_get_ScheduleType,
};

/* ---- IFaxIncomingJob ---- */

JOB_METHODS(incoming_job, IFaxIncomingJob)

#define INCOMING_STRING(name, field) \
    static HRESULT WINAPI incoming_job_get_##name(IFaxIncomingJob *iface, BSTR *value) \
    { return snapshot_get_string(&impl_from_IFaxIncomingJob(iface)->snapshot, INFO(field), value); }
#define INCOMING_LONG(name, type, field) \
    static HRESULT WINAPI incoming_job_get_##name(IFaxIncomingJob *iface, type *value) \
    { return snapshot_get_long(&impl_from_IFaxIncomingJob(iface)->snapshot, INFO(field), (LONG *)value); }

INCOMING_LONG(Size, LONG, status.size)
INCOMING_LONG(CurrentPage, LONG, status.current_page)
INCOMING_LONG(DeviceId, LONG, status.device_id)
INCOMING_LONG(Status, FAX_JOB_STATUS_ENUM, status.status)
INCOMING_LONG(ExtendedStatusCode, FAX_JOB_EXTENDED_STATUS_ENUM, status.extended_status_code)
INCOMING_STRING(ExtendedStatus, status.extended_status)
INCOMING_LONG(AvailableOperations, FAX_JOB_OPERATIONS_ENUM, status.available_operations)
INCOMING_LONG(Retries, LONG, status.retries)
INCOMING_STRING(CSID, status.csid)
INCOMING_STRING(TSID, status.tsid)
INCOMING_STRING(CallerId, status.caller_id)
INCOMING_STRING(RoutingInformation, status.routing_information)
INCOMING_LONG(JobType, FAX_JOB_TYPE_ENUM, status.job_type)

static HRESULT WINAPI incoming_job_get_Id(IFaxIncomingJob *iface, BSTR *value)
{
    return fxs_job_id_get(impl_from_IFaxIncomingJob(iface)->id, value);
}

static HRESULT WINAPI incoming_job_get_TransmissionStart(IFaxIncomingJob *iface, DATE *value)
{
    return job_transmission_time(impl_from_IFaxIncomingJob(iface), FXS_TIME_TRANSMISSION_START, value);
}

static HRESULT WINAPI incoming_job_get_TransmissionEnd(IFaxIncomingJob *iface, DATE *value)
{
    return job_transmission_time(impl_from_IFaxIncomingJob(iface), FXS_TIME_TRANSMISSION_END, value);
}

static const IFaxIncomingJobVtbl incoming_job_vtbl =
{
    incoming_job_QueryInterface,
    incoming_job_AddRef,
    incoming_job_Release,
    incoming_job_GetTypeInfoCount,
    incoming_job_GetTypeInfo,
    incoming_job_GetIDsOfNames,
    incoming_job_Invoke,
    incoming_job_get_Size,
    incoming_job_get_Id,
    incoming_job_get_CurrentPage,
    incoming_job_get_DeviceId,
    incoming_job_get_Status,
    incoming_job_get_ExtendedStatusCode,
    incoming_job_get_ExtendedStatus,
    incoming_job_get_AvailableOperations,
    incoming_job_get_Retries,
    incoming_job_get_TransmissionStart,
    incoming_job_get_TransmissionEnd,
    incoming_job_get_CSID,
    incoming_job_get_TSID,
    incoming_job_get_CallerId,
    incoming_job_get_RoutingInformation,
    incoming_job_get_JobType,
    incoming_job_Cancel,
    incoming_job_Refresh,
    incoming_job_CopyTiff,
};

/* ---- making them ---- */

HRESULT fax_job_create(IFaxServer *server, DWORD folder, fxs_job_info *info, IDispatch **result)
{
    struct job *job;

    *result = NULL;
    if (!(job = calloc(1, sizeof(*job)))) return E_OUTOFMEMORY;
    job->IFaxOutgoingJob2_iface.lpVtbl = &outgoing_job_vtbl;
    job->IFaxIncomingJob_iface.lpVtbl = &incoming_job_vtbl;
    job->refcount = 1;
    job->server = server;
    IFaxServer_AddRef(server);
    job->folder = folder;
    job->id = info->id;
    snapshot_init(&job->snapshot, info);
    if (is_outgoing(job))
        fxs_class_info_init(&job->class_info, main_iface(job), &CLSID_FaxOutgoingJob, NULL, outgoing_job_error_iids);
    else
        fxs_class_info_init(&job->class_info, main_iface(job), &CLSID_FaxIncomingJob, NULL, incoming_job_error_iids);
    CoCreateFreeThreadedMarshaler(main_iface(job), &job->marshaler);
    fxs_module_addref();
    *result = main_iface(job);
    return S_OK;
}

struct get_job_call
{
    DWORD folder;
    ULONGLONG id;
    fxs_job_info info;
};

static DWORD get_job_by_id(void *session, void *context)
{
    struct get_job_call *call = context;
    return fxs_rpc_get_job(session, call->folder, call->id, &call->info);
}

/* GetJob of the queues: the job's own interface (IFaxOutgoingJob2, IFaxIncomingJob). */
HRESULT fax_job_get(IFaxServer *server, DWORD folder, BSTR id, void **result)
{
    const IID *iid = folder == FXS_FOLDER_OUTGOING_QUEUE ? &IID_IFaxOutgoingQueue : &IID_IFaxIncomingQueue;
    return fax_job_get_owned(server, folder, id, NULL, iid, result);
}

/* The same for an account's queue: a job of another account is not found. */
HRESULT fax_job_get_owned(IFaxServer *server, DWORD folder, BSTR id, const WCHAR *account, REFIID iid, void **result)
{
    struct get_job_call call = { folder };
    WCHAR what[48] = { 0 };
    DWORD error;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_job_id_parse(id, iid, &call.id))) return hr;
    if (FAILED(hr = fxs_service_call(server, get_job_by_id, &call, &error))) return hr;
    if (!error && !fxs_account_owns(account, folder, fxs_job_info_owner(folder, &call.info)))
    {
        fxs_job_info_clear(&call.info);
        error = ERROR_NOT_FOUND;
    }
    if (error)
    {
        _snwprintf(what, ARRAY_SIZE(what) - 1, L"GetJob(\"%s\")", id);
        return fxs_service_error(error, iid, what);
    }
    hr = fax_job_create(server, folder, &call.info, (IDispatch **)result);
    fxs_job_info_clear(&call.info);
    return hr;
}
