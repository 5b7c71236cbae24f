/*
 * The faxsvc methods about jobs, archives and devices (idl/faxsvc.idl), on the service's side:
 * check everything the client sent, then hand the work to the engine thread (engine_call).
 * Nothing here raises; every failure is a returned code, and a refused call changes nothing.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "fxs_job_info.h"
#include "engine.h"
#include "job.h"
#include "outbox.h"
#include "provider_request.h"
#include "inbox.h"
#include "archive.h"
#include "activity.h"
#include "jobstore.h"
#include "store.h"
#include "tiff.h"
#include "rights.h"
#include "config.h"
#include "path_safety.h"

/* ---- checks ---- */

static BOOL string_ok(const WCHAR *text)
{
    return !text || wcsnlen(text, FXS_MAX_STRING + 1) <= FXS_MAX_STRING;
}

static BOOL document_ok(const fxs_document *doc)
{
    const WCHAR * const *sender = (const WCHAR * const *)&doc->sender;
    unsigned int i;

    if (doc->priority > fptHIGH || doc->schedule_type > fstDISCOUNT_PERIOD || doc->cover_page_type > fcptSERVER)
        return FALSE;
    if (doc->receipt_type != frtNONE && doc->receipt_type != frtMAIL && doc->receipt_type != frtMSGBOX) return FALSE;
    if (!string_ok(doc->subject) || !string_ok(doc->document_name) || !string_ok(doc->note) ||
        !string_ok(doc->cover_page) || !string_ok(doc->receipt_address))
        return FALSE;
    for (i = 0; i < SENDER_FIELD_COUNT; i++)
        if (!string_ok(sender[i])) return FALSE;
    return TRUE;
}

static BOOL recipients_ok(const fxs_recipient *recipients, ULONG count)
{
    ULONG i;

    if (!count || count > FXS_MAX_RECIPIENTS || !recipients) return FALSE;
    for (i = 0; i < count; i++)
        if (!recipients[i].fax_number || !recipients[i].fax_number[0] || !string_ok(recipients[i].fax_number) ||
            !string_ok(recipients[i].name))
            return FALSE;
    return TRUE;
}

static BOOL is_queue(ULONG folder)
{
    return folder == FXS_FOLDER_OUTGOING_QUEUE || folder == FXS_FOLDER_INCOMING_QUEUE;
}

static BOOL is_incoming(ULONG folder)
{
    return folder == FXS_FOLDER_INCOMING_QUEUE || folder == FXS_FOLDER_INCOMING_ARCHIVE;
}

static const WCHAR *or_empty(const WCHAR *text)
{
    return text ? text : L"";
}

/* ---- rights ---- */

#define SUBMIT_RIGHTS (farSUBMIT_LOW | farSUBMIT_NORMAL | farSUBMIT_HIGH)

/* The right to see everything in a folder. */
static DWORD query_right(ULONG folder)
{
    switch (folder)
    {
    case FXS_FOLDER_INCOMING_ARCHIVE: return farQUERY_IN_ARCHIVE;
    case FXS_FOLDER_OUTGOING_ARCHIVE: return farQUERY_OUT_ARCHIVE;
    default: return farQUERY_JOBS;
    }
}

static DWORD manage_right(ULONG folder)
{
    switch (folder)
    {
    case FXS_FOLDER_INCOMING_ARCHIVE: return farMANAGE_IN_ARCHIVE;
    case FXS_FOLDER_OUTGOING_ARCHIVE: return farMANAGE_OUT_ARCHIVE;
    default: return farMANAGE_JOBS;
    }
}

/* A user who may submit sees and manages their own outgoing jobs and sent faxes. */
static BOOL owns(const struct session *session, const struct job *job, ULONG folder)
{
    return !is_incoming(folder) && !rights_require_any(session, SUBMIT_RIGHTS) &&
           !lstrcmpiW(or_empty(job->document.owner), session_user(session));
}

static BOOL may_see(const struct session *session, const struct job *job, ULONG folder)
{
    return !rights_require(session, query_right(folder)) || owns(session, job, folder);
}

static BOOL may_manage(const struct session *session, const struct job *job, ULONG folder)
{
    return !rights_require(session, manage_right(folder)) || owns(session, job, folder);
}

