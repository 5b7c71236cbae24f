/*
 * FaxIncomingMessageIterator and FaxOutgoingMessageIterator: a forward cursor over an archive.
 * The messages come from the service a page at a time (fxs_list_messages after the last id of the
 * page before), PrefetchSize messages a page, and only the current page is held: an archive of any
 * size is walked in bounded memory, and messages archived or deleted while it is walked are seen
 * or not as the service has them when their page is fetched. One object type serves both
 * archives.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_job_info.h"

struct iterator
{
    IFaxIncomingMessageIterator IFaxIncomingMessageIterator_iface;
    IFaxOutgoingMessageIterator IFaxOutgoingMessageIterator_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;
    DWORD folder;                   /* FXS_FOLDER_*_ARCHIVE */
    BSTR account;                   /* an account's archive: its messages only; NULL: all */
    SRWLOCK lock;                   /* everything below; held across the service's calls */
    LONG prefetch_size;
    fxs_job_info *page;
    DWORD count;                    /* messages in the page */
    DWORD position;                 /* the cursor in the page; count: at the end */
    ULONGLONG last_id;              /* of the page: the next page comes after it */
    BOOL more;                      /* the page was full: the service may have more after it */
    IDispatch *current;             /* the message object at the cursor, once asked for */
};

static const IID * const incoming_iterator_error_iids[] = { &IID_IFaxIncomingMessageIterator, NULL };
static const IID * const outgoing_iterator_error_iids[] = { &IID_IFaxOutgoingMessageIterator, NULL };

static inline struct iterator *impl_from_IFaxIncomingMessageIterator(IFaxIncomingMessageIterator *iface)
{
    return CONTAINING_RECORD(iface, struct iterator, IFaxIncomingMessageIterator_iface);
}

static inline struct iterator *impl_from_IFaxOutgoingMessageIterator(IFaxOutgoingMessageIterator *iface)
{
    return CONTAINING_RECORD(iface, struct iterator, IFaxOutgoingMessageIterator_iface);
}

static inline BOOL is_incoming(const struct iterator *iterator)
{
    return iterator->folder == FXS_FOLDER_INCOMING_ARCHIVE;
}

static inline void *main_iface(struct iterator *iterator)
{
    return is_incoming(iterator) ? (void *)&iterator->IFaxIncomingMessageIterator_iface
                                 : (void *)&iterator->IFaxOutgoingMessageIterator_iface;
}

static inline const IID *iterator_iid(const struct iterator *iterator)
{
    return is_incoming(iterator) ? &IID_IFaxIncomingMessageIterator : &IID_IFaxOutgoingMessageIterator;
}

static HRESULT iterator_query(struct iterator *iterator, REFIID riid, void **obj)
{
    if (obj && IsEqualIID(riid, &IID_IMarshal) && iterator->marshaler)
        return IUnknown_QueryInterface(iterator->marshaler, riid, obj);
    return fxs_class_info_query(&iterator->class_info, main_iface(iterator), riid, obj);
}

static ULONG iterator_addref(struct iterator *iterator)
{
    return InterlockedIncrement(&iterator->refcount);
}

static void drop_page(struct iterator *iterator)
{
    if (iterator->current) IDispatch_Release(iterator->current);
    iterator->current = NULL;
    fxs_job_infos_free(iterator->page, iterator->count);
    iterator->page = NULL;
    iterator->count = iterator->position = 0;
}

static ULONG iterator_release(struct iterator *iterator)
{
    ULONG refcount = InterlockedDecrement(&iterator->refcount);

    if (!refcount)
    {
        if (iterator->marshaler) IUnknown_Release(iterator->marshaler);
        drop_page(iterator);
        IFaxServer_Release(iterator->server);
        SysFreeString(iterator->account);
        free(iterator);
        fxs_module_release();
    }
    return refcount;
}

/* ---- pages ---- */

struct list_call
{
    DWORD folder;
    ULONGLONG after_id;
    DWORD max_count;
    DWORD count;
    fxs_job_info *messages;
};

static DWORD list_messages(void *session, void *context)
{
    struct list_call *call = context;
    return fxs_rpc_list_messages(session, call->folder, call->after_id, call->max_count, &call->count,
                                 &call->messages);
}

/* Replaces the page with the messages after after_id (0: from the first); the cursor is at its
 * first message. Called with the lock held. */
static HRESULT fetch_page(struct iterator *iterator, ULONGLONG after_id)
{
    struct list_call call = { iterator->folder, after_id };
    DWORD error;
    HRESULT hr;

    /* A page is at most what one call brings: a larger PrefetchSize is taken as that. */
    call.max_count = iterator->prefetch_size < (LONG)FXS_MAX_LIST ? (DWORD)iterator->prefetch_size : FXS_MAX_LIST;
    if (FAILED(hr = fxs_service_call(iterator->server, list_messages, &call, &error))) return hr;
    if (error) return fxs_service_error(error, iterator_iid(iterator), L"Reading the archive's messages");
    drop_page(iterator);
    iterator->page = call.messages;
    iterator->count = call.count;
    iterator->more = call.count == call.max_count;
    iterator->last_id = call.count ? call.messages[call.count - 1].id : after_id;
    return S_OK;
}

