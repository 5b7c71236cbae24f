/*
 * FaxSender: who sends a FaxDocument. Its sixteen properties are strings; the default sender is
 * kept per user, under HKEY_CURRENT_USER\Software\fxscomex\DefaultSender.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"

static const WCHAR default_sender_key[] = L"Software\\fxscomex\\DefaultSender";

/* In the order of IFaxSender's DISPIDs; also the registry value names. */
static const WCHAR * const field_names[FAX_SENDER_FIELDS] =
{
    L"BillingCode", L"City", L"Company", L"Country", L"Department", L"Email", L"FaxNumber", L"HomePhone", L"Name",
    L"TSID", L"OfficePhone", L"OfficeLocation", L"State", L"StreetAddress", L"Title", L"ZipCode",
};

struct sender
{
    IFaxSender IFaxSender_iface;
    struct fxs_class_info class_info;
    LONG refcount;
    SRWLOCK lock;
    BSTR fields[FAX_SENDER_FIELDS];
};

static const IID * const sender_error_iids[] = { &IID_IFaxSender, NULL };

static inline struct sender *impl_from_IFaxSender(IFaxSender *iface)
{
    return CONTAINING_RECORD(iface, struct sender, IFaxSender_iface);
}

static HRESULT WINAPI sender_QueryInterface(IFaxSender *iface, REFIID riid, void **obj)
{
    struct sender *sender = impl_from_IFaxSender(iface);
    return fxs_class_info_query(&sender->class_info, &sender->IFaxSender_iface, riid, obj);
}

static ULONG WINAPI sender_AddRef(IFaxSender *iface)
{
    return InterlockedIncrement(&impl_from_IFaxSender(iface)->refcount);
}

