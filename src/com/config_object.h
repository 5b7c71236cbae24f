/*
 * The configuration objects of FaxServer (FaxActivity, FaxEventLogging, FaxActivityLogging,
 * FaxReceiptOptions, FaxSecurity(2), FaxConfiguration): each is a snapshot of one of the service's
 * configuration classes (idl/faxsvc.idl), one value per key of its record, taken when the object is
 * made or at Refresh. Save sends the whole class back; the service takes all of it or refuses with
 * nothing changed. config_object.c holds what they share; one file per family holds the members.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_CONFIG_OBJECT_H
#define FXSCOMEX_CONFIG_OBJECT_H

#include "fxscomex_private.h"
#include "fxs_link.h"     /* FXS_CONFIG_* */

#define CONFIG_MAX_KEYS   24
#define CONFIG_MAX_STRING 259       /* characters of a string value the service keeps */

enum config_type
{
    CONFIG_BOOL,        /* VT_I4 0 or 1 */
    CONFIG_LONG,        /* VT_I4 within [min, max] */
    CONFIG_STRING,      /* VT_BSTR of at most CONFIG_MAX_STRING characters */
    CONFIG_SECRET,      /* the same, but the service gives it to some sessions only: VT_EMPTY when not given,
                         * and not sent back by Save (the service keeps the one in force) */
    CONFIG_BYTES,       /* VT_ARRAY | VT_UI1 */
    CONFIG_SIZE,        /* VT_UI8, read-only: never sent back */
};

struct config_key
{
    const char *key;
    enum config_type type;
    LONG min, max;                  /* CONFIG_LONG */
    const WCHAR *member;            /* the property, for errors */
};

struct config_object;

struct config_layout
{
    DWORD id;                       /* FXS_CONFIG_* */
    const char *kind;               /* the record's kind */
    const struct config_key *keys;
    unsigned int count;
    const IID *iid;                 /* the object's interface */
    const CLSID *clsid;
    const IID * const *error_iids;  /* NULL-terminated, for ISupportErrorInfo */
    const WCHAR *name;              /* the coclass, for errors */
    const WCHAR *refused;           /* why the service may refuse a Save */
    /* NULL: values come from the class's record (config_read_record). */
    HRESULT (*read)(struct config_object *object, VARIANT *values);
};

struct config_object
{
    IUnknown iface;                 /* with the vtable of the layout's interface, which starts as IUnknown's */
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;
    const struct config_layout *layout;
    SRWLOCK lock;                   /* values and extra */
    VARIANT values[CONFIG_MAX_KEYS];
    LONG extra[2];                  /* what a class keeps beside its record (FaxSecurity: InformationType, rights) */
    IDispatch *children[2];         /* objects it hands out (FaxLoggingOptions) */
};

static inline struct config_object *config_object_from(void *iface)
{
    return CONTAINING_RECORD((IUnknown *)iface, struct config_object, iface);
}

/* Makes the object and reads its values (layout->read or the record); *result gets the main interface. */
HRESULT config_object_create(IFaxServer *server, const struct config_layout *layout, const void *vtbl,
                             void **result);
HRESULT config_object_query(struct config_object *object, REFIID riid, void **obj);
ULONG config_object_addref(struct config_object *object);
ULONG config_object_release(struct config_object *object);

HRESULT config_refresh(struct config_object *object);
/* The values of the layout's record, as the service gives them. */
HRESULT config_read_record(struct config_object *object, VARIANT *values);
/* An array of bytes (VT_ARRAY | VT_UI1). */
HRESULT config_bytes_variant(const void *data, size_t size, VARIANT *value);
HRESULT config_save(struct config_object *object);

/* A copy of the values (VariantClear each), for a Save that changes some before sending. */
HRESULT config_snapshot(struct config_object *object, VARIANT *values);
HRESULT config_send(struct config_object *object, const VARIANT *values);

HRESULT config_get_long(struct config_object *object, unsigned int index, LONG *value);
HRESULT config_put_long(struct config_object *object, unsigned int index, LONG value);
HRESULT config_get_bool(struct config_object *object, unsigned int index, VARIANT_BOOL *value);
HRESULT config_put_bool(struct config_object *object, unsigned int index, VARIANT_BOOL value);
HRESULT config_get_string(struct config_object *object, unsigned int index, BSTR *value);
HRESULT config_put_string(struct config_object *object, unsigned int index, BSTR value);
/* Times of day kept as minutes after midnight, shown as a DATE whose date part is 0. */
HRESULT config_get_time(struct config_object *object, unsigned int index, DATE *value);
HRESULT config_put_time(struct config_object *object, unsigned int index, DATE value);

HRESULT config_null_pointer(struct config_object *object, const WCHAR *member);

/* Calls the service with the object's FaxServer; a Win32 error of the call goes to *error. */
HRESULT config_call(struct config_object *object, DWORD (*fn)(void *session, void *context), void *context,
                    DWORD *error);

/* IUnknown, IDispatch, Refresh and Save of a configuration interface. */
#define CONFIG_OBJECT_METHODS(prefix, type) \
    static HRESULT WINAPI prefix##_QueryInterface(type *iface, REFIID riid, void **obj) \
    { return config_object_query(config_object_from(iface), riid, obj); } \
    static ULONG WINAPI prefix##_AddRef(type *iface) \
    { return config_object_addref(config_object_from(iface)); } \
    static ULONG WINAPI prefix##_Release(type *iface) \
    { return config_object_release(config_object_from(iface)); } \
    FXS_DISPATCH_METHODS(prefix, type, IID_##type) \
    static HRESULT WINAPI prefix##_Refresh(type *iface) \
    { return config_refresh(config_object_from(iface)); }

#define CONFIG_SAVE_METHOD(prefix, type) \
    static HRESULT WINAPI prefix##_Save(type *iface) \
    { return config_save(config_object_from(iface)); }

/* A property over the value at index; ctype is the C type of the property. */
#define CONFIG_PROPERTY(prefix, type, name, kind, ctype, index) \
    static HRESULT WINAPI prefix##_get_##name(type *iface, ctype *value) \
    { return config_get_##kind(config_object_from(iface), index, (void *)value); } \
    static HRESULT WINAPI prefix##_put_##name(type *iface, ctype value) \
    { return config_put_##kind(config_object_from(iface), index, value); }

#endif /* FXSCOMEX_CONFIG_OBJECT_H */
