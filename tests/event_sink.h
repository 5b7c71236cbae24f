/*
 * What the tests of FaxServer events share: a sink as VB6 and script hosts make them (IDispatch
 * only) that records every call, with ways to misbehave (fail, hang, release an object from inside
 * the call) and the 26 methods it may be called for; waiting for a call, pumping messages or not; a
 * connected FaxServer; submitting a fax and changing the configuration over the service's RPC.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_EVENT_SINK_H
#define FXSCOMEX_TESTS_EVENT_SINK_H

#include <stdio.h>
#include "service.h"
#include <olectl.h>
#include "faxcomex.h"
#include "tiff.h"
#include "record.h"

#define MAX_CALLS 512
#define WAIT_MS 30000

/* The 17 properties of the FaxJobStatus a *JobChanged event carries, read inside the call. */
struct job_status_values
{
    LONG status, extended_status_code, pages, size, current_page, device_id, available_operations, retries, job_type;
    DATE scheduled_time, transmission_start, transmission_end;
    HRESULT scheduled_hr, start_hr, end_hr;         /* what the three DATE getters returned */
    WCHAR extended_status[64], csid[32], tsid[32], caller_id[32], routing_information[64];
};

struct recorded_call
{
    DISPID dispid;
    UINT count;
    UINT named;                 /* cNamedArgs */
    WORD flags;                 /* DISPATCH_* */
    BOOL iid_null;              /* riid was IID_NULL */
    VARTYPE types[6];           /* first argument first */
    LONG longs[6];              /* VT_I4, and VT_BOOL as it came (-1 or 0) */
    WCHAR text[32];             /* the first BSTR argument */
    WCHAR texts[6][32];         /* every BSTR argument, by position */
    BOOL null_bstr;             /* a BSTR argument was NULL */
    LONG job_status;            /* IFaxJobStatus.Status of a *JobChanged event */
    struct job_status_values status;    /* all of that FaxJobStatus */
    IUnknown *server;           /* identity of the first argument (no reference held) */
    BOOL server1, server2;      /* the first argument answers for IFaxServer, IFaxServer2 */
    DWORD thread;
    LONG recorded;              /* set once everything above is filled in */
};

/* The 26 methods of IFaxServerNotify2 by DISPID (index DISPID - 1; the legacy IFaxServerNotify has
 * the first 25): spec/notify.md. */
struct server_event_shape
{
    const char *name;
    DWORD event_class;          /* the FAX_SERVER_EVENTS_TYPE_ENUM flag that enables it */
    UINT count;
    VARTYPE types[6];           /* first argument first */
    BOOL id;                    /* the second argument is a job or message id */
};

static const struct server_event_shape server_event_shapes[26] =
{
    { "OnIncomingJobAdded", fsetIN_QUEUE, 2, { VT_DISPATCH, VT_BSTR }, TRUE },
    { "OnIncomingJobRemoved", fsetIN_QUEUE, 2, { VT_DISPATCH, VT_BSTR }, TRUE },
    { "OnIncomingJobChanged", fsetIN_QUEUE, 3, { VT_DISPATCH, VT_BSTR, VT_DISPATCH }, TRUE },
    { "OnOutgoingJobAdded", fsetOUT_QUEUE, 2, { VT_DISPATCH, VT_BSTR }, TRUE },
    { "OnOutgoingJobRemoved", fsetOUT_QUEUE, 2, { VT_DISPATCH, VT_BSTR }, TRUE },
    { "OnOutgoingJobChanged", fsetOUT_QUEUE, 3, { VT_DISPATCH, VT_BSTR, VT_DISPATCH }, TRUE },
    { "OnIncomingMessageAdded", fsetIN_ARCHIVE, 2, { VT_DISPATCH, VT_BSTR }, TRUE },
    { "OnIncomingMessageRemoved", fsetIN_ARCHIVE, 2, { VT_DISPATCH, VT_BSTR }, TRUE },
    { "OnOutgoingMessageAdded", fsetOUT_ARCHIVE, 2, { VT_DISPATCH, VT_BSTR }, TRUE },
    { "OnOutgoingMessageRemoved", fsetOUT_ARCHIVE, 2, { VT_DISPATCH, VT_BSTR }, TRUE },
    { "OnReceiptOptionsChange", fsetCONFIG, 1, { VT_DISPATCH } },
    { "OnActivityLoggingConfigChange", fsetCONFIG, 1, { VT_DISPATCH } },
    { "OnSecurityConfigChange", fsetCONFIG, 1, { VT_DISPATCH } },
    { "OnEventLoggingConfigChange", fsetCONFIG, 1, { VT_DISPATCH } },
    { "OnOutgoingQueueConfigChange", fsetCONFIG, 1, { VT_DISPATCH } },
    { "OnOutgoingArchiveConfigChange", fsetCONFIG, 1, { VT_DISPATCH } },
    { "OnIncomingArchiveConfigChange", fsetCONFIG, 1, { VT_DISPATCH } },
    { "OnDevicesConfigChange", fsetCONFIG, 1, { VT_DISPATCH } },
    { "OnOutboundRoutingGroupsConfigChange", fsetCONFIG, 1, { VT_DISPATCH } },
    { "OnOutboundRoutingRulesConfigChange", fsetCONFIG, 1, { VT_DISPATCH } },
    { "OnServerActivityChange", fsetACTIVITY, 5, { VT_DISPATCH, VT_I4, VT_I4, VT_I4, VT_I4 } },
    { "OnQueuesStatusChange", fsetQUEUE_STATE, 4, { VT_DISPATCH, VT_BOOL, VT_BOOL, VT_BOOL } },
    { "OnNewCall", fsetINCOMING_CALL, 4, { VT_DISPATCH, VT_I4, VT_I4, VT_BSTR } },
    { "OnServerShutDown", fsetFXSSVC_ENDED, 1, { VT_DISPATCH } },
    { "OnDeviceStatusChange", fsetDEVICE_STATUS, 6, { VT_DISPATCH, VT_I4, VT_BOOL, VT_BOOL, VT_BOOL, VT_BOOL } },
    { "OnGeneralServerConfigChanged", fsetCONFIG, 1, { VT_DISPATCH } },
};

