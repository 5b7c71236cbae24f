/*
 * What the configuration objects share (see config_object.h): reading a class's record into
 * values, the checked getters and setters, and Save.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <stdio.h>
#include "config_object.h"
#include "fxs_link.h"
#include "../svc/record.h"

#define MINUTES_PER_DAY 1440

/* ---- the object ---- */

HRESULT config_object_query(struct config_object *object, REFIID riid, void **obj)
{
    if (obj && IsEqualIID(riid, &IID_IMarshal) && object->marshaler)
        return IUnknown_QueryInterface(object->marshaler, riid, obj);
    return fxs_class_info_query(&object->class_info, &object->iface, riid, obj);
}

ULONG config_object_addref(struct config_object *object)
{
    return InterlockedIncrement(&object->refcount);
}

static void clear_values(VARIANT *values, unsigned int count)
{
    unsigned int i;
    for (i = 0; i < count; i++) VariantClear(&values[i]);
}

ULONG config_object_release(struct config_object *object)
{
    ULONG refcount = InterlockedDecrement(&object->refcount);
    unsigned int i;

    if (!refcount)
    {
        if (object->marshaler) IUnknown_Release(object->marshaler);
        for (i = 0; i < ARRAY_SIZE(object->children); i++)
            if (object->children[i]) IDispatch_Release(object->children[i]);
        clear_values(object->values, ARRAY_SIZE(object->values));
        IFaxServer_Release(object->server);
        free(object);
        fxs_module_release();
    }
    return refcount;
}

/* ---- the service ---- */

HRESULT config_call(struct config_object *object, DWORD (*fn)(void *session, void *context), void *context,
                    DWORD *error)
{
    return fxs_service_call(object->server, fn, context, error);
}

struct record_call
{
    DWORD id;
    DWORD size;
    BYTE *record;
};

static DWORD get_record(void *session, void *context)
{
    struct record_call *call = context;
    return fxs_rpc_get_config(session, call->id, &call->size, &call->record);
}

static DWORD set_record(void *session, void *context)
{
    struct record_call *call = context;
    return fxs_rpc_set_config(session, call->id, call->size, call->record);
}

static HRESULT bad_record(const struct config_layout *layout)
{
    return fxs_error(HRESULT_FROM_WIN32(ERROR_INVALID_DATA), layout->iid,
                     L"The fax service sent the settings of %s in a form this library does not read.", layout->name);
}

HRESULT config_bytes_variant(const void *data, size_t size, VARIANT *value)
{
    SAFEARRAY *array;
    void *elements;

    if (!(array = SafeArrayCreateVector(VT_UI1, 0, (ULONG)size))) return E_OUTOFMEMORY;
    if (FAILED(SafeArrayAccessData(array, &elements)))
    {
        SafeArrayDestroy(array);
        return E_OUTOFMEMORY;
    }
    memcpy(elements, data, size);
    SafeArrayUnaccessData(array);
    V_VT(value) = VT_ARRAY | VT_UI1;
    V_ARRAY(value) = array;
    return S_OK;
}

/* One key of the record as a VARIANT of its type; S_FALSE for a missing secret. */
static HRESULT value_from_record(const record *rec, const struct config_key *key, VARIANT *value)
{
    const uint8_t *data;
    uint16_t *text;
    uint64_t size;
    size_t length;
    int32_t number;

    switch (key->type)
    {
    case CONFIG_BOOL:
    case CONFIG_LONG:
        if (record_get_i32(rec, key->key, &number)) return E_FAIL;
        V_VT(value) = VT_I4;
        V_I4(value) = number;
        return S_OK;
    case CONFIG_SECRET:
        if (!record_has(rec, key->key)) return S_FALSE;
        /* fall through */
    case CONFIG_STRING:
        if (record_get_utf16(rec, key->key, &text, &length)) return E_FAIL;
        V_VT(value) = VT_BSTR;
        V_BSTR(value) = SysAllocStringLen((const WCHAR *)text, (UINT)length);
        free(text);
        return V_BSTR(value) ? S_OK : E_OUTOFMEMORY;
    case CONFIG_BYTES:
        if (record_get_bytes(rec, key->key, &data, &length)) return E_FAIL;
        return config_bytes_variant(data, length, value);
    case CONFIG_SIZE:
        if (record_get_u64(rec, key->key, &size)) return E_FAIL;
        V_VT(value) = VT_UI8;
        V_UI8(value) = size;
        return S_OK;
    }
    return E_FAIL;
}

static HRESULT read_error(const struct config_layout *layout, DWORD error)
{
    if (error == ERROR_ACCESS_DENIED)
        return fxs_error(E_ACCESSDENIED, layout->iid, L"Reading the settings of %s needs the farQUERY_CONFIG right, "
                         L"which the fax service does not grant this user.", layout->name);
    return fxs_service_error(error, layout->iid, layout->name);
}

