/*
 * FaxServer.InboundRouting (FaxInboundRouting, its extensions and methods), FaxDevice's
 * UsedRoutingMethods and UseRoutingMethod, and the extension properties of FaxServer and
 * FaxDevice, against the real service: every member through the vtables and through IDispatch by
 * name, For Each, a received fax routed by its device's methods (and kept when the device uses
 * none), changes heard in another process, kept across a restart of the service, and bad input.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define connected_server sink_connected_server
#include "event_sink.h"
#undef connected_server
#include "fax_objects.h"
#include "access_rights.h"
#include "fxs_routing_info.h"
#include "child_process.h"

#define STORE_GUID    L"{7C07FA45-ADB4-401A-855A-0B664B42D756}"
#define STORE_GUID_LC L"{7c07fa45-adb4-401a-855a-0b664b42d756}"
#define EXTENSION     L"fxscomex.inbound_routing"
#define PROPERTY_GUID L"{B1F944B9-9A16-45D1-933A-4060A4871AB0}"
#define DISPID_ON_DEVICES_CONFIG_CHANGE 18

/* ---- helpers ---- */

static VARIANT blob(DWORD size, BYTE seed)
{
    VARIANT value;
    SAFEARRAY *array = SafeArrayCreateVector(VT_UI1, 0, size);
    DWORD i;

    for (i = 0; array && i < size; i++) ((BYTE *)array->pvData)[i] = (BYTE)(seed + i * 7);
    V_VT(&value) = VT_ARRAY | VT_UI1;
    V_ARRAY(&value) = array;
    return value;
}

static BOOL blob_equal(const VARIANT *value, DWORD size, BYTE seed)
{
    SAFEARRAY *array;
    LONG lower, upper;
    DWORD i;

    if (V_VT(value) != (VT_ARRAY | VT_UI1) || !(array = V_ARRAY(value))) return FALSE;
    if (SafeArrayGetDim(array) != 1 || SafeArrayGetLBound(array, 1, &lower) || SafeArrayGetUBound(array, 1, &upper))
        return FALSE;
    if (lower != 0 || upper + 1 != (LONG)size) return FALSE;
    for (i = 0; i < size; i++)
        if (((BYTE *)array->pvData)[i] != (BYTE)(seed + i * 7)) return FALSE;
    return TRUE;
}

/* The strings of a VT_ARRAY | VT_BSTR joined with ",", into text. */
static BOOL strings_of(const VARIANT *value, WCHAR *text, size_t size)
{
    LONG lower, upper, i;
    BSTR item;

    text[0] = 0;
    if (V_VT(value) != (VT_ARRAY | VT_BSTR) || SafeArrayGetDim(V_ARRAY(value)) != 1) return FALSE;
    SafeArrayGetLBound(V_ARRAY(value), 1, &lower);
    SafeArrayGetUBound(V_ARRAY(value), 1, &upper);
    for (i = lower; i <= upper; i++)
    {
        if (FAILED(SafeArrayGetElement(V_ARRAY(value), &i, &item))) return FALSE;
        if (i > lower) wcscat_s(text, size, L",");
        wcscat_s(text, size, item);
        SysFreeString(item);
    }
    return TRUE;
}

static void check_used_methods(IFaxDevice *device, const WCHAR *expected, int line)
{
    WCHAR text[256];
    VARIANT value;
    HRESULT hr = IFaxDevice_get_UsedRoutingMethods(device, &value);

    ok_(__FILE__, line)(hr == S_OK && strings_of(&value, text, ARRAY_SIZE(text)) && !wcscmp(text, expected),
                        "UsedRoutingMethods: %#lx %s, not %s\n", hr, wine_dbgstr_w(text), wine_dbgstr_w(expected));
    VariantClear(&value);
}
#define CHECK_USED(device, expected) check_used_methods(device, expected, __LINE__)

/* Counts the items For Each gives. */
static LONG for_each_count(IUnknown *collection_enum)
{
    IEnumVARIANT *enumerator;
    VARIANT item;
    ULONG fetched;
    LONG count = 0;

    if (IUnknown_QueryInterface(collection_enum, &IID_IEnumVARIANT, (void **)&enumerator) != S_OK) return -1;
    while (IEnumVARIANT_Next(enumerator, 1, &item, &fetched) == S_OK && fetched == 1)
    {
        if (V_VT(&item) == VT_DISPATCH) count++;
        VariantClear(&item);
    }
    IEnumVARIANT_Release(enumerator);
    return count;
}

/* ---- the child: another listening process ---- */

static void child_name(WCHAR *name, const WCHAR *what, DWORD parent)
{
    swprintf(name, 64, L"fxscomex-inbound_routing-%ls-%lu", what, parent);
}

