/*
 * FaxDevice.UsedRoutingMethods and UseRoutingMethod: which inbound routing methods a device uses,
 * read from and changed in the service's "config.inbound_routing" record at each call (what the
 * service does with the next fax, not a snapshot). Changing one method of one device sends that
 * one key: other devices and methods stay as they are, whoever changes them meanwhile.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_routing_info.h"
#include "../svc/record.h"

struct record_call
{
    DWORD size;
    BYTE *record;
};

static DWORD get_routing(void *session, void *context)
{
    struct record_call *call = context;
    return fxs_rpc_get_config(session, FXS_CONFIG_INBOUND_ROUTING, &call->size, &call->record);
}

static DWORD set_routing(void *session, void *context)
{
    struct record_call *call = context;
    return fxs_rpc_set_config(session, FXS_CONFIG_INBOUND_ROUTING, call->size, call->record);
}

static void device_key(char key[RECORD_MAX_KEY + 1], DWORD device_id, const WCHAR *guid)
{
    char guid_key[37];

    fxs_routing_method_key(guid, guid_key);
    snprintf(key, RECORD_MAX_KEY + 1, "device.%lu.%s", device_id, guid_key);
}

static HRESULT routing_error(DWORD error, DWORD device_id, const WCHAR *what)
{
    if (error == ERROR_NOT_FOUND)
        return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxDevice, L"%s failed: the fax service has no device %lu "
                         L"(any more).", what, device_id);
    if (error == ERROR_ACCESS_DENIED)
        return fxs_error(E_ACCESSDENIED, &IID_IFaxDevice, L"%s failed: the fax service allows changing device "
                         L"settings to administrators only.", what);
    return fxs_service_error(error, &IID_IFaxDevice, what);
}

static BOOL uses(const record *rec, DWORD device_id, const WCHAR *guid)
{
    char key[RECORD_MAX_KEY + 1];
    int flag;

    device_key(key, device_id, guid);
    return !record_get_bool(rec, key, &flag) && flag;   /* a device gone meanwhile uses none */
}

/* The GUIDs of the methods the device uses, in the order of their priorities. */
static HRESULT used_methods(const record *rec, DWORD device_id, const fxs_routing_method_info *methods, DWORD count,
                            SAFEARRAY **result)
{
    LONG used = 0, i;
    SAFEARRAY *array;
    HRESULT hr = S_OK;

    for (i = 0; i < (LONG)count; i++) used += uses(rec, device_id, methods[i].guid);
    if (!(array = SafeArrayCreateVector(VT_BSTR, 0, used))) return E_OUTOFMEMORY;
    for (i = 0, used = 0; i < (LONG)count && SUCCEEDED(hr); i++)
    {
        BSTR guid;

        if (!uses(rec, device_id, methods[i].guid)) continue;
        if (!(guid = SysAllocString(methods[i].guid))) hr = E_OUTOFMEMORY;
        else hr = SafeArrayPutElement(array, &used, guid);
        SysFreeString(guid);
        used++;
    }
    if (FAILED(hr)) SafeArrayDestroy(array);
    else *result = array;
    return hr;
}

HRESULT fax_device_used_routing_methods(IFaxServer *server, DWORD device_id, VARIANT *value)
{
    fxs_routing_method_info *methods;
    struct record_call call = { 0 };
    record *rec = NULL;
    SAFEARRAY *array;
    DWORD count, error;
    HRESULT hr;

    if (!value) return E_POINTER;
    VariantInit(value);
    if (FAILED(hr = fxs_routing_methods_list(server, &IID_IFaxDevice, &count, &methods))) return hr;
    if (SUCCEEDED(hr = fxs_service_call(server, get_routing, &call, &error)) && error)
        hr = routing_error(error, device_id, L"UsedRoutingMethods");
    if (SUCCEEDED(hr) && record_parse(call.record, call.size, &rec))
        hr = fxs_error(HRESULT_FROM_WIN32(ERROR_INVALID_DATA), &IID_IFaxDevice, L"The fax service sent a routing "
                       L"configuration that cannot be read.");
    if (SUCCEEDED(hr) && SUCCEEDED(hr = used_methods(rec, device_id, methods, count, &array)))
    {
        V_VT(value) = VT_ARRAY | VT_BSTR;
        V_ARRAY(value) = array;
    }
    record_free(rec);
    free(call.record);
    fxs_routing_method_infos_free(methods, count);
    return hr;
}

HRESULT fax_device_use_routing_method(IFaxServer *server, DWORD device_id, BSTR guid, VARIANT_BOOL use)
{
    fxs_routing_method_info *methods;
    struct record_call call = { 0 };
    char key[RECORD_MAX_KEY + 1];
    record *rec = NULL;
    size_t size = 0;
    DWORD count, error, i;
    HRESULT hr;

    if (FAILED(hr = fxs_guid_check(guid, &IID_IFaxDevice, L"The routing method's GUID"))) return hr;
    if (FAILED(hr = fxs_routing_methods_list(server, &IID_IFaxDevice, &count, &methods))) return hr;
    for (i = 0; i < count && lstrcmpiW(methods[i].guid, guid); i++) ;
    fxs_routing_method_infos_free(methods, count);
    if (i == count)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_FOUND), &IID_IFaxDevice, L"The fax service has no inbound "
                         L"routing method %s (see FaxInboundRouting.GetMethods).", guid);
    device_key(key, device_id, guid);
    if (record_create("config.inbound_routing", &rec) || record_add_bool(rec, key, use != VARIANT_FALSE) ||
        record_serialize(rec, &call.record, &size))
        hr = E_OUTOFMEMORY;
    record_free(rec);
    call.size = (DWORD)size;
    if (SUCCEEDED(hr) && SUCCEEDED(hr = fxs_service_call(server, set_routing, &call, &error)) && error)
        hr = routing_error(error, device_id, L"UseRoutingMethod");
    free(call.record);
    return hr;
}
