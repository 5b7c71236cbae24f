/*
 * The activity log files (src/svc/activity_log.c) through the real service: after a completed
 * send (and the fax it delivers), a busy line until the retries are used up, a cancelled job and
 * a send cancelled halfway (a partially received fax), OutboxLOG.txt and InboxLOG.txt hold
 * exactly those lines with the right columns, a person can read them while the service runs, the
 * header is written once, a field with tabs and line ends stays on its line, a last line cut
 * short (a power loss) is ended before the next one, a reception cut off by a crash of the service
 * is logged when it restarts, and the activity logging configuration (on
 * and off for each direction, a folder of its own, one that cannot be made) takes effect with the
 * next fax. The service's clock runs fast.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service_jobs.h"
#include "record.h"

#define OUTGOING_COLUMNS 21
#define INCOMING_COLUMNS 14

static const WCHAR outgoing_header[] =
    L"Time\tJobId\tStatus\tExtendedStatusCode\tExtendedStatus\tDevice\tPages\tSize\tRetries\tSubmissionTime\t"
    L"TransmissionStart\tTransmissionEnd\tRecipientNumber\tRecipientName\tCSID\tTSID\tSenderName\tSubject\t"
    L"DocumentName\tOwner\tSubmissionId";

static const WCHAR incoming_header[] =
    L"Time\tJobId\tStatus\tExtendedStatusCode\tExtendedStatus\tDevice\tPages\tSize\tTransmissionStart\t"
    L"TransmissionEnd\tCallerId\tTSID\tCSID\tRoutingInformation";

/* Column numbers */
enum { COL_TIME, COL_ID, COL_STATUS, COL_CODE, COL_TEXT, COL_DEVICE, COL_PAGES, COL_SIZE };
enum { OUT_RETRIES = 8, OUT_SUBMITTED, OUT_START, OUT_END, OUT_NUMBER, OUT_NAME, OUT_CSID, OUT_TSID, OUT_SENDER,
       OUT_SUBJECT, OUT_DOCUMENT, OUT_OWNER, OUT_SUBMISSION_ID };
enum { IN_START = 8, IN_END, IN_CALLER_ID, IN_TSID, IN_CSID, IN_ROUTING };

static WCHAR data_root[MAX_PATH];
static WCHAR user_name[257];

/* ---- reading the files ---- */

#define MAX_LINES 32
#define MAX_FIELDS 32

struct log_line
{
    WCHAR *fields[MAX_FIELDS];
    int count;
};

struct log_text
{
    WCHAR *text;                   /* the whole file, as UTF-16, lines cut at their CR LF */
    BOOL bom;
    BOOL ends_with_line_end;
    int header_count;              /* lines equal to the header */
    struct log_line lines[MAX_LINES];  /* the lines after the header */
    int count;
};

/* A log file in a folder; NULL: the data root's log folder. */
static void log_path(const WCHAR *folder, const WCHAR *name, WCHAR path[MAX_PATH])
{
    if (folder) swprintf(path, MAX_PATH, L"%ls\\%ls", folder, name);
    else swprintf(path, MAX_PATH, L"%ls\\log\\%ls", data_root, name);
}

/* Reads a file as a person would while the service writes it. */
static char *read_file(const WCHAR *path, DWORD *size)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    char *data;

    *size = 0;
    if (file == INVALID_HANDLE_VALUE) return NULL;
    *size = GetFileSize(file, NULL);
    data = calloc(1, *size + 1);
    if (!ReadFile(file, data, *size, size, NULL)) *size = 0;
    CloseHandle(file);
    return data;
}

static void split_fields(WCHAR *line, struct log_line *out)
{
    WCHAR *field = line, *tab;

    out->count = 0;
    while (out->count < MAX_FIELDS)
    {
        out->fields[out->count++] = field;
        if (!(tab = wcschr(field, '\t'))) break;
        *tab = 0;
        field = tab + 1;
    }
}

