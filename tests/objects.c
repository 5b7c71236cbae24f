/*
 * The COM plumbing of the two creatable objects, FaxServer and FaxDocument: the class factory,
 * QueryInterface, the type-library-driven IDispatch with its error codes and EXCEPINFO,
 * IProvideClassInfo2, ISupportErrorInfo, and FaxDocument's own properties.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "common.h"
#include "faxcomex.h"

static HRESULT (WINAPI *pDllGetClassObject)(REFCLSID, REFIID, void **);

static IDispatch *create_dispatch(const CLSID *clsid)
{
    IDispatch *disp = NULL;
    HRESULT hr = CoCreateInstance(clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IDispatch, (void **)&disp);
    ok(hr == S_OK, "CoCreateInstance(%s): %#lx\n", wine_dbgstr_guid(clsid), hr);
    return disp;
}

static void test_class_factory(void)
{
    static const GUID unknown_clsid = { 0x12345678, 0x1234, 0x1234, { 1, 2, 3, 4, 5, 6, 7, 8 } };
    IClassFactory *factory;
    IUnknown *unk, *outer;
    HMODULE module;
    HRESULT hr;

    module = LoadLibraryW(test_dll_path());
    ok(module != NULL, "LoadLibrary failed: %lu\n", GetLastError());
    if (!module) return;
    pDllGetClassObject = (void *)GetProcAddress(module, "DllGetClassObject");
    ok(pDllGetClassObject != NULL, "DllGetClassObject not exported\n");

    hr = pDllGetClassObject(&CLSID_FaxServer, &IID_IClassFactory, NULL);
    ok(hr == E_POINTER, "NULL out pointer: %#lx\n", hr);
    factory = (void *)0xdeadbeef;
    hr = pDllGetClassObject(&unknown_clsid, &IID_IClassFactory, (void **)&factory);
    ok(hr == CLASS_E_CLASSNOTAVAILABLE && !factory, "unknown CLSID: %#lx %p\n", hr, factory);
    hr = pDllGetClassObject(&CLSID_FaxServer, &IID_IStream, (void **)&factory);
    ok(hr == E_NOINTERFACE && !factory, "unknown IID: %#lx %p\n", hr, factory);
    hr = pDllGetClassObject(&CLSID_FaxJobStatus, &IID_IClassFactory, (void **)&factory);
    ok(hr == CLASS_E_CLASSNOTAVAILABLE, "non-creatable class: %#lx\n", hr);

    hr = pDllGetClassObject(&CLSID_FaxDocument, &IID_IClassFactory, (void **)&factory);
    ok(hr == S_OK, "DllGetClassObject: %#lx\n", hr);
    if (hr != S_OK) return;
    hr = IClassFactory_CreateInstance(factory, NULL, &IID_IUnknown, NULL);
    ok(hr == E_POINTER, "CreateInstance with NULL out pointer: %#lx\n", hr);
    outer = (IUnknown *)factory;
    unk = (void *)0xdeadbeef;
    hr = IClassFactory_CreateInstance(factory, outer, &IID_IUnknown, (void **)&unk);
    ok(hr == CLASS_E_NOAGGREGATION && !unk, "aggregation: %#lx %p\n", hr, unk);
    hr = IClassFactory_CreateInstance(factory, NULL, &IID_IStream, (void **)&unk);
    ok(hr == E_NOINTERFACE && !unk, "unknown IID: %#lx %p\n", hr, unk);
    hr = IClassFactory_CreateInstance(factory, NULL, &IID_IFaxDocument, (void **)&unk);
    ok(hr == S_OK, "CreateInstance: %#lx\n", hr);
    if (hr == S_OK) IUnknown_Release(unk);
    IClassFactory_Release(factory);

    hr = CoCreateInstance(&CLSID_FaxServer, (IUnknown *)0xdeadbeef, CLSCTX_INPROC_SERVER, &IID_IUnknown,
                          (void **)&unk);
    ok(hr == CLASS_E_NOAGGREGATION, "CoCreateInstance with outer: %#lx\n", hr);
}

static void test_query_interface(const CLSID *clsid, const IID * const *supported, unsigned int count)
{
    IUnknown *unk, *iface, *identity;
    unsigned int i;
    HRESULT hr;

    hr = CoCreateInstance(clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&unk);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr != S_OK) return;
    for (i = 0; i < count; i++)
    {
        hr = IUnknown_QueryInterface(unk, supported[i], (void **)&iface);
        ok(hr == S_OK, "QueryInterface(%s): %#lx\n", wine_dbgstr_guid(supported[i]), hr);
        if (hr != S_OK) continue;
        hr = IUnknown_QueryInterface(iface, &IID_IUnknown, (void **)&identity);
        ok(hr == S_OK && identity == unk, "%s: COM identity broken\n", wine_dbgstr_guid(supported[i]));
        if (hr == S_OK) IUnknown_Release(identity);
        IUnknown_Release(iface);
    }
    iface = (void *)0xdeadbeef;
    hr = IUnknown_QueryInterface(unk, &IID_IStream, (void **)&iface);
    ok(hr == E_NOINTERFACE && !iface, "unknown IID: %#lx %p\n", hr, iface);
    hr = IUnknown_QueryInterface(unk, &IID_IUnknown, NULL);
    ok(hr == E_POINTER, "NULL out pointer: %#lx\n", hr);
    ok(IUnknown_Release(unk) == 0, "object still referenced\n");
}

static void test_type_info(IDispatch *disp, const IID *expected)
{
    ITypeInfo *typeinfo;
    TYPEATTR *attr;
    UINT count;
    HRESULT hr;

    hr = IDispatch_GetTypeInfoCount(disp, &count);
    ok(hr == S_OK && count == 1, "GetTypeInfoCount: %#lx %u\n", hr, count);
    hr = IDispatch_GetTypeInfoCount(disp, NULL);
    ok(hr == E_POINTER, "GetTypeInfoCount(NULL): %#lx\n", hr);
    hr = IDispatch_GetTypeInfo(disp, 1, 0, &typeinfo);
    ok(hr == DISP_E_BADINDEX, "GetTypeInfo(1): %#lx\n", hr);
    hr = IDispatch_GetTypeInfo(disp, 0, 0, NULL);
    ok(hr == E_POINTER, "GetTypeInfo(NULL): %#lx\n", hr);
    hr = IDispatch_GetTypeInfo(disp, 0, 0, &typeinfo);
    ok(hr == S_OK, "GetTypeInfo: %#lx\n", hr);
    if (hr != S_OK) return;
    ITypeInfo_GetTypeAttr(typeinfo, &attr);
    ok(IsEqualIID(&attr->guid, expected), "type info of %s\n", wine_dbgstr_guid(&attr->guid));
    ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
    ITypeInfo_Release(typeinfo);
}

static DISPID get_dispid(IDispatch *disp, const WCHAR *name)
{
    DISPID id = 0x7777;
    OLECHAR *names = (OLECHAR *)name;
    HRESULT hr = IDispatch_GetIDsOfNames(disp, &IID_NULL, &names, 1, LOCALE_USER_DEFAULT, &id);
    ok(hr == S_OK, "GetIDsOfNames(%s): %#lx\n", wine_dbgstr_w(name), hr);
    return id;
}

static void test_ids_of_names(IDispatch *server)
{
    static const GUID other = { 0x12345678, 0x1234, 0x1234, { 1, 2, 3, 4, 5, 6, 7, 8 } };
    OLECHAR *names[2];
    DISPID ids[2];
    HRESULT hr;

    ok(get_dispid(server, L"Connect") == 1, "Connect\n");
    ok(get_dispid(server, L"APIVersion") == 26, "APIVersion\n");
    ok(get_dispid(server, L"listentoserverevents") == 20, "names are case-insensitive\n");
    ok(get_dispid(server, L"Security2") == 30, "Security2 (IFaxServer2)\n");

    names[0] = (OLECHAR *)L"NoSuchMember";
    ids[0] = 0;
    hr = IDispatch_GetIDsOfNames(server, &IID_NULL, names, 1, 0, ids);
    ok(hr == DISP_E_UNKNOWNNAME && ids[0] == DISPID_UNKNOWN, "unknown name: %#lx %ld\n", hr, ids[0]);
    names[0] = (OLECHAR *)L"Connect";
    hr = IDispatch_GetIDsOfNames(server, &other, names, 1, 0, ids);
    ok(hr == DISP_E_UNKNOWNINTERFACE, "riid not IID_NULL: %#lx\n", hr);
    hr = IDispatch_GetIDsOfNames(server, &IID_NULL, NULL, 1, 0, ids);
    ok(hr == E_POINTER, "NULL names: %#lx\n", hr);
    hr = IDispatch_GetIDsOfNames(server, &IID_NULL, names, 1, 0, NULL);
    ok(hr == E_POINTER, "NULL ids: %#lx\n", hr);
    /* A method and one of its parameters, as named arguments are looked up. */
    names[0] = (OLECHAR *)L"Connect";
    names[1] = (OLECHAR *)L"bstrServerName";
    hr = IDispatch_GetIDsOfNames(server, &IID_NULL, names, 2, 0, ids);
    ok(hr == S_OK && ids[0] == 1 && ids[1] == 0, "named argument: %#lx %ld %ld\n", hr, ids[0], ids[1]);
}

