/*
 * FaxServer: the root object of the library, connected to one fax service.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stddef.h>
#include "fxscomex_private.h"
#include "fxs_remote.h"
#include "routing_config.h"
#include "connpoint.h"
#include "events.h"
#include "fxs_link.h"

struct fax_server
{
    IFaxServer2 IFaxServer2_iface;
    struct fxs_class_info class_info;
    struct connection_point_container container;
    struct connection_point notify2;        /* DIID_IFaxServerNotify2, the default source */
    struct connection_point notify;         /* DIID_IFaxServerNotify, the XP one */
    struct connection_point *points[2];
    struct event_listener listener;         /* with the dispatcher while ListenToServerEvents asks */
    IUnknown *marshaler;                    /* the free-threaded marshaler, aggregated */
    LONG refcount;

    SRWLOCK lock;                           /* the connection below */
    struct fxs_link *link;                  /* NULL: not connected */
    BSTR server_name;                       /* as given to Connect */
    fxs_server_info info;                   /* the service's facts at Connect */
    FAX_SERVER_EVENTS_TYPE_ENUM events;     /* ListenToServerEvents */
};

#define ALL_SERVER_EVENTS (fsetIN_QUEUE | fsetOUT_QUEUE | fsetCONFIG | fsetACTIVITY | fsetQUEUE_STATE | \
                           fsetIN_ARCHIVE | fsetOUT_ARCHIVE | fsetFXSSVC_ENDED | fsetDEVICE_STATUS | fsetINCOMING_CALL)

static const IID * const server_error_iids[] = { &IID_IFaxServer, &IID_IFaxServer2, NULL };

static inline struct fax_server *impl_from_IFaxServer2(IFaxServer2 *iface)
{
    return CONTAINING_RECORD(iface, struct fax_server, IFaxServer2_iface);
}

static HRESULT WINAPI server_QueryInterface(IFaxServer2 *iface, REFIID riid, void **obj)
{
    struct fax_server *server = impl_from_IFaxServer2(iface);

    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IConnectionPointContainer))
    {
        *obj = &server->container.IConnectionPointContainer_iface;
        IUnknown_AddRef((IUnknown *)*obj);
        return S_OK;
    }
    if (IsEqualIID(riid, &IID_IMarshal) && server->marshaler)
        return IUnknown_QueryInterface(server->marshaler, riid, obj);
    return fxs_class_info_query(&server->class_info, &server->IFaxServer2_iface, riid, obj);
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
        dispatcher_remove(&server->listener);
        if (server->marshaler) IUnknown_Release(server->marshaler);
        if (server->link) fxs_link_close(server->link);
        SysFreeString(server->server_name);
        connection_point_destroy(&server->notify2);
        connection_point_destroy(&server->notify);
        free(server);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(server, IFaxServer2, IID_IFaxServer2)

/* ---- the events: a listener of the dispatcher ---- */

static inline struct fax_server *impl_from_listener(struct event_listener *listener)
{
    return CONTAINING_RECORD(listener, struct fax_server, listener);
}

static BOOL server_acquire(struct event_listener *listener)
{
    return listener_addref_if_alive(&impl_from_listener(listener)->refcount);
}

static void server_release(struct event_listener *listener)
{
    IFaxServer2_Release(&impl_from_listener(listener)->IFaxServer2_iface);
}

/* Each sink of both connection points gets the event, as its interface has it. */
static void server_deliver(struct event_listener *listener, const fxs_event *event)
{
    struct fax_server *server = impl_from_listener(listener);
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(server->points); i++)
    {
        struct connection_point *point = server->points[i];
        struct connection_snapshot *snapshot = connection_point_snapshot(point);
        struct event_call *call = NULL;

        if (!snapshot) continue;
        if (snapshot->count)
            call = event_call_create(event, (IDispatch *)&server->IFaxServer2_iface, point == &server->notify);
        if (call) delivery_post_all(snapshot, call, &point->IConnectionPoint_iface);
        if (call) event_call_release(call);
        connection_snapshot_release(snapshot);
    }
}

/* What every member that needs a connection returns without one. */
static HRESULT not_connected(void)
{
    return fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), &IID_IFaxServer,
                     L"The FaxServer object is not connected to a fax server: call Connect first.");
}

static HRESULT connected_info(struct fax_server *server, fxs_server_info *info)
{
    HRESULT hr = S_OK;

    AcquireSRWLockShared(&server->lock);
    if (server->link) *info = server->info;
    else hr = not_connected();
    ReleaseSRWLockShared(&server->lock);
    return hr;
}

