/*
 * The activity counters of OnServerActivityChange and IFaxActivity. Engine thread only; every
 * change that moves a counter is published (the service sends the activity event only when these
 * counters change).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_ACTIVITY_H
#define FXSSVC_ACTIVITY_H

#include <windows.h>

struct activity_counters
{
    LONG incoming;      /* incoming jobs being received now */
    LONG routing;       /* incoming jobs being routed now */
    LONG outgoing;      /* outgoing jobs being sent now */
    LONG queued;        /* jobs in the outgoing queue, whatever their state */
};

void activity_get(struct activity_counters *counters);

/* Adds the deltas and publishes the new counters when any moved. */
void activity_change(LONG incoming, LONG routing, LONG outgoing, LONG queued);

#endif /* FXSSVC_ACTIVITY_H */
