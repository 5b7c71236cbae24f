/*
 * Remote access against a real fxssvc.exe over real TCP on 127.0.0.1: off by default (nothing
 * listens); its configuration class; the challenge and its answer through the raw RPC (no
 * session without one, wrong secrets, replays, other users' challenges); FaxServer.Connect to
 * "127.0.0.1:port" with the credentials of the registry, the outgoing queue, a fax submitted on
 * the virtual line and its events through the remote session; the rights of the authenticated
 * user; disabling again; the setting kept across a restart.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define COBJMACROS
#define CONST_VTABLE
#include <winsock2.h>
#include "event_sink.h"
#include "service_jobs.h"
#include "config_edit.h"
#include "fxs_remote.h"

#define HOST L"127.0.0.1"
#define ALICE_SECRET L"alice's long secret"
#define BOB_SECRET L"bob-secret-2"
#define DISPID_OUTGOING_JOB_ADDED 4
#define DISPID_OUTGOING_MESSAGE_ADDED 9

static DWORD port;
static WCHAR data_root[MAX_PATH];

/* A TCP port nobody uses now: bound to port 0, then let go. */
static DWORD free_tcp_port(void)
{
    struct sockaddr_in address = { 0 };
    int size = sizeof(address);
    WSADATA data;
    SOCKET s;
    DWORD found = 0;

    WSAStartup(MAKEWORD(2, 2), &data);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s != INVALID_SOCKET && !bind(s, (struct sockaddr *)&address, sizeof(address)) &&
        !getsockname(s, (struct sockaddr *)&address, &size))
        found = ntohs(address.sin_port);
    if (s != INVALID_SOCKET) closesocket(s);
    WSACleanup();
    return found;
}

/* ---- the configuration class ---- */

struct user_setting
{
    const WCHAR *name;
    const WCHAR *secret;          /* NULL: keep the saved key */
};

static DWORD set_remote(struct fxs_link *link, int enabled, DWORD at_port, const struct user_setting *users,
                        DWORD count, const char *extra_key)
{
    record *rec = NULL;
    uint8_t *data = NULL;
    size_t size = 0;
    char key[64];
    DWORD i, error = ERROR_INVALID_DATA;

    if (record_create("config.remote_access", &rec)) return error;
    record_add_bool(rec, "enabled", enabled);
    record_add_u64(rec, "port", at_port);
    record_add_u64(rec, "count", count);
    for (i = 0; i < count; i++)
    {
        sprintf(key, "user.%lu.name", i);
        record_add_utf16(rec, key, (const uint16_t *)users[i].name, wcslen(users[i].name));
        sprintf(key, "user.%lu.secret", i);
        if (users[i].secret) record_add_utf16(rec, key, (const uint16_t *)users[i].secret, wcslen(users[i].secret));
    }
    if (extra_key) record_add_u64(rec, extra_key, 1);
    if (!record_serialize(rec, &data, &size))
        error = fxs_rpc_set_config(fxs_link_session(link), FXS_CONFIG_REMOTE_ACCESS, (DWORD)size, data);
    free(data);
    record_free(rec);
    return error;
}

static const struct user_setting both_users[] = { { L"alice", ALICE_SECRET }, { L"Bob", BOB_SECRET } };

/* Whether a file holds text (as UTF-8 or UTF-16), read whole. */
static BOOL file_holds(const WCHAR *path, const WCHAR *text)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    char utf8[256], *data;
    DWORD size, read = 0;
    BOOL found = FALSE, i;

    if (file == INVALID_HANDLE_VALUE) return FALSE;
    size = GetFileSize(file, NULL);
    WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, sizeof(utf8), NULL, NULL);
    if ((data = calloc(1, size + 2)) && ReadFile(file, data, size, &read, NULL))
        for (i = 0; i + strlen(utf8) <= read && !found; i++)
            found = !memcmp(data + i, utf8, strlen(utf8)) ||
                    (i + wcslen(text) * 2 <= read && !memcmp(data + i, text, wcslen(text) * 2));
    free(data);
    CloseHandle(file);
    return found;
}

