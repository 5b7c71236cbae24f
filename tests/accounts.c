/*
 * Fax accounts against the real service: FaxServer.CurrentAccount and FaxAccountSet (GetAccounts,
 * GetAccount, AddAccount, RemoveAccount, kept across a restart, refused to a session without
 * farMANAGE_CONFIG), FaxAccounts, FaxAccount (its folders, restricted to its own jobs and
 * messages) and IFaxAccountNotify: each of the 11 events from a fax sent and received on the
 * virtual line, each flag alone, OnServerShutDown with the server; AutoCreateAccountOnConnect;
 * and the bad input of every member, through the vtables and through IDispatch by name.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fax_objects.h"
#include "access_rights.h"
#include "child_process.h"

static WCHAR user[FXS_MAX_ACCOUNT_NAME + 1];   /* this process's user, as the service knows it */

#define NO_SUCH_USER  HRESULT_FROM_WIN32(ERROR_NO_SUCH_USER)
#define USER_EXISTS   HRESULT_FROM_WIN32(ERROR_USER_EXISTS)
#define BAD_NAME      HRESULT_FROM_WIN32(ERROR_INVALID_ACCOUNT_NAME)

/* IFaxAccountNotify's DISPIDs (spec/notify.md section 3). */
enum
{
    IN_JOB_ADDED = 1, IN_JOB_REMOVED, IN_JOB_CHANGED, OUT_JOB_ADDED, OUT_JOB_REMOVED, OUT_JOB_CHANGED,
    IN_MESSAGE_ADDED, IN_MESSAGE_REMOVED, OUT_MESSAGE_ADDED, OUT_MESSAGE_REMOVED, SERVER_SHUT_DOWN,
};

/* The flag that enables each DISPID (index DISPID - 1). */
static const FAX_ACCOUNT_EVENTS_TYPE_ENUM event_flags[11] =
{
    faetIN_QUEUE, faetIN_QUEUE, faetIN_QUEUE, faetOUT_QUEUE, faetOUT_QUEUE, faetOUT_QUEUE,
    faetIN_ARCHIVE, faetIN_ARCHIVE, faetOUT_ARCHIVE, faetOUT_ARCHIVE, faetFXSSVC_ENDED,
};

/* The arguments each DISPID must come with, first first. */
static const struct { UINT count; VARTYPE types[3]; } event_shapes[11] =
{
    { 2, { VT_DISPATCH, VT_BSTR } }, { 2, { VT_DISPATCH, VT_BSTR } }, { 3, { VT_DISPATCH, VT_BSTR, VT_DISPATCH } },
    { 2, { VT_DISPATCH, VT_BSTR } }, { 2, { VT_DISPATCH, VT_BSTR } }, { 3, { VT_DISPATCH, VT_BSTR, VT_DISPATCH } },
    { 3, { VT_DISPATCH, VT_BSTR, VT_BOOL } }, { 3, { VT_DISPATCH, VT_BSTR, VT_BOOL } },
    { 2, { VT_DISPATCH, VT_BSTR } }, { 2, { VT_DISPATCH, VT_BSTR } }, { 1, { VT_DISPATCH } },
};

/* ---- a sink as VB6 and scripts make them: IDispatch only, recording every call ---- */

#define MAX_RECORDED 256

struct recorded
{
    DISPID dispid;
    UINT count;
    BOOL shape_ok;                  /* the argument types of event_shapes */
    WCHAR id[20];
    LONG flag;                      /* the VARIANT_BOOL of the message events */
    IUnknown *first;                /* identity of the first argument (no reference) */
    BOOL first_is_server2;
    LONG status;                    /* IFaxJobStatus.Status of the *JobChanged events */
    LONG recorded;
};

struct sink
{
    IDispatch IDispatch_iface;
    LONG count;
    struct recorded calls[MAX_RECORDED];
};

static inline struct sink *sink_from(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct sink, IDispatch_iface);
}

static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) ||
        IsEqualIID(riid, &DIID_IFaxAccountNotify))
    {
        *obj = iface;
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI sink_AddRef(IDispatch *iface) { return 2; }
static ULONG WINAPI sink_Release(IDispatch *iface) { return 1; }

static HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    *count = 0;
    return S_OK;
}

static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                         DISPID *ids)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID dispid, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct sink *sink = sink_from(iface);
    LONG index = InterlockedIncrement(&sink->count) - 1;
    struct recorded *call;
    UINT i, n = params->cArgs;
    IUnknown *unknown;

    if (index >= MAX_RECORDED) return S_OK;
    call = &sink->calls[index];
    call->dispid = dispid;
    call->count = n;
    call->shape_ok = dispid >= 1 && dispid <= 11 && n == event_shapes[dispid - 1].count && !params->cNamedArgs &&
                     flags == DISPATCH_METHOD;
    for (i = 0; i < n && call->shape_ok; i++)
    {
        VARIANT *arg = &params->rgvarg[n - 1 - i];
        if (V_VT(arg) != event_shapes[dispid - 1].types[i]) call->shape_ok = FALSE;
        else if (V_VT(arg) == VT_BSTR) lstrcpynW(call->id, V_BSTR(arg), ARRAY_SIZE(call->id));
        else if (V_VT(arg) == VT_BOOL) call->flag = V_BOOL(arg);
    }
    if (n && V_VT(&params->rgvarg[n - 1]) == VT_DISPATCH && V_DISPATCH(&params->rgvarg[n - 1]))
    {
        IDispatch *first = V_DISPATCH(&params->rgvarg[n - 1]);
        if (SUCCEEDED(IDispatch_QueryInterface(first, &IID_IUnknown, (void **)&call->first)))
            IUnknown_Release(call->first);
        if (SUCCEEDED(IDispatch_QueryInterface(first, &IID_IFaxServer2, (void **)&unknown)))
        {
            call->first_is_server2 = TRUE;
            IUnknown_Release(unknown);
        }
    }
    if (call->shape_ok && n == 3 && V_VT(&params->rgvarg[0]) == VT_DISPATCH)
    {
        IFaxJobStatus *status;
        if (SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[0]), &IID_IFaxJobStatus, (void **)&status)))
        {
            FAX_JOB_STATUS_ENUM value = 0;
            IFaxJobStatus_get_Status(status, &value);
            call->status = value;
            IFaxJobStatus_Release(status);
        }
    }
    InterlockedExchange(&call->recorded, 1);
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    sink_Invoke,
};

static struct sink *sink_new(void)
{
    struct sink *sink = calloc(1, sizeof(*sink));
    sink->IDispatch_iface.lpVtbl = &sink_vtbl;
    return sink;
}

/* The first recorded call of dispid (with that id; NULL: any) at or after from, -1 if none. */
static int sink_find(struct sink *sink, DISPID dispid, const WCHAR *id)
{
    LONG i, count = min(sink->count, MAX_RECORDED);

    for (i = 0; i < count; i++)
        if (sink->calls[i].recorded && sink->calls[i].dispid == dispid && (!id || !lstrcmpW(sink->calls[i].id, id)))
            return i;
    return -1;
}

/* Waits for it: the sinks live in the multithreaded apartment, called by the dispatcher. */
static int sink_wait(struct sink *sink, DISPID dispid, const WCHAR *id)
{
    double deadline = now_ms() + EVENT_WAIT_MS;
    int index;

    while ((index = sink_find(sink, dispid, id)) < 0 && now_ms() < deadline) Sleep(10);
    return index;
}

static IConnectionPoint *account_point(IFaxAccount *account, const IID *iid)
{
    IConnectionPointContainer *container = NULL;
    IConnectionPoint *point = NULL;
    HRESULT hr = IFaxAccount_QueryInterface(account, &IID_IConnectionPointContainer, (void **)&container);

    ok(hr == S_OK, "IConnectionPointContainer: %#lx\n", hr);
    if (container)
    {
        IConnectionPointContainer_FindConnectionPoint(container, iid, &point);
        IConnectionPointContainer_Release(container);
    }
    return point;
}

static DWORD advise(IFaxAccount *account, struct sink *sink)
{
    IConnectionPoint *point = account_point(account, &DIID_IFaxAccountNotify);
    DWORD cookie = 0;
    HRESULT hr = point ? IConnectionPoint_Advise(point, (IUnknown *)&sink->IDispatch_iface, &cookie) : E_NOINTERFACE;

    ok(hr == S_OK, "Advise: %#lx\n", hr);
    if (point) IConnectionPoint_Release(point);
    return cookie;
}

static void unadvise(IFaxAccount *account, DWORD cookie)
{
    IConnectionPoint *point = account_point(account, &DIID_IFaxAccountNotify);
    HRESULT hr = point ? IConnectionPoint_Unadvise(point, cookie) : E_NOINTERFACE;

    ok(hr == S_OK, "Unadvise: %#lx\n", hr);
    if (point) IConnectionPoint_Release(point);
}

/* ---- helpers ---- */

static IFaxAccountSet *get_account_set(IFaxServer2 *server)
{
    IFaxAccountSet *set = NULL;
    HRESULT hr = IFaxServer2_get_FaxAccountSet(server, &set);

    ok(hr == S_OK && set, "FaxAccountSet: %#lx\n", hr);
    return set;
}

static IFaxAccount *get_account(IFaxServer2 *server, const WCHAR *name)
{
    IFaxAccountSet *set = get_account_set(server);
    IFaxAccount *account = NULL;
    BSTR text = name ? SysAllocString(name) : NULL;
    HRESULT hr = set ? IFaxAccountSet_GetAccount(set, text, &account) : E_FAIL;

    ok(hr == S_OK && account, "GetAccount(%s): %#lx\n", wine_dbgstr_w(name), hr);
    SysFreeString(text);
    if (set) IFaxAccountSet_Release(set);
    return account;
}

