/*
 * fxscomex.dll: what the parts of the DLL share.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_PRIVATE_H
#define FXSCOMEX_PRIVATE_H

#define COBJMACROS
#define CONST_VTABLE
#include <windows.h>
#include <ole2.h>
#include <olectl.h>
#include <stdlib.h>
#include "faxcomex.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

extern HINSTANCE fxs_instance;

/* Every live object and every IClassFactory::LockServer(TRUE) holds the module (DllCanUnloadNow). */
void fxs_module_addref(void);
void fxs_module_release(void);
/* A thread of the DLL's own, with its own reference on the DLL (its parameter, the module): it
 * must end with FreeLibraryAndExitThread(module, ...), so the DLL never unloads under it. */
DWORD fxs_start_module_thread(LPTHREAD_START_ROUTINE proc);

/* Creatable classes (class factory entry points). */
HRESULT fax_server_create(IUnknown *outer, REFIID riid, void **obj);
HRESULT fax_document_create(IUnknown *outer, REFIID riid, void **obj);

/* FaxSender (sender.c): sixteen strings, in the order of IFaxSender's DISPIDs. */
#define FAX_SENDER_FIELDS 16
#define FAX_SENDER_MAX    4096      /* characters of one field the default sender keeps */
HRESULT fax_sender_create(IFaxSender **sender);
HRESULT fax_sender_snapshot(IFaxSender *sender, BSTR fields[FAX_SENDER_FIELDS]);

/* FaxRecipient, FaxRecipients (recipients.c). */
HRESULT fax_recipient_create(const WCHAR *fax_number, const WCHAR *name, IFaxRecipient **recipient);
HRESULT fax_recipients_create(IFaxRecipients **recipients);
HRESULT fax_recipients_snapshot(IFaxRecipients *recipients, BSTR **numbers, BSTR **names, LONG *count);
void fax_recipients_free_snapshot(BSTR *numbers, BSTR *names, LONG count);

/* IEnumVARIANT over objects, for every collection's _NewEnum (enumvariant.c). */
HRESULT fxs_enum_variant_create(IDispatch **items, ULONG count, IUnknown **enumerator);
HRESULT fxs_enum_variant_create_longs(const LONG *numbers, ULONG count, IUnknown **enumerator);

/* Calls fn with the session of a connected FaxServer of this library, which stays connected
 * until fn returns; E_INVALIDARG for another object, HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) for a
 * FaxServer that is not connected. */
struct fxs_link;
HRESULT fax_server_with_link(IFaxServer *server, HRESULT (*fn)(struct fxs_link *link, void *context), void *context);

/* FaxJobStatus, the snapshot On*JobChanged events carry (jobstatus.c). */
struct fxs_job_status;
HRESULT fax_job_status_create(const struct fxs_job_status *snapshot, IFaxJobStatus **status);

/* Errors: sets an IErrorInfo with a readable description and returns hr. */
HRESULT fxs_error(HRESULT hr, REFIID iid, const WCHAR *fmt, ...);

/* Type-library-driven IDispatch, shared by every object of the library. */
HRESULT fxs_get_typeinfo(REFGUID guid, ITypeInfo **typeinfo);
HRESULT fxs_dispatch_get_typeinfo(REFIID iid, UINT index, ITypeInfo **typeinfo);
HRESULT fxs_dispatch_get_ids(REFIID iid, REFIID riid, LPOLESTR *names, UINT count, DISPID *ids);
HRESULT fxs_dispatch_invoke(REFIID iid, void *iface, DISPID member, REFIID riid, WORD flags,
                            DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err);
void fxs_release_typeinfos(void);

/*
 * The four IDispatch methods of an interface, forwarded to the helpers above.
 * prefix: the object's function prefix; type: the C interface type; iid: its IID.
 */
