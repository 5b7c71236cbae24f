/*
 * The Windows event log (see event_log.h): an event source registered on first use, and the
 * entries the service's own events make, filtered by the levels in force.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stdio.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "config.h"
#include "event_log.h"

static HANDLE source;
static HANDLE copy = INVALID_HANDLE_VALUE;  /* test hooks: what ReportEvent was given, as lines */
static INIT_ONCE source_once = INIT_ONCE_STATIC_INIT;

/* Wine keeps no event log that can be read back (ReadEventLog is a stub): tests read the copy. */
static void open_copy(void)
{
    WCHAR path[MAX_PATH];

    if (!svc_settings.test_hooks || !GetEnvironmentVariableW(FXSSVC_ENV_EVENT_LOG_COPY, path, ARRAY_SIZE(path)))
        return;
    copy = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS, 0, NULL);
}

static BOOL CALLBACK register_source(INIT_ONCE *once, void *param, void **context)
{
    source = RegisterEventSourceW(NULL, EVENT_LOG_SOURCE);
    open_copy();
    return TRUE;
}

static void write_copy(WORD type, enum event_log_category category, DWORD id, BOOL reported, const WCHAR *text)
{
    char line[1024];
    int length;
    DWORD written;

    length = snprintf(line, sizeof(line), "%u %u %lu %d ", type, category, id, reported);
    length += WideCharToMultiByte(CP_UTF8, 0, text, -1, line + length, sizeof(line) - length - 2, NULL, NULL) - 1;
    line[length++] = '\n';
    WriteFile(copy, line, length, &written, NULL);
}

/* The least level of a category that shows an entry of this type. */
static DWORD level_needed(WORD type)
{
    switch (type)
    {
    case EVENTLOG_ERROR_TYPE: return fllMIN;
    case EVENTLOG_WARNING_TYPE: return fllMED;
    default: return fllMAX;
    }
}

/* Levels are four DWORDs the engine replaces whole; a report from another thread reads one. */
static DWORD category_level(enum event_log_category category)
{
    const struct event_logging_config *levels = &config_get()->event_logging;

    switch (category)
    {
    case EVENT_LOG_INIT: return levels->init_level;
    case EVENT_LOG_INBOUND: return levels->inbound_level;
    case EVENT_LOG_OUTBOUND: return levels->outbound_level;
    case EVENT_LOG_GENERAL: return levels->general_level;
    }
    return fllNONE;
}

BOOL event_log_wanted(enum event_log_category category, WORD type)
{
    return category_level(category) >= level_needed(type);
}

void event_log_report(enum event_log_category category, WORD type, DWORD id, const WCHAR *format, ...)
{
    WCHAR text[512];
    const WCHAR *strings[1] = { text };
    BOOL reported;
    va_list args;

    if (!event_log_wanted(category, type)) return;
    InitOnceExecuteOnce(&source_once, register_source, NULL, NULL);
    if (!source) return;
    va_start(args, format);
    _vsnwprintf(text, ARRAY_SIZE(text) - 1, format, args);
    va_end(args);
    text[ARRAY_SIZE(text) - 1] = 0;
    reported = ReportEventW(source, type, (WORD)category, id, NULL, 1, 0, strings, NULL);
    if (copy != INVALID_HANDLE_VALUE) write_copy(type, category, id, reported, text);
}

static const WCHAR *or_empty(const WCHAR *text)
{
    return text ? text : L"";
}

static void note_outgoing(const fxs_event *event)
{
    const fxs_job_status *job = &event->job;

    if (job->status & fjsCOMPLETED)
        event_log_report(EVENT_LOG_OUTBOUND, EVENTLOG_INFORMATION_TYPE, EVENT_ID_SENT,
                         L"Outgoing fax job %016I64X was sent: %ld pages.", event->job_id, job->pages);
    else if (job->status & (fjsFAILED | fjsRETRIES_EXCEEDED))
        event_log_report(EVENT_LOG_OUTBOUND, EVENTLOG_ERROR_TYPE, EVENT_ID_SEND_FAILED,
                         L"Outgoing fax job %016I64X failed (status 0x%lx, extended status %lu)%ls%ls.", event->job_id,
                         job->status, job->extended_status_code, *or_empty(job->extended_status) ? L": " : L"",
                         or_empty(job->extended_status));
    else if (job->status & fjsRETRYING)
        event_log_report(EVENT_LOG_OUTBOUND, EVENTLOG_WARNING_TYPE, EVENT_ID_SEND_RETRYING,
                         L"Outgoing fax job %016I64X could not be sent and will be retried (retries so far: %ld)%ls%ls.",
                         event->job_id, job->retries, *or_empty(job->extended_status) ? L": " : L"",
                         or_empty(job->extended_status));
}

/* A fax received is one the incoming archive took; one that failed ends its job. */
static void note_incoming_failure(const fxs_event *event)
{
    const fxs_job_status *job = &event->job;

    if (job->status & fjsFAILED)
        event_log_report(EVENT_LOG_INBOUND, EVENTLOG_ERROR_TYPE, EVENT_ID_RECEIVE_FAILED,
                         L"Incoming fax %016I64X from \"%ls\" failed: %ls.", event->job_id, or_empty(job->caller_id),
                         or_empty(job->extended_status));
}

void event_log_note(const fxs_event *event)
{
    switch (event->event_class)
    {
    case FXS_EVENT_OUT_QUEUE:
        if (event->job_event == FXS_JOB_EVENT_STATUS) note_outgoing(event);
        break;
    case FXS_EVENT_IN_QUEUE:
        if (event->job_event == FXS_JOB_EVENT_STATUS) note_incoming_failure(event);
        break;
    case FXS_EVENT_IN_ARCHIVE:
        if (event->job_event == FXS_JOB_EVENT_ADDED)
            event_log_report(EVENT_LOG_INBOUND, EVENTLOG_INFORMATION_TYPE, EVENT_ID_RECEIVED,
                             L"A fax was received: message %016I64X of the incoming archive.", event->job_id);
        break;
    case FXS_EVENT_CONFIG:
        event_log_report(EVENT_LOG_GENERAL, EVENTLOG_INFORMATION_TYPE, EVENT_ID_CONFIG_CHANGED,
                         L"The fax service's configuration changed (class %lu).", event->config_type);
        break;
    case FXS_EVENT_FXSSVC_ENDED:
        event_log_report(EVENT_LOG_INIT, EVENTLOG_INFORMATION_TYPE, EVENT_ID_STOPPED, L"The fax service stopped.");
        break;
    }
}