static void check_name(IFaxAccount *account, const WCHAR *expected)
{
    BSTR name = NULL;
    HRESULT hr = IFaxAccount_get_AccountName(account, &name);

    ok(hr == S_OK && name && !lstrcmpW(name, expected), "AccountName: %#lx, %s, not %s\n", hr, wine_dbgstr_w(name),
       wine_dbgstr_w(expected));
    SysFreeString(name);
}

static HRESULT add_account(IFaxAccountSet *set, const WCHAR *name, IFaxAccount **account)
{
    BSTR text = name ? SysAllocString(name) : NULL;
    HRESULT hr = IFaxAccountSet_AddAccount(set, text, account);

    SysFreeString(text);
    return hr;
}

static HRESULT remove_account(IFaxAccountSet *set, const WCHAR *name)
{
    BSTR text = name ? SysAllocString(name) : NULL;
    HRESULT hr = IFaxAccountSet_RemoveAccount(set, text);

    SysFreeString(text);
    return hr;
}

static HRESULT lookup(IFaxAccountSet *set, const WCHAR *name, IFaxAccount **account)
{
    BSTR text = name ? SysAllocString(name) : NULL;
    HRESULT hr = IFaxAccountSet_GetAccount(set, text, account);

    SysFreeString(text);
    return hr;
}

static LONG account_count(IFaxAccountSet *set)
{
    IFaxAccounts *accounts = NULL;
    LONG count = -1;
    HRESULT hr = IFaxAccountSet_GetAccounts(set, &accounts);

    ok(hr == S_OK, "GetAccounts: %#lx\n", hr);
    if (accounts)
    {
        ok(IFaxAccounts_get_Count(accounts, &count) == S_OK, "Count failed\n");
        IFaxAccounts_Release(accounts);
    }
    return count;
}

static BOOL has_account(IFaxAccountSet *set, const WCHAR *name)
{
    IFaxAccount *account = NULL;
    HRESULT hr = lookup(set, name, &account);

    if (account) IFaxAccount_Release(account);
    return hr == S_OK;
}

static IFaxAccountFolders *get_account_folders(IFaxAccount *account)
{
    IFaxAccountFolders *folders = NULL;
    HRESULT hr = IFaxAccount_get_Folders(account, &folders);

    ok(hr == S_OK && folders, "Folders: %#lx\n", hr);
    return folders;
}

static void id_text(ULONGLONG id, WCHAR text[17])
{
    swprintf(text, 17, L"%016I64X", id);
}

/* ---- no account yet ---- */

static void test_no_account(IFaxServer2 *server)
{
    IFaxAccount *account = (IFaxAccount *)1;
    IFaxAccountSet *set;
    HRESULT hr;

    hr = IFaxServer2_get_CurrentAccount(server, &account);
    ok(hr == NO_SUCH_USER && !account && last_error_has(L"no fax account"), "CurrentAccount: %#lx\n", hr);
    hr = IFaxServer2_get_CurrentAccount(server, NULL);
    ok(hr == E_POINTER, "CurrentAccount(NULL): %#lx\n", hr);
    hr = IFaxServer2_get_FaxAccountSet(server, NULL);
    ok(hr == E_POINTER, "FaxAccountSet(NULL): %#lx\n", hr);
    if (!(set = get_account_set(server))) return;
    ok(object_is_class((IUnknown *)set, &CLSID_FaxAccountSet, &IID_IFaxAccountSet), "not a FaxAccountSet\n");
    ok(account_count(set) == 0, "accounts before any was added\n");
    account = (IFaxAccount *)1;
    hr = lookup(set, NULL, &account);
    ok(hr == NO_SUCH_USER && !account, "GetAccount(NULL): %#lx\n", hr);
    hr = lookup(set, L"", &account);
    ok(hr == NO_SUCH_USER && !account, "GetAccount(\"\"): %#lx\n", hr);
    IFaxAccountSet_Release(set);
}

/* ---- FaxAccountSet and FaxAccounts ---- */

static void test_bad_names(IFaxAccountSet *set)
{
    static const WCHAR * const bad[] =
    {
        NULL, L"", L" leading", L"trailing ", L"a/b", L"a:b", L"a*b", L"a?b", L"a<b>", L"a|b", L"a\"b", L"a;b",
        L"a\\b\\c", L"\\user", L"domain\\", L"tab\tname",
    };
    WCHAR huge[FXS_MAX_ACCOUNT_NAME + 2], long_user[300];
    IFaxAccount *account;
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < ARRAY_SIZE(bad); i++)
    {
        account = (IFaxAccount *)1;
        hr = add_account(set, bad[i], &account);
        ok(hr == BAD_NAME && !account && last_error_has(L"not a user name"), "AddAccount(%s): %#lx\n",
           wine_dbgstr_w(bad[i]), hr);
        if (!bad[i] || !bad[i][0]) continue;   /* GetAccount's NULL and "" are the current user */
        hr = lookup(set, bad[i], &account);
        ok(hr == BAD_NAME && !account, "GetAccount(%s): %#lx\n", wine_dbgstr_w(bad[i]), hr);
        hr = remove_account(set, bad[i]);
        ok(hr == BAD_NAME, "RemoveAccount(%s): %#lx\n", wine_dbgstr_w(bad[i]), hr);
    }
    hr = remove_account(set, NULL);
    ok(hr == BAD_NAME, "RemoveAccount(NULL): %#lx\n", hr);
    for (i = 0; i < ARRAY_SIZE(huge) - 1; i++) huge[i] = 'h';
    huge[i] = 0;
    hr = add_account(set, huge, &account);
    ok(hr == BAD_NAME, "AddAccount(%u characters): %#lx\n", i, hr);
    for (i = 0; i < 257; i++) long_user[i] = 'u';
    long_user[i] = 0;
    hr = add_account(set, long_user, &account);
    ok(hr == BAD_NAME, "AddAccount(a user of 257 characters): %#lx\n", hr);
    ok(account_count(set) == 0, "a bad name was added\n");
}

static void test_accounts_collection(IFaxAccountSet *set)
{
    IFaxAccounts *accounts = NULL;
    IFaxAccount *account;
    IEnumVARIANT *items;
    IUnknown *unknown = NULL;
    VARIANT index, item;
    ULONG fetched;
    LONG count = 0, seen = 0;
    HRESULT hr;

    hr = IFaxAccountSet_GetAccounts(set, &accounts);
    ok(hr == S_OK && accounts, "GetAccounts: %#lx\n", hr);
    if (!accounts) return;
    ok(object_is_class((IUnknown *)accounts, &CLSID_FaxAccounts, &IID_IFaxAccounts), "not a FaxAccounts\n");
    ok(IFaxAccounts_get_Count(accounts, &count) == S_OK && count == 3, "Count %ld\n", count);
    ok(IFaxAccounts_get_Count(accounts, NULL) == E_POINTER, "Count(NULL)\n");

    index = variant_i4(1);
    account = NULL;
    hr = IFaxAccounts_get_Item(accounts, index, &account);
    ok(hr == S_OK && account, "Item(1): %#lx\n", hr);
    if (account)
    {
        check_name(account, user);
        IFaxAccount_Release(account);
    }
    index = variant_text(L"OTHER.user");
    account = NULL;
    hr = IFaxAccounts_get_Item(accounts, index, &account);
    ok(hr == S_OK && account, "Item(\"OTHER.user\"): %#lx\n", hr);
    if (account)
    {
        check_name(account, L"other.user");
        IFaxAccount_Release(account);
    }
    VariantClear(&index);
    index = variant_text(L"nobody");
    hr = IFaxAccounts_get_Item(accounts, index, &account);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_FOUND) && !account, "Item(\"nobody\"): %#lx\n", hr);
    VariantClear(&index);
    hr = IFaxAccounts_get_Item(accounts, variant_i4(0), &account);
    ok(hr == E_INVALIDARG && !account && last_error_has(L"numbered from 1"), "Item(0): %#lx\n", hr);
    hr = IFaxAccounts_get_Item(accounts, variant_i4(4), &account);
    ok(hr == E_INVALIDARG && !account, "Item(Count + 1): %#lx\n", hr);
    V_VT(&index) = VT_DISPATCH;
    V_DISPATCH(&index) = (IDispatch *)accounts;
    hr = IFaxAccounts_get_Item(accounts, index, &account);
    ok(hr == DISP_E_TYPEMISMATCH && !account, "Item(an object): %#lx\n", hr);
    V_VT(&index) = VT_EMPTY;
    hr = IFaxAccounts_get_Item(accounts, index, &account);
    ok(hr == DISP_E_TYPEMISMATCH, "Item(VT_EMPTY): %#lx\n", hr);
    hr = IFaxAccounts_get_Item(accounts, variant_i4(1), NULL);
    ok(hr == E_POINTER, "Item(NULL): %#lx\n", hr);
    ok(IFaxAccounts_get__NewEnum(accounts, NULL) == E_POINTER, "_NewEnum(NULL)\n");

    /* For Each */
    hr = IFaxAccounts_get__NewEnum(accounts, &unknown);
    ok(hr == S_OK && unknown, "_NewEnum: %#lx\n", hr);
    if (unknown && SUCCEEDED(IUnknown_QueryInterface(unknown, &IID_IEnumVARIANT, (void **)&items)))
    {
        while (IEnumVARIANT_Next(items, 1, &item, &fetched) == S_OK && fetched == 1)
        {
            ok(V_VT(&item) == VT_DISPATCH, "item of type %d\n", V_VT(&item));
            if (V_VT(&item) == VT_DISPATCH &&
                SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&item), &IID_IFaxAccount, (void **)&account)))
            {
                seen++;
                IFaxAccount_Release(account);
            }
            VariantClear(&item);
        }
        IEnumVARIANT_Release(items);
    }
    if (unknown) IUnknown_Release(unknown);
    ok(seen == 3, "For Each saw %ld accounts\n", seen);

    /* Late bound, as a script: accounts.Count, accounts.Item(2), accounts(3) */
    check_read_only_long((IDispatch *)accounts, L"Count", 3);
    {
        VARIANT arg = variant_i4(2), result;
        hr = invoke_by_name((IDispatch *)accounts, L"Item", DISPATCH_PROPERTYGET, &arg, 1, &result);
        ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "Item(2) by name: %#lx\n", hr);
        VariantClear(&result);
        arg = variant_text(L"no such account");
        hr = invoke_by_name((IDispatch *)accounts, L"Item", DISPATCH_PROPERTYGET, &arg, 1, &result);
        ok(hr == DISP_E_EXCEPTION, "Item(\"no such account\") by name: %#lx\n", hr);
        VariantClear(&arg);
    }
    IFaxAccounts_Release(accounts);
}

