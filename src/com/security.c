/*
 * FaxSecurity and FaxSecurity2: the service's security descriptor ("config.security"), which
 * decides the rights of each new session, and the rights of this session (GrantedRights).
 * InformationType (SECURITY_INFORMATION bits) selects the parts of the descriptor that Descriptor
 * shows and that a descriptor given to it replaces; the other parts stay as the service has them.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config_object.h"
#include "fxs_link.h"
#include "fxs_security.h"

enum { SECURITY_DESCRIPTOR_VALUE };
enum { EXTRA_INFORMATION_TYPE, EXTRA_RIGHTS };

#define ALL_PARTS (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION | \
                   SACL_SECURITY_INFORMATION)
#define DEFAULT_PARTS (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION)

static const struct config_key security_keys[] =
{
    { "descriptor", CONFIG_BYTES, 0, 0, L"Descriptor" },
};

static DWORD get_rights(void *session, void *context)
{
    return fxs_rpc_get_rights(session, context);
}

static HRESULT read_security(struct config_object *object, VARIANT *values)
{
    DWORD rights = 0, error;
    HRESULT hr;

    if (FAILED(hr = config_read_record(object, values))) return hr;
    if (SUCCEEDED(hr = config_call(object, get_rights, &rights, &error)) && error)
        hr = fxs_service_error(error, object->layout->iid, L"Reading GrantedRights");
    if (FAILED(hr))
    {
        VariantClear(&values[SECURITY_DESCRIPTOR_VALUE]);
        return hr;
    }
    InterlockedExchange(&object->extra[EXTRA_RIGHTS], rights);
    return S_OK;
}

static const IID * const security_error_iids[] = { &IID_IFaxSecurity, NULL };
static const IID * const security2_error_iids[] = { &IID_IFaxSecurity2, NULL };

#define SECURITY_REFUSED L"Descriptor must be a valid self-relative security descriptor of at most 4096 bytes."

static const struct config_layout security_layout =
{
    FXS_CONFIG_SECURITY, "config.security", security_keys, ARRAY_SIZE(security_keys), &IID_IFaxSecurity,
    &CLSID_FaxSecurity, security_error_iids, L"FaxSecurity", SECURITY_REFUSED, read_security,
};

static const struct config_layout security2_layout =
{
    FXS_CONFIG_SECURITY, "config.security", security_keys, ARRAY_SIZE(security_keys), &IID_IFaxSecurity2,
    &CLSID_FaxSecurity2, security2_error_iids, L"FaxSecurity2", SECURITY_REFUSED, read_security,
};

/* ---- descriptors ---- */

/* A self-relative descriptor with the parts of `parts` from `given` and the others from `base`
 * (NULL: left out), in a malloc'ed buffer. */
static BOOL compose(PSECURITY_DESCRIPTOR base, PSECURITY_DESCRIPTOR given, DWORD parts, BYTE **out, DWORD *size)
{
    SECURITY_DESCRIPTOR sd;
    PSECURITY_DESCRIPTOR from;
    BOOL present, defaulted;
    PSID sid;
    PACL acl;

    *out = NULL;
    *size = 0;
    if (!InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION)) return FALSE;
    if ((from = parts & OWNER_SECURITY_INFORMATION ? given : base) &&
        (!GetSecurityDescriptorOwner(from, &sid, &defaulted) || !SetSecurityDescriptorOwner(&sd, sid, defaulted)))
        return FALSE;
    if ((from = parts & GROUP_SECURITY_INFORMATION ? given : base) &&
        (!GetSecurityDescriptorGroup(from, &sid, &defaulted) || !SetSecurityDescriptorGroup(&sd, sid, defaulted)))
        return FALSE;
    if ((from = parts & DACL_SECURITY_INFORMATION ? given : base) &&
        (!GetSecurityDescriptorDacl(from, &present, &acl, &defaulted) ||
         !SetSecurityDescriptorDacl(&sd, present, acl, defaulted)))
        return FALSE;
    if ((from = parts & SACL_SECURITY_INFORMATION ? given : base) &&
        (!GetSecurityDescriptorSacl(from, &present, &acl, &defaulted) ||
         !SetSecurityDescriptorSacl(&sd, present, acl, defaulted)))
        return FALSE;
    if (MakeSelfRelativeSD(&sd, NULL, size) || GetLastError() != ERROR_INSUFFICIENT_BUFFER) return FALSE;
    if (!(*out = malloc(*size))) return FALSE;
    if (MakeSelfRelativeSD(&sd, *out, size)) return TRUE;
    free(*out);
    *out = NULL;
    return FALSE;
}