static BOOL read_log(const WCHAR *folder, const WCHAR *name, const WCHAR *header, struct log_text *log)
{
    WCHAR path[MAX_PATH], *line, *end;
    DWORD size;
    char *bytes;
    int length, start;

    memset(log, 0, sizeof(*log));
    log_path(folder, name, path);
    if (!(bytes = read_file(path, &size))) return FALSE;
    log->bom = size >= 3 && !memcmp(bytes, "\xef\xbb\xbf", 3);
    start = log->bom ? 3 : 0;
    log->ends_with_line_end = size >= 2 && !memcmp(bytes + size - 2, "\r\n", 2);
    length = MultiByteToWideChar(CP_UTF8, 0, bytes + start, size - start, NULL, 0);
    log->text = calloc(length + 1, sizeof(WCHAR));
    MultiByteToWideChar(CP_UTF8, 0, bytes + start, size - start, log->text, length);
    free(bytes);

    for (line = log->text; *line; line = end + 2)
    {
        if (!(end = wcsstr(line, L"\r\n"))) break;
        *end = 0;
        ok(!wcschr(line, '\r') && !wcschr(line, '\n'), "%ls: a lone line end inside %s\n", name, wine_dbgstr_w(line));
        if (!wcscmp(line, header)) log->header_count++;
        else if (log->count < MAX_LINES) split_fields(line, &log->lines[log->count++]);
    }
    return TRUE;
}

static void free_log(struct log_text *log)
{
    free(log->text);
    memset(log, 0, sizeof(*log));
}

/* ---- checks of one line ---- */

static BOOL is_iso_time(const WCHAR *text)
{
    static const WCHAR pattern[] = L"dddd-dd-ddTdd:dd:dd";
    int i;

    for (i = 0; pattern[i]; i++)
        if (pattern[i] == 'd' ? !iswdigit(text[i]) : text[i] != pattern[i]) return FALSE;
    return !text[i];
}

static const WCHAR *id_text(ULONGLONG id)
{
    static WCHAR text[4][17];
    static int next;
    WCHAR *out = text[next++ & 3];
    swprintf(out, 17, L"%016I64X", id);
    return out;
}

static const WCHAR *number_text(LONG value)
{
    static WCHAR text[4][16];
    static int next;
    WCHAR *out = text[next++ & 3];
    swprintf(out, 16, L"%ld", value);
    return out;
}

#define check_field(line, column, expected) check_field_(__LINE__, line, column, #column, expected)
static void check_field_(int source_line, const struct log_line *line, int column, const char *name,
                         const WCHAR *expected)
{
    const WCHAR *value = column < line->count ? line->fields[column] : L"(missing)";
    ok_(__FILE__, source_line)(!wcscmp(value, expected), "%s is %s, expected %s\n", name, wine_dbgstr_w(value),
                               wine_dbgstr_w(expected));
}

/* The columns every outgoing line has. */
static void check_outgoing_common(const struct log_line *line, ULONGLONG id)
{
    ok(line->count == OUTGOING_COLUMNS, "%d columns\n", line->count);
    if (line->count != OUTGOING_COLUMNS) return;
    ok(is_iso_time(line->fields[COL_TIME]), "time %s\n", wine_dbgstr_w(line->fields[COL_TIME]));
    check_field(line, COL_ID, id_text(id));
    ok(is_iso_time(line->fields[OUT_SUBMITTED]), "submission time %s\n", wine_dbgstr_w(line->fields[OUT_SUBMITTED]));
    ok(wcscmp(line->fields[COL_TIME], line->fields[OUT_SUBMITTED]) >= 0, "written %s before submission %s\n",
       wine_dbgstr_w(line->fields[COL_TIME]), wine_dbgstr_w(line->fields[OUT_SUBMITTED]));
    check_field(line, OUT_OWNER, user_name);
    ok(wcslen(line->fields[OUT_SUBMISSION_ID]) == 16, "submission id %s\n", wine_dbgstr_w(line->fields[OUT_SUBMISSION_ID]));
}

/* ---- the faxes ---- */

struct outcome
{
    ULONGLONG sent_id, busy_id, cancelled_id, halfway_id;
    ULONGLONG received_id, partial_id;
    fxs_job_info sent, received, partial;
    LONG partial_pages;
};

static const WCHAR subject[] = L"Budget\tQ3\r\nfinal \u00e9\u4e2d";
static const WCHAR subject_logged[] = L"Budget Q3  final \u00e9\u4e2d";

