/*
 * legacy_events: sinks the Windows XP event interface, IFaxServerNotify, as Microsoft's own
 * samples do, sends a fax and prints every event it hears until the fax has left the queue.
 *
 *     legacy_events.exe BODY.tif NUMBER
 *
 * Programs written for XP's fax service advise their sink on DIID_IFaxServerNotify (25 events; no
 * OnGeneralServerConfigChanged) rather than on the default IFaxServerNotify2. Microsoft's samples
 * do it with ATL's IDispEventImpl, which reads the dispinterface's description from the type
 * library and fetches each argument in its declared type. This sink does the same in plain C: the
 * event's name and its parameters' names and types come from the type library (found through the
 * server's IProvideClassInfo), and DispGetParam fetches each argument in that type. Exit codes: 0
 * the fax was sent, 1 it was not, 2 bad arguments, 3 no answer in 10 minutes.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define COBJMACROS
#define CONST_VTABLE
#include <windows.h>
#include <stdio.h>
#include "faxcomex.h"

enum { ON_OUTGOING_JOB_REMOVED = 5, ON_OUTGOING_JOB_CHANGED = 6 };

static ITypeInfo *events;       /* IFaxServerNotify's description */
static WCHAR job_id[32];
static BOOL ended, sent;

/* The Automation type DispGetParam should give a parameter: interfaces come as IDispatch. */
static VARTYPE declared_type(const TYPEDESC *desc)
{
    return desc->vt == VT_PTR || desc->vt == VT_USERDEFINED ? VT_DISPATCH : desc->vt;
}

/* Prints one argument; for a FaxJobStatus, the status, and notes the end of this program's job. */
static void print_argument(const VARIANT *value, BOOL ours)
{
    IFaxJobStatus *status;
    FAX_JOB_STATUS_ENUM state = 0;

    switch (V_VT(value))
    {
    case VT_BSTR: printf("\"%ls\"", V_BSTR(value)); break;
    case VT_I4: printf("%ld", V_I4(value)); break;
    case VT_BOOL: printf("%s", V_BOOL(value) ? "True" : "False"); break;
    case VT_DISPATCH:
        if (V_DISPATCH(value) &&
            SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(value), &IID_IFaxJobStatus, (void **)&status)))
        {
            IFaxJobStatus_get_Status(status, &state);
            IFaxJobStatus_Release(status);
            printf("FaxJobStatus(0x%x)", state);
            if (ours && (state & fjsCOMPLETED)) sent = TRUE;
            if (ours && (state & (fjsFAILED | fjsRETRIES_EXCEEDED | fjsCANCELED))) ended = TRUE;
        }
        else printf("FaxServer");
        break;
    default: printf("(type %d)", V_VT(value)); break;
    }
}

static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &DIID_IFaxServerNotify))
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

/* Finds the event's description by its DISPID, then prints Name(param = value, ...). */
static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    BSTR names[8] = { NULL };
    FUNCDESC *func = NULL;
    TYPEATTR *attr;
    UINT i, count = 0, bad;
    BOOL ours;
    VARIANT value;
    HRESULT hr = DISP_E_MEMBERNOTFOUND;

    if (FAILED(ITypeInfo_GetTypeAttr(events, &attr))) return E_UNEXPECTED;
    for (i = 0; i < attr->cFuncs && !func; i++)
    {
        if (FAILED(ITypeInfo_GetFuncDesc(events, i, &func))) break;
        if (func->memid != member) { ITypeInfo_ReleaseFuncDesc(events, func); func = NULL; }
    }
    ITypeInfo_ReleaseTypeAttr(events, attr);
    if (!func) return hr;                   /* not an event of IFaxServerNotify */

    if (params->cArgs != func->cParams) hr = DISP_E_BADPARAMCOUNT;
    else
    {
        ITypeInfo_GetNames(events, member, names, ARRAYSIZE(names), &count);
        /* the second argument, when it is a string, is a job or message id */
        VariantInit(&value);
        ours = func->cParams > 1 && SUCCEEDED(DispGetParam(params, 1, VT_BSTR, &value, &bad)) &&
               !lstrcmpW(V_BSTR(&value), job_id);
        VariantClear(&value);
        printf("%ls(", names[0]);
        for (i = 0, hr = S_OK; i < func->cParams && SUCCEEDED(hr); i++)
        {
            VariantInit(&value);
            hr = DispGetParam(params, i, declared_type(&func->lprgelemdescParam[i].tdesc), &value, arg_err);
            if (FAILED(hr)) break;
            printf("%s%ls = ", i ? ", " : "", i + 1 < count ? names[i + 1] : L"?");
            print_argument(&value, ours);
            VariantClear(&value);
        }
        printf(")\n");
        fflush(stdout);
        if (ours && member == ON_OUTGOING_JOB_REMOVED && sent) ended = TRUE;
        for (i = 0; i < count; i++) SysFreeString(names[i]);
    }
    ITypeInfo_ReleaseFuncDesc(events, func);
    return hr;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    sink_Invoke,
};
static IDispatch sink = { &sink_vtbl };

