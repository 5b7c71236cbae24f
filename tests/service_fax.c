/*
 * Faxes through the real service, over its RPC interface: a send from virtual device 1 to virtual
 * device 2 with the events of both sides in order, the archives it leaves, busy lines and retries,
 * job control, and a crash in the middle of a send. The service's clock runs fast.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include "service.h"
#include "fxs_job_info.h"
#include "faxcomex.h"
#include "tiff.h"
#include "record.h"

#define EVENT_WAIT_MS 30000

static WCHAR data_root[MAX_PATH];

/* ---- the service ---- */

static void fresh_data_root(void)
{
    WCHAR temp[MAX_PATH], command[MAX_PATH + 32];

    GetTempPathW(ARRAY_SIZE(temp), temp);
    swprintf(data_root, ARRAY_SIZE(data_root), L"%lsfxscomex-fax-%lu", temp, GetCurrentProcessId());
    swprintf(command, ARRAY_SIZE(command), L"cmd /c rmdir /s /q \"%ls\"", data_root);
    run_command(command, 30000);
    service_environment(FXSSVC_ENV_DATA_ROOT, data_root);
}

static struct fxs_link *start_listening(void)
{
    struct fxs_link *link = NULL;
    DWORD status = open_link(NULL, 0, FALSE, &link);

    ok(status == ERROR_SUCCESS, "opening a session: %lu\n", status);
    if (status) return NULL;
    ok(!fxs_link_subscribe(link, FXS_EVENT_ALL), "subscribe failed\n");
    ok(!fxs_link_open_events(link), "opening the event channel failed\n");
    return link;
}

/* ---- events ---- */

struct event_log
{
    fxs_event *events;
    DWORD count, capacity;
};

static void log_free(struct event_log *log)
{
    fxs_events_free(log->events, log->count);
    memset(log, 0, sizeof(*log));
}

static void log_take(struct event_log *log, struct fxs_event_batch *batch)
{
    DWORD i;

    if (log->count + batch->count > log->capacity)
    {
        log->capacity = (log->count + batch->count) * 2;
        log->events = realloc(log->events, log->capacity * sizeof(*log->events));
    }
    for (i = 0; i < batch->count; i++) fxs_event_copy(&log->events[log->count++], &batch->events[i]);
}

static BOOL is_job_event(const fxs_event *event, DWORD event_class, DWORD job_event, ULONGLONG id)
{
    return event->event_class == event_class && event->job_event == job_event && (!id || event->job_id == id);
}

static BOOL log_has(const struct event_log *log, DWORD event_class, DWORD job_event, ULONGLONG id)
{
    DWORD i;
    for (i = 0; i < log->count; i++)
        if (is_job_event(&log->events[i], event_class, job_event, id)) return TRUE;
    return FALSE;
}

/* Pulls until an event of the class (with that job event and id; id 0: any) arrived. */
static BOOL wait_for(struct fxs_link *link, struct event_log *log, DWORD event_class, DWORD job_event, ULONGLONG id)
{
    double deadline = now_ms() + EVENT_WAIT_MS;

    while (!log_has(log, event_class, job_event, id) && now_ms() < deadline)
    {
        struct fxs_event_batch batch;
        DWORD status = fxs_link_pull(link, 256, 1000, &batch);
        if (status) return FALSE;
        ok(!batch.missed, "%lu events missed\n", batch.missed);
        log_take(log, &batch);
        fxs_event_batch_free(&batch);
    }
    return log_has(log, event_class, job_event, id);
}

/* The status events of one job, in order, as "status/extended/page" steps. */
static int job_steps(const struct event_log *log, DWORD event_class, ULONGLONG id, DWORD *status, DWORD *extended,
                     LONG *page, int max)
{
    DWORD i;
    int n = 0;

    for (i = 0; i < log->count && n < max; i++)
    {
        const fxs_event *event = &log->events[i];
        if (!is_job_event(event, event_class, FXS_JOB_EVENT_STATUS, id)) continue;
        status[n] = event->job.status;
        extended[n] = event->job.extended_status_code;
        page[n] = event->job.current_page;
        n++;
    }
    return n;
}

/* The position of the first event of a class (and job event, id) at or after from; -1 if none. */
static int find_event(const struct event_log *log, int from, DWORD event_class, DWORD job_event, ULONGLONG id)
{
    DWORD i;
    for (i = from; i < log->count; i++)
        if (is_job_event(&log->events[i], event_class, job_event, id)) return i;
    return -1;
}

