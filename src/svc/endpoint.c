/*
 * The RPC server: the fixed ncalrpc endpoint and the faxsvc interface.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "fxssvc_private.h"
#include "remote_access.h"

DWORD endpoint_start(void)
{
    RPC_STATUS status;

    status = RpcServerUseProtseqEpW((RPC_WSTR)L"ncalrpc", RPC_C_PROTSEQ_MAX_REQS_DEFAULT,
                                    (RPC_WSTR)FXSSVC_ENDPOINT, NULL);
    if (status) return status;
    status = RpcServerRegisterIfEx(s_fxssvc_v1_0_s_ifspec, NULL, NULL, 0,
                                   RPC_C_LISTEN_MAX_CALLS_DEFAULT, NULL);
    if (status) return status;
    return RpcServerListen(1, RPC_C_LISTEN_MAX_CALLS_DEFAULT, TRUE);
}

/* Stops taking calls. Calls under way finish on their own threads: every pull has been told to
 * stop waiting before this. */
void endpoint_stop(void)
{
    RpcMgmtStopServerListening(NULL);
    RpcServerUnregisterIf(s_fxssvc_v1_0_s_ifspec, NULL, FALSE);
}

/* Remote access (remote_config.c): the same interface over TCP, on every address of the machine.
 * Measured under Wine 8: adding the protocol sequence while the server listens works. */
DWORD endpoint_listen_tcp(DWORD port)
{
    WCHAR endpoint[8];

    swprintf(endpoint, ARRAY_SIZE(endpoint), L"%lu", port);
    return RpcServerUseProtseqEpW((RPC_WSTR)L"ncacn_ip_tcp", RPC_C_PROTSEQ_MAX_REQS_DEFAULT, (RPC_WSTR)endpoint, NULL);
}

/* The protocol sequence of the current call, from the binding the runtime keeps for it; anything
 * but ncalrpc counts as remote, and so does a call whose transport cannot be told. */
BOOL endpoint_call_is_remote(void)
{
    RPC_BINDING_HANDLE server;
    RPC_WSTR string, protseq = NULL;
    BOOL remote = TRUE;

    if (RpcBindingServerFromClient(NULL, &server)) return TRUE;
    if (!RpcBindingToStringBindingW(server, &string))
    {
        if (!RpcStringBindingParseW(string, NULL, &protseq, NULL, NULL, NULL))
        {
            remote = _wcsicmp((WCHAR *)protseq, L"ncalrpc") != 0;
            RpcStringFreeW(&protseq);
        }
        RpcStringFreeW(&string);
    }
    RpcBindingFree(&server);
    return remote;
}
