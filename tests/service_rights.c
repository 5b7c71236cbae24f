/*
 * Access rights, enforced by the service on its RPC interface: the security descriptor of the
 * configuration decides what a new session may do, checked against the client's own token.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "service.h"
#include <sddl.h>
#include "faxcomex.h"
#include "fxs_job_info.h"
#include "record.h"
#include "config_edit.h"
#include "tiff.h"
#include "access_rights.h"

static WCHAR data_root[MAX_PATH];

static DWORD submit(struct fxs_link *link, DWORD priority, ULONGLONG *id)
{
    fax_bitmap *page = fax_bitmap_create(FAX_PAGE_WIDTH, 100);
    const fax_bitmap *pages[1] = { page };
    tiff_buffer body = { 0 };
    fxs_document document = { 0 };
    fxs_recipient recipient = { (WCHAR *)L"9000", NULL };  /* busy: the job stays in the queue */
    fxs_body bodies[1];
    LONG error_body;
    DWORD error;

    fax_write_tiff(pages, 1, NULL, &body);
    fax_bitmap_free(page);
    bodies[0].size = (ULONG)body.size;
    bodies[0].data = body.data;
    document.priority = priority;
    error = fxs_rpc_submit(fxs_link_session(link), &document, 1, &recipient, 1, bodies, &error_body, id);
    tiff_buffer_free(&body);
    return error;
}

/* A user who may submit low-priority faxes and look at the jobs, nothing else. */
static void test_submit_and_query_only(struct fxs_link *admin, const WCHAR *sid)
{
    fxs_message_update update = { 0 };
    fxs_session_handle session;
    fxs_activity activity;
    fxs_job_info *jobs;
    struct fxs_link *link;
    WCHAR sddl[256];
    ULONGLONG id, admin_job;
    DWORD error, count, size, rights = 0;
    BYTE *data;

    error = submit(admin, fptHIGH, &admin_job);
    ok(error == ERROR_SUCCESS, "the administrator's submission: %lu\n", error);
    swprintf(sddl, ARRAY_SIZE(sddl), L"O:BAG:BAD:(A;;%#x;;;%ls)", farSUBMIT_LOW | farQUERY_JOBS, sid);
    error = config_set_security(admin, sddl);
    ok(error == ERROR_SUCCESS, "setting the descriptor: %lu\n", error);

    /* Rights are fixed when a session opens: a new one has the new rights. */
    if (open_link(NULL, 0, TRUE, &link))
    {
        ok(0, "no restricted session\n");
        return;
    }
    session = fxs_link_session(link);
    error = fxs_rpc_get_rights(session, &rights);
    ok(!error && rights == (farSUBMIT_LOW | farQUERY_JOBS), "the session's rights: %lu, %#lx\n", error, rights);
    error = fxs_rpc_get_rights(fxs_link_session(admin), &rights);
    ok(!error && rights == 0x7ff, "the administrator's rights: %lu, %#lx\n", error, rights);
    error = submit(link, fptNORMAL, &id);
    ok(error == ERROR_ACCESS_DENIED, "submit at normal priority: %lu\n", error);
    error = submit(link, fptLOW, &id);
    ok(error == ERROR_SUCCESS, "submit at low priority: %lu\n", error);

    error = fxs_rpc_list_jobs(session, FXS_FOLDER_OUTGOING_QUEUE, &count, &jobs);
    ok(error == ERROR_SUCCESS && count == 2, "the jobs: %lu, %lu of them\n", error, count);
    fxs_job_infos_free(jobs, count);
    error = fxs_rpc_list_messages(session, FXS_FOLDER_INCOMING_ARCHIVE, 0, 10, &count, &jobs);
    ok(error == ERROR_ACCESS_DENIED, "the incoming archive: %lu\n", error);
    error = fxs_rpc_get_config(session, FXS_CONFIG_OUTBOX, &size, &data);
    ok(error == ERROR_ACCESS_DENIED, "reading the configuration: %lu\n", error);
    error = fxs_rpc_get_activity(session, &activity);
    ok(error == ERROR_ACCESS_DENIED, "the activity: %lu\n", error);
    error = fxs_rpc_answer_call(session, 1);
    ok(error == ERROR_ACCESS_DENIED, "answering a call: %lu\n", error);
    update.what = FXS_MESSAGE_REASSIGN;
    update.recipients = (WCHAR *)L"WORKGROUP\\ann";
    error = fxs_rpc_set_message(session, FXS_FOLDER_INCOMING_ARCHIVE, 1, &update);
    ok(error == ERROR_ACCESS_DENIED, "reassigning a received fax: %lu\n", error);
    error = fxs_rpc_subscribe(session, FXS_EVENT_CONFIG);
    ok(error == ERROR_ACCESS_DENIED, "configuration events: %lu\n", error);
    error = fxs_rpc_subscribe(session, FXS_EVENT_OUT_QUEUE | FXS_EVENT_QUEUE_STATE | FXS_EVENT_FXSSVC_ENDED);
    ok(error == ERROR_SUCCESS, "queue events: %lu\n", error);
    error = fxs_rpc_stop_service(session);
    ok(error == ERROR_ACCESS_DENIED, "stopping the service: %lu\n", error);
    error = config_set_security(link, L"O:BAG:BAD:(A;;0x7ff;;;WD)");
    ok(error == ERROR_ACCESS_DENIED, "granting itself everything: %lu\n", error);
    /* Its own job, submitted under its user: cancelling is allowed with a submit right. */
    error = fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
    ok(error == ERROR_SUCCESS, "cancelling its own job: %lu\n", error);
    fxs_link_close(link);
}

