/*
 * FaxInboundRoutingExtension and FaxDeviceProvider: read-only facts about an extension of the fax
 * service (names, versions, debug, status, init error) and a list (the extension's method GUIDs,
 * the provider's device ids), snapshots taken when their collection was made. The two classes
 * have the same facts in the same order; the provider adds TapiProviderName.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"

struct extension_info
{
    IFaxInboundRoutingExtension IFaxInboundRoutingExtension_iface;  /* or IFaxDeviceProvider */
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    const IID *iid;
    const IID *error_iids[2];
    BSTR friendly_name, image_name, unique_name, tapi_provider_name;
    LONG major_version, minor_version, major_build, minor_build;
    BOOL debug;
    LONG status, init_error_code;
    VARIANT list;                   /* VT_ARRAY | VT_BSTR method GUIDs, or VT_ARRAY | VT_I4 device ids */
};

static inline struct extension_info *impl_from_iface(void *iface)
{
    return CONTAINING_RECORD(iface, struct extension_info, IFaxInboundRoutingExtension_iface);
}

static HRESULT WINAPI info_QueryInterface(IFaxInboundRoutingExtension *iface, REFIID riid, void **obj)
{
    struct extension_info *info = impl_from_iface(iface);

    if (obj && IsEqualIID(riid, &IID_IMarshal) && info->marshaler)
        return IUnknown_QueryInterface(info->marshaler, riid, obj);
    return fxs_class_info_query(&info->class_info, iface, riid, obj);
}

static ULONG WINAPI info_AddRef(IFaxInboundRoutingExtension *iface)
{
    return InterlockedIncrement(&impl_from_iface(iface)->refcount);
}

static ULONG WINAPI info_Release(IFaxInboundRoutingExtension *iface)
{
    struct extension_info *info = impl_from_iface(iface);
    ULONG refcount = InterlockedDecrement(&info->refcount);

    if (!refcount)
    {
        if (info->marshaler) IUnknown_Release(info->marshaler);
        SysFreeString(info->friendly_name);
        SysFreeString(info->image_name);
        SysFreeString(info->unique_name);
        SysFreeString(info->tapi_provider_name);
        VariantClear(&info->list);
        free(info);
        fxs_module_release();
    }
    return refcount;
}

static const IID *info_iid(IFaxInboundRoutingExtension *iface)
{
    return impl_from_iface(iface)->iid;
}

FXS_DISPATCH_METHODS_OF(info, IFaxInboundRoutingExtension, info_iid)

#define INFO_STRING(name, field) \
    static HRESULT WINAPI info_get_##name(IFaxInboundRoutingExtension *iface, BSTR *value) \
    { return fxs_bstr_get(impl_from_iface(iface)->field, value); }
#define INFO_LONG(name, field) \
    static HRESULT WINAPI info_get_##name(IFaxInboundRoutingExtension *iface, LONG *value) \
    { \
        if (!value) return E_POINTER; \
        *value = impl_from_iface(iface)->field; \
        return S_OK; \
    }

INFO_STRING(FriendlyName, friendly_name)
INFO_STRING(ImageName, image_name)
INFO_STRING(UniqueName, unique_name)
INFO_STRING(TapiProviderName, tapi_provider_name)
INFO_LONG(MajorVersion, major_version)
INFO_LONG(MinorVersion, minor_version)
INFO_LONG(MajorBuild, major_build)
INFO_LONG(MinorBuild, minor_build)
INFO_LONG(InitErrorCode, init_error_code)