/* Listens to configuration events until told done; exits with the number of OnDevicesConfigChange. */
static int child_main(DWORD parent)
{
    IFaxServer2 *server;
    struct sink sink;
    HANDLE ready, done;
    WCHAR name[64];
    LONG count = -1, i;

    child_name(name, L"ready", parent);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    child_name(name, L"done", parent);
    done = OpenEventW(SYNCHRONIZE, FALSE, name);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    sink_init(&sink, &DIID_IFaxServerNotify2);
    if (ready && done && (server = sink_connected_server()))
    {
        advise_sink(server, &sink);
        ok(IFaxServer2_ListenToServerEvents(server, fsetCONFIG) == S_OK, "ListenToServerEvents\n");
        SetEvent(ready);
        ok(WaitForSingleObject(done, 120000) == WAIT_OBJECT_0, "the parent never said done\n");
        /* Late events have time to arrive: a second one would be a fault. */
        Sleep(1000);
        EnterCriticalSection(&sink.lock);
        for (i = 0, count = 0; i < sink.count; i++) count += sink.calls[i].dispid == DISPID_ON_DEVICES_CONFIG_CHANGE;
        LeaveCriticalSection(&sink.lock);
        IFaxServer2_ListenToServerEvents(server, fsetNONE);
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    CoUninitialize();
    return count;
}

struct child
{
    HANDLE process, ready, done;
};

static BOOL child_start(struct child *child)
{
    WCHAR name[64];

    child_name(name, L"ready", GetCurrentProcessId());
    child->ready = CreateEventW(NULL, TRUE, FALSE, name);
    child_name(name, L"done", GetCurrentProcessId());
    child->done = CreateEventW(NULL, TRUE, FALSE, name);
    if (!(child->process = start_self("child %lu", GetCurrentProcessId()))) return FALSE;
    return WaitForSingleObject(child->ready, 60000) == WAIT_OBJECT_0;
}

/* The number of OnDevicesConfigChange the child heard. */
static DWORD child_end(struct child *child)
{
    DWORD code = MAXDWORD;

    SetEvent(child->done);
    if (child->process && WaitForSingleObject(child->process, 120000) == WAIT_OBJECT_0)
        GetExitCodeProcess(child->process, &code);
    CloseHandle(child->process);
    CloseHandle(child->ready);
    CloseHandle(child->done);
    return code;
}

/* ---- FaxInboundRouting and its extensions ---- */

static IFaxInboundRouting *get_routing(IFaxServer2 *server)
{
    IFaxInboundRouting *routing = NULL;
    HRESULT hr = IFaxServer2_get_InboundRouting(server, &routing);

    ok(hr == S_OK && routing, "InboundRouting: %#lx\n", hr);
    return routing;
}

static void check_collection_items(IDispatch *collection, const CLSID *clsid, const IID *iid, const WCHAR *key,
                                   const WCHAR *key_other_case)
{
    VARIANT index, result;
    IDispatch *item = (void *)0xdeadbeef, *first = NULL;
    IUnknown *enumerator;
    LONG count = 0;
    HRESULT hr;

    /* Every collection here has Item(VARIANT, T **) at slot 8 and Count at slot 9. */
    typedef HRESULT (WINAPI *item_fn)(IDispatch *, VARIANT, IDispatch **);
    typedef HRESULT (WINAPI *count_fn)(IDispatch *, LONG *);
    typedef HRESULT (WINAPI *enum_fn)(IDispatch *, IUnknown **);
    void **vtbl = *(void ***)collection;
    item_fn get_item = (item_fn)vtbl[8];
    count_fn get_count = (count_fn)vtbl[9];
    enum_fn get_enum = (enum_fn)vtbl[7];

    ok(object_is_class((IUnknown *)collection, clsid, iid), "the collection's class or error info\n");
    ok(get_count(collection, &count) == S_OK && count == 1, "Count %ld\n", count);
    ok(get_count(collection, NULL) == E_POINTER, "Count(NULL)\n");
    hr = get_item(collection, variant_i4(1), &first);
    ok(hr == S_OK && first, "Item(1): %#lx\n", hr);
    index = variant_text(key_other_case);
    hr = get_item(collection, index, &item);
    ok(hr == S_OK && item == first, "Item(%s): %#lx\n", wine_dbgstr_w(key_other_case), hr);
    if (hr == S_OK) IDispatch_Release(item);
    VariantClear(&index);
    index = variant_text(L"{00000000-0000-0000-0000-000000000000}");
    item = (void *)0xdeadbeef;
    hr = get_item(collection, index, &item);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_FOUND) && !item, "Item of an unknown key: %#lx\n", hr);
    ok(last_error_has(L"00000000-0000"), "the error names the key\n");
    VariantClear(&index);
    ok(get_item(collection, variant_i4(0), &item) == E_INVALIDARG, "Item(0)\n");
    ok(get_item(collection, variant_i4(2), &item) == E_INVALIDARG, "Item(2)\n");
    ok(last_error_has(L"numbered from 1"), "the error says how items are numbered\n");
    ok(get_item(collection, variant_i4(1), NULL) == E_POINTER, "Item(1, NULL)\n");
    V_VT(&index) = VT_UNKNOWN;
    V_UNKNOWN(&index) = (IUnknown *)collection;
    ok(get_item(collection, index, &item) == DISP_E_TYPEMISMATCH, "Item(an object)\n");
    ok(get_enum(collection, NULL) == E_POINTER, "_NewEnum(NULL)\n");
    hr = get_enum(collection, &enumerator);
    ok(hr == S_OK, "_NewEnum: %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(for_each_count(enumerator) == 1, "For Each did not give the one item\n");
        IUnknown_Release(enumerator);
    }

    /* Late bound: Count, Item by DISPID 0 with the key. */
    check_read_only_long(collection, L"Count", 1);
    index = variant_text(key);
    hr = invoke_by_name(collection, L"Item", DISPATCH_PROPERTYGET | DISPATCH_METHOD, &index, 1, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH && V_DISPATCH(&result) == first, "Item by name: %#lx\n", hr);
    VariantClear(&result);
    VariantClear(&index);
    if (first) IDispatch_Release(first);
}

