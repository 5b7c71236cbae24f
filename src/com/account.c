/*
 * FaxAccount: one fax account of the service (FaxServer.CurrentAccount, FaxAccountSet), its
 * folders, and its events: IFaxAccountNotify through a connection point of its own
 * (connpoint.c), fed by the process's dispatcher from the same session event stream as the
 * FaxServer's (dispatcher.c), kept to the account's own jobs and messages.
 *
 * Which jobs and messages are an account's: an outgoing job or sent fax is the account of the user
 * who submitted it. A received fax (its incoming job, then its message) lands in the server's
 * receive folder, which every account shares: it is every account's, and OnIncomingMessageAdded
 * says True (added to the receive folder). IFaxIncomingMessage2.ReAssign gives a message to its
 * recipients: from then on it is theirs only, and its OnIncomingMessageRemoved says False (it was
 * no longer in the receive folder). What a session may see at all is still the service's
 * decision (its access rights).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "connpoint.h"
#include "events.h"
#include "fxs_link.h"
#include "fxs_job_info.h"

struct account
{
    IFaxAccount IFaxAccount_iface;
    struct fxs_class_info class_info;
    struct connection_point_container container;
    struct connection_point notify;         /* DIID_IFaxAccountNotify, the default source */
    struct connection_point *points[1];
    struct event_listener listener;         /* with the dispatcher while ListenToAccountEvents asks */
    IUnknown *marshaler;                    /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;                     /* immutable: no lock */
    BSTR name;                              /* immutable: as the service keeps it */

    SRWLOCK lock;
    FAX_ACCOUNT_EVENTS_TYPE_ENUM events;    /* ListenToAccountEvents */
};

#define ALL_ACCOUNT_EVENTS (faetIN_QUEUE | faetOUT_QUEUE | faetIN_ARCHIVE | faetOUT_ARCHIVE | faetFXSSVC_ENDED)

static const IID * const account_error_iids[] = { &IID_IFaxAccount, NULL };

static inline struct account *impl_from_IFaxAccount(IFaxAccount *iface)
{
    return CONTAINING_RECORD(iface, struct account, IFaxAccount_iface);
}

/* The part after "DOMAIN\", the whole name without one. */
static const WCHAR *user_part(const WCHAR *name, size_t length, size_t *user_length)
{
    size_t i;

    for (i = length; i > 0; i--)
        if (name[i - 1] == '\\') break;
    *user_length = length - i;
    return name + i;
}

/* Whether one of the recipients ("DOMAIN\user" names separated by ";", as ReAssign takes them)
 * is the account: the same name ignoring case, or the same user where one of them names no domain. */
static BOOL is_recipient(const WCHAR *recipients, const WCHAR *account)
{
    size_t account_length = wcslen(account), account_user_length, length, user_length;
    const WCHAR *account_user = user_part(account, account_length, &account_user_length), *end, *user;

    for (; *recipients; recipients = *end ? end + 1 : end)
    {
        while (*recipients == ' ') recipients++;
        if (!(end = wcschr(recipients, wcharREASSIGN_RECIPIENTS_DELIMITER))) end = recipients + wcslen(recipients);
        for (length = end - recipients; length && recipients[length - 1] == ' '; length--) {}
        user = user_part(recipients, length, &user_length);
        if (length == account_length && !_wcsnicmp(recipients, account, length)) return TRUE;
        if ((user == recipients || account_user == account) && user_length == account_user_length &&
            !_wcsnicmp(user, account_user, user_length))
            return TRUE;
    }
    return FALSE;
}

BOOL fxs_account_owns(const WCHAR *account, DWORD folder, const WCHAR *owner)
{
    if (!account || folder == FXS_FOLDER_INCOMING_QUEUE) return TRUE;
    /* A received fax: in the receive folder (no owner) it is everyone's; reassigned, its recipients'. */
    if (folder == FXS_FOLDER_INCOMING_ARCHIVE) return !owner || !owner[0] || is_recipient(owner, account);
    return owner && !_wcsicmp(owner, account);
}

