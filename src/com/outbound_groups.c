/*
 * FaxOutboundRoutingGroups and FaxOutboundRoutingGroup: the outbound routing groups of the
 * service, a snapshot taken by GetGroups. Add and Remove are saved to the service at once (the
 * groups as they are now, read fresh, with one group more or less), and change the snapshot too.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "routing_config.h"

/* ---- FaxOutboundRoutingGroup ---- */

struct group
{
    IFaxOutboundRoutingGroup IFaxOutboundRoutingGroup_iface;
    struct routing_object base;
    BSTR name;                      /* immutable */
    IFaxDeviceIds *device_ids;      /* keeps the group's status too */
};

static const IID * const group_error_iids[] = { &IID_IFaxOutboundRoutingGroup, NULL };

static inline struct group *impl_from_IFaxOutboundRoutingGroup(IFaxOutboundRoutingGroup *iface)
{
    return CONTAINING_RECORD(iface, struct group, IFaxOutboundRoutingGroup_iface);
}

ROUTING_OBJECT_METHODS(group, IFaxOutboundRoutingGroup, impl_from_IFaxOutboundRoutingGroup)

static HRESULT WINAPI group_get_Name(IFaxOutboundRoutingGroup *iface, BSTR *name)
{
    if (!name) return E_POINTER;
    return fxs_bstr_get(impl_from_IFaxOutboundRoutingGroup(iface)->name, name);
}

static HRESULT WINAPI group_get_Status(IFaxOutboundRoutingGroup *iface, FAX_GROUP_STATUS_ENUM *status)
{
    if (!status) return E_POINTER;
    *status = fax_device_ids_status(impl_from_IFaxOutboundRoutingGroup(iface)->device_ids);
    return S_OK;
}

static HRESULT WINAPI group_get_DeviceIds(IFaxOutboundRoutingGroup *iface, IFaxDeviceIds **ids)
{
    if (!ids) return E_POINTER;
    *ids = impl_from_IFaxOutboundRoutingGroup(iface)->device_ids;
    IFaxDeviceIds_AddRef(*ids);
    return S_OK;
}

static const IFaxOutboundRoutingGroupVtbl group_vtbl =
{
    group_QueryInterface,
    group_AddRef,
    group_Release,
    group_GetTypeInfoCount,
    group_GetTypeInfo,
    group_GetIDsOfNames,
    group_Invoke,
    group_get_Name,
    group_get_Status,
    group_get_DeviceIds,
};

static void group_destroy(struct routing_object *base)
{
    struct group *group = CONTAINING_RECORD(base, struct group, base);

    if (group->device_ids) IFaxDeviceIds_Release(group->device_ids);
    SysFreeString(group->name);
    free(group);
}

static HRESULT group_create(IFaxServer *server, const struct routing_group_data *data, IDispatch **result)
{
    struct group *group;
    HRESULT hr;

    *result = NULL;
    if (!(group = calloc(1, sizeof(*group)))) return E_OUTOFMEMORY;
    group->IFaxOutboundRoutingGroup_iface.lpVtbl = &group_vtbl;
    routing_object_init(&group->base, (IUnknown *)&group->IFaxOutboundRoutingGroup_iface, &CLSID_FaxOutboundRoutingGroup,
                        group_error_iids, server, group_destroy);
    if (!(group->name = SysAllocString(data->name))) hr = E_OUTOFMEMORY;
    else hr = fax_device_ids_create(server, data, &group->device_ids);
    if (FAILED(hr))
    {
        IFaxOutboundRoutingGroup_Release(&group->IFaxOutboundRoutingGroup_iface);
        return hr;
    }
    *result = (IDispatch *)&group->IFaxOutboundRoutingGroup_iface;
    return S_OK;
}

/* ---- FaxOutboundRoutingGroups ---- */

struct groups
{
    IFaxOutboundRoutingGroups IFaxOutboundRoutingGroups_iface;
    struct routing_object base;
    struct routing_list list;
};

static const IID * const groups_error_iids[] = { &IID_IFaxOutboundRoutingGroups, NULL };

static inline struct groups *impl_from_IFaxOutboundRoutingGroups(IFaxOutboundRoutingGroups *iface)
{
    return CONTAINING_RECORD(iface, struct groups, IFaxOutboundRoutingGroups_iface);
}

ROUTING_OBJECT_METHODS(groups, IFaxOutboundRoutingGroups, impl_from_IFaxOutboundRoutingGroups)

static BOOL group_has_name(IDispatch *item, const void *name)
{
    return !lstrcmpiW(impl_from_IFaxOutboundRoutingGroup((IFaxOutboundRoutingGroup *)item)->name, name);
}

