/*
 * The job methods of the faxsvc RPC interface (fxs_submit, fxs_list_jobs, fxs_get_job,
 * fxs_control_job, fxs_get_image, fxs_list_messages, fxs_delete_message, fxs_set_message,
 * fxs_answer_call, fxs_get_activity) against a real fxssvc.exe: bad input of every kind gives an
 * error code and changes nothing; limits hold at their edge and one beyond; every field of a job
 * or message round-trips; an archive is walked page by page. Run against the service of this
 * test's bitness and against the other one (a 32-bit client with a 64-bit service, and the
 * reverse).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include "service_jobs.h"

#define CLOCK_SPEED L"100"   /* a fax in 0.2 s; a ring lasts 60 ms, long enough to answer it */
#define PAGED_FAXES 25
#define PAGE_SIZE 7

static WCHAR user_name[257];

/* ---- documents ---- */

static const WCHAR * const sender_values[16] =
{
    L"B-42", L"K\u00f6ln", L"ACME \u4e2d\u6587", L"Deutschland", L"Accounts", L"ann@example.com", L"+49 221 555",
    L"+49 221 556", L"Ann \U0001F600 Example", L"ANN TSID", L"+49 221 557", L"Room 5", L"NRW", L"Main St. 1",
    L"Dr.", L"50667",
};

/* A document with every string and number set to something recognisable. */
static void full_document(fxs_document *doc)
{
    WCHAR **sender = (WCHAR **)&doc->sender;
    int i;

    memset(doc, 0, sizeof(*doc));
    doc->priority = fptHIGH;
    doc->receipt_type = frtMSGBOX;
    doc->cover_page_type = fcptLOCAL;
    doc->group_broadcast_receipts = 1;
    doc->attach_fax_to_receipt = 1;
    doc->subject = (WCHAR *)L"Subject \u00e9\u4e2d\U0001F4E0";
    doc->document_name = (WCHAR *)L"Q3 report.pdf";
    doc->note = (WCHAR *)L"Please\r\nsign.";
    doc->cover_page = (WCHAR *)L"generic.cov";
    doc->receipt_address = (WCHAR *)L"receipts@example.com";
    for (i = 0; i < 16; i++) sender[i] = (WCHAR *)sender_values[i];
}

static BOOL same_string(const WCHAR *a, const WCHAR *b)
{
    return !wcscmp(a ? a : L"", b ? b : L"");
}

#define SAME(f) if (a->f != b->f) return #f
#define SAME_STRING(f) if (!same_string(a->f, b->f)) return #f

/* The first field of the document part that differs, or NULL. */
static const char *document_difference(const fxs_document *a, const fxs_document *b)
{
    static const char * const sender_names[16] =
    {
        "billing_code", "city", "company", "country", "department", "email", "fax_number", "home_phone", "name",
        "tsid", "office_phone", "office_location", "state", "street_address", "title", "zip_code",
    };
    WCHAR * const *sa = (WCHAR * const *)&a->sender, * const *sb = (WCHAR * const *)&b->sender;
    int i;

    SAME(priority); SAME(receipt_type); SAME(schedule_type); SAME(cover_page_type);
    SAME(group_broadcast_receipts); SAME(attach_fax_to_receipt);
    SAME_STRING(subject); SAME_STRING(document_name); SAME_STRING(note); SAME_STRING(cover_page);
    SAME_STRING(receipt_address);
    for (i = 0; i < 16; i++)
        if (!same_string(sa[i], sb[i])) return sender_names[i];
    if (fabs(a->schedule_time - b->schedule_time) > 1.5 / 86400) return "schedule_time";
    return NULL;
}

/* The first field of two job records that differs, or NULL: every field of fxs_job_info. */
static const char *info_difference(const fxs_job_info *a, const fxs_job_info *b)
{
    const char *difference;

    SAME(id); SAME(folder); SAME(has_cover_page); SAME(read);
    SAME(submission_time); SAME(original_scheduled_time);
    SAME_STRING(submission_id); SAME_STRING(owner); SAME_STRING(recipient_number); SAME_STRING(recipient_name);
    SAME_STRING(device_name);
    SAME(status.scheduled_time); SAME(status.transmission_start); SAME(status.transmission_end);
    SAME(status.times_set); SAME(status.status); SAME(status.extended_status_code); SAME(status.pages);
    SAME(status.size); SAME(status.current_page); SAME(status.device_id); SAME(status.available_operations);
    SAME(status.retries); SAME(status.job_type); SAME(status.reserved);
    SAME_STRING(status.extended_status); SAME_STRING(status.csid); SAME_STRING(status.tsid);
    SAME_STRING(status.caller_id); SAME_STRING(status.routing_information);
    if ((difference = document_difference(&a->document, &b->document))) return difference;
    if (a->document.schedule_time != b->document.schedule_time) return "document.schedule_time";
    return NULL;
}

#undef SAME
#undef SAME_STRING

/* Submits a document with one body of pages pages; the status of fxs_submit. */
static DWORD submit_with(fxs_session_handle session, const fxs_document *doc, const WCHAR *number,
                         const WCHAR *name, unsigned int pages, ULONGLONG *id)
{
    fxs_recipient recipient = { (WCHAR *)number, (WCHAR *)name };
    tiff_buffer body = make_body(pages);
    fxs_body bodies[1] = { { (ULONG)body.size, body.data } };
    LONG error_body;
    DWORD status = fxs_rpc_submit(session, doc, 1, &recipient, 1, bodies, &error_body, id);

    tiff_buffer_free(&body);
    return status;
}

static DWORD queued_count(fxs_session_handle session)
{
    fxs_job_info *jobs = NULL;
    DWORD count = 0;

    ok(!fxs_rpc_list_jobs(session, FXS_FOLDER_OUTGOING_QUEUE, &count, &jobs), "list_jobs failed\n");
    fxs_job_infos_free(jobs, count);
    return count;
}

static void cancel(fxs_session_handle session, ULONGLONG id)
{
    DWORD error = fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
    ok(!error, "cancel %I64X: %lu\n", id, error);
}

/* ---- handles ---- */

