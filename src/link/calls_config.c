/*
 * The faxsvc methods about configuration, devices and providers, through the RPC guard (as
 * calls_jobs.c does for jobs): an argument block and a thunk per method.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include "link_private.h"

struct config_args
{
    fxs_session_handle session;
    DWORD config_class;
    DWORD size;
    const BYTE *record;
    DWORD *size_out;
    BYTE **record_out;
    error_status_t result;
};

static void call_get_config(void *p)
{
    struct config_args *a = p;
    a->result = fxs_get_config(a->session, a->config_class, a->size_out, a->record_out);
}

DWORD fxs_rpc_get_config(fxs_session_handle session, DWORD config_class, DWORD *size, BYTE **record)
{
    struct config_args args = { session, config_class, 0, NULL, size, record };

    if (size) *size = 0;
    if (record) *record = NULL;
    return guarded(call_get_config, &args, &args.result);
}

static void call_set_config(void *p)
{
    struct config_args *a = p;
    a->result = fxs_set_config(a->session, a->config_class, a->size, a->record);
}

DWORD fxs_rpc_set_config(fxs_session_handle session, DWORD config_class, DWORD size, const BYTE *record)
{
    struct config_args args = { session, config_class, size, record };
    return guarded(call_set_config, &args, &args.result);
}

struct list_args
{
    fxs_session_handle session;
    DWORD *count;
    void **items;
    error_status_t result;
};

static void call_list_devices(void *p)
{
    struct list_args *a = p;
    a->result = fxs_list_devices(a->session, a->count, (fxs_device_info **)a->items);
}

DWORD fxs_rpc_list_devices(fxs_session_handle session, DWORD *count, fxs_device_info **devices)
{
    struct list_args args = { session, count, (void **)devices };

    if (count) *count = 0;
    if (devices) *devices = NULL;
    return guarded(call_list_devices, &args, &args.result);
}

static void call_list_providers(void *p)
{
    struct list_args *a = p;
    a->result = fxs_list_providers(a->session, a->count, (fxs_provider_info **)a->items);
}

DWORD fxs_rpc_list_providers(fxs_session_handle session, DWORD *count, fxs_provider_info **providers)
{
    struct list_args args = { session, count, (void **)providers };

    if (count) *count = 0;
    if (providers) *providers = NULL;
    return guarded(call_list_providers, &args, &args.result);
}

struct rights_args
{
    fxs_session_handle session;
    DWORD *rights;
    error_status_t result;
};

static void call_get_rights(void *p)
{
    struct rights_args *a = p;
    a->result = fxs_get_rights(a->session, a->rights);
}

DWORD fxs_rpc_get_rights(fxs_session_handle session, DWORD *rights)
{
    struct rights_args args = { session, rights };

    if (rights) *rights = 0;
    return guarded(call_get_rights, &args, &args.result);
}