static HRESULT WINAPI info_get_Debug(IFaxInboundRoutingExtension *iface, VARIANT_BOOL *value)
{
    if (!value) return E_POINTER;
    *value = impl_from_iface(iface)->debug ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI info_get_Status(IFaxInboundRoutingExtension *iface, FAX_PROVIDER_STATUS_ENUM *value)
{
    if (!value) return E_POINTER;
    *value = impl_from_iface(iface)->status;
    return S_OK;
}

/* Methods, DeviceIds: a copy of the array. */
static HRESULT WINAPI info_get_list(IFaxInboundRoutingExtension *iface, VARIANT *value)
{
    if (!value) return E_POINTER;
    VariantInit(value);
    return VariantCopy(value, &impl_from_iface(iface)->list);
}

static const IFaxInboundRoutingExtensionVtbl extension_vtbl =
{
    info_QueryInterface,
    info_AddRef,
    info_Release,
    info_GetTypeInfoCount,
    info_GetTypeInfo,
    info_GetIDsOfNames,
    info_Invoke,
    info_get_FriendlyName,
    info_get_ImageName,
    info_get_UniqueName,
    info_get_MajorVersion,
    info_get_MinorVersion,
    info_get_MajorBuild,
    info_get_MinorBuild,
    info_get_Debug,
    info_get_Status,
    info_get_InitErrorCode,
    info_get_list,
};

/* The same functions: both interfaces take the same arguments, the provider's "this" differs in
 * type only. */
struct provider_vtbl
{
    HRESULT (WINAPI *QueryInterface)(IFaxInboundRoutingExtension *, REFIID, void **);
    ULONG (WINAPI *AddRef)(IFaxInboundRoutingExtension *);
    ULONG (WINAPI *Release)(IFaxInboundRoutingExtension *);
    HRESULT (WINAPI *GetTypeInfoCount)(IFaxInboundRoutingExtension *, UINT *);
    HRESULT (WINAPI *GetTypeInfo)(IFaxInboundRoutingExtension *, UINT, LCID, ITypeInfo **);
    HRESULT (WINAPI *GetIDsOfNames)(IFaxInboundRoutingExtension *, REFIID, LPOLESTR *, UINT, LCID, DISPID *);
    HRESULT (WINAPI *Invoke)(IFaxInboundRoutingExtension *, DISPID, REFIID, LCID, WORD, DISPPARAMS *, VARIANT *,
                             EXCEPINFO *, UINT *);
    HRESULT (WINAPI *get_FriendlyName)(IFaxInboundRoutingExtension *, BSTR *);
    HRESULT (WINAPI *get_ImageName)(IFaxInboundRoutingExtension *, BSTR *);
    HRESULT (WINAPI *get_UniqueName)(IFaxInboundRoutingExtension *, BSTR *);
    HRESULT (WINAPI *get_TapiProviderName)(IFaxInboundRoutingExtension *, BSTR *);
    HRESULT (WINAPI *get_MajorVersion)(IFaxInboundRoutingExtension *, LONG *);
    HRESULT (WINAPI *get_MinorVersion)(IFaxInboundRoutingExtension *, LONG *);
    HRESULT (WINAPI *get_MajorBuild)(IFaxInboundRoutingExtension *, LONG *);
    HRESULT (WINAPI *get_MinorBuild)(IFaxInboundRoutingExtension *, LONG *);
    HRESULT (WINAPI *get_Debug)(IFaxInboundRoutingExtension *, VARIANT_BOOL *);
    HRESULT (WINAPI *get_Status)(IFaxInboundRoutingExtension *, FAX_PROVIDER_STATUS_ENUM *);
    HRESULT (WINAPI *get_InitErrorCode)(IFaxInboundRoutingExtension *, LONG *);
    HRESULT (WINAPI *get_DeviceIds)(IFaxInboundRoutingExtension *, VARIANT *);
};

C_ASSERT(sizeof(struct provider_vtbl) == sizeof(IFaxDeviceProviderVtbl));

static const struct provider_vtbl provider_vtbl =
{
    info_QueryInterface,
    info_AddRef,
    info_Release,
    info_GetTypeInfoCount,
    info_GetTypeInfo,
    info_GetIDsOfNames,
    info_Invoke,
    info_get_FriendlyName,
    info_get_ImageName,
    info_get_UniqueName,
    info_get_TapiProviderName,
    info_get_MajorVersion,
    info_get_MinorVersion,
    info_get_MajorBuild,
    info_get_MinorBuild,
    info_get_Debug,
    info_get_Status,
    info_get_InitErrorCode,
    info_get_list,
};

static struct extension_info *info_alloc(const IID *iid, const void *vtbl, const CLSID *clsid)
{
    struct extension_info *info = calloc(1, sizeof(*info));

    if (!info) return NULL;
    info->IFaxInboundRoutingExtension_iface.lpVtbl = vtbl;
    info->refcount = 1;
    info->iid = iid;
    info->error_iids[0] = iid;
    VariantInit(&info->list);
    fxs_class_info_init(&info->class_info, (IUnknown *)&info->IFaxInboundRoutingExtension_iface, clsid, NULL,
                        info->error_iids);
    CoCreateFreeThreadedMarshaler((IUnknown *)&info->IFaxInboundRoutingExtension_iface, &info->marshaler);
    fxs_module_addref();
    return info;
}

static BOOL set_string(BSTR *field, const WCHAR *text)
{
    return (*field = SysAllocString(text ? text : L"")) != NULL;
}

static HRESULT finish(struct extension_info *info, BOOL ok, IDispatch **result)
{
    if (!ok)
    {
        info_Release(&info->IFaxInboundRoutingExtension_iface);
        return E_OUTOFMEMORY;
    }
    *result = (IDispatch *)&info->IFaxInboundRoutingExtension_iface;
    return S_OK;
}

/* The extension's facts come with each of its methods: those of the first method named unique_name. */
HRESULT fax_routing_extension_create(const fxs_routing_method_info *methods, DWORD count, const WCHAR *unique_name,
                                     IDispatch **result)
{
    const fxs_routing_method_info *first = NULL;
    struct extension_info *info;
    SAFEARRAY *guids;
    LONG n = 0;
    DWORD i;
    BOOL ok;

    *result = NULL;
    for (i = 0; i < count; i++)
        if (!lstrcmpW(methods[i].extension_unique_name, unique_name) && !n++) first = &methods[i];
    if (!first) return E_INVALIDARG;
    if (!(info = info_alloc(&IID_IFaxInboundRoutingExtension, &extension_vtbl, &CLSID_FaxInboundRoutingExtension)))
        return E_OUTOFMEMORY;
    info->major_version = first->major_version;
    info->minor_version = first->minor_version;
    info->major_build = first->major_build;
    info->minor_build = first->minor_build;
    info->debug = first->debug != 0;
    info->status = first->status;
    info->init_error_code = first->init_error_code;
    ok = set_string(&info->friendly_name, first->extension_friendly_name) &&
         set_string(&info->image_name, first->extension_image_name) && set_string(&info->unique_name, unique_name) &&
         (guids = SafeArrayCreateVector(VT_BSTR, 0, n)) != NULL;
    if (ok)
    {
        V_VT(&info->list) = VT_ARRAY | VT_BSTR;
        V_ARRAY(&info->list) = guids;
        for (i = 0, n = 0; ok && i < count; i++)
        {
            BSTR guid;
            if (lstrcmpW(methods[i].extension_unique_name, unique_name)) continue;
            ok = (guid = SysAllocString(methods[i].guid)) && SUCCEEDED(SafeArrayPutElement(guids, &n, guid));
            SysFreeString(guid);
            n++;
        }
    }
    return finish(info, ok, result);
}

HRESULT fax_device_provider_create(const fxs_provider_info *provider, IDispatch **result)
{
    struct extension_info *info;
    SAFEARRAY *ids;
    LONG i;
    BOOL ok;

    *result = NULL;
    if (!(info = info_alloc(&IID_IFaxDeviceProvider, &provider_vtbl, &CLSID_FaxDeviceProvider))) return E_OUTOFMEMORY;
    info->major_version = provider->major_version;
    info->minor_version = provider->minor_version;
    info->major_build = provider->major_build;
    info->minor_build = provider->minor_build;
    info->debug = provider->debug != 0;
    info->status = provider->status;
    info->init_error_code = provider->init_error_code;
    ok = set_string(&info->friendly_name, provider->friendly_name) && set_string(&info->image_name, provider->image_name) &&
         set_string(&info->unique_name, provider->unique_name) &&
         set_string(&info->tapi_provider_name, provider->tapi_provider_name) &&
         (ids = SafeArrayCreateVector(VT_I4, 0, provider->device_count)) != NULL;
    if (ok)
    {
        V_VT(&info->list) = VT_ARRAY | VT_I4;
        V_ARRAY(&info->list) = ids;
        for (i = 0; ok && i < (LONG)provider->device_count; i++)
        {
            LONG id = provider->device_ids[i];
            ok = SUCCEEDED(SafeArrayPutElement(ids, &i, &id));
        }
    }
    return finish(info, ok, result);
}