/* Every job method with a handle that is no live session: NULL (the client's stub refuses it),
 * a session closed before (its handle is NULL then), and a channel handle (the service refuses it). */
static void test_handles(struct fxs_link *link)
{
    fxs_client_info client = { GetCurrentProcessId(), 0, user_name, NULL, (WCHAR *)L"handles" };
    fxs_session_handle session = NULL, handles[3];
    fxs_channel_handle channel = NULL;
    RPC_BINDING_HANDLE binding;
    fxs_server_info server;
    fxs_document doc = { 0 };
    fxs_recipient recipient = { (WCHAR *)L"1002", NULL };
    fxs_job_info info, *infos;
    fxs_activity activity;
    ULONGLONG id;
    LONG error_body;
    DWORD expected[3] = { RPC_X_SS_IN_NULL_CONTEXT, RPC_X_SS_IN_NULL_CONTEXT, ERROR_INVALID_HANDLE };
    DWORD status, count, size, i;
    BYTE *data;

    fxs_bind(&binding);
    ok(!fxs_rpc_open_session(binding, &client, &server, &session), "open failed\n");
    ok(!fxs_rpc_open_channel(session, &channel), "open_channel failed\n");
    handles[0] = NULL;
    handles[2] = channel;
    ok(!fxs_rpc_close_session(&session) && !session, "close failed\n");
    handles[1] = session;

    for (i = 0; i < 3; i++)
    {
        static const char * const kinds[3] = { "NULL", "closed", "channel" };
        winetest_push_context("%s handle", kinds[i]);
        status = fxs_rpc_submit(handles[i], &doc, 1, &recipient, 0, NULL, &error_body, &id);
        ok(status == expected[i], "submit: %lu\n", status);
        status = fxs_rpc_list_jobs(handles[i], FXS_FOLDER_OUTGOING_QUEUE, &count, &infos);
        ok(status == expected[i], "list_jobs: %lu\n", status);
        status = fxs_rpc_get_job(handles[i], FXS_FOLDER_OUTGOING_QUEUE, 1, &info);
        ok(status == expected[i], "get_job: %lu\n", status);
        status = fxs_rpc_control_job(handles[i], FXS_FOLDER_OUTGOING_QUEUE, 1, FXS_JOB_CANCEL);
        ok(status == expected[i], "control_job: %lu\n", status);
        status = fxs_rpc_get_image(handles[i], FXS_FOLDER_OUTGOING_QUEUE, 1, &size, &data);
        ok(status == expected[i], "get_image: %lu\n", status);
        status = fxs_rpc_list_messages(handles[i], FXS_FOLDER_OUTGOING_ARCHIVE, 0, 10, &count, &infos);
        ok(status == expected[i], "list_messages: %lu\n", status);
        status = fxs_rpc_delete_message(handles[i], FXS_FOLDER_OUTGOING_ARCHIVE, 1);
        ok(status == expected[i], "delete_message: %lu\n", status);
        status = fxs_rpc_answer_call(handles[i], 1);
        ok(status == expected[i], "answer_call: %lu\n", status);
        status = fxs_rpc_get_activity(handles[i], &activity);
        ok(status == expected[i], "get_activity: %lu\n", status);
        winetest_pop_context();
    }
    fxs_rpc_close_channel(&channel);
    RpcBindingFree(&binding);
}

/* ---- folders, operations, ids, counts ---- */

