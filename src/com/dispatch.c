/*
 * The library's IDispatch: every object forwards its IDispatch methods here, and the embedded type
 * library does the work (ITypeInfo::Invoke calls the interface's vtable with coerced arguments),
 * so that names, DISPIDs, argument types and optional arguments are exactly those of the type
 * library.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"

static SRWLOCK typeinfo_lock = SRWLOCK_INIT;

static ITypeLib *typelib;

struct cached_typeinfo
{
    GUID guid;
    ITypeInfo *typeinfo;
};

/* The library has about a hundred type infos; a small array searched linearly is plenty. */
static struct cached_typeinfo typeinfos[128];
static unsigned int typeinfo_count;

static HRESULT load_typelib(void)
{
    WCHAR path[MAX_PATH];
    ITypeLib *loaded;
    HRESULT hr;

    if (typelib) return S_OK;
    if (!GetModuleFileNameW(fxs_instance, path, ARRAY_SIZE(path))) return HRESULT_FROM_WIN32(GetLastError());
    hr = LoadTypeLibEx(path, REGKIND_NONE, &loaded);
    if (SUCCEEDED(hr)) typelib = loaded;
    return hr;
}

HRESULT fxs_get_typeinfo(REFGUID guid, ITypeInfo **typeinfo)
{
    unsigned int i;
    HRESULT hr;

    AcquireSRWLockExclusive(&typeinfo_lock);
    for (i = 0; i < typeinfo_count; i++)
    {
        if (IsEqualGUID(&typeinfos[i].guid, guid))
        {
            *typeinfo = typeinfos[i].typeinfo;
            ITypeInfo_AddRef(*typeinfo);
            ReleaseSRWLockExclusive(&typeinfo_lock);
            return S_OK;
        }
    }
    hr = load_typelib();
    if (SUCCEEDED(hr)) hr = ITypeLib_GetTypeInfoOfGuid(typelib, guid, typeinfo);
    if (SUCCEEDED(hr) && typeinfo_count < ARRAY_SIZE(typeinfos))
    {
        typeinfos[typeinfo_count].guid = *guid;
        typeinfos[typeinfo_count].typeinfo = *typeinfo;
        ITypeInfo_AddRef(*typeinfo);
        typeinfo_count++;
    }
    ReleaseSRWLockExclusive(&typeinfo_lock);
    return hr;
}

void fxs_release_typeinfos(void)
{
    unsigned int i;

    AcquireSRWLockExclusive(&typeinfo_lock);
    for (i = 0; i < typeinfo_count; i++) ITypeInfo_Release(typeinfos[i].typeinfo);
    typeinfo_count = 0;
    if (typelib) ITypeLib_Release(typelib);
    typelib = NULL;
    ReleaseSRWLockExclusive(&typeinfo_lock);
}

HRESULT fxs_dispatch_get_typeinfo(REFIID iid, UINT index, ITypeInfo **typeinfo)
{
    if (!typeinfo) return E_POINTER;
    *typeinfo = NULL;
    if (index) return DISP_E_BADINDEX;
    return fxs_get_typeinfo(iid, typeinfo);
}

HRESULT fxs_dispatch_get_ids(REFIID iid, REFIID riid, LPOLESTR *names, UINT count, DISPID *ids)
{
    ITypeInfo *typeinfo;
    HRESULT hr;

    if (!riid || !IsEqualIID(riid, &IID_NULL)) return DISP_E_UNKNOWNINTERFACE;
    if (!names || !ids) return E_POINTER;
    if (!count) return E_INVALIDARG;
    if (FAILED(hr = fxs_get_typeinfo(iid, &typeinfo))) return hr;
    hr = ITypeInfo_GetIDsOfNames(typeinfo, names, count, ids);
    ITypeInfo_Release(typeinfo);
    return hr;
}

/* The Automation type an argument of this type must coerce to; VT_EMPTY when any will do. */
static VARTYPE argument_type(ITypeInfo *typeinfo, const TYPEDESC *desc)
{
    ITypeInfo *referenced;
    TYPEATTR *attr;
    VARTYPE type = VT_EMPTY;

    if (desc->vt != VT_USERDEFINED) return desc->vt == VT_VARIANT || desc->vt == VT_PTR ? VT_EMPTY : desc->vt;
    if (FAILED(ITypeInfo_GetRefTypeInfo(typeinfo, desc->hreftype, &referenced))) return VT_EMPTY;
    if (SUCCEEDED(ITypeInfo_GetTypeAttr(referenced, &attr)))
    {
        if (attr->typekind == TKIND_ENUM) type = VT_I4;
        ITypeInfo_ReleaseTypeAttr(referenced, attr);
    }
    ITypeInfo_Release(referenced);
    return type;
}

/* Whether an argument fits a parameter that takes an interface pointer: Nothing does, and an object
 * that answers QueryInterface for the parameter's interface; TRUE for any other kind of parameter. */
