/*
 * FaxAccountIncomingArchive and FaxAccountOutgoingArchive (FaxAccountFolders): the archives'
 * messages that are an account's (see account.c). SizeLow and SizeHigh are the bytes of those
 * messages, summed when the object is made and at Refresh (a walk of the archive, a page at a
 * time). One object type serves both archives. Each call first asks the service whether the
 * account is still there.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_job_info.h"
#include "account_object.h"

struct account_archive
{
    IFaxAccountIncomingArchive IFaxAccountIncomingArchive_iface;
    IFaxAccountOutgoingArchive IFaxAccountOutgoingArchive_iface;
    struct account_object object;
    DWORD folder;                   /* FXS_FOLDER_*_ARCHIVE */
    SRWLOCK lock;
    ULONGLONG size;                 /* bytes of the account's messages, at the last Refresh */
};

static const IID * const incoming_archive_error_iids[] = { &IID_IFaxAccountIncomingArchive, NULL };
static const IID * const outgoing_archive_error_iids[] = { &IID_IFaxAccountOutgoingArchive, NULL };

static inline struct account_archive *impl_from_IFaxAccountIncomingArchive(IFaxAccountIncomingArchive *iface)
{
    return CONTAINING_RECORD(iface, struct account_archive, IFaxAccountIncomingArchive_iface);
}

static inline struct account_archive *impl_from_IFaxAccountOutgoingArchive(IFaxAccountOutgoingArchive *iface)
{
    return CONTAINING_RECORD(iface, struct account_archive, IFaxAccountOutgoingArchive_iface);
}

static inline BOOL archive_is_incoming(const struct account_archive *archive)
{
    return archive->folder == FXS_FOLDER_INCOMING_ARCHIVE;
}

static inline void *archive_iface(struct account_archive *archive)
{
    return archive_is_incoming(archive) ? (void *)&archive->IFaxAccountIncomingArchive_iface
                                        : (void *)&archive->IFaxAccountOutgoingArchive_iface;
}

static inline const IID *archive_iid(const struct account_archive *archive)
{
    return archive_is_incoming(archive) ? &IID_IFaxAccountIncomingArchive : &IID_IFaxAccountOutgoingArchive;
}

static ULONG archive_release(struct account_archive *archive)
{
    ULONG refcount = archive->object.refcount - 1;

    if (account_object_release(&archive->object))
    {
        free(archive);
        return 0;
    }
    return refcount;
}

/* ---- the size: a walk of the archive ---- */

struct size_call
{
    DWORD folder;
    const WCHAR *account;
    ULONGLONG size;
};

static DWORD sum_sizes(void *session, void *context)
{
    struct size_call *call = context;
    ULONGLONG after_id = 0;
    fxs_job_info *messages;
    DWORD count, error, i;

    do
    {
        messages = NULL;
        if ((error = fxs_rpc_list_messages(session, call->folder, after_id, FXS_MAX_LIST, &count, &messages)))
            return error;
        for (i = 0; i < count; i++)
            if (fxs_account_owns(call->account, call->folder, fxs_job_info_owner(call->folder, &messages[i])))
                call->size += (DWORD)messages[i].status.size;
        if (count) after_id = messages[count - 1].id;
        fxs_job_infos_free(messages, count);
    } while (count == FXS_MAX_LIST);
    return ERROR_SUCCESS;
}

static HRESULT archive_refresh(struct account_archive *archive)
{
    struct size_call call = { archive->folder, archive->object.account };
    DWORD error;
    HRESULT hr;

    if (FAILED(hr = fxs_account_check(archive->object.server, archive->object.account, archive_iid(archive),
                                      L"Refresh")))
        return hr;
    if (FAILED(hr = fxs_service_call(archive->object.server, sum_sizes, &call, &error))) return hr;
    if (error) return fxs_service_error(error, archive_iid(archive), L"Refresh");
    AcquireSRWLockExclusive(&archive->lock);
    archive->size = call.size;
    ReleaseSRWLockExclusive(&archive->lock);
    return S_OK;
}

static HRESULT archive_get_size(struct account_archive *archive, BOOL high, LONG *value)
{
    if (!value) return E_POINTER;
    AcquireSRWLockShared(&archive->lock);
    *value = (LONG)(DWORD)(high ? archive->size >> 32 : archive->size);
    ReleaseSRWLockShared(&archive->lock);
    return S_OK;
}

