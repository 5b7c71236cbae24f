/*
 * FaxInboundRoutingMethod: an inbound routing method of the service, a snapshot taken when
 * GetMethods ran or at Refresh. Priority is the one setting: Save puts the method at that place
 * in the service's order (1 is called first), the others keeping their order around it, through
 * the "config.inbound_routing" record.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_routing_info.h"
#include "../svc/record.h"

struct routing_method
{
    IFaxInboundRoutingMethod IFaxInboundRoutingMethod_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;
    BSTR guid;                      /* immutable: the method's identity */
    SRWLOCK lock;                   /* the rest */
    BSTR name, function_name, extension_friendly_name, extension_image_name;
    LONG priority;
};

static const IID * const method_error_iids[] = { &IID_IFaxInboundRoutingMethod, NULL };

static inline struct routing_method *impl_from_IFaxInboundRoutingMethod(IFaxInboundRoutingMethod *iface)
{
    return CONTAINING_RECORD(iface, struct routing_method, IFaxInboundRoutingMethod_iface);
}

static HRESULT WINAPI method_QueryInterface(IFaxInboundRoutingMethod *iface, REFIID riid, void **obj)
{
    struct routing_method *method = impl_from_IFaxInboundRoutingMethod(iface);

    if (obj && IsEqualIID(riid, &IID_IMarshal) && method->marshaler)
        return IUnknown_QueryInterface(method->marshaler, riid, obj);
    return fxs_class_info_query(&method->class_info, &method->IFaxInboundRoutingMethod_iface, riid, obj);
}

static ULONG WINAPI method_AddRef(IFaxInboundRoutingMethod *iface)
{
    return InterlockedIncrement(&impl_from_IFaxInboundRoutingMethod(iface)->refcount);
}

static void clear_snapshot(struct routing_method *method)
{
    SysFreeString(method->name);
    SysFreeString(method->function_name);
    SysFreeString(method->extension_friendly_name);
    SysFreeString(method->extension_image_name);
    method->name = method->function_name = method->extension_friendly_name = method->extension_image_name = NULL;
}

static ULONG WINAPI method_Release(IFaxInboundRoutingMethod *iface)
{
    struct routing_method *method = impl_from_IFaxInboundRoutingMethod(iface);
    ULONG refcount = InterlockedDecrement(&method->refcount);

    if (!refcount)
    {
        if (method->marshaler) IUnknown_Release(method->marshaler);
        IFaxServer_Release(method->server);
        clear_snapshot(method);
        SysFreeString(method->guid);
        free(method);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(method, IFaxInboundRoutingMethod, IID_IFaxInboundRoutingMethod)

#define METHOD_STRING(name, field) \
    static HRESULT WINAPI method_get_##name(IFaxInboundRoutingMethod *iface, BSTR *value) \
    { \
        struct routing_method *method = impl_from_IFaxInboundRoutingMethod(iface); \
        return fxs_bstr_get_locked(&method->lock, &method->field, value); \
    }

METHOD_STRING(Name, name)
METHOD_STRING(FunctionName, function_name)
METHOD_STRING(ExtensionFriendlyName, extension_friendly_name)
METHOD_STRING(ExtensionImageName, extension_image_name)

static HRESULT WINAPI method_get_GUID(IFaxInboundRoutingMethod *iface, BSTR *value)
{
    return fxs_bstr_get(impl_from_IFaxInboundRoutingMethod(iface)->guid, value);
}

static HRESULT WINAPI method_get_Priority(IFaxInboundRoutingMethod *iface, LONG *value)
{
    struct routing_method *method = impl_from_IFaxInboundRoutingMethod(iface);

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&method->lock);
    *value = method->priority;
    ReleaseSRWLockShared(&method->lock);
    return S_OK;
}

static HRESULT WINAPI method_put_Priority(IFaxInboundRoutingMethod *iface, LONG value)
{
    struct routing_method *method = impl_from_IFaxInboundRoutingMethod(iface);

    if (value < 1)
        return fxs_error(E_INVALIDARG, &IID_IFaxInboundRoutingMethod,
                         L"Priority %ld is out of range: priorities start at 1 (called first).", value);
    AcquireSRWLockExclusive(&method->lock);
    method->priority = value;
    ReleaseSRWLockExclusive(&method->lock);
    return S_OK;
}

/* Takes the facts of info, except the GUID. */
static HRESULT take_snapshot(struct routing_method *method, const fxs_routing_method_info *info)
{
    BSTR name = SysAllocString(info->name), function_name = SysAllocString(info->function_name);
    BSTR friendly = SysAllocString(info->extension_friendly_name), image = SysAllocString(info->extension_image_name);

    if (!name || !function_name || !friendly || !image)
    {
        SysFreeString(name);
        SysFreeString(function_name);
        SysFreeString(friendly);
        SysFreeString(image);
        return E_OUTOFMEMORY;
    }
    AcquireSRWLockExclusive(&method->lock);
    clear_snapshot(method);
    method->name = name;
    method->function_name = function_name;
    method->extension_friendly_name = friendly;
    method->extension_image_name = image;
    method->priority = info->priority;
    ReleaseSRWLockExclusive(&method->lock);
    return S_OK;
}

static HRESULT method_gone(struct routing_method *method)
{
    return fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_FOUND), &IID_IFaxInboundRoutingMethod,
                     L"The fax service has no inbound routing method %s (any more).", method->guid);
}

