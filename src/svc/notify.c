/*
 * The engine's events (see notify.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxssvc_private.h"
#include "notify.h"
#include "job.h"
#include "activity.h"
#include "config.h"

void notify_job(const struct job *job, DWORD job_event)
{
    fxs_event event = { 0 };

    event.event_class = job->incoming ? FXS_EVENT_IN_QUEUE : FXS_EVENT_OUT_QUEUE;
    event.job_event = job_event;
    event.job_id = job->id;
    event.receive_folder = job->incoming != 0;
    /* Out of memory for the strings: the event still goes, with the numbers. */
    if (job_event == FXS_JOB_EVENT_STATUS && !job_status_snapshot(job, &event.job))
        memset(&event.job, 0, sizeof(event.job));
    publish_job_event(&event, job->incoming ? L"" : job->document.owner);
    fxs_event_clear(&event);
}

void notify_message(BOOL incoming, ULONGLONG message_id, const WCHAR *owner, DWORD job_event)
{
    fxs_event event = { 0 };

    event.event_class = incoming ? FXS_EVENT_IN_ARCHIVE : FXS_EVENT_OUT_ARCHIVE;
    event.job_event = job_event;
    event.job_id = message_id;
    /* A received fax is in the receive folder until it is reassigned to its recipients (owner). */
    event.receive_folder = incoming && !(owner && owner[0]);
    publish_job_event(&event, owner);
}

void notify_activity(void)
{
    fxs_event event = { 0 };
    struct activity_counters counters;

    activity_get(&counters);
    event.event_class = FXS_EVENT_ACTIVITY;
    event.incoming_messages = counters.incoming;
    event.routing_messages = counters.routing;
    event.outgoing_messages = counters.outgoing;
    event.queued_messages = counters.queued;
    publish_event(&event);
}

void notify_queue_state(void)
{
    const struct service_config *config = config_get();
    fxs_event event = { 0 };

    event.event_class = FXS_EVENT_QUEUE_STATE;
    event.outgoing_queue_blocked = config->outbox.blocked != 0;
    event.outgoing_queue_paused = config->outbox.paused != 0;
    event.incoming_queue_blocked = config->incoming_blocked != 0;
    publish_event(&event);
}

void notify_device_status(DWORD device_id, BOOL powered_off, BOOL sending, BOOL receiving, BOOL ringing)
{
    fxs_event event = { 0 };

    event.event_class = FXS_EVENT_DEVICE_STATUS;
    event.device_id = device_id;
    event.powered_off = powered_off != 0;
    event.sending = sending != 0;
    event.receiving = receiving != 0;
    event.ringing = ringing != 0;
    publish_event(&event);
}

void notify_new_call(DWORD device_id, LONG call_id, const WCHAR *caller_id)
{
    fxs_event event = { 0 };

    event.event_class = FXS_EVENT_INCOMING_CALL;
    event.device_id = device_id;
    event.call_id = call_id;
    event.caller_id = (WCHAR *)(caller_id ? caller_id : L"");  /* publish_event copies the record */
    publish_event(&event);
}

void notify_config(DWORD config_type)
{
    fxs_event event = { 0 };

    event.event_class = FXS_EVENT_CONFIG;
    event.config_type = config_type;
    publish_event(&event);
}
