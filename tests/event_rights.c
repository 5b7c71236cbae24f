/*
 * Events filtered by rights, in the service: a session that may submit faxes but not query the
 * queues or the archives hears the events of its user's own outgoing jobs and sent faxes, and
 * nothing of the faxes received (which belong to nobody), while a session with every right hears
 * them all. Under Wine every process runs as one user, so "another user's job" is covered by the
 * received fax, which no user owns; the comparison is the same (src/svc/session.c, may_hear).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service_jobs.h"
#include "security_edit.h"

#define JOB_EVENTS (FXS_EVENT_IN_QUEUE | FXS_EVENT_OUT_QUEUE | FXS_EVENT_IN_ARCHIVE | FXS_EVENT_OUT_ARCHIVE)

static DWORD count_class(const struct event_log *log, DWORD event_class)
{
    DWORD i, count = 0;
    for (i = 0; i < log->count; i++) count += log->events[i].event_class == event_class;
    return count;
}

static void test_events_by_rights(struct fxs_link *admin, const WCHAR *sid)
{
    struct event_log everything = { 0 }, submitter = { 0 };
    struct fxs_link *restricted = NULL, *listener = start_listening();
    WCHAR sddl[256];
    ULONGLONG id;
    DWORD error;

    swprintf(sddl, ARRAY_SIZE(sddl), L"O:BAG:BAD:(A;;%#x;;;%ls)", farSUBMIT_LOW | farSUBMIT_NORMAL, sid);
    error = set_security(admin, sddl);
    ok(!error, "setting the descriptor: %lu\n", error);
    /* Rights are fixed when a session opens. */
    if (!listener || open_link(NULL, 0, TRUE, &restricted))
    {
        ok(0, "no sessions\n");
        if (listener) fxs_link_close(listener);
        return;
    }
    error = fxs_link_subscribe(restricted, JOB_EVENTS);
    ok(!error, "a submitter's subscription to the job events: %lu\n", error);
    ok(!fxs_link_open_events(restricted), "no event channel\n");

    /* Its own fax, sent by virtual device 1 and received by device 2. */
    error = submit_fax(restricted, L"1002", 1, &id);
    ok(!error, "submit: %lu\n", error);
    ok(wait_for(listener, &everything, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "the fax was not sent\n");
    ok(wait_for(listener, &everything, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "the fax was not received\n");
    ok(wait_for(restricted, &submitter, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id),
       "the submitter did not hear its fax archived\n");
    while (pull_into(restricted, &submitter, 500) && submitter.count < 10000 &&
           !log_has(&submitter, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id)) ;

    ok(count_class(&everything, FXS_EVENT_IN_QUEUE) > 0 && count_class(&everything, FXS_EVENT_IN_ARCHIVE) > 0,
       "the listener with every right heard %lu incoming job and %lu incoming archive events\n",
       count_class(&everything, FXS_EVENT_IN_QUEUE), count_class(&everything, FXS_EVENT_IN_ARCHIVE));
    ok(log_has(&submitter, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_ADDED, id) &&
       log_has(&submitter, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id),
       "the submitter did not hear its own job\n");
    ok(!count_class(&submitter, FXS_EVENT_IN_QUEUE) && !count_class(&submitter, FXS_EVENT_IN_ARCHIVE),
       "the submitter heard %lu incoming job and %lu incoming archive events\n",
       count_class(&submitter, FXS_EVENT_IN_QUEUE), count_class(&submitter, FXS_EVENT_IN_ARCHIVE));
    trace("with every right: %lu job events; a submitter: %lu\n", everything.count, submitter.count);

    log_free(&everything);
    log_free(&submitter);
    fxs_link_close(restricted);
    fxs_link_close(listener);
}

START_TEST(event_rights)
{
    struct fxs_link *admin;
    WCHAR root[MAX_PATH], sid[128];
    DWORD pid = 0;

    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-event-rights", root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");
    ok(user_sid(sid, ARRAY_SIZE(sid)), "no user SID\n");
    if (!open_link(NULL, 0, FALSE, &admin))
    {
        pid = service_pid(admin);
        test_events_by_rights(admin, sid);
        /* Give every right back, so that the service can be stopped as usual. */
        ok(!set_security(admin, L"O:BAG:BAD:(A;;0xffff;;;WD)"), "restoring the descriptor failed\n");
        fxs_link_close(admin);
    }
    else ok(0, "no session with the service\n");
    ok(stop_service() || (pid && kill_service(pid)), "the service did not stop\n");
    service_environment(FXSSVC_ENV_CLOCK_SPEED, NULL);
    remove_folder(root);
}
