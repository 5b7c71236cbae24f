/*
 * Event channels: the context handle a session's long polls run on.
 *
 * Wine runs the calls on one context handle one at a time (it locks the handle exclusively for
 * each call), so a pull waiting on the session's own handle would hold up every other call of
 * the session, its close included. The channel is a second handle on the same session: pulls
 * wait there, and the session stays free.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "fxssvc_private.h"

#define CHANNEL_MAGIC 0x43535846   /* "FXSC" */

struct channel
{
    DWORD magic;
    struct session *session;       /* a reference */
};

DWORD channel_open(struct session *session, struct channel **result)
{
    struct channel *channel;
    DWORD status;

    *result = NULL;
    if (!(channel = calloc(1, sizeof(*channel)))) return ERROR_NOT_ENOUGH_MEMORY;
    if ((status = session_attach_channel(session)))
    {
        free(channel);
        return status;
    }
    channel->magic = CHANNEL_MAGIC;
    channel->session = session;
    *result = channel;
    return ERROR_SUCCESS;
}

void channel_close(struct channel *channel)
{
    channel->magic = 0;
    session_detach_channel(channel->session);
    free(channel);
}

struct channel *channel_from_handle(void *handle)
{
    struct channel *channel = handle;
    return channel && channel->magic == CHANNEL_MAGIC ? channel : NULL;
}

/* Clamps the request to the service's limits and waits on the session's queue. */
DWORD channel_pull(struct channel *channel, DWORD max_count, DWORD timeout_ms,
                   fxs_event **events, DWORD *count, DWORD *missed)
{
    if (!max_count) return ERROR_INVALID_PARAMETER;
    return session_pull(channel->session, min(max_count, QUEUE_MAX_PULL),
                        min(timeout_ms, svc_settings.max_wait_ms), events, count, missed);
}
