/*
 * Binding a COM object's events to script functions, as WScript.ConnectObject does.
 *
 * The object's default source interface comes from IProvideClassInfo2 (its DIID) and its coclass
 * in the type library (the [default, source] interface, whose member names the sink needs). The
 * sink is an IDispatch that also answers for that DIID; each call it gets is forwarded to the
 * script's function named prefix + event name, found through IActiveScript::GetScriptDispatch.
 * An event without such a function is ignored. A handler's runtime error is reported by the
 * engine (IActiveScriptSite::OnScriptError) and the source is told S_OK, so that later events
 * still arrive.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "host.h"

/* JScript's `function Item::Event()` handlers, bound through IBindEventHandler */
struct bound_handler
{
    struct bound_handler *next;
    BSTR event_name;
    IDispatch *handler;
};

struct sink
{
    IDispatch IDispatch_iface;
    LONG refcount;
    IID diid;                       /* the source dispinterface */
    ITypeInfo *source_info;         /* its type information: the events' names */
    WCHAR *prefix;                  /* NULL for a sink of bound handlers */
    struct bound_handler *handlers;
};

/* One Advise: what DisconnectObject and the end of the script undo. */
struct connection
{
    struct connection *next;
    IUnknown *identity;             /* the source object's IUnknown (a reference) */
    IConnectionPoint *point;
    DWORD cookie;
    struct sink *sink;
};

static struct connection *connections;

static inline struct sink *impl_from_IDispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct sink, IDispatch_iface);
}

static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    struct sink *sink = impl_from_IDispatch(iface);

    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &sink->diid))
    {
        *obj = iface;
        IDispatch_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI sink_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&impl_from_IDispatch(iface)->refcount);
}

static ULONG WINAPI sink_Release(IDispatch *iface)
{
    struct sink *sink = impl_from_IDispatch(iface);
    ULONG refcount = InterlockedDecrement(&sink->refcount);
    struct bound_handler *handler;

    if (!refcount)
    {
        while ((handler = sink->handlers))
        {
            sink->handlers = handler->next;
            SysFreeString(handler->event_name);
            IDispatch_Release(handler->handler);
            free(handler);
        }
        ITypeInfo_Release(sink->source_info);
        free(sink->prefix);
        free(sink);
    }
    return refcount;
}

static HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    if (!count) return E_POINTER;
    *count = 1;
    return S_OK;
}

static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    struct sink *sink = impl_from_IDispatch(iface);

    if (!info) return E_POINTER;
    if (index) return DISP_E_BADINDEX;
    *info = sink->source_info;
    ITypeInfo_AddRef(*info);
    return S_OK;
}

static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID riid, OLECHAR **names, UINT count, LCID lcid,
                                         DISPID *ids)
{
    return DispGetIDsOfNames(impl_from_IDispatch(iface)->source_info, names, count, ids);
}

/* The script function named prefix + event name, or NULL (DISPID_UNKNOWN) when the script has none. */
static HRESULT script_handler(const WCHAR *prefix, const WCHAR *event_name, IDispatch **handler, DISPID *id)
{
    size_t length = wcslen(prefix) + wcslen(event_name) + 1;
    WCHAR *name = malloc(length * sizeof(WCHAR));
    IDispatch *script;
    HRESULT hr;

    *handler = NULL;
    if (!name) return E_OUTOFMEMORY;
    wcscpy(name, prefix);
    wcscat(name, event_name);
    if (SUCCEEDED(hr = IActiveScript_GetScriptDispatch(host.engine, NULL, &script)))
    {
        if (SUCCEEDED(IDispatch_GetIDsOfNames(script, &IID_NULL, &name, 1, 0, id))) *handler = script;
        else IDispatch_Release(script);
    }
    free(name);
    return hr;
}

static HRESULT bound_handler(struct sink *sink, const WCHAR *event_name, IDispatch **handler, DISPID *id)
{
    struct bound_handler *bound;

    *handler = NULL;
    for (bound = sink->handlers; bound; bound = bound->next)
        if (!_wcsicmp(bound->event_name, event_name))
        {
            *handler = bound->handler;
            IDispatch_AddRef(*handler);
            *id = DISPID_VALUE;
            break;
        }
    return S_OK;
}

