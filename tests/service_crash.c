/*
 * Crash consistency of the fax service: the service ends itself, as TerminateProcess would, at a
 * durable step a seeded random generator picks (FXSSVC_CRASH_AT: before a temporary file, between
 * its chunks, before its flush, before each rename, delete and activity log line; see
 * src/svc/store.h), while a workload submits, sends, receives, archives, cancels, saves
 * configuration and deletes. Rounds where the step is not reached end with the test killing the
 * service at a random moment instead. Each round's service first recovers what the last one left,
 * and the test checks, over RPC:
 *   - every acknowledged submission is present exactly once, in the outgoing queue or the outgoing
 *     archive (unless it was cancelled or its message deleted), and no id is in both;
 *   - its recipient and page count are the ones submitted;
 *   - no archived image, outgoing or incoming, is truncated: it parses, with the page count its
 *     message gives;
 *   - the outgoing queue's configuration is the old or the new value of an interrupted save;
 *   - a deleted message stays deleted;
 *   - no job is reported completed twice, nor archived twice (events of every round);
 * and at the end, with no crash, every acknowledged fax that was not cancelled reaches the archive:
 * a job interrupted mid-send was retried, not dropped.
 *
 * CRASH_TEST_SEED=<hex> repeats a run; CRASH_TEST_KILLS=<n> changes its length (default 200; 40 in
 * the 32-bit build).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service_jobs.h"
#include "seeded_random.h"
#include "config_edit.h"
#include "store.h"

#define DEFAULT_KILLS 200
#define MAX_CRASH_STEP 200        /* crash points are drawn from 1..this: a few faxes' worth */
#define MAX_SUBMISSIONS 1024
#define ROUND_MS 4000             /* how long a round's workload runs before the test kills it */

struct submission
{
    ULONGLONG id;
    const WCHAR *number;
    unsigned int pages;
    BOOL cancel_asked;            /* a cancel was sent (acknowledged or not): it may be gone */
    BOOL delete_asked;            /* a delete of its message was sent: it may be gone */
    BOOL deleted;                 /* that delete was acknowledged: it must stay gone */
    BOOL image_checked;           /* its archived image was read whole once */
    unsigned int completions;     /* COMPLETED status events seen */
    unsigned int archivings;      /* outgoing archive ADDED events seen */
    DWORD last_status;            /* where the last check found it: its status, or 0 when archived */
    unsigned int last_round;
};

static struct
{
    struct submission subs[MAX_SUBMISSIONS];
    unsigned int count;
    unsigned int unacknowledged;  /* submissions whose call failed: each may or may not exist */
    LONG retries_acked;           /* outbox retries as last acknowledged */
    LONG retries_pending;         /* a save in flight when the service ended (-1: none) */
    ULONGLONG checked_incoming;   /* incoming messages up to this id had their image read */
    unsigned int rounds, crashes, kills, rounds_checked, checks;
} run;

static struct submission *find_submission(ULONGLONG id)
{
    unsigned int i;
    for (i = 0; i < run.count; i++)
        if (run.subs[i].id == id) return &run.subs[i];
    return NULL;
}

/* Counts a check: ok() with the run's total kept, for the summary. */
#define check(condition, ...) (run.checks++, ok(condition, __VA_ARGS__))

/* ---- the outgoing queue's configuration ---- */

static LONG outbox_retries(struct fxs_link *link)
{
    record *rec = config_get(link, FXS_CONFIG_OUTBOX);
    uint64_t value = 0;
    LONG retries = -1;

    if (rec && !record_get_u64(rec, "retries", &value)) retries = (LONG)value;
    record_free(rec);
    return retries;
}

/* ---- the invariants, checked on a service that has just recovered ---- */

struct listing
{
    fxs_job_info *jobs;
    DWORD count;
};

static BOOL list_queue(struct fxs_link *link, struct listing *out)
{
    out->jobs = NULL;
    out->count = 0;
    return !fxs_rpc_list_jobs(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, &out->count, &out->jobs);
}

/* The whole archive of a folder, page by page. */
static BOOL list_archive(struct fxs_link *link, DWORD folder, struct listing *out)
{
    ULONGLONG after = 0;
    fxs_job_info *page;
    DWORD count;

    out->jobs = NULL;
    out->count = 0;
    for (;;)
    {
        page = NULL;
        count = 0;
        if (fxs_rpc_list_messages(fxs_link_session(link), folder, after, FXS_MAX_LIST, &count, &page)) return FALSE;
        if (!count) return TRUE;
        out->jobs = realloc(out->jobs, (out->count + count) * sizeof(*out->jobs));
        memcpy(out->jobs + out->count, page, count * sizeof(*page));
        out->count += count;
        after = page[count - 1].id;
        midl_user_free(page);
    }
}

