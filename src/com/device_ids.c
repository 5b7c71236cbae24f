/*
 * FaxDeviceIds: the devices of an outbound routing group, in the order the service tries them.
 * Add, Remove and SetOrder are saved to the service at once: each reads the groups as they are
 * now, changes this group's list and writes the groups back.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "routing_config.h"

struct device_ids
{
    IFaxDeviceIds IFaxDeviceIds_iface;
    struct routing_object base;
    SRWLOCK lock;                   /* ids, count, status */
    BSTR group_name;                /* immutable */
    LONG ids[ROUTING_MAX_DEVICES];
    LONG count;
    LONG status;                    /* the group's FAX_GROUP_STATUS_ENUM */
};

static const IID * const device_ids_error_iids[] = { &IID_IFaxDeviceIds, NULL };

static inline struct device_ids *impl_from_IFaxDeviceIds(IFaxDeviceIds *iface)
{
    return CONTAINING_RECORD(iface, struct device_ids, IFaxDeviceIds_iface);
}

ROUTING_OBJECT_METHODS(device_ids, IFaxDeviceIds, impl_from_IFaxDeviceIds)

static HRESULT WINAPI device_ids_get__NewEnum(IFaxDeviceIds *iface, IUnknown **result)
{
    struct device_ids *ids = impl_from_IFaxDeviceIds(iface);
    HRESULT hr;

    AcquireSRWLockShared(&ids->lock);
    hr = fxs_enum_variant_create_longs(ids->ids, ids->count, result);
    ReleaseSRWLockShared(&ids->lock);
    return hr;
}

static HRESULT bad_index(struct device_ids *ids, LONG index, LONG count)
{
    return fxs_error(E_INVALIDARG, &IID_IFaxDeviceIds, L"There is no device %ld in group \"%s\": it has %ld, numbered "
                     L"from 1.", index, ids->group_name, count);
}

static HRESULT WINAPI device_ids_get_Item(IFaxDeviceIds *iface, LONG index, LONG *device_id)
{
    struct device_ids *ids = impl_from_IFaxDeviceIds(iface);
    LONG count;

    if (!device_id) return E_POINTER;
    AcquireSRWLockShared(&ids->lock);
    count = ids->count;
    if (index >= 1 && index <= count) *device_id = ids->ids[index - 1];
    ReleaseSRWLockShared(&ids->lock);
    return index >= 1 && index <= count ? S_OK : bad_index(ids, index, count);
}

static HRESULT WINAPI device_ids_get_Count(IFaxDeviceIds *iface, LONG *count)
{
    struct device_ids *ids = impl_from_IFaxDeviceIds(iface);

    if (!count) return E_POINTER;
    AcquireSRWLockShared(&ids->lock);
    *count = ids->count;
    ReleaseSRWLockShared(&ids->lock);
    return S_OK;
}

/* ---- changes, saved at once ---- */

enum ids_change { IDS_ADD, IDS_REMOVE, IDS_ORDER };

static LONG position_of(const struct routing_group_data *group, LONG device_id)
{
    LONG i;

    for (i = 0; i < group->device_count; i++)
        if (group->device_ids[i] == device_id) return i;
    return -1;
}

/* The change applied to the group as the service has it now; S_OK or why not. */
static HRESULT apply(struct device_ids *ids, struct routing_group_data *group, enum ids_change change, LONG device_id,
                     LONG order)
{
    LONG position = position_of(group, device_id), i;

    if (change == IDS_ADD)
    {
        if (position >= 0)
            return fxs_error(HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS), &IID_IFaxDeviceIds,
                             L"Device %ld is already in group \"%s\".", device_id, ids->group_name);
        if (group->device_count == ROUTING_MAX_DEVICES)
            return fxs_error(E_INVALIDARG, &IID_IFaxDeviceIds, L"Group \"%s\" has %d devices already, as many as a group "
                             L"may have.", ids->group_name, ROUTING_MAX_DEVICES);
        group->device_ids[group->device_count++] = device_id;
        return S_OK;
    }
    if (position < 0)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_FOUND), &IID_IFaxDeviceIds, L"Device %ld is not in group \"%s\".",
                         device_id, ids->group_name);
    if (change == IDS_ORDER && (order < 1 || order > group->device_count))
        return fxs_error(E_INVALIDARG, &IID_IFaxDeviceIds, L"SetOrder: %ld is no place in group \"%s\": it has %ld "
                         L"devices, numbered from 1.", order, ids->group_name, group->device_count);
    /* Take the device out, the others close the gap; then put it back at its new place. */
    for (i = position; i < group->device_count - 1; i++) group->device_ids[i] = group->device_ids[i + 1];
    group->device_count--;
    if (change == IDS_ORDER)
    {
        for (i = group->device_count; i > order - 1; i--) group->device_ids[i] = group->device_ids[i - 1];
        group->device_ids[order - 1] = device_id;
        group->device_count++;
    }
    return S_OK;
}

/* The snapshot becomes the group as the service has it now (its status included). */
static void take_group(struct device_ids *ids, const struct routing_group_data *group)
{
    AcquireSRWLockExclusive(&ids->lock);
    memcpy(ids->ids, group->device_ids, group->device_count * sizeof(*ids->ids));
    ids->count = group->device_count;
    ids->status = group->status;
    ReleaseSRWLockExclusive(&ids->lock);
}

static HRESULT refresh_status(struct device_ids *ids)
{
    struct routing_groups_data groups;
    LONG index;
    HRESULT hr;

    if (FAILED(hr = routing_groups_read(ids->base.server, &IID_IFaxDeviceIds, &groups))) return hr;
    if ((index = routing_group_find(&groups, ids->group_name)) >= 0) take_group(ids, &groups.items[index]);
    routing_groups_free(&groups);
    return S_OK;
}