/* The right a submission of this priority needs: a higher right includes the lower ones. */
static DWORD submit_rights(DWORD priority)
{
    switch (priority)
    {
    case fptLOW: return SUBMIT_RIGHTS;
    case fptNORMAL: return farSUBMIT_NORMAL | farSUBMIT_HIGH;
    default: return farSUBMIT_HIGH;
    }
}

/* ---- conversions ---- */

static BOOL copy(WCHAR **dst, const WCHAR *src)
{
    return (*dst = fxs_strdup(or_empty(src))) != NULL;
}

static BOOL document_to_info(const struct job_document *doc, fxs_document *out)
{
    WCHAR **sender = (WCHAR **)&out->sender;
    unsigned int i;
    BOOL ok;

    out->priority = doc->priority;
    out->receipt_type = doc->receipt_type;
    out->schedule_type = doc->schedule_type;
    out->cover_page_type = doc->cover_page_type;
    out->group_broadcast_receipts = doc->group_broadcast_receipts != 0;
    out->attach_fax_to_receipt = doc->attach_fax_to_receipt != 0;
    out->schedule_time = doc->original_scheduled_time ? clock_to_date(doc->original_scheduled_time) : 0;
    ok = copy(&out->subject, doc->subject) && copy(&out->document_name, doc->document_name) &&
         copy(&out->note, doc->note) && copy(&out->cover_page, doc->cover_page) &&
         copy(&out->receipt_address, doc->receipt_address);
    for (i = 0; ok && i < SENDER_FIELD_COUNT; i++) ok = copy(&sender[i], doc->sender[i]);
    return ok;
}

static DWORD job_to_info(const struct job *job, ULONG folder, fxs_job_info *info)
{
    const struct job_document *doc = &job->document;

    memset(info, 0, sizeof(*info));
    info->id = job->id;
    info->folder = folder;
    info->read = job->read != 0;
    info->has_cover_page = doc->cover_page_type != fcptNONE;
    if (doc->submission_time) info->submission_time = clock_to_date(doc->submission_time);
    if (doc->original_scheduled_time) info->original_scheduled_time = clock_to_date(doc->original_scheduled_time);
    if (job_status_snapshot(job, &info->status) && document_to_info(doc, &info->document) &&
        copy(&info->submission_id, doc->submission_id) && copy(&info->owner, doc->owner) &&
        copy(&info->recipient_number, doc->recipient_number) && copy(&info->recipient_name, doc->recipient_name) &&
        copy(&info->device_name, job->device_name))
        return ERROR_SUCCESS;
    fxs_job_info_clear(info);
    return ERROR_OUTOFMEMORY;
}

/* ---- submit ---- */

