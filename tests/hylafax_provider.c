/*
 * Tests of the HylaFAX device provider (src/providers/) in the real service, against a scripted
 * hfaxd (hylafax_peer.h) playing tests/scripts/hylafax_provider.conv: its configuration class
 * (validation, secrets, durability), the devices it makes of HylaFAX's modems, a fax sent (the
 * document uploaded, the job's parameters, the triggers as job states and pages), a fax received
 * (caller id, the file fetched into the incoming archive), a busy line, a job hfaxd refuses, a
 * cancel (JKILL), a lost server (devices powered off, reconnected with backoff, the job in flight
 * followed and not sent again) and a killed service (started again, the same devices, the job in
 * flight followed through its remembered HylaFAX job id, not sent again), pause and resume of a
 * job waiting in HylaFAX's queue (JSUSP, JSUBM; the queue's Paused sends nothing; hfaxd's
 * refusals: sending already, no such job, done, refused; a drop before the answer; a pause before
 * hfaxd gave the job its id; a suspended job cancelled), a drop
 * between JSUBM and its answer (the job followed, not sent twice) and a fax submitted while the
 * server is away (waits for a line, sent once it is back), and a service killed while a job is
 * suspended in HylaFAX (paused after the restart; resumed, the HylaFAX job goes on, the fax is
 * not sent again). The peer fails the test on any line
 * the script does not expect.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define COBJMACROS
#define CONST_VTABLE
#include "hylafax_peer.h"
#include "fax_objects.h"
#include "config_edit.h"
#include "hylafax_config.h"
#include "fxs_device_info.h"

/* ---- configuration ---- */

static DWORD try_config(struct fxs_link *link, record *rec)
{
    DWORD status = rec ? hylafax_set_record(link, rec) : ERROR_OUTOFMEMORY;
    record_free(rec);
    return status;
}

static void test_configuration(struct fxs_link *link, unsigned short port)
{
    static const struct
    {
        const char *kind;
        uint64_t count;
        const WCHAR *host;
        uint64_t port;
        const WCHAR *user;
        const char *extra;
        const char *why;
    } bad[] =
    {
        { "config.hylafax", 9, L"127.0.0.1", 4559, L"fax", NULL, "count beyond 8" },
        { "config.hylafax", 1, NULL, 4559, L"fax", NULL, "no host" },
        { "config.hylafax", 1, L"", 4559, L"fax", NULL, "an empty host" },
        { "config.hylafax", 1, L"bad host", 4559, L"fax", NULL, "a host with a space" },
        { "config.hylafax", 1, L"127.0.0.1", 0, L"fax", NULL, "no port" },
        { "config.hylafax", 1, L"127.0.0.1", 65536, L"fax", NULL, "port 65536" },
        { "config.hylafax", 1, L"127.0.0.1", 4559, NULL, NULL, "no user" },
        { "config.hylafax", 1, L"127.0.0.1", 4559, L"fax", "server.0.modems", "an unknown key" },
        { "config.hylafax", 1, L"127.0.0.1", 4559, L"fax", "server.1.port", "a server beyond count" },
        { "config.outbox", 1, L"127.0.0.1", 4559, L"fax", NULL, "another kind" },
    };
    const char *text;
    uint32_t number;
    record *rec;
    DWORD status;
    unsigned int i;

    rec = config_get(link, FXS_CONFIG_HYLAFAX);
    ok(rec && !record_get_u32(rec, "count", &number) && number == 0, "the default: no server\n");
    record_free(rec);

    for (i = 0; i < ARRAY_SIZE(bad); i++)
    {
        status = try_config(link, hylafax_record(bad[i].kind, bad[i].count, bad[i].host, bad[i].port, bad[i].user,
                                                L"secret", bad[i].extra));
        ok(status == ERROR_INVALID_PARAMETER, "%s: %lu\n", bad[i].why, status);
    }
    status = fxs_rpc_set_config(fxs_link_session(link), FXS_CONFIG_HYLAFAX, 5, (const BYTE *)"junk!");
    ok(status == ERROR_INVALID_PARAMETER, "a record that does not parse: %lu\n", status);
    rec = config_get(link, FXS_CONFIG_HYLAFAX);
    ok(rec && !record_get_u32(rec, "count", &number) && number == 0, "refused changes changed nothing\n");
    record_free(rec);

    status = try_config(link, hylafax_record("config.hylafax", 1, L"127.0.0.1", port, L"fax", L"secret", NULL));
    ok(status == ERROR_SUCCESS, "one server: %lu\n", status);
    rec = config_get(link, FXS_CONFIG_HYLAFAX);
    ok(rec && !record_get_u32(rec, "server.0.port", &number) && number == port, "the port as saved\n");
    ok(rec && !record_get_string(rec, "server.0.password", &text) && !strcmp(text, "secret"),
       "an administrator reads the password\n");
    record_free(rec);
    /* Set again without the password: it stays. */
    status = try_config(link, hylafax_record("config.hylafax", 1, L"127.0.0.1", port, L"fax", NULL, NULL));
    ok(status == ERROR_SUCCESS, "the same server without its password: %lu\n", status);
    rec = config_get(link, FXS_CONFIG_HYLAFAX);
    ok(rec && !record_get_string(rec, "server.0.password", &text) && !strcmp(text, "secret"), "the password stays\n");
    record_free(rec);

    /* The engine's retries would repeat the failures below: none. The virtual lines send nothing. */
    ok(!config_set_number(link, FXS_CONFIG_OUTBOX, "retries", 0), "no retries\n");
    ok(!config_set_number(link, FXS_CONFIG_DEVICES, "device.1.send_enabled", 0), "device 1 sends nothing\n");
    ok(!config_set_number(link, FXS_CONFIG_DEVICES, "device.2.send_enabled", 0), "device 2 sends nothing\n");
}

