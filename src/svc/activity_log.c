/*
 * The activity log (see activity_log.h).
 *
 * Two files, like Microsoft's fax service keeps: OutboxLOG.txt for outgoing faxes and
 * InboxLOG.txt for incoming ones, in the activity logging configuration's folder, or in the data
 * root's log folder when that is "" (environment variables such as %ProgramData% in the folder are
 * expanded; it must then be a full path, and is created when missing; a folder that cannot be used
 * is reported in the service's log and the data root's log folder is used instead).
 *
 * Format: UTF-8 text with a byte order mark, lines ending in CR LF, fields separated by one tab.
 * The first line names the columns; it is written once, when the file is created (or found
 * empty). Then one line per job that ended, written when it ended:
 *
 * OutboxLOG.txt, one line per outgoing job that reached an end: completed, failed (a bad
 * address), retries exceeded, or cancelled (a job cancelled after it had failed was logged when
 * it failed, and is not logged again; a failed job restarted by a person and ending again is
 * logged again: the job id tells the lines of one job apart):
 *   Time                the moment the line was written, service time (clock.h) as local time,
 *                       ISO 8601 without a zone: 2026-11-26T14:05:09
 *   JobId               16 hexadecimal digits, as the COM API shows job and message ids
 *   Status              Completed, Failed, RetriesExceeded or Canceled
 *   ExtendedStatusCode  FAX_JOB_EXTENDED_STATUS_ENUM value, decimal (18 CALL_COMPLETED, 8 BUSY...;
 *                       16777216 and above: the device provider's own)
 *   ExtendedStatus      the provider's text, or when it gave none, the name of the code
 *                       (CallCompleted, Busy, NoAnswer, BadAddress, CallAborted, ...)
 *   Device              the name of the device that last tried (empty: none did)
 *   Pages, Size         pages and bytes of the fax image, cover page included
 *   Retries             the retries made
 *   SubmissionTime, TransmissionStart, TransmissionEnd   the same format as Time (the last
 *                       attempt's call; empty when there was none)
 *   RecipientNumber, RecipientName
 *   CSID                the station id the receiver gave, TSID the one the job sent
 *   SenderName, Subject, DocumentName
 *   Owner               the user who submitted the job
 *   SubmissionId        shared by the jobs of one submission (one per recipient)
 *
 * InboxLOG.txt, one line per incoming job that ended: received (routed into the incoming
 * archive), partially received (the call ended early; the pages received were routed), failed
 * (nothing received, or the fax could not be stored), or cancelled:
 *   Time, JobId         as above
 *   Status              Received, PartiallyReceived, Failed or Canceled
 *   ExtendedStatusCode, ExtendedStatus, Device, Pages, Size   as above (pages received)
 *   TransmissionStart, TransmissionEnd   the call, from answer to end
 *   CallerId, TSID      who called, and the station id the caller sent
 *   CSID                the station id this device answered with
 *   RoutingInformation
 *
 * A field never holds a tab or a line end: tabs, CR, LF and every other control character (and
 * U+0085, U+2028, U+2029, which some readers take for line ends) are written as spaces, so a line
 * is always one record. Times, numbers and the id never hold a tab.
 *
 * Durability: the files are opened for appending and shared for reading only (a person can read
 * them while the service runs; nobody else can write them). Each line goes to the file in one
 * WriteFile, so a crash of the service leaves whole lines: the operating system has the line
 * entirely or not at all (the one exception: under Wine, Linux may cut short a write of more than
 * a page, a line of thousands of characters, if the process is killed inside that very call). A
 * power loss can leave the last line torn, since lines are not flushed to the disk one by one;
 * when the service finds a file that does not end with a line end, it ends that line before it
 * adds its own. A line is written before the job's end is announced, so a client told of the
 * end finds the line. An outgoing job's line is written when its final state is set, before that
 * state is saved: a crash in between leaves a line for an end recovery does not know of (the send
 * still in progress on disk becomes a retry), and the job gets a second line when it ends again.
 * An incoming job's line is written once the fax is stored in the archive: a crash in the moment
 * between loses the line (not the fax). Recovery writes the lines of the ends it makes itself: a
 * send cut off with no retry left, a cancel that was under way, a routing it finishes, a
 * reception the crash cut off (Failed).
 *
 * Whether a line is written, and where, is read from the configuration at each line, so a change
 * takes effect with the next job that ends.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "activity_log.h"
#include "folder.h"
#include "config.h"
#include "devices.h"
#include "jobstore.h"
#include "job.h"
#include "store.h"

static const WCHAR outgoing_header[] =
    L"Time\tJobId\tStatus\tExtendedStatusCode\tExtendedStatus\tDevice\tPages\tSize\tRetries\tSubmissionTime\t"
    L"TransmissionStart\tTransmissionEnd\tRecipientNumber\tRecipientName\tCSID\tTSID\tSenderName\tSubject\t"
    L"DocumentName\tOwner\tSubmissionId";

static const WCHAR incoming_header[] =
    L"Time\tJobId\tStatus\tExtendedStatusCode\tExtendedStatus\tDevice\tPages\tSize\tTransmissionStart\t"
    L"TransmissionEnd\tCallerId\tTSID\tCSID\tRoutingInformation";

struct log_file
{
    const WCHAR *name;
    const WCHAR *header;
    HANDLE handle;                          /* INVALID_HANDLE_VALUE: not open */
    WCHAR folder_setting[CONFIG_MAX_STRING]; /* the configured folder it was opened for */
    BOOL torn;                              /* the file ends inside a line: end it first */
};