static void set_credentials(const WCHAR *host, const WCHAR *user, const WCHAR *secret);
static HRESULT connect_to(const WCHAR *name, IFaxServer2 **result);
static void remote_name(WCHAR name[64]);

static void test_off_by_default(struct fxs_link *admin)
{
    struct fxs_link_options options = { L"remote test" };
    record *rec = config_get(admin, FXS_CONFIG_REMOTE_ACCESS);
    struct fxs_link *link = NULL;
    IFaxServer2 *server;
    WCHAR name[64];
    uint64_t value = 99;
    HRESULT hr;
    int enabled = -1;
    DWORD status;

    ok(rec != NULL, "no remote access class\n");
    if (rec)
    {
        ok(!record_get_bool(rec, "enabled", &enabled) && !enabled, "enabled by default: %d\n", enabled);
        ok(!record_get_u64(rec, "port", &value) && value == FXS_REMOTE_DEFAULT_PORT, "default port %I64u\n", value);
        ok(!record_get_u64(rec, "count", &value) && value == 0, "default users %I64u\n", value);
        record_free(rec);
    }
    /* Nothing listens: a connection error, not a refusal. */
    set_credentials(HOST, L"alice", ALICE_SECRET);
    remote_name(name);
    hr = connect_to(name, &server);
    ok(hr == HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE), "Connect while remote access is off: %#lx\n", hr);
    if (server) IFaxServer2_Release(server);
    options.remote_host = HOST;
    options.remote_port = port;
    status = fxs_link_open(&options, &link);
    ok(status == RPC_S_SERVER_UNAVAILABLE, "a TCP session while remote access is off: %lu\n", status);
    if (!status) fxs_link_close(link);
    options.remote_port = FXS_REMOTE_DEFAULT_PORT;
    status = fxs_link_open(&options, &link);
    ok(status == RPC_S_SERVER_UNAVAILABLE, "a TCP session on the default port: %lu\n", status);
    if (!status) fxs_link_close(link);
}

static void test_config_class(struct fxs_link *admin)
{
    static const struct user_setting short_secret[] = { { L"alice", L"short" } };
    static const struct user_setting twice[] = { { L"alice", ALICE_SECRET }, { L"ALICE", BOB_SECRET } };
    static const struct user_setting no_secret[] = { { L"carol", NULL } };
    static const struct user_setting control[] = { { L"al\tice", ALICE_SECRET } };
    fxs_server_info info;
    WCHAR path[MAX_PATH];
    record *rec;
    const char *name;
    size_t i;
    DWORD error;

    error = set_remote(admin, 1, port, short_secret, 1, NULL);
    ok(error == ERROR_INVALID_PARAMETER, "a secret of 5 characters: %lu\n", error);
    error = set_remote(admin, 1, port, twice, 2, NULL);
    ok(error == ERROR_INVALID_PARAMETER, "one name twice: %lu\n", error);
    error = set_remote(admin, 1, port, no_secret, 1, NULL);
    ok(error == ERROR_INVALID_PARAMETER, "a new user without a secret: %lu\n", error);
    error = set_remote(admin, 1, port, control, 1, NULL);
    ok(error == ERROR_INVALID_PARAMETER, "a name with a tab: %lu\n", error);
    error = set_remote(admin, 1, 0, both_users, 2, NULL);
    ok(error == ERROR_INVALID_PARAMETER, "port 0: %lu\n", error);
    error = set_remote(admin, 1, 65536, both_users, 2, NULL);
    ok(error == ERROR_INVALID_PARAMETER, "port 65536: %lu\n", error);
    error = set_remote(admin, 1, port, both_users, 2, "user.2.name");
    ok(error == ERROR_INVALID_PARAMETER, "a user beyond count: %lu\n", error);
    error = set_remote(admin, 1, port, both_users, 2, "user.0.key");
    ok(error == ERROR_INVALID_PARAMETER, "a key given by a client: %lu\n", error);
    rec = config_get(admin, FXS_CONFIG_REMOTE_ACCESS);
    ok(rec && !record_has(rec, "user.0.name"), "a refused set changed the class\n");
    record_free(rec);

    error = set_remote(admin, 1, port, both_users, 2, NULL);
    ok(error == ERROR_SUCCESS, "enabling remote access: %lu\n", error);
    /* Listening on TCP from now on, the local session goes on. */
    ok(!fxs_link_query(admin, &info), "the local session was lost when TCP started\n");
    rec = config_get(admin, FXS_CONFIG_REMOTE_ACCESS);
    ok(rec != NULL, "no class\n");
    for (i = 0; rec && i < record_count(rec); i++)
    {
        record_field(rec, i, &name, NULL, NULL);
        ok(!strstr(name, "secret") && !strstr(name, "key") && !strstr(name, "salt"), "get gives %s\n", name);
    }
    ok(rec && record_count(rec) == 5, "%Iu keys\n", rec ? record_count(rec) : 0);
    record_free(rec);
    /* The file keeps salted keys, never the secrets. */
    swprintf(path, ARRAY_SIZE(path), L"%ls\\config\\remote_access.rec", data_root);
    ok(GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES, "no file %s\n", wine_dbgstr_w(path));
    ok(file_holds(path, L"alice") && !file_holds(path, ALICE_SECRET) && !file_holds(path, BOB_SECRET),
       "the file holds a secret, or not the users\n");
}

