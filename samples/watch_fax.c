/*
 * watch_fax: sends a fax on the virtual line and prints every event of the fax server as it
 * arrives, until the sent fax and the received one are both in their archives.
 *
 *     watch_fax.exe BODY.tif [NUMBER]
 *
 * It is a plain COM client, as one written for Microsoft's fxscomex.dll would be: it creates a
 * FaxServer, advises a sink (IDispatch only, as VB6 and scripts make them) on IFaxServerNotify2,
 * listens to every event class, and submits a FaxDocument. Event names come from the type
 * library, through the FaxServer's IProvideClassInfo2.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define COBJMACROS
#define CONST_VTABLE
#include <windows.h>
#include <stdio.h>
#include "faxcomex.h"

static ITypeInfo *events_typeinfo;      /* IFaxServerNotify2, for the names of the events */
static BOOL sent_archived, received_archived;
static DWORD start_ticks;

/* The sink: prints what it is called with. */
static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
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
static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT i, LCID lcid, ITypeInfo **ti) { return E_NOTIMPL; }
static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                         DISPID *ids) { return E_NOTIMPL; }

static void print_job_status(IDispatch *object)
{
    IFaxJobStatus *status;
    FAX_JOB_STATUS_ENUM state = 0;
    FAX_JOB_EXTENDED_STATUS_ENUM extended = 0;
    LONG page = 0, pages = 0;

    if (FAILED(IDispatch_QueryInterface(object, &IID_IFaxJobStatus, (void **)&status))) return;
    IFaxJobStatus_get_Status(status, &state);
    IFaxJobStatus_get_ExtendedStatusCode(status, &extended);
    IFaxJobStatus_get_CurrentPage(status, &page);
    IFaxJobStatus_get_Pages(status, &pages);
    printf(" [status 0x%x, extended %d, page %ld of %ld]", state, extended, page, pages);
    IFaxJobStatus_Release(status);
}

static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    BSTR name = NULL;
    UINT count = 0, i;

    if (events_typeinfo) ITypeInfo_GetNames(events_typeinfo, member, &name, 1, &count);
    printf("%6.1f s  %ls(", (GetTickCount() - start_ticks) / 1000.0, count ? name : L"?");
    /* Arguments come last to first; the first one is the FaxServer itself. */
    for (i = params->cArgs - 1; i > 0; i--)
    {
        VARIANT *arg = &params->rgvarg[i - 1];
        printf("%s", i == params->cArgs - 1 ? "" : ", ");
        switch (V_VT(arg))
        {
        case VT_BSTR: printf("\"%ls\"", V_BSTR(arg)); break;
        case VT_I4: printf("%ld", V_I4(arg)); break;
        case VT_BOOL: printf("%s", V_BOOL(arg) ? "True" : "False"); break;
        case VT_DISPATCH: printf("FaxJobStatus"); print_job_status(V_DISPATCH(arg)); break;
        default: printf("(type %d)", V_VT(arg)); break;
        }
    }
    printf(")\n");
    fflush(stdout);
    if (member == 9) sent_archived = TRUE;        /* OnOutgoingMessageAdded */
    if (member == 7) received_archived = TRUE;    /* OnIncomingMessageAdded */
    SysFreeString(name);
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    sink_Invoke,
};
static IDispatch sink = { &sink_vtbl };

/* The type information of the server's default event interface. */
static void load_event_names(IFaxServer2 *server)
{
    IProvideClassInfo2 *info;
    ITypeInfo *class_info;
    ITypeLib *typelib;
    UINT index;
    GUID source;

    if (FAILED(IFaxServer2_QueryInterface(server, &IID_IProvideClassInfo2, (void **)&info))) return;
    if (SUCCEEDED(IProvideClassInfo2_GetGUID(info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &source)) &&
        SUCCEEDED(IProvideClassInfo2_GetClassInfo(info, &class_info)))
    {
        if (SUCCEEDED(ITypeInfo_GetContainingTypeLib(class_info, &typelib, &index)))
        {
            ITypeLib_GetTypeInfoOfGuid(typelib, &source, &events_typeinfo);
            ITypeLib_Release(typelib);
        }
        ITypeInfo_Release(class_info);
    }
    IProvideClassInfo2_Release(info);
}

