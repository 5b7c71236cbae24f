/*
 * The virtual line: the first device provider (provider.h). A small telephone exchange simulated
 * in service time (clock.h), so that the whole path of a fax (dialling, ringing, answering, pages,
 * busy lines, dropped lines) runs and can be tested without a modem.
 *
 * Devices: FXSSVC_VIRTUAL_DEVICES of them (1 to 64; 2 when unset or out of range), named
 * "Virtual Fax 1", "Virtual Fax 2", ... with the numbers "1001", "1002", ... A device has one line:
 * while it sends, rings or receives, it is in a call and can neither send nor be called.
 *
 * Numbers are compared by their digits only: spaces and - ( ) + . are ignored. A number holding
 * any other character, no digit, or more than 63 digits is a bad address.
 *
 * A send on device D, in service time from the send:
 *   0 s  device_changed(D) (now sending), send_progress(INITIALIZING)
 *   1 s  send_progress(DIALING)
 *   4 s  the outcome, by the digits dialled:
 *   - another virtual device T of this provider: if T is in a call (sending, ringing, receiving),
 *     or is D itself, send_done(BUSY). Otherwise T rings: device_changed(T) (ringing), then
 *     ringing(T, call id, caller id = D's number, n) for n = 1 at once and every 6 s. The engine
 *     answers with answer(T, call id, csid); unanswered 6 s after the 10th ring, D gets
 *     send_done(NO_ANSWER) and T call_ended. Once answered, at once: device_changed(T) (now
 *     receiving) and receive_started(T, call id, D's TSID, D's number); then 2 s of handshake;
 *     then each page k: send_progress(TRANSMITTING, k) and receive_progress(RECEIVING, k), the page
 *     taking its compressed size (tiff_inspect) at 14400 bit/s, at least 2 s; after the last page
 *     send_done(OK, csid = what answer was given) and receive_done(OK, the pages sent, as a TIFF).
 *   - "9000": send_done(BUSY).
 *   - "9001": a remote line rings, nobody answers: send_done(NO_ANSWER) 60 s later (10 rings).
 *   - "9002": send_done(BAD_ADDRESS).
 *   - "9003": send_done(NO_DIAL_TONE).
 *   - "91kk", kk 01 to 99: a remote fax machine answers 12 s later (two rings), 2 s of handshake,
 *     pages go through as above until page kk: TRANSMITTING kk is reported, and halfway through
 *     that page the line drops: send_done(FAILED, "The line dropped while sending page kk", csid
 *     "Remote Fax"). A fax of fewer than kk pages goes through.
 *   - "92nn", nn 01 to 99: BUSY for the first nn calls to that number that reached their outcome
 *     since this provider started, then as any other number.
 *   - any other number (also "9100" and "9200"): a remote fax machine answers 12 s later, 2 s of
 *     handshake, all pages go through: send_done(OK, csid "Remote Fax").
 * A call ends with the job reports first (send_done; then receive_done or call_ended for a local
 * callee), then device_changed(D) and device_changed(T) (now idle).
 *
 * abort(job) stops the call at once (none of its timers runs any more); its reports follow at the
 * same service time: the aborted job ends with PROVIDER_ABORTED; a local peer that was receiving
 * gets receive_done(FAILED) with the pages completed so far (image NULL when none), one that was
 * only ringing gets call_ended, a sending peer gets send_done(FAILED, "The receiver hung up").
 * When the engine aborts both jobs of a call, both end with PROVIDER_ABORTED. An aborted receive
 * also comes with the pages completed so far. The engine refusing a call (receive_started returns
 * NULL) ends it the same way: send_done(FAILED, "The receiver hung up").
 *
 * As provider.h requires, nothing is reported from inside an operation: every report comes from a
 * timer of this file, the ones "at once" from a timer due now. The times above are minimums: each
 * step waits its full time after the reports of the step before.
 *
 * Errors. send: ERROR_INVALID_PARAMETER (unknown device, NULL job, number or image), ERROR_BUSY
 * (the device is in a call), ERROR_INVALID_DATA (the image is no fax TIFF, or does not have pages
 * pages), ERROR_OUTOFMEMORY. answer: ERROR_INVALID_PARAMETER (unknown device), ERROR_NOT_FOUND (no
 * call of that id rings on that device). abort: ERROR_NOT_FOUND (no send or receive of that job in
 * progress); aborting a call already ending succeeds. get_state: ERROR_INVALID_PARAMETER. Call ids
 * are 1, 2, 3, ... per provider instance, one for each send.
 *
 * stop ends every call without any report, cancels every timer and frees everything.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "provider.h"
#include "engine.h"
#include "tiff.h"
#include "fax_status.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define VL_DEVICES_ENV      L"FXSSVC_VIRTUAL_DEVICES"
#define VL_DEFAULT_DEVICES  2
#define VL_MAX_DEVICES      64
#define VL_FIRST_NUMBER     1001

#define VL_DIAL_DELAY       (1 * SVC_TIME_SECOND)   /* INITIALIZING to DIALING */
#define VL_DIAL_TIME        (3 * SVC_TIME_SECOND)   /* DIALING to the outcome */
#define VL_RING_PERIOD      (6 * SVC_TIME_SECOND)
#define VL_MAX_RINGS        10
#define VL_REMOTE_RINGS     2                       /* a remote fax machine answers after these */
#define VL_HANDSHAKE        (2 * SVC_TIME_SECOND)
#define VL_LINE_SPEED       14400                   /* bit/s, V.17 */
#define VL_MIN_PAGE_TIME    (2 * SVC_TIME_SECOND)