struct sink
{
    IDispatch IDispatch_iface;
    LONG refcount;
    const IID *iid;             /* the source interface it answers for */
    CRITICAL_SECTION lock;
    struct recorded_call calls[MAX_CALLS];
    LONG count;
    IConnectionPoint *unadvise_point;   /* set: unadvise from inside the next callback */
    DWORD unadvise_cookie;
    HRESULT result;                     /* what Invoke returns */
    DWORD hang_ms;                      /* how long the first call sleeps */
    IUnknown *release_in_call;          /* released from inside the next call */
};

static inline struct sink *impl_from_IDispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct sink, IDispatch_iface);
}

static inline HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    struct sink *sink = impl_from_IDispatch(iface);

    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, sink->iid))
    {
        *obj = iface;
        IDispatch_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static inline ULONG WINAPI sink_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&impl_from_IDispatch(iface)->refcount);
}

static inline ULONG WINAPI sink_Release(IDispatch *iface)
{
    return InterlockedDecrement(&impl_from_IDispatch(iface)->refcount);
}

static inline HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    *count = 0;
    return S_OK;
}

static inline HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **typeinfo)
{
    return E_NOTIMPL;
}

static inline HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                         DISPID *ids)
{
    return E_NOTIMPL;
}

static inline void copy_job_status_text(IFaxJobStatus *status, HRESULT (WINAPI *get)(IFaxJobStatus *, BSTR *),
                                        WCHAR *text, int size)
{
    BSTR value = NULL;
    if (SUCCEEDED(get(status, &value)) && value) lstrcpynW(text, value, size);
    else lstrcpynW(text, L"(failed)", size);
    SysFreeString(value);
}

/* Reads every property of the FaxJobStatus in arg into values; its Status, -1 when it is none. */
static inline LONG job_status_of(VARIANT *arg, struct job_status_values *values)
{
    IFaxJobStatus *status;
    const IFaxJobStatusVtbl *vtbl;

    memset(values, 0, sizeof(*values));
    values->status = -1;
    if (V_VT(arg) != VT_DISPATCH || !V_DISPATCH(arg) ||
        FAILED(IDispatch_QueryInterface(V_DISPATCH(arg), &IID_IFaxJobStatus, (void **)&status)))
        return -1;
    vtbl = status->lpVtbl;
    IFaxJobStatus_get_Status(status, (FAX_JOB_STATUS_ENUM *)&values->status);
    IFaxJobStatus_get_ExtendedStatusCode(status, (FAX_JOB_EXTENDED_STATUS_ENUM *)&values->extended_status_code);
    IFaxJobStatus_get_Pages(status, &values->pages);
    IFaxJobStatus_get_Size(status, &values->size);
    IFaxJobStatus_get_CurrentPage(status, &values->current_page);
    IFaxJobStatus_get_DeviceId(status, &values->device_id);
    IFaxJobStatus_get_AvailableOperations(status, (FAX_JOB_OPERATIONS_ENUM *)&values->available_operations);
    IFaxJobStatus_get_Retries(status, &values->retries);
    IFaxJobStatus_get_JobType(status, (FAX_JOB_TYPE_ENUM *)&values->job_type);
    values->scheduled_hr = IFaxJobStatus_get_ScheduledTime(status, &values->scheduled_time);
    values->start_hr = IFaxJobStatus_get_TransmissionStart(status, &values->transmission_start);
    values->end_hr = IFaxJobStatus_get_TransmissionEnd(status, &values->transmission_end);
    copy_job_status_text(status, vtbl->get_ExtendedStatus, values->extended_status,
                         ARRAY_SIZE(values->extended_status));
    copy_job_status_text(status, vtbl->get_CSID, values->csid, ARRAY_SIZE(values->csid));
    copy_job_status_text(status, vtbl->get_TSID, values->tsid, ARRAY_SIZE(values->tsid));
    copy_job_status_text(status, vtbl->get_CallerId, values->caller_id, ARRAY_SIZE(values->caller_id));
    copy_job_status_text(status, vtbl->get_RoutingInformation, values->routing_information,
                         ARRAY_SIZE(values->routing_information));
    IFaxJobStatus_Release(status);
    return values->status;
}

