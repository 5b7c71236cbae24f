/*
 * What the objects of the queues, jobs and devices share: job ids as text, the service's errors
 * as HRESULTs with a description, a collection's Item argument, and calls that need the link of
 * the FaxServer an object came from.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"

/* The id a job or message shows: its 64-bit number in 16 hexadecimal digits, as Submit returns. */
void fxs_job_id_format(ULONGLONG id, WCHAR text[17])
{
    static const WCHAR digits[] = L"0123456789ABCDEF";
    int i;

    for (i = 15; i >= 0; i--, id >>= 4) text[i] = digits[id & 0xf];
    text[16] = 0;
}

HRESULT fxs_job_id_parse(const WCHAR *text, REFIID iid, ULONGLONG *id)
{
    ULONGLONG value = 0;
    unsigned int i;

    for (i = 0; text && text[i]; i++)
    {
        WCHAR c = text[i];
        unsigned int digit;

        if (c >= '0' && c <= '9') digit = c - '0';
        else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        else break;
        if (i == 16) break;
        value = value * 16 + digit;
    }
    if (!text || !text[0] || text[i] || !value)
        return fxs_error(E_INVALIDARG, iid, L"\"%s\" is not a job id: ids are 16 hexadecimal digits.",
                         text ? text : L"");
    *id = value;
    return S_OK;
}

/* Why the service refused a folder setting (src/svc/folder.h, archive_folder.h). */
const WCHAR *fxs_folder_refusal(DWORD error)
{
    switch (error)
    {
    case ERROR_BAD_PATHNAME:
        return L"a folder is \"\" (the service's own) or an absolute path on a drive, such as C:\\Faxes\\Inbox, of "
               L"plain names (no \"..\", \":\", device names such as NUL, trailing dots or spaces, control "
               L"characters), outside the data root's own folders.";
    case ERROR_FILENAME_EXCED_RANGE: return L"the full path is too long (an archive's: 150 characters at most).";
    case ERROR_PATH_BUSY:
        return L"the folder is inside the fax service's data folder, or is the other archive's folder.";
    case ERROR_DIRECTORY: return L"a file, not a folder, has that name.";
    case ERROR_CANNOT_MAKE: return L"the folder does not exist and cannot be created.";
    }
    return NULL;
}

HRESULT fxs_service_error(DWORD error, REFIID iid, const WCHAR *what)
{
    switch (error)
    {
    case ERROR_NOT_FOUND:
        return fxs_error(FAX_E_MESSAGE_NOT_FOUND, iid, L"%s failed: the fax service has no such job (any more).", what);
    case ERROR_ACCESS_DENIED:
        return fxs_error(E_ACCESSDENIED, iid, L"%s failed: the fax service does not allow it to this user.", what);
    case ERROR_INVALID_OPERATION:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed: the job's state does not allow it now "
                         L"(see AvailableOperations).", what);
    case ERROR_INVALID_PARAMETER:
        return fxs_error(E_INVALIDARG, iid, L"%s failed: the fax service refused a value.", what);
    case ERROR_WRITE_PROTECT:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed: the queue is blocked.", what);
    case ERROR_BAD_PATHNAME:
    case ERROR_FILENAME_EXCED_RANGE:
    case ERROR_PATH_BUSY:
    case ERROR_DIRECTORY:
    case ERROR_CANNOT_MAKE:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed: the fax service refused a folder: %s", what,
                         fxs_folder_refusal(error));
    default:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed (error %lu).", what, error);
    }
}

/* Item(vIndex) of the collections: a number is a 1-based index, a string an id or a name. *name
 * is set (to a copy to free) only for a string. VB passes its arguments by reference. */
HRESULT fxs_collection_index(const VARIANT *index, REFIID iid, LONG *number, BSTR *name)
{
    VARIANT value, converted;
    HRESULT hr;

    *name = NULL;
    *number = 0;
    VariantInit(&value);
    VariantInit(&converted);
    if (FAILED(hr = VariantCopyInd(&value, (VARIANT *)index))) return hr;
    switch (V_VT(&value))
    {
    case VT_BSTR:
        *name = V_BSTR(&value);
        return S_OK;
    case VT_I1: case VT_I2: case VT_I4: case VT_I8: case VT_INT: case VT_UI1: case VT_UI2: case VT_UI4:
    case VT_UI8: case VT_UINT: case VT_R4: case VT_R8: case VT_DECIMAL: case VT_CY:
        hr = VariantChangeType(&converted, &value, 0, VT_I4);
        VariantClear(&value);
        if (FAILED(hr)) return fxs_error(DISP_E_OVERFLOW, iid, L"Item takes a number from 1.");
        *number = V_I4(&converted);
        return S_OK;
    }
    hr = fxs_error(DISP_E_TYPEMISMATCH, iid, L"Item takes a number (from 1) or a string, not a VARIANT of type %d.",
                   V_VT(&value));
    VariantClear(&value);
    return hr;
}

/* ---- one RPC with the link of a FaxServer ---- */

struct fxs_service_call
{
    DWORD (*fn)(void *session, void *context);
    void *context;
    DWORD error;
};

static HRESULT call_with_link(struct fxs_link *link, void *context)
{
    struct fxs_service_call *call = context;
    call->error = call->fn(fxs_link_session(link), call->context);
    return S_OK;
}

/* Runs fn with the session of the connected server; S_OK with *error its result, or the failure
 * of a server that is not connected (any more). */
HRESULT fxs_service_call(IFaxServer *server, DWORD (*fn)(void *session, void *context), void *context, DWORD *error)
{
    struct fxs_service_call call = { fn, context, 0 };
    HRESULT hr = fax_server_with_link(server, call_with_link, &call);

    *error = call.error;
    return hr;
}
