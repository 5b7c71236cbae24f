/*
 * FaxServer: Connect and Disconnect against the real service, the members that need a connection,
 * ListenToServerEvents and RegisteredEvents, and the connection points sinks advise on.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service.h"
#include <olectl.h>
#include "faxcomex.h"

/* A sink as VB6 and script hosts make them: IDispatch only. */
struct sink
{
    IDispatch IDispatch_iface;
    LONG refcount;
    BOOL dispatch;          /* FALSE: a sink without IDispatch, which Advise must refuse */
};

static inline struct sink *impl_from_IDispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct sink, IDispatch_iface);
}

static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    struct sink *sink = impl_from_IDispatch(iface);

    if (IsEqualIID(riid, &IID_IUnknown) || (sink->dispatch && (IsEqualIID(riid, &IID_IDispatch) ||
                                                              IsEqualIID(riid, &DIID_IFaxServerNotify2))))
    {
        *obj = iface;
        IDispatch_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI sink_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&impl_from_IDispatch(iface)->refcount);
}

static ULONG WINAPI sink_Release(IDispatch *iface)
{
    return InterlockedDecrement(&impl_from_IDispatch(iface)->refcount);
}

static HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    *count = 0;
    return S_OK;
}

static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **typeinfo)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                         DISPID *ids)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    sink_Invoke,
};

static void test_connection_points(void)
{
    struct sink sink = { { &sink_vtbl }, 1, TRUE }, plain = { { &sink_vtbl }, 1, FALSE };
    IConnectionPointContainer *container, *back;
    IConnectionPoint *point, *legacy, *points[3];
    IEnumConnectionPoints *enum_points;
    IEnumConnections *enum_connections;
    CONNECTDATA data;
    IFaxServer2 *server;
    ULONG fetched;
    DWORD cookie, second;
    IID iid;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr != S_OK) return;
    hr = IFaxServer2_QueryInterface(server, &IID_IConnectionPointContainer, (void **)&container);
    ok(hr == S_OK, "no IConnectionPointContainer: %#lx\n", hr);
    if (hr != S_OK) goto done;

    hr = IConnectionPointContainer_FindConnectionPoint(container, &DIID_IFaxServerNotify2, &point);
    ok(hr == S_OK, "IFaxServerNotify2: %#lx\n", hr);
    hr = IConnectionPointContainer_FindConnectionPoint(container, &DIID_IFaxServerNotify, &legacy);
    ok(hr == S_OK, "IFaxServerNotify: %#lx\n", hr);
    if (hr == S_OK) IConnectionPoint_Release(legacy);
    hr = IConnectionPointContainer_FindConnectionPoint(container, &IID_IFaxServer, &legacy);
    ok(hr == CONNECT_E_NOCONNECTION && !legacy, "an interface that is not a source: %#lx\n", hr);
    hr = IConnectionPointContainer_FindConnectionPoint(container, &DIID_IFaxServerNotify2, NULL);
    ok(hr == E_POINTER, "NULL out pointer: %#lx\n", hr);

    hr = IConnectionPointContainer_EnumConnectionPoints(container, &enum_points);
    ok(hr == S_OK, "EnumConnectionPoints: %#lx\n", hr);
    if (hr == S_OK)
    {
        hr = IEnumConnectionPoints_Next(enum_points, 3, points, &fetched);
        ok(hr == S_FALSE && fetched == 2, "%lu connection points, %#lx\n", fetched, hr);
        while (fetched) { fetched--; IConnectionPoint_Release(points[fetched]); }
        IEnumConnectionPoints_Release(enum_points);
    }

    hr = IConnectionPoint_GetConnectionInterface(point, &iid);
    ok(hr == S_OK && IsEqualIID(&iid, &DIID_IFaxServerNotify2), "connection interface %s\n", wine_dbgstr_guid(&iid));
    hr = IConnectionPoint_GetConnectionPointContainer(point, &back);
    ok(hr == S_OK && back == container, "container %p, expected %p\n", back, container);
    if (hr == S_OK) IConnectionPointContainer_Release(back);

    /* Advise and Unadvise. */
    hr = IConnectionPoint_Advise(point, NULL, &cookie);
    ok(hr == E_POINTER, "NULL sink: %#lx\n", hr);
    hr = IConnectionPoint_Advise(point, (IUnknown *)&plain.IDispatch_iface, &cookie);
    ok(hr == CONNECT_E_CANNOTCONNECT, "a sink without IDispatch: %#lx\n", hr);
    hr = IConnectionPoint_Advise(point, (IUnknown *)&sink.IDispatch_iface, &cookie);
    ok(hr == S_OK && cookie, "Advise: %#lx, cookie %lu\n", hr, cookie);
    ok(sink.refcount > 1, "the sink was not kept\n");
    hr = IConnectionPoint_Advise(point, (IUnknown *)&sink.IDispatch_iface, &second);
    ok(hr == S_OK && second != cookie, "second Advise: %#lx, cookie %lu\n", hr, second);

    hr = IConnectionPoint_EnumConnections(point, &enum_connections);
    ok(hr == S_OK, "EnumConnections: %#lx\n", hr);
    if (hr == S_OK)
    {
        fetched = 0;
        hr = IEnumConnections_Next(enum_connections, 1, &data, &fetched);
        ok(hr == S_OK && fetched == 1 && data.dwCookie == cookie, "first connection %lu, cookie %lu\n", fetched,
           data.dwCookie);
        if (fetched) IUnknown_Release(data.pUnk);
        IEnumConnections_Release(enum_connections);
    }

    hr = IConnectionPoint_Unadvise(point, 12345);
    ok(hr == CONNECT_E_NOCONNECTION, "unknown cookie: %#lx\n", hr);
    hr = IConnectionPoint_Unadvise(point, cookie);
    ok(hr == S_OK, "Unadvise: %#lx\n", hr);
    hr = IConnectionPoint_Unadvise(point, cookie);
    ok(hr == CONNECT_E_NOCONNECTION, "second Unadvise: %#lx\n", hr);

    IConnectionPoint_Release(point);
    IConnectionPointContainer_Release(container);
