/*
 * The faxsvc methods about configuration, devices and providers (idl/faxsvc.idl), on the
 * service's side: rights first, then the client's bytes are checked and parsed here, and the work
 * is handed to the engine thread (engine_call), which owns the configuration. Nothing here raises;
 * a refused change changes nothing.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "fxs_device_info.h"
#include "config_record.h"
#include "config_revision.h"
#include "devices.h"
#include "engine.h"
#include "provider.h"
#include "rights.h"
#include "routing.h"
#include "hylafax.h"
#include "remote_access.h"

/* ---- configuration ---- */

struct config_args
{
    DWORD config_class;
    DWORD flags;
    record *rec;
    DWORD read_flags;       /* set: how this session reads the class (config_revision.h) */
};

static DWORD get_config_on_engine(void *context)
{
    struct config_args *args = context;

    if (args->config_class == FXS_CONFIG_HYLAFAX)
        return hylafax_config_get((args->flags & CONFIG_RECORD_SECRETS) != 0, &args->rec);
    if (args->config_class == FXS_CONFIG_REMOTE_ACCESS) return remote_config_get(&args->rec);
    return config_to_record(args->config_class, config_get(), args->flags, &args->rec);
}

/* The provider's own class (hylafax_config.c) and remote access's besides the engine's. */
static BOOL class_known(DWORD config_class)
{
    return config_class == FXS_CONFIG_HYLAFAX || config_class == FXS_CONFIG_REMOTE_ACCESS ||
           config_class_known(config_class);
}

/* Who may be let in from the network is for a local administrator to say. */
static DWORD remote_access_rights(const struct session *session, DWORD config_class)
{
    if (config_class != FXS_CONFIG_REMOTE_ACCESS) return ERROR_SUCCESS;
    if (session_is_remote(session)) return ERROR_ACCESS_DENIED;
    return rights_require(session, farMANAGE_CONFIG);
}

error_status_t __cdecl s_fxs_get_config(fxs_session_handle handle, ULONG config_class, ULONG *size, BYTE **data)
{
    struct session *session = session_from_handle(handle);
    struct config_args args = { config_class, CONFIG_RECORD_STATUS };
    record_status status;
    size_t length;
    uint8_t *text;
    DWORD error;

    *size = 0;
    *data = NULL;
    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farQUERY_CONFIG)) return ERROR_ACCESS_DENIED;
    if (!class_known(config_class)) return ERROR_INVALID_PARAMETER;
    if (remote_access_rights(session, config_class)) return ERROR_ACCESS_DENIED;
    /* The SMTP password only for those who may change it anyway. */
    if (!rights_require(session, farMANAGE_CONFIG)) args.flags |= CONFIG_RECORD_SECRETS;
    if ((error = engine_call(get_config_on_engine, &args))) return error;
    status = record_serialize(args.rec, &text, &length);
    record_free(args.rec);
    if (status) return status == RECORD_ERR_NO_MEMORY ? ERROR_OUTOFMEMORY : ERROR_INVALID_DATA;
    *size = (ULONG)length;
    *data = text;   /* freed by the stub with MIDL_user_free, which is free() */
    return ERROR_SUCCESS;
}

/* On a copy of the configuration in force: nothing is in force before config_commit says so. */
static DWORD set_config_on_engine(void *context)
{
    struct config_args *args = context;
    struct service_config *next;
    DWORD error;

    if (args->config_class == FXS_CONFIG_HYLAFAX) return hylafax_config_set(args->rec);
    if (args->config_class == FXS_CONFIG_REMOTE_ACCESS) return remote_config_set(args->rec);
    /* Made on what was read, when it says what it read: a class changed since is refused. */
    if ((error = config_revision_check(args->config_class, args->rec, args->read_flags))) return error;
    if (!(next = config_copy())) return ERROR_OUTOFMEMORY;
    if (!(error = config_from_record(args->config_class, args->rec, 0, next)))
        error = config_commit(args->config_class, next);
    free(next);
    return error;
}

error_status_t __cdecl s_fxs_set_config(fxs_session_handle handle, ULONG config_class, ULONG size, const BYTE *data)
{
    struct session *session = session_from_handle(handle);
    /* A session that may set reads with the secrets. */
    struct config_args args = { config_class, 0, NULL, CONFIG_RECORD_STATUS | CONFIG_RECORD_SECRETS };
    record_status status;
    DWORD error;

    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farMANAGE_CONFIG)) return ERROR_ACCESS_DENIED;
    if (!class_known(config_class) || !data || !size || size > FXS_MAX_CONFIG_SIZE)
        return ERROR_INVALID_PARAMETER;
    if (remote_access_rights(session, config_class)) return ERROR_ACCESS_DENIED;
    if ((status = record_parse(data, size, &args.rec)))
        return status == RECORD_ERR_NO_MEMORY ? ERROR_OUTOFMEMORY : ERROR_INVALID_PARAMETER;
    error = engine_call(set_config_on_engine, &args);
    record_free(args.rec);
    return error;
}

/* ---- devices and providers ---- */

static BOOL copy(WCHAR **dst, const WCHAR *src)
{
    return (*dst = fxs_strdup(src ? src : L"")) != NULL;
}