static void test_bad_arguments(fxs_session_handle session)
{
    static const ULONGLONG ids[] = { 0, ~0ull };
    static const ULONG folders[] = { 4, 99, ~0u };
    static const ULONG operations[] = { 0, 5, ~0u };
    fxs_job_info info, *infos;
    DWORD status, count, size, i, j;
    BYTE *data;

    for (i = 0; i < ARRAY_SIZE(folders); i++)
    {
        winetest_push_context("folder %lu", folders[i]);
        ok(fxs_rpc_get_job(session, folders[i], 1, &info) == ERROR_INVALID_PARAMETER, "get_job\n");
        ok(fxs_rpc_list_jobs(session, folders[i], &count, &infos) == ERROR_INVALID_PARAMETER, "list_jobs\n");
        ok(fxs_rpc_control_job(session, folders[i], 1, FXS_JOB_CANCEL) == ERROR_INVALID_PARAMETER, "control_job\n");
        ok(fxs_rpc_get_image(session, folders[i], 1, &size, &data) == ERROR_INVALID_PARAMETER, "get_image\n");
        ok(fxs_rpc_list_messages(session, folders[i], 0, 10, &count, &infos) == ERROR_INVALID_PARAMETER,
           "list_messages\n");
        ok(fxs_rpc_delete_message(session, folders[i], 1) == ERROR_INVALID_PARAMETER, "delete_message\n");
        winetest_pop_context();
    }
    /* Each method's folders are its own: queues for jobs, archives for messages. */
    for (i = FXS_FOLDER_OUTGOING_ARCHIVE; i <= FXS_FOLDER_INCOMING_ARCHIVE; i++)
    {
        status = fxs_rpc_list_jobs(session, i, &count, &infos);
        ok(status == ERROR_INVALID_PARAMETER, "list_jobs of archive %lu: %lu\n", i, status);
        status = fxs_rpc_control_job(session, i, 1, FXS_JOB_CANCEL);
        ok(status == ERROR_INVALID_PARAMETER, "control_job in archive %lu: %lu\n", i, status);
    }
    for (i = FXS_FOLDER_OUTGOING_QUEUE; i <= FXS_FOLDER_INCOMING_QUEUE; i++)
    {
        status = fxs_rpc_list_messages(session, i, 0, 10, &count, &infos);
        ok(status == ERROR_INVALID_PARAMETER, "list_messages of queue %lu: %lu\n", i, status);
        status = fxs_rpc_delete_message(session, i, 1);
        ok(status == ERROR_INVALID_PARAMETER, "delete_message in queue %lu: %lu\n", i, status);
    }
    for (i = 0; i < ARRAY_SIZE(operations); i++)
    {
        status = fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, 1, operations[i]);
        ok(status == ERROR_INVALID_PARAMETER, "operation %lu: %lu\n", operations[i], status);
    }

    for (i = 0; i < ARRAY_SIZE(ids); i++)
    {
        winetest_push_context("id %I64X", ids[i]);
        for (j = FXS_FOLDER_OUTGOING_QUEUE; j <= FXS_FOLDER_INCOMING_ARCHIVE; j++)
        {
            status = fxs_rpc_get_job(session, j, ids[i], &info);
            ok(status == ERROR_NOT_FOUND, "get_job in folder %lu: %lu\n", j, status);
            status = fxs_rpc_get_image(session, j, ids[i], &size, &data);
            ok(status == ERROR_NOT_FOUND && !size && !data, "get_image in folder %lu: %lu\n", j, status);
        }
        for (j = FXS_JOB_PAUSE; j <= FXS_JOB_CANCEL; j++)
        {
            status = fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, ids[i], j);
            ok(status == ERROR_NOT_FOUND, "operation %lu: %lu\n", j, status);
        }
        status = fxs_rpc_control_job(session, FXS_FOLDER_INCOMING_QUEUE, ids[i], FXS_JOB_CANCEL);
        ok(status == ERROR_NOT_FOUND, "cancel an incoming job: %lu\n", status);
        status = fxs_rpc_delete_message(session, FXS_FOLDER_OUTGOING_ARCHIVE, ids[i]);
        ok(status == ERROR_NOT_FOUND, "delete_message: %lu\n", status);
        status = fxs_rpc_delete_message(session, FXS_FOLDER_INCOMING_ARCHIVE, ids[i]);
        ok(status == ERROR_NOT_FOUND, "delete an incoming message: %lu\n", status);
        winetest_pop_context();
    }

    /* max_count 0 is refused; any larger count is clamped to FXS_MAX_LIST. */
    status = fxs_rpc_list_messages(session, FXS_FOLDER_OUTGOING_ARCHIVE, 0, 0, &count, &infos);
    ok(status == ERROR_INVALID_PARAMETER && !count && !infos, "max_count 0: %lu\n", status);
    status = fxs_rpc_list_messages(session, FXS_FOLDER_OUTGOING_ARCHIVE, 0, ~0u, &count, &infos);
    ok(!status && count <= FXS_MAX_LIST, "max_count ~0: %lu, %lu messages\n", status, count);
    fxs_job_infos_free(infos, count);
    status = fxs_rpc_list_messages(session, FXS_FOLDER_OUTGOING_ARCHIVE, ~0ull, ~0u, &count, &infos);
    ok(!status && !count && !infos, "after the last id: %lu, %lu messages\n", status, count);

    status = fxs_rpc_answer_call(session, 0);
    ok(status == ERROR_NOT_FOUND, "answer on device 0: %lu\n", status);
    status = fxs_rpc_answer_call(session, ~0u);
    ok(status == ERROR_NOT_FOUND, "answer on device ~0: %lu\n", status);
    status = fxs_rpc_answer_call(session, 1);
    ok(status == ERROR_INVALID_OPERATION, "answer a device that does not ring: %lu\n", status);
}

/* ---- submissions ---- */

/* A string of length characters, all c. */
static WCHAR *long_string(size_t length, WCHAR c)
{
    WCHAR *text = malloc((length + 1) * sizeof(WCHAR));
    wmemset(text, c, length);
    text[length] = 0;
    return text;
}

/* Strings of FXS_MAX_STRING characters are taken and come back whole; one more is refused. */
static void test_string_limits(fxs_session_handle session)
{
    static const char * const names[] = { "subject", "document_name", "note", "cover_page", "receipt_address" };
    fxs_document doc = { 0 };
    WCHAR **strings[5 + 16], *longest[5 + 16 + 2], *beyond, **sender = (WCHAR **)&doc.sender;
    fxs_recipient recipient;
    tiff_buffer body = make_body(1);
    fxs_body bodies[1] = { { (ULONG)body.size, body.data } };
    fxs_job_info info;
    DWORD before = queued_count(session), status, i;
    ULONGLONG id;
    LONG error_body;

    strings[0] = &doc.subject;
    strings[1] = &doc.document_name;
    strings[2] = &doc.note;
    strings[3] = &doc.cover_page;
    strings[4] = &doc.receipt_address;
    for (i = 0; i < 16; i++) strings[5 + i] = &sender[i];
    for (i = 0; i < ARRAY_SIZE(longest); i++) longest[i] = long_string(FXS_MAX_STRING, 'a' + i);
    for (i = 0; i < ARRAY_SIZE(strings); i++) *strings[i] = longest[i];
    recipient.fax_number = longest[21];
    recipient.name = longest[22];
    beyond = long_string(FXS_MAX_STRING + 1, 'z');
    schedule_far_ahead(&doc);

    status = fxs_rpc_submit(session, &doc, 1, &recipient, 1, bodies, &error_body, &id);
    ok(!status, "every string at %u characters: %lu\n", FXS_MAX_STRING, status);
    if (!status)
    {
        status = fxs_rpc_get_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, &info);
        ok(!status, "get_job: %lu\n", status);
        ok(!document_difference(&info.document, &doc), "%s differs\n", document_difference(&info.document, &doc));
        ok(same_string(info.recipient_number, longest[21]) && same_string(info.recipient_name, longest[22]),
           "the recipient differs\n");
        fxs_job_info_clear(&info);
        cancel(session, id);
    }

    for (i = 0; i < ARRAY_SIZE(strings) + 2; i++)
    {
        WCHAR **field = i < ARRAY_SIZE(strings) ? strings[i] : i == ARRAY_SIZE(strings) ? &recipient.fax_number
                                                                                         : &recipient.name;
        WCHAR *kept = *field;
        *field = beyond;
        status = fxs_rpc_submit(session, &doc, 1, &recipient, 1, bodies, &error_body, &id);
        ok(status == ERROR_INVALID_PARAMETER, "string %lu (%s) of %u characters: %lu\n", i,
           i < 5 ? names[i] : i < 21 ? "sender" : "recipient", FXS_MAX_STRING + 1, status);
        *field = kept;
    }
    ok(queued_count(session) == before, "refused submissions changed the queue\n");

    for (i = 0; i < ARRAY_SIZE(longest); i++) free(longest[i]);
    free(beyond);
    tiff_buffer_free(&body);
}

