/*
 * FaxIncomingArchive and FaxOutgoingArchive: the settings of the two archives (the service's
 * "config.inbox" and "config.sentitems" records, see idl/faxsvc.idl) and their messages. The
 * settings are a snapshot taken when the object was made or at Refresh; Save sends them all back,
 * and the service either takes them all or refuses with nothing changed. One object type serves
 * both archives: the direction decides which interface it shows.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "fxscomex_private.h"
#include "fxs_link.h"
#include "../svc/record.h"

/* The numbers of the settings, in the order of the keys below; booleans are 0 or 1. */
enum archive_value
{
    ARCHIVE_USE, ARCHIVE_QUOTA_WARNING, ARCHIVE_HIGH_WATER_MARK, ARCHIVE_LOW_WATER_MARK, ARCHIVE_AGE_LIMIT,
    ARCHIVE_VALUES
};

static const char * const archive_keys[ARCHIVE_VALUES] =
{
    "use_archive", "size_quota_warning", "high_quota_water_mark", "low_quota_water_mark", "age_limit",
};

struct archive_settings
{
    LONG values[ARCHIVE_VALUES];
    BSTR folder;
    ULONGLONG size;                 /* read-only: bytes of the archive's images */
};

struct archive
{
    IFaxIncomingArchive IFaxIncomingArchive_iface;
    IFaxOutgoingArchive IFaxOutgoingArchive_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;
    BOOL incoming;
    SRWLOCK lock;                   /* settings */
    struct archive_settings settings;
};

static const IID * const incoming_archive_error_iids[] = { &IID_IFaxIncomingArchive, NULL };
static const IID * const outgoing_archive_error_iids[] = { &IID_IFaxOutgoingArchive, NULL };

static inline struct archive *impl_from_IFaxIncomingArchive(IFaxIncomingArchive *iface)
{
    return CONTAINING_RECORD(iface, struct archive, IFaxIncomingArchive_iface);
}

static inline struct archive *impl_from_IFaxOutgoingArchive(IFaxOutgoingArchive *iface)
{
    return CONTAINING_RECORD(iface, struct archive, IFaxOutgoingArchive_iface);
}

static inline void *main_iface(struct archive *archive)
{
    return archive->incoming ? (void *)&archive->IFaxIncomingArchive_iface : (void *)&archive->IFaxOutgoingArchive_iface;
}

static inline const IID *archive_iid(const struct archive *archive)
{
    return archive->incoming ? &IID_IFaxIncomingArchive : &IID_IFaxOutgoingArchive;
}

static inline const WCHAR *archive_name(const struct archive *archive)
{
    return archive->incoming ? L"FaxIncomingArchive" : L"FaxOutgoingArchive";
}

static inline DWORD config_class(const struct archive *archive)
{
    return archive->incoming ? FXS_CONFIG_INBOX : FXS_CONFIG_SENTITEMS;
}

static inline DWORD archive_folder(const struct archive *archive)
{
    return archive->incoming ? FXS_FOLDER_INCOMING_ARCHIVE : FXS_FOLDER_OUTGOING_ARCHIVE;
}

/* ---- the settings as a record ---- */

struct config_call
{
    DWORD config_class;
    DWORD size;
    BYTE *record;
};

static DWORD get_config(void *session, void *context)
{
    struct config_call *call = context;
    return fxs_rpc_get_config(session, call->config_class, &call->size, &call->record);
}

static DWORD set_config(void *session, void *context)
{
    struct config_call *call = context;
    return fxs_rpc_set_config(session, call->config_class, call->size, call->record);
}

static HRESULT bad_record(const struct archive *archive)
{
    return fxs_error(HRESULT_FROM_WIN32(ERROR_INVALID_DATA), archive_iid(archive),
                     L"The fax service sent the settings of %s in a form this library does not read.",
                     archive_name(archive));
}

static HRESULT settings_from_record(const struct archive *archive, const record *rec, struct archive_settings *settings)
{
    uint16_t *folder = NULL;
    size_t length = 0;
    uint64_t size;
    uint32_t value;
    unsigned int i;

    if (strcmp(record_kind(rec), archive->incoming ? "config.inbox" : "config.sentitems")) return bad_record(archive);
    for (i = 0; i < ARCHIVE_VALUES; i++)
    {
        if (record_get_u32(rec, archive_keys[i], &value)) return bad_record(archive);
        settings->values[i] = value;
    }
    if (record_get_u64(rec, "size", &size) || record_get_utf16(rec, "folder", &folder, &length))
        return bad_record(archive);
    settings->size = size;
    settings->folder = SysAllocStringLen((const WCHAR *)folder, length);
    free(folder);
    return settings->folder ? S_OK : E_OUTOFMEMORY;
}