/* ---- events ---- */

/* The position of the first status event of device_id with that power state, from from; -1: none. */
static int find_device_event(const struct event_log *log, int from, LONG device_id, BOOL powered_off)
{
    DWORD i;
    for (i = from; i < log->count; i++)
        if (log->events[i].event_class == FXS_EVENT_DEVICE_STATUS && log->events[i].device_id == device_id &&
            !log->events[i].powered_off == !powered_off)
            return i;
    return -1;
}

static BOOL wait_device(struct fxs_link *link, struct event_log *log, int from, LONG device_id, BOOL powered_off)
{
    double deadline = now_ms() + EVENT_WAIT_MS;

    while (find_device_event(log, from, device_id, powered_off) < 0 && now_ms() < deadline)
        if (!pull_into(link, log, 1000)) return FALSE;
    return find_device_event(log, from, device_id, powered_off) >= 0;
}

/* Waits for the job's last status to be status (any extended status). */
static BOOL wait_job(struct fxs_link *link, struct event_log *log, ULONGLONG id, DWORD status)
{
    return wait_for_status(link, log, FXS_EVENT_OUT_QUEUE, id, status, ~0u, 0);
}

static const fxs_event *find_status(const struct event_log *log, DWORD event_class, ULONGLONG id, DWORD status,
                                    DWORD extended, LONG page)
{
    DWORD i;
    for (i = 0; i < log->count; i++)
    {
        const fxs_event *event = &log->events[i];
        if (is_job_event(event, event_class, FXS_JOB_EVENT_STATUS, id) && event->job.status == status &&
            event->job.extended_status_code == extended && event->job.current_page == page)
            return event;
    }
    return NULL;
}

static void check_devices(struct fxs_link *link, BOOL ttyIAX1_up)
{
    fxs_device_info *infos = NULL;
    fxs_provider_info *providers = NULL;
    DWORD count = 0, provider_count = 0, i;

    ok(!fxs_rpc_list_devices(fxs_link_session(link), &count, &infos), "listing the devices\n");
    ok(count == 4, "2 virtual lines and 2 HylaFAX modems: %lu devices\n", count);
    if (count == 4)
    {
        ok(!lstrcmpW(infos[2].name, L"HylaFAX ttyIAX0") && !lstrcmpW(infos[3].name, L"HylaFAX ttyIAX1"),
           "names %s, %s\n", wine_dbgstr_w(infos[2].name), wine_dbgstr_w(infos[3].name));
        ok(!lstrcmpW(infos[2].number, L"+1.555.0100") && !lstrcmpW(infos[3].number, L"+1.555.0101"),
           "numbers %s, %s\n", wine_dbgstr_w(infos[2].number), wine_dbgstr_w(infos[3].number));
        ok(!lstrcmpW(infos[2].provider_unique_name, L"fxscomex.HylaFAX"), "provider %s\n",
           wine_dbgstr_w(infos[2].provider_unique_name));
        ok(infos[2].id == 3 && infos[3].id == 4, "ids %lu, %lu\n", infos[2].id, infos[3].id);
        ok(!infos[2].powered_off, "ttyIAX0 is on\n");
        ok((!infos[3].powered_off) == ttyIAX1_up, "ttyIAX1 is %s\n", infos[3].powered_off ? "off" : "on");
    }
    ok(!fxs_rpc_list_providers(fxs_link_session(link), &provider_count, &providers), "listing the providers\n");
    for (i = 0; i < provider_count; i++)
        if (!lstrcmpW(providers[i].unique_name, L"fxscomex.HylaFAX")) break;
    ok(i < provider_count && providers[i].device_count == 2, "the HylaFAX provider has 2 devices\n");
    fxs_device_infos_free(infos, count);
    fxs_provider_infos_free(providers, provider_count);
}

/* Polls the device list until the provider has added both modems, powered on (the first events
 * of a start may come before the session subscribed). */
