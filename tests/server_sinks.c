/*
 * Sinks that misbehave: a sink that fails every call is skipped for that event only, a sink that
 * hangs delays nobody else, a sink may release the last reference on its FaxServer from inside a
 * call. (Masks: server_masks.c.)
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "event_sink.h"

#define HANG_MS 3000

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
    advise_sink(server, failing);
    advise_sink(server, hanging);
    advise_sink(server, good);
    ok(IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE | fsetOUT_ARCHIVE) == S_OK, "Listen failed\n");

    start = now_ms();
    if (submit_fax_for_id_text(link, L"5551234", id))
    {
        ok(wait_event(good, 0, 9, id) >= 0, "the good sink got no OnOutgoingMessageAdded\n");
        good_done = now_ms() - start;
        trace("the good sink had the whole fax after %.0f ms while another hung for %u ms\n", good_done, HANG_MS);
        ok(good_done < HANG_MS || sink_find(hanging, 9, id) < 0, "a hanging sink delayed the others\n");
        ok(wait_event(failing, 0, 9, id) >= 0, "the failing sink lost later events\n");
        ok(wait_event(hanging, 0, 9, id) >= 0, "the hanging sink lost events\n");
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
    advise_sink(server, sink);
    ok(IFaxServer2_ListenToServerEvents(server, fsetOUT_QUEUE) == S_OK, "Listen failed\n");
    sink->release_in_call = (IUnknown *)server;     /* the test's own reference, handed over */
    if (submit_fax_for_id_text(link, L"5551234", id))
    {
        ok(wait_event(sink, 0, 4, id) >= 0, "no OnOutgoingJobAdded\n");
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

static void run_tests(struct fxs_link *link)
{
    test_misbehaving_sinks(link);
    test_release_in_callback(link);
}

START_TEST(server_sinks)
{
    prepare_service(L"sinks");
    run_with_service(run_tests);
}
