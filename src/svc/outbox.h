/*
 * The outgoing queue: submission, the scheduler that hands pending jobs to free devices, the send
 * state machine with retries, and job control (pause, resume, restart, cancel). Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_OUTBOX_H
#define FXSSVC_OUTBOX_H

#include <windows.h>
#include "job.h"
#include "provider.h"

/* One submission: the document, the recipients, and the bodies already joined into one TIFF of
 * pages pages (image_size 0: no body, only a cover page). */
struct submission
{
    struct job_document document;     /* recipient fields unused: see recipients */
    svc_time scheduled_time;          /* for fstSPECIFIC_TIME */
    DWORD recipient_count;
    const WCHAR **recipient_numbers;
    const WCHAR **recipient_names;
    const void *image;                /* TIFF */
    size_t image_size;
    LONG pages;
};

/* Queues one job per recipient; ids receives their ids (recipient_count of them). */
DWORD outbox_submit(const struct submission *submission, ULONGLONG *ids);

/* Adds a job read back from disk at start (see recovery); takes ownership. */
void outbox_adopt(struct job *job);

struct job *outbox_find(ULONGLONG id);
struct job *outbox_first(void);

/* A job in progress is paused and resumed by its device's line: ERROR_IO_PENDING, and *pending
 * is the request whose answer to wait for (provider_request_wait). */
DWORD outbox_pause(ULONGLONG id, struct provider_request **pending);
DWORD outbox_resume(ULONGLONG id, struct provider_request **pending);
DWORD outbox_restart(ULONGLONG id);
DWORD outbox_cancel(ULONGLONG id);

/* Something that decides what can be sent changed (a device freed, configuration, time): look again. */
void outbox_reschedule(void);

/* The provider's reports about sends (provider_events). */
void outbox_send_progress(struct job *job, DWORD extended_status, const WCHAR *text, LONG current_page);
void outbox_send_done(struct job *job, enum provider_result result, const WCHAR *text, const WCHAR *csid);
void outbox_send_held(struct job *job, BOOL held);

void outbox_shutdown(void);

#endif /* FXSSVC_OUTBOX_H */
