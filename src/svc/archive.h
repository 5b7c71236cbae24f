/*
 * The incoming and outgoing archives: the messages (finished jobs) each holds, their total size
 * (SizeLow/SizeHigh), paged listing for the message iterators, deletion, the age limit and the
 * size quota.
 *
 * AgeLimit (days, 0: for ever): a message whose transmission ended longer ago than that, in
 * service time (clock.h), is deleted as FaxIncomingMessage.Delete does, with its Removed event;
 * the service looks every 60 minutes of service time, at start, and when the setting changes.
 *
 * SizeQuotaWarning: when the images of an archive grow past HighQuotaWaterMark megabytes, the
 * service writes one warning to the event log (category General, EVENT_ID_ARCHIVE_QUOTA; shown
 * at GeneralEventsLevel fllMED or more), and the next one only after the size fell below
 * LowQuotaWaterMark megabytes. The size is checked as messages come and go, when the settings
 * change and at start (so a service started over the mark warns once).
 * Only the ids are kept in memory (eight bytes a message, in id order, which is also the order
 * messages were archived in); everything else is read from disk when asked. Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_ARCHIVE_H
#define FXSSVC_ARCHIVE_H

#include <windows.h>

/* Start: the ids of both archives, from disk. */
DWORD archive_load(void);
void archive_unload(void);

/* The archive's settings changed (config.c, after they took effect): a new ArchiveFolder is
 * placed and listed (archive_folder.h), a new AgeLimit applied now, the size quota checked. */
void archive_config_changed(BOOL incoming);

/* A job was just archived (jobstore_archive_job) as message id: counts it and tells the listeners. */
void archive_added(BOOL incoming, ULONGLONG id);
/* Deletes a message (FaxIncomingMessage.Delete, the age limit): ERROR_NOT_FOUND when there is none. */
DWORD archive_delete(BOOL incoming, ULONGLONG id);
BOOL archive_contains(BOOL incoming, ULONGLONG id);

/* Up to max_count ids after after_id (0: from the first), oldest first. */
DWORD archive_list(BOOL incoming, ULONGLONG after_id, DWORD max_count, ULONGLONG *ids, DWORD *count);
ULONGLONG archive_size(BOOL incoming);

#endif /* FXSSVC_ARCHIVE_H */
