/*
 * Tests of the virtual line device provider (src/svc/virtual_line.c), driven on the real engine
 * thread with the service clock sped up. This file plays the engine's side of provider.h: it adds
 * the devices, answers calls as RingsBeforeAnswer would, and records every report with its service
 * time, so that each scenario can check the exact sequence and its spacing.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <malloc.h>
#include "test.h"
#include "provider.h"
#include "engine.h"
#include "tiff.h"
#include "fax_status.h"
#include "fxs_service.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define CLOCK_SPEED     L"1000"     /* one real millisecond is one service second */
#define WAIT_REAL_MS    5000
#define SECONDS(t)      ((double)(t) / SVC_TIME_SECOND)
/* How late a report may come: timers run late when the machine is busy. Service seconds. */
#define LATE            200.0

/* A job as the engine would hold it: only its name matters here. */
struct job
{
    char name[8];
};

enum record_kind
{
    REC_SEND_PROGRESS,
    REC_SEND_DONE,
    REC_RINGING,
    REC_CALL_ENDED,
    REC_RECEIVE_STARTED,
    REC_RECEIVE_PROGRESS,
    REC_RECEIVE_DONE,
    REC_DEVICE_CHANGED,
};

struct record
{
    enum record_kind kind;
    svc_time time;
    struct job *job;
    DWORD device;
    LONG call;
    DWORD status;
    LONG page;
    unsigned int ring;
    enum provider_result result;
    DWORD state;                /* device_changed: get_state at that moment */
    BOOL has_csid;
    WCHAR text[128];
    WCHAR csid[64];
    WCHAR tsid[64];
    WCHAR caller[64];
    void *image;                /* receive_done: a copy */
    size_t size;
    LONG pages;
};

struct test_device
{
    struct provider *provider;
    DWORD id;
    struct provider_device info;
    unsigned int answer_after;  /* rings before the test answers; 0: it does not */
    DWORD answer_result;
};

static CRITICAL_SECTION records_lock;
static HANDLE records_changed;
static struct record *records;
static unsigned int record_count, record_capacity;

static struct test_device devices[256];
static unsigned int device_total;
static DWORD next_device_id;

static struct job send_jobs[64];
static unsigned int send_job_count;
static struct job receive_jobs[64];
static unsigned int receive_job_count;
static BOOL refuse_receive;
static struct job *abort_in_receive_started;   /* a send job the engine aborts from inside the report */
static DWORD abort_in_receive_started_result;

static const struct provider_events events;
static struct provider line = { &virtual_line_ops, &events, NULL };

/* The engine's side of provider.h. */

DWORD provider_add_device(struct provider *provider, const struct provider_device *device, DWORD *device_id)
{
    struct test_device *entry;

    ok(engine_is_current_thread(), "provider_add_device called outside the engine thread\n");
    if (device_total == ARRAY_SIZE(devices)) return ERROR_OUTOFMEMORY;
    entry = &devices[device_total++];
    memset(entry, 0, sizeof(*entry));
    entry->provider = provider;
    entry->id = *device_id = next_device_id++;
    entry->info = *device;
    return ERROR_SUCCESS;
}

static struct test_device *test_device(DWORD id)
{
    unsigned int i;

    for (i = device_total; i-- > 0;) if (devices[i].id == id) return &devices[i];
    return NULL;
}

static struct record *add_record(enum record_kind kind)
{
    struct record *record;

    ok(engine_is_current_thread(), "report %u made outside the engine thread\n", kind);
    if (record_count == record_capacity)
    {
        record_capacity = record_capacity ? record_capacity * 2 : 256;
        records = realloc(records, record_capacity * sizeof(*records));
    }
    record = &records[record_count];
    memset(record, 0, sizeof(*record));
    record->kind = kind;
    record->time = clock_now();
    return record;
}

static void record_added(void)
{
    record_count++;
    LeaveCriticalSection(&records_lock);
    SetEvent(records_changed);
}

static void copy_string(WCHAR *to, size_t size, const WCHAR *from)
{
    lstrcpynW(to, from ? from : L"(null)", size);
}

static void on_send_progress(struct job *job, DWORD status, const WCHAR *text, LONG page)
{
    struct record *record;

    EnterCriticalSection(&records_lock);
    record = add_record(REC_SEND_PROGRESS);
    record->job = job;
    record->status = status;
    record->page = page;
    if (text) copy_string(record->text, ARRAY_SIZE(record->text), text);
    record_added();
}

static void on_send_done(struct job *job, enum provider_result result, const WCHAR *text, const WCHAR *csid)
{
    struct record *record;

    EnterCriticalSection(&records_lock);
    record = add_record(REC_SEND_DONE);
    record->job = job;
    record->result = result;
    if (text) copy_string(record->text, ARRAY_SIZE(record->text), text);
    if ((record->has_csid = csid != NULL)) copy_string(record->csid, ARRAY_SIZE(record->csid), csid);
    record_added();
}

/* Answers as the engine does for a device in automatic mode: from inside the report. */
static void on_ringing(DWORD device_id, LONG call_id, const WCHAR *caller_id, unsigned int ring)
{
    struct test_device *device = test_device(device_id);
    struct record *record;
    WCHAR csid[32];

    EnterCriticalSection(&records_lock);
    record = add_record(REC_RINGING);
    record->device = device_id;
    record->call = call_id;
    record->ring = ring;
    copy_string(record->caller, ARRAY_SIZE(record->caller), caller_id);
    record_added();

    if (device && device->answer_after == ring)
    {
        swprintf(csid, ARRAY_SIZE(csid), L"CSID %lu", device_id);
        device->answer_result = device->provider->ops->answer(device->provider, device_id, call_id, csid);
    }
}

static void on_call_ended(DWORD device_id, LONG call_id)
{
    struct record *record;

    EnterCriticalSection(&records_lock);
    record = add_record(REC_CALL_ENDED);
    record->device = device_id;
    record->call = call_id;
    record_added();
}

static struct job *on_receive_started(DWORD device_id, LONG call_id, const WCHAR *tsid, const WCHAR *caller_id)
{
    struct job *job = NULL;
    struct record *record;

    if (!refuse_receive && receive_job_count < ARRAY_SIZE(receive_jobs))
    {
        job = &receive_jobs[receive_job_count++];
        sprintf(job->name, "R%u", receive_job_count);
    }
    EnterCriticalSection(&records_lock);
    record = add_record(REC_RECEIVE_STARTED);
    record->job = job;
    record->device = device_id;
    record->call = call_id;
    copy_string(record->tsid, ARRAY_SIZE(record->tsid), tsid);
    copy_string(record->caller, ARRAY_SIZE(record->caller), caller_id);
    record_added();
    if (abort_in_receive_started)
    {
        abort_in_receive_started_result = line.ops->abort(&line, abort_in_receive_started);
        abort_in_receive_started = NULL;
    }
    return job;
}

