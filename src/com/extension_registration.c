/*
 * FaxServer.RegisterDeviceProvider, UnregisterDeviceProvider, RegisterInboundRoutingExtension and
 * UnregisterInboundRoutingExtension. The fax service cannot load Windows fax service provider or
 * routing extension DLLs (its devices and routing methods are built in), so after checking the
 * arguments as Microsoft documents them (each fault with its own error), registering fails with
 * HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED); unregistering a built-in provider or extension fails the
 * same way, and one the service does not have with HRESULT_FROM_WIN32(ERROR_NOT_FOUND).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_device_info.h"
#include "fxs_routing_info.h"

/* The only extended fax service provider interface version there is (FSPI_API_VERSION_1). */
#define FSPI_API_VERSION_1 0x00010000

static HRESULT require_text(BSTR text, const WCHAR *parameter)
{
    if (text && text[0]) return S_OK;
    return fxs_error(E_INVALIDARG, &IID_IFaxServer, L"%s must not be empty.", parameter);
}

static HRESULT cannot_load(const WCHAR *what, const WCHAR *image)
{
    return fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED), &IID_IFaxServer, L"The fax service cannot load %s \"%s\": "
                     L"it runs no Windows fax extension DLLs, its device providers and inbound routing methods are "
                     L"built in.", what, image);
}

HRESULT fax_server_register_device_provider(IFaxServer *server, BSTR guid, BSTR friendly_name, BSTR image_name,
                                            BSTR tsp_name, LONG fspi_version)
{
    HRESULT hr;

    if (FAILED(hr = fxs_guid_check(guid, &IID_IFaxServer, L"The provider's GUID")) ||
        FAILED(hr = require_text(friendly_name, L"The provider's friendly name")) ||
        FAILED(hr = require_text(image_name, L"The provider's image name")))
        return hr;
    if (fspi_version != FSPI_API_VERSION_1)
        return fxs_error(E_INVALIDARG, &IID_IFaxServer, L"FSPI version %#lx is not one there is: the extended fax "
                         L"service provider interface has version 0x10000 only.", fspi_version);
    return cannot_load(L"the fax service provider", image_name);
}

static HRESULT built_in(const WCHAR *what, BSTR unique_name, BOOL found)
{
    if (found)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED), &IID_IFaxServer, L"The %s \"%s\" is built into the "
                         L"fax service: it cannot be unregistered.", what, unique_name);
    return fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_FOUND), &IID_IFaxServer, L"The fax service has no %s \"%s\".", what,
                     unique_name);
}

HRESULT fax_server_unregister_device_provider(IFaxServer *server, BSTR unique_name)
{
    fxs_provider_info *providers;
    BOOL found = FALSE;
    DWORD count, i;
    HRESULT hr;

    if (FAILED(hr = require_text(unique_name, L"The provider's unique name"))) return hr;
    if (FAILED(hr = fxs_device_providers_list(server, &count, &providers))) return hr;
    for (i = 0; i < count; i++) found |= !lstrcmpiW(providers[i].unique_name, unique_name);
    fxs_provider_infos_free(providers, count);
    return built_in(L"device provider", unique_name, found);
}

/* One method: "Method name;Friendly name;Function name;Method GUID", every part given. */
static HRESULT check_method(const WCHAR *text, LONG index)
{
    const WCHAR *parts[4], *p = text ? text : L"";
    WCHAR guid[FXS_GUID_LENGTH + 1];
    unsigned int count = 0;
    size_t length;

    parts[count++] = p;
    for (; *p; p++)
        if (*p == ';' && count < 4) parts[count++] = p + 1;
        else if (*p == ';') count = 5;
    if (count != 4 || parts[1] - parts[0] < 2 || parts[2] - parts[1] < 2 || parts[3] - parts[2] < 2)
        return fxs_error(E_INVALIDARG, &IID_IFaxServer, L"Method %ld, \"%s\", is not \"Method name;Friendly name;"
                         L"Function name;Method GUID\".", index, text ? text : L"");
    length = wcslen(parts[3]);
    lstrcpynW(guid, parts[3], ARRAY_SIZE(guid));
    if (length > FXS_GUID_LENGTH) guid[0] = 0;
    return fxs_guid_check(guid, &IID_IFaxServer, L"The method's GUID");
}

static HRESULT check_methods(const VARIANT *methods)
{
    const VARIANT *v = methods;
    SAFEARRAY *array;
    LONG lower, upper, i;
    VARTYPE type;
    HRESULT hr = S_OK;

    while (V_VT(v) == (VT_BYREF | VT_VARIANT) && V_VARIANTREF(v)) v = V_VARIANTREF(v);
    if (V_VT(v) == (VT_ARRAY | VT_BSTR) || V_VT(v) == (VT_ARRAY | VT_VARIANT)) array = V_ARRAY(v);
    else if ((V_VT(v) == (VT_BYREF | VT_ARRAY | VT_BSTR) || V_VT(v) == (VT_BYREF | VT_ARRAY | VT_VARIANT)) && V_ARRAYREF(v))
        array = *V_ARRAYREF(v);
    else
        return fxs_error(DISP_E_TYPEMISMATCH, &IID_IFaxServer, L"The methods are an array of strings, not a VARIANT of "
                         L"type 0x%x.", V_VT(v));
    if (!array || SafeArrayGetDim(array) != 1 || FAILED(SafeArrayGetLBound(array, 1, &lower)) ||
        FAILED(SafeArrayGetUBound(array, 1, &upper)) || lower != 0 || upper < 0)
        return fxs_error(E_INVALIDARG, &IID_IFaxServer, L"The methods must be a one-dimensional, non-empty array "
                         L"whose first index is 0.");
    SafeArrayGetVartype(array, &type);
    for (i = 0; i <= upper && SUCCEEDED(hr); i++)
    {
        VARIANT item;

        VariantInit(&item);
        if (type == VT_BSTR) hr = SafeArrayGetElement(array, &i, &V_BSTR(&item)), V_VT(&item) = VT_BSTR;
        else hr = SafeArrayGetElement(array, &i, &item);
        if (SUCCEEDED(hr) && V_VT(&item) != VT_BSTR)
            hr = fxs_error(DISP_E_TYPEMISMATCH, &IID_IFaxServer, L"Method %ld is not a string.", i);
        if (SUCCEEDED(hr)) hr = check_method(V_BSTR(&item), i);
        VariantClear(&item);
    }
    return hr;
}

HRESULT fax_server_register_routing_extension(IFaxServer *server, BSTR extension_name, BSTR friendly_name,
                                              BSTR image_name, const VARIANT *methods)
{
    HRESULT hr;

    if (FAILED(hr = require_text(extension_name, L"The extension's name")) ||
        FAILED(hr = require_text(friendly_name, L"The extension's friendly name")) ||
        FAILED(hr = require_text(image_name, L"The extension's image name")) || FAILED(hr = check_methods(methods)))
        return hr;
    return cannot_load(L"the inbound routing extension", image_name);
}

HRESULT fax_server_unregister_routing_extension(IFaxServer *server, BSTR unique_name)
{
    fxs_routing_method_info *methods;
    BOOL found = FALSE;
    DWORD count, i;
    HRESULT hr;

    if (FAILED(hr = require_text(unique_name, L"The extension's unique name"))) return hr;
    if (FAILED(hr = fxs_routing_methods_list(server, &IID_IFaxServer, &count, &methods))) return hr;
    for (i = 0; i < count; i++) found |= !lstrcmpiW(methods[i].extension_unique_name, unique_name);
    fxs_routing_method_infos_free(methods, count);
    return built_in(L"inbound routing extension", unique_name, found);
}
