/*
 * The HylaFAX device provider on the engine thread (provider.h, hylafax.h).
 *
 * Devices: every modem of every configured server, named "HylaFAX <modem>" (with " on <host>"
 * when there are several servers). Modems seen once are remembered (hylafax-state.rec in the
 * config folder) and added at the next start before their server answers, in the same order, so
 * that their device ids and settings stay. A device is powered off while its server is not
 * connected or HylaFAX reports its modem down (MODEM_DOWN, or a status other than running).
 *
 * Sending: the engine keeps its own queue, schedule and retries; each attempt it makes becomes
 * one HylaFAX job of one attempt on the chosen modem (hylafax_session.c: submit). The HylaFAX job
 * id is written to hylafax-state.rec as soon as hfaxd gives it (JNEW) and removed when the attempt
 * ended, so that an attempt the engine makes again after a restart (recovery turns an in-progress
 * send into a retry) follows the HylaFAX job that exists instead of submitting the fax twice.
 * After a reconnect, every job of that server is asked for its state (a trigger missed while down),
 * as is a job whose JSUBM went unanswered (the connection dropped): found, it is followed, not
 * sent again.
 *
 * Pause and resume (provider hold): a job waiting in HylaFAX's queue (before its call) is
 * suspended with JSUSP and goes on with JSUBM <job>, at once and with its dial limits raised by
 * what a call the JSUSP ended used (hylafax_session.c); the engine shows it PAUSED while HylaFAX has
 * it suspended, whoever suspended it (JOB_SUSPEND; any later event of the job that means it goes
 * on clears it), and the client's Pause or Resume returns hfaxd's answer: ERROR_BUSY when faxq is
 * already sending it, ERROR_OBJECT_NOT_FOUND when hfaxd has no such job, ERROR_INVALID_OPERATION
 * when it is done, ERROR_REQUEST_REFUSED for another refusal, ERROR_NOT_READY while the server is
 * away, ERROR_CONNECTION_ABORTED when the connection dropped before the answer. After a refusal
 * the job's state is asked for; after a drop the reconnect asks. A job suspended in HylaFAX keeps
 * its device (its HylaFAX job is pinned to that modem). The outgoing queue's Paused only stops
 * new sends, as on the virtual line: jobs already handed to HylaFAX go on.
 *
 * The triggers, as the engine's reports:
 *   JOB_SUSPEND, JOB_READY, JOB_SLEEP, JOB_BLOCKED, JOB_DELAYED   send_progress(HFX_JES_QUEUED, text)
 *   JOB_SUSPEND / a later job event                              send_held(TRUE) / send_held(FALSE)
 *   SEND_CALL                                 send_progress(DIALING)
 *   SEND_CONNECTED                            send_progress(TRANSMITTING, page 1)
 *   SEND_PAGE n (n < pages)                   send_progress(TRANSMITTING, page n + 1)
 *   JOB_KILL                                  send_done(ABORTED) after abort, else FAILED
 *   SEND_DONE                                 nothing: it comes for a failed job too
 *   JOB_DEAD, JOB_TIMEDOUT, JOB_REJECT,       the job's state (JOBFMT %a) decides: done (D) is
 *   SEND_REQUEUE                              send_done(OK); else its status text (JOBFMT %s):
 *                                             busy -> BUSY, no answer / no carrier -> NO_ANSWER,
 *                                             dial tone -> NO_DIAL_TONE, else FAILED with the text
 *                                             (a requeued job is killed: retries are the engine's)
 *   RECV_BEGIN                                ringing(1, 2, ...) until the engine answers (HylaFAX
 *                                             answers by itself: a call the engine does not answer
 *                                             is only announced, its fax stays in HylaFAX's recvq)
 *   RECV_START                                receive_started(TSI, caller id of MODEM_CID); when
 *                                             its TSI is empty, at the first RECV_PAGE (its From)
 *   RECV_PAGE n                               receive_progress(RECEIVING, n)
 *   RECV_DOC                                  the file is fetched (RETR), receive_done(OK, image)
 *   RECV_END                                  a receive not done yet: receive_done(FAILED)
 *   MODEM_READY / MODEM_DOWN                  device powered on / off
 * HylaFAX's receive events do not name the modem: a call is the modem's whose MODEM_CID came
 * last, else the last one MODEM_BUSY marked while not sending for us, else the server's first
 * modem that is up and not sending.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include "hylafax.h"
#include "engine.h"
#include "job.h"
#include "jobstore.h"
#include "store.h"
#include "tiff.h"
#include "fax_status.h"
#include "fxssvc_private.h"

#define STATE_FILE  L"hylafax-state.rec"
#define STATE_KIND  "hylafax.state"
#define MAX_DEVICES 64
#define MAX_RINGS   99

struct hfx_device
{
    DWORD id;
    unsigned int server;
    char modem[HFX_ID];
    char number[HFX_ID];
    BOOL up;
};

struct hfx_job
{
    struct hfx_job *next;
    struct job *job;
    ULONGLONG key;                  /* job->id */
    unsigned int server;
    DWORD device_id;
    char id[HFX_ID];                /* HylaFAX's; "" until JNEW answered */
    LONG pages;
    BOOL aborted, requeued;
    BOOL held;                      /* suspended in HylaFAX (the engine shows the job PAUSED) */
    BOOL confirming, confirm_held;  /* hfaxd answered held = confirm_held: its trigger line is due */
    BOOL follow;                    /* submitted before, maybe not queued: a suspended one goes on */
    struct provider_request *request;   /* a pause or resume waiting for hfaxd's answer */
    BOOL request_hold;              /* which of the two */
    struct engine_timer *timer;     /* the INITIALIZING report, or an abort's, due at once */
};