static void on_receive_progress(struct job *job, DWORD status, LONG page)
{
    struct record *record;

    EnterCriticalSection(&records_lock);
    record = add_record(REC_RECEIVE_PROGRESS);
    record->job = job;
    record->status = status;
    record->page = page;
    record_added();
}

static void on_receive_done(struct job *job, enum provider_result result, const void *image, size_t size,
                                  LONG pages)
{
    struct record *record;

    EnterCriticalSection(&records_lock);
    record = add_record(REC_RECEIVE_DONE);
    record->job = job;
    record->result = result;
    record->pages = pages;
    record->size = size;
    if (image)
    {
        record->image = malloc(size);
        memcpy(record->image, image, size);
    }
    record_added();
}

static void on_device_changed(DWORD device_id)
{
    struct test_device *device = test_device(device_id);
    struct record *record;
    DWORD state = 0xdead, error = ERROR_NOT_FOUND;

    if (device) error = device->provider->ops->get_state(device->provider, device_id, &state);
    ok(!error, "get_state(%lu) from device_changed returned %lu\n", device_id, error);
    EnterCriticalSection(&records_lock);
    record = add_record(REC_DEVICE_CHANGED);
    record->device = device_id;
    record->state = state;
    record_added();
}

static const struct provider_events events =
{
    on_send_progress,
    on_send_done,
    on_ringing,
    on_call_ended,
    on_receive_started,
    on_receive_progress,
    on_receive_done,
    on_device_changed,
};

/* Driving the provider on the engine thread. */

struct operation
{
    struct provider *provider;
    DWORD device;
    struct job *job;
    const WCHAR *number;
    const void *image;
    size_t size;
    LONG pages;
    LONG call;
    const WCHAR *csid;
    DWORD state;
    struct job *job2;
    DWORD result2;
};

static DWORD start_work(void *context)
{
    struct operation *op = context;
    return op->provider->ops->start(op->provider);
}

static DWORD stop_work(void *context)
{
    struct operation *op = context;
    op->provider->ops->stop(op->provider);
    return ERROR_SUCCESS;
}

static DWORD send_work(void *context)
{
    struct operation *op = context;
    return op->provider->ops->send(op->provider, op->device, op->job, op->number, L"TSID 1", op->image,
                                   op->size, op->pages);
}

static DWORD answer_work(void *context)
{
    struct operation *op = context;
    return op->provider->ops->answer(op->provider, op->device, op->call, op->csid);
}

/* Aborts job, then job2 if any, in one go: no timer of the provider runs in between. */
static DWORD abort_work(void *context)
{
    struct operation *op = context;
    DWORD result = op->provider->ops->abort(op->provider, op->job);
    if (op->job2) op->result2 = op->provider->ops->abort(op->provider, op->job2);
    return result;
}

static DWORD state_work(void *context)
{
    struct operation *op = context;
    return op->provider->ops->get_state(op->provider, op->device, &op->state);
}

static DWORD nothing_work(void *context)
{
    return ERROR_SUCCESS;
}

/* Returns once the engine thread has finished what it was doing, such as the rest of the reports
 * of the timer that made the one a test waited for. */
static void engine_sync(void)
{
    engine_call(nothing_work, NULL);
}

static DWORD start_provider(struct provider *provider)
{
    struct operation op = { provider };
    return engine_call(start_work, &op);
}

static void stop_provider(struct provider *provider)
{
    struct operation op = { provider };
    engine_call(stop_work, &op);
}

static struct job *new_send_job(void)
{
    struct job *job = &send_jobs[send_job_count++];
    sprintf(job->name, "S%u", send_job_count);
    return job;
}

static DWORD send_fax(struct provider *provider, DWORD device, struct job *job, const WCHAR *number,
                      const tiff_buffer *image, LONG pages)
{
    struct operation op = { provider, device, job, number, image ? image->data : NULL, image ? image->size : 0, pages };
    return engine_call(send_work, &op);
}

static DWORD answer_call(DWORD device, LONG call, const WCHAR *csid)
{
    struct operation op = { &line, device };
    op.call = call;
    op.csid = csid;
    return engine_call(answer_work, &op);
}

static DWORD abort_job(struct job *job)
{
    struct operation op = { &line, 0, job };
    return engine_call(abort_work, &op);
}

static DWORD abort_jobs(struct job *job, struct job *job2, DWORD *result2)
{
    struct operation op = { &line, 0, job };
    DWORD result;

    op.job2 = job2;
    result = engine_call(abort_work, &op);
    *result2 = op.result2;
    return result;
}

static DWORD device_state(struct provider *provider, DWORD device, DWORD *state)
{
    struct operation op = { provider, device };
    DWORD error = engine_call(state_work, &op);
    *state = op.state;
    return error;
}

/* The bytes and blocks in use on the C runtime's heap: the same before and after a stretch of
 * scenarios when the provider (and the engine) free whatever they allocate. */
static void heap_in_use(size_t *bytes, unsigned int *blocks)
{
    _HEAPINFO info;

    *bytes = 0;
    *blocks = 0;
    info._pentry = NULL;
    while (_heapwalk(&info) == _HEAPOK)
        if (info._useflag == _USEDENTRY)
        {
            *bytes += info._size;
            ++*blocks;
        }
}

/* Reading the records. */

static void clear_records(void)
{
    unsigned int i;

    EnterCriticalSection(&records_lock);
    for (i = 0; i < record_count; i++) free(records[i].image);
    record_count = 0;
    LeaveCriticalSection(&records_lock);
}

static BOOL record_matches(const struct record *record, enum record_kind kind, struct job *job, DWORD device)
{
    return record->kind == kind && (!job || record->job == job) && (!device || record->device == device);
}

/* The nth (from 1) record of that kind, for that job (NULL: any) and device (0: any). */
static const struct record *find_record(enum record_kind kind, struct job *job, DWORD device, unsigned int nth)
{
    const struct record *found = NULL;
    unsigned int i;

    EnterCriticalSection(&records_lock);
    for (i = 0; i < record_count && !found; i++)
        if (record_matches(&records[i], kind, job, device) && !--nth) found = &records[i];
    LeaveCriticalSection(&records_lock);
    return found;
}

static const struct record *find_progress(enum record_kind kind, struct job *job, DWORD status, LONG page)
{
    const struct record *found = NULL;
    unsigned int i;

    EnterCriticalSection(&records_lock);
    for (i = 0; i < record_count && !found; i++)
        if (record_matches(&records[i], kind, job, 0) && records[i].status == status && records[i].page == page)
            found = &records[i];
    LeaveCriticalSection(&records_lock);
    return found;
}

static unsigned int count_records(enum record_kind kind, struct job *job, DWORD device)
{
    unsigned int i, count = 0;

    EnterCriticalSection(&records_lock);
    for (i = 0; i < record_count; i++) count += record_matches(&records[i], kind, job, device);
    LeaveCriticalSection(&records_lock);
    return count;
}

