/*
 * The wire of the HylaFAX provider (hylafax.h): a control connection with command lines and
 * FTP-style replies ("nnn text", continued by "nnn-text" lines), and active-mode data connections
 * (hfaxd connects back to an address the client names with PORT: passive mode was seen to
 * deliver no trigger events).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hylafax.h"

BOOL hfx_wsa_start(void)
{
    WSADATA data;
    return !WSAStartup(MAKEWORD(2, 2), &data);
}

static DWORD wsa_error(void)
{
    DWORD error = WSAGetLastError();
    return error ? error : ERROR_CONNECTION_ABORTED;
}

DWORD hfx_connect(const WCHAR *host, DWORD port, struct hfx_conn *conn)
{
    ADDRINFOW hints = { 0 }, *found = NULL, *item;
    WCHAR service[16];
    DWORD error = ERROR_HOST_UNREACHABLE;

    conn->sock = INVALID_SOCKET;
    conn->length = 0;
    conn->lost = FALSE;
    hints.ai_family = AF_INET;          /* PORT names IPv4 addresses only */
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    swprintf(service, ARRAYSIZE(service), L"%lu", port);
    if (GetAddrInfoW(host, service, &hints, &found)) return wsa_error();
    for (item = found; item; item = item->ai_next)
    {
        SOCKET sock = socket(item->ai_family, item->ai_socktype, item->ai_protocol);
        if (sock == INVALID_SOCKET) continue;
        if (!connect(sock, item->ai_addr, (int)item->ai_addrlen))
        {
            conn->sock = sock;
            error = ERROR_SUCCESS;
            break;
        }
        error = wsa_error();
        closesocket(sock);
    }
    FreeAddrInfoW(found);
    return error;
}

void hfx_close(struct hfx_conn *conn)
{
    if (conn->sock != INVALID_SOCKET) closesocket(conn->sock);
    conn->sock = INVALID_SOCKET;
    conn->length = 0;
}

static DWORD send_all(SOCKET sock, const char *bytes, size_t size)
{
    while (size)
    {
        int sent = send(sock, bytes, size > 65536 ? 65536 : (int)size, 0);
        if (sent <= 0) return wsa_error();
        bytes += sent;
        size -= sent;
    }
    return ERROR_SUCCESS;
}

DWORD hfx_send_line(struct hfx_conn *conn, const char *line)
{
    char buffer[HFX_LINE + 2];
    size_t length = strlen(line);

    if (conn->sock == INVALID_SOCKET) return ERROR_NOT_CONNECTED;
    if (length > HFX_LINE) return ERROR_INVALID_PARAMETER;
    memcpy(buffer, line, length);
    memcpy(buffer + length, "\r\n", 2);
    if (!send_all(conn->sock, buffer, length + 2)) return ERROR_SUCCESS;
    conn->lost = TRUE;
    return ERROR_CONNECTION_ABORTED;
}

/* The calling thread's stop flag (hfx_set_cancel): every wait of the wire ends soon after it is
 * set, as shutting a socket down from another thread does not wake a select() everywhere. */
static __thread const volatile LONG *thread_cancel;

void hfx_set_cancel(const volatile LONG *cancel)
{
    thread_cancel = cancel;
}

#define WAIT_SLICE_MS 100

/* Waits until sock can be read: ERROR_SUCCESS, WAIT_TIMEOUT, or ERROR_CANCELLED once stopped. */
static DWORD wait_readable(SOCKET sock, DWORD timeout_ms)
{
    DWORD start = GetTickCount();

    for (;;)
    {
        DWORD waited = GetTickCount() - start, slice;
        struct timeval timeout;
        fd_set set;
        int ready;

        if (thread_cancel && *thread_cancel) return ERROR_CANCELLED;
        if (waited >= timeout_ms && timeout_ms) return WAIT_TIMEOUT;
        slice = timeout_ms - waited < WAIT_SLICE_MS ? timeout_ms - waited : WAIT_SLICE_MS;
        timeout.tv_sec = 0;
        timeout.tv_usec = slice * 1000;
        FD_ZERO(&set);
        FD_SET(sock, &set);
        ready = select(0, &set, NULL, NULL, &timeout);
        if (ready < 0) return wsa_error();
        if (ready) return ERROR_SUCCESS;
        if (!timeout_ms) return WAIT_TIMEOUT;
    }
}

