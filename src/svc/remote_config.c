/*
 * The remote access configuration class, FXS_CONFIG_REMOTE_ACCESS ("config.remote_access"; the
 * keys are in idl/faxsvc.idl): whether the service takes sessions over TCP, on which port, and
 * the users who may open them, each with a key derived from a secret an administrator set. One
 * record file, "remote_access.rec" in the data root's config folder, written whole. Enabling
 * starts listening at once; disabling refuses new remote sessions at once (the port stays open
 * until the next start: the RPC runtime cannot stop listening on one protocol sequence).
 * Changed on the engine thread; read from any thread under the lock.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include "remote_access.h"
#include "store.h"

#define CONFIG_FILE L"remote_access.rec"
#define CONFIG_KIND "config.remote_access"

struct remote_user
{
    WCHAR name[FXS_REMOTE_MAX_NAME + 1];
    BYTE salt[FXS_REMOTE_SALT_SIZE];
    BYTE key[FXS_REMOTE_KEY_SIZE];
};

struct remote_config
{
    BOOL enabled;
    DWORD port;
    DWORD count;
    struct remote_user users[FXS_REMOTE_MAX_USERS];
};

static SRWLOCK lock = SRWLOCK_INIT;
static struct remote_config current = { FALSE, FXS_REMOTE_DEFAULT_PORT };   /* saved; in force but a new port */
static DWORD listening_port;            /* 0: not listening on TCP */
static struct store *config_store;

static void set_defaults(struct remote_config *config)
{
    memset(config, 0, sizeof(*config));
    config->port = FXS_REMOTE_DEFAULT_PORT;
}

BOOL remote_access_enabled(void)
{
    BOOL enabled;

    AcquireSRWLockShared(&lock);
    enabled = current.enabled && listening_port;
    ReleaseSRWLockShared(&lock);
    return enabled;
}

static const struct remote_user *find_user(const struct remote_config *config, const WCHAR *name)
{
    DWORD i;

    for (i = 0; i < config->count; i++)
        if (!_wcsicmp(config->users[i].name, name)) return &config->users[i];
    return NULL;
}

DWORD remote_user_key(const WCHAR *name, BYTE salt[FXS_REMOTE_SALT_SIZE], BYTE key[FXS_REMOTE_KEY_SIZE])
{
    const struct remote_user *user;
    DWORD error = ERROR_NOT_FOUND;

    AcquireSRWLockShared(&lock);
    if ((user = find_user(&current, name)))
    {
        memcpy(salt, user->salt, FXS_REMOTE_SALT_SIZE);
        memcpy(key, user->key, FXS_REMOTE_KEY_SIZE);
        error = ERROR_SUCCESS;
    }
    ReleaseSRWLockShared(&lock);
    return error;
}

/* ---- records ---- */

static DWORD error_from_record(record_status status)
{
    return status == RECORD_ERR_NO_MEMORY ? ERROR_OUTOFMEMORY : ERROR_INVALID_PARAMETER;
}

static void user_key(char key[RECORD_MAX_KEY + 1], unsigned int index, const char *name)
{
    snprintf(key, RECORD_MAX_KEY + 1, "user.%u.%s", index, name);
}

/* disk: with each user's salt and key, which never leave the service. */
static DWORD to_record(const struct remote_config *config, BOOL disk, record **out)
{
    char key[RECORD_MAX_KEY + 1];
    record_status status;
    unsigned int i;

    if ((status = record_create(CONFIG_KIND, out))) return error_from_record(status);
    if (!(status = record_add_bool(*out, "enabled", config->enabled)) &&
        !(status = record_add_u64(*out, "port", config->port)))
        status = record_add_u64(*out, "count", config->count);
    for (i = 0; !status && i < config->count; i++)
    {
        const struct remote_user *user = &config->users[i];

        user_key(key, i, "name");
        if ((status = record_add_utf16(*out, key, (const uint16_t *)user->name, wcslen(user->name))) || !disk) continue;
        user_key(key, i, "salt");
        if ((status = record_add_bytes(*out, key, user->salt, sizeof(user->salt)))) continue;
        user_key(key, i, "key");
        status = record_add_bytes(*out, key, user->key, sizeof(user->key));
    }
    if (!status) return ERROR_SUCCESS;
    record_free(*out);
    *out = NULL;
    return error_from_record(status);
}