const WCHAR *fxs_job_info_owner(DWORD folder, const struct fxs_job_info *info)
{
    return folder == FXS_FOLDER_INCOMING_ARCHIVE ? info->recipient_name : info->owner;
}

HRESULT fxs_account_error(DWORD error, REFIID iid, const WCHAR *what, const WCHAR *name)
{
    if (!name) name = L"";
    switch (error)
    {
    case ERROR_NO_SUCH_USER:
        if (!name[0])
            return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed: this user has no fax account on the fax "
                             L"server (an administrator can add one, or set AutoCreateAccountOnConnect).", what);
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed: the fax server has no account \"%s\".", what, name);
    case ERROR_USER_EXISTS:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed: the fax server already has an account \"%s\".",
                         what, name);
    case ERROR_INVALID_ACCOUNT_NAME:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed: \"%.64s\" is not a user name: 1 to 256 "
                         L"characters, optionally after \"DOMAIN\\\", without control characters or any of "
                         L"\"/\\[]:;|=,+*?<>.", what, name);
    case ERROR_TOO_MANY_NAMES:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed: the fax server has as many accounts as it "
                         L"keeps (%lu).", what, (DWORD)FXS_MAX_ACCOUNTS);
    case ERROR_ACCESS_DENIED:
        return fxs_error(E_ACCESSDENIED, iid, L"%s failed: the fax service does not allow it to this user.", what);
    default:
        return fxs_error(HRESULT_FROM_WIN32(error), iid, L"%s failed (error %lu).", what, error);
    }
}

/* ---- the account's existence (it may be removed while objects of it live) ---- */

struct get_call
{
    const WCHAR *name;
    fxs_account_info info;
};

static DWORD get_account(void *session, void *context)
{
    struct get_call *call = context;
    return fxs_rpc_get_account(session, call->name, &call->info);
}

/* The service's account by that name ("" the session user's): *kept is its name as kept. */
HRESULT fxs_account_lookup(IFaxServer *server, const WCHAR *name, REFIID iid, const WCHAR *what, BSTR *kept)
{
    struct get_call call = { name ? name : L"" };
    DWORD error;
    HRESULT hr;

    *kept = NULL;
    if (FAILED(hr = fxs_service_call(server, get_account, &call, &error))) return hr;
    if (error) return fxs_account_error(error, iid, what, call.name);
    *kept = SysAllocString(call.info.name ? call.info.name : L"");
    free(call.info.name);
    return *kept ? S_OK : E_OUTOFMEMORY;
}

HRESULT fxs_account_check(IFaxServer *server, const WCHAR *name, REFIID iid, const WCHAR *what)
{
    BSTR kept;
    HRESULT hr = fxs_account_lookup(server, name, iid, what, &kept);

    SysFreeString(kept);
    return hr;
}

/* ---- IFaxAccount ---- */

static HRESULT WINAPI account_QueryInterface(IFaxAccount *iface, REFIID riid, void **obj)
{
    struct account *account = impl_from_IFaxAccount(iface);

    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IConnectionPointContainer))
    {
        *obj = &account->container.IConnectionPointContainer_iface;
        IUnknown_AddRef((IUnknown *)*obj);
        return S_OK;
    }
    if (IsEqualIID(riid, &IID_IMarshal) && account->marshaler)
        return IUnknown_QueryInterface(account->marshaler, riid, obj);
    return fxs_class_info_query(&account->class_info, &account->IFaxAccount_iface, riid, obj);
}

static ULONG WINAPI account_AddRef(IFaxAccount *iface)
{
    return InterlockedIncrement(&impl_from_IFaxAccount(iface)->refcount);
}

