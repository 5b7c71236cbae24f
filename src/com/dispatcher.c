/*
 * The dispatcher (see events.h): one thread per process that pulls the service's events and hands
 * each to the listeners that asked for its class.
 *
 * The dispatcher's session is subscribed to the union of the listeners' masks, and the
 * subscription changes from the thread that calls dispatcher_listen, before it returns: so
 * ListenToServerEvents takes effect at once. The thread runs while there are listeners; it holds a
 * reference on the DLL and leaves with FreeLibraryAndExitThread, so that DllCanUnloadNow never lets
 * the DLL go under a running thread.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "events.h"

#define PULL_MAX      256
#define PULL_WAIT_MS  500       /* how soon the thread notices it has nothing left to do */
#define RETRY_WAIT_MS 500       /* after the service went away */
#define FLUSH_EVERY   32        /* events handed out before the apartments' sinks start on them (delivery.c) */

static SRWLOCK lock = SRWLOCK_INIT;    /* the listeners, the link, the thread */

static struct event_listener **listeners;
static unsigned int listener_count, listener_capacity;
static struct fxs_link *link;           /* the dispatcher's own session; NULL until needed */
static DWORD subscribed;                /* the mask the session has */
static BOOL thread_running;
static HANDLE wake;                     /* set when the listeners change */

static DWORD union_mask(void)
{
    DWORD mask = 0;
    unsigned int i;
    for (i = 0; i < listener_count; i++) mask |= listeners[i]->mask;
    return mask;
}

/* Under lock: the session exists and has the mask the listeners want. */
static DWORD update_subscription(void)
{
    struct fxs_link_options options = { L"fxscomex events" };
    DWORD mask = union_mask(), error;

    if (!link)
    {
        if (!mask) return ERROR_SUCCESS;
        options.no_start = TRUE;  /* a FaxServer is connected: the service runs, or nobody wants one */
        if ((error = fxs_link_open(&options, &link))) return error;
        if ((error = fxs_link_open_events(link)))
        {
            fxs_link_close(link);
            link = NULL;
            return error;
        }
        subscribed = 0;
    }
    if (mask == subscribed) return ERROR_SUCCESS;
    if ((error = fxs_link_subscribe(link, mask))) return error;
    subscribed = mask;
    return ERROR_SUCCESS;
}

/* Hands an event to every listener of its class: each is held (acquire) outside the lock, so
 * that a listener may change its mask, disconnect or be released from inside a callback. */
static void dispatch(const fxs_event *event)
{
    struct event_listener *targets[64];
    unsigned int i, count = 0;

    AcquireSRWLockExclusive(&lock);
    for (i = 0; i < listener_count && count < ARRAY_SIZE(targets); i++)
        if ((listeners[i]->mask & event->event_class) && listeners[i]->acquire(listeners[i]))
            targets[count++] = listeners[i];
    ReleaseSRWLockExclusive(&lock);

    for (i = 0; i < count; i++)
    {
        targets[i]->deliver(targets[i], event);
        targets[i]->release(targets[i]);
    }
}

/* The service ended or went away: the session is dead, a later listen makes a new one. When it
 * ended (FXSSVC_ENDED), every listener's registration ended with it, as registrations are per
 * service session: a FaxServer hears the next service only once it connects and listens again. */
static void drop_link(BOOL ended)
{
    unsigned int i;

    AcquireSRWLockExclusive(&lock);
    if (link) fxs_link_close(link);
    link = NULL;
    subscribed = 0;
    for (i = 0; ended && i < listener_count; i++) listeners[i]->mask = 0;
    if (ended) listener_count = 0;
    ReleaseSRWLockExclusive(&lock);
}

/* The batch being handed out, owned by the thread that has the dispatcher's role: one that takes
 * the role over goes on from next_event. */
static struct fxs_event_batch batch;
static DWORD next_event;
static BOOL service_ended;

/* After a full batch more events are likely waiting in the service: a pool thread pulls the next
 * batch (without waiting for events) while this one is handed out, so that the transport of one
 * batch and the calls of the one before overlap. Owned by the thread that has the role. */
static struct
{
    BOOL pending;
    HANDLE done;
    struct fxs_link *link;
    DWORD status;
    struct fxs_event_batch batch;
} prefetch;

static void CALLBACK prefetch_pull(PTP_CALLBACK_INSTANCE instance, void *context)
{
    prefetch.status = fxs_link_pull(prefetch.link, PULL_MAX, 0, &prefetch.batch);
    /* Set by the pool once this function has returned: the dispatcher thread, and with it the
     * DLL, may go as soon as it is set. */
    SetEventWhenCallbackReturns(instance, prefetch.done);
}

static void start_prefetch(struct fxs_link *current)
{
    if (batch.count < PULL_MAX) return;
    if (!prefetch.done && !(prefetch.done = CreateEventW(NULL, FALSE, FALSE, NULL))) return;
    prefetch.link = current;
    prefetch.pending = TrySubmitThreadpoolCallback(prefetch_pull, NULL, NULL);
}

