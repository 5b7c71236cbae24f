/*
 * What the archives' settings make the real service do (src/svc/archive.h, archive_folder.h):
 * - ArchiveFolder: refused values (relative, too long, inside the data root, the other
 *   archive's folder, a file, a folder that cannot be made) with their precise errors and
 *   nothing changed; a new folder made and used for new messages; the old folder's messages
 *   kept there and no longer listed, listed again when the old folder is set again; kept
 *   across a restart;
 * - UseArchive off: a fax sent and received leaves no message and no file behind;
 * - the size quota: one event-log warning past HighQuotaWaterMark, the next only after the
 *   size fell below LowQuotaWaterMark (read from the service's copy of its event log, as
 *   tests/event_log.c does); SizeLow/SizeHigh the bytes of the images on disk;
 * - AgeLimit: an old message deleted when the limit is saved, a fresh fax deleted once the
 *   sped-up service clock made it older than the limit, each with OnIncomingMessageRemoved in
 *   another listening process.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fax_objects.h"
#include "config_edit.h"
#include "archive_tests.h"
#include "event_log.h"
#include "job.h"
#include "job_record.h"
#include "store.h"

#define IMAGE_SIZE (400 * 1024)     /* bytes of each seeded message's image */
#define SEEDED 6                    /* messages in the incoming archive before the service starts */
#define FIRST_SEEDED 0x100
#define FOREIGN_ID 0x7000000        /* a message another service left in a folder */
#define CLOCK_SPEED 5000            /* a day of service time is 17 s */
#define CLOCK_SPEED_TEXT L"5000"

static WCHAR temp_folder[MAX_PATH], data_root[MAX_PATH], log_copy[MAX_PATH];

static void temp_name(WCHAR path[MAX_PATH], const WCHAR *name)
{
    swprintf(path, MAX_PATH, L"%lsfxs-policy-%ls-%lu", temp_folder, name, GetCurrentProcessId());
}

static void root_path(WCHAR path[MAX_PATH], const WCHAR *relative)
{
    swprintf(path, MAX_PATH, L"%ls\\%ls", data_root, relative);
}

static void id_file(WCHAR path[MAX_PATH], const WCHAR *folder, ULONGLONG id, const WCHAR *extension)
{
    swprintf(path, MAX_PATH, L"%ls\\%016I64X%ls", folder, id, extension);
}

static BOOL message_files_there(const WCHAR *folder, ULONGLONG id)
{
    WCHAR path[MAX_PATH];
    BOOL there;

    id_file(path, folder, id, L".msg");
    there = GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
    id_file(path, folder, id, L".tif");
    return there && GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

static BOOL is_folder(const WCHAR *path)
{
    DWORD attributes = GetFileAttributesW(path);
    return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY);
}

static BOOL write_file(const WCHAR *path, const void *data, DWORD size)
{
    HANDLE file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written = 0;
    BOOL done;

    if (file == INVALID_HANDLE_VALUE) return FALSE;
    done = WriteFile(file, data, size, &written, NULL) && written == size;
    CloseHandle(file);
    return done;
}

static svc_time system_now(void)
{
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    return ((svc_time)now.dwHighDateTime << 32) | now.dwLowDateTime;
}

/* A received message as a service writes it: "<id>.msg" record and "<id>.tif" image. */
static void write_message(const WCHAR *folder, ULONGLONG id, svc_time end, DWORD image_size)
{
    struct job *message = job_create(TRUE);
    WCHAR path[MAX_PATH];
    record *rec = NULL;
    uint8_t *data = NULL;
    size_t size = 0;
    BYTE *image = calloc(1, image_size);
    BOOL done = FALSE;

    if (message && image)
    {
        message->id = id;
        message->status = fjsCOMPLETED;
        message->extended_status_code = fjesCALL_COMPLETED;
        message->pages = 1;
        message->size = image_size;
        message->transmission_start = end - 60 * SVC_TIME_SECOND;
        message->transmission_end = end;
        done = job_set_string(&message->caller_id, L"5550100") && job_set_string(&message->csid, L"POLICY CSID") &&
               job_set_string(&message->tsid, L"POLICY TSID") && job_set_string(&message->device_name, L"Seeded") &&
               !job_to_record(message, MESSAGE_RECORD_KIND, &rec) && !record_serialize(rec, &data, &size);
        id_file(path, folder, id, L".tif");
        done = done && write_file(path, image, image_size);
        id_file(path, folder, id, L".msg");
        done = done && write_file(path, data, (DWORD)size);
    }
    ok(done, "writing message %I64X in %s\n", id, wine_dbgstr_w(folder));
    free(data);
    record_free(rec);
    free(image);
    job_free(message);
}

