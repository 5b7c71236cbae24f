/*
 * The Windows event log: what the service reports there, at the levels of the "config.eventlogs"
 * class (FaxEventLogging). Each entry has a category (init, inbound, outbound, general) and a
 * type; a category set to fllNONE reports nothing, fllMIN errors only, fllMED errors and warnings,
 * fllMAX everything, information included.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_EVENT_LOG_H
#define FXSSVC_EVENT_LOG_H

#include <windows.h>
#include "faxsvc.h"

#define EVENT_LOG_SOURCE L"fxscomex-fax"

/* The categories, as ReportEvent's category numbers. */
enum event_log_category
{
    EVENT_LOG_INIT = 1,         /* the service starting and stopping */
    EVENT_LOG_INBOUND,          /* faxes received */
    EVENT_LOG_OUTBOUND,         /* faxes sent */
    EVENT_LOG_GENERAL,          /* the rest: configuration changes */
};

/* Event ids, one per kind of entry. */
enum event_log_id
{
    EVENT_ID_STARTED = 1,
    EVENT_ID_STOPPED,
    EVENT_ID_SENT,
    EVENT_ID_SEND_RETRYING,
    EVENT_ID_SEND_FAILED,
    EVENT_ID_RECEIVED,
    EVENT_ID_RECEIVE_FAILED,
    EVENT_ID_CONFIG_CHANGED,
    EVENT_ID_ARCHIVE_QUOTA,     /* an archive grew past its HighQuotaWaterMark (a warning) */
    EVENT_ID_ARCHIVE_FOLDER,    /* an archive's folder cannot be used (an error) */
};

/* Whether the levels in force let an entry of this category and type (EVENTLOG_*_TYPE) through. */
BOOL event_log_wanted(enum event_log_category category, WORD type);

/* Reports one entry (printf-style text) when the levels let it through. */
void event_log_report(enum event_log_category category, WORD type, DWORD id, const WCHAR *format, ...);

/* The entry a published event makes, if any (publish.c calls it for every event). */
void event_log_note(const fxs_event *event);

#endif /* FXSSVC_EVENT_LOG_H */
