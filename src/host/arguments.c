/*
 * WScript.Arguments: the script's command-line arguments (Item, its default member; Count; Length;
 * _NewEnum, so that `For Each` works), and its two views as in WSH: Unnamed (the arguments that do
 * not start with /) and Named (/name:value or /name, found by name; Exists).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "host.h"

enum arguments_dispid
{
    DISPID_ARGUMENTS_ITEM = DISPID_VALUE,
    DISPID_ARGUMENTS_COUNT = 1,
    DISPID_ARGUMENTS_LENGTH,
    DISPID_ARGUMENTS_NAMED,
    DISPID_ARGUMENTS_UNNAMED,
    DISPID_ARGUMENTS_EXISTS,
    DISPID_ARGUMENTS_NEWENUM = DISPID_NEWENUM,
};

/* One view of the arguments: all of them, the unnamed ones, or the named ones (items are names). */
struct arguments
{
    struct host_object object;
    int count;
    WCHAR **items;
    WCHAR **values;             /* Named: each name's value ("" for /name) */
    IDispatch *named, *unnamed; /* the views of the whole list */
};

static const struct host_member arguments_members[] =
{
    { L"Item", DISPID_ARGUMENTS_ITEM },
    { L"Count", DISPID_ARGUMENTS_COUNT },
    { L"length", DISPID_ARGUMENTS_LENGTH },
    { L"_NewEnum", DISPID_ARGUMENTS_NEWENUM },
    { L"Named", DISPID_ARGUMENTS_NAMED },
    { L"Unnamed", DISPID_ARGUMENTS_UNNAMED },
};

static const struct host_member named_members[] =
{
    { L"Item", DISPID_ARGUMENTS_ITEM },
    { L"Count", DISPID_ARGUMENTS_COUNT },
    { L"length", DISPID_ARGUMENTS_LENGTH },
    { L"_NewEnum", DISPID_ARGUMENTS_NEWENUM },
    { L"Exists", DISPID_ARGUMENTS_EXISTS },
};

/* ---- IEnumVARIANT over the arguments, as strings ---- */

struct enum_arguments
{
    IEnumVARIANT IEnumVARIANT_iface;
    LONG refcount;
    struct arguments *arguments;    /* a reference */
    int position;
};

static inline struct enum_arguments *impl_from_IEnumVARIANT(IEnumVARIANT *iface)
{
    return CONTAINING_RECORD(iface, struct enum_arguments, IEnumVARIANT_iface);
}

static HRESULT WINAPI enum_QueryInterface(IEnumVARIANT *iface, REFIID riid, void **obj)
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

static ULONG WINAPI enum_AddRef(IEnumVARIANT *iface)
{
    return InterlockedIncrement(&impl_from_IEnumVARIANT(iface)->refcount);
}

static ULONG WINAPI enum_Release(IEnumVARIANT *iface)
{
    struct enum_arguments *enumerator = impl_from_IEnumVARIANT(iface);
    ULONG refcount = InterlockedDecrement(&enumerator->refcount);

    if (!refcount)
    {
        IDispatch_Release(&enumerator->arguments->object.IDispatch_iface);
        free(enumerator);
    }
    return refcount;
}

static HRESULT WINAPI enum_Next(IEnumVARIANT *iface, ULONG count, VARIANT *items, ULONG *fetched)
{
    struct enum_arguments *enumerator = impl_from_IEnumVARIANT(iface);
    ULONG done = 0;

    if (!items) return E_POINTER;
    while (done < count && enumerator->position < enumerator->arguments->count)
    {
        V_VT(&items[done]) = VT_BSTR;
        if (!(V_BSTR(&items[done]) = SysAllocString(enumerator->arguments->items[enumerator->position]))) break;
        enumerator->position++;
        done++;
    }
    if (fetched) *fetched = done;
    return done == count ? S_OK : S_FALSE;
}

static HRESULT WINAPI enum_Skip(IEnumVARIANT *iface, ULONG count)
{
    struct enum_arguments *enumerator = impl_from_IEnumVARIANT(iface);
    ULONG left = enumerator->arguments->count - enumerator->position;

    enumerator->position += count < left ? count : left;
    return count <= left ? S_OK : S_FALSE;
}

static HRESULT WINAPI enum_Reset(IEnumVARIANT *iface)
{
    impl_from_IEnumVARIANT(iface)->position = 0;
    return S_OK;
}

static HRESULT enum_arguments_create(struct arguments *arguments, int position, IEnumVARIANT **result);

static HRESULT WINAPI enum_Clone(IEnumVARIANT *iface, IEnumVARIANT **clone)
{
    struct enum_arguments *enumerator = impl_from_IEnumVARIANT(iface);

    if (!clone) return E_POINTER;
    return enum_arguments_create(enumerator->arguments, enumerator->position, clone);
}

