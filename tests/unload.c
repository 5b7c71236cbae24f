/*
 * DllCanUnloadNow: S_FALSE while an object, a class factory or a LockServer(TRUE) is alive, S_OK
 * once nothing is.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "common.h"
#include "faxcomex.h"

static HRESULT (WINAPI *pDllGetClassObject)(REFCLSID, REFIID, void **);
static HRESULT (WINAPI *pDllCanUnloadNow)(void);

static void test_objects_hold_module(const CLSID *clsid)
{
    IClassFactory *factory;
    IUnknown *object, *second;
    HRESULT hr;

    ok(pDllCanUnloadNow() == S_OK, "something is alive before the test\n");
    hr = pDllGetClassObject(clsid, &IID_IClassFactory, (void **)&factory);
    ok(hr == S_OK, "DllGetClassObject: %#lx\n", hr);
    if (hr != S_OK) return;
    ok(pDllCanUnloadNow() == S_FALSE, "a class factory is alive\n");

    hr = IClassFactory_CreateInstance(factory, NULL, &IID_IUnknown, (void **)&object);
    ok(hr == S_OK, "CreateInstance: %#lx\n", hr);
    IClassFactory_Release(factory);
    ok(pDllCanUnloadNow() == S_FALSE, "an object is alive\n");

    hr = IUnknown_QueryInterface(object, &IID_IDispatch, (void **)&second);
    ok(hr == S_OK, "QueryInterface: %#lx\n", hr);
    IUnknown_Release(object);
    ok(pDllCanUnloadNow() == S_FALSE, "an object is alive through a second interface\n");
    IUnknown_Release(second);
    ok(pDllCanUnloadNow() == S_OK, "nothing is alive\n");
}

static void test_lock_server(void)
{
    IClassFactory *factory;
    HRESULT hr;

    hr = pDllGetClassObject(&CLSID_FaxServer, &IID_IClassFactory, (void **)&factory);
    ok(hr == S_OK, "DllGetClassObject: %#lx\n", hr);
    if (hr != S_OK) return;
    IClassFactory_LockServer(factory, TRUE);
    IClassFactory_Release(factory);
    ok(pDllCanUnloadNow() == S_FALSE, "the server is locked\n");

    hr = pDllGetClassObject(&CLSID_FaxServer, &IID_IClassFactory, (void **)&factory);
    ok(hr == S_OK, "DllGetClassObject: %#lx\n", hr);
    IClassFactory_LockServer(factory, FALSE);
    IClassFactory_Release(factory);
    ok(pDllCanUnloadNow() == S_OK, "the lock was released\n");
}

START_TEST(unload)
{
    HMODULE module;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    module = LoadLibraryW(test_dll_path());
    ok(module != NULL, "LoadLibrary: %lu\n", GetLastError());
    if (!module) return;
    pDllGetClassObject = (void *)GetProcAddress(module, "DllGetClassObject");
    pDllCanUnloadNow = (void *)GetProcAddress(module, "DllCanUnloadNow");
    ok(pDllGetClassObject && pDllCanUnloadNow, "exports missing\n");

    winetest_push_context("FaxServer");
    test_objects_hold_module(&CLSID_FaxServer);
    winetest_pop_context();
    winetest_push_context("FaxDocument");
    test_objects_hold_module(&CLSID_FaxDocument);
    winetest_pop_context();
    test_lock_server();

    FreeLibrary(module);
    CoUninitialize();
}
