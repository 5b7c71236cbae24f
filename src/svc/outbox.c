/*
 * The outgoing queue (see outbox.h).
 *
 * A job's life: PENDING (| NOLINE while no device is free, | PAUSED while paused) until its
 * scheduled time, INPROGRESS on a device (INITIALIZING, DIALING, TRANSMITTING page by page), then
 * COMPLETED (archived and removed), or RETRYING after a busy line, no answer or a failure, until
 * the configured retries are used up: RETRIES_EXCEEDED, kept until the queue's age limit or a
 * restart. A bad address fails at once (FAILED). Cancel: CANCELED and removed (through CANCELING
 * while a device is busy with it). Jobs to one destination are sent one at a time.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "outbox.h"
#include "devices.h"
#include "engine.h"
#include "config.h"
#include "routing.h"
#include "activity.h"
#include "activity_log.h"
#include "notify.h"
#include "jobstore.h"
#include "archive.h"
#include "cover_page.h"
#include "tiff.h"
#include "provider_request.h"

static struct job *jobs;                 /* in submission order */
static struct engine_timer *wake_timer;  /* the next scheduled time of a waiting job */
static svc_time wake_time;

static DWORD main_state(const struct job *job)
{
    return job->status & ~(fjsPAUSED | fjsNOLINE);
}

static void add_job(struct job *job)
{
    struct job **tail = &jobs;
    while (*tail) tail = &(*tail)->next;
    job->next = NULL;
    *tail = job;
}

static void unlink_job(struct job *job)
{
    struct job **link;
    for (link = &jobs; *link; link = &(*link)->next)
        if (*link == job)
        {
            *link = job->next;
            return;
        }
}

struct job *outbox_find(ULONGLONG id)
{
    struct job *job;
    for (job = jobs; job; job = job->next)
        if (job->id == id) return job;
    return NULL;
}

struct job *outbox_first(void)
{
    return jobs;
}

/* Saves the job, then tells the listeners: what they were told is on disk. */
static void job_changed(struct job *job)
{
    DWORD error = jobstore_save_job(job);
    if (error) svc_log("saving job %I64X failed: %lu", job->id, error);
    notify_job(job, FXS_JOB_EVENT_STATUS);
}

static void set_status(struct job *job, DWORD status, DWORD extended_code, const WCHAR *extended_text)
{
    job->status = status;
    job->extended_status_code = extended_code;
    job_set_string(&job->extended_status, extended_text);
}

/* The next moment the discount period begins, from now (or now, inside it). */
static svc_time next_discount_time(svc_time now)
{
    const struct outbox_config *config = &config_get()->outbox;
    svc_time day_start, minute;
    double date = clock_to_date(now);
    DWORD minutes = (DWORD)((date - (LONGLONG)date) * 24 * 60 + 0.5) % (24 * 60);
    BOOL inside;

    if (config->discount_start <= config->discount_end)
        inside = minutes >= config->discount_start && minutes < config->discount_end;
    else  /* the period spans midnight */
        inside = minutes >= config->discount_start || minutes < config->discount_end;
    if (inside) return now;
    minute = SVC_TIME_MINUTE;
    day_start = now - (svc_time)minutes * minute;
    if (minutes < config->discount_start) return day_start + (svc_time)config->discount_start * minute;
    return day_start + SVC_TIME_DAY + (svc_time)config->discount_start * minute;
}

static void remove_job(struct job *job)
{
    unlink_job(job);
    if (job->timer) engine_timer_cancel(job->timer);
    notify_job(job, FXS_JOB_EVENT_REMOVED);
    activity_change(0, 0, 0, -1);
    job_free(job);
}

static void archive_and_remove(struct job *job)
{
    struct device *device = device_find(job->device_id);
    DWORD error;

    job_set_string(&job->device_name, device ? device->name : L"");

    if (config_get()->outgoing_archive.use_archive)
    {
        if ((error = jobstore_archive_job(job))) svc_log("archiving job %I64X failed: %lu", job->id, error);
        else archive_added(FALSE, job->id);
    }
    else if ((error = jobstore_delete_job(job))) svc_log("deleting job %I64X failed: %lu", job->id, error);
    remove_job(job);
}

static void delete_and_remove(struct job *job)
{
    DWORD error = jobstore_delete_job(job);
    if (error) svc_log("deleting job %I64X failed: %lu", job->id, error);
    remove_job(job);
}

