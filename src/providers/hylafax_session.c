/*
 * One HylaFAX server's session (hylafax.h): a thread with two logins to hfaxd.
 *
 *   the control connection: modems (MDMFMT, LIST status), submissions (STOT, JNEW, JPARM, JSUBM),
 *     job states (JOBFMT, LIST sendq / doneq), kills (JKILL), pauses and resumes (JSUSP, JSUBM
 *     <job>), received faxes (RETR recvq/...);
 *   the watch connection: TYPE A, PORT, then SITE TRIGGER "J*S*R*M*", which holds that login for
 *     as long as it runs: the events arrive as text lines on its data connection.
 *
 * The control login lists the modems before the watch registers its trigger, and the provider
 * submits nothing before the session reported it is connected: no job starts before the trigger
 * that follows it (hfaxd drops the events of a job that come before its trigger).
 *
 * Any failure of either connection (or of a reply) closes both: reported DISCONNECTED, then the
 * thread connects again after 1 s, 2 s, 4 s ... up to HFX_MAX_BACKOFF_MS. A JSUBM or JSUSP whose
 * reply does not come counts as a failure too (a late reply would answer the next command). Commands wait in the queue while the session is down, except
 * submissions, which fail at once (the engine retries the job on another attempt), and pauses
 * and resumes, answered at once (a client waits). A JSUBM whose answer never came is reported
 * unsure: hfaxd may have the job, the provider asks once the session is back.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <winsock2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hylafax.h"
#include "engine.h"
#include "fxssvc_private.h"

#define POLL_MS          100
#define NOOP_PERIOD_MS   60000      /* keeps hfaxd's idle timer (900 s by default) from closing the login */
#define MAX_LISTING      (4u << 20)
#define MAX_RECEIVED     (64u << 20)

enum command_kind { COMMAND_SUBMIT, COMMAND_QUERY, COMMAND_KILL, COMMAND_SUSPEND, COMMAND_RESUME };

struct command
{
    enum command_kind kind;
    ULONGLONG job_key;
    char job[HFX_ID];
    char number[HFX_LINE / 4];
    char modem[HFX_ID];
    unsigned int vres;
    void *image;
    size_t size;
    struct command *next;
};

struct hfx_session
{
    struct hylafax_server_config config;
    unsigned int server, serial;
    hfx_report_fn report;
    HANDLE thread, stop_event;
    volatile LONG stop_flag;        /* the wire's waits end once it is set (hfx_set_cancel) */
    CRITICAL_SECTION lock;          /* the queue, and the sockets for stop's shutdown */
    struct command *head, **tail;
    struct hfx_conn control, watch;
    SOCKET trigger_data;
    BOOL connected;                 /* session thread only */
};

/* ---- reports ---- */

static DWORD run_report(void *context)
{
    struct hfx_report *report = context;
    report->deliver(report);
    return 0;
}

static struct hfx_report *new_report(struct hfx_session *session, enum hfx_report_kind kind)
{
    struct hfx_report *report = calloc(1, sizeof(*report));

    if (!report) return NULL;
    report->kind = kind;
    report->server = session->server;
    report->serial = session->serial;
    report->deliver = session->report;
    return report;
}

static void post(struct hfx_report *report)
{
    if (report && engine_post(run_report, report)) hfx_report_free(report);
}

void hfx_report_free(struct hfx_report *report)
{
    if (!report) return;
    free(report->image);
    free(report);
}

static void post_text(struct hfx_session *session, enum hfx_report_kind kind, ULONGLONG job_key, const char *job,
                      const char *text)
{
    struct hfx_report *report = new_report(session, kind);

    if (!report) return;
    report->job_key = job_key;
    snprintf(report->job, sizeof(report->job), "%s", job ? job : "");
    snprintf(report->text, sizeof(report->text), "%s", text ? text : "");
    post(report);
}

/* ---- connections ---- */

static BOOL stopping(struct hfx_session *session)
{
    return WaitForSingleObject(session->stop_event, 0) == WAIT_OBJECT_0;
}

static void close_all(struct hfx_session *session)
{
    EnterCriticalSection(&session->lock);
    hfx_close(&session->control);
    hfx_close(&session->watch);
    if (session->trigger_data != INVALID_SOCKET) closesocket(session->trigger_data);
    session->trigger_data = INVALID_SOCKET;
    LeaveCriticalSection(&session->lock);
}