/* ---- faxes ---- */

/* A TIFF body of pages pages, each saying which page it is. */
static tiff_buffer make_body(unsigned int pages)
{
    fax_bitmap *bitmaps[8];
    tiff_buffer out = { 0 };
    unsigned int i;
    char text[32];

    for (i = 0; i < pages; i++)
    {
        bitmaps[i] = fax_bitmap_create(FAX_PAGE_WIDTH, 400);
        snprintf(text, sizeof(text), "Page %u of %u", i + 1, pages);
        fax_bitmap_draw_text(bitmaps[i], 100, 100, text, 6);
    }
    ok(fax_write_tiff((const fax_bitmap *const *)bitmaps, pages, NULL, &out) == TIFF_OK, "writing the body\n");
    for (i = 0; i < pages; i++) fax_bitmap_free(bitmaps[i]);
    return out;
}

static DWORD submit(struct fxs_link *link, const WCHAR *number, unsigned int pages, DWORD cover, ULONGLONG *id)
{
    fxs_document document = { 0 };
    fxs_recipient recipient = { (WCHAR *)number, (WCHAR *)L"Test Recipient" };
    tiff_buffer body = make_body(pages);
    fxs_body bodies[1] = { { (ULONG)body.size, body.data } };
    LONG error_body;
    DWORD status;

    document.subject = (WCHAR *)L"Quarterly figures";
    document.priority = fptNORMAL;
    document.cover_page_type = cover;
    document.sender.name = (WCHAR *)L"Test Sender";
    document.sender.tsid = (WCHAR *)L"TEST TSID";
    status = fxs_rpc_submit(fxs_link_session(link), &document, 1, &recipient, 1, bodies, &error_body, id);
    tiff_buffer_free(&body);
    return status;
}

static LONG image_pages(struct fxs_link *link, DWORD folder, ULONGLONG id)
{
    BYTE *data = NULL;
    DWORD size = 0, status;
    tiff_doc doc;
    LONG pages = -1;

    status = fxs_rpc_get_image(fxs_link_session(link), folder, id, &size, &data);
    ok(status == ERROR_SUCCESS, "get_image(%lu, %I64X): %lu\n", folder, id, status);
    if (!status && tiff_inspect(data, size, 100, &doc) == TIFF_OK)
    {
        pages = doc.page_count;
        tiff_doc_free(&doc);
    }
    free(data);
    return pages;
}

/* ---- tests ---- */