/* Failed jobs stay for the queue's age limit. */
static void age_limit_reached(void *context)
{
    struct job *job = context;
    job->timer = NULL;
    delete_and_remove(job);
}

static void start_age_limit(struct job *job)
{
    DWORD days = config_get()->outbox.age_limit;
    if (job->timer) engine_timer_cancel(job->timer);
    job->timer = days ? engine_timer_add(job->transmission_end + days * SVC_TIME_DAY, age_limit_reached, job) : NULL;
}

static BOOL destination_busy(const struct job *candidate)
{
    const struct job *job;
    for (job = jobs; job; job = job->next)
        if (job != candidate && main_state(job) == fjsINPROGRESS &&
            !lstrcmpiW(job->document.recipient_number, candidate->document.recipient_number))
            return TRUE;
    return FALSE;
}

/* The best job to send now: highest priority, then earliest scheduled, then oldest. */
static struct job *next_sendable(svc_time now, svc_time *next_wake)
{
    struct job *job, *best = NULL;

    for (job = jobs; job; job = job->next)
    {
        DWORD state = main_state(job);
        if ((state != fjsPENDING && state != fjsRETRYING) || (job->status & fjsPAUSED)) continue;
        if (job->scheduled_time > now)
        {
            if (job->scheduled_time < *next_wake) *next_wake = job->scheduled_time;
            continue;
        }
        if (job->device_busy || destination_busy(job)) continue;
        if (!best || job->document.priority > best->document.priority ||
            (job->document.priority == best->document.priority && job->scheduled_time < best->scheduled_time))
            best = job;
    }
    return best;
}

static DWORD start_send(struct job *job, struct device *device)
{
    const struct service_config *config = config_get();
    const struct device_config *settings = routing_device_config(device->id);
    void *image = NULL;
    size_t size = 0;
    DWORD error;

    if ((error = jobstore_get_image(job, &image, &size))) return error;

    job->status = fjsINPROGRESS;
    job->extended_status_code = fjesINITIALIZING;
    job_set_string(&job->extended_status, L"");
    job->device_id = device->id;
    job->current_page = 0;
    job->transmission_start = clock_now();
    job->transmission_end = 0;
    job->device_busy = TRUE;
    job->line_holds = device->provider->ops->hold != NULL;
    if (config->outbox.use_device_tsid || !job->document.sender[SENDER_TSID][0])
        job_set_string(&job->tsid, settings ? settings->tsid : L"");
    else
        job_set_string(&job->tsid, job->document.sender[SENDER_TSID]);
    device->sending = job;

    device_notify(device);
    activity_change(0, 0, 1, 0);
    job_changed(job);
    error = device->provider->ops->send(device->provider, device->id, job, job->document.recipient_number,
                                        job->tsid, image, size, job->pages);
    free(image);
    if (error)
    {
        /* The provider refused the job: the line is treated as failed, with a retry. */
        outbox_send_done(job, PROVIDER_FAILED, L"The device could not start the call.", NULL);
        return ERROR_SUCCESS;
    }
    return ERROR_SUCCESS;
}

/* Marks waiting jobs NOLINE while no device can take them, and clears it when one can. */
static void update_noline(struct job *job, BOOL noline)
{
    if (!!(job->status & fjsNOLINE) == noline) return;
    job->status ^= fjsNOLINE;
    job_changed(job);
}

static void wake_up(void *context)
{
    wake_timer = NULL;
    outbox_reschedule();
}

void outbox_reschedule(void)
{
    svc_time now = clock_now(), next_wake = SVC_TIME_NEVER;
    struct job *job;

    if (!config_get()->outbox.paused)
    {
        while ((job = next_sendable(now, &next_wake)))
        {
            struct device *device = routing_free_device(job->document.recipient_number);
            if (!device)
            {
                /* Every job that is due and waits for a line says so. */
                for (job = jobs; job; job = job->next)
                    if ((main_state(job) == fjsPENDING || main_state(job) == fjsRETRYING) &&
                        !(job->status & fjsPAUSED) && job->scheduled_time <= now)
                        update_noline(job, TRUE);
                break;
            }
            job->status &= ~fjsNOLINE;
            start_send(job, device);
        }
    }

    if (next_wake != wake_time || (next_wake != SVC_TIME_NEVER && !wake_timer))
    {
        if (wake_timer) engine_timer_cancel(wake_timer);
        wake_timer = next_wake == SVC_TIME_NEVER ? NULL : engine_timer_add(next_wake, wake_up, NULL);
        wake_time = next_wake;
    }
}

