/*
 * The WScript object (also named WSH): Echo, Arguments, Quit, Sleep, CreateObject, ConnectObject,
 * DisconnectObject, GetObject, the script's and the host's names, StdOut and StdErr.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "host.h"

#define HOST_NAME    L"Windows Script Host"
#define HOST_VERSION L"5.812"
#define HOST_BUILD   10240

enum wscript_dispid
{
    DISPID_WSCRIPT_NAME = DISPID_VALUE,
    DISPID_WSCRIPT_ECHO = 1,
    DISPID_WSCRIPT_ARGUMENTS,
    DISPID_WSCRIPT_QUIT,
    DISPID_WSCRIPT_SLEEP,
    DISPID_WSCRIPT_CREATEOBJECT,
    DISPID_WSCRIPT_CONNECTOBJECT,
    DISPID_WSCRIPT_DISCONNECTOBJECT,
    DISPID_WSCRIPT_GETOBJECT,
    DISPID_WSCRIPT_SCRIPTNAME,
    DISPID_WSCRIPT_SCRIPTFULLNAME,
    DISPID_WSCRIPT_STDOUT,
    DISPID_WSCRIPT_STDERR,
    DISPID_WSCRIPT_VERSION,
    DISPID_WSCRIPT_BUILDVERSION,
    DISPID_WSCRIPT_FULLNAME,
    DISPID_WSCRIPT_PATH,
    DISPID_WSCRIPT_INTERACTIVE,
    DISPID_WSCRIPT_APPLICATION,
};

static const struct host_member wscript_members[] =
{
    { L"Name", DISPID_WSCRIPT_NAME },
    { L"Echo", DISPID_WSCRIPT_ECHO },
    { L"Arguments", DISPID_WSCRIPT_ARGUMENTS },
    { L"Quit", DISPID_WSCRIPT_QUIT },
    { L"Sleep", DISPID_WSCRIPT_SLEEP },
    { L"CreateObject", DISPID_WSCRIPT_CREATEOBJECT },
    { L"ConnectObject", DISPID_WSCRIPT_CONNECTOBJECT },
    { L"DisconnectObject", DISPID_WSCRIPT_DISCONNECTOBJECT },
    { L"GetObject", DISPID_WSCRIPT_GETOBJECT },
    { L"ScriptName", DISPID_WSCRIPT_SCRIPTNAME },
    { L"ScriptFullName", DISPID_WSCRIPT_SCRIPTFULLNAME },
    { L"StdOut", DISPID_WSCRIPT_STDOUT },
    { L"StdErr", DISPID_WSCRIPT_STDERR },
    { L"Version", DISPID_WSCRIPT_VERSION },
    { L"BuildVersion", DISPID_WSCRIPT_BUILDVERSION },
    { L"FullName", DISPID_WSCRIPT_FULLNAME },
    { L"Path", DISPID_WSCRIPT_PATH },
    { L"Interactive", DISPID_WSCRIPT_INTERACTIVE },
    { L"Application", DISPID_WSCRIPT_APPLICATION },
};

struct wscript
{
    struct host_object object;
    IDispatch *arguments;
    IDispatch *std_out, *std_err;
};

static inline struct wscript *wscript_from_object(struct host_object *object)
{
    return CONTAINING_RECORD(object, struct wscript, object);
}

/* ---- methods ---- */

/* Echo: every argument as text, separated by spaces, then a line end. */
static HRESULT wscript_echo(DISPPARAMS *params, UINT *arg_err)
{
    size_t length = 0, size = 1;
    WCHAR *line = calloc(1, sizeof(WCHAR));
    VARIANT text;
    HRESULT hr = S_OK;
    UINT i;

    for (i = 0; line && i < params->cArgs; i++)
    {
        VARIANT *arg = host_argument(params, i);
        const WCHAR *piece = L"";
        WCHAR *grown;

        VariantInit(&text);
        if (V_VT(arg) == VT_NULL) piece = L"Null";
        else if (V_VT(arg) != VT_EMPTY && !(V_VT(arg) == VT_ERROR && V_ERROR(arg) == DISP_E_PARAMNOTFOUND))
        {
            if (FAILED(hr = host_argument_as(params, i, VT_BSTR, &text, arg_err))) break;
            piece = V_BSTR(&text);
        }
        size += wcslen(piece) + 1;
        if (!(grown = realloc(line, size * sizeof(WCHAR)))) hr = E_OUTOFMEMORY;
        else
        {
            line = grown;
            if (i) line[length++] = ' ';
            wcscpy(line + length, piece);
            length += wcslen(piece);
        }
        VariantClear(&text);
        if (FAILED(hr)) break;
    }
    if (!line) return E_OUTOFMEMORY;
    if (SUCCEEDED(hr)) host_write(STD_OUTPUT_HANDLE, line, TRUE);
    free(line);
    return hr;
}

