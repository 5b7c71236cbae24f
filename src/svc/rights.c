/*
 * Access rights (see rights.h): the security configuration's descriptor, checked with AccessCheck
 * against the token of the client (the RPC call impersonated) when its session opens.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "rights.h"
#include "config.h"
#include "engine.h"

/* What the generic rights of an ACE mean for a fax server. */
static GENERIC_MAPPING fax_mapping =
{
    farQUERY_JOBS | farQUERY_CONFIG | farQUERY_IN_ARCHIVE | farQUERY_OUT_ARCHIVE,        /* read */
    farSUBMIT_LOW | farSUBMIT_NORMAL | farSUBMIT_HIGH | farMANAGE_JOBS | farMANAGE_CONFIG |
        farMANAGE_IN_ARCHIVE | farMANAGE_OUT_ARCHIVE,                                   /* write */
    farSUBMIT_LOW | farSUBMIT_NORMAL | farSUBMIT_HIGH,                                   /* execute */
    RIGHTS_ALL,                                                                          /* all */
};

static DWORD copy_descriptor(void *context)
{
    struct security_config *copy = context;
    *copy = config_get()->security;
    return ERROR_SUCCESS;
}

/* The client's token: impersonating the caller of the current RPC call. */
static DWORD caller_token(HANDLE *token)
{
    RPC_STATUS status = RpcImpersonateClient(NULL);
    DWORD error = ERROR_SUCCESS;

    if (status != RPC_S_OK) return status;
    if (!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, token)) error = GetLastError();
    RpcRevertToSelf();
    return error;
}

/* The account of a token, as the owner of the jobs its session submits. */
static DWORD token_user(HANDLE token, WCHAR *user, DWORD size)
{
    BYTE buffer[256];
    TOKEN_USER *info = (TOKEN_USER *)buffer;
    WCHAR domain[64];
    DWORD length, domain_size = ARRAY_SIZE(domain);
    SID_NAME_USE use;

    if (!GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &length)) return GetLastError();
    if (!LookupAccountSidW(NULL, info->User.Sid, user, &size, domain, &domain_size, &use)) return GetLastError();
    return ERROR_SUCCESS;
}

DWORD rights_of_caller(DWORD *granted, WCHAR *user, DWORD user_size)
{
    struct security_config security;
    PRIVILEGE_SET privileges;
    DWORD privileges_size = sizeof(privileges), access = 0, error;
    BOOL allowed = FALSE;
    HANDLE token;

    *granted = 0;
    if ((error = engine_call(copy_descriptor, &security))) return error;
    if (!security.descriptor_size) return ERROR_INVALID_SECURITY_DESCR;
    if ((error = caller_token(&token))) return error;
    if ((error = token_user(token, user, user_size)))
    {
        CloseHandle(token);
        return error;
    }
    if (!AccessCheck((PSECURITY_DESCRIPTOR)security.descriptor, token, MAXIMUM_ALLOWED, &fax_mapping, &privileges,
                     &privileges_size, &access, &allowed))
        error = GetLastError();
    CloseHandle(token);
    /* No right at all is not an error: such a session may only look at what it is allowed to. */
    if (!error && allowed) *granted = access & RIGHTS_ALL;
    return error;
}

DWORD rights_require(const struct session *session, DWORD needed)
{
    return (session_rights(session) & needed) == needed ? ERROR_SUCCESS : ERROR_ACCESS_DENIED;
}

DWORD rights_require_any(const struct session *session, DWORD any)
{
    return (session_rights(session) & any) ? ERROR_SUCCESS : ERROR_ACCESS_DENIED;
}
