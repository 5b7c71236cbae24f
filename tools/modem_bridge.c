/*
 * modem_bridge: two software Class 1 fax modems on pseudo-terminals, wired back to back, for
 * testing a fax server (HylaFAX's faxgetty) without hardware.
 *
 *   modem_bridge [-v] [-s SPEED] [-b CALLS] LINK0 LINK1
 *
 * Each LINKn becomes a symbolic link to the slave side of a new pseudo-terminal; behind it runs
 * libspandsp's T.31 modem. The audio of the two modems is exchanged in 20 ms blocks of 160 samples
 * (8 kHz), each side's transmitted samples being the other side's received ones, paced by the clock
 * (SPEED > 1 runs that many times faster). ATD on one side rings the other (RING every 6 s, up to
 * 10 times); ATA there connects the call; ATH, or closing the terminal, on either side hangs up
 * both. The first CALLS dials (-b) find the line busy, as a test of a sender's retries wants. It
 * prints "ready" on stdout once both links exist, and runs until SIGTERM or SIGINT, when it
 * removes the links.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <tiffio.h>
#include <spandsp.h>

#define SAMPLES_PER_BLOCK 160       /* 20 ms at 8000 samples per second */
#define BLOCK_NS 20000000L
#define RING_INTERVAL_BLOCKS 300    /* 6 s */
#define MAX_RINGS 10

enum call_state { LINE_IDLE, LINE_RINGING, LINE_CONNECTED };

struct modem {
    int index;
    int master;               /* the pseudo-terminal's master side, non-blocking */
    const char *link;
    t31_state_t *t31;
    int dte_present;          /* the slave side is open (reading the master does not fail with EIO) */
    int cts;                  /* the T.31 modem accepts more data from the DTE */
    int16_t tx[SAMPLES_PER_BLOCK];
    struct modem *peer;
};

static struct modem modems[2];
static enum call_state line_state = LINE_IDLE;
static struct modem *caller;      /* the side that dialled, while the line is not idle */
static int ring_blocks, rings;
static int verbose;
static long busy_calls;       /* -b: dials still to find the line busy */
static volatile sig_atomic_t stop_requested;

static void say(const char *fmt, ...)
{
    va_list args;
    struct timespec now;

    clock_gettime(CLOCK_REALTIME, &now);
    fprintf(stderr, "modem_bridge %02ld:%02ld:%02ld.%03ld: ", (long)(now.tv_sec / 3600 % 24),
            (long)(now.tv_sec / 60 % 60), (long)(now.tv_sec % 60), now.tv_nsec / 1000000);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fputc('\n', stderr);
}

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* Output of the modem's AT interpreter (responses, received data) to the DTE. Nobody reading
 * (no faxgetty) means the bytes are dropped, as a modem's would be with no terminal attached. */
static int at_tx(at_state_t *at, void *user_data, const uint8_t *buf, size_t len)
{
    struct modem *m = user_data;
    size_t done = 0;
    int tries = 0;

    (void)at;
    if (verbose > 1)
        say("modem %d -> DTE: %zu bytes%s%.*s", m->index, len, len < 40 ? ": " : "",
            len < 40 ? (int)len : 0, (const char *)buf);
    if (!m->dte_present)
        return 0;
    while (done < len) {
        ssize_t n = write(m->master, buf + done, len - done);
        if (n > 0) {
            done += n;
            continue;
        }
        if (n < 0 && errno == EAGAIN && ++tries < 500) {  /* the DTE is slow to read: wait a little */
            usleep(1000);
            continue;
        }
        say("modem %d: %zu bytes to the DTE dropped (%s)", m->index, len - done,
            n < 0 ? strerror(errno) : "short write");
        break;
    }
    return (int)len;
}

static void end_call(const char *why)
{
    if (line_state == LINE_IDLE)
        return;
    say("call from modem %d ends: %s", caller->index, why);
    line_state = LINE_IDLE;   /* first: the events below call back into modem_control */
    caller = NULL;
}

static void ring(struct modem *callee)
{
    rings++;
    ring_blocks = 0;
    say("modem %d: RING %d", callee->index, rings);
    t31_call_event(callee->t31, AT_CALL_EVENT_ALERTING);
}