struct hfx_call
{
    BOOL active;
    LONG id;
    DWORD device_id;
    BOOL answered, aborted;
    BOOL started;                   /* receive_started was reported */
    struct job *job;
    WCHAR caller_id[HFX_ID];
};

struct hfx_server
{
    struct hfx_session *session;
    BOOL connected;
    char identity[HYLAFAX_MAX_STRING + 8];  /* "host:port": whose modems and jobs are whose */
    char cid_modem[HFX_ID];         /* the modem of the last MODEM_CID, and its text */
    char cid_text[HFX_ID];
    char busy_modem[HFX_ID];        /* the last modem marked busy without a job of ours */
    struct hfx_call call;
};

/* A job map entry read at start: the HylaFAX job of an engine job, for its next attempt. */
struct saved_job
{
    ULONGLONG key;
    char server[HYLAFAX_MAX_STRING + 8];
    char id[HFX_ID];
};

struct hfx_provider
{
    struct provider *provider;
    unsigned int serial;
    unsigned int server_count;
    struct hfx_server servers[HYLAFAX_MAX_SERVERS];
    struct hfx_device devices[MAX_DEVICES];
    unsigned int device_count;
    struct hfx_job *jobs;
    struct saved_job *saved;
    unsigned int saved_count;
    LONG last_call_id;
    struct engine_timer *abort_timer;   /* reports receive aborts, due at once */
};

static struct hfx_provider *current;    /* the one instance: reports find it by serial */
static unsigned int last_serial;

static const struct provider_events *events(void)
{
    return current->provider->events;
}

/* ---- the state file: modems seen and HylaFAX job ids ---- */

static struct hfx_device *find_device(DWORD id)
{
    unsigned int i;
    for (i = 0; i < current->device_count; i++)
        if (current->devices[i].id == id) return &current->devices[i];
    return NULL;
}

static struct hfx_device *find_modem(unsigned int server, const char *modem)
{
    unsigned int i;
    for (i = 0; i < current->device_count; i++)
        if (current->devices[i].server == server && !strcmp(current->devices[i].modem, modem))
            return &current->devices[i];
    return NULL;
}

static struct hfx_job *find_job_by_id(unsigned int server, const char *id)
{
    struct hfx_job *entry;
    for (entry = current->jobs; entry; entry = entry->next)
        if (entry->server == server && id[0] && !strcmp(entry->id, id)) return entry;
    return NULL;
}

static struct hfx_job *find_job_by_key(ULONGLONG key)
{
    struct hfx_job *entry;
    for (entry = current->jobs; entry; entry = entry->next)
        if (entry->key == key) return entry;
    return NULL;
}

static record_status add_text(record *rec, const char *key, const char *value)
{
    return record_add_string(rec, key, value);
}

/* Writes the modems and the job map whole; a failure is logged (the map then lags one change). */
static void save_state(void)
{
    struct store *store = jobstore_store();
    char key[RECORD_MAX_KEY + 1];
    record_status status;
    struct hfx_job *entry;
    unsigned int i, n = 0;
    record *rec;
    DWORD error;

    if (!store || record_create(STATE_KIND, &rec)) return;
    status = record_add_u64(rec, "modem_count", current->device_count);
    for (i = 0; !status && i < current->device_count; i++)
    {
        const struct hfx_device *device = &current->devices[i];
        snprintf(key, sizeof(key), "modem.%u.server", i);
        if ((status = add_text(rec, key, current->servers[device->server].identity))) break;
        snprintf(key, sizeof(key), "modem.%u.name", i);
        if ((status = add_text(rec, key, device->modem))) break;
        snprintf(key, sizeof(key), "modem.%u.number", i);
        status = add_text(rec, key, device->number);
    }
    for (entry = current->jobs; !status && entry; entry = entry->next)
    {
        if (!entry->id[0]) continue;
        snprintf(key, sizeof(key), "job.%u.key", n);
        if ((status = record_add_u64(rec, key, entry->key))) break;
        snprintf(key, sizeof(key), "job.%u.server", n);
        if ((status = add_text(rec, key, current->servers[entry->server].identity))) break;
        snprintf(key, sizeof(key), "job.%u.id", n++);
        status = add_text(rec, key, entry->id);
    }
    /* Jobs of the last run the engine has not tried again yet stay in the map. */
    for (i = 0; !status && i < current->saved_count; i++)
    {
        if (find_job_by_key(current->saved[i].key)) continue;
        snprintf(key, sizeof(key), "job.%u.key", n);
        if ((status = record_add_u64(rec, key, current->saved[i].key))) break;
        snprintf(key, sizeof(key), "job.%u.server", n);
        if ((status = add_text(rec, key, current->saved[i].server))) break;
        snprintf(key, sizeof(key), "job.%u.id", n++);
        status = add_text(rec, key, current->saved[i].id);
    }
    if (!status) status = record_add_u64(rec, "job_count", n);
    error = status ? ERROR_OUTOFMEMORY : store_write_record(store, STORE_CONFIG, STATE_FILE, rec);
    if (error) svc_log("writing the HylaFAX state failed (%lu)", error);
    record_free(rec);
}

