/*
 * The engine thread (see engine.h): a queue of calls from other threads and a heap of
 * service-time timers, both served by one thread.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "engine.h"

struct engine_timer
{
    svc_time due;
    ULONGLONG order;        /* ties on due run in the order they were added */
    engine_timer_fn fn;
    void *context;
    unsigned int index;     /* position in the heap */
};

struct pending_call
{
    engine_work work;
    void *context;
    DWORD result;
    BOOL done;
    BOOL posted;            /* engine_post: nobody waits, the engine frees it */
    struct pending_call *next;
};

static CRITICAL_SECTION calls_lock;
static CONDITION_VARIABLE calls_added, calls_done;
static struct pending_call *calls_head, **calls_tail = &calls_head;
static BOOL stopping, running;
static HANDLE thread;
static DWORD thread_id;

/* The timer heap: engine thread only, so it needs no lock. */
static struct engine_timer **heap;
static unsigned int heap_count, heap_size;
static ULONGLONG timer_order;

static BOOL timer_before(const struct engine_timer *a, const struct engine_timer *b)
{
    return a->due < b->due || (a->due == b->due && a->order < b->order);
}

static void heap_place(struct engine_timer *timer, unsigned int index)
{
    heap[index] = timer;
    timer->index = index;
}

static void heap_sift_up(unsigned int index)
{
    struct engine_timer *timer = heap[index];

    while (index && timer_before(timer, heap[(index - 1) / 2]))
    {
        heap_place(heap[(index - 1) / 2], index);
        index = (index - 1) / 2;
    }
    heap_place(timer, index);
}

static void heap_sift_down(unsigned int index)
{
    struct engine_timer *timer = heap[index];

    for (;;)
    {
        unsigned int child = 2 * index + 1;
        if (child >= heap_count) break;
        if (child + 1 < heap_count && timer_before(heap[child + 1], heap[child])) child++;
        if (!timer_before(heap[child], timer)) break;
        heap_place(heap[child], index);
        index = child;
    }
    heap_place(timer, index);
}

static void heap_remove(unsigned int index)
{
    struct engine_timer *last = heap[--heap_count];

    if (index == heap_count) return;
    heap_place(last, index);
    heap_sift_up(index);
    heap_sift_down(last->index);
}

struct engine_timer *engine_timer_add(svc_time due, engine_timer_fn fn, void *context)
{
    struct engine_timer *timer;

    if (heap_count == heap_size)
    {
        unsigned int size = heap_size ? heap_size * 2 : 64;
        struct engine_timer **grown = realloc(heap, size * sizeof(*heap));
        if (!grown) return NULL;
        heap = grown;
        heap_size = size;
    }
    if (!(timer = malloc(sizeof(*timer)))) return NULL;
    timer->due = due;
    timer->order = timer_order++;
    timer->fn = fn;
    timer->context = context;
    heap_place(timer, heap_count++);
    heap_sift_up(timer->index);
    return timer;
}

void engine_timer_cancel(struct engine_timer *timer)
{
    if (!timer) return;
    heap_remove(timer->index);
    free(timer);
}

static void run_due_timers(void)
{
    svc_time now = clock_now();

    while (heap_count && heap[0]->due <= now)
    {
        struct engine_timer *timer = heap[0];
        heap_remove(0);
        timer->fn(timer->context);
        free(timer);
    }
}

static svc_time next_due(void)
{
    return heap_count ? heap[0]->due : SVC_TIME_NEVER;
}

static void run_calls(struct pending_call *call)
{
    while (call)
    {
        struct pending_call *next = call->next;
        call->result = call->work(call->context);
        if (call->posted)
        {
            free(call);
            call = next;
            continue;
        }
        EnterCriticalSection(&calls_lock);
        call->done = TRUE;  /* the caller frees it as soon as it sees this: do not touch it after */
        LeaveCriticalSection(&calls_lock);
        call = next;
    }
    WakeAllConditionVariable(&calls_done);
}

static DWORD WINAPI engine_thread(void *arg)
{
    for (;;)
    {
        struct pending_call *calls;

        EnterCriticalSection(&calls_lock);
        while (!calls_head && !stopping && next_due() > clock_now())
            SleepConditionVariableCS(&calls_added, &calls_lock, clock_real_ms_until(next_due(), 1000));
        calls = calls_head;
        calls_head = NULL;
        calls_tail = &calls_head;
        if (!calls && stopping)
        {
            LeaveCriticalSection(&calls_lock);
            break;
        }
        LeaveCriticalSection(&calls_lock);

        run_calls(calls);
        if (!stopping) run_due_timers();
    }
    return 0;
}

DWORD engine_start(void)
{
    InitializeCriticalSection(&calls_lock);
    InitializeConditionVariable(&calls_added);
    InitializeConditionVariable(&calls_done);
    stopping = FALSE;
    if (!(thread = CreateThread(NULL, 0, engine_thread, NULL, 0, &thread_id))) return GetLastError();
    running = TRUE;
    return ERROR_SUCCESS;
}

void engine_stop(void)
{
    if (!running) return;
    EnterCriticalSection(&calls_lock);
    stopping = TRUE;
    LeaveCriticalSection(&calls_lock);
    WakeConditionVariable(&calls_added);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    running = FALSE;
    while (heap_count) engine_timer_cancel(heap[heap_count - 1]);
}

BOOL engine_is_current_thread(void)
{
    return GetCurrentThreadId() == thread_id;
}

DWORD engine_call(engine_work work, void *context)
{
    struct pending_call call = { work, context, ERROR_SUCCESS, FALSE, FALSE, NULL };

    if (engine_is_current_thread()) return work(context);

    EnterCriticalSection(&calls_lock);
    if (stopping || !running)
    {
        LeaveCriticalSection(&calls_lock);
        return ERROR_SHUTDOWN_IN_PROGRESS;
    }
    *calls_tail = &call;
    calls_tail = &call.next;
    WakeConditionVariable(&calls_added);
    while (!call.done) SleepConditionVariableCS(&calls_done, &calls_lock, INFINITE);
    LeaveCriticalSection(&calls_lock);
    return call.result;
}

DWORD engine_post(engine_work work, void *context)
{
    struct pending_call *call = calloc(1, sizeof(*call));

    if (!call) return ERROR_OUTOFMEMORY;
    call->work = work;
    call->context = context;
    call->posted = TRUE;
    EnterCriticalSection(&calls_lock);
    if (stopping || !running)
    {
        LeaveCriticalSection(&calls_lock);
        free(call);
        return ERROR_SHUTDOWN_IN_PROGRESS;
    }
    *calls_tail = call;
    calls_tail = &call->next;
    WakeConditionVariable(&calls_added);
    LeaveCriticalSection(&calls_lock);
    return ERROR_SUCCESS;
}
