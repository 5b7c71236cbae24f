/*
 * What the tests of access rights share: this process's user as an SDDL SID, and a descriptor
 * from SDDL as IFaxSecurity.Descriptor takes it (config_edit.h replaces the service's descriptor).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_ACCESS_RIGHTS_H
#define FXSCOMEX_TESTS_ACCESS_RIGHTS_H

#include <string.h>
#include <sddl.h>
#include "service.h"
#include "config_edit.h"

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

/* VT_ARRAY | VT_UI1 with the self-relative descriptor of sddl (VT_EMPTY when it does not convert). */
static inline VARIANT descriptor_variant(const WCHAR *sddl)
{
    PSECURITY_DESCRIPTOR descriptor;
    VARIANT v;
    ULONG size = 0;
    void *data;

    VariantInit(&v);
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, &descriptor, &size)) return v;
    V_VT(&v) = VT_ARRAY | VT_UI1;
    V_ARRAY(&v) = SafeArrayCreateVector(VT_UI1, 0, size);
    SafeArrayAccessData(V_ARRAY(&v), &data);
    memcpy(data, descriptor, size);
    SafeArrayUnaccessData(V_ARRAY(&v));
    LocalFree(descriptor);
    return v;
}

#endif /* FXSCOMEX_TESTS_ACCESS_RIGHTS_H */
