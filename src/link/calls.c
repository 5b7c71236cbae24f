/*
 * Every faxsvc method through the RPC guard: a transport failure or a bad handle raised by the
 * stub comes back as its code, like the method's own errors.
 *
 * Each method has an argument block and a thunk that calls the stub with it; the guard calls the
 * thunk. [out] values are zeroed first: Wine's NDR reuses a stale pointer it finds there.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include "link_private.h"

DWORD guarded(fxs_guarded_call call, void *args, const error_status_t *result)
{
    DWORD code = fxs_rpc_guard(call, args);
    return code ? code : *result;
}

struct open_session_args
{
    handle_t binding;
    const fxs_client_info *client;
    fxs_server_info *server;
    fxs_session_handle *session;
    error_status_t result;
};

static void call_open_session(void *p)
{
    struct open_session_args *a = p;
    a->result = fxs_open_session(a->binding, a->client, a->server, a->session);
}

DWORD fxs_rpc_open_session(handle_t binding, const fxs_client_info *client, fxs_server_info *server,
                           fxs_session_handle *session)
{
    struct open_session_args args = { binding, client, server, session };

    if (server) memset(server, 0, sizeof(*server));
    if (session) *session = NULL;
    /* Wine 8's stub returns 0 for a NULL binding, and leaves a stale exception frame on the
     * thread that crashes the next exception raised there. */
    if (!binding) return RPC_S_INVALID_BINDING;
    return guarded(call_open_session, &args, &args.result);
}

struct close_handle_args
{
    void **handle;
    error_status_t result;
};

static void call_close_session(void *p)
{
    struct close_handle_args *a = p;
    a->result = fxs_close_session(a->handle);
}

/* The stubs dereference an [in, out] handle's pointer before anything else. */
DWORD fxs_rpc_close_session(fxs_session_handle *session)
{
    struct close_handle_args args = { session };

    if (!session) return RPC_X_NULL_REF_POINTER;
    return guarded(call_close_session, &args, &args.result);
}

struct server_info_args
{
    fxs_session_handle session;
    fxs_server_info *server;
    error_status_t result;
};

static void call_get_server_info(void *p)
{
    struct server_info_args *a = p;
    a->result = fxs_get_server_info(a->session, a->server);
}

DWORD fxs_rpc_get_server_info(fxs_session_handle session, fxs_server_info *server)
{
    struct server_info_args args = { session, server };

    if (server) memset(server, 0, sizeof(*server));
    return guarded(call_get_server_info, &args, &args.result);
}

struct client_info_args
{
    fxs_session_handle session;
    fxs_client_info *client;
    error_status_t result;
};

static void call_get_client_info(void *p)
{
    struct client_info_args *a = p;
    a->result = fxs_get_client_info(a->session, a->client);
}

DWORD fxs_rpc_get_client_info(fxs_session_handle session, fxs_client_info *client)
{
    struct client_info_args args = { session, client };

    if (client) memset(client, 0, sizeof(*client));
    return guarded(call_get_client_info, &args, &args.result);
}

void fxs_client_info_clear(fxs_client_info *client)
{
    free(client->user_name);
    free(client->machine_name);
    free(client->label);
    memset(client, 0, sizeof(*client));
}

struct subscribe_args
{
    fxs_session_handle session;
    DWORD mask;
    error_status_t result;
};

static void call_subscribe(void *p)
{
    struct subscribe_args *a = p;
    a->result = fxs_subscribe(a->session, a->mask);
}

DWORD fxs_rpc_subscribe(fxs_session_handle session, DWORD event_mask)
{
    struct subscribe_args args = { session, event_mask };
    return guarded(call_subscribe, &args, &args.result);
}

struct open_channel_args
{
    fxs_session_handle session;
    fxs_channel_handle *channel;
    error_status_t result;
};

static void call_open_channel(void *p)
{
    struct open_channel_args *a = p;
    a->result = fxs_open_channel(a->session, a->channel);
}

DWORD fxs_rpc_open_channel(fxs_session_handle session, fxs_channel_handle *channel)
{
    struct open_channel_args args = { session, channel };

    if (channel) *channel = NULL;
    return guarded(call_open_channel, &args, &args.result);
}

struct pull_args
{
    fxs_channel_handle channel;
    DWORD max_count;
    DWORD timeout_ms;
    DWORD *missed;
    DWORD *count;
    fxs_event **events;
    error_status_t result;
};

static void call_pull_events(void *p)
{
    struct pull_args *a = p;
    a->result = fxs_pull_events(a->channel, a->max_count, a->timeout_ms, a->missed, a->count, a->events);
}

DWORD fxs_rpc_pull_events(fxs_channel_handle channel, DWORD max_count, DWORD timeout_ms, DWORD *missed,
                          DWORD *count, fxs_event **events)
{
    struct pull_args args = { channel, max_count, timeout_ms, missed, count, events };

    if (missed) *missed = 0;
    if (count) *count = 0;
    if (events) *events = NULL;
    return guarded(call_pull_events, &args, &args.result);
}

static void call_close_channel(void *p)
{
    struct close_handle_args *a = p;
    a->result = fxs_close_channel(a->handle);
}

DWORD fxs_rpc_close_channel(fxs_channel_handle *channel)
{
    struct close_handle_args args = { channel };

    if (!channel) return RPC_X_NULL_REF_POINTER;
    return guarded(call_close_channel, &args, &args.result);
}

struct session_args
{
    fxs_session_handle session;
    error_status_t result;
};

static void call_stop_service(void *p)
{
    struct session_args *a = p;
    a->result = fxs_stop_service(a->session);
}

DWORD fxs_rpc_stop_service(fxs_session_handle session)
{
    struct session_args args = { session };
    return guarded(call_stop_service, &args, &args.result);
}

struct test_publish_args
{
    fxs_session_handle session;
    const fxs_event *event;
    DWORD repeat;
    error_status_t result;
};

static void call_test_publish(void *p)
{
    struct test_publish_args *a = p;
    a->result = fxs_test_publish(a->session, a->event, a->repeat);
}

DWORD fxs_rpc_test_publish(fxs_session_handle session, const fxs_event *event, DWORD repeat)
{
    struct test_publish_args args = { session, event, repeat };
    return guarded(call_test_publish, &args, &args.result);
}
