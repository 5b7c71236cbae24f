/*
 * The outbound routing configuration of the service as the DLL edits it: the "config.out_groups"
 * and "config.out_rules" records (idl/faxsvc.idl) read into plain arrays, changed, and written
 * back whole. Every change of the routing objects reads the classes fresh from the service,
 * changes what it is about and writes them back at once, as Microsoft's library saves each
 * change to the service.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_ROUTING_CONFIG_H
#define FXSCOMEX_ROUTING_CONFIG_H

#include <stdint.h>
#include "fxscomex_private.h"

#define ROUTING_MAX_NAME    259     /* characters of a group name */
#define ROUTING_MAX_DEVICES 64      /* devices of one group */

struct routing_group_data
{
    BSTR name;
    LONG *device_ids;               /* in the order they are tried */
    LONG device_count;
    LONG status;                    /* FAX_GROUP_STATUS_ENUM */
};

struct routing_rule_data
{
    LONG country_code, area_code;
    BOOL use_device;
    LONG device_id;
    BSTR group_name;
    LONG status;                    /* FAX_RULE_STATUS_ENUM */
};

struct routing_groups_data
{
    struct routing_group_data *items;
    LONG count;
    uint64_t revision;              /* of what was read: the write is refused if the class changed since */
};

struct routing_rules_data
{
    struct routing_rule_data *items;
    LONG count;
    uint64_t revision;
};

/* Read: S_OK, or a failure with its IErrorInfo (for iid). */
HRESULT routing_groups_read(IFaxServer *server, REFIID iid, struct routing_groups_data *groups);
HRESULT routing_rules_read(IFaxServer *server, REFIID iid, struct routing_rules_data *rules);
/* Write: a failure of the link as HRESULT (with its IErrorInfo), else S_OK and the service's
 * answer in *error for the caller to explain. The write is made on what was read (its revision,
 * include/fxs_revision.h): when another client changed the class since, the service refuses it
 * with ERROR_REVISION_MISMATCH, and the caller reads again and makes its edit anew (routing_stale). */
HRESULT routing_groups_write(IFaxServer *server, REFIID iid, const struct routing_groups_data *groups, DWORD *error);
HRESULT routing_rules_write(IFaxServer *server, REFIID iid, const struct routing_rules_data *rules, DWORD *error);

void routing_groups_free(struct routing_groups_data *groups);
void routing_rules_free(struct routing_rules_data *rules);
void routing_group_clear(struct routing_group_data *group);
HRESULT routing_group_copy(struct routing_group_data *dst, const struct routing_group_data *src);
HRESULT routing_rule_copy(struct routing_rule_data *dst, const struct routing_rule_data *src);

/* Whether a write was refused as made on a class changed since, and may be made anew: at most
 * ROUTING_EDIT_ATTEMPTS times in all (*attempt counts them). */
#define ROUTING_EDIT_ATTEMPTS 32
BOOL routing_stale(DWORD error, LONG *attempt);

/* Index of a group by name (case ignored), of a rule by its codes; -1 when there is none. */
LONG routing_group_find(const struct routing_groups_data *groups, const WCHAR *name);
LONG routing_rule_find(const struct routing_rules_data *rules, LONG country_code, LONG area_code);

/* The group every device belongs to, which cannot be removed or have devices added or removed. */
BOOL routing_is_all_devices(const WCHAR *name);

/* The errors of a write that are the same for every routing object. */
HRESULT routing_write_error(DWORD error, REFIID iid, const WCHAR *what);

/* What every routing object is made of (routing_object.c): IProvideClassInfo2 and
 * ISupportErrorInfo, the free-threaded marshaler, a reference on the FaxServer. */
struct routing_object
{
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* aggregated */
    LONG refcount;
    IFaxServer *server;
    void (*destroy)(struct routing_object *object);     /* frees the object that embeds this */
};

void routing_object_init(struct routing_object *object, IUnknown *iface, const CLSID *clsid,
                         const IID * const *error_iids, IFaxServer *server, void (*destroy)(struct routing_object *));
HRESULT routing_object_query(struct routing_object *object, void *iface, REFIID riid, void **obj);
ULONG routing_object_release(struct routing_object *object);

/* The snapshot of a collection (groups, rules): its items, each with a reference. */
struct routing_list
{
    SRWLOCK lock;                   /* items, count, size */
    IDispatch **items;
    LONG count, size;
};

typedef BOOL (*routing_match)(IDispatch *item, const void *context);

void routing_list_init(struct routing_list *list);
void routing_list_clear(struct routing_list *list);
HRESULT routing_list_append(struct routing_list *list, IDispatch *item);
HRESULT routing_list_enum(struct routing_list *list, IUnknown **result);
HRESULT routing_list_count(struct routing_list *list, LONG *count);
/* The item at a 1-based index, with a reference, NULL when there is none; *count the items. */
IDispatch *routing_list_at(struct routing_list *list, LONG index, LONG *count);
/* The first item that matches, with a reference, or NULL; drop takes it out of the list. */
IDispatch *routing_list_find(struct routing_list *list, routing_match match, const void *context);
void routing_list_drop(struct routing_list *list, routing_match match, const void *context);

/* IUnknown and IDispatch of an object whose struct has a member `base` (struct routing_object). */
#define ROUTING_OBJECT_METHODS(prefix, type, impl) \
    static HRESULT WINAPI prefix##_QueryInterface(type *iface, REFIID riid, void **obj) \
    { return routing_object_query(&impl(iface)->base, iface, riid, obj); } \
    static ULONG WINAPI prefix##_AddRef(type *iface) \
    { return InterlockedIncrement(&impl(iface)->base.refcount); } \
    static ULONG WINAPI prefix##_Release(type *iface) \
    { return routing_object_release(&impl(iface)->base); } \
    FXS_DISPATCH_METHODS(prefix, type, IID_##type)

/* Objects (outbound_routing.c, outbound_groups.c, device_ids.c, outbound_rules.c). */
HRESULT fax_outbound_routing_create(IFaxServer *server, IFaxOutboundRouting **routing);
HRESULT fax_outbound_routing_groups_create(IFaxServer *server, IFaxOutboundRoutingGroups **groups);
HRESULT fax_outbound_routing_rules_create(IFaxServer *server, IFaxOutboundRoutingRules **rules);
/* FaxDeviceIds of a group (device_ids.c), and the group's status as it last knew it. */
HRESULT fax_device_ids_create(IFaxServer *server, const struct routing_group_data *group, IFaxDeviceIds **ids);
LONG fax_device_ids_status(IFaxDeviceIds *ids);

#endif /* FXSCOMEX_ROUTING_CONFIG_H */
