/*
 * The faxsvc RPC interface against a real fxssvc.exe: every method's parameter shapes round-trip
 * (a full event record of each of the ten classes included), bad input gives an error code and
 * never a crash, the limits of a pull hold, and a full queue reports what it dropped. Run against
 * the service of this test's bitness and against the other one (a 32-bit client with a 64-bit
 * service, and the reverse), since the stubs differ per bitness but the wire does not.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service.h"

#define TEST_MAX_WAIT_MS 500

static const DWORD all_classes[] =
{
    FXS_EVENT_IN_QUEUE, FXS_EVENT_OUT_QUEUE, FXS_EVENT_CONFIG, FXS_EVENT_ACTIVITY, FXS_EVENT_QUEUE_STATE,
    FXS_EVENT_IN_ARCHIVE, FXS_EVENT_OUT_ARCHIVE, FXS_EVENT_DEVICE_STATUS, FXS_EVENT_INCOMING_CALL,
};

/* A record of a class with every field it uses set to something recognisable. */
static fxs_event make_event(DWORD event_class, DWORD n)
{
    fxs_event event = { 0 };

    event.event_class = event_class;
    switch (event_class)
    {
    case FXS_EVENT_IN_QUEUE:
    case FXS_EVENT_OUT_QUEUE:
        event.job_event = FXS_JOB_EVENT_STATUS;
        event.job_id = 0x1234567890abcdefull + n;
        event.job.status = 0x21;
        event.job.extended_status_code = 0x01000005;
        event.job.extended_status = (WCHAR *)L"provider's text \u00e9\u4e2d";
        event.job.pages = 7;
        event.job.size = 123456;
        event.job.current_page = 3;
        event.job.device_id = 65537;
        event.job.csid = (WCHAR *)L"CSID \u2603";
        event.job.tsid = (WCHAR *)L"TSID";
        event.job.available_operations = 0x7f;
        event.job.retries = 2;
        event.job.job_type = event_class == FXS_EVENT_IN_QUEUE ? 1 : 0;
        event.job.times_set = FXS_TIME_SCHEDULED | FXS_TIME_TRANSMISSION_START;
        event.job.scheduled_time = 46000.25;
        event.job.transmission_start = 46000.5;
        event.job.caller_id = (WCHAR *)L"+49 30 1234567";
        event.job.routing_information = (WCHAR *)L"";
        event.receive_folder = event_class == FXS_EVENT_IN_QUEUE;
        if (event_class == FXS_EVENT_OUT_QUEUE) event.owner = (WCHAR *)L"DOMAIN\\owner \u00e9";
        break;
    case FXS_EVENT_IN_ARCHIVE:
    case FXS_EVENT_OUT_ARCHIVE:
        event.job_event = n & 1 ? FXS_JOB_EVENT_REMOVED : FXS_JOB_EVENT_ADDED;
        event.job_id = 0xfedcba9876543210ull - n;
        event.receive_folder = event_class == FXS_EVENT_IN_ARCHIVE;
        if (event_class == FXS_EVENT_OUT_ARCHIVE) event.owner = (WCHAR *)L"owner";
        break;
    case FXS_EVENT_CONFIG:
        event.config_type = n & 1 ? FXS_CONFIG_GENERAL : FXS_CONFIG_OUT_RULES;
        break;
    case FXS_EVENT_ACTIVITY:
        event.incoming_messages = 1;
        event.routing_messages = 2;
        event.outgoing_messages = 3;
        event.queued_messages = 0x7fffffff;
        break;
    case FXS_EVENT_QUEUE_STATE:
        event.outgoing_queue_blocked = TRUE;
        event.incoming_queue_blocked = TRUE;
        break;
    case FXS_EVENT_DEVICE_STATUS:
        event.device_id = 0x10001;
        event.powered_off = FALSE;
        event.sending = TRUE;
        event.ringing = TRUE;
        break;
    case FXS_EVENT_INCOMING_CALL:
        event.call_id = -5;
        event.device_id = 2;
        event.caller_id = (WCHAR *)L"Caller \u00e9 <+1 555 0199>";
        break;
    }
    return event;
}