static int server_by_identity(const char *identity)
{
    unsigned int i;
    for (i = 0; i < current->server_count; i++)
        if (!strcmp(current->servers[i].identity, identity)) return (int)i;
    return -1;
}

static void copy_field(const record *rec, const char *key, char *out, size_t size)
{
    const char *value = "";
    record_get_string(rec, key, &value);
    snprintf(out, size, "%s", value);
}

static DWORD add_device(unsigned int server, const char *modem, const char *number, BOOL save)
{
    struct hfx_device *device;
    struct provider_device info;
    DWORD error;

    if (current->device_count == MAX_DEVICES) return ERROR_TOO_MANY_NAMES;
    device = &current->devices[current->device_count];
    memset(device, 0, sizeof(*device));
    device->server = server;
    snprintf(device->modem, sizeof(device->modem), "%s", modem);
    snprintf(device->number, sizeof(device->number), "%s", number);
    memset(&info, 0, sizeof(info));
    if (current->server_count > 1)
        swprintf(info.name, ARRAY_SIZE(info.name), L"HylaFAX %hs on %ls", modem,
                 hylafax_config_started()->servers[server].host);
    else
        swprintf(info.name, ARRAY_SIZE(info.name), L"HylaFAX %hs", modem);
    MultiByteToWideChar(CP_UTF8, 0, number, -1, info.number, ARRAY_SIZE(info.number));
    swprintf(info.description, ARRAY_SIZE(info.description), L"A HylaFAX modem (%hs)", current->servers[server].identity);
    info.powered_off = TRUE;
    if ((error = provider_add_device(current->provider, &info, &device->id))) return error;
    current->device_count++;
    if (save) save_state();
    return ERROR_SUCCESS;
}

/* The modems and job map of the last run. */
static void load_state(void)
{
    struct store *store = jobstore_store();
    char key[RECORD_MAX_KEY + 1], identity[HYLAFAX_MAX_STRING + 8], modem[HFX_ID], number[HFX_ID];
    uint32_t count, i;
    record *rec;

    if (!store || store_read_record(store, STORE_CONFIG, STATE_FILE, STATE_KIND, &rec)) return;
    if (!record_get_u32(rec, "modem_count", &count))
        for (i = 0; i < count && i < MAX_DEVICES; i++)
        {
            int server;
            snprintf(key, sizeof(key), "modem.%u.server", i);
            copy_field(rec, key, identity, sizeof(identity));
            snprintf(key, sizeof(key), "modem.%u.name", i);
            copy_field(rec, key, modem, sizeof(modem));
            snprintf(key, sizeof(key), "modem.%u.number", i);
            copy_field(rec, key, number, sizeof(number));
            if ((server = server_by_identity(identity)) >= 0 && modem[0] && !find_modem(server, modem))
                add_device(server, modem, number, FALSE);
        }
    if (!record_get_u32(rec, "job_count", &count) && count <= 100000 &&
        (current->saved = calloc(count ? count : 1, sizeof(*current->saved))))
        for (i = 0; i < count; i++)
        {
            struct saved_job *saved = &current->saved[current->saved_count];
            uint64_t key_value;
            snprintf(key, sizeof(key), "job.%u.key", i);
            if (record_get_u64(rec, key, &key_value)) continue;
            saved->key = key_value;
            snprintf(key, sizeof(key), "job.%u.server", i);
            copy_field(rec, key, saved->server, sizeof(saved->server));
            snprintf(key, sizeof(key), "job.%u.id", i);
            copy_field(rec, key, saved->id, sizeof(saved->id));
            if (saved->id[0]) current->saved_count++;
        }
    record_free(rec);
}

/* ---- devices ---- */

static BOOL device_powered_off(const struct hfx_device *device)
{
    return !current->servers[device->server].connected || !device->up;
}

static void set_up(struct hfx_device *device, BOOL up)
{
    BOOL was_off = device_powered_off(device);
    device->up = up;
    if (was_off != device_powered_off(device)) events()->device_changed(device->id);
}

static void server_connected(unsigned int server, const struct hfx_report *report)
{
    struct hfx_server *state = &current->servers[server];
    BOOL seen[MAX_DEVICES] = { 0 }, was_off[MAX_DEVICES];
    struct hfx_job *entry;
    unsigned int i;

    /* What happened to the jobs while the session was down; first: an attempt the engine starts
     * once the devices are on (from inside device_changed) asks for itself. */
    for (entry = current->jobs; entry; entry = entry->next)
        if (entry->server == server && entry->id[0]) hfx_session_query(state->session, entry->id);
    for (i = 0; i < current->device_count; i++) was_off[i] = device_powered_off(&current->devices[i]);
    state->connected = TRUE;
    for (i = 0; i < report->modem_count; i++)
    {
        const struct hfx_modem_info *modem = &report->modems[i];
        struct hfx_device *device = find_modem(server, modem->name);

        if (!device)
        {
            if (add_device(server, modem->name, modem->number, TRUE)) continue;
            device = &current->devices[current->device_count - 1];
            was_off[current->device_count - 1] = TRUE;
        }
        else if (strcmp(device->number, modem->number))
        {
            snprintf(device->number, sizeof(device->number), "%s", modem->number);
            save_state();
        }
        device->up = modem->up;
        seen[device - current->devices] = TRUE;
    }
    for (i = 0; i < current->device_count; i++)
    {
        struct hfx_device *device = &current->devices[i];
        if (device->server == server && !seen[i]) device->up = FALSE;
        if (was_off[i] != device_powered_off(device)) events()->device_changed(device->id);
    }
}

