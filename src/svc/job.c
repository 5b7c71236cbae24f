/*
 * Fax jobs (see job.h): creation, strings, and the status snapshot events carry.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "job.h"
#include "fxs_event.h"
#include "faxcomex.h"

struct job *job_create(BOOL incoming)
{
    struct job *job = calloc(1, sizeof(*job));

    if (!job) return NULL;
    job->incoming = incoming;
    job->job_type = incoming ? fjtRECEIVE : fjtSEND;
    return job;
}

void job_free(struct job *job)
{
    unsigned int i;

    if (!job) return;
    free(job->extended_status);
    free(job->csid);
    free(job->tsid);
    free(job->caller_id);
    free(job->routing_information);
    free(job->device_name);
    free(job->document.subject);
    free(job->document.document_name);
    free(job->document.note);
    free(job->document.cover_page);
    free(job->document.receipt_address);
    free(job->document.submission_id);
    free(job->document.owner);
    free(job->document.recipient_number);
    free(job->document.recipient_name);
    for (i = 0; i < SENDER_FIELD_COUNT; i++) free(job->document.sender[i]);
    free(job);
}

BOOL job_set_string(WCHAR **field, const WCHAR *value)
{
    WCHAR *copy = fxs_strdup(value ? value : L"");

    if (!copy) return FALSE;
    free(*field);
    *field = copy;
    return TRUE;
}

/* The modifiers do not change what can be done with a job; its main state does. */
static DWORD main_state(DWORD status)
{
    return status & ~(fjsPAUSED | fjsNOLINE);
}

DWORD job_available_operations(const struct job *job)
{
    DWORD state = main_state(job->status), operations = 0;

    if (job->incoming)
    {
        if (state == fjsINPROGRESS || state == fjsROUTING) operations |= fjoDELETE;
        if (state == fjsROUTING) operations |= fjoVIEW;
        return operations;
    }

    operations = fjoVIEW | fjoRECIPIENT_INFO | fjoSENDER_INFO;
    switch (state)
    {
    case fjsPENDING:
    case fjsRETRYING:
        operations |= fjoDELETE | ((job->status & fjsPAUSED) ? fjoRESUME : fjoPAUSE);
        break;
    case fjsINPROGRESS:
        operations |= fjoDELETE;
        /* A send its line holds (HylaFAX's queue) can pause until its call begins. */
        if (job->status & fjsPAUSED) operations |= fjoRESUME;
        else if (job->line_holds && (job->extended_status_code == fjesINITIALIZING ||
                                     job->extended_status_code >= fjesPROPRIETARY))
            operations |= fjoPAUSE;
        break;
    case fjsFAILED:
    case fjsRETRIES_EXCEEDED:
        operations |= fjoRESTART | fjoDELETE;
        break;
    }
    return operations;
}

static BOOL copy_string(WCHAR **dst, const WCHAR *src)
{
    return (*dst = fxs_strdup(src ? src : L"")) != NULL;
}

BOOL job_status_snapshot(const struct job *job, fxs_job_status *status)
{
    memset(status, 0, sizeof(*status));
    status->status = job->status;
    status->extended_status_code = job->extended_status_code;
    status->pages = job->pages;
    status->size = job->size;
    status->current_page = job->current_page;
    status->device_id = job->device_id;
    status->available_operations = job_available_operations(job);
    status->retries = job->retries;
    status->job_type = job->job_type;
    if (job->scheduled_time)
    {
        status->times_set |= FXS_TIME_SCHEDULED;
        status->scheduled_time = clock_to_date(job->scheduled_time);
    }
    if (job->transmission_start)
    {
        status->times_set |= FXS_TIME_TRANSMISSION_START;
        status->transmission_start = clock_to_date(job->transmission_start);
    }
    if (job->transmission_end)
    {
        status->times_set |= FXS_TIME_TRANSMISSION_END;
        status->transmission_end = clock_to_date(job->transmission_end);
    }
    if (copy_string(&status->extended_status, job->extended_status) && copy_string(&status->csid, job->csid) &&
        copy_string(&status->tsid, job->tsid) && copy_string(&status->caller_id, job->caller_id) &&
        copy_string(&status->routing_information, job->routing_information))
        return TRUE;

    free(status->extended_status);
    free(status->csid);
    free(status->tsid);
    free(status->caller_id);
    free(status->routing_information);
    memset(status, 0, sizeof(*status));
    return FALSE;
}