/* Whether the first argument answers for an interface (no reference kept). */
static inline BOOL argument_has(VARIANT *arg, const IID *iid)
{
    IUnknown *unknown;

    if (V_VT(arg) != VT_DISPATCH || !V_DISPATCH(arg) ||
        FAILED(IDispatch_QueryInterface(V_DISPATCH(arg), iid, (void **)&unknown)))
        return FALSE;
    IUnknown_Release(unknown);
    return TRUE;
}

static inline HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct sink *sink = impl_from_IDispatch(iface);
    struct recorded_call *call;
    IConnectionPoint *point;
    IUnknown *released;
    UINT i, n = params->cArgs;
    LONG index;

    EnterCriticalSection(&sink->lock);
    index = sink->count < MAX_CALLS ? sink->count++ : -1;
    LeaveCriticalSection(&sink->lock);
    if (index < 0) return S_OK;
    call = &sink->calls[index];
    call->dispid = member;
    call->count = n;
    call->named = params->cNamedArgs;
    call->flags = flags;
    call->iid_null = IsEqualIID(riid, &IID_NULL);
    call->thread = GetCurrentThreadId();
    for (i = 0; i < n && i < 6; i++)
    {
        VARIANT *arg = &params->rgvarg[n - 1 - i];     /* arguments come last to first */
        call->types[i] = V_VT(arg);
        if (V_VT(arg) == VT_I4) call->longs[i] = V_I4(arg);
        if (V_VT(arg) == VT_BOOL) call->longs[i] = V_BOOL(arg);
        if (V_VT(arg) == VT_BSTR && V_BSTR(arg)) lstrcpynW(call->texts[i], V_BSTR(arg), ARRAY_SIZE(call->texts[i]));
        if (V_VT(arg) == VT_BSTR && !V_BSTR(arg)) call->null_bstr = TRUE;
        if (V_VT(arg) == VT_BSTR && !call->text[0]) lstrcpynW(call->text, call->texts[i], ARRAY_SIZE(call->text));
        /* Only the identity is kept, not a reference: a sink holding its server would keep it alive. */
        if (i == 0 && V_VT(arg) == VT_DISPATCH && V_DISPATCH(arg) &&
            SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(arg), &IID_IUnknown, (void **)&call->server)))
            IUnknown_Release(call->server);
        if (i == 0) call->server1 = argument_has(arg, &IID_IFaxServer);
        if (i == 0) call->server2 = argument_has(arg, &IID_IFaxServer2);
    }
    if ((member == 3 || member == 6) && n == 3) call->job_status = job_status_of(&params->rgvarg[0], &call->status);
    InterlockedExchange(&call->recorded, 1);
    if ((point = InterlockedExchangePointer((void **)&sink->unadvise_point, NULL)))
        IConnectionPoint_Unadvise(point, sink->unadvise_cookie);
    if ((released = InterlockedExchangePointer((void **)&sink->release_in_call, NULL))) IUnknown_Release(released);
    if (!index && sink->hang_ms) Sleep(sink->hang_ms);
    return sink->result;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    sink_Invoke,
};

static inline void sink_init(struct sink *sink, const IID *iid)
{
    memset(sink, 0, sizeof(*sink));
    sink->IDispatch_iface.lpVtbl = &sink_vtbl;
    sink->refcount = 1;
    sink->iid = iid;
    InitializeCriticalSection(&sink->lock);
}