static void test_extensions(IFaxServer2 *server)
{
    IFaxInboundRouting *routing = get_routing(server);
    IFaxInboundRoutingExtensions *extensions = NULL;
    IFaxInboundRoutingExtension *extension = NULL;
    FAX_PROVIDER_STATUS_ENUM status;
    VARIANT_BOOL debug, server_debug;
    LONG number, expected;
    WCHAR text[256];
    VARIANT value;
    HRESULT hr;

    ok(IFaxServer2_get_InboundRouting(server, NULL) == E_POINTER, "InboundRouting(NULL)\n");
    if (!routing) return;
    hr = get_by_name((IDispatch *)server, L"InboundRouting", &value);
    ok(hr == S_OK && V_VT(&value) == VT_DISPATCH, "InboundRouting by name: %#lx\n", hr);
    if (hr == S_OK)
    {
        VARIANT result;
        hr = invoke_by_name(V_DISPATCH(&value), L"GetExtensions", DISPATCH_METHOD, NULL, 0, &result);
        ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "GetExtensions by name: %#lx\n", hr);
        VariantClear(&result);
        hr = invoke_by_name(V_DISPATCH(&value), L"GetMethods", DISPATCH_METHOD, NULL, 0, &result);
        ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "GetMethods by name: %#lx\n", hr);
        VariantClear(&result);
    }
    VariantClear(&value);
    ok(object_is_class((IUnknown *)routing, &CLSID_FaxInboundRouting, &IID_IFaxInboundRouting),
       "FaxInboundRouting's class or error info\n");
    ok(IFaxInboundRouting_GetExtensions(routing, NULL) == E_POINTER, "GetExtensions(NULL)\n");
    ok(IFaxInboundRouting_GetMethods(routing, NULL) == E_POINTER, "GetMethods(NULL)\n");
    hr = IFaxInboundRouting_GetExtensions(routing, &extensions);
    ok(hr == S_OK, "GetExtensions: %#lx\n", hr);
    if (hr != S_OK) goto done;
    check_collection_items((IDispatch *)extensions, &CLSID_FaxInboundRoutingExtensions, &IID_IFaxInboundRoutingExtensions,
                           EXTENSION,
                           L"FXSCOMEX.Inbound_Routing");
    hr = IFaxInboundRoutingExtensions_get_Item(extensions, variant_i4(1), &extension);
    ok(hr == S_OK, "Item(1): %#lx\n", hr);
    if (hr != S_OK) goto done;

    ok(object_is_class((IUnknown *)extension, &CLSID_FaxInboundRoutingExtension, &IID_IFaxInboundRoutingExtension),
       "the extension's class or error info\n");
    EXPECT_TEXT(IFaxInboundRoutingExtension_get_FriendlyName, extension, L"fxscomex inbound routing");
    EXPECT_TEXT(IFaxInboundRoutingExtension_get_ImageName, extension, L"fxssvc.exe");
    EXPECT_TEXT(IFaxInboundRoutingExtension_get_UniqueName, extension, EXTENSION);
    /* The service's own version: the extension is built into it. */
    IFaxServer2_get_MajorVersion(server, &expected);
    ok(IFaxInboundRoutingExtension_get_MajorVersion(extension, &number) == S_OK && number == expected, "MajorVersion %ld\n",
       number);
    IFaxServer2_get_MinorVersion(server, &expected);
    ok(IFaxInboundRoutingExtension_get_MinorVersion(extension, &number) == S_OK && number == expected, "MinorVersion %ld\n",
       number);
    IFaxServer2_get_MajorBuild(server, &expected);
    ok(IFaxInboundRoutingExtension_get_MajorBuild(extension, &number) == S_OK && number == expected, "MajorBuild %ld\n",
       number);
    IFaxServer2_get_MinorBuild(server, &expected);
    ok(IFaxInboundRoutingExtension_get_MinorBuild(extension, &number) == S_OK && number == expected, "MinorBuild %ld\n",
       number);
    IFaxServer2_get_Debug(server, &server_debug);
    ok(IFaxInboundRoutingExtension_get_Debug(extension, &debug) == S_OK && debug == server_debug, "Debug %d\n", debug);
    ok(IFaxInboundRoutingExtension_get_Status(extension, &status) == S_OK && status == fpsSUCCESS, "Status %d\n", status);
    ok(IFaxInboundRoutingExtension_get_InitErrorCode(extension, &number) == S_OK && !number, "InitErrorCode %ld\n",
       number);
    hr = IFaxInboundRoutingExtension_get_Methods(extension, &value);
    ok(hr == S_OK && strings_of(&value, text, ARRAY_SIZE(text)) && !wcscmp(text, STORE_GUID), "Methods: %#lx %s\n", hr,
       wine_dbgstr_w(text));
    VariantClear(&value);

    ok(IFaxInboundRoutingExtension_get_FriendlyName(extension, NULL) == E_POINTER, "FriendlyName(NULL)\n");
    ok(IFaxInboundRoutingExtension_get_ImageName(extension, NULL) == E_POINTER, "ImageName(NULL)\n");
    ok(IFaxInboundRoutingExtension_get_UniqueName(extension, NULL) == E_POINTER, "UniqueName(NULL)\n");
    ok(IFaxInboundRoutingExtension_get_MajorVersion(extension, NULL) == E_POINTER, "MajorVersion(NULL)\n");
    ok(IFaxInboundRoutingExtension_get_MinorVersion(extension, NULL) == E_POINTER, "MinorVersion(NULL)\n");
    ok(IFaxInboundRoutingExtension_get_MajorBuild(extension, NULL) == E_POINTER, "MajorBuild(NULL)\n");
    ok(IFaxInboundRoutingExtension_get_MinorBuild(extension, NULL) == E_POINTER, "MinorBuild(NULL)\n");
    ok(IFaxInboundRoutingExtension_get_Debug(extension, NULL) == E_POINTER, "Debug(NULL)\n");
    ok(IFaxInboundRoutingExtension_get_Status(extension, NULL) == E_POINTER, "Status(NULL)\n");
    ok(IFaxInboundRoutingExtension_get_InitErrorCode(extension, NULL) == E_POINTER, "InitErrorCode(NULL)\n");
    ok(IFaxInboundRoutingExtension_get_Methods(extension, NULL) == E_POINTER, "Methods(NULL)\n");

    /* Late bound, every property by name. */
    ok(dispid_of((IDispatch *)extension, L"Methods") == 11, "DISPID of Methods\n");
    hr = get_by_name((IDispatch *)extension, L"UniqueName", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR && !wcscmp(V_BSTR(&value), EXTENSION), "UniqueName by name: %#lx\n", hr);
    VariantClear(&value);
    hr = get_by_name((IDispatch *)extension, L"FriendlyName", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR, "FriendlyName by name: %#lx\n", hr);
    VariantClear(&value);
    hr = get_by_name((IDispatch *)extension, L"ImageName", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR, "ImageName by name: %#lx\n", hr);
    VariantClear(&value);
    IFaxServer2_get_MajorVersion(server, &expected);
    check_read_only_long((IDispatch *)extension, L"MajorVersion", expected);
    IFaxServer2_get_MinorVersion(server, &expected);
    check_read_only_long((IDispatch *)extension, L"MinorVersion", expected);
    IFaxServer2_get_MajorBuild(server, &expected);
    check_read_only_long((IDispatch *)extension, L"MajorBuild", expected);
    IFaxServer2_get_MinorBuild(server, &expected);
    check_read_only_long((IDispatch *)extension, L"MinorBuild", expected);
    check_read_only_long((IDispatch *)extension, L"Status", fpsSUCCESS);
    check_read_only_long((IDispatch *)extension, L"InitErrorCode", 0);
    hr = get_by_name((IDispatch *)extension, L"Debug", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BOOL && V_BOOL(&value) == server_debug, "Debug by name: %#lx\n", hr);
    hr = get_by_name((IDispatch *)extension, L"Methods", &value);
    ok(hr == S_OK && strings_of(&value, text, ARRAY_SIZE(text)) && !wcscmp(text, STORE_GUID), "Methods by name: %#lx\n",
       hr);
    VariantClear(&value);
    value = variant_text(L"x");
    hr = invoke_by_name((IDispatch *)extension, L"FriendlyName", DISPATCH_PROPERTYPUT, &value, 1, NULL);
    ok(hr == DISP_E_MEMBERNOTFOUND, "put FriendlyName by name: %#lx\n", hr);
    VariantClear(&value);

done:
    if (extension) IFaxInboundRoutingExtension_Release(extension);
    if (extensions) IFaxInboundRoutingExtensions_Release(extensions);
    IFaxInboundRouting_Release(routing);
}

/* ---- the methods ---- */

/* Pulls for a while: whether any CONFIG event came. */
static BOOL config_event_within(struct fxs_link *link, DWORD ms)
{
    struct event_log log = { 0 };
    double deadline = now_ms() + ms;
    BOOL found = FALSE;
    DWORD i;

    while (now_ms() < deadline && pull_into(link, &log, 500)) ;
    for (i = 0; i < log.count; i++) found |= log.events[i].event_class == FXS_EVENT_CONFIG;
    log_free(&log);
    return found;
}