static HRESULT settings_read(IFaxServer *server, struct archive *archive, struct archive_settings *settings)
{
    struct config_call call = { config_class(archive) };
    record *rec = NULL;
    DWORD error;
    HRESULT hr;

    if (FAILED(hr = fxs_service_call(server, get_config, &call, &error))) return hr;
    if (error)
    {
        WCHAR what[64] = { 0 };
        _snwprintf(what, ARRAY_SIZE(what) - 1, L"Reading the settings of %s", archive_name(archive));
        return fxs_service_error(error, archive_iid(archive), what);
    }
    if (record_parse(call.record, call.size, &rec)) hr = bad_record(archive);
    else hr = settings_from_record(archive, rec, settings);
    record_free(rec);
    free(call.record);
    return hr;
}

static HRESULT save_error(const struct archive *archive, DWORD error)
{
    const WCHAR *folder_error;

    if (error == ERROR_INVALID_PARAMETER)
        return fxs_error(E_INVALIDARG, archive_iid(archive), L"The fax service refused the settings of %s: "
                         L"HighQuotaWaterMark and LowQuotaWaterMark are megabytes (0 or more, low <= high), AgeLimit "
                         L"0-9999 days, ArchiveFolder at most 259 characters.", archive_name(archive));
    if (error == ERROR_ACCESS_DENIED)
        return fxs_error(E_ACCESSDENIED, archive_iid(archive),
                         L"Saving %s failed: the fax service allows changing its settings to administrators only.",
                         archive_name(archive));
    if ((folder_error = fxs_folder_refusal(error)))
        return fxs_error(HRESULT_FROM_WIN32(error), archive_iid(archive), L"The fax service refused the "
                         L"ArchiveFolder of %s: %s", archive_name(archive), folder_error);
    return fxs_service_error(error, archive_iid(archive), L"Save");
}

static HRESULT settings_write(struct archive *archive, const struct archive_settings *settings)
{
    struct config_call call = { config_class(archive) };
    record *rec = NULL;
    record_status status;
    size_t size = 0;
    unsigned int i;
    DWORD error;
    HRESULT hr;

    if (record_create(archive->incoming ? "config.inbox" : "config.sentitems", &rec)) return E_OUTOFMEMORY;
    /* A negative number goes as it is: the service refuses it as out of range. */
    status = record_add_utf16(rec, "folder", (const uint16_t *)settings->folder, SysStringLen(settings->folder));
    for (i = 0; !status && i < ARCHIVE_VALUES; i++) status = record_add_i64(rec, archive_keys[i], settings->values[i]);
    if (!status) status = record_serialize(rec, &call.record, &size);
    record_free(rec);
    if (status) return E_OUTOFMEMORY;
    call.size = (DWORD)size;
    hr = fxs_service_call(archive->server, set_config, &call, &error);
    free(call.record);
    if (SUCCEEDED(hr) && error) hr = save_error(archive, error);
    return hr;
}

/* ---- what both archives share ---- */

static HRESULT archive_query(struct archive *archive, REFIID riid, void **obj)
{
    if (obj && IsEqualIID(riid, &IID_IMarshal) && archive->marshaler)
        return IUnknown_QueryInterface(archive->marshaler, riid, obj);
    return fxs_class_info_query(&archive->class_info, main_iface(archive), riid, obj);
}

static ULONG archive_addref(struct archive *archive)
{
    return InterlockedIncrement(&archive->refcount);
}

static ULONG archive_release(struct archive *archive)
{
    ULONG refcount = InterlockedDecrement(&archive->refcount);

    if (!refcount)
    {
        if (archive->marshaler) IUnknown_Release(archive->marshaler);
        IFaxServer_Release(archive->server);
        SysFreeString(archive->settings.folder);
        free(archive);
        fxs_module_release();
    }
    return refcount;
}

static HRESULT archive_get(struct archive *archive, unsigned int which, LONG *value)
{
    if (!value) return E_POINTER;
    AcquireSRWLockShared(&archive->lock);
    *value = archive->settings.values[which];
    ReleaseSRWLockShared(&archive->lock);
    return S_OK;
}

static HRESULT archive_put(struct archive *archive, unsigned int which, LONG value)
{
    AcquireSRWLockExclusive(&archive->lock);
    archive->settings.values[which] = value;
    ReleaseSRWLockExclusive(&archive->lock);
    return S_OK;
}

