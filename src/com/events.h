/*
 * The event path inside a client process.
 *
 * dispatcher.c: one dispatcher thread per process pulls event batches from the fax service over a
 * session of its own, subscribed to what any listener asked for (the next batch on a pool thread
 * while it hands out a full one), and hands each event to every listener (a FaxServer object)
 * whose mask includes its class.
 *
 * event_args.c: an event as the arguments of an IFaxServerNotify2 / IFaxServerNotify method.
 *
 * delivery.c: calling each sink in its own apartment, in order: the multithreaded sinks by the
 * dispatcher thread itself at the end of each event, watched, or through a queue drained on pool
 * threads once one has held it up; the sinks of a single-threaded apartment through a queue, on its
 * thread (by a small object of ours living there, called through COM) while it pumps messages or
 * waits in CoWaitForMultipleHandles. A sink that hangs holds up only itself, never the dispatcher
 * (for long) or another apartment's sinks. The details are at the top of delivery.c.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_EVENTS_H
#define FXSCOMEX_EVENTS_H

#include "fxscomex_private.h"
#include "fxs_link.h"

/* ---- dispatcher.c ---- */

struct event_listener
{
    DWORD mask;                                     /* FXS_EVENT_* (FAX_SERVER_EVENTS_TYPE_ENUM) bits */
    BOOL (*acquire)(struct event_listener *);       /* keeps the listener alive for a delivery; FALSE: it is going */
    void (*deliver)(struct event_listener *, const fxs_event *);
    void (*release)(struct event_listener *);
};

/* For a listener's acquire: one more reference on *refcount, unless the last one is already gone
 * (the object is being destroyed). */
BOOL listener_addref_if_alive(LONG *refcount);

/* Adds a listener or changes its mask (0 removes it). Starts the dispatcher thread when needed. */
DWORD dispatcher_listen(struct event_listener *listener, DWORD mask);
void dispatcher_remove(struct event_listener *listener);

/* From delivery.c's watchdog: the dispatcher thread is stuck in a sink; a new thread goes on with
 * the batch from the next event. */
void dispatcher_take_over(void);

/* ---- event_args.c ---- */

/* The arguments of one event for one kind of sink, shared by every sink that gets it. */
struct event_call
{
    LONG refcount;
    DISPID dispid;
    DISPPARAMS params;
    VARIANT args[6];                                /* in reverse order, as Invoke takes them */
};

/* NULL when the event has no method on that interface (OnGeneralServerConfigChanged on the XP
 * IFaxServerNotify) or memory ran out. server is passed as the first argument. */
struct event_call *event_call_create(const fxs_event *event, IDispatch *server, BOOL legacy);
/* The same for an IFaxAccountNotify sink: NULL for an event it has no method for (the server's
 * own classes); account is the first argument, but server is OnServerShutDown's. */
struct event_call *event_call_create_account(const fxs_event *event, IDispatch *account, IDispatch *server);
void event_call_release(struct event_call *call);

/* ---- delivery.c ---- */

struct delivery_target;
struct connection_snapshot;

/* Where the sink advised on the calling thread gets its calls (see above); closed at Unadvise:
 * the sink is not called any more, and the reference of for_caller goes. */
struct delivery_target *delivery_target_for_caller(IDispatch *sink);
void delivery_target_close(struct delivery_target *target);
void delivery_target_addref(struct delivery_target *target);
void delivery_target_release(struct delivery_target *target);

/* Calls every sink of the snapshot (IDispatch in the Global Interface Table) with call, each in its
 * target's apartment, after the calls posted to it before. A sink whose apartment or process has
 * gone is dropped with IConnectionPoint::Unadvise(point, its cookie). */
void delivery_post_all(struct connection_snapshot *snapshot, struct event_call *call, IConnectionPoint *point);

/* The dispatcher thread hands out a batch of events between begin and end. The multithreaded sinks
 * of an event are called by that thread itself at delivery_event_end, each call watched; the
 * targets of single-threaded apartments start on pool threads at a flush (or the end), so that one
 * call into an apartment carries several events. delivery_event_end FALSE: a sink held the thread
 * too long, and the dispatcher's role went to a new thread (dispatcher_take_over), which finishes
 * the event; the calling thread must leave the batch alone. */
void delivery_batch_begin(void);
BOOL delivery_event_end(void);
void delivery_batch_flush(void);
void delivery_batch_end(void);

#endif /* FXSCOMEX_EVENTS_H */