static void test_bad_submissions(fxs_session_handle session)
{
    fxs_document doc = { 0 };
    fxs_recipient *recipients = calloc(FXS_MAX_RECIPIENTS + 1, sizeof(*recipients));
    tiff_buffer body = make_body(1);
    fxs_body *bodies = calloc(FXS_MAX_BODIES + 1, sizeof(*bodies));
    ULONGLONG *ids = calloc(FXS_MAX_RECIPIENTS + 1, sizeof(*ids));
    DWORD before = queued_count(session), status, i;
    LONG error_body;
    fxs_job_info info;
    BYTE empty[1] = { 0 };

    schedule_far_ahead(&doc);
    for (i = 0; i <= FXS_MAX_RECIPIENTS; i++) recipients[i].fax_number = (WCHAR *)L"5551234";
    for (i = 0; i <= FXS_MAX_BODIES; i++)
    {
        bodies[i].size = (ULONG)body.size;
        bodies[i].data = body.data;
    }

    status = fxs_rpc_submit(session, &doc, 0, recipients, 1, bodies, &error_body, ids);
    ok(status == ERROR_INVALID_PARAMETER, "no recipient: %lu\n", status);
    status = fxs_rpc_submit(session, &doc, FXS_MAX_RECIPIENTS + 1, recipients, 1, bodies, &error_body, ids);
    ok(status == ERROR_INVALID_PARAMETER, "%u recipients: %lu\n", FXS_MAX_RECIPIENTS + 1, status);
    status = fxs_rpc_submit(session, &doc, 1, NULL, 1, bodies, &error_body, ids);
    ok(status == RPC_X_NULL_REF_POINTER, "NULL recipients: %lu\n", status);
    status = fxs_rpc_submit(session, NULL, 1, recipients, 1, bodies, &error_body, ids);
    ok(status == RPC_X_NULL_REF_POINTER, "NULL document: %lu\n", status);

    status = fxs_rpc_submit(session, &doc, 1, recipients, FXS_MAX_BODIES + 1, bodies, &error_body, ids);
    ok(status == ERROR_INVALID_PARAMETER, "%u bodies: %lu\n", FXS_MAX_BODIES + 1, status);
    status = fxs_rpc_submit(session, &doc, 1, recipients, 0, NULL, &error_body, ids);
    ok(status == ERROR_INVALID_PARAMETER, "no body, no cover page: %lu\n", status);

    /* A body of 0 bytes, with and without a buffer; one cut short: its index comes back. */
    bodies[1].size = 0;
    bodies[1].data = NULL;
    status = fxs_rpc_submit(session, &doc, 1, recipients, 2, bodies, &error_body, ids);
    ok(status == ERROR_INVALID_DATA && error_body == 1, "an empty body: %lu, body %ld\n", status, error_body);
    bodies[1].data = empty;
    status = fxs_rpc_submit(session, &doc, 1, recipients, 2, bodies, &error_body, ids);
    ok(status == ERROR_INVALID_DATA && error_body == 1, "a body of 0 bytes: %lu, body %ld\n", status, error_body);
    bodies[1].size = (ULONG)body.size;
    bodies[1].data = body.data;
    bodies[2].size = (ULONG)body.size / 2;
    status = fxs_rpc_submit(session, &doc, 1, recipients, 3, bodies, &error_body, ids);
    ok(status == ERROR_INVALID_DATA && error_body == 2, "a truncated TIFF: %lu, body %ld\n", status, error_body);
    bodies[2].size = 8;
    status = fxs_rpc_submit(session, &doc, 1, recipients, 3, bodies, &error_body, ids);
    ok(status == ERROR_INVALID_DATA && error_body == 2, "a TIFF header alone: %lu, body %ld\n", status, error_body);
    bodies[2].size = (ULONG)body.size;

    /* Out of range numbers. */
    doc.priority = fptHIGH + 1;
    status = fxs_rpc_submit(session, &doc, 1, recipients, 1, bodies, &error_body, ids);
    ok(status == ERROR_INVALID_PARAMETER, "priority %u: %lu\n", fptHIGH + 1, status);
    doc.priority = fptNORMAL;
    doc.schedule_type = fstDISCOUNT_PERIOD + 1;
    status = fxs_rpc_submit(session, &doc, 1, recipients, 1, bodies, &error_body, ids);
    ok(status == ERROR_INVALID_PARAMETER, "schedule type %u: %lu\n", fstDISCOUNT_PERIOD + 1, status);
    doc.schedule_type = fstSPECIFIC_TIME;
    doc.cover_page_type = fcptSERVER + 1;
    status = fxs_rpc_submit(session, &doc, 1, recipients, 1, bodies, &error_body, ids);
    ok(status == ERROR_INVALID_PARAMETER, "cover page type %u: %lu\n", fcptSERVER + 1, status);
    doc.cover_page_type = fcptNONE;
    ok(queued_count(session) == before, "refused submissions changed the queue\n");

    /* At the limits: FXS_MAX_BODIES bodies (one page each), and two recipients of one submission. */
    status = fxs_rpc_submit(session, &doc, 2, recipients, FXS_MAX_BODIES, bodies, &error_body, ids);
    ok(!status && error_body == -1, "%u bodies: %lu, body %ld\n", FXS_MAX_BODIES, status, error_body);
    if (!status)
    {
        ok(ids[0] && ids[1] && ids[0] != ids[1], "ids %I64X, %I64X\n", ids[0], ids[1]);
        status = fxs_rpc_get_job(session, FXS_FOLDER_OUTGOING_QUEUE, ids[1], &info);
        ok(!status && info.status.pages == FXS_MAX_BODIES, "%lu, %ld pages\n", status, info.status.pages);
        fxs_job_info_clear(&info);
        cancel(session, ids[0]);
        cancel(session, ids[1]);
    }

    tiff_buffer_free(&body);
    free(recipients);
    free(bodies);
    free(ids);
}

/* ---- round trips ---- */

static double local_now(void)
{
    SYSTEMTIME now;
    double date;

    GetLocalTime(&now);
    SystemTimeToVariantTime(&now, &date);
    return date;
}