static HRESULT security_get_descriptor(struct config_object *object, VARIANT *value)
{
    VARIANT *stored = &object->values[SECURITY_DESCRIPTOR_VALUE];
    BYTE *data = NULL;
    void *elements;
    DWORD size;
    BOOL done = FALSE;
    HRESULT hr;

    if (!value) return config_null_pointer(object, L"Descriptor");
    VariantInit(value);
    AcquireSRWLockShared(&object->lock);
    if (SUCCEEDED(SafeArrayAccessData(V_ARRAY(stored), &elements)))
    {
        done = compose(NULL, elements, object->extra[EXTRA_INFORMATION_TYPE], &data, &size);
        SafeArrayUnaccessData(V_ARRAY(stored));
    }
    ReleaseSRWLockShared(&object->lock);
    if (!done) return fxs_error(E_OUTOFMEMORY, object->layout->iid, L"The descriptor could not be copied.");
    hr = config_bytes_variant(data, size, value);
    free(data);
    return hr;
}

/* The bytes of a VARIANT holding an array of bytes, as VB and scripts pass it (also by reference). */
static HRESULT descriptor_bytes(struct config_object *object, const VARIANT *value, SAFEARRAY **array)
{
    while (V_VT(value) == (VT_BYREF | VT_VARIANT) && V_VARIANTREF(value)) value = V_VARIANTREF(value);
    if (V_VT(value) == (VT_ARRAY | VT_UI1)) *array = V_ARRAY(value);
    else if (V_VT(value) == (VT_BYREF | VT_ARRAY | VT_UI1) && V_ARRAYREF(value)) *array = *V_ARRAYREF(value);
    else *array = NULL;
    if (!*array || SafeArrayGetDim(*array) != 1)
        return fxs_error(E_INVALIDARG, object->layout->iid, L"%s.Descriptor takes a security descriptor as an array "
                         L"of bytes (VT_ARRAY | VT_UI1), not a VARIANT of type 0x%x.", object->layout->name,
                         V_VT(value));
    return S_OK;
}

static HRESULT security_put_descriptor(struct config_object *object, VARIANT value)
{
    VARIANT *stored = &object->values[SECURITY_DESCRIPTOR_VALUE];
    SAFEARRAY *array;
    void *given, *current;
    BYTE *merged = NULL;
    DWORD size;
    BOOL valid, done = FALSE;
    HRESULT hr;

    if (FAILED(hr = descriptor_bytes(object, &value, &array))) return hr;
    if (FAILED(SafeArrayAccessData(array, &given))) return E_OUTOFMEMORY;
    valid = fxs_descriptor_valid(given, array->rgsabound[0].cElements);
    if (valid)
    {
        AcquireSRWLockExclusive(&object->lock);
        if (SUCCEEDED(SafeArrayAccessData(V_ARRAY(stored), &current)))
        {
            done = compose(current, given, object->extra[EXTRA_INFORMATION_TYPE], &merged, &size);
            SafeArrayUnaccessData(V_ARRAY(stored));
        }
        if (done && (done = size <= FXS_MAX_SECURITY_DESCRIPTOR))
        {
            VARIANT next;
            if ((done = SUCCEEDED(config_bytes_variant(merged, size, &next))))
            {
                VariantClear(stored);
                *stored = next;
            }
        }
        ReleaseSRWLockExclusive(&object->lock);
    }
    SafeArrayUnaccessData(array);
    free(merged);
    if (!valid)
        return fxs_error(E_INVALIDARG, object->layout->iid, L"%s.Descriptor: the bytes are not a valid self-relative "
                         L"security descriptor of at most %u bytes.", object->layout->name, FXS_MAX_SECURITY_DESCRIPTOR);
    if (!done)
        return fxs_error(E_INVALIDARG, object->layout->iid, L"%s.Descriptor: the descriptor could not be merged into "
                         L"the service's (at most %u bytes).", object->layout->name, FXS_MAX_SECURITY_DESCRIPTOR);
    return S_OK;
}

static HRESULT security_get_information_type(struct config_object *object, LONG *value)
{
    if (!value) return config_null_pointer(object, L"InformationType");
    *value = InterlockedCompareExchange(&object->extra[EXTRA_INFORMATION_TYPE], 0, 0);
    return S_OK;
}

static HRESULT security_put_information_type(struct config_object *object, LONG value)
{
    if (!value || (value & ~ALL_PARTS))
        return fxs_error(E_INVALIDARG, object->layout->iid, L"%s.InformationType takes OWNER, GROUP, DACL and SACL_"
                         L"SECURITY_INFORMATION bits (1, 2, 4, 8; at least one), not 0x%lx.", object->layout->name,
                         value);
    InterlockedExchange(&object->extra[EXTRA_INFORMATION_TYPE], value);
    return S_OK;
}