static void test_send_and_receive(struct fxs_link *link)
{
    struct event_log log = { 0 };
    DWORD status[32], extended[32], count, i;
    LONG page[32];
    fxs_job_info info, *messages;
    ULONGLONG id, incoming_id = 0;
    int n, added, removed, archived, call;
    DWORD error;

    error = submit(link, L"1002", 2, fcptNONE, &id);
    ok(error == ERROR_SUCCESS, "submit: %lu\n", error);
    if (error) return;
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "the sent fax was not archived\n");
    ok(wait_for(link, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "no fax was received\n");
    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, 0), "the incoming job stayed\n");
    trace("%lu events for one fax\n", log.count);

    /* The sending side. */
    added = find_event(&log, 0, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_ADDED, id);
    archived = find_event(&log, 0, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id);
    removed = find_event(&log, 0, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id);
    ok(added >= 0 && added < archived && archived < removed, "order: added %d, archived %d, removed %d\n", added,
       archived, removed);
    n = job_steps(&log, FXS_EVENT_OUT_QUEUE, id, status, extended, page, 32);
    ok(n == 6, "%d status events for the send\n", n);
    for (i = 0; n != 6 && i < (DWORD)n; i++) trace("send step %lu: %#lx %lu page %ld\n", i, status[i], extended[i], page[i]);
    if (n == 6)
    {
        ok(status[0] == fjsPENDING, "first %#lx\n", status[0]);
        ok(status[1] == fjsINPROGRESS && extended[1] == fjesINITIALIZING, "then %#lx %lu\n", status[1], extended[1]);
        ok(status[2] == fjsINPROGRESS && extended[2] == fjesDIALING, "then %#lx %lu\n", status[2], extended[2]);
        ok(status[3] == fjsINPROGRESS && extended[3] == fjesTRANSMITTING && page[3] == 1, "then %#lx %lu page %ld\n",
           status[3], extended[3], page[3]);
        ok(status[4] == fjsINPROGRESS && extended[4] == fjesTRANSMITTING && page[4] == 2, "then %#lx %lu page %ld\n",
           status[4], extended[4], page[4]);
        ok(status[5] == fjsCOMPLETED && extended[5] == fjesCALL_COMPLETED, "last %#lx %lu\n", status[5], extended[5]);
    }

    /* The receiving side: the call, the job, its pages, routing, the archive. */
    call = find_event(&log, 0, FXS_EVENT_INCOMING_CALL, 0, 0);
    ok(call >= 0, "no OnNewCall\n");
    if (call >= 0)
    {
        ok(log.events[call].device_id == 2, "call on device %ld\n", log.events[call].device_id);
        ok(log.events[call].caller_id && !wcscmp(log.events[call].caller_id, L"1001"), "caller id %s\n",
           wine_dbgstr_w(log.events[call].caller_id));
    }
    added = find_event(&log, 0, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0);
    ok(added > call, "incoming job added at %d, call at %d\n", added, call);
    if (added >= 0) incoming_id = log.events[added].job_id;
    n = job_steps(&log, FXS_EVENT_IN_QUEUE, incoming_id, status, extended, page, 32);
    ok(n == 4, "%d status events for the receive\n", n);
    if (n == 4)
    {
        ok(status[0] == fjsINPROGRESS && extended[0] == fjesANSWERED, "first %#lx %lu\n", status[0], extended[0]);
        ok(extended[1] == fjesRECEIVING && page[1] == 1, "then %lu page %ld\n", extended[1], page[1]);
        ok(extended[2] == fjesRECEIVING && page[2] == 2, "then %lu page %ld\n", extended[2], page[2]);
        ok(status[3] == fjsROUTING, "last %#lx\n", status[3]);
    }
    archived = find_event(&log, 0, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, incoming_id);
    removed = find_event(&log, 0, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, incoming_id);
    ok(archived >= 0 && archived < removed, "incoming archived %d, removed %d\n", archived, removed);

    /* Device 1 sent, device 2 rang and received; both end free. */
    for (i = log.count; i-- > 0;)
    {
        const fxs_event *event = &log.events[i];
        if (event->event_class != FXS_EVENT_DEVICE_STATUS) continue;
        ok(!event->sending && !event->receiving && !event->ringing, "device %ld ends busy\n", event->device_id);
        break;
    }

    /* The archives: both messages, with their pages and facts. */
    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_ARCHIVE, id, &info);
    ok(error == ERROR_SUCCESS, "sent message: %lu\n", error);
    if (!error)
    {
        ok(info.status.pages == 2, "sent pages %ld\n", info.status.pages);
        ok(!wcscmp(info.recipient_number, L"1002"), "recipient %s\n", wine_dbgstr_w(info.recipient_number));
        ok(!wcscmp(info.document.subject, L"Quarterly figures"), "subject %s\n", wine_dbgstr_w(info.document.subject));
        ok(!wcscmp(info.device_name, L"Virtual Fax 1"), "device %s\n", wine_dbgstr_w(info.device_name));
        ok(info.status.times_set & FXS_TIME_TRANSMISSION_END, "no transmission end\n");
        fxs_job_info_clear(&info);
    }
    ok(image_pages(link, FXS_FOLDER_OUTGOING_ARCHIVE, id) == 2, "sent image pages\n");

    error = fxs_rpc_list_messages(fxs_link_session(link), FXS_FOLDER_INCOMING_ARCHIVE, 0, 10, &count, &messages);
    ok(error == ERROR_SUCCESS && count == 1, "incoming archive: %lu, %lu messages\n", error, count);
    if (!error && count == 1)
    {
        ok(messages[0].id == incoming_id, "received message %I64X, job %I64X\n", messages[0].id, incoming_id);
        ok(messages[0].status.pages == 2, "received pages %ld\n", messages[0].status.pages);
        ok(!wcscmp(messages[0].status.caller_id, L"1001"), "caller id %s\n", wine_dbgstr_w(messages[0].status.caller_id));
        ok(!wcscmp(messages[0].status.tsid, L"TEST TSID"), "tsid %s\n", wine_dbgstr_w(messages[0].status.tsid));
        ok(!wcscmp(messages[0].device_name, L"Virtual Fax 2"), "device %s\n", wine_dbgstr_w(messages[0].device_name));
    }
    fxs_job_infos_free(messages, count);
    ok(image_pages(link, FXS_FOLDER_INCOMING_ARCHIVE, incoming_id) == 2, "received image pages\n");
    log_free(&log);
}