static void end_call(unsigned int server);

static void server_disconnected(unsigned int server, const char *why)
{
    struct hfx_server *state = &current->servers[server];
    unsigned int i;

    if (state->connected) svc_log("HylaFAX server %s: %s", state->identity, why);
    if (state->call.active) end_call(server);
    if (!state->connected) return;
    state->connected = FALSE;
    for (i = 0; i < current->device_count; i++)
        if (current->devices[i].server == server && current->devices[i].up)
            events()->device_changed(current->devices[i].id);
}

/* ---- sending ---- */

static void free_entry(struct hfx_job *entry)
{
    struct hfx_job **p;

    for (p = &current->jobs; *p; p = &(*p)->next)
        if (*p == entry)
        {
            *p = entry->next;
            break;
        }
    engine_timer_cancel(entry->timer);
    /* The attempt ended before hfaxd answered the pause or resume: its state does not allow it. */
    provider_request_done(entry->request, ERROR_INVALID_OPERATION);
    free(entry);
}

/* The end of an attempt: out of the map, then reported. */
static void finish(struct hfx_job *entry, enum provider_result result, const WCHAR *text)
{
    struct job *job = entry->job;
    BOOL mapped = entry->id[0] != 0;

    free_entry(entry);
    if (mapped) save_state();
    events()->send_done(job, result, text, NULL);
}

static enum provider_result classify(const char *status)
{
    char lower[HFX_LINE];
    size_t i;

    for (i = 0; status[i] && i + 1 < sizeof(lower); i++) lower[i] = (char)tolower((unsigned char)status[i]);
    lower[i] = 0;
    if (strstr(lower, "busy")) return PROVIDER_BUSY;
    if (strstr(lower, "no answer") || strstr(lower, "no carrier")) return PROVIDER_NO_ANSWER;
    if (strstr(lower, "dial tone") || strstr(lower, "dialtone")) return PROVIDER_NO_DIAL_TONE;
    return PROVIDER_FAILED;
}

static void finish_with_status(struct hfx_job *entry, const char *status)
{
    WCHAR text[HFX_LINE];

    MultiByteToWideChar(CP_UTF8, 0, status[0] ? status : "The HylaFAX job failed", -1, text, ARRAY_SIZE(text));
    finish(entry, classify(status), text);
}

static void queued_progress(struct hfx_job *entry, const char *text)
{
    WCHAR wide[HFX_LINE / 4 + 32];
    swprintf(wide, ARRAY_SIZE(wide), L"Queued on the HylaFAX server: %hs", text);
    events()->send_progress(entry->job, HFX_JES_QUEUED, wide, 0);
}

static void set_held(struct hfx_job *entry, BOOL held)
{
    if (entry->held == held) return;
    entry->held = held;
    events()->send_held(entry->job, held);
}

/* Whether a job event says that the job goes on in HylaFAX's queue (not suspended): not the end
 * of a preparation, which faxq reports while it suspends a job it was preparing. */
static BOOL job_goes_on(int event)
{
    switch (event)
    {
    case HFX_JOB_READY: case HFX_JOB_SLEEP: case HFX_JOB_BLOCKED: case HFX_JOB_DELAYED: case HFX_JOB_ACTIVE:
    case HFX_JOB_PROCESS:
        return TRUE;
    default:
        return event >= HFX_SEND_BEGIN && event < HFX_RECV_BEGIN;
    }
}

/* A trigger line's word on whether the job is suspended. hfaxd's answer to JSUSP or JSUBM can come
 * before lines faxq wrote earlier (recorded/pause.txt: "200 Job 1 suspended.", then "Preparation
 * finished", then "Suspended"): after an answer, lines that say otherwise are older than it, until
 * the line that agrees with it. */
static void held_news(struct hfx_job *entry, BOOL held)
{
    if (entry->confirming)
    {
        if (held != entry->confirm_held) return;
        entry->confirming = FALSE;
    }
    set_held(entry, held);
}

static void job_trigger(unsigned int server, const struct hfx_trigger *trigger)
{
    struct hfx_job *entry = find_job_by_id(server, trigger->job);

    if (!entry) return;
    /* Suspended and resumed by whoever asked: the provider, or HylaFAX's own tools (faxalter). */
    if (trigger->event == HFX_JOB_SUSPEND) held_news(entry, TRUE);
    else if (job_goes_on(trigger->event)) held_news(entry, FALSE);
    switch (trigger->event)
    {
    case HFX_JOB_SUSPEND: case HFX_JOB_READY: case HFX_JOB_SLEEP: case HFX_JOB_BLOCKED: case HFX_JOB_DELAYED:
        queued_progress(entry, trigger->text);
        break;
    case HFX_SEND_CALL:
        events()->send_progress(entry->job, FAX_JES_DIALING, NULL, 0);
        break;
    case HFX_SEND_CONNECTED:
        events()->send_progress(entry->job, FAX_JES_TRANSMITTING, NULL, 1);
        break;
    case HFX_SEND_PAGE:
        if (trigger->page >= 1 && trigger->page < entry->pages)
            events()->send_progress(entry->job, FAX_JES_TRANSMITTING, NULL, trigger->page + 1);
        break;
    case HFX_JOB_KILL:
        finish(entry, entry->aborted ? PROVIDER_ABORTED : PROVIDER_FAILED,
               entry->aborted ? NULL : L"The job was removed on the HylaFAX server");
        break;
    case HFX_JOB_DEAD:
    case HFX_JOB_TIMEDOUT:
    case HFX_JOB_REJECT:
        /* Whether the job was sent is not in the trigger: its state and status text say it.
         * (SEND_DONE, "Job completed successfully", comes for a failed job too: recorded/busy.txt;
         * JOB_DEAD follows it either way.) */
        hfx_session_query(current->servers[server].session, entry->id);
        break;
    case HFX_SEND_REQUEUE:
        /* HylaFAX would try again by itself: the engine decides, so the job's status ends it. */
        entry->requeued = TRUE;
        hfx_session_query(current->servers[server].session, entry->id);
        break;
    }
}