static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct sink *sink = impl_from_IDispatch(iface);
    DISPPARAMS none = { NULL, NULL, 0, 0 };
    IDispatch *handler;
    BSTR event_name;
    DISPID handler_id;
    UINT count;
    EXCEPINFO error;

    if (FAILED(ITypeInfo_GetNames(sink->source_info, id, &event_name, 1, &count)) || !count)
        return DISP_E_MEMBERNOTFOUND;
    if (sink->prefix) script_handler(sink->prefix, event_name, &handler, &handler_id);
    else bound_handler(sink, event_name, &handler, &handler_id);
    SysFreeString(event_name);
    if (!handler) return S_OK;   /* the script does not handle this event */

    /* Events carry no named arguments into script functions. */
    if (params) none.rgvarg = params->rgvarg, none.cArgs = params->cArgs;
    memset(&error, 0, sizeof(error));
    IDispatch_Invoke(handler, handler_id, &IID_NULL, lcid, DISPATCH_METHOD, &none, result, &error, NULL);
    SysFreeString(error.bstrSource);
    SysFreeString(error.bstrDescription);
    SysFreeString(error.bstrHelpFile);
    IDispatch_Release(handler);
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface,
    sink_AddRef,
    sink_Release,
    sink_GetTypeInfoCount,
    sink_GetTypeInfo,
    sink_GetIDsOfNames,
    sink_Invoke,
};

/* ---- finding the default source interface ---- */

/* The [default, source] interface of a coclass, or NULL. */
static ITypeInfo *default_source_of_coclass(ITypeInfo *coclass)
{
    ITypeInfo *source = NULL;
    TYPEATTR *attr;
    HREFTYPE ref;
    INT flags;
    UINT i;

    if (FAILED(ITypeInfo_GetTypeAttr(coclass, &attr))) return NULL;
    for (i = 0; !source && i < attr->cImplTypes; i++)
        if (SUCCEEDED(ITypeInfo_GetImplTypeFlags(coclass, i, &flags)) &&
            (flags & (IMPLTYPEFLAG_FDEFAULT | IMPLTYPEFLAG_FSOURCE)) == (IMPLTYPEFLAG_FDEFAULT | IMPLTYPEFLAG_FSOURCE) &&
            SUCCEEDED(ITypeInfo_GetRefTypeOfImplType(coclass, i, &ref)))
            ITypeInfo_GetRefTypeInfo(coclass, ref, &source);
    ITypeInfo_ReleaseTypeAttr(coclass, attr);
    return source;
}

static BOOL typeinfo_guid(ITypeInfo *info, GUID *guid, TYPEKIND *kind)
{
    TYPEATTR *attr;

    if (FAILED(ITypeInfo_GetTypeAttr(info, &attr))) return FALSE;
    *guid = attr->guid;
    *kind = attr->typekind;
    ITypeInfo_ReleaseTypeAttr(info, attr);
    return TRUE;
}

/* Whether a coclass has the interface as its default (non-source) interface. */
static BOOL coclass_has_default(ITypeInfo *coclass, const GUID *iid)
{
    ITypeInfo *info;
    TYPEATTR *attr;
    HREFTYPE ref;
    TYPEKIND kind;
    BOOL found = FALSE;
    GUID guid;
    INT flags;
    UINT i;

    if (FAILED(ITypeInfo_GetTypeAttr(coclass, &attr))) return FALSE;
    for (i = 0; !found && i < attr->cImplTypes; i++)
    {
        if (FAILED(ITypeInfo_GetImplTypeFlags(coclass, i, &flags)) || (flags & IMPLTYPEFLAG_FSOURCE) ||
            FAILED(ITypeInfo_GetRefTypeOfImplType(coclass, i, &ref)) ||
            FAILED(ITypeInfo_GetRefTypeInfo(coclass, ref, &info)))
            continue;
        found = typeinfo_guid(info, &guid, &kind) && IsEqualGUID(&guid, iid);
        ITypeInfo_Release(info);
    }
    ITypeInfo_ReleaseTypeAttr(coclass, attr);
    return found;
}

/* Without IProvideClassInfo: the coclass in the object's type library whose default interface is
 * the one IDispatch::GetTypeInfo describes. */