static void test_account_set(IFaxServer2 *server)
{
    IFaxAccountSet *set = get_account_set(server);
    IFaxAccount *account = NULL, *again = NULL;
    WCHAR upper[FXS_MAX_ACCOUNT_NAME + 1], computer[MAX_COMPUTERNAME_LENGTH + 1], local[FXS_MAX_ACCOUNT_NAME + 32];
    DWORD size = ARRAY_SIZE(computer);
    HRESULT hr;

    if (!set) return;
    test_bad_names(set);

    hr = add_account(set, user, &account);
    ok(hr == S_OK && account, "AddAccount(%s): %#lx\n", wine_dbgstr_w(user), hr);
    if (account)
    {
        check_name(account, user);
        ok(IFaxAccount_get_AccountName(account, NULL) == E_POINTER, "AccountName(NULL)\n");
        IFaxAccount_Release(account);
    }
    lstrcpyW(upper, user);
    CharUpperW(upper);
    account = (IFaxAccount *)1;
    hr = add_account(set, upper, &account);
    ok(hr == USER_EXISTS && !account && last_error_has(L"already has an account"), "AddAccount again: %#lx\n", hr);
    hr = add_account(set, L"other.user", NULL);
    ok(hr == E_POINTER, "AddAccount(name, NULL): %#lx\n", hr);
    hr = add_account(set, L"other.user", &account);
    ok(hr == S_OK && account, "AddAccount(\"other.user\"): %#lx\n", hr);
    if (account) IFaxAccount_Release(account);
    /* The local machine's name as the domain means a local user: kept without it. */
    GetComputerNameW(computer, &size);
    swprintf(local, ARRAY_SIZE(local), L"%ls\\Third", computer);
    hr = add_account(set, local, &account);
    ok(hr == S_OK && account, "AddAccount(%s): %#lx\n", wine_dbgstr_w(local), hr);
    if (account)
    {
        check_name(account, L"Third");
        IFaxAccount_Release(account);
    }
    hr = add_account(set, L".\\third", &account);
    ok(hr == USER_EXISTS, "AddAccount(\".\\third\"): %#lx\n", hr);

    /* GetAccount: by name, ignoring case; NULL and "" are the current user's. */
    hr = lookup(set, L"OTHER.USER", &account);
    ok(hr == S_OK && account, "GetAccount(\"OTHER.USER\"): %#lx\n", hr);
    if (account)
    {
        check_name(account, L"other.user");
        IFaxAccount_Release(account);
    }
    hr = lookup(set, NULL, &account);
    ok(hr == S_OK && account, "GetAccount(NULL): %#lx\n", hr);
    hr = IFaxServer2_get_CurrentAccount(server, &again);
    ok(hr == S_OK && again, "CurrentAccount: %#lx\n", hr);
    if (account && again)
    {
        check_name(account, user);
        check_name(again, user);
    }
    if (account) IFaxAccount_Release(account);
    if (again) IFaxAccount_Release(again);
    hr = lookup(set, L"nobody", &account);
    ok(hr == NO_SUCH_USER && !account && last_error_has(L"nobody"), "GetAccount(\"nobody\"): %#lx\n", hr);
    hr = lookup(set, L"x", NULL);
    ok(hr == E_POINTER, "GetAccount(name, NULL): %#lx\n", hr);
    hr = remove_account(set, L"nobody");
    ok(hr == NO_SUCH_USER && last_error_has(L"nobody"), "RemoveAccount(\"nobody\"): %#lx\n", hr);
    ok(IFaxAccountSet_GetAccounts(set, NULL) == E_POINTER, "GetAccounts(NULL)\n");

    test_accounts_collection(set);
    IFaxAccountSet_Release(set);
}

/* The class facts of a FaxAccount: its coclass, IFaxAccountNotify its default source. */
static void test_account_class(IFaxAccount *account)
{
    IProvideClassInfo2 *info = NULL;
    ITypeInfo *typeinfo = NULL;
    TYPEATTR *attr = NULL;
    IConnectionPoint *point;
    GUID source = { 0 };
    FAX_ACCOUNT_EVENTS_TYPE_ENUM events = -1;
    HRESULT hr;

    hr = IFaxAccount_QueryInterface(account, &IID_IProvideClassInfo2, (void **)&info);
    ok(hr == S_OK, "IProvideClassInfo2: %#lx\n", hr);
    if (info)
    {
        ok(IProvideClassInfo2_GetGUID(info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &source) == S_OK &&
           IsEqualGUID(&source, &DIID_IFaxAccountNotify), "default source %s\n", wine_dbgstr_guid(&source));
        if (IProvideClassInfo2_GetClassInfo(info, &typeinfo) == S_OK && ITypeInfo_GetTypeAttr(typeinfo, &attr) == S_OK)
        {
            ok(IsEqualGUID(&attr->guid, &CLSID_FaxAccount), "class %s\n", wine_dbgstr_guid(&attr->guid));
            ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
        }
        if (typeinfo) ITypeInfo_Release(typeinfo);
        IProvideClassInfo2_Release(info);
    }
    point = account_point(account, &DIID_IFaxServerNotify2);
    ok(!point, "a FaxAccount has the server's connection point\n");
    if (point) IConnectionPoint_Release(point);
    ok(IFaxAccount_get_RegisteredEvents(account, &events) == S_OK && events == faetNONE, "RegisteredEvents %#x\n",
       events);
    ok(IFaxAccount_get_RegisteredEvents(account, NULL) == E_POINTER, "RegisteredEvents(NULL)\n");
    ok(IFaxAccount_get_Folders(account, NULL) == E_POINTER, "Folders(NULL)\n");
    hr = IFaxAccount_ListenToAccountEvents(account, 0x20);
    ok(hr == E_INVALIDARG && last_error_has(L"FAX_ACCOUNT_EVENTS_TYPE_ENUM"), "ListenToAccountEvents(0x20): %#lx\n", hr);
    hr = IFaxAccount_ListenToAccountEvents(account, 0xffffffff);
    ok(hr == E_INVALIDARG, "ListenToAccountEvents(~0): %#lx\n", hr);
}