/* Waits (in real time) for count records of that kind. */
static const struct record *wait_record(enum record_kind kind, struct job *job, DWORD device, unsigned int count)
{
    DWORD start = GetTickCount();

    while (count_records(kind, job, device) < count && GetTickCount() - start < WAIT_REAL_MS)
        WaitForSingleObject(records_changed, 10);
    engine_sync();
    return find_record(kind, job, device, count);
}

static const struct record *wait_send_done(struct job *job)
{
    const struct record *record = wait_record(REC_SEND_DONE, job, 0, 1);
    ok(record != NULL, "%s never ended\n", job->name);
    return record;
}

static const char *status_name(DWORD status)
{
    static char buffer[16];

    switch (status)
    {
    case FAX_JES_INITIALIZING: return "INITIALIZING";
    case FAX_JES_DIALING: return "DIALING";
    case FAX_JES_TRANSMITTING: return "TRANSMITTING";
    case FAX_JES_RECEIVING: return "RECEIVING";
    }
    sprintf(buffer, "0x%lx", status);
    return buffer;
}

static const char *result_name(enum provider_result result)
{
    static const char *names[] = { "OK", "BUSY", "NO_ANSWER", "BAD_ADDRESS", "NO_DIAL_TONE", "FAILED", "ABORTED" };
    return (unsigned int)result < ARRAY_SIZE(names) ? names[result] : "?";
}

static const char *state_name(DWORD state)
{
    switch (state)
    {
    case 0: return "-";
    case PROVIDER_DEVICE_SENDING: return "S";
    case PROVIDER_DEVICE_RECEIVING: return "R";
    case PROVIDER_DEVICE_RINGING: return "G";
    }
    return "?";
}

struct text
{
    char s[16384];
    size_t length;
};

static void add(struct text *text, const char *format, ...)
{
    va_list args;

    if (text->length && text->length < sizeof(text->s) - 2)
        text->length += sprintf(text->s + text->length, "; ");
    va_start(args, format);
    text->length += vsnprintf(text->s + text->length, sizeof(text->s) - text->length, format, args);
    va_end(args);
    if (text->length >= sizeof(text->s)) text->length = sizeof(text->s) - 1;
}

static const char *job_name(const struct job *job)
{
    return job ? job->name : "--";
}

static void describe(struct text *text, const struct record *r)
{
    char extra[256] = "";

    switch (r->kind)
    {
    case REC_SEND_PROGRESS:
        if (r->page) sprintf(extra, " %ld", r->page);
        add(text, "%s %s%s", job_name(r->job), status_name(r->status), extra);
        break;
    case REC_SEND_DONE:
        if (r->has_csid) sprintf(extra, " csid=%s", wine_dbgstr_w(r->csid));
        if (r->text[0]) sprintf(extra + strlen(extra), " %s", wine_dbgstr_w(r->text));
        add(text, "%s done %s%s", job_name(r->job), result_name(r->result), extra);
        break;
    case REC_RINGING:
        add(text, "ring %lu from %s #%u", r->device, wine_dbgstr_w(r->caller), r->ring);
        break;
    case REC_CALL_ENDED:
        add(text, "ended %lu", r->device);
        break;
    case REC_RECEIVE_STARTED:
        add(text, "%s started %lu tsid=%s from %s", job_name(r->job), r->device, wine_dbgstr_w(r->tsid),
            wine_dbgstr_w(r->caller));
        break;
    case REC_RECEIVE_PROGRESS:
        add(text, "%s %s %ld", job_name(r->job), status_name(r->status), r->page);
        break;
    case REC_RECEIVE_DONE:
        add(text, "%s done %s %ldp", job_name(r->job), result_name(r->result), r->pages);
        break;
    case REC_DEVICE_CHANGED:
        add(text, "dev %lu %s", r->device, state_name(r->state));
        break;
    }
}

/* What happened, for one device and job (0, NULL: everything), as one line. */
static void describe_records(struct text *text, DWORD device, struct job *job)
{
    unsigned int i;

    memset(text, 0, sizeof(*text));
    EnterCriticalSection(&records_lock);
    for (i = 0; i < record_count; i++)
    {
        const struct record *r = &records[i];
        if ((!device && !job) || (device && r->device == device) || (job && r->job == job)) describe(text, r);
    }
    LeaveCriticalSection(&records_lock);
}

#define check_sequence(a, b, c) check_sequence_(__FILE__, __LINE__, a, b, c)
static void check_sequence_(const char *file, int line_number, DWORD device, struct job *job,
                            const struct text *expected)
{
    static struct text got;

    describe_records(&got, device, job);
    if (winetest_debug > 1) trace_(file, line_number)("%s\n", got.s);
    ok_(file, line_number)(!strcmp(got.s, expected->s), "wrong reports:\n  got      %s\n  expected %s\n",
                           got.s, expected->s);
}

#define check_gap(a, b, c, d, e) check_gap_(__FILE__, __LINE__, a, b, c, d, e)
static void check_gap_(const char *file, int line_number, const struct record *from, const struct record *to,
                       double min_seconds, double max_seconds, const char *what)
{
    double gap;

    if (!from || !to)
    {
        ok_(file, line_number)(0, "%s: report missing\n", what);
        return;
    }
    gap = to->time >= from->time ? SECONDS(to->time - from->time) : -SECONDS(from->time - to->time);
    ok_(file, line_number)(gap >= min_seconds - 0.001 && gap <= max_seconds,
                           "%s: %.3f s of service time, expected %.1f to %.1f\n", what, gap, min_seconds, max_seconds);
}

/* The start every send has. */
static void add_send_start(struct text *text, DWORD device, struct job *job)
{
    add(text, "dev %lu S", device);
    add(text, "%s INITIALIZING", job->name);
    add(text, "%s DIALING", job->name);
}

static void add_pages(struct text *text, struct job *send_job, const char *receive_job, LONG from, LONG to)
{
    LONG page;

    for (page = from; page <= to; page++)
    {
        add(text, "%s TRANSMITTING %ld", send_job->name, page);
        if (receive_job) add(text, "%s RECEIVING %ld", receive_job, page);
    }
}

static void add_rings(struct text *text, DWORD device, const char *caller, unsigned int count)
{
    unsigned int ring;

    add(text, "dev %lu G", device);
    for (ring = 1; ring <= count; ring++) add(text, "ring %lu from \"%s\" #%u", device, caller, ring);
}

static void check_idle(struct provider *provider, DWORD device)
{
    DWORD state = 0xdead, error = device_state(provider, device, &state);
    ok(!error && !state, "device %lu: error %lu, state %#lx, expected idle\n", device, error, state);
}

/* The fax images: pages of text; a "heavy" page has a band of fine checkerboard that compresses
 * badly, so that its time on the line is set by the line speed, not by the 2 s minimum. */

