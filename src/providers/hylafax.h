/*
 * The HylaFAX device provider (provider.h): the fax service sends and receives through one or
 * more HylaFAX servers, talking to their hfaxd over TCP (HylaFAX's client-server protocol, the
 * FTP-like one of hfaxd -i; port 4559 by default).
 *
 * The parts:
 *   hylafax_config.c   the configuration class FXS_CONFIG_HYLAFAX ("config.hylafax", see
 *                      idl/faxsvc.idl): which servers, durable, validated, read at start
 *   hylafax_wire.c     sockets: connecting, command lines and replies, active-mode data connections
 *   hylafax_trigger.c  the text lines SITE TRIGGER delivers, parsed (pure)
 *   hylafax_session.c  one network thread per server: logs in, lists modems, keeps a trigger
 *                      registered, runs submissions, kills and fetches, reconnects with backoff
 *   hylafax.c          the provider on the engine thread: devices, jobs, calls, the durable job map
 *
 * Driving it (what a test or an administrator needs):
 *   - hfaxd must let the configured user in from the service's machine (etc/hosts.hfaxd), and
 *     must be able to connect back to it: the data connections are active mode (PORT, IPv4 only),
 *     to the address the control connection has on this side.
 *   - The configuration: class FXS_CONFIG_HYLAFAX through fxs_get_config / fxs_set_config (its keys
 *     in idl/faxsvc.idl; tests/hylafax_config.h has hylafax_configure()), in force from the next
 *     start of the service; count 0 (the default) leaves the provider off.
 *   - Each modem "LIST status" shows (MDMFMT "%m|%n|%s") becomes a device "HylaFAX <modem>" (with
 *     " on <host>" when there are several servers), its number the modem's FAX number; on while the
 *     server is connected and the modem's status starts with "Running" (or says idle, Sending,
 *     Receiving, Answering), off otherwise, and on MODEM_DOWN / MODEM_WEDGED until MODEM_READY.
 *   - A fax the engine sends on one becomes a HylaFAX job pinned to that modem (JPARM MODEM),
 *     one attempt (the engine keeps retries and schedule); what hfaxd hears: FORM TIFF, STOT, JNEW,
 *     JPARM DIALSTRING, MODEM, VRES (196 or 98), LASTTIME 000259, MAXDIALS 1, MAXTRIES 1,
 *     SENDTIME NOW, NOTIFY "none", DOCUMENT, JSUBM (tests/scripts/hylafax_provider.conv has the
 *     whole conversation).
 *   - While it waits in HylaFAX's queue (extended status HFX_JES_QUEUED), FaxOutgoingJob.Pause
 *     suspends it (JSUSP <job>) and Resume puts it back (JSUBM <job>): the job shows
 *     INPROGRESS | PAUSED while HylaFAX has it suspended; hfaxd's refusals come back as errors
 *     (hylafax.c says which).
 *   - A fax HylaFAX receives reaches the engine as a call on the modem of the last MODEM_CID (else
 *     the first idle one), answered as the device's ReceiveMode says, and is fetched (RETR) into
 *     the incoming archive once RECV_DOC names its file.
 *   - The log (svc_log: stderr of a service started from a console) says why a server is away.
 *
 * Threads: the engine calls the provider on its thread (provider.h); hylafax.c hands commands to a
 * server's thread through that session's queue, and the session hands what it learnt back with
 * engine_post (never engine_call: stop joins the session threads on the engine thread).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_HYLAFAX_H
#define FXSSVC_HYLAFAX_H

#include <windows.h>
#include "provider.h"
#include "record.h"

struct store;

/* ---- configuration (hylafax_config.c) ---- */

#define HYLAFAX_MAX_SERVERS 8
#define HYLAFAX_MAX_STRING  260     /* host, user, password: at most 259 characters */
#define HYLAFAX_DEFAULT_PORT 4559

struct hylafax_server_config
{
    WCHAR host[HYLAFAX_MAX_STRING];     /* a name or a dotted IPv4 address */
    DWORD port;                         /* 1-65535 */
    WCHAR user[HYLAFAX_MAX_STRING];
    WCHAR password[HYLAFAX_MAX_STRING]; /* "": none asked (hfaxd answers USER with 230) */
};

struct hylafax_config
{
    DWORD count;                        /* 0: the provider is off */
    struct hylafax_server_config servers[HYLAFAX_MAX_SERVERS];
};

/* The configuration read at start (the provider's servers); a change is written at once and is
 * in force from the next start of the service. */
