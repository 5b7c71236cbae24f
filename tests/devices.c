/*
 * FaxServer.GetDevices: FaxDevices and FaxDevice against the real service's virtual line: the
 * devices as the service lists them, their settings saved (with the service's event) and
 * refreshed, the manual answer of a call with AnswerCall, and the bad input of every member,
 * through the vtables and through IDispatch.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fax_objects.h"
#include "fxs_device_info.h"

/* What the service itself says of its devices and of their provider. */
static void check_against_service(IFaxDevices *devices, struct fxs_link *link)
{
    fxs_provider_info *providers = NULL;
    fxs_device_info *infos = NULL;
    DWORD count = 0, provider_count = 0, i;
    LONG device_count = 0;
    IFaxDevice *device;
    VARIANT_BOOL flag;
    HRESULT hr;
    LONG number;

    ok(!fxs_rpc_list_devices(fxs_link_session(link), &count, &infos), "the service's devices\n");
    ok(!fxs_rpc_list_providers(fxs_link_session(link), &provider_count, &providers), "the service's providers\n");
    ok(IFaxDevices_get_Count(devices, &device_count) == S_OK && device_count == 2 && count == 2, "Count %ld, %lu\n",
       device_count, count);
    for (i = 0; i < count && i < (DWORD)device_count; i++)
    {
        hr = IFaxDevices_get_Item(devices, variant_i4(i + 1), &device);
        ok(hr == S_OK, "Item(%lu): %#lx\n", i + 1, hr);
        if (hr != S_OK) continue;
        ok(IFaxDevice_get_Id(device, &number) == S_OK && number == infos[i].id, "Id %ld\n", number);
        EXPECT_TEXT(IFaxDevice_get_DeviceName, device, infos[i].name);
        EXPECT_TEXT(IFaxDevice_get_ProviderUniqueName, device, provider_count ? providers[0].unique_name : L"?");
        EXPECT_TEXT(IFaxDevice_get_Description, device, L"A simulated fax line (fxscomex virtual line)");
        EXPECT_TEXT(IFaxDevice_get_CSID, device, infos[i].csid);
        EXPECT_TEXT(IFaxDevice_get_TSID, device, infos[i].tsid);
        ok(IFaxDevice_get_PoweredOff(device, &flag) == S_OK && flag == VARIANT_FALSE, "PoweredOff %d\n", flag);
        ok(IFaxDevice_get_SendingNow(device, &flag) == S_OK && flag == VARIANT_FALSE, "SendingNow %d\n", flag);
        ok(IFaxDevice_get_ReceivingNow(device, &flag) == S_OK && flag == VARIANT_FALSE, "ReceivingNow %d\n", flag);
        ok(IFaxDevice_get_RingingNow(device, &flag) == S_OK && flag == VARIANT_FALSE, "RingingNow %d\n", flag);
        ok(IFaxDevice_get_SendEnabled(device, &flag) == S_OK && flag == VARIANT_TRUE, "SendEnabled %d\n", flag);
        ok(IFaxDevice_get_ReceiveMode(device, (FAX_DEVICE_RECEIVE_MODE_ENUM *)&number) == S_OK &&
           number == fdrmAUTO_ANSWER, "ReceiveMode %ld\n", number);
        ok(IFaxDevice_get_RingsBeforeAnswer(device, &number) == S_OK && number == 2, "RingsBeforeAnswer %ld\n", number);
        IFaxDevice_Release(device);
    }
    fxs_device_infos_free(infos, count);
    fxs_provider_infos_free(providers, provider_count);
}