static HRESULT put_property(IDispatch *disp, DISPID id, VARIANT *value, EXCEPINFO *excepinfo, UINT *arg_err)
{
    DISPID put_id = DISPID_PROPERTYPUT;
    DISPPARAMS params = { value, &put_id, 1, 1 };
    return IDispatch_Invoke(disp, id, &IID_NULL, 0, DISPATCH_PROPERTYPUT, &params, NULL, excepinfo, arg_err);
}

static HRESULT get_property(IDispatch *disp, DISPID id, VARIANT *result)
{
    DISPPARAMS params = { 0 };
    VariantInit(result);
    return IDispatch_Invoke(disp, id, &IID_NULL, 0, DISPATCH_PROPERTYGET, &params, result, NULL, NULL);
}

static void test_invoke(IDispatch *document)
{
    DISPID priority = get_dispid(document, L"Priority"), subject = get_dispid(document, L"Subject");
    DISPPARAMS params = { 0 };
    EXCEPINFO excepinfo;
    VARIANT value, result;
    UINT arg_err;
    HRESULT hr;

    /* VB passes an Integer as VT_I2: the type library's coercion takes it. */
    V_VT(&value) = VT_I2;
    V_I2(&value) = fptHIGH;
    hr = put_property(document, priority, &value, NULL, NULL);
    ok(hr == S_OK, "put Priority (VT_I2): %#lx\n", hr);
    hr = get_property(document, priority, &result);
    ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == fptHIGH, "get Priority: %#lx vt %d %ld\n", hr,
       V_VT(&result), V_I4(&result));

    /* Out of range: the method's error comes back as DISP_E_EXCEPTION with its EXCEPINFO. */
    V_VT(&value) = VT_I4;
    V_I4(&value) = 7;
    memset(&excepinfo, 0, sizeof(excepinfo));
    hr = put_property(document, priority, &value, &excepinfo, NULL);
    ok(hr == DISP_E_EXCEPTION, "put Priority 7: %#lx\n", hr);
    ok(excepinfo.scode == E_INVALIDARG, "scode %#lx\n", excepinfo.scode);
    ok(excepinfo.bstrDescription && wcsstr(excepinfo.bstrDescription, L"Priority"), "description %s\n",
       wine_dbgstr_w(excepinfo.bstrDescription));
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrHelpFile);
    hr = get_property(document, priority, &result);
    ok(V_I4(&result) == fptHIGH, "a refused value changed Priority to %ld\n", V_I4(&result));

    /* Wrong types. */
    V_VT(&value) = VT_BSTR;
    V_BSTR(&value) = SysAllocString(L"very high");
    arg_err = 99;
    hr = put_property(document, priority, &value, NULL, &arg_err);
    ok(hr == DISP_E_TYPEMISMATCH && arg_err == 0, "put Priority string: %#lx %u\n", hr, arg_err);
    VariantClear(&value);
    V_VT(&value) = VT_I4;
    V_I4(&value) = 42;
    hr = put_property(document, subject, &value, NULL, NULL);
    ok(hr == S_OK, "put Subject from a number: %#lx\n", hr);
    hr = get_property(document, subject, &result);
    ok(hr == S_OK && !lstrcmpW(V_BSTR(&result), L"42"), "Subject %s\n", wine_dbgstr_w(V_BSTR(&result)));
    VariantClear(&result);

    /* Bad calls. */
    hr = IDispatch_Invoke(document, 12345, &IID_NULL, 0, DISPATCH_PROPERTYGET, &params, &result, NULL, NULL);
    ok(hr == DISP_E_MEMBERNOTFOUND, "unknown DISPID: %#lx\n", hr);
    hr = IDispatch_Invoke(document, subject, &IID_IStream, 0, DISPATCH_PROPERTYGET, &params, &result, NULL, NULL);
    ok(hr == DISP_E_UNKNOWNINTERFACE, "riid not IID_NULL: %#lx\n", hr);
    V_VT(&value) = VT_BSTR;
    V_BSTR(&value) = SysAllocString(L"extra");
    params.rgvarg = &value;
    params.cArgs = 1;
    hr = IDispatch_Invoke(document, subject, &IID_NULL, 0, DISPATCH_PROPERTYGET, &params, &result, NULL, NULL);
    /* Arguments to a property that takes none are taken as an index into its value. */
    ok(hr == DISP_E_NOTACOLLECTION || hr == DISP_E_BADPARAMCOUNT, "too many arguments: %#lx\n", hr);
    VariantClear(&value);
    memset(&params, 0, sizeof(params));
    hr = IDispatch_Invoke(document, subject, &IID_NULL, 0, DISPATCH_PROPERTYPUT, &params, NULL, NULL, NULL);
    ok(hr == DISP_E_PARAMNOTFOUND || hr == DISP_E_PARAMNOTOPTIONAL || hr == DISP_E_BADPARAMCOUNT,
       "put without a value: %#lx\n", hr);
    hr = IDispatch_Invoke(document, subject, &IID_NULL, 0, 0, &params, &result, NULL, NULL);
    ok(hr == E_INVALIDARG, "no invoke kind: %#lx\n", hr);
}

