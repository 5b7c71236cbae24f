/*
 * Rich errors: every failing method of the library sets an IErrorInfo, so that Automation clients
 * (VB6, scripts) can show the user what went wrong.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "fxscomex_private.h"

HRESULT fxs_error(HRESULT hr, REFIID iid, const WCHAR *fmt, ...)
{
    ICreateErrorInfo *create;
    IErrorInfo *info;
    WCHAR description[512];
    va_list args;

    va_start(args, fmt);
    _vsnwprintf(description, ARRAY_SIZE(description) - 1, fmt, args);
    va_end(args);
    description[ARRAY_SIZE(description) - 1] = 0;

    if (FAILED(CreateErrorInfo(&create))) return hr;
    ICreateErrorInfo_SetGUID(create, iid ? iid : &GUID_NULL);
    ICreateErrorInfo_SetSource(create, (WCHAR *)L"FaxComEx");
    ICreateErrorInfo_SetDescription(create, description);
    if (SUCCEEDED(ICreateErrorInfo_QueryInterface(create, &IID_IErrorInfo, (void **)&info)))
    {
        SetErrorInfo(0, info);
        IErrorInfo_Release(info);
    }
    ICreateErrorInfo_Release(create);
    return hr;
}
