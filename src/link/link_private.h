/*
 * src/link: what its files share.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_LINK_PRIVATE_H
#define FXS_LINK_PRIVATE_H

#include "fxs_link.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

struct fxs_link
{
    CRITICAL_SECTION lock;             /* one session call at a time; reopen swaps the handles */
    RPC_BINDING_HANDLE binding;
    fxs_session_handle session;
    fxs_channel_handle channel;        /* owned by the thread that pulls */
    fxs_server_info server;            /* as the session opened */
    DWORD mask;                        /* subscribed again by fxs_link_reopen */
    DWORD client_flags;
    BOOL no_start;
    DWORD start_timeout_ms;
    WCHAR *label;
    WCHAR *service_exe;
    WCHAR *user_name;
    WCHAR *machine_name;
    WCHAR *remote_host;                /* NULL: the local service over ncalrpc */
    DWORD remote_port;
};

/* calls.c: calls call(args) through the guard: the guard's code if the stub raised, else the
 * method's result. */
DWORD guarded(fxs_guarded_call call, void *args, const error_status_t *result);

/* autostart.c: calls try_open(context) until it finds a service, starting fxssvc.exe (exe) when
 * none answers, for up to timeout_ms. Returns try_open's last result. */
DWORD autostart_open(const WCHAR *exe, DWORD timeout_ms, DWORD (*try_open)(void *context), void *context);

/* remote.c: the user and secret kept for host (ERROR_NOT_AUTHENTICATED when there is no secret),
 * each FXS_REMOTE_MAX_NAME + 1 characters; and a session opened with them. */
DWORD remote_credentials(const WCHAR *host, WCHAR *user, WCHAR *secret);
DWORD remote_open_session(handle_t binding, const fxs_client_info *client, const WCHAR *host,
                          fxs_server_info *server, fxs_session_handle *session);

/* Frees a context handle on this side only: its service is gone, or does not know it. */
void forget_context_handle(void **handle);

#endif /* FXS_LINK_PRIVATE_H */