static ULONG WINAPI sender_Release(IFaxSender *iface)
{
    struct sender *sender = impl_from_IFaxSender(iface);
    ULONG refcount = InterlockedDecrement(&sender->refcount);
    unsigned int i;

    if (!refcount)
    {
        for (i = 0; i < FAX_SENDER_FIELDS; i++) SysFreeString(sender->fields[i]);
        free(sender);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(sender, IFaxSender, IID_IFaxSender)

static HRESULT get_field(IFaxSender *iface, unsigned int field, BSTR *value)
{
    struct sender *sender = impl_from_IFaxSender(iface);
    return fxs_bstr_get_locked(&sender->lock, &sender->fields[field], value);
}

static HRESULT put_field(IFaxSender *iface, unsigned int field, BSTR value)
{
    struct sender *sender = impl_from_IFaxSender(iface);
    return fxs_bstr_put_locked(&sender->lock, &sender->fields[field], value);
}

#define SENDER_PROPERTY(name, field) \
    static HRESULT WINAPI sender_get_##name(IFaxSender *iface, BSTR *value) { return get_field(iface, field, value); } \
    static HRESULT WINAPI sender_put_##name(IFaxSender *iface, BSTR value) { return put_field(iface, field, value); }

SENDER_PROPERTY(BillingCode, 0)
SENDER_PROPERTY(City, 1)
SENDER_PROPERTY(Company, 2)
SENDER_PROPERTY(Country, 3)
SENDER_PROPERTY(Department, 4)
SENDER_PROPERTY(Email, 5)
SENDER_PROPERTY(FaxNumber, 6)
SENDER_PROPERTY(HomePhone, 7)
SENDER_PROPERTY(Name, 8)
SENDER_PROPERTY(TSID, 9)
SENDER_PROPERTY(OfficePhone, 10)
SENDER_PROPERTY(OfficeLocation, 11)
SENDER_PROPERTY(State, 12)
SENDER_PROPERTY(StreetAddress, 13)
SENDER_PROPERTY(Title, 14)
SENDER_PROPERTY(ZipCode, 15)

/* A value missing from the registry reads as empty, as a never-saved default sender does. */
static HRESULT WINAPI sender_LoadDefaultSender(IFaxSender *iface)
{
    struct sender *sender = impl_from_IFaxSender(iface);
    WCHAR value[FAX_SENDER_MAX + 1];
    BSTR loaded[FAX_SENDER_FIELDS] = { 0 };
    unsigned int i;
    HKEY key;

    if (RegOpenKeyExW(HKEY_CURRENT_USER, default_sender_key, 0, KEY_READ, &key)) key = NULL;
    for (i = 0; i < FAX_SENDER_FIELDS; i++)
    {
        DWORD size = sizeof(value);
        if (!key || RegGetValueW(key, NULL, field_names[i], RRF_RT_REG_SZ, NULL, value, &size)) value[0] = 0;
        if (!(loaded[i] = SysAllocString(value))) break;
    }
    if (key) RegCloseKey(key);
    if (i < FAX_SENDER_FIELDS)
    {
        while (i--) SysFreeString(loaded[i]);
        return E_OUTOFMEMORY;
    }
    AcquireSRWLockExclusive(&sender->lock);
    for (i = 0; i < FAX_SENDER_FIELDS; i++)
    {
        SysFreeString(sender->fields[i]);
        sender->fields[i] = loaded[i];
    }
    ReleaseSRWLockExclusive(&sender->lock);
    return S_OK;
}

static HRESULT WINAPI sender_SaveDefaultSender(IFaxSender *iface)
{
    struct sender *sender = impl_from_IFaxSender(iface);
    LSTATUS status = ERROR_SUCCESS;
    unsigned int i;
    HKEY key;

    if ((status = RegCreateKeyExW(HKEY_CURRENT_USER, default_sender_key, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL)))
        return fxs_error(HRESULT_FROM_WIN32(status), &IID_IFaxSender, L"The default sender could not be saved (%ld).",
                         status);
    AcquireSRWLockShared(&sender->lock);
    for (i = 0; i < FAX_SENDER_FIELDS && !status; i++)
    {
        const WCHAR *text = sender->fields[i] ? sender->fields[i] : L"";
        status = RegSetValueExW(key, field_names[i], 0, REG_SZ, (const BYTE *)text, (lstrlenW(text) + 1) * sizeof(WCHAR));
    }
    ReleaseSRWLockShared(&sender->lock);
    RegCloseKey(key);
    if (status)
        return fxs_error(HRESULT_FROM_WIN32(status), &IID_IFaxSender, L"The default sender could not be saved (%ld).",
                         status);
    return S_OK;
}

static const IFaxSenderVtbl sender_vtbl =
{
    sender_QueryInterface, sender_AddRef, sender_Release,
    sender_GetTypeInfoCount, sender_GetTypeInfo, sender_GetIDsOfNames, sender_Invoke,
    sender_get_BillingCode, sender_put_BillingCode, sender_get_City, sender_put_City,
    sender_get_Company, sender_put_Company, sender_get_Country, sender_put_Country,
    sender_get_Department, sender_put_Department, sender_get_Email, sender_put_Email,
    sender_get_FaxNumber, sender_put_FaxNumber, sender_get_HomePhone, sender_put_HomePhone,
    sender_get_Name, sender_put_Name, sender_get_TSID, sender_put_TSID,
    sender_get_OfficePhone, sender_put_OfficePhone, sender_get_OfficeLocation, sender_put_OfficeLocation,
    sender_get_State, sender_put_State, sender_get_StreetAddress, sender_put_StreetAddress,
    sender_get_Title, sender_put_Title, sender_get_ZipCode, sender_put_ZipCode,
    sender_LoadDefaultSender, sender_SaveDefaultSender,
};

HRESULT fax_sender_create(IFaxSender **result)
{
    struct sender *sender;

    *result = NULL;
    if (!(sender = calloc(1, sizeof(*sender)))) return E_OUTOFMEMORY;
    sender->IFaxSender_iface.lpVtbl = &sender_vtbl;
    sender->refcount = 1;
    InitializeSRWLock(&sender->lock);
    fxs_class_info_init(&sender->class_info, (IUnknown *)&sender->IFaxSender_iface, &CLSID_FaxSender, NULL,
                        sender_error_iids);
    fxs_module_addref();
    *result = &sender->IFaxSender_iface;
    return S_OK;
}

/* The sixteen fields, in DISPID order, as copies the caller frees (SysFreeString). */
HRESULT fax_sender_snapshot(IFaxSender *iface, BSTR fields[FAX_SENDER_FIELDS])
{
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < FAX_SENDER_FIELDS; i++)
    {
        if (SUCCEEDED(hr = get_field(iface, i, &fields[i]))) continue;
        while (i--) SysFreeString(fields[i]);
        return hr;
    }
    return S_OK;
}