/* Every field of a queued job: what was submitted, and the status a new job has. */
static void test_job_round_trip(fxs_session_handle session)
{
    fxs_document doc;
    fxs_job_info info, *jobs = NULL;
    ULONGLONG id;
    DWORD status, count = 0, size = 0, i;
    const char *difference;
    BYTE *data = NULL;
    tiff_doc tiff;

    full_document(&doc);
    schedule_far_ahead(&doc);
    status = submit_with(session, &doc, L"+1 (555) 0100", L"Bob \u00c5ngstr\u00f6m", 2, &id);
    ok(!status, "submit: %lu\n", status);
    if (status) return;

    status = fxs_rpc_get_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(!status, "get_job: %lu\n", status);
    if (status) return;
    difference = document_difference(&info.document, &doc);
    ok(!difference, "document.%s differs\n", difference);
    ok(info.id == id, "id %I64X\n", info.id);
    ok(info.folder == FXS_FOLDER_OUTGOING_QUEUE, "folder %lu\n", info.folder);
    ok(info.has_cover_page == 1, "has_cover_page %ld\n", info.has_cover_page);
    ok(info.read == 0, "read %ld\n", info.read);
    /* Service time runs fast, from the real time when the service started. */
    ok(info.submission_time > local_now() - 1.0 / (24 * 60) && info.submission_time < local_now() + 1.0,
       "submission time %f, now %f\n", info.submission_time, local_now());
    ok(fabs(info.original_scheduled_time - doc.schedule_time) < 1.5 / 86400, "original scheduled time %f, %f\n",
       info.original_scheduled_time, doc.schedule_time);
    ok(info.submission_id && wcslen(info.submission_id) == 16, "submission id %s\n", wine_dbgstr_w(info.submission_id));
    ok(same_string(info.owner, user_name), "owner %s\n", wine_dbgstr_w(info.owner));
    ok(same_string(info.recipient_number, L"+1 (555) 0100"), "recipient %s\n", wine_dbgstr_w(info.recipient_number));
    ok(same_string(info.recipient_name, L"Bob \u00c5ngstr\u00f6m"), "name %s\n", wine_dbgstr_w(info.recipient_name));
    ok(same_string(info.device_name, L""), "device name %s\n", wine_dbgstr_w(info.device_name));

    ok(info.status.times_set == FXS_TIME_SCHEDULED, "times set %#lx\n", info.status.times_set);
    ok(info.status.scheduled_time == info.original_scheduled_time, "scheduled %f\n", info.status.scheduled_time);
    ok(!info.status.transmission_start && !info.status.transmission_end, "transmission times set\n");
    ok(info.status.status == fjsPENDING, "status %#lx\n", info.status.status);
    ok(info.status.extended_status_code == fjesNONE, "extended %lu\n", info.status.extended_status_code);
    ok(info.status.pages == 3, "pages %ld (a cover page and two)\n", info.status.pages);
    ok(info.status.current_page == 0 && info.status.device_id == 0 && info.status.retries == 0,
       "page %ld, device %ld, retries %ld\n", info.status.current_page, info.status.device_id, info.status.retries);
    ok(info.status.available_operations == (fjoVIEW | fjoPAUSE | fjoDELETE | fjoRECIPIENT_INFO | fjoSENDER_INFO),
       "operations %#lx\n", info.status.available_operations);
    ok(info.status.job_type == fjtSEND && info.status.reserved == 0, "type %lu\n", info.status.job_type);
    ok(same_string(info.status.extended_status, L"") && same_string(info.status.csid, L"") &&
       same_string(info.status.caller_id, L"") && same_string(info.status.routing_information, L""),
       "status strings set\n");
    ok(same_string(info.status.tsid, L"ANN TSID"), "tsid %s\n", wine_dbgstr_w(info.status.tsid));

    /* The image is the job's size, with its pages. */
    status = fxs_rpc_get_image(session, FXS_FOLDER_OUTGOING_QUEUE, id, &size, &data);
    ok(!status && size == (DWORD)info.status.size, "image: %lu, %lu bytes, size %ld\n", status, size, info.status.size);
    if (!status && tiff_inspect(data, size, 100, &tiff) == TIFF_OK)
    {
        ok(tiff.page_count == 3, "%u pages in the image\n", tiff.page_count);
        tiff_doc_free(&tiff);
    }
    else ok(0, "the image is no TIFF\n");
    free(data);

    /* The listing gives the same record. */
    status = fxs_rpc_list_jobs(session, FXS_FOLDER_OUTGOING_QUEUE, &count, &jobs);
    ok(!status, "list_jobs: %lu\n", status);
    for (i = 0; i < count && jobs[i].id != id; i++);
    ok(i < count, "not listed\n");
    if (i < count)
    {
        difference = info_difference(&jobs[i], &info);
        ok(!difference, "the listing's %s differs\n", difference);
    }
    fxs_job_infos_free(jobs, count);

    /* Pause and resume round-trip through the status. */
    ok(!fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_PAUSE), "pause failed\n");
    fxs_job_info_clear(&info);
    ok(!fxs_rpc_get_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, &info) && info.status.status == (fjsPENDING | fjsPAUSED)
       && (info.status.available_operations & fjoRESUME), "paused: %#lx\n", info.status.status);
    status = fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_PAUSE);
    ok(status == ERROR_INVALID_OPERATION, "pausing twice: %lu\n", status);
    status = fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_RESTART);
    ok(status == ERROR_INVALID_OPERATION, "restarting a pending job: %lu\n", status);
    ok(!fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_RESUME), "resume failed\n");
    fxs_job_info_clear(&info);
    cancel(session, id);
    status = fxs_rpc_get_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(status == ERROR_NOT_FOUND, "a cancelled job: %lu\n", status);
    status = fxs_rpc_control_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
    ok(status == ERROR_NOT_FOUND, "cancelling twice: %lu\n", status);
}

