/*
 * FaxServer events end to end: a fax really travels through the service (submitted over the
 * service's RPC by the test), and dispatch-only sinks, as VB6 and script hosts make them, get
 * every IFaxServerNotify2 event with the type library's DISPIDs and argument types, in the sink's
 * own apartment; the legacy IFaxServerNotify point gets the same without the 26th event; masks
 * filter; a sink may unadvise from inside its callback; the end of the service arrives as
 * OnServerShutDown.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "event_sink.h"

static void check_types(struct sink *sink, DISPID dispid, const VARTYPE *expected, UINT count)
{
    int index = sink_find(sink, dispid, NULL);
    UINT i;

    winetest_push_context("DISPID %ld", dispid);
    ok(index >= 0, "no call\n");
    if (index >= 0)
    {
        ok(sink->calls[index].count == count, "%u arguments, expected %u\n", sink->calls[index].count, count);
        for (i = 0; i < count && i < sink->calls[index].count; i++)
            ok(sink->calls[index].types[i] == expected[i], "argument %u is of type %u, expected %u\n", i,
               sink->calls[index].types[i], expected[i]);
    }
    winetest_pop_context();
}

/* The whole send and receive, seen by an STA sink on IFaxServerNotify2 and one on IFaxServerNotify. */
static void test_sta_sinks(struct fxs_link *link)
{
    static const VARTYPE server_only[] = { VT_DISPATCH };
    static const VARTYPE job[] = { VT_DISPATCH, VT_BSTR };
    static const VARTYPE job_changed[] = { VT_DISPATCH, VT_BSTR, VT_DISPATCH };
    static const VARTYPE activity[] = { VT_DISPATCH, VT_I4, VT_I4, VT_I4, VT_I4 };
    static const VARTYPE new_call[] = { VT_DISPATCH, VT_I4, VT_I4, VT_BSTR };
    static const VARTYPE device_status[] = { VT_DISPATCH, VT_I4, VT_BOOL, VT_BOOL, VT_BOOL, VT_BOOL };
    struct sink *sink = malloc(sizeof(*sink)), *legacy = malloc(sizeof(*legacy));
    IConnectionPoint *point, *legacy_point;
    IUnknown *identity;
    IFaxServer2 *server;
    DWORD cookie, legacy_cookie;
    WCHAR id[17];
    int added, changed, removed, archived, i, on_thread = 0;
    HRESULT hr;

    sink_init(sink, &DIID_IFaxServerNotify2);
    sink_init(legacy, &DIID_IFaxServerNotify);
    if (!(server = connected_server())) return;
    point = find_point(server, &DIID_IFaxServerNotify2);
    legacy_point = find_point(server, &DIID_IFaxServerNotify);
    hr = IConnectionPoint_Advise(point, (IUnknown *)&sink->IDispatch_iface, &cookie);
    ok(hr == S_OK, "Advise: %#lx\n", hr);
    hr = IConnectionPoint_Advise(legacy_point, (IUnknown *)&legacy->IDispatch_iface, &legacy_cookie);
    ok(hr == S_OK, "Advise (legacy): %#lx\n", hr);
    hr = IFaxServer2_ListenToServerEvents(server, fsetIN_QUEUE | fsetOUT_QUEUE | fsetCONFIG | fsetACTIVITY |
                                          fsetQUEUE_STATE | fsetIN_ARCHIVE | fsetOUT_ARCHIVE | fsetFXSSVC_ENDED |
                                          fsetDEVICE_STATUS | fsetINCOMING_CALL);
    ok(hr == S_OK, "ListenToServerEvents: %#lx\n", hr);

    if (submit_fax_for_id_text(link, L"1002", id))
    {
        ok(pump_until(sink, 9, id), "no OnOutgoingMessageAdded for %s\n", wine_dbgstr_w(id));
        ok(pump_until(sink, 7, NULL), "no OnIncomingMessageAdded\n");
        ok(pump_until(sink, 2, NULL), "no OnIncomingJobRemoved\n");
        ok(pump_until(legacy, 9, id), "legacy: no OnOutgoingMessageAdded\n");
    }
    trace("%ld calls to the IFaxServerNotify2 sink, %ld to the IFaxServerNotify sink\n", sink->count, legacy->count);

    /* The sending side in order: added, changed..., message added, removed. */
    added = sink_find(sink, 4, id);
    changed = sink_find(sink, 6, id);
    archived = sink_find(sink, 9, id);
    removed = sink_find(sink, 5, id);
    ok(added >= 0 && added < changed && changed < archived && archived < removed,
       "order: added %d, changed %d, archived %d, removed %d\n", added, changed, archived, removed);
    if (changed >= 0) ok(sink->calls[changed].job_status == fjsPENDING, "first status %ld\n", sink->calls[changed].job_status);

    check_types(sink, 4, job, ARRAY_SIZE(job));
    check_types(sink, 6, job_changed, ARRAY_SIZE(job_changed));
    check_types(sink, 9, job, ARRAY_SIZE(job));
    check_types(sink, 21, activity, ARRAY_SIZE(activity));
    check_types(sink, 23, new_call, ARRAY_SIZE(new_call));
    check_types(sink, 25, device_status, ARRAY_SIZE(device_status));
    check_types(sink, 1, job, ARRAY_SIZE(job));
    check_types(sink, 3, job_changed, ARRAY_SIZE(job_changed));
    check_types(legacy, 6, job_changed, ARRAY_SIZE(job_changed));
    (void)server_only;

    i = sink_find(sink, 23, NULL);
    if (i >= 0)
    {
        ok(sink->calls[i].longs[2] == 2, "OnNewCall on device %ld\n", sink->calls[i].longs[2]);
        ok(!lstrcmpW(sink->calls[i].text, L"1001"), "caller id %s\n", wine_dbgstr_w(sink->calls[i].text));
    }

    /* Every call on this thread, with this server as the first argument; legacy sink: the same events. */
    IFaxServer2_QueryInterface(server, &IID_IUnknown, (void **)&identity);
    for (i = 0; i < sink->count; i++)
    {
        on_thread += sink->calls[i].thread == GetCurrentThreadId();
        ok(sink->calls[i].server == identity, "call %d: another server as first argument (%p, %p)\n", i, sink->calls[i].server, identity);
    }
    ok(on_thread == sink->count, "%d of %ld calls on the sink's thread\n", on_thread, sink->count);
    IUnknown_Release(identity);
    for (i = 0; i < legacy->count; i++)
        ok(legacy->calls[i].dispid >= 1 && legacy->calls[i].dispid <= 25, "legacy DISPID %ld\n", legacy->calls[i].dispid);

    /* Unadvise from inside a callback: no call after it. */
    sink->unadvise_cookie = cookie;
    sink->unadvise_point = point;
    if (submit_fax_for_id_text(link, L"5551234", id))
    {
        LONG before;
        ok(pump_until(legacy, 9, id), "legacy: the second fax was not archived\n");
        before = sink->count;
        ok(!sink->unadvise_point, "the sink got no call for the second fax\n");
        ok(sink_find(sink, 9, id) < 0, "a call came after Unadvise\n");
        ok(sink->count == before, "calls after Unadvise\n");
    }
    hr = IConnectionPoint_Unadvise(point, cookie);
    ok(hr == CONNECT_E_NOCONNECTION, "Unadvise after unadvising in the callback: %#lx\n", hr);

    IConnectionPoint_Unadvise(legacy_point, legacy_cookie);
    IConnectionPoint_Release(point);
    IConnectionPoint_Release(legacy_point);
    ok(IFaxServer2_Disconnect(server) == S_OK, "Disconnect failed\n");
    IFaxServer2_Release(server);
    sink_clear(sink);
    sink_clear(legacy);
    free(sink);
    free(legacy);
}