/* How many files of a folder match pattern ("*.tif"), and their bytes. */
static DWORD files_matching(const WCHAR *folder, const WCHAR *pattern, ULONGLONG *bytes)
{
    WCHAR path[MAX_PATH];
    WIN32_FIND_DATAW found;
    DWORD count = 0;
    HANDLE find;

    *bytes = 0;
    swprintf(path, MAX_PATH, L"%ls\\%ls", folder, pattern);
    if ((find = FindFirstFileW(path, &found)) == INVALID_HANDLE_VALUE) return 0;
    do
    {
        if (found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) continue;
        *bytes += ((ULONGLONG)found.nFileSizeHigh << 32) | found.nFileSizeLow;
        count++;
    } while (FindNextFileW(find, &found));
    FindClose(find);
    return count;
}

/* The bytes of the images in a folder: what SizeLow must say of the archive kept there. */
static ULONGLONG image_bytes(const WCHAR *folder)
{
    ULONGLONG bytes;
    files_matching(folder, L"*.tif", &bytes);
    return bytes;
}

static DWORD files_in(const WCHAR *folder)
{
    ULONGLONG bytes;
    return files_matching(folder, L"*", &bytes);
}

/* The entries with that id in the service's copy of its event log (General, of that type). */
static int log_entries(unsigned int wanted, unsigned int wanted_type, BOOL trace_them)
{
    unsigned int type, category, id;
    char path[MAX_PATH], text[1024];
    int count = 0, reported;
    FILE *in;

    WideCharToMultiByte(CP_ACP, 0, log_copy, -1, path, sizeof(path), NULL, NULL);
    if (!(in = fopen(path, "r"))) return 0;
    while (fgets(text, sizeof(text), in))
        if (sscanf(text, "%u %u %u %d", &type, &category, &id, &reported) == 4 && id == wanted)
        {
            ok(type == wanted_type && category == EVENT_LOG_GENERAL && reported == 1, "entry %s", text);
            if (trace_them) trace("%s", text);
            count++;
        }
    fclose(in);
    return count;
}

static int quota_warnings(void)
{
    return log_entries(EVENT_ID_ARCHIVE_QUOTA, EVENTLOG_WARNING_TYPE, FALSE);
}

/* ---- the archive through its interface ---- */

static BOOL archive_has(IFaxIncomingArchive *archive, ULONGLONG id)
{
    IFaxIncomingMessage *message = NULL;
    WCHAR text[17];
    BSTR bstr;
    HRESULT hr;

    swprintf(text, ARRAY_SIZE(text), L"%016I64X", id);
    bstr = SysAllocString(text);
    hr = IFaxIncomingArchive_GetMessage(archive, bstr, &message);
    SysFreeString(bstr);
    if (message) IFaxIncomingMessage_Release(message);
    return hr == S_OK;
}

static LONG messages_listed(IFaxIncomingArchive *archive)
{
    IFaxIncomingMessageIterator *iterator = NULL;
    VARIANT_BOOL eof = VARIANT_FALSE;
    LONG count = 0;

    if (IFaxIncomingArchive_GetMessages(archive, 3, &iterator) != S_OK) return -1;
    while (IFaxIncomingMessageIterator_get_AtEOF(iterator, &eof) == S_OK && !eof &&
           IFaxIncomingMessageIterator_MoveNext(iterator) == S_OK)
        count++;
    IFaxIncomingMessageIterator_Release(iterator);
    return count;
}