/* ---- the raw RPC over TCP ---- */

static RPC_BINDING_HANDLE tcp_binding(void)
{
    RPC_BINDING_HANDLE binding = NULL;
    DWORD status = fxs_bind_tcp(HOST, port, &binding);

    ok(status == RPC_S_OK, "binding: %lu\n", status);
    return binding;
}

static void make_answer(const fxs_remote_challenge *challenge, const WCHAR *user, const WCHAR *secret,
                        fxs_remote_answer *answer)
{
    BYTE key[FXS_REMOTE_KEY_SIZE];

    memset(answer, 0, sizeof(*answer));
    memcpy(answer->nonce, challenge->nonce, sizeof(answer->nonce));
    answer->user = (WCHAR *)user;
    ok(!fxs_remote_derive_key(secret, (const BYTE *)challenge->salt, challenge->iterations, key), "derive\n");
    ok(!fxs_remote_proof(key, (const BYTE *)challenge->nonce, user, (BYTE *)answer->proof), "proof\n");
}

static fxs_client_info claimed_client(void)
{
    fxs_client_info client = { GetCurrentProcessId(), 0, (WCHAR *)L"mallory", (WCHAR *)L"elsewhere", (WCHAR *)L"raw" };
    return client;
}

static DWORD open_answered(RPC_BINDING_HANDLE binding, const fxs_remote_answer *answer, fxs_session_handle *session)
{
    fxs_client_info client = claimed_client();
    fxs_server_info server;
    return fxs_rpc_open_remote_session(binding, &client, answer, &server, session);
}