/* Keeps the page's messages of the iterator's account, in order. */
static void keep_owned(struct iterator *iterator)
{
    DWORD i, kept = 0;

    for (i = 0; i < iterator->count; i++)
    {
        if (fxs_account_owns(iterator->account, iterator->folder,
                             fxs_job_info_owner(iterator->folder, &iterator->page[i])))
            iterator->page[kept++] = iterator->page[i];
        else fxs_job_info_clear(&iterator->page[i]);
    }
    iterator->count = kept;
}

/* fetch_page for an account: pages without any of its messages are passed over. */
static HRESULT fetch_owned_page(struct iterator *iterator, ULONGLONG after_id)
{
    HRESULT hr;

    do
    {
        if (FAILED(hr = fetch_page(iterator, after_id))) return hr;
        keep_owned(iterator);
        after_id = iterator->last_id;
    } while (!iterator->count && iterator->more);
    return S_OK;
}

static HRESULT past_the_end(struct iterator *iterator, const WCHAR *member)
{
    return fxs_error(HRESULT_FROM_WIN32(ERROR_HANDLE_EOF), iterator_iid(iterator), L"%s failed: the cursor is past "
                     L"the last message of the archive (AtEOF is True); MoveFirst starts again.", member);
}

static HRESULT iterator_move_first(struct iterator *iterator)
{
    HRESULT hr;

    AcquireSRWLockExclusive(&iterator->lock);
    hr = fetch_owned_page(iterator, 0);
    ReleaseSRWLockExclusive(&iterator->lock);
    return hr;
}

static HRESULT iterator_move_next(struct iterator *iterator)
{
    HRESULT hr = S_OK;

    AcquireSRWLockExclusive(&iterator->lock);
    if (iterator->position >= iterator->count) hr = past_the_end(iterator, L"MoveNext");
    else
    {
        if (iterator->current) IDispatch_Release(iterator->current);
        iterator->current = NULL;
        if (++iterator->position == iterator->count && iterator->more)
            hr = fetch_owned_page(iterator, iterator->last_id);
    }
    ReleaseSRWLockExclusive(&iterator->lock);
    return hr;
}

static HRESULT iterator_at_eof(struct iterator *iterator, VARIANT_BOOL *value)
{
    if (!value) return E_POINTER;
    AcquireSRWLockShared(&iterator->lock);
    *value = iterator->position >= iterator->count ? VARIANT_TRUE : VARIANT_FALSE;
    ReleaseSRWLockShared(&iterator->lock);
    return S_OK;
}

/* The message at the cursor: the same object for every call until the cursor moves. */
static HRESULT iterator_message(struct iterator *iterator, const IID *message_iid, void **result)
{
    HRESULT hr = S_OK;

    if (!result) return E_POINTER;
    *result = NULL;
    AcquireSRWLockExclusive(&iterator->lock);
    if (iterator->position >= iterator->count) hr = past_the_end(iterator, L"Message");
    else if (!iterator->current)
        hr = fax_message_create(iterator->server, iterator->folder, &iterator->page[iterator->position],
                                &iterator->current);
    if (SUCCEEDED(hr)) hr = IDispatch_QueryInterface(iterator->current, message_iid, result);
    ReleaseSRWLockExclusive(&iterator->lock);
    return hr;
}

static HRESULT check_prefetch_size(REFIID iid, LONG size)
{
    if (size >= 1) return S_OK;
    return fxs_error(E_INVALIDARG, iid, L"%ld is not a prefetch size: it is how many messages are read from the "
                     L"fax service at a time, 1 or more (the default is %d).", size, lDEFAULT_PREFETCH_SIZE);
}

static HRESULT iterator_get_prefetch_size(struct iterator *iterator, LONG *value)
{
    if (!value) return E_POINTER;
    AcquireSRWLockShared(&iterator->lock);
    *value = iterator->prefetch_size;
    ReleaseSRWLockShared(&iterator->lock);
    return S_OK;
}

/* The next page is fetched with the new size; the one held stays. */
static HRESULT iterator_put_prefetch_size(struct iterator *iterator, LONG value)
{
    HRESULT hr;

    if (FAILED(hr = check_prefetch_size(iterator_iid(iterator), value))) return hr;
    AcquireSRWLockExclusive(&iterator->lock);
    iterator->prefetch_size = value;
    ReleaseSRWLockExclusive(&iterator->lock);
    return S_OK;
}

/* ---- the two interfaces ---- */

