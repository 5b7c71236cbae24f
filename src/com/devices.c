/*
 * FaxDevices and FaxDevice: the fax devices of the service (fxs_list_devices), each a snapshot
 * taken when GetDevices ran or at Refresh. A device's settings (Description, SendEnabled,
 * ReceiveMode, RingsBeforeAnswer, CSID, TSID) are saved through the "config.devices" record; its
 * routing methods (device_routing.c) and extension properties (extension_property.c) are the
 * service's, read and changed at each call.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stddef.h>
#include <stdio.h>
#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_device_info.h"
#include "fxs_event.h"
#include "../svc/record.h"

/* ---- FaxDevice ---- */

struct device
{
    IFaxDevice IFaxDevice_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;
    DWORD id;
    SRWLOCK lock;                   /* info */
    fxs_device_info info;           /* strings owned (malloc) */
};

static const IID * const device_error_iids[] = { &IID_IFaxDevice, NULL };

static inline struct device *impl_from_IFaxDevice(IFaxDevice *iface)
{
    return CONTAINING_RECORD(iface, struct device, IFaxDevice_iface);
}

static HRESULT WINAPI device_QueryInterface(IFaxDevice *iface, REFIID riid, void **obj)
{
    struct device *device = impl_from_IFaxDevice(iface);

    if (obj && IsEqualIID(riid, &IID_IMarshal) && device->marshaler)
        return IUnknown_QueryInterface(device->marshaler, riid, obj);
    return fxs_class_info_query(&device->class_info, &device->IFaxDevice_iface, riid, obj);
}

static ULONG WINAPI device_AddRef(IFaxDevice *iface)
{
    return InterlockedIncrement(&impl_from_IFaxDevice(iface)->refcount);
}

static ULONG WINAPI device_Release(IFaxDevice *iface)
{
    struct device *device = impl_from_IFaxDevice(iface);
    ULONG refcount = InterlockedDecrement(&device->refcount);

    if (!refcount)
    {
        if (device->marshaler) IUnknown_Release(device->marshaler);
        IFaxServer_Release(device->server);
        fxs_device_info_clear(&device->info);
        free(device);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(device, IFaxDevice, IID_IFaxDevice)

#define FIELD(field) offsetof(fxs_device_info, field)

static HRESULT get_string(IFaxDevice *iface, size_t offset, BSTR *value)
{
    struct device *device = impl_from_IFaxDevice(iface);
    const WCHAR *text;

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&device->lock);
    text = *(WCHAR **)((BYTE *)&device->info + offset);
    *value = SysAllocString(text ? text : L"");
    ReleaseSRWLockShared(&device->lock);
    return *value ? S_OK : E_OUTOFMEMORY;
}

static HRESULT put_string(IFaxDevice *iface, size_t offset, BSTR value)
{
    struct device *device = impl_from_IFaxDevice(iface);
    WCHAR **field = (WCHAR **)((BYTE *)&device->info + offset), *copy;

    if (!(copy = fxs_strdup(value ? value : L""))) return E_OUTOFMEMORY;
    AcquireSRWLockExclusive(&device->lock);
    free(*field);
    *field = copy;
    ReleaseSRWLockExclusive(&device->lock);
    return S_OK;
}

static HRESULT get_long(IFaxDevice *iface, size_t offset, LONG *value)
{
    struct device *device = impl_from_IFaxDevice(iface);

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&device->lock);
    *value = *(LONG *)((BYTE *)&device->info + offset);
    ReleaseSRWLockShared(&device->lock);
    return S_OK;
}

static HRESULT put_long(IFaxDevice *iface, size_t offset, LONG value)
{
    struct device *device = impl_from_IFaxDevice(iface);

    AcquireSRWLockExclusive(&device->lock);
    *(LONG *)((BYTE *)&device->info + offset) = value;
    ReleaseSRWLockExclusive(&device->lock);
    return S_OK;
}