static BOOL to_utf8(const WCHAR *text, char *out, size_t size)
{
    return WideCharToMultiByte(CP_UTF8, 0, text, -1, out, (int)size, NULL, NULL) > 0;
}

/* Connects and logs in: the greeting (220), USER, and PASS when asked for (331). */
static DWORD open_login(struct hfx_session *session, struct hfx_conn *conn, char *why, size_t size)
{
    char reply[HFX_LINE], user[HYLAFAX_MAX_STRING * 3], password[HYLAFAX_MAX_STRING * 3];
    struct hfx_conn opened;
    DWORD error;
    int code;

    if ((error = hfx_connect(session->config.host, session->config.port, &opened)))
    {
        snprintf(why, size, "cannot connect to %ls:%lu (%lu)", session->config.host, session->config.port, error);
        return error;
    }
    EnterCriticalSection(&session->lock);
    *conn = opened;
    LeaveCriticalSection(&session->lock);
    to_utf8(session->config.user, user, sizeof(user));
    to_utf8(session->config.password, password, sizeof(password));
    if ((code = hfx_read_reply(conn, reply, sizeof(reply), HFX_REPLY_TIMEOUT_MS)) != 220 ||
        ((code = hfx_command(conn, reply, sizeof(reply), "USER %s", user)) == 331 &&
         (code = hfx_command(conn, reply, sizeof(reply), "PASS %s", password)) != 230) || code != 230)
    {
        snprintf(why, size, "login refused: %s", code ? reply : "no reply");
        return ERROR_LOGON_FAILURE;
    }
    return ERROR_SUCCESS;
}

/* Starts a transfer on conn in active mode: TYPE, PORT, then the command, which must answer 150
 * or 125; *data is the connection hfaxd opened back. */
static DWORD open_transfer(struct hfx_conn *conn, char type, const char *command, char *reply, size_t size,
                           SOCKET *data)
{
    char port[64];
    SOCKET listener;
    DWORD error;
    int code;

    *data = INVALID_SOCKET;
    if (hfx_command(conn, reply, size, "TYPE %c", type) != 200) return ERROR_BAD_NET_RESP;
    if ((error = hfx_data_listen(conn, &listener, port, sizeof(port)))) return error;
    if (hfx_command(conn, reply, size, "PORT %s", port) != 200 ||
        ((code = hfx_command(conn, reply, size, "%s", command)) != 150 && code != 125))
        error = ERROR_BAD_NET_RESP;
    else
        error = hfx_data_accept(listener, HFX_REPLY_TIMEOUT_MS, data);
    closesocket(listener);
    return error;
}

/* The end of a transfer: 226. */
static DWORD close_transfer(struct hfx_conn *conn, SOCKET data, char *reply, size_t size)
{
    if (data != INVALID_SOCKET) closesocket(data);
    return hfx_read_reply(conn, reply, size, HFX_REPLY_TIMEOUT_MS) == 226 ? ERROR_SUCCESS : ERROR_BAD_NET_RESP;
}

/* A listing of the control connection, text. */
static DWORD list(struct hfx_session *session, const char *what, char **text)
{
    char reply[HFX_LINE], command[HFX_LINE / 2];
    size_t size;
    SOCKET data;
    DWORD error;

    *text = NULL;
    snprintf(command, sizeof(command), "LIST %s", what);
    if ((error = open_transfer(&session->control, 'A', command, reply, sizeof(reply), &data))) return error;
    error = hfx_data_receive(data, MAX_LISTING, HFX_REPLY_TIMEOUT_MS, text, &size);
    if (!error && !(*text = realloc(*text, size + 1))) error = ERROR_OUTOFMEMORY;
    if (!error) (*text)[size] = 0;
    if (!error) error = close_transfer(&session->control, data, reply, sizeof(reply));
    else closesocket(data);
    if (error)
    {
        free(*text);
        *text = NULL;
    }
    return error;
}

/* Splits "a|b|c" into at most count fields (in place). */
static unsigned int split(char *line, char **fields, unsigned int count)
{
    unsigned int n = 0;

    while (n < count)
    {
        char *bar = strchr(line, '|');
        fields[n++] = line;
        if (!bar) break;
        *bar = 0;
        line = bar + 1;
    }
    return n;
}