static void test_bodies(IFaxDocument2 *document)
{
    SAFEARRAY *array;
    VARIANT value, result;
    LONG index;
    BSTR name;
    HRESULT hr;

    hr = IFaxDocument2_get_Bodies(document, &result);
    ok(hr == S_OK && V_VT(&result) == VT_EMPTY, "Bodies before put: %#lx vt %d\n", hr, V_VT(&result));

    array = SafeArrayCreateVector(VT_VARIANT, 1, 2);
    for (index = 1; index <= 2; index++)
    {
        VARIANT element;
        V_VT(&element) = VT_BSTR;
        V_BSTR(&element) = SysAllocString(index == 1 ? L"C:\\faxes\\one.tif" : L"C:\\faxes\\two.tif");
        SafeArrayPutElement(array, &index, &element);
        VariantClear(&element);
    }
    V_VT(&value) = VT_ARRAY | VT_VARIANT;
    V_ARRAY(&value) = array;
    hr = IFaxDocument2_put_Bodies(document, value);
    ok(hr == S_OK, "put Bodies: %#lx\n", hr);
    VariantClear(&value);

    hr = IFaxDocument2_get_Bodies(document, &result);
    ok(hr == S_OK && V_VT(&result) == (VT_ARRAY | VT_BSTR), "get Bodies: %#lx vt %#x\n", hr, V_VT(&result));
    if (hr == S_OK && V_VT(&result) == (VT_ARRAY | VT_BSTR))
    {
        index = 1;
        hr = SafeArrayGetElement(V_ARRAY(&result), &index, &name);
        ok(hr == S_OK && !lstrcmpW(name, L"C:\\faxes\\two.tif"), "second body %s\n", wine_dbgstr_w(name));
        SysFreeString(name);
    }
    VariantClear(&result);

    V_VT(&value) = VT_I4;
    V_I4(&value) = 3;
    hr = IFaxDocument2_put_Bodies(document, value);
    ok(hr == DISP_E_TYPEMISMATCH, "Bodies from a number: %#lx\n", hr);
    V_VT(&value) = VT_EMPTY;
    hr = IFaxDocument2_put_Bodies(document, value);
    ok(hr == S_OK, "clearing Bodies: %#lx\n", hr);
    hr = IFaxDocument2_get_Bodies(document, &result);
    ok(hr == S_OK && V_VT(&result) == VT_EMPTY, "Bodies after clearing: vt %d\n", V_VT(&result));
}