static void listing_free(struct listing *listing)
{
    fxs_job_infos_free(listing->jobs, listing->count);
}

static const fxs_job_info *listed(const struct listing *listing, ULONGLONG id)
{
    DWORD i;
    for (i = 0; i < listing->count; i++)
        if (listing->jobs[i].id == id) return &listing->jobs[i];
    return NULL;
}

enum image_state { IMAGE_WHOLE, IMAGE_BROKEN, IMAGE_UNREAD };

/* Reads a message's image: whole when it parses with the page count the message gives; unread
 * when the service ended during the call. */
static enum image_state read_image(struct fxs_link *link, DWORD folder, const fxs_job_info *message)
{
    enum image_state state = IMAGE_BROKEN;
    BYTE *data = NULL;
    DWORD size = 0, error;
    tiff_doc doc;

    if ((error = fxs_rpc_get_image(fxs_link_session(link), folder, message->id, &size, &data)))
        return fxs_session_lost(error) ? IMAGE_UNREAD : IMAGE_BROKEN;
    if (tiff_inspect(data, size, FXS_MAX_PAGES, &doc) == TIFF_OK)
    {
        if (doc.page_count == (uint32_t)message->status.pages) state = IMAGE_WHOLE;
        tiff_doc_free(&doc);
    }
    midl_user_free(data);
    return state;
}

/* TRUE when the image could be read (whole or not). */
static BOOL check_image(struct fxs_link *link, DWORD folder, const fxs_job_info *message)
{
    enum image_state state = read_image(link, folder, message);

    check(state != IMAGE_BROKEN, "%s message %016I64x: image not whole\n",
          folder == FXS_FOLDER_INCOMING_ARCHIVE ? "incoming" : "outgoing", message->id);
    return state != IMAGE_UNREAD;
}

static void check_submission(struct submission *sub, const struct listing *queue1,
                             const struct listing *archive, const struct listing *queue2)
{
    const fxs_job_info *queued = listed(queue1, sub->id), *archived = listed(archive, sub->id);
    const fxs_job_info *info = queued ? queued : archived;

    winetest_push_context("job %016I64x to %ls", sub->id, sub->number);
    /* The archive was listed after the first queue listing and before the second: a job that
     * moved in between is in the archive; one in neither listing was lost, one archived and still
     * queued afterwards is in both. */
    if (!sub->cancel_asked && !sub->delete_asked)
        check(queued || archived, "an acknowledged submission is gone (round %u found it %s %#lx)\n",
              sub->last_round, sub->last_round ? (sub->last_status ? "queued" : "archived") : "nowhere",
              sub->last_status);
    check(!(archived && listed(queue2, sub->id)), "queued and archived at once\n");
    if (sub->deleted) check(!archived, "a deleted message is back\n");
    if (info)
    {
        sub->last_status = queued ? queued->status.status : 0;
        sub->last_round = run.rounds + 1;
        check(info->recipient_number && !wcscmp(info->recipient_number, sub->number), "recipient %ls, expected %ls\n",
              wine_dbgstr_w(info->recipient_number), sub->number);
        check(info->status.pages == (LONG)sub->pages, "%ld pages, expected %u\n", info->status.pages, sub->pages);
    }
    winetest_pop_context();
}

/* No id the test never acknowledged beyond the submissions whose acknowledgement was lost. */
static void check_unknown_ids(const struct listing *queue, const struct listing *archive)
{
    unsigned int unknown = 0;
    DWORD i;

    for (i = 0; i < queue->count; i++) if (!find_submission(queue->jobs[i].id)) unknown++;
    for (i = 0; i < archive->count; i++) if (!find_submission(archive->jobs[i].id)) unknown++;
    check(unknown <= run.unacknowledged, "%u jobs nobody submitted (%u submissions unacknowledged)\n", unknown,
          run.unacknowledged);
}

static void check_images(struct fxs_link *link, const struct listing *outgoing, const struct listing *incoming)
{
    struct submission *sub;
    DWORD i;

    for (i = 0; i < outgoing->count; i++)
    {
        if (!(sub = find_submission(outgoing->jobs[i].id)) || sub->image_checked) continue;
        if (!check_image(link, FXS_FOLDER_OUTGOING_ARCHIVE, &outgoing->jobs[i])) return;
        sub->image_checked = TRUE;
    }
    for (i = 0; i < incoming->count; i++)
    {
        if (incoming->jobs[i].id <= run.checked_incoming) continue;
        if (!check_image(link, FXS_FOLDER_INCOMING_ARCHIVE, &incoming->jobs[i])) return;
        run.checked_incoming = incoming->jobs[i].id;
    }
}