static void test_collection(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxDevices *devices;
    IFaxDevice *device;
    IEnumVARIANT *enumerator;
    IUnknown *unknown;
    VARIANT index, item;
    ULONG fetched;
    LONG seen = 0, id;
    HRESULT hr;

    ok(IFaxServer2_GetDevices(server, NULL) == E_POINTER, "GetDevices(NULL)\n");
    if (!(devices = get_devices(server))) return;
    check_against_service(devices, link);

    /* By name, case ignored; by id. */
    index = variant_text(L"virtual fax 2");
    hr = IFaxDevices_get_Item(devices, index, &device);
    ok(hr == S_OK, "Item(\"virtual fax 2\"): %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(IFaxDevice_get_Id(device, &id) == S_OK && id == 2, "Id %ld\n", id);
        IFaxDevice_Release(device);
    }
    VariantClear(&index);
    index = variant_text(L"Virtual Fax 9");
    device = (void *)0xdeadbeef;
    hr = IFaxDevices_get_Item(devices, index, &device);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_FOUND) && !device, "Item of a name not there: %#lx\n", hr);
    ok(last_error_has(L"Virtual Fax 9"), "the error names the device\n");
    VariantClear(&index);
    hr = IFaxDevices_get_ItemById(devices, 1, &device);
    ok(hr == S_OK, "ItemById(1): %#lx\n", hr);
    if (hr == S_OK)
    {
        EXPECT_TEXT(IFaxDevice_get_DeviceName, device, L"Virtual Fax 1");
        IFaxDevice_Release(device);
    }
    hr = IFaxDevices_get_ItemById(devices, 99, &device);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_FOUND), "ItemById(99): %#lx\n", hr);
    hr = IFaxDevices_get_ItemById(devices, -1, &device);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_FOUND), "ItemById(-1): %#lx\n", hr);
    ok(IFaxDevices_get_ItemById(devices, 1, NULL) == E_POINTER, "ItemById with NULL out\n");

    /* Out of range, wrong types, NULL. */
    ok(IFaxDevices_get_Item(devices, variant_i4(0), &device) == E_INVALIDARG, "Item(0)\n");
    ok(IFaxDevices_get_Item(devices, variant_i4(3), &device) == E_INVALIDARG, "Item(3)\n");
    ok(last_error_has(L"numbered from 1"), "the error says how items are numbered\n");
    ok(IFaxDevices_get_Item(devices, variant_i4(1), NULL) == E_POINTER, "Item with NULL out\n");
    V_VT(&index) = VT_UNKNOWN;
    V_UNKNOWN(&index) = (IUnknown *)devices;
    ok(IFaxDevices_get_Item(devices, index, &device) == DISP_E_TYPEMISMATCH, "Item(an object)\n");
    V_VT(&index) = VT_I2;
    V_I2(&index) = 2;
    hr = IFaxDevices_get_Item(devices, index, &device);
    ok(hr == S_OK, "Item(short 2): %#lx\n", hr);
    if (hr == S_OK) IFaxDevice_Release(device);
    ok(IFaxDevices_get_Count(devices, NULL) == E_POINTER, "Count(NULL)\n");
    ok(IFaxDevices_get__NewEnum(devices, NULL) == E_POINTER, "_NewEnum(NULL)\n");

    /* For Each. */
    hr = IFaxDevices_get__NewEnum(devices, &unknown);
    ok(hr == S_OK, "_NewEnum: %#lx\n", hr);
    if (hr == S_OK)
    {
        IUnknown_QueryInterface(unknown, &IID_IEnumVARIANT, (void **)&enumerator);
        while (IEnumVARIANT_Next(enumerator, 1, &item, &fetched) == S_OK)
        {
            if (V_VT(&item) == VT_DISPATCH && SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&item), &IID_IFaxDevice,
                                                                                 (void **)&device)))
            {
                ok(IFaxDevice_get_Id(device, &id) == S_OK && id == seen + 1, "For Each: device %ld\n", id);
                seen++;
                IFaxDevice_Release(device);
            }
            VariantClear(&item);
        }
        ok(seen == 2, "For Each saw %ld devices\n", seen);
        IEnumVARIANT_Release(enumerator);
        IUnknown_Release(unknown);
    }

    /* Late bound: Item by name, ItemById by DISPID 2. */
    index = variant_text(L"Virtual Fax 1");
    hr = invoke_by_name((IDispatch *)devices, L"Item", DISPATCH_PROPERTYGET, &index, 1, &item);
    ok(hr == S_OK && V_VT(&item) == VT_DISPATCH, "Item by name: %#lx\n", hr);
    VariantClear(&item);
    VariantClear(&index);
    ok(dispid_of((IDispatch *)devices, L"ItemById") == 2, "DISPID of ItemById\n");
    index = variant_text(L"two");
    hr = invoke_by_name((IDispatch *)devices, L"ItemById", DISPATCH_PROPERTYGET, &index, 1, &item);
    ok(hr == DISP_E_TYPEMISMATCH, "ItemById(\"two\") by name: %#lx\n", hr);
    VariantClear(&index);
    IFaxDevices_Release(devices);
}