/* A user with no right at all still opens a session and hears the queue states and the end. */
static void test_no_rights(const WCHAR *sid)
{
    fxs_session_handle session;
    fxs_job_info *jobs;
    struct fxs_link *link;
    ULONGLONG id;
    DWORD error, count, rights = 1;

    if (open_link(NULL, 0, TRUE, &link))
    {
        ok(0, "no session without rights\n");
        return;
    }
    session = fxs_link_session(link);
    error = fxs_rpc_get_rights(session, &rights);
    ok(!error && !rights, "the session's rights: %lu, %#lx\n", error, rights);
    error = submit(link, fptLOW, &id);
    ok(error == ERROR_ACCESS_DENIED, "submit without rights: %lu\n", error);
    error = fxs_rpc_list_jobs(session, FXS_FOLDER_OUTGOING_QUEUE, &count, &jobs);
    ok(error == ERROR_ACCESS_DENIED, "the jobs without rights: %lu\n", error);
    error = fxs_rpc_subscribe(session, FXS_EVENT_OUT_QUEUE);
    ok(error == ERROR_ACCESS_DENIED, "job events without rights: %lu\n", error);
    error = fxs_rpc_subscribe(session, FXS_EVENT_QUEUE_STATE | FXS_EVENT_FXSSVC_ENDED);
    ok(error == ERROR_SUCCESS, "queue states and the end: %lu\n", error);
    fxs_link_close(link);
}

START_TEST(service_rights)
{
    struct fxs_link *admin;
    WCHAR temp[MAX_PATH], sid[128], command[MAX_PATH + 32];
    DWORD pid = 0, error;

    ok(stop_service(), "a service from an earlier test is still running\n");
    GetTempPathW(ARRAY_SIZE(temp), temp);
    swprintf(data_root, ARRAY_SIZE(data_root), L"%lsfxscomex-rights-%lu", temp, GetCurrentProcessId());
    service_environment(FXSSVC_ENV_DATA_ROOT, data_root);
    ok(user_sid(sid, ARRAY_SIZE(sid)), "no user SID\n");

    if (!open_link(NULL, 0, FALSE, &admin))
    {
        pid = service_pid(admin);
        test_submit_and_query_only(admin, sid);
        /* The administrator's session keeps its rights, fixed when it opened: it takes them all
         * away with a DACL that grants nobody anything. */
        error = config_set_security(admin, L"O:BAG:BAD:");
        ok(error == ERROR_SUCCESS, "the administrator's session after the descriptor changed: %lu\n", error);
        fxs_link_close(admin);
        test_no_rights(sid);
    }
    else ok(0, "no session with the service\n");

    /* Nobody may stop it now: end it as an administrator would, from outside. */
    ok(!pid || kill_service(pid), "the service could not be ended\n");
    swprintf(command, ARRAY_SIZE(command), L"cmd /c rmdir /s /q \"%ls\"", data_root);
    run_command(command, 30000);
}
