/*
 * The engine thread: the one thread that owns the fax service's state (jobs, devices, archives,
 * configuration). RPC threads never touch that state; they hand work to the engine thread with
 * engine_call and wait for its result. Time-driven work (retries, schedules, the virtual line's
 * rings and pages) runs from service-time timers on the same thread. One owner means no locks in
 * the engine's logic and a total order of state changes, which is also the order of the events.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_ENGINE_H
#define FXSSVC_ENGINE_H

#include <windows.h>
#include "clock.h"

typedef DWORD (*engine_work)(void *context);
typedef void (*engine_timer_fn)(void *context);

struct engine_timer;

DWORD engine_start(void);
/* Stops the thread after the work already handed to it; later calls fail with ERROR_SHUTDOWN_IN_PROGRESS. */
void engine_stop(void);

/* Runs work(context) on the engine thread and returns its result. From any other thread; on the
 * engine thread itself it runs work at once. */
DWORD engine_call(engine_work work, void *context);

/* Hands work(context) to the engine thread without waiting for it (from any thread): for threads
 * the engine may itself wait for (a provider's network thread, joined at stop). Posted work runs
 * in the order posted; ERROR_SHUTDOWN_IN_PROGRESS once engine_stop began, and then work is not
 * run: the caller keeps context. */
DWORD engine_post(engine_work work, void *context);

/* Engine thread only: runs fn(context) once service time reaches due. The returned timer stays
 * valid until it has run or was cancelled. */
struct engine_timer *engine_timer_add(svc_time due, engine_timer_fn fn, void *context);
void engine_timer_cancel(struct engine_timer *timer);

BOOL engine_is_current_thread(void);

#endif /* FXSSVC_ENGINE_H */