HRESULT config_read_record(struct config_object *object, VARIANT *values)
{
    const struct config_layout *layout = object->layout;
    struct record_call call = { layout->id };
    record *rec = NULL;
    unsigned int i;
    DWORD error;
    HRESULT hr;

    if (FAILED(hr = config_call(object, get_record, &call, &error))) return hr;
    if (error) return read_error(layout, error);
    if (record_parse(call.record, call.size, &rec) || strcmp(record_kind(rec), layout->kind)) hr = bad_record(layout);
    for (i = 0; SUCCEEDED(hr) && i < layout->count; i++)
        if ((hr = value_from_record(rec, &layout->keys[i], &values[i])) == E_FAIL) hr = bad_record(layout);
    if (FAILED(hr)) clear_values(values, layout->count);
    record_free(rec);
    free(call.record);
    return SUCCEEDED(hr) ? S_OK : hr;
}

static HRESULT read_values(struct config_object *object, VARIANT *values)
{
    memset(values, 0, CONFIG_MAX_KEYS * sizeof(*values));
    return object->layout->read ? object->layout->read(object, values) : config_read_record(object, values);
}

HRESULT config_refresh(struct config_object *object)
{
    VARIANT values[CONFIG_MAX_KEYS];
    HRESULT hr;

    if (FAILED(hr = read_values(object, values))) return hr;
    AcquireSRWLockExclusive(&object->lock);
    clear_values(object->values, ARRAY_SIZE(object->values));
    memcpy(object->values, values, sizeof(values));
    ReleaseSRWLockExclusive(&object->lock);
    return S_OK;
}

/* ---- Save ---- */

static record_status value_to_record(record *rec, const struct config_key *key, const VARIANT *value)
{
    void *elements;
    record_status status;

    switch (V_VT(value))
    {
    case VT_I4:
        return key->type == CONFIG_BOOL ? record_add_bool(rec, key->key, V_I4(value) != 0)
                                        : record_add_i64(rec, key->key, V_I4(value));
    case VT_BSTR:
        return record_add_utf16(rec, key->key, (const uint16_t *)V_BSTR(value), SysStringLen(V_BSTR(value)));
    case VT_ARRAY | VT_UI1:
        if (FAILED(SafeArrayAccessData(V_ARRAY(value), &elements))) return RECORD_ERR_NO_MEMORY;
        status = record_add_bytes(rec, key->key, elements, V_ARRAY(value)->rgsabound[0].cElements);
        SafeArrayUnaccessData(V_ARRAY(value));
        return status;
    }
    return RECORD_OK;   /* a secret not given, a read-only size: the service keeps its own */
}

static HRESULT save_error(const struct config_layout *layout, DWORD error)
{
    switch (error)
    {
    case ERROR_ACCESS_DENIED:
        return fxs_error(E_ACCESSDENIED, layout->iid, L"Saving %s failed: changing the fax service's settings needs "
                         L"the farMANAGE_CONFIG right, which the fax service does not grant this user.", layout->name);
    case ERROR_INVALID_PARAMETER:
        return fxs_error(E_INVALIDARG, layout->iid, L"The fax service refused the settings of %s: %s", layout->name,
                         layout->refused);
    }
    return fxs_service_error(error, layout->iid, L"Save");
}

HRESULT config_send(struct config_object *object, const VARIANT *values)
{
    const struct config_layout *layout = object->layout;
    struct record_call call = { layout->id };
    record *rec = NULL;
    record_status status;
    size_t size = 0;
    unsigned int i;
    DWORD error;
    HRESULT hr;

    if (record_create(layout->kind, &rec)) return E_OUTOFMEMORY;
    for (i = 0, status = RECORD_OK; i < layout->count && !status; i++)
        if (layout->keys[i].type != CONFIG_SIZE) status = value_to_record(rec, &layout->keys[i], &values[i]);
    if (!status) status = record_serialize(rec, &call.record, &size);
    record_free(rec);
    if (status) return E_OUTOFMEMORY;
    call.size = (DWORD)size;
    hr = config_call(object, set_record, &call, &error);
    free(call.record);
    if (SUCCEEDED(hr) && error) hr = save_error(layout, error);
    return hr;
}

HRESULT config_snapshot(struct config_object *object, VARIANT *values)
{
    HRESULT hr = S_OK;
    unsigned int i;

    memset(values, 0, CONFIG_MAX_KEYS * sizeof(*values));
    AcquireSRWLockShared(&object->lock);
    for (i = 0; i < object->layout->count && SUCCEEDED(hr); i++) hr = VariantCopy(&values[i], &object->values[i]);
    ReleaseSRWLockShared(&object->lock);
    if (FAILED(hr)) clear_values(values, object->layout->count);
    return hr;
}

HRESULT config_save(struct config_object *object)
{
    VARIANT values[CONFIG_MAX_KEYS];
    HRESULT hr;

    if (FAILED(hr = config_snapshot(object, values))) return hr;
    hr = config_send(object, values);
    clear_values(values, object->layout->count);
    return hr;
}

/* ---- getters and setters ---- */