static void check_size(IFaxIncomingArchive *archive, ULONGLONG expected, int line)
{
    LONG low = -1, high = -1;

    ok_(__FILE__, line)(IFaxIncomingArchive_Refresh(archive) == S_OK, "Refresh\n");
    ok_(__FILE__, line)(IFaxIncomingArchive_get_SizeLow(archive, &low) == S_OK &&
                        IFaxIncomingArchive_get_SizeHigh(archive, &high) == S_OK, "SizeLow/SizeHigh\n");
    ok_(__FILE__, line)((ULONG)low == (ULONG)expected && (ULONG)high == (ULONG)(expected >> 32),
                        "size %#lx:%#lx, expected %I64u bytes\n", high, low, expected);
}
#define CHECK_SIZE(archive, expected) check_size(archive, expected, __LINE__)

static HRESULT save_folder(IFaxIncomingArchive *archive, const WCHAR *folder)
{
    BSTR text = SysAllocString(folder);
    HRESULT hr = IFaxIncomingArchive_put_ArchiveFolder(archive, text);

    SysFreeString(text);
    return hr == S_OK ? IFaxIncomingArchive_Save(archive) : hr;
}

static void check_folder(IFaxIncomingArchive *archive, const WCHAR *expected, int line)
{
    BSTR text = NULL;

    ok_(__FILE__, line)(IFaxIncomingArchive_Refresh(archive) == S_OK, "Refresh\n");
    ok_(__FILE__, line)(IFaxIncomingArchive_get_ArchiveFolder(archive, &text) == S_OK && text &&
                        !wcscmp(text, expected), "ArchiveFolder %s, expected %s\n", wine_dbgstr_w(text),
                        wine_dbgstr_w(expected));
    SysFreeString(text);
}
#define CHECK_FOLDER(archive, expected) check_folder(archive, expected, __LINE__)

static HRESULT save_marks(IFaxIncomingArchive *archive, VARIANT_BOOL warning, LONG high, LONG low)
{
    IFaxIncomingArchive_put_SizeQuotaWarning(archive, warning);
    IFaxIncomingArchive_put_HighQuotaWaterMark(archive, high);
    IFaxIncomingArchive_put_LowQuotaWaterMark(archive, low);
    return IFaxIncomingArchive_Save(archive);
}

/* Sends a one-page fax from device 1 to device 2: the ids of both messages (0 when not archived). */
static void send_fax(struct fxs_link *link, ULONGLONG *out_id, ULONGLONG *in_id)
{
    struct event_log log = { 0 };
    int added;

    *in_id = 0;
    ok(submit_fax(link, L"1002", 1, out_id) == ERROR_SUCCESS, "submitting\n");
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, *out_id), "no OnOutgoingMessageAdded\n");
    ok(wait_for(link, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "no OnIncomingMessageAdded\n");
    if ((added = find_event(&log, 0, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0)) >= 0)
        *in_id = log.events[added].job_id;
    log_free(&log);
}

/* ---- ArchiveFolder refused ---- */

static void check_refused(IFaxIncomingArchive *archive, const WCHAR *folder, DWORD error, const char *why)
{
    HRESULT hr = save_folder(archive, folder);

    ok(hr == HRESULT_FROM_WIN32(error), "%s: Save of %s: %#lx, expected %#lx\n", why, wine_dbgstr_w(folder), hr,
       HRESULT_FROM_WIN32(error));
    ok(last_error_has(L"ArchiveFolder"), "%s: the error does not name ArchiveFolder\n", why);
    CHECK_FOLDER(archive, L"");
}

