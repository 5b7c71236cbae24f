/*
 * The archives (see archive.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "fxssvc_private.h"
#include "archive.h"
#include "archive_folder.h"
#include "event_log.h"
#include "jobstore.h"
#include "config.h"
#include "engine.h"
#include "notify.h"
#include "job.h"

/* How often the age limits are applied, in service time. */
#define AGE_SWEEP_INTERVAL (60 * SVC_TIME_MINUTE)

struct archive
{
    ULONGLONG *ids;         /* ascending */
    DWORD count, capacity;
    ULONGLONG size;         /* bytes of the images */
    BOOL over_quota;        /* the quota warning was written: not again until the size fell below the low mark */
};

static struct archive archives[2];     /* [FALSE] outgoing, [TRUE] incoming */
static struct engine_timer *sweep_timer;

static struct archive *archive_of(BOOL incoming)
{
    return &archives[incoming ? 1 : 0];
}

/* The index of the first id greater than id. */
static DWORD upper_bound(const struct archive *archive, ULONGLONG id)
{
    DWORD low = 0, high = archive->count;
    while (low < high)
    {
        DWORD middle = low + (high - low) / 2;
        if (archive->ids[middle] <= id) low = middle + 1;
        else high = middle;
    }
    return low;
}

static BOOL find(const struct archive *archive, ULONGLONG id, DWORD *index)
{
    DWORD after = upper_bound(archive, id);
    if (!after || archive->ids[after - 1] != id) return FALSE;
    *index = after - 1;
    return TRUE;
}

static BOOL insert(struct archive *archive, ULONGLONG id)
{
    DWORD index = upper_bound(archive, id);

    if (archive->count == archive->capacity)
    {
        DWORD capacity = archive->capacity ? archive->capacity * 2 : 256;
        ULONGLONG *grown = realloc(archive->ids, capacity * sizeof(*grown));
        if (!grown) return FALSE;
        archive->ids = grown;
        archive->capacity = capacity;
    }
    memmove(archive->ids + index + 1, archive->ids + index, (archive->count - index) * sizeof(*archive->ids));
    archive->ids[index] = id;
    archive->count++;
    return TRUE;
}

static ULONGLONG image_size(BOOL incoming, ULONGLONG id)
{
    ULONGLONG size = 0;
    jobstore_message_size(incoming, id, &size);
    return size;
}

/* The message's record, for whom its events are about (notify_owned); NULL when it cannot be
 * read: then only sessions with the archive's query right hear of it. */
static struct job *read_owned(BOOL incoming, ULONGLONG id)
{
    struct job *message = NULL;

    if (jobstore_read_message(incoming, id, &message)) message = NULL;
    return message;
}

/* A sent fax is its submitter's; a received one the recipients it was reassigned to (IFaxIncomingMessage2.
 * ReAssign), "" while it is in the receive folder. */
static void notify_owned(BOOL incoming, ULONGLONG id, struct job *message, DWORD job_event)
{
    const WCHAR *owner = !message ? L"" : incoming ? message->document.recipient_name : message->document.owner;

    notify_message(incoming, id, owner ? owner : L"", job_event);
    if (message) job_free(message);
}

static const struct archive_config *settings_of(BOOL incoming)
{
    return incoming ? &config_get()->incoming_archive : &config_get()->outgoing_archive;
}

#define MEGABYTE (1024ull * 1024)

/* The size quota: one warning when the size passes the high mark, the next only once it fell
 * below the low mark (or the warning was turned off) and passed the high mark again. */
static void check_quota(BOOL incoming)
{
    const struct archive_config *settings = settings_of(incoming);
    struct archive *archive = archive_of(incoming);

    if (!settings->size_quota_warning || archive->size < settings->low_quota_water_mark * MEGABYTE)
        archive->over_quota = FALSE;
    if (!settings->size_quota_warning || archive->over_quota ||
        archive->size <= settings->high_quota_water_mark * MEGABYTE)
        return;
    archive->over_quota = TRUE;
    event_log_report(EVENT_LOG_GENERAL, EVENTLOG_WARNING_TYPE, EVENT_ID_ARCHIVE_QUOTA,
                     L"The %ls archive holds %I64u bytes, more than its HighQuotaWaterMark of %lu MB.",
                     incoming ? L"incoming" : L"outgoing", archive->size, settings->high_quota_water_mark);
}

