/*
 * The DLL's link to the fax service (src/link): the RPC guard, guarded calls of every faxsvc
 * method, binding over ncalrpc, starting fxssvc.exe on demand, and a session object with its
 * event channel. fxscomex.dll, fxssvc.exe --stop and the tests use it.
 *
 * Errors are Win32 codes: a method's own result, or the exception code its stub raised. After
 * RPC_S_SERVER_UNAVAILABLE (the service is gone) or RPC_X_SS_CONTEXT_MISMATCH (the service was
 * restarted and does not know the session), call fxs_link_reopen.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_LINK_H
#define FXS_LINK_H

#include <windows.h>
#include "faxsvc.h"

/* guard.c: calls call(args); returns 0, or the code of the exception it raised. */
typedef void (*fxs_guarded_call)(void *args);
DWORD fxs_rpc_guard(fxs_guarded_call call, void *args);

/* calls.c: every faxsvc method through the guard. They zero the [out] values first (Wine reuses
 * stale pointers found there), except where the caller passed NULL. */
DWORD fxs_rpc_open_session(handle_t binding, const fxs_client_info *client, fxs_server_info *server,
                           fxs_session_handle *session);
DWORD fxs_rpc_close_session(fxs_session_handle *session);
DWORD fxs_rpc_get_server_info(fxs_session_handle session, fxs_server_info *server);
DWORD fxs_rpc_get_client_info(fxs_session_handle session, fxs_client_info *client);
DWORD fxs_rpc_subscribe(fxs_session_handle session, DWORD event_mask);
DWORD fxs_rpc_open_channel(fxs_session_handle session, fxs_channel_handle *channel);
DWORD fxs_rpc_pull_events(fxs_channel_handle channel, DWORD max_count, DWORD timeout_ms, DWORD *missed,
                          DWORD *count, fxs_event **events);
DWORD fxs_rpc_close_channel(fxs_channel_handle *channel);
DWORD fxs_rpc_stop_service(fxs_session_handle session);
DWORD fxs_rpc_test_publish(fxs_session_handle session, const fxs_event *event, DWORD repeat);

/* calls_jobs.c: the methods about jobs, archives, devices and activity, the same way. */
DWORD fxs_rpc_submit(fxs_session_handle session, const fxs_document *document, DWORD recipient_count,
                     const fxs_recipient *recipients, DWORD body_count, const fxs_body *bodies, LONG *error_body,
                     ULONGLONG *ids);
DWORD fxs_rpc_list_jobs(fxs_session_handle session, DWORD folder, DWORD *count, fxs_job_info **jobs);
DWORD fxs_rpc_get_job(fxs_session_handle session, DWORD folder, ULONGLONG id, fxs_job_info *job);
DWORD fxs_rpc_control_job(fxs_session_handle session, DWORD folder, ULONGLONG id, DWORD operation);
DWORD fxs_rpc_get_image(fxs_session_handle session, DWORD folder, ULONGLONG id, DWORD *size, BYTE **data);
DWORD fxs_rpc_list_messages(fxs_session_handle session, DWORD folder, ULONGLONG after_id, DWORD max_count,
                            DWORD *count, fxs_job_info **messages);
DWORD fxs_rpc_delete_message(fxs_session_handle session, DWORD folder, ULONGLONG id);
DWORD fxs_rpc_set_message(fxs_session_handle session, DWORD folder, ULONGLONG id, const fxs_message_update *update);
DWORD fxs_rpc_answer_call(fxs_session_handle session, DWORD device_id);
DWORD fxs_rpc_get_activity(fxs_session_handle session, fxs_activity *activity);

/* calls_config.c: the methods about configuration, devices and providers, the same way. A
 * configuration record (*record) is freed with free(); device and provider lists with
 * fxs_device_infos_free and fxs_provider_infos_free (include/fxs_device_info.h). */
DWORD fxs_rpc_get_config(fxs_session_handle session, DWORD config_class, DWORD *size, BYTE **record);
DWORD fxs_rpc_set_config(fxs_session_handle session, DWORD config_class, DWORD size, const BYTE *record);
DWORD fxs_rpc_list_devices(fxs_session_handle session, DWORD *count, fxs_device_info **devices);
DWORD fxs_rpc_list_providers(fxs_session_handle session, DWORD *count, fxs_provider_info **providers);
DWORD fxs_rpc_get_rights(fxs_session_handle session, DWORD *rights);

/* calls_remote.c: remote access's methods (idl/faxsvc.idl, "Remote access"). */
DWORD fxs_rpc_get_remote_challenge(handle_t binding, const WCHAR *user, fxs_remote_challenge *challenge);
DWORD fxs_rpc_open_remote_session(handle_t binding, const fxs_client_info *client, const fxs_remote_answer *answer,
                                  fxs_server_info *server, fxs_session_handle *session);

/* calls_routing.c: inbound routing methods (freed with fxs_routing_method_infos_free,
 * include/fxs_routing_info.h) and extension data (*data freed with free()). */
DWORD fxs_rpc_list_routing_methods(fxs_session_handle session, DWORD *count, fxs_routing_method_info **methods);
DWORD fxs_rpc_get_extension_data(fxs_session_handle session, DWORD device_id, const WCHAR *guid, DWORD *size,
                                 BYTE **data);