static void job_state(unsigned int server, const struct hfx_report *report)
{
    struct hfx_job *entry = find_job_by_id(server, report->job);

    if (!entry) return;
    switch (report->state)
    {
    case 'D':
        finish(entry, PROVIDER_OK, NULL);
        break;
    case 'F':
        finish_with_status(entry, report->text);
        break;
    case '?':
        finish(entry, PROVIDER_FAILED, L"The job is no longer on the HylaFAX server");
        break;
    default:
        if (entry->aborted || entry->requeued)
        {
            hfx_session_kill(current->servers[server].session, entry->id);
            if (entry->requeued) finish_with_status(entry, report->text);
            break;
        }
        /* 'T': suspended. A job the engine sends again (after a restart or an unanswered JSUBM)
         * goes on; else it was suspended while the session was away. */
        if (report->state == 'T' && entry->follow)
            hfx_session_hold(current->servers[server].session, entry->key, entry->id, FALSE);
        else
            set_held(entry, report->state == 'T');
        entry->follow = entry->confirming = FALSE;
        break;
    }
}

static void submitted(const struct hfx_report *report)
{
    struct hfx_job *entry = find_job_by_key(report->job_key);

    if (!entry) return;
    snprintf(entry->id, sizeof(entry->id), "%s", report->job);
    save_state();
    if (entry->aborted) hfx_session_kill(current->servers[entry->server].session, entry->id);
    /* A pause asked for before hfaxd gave the id: JSUSP follows the JSUBM. */
    else if (entry->request) hfx_session_hold(current->servers[entry->server].session, entry->key, entry->id, TRUE);
}

static void submit_unsure(const struct hfx_report *report)
{
    struct hfx_job *entry = find_job_by_key(report->job_key);
    if (entry) entry->follow = TRUE;   /* the reconnect's query says whether hfaxd has it */
}

static void submit_failed(const struct hfx_report *report)
{
    struct hfx_job *entry = find_job_by_key(report->job_key);
    WCHAR text[HFX_LINE];

    if (!entry) return;
    if (entry->aborted)
    {
        finish(entry, PROVIDER_ABORTED, NULL);
        return;
    }
    swprintf(text, ARRAY_SIZE(text), L"HylaFAX did not take the job: %hs", report->text);
    finish(entry, PROVIDER_FAILED, text);
}

static void initializing_timer(void *context)
{
    struct hfx_job *entry = context;
    entry->timer = NULL;
    events()->send_progress(entry->job, FAX_JES_INITIALIZING, NULL, 0);
}

/* HylaFAX's VRES: fine (196 lines/inch) from 150 dpi up, else normal (98). */
static unsigned int vertical_resolution(const void *image, size_t size, LONG pages)
{
    unsigned int vres = 196;
    tiff_doc doc;

    if (tiff_inspect(image, size, TIFF_MAX_OUTPUT_PAGES, &doc) != TIFF_OK) return 0;
    if (doc.page_count != (uint32_t)pages) vres = 0;
    else if (doc.pages[0].y_dpi && doc.pages[0].y_dpi < 150) vres = 98;
    tiff_doc_free(&doc);
    return vres;
}

static struct saved_job *saved_job(ULONGLONG key, unsigned int server)
{
    unsigned int i;
    for (i = 0; i < current->saved_count; i++)
        if (current->saved[i].key == key && !strcmp(current->saved[i].server, current->servers[server].identity))
            return &current->saved[i];
    return NULL;
}

static DWORD hfx_send(struct provider *provider, DWORD device_id, struct job *job, const WCHAR *number,
                      const WCHAR *tsid, const void *image, size_t size, LONG pages)
{
    struct hfx_device *device;
    struct hfx_job *entry;
    struct saved_job *saved;
    char number_text[HFX_LINE / 4];
    unsigned int vres;

    if (!current || provider != current->provider || !(device = find_device(device_id)) || !job || !number ||
        !image || pages <= 0)
        return ERROR_INVALID_PARAMETER;
    if (find_job_by_key(job->id)) return ERROR_BUSY;
    if (!(vres = vertical_resolution(image, size, pages))) return ERROR_INVALID_DATA;
    if (!WideCharToMultiByte(CP_UTF8, 0, number, -1, number_text, sizeof(number_text), NULL, NULL))
        return ERROR_INVALID_PARAMETER;
    if (!(entry = calloc(1, sizeof(*entry)))) return ERROR_OUTOFMEMORY;
    entry->job = job;
    entry->key = job->id;
    entry->server = device->server;
    entry->device_id = device_id;
    entry->pages = pages;
    if (!(entry->timer = engine_timer_add(clock_now(), initializing_timer, entry)))
    {
        free(entry);
        return ERROR_OUTOFMEMORY;
    }
    entry->next = current->jobs;
    current->jobs = entry;
    if ((saved = saved_job(job->id, device->server)))
    {
        /* An attempt of the last run: follow it rather than send the fax again. */
        snprintf(entry->id, sizeof(entry->id), "%s", saved->id);
        entry->follow = TRUE;
        *saved = current->saved[--current->saved_count];
        hfx_session_query(current->servers[device->server].session, entry->id);
    }
    else
        hfx_session_submit(current->servers[device->server].session, job->id, number_text, device->modem, vres, image,
                           size);
    return ERROR_SUCCESS;
}