static HRESULT get_bool(IFaxDevice *iface, size_t offset, VARIANT_BOOL *value)
{
    LONG flag;
    HRESULT hr;

    if (!value) return E_POINTER;
    if (SUCCEEDED(hr = get_long(iface, offset, &flag))) *value = flag ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

#define DEVICE_STRING(name, field) \
    static HRESULT WINAPI device_get_##name(IFaxDevice *iface, BSTR *value) \
    { return get_string(iface, FIELD(field), value); }
#define DEVICE_STRING_PUT(name, field) \
    static HRESULT WINAPI device_put_##name(IFaxDevice *iface, BSTR value) \
    { return put_string(iface, FIELD(field), value); }
#define DEVICE_BOOL(name, field) \
    static HRESULT WINAPI device_get_##name(IFaxDevice *iface, VARIANT_BOOL *value) \
    { return get_bool(iface, FIELD(field), value); }

DEVICE_STRING(DeviceName, name)
DEVICE_STRING(ProviderUniqueName, provider_unique_name)
DEVICE_BOOL(PoweredOff, powered_off)
DEVICE_BOOL(ReceivingNow, receiving)
DEVICE_BOOL(SendingNow, sending)
DEVICE_BOOL(RingingNow, ringing)
DEVICE_STRING(Description, description)
DEVICE_STRING_PUT(Description, description)
DEVICE_BOOL(SendEnabled, send_enabled)
DEVICE_STRING(CSID, csid)
DEVICE_STRING_PUT(CSID, csid)
DEVICE_STRING(TSID, tsid)
DEVICE_STRING_PUT(TSID, tsid)

static HRESULT WINAPI device_get_Id(IFaxDevice *iface, LONG *value)
{
    return get_long(iface, FIELD(id), value);
}

static HRESULT WINAPI device_put_SendEnabled(IFaxDevice *iface, VARIANT_BOOL value)
{
    return put_long(iface, FIELD(send_enabled), value ? 1 : 0);
}

static HRESULT WINAPI device_get_ReceiveMode(IFaxDevice *iface, FAX_DEVICE_RECEIVE_MODE_ENUM *value)
{
    return get_long(iface, FIELD(receive_mode), (LONG *)value);
}

static HRESULT WINAPI device_put_ReceiveMode(IFaxDevice *iface, FAX_DEVICE_RECEIVE_MODE_ENUM value)
{
    return put_long(iface, FIELD(receive_mode), value);
}

static HRESULT WINAPI device_get_RingsBeforeAnswer(IFaxDevice *iface, LONG *value)
{
    return get_long(iface, FIELD(rings_before_answer), value);
}

static HRESULT WINAPI device_put_RingsBeforeAnswer(IFaxDevice *iface, LONG value)
{
    return put_long(iface, FIELD(rings_before_answer), value);
}

static HRESULT WINAPI device_get_UsedRoutingMethods(IFaxDevice *iface, VARIANT *value)
{
    struct device *device = impl_from_IFaxDevice(iface);
    return fax_device_used_routing_methods(device->server, device->id, value);
}

static HRESULT WINAPI device_GetExtensionProperty(IFaxDevice *iface, BSTR guid, VARIANT *value)
{
    struct device *device = impl_from_IFaxDevice(iface);
    return fxs_extension_property_get(device->server, device->id, guid, value, &IID_IFaxDevice);
}

static HRESULT WINAPI device_SetExtensionProperty(IFaxDevice *iface, BSTR guid, VARIANT value)
{
    struct device *device = impl_from_IFaxDevice(iface);
    return fxs_extension_property_set(device->server, device->id, guid, &value, &IID_IFaxDevice);
}

static HRESULT WINAPI device_UseRoutingMethod(IFaxDevice *iface, BSTR method_guid, VARIANT_BOOL use)
{
    struct device *device = impl_from_IFaxDevice(iface);
    return fax_device_use_routing_method(device->server, device->id, method_guid, use);
}

/* ---- calls to the service ---- */

static HRESULT device_gone(DWORD id)
{
    return fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_FOUND), &IID_IFaxDevice, L"The fax service has no device %lu (any more).",
                     id);
}

struct devices_call
{
    DWORD count;
    fxs_device_info *devices;
};

static DWORD list_devices(void *session, void *context)
{
    struct devices_call *call = context;
    return fxs_rpc_list_devices(session, &call->count, &call->devices);
}

static HRESULT devices_list(IFaxServer *server, struct devices_call *call, REFIID iid)
{
    DWORD error;
    HRESULT hr;

    memset(call, 0, sizeof(*call));
    if (FAILED(hr = fxs_service_call(server, list_devices, call, &error))) return hr;
    if (error) return fxs_service_error(error, iid, L"Listing the fax devices");
    return S_OK;
}