static void test_raw_rpc(struct fxs_link *admin)
{
    RPC_BINDING_HANDLE binding = tcp_binding();
    fxs_client_info client = claimed_client(), seen = { 0 };
    fxs_remote_challenge challenge, other;
    fxs_remote_answer answer;
    fxs_session_handle session = NULL, second = NULL;
    fxs_server_info server;
    DWORD error, rights = 0, size = 0;
    BYTE *data = NULL;
    double start;

    if (!binding) return;
    /* No session over TCP without the challenge. */
    error = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(error == ERROR_ACCESS_DENIED, "an unauthenticated session over TCP: %lu\n", error);
    ok(!session, "a session handle\n");

    error = fxs_rpc_get_remote_challenge(binding, L"", &challenge);
    ok(error == ERROR_INVALID_PARAMETER, "a challenge for no one: %lu\n", error);
    error = fxs_rpc_get_remote_challenge(binding, L"a\nb", &challenge);
    ok(error == ERROR_INVALID_PARAMETER, "a challenge for a name with a line feed: %lu\n", error);

    /* A wrong secret; its challenge is spent by the failure. */
    error = fxs_rpc_get_remote_challenge(binding, L"alice", &challenge);
    ok(error == ERROR_SUCCESS && challenge.iterations == FXS_REMOTE_ITERATIONS, "challenge: %lu, %lu iterations\n",
       error, challenge.iterations);
    make_answer(&challenge, L"alice", BOB_SECRET, &answer);
    ok(open_answered(binding, &answer, &session) == ERROR_LOGON_FAILURE, "a wrong secret was taken\n");
    make_answer(&challenge, L"alice", ALICE_SECRET, &answer);
    ok(open_answered(binding, &answer, &session) == ERROR_CONTEXT_EXPIRED, "a spent challenge was taken\n");

    /* An unknown user gets a challenge, the same salt each time, and fails on answering. */
    error = fxs_rpc_get_remote_challenge(binding, L"nobody", &challenge);
    ok(error == ERROR_SUCCESS, "a challenge for an unknown user: %lu\n", error);
    error = fxs_rpc_get_remote_challenge(binding, L"nobody", &other);
    ok(!error && !memcmp(challenge.salt, other.salt, sizeof(other.salt)), "an unknown user's salt changes\n");
    ok(memcmp(challenge.nonce, other.nonce, sizeof(other.nonce)), "two challenges with one nonce\n");
    make_answer(&challenge, L"nobody", ALICE_SECRET, &answer);
    ok(open_answered(binding, &answer, &session) == ERROR_LOGON_FAILURE, "an unknown user was let in\n");

    /* Alice's challenge answered by Bob. */
    error = fxs_rpc_get_remote_challenge(binding, L"alice", &challenge);
    make_answer(&challenge, L"Bob", BOB_SECRET, &answer);
    ok(open_answered(binding, &answer, &session) == ERROR_CONTEXT_EXPIRED, "another user's challenge was taken\n");
    /* A nonce the service never gave. */
    memset(&challenge.nonce, 0x5a, sizeof(challenge.nonce));
    make_answer(&challenge, L"alice", ALICE_SECRET, &answer);
    ok(open_answered(binding, &answer, &session) == ERROR_CONTEXT_EXPIRED, "a made-up nonce was taken\n");

    /* The right secret; the user's name in any case. */
    error = fxs_rpc_get_remote_challenge(binding, L"ALICE", &challenge);
    start = now_ms();
    make_answer(&challenge, L"ALICE", ALICE_SECRET, &answer);
    error = open_answered(binding, &answer, &session);
    trace("a remote session opened in %.1f ms (key derivation included)\n", now_ms() - start);
    ok(error == ERROR_SUCCESS && session, "the right secret: %lu\n", error);
    /* Replayed: refused. */
    ok(open_answered(binding, &answer, &second) == ERROR_CONTEXT_EXPIRED, "a replayed answer was taken\n");
    ok(!second, "a second session\n");
    if (!session) goto done;

    /* The user is the one authenticated, not the one the client said. */
    error = fxs_rpc_get_client_info(session, &seen);
    ok(!error && !lstrcmpiW(seen.user_name, L"alice") && (seen.flags & FXS_CLIENT_REMOTE) && !seen.process_id,
       "the session's client: %lu %s %#lx %lu\n", error, wine_dbgstr_w(seen.user_name), seen.flags, seen.process_id);
    fxs_client_info_clear(&seen);
    /* Everyone's rights of the default descriptor, not the administrators'. */
    error = fxs_rpc_get_rights(session, &rights);
    ok(!error && rights == 0x2af, "a remote user's rights: %lu %#lx\n", error, rights);
    error = fxs_rpc_get_config(session, FXS_CONFIG_REMOTE_ACCESS, &size, &data);
    ok(error == ERROR_ACCESS_DENIED, "a remote session reads the remote access class: %lu\n", error);
    free(data);
    ok(set_remote(admin, 1, port, both_users, 2, NULL) == ERROR_SUCCESS, "the administrator's set\n");
    fxs_rpc_close_session(&session);

    /* The flag is the service's to set. */
    client.flags = FXS_CLIENT_REMOTE;
    error = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(error == ERROR_INVALID_PARAMETER || error == ERROR_ACCESS_DENIED, "a client's FXS_CLIENT_REMOTE: %lu\n", error);
done:
    if (session) fxs_rpc_close_session(&session);
    RpcBindingFree(&binding);
}

