/*
 * The DLL's lifetime with the event dispatcher running: DllCanUnloadNow says S_FALSE while a
 * FaxServer listens, S_OK soon after everything is released, and CoFreeUnusedLibrariesEx then
 * really unloads fxscomex.dll, after its dispatcher thread has gone; loaded again, it works.
 * (Plain CoFreeUnusedLibraries waits 10 minutes before it unloads a DLL of ThreadingModel Both,
 * as COM documents: the tests give the delay, 0.)
 * And the end of the service: OnServerShutDown, then Connect starts a new service and events
 * flow again.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service_jobs.h"
#include "event_sink.h"
#include <tlhelp32.h>
#include <winternl.h>

#define DLL_NAME L"fxscomex.dll"
#define UNLOAD_WAIT_MS 10000
#define MAX_THREADS 64

static NTSTATUS (WINAPI *pNtQueryInformationThread)(HANDLE, THREADINFOCLASS, void *, ULONG, ULONG *);

/* The threads of this process that began in [base, base + size): handles to wait on. */
static unsigned int threads_started_in(const BYTE *base, SIZE_T size, HANDLE *threads, unsigned int max,
                                       unsigned int *all)
{
    HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    THREADENTRY32 entry = { sizeof(entry) };
    unsigned int count = 0;

    *all = 0;
    if (snapshot == INVALID_HANDLE_VALUE) return 0;
    for (BOOL more = Thread32First(snapshot, &entry); more; more = Thread32Next(snapshot, &entry))
    {
        HANDLE thread;
        const BYTE *start = NULL;

        if (entry.th32OwnerProcessID != GetCurrentProcessId()) continue;
        ++*all;
        if (!(thread = OpenThread(THREAD_QUERY_INFORMATION | SYNCHRONIZE, FALSE, entry.th32ThreadID))) continue;
        /* 9: ThreadQuerySetWin32StartAddress */
        if (count < max && !pNtQueryInformationThread(thread, (THREADINFOCLASS)9, &start, sizeof(start), NULL) &&
            start >= base && start < base + size)
            threads[count++] = thread;
        else
            CloseHandle(thread);
    }
    CloseHandle(snapshot);
    return count;
}

static SIZE_T image_size(HMODULE module)
{
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)module;
    const IMAGE_NT_HEADERS *nt = (const IMAGE_NT_HEADERS *)((const BYTE *)module + dos->e_lfanew);
    return nt->OptionalHeader.SizeOfImage;
}

static DWORD advise(IFaxServer2 *server, struct sink *sink)
{
    IConnectionPoint *point = find_point(server, &DIID_IFaxServerNotify2);
    DWORD cookie = 0;

    ok(point && IConnectionPoint_Advise(point, (IUnknown *)&sink->IDispatch_iface, &cookie) == S_OK, "Advise failed\n");
    if (point) IConnectionPoint_Release(point);
    return cookie;
}

static void unadvise(IFaxServer2 *server, DWORD cookie)
{
    IConnectionPoint *point = find_point(server, &DIID_IFaxServerNotify2);

    ok(point && IConnectionPoint_Unadvise(point, cookie) == S_OK, "Unadvise failed\n");
    if (point) IConnectionPoint_Release(point);
}

/* A FaxServer that listens and gets a fax's events: the DLL stays; released: it goes. */
static void test_unload(struct fxs_link *link)
{
    struct sink *sink = malloc(sizeof(*sink));
    HRESULT (WINAPI *pDllCanUnloadNow)(void);
    HANDLE threads[MAX_THREADS];
    unsigned int count, i, all_before, all_listening, all_after;
    IFaxServer2 *server;
    HMODULE module;
    const BYTE *base;
    SIZE_T size;
    DWORD cookie;
    double start, can_unload_ms = -1, unloaded_ms = -1;
    WCHAR id[17];

    sink_init(sink, &DIID_IFaxServerNotify2);
    ok(!GetModuleHandleW(DLL_NAME), "the DLL is loaded before the test\n");
    threads_started_in(NULL, 0, threads, 0, &all_before);
    if (!(server = connected_server())) goto done;
    module = GetModuleHandleW(DLL_NAME);
    ok(module != NULL, "CoCreateInstance did not load the DLL\n");
    if (!module) goto done;
    base = (const BYTE *)module;
    size = image_size(module);
    pDllCanUnloadNow = (void *)GetProcAddress(module, "DllCanUnloadNow");

    cookie = advise(server, sink);
    ok(IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE | fsetOUT_ARCHIVE) == S_OK, "Listen failed\n");
    if (submit_fax_for_id_text(link, L"5551234", id)) ok(pump_until(sink, 9, id), "no OnOutgoingMessageAdded\n");
    count = threads_started_in(base, size, threads, ARRAY_SIZE(threads), &all_listening);
    ok(count == 1, "%u threads of the DLL while listening, expected the dispatcher\n", count);

    ok(pDllCanUnloadNow() == S_FALSE, "DllCanUnloadNow with a listening FaxServer\n");
    CoFreeUnusedLibrariesEx(0, 0);
    ok(GetModuleHandleW(DLL_NAME) == module, "the DLL was unloaded under a listening FaxServer\n");

    unadvise(server, cookie);
    ok(IFaxServer2_Disconnect(server) == S_OK, "Disconnect failed\n");
    IFaxServer2_Release(server);

    /* Released: S_OK soon (calls and their targets finish), then CoFreeUnusedLibrariesEx lets
     * the DLL go as soon as the dispatcher thread, which holds it too, has left. */
    start = now_ms();
    while (pDllCanUnloadNow() != S_OK && now_ms() - start < UNLOAD_WAIT_MS) Sleep(10);
    if (pDllCanUnloadNow() == S_OK) can_unload_ms = now_ms() - start;
    ok(can_unload_ms >= 0, "DllCanUnloadNow still S_FALSE %u ms after the release\n", UNLOAD_WAIT_MS);
    CoFreeUnusedLibrariesEx(0, 0);
    while (GetModuleHandleW(DLL_NAME) && now_ms() - start < UNLOAD_WAIT_MS) Sleep(10);
    if (!GetModuleHandleW(DLL_NAME)) unloaded_ms = now_ms() - start;
    ok(unloaded_ms >= 0, "the DLL is still loaded %u ms after the release\n", UNLOAD_WAIT_MS);
    for (i = 0; i < count; i++)
    {
        /* FreeLibraryAndExitThread: the DLL goes a moment before the thread has ended. */
        ok(WaitForSingleObject(threads[i], 5000) == WAIT_OBJECT_0, "a thread of the DLL outlived it\n");
        CloseHandle(threads[i]);
    }
    ok(sink->refcount == 1, "the sink still has %ld references\n", sink->refcount);

    /* Nothing of the DLL runs any more: a while later the process is still here. */
    Sleep(1000);
    threads_started_in(NULL, 0, threads, 0, &all_after);
    trace("DllCanUnloadNow S_OK %.0f ms and the DLL unloaded %.0f ms after the release; threads: %u before, "
          "%u listening, %u after\n", can_unload_ms, unloaded_ms, all_before, all_listening, all_after);
