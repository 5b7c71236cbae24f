/*
 * send_fax: sends a fax and waits, through the fax server's events, until it has been sent.
 *
 *     send_fax.exe BODY.tif NUMBER
 *
 * A plain COM client in C, as one written for Microsoft's fxscomex.dll would be. Its sink is a
 * static IDispatch (events come as IDispatch::Invoke calls with the DISPIDs of IFaxServerNotify2)
 * advised on the FaxServer's default source interface. The main thread is a single-threaded
 * apartment: the sink is called on it, while it pumps messages. Exit code 0 when the fax was sent,
 * 1 when it was not, 2 for bad arguments, 3 when the service did not answer in 10 minutes.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define COBJMACROS
#define CONST_VTABLE
#include <windows.h>
#include <stdio.h>
#include "faxcomex.h"

/* DISPIDs of IFaxServerNotify2 this sample handles. */
enum { ON_OUTGOING_JOB_ADDED = 4, ON_OUTGOING_JOB_REMOVED = 5, ON_OUTGOING_JOB_CHANGED = 6,
       ON_OUTGOING_MESSAGE_ADDED = 9 };

static WCHAR job_id[32];        /* the job this program submitted */
static BOOL ended, sent;

/* ---- the sink: an IDispatch with no state of its own (it lives as long as the program) ---- */

static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    /* The connection point asks for the source interface's IID before it accepts the sink. */
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &DIID_IFaxServerNotify2))
    {
        *obj = iface;
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI sink_AddRef(IDispatch *iface) { return 2; }
static ULONG WINAPI sink_Release(IDispatch *iface) { return 1; }
static HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *count) { *count = 0; return S_OK; }
static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **typeinfo)
{
    return E_NOTIMPL;
}
static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                         DISPID *ids)
{
    return E_NOTIMPL;
}

/* Prints the FaxJobStatus of an OnOutgoingJobChanged and notes whether the job has ended. */
static void job_changed(IDispatch *object)
{
    IFaxJobStatus *status;
    FAX_JOB_STATUS_ENUM state = 0;
    LONG page = 0, pages = 0;

    if (!object || FAILED(IDispatch_QueryInterface(object, &IID_IFaxJobStatus, (void **)&status))) return;
    IFaxJobStatus_get_Status(status, &state);
    IFaxJobStatus_get_CurrentPage(status, &page);
    IFaxJobStatus_get_Pages(status, &pages);
    IFaxJobStatus_Release(status);
    printf("job %ls: status 0x%x, page %ld of %ld\n", job_id, state, page, pages);
    if (state & fjsCOMPLETED) sent = TRUE;
    /* A failed job stays in the queue (no OnOutgoingJobRemoved follows): its status is its end. */
    if (state & (fjsFAILED | fjsRETRIES_EXCEEDED | fjsCANCELED)) ended = TRUE;
}

static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    VARIANT *id;

    /* Arguments come last to first: (server, id[, status]); the id is the second from the end. */
    if (params->cArgs < 2) return S_OK;
    id = &params->rgvarg[params->cArgs - 2];
    if (V_VT(id) != VT_BSTR || !V_BSTR(id) || lstrcmpW(V_BSTR(id), job_id)) return S_OK;   /* someone else's fax */
    switch (member)
    {
    case ON_OUTGOING_JOB_ADDED:
        printf("job %ls queued\n", job_id);
        break;
    case ON_OUTGOING_JOB_CHANGED:
        if (V_VT(&params->rgvarg[0]) == VT_DISPATCH) job_changed(V_DISPATCH(&params->rgvarg[0]));
        break;
    case ON_OUTGOING_MESSAGE_ADDED:
        printf("message %ls archived\n", job_id);
        break;
    case ON_OUTGOING_JOB_REMOVED:
        printf("job %ls left the queue\n", job_id);
        if (sent) ended = TRUE;
        break;
    }
    fflush(stdout);
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    sink_Invoke,
};
static IDispatch sink = { &sink_vtbl };

/* ---- the client ---- */

/* A FaxDocument with the body and one recipient, submitted through the connected server; the id
 * of its job is kept in job_id. */
