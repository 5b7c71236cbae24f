/*
 * The record a job or message object keeps, and its getters (see snapshot.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "snapshot.h"

void snapshot_init(struct snapshot *snapshot, fxs_job_info *info)
{
    InitializeSRWLock(&snapshot->lock);
    snapshot->info = *info;
    memset(info, 0, sizeof(*info));
}

void snapshot_replace(struct snapshot *snapshot, fxs_job_info *info)
{
    AcquireSRWLockExclusive(&snapshot->lock);
    fxs_job_info_clear(&snapshot->info);
    snapshot->info = *info;
    ReleaseSRWLockExclusive(&snapshot->lock);
    memset(info, 0, sizeof(*info));
}

void snapshot_clear(struct snapshot *snapshot)
{
    fxs_job_info_clear(&snapshot->info);
}

HRESULT snapshot_get_string(struct snapshot *snapshot, size_t offset, BSTR *value)
{
    const WCHAR *text;

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&snapshot->lock);
    text = *(WCHAR **)((BYTE *)&snapshot->info + offset);
    *value = SysAllocString(text ? text : L"");
    ReleaseSRWLockShared(&snapshot->lock);
    return *value ? S_OK : E_OUTOFMEMORY;
}

/* Copies a field of the snapshot out, under the lock. */
static HRESULT read_field(struct snapshot *snapshot, size_t offset, void *value, size_t size)
{
    if (!value) return E_POINTER;
    AcquireSRWLockShared(&snapshot->lock);
    memcpy(value, (BYTE *)&snapshot->info + offset, size);
    ReleaseSRWLockShared(&snapshot->lock);
    return S_OK;
}

HRESULT snapshot_get_long(struct snapshot *snapshot, size_t offset, LONG *value)
{
    return read_field(snapshot, offset, value, sizeof(*value));
}

HRESULT snapshot_get_date(struct snapshot *snapshot, size_t offset, DATE *value)
{
    return read_field(snapshot, offset, value, sizeof(*value));
}

HRESULT snapshot_get_bool(struct snapshot *snapshot, size_t offset, VARIANT_BOOL *value)
{
    LONG flag;
    HRESULT hr;

    if (!value) return E_POINTER;
    if (SUCCEEDED(hr = snapshot_get_long(snapshot, offset, &flag))) *value = flag ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

HRESULT snapshot_get_transmission_time(struct snapshot *snapshot, DWORD which, REFIID iid, const WCHAR *what,
                                       DATE *value)
{
    const fxs_job_status *status = &snapshot->info.status;
    BOOL set;

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&snapshot->lock);
    set = (status->times_set & which) != 0;
    *value = !set ? 0 : which == FXS_TIME_TRANSMISSION_START ? status->transmission_start : status->transmission_end;
    ReleaseSRWLockShared(&snapshot->lock);
    if (set) return S_OK;
    return fxs_error(HRESULT_FROM_WIN32(ERROR_INVALID_DATA), iid, L"The %s has no transmission %s yet.", what,
                     which == FXS_TIME_TRANSMISSION_START ? L"start" : L"end");
}

/* A new FaxSender: its sixteen fields are IFaxSender's DISPIDs 1 to 16. */
HRESULT snapshot_get_sender(struct snapshot *snapshot, IFaxSender **value)
{
    const WCHAR * const *fields = (const WCHAR * const *)&snapshot->info.document.sender;
    DISPID put = DISPID_PROPERTYPUT;
    IFaxSender *sender;
    unsigned int i;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = NULL;
    if (FAILED(hr = fax_sender_create(&sender))) return hr;
    AcquireSRWLockShared(&snapshot->lock);
    for (i = 0; SUCCEEDED(hr) && i < FAX_SENDER_FIELDS; i++)
    {
        VARIANT text;
        DISPPARAMS params = { &text, &put, 1, 1 };

        V_VT(&text) = VT_BSTR;
        if (!(V_BSTR(&text) = SysAllocString(fields[i] ? fields[i] : L""))) hr = E_OUTOFMEMORY;
        else hr = IFaxSender_Invoke(sender, i + 1, &IID_NULL, 0, DISPATCH_PROPERTYPUT, &params, NULL, NULL, NULL);
        VariantClear(&text);
    }
    ReleaseSRWLockShared(&snapshot->lock);
    if (FAILED(hr)) IFaxSender_Release(sender);
    else *value = sender;
    return hr;
}

HRESULT snapshot_get_recipient(struct snapshot *snapshot, IFaxRecipient **value)
{
    HRESULT hr;

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&snapshot->lock);
    hr = fax_recipient_create(snapshot->info.recipient_number, snapshot->info.recipient_name, value);
    ReleaseSRWLockShared(&snapshot->lock);
    return hr;
}

HRESULT fxs_job_id_get(ULONGLONG id, BSTR *value)
{
    WCHAR text[17];

    if (!value) return E_POINTER;
    fxs_job_id_format(id, text);
    *value = SysAllocString(text);
    return *value ? S_OK : E_OUTOFMEMORY;
}

HRESULT fxs_write_image_file(const WCHAR *path, const BYTE *data, DWORD size, REFIID iid)
{
    HANDLE file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD written = 0, error = ERROR_SUCCESS;

    if (file == INVALID_HANDLE_VALUE) error = GetLastError();
    else
    {
        if (!WriteFile(file, data, size, &written, NULL)) error = GetLastError();
        else if (written != size) error = ERROR_WRITE_FAULT;
        if (!CloseHandle(file) && !error) error = GetLastError();
        /* no half-written image left behind */
        if (error) DeleteFileW(path);
    }
    if (!error) return S_OK;
    return fxs_error(HRESULT_FROM_WIN32(error), iid, L"The TIFF file %s cannot be written (error %lu).", path, error);
}