const struct hylafax_config *hylafax_config_started(void);
/* Reads the saved class at start (defaults: no server); a damaged file is set aside. */
void hylafax_config_load(struct store *store);
/* The class as the wire has it (idl/faxsvc.idl): what is saved (the next start's); the passwords
 * only with secrets. */
DWORD hylafax_config_get(BOOL secrets, record **out);
/* Checks a record and saves it: ERROR_INVALID_PARAMETER for a bad shape or value. */
DWORD hylafax_config_set(const record *rec);

/* ---- the wire (hylafax_wire.c) ---- */

#define HFX_LINE 1024

/* A Winsock SOCKET (winsock2.h is for the files that use the network, included before windows.h). */
typedef UINT_PTR hfx_socket;

struct hfx_conn
{
    hfx_socket sock;
    char buffer[4096];
    size_t length;                      /* bytes received, not yet taken as lines */
    BOOL lost;                          /* a send or receive failed (not a timeout): the peer is gone */
};

BOOL hfx_wsa_start(void);
/* The calling thread's stop flag: once it is set, every wait of the wire fails (ERROR_CANCELLED). */
void hfx_set_cancel(const volatile LONG *cancel);
DWORD hfx_connect(const WCHAR *host, DWORD port, struct hfx_conn *conn);
void hfx_close(struct hfx_conn *conn);
/* Sends one command line (CRLF added). */
DWORD hfx_send_line(struct hfx_conn *conn, const char *line);
/* One line, without its CRLF: ERROR_SUCCESS, WAIT_TIMEOUT, or an error when the peer has gone. */
DWORD hfx_read_line(struct hfx_conn *conn, char *line, size_t size, DWORD timeout_ms);
/* A whole reply (its continuation lines skipped): the code, 0 when none came; text the last line. */
int hfx_read_reply(struct hfx_conn *conn, char *text, size_t size, DWORD timeout_ms);
/* Sends a command and reads its reply. */
int hfx_command(struct hfx_conn *conn, char *text, size_t size, const char *format, ...);
/* Active mode: a listening socket on the control connection's own address, and the PORT argument
 * naming it (h1,h2,h3,h4,p1,p2). */
DWORD hfx_data_listen(struct hfx_conn *control, hfx_socket *listener, char *port_arg, size_t size);
DWORD hfx_data_accept(hfx_socket listener, DWORD timeout_ms, hfx_socket *data);
DWORD hfx_data_send(hfx_socket data, const void *bytes, size_t size);
/* Everything until the peer closes, at most max bytes. */
DWORD hfx_data_receive(hfx_socket data, size_t max, DWORD timeout_ms, char **bytes, size_t *size);

/* ---- trigger lines (hylafax_trigger.c) ---- */

/* The events of hfaxd's SITE TRIGGER (faxwatch(8)): each text line is "HHMMSS <100 + event> ...". */
enum hfx_event_code
{
    HFX_JOB_CREATE = 0, HFX_JOB_SUSPEND, HFX_JOB_READY, HFX_JOB_SLEEP, HFX_JOB_DEAD, HFX_JOB_PROCESS,
    HFX_JOB_REAP, HFX_JOB_ACTIVE, HFX_JOB_REJECT, HFX_JOB_KILL, HFX_JOB_BLOCKED, HFX_JOB_DELAYED,
    HFX_JOB_ALTERED, HFX_JOB_TIMEDOUT, HFX_JOB_PREP_BEGIN, HFX_JOB_PREP_END,
    HFX_SEND_BEGIN = 16, HFX_SEND_CALL, HFX_SEND_CONNECTED, HFX_SEND_PAGE, HFX_SEND_DOC, HFX_SEND_POLLRCVD,
    HFX_SEND_POLLDONE, HFX_SEND_END, HFX_SEND_REFORMAT, HFX_SEND_REQUEUE, HFX_SEND_DONE,
    HFX_RECV_BEGIN = 32, HFX_RECV_START, HFX_RECV_PAGE, HFX_RECV_DOC, HFX_RECV_END,
    HFX_MODEM_ASSIGN = 48, HFX_MODEM_RELEASE, HFX_MODEM_DOWN, HFX_MODEM_READY, HFX_MODEM_BUSY,
    HFX_MODEM_WEDGED, HFX_MODEM_INUSE, HFX_MODEM_DATA_BEGIN, HFX_MODEM_DATA_END, HFX_MODEM_VOICE_BEGIN,
    HFX_MODEM_VOICE_END, HFX_MODEM_CID,
};

#define HFX_ID 64