static ITypeInfo *coclass_from_dispatch(IDispatch *object)
{
    ITypeInfo *info = NULL, *coclass = NULL, *candidate;
    ITypeLib *library = NULL;
    TYPEKIND kind;
    GUID iid;
    UINT i, index;

    if (FAILED(IDispatch_GetTypeInfo(object, 0, 0, &info)) || !info) return NULL;
    if (typeinfo_guid(info, &iid, &kind) && SUCCEEDED(ITypeInfo_GetContainingTypeLib(info, &library, &index)))
    {
        for (i = 0; !coclass && i < ITypeLib_GetTypeInfoCount(library); i++)
        {
            if (FAILED(ITypeLib_GetTypeInfoType(library, i, &kind)) || kind != TKIND_COCLASS ||
                FAILED(ITypeLib_GetTypeInfo(library, i, &candidate)))
                continue;
            if (coclass_has_default(candidate, &iid)) coclass = candidate;
            else ITypeInfo_Release(candidate);
        }
        ITypeLib_Release(library);
    }
    ITypeInfo_Release(info);
    return coclass;
}

static ITypeInfo *object_coclass(IDispatch *object)
{
    IProvideClassInfo *provider;
    ITypeInfo *coclass = NULL;

    if (SUCCEEDED(IDispatch_QueryInterface(object, &IID_IProvideClassInfo, (void **)&provider)))
    {
        if (FAILED(IProvideClassInfo_GetClassInfo(provider, &coclass))) coclass = NULL;
        IProvideClassInfo_Release(provider);
    }
    return coclass ? coclass : coclass_from_dispatch(object);
}

/* The object's default source dispinterface: its DIID and type information. */
static HRESULT default_source(IDispatch *object, IID *diid, ITypeInfo **source, const WCHAR **why)
{
    IProvideClassInfo2 *provider2;
    ITypeInfo *coclass;
    BOOL have_diid = FALSE;
    TYPEKIND kind;
    IID found;

    *source = NULL;
    if (SUCCEEDED(IDispatch_QueryInterface(object, &IID_IProvideClassInfo2, (void **)&provider2)))
    {
        have_diid = SUCCEEDED(IProvideClassInfo2_GetGUID(provider2, GUIDKIND_DEFAULT_SOURCE_DISP_IID, diid));
        IProvideClassInfo2_Release(provider2);
    }
    if (!(coclass = object_coclass(object)))
    {
        *why = L"it gives no type information of its class";
        return TYPE_E_ELEMENTNOTFOUND;
    }
    *source = default_source_of_coclass(coclass);
    ITypeInfo_Release(coclass);
    if (!*source)
    {
        *why = L"its class has no default source interface";
        return CONNECT_E_NOCONNECTION;
    }
    if (!typeinfo_guid(*source, &found, &kind) || kind != TKIND_DISPATCH || (have_diid && !IsEqualIID(&found, diid)))
    {
        *why = kind != TKIND_DISPATCH ? L"its default source interface is not a dispinterface"
                                      : L"its class information and type library disagree on its source interface";
        ITypeInfo_Release(*source);
        *source = NULL;
        return CONNECT_E_NOCONNECTION;
    }
    *diid = found;
    return S_OK;
}

/* ---- connecting ---- */

static HRESULT sink_create(const IID *diid, ITypeInfo *source_info, const WCHAR *prefix, struct sink **result)
{
    struct sink *sink;

    if (!(sink = calloc(1, sizeof(*sink)))) return E_OUTOFMEMORY;
    if (prefix && !(sink->prefix = _wcsdup(prefix)))
    {
        free(sink);
        return E_OUTOFMEMORY;
    }
    sink->IDispatch_iface.lpVtbl = &sink_vtbl;
    sink->refcount = 1;
    sink->diid = *diid;
    sink->source_info = source_info;
    ITypeInfo_AddRef(source_info);
    *result = sink;
    return S_OK;
}

static HRESULT advise(IDispatch *object, struct sink *sink, const WCHAR **why)
{
    IConnectionPointContainer *container;
    struct connection *connection;
    HRESULT hr;

    if (!(connection = calloc(1, sizeof(*connection)))) return E_OUTOFMEMORY;
    if (FAILED(hr = IDispatch_QueryInterface(object, &IID_IConnectionPointContainer, (void **)&container)))
        *why = L"it is no connection point container";
    else
    {
        if (FAILED(hr = IConnectionPointContainer_FindConnectionPoint(container, &sink->diid, &connection->point)))
            *why = L"it has no connection point for its default source interface";
        else if (FAILED(hr = IConnectionPoint_Advise(connection->point, (IUnknown *)&sink->IDispatch_iface,
                                                     &connection->cookie)))
        {
            *why = L"its connection point refused the sink";
            IConnectionPoint_Release(connection->point);
        }
        IConnectionPointContainer_Release(container);
    }
    if (FAILED(hr))
    {
        free(connection);
        return hr;
    }
    IDispatch_QueryInterface(object, &IID_IUnknown, (void **)&connection->identity);
    IDispatch_AddRef(&sink->IDispatch_iface);
    connection->sink = sink;
    connection->next = connections;
    connections = connection;
    return S_OK;
}