/* What a local session costs to open, with the transport check that remote access added. */
static void trace_local_open_cost(void)
{
    fxs_client_info client = claimed_client();
    fxs_session_handle session;
    fxs_server_info server;
    RPC_BINDING_HANDLE binding;
    double start;
    int i, opened = 0;

    if (fxs_bind(&binding)) return;
    start = now_ms();
    for (i = 0; i < 100; i++)
    {
        session = NULL;
        if (!fxs_rpc_open_session(binding, &client, &server, &session)) opened++;
        if (session) fxs_rpc_close_session(&session);
    }
    trace("a local session opened and closed in %.3f ms on average\n", (now_ms() - start) / 100);
    ok(opened == 100, "%d of 100 local sessions opened\n", opened);
    RpcBindingFree(&binding);
}

static void test_local_flag(void)
{
    fxs_client_info client = claimed_client();
    fxs_session_handle session = NULL;
    fxs_server_info server;
    RPC_BINDING_HANDLE binding;
    DWORD error;

    if (fxs_bind(&binding)) return;
    client.flags = FXS_CLIENT_REMOTE;
    error = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(error == ERROR_INVALID_PARAMETER, "FXS_CLIENT_REMOTE from a local client: %lu\n", error);
    if (session) fxs_rpc_close_session(&session);
    RpcBindingFree(&binding);
}

/* ---- FaxServer.Connect ---- */

static void set_credentials(const WCHAR *host, const WCHAR *user, const WCHAR *secret)
{
    WCHAR path[300];

    swprintf(path, ARRAY_SIZE(path), L"%ls\\%ls", FXS_REMOTE_CLIENT_KEY, host);
    RegDeleteTreeW(HKEY_CURRENT_USER, path);
    if (user) RegSetKeyValueW(HKEY_CURRENT_USER, path, L"User", REG_SZ, user, (wcslen(user) + 1) * sizeof(WCHAR));
    if (secret)
        RegSetKeyValueW(HKEY_CURRENT_USER, path, L"Secret", REG_SZ, secret, (wcslen(secret) + 1) * sizeof(WCHAR));
}

static BOOL error_says(const WCHAR *text)
{
    IErrorInfo *info = NULL;
    BSTR description = NULL;
    BOOL found;

    if (GetErrorInfo(0, &info) != S_OK || !info) return FALSE;
    IErrorInfo_GetDescription(info, &description);
    found = description && wcsstr(description, text);
    if (!found) trace("description: %s\n", wine_dbgstr_w(description));
    SysFreeString(description);
    IErrorInfo_Release(info);
    return found;
}

static HRESULT connect_to(const WCHAR *name, IFaxServer2 **result)
{
    IFaxServer2 *server = NULL;
    BSTR text = SysAllocString(name);
    HRESULT hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);

    *result = NULL;
    if (hr == S_OK && (hr = IFaxServer2_Connect(server, text)) == S_OK) *result = server;
    else if (server) IFaxServer2_Release(server);
    SysFreeString(text);
    return hr;
}

static void remote_name(WCHAR name[64])
{
    swprintf(name, 64, L"%ls:%lu", HOST, port);
}

static void test_connect_refusals(void)
{
    const HRESULT denied = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
    IFaxServer2 *server;
    WCHAR name[64];
    HRESULT hr;

    remote_name(name);
    set_credentials(HOST, NULL, NULL);
    hr = connect_to(name, &server);
    ok(hr == denied && error_says(L"No credentials"), "Connect without credentials: %#lx\n", hr);
    set_credentials(HOST, L"alice", BOB_SECRET);
    hr = connect_to(name, &server);
    ok(hr == denied && error_says(L"refused the credentials"), "Connect with a wrong secret: %#lx\n", hr);
    set_credentials(HOST, L"mallory", ALICE_SECRET);
    hr = connect_to(name, &server);
    ok(hr == denied && error_says(L"refused the credentials"), "Connect as an unknown user: %#lx\n", hr);
    hr = connect_to(L"127.0.0.1:0", &server);
    ok(hr == E_INVALIDARG, "port 0: %#lx\n", hr);
    hr = connect_to(L"127.0.0.1:99999", &server);
    ok(hr == E_INVALIDARG, "port 99999: %#lx\n", hr);
    hr = connect_to(L"127.0.0.1:12ab", &server);
    ok(hr == E_INVALIDARG, "port 12ab: %#lx\n", hr);
    hr = connect_to(L":45900", &server);
    ok(hr == E_INVALIDARG, "no host: %#lx\n", hr);
}

