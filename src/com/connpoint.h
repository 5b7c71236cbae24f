/*
 * Connection points, written once for every object of the library that fires events (FaxServer,
 * FaxAccount): IConnectionPoint for one outgoing interface, and IConnectionPointContainer over a
 * fixed set of them.
 *
 * A sink is kept in the Global Interface Table as IDispatch, so that the dispatcher thread can call
 * it in its own apartment, and so that a sink needs nothing but IDispatch (VB6, script and .NET
 * sinks implement only that).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_CONNPOINT_H
#define FXSCOMEX_CONNPOINT_H

#include "fxscomex_private.h"

struct delivery_target;

struct connection
{
    DWORD cookie;           /* what Advise returned */
    DWORD git_cookie;       /* the sink's IDispatch in the Global Interface Table */
    struct delivery_target *target;     /* where its calls run: the apartment that advised it */
};

struct connection_point
{
    IConnectionPoint IConnectionPoint_iface;
    IConnectionPointContainer *container;   /* the owner: references go to it */
    const IID *iid;
    SRWLOCK lock;
    struct connection *connections;
    unsigned int count, capacity;
    DWORD last_cookie;
    struct connection_snapshot *snapshot;   /* the connections as they are, shared; NULL after a change */
};

/* The connections at one moment, shared by every event until Advise or Unadvise changes them (so
 * that an event costs one reference, not one per sink). Each target is held. */
struct connection_snapshot
{
    LONG refcount;
    unsigned int count;
    struct connection connections[];
};

void connection_point_init(struct connection_point *point, IConnectionPointContainer *container, const IID *iid);
/* Releases every sink still advised (the owner is being destroyed). */
void connection_point_destroy(struct connection_point *point);

/* The connections now, held (connection_snapshot_release); NULL when memory ran out. */
struct connection_snapshot *connection_point_snapshot(struct connection_point *point);
void connection_snapshot_addref(struct connection_snapshot *snapshot);
void connection_snapshot_release(struct connection_snapshot *snapshot);

/* IConnectionPointContainer over an owner's connection points. */
struct connection_point_container
{
    IConnectionPointContainer IConnectionPointContainer_iface;
    IUnknown *owner;                        /* not AddRef'd: the owner embeds this struct */
    struct connection_point **points;
    unsigned int count;
};

void connection_point_container_init(struct connection_point_container *container, IUnknown *owner,
                                     struct connection_point **points, unsigned int count);

#endif /* FXSCOMEX_CONNPOINT_H */
