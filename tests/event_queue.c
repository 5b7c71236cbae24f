/*
 * Unit tests of the service's event queue (src/svc/queue.c) and of the event record helpers
 * (src/common/event.c), compiled into this program: order, the bound and the overflow policy
 * (the oldest go, the next pull reports how many), batches, the long poll, closing, cancelling.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service.h"
#include "fxssvc_private.h"

static fxs_event make_event(ULONGLONG sequence)
{
    fxs_event event = { 0 };

    event.sequence = sequence;
    event.event_class = FXS_EVENT_OUT_QUEUE;
    event.job_event = FXS_JOB_EVENT_STATUS;
    event.job_id = 0x100000000ull + sequence;
    event.job.csid = (WCHAR *)L"csid";
    event.job.extended_status = (WCHAR *)L"dialing";
    event.caller_id = (WCHAR *)L"+1 555 0100";
    return event;
}

static void push_range(struct event_queue *queue, ULONGLONG first, ULONGLONG last)
{
    ULONGLONG sequence;
    fxs_event event;

    for (sequence = first; sequence <= last; sequence++)
    {
        event = make_event(sequence);
        queue_push(queue, &event);
    }
}

/* Pulls without waiting; checks the sequence numbers run from first, one by one. */
static DWORD pull_now(struct event_queue *queue, unsigned int max_count, ULONGLONG first, DWORD *missed)
{
    fxs_event *events;
    DWORD count, status, i, wrong = 0;

    status = queue_pull(queue, max_count, 0, NULL, &events, &count, missed);
    ok(!status, "pull failed: %lu\n", status);
    for (i = 0; i < count; i++) if (events[i].sequence != first + i) wrong++;
    ok(!wrong, "%lu of %lu events out of order (first expected %I64u, got %I64u)\n", wrong, count, first,
       count ? events[0].sequence : 0);
    fxs_events_free(events, count);
    return count;
}

static void test_order_and_copies(void)
{
    struct event_queue *queue = queue_create(8);
    fxs_event event = make_event(1), *events;
    WCHAR csid[] = L"mutable";
    DWORD count, missed, status;

    ok(!queue_create(0), "a queue without room was made\n");
    event.job.csid = csid;
    queue_push(queue, &event);
    csid[0] = 'X';
    push_range(queue, 2, 3);
    ok(queue_length(queue) == 3, "length %u\n", queue_length(queue));

    status = queue_pull(queue, 10, 0, NULL, &events, &count, &missed);
    ok(!status && count == 3 && !missed, "status %lu, count %lu, missed %lu\n", status, count, missed);
    if (count == 3)
    {
        ok(events[0].sequence == 1 && events[2].sequence == 3, "wrong order\n");
        ok(!wcscmp(events[0].job.csid, L"mutable"), "the queue kept the caller's string: %s\n",
           wine_dbgstr_w(events[0].job.csid));
        ok(!wcscmp(events[1].caller_id, L"+1 555 0100"), "caller id %s\n", wine_dbgstr_w(events[1].caller_id));
        ok(!events[1].job.tsid && !events[1].job.routing_information, "NULL strings came back set\n");
        ok(events[2].job_id == 0x100000003ull, "job id %I64x\n", events[2].job_id);
    }
    fxs_events_free(events, count);
    ok(queue_length(queue) == 0, "length %u after the pull\n", queue_length(queue));
    queue_destroy(queue);
}