static BOOL strings_equal(const WCHAR *a, const WCHAR *b)
{
    return (!a && !b) || (a && b && !wcscmp(a, b));
}

/* The first field that differs, or NULL. */
static const char *event_difference(const fxs_event *a, const fxs_event *b)
{
#define SAME(f) if (a->f != b->f) return #f
#define SAME_STRING(f) if (!strings_equal(a->f, b->f)) return #f
    SAME(event_class); SAME(job_event); SAME(job_id);
    SAME(job.status); SAME(job.extended_status_code); SAME_STRING(job.extended_status);
    SAME(job.pages); SAME(job.size); SAME(job.current_page); SAME(job.device_id);
    SAME_STRING(job.csid); SAME_STRING(job.tsid); SAME(job.available_operations); SAME(job.retries);
    SAME(job.job_type); SAME(job.times_set); SAME(job.scheduled_time); SAME(job.transmission_start);
    SAME(job.transmission_end); SAME_STRING(job.caller_id); SAME_STRING(job.routing_information);
    SAME(config_type); SAME(incoming_messages); SAME(routing_messages); SAME(outgoing_messages);
    SAME(queued_messages); SAME(outgoing_queue_blocked); SAME(outgoing_queue_paused);
    SAME(incoming_queue_blocked); SAME(device_id); SAME(powered_off); SAME(sending); SAME(receiving);
    SAME(ringing); SAME(call_id); SAME_STRING(caller_id); SAME(receive_folder); SAME_STRING(owner);
    return NULL;
#undef SAME
#undef SAME_STRING
}

static void test_server_info(struct fxs_link *link)
{
    fxs_server_info opened, now;
    DWORD status;

    fxs_link_server_info(link, &opened);
    ok(opened.api_version == 0x30000, "api version %#lx\n", opened.api_version);
    ok(opened.major_version == 1 && opened.minor_version == 0 && opened.major_build == 1 && opened.minor_build == 0,
       "version %lu.%lu.%lu.%lu\n", opened.major_version, opened.minor_version, opened.major_build, opened.minor_build);
    ok(opened.flags == FXS_SERVER_TEST_HOOKS, "flags %#lx\n", opened.flags);
    ok(opened.process_id && opened.process_id != GetCurrentProcessId() && process_alive(opened.process_id),
       "service process %lu\n", opened.process_id);
    ok(opened.session_id >= 1, "session id %lu\n", opened.session_id);
    ok(opened.session_count >= 1, "session count %lu\n", opened.session_count);
    ok(opened.queue_capacity == 1024, "queue capacity %lu\n", opened.queue_capacity);
    ok(opened.max_pull == 256, "max pull %lu\n", opened.max_pull);
    ok(opened.max_wait_ms == TEST_MAX_WAIT_MS, "max wait %lu\n", opened.max_wait_ms);

    status = fxs_link_query(link, &now);
    ok(!status, "query failed: %lu\n", status);
    ok(now.session_id == opened.session_id && now.process_id == opened.process_id, "another session or service\n");
}