static BOOL status_is_up(const char *status)
{
    return !strncmp(status, "Running", 7) || strstr(status, "idle") || !strncmp(status, "Sending", 7) ||
           !strncmp(status, "Receiving", 9) || !strncmp(status, "Answering", 9);
}

static DWORD list_modems(struct hfx_session *session, struct hfx_report *report)
{
    char reply[HFX_LINE], *text, *line, *next;
    DWORD error;

    if (hfx_command(&session->control, reply, sizeof(reply), "MDMFMT \"%%m|%%n|%%s\"") != 200)
        return ERROR_BAD_NET_RESP;
    if ((error = list(session, "status", &text))) return error;
    for (line = text; line && *line && report->modem_count < HFX_MAX_MODEMS; line = next)
    {
        struct hfx_modem_info *modem = &report->modems[report->modem_count];
        char *fields[3];

        if ((next = strchr(line, '\n'))) *next++ = 0;
        line[strcspn(line, "\r")] = 0;
        if (split(line, fields, 3) != 3 || !fields[0][0]) continue;
        snprintf(modem->name, sizeof(modem->name), "%s", fields[0]);
        snprintf(modem->number, sizeof(modem->number), "%s", fields[1]);
        modem->up = status_is_up(fields[2]);
        report->modem_count++;
    }
    free(text);
    return ERROR_SUCCESS;
}

static DWORD register_trigger(struct hfx_session *session, char *why, size_t size)
{
    char reply[HFX_LINE];
    SOCKET data;
    DWORD error;

    if ((error = open_login(session, &session->watch, why, size))) return error;
    if ((error = open_transfer(&session->watch, 'A', "SITE TRIGGER " HFX_TRIGGER_SPEC, reply, sizeof(reply), &data)))
    {
        snprintf(why, size, "SITE TRIGGER refused: %s", reply);
        return error;
    }
    EnterCriticalSection(&session->lock);
    session->trigger_data = data;
    LeaveCriticalSection(&session->lock);
    return ERROR_SUCCESS;
}

static DWORD connect_session(struct hfx_session *session, char *why, size_t size)
{
    struct hfx_report *report = new_report(session, HFX_REPORT_CONNECTED);
    DWORD error;

    if (!report) return ERROR_OUTOFMEMORY;
    if (!(error = open_login(session, &session->control, why, size)) && (error = list_modems(session, report)))
        snprintf(why, size, "listing the modems failed (%lu)", error);
    if (!error) error = register_trigger(session, why, size);
    if (error)
    {
        hfx_report_free(report);
        return error;
    }
    post(report);
    return ERROR_SUCCESS;
}

/* ---- commands ---- */

static const char *quote(const char *text, char *out, size_t size)
{
    size_t n = 0;

    for (; *text && n + 2 < size; text++)
        if (*text != '"' && (unsigned char)*text >= ' ') out[n++] = *text;
    out[n] = 0;
    return out;
}

/* Uploads the document (FORM TIFF, then STOT): its name on the server, from "150 FILE: <name>
 * (...)". Without FORM TIFF, hfaxd keeps the file as PostScript (recorded from HylaFAX 6.0.7). */
static DWORD upload(struct hfx_session *session, const struct command *command, char *file, size_t size)
{
    char reply[HFX_LINE], *at;
    SOCKET data;
    DWORD error;

    if (hfx_command(&session->control, reply, sizeof(reply), "FORM TIFF") != 200) return ERROR_BAD_NET_RESP;
    if ((error = open_transfer(&session->control, 'I', "STOT", reply, sizeof(reply), &data))) return error;
    if (!(at = strstr(reply, "FILE: ")))
    {
        closesocket(data);
        return ERROR_BAD_NET_RESP;
    }
    snprintf(file, size, "%.*s", (int)strcspn(at + 6, " "), at + 6);
    error = hfx_data_send(data, command->image, command->size);
    shutdown(data, SD_SEND);
    if (!error) return close_transfer(&session->control, data, reply, sizeof(reply));
    closesocket(data);
    return error;
}

/* One attempt in HylaFAX for one attempt of the engine's: the engine keeps the retries, the
 * schedule and the time to send; so MAXDIALS 1, MAXTRIES 1, SENDTIME NOW, on the modem the engine
 * chose, without HylaFAX's own e-mail notices. LASTTIME (days, hours, minutes the job may live:
 * sendfax's default of 2:59) is needed: without it, hfaxd's job times out at once (JOB_TIMEDOUT,
 * "460 Failed to submit job", recorded from HylaFAX 6.0.7). */
