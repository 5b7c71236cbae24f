/*
 * Sinks that misbehave, and masks: a sink that fails every call is skipped for that event only, a
 * sink that hangs delays nobody else, a sink may release the last reference on its FaxServer from
 * inside a call, and ListenToServerEvents' mask lets through only its classes.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "event_sink.h"

#define HANG_MS 3000

static BOOL wait_call(struct sink *sink, DISPID dispid, const WCHAR *text, DWORD timeout)
{
    double deadline = now_ms() + timeout;
    while (sink_find(sink, dispid, text) < 0 && now_ms() < deadline) Sleep(5);
    return sink_find(sink, dispid, text) >= 0;
}

static DWORD advise(IFaxServer2 *server, struct sink *sink)
{
    IConnectionPoint *point = find_point(server, &DIID_IFaxServerNotify2);
    DWORD cookie = 0;

    ok(point && IConnectionPoint_Advise(point, (IUnknown *)&sink->IDispatch_iface, &cookie) == S_OK, "Advise failed\n");
    if (point) IConnectionPoint_Release(point);
    return cookie;
}

/* A failing sink, a hanging one and a good one on one FaxServer. */
static void test_misbehaving_sinks(struct fxs_link *link)
{
    struct sink *failing = malloc(sizeof(*failing)), *hanging = malloc(sizeof(*hanging)), *good = malloc(sizeof(*good));
    IFaxServer2 *server;
    double start, good_done;
    WCHAR id[17];

    sink_init(failing, &DIID_IFaxServerNotify2);
    sink_init(hanging, &DIID_IFaxServerNotify2);
    sink_init(good, &DIID_IFaxServerNotify2);
    failing->result = E_FAIL;
    hanging->hang_ms = HANG_MS;
    if (!(server = connected_server())) return;
    advise(server, failing);
    advise(server, hanging);
    advise(server, good);
    ok(IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE | fsetOUT_ARCHIVE) == S_OK, "Listen failed\n");

    start = now_ms();
    if (submit_fax(link, L"5551234", id))
    {
        ok(wait_call(good, 9, id, 30000), "the good sink got no OnOutgoingMessageAdded\n");
        good_done = now_ms() - start;
        trace("the good sink had the whole fax after %.0f ms while another hung for %u ms\n", good_done, HANG_MS);
        ok(good_done < HANG_MS || sink_find(hanging, 9, id) < 0, "a hanging sink delayed the others\n");
        ok(wait_call(failing, 9, id, 30000), "the failing sink lost later events\n");
        ok(wait_call(hanging, 9, id, 30000), "the hanging sink lost events\n");
        ok(failing->count == good->count && hanging->count == good->count, "calls: failing %ld, hanging %ld, good %ld\n",
           failing->count, hanging->count, good->count);
    }
    IFaxServer2_ListenToServerEvents(server, fsetNONE);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
    /* Calls still under way hold the server for a moment; then it goes, and lets its sinks go. */
    start = now_ms();
    while ((good->refcount > 1 || failing->refcount > 1 || hanging->refcount > 1) && now_ms() - start < 5000) Sleep(10);
    ok(good->refcount == 1 && failing->refcount == 1 && hanging->refcount == 1, "sinks still held: %ld %ld %ld\n",
       good->refcount, failing->refcount, hanging->refcount);
    sink_clear(failing);
    sink_clear(hanging);
    sink_clear(good);
    free(failing);
    free(hanging);
    free(good);
}