static fax_bitmap *make_page(unsigned int number, unsigned int count, BOOL heavy)
{
    fax_bitmap *bitmap = fax_bitmap_create(FAX_PAGE_WIDTH, FAX_PAGE_HEIGHT_A4);
    char title[64];
    int x, y;

    sprintf(title, "Virtual line test\npage %u of %u", number, count);
    fax_bitmap_draw_text(bitmap, 100, 100, title, 6);
    if (heavy)
        for (y = 400; y < 500; y++)
            for (x = 0; x < (int)FAX_PAGE_WIDTH; x++)
                if ((x + y) & 1) fax_bitmap_set_pixel(bitmap, x, y, 1);
    return bitmap;
}

static void make_image(unsigned int count, BOOL heavy_second_page, tiff_buffer *image)
{
    fax_bitmap *pages[8];
    tiff_status status;
    unsigned int i;

    for (i = 0; i < count; i++) pages[i] = make_page(i + 1, count, heavy_second_page && i == 1);
    status = fax_write_tiff((const fax_bitmap *const *)pages, count, NULL, image);
    ok(status == TIFF_OK, "fax_write_tiff: %s\n", tiff_status_text(status));
    for (i = 0; i < count; i++) fax_bitmap_free(pages[i]);
}

/* The service seconds a page should take on the line: its compressed size at 14400 bit/s, at
 * least 2 s. */
static double page_seconds(const tiff_buffer *image, unsigned int page)
{
    tiff_doc doc;
    double seconds = 0;

    if (tiff_inspect(image->data, image->size, 100, &doc) == TIFF_OK)
    {
        seconds = (double)doc.pages[page - 1].strip_bytes * 8 / 14400;
        tiff_doc_free(&doc);
    }
    return seconds < 2 ? 2 : seconds;
}

/* The received image holds the pages that were sent: same strips, byte for byte. */
static void check_received_image(const struct record *done, const tiff_buffer *sent, uint32_t pages)
{
    tiff_doc got, want;
    uint32_t i;

    if (!done) return;
    if (!pages)
    {
        ok(!done->image && !done->size, "expected no image, got %lu bytes\n", (unsigned long)done->size);
        return;
    }
    ok(done->image != NULL, "no image\n");
    if (!done->image) return;
    ok(tiff_inspect(done->image, done->size, 100, &got) == TIFF_OK, "received image is no valid TIFF\n");
    ok(got.page_count == pages, "received %u pages, expected %u\n", got.page_count, pages);
    tiff_inspect(sent->data, sent->size, 100, &want);
    for (i = 0; i < got.page_count && i < want.page_count; i++)
    {
        uint32_t got_offset, got_length, want_offset, want_length;
        tiff_page_strip(done->image, done->size, &got.pages[i], 0, &got_offset, &got_length);
        tiff_page_strip(sent->data, sent->size, &want.pages[i], 0, &want_offset, &want_length);
        ok(got_length == want_length && !memcmp((BYTE *)done->image + got_offset, sent->data + want_offset, got_length),
           "page %u differs from the page sent\n", i + 1);
    }
    tiff_doc_free(&got);
    tiff_doc_free(&want);
}

static tiff_buffer image2, image3, heavy3;
static DWORD dev1, dev2;     /* the main provider's two devices */

static void test_devices(void)
{
    static const struct { const WCHAR *value; unsigned int count; } counts[] =
    {
        { L"5", 5 }, { L"64", 64 }, { L"1", 1 }, { L"0", 2 }, { L"65", 2 }, { L"x", 2 }, { L"3x", 2 },
        { L"", 2 }, { L"-1", 2 },
    };
    struct provider other = { &virtual_line_ops, &events, NULL };
    unsigned int i, first;
    WCHAR name[64];
    DWORD error;

    ok(virtual_line_ops.start && virtual_line_ops.stop && virtual_line_ops.send && virtual_line_ops.answer &&
       virtual_line_ops.abort && virtual_line_ops.get_state, "an operation is missing\n");
    ok(virtual_line_ops.unique_name && virtual_line_ops.friendly_name && virtual_line_ops.image_name,
       "a name is missing\n");

    SetEnvironmentVariableW(L"FXSSVC_VIRTUAL_DEVICES", NULL);
    next_device_id = 101;
    error = start_provider(&line);
    ok(!error, "start: %lu\n", error);
    ok(device_total == 2, "%u devices, expected 2\n", device_total);
    ok(line.data != NULL, "no provider data\n");
    for (i = 0; i < device_total; i++)
    {
        WCHAR number[16];
        swprintf(name, ARRAY_SIZE(name), L"Virtual Fax %u", i + 1);
        swprintf(number, ARRAY_SIZE(number), L"%u", 1001 + i);
        ok(!wcscmp(devices[i].info.name, name), "name %s\n", wine_dbgstr_w(devices[i].info.name));
        ok(!wcscmp(devices[i].info.number, number), "number %s\n", wine_dbgstr_w(devices[i].info.number));
        ok(devices[i].provider == &line && !devices[i].info.powered_off, "device %u\n", i);
        check_idle(&line, devices[i].id);
    }
    dev1 = devices[0].id;
    dev2 = devices[1].id;

    for (i = 0; i < ARRAY_SIZE(counts); i++)
    {
        winetest_push_context("FXSSVC_VIRTUAL_DEVICES=\"%s\"", wine_dbgstr_w(counts[i].value));
        SetEnvironmentVariableW(L"FXSSVC_VIRTUAL_DEVICES", counts[i].value);
        first = device_total;
        next_device_id = 1001;
        error = start_provider(&other);
        ok(!error, "start: %lu\n", error);
        ok(device_total - first == counts[i].count, "%u devices, expected %u\n", device_total - first, counts[i].count);
        swprintf(name, ARRAY_SIZE(name), L"Virtual Fax %u", counts[i].count);
        ok(!wcscmp(devices[device_total - 1].info.name, name), "last name %s\n",
           wine_dbgstr_w(devices[device_total - 1].info.name));
        stop_provider(&other);
        ok(other.data == NULL, "data left after stop\n");
        device_total = first;
        winetest_pop_context();
    }
    SetEnvironmentVariableW(L"FXSSVC_VIRTUAL_DEVICES", NULL);
    ok(record_count == 0, "%u reports from start and stop\n", record_count);
}

