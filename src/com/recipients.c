/*
 * FaxRecipient and FaxRecipients: the recipients of a FaxDocument. Items are numbered from 1, as
 * Microsoft's samples use them (Recipients.Item(1)).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"

/* ---- FaxRecipient ---- */

struct recipient
{
    IFaxRecipient IFaxRecipient_iface;
    struct fxs_class_info class_info;
    LONG refcount;
    SRWLOCK lock;
    BSTR fax_number;
    BSTR name;
};

static const IID * const recipient_error_iids[] = { &IID_IFaxRecipient, NULL };

static inline struct recipient *impl_from_IFaxRecipient(IFaxRecipient *iface)
{
    return CONTAINING_RECORD(iface, struct recipient, IFaxRecipient_iface);
}

static HRESULT WINAPI recipient_QueryInterface(IFaxRecipient *iface, REFIID riid, void **obj)
{
    struct recipient *recipient = impl_from_IFaxRecipient(iface);
    return fxs_class_info_query(&recipient->class_info, &recipient->IFaxRecipient_iface, riid, obj);
}

static ULONG WINAPI recipient_AddRef(IFaxRecipient *iface)
{
    return InterlockedIncrement(&impl_from_IFaxRecipient(iface)->refcount);
}

static ULONG WINAPI recipient_Release(IFaxRecipient *iface)
{
    struct recipient *recipient = impl_from_IFaxRecipient(iface);
    ULONG refcount = InterlockedDecrement(&recipient->refcount);

    if (!refcount)
    {
        SysFreeString(recipient->fax_number);
        SysFreeString(recipient->name);
        free(recipient);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(recipient, IFaxRecipient, IID_IFaxRecipient)

static HRESULT WINAPI recipient_get_FaxNumber(IFaxRecipient *iface, BSTR *value)
{
    struct recipient *recipient = impl_from_IFaxRecipient(iface);
    return fxs_bstr_get_locked(&recipient->lock, &recipient->fax_number, value);
}

static HRESULT WINAPI recipient_put_FaxNumber(IFaxRecipient *iface, BSTR value)
{
    struct recipient *recipient = impl_from_IFaxRecipient(iface);
    return fxs_bstr_put_locked(&recipient->lock, &recipient->fax_number, value);
}

static HRESULT WINAPI recipient_get_Name(IFaxRecipient *iface, BSTR *value)
{
    struct recipient *recipient = impl_from_IFaxRecipient(iface);
    return fxs_bstr_get_locked(&recipient->lock, &recipient->name, value);
}

static HRESULT WINAPI recipient_put_Name(IFaxRecipient *iface, BSTR value)
{
    struct recipient *recipient = impl_from_IFaxRecipient(iface);
    return fxs_bstr_put_locked(&recipient->lock, &recipient->name, value);
}

static const IFaxRecipientVtbl recipient_vtbl =
{
    recipient_QueryInterface,
    recipient_AddRef,
    recipient_Release,
    recipient_GetTypeInfoCount,
    recipient_GetTypeInfo,
    recipient_GetIDsOfNames,
    recipient_Invoke,
    recipient_get_FaxNumber,
    recipient_put_FaxNumber,
    recipient_get_Name,
    recipient_put_Name,
};

HRESULT fax_recipient_create(const WCHAR *fax_number, const WCHAR *name, IFaxRecipient **result)
{
    struct recipient *recipient;

    *result = NULL;
    if (!(recipient = calloc(1, sizeof(*recipient)))) return E_OUTOFMEMORY;
    recipient->IFaxRecipient_iface.lpVtbl = &recipient_vtbl;
    recipient->refcount = 1;
    InitializeSRWLock(&recipient->lock);
    recipient->fax_number = SysAllocString(fax_number ? fax_number : L"");
    recipient->name = SysAllocString(name ? name : L"");
    fxs_class_info_init(&recipient->class_info, (IUnknown *)&recipient->IFaxRecipient_iface, &CLSID_FaxRecipient, NULL,
                        recipient_error_iids);
    fxs_module_addref();
    if (!recipient->fax_number || !recipient->name)
    {
        IFaxRecipient_Release(&recipient->IFaxRecipient_iface);
        return E_OUTOFMEMORY;
    }
    *result = &recipient->IFaxRecipient_iface;
    return S_OK;
}

/* ---- FaxRecipients ---- */

struct recipients
{
    IFaxRecipients IFaxRecipients_iface;
    struct fxs_class_info class_info;
    LONG refcount;
    SRWLOCK lock;
    IFaxRecipient **items;
    LONG count, capacity;
};

static const IID * const recipients_error_iids[] = { &IID_IFaxRecipients, NULL };

static inline struct recipients *impl_from_IFaxRecipients(IFaxRecipients *iface)
{
    return CONTAINING_RECORD(iface, struct recipients, IFaxRecipients_iface);
}

static HRESULT WINAPI recipients_QueryInterface(IFaxRecipients *iface, REFIID riid, void **obj)
{
    struct recipients *recipients = impl_from_IFaxRecipients(iface);
    return fxs_class_info_query(&recipients->class_info, &recipients->IFaxRecipients_iface, riid, obj);
}

static ULONG WINAPI recipients_AddRef(IFaxRecipients *iface)
{
    return InterlockedIncrement(&impl_from_IFaxRecipients(iface)->refcount);
}

static ULONG WINAPI recipients_Release(IFaxRecipients *iface)
{
    struct recipients *recipients = impl_from_IFaxRecipients(iface);
    ULONG refcount = InterlockedDecrement(&recipients->refcount);
    LONG i;

    if (!refcount)
    {
        for (i = 0; i < recipients->count; i++) IFaxRecipient_Release(recipients->items[i]);
        free(recipients->items);
        free(recipients);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(recipients, IFaxRecipients, IID_IFaxRecipients)

static HRESULT WINAPI recipients_get__NewEnum(IFaxRecipients *iface, IUnknown **result)
{
    struct recipients *recipients = impl_from_IFaxRecipients(iface);
    HRESULT hr;

    if (!result) return E_POINTER;
    AcquireSRWLockShared(&recipients->lock);
    hr = fxs_enum_variant_create((IDispatch **)recipients->items, recipients->count, result);
    ReleaseSRWLockShared(&recipients->lock);
    return hr;
}

static HRESULT bad_index(LONG index)
{
    return fxs_error(E_INVALIDARG, &IID_IFaxRecipients, L"There is no recipient %ld: recipients are numbered from 1.",
                     index);
}

static HRESULT WINAPI recipients_get_Item(IFaxRecipients *iface, LONG index, IFaxRecipient **result)
{
    struct recipients *recipients = impl_from_IFaxRecipients(iface);
    HRESULT hr = S_OK;

    if (!result) return E_POINTER;
    *result = NULL;
    AcquireSRWLockShared(&recipients->lock);
    if (index < 1 || index > recipients->count) hr = bad_index(index);
    else
    {
        *result = recipients->items[index - 1];
        IFaxRecipient_AddRef(*result);
    }
    ReleaseSRWLockShared(&recipients->lock);
    return hr;
}

static HRESULT WINAPI recipients_get_Count(IFaxRecipients *iface, LONG *count)
{
    struct recipients *recipients = impl_from_IFaxRecipients(iface);

    if (!count) return E_POINTER;
    AcquireSRWLockShared(&recipients->lock);
    *count = recipients->count;
    ReleaseSRWLockShared(&recipients->lock);
    return S_OK;
}

static HRESULT WINAPI recipients_Add(IFaxRecipients *iface, BSTR fax_number, BSTR name, IFaxRecipient **result)
{
    struct recipients *recipients = impl_from_IFaxRecipients(iface);
    IFaxRecipient *recipient;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (!fax_number || !*fax_number)
        return fxs_error(E_INVALIDARG, &IID_IFaxRecipients, L"A recipient needs a fax number.");
    if (FAILED(hr = fax_recipient_create(fax_number, name, &recipient))) return hr;

    AcquireSRWLockExclusive(&recipients->lock);
    if (recipients->count == recipients->capacity)
    {
        LONG capacity = recipients->capacity ? recipients->capacity * 2 : 4;
        IFaxRecipient **grown = realloc(recipients->items, capacity * sizeof(*grown));
        if (!grown) hr = E_OUTOFMEMORY;
        else
        {
            recipients->items = grown;
            recipients->capacity = capacity;
        }
    }
    if (SUCCEEDED(hr))
    {
        recipients->items[recipients->count++] = recipient;
        IFaxRecipient_AddRef(recipient);
    }
    ReleaseSRWLockExclusive(&recipients->lock);
    if (FAILED(hr)) IFaxRecipient_Release(recipient);
    else *result = recipient;
    return hr;
}

static HRESULT WINAPI recipients_Remove(IFaxRecipients *iface, LONG index)
{
    struct recipients *recipients = impl_from_IFaxRecipients(iface);
    IFaxRecipient *removed = NULL;

    AcquireSRWLockExclusive(&recipients->lock);
    if (index >= 1 && index <= recipients->count)
    {
        removed = recipients->items[index - 1];
        memmove(&recipients->items[index - 1], &recipients->items[index],
                (recipients->count - index) * sizeof(*recipients->items));
        recipients->count--;
    }
    ReleaseSRWLockExclusive(&recipients->lock);
    if (!removed) return bad_index(index);
    IFaxRecipient_Release(removed);
    return S_OK;
}

static const IFaxRecipientsVtbl recipients_vtbl =
{
    recipients_QueryInterface,
    recipients_AddRef,
    recipients_Release,
    recipients_GetTypeInfoCount,
    recipients_GetTypeInfo,
    recipients_GetIDsOfNames,
    recipients_Invoke,
    recipients_get__NewEnum,
    recipients_get_Item,
    recipients_get_Count,
    recipients_Add,
    recipients_Remove,
};

HRESULT fax_recipients_create(IFaxRecipients **result)
{
    struct recipients *recipients;

    *result = NULL;
    if (!(recipients = calloc(1, sizeof(*recipients)))) return E_OUTOFMEMORY;
    recipients->IFaxRecipients_iface.lpVtbl = &recipients_vtbl;
    recipients->refcount = 1;
    InitializeSRWLock(&recipients->lock);
    fxs_class_info_init(&recipients->class_info, (IUnknown *)&recipients->IFaxRecipients_iface, &CLSID_FaxRecipients,
                        NULL, recipients_error_iids);
    fxs_module_addref();
    *result = &recipients->IFaxRecipients_iface;
    return S_OK;
}

/* A copy of the numbers and names, for a submission (free with fax_recipients_free_snapshot). */
HRESULT fax_recipients_snapshot(IFaxRecipients *iface, BSTR **numbers, BSTR **names, LONG *count)
{
    struct recipients *recipients = impl_from_IFaxRecipients(iface);
    HRESULT hr = S_OK;
    LONG i;

    AcquireSRWLockShared(&recipients->lock);
    *count = recipients->count;
    *numbers = calloc(*count ? *count : 1, sizeof(**numbers));
    *names = calloc(*count ? *count : 1, sizeof(**names));
    if (!*numbers || !*names) hr = E_OUTOFMEMORY;
    for (i = 0; SUCCEEDED(hr) && i < *count; i++)
    {
        if (FAILED(hr = IFaxRecipient_get_FaxNumber(recipients->items[i], &(*numbers)[i]))) break;
        hr = IFaxRecipient_get_Name(recipients->items[i], &(*names)[i]);
    }
    ReleaseSRWLockShared(&recipients->lock);
    if (FAILED(hr)) fax_recipients_free_snapshot(*numbers, *names, *count);
    return hr;
}

void fax_recipients_free_snapshot(BSTR *numbers, BSTR *names, LONG count)
{
    LONG i;

    for (i = 0; i < count; i++)
    {
        if (numbers) SysFreeString(numbers[i]);
        if (names) SysFreeString(names[i]);
    }
    free(numbers);
    free(names);
}