/* Each body must be a fax image; together they are joined into one. */
static DWORD join_bodies(const fxs_body *bodies, ULONG count, LONG *error_body, tiff_buffer *image, LONG *pages)
{
    tiff_input *inputs;
    tiff_status status;
    tiff_doc doc;
    ULONG i;

    memset(image, 0, sizeof(*image));
    *pages = 0;
    if (!count) return ERROR_SUCCESS;
    if (!(inputs = calloc(count, sizeof(*inputs)))) return ERROR_OUTOFMEMORY;
    for (i = 0; i < count; i++)
    {
        if (!bodies[i].data || !bodies[i].size || bodies[i].size > FXS_MAX_BODY_SIZE ||
            tiff_inspect(bodies[i].data, bodies[i].size, FXS_MAX_PAGES, &doc) != TIFF_OK)
        {
            *error_body = i;
            free(inputs);
            return ERROR_INVALID_DATA;
        }
        *pages += doc.page_count;
        tiff_doc_free(&doc);
        inputs[i].data = bodies[i].data;
        inputs[i].size = bodies[i].size;
    }
    status = *pages > (LONG)FXS_MAX_PAGES ? TIFF_ERR_TOO_MANY_PAGES : tiff_join(inputs, count, FXS_MAX_PAGES, image);
    free(inputs);
    if (status == TIFF_ERR_NO_MEMORY) return ERROR_OUTOFMEMORY;
    return status == TIFF_OK ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

struct submit_args
{
    struct submission submission;
    ULONGLONG *ids;
};

static DWORD submit_on_engine(void *context)
{
    struct submit_args *args = context;
    WCHAR submission_id[STORE_ID_LENGTH + 1];

    /* One submission id for all its jobs: an id of its own, never a job's. */
    store_format_id(jobstore_new_id(), submission_id);
    args->submission.document.submission_id = submission_id;
    return outbox_submit(&args->submission, args->ids);
}

static void fill_submission(struct submission *submission, const fxs_document *doc, const WCHAR *owner)
{
    const WCHAR * const *sender = (const WCHAR * const *)&doc->sender;
    struct job_document *out = &submission->document;
    unsigned int i;

    out->subject = (WCHAR *)doc->subject;
    out->document_name = (WCHAR *)doc->document_name;
    out->note = (WCHAR *)doc->note;
    out->cover_page = (WCHAR *)doc->cover_page;
    out->receipt_address = (WCHAR *)doc->receipt_address;
    out->owner = (WCHAR *)owner;
    for (i = 0; i < SENDER_FIELD_COUNT; i++) out->sender[i] = (WCHAR *)or_empty(sender[i]);
    out->priority = doc->priority;
    out->receipt_type = doc->receipt_type;
    out->schedule_type = doc->schedule_type;
    out->cover_page_type = doc->cover_page_type;
    out->group_broadcast_receipts = doc->group_broadcast_receipts != 0;
    out->attach_fax_to_receipt = doc->attach_fax_to_receipt != 0;
    submission->scheduled_time = doc->schedule_type == fstSPECIFIC_TIME ? clock_from_date(doc->schedule_time) : 0;
}

error_status_t __cdecl s_fxs_submit(fxs_session_handle handle, const fxs_document *doc, ULONG recipient_count,
                                    const fxs_recipient *recipients, ULONG body_count, const fxs_body *bodies,
                                    LONG *error_body, ULONGLONG *ids)
{
    struct session *session = session_from_handle(handle);
    struct submit_args args = { { { 0 } } };
    fxs_client_info client = { 0 };
    const WCHAR **numbers = NULL, **names = NULL;
    tiff_buffer image;
    ULONG i;
    DWORD error;

    *error_body = -1;
    if (!session) return ERROR_INVALID_HANDLE;
    if (!doc || !document_ok(doc) || !recipients_ok(recipients, recipient_count) || !ids ||
        body_count > FXS_MAX_BODIES || (body_count && !bodies) || (!body_count && doc->cover_page_type == fcptNONE))
        return ERROR_INVALID_PARAMETER;
    /* A server cover page is a file name of the server's: never a path. */
    if (doc->cover_page_type == fcptSERVER && doc->cover_page && doc->cover_page[0] &&
        path_check_name((const uint16_t *)doc->cover_page, wcslen(doc->cover_page)))
        return ERROR_INVALID_NAME;
    if (rights_require_any(session, submit_rights(doc->priority))) return ERROR_ACCESS_DENIED;
    /* This service sends no mail: a fax that asks for a receipt by mail would never get it. */
    if (doc->receipt_type == frtMAIL) return ERROR_NOT_SUPPORTED;
    if ((error = join_bodies(bodies, body_count, error_body, &image, &args.submission.pages))) return error;

    numbers = calloc(recipient_count, sizeof(*numbers));
    names = calloc(recipient_count, sizeof(*names));
    if (!numbers || !names || (error = session_client_info(session, &client)))
    {
        error = error ? error : ERROR_OUTOFMEMORY;
        goto done;
    }
    for (i = 0; i < recipient_count; i++)
    {
        numbers[i] = recipients[i].fax_number;
        names[i] = or_empty(recipients[i].name);
    }
    fill_submission(&args.submission, doc, client.user_name);
    args.submission.recipient_count = recipient_count;
    args.submission.recipient_numbers = numbers;
    args.submission.recipient_names = names;
    args.submission.image = image.data;
    args.submission.image_size = image.size;
    args.ids = ids;
    error = engine_call(submit_on_engine, &args);

done:
    free(client.user_name);
    free(client.machine_name);
    free(client.label);
    free(numbers);
    free(names);
    tiff_buffer_free(&image);
    return error;
}

/* ---- listing and reading ---- */

struct list_args
{
    const struct session *session;
    ULONG folder;
    ULONG count;
    fxs_job_info *jobs;
};

static DWORD list_jobs_on_engine(void *context)
{
    struct list_args *args = context;
    BOOL incoming = is_incoming(args->folder);
    struct job *first = incoming ? inbox_first() : outbox_first(), *job;
    ULONG count = 0, i = 0;
    DWORD error = ERROR_SUCCESS;

    for (job = first; job; job = job->next) count += may_see(args->session, job, args->folder);
    if (!count) return ERROR_SUCCESS;
    if (!(args->jobs = calloc(count, sizeof(*args->jobs)))) return ERROR_OUTOFMEMORY;
    for (job = first; job && !error; job = job->next)
        if (may_see(args->session, job, args->folder)) error = job_to_info(job, args->folder, &args->jobs[i++]);
    if (error)
    {
        fxs_job_infos_free(args->jobs, i);
        args->jobs = NULL;
        return error;
    }
    args->count = count;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_list_jobs(fxs_session_handle handle, ULONG folder, ULONG *count, fxs_job_info **jobs)
{
    struct list_args args = { session_from_handle(handle), folder };
    DWORD error;

    *count = 0;
    *jobs = NULL;
    if (!args.session) return ERROR_INVALID_HANDLE;
    if (!is_queue(folder)) return ERROR_INVALID_PARAMETER;
    if (rights_require_any(args.session, query_right(folder) | (is_incoming(folder) ? 0 : SUBMIT_RIGHTS)))
        return ERROR_ACCESS_DENIED;
    if ((error = engine_call(list_jobs_on_engine, &args))) return error;
    *count = args.count;
    *jobs = args.jobs;
    return ERROR_SUCCESS;
}

struct job_args
{
    const struct session *session;
    ULONG folder;
    ULONGLONG id;
    fxs_job_info *info;
    ULONG operation;
    void *image;
    size_t image_size;
    struct provider_request *pending;   /* a pause or resume its line answers later */
};

/* A message as a job the caller frees, or the queued job itself (owned by its queue). */
static DWORD find_job(const struct job_args *args, struct job **job, BOOL *owned)
{
    BOOL incoming = is_incoming(args->folder);

    DWORD error;

    *owned = !is_queue(args->folder);
    if (*owned)
    {
        if (!archive_contains(incoming, args->id)) return ERROR_NOT_FOUND;
        if ((error = jobstore_read_message(incoming, args->id, job))) return error;
    }
    else if (!(*job = incoming ? inbox_find(args->id) : outbox_find(args->id))) return ERROR_NOT_FOUND;
    /* What the session may not see does not exist for it. */
    if (may_see(args->session, *job, args->folder)) return ERROR_SUCCESS;
    if (*owned) job_free(*job);
    return ERROR_NOT_FOUND;
}

static DWORD get_job_on_engine(void *context)
{
    struct job_args *args = context;
    struct job *job;
    BOOL owned;
    DWORD error;

    if ((error = find_job(args, &job, &owned))) return error;
    error = job_to_info(job, args->folder, args->info);
    if (owned) job_free(job);
    return error;
}

error_status_t __cdecl s_fxs_get_job(fxs_session_handle handle, ULONG folder, ULONGLONG id, fxs_job_info *info)
{
    struct job_args args = { session_from_handle(handle), folder, id, info };

    memset(info, 0, sizeof(*info));
    if (!args.session) return ERROR_INVALID_HANDLE;
    if (folder > FXS_FOLDER_INCOMING_ARCHIVE) return ERROR_INVALID_PARAMETER;
    return engine_call(get_job_on_engine, &args);
}

static DWORD control_on_engine(void *context)
{
    struct job_args *args = context;
    struct job *job;
    BOOL owned;
    DWORD error;

    if ((error = find_job(args, &job, &owned))) return error;
    if (!may_manage(args->session, job, args->folder)) return ERROR_ACCESS_DENIED;
    if (args->folder == FXS_FOLDER_INCOMING_QUEUE)
        return args->operation == FXS_JOB_CANCEL ? inbox_cancel(args->id) : ERROR_INVALID_OPERATION;
    switch (args->operation)
    {
    case FXS_JOB_PAUSE: return outbox_pause(args->id, &args->pending);
    case FXS_JOB_RESUME: return outbox_resume(args->id, &args->pending);
    case FXS_JOB_RESTART: return outbox_restart(args->id);
    default: return outbox_cancel(args->id);
    }
}

error_status_t __cdecl s_fxs_control_job(fxs_session_handle handle, ULONG folder, ULONGLONG id, ULONG operation)
{
    struct job_args args = { session_from_handle(handle), folder, id, NULL, operation };
    DWORD error;

    if (!args.session) return ERROR_INVALID_HANDLE;
    if (!is_queue(folder) || operation < FXS_JOB_PAUSE || operation > FXS_JOB_CANCEL) return ERROR_INVALID_PARAMETER;
    error = engine_call(control_on_engine, &args);
    /* The job's line answers: waited for here, not on the engine thread. */
    if (error == ERROR_IO_PENDING && args.pending) error = provider_request_wait(args.pending, PROVIDER_REQUEST_TIMEOUT_MS);
    return error;
}

static DWORD image_on_engine(void *context)
{
    struct job_args *args = context;
    struct job *job;
    BOOL owned;
    DWORD error;

    if ((error = find_job(args, &job, &owned))) return error;
    if (!owned) return jobstore_get_image(job, &args->image, &args->image_size);
    job_free(job);
    return jobstore_message_image(is_incoming(args->folder), args->id, &args->image, &args->image_size);
}

error_status_t __cdecl s_fxs_get_image(fxs_session_handle handle, ULONG folder, ULONGLONG id, ULONG *size, BYTE **data)
{
    struct job_args args = { session_from_handle(handle), folder, id };
    DWORD error;

    *size = 0;
    *data = NULL;
    if (!args.session) return ERROR_INVALID_HANDLE;
    if (folder > FXS_FOLDER_INCOMING_ARCHIVE) return ERROR_INVALID_PARAMETER;
    if ((error = engine_call(image_on_engine, &args))) return error;
    *size = (ULONG)args.image_size;
    *data = args.image;
    return ERROR_SUCCESS;
}

struct messages_args
{
    const struct session *session;
    ULONG folder;
    ULONGLONG after_id;
    ULONG max_count;
    ULONG count;
    fxs_job_info *messages;
};

/* Up to max_count messages the session may see, after after_id: ids are read a page at a time
 * until enough were found or the archive ends, so that a page is short only at the end. */
static DWORD list_messages_on_engine(void *context)
{
    struct messages_args *args = context;
    BOOL incoming = is_incoming(args->folder);
    ULONGLONG ids[FXS_MAX_LIST], after = args->after_id;
    DWORD count, i, filled = 0, error = ERROR_SUCCESS;

    if (!(args->messages = calloc(args->max_count, sizeof(*args->messages)))) return ERROR_OUTOFMEMORY;
    do
    {
        archive_list(incoming, after, args->max_count - filled, ids, &count);
        for (i = 0; i < count && !error; i++)
        {
            struct job *message;
            after = ids[i];
            /* A message whose record is damaged is skipped, not the end of the listing. */
            if (jobstore_read_message(incoming, ids[i], &message)) continue;
            if (may_see(args->session, message, args->folder))
            {
                error = job_to_info(message, args->folder, &args->messages[filled]);
                if (!error) filled++;
            }
            job_free(message);
        }
    } while (!error && count && filled < args->max_count);
    if (error || !filled)
    {
        fxs_job_infos_free(args->messages, filled);
        args->messages = NULL;
        return error;
    }
    args->count = filled;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_list_messages(fxs_session_handle handle, ULONG folder, ULONGLONG after_id,
                                           ULONG max_count, ULONG *count, fxs_job_info **messages)
{
    struct messages_args args = { session_from_handle(handle), folder, after_id, max_count };
    DWORD error;

    *count = 0;
    *messages = NULL;
    if (!args.session) return ERROR_INVALID_HANDLE;
    if (is_queue(folder) || folder > FXS_FOLDER_INCOMING_ARCHIVE || !max_count) return ERROR_INVALID_PARAMETER;
    if (rights_require_any(args.session, query_right(folder) | (is_incoming(folder) ? 0 : SUBMIT_RIGHTS)))
        return ERROR_ACCESS_DENIED;
    if (args.max_count > FXS_MAX_LIST) args.max_count = FXS_MAX_LIST;
    if ((error = engine_call(list_messages_on_engine, &args))) return error;
    *count = args.count;
    *messages = args.messages;
    return ERROR_SUCCESS;
}

static DWORD delete_message_on_engine(void *context)
{
    struct job_args *args = context;
    struct job *message;
    BOOL owned, allowed;
    DWORD error;

    if ((error = find_job(args, &message, &owned))) return error;
    allowed = may_manage(args->session, message, args->folder);
    job_free(message);
    return allowed ? archive_delete(is_incoming(args->folder), args->id) : ERROR_ACCESS_DENIED;
}

error_status_t __cdecl s_fxs_delete_message(fxs_session_handle handle, ULONG folder, ULONGLONG id)
{
    struct job_args args = { session_from_handle(handle), folder, id };

    if (!args.session) return ERROR_INVALID_HANDLE;
    if (folder != FXS_FOLDER_OUTGOING_ARCHIVE && folder != FXS_FOLDER_INCOMING_ARCHIVE) return ERROR_INVALID_PARAMETER;
    return engine_call(delete_message_on_engine, &args);
}

struct set_message_args
{
    struct job_args job;
    const fxs_message_update *update;
};

/* The fields a reassignment gives an incoming message (see fxs_set_message). */
static BOOL reassign(struct job *message, const fxs_message_update *update)
{
    struct job_document *doc = &message->document;

    doc->cover_page_type = update->has_cover_page ? fcptLOCAL : fcptNONE;
    return job_set_string(&doc->subject, update->subject) &&
           job_set_string(&doc->sender[SENDER_NAME], update->sender_name) &&
           job_set_string(&doc->sender[SENDER_FAX_NUMBER], update->sender_fax_number) &&
           job_set_string(&doc->recipient_name, update->recipients);
}

static DWORD set_message_on_engine(void *context)
{
    struct set_message_args *args = context;
    const fxs_message_update *update = args->update;
    struct job *message;
    BOOL owned;
    DWORD error;

    if ((error = find_job(&args->job, &message, &owned))) return error;
    if ((update->what & FXS_MESSAGE_REASSIGN) && config_get()->general.incoming_faxes_are_public)
        error = ERROR_INVALID_OPERATION;
    else if ((update->what & FXS_MESSAGE_REASSIGN) && !reassign(message, update))
        error = ERROR_OUTOFMEMORY;
    if (!error && (update->what & FXS_MESSAGE_SET_READ)) message->read = update->read != 0;
    if (!error) error = jobstore_save_message(message);
    job_free(message);
    return error;
}

error_status_t __cdecl s_fxs_set_message(fxs_session_handle handle, ULONG folder, ULONGLONG id,
                                         const fxs_message_update *update)
{
    struct set_message_args args = { { session_from_handle(handle), folder, id }, update };

    if (!args.job.session) return ERROR_INVALID_HANDLE;
    if ((folder != FXS_FOLDER_OUTGOING_ARCHIVE && folder != FXS_FOLDER_INCOMING_ARCHIVE) || !update || !update->what ||
        (update->what & ~(FXS_MESSAGE_SET_READ | FXS_MESSAGE_REASSIGN)))
        return ERROR_INVALID_PARAMETER;
    if (update->what & FXS_MESSAGE_REASSIGN)
    {
        if (folder != FXS_FOLDER_INCOMING_ARCHIVE || !update->recipients || !update->recipients[0] ||
            !string_ok(update->recipients) || !string_ok(update->subject) || !string_ok(update->sender_name) ||
            !string_ok(update->sender_fax_number))
            return ERROR_INVALID_PARAMETER;
        if (rights_require(args.job.session, farMANAGE_IN_ARCHIVE | farQUERY_CONFIG)) return ERROR_ACCESS_DENIED;
    }
    return engine_call(set_message_on_engine, &args);
}

/* ---- devices and activity ---- */

static DWORD answer_on_engine(void *context)
{
    return inbox_answer(*(ULONG *)context);
}

error_status_t __cdecl s_fxs_answer_call(fxs_session_handle handle, ULONG device_id)
{
    struct session *session = session_from_handle(handle);

    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farMANAGE_JOBS)) return ERROR_ACCESS_DENIED;
    return engine_call(answer_on_engine, &device_id);
}

static DWORD activity_on_engine(void *context)
{
    fxs_activity *activity = context;
    struct activity_counters counters;

    activity_get(&counters);
    activity->incoming_messages = counters.incoming;
    activity->routing_messages = counters.routing;
    activity->outgoing_messages = counters.outgoing;
    activity->queued_messages = counters.queued;
    return ERROR_SUCCESS;
}

error_status_t __cdecl s_fxs_get_activity(fxs_session_handle handle, fxs_activity *activity)
{
    struct session *session = session_from_handle(handle);

    memset(activity, 0, sizeof(*activity));
    if (!session) return ERROR_INVALID_HANDLE;
    if (rights_require(session, farQUERY_CONFIG)) return ERROR_ACCESS_DENIED;
    return engine_call(activity_on_engine, activity);
}