/* Every member late bound, as VB and scripts call them, with wrong argument types refused. */
static void test_by_name(IFaxServer2 *server)
{
    VARIANT set_v, account_v, folders_v, result, arg;
    HRESULT hr;

    hr = get_by_name((IDispatch *)server, L"FaxAccountSet", &set_v);
    ok(hr == S_OK && V_VT(&set_v) == VT_DISPATCH, "FaxAccountSet by name: %#lx\n", hr);
    if (hr != S_OK) return;
    hr = invoke_by_name(V_DISPATCH(&set_v), L"GetAccounts", DISPATCH_METHOD, NULL, 0, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "GetAccounts by name: %#lx\n", hr);
    VariantClear(&result);
    arg = variant_text(L"other.user");
    hr = invoke_by_name(V_DISPATCH(&set_v), L"GetAccount", DISPATCH_METHOD, &arg, 1, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "GetAccount by name: %#lx\n", hr);
    VariantClear(&result);
    VariantClear(&arg);
    V_VT(&arg) = VT_DISPATCH;
    V_DISPATCH(&arg) = V_DISPATCH(&set_v);
    hr = invoke_by_name(V_DISPATCH(&set_v), L"GetAccount", DISPATCH_METHOD, &arg, 1, &result);
    ok(hr == DISP_E_TYPEMISMATCH, "GetAccount(an object) by name: %#lx\n", hr);
    hr = invoke_by_name(V_DISPATCH(&set_v), L"AddAccount", DISPATCH_METHOD, &arg, 1, &result);
    ok(hr == DISP_E_TYPEMISMATCH, "AddAccount(an object) by name: %#lx\n", hr);
    hr = invoke_by_name(V_DISPATCH(&set_v), L"RemoveAccount", DISPATCH_METHOD, &arg, 1, &result);
    ok(hr == DISP_E_TYPEMISMATCH, "RemoveAccount(an object) by name: %#lx\n", hr);
    arg = variant_text(L"by.script");
    hr = invoke_by_name(V_DISPATCH(&set_v), L"AddAccount", DISPATCH_METHOD, &arg, 1, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "AddAccount by name: %#lx\n", hr);
    VariantClear(&result);
    hr = invoke_by_name(V_DISPATCH(&set_v), L"AddAccount", DISPATCH_METHOD, &arg, 1, &result);
    ok(hr == DISP_E_EXCEPTION, "AddAccount again by name: %#lx\n", hr);
    hr = invoke_by_name(V_DISPATCH(&set_v), L"RemoveAccount", DISPATCH_METHOD, &arg, 1, &result);
    ok(hr == S_OK, "RemoveAccount by name: %#lx\n", hr);
    VariantClear(&arg);
    VariantClear(&set_v);

    hr = get_by_name((IDispatch *)server, L"CurrentAccount", &account_v);
    ok(hr == S_OK && V_VT(&account_v) == VT_DISPATCH, "CurrentAccount by name: %#lx\n", hr);
    if (hr != S_OK) return;
    hr = get_by_name(V_DISPATCH(&account_v), L"AccountName", &result);
    ok(hr == S_OK && V_VT(&result) == VT_BSTR && !lstrcmpW(V_BSTR(&result), user), "AccountName by name: %#lx\n", hr);
    VariantClear(&result);
    hr = put_by_name(V_DISPATCH(&account_v), L"AccountName", variant_i4(1));
    ok(hr == DISP_E_MEMBERNOTFOUND, "put AccountName by name: %#lx\n", hr);
    arg = variant_i4(faetOUT_QUEUE);
    hr = invoke_by_name(V_DISPATCH(&account_v), L"ListenToAccountEvents", DISPATCH_METHOD, &arg, 1, NULL);
    ok(hr == S_OK, "ListenToAccountEvents by name: %#lx\n", hr);
    check_read_only_long(V_DISPATCH(&account_v), L"RegisteredEvents", faetOUT_QUEUE);
    arg = variant_text(L"all of them");
    hr = invoke_by_name(V_DISPATCH(&account_v), L"ListenToAccountEvents", DISPATCH_METHOD, &arg, 1, NULL);
    ok(hr == DISP_E_TYPEMISMATCH, "ListenToAccountEvents(\"all of them\") by name: %#lx\n", hr);
    VariantClear(&arg);
    arg = variant_i4(0);
    hr = invoke_by_name(V_DISPATCH(&account_v), L"ListenToAccountEvents", DISPATCH_METHOD, &arg, 1, NULL);
    ok(hr == S_OK, "ListenToAccountEvents(0) by name: %#lx\n", hr);

    hr = get_by_name(V_DISPATCH(&account_v), L"Folders", &folders_v);
    ok(hr == S_OK && V_VT(&folders_v) == VT_DISPATCH, "Folders by name: %#lx\n", hr);
    if (hr == S_OK)
    {
        static const WCHAR * const names[] = { L"OutgoingQueue", L"IncomingQueue", L"IncomingArchive", L"OutgoingArchive" };
        unsigned int i;

        for (i = 0; i < ARRAY_SIZE(names); i++)
        {
            VARIANT folder;
            hr = get_by_name(V_DISPATCH(&folders_v), names[i], &folder);
            ok(hr == S_OK && V_VT(&folder) == VT_DISPATCH, "%s by name: %#lx\n", wine_dbgstr_w(names[i]), hr);
            if (hr != S_OK) continue;
            if (i < 2)
            {
                hr = invoke_by_name(V_DISPATCH(&folder), L"GetJobs", DISPATCH_METHOD, NULL, 0, &result);
                ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "GetJobs by name: %#lx\n", hr);
                VariantClear(&result);
                arg = variant_text(L"0000000000000FFF");
                hr = invoke_by_name(V_DISPATCH(&folder), L"GetJob", DISPATCH_METHOD, &arg, 1, &result);
                ok(hr == DISP_E_EXCEPTION, "GetJob(unknown id) by name: %#lx\n", hr);
                VariantClear(&arg);
            }
            else
            {
                LONG low = -1;
                hr = get_by_name(V_DISPATCH(&folder), L"SizeLow", &result);
                ok(hr == S_OK && V_VT(&result) == VT_I4, "SizeLow by name: %#lx\n", hr);
                low = V_I4(&result);
                check_read_only_long(V_DISPATCH(&folder), L"SizeLow", low);
                check_read_only_long(V_DISPATCH(&folder), L"SizeHigh", 0);
                hr = invoke_by_name(V_DISPATCH(&folder), L"Refresh", DISPATCH_METHOD, NULL, 0, NULL);
                ok(hr == S_OK, "Refresh by name: %#lx\n", hr);
                hr = invoke_by_name(V_DISPATCH(&folder), L"GetMessages", DISPATCH_METHOD, NULL, 0, &result);
                ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "GetMessages() by name: %#lx\n", hr);
                VariantClear(&result);
                arg = variant_text(L"many");
                hr = invoke_by_name(V_DISPATCH(&folder), L"GetMessages", DISPATCH_METHOD, &arg, 1, &result);
                ok(hr == DISP_E_TYPEMISMATCH, "GetMessages(\"many\") by name: %#lx\n", hr);
                VariantClear(&arg);
                arg = variant_i4(0);
                hr = invoke_by_name(V_DISPATCH(&folder), L"GetMessages", DISPATCH_METHOD, &arg, 1, &result);
                ok(hr == DISP_E_EXCEPTION, "GetMessages(0) by name: %#lx\n", hr);
                arg = variant_text(L"not an id");
                hr = invoke_by_name(V_DISPATCH(&folder), L"GetMessage", DISPATCH_METHOD, &arg, 1, &result);
                ok(hr == DISP_E_EXCEPTION, "GetMessage(\"not an id\") by name: %#lx\n", hr);
                VariantClear(&arg);
            }
            VariantClear(&folder);
        }
        VariantClear(&folders_v);
    }
    VariantClear(&account_v);
}

/* A session without farMANAGE_CONFIG (nor farQUERY_CONFIG) may look at its own account only. */
static void test_restricted_session(IFaxServer2 *admin)
{
    IFaxSecurity *security = NULL;
    IFaxAccountSet *set;
    IFaxAccount *account = NULL;
    IFaxServer2 *restricted;
    WCHAR sddl[256], sid[128];
    VARIANT v;
    HRESULT hr;

    if (!user_sid(sid, ARRAY_SIZE(sid)) || IFaxServer2_get_Security(admin, &security) != S_OK) return;
    /* Submit, and look at the jobs and archives. */
    swprintf(sddl, ARRAY_SIZE(sddl), L"O:BAG:BAD:(A;;0x%x;;;%ls)",
             farSUBMIT_LOW | farSUBMIT_NORMAL | farSUBMIT_HIGH | farQUERY_JOBS | farQUERY_IN_ARCHIVE |
             farQUERY_OUT_ARCHIVE, sid);
    v = descriptor_variant(sddl);
    ok(IFaxSecurity_put_Descriptor(security, v) == S_OK && IFaxSecurity_Save(security) == S_OK, "restricting failed\n");
    VariantClear(&v);

    if ((restricted = connected_server()) && (set = get_account_set(restricted)))
    {
        hr = add_account(set, L"not.allowed", &account);
        ok(hr == E_ACCESSDENIED && !account && last_error_has(L"does not allow"), "AddAccount: %#lx\n", hr);
        hr = remove_account(set, L"other.user");
        ok(hr == E_ACCESSDENIED, "RemoveAccount: %#lx\n", hr);
        hr = remove_account(set, user);
        ok(hr == E_ACCESSDENIED, "RemoveAccount of its own: %#lx\n", hr);
        hr = lookup(set, L"other.user", &account);
        ok(hr == E_ACCESSDENIED && !account, "GetAccount of another user: %#lx\n", hr);
        hr = IFaxAccountSet_GetAccounts(set, (IFaxAccounts **)&account);
        ok(hr == E_ACCESSDENIED && !account, "GetAccounts: %#lx\n", hr);
        hr = IFaxServer2_get_CurrentAccount(restricted, &account);
        ok(hr == S_OK && account, "CurrentAccount: %#lx\n", hr);
        if (account)
        {
            check_name(account, user);
            hr = IFaxAccount_ListenToAccountEvents(account, faetOUT_QUEUE | faetOUT_ARCHIVE);
            ok(hr == S_OK, "ListenToAccountEvents of its own: %#lx\n", hr);
            IFaxAccount_Release(account);
        }
        IFaxAccountSet_Release(set);
    }
    if (restricted)
    {
        IFaxServer2_Disconnect(restricted);
        IFaxServer2_Release(restricted);
    }
    v = descriptor_variant(L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)");
    ok(IFaxSecurity_put_Descriptor(security, v) == S_OK && IFaxSecurity_Save(security) == S_OK, "restoring failed\n");
    VariantClear(&v);
    IFaxSecurity_Release(security);
}

/* ---- events and folders ---- */

/* Sends a fax from virtual device 1 to device 2 (number 1002) over the test's own session (this
 * user's), and waits until both ends are archived. */
static BOOL send_fax(struct fxs_link *link, ULONGLONG *out_id, ULONGLONG *in_id)
{
    struct event_log log = { 0 };
    int in;

    *in_id = 0;
    if (submit_fax(link, L"1002", 1, out_id)) return FALSE;
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, *out_id), "the fax was not sent\n");
    ok(wait_for(link, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "the fax was not received\n");
    if ((in = find_event(&log, 0, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0)) >= 0) *in_id = log.events[in].job_id;
    log_free(&log);
    return *in_id != 0;
}

struct listening
{
    IFaxAccount *account;
    struct sink *sink;
    DWORD cookie;
    FAX_ACCOUNT_EVENTS_TYPE_ENUM mask;
};