static HRESULT WINAPI device_Refresh(IFaxDevice *iface)
{
    struct device *device = impl_from_IFaxDevice(iface);
    struct devices_call call;
    HRESULT hr;
    DWORD i;

    if (FAILED(hr = devices_list(device->server, &call, &IID_IFaxDevice))) return hr;
    for (i = 0; i < call.count && call.devices[i].id != device->id; i++);
    if (i == call.count) hr = device_gone(device->id);
    else
    {
        AcquireSRWLockExclusive(&device->lock);
        fxs_device_info_clear(&device->info);
        device->info = call.devices[i];
        memset(&call.devices[i], 0, sizeof(call.devices[i]));
        ReleaseSRWLockExclusive(&device->lock);
    }
    fxs_device_infos_free(call.devices, call.count);
    return hr;
}

/* The device's six settings as "config.devices" names them. */
static record_status add_settings(record *rec, const fxs_device_info *info)
{
    const struct { const char *name; const WCHAR *text; } strings[] =
    {
        { "description", info->description }, { "csid", info->csid }, { "tsid", info->tsid },
    };
    const struct { const char *name; LONG value; } numbers[] =
    {
        { "send_enabled", info->send_enabled }, { "receive_mode", (LONG)info->receive_mode },
        { "rings_before_answer", (LONG)info->rings_before_answer },
    };
    record_status status = RECORD_OK;
    char key[64];
    unsigned int i;

    for (i = 0; !status && i < ARRAY_SIZE(strings); i++)
    {
        const WCHAR *text = strings[i].text ? strings[i].text : L"";
        snprintf(key, sizeof(key), "device.%lu.%s", info->id, strings[i].name);
        status = record_add_utf16(rec, key, (const uint16_t *)text, wcslen(text));
    }
    /* A negative number goes as it is: the service refuses it as out of range. */
    for (i = 0; !status && i < ARRAY_SIZE(numbers); i++)
    {
        snprintf(key, sizeof(key), "device.%lu.%s", info->id, numbers[i].name);
        status = record_add_i64(rec, key, numbers[i].value);
    }
    return status;
}

struct save_call
{
    DWORD size;
    BYTE *record;
};

static DWORD set_devices(void *session, void *context)
{
    struct save_call *call = context;
    return fxs_rpc_set_config(session, FXS_CONFIG_DEVICES, call->size, call->record);
}

static HRESULT save_error(struct device *device, DWORD error)
{
    switch (error)
    {
    case ERROR_NOT_FOUND:
        return device_gone(device->id);
    case ERROR_INVALID_PARAMETER:
        return fxs_error(E_INVALIDARG, &IID_IFaxDevice, L"The fax service refused the settings of device %lu: ReceiveMode "
                         L"must be 0-2 (FAX_DEVICE_RECEIVE_MODE_ENUM), RingsBeforeAnswer 0-99, CSID and TSID at most 20 "
                         L"characters, Description at most 259.", device->id);
    case ERROR_ACCESS_DENIED:
        return fxs_error(E_ACCESSDENIED, &IID_IFaxDevice,
                         L"Saving device %lu failed: the fax service allows changing device settings to administrators only.",
                         device->id);
    default:
        return fxs_service_error(error, &IID_IFaxDevice, L"Save");
    }
}

static HRESULT WINAPI device_Save(IFaxDevice *iface)
{
    struct device *device = impl_from_IFaxDevice(iface);
    struct save_call call = { 0 };
    record *rec = NULL;
    record_status status;
    size_t size = 0;
    DWORD error;
    HRESULT hr;

    if (record_create("config.devices", &rec)) return E_OUTOFMEMORY;
    AcquireSRWLockShared(&device->lock);
    status = add_settings(rec, &device->info);
    ReleaseSRWLockShared(&device->lock);
    if (!status) status = record_serialize(rec, &call.record, &size);
    record_free(rec);
    if (status == RECORD_ERR_TOO_LARGE || status == RECORD_ERR_INVALID_ARG)
        return fxs_error(E_INVALIDARG, &IID_IFaxDevice, L"The settings of device %lu are too long.", device->id);
    if (status) return E_OUTOFMEMORY;
    call.size = (DWORD)size;
    hr = fxs_service_call(device->server, set_devices, &call, &error);
    free(call.record);
    if (SUCCEEDED(hr) && error) hr = save_error(device, error);
    return hr;
}

static DWORD answer_call(void *session, void *context)
{
    return fxs_rpc_answer_call(session, *(DWORD *)context);
}

