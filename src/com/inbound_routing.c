/*
 * FaxServer.InboundRouting: FaxInboundRouting, whose GetExtensions and GetMethods list the
 * service's inbound routing extensions and methods (fxs_list_routing_methods) as snapshot
 * collections: extensions by UniqueName, methods in the order of their priorities, by GUID.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_routing_info.h"

struct inbound_routing
{
    IFaxInboundRouting IFaxInboundRouting_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;
};

static const IID * const inbound_routing_error_iids[] = { &IID_IFaxInboundRouting, NULL };

static inline struct inbound_routing *impl_from_IFaxInboundRouting(IFaxInboundRouting *iface)
{
    return CONTAINING_RECORD(iface, struct inbound_routing, IFaxInboundRouting_iface);
}

static HRESULT WINAPI inbound_routing_QueryInterface(IFaxInboundRouting *iface, REFIID riid, void **obj)
{
    struct inbound_routing *routing = impl_from_IFaxInboundRouting(iface);

    if (obj && IsEqualIID(riid, &IID_IMarshal) && routing->marshaler)
        return IUnknown_QueryInterface(routing->marshaler, riid, obj);
    return fxs_class_info_query(&routing->class_info, &routing->IFaxInboundRouting_iface, riid, obj);
}

static ULONG WINAPI inbound_routing_AddRef(IFaxInboundRouting *iface)
{
    return InterlockedIncrement(&impl_from_IFaxInboundRouting(iface)->refcount);
}

static ULONG WINAPI inbound_routing_Release(IFaxInboundRouting *iface)
{
    struct inbound_routing *routing = impl_from_IFaxInboundRouting(iface);
    ULONG refcount = InterlockedDecrement(&routing->refcount);

    if (!refcount)
    {
        if (routing->marshaler) IUnknown_Release(routing->marshaler);
        IFaxServer_Release(routing->server);
        free(routing);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(inbound_routing, IFaxInboundRouting, IID_IFaxInboundRouting)

struct methods_call
{
    DWORD count;
    fxs_routing_method_info *methods;
};

static DWORD list_methods(void *session, void *context)
{
    struct methods_call *call = context;
    return fxs_rpc_list_routing_methods(session, &call->count, &call->methods);
}

HRESULT fxs_routing_methods_list(IFaxServer *server, REFIID iid, DWORD *count, fxs_routing_method_info **methods)
{
    struct methods_call call = { 0 };
    DWORD error;
    HRESULT hr;

    *count = 0;
    *methods = NULL;
    if (FAILED(hr = fxs_service_call(server, list_methods, &call, &error))) return hr;
    if (error) return fxs_service_error(error, iid, L"Listing the inbound routing methods");
    *count = call.count;
    *methods = call.methods;
    return S_OK;
}

/* One item per extension, in the order of its first method. */
static HRESULT make_extensions(const fxs_routing_method_info *methods, DWORD count, IDispatch **items, BSTR *keys,
                               LONG *made)
{
    HRESULT hr = S_OK;
    DWORD i, j;

    *made = 0;
    for (i = 0; i < count && SUCCEEDED(hr); i++)
    {
        for (j = 0; j < i && lstrcmpW(methods[j].extension_unique_name, methods[i].extension_unique_name); j++) ;
        if (j < i) continue;
        if (SUCCEEDED(hr = fax_routing_extension_create(methods, count, methods[i].extension_unique_name,
                                                        &items[*made])))
        {
            if (!(keys[*made] = SysAllocString(methods[i].extension_unique_name))) hr = E_OUTOFMEMORY;
            (*made)++;
        }
    }
    return hr;
}

static HRESULT make_methods(IFaxServer *server, const fxs_routing_method_info *methods, DWORD count, IDispatch **items,
                            BSTR *keys, LONG *made)
{
    HRESULT hr = S_OK;
    DWORD i;

    *made = 0;
    for (i = 0; i < count && SUCCEEDED(hr); i++)
        if (SUCCEEDED(hr = fax_routing_method_create(server, &methods[i], &items[*made])))
        {
            if (!(keys[*made] = SysAllocString(methods[i].guid))) hr = E_OUTOFMEMORY;
            (*made)++;
        }
    return hr;
}

static HRESULT make_collection(IFaxInboundRouting *iface, BOOL extensions, void **result)
{
    struct inbound_routing *routing = impl_from_IFaxInboundRouting(iface);
    fxs_routing_method_info *methods;
    IDispatch **items = NULL;
    BSTR *keys = NULL;
    DWORD count;
    LONG made = 0;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_routing_methods_list(routing->server, &IID_IFaxInboundRouting, &count, &methods))) return hr;
    if (!(items = calloc(count + 1, sizeof(*items))) || !(keys = calloc(count + 1, sizeof(*keys)))) hr = E_OUTOFMEMORY;
    else if (extensions) hr = make_extensions(methods, count, items, keys, &made);
    else hr = make_methods(routing->server, methods, count, items, keys, &made);
    fxs_routing_method_infos_free(methods, count);
    if (FAILED(hr))
    {
        fxs_collection_free_items(items, keys, keys ? made : 0);
        return hr;
    }
    if (extensions)
        return fxs_collection_create(&CLSID_FaxInboundRoutingExtensions, &IID_IFaxInboundRoutingExtensions,
                                     L"inbound routing extension", items, keys, made, result);
    return fxs_collection_create(&CLSID_FaxInboundRoutingMethods, &IID_IFaxInboundRoutingMethods,
                                 L"inbound routing method", items, keys, made, result);
}

static HRESULT WINAPI inbound_routing_GetExtensions(IFaxInboundRouting *iface, IFaxInboundRoutingExtensions **result)
{
    return make_collection(iface, TRUE, (void **)result);
}

static HRESULT WINAPI inbound_routing_GetMethods(IFaxInboundRouting *iface, IFaxInboundRoutingMethods **result)
{
    return make_collection(iface, FALSE, (void **)result);
}

static const IFaxInboundRoutingVtbl inbound_routing_vtbl =
{
    inbound_routing_QueryInterface,
    inbound_routing_AddRef,
    inbound_routing_Release,
    inbound_routing_GetTypeInfoCount,
    inbound_routing_GetTypeInfo,
    inbound_routing_GetIDsOfNames,
    inbound_routing_Invoke,
    inbound_routing_GetExtensions,
    inbound_routing_GetMethods,
};

HRESULT fax_inbound_routing_create(IFaxServer *server, IFaxInboundRouting **result)
{
    struct inbound_routing *routing;

    if (!result) return E_POINTER;
    *result = NULL;
    if (!(routing = calloc(1, sizeof(*routing)))) return E_OUTOFMEMORY;
    routing->IFaxInboundRouting_iface.lpVtbl = &inbound_routing_vtbl;
    routing->refcount = 1;
    routing->server = server;
    IFaxServer_AddRef(server);
    fxs_class_info_init(&routing->class_info, (IUnknown *)&routing->IFaxInboundRouting_iface, &CLSID_FaxInboundRouting,
                        NULL, inbound_routing_error_iids);
    CoCreateFreeThreadedMarshaler((IUnknown *)&routing->IFaxInboundRouting_iface, &routing->marshaler);
    fxs_module_addref();
    *result = &routing->IFaxInboundRouting_iface;
    return S_OK;
}
