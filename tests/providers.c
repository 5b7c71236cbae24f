/*
 * FaxServer.GetDeviceProviders: FaxDeviceProviders and FaxDeviceProvider against the real
 * service: the virtual line with its devices, every property as the service lists it, through the
 * vtables and through IDispatch by name, For Each, and bad input.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fax_objects.h"
#include "fxs_device_info.h"

/* The longs of a VT_ARRAY | VT_I4, joined with ",". */
static BOOL longs_of(const VARIANT *value, char *text, size_t size)
{
    LONG lower, upper, i, item;
    size_t used = 0;

    text[0] = 0;
    if (V_VT(value) != (VT_ARRAY | VT_I4) || SafeArrayGetDim(V_ARRAY(value)) != 1) return FALSE;
    SafeArrayGetLBound(V_ARRAY(value), 1, &lower);
    SafeArrayGetUBound(V_ARRAY(value), 1, &upper);
    for (i = lower; i <= upper && used < size; i++)
    {
        if (FAILED(SafeArrayGetElement(V_ARRAY(value), &i, &item))) return FALSE;
        used += snprintf(text + used, size - used, i > lower ? ",%ld" : "%ld", item);
    }
    return lower == 0;
}

static void check_provider(IFaxDeviceProvider *provider, const fxs_provider_info *info)
{
    FAX_PROVIDER_STATUS_ENUM status;
    VARIANT_BOOL debug;
    char text[64];
    VARIANT value;
    LONG number;
    HRESULT hr;

    EXPECT_TEXT(IFaxDeviceProvider_get_FriendlyName, provider, info->friendly_name);
    EXPECT_TEXT(IFaxDeviceProvider_get_ImageName, provider, info->image_name);
    EXPECT_TEXT(IFaxDeviceProvider_get_UniqueName, provider, info->unique_name);
    EXPECT_TEXT(IFaxDeviceProvider_get_TapiProviderName, provider, L"");
    ok(IFaxDeviceProvider_get_MajorVersion(provider, &number) == S_OK && number == info->major_version, "MajorVersion\n");
    ok(IFaxDeviceProvider_get_MinorVersion(provider, &number) == S_OK && number == info->minor_version, "MinorVersion\n");
    ok(IFaxDeviceProvider_get_MajorBuild(provider, &number) == S_OK && number == info->major_build, "MajorBuild\n");
    ok(IFaxDeviceProvider_get_MinorBuild(provider, &number) == S_OK && number == info->minor_build, "MinorBuild\n");
    ok(IFaxDeviceProvider_get_Debug(provider, &debug) == S_OK && debug == (info->debug ? VARIANT_TRUE : VARIANT_FALSE),
       "Debug %d\n", debug);
    ok(IFaxDeviceProvider_get_Status(provider, &status) == S_OK && status == fpsSUCCESS, "Status %d\n", status);
    ok(IFaxDeviceProvider_get_InitErrorCode(provider, &number) == S_OK && !number, "InitErrorCode %ld\n", number);
    hr = IFaxDeviceProvider_get_DeviceIds(provider, &value);
    ok(hr == S_OK && longs_of(&value, text, sizeof(text)) && !strcmp(text, "1,2"), "DeviceIds: %#lx %s\n", hr, text);
    VariantClear(&value);
    ok(IFaxDeviceProvider_get_FriendlyName(provider, NULL) == E_POINTER, "FriendlyName(NULL)\n");
    ok(IFaxDeviceProvider_get_ImageName(provider, NULL) == E_POINTER, "ImageName(NULL)\n");
    ok(IFaxDeviceProvider_get_UniqueName(provider, NULL) == E_POINTER, "UniqueName(NULL)\n");
    ok(IFaxDeviceProvider_get_TapiProviderName(provider, NULL) == E_POINTER, "TapiProviderName(NULL)\n");
    ok(IFaxDeviceProvider_get_MajorVersion(provider, NULL) == E_POINTER, "MajorVersion(NULL)\n");
    ok(IFaxDeviceProvider_get_MinorVersion(provider, NULL) == E_POINTER, "MinorVersion(NULL)\n");
    ok(IFaxDeviceProvider_get_MajorBuild(provider, NULL) == E_POINTER, "MajorBuild(NULL)\n");
    ok(IFaxDeviceProvider_get_MinorBuild(provider, NULL) == E_POINTER, "MinorBuild(NULL)\n");
    ok(IFaxDeviceProvider_get_Debug(provider, NULL) == E_POINTER, "Debug(NULL)\n");
    ok(IFaxDeviceProvider_get_Status(provider, NULL) == E_POINTER, "Status(NULL)\n");
    ok(IFaxDeviceProvider_get_InitErrorCode(provider, NULL) == E_POINTER, "InitErrorCode(NULL)\n");
    ok(IFaxDeviceProvider_get_DeviceIds(provider, NULL) == E_POINTER, "DeviceIds(NULL)\n");
    ok(object_is_class((IUnknown *)provider, &CLSID_FaxDeviceProvider, &IID_IFaxDeviceProvider),
       "the provider's class or error info\n");

    /* Late bound: every property by name. */
    ok(dispid_of((IDispatch *)provider, L"DeviceIds") == 12, "DISPID of DeviceIds\n");
    hr = get_by_name((IDispatch *)provider, L"DeviceIds", &value);
    ok(hr == S_OK && longs_of(&value, text, sizeof(text)) && !strcmp(text, "1,2"), "DeviceIds by name: %#lx\n", hr);
    VariantClear(&value);
    hr = get_by_name((IDispatch *)provider, L"UniqueName", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR && !wcscmp(V_BSTR(&value), info->unique_name), "UniqueName by name\n");
    VariantClear(&value);
    hr = get_by_name((IDispatch *)provider, L"FriendlyName", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR && !wcscmp(V_BSTR(&value), info->friendly_name), "FriendlyName by name\n");
    VariantClear(&value);
    hr = get_by_name((IDispatch *)provider, L"ImageName", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR, "ImageName by name: %#lx\n", hr);
    VariantClear(&value);
    hr = get_by_name((IDispatch *)provider, L"TapiProviderName", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR, "TapiProviderName by name: %#lx\n", hr);
    VariantClear(&value);
    check_read_only_long((IDispatch *)provider, L"MajorVersion", info->major_version);
    check_read_only_long((IDispatch *)provider, L"MinorVersion", info->minor_version);
    check_read_only_long((IDispatch *)provider, L"MajorBuild", info->major_build);
    check_read_only_long((IDispatch *)provider, L"MinorBuild", info->minor_build);
    check_read_only_long((IDispatch *)provider, L"Status", fpsSUCCESS);
    check_read_only_long((IDispatch *)provider, L"InitErrorCode", 0);
    hr = get_by_name((IDispatch *)provider, L"Debug", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BOOL, "Debug by name: %#lx\n", hr);
}

