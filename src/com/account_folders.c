/*
 * FaxAccountFolders (FaxAccount.Folders) and an account's two queues, FaxAccountOutgoingQueue and
 * FaxAccountIncomingQueue: the queues' jobs that are the account's (see account.c). One object
 * type serves both queues. Each call first asks the service whether the account is still there.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"
#include "account_object.h"

/* ---- FaxAccountFolders ---- */

struct account_folders
{
    IFaxAccountFolders IFaxAccountFolders_iface;
    struct account_object object;
};

static const IID * const folders_error_iids[] = { &IID_IFaxAccountFolders, NULL };

static inline struct account_folders *impl_from_IFaxAccountFolders(IFaxAccountFolders *iface)
{
    return CONTAINING_RECORD(iface, struct account_folders, IFaxAccountFolders_iface);
}

static HRESULT WINAPI folders_QueryInterface(IFaxAccountFolders *iface, REFIID riid, void **obj)
{
    return account_object_query(&impl_from_IFaxAccountFolders(iface)->object, iface, riid, obj);
}

static ULONG WINAPI folders_AddRef(IFaxAccountFolders *iface)
{
    return InterlockedIncrement(&impl_from_IFaxAccountFolders(iface)->object.refcount);
}

static ULONG WINAPI folders_Release(IFaxAccountFolders *iface)
{
    struct account_folders *folders = impl_from_IFaxAccountFolders(iface);
    ULONG refcount = folders->object.refcount - 1;

    if (account_object_release(&folders->object))
    {
        free(folders);
        return 0;
    }
    return refcount;
}

FXS_DISPATCH_METHODS(folders, IFaxAccountFolders, IID_IFaxAccountFolders)

static HRESULT folder(IFaxAccountFolders *iface, DWORD folder, void **result)
{
    struct account_folders *folders = impl_from_IFaxAccountFolders(iface);
    BOOL queue = folder == FXS_FOLDER_OUTGOING_QUEUE || folder == FXS_FOLDER_INCOMING_QUEUE;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (!queue) return fax_account_archive_create(folders->object.server, folders->object.account, folder, result);
    /* (An archive asks for the account when it sums its size.) */
    if (FAILED(hr = fxs_account_check(folders->object.server, folders->object.account, &IID_IFaxAccountFolders,
                                      folder == FXS_FOLDER_OUTGOING_QUEUE ? L"OutgoingQueue" : L"IncomingQueue")))
        return hr;
    return fax_account_queue_create(folders->object.server, folders->object.account, folder, result);
}

static HRESULT WINAPI folders_get_OutgoingQueue(IFaxAccountFolders *iface, IFaxAccountOutgoingQueue **result)
{
    return folder(iface, FXS_FOLDER_OUTGOING_QUEUE, (void **)result);
}

static HRESULT WINAPI folders_get_IncomingQueue(IFaxAccountFolders *iface, IFaxAccountIncomingQueue **result)
{
    return folder(iface, FXS_FOLDER_INCOMING_QUEUE, (void **)result);
}

static HRESULT WINAPI folders_get_IncomingArchive(IFaxAccountFolders *iface, IFaxAccountIncomingArchive **result)
{
    return folder(iface, FXS_FOLDER_INCOMING_ARCHIVE, (void **)result);
}

static HRESULT WINAPI folders_get_OutgoingArchive(IFaxAccountFolders *iface, IFaxAccountOutgoingArchive **result)
{
    return folder(iface, FXS_FOLDER_OUTGOING_ARCHIVE, (void **)result);
}

static const IFaxAccountFoldersVtbl folders_vtbl =
{
    folders_QueryInterface,
    folders_AddRef,
    folders_Release,
    folders_GetTypeInfoCount,
    folders_GetTypeInfo,
    folders_GetIDsOfNames,
    folders_Invoke,
    folders_get_OutgoingQueue,
    folders_get_IncomingQueue,
    folders_get_IncomingArchive,
    folders_get_OutgoingArchive,
};

HRESULT fax_account_folders_create(IFaxServer *server, const WCHAR *account, IFaxAccountFolders **result)
{
    struct account_folders *folders;
    HRESULT hr;

    *result = NULL;
    if (!(folders = calloc(1, sizeof(*folders)))) return E_OUTOFMEMORY;
    folders->IFaxAccountFolders_iface.lpVtbl = &folders_vtbl;
    if (FAILED(hr = account_object_init(&folders->object, (IUnknown *)&folders->IFaxAccountFolders_iface, server,
                                        account, &CLSID_FaxAccountFolders, folders_error_iids)))
    {
        free(folders);
        return hr;
    }
    *result = &folders->IFaxAccountFolders_iface;
    return S_OK;
}

/* ---- FaxAccountOutgoingQueue, FaxAccountIncomingQueue ---- */

struct account_queue
{
    IFaxAccountOutgoingQueue IFaxAccountOutgoingQueue_iface;
    IFaxAccountIncomingQueue IFaxAccountIncomingQueue_iface;
    struct account_object object;
    DWORD folder;                   /* FXS_FOLDER_*_QUEUE */
};

