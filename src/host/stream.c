/*
 * WScript.StdOut and WScript.StdErr: write-only text streams (Write, WriteLine, WriteBlankLines),
 * and the one function that writes text to the console or to a redirected handle.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "host.h"

/* To a console: as UTF-16. Redirected: in the console's output code page, as cscript does. */
static void write_handle(HANDLE handle, const WCHAR *text, DWORD length)
{
    DWORD mode, written, size;
    char *bytes;
    UINT codepage;

    if (!length) return;
    if (GetConsoleMode(handle, &mode))
    {
        WriteConsoleW(handle, text, length, &written, NULL);
        return;
    }
    codepage = GetConsoleOutputCP();
    if (!codepage) codepage = GetOEMCP();
    size = WideCharToMultiByte(codepage, 0, text, length, NULL, 0, NULL, NULL);
    if (!(bytes = malloc(size ? size : 1))) return;
    WideCharToMultiByte(codepage, 0, text, length, bytes, size, NULL, NULL);
    WriteFile(handle, bytes, size, &written, NULL);
    free(bytes);
}

void host_write(DWORD std_handle, const WCHAR *text, BOOL line_end)
{
    HANDLE handle = GetStdHandle(std_handle);

    if (!handle || handle == INVALID_HANDLE_VALUE) return;
    if (text) write_handle(handle, text, wcslen(text));
    if (line_end) write_handle(handle, L"\r\n", 2);
}

enum stream_dispid
{
    DISPID_STREAM_WRITE = 1,
    DISPID_STREAM_WRITELINE,
    DISPID_STREAM_WRITEBLANKLINES,
};

static const struct host_member stream_members[] =
{
    { L"Write", DISPID_STREAM_WRITE },
    { L"WriteLine", DISPID_STREAM_WRITELINE },
    { L"WriteBlankLines", DISPID_STREAM_WRITEBLANKLINES },
};

struct text_stream
{
    struct host_object object;
    DWORD std_handle;
};

static HRESULT stream_write(struct text_stream *stream, DISPPARAMS *params, BOOL line_end, UINT *arg_err)
{
    VARIANT text;
    HRESULT hr;

    if (host_argument_missing(params, 0))
    {
        if (!line_end) return DISP_E_PARAMNOTFOUND;
        host_write(stream->std_handle, NULL, TRUE);
        return S_OK;
    }
    if (FAILED(hr = host_argument_as(params, 0, VT_BSTR, &text, arg_err))) return hr;
    host_write(stream->std_handle, V_BSTR(&text), line_end);
    VariantClear(&text);
    return S_OK;
}

static HRESULT stream_write_blank_lines(struct text_stream *stream, DISPPARAMS *params, UINT *arg_err)
{
    VARIANT lines;
    HRESULT hr;
    LONG i;

    if (FAILED(hr = host_argument_as(params, 0, VT_I4, &lines, arg_err))) return hr;
    if (V_I4(&lines) < 0) return E_INVALIDARG;
    for (i = 0; i < V_I4(&lines); i++) host_write(stream->std_handle, NULL, TRUE);
    return S_OK;
}

static HRESULT stream_invoke(struct host_object *object, DISPID id, WORD flags, DISPPARAMS *params,
                             VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct text_stream *stream = CONTAINING_RECORD(object, struct text_stream, object);

    if (!(flags & DISPATCH_METHOD)) return DISP_E_MEMBERNOTFOUND;
    if (params->cArgs > 1) return DISP_E_BADPARAMCOUNT;
    switch (id)
    {
    case DISPID_STREAM_WRITE: return stream_write(stream, params, FALSE, arg_err);
    case DISPID_STREAM_WRITELINE: return stream_write(stream, params, TRUE, arg_err);
    case DISPID_STREAM_WRITEBLANKLINES: return stream_write_blank_lines(stream, params, arg_err);
    }
    return DISP_E_MEMBERNOTFOUND;
}

static const struct host_object_class text_stream_class =
{
    stream_members, ARRAY_SIZE(stream_members), stream_invoke, NULL
};

HRESULT text_stream_create(DWORD std_handle, IDispatch **result)
{
    struct text_stream *stream;

    if (!(stream = host_object_create(&text_stream_class, sizeof(*stream)))) return E_OUTOFMEMORY;
    stream->std_handle = std_handle;
    *result = &stream->object.IDispatch_iface;
    return S_OK;
}
