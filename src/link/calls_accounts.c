/*
 * The faxsvc methods about fax accounts, through the RPC guard (as calls_config.c does for
 * configuration): an argument block and a thunk per method.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include "link_private.h"

struct account_args
{
    fxs_session_handle session;
    const WCHAR *name;
    fxs_account_info *account;
    DWORD *count;
    fxs_account_info **accounts;
    error_status_t result;
};

static void call_list_accounts(void *p)
{
    struct account_args *a = p;
    a->result = fxs_list_accounts(a->session, a->count, a->accounts);
}

DWORD fxs_rpc_list_accounts(fxs_session_handle session, DWORD *count, fxs_account_info **accounts)
{
    struct account_args args = { session, NULL, NULL, count, accounts };

    if (count) *count = 0;
    if (accounts) *accounts = NULL;
    return guarded(call_list_accounts, &args, &args.result);
}

static void call_get_account(void *p)
{
    struct account_args *a = p;
    a->result = fxs_get_account(a->session, a->name, a->account);
}

static void call_add_account(void *p)
{
    struct account_args *a = p;
    a->result = fxs_add_account(a->session, a->name, a->account);
}

static void call_remove_account(void *p)
{
    struct account_args *a = p;
    a->result = fxs_remove_account(a->session, a->name);
}

/* The methods about one account by name (account: NULL for remove). */
static DWORD call_with_name(void (*thunk)(void *), fxs_session_handle session, const WCHAR *name,
                            fxs_account_info *account)
{
    struct account_args args = { session, name, account };

    if (account) memset(account, 0, sizeof(*account));
    if (!name) return ERROR_INVALID_PARAMETER;   /* a [string] argument cannot be NULL on the wire */
    return guarded(thunk, &args, &args.result);
}

DWORD fxs_rpc_get_account(fxs_session_handle session, const WCHAR *name, fxs_account_info *account)
{
    return call_with_name(call_get_account, session, name, account);
}

DWORD fxs_rpc_add_account(fxs_session_handle session, const WCHAR *name, fxs_account_info *account)
{
    return call_with_name(call_add_account, session, name, account);
}

DWORD fxs_rpc_remove_account(fxs_session_handle session, const WCHAR *name)
{
    return call_with_name(call_remove_account, session, name, NULL);
}

void fxs_account_infos_free(fxs_account_info *accounts, DWORD count)
{
    DWORD i;

    if (!accounts) return;
    for (i = 0; i < count; i++) free(accounts[i].name);
    free(accounts);
}