static HRESULT wscript_quit(DISPPARAMS *params, UINT *arg_err)
{
    VARIANT code;
    HRESULT hr;

    if (params->cArgs > 1) return DISP_E_BADPARAMCOUNT;
    if (host_argument_missing(params, 0)) host_quit(0);
    if (FAILED(hr = host_argument_as(params, 0, VT_I4, &code, arg_err))) return hr;
    host_quit(V_I4(&code));
}

static HRESULT wscript_sleep(DISPPARAMS *params, EXCEPINFO *excepinfo, UINT *arg_err)
{
    VARIANT ms;
    HRESULT hr;

    if (params->cArgs != 1) return DISP_E_BADPARAMCOUNT;
    if (FAILED(hr = host_argument_as(params, 0, VT_I4, &ms, arg_err))) return hr;
    if (V_I4(&ms) < 0)
        return host_exception(excepinfo, L"WScript.Sleep", E_INVALIDARG,
                              L"The time to sleep must be 0 or more milliseconds, not %ld", V_I4(&ms));
    host_pump(V_I4(&ms));
    return S_OK;
}

static HRESULT return_dispatch(VARIANT *result, IDispatch *object)
{
    if (result)
    {
        V_VT(result) = VT_DISPATCH;
        V_DISPATCH(result) = object;
    }
    else if (object) IDispatch_Release(object);
    return S_OK;
}

/* An optional prefix argument: NULL when missing or empty. */
static HRESULT optional_prefix(DISPPARAMS *params, UINT idx, VARIANT *prefix, UINT *arg_err)
{
    HRESULT hr;

    VariantInit(prefix);
    if (host_argument_missing(params, idx)) return S_OK;
    if (FAILED(hr = host_argument_as(params, idx, VT_BSTR, prefix, arg_err))) return hr;
    if (!SysStringLen(V_BSTR(prefix))) VariantClear(prefix);
    return S_OK;
}

/* The end of CreateObject and GetObject: the new object, its events connected when a prefix was
 * given (the object is released if that fails). */
static HRESULT return_new_object(HRESULT hr, IDispatch *object, VARIANT *prefix, VARIANT *result,
                                 EXCEPINFO *excepinfo)
{
    if (SUCCEEDED(hr) && V_VT(prefix) == VT_BSTR && FAILED(hr = events_connect(object, V_BSTR(prefix), excepinfo)))
        IDispatch_Release(object);
    VariantClear(prefix);
    return FAILED(hr) ? hr : return_dispatch(result, object);
}

static HRESULT wscript_create_object(DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    VARIANT progid, prefix;
    IDispatch *object = NULL;
    CLSID clsid;
    HRESULT hr;

    if (params->cArgs < 1 || params->cArgs > 2) return DISP_E_BADPARAMCOUNT;
    if (FAILED(hr = host_argument_as(params, 0, VT_BSTR, &progid, arg_err))) return hr;
    if (FAILED(hr = optional_prefix(params, 1, &prefix, arg_err)))
    {
        VariantClear(&progid);
        return hr;
    }
    if (FAILED(hr = CLSIDFromProgID(V_BSTR(&progid), &clsid)))
        hr = host_exception(excepinfo, L"WScript.CreateObject", hr,
                            L"Could not locate automation class named \"%ls\".", V_BSTR(&progid));
    else if (FAILED(hr = CoCreateInstance(&clsid, NULL, CLSCTX_SERVER, &IID_IDispatch, (void **)&object)))
        hr = host_exception(excepinfo, L"WScript.CreateObject", hr,
                            L"Could not create an object of class \"%ls\" (error 0x%08lx).", V_BSTR(&progid), hr);
    VariantClear(&progid);
    return return_new_object(hr, object, &prefix, result, excepinfo);
}

/* GetObject(pathname[, progid[, prefix]]): a moniker's object, or the running object of a class. */
static HRESULT get_object(const WCHAR *path, const WCHAR *progid, IDispatch **object)
{
    IUnknown *unknown;
    CLSID clsid;
    HRESULT hr;

    if (path && *path) return CoGetObject(path, NULL, &IID_IDispatch, (void **)object);
    if (!progid || !*progid) return E_INVALIDARG;
    if (FAILED(hr = CLSIDFromProgID(progid, &clsid))) return hr;
    if (FAILED(hr = GetActiveObject(&clsid, NULL, &unknown))) return hr;
    hr = IUnknown_QueryInterface(unknown, &IID_IDispatch, (void **)object);
    IUnknown_Release(unknown);
    return hr;
}