#define VL_REMOTE_CSID      L"Remote Fax"

/* The number of digits a dialled number may have, and the size of the stored station ids. */
#define VL_MAX_DIGITS       64
#define VL_MAX_ID           64

enum vl_phase
{
    PHASE_STARTING,     /* until INITIALIZING is reported */
    PHASE_DIALING,
    PHASE_RINGING,      /* at the callee, local or remote */
    PHASE_ANSWERED,     /* answered, receive_started not yet reported */
    PHASE_PAGES,        /* handshake and pages */
    PHASE_HANGING_UP,   /* aborted or refused: the reports are due */
};

struct vl_call;

struct vl_device
{
    DWORD id;                   /* the engine's */
    WCHAR number[16];
    struct vl_call *call;       /* the call on this device's line, as caller or callee */
};

struct vl_call
{
    struct vl_line *line;
    struct vl_call *next;
    LONG id;
    enum vl_phase phase;
    struct engine_timer *timer; /* a call waits for at most one thing at a time */
    struct vl_device *caller;
    struct vl_device *callee;   /* a local callee; NULL for a remote one */
    struct job *send_job;
    struct job *receive_job;
    BOOL valid_number;
    WCHAR digits[VL_MAX_DIGITS];
    WCHAR tsid[VL_MAX_ID];
    WCHAR csid[VL_MAX_ID];
    BOOL answered;
    BOOL send_aborted, receive_aborted;
    unsigned int rings;
    LONG fail_page;             /* the line drops during this page; 0: never */
    LONG page;                  /* the page on the line, from 1; 0 before the first */
    LONG pages_done;
    LONG pages;
    svc_time *page_time;
    void *image;                /* the provider's own copy of the fax */
    size_t size;
};

struct vl_line
{
    struct provider *provider;
    struct vl_device devices[VL_MAX_DEVICES];
    unsigned int device_count;
    struct vl_call *calls;
    LONG last_call_id;
    unsigned int busy_calls[100];   /* "92nn": how many calls reached nn so far */
};

static struct vl_line *line_from_provider(struct provider *provider)
{
    return provider ? provider->data : NULL;
}

static const struct provider_events *line_events(struct vl_line *line)
{
    return line->provider->events;
}

/* How many devices to offer. One small function so that the count can move to the service's
 * configuration without touching the rest. */
static unsigned int virtual_device_count(void)
{
    WCHAR value[16], *end;
    DWORD length = GetEnvironmentVariableW(VL_DEVICES_ENV, value, ARRAY_SIZE(value));
    unsigned long count;

    if (!length || length >= ARRAY_SIZE(value)) return VL_DEFAULT_DEVICES;
    count = wcstoul(value, &end, 10);
    if (end == value || *end || count < 1 || count > VL_MAX_DEVICES) return VL_DEFAULT_DEVICES;
    return count;
}

static struct vl_device *find_device(struct vl_line *line, DWORD id)
{
    unsigned int i;

    for (i = 0; i < line->device_count; i++)
        if (line->devices[i].id == id) return &line->devices[i];
    return NULL;
}

