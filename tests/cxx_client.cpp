/*
 * A C++ client compiled against the generated faxcomex.h, as programs written for the Windows
 * SDK's header are: plain COM, no smart pointers.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <windows.h>
#include <ole2.h>
#include "faxcomex.h"
#include "test.h"

static void test_server(void)
{
    IFaxServer2 *server = NULL;
    IProvideClassInfo2 *info = NULL;
    IFaxServer *base = NULL;
    GUID source;
    UINT count = 0;
    HRESULT hr;

    hr = CoCreateInstance(CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, IID_IFaxServer2, (void **)&server);
    ok(hr == S_OK, "CoCreateInstance(FaxServer): %#lx\n", hr);
    if (FAILED(hr)) return;

    hr = server->GetTypeInfoCount(&count);
    ok(hr == S_OK && count == 1, "GetTypeInfoCount: %#lx %u\n", hr, count);
    hr = server->QueryInterface(IID_IFaxServer, (void **)&base);
    ok(hr == S_OK && base == (IFaxServer *)server, "IFaxServer2 derives from IFaxServer: %#lx\n", hr);
    if (base) base->Release();

    hr = server->QueryInterface(IID_IProvideClassInfo2, (void **)&info);
    ok(hr == S_OK, "IProvideClassInfo2: %#lx\n", hr);
    if (info)
    {
        hr = info->GetGUID(GUIDKIND_DEFAULT_SOURCE_DISP_IID, &source);
        ok(hr == S_OK && IsEqualIID(source, DIID_IFaxServerNotify2), "default source %#lx\n", hr);
        info->Release();
    }
    ok(server->Release() == 0, "FaxServer still referenced\n");
}

static void test_document(void)
{
    IFaxDocument2 *document = NULL;
    FAX_PRIORITY_TYPE_ENUM priority = fptLOW;
    BSTR name = SysAllocString(L"invoice 1042"), read = NULL;
    HRESULT hr;

    hr = CoCreateInstance(CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, IID_IFaxDocument2, (void **)&document);
    ok(hr == S_OK, "CoCreateInstance(FaxDocument): %#lx\n", hr);
    if (FAILED(hr)) return;

    hr = document->put_DocumentName(name);
    ok(hr == S_OK, "put_DocumentName: %#lx\n", hr);
    hr = document->get_DocumentName(&read);
    ok(hr == S_OK && read && !lstrcmpW(read, name), "get_DocumentName: %#lx\n", hr);
    hr = document->put_Priority(fptHIGH);
    ok(hr == S_OK, "put_Priority: %#lx\n", hr);
    hr = document->get_Priority(&priority);
    ok(hr == S_OK && priority == fptHIGH, "get_Priority: %#lx %d\n", hr, priority);
    ok(lDEFAULT_PREFETCH_SIZE == 100, "lDEFAULT_PREFETCH_SIZE is %d\n", (int)lDEFAULT_PREFETCH_SIZE);

    SysFreeString(name);
    SysFreeString(read);
    document->Release();
}

START_TEST(cxx_client)
{
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    test_server();
    test_document();
    CoUninitialize();
}
