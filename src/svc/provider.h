/*
 * Device providers: how the engine drives fax devices. Shaped like Microsoft's fax service
 * provider sequence (start a job, send or receive with status reports, end the job; abort at any
 * time), so that a provider for real lines (HylaFAX) fits the same mould as the virtual line.
 *
 * Everything here runs on the engine thread (engine.h): the engine calls a provider's operations
 * there, and a provider reports back through the engine's callbacks there too (a provider with
 * threads of its own hands its reports to the engine thread with engine_call).
 *
 * A provider never reports from inside one of its own operations: what an operation causes
 * (send's INITIALIZING, abort's PROVIDER_ABORTED, answer's receive_started) is reported from the
 * provider's engine timers, after the operation has returned. So the engine may call an operation
 * anywhere in its own code, and may call any operation but stop from inside a report.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_PROVIDER_H
#define FXSSVC_PROVIDER_H

#include <windows.h>
#include "clock.h"

/* What a provider tells the engine about one of its devices. */
struct provider_device
{
    DWORD id;                   /* unique in the service; given by the engine (provider_add_device) */
    WCHAR name[64];             /* FaxDevice.DeviceName */
    WCHAR number[64];           /* the line's own fax number, "" when unknown */
    WCHAR description[128];
    BOOL powered_off;
};

/* Why a send or receive ended: the engine maps it to job status and extended status. */
enum provider_result
{
    PROVIDER_OK,                /* all pages through */
    PROVIDER_BUSY,              /* the line called was busy: retry later */
    PROVIDER_NO_ANSWER,         /* nobody answered: retry later */
    PROVIDER_BAD_ADDRESS,       /* the number cannot be called: no retry */
    PROVIDER_NO_DIAL_TONE,      /* the line is dead: retry later */
    PROVIDER_FAILED,            /* failed on the way (extended_status says why): retry later */
    PROVIDER_ABORTED,           /* the engine aborted it */
};

/* A job as a provider sees it: opaque to the provider, handed back in every report. */
struct job;

/* A request whose answer a client waits for (hold): opaque to the provider, which ends it once
 * with provider_request_done. */
struct provider_request;

/* What a provider reports, implemented by the engine. */
struct provider_events
{
    /* Progress of a send: extended status FAX_JOB_EXTENDED_STATUS_ENUM (INITIALIZING, DIALING,
     * TRANSMITTING, ...) or a provider code >= 0x01000000 with its text, and the page in progress.
     * INITIALIZING and a provider code mean that the send waits, before its call: a provider with
     * hold can then pause it (job.c offers Pause). */
    void (*send_progress)(struct job *job, DWORD extended_status, const WCHAR *text, LONG current_page);
    /* The end of a send. csid: the receiving station's id, when the line gave one. */
    void (*send_done)(struct job *job, enum provider_result result, const WCHAR *text, const WCHAR *csid);

    /* A call comes in on device_id: the engine announces it (OnNewCall) and answers it per the
     * device's ReceiveMode and RingsBeforeAnswer by calling the provider's answer operation. */
    void (*ringing)(DWORD device_id, LONG call_id, const WCHAR *caller_id, unsigned int ring);
    /* The caller hung up (or gave up) before the call was answered. */
    void (*call_ended)(DWORD device_id, LONG call_id);
    /* After answer: a fax is being received; the engine returns the job that will hold it. */
    struct job *(*receive_started)(DWORD device_id, LONG call_id, const WCHAR *tsid, const WCHAR *caller_id);
    void (*receive_progress)(struct job *job, DWORD extended_status, LONG current_page);
    /* The end of a receive: on PROVIDER_OK (or partial), image/size is the received TIFF (the
     * engine takes a copy) with pages pages. */
    void (*receive_done)(struct job *job, enum provider_result result, const void *image, size_t size,
                         LONG pages);

    /* A device's state (get_state) changed: it started or stopped sending, ringing or receiving,
     * was powered off or back on. */
    void (*device_changed)(DWORD device_id);

    /* The line holds the send of job where it waits before its call (held: the job shows PAUSED),
     * or lets it go on: after the line took a hold, or on the line's own doing. */
    void (*send_held)(struct job *job, BOOL held);
};

struct provider;

/* What a device is doing (get_state): FaxDevice.IsSendingNow, IsReceivingNow, IsRingingNow,
 * PoweredOff, and the arguments of OnDeviceStatusChange. */
#define PROVIDER_DEVICE_SENDING     0x1
#define PROVIDER_DEVICE_RECEIVING   0x2
#define PROVIDER_DEVICE_RINGING     0x4
#define PROVIDER_DEVICE_POWERED_OFF 0x8

/* The operations of one provider, implemented by it. */
struct provider_ops
{
    const WCHAR *unique_name;       /* FaxDeviceProvider.UniqueName */
    const WCHAR *friendly_name;
    const WCHAR *image_name;        /* what would be its DLL on Windows */
    DWORD version;                  /* MAKELONG(minor, major) */

    /* Starts the provider: it adds its devices with provider_add_device. */
    DWORD (*start)(struct provider *provider);
    void (*stop)(struct provider *provider);

    /* Sends image (a TIFF of pages pages) to number on device_id. Reports come through
     * provider_events; the provider holds its own copy of whatever it needs from the arguments. */
    DWORD (*send)(struct provider *provider, DWORD device_id, struct job *job, const WCHAR *number,
                  const WCHAR *tsid, const void *image, size_t size, LONG pages);
    /* Answers a ringing call (automatic answer after the rings, or FaxDevice.AnswerCall),
     * presenting csid (the answering device's FaxDevice.CSID) to the caller. */
    DWORD (*answer)(struct provider *provider, DWORD device_id, LONG call_id, const WCHAR *csid);
    /* Aborts the send or receive of job: the provider reports it ended with PROVIDER_ABORTED. */
    DWORD (*abort)(struct provider *provider, struct job *job);
    /* What device_id is doing now: PROVIDER_DEVICE_* flags. */
    DWORD (*get_state)(struct provider *provider, DWORD device_id, DWORD *state);
    /* Optional (NULL: a send runs at once, nothing to hold): holds the send of job while it waits
     * on the line before its call (hold TRUE: FaxOutgoingJob.Pause), or lets it go on (Resume).
     * ERROR_IO_PENDING: the line answers later, through send_held then provider_request_done
     * (request); any other code is the answer, and request is not used. */
    DWORD (*hold)(struct provider *provider, struct job *job, BOOL hold, struct provider_request *request);
};

struct provider
{
    const struct provider_ops *ops;
    const struct provider_events *events;
    void *data;                     /* the provider's own state */
};

/* Engine side: a provider adds each of its devices; the engine gives it its id. */
DWORD provider_add_device(struct provider *provider, const struct provider_device *device, DWORD *device_id);
/* Engine side (provider_request.c): the answer to a request (any thread, once). */
void provider_request_done(struct provider_request *request, DWORD error);

/* The virtual line (virtual_line.c). */
extern const struct provider_ops virtual_line_ops;

#endif /* FXSSVC_PROVIDER_H */