/* A cover page is rendered by the service and comes first. */
static void test_cover_page(struct fxs_link *link)
{
    struct event_log log = { 0 };
    ULONGLONG id;
    DWORD error = submit(link, L"5551234", 1, fcptLOCAL, &id);

    ok(error == ERROR_SUCCESS, "submit: %lu\n", error);
    if (error) return;
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "not archived\n");
    ok(image_pages(link, FXS_FOLDER_OUTGOING_ARCHIVE, id) == 2, "cover page and one page expected\n");
    log_free(&log);
}

/* Busy every time: RETRYING after each attempt, RETRIES_EXCEEDED after the configured 3 retries;
 * the job stays until restarted or cancelled. */
static void test_retries_exceeded(struct fxs_link *link)
{
    struct event_log log = { 0 };
    DWORD status[64], extended[64];
    LONG page[64];
    fxs_job_info info;
    ULONGLONG id;
    int n;
    DWORD error = submit(link, L"9000", 1, fcptNONE, &id);

    ok(error == ERROR_SUCCESS, "submit: %lu\n", error);
    if (error) return;
    /* RETRIES_EXCEEDED is a status event: wait for the last one. */
    for (n = 0; n < 2000; n++)
    {
        int steps;
        if (!wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id)) break;
        steps = job_steps(&log, FXS_EVENT_OUT_QUEUE, id, status, extended, page, 64);
        if (steps && status[steps - 1] == fjsRETRIES_EXCEEDED) break;
        log_free(&log);  /* keep the waits short: look at the last steps only */
    }
    log_free(&log);

    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(error == ERROR_SUCCESS, "the job left the queue: %lu\n", error);
    if (!error)
    {
        ok(info.status.status == fjsRETRIES_EXCEEDED, "status %#lx\n", info.status.status);
        ok(info.status.extended_status_code == fjesBUSY, "extended %lu\n", info.status.extended_status_code);
        ok(info.status.retries == 3, "retries %ld\n", info.status.retries);
        ok(info.status.available_operations & fjoRESTART, "cannot restart: %#lx\n", info.status.available_operations);
        fxs_job_info_clear(&info);
    }
    error = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_PAUSE);
    ok(error == ERROR_INVALID_OPERATION, "pause a failed job: %lu\n", error);

    /* Restart: pending again, its retries counted from zero. */
    error = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_RESTART);
    ok(error == ERROR_SUCCESS, "restart: %lu\n", error);
    ok(wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id), "no status after the restart\n");
    if (log.count)
    {
        const fxs_event *first = &log.events[find_event(&log, 0, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id)];
        ok(first->job.status == fjsPENDING && first->job.retries == 0, "after restart: %#lx, retries %ld\n",
           first->job.status, first->job.retries);
    }
    log_free(&log);

    error = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
    ok(error == ERROR_SUCCESS, "cancel: %lu\n", error);
    ok(wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id), "not removed after cancel\n");
    n = job_steps(&log, FXS_EVENT_OUT_QUEUE, id, status, extended, page, 64);
    ok(n >= 1 && status[n - 1] == fjsCANCELED, "last status %#lx\n", n ? status[n - 1] : 0);
    ok(!log_has(&log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "a cancelled job was archived\n");
    log_free(&log);
}

/* Busy twice, then answered: two retries and a completed send. */
static void test_busy_then_success(struct fxs_link *link)
{
    struct event_log log = { 0 };
    DWORD status[64], extended[64];
    LONG page[64];
    ULONGLONG id;
    int n, i, retrying = 0;
    DWORD error = submit(link, L"9202", 1, fcptNONE, &id);

    ok(error == ERROR_SUCCESS, "submit: %lu\n", error);
    if (error) return;
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "not archived\n");
    n = job_steps(&log, FXS_EVENT_OUT_QUEUE, id, status, extended, page, 64);
    for (i = 0; i < n; i++)
        if (status[i] == fjsRETRYING)
        {
            retrying++;
            ok(extended[i] == fjesBUSY, "retrying because of %lu\n", extended[i]);
        }
    ok(retrying == 2, "%d retries\n", retrying);
    ok(n && status[n - 1] == fjsCOMPLETED, "last status %#lx\n", n ? status[n - 1] : 0);
    log_free(&log);
}