static void submit(struct hfx_session *session, const struct command *command)
{
    static const char *const fixed[] = { "LASTTIME 000259", "MAXDIALS 1", "MAXTRIES 1", "SENDTIME NOW",
                                         "NOTIFY \"none\"" };
    char reply[HFX_LINE], file[HFX_LINE / 2], job[HFX_ID], text[HFX_LINE / 4], *at;
    struct hfx_report *report;
    unsigned int i;
    DWORD error;
    int code;

    if ((error = upload(session, command, file, sizeof(file))))
    {
        post_text(session, HFX_REPORT_SUBMIT_FAILED, command->job_key, NULL, "uploading the document failed");
        return;
    }
    if (hfx_command(&session->control, reply, sizeof(reply), "JNEW") != 200 || !(at = strstr(reply, "jobid: ")))
    {
        post_text(session, HFX_REPORT_SUBMIT_FAILED, command->job_key, NULL, reply);
        return;
    }
    snprintf(job, sizeof(job), "%.*s", (int)strcspn(at + 7, " ."), at + 7);
    if ((report = new_report(session, HFX_REPORT_SUBMITTED)))
    {
        report->job_key = command->job_key;
        snprintf(report->job, sizeof(report->job), "%s", job);
        post(report);
    }
    if (hfx_command(&session->control, reply, sizeof(reply), "JPARM DIALSTRING \"%s\"",
                    quote(command->number, text, sizeof(text))) / 100 != 2 ||
        hfx_command(&session->control, reply, sizeof(reply), "JPARM MODEM \"%s\"",
                    quote(command->modem, text, sizeof(text))) / 100 != 2 ||
        hfx_command(&session->control, reply, sizeof(reply), "JPARM VRES %u", command->vres) / 100 != 2)
        goto failed;
    for (i = 0; i < ARRAYSIZE(fixed); i++)
        if (hfx_command(&session->control, reply, sizeof(reply), "JPARM %s", fixed[i]) / 100 != 2) goto failed;
    if (hfx_command(&session->control, reply, sizeof(reply), "JPARM DOCUMENT %s", file) / 100 != 2)
        goto failed;
    if ((code = hfx_command(&session->control, reply, sizeof(reply), "JSUBM")) == 200) return;
    if (!code)
    {
        session->control.lost = TRUE;   /* a late answer would be taken for the next command's */
        /* JSUBM went, its answer did not come: hfaxd may have queued the job. The provider asks
         * for it once the session is back (sent or not, never twice). */
        post_text(session, HFX_REPORT_SUBMIT_UNSURE, command->job_key, job, "the connection was lost during JSUBM");
        return;
    }
failed:
    /* The job hfaxd created is not submitted: it goes, and the engine's attempt failed. */
    hfx_command(&session->control, text, sizeof(text), "JDELE %s", job);
    post_text(session, HFX_REPORT_SUBMIT_FAILED, command->job_key, job, reply);
}

/* The job's state letter and status text, from the send queue or the done queue. */
static DWORD query(struct hfx_session *session, const char *job)
{
    static const char *const queues[] = { "sendq", "doneq" };
    char reply[HFX_LINE], *text, *line, *next, *fields[3];
    struct hfx_report *report = new_report(session, HFX_REPORT_JOB_STATE);
    unsigned int q;
    DWORD error = ERROR_SUCCESS;

    if (!report) return ERROR_OUTOFMEMORY;
    snprintf(report->job, sizeof(report->job), "%s", job);
    report->state = '?';
    if (hfx_command(&session->control, reply, sizeof(reply), "JOBFMT \"%%j|%%a|%%s\"") != 200)
        error = ERROR_BAD_NET_RESP;
    for (q = 0; !error && q < ARRAYSIZE(queues) && report->state == '?'; q++)
    {
        if ((error = list(session, queues[q], &text))) break;
        for (line = text; *line; line = next)
        {
            if ((next = strchr(line, '\n'))) *next++ = 0;
            else next = line + strlen(line);
            line[strcspn(line, "\r")] = 0;
            if (split(line, fields, 3) != 3 || strcmp(fields[0], job)) continue;
            report->state = fields[1][0] ? fields[1][0] : '?';
            snprintf(report->text, sizeof(report->text), "%s", fields[2]);
            break;
        }
        free(text);
    }
    if (error) hfx_report_free(report);
    else post(report);
    return error;
}