/* The bound: past its capacity the queue drops the oldest and counts them for the next pull. */
static void test_overflow(void)
{
    struct event_queue *queue = queue_create(8);
    DWORD missed, count;

    push_range(queue, 1, 20);
    ok(queue_length(queue) == 8, "length %u, capacity 8\n", queue_length(queue));
    count = pull_now(queue, 100, 13, &missed);
    ok(count == 8 && missed == 12, "count %lu, missed %lu\n", count, missed);
    push_range(queue, 21, 22);
    count = pull_now(queue, 100, 21, &missed);
    ok(count == 2 && !missed, "the missed count was not reset: count %lu, missed %lu\n", count, missed);
    queue_destroy(queue);

    /* The ring grows from a few slots to the capacity, then drops. */
    queue = queue_create(QUEUE_CAPACITY);
    push_range(queue, 1, QUEUE_CAPACITY);
    ok(queue_length(queue) == QUEUE_CAPACITY, "length %u\n", queue_length(queue));
    push_range(queue, QUEUE_CAPACITY + 1, QUEUE_CAPACITY + 1);
    count = pull_now(queue, QUEUE_CAPACITY, 2, &missed);
    ok(count == QUEUE_CAPACITY && missed == 1, "count %lu, missed %lu\n", count, missed);
    queue_destroy(queue);
}

/* A publisher that never stops and a session that never pulls: memory stays bounded. */
static void test_bounded_memory(void)
{
    struct event_queue *queue = queue_create(QUEUE_CAPACITY);
    DWORD missed, count;
    double start = now_ms();

    push_range(queue, 1, 100000);
    trace("100000 pushes into a full queue: %.0f ns each\n", (now_ms() - start) * 1e6 / 100000);
    ok(queue_length(queue) == QUEUE_CAPACITY, "length %u\n", queue_length(queue));
    count = pull_now(queue, QUEUE_MAX_PULL, 100000 - QUEUE_CAPACITY + 1, &missed);
    ok(count == QUEUE_MAX_PULL && missed == 100000 - QUEUE_CAPACITY, "count %lu, missed %lu\n", count, missed);
    queue_destroy(queue);
}

static void test_batches(void)
{
    struct event_queue *queue = queue_create(64);
    DWORD missed, count;

    push_range(queue, 1, 10);
    count = pull_now(queue, 4, 1, &missed);
    ok(count == 4, "count %lu\n", count);
    count = pull_now(queue, 100, 5, &missed);
    ok(count == 6, "count %lu\n", count);
    count = pull_now(queue, 100, 0, &missed);
    ok(count == 0 && !missed, "an empty queue gave %lu events\n", count);
    queue_destroy(queue);
}

struct delayed
{
    struct event_queue *queue;
    HANDLE cancel;
    DWORD delay;
    int what;   /* 0 push, 1 close, 2 set cancel */
};

static DWORD WINAPI delayed_proc(void *arg)
{
    struct delayed *d = arg;
    fxs_event event = make_event(7);

    Sleep(d->delay);
    if (d->what == 0) queue_push(d->queue, &event);
    else if (d->what == 1) queue_close(d->queue);
    else SetEvent(d->cancel);
    return 0;
}

/* Pulls with a long timeout while another thread acts after 50 ms: the pull ends through that act
 * (its status says so), not through the timeout. How soon is traced, not asserted: it measures the machine. */
static DWORD pull_while(struct event_queue *queue, int what, HANDLE cancel, DWORD *count, double *elapsed)
{
    struct delayed d = { queue, cancel, 50, what };
    HANDLE thread = CreateThread(NULL, 0, delayed_proc, &d, 0, NULL);
    fxs_event *events;
    DWORD missed, status;
    double start = now_ms();

    status = queue_pull(queue, 10, 60000, cancel, &events, count, &missed);
    *elapsed = now_ms() - start;
    fxs_events_free(events, *count);
    winetest_wait_child_thread(thread, 5000);
    return status;
}