static ULONG WINAPI account_Release(IFaxAccount *iface)
{
    struct account *account = impl_from_IFaxAccount(iface);
    ULONG refcount = InterlockedDecrement(&account->refcount);

    if (!refcount)
    {
        dispatcher_remove(&account->listener);
        if (account->marshaler) IUnknown_Release(account->marshaler);
        connection_point_destroy(&account->notify);
        IFaxServer_Release(account->server);
        SysFreeString(account->name);
        free(account);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(account, IFaxAccount, IID_IFaxAccount)

static HRESULT WINAPI account_get_AccountName(IFaxAccount *iface, BSTR *value)
{
    if (!value) return E_POINTER;
    return fxs_bstr_get(impl_from_IFaxAccount(iface)->name, value);
}

static HRESULT WINAPI account_get_Folders(IFaxAccount *iface, IFaxAccountFolders **value)
{
    struct account *account = impl_from_IFaxAccount(iface);
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = NULL;
    if (FAILED(hr = fxs_account_check(account->server, account->name, &IID_IFaxAccount, L"Folders"))) return hr;
    return fax_account_folders_create(account->server, account->name, value);
}

/* FAX_ACCOUNT_EVENTS_TYPE_ENUM flags as the service's event classes (other bits than the server's). */
static DWORD event_classes(FAX_ACCOUNT_EVENTS_TYPE_ENUM types)
{
    DWORD classes = 0;

    if (types & faetIN_QUEUE) classes |= FXS_EVENT_IN_QUEUE;
    if (types & faetOUT_QUEUE) classes |= FXS_EVENT_OUT_QUEUE;
    if (types & faetIN_ARCHIVE) classes |= FXS_EVENT_IN_ARCHIVE;
    if (types & faetOUT_ARCHIVE) classes |= FXS_EVENT_OUT_ARCHIVE;
    if (types & faetFXSSVC_ENDED) classes |= FXS_EVENT_FXSSVC_ENDED;
    return classes;
}

static HRESULT WINAPI account_ListenToAccountEvents(IFaxAccount *iface, FAX_ACCOUNT_EVENTS_TYPE_ENUM types)
{
    struct account *account = impl_from_IFaxAccount(iface);
    DWORD error;
    HRESULT hr;

    if (types & ~ALL_ACCOUNT_EVENTS)
        return fxs_error(E_INVALIDARG, &IID_IFaxAccount, L"%#lx is not a combination of FAX_ACCOUNT_EVENTS_TYPE_ENUM "
                         L"flags.", (DWORD)types);
    /* The server must be connected and the account still there. */
    if (types && FAILED(hr = fxs_account_check(account->server, account->name, &IID_IFaxAccount,
                                                L"ListenToAccountEvents")))
        return hr;
    AcquireSRWLockExclusive(&account->lock);
    if (!(error = dispatcher_listen(&account->listener, event_classes(types)))) account->events = types;
    ReleaseSRWLockExclusive(&account->lock);
    if (error == ERROR_ACCESS_DENIED)
        return fxs_error(E_ACCESSDENIED, &IID_IFaxAccount, L"The fax service does not allow this user these events.");
    if (error) return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxAccount, L"Listening failed (error %lu).", error);
    return S_OK;
}

static HRESULT WINAPI account_get_RegisteredEvents(IFaxAccount *iface, FAX_ACCOUNT_EVENTS_TYPE_ENUM *value)
{
    struct account *account = impl_from_IFaxAccount(iface);

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&account->lock);
    *value = account->events;
    ReleaseSRWLockShared(&account->lock);
    return S_OK;
}

static const IFaxAccountVtbl account_vtbl =
{
    account_QueryInterface,
    account_AddRef,
    account_Release,
    account_GetTypeInfoCount,
    account_GetTypeInfo,
    account_GetIDsOfNames,
    account_Invoke,
    account_get_AccountName,
    account_get_Folders,
    account_ListenToAccountEvents,
    account_get_RegisteredEvents,
};

