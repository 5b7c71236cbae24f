/*
 * Jobs and archived messages on disk: each job or message is a record file and a TIFF image under
 * the data root (store.c writes every file atomically). The engine saves a job before it tells
 * anyone about a change, so what a client has been told is never lost by a crash.
 * Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_JOBSTORE_H
#define FXSSVC_JOBSTORE_H

#include <windows.h>
#include "job.h"

/* Opens the store at the data root and reads the id counter. */
DWORD jobstore_open(void);
void jobstore_close(void);
/* The open data root, for the configuration's files (config.c); NULL when closed. */
struct store *jobstore_store(void);

/* The full path of a file in the data root's log folder (the activity log's default place). */
DWORD jobstore_log_path(const WCHAR *name, WCHAR *path, size_t size);

/* A new job or message id: never reused, also across restarts. */
ULONGLONG jobstore_new_id(void);
/* Ids up to last are taken (messages found in an archive folder): new ids come after them. */
void jobstore_reserve_ids(ULONGLONG last);

DWORD jobstore_save_job(const struct job *job);
DWORD jobstore_put_image(const struct job *job, const void *tiff, size_t size);
/* The job's image, malloc'ed (the caller frees it). */
DWORD jobstore_get_image(const struct job *job, void **tiff, size_t *size);
/* Removes the job's record and image. */
DWORD jobstore_delete_job(const struct job *job);

/* Moves a finished job into its archive (outgoing: sent items; incoming: inbox) as a message with
 * the same id: the image first, then the message record, then the job record goes. A crash in
 * between leaves a job whose message exists: recovery finishes the move. */
DWORD jobstore_archive_job(const struct job *job);
/* Whether the job's image exists: in its queue, or in the archive when a crash cut its archiving short. */
BOOL jobstore_has_image(const struct job *job);

/* Start: every job on disk, in id order (the callback takes ownership); what a crash left
 * half-done is repaired first (see jobstore.c). */
DWORD jobstore_load_jobs(void (*adopt)(struct job *job));

/* Archived messages (archive.c keeps their ids). */
/* The ids of an archive's messages, ascending, and the bytes of their images (SizeLow/SizeHigh),
 * from a listing of its folder. */
DWORD jobstore_message_ids(BOOL incoming, ULONGLONG **ids, DWORD *count, ULONGLONG *image_bytes);
DWORD jobstore_read_message(BOOL incoming, ULONGLONG id, struct job **message);
DWORD jobstore_save_message(const struct job *message);
DWORD jobstore_message_image(BOOL incoming, ULONGLONG id, void **tiff, size_t *size);
DWORD jobstore_message_size(BOOL incoming, ULONGLONG id, ULONGLONG *size);
DWORD jobstore_delete_message(BOOL incoming, ULONGLONG id);

#endif /* FXSSVC_JOBSTORE_H */