static void test_document_properties(void)
{
    IFaxDocument2 *document;
    ISupportErrorInfo *support;
    IErrorInfo *error;
    FAX_PRIORITY_TYPE_ENUM priority;
    FAX_RECEIPT_TYPE_ENUM receipt;
    VARIANT_BOOL flag;
    BSTR text, description;
    DATE when;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument2, (void **)&document);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr != S_OK) return;

    /* Defaults of a new document. */
    hr = IFaxDocument2_get_Priority(document, &priority);
    ok(hr == S_OK && priority == fptNORMAL, "default Priority %d\n", priority);
    hr = IFaxDocument2_get_Subject(document, &text);
    ok(hr == S_OK && text && !*text, "default Subject %s\n", wine_dbgstr_w(text));
    SysFreeString(text);
    hr = IFaxDocument2_get_Subject(document, NULL);
    ok(hr == E_POINTER, "get Subject(NULL): %#lx\n", hr);

    hr = IFaxDocument2_put_Note(document, NULL);
    ok(hr == S_OK, "put Note(NULL): %#lx\n", hr);
    text = SysAllocString(L"Please sign and return.");
    hr = IFaxDocument2_put_Note(document, text);
    ok(hr == S_OK, "put Note: %#lx\n", hr);
    SysFreeString(text);
    hr = IFaxDocument2_get_Note(document, &text);
    ok(hr == S_OK && !lstrcmpW(text, L"Please sign and return."), "Note %s\n", wine_dbgstr_w(text));
    SysFreeString(text);

    hr = IFaxDocument2_put_ScheduleTime(document, 45000.5);
    ok(hr == S_OK, "put ScheduleTime: %#lx\n", hr);
    hr = IFaxDocument2_get_ScheduleTime(document, &when);
    ok(hr == S_OK && when == 45000.5, "ScheduleTime %f\n", when);

    hr = IFaxDocument2_put_GroupBroadcastReceipts(document, 1);
    ok(hr == S_OK, "put GroupBroadcastReceipts: %#lx\n", hr);
    hr = IFaxDocument2_get_GroupBroadcastReceipts(document, &flag);
    ok(hr == S_OK && flag == VARIANT_TRUE, "GroupBroadcastReceipts %d\n", flag);

    hr = IFaxDocument2_put_ReceiptType(document, frtMSGBOX);
    ok(hr == S_OK, "put ReceiptType: %#lx\n", hr);
    hr = IFaxDocument2_put_ReceiptType(document, 2);
    ok(hr == E_INVALIDARG, "ReceiptType 2: %#lx\n", hr);
    hr = IFaxDocument2_get_ReceiptType(document, &receipt);
    ok(hr == S_OK && receipt == frtMSGBOX, "ReceiptType %d\n", receipt);

    /* The refusal comes with an IErrorInfo. */
    hr = IFaxDocument2_put_Priority(document, -1);
    ok(hr == E_INVALIDARG, "Priority -1: %#lx\n", hr);
    hr = GetErrorInfo(0, &error);
    ok(hr == S_OK, "no error info: %#lx\n", hr);
    if (hr == S_OK)
    {
        IErrorInfo_GetDescription(error, &description);
        ok(description && wcsstr(description, L"Priority"), "description %s\n", wine_dbgstr_w(description));
        SysFreeString(description);
        IErrorInfo_Release(error);
    }
    hr = IFaxDocument2_QueryInterface(document, &IID_ISupportErrorInfo, (void **)&support);
    ok(hr == S_OK, "no ISupportErrorInfo: %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_IFaxDocument) == S_OK, "IFaxDocument\n");
        ok(ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_IFaxDocument2) == S_OK, "IFaxDocument2\n");
        ok(ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_IStream) == S_FALSE, "IStream\n");
        ISupportErrorInfo_Release(support);
    }

    test_bodies(document);
    IFaxDocument2_Release(document);
}