static struct job *new_job(const struct submission *submission, DWORD recipient, svc_time now)
{
    const struct job_document *src = &submission->document;
    struct job *job = job_create(FALSE);
    struct job_document *doc;
    unsigned int i;
    BOOL ok;

    if (!job) return NULL;
    doc = &job->document;
    job->id = jobstore_new_id();
    ok = job_set_string(&doc->subject, src->subject) && job_set_string(&doc->document_name, src->document_name) &&
         job_set_string(&doc->note, src->note) && job_set_string(&doc->cover_page, src->cover_page) &&
         job_set_string(&doc->receipt_address, src->receipt_address) &&
         job_set_string(&doc->submission_id, src->submission_id) && job_set_string(&doc->owner, src->owner) &&
         job_set_string(&doc->recipient_number, submission->recipient_numbers[recipient]) &&
         job_set_string(&doc->recipient_name, submission->recipient_names[recipient]) &&
         job_set_string(&job->extended_status, L"") && job_set_string(&job->csid, L"") &&
         job_set_string(&job->tsid, src->sender[SENDER_TSID]) && job_set_string(&job->caller_id, L"") &&
         job_set_string(&job->routing_information, L"");
    for (i = 0; ok && i < SENDER_FIELD_COUNT; i++) ok = job_set_string(&doc->sender[i], src->sender[i]);
    if (!ok)
    {
        job_free(job);
        return NULL;
    }
    doc->priority = src->priority;
    doc->receipt_type = src->receipt_type;
    doc->schedule_type = src->schedule_type;
    doc->cover_page_type = src->cover_page_type;
    doc->group_broadcast_receipts = src->group_broadcast_receipts;
    doc->attach_fax_to_receipt = src->attach_fax_to_receipt;
    doc->submission_time = now;

    switch (src->schedule_type)
    {
    case fstSPECIFIC_TIME: job->scheduled_time = submission->scheduled_time > now ? submission->scheduled_time : now; break;
    case fstDISCOUNT_PERIOD: job->scheduled_time = next_discount_time(now); break;
    default: job->scheduled_time = now; break;
    }
    doc->original_scheduled_time = job->scheduled_time;
    job->status = fjsPENDING;
    return job;
}

/* The job's image: the body, after the job's own cover page when the document asks for one. */
static DWORD job_image(struct job *job, const struct submission *submission, tiff_buffer *image)
{
    tiff_input inputs[2];
    tiff_buffer cover = { 0 };
    size_t count = 0;
    tiff_status status;
    DWORD error;

    if (job->document.cover_page_type != fcptNONE)
    {
        if ((error = cover_page_render(job, submission->pages, &cover))) return error;
        inputs[count].data = cover.data;
        inputs[count++].size = cover.size;
    }
    if (submission->image_size)
    {
        inputs[count].data = submission->image;
        inputs[count++].size = submission->image_size;
    }
    if (!count) return ERROR_INVALID_PARAMETER;
    status = tiff_join(inputs, count, FXS_MAX_PAGES + 1, image);
    tiff_buffer_free(&cover);
    if (status == TIFF_ERR_NO_MEMORY) return ERROR_OUTOFMEMORY;
    if (status != TIFF_OK) return ERROR_INVALID_DATA;
    job->pages = submission->pages + (job->document.cover_page_type != fcptNONE);
    job->size = (LONG)image->size;
    return ERROR_SUCCESS;
}

/* A new job of the submission, saved with its image: durable before it is acknowledged. */
static DWORD create_job(const struct submission *submission, DWORD recipient, svc_time now, struct job **out)
{
    tiff_buffer image = { 0 };
    struct job *job;
    DWORD error;

    if (!(job = new_job(submission, recipient, now))) return ERROR_OUTOFMEMORY;
    if ((error = job_image(job, submission, &image)) || (error = jobstore_put_image(job, image.data, image.size)) ||
        (error = jobstore_save_job(job)))
    {
        jobstore_delete_job(job);
        job_free(job);
    }
    else *out = job;
    tiff_buffer_free(&image);
    return error;
}