/* Waits for the pull in progress: nothing may close the link under it. FALSE: no events came. */
static BOOL finish_prefetch(void)
{
    if (!prefetch.pending) return FALSE;
    WaitForSingleObject(prefetch.done, INFINITE);
    prefetch.pending = FALSE;
    if (!prefetch.status && prefetch.batch.count) return TRUE;
    if (prefetch.status) drop_link(FALSE);
    fxs_event_batch_free(&prefetch.batch);
    return FALSE;
}

/* Hands out the rest of the batch. FALSE: a sink held this thread up, and the role went to another. */
static BOOL hand_out_batch(void)
{
    delivery_batch_begin();
    /* A thread that took the role over first finishes the event the stuck one was calling sinks for. */
    if (!delivery_event_end()) return FALSE;
    while (next_event < batch.count)
    {
        const fxs_event *event = &batch.events[next_event++];

        dispatch(event);
        if (event->event_class == FXS_EVENT_FXSSVC_ENDED) service_ended = TRUE;
        if (!delivery_event_end()) return FALSE;
        if (next_event % FLUSH_EVERY == 0) delivery_batch_flush();
    }
    delivery_batch_end();
    fxs_event_batch_free(&batch);
    next_event = 0;
    if (service_ended && finish_prefetch()) fxs_event_batch_free(&prefetch.batch);
    if (service_ended) drop_link(TRUE);
    service_ended = FALSE;
    return TRUE;
}

static DWORD WINAPI dispatcher_thread(void *module)
{
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    /* A thread that took the role over first finishes the batch the stuck one was handing out. */
    while (hand_out_batch())
    {
        struct fxs_link *current;

        if (finish_prefetch())
        {
            batch = prefetch.batch;
            memset(&prefetch.batch, 0, sizeof(prefetch.batch));
            start_prefetch(prefetch.link);
            continue;
        }
        AcquireSRWLockExclusive(&lock);
        if (!listener_count)
        {
            /* Decided and done under the lock: a listener arriving now starts a new thread and
             * a new session, which this one must not close. */
            if (link) fxs_link_close(link);
            link = NULL;
            subscribed = 0;
            thread_running = FALSE;
            ReleaseSRWLockExclusive(&lock);
            break;
        }
        current = link;
        ReleaseSRWLockExclusive(&lock);
        if (!current)
        {
            WaitForSingleObject(wake, RETRY_WAIT_MS);
            continue;
        }

        /* Only this thread pulls or closes the link: it cannot go away under the pull. */
        if (fxs_link_pull(current, PULL_MAX, PULL_WAIT_MS, &batch))
        {
            memset(&batch, 0, sizeof(batch));
            drop_link(FALSE);
        }
        else start_prefetch(current);
    }
    CoUninitialize();
    FreeLibraryAndExitThread(module, 0);
    return 0;
}

/* Under lock. */
static DWORD start_thread(void)
{
    DWORD error;

    if (thread_running) return ERROR_SUCCESS;
    if (!wake && !(wake = CreateEventW(NULL, FALSE, FALSE, NULL))) return GetLastError();
    if ((error = fxs_start_module_thread(dispatcher_thread))) return error;
    thread_running = TRUE;
    return ERROR_SUCCESS;
}

void dispatcher_take_over(void)
{
    AcquireSRWLockExclusive(&lock);
    /* Without a new thread the rest of the batch is lost; the next listen starts one again. */
    if (fxs_start_module_thread(dispatcher_thread)) thread_running = FALSE;
    ReleaseSRWLockExclusive(&lock);
}

static void remove_locked(struct event_listener *listener)
{
    unsigned int i;

    for (i = 0; i < listener_count; i++)
        if (listeners[i] == listener)
        {
            listeners[i] = listeners[--listener_count];
            break;
        }
}

BOOL listener_addref_if_alive(LONG *refcount)
{
    LONG count = *refcount;

    while (count > 0)
    {
        LONG seen = InterlockedCompareExchange(refcount, count + 1, count);
        if (seen == count) return TRUE;
        count = seen;
    }
    return FALSE;
}

DWORD dispatcher_listen(struct event_listener *listener, DWORD mask)
{
    DWORD old_mask = listener->mask, error = ERROR_SUCCESS;
    unsigned int i;
    BOOL found = FALSE;

    AcquireSRWLockExclusive(&lock);
    for (i = 0; i < listener_count && !found; i++) found = listeners[i] == listener;
    if (!found && mask)
    {
        if (listener_count == listener_capacity)
        {
            unsigned int capacity = listener_capacity ? listener_capacity * 2 : 8;
            struct event_listener **grown = realloc(listeners, capacity * sizeof(*grown));
            if (!grown) error = ERROR_OUTOFMEMORY;
            else
            {
                listeners = grown;
                listener_capacity = capacity;
            }
        }
        if (!error) listeners[listener_count++] = listener;
    }
    listener->mask = mask;
    if (!mask) remove_locked(listener);
    if (!error) error = update_subscription();
    if (!error && listener_count) error = start_thread();
    if (error)
    {
        /* Refused (no right to those events, no service): as it was. */
        listener->mask = old_mask;
        if (!old_mask) remove_locked(listener);
        update_subscription();
    }
    ReleaseSRWLockExclusive(&lock);
    if (wake) SetEvent(wake);
    return error;
}

void dispatcher_remove(struct event_listener *listener)
{
    dispatcher_listen(listener, 0);
}