static void test_document_class_info(void)
{
    IProvideClassInfo2 *info;
    GUID guid;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IProvideClassInfo2, (void **)&info);
    ok(hr == S_OK, "no IProvideClassInfo2: %#lx\n", hr);
    if (hr != S_OK) return;
    hr = IProvideClassInfo2_GetGUID(info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &guid);
    ok(hr == E_FAIL && IsEqualGUID(&guid, &GUID_NULL), "FaxDocument has no events: %#lx\n", hr);
    hr = IProvideClassInfo2_GetGUID(info, 42, &guid);
    ok(hr == E_INVALIDARG, "unknown GUID kind: %#lx\n", hr);
    hr = IProvideClassInfo2_GetGUID(info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, NULL);
    ok(hr == E_POINTER, "NULL GUID: %#lx\n", hr);
    hr = IProvideClassInfo2_GetClassInfo(info, NULL);
    ok(hr == E_POINTER, "NULL type info: %#lx\n", hr);
    IProvideClassInfo2_Release(info);
}

/* ThreadingModel=Both: two threads writing and reading one document at once. */
static DWORD WINAPI hammer_document(void *arg)
{
    IFaxDocument2 *document = arg;
    BSTR mine = SysAllocString(GetCurrentThreadId() & 1 ? L"odd thread" : L"even thread"), seen;
    int i, torn = 0;

    for (i = 0; i < 2000; i++)
    {
        IFaxDocument2_put_Subject(document, mine);
        if (IFaxDocument2_get_Subject(document, &seen) == S_OK)
        {
            if (lstrcmpW(seen, L"odd thread") && lstrcmpW(seen, L"even thread")) torn++;
            SysFreeString(seen);
        }
    }
    SysFreeString(mine);
    ok(!torn, "%d torn reads\n", torn);
    return 0;
}