static void test_bad_folders(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxIncomingArchive *incoming = get_archive(server, TRUE), *outgoing = get_archive(server, FALSE);
    WCHAR path[MAX_PATH], file[MAX_PATH], other[MAX_PATH], long_path[200];
    VARIANT value;
    HRESULT hr;

    if (!incoming || !outgoing) return;
    check_refused(incoming, L"faxes\\in", ERROR_BAD_PATHNAME, "relative");
    check_refused(incoming, L"\\faxes\\in", ERROR_BAD_PATHNAME, "on the current drive");
    check_refused(incoming, L"C:faxes", ERROR_BAD_PATHNAME, "relative to a drive");
    /* The data root's own folders are no folder for anything (path_safety.h); the rest of it is no
     * folder for an archive. */
    check_refused(incoming, data_root, ERROR_BAD_PATHNAME, "the data root");
    root_path(path, L"archive\\mine");
    check_refused(incoming, path, ERROR_BAD_PATHNAME, "inside the data root's archive folder");
    ok(GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES, "a refused folder was made\n");
    root_path(path, L"queue\\in");
    check_refused(incoming, path, ERROR_BAD_PATHNAME, "the incoming queue");
    root_path(path, L"faxes");
    check_refused(incoming, path, ERROR_PATH_BUSY, "inside the data root");
    ok(GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES, "a refused folder was made\n");
    temp_name(file, L"file.txt");
    ok(write_file(file, "x", 1), "writing %s\n", wine_dbgstr_w(file));
    check_refused(incoming, file, ERROR_DIRECTORY, "a file");
    swprintf(path, MAX_PATH, L"%ls\\inside", file);
    check_refused(incoming, path, ERROR_CANNOT_MAKE, "under a file");
    swprintf(long_path, ARRAY_SIZE(long_path), L"C:\\%0*d", 160, 0);
    check_refused(incoming, long_path, ERROR_FILENAME_EXCED_RANGE, "160 characters");
    ok(GetFileAttributesW(long_path) == INVALID_FILE_ATTRIBUTES, "a refused folder was made\n");
    DeleteFileW(file);

    /* The other archive's folder, in other letters; through IDispatch by name. */
    temp_name(other, L"shared");
    ok(save_folder(outgoing, other) == S_OK, "outgoing archive in %s\n", wine_dbgstr_w(other));
    ok(is_folder(other), "the folder was not made\n");
    lstrcpyW(path, other);
    CharUpperW(path);
    value = variant_text(path);
    ok(put_by_name((IDispatch *)incoming, L"ArchiveFolder", value) == S_OK, "put ArchiveFolder by name\n");
    VariantClear(&value);
    hr = invoke_by_name((IDispatch *)incoming, L"Save", DISPATCH_METHOD, NULL, 0, NULL);
    ok(hr == DISP_E_EXCEPTION, "Save by name of the outgoing archive's folder: %#lx\n", hr);
    hr = IFaxIncomingArchive_Save(incoming);
    ok(hr == HRESULT_FROM_WIN32(ERROR_PATH_BUSY), "the outgoing archive's folder: %#lx\n", hr);
    ok(last_error_has(L"other archive"), "the error does not say why\n");
    CHECK_FOLDER(incoming, L"");
    ok(save_folder(outgoing, L"") == S_OK, "outgoing archive back in the data root\n");
    RemoveDirectoryW(other);

    /* Environment variables are expanded by the service. */
    swprintf(path, MAX_PATH, L"%%TEMP%%\\fxs-policy-env-%lu", GetCurrentProcessId());
    ok(save_folder(incoming, path) == S_OK, "Save of %s\n", wine_dbgstr_w(path));
    CHECK_FOLDER(incoming, path);
    swprintf(other, MAX_PATH, L"%lsfxs-policy-env-%lu", temp_folder, GetCurrentProcessId());
    ok(is_folder(other), "%s was not made\n", wine_dbgstr_w(other));
    ok(save_folder(incoming, L"") == S_OK, "back in the data root\n");
    RemoveDirectoryW(other);

    /* Marks: negative refused, the largest accepted, more than 32 bits refused over RPC. */
    ok(save_marks(incoming, VARIANT_FALSE, -1, 0) == E_INVALIDARG, "HighQuotaWaterMark -1\n");
    ok(save_marks(incoming, VARIANT_FALSE, 50, -1) == E_INVALIDARG, "LowQuotaWaterMark -1\n");
    ok(save_marks(incoming, VARIANT_FALSE, 10, 20) == E_INVALIDARG, "low above high\n");
    ok(last_error_has(L"low <= high"), "the error says what is allowed\n");
    ok(config_set_number(link, FXS_CONFIG_INBOX, "high_quota_water_mark", 1ull << 32) == ERROR_INVALID_PARAMETER,
       "a mark of 2^32 MB\n");
    ok(save_marks(incoming, VARIANT_FALSE, 0x7fffffff, 0x7ffffffe) == S_OK, "the largest marks\n");
    ok(save_marks(incoming, VARIANT_FALSE, 50, 40) == S_OK, "the default marks\n");
    IFaxIncomingArchive_Release(incoming);
    IFaxIncomingArchive_Release(outgoing);
}