/* ---- receiving ---- */

static BOOL device_sending(DWORD device_id)
{
    struct hfx_job *entry;
    for (entry = current->jobs; entry; entry = entry->next)
        if (entry->device_id == device_id) return TRUE;
    return FALSE;
}

static struct hfx_device *receiving_device(unsigned int server)
{
    struct hfx_server *state = &current->servers[server];
    struct hfx_device *device;
    unsigned int i;

    if (state->cid_modem[0] && (device = find_modem(server, state->cid_modem))) return device;
    if (state->busy_modem[0] && (device = find_modem(server, state->busy_modem))) return device;
    for (i = 0; i < current->device_count; i++)
    {
        device = &current->devices[i];
        if (device->server == server && !device_powered_off(device) && !device_sending(device->id)) return device;
    }
    return NULL;
}

static void call_begin(unsigned int server)
{
    struct hfx_server *state = &current->servers[server];
    struct hfx_call *call = &state->call;
    struct hfx_device *device = receiving_device(server);
    unsigned int ring;

    if (call->active || !device) return;
    memset(call, 0, sizeof(*call));
    call->active = TRUE;
    call->id = ++current->last_call_id;
    call->device_id = device->id;
    MultiByteToWideChar(CP_UTF8, 0, state->cid_text, -1, call->caller_id, ARRAY_SIZE(call->caller_id));
    state->cid_modem[0] = state->cid_text[0] = state->busy_modem[0] = 0;
    /* HylaFAX answers by itself: the rings are the engine's to count, at once. */
    for (ring = 1; ring <= MAX_RINGS && call->active && !call->answered; ring++)
        events()->ringing(call->device_id, call->id, call->caller_id, ring);
}

/* The receive begins for the engine once the sender's TSI is known: RECV_START may give it empty
 * (HylaFAX 6.0.7 did), the first page's "From <tsi>" then does. */
static void call_start(unsigned int server, const struct hfx_trigger *trigger, BOOL last_chance)
{
    struct hfx_call *call = &current->servers[server].call;
    WCHAR tsid[HFX_ID];

    if (!call->active) call_begin(server);
    if (!call->active || !call->answered || call->started) return;
    if (!trigger->sender[0] && !last_chance) return;
    MultiByteToWideChar(CP_UTF8, 0, trigger->sender, -1, tsid, ARRAY_SIZE(tsid));
    call->started = TRUE;
    call->job = events()->receive_started(call->device_id, call->id, tsid, call->caller_id);
}

static void call_page(unsigned int server, const struct hfx_trigger *trigger)
{
    struct hfx_call *call = &current->servers[server].call;

    call_start(server, trigger, TRUE);
    if (call->active && call->job && !call->aborted)
        events()->receive_progress(call->job, FAX_JES_RECEIVING, trigger->page);
}

static LONG image_pages(const void *image, size_t size)
{
    tiff_doc doc;
    LONG pages;

    if (!image || tiff_inspect(image, size, TIFF_MAX_OUTPUT_PAGES, &doc) != TIFF_OK) return 0;
    pages = (LONG)doc.page_count;
    tiff_doc_free(&doc);
    return pages;
}

static void call_received(unsigned int server, const struct hfx_report *report)
{
    struct hfx_call *call = &current->servers[server].call;
    struct job *job;
    LONG pages;

    call_start(server, &report->trigger, TRUE);
    if (!call->active || !(job = call->job) || call->aborted) return;
    call->job = NULL;
    pages = image_pages(report->image, report->size);
    if (pages > 0) events()->receive_done(job, PROVIDER_OK, report->image, report->size, pages);
    else
    {
        svc_log("HylaFAX: the received fax %s could not be used: %s", report->trigger.file, report->text);
        events()->receive_done(job, PROVIDER_FAILED, NULL, 0, 0);
    }
}

/* The call ended (RECV_END, or the server went away): what is still open ends with it. */
static void end_call(unsigned int server)
{
    struct hfx_call *call = &current->servers[server].call;
    struct job *job = call->job;
    BOOL aborted = call->aborted, started = call->started;
    DWORD device_id = call->device_id;
    LONG id = call->id;

    if (!call->active) return;
    memset(call, 0, sizeof(*call));
    if (job && !aborted) events()->receive_done(job, PROVIDER_FAILED, NULL, 0, 0);
    else if (!started) events()->call_ended(device_id, id);
}

static DWORD hfx_answer(struct provider *provider, DWORD device_id, LONG call_id, const WCHAR *csid)
{
    unsigned int i;

    if (!current || provider != current->provider || !find_device(device_id)) return ERROR_INVALID_PARAMETER;
    for (i = 0; i < current->server_count; i++)
    {
        struct hfx_call *call = &current->servers[i].call;
        if (call->active && call->device_id == device_id && call->id == call_id && !call->answered)
        {
            call->answered = TRUE;      /* HylaFAX presents its own CSID (its LocalIdentifier) */
            return ERROR_SUCCESS;
        }
    }
    return ERROR_NOT_FOUND;
}

