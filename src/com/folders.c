/*
 * FaxFolders: FaxServer.Folders, the way to the two queues and the two archives.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"

struct folders
{
    IFaxFolders IFaxFolders_iface;
    struct fxs_class_info class_info;
    IUnknown *marshaler;            /* the free-threaded marshaler, aggregated */
    LONG refcount;
    IFaxServer *server;             /* immutable: no lock */
};

static const IID * const folders_error_iids[] = { &IID_IFaxFolders, NULL };

static inline struct folders *impl_from_IFaxFolders(IFaxFolders *iface)
{
    return CONTAINING_RECORD(iface, struct folders, IFaxFolders_iface);
}

static HRESULT WINAPI folders_QueryInterface(IFaxFolders *iface, REFIID riid, void **obj)
{
    struct folders *folders = impl_from_IFaxFolders(iface);

    if (obj && IsEqualIID(riid, &IID_IMarshal) && folders->marshaler)
        return IUnknown_QueryInterface(folders->marshaler, riid, obj);
    return fxs_class_info_query(&folders->class_info, &folders->IFaxFolders_iface, riid, obj);
}

static ULONG WINAPI folders_AddRef(IFaxFolders *iface)
{
    return InterlockedIncrement(&impl_from_IFaxFolders(iface)->refcount);
}

static ULONG WINAPI folders_Release(IFaxFolders *iface)
{
    struct folders *folders = impl_from_IFaxFolders(iface);
    ULONG refcount = InterlockedDecrement(&folders->refcount);

    if (!refcount)
    {
        if (folders->marshaler) IUnknown_Release(folders->marshaler);
        IFaxServer_Release(folders->server);
        free(folders);
        fxs_module_release();
    }
    return refcount;
}

FXS_DISPATCH_METHODS(folders, IFaxFolders, IID_IFaxFolders)

static HRESULT WINAPI folders_get_OutgoingQueue(IFaxFolders *iface, IFaxOutgoingQueue **queue)
{
    return fax_outgoing_queue_create(impl_from_IFaxFolders(iface)->server, queue);
}

static HRESULT WINAPI folders_get_IncomingQueue(IFaxFolders *iface, IFaxIncomingQueue **queue)
{
    return fax_incoming_queue_create(impl_from_IFaxFolders(iface)->server, queue);
}

static HRESULT WINAPI folders_get_IncomingArchive(IFaxFolders *iface, IFaxIncomingArchive **archive)
{
    return fax_incoming_archive_create(impl_from_IFaxFolders(iface)->server, archive);
}

static HRESULT WINAPI folders_get_OutgoingArchive(IFaxFolders *iface, IFaxOutgoingArchive **archive)
{
    return fax_outgoing_archive_create(impl_from_IFaxFolders(iface)->server, archive);
}

static const IFaxFoldersVtbl folders_vtbl =
{
    folders_QueryInterface,
    folders_AddRef,
    folders_Release,
    folders_GetTypeInfoCount,
    folders_GetTypeInfo,
    folders_GetIDsOfNames,
    folders_Invoke,
    folders_get_OutgoingQueue,
    folders_get_IncomingQueue,
    folders_get_IncomingArchive,
    folders_get_OutgoingArchive,
};

static HRESULT connected(struct fxs_link *link, void *context)
{
    return S_OK;
}

/* Only for a connected server, as the other objects of the folders need one. */
HRESULT fax_folders_create(IFaxServer *server, IFaxFolders **result)
{
    struct folders *folders;
    HRESULT hr;

    if (!result) return E_POINTER;
    *result = NULL;
    if (FAILED(hr = fax_server_with_link(server, connected, NULL))) return hr;
    if (!(folders = calloc(1, sizeof(*folders)))) return E_OUTOFMEMORY;
    folders->IFaxFolders_iface.lpVtbl = &folders_vtbl;
    folders->refcount = 1;
    folders->server = server;
    IFaxServer_AddRef(server);
    fxs_class_info_init(&folders->class_info, (IUnknown *)&folders->IFaxFolders_iface, &CLSID_FaxFolders, NULL,
                        folders_error_iids);
    CoCreateFreeThreadedMarshaler((IUnknown *)&folders->IFaxFolders_iface, &folders->marshaler);
    fxs_module_addref();
    *result = &folders->IFaxFolders_iface;
    return S_OK;
}