/* The modem's requests to the "telephone line" and to the serial port's control lines. */
static int modem_control(t31_state_t *t31, void *user_data, int op, const char *num)
{
    struct modem *m = user_data;
    struct modem *other = m->peer;

    (void)t31;
    if (verbose && op != AT_MODEM_CONTROL_CTS)
        say("modem %d: control %d (%p)", m->index, op, (const void *)num);
    switch (op) {
    case AT_MODEM_CONTROL_CALL:
        say("modem %d dials %s", m->index, num ? num : "");
        if (line_state != LINE_IDLE || busy_calls > 0) {
            if (busy_calls > 0) busy_calls--;
            t31_call_event(m->t31, AT_CALL_EVENT_BUSY);
            break;
        }
        line_state = LINE_RINGING;
        caller = m;
        rings = 0;
        ring(other);
        break;
    case AT_MODEM_CONTROL_ANSWER:
        say("modem %d answers", m->index);
        if (line_state == LINE_RINGING && caller == other) {
            line_state = LINE_CONNECTED;
            t31_call_event(m->t31, AT_CALL_EVENT_ANSWERED);
            t31_call_event(other->t31, AT_CALL_EVENT_CONNECTED);
        } else {
            /* ATA with no call coming in: nothing to answer */
            t31_call_event(m->t31, AT_CALL_EVENT_HANGUP);
        }
        break;
    case AT_MODEM_CONTROL_HANGUP:
    case AT_MODEM_CONTROL_ONHOOK:
        if (line_state != LINE_IDLE && (m == caller || line_state == LINE_CONNECTED)) {
            end_call(op == AT_MODEM_CONTROL_HANGUP ? "hangup" : "on hook");
            t31_call_event(other->t31, AT_CALL_EVENT_HANGUP);
        }
        break;
    case AT_MODEM_CONTROL_CTS:
        m->cts = num != NULL;
        break;
    default:
        break;
    }
    return 0;
}

static void log_message(int level, const char *text)
{
    (void)level;
    fprintf(stderr, "%s", text);
}