static inline void sink_clear(struct sink *sink)
{
    DeleteCriticalSection(&sink->lock);
}

/* A call to look for: its DISPID, its first BSTR (NULL: any), and its arguments after the
 * first as longs (VT_I4, or VT_BOOL as -1/0; longs = 0: any). */
struct call_spec
{
    DISPID dispid;
    const WCHAR *text;
    UINT longs;
    LONG values[5];
};

static inline BOOL call_matches(const struct recorded_call *call, const struct call_spec *spec)
{
    UINT i;

    if (!call->recorded || call->dispid != spec->dispid) return FALSE;
    if (spec->text && lstrcmpW(call->text, spec->text)) return FALSE;
    for (i = 0; i < spec->longs; i++)
        if (call->longs[i + 1] != spec->values[i]) return FALSE;
    return TRUE;
}

static inline int find_spec(struct sink *sink, LONG from, const struct call_spec *spec)
{
    LONG i;
    for (i = from; i < sink->count; i++)
        if (call_matches(&sink->calls[i], spec)) return i;
    return -1;
}

static inline int sink_find(struct sink *sink, DISPID dispid, const WCHAR *text)
{
    struct call_spec spec = { dispid, text };
    return find_spec(sink, 0, &spec);
}

static inline int last_spec(struct sink *sink, const struct call_spec *spec)
{
    LONG i;
    for (i = sink->count; i-- > 0;)
        if (call_matches(&sink->calls[i], spec)) return i;
    return -1;
}

/* Waits for a call at or after from, without pumping: for sinks called on other threads (MTA). */
static inline int wait_spec(struct sink *sink, LONG from, const struct call_spec *spec)
{
    double deadline = now_ms() + WAIT_MS;
    int index;

    while ((index = find_spec(sink, from, spec)) < 0 && now_ms() < deadline) Sleep(5);
    return index;
}

static inline int wait_event(struct sink *sink, LONG from, DISPID dispid, const WCHAR *text)
{
    struct call_spec spec = { dispid, text };
    return wait_spec(sink, from, &spec);
}

/* Waits for a call, pumping messages: calls for a sink of this apartment arrive only then. */
static inline BOOL pump_until(struct sink *sink, DISPID dispid, const WCHAR *text)
{
    double deadline = now_ms() + WAIT_MS;
    HANDLE never = GetCurrentProcess();   /* signalled only when the process ends: a plain pumping wait */
    DWORD index;

    while (sink_find(sink, dispid, text) < 0 && now_ms() < deadline)
        CoWaitForMultipleHandles(COWAIT_DISPATCH_CALLS | COWAIT_DISPATCH_WINDOW_MESSAGES, 50, 1, &never, &index);
    return sink_find(sink, dispid, text) >= 0;
}

/* Before a test starts its service: none left running, a data root of its own
 * (%TEMP%\fxscomex-<name>-<pid>), fax time 1000 times as fast. */
static inline void prepare_service(const WCHAR *name)
{
    WCHAR temp[MAX_PATH], root[MAX_PATH];

    ok(stop_service(), "a service from an earlier test is still running\n");
    GetTempPathW(ARRAY_SIZE(temp), temp);
    swprintf(root, ARRAY_SIZE(root), L"%lsfxscomex-%ls-%lu", temp, name, GetCurrentProcessId());
    service_environment(FXSSVC_ENV_DATA_ROOT, root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");
}

/* Runs tests in the multithreaded apartment with a session of the service (started on demand),
 * then stops the service. */
static inline void run_with_service(void (*tests)(struct fxs_link *link))
{
    struct fxs_link *link;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (open_link(NULL, 0, FALSE, &link) == ERROR_SUCCESS)
    {
        tests(link);
        fxs_link_close(link);
    }
    else ok(0, "no session with the service\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
}

static inline IConnectionPoint *find_point(IFaxServer2 *server, const IID *iid)
{
    IConnectionPointContainer *container;
    IConnectionPoint *point = NULL;

    if (SUCCEEDED(IFaxServer2_QueryInterface(server, &IID_IConnectionPointContainer, (void **)&container)))
    {
        IConnectionPointContainer_FindConnectionPoint(container, iid, &point);
        IConnectionPointContainer_Release(container);
    }
    return point;
}

/* Advises the sink on the server's connection point for its own source interface (sink->iid). */
static inline DWORD advise_sink(IFaxServer2 *server, struct sink *sink)
{
    IConnectionPoint *point = find_point(server, sink->iid);
    DWORD cookie = 0;
    HRESULT hr = point ? IConnectionPoint_Advise(point, (IUnknown *)&sink->IDispatch_iface, &cookie) : E_NOINTERFACE;

    ok(hr == S_OK, "Advise: %#lx\n", hr);
    if (point) IConnectionPoint_Release(point);
    return cookie;
}

static inline IFaxServer2 *connected_server(void)
{
    IFaxServer2 *server = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);

    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr == S_OK && (hr = IFaxServer2_Connect(server, NULL)) != S_OK)
    {
        ok(0, "Connect: %#lx\n", hr);
        IFaxServer2_Release(server);
        server = NULL;
    }
    return server;
}