static HRESULT security_get_rights(struct config_object *object, LONG *value)
{
    if (!value) return config_null_pointer(object, L"GrantedRights");
    *value = InterlockedCompareExchange(&object->extra[EXTRA_RIGHTS], 0, 0);
    return S_OK;
}

/* What the rights of IFaxSecurity mean in Vista's terms (FAX_ACCESS_RIGHTS_ENUM_2): the queue's
 * rights become those of the outgoing jobs; a right on both archives, the right on the archives;
 * managing the incoming archive, managing the server's receive folder. */
static LONG rights2_from_rights(LONG rights)
{
    LONG result = rights & (farSUBMIT_LOW | farSUBMIT_NORMAL | farSUBMIT_HIGH | farQUERY_CONFIG | farMANAGE_CONFIG);

    if (rights & farQUERY_JOBS) result |= far2QUERY_OUT_JOBS;
    if (rights & farMANAGE_JOBS) result |= far2MANAGE_OUT_JOBS;
    if ((rights & (farQUERY_IN_ARCHIVE | farQUERY_OUT_ARCHIVE)) == (farQUERY_IN_ARCHIVE | farQUERY_OUT_ARCHIVE))
        result |= far2QUERY_ARCHIVES;
    if ((rights & (farMANAGE_IN_ARCHIVE | farMANAGE_OUT_ARCHIVE)) == (farMANAGE_IN_ARCHIVE | farMANAGE_OUT_ARCHIVE))
        result |= far2MANAGE_ARCHIVES;
    if (rights & farMANAGE_IN_ARCHIVE) result |= far2MANAGE_RECEIVE_FOLDER;
    return result;
}

/* ---- both interfaces ---- */

#define SECURITY_MEMBERS(prefix, type, rights_type, convert) \
    CONFIG_OBJECT_METHODS(prefix, type) \
    CONFIG_SAVE_METHOD(prefix, type) \
    static HRESULT WINAPI prefix##_get_Descriptor(type *iface, VARIANT *value) \
    { return security_get_descriptor(config_object_from(iface), value); } \
    static HRESULT WINAPI prefix##_put_Descriptor(type *iface, VARIANT value) \
    { return security_put_descriptor(config_object_from(iface), value); } \
    static HRESULT WINAPI prefix##_get_InformationType(type *iface, LONG *value) \
    { return security_get_information_type(config_object_from(iface), value); } \
    static HRESULT WINAPI prefix##_put_InformationType(type *iface, LONG value) \
    { return security_put_information_type(config_object_from(iface), value); } \
    static HRESULT WINAPI prefix##_get_GrantedRights(type *iface, rights_type *value) \
    { \
        LONG rights = 0; \
        HRESULT hr = security_get_rights(config_object_from(iface), value ? &rights : NULL); \
        if (SUCCEEDED(hr)) *value = convert(rights); \
        return hr; \
    }

#define SAME_RIGHTS(rights) (rights)

SECURITY_MEMBERS(security, IFaxSecurity, FAX_ACCESS_RIGHTS_ENUM, SAME_RIGHTS)
SECURITY_MEMBERS(security2, IFaxSecurity2, FAX_ACCESS_RIGHTS_ENUM_2, rights2_from_rights)

static const IFaxSecurityVtbl security_vtbl =
{
    security_QueryInterface,
    security_AddRef,
    security_Release,
    security_GetTypeInfoCount,
    security_GetTypeInfo,
    security_GetIDsOfNames,
    security_Invoke,
    security_get_Descriptor,
    security_put_Descriptor,
    security_get_GrantedRights,
    security_Refresh,
    security_Save,
    security_get_InformationType,
    security_put_InformationType,
};

static const IFaxSecurity2Vtbl security2_vtbl =
{
    security2_QueryInterface,
    security2_AddRef,
    security2_Release,
    security2_GetTypeInfoCount,
    security2_GetTypeInfo,
    security2_GetIDsOfNames,
    security2_Invoke,
    security2_get_Descriptor,
    security2_put_Descriptor,
    security2_get_GrantedRights,
    security2_Refresh,
    security2_Save,
    security2_get_InformationType,
    security2_put_InformationType,
};

static HRESULT security_create(IFaxServer *server, const struct config_layout *layout, const void *vtbl, void **result)
{
    HRESULT hr = config_object_create(server, layout, vtbl, result);

    if (SUCCEEDED(hr)) config_object_from(*result)->extra[EXTRA_INFORMATION_TYPE] = DEFAULT_PARTS;
    return hr;
}

HRESULT fax_security_create(IFaxServer *server, IFaxSecurity **security)
{
    return security_create(server, &security_layout, &security_vtbl, (void **)security);
}

HRESULT fax_security2_create(IFaxServer *server, IFaxSecurity2 **security)
{
    return security_create(server, &security2_layout, &security2_vtbl, (void **)security);
}
