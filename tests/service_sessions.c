/*
 * Sessions of the fax service with real client processes: the session count, a killed client's
 * session released within a second (idle, and in the middle of a long poll), the fan-out to
 * every subscribed session, a session that never pulls not slowing another, a pending pull not
 * holding up its own session's calls, and the latency of a long poll.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service.h"
#include "child_process.h"

#define READY_EVENT L"fxscomex-test-service_sessions-child-ready"

/* The child: a client that opens a session and then does nothing (idle) or waits in a long poll
 * (pull), until the parent kills it. */
static void child_main(const char *mode)
{
    HANDLE ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, READY_EVENT);
    struct fxs_event_batch batch;
    struct fxs_link *link;
    int i;

    if (!ready || open_link(NULL, 0, TRUE, &link)) return;
    fxs_link_subscribe(link, FXS_EVENT_ALL);
    fxs_link_open_events(link);
    SetEvent(ready);
    for (i = 0; i < 60; i++)   /* a minute at most, if nobody kills it */
    {
        if (!strcmp(mode, "pull")) fxs_link_pull(link, 10, 30000, &batch);
        else Sleep(1000);
    }
}

static void test_session_count(void)
{
    struct fxs_link *links[3];
    DWORD base, i;

    ok(!open_link(NULL, 0, FALSE, &links[0]), "cannot open a session\n");
    base = session_count(links[0]);
    for (i = 1; i < ARRAY_SIZE(links); i++)
        ok(!open_link(NULL, 0, TRUE, &links[i]), "cannot open session %lu\n", i);
    ok(session_count(links[0]) == base + 2, "%lu sessions, expected %lu\n", session_count(links[0]), base + 2);
    fxs_link_close(links[2]);
    ok(session_count(links[0]) == base + 1, "%lu sessions after a close\n", session_count(links[0]));
    fxs_link_close(links[1]);
    fxs_link_close(links[0]);
}

static HANDLE start_child(const char *mode)
{
    return start_self("child %s", mode);
}

/* A client process killed in the middle (idle, or waiting in a pull): its session goes within a
 * second, through the context handle's rundown or, during a pull, through its process handle. */
static void test_killed_client(const char *mode)
{
    HANDLE ready = CreateEventW(NULL, FALSE, FALSE, READY_EVENT), child;
    struct fxs_link *observer;
    DWORD base, count = 0;
    double start, elapsed = 0;

    winetest_push_context("client %s", mode);
    ok(!open_link(NULL, FXS_CLIENT_PASSIVE, FALSE, &observer), "cannot open a session\n");
    base = session_count(observer);
    child = start_child(mode);
    ok(child != NULL, "cannot start the child: %lu\n", GetLastError());
    ok(WaitForSingleObject(ready, 10000) == WAIT_OBJECT_0, "the child did not open its session\n");
    ok(session_count(observer) == base + 1, "%lu sessions with the child, expected %lu\n", session_count(observer), base + 1);
    Sleep(50);   /* into its pull */

    ok(TerminateProcess(child, 1), "TerminateProcess failed\n");
    WaitForSingleObject(child, 5000);
    start = now_ms();
    while ((count = session_count(observer)) != base && (elapsed = now_ms() - start) < 30000) Sleep(2);
    elapsed = now_ms() - start;
    ok(count == base, "%lu sessions 30 s after the kill, expected %lu\n", count, base);
    trace("a killed client's session (%s) was released %.1f ms after the process ended\n", mode, elapsed);

    CloseHandle(child);
    CloseHandle(ready);
    fxs_link_close(observer);
    winetest_pop_context();
}

/* Every session subscribed to a class gets each event of it, with the same sequence number. */
static void test_fan_out(void)
{
    fxs_event event = { .event_class = FXS_EVENT_CONFIG, .config_type = FXS_CONFIG_OUTBOX };
    struct fxs_event_batch one, two, three;
    struct fxs_link *a, *b, *c;

    ok(!open_link(NULL, 0, TRUE, &a) && !open_link(NULL, 0, TRUE, &b) && !open_link(NULL, 0, TRUE, &c),
       "cannot open the sessions\n");
    fxs_link_subscribe(a, FXS_EVENT_CONFIG);
    fxs_link_subscribe(b, FXS_EVENT_CONFIG | FXS_EVENT_ACTIVITY);
    fxs_link_subscribe(c, FXS_EVENT_ACTIVITY);
    fxs_link_open_events(a);
    fxs_link_open_events(b);
    fxs_link_open_events(c);
    ok(!fxs_rpc_test_publish(fxs_link_session(c), &event, 1), "publish failed\n");
    ok(!fxs_link_pull(a, 10, 2000, &one) && one.count == 1, "a got %lu events\n", one.count);
    ok(!fxs_link_pull(b, 10, 2000, &two) && two.count == 1, "b got %lu events\n", two.count);
    ok(!fxs_link_pull(c, 10, 0, &three) && three.count == 0, "c got %lu events of a class it does not listen to\n", three.count);
    if (one.count && two.count)
    {
        ok(one.events[0].sequence == two.events[0].sequence, "sequence %I64u and %I64u\n",
           one.events[0].sequence, two.events[0].sequence);
        ok(one.events[0].config_type == FXS_CONFIG_OUTBOX, "config type %lu\n", one.events[0].config_type);
    }
    fxs_event_batch_free(&one);
    fxs_event_batch_free(&two);
    fxs_link_close(a);
    fxs_link_close(b);
    fxs_link_close(c);
}

