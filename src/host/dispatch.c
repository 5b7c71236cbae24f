/*
 * IDispatch helpers for the host's own objects (WScript, its Arguments, StdOut and StdErr): names
 * looked up in a small table, arguments taken in source order and converted as automation does.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include "host.h"

HRESULT host_ids_of_names(const struct host_member *members, size_t count, OLECHAR **names, UINT name_count,
                          DISPID *ids)
{
    HRESULT hr = S_OK;
    size_t i;
    UINT n;

    if (!names || !ids) return E_POINTER;
    if (!name_count) return E_INVALIDARG;
    for (n = 0; n < name_count; n++) ids[n] = DISPID_UNKNOWN;
    for (i = 0; i < count; i++)
        if (names[0] && !_wcsicmp(members[i].name, names[0])) ids[0] = members[i].id;
    /* the host's methods have no named arguments */
    if (ids[0] == DISPID_UNKNOWN || name_count > 1) hr = DISP_E_UNKNOWNNAME;
    return hr;
}

VARIANT *host_argument(DISPPARAMS *params, UINT idx)
{
    VARIANT *arg;

    if (!params || idx >= params->cArgs) return NULL;
    arg = &params->rgvarg[params->cArgs - 1 - idx];
    /* VBScript passes variables by reference */
    while (V_VT(arg) == (VT_VARIANT | VT_BYREF)) arg = V_VARIANTREF(arg);
    return arg;
}

BOOL host_argument_missing(DISPPARAMS *params, UINT idx)
{
    VARIANT *arg = host_argument(params, idx);
    return !arg || (V_VT(arg) == VT_ERROR && V_ERROR(arg) == DISP_E_PARAMNOTFOUND);
}

HRESULT host_argument_as(DISPPARAMS *params, UINT idx, VARTYPE type, VARIANT *out, UINT *arg_err)
{
    VARIANT *arg = host_argument(params, idx);
    HRESULT hr;

    VariantInit(out);
    if (!arg) return DISP_E_PARAMNOTFOUND;
    if (FAILED(hr = VariantChangeType(out, arg, 0, type)))
    {
        if (arg_err) *arg_err = params->cArgs - 1 - idx;
        return DISP_E_TYPEMISMATCH;
    }
    return S_OK;
}

HRESULT host_exception(EXCEPINFO *excepinfo, const WCHAR *source, HRESULT code, const WCHAR *fmt, ...)
{
    WCHAR text[1024];
    va_list args;

    if (!excepinfo) return code;
    va_start(args, fmt);
    vswprintf(text, ARRAY_SIZE(text), fmt, args);
    va_end(args);
    memset(excepinfo, 0, sizeof(*excepinfo));
    excepinfo->bstrSource = SysAllocString(source);
    excepinfo->bstrDescription = SysAllocString(text);
    excepinfo->scode = code;
    return DISP_E_EXCEPTION;
}

HRESULT host_return_bstr(VARIANT *result, const WCHAR *text)
{
    if (!result) return S_OK;
    V_VT(result) = VT_BSTR;
    return (V_BSTR(result) = SysAllocString(text)) ? S_OK : E_OUTOFMEMORY;
}

static inline struct host_object *impl_from_IDispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct host_object, IDispatch_iface);
}

static HRESULT WINAPI object_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch))
    {
        *obj = iface;
        IDispatch_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI object_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&impl_from_IDispatch(iface)->refcount);
}

static ULONG WINAPI object_Release(IDispatch *iface)
{
    struct host_object *object = impl_from_IDispatch(iface);
    ULONG refcount = InterlockedDecrement(&object->refcount);

    if (!refcount)
    {
        if (object->class->destroy) object->class->destroy(object);
        free(object);
    }
    return refcount;
}

static HRESULT WINAPI object_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    if (!count) return E_POINTER;
    *count = 0;
    return S_OK;
}

static HRESULT WINAPI object_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    if (info) *info = NULL;
    return DISP_E_BADINDEX;
}

static HRESULT WINAPI object_GetIDsOfNames(IDispatch *iface, REFIID riid, OLECHAR **names, UINT count, LCID lcid,
                                           DISPID *ids)
{
    const struct host_object_class *class = impl_from_IDispatch(iface)->class;
    return host_ids_of_names(class->members, class->member_count, names, count, ids);
}

static HRESULT WINAPI object_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                    DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct host_object *object = impl_from_IDispatch(iface);
    DISPPARAMS none = { NULL, NULL, 0, 0 };

    if (!params) params = &none;
    if (params->cArgs && !params->rgvarg) return E_INVALIDARG;
    if (result) VariantInit(result);
    return object->class->invoke(object, id, flags, params, result, excepinfo, arg_err);
}

static const IDispatchVtbl object_vtbl =
{
    object_QueryInterface,
    object_AddRef,
    object_Release,
    object_GetTypeInfoCount,
    object_GetTypeInfo,
    object_GetIDsOfNames,
    object_Invoke,
};

void *host_object_create(const struct host_object_class *class, size_t size)
{
    struct host_object *object;

    if (!(object = calloc(1, size))) return NULL;
    object->IDispatch_iface.lpVtbl = &object_vtbl;
    object->refcount = 1;
    object->class = class;
    return object;
}
