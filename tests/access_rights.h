/*
 * What the tests of access rights share: this process's user as an SDDL SID (config_edit.h
 * replaces the service's security descriptor).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_ACCESS_RIGHTS_H
#define FXSCOMEX_TESTS_ACCESS_RIGHTS_H

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

#endif /* FXSCOMEX_TESTS_ACCESS_RIGHTS_H */