/* A received fax (RECV_DOC): fetched whole, then reported with its trigger. */
static DWORD fetch(struct hfx_session *session, const struct hfx_trigger *trigger)
{
    struct hfx_report *report = new_report(session, HFX_REPORT_RECEIVED);
    char reply[HFX_LINE], command[HFX_LINE / 2];
    SOCKET data;
    DWORD error;

    if (!report) return ERROR_OUTOFMEMORY;
    report->trigger = *trigger;
    snprintf(command, sizeof(command), "RETR %s", trigger->file);
    if (!(error = open_transfer(&session->control, 'I', command, reply, sizeof(reply), &data)))
    {
        char *image;
        if (!(error = hfx_data_receive(data, MAX_RECEIVED, HFX_REPLY_TIMEOUT_MS, &image, &report->size)))
            report->image = image;
        error = close_transfer(&session->control, data, reply, sizeof(reply)) ? ERROR_BAD_NET_RESP : error;
    }
    if (error && report->image)
    {
        free(report->image);
        report->image = NULL;
    }
    snprintf(report->text, sizeof(report->text), "%s", error ? "fetching the received fax failed" : "");
    post(report);   /* also on failure: the call ends without its fax */
    return error;
}

/* A suspended job goes on with what faxq left it. A JSUSP that reached it as its call began
 * (recorded/resume.txt) ends the call and leaves the job to wait for HylaFAX's own requeue delay
 * (minutes) with its one dial used; resumed so, faxq would send it minutes later or refuse it
 * (too many dials). The engine's resume means now: SENDTIME NOW, and one dial and one try more
 * than used. What hfaxd refuses here, JSUBM's answer tells. */
static void prepare_resume(struct hfx_session *session, const char *job)
{
    static const char *const limits[][2] = { { "TOTDIALS", "MAXDIALS" }, { "TOTTRIES", "MAXTRIES" } };
    char reply[HFX_LINE];
    unsigned int i;

    if (hfx_command(&session->control, reply, sizeof(reply), "JOB %s", job) != 200) return;
    for (i = 0; i < ARRAY_SIZE(limits); i++)
        if (hfx_command(&session->control, reply, sizeof(reply), "JPARM %s", limits[i][0]) == 213)
            hfx_command(&session->control, reply, sizeof(reply), "JPARM %s %d", limits[i][1], atoi(reply + 4) + 1);
    hfx_command(&session->control, reply, sizeof(reply), "JPARM SENDTIME NOW");
}

/* JSUSP or JSUBM of a job: the answer (code 0: none came, the connection is gone). hfaxd answers
 * JSUSP of a job faxq is preparing once faxq stopped it (seconds), of a job whose call just began
 * once faxq ended the call (recorded/resume.txt), and of a job in its call once the call ended
 * (460, recorded/pause_calling.txt). */
static void hold(struct hfx_session *session, const struct command *command)
{
    struct hfx_report *report = new_report(session, HFX_REPORT_HOLD_ANSWER);
    char reply[HFX_LINE];
    int code;

    if (command->kind == COMMAND_RESUME) prepare_resume(session, command->job);
    code = hfx_command(&session->control, reply, sizeof(reply), "%s %s",
                       command->kind == COMMAND_SUSPEND ? "JSUSP" : "JSUBM", command->job);
    if (!code) session->control.lost = TRUE;    /* as after JSUBM: the session starts again */
    if (!report) return;
    report->job_key = command->job_key;
    snprintf(report->job, sizeof(report->job), "%s", command->job);
    report->hold = command->kind == COMMAND_SUSPEND;
    report->code = code;
    snprintf(report->text, sizeof(report->text), "%s", code ? reply : "no answer");
    post(report);
}

static struct command *take_command(struct hfx_session *session)
{
    struct command *command;

    EnterCriticalSection(&session->lock);
    if ((command = session->head) && !(session->head = command->next)) session->tail = &session->head;
    LeaveCriticalSection(&session->lock);
    return command;
}

static void free_command(struct command *command)
{
    free(command->image);
    free(command);
}

