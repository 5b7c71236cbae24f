/*
 * FaxIncomingMessage (IFaxIncomingMessage2) and FaxOutgoingMessage (IFaxOutgoingMessage2): a fax
 * of an archive. Its properties are a snapshot of the service's record, taken when the object was
 * made or at Refresh; what can be set (Read; for incoming messages the fields of a reassignment)
 * is set in the snapshot and sent by Save (Read) or ReAssign. One object type serves both
 * archives: the folder decides which interface it shows.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "snapshot.h"

struct message
{
    IFaxIncomingMessage2 IFaxIncomingMessage2_iface;
    IFaxOutgoingMessage2 IFaxOutgoingMessage2_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;
    DWORD folder;                   /* FXS_FOLDER_INCOMING_ARCHIVE or FXS_FOLDER_OUTGOING_ARCHIVE */
    ULONGLONG id;
    struct snapshot snapshot;
    BOOL reassigned;                /* the service's record has recipients (under the snapshot's lock) */
};

static const IID * const incoming_message_error_iids[] =
{
    &IID_IFaxIncomingMessage, &IID_IFaxIncomingMessage2, NULL
};
static const IID * const outgoing_message_error_iids[] =
{
    &IID_IFaxOutgoingMessage, &IID_IFaxOutgoingMessage2, NULL
};

static inline struct message *impl_from_IFaxIncomingMessage2(IFaxIncomingMessage2 *iface)
{
    return CONTAINING_RECORD(iface, struct message, IFaxIncomingMessage2_iface);
}

static inline struct message *impl_from_IFaxOutgoingMessage2(IFaxOutgoingMessage2 *iface)
{
    return CONTAINING_RECORD(iface, struct message, IFaxOutgoingMessage2_iface);
}

static inline BOOL is_incoming(const struct message *message)
{
    return message->folder == FXS_FOLDER_INCOMING_ARCHIVE;
}

static inline const IID *message_iid(const struct message *message)
{
    return is_incoming(message) ? &IID_IFaxIncomingMessage2 : &IID_IFaxOutgoingMessage2;
}

static inline void *main_iface(struct message *message)
{
    return is_incoming(message) ? (void *)&message->IFaxIncomingMessage2_iface
                                : (void *)&message->IFaxOutgoingMessage2_iface;
}

static HRESULT message_query(struct message *message, REFIID riid, void **obj)
{
    if (obj && IsEqualIID(riid, &IID_IMarshal) && message->marshaler)
        return IUnknown_QueryInterface(message->marshaler, riid, obj);
    return fxs_class_info_query(&message->class_info, main_iface(message), riid, obj);
}

static ULONG message_addref(struct message *message)
{
    return InterlockedIncrement(&message->refcount);
}

static ULONG message_release(struct message *message)
{
    ULONG refcount = InterlockedDecrement(&message->refcount);

    if (!refcount)
    {
        if (message->marshaler) IUnknown_Release(message->marshaler);
        IFaxServer_Release(message->server);
        snapshot_clear(&message->snapshot);
        free(message);
        fxs_module_release();
    }
    return refcount;
}

/* Called with the snapshot's lock held, or before anyone else sees the object. */
static void note_reassigned(struct message *message)
{
    const WCHAR *recipients = message->snapshot.info.recipient_name;
    message->reassigned = is_incoming(message) && recipients && recipients[0];
}

/* ---- setting fields of the snapshot ---- */

static HRESULT put_string(struct message *message, size_t offset, BSTR value)
{
    WCHAR *copy = _wcsdup(value ? value : L""), **field;

    if (!copy) return E_OUTOFMEMORY;
    AcquireSRWLockExclusive(&message->snapshot.lock);
    field = (WCHAR **)((BYTE *)&message->snapshot.info + offset);
    free(*field);
    *field = copy;
    ReleaseSRWLockExclusive(&message->snapshot.lock);
    return S_OK;
}