/* Nobody answers: the retry says why. */
static void test_no_answer(struct fxs_link *link)
{
    struct event_log log = { 0 };
    DWORD status[16], extended[16];
    LONG page[16];
    ULONGLONG id;
    int n, i, retrying = -1;
    DWORD error = submit(link, L"9001", 1, fcptNONE, &id);

    ok(error == ERROR_SUCCESS, "submit: %lu\n", error);
    if (error) return;
    for (i = 0; i < 100 && retrying < 0; i++)
    {
        if (!wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id)) break;
        n = job_steps(&log, FXS_EVENT_OUT_QUEUE, id, status, extended, page, 16);
        if (n && status[n - 1] == fjsRETRYING) retrying = extended[n - 1];
        log_free(&log);
    }
    ok(retrying == fjesNO_ANSWER, "retrying because of %d\n", retrying);
    error = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
    ok(error == ERROR_SUCCESS, "cancel: %lu\n", error);
    ok(wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id), "not removed after cancel\n");
    log_free(&log);
}

/* Two faxes to one number go one after the other, though both devices are free. */
static void test_one_call_per_destination(struct fxs_link *link)
{
    struct event_log log = { 0 };
    ULONGLONG first, second;
    int first_done, second_started = -1;
    DWORD i, error;

    error = submit(link, L"5557777", 1, fcptNONE, &first);
    ok(error == ERROR_SUCCESS, "first submit: %lu\n", error);
    error = submit(link, L"5557777", 1, fcptNONE, &second);
    ok(error == ERROR_SUCCESS, "second submit: %lu\n", error);
    if (error) return;
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, second), "the second fax was not sent\n");
    first_done = find_event(&log, 0, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, first);
    for (i = 0; i < log.count && second_started < 0; i++)
        if (is_job_event(&log.events[i], FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, second) &&
            log.events[i].job.status == fjsINPROGRESS)
            second_started = i;
    ok(first_done >= 0 && second_started > first_done, "the second call started at %d, the first ended at %d\n",
       second_started, first_done);
    log_free(&log);
}

/* Sets the outgoing queue's discount period (minutes after midnight); FALSE when refused. */
static BOOL set_discount(struct fxs_link *link, DWORD start, DWORD end)
{
    record *rec = NULL, *out = NULL;
    uint8_t *data = NULL;
    BYTE *got = NULL;
    DWORD size = 0, error;
    size_t i, out_size;

    if (fxs_rpc_get_config(fxs_link_session(link), FXS_CONFIG_OUTBOX, &size, &got) || record_parse(got, size, &rec))
        return FALSE;
    if (record_create("config.outbox", &out)) return FALSE;
    for (i = 0; i < record_count(rec); i++)
    {
        const char *key;
        const uint8_t *value;
        size_t length;
        record_field(rec, i, &key, &value, &length);
        if (!strcmp(key, "discount_start")) record_add_u64(out, key, start);
        else if (!strcmp(key, "discount_end")) record_add_u64(out, key, end);
        else record_add_bytes(out, key, value, length);
    }
    record_serialize(out, &data, &out_size);
    error = fxs_rpc_set_config(fxs_link_session(link), FXS_CONFIG_OUTBOX, (DWORD)out_size, data);
    free(data);
    free(got);
    record_free(rec);
    record_free(out);
    return !error;
}

