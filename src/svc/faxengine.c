/*
 * The fax engine's start and stop (see faxengine.h), and the recovery of what a crash left: a
 * send that was in progress becomes a retry (never silently dropped, never reported completed
 * twice), a reception that was cut off is gone (the caller will call again), a job whose archive
 * move did not finish is archived now.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "hylafax.h"
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "faxengine.h"
#include "engine.h"
#include "config.h"
#include "jobstore.h"
#include "devices.h"
#include "archive.h"
#include "accounts.h"
#include "outbox.h"
#include "inbox.h"
#include "activity_log.h"
#include "event_log.h"

static BOOL started;

static void recover_outgoing(struct job *job)
{
    DWORD state = job->status & ~(fjsPAUSED | fjsNOLINE);

    switch (state)
    {
    case fjsINPROGRESS:
        if (job->retries < (LONG)config_get()->outbox.retries)
        {
            job->status = fjsRETRYING | (job->status & fjsPAUSED);
            job->retries++;
        }
        else job->status = fjsRETRIES_EXCEEDED;
        job->extended_status_code = fjesDISCONNECTED;
        job_set_string(&job->extended_status, L"The fax service stopped during the call.");
        job->scheduled_time = job->transmission_end = clock_now();
        if (job->status == fjsRETRIES_EXCEEDED) activity_log_outgoing(job);
        break;
    case fjsCANCELING:
        /* The cancel ends now; one already CANCELED was logged before the crash. */
        job->status = fjsCANCELED;
        activity_log_outgoing(job);
        /* fall through */
    case fjsCANCELED:
        jobstore_delete_job(job);
        job_free(job);
        return;
    case fjsCOMPLETED:
        if (!jobstore_archive_job(job)) archive_added(FALSE, job->id);
        job_free(job);
        return;
    }
    /* A job that waited stays as it was saved (NOLINE is decided anew): no rewrite of a long
     * queue at every start. */
    if (state == fjsINPROGRESS || (job->status & fjsNOLINE))
    {
        job->status &= ~fjsNOLINE;
        jobstore_save_job(job);
    }
    job->device_busy = FALSE;
    outbox_adopt(job);
}

static void recover_incoming(struct job *job)
{
    DWORD error;

    /* Routing had the whole image (moves are atomic): finish it. */
    if (job->status == fjsROUTING && jobstore_has_image(job))
    {
        error = jobstore_archive_job(job);
        activity_log_incoming(job, error);
        if (!error) archive_added(TRUE, job->id);
    }
    else
    {
        job->status = fjsFAILED;
        job->extended_status_code = fjesDISCONNECTED;
        job_set_string(&job->extended_status, L"The fax service stopped during the call.");
        activity_log_incoming(job, ERROR_SUCCESS);
        jobstore_delete_job(job);
    }
    job_free(job);
}

static void adopt(struct job *job)
{
    if (job->incoming) recover_incoming(job);
    else recover_outgoing(job);
}

static DWORD start_on_engine(void *context)
{
    DWORD error;

    config_init_defaults();
    if ((error = jobstore_open())) return error;
    if (!(error = devices_start()) && !(error = config_load()) && !(error = archive_load()) &&
        !(error = accounts_load()))
    {
        /* Once the configuration is known, and before recovery, which may end jobs. */
        activity_log_open();
        error = jobstore_load_jobs(adopt);
    }
    if (error)
    {
        event_log_report(EVENT_LOG_INIT, EVENTLOG_ERROR_TYPE, EVENT_ID_STARTED,
                         L"The fax service could not start: error %lu.", error);
        devices_stop();
        archive_unload();
        accounts_unload();
        activity_log_close();
        jobstore_close();
        return error;
    }
    outbox_reschedule();
    event_log_report(EVENT_LOG_INIT, EVENTLOG_INFORMATION_TYPE, EVENT_ID_STARTED, L"The fax service started.");
    return ERROR_SUCCESS;
}

static DWORD stop_on_engine(void *context)
{
    /* Providers first: their timers live on the engine thread. */
    devices_stop();
    outbox_shutdown();
    inbox_shutdown();
    archive_unload();
    accounts_unload();
    activity_log_close();
    jobstore_close();
    return ERROR_SUCCESS;
}

DWORD faxengine_start(void)
{
    DWORD error;

    clock_init();
    if ((error = engine_start())) return error;
    if ((error = engine_call(start_on_engine, NULL)))
    {
        engine_stop();
        return error;
    }
    started = TRUE;
    return ERROR_SUCCESS;
}

void faxengine_stop(void)
{
    if (!started) return;
    engine_call(stop_on_engine, NULL);
    engine_stop();
    started = FALSE;
}

static DWORD busy_on_engine(void *context)
{
    struct job *job;

    /* HylaFAX answers calls whether the service runs or not: the service that follows them (and
     * fetches the faxes) stays, as a fax service with a line set to receive does. */
    if (hylafax_config_started()->count) return TRUE;
    for (job = outbox_first(); job; job = job->next)
    {
        DWORD state = job->status & ~(fjsPAUSED | fjsNOLINE);
        if (state == fjsPENDING || state == fjsRETRYING || state == fjsINPROGRESS || state == fjsCANCELING)
            return TRUE;
    }
    return inbox_first() != NULL;
}

BOOL faxengine_busy(void)
{
    return started && engine_call(busy_on_engine, NULL) == TRUE;
}
