/*
 * Pointing the service at HylaFAX servers from a test: the configuration class FXS_CONFIG_HYLAFAX
 * ("config.hylafax", idl/faxsvc.idl) as a record, saved over the service's RPC. The servers are the
 * next start's: stop the service (stop_service) after saving, and the next link starts it with the
 * HylaFAX provider connecting to them.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_HYLAFAX_CONFIG_H
#define FXSCOMEX_TESTS_HYLAFAX_CONFIG_H

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "service.h"
#include "record.h"

static inline DWORD hylafax_set_record(struct fxs_link *link, const record *rec)
{
    uint8_t *data;
    size_t size;
    DWORD status;

    if (record_serialize(rec, &data, &size)) return ERROR_OUTOFMEMORY;
    status = fxs_rpc_set_config(fxs_link_session(link), FXS_CONFIG_HYLAFAX, (DWORD)size, data);
    free(data);
    return status;
}

static inline void hylafax_add_text(record *rec, const char *key, const WCHAR *value)
{
    record_add_utf16(rec, key, (const uint16_t *)value, wcslen(value));
}

/* A record of kind with count and server 0 as given; a field NULL (or port 0) is left out, extra
 * (when not NULL) adds one more key. For tests of the validation as well as for use. */
static inline record *hylafax_record(const char *kind, uint64_t count, const WCHAR *host, uint64_t port,
                                     const WCHAR *user, const WCHAR *password, const char *extra)
{
    record *rec = NULL;

    if (record_create(kind, &rec)) return NULL;
    record_add_u64(rec, "count", count);
    if (host) hylafax_add_text(rec, "server.0.host", host);
    if (port) record_add_u64(rec, "server.0.port", port);
    if (user) hylafax_add_text(rec, "server.0.user", user);
    if (password) hylafax_add_text(rec, "server.0.password", password);
    if (extra) record_add_u64(rec, extra, 1);
    return rec;
}

/* Saves one server (password "" when hfaxd asks none): the service's result. */
static inline DWORD hylafax_configure(struct fxs_link *link, const WCHAR *host, DWORD port, const WCHAR *user,
                                      const WCHAR *password)
{
    record *rec = hylafax_record("config.hylafax", 1, host, port, user, password, NULL);
    DWORD status = rec ? hylafax_set_record(link, rec) : ERROR_OUTOFMEMORY;
    record_free(rec);
    return status;
}

#endif /* FXSCOMEX_TESTS_HYLAFAX_CONFIG_H */