static DWORD index_of(const fxs_routing_method_info *methods, DWORD count, const WCHAR *guid)
{
    DWORD i;
    for (i = 0; i < count && lstrcmpiW(methods[i].guid, guid); i++) ;
    return i;
}

static HRESULT WINAPI method_Refresh(IFaxInboundRoutingMethod *iface)
{
    struct routing_method *method = impl_from_IFaxInboundRoutingMethod(iface);
    fxs_routing_method_info *methods;
    DWORD count, i;
    HRESULT hr;

    if (FAILED(hr = fxs_routing_methods_list(method->server, &IID_IFaxInboundRoutingMethod, &count, &methods)))
        return hr;
    if ((i = index_of(methods, count, method->guid)) == count) hr = method_gone(method);
    else hr = take_snapshot(method, &methods[i]);
    fxs_routing_method_infos_free(methods, count);
    return hr;
}

void fxs_routing_method_key(const WCHAR *guid, char key[37])
{
    unsigned int i, n = 0;

    for (i = 0; guid[i] && n < 36; i++)
    {
        WCHAR c = guid[i];
        if (c == '{' || c == '}') continue;
        key[n++] = c == '-' ? '_' : (char)tolower(c);
    }
    key[n] = 0;
}

/* The service's order (methods come in it) with this method moved to place priority. */
static record_status add_priorities(record *rec, const fxs_routing_method_info *methods, DWORD count, DWORD self,
                                    LONG priority)
{
    record_status status = RECORD_OK;
    char key[RECORD_MAX_KEY + 1], guid_key[37];
    LONG place = 1;
    DWORD i;

    for (i = 0; i < count && !status; i++)
    {
        if (i == self) continue;
        if (place == priority) place++;
        fxs_routing_method_key(methods[i].guid, guid_key);
        snprintf(key, sizeof(key), "method.%s.priority", guid_key);
        status = record_add_u64(rec, key, place++);
    }
    fxs_routing_method_key(methods[self].guid, guid_key);
    snprintf(key, sizeof(key), "method.%s.priority", guid_key);
    if (!status) status = record_add_u64(rec, key, priority);
    return status;
}

struct set_call
{
    DWORD size;
    BYTE *record;
};

static DWORD set_routing(void *session, void *context)
{
    struct set_call *call = context;
    return fxs_rpc_set_config(session, FXS_CONFIG_INBOUND_ROUTING, call->size, call->record);
}

