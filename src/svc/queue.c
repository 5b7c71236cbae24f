/*
 * A session's event queue: bounded, with a long poll.
 *
 * Bound and overflow policy: a queue holds at most its capacity (QUEUE_CAPACITY, 1024 events for
 * a session). A push into a full queue drops the oldest event and counts it; the next pull
 * reports the count (then starts it again from zero), so the client knows it missed events and
 * can read the state again. The oldest go first because a later event about the same job or
 * device supersedes an earlier one, and a slow client catches up with the present. A push never
 * waits and never fails for the publisher: one session that stops pulling costs only its own
 * bounded memory, never another session's time. FXSSVC_ENDED is never dropped: it is the last
 * event a queue receives before the service closes it.
 *
 * The ring starts small and doubles up to the capacity, so a quiet session costs little.
 * Records move between the ring and a pull's reply without copying (see fxs_event.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include "fxssvc_private.h"

#define INITIAL_SLOTS 16

struct event_queue
{
    CRITICAL_SECTION lock;
    HANDLE ready;              /* manual reset: set while there is something to report */
    BOOL signaled;             /* the state of ready, which changes only with the lock held */
    fxs_event *ring;
    unsigned int slots;        /* allocated, up to capacity */
    unsigned int capacity;
    unsigned int head;         /* the oldest event */
    unsigned int length;
    DWORD missed;              /* dropped since the last pull, saturating */
    BOOL closed;
    BOOL finished;             /* closed, and a pull found it empty: the client has had everything */
};

struct event_queue *queue_create(unsigned int capacity)
{
    struct event_queue *queue;

    if (!capacity || !(queue = calloc(1, sizeof(*queue)))) return NULL;
    queue->capacity = capacity;
    queue->slots = min(capacity, INITIAL_SLOTS);
    queue->ring = calloc(queue->slots, sizeof(*queue->ring));
    queue->ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!queue->ring || !queue->ready)
    {
        if (queue->ready) CloseHandle(queue->ready);
        free(queue->ring);
        free(queue);
        return NULL;
    }
    InitializeCriticalSection(&queue->lock);
    return queue;
}

void queue_destroy(struct event_queue *queue)
{
    unsigned int i;

    if (!queue) return;
    for (i = 0; i < queue->length; i++)
        fxs_event_clear(&queue->ring[(queue->head + i) % queue->slots]);
    free(queue->ring);
    CloseHandle(queue->ready);
    DeleteCriticalSection(&queue->lock);
    free(queue);
}

/* ready is set while a pull has something to return: events, a missed count, or the end. Only
 * changes reach the event object (a server call in Wine, the dearest part of a push). */
static void update_ready(struct event_queue *queue)
{
    BOOL ready = queue->length || queue->missed || queue->closed;

    if (ready == queue->signaled) return;
    if (ready) SetEvent(queue->ready);
    else ResetEvent(queue->ready);
    queue->signaled = ready;
}

static void count_missed(struct event_queue *queue)
{
    if (queue->missed != MAXDWORD) queue->missed++;
}

/* Doubles the ring, oldest first at index 0; FALSE when memory ran out. */
static BOOL grow(struct event_queue *queue)
{
    unsigned int slots = min(queue->slots * 2, queue->capacity), i;
    fxs_event *ring;

    if (!(ring = calloc(slots, sizeof(*ring)))) return FALSE;
    for (i = 0; i < queue->length; i++) ring[i] = queue->ring[(queue->head + i) % queue->slots];
    free(queue->ring);
    queue->ring = ring;
    queue->slots = slots;
    queue->head = 0;
    return TRUE;
}

/* Makes room for one more event: grows the ring, or drops the oldest event when full. */
static void make_room(struct event_queue *queue)
{
    if (queue->length < queue->slots) return;
    if (queue->slots < queue->capacity && grow(queue)) return;
    fxs_event_clear(&queue->ring[queue->head]);
    queue->head = (queue->head + 1) % queue->slots;
    queue->length--;
    count_missed(queue);
}

void queue_push(struct event_queue *queue, const fxs_event *event)
{
    fxs_event *slot;

    EnterCriticalSection(&queue->lock);
    if (!queue->closed)
    {
        make_room(queue);
        slot = &queue->ring[(queue->head + queue->length) % queue->slots];
        if (fxs_event_copy(slot, event)) queue->length++;
        else count_missed(queue);
        update_ready(queue);
    }
    LeaveCriticalSection(&queue->lock);
}

/* Moves up to max_count of the oldest events into a new array. Called with the lock held. */
static DWORD take_events(struct event_queue *queue, unsigned int max_count, fxs_event **events, DWORD *count)
{
    unsigned int n = min(max_count, queue->length), i;

    if (!n) return ERROR_SUCCESS;
    if (!(*events = malloc(n * sizeof(**events)))) return ERROR_NOT_ENOUGH_MEMORY;
    for (i = 0; i < n; i++)
    {
        (*events)[i] = queue->ring[queue->head];
        memset(&queue->ring[queue->head], 0, sizeof(queue->ring[0]));
        queue->head = (queue->head + 1) % queue->slots;
    }
    queue->length -= n;
    *count = n;
    return ERROR_SUCCESS;
}

/*
 * Waits up to timeout_ms for an event (or for cancel, when not NULL, to be signaled), then takes
 * what is there, at most max_count. A timeout is a success with no events; a closed queue with
 * nothing left gives ERROR_HANDLE_EOF, and so does cancel.
 */
DWORD queue_pull(struct event_queue *queue, unsigned int max_count, DWORD timeout_ms, HANDLE cancel,
                 fxs_event **events, DWORD *count, DWORD *missed)
{
    HANDLE handles[2] = { queue->ready, cancel };
    DWORD wait, status;

    *events = NULL;
    *count = *missed = 0;
    wait = WaitForMultipleObjects(cancel ? 2 : 1, handles, FALSE, timeout_ms);
    if (wait == WAIT_OBJECT_0 + 1) return ERROR_HANDLE_EOF;
    if (wait == WAIT_FAILED) return GetLastError();

    EnterCriticalSection(&queue->lock);
    status = take_events(queue, max_count, events, count);
    if (!status)
    {
        *missed = queue->missed;
        queue->missed = 0;
        if (!*count && !*missed && queue->closed)
        {
            status = ERROR_HANDLE_EOF;
            queue->finished = TRUE;
        }
    }
    update_ready(queue);
    LeaveCriticalSection(&queue->lock);
    return status;
}

/* Ends the queue: it takes no more events, and pulls stop waiting. */
void queue_close(struct event_queue *queue)
{
    EnterCriticalSection(&queue->lock);
    queue->closed = TRUE;
    update_ready(queue);
    LeaveCriticalSection(&queue->lock);
}

/* TRUE once a pull found the queue closed and empty. That pull came after the one that took the
 * last event, so the reply carrying that event has reached the client: the service waits for this
 * before it exits, not merely for the queue to be empty. */
BOOL queue_finished(struct event_queue *queue)
{
    BOOL finished;

    EnterCriticalSection(&queue->lock);
    finished = queue->finished;
    LeaveCriticalSection(&queue->lock);
    return finished;
}

unsigned int queue_length(struct event_queue *queue)
{
    unsigned int length;

    EnterCriticalSection(&queue->lock);
    length = queue->length;
    LeaveCriticalSection(&queue->lock);
    return length;
}