#define FXS_DISPATCH_METHODS(prefix, type, iid) \
    static inline const IID *prefix##_dispatch_iid(type *iface) { return &iid; } \
    FXS_DISPATCH_METHODS_OF(prefix, type, prefix##_dispatch_iid)

/* The same for an implementation shared by several interfaces: iid_of(iface) gives the IID. */
#define FXS_DISPATCH_METHODS_OF(prefix, type, iid_of) \
    static HRESULT WINAPI prefix##_GetTypeInfoCount(type *iface, UINT *count) \
    { \
        if (!count) return E_POINTER; \
        *count = 1; \
        return S_OK; \
    } \
    static HRESULT WINAPI prefix##_GetTypeInfo(type *iface, UINT index, LCID lcid, ITypeInfo **typeinfo) \
    { \
        return fxs_dispatch_get_typeinfo(iid_of(iface), index, typeinfo); \
    } \
    static HRESULT WINAPI prefix##_GetIDsOfNames(type *iface, REFIID riid, LPOLESTR *names, UINT count, \
                                                 LCID lcid, DISPID *ids) \
    { \
        return fxs_dispatch_get_ids(iid_of(iface), riid, names, count, ids); \
    } \
    static HRESULT WINAPI prefix##_Invoke(type *iface, DISPID member, REFIID riid, LCID lcid, WORD flags, \
                                          DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, \
                                          UINT *arg_err) \
    { \
        return fxs_dispatch_invoke(iid_of(iface), iface, member, riid, flags, params, result, excepinfo, arg_err); \
    }

/* IProvideClassInfo2 and ISupportErrorInfo, the same for every object that offers them. */
struct fxs_class_info
{
    IProvideClassInfo2 IProvideClassInfo2_iface;
    ISupportErrorInfo ISupportErrorInfo_iface;
    IUnknown *owner;                   /* not AddRef'd: the object embeds this struct */
    const CLSID *clsid;
    const IID *default_source;         /* NULL when the class fires no events */
    const IID * const *error_iids;     /* NULL-terminated */
};

void fxs_class_info_init(struct fxs_class_info *info, IUnknown *owner, const CLSID *clsid,
                         const IID *default_source, const IID * const *error_iids);
HRESULT fxs_class_info_query(struct fxs_class_info *info, void *main_iface, REFIID riid, void **obj);

/* BSTR property helpers: copy out, replace in. */
HRESULT fxs_bstr_get(const BSTR value, BSTR *out);
HRESULT fxs_bstr_put(BSTR *field, const BSTR value);
HRESULT fxs_bstr_get_locked(SRWLOCK *lock, const BSTR *field, BSTR *out);
HRESULT fxs_bstr_put_locked(SRWLOCK *lock, BSTR *field, const BSTR value);

/* Folders, queues, jobs and devices (folders.c, queues.c, jobs.c, job_lists.c, devices.c): each
 * object holds a reference on the FaxServer it came from and fails with
 * HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) once that is disconnected. */
HRESULT fax_folders_create(IFaxServer *server, IFaxFolders **folders);
HRESULT fax_outgoing_queue_create(IFaxServer *server, IFaxOutgoingQueue **queue);
HRESULT fax_incoming_queue_create(IFaxServer *server, IFaxIncomingQueue **queue);
HRESULT fax_outgoing_jobs_create(IFaxServer *server, IFaxOutgoingJobs **jobs);
HRESULT fax_incoming_jobs_create(IFaxServer *server, IFaxIncomingJobs **jobs);
HRESULT fax_devices_create(IFaxServer *server, IFaxDevices **devices);
/* A job object of a queue (FXS_FOLDER_*_QUEUE) from its record, whose strings it takes over
 * (info is zeroed); or fetched from the service by id. */
struct fxs_job_info;
HRESULT fax_job_create(IFaxServer *server, DWORD folder, struct fxs_job_info *info, IDispatch **job);
HRESULT fax_job_get(IFaxServer *server, DWORD folder, BSTR id, void **job);

