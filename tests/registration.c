/*
 * Registration of fxscomex.dll with regsvr32: the keys it writes, creating the classes from STA and
 * MTA threads, and regsvr32 /u removing every key again.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "common.h"
#include "faxcomex.h"
#include "service.h"

#ifdef _WIN64
static const WCHAR *typelib_platform = L"win64";
#else
static const WCHAR *typelib_platform = L"win32";
#endif

static const WCHAR libid_string[] = L"{2BF34C1A-8CAC-419F-8547-32FDF6505DB8}";

struct expected_class
{
    const WCHAR *clsid;
    const WCHAR *progid;
    const WCHAR *progid_current;
};

static const struct expected_class classes[] =
{
    { L"{CDA8ACB0-8CF5-4F6C-9BA2-5931D40C8CAE}", L"FaxComEx.FaxServer.1", L"FaxComEx.FaxServer" },
    { L"{0F3F9F91-C838-415E-A4F3-3E828CA445E0}", L"FaxComEx.FaxDocument.1", L"FaxComEx.FaxDocument" },
};

static BOOL key_exists(const WCHAR *path)
{
    HKEY key;
    if (RegOpenKeyExW(HKEY_CLASSES_ROOT, path, 0, KEY_READ, &key)) return FALSE;
    RegCloseKey(key);
    return TRUE;
}

/* The string value NAME (NULL: default) of HKCR\PATH, or an empty string. */
static const WCHAR *key_value(const WCHAR *path, const WCHAR *name)
{
    static WCHAR value[MAX_PATH];
    DWORD size = sizeof(value);
    value[0] = 0;
    if (RegGetValueW(HKEY_CLASSES_ROOT, path, name, RRF_RT_REG_SZ, NULL, value, &size)) value[0] = 0;
    return value;
}

static int regsvr32(const WCHAR *options)
{
    WCHAR command[2 * MAX_PATH];
    wsprintfW(command, L"regsvr32.exe %s \"%s\"", options, test_dll_path());
    return run_command(command, 60000);
}

static void test_class_keys(const struct expected_class *class)
{
    WCHAR path[128];

    winetest_push_context("%s", wine_dbgstr_w(class->progid));
    wsprintfW(path, L"CLSID\\%s\\InprocServer32", class->clsid);
    ok(!lstrcmpiW(key_value(path, NULL), test_dll_path()), "InprocServer32 is %s\n", wine_dbgstr_w(key_value(path, NULL)));
    ok(!lstrcmpW(key_value(path, L"ThreadingModel"), L"Both"), "ThreadingModel is %s\n",
       wine_dbgstr_w(key_value(path, L"ThreadingModel")));
    wsprintfW(path, L"CLSID\\%s\\ProgID", class->clsid);
    ok(!lstrcmpW(key_value(path, NULL), class->progid), "ProgID is %s\n", wine_dbgstr_w(key_value(path, NULL)));
    wsprintfW(path, L"CLSID\\%s\\VersionIndependentProgID", class->clsid);
    ok(!lstrcmpW(key_value(path, NULL), class->progid_current), "VersionIndependentProgID is %s\n",
       wine_dbgstr_w(key_value(path, NULL)));
    wsprintfW(path, L"CLSID\\%s\\TypeLib", class->clsid);
    ok(!lstrcmpiW(key_value(path, NULL), libid_string), "TypeLib is %s\n", wine_dbgstr_w(key_value(path, NULL)));
    wsprintfW(path, L"CLSID\\%s\\Version", class->clsid);
    ok(!lstrcmpW(key_value(path, NULL), L"1.0"), "Version is %s\n", wine_dbgstr_w(key_value(path, NULL)));
    wsprintfW(path, L"CLSID\\%s\\Programmable", class->clsid);
    ok(key_exists(path), "no Programmable key\n");

    wsprintfW(path, L"%s\\CLSID", class->progid);
    ok(!lstrcmpiW(key_value(path, NULL), class->clsid), "ProgID's CLSID is %s\n", wine_dbgstr_w(key_value(path, NULL)));
    wsprintfW(path, L"%s\\CLSID", class->progid_current);
    ok(!lstrcmpiW(key_value(path, NULL), class->clsid), "CLSID is %s\n", wine_dbgstr_w(key_value(path, NULL)));
    wsprintfW(path, L"%s\\CurVer", class->progid_current);
    ok(!lstrcmpW(key_value(path, NULL), class->progid), "CurVer is %s\n", wine_dbgstr_w(key_value(path, NULL)));
    winetest_pop_context();
}

static void test_class_keys_gone(const struct expected_class *class)
{
    WCHAR path[128];

    winetest_push_context("%s", wine_dbgstr_w(class->progid));
    wsprintfW(path, L"CLSID\\%s\\InprocServer32", class->clsid);
    ok(!key_exists(path), "InprocServer32 still there\n");
    wsprintfW(path, L"CLSID\\%s", class->clsid);
    ok(!key_exists(path), "CLSID key still there\n");
    ok(!key_exists(class->progid), "ProgID key still there\n");
    ok(!key_exists(class->progid_current), "version-independent ProgID key still there\n");
    winetest_pop_context();
}