static void test_settings(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxDevice *device = get_device(server, 1), *other;
    struct event_log log = { 0 };
    BSTR text = SysAllocString(L"Front desk line"), csid = SysAllocString(L"+1 555 0100"), empty = SysAllocString(L"");
    BSTR long_id = SysAllocString(L"123456789012345678901"), huge = SysAllocStringLen(NULL, 2000000);
    FAX_DEVICE_RECEIVE_MODE_ENUM mode;
    VARIANT value;
    VARIANT_BOOL flag;
    LONG number;
    HRESULT hr;

    if (!device) return;
    wmemset(huge, 'x', 2000000);
    ok(IFaxDevice_put_Description(device, text) == S_OK, "put_Description\n");
    ok(IFaxDevice_put_CSID(device, csid) == S_OK, "put_CSID\n");
    ok(IFaxDevice_put_TSID(device, empty) == S_OK, "put_TSID\n");
    ok(IFaxDevice_put_RingsBeforeAnswer(device, 5) == S_OK, "put_RingsBeforeAnswer\n");
    ok(IFaxDevice_put_SendEnabled(device, VARIANT_FALSE) == S_OK, "put_SendEnabled\n");
    ok(IFaxDevice_put_ReceiveMode(device, fdrmNO_ANSWER) == S_OK, "put_ReceiveMode\n");
    EXPECT_TEXT(IFaxDevice_get_CSID, device, L"+1 555 0100");
    hr = IFaxDevice_Save(device);
    ok(hr == S_OK, "Save: %#lx\n", hr);
    ok(wait_for_config(link, &log, FXS_CONFIG_DEVICES), "no OnDevicesConfigChange\n");
    log_free(&log);

    /* Another object sees it; a snapshot sees it after Refresh. */
    if ((other = get_device(server, 1)))
    {
        EXPECT_TEXT(IFaxDevice_get_Description, other, L"Front desk line");
        EXPECT_TEXT(IFaxDevice_get_CSID, other, L"+1 555 0100");
        EXPECT_TEXT(IFaxDevice_get_TSID, other, L"");
        ok(IFaxDevice_get_RingsBeforeAnswer(other, &number) == S_OK && number == 5, "rings %ld\n", number);
        ok(IFaxDevice_get_SendEnabled(other, &flag) == S_OK && flag == VARIANT_FALSE, "SendEnabled %d\n", flag);
        ok(IFaxDevice_get_ReceiveMode(other, &mode) == S_OK && mode == fdrmNO_ANSWER, "ReceiveMode %d\n", mode);
        IFaxDevice_put_RingsBeforeAnswer(device, 4);
        ok(IFaxDevice_Save(device) == S_OK, "Save\n");
        ok(IFaxDevice_get_RingsBeforeAnswer(other, &number) == S_OK && number == 5, "before Refresh: %ld\n", number);
        ok(IFaxDevice_Refresh(other) == S_OK, "Refresh\n");
        ok(IFaxDevice_get_RingsBeforeAnswer(other, &number) == S_OK && number == 4, "after Refresh: %ld\n", number);
        IFaxDevice_put_Description(other, empty);
        ok(IFaxDevice_Refresh(other) == S_OK, "Refresh\n");
        EXPECT_TEXT(IFaxDevice_get_Description, other, L"Front desk line");
        IFaxDevice_Release(other);
    }

    /* What the service refuses: nothing changes. */
    IFaxDevice_put_ReceiveMode(device, 7);
    hr = IFaxDevice_Save(device);
    ok(hr == E_INVALIDARG, "ReceiveMode 7: %#lx\n", hr);
    ok(last_error_has(L"ReceiveMode"), "the error names the ranges\n");
    IFaxDevice_put_ReceiveMode(device, fdrmAUTO_ANSWER);
    IFaxDevice_put_RingsBeforeAnswer(device, -1);
    ok(IFaxDevice_Save(device) == E_INVALIDARG, "RingsBeforeAnswer -1 saved\n");
    IFaxDevice_put_RingsBeforeAnswer(device, 100);
    ok(IFaxDevice_Save(device) == E_INVALIDARG, "RingsBeforeAnswer 100 saved\n");
    IFaxDevice_put_RingsBeforeAnswer(device, 2);
    IFaxDevice_put_CSID(device, long_id);
    ok(IFaxDevice_Save(device) == E_INVALIDARG, "a CSID of 21 characters saved\n");
    IFaxDevice_put_CSID(device, csid);
    IFaxDevice_put_Description(device, huge);
    hr = IFaxDevice_Save(device);
    ok(hr == E_INVALIDARG, "a description of 2 million characters: %#lx\n", hr);
    ok(IFaxDevice_Refresh(device) == S_OK, "Refresh\n");
    ok(IFaxDevice_get_RingsBeforeAnswer(device, &number) == S_OK && number == 4, "after refused saves: %ld\n", number);
    EXPECT_TEXT(IFaxDevice_get_CSID, device, L"+1 555 0100");

    /* NULL pointers; a NULL BSTR is the empty string. */
    ok(IFaxDevice_get_Id(device, NULL) == E_POINTER, "Id(NULL)\n");
    ok(IFaxDevice_get_DeviceName(device, NULL) == E_POINTER, "DeviceName(NULL)\n");
    ok(IFaxDevice_get_PoweredOff(device, NULL) == E_POINTER, "PoweredOff(NULL)\n");
    ok(IFaxDevice_get_ReceiveMode(device, NULL) == E_POINTER, "ReceiveMode(NULL)\n");
    ok(IFaxDevice_get_UsedRoutingMethods(device, NULL) == E_POINTER, "UsedRoutingMethods(NULL)\n");
    ok(IFaxDevice_put_Description(device, NULL) == S_OK, "put_Description(NULL)\n");
    EXPECT_TEXT(IFaxDevice_get_Description, device, L"");

    /* Routing methods and extension properties: bad GUIDs (tests/inbound_routing.c has the rest). */
    hr = IFaxDevice_UseRoutingMethod(device, text, VARIANT_TRUE);
    ok(hr == E_INVALIDARG, "UseRoutingMethod(not a GUID): %#lx\n", hr);
    ok(last_error_has(L"not a GUID"), "the error says what a GUID is\n");
    hr = IFaxDevice_GetExtensionProperty(device, text, &value);
    ok(hr == E_INVALIDARG && V_VT(&value) == VT_EMPTY, "GetExtensionProperty(not a GUID): %#lx\n", hr);

    /* Late bound. */
    ok(dispid_of((IDispatch *)device, L"RingsBeforeAnswer") == 11, "DISPID of RingsBeforeAnswer\n");
    ok(dispid_of((IDispatch *)device, L"AnswerCall") == 20, "DISPID of AnswerCall\n");
    check_long_by_name((IDispatch *)device, L"RingsBeforeAnswer", 3);
    hr = get_by_name((IDispatch *)device, L"UsedRoutingMethods", &value);
    ok(hr == S_OK && V_VT(&value) == (VT_ARRAY | VT_BSTR), "UsedRoutingMethods by name: %#lx %#x\n", hr, V_VT(&value));
    VariantClear(&value);

    /* Back to the defaults. */
    IFaxDevice_put_SendEnabled(device, VARIANT_TRUE);
    IFaxDevice_put_RingsBeforeAnswer(device, 2);
    ok(IFaxDevice_Save(device) == S_OK, "Save\n");
    IFaxDevice_Release(device);
    SysFreeString(text);
    SysFreeString(csid);
    SysFreeString(empty);
    SysFreeString(long_id);
    SysFreeString(huge);
}