struct reader
{
    struct fxs_link *link;
    volatile LONG received;
    volatile LONG missed;
    LONG target;
    DWORD status;
};

static DWORD WINAPI reader_proc(void *arg)
{
    struct reader *reader = arg;
    struct fxs_event_batch batch;

    while (reader->received < reader->target)
    {
        if ((reader->status = fxs_link_pull(reader->link, 256, 5000, &batch))) break;
        InterlockedExchangeAdd(&reader->missed, batch.missed);
        InterlockedExchangeAdd(&reader->received, batch.count);
        fxs_event_batch_free(&batch);
    }
    return 0;
}

/* A session that subscribes and never pulls: its queue fills and drops, another session's pulls
 * still get every event at once. */
static void test_idle_session(void)
{
    fxs_event event = { .event_class = FXS_EVENT_DEVICE_STATUS, .device_id = 1, .ringing = 1 };
    struct reader reader = { 0 };
    struct fxs_event_batch batch;
    struct fxs_link *idle, *busy;
    HANDLE thread;
    LONG round;
    double start, elapsed;

    ok(!open_link(NULL, 0, TRUE, &idle) && !open_link(NULL, 0, TRUE, &busy), "cannot open the sessions\n");
    fxs_link_subscribe(idle, FXS_EVENT_ALL);
    fxs_link_open_events(idle);
    fxs_link_subscribe(busy, FXS_EVENT_DEVICE_STATUS);
    fxs_link_open_events(busy);
    reader.link = busy;
    reader.target = 2500;
    thread = CreateThread(NULL, 0, reader_proc, &reader, 0, NULL);

    start = now_ms();
    for (round = 1; round <= 5; round++)
    {
        ULONGLONG deadline = GetTickCount64() + 5000;
        ok(!fxs_rpc_test_publish(fxs_link_session(idle), &event, 500), "publish failed\n");
        while (reader.received < round * 500 && GetTickCount64() < deadline) Sleep(1);
    }
    elapsed = now_ms() - start;
    winetest_wait_child_thread(thread, 10000);
    ok(!reader.status, "the reader's pull failed: %lu\n", reader.status);
    ok(reader.received == 2500 && !reader.missed, "the reader got %ld events, missed %ld\n", reader.received, reader.missed);
    trace("2500 events to a pulling session next to one that never pulls: %.0f ms\n", elapsed);

    ok(!fxs_link_pull(idle, 256, 0, &batch), "the idle session's pull failed\n");
    ok(batch.count == 256 && batch.missed == 2500 - 1024, "the idle session: %lu events, missed %lu\n",
       batch.count, batch.missed);
    fxs_event_batch_free(&batch);
    fxs_link_close(idle);
    fxs_link_close(busy);
}

/* A pull waiting on the channel leaves the session's own calls free; an event ends the wait at
 * once; closing the session from another thread ends it too. */
static void test_pending_pull(void)
{
    fxs_event event = { .event_class = FXS_EVENT_QUEUE_STATE, .outgoing_queue_paused = 1 };
    struct pull_thread pull;
    struct fxs_link *link;
    fxs_server_info server;
    double start, elapsed;

    ok(!open_link(NULL, 0, TRUE, &link), "cannot open a session\n");
    fxs_link_subscribe(link, FXS_EVENT_QUEUE_STATE);
    fxs_link_open_events(link);

    pull_thread_start(&pull, link, 10, 60000);
    Sleep(100);
    start = now_ms();
    ok(!fxs_link_query(link, &server), "query failed\n");
    ok(!fxs_link_subscribe(link, FXS_EVENT_QUEUE_STATE | FXS_EVENT_ACTIVITY), "subscribe failed\n");
    elapsed = now_ms() - start;
    /* The pull waits 30 s (the longest the service allows): calls that waited behind it would return after it. */
    ok(WaitForSingleObject(pull.thread, 0) == WAIT_TIMEOUT, "the session's calls waited behind the pull\n");
    trace("the session's calls took %.2f ms beside a waiting pull\n", elapsed);

    start = now_ms();
    ok(!fxs_rpc_test_publish(fxs_link_session(link), &event, 1), "publish failed\n");
    ok(pull_thread_wait(&pull, 20000), "the pull did not end\n");
    elapsed = now_ms() - start;
    ok(!pull.status && pull.batch.count == 1, "status %lu, %lu events\n", pull.status, pull.batch.count);
    trace("a waiting pull returns %.2f ms after an event is published\n", elapsed);
    fxs_event_batch_free(&pull.batch);

    pull_thread_start(&pull, link, 10, 60000);
    Sleep(100);
    start = now_ms();
    fxs_link_close_session(link);
    ok(pull_thread_wait(&pull, 20000), "the pull did not end\n");
    elapsed = now_ms() - start;
    ok(pull.status == ERROR_HANDLE_EOF, "the pull of a closed session: %lu\n", pull.status);
    trace("closing the session ended the pull after %.2f ms\n", elapsed);
    fxs_link_close(link);
}

START_TEST(service_sessions)
{
    if (winetest_argc >= 3 && !strcmp(winetest_argv[1], "child"))
    {
        child_main(winetest_argv[2]);
        return;
    }
    ok(stop_service(), "a fax service was left running and does not stop\n");
    service_environment(FXSSVC_ENV_TEST_HOOKS, L"1");

    test_session_count();
    test_killed_client("idle");
    test_killed_client("pull");
    test_fan_out();
    test_idle_session();
    test_pending_pull();

    ok(stop_service(), "the service did not stop\n");
}