/*
 * Each bitness registers into its own registry view: the 64-bit DLL's keys are not where a 32-bit
 * client looks, and the other way round. tests/run.sh registered both DLLs.
 */
static void test_registry_views(void)
{
    static const WCHAR key[] = L"CLSID\\{CDA8ACB0-8CF5-4F6C-9BA2-5931D40C8CAE}\\InprocServer32";
#ifdef _WIN64
    const REGSAM own = KEY_WOW64_64KEY, other = KEY_WOW64_32KEY;
    const WCHAR *other_folder = L"\\i686\\fxscomex.dll";
#else
    const REGSAM own = KEY_WOW64_32KEY, other = KEY_WOW64_64KEY;
    const WCHAR *other_folder = L"\\x86_64\\fxscomex.dll";
#endif
    WCHAR path[MAX_PATH];
    DWORD size;
    HKEY hkey;

    size = sizeof(path);
    path[0] = 0;
    if (!RegOpenKeyExW(HKEY_CLASSES_ROOT, key, 0, KEY_READ | own, &hkey))
    {
        RegQueryValueExW(hkey, NULL, NULL, NULL, (BYTE *)path, &size);
        RegCloseKey(hkey);
    }
    ok(!lstrcmpiW(path, test_dll_path()), "own view: %s\n", wine_dbgstr_w(path));

    /* tests/run.sh registers the other bitness's DLL only where its programs run. */
    if (!other_bitness_runs())
    {
        skip("programs of the other bitness do not run here: its registry view is not checked\n");
        return;
    }
    size = sizeof(path);
    path[0] = 0;
    if (!RegOpenKeyExW(HKEY_CLASSES_ROOT, key, 0, KEY_READ | other, &hkey))
    {
        RegQueryValueExW(hkey, NULL, NULL, NULL, (BYTE *)path, &size);
        RegCloseKey(hkey);
    }
    ok(lstrlenW(path) > lstrlenW(other_folder) && !lstrcmpiW(path + lstrlenW(path) - lstrlenW(other_folder), other_folder),
       "other view: %s\n", wine_dbgstr_w(path));
}

static void test_typelib_registered(BOOL expected)
{
    WCHAR path[128];
    BSTR registered;
    HRESULT hr;

    wsprintfW(path, L"TypeLib\\%s\\1.0\\0\\%s", libid_string, typelib_platform);
    if (expected)
    {
        ok(!lstrcmpiW(key_value(path, NULL), test_dll_path()), "type library path is %s\n",
           wine_dbgstr_w(key_value(path, NULL)));
        hr = QueryPathOfRegTypeLib(&LIBID_FAXCOMEXLib, 1, 0, LOCALE_NEUTRAL, &registered);
        ok(hr == S_OK, "QueryPathOfRegTypeLib returned %#lx\n", hr);
        if (hr == S_OK) SysFreeString(registered);
    }
    else ok(!key_exists(path), "%s still there\n", wine_dbgstr_w(path));
}

static void test_progids(void)
{
    unsigned int i;
    CLSID clsid, expected;
    HRESULT hr;

    for (i = 0; i < ARRAY_SIZE(classes); i++)
    {
        CLSIDFromString(classes[i].clsid, &expected);
        hr = CLSIDFromProgID(classes[i].progid, &clsid);
        ok(hr == S_OK && IsEqualCLSID(&clsid, &expected), "%s: %#lx %s\n", wine_dbgstr_w(classes[i].progid), hr,
           wine_dbgstr_guid(&clsid));
        hr = CLSIDFromProgID(classes[i].progid_current, &clsid);
        ok(hr == S_OK && IsEqualCLSID(&clsid, &expected), "%s: %#lx %s\n", wine_dbgstr_w(classes[i].progid_current),
           hr, wine_dbgstr_guid(&clsid));
    }
}

