/*
 * The part every object of an account's folders has (account_folders.c, account_archives.c):
 * its FaxServer, the account's name, the class facts and the reference count.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_ACCOUNT_OBJECT_H
#define FXSCOMEX_ACCOUNT_OBJECT_H

#include "fxscomex_private.h"

/* What the folders, queues and archives of an account share: the server and the account. */
struct account_object
{
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;             /* immutable: no lock */
    BSTR account;                   /* immutable */
};

static inline HRESULT account_object_init(struct account_object *object, IUnknown *iface, IFaxServer *server,
                                          const WCHAR *account, const CLSID *clsid, const IID * const *error_iids)
{
    if (!(object->account = SysAllocString(account))) return E_OUTOFMEMORY;
    object->refcount = 1;
    object->server = server;
    IFaxServer_AddRef(server);
    fxs_class_info_init(&object->class_info, iface, clsid, NULL, error_iids);
    CoCreateFreeThreadedMarshaler(iface, &object->marshaler);
    fxs_module_addref();
    return S_OK;
}

static inline HRESULT account_object_query(struct account_object *object, void *iface, REFIID riid, void **obj)
{
    if (obj && IsEqualIID(riid, &IID_IMarshal) && object->marshaler)
        return IUnknown_QueryInterface(object->marshaler, riid, obj);
    return fxs_class_info_query(&object->class_info, iface, riid, obj);
}

/* TRUE when the last reference went: the caller frees its object. */
static inline BOOL account_object_release(struct account_object *object)
{
    if (InterlockedDecrement(&object->refcount)) return FALSE;
    if (object->marshaler) IUnknown_Release(object->marshaler);
    IFaxServer_Release(object->server);
    SysFreeString(object->account);
    fxs_module_release();
    return TRUE;
}

#endif /* FXSCOMEX_ACCOUNT_OBJECT_H */
