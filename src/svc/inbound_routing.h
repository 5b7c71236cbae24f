/*
 * Inbound routing: what happens to a received fax. The service has one routing extension of its
 * own, built in (it cannot load Windows routing extension DLLs), whose methods are listed here;
 * each device uses the methods its configuration ("config.inbound_routing") enables, in the order
 * of their priorities. A fax no method took is stored in the incoming archive all the same (see
 * idl/faxsvc.idl): a received fax is never lost to routing. Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_INBOUND_ROUTING_H
#define FXSSVC_INBOUND_ROUTING_H

#include <windows.h>
#include "config.h"
#include "job.h"

#define ROUTING_EXTENSION_UNIQUE_NAME   L"fxscomex.inbound_routing"
#define ROUTING_EXTENSION_FRIENDLY_NAME L"fxscomex inbound routing"
#define ROUTING_EXTENSION_IMAGE_NAME    L"fxssvc.exe"

struct routing_method
{
    const WCHAR *guid;              /* "{...}", uppercase */
    const char *key;                /* the GUID as a record key: lowercase, no braces, "_" for "-" */
    const WCHAR *name;
    const WCHAR *function_name;
    /* Takes the received fax (its image is the job's queued image); ERROR_SUCCESS when it did. */
    DWORD (*route)(struct job *job);
};

unsigned int inbound_routing_method_count(void);
const struct routing_method *inbound_routing_method(unsigned int index);
/* The index of the method with this GUID (either case, braces required), -1 when none. */
int inbound_routing_find(const WCHAR *guid);

/* The methods' bits a device seen for the first time uses: all of them. */
DWORD inbound_routing_default_methods(void);

/* Routes a received fax whose image is in its queue folder: the device's methods in the order of
 * their priorities, each until one fails (the others still run); the archive when none took it.
 * Returns what archiving gave, ERROR_SUCCESS when a method took the fax. *archived: whether the
 * fax went into the incoming archive. */
DWORD inbound_routing_route(struct job *job, BOOL *archived);

#endif /* FXSSVC_INBOUND_ROUTING_H */
