/*
 * Inbound routing (see inbound_routing.h): the built-in extension's methods, and the routing of
 * a received fax through those its device uses.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxssvc_private.h"
#include "inbound_routing.h"
#include "jobstore.h"

/* The incoming archive, when it is on (IFaxIncomingArchive.UseArchive); with it off, the
 * configuration says received faxes are not kept, and the fax is taken without being kept. It
 * moves the queued image, so it must be the last method to run: it is the only one. */
static DWORD store_in_archive(struct job *job)
{
    if (!config_get()->incoming_archive.use_archive) return ERROR_SUCCESS;
    return jobstore_archive_job(job);
}

/* Only methods that work are listed (a print or mail method needs what the service does not
 * have). The GUID is the project's own. */
static const struct routing_method methods[] =
{
    {
        L"{7C07FA45-ADB4-401A-855A-0B664B42D756}", "7c07fa45_adb4_401a_855a_0b664b42d756",
        L"Store in the incoming archive", L"RouteToIncomingArchive", store_in_archive,
    },
};

C_ASSERT(ARRAY_SIZE(methods) <= CONFIG_MAX_ROUTING_METHODS);

unsigned int inbound_routing_method_count(void)
{
    return ARRAY_SIZE(methods);
}

const struct routing_method *inbound_routing_method(unsigned int index)
{
    return index < ARRAY_SIZE(methods) ? &methods[index] : NULL;
}

int inbound_routing_find(const WCHAR *guid)
{
    unsigned int i;

    for (i = 0; guid && i < ARRAY_SIZE(methods); i++)
        if (!lstrcmpiW(methods[i].guid, guid)) return i;
    return -1;
}

DWORD inbound_routing_default_methods(void)
{
    return (1u << ARRAY_SIZE(methods)) - 1;
}

static DWORD device_methods(DWORD device_id)
{
    const struct inbound_routing_config *routing = &config_get()->inbound_routing;
    DWORD i;

    for (i = 0; i < routing->device_count; i++)
        if (routing->devices[i].device_id == device_id) return routing->devices[i].methods;
    return inbound_routing_default_methods();
}

DWORD inbound_routing_route(struct job *job, BOOL *archived)
{
    const struct inbound_routing_config *routing = &config_get()->inbound_routing;
    DWORD used = device_methods(job->device_id), priority, i, error;
    BOOL taken = FALSE;

    *archived = FALSE;
    for (priority = 1; priority <= ARRAY_SIZE(methods); priority++)
        for (i = 0; i < ARRAY_SIZE(methods); i++)
        {
            if (routing->priority[i] != priority || !(used & (1u << i))) continue;
            if ((error = methods[i].route(job)))
            {
                svc_log("routing method %ls failed for incoming job %I64X: %lu", methods[i].function_name, job->id, error);
                continue;
            }
            taken = TRUE;
            if (methods[i].route == store_in_archive) *archived = config_get()->incoming_archive.use_archive;
        }
    if (taken) return ERROR_SUCCESS;
    /* Nothing took it: it is stored all the same rather than lost. */
    svc_log("no routing method took incoming job %I64X (device %lu): stored in the incoming archive", job->id,
            job->device_id);
    error = store_in_archive(job);
    *archived = !error && config_get()->incoming_archive.use_archive;
    return error;
}
