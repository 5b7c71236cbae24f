/*
 * IEnumVARIANT over a snapshot of objects (or of numbers, for FaxDeviceIds): what every
 * collection's _NewEnum returns, so that `For Each` works in VB and scripts.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"

struct enum_variant
{
    IEnumVARIANT IEnumVARIANT_iface;
    LONG refcount;
    VARIANT *items;         /* VT_DISPATCH (each holds a reference) or VT_I4 */
    ULONG count, position;
};

static HRESULT enum_variant_create(const VARIANT *items, ULONG count, IUnknown **result);

static inline struct enum_variant *impl_from_IEnumVARIANT(IEnumVARIANT *iface)
{
    return CONTAINING_RECORD(iface, struct enum_variant, IEnumVARIANT_iface);
}

static HRESULT WINAPI enum_variant_QueryInterface(IEnumVARIANT *iface, REFIID riid, void **obj)
{
    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IEnumVARIANT))
    {
        *obj = iface;
        IEnumVARIANT_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI enum_variant_AddRef(IEnumVARIANT *iface)
{
    return InterlockedIncrement(&impl_from_IEnumVARIANT(iface)->refcount);
}

static ULONG WINAPI enum_variant_Release(IEnumVARIANT *iface)
{
    struct enum_variant *enumerator = impl_from_IEnumVARIANT(iface);
    ULONG refcount = InterlockedDecrement(&enumerator->refcount), i;

    if (!refcount)
    {
        for (i = 0; i < enumerator->count; i++) VariantClear(&enumerator->items[i]);
        free(enumerator->items);
        free(enumerator);
        fxs_module_release();
    }
    return refcount;
}

static HRESULT WINAPI enum_variant_Next(IEnumVARIANT *iface, ULONG count, VARIANT *items, ULONG *fetched)
{
    struct enum_variant *enumerator = impl_from_IEnumVARIANT(iface);
    ULONG done = 0;

    if (!items) return E_POINTER;
    while (done < count && enumerator->position < enumerator->count)
    {
        VariantInit(&items[done]);
        VariantCopy(&items[done], &enumerator->items[enumerator->position++]);
        done++;
    }
    if (fetched) *fetched = done;
    return done == count ? S_OK : S_FALSE;
}

static HRESULT WINAPI enum_variant_Skip(IEnumVARIANT *iface, ULONG count)
{
    struct enum_variant *enumerator = impl_from_IEnumVARIANT(iface);
    ULONG left = enumerator->count - enumerator->position;

    enumerator->position += count < left ? count : left;
    return count <= left ? S_OK : S_FALSE;
}

static HRESULT WINAPI enum_variant_Reset(IEnumVARIANT *iface)
{
    impl_from_IEnumVARIANT(iface)->position = 0;
    return S_OK;
}

static HRESULT WINAPI enum_variant_Clone(IEnumVARIANT *iface, IEnumVARIANT **clone)
{
    struct enum_variant *enumerator = impl_from_IEnumVARIANT(iface);
    IUnknown *unknown;
    HRESULT hr;

    if (!clone) return E_POINTER;
    if (FAILED(hr = enum_variant_create(enumerator->items, enumerator->count, &unknown))) return hr;
    hr = IUnknown_QueryInterface(unknown, &IID_IEnumVARIANT, (void **)clone);
    IUnknown_Release(unknown);
    if (SUCCEEDED(hr)) impl_from_IEnumVARIANT(*clone)->position = enumerator->position;
    return hr;
}

static const IEnumVARIANTVtbl enum_variant_vtbl =
{
    enum_variant_QueryInterface,
    enum_variant_AddRef,
    enum_variant_Release,
    enum_variant_Next,
    enum_variant_Skip,
    enum_variant_Reset,
    enum_variant_Clone,
};

/* Takes copies of the count items. */
static HRESULT enum_variant_create(const VARIANT *items, ULONG count, IUnknown **result)
{
    struct enum_variant *enumerator;
    ULONG i;

    if (!result) return E_POINTER;
    *result = NULL;
    if (!(enumerator = calloc(1, sizeof(*enumerator)))) return E_OUTOFMEMORY;
    if (!(enumerator->items = calloc(count ? count : 1, sizeof(*enumerator->items))))
    {
        free(enumerator);
        return E_OUTOFMEMORY;
    }
    for (i = 0; i < count; i++) VariantCopy(&enumerator->items[i], (VARIANT *)&items[i]);
    enumerator->IEnumVARIANT_iface.lpVtbl = &enum_variant_vtbl;
    enumerator->refcount = 1;
    enumerator->count = count;
    fxs_module_addref();
    *result = (IUnknown *)&enumerator->IEnumVARIANT_iface;
    return S_OK;
}

/* items[i] as VT_DISPATCH or VT_I4 (numbers NULL) or numbers[i] as VT_I4. */
static HRESULT enum_variant_of(IDispatch **items, const LONG *numbers, ULONG count, IUnknown **result)
{
    VARIANT *variants;
    HRESULT hr;
    ULONG i;

    if (!result) return E_POINTER;
    *result = NULL;
    if (!(variants = calloc(count ? count : 1, sizeof(*variants)))) return E_OUTOFMEMORY;
    for (i = 0; i < count; i++)
    {
        if (items)
        {
            V_VT(&variants[i]) = VT_DISPATCH;
            V_DISPATCH(&variants[i]) = items[i];    /* no reference: enum_variant_create takes its own */
        }
        else
        {
            V_VT(&variants[i]) = VT_I4;
            V_I4(&variants[i]) = numbers[i];
        }
    }
    hr = enum_variant_create(variants, count, result);
    free(variants);
    return hr;
}

HRESULT fxs_enum_variant_create(IDispatch **items, ULONG count, IUnknown **result)
{
    return enum_variant_of(items, NULL, count, result);
}

HRESULT fxs_enum_variant_create_longs(const LONG *numbers, ULONG count, IUnknown **result)
{
    return enum_variant_of(NULL, numbers, count, result);
}
