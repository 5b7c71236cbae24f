/*
 * A session with the fax service: open (starting the service on demand), the session's calls,
 * reopen after the service went away, close.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <wchar.h>
#include "link_private.h"

void forget_context_handle(void **handle)
{
    if (*handle) RpcSsDestroyClientContext(handle);
    *handle = NULL;
}

/* This program's file name, the label when the client gives none. */
static WCHAR *default_label(void)
{
    WCHAR path[MAX_PATH], *slash;
    DWORD length = GetModuleFileNameW(NULL, path, ARRAY_SIZE(path));

    if (!length || length >= ARRAY_SIZE(path)) return _wcsdup(L"");
    slash = wcsrchr(path, '\\');
    return _wcsdup(slash ? slash + 1 : path);
}

static WCHAR *user_name(void)
{
    WCHAR name[257];
    DWORD size = ARRAY_SIZE(name);
    return _wcsdup(GetUserNameW(name, &size) ? name : L"");
}

static WCHAR *machine_name(void)
{
    WCHAR name[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD size = ARRAY_SIZE(name);
    return _wcsdup(GetComputerNameW(name, &size) ? name : L"");
}

static WCHAR *service_exe(const WCHAR *given)
{
    WCHAR path[MAX_PATH];

    if (given) return _wcsdup(given);
    return fxs_default_service_exe(path, ARRAY_SIZE(path)) ? NULL : _wcsdup(path);
}

static void link_free(struct fxs_link *link)
{
    if (link->binding) RpcBindingFree(&link->binding);
    free(link->label);
    free(link->service_exe);
    free(link->user_name);
    free(link->machine_name);
    free(link->remote_host);
    DeleteCriticalSection(&link->lock);
    free(link);
}

static DWORD bind_link(struct fxs_link *link, RPC_BINDING_HANDLE *binding)
{
    if (link->remote_host) return fxs_bind_tcp(link->remote_host, link->remote_port, binding);
    return fxs_bind(binding);
}

static DWORD link_create(const struct fxs_link_options *options, struct fxs_link **result)
{
    struct fxs_link *link;
    DWORD status;

    if (!(link = calloc(1, sizeof(*link)))) return ERROR_NOT_ENOUGH_MEMORY;
    InitializeCriticalSection(&link->lock);
    link->client_flags = options->client_flags;
    link->no_start = options->no_start;
    link->start_timeout_ms = options->start_timeout_ms ? options->start_timeout_ms : FXS_START_TIMEOUT_MS;
    link->label = options->label ? _wcsdup(options->label) : default_label();
    link->service_exe = service_exe(options->service_exe);
    link->user_name = user_name();
    link->machine_name = machine_name();
    /* A remote service is never started from here. */
    link->no_start |= options->remote_host != NULL;
    link->remote_port = options->remote_port ? options->remote_port : FXS_REMOTE_DEFAULT_PORT;
    if (options->remote_host && !(link->remote_host = _wcsdup(options->remote_host))) status = ERROR_NOT_ENOUGH_MEMORY;
    else if (!link->label || !link->user_name || !link->machine_name) status = ERROR_NOT_ENOUGH_MEMORY;
    else if (!link->service_exe && !link->no_start) status = ERROR_FILE_NOT_FOUND;
    else status = bind_link(link, &link->binding);
    if (status)
    {
        link_free(link);
        return status;
    }
    *result = link;
    return ERROR_SUCCESS;
}

/* A binding of the next generation (see binding.c), for a service that is not the one the
 * process's current association knows. */
static DWORD rebind(struct fxs_link *link)
{
    RPC_BINDING_HANDLE binding;
    DWORD status;

    fxs_bind_new_generation();
    if ((status = bind_link(link, &binding))) return status;
    RpcBindingFree(&link->binding);
    link->binding = binding;
    return ERROR_SUCCESS;
}

static DWORD open_with(struct fxs_link *link, const fxs_client_info *client)
{
    if (link->remote_host)
        return remote_open_session(link->binding, client, link->remote_host, &link->server, &link->session);
    return fxs_rpc_open_session(link->binding, client, &link->server, &link->session);
}

/* RPC_S_CALL_FAILED_DNE on opening: under Wine, a service that refused this process's association
 * (it is not the service the association was made with); a new one gets through. */
static DWORD try_open_session(void *context)
{
    struct fxs_link *link = context;
    fxs_client_info client =
    {
        GetCurrentProcessId(), link->client_flags, link->user_name, link->machine_name, link->label
    };
    DWORD status = open_with(link, &client);

    if (status == RPC_S_CALL_FAILED_DNE && !rebind(link)) status = open_with(link, &client);
    return status;
}

/* Called with the lock held (or before the link is shared). */
static DWORD open_session(struct fxs_link *link)
{
    if (link->no_start) return try_open_session(link);
    return autostart_open(link->service_exe, link->start_timeout_ms, try_open_session, link);
}

DWORD fxs_link_open(const struct fxs_link_options *options, struct fxs_link **result)
{
    static const struct fxs_link_options defaults;
    struct fxs_link *link;
    DWORD status;

    *result = NULL;
    if ((status = link_create(options ? options : &defaults, &link))) return status;
    if ((status = open_session(link)))
    {
        link_free(link);
        return status;
    }
    *result = link;
    return ERROR_SUCCESS;
}

/* A handle the service cannot close any more (it is gone, or new) is freed on this side only. */
static void close_handle(void **handle, DWORD (*close)(void **handle))
{
    if (*handle && close(handle)) forget_context_handle(handle);
}

/* The session first: closing it ends a pull still waiting on the channel. */
void fxs_link_close(struct fxs_link *link)
{
    if (!link) return;
    fxs_link_close_session(link);
    close_handle(&link->channel, fxs_rpc_close_channel);
    link_free(link);
}

void fxs_link_close_session(struct fxs_link *link)
{
    EnterCriticalSection(&link->lock);
    close_handle(&link->session, fxs_rpc_close_session);
    LeaveCriticalSection(&link->lock);
}

DWORD fxs_link_reopen(struct fxs_link *link)
{
    BOOL had_channel = link->channel != NULL;
    DWORD status;

    EnterCriticalSection(&link->lock);
    close_handle(&link->session, fxs_rpc_close_session);
    close_handle(&link->channel, fxs_rpc_close_channel);
    status = rebind(link);
    if (!status) status = open_session(link);
    if (!status && link->mask) status = fxs_rpc_subscribe(link->session, link->mask);
    if (!status && had_channel) status = fxs_rpc_open_channel(link->session, &link->channel);
    LeaveCriticalSection(&link->lock);
    return status;
}

void fxs_link_server_info(struct fxs_link *link, fxs_server_info *server)
{
    EnterCriticalSection(&link->lock);
    *server = link->server;
    LeaveCriticalSection(&link->lock);
}

fxs_session_handle fxs_link_session(struct fxs_link *link)
{
    return link->session;
}

/* The session's calls: a link that lost its session (a failed reopen) reports the service gone. */
DWORD fxs_link_query(struct fxs_link *link, fxs_server_info *server)
{
    DWORD status = RPC_S_SERVER_UNAVAILABLE;

    EnterCriticalSection(&link->lock);
    if (link->session) status = fxs_rpc_get_server_info(link->session, server);
    LeaveCriticalSection(&link->lock);
    return status;
}

DWORD fxs_link_subscribe(struct fxs_link *link, DWORD event_mask)
{
    DWORD status = RPC_S_SERVER_UNAVAILABLE;

    EnterCriticalSection(&link->lock);
    if (link->session && !(status = fxs_rpc_subscribe(link->session, event_mask))) link->mask = event_mask;
    LeaveCriticalSection(&link->lock);
    return status;
}

DWORD fxs_link_stop_service(struct fxs_link *link)
{
    DWORD status = RPC_S_SERVER_UNAVAILABLE;

    EnterCriticalSection(&link->lock);
    if (link->session) status = fxs_rpc_stop_service(link->session);
    LeaveCriticalSection(&link->lock);
    return status;
}
