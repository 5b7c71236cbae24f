/*
 * FaxJobStatus: the snapshot of a job's status that On*JobChanged events carry (IFaxJobStatus).
 * Immutable once made, so it is free-threaded: any apartment may call it directly.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_job_info.h"
#include "fxs_event.h"

struct job_status
{
    IFaxJobStatus IFaxJobStatus_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    fxs_job_status status;          /* strings owned */
};

static const IID * const job_status_error_iids[] = { &IID_IFaxJobStatus, NULL };

static inline struct job_status *impl_from_IFaxJobStatus(IFaxJobStatus *iface)
{
    return CONTAINING_RECORD(iface, struct job_status, IFaxJobStatus_iface);
}

static HRESULT WINAPI job_status_QueryInterface(IFaxJobStatus *iface, REFIID riid, void **obj)
{
    struct job_status *status = impl_from_IFaxJobStatus(iface);

    if (obj && IsEqualIID(riid, &IID_IMarshal) && status->marshaler)
        return IUnknown_QueryInterface(status->marshaler, riid, obj);
    return fxs_class_info_query(&status->class_info, &status->IFaxJobStatus_iface, riid, obj);
}

static ULONG WINAPI job_status_AddRef(IFaxJobStatus *iface)
{
    return InterlockedIncrement(&impl_from_IFaxJobStatus(iface)->refcount);
}