/* The type library's description of DIID_IFaxServerNotify, through the server's class info. */
static HRESULT load_events(IFaxServer *server)
{
    IProvideClassInfo *info;
    ITypeInfo *class_info;
    ITypeLib *typelib;
    UINT index;
    HRESULT hr;

    if (FAILED(hr = IFaxServer_QueryInterface(server, &IID_IProvideClassInfo, (void **)&info))) return hr;
    hr = IProvideClassInfo_GetClassInfo(info, &class_info);
    IProvideClassInfo_Release(info);
    if (FAILED(hr)) return hr;
    hr = ITypeInfo_GetContainingTypeLib(class_info, &typelib, &index);
    ITypeInfo_Release(class_info);
    if (FAILED(hr)) return hr;
    hr = ITypeLib_GetTypeInfoOfGuid(typelib, &DIID_IFaxServerNotify, &events);
    ITypeLib_Release(typelib);
    return hr;
}

static HRESULT submit(IFaxServer *server, const WCHAR *body, const WCHAR *number)
{
    IFaxDocument *document;
    IFaxRecipients *recipients;
    IFaxRecipient *recipient;
    LONG index = 0;
    VARIANT ids;
    BSTR text, id;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument, (void **)&document);
    if (FAILED(hr)) return hr;
    text = SysAllocString(body);
    hr = IFaxDocument_put_Body(document, text);
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
    VariantInit(&ids);
    if (SUCCEEDED(hr)) hr = IFaxDocument_ConnectedSubmit(document, server, &ids);
    if (SUCCEEDED(hr) && SUCCEEDED(hr = SafeArrayGetElement(V_ARRAY(&ids), &index, &id)))
    {
        lstrcpynW(job_id, id, ARRAYSIZE(job_id));
        SysFreeString(id);
    }
    VariantClear(&ids);
    IFaxDocument_Release(document);
    return hr;
}

int wmain(int argc, WCHAR **argv)
{
    IConnectionPointContainer *container = NULL;
    IConnectionPoint *point = NULL;
    IFaxServer *server = NULL;
    DWORD cookie = 0, start;
    MSG message;
    HRESULT hr;
    BSTR name;

    if (argc != 3)
    {
        fprintf(stderr, "usage: legacy_events.exe BODY.tif NUMBER\n");
        return 2;
    }
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer, (void **)&server);
    name = SysAllocString(L"");
    if (SUCCEEDED(hr)) hr = IFaxServer_Connect(server, name);
    SysFreeString(name);
    if (SUCCEEDED(hr)) hr = load_events(server);
    if (SUCCEEDED(hr)) hr = IFaxServer_QueryInterface(server, &IID_IConnectionPointContainer, (void **)&container);
    /* Not the default source interface: the XP one, found by its IID. */
    if (SUCCEEDED(hr)) hr = IConnectionPointContainer_FindConnectionPoint(container, &DIID_IFaxServerNotify, &point);
    if (SUCCEEDED(hr)) hr = IConnectionPoint_Advise(point, (IUnknown *)&sink, &cookie);
    if (SUCCEEDED(hr)) hr = IFaxServer_ListenToServerEvents(server, fsetOUT_QUEUE | fsetOUT_ARCHIVE | fsetIN_QUEUE |
                                                            fsetDEVICE_STATUS | fsetINCOMING_CALL);
    if (FAILED(hr)) fprintf(stderr, "cannot listen to the fax service: 0x%08lx\n", hr);
    if (SUCCEEDED(hr) && FAILED(hr = submit(server, argv[1], argv[2])))
        fprintf(stderr, "submitting failed: 0x%08lx\n", hr);
    if (SUCCEEDED(hr))
    {
        printf("submitted job %ls to %ls\n", job_id, argv[2]);
        fflush(stdout);
        /* The sink is called on this thread while it pumps messages. */
        for (start = GetTickCount(); !ended && GetTickCount() - start < 600000;)
        {
            MsgWaitForMultipleObjects(0, NULL, FALSE, 100, QS_ALLINPUT);
            while (PeekMessageW(&message, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&message);
        }
        if (!ended) printf("no answer from the fax service in 10 minutes\n");
        else printf(sent ? "the fax was sent\n" : "the fax was not sent\n");
    }

    if (cookie) IConnectionPoint_Unadvise(point, cookie);
    if (point) IConnectionPoint_Release(point);
    if (container) IConnectionPointContainer_Release(container);
    if (events) ITypeInfo_Release(events);
    if (server)
    {
        IFaxServer_Disconnect(server);
        IFaxServer_Release(server);
    }
    CoUninitialize();
    if (FAILED(hr)) return 1;
    return !ended ? 3 : sent ? 0 : 1;
}
