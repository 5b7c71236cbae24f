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

/* A system call that failed while the service read a client's rights: logged, since the client
 * only learns the error code. */
static DWORD failed(const char *call, DWORD error)
{
    svc_log("a client's rights: %s failed with error %lu", call, error);
    return error;
}

/* The client's token: impersonating the caller of the current RPC call. */
static DWORD caller_token(HANDLE *token)
{
    RPC_STATUS status = RpcImpersonateClient(NULL);
    DWORD error = ERROR_SUCCESS;

    if (status != RPC_S_OK) return failed("RpcImpersonateClient", status);
    if (!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, token))
        error = failed("OpenThreadToken", GetLastError());
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

    if (!GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &length))
        return failed("GetTokenInformation", GetLastError());
    if (!LookupAccountSidW(NULL, info->User.Sid, user, &size, domain, &domain_size, &use))
        return failed("LookupAccountSidW", GetLastError());
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
        error = failed("AccessCheck", GetLastError());
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

/* ---- remote users ---- */

/* The SIDs a remote user's rights come from: the account of that name on this machine (if there
 * is one), Everyone, Authenticated Users and Network. A token would hold the account's groups
 * too; a remote session has no token here, and gets no group's rights but these. */
static unsigned int remote_user_sids(const WCHAR *user, BYTE sids[4][SECURITY_MAX_SID_SIZE])
{
    static const WELL_KNOWN_SID_TYPE known[] = { WinWorldSid, WinAuthenticatedUserSid, WinNetworkSid };
    DWORD size = SECURITY_MAX_SID_SIZE, domain_size = 64, i;
    unsigned int count = 0;
    WCHAR domain[64];
    SID_NAME_USE use;

    if (LookupAccountNameW(NULL, user, sids[count], &size, domain, &domain_size, &use) && use == SidTypeUser) count++;
    for (i = 0; i < ARRAY_SIZE(known); i++)
    {
        size = SECURITY_MAX_SID_SIZE;
        if (CreateWellKnownSid(known[i], NULL, sids[count], &size)) count++;
    }
    return count;
}

static BOOL sid_in(PSID sid, BYTE sids[4][SECURITY_MAX_SID_SIZE], unsigned int count)
{
    unsigned int i;
    for (i = 0; i < count; i++)
        if (EqualSid(sid, sids[i])) return TRUE;
    return FALSE;
}

/* As AccessCheck with MAXIMUM_ALLOWED: the ACEs in order, an allowed right granted unless an
 * earlier ACE denied it. */
DWORD rights_of_remote_user(const WCHAR *user, DWORD *granted)
{
    struct security_config security;
    BYTE sids[4][SECURITY_MAX_SID_SIZE];
    BOOL present = FALSE, defaulted;
    DWORD allowed = 0, denied = 0, error, i;
    unsigned int count;
    ACL *dacl = NULL;

    *granted = 0;
    if ((error = engine_call(copy_descriptor, &security))) return error;
    if (!security.descriptor_size) return ERROR_INVALID_SECURITY_DESCR;
    if (!GetSecurityDescriptorDacl((PSECURITY_DESCRIPTOR)security.descriptor, &present, &dacl, &defaulted))
        return GetLastError();
    if (!present || !dacl)
    {
        *granted = RIGHTS_ALL;     /* no DACL: everyone may do everything */
        return ERROR_SUCCESS;
    }
    count = remote_user_sids(user, sids);
    for (i = 0; i < dacl->AceCount; i++)
    {
        ACCESS_ALLOWED_ACE *ace;   /* a denied ACE has the same layout */
        ACCESS_MASK mask;

        if (!GetAce(dacl, i, (void **)&ace) || (ace->Header.AceFlags & INHERIT_ONLY_ACE)) continue;
        if (ace->Header.AceType != ACCESS_ALLOWED_ACE_TYPE && ace->Header.AceType != ACCESS_DENIED_ACE_TYPE) continue;
        if (!sid_in(&ace->SidStart, sids, count)) continue;
        mask = ace->Mask;
        MapGenericMask(&mask, &fax_mapping);
        if (ace->Header.AceType == ACCESS_ALLOWED_ACE_TYPE) allowed |= mask & ~denied;
        else denied |= mask & ~allowed;
    }
    *granted = allowed & RIGHTS_ALL;
    return ERROR_SUCCESS;
}