static BOOL wait_listed(struct fxs_link *link)
{
    double deadline = now_ms() + EVENT_WAIT_MS;
    BOOL listed = FALSE;

    while (!listed && now_ms() < deadline)
    {
        fxs_device_info *infos = NULL;
        DWORD count = 0;
        if (!fxs_rpc_list_devices(fxs_link_session(link), &count, &infos))
            listed = count == 4 && !infos[2].powered_off && !infos[3].powered_off;
        fxs_device_infos_free(infos, count);
        if (!listed) Sleep(100);
    }
    return listed;
}

/* ---- the conversation ---- */

static BOOL reach(struct peer *peer, const char *name)
{
    BOOL reached = peer_reach(peer, name);
    ok(reached, "%s\n", peer->failure);
    return reached;
}

static void test_send(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    const fxs_event *event;
    fxs_job_info info = { 0 };
    ULONGLONG id = 0;
    DWORD status;

    double start = now_ms();

    status = submit_fax(link, L"555 1234", 2, &id);
    ok(status == ERROR_SUCCESS, "submitting: %lu\n", status);
    if (!reach(peer, "sent")) return;
    ok(wait_job(link, log, id, fjsCOMPLETED), "the fax was sent\n");
    trace("submitted to COMPLETED through the scripted hfaxd: %.0f ms\n", now_ms() - start);
    ok(find_status(log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS, fjesDIALING, 0) != NULL, "DIALING\n");
    ok(find_status(log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS, fjesTRANSMITTING, 1) != NULL, "page 1\n");
    ok(find_status(log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS, fjesTRANSMITTING, 2) != NULL, "page 2\n");
    event = last_status(log, FXS_EVENT_OUT_QUEUE, id);
    ok(event && event->job.extended_status_code == fjesCALL_COMPLETED && event->job.device_id == 3,
       "completed on device 3: %lu, %ld\n", event ? event->job.extended_status_code : 0, event ? event->job.device_id : 0);
    ok(wait_for(link, log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id), "the job left the queue\n");
    ok(wait_for(link, log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "the fax is in the outgoing archive\n");
    status = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_ARCHIVE, id, &info);
    ok(!status && info.status.pages == 2, "archived with 2 pages: %lu, %ld\n", status, info.status.pages);
    if (!status) fxs_job_info_clear(&info);
}

static void test_receive(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    fxs_job_info info = { 0 };
    ULONGLONG id;
    DWORD status, i;
    int at;

    if (!reach(peer, "received")) return;
    ok(wait_for(link, log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "the fax is in the incoming archive\n");
    for (i = 0; i < log->count; i++)
        if (log->events[i].event_class == FXS_EVENT_INCOMING_CALL) break;
    ok(i < log->count && log->events[i].device_id == 4 && log->events[i].caller_id &&
       !lstrcmpW(log->events[i].caller_id, L"5559876"), "NewCall on device 4 from 5559876\n");
    at = find_event(log, 0, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0);
    ok(at >= 0, "IncomingJobAdded\n");
    if (at < 0) return;
    id = log->events[at].job_id;
    ok(find_status(log, FXS_EVENT_IN_QUEUE, id, fjsINPROGRESS, fjesRECEIVING, 2) != NULL, "page 2 received\n");
    ok(find_event(log, 0, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, id) >= 0, "archived as the same id\n");
    status = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_INCOMING_ARCHIVE, id, &info);
    ok(!status && info.status.pages == 2 && info.status.tsid && !lstrcmpW(info.status.tsid, L"REMOTE TSI"),
       "the archived fax: %lu, %ld pages, TSID %s\n", status, info.status.pages, wine_dbgstr_w(info.status.tsid));
    ok(!status && info.status.caller_id && !lstrcmpW(info.status.caller_id, L"5559876"), "caller id %s\n",
       wine_dbgstr_w(info.status.caller_id));
    if (!status) fxs_job_info_clear(&info);
}

static void test_failures(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    const fxs_event *event;
    ULONGLONG id = 0;

    ok(!submit_fax(link, L"5550000", 1, &id), "submitting to a busy line\n");
    if (!reach(peer, "busy")) return;
    ok(wait_job(link, log, id, fjsRETRIES_EXCEEDED), "the busy job ended\n");
    event = last_status(log, FXS_EVENT_OUT_QUEUE, id);
    ok(event && event->job.extended_status_code == fjesBUSY, "BUSY: %lu\n", event ? event->job.extended_status_code : 0);

    peer_resume(peer);
    ok(!submit_fax(link, L"5552222", 1, &id), "submitting a job hfaxd refuses\n");
    if (!reach(peer, "refused")) return;
    ok(wait_job(link, log, id, fjsRETRIES_EXCEEDED), "the refused job ended\n");
    event = last_status(log, FXS_EVENT_OUT_QUEUE, id);
    ok(event && event->job.extended_status && wcsstr(event->job.extended_status, L"HylaFAX did not take the job"),
       "why: %s\n", event ? wine_dbgstr_w(event->job.extended_status) : "none");
}