done:
    /* The last release drops the sinks still advised. */
    ok(IFaxServer2_Release(server) == 0, "FaxServer still referenced\n");
    ok(sink.refcount == 1, "the sink still has %ld references\n", sink.refcount);
}

static HRESULT error_description(HRESULT hr, const WCHAR *expected_part)
{
    IErrorInfo *info;
    BSTR text = NULL;

    if (GetErrorInfo(0, &info) == S_OK)
    {
        IErrorInfo_GetDescription(info, &text);
        IErrorInfo_Release(info);
    }
    ok(text && wcsstr(text, expected_part), "description %s\n", wine_dbgstr_w(text));
    SysFreeString(text);
    return hr;
}

static void test_connect(void)
{
    const HRESULT not_connected = HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED);
    FAX_SERVER_APIVERSION_ENUM api;
    FAX_SERVER_EVENTS_TYPE_ENUM events;
    IFaxServer2 *server;
    VARIANT_BOOL debug;
    BSTR name, empty = SysAllocString(L""), remote = SysAllocString(L"fax.example.invalid");
    LONG version;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr != S_OK) return;

    /* Without a connection. */
    hr = IFaxServer2_Disconnect(server);
    ok(hr == not_connected, "Disconnect: %#lx\n", hr);
    error_description(hr, L"Connect");
    hr = IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE);
    ok(hr == not_connected, "ListenToServerEvents: %#lx\n", hr);
    hr = IFaxServer2_get_MajorVersion(server, &version);
    ok(hr == not_connected, "MajorVersion: %#lx\n", hr);
    hr = IFaxServer2_get_APIVersion(server, &api);
    ok(hr == not_connected, "APIVersion: %#lx\n", hr);
    hr = IFaxServer2_get_RegisteredEvents(server, &events);
    ok(hr == S_OK && events == fsetNONE, "RegisteredEvents: %#lx %#x\n", hr, events);
    hr = IFaxServer2_Connect(server, remote);
    ok(FAILED(hr), "connecting to a remote server: %#lx\n", hr);

    /* Connected: the service starts on demand. */
    hr = IFaxServer2_Connect(server, empty);
    ok(hr == S_OK, "Connect: %#lx\n", hr);
    hr = IFaxServer2_Connect(server, NULL);
    ok(hr == HRESULT_FROM_WIN32(ERROR_ALREADY_INITIALIZED), "second Connect: %#lx\n", hr);
    hr = IFaxServer2_get_ServerName(server, &name);
    ok(hr == S_OK && name && !*name, "ServerName: %#lx %s\n", hr, wine_dbgstr_w(name));
    SysFreeString(name);
    hr = IFaxServer2_get_APIVersion(server, &api);
    ok(hr == S_OK && api == fsAPI_VERSION_3, "APIVersion: %#lx %#x\n", hr, api);
    hr = IFaxServer2_get_MajorVersion(server, &version);
    ok(hr == S_OK && version == 1, "MajorVersion: %#lx %ld\n", hr, version);
    hr = IFaxServer2_get_Debug(server, &debug);
    ok(hr == S_OK && debug == VARIANT_FALSE, "Debug: %#lx %d\n", hr, debug);
    hr = IFaxServer2_get_MajorVersion(server, NULL);
    ok(hr == E_POINTER, "MajorVersion(NULL): %#lx\n", hr);

    hr = IFaxServer2_ListenToServerEvents(server, 0x400);
    ok(hr == E_INVALIDARG, "unknown event bits: %#lx\n", hr);
    hr = IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE | fsetFXSSVC_ENDED);
    ok(hr == S_OK, "ListenToServerEvents: %#lx\n", hr);
    hr = IFaxServer2_get_RegisteredEvents(server, &events);
    ok(hr == S_OK && events == (fsetOUT_QUEUE | fsetFXSSVC_ENDED), "RegisteredEvents: %#x\n", events);
    hr = IFaxServer2_ListenToServerEvents(server, fsetNONE);
    ok(hr == S_OK, "ListenToServerEvents(fsetNONE): %#lx\n", hr);
    hr = IFaxServer2_get_RegisteredEvents(server, &events);
    ok(hr == S_OK && events == fsetNONE, "RegisteredEvents after fsetNONE: %#x\n", events);

    hr = IFaxServer2_Disconnect(server);
    ok(hr == S_OK, "Disconnect: %#lx\n", hr);
    hr = IFaxServer2_Disconnect(server);
    ok(hr == not_connected, "second Disconnect: %#lx\n", hr);
    hr = IFaxServer2_get_ServerName(server, &name);
    ok(hr == not_connected, "ServerName after Disconnect: %#lx\n", hr);

    /* Through IDispatch, as scripts connect. */
    {
        IDispatch *disp = (IDispatch *)server;
        DISPPARAMS params = { 0 };
        VARIANT arg, result;

        V_VT(&arg) = VT_BSTR;
        V_BSTR(&arg) = empty;
        params.rgvarg = &arg;
        params.cArgs = 1;
        hr = IDispatch_Invoke(disp, 1, &IID_NULL, 0, DISPATCH_METHOD, &params, NULL, NULL, NULL);
        ok(hr == S_OK, "Invoke(Connect): %#lx\n", hr);
        memset(&params, 0, sizeof(params));
        VariantInit(&result);
        hr = IDispatch_Invoke(disp, 26, &IID_NULL, 0, DISPATCH_PROPERTYGET, &params, &result, NULL, NULL);
        ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == fsAPI_VERSION_3, "Invoke(APIVersion): %#lx\n", hr);
        hr = IDispatch_Invoke(disp, 17, &IID_NULL, 0, DISPATCH_METHOD, &params, NULL, NULL, NULL);
        ok(hr == S_OK, "Invoke(Disconnect): %#lx\n", hr);
    }

    /* Released while connected: the session closes with it. */
    hr = IFaxServer2_Connect(server, empty);
    ok(hr == S_OK, "Connect again: %#lx\n", hr);
    ok(IFaxServer2_Release(server) == 0, "FaxServer still referenced\n");
    SysFreeString(empty);
    SysFreeString(remote);
}

START_TEST(server)
{
    ok(stop_service(), "a service from an earlier test is still running\n");
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    test_connection_points();
    test_connect();
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
}