/* ---- the events: a listener of the dispatcher ---- */

static inline struct account *impl_from_listener(struct event_listener *listener)
{
    return CONTAINING_RECORD(listener, struct account, listener);
}

static BOOL account_acquire(struct event_listener *listener)
{
    return listener_addref_if_alive(&impl_from_listener(listener)->refcount);
}

static void account_release(struct event_listener *listener)
{
    IFaxAccount_Release(&impl_from_listener(listener)->IFaxAccount_iface);
}

static DWORD event_folder(DWORD event_class)
{
    switch (event_class)
    {
    case FXS_EVENT_OUT_QUEUE: return FXS_FOLDER_OUTGOING_QUEUE;
    case FXS_EVENT_OUT_ARCHIVE: return FXS_FOLDER_OUTGOING_ARCHIVE;
    case FXS_EVENT_IN_ARCHIVE: return FXS_FOLDER_INCOMING_ARCHIVE;
    default: return FXS_FOLDER_INCOMING_QUEUE;
    }
}

static HRESULT connected(struct fxs_link *link, void *context)
{
    return S_OK;
}

static void account_deliver(struct event_listener *listener, const fxs_event *event)
{
    struct account *account = impl_from_listener(listener);
    struct connection_snapshot *snapshot;
    struct event_call *call = NULL;

    if (event->event_class != FXS_EVENT_FXSSVC_ENDED &&
        !fxs_account_owns(account->name, event_folder(event->event_class), event->owner))
        return;
    /* As its server's own events, an account's stop while the server is disconnected. */
    if (FAILED(fax_server_with_link(account->server, connected, NULL))) return;
    if (!(snapshot = connection_point_snapshot(&account->notify))) return;
    if (snapshot->count) call = event_call_create_account(event, (IDispatch *)&account->IFaxAccount_iface,
                                                          (IDispatch *)account->server);
    if (call)
    {
        delivery_post_all(snapshot, call, &account->notify.IConnectionPoint_iface);
        event_call_release(call);
    }
    connection_snapshot_release(snapshot);
}

HRESULT fax_account_create(IFaxServer *server, const WCHAR *name, IDispatch **result)
{
    struct account *account;

    *result = NULL;
    if (!(account = calloc(1, sizeof(*account)))) return E_OUTOFMEMORY;
    if (!(account->name = SysAllocString(name)))
    {
        free(account);
        return E_OUTOFMEMORY;
    }
    account->IFaxAccount_iface.lpVtbl = &account_vtbl;
    account->refcount = 1;
    account->server = server;
    IFaxServer_AddRef(server);
    InitializeSRWLock(&account->lock);
    fxs_class_info_init(&account->class_info, (IUnknown *)&account->IFaxAccount_iface, &CLSID_FaxAccount,
                        &DIID_IFaxAccountNotify, account_error_iids);
    connection_point_init(&account->notify, &account->container.IConnectionPointContainer_iface,
                          &DIID_IFaxAccountNotify);
    account->points[0] = &account->notify;
    connection_point_container_init(&account->container, (IUnknown *)&account->IFaxAccount_iface, account->points,
                                    ARRAY_SIZE(account->points));
    account->listener.acquire = account_acquire;
    account->listener.deliver = account_deliver;
    account->listener.release = account_release;
    CoCreateFreeThreadedMarshaler((IUnknown *)&account->IFaxAccount_iface, &account->marshaler);
    fxs_module_addref();
    *result = (IDispatch *)&account->IFaxAccount_iface;
    return S_OK;
}

HRESULT fax_account_get(IFaxServer *server, const WCHAR *name, REFIID iid, const WCHAR *what, IFaxAccount **result)
{
    BSTR kept;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_account_lookup(server, name, iid, what, &kept))) return hr;
    hr = fax_account_create(server, kept, (IDispatch **)result);
    SysFreeString(kept);
    return hr;
}
