/*
 * DllRegisterServer / DllUnregisterServer: the registry keys of the two creatable classes, their
 * ProgIDs, and the embedded type library. A 32-bit DLL running in a 32-bit process writes into
 * the 32-bit registry view by itself (registry redirection), so the code is the same for both.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"

struct registered_class
{
    const CLSID *clsid;
    const WCHAR *name;
    const WCHAR *progid;          /* version dependent */
    const WCHAR *progid_current;  /* version independent */
};

static const struct registered_class classes[] =
{
    { &CLSID_FaxServer, L"FaxServer Class", L"FaxComEx.FaxServer.1", L"FaxComEx.FaxServer" },
    { &CLSID_FaxDocument, L"FaxDocument Class", L"FaxComEx.FaxDocument.1", L"FaxComEx.FaxDocument" },
};

#ifdef _WIN64
#define TYPELIB_SYSKIND SYS_WIN64
#define TYPELIB_PLATFORM L"win64"
#else
#define TYPELIB_SYSKIND SYS_WIN32
#define TYPELIB_PLATFORM L"win32"
#endif

static void guid_to_string(const GUID *guid, WCHAR *buffer)
{
    StringFromGUID2(guid, buffer, 39);
}

/* Creates root\subkey and sets one of its values (NULL name: the default value). */
static LSTATUS set_string(const WCHAR *subkey, const WCHAR *name, const WCHAR *value)
{
    HKEY key;
    LSTATUS status = RegCreateKeyExW(HKEY_CLASSES_ROOT, subkey, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL);

    if (status) return status;
    if (value)
        status = RegSetValueExW(key, name, 0, REG_SZ, (const BYTE *)value, (lstrlenW(value) + 1) * sizeof(WCHAR));
    RegCloseKey(key);
    return status;
}

static LSTATUS register_class(const struct registered_class *class, const WCHAR *dll_path)
{
    WCHAR clsid[39], libid[39], key[128];
    LSTATUS status;

    guid_to_string(class->clsid, clsid);
    guid_to_string(&LIBID_FAXCOMEXLib, libid);

    wsprintfW(key, L"CLSID\\%s", clsid);
    if ((status = set_string(key, NULL, class->name))) return status;
    wsprintfW(key, L"CLSID\\%s\\InprocServer32", clsid);
    if ((status = set_string(key, NULL, dll_path))) return status;
    if ((status = set_string(key, L"ThreadingModel", L"Both"))) return status;
    wsprintfW(key, L"CLSID\\%s\\ProgID", clsid);
    if ((status = set_string(key, NULL, class->progid))) return status;
    wsprintfW(key, L"CLSID\\%s\\VersionIndependentProgID", clsid);
    if ((status = set_string(key, NULL, class->progid_current))) return status;
    wsprintfW(key, L"CLSID\\%s\\TypeLib", clsid);
    if ((status = set_string(key, NULL, libid))) return status;
    wsprintfW(key, L"CLSID\\%s\\Version", clsid);
    if ((status = set_string(key, NULL, L"1.0"))) return status;
    wsprintfW(key, L"CLSID\\%s\\Programmable", clsid);
    if ((status = set_string(key, NULL, NULL))) return status;

    if ((status = set_string(class->progid, NULL, class->name))) return status;
    wsprintfW(key, L"%s\\CLSID", class->progid);
    if ((status = set_string(key, NULL, clsid))) return status;

    if ((status = set_string(class->progid_current, NULL, class->name))) return status;
    wsprintfW(key, L"%s\\CLSID", class->progid_current);
    if ((status = set_string(key, NULL, clsid))) return status;
    wsprintfW(key, L"%s\\CurVer", class->progid_current);
    return set_string(key, NULL, class->progid);
}

static void unregister_class(const struct registered_class *class)
{
    WCHAR clsid[39], key[64];

    guid_to_string(class->clsid, clsid);
    wsprintfW(key, L"CLSID\\%s", clsid);
    RegDeleteTreeW(HKEY_CLASSES_ROOT, key);
    RegDeleteKeyW(HKEY_CLASSES_ROOT, key);
    RegDeleteTreeW(HKEY_CLASSES_ROOT, class->progid);
    RegDeleteKeyW(HKEY_CLASSES_ROOT, class->progid);
    RegDeleteTreeW(HKEY_CLASSES_ROOT, class->progid_current);
    RegDeleteKeyW(HKEY_CLASSES_ROOT, class->progid_current);
}

HRESULT WINAPI DllRegisterServer(void)
{
    WCHAR path[MAX_PATH];
    ITypeLib *typelib;
    unsigned int i;
    LSTATUS status;
    HRESULT hr;

    if (!GetModuleFileNameW(fxs_instance, path, ARRAY_SIZE(path))) return HRESULT_FROM_WIN32(GetLastError());

    for (i = 0; i < ARRAY_SIZE(classes); i++)
        if ((status = register_class(&classes[i], path))) return HRESULT_FROM_WIN32(status);

    /* Registered by hand: Wine's REGKIND_REGISTER would record the path in its \\?\ form. */
    if (FAILED(hr = LoadTypeLibEx(path, REGKIND_NONE, &typelib))) return hr;
    hr = RegisterTypeLib(typelib, path, NULL);
    ITypeLib_Release(typelib);
    return hr;
}

HRESULT WINAPI DllUnregisterServer(void)
{
    WCHAR libid[39], key[80];
    unsigned int i;
    HKEY typelib_key;

    for (i = 0; i < ARRAY_SIZE(classes); i++) unregister_class(&classes[i]);

    /* Not registered is the state we want: unregistering twice is harmless. */
    guid_to_string(&LIBID_FAXCOMEXLib, libid);
    wsprintfW(key, L"TypeLib\\%s\\1.0\\0\\%s", libid, TYPELIB_PLATFORM);
    if (RegOpenKeyExW(HKEY_CLASSES_ROOT, key, 0, KEY_READ, &typelib_key)) return S_OK;
    RegCloseKey(typelib_key);
    return UnRegisterTypeLib(&LIBID_FAXCOMEXLib, 1, 0, LOCALE_NEUTRAL, TYPELIB_SYSKIND);
}