static BOOL argument_has_interface(ITypeInfo *typeinfo, const TYPEDESC *desc, VARIANT *argument)
{
    ITypeInfo *referenced;
    TYPEATTR *attr;
    VARIANT value;
    IUnknown *object;
    BOOL fits = TRUE;

    if (desc->vt != VT_PTR || desc->lptdesc->vt != VT_USERDEFINED) return TRUE;
    if (FAILED(ITypeInfo_GetRefTypeInfo(typeinfo, desc->lptdesc->hreftype, &referenced))) return TRUE;
    VariantInit(&value);
    if (SUCCEEDED(ITypeInfo_GetTypeAttr(referenced, &attr)))
    {
        if ((attr->typekind == TKIND_INTERFACE || attr->typekind == TKIND_DISPATCH) &&
            SUCCEEDED(VariantCopyInd(&value, argument)) &&
            (V_VT(&value) == VT_DISPATCH || V_VT(&value) == VT_UNKNOWN) && V_UNKNOWN(&value))
        {
            fits = SUCCEEDED(IUnknown_QueryInterface(V_UNKNOWN(&value), &attr->guid, (void **)&object));
            if (fits) IUnknown_Release(object);
        }
        ITypeInfo_ReleaseTypeAttr(referenced, attr);
    }
    VariantClear(&value);
    ITypeInfo_Release(referenced);
    return fits;
}

/*
 * Wine's ITypeInfo::Invoke reports a type mismatch without saying which argument; Automation
 * clients show it ("Type mismatch: argument 2"), so find it: the first one that does not coerce,
 * or is an object without the interface its parameter takes.
 */
static UINT find_mismatched_argument(ITypeInfo *typeinfo, DISPID member, WORD flags, const DISPPARAMS *params)
{
    TYPEATTR *attr;
    FUNCDESC *func = NULL;
    UINT i, found = 0;

    if (FAILED(ITypeInfo_GetTypeAttr(typeinfo, &attr))) return 0;
    for (i = 0; i < attr->cFuncs && !func; i++)
    {
        if (FAILED(ITypeInfo_GetFuncDesc(typeinfo, i, &func))) break;
        if (func->memid == member && (func->invkind & flags)) break;
        ITypeInfo_ReleaseFuncDesc(typeinfo, func);
        func = NULL;
    }
    ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
    if (!func) return 0;

    for (i = 0; i < params->cArgs; i++)
    {
        int param;
        VARTYPE type;
        VARIANT coerced;

        if (i < params->cNamedArgs)
            param = params->rgdispidNamedArgs[i] == DISPID_PROPERTYPUT ? func->cParams - 1 : params->rgdispidNamedArgs[i];
        else
            param = params->cArgs - 1 - i;
        if (param < 0 || param >= func->cParams) continue;
        type = argument_type(typeinfo, &func->lprgelemdescParam[param].tdesc);
        if (!argument_has_interface(typeinfo, &func->lprgelemdescParam[param].tdesc, &params->rgvarg[i]))
        {
            found = i;
            break;
        }
        if (type == VT_EMPTY) continue;
        VariantInit(&coerced);
        if (FAILED(VariantChangeType(&coerced, &params->rgvarg[i], 0, type)))
        {
            found = i;
            break;
        }
        VariantClear(&coerced);
    }
    ITypeInfo_ReleaseFuncDesc(typeinfo, func);
    return found;
}

HRESULT fxs_dispatch_invoke(REFIID iid, void *iface, DISPID member, REFIID riid, WORD flags,
                            DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    static DISPPARAMS no_params;
    ITypeInfo *typeinfo;
    HRESULT hr;

    if (!riid || !IsEqualIID(riid, &IID_NULL)) return DISP_E_UNKNOWNINTERFACE;
    if (!(flags & (DISPATCH_METHOD | DISPATCH_PROPERTYGET | DISPATCH_PROPERTYPUT | DISPATCH_PROPERTYPUTREF)))
        return E_INVALIDARG;
    if (!params) params = &no_params;
    if (params->cArgs && !params->rgvarg) return E_INVALIDARG;
    if (params->cNamedArgs && !params->rgdispidNamedArgs) return E_INVALIDARG;
    if (FAILED(hr = fxs_get_typeinfo(iid, &typeinfo))) return hr;
    hr = ITypeInfo_Invoke(typeinfo, iface, member, flags, params, result, excepinfo, arg_err);
    /* Wine passes on the failed QueryInterface of an object argument that lacks its parameter's
     * interface; for Automation that argument does not coerce. (A method's own failures come as
     * DISP_E_EXCEPTION.) */
    if (hr == E_NOINTERFACE) hr = DISP_E_TYPEMISMATCH;
    if (hr == DISP_E_TYPEMISMATCH && arg_err) *arg_err = find_mismatched_argument(typeinfo, member, flags, params);
    ITypeInfo_Release(typeinfo);
    return hr;
}