/* Creates both classes on the calling thread, and uses FaxDocument through IDispatch. */
static void test_create_here(const char *apartment)
{
    IFaxServer2 *server;
    IDispatch *document;
    DISPID dispid;
    DISPPARAMS params = { 0 };
    OLECHAR *name = (OLECHAR *)L"DocumentName";
    DISPID put_id = DISPID_PROPERTYPUT;
    VARIANT arg, result;
    HRESULT hr;

    winetest_push_context("%s", apartment);
    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);
    ok(hr == S_OK, "FaxServer: %#lx\n", hr);
    if (hr == S_OK) IFaxServer2_Release(server);

    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IDispatch, (void **)&document);
    ok(hr == S_OK, "FaxDocument: %#lx\n", hr);
    if (hr != S_OK) { winetest_pop_context(); return; }

    hr = IDispatch_GetIDsOfNames(document, &IID_NULL, &name, 1, LOCALE_USER_DEFAULT, &dispid);
    ok(hr == S_OK && dispid == 9, "GetIDsOfNames(DocumentName): %#lx, %ld\n", hr, dispid);

    V_VT(&arg) = VT_BSTR;
    V_BSTR(&arg) = SysAllocString(L"quarterly report");
    params.rgvarg = &arg;
    params.cArgs = 1;
    params.rgdispidNamedArgs = &put_id;
    params.cNamedArgs = 1;
    hr = IDispatch_Invoke(document, dispid, &IID_NULL, LOCALE_USER_DEFAULT, DISPATCH_PROPERTYPUT, &params, NULL,
                          NULL, NULL);
    ok(hr == S_OK, "put DocumentName: %#lx\n", hr);
    VariantClear(&arg);

    memset(&params, 0, sizeof(params));
    VariantInit(&result);
    hr = IDispatch_Invoke(document, dispid, &IID_NULL, LOCALE_USER_DEFAULT, DISPATCH_PROPERTYGET, &params, &result,
                          NULL, NULL);
    ok(hr == S_OK && V_VT(&result) == VT_BSTR && !lstrcmpW(V_BSTR(&result), L"quarterly report"),
       "get DocumentName: %#lx, vt %d\n", hr, V_VT(&result));
    VariantClear(&result);
    IDispatch_Release(document);
    winetest_pop_context();
}

static DWORD WINAPI mta_thread(void *arg)
{
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    test_create_here("MTA");
    CoUninitialize();
    return 0;
}

static void test_provide_class_info(void)
{
    IProvideClassInfo2 *info;
    ITypeInfo *typeinfo;
    TYPEATTR *attr;
    GUID source;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IProvideClassInfo2, (void **)&info);
    ok(hr == S_OK, "FaxServer has no IProvideClassInfo2: %#lx\n", hr);
    if (hr != S_OK) return;
    hr = IProvideClassInfo2_GetGUID(info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &source);
    ok(hr == S_OK && IsEqualIID(&source, &DIID_IFaxServerNotify2), "default source: %#lx %s\n", hr,
       wine_dbgstr_guid(&source));
    hr = IProvideClassInfo2_GetClassInfo(info, &typeinfo);
    ok(hr == S_OK, "GetClassInfo: %#lx\n", hr);
    if (hr == S_OK)
    {
        ITypeInfo_GetTypeAttr(typeinfo, &attr);
        ok(attr->typekind == TKIND_COCLASS && IsEqualCLSID(&attr->guid, &CLSID_FaxServer), "class info %s\n",
           wine_dbgstr_guid(&attr->guid));
        ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
        ITypeInfo_Release(typeinfo);
    }
    IProvideClassInfo2_Release(info);
}

static void test_unregister(void)
{
    IUnknown *unk;
    CLSID clsid;
    unsigned int i;
    HRESULT hr;
    int code;

    code = regsvr32(L"/s /u");
    ok(code == 0, "regsvr32 /u exit code %d\n", code);
    for (i = 0; i < ARRAY_SIZE(classes); i++) test_class_keys_gone(&classes[i]);
    test_typelib_registered(FALSE);

    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&unk);
    ok(hr == REGDB_E_CLASSNOTREG, "FaxServer after /u: %#lx\n", hr);
    if (hr == S_OK) IUnknown_Release(unk);
    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&unk);
    ok(hr == REGDB_E_CLASSNOTREG, "FaxDocument after /u: %#lx\n", hr);
    if (hr == S_OK) IUnknown_Release(unk);
    hr = CLSIDFromProgID(L"FaxComEx.FaxServer", &clsid);
    ok(hr == CO_E_CLASSSTRING, "ProgID after /u: %#lx\n", hr);

    code = regsvr32(L"/s /u");
    ok(code == 0, "second regsvr32 /u exit code %d\n", code);
}

START_TEST(registration)
{
    unsigned int i;
    HANDLE thread;
    int code;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);

    /* tests/run.sh registered the DLL; registering again must be harmless. */
    code = regsvr32(L"/s");
    ok(code == 0, "regsvr32 exit code %d\n", code);
    code = regsvr32(L"/s");
    ok(code == 0, "second regsvr32 exit code %d\n", code);

    for (i = 0; i < ARRAY_SIZE(classes); i++) test_class_keys(&classes[i]);
    test_typelib_registered(TRUE);
    test_registry_views();
    test_progids();
    test_create_here("STA");
    thread = CreateThread(NULL, 0, mta_thread, NULL, 0, NULL);
    winetest_wait_child_thread(thread, 30000);
    test_provide_class_info();

    test_unregister();

    /* Leave the prefix as the other tests expect it. */
    code = regsvr32(L"/s");
    ok(code == 0, "regsvr32 after /u: exit code %d\n", code);
    for (i = 0; i < ARRAY_SIZE(classes); i++) test_class_keys(&classes[i]);
    test_typelib_registered(TRUE);

    CoUninitialize();
}
