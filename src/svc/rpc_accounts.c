/*
 * The faxsvc methods about fax accounts (idl/faxsvc.idl), on the service's side: rights first,
 * then the arguments, then the work on the engine thread (accounts.c).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "accounts.h"
#include "config.h"
#include "engine.h"
#include "rights.h"

struct account_args
{
    const WCHAR *name;
    ULONG count;
    fxs_account_info *accounts;
    fxs_account_info *account;
};

static DWORD give(fxs_account_info *info, const WCHAR *name)
{
    return (info->name = fxs_strdup(name)) ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
}

static DWORD list_on_engine(void *context)
{
    struct account_args *args = context;
    DWORD count = accounts_count(), i, error = ERROR_SUCCESS;

    if (!(args->accounts = calloc(count ? count : 1, sizeof(*args->accounts)))) return ERROR_OUTOFMEMORY;
    for (i = 0; i < count && !error; i++) error = give(&args->accounts[i], accounts_name(i));
    if (error)
    {
        while (i--) free(args->accounts[i].name);
        free(args->accounts);
        args->accounts = NULL;
        return error;
    }
    args->count = count;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_list_accounts(fxs_session_handle handle, ULONG *count, fxs_account_info **accounts)
{
    struct session *session = session_from_handle(handle);
    struct account_args args = { 0 };
    DWORD error;

    *count = 0;
    *accounts = NULL;
    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farQUERY_CONFIG)) return ERROR_ACCESS_DENIED;
    if ((error = engine_call(list_on_engine, &args))) return error;
    *count = args.count;
    *accounts = args.accounts;
    return ERROR_SUCCESS;
}

static DWORD get_on_engine(void *context)
{
    struct account_args *args = context;
    const WCHAR *kept = accounts_find(args->name);

    return kept ? give(args->account, kept) : ERROR_NO_SUCH_USER;
}

/* Whether name is the session user's own account (which needs no right to look at). */
static BOOL is_own(const struct session *session, const WCHAR *name)
{
    WCHAR canonical[FXS_MAX_ACCOUNT_NAME + 1];

    return !accounts_canonical_name(name, canonical) && !_wcsicmp(canonical, session_user(session));
}

error_status_t __cdecl s_fxs_get_account(fxs_session_handle handle, const WCHAR *name, fxs_account_info *account)
{
    struct session *session = session_from_handle(handle);
    struct account_args args = { name, 0, NULL, account };
    WCHAR canonical[FXS_MAX_ACCOUNT_NAME + 1];
    DWORD error;

    memset(account, 0, sizeof(*account));
    if (!session) return ERROR_INVALID_HANDLE;
    if (!name) return ERROR_INVALID_PARAMETER;
    if (!name[0]) args.name = session_user(session);
    else if ((error = accounts_canonical_name(name, canonical))) return error;
    if (!is_own(session, args.name) && rights_require(session, farQUERY_CONFIG)) return ERROR_ACCESS_DENIED;
    return engine_call(get_on_engine, &args);
}

static DWORD add_on_engine(void *context)
{
    struct account_args *args = context;
    const WCHAR *kept;
    DWORD error = accounts_add(args->name, &kept);

    return error ? error : give(args->account, kept);
}

/* Adding and removing: farMANAGE_CONFIG, then a name that can be a user's, then the work. */
static DWORD change_accounts(fxs_session_handle handle, engine_work work, struct account_args *args)
{
    struct session *session = session_from_handle(handle);
    WCHAR canonical[FXS_MAX_ACCOUNT_NAME + 1];
    DWORD error;

    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farMANAGE_CONFIG)) return ERROR_ACCESS_DENIED;
    if ((error = accounts_canonical_name(args->name, canonical))) return error;
    return engine_call(work, args);
}

error_status_t __cdecl s_fxs_add_account(fxs_session_handle handle, const WCHAR *name, fxs_account_info *account)
{
    struct account_args args = { name, 0, NULL, account };

    memset(account, 0, sizeof(*account));
    return change_accounts(handle, add_on_engine, &args);
}

static DWORD remove_on_engine(void *context)
{
    struct account_args *args = context;
    return accounts_remove(args->name);
}

error_status_t __cdecl s_fxs_remove_account(fxs_session_handle handle, const WCHAR *name)
{
    struct account_args args = { name };
    return change_accounts(handle, remove_on_engine, &args);
}

static DWORD auto_create_on_engine(void *context)
{
    const WCHAR *kept;

    if (!config_get()->general.auto_create_account_on_connect || accounts_find(context)) return ERROR_SUCCESS;
    return accounts_add(context, &kept);
}

void accounts_session_opened(const WCHAR *user)
{
    DWORD error = engine_call(auto_create_on_engine, (void *)user);

    if (error) svc_log("the account of %ls could not be created (error %lu)", user, error);
}
