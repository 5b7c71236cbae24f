/*
 * Connection points and their container (see connpoint.h), with the enumerators they hand out.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "connpoint.h"
#include "events.h"

static IGlobalInterfaceTable *global_table(void)
{
    IGlobalInterfaceTable *table = NULL;
    CoCreateInstance(&CLSID_StdGlobalInterfaceTable, NULL, CLSCTX_INPROC_SERVER, &IID_IGlobalInterfaceTable,
                     (void **)&table);
    return table;
}

/* ---- IEnumConnections over a snapshot ---- */

struct connections_enum
{
    IEnumConnections IEnumConnections_iface;
    LONG refcount;
    CONNECTDATA *items;     /* each pUnk holds a reference */
    ULONG count, position;
};

static inline struct connections_enum *impl_from_IEnumConnections(IEnumConnections *iface)
{
    return CONTAINING_RECORD(iface, struct connections_enum, IEnumConnections_iface);
}

static HRESULT WINAPI connections_enum_QueryInterface(IEnumConnections *iface, REFIID riid, void **obj)
{
    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IEnumConnections))
    {
        *obj = iface;
        IEnumConnections_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI connections_enum_AddRef(IEnumConnections *iface)
{
    return InterlockedIncrement(&impl_from_IEnumConnections(iface)->refcount);
}

static ULONG WINAPI connections_enum_Release(IEnumConnections *iface)
{
    struct connections_enum *enumerator = impl_from_IEnumConnections(iface);
    ULONG refcount = InterlockedDecrement(&enumerator->refcount), i;

    if (!refcount)
    {
        for (i = 0; i < enumerator->count; i++) IUnknown_Release(enumerator->items[i].pUnk);
        free(enumerator->items);
        free(enumerator);
        fxs_module_release();
    }
    return refcount;
}

static HRESULT WINAPI connections_enum_Next(IEnumConnections *iface, ULONG count, CONNECTDATA *items, ULONG *fetched)
{
    struct connections_enum *enumerator = impl_from_IEnumConnections(iface);
    ULONG done = 0;

    if (!items || (count > 1 && !fetched)) return E_POINTER;
    while (done < count && enumerator->position < enumerator->count)
    {
        items[done] = enumerator->items[enumerator->position++];
        IUnknown_AddRef(items[done].pUnk);
        done++;
    }
    if (fetched) *fetched = done;
    return done == count ? S_OK : S_FALSE;
}

static HRESULT WINAPI connections_enum_Skip(IEnumConnections *iface, ULONG count)
{
    struct connections_enum *enumerator = impl_from_IEnumConnections(iface);
    ULONG left = enumerator->count - enumerator->position;

    enumerator->position += count < left ? count : left;
    return count <= left ? S_OK : S_FALSE;
}

static HRESULT WINAPI connections_enum_Reset(IEnumConnections *iface)
{
    impl_from_IEnumConnections(iface)->position = 0;
    return S_OK;
}

static HRESULT create_connections_enum(CONNECTDATA *items, ULONG count, ULONG position, IEnumConnections **out);

static HRESULT WINAPI connections_enum_Clone(IEnumConnections *iface, IEnumConnections **clone)
{
    struct connections_enum *enumerator = impl_from_IEnumConnections(iface);
    CONNECTDATA *items;
    ULONG i;
    HRESULT hr;

    if (!clone) return E_POINTER;
    if (!(items = malloc((enumerator->count ? enumerator->count : 1) * sizeof(*items)))) return E_OUTOFMEMORY;
    for (i = 0; i < enumerator->count; i++)
    {
        items[i] = enumerator->items[i];
        IUnknown_AddRef(items[i].pUnk);
    }
    if (FAILED(hr = create_connections_enum(items, enumerator->count, enumerator->position, clone)))
    {
        for (i = 0; i < enumerator->count; i++) IUnknown_Release(items[i].pUnk);
        free(items);
    }
    return hr;
}

static const IEnumConnectionsVtbl connections_enum_vtbl =
{
    connections_enum_QueryInterface,
    connections_enum_AddRef,
    connections_enum_Release,
    connections_enum_Next,
    connections_enum_Skip,
    connections_enum_Reset,
    connections_enum_Clone,
};

/* Takes ownership of items (and their references). */
static HRESULT create_connections_enum(CONNECTDATA *items, ULONG count, ULONG position, IEnumConnections **out)
{
    struct connections_enum *enumerator;

    if (!(enumerator = calloc(1, sizeof(*enumerator)))) return E_OUTOFMEMORY;
    enumerator->IEnumConnections_iface.lpVtbl = &connections_enum_vtbl;
    enumerator->refcount = 1;
    enumerator->items = items;
    enumerator->count = count;
    enumerator->position = position;
    fxs_module_addref();
    *out = &enumerator->IEnumConnections_iface;
    return S_OK;
}

/* ---- IConnectionPoint ---- */

static inline struct connection_point *impl_from_IConnectionPoint(IConnectionPoint *iface)
{
    return CONTAINING_RECORD(iface, struct connection_point, IConnectionPoint_iface);
}

static HRESULT WINAPI point_QueryInterface(IConnectionPoint *iface, REFIID riid, void **obj)
{
    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IConnectionPoint))
    {
        *obj = iface;
        IConnectionPoint_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI point_AddRef(IConnectionPoint *iface)
{
    return IConnectionPointContainer_AddRef(impl_from_IConnectionPoint(iface)->container);
}

static ULONG WINAPI point_Release(IConnectionPoint *iface)
{
    return IConnectionPointContainer_Release(impl_from_IConnectionPoint(iface)->container);
}

static HRESULT WINAPI point_GetConnectionInterface(IConnectionPoint *iface, IID *iid)
{
    if (!iid) return E_POINTER;
    *iid = *impl_from_IConnectionPoint(iface)->iid;
    return S_OK;
}

static HRESULT WINAPI point_GetConnectionPointContainer(IConnectionPoint *iface, IConnectionPointContainer **container)
{
    struct connection_point *point = impl_from_IConnectionPoint(iface);

    if (!container) return E_POINTER;
    *container = point->container;
    IConnectionPointContainer_AddRef(*container);
    return S_OK;
}

static HRESULT WINAPI point_Advise(IConnectionPoint *iface, IUnknown *sink, DWORD *cookie)
{
    struct connection_point *point = impl_from_IConnectionPoint(iface);
    struct connection_snapshot *stale = NULL;
    struct delivery_target *target = NULL;
    IGlobalInterfaceTable *table;
    IDispatch *dispatch;
    DWORD git_cookie;
    HRESULT hr;

    if (!cookie) return E_POINTER;
    *cookie = 0;
    if (!sink) return E_POINTER;
    /* Events are delivered through IDispatch::Invoke: a sink must have it. */
    if (FAILED(IUnknown_QueryInterface(sink, &IID_IDispatch, (void **)&dispatch)))
        return fxs_error(CONNECT_E_CANNOTCONNECT, &IID_IConnectionPoint, L"The event sink does not implement IDispatch.");
    if (!(table = global_table()))
    {
        IDispatch_Release(dispatch);
        return E_OUTOFMEMORY;
    }
    hr = IGlobalInterfaceTable_RegisterInterfaceInGlobal(table, (IUnknown *)dispatch, &IID_IDispatch, &git_cookie);
    if (FAILED(hr))
    {
        IDispatch_Release(dispatch);
        IGlobalInterfaceTable_Release(table);
        return hr;
    }

    AcquireSRWLockExclusive(&point->lock);
    if (point->count == point->capacity)
    {
        unsigned int capacity = point->capacity ? point->capacity * 2 : 4;
        struct connection *grown = realloc(point->connections, capacity * sizeof(*grown));
        if (!grown) hr = E_OUTOFMEMORY;
        else
        {
            point->connections = grown;
            point->capacity = capacity;
        }
    }
    if (SUCCEEDED(hr) && !(target = delivery_target_for_caller(dispatch))) hr = E_OUTOFMEMORY;
    if (SUCCEEDED(hr))
    {
        point->connections[point->count].cookie = *cookie = ++point->last_cookie;
        point->connections[point->count].target = target;
        point->connections[point->count++].git_cookie = git_cookie;
        stale = point->snapshot;
        point->snapshot = NULL;
    }
    ReleaseSRWLockExclusive(&point->lock);
    if (stale) connection_snapshot_release(stale);
    if (FAILED(hr)) IGlobalInterfaceTable_RevokeInterfaceFromGlobal(table, git_cookie);
    IGlobalInterfaceTable_Release(table);
    IDispatch_Release(dispatch);
    return hr;
}

static HRESULT WINAPI point_Unadvise(IConnectionPoint *iface, DWORD cookie)
{
    struct connection_point *point = impl_from_IConnectionPoint(iface);
    struct connection_snapshot *stale = NULL;
    struct delivery_target *target = NULL;
    IGlobalInterfaceTable *table;
    DWORD git_cookie = 0;
    unsigned int i;

    AcquireSRWLockExclusive(&point->lock);
    for (i = 0; i < point->count; i++)
    {
        if (point->connections[i].cookie != cookie) continue;
        git_cookie = point->connections[i].git_cookie;
        target = point->connections[i].target;
        point->connections[i] = point->connections[--point->count];
        stale = point->snapshot;
        point->snapshot = NULL;
        break;
    }
    ReleaseSRWLockExclusive(&point->lock);
    if (stale) connection_snapshot_release(stale);
    if (!git_cookie)
        return fxs_error(CONNECT_E_NOCONNECTION, &IID_IConnectionPoint, L"No sink is advised with cookie %lu.", cookie);
    /* Revoked outside the lock: releasing a sink may call into another apartment. */
    if ((table = global_table()))
    {
        IGlobalInterfaceTable_RevokeInterfaceFromGlobal(table, git_cookie);
        IGlobalInterfaceTable_Release(table);
    }
    delivery_target_close(target);
    return S_OK;
}

static HRESULT WINAPI point_EnumConnections(IConnectionPoint *iface, IEnumConnections **result)
{
    struct connection_point *point = impl_from_IConnectionPoint(iface);
    struct connection_snapshot *snapshot;
    IGlobalInterfaceTable *table;
    CONNECTDATA *items;
    unsigned int i, found = 0;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (!(table = global_table())) return E_OUTOFMEMORY;
    if (!(snapshot = connection_point_snapshot(point)) ||
        !(items = malloc((snapshot->count ? snapshot->count : 1) * sizeof(*items))))
    {
        if (snapshot) connection_snapshot_release(snapshot);
        IGlobalInterfaceTable_Release(table);
        return E_OUTOFMEMORY;
    }
    for (i = 0; i < snapshot->count; i++)
    {
        IUnknown *sink;
        if (FAILED(IGlobalInterfaceTable_GetInterfaceFromGlobal(table, snapshot->connections[i].git_cookie,
                                                                &IID_IUnknown, (void **)&sink)))
            continue;  /* unadvised meanwhile */
        items[found].pUnk = sink;
        items[found++].dwCookie = snapshot->connections[i].cookie;
    }
    connection_snapshot_release(snapshot);
    IGlobalInterfaceTable_Release(table);
    if (FAILED(hr = create_connections_enum(items, found, 0, result)))
    {
        for (i = 0; i < found; i++) IUnknown_Release(items[i].pUnk);
        free(items);
    }
    return hr;
}

static const IConnectionPointVtbl point_vtbl =
{
    point_QueryInterface,
    point_AddRef,
    point_Release,
    point_GetConnectionInterface,
    point_GetConnectionPointContainer,
    point_Advise,
    point_Unadvise,
    point_EnumConnections,
};

void connection_point_init(struct connection_point *point, IConnectionPointContainer *container, const IID *iid)
{
    memset(point, 0, sizeof(*point));
    point->IConnectionPoint_iface.lpVtbl = &point_vtbl;
    point->container = container;
    point->iid = iid;
    InitializeSRWLock(&point->lock);
}

void connection_point_destroy(struct connection_point *point)
{
    IGlobalInterfaceTable *table = global_table();
    unsigned int i;

    for (i = 0; i < point->count; i++)
    {
        if (table) IGlobalInterfaceTable_RevokeInterfaceFromGlobal(table, point->connections[i].git_cookie);
        delivery_target_close(point->connections[i].target);
    }
    if (table) IGlobalInterfaceTable_Release(table);
    if (point->snapshot) connection_snapshot_release(point->snapshot);
    point->snapshot = NULL;
    free(point->connections);
    point->connections = NULL;
    point->count = point->capacity = 0;
}

/* Under the point's lock, exclusive: the snapshot the point keeps, made when a change dropped it. */
static struct connection_snapshot *current_snapshot(struct connection_point *point)
{
    struct connection_snapshot *snapshot;
    unsigned int i;

    if (point->snapshot) return point->snapshot;
    if (!(snapshot = malloc(sizeof(*snapshot) + point->count * sizeof(*point->connections)))) return NULL;
    snapshot->refcount = 1;     /* the point's */
    snapshot->count = point->count;
    memcpy(snapshot->connections, point->connections, point->count * sizeof(*point->connections));
    for (i = 0; i < point->count; i++) delivery_target_addref(snapshot->connections[i].target);
    return point->snapshot = snapshot;
}

struct connection_snapshot *connection_point_snapshot(struct connection_point *point)
{
    struct connection_snapshot *snapshot;

    /* Most events find the snapshot made: the shared lock and one reference. */
    AcquireSRWLockShared(&point->lock);
    if ((snapshot = point->snapshot)) connection_snapshot_addref(snapshot);
    ReleaseSRWLockShared(&point->lock);
    if (snapshot) return snapshot;
    AcquireSRWLockExclusive(&point->lock);
    if ((snapshot = current_snapshot(point))) connection_snapshot_addref(snapshot);
    ReleaseSRWLockExclusive(&point->lock);
    return snapshot;
}

void connection_snapshot_addref(struct connection_snapshot *snapshot)
{
    InterlockedIncrement(&snapshot->refcount);
}

void connection_snapshot_release(struct connection_snapshot *snapshot)
{
    unsigned int i;

    if (InterlockedDecrement(&snapshot->refcount)) return;
    for (i = 0; i < snapshot->count; i++) delivery_target_release(snapshot->connections[i].target);
    free(snapshot);
}

/* ---- IEnumConnectionPoints ---- */

struct points_enum
{
    IEnumConnectionPoints IEnumConnectionPoints_iface;
    LONG refcount;
    struct connection_point_container *container;   /* holds a reference on its owner */
    ULONG position;
};

static inline struct points_enum *impl_from_IEnumConnectionPoints(IEnumConnectionPoints *iface)
{
    return CONTAINING_RECORD(iface, struct points_enum, IEnumConnectionPoints_iface);
}

static HRESULT WINAPI points_enum_QueryInterface(IEnumConnectionPoints *iface, REFIID riid, void **obj)
{
    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IEnumConnectionPoints))
    {
        *obj = iface;
        IEnumConnectionPoints_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI points_enum_AddRef(IEnumConnectionPoints *iface)
{
    return InterlockedIncrement(&impl_from_IEnumConnectionPoints(iface)->refcount);
}

static ULONG WINAPI points_enum_Release(IEnumConnectionPoints *iface)
{
    struct points_enum *enumerator = impl_from_IEnumConnectionPoints(iface);
    ULONG refcount = InterlockedDecrement(&enumerator->refcount);

    if (!refcount)
    {
        IUnknown_Release(enumerator->container->owner);
        free(enumerator);
    }
    return refcount;
}

static HRESULT WINAPI points_enum_Next(IEnumConnectionPoints *iface, ULONG count, IConnectionPoint **items,
                                       ULONG *fetched)
{
    struct points_enum *enumerator = impl_from_IEnumConnectionPoints(iface);
    ULONG done = 0;

    if (!items || (count > 1 && !fetched)) return E_POINTER;
    while (done < count && enumerator->position < enumerator->container->count)
    {
        items[done] = &enumerator->container->points[enumerator->position++]->IConnectionPoint_iface;
        IConnectionPoint_AddRef(items[done]);
        done++;
    }
    if (fetched) *fetched = done;
    return done == count ? S_OK : S_FALSE;
}

static HRESULT WINAPI points_enum_Skip(IEnumConnectionPoints *iface, ULONG count)
{
    struct points_enum *enumerator = impl_from_IEnumConnectionPoints(iface);
    ULONG left = enumerator->container->count - enumerator->position;

    enumerator->position += count < left ? count : left;
    return count <= left ? S_OK : S_FALSE;
}

static HRESULT WINAPI points_enum_Reset(IEnumConnectionPoints *iface)
{
    impl_from_IEnumConnectionPoints(iface)->position = 0;
    return S_OK;
}

static HRESULT create_points_enum(struct connection_point_container *container, ULONG position,
                                  IEnumConnectionPoints **out);

static HRESULT WINAPI points_enum_Clone(IEnumConnectionPoints *iface, IEnumConnectionPoints **clone)
{
    struct points_enum *enumerator = impl_from_IEnumConnectionPoints(iface);

    if (!clone) return E_POINTER;
    return create_points_enum(enumerator->container, enumerator->position, clone);
}

static const IEnumConnectionPointsVtbl points_enum_vtbl =
{
    points_enum_QueryInterface,
    points_enum_AddRef,
    points_enum_Release,
    points_enum_Next,
    points_enum_Skip,
    points_enum_Reset,
    points_enum_Clone,
};

static HRESULT create_points_enum(struct connection_point_container *container, ULONG position,
                                  IEnumConnectionPoints **out)
{
    struct points_enum *enumerator;

    if (!(enumerator = calloc(1, sizeof(*enumerator)))) return E_OUTOFMEMORY;
    enumerator->IEnumConnectionPoints_iface.lpVtbl = &points_enum_vtbl;
    enumerator->refcount = 1;
    enumerator->container = container;
    enumerator->position = position;
    IUnknown_AddRef(container->owner);
    *out = &enumerator->IEnumConnectionPoints_iface;
    return S_OK;
}

/* ---- IConnectionPointContainer ---- */

static inline struct connection_point_container *impl_from_IConnectionPointContainer(IConnectionPointContainer *iface)
{
    return CONTAINING_RECORD(iface, struct connection_point_container, IConnectionPointContainer_iface);
}

static HRESULT WINAPI container_QueryInterface(IConnectionPointContainer *iface, REFIID riid, void **obj)
{
    return IUnknown_QueryInterface(impl_from_IConnectionPointContainer(iface)->owner, riid, obj);
}

static ULONG WINAPI container_AddRef(IConnectionPointContainer *iface)
{
    return IUnknown_AddRef(impl_from_IConnectionPointContainer(iface)->owner);
}

static ULONG WINAPI container_Release(IConnectionPointContainer *iface)
{
    return IUnknown_Release(impl_from_IConnectionPointContainer(iface)->owner);
}

static HRESULT WINAPI container_EnumConnectionPoints(IConnectionPointContainer *iface, IEnumConnectionPoints **result)
{
    if (!result) return E_POINTER;
    return create_points_enum(impl_from_IConnectionPointContainer(iface), 0, result);
}

static HRESULT WINAPI container_FindConnectionPoint(IConnectionPointContainer *iface, REFIID riid,
                                                   IConnectionPoint **point)
{
    struct connection_point_container *container = impl_from_IConnectionPointContainer(iface);
    unsigned int i;

    if (!point) return E_POINTER;
    *point = NULL;
    if (!riid) return E_POINTER;
    for (i = 0; i < container->count; i++)
    {
        if (!IsEqualIID(riid, container->points[i]->iid)) continue;
        *point = &container->points[i]->IConnectionPoint_iface;
        IConnectionPoint_AddRef(*point);
        return S_OK;
    }
    return CONNECT_E_NOCONNECTION;
}

static const IConnectionPointContainerVtbl container_vtbl =
{
    container_QueryInterface,
    container_AddRef,
    container_Release,
    container_EnumConnectionPoints,
    container_FindConnectionPoint,
};

void connection_point_container_init(struct connection_point_container *container, IUnknown *owner,
                                     struct connection_point **points, unsigned int count)
{
    container->IConnectionPointContainer_iface.lpVtbl = &container_vtbl;
    container->owner = owner;
    container->points = points;
    container->count = count;
}
