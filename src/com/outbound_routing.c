/*
 * FaxOutboundRouting (FaxServer.OutboundRouting): the way to the outbound routing groups and rules.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "routing_config.h"

struct outbound_routing
{
    IFaxOutboundRouting IFaxOutboundRouting_iface;
    struct routing_object base;
};

static const IID * const outbound_routing_error_iids[] = { &IID_IFaxOutboundRouting, NULL };

static inline struct outbound_routing *impl_from_IFaxOutboundRouting(IFaxOutboundRouting *iface)
{
    return CONTAINING_RECORD(iface, struct outbound_routing, IFaxOutboundRouting_iface);
}

ROUTING_OBJECT_METHODS(outbound_routing, IFaxOutboundRouting, impl_from_IFaxOutboundRouting)

static HRESULT WINAPI outbound_routing_GetGroups(IFaxOutboundRouting *iface, IFaxOutboundRoutingGroups **groups)
{
    return fax_outbound_routing_groups_create(impl_from_IFaxOutboundRouting(iface)->base.server, groups);
}

static HRESULT WINAPI outbound_routing_GetRules(IFaxOutboundRouting *iface, IFaxOutboundRoutingRules **rules)
{
    return fax_outbound_routing_rules_create(impl_from_IFaxOutboundRouting(iface)->base.server, rules);
}

static const IFaxOutboundRoutingVtbl outbound_routing_vtbl =
{
    outbound_routing_QueryInterface,
    outbound_routing_AddRef,
    outbound_routing_Release,
    outbound_routing_GetTypeInfoCount,
    outbound_routing_GetTypeInfo,
    outbound_routing_GetIDsOfNames,
    outbound_routing_Invoke,
    outbound_routing_GetGroups,
    outbound_routing_GetRules,
};

static void outbound_routing_destroy(struct routing_object *base)
{
    free(CONTAINING_RECORD(base, struct outbound_routing, base));
}

static HRESULT connected(struct fxs_link *link, void *context)
{
    return S_OK;
}

HRESULT fax_outbound_routing_create(IFaxServer *server, IFaxOutboundRouting **result)
{
    struct outbound_routing *routing;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    /* As the other configuration objects: only from a connected FaxServer. */
    if (FAILED(hr = fax_server_with_link(server, connected, NULL))) return hr;
    if (!(routing = calloc(1, sizeof(*routing)))) return E_OUTOFMEMORY;
    routing->IFaxOutboundRouting_iface.lpVtbl = &outbound_routing_vtbl;
    routing_object_init(&routing->base, (IUnknown *)&routing->IFaxOutboundRouting_iface, &CLSID_FaxOutboundRouting,
                        outbound_routing_error_iids, server, outbound_routing_destroy);
    *result = &routing->IFaxOutboundRouting_iface;
    return S_OK;
}