/* An MTA sink, a mask of one class, and the end of the service. */
struct mta_test
{
    struct fxs_link *link;
    struct sink sink;
};

static DWORD WINAPI mta_thread(void *arg)
{
    struct mta_test *test = arg;
    IConnectionPoint *point;
    IFaxServer2 *server;
    DWORD cookie;
    WCHAR id[17];
    double deadline;
    LONG i;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (!(server = connected_server())) goto done;
    point = find_point(server, &DIID_IFaxServerNotify2);
    ok(IConnectionPoint_Advise(point, (IUnknown *)&test->sink.IDispatch_iface, &cookie) == S_OK, "Advise failed\n");
    ok(IFaxServer2_ListenToServerEvents(server, fsetOUT_ARCHIVE | fsetFXSSVC_ENDED) == S_OK, "Listen failed\n");
    if (submit_fax_for_id_text(test->link, L"5551234", id))
    {
        deadline = now_ms() + WAIT_MS;
        while (sink_find(&test->sink, 9, id) < 0 && now_ms() < deadline) Sleep(10);
        ok(sink_find(&test->sink, 9, id) >= 0, "MTA sink: no OnOutgoingMessageAdded\n");
    }
    for (i = 0; i < test->sink.count; i++)
    {
        ok(test->sink.calls[i].dispid == 9 || test->sink.calls[i].dispid == 10 || test->sink.calls[i].dispid == 24,
           "mask fsetOUT_ARCHIVE|fsetFXSSVC_ENDED let DISPID %ld through\n", test->sink.calls[i].dispid);
        ok(test->sink.calls[i].thread != GetCurrentThreadId(), "an MTA sink called on the advising thread\n");
    }

    /* The service stops: OnServerShutDown. */
    ok(stop_service(), "the service did not stop\n");
    deadline = now_ms() + WAIT_MS;
    while (sink_find(&test->sink, 24, NULL) < 0 && now_ms() < deadline) Sleep(10);
    ok(sink_find(&test->sink, 24, NULL) >= 0, "no OnServerShutDown\n");

    IConnectionPoint_Unadvise(point, cookie);
    IConnectionPoint_Release(point);
    IFaxServer2_Release(server);
done:
    CoUninitialize();
    return 0;
}

START_TEST(server_events)
{
    struct mta_test *mta = calloc(1, sizeof(*mta));
    struct fxs_link *link;
    WCHAR temp[MAX_PATH], root[MAX_PATH];
    HANDLE thread;

    ok(stop_service(), "a service from an earlier test is still running\n");
    GetTempPathW(ARRAY_SIZE(temp), temp);
    swprintf(root, ARRAY_SIZE(root), L"%lsfxscomex-events-%lu", temp, GetCurrentProcessId());
    service_environment(FXSSVC_ENV_DATA_ROOT, root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (open_link(NULL, 0, FALSE, &link) == ERROR_SUCCESS)
    {
        test_sta_sinks(link);
        sink_init(&mta->sink, &DIID_IFaxServerNotify2);
        mta->link = link;
        thread = CreateThread(NULL, 0, mta_thread, mta, 0, NULL);
        winetest_wait_child_thread(thread, 120000);
        sink_clear(&mta->sink);
        fxs_link_close(link);
    }
    else ok(0, "no session with the service\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    free(mta);
}
