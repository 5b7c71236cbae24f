/*
 * Binding to the fax service: its fixed ncalrpc endpoint on this machine, or its TCP port on
 * another (remote access).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "link_private.h"
#include "fxs_service.h"

/*
 * Wine keeps one client association per endpoint in a process, and the association remembers the
 * association group the first service gave it. A restarted service does not know that group and
 * refuses every new connection of it (RPC_S_CALL_FAILED_DNE) for as long as anything in the
 * process still holds the association: a link that was open when the service went away, or a
 * binding Wine itself leaked when a call failed. So under Wine each generation of bindings gets
 * an association of its own, through a network option that the ncalrpc transport ignores;
 * fxs_bind_new_generation() starts the next one. Windows does not need it and gets no option.
 */
static LONG generation;

static BOOL running_on_wine(void)
{
    return GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != NULL;
}

void fxs_bind_new_generation(void)
{
    InterlockedIncrement(&generation);
}

static DWORD bind_to(const WCHAR *protseq, const WCHAR *address, const WCHAR *endpoint, RPC_BINDING_HANDLE *binding)
{
    WCHAR options[32];
    RPC_WSTR string;
    RPC_STATUS status;

    *binding = NULL;
    swprintf(options, ARRAY_SIZE(options), L"fxscomex_generation=%ld", generation);
    status = RpcStringBindingComposeW(NULL, (RPC_WSTR)protseq, (RPC_WSTR)address, (RPC_WSTR)endpoint,
                                      running_on_wine() ? (RPC_WSTR)options : NULL, &string);
    if (status) return status;
    status = RpcBindingFromStringBindingW(string, binding);
    RpcStringFreeW(&string);
    return status;
}

DWORD fxs_bind(RPC_BINDING_HANDLE *binding)
{
    return bind_to(L"ncalrpc", NULL, FXSSVC_ENDPOINT, binding);
}

DWORD fxs_bind_tcp(const WCHAR *host, DWORD port, RPC_BINDING_HANDLE *binding)
{
    WCHAR endpoint[8];

    *binding = NULL;
    if (!host || !host[0] || !port || port > 65535) return ERROR_INVALID_PARAMETER;
    swprintf(endpoint, ARRAY_SIZE(endpoint), L"%lu", port);
    return bind_to(L"ncacn_ip_tcp", host, endpoint, binding);
}

/* RPC_S_SERVER_UNAVAILABLE: nobody listens; ERROR_SHUTDOWN_IN_PROGRESS: a service is stopping
 * and takes no session, the next one will; the others are what a listener that is not (or no
 * longer) there may give. */
BOOL fxs_service_unreachable(DWORD status)
{
    switch (status)
    {
    case RPC_S_SERVER_UNAVAILABLE:
    case RPC_S_SERVER_TOO_BUSY:
    case RPC_S_CALL_FAILED_DNE:
    case EPT_S_NOT_REGISTERED:
    case ERROR_SHUTDOWN_IN_PROGRESS:
        return TRUE;
    default:
        return FALSE;
    }
}

/* RPC_X_SS_CONTEXT_MISMATCH (ERROR_INVALID_HANDLE): a new service does not know the session;
 * RPC_S_CALL_FAILED(_DNE): the service went away during the call, or (Wine) refused this
 * association; RPC_S_SERVER_UNAVAILABLE: nobody listens. */
BOOL fxs_session_lost(DWORD status)
{
    switch (status)
    {
    case RPC_S_SERVER_UNAVAILABLE:
    case RPC_S_CALL_FAILED:
    case RPC_S_CALL_FAILED_DNE:
    case RPC_X_SS_CONTEXT_MISMATCH:
        return TRUE;
    default:
        return FALSE;
    }
}