/* Keeps the digits of number: FALSE when it holds a character that is neither a digit nor a
 * separator people write, no digit at all, or too many. */
static BOOL number_digits(const WCHAR *number, WCHAR *digits, size_t size)
{
    size_t count = 0;

    for (; *number; number++)
    {
        if (*number >= '0' && *number <= '9')
        {
            if (count + 1 >= size) return FALSE;
            digits[count++] = *number;
        }
        else if (!wcschr(L" -()+.", *number)) return FALSE;
    }
    digits[count] = 0;
    return count != 0;
}

static struct vl_device *find_device_by_digits(struct vl_line *line, const WCHAR *digits)
{
    unsigned int i;

    for (i = 0; i < line->device_count; i++)
        if (!wcscmp(line->devices[i].number, digits)) return &line->devices[i];
    return NULL;
}

/* "91kk" or "92nn": the two-digit argument of a scripted number with prefix, 0 when it is none. */
static unsigned int script_argument(const WCHAR *digits, const WCHAR *prefix)
{
    if (wcslen(digits) != 4 || wcsncmp(digits, prefix, 2)) return 0;
    return (digits[2] - '0') * 10 + (digits[3] - '0');
}

static svc_time page_time(uint64_t bytes)
{
    svc_time time = bytes * 8 * SVC_TIME_SECOND / VL_LINE_SPEED;
    return time < VL_MIN_PAGE_TIME ? VL_MIN_PAGE_TIME : time;
}

/* The call's timer runs fn after delay; the one it had is cancelled. */
static BOOL call_schedule(struct vl_call *call, svc_time delay, engine_timer_fn fn)
{
    engine_timer_cancel(call->timer);
    call->timer = engine_timer_add(clock_now() + delay, fn, call);
    return call->timer != NULL;
}

/* Schedules the call's next step once the reports of the current one are made, unless an operation
 * called from inside them (answer, abort) already gave the call something else to wait for. After
 * the reports, so that the simulated times stay minimums however long the engine takes over them. */
static void call_continue(struct vl_call *call, svc_time delay, engine_timer_fn fn)
{
    if (!call->timer) call_schedule(call, delay, fn);
}

static void call_free(struct vl_call *call)
{
    engine_timer_cancel(call->timer);
    free(call->page_time);
    free(call->image);
    free(call);
}

/* Takes the call off the line: after this no operation finds it, and its devices are free for
 * whatever the engine does in the reports that follow. */
static void call_detach(struct vl_call *call)
{
    struct vl_call **p;

    for (p = &call->line->calls; *p; p = &(*p)->next)
        if (*p == call)
        {
            *p = call->next;
            break;
        }
    if (call->caller && call->caller->call == call) call->caller->call = NULL;
    if (call->callee && call->callee->call == call) call->callee->call = NULL;
    engine_timer_cancel(call->timer);
    call->timer = NULL;
}

/* The pages received so far as one TIFF, for receive_done. */
static void received_image(struct vl_call *call, tiff_buffer *out)
{
    out->data = NULL;
    out->size = 0;
    if (call->pages_done > 0)
        tiff_extract_pages(call->image, call->size, 0, call->pages_done, TIFF_MAX_OUTPUT_PAGES, out);
}

static void report_receive_end(const struct provider_events *events, struct vl_call *call, DWORD callee_id,
                               enum provider_result result)
{
    tiff_buffer image;
    LONG pages;

    if (!call->receive_job)
    {
        events->call_ended(callee_id, call->id);
        return;
    }
    received_image(call, &image);
    pages = image.data ? call->pages_done : 0;
    if (result == PROVIDER_OK && !image.data) result = PROVIDER_FAILED;   /* out of memory */
    events->receive_done(call->receive_job, result, image.data, image.size, pages);
    tiff_buffer_free(&image);
}

/* Ends a call: the job reports, then the devices, now idle. Only the call's own memory is used
 * once the reports begin: the engine may start another call on these devices from a report. */
static void call_finish(struct vl_call *call, enum provider_result send_result, const WCHAR *text,
                        enum provider_result receive_result)
{
    const struct provider_events *events = line_events(call->line);
    DWORD caller_id = call->caller->id, callee_id = call->callee ? call->callee->id : 0;

    call_detach(call);
    events->send_done(call->send_job, send_result, text, call->answered ? call->csid : NULL);
    if (callee_id) report_receive_end(events, call, callee_id, receive_result);
    events->device_changed(caller_id);
    if (callee_id) events->device_changed(callee_id);
    call_free(call);
}