/* ---- the size quota ---- */

static void test_quota(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxIncomingArchive *archive = get_archive(server, TRUE);
    WCHAR folder[MAX_PATH];
    int warnings = quota_warnings(), count;
    IFaxIncomingMessage *message = NULL;
    BSTR id;

    if (!archive) return;
    root_path(folder, L"archive\\in");
    ok(!warnings, "%d quota warnings before any was asked for\n", warnings);
    CHECK_SIZE(archive, image_bytes(folder));
    ok(image_bytes(folder) == SEEDED * IMAGE_SIZE, "%I64u bytes of images\n", image_bytes(folder));
    /* Warnings are shown from GeneralEventsLevel fllMED. */
    ok(!config_set_number(link, FXS_CONFIG_EVENTLOGS, "general_level", fllMED), "general level\n");

    /* Over the high mark, but warnings off: nothing. */
    ok(save_marks(archive, VARIANT_FALSE, 1, 1) == S_OK, "Save\n");
    ok(quota_warnings() == 0, "a warning while they are off\n");
    /* 2.34 MB over 2 MB: one warning, and not again while the size stays up. */
    ok(save_marks(archive, VARIANT_TRUE, 2, 2) == S_OK, "Save\n");
    ok(quota_warnings() == 1, "%d warnings past the high mark, expected 1\n", quota_warnings());
    ok(save_marks(archive, VARIANT_TRUE, 2, 1) == S_OK, "Save\n");
    ok(quota_warnings() == 1, "%d warnings, expected still 1\n", quota_warnings());
    ok(save_marks(archive, VARIANT_TRUE, 2, 2) == S_OK, "Save\n");
    /* Below the low mark (1.95 MB) after a Delete: no warning, but the next one may come. */
    id = SysAllocString(L"0000000000000105");
    ok(IFaxIncomingArchive_GetMessage(archive, id, &message) == S_OK, "GetMessage\n");
    if (message) ok(IFaxIncomingMessage_Delete(message) == S_OK, "Delete\n");
    if (message) IFaxIncomingMessage_Release(message);
    SysFreeString(id);
    CHECK_SIZE(archive, (SEEDED - 1) * IMAGE_SIZE);
    ok(quota_warnings() == 1, "%d warnings, expected still 1\n", quota_warnings());
    ok(save_marks(archive, VARIANT_TRUE, 1, 1) == S_OK, "Save\n");
    ok(quota_warnings() == 2, "%d warnings once the size passed the high mark again, expected 2\n", quota_warnings());
    ok(save_marks(archive, VARIANT_TRUE, 1, 0) == S_OK, "Save\n");
    count = log_entries(EVENT_ID_ARCHIVE_QUOTA, EVENTLOG_WARNING_TYPE, TRUE);
    ok(count == 2, "%d warnings, expected still 2\n", count);
    ok(save_marks(archive, VARIANT_FALSE, 50, 40) == S_OK, "Save\n");
    IFaxIncomingArchive_Release(archive);
}

/* ---- UseArchive off ---- */

