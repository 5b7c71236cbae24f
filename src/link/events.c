/*
 * The event channel of a link: the long poll the dispatcher thread runs. The channel is a context
 * handle of its own (see idl/faxsvc.idl), so a pending pull never holds up the session's calls
 * from other threads, and closing the session ends the pull.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include "link_private.h"
#include "fxs_event.h"

DWORD fxs_link_open_events(struct fxs_link *link)
{
    DWORD status = ERROR_SUCCESS;

    EnterCriticalSection(&link->lock);
    if (!link->session) status = RPC_S_SERVER_UNAVAILABLE;
    else if (!link->channel) status = fxs_rpc_open_channel(link->session, &link->channel);
    LeaveCriticalSection(&link->lock);
    return status;
}

DWORD fxs_link_pull(struct fxs_link *link, DWORD max_count, DWORD timeout_ms, struct fxs_event_batch *batch)
{
    DWORD status;

    memset(batch, 0, sizeof(*batch));
    if (!link->channel) return ERROR_INVALID_HANDLE;
    status = fxs_rpc_pull_events(link->channel, max_count, timeout_ms, &batch->missed, &batch->count,
                                 &batch->events);
    if (status) fxs_event_batch_free(batch);
    return status;
}

void fxs_event_batch_free(struct fxs_event_batch *batch)
{
    fxs_events_free(batch->events, batch->count);
    memset(batch, 0, sizeof(*batch));
}