DWORD fxs_rpc_set_extension_data(fxs_session_handle session, DWORD device_id, const WCHAR *guid, DWORD size,
                                 const BYTE *data);

/* calls_accounts.c: fax accounts (a list freed with fxs_account_infos_free, one account's name
 * with free()). */
DWORD fxs_rpc_list_accounts(fxs_session_handle session, DWORD *count, fxs_account_info **accounts);
DWORD fxs_rpc_get_account(fxs_session_handle session, const WCHAR *name, fxs_account_info *account);
DWORD fxs_rpc_add_account(fxs_session_handle session, const WCHAR *name, fxs_account_info *account);
DWORD fxs_rpc_remove_account(fxs_session_handle session, const WCHAR *name);
void fxs_account_infos_free(fxs_account_info *accounts, DWORD count);

/* Frees the strings of a fxs_client_info that fxs_rpc_get_client_info filled, and zeroes it. */
void fxs_client_info_clear(fxs_client_info *client);

/* binding.c: a binding handle for the service's ncalrpc endpoint (RpcBindingFree it). After the
 * service went away, fxs_bind_new_generation() makes later bindings reach the next one under Wine. */
DWORD fxs_bind(RPC_BINDING_HANDLE *binding);
/* A binding for the service of host (a name or an IPv4 address) on a TCP port: remote access. */
DWORD fxs_bind_tcp(const WCHAR *host, DWORD port, RPC_BINDING_HANDLE *binding);
void fxs_bind_new_generation(void);

/* TRUE for the codes that mean nobody serves (yet, or any more): worth starting the service. */
BOOL fxs_service_unreachable(DWORD status);

/* TRUE for the codes that mean a session is gone with its service (stopped, crashed, or replaced
 * by a new one that does not know the session): fxs_link_reopen. */
BOOL fxs_session_lost(DWORD status);

/* autostart.c */
#define FXS_START_TIMEOUT_MS 10000   /* default: how long fxs_link_open waits for a started service */

/* Where fxssvc.exe is by default: in the folder of the module that holds this code (the DLL). */
DWORD fxs_default_service_exe(WCHAR *path, DWORD size);

/* Starts fxssvc.exe detached from this process (no console, no inherited handles). */
DWORD fxs_start_service(const WCHAR *exe, HANDLE *process);

/* link.c: a session with the service, for any thread (calls are serialized). */
struct fxs_link;

struct fxs_link_options
{
    const WCHAR *label;              /* shown by the service; NULL: this program's file name */
    const WCHAR *service_exe;        /* NULL: fxs_default_service_exe */
    DWORD client_flags;              /* FXS_CLIENT_* */
    BOOL no_start;                   /* never start the service: fail when none answers */
    DWORD start_timeout_ms;          /* 0: FXS_START_TIMEOUT_MS */
    const WCHAR *remote_host;        /* not NULL: the service of that host over TCP (never started),
                                        authenticated with the secret under FXS_REMOTE_CLIENT_KEY */
    DWORD remote_port;               /* 0: FXS_REMOTE_DEFAULT_PORT */
};

/* Opens a session, starting the service when none answers (unless options->no_start). */
DWORD fxs_link_open(const struct fxs_link_options *options, struct fxs_link **link);

/* Closes the session and the event channel, and frees the link; works when the service is gone.
 * No other thread may be pulling: end a pull first with fxs_link_close_session. */
void fxs_link_close(struct fxs_link *link);

/* Closes the session only, from any thread: a pending or later fxs_link_pull returns
 * ERROR_HANDLE_EOF at once, which ends the pulling thread; then fxs_link_close. */
void fxs_link_close_session(struct fxs_link *link);

/* Replaces the session with a new one (starting the service if needed), subscribed to the same
 * mask, with an event channel if there was one. Call it from the thread that pulls, if any. */
DWORD fxs_link_reopen(struct fxs_link *link);

/* The facts the service gave when the session opened. */
void fxs_link_server_info(struct fxs_link *link, fxs_server_info *server);

DWORD fxs_link_query(struct fxs_link *link, fxs_server_info *server);
DWORD fxs_link_subscribe(struct fxs_link *link, DWORD event_mask);
DWORD fxs_link_stop_service(struct fxs_link *link);

/* The session handle, for calling the fxs_rpc_* functions directly (tests). */
fxs_session_handle fxs_link_session(struct fxs_link *link);

/* events.c: the event channel, used by one thread (the dispatcher). */
struct fxs_event_batch
{
    fxs_event *events;
    DWORD count;
    DWORD missed;                    /* events the service dropped before these: the queue was full */
};

/* Opens the channel once; fxs_link_close (or a reconnect) closes it. */
DWORD fxs_link_open_events(struct fxs_link *link);

/* Waits up to timeout_ms for events, takes up to max_count. A timeout gives 0 events and
 * ERROR_SUCCESS; ERROR_HANDLE_EOF means the session or the service ended. */
DWORD fxs_link_pull(struct fxs_link *link, DWORD max_count, DWORD timeout_ms, struct fxs_event_batch *batch);
void fxs_event_batch_free(struct fxs_event_batch *batch);

#endif /* FXS_LINK_H */