static void test_methods(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxInboundRouting *routing = get_routing(server);
    IFaxInboundRoutingMethods *methods = NULL;
    IFaxInboundRoutingMethod *method = NULL;
    VARIANT value;
    LONG priority;
    HRESULT hr;

    if (!routing) return;
    hr = IFaxInboundRouting_GetMethods(routing, &methods);
    ok(hr == S_OK, "GetMethods: %#lx\n", hr);
    if (hr != S_OK) goto done;
    check_collection_items((IDispatch *)methods, &CLSID_FaxInboundRoutingMethods, &IID_IFaxInboundRoutingMethods, STORE_GUID,
                           STORE_GUID_LC);
    hr = IFaxInboundRoutingMethods_get_Item(methods, variant_i4(1), &method);
    ok(hr == S_OK, "Item(1): %#lx\n", hr);
    if (hr != S_OK) goto done;

    ok(object_is_class((IUnknown *)method, &CLSID_FaxInboundRoutingMethod, &IID_IFaxInboundRoutingMethod),
       "the method's class or error info\n");
    EXPECT_TEXT(IFaxInboundRoutingMethod_get_Name, method, L"Store in the incoming archive");
    EXPECT_TEXT(IFaxInboundRoutingMethod_get_GUID, method, STORE_GUID);
    EXPECT_TEXT(IFaxInboundRoutingMethod_get_FunctionName, method, L"RouteToIncomingArchive");
    EXPECT_TEXT(IFaxInboundRoutingMethod_get_ExtensionFriendlyName, method, L"fxscomex inbound routing");
    EXPECT_TEXT(IFaxInboundRoutingMethod_get_ExtensionImageName, method, L"fxssvc.exe");
    ok(IFaxInboundRoutingMethod_get_Priority(method, &priority) == S_OK && priority == 1, "Priority %ld\n", priority);
    ok(IFaxInboundRoutingMethod_get_Name(method, NULL) == E_POINTER, "Name(NULL)\n");
    ok(IFaxInboundRoutingMethod_get_GUID(method, NULL) == E_POINTER, "GUID(NULL)\n");
    ok(IFaxInboundRoutingMethod_get_FunctionName(method, NULL) == E_POINTER, "FunctionName(NULL)\n");
    ok(IFaxInboundRoutingMethod_get_ExtensionFriendlyName(method, NULL) == E_POINTER, "ExtensionFriendlyName(NULL)\n");
    ok(IFaxInboundRoutingMethod_get_ExtensionImageName(method, NULL) == E_POINTER, "ExtensionImageName(NULL)\n");
    ok(IFaxInboundRoutingMethod_get_Priority(method, NULL) == E_POINTER, "Priority(NULL)\n");

    /* Priorities: 1 to the number of methods. */
    hr = IFaxInboundRoutingMethod_put_Priority(method, 0);
    ok(hr == E_INVALIDARG, "put_Priority(0): %#lx\n", hr);
    ok(last_error_has(L"start at 1"), "the error gives the range\n");
    ok(IFaxInboundRoutingMethod_put_Priority(method, -5) == E_INVALIDARG, "put_Priority(-5)\n");
    ok(IFaxInboundRoutingMethod_put_Priority(method, 2) == S_OK, "put_Priority(2)\n");
    ok(IFaxInboundRoutingMethod_get_Priority(method, &priority) == S_OK && priority == 2, "Priority %ld\n", priority);
    hr = IFaxInboundRoutingMethod_Save(method);
    ok(hr == E_INVALIDARG, "Save with priority 2 of 1 method: %#lx\n", hr);
    ok(last_error_has(L"priorities 1 to 1"), "the error gives the range\n");
    ok(IFaxInboundRoutingMethod_Refresh(method) == S_OK, "Refresh\n");
    ok(IFaxInboundRoutingMethod_get_Priority(method, &priority) == S_OK && priority == 1, "after Refresh: %ld\n", priority);
    ok(IFaxInboundRoutingMethod_Save(method) == S_OK, "Save with priority 1\n");
    ok(!config_event_within(link, 1500), "saving the priority in force fired an event\n");

    /* Late bound. */
    ok(dispid_of((IDispatch *)method, L"Save") == 8, "DISPID of Save\n");
    check_long_by_name((IDispatch *)method, L"Priority", 1);
    hr = put_by_name((IDispatch *)method, L"Priority", variant_i4(0));
    ok(hr == DISP_E_EXCEPTION, "put Priority 0 by name: %#lx\n", hr);
    value = variant_text(L"first");
    hr = put_by_name((IDispatch *)method, L"Priority", value);
    ok(hr == DISP_E_TYPEMISMATCH, "put Priority \"first\" by name: %#lx\n", hr);
    VariantClear(&value);
    ok(put_by_name((IDispatch *)method, L"Priority", variant_i4(1)) == S_OK, "put Priority 1 by name\n");
    ok(invoke_by_name((IDispatch *)method, L"Save", DISPATCH_METHOD, NULL, 0, NULL) == S_OK, "Save by name\n");
    ok(invoke_by_name((IDispatch *)method, L"Refresh", DISPATCH_METHOD, NULL, 0, NULL) == S_OK, "Refresh by name\n");
    hr = get_by_name((IDispatch *)method, L"GUID", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR && !wcscmp(V_BSTR(&value), STORE_GUID), "GUID by name: %#lx\n", hr);
    VariantClear(&value);
    hr = get_by_name((IDispatch *)method, L"Name", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR, "Name by name: %#lx\n", hr);
    VariantClear(&value);
    hr = get_by_name((IDispatch *)method, L"FunctionName", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR && !wcscmp(V_BSTR(&value), L"RouteToIncomingArchive"),
       "FunctionName by name: %#lx\n", hr);
    VariantClear(&value);
    hr = get_by_name((IDispatch *)method, L"ExtensionFriendlyName", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR, "ExtensionFriendlyName by name: %#lx\n", hr);
    VariantClear(&value);
    hr = get_by_name((IDispatch *)method, L"ExtensionImageName", &value);
    ok(hr == S_OK && V_VT(&value) == VT_BSTR, "ExtensionImageName by name: %#lx\n", hr);
    VariantClear(&value);

done:
    if (method) IFaxInboundRoutingMethod_Release(method);
    if (methods) IFaxInboundRoutingMethods_Release(methods);
    IFaxInboundRouting_Release(routing);
}

/* ---- the devices' routing methods ---- */

/* Sends a one-page fax from device 1 to device 2 and waits until it is in the incoming archive;
 * its message id, 0 when it did not arrive. */
static ULONGLONG receive_on_device_2(struct fxs_link *link)
{
    struct event_log log = { 0 };
    fxs_job_info message;
    ULONGLONG sent = 0, received = 0;
    int index;

    ok(!submit_fax(link, L"1002", 1, &sent), "submit to 1002\n");
    if (wait_for(link, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0) &&
        (index = find_event(&log, 0, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0)) >= 0)
        received = log.events[index].job_id;
    ok(received != 0, "the fax did not reach the incoming archive\n");
    wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, sent);
    log_free(&log);
    memset(&message, 0, sizeof(message));
    if (received)
    {
        ok(!fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_INCOMING_ARCHIVE, received, &message),
           "the message is not in the incoming archive\n");
        ok(message.status.device_id == 2, "received on device %ld\n", message.status.device_id);
        fxs_job_info_clear(&message);
    }
    return received;
}

static DWORD set_routing_record(struct fxs_link *link, const char *key, ULONGLONG value)
{
    record *rec = NULL;
    uint8_t *data = NULL;
    size_t size = 0;
    DWORD error = ERROR_OUTOFMEMORY;

    if (!record_create("config.inbound_routing", &rec) && !record_add_u64(rec, key, value) &&
        !record_serialize(rec, &data, &size))
        error = fxs_rpc_set_config(fxs_link_session(link), FXS_CONFIG_INBOUND_ROUTING, (DWORD)size, data);
    record_free(rec);
    free(data);
    return error;
}

static void test_service_record(struct fxs_link *link)
{
    static const char store_key[] = "7c07fa45_adb4_401a_855a_0b664b42d756";
    char key[RECORD_MAX_KEY + 1];
    record *rec = NULL;
    BYTE *data = NULL;
    DWORD size = 0;
    int flag = -1;
    uint32_t number = 0;

    ok(!fxs_rpc_get_config(fxs_link_session(link), FXS_CONFIG_INBOUND_ROUTING, &size, &data), "get the class\n");
    ok(!record_parse(data, size, &rec), "the class does not parse\n");
    snprintf(key, sizeof(key), "method.%s.priority", store_key);
    ok(!record_get_u32(rec, key, &number) && number == 1, "priority %u\n", number);
    snprintf(key, sizeof(key), "device.1.%s", store_key);
    ok(!record_get_bool(rec, key, &flag) && flag == 1, "device 1 uses the store method: %d\n", flag);
    ok(record_count(rec) == 3, "%Iu keys\n", rec ? record_count(rec) : 0);
    record_free(rec);
    free(data);

    /* Refused, each with its code; nothing changes. */
    snprintf(key, sizeof(key), "device.99.%s", store_key);
    ok(set_routing_record(link, key, 1) == ERROR_NOT_FOUND, "a device that is not there\n");
    ok(set_routing_record(link, "device.1.00000000_0000_0000_0000_000000000000", 1) == ERROR_INVALID_PARAMETER,
       "an unknown method\n");
    snprintf(key, sizeof(key), "device.1.%s", store_key);
    ok(set_routing_record(link, key, 2) == ERROR_INVALID_PARAMETER, "a flag of 2\n");
    snprintf(key, sizeof(key), "method.%s.priority", store_key);
    ok(set_routing_record(link, key, 0) == ERROR_INVALID_PARAMETER, "priority 0\n");
    ok(set_routing_record(link, key, 2) == ERROR_INVALID_PARAMETER, "priority 2 of 1 method\n");
    ok(set_routing_record(link, "method.x.priority", 1) == ERROR_INVALID_PARAMETER, "an unknown method's priority\n");
    ok(set_routing_record(link, "routing", 1) == ERROR_INVALID_PARAMETER, "an unknown key\n");
    ok(set_routing_record(link, key, 1) == ERROR_SUCCESS, "the priority in force\n");
}