static struct log_file outgoing_log = { ACTIVITY_LOG_OUTGOING, outgoing_header, INVALID_HANDLE_VALUE };
static struct log_file incoming_log = { ACTIVITY_LOG_INCOMING, incoming_header, INVALID_HANDLE_VALUE };

/* ---- the files ---- */

static void close_file(struct log_file *file)
{
    if (file->handle != INVALID_HANDLE_VALUE) CloseHandle(file->handle);
    file->handle = INVALID_HANDLE_VALUE;
    file->torn = FALSE;
}

/* The file's full path in the configured folder, which is created when missing. */
static DWORD configured_path(const WCHAR *setting, const WCHAR *name, WCHAR path[MAX_PATH])
{
    WCHAR folder[MAX_PATH];
    size_t length;
    DWORD error;

    if ((error = folder_resolve(setting, MAX_PATH - 2 - wcslen(name), folder))) return error;
    length = wcslen(folder);
    if ((error = folder_create(folder))) return error;
    swprintf(path, MAX_PATH, L"%ls%ls%ls", folder, folder[length - 1] == '\\' ? L"" : L"\\", name);
    return ERROR_SUCCESS;
}

static BOOL write_bytes(HANDLE handle, const void *data, DWORD size)
{
    DWORD written;

    store_crash_point();
    return WriteFile(handle, data, size, &written, NULL) && written == size;
}

static DWORD write_header(struct log_file *file)
{
    int size = WideCharToMultiByte(CP_UTF8, 0, file->header, -1, NULL, 0, NULL, NULL);
    char *text = malloc(3 + size + 1);
    DWORD error = ERROR_SUCCESS;

    if (!text) return ERROR_OUTOFMEMORY;
    memcpy(text, "\xef\xbb\xbf", 3);
    WideCharToMultiByte(CP_UTF8, 0, file->header, -1, text + 3, size, NULL, NULL);
    memcpy(text + 3 + size - 1, "\r\n", 2);
    if (!write_bytes(file->handle, text, 3 + size + 1)) error = GetLastError();
    free(text);
    return error;
}

/* Opens a file for appending: a new (or empty) file gets the BOM and the header, an old one is
 * checked for a last line cut short. */
static DWORD open_path(struct log_file *file, const WCHAR *path)
{
    LARGE_INTEGER size, zero = { { 0 } };
    char last = '\n';
    DWORD read, error;

    /* FILE_APPEND_DATA without FILE_WRITE_DATA: every write goes to the end of the file. */
    file->handle = CreateFileW(path, FILE_READ_DATA | FILE_APPEND_DATA | FILE_READ_ATTRIBUTES | SYNCHRONIZE,
                               FILE_SHARE_READ, NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file->handle == INVALID_HANDLE_VALUE) return GetLastError();
    if (!GetFileSizeEx(file->handle, &size)) error = GetLastError();
    else if (!size.QuadPart) error = write_header(file);
    else
    {
        LARGE_INTEGER before_last = { .QuadPart = size.QuadPart - 1 };
        if (SetFilePointerEx(file->handle, before_last, NULL, FILE_BEGIN) && ReadFile(file->handle, &last, 1, &read, NULL))
            file->torn = read == 1 && last != '\n';
        error = SetFilePointerEx(file->handle, zero, NULL, FILE_END) ? ERROR_SUCCESS : GetLastError();
    }
    if (error) close_file(file);
    return error;
}