static DWORD device_to_info(const struct device *device, fxs_device_info *info)
{
    const struct device_config *settings = routing_device_config(device->id);

    memset(info, 0, sizeof(*info));
    info->id = device->id;
    info->powered_off = device->powered_off != 0;
    info->sending = device->sending != NULL;
    info->receiving = device->receiving != NULL;
    info->ringing = device->ringing_call != 0;
    if (settings)
    {
        info->send_enabled = settings->send_enabled != 0;
        info->receive_mode = settings->receive_mode;
        info->rings_before_answer = settings->rings_before_answer;
    }
    if (copy(&info->name, device->name) && copy(&info->provider_unique_name, device->provider->ops->unique_name) &&
        copy(&info->description, settings ? settings->description : device->description) &&
        copy(&info->number, device->number) && copy(&info->csid, settings ? settings->csid : NULL) &&
        copy(&info->tsid, settings ? settings->tsid : NULL))
        return ERROR_SUCCESS;
    fxs_device_info_clear(info);
    return ERROR_OUTOFMEMORY;
}

struct list_args
{
    ULONG count;
    void *items;
};

static DWORD list_devices_on_engine(void *context)
{
    struct list_args *args = context;
    unsigned int count = devices_count(), i;
    fxs_device_info *infos;
    DWORD error = ERROR_SUCCESS;

    if (!count) return ERROR_SUCCESS;
    if (!(infos = calloc(count, sizeof(*infos)))) return ERROR_OUTOFMEMORY;
    for (i = 0; i < count && !error; i++) error = device_to_info(device_at(i), &infos[i]);
    if (error)
    {
        fxs_device_infos_free(infos, i);
        return error;
    }
    args->count = count;
    args->items = infos;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_list_devices(fxs_session_handle handle, ULONG *count, fxs_device_info **devices)
{
    struct session *session = session_from_handle(handle);
    struct list_args args = { 0 };
    DWORD error;

    *count = 0;
    *devices = NULL;
    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farQUERY_CONFIG)) return ERROR_ACCESS_DENIED;
    if ((error = engine_call(list_devices_on_engine, &args))) return error;
    *count = args.count;
    *devices = args.items;
    return ERROR_SUCCESS;
}

/* The providers are those of the devices, in the order of their first device. */
static unsigned int distinct_providers(const struct provider **providers, unsigned int max)
{
    unsigned int count = 0, i, j;

    for (i = 0; i < devices_count(); i++)
    {
        const struct provider *provider = device_at(i)->provider;
        for (j = 0; j < count && providers[j] != provider; j++) ;
        if (j == count && count < max) providers[count++] = provider;
    }
    return count;
}

static DWORD provider_to_info(const struct provider *provider, fxs_provider_info *info)
{
    const struct provider_ops *ops = provider->ops;
    unsigned int i;

    memset(info, 0, sizeof(*info));
    info->major_version = HIWORD(ops->version);
    info->minor_version = LOWORD(ops->version);
    info->status = fpsSUCCESS;
    if (!(info->device_ids = malloc(devices_count() * sizeof(*info->device_ids) + 1))) return ERROR_OUTOFMEMORY;
    for (i = 0; i < devices_count(); i++)
        if (device_at(i)->provider == provider) info->device_ids[info->device_count++] = device_at(i)->id;
    if (copy(&info->unique_name, ops->unique_name) && copy(&info->friendly_name, ops->friendly_name) &&
        copy(&info->image_name, ops->image_name) && copy(&info->tapi_provider_name, L""))
        return ERROR_SUCCESS;
    fxs_provider_info_clear(info);
    return ERROR_OUTOFMEMORY;
}

static DWORD list_providers_on_engine(void *context)
{
    struct list_args *args = context;
    const struct provider *providers[CONFIG_MAX_DEVICES];
    unsigned int count = distinct_providers(providers, ARRAY_SIZE(providers)), i;
    fxs_provider_info *infos;
    DWORD error = ERROR_SUCCESS;

    if (!count) return ERROR_SUCCESS;
    if (!(infos = calloc(count, sizeof(*infos)))) return ERROR_OUTOFMEMORY;
    for (i = 0; i < count && !error; i++) error = provider_to_info(providers[i], &infos[i]);
    if (error)
    {
        fxs_provider_infos_free(infos, i);
        return error;
    }
    args->count = count;
    args->items = infos;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_list_providers(fxs_session_handle handle, ULONG *count, fxs_provider_info **providers)
{
    struct session *session = session_from_handle(handle);
    struct list_args args = { 0 };
    DWORD error;

    *count = 0;
    *providers = NULL;
    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farQUERY_CONFIG)) return ERROR_ACCESS_DENIED;
    if ((error = engine_call(list_providers_on_engine, &args))) return error;
    *count = args.count;
    *providers = args.items;
    return ERROR_SUCCESS;
}

/* ---- the session's rights ---- */

error_status_t __cdecl s_fxs_get_rights(fxs_session_handle handle, ULONG *rights)
{
    struct session *session = session_from_handle(handle);

    *rights = 0;
    if (!session) return ERROR_INVALID_HANDLE;
    *rights = session_rights(session);
    return ERROR_SUCCESS;
}
