/*
 * A scripted hfaxd: a thread that listens on a loopback port and plays a recorded conversation
 * (a file of tests/scripts/, "*.conv") with whoever connects, so that the HylaFAX provider of the
 * real service can be tested without HylaFAX. Any line the provider sends that the script does not
 * expect there fails the conversation (and so the test), as does a step that does not happen in
 * time.
 *
 * The script, one step a line ("#" starts a comment, blank lines are skipped); a connection is
 * named by the role the script gives it when it accepts it:
 *   accept <role>            the next connection to the port is <role>
 *   <role>> <text>           sends the line <text> (CRLF added) on <role>'s control connection
 *   <role>< <pattern>        the next line <role> sends must match <pattern> ("*" matches any run
 *                            of characters); NOOP is answered "200" wherever it comes (keepalive)
 *   <role> connect           opens the data connection to the address of <role>'s last PORT
 *   <role> data <text>       sends the line <text> on <role>'s data connection
 *   <role> upload            reads <role>'s data connection to its end: it must be a TIFF
 *   <role> file <name>       sends the bytes the test registered as <name> on the data connection
 *   <role> close-data        closes <role>'s data connection
 *   <role> drop              closes all of <role>'s connections at once (a lost server)
 *   <role> end               nothing more may come from <role> until it closes its connection
 *                            (the service stopped): any line but NOOP fails
 *   sync <name>              tells the test it got here, then waits until the test lets it go on
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_HYLAFAX_PEER_H
#define FXSCOMEX_TESTS_HYLAFAX_PEER_H

#include <winsock2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PEER_WAIT_MS   60000
#define PEER_MAX_ROLES 4
#define PEER_MAX_FILES 4

struct peer_role
{
    char name[16];
    SOCKET control, data;
    struct sockaddr_in port;        /* the last PORT */
    char buffer[8192];
    size_t length;
};

struct peer
{
    SOCKET listener;
    unsigned short port;
    char **lines;
    unsigned int line_count, line;  /* the step running, from 0 */
    struct peer_role roles[PEER_MAX_ROLES];
    unsigned int role_count;
    struct { char name[32]; const void *bytes; size_t size; } files[PEER_MAX_FILES];
    unsigned int file_count;
    unsigned int uploads;           /* TIFFs the provider uploaded */
    char failure[1024];             /* "" while the conversation goes as scripted */
    BOOL done;
    char sync_name[64];
    HANDLE reached, resume, thread;
};

static BOOL peer_match(const char *pattern, const char *text)
{
    if (!*pattern) return !*text;
    if (*pattern == '*') return peer_match(pattern + 1, text) || (*text && peer_match(pattern, text + 1));
    return *pattern == *text && peer_match(pattern + 1, text + 1);
}

static void peer_fail(struct peer *peer, const char *format, const char *a, const char *b)
{
    char message[900];
    if (peer->failure[0]) return;
    snprintf(message, sizeof(message), format, a, b);
    snprintf(peer->failure, sizeof(peer->failure), "conversation line %u: %s", peer->line + 1, message);
}

static struct peer_role *peer_role(struct peer *peer, const char *name, size_t length)
{
    unsigned int i;
    for (i = 0; i < peer->role_count; i++)
        if (strlen(peer->roles[i].name) == length && !strncmp(peer->roles[i].name, name, length)) return &peer->roles[i];
    return NULL;
}

static BOOL peer_wait_readable(SOCKET sock, DWORD ms)
{
    struct timeval timeout = { ms / 1000, (ms % 1000) * 1000 };
    fd_set set;
    FD_ZERO(&set);
    FD_SET(sock, &set);
    return select(0, &set, NULL, NULL, &timeout) > 0;
}

static BOOL peer_send(SOCKET sock, const char *bytes, size_t size)
{
    while (size)
    {
        int sent = send(sock, bytes, (int)(size > 65536 ? 65536 : size), 0);
        if (sent <= 0) return FALSE;
        bytes += sent;
        size -= sent;
    }
    return TRUE;
}

static BOOL peer_send_line(SOCKET sock, const char *text)
{
    char line[2048];
    snprintf(line, sizeof(line), "%s\r\n", text);
    return peer_send(sock, line, strlen(line));
}

/* The next line of a role's control connection; FALSE when none came in time. */
static BOOL peer_read_line(struct peer_role *role, char *line, size_t size)
{
    for (;;)
    {
        char *end = memchr(role->buffer, '\n', role->length);
        int got;

        if (end)
        {
            size_t length = end - role->buffer, take = length;
            if (take && role->buffer[take - 1] == '\r') take--;
            if (take >= size) take = size - 1;
            memcpy(line, role->buffer, take);
            line[take] = 0;
            memmove(role->buffer, end + 1, role->length - length - 1);
            role->length -= length + 1;
            return TRUE;
        }
        if (role->length == sizeof(role->buffer) || !peer_wait_readable(role->control, PEER_WAIT_MS)) return FALSE;
        got = recv(role->control, role->buffer + role->length, (int)(sizeof(role->buffer) - role->length), 0);
        if (got <= 0) return FALSE;
        role->length += got;
    }
}