struct hfx_trigger
{
    int event;                  /* enum hfx_event_code */
    char job[HFX_ID];           /* job and send events: the job id */
    char modem[HFX_ID];         /* modem events: the device id */
    char sender[HFX_ID];        /* receive events: the TSI */
    char file[HFX_ID * 2];      /* SEND_DOC / RECV_DOC: the file, e.g. "recvq/fax00001.tif" */
    char text[HFX_ID * 2];      /* the rest (the description, or the caller id of MODEM_CID) */
    LONG page;                  /* SEND_PAGE, RECV_PAGE: that page; RECV_DOC: the pages */
};

/* FALSE for a line that is no trigger event. */
BOOL hfx_parse_trigger(const char *line, struct hfx_trigger *trigger);
/* The trigger spec the provider registers: every job, send, receive and modem event. */
#define HFX_TRIGGER_SPEC "J*S*R*M*"

/* ---- the session of one server (hylafax_session.c) ---- */

#define HFX_MAX_MODEMS 16

struct hfx_modem_info
{
    char name[HFX_ID];          /* the canonical modem name, e.g. "ttyS0" */
    char number[HFX_ID];
    BOOL up;
};

/* What a session reports to hylafax.c (on the engine thread, through engine_post). */
enum hfx_report_kind
{
    HFX_REPORT_CONNECTED,       /* modems, modem_count */
    HFX_REPORT_DISCONNECTED,    /* text: why */
    HFX_REPORT_TRIGGER,         /* trigger */
    HFX_REPORT_SUBMITTED,       /* job_key, job: JNEW's id (written to the job map before JSUBM) */
    HFX_REPORT_SUBMIT_FAILED,   /* job_key, text */
    HFX_REPORT_SUBMIT_UNSURE,   /* job_key, job: JSUBM went, the connection was lost before its answer */
    HFX_REPORT_HOLD_ANSWER,     /* job_key, job, hold (JSUSP, else JSUBM), code (0: no answer came,
                                   -1: not sent, the server is not connected), text: the reply */
    HFX_REPORT_JOB_STATE,       /* job, state (the JOBFMT %a letter), text (%s) */
    HFX_REPORT_RECEIVED,        /* image, size, trigger (the RECV_DOC); image NULL: the fetch failed */
};

struct hfx_report
{
    enum hfx_report_kind kind;
    unsigned int server;
    unsigned int serial;        /* of the provider instance that started the session */
    ULONGLONG job_key;          /* the engine's job id */
    char job[HFX_ID];
    char state;
    BOOL hold;
    int code;
    char text[HFX_LINE];
    struct hfx_trigger trigger;
    struct hfx_modem_info modems[HFX_MAX_MODEMS];
    unsigned int modem_count;
    void *image;
    size_t size;
    void (*deliver)(struct hfx_report *report);     /* the session's report function */
};

struct hfx_session;

typedef void (*hfx_report_fn)(struct hfx_report *report);

/* Starts the thread of server index of config; reports go to report (run on the engine thread,
 * which frees them with hfx_report_free). */
struct hfx_session *hfx_session_start(const struct hylafax_server_config *config, unsigned int server,
                                      unsigned int serial, hfx_report_fn report);
/* Closes the connections and joins the thread; reports still queued arrive with a serial that
 * no provider has any more. */
void hfx_session_stop(struct hfx_session *session);
void hfx_report_free(struct hfx_report *report);

/* Commands, run in order on the session's thread. */
void hfx_session_submit(struct hfx_session *session, ULONGLONG job_key, const char *number, const char *modem,
                        unsigned int vres, const void *image, size_t size);
/* Follows a job submitted before (after a reconnect or a restart): reports its state. */
void hfx_session_query(struct hfx_session *session, const char *job);
void hfx_session_kill(struct hfx_session *session, const char *job);
/* JSUSP (hold) or JSUBM of a submitted job; the answer comes as HFX_REPORT_HOLD_ANSWER. */
BOOL hfx_session_hold(struct hfx_session *session, ULONGLONG job_key, const char *job, BOOL hold);

/* The backoff between connection attempts: 1 s, doubled up to this. */
#define HFX_MAX_BACKOFF_MS 30000
#define HFX_REPLY_TIMEOUT_MS 60000

/* ---- the provider (hylafax.c) ---- */

extern const struct provider_ops hylafax_ops;

/* Provider-specific extended status (>= 0x01000000, provider.h): the job waits in HylaFAX's queue. */
#define HFX_JES_QUEUED 0x01000001

#endif /* FXSSVC_HYLAFAX_H */