static HRESULT submit(IFaxServer *server, const WCHAR *body, const WCHAR *number)
{
    IFaxDocument *document;
    IFaxRecipients *recipients;
    IFaxRecipient *recipient;
    VARIANT ids;
    BSTR text;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument, (void **)&document);
    if (FAILED(hr)) return hr;
    text = SysAllocString(body);
    hr = IFaxDocument_put_Body(document, text);
    SysFreeString(text);
    text = SysAllocString(L"send_fax.c");
    if (SUCCEEDED(hr)) hr = IFaxDocument_put_DocumentName(document, text);
    SysFreeString(text);
    if (SUCCEEDED(hr)) hr = IFaxDocument_get_Recipients(document, &recipients);
    if (SUCCEEDED(hr))
    {
        text = SysAllocString(number);
        hr = IFaxRecipients_Add(recipients, text, NULL, &recipient);
        SysFreeString(text);
        if (SUCCEEDED(hr)) IFaxRecipient_Release(recipient);
        IFaxRecipients_Release(recipients);
    }
    /* The result is an array of job ids, one per recipient. */
    VariantInit(&ids);
    if (SUCCEEDED(hr)) hr = IFaxDocument_ConnectedSubmit(document, server, &ids);
    if (SUCCEEDED(hr))
    {
        LONG index = 0;
        BSTR id = NULL;

        hr = SafeArrayGetElement(V_ARRAY(&ids), &index, &id);
        if (SUCCEEDED(hr)) lstrcpynW(job_id, id, sizeof(job_id) / sizeof(job_id[0]));
        SysFreeString(id);
        VariantClear(&ids);
    }
    IFaxDocument_Release(document);
    return hr;
}

/* Pumps messages (the sink is called meanwhile) until the job ended or the time is up. */
static void wait_for_end(DWORD timeout_ms)
{
    DWORD start = GetTickCount();
    MSG message;

    while (!ended && GetTickCount() - start < timeout_ms)
    {
        MsgWaitForMultipleObjects(0, NULL, FALSE, 100, QS_ALLINPUT);
        while (PeekMessageW(&message, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&message);
    }
}

int wmain(int argc, WCHAR **argv)
{
    IConnectionPointContainer *container = NULL;
    IConnectionPoint *point = NULL;
    IFaxServer *server = NULL;
    DWORD cookie = 0;
    HRESULT hr;
    BSTR name;

    if (argc != 3)
    {
        fprintf(stderr, "usage: send_fax.exe BODY.tif NUMBER\n");
        return 2;
    }
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer, (void **)&server);
    name = SysAllocString(L"");                         /* "": the fax service of this machine */
    if (SUCCEEDED(hr)) hr = IFaxServer_Connect(server, name);
    SysFreeString(name);
    /* The sink goes on the connection point of the server's events... */
    if (SUCCEEDED(hr)) hr = IFaxServer_QueryInterface(server, &IID_IConnectionPointContainer, (void **)&container);
    if (SUCCEEDED(hr)) hr = IConnectionPointContainer_FindConnectionPoint(container, &DIID_IFaxServerNotify2, &point);
    if (SUCCEEDED(hr)) hr = IConnectionPoint_Advise(point, (IUnknown *)&sink, &cookie);
    /* ...and the server asks the service for the classes of events the sink handles. */
    if (SUCCEEDED(hr)) hr = IFaxServer_ListenToServerEvents(server, fsetOUT_QUEUE | fsetOUT_ARCHIVE);
    if (FAILED(hr)) fprintf(stderr, "cannot listen to the fax service: 0x%08lx\n", hr);

    if (SUCCEEDED(hr) && FAILED(hr = submit(server, argv[1], argv[2])))
        fprintf(stderr, "submitting failed: 0x%08lx\n", hr);
    if (SUCCEEDED(hr))
    {
        printf("submitted job %ls to %ls\n", job_id, argv[2]);
        wait_for_end(600000);
        if (!ended) printf("no answer from the fax service in 10 minutes\n");
        else printf(sent ? "the fax was sent\n" : "the fax was not sent\n");
    }

    if (cookie) IConnectionPoint_Unadvise(point, cookie);
    if (point) IConnectionPoint_Release(point);
    if (container) IConnectionPointContainer_Release(container);
    if (server)
    {
        IFaxServer_Disconnect(server);
        IFaxServer_Release(server);
    }
    CoUninitialize();
    if (FAILED(hr)) return 1;
    return !ended ? 3 : sent ? 0 : 1;
}