static void listen_start(struct listening *l, IFaxServer2 *server, const WCHAR *name, FAX_ACCOUNT_EVENTS_TYPE_ENUM mask)
{
    FAX_ACCOUNT_EVENTS_TYPE_ENUM registered = -1;
    HRESULT hr;

    l->mask = mask;
    l->sink = sink_new();
    if (!(l->account = get_account(server, name))) return;
    l->cookie = advise(l->account, l->sink);
    hr = IFaxAccount_ListenToAccountEvents(l->account, mask);
    ok(hr == S_OK, "ListenToAccountEvents(%#x): %#lx\n", mask, hr);
    ok(IFaxAccount_get_RegisteredEvents(l->account, &registered) == S_OK && registered == mask,
       "RegisteredEvents %#x, not %#x\n", registered, mask);
}

static void listen_end(struct listening *l)
{
    if (l->account)
    {
        unadvise(l->account, l->cookie);
        IFaxAccount_Release(l->account);
    }
    free(l->sink);
}

/* Each call a sink got: an event its mask enables, with its arguments, the account first. */
static void check_calls(struct listening *l, const char *what)
{
    IUnknown *identity = NULL;
    LONG i, count = min(l->sink->count, MAX_RECORDED);

    if (l->account) IFaxAccount_QueryInterface(l->account, &IID_IUnknown, (void **)&identity);
    for (i = 0; i < count; i++)
    {
        struct recorded *call = &l->sink->calls[i];
        ok(call->shape_ok, "%s: call %ld (DISPID %ld) has the wrong arguments\n", what, i, call->dispid);
        if (!call->shape_ok) continue;
        ok(l->mask & event_flags[call->dispid - 1], "%s: DISPID %ld came with the mask %#x\n", what, call->dispid,
           l->mask);
        if (call->dispid != SERVER_SHUT_DOWN)
            ok(call->first == identity, "%s: DISPID %ld's first argument is not the account\n", what, call->dispid);
        if (call->dispid == IN_MESSAGE_ADDED || call->dispid == IN_MESSAGE_REMOVED)
            ok(call->flag == VARIANT_TRUE, "%s: the receive-folder flag of DISPID %ld is %ld\n", what, call->dispid,
               call->flag);
    }
    if (identity) IUnknown_Release(identity);
}

static LONG count_dispid(struct sink *sink, DISPID dispid)
{
    LONG i, n = 0, count = min(sink->count, MAX_RECORDED);
    for (i = 0; i < count; i++) n += sink->calls[i].recorded && sink->calls[i].dispid == dispid;
    return n;
}

/* One fax sent and received: the account that sent it hears all of it, each flag alone only its
 * events, another account only the received fax (the receive folder is everyone's), no flag
 * nothing. */
static void test_events(IFaxServer2 *server, struct fxs_link *link, struct listening *ended)
{
    static const FAX_ACCOUNT_EVENTS_TYPE_ENUM flags[] = { faetIN_QUEUE, faetOUT_QUEUE, faetIN_ARCHIVE, faetOUT_ARCHIVE };
    struct listening all, other, none, alone[ARRAY_SIZE(flags)];
    ULONGLONG out_id, in_id;
    WCHAR out_text[17], in_text[17];
    unsigned int i;
    int index;

    listen_start(&all, server, user, faetIN_QUEUE | faetOUT_QUEUE | faetIN_ARCHIVE | faetOUT_ARCHIVE);
    listen_start(&other, server, L"other.user", faetIN_QUEUE | faetOUT_QUEUE | faetIN_ARCHIVE | faetOUT_ARCHIVE);
    listen_start(&none, server, user, faetNONE);
    for (i = 0; i < ARRAY_SIZE(flags); i++) listen_start(&alone[i], server, user, flags[i]);

    if (send_fax(link, &out_id, &in_id))
    {
        id_text(out_id, out_text);
        id_text(in_id, in_text);
        ok(sink_wait(all.sink, OUT_JOB_ADDED, out_text) >= 0, "no OnOutgoingJobAdded\n");
        ok(sink_wait(all.sink, OUT_JOB_CHANGED, out_text) >= 0, "no OnOutgoingJobChanged\n");
        ok(sink_wait(all.sink, OUT_JOB_REMOVED, out_text) >= 0, "no OnOutgoingJobRemoved\n");
        ok(sink_wait(all.sink, OUT_MESSAGE_ADDED, out_text) >= 0, "no OnOutgoingMessageAdded\n");
        ok(sink_wait(all.sink, IN_JOB_ADDED, in_text) >= 0, "no OnIncomingJobAdded\n");
        ok(sink_wait(all.sink, IN_JOB_CHANGED, in_text) >= 0, "no OnIncomingJobChanged\n");
        ok(sink_wait(all.sink, IN_JOB_REMOVED, in_text) >= 0, "no OnIncomingJobRemoved\n");
        index = sink_wait(all.sink, IN_MESSAGE_ADDED, in_text);
        ok(index >= 0, "no OnIncomingMessageAdded\n");
        if ((index = sink_find(all.sink, OUT_JOB_CHANGED, out_text)) >= 0)
            ok(all.sink->calls[index].status == fjsPENDING || all.sink->calls[index].status == fjsINPROGRESS,
               "the first status %#lx\n", all.sink->calls[index].status);
        /* The other account hears the received fax, never this user's outgoing one. */
        ok(sink_wait(other.sink, IN_MESSAGE_ADDED, in_text) >= 0, "the other account missed the received fax\n");
        for (i = 0; i < ARRAY_SIZE(flags); i++)
        {
            DISPID last = flags[i] == faetIN_QUEUE ? IN_JOB_REMOVED : flags[i] == faetOUT_QUEUE ? OUT_JOB_REMOVED
                        : flags[i] == faetIN_ARCHIVE ? IN_MESSAGE_ADDED : OUT_MESSAGE_ADDED;
            ok(sink_wait(alone[i].sink, last, NULL) >= 0, "flag %#x alone: no DISPID %ld\n", flags[i], last);
        }
        /* The last events of the fax are in: whatever else was coming has come. */
        Sleep(500);
        check_calls(&all, "all");
        check_calls(&other, "other account");
        for (i = 0; i < ARRAY_SIZE(flags); i++) check_calls(&alone[i], "one flag");
        ok(count_dispid(other.sink, OUT_JOB_ADDED) == 0 && count_dispid(other.sink, OUT_JOB_CHANGED) == 0 &&
           count_dispid(other.sink, OUT_MESSAGE_ADDED) == 0, "the other account heard this user's fax\n");
        ok(count_dispid(other.sink, IN_JOB_ADDED) == 1, "the other account: %ld OnIncomingJobAdded\n",
           count_dispid(other.sink, IN_JOB_ADDED));
        ok(none.sink->count == 0, "faetNONE: %ld calls\n", none.sink->count);
        ok(count_dispid(all.sink, OUT_JOB_ADDED) == 1, "%ld OnOutgoingJobAdded\n", count_dispid(all.sink, OUT_JOB_ADDED));

        /* Removing the messages: OnIncomingMessageRemoved (from the receive folder) and
         * OnOutgoingMessageRemoved. */
        ok(!fxs_rpc_delete_message(fxs_link_session(link), FXS_FOLDER_INCOMING_ARCHIVE, in_id), "deleting failed\n");
        ok(!fxs_rpc_delete_message(fxs_link_session(link), FXS_FOLDER_OUTGOING_ARCHIVE, out_id), "deleting failed\n");
        ok(sink_wait(all.sink, IN_MESSAGE_REMOVED, in_text) >= 0, "no OnIncomingMessageRemoved\n");
        ok(sink_wait(all.sink, OUT_MESSAGE_REMOVED, out_text) >= 0, "no OnOutgoingMessageRemoved\n");
        ok(sink_wait(other.sink, IN_MESSAGE_REMOVED, in_text) >= 0, "the other account: no OnIncomingMessageRemoved\n");
        ok(sink_wait(alone[2].sink, IN_MESSAGE_REMOVED, in_text) >= 0, "faetIN_ARCHIVE: no OnIncomingMessageRemoved\n");
        ok(sink_wait(alone[3].sink, OUT_MESSAGE_REMOVED, out_text) >= 0, "faetOUT_ARCHIVE: no OnOutgoingMessageRemoved\n");
        Sleep(300);
        check_calls(&all, "all, after deleting");
        check_calls(&other, "other account, after deleting");
        ok(count_dispid(other.sink, OUT_MESSAGE_REMOVED) == 0, "the other account heard this user's message go\n");
        for (i = 0; i < ARRAY_SIZE(flags); i++) check_calls(&alone[i], "one flag, after deleting");
        ok(none.sink->count == 0, "faetNONE: %ld calls\n", none.sink->count);
        trace("events: %ld to the account that sent, %ld to the other account\n", all.sink->count, other.sink->count);
    }
    /* Listening stops with 0: nothing more comes. */
    ok(IFaxAccount_ListenToAccountEvents(all.account, faetNONE) == S_OK, "ListenToAccountEvents(0) failed\n");
    listen_end(&all);
    listen_end(&other);
    listen_end(&none);
    for (i = 0; i < ARRAY_SIZE(flags); i++) listen_end(&alone[i]);

    /* One that stays for the service's end (its server stays connected). */
    listen_start(ended, server, user, faetFXSSVC_ENDED);
}

/* IFaxIncomingMessage2.ReAssign takes a received fax out of the receive folder: from then on it
 * is its recipients' only, and its removal says so (fRemovedFromReceiveFolder False). */