/* Extension data over RPC: what the COM layer cannot send. */
static void test_service_extension_data(struct fxs_link *link)
{
    fxs_session_handle session = fxs_link_session(link);
    BYTE byte = 1, *data = (void *)0xdeadbeef, *big = calloc(1, FXS_MAX_EXTENSION_DATA + 1);
    DWORD size = 5;

    ok(fxs_rpc_get_extension_data(session, 99, PROPERTY_GUID, &size, &data) == ERROR_NOT_FOUND && !data && !size,
       "device 99\n");
    ok(fxs_rpc_set_extension_data(session, 99, PROPERTY_GUID, 1, &byte) == ERROR_NOT_FOUND, "set on device 99\n");
    ok(fxs_rpc_set_extension_data(session, 0, L"..\\..\\config\\security.rec", 1, &byte) == ERROR_INVALID_PARAMETER,
       "a path for a GUID\n");
    ok(fxs_rpc_get_extension_data(session, 0, L"{B1F944B9-9A16-45D1-933A-4060A4871AB0}x", &size, &data) ==
       ERROR_INVALID_PARAMETER, "a GUID with a tail\n");
    ok(fxs_rpc_set_extension_data(session, 0, L"{B1F944B9+9A16-45D1-933A-4060A4871AB0}", 1, &byte) ==
       ERROR_INVALID_PARAMETER, "a GUID with a plus\n");
    ok(fxs_rpc_set_extension_data(session, 0, PROPERTY_GUID, FXS_MAX_EXTENSION_DATA + 1, big) == ERROR_INVALID_PARAMETER,
       "one byte over the limit\n");
    ok(fxs_rpc_set_extension_data(session, 0, PROPERTY_GUID, 1, NULL) == ERROR_INVALID_PARAMETER, "a size without data\n");
    ok(fxs_rpc_get_extension_data(session, 0, PROPERTY_GUID, &size, &data) == ERROR_FILE_NOT_FOUND, "none set yet\n");
    free(big);
}

static void test_use_routing_method(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxDevice *device = get_device(server, 2), *device1 = get_device(server, 1);
    BSTR store = SysAllocString(STORE_GUID_LC), other = SysAllocString(PROPERTY_GUID);
    BSTR short_guid = SysAllocString(L"{7C07FA45-ADB4-401A-855A-0B664B42D75}");
    BSTR bare_guid = SysAllocString(L"7C07FA45-ADB4-401A-855A-0B664B42D756");
    struct event_log log = { 0 };
    struct child child = { 0 };
    VARIANT args[2];
    HRESULT hr;

    if (!device || !device1) goto done;
    test_service_record(link);
    test_service_extension_data(link);
    CHECK_USED(device, STORE_GUID);
    CHECK_USED(device1, STORE_GUID);
    ok(receive_on_device_2(link) != 0, "with the store method\n");

    /* Off on device 2: one event in another listening process, device 1 unchanged. */
    ok(child_start(&child), "the listening child did not start\n");
    hr = IFaxDevice_UseRoutingMethod(device, store, VARIANT_FALSE);
    ok(hr == S_OK, "UseRoutingMethod(store, False): %#lx\n", hr);
    ok(wait_for_config(link, &log, FXS_CONFIG_DEVICES), "no OnDevicesConfigChange\n");
    log_free(&log);
    CHECK_USED(device, L"");
    CHECK_USED(device1, STORE_GUID);
    /* The same again changes nothing and fires nothing. */
    ok(IFaxDevice_UseRoutingMethod(device, store, VARIANT_FALSE) == S_OK, "UseRoutingMethod again\n");
    ok(!config_event_within(link, 1500), "an unchanged method fired an event\n");
    ok(child_end(&child) == 1, "the other process did not hear OnDevicesConfigChange once\n");

    /* A device with no method still keeps what it receives: stored in the incoming archive. */
    ok(receive_on_device_2(link) != 0, "without a method\n");

    /* Bad input. */
    hr = IFaxDevice_UseRoutingMethod(device, NULL, VARIANT_TRUE);
    ok(hr == E_INVALIDARG, "UseRoutingMethod(NULL): %#lx\n", hr);
    ok(IFaxDevice_UseRoutingMethod(device, short_guid, VARIANT_TRUE) == E_INVALIDARG, "a GUID a digit short\n");
    ok(IFaxDevice_UseRoutingMethod(device, bare_guid, VARIANT_TRUE) == E_INVALIDARG, "a GUID without braces\n");
    hr = IFaxDevice_UseRoutingMethod(device, other, VARIANT_TRUE);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_FOUND), "an unknown method: %#lx\n", hr);
    ok(last_error_has(L"GetMethods"), "the error says where the methods are\n");
    ok(IFaxDevice_get_UsedRoutingMethods(device, NULL) == E_POINTER, "UsedRoutingMethods(NULL)\n");
    CHECK_USED(device, L"");

    /* Late bound: on and off on device 1, a wrong type. */
    args[0] = variant_text(STORE_GUID);
    V_VT(&args[1]) = VT_BOOL;
    V_BOOL(&args[1]) = VARIANT_FALSE;
    ok(invoke_by_name((IDispatch *)device1, L"UseRoutingMethod", DISPATCH_METHOD, args, 2, NULL) == S_OK,
       "UseRoutingMethod by name\n");
    CHECK_USED(device1, L"");
    V_BOOL(&args[1]) = VARIANT_TRUE;
    ok(invoke_by_name((IDispatch *)device1, L"UseRoutingMethod", DISPATCH_METHOD, args, 2, NULL) == S_OK,
       "UseRoutingMethod by name\n");
    CHECK_USED(device1, STORE_GUID);
    VariantClear(&args[0]);
    V_VT(&args[0]) = VT_UNKNOWN;
    V_UNKNOWN(&args[0]) = (IUnknown *)device1;
    hr = invoke_by_name((IDispatch *)device1, L"UseRoutingMethod", DISPATCH_METHOD, args, 2, NULL);
    ok(hr == DISP_E_TYPEMISMATCH, "UseRoutingMethod(an object) by name: %#lx\n", hr);
    args[0] = variant_text(L"store");
    hr = invoke_by_name((IDispatch *)device1, L"UseRoutingMethod", DISPATCH_METHOD, args, 2, NULL);
    ok(hr == DISP_E_EXCEPTION, "UseRoutingMethod(\"store\") by name: %#lx\n", hr);
    VariantClear(&args[0]);

done:
    if (device) IFaxDevice_Release(device);
    if (device1) IFaxDevice_Release(device1);
    SysFreeString(store);
    SysFreeString(other);
    SysFreeString(short_guid);
    SysFreeString(bare_guid);
}

/* ---- extension properties ---- */

typedef HRESULT (WINAPI *get_property_fn)(void *object, BSTR guid, VARIANT *value);
typedef HRESULT (WINAPI *set_property_fn)(void *object, BSTR guid, VARIANT value);