static const IID * const outgoing_queue_error_iids[] = { &IID_IFaxAccountOutgoingQueue, NULL };
static const IID * const incoming_queue_error_iids[] = { &IID_IFaxAccountIncomingQueue, NULL };

static inline struct account_queue *impl_from_IFaxAccountOutgoingQueue(IFaxAccountOutgoingQueue *iface)
{
    return CONTAINING_RECORD(iface, struct account_queue, IFaxAccountOutgoingQueue_iface);
}

static inline struct account_queue *impl_from_IFaxAccountIncomingQueue(IFaxAccountIncomingQueue *iface)
{
    return CONTAINING_RECORD(iface, struct account_queue, IFaxAccountIncomingQueue_iface);
}

static inline BOOL queue_is_outgoing(const struct account_queue *queue)
{
    return queue->folder == FXS_FOLDER_OUTGOING_QUEUE;
}

static inline void *queue_iface(struct account_queue *queue)
{
    return queue_is_outgoing(queue) ? (void *)&queue->IFaxAccountOutgoingQueue_iface
                                    : (void *)&queue->IFaxAccountIncomingQueue_iface;
}

static inline const IID *queue_iid(const struct account_queue *queue)
{
    return queue_is_outgoing(queue) ? &IID_IFaxAccountOutgoingQueue : &IID_IFaxAccountIncomingQueue;
}

static ULONG queue_release(struct account_queue *queue)
{
    ULONG refcount = queue->object.refcount - 1;

    if (account_object_release(&queue->object))
    {
        free(queue);
        return 0;
    }
    return refcount;
}

static HRESULT queue_get_jobs(struct account_queue *queue, void **result)
{
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_account_check(queue->object.server, queue->object.account, queue_iid(queue), L"GetJobs")))
        return hr;
    return fax_account_jobs_create(queue->object.server, queue->folder, queue->object.account, result);
}

static HRESULT queue_get_job(struct account_queue *queue, BSTR id, void **result)
{
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_account_check(queue->object.server, queue->object.account, queue_iid(queue), L"GetJob")))
        return hr;
    return fax_job_get_owned(queue->object.server, queue->folder, id, queue->object.account, queue_iid(queue), result);
}

#define ACCOUNT_QUEUE_METHODS(prefix, type, jobs_type, job_type) \
    static HRESULT WINAPI prefix##_QueryInterface(type *iface, REFIID riid, void **obj) \
    { return account_object_query(&impl_from_##type(iface)->object, iface, riid, obj); } \
    static ULONG WINAPI prefix##_AddRef(type *iface) \
    { return InterlockedIncrement(&impl_from_##type(iface)->object.refcount); } \
    static ULONG WINAPI prefix##_Release(type *iface) \
    { return queue_release(impl_from_##type(iface)); } \
    FXS_DISPATCH_METHODS(prefix, type, IID_##type) \
    static HRESULT WINAPI prefix##_GetJobs(type *iface, jobs_type **result) \
    { return queue_get_jobs(impl_from_##type(iface), (void **)result); } \
    static HRESULT WINAPI prefix##_GetJob(type *iface, BSTR id, job_type **result) \
    { return queue_get_job(impl_from_##type(iface), id, (void **)result); } \
    static const type##Vtbl prefix##_vtbl = \
    { \
        prefix##_QueryInterface, prefix##_AddRef, prefix##_Release, prefix##_GetTypeInfoCount, \
        prefix##_GetTypeInfo, prefix##_GetIDsOfNames, prefix##_Invoke, prefix##_GetJobs, prefix##_GetJob, \
    };

ACCOUNT_QUEUE_METHODS(outgoing_queue, IFaxAccountOutgoingQueue, IFaxOutgoingJobs, IFaxOutgoingJob)
ACCOUNT_QUEUE_METHODS(incoming_queue, IFaxAccountIncomingQueue, IFaxIncomingJobs, IFaxIncomingJob)

HRESULT fax_account_queue_create(IFaxServer *server, const WCHAR *account, DWORD folder, void **result)
{
    struct account_queue *queue;
    HRESULT hr;

    *result = NULL;
    if (!(queue = calloc(1, sizeof(*queue)))) return E_OUTOFMEMORY;
    queue->IFaxAccountOutgoingQueue_iface.lpVtbl = &outgoing_queue_vtbl;
    queue->IFaxAccountIncomingQueue_iface.lpVtbl = &incoming_queue_vtbl;
    queue->folder = folder;
    hr = queue_is_outgoing(queue)
        ? account_object_init(&queue->object, queue_iface(queue), server, account, &CLSID_FaxAccountOutgoingQueue,
                              outgoing_queue_error_iids)
        : account_object_init(&queue->object, queue_iface(queue), server, account, &CLSID_FaxAccountIncomingQueue,
                              incoming_queue_error_iids);
    if (FAILED(hr))
    {
        free(queue);
        return hr;
    }
    *result = queue_iface(queue);
    return S_OK;
}