static void test_reassign(IFaxServer2 *server, struct fxs_link *link)
{
    fxs_message_update update = { FXS_MESSAGE_REASSIGN };
    struct listening mine, theirs;
    IFaxAccount *account;
    IFaxAccountFolders *folders;
    IFaxAccountIncomingArchive *archive;
    IFaxIncomingMessage *message;
    ULONGLONG out_id, in_id;
    WCHAR in_text[17];
    BSTR id;
    int index;
    HRESULT hr;

    listen_start(&mine, server, user, faetIN_ARCHIVE);
    listen_start(&theirs, server, L"other.user", faetIN_ARCHIVE);
    if (send_fax(link, &out_id, &in_id))
    {
        id_text(in_id, in_text);
        index = sink_wait(mine.sink, IN_MESSAGE_ADDED, in_text);
        ok(index >= 0 && mine.sink->calls[index].flag == VARIANT_TRUE, "OnIncomingMessageAdded: not to the receive folder\n");
        index = sink_wait(theirs.sink, IN_MESSAGE_ADDED, in_text);
        ok(index >= 0 && theirs.sink->calls[index].flag == VARIANT_TRUE, "the other account: not to the receive folder\n");

        /* To the other user, named with a domain, and to a user without an account. */
        update.recipients = (WCHAR *)L"SOMEDOMAIN\\Other.User; nobody";
        ok(!fxs_rpc_set_message(fxs_link_session(link), FXS_FOLDER_INCOMING_ARCHIVE, in_id, &update), "ReAssign failed\n");
        id = SysAllocString(in_text);
        if ((account = get_account(server, user)) && (folders = get_account_folders(account)))
        {
            ok(IFaxAccountFolders_get_IncomingArchive(folders, &archive) == S_OK, "IncomingArchive failed\n");
            message = (IFaxIncomingMessage *)1;
            hr = IFaxAccountIncomingArchive_GetMessage(archive, id, &message);
            ok(hr == FAX_E_MESSAGE_NOT_FOUND && !message, "a reassigned message in this user's archive: %#lx\n", hr);
            IFaxAccountIncomingArchive_Release(archive);
            IFaxAccountFolders_Release(folders);
        }
        if (account) IFaxAccount_Release(account);
        if ((account = get_account(server, L"other.user")) && (folders = get_account_folders(account)))
        {
            ok(IFaxAccountFolders_get_IncomingArchive(folders, &archive) == S_OK, "IncomingArchive failed\n");
            hr = IFaxAccountIncomingArchive_GetMessage(archive, id, &message);
            ok(hr == S_OK, "the reassigned message in its recipient's archive: %#lx\n", hr);
            if (hr == S_OK) IFaxIncomingMessage_Release(message);
            IFaxAccountIncomingArchive_Release(archive);
            IFaxAccountFolders_Release(folders);
        }
        if (account) IFaxAccount_Release(account);
        SysFreeString(id);

        ok(!fxs_rpc_delete_message(fxs_link_session(link), FXS_FOLDER_INCOMING_ARCHIVE, in_id), "deleting failed\n");
        index = sink_wait(theirs.sink, IN_MESSAGE_REMOVED, in_text);
        ok(index >= 0 && theirs.sink->calls[index].flag == VARIANT_FALSE,
           "OnIncomingMessageRemoved of a reassigned message: %d, flag %ld\n", index,
           index >= 0 ? theirs.sink->calls[index].flag : 0);
        Sleep(300);
        ok(sink_find(mine.sink, IN_MESSAGE_REMOVED, in_text) < 0, "this user heard of a message reassigned away\n");
    }
    listen_end(&mine);
    listen_end(&theirs);
}

/* ---- another process ---- */

static void child_event_name(WCHAR name[64], DWORD parent)
{
    swprintf(name, 64, L"fxscomex-accounts-ready-%lu", parent);
}

/* The child: listens to its user's account (from CurrentAccount) with a sink of its own, says it
 * is ready, and checks that it hears the parent's fax: its exit code counts its failures. */
