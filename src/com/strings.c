/*
 * BSTR properties: what every string property of the library does on get and put.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"

/* A property that was never set reads as an empty string, as Automation clients expect. */
HRESULT fxs_bstr_get(const BSTR value, BSTR *out)
{
    if (!out) return E_POINTER;
    *out = SysAllocStringLen(value, value ? SysStringLen(value) : 0);
    return *out ? S_OK : E_OUTOFMEMORY;
}

/* A NULL BSTR is the empty string in Automation. */
HRESULT fxs_bstr_put(BSTR *field, const BSTR value)
{
    BSTR copy = SysAllocStringLen(value, SysStringLen(value));

    if (!copy) return E_OUTOFMEMORY;
    SysFreeString(*field);
    *field = copy;
    return S_OK;
}

/* The same for a field an SRW lock guards: what every string property of an object does. */
HRESULT fxs_bstr_get_locked(SRWLOCK *lock, const BSTR *field, BSTR *out)
{
    HRESULT hr;

    if (!out) return E_POINTER;
    AcquireSRWLockShared(lock);
    hr = fxs_bstr_get(*field, out);
    ReleaseSRWLockShared(lock);
    return hr;
}

HRESULT fxs_bstr_put_locked(SRWLOCK *lock, BSTR *field, const BSTR value)
{
    HRESULT hr;

    AcquireSRWLockExclusive(lock);
    hr = fxs_bstr_put(field, value);
    ReleaseSRWLockExclusive(lock);
    return hr;
}