static HRESULT WINAPI method_Save(IFaxInboundRoutingMethod *iface)
{
    struct routing_method *method = impl_from_IFaxInboundRoutingMethod(iface);
    fxs_routing_method_info *methods;
    struct set_call call = { 0 };
    record_status status;
    record *rec = NULL;
    DWORD count, self, error;
    size_t size = 0;
    LONG priority;
    HRESULT hr;

    if (FAILED(hr = fxs_routing_methods_list(method->server, &IID_IFaxInboundRoutingMethod, &count, &methods)))
        return hr;
    AcquireSRWLockShared(&method->lock);
    priority = method->priority;
    ReleaseSRWLockShared(&method->lock);
    if ((self = index_of(methods, count, method->guid)) == count) hr = method_gone(method);
    else if (priority < 1 || priority > (LONG)count)
        hr = fxs_error(E_INVALIDARG, &IID_IFaxInboundRoutingMethod, L"Priority %ld is out of range: the fax service "
                       L"has %lu inbound routing method(s), with priorities 1 to %lu.", priority, count, count);
    else if ((status = record_create("config.inbound_routing", &rec)) ||
             (status = add_priorities(rec, methods, count, self, priority)) ||
             (status = record_serialize(rec, &call.record, &size)))
        hr = E_OUTOFMEMORY;
    record_free(rec);
    fxs_routing_method_infos_free(methods, count);
    if (FAILED(hr)) return hr;
    call.size = (DWORD)size;
    hr = fxs_service_call(method->server, set_routing, &call, &error);
    free(call.record);
    if (SUCCEEDED(hr) && error == ERROR_ACCESS_DENIED)
        return fxs_error(E_ACCESSDENIED, &IID_IFaxInboundRoutingMethod, L"Saving the priority of %s failed: the fax "
                         L"service allows changing the configuration to administrators only.", method->guid);
    if (SUCCEEDED(hr) && error) hr = fxs_service_error(error, &IID_IFaxInboundRoutingMethod, L"Save");
    return hr;
}

static const IFaxInboundRoutingMethodVtbl method_vtbl =
{
    method_QueryInterface,
    method_AddRef,
    method_Release,
    method_GetTypeInfoCount,
    method_GetTypeInfo,
    method_GetIDsOfNames,
    method_Invoke,
    method_get_Name,
    method_get_GUID,
    method_get_FunctionName,
    method_get_ExtensionFriendlyName,
    method_get_ExtensionImageName,
    method_get_Priority,
    method_put_Priority,
    method_Refresh,
    method_Save,
};

HRESULT fax_routing_method_create(IFaxServer *server, const fxs_routing_method_info *info, IDispatch **result)
{
    struct routing_method *method;
    HRESULT hr;

    *result = NULL;
    if (!(method = calloc(1, sizeof(*method)))) return E_OUTOFMEMORY;
    method->IFaxInboundRoutingMethod_iface.lpVtbl = &method_vtbl;
    method->refcount = 1;
    method->server = server;
    IFaxServer_AddRef(server);
    InitializeSRWLock(&method->lock);
    fxs_class_info_init(&method->class_info, (IUnknown *)&method->IFaxInboundRoutingMethod_iface,
                        &CLSID_FaxInboundRoutingMethod, NULL, method_error_iids);
    CoCreateFreeThreadedMarshaler((IUnknown *)&method->IFaxInboundRoutingMethod_iface, &method->marshaler);
    fxs_module_addref();
    if (!(method->guid = SysAllocString(info->guid)) || FAILED(hr = take_snapshot(method, info)))
    {
        method_Release(&method->IFaxInboundRoutingMethod_iface);
        return E_OUTOFMEMORY;
    }
    *result = (IDispatch *)&method->IFaxInboundRoutingMethod_iface;
    return S_OK;
}
