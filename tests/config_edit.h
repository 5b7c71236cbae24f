/*
 * Changing one number of a configuration class over the service's RPC, as the randomized tests
 * (crash, soak) do: read the class's record, replace the key, save it. Replacing the security
 * descriptor, as the tests of access rights do.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_CONFIG_EDIT_H
#define FXSCOMEX_TESTS_CONFIG_EDIT_H

#include <string.h>
#include "service.h"
#include <sddl.h>
#include "record.h"

/* The class as a record; NULL when the service could not give it. */
static inline record *config_get(struct fxs_link *link, DWORD config_class)
{
    BYTE *data = NULL;
    DWORD size = 0;
    record *rec = NULL;

    if (!fxs_rpc_get_config(fxs_link_session(link), config_class, &size, &data)) record_parse(data, size, &rec);
    free(data);
    return rec;
}

/* Saves the class with key set to text, or to number when text is NULL: the service's result. */
static inline DWORD config_set_field(struct fxs_link *link, DWORD config_class, const char *key, const WCHAR *text,
                                     uint64_t number)
{
    record *rec = config_get(link, config_class), *edited = NULL;
    const uint8_t *old;
    const char *name;
    uint8_t *data;
    size_t i, size;
    DWORD status = ERROR_INVALID_DATA;

    if (rec && !record_create(record_kind(rec), &edited))
    {
        for (i = 0; i < record_count(rec); i++)
        {
            record_field(rec, i, &name, &old, &size);
            if (strcmp(name, key)) record_add_bytes(edited, name, old, size);
            else if (text) record_add_utf16(edited, name, (const uint16_t *)text, wcslen(text));
            else record_add_u64(edited, name, number);
        }
        if (!record_serialize(edited, &data, &size))
        {
            status = fxs_rpc_set_config(fxs_link_session(link), config_class, (DWORD)size, data);
            free(data);
        }
    }
    record_free(edited);
    record_free(rec);
    return status;
}

/* Saves the class with the number key set to value: the service's result. */
static inline DWORD config_set_number(struct fxs_link *link, DWORD config_class, const char *key, uint64_t value)
{
    return config_set_field(link, config_class, key, NULL, value);
}

/* Replaces the service's security descriptor (needs farMANAGE_CONFIG): the service's result. */
static inline DWORD config_set_security(struct fxs_link *link, const WCHAR *sddl)
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

#endif /* FXSCOMEX_TESTS_CONFIG_EDIT_H */