/* A completed send from device 1 to device 2: a line in each file. */
static void send_and_receive(struct fxs_link *link, struct outcome *out)
{
    struct event_log log = { 0 };
    fxs_document doc = { 0 };
    int added;
    DWORD error;

    doc.subject = (WCHAR *)subject;
    doc.document_name = (WCHAR *)L"report.tif";
    doc.sender.name = (WCHAR *)L"Ann\nSender";
    doc.sender.tsid = (WCHAR *)L"TEST TSID";
    error = submit_document(link, &doc, L"1002", L"Dept\tOne", 2, &out->sent_id);
    ok(!error, "submit: %lu\n", error);
    if (error) return;
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, out->sent_id), "not archived\n");
    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, 0), "nothing received\n");
    added = find_event(&log, 0, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0);
    if (added >= 0) out->received_id = log.events[added].job_id;
    log_free(&log);

    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_ARCHIVE, out->sent_id, &out->sent);
    ok(!error, "the sent message: %lu\n", error);
    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_INCOMING_ARCHIVE, out->received_id, &out->received);
    ok(!error, "the received message: %lu\n", error);
}

/* "9000" is always busy: three retries, then RETRIES_EXCEEDED; cancelling it then adds no line. */
static void busy_until_exceeded(struct fxs_link *link, struct outcome *out)
{
    struct event_log log = { 0 };
    DWORD error = submit_fax(link, L"9000", 1, &out->busy_id);

    ok(!error, "submit: %lu\n", error);
    if (error) return;
    ok(wait_for_status(link, &log, FXS_EVENT_OUT_QUEUE, out->busy_id, fjsRETRIES_EXCEEDED, fjesBUSY, 0),
       "the retries were not exceeded\n");
    log_free(&log);
}

static void cancel_waiting(struct fxs_link *link, struct outcome *out)
{
    fxs_document doc = { 0 };
    DWORD error;

    doc.subject = (WCHAR *)L"never sent";
    schedule_far_ahead(&doc);
    error = submit_document(link, &doc, L"5551234", L"Nobody", 1, &out->cancelled_id);
    ok(!error, "submit: %lu\n", error);
    error = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, out->cancelled_id, FXS_JOB_CANCEL);
    ok(!error, "cancel: %lu\n", error);
}

/* Cancelled while the second of 20 pages goes: the receiver keeps the pages it has. */
static void cancel_halfway(struct fxs_link *link, struct outcome *out)
{
    struct event_log log = { 0 };
    DWORD error = submit_fax(link, L"1002", 20, &out->halfway_id);
    int added;

    ok(!error, "submit: %lu\n", error);
    if (error) return;
    ok(wait_for_status(link, &log, FXS_EVENT_OUT_QUEUE, out->halfway_id, fjsINPROGRESS, fjesTRANSMITTING, 2),
       "page 2 was not sent\n");
    error = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, out->halfway_id, FXS_JOB_CANCEL);
    ok(!error, "cancel: %lu\n", error);
    ok(wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, out->halfway_id), "not removed\n");
    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, 0), "the receiver kept its job\n");
    added = find_event(&log, 0, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0);
    if (added >= 0) out->partial_id = log.events[added].job_id;
    log_free(&log);
    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_INCOMING_ARCHIVE, out->partial_id, &out->partial);
    ok(!error, "the partial message: %lu\n", error);
    out->partial_pages = error ? -1 : out->partial.status.pages;
    ok(out->partial_pages >= 1 && out->partial_pages < 20, "%ld pages received\n", out->partial_pages);
}

/* ---- the checks ---- */