static HRESULT archive_get_messages(struct account_archive *archive, LONG prefetch_size, void **result)
{
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_account_check(archive->object.server, archive->object.account, archive_iid(archive),
                                      L"GetMessages")))
        return hr;
    return fax_message_iterator_create_owned(archive->object.server, archive->folder, prefetch_size,
                                             archive->object.account, archive_iid(archive), result);
}

static HRESULT archive_get_message(struct account_archive *archive, BSTR id, void **result)
{
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_account_check(archive->object.server, archive->object.account, archive_iid(archive),
                                      L"GetMessage")))
        return hr;
    return fax_message_get_owned(archive->object.server, archive->folder, id, archive->object.account,
                                 archive_iid(archive), result);
}

#define ACCOUNT_ARCHIVE_METHODS(prefix, type, iterator_type, message_type) \
    static HRESULT WINAPI prefix##_QueryInterface(type *iface, REFIID riid, void **obj) \
    { return account_object_query(&impl_from_##type(iface)->object, iface, riid, obj); } \
    static ULONG WINAPI prefix##_AddRef(type *iface) \
    { return InterlockedIncrement(&impl_from_##type(iface)->object.refcount); } \
    static ULONG WINAPI prefix##_Release(type *iface) \
    { return archive_release(impl_from_##type(iface)); } \
    FXS_DISPATCH_METHODS(prefix, type, IID_##type) \
    static HRESULT WINAPI prefix##_get_SizeLow(type *iface, LONG *value) \
    { return archive_get_size(impl_from_##type(iface), FALSE, value); } \
    static HRESULT WINAPI prefix##_get_SizeHigh(type *iface, LONG *value) \
    { return archive_get_size(impl_from_##type(iface), TRUE, value); } \
    static HRESULT WINAPI prefix##_Refresh(type *iface) \
    { return archive_refresh(impl_from_##type(iface)); } \
    static HRESULT WINAPI prefix##_GetMessages(type *iface, LONG prefetch_size, iterator_type **result) \
    { return archive_get_messages(impl_from_##type(iface), prefetch_size, (void **)result); } \
    static HRESULT WINAPI prefix##_GetMessage(type *iface, BSTR id, message_type **result) \
    { return archive_get_message(impl_from_##type(iface), id, (void **)result); } \
    static const type##Vtbl prefix##_vtbl = \
    { \
        prefix##_QueryInterface, prefix##_AddRef, prefix##_Release, prefix##_GetTypeInfoCount, \
        prefix##_GetTypeInfo, prefix##_GetIDsOfNames, prefix##_Invoke, prefix##_get_SizeLow, \
        prefix##_get_SizeHigh, prefix##_Refresh, prefix##_GetMessages, prefix##_GetMessage, \
    };

ACCOUNT_ARCHIVE_METHODS(incoming_archive, IFaxAccountIncomingArchive, IFaxIncomingMessageIterator, IFaxIncomingMessage)
ACCOUNT_ARCHIVE_METHODS(outgoing_archive, IFaxAccountOutgoingArchive, IFaxOutgoingMessageIterator, IFaxOutgoingMessage)

HRESULT fax_account_archive_create(IFaxServer *server, const WCHAR *account, DWORD folder, void **result)
{
    struct account_archive *archive;
    HRESULT hr;

    *result = NULL;
    if (!(archive = calloc(1, sizeof(*archive)))) return E_OUTOFMEMORY;
    archive->IFaxAccountIncomingArchive_iface.lpVtbl = &incoming_archive_vtbl;
    archive->IFaxAccountOutgoingArchive_iface.lpVtbl = &outgoing_archive_vtbl;
    archive->folder = folder;
    InitializeSRWLock(&archive->lock);
    hr = archive_is_incoming(archive)
        ? account_object_init(&archive->object, archive_iface(archive), server, account,
                              &CLSID_FaxAccountIncomingArchive, incoming_archive_error_iids)
        : account_object_init(&archive->object, archive_iface(archive), server, account,
                              &CLSID_FaxAccountOutgoingArchive, outgoing_archive_error_iids);
    if (FAILED(hr))
    {
        free(archive);
        return hr;
    }
    if (FAILED(hr = archive_refresh(archive)))
    {
        archive_release(archive);
        return hr;
    }
    *result = archive_iface(archive);
    return S_OK;
}