/* A fax for the discount period waits until the period begins. */
static void test_discount_period(struct fxs_link *link)
{
    fxs_document document = { 0 };
    fxs_recipient recipient = { (WCHAR *)L"1002", NULL };
    tiff_buffer body = make_body(1);
    fxs_body bodies[1] = { { (ULONG)body.size, body.data } };
    SYSTEMTIME now;
    fxs_job_info info;
    ULONGLONG id;
    LONG error_body;
    DWORD error, start, expected;
    double minutes;

    /* A period that begins two hours from now (local time) and lasts one hour. */
    GetLocalTime(&now);
    start = ((now.wHour + 2) % 24) * 60 + now.wMinute;
    ok(set_discount(link, start, (start + 60) % 1440), "setting the discount period failed\n");
    document.schedule_type = fstDISCOUNT_PERIOD;
    error = fxs_rpc_submit(fxs_link_session(link), &document, 1, &recipient, 1, bodies, &error_body, &id);
    tiff_buffer_free(&body);
    ok(error == ERROR_SUCCESS, "submit: %lu\n", error);
    if (error) return;
    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(!error && info.status.status == fjsPENDING, "status %#lx\n", info.status.status);
    if (!error)
    {
        minutes = (info.status.scheduled_time - (LONGLONG)info.status.scheduled_time) * 24 * 60;
        expected = start;
        ok((info.status.times_set & FXS_TIME_SCHEDULED) && (DWORD)(minutes + 0.5) % 1440 == expected,
           "scheduled at minute %.1f of its day, expected %lu\n", minutes, expected);
        fxs_job_info_clear(&info);
    }
    fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
    set_discount(link, 20 * 60, 7 * 60);
}

/* A job scheduled for later waits PENDING; pause and resume change only the PAUSED bit. */
static void test_pause_resume(struct fxs_link *link)
{
    fxs_document document = { 0 };
    fxs_recipient recipient = { (WCHAR *)L"1002", NULL };
    tiff_buffer body = make_body(1);
    fxs_body bodies[1] = { { (ULONG)body.size, body.data } };
    SYSTEMTIME now;
    fxs_job_info info;
    ULONGLONG id;
    LONG error_body;
    DWORD error;

    GetLocalTime(&now);
    SystemTimeToVariantTime(&now, &document.schedule_time);
    document.schedule_time += 1000.0;  /* days ahead: it stays pending */
    document.schedule_type = fstSPECIFIC_TIME;
    error = fxs_rpc_submit(fxs_link_session(link), &document, 1, &recipient, 1, bodies, &error_body, &id);
    tiff_buffer_free(&body);
    ok(error == ERROR_SUCCESS, "submit: %lu\n", error);
    if (error) return;

    error = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_RESUME);
    ok(error == ERROR_INVALID_OPERATION, "resume a job that is not paused: %lu\n", error);
    error = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_PAUSE);
    ok(error == ERROR_SUCCESS, "pause: %lu\n", error);
    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(!error && info.status.status == (fjsPENDING | fjsPAUSED), "paused status %#lx\n", info.status.status);
    ok(!error && (info.status.available_operations & fjoRESUME), "operations %#lx\n", info.status.available_operations);
    fxs_job_info_clear(&info);
    error = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_RESUME);
    ok(error == ERROR_SUCCESS, "resume: %lu\n", error);
    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(!error && info.status.status == fjsPENDING, "resumed status %#lx\n", info.status.status);
    fxs_job_info_clear(&info);
    error = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
    ok(error == ERROR_SUCCESS, "cancel: %lu\n", error);
}