static void check_config(struct fxs_link *link)
{
    LONG retries = outbox_retries(link);

    if (retries < 0) return;     /* the service ended during the call */
    if (run.retries_acked >= 0)  /* known once read */
        check(retries == run.retries_acked || (run.retries_pending >= 0 && retries == run.retries_pending),
              "outbox retries %ld: neither the old %ld nor the new %ld\n", retries, run.retries_acked,
              run.retries_pending);
    run.retries_acked = retries;
    run.retries_pending = -1;
}

/* FALSE when the service ended during the checks (its crash point came): they are made next round. */
static BOOL check_invariants(struct fxs_link *link)
{
    struct listing queue1 = { 0 }, archive = { 0 }, queue2 = { 0 }, incoming = { 0 };
    BOOL listed_all;
    unsigned int i;

    listed_all = list_queue(link, &queue1);
    listed_all = listed_all && list_archive(link, FXS_FOLDER_OUTGOING_ARCHIVE, &archive);
    listed_all = listed_all && list_queue(link, &queue2);
    listed_all = listed_all && list_archive(link, FXS_FOLDER_INCOMING_ARCHIVE, &incoming);
    if (listed_all)
    {
        for (i = 0; i < run.count; i++) check_submission(&run.subs[i], &queue1, &archive, &queue2);
        check_unknown_ids(&queue1, &archive);
        check_images(link, &archive, &incoming);
        check_config(link);
        run.rounds_checked++;
    }
    listing_free(&queue1);
    listing_free(&archive);
    listing_free(&queue2);
    listing_free(&incoming);
    return listed_all;
}

/* ---- the workload ---- */

static void note_events(struct fxs_link *link, DWORD timeout_ms)
{
    struct fxs_event_batch batch = { 0 };
    struct submission *sub;
    DWORD i;

    if (fxs_link_pull(link, 256, timeout_ms, &batch)) return;
    for (i = 0; i < batch.count; i++)
    {
        const fxs_event *event = &batch.events[i];
        if (!(sub = find_submission(event->job_id))) continue;
        if (event->event_class == FXS_EVENT_OUT_QUEUE && event->job_event == FXS_JOB_EVENT_STATUS
            && (event->job.status & fjsCOMPLETED))
            sub->completions++;
        if (event->event_class == FXS_EVENT_OUT_ARCHIVE && event->job_event == FXS_JOB_EVENT_ADDED)
            sub->archivings++;
    }
    fxs_event_batch_free(&batch);
}

static void submit_one(struct fxs_link *link, const WCHAR *number)
{
    struct submission *sub = &run.subs[run.count];
    unsigned int pages = 1 + rng_next(3);

    if (run.count == MAX_SUBMISSIONS) return;
    if (!submit_fax(link, number, pages, &sub->id))
    {
        sub->number = number;
        sub->pages = pages;
        run.count++;
    }
    else run.unacknowledged++;
}

static void cancel_one(struct fxs_link *link)
{
    struct submission *sub;

    if (!run.count) return;
    sub = &run.subs[rng_next(run.count)];
    sub->cancel_asked = TRUE;
    fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, sub->id, FXS_JOB_CANCEL);
}

static void delete_one(struct fxs_link *link)
{
    struct listing archive;
    struct submission *sub;

    if (!list_archive(link, FXS_FOLDER_OUTGOING_ARCHIVE, &archive)) return;
    if (archive.count && (sub = find_submission(archive.jobs[0].id)))
    {
        sub->delete_asked = TRUE;
        sub->deleted = !fxs_rpc_delete_message(fxs_link_session(link), FXS_FOLDER_OUTGOING_ARCHIVE, sub->id);
    }
    listing_free(&archive);
}

static void save_config(struct fxs_link *link)
{
    LONG retries = 1 + (LONG)rng_next(5);

    run.retries_pending = retries;
    if (!config_set_number(link, FXS_CONFIG_OUTBOX, "retries", retries))
    {
        run.retries_acked = retries;
        run.retries_pending = -1;
    }
}

/* One step of work, chosen at random; numbers: 1002 answers, 9202 is busy twice, then answers. */
static void work(struct fxs_link *link)
{
    switch (rng_next(8))
    {
    case 0: case 1: case 2: submit_one(link, L"1002"); break;
    case 3: submit_one(link, L"9202"); break;
    case 4: save_config(link); break;
    case 5: cancel_one(link); break;
    case 6: delete_one(link); break;
    default: note_events(link, 20); break;
    }
}

/* A service armed to crash at a random step: check what the last one left, then work until it
 * ends, or kill it. */