static void test_use_archive_off(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxIncomingArchive *incoming = get_archive(server, TRUE), *outgoing = get_archive(server, FALSE);
    struct event_log log = { 0 };
    WCHAR queue_out[MAX_PATH], queue_in[MAX_PATH];
    ULONGLONG out_id = 0;
    LONG in_before, out_before;
    int added;

    if (!incoming || !outgoing) return;
    root_path(queue_out, L"queue\\out");
    root_path(queue_in, L"queue\\in");
    in_before = messages_listed(incoming);
    out_before = messages_listed(outgoing);
    ok(IFaxIncomingArchive_put_UseArchive(incoming, VARIANT_FALSE) == S_OK && IFaxIncomingArchive_Save(incoming) == S_OK,
       "incoming UseArchive off\n");
    ok(IFaxIncomingArchive_put_UseArchive(outgoing, VARIANT_FALSE) == S_OK && IFaxIncomingArchive_Save(outgoing) == S_OK,
       "outgoing UseArchive off\n");

    ok(submit_fax(link, L"1002", 1, &out_id) == ERROR_SUCCESS, "submitting\n");
    ok(wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, out_id), "the sent job was not removed\n");
    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0), "nothing was received\n");
    added = find_event(&log, 0, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0);
    ok(added >= 0 && wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, log.events[added].job_id),
       "the received job was not removed\n");
    ok(last_status(&log, FXS_EVENT_OUT_QUEUE, out_id) &&
       (last_status(&log, FXS_EVENT_OUT_QUEUE, out_id)->job.status & fjsCOMPLETED), "the fax was not sent\n");
    ok(!log_has(&log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "a sent message was archived\n");
    ok(!log_has(&log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "a received message was archived\n");
    ok(messages_listed(incoming) == in_before && messages_listed(outgoing) == out_before, "the archives changed\n");
    ok(!files_in(queue_out) && !files_in(queue_in), "%lu and %lu files left in the queues\n", files_in(queue_out),
       files_in(queue_in));

    ok(IFaxIncomingArchive_put_UseArchive(incoming, VARIANT_TRUE) == S_OK && IFaxIncomingArchive_Save(incoming) == S_OK,
       "incoming UseArchive on\n");
    ok(IFaxIncomingArchive_put_UseArchive(outgoing, VARIANT_TRUE) == S_OK && IFaxIncomingArchive_Save(outgoing) == S_OK,
       "outgoing UseArchive on\n");
    log_free(&log);
    IFaxIncomingArchive_Release(incoming);
    IFaxIncomingArchive_Release(outgoing);
}

/* ---- a new ArchiveFolder ---- */

static ULONGLONG kept_id, moved_id;     /* a message in the data root's folder, one in the new folder */
static ULONGLONG sent_id;               /* a message of the data root's outgoing archive */

/* Between the runs: a file where the outgoing archive's folder was, which cannot be used. */
static void break_outgoing_folder(void)
{
    WCHAR folder[MAX_PATH];

    temp_name(folder, L"outbox");
    ok(RemoveDirectoryW(folder), "%s is not there, or not empty\n", wine_dbgstr_w(folder));
    ok(write_file(folder, "x", 1), "writing a file at %s\n", wine_dbgstr_w(folder));
}

/* The error the service reported for it at start, in its event-log copy. */
static int folder_errors(void)
{
    return log_entries(EVENT_ID_ARCHIVE_FOLDER, EVENTLOG_ERROR_TYPE, TRUE);
}

static void test_folder_change(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxIncomingArchive *archive = get_archive(server, TRUE), *outgoing = get_archive(server, FALSE);
    WCHAR folder[MAX_PATH], root_folder[MAX_PATH];
    ULONGLONG out_id = 0, out_later = 0;
    LONG before;

    if (!archive || !outgoing) return;
    temp_name(folder, L"inbox");
    root_path(root_folder, L"archive\\in");
    send_fax(link, &out_id, &kept_id);
    before = messages_listed(archive);
    ok(archive_has(archive, kept_id), "the received fax is not listed\n");

    /* A folder not there yet: made, used, and the old messages stay where they were. */
    ok(GetFileAttributesW(folder) == INVALID_FILE_ATTRIBUTES, "%s is there already\n", wine_dbgstr_w(folder));
    ok(save_folder(archive, folder) == S_OK, "Save of %s\n", wine_dbgstr_w(folder));
    ok(is_folder(folder), "the folder was not made\n");
    ok(messages_listed(archive) == 0, "%ld messages listed in the new folder\n", messages_listed(archive));
    CHECK_SIZE(archive, 0);
    ok(!archive_has(archive, kept_id), "a message of the old folder is listed\n");
    ok(message_files_there(root_folder, kept_id), "a message of the old folder was moved or deleted\n");

    send_fax(link, &out_later, &moved_id);
    ok(message_files_there(folder, moved_id), "the new message is not in the new folder\n");
    ok(!message_files_there(root_folder, moved_id), "the new message is in the old folder\n");
    ok(archive_has(archive, moved_id) && messages_listed(archive) == 1, "the new message is not listed\n");
    CHECK_SIZE(archive, image_bytes(folder));
    ok(archive_has(outgoing, out_id) && archive_has(outgoing, out_later), "the outgoing archive changed\n");

    /* The old folder again: its messages are listed again. */
    ok(save_folder(archive, L"") == S_OK, "Save of \"\"\n");
    ok(archive_has(archive, kept_id) && !archive_has(archive, moved_id), "the old folder's messages are not listed\n");
    ok(messages_listed(archive) == before, "%ld messages listed, expected %ld\n", messages_listed(archive), before);
    CHECK_SIZE(archive, image_bytes(root_folder));
    ok(save_folder(archive, folder) == S_OK, "Save of %s again\n", wine_dbgstr_w(folder));
    /* The outgoing archive in a folder that will be gone at the next start (see START_TEST). */
    temp_name(folder, L"outbox");
    ok(save_folder(outgoing, folder) == S_OK, "Save of %s\n", wine_dbgstr_w(folder));
    sent_id = out_id;
    IFaxIncomingArchive_Release(archive);
    IFaxIncomingArchive_Release(outgoing);
}

static void test_folder_after_restart(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxIncomingArchive *archive = get_archive(server, TRUE);
    WCHAR folder[MAX_PATH];
    int count;

    if (!archive) return;
    temp_name(folder, L"inbox");
    CHECK_FOLDER(archive, folder);
    ok(archive_has(archive, moved_id) && !archive_has(archive, kept_id), "after a restart the wrong folder is listed\n");
    CHECK_SIZE(archive, image_bytes(folder));
    ok(save_folder(archive, L"") == S_OK, "Save of \"\"\n");
    IFaxIncomingArchive_Release(archive);

    /* The outgoing archive's folder is a file now: reported, and the data root's folder used
     * meanwhile; the setting stays until it is changed. */
    if (!(archive = get_archive(server, FALSE))) return;
    temp_name(folder, L"outbox");
    count = folder_errors();
    ok(count == 1, "%d errors for the outgoing archive's folder, expected 1\n", count);
    CHECK_FOLDER(archive, folder);
    ok(archive_has(archive, sent_id), "the data root's outgoing archive is not listed\n");
    ok(save_folder(archive, folder) == HRESULT_FROM_WIN32(ERROR_DIRECTORY), "Save of the file's name\n");
    ok(save_folder(archive, L"") == S_OK, "Save of \"\"\n");
    ok(DeleteFileW(folder), "the file is gone\n");
    IFaxIncomingArchive_Release(archive);
}

/* ---- AgeLimit ---- */

static void test_age_limit(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxIncomingArchive *archive = get_archive(server, TRUE);
    struct listener listener = { 0 };
    struct event_log log = { 0 };
    WCHAR folder[MAX_PATH], old_text[17], fax_text[17];
    ULONGLONG out_id = 0, fax_id = 0;
    double saved, removed;
    int count, attempt;

    if (!archive) return;
    /* A folder another service left: one message archived ten years ago. */
    temp_name(folder, L"aged");
    CreateDirectoryW(folder, NULL);
    write_message(folder, FOREIGN_ID, system_now() - 3650 * SVC_TIME_DAY, 1000);
    if (!listener_start(&listener, DISPID_INCOMING_MESSAGE_REMOVED, 2))
    {
        ok(0, "the listening process did not start\n");
        IFaxIncomingArchive_Release(archive);
        return;
    }
    ok(save_folder(archive, folder) == S_OK, "Save of %s\n", wine_dbgstr_w(folder));
    ok(archive_has(archive, FOREIGN_ID), "the folder's message is not listed\n");
    send_fax(link, &out_id, &fax_id);
    ok(fax_id > FOREIGN_ID, "the new message %I64X took an id up to the folder's %X\n", fax_id, FOREIGN_ID);

    /* One day: the old message goes at once, the fresh fax once the clock made it a day old. */
    ok(IFaxIncomingArchive_put_AgeLimit(archive, 1) == S_OK && IFaxIncomingArchive_Save(archive) == S_OK, "AgeLimit 1\n");
    saved = now_ms();
    ok(wait_for(link, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_REMOVED, FOREIGN_ID), "the old message stayed\n");
    ok(archive_has(archive, fax_id), "the fresh fax was deleted at once\n");
    for (attempt = 0; attempt < 3 && !log_has(&log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_REMOVED, fax_id); attempt++)
        wait_for(link, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_REMOVED, fax_id);
    ok(log_has(&log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_REMOVED, fax_id), "the fax was not deleted\n");
    removed = now_ms();
    trace("the fax was deleted %.1f s after AgeLimit was saved (one day of service time is %.1f s)\n",
          (removed - saved) / 1000, 86400.0 / CLOCK_SPEED);
    ok(!archive_has(archive, fax_id) && !archive_has(archive, FOREIGN_ID), "a deleted message is listed\n");
    ok(!message_files_there(folder, fax_id) && !message_files_there(folder, FOREIGN_ID) && !files_in(folder),
       "%lu files left in the folder\n", files_in(folder));
    listener_finish(&listener);

    swprintf(old_text, ARRAY_SIZE(old_text), L"%016I64X", (ULONGLONG)FOREIGN_ID);
    swprintf(fax_text, ARRAY_SIZE(fax_text), L"%016I64X", fax_id);
    count = listener_count(&listener, DISPID_INCOMING_MESSAGE_REMOVED, old_text);
    ok(count == 1, "%d OnIncomingMessageRemoved(\"%s\") in the other process, expected 1\n", count,
       wine_dbgstr_w(old_text));
    count = listener_count(&listener, DISPID_INCOMING_MESSAGE_REMOVED, fax_text);
    ok(count == 1, "%d OnIncomingMessageRemoved(\"%s\"), expected 1\n", count, wine_dbgstr_w(fax_text));
    count = listener_count(&listener, DISPID_INCOMING_ARCHIVE_CONFIG_CHANGE, NULL);
    ok(count == 2, "%d OnIncomingArchiveConfigChange, expected 2\n", count);
    DeleteFileA(listener.file);

    ok(IFaxIncomingArchive_put_AgeLimit(archive, 0) == S_OK && save_folder(archive, L"") == S_OK, "back\n");
    RemoveDirectoryW(folder);
    log_free(&log);
    IFaxIncomingArchive_Release(archive);
}

/* ---- the frame ---- */

static void with_server(void (*tests)(IFaxServer2 *server, struct fxs_link *link))
{
    IFaxServer2 *server = connected_server();
    struct fxs_link *link;

    if (!server) return;
    if ((link = start_listening()))
    {
        tests(server, link);
        fxs_link_close(link);
    }
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
}

static void test_first_run(IFaxServer2 *server, struct fxs_link *link)
{
    test_bad_folders(server, link);
    test_quota(server, link);
    test_use_archive_off(server, link);
    test_folder_change(server, link);
}

static void test_second_run(IFaxServer2 *server, struct fxs_link *link)
{
    test_folder_after_restart(server, link);
    test_age_limit(server, link);
}

/* The incoming archive before the service first starts: SEEDED fresh messages of IMAGE_SIZE bytes. */
static void seed_incoming_archive(void)
{
    WCHAR folder[MAX_PATH];
    unsigned int i;

    CreateDirectoryW(data_root, NULL);
    root_path(folder, L"archive");
    CreateDirectoryW(folder, NULL);
    root_path(folder, L"archive\\in");
    CreateDirectoryW(folder, NULL);
    for (i = 0; i < SEEDED; i++) write_message(folder, FIRST_SEEDED + i, system_now(), IMAGE_SIZE);
}

START_TEST(archive_policy)
{
    WCHAR folder[MAX_PATH];

    if (listener_run_if_asked()) return;
    GetTempPathW(ARRAY_SIZE(temp_folder), temp_folder);
    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-archive-policy", data_root);
    temp_name(log_copy, L"event-log.txt");
    DeleteFileW(log_copy);
    service_environment(FXSSVC_ENV_TEST_HOOKS, L"1");
    service_environment(FXSSVC_ENV_EVENT_LOG_COPY, log_copy);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, CLOCK_SPEED_TEXT);
    seed_incoming_archive();
    CoInitializeEx(NULL, COINIT_MULTITHREADED);

    with_server(test_first_run);
    ok(stop_service(), "the service did not stop\n");
    break_outgoing_folder();
    with_server(test_second_run);

    ok(dll_can_unload() == S_OK, "an object of fxscomex.dll is still alive\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    temp_name(folder, L"inbox");
    remove_folder(folder);
    remove_folder(data_root);
    DeleteFileW(log_copy);
}
