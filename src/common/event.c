/*
 * Event records: deep copy and release (see include/fxs_event.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "fxs_event.h"

BOOL fxs_event_class_is_valid(DWORD event_class)
{
    return event_class && !(event_class & ~FXS_EVENT_ALL) && !(event_class & (event_class - 1));
}

WCHAR *fxs_strdup(const WCHAR *str)
{
    size_t size;
    WCHAR *copy;

    if (!str) return NULL;
    size = (wcslen(str) + 1) * sizeof(WCHAR);
    if ((copy = malloc(size))) memcpy(copy, str, size);
    return copy;
}

/* Copies one string field; FALSE when the source had a string and the copy failed. */
static BOOL copy_string(WCHAR **dst, const WCHAR *src)
{
    *dst = fxs_strdup(src);
    return *dst || !src;
}

BOOL fxs_event_copy(fxs_event *dst, const fxs_event *src)
{
    fxs_job_status *job = &dst->job;
    BOOL ok;

    *dst = *src;
    ok = copy_string(&job->extended_status, src->job.extended_status);
    ok &= copy_string(&job->csid, src->job.csid);
    ok &= copy_string(&job->tsid, src->job.tsid);
    ok &= copy_string(&job->caller_id, src->job.caller_id);
    ok &= copy_string(&job->routing_information, src->job.routing_information);
    ok &= copy_string(&dst->caller_id, src->caller_id);
    ok &= copy_string(&dst->owner, src->owner);
    if (!ok) fxs_event_clear(dst);
    return ok;
}

void fxs_event_clear(fxs_event *event)
{
    free(event->job.extended_status);
    free(event->job.csid);
    free(event->job.tsid);
    free(event->job.caller_id);
    free(event->job.routing_information);
    free(event->caller_id);
    free(event->owner);
    memset(event, 0, sizeof(*event));
}

void fxs_events_free(fxs_event *events, DWORD count)
{
    DWORD i;

    if (!events) return;
    for (i = 0; i < count; i++) fxs_event_clear(&events[i]);
    free(events);
}