static void test_cancel(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    ULONGLONG id = 0;
    DWORD status;

    ok(!submit_fax(link, L"5551234", 1, &id), "submitting a fax to cancel\n");
    if (!reach(peer, "dialing")) return;
    ok(wait_for_status(link, log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS, fjesDIALING, 0), "dialing\n");
    status = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
    ok(status == ERROR_SUCCESS, "cancel: %lu\n", status);
    peer_resume(peer);
    if (!reach(peer, "cancelled")) return;
    ok(wait_job(link, log, id, fjsCANCELED), "the job was cancelled\n");
}

static void test_reconnect(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    ULONGLONG id = 0;
    int from;

    ok(!submit_fax(link, L"5551234", 1, &id), "submitting a fax in flight\n");
    if (!reach(peer, "in-flight")) return;
    ok(wait_for_status(link, log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS, fjesDIALING, 0), "dialing\n");
    from = log->count;
    peer_resume(peer);
    if (!reach(peer, "dropped")) return;
    ok(wait_device(link, log, from, 3, TRUE) && wait_device(link, log, from, 4, TRUE),
       "the server gone, its devices are powered off\n");
    from = log->count;
    peer_resume(peer);
    if (!reach(peer, "reconnected")) return;
    ok(wait_device(link, log, from, 3, FALSE), "back: ttyIAX0 is on\n");
    ok(wait_job(link, log, id, fjsCOMPLETED), "the job in flight completed, not sent again\n");
    check_devices(link, FALSE);
    from = log->count;
    peer_resume(peer);
    if (!reach(peer, "modem-ready")) return;
    ok(wait_device(link, log, from, 4, FALSE), "MODEM_READY: ttyIAX1 is on\n");
}

/* Killed with a job in flight, the service starts again: the engine's new attempt follows the
 * HylaFAX job it remembered (hylafax-state.rec) instead of submitting the fax a second time. */
/* Kills the service (the peer waits at a sync), lets the peer go on, starts the service again and
 * waits for the peer to reach restarted. */
static BOOL kill_and_restart(struct fxs_link **link, struct event_log *log, struct peer *peer, const char *restarted)
{
    DWORD pid = service_pid(*link);

    log_free(log);
    fxs_link_close(*link);
    ok(kill_service(pid), "killing the service\n");
    peer_resume(peer);
    if (!(*link = start_listening())) return FALSE;
    return reach(peer, restarted);
}

static void test_restart(struct fxs_link **link, struct event_log *log, struct peer *peer)
{
    ULONGLONG id = 0;

    ok(!config_set_number(*link, FXS_CONFIG_OUTBOX, "retries", 1), "one retry\n");
    ok(!submit_fax(*link, L"5551234", 1, &id), "submitting a fax\n");
    if (!reach(peer, "killing")) return;
    ok(wait_for_status(*link, log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS, fjesDIALING, 0), "dialing\n");
    if (!kill_and_restart(link, log, peer, "restarted")) return;
    ok(wait_job(*link, log, id, fjsCOMPLETED), "the job in flight completed after the restart\n");
    check_devices(*link, TRUE);
}

/* Cancelled while its server is away, a job ends at once; the kill reaches HylaFAX once it is back. */
static void test_cancel_while_away(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    ULONGLONG id = 0;
    DWORD status;
    int from;

    ok(!submit_fax(link, L"5551234", 1, &id), "submitting a fax\n");
    if (!reach(peer, "away")) return;
    ok(wait_for_status(link, log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS, fjesDIALING, 0), "dialing\n");
    from = log->count;
    peer_resume(peer);
    if (!reach(peer, "cancel-while-away")) return;
    ok(wait_device(link, log, from, 3, TRUE), "the server gone, ttyIAX0 is off\n");
    status = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
    ok(status == ERROR_SUCCESS, "cancel: %lu\n", status);
    ok(wait_job(link, log, id, fjsCANCELED), "cancelled without the server\n");
    from = log->count;
    peer_resume(peer);
    if (!reach(peer, "killed-when-back")) return;
    ok(wait_device(link, log, from, 3, FALSE), "back: ttyIAX0 is on\n");
}

/* ---- pause and resume: JSUSP and JSUBM ---- */

/* The provider's extended status while a job waits in HylaFAX's queue (src/providers/hylafax.h). */
#define HFX_JES_QUEUED 0x01000001

static DWORD control(struct fxs_link *link, ULONGLONG id, ULONG operation)
{
    return fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, operation);
}

/* The job's status and available operations as the queue shows them now. */
static BOOL job_now(struct fxs_link *link, ULONGLONG id, DWORD *status, DWORD *operations)
{
    fxs_job_info info = { 0 };

    if (fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, &info)) return FALSE;
    *status = info.status.status;
    *operations = info.status.available_operations;
    fxs_job_info_clear(&info);
    return TRUE;
}