/* Opens the file where the configuration says, falling back to the data root's log folder. */
static void open_file(struct log_file *file, const WCHAR *setting)
{
    WCHAR path[MAX_PATH];
    DWORD error;

    close_file(file);
    lstrcpynW(file->folder_setting, setting, ARRAY_SIZE(file->folder_setting));
    if (setting[0])
    {
        if (!(error = configured_path(setting, file->name, path)) && !(error = open_path(file, path))) return;
        svc_log("activity log: cannot write %ls in \"%ls\" (error %lu): writing it in the data root's log folder",
                file->name, setting, error);
    }
    if ((error = jobstore_log_path(file->name, path, ARRAY_SIZE(path))) || (error = open_path(file, path)))
        svc_log("activity log: cannot open %ls (error %lu)", path, error);
}

/* The file, open where the configuration says now; FALSE when it cannot be opened. */
static BOOL ready(struct log_file *file)
{
    const WCHAR *setting = config_get()->activity_logging.folder;

    if (file->handle == INVALID_HANDLE_VALUE || wcscmp(file->folder_setting, setting)) open_file(file, setting);
    return file->handle != INVALID_HANDLE_VALUE;
}

void activity_log_open(void)
{
    const struct activity_logging_config *config = &config_get()->activity_logging;

    if (config->log_outgoing) ready(&outgoing_log);
    if (config->log_incoming) ready(&incoming_log);
}

void activity_log_close(void)
{
    close_file(&outgoing_log);
    close_file(&incoming_log);
}

void activity_log_config_changed(void)
{
    activity_log_close();
}

/* ---- lines ---- */

struct line
{
    WCHAR *text;
    size_t length, capacity;
    unsigned int fields;
    BOOL failed;                            /* out of memory: the line is not written */
};

static BOOL reserve(struct line *line, size_t more)
{
    WCHAR *text;
    size_t capacity;

    if (line->failed) return FALSE;
    if (line->length + more < line->capacity) return TRUE;
    capacity = (line->length + more) * 2 + 256;
    if (!(text = realloc(line->text, capacity * sizeof(WCHAR))))
    {
        line->failed = TRUE;
        return FALSE;
    }
    line->text = text;
    line->capacity = capacity;
    return TRUE;
}