static void check_property(void *object, get_property_fn get, const WCHAR *guid, DWORD size, BYTE seed, int line)
{
    BSTR text = SysAllocString(guid);
    VARIANT value;
    HRESULT hr = get(object, text, &value);

    ok_(__FILE__, line)(hr == S_OK && blob_equal(&value, size, seed), "GetExtensionProperty: %#lx, %#x, not %lu bytes\n",
                        hr, V_VT(&value), size);
    VariantClear(&value);
    SysFreeString(text);
}
#define CHECK_PROPERTY(object, get, guid, size, seed) check_property(object, (get_property_fn)(get), guid, size, seed, \
                                                                     __LINE__)

static HRESULT set_property(void *object, set_property_fn set, const WCHAR *guid, DWORD size, BYTE seed)
{
    BSTR text = SysAllocString(guid);
    VARIANT value = blob(size, seed);
    HRESULT hr = set(object, text, value);

    VariantClear(&value);
    SysFreeString(text);
    return hr;
}

/* The round trips and bad input of one object's properties (the server's or a device's). */
static void test_properties_of(void *object, get_property_fn get, set_property_fn set)
{
    BSTR guid = SysAllocString(PROPERTY_GUID), lower = SysAllocString(L"{b1f944b9-9a16-45d1-933a-4060a4871ab0}");
    BSTR bad = SysAllocString(L"{B1F944B9-9A16-45D1-933A-4060A4871AB0"), empty = SysAllocString(L"");
    SAFEARRAYBOUND bounds[2] = { { 2, 0 }, { 2, 0 } };
    VARIANT value, inner;
    HRESULT hr;

    hr = get(object, guid, &value);
    ok(hr == HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) && V_VT(&value) == VT_EMPTY, "never set: %#lx\n", hr);
    ok(last_error_has(L"was ever set"), "the error says it was never set\n");

    ok(set_property(object, set, PROPERTY_GUID, 0, 0) == S_OK, "set empty\n");
    CHECK_PROPERTY(object, get, PROPERTY_GUID, 0, 0);
    ok(set_property(object, set, PROPERTY_GUID, 1, 42) == S_OK, "set 1 byte\n");
    CHECK_PROPERTY(object, get, PROPERTY_GUID, 1, 42);
    ok(set_property(object, set, PROPERTY_GUID, FXS_MAX_EXTENSION_DATA, 3) == S_OK, "set the most\n");
    CHECK_PROPERTY(object, get, PROPERTY_GUID, FXS_MAX_EXTENSION_DATA, 3);
    hr = set_property(object, set, PROPERTY_GUID, FXS_MAX_EXTENSION_DATA + 1, 4);
    ok(hr == E_INVALIDARG, "one byte over the limit: %#lx\n", hr);
    ok(last_error_has(L"too large"), "the error says it is too large\n");
    CHECK_PROPERTY(object, get, PROPERTY_GUID, FXS_MAX_EXTENSION_DATA, 3);
    /* The GUID in another case is the same property. */
    ok(set_property(object, set, L"{b1f944b9-9a16-45d1-933a-4060a4871ab0}", 5, 9) == S_OK, "set in lowercase\n");
    CHECK_PROPERTY(object, get, PROPERTY_GUID, 5, 9);

    /* Bad input. */
    ok(get(object, guid, NULL) == E_POINTER, "GetExtensionProperty(NULL)\n");
    ok(get(object, NULL, &value) == E_INVALIDARG, "GetExtensionProperty(NULL GUID)\n");
    ok(get(object, bad, &value) == E_INVALIDARG, "GetExtensionProperty(a GUID without brace)\n");
    ok(last_error_has(L"not a GUID"), "the error says what a GUID is\n");
    ok(get(object, empty, &value) == E_INVALIDARG, "GetExtensionProperty(\"\")\n");
    value = blob(1, 1);
    ok(set(object, bad, value) == E_INVALIDARG, "SetExtensionProperty(a GUID without brace)\n");
    ok(set(object, NULL, value) == E_INVALIDARG, "SetExtensionProperty(NULL GUID)\n");
    VariantClear(&value);
    V_VT(&value) = VT_I4;
    V_I4(&value) = 7;
    hr = set(object, guid, value);
    ok(hr == DISP_E_TYPEMISMATCH, "a long: %#lx\n", hr);
    ok(last_error_has(L"VT_UI1"), "the error says what a property is\n");
    V_VT(&value) = VT_EMPTY;
    ok(set(object, guid, value) == DISP_E_TYPEMISMATCH, "an empty VARIANT\n");
    V_VT(&value) = VT_ARRAY | VT_I4;
    V_ARRAY(&value) = SafeArrayCreateVector(VT_I4, 0, 2);
    ok(set(object, guid, value) == DISP_E_TYPEMISMATCH, "an array of longs\n");
    VariantClear(&value);
    V_VT(&value) = VT_ARRAY | VT_UI1;
    V_ARRAY(&value) = SafeArrayCreate(VT_UI1, 2, bounds);
    ok(set(object, guid, value) == E_INVALIDARG, "a two-dimensional array\n");
    VariantClear(&value);
    CHECK_PROPERTY(object, get, PROPERTY_GUID, 5, 9);

    /* By reference, as VB passes a Variant. */
    inner = blob(2, 77);
    V_VT(&value) = VT_BYREF | VT_VARIANT;
    V_VARIANTREF(&value) = &inner;
    ok(set(object, lower, value) == S_OK, "a byte array by reference\n");
    CHECK_PROPERTY(object, get, PROPERTY_GUID, 2, 77);
    VariantClear(&inner);

    /* Late bound. */
    {
        VARIANT args[2], result;

        args[0] = variant_text(PROPERTY_GUID);
        args[1] = blob(5, 9);
        ok(invoke_by_name(object, L"SetExtensionProperty", DISPATCH_METHOD, args, 2, NULL) == S_OK,
           "SetExtensionProperty by name\n");
        hr = invoke_by_name(object, L"GetExtensionProperty", DISPATCH_METHOD, args, 1, &result);
        ok(hr == S_OK && blob_equal(&result, 5, 9), "GetExtensionProperty by name: %#lx\n", hr);
        VariantClear(&result);
        VariantClear(&args[1]);
        V_VT(&args[1]) = VT_BSTR;
        V_BSTR(&args[1]) = SysAllocString(L"bytes");
        hr = invoke_by_name(object, L"SetExtensionProperty", DISPATCH_METHOD, args, 2, NULL);
        ok(hr == DISP_E_EXCEPTION, "SetExtensionProperty(a string) by name: %#lx\n", hr);
        VariantClear(&args[1]);
        VariantClear(&args[0]);
    }
    SysFreeString(guid);
    SysFreeString(lower);
    SysFreeString(bad);
    SysFreeString(empty);
}

static void test_extension_properties(IFaxServer2 *server)
{
    IFaxDevice *device1 = get_device(server, 1), *device2 = get_device(server, 2);
    BSTR guid = SysAllocString(PROPERTY_GUID);
    VARIANT value;

    test_properties_of(server, (get_property_fn)server->lpVtbl->GetExtensionProperty,
                       (set_property_fn)server->lpVtbl->SetExtensionProperty);
    if (device1 && device2)
    {
        test_properties_of(device1, (get_property_fn)device1->lpVtbl->GetExtensionProperty,
                           (set_property_fn)device1->lpVtbl->SetExtensionProperty);
        /* One per device and GUID: device 2 has none, the server's is its own. */
        ok(IFaxDevice_GetExtensionProperty(device2, guid, &value) == HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND),
           "device 2 has device 1's property\n");
        ok(set_property(device1, (set_property_fn)device1->lpVtbl->SetExtensionProperty, PROPERTY_GUID, 3, 1) == S_OK,
           "set on device 1\n");
        CHECK_PROPERTY(server, server->lpVtbl->GetExtensionProperty, PROPERTY_GUID, 5, 9);
    }
    if (device1) IFaxDevice_Release(device1);
    if (device2) IFaxDevice_Release(device2);
    SysFreeString(guid);
}