static void check_job(struct fxs_link *link, ULONGLONG id, DWORD status, DWORD operation, BOOL offered,
                      const char *when)
{
    DWORD got = 0, operations = 0;
    BOOL found = job_now(link, id, &got, &operations);

    ok(found && got == status, "%s: status %#lx, expected %#lx\n", when, got, status);
    ok(found && !(operations & operation) == !offered, "%s: operations %#lx, %#lx %s\n", when, operations,
       operation, offered ? "offered" : "not offered");
}

/* Waits for the job's last status to carry text in its extended status. */
static BOOL wait_text(struct fxs_link *link, struct event_log *log, ULONGLONG id, const WCHAR *text)
{
    double deadline = now_ms() + EVENT_WAIT_MS;

    for (;;)
    {
        const fxs_event *event = last_status(log, FXS_EVENT_OUT_QUEUE, id);
        if (event && event->job.extended_status && wcsstr(event->job.extended_status, text)) return TRUE;
        if (now_ms() >= deadline || !pull_into(link, log, 1000)) return FALSE;
    }
}

/* Submits a fax and waits until it waits in HylaFAX's queue (the peer's sync name). */
static BOOL submit_queued(struct fxs_link *link, struct event_log *log, struct peer *peer, const char *name,
                          ULONGLONG *id)
{
    ok(!submit_fax(link, L"5551234", 1, id), "submitting a fax (%s)\n", name);
    if (!reach(peer, name)) return FALSE;
    return ok(wait_for_status(link, log, FXS_EVENT_OUT_QUEUE, *id, fjsINPROGRESS, HFX_JES_QUEUED, 0),
              "%s: queued on the HylaFAX server\n", name);
}

/* From the first status event of id from from that says PAUSED on, every one says so. */
static BOOL stays_paused(const struct event_log *log, int from, ULONGLONG id)
{
    BOOL paused = FALSE;
    DWORD i;

    for (i = from; i < log->count; i++)
    {
        const fxs_event *event = &log->events[i];
        if (!is_job_event(event, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id)) continue;
        if (event->job.status & fjsPAUSED) paused = TRUE;
        else if (paused) return FALSE;
    }
    return paused;
}

static void test_pause(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    ULONGLONG id = 0;
    DWORD status;
    int from;

    ok(!config_set_number(link, FXS_CONFIG_OUTBOX, "retries", 0), "no retries\n");
    if (!submit_queued(link, log, peer, "queued", &id)) return;
    check_job(link, id, fjsINPROGRESS, fjoPAUSE, TRUE, "waiting in HylaFAX's queue");
    check_job(link, id, fjsINPROGRESS, fjoRESUME, FALSE, "waiting in HylaFAX's queue");
    /* The queue's Paused stops new sends only (as on the virtual line): no JSUSP for this one. */
    ok(!config_set_number(link, FXS_CONFIG_OUTBOX, "paused", 1), "pausing the outgoing queue\n");
    check_job(link, id, fjsINPROGRESS, fjoPAUSE, TRUE, "the queue paused");
    ok(!config_set_number(link, FXS_CONFIG_OUTBOX, "paused", 0), "resuming the outgoing queue\n");
    peer_resume(peer);

    from = log->count;
    status = control(link, id, FXS_JOB_PAUSE);
    ok(status == ERROR_SUCCESS, "pause (JSUSP): %lu\n", status);
    check_job(link, id, fjsINPROGRESS | fjsPAUSED, fjoRESUME, TRUE, "suspended");
    check_job(link, id, fjsINPROGRESS | fjsPAUSED, fjoPAUSE, FALSE, "suspended");
    ok(wait_for_status(link, log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS | fjsPAUSED, HFX_JES_QUEUED, 0),
       "an event says paused\n");
    ok(wait_text(link, log, id, L"Suspended"), "HylaFAX's word for it\n");
    ok(stays_paused(log, from, id), "lines faxq wrote before the suspension, come after the answer, do not "
       "resume the job\n");
    status = control(link, id, FXS_JOB_PAUSE);
    ok(status == ERROR_INVALID_OPERATION, "paused twice: %lu\n", status);

    status = control(link, id, FXS_JOB_RESUME);
    ok(status == ERROR_SUCCESS, "resume (JSUBM): %lu\n", status);
    check_job(link, id, fjsINPROGRESS, fjoPAUSE, TRUE, "resumed");
    status = control(link, id, FXS_JOB_RESUME);
    ok(status == ERROR_INVALID_OPERATION, "resumed twice: %lu\n", status);

    /* faxq started the call meanwhile: hfaxd refuses once the call is over. */
    status = control(link, id, FXS_JOB_PAUSE);
    ok(status == ERROR_BUSY, "pause of a job faxq is sending: %lu\n", status);
    if (!reach(peer, "paused-and-sent")) return;
    ok(wait_job(link, log, id, fjsCOMPLETED), "the paused and resumed fax was sent\n");
    ok(find_status(log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS | fjsPAUSED, HFX_JES_QUEUED, 0) != NULL,
       "the paused job showed HylaFAX's queue\n");
}