static void test_bad_arguments(void)
{
    static const BYTE garbage[] = "II*\0 this is no fax";
    struct job *job = new_send_job();
    tiff_buffer bad = { (uint8_t *)garbage, sizeof(garbage) };
    struct provider stopped = { &virtual_line_ops, &events, NULL };
    DWORD error, state;

    error = send_fax(&line, 999, job, L"1002", &image2, 2);
    ok(error == ERROR_INVALID_PARAMETER, "unknown device: %lu\n", error);
    error = send_fax(&line, dev1, NULL, L"1002", &image2, 2);
    ok(error == ERROR_INVALID_PARAMETER, "no job: %lu\n", error);
    error = send_fax(&line, dev1, job, NULL, &image2, 2);
    ok(error == ERROR_INVALID_PARAMETER, "no number: %lu\n", error);
    error = send_fax(&line, dev1, job, L"1002", NULL, 2);
    ok(error == ERROR_INVALID_PARAMETER, "no image: %lu\n", error);
    error = send_fax(&line, dev1, job, L"1002", &bad, 1);
    ok(error == ERROR_INVALID_DATA, "not a TIFF: %lu\n", error);
    error = send_fax(&line, dev1, job, L"1002", &image2, 3);
    ok(error == ERROR_INVALID_DATA, "wrong page count: %lu\n", error);
    error = send_fax(&stopped, 1, job, L"1002", &image2, 2);
    ok(error == ERROR_INVALID_PARAMETER, "provider not started: %lu\n", error);
    error = abort_job(job);
    ok(error == ERROR_NOT_FOUND, "abort of an unknown job: %lu\n", error);
    error = answer_call(dev2, 1, L"x");
    ok(error == ERROR_NOT_FOUND, "answer on an idle device: %lu\n", error);
    error = answer_call(999, 1, L"x");
    ok(error == ERROR_INVALID_PARAMETER, "answer on an unknown device: %lu\n", error);
    error = device_state(&line, 999, &state);
    ok(error == ERROR_INVALID_PARAMETER, "state of an unknown device: %lu\n", error);

    engine_sync();
    ok(record_count == 0, "%u reports after failed operations\n", record_count);
    check_idle(&line, dev1);
}

/* Device 1 calls device 2, which answers after two rings: three pages, the second one heavy. */
static void test_local_call(void)
{
    struct job *job = new_send_job();
    const struct record *init, *dial, *ring1, *ring2, *started, *tx[4], *rx[4], *done, *received;
    struct text expected = {{0}};
    const char *receiver;
    DWORD error;
    LONG page;

    clear_records();
    devices[1].answer_after = 2;
    devices[1].answer_result = 0xdead;
    error = send_fax(&line, dev1, job, L" 10-02 ", &heavy3, 3);
    ok(!error, "send: %lu\n", error);
    done = wait_send_done(job);
    received = find_record(REC_RECEIVE_DONE, NULL, 0, 1);
    ok(devices[1].answer_result == ERROR_SUCCESS, "answer from ringing: %lu\n", devices[1].answer_result);

    receiver = received ? job_name(received->job) : "R?";
    add_send_start(&expected, dev1, job);
    add_rings(&expected, dev2, "1001", 2);
    add(&expected, "dev %lu R", dev2);
    add(&expected, "%s started %lu tsid=\"TSID 1\" from \"1001\"", receiver, dev2);
    add_pages(&expected, job, receiver, 1, 3);
    add(&expected, "%s done OK csid=\"CSID %lu\"", job->name, dev2);
    add(&expected, "%s done OK 3p", receiver);
    add(&expected, "dev %lu -", dev1);
    add(&expected, "dev %lu -", dev2);
    check_sequence(0, NULL, &expected);

    init = find_progress(REC_SEND_PROGRESS, job, FAX_JES_INITIALIZING, 0);
    dial = find_progress(REC_SEND_PROGRESS, job, FAX_JES_DIALING, 0);
    ring1 = find_record(REC_RINGING, NULL, dev2, 1);
    ring2 = find_record(REC_RINGING, NULL, dev2, 2);
    started = find_record(REC_RECEIVE_STARTED, NULL, dev2, 1);
    for (page = 1; page <= 3; page++)
    {
        tx[page] = find_progress(REC_SEND_PROGRESS, job, FAX_JES_TRANSMITTING, page);
        rx[page] = received ? find_progress(REC_RECEIVE_PROGRESS, received->job, FAX_JES_RECEIVING, page) : NULL;
        check_gap(tx[page], rx[page], 0, LATE, "sender and receiver on the same page");
    }
    check_gap(init, dial, 1, 1 + LATE, "INITIALIZING to DIALING");
    check_gap(dial, ring1, 3, 3 + LATE, "DIALING to ring 1");
    check_gap(ring1, ring2, 6, 6 + LATE, "ring 1 to ring 2");
    check_gap(ring2, started, 0, LATE, "answer to receive_started");
    check_gap(started, tx[1], 2, 2 + LATE, "handshake");
    check_gap(tx[1], tx[2], page_seconds(&heavy3, 1), page_seconds(&heavy3, 1) + LATE, "page 1");
    check_gap(tx[2], tx[3], page_seconds(&heavy3, 2), page_seconds(&heavy3, 2) + LATE, "page 2 (heavy)");
    check_gap(tx[3], done, page_seconds(&heavy3, 3), page_seconds(&heavy3, 3) + LATE, "page 3");
    ok(page_seconds(&heavy3, 2) > 10, "the heavy page takes only %.1f s\n", page_seconds(&heavy3, 2));
    check_gap(done, received, 0, LATE, "send_done to receive_done");

    if (ring1 && ring2 && started)
        ok(ring1->call > 0 && ring2->call == ring1->call && started->call == ring1->call,
           "call ids %ld %ld %ld\n", ring1->call, ring2->call, started->call);
    check_received_image(received, &heavy3, 3);
    check_idle(&line, dev1);
    check_idle(&line, dev2);
    devices[1].answer_after = 0;
}

/* Device 2 rings until the test answers after ring 3, as FaxDevice.AnswerCall would. */
static void test_manual_answer(void)
{
    struct job *job = new_send_job();
    const struct record *ring3, *started, *done, *received;
    struct text expected = {{0}};
    unsigned int rings;
    const char *receiver;
    DWORD error, state;

    clear_records();
    error = send_fax(&line, dev2, job, L"1001", &image2, 2);
    ok(!error, "send: %lu\n", error);
    ring3 = wait_record(REC_RINGING, NULL, dev1, 3);
    ok(ring3 != NULL, "no ring 3\n");
    if (!ring3) return;
    error = answer_call(dev1, ring3->call, L"Manual CSID");
    ok(!error, "answer: %lu\n", error);
    error = answer_call(dev1, ring3->call, L"Manual CSID");
    ok(error == ERROR_NOT_FOUND, "second answer: %lu\n", error);
    error = device_state(&line, dev1, &state);
    ok(!error && state == PROVIDER_DEVICE_RECEIVING, "state after answer: %lu %#lx\n", error, state);
    done = wait_send_done(job);
    received = find_record(REC_RECEIVE_DONE, NULL, 0, 1);
    started = find_record(REC_RECEIVE_STARTED, NULL, dev1, 1);

    /* The test answers a few real milliseconds after ring 3: a busy machine may ring once more. */
    rings = count_records(REC_RINGING, NULL, dev1);
    ok(rings == 3 || rings == 4, "%u rings\n", rings);
    if (rings != 3) trace("answered after ring %u\n", rings);
    receiver = received ? job_name(received->job) : "R?";
    add_send_start(&expected, dev2, job);
    add_rings(&expected, dev1, "1002", rings);
    add(&expected, "dev %lu R", dev1);
    add(&expected, "%s started %lu tsid=\"TSID 1\" from \"1002\"", receiver, dev1);
    add_pages(&expected, job, receiver, 1, 2);
    add(&expected, "%s done OK csid=\"Manual CSID\"", job->name);
    add(&expected, "%s done OK 2p", receiver);
    add(&expected, "dev %lu -", dev2);
    add(&expected, "dev %lu -", dev1);
    check_sequence(0, NULL, &expected);
    check_gap(find_record(REC_RINGING, NULL, dev1, rings), started, 0, LATE, "answer to receive_started");
    check_received_image(received, &image2, 2);
    (void)done;
}