HRESULT config_null_pointer(struct config_object *object, const WCHAR *member)
{
    return fxs_error(E_POINTER, object->layout->iid, L"%s.%s: the pointer for the result is NULL.",
                     object->layout->name, member);
}

HRESULT config_get_long(struct config_object *object, unsigned int index, LONG *value)
{
    if (!value) return config_null_pointer(object, object->layout->keys[index].member);
    AcquireSRWLockShared(&object->lock);
    *value = V_I4(&object->values[index]);
    ReleaseSRWLockShared(&object->lock);
    return S_OK;
}

static void set_long(struct config_object *object, unsigned int index, LONG value)
{
    AcquireSRWLockExclusive(&object->lock);
    V_I4(&object->values[index]) = value;
    ReleaseSRWLockExclusive(&object->lock);
}

HRESULT config_put_long(struct config_object *object, unsigned int index, LONG value)
{
    const struct config_key *key = &object->layout->keys[index];

    if (value < key->min || value > key->max)
        return fxs_error(E_INVALIDARG, object->layout->iid, L"%s.%s must be %ld to %ld, not %ld.",
                         object->layout->name, key->member, key->min, key->max, value);
    set_long(object, index, value);
    return S_OK;
}

HRESULT config_get_bool(struct config_object *object, unsigned int index, VARIANT_BOOL *value)
{
    LONG flag;
    HRESULT hr;

    if (!value) return config_null_pointer(object, object->layout->keys[index].member);
    if (SUCCEEDED(hr = config_get_long(object, index, &flag))) *value = flag ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

HRESULT config_put_bool(struct config_object *object, unsigned int index, VARIANT_BOOL value)
{
    set_long(object, index, value ? 1 : 0);
    return S_OK;
}

HRESULT config_get_string(struct config_object *object, unsigned int index, BSTR *value)
{
    if (!value) return config_null_pointer(object, object->layout->keys[index].member);
    return fxs_bstr_get_locked(&object->lock, &V_BSTR(&object->values[index]), value);
}

HRESULT config_put_string(struct config_object *object, unsigned int index, BSTR value)
{
    const struct config_key *key = &object->layout->keys[index];
    BSTR copy;

    if (SysStringLen(value) > CONFIG_MAX_STRING)
        return fxs_error(E_INVALIDARG, object->layout->iid, L"%s.%s may have at most %u characters, not %u.",
                         object->layout->name, key->member, CONFIG_MAX_STRING, SysStringLen(value));
    if (value && wcslen(value) != SysStringLen(value))
        return fxs_error(E_INVALIDARG, object->layout->iid, L"%s.%s may not hold a NUL character.",
                         object->layout->name, key->member);
    if (!(copy = SysAllocStringLen(value, SysStringLen(value)))) return E_OUTOFMEMORY;
    AcquireSRWLockExclusive(&object->lock);
    VariantClear(&object->values[index]);
    V_VT(&object->values[index]) = VT_BSTR;
    V_BSTR(&object->values[index]) = copy;
    ReleaseSRWLockExclusive(&object->lock);
    return S_OK;
}

HRESULT config_get_time(struct config_object *object, unsigned int index, DATE *value)
{
    LONG minutes;
    HRESULT hr;

    if (!value) return config_null_pointer(object, object->layout->keys[index].member);
    if (SUCCEEDED(hr = config_get_long(object, index, &minutes))) *value = (double)minutes / MINUTES_PER_DAY;
    return hr;
}

/* Only the time part counts, to the minute; the date part is ignored. */
HRESULT config_put_time(struct config_object *object, unsigned int index, DATE value)
{
    SYSTEMTIME time;

    if (!isfinite(value) || !VariantTimeToSystemTime(value, &time))
        return fxs_error(E_INVALIDARG, object->layout->iid, L"%s.%s: %g is not a valid DATE.", object->layout->name,
                         object->layout->keys[index].member, value);
    set_long(object, index, time.wHour * 60 + time.wMinute);
    return S_OK;
}

/* ---- making one ---- */

HRESULT config_object_create(IFaxServer *server, const struct config_layout *layout, const void *vtbl,
                             void **result)
{
    struct config_object *object;
    HRESULT hr;

    if (!result) return fxs_error(E_POINTER, &IID_IFaxServer, L"FaxServer: the pointer for the %s is NULL.", layout->name);
    *result = NULL;
    if (!(object = calloc(1, sizeof(*object)))) return E_OUTOFMEMORY;
    object->iface.lpVtbl = vtbl;
    object->refcount = 1;
    object->layout = layout;
    object->server = server;
    InitializeSRWLock(&object->lock);
    if (FAILED(hr = read_values(object, object->values)))
    {
        free(object);
        return hr;
    }
    IFaxServer_AddRef(server);
    fxs_class_info_init(&object->class_info, &object->iface, layout->clsid, NULL, layout->error_iids);
    CoCreateFreeThreadedMarshaler(&object->iface, &object->marshaler);
    fxs_module_addref();
    *result = &object->iface;
    return S_OK;
}