static int open_modem(struct modem *m, int index, const char *link)
{
    char *slave;
    struct termios tio;

    m->index = index;
    m->link = link;
    m->cts = 1;
    m->master = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (m->master < 0 || grantpt(m->master) < 0 || unlockpt(m->master) < 0 ||
        !(slave = ptsname(m->master))) {
        say("cannot create a pseudo-terminal: %s", strerror(errno));
        return -1;
    }
    /* Raw from the start: the DTE sets its own modes, but bytes must not be changed before. */
    if (tcgetattr(m->master, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(m->master, TCSANOW, &tio);
    }
    unlink(link);
    if (symlink(slave, link) < 0) {
        say("cannot link %s to %s: %s", link, slave, strerror(errno));
        return -1;
    }
    /* The slave side is world-usable, like a modem's device file in group dialout. */
    chmod(slave, 0666);
    m->t31 = t31_init(NULL, at_tx, m, modem_control, m, NULL, NULL);
    if (!m->t31) {
        say("t31_init failed");
        return -1;
    }
    t31_set_transmit_on_idle(m->t31, 1);
    if (verbose) {
        logging_state_t *log = t31_get_logging_state(m->t31);
        span_log_set_level(log, SPAN_LOG_SHOW_SEVERITY | SPAN_LOG_SHOW_TAG | SPAN_LOG_FLOW);
        span_log_set_tag(log, index ? "T31-1" : "T31-0");
        span_log_set_message_handler(log, log_message);
    }
    say("modem %d: %s -> %s", index, link, slave);
    return 0;
}

/* Hands what the DTE wrote to the modem, as much as the modem takes (its CTS). */
static void read_dte(struct modem *m)
{
    uint8_t buf[256];

    while (m->cts) {
        ssize_t n = read(m->master, buf, sizeof(buf));
        if (n > 0) {
            if (!m->dte_present) {
                m->dte_present = 1;
                say("modem %d: terminal opened", m->index);
            }
            if (verbose > 1)
                say("modem %d <- DTE: %zd bytes%s%.*s", m->index, n, n < 40 ? ": " : "",
                    n < 40 ? (int)n : 0, (const char *)buf);
            t31_at_rx(m->t31, (const char *)buf, (int)n);
            continue;
        }
        if (n < 0 && errno == EIO) {  /* no process has the slave open */
            if (m->dte_present) {
                m->dte_present = 0;
                say("modem %d: terminal closed", m->index);
                /* like DTR dropping: a call in progress on this side ends */
                if (line_state != LINE_IDLE && (m == caller || line_state == LINE_CONNECTED)) {
                    end_call("terminal closed");
                    t31_call_event(m->peer->t31, AT_CALL_EVENT_HANGUP);
                }
                t31_call_event(m->t31, AT_CALL_EVENT_HANGUP);
            }
        } else if (n < 0 && errno == EAGAIN && !m->dte_present) {
            m->dte_present = 1;
            say("modem %d: terminal opened", m->index);
        }
        break;
    }
}

/* One 20 ms block of audio, both ways, and the ringing timer. */
static void exchange_audio(void)
{
    int i, n;

    for (i = 0; i < 2; i++) {
        n = t31_tx(modems[i].t31, modems[i].tx, SAMPLES_PER_BLOCK);
        if (n < SAMPLES_PER_BLOCK)
            memset(modems[i].tx + n, 0, (SAMPLES_PER_BLOCK - n) * sizeof(int16_t));
    }
    /* Not connected, the line carries silence. */
    if (line_state != LINE_CONNECTED)
        for (i = 0; i < 2; i++)
            memset(modems[i].tx, 0, sizeof(modems[i].tx));
    t31_rx(modems[0].t31, modems[1].tx, SAMPLES_PER_BLOCK);
    t31_rx(modems[1].t31, modems[0].tx, SAMPLES_PER_BLOCK);

    if (line_state == LINE_RINGING && ++ring_blocks >= RING_INTERVAL_BLOCKS) {
        if (rings >= MAX_RINGS) {
            struct modem *c = caller;
            end_call("no answer");
            t31_call_event(c->t31, AT_CALL_EVENT_NO_ANSWER);
        } else {
            ring(caller->peer);
        }
    }
}

static void timespec_add_ns(struct timespec *t, long ns)
{
    t->tv_nsec += ns;
    while (t->tv_nsec >= 1000000000L) {
        t->tv_nsec -= 1000000000L;
        t->tv_sec++;
    }
}

static long ms_until(const struct timespec *t)
{
    struct timespec now;
    long ms;

    clock_gettime(CLOCK_MONOTONIC, &now);
    ms = (t->tv_sec - now.tv_sec) * 1000 + (t->tv_nsec - now.tv_nsec) / 1000000;
    return ms < 0 ? 0 : ms;
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    struct timespec next;
    long block_ns = BLOCK_NS;
    int opt, i;

    while ((opt = getopt(argc, argv, "vs:b:")) != -1) {
        switch (opt) {
        case 'v':
            verbose++;
            break;
        case 's': {
            long speed = strtol(optarg, NULL, 10);
            if (speed < 1 || speed > 100) {
                fprintf(stderr, "modem_bridge: SPEED must be 1 to 100\n");
                return 2;
            }
            block_ns = BLOCK_NS / speed;
            break;
        }
        case 'b':
            busy_calls = strtol(optarg, NULL, 10);
            break;
        default:
            fprintf(stderr, "usage: modem_bridge [-v] [-s SPEED] [-b CALLS] LINK0 LINK1\n");
            return 2;
        }
    }
    if (argc - optind != 2) {
        fprintf(stderr, "usage: modem_bridge [-v] [-s SPEED] [-b CALLS] LINK0 LINK1\n");
        return 2;
    }

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    modems[0].peer = &modems[1];
    modems[1].peer = &modems[0];
    for (i = 0; i < 2; i++)
        if (open_modem(&modems[i], i, argv[optind + i]) < 0)
            return 1;
    printf("ready\n");
    fflush(stdout);

    clock_gettime(CLOCK_MONOTONIC, &next);
    while (!stop_requested) {
        struct pollfd fds[2];
        int nfds = 0;

        /* Between blocks, wait for the DTEs: an AT command is answered at once. A side with no
         * terminal open would report POLLHUP without end, so it is only tried once per block. */
        for (i = 0; i < 2; i++)
            if (modems[i].dte_present && modems[i].cts) {
                fds[nfds].fd = modems[i].master;
                fds[nfds].events = POLLIN;
                nfds++;
            }
        if (poll(fds, nfds, (int)ms_until(&next)) > 0) {
            for (i = 0; i < 2; i++)
                read_dte(&modems[i]);
            if (ms_until(&next) > 0)
                continue;
        }
        for (i = 0; i < 2; i++)
            read_dte(&modems[i]);
        exchange_audio();
        timespec_add_ns(&next, block_ns);
        if (ms_until(&next) == 0) {
            /* far behind (a stopped process, a loaded machine): do not race to catch up */
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            if ((now.tv_sec - next.tv_sec) * 1000000000L + (now.tv_nsec - next.tv_nsec) > 200000000L)
                next = now;
        }
    }
    for (i = 0; i < 2; i++)
        unlink(modems[i].link);
    say("stopped");
    return 0;
}