static HRESULT WINAPI device_AnswerCall(IFaxDevice *iface)
{
    struct device *device = impl_from_IFaxDevice(iface);
    DWORD error;
    HRESULT hr;

    if (FAILED(hr = fxs_service_call(device->server, answer_call, &device->id, &error))) return hr;
    switch (error)
    {
    case ERROR_SUCCESS:
        return S_OK;
    case ERROR_NOT_FOUND:
        return device_gone(device->id);
    case ERROR_INVALID_OPERATION:
        return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxDevice, L"No call is ringing on device %lu.", device->id);
    case ERROR_WRITE_PROTECT:
        return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxDevice,
                         L"The incoming queue is blocked: device %lu answers no call.", device->id);
    default:
        return fxs_service_error(error, &IID_IFaxDevice, L"AnswerCall");
    }
}

static const IFaxDeviceVtbl device_vtbl =
{
    device_QueryInterface,
    device_AddRef,
    device_Release,
    device_GetTypeInfoCount,
    device_GetTypeInfo,
    device_GetIDsOfNames,
    device_Invoke,
    device_get_Id,
    device_get_DeviceName,
    device_get_ProviderUniqueName,
    device_get_PoweredOff,
    device_get_ReceivingNow,
    device_get_SendingNow,
    device_get_UsedRoutingMethods,
    device_get_Description,
    device_put_Description,
    device_get_SendEnabled,
    device_put_SendEnabled,
    device_get_ReceiveMode,
    device_put_ReceiveMode,
    device_get_RingsBeforeAnswer,
    device_put_RingsBeforeAnswer,
    device_get_CSID,
    device_put_CSID,
    device_get_TSID,
    device_put_TSID,
    device_Refresh,
    device_Save,
    device_GetExtensionProperty,
    device_SetExtensionProperty,
    device_UseRoutingMethod,
    device_get_RingingNow,
    device_AnswerCall,
};

/* Takes over info's strings (info is zeroed). */
static HRESULT device_create(IFaxServer *server, fxs_device_info *info, IDispatch **result)
{
    struct device *device;

    *result = NULL;
    if (!(device = calloc(1, sizeof(*device)))) return E_OUTOFMEMORY;
    device->IFaxDevice_iface.lpVtbl = &device_vtbl;
    device->refcount = 1;
    device->server = server;
    IFaxServer_AddRef(server);
    device->id = info->id;
    device->info = *info;
    memset(info, 0, sizeof(*info));
    InitializeSRWLock(&device->lock);
    fxs_class_info_init(&device->class_info, (IUnknown *)&device->IFaxDevice_iface, &CLSID_FaxDevice, NULL,
                        device_error_iids);
    CoCreateFreeThreadedMarshaler((IUnknown *)&device->IFaxDevice_iface, &device->marshaler);
    fxs_module_addref();
    *result = (IDispatch *)&device->IFaxDevice_iface;
    return S_OK;
}

/* ---- FaxDevices ---- */

struct devices
{
    IFaxDevices IFaxDevices_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IDispatch **items;              /* immutable once made: no lock */
    LONG count;
};

static const IID * const devices_error_iids[] = { &IID_IFaxDevices, NULL };

static inline struct devices *impl_from_IFaxDevices(IFaxDevices *iface)
{
    return CONTAINING_RECORD(iface, struct devices, IFaxDevices_iface);
}

static HRESULT WINAPI devices_QueryInterface(IFaxDevices *iface, REFIID riid, void **obj)
{
    struct devices *devices = impl_from_IFaxDevices(iface);

    if (obj && IsEqualIID(riid, &IID_IMarshal) && devices->marshaler)
        return IUnknown_QueryInterface(devices->marshaler, riid, obj);
    return fxs_class_info_query(&devices->class_info, &devices->IFaxDevices_iface, riid, obj);
}

static ULONG WINAPI devices_AddRef(IFaxDevices *iface)
{
    return InterlockedIncrement(&impl_from_IFaxDevices(iface)->refcount);
}

