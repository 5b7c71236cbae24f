/*
 * What the tests that send faxes through the real service share: a data root of their own,
 * fax bodies, submitting, and a log of the events a link received with ways to wait for one.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_SERVICE_JOBS_H
#define FXSCOMEX_TESTS_SERVICE_JOBS_H

#include <stdio.h>
#include <stdlib.h>
#include "service.h"
#include "fxs_job_info.h"
#include "faxcomex.h"
#include "tiff.h"

#define EVENT_WAIT_MS 30000

/* ---- the data root ---- */

static inline void remove_folder(const WCHAR *folder)
{
    WCHAR command[MAX_PATH + 32];
    swprintf(command, ARRAY_SIZE(command), L"cmd /c rmdir /s /q \"%ls\"", folder);
    run_command(command, 30000);
}

/* %TEMP%\<name>-<pid>, emptied, and made the data root of the services this process starts. */
static inline void fresh_data_root(const WCHAR *name, WCHAR root[MAX_PATH])
{
    WCHAR temp[MAX_PATH];

    GetTempPathW(MAX_PATH, temp);
    swprintf(root, MAX_PATH, L"%ls%ls-%lu", temp, name, GetCurrentProcessId());
    remove_folder(root);
    service_environment(FXSSVC_ENV_DATA_ROOT, root);
}

/* A session subscribed to every event, with its event channel open (NULL on failure). */
static inline struct fxs_link *start_listening(void)
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
    DWORD missed;                  /* what the service reported dropped */
};

static inline void log_free(struct event_log *log)
{
    fxs_events_free(log->events, log->count);
    memset(log, 0, sizeof(*log));
}

static inline void log_take(struct event_log *log, const struct fxs_event_batch *batch)
{
    DWORD i;

    if (log->count + batch->count > log->capacity)
    {
        log->capacity = (log->count + batch->count) * 2;
        log->events = realloc(log->events, log->capacity * sizeof(*log->events));
    }
    for (i = 0; i < batch->count; i++) fxs_event_copy(&log->events[log->count++], &batch->events[i]);
    log->missed += batch->missed;
}

static inline BOOL is_job_event(const fxs_event *event, DWORD event_class, DWORD job_event, ULONGLONG id)
{
    return event->event_class == event_class && event->job_event == job_event && (!id || event->job_id == id);
}

/* The position of the first event of a class (and job event, id; id 0: any) at or after from; -1 if none. */
static inline int find_event(const struct event_log *log, int from, DWORD event_class, DWORD job_event, ULONGLONG id)
{
    DWORD i;
    for (i = from; i < log->count; i++)
        if (is_job_event(&log->events[i], event_class, job_event, id)) return i;
    return -1;
}

static inline BOOL log_has(const struct event_log *log, DWORD event_class, DWORD job_event, ULONGLONG id)
{
    return find_event(log, 0, event_class, job_event, id) >= 0;
}

/* Pulls once (up to timeout_ms) into the log; FALSE when the pull failed. */
static inline BOOL pull_into(struct fxs_link *link, struct event_log *log, DWORD timeout_ms)
{
    struct fxs_event_batch batch;
    DWORD status = fxs_link_pull(link, 256, timeout_ms, &batch);

    if (status) return FALSE;
    log_take(log, &batch);
    fxs_event_batch_free(&batch);
    return TRUE;
}

/* Pulls until an event of the class (with that job event and id; id 0: any) arrived. */
static inline BOOL wait_for(struct fxs_link *link, struct event_log *log, DWORD event_class, DWORD job_event,
                            ULONGLONG id)
{
    double deadline = now_ms() + EVENT_WAIT_MS;

    while (!log_has(log, event_class, job_event, id) && now_ms() < deadline)
        if (!pull_into(link, log, 1000)) return FALSE;
    return log_has(log, event_class, job_event, id);
}

/* The last status event of a job in the log, or NULL. */
static inline const fxs_event *last_status(const struct event_log *log, DWORD event_class, ULONGLONG id)
{
    DWORD i;
    for (i = log->count; i-- > 0;)
        if (is_job_event(&log->events[i], event_class, FXS_JOB_EVENT_STATUS, id)) return &log->events[i];
    return NULL;
}

/* Pulls until the job's last status event matches status (and, when not ~0u, extended status and
 * at least that page). */
static inline BOOL wait_for_status(struct fxs_link *link, struct event_log *log, DWORD event_class, ULONGLONG id,
                                   DWORD status, DWORD extended, LONG page)
{
    double deadline = now_ms() + EVENT_WAIT_MS;

    for (;;)
    {
        const fxs_event *event = last_status(log, event_class, id);
        if (event && event->job.status == status && (extended == ~0u || event->job.extended_status_code == extended) &&
            event->job.current_page >= page)
            return TRUE;
        if (now_ms() >= deadline || !pull_into(link, log, 1000)) return FALSE;
    }
}

/* ---- faxes ---- */

/* A TIFF body of pages pages, each saying which page it is. */
static inline tiff_buffer make_body(unsigned int pages)
{
    fax_bitmap **bitmaps = calloc(pages, sizeof(*bitmaps));
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
    free(bitmaps);
    return out;
}

/* Submits a fax of pages pages to one number, with a document as given (NULL: a plain one). */
static inline DWORD submit_document(struct fxs_link *link, const fxs_document *doc, const WCHAR *number,
                                    const WCHAR *name, unsigned int pages, ULONGLONG *id)
{
    fxs_document plain = { 0 };
    fxs_recipient recipient = { (WCHAR *)number, (WCHAR *)name };
    tiff_buffer body = make_body(pages);
    fxs_body bodies[1] = { { (ULONG)body.size, body.data } };
    LONG error_body;
    DWORD status;

    if (!doc)
    {
        plain.subject = (WCHAR *)L"Test fax";
        plain.sender.name = (WCHAR *)L"Test Sender";
        plain.sender.tsid = (WCHAR *)L"TEST TSID";
        doc = &plain;
    }
    status = fxs_rpc_submit(fxs_link_session(link), doc, 1, &recipient, 1, bodies, &error_body, id);
    tiff_buffer_free(&body);
    return status;
}

static inline DWORD submit_fax(struct fxs_link *link, const WCHAR *number, unsigned int pages, ULONGLONG *id)
{
    return submit_document(link, NULL, number, L"Test Recipient", pages, id);
}

/* A document scheduled far ahead: it waits in the queue until it is cancelled. */
static inline void schedule_far_ahead(fxs_document *doc)
{
    SYSTEMTIME now;

    GetLocalTime(&now);
    SystemTimeToVariantTime(&now, &doc->schedule_time);
    doc->schedule_time += 1000.0;
    doc->schedule_type = fstSPECIFIC_TIME;
}

#endif /* FXSCOMEX_TESTS_SERVICE_JOBS_H */
