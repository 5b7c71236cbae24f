/*
 * The fax accounts (IFaxAccountSet, Vista): a durable list of user names, unique ignoring case,
 * in the order they were added (see "Fax accounts" in idl/faxsvc.idl). One record file,
 * accounts.rec in the config folder, replaced atomically before a change takes effect: a crash
 * leaves the old list or the new one. Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_ACCOUNTS_H
#define FXSSVC_ACCOUNTS_H

#include <windows.h>
#include "faxsvc.h"

/* Start: reads the saved list (none saved: no accounts). */
DWORD accounts_load(void);
void accounts_unload(void);

/* The account name as kept: ".\user" and "<this computer>\user" become "user".
 * ERROR_INVALID_ACCOUNT_NAME for a name that cannot be a user's (see faxsvc.idl). */
DWORD accounts_canonical_name(const WCHAR *name, WCHAR canonical[FXS_MAX_ACCOUNT_NAME + 1]);

/* The account kept under that name (ignoring case), or NULL. */
const WCHAR *accounts_find(const WCHAR *name);

/* ERROR_USER_EXISTS, ERROR_TOO_MANY_NAMES; *kept: the name as kept. */
DWORD accounts_add(const WCHAR *name, const WCHAR **kept);
/* ERROR_NO_SUCH_USER. */
DWORD accounts_remove(const WCHAR *name);

DWORD accounts_count(void);
const WCHAR *accounts_name(DWORD index);

/* rpc_accounts.c, any thread: a session of user opened; creates the user's account when
 * config.general says so (a failure is logged: the session opens all the same). */
void accounts_session_opened(const WCHAR *user);

#endif /* FXSSVC_ACCOUNTS_H */
