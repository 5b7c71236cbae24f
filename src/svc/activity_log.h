/*
 * The activity log: two tab-separated text files, OutboxLOG.txt (one line per outgoing job that
 * ended) and InboxLOG.txt (one line per incoming job that ended), in the data root's log folder or
 * in the activity logging configuration's folder. The columns are described at the top of
 * activity_log.c. Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_ACTIVITY_LOG_H
#define FXSSVC_ACTIVITY_LOG_H

#include <windows.h>

struct job;

#define ACTIVITY_LOG_OUTGOING L"OutboxLOG.txt"
#define ACTIVITY_LOG_INCOMING L"InboxLOG.txt"

/* Engine start (after the job store is open): opens the files that logging is on for, so that
 * they exist, with their header, from the start. */
void activity_log_open(void);
/* Engine stop: closes both files. */
void activity_log_close(void);
/* Closes both files, so that the next line goes to where the configuration says now (and a file
 * whose logging was turned off is no longer held open). The configuration code may call it after
 * a change of the activity logging class; without it, the next line notices the change itself. */
void activity_log_config_changed(void);

/* An outgoing job reached an end: COMPLETED, FAILED, RETRIES_EXCEEDED or CANCELED (its status
 * says which). Written only while the configuration's log_outgoing is on. */
void activity_log_outgoing(const struct job *job);

/* An incoming job ended: routed (routing_error ERROR_SUCCESS: Received, or PartiallyReceived by
 * its extended status; otherwise Failed, the fax could not be stored), FAILED or CANCELED.
 * Written only while the configuration's log_incoming is on. */
void activity_log_incoming(const struct job *job, DWORD routing_error);

#endif /* FXSSVC_ACTIVITY_LOG_H */