/* Connect by name, as a script does: the description comes back in the EXCEPINFO. */
static HRESULT connect_by_name(VARIANT *name, WCHAR *description, size_t size)
{
    IDispatch *server = NULL;
    LPOLESTR names[1] = { (LPOLESTR)L"Connect" };
    DISPPARAMS params = { name, NULL, 1, 0 };
    EXCEPINFO excepinfo;
    DISPID id = DISPID_UNKNOWN;
    UINT arg_err;
    HRESULT hr;

    description[0] = 0;
    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IDispatch, (void **)&server);
    if (hr != S_OK) return hr;
    hr = IDispatch_GetIDsOfNames(server, &IID_NULL, names, 1, 0, &id);
    ok(hr == S_OK, "GetIDsOfNames(Connect): %#lx\n", hr);
    memset(&excepinfo, 0, sizeof(excepinfo));
    hr = IDispatch_Invoke(server, id, &IID_NULL, 0, DISPATCH_METHOD, &params, NULL, &excepinfo, &arg_err);
    if (hr == DISP_E_EXCEPTION)
    {
        hr = excepinfo.scode;
        if (excepinfo.bstrDescription) lstrcpynW(description, excepinfo.bstrDescription, size);
    }
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrHelpFile);
    IDispatch_Release(server);
    return hr;
}

static void test_connect_by_name(void)
{
    WCHAR name[64], description[512];
    VARIANT arg;
    HRESULT hr;

    remote_name(name);
    V_VT(&arg) = VT_BSTR;
    V_BSTR(&arg) = SysAllocString(name);
    set_credentials(HOST, L"alice", BOB_SECRET);
    hr = connect_by_name(&arg, description, ARRAY_SIZE(description));
    ok(hr == HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED) && wcsstr(description, L"refused the credentials"),
       "Connect by name with a wrong secret: %#lx %s\n", hr, wine_dbgstr_w(description));
    set_credentials(HOST, L"alice", ALICE_SECRET);
    hr = connect_by_name(&arg, description, ARRAY_SIZE(description));
    ok(hr == S_OK, "Connect by name: %#lx %s\n", hr, wine_dbgstr_w(description));
    VariantClear(&arg);
    /* A number is converted to its text, as Automation does: a host named "7" has no credentials. */
    V_VT(&arg) = VT_I4;
    V_I4(&arg) = 7;
    hr = connect_by_name(&arg, description, ARRAY_SIZE(description));
    ok(hr == HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED) && wcsstr(description, L"No credentials"),
       "Connect(7) by name: %#lx %s\n", hr, wine_dbgstr_w(description));
    /* An object is no name. */
    V_VT(&arg) = VT_UNKNOWN;
    V_UNKNOWN(&arg) = NULL;
    hr = connect_by_name(&arg, description, ARRAY_SIZE(description));
    ok(hr == DISP_E_TYPEMISMATCH, "Connect(object) by name: %#lx\n", hr);
}

static LONG outgoing_job_count(IFaxServer2 *server)
{
    IFaxFolders *folders = NULL;
    IFaxOutgoingQueue *queue = NULL;
    IFaxOutgoingJobs *jobs = NULL;
    LONG count = -1;

    if (IFaxServer2_get_Folders(server, &folders) == S_OK && IFaxFolders_get_OutgoingQueue(folders, &queue) == S_OK &&
        IFaxOutgoingQueue_GetJobs(queue, &jobs) == S_OK)
        IFaxOutgoingJobs_get_Count(jobs, &count);
    if (jobs) IFaxOutgoingJobs_Release(jobs);
    if (queue) IFaxOutgoingQueue_Release(queue);
    if (folders) IFaxFolders_Release(folders);
    return count;
}