static void test_providers(IFaxServer2 *server, struct fxs_link *link)
{
    fxs_provider_info *infos = NULL;
    IFaxDeviceProviders *providers = NULL;
    IFaxDeviceProvider *provider = NULL, *again;
    IEnumVARIANT *enumerator;
    IUnknown *unknown;
    VARIANT index, item, result;
    DWORD count = 0;
    ULONG fetched;
    LONG number = 0, seen = 0;
    WCHAR *upper;
    HRESULT hr;

    ok(IFaxServer2_GetDeviceProviders(server, NULL) == E_POINTER, "GetDeviceProviders(NULL)\n");
    hr = IFaxServer2_GetDeviceProviders(server, &providers);
    ok(hr == S_OK, "GetDeviceProviders: %#lx\n", hr);
    ok(!fxs_rpc_list_providers(fxs_link_session(link), &count, &infos) && count == 1, "the service's providers\n");
    if (hr != S_OK || count != 1) goto done;

    ok(object_is_class((IUnknown *)providers, &CLSID_FaxDeviceProviders, &IID_IFaxDeviceProviders),
       "the collection's class or error info\n");
    ok(IFaxDeviceProviders_get_Count(providers, &number) == S_OK && number == 1, "Count %ld\n", number);
    ok(IFaxDeviceProviders_get_Count(providers, NULL) == E_POINTER, "Count(NULL)\n");
    hr = IFaxDeviceProviders_get_Item(providers, variant_i4(1), &provider);
    ok(hr == S_OK, "Item(1): %#lx\n", hr);
    if (hr != S_OK) goto done;
    check_provider(provider, infos);

    /* By unique name, case ignored; not there; out of range; wrong type; NULL. */
    upper = _wcsdup(infos->unique_name);
    _wcsupr(upper);
    index = variant_text(upper);
    hr = IFaxDeviceProviders_get_Item(providers, index, &again);
    ok(hr == S_OK && again == provider, "Item(%s): %#lx\n", wine_dbgstr_w(upper), hr);
    if (hr == S_OK) IFaxDeviceProvider_Release(again);
    VariantClear(&index);
    free(upper);
    index = variant_text(L"hylafax");
    again = (void *)0xdeadbeef;
    hr = IFaxDeviceProviders_get_Item(providers, index, &again);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_FOUND) && !again, "Item(\"hylafax\"): %#lx\n", hr);
    ok(last_error_has(L"hylafax"), "the error names the provider\n");
    VariantClear(&index);
    ok(IFaxDeviceProviders_get_Item(providers, variant_i4(0), &again) == E_INVALIDARG, "Item(0)\n");
    ok(IFaxDeviceProviders_get_Item(providers, variant_i4(2), &again) == E_INVALIDARG, "Item(2)\n");
    ok(IFaxDeviceProviders_get_Item(providers, variant_i4(1), NULL) == E_POINTER, "Item(1, NULL)\n");
    V_VT(&index) = VT_UNKNOWN;
    V_UNKNOWN(&index) = (IUnknown *)providers;
    ok(IFaxDeviceProviders_get_Item(providers, index, &again) == DISP_E_TYPEMISMATCH, "Item(an object)\n");
    ok(IFaxDeviceProviders_get__NewEnum(providers, NULL) == E_POINTER, "_NewEnum(NULL)\n");

    /* For Each. */
    hr = IFaxDeviceProviders_get__NewEnum(providers, &unknown);
    ok(hr == S_OK, "_NewEnum: %#lx\n", hr);
    if (hr == S_OK)
    {
        IUnknown_QueryInterface(unknown, &IID_IEnumVARIANT, (void **)&enumerator);
        while (IEnumVARIANT_Next(enumerator, 1, &item, &fetched) == S_OK && fetched == 1)
        {
            ok(V_VT(&item) == VT_DISPATCH && V_DISPATCH(&item) == (IDispatch *)provider, "For Each gave another item\n");
            seen++;
            VariantClear(&item);
        }
        ok(seen == 1, "For Each gave %ld providers\n", seen);
        IEnumVARIANT_Release(enumerator);
        IUnknown_Release(unknown);
    }

    /* Late bound: Count, Item by name with the unique name. */
    check_read_only_long((IDispatch *)providers, L"Count", 1);
    index = variant_text(infos->unique_name);
    hr = invoke_by_name((IDispatch *)providers, L"Item", DISPATCH_PROPERTYGET | DISPATCH_METHOD, &index, 1, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH && V_DISPATCH(&result) == (IDispatch *)provider, "Item by name: %#lx\n",
       hr);
    VariantClear(&result);
    VariantClear(&index);
    hr = invoke_by_name((IDispatch *)server, L"GetDeviceProviders", DISPATCH_METHOD, NULL, 0, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "GetDeviceProviders by name: %#lx\n", hr);
    VariantClear(&result);

done:
    fxs_provider_infos_free(infos, count);
    if (provider) IFaxDeviceProvider_Release(provider);
    if (providers) IFaxDeviceProviders_Release(providers);
}

static void test_disconnected(void)
{
    IFaxDeviceProviders *providers = (void *)0xdeadbeef;
    IFaxServer2 *server;
    HRESULT hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);

    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr != S_OK) return;
    hr = IFaxServer2_GetDeviceProviders(server, &providers);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) && !providers, "GetDeviceProviders before Connect: %#lx\n", hr);
    IFaxServer2_Release(server);
}

START_TEST(providers)
{
    run_against_service(L"fxscomex-providers", L"10", test_providers, test_disconnected);
}