/* A call rings on device 2 in manual mode; OnNewCall; AnswerCall answers it. */
static void test_manual_answer(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxDevice *device = get_device(server, 2);
    struct event_log log = { 0 };
    VARIANT_BOOL flag = VARIANT_FALSE;
    ULONGLONG id = 0;
    int call;
    HRESULT hr;

    if (!device) return;
    hr = IFaxDevice_AnswerCall(device);
    ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), "AnswerCall with nothing ringing: %#lx\n", hr);
    ok(last_error_has(L"ringing"), "the error says no call rings\n");

    ok(IFaxDevice_put_ReceiveMode(device, fdrmMANUAL_ANSWER) == S_OK, "put_ReceiveMode\n");
    ok(IFaxDevice_Save(device) == S_OK, "Save\n");
    ok(submit_fax(link, L"1002", 2, &id) == ERROR_SUCCESS, "submitting\n");
    ok(wait_for(link, &log, FXS_EVENT_INCOMING_CALL, 0, 0), "no OnNewCall\n");
    call = find_event(&log, 0, FXS_EVENT_INCOMING_CALL, 0, 0);
    ok(call >= 0 && log.events[call].device_id == 2, "the call rings on device %ld\n",
       call >= 0 ? log.events[call].device_id : -1);
    ok(IFaxDevice_Refresh(device) == S_OK, "Refresh\n");
    ok(IFaxDevice_get_RingingNow(device, &flag) == S_OK && flag == VARIANT_TRUE, "RingingNow %d\n", flag);
    /* Manual mode: nobody answers unless told. 1 s is 10 s of service time: in automatic mode
     * the service would have answered after 2 rings (6 s). */
    pull_into(link, &log, 1000);
    ok(!log_has(&log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0), "the service answered by itself\n");

    hr = invoke_by_name((IDispatch *)device, L"AnswerCall", DISPATCH_METHOD, NULL, 0, NULL);
    ok(hr == S_OK, "AnswerCall by name: %#lx\n", hr);
    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0), "no incoming job\n");
    ok(IFaxDevice_Refresh(device) == S_OK, "Refresh\n");
    ok(IFaxDevice_get_RingingNow(device, &flag) == S_OK && flag == VARIANT_FALSE, "still ringing\n");
    ok(wait_for(link, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "the fax was not received\n");
    ok(wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id), "the fax was not sent\n");
    hr = IFaxDevice_AnswerCall(device);
    ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), "AnswerCall after the call: %#lx\n", hr);

    IFaxDevice_put_ReceiveMode(device, fdrmAUTO_ANSWER);
    ok(IFaxDevice_Save(device) == S_OK, "Save\n");
    log_free(&log);
    IFaxDevice_Release(device);
}