/* A sent fax: the message keeps the document and gets the end of its status. */
static void test_message_round_trip(struct fxs_link *link)
{
    fxs_session_handle session = fxs_link_session(link);
    struct event_log log = { 0 };
    fxs_document doc;
    fxs_job_info queued, message;
    ULONGLONG id;
    DWORD status, queued_status;
    const char *difference;

    full_document(&doc);
    status = submit_with(session, &doc, L"5550199", L"Carol", 1, &id);
    ok(!status, "submit: %lu\n", status);
    if (status) return;
    queued_status = fxs_rpc_get_job(session, FXS_FOLDER_OUTGOING_QUEUE, id, &queued);
    ok(!queued_status || queued_status == ERROR_NOT_FOUND, "get_job: %lu\n", queued_status);
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "not archived\n");
    log_free(&log);

    status = fxs_rpc_get_job(session, FXS_FOLDER_OUTGOING_ARCHIVE, id, &message);
    ok(!status, "get_job of the message: %lu\n", status);
    if (status) return;
    doc.schedule_time = message.document.schedule_time;  /* now: the time it was submitted */
    difference = document_difference(&message.document, &doc);
    ok(!difference, "document.%s differs\n", difference);
    ok(message.id == id && message.folder == FXS_FOLDER_OUTGOING_ARCHIVE, "id %I64X, folder %lu\n", message.id,
       message.folder);
    ok(message.status.status == fjsCOMPLETED && message.status.extended_status_code == fjesCALL_COMPLETED,
       "status %#lx, %lu\n", message.status.status, message.status.extended_status_code);
    ok(message.status.times_set == (FXS_TIME_SCHEDULED | FXS_TIME_TRANSMISSION_START | FXS_TIME_TRANSMISSION_END),
       "times set %#lx\n", message.status.times_set);
    ok(message.status.transmission_start <= message.status.transmission_end, "transmission ends before its start\n");
    ok(message.status.pages == 2 && message.status.current_page == 2, "pages %ld, current %ld\n", message.status.pages,
       message.status.current_page);
    ok(same_string(message.status.csid, L"Remote Fax"), "csid %s\n", wine_dbgstr_w(message.status.csid));
    ok(same_string(message.status.tsid, L"ANN TSID"), "tsid %s\n", wine_dbgstr_w(message.status.tsid));
    ok(message.status.device_id == 1 || message.status.device_id == 2, "device %ld\n", message.status.device_id);
    ok(same_string(message.device_name, message.status.device_id == 1 ? L"Virtual Fax 1" : L"Virtual Fax 2"),
       "device name %s\n", wine_dbgstr_w(message.device_name));
    ok(same_string(message.owner, user_name) && same_string(message.recipient_name, L"Carol") &&
       same_string(message.recipient_number, L"5550199"), "owner or recipient differ\n");
    ok(message.has_cover_page == 1 && message.read == 0, "cover %ld, read %ld\n", message.has_cover_page, message.read);
    if (!queued_status)
    {
        ok(same_string(message.submission_id, queued.submission_id), "submission id %s, %s\n",
           wine_dbgstr_w(message.submission_id), wine_dbgstr_w(queued.submission_id));
        ok(message.submission_time == queued.submission_time, "submission time %f, %f\n", message.submission_time,
           queued.submission_time);
    }
    fxs_job_info_clear(&queued);
    fxs_job_info_clear(&message);
}

/* The activity counters: the jobs waiting in the queue, nothing sending or receiving. */
static void test_activity(fxs_session_handle session)
{
    fxs_document doc = { 0 };
    fxs_activity activity;
    ULONGLONG ids[3];
    DWORD status, before, i;

    before = queued_count(session);
    schedule_far_ahead(&doc);
    for (i = 0; i < 3; i++) ok(!submit_with(session, &doc, L"5551234", NULL, 1, &ids[i]), "submit failed\n");
    status = fxs_rpc_get_activity(session, &activity);
    ok(!status, "get_activity: %lu\n", status);
    ok(activity.queued_messages == (LONG)(before + 3), "queued %ld, expected %lu\n", activity.queued_messages, before + 3);
    ok(!activity.outgoing_messages && !activity.incoming_messages && !activity.routing_messages,
       "outgoing %ld, incoming %ld, routing %ld\n", activity.outgoing_messages, activity.incoming_messages,
       activity.routing_messages);
    for (i = 0; i < 3; i++) cancel(session, ids[i]);
    ok(!fxs_rpc_get_activity(session, &activity) && activity.queued_messages == (LONG)before, "queued %ld after\n",
       activity.queued_messages);
}

/* A call answered by hand before the device's own rings would: the fax comes in. */
static void test_answer(struct fxs_link *link)
{
    fxs_session_handle session = fxs_link_session(link);
    struct event_log log = { 0 };
    fxs_job_info message;
    ULONGLONG id, incoming = 0;
    DWORD status;
    int call, added;

    if (submit_fax(link, L"1002", 1, &id)) return;
    ok(wait_for(link, &log, FXS_EVENT_INCOMING_CALL, 0, 0), "device 2 did not ring\n");
    status = fxs_rpc_answer_call(session, 2);
    ok(status == ERROR_SUCCESS, "answer: %lu\n", status);
    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0), "no incoming job\n");
    status = fxs_rpc_answer_call(session, 2);
    ok(status == ERROR_INVALID_OPERATION, "answering again: %lu\n", status);
    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, 0), "nothing received\n");

    call = find_event(&log, 0, FXS_EVENT_INCOMING_CALL, 0, 0);
    added = find_event(&log, 0, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0);
    if (added >= 0) incoming = log.events[added].job_id;
    ok(call >= 0 && added > call, "call %d, job %d\n", call, added);
    status = fxs_rpc_get_job(session, FXS_FOLDER_INCOMING_ARCHIVE, incoming, &message);
    ok(!status, "the received message: %lu\n", status);
    if (!status)
    {
        ok(message.folder == FXS_FOLDER_INCOMING_ARCHIVE && message.status.job_type == fjtRECEIVE,
           "folder %lu, type %lu\n", message.folder, message.status.job_type);
        ok(message.status.pages == 1 && same_string(message.status.caller_id, L"1001") &&
           same_string(message.status.tsid, L"TEST TSID") && same_string(message.status.csid, L"Fax 2") &&
           same_string(message.device_name, L"Virtual Fax 2"), "pages %ld, caller %s, tsid %s, csid %s, device %s\n",
           message.status.pages, wine_dbgstr_w(message.status.caller_id), wine_dbgstr_w(message.status.tsid),
           wine_dbgstr_w(message.status.csid), wine_dbgstr_w(message.device_name));
        ok(same_string(message.owner, L"") && same_string(message.recipient_number, L"") &&
           same_string(message.document.subject, L""), "an incoming message with outgoing fields\n");
        fxs_job_info_clear(&message);
    }
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "the sent fax was not archived\n");
    log_free(&log);
}