void archive_added(BOOL incoming, ULONGLONG id)
{
    struct archive *archive = archive_of(incoming);

    if (!insert(archive, id)) svc_log("archive: out of memory counting message %I64X", id);
    archive->size += image_size(incoming, id);
    notify_owned(incoming, id, read_owned(incoming, id), FXS_JOB_EVENT_ADDED);
    check_quota(incoming);
}

DWORD archive_delete(BOOL incoming, ULONGLONG id)
{
    struct archive *archive = archive_of(incoming);
    ULONGLONG size = image_size(incoming, id);
    DWORD index, error;

    struct job *message;

    if (!find(archive, id, &index)) return ERROR_NOT_FOUND;
    message = read_owned(incoming, id);
    if ((error = jobstore_delete_message(incoming, id)))
    {
        if (message) job_free(message);
        return error;
    }
    memmove(archive->ids + index, archive->ids + index + 1, (archive->count - index - 1) * sizeof(*archive->ids));
    archive->count--;
    archive->size -= size < archive->size ? size : archive->size;
    notify_owned(incoming, id, message, FXS_JOB_EVENT_REMOVED);
    check_quota(incoming);
    return ERROR_SUCCESS;
}

BOOL archive_contains(BOOL incoming, ULONGLONG id)
{
    DWORD index;
    return find(archive_of(incoming), id, &index);
}

DWORD archive_list(BOOL incoming, ULONGLONG after_id, DWORD max_count, ULONGLONG *ids, DWORD *count)
{
    const struct archive *archive = archive_of(incoming);
    DWORD first = upper_bound(archive, after_id);

    *count = 0;
    while (*count < max_count && first + *count < archive->count)
    {
        ids[*count] = archive->ids[first + *count];
        (*count)++;
    }
    return ERROR_SUCCESS;
}

ULONGLONG archive_size(BOOL incoming)
{
    return archive_of(incoming)->size;
}

/* Ids grow with time, so the oldest messages come first: stop at the first one young enough. */
static void apply_age_limit(BOOL incoming, DWORD days)
{
    struct archive *archive = archive_of(incoming);
    svc_time limit = clock_now() - (svc_time)days * SVC_TIME_DAY;

    while (days && archive->count)
    {
        ULONGLONG id = archive->ids[0];
        struct job *message;
        svc_time archived;

        if (jobstore_read_message(incoming, id, &message)) archived = 0;
        else
        {
            archived = message->transmission_end;
            job_free(message);
        }
        if (archived >= limit || archive_delete(incoming, id)) break;
    }
}

static void sweep(void *context)
{
    apply_age_limit(TRUE, settings_of(TRUE)->age_limit);
    apply_age_limit(FALSE, settings_of(FALSE)->age_limit);
    sweep_timer = engine_timer_add(clock_now() + AGE_SWEEP_INTERVAL, sweep, NULL);
}

/* The messages of the archive's folder, replacing those counted before. */
static DWORD load(BOOL incoming)
{
    struct archive *archive = archive_of(incoming);
    ULONGLONG *ids, bytes;
    DWORD error, count;

    if ((error = jobstore_message_ids(incoming, &ids, &count, &bytes))) return error;
    free(archive->ids);
    archive->ids = ids;
    archive->count = archive->capacity = count;
    archive->size = bytes;
    /* Messages another service archived there keep their ids: new ones must not take them. */
    if (count) jobstore_reserve_ids(ids[count - 1]);
    return ERROR_SUCCESS;
}

DWORD archive_load(void)
{
    DWORD error;

    archive_folder_place(FALSE);
    archive_folder_place(TRUE);
    if ((error = load(FALSE)) || (error = load(TRUE))) return error;
    sweep(NULL);
    check_quota(FALSE);
    check_quota(TRUE);
    return ERROR_SUCCESS;
}

void archive_config_changed(BOOL incoming)
{
    DWORD error;

    if (archive_folder_place(incoming) && (error = load(incoming)))
    {
        svc_log("archive: listing the new folder failed: %lu", error);
        free(archive_of(incoming)->ids);
        memset(archive_of(incoming), 0, sizeof(struct archive));
    }
    apply_age_limit(incoming, settings_of(incoming)->age_limit);
    check_quota(incoming);
}

void archive_unload(void)
{
    unsigned int i;

    if (sweep_timer) engine_timer_cancel(sweep_timer);
    sweep_timer = NULL;
    for (i = 0; i < ARRAY_SIZE(archives); i++)
    {
        free(archives[i].ids);
        memset(&archives[i], 0, sizeof(archives[i]));
    }
}