static HRESULT archive_get_bool(struct archive *archive, unsigned int which, VARIANT_BOOL *value)
{
    LONG flag;
    HRESULT hr;

    if (!value) return E_POINTER;
    if (SUCCEEDED(hr = archive_get(archive, which, &flag))) *value = flag ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

static HRESULT archive_put_bool(struct archive *archive, unsigned int which, VARIANT_BOOL value)
{
    return archive_put(archive, which, value ? 1 : 0);
}

static HRESULT archive_get_folder(struct archive *archive, BSTR *value)
{
    return fxs_bstr_get_locked(&archive->lock, &archive->settings.folder, value);
}

static HRESULT archive_put_folder(struct archive *archive, BSTR value)
{
    return fxs_bstr_put_locked(&archive->lock, &archive->settings.folder, value);
}

/* SizeLow and SizeHigh: the two halves of the archive's size in bytes. */
static HRESULT archive_get_size(struct archive *archive, BOOL high, LONG *value)
{
    if (!value) return E_POINTER;
    AcquireSRWLockShared(&archive->lock);
    *value = (LONG)(DWORD)(high ? archive->settings.size >> 32 : archive->settings.size);
    ReleaseSRWLockShared(&archive->lock);
    return S_OK;
}

static HRESULT archive_refresh(struct archive *archive)
{
    struct archive_settings settings = { { 0 } };
    HRESULT hr;

    if (FAILED(hr = settings_read(archive->server, archive, &settings))) return hr;
    AcquireSRWLockExclusive(&archive->lock);
    SysFreeString(archive->settings.folder);
    archive->settings = settings;
    ReleaseSRWLockExclusive(&archive->lock);
    return S_OK;
}

static HRESULT archive_save(struct archive *archive)
{
    struct archive_settings settings;
    HRESULT hr;

    AcquireSRWLockShared(&archive->lock);
    settings = archive->settings;
    settings.folder = SysAllocStringLen(archive->settings.folder, SysStringLen(archive->settings.folder));
    ReleaseSRWLockShared(&archive->lock);
    if (!settings.folder) return E_OUTOFMEMORY;
    hr = settings_write(archive, &settings);
    SysFreeString(settings.folder);
    return hr;
}

static HRESULT archive_get_messages(struct archive *archive, LONG prefetch_size, void **iterator)
{
    return fax_message_iterator_create(archive->server, archive_folder(archive), prefetch_size, iterator);
}

static HRESULT archive_get_message(struct archive *archive, BSTR id, void **message)
{
    return fax_message_get(archive->server, archive_folder(archive), id, message);
}

/* Every member of both interfaces (their layouts are the same), forwarded to the object. */
#define ARCHIVE_METHODS(prefix, type, iterator_type, message_type) \
    static HRESULT WINAPI prefix##_QueryInterface(type *iface, REFIID riid, void **obj) \
    { return archive_query(impl_from_##type(iface), riid, obj); } \
    static ULONG WINAPI prefix##_AddRef(type *iface) \
    { return archive_addref(impl_from_##type(iface)); } \
    static ULONG WINAPI prefix##_Release(type *iface) \
    { return archive_release(impl_from_##type(iface)); } \
    FXS_DISPATCH_METHODS(prefix, type, IID_##type) \
    static HRESULT WINAPI prefix##_get_UseArchive(type *iface, VARIANT_BOOL *value) \
    { return archive_get_bool(impl_from_##type(iface), ARCHIVE_USE, value); } \
    static HRESULT WINAPI prefix##_put_UseArchive(type *iface, VARIANT_BOOL value) \
    { return archive_put_bool(impl_from_##type(iface), ARCHIVE_USE, value); } \
    static HRESULT WINAPI prefix##_get_ArchiveFolder(type *iface, BSTR *value) \
    { return archive_get_folder(impl_from_##type(iface), value); } \
    static HRESULT WINAPI prefix##_put_ArchiveFolder(type *iface, BSTR value) \
    { return archive_put_folder(impl_from_##type(iface), value); } \
    static HRESULT WINAPI prefix##_get_SizeQuotaWarning(type *iface, VARIANT_BOOL *value) \
    { return archive_get_bool(impl_from_##type(iface), ARCHIVE_QUOTA_WARNING, value); } \
    static HRESULT WINAPI prefix##_put_SizeQuotaWarning(type *iface, VARIANT_BOOL value) \
    { return archive_put_bool(impl_from_##type(iface), ARCHIVE_QUOTA_WARNING, value); } \
    static HRESULT WINAPI prefix##_get_HighQuotaWaterMark(type *iface, LONG *value) \
    { return archive_get(impl_from_##type(iface), ARCHIVE_HIGH_WATER_MARK, value); } \
    static HRESULT WINAPI prefix##_put_HighQuotaWaterMark(type *iface, LONG value) \
    { return archive_put(impl_from_##type(iface), ARCHIVE_HIGH_WATER_MARK, value); } \
    static HRESULT WINAPI prefix##_get_LowQuotaWaterMark(type *iface, LONG *value) \
    { return archive_get(impl_from_##type(iface), ARCHIVE_LOW_WATER_MARK, value); } \
    static HRESULT WINAPI prefix##_put_LowQuotaWaterMark(type *iface, LONG value) \
    { return archive_put(impl_from_##type(iface), ARCHIVE_LOW_WATER_MARK, value); } \
    static HRESULT WINAPI prefix##_get_AgeLimit(type *iface, LONG *value) \
    { return archive_get(impl_from_##type(iface), ARCHIVE_AGE_LIMIT, value); } \
    static HRESULT WINAPI prefix##_put_AgeLimit(type *iface, LONG value) \
    { return archive_put(impl_from_##type(iface), ARCHIVE_AGE_LIMIT, value); } \
    static HRESULT WINAPI prefix##_get_SizeLow(type *iface, LONG *value) \
    { return archive_get_size(impl_from_##type(iface), FALSE, value); } \
    static HRESULT WINAPI prefix##_get_SizeHigh(type *iface, LONG *value) \
    { return archive_get_size(impl_from_##type(iface), TRUE, value); } \
    static HRESULT WINAPI prefix##_Refresh(type *iface) \
    { return archive_refresh(impl_from_##type(iface)); } \
    static HRESULT WINAPI prefix##_Save(type *iface) \
    { return archive_save(impl_from_##type(iface)); } \
    static HRESULT WINAPI prefix##_GetMessages(type *iface, LONG prefetch_size, iterator_type **iterator) \
    { return archive_get_messages(impl_from_##type(iface), prefetch_size, (void **)iterator); } \
    static HRESULT WINAPI prefix##_GetMessage(type *iface, BSTR id, message_type **message) \
    { return archive_get_message(impl_from_##type(iface), id, (void **)message); } \
    static const type##Vtbl prefix##_vtbl = \
    { \
        prefix##_QueryInterface, prefix##_AddRef, prefix##_Release, \
        prefix##_GetTypeInfoCount, prefix##_GetTypeInfo, prefix##_GetIDsOfNames, prefix##_Invoke, \
        prefix##_get_UseArchive, prefix##_put_UseArchive, prefix##_get_ArchiveFolder, prefix##_put_ArchiveFolder, \
        prefix##_get_SizeQuotaWarning, prefix##_put_SizeQuotaWarning, \
        prefix##_get_HighQuotaWaterMark, prefix##_put_HighQuotaWaterMark, \
        prefix##_get_LowQuotaWaterMark, prefix##_put_LowQuotaWaterMark, \
        prefix##_get_AgeLimit, prefix##_put_AgeLimit, prefix##_get_SizeLow, prefix##_get_SizeHigh, \
        prefix##_Refresh, prefix##_Save, prefix##_GetMessages, prefix##_GetMessage, \
    };

ARCHIVE_METHODS(incoming_archive, IFaxIncomingArchive, IFaxIncomingMessageIterator, IFaxIncomingMessage)
ARCHIVE_METHODS(outgoing_archive, IFaxOutgoingArchive, IFaxOutgoingMessageIterator, IFaxOutgoingMessage)

/* ---- making them: the settings are read first ---- */

static HRESULT archive_create(IFaxServer *server, BOOL incoming, void **result)
{
    struct archive *archive;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (!(archive = calloc(1, sizeof(*archive)))) return E_OUTOFMEMORY;
    archive->IFaxIncomingArchive_iface.lpVtbl = &incoming_archive_vtbl;
    archive->IFaxOutgoingArchive_iface.lpVtbl = &outgoing_archive_vtbl;
    archive->refcount = 1;
    archive->incoming = incoming;
    InitializeSRWLock(&archive->lock);
    if (FAILED(hr = settings_read(server, archive, &archive->settings)))
    {
        free(archive);
        return hr;
    }
    archive->server = server;
    IFaxServer_AddRef(server);
    if (incoming)
        fxs_class_info_init(&archive->class_info, main_iface(archive), &CLSID_FaxIncomingArchive, NULL,
                            incoming_archive_error_iids);
    else
        fxs_class_info_init(&archive->class_info, main_iface(archive), &CLSID_FaxOutgoingArchive, NULL,
                            outgoing_archive_error_iids);
    CoCreateFreeThreadedMarshaler(main_iface(archive), &archive->marshaler);
    fxs_module_addref();
    *result = main_iface(archive);
    return S_OK;
}

HRESULT fax_incoming_archive_create(IFaxServer *server, IFaxIncomingArchive **archive)
{
    return archive_create(server, TRUE, (void **)archive);
}

HRESULT fax_outgoing_archive_create(IFaxServer *server, IFaxOutgoingArchive **archive)
{
    return archive_create(server, FALSE, (void **)archive);
}