/* Nobody answers device 2: 10 rings, then NO_ANSWER. Meanwhile, wrong answers and busy devices. */
static void test_no_answer(void)
{
    struct job *job = new_send_job(), *other = new_send_job();
    const struct record *ring1, *ring10, *done, *ended;
    struct text expected = {{0}};
    DWORD error, state;
    LONG call;

    clear_records();
    error = send_fax(&line, dev1, job, L"(1002)", &image2, 2);
    ok(!error, "send: %lu\n", error);
    error = send_fax(&line, dev1, other, L"5550000", &image2, 2);
    ok(error == ERROR_BUSY, "second send on a sending device: %lu\n", error);
    ring1 = wait_record(REC_RINGING, NULL, dev2, 1);
    ok(ring1 != NULL, "no ring\n");
    call = ring1 ? ring1->call : 0;

    error = device_state(&line, dev1, &state);
    ok(!error && state == PROVIDER_DEVICE_SENDING, "caller state: %lu %#lx\n", error, state);
    error = device_state(&line, dev2, &state);
    ok(!error && state == PROVIDER_DEVICE_RINGING, "callee state: %lu %#lx\n", error, state);
    error = answer_call(dev2, call + 1000, L"x");
    ok(error == ERROR_NOT_FOUND, "answer with a wrong call id: %lu\n", error);
    error = answer_call(dev1, call, L"x");
    ok(error == ERROR_NOT_FOUND, "answer on the calling device: %lu\n", error);
    error = answer_call(999, call, L"x");
    ok(error == ERROR_INVALID_PARAMETER, "answer on an unknown device: %lu\n", error);
    error = send_fax(&line, dev2, other, L"5550000", &image2, 2);
    ok(error == ERROR_BUSY, "send on a ringing device: %lu\n", error);

    done = wait_send_done(job);
    add_send_start(&expected, dev1, job);
    add_rings(&expected, dev2, "1001", 10);
    add(&expected, "%s done NO_ANSWER", job->name);
    add(&expected, "ended %lu", dev2);
    add(&expected, "dev %lu -", dev1);
    add(&expected, "dev %lu -", dev2);
    check_sequence(0, NULL, &expected);

    ring10 = find_record(REC_RINGING, NULL, dev2, 10);
    ended = find_record(REC_CALL_ENDED, NULL, dev2, 1);
    check_gap(ring1, ring10, 54, 54 + LATE, "ring 1 to ring 10");
    check_gap(ring10, done, 6, 6 + LATE, "ring 10 to NO_ANSWER");
    if (ended) ok(ended->call == call, "call_ended for call %ld, expected %ld\n", ended->call, call);
    error = answer_call(dev2, call, L"x");
    ok(error == ERROR_NOT_FOUND, "answer after the caller gave up: %lu\n", error);
    error = abort_job(job);
    ok(error == ERROR_NOT_FOUND, "abort of an ended job: %lu\n", error);
}

/* A scripted number that ends the call at the dial: sequence and the time of the outcome. */
static void test_dial_outcome(const WCHAR *number, const char *result, double seconds_after_dialing)
{
    struct job *job = new_send_job();
    struct text expected = {{0}};
    const struct record *done;
    DWORD error;

    winetest_push_context("%s", wine_dbgstr_w(number));
    clear_records();
    error = send_fax(&line, dev1, job, number, &image2, 2);
    ok(!error, "send: %lu\n", error);
    done = wait_send_done(job);
    add_send_start(&expected, dev1, job);
    add(&expected, "%s done %s", job->name, result);
    add(&expected, "dev %lu -", dev1);
    check_sequence(0, NULL, &expected);
    check_gap(find_progress(REC_SEND_PROGRESS, job, FAX_JES_DIALING, 0), done, seconds_after_dialing,
              seconds_after_dialing + LATE, "DIALING to the outcome");
    check_idle(&line, dev1);
    winetest_pop_context();
}

static void test_scripted_numbers(void)
{
    test_dial_outcome(L"9000", "BUSY", 3);
    test_dial_outcome(L"9-0-0-0", "BUSY", 3);
    test_dial_outcome(L"9001", "NO_ANSWER", 63);
    test_dial_outcome(L"9002", "BAD_ADDRESS", 3);
    test_dial_outcome(L"9003", "NO_DIAL_TONE", 3);
    test_dial_outcome(L"call me", "BAD_ADDRESS", 3);
    test_dial_outcome(L"", "BAD_ADDRESS", 3);
    test_dial_outcome(L"(+) -", "BAD_ADDRESS", 3);
    test_dial_outcome(L"1001", "BUSY", 3);  /* itself */
}

/* A remote fax machine answers: pages from..to go through; the call ends with result. */
static void test_remote(const WCHAR *number, const tiff_buffer *image, LONG pages, LONG last_page,
                        const char *result)
{
    struct job *job = new_send_job();
    const struct record *dial, *tx[4] = { NULL }, *done;
    struct text expected = {{0}};
    DWORD error;
    LONG page;

    winetest_push_context("%s", wine_dbgstr_w(number));
    clear_records();
    error = send_fax(&line, dev1, job, number, image, pages);
    ok(!error, "send: %lu\n", error);
    done = wait_send_done(job);
    add_send_start(&expected, dev1, job);
    add_pages(&expected, job, NULL, 1, last_page);
    add(&expected, "%s done %s", job->name, result);
    add(&expected, "dev %lu -", dev1);
    check_sequence(0, NULL, &expected);

    dial = find_progress(REC_SEND_PROGRESS, job, FAX_JES_DIALING, 0);
    for (page = 1; page <= last_page; page++)
        tx[page] = find_progress(REC_SEND_PROGRESS, job, FAX_JES_TRANSMITTING, page);
    check_gap(dial, tx[1], 3 + 12 + 2, 3 + 12 + 2 + LATE, "DIALING to page 1 (two rings, handshake)");
    for (page = 2; page <= last_page; page++)
        check_gap(tx[page - 1], tx[page], page_seconds(image, page - 1), page_seconds(image, page - 1) + LATE, "page");
    if (last_page == pages && !strncmp(result, "OK", 2))
        check_gap(tx[last_page], done, page_seconds(image, last_page), page_seconds(image, last_page) + LATE,
                  "last page");
    else
        check_gap(tx[last_page], done, page_seconds(image, last_page) / 2, page_seconds(image, last_page) / 2 + LATE,
                  "line drop");
    if (done && done->result == PROVIDER_FAILED) ok(done->text[0] != 0, "no text with FAILED\n");
    check_idle(&line, dev1);
    winetest_pop_context();
}

