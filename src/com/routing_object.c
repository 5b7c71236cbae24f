/*
 * The part every outbound routing object shares: COM identity, class info, error info, the
 * free-threaded marshaler and the FaxServer it came from.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "routing_config.h"

void routing_object_init(struct routing_object *object, IUnknown *iface, const CLSID *clsid,
                         const IID * const *error_iids, IFaxServer *server, void (*destroy)(struct routing_object *))
{
    object->refcount = 1;
    object->server = server;
    IFaxServer_AddRef(server);
    object->destroy = destroy;
    fxs_class_info_init(&object->class_info, iface, clsid, NULL, error_iids);
    CoCreateFreeThreadedMarshaler(iface, &object->marshaler);
    fxs_module_addref();
}

HRESULT routing_object_query(struct routing_object *object, void *iface, REFIID riid, void **obj)
{
    if (obj && IsEqualIID(riid, &IID_IMarshal) && object->marshaler)
        return IUnknown_QueryInterface(object->marshaler, riid, obj);
    return fxs_class_info_query(&object->class_info, iface, riid, obj);
}

ULONG routing_object_release(struct routing_object *object)
{
    ULONG refcount = InterlockedDecrement(&object->refcount);

    if (!refcount)
    {
        if (object->marshaler) IUnknown_Release(object->marshaler);
        IFaxServer_Release(object->server);
        object->destroy(object);
        fxs_module_release();
    }
    return refcount;
}

/* ---- the snapshot of a collection ---- */

void routing_list_init(struct routing_list *list)
{
    memset(list, 0, sizeof(*list));
    InitializeSRWLock(&list->lock);
}

void routing_list_clear(struct routing_list *list)
{
    LONG i;

    for (i = 0; i < list->count; i++) IDispatch_Release(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = list->size = 0;
}

HRESULT routing_list_append(struct routing_list *list, IDispatch *item)
{
    IDispatch **items;
    HRESULT hr = S_OK;

    AcquireSRWLockExclusive(&list->lock);
    if (list->count == list->size)
    {
        if ((items = realloc(list->items, (list->size * 2 + 4) * sizeof(*items))))
        {
            list->items = items;
            list->size = list->size * 2 + 4;
        }
        else hr = E_OUTOFMEMORY;
    }
    if (SUCCEEDED(hr))
    {
        list->items[list->count++] = item;
        IDispatch_AddRef(item);
    }
    ReleaseSRWLockExclusive(&list->lock);
    return hr;
}

HRESULT routing_list_enum(struct routing_list *list, IUnknown **result)
{
    HRESULT hr;

    AcquireSRWLockShared(&list->lock);
    hr = fxs_enum_variant_create(list->items, list->count, result);
    ReleaseSRWLockShared(&list->lock);
    return hr;
}

HRESULT routing_list_count(struct routing_list *list, LONG *count)
{
    if (!count) return E_POINTER;
    AcquireSRWLockShared(&list->lock);
    *count = list->count;
    ReleaseSRWLockShared(&list->lock);
    return S_OK;
}

IDispatch *routing_list_at(struct routing_list *list, LONG index, LONG *count)
{
    IDispatch *item = NULL;

    AcquireSRWLockShared(&list->lock);
    *count = list->count;
    if (index >= 1 && index <= list->count)
    {
        item = list->items[index - 1];
        IDispatch_AddRef(item);
    }
    ReleaseSRWLockShared(&list->lock);
    return item;
}

IDispatch *routing_list_find(struct routing_list *list, routing_match match, const void *context)
{
    IDispatch *item = NULL;
    LONG i;

    AcquireSRWLockShared(&list->lock);
    for (i = 0; i < list->count && !item; i++)
        if (match(list->items[i], context)) item = list->items[i];
    if (item) IDispatch_AddRef(item);
    ReleaseSRWLockShared(&list->lock);
    return item;
}

void routing_list_drop(struct routing_list *list, routing_match match, const void *context)
{
    IDispatch *dropped = NULL;
    LONG i;

    AcquireSRWLockExclusive(&list->lock);
    for (i = 0; i < list->count && !dropped; i++)
        if (match(list->items[i], context)) dropped = list->items[i];
    for (; dropped && i < list->count; i++) list->items[i - 1] = list->items[i];
    if (dropped) list->count--;
    ReleaseSRWLockExclusive(&list->lock);
    if (dropped) IDispatch_Release(dropped);
}
