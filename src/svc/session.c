/*
 * The table of client sessions: who is connected, what each one listens to, and its event queue.
 *
 * A session lives from fxs_open_session until fxs_close_session or the rundown of its context
 * handle (the client process died), plus as long as its event channel or a call still uses it:
 * hence the reference count. The table lock guards the table and every session's mask; each
 * queue has its own lock, so a publisher never waits for a client.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include "faxcomex.h"

#define SESSION_MAGIC 0x53535846   /* "FXSS": a context handle of the wrong kind is refused */

struct session
{
    DWORD magic;
    LONG refs;                     /* the table's until closed, the channel's, a pull's */
    DWORD id;
    DWORD flags;                   /* FXS_CLIENT_* */
    DWORD process_id;
    DWORD rights;                  /* FAX_ACCESS_RIGHTS_ENUM bits, fixed at open (rights.c) */
    WCHAR *user_name;
    WCHAR *machine_name;
    WCHAR *label;
    HANDLE process;                /* the client process, to end its pull when it dies; may be NULL */
    DWORD mask;                    /* FXS_EVENT_* bits, under table_lock */
    BOOL has_channel;              /* under table_lock */
    struct event_queue *queue;
};

static SRWLOCK table_lock = SRWLOCK_INIT;
static struct session *table[MAX_SESSIONS];
static DWORD table_count;
static DWORD last_id;
static BOOL refusing;              /* the service stops: no new session */

static BOOL client_string_is_valid(const WCHAR *str, BOOL required)
{
    if (!str) return !required;
    return wcsnlen(str, FXS_MAX_CLIENT_STRING + 1) <= FXS_MAX_CLIENT_STRING;
}

static BOOL client_is_valid(const fxs_client_info *client)
{
    return !(client->flags & ~(FXS_CLIENT_PASSIVE | FXS_CLIENT_REMOTE)) &&
           client_string_is_valid(client->user_name, TRUE) &&
           client_string_is_valid(client->machine_name, FALSE) &&
           client_string_is_valid(client->label, FALSE);
}

static void session_free(struct session *session)
{
    session->magic = 0;
    queue_destroy(session->queue);
    if (session->process) CloseHandle(session->process);
    free(session->user_name);
    free(session->machine_name);
    free(session->label);
    free(session);
}

/* NULL strings count as empty: every session has all three. */
static WCHAR *copy_client_string(const WCHAR *str)
{
    return fxs_strdup(str ? str : L"");
}

static struct session *session_create(const fxs_client_info *client, DWORD pid, DWORD rights)
{
    struct session *session;

    if (!(session = calloc(1, sizeof(*session)))) return NULL;
    session->magic = SESSION_MAGIC;
    session->refs = 1;
    session->flags = client->flags;
    session->process_id = pid;
    session->rights = rights;
    session->user_name = copy_client_string(client->user_name);
    session->machine_name = copy_client_string(client->machine_name);
    session->label = copy_client_string(client->label);
    session->queue = queue_create(QUEUE_CAPACITY);
    if (pid && pid != GetCurrentProcessId()) session->process = OpenProcess(SYNCHRONIZE, FALSE, pid);
    if (!session->user_name || !session->machine_name || !session->label || !session->queue)
    {
        session_free(session);
        return NULL;
    }
    return session;
}

static DWORD table_insert(struct session *session)
{
    DWORD status = ERROR_SUCCESS;

    AcquireSRWLockExclusive(&table_lock);
    if (refusing) status = ERROR_SHUTDOWN_IN_PROGRESS;
    else if (table_count == MAX_SESSIONS) status = ERROR_TOO_MANY_SESS;
    else
    {
        session->id = ++last_id;
        table[table_count++] = session;
    }
    ReleaseSRWLockExclusive(&table_lock);
    return status;
}

/* verified_pid: the client's process as the RPC runtime knows it (0 when it cannot tell), which
 * wins over what the client says. */
DWORD session_open(const fxs_client_info *client, DWORD verified_pid, DWORD rights, struct session **result)
{
    struct session *session;
    DWORD status;

    *result = NULL;
    if (!client_is_valid(client)) return ERROR_INVALID_PARAMETER;
    if (!(session = session_create(client, verified_pid ? verified_pid : client->process_id, rights)))
        return ERROR_NOT_ENOUGH_MEMORY;
    if ((status = table_insert(session)))
    {
        session_free(session);
        return status;
    }
    svc_log("session %lu opened: %ls on %ls, process %lu, \"%ls\"%s%s", session->id, session->user_name,
            session->machine_name, session->process_id, session->label,
            session->flags & FXS_CLIENT_PASSIVE ? " (passive)" : "", session->flags & FXS_CLIENT_REMOTE ? " (remote)" : "");
    lifecycle_sessions_changed();
    *result = session;
    return ERROR_SUCCESS;
}

static BOOL table_remove(struct session *session)
{
    BOOL found = FALSE;
    DWORD i;

    AcquireSRWLockExclusive(&table_lock);
    for (i = 0; i < table_count; i++)
    {
        if (table[i] != session) continue;
        table[i] = table[--table_count];
        found = TRUE;
        break;
    }
    ReleaseSRWLockExclusive(&table_lock);
    return found;
}

/* Closing ends the session's queue (a pending pull returns at once); the memory goes with the
 * last reference. */
void session_close(struct session *session)
{
    if (!table_remove(session)) return;
    svc_log("session %lu closed", session->id);
    queue_close(session->queue);
    lifecycle_sessions_changed();
    session_release(session);
}