/* All recipients or none: the jobs are saved first, and only then queued and announced. */
DWORD outbox_submit(const struct submission *submission, ULONGLONG *ids)
{
    svc_time now = clock_now();
    struct job **created;
    DWORD i, error = ERROR_SUCCESS;

    if (config_get()->outbox.blocked) return ERROR_WRITE_PROTECT;
    if (!(created = calloc(submission->recipient_count, sizeof(*created)))) return ERROR_OUTOFMEMORY;
    for (i = 0; i < submission->recipient_count && !error; i++)
        error = create_job(submission, i, now, &created[i]);
    if (error)
    {
        while (i--)
        {
            if (!created[i]) continue;
            jobstore_delete_job(created[i]);
            job_free(created[i]);
        }
        free(created);
        return error;
    }
    for (i = 0; i < submission->recipient_count; i++)
    {
        ids[i] = created[i]->id;
        add_job(created[i]);
        notify_job(created[i], FXS_JOB_EVENT_ADDED);
        activity_change(0, 0, 0, 1);
        notify_job(created[i], FXS_JOB_EVENT_STATUS);
    }
    free(created);
    outbox_reschedule();
    return ERROR_SUCCESS;
}

void outbox_adopt(struct job *job)
{
    add_job(job);
    activity_change(0, 0, 0, 1);
    if (main_state(job) == fjsFAILED || main_state(job) == fjsRETRIES_EXCEEDED) start_age_limit(job);
}

static void free_device(struct job *job)
{
    struct device *device = device_find(job->device_id);

    job->device_busy = FALSE;
    if (device && device->sending == job)
    {
        device->sending = NULL;
        device_notify(device);
    }
    activity_change(0, 0, -1, 0);
}

void outbox_send_progress(struct job *job, DWORD extended_status, const WCHAR *text, LONG current_page)
{
    if (main_state(job) != fjsINPROGRESS) return;  /* a late report after a cancel */
    /* A report of what the job already shows (INITIALIZING, which the engine set when it handed
     * the job over) is no change: no event. */
    if (job->extended_status_code == extended_status && job->current_page == current_page &&
        !lstrcmpW(job->extended_status, text ? text : L""))
        return;
    job->extended_status_code = extended_status;
    job_set_string(&job->extended_status, text);
    job->current_page = current_page;
    job_changed(job);
}

static DWORD retry_reason(enum provider_result result)
{
    switch (result)
    {
    case PROVIDER_BUSY: return fjesBUSY;
    case PROVIDER_NO_ANSWER: return fjesNO_ANSWER;
    case PROVIDER_NO_DIAL_TONE: return fjesNO_DIAL_TONE;
    case PROVIDER_BAD_ADDRESS: return fjesBAD_ADDRESS;
    default: return fjesFATAL_ERROR;
    }
}

static void send_failed(struct job *job, enum provider_result result, const WCHAR *text)
{
    const struct outbox_config *config = &config_get()->outbox;
    DWORD reason = retry_reason(result);

    job->transmission_end = clock_now();
    if (result == PROVIDER_BAD_ADDRESS)
    {
        set_status(job, fjsFAILED, reason, text);
        activity_log_outgoing(job);
        start_age_limit(job);
    }
    else if ((DWORD)job->retries >= config->retries)
    {
        set_status(job, fjsRETRIES_EXCEEDED, reason, text);
        activity_log_outgoing(job);
        start_age_limit(job);
    }
    else
    {
        job->retries++;
        set_status(job, fjsRETRYING | (job->status & fjsPAUSED), reason, text);
        job->scheduled_time = clock_now() + (svc_time)config->retry_delay * SVC_TIME_MINUTE;
    }
    /* As after a completed call: the attempt's end, then the device is free. */
    job_changed(job);
    free_device(job);
}

void outbox_send_done(struct job *job, enum provider_result result, const WCHAR *text, const WCHAR *csid)
{
    if (csid) job_set_string(&job->csid, csid);

    if (job->status == fjsCANCELING || result == PROVIDER_ABORTED)
    {
        job->transmission_end = clock_now();
        set_status(job, fjsCANCELED, fjesCALL_ABORTED, text);
        activity_log_outgoing(job);
        job_changed(job);
        free_device(job);
        delete_and_remove(job);
    }
    else if (result == PROVIDER_OK)
    {
        job->transmission_end = clock_now();
        job->current_page = job->pages;
        set_status(job, fjsCOMPLETED, fjesCALL_COMPLETED, L"");
        activity_log_outgoing(job);
        job_changed(job);
        free_device(job);
        archive_and_remove(job);
    }
    else send_failed(job, result, text);
    outbox_reschedule();
}