static HRESULT connect_sink(IDispatch *source, const WCHAR *prefix, struct sink **result, const WCHAR **why)
{
    ITypeInfo *source_info;
    struct sink *sink;
    HRESULT hr;
    IID diid;

    if (FAILED(hr = default_source(source, &diid, &source_info, why))) return hr;
    hr = sink_create(&diid, source_info, prefix, &sink);
    ITypeInfo_Release(source_info);
    if (FAILED(hr)) return hr;
    if (FAILED(hr = advise(source, sink, why))) IDispatch_Release(&sink->IDispatch_iface);
    else *result = sink;
    return hr;
}

HRESULT events_connect(IDispatch *source, const WCHAR *prefix, EXCEPINFO *excepinfo)
{
    const WCHAR *why = L"out of memory";
    struct sink *sink;
    HRESULT hr;

    if (FAILED(hr = connect_sink(source, prefix, &sink, &why)))
        return host_exception(excepinfo, L"WScript.ConnectObject", hr,
                              L"Could not connect object: %ls (error 0x%08lx).", why, hr);
    IDispatch_Release(&sink->IDispatch_iface);
    return S_OK;
}

static void connection_free(struct connection *connection)
{
    IConnectionPoint_Unadvise(connection->point, connection->cookie);
    IConnectionPoint_Release(connection->point);
    IDispatch_Release(&connection->sink->IDispatch_iface);
    if (connection->identity) IUnknown_Release(connection->identity);
    free(connection);
}

/* Disconnects every sink of the object (prefixed or bound); the number of them. */
static int disconnect_identity(IUnknown *identity)
{
    struct connection **link = &connections, *connection;
    int count = 0;

    while ((connection = *link))
    {
        if (connection->identity != identity)
        {
            link = &connection->next;
            continue;
        }
        *link = connection->next;
        connection_free(connection);
        count++;
    }
    return count;
}

HRESULT events_disconnect(IDispatch *source, EXCEPINFO *excepinfo)
{
    IUnknown *identity;
    int count;

    if (FAILED(IDispatch_QueryInterface(source, &IID_IUnknown, (void **)&identity))) return E_NOINTERFACE;
    count = disconnect_identity(identity);
    IUnknown_Release(identity);
    if (!count)
        return host_exception(excepinfo, L"WScript.DisconnectObject", CONNECT_E_NOCONNECTION,
                              L"The object is not connected.");
    return S_OK;
}

void events_disconnect_all(void)
{
    struct connection *connection;

    while ((connection = connections))
    {
        connections = connection->next;
        connection_free(connection);
    }
}

/* The sink of bound handlers of an object, connected on first use. */
static HRESULT bound_sink(IDispatch *source, struct sink **result)
{
    struct connection *connection;
    const WCHAR *why;
    IUnknown *identity;
    HRESULT hr;

    if (FAILED(IDispatch_QueryInterface(source, &IID_IUnknown, (void **)&identity))) return E_NOINTERFACE;
    for (connection = connections; connection; connection = connection->next)
        if (connection->identity == identity && !connection->sink->prefix) break;
    IUnknown_Release(identity);
    if (connection)
    {
        *result = connection->sink;
        return S_OK;
    }
    if (FAILED(hr = connect_sink(source, NULL, result, &why))) return hr;
    IDispatch_Release(&(*result)->IDispatch_iface);   /* the connection holds it */
    return S_OK;
}

HRESULT events_bind_handler(IDispatch *source, const WCHAR *event_name, IDispatch *handler)
{
    struct bound_handler *bound;
    struct sink *sink;
    HRESULT hr;

    if (FAILED(hr = bound_sink(source, &sink))) return hr;
    if (!(bound = calloc(1, sizeof(*bound))) || !(bound->event_name = SysAllocString(event_name)))
    {
        free(bound);
        return E_OUTOFMEMORY;
    }
    bound->handler = handler;
    IDispatch_AddRef(handler);
    bound->next = sink->handlers;
    sink->handlers = bound;
    return S_OK;
}
