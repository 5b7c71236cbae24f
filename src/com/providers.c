/*
 * FaxServer.GetDeviceProviders: FaxDeviceProviders over the service's providers
 * (fxs_list_providers), a snapshot; Item takes an index or a provider's UniqueName.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_device_info.h"

struct providers_call
{
    DWORD count;
    fxs_provider_info *providers;
};

static DWORD list_providers(void *session, void *context)
{
    struct providers_call *call = context;
    return fxs_rpc_list_providers(session, &call->count, &call->providers);
}

HRESULT fxs_device_providers_list(IFaxServer *server, DWORD *count, fxs_provider_info **providers)
{
    struct providers_call call = { 0 };
    DWORD error;
    HRESULT hr;

    *count = 0;
    *providers = NULL;
    if (FAILED(hr = fxs_service_call(server, list_providers, &call, &error))) return hr;
    if (error) return fxs_service_error(error, &IID_IFaxServer, L"Listing the device providers");
    *count = call.count;
    *providers = call.providers;
    return S_OK;
}

HRESULT fax_device_providers_create(IFaxServer *server, IFaxDeviceProviders **result)
{
    struct providers_call call = { 0 };
    IDispatch **items = NULL;
    BSTR *keys = NULL;
    DWORD i;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_device_providers_list(server, &call.count, &call.providers))) return hr;
    if (!(items = calloc(call.count + 1, sizeof(*items))) || !(keys = calloc(call.count + 1, sizeof(*keys))))
        hr = E_OUTOFMEMORY;
    for (i = 0; i < call.count && SUCCEEDED(hr); i++)
        if (SUCCEEDED(hr = fax_device_provider_create(&call.providers[i], &items[i])) &&
            !(keys[i] = SysAllocString(call.providers[i].unique_name)))
            hr = E_OUTOFMEMORY;
    fxs_provider_infos_free(call.providers, call.count);
    if (FAILED(hr))
    {
        fxs_collection_free_items(items, keys, items && keys ? call.count : 0);
        return hr;
    }
    return fxs_collection_create(&CLSID_FaxDeviceProviders, &IID_IFaxDeviceProviders, L"device provider", items, keys,
                                 call.count, (void **)result);
}