static HRESULT wscript_get_object(DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    VARIANT path, progid, prefix;
    IDispatch *object = NULL;
    HRESULT hr;

    if (params->cArgs < 1 || params->cArgs > 3) return DISP_E_BADPARAMCOUNT;
    VariantInit(&progid);
    VariantInit(&prefix);
    if (FAILED(hr = host_argument_as(params, 0, VT_BSTR, &path, arg_err))) return hr;
    if ((host_argument_missing(params, 1) || SUCCEEDED(hr = host_argument_as(params, 1, VT_BSTR, &progid, arg_err)))
        && SUCCEEDED(hr = optional_prefix(params, 2, &prefix, arg_err))
        && FAILED(hr = get_object(V_BSTR(&path), V_VT(&progid) == VT_BSTR ? V_BSTR(&progid) : NULL, &object)))
        hr = host_exception(excepinfo, L"WScript.GetObject", hr, L"Could not get the object \"%ls\"%ls%ls (error 0x%08lx).",
                            V_BSTR(&path), V_VT(&progid) == VT_BSTR ? L" of class " : L"",
                            V_VT(&progid) == VT_BSTR ? V_BSTR(&progid) : L"", hr);
    VariantClear(&path);
    VariantClear(&progid);
    return return_new_object(hr, object, &prefix, result, excepinfo);
}

/* The object argument of ConnectObject and DisconnectObject. */
static HRESULT object_argument(DISPPARAMS *params, IDispatch **object, EXCEPINFO *excepinfo, const WCHAR *method,
                               UINT *arg_err)
{
    VARIANT *arg = host_argument(params, 0);
    IUnknown *unknown = NULL;

    if (arg && (V_VT(arg) == VT_DISPATCH || V_VT(arg) == VT_UNKNOWN)) unknown = V_UNKNOWN(arg);
    else if (arg && (V_VT(arg) == (VT_DISPATCH | VT_BYREF) || V_VT(arg) == (VT_UNKNOWN | VT_BYREF)))
        unknown = *V_UNKNOWNREF(arg);
    if (!unknown || FAILED(IUnknown_QueryInterface(unknown, &IID_IDispatch, (void **)object)))
    {
        if (arg_err) *arg_err = params->cArgs - 1;
        return host_exception(excepinfo, method, DISP_E_TYPEMISMATCH, L"The first argument must be an object.");
    }
    return S_OK;
}

static HRESULT wscript_connect_object(DISPPARAMS *params, EXCEPINFO *excepinfo, UINT *arg_err)
{
    IDispatch *object;
    VARIANT prefix;
    HRESULT hr;

    if (params->cArgs != 2) return DISP_E_BADPARAMCOUNT;
    if (FAILED(hr = object_argument(params, &object, excepinfo, L"WScript.ConnectObject", arg_err))) return hr;
    if (SUCCEEDED(hr = host_argument_as(params, 1, VT_BSTR, &prefix, arg_err)))
    {
        hr = events_connect(object, V_BSTR(&prefix), excepinfo);
        VariantClear(&prefix);
    }
    IDispatch_Release(object);
    return hr;
}

static HRESULT wscript_disconnect_object(DISPPARAMS *params, EXCEPINFO *excepinfo, UINT *arg_err)
{
    IDispatch *object;
    HRESULT hr;

    if (params->cArgs != 1) return DISP_E_BADPARAMCOUNT;
    if (FAILED(hr = object_argument(params, &object, excepinfo, L"WScript.DisconnectObject", arg_err))) return hr;
    hr = events_disconnect(object, excepinfo);
    IDispatch_Release(object);
    return hr;
}

/* ---- properties ---- */

static HRESULT return_object(VARIANT *result, IDispatch *object)
{
    IDispatch_AddRef(object);
    return return_dispatch(result, object);
}

static HRESULT host_folder(VARIANT *result)
{
    WCHAR folder[MAX_PATH], *slash;

    wcscpy(folder, host.host_full_name);
    if ((slash = wcsrchr(folder, '\\'))) *slash = 0;
    return host_return_bstr(result, folder);
}

static HRESULT wscript_interactive(WORD flags, DISPPARAMS *params, VARIANT *result, UINT *arg_err)
{
    VARIANT value;
    HRESULT hr;

    if (flags & DISPATCH_PROPERTYPUT)
    {
        if (params->cArgs != 1) return DISP_E_BADPARAMCOUNT;
        if (FAILED(hr = host_argument_as(params, 0, VT_BOOL, &value, arg_err))) return hr;
        host.interactive = V_BOOL(&value) != VARIANT_FALSE;
        return S_OK;
    }
    if (result)
    {
        V_VT(result) = VT_BOOL;
        V_BOOL(result) = host.interactive ? VARIANT_TRUE : VARIANT_FALSE;
    }
    return S_OK;
}