/* The archives (archives.c), their iterators (message_iterator.c) and messages (messages.c), the
 * same way. A message object of an archive (FXS_FOLDER_*_ARCHIVE) from its record, whose strings
 * it takes over (info is zeroed); or fetched from the service by id. */
HRESULT fax_incoming_archive_create(IFaxServer *server, IFaxIncomingArchive **archive);
HRESULT fax_outgoing_archive_create(IFaxServer *server, IFaxOutgoingArchive **archive);
HRESULT fax_message_iterator_create(IFaxServer *server, DWORD folder, LONG prefetch_size, void **iterator);
HRESULT fax_message_create(IFaxServer *server, DWORD folder, struct fxs_job_info *info, IDispatch **message);
HRESULT fax_message_get(IFaxServer *server, DWORD folder, BSTR id, void **message);

/* The configuration objects (logging.c, receipts.c, security.c, configuration.c): snapshots of
 * the service's configuration classes, holding a reference on their FaxServer. */
HRESULT fax_activity_create(IFaxServer *server, IFaxActivity **activity);
HRESULT fax_logging_options_create(IFaxServer *server, IFaxLoggingOptions **options);
HRESULT fax_receipt_options_create(IFaxServer *server, IFaxReceiptOptions **options);
HRESULT fax_security_create(IFaxServer *server, IFaxSecurity **security);
HRESULT fax_security2_create(IFaxServer *server, IFaxSecurity2 **security);
HRESULT fax_configuration_create(IFaxServer *server, IFaxConfiguration **configuration);

/* queue_common.c */
void fxs_job_id_format(ULONGLONG id, WCHAR text[17]);
HRESULT fxs_job_id_parse(const WCHAR *text, REFIID iid, ULONGLONG *id);
const WCHAR *fxs_folder_refusal(DWORD error);
HRESULT fxs_service_error(DWORD error, REFIID iid, const WCHAR *what);
HRESULT fxs_collection_index(const VARIANT *index, REFIID iid, LONG *number, BSTR *name);
HRESULT fxs_service_call(IFaxServer *server, DWORD (*fn)(void *session, void *context), void *context, DWORD *error);

/* A read-only collection of the shape _NewEnum, Item, Count (collection.c): takes over items and
 * keys (malloc'ed arrays; Item finds a key ignoring case); item_name names an item in errors. */
HRESULT fxs_collection_create(const CLSID *clsid, const IID *iid, const WCHAR *item_name, IDispatch **items,
                              BSTR *keys, LONG count, void **result);
/* providers.c: the service's device providers, freed with fxs_provider_infos_free. */
struct fxs_provider_info;
HRESULT fxs_device_providers_list(IFaxServer *server, DWORD *count, struct fxs_provider_info **providers);
/* Frees such arrays (NULL items and keys are skipped). */
void fxs_collection_free_items(IDispatch **items, BSTR *keys, LONG count);

/* Inbound routing, device providers, extension properties (inbound_routing.c, routing_method.c,
 * extension_info.c, providers.c, extension_property.c). */
struct fxs_routing_method_info;
struct fxs_provider_info;
HRESULT fax_inbound_routing_create(IFaxServer *server, IFaxInboundRouting **result);
HRESULT fax_device_providers_create(IFaxServer *server, IFaxDeviceProviders **result);
HRESULT fxs_routing_methods_list(IFaxServer *server, REFIID iid, DWORD *count,
                                 struct fxs_routing_method_info **methods);
HRESULT fax_routing_method_create(IFaxServer *server, const struct fxs_routing_method_info *info, IDispatch **result);
HRESULT fax_routing_extension_create(const struct fxs_routing_method_info *methods, DWORD count, const WCHAR *unique_name,
                                     IDispatch **result);