static void test_client_info(struct fxs_link *link, RPC_BINDING_HANDLE binding)
{
    static const WCHAR label[] = L"t\u00e9st \u4e2d\u6587 label";
    WCHAR user[257], machine[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD user_size = ARRAY_SIZE(user), machine_size = ARRAY_SIZE(machine), status;
    fxs_client_info client = { 0xdeadbeef, FXS_CLIENT_PASSIVE, user, machine, (WCHAR *)label }, got;
    fxs_session_handle session;
    fxs_server_info server;

    GetUserNameW(user, &user_size);
    GetComputerNameW(machine, &machine_size);
    status = fxs_rpc_get_client_info(fxs_link_session(link), &got);
    ok(!status, "get_client_info failed: %lu\n", status);
    ok(got.process_id == GetCurrentProcessId(), "process id %lu\n", got.process_id);
    ok(got.flags == 0, "flags %#lx\n", got.flags);
    ok(strings_equal(got.user_name, user), "user %s\n", wine_dbgstr_w(got.user_name));
    ok(strings_equal(got.machine_name, machine), "machine %s\n", wine_dbgstr_w(got.machine_name));
    ok(strings_equal(got.label, L"fxscomex test"), "label %s\n", wine_dbgstr_w(got.label));
    fxs_client_info_clear(&got);

    /* What the client claims as its process id loses to what the RPC runtime knows. */
    status = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(!status, "open failed: %lu\n", status);
    status = fxs_rpc_get_client_info(session, &got);
    ok(!status, "get_client_info failed: %lu\n", status);
    ok(got.process_id == GetCurrentProcessId(), "process id %#lx\n", got.process_id);
    ok(got.flags == FXS_CLIENT_PASSIVE, "flags %#lx\n", got.flags);
    ok(strings_equal(got.label, label), "label %s\n", wine_dbgstr_w(got.label));
    fxs_client_info_clear(&got);
    ok(!fxs_rpc_close_session(&session) && !session, "close failed\n");

    /* NULL machine name and label are empty strings. */
    client.machine_name = client.label = NULL;
    status = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(!status, "open without machine name and label failed: %lu\n", status);
    status = fxs_rpc_get_client_info(session, &got);
    ok(!status && strings_equal(got.machine_name, L"") && strings_equal(got.label, L""),
       "status %lu, machine %s, label %s\n", status, wine_dbgstr_w(got.machine_name), wine_dbgstr_w(got.label));
    fxs_client_info_clear(&got);
    ok(!fxs_rpc_close_session(&session), "close failed\n");
}

static void test_open_bad_input(RPC_BINDING_HANDLE binding)
{
    WCHAR longest[FXS_MAX_CLIENT_STRING + 2];
    fxs_client_info client = { GetCurrentProcessId(), 0, (WCHAR *)L"user", NULL, NULL };
    fxs_session_handle session = (void *)0xdead;
    fxs_server_info server;
    DWORD status;

    status = fxs_rpc_open_session(binding, NULL, &server, &session);
    ok(status == RPC_X_NULL_REF_POINTER, "NULL client: %lu\n", status);
    status = fxs_rpc_open_session(binding, &client, NULL, &session);
    ok(status == RPC_X_NULL_REF_POINTER, "NULL server info: %lu\n", status);
    status = fxs_rpc_open_session(binding, &client, &server, NULL);
    ok(status == RPC_X_NULL_REF_POINTER, "NULL session: %lu\n", status);
    status = fxs_rpc_open_session(NULL, &client, &server, &session);
    ok(status == RPC_S_INVALID_BINDING, "NULL binding: %lu\n", status);

    client.user_name = NULL;
    status = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(status == ERROR_INVALID_PARAMETER && !session, "NULL user name: %lu\n", status);
    client.user_name = (WCHAR *)L"user";
    client.flags = 0x2;
    status = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(status == ERROR_INVALID_PARAMETER && !session, "unknown flags: %lu\n", status);
    client.flags = 0;

    wmemset(longest, 'x', ARRAY_SIZE(longest));
    longest[FXS_MAX_CLIENT_STRING + 1] = 0;
    client.label = longest;
    status = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(status == ERROR_INVALID_PARAMETER && !session, "a label of %u characters: %lu\n", FXS_MAX_CLIENT_STRING + 1, status);
    client.machine_name = longest;
    client.label = NULL;
    status = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(status == ERROR_INVALID_PARAMETER && !session, "a long machine name: %lu\n", status);
    client.machine_name = NULL;
    longest[FXS_MAX_CLIENT_STRING] = 0;
    client.user_name = longest;
    status = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(!status && session, "a user name of %u characters: %lu\n", FXS_MAX_CLIENT_STRING, status);
    if (session) fxs_rpc_close_session(&session);
}

static void test_subscribe(struct fxs_link *link)
{
    fxs_session_handle session = fxs_link_session(link);
    DWORD status, i;

    for (i = 0; i < ARRAY_SIZE(all_classes); i++)
    {
        status = fxs_rpc_subscribe(session, all_classes[i]);
        ok(!status, "class %#lx: %lu\n", all_classes[i], status);
    }
    ok(!fxs_rpc_subscribe(session, FXS_EVENT_ALL), "all classes refused\n");
    ok(!fxs_rpc_subscribe(session, 0), "no class refused\n");
    status = fxs_rpc_subscribe(session, 0x400);
    ok(status == ERROR_INVALID_PARAMETER, "unknown bit 0x400: %lu\n", status);
    status = fxs_rpc_subscribe(session, FXS_EVENT_ALL | 0x80000000);
    ok(status == ERROR_INVALID_PARAMETER, "unknown bit 0x80000000: %lu\n", status);
}

/* Pulls what is queued now, expecting count events from sequence first on. */
static DWORD pull_all(struct fxs_link *link, struct fxs_event_batch *batch)
{
    DWORD status = fxs_link_pull(link, 256, 0, batch);
    ok(!status, "pull failed: %lu\n", status);
    return batch->count;
}

/* Every class's full record goes through the service and comes back field for field. */
static void test_event_round_trip(struct fxs_link *link)
{
    fxs_session_handle session = fxs_link_session(link);
    struct fxs_event_batch batch;
    fxs_event sent;
    const char *difference;
    DWORD status, i, n;

    ok(!fxs_link_subscribe(link, FXS_EVENT_ALL), "subscribe failed\n");
    status = fxs_link_open_events(link);
    ok(!status, "open_events failed: %lu\n", status);

    for (n = 0; n < 2; n++)
        for (i = 0; i < ARRAY_SIZE(all_classes); i++)
        {
            sent = make_event(all_classes[i], n);
            status = fxs_rpc_test_publish(session, &sent, 1);
            ok(!status, "publishing class %#lx failed: %lu\n", all_classes[i], status);
        }
    ok(pull_all(link, &batch) == 2 * ARRAY_SIZE(all_classes), "got %lu events\n", batch.count);
    ok(!batch.missed, "missed %lu\n", batch.missed);
    for (i = 0; i < batch.count; i++)
    {
        sent = make_event(all_classes[i % ARRAY_SIZE(all_classes)], i / ARRAY_SIZE(all_classes));
        difference = event_difference(&batch.events[i], &sent);
        ok(!difference, "event %lu (class %#lx): %s differs\n", i, sent.event_class, difference);
        if (i) ok(batch.events[i].sequence == batch.events[i - 1].sequence + 1, "event %lu: sequence %I64u after %I64u\n",
                  i, batch.events[i].sequence, batch.events[i - 1].sequence);
    }
    fxs_event_batch_free(&batch);

    /* Only the subscribed classes arrive. */
    ok(!fxs_link_subscribe(link, FXS_EVENT_OUT_QUEUE | FXS_EVENT_INCOMING_CALL), "subscribe failed\n");
    for (i = 0; i < ARRAY_SIZE(all_classes); i++)
    {
        sent = make_event(all_classes[i], 0);
        fxs_rpc_test_publish(session, &sent, 1);
    }
    ok(pull_all(link, &batch) == 2, "got %lu events\n", batch.count);
    if (batch.count == 2)
        ok(batch.events[0].event_class == FXS_EVENT_OUT_QUEUE && batch.events[1].event_class == FXS_EVENT_INCOMING_CALL,
           "classes %#lx, %#lx\n", batch.events[0].event_class, batch.events[1].event_class);
    fxs_event_batch_free(&batch);
    ok(!fxs_link_subscribe(link, 0), "subscribe failed\n");
    fxs_rpc_test_publish(session, &sent, 3);
    ok(pull_all(link, &batch) == 0, "got %lu events without a subscription\n", batch.count);
}

static void test_publish_bad_input(struct fxs_link *link)
{
    fxs_session_handle session = fxs_link_session(link);
    fxs_event event = make_event(FXS_EVENT_CONFIG, 0);
    DWORD status;

    event.event_class = 0;
    ok(fxs_rpc_test_publish(session, &event, 1) == ERROR_INVALID_PARAMETER, "class 0 published\n");
    event.event_class = FXS_EVENT_CONFIG | FXS_EVENT_ACTIVITY;
    ok(fxs_rpc_test_publish(session, &event, 1) == ERROR_INVALID_PARAMETER, "two classes published\n");
    event.event_class = 0x400;
    ok(fxs_rpc_test_publish(session, &event, 1) == ERROR_INVALID_PARAMETER, "class 0x400 published\n");
    event.event_class = FXS_EVENT_FXSSVC_ENDED;
    ok(fxs_rpc_test_publish(session, &event, 1) == ERROR_INVALID_PARAMETER, "FXSSVC_ENDED published\n");
    event.event_class = FXS_EVENT_CONFIG;
    ok(fxs_rpc_test_publish(session, &event, 0) == ERROR_INVALID_PARAMETER, "repeat 0 accepted\n");
    ok(fxs_rpc_test_publish(session, &event, 100001) == ERROR_INVALID_PARAMETER, "repeat 100001 accepted\n");
    status = fxs_rpc_test_publish(session, NULL, 1);
    ok(status == RPC_X_NULL_REF_POINTER, "NULL event: %lu\n", status);
}

/* max_count 0 is refused, a huge one is clamped to max_pull; a huge timeout to max_wait_ms; a full
 * queue drops the oldest and the next pull says how many. */
static void test_pull_limits(struct fxs_link *link)
{
    fxs_session_handle session = fxs_link_session(link);
    fxs_event event = make_event(FXS_EVENT_ACTIVITY, 0);
    struct fxs_event_batch batch;
    ULONGLONG first;
    DWORD status, total;
    double start, elapsed;

    ok(!fxs_link_subscribe(link, FXS_EVENT_ACTIVITY), "subscribe failed\n");
    status = fxs_link_pull(link, 0, 0, &batch);
    ok(status == ERROR_INVALID_PARAMETER, "max_count 0: %lu\n", status);

    start = now_ms();
    status = fxs_link_pull(link, 10, INFINITE, &batch);
    elapsed = now_ms() - start;
    ok(!status && !batch.count, "status %lu, %lu events\n", status, batch.count);
    /* Unclamped, the pull would never return; how late it returns says only how busy the machine is. */
    ok(elapsed >= TEST_MAX_WAIT_MS - 100, "an INFINITE timeout (clamped to %u ms) took %.0f ms\n", TEST_MAX_WAIT_MS, elapsed);
    trace("an INFINITE pull returned after %.0f ms (clamped to %u ms)\n", elapsed, TEST_MAX_WAIT_MS);

    ok(!fxs_rpc_test_publish(session, &event, 300), "publish failed\n");
    status = fxs_link_pull(link, MAXDWORD, 0, &batch);
    ok(!status && batch.count == 256, "max_count MAXDWORD: status %lu, %lu events\n", status, batch.count);
    fxs_event_batch_free(&batch);
    ok(pull_all(link, &batch) == 44, "then %lu events\n", batch.count);
    fxs_event_batch_free(&batch);

    /* 1100 events into a queue of 1024: the first 76 are dropped, and reported once. */
    ok(!fxs_rpc_test_publish(session, &event, 1100), "publish failed\n");
    status = fxs_link_pull(link, 256, 0, &batch);
    ok(!status && batch.count == 256 && batch.missed == 76, "status %lu, %lu events, missed %lu\n",
       status, batch.count, batch.missed);
    first = batch.count ? batch.events[0].sequence : 0;
    total = batch.count;
    fxs_event_batch_free(&batch);
    while (!fxs_link_pull(link, 256, 0, &batch) && batch.count)
    {
        ok(!batch.missed, "missed %lu again\n", batch.missed);
        ok(batch.events[0].sequence == first + total, "sequence %I64u, expected %I64u\n",
           batch.events[0].sequence, first + total);
        total += batch.count;
        fxs_event_batch_free(&batch);
    }
    ok(total == 1024, "%lu events after the overflow\n", total);
}

/* NULL, garbage and wrong-kind handles: an error code from the stub or the service, no crash. */
static void test_bad_handles(struct fxs_link *link, RPC_BINDING_HANDLE binding)
{
    static ULONG_PTR garbage[16];
    fxs_client_info client = { GetCurrentProcessId(), 0, (WCHAR *)L"user", NULL, (WCHAR *)L"bad handles" }, info;
    fxs_session_handle session, null_session = NULL;
    fxs_channel_handle channel, second;
    fxs_event event = make_event(FXS_EVENT_CONFIG, 0), *events;
    fxs_server_info server;
    DWORD status, missed, count;

    ok(fxs_rpc_get_server_info(NULL, &server) == RPC_X_SS_IN_NULL_CONTEXT, "get_server_info\n");
    ok(fxs_rpc_get_client_info(NULL, &info) == RPC_X_SS_IN_NULL_CONTEXT, "get_client_info\n");
    ok(fxs_rpc_subscribe(NULL, 1) == RPC_X_SS_IN_NULL_CONTEXT, "subscribe\n");
    ok(fxs_rpc_open_channel(NULL, &channel) == RPC_X_SS_IN_NULL_CONTEXT, "open_channel\n");
    ok(fxs_rpc_stop_service(NULL) == RPC_X_SS_IN_NULL_CONTEXT, "stop_service\n");
    ok(fxs_rpc_test_publish(NULL, &event, 1) == RPC_X_SS_IN_NULL_CONTEXT, "test_publish\n");
    ok(fxs_rpc_pull_events(NULL, 1, 0, &missed, &count, &events) == RPC_X_SS_IN_NULL_CONTEXT, "pull_events\n");
    /* The service returns ERROR_INVALID_HANDLE; Wine's stub then fails to marshal the NULL
     * [in, out] handle back. */
    status = fxs_rpc_close_session(&null_session);
    ok(status == ERROR_INVALID_HANDLE || status == RPC_X_BAD_STUB_DATA, "closing a NULL session: %lu\n", status);
    status = fxs_rpc_close_session(NULL);
    ok(status == RPC_X_NULL_REF_POINTER, "closing through a NULL pointer: %lu\n", status);
    status = fxs_rpc_close_channel(NULL);
    ok(status == RPC_X_NULL_REF_POINTER, "closing a channel through a NULL pointer: %lu\n", status);

    status = fxs_rpc_get_server_info((void *)garbage, &server);
    ok(status == RPC_X_SS_CONTEXT_MISMATCH, "garbage session: %lu\n", status);
    status = fxs_rpc_pull_events((void *)garbage, 1, 0, &missed, &count, &events);
    ok(status == RPC_X_SS_CONTEXT_MISMATCH, "garbage channel: %lu\n", status);
    session = (void *)garbage;
    status = fxs_rpc_close_session(&session);
    ok(status == RPC_X_SS_CONTEXT_MISMATCH, "closing a garbage session: %lu\n", status);

    /* A channel where a session belongs, and the reverse: the service tells them apart. */
    ok(!fxs_rpc_open_session(binding, &client, &server, &session), "open failed\n");
    status = fxs_rpc_open_channel(session, &channel);
    ok(!status, "open_channel failed: %lu\n", status);
    status = fxs_rpc_open_channel(session, &second);
    ok(status == ERROR_ALREADY_EXISTS && !second, "a second channel: %lu\n", status);
    status = fxs_rpc_get_server_info(channel, &server);
    ok(status == ERROR_INVALID_HANDLE, "a channel as a session: %lu\n", status);
    status = fxs_rpc_stop_service(channel);
    ok(status == ERROR_INVALID_HANDLE, "a channel stopping the service: %lu\n", status);
    status = fxs_rpc_pull_events(session, 1, 0, &missed, &count, &events);
    ok(status == ERROR_INVALID_HANDLE, "a session as a channel: %lu\n", status);
    status = fxs_rpc_pull_events(channel, 1, 0, NULL, &count, &events);
    ok(status == RPC_X_NULL_REF_POINTER, "NULL missed: %lu\n", status);
    status = fxs_rpc_pull_events(channel, 1, 0, &missed, &count, NULL);
    ok(status == RPC_X_NULL_REF_POINTER, "NULL events: %lu\n", status);

    /* The session closed under its channel: the pull ends, the channel still closes. */
    ok(!fxs_rpc_close_session(&session) && !session, "close failed\n");
    status = fxs_rpc_pull_events(channel, 1, 5000, &missed, &count, &events);
    ok(status == ERROR_HANDLE_EOF && !count, "the channel of a closed session: %lu, %lu events\n", status, count);
    status = fxs_rpc_subscribe(session, 1);
    ok(status == RPC_X_SS_IN_NULL_CONTEXT, "a closed session: %lu\n", status);
    status = fxs_rpc_close_channel(&channel);
    ok(!status && !channel, "closing the channel: %lu\n", status);
}

static void test_round_trip_time(struct fxs_link *link, BOOL other_bitness)
{
    fxs_session_handle session = fxs_link_session(link);
    fxs_event event = make_event(FXS_EVENT_OUT_QUEUE, 0);
    struct fxs_event_batch batch;
    fxs_server_info server;
    DWORD failures = 0, received = 0, i;
    double start, elapsed;

    start = now_ms();
    for (i = 0; i < 1000; i++)
        if (fxs_rpc_get_server_info(session, &server)) failures++;
    elapsed = now_ms() - start;
    ok(!failures, "%lu calls failed\n", failures);
    trace("round trip, %s client to %s service: %.0f us (mean of 1000 calls)\n", bitness_name(FALSE),
          bitness_name(other_bitness), elapsed * 1000.0 / 1000);

    ok(!fxs_link_subscribe(link, FXS_EVENT_OUT_QUEUE), "subscribe failed\n");
    start = now_ms();
    for (i = 0; i < 20; i++)
    {
        fxs_rpc_test_publish(session, &event, 250);
        while (!fxs_link_pull(link, 256, 0, &batch) && batch.count)
        {
            received += batch.count;
            fxs_event_batch_free(&batch);
        }
    }
    elapsed = now_ms() - start;
    ok(received == 5000, "received %lu of 5000 job status events\n", received);
    trace("job status events published and pulled: %.0f per second (%s client, %s service)\n",
          received * 1000.0 / elapsed, bitness_name(FALSE), bitness_name(other_bitness));
}

/* The whole interface against one service: of this bitness, or of the other one. */
static void test_service(BOOL other_bitness)
{
    RPC_BINDING_HANDLE binding;
    struct fxs_link *link;
    DWORD status, pid;

    winetest_push_context("%s service", bitness_name(other_bitness));
    ok(stop_service(), "a fax service was left running and does not stop\n");
    service_environment(FXSSVC_ENV_TEST_HOOKS, L"1");
    service_environment(FXSSVC_ENV_MAX_WAIT_MS, L"500");
    status = open_link(service_exe(other_bitness), 0, FALSE, &link);
    ok(!status, "cannot open a session: %lu\n", status);
    if (status)
    {
        winetest_pop_context();
        return;
    }
    pid = service_pid(link);
    fxs_bind(&binding);

    test_server_info(link);
    test_client_info(link, binding);
    test_open_bad_input(binding);
    test_subscribe(link);
    test_event_round_trip(link);
    test_publish_bad_input(link);
    test_pull_limits(link);
    test_bad_handles(link, binding);
    test_round_trip_time(link, other_bitness);

    ok(process_alive(pid), "the service died\n");
    RpcBindingFree(&binding);
    fxs_link_close(link);
    ok(stop_service(), "the service did not stop\n");
    ok(!process_alive(pid), "the service process is still there\n");
    winetest_pop_context();
}

/* Without FXSSVC_TEST_HOOKS=1 the test hook is refused. */
static void test_hooks_disabled(void)
{
    fxs_event event = make_event(FXS_EVENT_CONFIG, 0);
    fxs_server_info server;
    struct fxs_link *link;
    DWORD status;

    service_environment(FXSSVC_ENV_TEST_HOOKS, NULL);
    status = open_link(NULL, 0, FALSE, &link);
    ok(!status, "cannot open a session: %lu\n", status);
    if (status) return;
    fxs_link_server_info(link, &server);
    ok(!(server.flags & FXS_SERVER_TEST_HOOKS), "flags %#lx\n", server.flags);
    status = fxs_rpc_test_publish(fxs_link_session(link), &event, 1);
    ok(status == ERROR_NOT_SUPPORTED, "test_publish without hooks: %lu\n", status);
    fxs_link_close(link);
    ok(stop_service(), "the service did not stop\n");
}

START_TEST(service_rpc)
{
    test_service(FALSE);
    if (other_bitness_runs()) test_service(TRUE);
    else skip("programs of the other bitness do not run here: no mixed-bitness test\n");
    test_hooks_disabled();
}