static void call_end_send(struct vl_call *call, enum provider_result result, const WCHAR *text)
{
    call_finish(call, result, text, result == PROVIDER_OK ? PROVIDER_OK : PROVIDER_FAILED);
}

static void call_hang_up_timer(void *context)
{
    struct vl_call *call = context;

    call->timer = NULL;
    call_finish(call, call->send_aborted ? PROVIDER_ABORTED : PROVIDER_FAILED,
                call->send_aborted ? NULL : L"The receiver hung up",
                call->receive_aborted ? PROVIDER_ABORTED : PROVIDER_FAILED);
}

/* Stops whatever the call was waiting for; the reports follow at once from a timer. */
static void call_hang_up(struct vl_call *call)
{
    if (call->phase == PHASE_HANGING_UP) return;
    call->phase = PHASE_HANGING_UP;
    call_schedule(call, 0, call_hang_up_timer);
}

static void call_line_dropped_timer(void *context)
{
    struct vl_call *call = context;
    WCHAR text[80];

    call->timer = NULL;
    swprintf(text, ARRAY_SIZE(text), L"The line dropped while sending page %ld", call->page);
    call_end_send(call, PROVIDER_FAILED, text);
}

/* The page on the line went through (none at the end of the handshake): the next one starts. */
static void call_page_timer(void *context)
{
    struct vl_call *call = context;
    const struct provider_events *events = line_events(call->line);
    svc_time duration;

    call->timer = NULL;
    call->pages_done = call->page;
    if (call->pages_done == call->pages)
    {
        call_end_send(call, PROVIDER_OK, NULL);
        return;
    }
    call->page++;
    events->send_progress(call->send_job, FAX_JES_TRANSMITTING, NULL, call->page);
    if (call->receive_job) events->receive_progress(call->receive_job, FAX_JES_RECEIVING, call->page);
    duration = call->page_time[call->page - 1];
    if (call->page == call->fail_page)
        call_continue(call, duration / 2, call_line_dropped_timer);
    else
        call_continue(call, duration, call_page_timer);
}

/* A local callee answered: the engine learns that a fax comes in and gives the job to hold it. */
static void call_answered_timer(void *context)
{
    struct vl_call *call = context;
    const struct provider_events *events = line_events(call->line);
    struct job *job;

    call->timer = NULL;
    call->phase = PHASE_PAGES;
    events->device_changed(call->callee->id);
    job = events->receive_started(call->callee->id, call->id, call->tsid, call->caller->number);
    /* Aborted from inside the report, the hang-up reports the new job too; refused, it hangs up. */
    call->receive_job = job;
    if (!job) call_hang_up(call);
    call_continue(call, VL_HANDSHAKE, call_page_timer);
}

static void call_remote_answered_timer(void *context)
{
    struct vl_call *call = context;

    call->timer = NULL;
    call->answered = TRUE;
    lstrcpynW(call->csid, VL_REMOTE_CSID, ARRAY_SIZE(call->csid));
    call->phase = PHASE_PAGES;
    call_schedule(call, VL_HANDSHAKE, call_page_timer);
}

static void call_no_answer_timer(void *context)
{
    struct vl_call *call = context;

    call->timer = NULL;
    call_end_send(call, PROVIDER_NO_ANSWER, NULL);
}

static void call_ring_timer(void *context)
{
    struct vl_call *call = context;
    const struct provider_events *events = line_events(call->line);

    call->timer = NULL;
    if (call->rings == VL_MAX_RINGS)
    {
        call_end_send(call, PROVIDER_NO_ANSWER, NULL);
        return;
    }
    call->rings++;
    if (call->rings == 1) events->device_changed(call->callee->id);
    events->ringing(call->callee->id, call->id, call->caller->number, call->rings);
    call_continue(call, VL_RING_PERIOD, call_ring_timer);
}

static void call_local(struct vl_call *call, struct vl_device *callee)
{
    if (callee->call)
    {
        call_end_send(call, PROVIDER_BUSY, NULL);
        return;
    }
    call->callee = callee;
    callee->call = call;
    call->phase = PHASE_RINGING;
    call_ring_timer(call);
}