#define ITERATOR_METHODS(prefix, type, message_type) \
    static HRESULT WINAPI prefix##_QueryInterface(type *iface, REFIID riid, void **obj) \
    { return iterator_query(impl_from_##type(iface), riid, obj); } \
    static ULONG WINAPI prefix##_AddRef(type *iface) \
    { return iterator_addref(impl_from_##type(iface)); } \
    static ULONG WINAPI prefix##_Release(type *iface) \
    { return iterator_release(impl_from_##type(iface)); } \
    FXS_DISPATCH_METHODS(prefix, type, IID_##type) \
    static HRESULT WINAPI prefix##_get_Message(type *iface, message_type **message) \
    { return iterator_message(impl_from_##type(iface), &IID_##message_type, (void **)message); } \
    static HRESULT WINAPI prefix##_get_PrefetchSize(type *iface, LONG *value) \
    { return iterator_get_prefetch_size(impl_from_##type(iface), value); } \
    static HRESULT WINAPI prefix##_put_PrefetchSize(type *iface, LONG value) \
    { return iterator_put_prefetch_size(impl_from_##type(iface), value); } \
    static HRESULT WINAPI prefix##_get_AtEOF(type *iface, VARIANT_BOOL *value) \
    { return iterator_at_eof(impl_from_##type(iface), value); } \
    static HRESULT WINAPI prefix##_MoveFirst(type *iface) \
    { return iterator_move_first(impl_from_##type(iface)); } \
    static HRESULT WINAPI prefix##_MoveNext(type *iface) \
    { return iterator_move_next(impl_from_##type(iface)); }

ITERATOR_METHODS(incoming_iterator, IFaxIncomingMessageIterator, IFaxIncomingMessage)
ITERATOR_METHODS(outgoing_iterator, IFaxOutgoingMessageIterator, IFaxOutgoingMessage)

static const IFaxIncomingMessageIteratorVtbl incoming_iterator_vtbl =
{
    incoming_iterator_QueryInterface,
    incoming_iterator_AddRef,
    incoming_iterator_Release,
    incoming_iterator_GetTypeInfoCount,
    incoming_iterator_GetTypeInfo,
    incoming_iterator_GetIDsOfNames,
    incoming_iterator_Invoke,
    incoming_iterator_get_Message,
    incoming_iterator_get_PrefetchSize,
    incoming_iterator_put_PrefetchSize,
    incoming_iterator_get_AtEOF,
    incoming_iterator_MoveFirst,
    incoming_iterator_MoveNext,
};

/* AtEOF comes before PrefetchSize here, unlike the incoming iterator (spec/server.md). */
static const IFaxOutgoingMessageIteratorVtbl outgoing_iterator_vtbl =
{
    outgoing_iterator_QueryInterface,
    outgoing_iterator_AddRef,
    outgoing_iterator_Release,
    outgoing_iterator_GetTypeInfoCount,
    outgoing_iterator_GetTypeInfo,
    outgoing_iterator_GetIDsOfNames,
    outgoing_iterator_Invoke,
    outgoing_iterator_get_Message,
    outgoing_iterator_get_AtEOF,
    outgoing_iterator_get_PrefetchSize,
    outgoing_iterator_put_PrefetchSize,
    outgoing_iterator_MoveFirst,
    outgoing_iterator_MoveNext,
};

/* GetMessages: the iterator at the first message (AtEOF when the archive is empty). */
HRESULT fax_message_iterator_create(IFaxServer *server, DWORD folder, LONG prefetch_size, void **result)
{
    const IID *archive_iid = folder == FXS_FOLDER_INCOMING_ARCHIVE ? &IID_IFaxIncomingArchive : &IID_IFaxOutgoingArchive;
    return fax_message_iterator_create_owned(server, folder, prefetch_size, NULL, archive_iid, result);
}

HRESULT fax_message_iterator_create_owned(IFaxServer *server, DWORD folder, LONG prefetch_size, const WCHAR *account,
                                          REFIID archive_iid, void **result)
{
    struct iterator *iterator;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = check_prefetch_size(archive_iid, prefetch_size))) return hr;
    if (!(iterator = calloc(1, sizeof(*iterator)))) return E_OUTOFMEMORY;
    iterator->IFaxIncomingMessageIterator_iface.lpVtbl = &incoming_iterator_vtbl;
    iterator->IFaxOutgoingMessageIterator_iface.lpVtbl = &outgoing_iterator_vtbl;
    iterator->refcount = 1;
    iterator->server = server;
    IFaxServer_AddRef(server);
    iterator->folder = folder;
    iterator->prefetch_size = prefetch_size;
    InitializeSRWLock(&iterator->lock);
    if (is_incoming(iterator))
        fxs_class_info_init(&iterator->class_info, main_iface(iterator), &CLSID_FaxIncomingMessageIterator, NULL,
                            incoming_iterator_error_iids);
    else
        fxs_class_info_init(&iterator->class_info, main_iface(iterator), &CLSID_FaxOutgoingMessageIterator, NULL,
                            outgoing_iterator_error_iids);
    CoCreateFreeThreadedMarshaler(main_iface(iterator), &iterator->marshaler);
    fxs_module_addref();
    if (account && !(iterator->account = SysAllocString(account)))
    {
        iterator_release(iterator);
        return E_OUTOFMEMORY;
    }
    if (FAILED(hr = iterator_move_first(iterator)))
    {
        iterator_release(iterator);
        return hr;
    }
    *result = main_iface(iterator);
    return S_OK;
}
