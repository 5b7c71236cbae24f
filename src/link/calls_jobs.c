/*
 * The faxsvc methods about jobs, archives, devices and activity, through the RPC guard (as
 * calls.c does for the session methods): an argument block and a thunk per method.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include "link_private.h"

struct submit_args
{
    fxs_session_handle session;
    const fxs_document *document;
    DWORD recipient_count;
    const fxs_recipient *recipients;
    DWORD body_count;
    const fxs_body *bodies;
    LONG *error_body;
    ULONGLONG *ids;
    error_status_t result;
};

static void call_submit(void *p)
{
    struct submit_args *a = p;
    a->result = fxs_submit(a->session, a->document, a->recipient_count, a->recipients, a->body_count, a->bodies,
                           a->error_body, a->ids);
}

DWORD fxs_rpc_submit(fxs_session_handle session, const fxs_document *document, DWORD recipient_count,
                     const fxs_recipient *recipients, DWORD body_count, const fxs_body *bodies, LONG *error_body,
                     ULONGLONG *ids)
{
    struct submit_args args = { session, document, recipient_count, recipients, body_count, bodies, error_body, ids };

    if (error_body) *error_body = -1;
    return guarded(call_submit, &args, &args.result);
}

struct list_args
{
    fxs_session_handle session;
    DWORD folder;
    ULONGLONG after_id;
    DWORD max_count;
    DWORD *count;
    fxs_job_info **jobs;
    error_status_t result;
};

static void call_list_jobs(void *p)
{
    struct list_args *a = p;
    a->result = fxs_list_jobs(a->session, a->folder, a->count, a->jobs);
}

DWORD fxs_rpc_list_jobs(fxs_session_handle session, DWORD folder, DWORD *count, fxs_job_info **jobs)
{
    struct list_args args = { session, folder, 0, 0, count, jobs };

    if (count) *count = 0;
    if (jobs) *jobs = NULL;
    return guarded(call_list_jobs, &args, &args.result);
}

static void call_list_messages(void *p)
{
    struct list_args *a = p;
    a->result = fxs_list_messages(a->session, a->folder, a->after_id, a->max_count, a->count, a->jobs);
}

DWORD fxs_rpc_list_messages(fxs_session_handle session, DWORD folder, ULONGLONG after_id, DWORD max_count,
                            DWORD *count, fxs_job_info **messages)
{
    struct list_args args = { session, folder, after_id, max_count, count, messages };

    if (count) *count = 0;
    if (messages) *messages = NULL;
    return guarded(call_list_messages, &args, &args.result);
}

struct job_args
{
    fxs_session_handle session;
    DWORD folder;
    ULONGLONG id;
    DWORD operation;
    fxs_job_info *job;
    DWORD *size;
    BYTE **data;
    error_status_t result;
};

static void call_get_job(void *p)
{
    struct job_args *a = p;
    a->result = fxs_get_job(a->session, a->folder, a->id, a->job);
}

DWORD fxs_rpc_get_job(fxs_session_handle session, DWORD folder, ULONGLONG id, fxs_job_info *job)
{
    struct job_args args = { session, folder, id, 0, job };

    if (job) memset(job, 0, sizeof(*job));
    return guarded(call_get_job, &args, &args.result);
}

static void call_control_job(void *p)
{
    struct job_args *a = p;
    a->result = fxs_control_job(a->session, a->folder, a->id, a->operation);
}

DWORD fxs_rpc_control_job(fxs_session_handle session, DWORD folder, ULONGLONG id, DWORD operation)
{
    struct job_args args = { session, folder, id, operation };
    return guarded(call_control_job, &args, &args.result);
}

static void call_get_image(void *p)
{
    struct job_args *a = p;
    a->result = fxs_get_image(a->session, a->folder, a->id, a->size, a->data);
}

DWORD fxs_rpc_get_image(fxs_session_handle session, DWORD folder, ULONGLONG id, DWORD *size, BYTE **data)
{
    struct job_args args = { session, folder, id, 0, NULL, size, data };

    if (size) *size = 0;
    if (data) *data = NULL;
    return guarded(call_get_image, &args, &args.result);
}

static void call_delete_message(void *p)
{
    struct job_args *a = p;
    a->result = fxs_delete_message(a->session, a->folder, a->id);
}

DWORD fxs_rpc_delete_message(fxs_session_handle session, DWORD folder, ULONGLONG id)
{
    struct job_args args = { session, folder, id };
    return guarded(call_delete_message, &args, &args.result);
}

struct device_args
{
    fxs_session_handle session;
    DWORD device_id;
    fxs_activity *activity;
    error_status_t result;
};

static void call_answer_call(void *p)
{
    struct device_args *a = p;
    a->result = fxs_answer_call(a->session, a->device_id);
}

DWORD fxs_rpc_answer_call(fxs_session_handle session, DWORD device_id)
{
    struct device_args args = { session, device_id };
    return guarded(call_answer_call, &args, &args.result);
}

static void call_get_activity(void *p)
{
    struct device_args *a = p;
    a->result = fxs_get_activity(a->session, a->activity);
}

DWORD fxs_rpc_get_activity(fxs_session_handle session, fxs_activity *activity)
{
    struct device_args args = { session, 0, activity };

    if (activity) memset(activity, 0, sizeof(*activity));
    return guarded(call_get_activity, &args, &args.result);
}

struct set_message_args
{
    fxs_session_handle session;
    DWORD folder;
    ULONGLONG id;
    const fxs_message_update *update;
    error_status_t result;
};

static void call_set_message(void *p)
{
    struct set_message_args *a = p;
    a->result = fxs_set_message(a->session, a->folder, a->id, a->update);
}

DWORD fxs_rpc_set_message(fxs_session_handle session, DWORD folder, ULONGLONG id, const fxs_message_update *update)
{
    struct set_message_args args = { session, folder, id, update };
    return guarded(call_set_message, &args, &args.result);
}