static void call_remote(struct vl_call *call, BOOL answers, LONG fail_page)
{
    call->phase = PHASE_RINGING;
    call->fail_page = fail_page;
    if (answers)
        call_schedule(call, VL_REMOTE_RINGS * VL_RING_PERIOD, call_remote_answered_timer);
    else
        call_schedule(call, VL_MAX_RINGS * VL_RING_PERIOD, call_no_answer_timer);
}

/* "92nn": busy for the first nn calls that get this far. */
static BOOL busy_for_now(struct vl_call *call, unsigned int nn)
{
    return ++call->line->busy_calls[nn] <= nn;
}

/* The outcome of dialling, by the digits dialled: see the top of the file. */
static void call_outcome_timer(void *context)
{
    struct vl_call *call = context;
    struct vl_device *callee;
    unsigned int argument;

    call->timer = NULL;
    if (!call->valid_number || !wcscmp(call->digits, L"9002"))
        call_end_send(call, PROVIDER_BAD_ADDRESS, NULL);
    else if ((callee = find_device_by_digits(call->line, call->digits)))
        call_local(call, callee);
    else if (!wcscmp(call->digits, L"9000"))
        call_end_send(call, PROVIDER_BUSY, NULL);
    else if (!wcscmp(call->digits, L"9001"))
        call_remote(call, FALSE, 0);
    else if (!wcscmp(call->digits, L"9003"))
        call_end_send(call, PROVIDER_NO_DIAL_TONE, NULL);
    else if ((argument = script_argument(call->digits, L"91")))
        call_remote(call, TRUE, argument);
    else if ((argument = script_argument(call->digits, L"92")) && busy_for_now(call, argument))
        call_end_send(call, PROVIDER_BUSY, NULL);
    else
        call_remote(call, TRUE, 0);
}

static void call_dial_timer(void *context)
{
    struct vl_call *call = context;

    call->timer = NULL;
    call->phase = PHASE_DIALING;
    line_events(call->line)->send_progress(call->send_job, FAX_JES_DIALING, NULL, 0);
    call_continue(call, VL_DIAL_TIME, call_outcome_timer);
}

static void call_begin_timer(void *context)
{
    struct vl_call *call = context;
    const struct provider_events *events = line_events(call->line);

    call->timer = NULL;
    events->device_changed(call->caller->id);
    events->send_progress(call->send_job, FAX_JES_INITIALIZING, NULL, 0);
    call_continue(call, VL_DIAL_DELAY, call_dial_timer);
}

/* The provider's own copy of the fax, with the time each page takes on the line. */
static DWORD call_take_image(struct vl_call *call, const void *image, size_t size, LONG pages)
{
    tiff_doc doc;
    tiff_status status;
    uint32_t i;

    status = tiff_inspect(image, size, TIFF_MAX_OUTPUT_PAGES, &doc);
    if (status == TIFF_ERR_NO_MEMORY) return ERROR_OUTOFMEMORY;
    if (status != TIFF_OK) return ERROR_INVALID_DATA;
    if (doc.page_count != (uint32_t)pages)
    {
        tiff_doc_free(&doc);
        return ERROR_INVALID_DATA;
    }
    call->image = malloc(size);
    call->page_time = malloc(doc.page_count * sizeof(*call->page_time));
    if (call->image && call->page_time)
    {
        memcpy(call->image, image, size);
        call->size = size;
        call->pages = pages;
        for (i = 0; i < doc.page_count; i++) call->page_time[i] = page_time(doc.pages[i].strip_bytes);
    }
    tiff_doc_free(&doc);
    return call->image && call->page_time ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
}

static DWORD vl_send(struct provider *provider, DWORD device_id, struct job *job, const WCHAR *number,
                           const WCHAR *tsid, const void *image, size_t size, LONG pages)
{
    struct vl_line *line = line_from_provider(provider);
    struct vl_device *device;
    struct vl_call *call;
    DWORD error;

    if (!line || !(device = find_device(line, device_id)) || !job || !number || !image || pages <= 0)
        return ERROR_INVALID_PARAMETER;
    if (device->call) return ERROR_BUSY;
    if (!(call = calloc(1, sizeof(*call)))) return ERROR_OUTOFMEMORY;
    if (!(error = call_take_image(call, image, size, pages)) && !call_schedule(call, 0, call_begin_timer))
        error = ERROR_OUTOFMEMORY;
    if (error)
    {
        call_free(call);
        return error;
    }
    call->line = line;
    call->id = ++line->last_call_id;
    call->phase = PHASE_STARTING;
    call->caller = device;
    call->send_job = job;
    call->valid_number = number_digits(number, call->digits, ARRAY_SIZE(call->digits));
    lstrcpynW(call->tsid, tsid ? tsid : L"", ARRAY_SIZE(call->tsid));
    device->call = call;
    call->next = line->calls;
    line->calls = call;
    return ERROR_SUCCESS;
}

