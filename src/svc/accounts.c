/*
 * The fax accounts (see accounts.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include "accounts.h"
#include "jobstore.h"
#include "store.h"

#define ACCOUNTS_FILE L"accounts.rec"
#define ACCOUNTS_KIND "accounts"
#define MAX_DOMAIN    255
#define MAX_USER      256

static WCHAR **names;           /* as kept, in the order added */
static DWORD count;

/* Characters a Windows user or domain name cannot hold. */
static BOOL is_forbidden(WCHAR c)
{
    return c < 0x20 || c == 0x7f || wcschr(L"\"/\\[]:;|=,+*?<>", c);
}

static BOOL part_valid(const WCHAR *part, size_t length, size_t max)
{
    size_t i;

    if (!length || length > max || part[0] == ' ' || part[length - 1] == ' ') return FALSE;
    for (i = 0; i < length; i++)
        if (is_forbidden(part[i])) return FALSE;
    return TRUE;
}

/* "." and this computer's name mean the local machine. */
static BOOL is_local_domain(const WCHAR *domain, size_t length)
{
    WCHAR computer[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD size = ARRAY_SIZE(computer);

    if (length == 1 && domain[0] == '.') return TRUE;
    return GetComputerNameW(computer, &size) && size == length && !_wcsnicmp(domain, computer, length);
}

DWORD accounts_canonical_name(const WCHAR *name, WCHAR canonical[FXS_MAX_ACCOUNT_NAME + 1])
{
    const WCHAR *slash, *user;
    BOOL local = FALSE;
    size_t length;

    if (!name || (length = wcsnlen(name, FXS_MAX_ACCOUNT_NAME + 1)) > FXS_MAX_ACCOUNT_NAME)
        return ERROR_INVALID_ACCOUNT_NAME;
    user = name;
    if ((slash = wcschr(name, '\\')))
    {
        size_t domain_length = slash - name;

        local = domain_length && is_local_domain(name, domain_length);
        if (!local && !part_valid(name, domain_length, MAX_DOMAIN)) return ERROR_INVALID_ACCOUNT_NAME;
        user = slash + 1;
    }
    if (!part_valid(user, wcslen(user), MAX_USER)) return ERROR_INVALID_ACCOUNT_NAME;
    wcscpy(canonical, local ? user : name);
    return ERROR_SUCCESS;
}

static DWORD find_index(const WCHAR *name)
{
    WCHAR canonical[FXS_MAX_ACCOUNT_NAME + 1];
    DWORD i;

    if (accounts_canonical_name(name, canonical)) return count;
    for (i = 0; i < count; i++)
        if (!_wcsicmp(names[i], canonical)) break;
    return i;
}

const WCHAR *accounts_find(const WCHAR *name)
{
    DWORD i = find_index(name);
    return i < count ? names[i] : NULL;
}

DWORD accounts_count(void)
{
    return count;
}

const WCHAR *accounts_name(DWORD index)
{
    return index < count ? names[index] : NULL;
}

#define SKIP_NONE ((DWORD)-1)

/* Writes the list as it will be: the names but the one at index skip (SKIP_NONE: none), then
 * extra (NULL: none). Written before the list in memory changes. */
static DWORD save(DWORD skip, const WCHAR *extra)
{
    record_status status;
    char key[32];
    DWORD i, n = 0, error;
    record *rec;

    if ((status = record_create(ACCOUNTS_KIND, &rec))) return store_error_from_record(status);
    for (i = 0; i <= count && !status; i++)
    {
        const WCHAR *name = i < count ? names[i] : extra;
        if (i == skip || !name) continue;
        snprintf(key, sizeof(key), "account.%lu", n++);
        status = record_add_utf16(rec, key, (const uint16_t *)name, wcslen(name));
    }
    if (!status) status = record_add_u64(rec, "count", n);
    error = status ? store_error_from_record(status) : store_write_record(jobstore_store(), STORE_CONFIG, ACCOUNTS_FILE, rec);
    record_free(rec);
    return error;
}

DWORD accounts_add(const WCHAR *name, const WCHAR **kept)
{
    WCHAR canonical[FXS_MAX_ACCOUNT_NAME + 1], *copy, **grown;
    DWORD error;

    *kept = NULL;
    if ((error = accounts_canonical_name(name, canonical))) return error;
    if (accounts_find(canonical)) return ERROR_USER_EXISTS;
    if (count >= FXS_MAX_ACCOUNTS) return ERROR_TOO_MANY_NAMES;
    if (!(copy = fxs_strdup(canonical))) return ERROR_OUTOFMEMORY;
    if (!(grown = realloc(names, (count + 1) * sizeof(*names))))
    {
        free(copy);
        return ERROR_OUTOFMEMORY;
    }
    names = grown;
    if ((error = save(SKIP_NONE, copy)))
    {
        free(copy);
        return error;
    }
    names[count++] = copy;
    *kept = copy;
    svc_log("account %ls added", copy);
    return ERROR_SUCCESS;
}

DWORD accounts_remove(const WCHAR *name)
{
    DWORD i = find_index(name), error;

    if (i == count) return ERROR_NO_SUCH_USER;
    if ((error = save(i, NULL))) return error;
    svc_log("account %ls removed", names[i]);
    free(names[i]);
    memmove(&names[i], &names[i + 1], (count - i - 1) * sizeof(*names));
    count--;
    return ERROR_SUCCESS;
}

void accounts_unload(void)
{
    DWORD i;

    for (i = 0; i < count; i++) free(names[i]);
    free(names);
    names = NULL;
    count = 0;
}

DWORD accounts_load(void)
{
    WCHAR canonical[FXS_MAX_ACCOUNT_NAME + 1];
    uint64_t saved = 0, i;
    record *rec;
    char key[32];
    DWORD error;

    accounts_unload();
    error = store_read_record(jobstore_store(), STORE_CONFIG, ACCOUNTS_FILE, ACCOUNTS_KIND, &rec);
    if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND) return ERROR_SUCCESS;
    if (error) return error;
    if (record_get_u64(rec, "count", &saved) || saved > FXS_MAX_ACCOUNTS ||
        !(names = calloc(saved ? saved : 1, sizeof(*names))))
        error = ERROR_INVALID_DATA;
    for (i = 0; i < saved && !error; i++)
    {
        uint16_t *name = NULL;
        size_t length;

        snprintf(key, sizeof(key), "account.%lu", (unsigned long)i);
        /* A name that is not valid (any more) or twice is left out rather than failing the start. */
        if (record_get_utf16(rec, key, &name, &length)) error = ERROR_INVALID_DATA;
        else if (!accounts_canonical_name((WCHAR *)name, canonical) && !accounts_find(canonical))
        {
            names[count++] = (WCHAR *)name;
            name = NULL;
        }
        free(name);
    }
    record_free(rec);
    if (error)
    {
        svc_log("the saved accounts cannot be read (error %lu): the service starts without them", error);
        accounts_unload();
    }
    return ERROR_SUCCESS;
}