static HRESULT change_ids(struct device_ids *ids, enum ids_change change, LONG device_id, LONG order, const WCHAR *what)
{
    struct routing_groups_data groups;
    LONG index, attempt = 0;
    DWORD error;
    HRESULT hr;

    /* Made anew while other clients change the groups in between (routing_stale). */
    do
    {
        if (attempt) routing_groups_free(&groups);
        if (FAILED(hr = routing_groups_read(ids->base.server, &IID_IFaxDeviceIds, &groups))) return hr;
        error = 0;
        if ((index = routing_group_find(&groups, ids->group_name)) < 0)
            hr = fxs_error(FAX_E_GROUP_NOT_FOUND, &IID_IFaxDeviceIds, L"%s failed: the fax service has no group \"%s\" "
                           L"(any more).", what, ids->group_name);
        else if (SUCCEEDED(hr = apply(ids, &groups.items[index], change, device_id, order)))
            hr = routing_groups_write(ids->base.server, &IID_IFaxDeviceIds, &groups, &error);
    } while (SUCCEEDED(hr) && routing_stale(error, &attempt));
    if (SUCCEEDED(hr))
    {
        if (error == ERROR_NOT_FOUND)
            hr = fxs_error(HRESULT_FROM_WIN32(ERROR_BAD_UNIT), &IID_IFaxDeviceIds, L"%s failed: the fax service has no "
                           L"device %ld.", what, device_id);
        else if (error) hr = routing_write_error(error, &IID_IFaxDeviceIds, what);
        else
        {
            take_group(ids, &groups.items[index]);
            refresh_status(ids);    /* the service's own view of the group: a failure here changes nothing */
        }
    }
    routing_groups_free(&groups);
    return hr;
}

static HRESULT all_devices_fixed(struct device_ids *ids, const WCHAR *what)
{
    return fxs_error(HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), &IID_IFaxDeviceIds, L"%s: the group \"%s\" always "
                     L"holds every device; only their order (SetOrder) can change.", what, ids->group_name);
}

static HRESULT WINAPI device_ids_Add(IFaxDeviceIds *iface, LONG device_id)
{
    struct device_ids *ids = impl_from_IFaxDeviceIds(iface);

    if (routing_is_all_devices(ids->group_name)) return all_devices_fixed(ids, L"FaxDeviceIds.Add");
    if (device_id <= 0)
        return fxs_error(HRESULT_FROM_WIN32(ERROR_BAD_UNIT), &IID_IFaxDeviceIds, L"FaxDeviceIds.Add: %ld is no device "
                         L"id.", device_id);
    return change_ids(ids, IDS_ADD, device_id, 0, L"FaxDeviceIds.Add");
}

static HRESULT WINAPI device_ids_Remove(IFaxDeviceIds *iface, LONG index)
{
    struct device_ids *ids = impl_from_IFaxDeviceIds(iface);
    LONG device_id = 0, count;

    if (routing_is_all_devices(ids->group_name)) return all_devices_fixed(ids, L"FaxDeviceIds.Remove");
    AcquireSRWLockShared(&ids->lock);
    count = ids->count;
    if (index >= 1 && index <= count) device_id = ids->ids[index - 1];
    ReleaseSRWLockShared(&ids->lock);
    if (index < 1 || index > count) return bad_index(ids, index, count);
    return change_ids(ids, IDS_REMOVE, device_id, 0, L"FaxDeviceIds.Remove");
}

static HRESULT WINAPI device_ids_SetOrder(IFaxDeviceIds *iface, LONG device_id, LONG order)
{
    return change_ids(impl_from_IFaxDeviceIds(iface), IDS_ORDER, device_id, order, L"FaxDeviceIds.SetOrder");
}

static const IFaxDeviceIdsVtbl device_ids_vtbl =
{
    device_ids_QueryInterface,
    device_ids_AddRef,
    device_ids_Release,
    device_ids_GetTypeInfoCount,
    device_ids_GetTypeInfo,
    device_ids_GetIDsOfNames,
    device_ids_Invoke,
    device_ids_get__NewEnum,
    device_ids_get_Item,
    device_ids_get_Count,
    device_ids_Add,
    device_ids_Remove,
    device_ids_SetOrder,
};

static void device_ids_destroy(struct routing_object *base)
{
    struct device_ids *ids = CONTAINING_RECORD(base, struct device_ids, base);

    SysFreeString(ids->group_name);
    free(ids);
}

HRESULT fax_device_ids_create(IFaxServer *server, const struct routing_group_data *group, IFaxDeviceIds **result)
{
    struct device_ids *ids;

    *result = NULL;
    if (!(ids = calloc(1, sizeof(*ids)))) return E_OUTOFMEMORY;
    if (!(ids->group_name = SysAllocString(group->name)))
    {
        free(ids);
        return E_OUTOFMEMORY;
    }
    ids->IFaxDeviceIds_iface.lpVtbl = &device_ids_vtbl;
    InitializeSRWLock(&ids->lock);
    take_group(ids, group);
    routing_object_init(&ids->base, (IUnknown *)&ids->IFaxDeviceIds_iface, &CLSID_FaxDeviceIds, device_ids_error_iids,
                        server, device_ids_destroy);
    *result = &ids->IFaxDeviceIds_iface;
    return S_OK;
}

LONG fax_device_ids_status(IFaxDeviceIds *iface)
{
    struct device_ids *ids = impl_from_IFaxDeviceIds(iface);
    LONG status;

    AcquireSRWLockShared(&ids->lock);
    status = ids->status;
    ReleaseSRWLockShared(&ids->lock);
    return status;
}
