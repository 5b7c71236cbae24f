/*
 * What the tests of access rights share: this process's user as an SDDL SID, and replacing the
 * service's security descriptor over its RPC.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_SECURITY_EDIT_H
#define FXSCOMEX_TESTS_SECURITY_EDIT_H

#include <sddl.h>
#include "service.h"
#include "record.h"

/* The SDDL string of this process's user. */
static inline BOOL user_sid(WCHAR *text, DWORD size)
{
    BYTE buffer[256];
    TOKEN_USER *user = (TOKEN_USER *)buffer;
    DWORD length;
    HANDLE token;
    WCHAR *string;
    BOOL found = FALSE;

    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return FALSE;
    if (GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &length) &&
        ConvertSidToStringSidW(user->User.Sid, &string))
    {
        lstrcpynW(text, string, size);
        LocalFree(string);
        found = TRUE;
    }
    CloseHandle(token);
    return found;
}

/* Replaces the service's security descriptor (needs farMANAGE_CONFIG). */
static inline DWORD set_security(struct fxs_link *link, const WCHAR *sddl)
{
    PSECURITY_DESCRIPTOR descriptor;
    record *rec = NULL;
    uint8_t *data = NULL;
    size_t size = 0;
    ULONG length;
    DWORD error;

    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, &descriptor, &length))
        return GetLastError();
    if (record_create("config.security", &rec) || record_add_bytes(rec, "descriptor", descriptor, length) ||
        record_serialize(rec, &data, &size))
        error = ERROR_OUTOFMEMORY;
    else
        error = fxs_rpc_set_config(fxs_link_session(link), FXS_CONFIG_SECURITY, (DWORD)size, data);
    free(data);
    record_free(rec);
    LocalFree(descriptor);
    return error;
}

#endif /* FXSCOMEX_TESTS_SECURITY_EDIT_H */
