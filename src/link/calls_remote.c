/*
 * The faxsvc methods of remote access (see calls.c for the pattern): a challenge, and a session
 * opened with its answer.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include "link_private.h"

struct challenge_args
{
    handle_t binding;
    const WCHAR *user;
    fxs_remote_challenge *challenge;
    error_status_t result;
};

static void call_get_remote_challenge(void *p)
{
    struct challenge_args *a = p;
    a->result = fxs_get_remote_challenge(a->binding, a->user, a->challenge);
}

DWORD fxs_rpc_get_remote_challenge(handle_t binding, const WCHAR *user, fxs_remote_challenge *challenge)
{
    struct challenge_args args = { binding, user, challenge };

    if (challenge) memset(challenge, 0, sizeof(*challenge));
    if (!binding) return RPC_S_INVALID_BINDING;   /* see fxs_rpc_open_session */
    return guarded(call_get_remote_challenge, &args, &args.result);
}

struct open_remote_args
{
    handle_t binding;
    const fxs_client_info *client;
    const fxs_remote_answer *answer;
    fxs_server_info *server;
    fxs_session_handle *session;
    error_status_t result;
};

static void call_open_remote_session(void *p)
{
    struct open_remote_args *a = p;
    a->result = fxs_open_remote_session(a->binding, a->client, a->answer, a->server, a->session);
}

DWORD fxs_rpc_open_remote_session(handle_t binding, const fxs_client_info *client, const fxs_remote_answer *answer,
                                  fxs_server_info *server, fxs_session_handle *session)
{
    struct open_remote_args args = { binding, client, answer, server, session };

    if (server) memset(server, 0, sizeof(*server));
    if (session) *session = NULL;
    if (!binding) return RPC_S_INVALID_BINDING;
    return guarded(call_open_remote_session, &args, &args.result);
}