static void test_remote_numbers(void)
{
    test_remote(L"+1 (555) 010-0199", &image3, 3, 3, "OK csid=\"Remote Fax\"");
    test_remote(L"9103", &image3, 3, 3,
                "FAILED csid=\"Remote Fax\" \"The line dropped while sending page 3\"");
    test_remote(L"9101", &heavy3, 3, 1,
                "FAILED csid=\"Remote Fax\" \"The line dropped while sending page 1\"");
    test_remote(L"9104", &image3, 3, 3, "OK csid=\"Remote Fax\"");   /* fewer pages than kk */
    test_remote(L"9100", &image2, 2, 2, "OK csid=\"Remote Fax\"");   /* no script */
    test_remote(L"12345678901234567890", &image2, 2, 2, "OK csid=\"Remote Fax\"");
}

/* "9202": busy for the first two calls, then a fax machine answers; "9201" counts apart. */
static void test_busy_then_success(void)
{
    test_dial_outcome(L"9202", "BUSY", 3);
    test_dial_outcome(L"92-02", "BUSY", 3);
    test_dial_outcome(L"9201", "BUSY", 3);
    test_remote(L"9202", &image2, 2, 2, "OK csid=\"Remote Fax\"");
    test_remote(L"9201", &image2, 2, 2, "OK csid=\"Remote Fax\"");
    test_remote(L"9202", &image2, 2, 2, "OK csid=\"Remote Fax\"");
}

static void test_abort_ringing(void)
{
    struct job *job = new_send_job();
    struct text expected = {{0}};
    const struct record *ring2;
    unsigned int rings;
    DWORD error, error2;

    clear_records();
    error = send_fax(&line, dev1, job, L"1002", &image2, 2);
    ok(!error, "send: %lu\n", error);
    ring2 = wait_record(REC_RINGING, NULL, dev2, 2);
    ok(ring2 != NULL, "no ring 2\n");
    error = abort_jobs(job, job, &error2);
    ok(!error, "abort: %lu\n", error);
    ok(!error2, "abort while ending: %lu\n", error2);
    wait_send_done(job);
    rings = count_records(REC_RINGING, NULL, dev2);
    ok(rings == 2 || rings == 3, "%u rings\n", rings);
    add_send_start(&expected, dev1, job);
    add_rings(&expected, dev2, "1001", rings);
    add(&expected, "%s done ABORTED", job->name);
    add(&expected, "ended %lu", dev2);
    add(&expected, "dev %lu -", dev1);
    add(&expected, "dev %lu -", dev2);
    check_sequence(0, NULL, &expected);
    check_gap(find_record(REC_RINGING, NULL, dev2, rings), find_record(REC_SEND_DONE, job, 0, 1), 0, 6,
              "abort to its report");
    error = abort_job(job);
    ok(error == ERROR_NOT_FOUND, "abort after the end: %lu\n", error);
    check_idle(&line, dev1);
    check_idle(&line, dev2);
}

enum abort_side { ABORT_SENDER, ABORT_RECEIVER, ABORT_BOTH };

/* A local call aborted while page 2 (the heavy one) is on the line, or from inside receive_started
 * (the handshake has not begun: no page went through). */
static void test_abort_local(enum abort_side side, BOOL in_handshake)
{
    static const char *sides[] = { "sender", "receiver", "both" };
    struct job *job = new_send_job(), *receiver;
    const struct record *started, *received;
    struct text expected = {{0}};
    LONG completed = in_handshake ? 0 : 1;
    DWORD error = 0, error2 = 0;

    winetest_push_context("abort %s %s", sides[side], in_handshake ? "in the handshake" : "on page 2");
    clear_records();
    devices[1].answer_after = 1;
    abort_in_receive_started = in_handshake ? job : NULL;
    abort_in_receive_started_result = 0xdead;
    error = send_fax(&line, dev1, job, L"1002", &heavy3, 3);
    ok(!error, "send: %lu\n", error);
    if (in_handshake) wait_record(REC_RECEIVE_STARTED, NULL, dev2, 1);
    else wait_record(REC_SEND_PROGRESS, job, 0, 4);    /* INITIALIZING, DIALING, pages 1 and 2 */
    started = find_record(REC_RECEIVE_STARTED, NULL, dev2, 1);
    receiver = started ? started->job : NULL;
    ok(receiver != NULL, "no receive job\n");
    if (in_handshake)
        ok(!abort_in_receive_started_result, "abort from receive_started: %lu\n", abort_in_receive_started_result);
    else if (side == ABORT_SENDER)
        error = abort_job(job);
    else if (side == ABORT_RECEIVER)
        error = abort_job(receiver);
    else
        error = abort_jobs(job, receiver, &error2);
    ok(!error && !error2, "abort: %lu %lu\n", error, error2);
    wait_send_done(job);
    received = find_record(REC_RECEIVE_DONE, receiver, 0, 1);

    add_send_start(&expected, dev1, job);
    add_rings(&expected, dev2, "1001", 1);
    add(&expected, "dev %lu R", dev2);
    add(&expected, "%s started %lu tsid=\"TSID 1\" from \"1001\"", job_name(receiver), dev2);
    add_pages(&expected, job, job_name(receiver), 1, 2 - in_handshake * 2);
    if (side == ABORT_RECEIVER)
        add(&expected, "%s done FAILED csid=\"CSID %lu\" \"The receiver hung up\"", job->name, dev2);
    else
        add(&expected, "%s done ABORTED csid=\"CSID %lu\"", job->name, dev2);
    add(&expected, "%s done %s %ldp", job_name(receiver), side == ABORT_SENDER ? "FAILED" : "ABORTED", completed);
    add(&expected, "dev %lu -", dev1);
    add(&expected, "dev %lu -", dev2);
    check_sequence(0, NULL, &expected);
    check_received_image(received, &heavy3, completed);
    check_idle(&line, dev1);
    check_idle(&line, dev2);
    devices[1].answer_after = 0;
    winetest_pop_context();
}

static void test_abort_remote(void)
{
    struct job *job = new_send_job();
    struct text expected = {{0}};
    const struct record *tx2, *done;
    DWORD error;

    clear_records();
    error = send_fax(&line, dev2, job, L"555 0123", &heavy3, 3);
    ok(!error, "send: %lu\n", error);
    tx2 = wait_record(REC_SEND_PROGRESS, job, 0, 4);
    error = abort_job(job);
    ok(!error, "abort: %lu\n", error);
    done = wait_send_done(job);
    add_send_start(&expected, dev2, job);
    add_pages(&expected, job, NULL, 1, 2);
    add(&expected, "%s done ABORTED csid=\"Remote Fax\"", job->name);
    add(&expected, "dev %lu -", dev2);
    check_sequence(0, NULL, &expected);
    /* Page 2 takes more than 10 s: the abort cut it short. */
    check_gap(tx2, done, 0, page_seconds(&heavy3, 2) - 1, "abort during page 2");
    check_idle(&line, dev2);
}