static HRESULT put_bool(struct message *message, size_t offset, VARIANT_BOOL value)
{
    AcquireSRWLockExclusive(&message->snapshot.lock);
    *(LONG *)((BYTE *)&message->snapshot.info + offset) = value ? 1 : 0;
    ReleaseSRWLockExclusive(&message->snapshot.lock);
    return S_OK;
}

/* ---- calls to the service ---- */

struct message_call
{
    struct message *message;
    fxs_job_info info;
    fxs_message_update update;
    DWORD size;
    BYTE *data;
};

static DWORD get_message(void *session, void *context)
{
    struct message_call *call = context;
    return fxs_rpc_get_job(session, call->message->folder, call->message->id, &call->info);
}

static DWORD get_image(void *session, void *context)
{
    struct message_call *call = context;
    return fxs_rpc_get_image(session, call->message->folder, call->message->id, &call->size, &call->data);
}

static DWORD delete_message(void *session, void *context)
{
    struct message_call *call = context;
    return fxs_rpc_delete_message(session, call->message->folder, call->message->id);
}

static DWORD set_message(void *session, void *context)
{
    struct message_call *call = context;
    return fxs_rpc_set_message(session, call->message->folder, call->message->id, &call->update);
}

static HRESULT message_error(struct message *message, DWORD error, const WCHAR *member)
{
    const WCHAR *archive = is_incoming(message) ? L"incoming" : L"outgoing";
    WCHAR id[17];

    fxs_job_id_format(message->id, id);
    switch (error)
    {
    case ERROR_NOT_FOUND:
    case ERROR_FILE_NOT_FOUND:
        return fxs_error(FAX_E_MESSAGE_NOT_FOUND, message_iid(message), L"%s of message %s failed: the %s archive has "
                         L"no such message (any more).", member, id, archive);
    case ERROR_ACCESS_DENIED:
        return fxs_error(E_ACCESSDENIED, message_iid(message), L"%s of message %s failed: the fax service does not "
                         L"allow it to this user (it needs the right to manage the %s archive).", member, id, archive);
    case ERROR_INVALID_OPERATION:
        return fxs_error(HRESULT_FROM_WIN32(error), message_iid(message), L"%s of message %s failed: incoming faxes are "
                         L"public on this server (FaxConfiguration.IncomingFaxesArePublic), so they are not reassigned.",
                         member, id);
    case ERROR_INVALID_PARAMETER:
        return fxs_error(E_INVALIDARG, message_iid(message), L"%s of message %s failed: the fax service refused a value "
                         L"(Recipients must name at least one user; strings are at most 4096 characters).", member, id);
    default:
        return fxs_error(HRESULT_FROM_WIN32(error), message_iid(message), L"%s of message %s failed (error %lu).",
                         member, id, error);
    }
}

static HRESULT message_call(struct message *message, DWORD (*fn)(void *, void *), struct message_call *call,
                            const WCHAR *member)
{
    DWORD error;
    HRESULT hr;

    call->message = message;
    if (FAILED(hr = fxs_service_call(message->server, fn, call, &error))) return hr;
    return error ? message_error(message, error, member) : S_OK;
}

static HRESULT message_refresh(struct message *message)
{
    struct message_call call = { 0 };
    HRESULT hr;

    if (FAILED(hr = message_call(message, get_message, &call, L"Refresh"))) return hr;
    snapshot_replace(&message->snapshot, &call.info);
    AcquireSRWLockExclusive(&message->snapshot.lock);
    note_reassigned(message);
    ReleaseSRWLockExclusive(&message->snapshot.lock);
    return S_OK;
}

/* Save: the read flag (the only property of a message Save sends). */
static HRESULT message_save(struct message *message)
{
    struct message_call call = { 0 };

    call.update.what = FXS_MESSAGE_SET_READ;
    AcquireSRWLockShared(&message->snapshot.lock);
    call.update.read = message->snapshot.info.read;
    ReleaseSRWLockShared(&message->snapshot.lock);
    return message_call(message, set_message, &call, L"Save");
}