DWORD remote_config_get(record **out)
{
    struct remote_config copy;

    AcquireSRWLockShared(&lock);
    copy = current;
    ReleaseSRWLockShared(&lock);
    return to_record(&copy, FALSE, out);
}

/* A user name or a secret: min_length to FXS_REMOTE_MAX_NAME characters, no control character. */
static DWORD get_text(const record *rec, const char *key, size_t min_length, WCHAR *out, size_t *used)
{
    uint16_t *text;
    size_t length, i;
    DWORD error = ERROR_SUCCESS;

    if (record_get_utf16(rec, key, &text, &length)) return ERROR_INVALID_PARAMETER;
    if (length < min_length || length > FXS_REMOTE_MAX_NAME) error = ERROR_INVALID_PARAMETER;
    for (i = 0; !error && i < length; i++)
        if (text[i] < ' ' || text[i] == 0x7f) error = ERROR_INVALID_PARAMETER;
    if (!error)
    {
        memset(out, 0, (FXS_REMOTE_MAX_NAME + 1) * sizeof(WCHAR));
        memcpy(out, text, length * sizeof(WCHAR));
        (*used)++;
    }
    SecureZeroMemory(text, length * sizeof(WCHAR));
    free(text);
    return error;
}

static DWORD get_bytes(const record *rec, const char *key, BYTE *out, size_t size, size_t *used)
{
    const uint8_t *value;
    size_t length;

    if (record_get_bytes(rec, key, &value, &length) || length != size) return ERROR_INVALID_PARAMETER;
    memcpy(out, value, size);
    (*used)++;
    return ERROR_SUCCESS;
}

/* A secret given on the wire: a new salt, and the key derived from it. */
static DWORD read_secret(const record *rec, const char *key, struct remote_user *user, size_t *used)
{
    WCHAR secret[FXS_REMOTE_MAX_NAME + 1];
    DWORD error;

    if (!(error = get_text(rec, key, FXS_REMOTE_MIN_SECRET, secret, used)) &&
        !(error = fxs_remote_random(user->salt, sizeof(user->salt))))
        error = fxs_remote_derive_key(secret, user->salt, FXS_REMOTE_ITERATIONS, user->key);
    SecureZeroMemory(secret, sizeof(secret));
    return error;
}

static DWORD read_user(const record *rec, unsigned int index, BOOL disk, const struct remote_config *saved,
                       struct remote_user *user, size_t *used)
{
    const struct remote_user *before;
    char key[RECORD_MAX_KEY + 1];
    DWORD error;

    user_key(key, index, "name");
    if ((error = get_text(rec, key, 1, user->name, used))) return error;
    if (disk)
    {
        user_key(key, index, "salt");
        if ((error = get_bytes(rec, key, user->salt, sizeof(user->salt), used))) return error;
        user_key(key, index, "key");
        return get_bytes(rec, key, user->key, sizeof(user->key), used);
    }
    user_key(key, index, "secret");
    if (record_has(rec, key)) return read_secret(rec, key, user, used);
    if (!(before = find_user(saved, user->name))) return ERROR_INVALID_PARAMETER;
    memcpy(user->salt, before->salt, sizeof(user->salt));
    memcpy(user->key, before->key, sizeof(user->key));
    return ERROR_SUCCESS;
}

