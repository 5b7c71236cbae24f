/*
 * The script site: gives the engine the host's named items (WScript, WSH and those the command line
 * declares) and reports script errors as cscript does: `file(line, col) source: description` on
 * stderr.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include "host.h"

struct site
{
    IActiveScriptSite IActiveScriptSite_iface;
    LONG refcount;
};

static inline struct site *impl_from_IActiveScriptSite(IActiveScriptSite *iface)
{
    return CONTAINING_RECORD(iface, struct site, IActiveScriptSite_iface);
}

static HRESULT WINAPI site_QueryInterface(IActiveScriptSite *iface, REFIID riid, void **obj)
{
    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IActiveScriptSite))
    {
        *obj = iface;
        IActiveScriptSite_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI site_AddRef(IActiveScriptSite *iface)
{
    return InterlockedIncrement(&impl_from_IActiveScriptSite(iface)->refcount);
}

static ULONG WINAPI site_Release(IActiveScriptSite *iface)
{
    struct site *site = impl_from_IActiveScriptSite(iface);
    ULONG refcount = InterlockedDecrement(&site->refcount);

    if (!refcount) free(site);
    return refcount;
}

static HRESULT WINAPI site_GetLCID(IActiveScriptSite *iface, LCID *lcid)
{
    return E_NOTIMPL;   /* the engine uses the user's locale */
}

static HRESULT WINAPI site_GetItemInfo(IActiveScriptSite *iface, LPCOLESTR name, DWORD mask, IUnknown **unknown,
                                       ITypeInfo **info)
{
    IUnknown *item = NULL;

    if (info) *info = NULL;
    if (unknown) *unknown = NULL;
    if (!name) return E_INVALIDARG;
    if (!_wcsicmp(name, L"WScript") || !_wcsicmp(name, L"WSH")) item = (IUnknown *)host.wscript;
    else item = item_lookup(name);
    if (!item) return TYPE_E_ELEMENTNOTFOUND;
    if (mask & SCRIPTINFO_IUNKNOWN)
    {
        if (!unknown) return E_POINTER;
        *unknown = item;
        IUnknown_AddRef(item);
    }
    /* the host's objects describe themselves through IDispatch only */
    return mask & SCRIPTINFO_IUNKNOWN ? S_OK : TYPE_E_ELEMENTNOTFOUND;
}

static HRESULT WINAPI site_GetDocVersionString(IActiveScriptSite *iface, BSTR *version)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI site_OnScriptTerminate(IActiveScriptSite *iface, const VARIANT *result, const EXCEPINFO *excepinfo)
{
    return S_OK;
}

static HRESULT WINAPI site_OnStateChange(IActiveScriptSite *iface, SCRIPTSTATE state)
{
    return S_OK;
}

/* Texts of common run-time errors, for engines that report the code alone (Wine's, at times). */
static const struct
{
    HRESULT code;
    const WCHAR *text;
}
known_errors[] =
{
    { DISP_E_DIVBYZERO, L"Division by zero" },
    { DISP_E_OVERFLOW, L"Overflow" },
    { DISP_E_TYPEMISMATCH, L"Type mismatch" },
    { DISP_E_BADINDEX, L"Subscript out of range" },
    { DISP_E_UNKNOWNNAME, L"Object doesn't support this property or method" },
    { DISP_E_MEMBERNOTFOUND, L"Object doesn't support this property or method" },
    { DISP_E_BADPARAMCOUNT, L"Wrong number of arguments or invalid property assignment" },
    { DISP_E_PARAMNOTOPTIONAL, L"Argument not optional" },
    { MAKE_HRESULT(SEVERITY_ERROR, FACILITY_CONTROL, 5), L"Invalid procedure call or argument" },
    { MAKE_HRESULT(SEVERITY_ERROR, FACILITY_CONTROL, 11), L"Division by zero" },
    { MAKE_HRESULT(SEVERITY_ERROR, FACILITY_CONTROL, 13), L"Type mismatch" },
    { MAKE_HRESULT(SEVERITY_ERROR, FACILITY_CONTROL, 424), L"Object required" },
    { MAKE_HRESULT(SEVERITY_ERROR, FACILITY_CONTROL, 500), L"Variable is undefined" },
    { MAKE_HRESULT(SEVERITY_ERROR, FACILITY_CONTROL, 1002), L"Syntax error" },
};

/* The description of an error that came without one: a known text, else the system's. */
static void describe_code(HRESULT code, WCHAR *text, DWORD size)
{
    WCHAR *end;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(known_errors); i++)
        if (known_errors[i].code == code)
        {
            lstrcpynW(text, known_errors[i].text, size);
            return;
        }
    if (HRESULT_FACILITY(code) == FACILITY_CONTROL ||
        !FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code, 0, text, size, NULL))
        swprintf(text, size, L"error 0x%08lx", code);
    for (end = text + wcslen(text); end > text && (end[-1] == '\n' || end[-1] == '\r'); end--) end[-1] = 0;
}

static HRESULT WINAPI site_OnScriptError(IActiveScriptSite *iface, IActiveScriptError *error)
{
    WCHAR line_text[2048], fallback[512], default_source[64];
    EXCEPINFO info;
    DWORD context = 0;
    ULONG line = 0;
    LONG column = 0;
    HRESULT code;

    memset(&info, 0, sizeof(info));
    IActiveScriptError_GetExceptionInfo(error, &info);
    if (info.pfnDeferredFillIn) info.pfnDeferredFillIn(&info);
    IActiveScriptError_GetSourcePosition(error, &context, &line, &column);
    code = info.scode ? info.scode : (HRESULT)info.wCode;
    swprintf(default_source, ARRAY_SIZE(default_source), L"Microsoft %ls %ls error", host.engine_progid,
             host.compiling ? L"compilation" : L"runtime");
    if (!info.bstrDescription || !*info.bstrDescription)
    {
        /* Wine's VBScript reports its syntax errors as E_FAIL */
        if (host.compiling && code == E_FAIL) wcscpy(fallback, L"Syntax error");
        else describe_code(code, fallback, ARRAY_SIZE(fallback));
    }
    swprintf(line_text, ARRAY_SIZE(line_text), L"%ls(%lu, %ld) %ls: %ls", host.script_full_name, line + 1,
             column + 1, info.bstrSource && *info.bstrSource ? info.bstrSource : default_source,
             info.bstrDescription && *info.bstrDescription ? info.bstrDescription : fallback);
    host_write(STD_ERROR_HANDLE, line_text, TRUE);
    host.error_reported = TRUE;
    SysFreeString(info.bstrSource);
    SysFreeString(info.bstrDescription);
    SysFreeString(info.bstrHelpFile);
    return S_OK;
}

static HRESULT WINAPI site_OnEnterScript(IActiveScriptSite *iface)
{
    return S_OK;
}

static HRESULT WINAPI site_OnLeaveScript(IActiveScriptSite *iface)
{
    return S_OK;
}

static const IActiveScriptSiteVtbl site_vtbl =
{
    site_QueryInterface,
    site_AddRef,
    site_Release,
    site_GetLCID,
    site_GetItemInfo,
    site_GetDocVersionString,
    site_OnScriptTerminate,
    site_OnStateChange,
    site_OnScriptError,
    site_OnEnterScript,
    site_OnLeaveScript,
};

HRESULT site_create(IActiveScriptSite **result)
{
    struct site *site;

    if (!(site = calloc(1, sizeof(*site)))) return E_OUTOFMEMORY;
    site->IActiveScriptSite_iface.lpVtbl = &site_vtbl;
    site->refcount = 1;
    *result = &site->IActiveScriptSite_iface;
    return S_OK;
}