static void child_main(DWORD parent)
{
    struct listening listening = { 0 };
    IFaxServer2 *server;
    WCHAR name[64];
    HANDLE ready;

    child_event_name(name, parent);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    ok(ready != NULL, "no event %s\n", wine_dbgstr_w(name));
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if ((server = connected_server()))
    {
        listen_start(&listening, server, NULL, faetIN_QUEUE | faetOUT_QUEUE | faetIN_ARCHIVE | faetOUT_ARCHIVE);
        if (ready) SetEvent(ready);
        ok(sink_wait(listening.sink, OUT_JOB_ADDED, NULL) >= 0, "child: no OnOutgoingJobAdded\n");
        ok(sink_wait(listening.sink, OUT_MESSAGE_ADDED, NULL) >= 0, "child: no OnOutgoingMessageAdded\n");
        ok(sink_wait(listening.sink, IN_MESSAGE_ADDED, NULL) >= 0, "child: no OnIncomingMessageAdded\n");
        check_calls(&listening, "child");
        trace("child: %ld events\n", listening.sink->count);
        listen_end(&listening);
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    CoUninitialize();
    if (ready) CloseHandle(ready);
}

/* Another process listening to this user's account hears the fax this one sends. */
static void test_other_process(struct fxs_link *link)
{
    ULONGLONG out_id, in_id;
    WCHAR name[64];
    DWORD code = 1;
    HANDLE ready, child;

    child_event_name(name, GetCurrentProcessId());
    ready = CreateEventW(NULL, TRUE, FALSE, name);
    if (!(child = start_self("child %lu", GetCurrentProcessId())))
    {
        ok(0, "the child did not start: %lu\n", GetLastError());
        CloseHandle(ready);
        return;
    }
    if (WaitForMultipleObjects(2, (HANDLE[]){ ready, child }, FALSE, 60000) == WAIT_OBJECT_0)
        send_fax(link, &out_id, &in_id);
    else ok(0, "the child did not start listening\n");
    ok(WaitForSingleObject(child, 120000) == WAIT_OBJECT_0, "the child did not end\n");
    GetExitCodeProcess(child, &code);
    ok(code == 0, "the child failed %lu tests\n", code);
    CloseHandle(child);
    CloseHandle(ready);
}

/* The folders of two accounts: this user's outgoing job and sent fax are in its own folders only;
 * the received fax is in both. */
static void test_folders(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxAccount *mine = get_account(server, user), *theirs = get_account(server, L"other.user");
    IFaxAccountFolders *my_folders = NULL, *their_folders = NULL;
    IFaxAccountOutgoingQueue *my_queue = NULL, *their_queue = NULL;
    IFaxAccountOutgoingArchive *my_archive = NULL, *their_archive = NULL;
    IFaxAccountIncomingArchive *my_inbox = NULL, *their_inbox = NULL;
    IFaxAccountIncomingQueue *incoming = NULL;
    IFaxOutgoingJobs *jobs = NULL;
    IFaxIncomingJobs *in_jobs = NULL;
    IFaxOutgoingJob *job = NULL;
    IFaxOutgoingMessage *message = NULL;
    IFaxIncomingMessage *in_message = NULL;
    IFaxOutgoingMessageIterator *iterator = NULL;
    IFaxIncomingMessageIterator *in_iterator = NULL;
    fxs_document doc = { 0 };
    ULONGLONG queued, out_id, in_id;
    WCHAR text[17];
    VARIANT_BOOL eof = VARIANT_FALSE;
    LONG count = -1, low = -1, high = -1;
    BSTR id;
    HRESULT hr;

    if (!mine || !theirs) goto done;
    test_account_class(mine);
    if (!(my_folders = get_account_folders(mine)) || !(their_folders = get_account_folders(theirs))) goto done;
    ok(object_is_class((IUnknown *)my_folders, &CLSID_FaxAccountFolders, &IID_IFaxAccountFolders), "folders class\n");
    ok(IFaxAccountFolders_get_OutgoingQueue(my_folders, NULL) == E_POINTER, "OutgoingQueue(NULL)\n");
    ok(IFaxAccountFolders_get_IncomingQueue(my_folders, NULL) == E_POINTER, "IncomingQueue(NULL)\n");
    ok(IFaxAccountFolders_get_IncomingArchive(my_folders, NULL) == E_POINTER, "IncomingArchive(NULL)\n");
    ok(IFaxAccountFolders_get_OutgoingArchive(my_folders, NULL) == E_POINTER, "OutgoingArchive(NULL)\n");
    ok(IFaxAccountFolders_get_OutgoingQueue(my_folders, &my_queue) == S_OK &&
       IFaxAccountFolders_get_OutgoingQueue(their_folders, &their_queue) == S_OK, "OutgoingQueue failed\n");
    if (!my_queue || !their_queue) goto done;
    ok(object_is_class((IUnknown *)my_queue, &CLSID_FaxAccountOutgoingQueue, &IID_IFaxAccountOutgoingQueue),
       "queue class\n");

    /* A job that waits in the queue. */
    schedule_far_ahead(&doc);
    if (submit_document(link, &doc, L"1002", L"Later", 1, &queued)) goto done;
    id_text(queued, text);
    id = SysAllocString(text);
    ok(IFaxAccountOutgoingQueue_GetJobs(my_queue, &jobs) == S_OK && jobs, "GetJobs failed\n");
    if (jobs)
    {
        ok(IFaxOutgoingJobs_get_Count(jobs, &count) == S_OK && count == 1, "my queue: %ld jobs\n", count);
        IFaxOutgoingJobs_Release(jobs);
        jobs = NULL;
    }
    ok(IFaxAccountOutgoingQueue_GetJobs(their_queue, &jobs) == S_OK && jobs, "GetJobs failed\n");
    if (jobs)
    {
        ok(IFaxOutgoingJobs_get_Count(jobs, &count) == S_OK && count == 0, "their queue: %ld jobs\n", count);
        IFaxOutgoingJobs_Release(jobs);
    }
    hr = IFaxAccountOutgoingQueue_GetJob(my_queue, id, &job);
    ok(hr == S_OK && job, "GetJob in my queue: %#lx\n", hr);
    if (job) IFaxOutgoingJob_Release(job);
    job = (IFaxOutgoingJob *)1;
    hr = IFaxAccountOutgoingQueue_GetJob(their_queue, id, &job);
    ok(hr == FAX_E_MESSAGE_NOT_FOUND && !job, "GetJob in their queue: %#lx\n", hr);
    hr = IFaxAccountOutgoingQueue_GetJob(my_queue, NULL, &job);
    ok(hr == E_INVALIDARG, "GetJob(NULL): %#lx\n", hr);
    hr = IFaxAccountOutgoingQueue_GetJob(my_queue, id, NULL);
    ok(hr == E_POINTER, "GetJob(id, NULL): %#lx\n", hr);
    ok(IFaxAccountOutgoingQueue_GetJobs(my_queue, NULL) == E_POINTER, "GetJobs(NULL)\n");
    SysFreeString(id);
    ok(!fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, queued, FXS_JOB_CANCEL),
       "cancelling failed\n");

    /* The incoming queue is everyone's, and empty now. */
    ok(IFaxAccountFolders_get_IncomingQueue(my_folders, &incoming) == S_OK && incoming, "IncomingQueue failed\n");
    if (incoming)
    {
        ok(IFaxAccountIncomingQueue_GetJobs(incoming, &in_jobs) == S_OK && in_jobs, "GetJobs failed\n");
        if (in_jobs) IFaxIncomingJobs_Release(in_jobs);
        ok(IFaxAccountIncomingQueue_GetJobs(incoming, NULL) == E_POINTER, "GetJobs(NULL)\n");
        {
            IFaxIncomingJob *in_job = (IFaxIncomingJob *)1;
            BSTR unknown = SysAllocString(L"00000000000FFFFF");
            hr = IFaxAccountIncomingQueue_GetJob(incoming, unknown, &in_job);
            ok(hr == FAX_E_MESSAGE_NOT_FOUND && !in_job, "GetJob of an unknown id: %#lx\n", hr);
            ok(IFaxAccountIncomingQueue_GetJob(incoming, unknown, NULL) == E_POINTER, "GetJob(id, NULL)\n");
            SysFreeString(unknown);
        }
        IFaxAccountIncomingQueue_Release(incoming);
    }

    /* Archives */
    if (!send_fax(link, &out_id, &in_id)) goto done;
    ok(IFaxAccountFolders_get_OutgoingArchive(my_folders, &my_archive) == S_OK &&
       IFaxAccountFolders_get_OutgoingArchive(their_folders, &their_archive) == S_OK &&
       IFaxAccountFolders_get_IncomingArchive(my_folders, &my_inbox) == S_OK &&
       IFaxAccountFolders_get_IncomingArchive(their_folders, &their_inbox) == S_OK, "the archives failed\n");
    if (!my_archive || !their_archive || !my_inbox || !their_inbox) goto done;
    ok(object_is_class((IUnknown *)my_archive, &CLSID_FaxAccountOutgoingArchive, &IID_IFaxAccountOutgoingArchive),
       "archive class\n");
    ok(IFaxAccountOutgoingArchive_get_SizeLow(my_archive, &low) == S_OK && low > 0, "my SizeLow %ld\n", low);
    ok(IFaxAccountOutgoingArchive_get_SizeHigh(my_archive, &high) == S_OK && high == 0, "my SizeHigh %ld\n", high);
    ok(IFaxAccountOutgoingArchive_get_SizeLow(their_archive, &low) == S_OK && low == 0, "their SizeLow %ld\n", low);
    ok(IFaxAccountIncomingArchive_get_SizeLow(their_inbox, &low) == S_OK && low > 0, "their inbox SizeLow %ld\n", low);
    ok(IFaxAccountIncomingArchive_Refresh(their_inbox) == S_OK, "Refresh of the incoming archive failed\n");
    ok(IFaxAccountIncomingArchive_get_SizeHigh(their_inbox, &high) == S_OK && high == 0, "their inbox SizeHigh %ld\n",
       high);
    ok(IFaxAccountIncomingArchive_get_SizeLow(their_inbox, NULL) == E_POINTER, "SizeLow(NULL)\n");
    ok(IFaxAccountIncomingArchive_GetMessages(their_inbox, 1, NULL) == E_POINTER, "GetMessages(1, NULL)\n");
    ok(IFaxAccountOutgoingArchive_get_SizeLow(my_archive, NULL) == E_POINTER, "SizeLow(NULL)\n");
    ok(IFaxAccountOutgoingArchive_get_SizeHigh(my_archive, NULL) == E_POINTER, "SizeHigh(NULL)\n");
    ok(IFaxAccountOutgoingArchive_Refresh(my_archive) == S_OK, "Refresh failed\n");

    id_text(out_id, text);
    id = SysAllocString(text);
    hr = IFaxAccountOutgoingArchive_GetMessage(my_archive, id, &message);
    ok(hr == S_OK && message, "GetMessage in my archive: %#lx\n", hr);
    if (message) IFaxOutgoingMessage_Release(message);
    message = (IFaxOutgoingMessage *)1;
    hr = IFaxAccountOutgoingArchive_GetMessage(their_archive, id, &message);
    ok(hr == FAX_E_MESSAGE_NOT_FOUND && !message && last_error_has(L"of this account"), "GetMessage in theirs: %#lx\n",
       hr);
    ok(IFaxAccountOutgoingArchive_GetMessage(my_archive, id, NULL) == E_POINTER, "GetMessage(id, NULL)\n");
    hr = IFaxAccountOutgoingArchive_GetMessage(my_archive, NULL, &message);
    ok(hr == E_INVALIDARG, "GetMessage(NULL): %#lx\n", hr);
    SysFreeString(id);

    ok(IFaxAccountOutgoingArchive_GetMessages(their_archive, 10, &iterator) == S_OK && iterator, "GetMessages failed\n");
    if (iterator)
    {
        ok(IFaxOutgoingMessageIterator_get_AtEOF(iterator, &eof) == S_OK && eof == VARIANT_TRUE,
           "their outgoing archive is not empty\n");
        IFaxOutgoingMessageIterator_Release(iterator);
        iterator = NULL;
    }
    ok(IFaxAccountOutgoingArchive_GetMessages(my_archive, 1, &iterator) == S_OK && iterator, "GetMessages failed\n");
    if (iterator)
    {
        ok(IFaxOutgoingMessageIterator_get_AtEOF(iterator, &eof) == S_OK && eof == VARIANT_FALSE, "my archive is empty\n");
        if (IFaxOutgoingMessageIterator_get_Message(iterator, &message) == S_OK)
        {
            BSTR seen = NULL;
            ok(IFaxOutgoingMessage_get_Id(message, &seen) == S_OK && !lstrcmpW(seen, text), "message %s\n",
               wine_dbgstr_w(seen));
            SysFreeString(seen);
            IFaxOutgoingMessage_Release(message);
        }
        IFaxOutgoingMessageIterator_Release(iterator);
    }
    ok(IFaxAccountOutgoingArchive_GetMessages(my_archive, 0, &iterator) == E_INVALIDARG, "GetMessages(0)\n");
    ok(IFaxAccountOutgoingArchive_GetMessages(my_archive, 10, NULL) == E_POINTER, "GetMessages(10, NULL)\n");

    /* The received fax is in the other account's incoming archive too. */
    id_text(in_id, text);
    id = SysAllocString(text);
    hr = IFaxAccountIncomingArchive_GetMessage(their_inbox, id, &in_message);
    ok(hr == S_OK && in_message, "GetMessage in their inbox: %#lx\n", hr);
    if (in_message) IFaxIncomingMessage_Release(in_message);
    SysFreeString(id);
    ok(IFaxAccountIncomingArchive_GetMessages(my_inbox, 100, &in_iterator) == S_OK && in_iterator, "GetMessages failed\n");
    if (in_iterator)
    {
        ok(IFaxIncomingMessageIterator_get_AtEOF(in_iterator, &eof) == S_OK && eof == VARIANT_FALSE, "my inbox is empty\n");
        IFaxIncomingMessageIterator_Release(in_iterator);
    }

done:
    if (my_archive) IFaxAccountOutgoingArchive_Release(my_archive);
    if (their_archive) IFaxAccountOutgoingArchive_Release(their_archive);
    if (my_inbox) IFaxAccountIncomingArchive_Release(my_inbox);
    if (their_inbox) IFaxAccountIncomingArchive_Release(their_inbox);
    if (my_queue) IFaxAccountOutgoingQueue_Release(my_queue);
    if (their_queue) IFaxAccountOutgoingQueue_Release(their_queue);
    if (my_folders) IFaxAccountFolders_Release(my_folders);
    if (their_folders) IFaxAccountFolders_Release(their_folders);
    if (mine) IFaxAccount_Release(mine);
    if (theirs) IFaxAccount_Release(theirs);
}