static DWORD read_line(struct hfx_conn *conn, char *line, size_t size, DWORD timeout_ms)
{
    DWORD start = GetTickCount(), error;

    if (conn->sock == INVALID_SOCKET) return ERROR_NOT_CONNECTED;
    for (;;)
    {
        char *end = memchr(conn->buffer, '\n', conn->length);
        DWORD waited = GetTickCount() - start;
        int got;

        if (end)
        {
            size_t length = end - conn->buffer, take = length;
            if (take && conn->buffer[take - 1] == '\r') take--;
            if (take >= size) take = size - 1;
            memcpy(line, conn->buffer, take);
            line[take] = 0;
            memmove(conn->buffer, end + 1, conn->length - length - 1);
            conn->length -= length + 1;
            return ERROR_SUCCESS;
        }
        if (conn->length == sizeof(conn->buffer)) conn->length = 0;    /* a line too long: dropped */
        if (timeout_ms && waited >= timeout_ms) return WAIT_TIMEOUT;
        if ((error = wait_readable(conn->sock, timeout_ms ? timeout_ms - waited : 0))) return error;
        got = recv(conn->sock, conn->buffer + conn->length, (int)(sizeof(conn->buffer) - conn->length), 0);
        if (got <= 0) return got ? wsa_error() : ERROR_GRACEFUL_DISCONNECT;
        conn->length += got;
    }
}

DWORD hfx_read_line(struct hfx_conn *conn, char *line, size_t size, DWORD timeout_ms)
{
    DWORD error = read_line(conn, line, size, timeout_ms);
    if (error && error != WAIT_TIMEOUT) conn->lost = TRUE;
    return error;
}

static BOOL reply_code(const char *line, int *code, char *separator)
{
    if (line[0] < '1' || line[0] > '5' || line[1] < '0' || line[1] > '9' || line[2] < '0' || line[2] > '9')
        return FALSE;
    *code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    *separator = line[3];
    return TRUE;
}

int hfx_read_reply(struct hfx_conn *conn, char *text, size_t size, DWORD timeout_ms)
{
    char line[HFX_LINE], separator;
    int code, first = 0;

    for (;;)
    {
        if (hfx_read_line(conn, line, sizeof(line), timeout_ms))
        {
            conn->lost = TRUE;      /* no reply in time: the login is of no more use */
            return 0;
        }
        if (!reply_code(line, &code, &separator)) continue;     /* a continuation's inner line */
        if (!first) first = code;
        if (code == first && separator != '-') break;
    }
    snprintf(text, size, "%s", line);
    return code;
}

int hfx_command(struct hfx_conn *conn, char *text, size_t size, const char *format, ...)
{
    char line[HFX_LINE];
    va_list args;

    va_start(args, format);
    vsnprintf(line, sizeof(line), format, args);
    va_end(args);
    if (hfx_send_line(conn, line)) return 0;
    return hfx_read_reply(conn, text, size, HFX_REPLY_TIMEOUT_MS);
}

DWORD hfx_data_listen(struct hfx_conn *control, SOCKET *listener, char *port_arg, size_t size)
{
    struct sockaddr_in address;
    int length = sizeof(address);
    const BYTE *ip;
    unsigned int port;

    *listener = INVALID_SOCKET;
    if (getsockname(control->sock, (struct sockaddr *)&address, &length)) return wsa_error();
    address.sin_port = 0;
    if ((*listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET) return wsa_error();
    length = sizeof(address);
    if (bind(*listener, (struct sockaddr *)&address, sizeof(address)) || listen(*listener, 1) ||
        getsockname(*listener, (struct sockaddr *)&address, &length))
    {
        DWORD error = wsa_error();
        closesocket(*listener);
        *listener = INVALID_SOCKET;
        return error;
    }
    ip = (const BYTE *)&address.sin_addr;
    port = ntohs(address.sin_port);
    snprintf(port_arg, size, "%u,%u,%u,%u,%u,%u", ip[0], ip[1], ip[2], ip[3], port >> 8, port & 0xff);
    return ERROR_SUCCESS;
}

DWORD hfx_data_accept(SOCKET listener, DWORD timeout_ms, SOCKET *data)
{
    DWORD error;

    *data = INVALID_SOCKET;
    if ((error = wait_readable(listener, timeout_ms))) return error;
    if ((*data = accept(listener, NULL, NULL)) == INVALID_SOCKET) return wsa_error();
    return ERROR_SUCCESS;
}

DWORD hfx_data_send(SOCKET data, const void *bytes, size_t size)
{
    return send_all(data, bytes, size);
}

DWORD hfx_data_receive(SOCKET data, size_t max, DWORD timeout_ms, char **bytes, size_t *size)
{
    size_t capacity = 65536;
    char *buffer = malloc(capacity);
    DWORD error = ERROR_SUCCESS;

    *bytes = NULL;
    *size = 0;
    if (!buffer) return ERROR_OUTOFMEMORY;
    for (;;)
    {
        int got;
        if ((error = wait_readable(data, timeout_ms))) break;
        if (*size == capacity)
        {
            char *grown;
            if (capacity >= max || !(grown = realloc(buffer, capacity * 2)))
            {
                error = capacity >= max ? ERROR_FILE_TOO_LARGE : ERROR_OUTOFMEMORY;
                break;
            }
            buffer = grown;
            capacity *= 2;
        }
        got = recv(data, buffer + *size, (int)(capacity - *size), 0);
        if (got < 0) error = wsa_error();
        if (got <= 0) break;
        *size += got;
    }
    if (error)
    {
        free(buffer);
        *size = 0;
        return error;
    }
    *bytes = buffer;
    return ERROR_SUCCESS;
}
