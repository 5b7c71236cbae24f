/*
 * The faxsvc methods (idl/faxsvc.idl) on the service's side: check what the client sent, then
 * hand over to the sessions, channels and lifecycle. Nothing here raises: every failure is a
 * returned code. The rundown routines release what a dead client left.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "rights.h"
#include "accounts.h"
#include "remote_access.h"

#define MAX_TEST_REPEAT 100000

static void fill_server_info(struct session *session, fxs_server_info *server)
{
    server->major_version = FXSSVC_VERSION_MAJOR;
    server->minor_version = FXSSVC_VERSION_MINOR;
    server->major_build = FXSSVC_BUILD_MAJOR;
    server->minor_build = FXSSVC_BUILD_MINOR;
    server->api_version = FXS_API_VERSION;
    server->flags = svc_settings.test_hooks ? FXS_SERVER_TEST_HOOKS : 0;
#ifdef FXSSVC_DEBUG
    server->flags |= FXS_SERVER_DEBUG;
#endif
    server->process_id = GetCurrentProcessId();
    server->session_id = session_id(session);
    server->session_count = sessions_count(FALSE);
    server->queue_capacity = QUEUE_CAPACITY;
    server->max_pull = QUEUE_MAX_PULL;
    server->max_wait_ms = svc_settings.max_wait_ms;
}

/* The client's process as the RPC runtime knows it (ncalrpc), 0 when it cannot tell. Asked for
 * the current call (NULL): Wine 8 crashes when given the binding handle the stub passes in. */
static DWORD caller_process_id(void)
{
    ULONG pid = 0;
    return I_RpcBindingInqLocalClientPID(NULL, &pid) == RPC_S_OK ? pid : 0;
}

