/*
 * The text lines of hfaxd's SITE TRIGGER (after TYPE A), parsed. A line is
 * "HHMMSS <100 + event> <message>", the message by the event's class:
 *   job:     JOB <id> (dest <number> pri <n> com <commid>): <description>
 *   send:    JOB <id> (dest ... com ...): SEND FAX: <description>, for SEND_PAGE
 *            "Page <n> sent in <time> (file <file>) <params>", for SEND_DOC "Document sent in ..."
 *   receive: RECV FAX: <description>: "Call started", "Session started (com <c>), TSI "<tsi>" <params>",
 *            "From <tsi> (com <c>), page <n> in <time> <params>",
 *            "From <tsi> (com <c>), <n> pages in <time>, file <file>", "Call ended"
 *   modem:   MODEM <device>: <description>; MODEM_CID: "Caller-id information: <text>"
 * (hfaxd's trigger support and faxwatch(8) define them.) Pure C: no state, no Windows calls.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hylafax.h"

static void copy_token(char *to, size_t size, const char *from, const char *stops)
{
    size_t length = strcspn(from, stops);
    if (length >= size) length = size - 1;
    memcpy(to, from, length);
    to[length] = 0;
}

static void copy_text(char *to, size_t size, const char *from)
{
    snprintf(to, size, "%s", from);
}

/* "(file <name>)" or ", file <name>" in text: the name. */
static void find_file(const char *text, char *file, size_t size)
{
    const char *at = strstr(text, "file ");
    if (at) copy_token(file, size, at + 5, ") \t");
}

static BOOL parse_job(const char *message, struct hfx_trigger *trigger)
{
    const char *description;

    if (strncmp(message, "JOB ", 4)) return FALSE;
    copy_token(trigger->job, sizeof(trigger->job), message + 4, " ");
    if (!trigger->job[0] || !(description = strstr(message, "): "))) return FALSE;
    description += 3;
    if (!strncmp(description, "SEND FAX: ", 10)) description += 10;
    copy_text(trigger->text, sizeof(trigger->text), description);
    if (trigger->event == HFX_SEND_PAGE && !strncmp(description, "Page ", 5))
        trigger->page = strtol(description + 5, NULL, 10);
    if (trigger->event == HFX_SEND_PAGE || trigger->event == HFX_SEND_DOC)
        find_file(description, trigger->file, sizeof(trigger->file));
    return TRUE;
}

static BOOL parse_modem(const char *message, struct hfx_trigger *trigger)
{
    const char *description;
    static const char cid[] = "Caller-id information: ";

    if (strncmp(message, "MODEM ", 6)) return FALSE;
    copy_token(trigger->modem, sizeof(trigger->modem), message + 6, ":");
    if (!trigger->modem[0] || !(description = strstr(message + 6, ": "))) return FALSE;
    description += 2;
    if (trigger->event == HFX_MODEM_CID && !strncmp(description, cid, sizeof(cid) - 1))
        description += sizeof(cid) - 1;
    copy_text(trigger->text, sizeof(trigger->text), description);
    return TRUE;
}

static BOOL parse_receive(const char *message, struct hfx_trigger *trigger)
{
    const char *description, *at;

    if (strncmp(message, "RECV FAX: ", 10)) return FALSE;
    description = message + 10;
    copy_text(trigger->text, sizeof(trigger->text), description);
    if ((at = strstr(description, "TSI \""))) copy_token(trigger->sender, sizeof(trigger->sender), at + 5, "\"");
    if (!strncmp(description, "From ", 5))
    {
        /* The TSI may hold spaces: it ends where " (com " begins. */
        const char *end = strstr(description, " (com ");
        size_t length = end ? (size_t)(end - description - 5) : strcspn(description + 5, " ");
        if (length >= sizeof(trigger->sender)) length = sizeof(trigger->sender) - 1;
        memcpy(trigger->sender, description + 5, length);
        trigger->sender[length] = 0;
        if ((at = strstr(description, "), ")))
        {
            at += 3;
            if (!strncmp(at, "page ", 5)) trigger->page = strtol(at + 5, NULL, 10);
            else trigger->page = strtol(at, NULL, 10);
        }
        find_file(description, trigger->file, sizeof(trigger->file));
    }
    return TRUE;
}

BOOL hfx_parse_trigger(const char *line, struct hfx_trigger *trigger)
{
    const char *message;
    char *end;
    long code;
    int i;

    memset(trigger, 0, sizeof(*trigger));
    for (i = 0; i < 6; i++)
        if (line[i] < '0' || line[i] > '9') return FALSE;
    if (line[6] != ' ') return FALSE;
    code = strtol(line + 7, &end, 10);
    if (end == line + 7 || *end != ' ' || code < 100 || code > 100 + HFX_MODEM_CID) return FALSE;
    trigger->event = (int)(code - 100);
    message = end + 1;
    if (trigger->event < HFX_RECV_BEGIN) return parse_job(message, trigger);
    if (trigger->event < HFX_MODEM_ASSIGN) return trigger->event <= HFX_RECV_END && parse_receive(message, trigger);
    return parse_modem(message, trigger);
}