HRESULT fax_device_provider_create(const struct fxs_provider_info *info, IDispatch **result);
/* A method GUID as a "config.inbound_routing" key part: lowercase, no braces, "_" for "-". */
void fxs_routing_method_key(const WCHAR *guid, char key[37]);
/* Whether text is a GUID in braces; else E_INVALIDARG with a description naming what. */
HRESULT fxs_guid_check(const WCHAR *text, REFIID iid, const WCHAR *what);
HRESULT fxs_extension_property_get(IFaxServer *server, DWORD device_id, BSTR guid, VARIANT *value, REFIID iid);
HRESULT fxs_extension_property_set(IFaxServer *server, DWORD device_id, BSTR guid, const VARIANT *value, REFIID iid);
/* device_routing.c: FaxDevice.UsedRoutingMethods, UseRoutingMethod of a device. */
HRESULT fax_device_used_routing_methods(IFaxServer *server, DWORD device_id, VARIANT *value);
HRESULT fax_device_use_routing_method(IFaxServer *server, DWORD device_id, BSTR guid, VARIANT_BOOL use);
/* extension_registration.c: refused (the service loads no Windows extension DLLs) once the
 * arguments are checked. */
HRESULT fax_server_register_device_provider(IFaxServer *server, BSTR guid, BSTR friendly_name, BSTR image_name,
                                            BSTR tsp_name, LONG fspi_version);
HRESULT fax_server_unregister_device_provider(IFaxServer *server, BSTR unique_name);
HRESULT fax_server_register_routing_extension(IFaxServer *server, BSTR extension_name, BSTR friendly_name,
                                              BSTR image_name, const VARIANT *methods);
HRESULT fax_server_unregister_routing_extension(IFaxServer *server, BSTR unique_name);

/* Fax accounts (account_set.c, account.c, account_folders.c, account_archives.c). An account's
 * objects hold a reference on their FaxServer and its name as the service keeps it. */
HRESULT fax_account_set_create(IFaxServer *server, IFaxAccountSet **result);
HRESULT fax_account_create(IFaxServer *server, const WCHAR *name, IDispatch **result);
/* The account by that name (NULL or "": the session user's), from the service; errors name what. */
HRESULT fax_account_get(IFaxServer *server, const WCHAR *name, REFIID iid, const WCHAR *what, IFaxAccount **result);
HRESULT fxs_account_lookup(IFaxServer *server, const WCHAR *name, REFIID iid, const WCHAR *what, BSTR *kept);
/* S_OK while the service has the account; a removed one fails with ERROR_NO_SUCH_USER. */
HRESULT fxs_account_check(IFaxServer *server, const WCHAR *name, REFIID iid, const WCHAR *what);
HRESULT fxs_account_error(DWORD error, REFIID iid, const WCHAR *what, const WCHAR *name);
/* Whether a job or message of folder (FXS_FOLDER_*) whose owner is that is the account's (NULL
 * account: every one is): see account.c. The owner of a record is fxs_job_info_owner's. */
BOOL fxs_account_owns(const WCHAR *account, DWORD folder, const WCHAR *owner);
const WCHAR *fxs_job_info_owner(DWORD folder, const struct fxs_job_info *info);
HRESULT fax_account_folders_create(IFaxServer *server, const WCHAR *account, IFaxAccountFolders **result);
HRESULT fax_account_queue_create(IFaxServer *server, const WCHAR *account, DWORD folder, void **result);
HRESULT fax_account_archive_create(IFaxServer *server, const WCHAR *account, DWORD folder, void **result);
/* The queue and archive calls restricted to an account's jobs and messages (errors with iid). */
HRESULT fax_account_jobs_create(IFaxServer *server, DWORD folder, const WCHAR *account, void **jobs);
HRESULT fax_job_get_owned(IFaxServer *server, DWORD folder, BSTR id, const WCHAR *account, REFIID iid, void **job);
HRESULT fax_message_get_owned(IFaxServer *server, DWORD folder, BSTR id, const WCHAR *account, REFIID iid,
                              void **message);
HRESULT fax_message_iterator_create_owned(IFaxServer *server, DWORD folder, LONG prefetch_size, const WCHAR *account,
                                          REFIID archive_iid, void **iterator);

#endif /* FXSCOMEX_PRIVATE_H */