/* A one-page fax to a number the virtual line answers; its job id as text. */
static HRESULT submit_remote(IFaxServer2 *server, WCHAR id[32])
{
    tiff_buffer body = event_fax_body();
    WCHAR path[MAX_PATH];
    IFaxDocument *document;
    IFaxRecipients *recipients;
    IFaxRecipient *recipient;
    BSTR text, number = SysAllocString(L"5550100");
    VARIANT ids;
    FILE *file;
    HRESULT hr;
    LONG index = 0;

    GetTempPathW(MAX_PATH, path);
    wcscat(path, L"fxscomex-remote-body.tif");
    if ((file = _wfopen(path, L"wb")))
    {
        fwrite(body.data, 1, body.size, file);
        fclose(file);
    }
    tiff_buffer_free(&body);
    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument, (void **)&document);
    if (hr != S_OK) return hr;
    text = SysAllocString(path);
    IFaxDocument_put_Body(document, text);
    IFaxDocument_get_Recipients(document, &recipients);
    IFaxRecipients_Add(recipients, number, NULL, &recipient);
    IFaxRecipient_Release(recipient);
    IFaxRecipients_Release(recipients);
    VariantInit(&ids);
    hr = IFaxDocument_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    id[0] = 0;
    if (hr == S_OK && V_VT(&ids) == (VT_ARRAY | VT_BSTR) && !SafeArrayGetElement(V_ARRAY(&ids), &index, &text))
    {
        lstrcpynW(id, text, 32);
        SysFreeString(text);
    }
    VariantClear(&ids);
    IFaxDocument_Release(document);
    SysFreeString(number);
    DeleteFileW(path);
    return hr;
}

static void test_connect_and_send(void)
{
    IFaxServer2 *server = NULL;
    struct sink sink;
    WCHAR name[64], id[32];
    BSTR shown = NULL;
    LONG before;
    HRESULT hr;

    remote_name(name);
    set_credentials(HOST, L"alice", ALICE_SECRET);
    hr = connect_to(name, &server);
    ok(hr == S_OK, "Connect(%s): %#lx\n", wine_dbgstr_w(name), hr);
    if (!server) return;
    ok(IFaxServer2_get_ServerName(server, &shown) == S_OK && !lstrcmpW(shown, name), "ServerName %s\n",
       wine_dbgstr_w(shown));
    SysFreeString(shown);

    sink_init(&sink, &DIID_IFaxServerNotify2);
    advise_sink(server, &sink);
    hr = IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE | fsetOUT_ARCHIVE);
    ok(hr == S_OK, "ListenToServerEvents over TCP: %#lx\n", hr);
    before = outgoing_job_count(server);
    ok(before >= 0, "the outgoing queue over TCP: %ld\n", before);
    hr = submit_remote(server, id);
    ok(hr == S_OK && id[0], "ConnectedSubmit over TCP: %#lx\n", hr);
    ok(wait_event(&sink, 0, DISPID_OUTGOING_JOB_ADDED, id) >= 0, "no OnOutgoingJobAdded for %s\n", wine_dbgstr_w(id));
    ok(wait_event(&sink, 0, DISPID_OUTGOING_MESSAGE_ADDED, id) >= 0, "the fax %s was not sent\n", wine_dbgstr_w(id));
    IFaxServer2_ListenToServerEvents(server, fsetNONE);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
    sink_clear(&sink);
}

/* The owner of the last job is the authenticated user. */
static void test_job_owner(struct fxs_link *admin)
{
    fxs_job_info *messages = NULL;
    DWORD count = 0, error;

    error = fxs_rpc_list_messages(fxs_link_session(admin), FXS_FOLDER_OUTGOING_ARCHIVE, 0, 100, &count, &messages);
    ok(!error && count >= 1, "the outgoing archive: %lu, %lu\n", error, count);
    if (!error && count)
        ok(!lstrcmpiW(messages[count - 1].owner, L"alice"), "the remote fax's owner: %s\n",
           wine_dbgstr_w(messages[count - 1].owner));
    fxs_job_infos_free(messages, count);
}

