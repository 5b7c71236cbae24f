/*
 * The fan-out: every event the service makes goes through publish_event, which numbers it and
 * queues a copy for every session subscribed to its class. The engine calls it; so does the stop
 * sequence, for FXSSVC_ENDED.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxssvc_private.h"
#include "event_log.h"

static SRWLOCK publish_lock = SRWLOCK_INIT;
static ULONGLONG last_sequence;

/* One publisher at a time, so that every queue receives the events in sequence order. Pushing
 * never waits for a client: the lock is held only for the copies. */
void publish_job_event(const fxs_event *event, const WCHAR *owner)
{
    fxs_event numbered = *event;

    AcquireSRWLockExclusive(&publish_lock);
    numbered.sequence = ++last_sequence;
    /* Outgoing and archive events name their accounts: FaxAccount objects filter by them. (A test
     * hook's event keeps the owner it came with.) */
    if ((event->event_class & (FXS_EVENT_OUT_QUEUE | FXS_EVENT_OUT_ARCHIVE | FXS_EVENT_IN_ARCHIVE)) && owner && owner[0])
        numbered.owner = (WCHAR *)owner;
    sessions_push(&numbered, owner);
    ReleaseSRWLockExclusive(&publish_lock);
    event_log_note(event);
}

void publish_event(const fxs_event *event)
{
    publish_job_event(event, L"");
}

void publish_service_ended(void)
{
    fxs_event event = { .event_class = FXS_EVENT_FXSSVC_ENDED };
    publish_event(&event);
}