static void test_document_threads(void)
{
    IFaxDocument2 *document;
    HANDLE threads[2];
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument2, (void **)&document);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr != S_OK) return;
    threads[0] = CreateThread(NULL, 0, hammer_document, document, 0, NULL);
    threads[1] = CreateThread(NULL, 0, hammer_document, document, 0, NULL);
    winetest_wait_child_thread(threads[0], 60000);
    winetest_wait_child_thread(threads[1], 60000);
    IFaxDocument2_Release(document);
}

START_TEST(objects)
{
    static const IID * const server_iids[] =
    {
        &IID_IUnknown, &IID_IDispatch, &IID_IFaxServer, &IID_IFaxServer2, &IID_IProvideClassInfo,
        &IID_IProvideClassInfo2, &IID_ISupportErrorInfo,
    };
    static const IID * const document_iids[] =
    {
        &IID_IUnknown, &IID_IDispatch, &IID_IFaxDocument, &IID_IFaxDocument2, &IID_IProvideClassInfo,
        &IID_IProvideClassInfo2, &IID_ISupportErrorInfo,
    };
    IDispatch *server, *document;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);

    test_class_factory();
    winetest_push_context("FaxServer");
    test_query_interface(&CLSID_FaxServer, server_iids, ARRAY_SIZE(server_iids));
    winetest_pop_context();
    winetest_push_context("FaxDocument");
    test_query_interface(&CLSID_FaxDocument, document_iids, ARRAY_SIZE(document_iids));
    winetest_pop_context();

    if ((server = create_dispatch(&CLSID_FaxServer)))
    {
        test_type_info(server, &IID_IFaxServer2);
        test_ids_of_names(server);
        IDispatch_Release(server);
    }
    if ((document = create_dispatch(&CLSID_FaxDocument)))
    {
        test_type_info(document, &IID_IFaxDocument2);
        test_invoke(document);
        IDispatch_Release(document);
    }
    test_document_properties();
    test_document_class_info();
    test_document_threads();

    CoUninitialize();
}