static void test_disable(struct fxs_link *admin, struct fxs_link *remote)
{
    RPC_BINDING_HANDLE binding = tcp_binding();
    fxs_remote_challenge challenge;
    IFaxServer2 *server;
    fxs_server_info info;
    WCHAR name[64];
    DWORD error;
    HRESULT hr;

    error = set_remote(admin, 0, port, both_users, 2, NULL);
    ok(error == ERROR_SUCCESS, "disabling: %lu\n", error);
    error = fxs_rpc_get_remote_challenge(binding, L"alice", &challenge);
    ok(error == ERROR_ACCESS_DENIED, "a challenge while off: %lu\n", error);
    remote_name(name);
    hr = connect_to(name, &server);
    ok(hr == HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED) && error_says(L"remote access is off"), "Connect while off: %#lx\n", hr);
    if (server) IFaxServer2_Release(server);
    /* A session opened before stays (documented): it was authenticated. */
    if (remote) ok(!fxs_link_query(remote, &info), "the open remote session was dropped\n");
    if (binding) RpcBindingFree(&binding);
}

static struct fxs_link *open_remote_link(void)
{
    struct fxs_link_options options = { L"remote test" };
    struct fxs_link *link = NULL;
    DWORD status;

    options.remote_host = HOST;
    options.remote_port = port;
    status = fxs_link_open(&options, &link);
    ok(status == ERROR_SUCCESS, "a remote link: %lu\n", status);
    return link;
}

/* Events of the fax through a link over TCP. */
static void test_link_events(struct fxs_link *admin, struct fxs_link *remote)
{
    struct event_log log = { 0 };
    WCHAR id_text[32];

    ok(!fxs_link_subscribe(remote, FXS_EVENT_OUT_QUEUE), "subscribe over TCP failed\n");
    ok(!fxs_link_open_events(remote), "the event channel over TCP failed\n");
    if (!submit_fax_for_id_text(admin, L"5550100", id_text)) return;
    ok(wait_for(remote, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_ADDED, wcstoull(id_text, NULL, 16)),
       "no event of the administrator's fax over TCP\n");
    log_free(&log);
}

static void test_restart(struct fxs_link **admin)
{
    struct fxs_link *remote;

    ok(set_remote(*admin, 1, port, both_users, 2, NULL) == ERROR_SUCCESS, "enabling again\n");
    fxs_link_close(*admin);
    *admin = NULL;
    ok(stop_service(), "the service did not stop\n");
    ok(!open_link(NULL, 0, FALSE, admin), "the service did not start again\n");
    /* Kept, and listening from the start. */
    set_credentials(HOST, L"bob", BOB_SECRET);
    if ((remote = open_remote_link())) fxs_link_close(remote);
}

START_TEST(remote_access)
{
    struct fxs_link *admin = NULL, *remote = NULL;

    prepare_service(L"remote");
    GetEnvironmentVariableW(FXSSVC_ENV_DATA_ROOT, data_root, ARRAY_SIZE(data_root));
    remove_folder(data_root);
    port = free_tcp_port();
    ok(port != 0, "no free TCP port\n");
    trace("remote access test on TCP port %lu\n", port);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (!open_link(NULL, 0, FALSE, &admin))
    {
        test_off_by_default(admin);
        test_local_flag();
        trace_local_open_cost();
        test_config_class(admin);
        test_raw_rpc(admin);
        test_connect_refusals();
        test_connect_by_name();
        test_connect_and_send();
        test_job_owner(admin);
        set_credentials(HOST, L"alice", ALICE_SECRET);
        if ((remote = open_remote_link())) test_link_events(admin, remote);
        test_disable(admin, remote);
        if (remote) fxs_link_close(remote);
        test_restart(&admin);
        if (admin) fxs_link_close(admin);
    }
    else ok(0, "no session with the service\n");
    set_credentials(HOST, NULL, NULL);
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    remove_folder(data_root);
}