static HRESULT WINAPI groups_get__NewEnum(IFaxOutboundRoutingGroups *iface, IUnknown **result)
{
    return routing_list_enum(&impl_from_IFaxOutboundRoutingGroups(iface)->list, result);
}

static HRESULT no_group(const WCHAR *name)
{
    return fxs_error(FAX_E_GROUP_NOT_FOUND, &IID_IFaxOutboundRoutingGroups, L"There is no outbound routing group "
                     L"named \"%s\".", name);
}

/* The group an Item or Remove argument names: the item of the snapshot (NULL for a name that is
 * not in it) and its name (to free). */
static HRESULT resolve(struct groups *groups, const VARIANT *index, IDispatch **item, BSTR *name)
{
    LONG number, count;
    HRESULT hr;

    *item = NULL;
    if (FAILED(hr = fxs_collection_index(index, &IID_IFaxOutboundRoutingGroups, &number, name))) return hr;
    if (*name)
    {
        *item = routing_list_find(&groups->list, group_has_name, *name);
        return S_OK;
    }
    if (!(*item = routing_list_at(&groups->list, number, &count)))
        return fxs_error(E_INVALIDARG, &IID_IFaxOutboundRoutingGroups, L"There is no group %ld: the collection has "
                         L"%ld, numbered from 1.", number, count);
    if (!(*name = SysAllocString(impl_from_IFaxOutboundRoutingGroup((IFaxOutboundRoutingGroup *)*item)->name)))
    {
        IDispatch_Release(*item);
        *item = NULL;
        return E_OUTOFMEMORY;
    }
    return S_OK;
}

static HRESULT WINAPI groups_get_Item(IFaxOutboundRoutingGroups *iface, VARIANT index, IFaxOutboundRoutingGroup **result)
{
    IDispatch *item;
    BSTR name;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = resolve(impl_from_IFaxOutboundRoutingGroups(iface), &index, &item, &name))) return hr;
    if (item) *result = (IFaxOutboundRoutingGroup *)item;
    else hr = no_group(name);
    SysFreeString(name);
    return hr;
}

static HRESULT WINAPI groups_get_Count(IFaxOutboundRoutingGroups *iface, LONG *count)
{
    return routing_list_count(&impl_from_IFaxOutboundRoutingGroups(iface)->list, count);
}

static HRESULT add_error(const WCHAR *name, DWORD error)
{
    if (error == ERROR_ALREADY_EXISTS)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_DUP_NAME), &IID_IFaxOutboundRoutingGroups, L"There is a group named "
                         L"\"%s\" already.", name);
    if (error == ERROR_INVALID_PARAMETER)
        return fxs_error(E_INVALIDARG, &IID_IFaxOutboundRoutingGroups, L"The fax service refused the group \"%s\": it "
                         L"keeps at most 64 groups.", name);
    return routing_write_error(error, &IID_IFaxOutboundRoutingGroups, L"FaxOutboundRoutingGroups.Add");
}

static HRESULT WINAPI groups_Add(IFaxOutboundRoutingGroups *iface, BSTR name, IFaxOutboundRoutingGroup **result)
{
    struct groups *groups = impl_from_IFaxOutboundRoutingGroups(iface);
    struct routing_groups_data data;
    struct routing_group_data *added = NULL;
    IDispatch *item = NULL;
    LONG attempt = 0;
    DWORD error;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (!name || !name[0])
        return fxs_error(E_INVALIDARG, &IID_IFaxOutboundRoutingGroups, L"A group needs a name.");
    if (wcslen(name) > ROUTING_MAX_NAME)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW), &IID_IFaxOutboundRoutingGroups, L"A group name has at "
                         L"most %d characters, not %Iu.", ROUTING_MAX_NAME, wcslen(name));
    /* Made anew while other clients change the groups in between (routing_stale). */
    do
    {
        if (attempt) routing_groups_free(&data);
        if (FAILED(hr = routing_groups_read(groups->base.server, &IID_IFaxOutboundRoutingGroups, &data))) return hr;
        error = 0;
        added = NULL;
        if (routing_group_find(&data, name) >= 0) hr = add_error(name, ERROR_ALREADY_EXISTS);
        else if (!(added = realloc(data.items, (data.count + 1) * sizeof(*data.items)))) hr = E_OUTOFMEMORY;
        else
        {
            data.items = added;
            added = &data.items[data.count];
            memset(added, 0, sizeof(*added));
            added->status = fgsEMPTY;
            if (!(added->name = SysAllocString(name)) || !(added->device_ids = calloc(1, sizeof(LONG))))
                hr = E_OUTOFMEMORY;
            data.count++;
            if (SUCCEEDED(hr)) hr = routing_groups_write(groups->base.server, &IID_IFaxOutboundRoutingGroups, &data,
                                                         &error);
        }
    } while (SUCCEEDED(hr) && routing_stale(error, &attempt));
    if (SUCCEEDED(hr) && error) hr = add_error(name, error);
    if (SUCCEEDED(hr) && added)
    {
        if (SUCCEEDED(hr = group_create(groups->base.server, added, &item)))
        {
            if (SUCCEEDED(hr = routing_list_append(&groups->list, item))) *result = (IFaxOutboundRoutingGroup *)item;
            else IDispatch_Release(item);
        }
    }
    routing_groups_free(&data);
    return hr;
}

