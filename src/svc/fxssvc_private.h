/*
 * fxssvc.exe: what the parts of the service share.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_PRIVATE_H
#define FXSSVC_PRIVATE_H

#include <windows.h>
#include "faxsvc.h"
#include "fxs_event.h"
#include "fxs_service.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* The service's version, as IFaxServer's MajorVersion, MinorVersion, MajorBuild, MinorBuild
 * report it: the project's own numbers. */
#define FXSSVC_VERSION_MAJOR 1
#define FXSSVC_VERSION_MINOR 0
#define FXSSVC_BUILD_MAJOR   1
#define FXSSVC_BUILD_MINOR   0

/* log.c: one line on stderr, when there is one (a service started on demand has none). */
void svc_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* settings.c: tunables read once at start from the environment (see fxs_service.h). */
struct svc_settings
{
    DWORD idle_ms;          /* 0: never stop for being idle */
    DWORD max_wait_ms;      /* clamp of a pull's timeout */
    DWORD stop_grace_ms;    /* how long a stop waits for sessions to take FXSSVC_ENDED */
    BOOL test_hooks;        /* fxs_test_publish allowed */
    DWORD crash_at;         /* with test_hooks: end at this durable step (store_crash_at); 0: never */
};
extern struct svc_settings svc_settings;
void settings_load(void);

/* queue.c: a session's bounded event queue. */
#define QUEUE_CAPACITY 1024   /* events a session's queue holds; the oldest go first beyond it */
#define QUEUE_MAX_PULL 256    /* events one pull returns at most */
struct event_queue;
struct event_queue *queue_create(unsigned int capacity);
void queue_destroy(struct event_queue *queue);
void queue_push(struct event_queue *queue, const fxs_event *event);
DWORD queue_pull(struct event_queue *queue, unsigned int max_count, DWORD timeout_ms, HANDLE cancel,
                 fxs_event **events, DWORD *count, DWORD *missed);
void queue_close(struct event_queue *queue);
BOOL queue_finished(struct event_queue *queue);
unsigned int queue_length(struct event_queue *queue);

/* session.c: the table of client sessions. */
#define MAX_SESSIONS 256
struct session;
DWORD session_open(const fxs_client_info *client, DWORD verified_pid, DWORD rights, struct session **session);
void session_close(struct session *session);
void session_release(struct session *session);
struct session *session_from_handle(void *handle);
DWORD session_id(const struct session *session);
DWORD session_rights(const struct session *session);
const WCHAR *session_user(const struct session *session);
BOOL session_is_remote(const struct session *session);   /* opened over TCP (FXS_CLIENT_REMOTE) */
DWORD session_client_info(const struct session *session, fxs_client_info *client);
void session_subscribe(struct session *session, DWORD mask);
DWORD session_attach_channel(struct session *session);
void session_detach_channel(struct session *session);
DWORD session_pull(struct session *session, unsigned int max_count, DWORD timeout_ms,
                   fxs_event **events, DWORD *count, DWORD *missed);
DWORD sessions_count(BOOL active_only);
/* owner: of the job or message a job or archive event is about ("" for none); see may_hear. */
void sessions_push(const fxs_event *event, const WCHAR *owner);
void sessions_refuse_new(void);
void sessions_close_queues(void);
BOOL sessions_took_ended(void);

/* channel.c: a session's event channel, the context handle that long polls wait on. */
struct channel;
DWORD channel_open(struct session *session, struct channel **channel);
void channel_close(struct channel *channel);
struct channel *channel_from_handle(void *handle);
DWORD channel_pull(struct channel *channel, DWORD max_count, DWORD timeout_ms,
                   fxs_event **events, DWORD *count, DWORD *missed);

/* publish.c: the fan-out the engine calls for every event. */
void publish_event(const fxs_event *event);
/* A job or archive event: only sessions that may see the job hear it (session.c, may_hear). */
void publish_job_event(const fxs_event *event, const WCHAR *owner);
void publish_service_ended(void);

/* endpoint.c: the RPC server. */
DWORD endpoint_start(void);
void endpoint_stop(void);

/* lifecycle.c: single instance, serving, idle stop, the stop sequence. serving (may be NULL) is
 * called once the service answers; the result is the process exit code. */
int lifecycle_run(void (*serving)(void));
void lifecycle_request_stop(const char *reason);
void lifecycle_sessions_changed(void);

/* scm.c: the Service Control Manager. */
int scm_install(void);
int scm_uninstall(void);
int scm_run_service(void);

/* stop.c: the --stop command. */
int command_stop(void);

#endif /* FXSSVC_PRIVATE_H */