/* The whole class from rec: a file (disk) or what a client set (secrets instead of keys). */
static DWORD from_record(const record *rec, BOOL disk, const struct remote_config *saved, struct remote_config *next)
{
    uint32_t count, port;
    size_t used = 0;
    unsigned int i, j;
    int enabled;
    DWORD error;

    set_defaults(next);
    if (strcmp(record_kind(rec), CONFIG_KIND) || record_get_bool(rec, "enabled", &enabled) ||
        record_get_u32(rec, "port", &port) || !port || port > 65535 ||
        record_get_u32(rec, "count", &count) || count > FXS_REMOTE_MAX_USERS)
        return ERROR_INVALID_PARAMETER;
    used += 3;
    next->enabled = enabled;
    next->port = port;
    next->count = count;
    for (i = 0; i < count; i++)
    {
        if ((error = read_user(rec, i, disk, saved, &next->users[i], &used))) return error;
        for (j = 0; j < i; j++)
            if (!_wcsicmp(next->users[j].name, next->users[i].name)) return ERROR_INVALID_PARAMETER;
    }
    /* Every key was one of the class's: none unknown, none of a user beyond count. */
    return used == record_count(rec) ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

/* ---- in force ---- */

/* Listens on the port when enabled and not listening yet; a port of an earlier change stays. */
static DWORD start_listening(const struct remote_config *config)
{
    DWORD error;

    if (!config->enabled || listening_port) return ERROR_SUCCESS;
    if ((error = endpoint_listen_tcp(config->port)))
    {
        svc_log("remote access: cannot listen on TCP port %lu: error %lu", config->port, error);
        return error;
    }
    svc_log("remote access: listening on TCP port %lu", config->port);
    AcquireSRWLockExclusive(&lock);
    listening_port = config->port;
    ReleaseSRWLockExclusive(&lock);
    return ERROR_SUCCESS;
}

static void put_in_force(const struct remote_config *next)
{
    AcquireSRWLockExclusive(&lock);
    current = *next;
    ReleaseSRWLockExclusive(&lock);
    if (next->enabled && listening_port && listening_port != next->port)
        svc_log("remote access: port %lu takes effect at the next start; listening on %lu", next->port, listening_port);
}

DWORD remote_config_set(const record *rec)
{
    struct remote_config *next = malloc(sizeof(*next)), saved;
    record *file = NULL;
    DWORD error;

    if (!next) return ERROR_OUTOFMEMORY;
    AcquireSRWLockShared(&lock);
    saved = current;
    ReleaseSRWLockShared(&lock);
    if (!rec) error = ERROR_INVALID_PARAMETER;
    else if (!config_store) error = ERROR_NOT_READY;
    else if (!(error = from_record(rec, FALSE, &saved, next)) && !(error = start_listening(next)) &&
             !(error = to_record(next, TRUE, &file)))
        error = store_write_record(config_store, STORE_CONFIG, CONFIG_FILE, file);
    if (!error) put_in_force(next);
    record_free(file);
    SecureZeroMemory(next, sizeof(*next));
    SecureZeroMemory(&saved, sizeof(saved));
    free(next);
    return error;
}

void remote_config_load(struct store *store)
{
    struct remote_config *loaded = malloc(sizeof(*loaded)), none;
    record *rec;
    DWORD error;

    set_defaults(&current);
    set_defaults(&none);
    if (!(config_store = store) || !loaded) goto done;
    if ((error = store_read_record(store, STORE_CONFIG, CONFIG_FILE, CONFIG_KIND, &rec)))
    {
        if (error != ERROR_FILE_NOT_FOUND) svc_log("the remote access configuration cannot be read (%lu)", error);
        goto done;
    }
    error = from_record(rec, TRUE, &none, loaded);
    record_free(rec);
    if (error)
    {
        svc_log("the remote access configuration is damaged (%lu): set aside, remote access off", error);
        if (store_move(store, STORE_CONFIG, CONFIG_FILE, STORE_CONFIG, CONFIG_FILE L".damaged", TRUE))
            store_delete(store, STORE_CONFIG, CONFIG_FILE);
        goto done;
    }
    put_in_force(loaded);
    start_listening(loaded);
done:
    free(loaded);
}