void session_release(struct session *session)
{
    if (!InterlockedDecrement(&session->refs)) session_free(session);
}

struct session *session_from_handle(void *handle)
{
    struct session *session = handle;
    return session && session->magic == SESSION_MAGIC ? session : NULL;
}

DWORD session_id(const struct session *session)
{
    return session->id;
}

/* Fills client with copies of what the session knows of its client (MIDL_user_allocate'd). */
DWORD session_client_info(const struct session *session, fxs_client_info *client)
{
    client->process_id = session->process_id;
    client->flags = session->flags;
    client->user_name = fxs_strdup(session->user_name);
    client->machine_name = fxs_strdup(session->machine_name);
    client->label = fxs_strdup(session->label);
    if (client->user_name && client->machine_name && client->label) return ERROR_SUCCESS;
    free(client->user_name);
    free(client->machine_name);
    free(client->label);
    memset(client, 0, sizeof(*client));
    return ERROR_NOT_ENOUGH_MEMORY;
}

void session_subscribe(struct session *session, DWORD mask)
{
    AcquireSRWLockExclusive(&table_lock);
    session->mask = mask;
    ReleaseSRWLockExclusive(&table_lock);
}

/* One event channel per session; it holds a reference on the session. */
DWORD session_attach_channel(struct session *session)
{
    DWORD status = ERROR_SUCCESS;

    AcquireSRWLockExclusive(&table_lock);
    if (session->has_channel) status = ERROR_ALREADY_EXISTS;
    else
    {
        session->has_channel = TRUE;
        InterlockedIncrement(&session->refs);
    }
    ReleaseSRWLockExclusive(&table_lock);
    return status;
}

void session_detach_channel(struct session *session)
{
    AcquireSRWLockExclusive(&table_lock);
    session->has_channel = FALSE;
    ReleaseSRWLockExclusive(&table_lock);
    session_release(session);
}

/* The pull also ends when the client process dies: its context handles run down only once this
 * call has returned, so waiting out the timeout would keep a dead client's session. */
DWORD session_pull(struct session *session, unsigned int max_count, DWORD timeout_ms,
                   fxs_event **events, DWORD *count, DWORD *missed)
{
    return queue_pull(session->queue, max_count, timeout_ms, session->process, events, count, missed);
}

DWORD sessions_count(BOOL active_only)
{
    DWORD count = 0, i;

    AcquireSRWLockShared(&table_lock);
    for (i = 0; i < table_count; i++)
        if (!active_only || !(table[i]->flags & FXS_CLIENT_PASSIVE)) count++;
    ReleaseSRWLockShared(&table_lock);
    return count;
}

/* The fan-out: a copy of the event into the queue of every session subscribed to its class. */
/* A job or archive event reaches a session with the query right of its folder; without it, only
 * when it is about the session user's own outgoing job or sent fax: what the session could list
 * (rpc_jobs.c, may_see). Other events reach every session subscribed to them. */
static BOOL may_hear(const struct session *session, const fxs_event *event, const WCHAR *owner)
{
    DWORD query;

    switch (event->event_class)
    {
    case FXS_EVENT_IN_QUEUE:
    case FXS_EVENT_OUT_QUEUE: query = farQUERY_JOBS; break;
    case FXS_EVENT_IN_ARCHIVE: query = farQUERY_IN_ARCHIVE; break;
    case FXS_EVENT_OUT_ARCHIVE: query = farQUERY_OUT_ARCHIVE; break;
    default: return TRUE;
    }
    if (session->rights & query) return TRUE;
    return (event->event_class & (FXS_EVENT_OUT_QUEUE | FXS_EVENT_OUT_ARCHIVE)) &&
           (session->rights & (farSUBMIT_LOW | farSUBMIT_NORMAL | farSUBMIT_HIGH)) && owner && owner[0] &&
           session->user_name && !lstrcmpiW(owner, session->user_name);
}

void sessions_push(const fxs_event *event, const WCHAR *owner)
{
    DWORD i;

    AcquireSRWLockShared(&table_lock);
    for (i = 0; i < table_count; i++)
        if ((table[i]->mask & event->event_class) && may_hear(table[i], event, owner))
            queue_push(table[i]->queue, event);
    ReleaseSRWLockShared(&table_lock);
}

void sessions_refuse_new(void)
{
    AcquireSRWLockExclusive(&table_lock);
    refusing = TRUE;
    ReleaseSRWLockExclusive(&table_lock);
}

void sessions_close_queues(void)
{
    DWORD i;

    AcquireSRWLockShared(&table_lock);
    for (i = 0; i < table_count; i++) queue_close(table[i]->queue);
    ReleaseSRWLockShared(&table_lock);
}

/* TRUE once every session that can take FXSSVC_ENDED (it listens to it and has an event channel)
 * has received all its events, that one last: it pulled again and found the end (or it closed its
 * session or channel). */
BOOL sessions_took_ended(void)
{
    BOOL took = TRUE;
    DWORD i;

    AcquireSRWLockShared(&table_lock);
    for (i = 0; i < table_count && took; i++)
        if ((table[i]->mask & FXS_EVENT_FXSSVC_ENDED) && table[i]->has_channel)
            took = queue_finished(table[i]->queue);
    ReleaseSRWLockShared(&table_lock);
    return took;
}

DWORD session_rights(const struct session *session)
{
    return session->rights;
}

const WCHAR *session_user(const struct session *session)
{
    return session->user_name;
}

BOOL session_is_remote(const struct session *session)
{
    return (session->flags & FXS_CLIENT_REMOTE) != 0;
}