/* A one-page fax image. */
static inline tiff_buffer event_fax_body(void)
{
    fax_bitmap *page = fax_bitmap_create(FAX_PAGE_WIDTH, 200);
    const fax_bitmap *pages[1] = { page };
    tiff_buffer body = { 0 };

    fax_bitmap_draw_text(page, 50, 50, "event test", 4);
    fax_write_tiff(pages, 1, NULL, &body);
    fax_bitmap_free(page);
    return body;
}

/* Submits a one-page fax of document (NULL: a plain one) over the service's RPC; its job id as
 * the COM API shows it. */
static inline BOOL submit_document_fax(struct fxs_link *link, const fxs_document *document, const WCHAR *number,
                                       WCHAR *id_text)
{
    tiff_buffer body = event_fax_body();
    fxs_document plain = { 0 };
    fxs_recipient recipient = { (WCHAR *)number, NULL };
    fxs_body bodies[1] = { { (ULONG)body.size, body.data } };
    ULONGLONG id;
    LONG error_body;
    DWORD error;

    error = fxs_rpc_submit(fxs_link_session(link), document ? document : &plain, 1, &recipient, 1, bodies,
                           &error_body, &id);
    tiff_buffer_free(&body);
    ok(error == ERROR_SUCCESS, "submit: %lu\n", error);
    swprintf(id_text, 17, L"%016I64X", id);
    return !error;
}

static inline BOOL submit_fax_for_id_text(struct fxs_link *link, const WCHAR *number, WCHAR *id_text)
{
    return submit_document_fax(link, NULL, number, id_text);
}

struct config_value
{
    const char *key;
    const void *value;
    size_t size;            /* 0: value is a string */
};

/* Changes a configuration class over the service's RPC: the class as it is, with the given keys
 * replaced (or added); the old record in *original, for restore_config. */
static inline DWORD change_config(struct fxs_link *link, DWORD config_class, const struct config_value *values,
                                  unsigned int count, record **original)
{
    BYTE *data = NULL;
    DWORD size = 0, status;
    record *changed = NULL;
    uint8_t *out = NULL;
    size_t out_size = 0, i, length;
    unsigned int j;

    *original = NULL;
    status = fxs_rpc_get_config(fxs_link_session(link), config_class, &size, &data);
    if (!status && record_parse(data, size, original)) status = ERROR_INVALID_DATA;
    free(data);
    if (!status && record_create(record_kind(*original), &changed)) status = ERROR_OUTOFMEMORY;
    for (i = 0; !status && i < record_count(*original); i++)
    {
        const uint8_t *value;
        const char *name;

        record_field(*original, i, &name, &value, &length);
        for (j = 0; j < count && strcmp(values[j].key, name); j++) {}
        if (j == count) record_add_bytes(changed, name, value, length);
    }
    for (j = 0; !status && j < count; j++)
        record_add_bytes(changed, values[j].key, values[j].value,
                         values[j].size ? values[j].size : strlen(values[j].value));
    if (!status && record_serialize(changed, &out, &out_size)) status = ERROR_OUTOFMEMORY;
    if (!status) status = fxs_rpc_set_config(fxs_link_session(link), config_class, (DWORD)out_size, out);
    free(out);
    record_free(changed);
    ok(status == ERROR_SUCCESS, "changing class %#lx (%s): %lu\n", config_class, values[0].key, status);
    return status;
}

static inline DWORD restore_config(struct fxs_link *link, DWORD config_class, record *original)
{
    uint8_t *data = NULL;
    size_t size = 0;
    DWORD status = ERROR_OUTOFMEMORY;

    if (original && !record_serialize(original, &data, &size))
        status = fxs_rpc_set_config(fxs_link_session(link), config_class, (DWORD)size, data);
    ok(status == ERROR_SUCCESS, "restoring class %#lx: %lu\n", config_class, status);
    free(data);
    record_free(original);
    return status;
}

#endif /* FXSCOMEX_TESTS_EVENT_SINK_H */
