/*
 * The activity counters (see activity.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "activity.h"
#include "notify.h"

static struct activity_counters counters;

void activity_get(struct activity_counters *out)
{
    *out = counters;
}

void activity_change(LONG incoming, LONG routing, LONG outgoing, LONG queued)
{
    if (!incoming && !routing && !outgoing && !queued) return;
    counters.incoming += incoming;
    counters.routing += routing;
    counters.outgoing += outgoing;
    counters.queued += queued;
    notify_activity();
}