static HRESULT wscript_property(struct wscript *wscript, DISPID id, VARIANT *result)
{
    switch (id)
    {
    case DISPID_WSCRIPT_NAME: return host_return_bstr(result, HOST_NAME);
    case DISPID_WSCRIPT_SCRIPTNAME: return host_return_bstr(result, host.script_name);
    case DISPID_WSCRIPT_SCRIPTFULLNAME: return host_return_bstr(result, host.script_full_name);
    case DISPID_WSCRIPT_STDOUT: return return_object(result, wscript->std_out);
    case DISPID_WSCRIPT_STDERR: return return_object(result, wscript->std_err);
    case DISPID_WSCRIPT_VERSION: return host_return_bstr(result, HOST_VERSION);
    case DISPID_WSCRIPT_FULLNAME: return host_return_bstr(result, host.host_full_name);
    case DISPID_WSCRIPT_PATH: return host_folder(result);
    case DISPID_WSCRIPT_APPLICATION: return return_object(result, &wscript->object.IDispatch_iface);
    case DISPID_WSCRIPT_BUILDVERSION:
        if (result)
        {
            V_VT(result) = VT_I4;
            V_I4(result) = HOST_BUILD;
        }
        return S_OK;
    }
    return DISP_E_MEMBERNOTFOUND;
}

/* WScript.Arguments(i): VBScript passes the index to the property itself. */
static HRESULT wscript_arguments(struct wscript *wscript, DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo,
                                 UINT *arg_err)
{
    if (!params->cArgs) return return_object(result, wscript->arguments);
    return IDispatch_Invoke(wscript->arguments, DISPID_VALUE, &IID_NULL, 0, DISPATCH_METHOD | DISPATCH_PROPERTYGET,
                            params, result, excepinfo, arg_err);
}

static HRESULT wscript_invoke(struct host_object *object, DISPID id, WORD flags, DISPPARAMS *params,
                              VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct wscript *wscript = wscript_from_object(object);
    BOOL call = (flags & DISPATCH_METHOD) != 0, get = (flags & DISPATCH_PROPERTYGET) != 0;

    switch (id)
    {
    case DISPID_WSCRIPT_ECHO: return call ? wscript_echo(params, arg_err) : DISP_E_MEMBERNOTFOUND;
    case DISPID_WSCRIPT_QUIT: return call ? wscript_quit(params, arg_err) : DISP_E_MEMBERNOTFOUND;
    case DISPID_WSCRIPT_SLEEP: return call ? wscript_sleep(params, excepinfo, arg_err) : DISP_E_MEMBERNOTFOUND;
    case DISPID_WSCRIPT_CREATEOBJECT:
        return call || get ? wscript_create_object(params, result, excepinfo, arg_err) : DISP_E_MEMBERNOTFOUND;
    case DISPID_WSCRIPT_GETOBJECT:
        return call || get ? wscript_get_object(params, result, excepinfo, arg_err) : DISP_E_MEMBERNOTFOUND;
    case DISPID_WSCRIPT_CONNECTOBJECT:
        return call ? wscript_connect_object(params, excepinfo, arg_err) : DISP_E_MEMBERNOTFOUND;
    case DISPID_WSCRIPT_DISCONNECTOBJECT:
        return call ? wscript_disconnect_object(params, excepinfo, arg_err) : DISP_E_MEMBERNOTFOUND;
    case DISPID_WSCRIPT_ARGUMENTS:
        return call || get ? wscript_arguments(wscript, params, result, excepinfo, arg_err) : DISP_E_MEMBERNOTFOUND;
    case DISPID_WSCRIPT_INTERACTIVE: return wscript_interactive(flags, params, result, arg_err);
    }
    if (!call && !get) return DISP_E_MEMBERNOTFOUND;
    if (params->cArgs) return DISP_E_BADPARAMCOUNT;
    return wscript_property(wscript, id, result);
}

static void wscript_destroy(struct host_object *object)
{
    struct wscript *wscript = wscript_from_object(object);

    if (wscript->arguments) IDispatch_Release(wscript->arguments);
    if (wscript->std_out) IDispatch_Release(wscript->std_out);
    if (wscript->std_err) IDispatch_Release(wscript->std_err);
}

static const struct host_object_class wscript_class =
{
    wscript_members, ARRAY_SIZE(wscript_members), wscript_invoke, wscript_destroy
};

HRESULT wscript_create(IDispatch **result)
{
    struct wscript *wscript;
    HRESULT hr;

    if (!(wscript = host_object_create(&wscript_class, sizeof(*wscript)))) return E_OUTOFMEMORY;
    if (FAILED(hr = arguments_create(&wscript->arguments)) ||
        FAILED(hr = text_stream_create(STD_OUTPUT_HANDLE, &wscript->std_out)) ||
        FAILED(hr = text_stream_create(STD_ERROR_HANDLE, &wscript->std_err)))
    {
        IDispatch_Release(&wscript->object.IDispatch_iface);
        return hr;
    }
    *result = &wscript->object.IDispatch_iface;
    return S_OK;
}