/* A receive the engine aborted ends at once for the engine; HylaFAX finishes its call alone. */
static void abort_timer(void *context)
{
    unsigned int i;

    current->abort_timer = NULL;
    for (i = 0; i < current->server_count; i++)
    {
        struct hfx_call *call = &current->servers[i].call;
        struct job *job = call->job;
        if (!call->active || !call->aborted || !job) continue;
        call->job = NULL;
        events()->receive_done(job, PROVIDER_ABORTED, NULL, 0, 0);
    }
}

/* Aborted while its server is away: the attempt ends now for the engine; the kill waits in the
 * session's queue for the server to come back. */
static void aborted_timer(void *context)
{
    struct hfx_job *entry = context;
    entry->timer = NULL;
    finish(entry, PROVIDER_ABORTED, NULL);
}

static DWORD hfx_abort(struct provider *provider, struct job *job)
{
    struct hfx_job *entry;
    unsigned int i;

    if (!current || provider != current->provider || !job) return ERROR_NOT_FOUND;
    for (entry = current->jobs; entry; entry = entry->next)
    {
        if (entry->job != job) continue;
        if (entry->aborted) return ERROR_SUCCESS;
        entry->aborted = TRUE;
        /* Without an id yet, the kill follows the JNEW (submitted). */
        if (entry->id[0]) hfx_session_kill(current->servers[entry->server].session, entry->id);
        if (!current->servers[entry->server].connected)
        {
            engine_timer_cancel(entry->timer);
            if (!(entry->timer = engine_timer_add(clock_now(), aborted_timer, entry))) return ERROR_OUTOFMEMORY;
        }
        return ERROR_SUCCESS;
    }
    for (i = 0; i < current->server_count; i++)
    {
        struct hfx_call *call = &current->servers[i].call;
        if (!call->active || call->job != job) continue;
        call->aborted = TRUE;
        if (!current->abort_timer && !(current->abort_timer = engine_timer_add(clock_now(), abort_timer, NULL)))
            return ERROR_OUTOFMEMORY;
        return ERROR_SUCCESS;
    }
    return ERROR_NOT_FOUND;
}

/* ---- pause and resume: JSUSP and JSUBM ---- */

static void end_request(struct hfx_job *entry, DWORD error)
{
    struct provider_request *request = entry->request;
    entry->request = NULL;
    provider_request_done(request, error);
}

/* hfaxd's answer as the error the client gets (hfaxd(8) words them: "Job 7 suspended.", "Cannot
 * suspend job 7; job does not exist", "Job 7 not suspended; already done.", "Failed to suspend job
 * 7: Unspecified reason (scheduler NAK'd request)." when faxq is sending it). */
static DWORD hold_error(const struct hfx_report *report)
{
    if (report->code == -1) return ERROR_NOT_READY;
    if (report->code == 0) return ERROR_CONNECTION_ABORTED;
    if (report->code / 100 == 2) return ERROR_SUCCESS;
    if (strstr(report->text, "does not exist")) return ERROR_OBJECT_NOT_FOUND;
    if (strstr(report->text, "already done")) return ERROR_INVALID_OPERATION;
    if (report->hold && (strstr(report->text, "Failed to suspend") || strstr(report->text, "NAK")))
        return ERROR_BUSY;
    return ERROR_REQUEST_REFUSED;
}

static void hold_answer(unsigned int server, const struct hfx_report *report)
{
    struct hfx_job *entry = find_job_by_key(report->job_key);
    DWORD error = hold_error(report);

    if (!entry || strcmp(entry->id, report->job)) return;
    if (!error)
    {
        set_held(entry, report->hold);
        entry->confirming = TRUE;
        entry->confirm_held = report->hold;
    }
    else
    {
        svc_log("HylaFAX server %s: %s of job %s: %s", current->servers[server].identity,
                report->hold ? "JSUSP" : "JSUBM", report->job, report->text);
        /* What became of the job, from HylaFAX (a lost connection asks once it is back). */
        if (report->code > 0) hfx_session_query(current->servers[server].session, entry->id);
    }
    if (entry->request && entry->request_hold == report->hold) end_request(entry, error);
}

static DWORD hfx_hold(struct provider *provider, struct job *job, BOOL hold, struct provider_request *request)
{
    struct hfx_job *entry;

    if (!current || provider != current->provider || !job || !request) return ERROR_INVALID_PARAMETER;
    for (entry = current->jobs; entry; entry = entry->next)
        if (entry->job == job) break;
    /* Cancelled, or a pause or resume already waits for hfaxd. */
    if (!entry || entry->aborted || entry->request) return ERROR_INVALID_OPERATION;
    if (entry->held == hold) return ERROR_SUCCESS;
    if (!hold && !entry->id[0]) return ERROR_INVALID_OPERATION;
    if (!current->servers[entry->server].connected) return ERROR_NOT_READY;
    if (entry->id[0] && !hfx_session_hold(current->servers[entry->server].session, entry->key, entry->id, hold))
        return ERROR_OUTOFMEMORY;
    entry->request = request;
    entry->request_hold = hold;
    return ERROR_IO_PENDING;
}

