/*
 * fxscomex.dll: the DLL entry points and the class factories.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"

HINSTANCE fxs_instance;

static LONG module_refs;

void fxs_module_addref(void)
{
    InterlockedIncrement(&module_refs);
}

void fxs_module_release(void)
{
    InterlockedDecrement(&module_refs);
}

DWORD fxs_start_module_thread(LPTHREAD_START_ROUTINE proc)
{
    HMODULE module;
    HANDLE thread;

    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (const WCHAR *)proc, &module))
        return GetLastError();
    if (!(thread = CreateThread(NULL, 0, proc, module, 0, NULL)))
    {
        DWORD error = GetLastError();
        FreeLibrary(module);
        return error;
    }
    CloseHandle(thread);
    return ERROR_SUCCESS;
}

struct class_factory
{
    IClassFactory IClassFactory_iface;
    const CLSID *clsid;
    HRESULT (*create)(IUnknown *outer, REFIID riid, void **obj);
};

static inline struct class_factory *impl_from_IClassFactory(IClassFactory *iface)
{
    return CONTAINING_RECORD(iface, struct class_factory, IClassFactory_iface);
}

static HRESULT WINAPI factory_QueryInterface(IClassFactory *iface, REFIID riid, void **obj)
{
    if (!obj) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IClassFactory))
    {
        *obj = iface;
        IClassFactory_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

/* The factories are static: their references only keep the module loaded. */
static ULONG WINAPI factory_AddRef(IClassFactory *iface)
{
    fxs_module_addref();
    return 2;
}

static ULONG WINAPI factory_Release(IClassFactory *iface)
{
    fxs_module_release();
    return 1;
}

static HRESULT WINAPI factory_CreateInstance(IClassFactory *iface, IUnknown *outer, REFIID riid, void **obj)
{
    struct class_factory *factory = impl_from_IClassFactory(iface);

    if (!obj) return E_POINTER;
    *obj = NULL;
    if (outer) return CLASS_E_NOAGGREGATION;
    return factory->create(NULL, riid, obj);
}

static HRESULT WINAPI factory_LockServer(IClassFactory *iface, BOOL lock)
{
    if (lock) fxs_module_addref();
    else fxs_module_release();
    return S_OK;
}

static const IClassFactoryVtbl factory_vtbl =
{
    factory_QueryInterface,
    factory_AddRef,
    factory_Release,
    factory_CreateInstance,
    factory_LockServer,
};

static struct class_factory factories[] =
{
    { { &factory_vtbl }, &CLSID_FaxServer, fax_server_create },
    { { &factory_vtbl }, &CLSID_FaxDocument, fax_document_create },
};

HRESULT WINAPI DllGetClassObject(REFCLSID clsid, REFIID riid, void **obj)
{
    unsigned int i;

    if (!obj) return E_POINTER;
    *obj = NULL;
    if (!clsid || !riid) return E_INVALIDARG;
    for (i = 0; i < ARRAY_SIZE(factories); i++)
        if (IsEqualCLSID(clsid, factories[i].clsid))
            return IClassFactory_QueryInterface(&factories[i].IClassFactory_iface, riid, obj);
    return CLASS_E_CLASSNOTAVAILABLE;
}

HRESULT WINAPI DllCanUnloadNow(void)
{
    return module_refs ? S_FALSE : S_OK;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        fxs_instance = instance;
        DisableThreadLibraryCalls(instance);
        break;
    case DLL_PROCESS_DETACH:
        /* At process exit other DLLs may be gone already: only an explicit unload cleans up. */
        if (!reserved) fxs_release_typeinfos();
        break;
    }
    return TRUE;
}
