/*
 * FaxServer: the root object of the library, connected to one fax service.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"

struct fax_server
{
    IFaxServer2 IFaxServer2_iface;
    struct fxs_class_info class_info;
    LONG refcount;
};

static const IID * const server_error_iids[] = { &IID_IFaxServer, &IID_IFaxServer2, NULL };

static inline struct fax_server *impl_from_IFaxServer2(IFaxServer2 *iface)
{
    return CONTAINING_RECORD(iface, struct fax_server, IFaxServer2_iface);
}

static HRESULT WINAPI server_QueryInterface(IFaxServer2 *iface, REFIID riid, void **obj)
{
    struct fax_server *server = impl_from_IFaxServer2(iface);

    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) ||
        IsEqualIID(riid, &IID_IFaxServer) || IsEqualIID(riid, &IID_IFaxServer2))
        *obj = &server->IFaxServer2_iface;
    else if (IsEqualIID(riid, &IID_IProvideClassInfo) || IsEqualIID(riid, &IID_IProvideClassInfo2))
        *obj = &server->class_info.IProvideClassInfo2_iface;
    else if (IsEqualIID(riid, &IID_ISupportErrorInfo))
        *obj = &server->class_info.ISupportErrorInfo_iface;
    else
    {
        *obj = NULL;
        return E_NOINTERFACE;
    }
    IUnknown_AddRef((IUnknown *)*obj);
    return S_OK;
}

static ULONG WINAPI server_AddRef(IFaxServer2 *iface)
{
    struct fax_server *server = impl_from_IFaxServer2(iface);
    return InterlockedIncrement(&server->refcount);
}

static ULONG WINAPI server_Release(IFaxServer2 *iface)
{
    struct fax_server *server = impl_from_IFaxServer2(iface);
    ULONG refcount = InterlockedDecrement(&server->refcount);

    if (!refcount)
    {
        free(server);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(server, IFaxServer2, IID_IFaxServer2)

static HRESULT WINAPI server_Connect(IFaxServer2 *iface, BSTR server_name)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.Connect");
}

static HRESULT WINAPI server_get_ServerName(IFaxServer2 *iface, BSTR *value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.ServerName");
}

static HRESULT WINAPI server_GetDeviceProviders(IFaxServer2 *iface, IFaxDeviceProviders **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.GetDeviceProviders");
}

static HRESULT WINAPI server_GetDevices(IFaxServer2 *iface, IFaxDevices **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.GetDevices");
}

static HRESULT WINAPI server_get_InboundRouting(IFaxServer2 *iface, IFaxInboundRouting **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.InboundRouting");
}

static HRESULT WINAPI server_get_Folders(IFaxServer2 *iface, IFaxFolders **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.Folders");
}

static HRESULT WINAPI server_get_LoggingOptions(IFaxServer2 *iface, IFaxLoggingOptions **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.LoggingOptions");
}

static HRESULT WINAPI server_get_MajorVersion(IFaxServer2 *iface, LONG *value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.MajorVersion");
}

static HRESULT WINAPI server_get_MinorVersion(IFaxServer2 *iface, LONG *value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.MinorVersion");
}

static HRESULT WINAPI server_get_MajorBuild(IFaxServer2 *iface, LONG *value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.MajorBuild");
}

static HRESULT WINAPI server_get_MinorBuild(IFaxServer2 *iface, LONG *value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.MinorBuild");
}

static HRESULT WINAPI server_get_Debug(IFaxServer2 *iface, VARIANT_BOOL *value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.Debug");
}

static HRESULT WINAPI server_get_Activity(IFaxServer2 *iface, IFaxActivity **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.Activity");
}

static HRESULT WINAPI server_get_OutboundRouting(IFaxServer2 *iface, IFaxOutboundRouting **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.OutboundRouting");
}

static HRESULT WINAPI server_get_ReceiptOptions(IFaxServer2 *iface, IFaxReceiptOptions **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.ReceiptOptions");
}

static HRESULT WINAPI server_get_Security(IFaxServer2 *iface, IFaxSecurity **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.Security");
}

static HRESULT WINAPI server_Disconnect(IFaxServer2 *iface)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.Disconnect");
}

static HRESULT WINAPI server_GetExtensionProperty(IFaxServer2 *iface, BSTR guid, VARIANT *value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.GetExtensionProperty");
}

static HRESULT WINAPI server_SetExtensionProperty(IFaxServer2 *iface, BSTR guid, VARIANT value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.SetExtensionProperty");
}

static HRESULT WINAPI server_ListenToServerEvents(IFaxServer2 *iface, FAX_SERVER_EVENTS_TYPE_ENUM types)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.ListenToServerEvents");
}

static HRESULT WINAPI server_RegisterDeviceProvider(IFaxServer2 *iface, BSTR guid, BSTR friendly_name, BSTR image_name, BSTR tsp_name, LONG fspi_version)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.RegisterDeviceProvider");
}

static HRESULT WINAPI server_UnregisterDeviceProvider(IFaxServer2 *iface, BSTR unique_name)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.UnregisterDeviceProvider");
}

static HRESULT WINAPI server_RegisterInboundRoutingExtension(IFaxServer2 *iface, BSTR extension_name, BSTR friendly_name, BSTR image_name, VARIANT methods)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.RegisterInboundRoutingExtension");
}

static HRESULT WINAPI server_UnregisterInboundRoutingExtension(IFaxServer2 *iface, BSTR extension_unique_name)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.UnregisterInboundRoutingExtension");
}

static HRESULT WINAPI server_get_RegisteredEvents(IFaxServer2 *iface, FAX_SERVER_EVENTS_TYPE_ENUM *value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.RegisteredEvents");
}

static HRESULT WINAPI server_get_APIVersion(IFaxServer2 *iface, FAX_SERVER_APIVERSION_ENUM *value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.APIVersion");
}

static HRESULT WINAPI server_get_Configuration(IFaxServer2 *iface, IFaxConfiguration **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.Configuration");
}

static HRESULT WINAPI server_get_CurrentAccount(IFaxServer2 *iface, IFaxAccount **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.CurrentAccount");
}

static HRESULT WINAPI server_get_FaxAccountSet(IFaxServer2 *iface, IFaxAccountSet **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.FaxAccountSet");
}

static HRESULT WINAPI server_get_Security2(IFaxServer2 *iface, IFaxSecurity2 **value)
{
    return fxs_not_implemented(&IID_IFaxServer2, L"FaxServer.Security2");
}

static const IFaxServer2Vtbl server_vtbl =
{
    server_QueryInterface,
    server_AddRef,
    server_Release,
    server_GetTypeInfoCount,
    server_GetTypeInfo,
    server_GetIDsOfNames,
    server_Invoke,
    server_Connect,
    server_get_ServerName,
    server_GetDeviceProviders,
    server_GetDevices,
    server_get_InboundRouting,
    server_get_Folders,
    server_get_LoggingOptions,
    server_get_MajorVersion,
    server_get_MinorVersion,
    server_get_MajorBuild,
    server_get_MinorBuild,
    server_get_Debug,
    server_get_Activity,
    server_get_OutboundRouting,
    server_get_ReceiptOptions,
    server_get_Security,
    server_Disconnect,
    server_GetExtensionProperty,
    server_SetExtensionProperty,
    server_ListenToServerEvents,
    server_RegisterDeviceProvider,
    server_UnregisterDeviceProvider,
    server_RegisterInboundRoutingExtension,
    server_UnregisterInboundRoutingExtension,
    server_get_RegisteredEvents,
    server_get_APIVersion,
    server_get_Configuration,
    server_get_CurrentAccount,
    server_get_FaxAccountSet,
    server_get_Security2,
};

HRESULT fax_server_create(IUnknown *outer, REFIID riid, void **obj)
{
    struct fax_server *server;
    HRESULT hr;

    if (!(server = calloc(1, sizeof(*server)))) return E_OUTOFMEMORY;
    server->IFaxServer2_iface.lpVtbl = &server_vtbl;
    server->refcount = 1;
    fxs_class_info_init(&server->class_info, (IUnknown *)&server->IFaxServer2_iface, &CLSID_FaxServer,
                        &DIID_IFaxServerNotify2, server_error_iids);
    fxs_module_addref();

    hr = IFaxServer2_QueryInterface(&server->IFaxServer2_iface, riid, obj);
    IFaxServer2_Release(&server->IFaxServer2_iface);
    return hr;
}
