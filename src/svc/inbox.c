/*
 * The incoming queue (see inbox.h).
 *
 * A received fax: the device rings (OnDeviceStatusChange, OnNewCall), is answered, an incoming job
 * is added (INPROGRESS: ANSWERED, then RECEIVING page by page), then routed (ROUTING: the device's
 * inbound routing methods, see inbound_routing.h) into the incoming archive (OnIncomingMessageAdded
 * with the job's id), the job is removed and the device
 * is free again. A fax cut off after some pages is still routed, as PARTIALLY_RECEIVED.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "inbox.h"
#include "devices.h"
#include "config.h"
#include "routing.h"
#include "inbound_routing.h"
#include "activity.h"
#include "activity_log.h"
#include "notify.h"
#include "jobstore.h"
#include "archive.h"
#include "outbox.h"

static struct job *jobs;

struct job *inbox_find(ULONGLONG id)
{
    struct job *job;
    for (job = jobs; job; job = job->next)
        if (job->id == id) return job;
    return NULL;
}

struct job *inbox_first(void)
{
    return jobs;
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

static void job_changed(struct job *job)
{
    DWORD error = jobstore_save_job(job);
    if (error) svc_log("saving job %I64X failed: %lu", job->id, error);
    notify_job(job, FXS_JOB_EVENT_STATUS);
}

static DWORD answer(struct device *device)
{
    const struct device_config *settings = routing_device_config(device->id);
    return device->provider->ops->answer(device->provider, device->id, device->ringing_call,
                                         settings ? settings->csid : L"");
}

void inbox_ringing(DWORD device_id, LONG call_id, const WCHAR *caller_id, unsigned int ring)
{
    const struct device_config *settings = routing_device_config(device_id);
    struct device *device = device_find(device_id);

    if (!device) return;
    device->rings = ring;
    if (device->ringing_call != call_id)
    {
        device->ringing_call = call_id;
        lstrcpynW(device->caller_id, caller_id ? caller_id : L"", ARRAY_SIZE(device->caller_id));
        device_notify(device);
        notify_new_call(device_id, call_id, device->caller_id);
    }
    if (config_get()->incoming_blocked || !settings || settings->receive_mode != fdrmAUTO_ANSWER) return;
    if (ring >= settings->rings_before_answer) answer(device);
}

void inbox_call_ended(DWORD device_id, LONG call_id)
{
    struct device *device = device_find(device_id);

    if (!device || device->ringing_call != call_id) return;
    device->ringing_call = 0;
    device->rings = 0;
    device_notify(device);
    outbox_reschedule();
}

DWORD inbox_answer(DWORD device_id)
{
    struct device *device = device_find(device_id);

    if (!device) return ERROR_NOT_FOUND;
    if (!device->ringing_call) return ERROR_INVALID_OPERATION;
    if (config_get()->incoming_blocked) return ERROR_WRITE_PROTECT;
    return answer(device);
}

struct job *inbox_receive_started(DWORD device_id, LONG call_id, const WCHAR *tsid, const WCHAR *caller_id)
{
    const struct device_config *settings = routing_device_config(device_id);
    struct device *device = device_find(device_id);
    struct job *job = job_create(TRUE);

    if (!device || !job)
    {
        job_free(job);
        return NULL;
    }
    job->id = jobstore_new_id();
    job->status = fjsINPROGRESS;
    job->extended_status_code = fjesANSWERED;
    job->device_id = device_id;
    job->call_id = call_id;
    job->transmission_start = clock_now();
    if (!job_set_string(&job->extended_status, L"") || !job_set_string(&job->tsid, tsid) ||
        !job_set_string(&job->caller_id, caller_id) || !job_set_string(&job->csid, settings ? settings->csid : L"") ||
        !job_set_string(&job->routing_information, L""))
    {
        job_free(job);
        return NULL;
    }

    device->ringing_call = 0;
    device->rings = 0;
    device->receiving = job;
    job->next = jobs;
    jobs = job;

    device_notify(device);
    notify_job(job, FXS_JOB_EVENT_ADDED);
    activity_change(1, 0, 0, 0);
    job_changed(job);
    return job;
}

void inbox_receive_progress(struct job *job, DWORD extended_status, LONG current_page)
{
    if (job->extended_status_code == extended_status && job->current_page == current_page) return;
    job->extended_status_code = extended_status;
    job->current_page = current_page;
    job_changed(job);
}

static void free_device(struct job *job)
{
    struct device *device = device_find(job->device_id);

    if (!device || device->receiving != job) return;
    device->receiving = NULL;
    device_notify(device);
}

static void remove_job(struct job *job, LONG routing_delta)
{
    unlink_job(job);
    notify_job(job, FXS_JOB_EVENT_REMOVED);
    activity_change(0, routing_delta, 0, 0);
    free_device(job);
    job_free(job);
    outbox_reschedule();
}

static void route(struct job *job, const void *image, size_t size, LONG pages)
{
    struct device *device = device_find(job->device_id);
    BOOL archived = FALSE;
    DWORD error;

    job_set_string(&job->device_name, device ? device->name : L"");

    job->status = fjsROUTING;
    job->pages = pages;
    job->size = (LONG)size;
    job->current_page = pages;
    activity_change(-1, 1, 0, 0);
    job_changed(job);

    if (!(error = jobstore_put_image(job, image, size))) error = inbound_routing_route(job, &archived);
    if (error) svc_log("routing incoming job %I64X failed: %lu", job->id, error);
    /* Not kept (the archive is off): the queued files go. */
    else if (!archived) jobstore_delete_job(job);
    activity_log_incoming(job, error);
    if (archived) archive_added(TRUE, job->id);
    remove_job(job, -1);
}

void inbox_receive_done(struct job *job, enum provider_result result, const void *image, size_t size, LONG pages)
{
    job->transmission_end = clock_now();
    if (pages > 0 && image && (result == PROVIDER_OK || result == PROVIDER_FAILED))
    {
        if (result != PROVIDER_OK)
        {
            job->extended_status_code = fjesPARTIALLY_RECEIVED;
            job_set_string(&job->extended_status, L"The call ended before the last page.");
        }
        else job->extended_status_code = fjesCALL_COMPLETED;
        route(job, image, size, pages);
        return;
    }
    job->status = result == PROVIDER_ABORTED ? fjsCANCELED : fjsFAILED;
    job->extended_status_code = result == PROVIDER_ABORTED ? fjesCALL_ABORTED : fjesFATAL_ERROR;
    activity_change(-1, 0, 0, 0);
    activity_log_incoming(job, ERROR_SUCCESS);
    job_changed(job);
    jobstore_delete_job(job);
    remove_job(job, 0);
}

DWORD inbox_cancel(ULONGLONG id)
{
    struct job *job = inbox_find(id);
    struct device *device;

    if (!job) return ERROR_NOT_FOUND;
    if (job->status != fjsINPROGRESS || !(device = device_find(job->device_id))) return ERROR_INVALID_OPERATION;
    return device->provider->ops->abort(device->provider, job);  /* reports receive_done(ABORTED) */
}

void inbox_shutdown(void)
{
    while (jobs)
    {
        struct job *job = jobs;
        jobs = job->next;
        job_free(job);
    }
}
