/*
 * FaxAccountSet (FaxServer.FaxAccountSet): the fax accounts of the service, and FaxAccounts, the
 * collection GetAccounts makes (a snapshot; Item by 1-based index or by account name).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"

struct account_set
{
    IFaxAccountSet IFaxAccountSet_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;             /* immutable: no lock */
};

static const IID * const account_set_error_iids[] = { &IID_IFaxAccountSet, NULL };

static inline struct account_set *impl_from_IFaxAccountSet(IFaxAccountSet *iface)
{
    return CONTAINING_RECORD(iface, struct account_set, IFaxAccountSet_iface);
}

static HRESULT WINAPI account_set_QueryInterface(IFaxAccountSet *iface, REFIID riid, void **obj)
{
    struct account_set *set = impl_from_IFaxAccountSet(iface);

    if (obj && IsEqualIID(riid, &IID_IMarshal) && set->marshaler)
        return IUnknown_QueryInterface(set->marshaler, riid, obj);
    return fxs_class_info_query(&set->class_info, &set->IFaxAccountSet_iface, riid, obj);
}

static ULONG WINAPI account_set_AddRef(IFaxAccountSet *iface)
{
    return InterlockedIncrement(&impl_from_IFaxAccountSet(iface)->refcount);
}

static ULONG WINAPI account_set_Release(IFaxAccountSet *iface)
{
    struct account_set *set = impl_from_IFaxAccountSet(iface);
    ULONG refcount = InterlockedDecrement(&set->refcount);

    if (!refcount)
    {
        if (set->marshaler) IUnknown_Release(set->marshaler);
        IFaxServer_Release(set->server);
        free(set);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(account_set, IFaxAccountSet, IID_IFaxAccountSet)

struct list_call
{
    DWORD count;
    fxs_account_info *accounts;
};

static DWORD list_accounts(void *session, void *context)
{
    struct list_call *call = context;
    return fxs_rpc_list_accounts(session, &call->count, &call->accounts);
}

static HRESULT WINAPI account_set_GetAccounts(IFaxAccountSet *iface, IFaxAccounts **result)
{
    struct account_set *set = impl_from_IFaxAccountSet(iface);
    struct list_call call = { 0 };
    IDispatch **items = NULL;
    BSTR *keys = NULL;
    HRESULT hr = S_OK;
    DWORD error, i;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_service_call(set->server, list_accounts, &call, &error))) return hr;
    if (error) return fxs_account_error(error, &IID_IFaxAccountSet, L"GetAccounts", NULL);
    if (!(items = calloc(call.count ? call.count : 1, sizeof(*items))) ||
        !(keys = calloc(call.count ? call.count : 1, sizeof(*keys))))
        hr = E_OUTOFMEMORY;
    for (i = 0; i < call.count && SUCCEEDED(hr); i++)
    {
        if (!(keys[i] = SysAllocString(call.accounts[i].name))) hr = E_OUTOFMEMORY;
        else hr = fax_account_create(set->server, call.accounts[i].name, &items[i]);
    }
    fxs_account_infos_free(call.accounts, call.count);
    if (FAILED(hr))
    {
        fxs_collection_free_items(items, keys, call.count);
        return hr;
    }
    return fxs_collection_create(&CLSID_FaxAccounts, &IID_IFaxAccounts, L"account", items, keys, call.count,
                                 (void **)result);
}

static HRESULT WINAPI account_set_GetAccount(IFaxAccountSet *iface, BSTR name, IFaxAccount **result)
{
    struct account_set *set = impl_from_IFaxAccountSet(iface);
    return fax_account_get(set->server, name, &IID_IFaxAccountSet, L"GetAccount", result);
}

struct change_call
{
    const WCHAR *name;
    fxs_account_info info;
};

static DWORD add_account(void *session, void *context)
{
    struct change_call *call = context;
    return fxs_rpc_add_account(session, call->name, &call->info);
}

static DWORD remove_account(void *session, void *context)
{
    struct change_call *call = context;
    return fxs_rpc_remove_account(session, call->name);
}

static HRESULT WINAPI account_set_AddAccount(IFaxAccountSet *iface, BSTR name, IFaxAccount **result)
{
    struct account_set *set = impl_from_IFaxAccountSet(iface);
    struct change_call call = { name ? name : L"" };
    DWORD error;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_service_call(set->server, add_account, &call, &error))) return hr;
    if (error) return fxs_account_error(error, &IID_IFaxAccountSet, L"AddAccount", call.name);
    hr = fax_account_create(set->server, call.info.name ? call.info.name : call.name, (IDispatch **)result);
    free(call.info.name);
    return hr;
}

static HRESULT WINAPI account_set_RemoveAccount(IFaxAccountSet *iface, BSTR name)
{
    struct account_set *set = impl_from_IFaxAccountSet(iface);
    struct change_call call = { name ? name : L"" };
    DWORD error;
    HRESULT hr;

    if (FAILED(hr = fxs_service_call(set->server, remove_account, &call, &error))) return hr;
    if (error) return fxs_account_error(error, &IID_IFaxAccountSet, L"RemoveAccount", call.name);
    return S_OK;
}

static const IFaxAccountSetVtbl account_set_vtbl =
{
    account_set_QueryInterface,
    account_set_AddRef,
    account_set_Release,
    account_set_GetTypeInfoCount,
    account_set_GetTypeInfo,
    account_set_GetIDsOfNames,
    account_set_Invoke,
    account_set_GetAccounts,
    account_set_GetAccount,
    account_set_AddAccount,
    account_set_RemoveAccount,
};

static HRESULT connected(struct fxs_link *link, void *context)
{
    return S_OK;
}

HRESULT fax_account_set_create(IFaxServer *server, IFaxAccountSet **result)
{
    struct account_set *set;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fax_server_with_link(server, connected, NULL))) return hr;
    if (!(set = calloc(1, sizeof(*set)))) return E_OUTOFMEMORY;
    set->IFaxAccountSet_iface.lpVtbl = &account_set_vtbl;
    set->refcount = 1;
    set->server = server;
    IFaxServer_AddRef(server);
    fxs_class_info_init(&set->class_info, (IUnknown *)&set->IFaxAccountSet_iface, &CLSID_FaxAccountSet, NULL,
                        account_set_error_iids);
    CoCreateFreeThreadedMarshaler((IUnknown *)&set->IFaxAccountSet_iface, &set->marshaler);
    fxs_module_addref();
    *result = &set->IFaxAccountSet_iface;
    return S_OK;
}