/* ---- registering extensions and providers ---- */

static VARIANT method_list(const WCHAR *const *items, LONG count, LONG lower, VARTYPE type)
{
    SAFEARRAYBOUND bound = { count, lower };
    VARIANT value;
    LONG i;

    V_VT(&value) = VT_ARRAY | type;
    V_ARRAY(&value) = SafeArrayCreate(type, 1, &bound);
    for (i = 0; i < count; i++)
    {
        LONG index = lower + i;
        BSTR text = SysAllocString(items[i]);
        VARIANT item;

        if (type == VT_BSTR) SafeArrayPutElement(V_ARRAY(&value), &index, text);
        else
        {
            V_VT(&item) = VT_BSTR;
            V_BSTR(&item) = text;
            SafeArrayPutElement(V_ARRAY(&value), &index, &item);
        }
        SysFreeString(text);
    }
    return value;
}

static void test_registration(IFaxServer2 *server)
{
    static const WCHAR *good[] = { L"Archive;Archive it;ArchiveIt;{11111111-2222-3333-4444-555555555555}" };
    static const WCHAR *three_parts[] = { L"Archive;Archive it;ArchiveIt" };
    static const WCHAR *bad_guid[] = { L"Archive;Archive it;ArchiveIt;{11111111-2222-3333-4444-55555555555}" };
    static const WCHAR *empty_part[] = { L"Archive;;ArchiveIt;{11111111-2222-3333-4444-555555555555}" };
    BSTR guid = SysAllocString(L"{11111111-2222-3333-4444-555555555555}"), name = SysAllocString(L"Line");
    BSTR image = SysAllocString(L"%SystemRoot%\\system32\\line.dll"), empty = SysAllocString(L"");
    BSTR bad = SysAllocString(L"line"), extension = SysAllocString(EXTENSION), provider = NULL;
    IFaxDeviceProviders *providers = NULL;
    IFaxDeviceProvider *first = NULL;
    VARIANT methods, args[5];
    HRESULT hr;

    hr = IFaxServer2_RegisterDeviceProvider(server, guid, name, image, empty, 0x10000);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED), "RegisterDeviceProvider: %#lx\n", hr);
    ok(last_error_has(L"cannot load"), "the error says why\n");
    ok(IFaxServer2_RegisterDeviceProvider(server, bad, name, image, empty, 0x10000) == E_INVALIDARG, "a bad GUID\n");
    ok(last_error_has(L"not a GUID"), "the error names the GUID\n");
    ok(IFaxServer2_RegisterDeviceProvider(server, NULL, name, image, empty, 0x10000) == E_INVALIDARG, "no GUID\n");
    ok(IFaxServer2_RegisterDeviceProvider(server, guid, empty, image, empty, 0x10000) == E_INVALIDARG, "no name\n");
    ok(IFaxServer2_RegisterDeviceProvider(server, guid, name, NULL, empty, 0x10000) == E_INVALIDARG, "no image\n");
    hr = IFaxServer2_RegisterDeviceProvider(server, guid, name, image, empty, 0x20000);
    ok(hr == E_INVALIDARG, "FSPI version 0x20000: %#lx\n", hr);
    ok(last_error_has(L"FSPI"), "the error names the version\n");

    if (IFaxServer2_GetDeviceProviders(server, &providers) == S_OK &&
        IFaxDeviceProviders_get_Item(providers, variant_i4(1), &first) == S_OK)
        IFaxDeviceProvider_get_UniqueName(first, &provider);
    hr = IFaxServer2_UnregisterDeviceProvider(server, provider);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED), "UnregisterDeviceProvider(the virtual line): %#lx\n", hr);
    ok(last_error_has(L"built into"), "the error says why\n");
    ok(IFaxServer2_UnregisterDeviceProvider(server, bad) == HRESULT_FROM_WIN32(ERROR_NOT_FOUND), "an unknown provider\n");
    ok(IFaxServer2_UnregisterDeviceProvider(server, NULL) == E_INVALIDARG, "UnregisterDeviceProvider(NULL)\n");

    methods = method_list(good, 1, 0, VT_BSTR);
    hr = IFaxServer2_RegisterInboundRoutingExtension(server, bad, name, image, methods);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED), "RegisterInboundRoutingExtension: %#lx\n", hr);
    ok(last_error_has(L"cannot load"), "the error says why\n");
    ok(IFaxServer2_RegisterInboundRoutingExtension(server, empty, name, image, methods) == E_INVALIDARG, "no name\n");
    ok(IFaxServer2_RegisterInboundRoutingExtension(server, bad, NULL, image, methods) == E_INVALIDARG, "no friendly name\n");
    ok(IFaxServer2_RegisterInboundRoutingExtension(server, bad, name, empty, methods) == E_INVALIDARG, "no image\n");
    VariantClear(&methods);
    methods = method_list(good, 1, 0, VT_VARIANT);   /* a script's array */
    hr = IFaxServer2_RegisterInboundRoutingExtension(server, bad, name, image, methods);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED), "methods as VARIANTs: %#lx\n", hr);
    VariantClear(&methods);
    methods = method_list(good, 1, 1, VT_BSTR);
    ok(IFaxServer2_RegisterInboundRoutingExtension(server, bad, name, image, methods) == E_INVALIDARG, "lower bound 1\n");
    ok(last_error_has(L"first index is 0"), "the error gives the shape\n");
    VariantClear(&methods);
    methods = method_list(good, 0, 0, VT_BSTR);
    ok(IFaxServer2_RegisterInboundRoutingExtension(server, bad, name, image, methods) == E_INVALIDARG, "no method\n");
    VariantClear(&methods);
    methods = method_list(three_parts, 1, 0, VT_BSTR);
    ok(IFaxServer2_RegisterInboundRoutingExtension(server, bad, name, image, methods) == E_INVALIDARG, "three parts\n");
    ok(last_error_has(L"Function name"), "the error gives the format\n");
    VariantClear(&methods);
    methods = method_list(empty_part, 1, 0, VT_BSTR);
    ok(IFaxServer2_RegisterInboundRoutingExtension(server, bad, name, image, methods) == E_INVALIDARG, "an empty part\n");
    VariantClear(&methods);
    methods = method_list(bad_guid, 1, 0, VT_BSTR);
    ok(IFaxServer2_RegisterInboundRoutingExtension(server, bad, name, image, methods) == E_INVALIDARG, "a bad GUID\n");
    ok(last_error_has(L"not a GUID"), "the error names the GUID\n");
    VariantClear(&methods);
    V_VT(&methods) = VT_I4;
    V_I4(&methods) = 1;
    ok(IFaxServer2_RegisterInboundRoutingExtension(server, bad, name, image, methods) == DISP_E_TYPEMISMATCH, "a long\n");

    hr = IFaxServer2_UnregisterInboundRoutingExtension(server, extension);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED), "UnregisterInboundRoutingExtension(ours): %#lx\n", hr);
    ok(IFaxServer2_UnregisterInboundRoutingExtension(server, bad) == HRESULT_FROM_WIN32(ERROR_NOT_FOUND),
       "an unknown extension\n");
    ok(IFaxServer2_UnregisterInboundRoutingExtension(server, empty) == E_INVALIDARG, "no name\n");

    /* Late bound (the helper passes at most four arguments). */
    args[0] = variant_text(L"line");
    args[1] = variant_text(L"Line");
    args[2] = variant_text(L"line.dll");
    args[3] = method_list(good, 1, 0, VT_VARIANT);
    hr = invoke_by_name((IDispatch *)server, L"RegisterInboundRoutingExtension", DISPATCH_METHOD, args, 4, NULL);
    ok(hr == DISP_E_EXCEPTION, "RegisterInboundRoutingExtension by name: %#lx\n", hr);
    hr = invoke_by_name((IDispatch *)server, L"UnregisterDeviceProvider", DISPATCH_METHOD, args, 1, NULL);
    ok(hr == DISP_E_EXCEPTION, "UnregisterDeviceProvider by name: %#lx\n", hr);
    hr = invoke_by_name((IDispatch *)server, L"UnregisterInboundRoutingExtension", DISPATCH_METHOD, args, 1, NULL);
    ok(hr == DISP_E_EXCEPTION, "UnregisterInboundRoutingExtension by name: %#lx\n", hr);
    V_VT(&args[4]) = VT_UNKNOWN;
    V_UNKNOWN(&args[4]) = (IUnknown *)server;
    hr = invoke_by_name((IDispatch *)server, L"UnregisterDeviceProvider", DISPATCH_METHOD, &args[4], 1, NULL);
    ok(hr == DISP_E_TYPEMISMATCH, "UnregisterDeviceProvider(an object) by name: %#lx\n", hr);
    VariantClear(&args[0]);
    VariantClear(&args[1]);
    VariantClear(&args[2]);
    VariantClear(&args[3]);

    if (first) IFaxDeviceProvider_Release(first);
    if (providers) IFaxDeviceProviders_Release(providers);
    SysFreeString(provider);
    SysFreeString(guid);
    SysFreeString(name);
    SysFreeString(image);
    SysFreeString(empty);
    SysFreeString(bad);
    SysFreeString(extension);
}