/* The engine cannot take the call (receive_started returns NULL): the call drops. */
static void test_refused_receive(void)
{
    struct job *job = new_send_job();
    struct text expected = {{0}};
    DWORD error;

    clear_records();
    devices[1].answer_after = 1;
    refuse_receive = TRUE;
    error = send_fax(&line, dev1, job, L"1002", &image2, 2);
    ok(!error, "send: %lu\n", error);
    wait_send_done(job);
    add_send_start(&expected, dev1, job);
    add_rings(&expected, dev2, "1001", 1);
    add(&expected, "dev %lu R", dev2);
    add(&expected, "-- started %lu tsid=\"TSID 1\" from \"1001\"", dev2);
    add(&expected, "%s done FAILED csid=\"CSID %lu\" \"The receiver hung up\"", job->name, dev2);
    add(&expected, "ended %lu", dev2);
    add(&expected, "dev %lu -", dev1);
    add(&expected, "dev %lu -", dev2);
    check_sequence(0, NULL, &expected);
    refuse_receive = FALSE;
    devices[1].answer_after = 0;
    check_idle(&line, dev2);
}

/* Calling a device that is sending gives BUSY at the dial. */
static void test_call_busy_device(void)
{
    struct job *remote = new_send_job(), *job = new_send_job();
    struct text expected = {{0}};
    DWORD error;

    clear_records();
    error = send_fax(&line, dev2, remote, L"5550100", &image2, 2);
    ok(!error, "send: %lu\n", error);
    error = send_fax(&line, dev1, job, L"1002", &image2, 2);
    ok(!error, "send: %lu\n", error);
    wait_send_done(job);
    add_send_start(&expected, dev1, job);
    add(&expected, "%s done BUSY", job->name);
    add(&expected, "dev %lu -", dev1);
    check_sequence(dev1, job, &expected);
    wait_send_done(remote);
}

/* Two devices send at once, each to a remote fax machine. */
static void test_two_sends(void)
{
    struct job *job1 = new_send_job(), *job2 = new_send_job();
    struct text expected = {{0}};
    DWORD error;

    clear_records();
    error = send_fax(&line, dev1, job1, L"5550001", &image3, 3);
    ok(!error, "send 1: %lu\n", error);
    error = send_fax(&line, dev2, job2, L"5550002", &image2, 2);
    ok(!error, "send 2: %lu\n", error);
    wait_send_done(job1);
    wait_send_done(job2);

    add_send_start(&expected, dev1, job1);
    add_pages(&expected, job1, NULL, 1, 3);
    add(&expected, "%s done OK csid=\"Remote Fax\"", job1->name);
    add(&expected, "dev %lu -", dev1);
    check_sequence(dev1, job1, &expected);
    memset(&expected, 0, sizeof(expected));
    add_send_start(&expected, dev2, job2);
    add_pages(&expected, job2, NULL, 1, 2);
    add(&expected, "%s done OK csid=\"Remote Fax\"", job2->name);
    add(&expected, "dev %lu -", dev2);
    check_sequence(dev2, job2, &expected);
    ok(record_count == 2 * 5 + 3 + 2, "%u reports\n", record_count);
}

/* stop in the middle of calls: no report after it, nothing left behind. */
static void test_stop_during_calls(void)
{
    struct provider other = { &virtual_line_ops, &events, NULL };
    struct job *local = new_send_job(), *remote = new_send_job(), *ringing = new_send_job();
    unsigned int first = device_total, count;
    DWORD error, base;

    SetEnvironmentVariableW(L"FXSSVC_VIRTUAL_DEVICES", L"5");
    next_device_id = 201;
    error = start_provider(&other);
    SetEnvironmentVariableW(L"FXSSVC_VIRTUAL_DEVICES", NULL);
    ok(!error && device_total - first == 5, "start: %lu, %u devices\n", error, device_total - first);
    if (error) return;
    base = devices[first].id;
    devices[first + 1].answer_after = 1;

    clear_records();
    ok(!send_fax(&other, base, local, L"1002", &heavy3, 3), "local send\n");
    ok(!send_fax(&other, base + 2, remote, L"555", &image2, 2), "remote send\n");
    ok(!send_fax(&other, base + 3, ringing, L"1005", &image2, 2), "ringing send\n");
    wait_record(REC_SEND_PROGRESS, local, 0, 3);
    wait_record(REC_RINGING, NULL, base + 4, 1);
    stop_provider(&other);
    ok(other.data == NULL, "data left after stop\n");
    count = record_count;
    Sleep(150);     /* 150 s of service time: everything would have moved on */
    engine_sync();
    ok(record_count == count, "%u reports after stop\n", record_count - count);
    ok(!find_record(REC_SEND_DONE, NULL, 0, 1), "a send ended\n");
    device_total = first;
}

START_TEST(virtual_line)
{
    DWORD start = GetTickCount(), error;
    unsigned int blocks, blocks_after;
    size_t bytes, bytes_after;

    InitializeCriticalSection(&records_lock);
    record_capacity = 4096;     /* never grows: the heap checks see only what the provider does */
    records = malloc(record_capacity * sizeof(*records));
    records_changed = CreateEventW(NULL, FALSE, FALSE, NULL);
    SetEnvironmentVariableW(FXSSVC_ENV_CLOCK_SPEED, CLOCK_SPEED);
    clock_init();
    ok(clock_speed() == 1000, "clock speed %f\n", clock_speed());
    error = engine_start();
    ok(!error, "engine_start: %lu\n", error);
    if (error) return;

    make_image(2, FALSE, &image2);
    make_image(3, FALSE, &image3);
    make_image(3, TRUE, &heavy3);

    test_devices();
    if (device_total != 2) return;
    test_bad_arguments();
    test_local_call();
    clear_records();
    engine_sync();
    heap_in_use(&bytes, &blocks);
    test_manual_answer();
    test_no_answer();
    test_scripted_numbers();
    test_remote_numbers();
    test_busy_then_success();
    test_abort_ringing();
    test_abort_local(ABORT_SENDER, FALSE);
    test_abort_local(ABORT_RECEIVER, FALSE);
    test_abort_local(ABORT_BOTH, FALSE);
    test_abort_local(ABORT_SENDER, TRUE);
    test_abort_remote();
    test_refused_receive();
    test_call_busy_device();
    test_two_sends();
    test_stop_during_calls();
    clear_records();
    engine_sync();
    heap_in_use(&bytes_after, &blocks_after);
    ok(bytes_after == bytes && blocks_after == blocks, "heap: %lu bytes in %u blocks, then %lu in %u\n",
       (unsigned long)bytes, blocks, (unsigned long)bytes_after, blocks_after);

    stop_provider(&line);
    ok(line.data == NULL, "data left after stop\n");
    engine_stop();
    clear_records();
    free(records);
    tiff_buffer_free(&image2);
    tiff_buffer_free(&image3);
    tiff_buffer_free(&heavy3);
    trace("%lu ms of real time\n", GetTickCount() - start);
}