static DWORD hfx_get_state(struct provider *provider, DWORD device_id, DWORD *state)
{
    struct hfx_device *device;
    struct hfx_job *entry;
    unsigned int i;

    if (!current || provider != current->provider || !state || !(device = find_device(device_id)))
        return ERROR_INVALID_PARAMETER;
    *state = device_powered_off(device) ? PROVIDER_DEVICE_POWERED_OFF : 0;
    for (entry = current->jobs; entry; entry = entry->next)
        if (entry->device_id == device_id) *state |= PROVIDER_DEVICE_SENDING;
    for (i = 0; i < current->server_count; i++)
    {
        const struct hfx_call *call = &current->servers[i].call;
        if (!call->active || call->device_id != device_id) continue;
        *state |= call->job ? PROVIDER_DEVICE_RECEIVING : PROVIDER_DEVICE_RINGING;
    }
    return ERROR_SUCCESS;
}

/* ---- reports ---- */

static void modem_trigger(unsigned int server, const struct hfx_trigger *trigger)
{
    struct hfx_server *state = &current->servers[server];
    struct hfx_device *device = find_modem(server, trigger->modem);

    switch (trigger->event)
    {
    case HFX_MODEM_CID:
        snprintf(state->cid_modem, sizeof(state->cid_modem), "%s", trigger->modem);
        snprintf(state->cid_text, sizeof(state->cid_text), "%s", trigger->text);
        break;
    case HFX_MODEM_BUSY:
        /* A modem busy without a send of ours is likely the one a call comes in on. */
        if (device && !device_sending(device->id))
            snprintf(state->busy_modem, sizeof(state->busy_modem), "%s", trigger->modem);
        break;
    case HFX_MODEM_DOWN:
    case HFX_MODEM_WEDGED:
        if (device) set_up(device, FALSE);
        break;
    case HFX_MODEM_READY:
        if (device) set_up(device, TRUE);
        else if (!add_device(server, trigger->modem, "", TRUE))
            set_up(&current->devices[current->device_count - 1], TRUE);
        break;
    }
}

static void trigger_report(unsigned int server, const struct hfx_trigger *trigger)
{
    if (trigger->event < HFX_RECV_BEGIN) job_trigger(server, trigger);
    else if (trigger->event == HFX_RECV_BEGIN) call_begin(server);
    else if (trigger->event == HFX_RECV_START) call_start(server, trigger, FALSE);
    else if (trigger->event == HFX_RECV_PAGE) call_page(server, trigger);
    else if (trigger->event == HFX_RECV_END) end_call(server);
    else if (trigger->event >= HFX_MODEM_ASSIGN) modem_trigger(server, trigger);
}

static void on_report(struct hfx_report *report)
{
    unsigned int server = report->server;

    if (current && report->serial == current->serial && server < current->server_count)
    {
        switch (report->kind)
        {
        case HFX_REPORT_CONNECTED: server_connected(server, report); break;
        case HFX_REPORT_DISCONNECTED: server_disconnected(server, report->text); break;
        case HFX_REPORT_TRIGGER: trigger_report(server, &report->trigger); break;
        case HFX_REPORT_SUBMITTED: submitted(report); break;
        case HFX_REPORT_SUBMIT_FAILED: submit_failed(report); break;
        case HFX_REPORT_SUBMIT_UNSURE: submit_unsure(report); break;
        case HFX_REPORT_HOLD_ANSWER: hold_answer(server, report); break;
        case HFX_REPORT_JOB_STATE: job_state(server, report); break;
        case HFX_REPORT_RECEIVED: call_received(server, report); break;
        }
    }
    hfx_report_free(report);
}

/* ---- start and stop ---- */

static void hfx_stop(struct provider *provider)
{
    struct hfx_provider *instance = provider->data;
    unsigned int i;

    if (!instance || instance != current) return;
    for (i = 0; i < instance->server_count; i++) hfx_session_stop(instance->servers[i].session);
    while (instance->jobs) free_entry(instance->jobs);
    engine_timer_cancel(instance->abort_timer);
    free(instance->saved);
    free(instance);
    current = NULL;
    provider->data = NULL;
}

static DWORD hfx_start(struct provider *provider)
{
    const struct hylafax_config *config = hylafax_config_started();
    struct hfx_provider *instance;
    unsigned int i;

    if (current) return ERROR_ALREADY_EXISTS;
    if (!hfx_wsa_start()) return ERROR_NOT_READY;
    if (!(instance = calloc(1, sizeof(*instance)))) return ERROR_OUTOFMEMORY;
    instance->provider = provider;
    instance->serial = ++last_serial;
    instance->server_count = config->count;
    provider->data = instance;
    current = instance;
    for (i = 0; i < config->count; i++)
        snprintf(instance->servers[i].identity, sizeof(instance->servers[i].identity), "%ls:%lu",
                 config->servers[i].host, config->servers[i].port);
    load_state();
    for (i = 0; i < config->count; i++)
        if (!(instance->servers[i].session = hfx_session_start(&config->servers[i], i, instance->serial, on_report)))
        {
            hfx_stop(provider);
            return ERROR_OUTOFMEMORY;
        }
    return ERROR_SUCCESS;
}

const struct provider_ops hylafax_ops =
{
    L"fxscomex.HylaFAX",
    L"fxscomex HylaFAX",
    L"fxshylafax.dll",
    MAKELONG(0, 1),
    hfx_start,
    hfx_stop,
    hfx_send,
    hfx_answer,
    hfx_abort,
    hfx_get_state,
    hfx_hold,
};
