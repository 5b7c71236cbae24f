/*
 * Named items the command line declares (//object:Name=ProgID), as a .wsf file's <object> element
 * does in Windows Script Host: the object exists before the script runs, under that name, so that
 * JScript's `function Name::Event()` handlers can be bound to its events.
 *
 * Wine's JScript binds such a handler by asking the named item for IBindEventHandler (it does not
 * look at the item's connection points itself), so the engine is given a wrapper: an IDispatch that
 * forwards every call to the object, with an IBindEventHandler that advises a sink of the host's.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include "host.h"

struct item_wrapper
{
    IDispatch IDispatch_iface;
    IBindEventHandler IBindEventHandler_iface;
    LONG refcount;
    IDispatch *object;
};

static struct host_item *items;

static inline struct item_wrapper *impl_from_IDispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct item_wrapper, IDispatch_iface);
}

static inline struct item_wrapper *impl_from_IBindEventHandler(IBindEventHandler *iface)
{
    return CONTAINING_RECORD(iface, struct item_wrapper, IBindEventHandler_iface);
}

static HRESULT WINAPI wrapper_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    struct item_wrapper *wrapper = impl_from_IDispatch(iface);

    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch)) *obj = &wrapper->IDispatch_iface;
    else if (IsEqualIID(riid, &IID_IBindEventHandler)) *obj = &wrapper->IBindEventHandler_iface;
    else return IDispatch_QueryInterface(wrapper->object, riid, obj);   /* the object's own interfaces */
    IDispatch_AddRef(&wrapper->IDispatch_iface);
    return S_OK;
}

static ULONG WINAPI wrapper_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&impl_from_IDispatch(iface)->refcount);
}

static ULONG WINAPI wrapper_Release(IDispatch *iface)
{
    struct item_wrapper *wrapper = impl_from_IDispatch(iface);
    ULONG refcount = InterlockedDecrement(&wrapper->refcount);

    if (!refcount)
    {
        IDispatch_Release(wrapper->object);
        free(wrapper);
    }
    return refcount;
}

static HRESULT WINAPI wrapper_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    return IDispatch_GetTypeInfoCount(impl_from_IDispatch(iface)->object, count);
}

static HRESULT WINAPI wrapper_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    return IDispatch_GetTypeInfo(impl_from_IDispatch(iface)->object, index, lcid, info);
}

static HRESULT WINAPI wrapper_GetIDsOfNames(IDispatch *iface, REFIID riid, OLECHAR **names, UINT count, LCID lcid,
                                            DISPID *ids)
{
    return IDispatch_GetIDsOfNames(impl_from_IDispatch(iface)->object, riid, names, count, lcid, ids);
}

static HRESULT WINAPI wrapper_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                     DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    return IDispatch_Invoke(impl_from_IDispatch(iface)->object, id, riid, lcid, flags, params, result, excepinfo,
                            arg_err);
}

static const IDispatchVtbl wrapper_vtbl =
{
    wrapper_QueryInterface,
    wrapper_AddRef,
    wrapper_Release,
    wrapper_GetTypeInfoCount,
    wrapper_GetTypeInfo,
    wrapper_GetIDsOfNames,
    wrapper_Invoke,
};

static HRESULT WINAPI bind_QueryInterface(IBindEventHandler *iface, REFIID riid, void **obj)
{
    return wrapper_QueryInterface(&impl_from_IBindEventHandler(iface)->IDispatch_iface, riid, obj);
}

static ULONG WINAPI bind_AddRef(IBindEventHandler *iface)
{
    return wrapper_AddRef(&impl_from_IBindEventHandler(iface)->IDispatch_iface);
}

static ULONG WINAPI bind_Release(IBindEventHandler *iface)
{
    return wrapper_Release(&impl_from_IBindEventHandler(iface)->IDispatch_iface);
}

static HRESULT WINAPI bind_BindHandler(IBindEventHandler *iface, LPCOLESTR event_name, IDispatch *handler)
{
    struct item_wrapper *wrapper = impl_from_IBindEventHandler(iface);
    WCHAR text[512];
    HRESULT hr;

    if (!event_name || !handler) return E_POINTER;
    if (FAILED(hr = events_bind_handler(wrapper->object, event_name, handler)))
    {
        /* the engine only traces the failure: say it, as cscript says a failed connection */
        swprintf(text, ARRAY_SIZE(text), L"%ls: could not bind the handler of event %ls (error 0x%08lx)",
                 host.script_full_name, event_name, hr);
        host_write(STD_ERROR_HANDLE, text, TRUE);
        host.error_reported = TRUE;
    }
    return hr;
}

static const IBindEventHandlerVtbl bind_vtbl =
{
    bind_QueryInterface,
    bind_AddRef,
    bind_Release,
    bind_BindHandler,
};

HRESULT item_create(const WCHAR *name, const WCHAR *progid, struct host_item **result)
{
    struct item_wrapper *wrapper;
    struct host_item *item;
    IDispatch *object;
    CLSID clsid;
    HRESULT hr;

    if (FAILED(hr = CLSIDFromProgID(progid, &clsid))) return hr;
    if (FAILED(hr = CoCreateInstance(&clsid, NULL, CLSCTX_SERVER, &IID_IDispatch, (void **)&object))) return hr;
    item = calloc(1, sizeof(*item));
    wrapper = calloc(1, sizeof(*wrapper));
    if (!item || !wrapper || !(item->name = _wcsdup(name)))
    {
        free(wrapper);
        free(item);
        IDispatch_Release(object);
        return E_OUTOFMEMORY;
    }
    wrapper->IDispatch_iface.lpVtbl = &wrapper_vtbl;
    wrapper->IBindEventHandler_iface.lpVtbl = &bind_vtbl;
    wrapper->refcount = 1;
    wrapper->object = object;
    item->object = object;
    item->wrapper = &wrapper->IDispatch_iface;
    item->next = items;
    items = item;
    *result = item;
    return S_OK;
}

IUnknown *item_lookup(const WCHAR *name)
{
    struct host_item *item;

    for (item = items; item; item = item->next)
        if (!_wcsicmp(item->name, name)) return (IUnknown *)item->wrapper;
    return NULL;
}

void item_release_all(void)
{
    struct host_item *item;

    while ((item = items))
    {
        items = item->next;
        IDispatch_Release(item->wrapper);
        free(item->name);
        free(item);
    }
}
