/*
 * Get/SetExtensionProperty of FaxServer (device 0) and FaxDevice: a blob of bytes per GUID that
 * the service keeps (fxs_get_extension_data, fxs_set_extension_data), as Microsoft documents it
 * a VARIANT holding a one-dimensional SAFEARRAY of VT_UI1 (VT_ARRAY | VT_UI1).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"

HRESULT fxs_guid_check(const WCHAR *text, REFIID iid, const WCHAR *what)
{
    unsigned int i;

    for (i = 0; text && i < FXS_GUID_LENGTH; i++)
    {
        WCHAR c = text[i];
        BOOL ok;

        if (i == 0) ok = c == '{';
        else if (i == FXS_GUID_LENGTH - 1) ok = c == '}';
        else if (i == 9 || i == 14 || i == 19 || i == 24) ok = c == '-';
        else ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!ok) break;
    }
    if (text && i == FXS_GUID_LENGTH && !text[i]) return S_OK;
    return fxs_error(E_INVALIDARG, iid, L"%s \"%s\" is not a GUID: it must be written "
                     L"{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} in hexadecimal.", what, text ? text : L"");
}

struct data_call
{
    DWORD device_id;
    const WCHAR *guid;
    DWORD size;
    BYTE *data;
};

static DWORD get_data(void *session, void *context)
{
    struct data_call *call = context;
    return fxs_rpc_get_extension_data(session, call->device_id, call->guid, &call->size, &call->data);
}

static DWORD set_data(void *session, void *context)
{
    struct data_call *call = context;
    return fxs_rpc_set_extension_data(session, call->device_id, call->guid, call->size, call->data);
}

static HRESULT data_error(DWORD error, DWORD device_id, const WCHAR *guid, REFIID iid, BOOL set)
{
    const WCHAR *what = set ? L"SetExtensionProperty" : L"GetExtensionProperty";

    switch (error)
    {
    case ERROR_FILE_NOT_FOUND:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s: no extension property %s was ever set %s.", what, guid,
                         device_id ? L"on this device" : L"on the server");
    case ERROR_NOT_FOUND:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed: the fax service has no device %lu (any more).",
                         what, device_id);
    case ERROR_ACCESS_DENIED:
        return fxs_error(E_ACCESSDENIED, iid, L"%s failed: the fax service does not allow this user to %s the "
                         L"configuration.", what, set ? L"change" : L"read");
    default:
        return fxs_service_error(error, iid, what);
    }
}

HRESULT fxs_extension_property_get(IFaxServer *server, DWORD device_id, BSTR guid, VARIANT *value, REFIID iid)
{
    struct data_call call = { device_id, guid };
    SAFEARRAY *array = NULL;
    DWORD error;
    HRESULT hr;

    if (!value) return E_POINTER;
    VariantInit(value);
    if (FAILED(hr = fxs_guid_check(guid, iid, L"The extension property's GUID"))) return hr;
    if (FAILED(hr = fxs_service_call(server, get_data, &call, &error))) return hr;
    if (error) return data_error(error, device_id, guid, iid, FALSE);
    if ((array = SafeArrayCreateVector(VT_UI1, 0, call.size)))
    {
        if (call.size) memcpy(array->pvData, call.data, call.size);
        V_VT(value) = VT_ARRAY | VT_UI1;
        V_ARRAY(value) = array;
    }
    free(call.data);
    return array ? S_OK : E_OUTOFMEMORY;
}

/* The bytes of a VT_ARRAY | VT_UI1 (by reference or in a VARIANT by reference too, as VB passes it). */
static HRESULT blob_of(const VARIANT *value, REFIID iid, SAFEARRAY **array)
{
    const VARIANT *v = value;

    while (V_VT(v) == (VT_BYREF | VT_VARIANT) && V_VARIANTREF(v)) v = V_VARIANTREF(v);
    if (V_VT(v) == (VT_ARRAY | VT_UI1)) *array = V_ARRAY(v);
    else if (V_VT(v) == (VT_BYREF | VT_ARRAY | VT_UI1) && V_ARRAYREF(v)) *array = *V_ARRAYREF(v);
    else
        return fxs_error(DISP_E_TYPEMISMATCH, iid, L"An extension property is an array of bytes "
                         L"(VT_ARRAY | VT_UI1), not a VARIANT of type 0x%x.", V_VT(v));
    if (!*array || SafeArrayGetDim(*array) != 1)
        return fxs_error(E_INVALIDARG, iid, L"An extension property is a one-dimensional array of bytes.");
    return S_OK;
}

HRESULT fxs_extension_property_set(IFaxServer *server, DWORD device_id, BSTR guid, const VARIANT *value, REFIID iid)
{
    struct data_call call = { device_id, guid };
    SAFEARRAY *array = NULL;
    LONG lower, upper;
    DWORD error;
    HRESULT hr;

    if (FAILED(hr = fxs_guid_check(guid, iid, L"The extension property's GUID"))) return hr;
    if (FAILED(hr = blob_of(value, iid, &array))) return hr;
    if (FAILED(hr = SafeArrayGetLBound(array, 1, &lower)) || FAILED(hr = SafeArrayGetUBound(array, 1, &upper)))
        return hr;
    call.size = upper >= lower ? (DWORD)(upper - lower + 1) : 0;
    if (call.size > FXS_MAX_EXTENSION_DATA)
        return fxs_error(E_INVALIDARG, iid, L"An extension property of %lu bytes is too large: the fax service keeps "
                         L"at most %lu bytes per property.", call.size, FXS_MAX_EXTENSION_DATA);
    if (FAILED(hr = SafeArrayAccessData(array, (void **)&call.data))) return hr;
    hr = fxs_service_call(server, set_data, &call, &error);
    SafeArrayUnaccessData(array);
    if (SUCCEEDED(hr) && error) hr = data_error(error, device_id, guid, iid, TRUE);
    return hr;
}