/* ---- paging ---- */

/* 25 faxes archived, walked 7 at a time: every id once, in order; then deletion. */
static void test_paging(struct fxs_link *link)
{
    fxs_session_handle session = fxs_link_session(link);
    struct event_log log = { 0 };
    ULONGLONG ids[PAGED_FAXES], after = 0, last = 0;
    fxs_job_info *messages, info;
    DWORD status, count, seen[PAGED_FAXES] = { 0 }, total = 0, pages = 0, i, j, archived = 0;
    WCHAR number[32];
    BOOL ordered = TRUE;

    for (i = 0; i < PAGED_FAXES; i++)
    {
        swprintf(number, ARRAY_SIZE(number), L"555-01%02lu", i);  /* one number each: both devices send */
        ok(!submit_fax(link, number, 1, &ids[i]), "submit %lu failed\n", i);
    }
    for (i = 0; i < PAGED_FAXES; i++)
        if (wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, ids[i])) archived++;
        else break;  /* one that does not go ends the wait: the test stays bounded in time */
    ok(archived == PAGED_FAXES, "%lu of %u archived\n", archived, PAGED_FAXES);
    log_free(&log);

    do
    {
        status = fxs_rpc_list_messages(session, FXS_FOLDER_OUTGOING_ARCHIVE, after, PAGE_SIZE, &count, &messages);
        ok(!status && count <= PAGE_SIZE, "page %lu: %lu, %lu messages\n", pages, status, count);
        if (status) break;
        pages++;
        for (i = 0; i < count; i++)
        {
            if (messages[i].id <= last) ordered = FALSE;
            last = messages[i].id;
            for (j = 0; j < PAGED_FAXES; j++)
                if (ids[j] == messages[i].id) seen[j]++;
            ok(messages[i].folder == FXS_FOLDER_OUTGOING_ARCHIVE, "folder %lu\n", messages[i].folder);
        }
        total += count;
        if (count) after = messages[count - 1].id;
        fxs_job_infos_free(messages, count);
    } while (count == PAGE_SIZE && pages < 100);
    ok(ordered, "the pages are not in id order\n");
    for (i = 0; i < PAGED_FAXES; i++) ok(seen[i] == 1, "fax %lu listed %lu times\n", i, seen[i]);
    ok(pages == (total + PAGE_SIZE) / PAGE_SIZE, "%lu pages for %lu messages\n", pages, total);
    trace("the outgoing archive: %lu messages in %lu pages of %u\n", total, pages, PAGE_SIZE);

    /* Deleting one: gone from the listing, and from get_job; a second delete finds nothing. */
    status = fxs_rpc_delete_message(session, FXS_FOLDER_OUTGOING_ARCHIVE, ids[3]);
    ok(!status, "delete: %lu\n", status);
    status = fxs_rpc_delete_message(session, FXS_FOLDER_OUTGOING_ARCHIVE, ids[3]);
    ok(status == ERROR_NOT_FOUND, "deleting twice: %lu\n", status);
    status = fxs_rpc_get_job(session, FXS_FOLDER_OUTGOING_ARCHIVE, ids[3], &info);
    ok(status == ERROR_NOT_FOUND, "get_job of a deleted message: %lu\n", status);
    status = fxs_rpc_list_messages(session, FXS_FOLDER_OUTGOING_ARCHIVE, ids[2], 1, &count, &messages);
    ok(!status && count == 1 && messages[0].id == ids[4], "after the deleted message: %lu, %lu\n", status, count);
    fxs_job_infos_free(messages, count);
}

/* ---- changing a message (fxs_set_message) ---- */

/* The first message of an archive, 0 when it is empty. */
static ULONGLONG first_message(fxs_session_handle session, DWORD folder)
{
    fxs_job_info *messages = NULL;
    ULONGLONG id = 0;
    DWORD count = 0;

    if (!fxs_rpc_list_messages(session, folder, 0, 1, &count, &messages) && count) id = messages[0].id;
    fxs_job_infos_free(messages, count);
    return id;
}

/* The read flag of either archive, a reassignment of an incoming message with every field, and
 * what is refused: other folders and flags, reassigning without recipients or in the outgoing
 * archive, strings too long, an id that is no message. */