static void check_outgoing(const struct outcome *out)
{
    struct log_text log;
    const struct log_line *line;

    ok(read_log(NULL, L"OutboxLOG.txt", outgoing_header, &log), "no OutboxLOG.txt\n");
    ok(log.bom, "no byte order mark\n");
    ok(log.header_count == 1, "the header is there %d times\n", log.header_count);
    ok(log.ends_with_line_end, "the last line is not ended\n");
    ok(log.count == 4, "%d lines\n", log.count);
    if (log.count != 4) goto done;

    line = &log.lines[0];
    winetest_push_context("completed");
    check_outgoing_common(line, out->sent_id);
    check_field(line, COL_STATUS, L"Completed");
    check_field(line, COL_CODE, L"18");
    check_field(line, COL_TEXT, L"CallCompleted");
    check_field(line, COL_DEVICE, L"Virtual Fax 1");
    check_field(line, COL_PAGES, L"2");
    check_field(line, COL_SIZE, number_text(out->sent.status.size));
    check_field(line, OUT_RETRIES, L"0");
    ok(is_iso_time(line->fields[OUT_START]) && is_iso_time(line->fields[OUT_END]), "transmission %s to %s\n",
       wine_dbgstr_w(line->fields[OUT_START]), wine_dbgstr_w(line->fields[OUT_END]));
    ok(wcscmp(line->fields[OUT_START], line->fields[OUT_END]) <= 0, "ended before it started\n");
    ok(wcscmp(line->fields[OUT_END], line->fields[COL_TIME]) <= 0, "logged before the end\n");
    check_field(line, OUT_NUMBER, L"1002");
    check_field(line, OUT_NAME, L"Dept One");
    check_field(line, OUT_CSID, L"Fax 2");
    check_field(line, OUT_TSID, L"TEST TSID");
    check_field(line, OUT_SENDER, L"Ann Sender");
    check_field(line, OUT_SUBJECT, subject_logged);
    check_field(line, OUT_DOCUMENT, L"report.tif");
    check_field(line, OUT_SUBMISSION_ID, out->sent.submission_id ? out->sent.submission_id : L"");
    winetest_pop_context();

    line = &log.lines[1];
    winetest_push_context("retries exceeded");
    check_outgoing_common(line, out->busy_id);
    check_field(line, COL_STATUS, L"RetriesExceeded");
    check_field(line, COL_CODE, L"8");
    check_field(line, COL_DEVICE, L"Virtual Fax 1");
    check_field(line, COL_PAGES, L"1");
    check_field(line, OUT_RETRIES, L"3");
    check_field(line, OUT_NUMBER, L"9000");
    check_field(line, OUT_CSID, L"");
    ok(line->fields[COL_TEXT][0], "no extended status text\n");
    ok(is_iso_time(line->fields[OUT_END]), "transmission end %s\n", wine_dbgstr_w(line->fields[OUT_END]));
    winetest_pop_context();

    line = &log.lines[2];
    winetest_push_context("cancelled");
    check_outgoing_common(line, out->cancelled_id);
    check_field(line, COL_STATUS, L"Canceled");
    check_field(line, COL_DEVICE, L"");
    check_field(line, OUT_RETRIES, L"0");
    check_field(line, OUT_START, L"");
    check_field(line, OUT_END, L"");
    check_field(line, OUT_NAME, L"Nobody");
    check_field(line, OUT_SUBJECT, L"never sent");
    winetest_pop_context();

    line = &log.lines[3];
    winetest_push_context("cancelled halfway");
    check_outgoing_common(line, out->halfway_id);
    check_field(line, COL_STATUS, L"Canceled");
    check_field(line, COL_CODE, L"19");
    check_field(line, COL_DEVICE, L"Virtual Fax 1");
    check_field(line, COL_PAGES, L"20");
    ok(is_iso_time(line->fields[OUT_START]) && is_iso_time(line->fields[OUT_END]), "transmission %s to %s\n",
       wine_dbgstr_w(line->fields[OUT_START]), wine_dbgstr_w(line->fields[OUT_END]));
    winetest_pop_context();
done:
    free_log(&log);
}

