/*
 * A read-only collection of objects, for the collections whose interfaces have the same shape
 * (_NewEnum, Item, Count): FaxInboundRoutingExtensions, FaxInboundRoutingMethods,
 * FaxDeviceProviders. Item takes a 1-based index or an item's key (a unique name or a GUID,
 * case ignored). The items are a snapshot made when the collection was.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"

struct collection;

/* The layout every one of those interfaces' vtables has. */
struct collection_vtbl
{
    HRESULT (WINAPI *QueryInterface)(IDispatch *iface, REFIID riid, void **obj);
    ULONG (WINAPI *AddRef)(IDispatch *iface);
    ULONG (WINAPI *Release)(IDispatch *iface);
    HRESULT (WINAPI *GetTypeInfoCount)(IDispatch *iface, UINT *count);
    HRESULT (WINAPI *GetTypeInfo)(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **typeinfo);
    HRESULT (WINAPI *GetIDsOfNames)(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                    DISPID *ids);
    HRESULT (WINAPI *Invoke)(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                             DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err);
    HRESULT (WINAPI *get__NewEnum)(IDispatch *iface, IUnknown **result);
    HRESULT (WINAPI *get_Item)(IDispatch *iface, VARIANT index, IDispatch **result);
    HRESULT (WINAPI *get_Count)(IDispatch *iface, LONG *count);
};

struct collection
{
    IDispatch IDispatch_iface;          /* with a struct collection_vtbl */
    struct fxs_class_info class_info;
    IUnknown *marshaler;                /* the free-threaded marshaler, aggregated */
    LONG refcount;
    const IID *iid;
    const IID *error_iids[2];
    const WCHAR *item_name;             /* for error descriptions: "routing method" */
    IDispatch **items;                  /* immutable once made: no lock */
    BSTR *keys;
    LONG count;
};

static inline struct collection *impl_from_IDispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct collection, IDispatch_iface);
}

static HRESULT WINAPI collection_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    struct collection *collection = impl_from_IDispatch(iface);

    if (obj && IsEqualIID(riid, &IID_IMarshal) && collection->marshaler)
        return IUnknown_QueryInterface(collection->marshaler, riid, obj);
    return fxs_class_info_query(&collection->class_info, &collection->IDispatch_iface, riid, obj);
}

static ULONG WINAPI collection_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&impl_from_IDispatch(iface)->refcount);
}

void fxs_collection_free_items(IDispatch **items, BSTR *keys, LONG count)
{
    LONG i;

    for (i = 0; i < count; i++)
    {
        if (items && items[i]) IDispatch_Release(items[i]);
        if (keys) SysFreeString(keys[i]);
    }
    free(items);
    free(keys);
}

static ULONG WINAPI collection_Release(IDispatch *iface)
{
    struct collection *collection = impl_from_IDispatch(iface);
    ULONG refcount = InterlockedDecrement(&collection->refcount);

    if (!refcount)
    {
        if (collection->marshaler) IUnknown_Release(collection->marshaler);
        fxs_collection_free_items(collection->items, collection->keys, collection->count);
        free(collection);
        fxs_module_release();
    }
    return refcount;
}

static const IID *collection_iid(IDispatch *iface)
{
    return impl_from_IDispatch(iface)->iid;
}

FXS_DISPATCH_METHODS_OF(collection, IDispatch, collection_iid)

static HRESULT WINAPI collection_get__NewEnum(IDispatch *iface, IUnknown **result)
{
    struct collection *collection = impl_from_IDispatch(iface);
    return fxs_enum_variant_create(collection->items, collection->count, result);
}

static HRESULT WINAPI collection_get_Item(IDispatch *iface, VARIANT index, IDispatch **result)
{
    struct collection *collection = impl_from_IDispatch(iface);
    LONG number, i;
    BSTR key;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_collection_index(&index, collection->iid, &number, &key))) return hr;
    if (key)
    {
        for (i = 0; i < collection->count && !number; i++)
            if (!_wcsicmp(collection->keys[i], key)) number = i + 1;
        if (!number)
            hr = fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_FOUND), collection->iid, L"There is no %s \"%s\".",
                           collection->item_name, key);
        SysFreeString(key);
        if (FAILED(hr)) return hr;
    }
    if (number < 1 || number > collection->count)
        return fxs_error(E_INVALIDARG, collection->iid, L"There is no %s %ld: the collection has %ld, numbered from 1.",
                         collection->item_name, number, collection->count);
    *result = collection->items[number - 1];
    IDispatch_AddRef(*result);
    return S_OK;
}

static HRESULT WINAPI collection_get_Count(IDispatch *iface, LONG *count)
{
    if (!count) return E_POINTER;
    *count = impl_from_IDispatch(iface)->count;
    return S_OK;
}

static const struct collection_vtbl collection_vtbl =
{
    collection_QueryInterface,
    collection_AddRef,
    collection_Release,
    collection_GetTypeInfoCount,
    collection_GetTypeInfo,
    collection_GetIDsOfNames,
    collection_Invoke,
    collection_get__NewEnum,
    collection_get_Item,
    collection_get_Count,
};

HRESULT fxs_collection_create(const CLSID *clsid, const IID *iid, const WCHAR *item_name, IDispatch **items,
                              BSTR *keys, LONG count, void **result)
{
    struct collection *collection;

    *result = NULL;
    if (!(collection = calloc(1, sizeof(*collection))))
    {
        fxs_collection_free_items(items, keys, count);
        return E_OUTOFMEMORY;
    }
    collection->IDispatch_iface.lpVtbl = (const IDispatchVtbl *)&collection_vtbl;
    collection->refcount = 1;
    collection->iid = iid;
    collection->error_iids[0] = iid;
    collection->item_name = item_name;
    collection->items = items;
    collection->keys = keys;
    collection->count = count;
    fxs_class_info_init(&collection->class_info, (IUnknown *)&collection->IDispatch_iface, clsid, NULL,
                        collection->error_iids);
    CoCreateFreeThreadedMarshaler((IUnknown *)&collection->IDispatch_iface, &collection->marshaler);
    fxs_module_addref();
    *result = &collection->IDispatch_iface;
    return S_OK;
}