/* A job in progress is paused or resumed by its line (provider hold), which answers later: the
 * job's status follows the line (outbox_send_held), the caller waits for *pending. */
static DWORD hold_on_line(struct job *job, BOOL hold, struct provider_request **pending)
{
    struct device *device = device_find(job->device_id);
    struct provider_request *request;
    DWORD error;

    if (!device || !device->provider->ops->hold) return ERROR_INVALID_OPERATION;
    if (!(request = provider_request_create())) return ERROR_OUTOFMEMORY;
    error = device->provider->ops->hold(device->provider, job, hold, request);
    if (error == ERROR_IO_PENDING)
    {
        *pending = request;
        return error;
    }
    /* Answered at once: the request was not handed over. */
    provider_request_done(request, error);
    provider_request_wait(request, 0);
    return error;
}

DWORD outbox_pause(ULONGLONG id, struct provider_request **pending)
{
    struct job *job = outbox_find(id);

    *pending = NULL;
    if (!job) return ERROR_NOT_FOUND;
    if (!(job_available_operations(job) & fjoPAUSE)) return ERROR_INVALID_OPERATION;
    if (main_state(job) == fjsINPROGRESS) return hold_on_line(job, TRUE, pending);
    job->status |= fjsPAUSED;
    job_changed(job);
    return ERROR_SUCCESS;
}

DWORD outbox_resume(ULONGLONG id, struct provider_request **pending)
{
    struct job *job = outbox_find(id);

    *pending = NULL;
    if (!job) return ERROR_NOT_FOUND;
    if (!(job_available_operations(job) & fjoRESUME)) return ERROR_INVALID_OPERATION;
    if (main_state(job) == fjsINPROGRESS) return hold_on_line(job, FALSE, pending);
    job->status &= ~fjsPAUSED;
    job_changed(job);
    outbox_reschedule();
    return ERROR_SUCCESS;
}

void outbox_send_held(struct job *job, BOOL held)
{
    if (main_state(job) != fjsINPROGRESS || !(job->status & fjsPAUSED) == !held) return;
    job->status ^= fjsPAUSED;
    job_changed(job);
}

DWORD outbox_restart(ULONGLONG id)
{
    struct job *job = outbox_find(id);

    if (!job) return ERROR_NOT_FOUND;
    if (!(job_available_operations(job) & fjoRESTART)) return ERROR_INVALID_OPERATION;
    if (job->timer) engine_timer_cancel(job->timer);
    job->timer = NULL;
    job->retries = 0;
    job->scheduled_time = clock_now();
    job->transmission_end = 0;
    set_status(job, fjsPENDING, fjesNONE, L"");
    job_changed(job);
    outbox_reschedule();
    return ERROR_SUCCESS;
}

DWORD outbox_cancel(ULONGLONG id)
{
    struct job *job = outbox_find(id);
    struct device *device;
    BOOL ended;

    if (!job) return ERROR_NOT_FOUND;
    if (!(job_available_operations(job) & fjoDELETE)) return ERROR_INVALID_OPERATION;
    if (main_state(job) == fjsINPROGRESS && (device = device_find(job->device_id)))
    {
        set_status(job, fjsCANCELING, job->extended_status_code, job->extended_status);
        job_changed(job);
        device->provider->ops->abort(device->provider, job);  /* reports send_done(ABORTED) */
        return ERROR_SUCCESS;
    }
    /* A job that failed was logged then: its deletion is no second end. */
    ended = main_state(job) == fjsFAILED || main_state(job) == fjsRETRIES_EXCEEDED;
    set_status(job, fjsCANCELED, fjesNONE, L"");
    if (!ended) activity_log_outgoing(job);
    job_changed(job);
    delete_and_remove(job);
    outbox_reschedule();
    return ERROR_SUCCESS;
}

void outbox_shutdown(void)
{
    if (wake_timer) engine_timer_cancel(wake_timer);
    wake_timer = NULL;
    wake_time = 0;
    while (jobs)
    {
        struct job *job = jobs;
        jobs = job->next;
        if (job->timer) engine_timer_cancel(job->timer);
        job_free(job);
    }
}