static BOOL peer_parse_port(const char *argument, struct sockaddr_in *address)
{
    unsigned int h1, h2, h3, h4, p1, p2;
    if (sscanf(argument, "%u,%u,%u,%u,%u,%u", &h1, &h2, &h3, &h4, &p1, &p2) != 6) return FALSE;
    memset(address, 0, sizeof(*address));
    address->sin_family = AF_INET;
    address->sin_addr.s_addr = htonl((h1 << 24) | (h2 << 16) | (h3 << 8) | h4);
    address->sin_port = htons((unsigned short)((p1 << 8) | p2));
    return TRUE;
}

static void peer_close(SOCKET *sock)
{
    if (*sock != INVALID_SOCKET) closesocket(*sock);
    *sock = INVALID_SOCKET;
}

static BOOL peer_expect(struct peer *peer, struct peer_role *role, const char *pattern)
{
    char line[2048];

    for (;;)
    {
        if (!peer_read_line(role, line, sizeof(line)))
        {
            peer_fail(peer, "expected \"%s\" from %s, got nothing", pattern, role->name);
            return FALSE;
        }
        if (!strcmp(line, "NOOP"))
        {
            peer_send_line(role->control, "200 NOOP command successful.");
            continue;
        }
        if (!peer_match(pattern, line))
        {
            peer_fail(peer, "expected \"%s\", the provider sent \"%s\"", pattern, line);
            return FALSE;
        }
        if (!strncmp(line, "PORT ", 5) && !peer_parse_port(line + 5, &role->port))
        {
            peer_fail(peer, "a bad PORT \"%s\"%s", line, "");
            return FALSE;
        }
        return TRUE;
    }
}

static BOOL peer_upload(struct peer *peer, struct peer_role *role)
{
    char *bytes = malloc(1 << 20);
    size_t size = 0;
    int got;

    while (bytes && size < (1 << 20) && peer_wait_readable(role->data, PEER_WAIT_MS) &&
           (got = recv(role->data, bytes + size, (int)((1 << 20) - size), 0)) > 0)
        size += got;
    peer_close(&role->data);
    got = bytes && size > 8 && (!memcmp(bytes, "II*\0", 4) || !memcmp(bytes, "MM\0*", 4));
    free(bytes);
    if (!got) peer_fail(peer, "the upload is no TIFF%s%s", "", "");
    else peer->uploads++;
    return got;
}

static BOOL peer_step(struct peer *peer, const char *step)
{
    const char *space = strchr(step, ' '), *argument = space ? space + 1 : "";
    size_t name_length = space ? (size_t)(space - step) : strlen(step);
    struct peer_role *role;
    unsigned int i;

    if (!strncmp(step, "accept ", 7))
    {
        SOCKET sock;
        if (peer->role_count == PEER_MAX_ROLES || !peer_wait_readable(peer->listener, PEER_WAIT_MS) ||
            (sock = accept(peer->listener, NULL, NULL)) == INVALID_SOCKET)
        {
            peer_fail(peer, "no connection came for %s%s", argument, "");
            return FALSE;
        }
        if (!(role = peer_role(peer, argument, strlen(argument))))
        {
            role = &peer->roles[peer->role_count++];
            snprintf(role->name, sizeof(role->name), "%s", argument);
        }
        peer_close(&role->control);
        peer_close(&role->data);
        role->control = sock;
        role->length = 0;
        return TRUE;
    }
    if (!strncmp(step, "sync ", 5))
    {
        snprintf(peer->sync_name, sizeof(peer->sync_name), "%s", argument);
        SetEvent(peer->reached);
        WaitForSingleObject(peer->resume, INFINITE);
        return TRUE;
    }
    /* "<role>> text", "<role>< pattern" or "<role> verb ..." */
    for (name_length = 0; step[name_length] && step[name_length] != ' ' && step[name_length] != '>' &&
                          step[name_length] != '<'; name_length++);
    if (!(role = peer_role(peer, step, name_length)))
    {
        peer_fail(peer, "the script names an unknown role: %s%s", step, "");
        return FALSE;
    }
    if (step[name_length] == '>') return peer_send_line(role->control, step + name_length + 2);
    if (step[name_length] == '<') return peer_expect(peer, role, step + name_length + 2);
    argument = step + name_length + 1;
    if (!strcmp(argument, "connect"))
    {
        role->data = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (role->data == INVALID_SOCKET || connect(role->data, (struct sockaddr *)&role->port, sizeof(role->port)))
        {
            peer_fail(peer, "cannot open %s's data connection%s", role->name, "");
            return FALSE;
        }
        return TRUE;
    }
    if (!strncmp(argument, "data ", 5)) return peer_send_line(role->data, argument + 5);
    if (!strcmp(argument, "upload")) return peer_upload(peer, role);
    if (!strcmp(argument, "close-data"))
    {
        shutdown(role->data, SD_SEND);
        peer_close(&role->data);
        return TRUE;
    }
    if (!strcmp(argument, "drop"))
    {
        peer_close(&role->data);
        peer_close(&role->control);
        return TRUE;
    }
    if (!strcmp(argument, "end"))
    {
        char line[2048];
        while (peer_read_line(role, line, sizeof(line)))
            if (strcmp(line, "NOOP"))
            {
                peer_fail(peer, "after the end, the provider sent \"%s\"%s", line, "");
                return FALSE;
            }
            else peer_send_line(role->control, "200 NOOP command successful.");
        return TRUE;
    }
    if (!strncmp(argument, "file ", 5))
        for (i = 0; i < peer->file_count; i++)
            if (!strcmp(peer->files[i].name, argument + 5))
                return peer_send(role->data, peer->files[i].bytes, peer->files[i].size);
    peer_fail(peer, "the script has a step the peer does not know: %s%s", step, "");
    return FALSE;
}