static HRESULT submit(IFaxServer2 *server, const WCHAR *body, const WCHAR *number)
{
    IFaxDocument2 *document;
    IFaxRecipients *recipients;
    IFaxRecipient *recipient;
    IFaxSender *sender;
    VARIANT ids;
    BSTR text;
    HRESULT hr;

    if (FAILED(hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument2,
                                     (void **)&document)))
        return hr;
    text = SysAllocString(body);
    IFaxDocument2_put_Body(document, text);
    SysFreeString(text);
    text = SysAllocString(L"fxscomex demo");
    IFaxDocument2_put_Subject(document, text);
    SysFreeString(text);
    IFaxDocument2_get_Sender(document, &sender);
    text = SysAllocString(L"Demo Sender");
    IFaxSender_put_Name(sender, text);
    SysFreeString(text);
    IFaxSender_Release(sender);
    IFaxDocument2_get_Recipients(document, &recipients);
    text = SysAllocString(number);
    hr = IFaxRecipients_Add(recipients, text, NULL, &recipient);
    SysFreeString(text);
    if (SUCCEEDED(hr)) IFaxRecipient_Release(recipient);
    IFaxRecipients_Release(recipients);

    hr = IFaxDocument2_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    if (SUCCEEDED(hr))
    {
        LONG index = 0;
        BSTR id;
        SafeArrayGetElement(V_ARRAY(&ids), &index, &id);
        printf("submitted job %ls to %ls\n", id, number);
        SysFreeString(id);
        VariantClear(&ids);
    }
    IFaxDocument2_Release(document);
    return hr;
}

int wmain(int argc, WCHAR **argv)
{
    IConnectionPointContainer *container;
    IConnectionPoint *point;
    IFaxServer2 *server;
    DWORD cookie;
    MSG message;
    HRESULT hr;

    if (argc < 2)
    {
        fprintf(stderr, "usage: watch_fax.exe BODY.tif [NUMBER]\n");
        return 2;
    }
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    start_ticks = GetTickCount();
    if (FAILED(hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server)) ||
        FAILED(hr = IFaxServer2_Connect(server, NULL)))
    {
        fprintf(stderr, "cannot connect to the fax service: 0x%08lx\n", hr);
        return 1;
    }
    load_event_names(server);
    IFaxServer2_QueryInterface(server, &IID_IConnectionPointContainer, (void **)&container);
    IConnectionPointContainer_FindConnectionPoint(container, &DIID_IFaxServerNotify2, &point);
    IConnectionPoint_Advise(point, (IUnknown *)&sink, &cookie);
    IFaxServer2_ListenToServerEvents(server, fsetIN_QUEUE | fsetOUT_QUEUE | fsetCONFIG | fsetACTIVITY |
                                     fsetQUEUE_STATE | fsetIN_ARCHIVE | fsetOUT_ARCHIVE | fsetFXSSVC_ENDED |
                                     fsetDEVICE_STATUS | fsetINCOMING_CALL);

    if (FAILED(hr = submit(server, argv[1], argc > 2 ? argv[2] : L"1002")))
        fprintf(stderr, "submitting failed: 0x%08lx\n", hr);

    /* Events arrive on this thread while it pumps messages. */
    while (SUCCEEDED(hr) && !(sent_archived && received_archived) && GetTickCount() - start_ticks < 300000)
    {
        MsgWaitForMultipleObjects(0, NULL, FALSE, 100, QS_ALLINPUT);
        while (PeekMessageW(&message, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&message);
    }
    printf(sent_archived && received_archived ? "the fax was sent and received\n" : "the fax did not arrive in time\n");

    IFaxServer2_ListenToServerEvents(server, fsetNONE);
    IConnectionPoint_Unadvise(point, cookie);
    IConnectionPoint_Release(point);
    IConnectionPointContainer_Release(container);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
    if (events_typeinfo) ITypeInfo_Release(events_typeinfo);
    CoUninitialize();
    return sent_archived && received_archived ? 0 : 1;
}