/* One of the service's facts (a field of fxs_server_info), as the members that show them need. */
static HRESULT get_info_long(struct fax_server *server, size_t offset, LONG *value)
{
    fxs_server_info info = { 0 };
    HRESULT hr;

    if (!value) return E_POINTER;
    if (FAILED(hr = connected_info(server, &info))) return hr;
    *value = *(const LONG *)((const BYTE *)&info + offset);
    return S_OK;
}

/* "", NULL, ".", "localhost" and this computer's name (with or without "\\") mean the local fax
 * server, over ncalrpc; any other name is a remote one, over TCP. */
static BOOL is_local_server(const WCHAR *name)
{
    WCHAR computer[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD size = ARRAY_SIZE(computer);

    if (!name || !name[0] || !wcscmp(name, L".") || !_wcsicmp(name, L"localhost")) return TRUE;
    if (name[0] == '\\' && name[1] == '\\') name += 2;
    return GetComputerNameW(computer, &size) && !_wcsicmp(name, computer);
}

/* "host" or "host:port" (decimal, 1-65535) of a remote server, "\\" before it allowed. */
static BOOL parse_remote_name(const WCHAR *name, WCHAR *host, DWORD host_size, DWORD *port)
{
    const WCHAR *colon;
    WCHAR *end;
    size_t length;

    if (name[0] == '\\' && name[1] == '\\') name += 2;
    colon = wcschr(name, ':');
    length = colon ? (size_t)(colon - name) : wcslen(name);
    *port = 0;
    if (!length || length >= host_size) return FALSE;
    memcpy(host, name, length * sizeof(WCHAR));
    host[length] = 0;
    if (!colon) return TRUE;
    if (colon[1] < '0' || colon[1] > '9') return FALSE;
    *port = wcstoul(colon + 1, &end, 10);
    return !*end && *port >= 1 && *port <= 65535;
}

/* Refusals of a remote server and of this client's missing credentials: all "access denied", each
 * with what to do about it. */
static HRESULT connect_error(DWORD error, const WCHAR *name, const WCHAR *host)
{
    const HRESULT denied = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);

    if (error == ERROR_TOO_MANY_SESS)
        return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxServer, L"The fax service has as many client sessions open as "
                         L"it takes; connect again once other FaxServer objects have disconnected.");
    if (host[0]) switch (error)
    {
    case ERROR_NOT_AUTHENTICATED:
        return fxs_error(denied, &IID_IFaxServer, L"No credentials for the fax server %s: set the string values User and "
                         L"Secret under HKEY_CURRENT_USER\\" FXS_REMOTE_CLIENT_KEY L"\\%s.", name, host);
    case ERROR_LOGON_FAILURE:
        return fxs_error(denied, &IID_IFaxServer, L"The fax server %s refused the credentials: unknown user or wrong "
                         L"secret.", name);
    case ERROR_CONTEXT_EXPIRED:
        return fxs_error(denied, &IID_IFaxServer, L"The fax server %s refused the answer to its challenge: it was late, "
                         L"or already used.", name);
    case ERROR_ACCESS_DENIED:
        return fxs_error(denied, &IID_IFaxServer, L"The fax server %s does not take remote sessions (remote access is "
                         L"off).", name);
    }
    return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxServer, L"The fax service could not be reached (error %lu).", error);
}

static HRESULT WINAPI server_Connect(IFaxServer2 *iface, BSTR server_name)
{
    struct fax_server *server = impl_from_IFaxServer2(iface);
    struct fxs_link_options options = { 0 };
    WCHAR host[256] = L"";
    struct fxs_link *link;
    DWORD error;

    if (!is_local_server(server_name))
    {
        if (!parse_remote_name(server_name, host, ARRAY_SIZE(host), &options.remote_port))
            return fxs_error(E_INVALIDARG, &IID_IFaxServer, L"%s is not a fax server's name: give \"host\" or "
                             L"\"host:port\".", server_name);
        options.remote_host = host;
    }
    AcquireSRWLockExclusive(&server->lock);
    if (server->link)
    {
        ReleaseSRWLockExclusive(&server->lock);
        return fxs_error(HRESULT_FROM_WIN32(ERROR_ALREADY_INITIALIZED), &IID_IFaxServer,
                         L"The FaxServer object is already connected; call Disconnect first.");
    }
    if (!(error = fxs_link_open(&options, &link)))
    {
        server->link = link;
        fxs_link_server_info(link, &server->info);
        fxs_bstr_put(&server->server_name, server_name);
    }
    ReleaseSRWLockExclusive(&server->lock);
    return error ? connect_error(error, server_name, host) : S_OK;
}

static HRESULT WINAPI server_get_ServerName(IFaxServer2 *iface, BSTR *value)
{
    struct fax_server *server = impl_from_IFaxServer2(iface);
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = NULL;
    AcquireSRWLockShared(&server->lock);
    hr = server->link ? fxs_bstr_get(server->server_name, value) : not_connected();
    ReleaseSRWLockShared(&server->lock);
    return hr;
}