/* An account removed while objects of it live: they say so. */
static void test_stale_account(IFaxServer2 *server)
{
    IFaxAccountSet *set = get_account_set(server);
    IFaxAccount *account = NULL;
    IFaxAccountFolders *folders = NULL, *later = (IFaxAccountFolders *)1;
    IFaxAccountOutgoingQueue *queue = NULL;
    IFaxOutgoingJobs *jobs = (IFaxOutgoingJobs *)1;
    IFaxAccountIncomingArchive *archive = (IFaxAccountIncomingArchive *)1;
    IFaxAccountIncomingQueue *incoming = (IFaxAccountIncomingQueue *)1;
    HRESULT hr;

    if (!set) return;
    ok(add_account(set, L"short.lived", &account) == S_OK && account, "AddAccount failed\n");
    if (account && (folders = get_account_folders(account)) &&
        IFaxAccountFolders_get_OutgoingQueue(folders, &queue) == S_OK)
    {
        ok(remove_account(set, L"SHORT.LIVED") == S_OK, "RemoveAccount failed\n");
        check_name(account, L"short.lived");
        hr = IFaxAccount_get_Folders(account, &later);
        ok(hr == NO_SUCH_USER && !later && last_error_has(L"short.lived"), "Folders of a removed account: %#lx\n", hr);
        hr = IFaxAccount_ListenToAccountEvents(account, faetOUT_QUEUE);
        ok(hr == NO_SUCH_USER, "ListenToAccountEvents of a removed account: %#lx\n", hr);
        hr = IFaxAccountOutgoingQueue_GetJobs(queue, &jobs);
        ok(hr == NO_SUCH_USER && !jobs, "GetJobs of a removed account: %#lx\n", hr);
        hr = IFaxAccountFolders_get_IncomingArchive(folders, &archive);
        ok(hr == NO_SUCH_USER && !archive, "IncomingArchive of a removed account: %#lx\n", hr);
        hr = IFaxAccountFolders_get_IncomingQueue(folders, &incoming);
        ok(hr == NO_SUCH_USER && !incoming, "IncomingQueue of a removed account: %#lx\n", hr);
        hr = remove_account(set, L"short.lived");
        ok(hr == NO_SUCH_USER, "RemoveAccount twice: %#lx\n", hr);
    }
    if (queue) IFaxAccountOutgoingQueue_Release(queue);
    if (folders) IFaxAccountFolders_Release(folders);
    if (account) IFaxAccount_Release(account);
    IFaxAccountSet_Release(set);
}

/* A disconnected server's account objects fail as the server does, and hear nothing more. */
static void test_disconnected(IFaxServer2 *connected, struct fxs_link *link)
{
    IFaxServer2 *server = connected_server();
    struct listening heard, deaf;
    fxs_document doc = { 0 };
    IFaxAccount *account;
    IFaxAccountSet *set;
    ULONGLONG queued;
    WCHAR text[17];
    HRESULT hr;

    if (!server) return;
    account = get_account(server, user);
    set = get_account_set(server);
    listen_start(&heard, connected, user, faetOUT_QUEUE);
    listen_start(&deaf, server, user, faetOUT_QUEUE);
    IFaxServer2_Disconnect(server);
    schedule_far_ahead(&doc);
    if (!submit_document(link, &doc, L"1002", L"Later", 1, &queued))
    {
        id_text(queued, text);
        ok(sink_wait(heard.sink, OUT_JOB_ADDED, text) >= 0, "no OnOutgoingJobAdded\n");
        /* The two are called in turn by the one dispatcher: the other has had its turn. */
        Sleep(200);
        ok(deaf.sink->count == 0, "the account of a disconnected server: %ld calls\n", deaf.sink->count);
        ok(!fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, queued, FXS_JOB_CANCEL),
           "cancelling failed\n");
    }
    listen_end(&heard);
    listen_end(&deaf);
    if (account)
    {
        IFaxAccountFolders *folders = (IFaxAccountFolders *)1;
        hr = IFaxAccount_get_Folders(account, &folders);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) && !folders, "Folders when disconnected: %#lx\n", hr);
        hr = IFaxAccount_ListenToAccountEvents(account, faetIN_QUEUE);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "ListenToAccountEvents when disconnected: %#lx\n", hr);
        check_name(account, user);
        IFaxAccount_Release(account);
    }
    if (set)
    {
        hr = IFaxAccountSet_GetAccounts(set, (IFaxAccounts **)&account);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "GetAccounts when disconnected: %#lx\n", hr);
        IFaxAccountSet_Release(set);
    }
    hr = IFaxServer2_get_FaxAccountSet(server, &set);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "FaxAccountSet when disconnected: %#lx\n", hr);
    hr = IFaxServer2_get_CurrentAccount(server, &account);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "CurrentAccount when disconnected: %#lx\n", hr);
    IFaxServer2_Release(server);
}

/* AutoCreateAccountOnConnect: a Connect creates the user's account. */
static void test_auto_create(IFaxServer2 *server)
{
    IFaxConfiguration *configuration = NULL;
    IFaxAccountSet *set = get_account_set(server);
    IFaxServer2 *second;
    IFaxAccount *account = NULL;
    HRESULT hr;

    if (!set) return;
    ok(remove_account(set, user) == S_OK, "RemoveAccount of this user failed\n");
    ok(!has_account(set, user), "the account is still there\n");
    if ((second = connected_server()))
    {
        hr = IFaxServer2_get_CurrentAccount(second, &account);
        ok(hr == NO_SUCH_USER, "CurrentAccount without AutoCreateAccountOnConnect: %#lx\n", hr);
        IFaxServer2_Release(second);
    }
    ok(IFaxServer2_get_Configuration(server, &configuration) == S_OK, "Configuration failed\n");
    if (configuration)
    {
        ok(IFaxConfiguration_put_AutoCreateAccountOnConnect(configuration, VARIANT_TRUE) == S_OK &&
           IFaxConfiguration_Save(configuration) == S_OK, "setting AutoCreateAccountOnConnect failed\n");
        if ((second = connected_server()))
        {
            hr = IFaxServer2_get_CurrentAccount(second, &account);
            ok(hr == S_OK && account, "CurrentAccount with AutoCreateAccountOnConnect: %#lx\n", hr);
            if (account)
            {
                check_name(account, user);
                IFaxAccount_Release(account);
            }
            IFaxServer2_Release(second);
        }
        ok(IFaxConfiguration_put_AutoCreateAccountOnConnect(configuration, VARIANT_FALSE) == S_OK &&
           IFaxConfiguration_Save(configuration) == S_OK, "clearing AutoCreateAccountOnConnect failed\n");
        IFaxConfiguration_Release(configuration);
    }
    ok(account_count(set) == 2, "%ld accounts\n", account_count(set));
    IFaxAccountSet_Release(set);
}

static void find_user(struct fxs_link *link)
{
    fxs_client_info client = { 0 };

    ok(!fxs_rpc_get_client_info(fxs_link_session(link), &client) && client.user_name, "no user name\n");
    if (client.user_name) lstrcpynW(user, client.user_name, ARRAY_SIZE(user));
    fxs_client_info_clear(&client);
    trace("user %s\n", wine_dbgstr_w(user));
}

START_TEST(accounts)
{
    struct listening ended = { 0 };
    IFaxServer2 *server;
    IFaxAccountSet *set;
    struct fxs_link *link;
    WCHAR root[MAX_PATH];

    if (winetest_argc >= 3 && !strcmp(winetest_argv[1], "child"))
    {
        child_main(strtoul(winetest_argv[2], NULL, 10));
        return;
    }
    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-accounts", root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"50");
    CoInitializeEx(NULL, COINIT_MULTITHREADED);

    /* The first service: accounts made, used and listened to. */
    if ((server = connected_server()) && (link = start_listening()))
    {
        find_user(link);
        test_no_account(server);
        test_account_set(server);
        test_by_name(server);
        test_restricted_session(server);
        test_folders(server, link);
        test_events(server, link, &ended);
        test_reassign(server, link);
        test_other_process(link);
        test_stale_account(server);
        test_disconnected(server, link);
        fxs_link_close(link);
    }
    /* Its end: OnServerShutDown, with the server. */
    ok(stop_service(), "the service did not stop\n");
    if (ended.account)
    {
        IUnknown *identity = NULL;
        int index = sink_wait(ended.sink, SERVER_SHUT_DOWN, NULL);

        ok(index >= 0, "no OnServerShutDown\n");
        if (server) IFaxServer2_QueryInterface(server, &IID_IUnknown, (void **)&identity);
        if (index >= 0)
            ok(ended.sink->calls[index].first_is_server2 && ended.sink->calls[index].first == identity,
               "OnServerShutDown does not give the server\n");
        check_calls(&ended, "faetFXSSVC_ENDED");
        ok(ended.sink->count == 1, "faetFXSSVC_ENDED alone: %ld calls\n", ended.sink->count);
        if (identity) IUnknown_Release(identity);
    }
    listen_end(&ended);
    if (server)
    {
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }

    /* The next service has the same accounts. */
    if ((server = connected_server()))
    {
        if ((set = get_account_set(server)))
        {
            ok(account_count(set) == 3, "after a restart: %ld accounts\n", account_count(set));
            ok(has_account(set, user) && has_account(set, L"other.user") && has_account(set, L"third"),
               "an account is missing after a restart\n");
            ok(remove_account(set, L"third") == S_OK, "RemoveAccount failed\n");
            IFaxAccountSet_Release(set);
        }
        test_auto_create(server);
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    ok(stop_service(), "the service did not stop\n");
    if ((server = connected_server()))
    {
        if ((set = get_account_set(server)))
        {
            LONG count = account_count(set);
            ok(count == 2 && !has_account(set, L"third"), "a removed account came back: %ld accounts\n", count);
            IFaxAccountSet_Release(set);
        }
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    ok(dll_can_unload() == S_OK, "an object of fxscomex.dll is still alive\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    remove_folder(root);
}