done:
    sink_clear(sink);
    free(sink);
}

/* Loaded again after the unload: a new dispatcher, events as before. */
static void test_reload(struct fxs_link *link)
{
    struct sink *sink = malloc(sizeof(*sink));
    IFaxServer2 *server;
    DWORD cookie;
    WCHAR id[17];

    sink_init(sink, &DIID_IFaxServerNotify2);
    if ((server = connected_server()))
    {
        cookie = advise(server, sink);
        ok(IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE) == S_OK, "Listen failed\n");
        if (submit_fax_for_id_text(link, L"5551234", id)) ok(pump_until(sink, 5, id), "no OnOutgoingJobRemoved after a reload\n");
        unadvise(server, cookie);
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    sink_clear(sink);
    free(sink);
}

/* The service ends: OnServerShutDown. Disconnect and Connect start a new one, whose events come
 * once the FaxServer listens again. A FaxServer that did not reconnect hears nothing of it. */
static void test_connect_after_shutdown(void)
{
    struct sink *sink = malloc(sizeof(*sink)), *stale = malloc(sizeof(*stale));
    IFaxServer2 *server, *old_server = NULL;
    FAX_SERVER_EVENTS_TYPE_ENUM events = -1;
    struct fxs_link *link;
    DWORD cookie, stale_cookie = 0;
    WCHAR id[17];
    HRESULT hr;

    sink_init(sink, &DIID_IFaxServerNotify2);
    sink_init(stale, &DIID_IFaxServerNotify2);
    if (!(server = connected_server()) || !(old_server = connected_server())) goto done;
    cookie = advise(server, sink);
    stale_cookie = advise(old_server, stale);
    ok(IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE | fsetFXSSVC_ENDED) == S_OK, "Listen failed\n");
    ok(IFaxServer2_ListenToServerEvents(old_server, fsetOUT_QUEUE | fsetFXSSVC_ENDED) == S_OK, "Listen failed\n");

    ok(stop_service(), "the service did not stop\n");
    ok(pump_until(sink, 24, NULL), "no OnServerShutDown\n");
    ok(pump_until(stale, 24, NULL), "no OnServerShutDown for the second FaxServer\n");

    ok(IFaxServer2_Disconnect(server) == S_OK, "Disconnect after the end of the service failed\n");
    hr = IFaxServer2_Connect(server, NULL);
    ok(hr == S_OK, "Connect (a new service): %#lx\n", hr);
    ok(IFaxServer2_get_RegisteredEvents(server, &events) == S_OK && events == fsetNONE,
       "RegisteredEvents after a new Connect: %#x\n", events);
    hr = IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE | fsetFXSSVC_ENDED);
    ok(hr == S_OK, "ListenToServerEvents on the new service: %#lx\n", hr);
    if (hr == S_OK && !open_link(NULL, 0, TRUE, &link))
    {
        if (submit_fax_for_id_text(link, L"5551234", id))
        {
            ok(pump_until(sink, 5, id), "no events from the new service\n");
            ok(sink_find(stale, 4, id) < 0, "a FaxServer that did not reconnect got the new service's events\n");
        }
        fxs_link_close(link);
    }
    unadvise(server, cookie);
    unadvise(old_server, stale_cookie);
    IFaxServer2_Disconnect(server);
done:
    if (server) IFaxServer2_Release(server);
    if (old_server) IFaxServer2_Release(old_server);
    sink_clear(sink);
    sink_clear(stale);
    free(sink);
    free(stale);
}

START_TEST(server_unload)
{
    struct fxs_link *link;
    WCHAR root[MAX_PATH];

    pNtQueryInformationThread = (void *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQueryInformationThread");
    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-unload", root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (!open_link(NULL, 0, FALSE, &link))
    {
        test_unload(link);
        test_reload(link);
        fxs_link_close(link);
    }
    else ok(0, "no session with the service\n");
    test_connect_after_shutdown();
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    remove_folder(root);
}
