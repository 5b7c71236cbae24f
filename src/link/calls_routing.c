/*
 * The faxsvc methods about inbound routing and extension data, through the RPC guard (as
 * calls_config.c does for configuration): an argument block and a thunk per method.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include "link_private.h"

struct methods_args
{
    fxs_session_handle session;
    DWORD *count;
    fxs_routing_method_info **methods;
    error_status_t result;
};

static void call_list_routing_methods(void *p)
{
    struct methods_args *a = p;
    a->result = fxs_list_routing_methods(a->session, a->count, a->methods);
}

DWORD fxs_rpc_list_routing_methods(fxs_session_handle session, DWORD *count, fxs_routing_method_info **methods)
{
    struct methods_args args = { session, count, methods };

    if (count) *count = 0;
    if (methods) *methods = NULL;
    return guarded(call_list_routing_methods, &args, &args.result);
}

struct data_args
{
    fxs_session_handle session;
    DWORD device_id;
    const WCHAR *guid;
    DWORD size;
    const BYTE *data;
    DWORD *size_out;
    BYTE **data_out;
    error_status_t result;
};

static void call_get_extension_data(void *p)
{
    struct data_args *a = p;
    a->result = fxs_get_extension_data(a->session, a->device_id, a->guid, a->size_out, a->data_out);
}

DWORD fxs_rpc_get_extension_data(fxs_session_handle session, DWORD device_id, const WCHAR *guid, DWORD *size,
                                 BYTE **data)
{
    struct data_args args = { session, device_id, guid, 0, NULL, size, data };

    if (size) *size = 0;
    if (data) *data = NULL;
    if (!guid) return ERROR_INVALID_PARAMETER;   /* a [string] argument cannot be NULL on the wire */
    return guarded(call_get_extension_data, &args, &args.result);
}

static void call_set_extension_data(void *p)
{
    struct data_args *a = p;
    a->result = fxs_set_extension_data(a->session, a->device_id, a->guid, a->size, a->data);
}

DWORD fxs_rpc_set_extension_data(fxs_session_handle session, DWORD device_id, const WCHAR *guid, DWORD size,
                                 const BYTE *data)
{
    struct data_args args = { session, device_id, guid, size, data };

    if (!guid) return ERROR_INVALID_PARAMETER;
    return guarded(call_set_extension_data, &args, &args.result);
}