static void check_incoming(const struct outcome *out)
{
    struct log_text log;
    const struct log_line *line;

    ok(read_log(NULL, L"InboxLOG.txt", incoming_header, &log), "no InboxLOG.txt\n");
    ok(log.bom, "no byte order mark\n");
    ok(log.header_count == 1, "the header is there %d times\n", log.header_count);
    ok(log.count == 2, "%d lines\n", log.count);
    if (log.count != 2) goto done;

    line = &log.lines[0];
    winetest_push_context("received");
    ok(line->count == INCOMING_COLUMNS, "%d columns\n", line->count);
    if (line->count == INCOMING_COLUMNS)
    {
        ok(is_iso_time(line->fields[COL_TIME]), "time %s\n", wine_dbgstr_w(line->fields[COL_TIME]));
        check_field(line, COL_ID, id_text(out->received_id));
        check_field(line, COL_STATUS, L"Received");
        check_field(line, COL_CODE, L"18");
        check_field(line, COL_TEXT, L"CallCompleted");
        check_field(line, COL_DEVICE, L"Virtual Fax 2");
        check_field(line, COL_PAGES, L"2");
        check_field(line, COL_SIZE, number_text(out->received.status.size));
        ok(is_iso_time(line->fields[IN_START]) && is_iso_time(line->fields[IN_END]), "transmission %s to %s\n",
           wine_dbgstr_w(line->fields[IN_START]), wine_dbgstr_w(line->fields[IN_END]));
        check_field(line, IN_CALLER_ID, L"1001");
        check_field(line, IN_TSID, L"TEST TSID");
        check_field(line, IN_CSID, L"Fax 2");
        check_field(line, IN_ROUTING, L"");
    }
    winetest_pop_context();

    line = &log.lines[1];
    winetest_push_context("partially received");
    ok(line->count == INCOMING_COLUMNS, "%d columns\n", line->count);
    if (line->count == INCOMING_COLUMNS)
    {
        check_field(line, COL_ID, id_text(out->partial_id));
        check_field(line, COL_STATUS, L"PartiallyReceived");
        check_field(line, COL_CODE, L"16");
        check_field(line, COL_PAGES, number_text(out->partial_pages));
        check_field(line, COL_SIZE, number_text(out->partial.status.size));
        check_field(line, IN_CALLER_ID, L"1001");
    }
    winetest_pop_context();
done:
    free_log(&log);
}

/* The service holds the files open for appending and lets others read, not write. */
static void check_sharing(void)
{
    WCHAR path[MAX_PATH];
    HANDLE file;
    DWORD error;

    log_path(NULL, L"OutboxLOG.txt", path);
    file = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    error = GetLastError();  /* before ok(), whose TlsGetValue resets it */
    ok(file == INVALID_HANDLE_VALUE && error == ERROR_SHARING_VIOLATION, "another writer could open the log: %lu\n",
       error);
    if (file != INVALID_HANDLE_VALUE) CloseHandle(file);
}

/* A last line cut short (as by a power loss) is ended before the next line; the header is not
 * written again. */
static void test_torn_line(void)
{
    static const char torn[] = "2026-01-01T00:00:00\t00000000000000";
    struct fxs_link *link;
    struct event_log log = { 0 };
    struct log_text text;
    WCHAR path[MAX_PATH];
    ULONGLONG id;
    HANDLE file;
    DWORD written, error;

    log_path(NULL, L"OutboxLOG.txt", path);
    file = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "cannot open the log: %lu\n", GetLastError());
    WriteFile(file, torn, sizeof(torn) - 1, &written, NULL);
    CloseHandle(file);

    if (!(link = start_listening())) return;
    error = submit_fax(link, L"5551234", 1, &id);
    ok(!error, "submit: %lu\n", error);
    ok(!error && wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "not archived\n");
    log_free(&log);

    ok(read_log(NULL, L"OutboxLOG.txt", outgoing_header, &text), "no OutboxLOG.txt\n");
    ok(text.header_count == 1, "the header is there %d times\n", text.header_count);
    ok(text.count == 6, "%d lines\n", text.count);
    if (text.count == 6)
    {
        ok(text.lines[4].count == 2, "the torn line has %d fields\n", text.lines[4].count);
        check_outgoing_common(&text.lines[5], id);
        check_field(&text.lines[5], COL_STATUS, L"Completed");
        check_field(&text.lines[5], OUT_CSID, L"Remote Fax");
    }
    free_log(&text);
    fxs_link_close(link);
}

/* ---- a crash ---- */

/* The service killed while a fax comes in: the restarted service logs the reception the crash cut
 * off as failed, and the send, retried, completes with its retry counted. */
