/*
 * What the tests of FaxServer events share: a sink as VB6 and script hosts make them (IDispatch
 * only) that records every call, with ways to misbehave (fail, hang, release an object from inside
 * the call); waiting for a call while pumping messages; a connected FaxServer; submitting a fax
 * over the service's RPC.
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

#define MAX_CALLS 512
#define WAIT_MS 30000

struct recorded_call
{
    DISPID dispid;
    UINT count;
    VARTYPE types[6];           /* first argument first */
    LONG longs[6];
    WCHAR text[32];             /* the first BSTR argument */
    LONG job_status;            /* IFaxJobStatus.Status of a *JobChanged event */
    IUnknown *server;           /* identity of the first argument (no reference held) */
    DWORD thread;
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

static inline LONG job_status_of(VARIANT *arg)
{
    IFaxJobStatus *status;
    FAX_JOB_STATUS_ENUM value = -1;

    if (V_VT(arg) != VT_DISPATCH || !V_DISPATCH(arg)) return -1;
    if (SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(arg), &IID_IFaxJobStatus, (void **)&status)))
    {
        IFaxJobStatus_get_Status(status, &value);
        IFaxJobStatus_Release(status);
    }
    return value;
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
    call->thread = GetCurrentThreadId();
    for (i = 0; i < n && i < 6; i++)
    {
        VARIANT *arg = &params->rgvarg[n - 1 - i];     /* arguments come last to first */
        call->types[i] = V_VT(arg);
        if (V_VT(arg) == VT_I4) call->longs[i] = V_I4(arg);
        if (V_VT(arg) == VT_BOOL) call->longs[i] = V_BOOL(arg);
        if (V_VT(arg) == VT_BSTR && !call->text[0]) lstrcpynW(call->text, V_BSTR(arg), ARRAY_SIZE(call->text));
        /* Only the identity is kept, not a reference: a sink holding its server would keep it alive. */
        if (i == 0 && V_VT(arg) == VT_DISPATCH && V_DISPATCH(arg) &&
            SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(arg), &IID_IUnknown, (void **)&call->server)))
            IUnknown_Release(call->server);
    }
    if ((member == 3 || member == 6) && n == 3) call->job_status = job_status_of(&params->rgvarg[0]);
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

static inline int sink_find(struct sink *sink, DISPID dispid, const WCHAR *text)
{
    LONG i;
    for (i = 0; i < sink->count; i++)
        if (sink->calls[i].dispid == dispid && (!text || !lstrcmpW(sink->calls[i].text, text))) return i;
    return -1;
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

/* Submits a one-page fax over the service's RPC; its job id as the COM API shows it. */
static inline BOOL submit_fax(struct fxs_link *link, const WCHAR *number, WCHAR *id_text)
{
    fax_bitmap *page = fax_bitmap_create(FAX_PAGE_WIDTH, 200);
    const fax_bitmap *pages[1] = { page };
    tiff_buffer body = { 0 };
    fxs_document document = { 0 };
    fxs_recipient recipient = { (WCHAR *)number, NULL };
    fxs_body bodies[1];
    ULONGLONG id;
    LONG error_body;
    DWORD error;

    fax_bitmap_draw_text(page, 50, 50, "event test", 4);
    fax_write_tiff(pages, 1, NULL, &body);
    fax_bitmap_free(page);
    bodies[0].size = (ULONG)body.size;
    bodies[0].data = body.data;
    error = fxs_rpc_submit(fxs_link_session(link), &document, 1, &recipient, 1, bodies, &error_body, &id);
    tiff_buffer_free(&body);
    ok(error == ERROR_SUCCESS, "submit: %lu\n", error);
    swprintf(id_text, 17, L"%016I64X", id);
    return !error;
}

#endif /* FXSCOMEX_TESTS_EVENT_SINK_H */