static ULONG WINAPI job_status_Release(IFaxJobStatus *iface)
{
    struct job_status *status = impl_from_IFaxJobStatus(iface);
    ULONG refcount = InterlockedDecrement(&status->refcount);

    if (!refcount)
    {
        if (status->marshaler) IUnknown_Release(status->marshaler);
        fxs_job_status_clear(&status->status);
        free(status);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(job_status, IFaxJobStatus, IID_IFaxJobStatus)

#define STATUS_LONG(name, field) \
    static HRESULT WINAPI job_status_get_##name(IFaxJobStatus *iface, LONG *value) \
    { \
        if (!value) return E_POINTER; \
        *value = impl_from_IFaxJobStatus(iface)->status.field; \
        return S_OK; \
    }

#define STATUS_STRING(name, field) \
    static HRESULT WINAPI job_status_get_##name(IFaxJobStatus *iface, BSTR *value) \
    { \
        const WCHAR *text = impl_from_IFaxJobStatus(iface)->status.field; \
        if (!value) return E_POINTER; \
        *value = SysAllocString(text ? text : L""); \
        return *value ? S_OK : E_OUTOFMEMORY; \
    }

STATUS_LONG(Pages, pages)
STATUS_LONG(Size, size)
STATUS_LONG(CurrentPage, current_page)
STATUS_LONG(DeviceId, device_id)
STATUS_LONG(Retries, retries)
STATUS_STRING(CSID, csid)
STATUS_STRING(TSID, tsid)
STATUS_STRING(ExtendedStatus, extended_status)
STATUS_STRING(CallerId, caller_id)
STATUS_STRING(RoutingInformation, routing_information)

static HRESULT WINAPI job_status_get_Status(IFaxJobStatus *iface, FAX_JOB_STATUS_ENUM *value)
{
    if (!value) return E_POINTER;
    *value = impl_from_IFaxJobStatus(iface)->status.status;
    return S_OK;
}

static HRESULT WINAPI job_status_get_ExtendedStatusCode(IFaxJobStatus *iface, FAX_JOB_EXTENDED_STATUS_ENUM *value)
{
    if (!value) return E_POINTER;
    *value = impl_from_IFaxJobStatus(iface)->status.extended_status_code;
    return S_OK;
}

static HRESULT WINAPI job_status_get_AvailableOperations(IFaxJobStatus *iface, FAX_JOB_OPERATIONS_ENUM *value)
{
    if (!value) return E_POINTER;
    *value = impl_from_IFaxJobStatus(iface)->status.available_operations;
    return S_OK;
}

static HRESULT WINAPI job_status_get_JobType(IFaxJobStatus *iface, FAX_JOB_TYPE_ENUM *value)
{
    if (!value) return E_POINTER;
    *value = impl_from_IFaxJobStatus(iface)->status.job_type;
    return S_OK;
}

/* A time the job does not have yet fails, as Microsoft's samples expect of TransmissionEnd while a
 * job is in progress: HRESULT_FROM_WIN32(ERROR_INVALID_DATA). */
static HRESULT get_time(IFaxJobStatus *iface, DWORD which, double time, DATE *value, const WCHAR *name)
{
    if (!value) return E_POINTER;
    *value = 0;
    if (!(impl_from_IFaxJobStatus(iface)->status.times_set & which))
        return fxs_error(HRESULT_FROM_WIN32(ERROR_INVALID_DATA), &IID_IFaxJobStatus,
                         L"The job has no %s yet.", name);
    *value = time;
    return S_OK;
}

static HRESULT WINAPI job_status_get_ScheduledTime(IFaxJobStatus *iface, DATE *value)
{
    struct job_status *status = impl_from_IFaxJobStatus(iface);
    return get_time(iface, FXS_TIME_SCHEDULED, status->status.scheduled_time, value, L"scheduled time");
}

static HRESULT WINAPI job_status_get_TransmissionStart(IFaxJobStatus *iface, DATE *value)
{
    struct job_status *status = impl_from_IFaxJobStatus(iface);
    return get_time(iface, FXS_TIME_TRANSMISSION_START, status->status.transmission_start, value,
                    L"transmission start");
}

static HRESULT WINAPI job_status_get_TransmissionEnd(IFaxJobStatus *iface, DATE *value)
{
    struct job_status *status = impl_from_IFaxJobStatus(iface);
    return get_time(iface, FXS_TIME_TRANSMISSION_END, status->status.transmission_end, value, L"transmission end");
}

static const IFaxJobStatusVtbl job_status_vtbl =
{
    job_status_QueryInterface,
    job_status_AddRef,
    job_status_Release,
    job_status_GetTypeInfoCount,
    job_status_GetTypeInfo,
    job_status_GetIDsOfNames,
    job_status_Invoke,
    job_status_get_Status,
    job_status_get_Pages,
    job_status_get_Size,
    job_status_get_CurrentPage,
    job_status_get_DeviceId,
    job_status_get_CSID,
    job_status_get_TSID,
    job_status_get_ExtendedStatusCode,
    job_status_get_ExtendedStatus,
    job_status_get_AvailableOperations,
    job_status_get_Retries,
    job_status_get_JobType,
    job_status_get_ScheduledTime,
    job_status_get_TransmissionStart,
    job_status_get_TransmissionEnd,
    job_status_get_CallerId,
    job_status_get_RoutingInformation,
};

static BOOL copy_string(WCHAR **dst, const WCHAR *src)
{
    return (*dst = fxs_strdup(src ? src : L"")) != NULL;
}

HRESULT fax_job_status_create(const fxs_job_status *snapshot, IFaxJobStatus **result)
{
    struct job_status *status;
    fxs_job_status *copy;

    *result = NULL;
    if (!(status = calloc(1, sizeof(*status)))) return E_OUTOFMEMORY;
    status->IFaxJobStatus_iface.lpVtbl = &job_status_vtbl;
    status->refcount = 1;
    copy = &status->status;
    *copy = *snapshot;
    copy->extended_status = copy->csid = copy->tsid = copy->caller_id = copy->routing_information = NULL;
    if (!copy_string(&copy->extended_status, snapshot->extended_status) || !copy_string(&copy->csid, snapshot->csid) ||
        !copy_string(&copy->tsid, snapshot->tsid) || !copy_string(&copy->caller_id, snapshot->caller_id) ||
        !copy_string(&copy->routing_information, snapshot->routing_information))
    {
        fxs_job_status_clear(copy);
        free(status);
        return E_OUTOFMEMORY;
    }
    fxs_class_info_init(&status->class_info, (IUnknown *)&status->IFaxJobStatus_iface, &CLSID_FaxJobStatus, NULL,
                        job_status_error_iids);
    CoCreateFreeThreadedMarshaler((IUnknown *)&status->IFaxJobStatus_iface, &status->marshaler);
    fxs_module_addref();
    *result = &status->IFaxJobStatus_iface;
    return S_OK;
}