/* Objects keep their FaxServer, and fail cleanly once it is disconnected. */
static void test_disconnected(void)
{
    IFaxServer2 *server = connected_server(), *unconnected;
    IFaxDevices *devices = NULL;
    IFaxDevice *device;
    HRESULT hr;

    if (!server) return;
    device = get_device(server, 1);
    IFaxServer2_Release(server);
    if (device)
    {
        ok(IFaxDevice_Refresh(device) == S_OK, "Refresh after the FaxServer was released\n");
        IFaxDevice_Release(device);
    }

    if (!(server = connected_server())) return;
    device = get_device(server, 2);
    ok(IFaxServer2_Disconnect(server) == S_OK, "Disconnect\n");
    if (device)
    {
        hr = IFaxDevice_Refresh(device);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "Refresh after Disconnect: %#lx\n", hr);
        ok(IFaxDevice_Save(device) == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "Save after Disconnect\n");
        ok(IFaxDevice_AnswerCall(device) == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "AnswerCall after Disconnect\n");
        EXPECT_TEXT(IFaxDevice_get_DeviceName, device, L"Virtual Fax 2");
        IFaxDevice_Release(device);
    }
    hr = IFaxServer2_GetDevices(server, &devices);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) && !devices, "GetDevices after Disconnect: %#lx\n", hr);
    IFaxServer2_Release(server);

    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&unconnected);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    hr = IFaxServer2_GetDevices(unconnected, &devices);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "GetDevices before Connect: %#lx\n", hr);
    IFaxServer2_Release(unconnected);
}

static void test_devices(IFaxServer2 *server, struct fxs_link *link)
{
    test_collection(server, link);
    test_settings(server, link);
    test_manual_answer(server, link);
}

START_TEST(devices)
{
    /* Fast, but slow enough that an unanswered call rings for 6 s (10 rings, 6 s apart, in service time). */
    run_against_service(L"fxscomex-devices", L"10", test_devices, test_disconnected);
}
