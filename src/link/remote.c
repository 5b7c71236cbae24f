/*
 * Opening a session with a remote fax service (idl/faxsvc.idl, "Remote access"): the user and
 * secret this client keeps for that server (FXS_REMOTE_CLIENT_KEY), a challenge from the service,
 * and the session opened with the proof of the secret. The secret never leaves this process.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "link_private.h"
#include "fxs_remote.h"

/* A string value of HKCU\<FXS_REMOTE_CLIENT_KEY>\<host>; FALSE when absent, empty or too long. */
static BOOL read_value(const WCHAR *host, const WCHAR *name, WCHAR *value, DWORD length)
{
    WCHAR path[300];
    DWORD size = length * sizeof(WCHAR), type;

    if (swprintf(path, ARRAY_SIZE(path), L"%ls\\%ls", FXS_REMOTE_CLIENT_KEY, host) < 0) return FALSE;
    if (RegGetValueW(HKEY_CURRENT_USER, path, name, RRF_RT_REG_SZ, &type, value, &size)) return FALSE;
    return value[0] != 0;
}

DWORD remote_credentials(const WCHAR *host, WCHAR *user, WCHAR *secret)
{
    DWORD size = FXS_REMOTE_MAX_NAME + 1;

    if (!read_value(host, L"Secret", secret, FXS_REMOTE_MAX_NAME + 1)) return ERROR_NOT_AUTHENTICATED;
    if (!read_value(host, L"User", user, FXS_REMOTE_MAX_NAME + 1) && !GetUserNameW(user, &size))
        return ERROR_NOT_AUTHENTICATED;
    return ERROR_SUCCESS;
}

/* The answer to a challenge for user: the proof of the secret. */
static DWORD answer_challenge(const fxs_remote_challenge *challenge, const WCHAR *user, const WCHAR *secret,
                              fxs_remote_answer *answer)
{
    BYTE key[FXS_REMOTE_KEY_SIZE];
    DWORD error;

    memcpy(answer->nonce, challenge->nonce, sizeof(answer->nonce));
    answer->user = (WCHAR *)user;
    if (!(error = fxs_remote_derive_key(secret, (const BYTE *)challenge->salt, challenge->iterations, key)))
        error = fxs_remote_proof(key, (const BYTE *)challenge->nonce, user, (BYTE *)answer->proof);
    SecureZeroMemory(key, sizeof(key));
    return error;
}

DWORD remote_open_session(handle_t binding, const fxs_client_info *client, const WCHAR *host,
                          fxs_server_info *server, fxs_session_handle *session)
{
    WCHAR user[FXS_REMOTE_MAX_NAME + 1], secret[FXS_REMOTE_MAX_NAME + 1];
    fxs_remote_challenge challenge;
    fxs_remote_answer answer = { { 0 } };
    DWORD error;

    if (!(error = remote_credentials(host, user, secret)) &&
        !(error = fxs_rpc_get_remote_challenge(binding, user, &challenge)) &&
        !(error = answer_challenge(&challenge, user, secret, &answer)))
        error = fxs_rpc_open_remote_session(binding, client, &answer, server, session);
    SecureZeroMemory(secret, sizeof(secret));
    return error;
}