/* The sink holds the last reference on its FaxServer and releases it inside a call. */
static void test_release_in_callback(struct fxs_link *link)
{
    struct sink *sink = malloc(sizeof(*sink));
    IFaxServer2 *server;
    WCHAR id[17];
    LONG calls;

    sink_init(sink, &DIID_IFaxServerNotify2);
    if (!(server = connected_server())) return;
    advise(server, sink);
    ok(IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE) == S_OK, "Listen failed\n");
    sink->release_in_call = (IUnknown *)server;     /* the test's own reference, handed over */
    if (submit_fax(link, L"5551234", id))
    {
        ok(wait_call(sink, 4, id, 30000), "no OnOutgoingJobAdded\n");
        Sleep(500);
        calls = sink->count;
        ok(!sink->release_in_call, "the reference was not released in the call\n");
        ok(calls >= 1, "%ld calls\n", calls);
        /* The FaxServer is gone with its connection points: no more calls, and the sink is let go. */
        Sleep(1000);
        ok(sink->count == calls, "%ld calls after the FaxServer was released, %ld before\n", sink->count, calls);
        for (calls = 0; calls < 100 && sink->refcount > 1; calls++) Sleep(50);
        ok(sink->refcount == 1, "the sink still has %ld references\n", sink->refcount);
    }
    sink_clear(sink);
    free(sink);
}

/* Each class of events alone: only its methods are called. */
static void test_masks(struct fxs_link *link)
{
    static const struct { FAX_SERVER_EVENTS_TYPE_ENUM mask; DISPID first, last; } masks[] =
    {
        { fsetOUT_QUEUE, 4, 6 },
        { fsetOUT_ARCHIVE, 9, 10 },
        { fsetDEVICE_STATUS, 25, 25 },
        { fsetACTIVITY, 21, 21 },
        { fsetIN_QUEUE, 1, 3 },
        { fsetINCOMING_CALL, 23, 23 },
    };
    unsigned int i;
    LONG j;

    for (i = 0; i < ARRAY_SIZE(masks); i++)
    {
        struct sink *sink = malloc(sizeof(*sink));
        IFaxServer2 *server;
        WCHAR id[17];

        winetest_push_context("mask %#x", masks[i].mask);
        sink_init(sink, &DIID_IFaxServerNotify2);
        if ((server = connected_server()))
        {
            FAX_SERVER_EVENTS_TYPE_ENUM registered;
            advise(server, sink);
            ok(IFaxServer2_ListenToServerEvents(server, masks[i].mask) == S_OK, "Listen failed\n");
            ok(IFaxServer2_get_RegisteredEvents(server, &registered) == S_OK && registered == masks[i].mask,
               "RegisteredEvents %#x\n", registered);
            /* A fax to device 2 makes events of every class. */
            if (submit_fax(link, L"1002", id))
            {
                ok(wait_call(sink, masks[i].first, NULL, 30000), "no call of the class\n");
                Sleep(300);  /* the fax's last events */
            }
            for (j = 0; j < sink->count; j++)
                ok(sink->calls[j].dispid >= masks[i].first && sink->calls[j].dispid <= masks[i].last,
                   "DISPID %ld let through\n", sink->calls[j].dispid);
            /* fsetNONE: nothing more. */
            ok(IFaxServer2_ListenToServerEvents(server, fsetNONE) == S_OK, "fsetNONE failed\n");
            j = sink->count;
            if (submit_fax(link, L"1002", id)) Sleep(500);
            ok(sink->count == j, "%ld calls after fsetNONE\n", sink->count - j);
            IFaxServer2_Disconnect(server);
            IFaxServer2_Release(server);
        }
        sink_clear(sink);
        free(sink);
        winetest_pop_context();
    }
}

START_TEST(server_sinks)
{
    struct fxs_link *link;
    WCHAR temp[MAX_PATH], root[MAX_PATH];

    ok(stop_service(), "a service from an earlier test is still running\n");
    GetTempPathW(ARRAY_SIZE(temp), temp);
    swprintf(root, ARRAY_SIZE(root), L"%lsfxscomex-sinks-%lu", temp, GetCurrentProcessId());
    service_environment(FXSSVC_ENV_DATA_ROOT, root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (open_link(NULL, 0, FALSE, &link) == ERROR_SUCCESS)
    {
        test_misbehaving_sinks(link);
        test_release_in_callback(link);
        test_masks(link);
        fxs_link_close(link);
    }
    else ok(0, "no session with the service\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
}