static const IEnumVARIANTVtbl enum_vtbl =
{
    enum_QueryInterface,
    enum_AddRef,
    enum_Release,
    enum_Next,
    enum_Skip,
    enum_Reset,
    enum_Clone,
};

static HRESULT enum_arguments_create(struct arguments *arguments, int position, IEnumVARIANT **result)
{
    struct enum_arguments *enumerator;

    if (!(enumerator = calloc(1, sizeof(*enumerator)))) return E_OUTOFMEMORY;
    enumerator->IEnumVARIANT_iface.lpVtbl = &enum_vtbl;
    enumerator->refcount = 1;
    enumerator->arguments = arguments;
    IDispatch_AddRef(&arguments->object.IDispatch_iface);
    enumerator->position = position;
    *result = &enumerator->IEnumVARIANT_iface;
    return S_OK;
}

static HRESULT arguments_new_enum(struct arguments *arguments, DISPPARAMS *params, VARIANT *result)
{
    IEnumVARIANT *enumerator;
    HRESULT hr;

    if (params->cArgs) return DISP_E_BADPARAMCOUNT;
    if (FAILED(hr = enum_arguments_create(arguments, 0, &enumerator))) return hr;
    if (!result)
    {
        IEnumVARIANT_Release(enumerator);
        return S_OK;
    }
    V_VT(result) = VT_UNKNOWN;
    V_UNKNOWN(result) = (IUnknown *)enumerator;
    return S_OK;
}

/* ---- the views ---- */

static inline struct arguments *arguments_from_object(struct host_object *object)
{
    return CONTAINING_RECORD(object, struct arguments, object);
}

static HRESULT arguments_item(struct arguments *arguments, DISPPARAMS *params, VARIANT *result,
                              EXCEPINFO *excepinfo, UINT *arg_err)
{
    VARIANT index;
    HRESULT hr;

    if (params->cArgs != 1) return DISP_E_BADPARAMCOUNT;
    if (FAILED(hr = host_argument_as(params, 0, VT_I4, &index, arg_err))) return hr;
    if (V_I4(&index) < 0 || V_I4(&index) >= arguments->count)
        return host_exception(excepinfo, L"WScript.Arguments", DISP_E_BADINDEX,
                              L"Subscript out of range: argument %ld does not exist (there are %d)", V_I4(&index),
                              arguments->count);
    return host_return_bstr(result, arguments->items[V_I4(&index)]);
}

/* The position of a named argument, or -1. */
static HRESULT find_named(struct arguments *named, DISPPARAMS *params, int *position, UINT *arg_err)
{
    VARIANT name;
    HRESULT hr;
    int i;

    if (params->cArgs != 1) return DISP_E_BADPARAMCOUNT;
    if (FAILED(hr = host_argument_as(params, 0, VT_BSTR, &name, arg_err))) return hr;
    for (*position = -1, i = 0; *position < 0 && i < named->count; i++)
        if (!_wcsicmp(named->items[i], V_BSTR(&name))) *position = i;
    VariantClear(&name);
    return S_OK;
}

/* Named.Item(name): the value, Empty when there is no such argument. */
static HRESULT named_item(struct arguments *named, DISPPARAMS *params, VARIANT *result, UINT *arg_err)
{
    HRESULT hr;
    int i;

    if (FAILED(hr = find_named(named, params, &i, arg_err))) return hr;
    return i < 0 ? S_OK : host_return_bstr(result, named->values[i]);
}

static HRESULT named_exists(struct arguments *named, DISPPARAMS *params, VARIANT *result, UINT *arg_err)
{
    HRESULT hr;
    int i;

    if (FAILED(hr = find_named(named, params, &i, arg_err))) return hr;
    if (result)
    {
        V_VT(result) = VT_BOOL;
        V_BOOL(result) = i >= 0 ? VARIANT_TRUE : VARIANT_FALSE;
    }
    return S_OK;
}

static HRESULT arguments_count(struct arguments *arguments, DISPPARAMS *params, VARIANT *result)
{
    if (params->cArgs) return DISP_E_BADPARAMCOUNT;
    if (result)
    {
        V_VT(result) = VT_I4;
        V_I4(result) = arguments->count;
    }
    return S_OK;
}

static HRESULT return_view(IDispatch *view, DISPPARAMS *params, VARIANT *result)
{
    if (!view) return DISP_E_MEMBERNOTFOUND;    /* the views have no views */
    if (params->cArgs) return DISP_E_BADPARAMCOUNT;
    if (result)
    {
        V_VT(result) = VT_DISPATCH;
        V_DISPATCH(result) = view;
        IDispatch_AddRef(view);
    }
    return S_OK;
}