/* Runs a command: FALSE when the control connection failed on the way. */
static BOOL run_command(struct hfx_session *session, struct command *command)
{
    char reply[HFX_LINE];

    switch (command->kind)
    {
    case COMMAND_SUBMIT:
        submit(session, command);
        break;
    case COMMAND_QUERY:
        query(session, command->job);
        break;
    case COMMAND_KILL:
        hfx_command(&session->control, reply, sizeof(reply), "JKILL %s", command->job);
        break;
    case COMMAND_SUSPEND:
    case COMMAND_RESUME:
        hold(session, command);
        break;
    }
    /* A reply that never came means the connection is gone; a refusal does not. */
    return !session->control.lost;
}

/* While down: submissions, pauses and resumes fail at once (their callers are waiting), the
 * others wait. */
static void fail_submissions(struct hfx_session *session)
{
    struct command *kept = NULL, **kept_tail = &kept, *command;
    struct hfx_report *report;

    while ((command = take_command(session)))
    {
        if (command->kind == COMMAND_SUBMIT)
        {
            post_text(session, HFX_REPORT_SUBMIT_FAILED, command->job_key, NULL, "the HylaFAX server is not connected");
            free_command(command);
            continue;
        }
        if (command->kind == COMMAND_SUSPEND || command->kind == COMMAND_RESUME)
        {
            if ((report = new_report(session, HFX_REPORT_HOLD_ANSWER)))
            {
                report->job_key = command->job_key;
                snprintf(report->job, sizeof(report->job), "%s", command->job);
                report->hold = command->kind == COMMAND_SUSPEND;
                report->code = -1;
                snprintf(report->text, sizeof(report->text), "the HylaFAX server is not connected");
                post(report);
            }
            free_command(command);
            continue;
        }
        command->next = NULL;
        *kept_tail = command;
        kept_tail = &command->next;
    }
    if (!kept) return;
    EnterCriticalSection(&session->lock);
    *kept_tail = session->head;
    if (!session->head) session->tail = kept_tail;
    session->head = kept;
    LeaveCriticalSection(&session->lock);
}

/* ---- the connected loop ---- */

static BOOL handle_trigger_line(struct hfx_session *session, const char *line)
{
    struct hfx_report *report;
    struct hfx_trigger trigger;

    if (!hfx_parse_trigger(line, &trigger)) return TRUE;
    if (trigger.event == HFX_RECV_DOC && trigger.file[0])
    {
        fetch(session, &trigger);
        return !session->control.lost;
    }
    if (!(report = new_report(session, HFX_REPORT_TRIGGER))) return TRUE;
    report->trigger = trigger;
    post(report);
    return TRUE;
}

static void run_connected(struct hfx_session *session, char *why, size_t size)
{
    struct hfx_conn trigger = { 0 };
    DWORD last_noop = GetTickCount();
    char line[HFX_LINE];

    trigger.sock = session->trigger_data;
    while (!stopping(session))
    {
        struct command *command;
        DWORD error = hfx_read_line(&trigger, line, sizeof(line), POLL_MS);

        if (!error)
        {
            if (!handle_trigger_line(session, line))
            {
                snprintf(why, size, "the control connection failed");
                break;
            }
            continue;
        }
        if (error != WAIT_TIMEOUT)
        {
            snprintf(why, size, "the trigger connection ended (%lu)", error);
            break;
        }
        /* A reply on the watch login means that the trigger ended. */
        if (hfx_read_line(&session->watch, line, sizeof(line), 0) != WAIT_TIMEOUT)
        {
            snprintf(why, size, "the trigger ended");
            break;
        }
        if ((command = take_command(session)))
        {
            BOOL alive = run_command(session, command);
            free_command(command);
            last_noop = GetTickCount();
            if (!alive)
            {
                snprintf(why, size, "the control connection failed");
                break;
            }
        }
        else if (GetTickCount() - last_noop > NOOP_PERIOD_MS)
        {
            if (hfx_command(&session->control, line, sizeof(line), "NOOP") != 200)
            {
                snprintf(why, size, "the control connection failed");
                break;
            }
            last_noop = GetTickCount();
        }
    }
    /* What the trigger connection had buffered is gone with it: a reconnect asks for job states. */
}