static ULONG WINAPI devices_Release(IFaxDevices *iface)
{
    struct devices *devices = impl_from_IFaxDevices(iface);
    ULONG refcount = InterlockedDecrement(&devices->refcount);
    LONG i;

    if (!refcount)
    {
        if (devices->marshaler) IUnknown_Release(devices->marshaler);
        for (i = 0; i < devices->count; i++) IDispatch_Release(devices->items[i]);
        free(devices->items);
        free(devices);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(devices, IFaxDevices, IID_IFaxDevices)

static HRESULT WINAPI devices_get__NewEnum(IFaxDevices *iface, IUnknown **result)
{
    struct devices *devices = impl_from_IFaxDevices(iface);
    return fxs_enum_variant_create(devices->items, devices->count, result);
}

static HRESULT return_device(IDispatch *item, IFaxDevice **result)
{
    *result = (IFaxDevice *)item;
    IFaxDevice_AddRef(*result);
    return S_OK;
}

/* Item: a 1-based index, or a device name (DeviceName, case ignored). */
static HRESULT WINAPI devices_get_Item(IFaxDevices *iface, VARIANT index, IFaxDevice **result)
{
    struct devices *devices = impl_from_IFaxDevices(iface);
    LONG number, i;
    BSTR name;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fxs_collection_index(&index, &IID_IFaxDevices, &number, &name))) return hr;
    if (name)
    {
        for (i = 0; i < devices->count && !number; i++)
        {
            struct device *device = impl_from_IFaxDevice((IFaxDevice *)devices->items[i]);
            /* Refresh replaces the snapshot, name included */
            AcquireSRWLockShared(&device->lock);
            if (device->info.name && !_wcsicmp(device->info.name, name)) number = i + 1;
            ReleaseSRWLockShared(&device->lock);
        }
        if (!number)
            hr = fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_FOUND), &IID_IFaxDevices, L"There is no device named \"%s\".", name);
        SysFreeString(name);
        if (FAILED(hr)) return hr;
    }
    if (number < 1 || number > devices->count)
        return fxs_error(E_INVALIDARG, &IID_IFaxDevices, L"There is no device %ld: the collection has %ld, numbered from 1.",
                         number, devices->count);
    return return_device(devices->items[number - 1], result);
}

static HRESULT WINAPI devices_get_Count(IFaxDevices *iface, LONG *count)
{
    if (!count) return E_POINTER;
    *count = impl_from_IFaxDevices(iface)->count;
    return S_OK;
}

static HRESULT WINAPI devices_get_ItemById(IFaxDevices *iface, LONG id, IFaxDevice **result)
{
    struct devices *devices = impl_from_IFaxDevices(iface);
    LONG i;

    if (!result) return E_POINTER;
    *result = NULL;
    for (i = 0; i < devices->count; i++)
        if (impl_from_IFaxDevice((IFaxDevice *)devices->items[i])->id == (DWORD)id)
            return return_device(devices->items[i], result);
    return fxs_error(HRESULT_FROM_WIN32(ERROR_NOT_FOUND), &IID_IFaxDevices, L"There is no device with id %ld.", id);
}

static const IFaxDevicesVtbl devices_vtbl =
{
    devices_QueryInterface,
    devices_AddRef,
    devices_Release,
    devices_GetTypeInfoCount,
    devices_GetTypeInfo,
    devices_GetIDsOfNames,
    devices_Invoke,
    devices_get__NewEnum,
    devices_get_Item,
    devices_get_Count,
    devices_get_ItemById,
};

HRESULT fax_devices_create(IFaxServer *server, IFaxDevices **result)
{
    struct devices_call call;
    struct devices *devices;
    HRESULT hr = S_OK;
    DWORD i;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = devices_list(server, &call, &IID_IFaxServer))) return hr;
    if (!(devices = calloc(1, sizeof(*devices))) ||
        !(devices->items = calloc(call.count ? call.count : 1, sizeof(*devices->items))))
    {
        free(devices);
        fxs_device_infos_free(call.devices, call.count);
        return E_OUTOFMEMORY;
    }
    devices->IFaxDevices_iface.lpVtbl = &devices_vtbl;
    devices->refcount = 1;
    fxs_class_info_init(&devices->class_info, (IUnknown *)&devices->IFaxDevices_iface, &CLSID_FaxDevices, NULL,
                        devices_error_iids);
    CoCreateFreeThreadedMarshaler((IUnknown *)&devices->IFaxDevices_iface, &devices->marshaler);
    fxs_module_addref();
    for (i = 0; i < call.count && SUCCEEDED(hr); i++)
        if (SUCCEEDED(hr = device_create(server, &call.devices[i], &devices->items[i]))) devices->count++;
    fxs_device_infos_free(call.devices, call.count);
    if (FAILED(hr))
    {
        IFaxDevices_Release(&devices->IFaxDevices_iface);
        return hr;
    }
    *result = &devices->IFaxDevices_iface;
    return S_OK;
}