static void test_crash_during_reception(void)
{
    struct event_log log = { 0 };
    struct log_text outgoing, incoming;
    struct fxs_link *link;
    ULONGLONG id, incoming_id = 0;
    int before_out, before_in, added;
    DWORD error;

    before_out = read_log(NULL, L"OutboxLOG.txt", outgoing_header, &outgoing) ? outgoing.count : 0;
    before_in = read_log(NULL, L"InboxLOG.txt", incoming_header, &incoming) ? incoming.count : 0;
    free_log(&outgoing);
    free_log(&incoming);

    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"20");  /* a page in a tenth of a second */
    if (!(link = start_listening())) return;
    error = submit_fax(link, L"1002", 5, &id);
    ok(!error, "submit: %lu\n", error);
    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0), "no incoming job\n");
    added = find_event(&log, 0, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0);
    if (added >= 0) incoming_id = log.events[added].job_id;
    ok(wait_for_status(link, &log, FXS_EVENT_IN_QUEUE, incoming_id, fjsINPROGRESS, fjesRECEIVING, 1),
       "no page came in\n");
    ok(kill_service(service_pid(link)), "could not kill the service\n");
    fxs_link_close(link);
    log_free(&log);

    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");
    if (!(link = start_listening())) return;
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "the send was not retried\n");
    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, 0), "nothing received\n");
    log_free(&log);
    fxs_link_close(link);

    ok(read_log(NULL, L"OutboxLOG.txt", outgoing_header, &outgoing), "no OutboxLOG.txt\n");
    ok(outgoing.count == before_out + 1, "%d outgoing lines, %d before\n", outgoing.count, before_out);
    if (outgoing.count == before_out + 1)
    {
        const struct log_line *line = &outgoing.lines[before_out];
        check_field(line, COL_ID, id_text(id));
        check_field(line, COL_STATUS, L"Completed");
        check_field(line, OUT_RETRIES, L"1");
    }
    ok(read_log(NULL, L"InboxLOG.txt", incoming_header, &incoming), "no InboxLOG.txt\n");
    ok(incoming.count == before_in + 2, "%d incoming lines, %d before\n", incoming.count, before_in);
    if (incoming.count == before_in + 2)
    {
        const struct log_line *line = &incoming.lines[before_in];
        check_field(line, COL_ID, id_text(incoming_id));
        check_field(line, COL_STATUS, L"Failed");
        check_field(line, COL_CODE, L"1");
        check_field(line, COL_TEXT, L"The fax service stopped during the call.");
        check_field(line, IN_CALLER_ID, L"1001");
        check_field(&incoming.lines[before_in + 1], COL_STATUS, L"Received");
        check_field(&incoming.lines[before_in + 1], COL_PAGES, L"5");
    }
    free_log(&outgoing);
    free_log(&incoming);
}

/* ---- the configuration ---- */

static DWORD set_activity_logging(struct fxs_link *link, BOOL outgoing, BOOL incoming, const WCHAR *folder)
{
    record *rec = NULL;
    uint8_t *data = NULL;
    size_t size;
    DWORD status = ERROR_OUTOFMEMORY;

    if (!record_create("config.activity_logging", &rec) && !record_add_bool(rec, "log_incoming", incoming) &&
        !record_add_bool(rec, "log_outgoing", outgoing) &&
        !record_add_utf16(rec, "folder", (const uint16_t *)folder, wcslen(folder)) &&
        !record_serialize(rec, &data, &size))
        status = fxs_rpc_set_config(fxs_link_session(link), FXS_CONFIG_ACTIVITY_LOGGING, (DWORD)size, data);
    free(data);
    record_free(rec);
    return status;
}

/* The number of lines after the header of a log file in a folder (-1: no such file). */
static int count_lines(const WCHAR *folder, const WCHAR *name, const WCHAR *header)
{
    struct log_text log;
    int count;

    count = read_log(folder, name, header, &log) ? log.count : -1;
    ok(count < 0 || log.header_count == 1, "%s: the header is there %d times\n", wine_dbgstr_w(name), log.header_count);
    free_log(&log);
    return count;
}