static HRESULT WINAPI groups_Remove(IFaxOutboundRoutingGroups *iface, VARIANT index)
{
    struct groups *groups = impl_from_IFaxOutboundRoutingGroups(iface);
    struct routing_groups_data data = { 0 };
    IDispatch *item;
    LONG position, i, attempt = 0;
    DWORD error;
    BSTR name;
    HRESULT hr;

    if (FAILED(hr = resolve(groups, &index, &item, &name))) return hr;
    if (item) IDispatch_Release(item);
    if (routing_is_all_devices(name))
        hr = fxs_error(HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), &IID_IFaxOutboundRoutingGroups, L"The group \"%s\" "
                       L"cannot be removed.", bstrGROUPNAME_ALLDEVICES);
    else
    {
        do
        {
            error = 0;
            if (attempt) routing_groups_free(&data);
            if (FAILED(hr = routing_groups_read(groups->base.server, &IID_IFaxOutboundRoutingGroups, &data))) break;
            if ((position = routing_group_find(&data, name)) < 0) hr = no_group(name);
            else
            {
                routing_group_clear(&data.items[position]);
                for (i = position + 1; i < data.count; i++) data.items[i - 1] = data.items[i];
                data.count--;
                hr = routing_groups_write(groups->base.server, &IID_IFaxOutboundRoutingGroups, &data, &error);
            }
        } while (SUCCEEDED(hr) && routing_stale(error, &attempt));
        if (SUCCEEDED(hr) && error)
            hr = routing_write_error(error, &IID_IFaxOutboundRoutingGroups, L"FaxOutboundRoutingGroups.Remove");
        if (SUCCEEDED(hr)) routing_list_drop(&groups->list, group_has_name, name);
        routing_groups_free(&data);
    }
    SysFreeString(name);
    return hr;
}

static const IFaxOutboundRoutingGroupsVtbl groups_vtbl =
{
    groups_QueryInterface,
    groups_AddRef,
    groups_Release,
    groups_GetTypeInfoCount,
    groups_GetTypeInfo,
    groups_GetIDsOfNames,
    groups_Invoke,
    groups_get__NewEnum,
    groups_get_Item,
    groups_get_Count,
    groups_Add,
    groups_Remove,
};

static void groups_destroy(struct routing_object *base)
{
    struct groups *groups = CONTAINING_RECORD(base, struct groups, base);

    routing_list_clear(&groups->list);
    free(groups);
}

HRESULT fax_outbound_routing_groups_create(IFaxServer *server, IFaxOutboundRoutingGroups **result)
{
    struct routing_groups_data data;
    struct groups *groups;
    IDispatch *item;
    HRESULT hr;
    LONG i;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = routing_groups_read(server, &IID_IFaxOutboundRouting, &data))) return hr;
    if (!(groups = calloc(1, sizeof(*groups))))
    {
        routing_groups_free(&data);
        return E_OUTOFMEMORY;
    }
    groups->IFaxOutboundRoutingGroups_iface.lpVtbl = &groups_vtbl;
    routing_list_init(&groups->list);
    routing_object_init(&groups->base, (IUnknown *)&groups->IFaxOutboundRoutingGroups_iface,
                        &CLSID_FaxOutboundRoutingGroups, groups_error_iids, server, groups_destroy);
    for (i = 0; i < data.count && SUCCEEDED(hr); i++)
    {
        if (SUCCEEDED(hr = group_create(server, &data.items[i], &item)))
        {
            hr = routing_list_append(&groups->list, item);
            IDispatch_Release(item);
        }
    }
    routing_groups_free(&data);
    if (FAILED(hr))
    {
        IFaxOutboundRoutingGroups_Release(&groups->IFaxOutboundRoutingGroups_iface);
        return hr;
    }
    *result = &groups->IFaxOutboundRoutingGroups_iface;
    return S_OK;
}
