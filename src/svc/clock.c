/*
 * The service's one clock (see clock.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "clock.h"
#include "fxs_service.h"
#include <oleauto.h>

static double speed = 1.0;
static svc_time start_time;            /* service time at start: the system time then */
static LARGE_INTEGER start_counter, counter_frequency;

void clock_init(void)
{
    WCHAR value[32];
    FILETIME now;

    if (GetEnvironmentVariableW(FXSSVC_ENV_CLOCK_SPEED, value, ARRAYSIZE(value)))
    {
        double requested = wcstod(value, NULL);
        if (requested >= 1.0 && requested <= 100000.0) speed = requested;
    }
    GetSystemTimeAsFileTime(&now);
    start_time = ((svc_time)now.dwHighDateTime << 32) | now.dwLowDateTime;
    QueryPerformanceFrequency(&counter_frequency);
    QueryPerformanceCounter(&start_counter);
}

double clock_speed(void)
{
    return speed;
}

/* Measured with the performance counter, not the system clock, so that service time never runs
 * backwards when someone sets the machine's clock. */
svc_time clock_now(void)
{
    LARGE_INTEGER counter;
    double elapsed_seconds;

    QueryPerformanceCounter(&counter);
    elapsed_seconds = (double)(counter.QuadPart - start_counter.QuadPart) / (double)counter_frequency.QuadPart;
    return start_time + (svc_time)(elapsed_seconds * speed * SVC_TIME_SECOND);
}

DWORD clock_real_ms_until(svc_time due, DWORD cap_ms)
{
    svc_time now = clock_now();
    double real_ms;

    if (due <= now) return 0;
    if (due == SVC_TIME_NEVER) return cap_ms;
    real_ms = (double)(due - now) / (SVC_TIME_SECOND / 1000) / speed;
    if (real_ms >= cap_ms) return cap_ms;
    return (DWORD)real_ms + 1;  /* rounded up: waking early would only spin */
}

double clock_to_date(svc_time time)
{
    FILETIME utc, local;
    SYSTEMTIME system;
    double date = 0;

    utc.dwLowDateTime = (DWORD)time;
    utc.dwHighDateTime = (DWORD)(time >> 32);
    if (FileTimeToLocalFileTime(&utc, &local) && FileTimeToSystemTime(&local, &system))
        SystemTimeToVariantTime(&system, &date);
    return date;
}

svc_time clock_from_date(double date)
{
    SYSTEMTIME system;
    FILETIME local, utc;

    if (!VariantTimeToSystemTime(date, &system)) return 0;
    if (!SystemTimeToFileTime(&system, &local) || !LocalFileTimeToFileTime(&local, &utc)) return 0;
    return ((svc_time)utc.dwHighDateTime << 32) | utc.dwLowDateTime;
}