static DWORD WINAPI session_thread(void *arg)
{
    struct hfx_session *session = arg;
    DWORD backoff = 1000;
    char why[HFX_LINE];

    hfx_set_cancel(&session->stop_flag);
    while (!stopping(session))
    {
        if (!connect_session(session, why, sizeof(why)))
        {
            backoff = 1000;
            run_connected(session, why, sizeof(why));
        }
        close_all(session);
        if (stopping(session)) break;
        post_text(session, HFX_REPORT_DISCONNECTED, 0, NULL, why);
        fail_submissions(session);
        if (WaitForSingleObject(session->stop_event, backoff) == WAIT_OBJECT_0) break;
        fail_submissions(session);
        backoff = backoff * 2 > HFX_MAX_BACKOFF_MS ? HFX_MAX_BACKOFF_MS : backoff * 2;
    }
    return 0;
}

/* ---- the interface ---- */

struct hfx_session *hfx_session_start(const struct hylafax_server_config *config, unsigned int server,
                                      unsigned int serial, hfx_report_fn report)
{
    struct hfx_session *session = calloc(1, sizeof(*session));

    if (!session) return NULL;
    session->config = *config;
    session->server = server;
    session->serial = serial;
    session->report = report;
    session->tail = &session->head;
    session->control.sock = session->watch.sock = session->trigger_data = INVALID_SOCKET;
    InitializeCriticalSection(&session->lock);
    if (!(session->stop_event = CreateEventW(NULL, TRUE, FALSE, NULL)) ||
        !(session->thread = CreateThread(NULL, 0, session_thread, session, 0, NULL)))
    {
        if (session->stop_event) CloseHandle(session->stop_event);
        DeleteCriticalSection(&session->lock);
        free(session);
        return NULL;
    }
    return session;
}

void hfx_session_stop(struct hfx_session *session)
{
    struct command *command;

    if (!session) return;
    InterlockedExchange(&session->stop_flag, 1);
    SetEvent(session->stop_event);
    /* Unblocks whatever the thread waits for on the network; the thread closes the sockets. */
    EnterCriticalSection(&session->lock);
    if (session->control.sock != INVALID_SOCKET) shutdown(session->control.sock, SD_BOTH);
    if (session->watch.sock != INVALID_SOCKET) shutdown(session->watch.sock, SD_BOTH);
    if (session->trigger_data != INVALID_SOCKET) shutdown(session->trigger_data, SD_BOTH);
    LeaveCriticalSection(&session->lock);
    WaitForSingleObject(session->thread, INFINITE);
    CloseHandle(session->thread);
    CloseHandle(session->stop_event);
    close_all(session);
    while ((command = take_command(session))) free_command(command);
    DeleteCriticalSection(&session->lock);
    free(session);
}

static void queue(struct hfx_session *session, struct command *command)
{
    EnterCriticalSection(&session->lock);
    *session->tail = command;
    session->tail = &command->next;
    LeaveCriticalSection(&session->lock);
}

void hfx_session_submit(struct hfx_session *session, ULONGLONG job_key, const char *number, const char *modem,
                        unsigned int vres, const void *image, size_t size)
{
    struct command *command = calloc(1, sizeof(*command));

    if (command && !(command->image = malloc(size ? size : 1)))
    {
        free(command);
        command = NULL;
    }
    if (!command)
    {
        post_text(session, HFX_REPORT_SUBMIT_FAILED, job_key, NULL, "out of memory");
        return;
    }
    command->kind = COMMAND_SUBMIT;
    command->job_key = job_key;
    snprintf(command->number, sizeof(command->number), "%s", number);
    snprintf(command->modem, sizeof(command->modem), "%s", modem);
    command->vres = vres;
    memcpy(command->image, image, size);
    command->size = size;
    queue(session, command);
}

static BOOL queue_job_command(struct hfx_session *session, enum command_kind kind, const char *job, ULONGLONG job_key)
{
    struct command *command = calloc(1, sizeof(*command));

    if (!command) return FALSE;
    command->kind = kind;
    command->job_key = job_key;
    snprintf(command->job, sizeof(command->job), "%s", job);
    queue(session, command);
    return TRUE;
}

void hfx_session_query(struct hfx_session *session, const char *job)
{
    queue_job_command(session, COMMAND_QUERY, job, 0);
}

void hfx_session_kill(struct hfx_session *session, const char *job)
{
    queue_job_command(session, COMMAND_KILL, job, 0);
}

BOOL hfx_session_hold(struct hfx_session *session, ULONGLONG job_key, const char *job, BOOL hold)
{
    return queue_job_command(session, hold ? COMMAND_SUSPEND : COMMAND_RESUME, job, job_key);
}