/* ReAssign: the recipients and the fields a routing assistant may correct, in one call. */
static HRESULT message_reassign(struct message *message)
{
    const fxs_job_info *info = &message->snapshot.info;
    struct message_call call = { 0 };
    HRESULT hr;

    call.update.what = FXS_MESSAGE_REASSIGN;
    AcquireSRWLockShared(&message->snapshot.lock);
    call.update.has_cover_page = info->has_cover_page;
    call.update.subject = _wcsdup(info->document.subject ? info->document.subject : L"");
    call.update.sender_name = _wcsdup(info->document.sender.name ? info->document.sender.name : L"");
    call.update.sender_fax_number = _wcsdup(info->document.sender.fax_number ? info->document.sender.fax_number : L"");
    call.update.recipients = _wcsdup(info->recipient_name ? info->recipient_name : L"");
    ReleaseSRWLockShared(&message->snapshot.lock);
    if (!call.update.subject || !call.update.sender_name || !call.update.sender_fax_number || !call.update.recipients)
        hr = E_OUTOFMEMORY;
    else if (!call.update.recipients[0])
        hr = fxs_error(E_INVALIDARG, message_iid(message), L"ReAssign needs the users to reassign the fax to: set "
                       L"Recipients first (user names separated by \";\").");
    else hr = message_call(message, set_message, &call, L"ReAssign");
    free(call.update.subject);
    free(call.update.sender_name);
    free(call.update.sender_fax_number);
    free(call.update.recipients);
    if (SUCCEEDED(hr))
    {
        AcquireSRWLockExclusive(&message->snapshot.lock);
        message->reassigned = TRUE;
        ReleaseSRWLockExclusive(&message->snapshot.lock);
    }
    return hr;
}

static HRESULT message_copy_tiff(struct message *message, BSTR path)
{
    struct message_call call = { 0 };
    HRESULT hr;

    if (!path || !path[0])
        return fxs_error(E_INVALIDARG, message_iid(message), L"CopyTiff needs the path of the file to write.");
    if (FAILED(hr = message_call(message, get_image, &call, L"CopyTiff"))) return hr;
    hr = fxs_write_image_file(path, call.data, call.size, message_iid(message));
    free(call.data);
    return hr;
}

static HRESULT message_delete(struct message *message)
{
    struct message_call call = { 0 };
    return message_call(message, delete_message, &call, L"Delete");
}

static HRESULT message_transmission_time(struct message *message, DWORD which, DATE *value)
{
    return snapshot_get_transmission_time(&message->snapshot, which, message_iid(message), L"message", value);
}

/* ---- the members both interfaces have ---- */