static void test_set_message(fxs_session_handle session)
{
    ULONGLONG out_id = first_message(session, FXS_FOLDER_OUTGOING_ARCHIVE);
    ULONGLONG in_id = first_message(session, FXS_FOLDER_INCOMING_ARCHIVE);
    fxs_message_update update = { FXS_MESSAGE_SET_READ, 1 };
    fxs_job_info message;
    WCHAR *long_text = long_string(FXS_MAX_STRING + 1, 'r');
    DWORD status, i;

    ok(out_id && in_id, "no messages to change: %I64X, %I64X\n", out_id, in_id);
    if (!out_id || !in_id) return;
    for (i = FXS_FOLDER_OUTGOING_QUEUE; i <= FXS_FOLDER_INCOMING_QUEUE + 3; i++)
    {
        if (i == FXS_FOLDER_OUTGOING_ARCHIVE || i == FXS_FOLDER_INCOMING_ARCHIVE) continue;
        status = fxs_rpc_set_message(session, i, out_id, &update);
        ok(status == ERROR_INVALID_PARAMETER, "set_message in folder %lu: %lu\n", i, status);
    }
    update.what = 0;
    ok(fxs_rpc_set_message(session, FXS_FOLDER_OUTGOING_ARCHIVE, out_id, &update) == ERROR_INVALID_PARAMETER,
       "nothing to change\n");
    update.what = 4;
    ok(fxs_rpc_set_message(session, FXS_FOLDER_OUTGOING_ARCHIVE, out_id, &update) == ERROR_INVALID_PARAMETER,
       "an unknown flag\n");
    update.what = FXS_MESSAGE_SET_READ;
    status = fxs_rpc_set_message(session, FXS_FOLDER_OUTGOING_ARCHIVE, 0xfffff0, &update);
    ok(status == ERROR_NOT_FOUND, "an unknown message: %lu\n", status);
    status = fxs_rpc_set_message(session, FXS_FOLDER_INCOMING_ARCHIVE, out_id, &update);
    ok(status == ERROR_NOT_FOUND, "a message of the other archive: %lu\n", status);

    /* Read, both ways, in both archives. */
    for (i = 0; i < 2; i++)
    {
        DWORD folder = i ? FXS_FOLDER_INCOMING_ARCHIVE : FXS_FOLDER_OUTGOING_ARCHIVE;
        ULONGLONG id = i ? in_id : out_id;

        update.read = 1;
        ok(!fxs_rpc_set_message(session, folder, id, &update), "set read\n");
        ok(!fxs_rpc_get_job(session, folder, id, &message) && message.read == 1, "read %ld\n", message.read);
        fxs_job_info_clear(&message);
        update.read = 0;
        ok(!fxs_rpc_set_message(session, folder, id, &update), "set unread\n");
        ok(!fxs_rpc_get_job(session, folder, id, &message) && message.read == 0, "read %ld\n", message.read);
        fxs_job_info_clear(&message);
    }

    /* Reassigning: refused, then done with every field. */
    update.what = FXS_MESSAGE_REASSIGN;
    update.recipients = (WCHAR *)L"WORKGROUP\\ann";
    status = fxs_rpc_set_message(session, FXS_FOLDER_OUTGOING_ARCHIVE, out_id, &update);
    ok(status == ERROR_INVALID_PARAMETER, "reassigning a sent fax: %lu\n", status);
    update.recipients = (WCHAR *)L"";
    status = fxs_rpc_set_message(session, FXS_FOLDER_INCOMING_ARCHIVE, in_id, &update);
    ok(status == ERROR_INVALID_PARAMETER, "reassigning to nobody: %lu\n", status);
    update.recipients = long_text;
    status = fxs_rpc_set_message(session, FXS_FOLDER_INCOMING_ARCHIVE, in_id, &update);
    ok(status == ERROR_INVALID_PARAMETER, "recipients too long: %lu\n", status);
    update.recipients = (WCHAR *)L"WORKGROUP\\ann;WORKGROUP\\bj\u00f6rn";
    update.subject = long_text;
    status = fxs_rpc_set_message(session, FXS_FOLDER_INCOMING_ARCHIVE, in_id, &update);
    ok(status == ERROR_INVALID_PARAMETER, "a subject too long: %lu\n", status);
    update.what = FXS_MESSAGE_REASSIGN | FXS_MESSAGE_SET_READ;
    update.read = 1;
    update.has_cover_page = 1;
    update.subject = (WCHAR *)L"Rechnung \u20ac 42";
    update.sender_name = (WCHAR *)L"\u4e2d\u6587 GmbH";
    update.sender_fax_number = (WCHAR *)L"+49 30 555";
    status = fxs_rpc_set_message(session, FXS_FOLDER_INCOMING_ARCHIVE, in_id, &update);
    ok(!status, "reassign: %lu\n", status);
    status = fxs_rpc_get_job(session, FXS_FOLDER_INCOMING_ARCHIVE, in_id, &message);
    ok(!status, "get_job: %lu\n", status);
    if (!status)
    {
        ok(same_string(message.recipient_name, update.recipients) && same_string(message.document.subject, update.subject) &&
           same_string(message.document.sender.name, update.sender_name) &&
           same_string(message.document.sender.fax_number, update.sender_fax_number),
           "recipients %s, subject %s, sender %s, number %s\n", wine_dbgstr_w(message.recipient_name),
           wine_dbgstr_w(message.document.subject), wine_dbgstr_w(message.document.sender.name),
           wine_dbgstr_w(message.document.sender.fax_number));
        ok(message.has_cover_page == 1 && message.read == 1, "cover %ld, read %ld\n", message.has_cover_page, message.read);
        fxs_job_info_clear(&message);
    }
    free(long_text);
}

/* ---- one service ---- */

static void test_service(BOOL other_bitness)
{
    WCHAR root[MAX_PATH], name[64];
    struct fxs_link *link;
    DWORD status, pid;

    winetest_push_context("%s service", bitness_name(other_bitness));
    ok(stop_service(), "a fax service was left running and does not stop\n");
    swprintf(name, ARRAY_SIZE(name), L"fxscomex-jobs-rpc-%hs", bitness_name(other_bitness));
    fresh_data_root(name, root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, CLOCK_SPEED);
    service_environment(FXSSVC_ENV_IDLE_MS, L"600000");
    status = open_link(service_exe(other_bitness), 0, FALSE, &link);
    ok(!status, "cannot open a session: %lu\n", status);
    if (status)
    {
        winetest_pop_context();
        return;
    }
    ok(!fxs_link_subscribe(link, FXS_EVENT_ALL) && !fxs_link_open_events(link), "cannot listen\n");
    pid = service_pid(link);

    test_handles(link);
    test_bad_arguments(fxs_link_session(link));
    test_bad_submissions(fxs_link_session(link));
    test_string_limits(fxs_link_session(link));
    test_job_round_trip(fxs_link_session(link));
    test_activity(fxs_link_session(link));
    test_paging(link);
    test_message_round_trip(link);
    test_answer(link);
    test_set_message(fxs_link_session(link));

    ok(process_alive(pid), "the service died\n");
    fxs_link_close(link);
    ok(stop_service(), "the service did not stop\n");
    remove_folder(root);
    winetest_pop_context();
}

START_TEST(service_jobs_rpc)
{
    DWORD size = ARRAY_SIZE(user_name);

    GetUserNameW(user_name, &size);
    test_service(FALSE);
    if (other_bitness_runs()) test_service(TRUE);
    else skip("programs of the other bitness do not run here: no mixed-bitness test\n");
}
