/*
 * IProvideClassInfo2 and ISupportErrorInfo, the same for every object that offers them. Script
 * hosts find an object's events through IProvideClassInfo2; Automation clients ask
 * ISupportErrorInfo before they read the IErrorInfo of a failed call.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"

/* IProvideClassInfo2 */

static inline struct fxs_class_info *impl_from_IProvideClassInfo2(IProvideClassInfo2 *iface)
{
    return CONTAINING_RECORD(iface, struct fxs_class_info, IProvideClassInfo2_iface);
}

static HRESULT WINAPI class_info_QueryInterface(IProvideClassInfo2 *iface, REFIID riid, void **obj)
{
    struct fxs_class_info *info = impl_from_IProvideClassInfo2(iface);
    return IUnknown_QueryInterface(info->owner, riid, obj);
}

static ULONG WINAPI class_info_AddRef(IProvideClassInfo2 *iface)
{
    struct fxs_class_info *info = impl_from_IProvideClassInfo2(iface);
    return IUnknown_AddRef(info->owner);
}

static ULONG WINAPI class_info_Release(IProvideClassInfo2 *iface)
{
    struct fxs_class_info *info = impl_from_IProvideClassInfo2(iface);
    return IUnknown_Release(info->owner);
}

static HRESULT WINAPI class_info_GetClassInfo(IProvideClassInfo2 *iface, ITypeInfo **typeinfo)
{
    struct fxs_class_info *info = impl_from_IProvideClassInfo2(iface);

    if (!typeinfo) return E_POINTER;
    *typeinfo = NULL;
    return fxs_get_typeinfo(info->clsid, typeinfo);
}

static HRESULT WINAPI class_info_GetGUID(IProvideClassInfo2 *iface, DWORD kind, GUID *guid)
{
    struct fxs_class_info *info = impl_from_IProvideClassInfo2(iface);

    if (!guid) return E_POINTER;
    *guid = GUID_NULL;
    if (kind != GUIDKIND_DEFAULT_SOURCE_DISP_IID) return E_INVALIDARG;
    if (!info->default_source) return E_FAIL;
    *guid = *info->default_source;
    return S_OK;
}

static const IProvideClassInfo2Vtbl class_info_vtbl =
{
    class_info_QueryInterface,
    class_info_AddRef,
    class_info_Release,
    class_info_GetClassInfo,
    class_info_GetGUID,
};

/* ISupportErrorInfo */

static inline struct fxs_class_info *impl_from_ISupportErrorInfo(ISupportErrorInfo *iface)
{
    return CONTAINING_RECORD(iface, struct fxs_class_info, ISupportErrorInfo_iface);
}

static HRESULT WINAPI error_info_QueryInterface(ISupportErrorInfo *iface, REFIID riid, void **obj)
{
    struct fxs_class_info *info = impl_from_ISupportErrorInfo(iface);
    return IUnknown_QueryInterface(info->owner, riid, obj);
}

static ULONG WINAPI error_info_AddRef(ISupportErrorInfo *iface)
{
    struct fxs_class_info *info = impl_from_ISupportErrorInfo(iface);
    return IUnknown_AddRef(info->owner);
}

static ULONG WINAPI error_info_Release(ISupportErrorInfo *iface)
{
    struct fxs_class_info *info = impl_from_ISupportErrorInfo(iface);
    return IUnknown_Release(info->owner);
}

static HRESULT WINAPI error_info_InterfaceSupportsErrorInfo(ISupportErrorInfo *iface, REFIID riid)
{
    struct fxs_class_info *info = impl_from_ISupportErrorInfo(iface);
    const IID * const *iid;

    if (!riid) return E_POINTER;
    for (iid = info->error_iids; *iid; iid++)
        if (IsEqualIID(riid, *iid)) return S_OK;
    return S_FALSE;
}

static const ISupportErrorInfoVtbl error_info_vtbl =
{
    error_info_QueryInterface,
    error_info_AddRef,
    error_info_Release,
    error_info_InterfaceSupportsErrorInfo,
};

void fxs_class_info_init(struct fxs_class_info *info, IUnknown *owner, const CLSID *clsid,
                         const IID *default_source, const IID * const *error_iids)
{
    info->IProvideClassInfo2_iface.lpVtbl = &class_info_vtbl;
    info->ISupportErrorInfo_iface.lpVtbl = &error_info_vtbl;
    info->owner = owner;
    info->clsid = clsid;
    info->default_source = default_source;
    info->error_iids = error_iids;
}

/* The QueryInterface of an object of the library: its own interfaces (info->error_iids, which
 * support error info), IUnknown and IDispatch all give main_iface; IProvideClassInfo(2) and
 * ISupportErrorInfo give these. E_NOINTERFACE for anything else, which an object with more
 * interfaces checks itself. */
HRESULT fxs_class_info_query(struct fxs_class_info *info, void *main_iface, REFIID riid, void **obj)
{
    const IID * const *iid;

    if (!obj) return E_POINTER;
    *obj = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch)) *obj = main_iface;
    for (iid = info->error_iids; !*obj && *iid; iid++)
        if (IsEqualIID(riid, *iid)) *obj = main_iface;
    if (IsEqualIID(riid, &IID_IProvideClassInfo) || IsEqualIID(riid, &IID_IProvideClassInfo2))
        *obj = &info->IProvideClassInfo2_iface;
    else if (IsEqualIID(riid, &IID_ISupportErrorInfo))
        *obj = &info->ISupportErrorInfo_iface;
    if (!*obj) return E_NOINTERFACE;
    IUnknown_AddRef((IUnknown *)*obj);
    return S_OK;
}