/* Pause through IDispatch by name, as VB calls it: the error comes as DISP_E_EXCEPTION with the
 * HRESULT (scode) and the description in EXCEPINFO. */
static HRESULT pause_by_name(IDispatch *job, const WCHAR *word, BOOL *described)
{
    DISPPARAMS params = { NULL, NULL, 0, 0 };
    EXCEPINFO excepinfo;
    UINT arg_err;
    HRESULT hr;

    memset(&excepinfo, 0, sizeof(excepinfo));
    hr = IDispatch_Invoke(job, dispid_of(job, L"Pause"), &IID_NULL, 0, DISPATCH_METHOD, &params, NULL, &excepinfo,
                          &arg_err);
    if (hr == DISP_E_EXCEPTION) hr = excepinfo.scode;
    *described = excepinfo.bstrDescription && wcsstr(excepinfo.bstrDescription, word);
    if (!*described) trace("error description: %s\n", wine_dbgstr_w(excepinfo.bstrDescription));
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrHelpFile);
    return hr;
}

/* FaxOutgoingJob.Pause as a client calls it (a FaxServer of its own), through the vtable or
 * IDispatch by name: its HRESULT, and whether its error description has word in it. */
static HRESULT com_pause(ULONGLONG id, BOOL by_name, const WCHAR *word, BOOL *described)
{
    IFaxServer2 *server = connected_server();
    IFaxOutgoingJob *job = NULL;
    WCHAR text[17];
    HRESULT hr = E_FAIL;

    *described = FALSE;
    swprintf(text, ARRAY_SIZE(text), L"%016I64X", id);
    if (server && (job = get_outgoing_job(server, text, &hr)))
    {
        if (by_name) hr = pause_by_name((IDispatch *)job, word, described);
        else
        {
            hr = IFaxOutgoingJob_Pause(job);
            *described = last_error_has(word);
        }
        IFaxOutgoingJob_Release(job);
    }
    if (server)
    {
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    return hr;
}

/* A fax queued on the HylaFAX server, then paused through COM: the answer is expected, with word in
 * its description; the peer reaches answered. */
static BOOL pause_answered(struct fxs_link *link, struct event_log *log, struct peer *peer, const char *queued,
                           const char *answered, DWORD expected, const WCHAR *word, BOOL by_name, ULONGLONG *id)
{
    BOOL described;
    HRESULT hr;

    if (!submit_queued(link, log, peer, queued, id)) return FALSE;
    peer_resume(peer);
    hr = com_pause(*id, by_name, word, &described);
    ok(hr == HRESULT_FROM_WIN32(expected) && described, "Pause%s of %s: %#lx, described %d\n",
       by_name ? " by name" : "", queued, hr, described);
    return reach(peer, answered);
}

/* hfaxd's refusals come back as precise errors; the job's state follows HylaFAX's. */
static void test_pause_refused(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    const fxs_event *event;
    BOOL described;
    ULONGLONG id = 0;
    DWORD status;
    HRESULT hr;

    if (!pause_answered(link, log, peer, "queued-15", "not-found", ERROR_OBJECT_NOT_FOUND, L"no longer has", FALSE,
                        &id))
        return;
    ok(wait_job(link, log, id, fjsRETRIES_EXCEEDED), "the job ended\n");
    event = last_status(log, FXS_EVENT_OUT_QUEUE, id);
    ok(event && event->job.extended_status && wcsstr(event->job.extended_status, L"no longer on the HylaFAX server"),
       "why: %s\n", event ? wine_dbgstr_w(event->job.extended_status) : "none");

    peer_resume(peer);
    if (!pause_answered(link, log, peer, "queued-16", "already-done", ERROR_INVALID_OPERATION, L"does not allow", TRUE,
                        &id))
        return;
    ok(wait_job(link, log, id, fjsCOMPLETED), "the job completed\n");

    peer_resume(peer);
    if (!pause_answered(link, log, peer, "queued-17", "refused-17", ERROR_REQUEST_REFUSED, L"refused", FALSE, &id))
        return;
    check_job(link, id, fjsINPROGRESS, fjoPAUSE, TRUE, "the pause refused");
    peer_resume(peer);

    /* Dropped before the answer: the outcome is the job's state once the session is back. */
    hr = com_pause(id, FALSE, L"lost before it answered", &described);
    ok(hr == HRESULT_FROM_WIN32(ERROR_CONNECTION_ABORTED) && described, "pause without an answer: %#lx, described %d\n",
       hr, described);
    if (!reach(peer, "suspended-when-back")) return;
    ok(wait_for_status(link, log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS | fjsPAUSED, ~0u, 0),
       "suspended in HylaFAX after all: paused\n");
    check_job(link, id, fjsINPROGRESS | fjsPAUSED, fjoRESUME, TRUE, "back, suspended");
    peer_resume(peer);
    status = control(link, id, FXS_JOB_RESUME);
    ok(status == ERROR_SUCCESS, "resume: %lu\n", status);
    /* Once its call began, a job can no longer pause: refused without asking hfaxd. */
    if (!reach(peer, "dialing-17")) return;
    ok(wait_for_status(link, log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS, fjesDIALING, 0), "dialing\n");
    check_job(link, id, fjsINPROGRESS, fjoPAUSE, FALSE, "dialing");
    status = control(link, id, FXS_JOB_PAUSE);
    ok(status == ERROR_INVALID_OPERATION, "pause while dialing: %lu\n", status);
    peer_resume(peer);
    if (!reach(peer, "resumed-17")) return;
    ok(wait_job(link, log, id, fjsCOMPLETED), "the resumed job was sent\n");
}

/* Lost between JSUBM and its answer, the job is found in HylaFAX's queue once back: sent once.
 * While the server is away, a pause of it is refused at once. */
static void test_unsure_submission(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    BOOL described;
    HRESULT hr;
    ULONGLONG id = 0;
    int from = log->count;

    ok(!submit_fax(link, L"5551234", 1, &id), "submitting a fax\n");
    if (!reach(peer, "unsure-dropped")) return;
    ok(wait_device(link, log, from, 3, TRUE) && wait_device(link, log, from, 4, TRUE), "the server went away\n");
    /* Its server away, the job cannot pause: refused at once, with the reason. */
    hr = com_pause(id, FALSE, L"not connected", &described);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_READY) && described, "pause while the server is away: %#lx, described %d\n",
       hr, described);
    peer_resume(peer);
    if (!reach(peer, "unsure-submit")) return;
    ok(wait_job(link, log, id, fjsCOMPLETED), "the job hfaxd had was followed to its end\n");
}