static DWORD WINAPI peer_thread(void *arg)
{
    struct peer *peer = arg;

    for (peer->line = 0; peer->line < peer->line_count; peer->line++)
    {
        const char *step = peer->lines[peer->line];
        if (!*step || *step == '#') continue;
        if (!peer_step(peer, step))
        {
            if (!peer->failure[0]) peer_fail(peer, "the step \"%s\" failed%s", step, "");
            break;
        }
    }
    peer->done = TRUE;
    SetEvent(peer->reached);
    return 0;
}

/* Reads the conversation (a file of tests/scripts/) into lines. */
static BOOL peer_load(struct peer *peer, const WCHAR *path)
{
    FILE *file = _wfopen(path, L"rb");
    char line[2048];

    if (!file) return FALSE;
    while (fgets(line, sizeof(line), file))
    {
        line[strcspn(line, "\r\n")] = 0;
        peer->lines = realloc(peer->lines, (peer->line_count + 1) * sizeof(*peer->lines));
        peer->lines[peer->line_count++] = _strdup(line);
    }
    fclose(file);
    return peer->line_count > 0;
}

/* Listens on 127.0.0.1 (a port of the system's choice: peer->port) and plays the script. */
static BOOL peer_start(struct peer *peer, const WCHAR *script)
{
    struct sockaddr_in address = { 0 };
    int length = sizeof(address);
    WSADATA wsa;
    unsigned int i;

    memset(peer, 0, sizeof(*peer));
    for (i = 0; i < PEER_MAX_ROLES; i++) peer->roles[i].control = peer->roles[i].data = INVALID_SOCKET;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) || !peer_load(peer, script)) return FALSE;
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    peer->listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (peer->listener == INVALID_SOCKET || bind(peer->listener, (struct sockaddr *)&address, sizeof(address)) ||
        listen(peer->listener, 4) || getsockname(peer->listener, (struct sockaddr *)&address, &length))
        return FALSE;
    peer->port = ntohs(address.sin_port);
    peer->reached = CreateEventW(NULL, FALSE, FALSE, NULL);
    peer->resume = CreateEventW(NULL, FALSE, FALSE, NULL);
    return TRUE;
}

static void peer_add_file(struct peer *peer, const char *name, const void *bytes, size_t size)
{
    if (peer->file_count == PEER_MAX_FILES) return;
    snprintf(peer->files[peer->file_count].name, sizeof(peer->files[0].name), "%s", name);
    peer->files[peer->file_count].bytes = bytes;
    peer->files[peer->file_count++].size = size;
}

static void peer_run(struct peer *peer)
{
    peer->thread = CreateThread(NULL, 0, peer_thread, peer, 0, NULL);
}

/* Waits until the script reaches "sync <name>": FALSE (the failure says why) when it failed or
 * ended before. */
static BOOL peer_reach(struct peer *peer, const char *name)
{
    if (peer->failure[0] || peer->done) return FALSE;
    if (WaitForSingleObject(peer->reached, PEER_WAIT_MS * 3) != WAIT_OBJECT_0 && !peer->failure[0])
        snprintf(peer->failure, sizeof(peer->failure), "the conversation did not reach \"%s\" in time", name);
    if (peer->failure[0] || peer->done || strcmp(peer->sync_name, name))
    {
        if (!peer->failure[0])
            snprintf(peer->failure, sizeof(peer->failure), "the conversation reached \"%s\", not \"%s\"",
                     peer->done ? "its end" : peer->sync_name, name);
        return FALSE;
    }
    return TRUE;
}

static void peer_resume(struct peer *peer)
{
    SetEvent(peer->resume);
}

/* Ends the peer: waits for its thread (its last steps wait for the service to close the connections). */
static void peer_stop(struct peer *peer)
{
    unsigned int i;

    if (peer->thread)
    {
        SetEvent(peer->resume);
        WaitForSingleObject(peer->thread, PEER_WAIT_MS * 2);
        CloseHandle(peer->thread);
    }
    peer_close(&peer->listener);
    for (i = 0; i < peer->role_count; i++)
    {
        peer_close(&peer->roles[i].control);
        peer_close(&peer->roles[i].data);
    }
    for (i = 0; i < peer->line_count; i++) free(peer->lines[i]);
    free(peer->lines);
    CloseHandle(peer->reached);
    CloseHandle(peer->resume);
}

#endif /* FXSCOMEX_TESTS_HYLAFAX_PEER_H */