static void test_bad_input(struct fxs_link *link)
{
    fxs_session_handle session = fxs_link_session(link);
    fxs_document document = { 0 };
    fxs_recipient recipient = { (WCHAR *)L"1002", NULL }, empty = { (WCHAR *)L"", NULL };
    BYTE not_tiff[64] = "this is not a fax image";
    tiff_buffer body = make_body(1);
    fxs_body bodies[2] = { { (ULONG)body.size, body.data }, { sizeof(not_tiff), not_tiff } };
    fxs_job_info info;
    ULONGLONG ids[2];
    LONG error_body;
    DWORD error, count;

    error = fxs_rpc_submit(session, &document, 1, &recipient, 2, bodies, &error_body, ids);
    ok(error == ERROR_INVALID_DATA && error_body == 1, "a body that is not a TIFF: %lu, body %ld\n", error, error_body);
    error = fxs_rpc_submit(session, &document, 1, &empty, 1, bodies, &error_body, ids);
    ok(error == ERROR_INVALID_PARAMETER, "empty fax number: %lu\n", error);
    error = fxs_rpc_submit(session, &document, 1, &recipient, 0, NULL, &error_body, ids);
    ok(error == ERROR_INVALID_PARAMETER, "no body and no cover page: %lu\n", error);
    document.priority = 7;
    error = fxs_rpc_submit(session, &document, 1, &recipient, 1, bodies, &error_body, ids);
    ok(error == ERROR_INVALID_PARAMETER, "priority 7: %lu\n", error);
    document.priority = 0;
    document.receipt_type = 2;
    error = fxs_rpc_submit(session, &document, 1, &recipient, 1, bodies, &error_body, ids);
    ok(error == ERROR_INVALID_PARAMETER, "receipt type 2: %lu\n", error);
    document.receipt_type = 0;
    tiff_buffer_free(&body);

    error = fxs_rpc_get_job(session, FXS_FOLDER_OUTGOING_QUEUE, 0x123456789ull, &info);
    ok(error == ERROR_NOT_FOUND, "unknown job: %lu\n", error);
    error = fxs_rpc_get_job(session, 42, 1, &info);
    ok(error == ERROR_INVALID_PARAMETER, "unknown folder: %lu\n", error);
    error = fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, 0x123456789ull, FXS_JOB_PAUSE);
    ok(error == ERROR_NOT_FOUND, "control an unknown job: %lu\n", error);
    error = fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, 1, 99);
    ok(error == ERROR_INVALID_PARAMETER, "unknown operation: %lu\n", error);
    error = fxs_rpc_delete_message(session, FXS_FOLDER_INCOMING_ARCHIVE, 0x123456789ull);
    ok(error == ERROR_NOT_FOUND, "delete an unknown message: %lu\n", error);
    error = fxs_rpc_delete_message(session, FXS_FOLDER_OUTGOING_QUEUE, 1);
    ok(error == ERROR_INVALID_PARAMETER, "delete from a queue: %lu\n", error);
    error = fxs_rpc_list_messages(session, FXS_FOLDER_INCOMING_ARCHIVE, 0, 0, &count, NULL);
    ok(error == ERROR_INVALID_PARAMETER || error == RPC_X_NULL_REF_POINTER, "list nothing: %lu\n", error);
    error = fxs_rpc_answer_call(session, 1);
    ok(error == ERROR_INVALID_OPERATION, "answer a device that does not ring: %lu\n", error);
    error = fxs_rpc_answer_call(session, 999);
    ok(error == ERROR_NOT_FOUND, "answer an unknown device: %lu\n", error);
}

/* Killed in the middle of a send, the service comes back with the job as a retry. */
static void test_crash_during_send(void)
{
    struct event_log log = { 0 };
    struct fxs_link *link;
    fxs_job_info info;
    ULONGLONG id;
    DWORD error, pid;
    int step;

    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"5");
    if (!(link = start_listening())) return;
    pid = service_pid(link);
    error = submit(link, L"9001", 1, fcptNONE, &id);  /* rings for a minute: long enough to be killed */
    ok(error == ERROR_SUCCESS, "submit: %lu\n", error);
    for (step = 0; !error && step < 50; step++)
    {
        DWORD status[16], extended[16];
        LONG page[16];
        int n;
        if (!wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id)) break;
        n = job_steps(&log, FXS_EVENT_OUT_QUEUE, id, status, extended, page, 16);
        if (n && extended[n - 1] == fjesDIALING) break;
        log_free(&log);
    }
    log_free(&log);
    ok(kill_service(pid), "could not kill the service\n");
    fxs_link_close(link);

    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1");
    if (!(link = start_listening())) return;
    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(error == ERROR_SUCCESS, "the job was lost: %lu\n", error);
    if (!error)
    {
        ok(info.status.status == fjsRETRYING || info.status.status == fjsINPROGRESS, "status %#lx\n", info.status.status);
        ok(info.status.retries == 1, "retries %ld\n", info.status.retries);
        fxs_job_info_clear(&info);
    }
    fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
    fxs_link_close(link);
    ok(stop_service(), "the service did not stop\n");
}

START_TEST(service_fax)
{
    struct fxs_link *link;
    WCHAR command[MAX_PATH + 32];

    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root();
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");
    service_environment(FXSSVC_ENV_IDLE_MS, L"600000");

    if ((link = start_listening()))
    {
        test_send_and_receive(link);
        test_cover_page(link);
        test_busy_then_success(link);
        test_retries_exceeded(link);
        test_no_answer(link);
        test_one_call_per_destination(link);
        test_discount_period(link);
        test_pause_resume(link);
        test_bad_input(link);
        fxs_link_close(link);
    }
    ok(stop_service(), "the service did not stop\n");

    test_crash_during_send();

    swprintf(command, ARRAY_SIZE(command), L"cmd /c rmdir /s /q \"%ls\"", data_root);
    run_command(command, 30000);
}