/* Submitted while the server is away: the job waits for a line, then goes out once. */
static void test_submit_while_down(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    ULONGLONG id = 0;
    int from = log->count;

    peer_resume(peer);
    if (!reach(peer, "down")) return;
    ok(wait_device(link, log, from, 3, TRUE) && wait_device(link, log, from, 4, TRUE),
       "the server gone, its devices are powered off\n");
    ok(!submit_fax(link, L"5551234", 1, &id), "submitting while the server is away\n");
    ok(wait_for_status(link, log, FXS_EVENT_OUT_QUEUE, id, fjsPENDING | fjsNOLINE, ~0u, 0), "waiting for a line\n");
    peer_resume(peer);
    if (!reach(peer, "sent-after-down")) return;
    ok(wait_job(link, log, id, fjsCOMPLETED), "sent once the server was back\n");
}

/* Killed while a job is suspended in HylaFAX, the service starts again with the job paused; resumed,
 * the engine's new attempt puts the HylaFAX job it remembered back instead of sending the fax again. */
static void test_restart_paused(struct fxs_link **link, struct event_log *log, struct peer *peer)
{
    ULONGLONG id = 0;
    DWORD status;

    ok(!config_set_number(*link, FXS_CONFIG_OUTBOX, "retries", 1), "one retry\n");
    if (!submit_queued(*link, log, peer, "queued-20", &id)) return;
    peer_resume(peer);
    status = control(*link, id, FXS_JOB_PAUSE);
    ok(status == ERROR_SUCCESS, "pause: %lu\n", status);
    if (!reach(peer, "killing-paused") || !kill_and_restart(link, log, peer, "restarted-paused")) return;
    check_job(*link, id, fjsRETRYING | fjsPAUSED, fjoRESUME, TRUE, "after the restart");
    status = control(*link, id, FXS_JOB_RESUME);
    ok(status == ERROR_SUCCESS, "resume: %lu\n", status);
    peer_resume(peer);
    if (!reach(peer, "resumed-after-restart")) return;
    ok(wait_job(*link, log, id, fjsCOMPLETED), "the suspended HylaFAX job went on, the fax was sent once\n");
}

struct pause_call
{
    struct fxs_link *link;
    ULONGLONG id;
    DWORD status;
};

static DWORD WINAPI pause_thread(void *arg)
{
    struct pause_call *call = arg;
    call->status = control(call->link, call->id, FXS_JOB_PAUSE);
    return 0;
}

/* Paused while the engine hands it over (INITIALIZING: hfaxd has not given its id yet), the job
 * is suspended right after its JSUBM; cancelled while suspended, it is killed in HylaFAX. */