/* Characters that would split a record: every control character, and the Unicode line ends. */
static BOOL breaks_line(WCHAR c)
{
    return c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Appends a field (after a tab unless it is the first). */
static void add_text(struct line *line, const WCHAR *value)
{
    size_t length = value ? wcslen(value) : 0, i;

    if (!reserve(line, length + 1)) return;
    if (line->fields++) line->text[line->length++] = '\t';
    for (i = 0; i < length; i++) line->text[line->length++] = breaks_line(value[i]) ? ' ' : value[i];
    line->text[line->length] = 0;
}

static void add_number(struct line *line, LONGLONG value)
{
    WCHAR text[24];
    swprintf(text, ARRAY_SIZE(text), L"%I64d", value);
    add_text(line, text);
}

/* Service time as local time, ISO 8601; 0 (no time) as an empty field. */
static void add_time(struct line *line, svc_time time)
{
    FILETIME utc, local;
    SYSTEMTIME t;
    WCHAR text[32] = L"";

    utc.dwLowDateTime = (DWORD)time;
    utc.dwHighDateTime = (DWORD)(time >> 32);
    if (time && FileTimeToLocalFileTime(&utc, &local) && FileTimeToSystemTime(&local, &t))
        swprintf(text, ARRAY_SIZE(text), L"%04u-%02u-%02uT%02u:%02u:%02u", t.wYear, t.wMonth, t.wDay, t.wHour,
                 t.wMinute, t.wSecond);
    add_text(line, text);
}

static void add_id(struct line *line, ULONGLONG id)
{
    WCHAR text[STORE_ID_LENGTH + 1];
    store_format_id(id, text);
    add_text(line, text);
}

static const WCHAR *extended_status_name(DWORD code)
{
    static const WCHAR * const names[] =
    {
        L"None", L"Disconnected", L"Initializing", L"Dialing", L"Transmitting", L"Answered", L"Receiving",
        L"LineUnavailable", L"Busy", L"NoAnswer", L"BadAddress", L"NoDialTone", L"FatalError", L"CallDelayed",
        L"CallBlacklisted", L"NotFaxCall", L"PartiallyReceived", L"Handled", L"CallCompleted", L"CallAborted",
    };
    if (code < ARRAY_SIZE(names)) return names[code];
    return code >= fjesPROPRIETARY ? L"Proprietary" : L"";
}

static void add_extended_status(struct line *line, const struct job *job)
{
    add_number(line, job->extended_status_code);
    add_text(line, job->extended_status && job->extended_status[0] ? job->extended_status
                                                                   : extended_status_name(job->extended_status_code));
}

static void add_device(struct line *line, const struct job *job)
{
    const struct device *device;

    if (job->device_name && job->device_name[0]) add_text(line, job->device_name);
    else add_text(line, job->device_id && (device = device_find(job->device_id)) ? device->name : L"");
}

/* Writes the line, converted to UTF-8, in one WriteFile: a crash leaves all of it or nothing. */
static void write_line(struct log_file *file, struct line *line)
{
    char *bytes;
    int size, offset;

    if (line->failed || !reserve(line, 2))
    {
        svc_log("activity log: out of memory, a line of %ls is lost", file->name);
        return;
    }
    wcscpy(line->text + line->length, L"\r\n");
    line->length += 2;
    if (!ready(file)) return;

    offset = file->torn ? 2 : 0;
    size = WideCharToMultiByte(CP_UTF8, 0, line->text, (int)line->length, NULL, 0, NULL, NULL);
    if (!(bytes = malloc(offset + size)))
    {
        svc_log("activity log: out of memory, a line of %ls is lost", file->name);
        return;
    }
    memcpy(bytes, "\r\n", offset);
    WideCharToMultiByte(CP_UTF8, 0, line->text, (int)line->length, bytes + offset, size, NULL, NULL);
    if (write_bytes(file->handle, bytes, offset + size)) file->torn = FALSE;
    else
    {
        /* Closed, so that the next line opens it again (a disk that was full, a share that came back). */
        svc_log("activity log: writing %ls failed (error %lu)", file->name, GetLastError());
        close_file(file);
    }
    free(bytes);
}

/* ---- the two logs ---- */

static const WCHAR *outgoing_status(const struct job *job)
{
    switch (job->status & ~(fjsPAUSED | fjsNOLINE))
    {
    case fjsCOMPLETED: return L"Completed";
    case fjsFAILED: return L"Failed";
    case fjsRETRIES_EXCEEDED: return L"RetriesExceeded";
    case fjsCANCELED:
    case fjsCANCELING: return L"Canceled";
    default: return L"Ended";
    }
}

static const WCHAR *incoming_status(const struct job *job, DWORD routing_error)
{
    switch (job->status)
    {
    case fjsROUTING:
        if (routing_error) return L"Failed";
        return job->extended_status_code == fjesPARTIALLY_RECEIVED ? L"PartiallyReceived" : L"Received";
    case fjsCANCELED: return L"Canceled";
    default: return L"Failed";
    }
}

void activity_log_outgoing(const struct job *job)
{
    const struct job_document *doc = &job->document;
    struct line line = { 0 };

    if (!config_get()->activity_logging.log_outgoing)
    {
        close_file(&outgoing_log);  /* not held open while logging is off */
        return;
    }
    add_time(&line, clock_now());
    add_id(&line, job->id);
    add_text(&line, outgoing_status(job));
    add_extended_status(&line, job);
    add_device(&line, job);
    add_number(&line, job->pages);
    add_number(&line, job->size);
    add_number(&line, job->retries);
    add_time(&line, doc->submission_time);
    add_time(&line, job->transmission_start);
    add_time(&line, job->transmission_end);
    add_text(&line, doc->recipient_number);
    add_text(&line, doc->recipient_name);
    add_text(&line, job->csid);
    add_text(&line, job->tsid);
    add_text(&line, doc->sender[SENDER_NAME]);
    add_text(&line, doc->subject);
    add_text(&line, doc->document_name);
    add_text(&line, doc->owner);
    add_text(&line, doc->submission_id);
    write_line(&outgoing_log, &line);
    free(line.text);
}

void activity_log_incoming(const struct job *job, DWORD routing_error)
{
    struct line line = { 0 };
    WCHAR text[64];

    if (!config_get()->activity_logging.log_incoming)
    {
        close_file(&incoming_log);
        return;
    }
    add_time(&line, clock_now());
    add_id(&line, job->id);
    add_text(&line, incoming_status(job, routing_error));
    if (routing_error)
    {
        add_number(&line, fjesFATAL_ERROR);
        swprintf(text, ARRAY_SIZE(text), L"The fax could not be stored (error %lu).", routing_error);
        add_text(&line, text);
    }
    else add_extended_status(&line, job);
    add_device(&line, job);
    add_number(&line, job->pages);
    add_number(&line, job->size);
    add_time(&line, job->transmission_start);
    add_time(&line, job->transmission_end);
    add_text(&line, job->caller_id);
    add_text(&line, job->tsid);
    add_text(&line, job->csid);
    add_text(&line, job->routing_information);
    write_line(&incoming_log, &line);
    free(line.text);
}