static DWORD vl_answer(struct provider *provider, DWORD device_id, LONG call_id, const WCHAR *csid)
{
    struct vl_line *line = line_from_provider(provider);
    struct vl_device *device;
    struct vl_call *call;

    if (!line || !(device = find_device(line, device_id))) return ERROR_INVALID_PARAMETER;
    call = device->call;
    if (!call || call->callee != device || call->phase != PHASE_RINGING || call->id != call_id)
        return ERROR_NOT_FOUND;
    call->phase = PHASE_ANSWERED;
    call->answered = TRUE;
    lstrcpynW(call->csid, csid ? csid : L"", ARRAY_SIZE(call->csid));
    if (!call_schedule(call, 0, call_answered_timer)) return ERROR_OUTOFMEMORY;
    return ERROR_SUCCESS;
}

static DWORD vl_abort(struct provider *provider, struct job *job)
{
    struct vl_line *line = line_from_provider(provider);
    struct vl_call *call;

    if (!line || !job) return ERROR_NOT_FOUND;
    for (call = line->calls; call; call = call->next)
    {
        if (call->send_job == job) call->send_aborted = TRUE;
        else if (call->receive_job == job) call->receive_aborted = TRUE;
        else continue;
        call_hang_up(call);
        return ERROR_SUCCESS;
    }
    return ERROR_NOT_FOUND;
}

static DWORD vl_get_state(struct provider *provider, DWORD device_id, DWORD *state)
{
    struct vl_line *line = line_from_provider(provider);
    struct vl_device *device;
    struct vl_call *call;

    if (!line || !state || !(device = find_device(line, device_id))) return ERROR_INVALID_PARAMETER;
    *state = 0;
    if (!(call = device->call)) return ERROR_SUCCESS;
    if (call->caller == device) *state = PROVIDER_DEVICE_SENDING;
    else if (call->answered) *state = PROVIDER_DEVICE_RECEIVING;
    else *state = PROVIDER_DEVICE_RINGING;
    return ERROR_SUCCESS;
}

static DWORD add_devices(struct vl_line *line, unsigned int count)
{
    DWORD error;

    for (line->device_count = 0; line->device_count < count; line->device_count++)
    {
        struct vl_device *device = &line->devices[line->device_count];
        unsigned int index = line->device_count + 1;
        struct provider_device info;

        memset(&info, 0, sizeof(info));
        swprintf(info.name, ARRAY_SIZE(info.name), L"Virtual Fax %u", index);
        swprintf(info.number, ARRAY_SIZE(info.number), L"%u", VL_FIRST_NUMBER + index - 1);
        lstrcpynW(info.description, L"A simulated fax line (fxscomex virtual line)", ARRAY_SIZE(info.description));
        lstrcpynW(device->number, info.number, ARRAY_SIZE(device->number));
        if ((error = provider_add_device(line->provider, &info, &device->id))) return error;
    }
    return ERROR_SUCCESS;
}

static DWORD vl_start(struct provider *provider)
{
    struct vl_line *line;
    DWORD error;

    if (!(line = calloc(1, sizeof(*line)))) return ERROR_OUTOFMEMORY;
    line->provider = provider;
    provider->data = line;
    if ((error = add_devices(line, virtual_device_count())))
    {
        provider->data = NULL;
        free(line);
    }
    return error;
}

static void vl_stop(struct provider *provider)
{
    struct vl_line *line = line_from_provider(provider);

    if (!line) return;
    while (line->calls)
    {
        struct vl_call *call = line->calls;
        line->calls = call->next;
        call_free(call);
    }
    provider->data = NULL;
    free(line);
}

const struct provider_ops virtual_line_ops =
{
    L"fxscomex.VirtualLine",
    L"fxscomex Virtual Line",
    L"fxsvline.dll",
    MAKELONG(0, 1),
    vl_start,
    vl_stop,
    vl_send,
    vl_answer,
    vl_abort,
    vl_get_state,
};