static void test_pause_initializing(struct fxs_link *link, struct event_log *log, struct peer *peer)
{
    struct pause_call call = { link };
    HANDLE thread;
    DWORD status;

    ok(!submit_fax(link, L"5551234", 1, &call.id), "submitting a fax\n");
    if (!reach(peer, "initializing")) return;
    ok(wait_for_status(link, log, FXS_EVENT_OUT_QUEUE, call.id, fjsINPROGRESS, fjesINITIALIZING, 0), "initializing\n");
    check_job(link, call.id, fjsINPROGRESS, fjoPAUSE, TRUE, "initializing");
    /* The pause waits for hfaxd's answer, which waits for the peer to go on. */
    thread = CreateThread(NULL, 0, pause_thread, &call, 0, NULL);
    peer_resume(peer);
    ok(thread && WaitForSingleObject(thread, 3 * PEER_WAIT_MS) == WAIT_OBJECT_0, "the pause returned\n");
    if (thread) CloseHandle(thread);
    ok(call.status == ERROR_SUCCESS, "pause before hfaxd gave the job its id: %lu\n", call.status);
    if (!reach(peer, "paused-21")) return;
    check_job(link, call.id, fjsINPROGRESS | fjsPAUSED, fjoRESUME, TRUE, "suspended after its JSUBM");
    status = control(link, call.id, FXS_JOB_CANCEL);
    ok(status == ERROR_SUCCESS, "cancel of the suspended job: %lu\n", status);
    peer_resume(peer);
    if (!reach(peer, "cancelled-21")) return;
    ok(wait_job(link, log, call.id, fjsCANCELED), "the suspended job was cancelled\n");
}

START_TEST(hylafax_provider)
{
    struct event_log log = { 0 };
    struct fxs_link *link = NULL;
    struct peer peer;
    WCHAR root[MAX_PATH], script[MAX_PATH], *slash;
    tiff_buffer received;
    double started;
    DWORD status;

    /* The conversation is in <build>\tests\scripts, the DLL in <build>\<arch>. */
    wcscpy(script, test_dll_path());
    if ((slash = wcsrchr(script, '\\'))) *slash = 0;
    if ((slash = wcsrchr(script, '\\'))) wcscpy(slash + 1, L"tests\\scripts\\hylafax_provider.conv");
    if (!peer_start(&peer, script))
    {
        ok(0, "cannot start the scripted hfaxd with %s\n", wine_dbgstr_w(script));
        return;
    }
    received = make_body(2);
    peer_add_file(&peer, "received", received.data, received.size);

    ok(stop_service(), "no service runs\n");
    fresh_data_root(L"hylafax_provider", root);
    if ((status = open_link(NULL, 0, FALSE, &link)))
    {
        ok(0, "starting the service: %lu\n", status);
        return;
    }
    test_configuration(link, peer.port);
    fxs_link_close(link);
    /* The servers of the configuration are the next start's. */
    ok(stop_service(), "stopping the service\n");

    /* Idle for a second, a service stops; one that follows HylaFAX servers does not. */
    service_environment(FXSSVC_ENV_IDLE_MS, L"1000");
    peer_run(&peer);
    started = now_ms();
    if (!(link = start_listening())) return;
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (reach(&peer, "connected"))
    {
        ok(wait_listed(link), "the modems are listed as devices, powered on\n");
        check_devices(link, TRUE);
        peer_resume(&peer);
        test_send(link, &log, &peer);
        peer_resume(&peer);
        test_receive(link, &log, &peer);
        peer_resume(&peer);
        test_failures(link, &log, &peer);
        peer_resume(&peer);
        test_cancel(link, &log, &peer);
        peer_resume(&peer);
        test_reconnect(link, &log, &peer);
        peer_resume(&peer);
        test_restart(&link, &log, &peer);
        peer_resume(&peer);
        if (link) test_cancel_while_away(link, &log, &peer);
        peer_resume(&peer);
        if (link) test_pause(link, &log, &peer);
        peer_resume(&peer);
        if (link) test_pause_refused(link, &log, &peer);
        peer_resume(&peer);
        if (link) test_unsure_submission(link, &log, &peer);
        if (link) test_submit_while_down(link, &log, &peer);
        peer_resume(&peer);
        if (link) test_restart_paused(&link, &log, &peer);
        peer_resume(&peer);
        if (link) test_pause_initializing(link, &log, &peer);
        peer_resume(&peer);
    }
    CoUninitialize();
    trace("the conversation took %.0f ms\n", now_ms() - started);
    ok(log.missed == 0, "%lu events missed\n", log.missed);
    log_free(&log);
    if (link) fxs_link_close(link);
    Sleep(3000);
    ok(!open_link(NULL, FXS_CLIENT_PASSIVE, TRUE, &link), "without sessions, the service still runs\n");
    if (link) fxs_link_close(link);
    ok(stop_service(), "stopping the service\n");
    peer_stop(&peer);
    ok(!peer.failure[0], "the conversation: %s\n", peer.failure);
    ok(peer.done, "the conversation ran to its end\n");
    ok(peer.uploads == 15, "15 documents uploaded (none twice): %u\n", peer.uploads);
    tiff_buffer_free(&received);
    remove_folder(root);
}
