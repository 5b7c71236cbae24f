/*
 * The RPC server: the fixed ncalrpc endpoint and the faxsvc interface.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxssvc_private.h"

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