static void crash_round(void)
{
    struct fxs_link *link;
    DWORD pid, exit_code = 0;
    WCHAR step[16];
    double deadline;
    HANDLE process;

    swprintf(step, ARRAY_SIZE(step), L"%u", 1 + rng_next(MAX_CRASH_STEP));
    service_environment(FXSSVC_ENV_CRASH_AT, step);
    if (open_link(NULL, 0, FALSE, &link))
    {
        run.crashes++;            /* it ended during its recovery, before it served */
        fxs_bind_new_generation();
        return;
    }
    pid = service_pid(link);
    process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, FALSE, pid);
    fxs_link_subscribe(link, FXS_EVENT_OUT_QUEUE | FXS_EVENT_OUT_ARCHIVE);
    fxs_link_open_events(link);
    if (check_invariants(link))
    {
        deadline = now_ms() + rng_next(ROUND_MS);
        while (WaitForSingleObject(process, 0) == WAIT_TIMEOUT && now_ms() < deadline) work(link);
    }
    if (WaitForSingleObject(process, 0) == WAIT_TIMEOUT && kill_service(pid)) run.kills++;
    else if (WaitForSingleObject(process, 10000) == WAIT_OBJECT_0)
    {
        /* anything but the crash point's own exit code is a real crash of the service */
        GetExitCodeProcess(process, &exit_code);
        check(exit_code == STORE_CRASH_EXIT_CODE, "the service ended with %#lx\n", exit_code);
        run.crashes++;
    }
    CloseHandle(process);
    fxs_link_close(link);
    fxs_bind_new_generation();
}

/* ---- the end: no crash, every fax goes out ---- */

/* A job settled: archived, or kept in the queue with its retries used up (by busy lines, or by
 * crashes in the middle of its calls: each counts as a try), visible, not dropped. */
static BOOL settled(const struct submission *sub, const struct listing *queue, const struct listing *archive)
{
    const fxs_job_info *queued = listed(queue, sub->id);

    if (sub->cancel_asked || sub->delete_asked || listed(archive, sub->id)) return TRUE;
    return queued && queued->status.status == fjsRETRIES_EXCEEDED;
}

/* The submissions not settled yet (all when the service could not be asked). */
static unsigned int unsettled(struct fxs_link *link, BOOL report)
{
    struct listing queue, archive;
    unsigned int i, count = 0;

    if (!list_queue(link, &queue)) return run.count;
    if (list_archive(link, FXS_FOLDER_OUTGOING_ARCHIVE, &archive))
        for (i = 0; i < run.count; i++)
        {
            if (settled(&run.subs[i], &queue, &archive)) continue;
            count++;
            if (report && listed(&queue, run.subs[i].id))
                trace("job %016I64x to %ls not settled: status %#lx\n", run.subs[i].id, run.subs[i].number,
                      listed(&queue, run.subs[i].id)->status.status);
            else if (report) trace("job %016I64x to %ls is gone\n", run.subs[i].id, run.subs[i].number);
        }
    else count = run.count;
    listing_free(&queue);
    listing_free(&archive);
    return count;
}

static void check_final(void)
{
    struct fxs_link *link;
    double deadline;
    unsigned int i;

    service_environment(FXSSVC_ENV_CRASH_AT, NULL);
    if (!(link = start_listening())) return;
    ok(check_invariants(link), "the checks failed without a crash\n");
    deadline = now_ms() + 120000;
    while (unsettled(link, FALSE) && now_ms() < deadline) note_events(link, 200);
    check(!unsettled(link, TRUE), "not every acknowledged fax was sent\n");
    note_events(link, 200);
    for (i = 0; i < run.count; i++)
    {
        check(run.subs[i].completions <= 1, "job %016I64x reported completed %u times\n", run.subs[i].id,
              run.subs[i].completions);
        check(run.subs[i].archivings <= 1, "job %016I64x archived %u times\n", run.subs[i].id, run.subs[i].archivings);
    }
    fxs_link_close(link);
    ok(stop_service(), "the service did not stop\n");
}

START_TEST(service_crash)
{
    WCHAR root[MAX_PATH];
    /* The 64-bit run is the long one; the 32-bit service runs the same code, a shorter run checks it builds
     * and recovers the same way. */
    DWORD kills = env_number("CRASH_TEST_KILLS", sizeof(void *) == 8 ? DEFAULT_KILLS : DEFAULT_KILLS / 5);
    double start;

    rng_seed("CRASH_TEST_SEED");
    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-crash", root);
    service_environment(FXSSVC_ENV_TEST_HOOKS, L"1");
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"2000");
    run.retries_pending = -1;
    run.retries_acked = -1;

    start = now_ms();
    for (run.rounds = 0; run.crashes + run.kills < kills; run.rounds++) crash_round();
    check_final();
    trace("crash test: %u kills in %.1f s (%u at a crash point, %u by TerminateProcess from the test), "
          "%u submissions acknowledged, %u unacknowledged, %u recoveries checked, %u invariants checked\n",
          run.crashes + run.kills, (now_ms() - start) / 1000, run.crashes, run.kills, run.count, run.unacknowledged,
          run.rounds_checked, run.checks);
    remove_folder(root);
}