static void test_long_poll(void)
{
    struct event_queue *queue = queue_create(16);
    HANDLE cancel = CreateEventW(NULL, TRUE, FALSE, NULL);
    DWORD status, count, missed;
    fxs_event *events;
    double start, elapsed;

    start = now_ms();
    status = queue_pull(queue, 10, 200, NULL, &events, &count, &missed);
    elapsed = now_ms() - start;
    ok(!status && !count && !events, "a timeout gave status %lu, %lu events\n", status, count);
    ok(elapsed >= 150, "a 200 ms timeout took %.0f ms\n", elapsed);

    status = pull_while(queue, 0, NULL, &count, &elapsed);
    ok(!status && count == 1, "status %lu, count %lu\n", status, count);
    trace("a waiting pull sees a push %.1f ms after it started (50 ms delay)\n", elapsed);

    status = pull_while(queue, 2, cancel, &count, &elapsed);
    ok(status == ERROR_HANDLE_EOF && !count, "cancel: status %lu, count %lu\n", status, count);
    trace("cancel ended the pull after %.1f ms\n", elapsed);

    status = pull_while(queue, 1, NULL, &count, &elapsed);
    ok(status == ERROR_HANDLE_EOF && !count, "close: status %lu, count %lu\n", status, count);
    trace("close ended the pull after %.1f ms\n", elapsed);
    CloseHandle(cancel);
    queue_destroy(queue);
}

/* A closed queue gives what it holds, then ERROR_HANDLE_EOF at once, and takes nothing more. */
static void test_close(void)
{
    struct event_queue *queue = queue_create(16);
    DWORD status, count, missed;
    fxs_event *events;

    push_range(queue, 1, 2);
    queue_close(queue);
    push_range(queue, 3, 3);
    status = queue_pull(queue, 10, 10000, NULL, &events, &count, &missed);
    ok(!status && count == 2, "status %lu, count %lu\n", status, count);
    fxs_events_free(events, count);
    status = queue_pull(queue, 10, 10000, NULL, &events, &count, &missed);
    ok(status == ERROR_HANDLE_EOF && !count, "status %lu, count %lu\n", status, count);
    queue_destroy(queue);

    /* Destroying a queue frees what it holds. */
    queue = queue_create(16);
    push_range(queue, 1, 5);
    queue_destroy(queue);
}

static void test_event_helpers(void)
{
    static const DWORD classes[] =
    {
        FXS_EVENT_IN_QUEUE, FXS_EVENT_OUT_QUEUE, FXS_EVENT_CONFIG, FXS_EVENT_ACTIVITY, FXS_EVENT_QUEUE_STATE,
        FXS_EVENT_IN_ARCHIVE, FXS_EVENT_OUT_ARCHIVE, FXS_EVENT_FXSSVC_ENDED, FXS_EVENT_DEVICE_STATUS,
        FXS_EVENT_INCOMING_CALL,
    };
    fxs_event event = make_event(1), copy;
    DWORD i;

    for (i = 0; i < ARRAY_SIZE(classes); i++)
        ok(fxs_event_class_is_valid(classes[i]), "class %#lx refused\n", classes[i]);
    ok(FXS_EVENT_ALL == 0x3ff, "FXS_EVENT_ALL %#x\n", FXS_EVENT_ALL);
    ok(!fxs_event_class_is_valid(0), "class 0 accepted\n");
    ok(!fxs_event_class_is_valid(3), "two classes accepted\n");
    ok(!fxs_event_class_is_valid(0x400), "class 0x400 accepted\n");
    ok(!fxs_event_class_is_valid(0x80000000), "class 0x80000000 accepted\n");

    ok(fxs_event_copy(&copy, &event), "copy failed\n");
    ok(copy.job.csid != event.job.csid && !wcscmp(copy.job.csid, L"csid"), "csid not copied\n");
    ok(!copy.job.tsid, "tsid %p\n", copy.job.tsid);
    fxs_event_clear(&copy);
    ok(!copy.job.csid && !copy.sequence, "clear left data\n");
    fxs_events_free(NULL, 0);
    ok(!fxs_strdup(NULL), "fxs_strdup(NULL) gave a string\n");
}

START_TEST(event_queue)
{
    test_order_and_copies();
    test_overflow();
    test_bounded_memory();
    test_batches();
    test_long_poll();
    test_close();
    test_event_helpers();
}