static HRESULT WINAPI server_GetDeviceProviders(IFaxServer2 *iface, IFaxDeviceProviders **value)
{
    return fax_device_providers_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_GetDevices(IFaxServer2 *iface, IFaxDevices **value)
{
    return fax_devices_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_get_InboundRouting(IFaxServer2 *iface, IFaxInboundRouting **value)
{
    return fax_inbound_routing_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_get_Folders(IFaxServer2 *iface, IFaxFolders **value)
{
    return fax_folders_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_get_LoggingOptions(IFaxServer2 *iface, IFaxLoggingOptions **value)
{
    return fax_logging_options_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_get_MajorVersion(IFaxServer2 *iface, LONG *value)
{
    return get_info_long(impl_from_IFaxServer2(iface), offsetof(fxs_server_info, major_version), value);
}

static HRESULT WINAPI server_get_MinorVersion(IFaxServer2 *iface, LONG *value)
{
    return get_info_long(impl_from_IFaxServer2(iface), offsetof(fxs_server_info, minor_version), value);
}

static HRESULT WINAPI server_get_MajorBuild(IFaxServer2 *iface, LONG *value)
{
    return get_info_long(impl_from_IFaxServer2(iface), offsetof(fxs_server_info, major_build), value);
}

static HRESULT WINAPI server_get_MinorBuild(IFaxServer2 *iface, LONG *value)
{
    return get_info_long(impl_from_IFaxServer2(iface), offsetof(fxs_server_info, minor_build), value);
}

static HRESULT WINAPI server_get_Debug(IFaxServer2 *iface, VARIANT_BOOL *value)
{
    struct fax_server *server = impl_from_IFaxServer2(iface);
    fxs_server_info info = { 0 };
    HRESULT hr;

    if (!value) return E_POINTER;
    if (FAILED(hr = connected_info(server, &info))) return hr;
    *value = (info.flags & FXS_SERVER_DEBUG) ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI server_get_Activity(IFaxServer2 *iface, IFaxActivity **value)
{
    return fax_activity_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_get_OutboundRouting(IFaxServer2 *iface, IFaxOutboundRouting **value)
{
    return fax_outbound_routing_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_get_ReceiptOptions(IFaxServer2 *iface, IFaxReceiptOptions **value)
{
    return fax_receipt_options_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_get_Security(IFaxServer2 *iface, IFaxSecurity **value)
{
    return fax_security_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_Disconnect(IFaxServer2 *iface)
{
    struct fax_server *server = impl_from_IFaxServer2(iface);
    struct fxs_link *link;

    AcquireSRWLockExclusive(&server->lock);
    link = server->link;
    server->link = NULL;
    server->events = fsetNONE;
    ReleaseSRWLockExclusive(&server->lock);
    if (!link) return not_connected();
    dispatcher_remove(&server->listener);
    fxs_link_close(link);
    return S_OK;
}

static HRESULT WINAPI server_GetExtensionProperty(IFaxServer2 *iface, BSTR guid, VARIANT *value)
{
    return fxs_extension_property_get((IFaxServer *)iface, 0, guid, value, &IID_IFaxServer);
}

static HRESULT WINAPI server_SetExtensionProperty(IFaxServer2 *iface, BSTR guid, VARIANT value)
{
    return fxs_extension_property_set((IFaxServer *)iface, 0, guid, &value, &IID_IFaxServer);
}

static HRESULT WINAPI server_ListenToServerEvents(IFaxServer2 *iface, FAX_SERVER_EVENTS_TYPE_ENUM types)
{
    struct fax_server *server = impl_from_IFaxServer2(iface);
    DWORD error;

    if (types & ~ALL_SERVER_EVENTS)
        return fxs_error(E_INVALIDARG, &IID_IFaxServer, L"%#lx is not a combination of FAX_SERVER_EVENTS_TYPE_ENUM flags.",
                         (DWORD)types);
    AcquireSRWLockExclusive(&server->lock);
    if (!server->link) error = ERROR_NOT_CONNECTED;
    else if (!(error = dispatcher_listen(&server->listener, types))) server->events = types;
    ReleaseSRWLockExclusive(&server->lock);
    if (error == ERROR_NOT_CONNECTED) return not_connected();
    if (error == ERROR_ACCESS_DENIED)
        return fxs_error(E_ACCESSDENIED, &IID_IFaxServer, L"The fax service does not allow this user these events.");
    if (error) return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxServer, L"Listening failed (error %lu).", error);
    return S_OK;
}

static HRESULT WINAPI server_RegisterDeviceProvider(IFaxServer2 *iface, BSTR guid, BSTR friendly_name, BSTR image_name, BSTR tsp_name, LONG fspi_version)
{
    return fax_server_register_device_provider((IFaxServer *)iface, guid, friendly_name, image_name, tsp_name,
                                               fspi_version);
}

static HRESULT WINAPI server_UnregisterDeviceProvider(IFaxServer2 *iface, BSTR unique_name)
{
    return fax_server_unregister_device_provider((IFaxServer *)iface, unique_name);
}

static HRESULT WINAPI server_RegisterInboundRoutingExtension(IFaxServer2 *iface, BSTR extension_name, BSTR friendly_name, BSTR image_name, VARIANT methods)
{
    return fax_server_register_routing_extension((IFaxServer *)iface, extension_name, friendly_name, image_name,
                                                 &methods);
}

static HRESULT WINAPI server_UnregisterInboundRoutingExtension(IFaxServer2 *iface, BSTR extension_unique_name)
{
    return fax_server_unregister_routing_extension((IFaxServer *)iface, extension_unique_name);
}

static HRESULT WINAPI server_get_RegisteredEvents(IFaxServer2 *iface, FAX_SERVER_EVENTS_TYPE_ENUM *value)
{
    struct fax_server *server = impl_from_IFaxServer2(iface);

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&server->lock);
    *value = server->events;
    ReleaseSRWLockShared(&server->lock);
    return S_OK;
}

static HRESULT WINAPI server_get_APIVersion(IFaxServer2 *iface, FAX_SERVER_APIVERSION_ENUM *value)
{
    return get_info_long(impl_from_IFaxServer2(iface), offsetof(fxs_server_info, api_version), (LONG *)value);
}

static HRESULT WINAPI server_get_Configuration(IFaxServer2 *iface, IFaxConfiguration **value)
{
    return fax_configuration_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_get_CurrentAccount(IFaxServer2 *iface, IFaxAccount **value)
{
    return fax_account_get((IFaxServer *)iface, NULL, &IID_IFaxServer2, L"CurrentAccount", value);
}

static HRESULT WINAPI server_get_FaxAccountSet(IFaxServer2 *iface, IFaxAccountSet **value)
{
    return fax_account_set_create((IFaxServer *)iface, value);
}

static HRESULT WINAPI server_get_Security2(IFaxServer2 *iface, IFaxSecurity2 **value)
{
    return fax_security2_create((IFaxServer *)iface, value);
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

HRESULT fax_server_with_link(IFaxServer *iface, HRESULT (*fn)(struct fxs_link *link, void *context), void *context)
{
    struct fax_server *server;
    HRESULT hr;

    if (!iface || iface->lpVtbl != (const IFaxServerVtbl *)&server_vtbl)
        return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"The FaxServer given is not one of this library's.");
    server = impl_from_IFaxServer2((IFaxServer2 *)iface);
    /* Held shared while fn runs: Disconnect waits for it. */
    AcquireSRWLockShared(&server->lock);
    hr = server->link ? fn(server->link, context) : not_connected();
    ReleaseSRWLockShared(&server->lock);
    return hr;
}

HRESULT fax_server_create(IUnknown *outer, REFIID riid, void **obj)
{
    struct fax_server *server;
    HRESULT hr;

    if (!(server = calloc(1, sizeof(*server)))) return E_OUTOFMEMORY;
    server->IFaxServer2_iface.lpVtbl = &server_vtbl;
    server->refcount = 1;
    fxs_class_info_init(&server->class_info, (IUnknown *)&server->IFaxServer2_iface, &CLSID_FaxServer,
                        &DIID_IFaxServerNotify2, server_error_iids);
    InitializeSRWLock(&server->lock);
    connection_point_init(&server->notify2, &server->container.IConnectionPointContainer_iface, &DIID_IFaxServerNotify2);
    connection_point_init(&server->notify, &server->container.IConnectionPointContainer_iface, &DIID_IFaxServerNotify);
    server->listener.acquire = server_acquire;
    server->listener.deliver = server_deliver;
    server->listener.release = server_release;
    CoCreateFreeThreadedMarshaler((IUnknown *)&server->IFaxServer2_iface, &server->marshaler);
    server->points[0] = &server->notify2;
    server->points[1] = &server->notify;
    connection_point_container_init(&server->container, (IUnknown *)&server->IFaxServer2_iface, server->points,
                                    ARRAY_SIZE(server->points));
    fxs_module_addref();

    hr = IFaxServer2_QueryInterface(&server->IFaxServer2_iface, riid, obj);
    IFaxServer2_Release(&server->IFaxServer2_iface);
    return hr;
}