static HRESULT arguments_invoke(struct host_object *object, DISPID id, WORD flags, DISPPARAMS *params,
                                VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct arguments *arguments = arguments_from_object(object);

    if (!(flags & (DISPATCH_METHOD | DISPATCH_PROPERTYGET))) return DISP_E_MEMBERNOTFOUND;
    switch (id)
    {
    case DISPID_ARGUMENTS_ITEM:
        if (arguments->values) return named_item(arguments, params, result, arg_err);
        return arguments_item(arguments, params, result, excepinfo, arg_err);
    case DISPID_ARGUMENTS_COUNT:
    case DISPID_ARGUMENTS_LENGTH: return arguments_count(arguments, params, result);
    case DISPID_ARGUMENTS_NEWENUM: return arguments_new_enum(arguments, params, result);
    case DISPID_ARGUMENTS_EXISTS:
        return arguments->values ? named_exists(arguments, params, result, arg_err) : DISP_E_MEMBERNOTFOUND;
    case DISPID_ARGUMENTS_NAMED: return return_view(arguments->named, params, result);
    case DISPID_ARGUMENTS_UNNAMED: return return_view(arguments->unnamed, params, result);
    }
    return DISP_E_MEMBERNOTFOUND;
}

static void arguments_destroy(struct host_object *object)
{
    struct arguments *arguments = arguments_from_object(object);
    int i;

    if (arguments->values)
        for (i = 0; i < arguments->count; i++)
        {
            free(arguments->items[i]);
            free(arguments->values[i]);
        }
    free(arguments->items);
    free(arguments->values);
    if (arguments->named) IDispatch_Release(arguments->named);
    if (arguments->unnamed) IDispatch_Release(arguments->unnamed);
}

static const struct host_object_class arguments_class =
{
    arguments_members, ARRAY_SIZE(arguments_members), arguments_invoke, arguments_destroy
};

static const struct host_object_class unnamed_class =
{
    arguments_members, ARRAY_SIZE(arguments_members) - 2, arguments_invoke, arguments_destroy
};

static const struct host_object_class named_class =
{
    named_members, ARRAY_SIZE(named_members), arguments_invoke, arguments_destroy
};

static struct arguments *view_create(const struct host_object_class *class)
{
    struct arguments *view;

    if (!(view = host_object_create(class, sizeof(*view)))) return NULL;
    if (!(view->items = calloc(host.argc + 1, sizeof(*view->items))) ||
        (class == &named_class && !(view->values = calloc(host.argc + 1, sizeof(*view->values)))))
    {
        IDispatch_Release(&view->object.IDispatch_iface);
        return NULL;
    }
    return view;
}

/* /name:value, /name: or /name (its value ""); FALSE when out of memory. */
static BOOL add_named(struct arguments *named, const WCHAR *argument)
{
    const WCHAR *colon = wcschr(argument, ':');
    size_t length = colon ? (size_t)(colon - argument) : wcslen(argument);
    WCHAR *name = malloc((length + 1) * sizeof(WCHAR)), *value = _wcsdup(colon ? colon + 1 : L"");

    if (!name || !value)
    {
        free(name);
        free(value);
        return FALSE;
    }
    memcpy(name, argument, length * sizeof(WCHAR));
    name[length] = 0;
    named->items[named->count] = name;
    named->values[named->count++] = value;
    return TRUE;
}

static HRESULT fill_views(struct arguments *arguments, struct arguments *named, struct arguments *unnamed)
{
    int i;

    for (i = 0; i < host.argc; i++)
    {
        arguments->items[arguments->count++] = host.argv[i];
        if (host.argv[i][0] != '/' || !host.argv[i][1]) unnamed->items[unnamed->count++] = host.argv[i];
        else if (!add_named(named, host.argv[i] + 1)) return E_OUTOFMEMORY;
    }
    return S_OK;
}

HRESULT arguments_create(IDispatch **result)
{
    struct arguments *arguments = view_create(&arguments_class), *named = NULL, *unnamed = NULL;
    HRESULT hr = E_OUTOFMEMORY;

    if (arguments && (named = view_create(&named_class)) && (unnamed = view_create(&unnamed_class)))
    {
        arguments->named = &named->object.IDispatch_iface;
        arguments->unnamed = &unnamed->object.IDispatch_iface;
        hr = fill_views(arguments, named, unnamed);
    }
    else if (named) IDispatch_Release(&named->object.IDispatch_iface);
    if (FAILED(hr))
    {
        if (arguments) IDispatch_Release(&arguments->object.IDispatch_iface);
        return hr;
    }
    *result = &arguments->object.IDispatch_iface;
    return S_OK;
}