#define MESSAGE_METHODS(prefix, type) \
    static HRESULT WINAPI prefix##_QueryInterface(type *iface, REFIID riid, void **obj) \
    { return message_query(impl_from_##type(iface), riid, obj); } \
    static ULONG WINAPI prefix##_AddRef(type *iface) \
    { return message_addref(impl_from_##type(iface)); } \
    static ULONG WINAPI prefix##_Release(type *iface) \
    { return message_release(impl_from_##type(iface)); } \
    FXS_DISPATCH_METHODS(prefix, type, IID_##type) \
    static HRESULT WINAPI prefix##_get_Id(type *iface, BSTR *value) \
    { return fxs_job_id_get(impl_from_##type(iface)->id, value); } \
    static HRESULT WINAPI prefix##_get_TransmissionStart(type *iface, DATE *value) \
    { return message_transmission_time(impl_from_##type(iface), FXS_TIME_TRANSMISSION_START, value); } \
    static HRESULT WINAPI prefix##_get_TransmissionEnd(type *iface, DATE *value) \
    { return message_transmission_time(impl_from_##type(iface), FXS_TIME_TRANSMISSION_END, value); } \
    static HRESULT WINAPI prefix##_CopyTiff(type *iface, BSTR path) \
    { return message_copy_tiff(impl_from_##type(iface), path); } \
    static HRESULT WINAPI prefix##_Delete(type *iface) \
    { return message_delete(impl_from_##type(iface)); } \
    static HRESULT WINAPI prefix##_Save(type *iface) \
    { return message_save(impl_from_##type(iface)); } \
    static HRESULT WINAPI prefix##_Refresh(type *iface) \
    { return message_refresh(impl_from_##type(iface)); } \
    static HRESULT WINAPI prefix##_get_Read(type *iface, VARIANT_BOOL *value) \
    { return snapshot_get_bool(&impl_from_##type(iface)->snapshot, INFO(read), value); } \
    static HRESULT WINAPI prefix##_put_Read(type *iface, VARIANT_BOOL value) \
    { return put_bool(impl_from_##type(iface), INFO(read), value); } \
    static HRESULT WINAPI prefix##_get_HasCoverPage(type *iface, VARIANT_BOOL *value) \
    { return snapshot_get_bool(&impl_from_##type(iface)->snapshot, INFO(has_cover_page), value); }

#define MESSAGE_GETTER(prefix, type, name, kind, value_type, field) \
    static HRESULT WINAPI prefix##_get_##name(type *iface, value_type *value) \
    { return snapshot_get_##kind(&impl_from_##type(iface)->snapshot, INFO(field), (void *)value); }

/* ---- IFaxIncomingMessage2 ---- */

MESSAGE_METHODS(incoming_message, IFaxIncomingMessage2)

#define INCOMING(name, kind, value_type, field) \
    MESSAGE_GETTER(incoming_message, IFaxIncomingMessage2, name, kind, value_type, field)
#define INCOMING_PUT_STRING(name, field) \
    static HRESULT WINAPI incoming_message_put_##name(IFaxIncomingMessage2 *iface, BSTR value) \
    { return put_string(impl_from_IFaxIncomingMessage2(iface), INFO(field), value); }

INCOMING(Pages, long, LONG, status.pages)
INCOMING(Size, long, LONG, status.size)
INCOMING(DeviceName, string, BSTR, device_name)
INCOMING(Retries, long, LONG, status.retries)
INCOMING(CSID, string, BSTR, status.csid)
INCOMING(TSID, string, BSTR, status.tsid)
INCOMING(CallerId, string, BSTR, status.caller_id)
INCOMING(RoutingInformation, string, BSTR, status.routing_information)
INCOMING(Subject, string, BSTR, document.subject)
INCOMING(SenderName, string, BSTR, document.sender.name)
INCOMING(SenderFaxNumber, string, BSTR, document.sender.fax_number)
INCOMING(Recipients, string, BSTR, recipient_name)
INCOMING_PUT_STRING(Subject, document.subject)
INCOMING_PUT_STRING(SenderName, document.sender.name)
INCOMING_PUT_STRING(SenderFaxNumber, document.sender.fax_number)
INCOMING_PUT_STRING(Recipients, recipient_name)

static HRESULT WINAPI incoming_message_put_HasCoverPage(IFaxIncomingMessage2 *iface, VARIANT_BOOL value)
{
    return put_bool(impl_from_IFaxIncomingMessage2(iface), INFO(has_cover_page), value);
}

static HRESULT WINAPI incoming_message_get_WasReAssigned(IFaxIncomingMessage2 *iface, VARIANT_BOOL *value)
{
    struct message *message = impl_from_IFaxIncomingMessage2(iface);

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&message->snapshot.lock);
    *value = message->reassigned ? VARIANT_TRUE : VARIANT_FALSE;
    ReleaseSRWLockShared(&message->snapshot.lock);
    return S_OK;
}

static HRESULT WINAPI incoming_message_ReAssign(IFaxIncomingMessage2 *iface)
{
    return message_reassign(impl_from_IFaxIncomingMessage2(iface));
}

static const IFaxIncomingMessage2Vtbl incoming_message_vtbl =
{
    incoming_message_QueryInterface,
    incoming_message_AddRef,
    incoming_message_Release,
    incoming_message_GetTypeInfoCount,
    incoming_message_GetTypeInfo,
    incoming_message_GetIDsOfNames,
    incoming_message_Invoke,
    incoming_message_get_Id,
    incoming_message_get_Pages,
    incoming_message_get_Size,
    incoming_message_get_DeviceName,
    incoming_message_get_Retries,
    incoming_message_get_TransmissionStart,
    incoming_message_get_TransmissionEnd,
    incoming_message_get_CSID,
    incoming_message_get_TSID,
    incoming_message_get_CallerId,
    incoming_message_get_RoutingInformation,
    incoming_message_CopyTiff,
    incoming_message_Delete,
    incoming_message_get_Subject,
    incoming_message_put_Subject,
    incoming_message_get_SenderName,
    incoming_message_put_SenderName,
    incoming_message_get_SenderFaxNumber,
    incoming_message_put_SenderFaxNumber,
    incoming_message_get_HasCoverPage,
    incoming_message_put_HasCoverPage,
    incoming_message_get_Recipients,
    incoming_message_put_Recipients,
    incoming_message_get_WasReAssigned,
    incoming_message_get_Read,
    incoming_message_put_Read,
    incoming_message_ReAssign,
    incoming_message_Save,
    incoming_message_Refresh,
};

/* ---- IFaxOutgoingMessage2 ---- */

MESSAGE_METHODS(outgoing_message, IFaxOutgoingMessage2)

#define OUTGOING(name, kind, value_type, field) \
    MESSAGE_GETTER(outgoing_message, IFaxOutgoingMessage2, name, kind, value_type, field)

OUTGOING(SubmissionId, string, BSTR, submission_id)
OUTGOING(Subject, string, BSTR, document.subject)
OUTGOING(DocumentName, string, BSTR, document.document_name)
OUTGOING(Retries, long, LONG, status.retries)
OUTGOING(Pages, long, LONG, status.pages)
OUTGOING(Size, long, LONG, status.size)
OUTGOING(OriginalScheduledTime, date, DATE, original_scheduled_time)
OUTGOING(SubmissionTime, date, DATE, submission_time)
OUTGOING(Priority, long, FAX_PRIORITY_TYPE_ENUM, document.priority)
OUTGOING(DeviceName, string, BSTR, device_name)
OUTGOING(CSID, string, BSTR, status.csid)
OUTGOING(TSID, string, BSTR, status.tsid)
OUTGOING(ReceiptType, long, FAX_RECEIPT_TYPE_ENUM, document.receipt_type)
OUTGOING(ReceiptAddress, string, BSTR, document.receipt_address)

static HRESULT WINAPI outgoing_message_get_Sender(IFaxOutgoingMessage2 *iface, IFaxSender **value)
{
    return snapshot_get_sender(&impl_from_IFaxOutgoingMessage2(iface)->snapshot, value);
}

static HRESULT WINAPI outgoing_message_get_Recipient(IFaxOutgoingMessage2 *iface, IFaxRecipient **value)
{
    return snapshot_get_recipient(&impl_from_IFaxOutgoingMessage2(iface)->snapshot, value);
}

static const IFaxOutgoingMessage2Vtbl outgoing_message_vtbl =
{
    outgoing_message_QueryInterface,
    outgoing_message_AddRef,
    outgoing_message_Release,
    outgoing_message_GetTypeInfoCount,
    outgoing_message_GetTypeInfo,
    outgoing_message_GetIDsOfNames,
    outgoing_message_Invoke,
    outgoing_message_get_SubmissionId,
    outgoing_message_get_Id,
    outgoing_message_get_Subject,
    outgoing_message_get_DocumentName,
    outgoing_message_get_Retries,
    outgoing_message_get_Pages,
    outgoing_message_get_Size,
    outgoing_message_get_OriginalScheduledTime,
    outgoing_message_get_SubmissionTime,
    outgoing_message_get_Priority,
    outgoing_message_get_Sender,
    outgoing_message_get_Recipient,
    outgoing_message_get_DeviceName,
    outgoing_message_get_TransmissionStart,
    outgoing_message_get_TransmissionEnd,
    outgoing_message_get_CSID,
    outgoing_message_get_TSID,
    outgoing_message_CopyTiff,
    outgoing_message_Delete,
    outgoing_message_get_HasCoverPage,
    outgoing_message_get_ReceiptType,
    outgoing_message_get_ReceiptAddress,
    outgoing_message_get_Read,
    outgoing_message_put_Read,
    outgoing_message_Save,
    outgoing_message_Refresh,
};

/* ---- making them ---- */

HRESULT fax_message_create(IFaxServer *server, DWORD folder, fxs_job_info *info, IDispatch **result)
{
    struct message *message;

    *result = NULL;
    if (!(message = calloc(1, sizeof(*message)))) return E_OUTOFMEMORY;
    message->IFaxIncomingMessage2_iface.lpVtbl = &incoming_message_vtbl;
    message->IFaxOutgoingMessage2_iface.lpVtbl = &outgoing_message_vtbl;
    message->refcount = 1;
    message->server = server;
    IFaxServer_AddRef(server);
    message->folder = folder;
    message->id = info->id;
    snapshot_init(&message->snapshot, info);
    note_reassigned(message);
    if (is_incoming(message))
        fxs_class_info_init(&message->class_info, main_iface(message), &CLSID_FaxIncomingMessage, NULL,
                            incoming_message_error_iids);
    else
        fxs_class_info_init(&message->class_info, main_iface(message), &CLSID_FaxOutgoingMessage, NULL,
                            outgoing_message_error_iids);
    CoCreateFreeThreadedMarshaler(main_iface(message), &message->marshaler);
    fxs_module_addref();
    *result = main_iface(message);
    return S_OK;
}

struct get_message_call
{
    DWORD folder;
    ULONGLONG id;
    fxs_job_info info;
};

static DWORD get_message_by_id(void *session, void *context)
{
    struct get_message_call *call = context;
    return fxs_rpc_get_job(session, call->folder, call->id, &call->info);
}

/* GetMessage of the archives: IFaxIncomingMessage or IFaxOutgoingMessage (the 2-interface's base). */
HRESULT fax_message_get(IFaxServer *server, DWORD folder, BSTR id, void **result)
{
    const IID *iid = folder == FXS_FOLDER_INCOMING_ARCHIVE ? &IID_IFaxIncomingArchive : &IID_IFaxOutgoingArchive;
    return fax_message_get_owned(server, folder, id, NULL, iid, result);
}

/* The same for an account's archive: a message of another account is not found. */
HRESULT fax_message_get_owned(IFaxServer *server, DWORD folder, BSTR id, const WCHAR *account, REFIID iid,
                              void **result)
{
    const WCHAR *archive = folder == FXS_FOLDER_INCOMING_ARCHIVE ? L"incoming" : L"outgoing";
    struct get_message_call call = { folder };
    DWORD error;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(fxs_job_id_parse(id, iid, &call.id)))
        return fxs_error(E_INVALIDARG, iid, L"GetMessage(\"%s\"): that is not a message id; ids are 16 hexadecimal "
                         L"digits, as Id and the events give them.", id ? id : L"");
    if (FAILED(hr = fxs_service_call(server, get_message_by_id, &call, &error))) return hr;
    if (!error && !fxs_account_owns(account, folder, fxs_job_info_owner(folder, &call.info)))
    {
        fxs_job_info_clear(&call.info);
        error = ERROR_NOT_FOUND;
    }
    if (error == ERROR_NOT_FOUND)
        return fxs_error(FAX_E_MESSAGE_NOT_FOUND, iid, L"GetMessage(\"%s\"): the %s archive%s has no such message.", id,
                         archive, account ? L" of this account" : L"");
    if (error) return fxs_service_error(error, iid, L"GetMessage");
    hr = fax_message_create(server, folder, &call.info, (IDispatch **)result);
    fxs_job_info_clear(&call.info);
    return hr;
}
