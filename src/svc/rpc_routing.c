/*
 * The faxsvc methods about inbound routing and extension data (idl/faxsvc.idl), on the service's
 * side: rights first, then the arguments, then the work on the engine thread.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "fxs_routing_info.h"
#include "config.h"
#include "engine.h"
#include "extension_data.h"
#include "inbound_routing.h"
#include "rights.h"

static BOOL copy(WCHAR **dst, const WCHAR *src)
{
    return (*dst = fxs_strdup(src)) != NULL;
}

static DWORD method_to_info(unsigned int index, fxs_routing_method_info *info)
{
    const struct routing_method *method = inbound_routing_method(index);

    memset(info, 0, sizeof(*info));
    info->priority = config_get()->inbound_routing.priority[index];
    info->major_version = FXSSVC_VERSION_MAJOR;
    info->minor_version = FXSSVC_VERSION_MINOR;
    info->major_build = FXSSVC_BUILD_MAJOR;
    info->minor_build = FXSSVC_BUILD_MINOR;
#ifdef FXSSVC_DEBUG
    info->debug = 1;
#endif
    info->status = fpsSUCCESS;
    if (copy(&info->guid, method->guid) && copy(&info->name, method->name) &&
        copy(&info->function_name, method->function_name) &&
        copy(&info->extension_unique_name, ROUTING_EXTENSION_UNIQUE_NAME) &&
        copy(&info->extension_friendly_name, ROUTING_EXTENSION_FRIENDLY_NAME) &&
        copy(&info->extension_image_name, ROUTING_EXTENSION_IMAGE_NAME))
        return ERROR_SUCCESS;
    fxs_routing_method_info_clear(info);
    return ERROR_OUTOFMEMORY;
}

struct methods_args
{
    ULONG count;
    fxs_routing_method_info *methods;
};

static int by_priority(const void *a, const void *b)
{
    const fxs_routing_method_info *x = a, *y = b;
    return x->priority < y->priority ? -1 : x->priority > y->priority;
}

static DWORD list_methods_on_engine(void *context)
{
    struct methods_args *args = context;
    unsigned int count = inbound_routing_method_count(), i;
    DWORD error = ERROR_SUCCESS;

    if (!(args->methods = calloc(count, sizeof(*args->methods)))) return ERROR_OUTOFMEMORY;
    for (i = 0; i < count && !error; i++) error = method_to_info(i, &args->methods[i]);
    if (error)
    {
        fxs_routing_method_infos_free(args->methods, i);
        args->methods = NULL;
        return error;
    }
    qsort(args->methods, count, sizeof(*args->methods), by_priority);
    args->count = count;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_list_routing_methods(fxs_session_handle handle, ULONG *count,
                                                  fxs_routing_method_info **methods)
{
    struct session *session = session_from_handle(handle);
    struct methods_args args = { 0 };
    DWORD error;

    *count = 0;
    *methods = NULL;
    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farQUERY_CONFIG)) return ERROR_ACCESS_DENIED;
    if ((error = engine_call(list_methods_on_engine, &args))) return error;
    *count = args.count;
    *methods = args.methods;
    return ERROR_SUCCESS;
}

struct data_args
{
    DWORD device_id;
    const WCHAR *guid;
    const BYTE *in;
    DWORD size;
    BYTE *out;
};

static DWORD get_data_on_engine(void *context)
{
    struct data_args *args = context;
    return extension_data_get(args->device_id, args->guid, &args->out, &args->size);
}

error_status_t __cdecl s_fxs_get_extension_data(fxs_session_handle handle, ULONG device_id, const WCHAR *guid,
                                                ULONG *size, BYTE **data)
{
    struct session *session = session_from_handle(handle);
    struct data_args args = { device_id, guid };
    DWORD error;

    *size = 0;
    *data = NULL;
    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farQUERY_CONFIG)) return ERROR_ACCESS_DENIED;
    if (!extension_data_guid_valid(guid)) return ERROR_INVALID_PARAMETER;
    if ((error = engine_call(get_data_on_engine, &args))) return error;
    *size = args.size;
    *data = args.out;   /* freed by the stub with MIDL_user_free, which is free() */
    return ERROR_SUCCESS;
}

static DWORD set_data_on_engine(void *context)
{
    struct data_args *args = context;
    return extension_data_set(args->device_id, args->guid, args->in, args->size);
}

error_status_t __cdecl s_fxs_set_extension_data(fxs_session_handle handle, ULONG device_id, const WCHAR *guid,
                                                ULONG size, const BYTE *data)
{
    struct session *session = session_from_handle(handle);
    struct data_args args = { device_id, guid, data, size };

    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farMANAGE_CONFIG)) return ERROR_ACCESS_DENIED;
    if (!extension_data_guid_valid(guid) || size > FXS_MAX_EXTENSION_DATA || (size && !data))
        return ERROR_INVALID_PARAMETER;
    return engine_call(set_data_on_engine, &args);
}
