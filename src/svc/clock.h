/*
 * The service's one clock. Everything time-driven in the service (retries, schedules, discount
 * windows, age limits, idle stop, the virtual line's simulated line time) reads service time from
 * here, never the system clock, so that tests can run time fast: with speed S, one real second is S
 * seconds of service time. Service time starts equal to the system time when the service starts.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_CLOCK_H
#define FXSSVC_CLOCK_H

#include <windows.h>

/* Service time: 100-ns units since 1601-01-01 UTC, as a FILETIME holds. */
typedef ULONGLONG svc_time;

#define SVC_TIME_SECOND 10000000ull
#define SVC_TIME_MINUTE (60 * SVC_TIME_SECOND)
#define SVC_TIME_DAY    (24 * 60 * SVC_TIME_MINUTE)
#define SVC_TIME_NEVER  (~0ull)

void clock_init(void);
double clock_speed(void);
svc_time clock_now(void);

/* The real milliseconds until service time reaches due (0 when it has), capped at cap_ms. */
DWORD clock_real_ms_until(svc_time due, DWORD cap_ms);

/* A service time as an Automation DATE in local time, as the COM API shows times. */
double clock_to_date(svc_time time);
/* An Automation DATE in local time (as FaxDocument.ScheduleTime holds it) as service time; 0 when invalid. */
svc_time clock_from_date(double date);

#endif /* FXSSVC_CLOCK_H */