static void send_one(struct fxs_link *link, const WCHAR *number)
{
    struct event_log log = { 0 };
    ULONGLONG id;
    DWORD error = submit_fax(link, number, 1, &id);

    ok(!error, "submit: %lu\n", error);
    ok(!error && wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id), "not sent\n");
    if (!wcscmp(number, L"1002"))
        ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, 0), "not received\n");
    log_free(&log);
}

/* Logging off writes nothing, a folder of its own is created and used from the next line on, and
 * a folder that cannot be made falls back to the data root's log folder. */
static void test_configuration(void)
{
    WCHAR custom[MAX_PATH], blocked[MAX_PATH], blocker[MAX_PATH];
    struct fxs_link *link;
    int outgoing, incoming;
    DWORD status;

    if (!(link = start_listening())) return;
    outgoing = count_lines(NULL, L"OutboxLOG.txt", outgoing_header);
    incoming = count_lines(NULL, L"InboxLOG.txt", incoming_header);

    status = set_activity_logging(link, FALSE, TRUE, L"");
    ok(!status, "turning outgoing logging off: %lu\n", status);
    send_one(link, L"1002");
    ok(count_lines(NULL, L"OutboxLOG.txt", outgoing_header) == outgoing, "a line while outgoing logging is off\n");
    ok(count_lines(NULL, L"InboxLOG.txt", incoming_header) == incoming + 1, "no incoming line\n");

    swprintf(custom, MAX_PATH, L"%ls\\custom\\activity\\log", data_root);
    status = set_activity_logging(link, TRUE, FALSE, custom);
    ok(!status, "a folder of its own: %lu\n", status);
    send_one(link, L"1002");
    ok(count_lines(custom, L"OutboxLOG.txt", outgoing_header) == 1, "no line in %s\n", wine_dbgstr_w(custom));
    ok(count_lines(custom, L"InboxLOG.txt", incoming_header) == -1, "an incoming log while incoming logging is off\n");
    ok(count_lines(NULL, L"OutboxLOG.txt", outgoing_header) == outgoing, "a line in the data root's folder\n");
    ok(count_lines(NULL, L"InboxLOG.txt", incoming_header) == incoming + 1, "a line while incoming logging is off\n");

    /* A folder under a file cannot be made: the data root's log folder takes the line. */
    swprintf(blocker, MAX_PATH, L"%ls\\blocker", data_root);
    CloseHandle(CreateFileW(blocker, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    swprintf(blocked, MAX_PATH, L"%ls\\log", blocker);
    status = set_activity_logging(link, TRUE, TRUE, blocked);
    ok(!status, "a folder that cannot be made: %lu\n", status);
    send_one(link, L"5551234");
    ok(count_lines(NULL, L"OutboxLOG.txt", outgoing_header) == outgoing + 1, "the line did not fall back\n");
    ok(count_lines(custom, L"OutboxLOG.txt", outgoing_header) == 1, "a line in the old folder\n");

    fxs_link_close(link);
}

START_TEST(service_activity_log)
{
    struct outcome out = { 0 };
    struct fxs_link *link;
    DWORD size = ARRAY_SIZE(user_name);

    GetUserNameW(user_name, &size);
    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-activity-log", data_root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");
    service_environment(FXSSVC_ENV_IDLE_MS, L"600000");

    if ((link = start_listening()))
    {
        send_and_receive(link, &out);
        busy_until_exceeded(link, &out);
        cancel_waiting(link, &out);
        cancel_halfway(link, &out);
        /* The failed job leaves: it ended when its retries were exceeded, and is not logged again. */
        ok(!fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, out.busy_id, FXS_JOB_CANCEL),
           "cancelling the failed job failed\n");
        check_sharing();
        check_outgoing(&out);
        check_incoming(&out);
        fxs_link_close(link);
    }
    ok(stop_service(), "the service did not stop\n");

    test_torn_line();
    ok(stop_service(), "the service did not stop\n");

    test_crash_during_reception();
    ok(stop_service(), "the service did not stop\n");

    test_configuration();
    ok(stop_service(), "the service did not stop\n");

    fxs_job_info_clear(&out.sent);
    fxs_job_info_clear(&out.received);
    fxs_job_info_clear(&out.partial);
    remove_folder(data_root);
}
