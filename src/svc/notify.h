/*
 * The engine's events: one function per kind of state change, each building the event record
 * and handing it to publish_event (publish.c), which queues it for every subscribed session.
 * Engine thread only, so events leave in the order the state changed.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_NOTIFY_H
#define FXSSVC_NOTIFY_H

#include <windows.h>

struct job;

/* On{Incoming,Outgoing}Job{Added,Removed,Changed}: job_event is FXS_JOB_EVENT_*. */
void notify_job(const struct job *job, DWORD job_event);
/* On{Incoming,Outgoing}Message{Added,Removed}; owner: the submitter of a sent fax, the recipients a
 * received one was reassigned to ("" while it is in the receive folder). */
void notify_message(BOOL incoming, ULONGLONG message_id, const WCHAR *owner, DWORD job_event);
/* OnServerActivityChange, with the counters of activity.c. */
void notify_activity(void);
/* OnQueuesStatusChange, with the queue states of the configuration. */
void notify_queue_state(void);
/* OnDeviceStatusChange. */
void notify_device_status(DWORD device_id, BOOL powered_off, BOOL sending, BOOL receiving, BOOL ringing);
/* OnNewCall. */
void notify_new_call(DWORD device_id, LONG call_id, const WCHAR *caller_id);
/* The configuration events: config_type is FXS_CONFIG_*. */
void notify_config(DWORD config_type);

#endif /* FXSSVC_NOTIFY_H */