/* ---- access rights ---- */

/* Reading needs farQUERY_CONFIG, changing farMANAGE_CONFIG: sessions opened under narrower
 * descriptors (the administrator's session keeps its rights and puts the default back). */
static void test_rights(struct fxs_link *admin)
{
    static const WCHAR default_sddl[] = L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)";
    fxs_routing_method_info *methods = NULL;
    struct fxs_link *link;
    fxs_session_handle session;
    WCHAR sid[128], sddl[256];
    BYTE byte = 1, *data = NULL;
    DWORD count = 0, size = 0, rights;

    if (!user_sid(sid, ARRAY_SIZE(sid))) return;
    for (rights = 0; rights <= farQUERY_CONFIG; rights += farQUERY_CONFIG)
    {
        swprintf(sddl, ARRAY_SIZE(sddl), L"O:BAG:BAD:(A;;%#lx;;;%ls)", rights | farQUERY_JOBS, sid);
        ok(config_set_security(admin, sddl) == ERROR_SUCCESS, "setting the descriptor\n");
        if (open_link(NULL, 0, TRUE, &link))
        {
            ok(0, "no restricted session\n");
            break;
        }
        session = fxs_link_session(link);
        ok(fxs_rpc_list_routing_methods(session, &count, &methods) == (rights ? ERROR_SUCCESS : ERROR_ACCESS_DENIED),
           "listing the methods with rights %#lx\n", rights);
        fxs_routing_method_infos_free(methods, count);
        ok(fxs_rpc_get_extension_data(session, 0, PROPERTY_GUID, &size, &data) ==
           (rights ? ERROR_SUCCESS : ERROR_ACCESS_DENIED), "reading extension data with rights %#lx\n", rights);
        free(data);
        ok(fxs_rpc_set_extension_data(session, 0, PROPERTY_GUID, 1, &byte) == ERROR_ACCESS_DENIED,
           "writing extension data with rights %#lx\n", rights);
        ok(set_routing_record(link, "device.1.7c07fa45_adb4_401a_855a_0b664b42d756", 0) == ERROR_ACCESS_DENIED,
           "changing the routing with rights %#lx\n", rights);
        fxs_link_close(link);
    }
    ok(config_set_security(admin, default_sddl) == ERROR_SUCCESS, "the default descriptor back\n");
}

/* ---- after a restart of the service ---- */

static void test_after_restart(IFaxServer2 *server)
{
    IFaxDevice *device1 = get_device(server, 1), *device2 = get_device(server, 2);
    BSTR store = SysAllocString(STORE_GUID);

    CHECK_PROPERTY(server, server->lpVtbl->GetExtensionProperty, PROPERTY_GUID, 5, 9);
    if (device1 && device2)
    {
        CHECK_PROPERTY(device1, device1->lpVtbl->GetExtensionProperty, PROPERTY_GUID, 3, 1);
        CHECK_USED(device2, L"");
        CHECK_USED(device1, STORE_GUID);
        ok(IFaxDevice_UseRoutingMethod(device2, store, VARIANT_TRUE) == S_OK, "UseRoutingMethod(store, True)\n");
        CHECK_USED(device2, STORE_GUID);
    }
    if (device1) IFaxDevice_Release(device1);
    if (device2) IFaxDevice_Release(device2);
    SysFreeString(store);
}

static void test_disconnected(void)
{
    IFaxServer2 *server;
    IFaxInboundRouting *routing = NULL;
    IFaxInboundRoutingMethods *methods = NULL;
    BSTR guid = SysAllocString(PROPERTY_GUID);
    VARIANT value;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr != S_OK) return;
    hr = IFaxServer2_get_InboundRouting(server, &routing);
    ok(hr == S_OK, "InboundRouting before Connect: %#lx\n", hr);
    if (routing)
    {
        hr = IFaxInboundRouting_GetMethods(routing, &methods);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) && !methods, "GetMethods before Connect: %#lx\n", hr);
        IFaxInboundRouting_Release(routing);
    }
    hr = IFaxServer2_GetExtensionProperty(server, guid, &value);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "GetExtensionProperty before Connect: %#lx\n", hr);
    IFaxServer2_Release(server);
    SysFreeString(guid);
}

START_TEST(inbound_routing)
{
    IFaxServer2 *server;
    struct fxs_link *link;
    WCHAR root[MAX_PATH];

    if (winetest_argc >= 3 && !strcmp(winetest_argv[1], "child")) ExitProcess(child_main(strtoul(winetest_argv[2], NULL, 10)));
    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-inbound_routing", root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"50");
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if ((server = connected_server()))
    {
        if ((link = start_listening()))
        {
            test_extensions(server);
            test_methods(server, link);
            test_use_routing_method(server, link);
            test_extension_properties(server);
            test_registration(server);
            test_rights(link);
            fxs_link_close(link);
        }
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    /* What was changed is on disk: a new service has it. */
    ok(stop_service(), "the service did not stop\n");
    if ((server = connected_server()))
    {
        test_after_restart(server);
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    test_disconnected();
    ok(dll_can_unload() == S_OK, "an object of fxscomex.dll is still alive\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    remove_folder(root);
}