error_status_t __cdecl s_fxs_open_session(handle_t binding, const fxs_client_info *client,
                                          fxs_server_info *server, fxs_session_handle *handle)
{
    WCHAR user[FXS_MAX_CLIENT_STRING + 1];
    fxs_client_info verified;
    struct session *session;
    DWORD status, rights;

    memset(server, 0, sizeof(*server));
    *handle = NULL;
    if (!client || (client->flags & FXS_CLIENT_REMOTE)) return ERROR_INVALID_PARAMETER;
    /* Over TCP a session needs the challenge (fxs_open_remote_session). */
    if (endpoint_call_is_remote()) return ERROR_ACCESS_DENIED;
    if ((status = rights_of_caller(&rights, user, ARRAY_SIZE(user)))) return status;
    /* The user is the one of the client's token, not the one it says: it owns the jobs. */
    verified = *client;
    if (client->user_name) verified.user_name = user;
    if ((status = session_open(&verified, caller_process_id(), rights, &session))) return status;
    accounts_session_opened(session_user(session));
    fill_server_info(session, server);
    *handle = session;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_get_remote_challenge(handle_t binding, const WCHAR *user, fxs_remote_challenge *challenge)
{
    memset(challenge, 0, sizeof(*challenge));
    if (!remote_access_enabled()) return ERROR_ACCESS_DENIED;
    return remote_challenge(user, challenge);
}

/* The session's user is the one the answer authenticated, whatever client->user_name says. */
error_status_t __cdecl s_fxs_open_remote_session(handle_t binding, const fxs_client_info *client,
                                                 const fxs_remote_answer *answer, fxs_server_info *server,
                                                 fxs_session_handle *handle)
{
    fxs_client_info verified;
    struct session *session;
    DWORD status, rights;

    memset(server, 0, sizeof(*server));
    *handle = NULL;
    if (!client || !answer || (client->flags & FXS_CLIENT_REMOTE)) return ERROR_INVALID_PARAMETER;
    if (!remote_access_enabled()) return ERROR_ACCESS_DENIED;
    if ((status = remote_verify(answer))) return status;
    if ((status = rights_of_remote_user(answer->user, &rights))) return status;
    verified = *client;
    verified.user_name = answer->user;
    verified.flags |= FXS_CLIENT_REMOTE;
    verified.process_id = 0;    /* a process of another machine: none to watch here */
    if ((status = session_open(&verified, 0, rights, &session))) return status;
    fill_server_info(session, server);
    *handle = session;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_close_session(fxs_session_handle *handle)
{
    struct session *session = session_from_handle(*handle);

    if (!session) return ERROR_INVALID_HANDLE;
    session_close(session);
    *handle = NULL;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_get_server_info(fxs_session_handle handle, fxs_server_info *server)
{
    struct session *session = session_from_handle(handle);

    memset(server, 0, sizeof(*server));
    if (!session) return ERROR_INVALID_HANDLE;
    fill_server_info(session, server);
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_get_client_info(fxs_session_handle handle, fxs_client_info *client)
{
    struct session *session = session_from_handle(handle);

    memset(client, 0, sizeof(*client));
    if (!session) return ERROR_INVALID_HANDLE;
    return session_client_info(session, client);
}

/* The rights ListenToServerEvents asks for each class of events (spec/semantics.md §2): either one
 * of a class's rights is enough. Queue states and the service's end need none. */
static DWORD subscribe_rights(const struct session *session, DWORD mask)
{
    static const struct { DWORD classes; DWORD rights; } needs[] =
    {
        { FXS_EVENT_IN_QUEUE | FXS_EVENT_OUT_QUEUE, farSUBMIT_LOW | farSUBMIT_NORMAL | farSUBMIT_HIGH | farQUERY_JOBS },
        { FXS_EVENT_CONFIG | FXS_EVENT_DEVICE_STATUS | FXS_EVENT_ACTIVITY, farQUERY_CONFIG },
        { FXS_EVENT_IN_ARCHIVE, farSUBMIT_LOW | farSUBMIT_NORMAL | farSUBMIT_HIGH | farQUERY_IN_ARCHIVE },
        { FXS_EVENT_OUT_ARCHIVE, farSUBMIT_LOW | farSUBMIT_NORMAL | farSUBMIT_HIGH | farQUERY_OUT_ARCHIVE },
        { FXS_EVENT_INCOMING_CALL, farQUERY_IN_ARCHIVE },
    };
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(needs); i++)
        if ((mask & needs[i].classes) && rights_require_any(session, needs[i].rights)) return ERROR_ACCESS_DENIED;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_subscribe(fxs_session_handle handle, ULONG event_mask)
{
    struct session *session = session_from_handle(handle);

    if (!session) return ERROR_INVALID_HANDLE;
    if (event_mask & ~FXS_EVENT_ALL) return ERROR_INVALID_PARAMETER;
    if (subscribe_rights(session, event_mask)) return ERROR_ACCESS_DENIED;
    session_subscribe(session, event_mask);
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_open_channel(fxs_session_handle handle, fxs_channel_handle *channel_handle)
{
    struct session *session = session_from_handle(handle);
    struct channel *channel;
    DWORD status;

    *channel_handle = NULL;
    if (!session) return ERROR_INVALID_HANDLE;
    if ((status = channel_open(session, &channel))) return status;
    *channel_handle = channel;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_pull_events(fxs_channel_handle handle, ULONG max_count, ULONG timeout_ms,
                                         ULONG *missed, ULONG *count, fxs_event **events)
{
    struct channel *channel = channel_from_handle(handle);

    *missed = *count = 0;
    *events = NULL;
    if (!channel) return ERROR_INVALID_HANDLE;
    return channel_pull(channel, max_count, timeout_ms, events, count, missed);
}

error_status_t __cdecl s_fxs_close_channel(fxs_channel_handle *handle)
{
    struct channel *channel = channel_from_handle(*handle);

    if (!channel) return ERROR_INVALID_HANDLE;
    channel_close(channel);
    *handle = NULL;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_stop_service(fxs_session_handle handle)
{
    struct session *session = session_from_handle(handle);

    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farMANAGE_CONFIG)) return ERROR_ACCESS_DENIED;
    svc_log("session %lu asks the service to stop", session_id(session));
    lifecycle_request_stop("asked by a client");
    return ERROR_SUCCESS;
}

/* FXSSVC_ENDED is the service's own word: nobody may publish it. */
error_status_t __cdecl s_fxs_test_publish(fxs_session_handle handle, const fxs_event *event, ULONG repeat)
{
    struct session *session = session_from_handle(handle);
    ULONG i;

    if (!svc_settings.test_hooks) return ERROR_NOT_SUPPORTED;
    if (!session) return ERROR_INVALID_HANDLE;
    if (!event || !fxs_event_class_is_valid(event->event_class) ||
        event->event_class == FXS_EVENT_FXSSVC_ENDED || !repeat || repeat > MAX_TEST_REPEAT)
        return ERROR_INVALID_PARAMETER;
    for (i = 0; i < repeat; i++) publish_event(event);
    return ERROR_SUCCESS;
}

/* The client process died, or its connection broke, with the session still open. */
void __RPC_USER fxs_session_handle_rundown(fxs_session_handle handle)
{
    struct session *session = session_from_handle(handle);

    if (!session) return;
    svc_log("session %lu ran down", session_id(session));
    session_close(session);
}

void __RPC_USER fxs_channel_handle_rundown(fxs_channel_handle handle)
{
    struct channel *channel = channel_from_handle(handle);
    if (channel) channel_close(channel);
}
