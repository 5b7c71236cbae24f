/*
 * The HylaFAX provider's configuration class, FXS_CONFIG_HYLAFAX ("config.hylafax"; the keys are
 * in idl/faxsvc.idl): the servers the provider talks to. One record file, "hylafax.rec" in the
 * data root's config folder, written whole (the old or the new file, whatever happens). Read once
 * at start, before the providers start: a change is saved at once and takes effect at the next
 * start of the service (the devices of a server come and go with it, and the engine's device ids
 * stay stable within a run). Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include "hylafax.h"
#include "store.h"
#include "fxssvc_private.h"

#define CONFIG_FILE L"hylafax.rec"
#define CONFIG_KIND "config.hylafax"

static struct hylafax_config started;  /* in force since the start */
static struct hylafax_config saved;    /* the next start's */
static struct store *config_store;

const struct hylafax_config *hylafax_config_started(void)
{
    return &started;
}

static DWORD error_from_record(record_status status)
{
    if (status == RECORD_ERR_NO_MEMORY) return ERROR_OUTOFMEMORY;
    return ERROR_INVALID_PARAMETER;
}

static void server_key(char *key, size_t size, unsigned int index, const char *name)
{
    snprintf(key, size, "server.%u.%s", index, name);
}

static record_status add_string(record *rec, unsigned int index, const char *name, const WCHAR *value)
{
    char key[RECORD_MAX_KEY + 1];
    server_key(key, sizeof(key), index, name);
    return record_add_utf16(rec, key, (const uint16_t *)value, wcslen(value));
}

static DWORD to_record(const struct hylafax_config *config, BOOL secrets, record **out)
{
    char key[RECORD_MAX_KEY + 1];
    record_status status;
    unsigned int i;

    if ((status = record_create(CONFIG_KIND, out))) return error_from_record(status);
    status = record_add_u64(*out, "count", config->count);
    for (i = 0; !status && i < config->count; i++)
    {
        const struct hylafax_server_config *server = &config->servers[i];
        server_key(key, sizeof(key), i, "port");
        if (!(status = add_string(*out, i, "host", server->host)) && !(status = record_add_u64(*out, key, server->port)) &&
            !(status = add_string(*out, i, "user", server->user)) && secrets)
            status = add_string(*out, i, "password", server->password);
    }
    if (!status) return ERROR_SUCCESS;
    record_free(*out);
    *out = NULL;
    return error_from_record(status);
}

DWORD hylafax_config_get(BOOL secrets, record **out)
{
    return to_record(&saved, secrets, out);
}

/* A host or user name: 1-259 characters, none of them a space or a control character. */
static BOOL name_valid(const WCHAR *text, BOOL may_be_empty)
{
    if (!*text) return may_be_empty;
    for (; *text; text++)
        if (*text <= ' ' || *text == 0x7f) return FALSE;
    return TRUE;
}

static DWORD get_string(const record *rec, unsigned int index, const char *name, WCHAR *out, size_t *used)
{
    char key[RECORD_MAX_KEY + 1];
    record_status status;
    uint16_t *text;
    size_t length;

    server_key(key, sizeof(key), index, name);
    if ((status = record_get_utf16(rec, key, &text, &length))) return error_from_record(status);
    if (length >= HYLAFAX_MAX_STRING || wcsnlen((const WCHAR *)text, length) != length)
    {
        free(text);
        return ERROR_INVALID_PARAMETER;
    }
    memset(out, 0, HYLAFAX_MAX_STRING * sizeof(WCHAR));
    memcpy(out, text, length * sizeof(WCHAR));
    free(text);
    (*used)++;
    return ERROR_SUCCESS;
}

/* The whole class from rec; a server without a password keeps the one saved for it. */
static DWORD from_record(const record *rec, const struct hylafax_config *current, struct hylafax_config *next)
{
    char key[RECORD_MAX_KEY + 1];
    size_t used = 0;
    uint32_t count, port;
    unsigned int i;
    DWORD error;

    memset(next, 0, sizeof(*next));
    if (strcmp(record_kind(rec), CONFIG_KIND) || record_get_u32(rec, "count", &count) || count > HYLAFAX_MAX_SERVERS)
        return ERROR_INVALID_PARAMETER;
    used++;
    next->count = count;
    for (i = 0; i < count; i++)
    {
        struct hylafax_server_config *server = &next->servers[i];

        server_key(key, sizeof(key), i, "port");
        if ((error = get_string(rec, i, "host", server->host, &used)) ||
            (error = get_string(rec, i, "user", server->user, &used)))
            return error;
        if (record_get_u32(rec, key, &port) || port < 1 || port > 65535) return ERROR_INVALID_PARAMETER;
        used++;
        server->port = port;
        server_key(key, sizeof(key), i, "password");
        if (record_has(rec, key))
        {
            if ((error = get_string(rec, i, "password", server->password, &used))) return error;
        }
        else if (i < current->count)
            memcpy(server->password, current->servers[i].password, sizeof(server->password));
        if (!name_valid(server->host, FALSE) || !name_valid(server->user, FALSE) || !name_valid(server->password, TRUE))
            return ERROR_INVALID_PARAMETER;
    }
    /* Every key was one of the class's: none unknown, none of a server beyond count. */
    return used == record_count(rec) ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

DWORD hylafax_config_set(const record *rec)
{
    struct hylafax_config next;
    record *file;
    DWORD error;

    if (!rec) return ERROR_INVALID_PARAMETER;
    if ((error = from_record(rec, &saved, &next))) return error;
    if (!memcmp(&next, &saved, sizeof(next))) return ERROR_SUCCESS;
    if (!config_store) return ERROR_NOT_READY;
    if ((error = to_record(&next, TRUE, &file))) return error;
    error = store_write_record(config_store, STORE_CONFIG, CONFIG_FILE, file);
    record_free(file);
    if (!error) saved = next;
    return error;
}

void hylafax_config_load(struct store *store)
{
    record *rec;
    DWORD error;

    memset(&started, 0, sizeof(started));
    memset(&saved, 0, sizeof(saved));
    if (!(config_store = store)) return;
    if ((error = store_read_record(store, STORE_CONFIG, CONFIG_FILE, CONFIG_KIND, &rec)))
    {
        if (error != ERROR_FILE_NOT_FOUND) svc_log("the HylaFAX configuration cannot be read (%lu)", error);
        return;
    }
    error = from_record(rec, &saved, &started);
    record_free(rec);
    if (error)
    {
        svc_log("the HylaFAX configuration is damaged (%lu): set aside, no HylaFAX server in force", error);
        memset(&started, 0, sizeof(started));
        if (store_move(store, STORE_CONFIG, CONFIG_FILE, STORE_CONFIG, CONFIG_FILE L".damaged", TRUE))
            store_delete(store, STORE_CONFIG, CONFIG_FILE);
        return;
    }
    saved = started;
}
