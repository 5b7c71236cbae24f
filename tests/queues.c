/*
 * FaxFolders, FaxOutgoingQueue, FaxIncomingQueue, their job collections and jobs, against the
 * real service: settings read, saved and refreshed (with the service's events), Blocked and
 * Paused that really block and pause, every job method as the service reports it, CopyTiff, and
 * the bad input of every member, through the vtables and through IDispatch.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include "fax_objects.h"

static WCHAR temp_folder[MAX_PATH];

static IFaxFolders *get_folders(IFaxServer2 *server)
{
    IFaxFolders *folders = NULL;
    HRESULT hr = IFaxServer2_get_Folders(server, &folders);

    ok(hr == S_OK, "Folders: %#lx\n", hr);
    return folders;
}

/* Folders.OutgoingQueue or Folders.IncomingQueue. */
static void *get_queue(IFaxServer2 *server, BOOL outgoing)
{
    IFaxFolders *folders = get_folders(server);
    void *queue = NULL;
    HRESULT hr;

    if (!folders) return NULL;
    if (outgoing) hr = IFaxFolders_get_OutgoingQueue(folders, (IFaxOutgoingQueue **)&queue);
    else hr = IFaxFolders_get_IncomingQueue(folders, (IFaxIncomingQueue **)&queue);
    ok(hr == S_OK, "%s: %#lx\n", outgoing ? "OutgoingQueue" : "IncomingQueue", hr);
    IFaxFolders_Release(folders);
    return queue;
}

static IFaxOutgoingQueue *get_outgoing_queue(IFaxServer2 *server)
{
    return get_queue(server, TRUE);
}

static IFaxIncomingQueue *get_incoming_queue(IFaxServer2 *server)
{
    return get_queue(server, FALSE);
}

/* A document scheduled far ahead, with fields to find again in the job. */
static DWORD submit_waiting(struct fxs_link *link, const WCHAR *number, unsigned int pages, ULONGLONG *id)
{
    fxs_document doc = { 0 };

    doc.subject = (WCHAR *)L"Queued fax";
    doc.document_name = (WCHAR *)L"Quarterly report";
    doc.priority = fptHIGH;
    doc.sender.name = (WCHAR *)L"Queue Tester";
    doc.sender.city = (WCHAR *)L"Lisbon";
    doc.sender.tsid = (WCHAR *)L"QUEUE TSID";
    schedule_far_ahead(&doc);
    return submit_document(link, &doc, number, L"Far Recipient", pages, id);
}

static void format_id(ULONGLONG id, WCHAR text[17])
{
    swprintf(text, 17, L"%016I64X", id);
}

/* ---- FaxFolders ---- */

static void test_folders(IFaxServer2 *server)
{
    IFaxFolders *folders;
    IFaxIncomingArchive *in_archive = (void *)0xdeadbeef;
    IFaxOutgoingArchive *out_archive = (void *)0xdeadbeef;
    IFaxServer2 *unconnected;
    IProvideClassInfo2 *class_info;
    ISupportErrorInfo *support;
    VARIANT result;
    GUID guid;
    HRESULT hr;

    hr = IFaxServer2_get_Folders(server, NULL);
    ok(hr == E_POINTER, "Folders(NULL): %#lx\n", hr);
    if (!(folders = get_folders(server))) return;

    /* The archives themselves: tests/archives.c */
    hr = IFaxFolders_get_IncomingArchive(folders, &in_archive);
    ok(hr == S_OK && in_archive, "IncomingArchive: %#lx\n", hr);
    if (hr == S_OK) IFaxIncomingArchive_Release(in_archive);
    hr = IFaxFolders_get_OutgoingArchive(folders, &out_archive);
    ok(hr == S_OK && out_archive, "OutgoingArchive: %#lx\n", hr);
    if (hr == S_OK) IFaxOutgoingArchive_Release(out_archive);
    ok(IFaxFolders_get_IncomingArchive(folders, NULL) == E_POINTER, "IncomingArchive(NULL)\n");
    ok(IFaxFolders_get_OutgoingArchive(folders, NULL) == E_POINTER, "OutgoingArchive(NULL)\n");
    hr = IFaxFolders_get_OutgoingQueue(folders, NULL);
    ok(hr == E_POINTER, "OutgoingQueue(NULL): %#lx\n", hr);
    hr = IFaxFolders_get_IncomingQueue(folders, NULL);
    ok(hr == E_POINTER, "IncomingQueue(NULL): %#lx\n", hr);

    hr = IFaxFolders_QueryInterface(folders, &IID_IProvideClassInfo2, (void **)&class_info);
    ok(hr == S_OK, "IProvideClassInfo2: %#lx\n", hr);
    if (hr == S_OK)
    {
        hr = IProvideClassInfo2_GetGUID(class_info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &guid);
        ok(hr == E_FAIL, "FaxFolders has no events: %#lx\n", hr);
        IProvideClassInfo2_Release(class_info);
    }
    hr = IFaxFolders_QueryInterface(folders, &IID_ISupportErrorInfo, (void **)&support);
    ok(hr == S_OK, "ISupportErrorInfo: %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_IFaxFolders) == S_OK, "no error info\n");
        ISupportErrorInfo_Release(support);
    }

    /* Late bound: Folders.OutgoingQueue.Retries, as a script writes it. */
    hr = get_by_name((IDispatch *)server, L"Folders", &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "Folders by name: %#lx, type %d\n", hr, V_VT(&result));
    if (hr == S_OK)
    {
        VARIANT queue_variant, retries;
        hr = get_by_name(V_DISPATCH(&result), L"OutgoingQueue", &queue_variant);
        ok(hr == S_OK && V_VT(&queue_variant) == VT_DISPATCH, "OutgoingQueue by name: %#lx\n", hr);
        if (hr == S_OK)
        {
            hr = get_by_name(V_DISPATCH(&queue_variant), L"Retries", &retries);
            ok(hr == S_OK && V_VT(&retries) == VT_I4 && V_I4(&retries) == 3, "Retries by name: %#lx, %ld\n", hr,
               V_I4(&retries));
            VariantClear(&queue_variant);
        }
        hr = get_by_name(V_DISPATCH(&result), L"IncomingArchive", &queue_variant);
        ok(hr == S_OK && V_VT(&queue_variant) == VT_DISPATCH, "IncomingArchive by name: %#lx\n", hr);
        VariantClear(&queue_variant);
        VariantClear(&result);
    }

    IFaxFolders_Release(folders);

    /* A server never connected has none. */
    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&unconnected);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    folders = (void *)0xdeadbeef;
    hr = IFaxServer2_get_Folders(unconnected, &folders);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) && !folders, "Folders before Connect: %#lx\n", hr);
    IFaxServer2_Release(unconnected);
}

/* ---- FaxOutgoingQueue's settings ---- */

static void check_defaults(IFaxOutgoingQueue *queue)
{
    VARIANT_BOOL flag = 7;
    LONG value = -1;
    DATE time = -1;

    ok(IFaxOutgoingQueue_get_Blocked(queue, &flag) == S_OK && flag == VARIANT_FALSE, "Blocked %d\n", flag);
    ok(IFaxOutgoingQueue_get_Paused(queue, &flag) == S_OK && flag == VARIANT_FALSE, "Paused %d\n", flag);
    ok(IFaxOutgoingQueue_get_Retries(queue, &value) == S_OK && value == 3, "Retries %ld\n", value);
    ok(IFaxOutgoingQueue_get_RetryDelay(queue, &value) == S_OK && value == 10, "RetryDelay %ld\n", value);
    ok(IFaxOutgoingQueue_get_AgeLimit(queue, &value) == S_OK && value == 0, "AgeLimit %ld\n", value);
    ok(IFaxOutgoingQueue_get_DiscountRateStart(queue, &time) == S_OK && time == 20.0 / 24, "DiscountRateStart %g\n", time);
    ok(IFaxOutgoingQueue_get_DiscountRateEnd(queue, &time) == S_OK && time == 7.0 / 24, "DiscountRateEnd %g\n", time);
    flag = 7;
    ok(IFaxOutgoingQueue_get_AllowPersonalCoverPages(queue, &flag) == S_OK && (flag == VARIANT_TRUE || !flag),
       "AllowPersonalCoverPages %d\n", flag);
    flag = 7;
    ok(IFaxOutgoingQueue_get_UseDeviceTSID(queue, &flag) == S_OK && (flag == VARIANT_TRUE || !flag), "UseDeviceTSID %d\n",
       flag);
    flag = 7;
    ok(IFaxOutgoingQueue_get_Branding(queue, &flag) == S_OK && (flag == VARIANT_TRUE || !flag), "Branding %d\n", flag);

    ok(IFaxOutgoingQueue_get_Blocked(queue, NULL) == E_POINTER, "Blocked(NULL)\n");
    ok(IFaxOutgoingQueue_get_Retries(queue, NULL) == E_POINTER, "Retries(NULL)\n");
    ok(IFaxOutgoingQueue_get_DiscountRateEnd(queue, NULL) == E_POINTER, "DiscountRateEnd(NULL)\n");
    ok(IFaxOutgoingQueue_get_Branding(queue, NULL) == E_POINTER, "Branding(NULL)\n");
}

static void test_outgoing_settings(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxOutgoingQueue *queue, *other;
    struct event_log log = { 0 };
    VARIANT_BOOL branding = VARIANT_FALSE, flag;
    VARIANT value;
    LONG number;
    DATE time;
    HRESULT hr;

    if (!(queue = get_outgoing_queue(server))) return;
    check_defaults(queue);

    /* Save, then another object sees it; only the time of day of the discount period counts. */
    IFaxOutgoingQueue_get_Branding(queue, &branding);
    ok(IFaxOutgoingQueue_put_Retries(queue, 5) == S_OK, "put_Retries\n");
    ok(IFaxOutgoingQueue_put_RetryDelay(queue, 2) == S_OK, "put_RetryDelay\n");
    ok(IFaxOutgoingQueue_put_AgeLimit(queue, 7) == S_OK, "put_AgeLimit\n");
    ok(IFaxOutgoingQueue_put_Branding(queue, branding ? VARIANT_FALSE : VARIANT_TRUE) == S_OK, "put_Branding\n");
    ok(IFaxOutgoingQueue_put_DiscountRateStart(queue, 46000.0 + 21.5 / 24) == S_OK, "put_DiscountRateStart\n");
    ok(IFaxOutgoingQueue_put_DiscountRateEnd(queue, 6.25 / 24) == S_OK, "put_DiscountRateEnd\n");
    hr = IFaxOutgoingQueue_get_DiscountRateStart(queue, &time);
    ok(hr == S_OK && time == 21.5 / 24, "the date part is dropped: %g\n", time);
    hr = IFaxOutgoingQueue_Save(queue);
    ok(hr == S_OK, "Save: %#lx\n", hr);
    ok(wait_for_config(link, &log, FXS_CONFIG_OUTBOX), "no OnOutgoingQueueConfigChange\n");
    log_free(&log);

    if ((other = get_outgoing_queue(server)))
    {
        ok(IFaxOutgoingQueue_get_Retries(other, &number) == S_OK && number == 5, "Retries saved: %ld\n", number);
        ok(IFaxOutgoingQueue_get_RetryDelay(other, &number) == S_OK && number == 2, "RetryDelay saved: %ld\n", number);
        ok(IFaxOutgoingQueue_get_AgeLimit(other, &number) == S_OK && number == 7, "AgeLimit saved: %ld\n", number);
        ok(IFaxOutgoingQueue_get_Branding(other, &flag) == S_OK && flag == (branding ? VARIANT_FALSE : VARIANT_TRUE),
           "Branding saved: %d\n", flag);
        ok(IFaxOutgoingQueue_get_DiscountRateStart(other, &time) == S_OK && time == 21.5 / 24, "start saved: %g\n", time);
        ok(IFaxOutgoingQueue_get_DiscountRateEnd(other, &time) == S_OK && time == 6.25 / 24, "end saved: %g\n", time);

        /* A snapshot: the other object sees a later Save only after Refresh. */
        IFaxOutgoingQueue_put_Retries(queue, 6);
        ok(IFaxOutgoingQueue_Save(queue) == S_OK, "Save\n");
        ok(IFaxOutgoingQueue_get_Retries(other, &number) == S_OK && number == 5, "before Refresh: %ld\n", number);
        ok(IFaxOutgoingQueue_Refresh(other) == S_OK, "Refresh\n");
        ok(IFaxOutgoingQueue_get_Retries(other, &number) == S_OK && number == 6, "after Refresh: %ld\n", number);
        /* Refresh drops what was not saved. */
        IFaxOutgoingQueue_put_Retries(other, 42);
        ok(IFaxOutgoingQueue_Refresh(other) == S_OK, "Refresh\n");
        ok(IFaxOutgoingQueue_get_Retries(other, &number) == S_OK && number == 6, "unsaved value kept: %ld\n", number);
        IFaxOutgoingQueue_Release(other);
    }

    /* Values the service refuses: nothing changes. */
    IFaxOutgoingQueue_put_Retries(queue, 100);
    hr = IFaxOutgoingQueue_Save(queue);
    ok(hr == E_INVALIDARG, "Retries 100: %#lx\n", hr);
    ok(last_error_has(L"Retries"), "the error names the ranges\n");
    IFaxOutgoingQueue_put_Retries(queue, -1);
    ok(IFaxOutgoingQueue_Save(queue) == E_INVALIDARG, "Retries -1 saved\n");
    IFaxOutgoingQueue_put_Retries(queue, 3);
    IFaxOutgoingQueue_put_RetryDelay(queue, 1000);
    ok(IFaxOutgoingQueue_Save(queue) == E_INVALIDARG, "RetryDelay 1000 saved\n");
    IFaxOutgoingQueue_put_RetryDelay(queue, 10);
    IFaxOutgoingQueue_put_AgeLimit(queue, 10000);
    ok(IFaxOutgoingQueue_Save(queue) == E_INVALIDARG, "AgeLimit 10000 saved\n");
    hr = IFaxOutgoingQueue_put_DiscountRateStart(queue, 1e300);
    ok(hr == E_INVALIDARG, "a DATE out of range: %#lx\n", hr);
    ok(IFaxOutgoingQueue_Refresh(queue) == S_OK, "Refresh\n");
    ok(IFaxOutgoingQueue_get_Retries(queue, &number) == S_OK && number == 6, "after refused saves: %ld\n", number);

    /* Through IDispatch: names, coercion, wrong types. */
    ok(dispid_of((IDispatch *)queue, L"Retries") == 5, "DISPID of Retries\n");
    ok(dispid_of((IDispatch *)queue, L"GetJob") == 14, "DISPID of GetJob\n");
    value = variant_text(L"8");
    hr = put_by_name((IDispatch *)queue, L"RetryDelay", value);
    ok(hr == S_OK, "put RetryDelay \"8\" by name: %#lx\n", hr);
    VariantClear(&value);
    check_long_by_name((IDispatch *)queue, L"Retries", 4);
    hr = get_by_name((IDispatch *)queue, L"RetryDelay", &value);
    ok(hr == S_OK && V_VT(&value) == VT_I4 && V_I4(&value) == 8, "RetryDelay by name: %#lx, %ld\n", hr, V_I4(&value));
    hr = get_by_name((IDispatch *)queue, L"DiscountRateStart", &value);
    ok(hr == S_OK && V_VT(&value) == VT_DATE && V_DATE(&value) == 21.5 / 24, "DiscountRateStart by name: %#lx\n", hr);

    /* Back to the defaults for the tests that follow. */
    IFaxOutgoingQueue_put_Retries(queue, 3);
    IFaxOutgoingQueue_put_RetryDelay(queue, 10);
    IFaxOutgoingQueue_put_AgeLimit(queue, 0);
    IFaxOutgoingQueue_put_Branding(queue, branding);
    IFaxOutgoingQueue_put_DiscountRateStart(queue, 20.0 / 24);
    IFaxOutgoingQueue_put_DiscountRateEnd(queue, 7.0 / 24);
    ok(IFaxOutgoingQueue_Save(queue) == S_OK, "Save\n");
    IFaxOutgoingQueue_Release(queue);
}

/* ---- Blocked and Paused ---- */

/* A fax body in the temporary folder; its path. */
static BSTR write_body_file(const WCHAR *name, unsigned int pages)
{
    tiff_buffer body = make_body(pages);
    WCHAR path[MAX_PATH];
    FILE *file;

    swprintf(path, ARRAY_SIZE(path), L"%ls%ls", temp_folder, name);
    if ((file = _wfopen(path, L"wb")))
    {
        ok(fwrite(body.data, 1, body.size, file) == body.size, "writing %s\n", wine_dbgstr_w(path));
        fclose(file);
    }
    tiff_buffer_free(&body);
    return SysAllocString(path);
}

static HRESULT submit_with_document(IFaxServer2 *server, const WCHAR *body)
{
    IFaxDocument *document;
    IFaxRecipients *recipients;
    IFaxRecipient *recipient;
    BSTR path = SysAllocString(body), number = SysAllocString(L"5550100");
    VARIANT ids;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument, (void **)&document);
    ok(hr == S_OK, "FaxDocument: %#lx\n", hr);
    if (hr != S_OK) return hr;
    IFaxDocument_put_Body(document, path);
    IFaxDocument_get_Recipients(document, &recipients);
    IFaxRecipients_Add(recipients, number, NULL, &recipient);
    IFaxRecipient_Release(recipient);
    IFaxRecipients_Release(recipients);
    VariantInit(&ids);
    hr = IFaxDocument_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    VariantClear(&ids);
    IFaxDocument_Release(document);
    SysFreeString(path);
    SysFreeString(number);
    return hr;
}

static BOOL wait_for_queue_state(struct fxs_link *link, struct event_log *log, LONG blocked, LONG paused, LONG in_blocked)
{
    double deadline = now_ms() + EVENT_WAIT_MS;

    for (;;)
    {
        const fxs_event *event = last_queue_state(log);
        if (event && event->outgoing_queue_blocked == blocked && event->outgoing_queue_paused == paused &&
            event->incoming_queue_blocked == in_blocked)
            return TRUE;
        if (now_ms() >= deadline || !pull_into(link, log, 1000)) return FALSE;
    }
}

static void test_blocked_and_paused(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxOutgoingQueue *queue;
    IFaxOutgoingJob *job;
    struct event_log log = { 0 };
    BSTR body = write_body_file(L"fxs-queues-body.tif", 1), id_text;
    const fxs_event *event;
    FAX_JOB_STATUS_ENUM status;
    WCHAR id[17];
    ULONGLONG job_id = 0;
    DWORD error, i;
    HRESULT hr;

    if (!(queue = get_outgoing_queue(server))) return;

    /* Blocked: the service refuses submissions, FaxDocument says so. */
    ok(IFaxOutgoingQueue_put_Blocked(queue, VARIANT_TRUE) == S_OK, "put_Blocked\n");
    ok(IFaxOutgoingQueue_Save(queue) == S_OK, "Save\n");
    ok(wait_for_queue_state(link, &log, 1, 0, 0), "no OnQueuesStatusChange for Blocked\n");
    ok(wait_for_config(link, &log, FXS_CONFIG_OUTBOX), "no OnOutgoingQueueConfigChange for Blocked\n");
    hr = submit_with_document(server, body);
    ok(hr == HRESULT_FROM_WIN32(ERROR_WRITE_PROTECT), "ConnectedSubmit into a blocked queue: %#lx\n", hr);
    error = submit_fax(link, L"5550100", 1, &job_id);
    ok(error == ERROR_WRITE_PROTECT, "a submission over RPC: %lu\n", error);
    IFaxOutgoingQueue_put_Blocked(queue, VARIANT_FALSE);
    ok(IFaxOutgoingQueue_Save(queue) == S_OK, "Save\n");
    ok(wait_for_queue_state(link, &log, 0, 0, 0), "no OnQueuesStatusChange for unblocking\n");
    log_free(&log);

    /* Paused: a job waits, PENDING, until the queue goes on. */
    ok(IFaxOutgoingQueue_put_Paused(queue, VARIANT_TRUE) == S_OK, "put_Paused\n");
    ok(IFaxOutgoingQueue_Save(queue) == S_OK, "Save\n");
    ok(wait_for_queue_state(link, &log, 0, 1, 0), "no OnQueuesStatusChange for Paused\n");
    hr = submit_with_document(server, body);
    ok(hr == S_OK, "ConnectedSubmit into a paused queue: %#lx\n", hr);
    ok(wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_ADDED, 0), "the job was not added\n");
    event = &log.events[find_event(&log, 0, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_ADDED, 0)];
    job_id = event->job_id;
    /* 1.5 s real is 15 s of service time: a queue going on would have dialled by then. */
    pull_into(link, &log, 1500);
    for (i = 0; i < log.count; i++)
        if (is_job_event(&log.events[i], FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, job_id))
            ok(log.events[i].job.status == fjsPENDING, "a job of the paused queue is %#lx\n", log.events[i].job.status);
    format_id(job_id, id);
    id_text = SysAllocString(id);
    hr = IFaxOutgoingQueue_GetJob(queue, id_text, &job);
    ok(hr == S_OK, "GetJob: %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(IFaxOutgoingJob_get_Status(job, &status) == S_OK && status == fjsPENDING, "status %#x\n", status);
        IFaxOutgoingJob_Release(job);
    }
    IFaxOutgoingQueue_put_Paused(queue, VARIANT_FALSE);
    ok(IFaxOutgoingQueue_Save(queue) == S_OK, "Save\n");
    ok(wait_for_status(link, &log, FXS_EVENT_OUT_QUEUE, job_id, fjsINPROGRESS, ~0u, 0), "the job was not sent\n");
    ok(wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, job_id), "the job did not end\n");
    log_free(&log);

    DeleteFileW(body);
    SysFreeString(body);
    SysFreeString(id_text);
    IFaxOutgoingQueue_Release(queue);
}

/* ---- outgoing jobs ---- */

static void check_job_properties(IFaxOutgoingJob2 *job, ULONGLONG id, double schedule_time)
{
    IFaxSender *sender;
    IFaxRecipient *recipient;
    FAX_JOB_STATUS_ENUM status;
    FAX_JOB_OPERATIONS_ENUM operations;
    FAX_PRIORITY_TYPE_ENUM priority;
    FAX_SCHEDULE_TYPE_ENUM schedule_type;
    FAX_RECEIPT_TYPE_ENUM receipt_type;
    VARIANT_BOOL flag;
    WCHAR expected[17];
    BSTR text = NULL;
    LONG number;
    DATE time = 0;
    HRESULT hr;

    format_id(id, expected);
    EXPECT_TEXT(IFaxOutgoingJob2_get_Id, job, expected);
    EXPECT_TEXT(IFaxOutgoingJob2_get_Subject, job, L"Queued fax");
    EXPECT_TEXT(IFaxOutgoingJob2_get_DocumentName, job, L"Quarterly report");
    text = NULL;
    hr = IFaxOutgoingJob2_get_SubmissionId(job, &text);
    ok(hr == S_OK && lstrlenW(text) == 16, "SubmissionId %s\n", wine_dbgstr_w(text));
    SysFreeString(text);
    ok(IFaxOutgoingJob2_get_Pages(job, &number) == S_OK && number == 2, "Pages %ld\n", number);
    ok(IFaxOutgoingJob2_get_Size(job, &number) == S_OK && number > 100, "Size %ld\n", number);
    ok(IFaxOutgoingJob2_get_Status(job, &status) == S_OK && status == fjsPENDING, "Status %#x\n", status);
    ok(IFaxOutgoingJob2_get_AvailableOperations(job, &operations) == S_OK &&
       (operations & (fjoPAUSE | fjoDELETE)) == (fjoPAUSE | fjoDELETE) && !(operations & fjoRESUME),
       "AvailableOperations %#x\n", operations);
    ok(IFaxOutgoingJob2_get_Priority(job, &priority) == S_OK && priority == fptHIGH, "Priority %d\n", priority);
    ok(IFaxOutgoingJob2_get_ScheduleType(job, &schedule_type) == S_OK && schedule_type == fstSPECIFIC_TIME,
       "ScheduleType %d\n", schedule_type);
    ok(IFaxOutgoingJob2_get_ReceiptType(job, &receipt_type) == S_OK && receipt_type == frtNONE, "ReceiptType %d\n",
       receipt_type);
    ok(IFaxOutgoingJob2_get_HasCoverPage(job, &flag) == S_OK && flag == VARIANT_FALSE, "HasCoverPage %d\n", flag);
    ok(IFaxOutgoingJob2_get_GroupBroadcastReceipts(job, &flag) == S_OK && flag == VARIANT_FALSE, "broadcast %d\n", flag);
    ok(IFaxOutgoingJob2_get_DeviceId(job, &number) == S_OK && number == 0, "DeviceId %ld\n", number);
    ok(IFaxOutgoingJob2_get_Retries(job, &number) == S_OK && number == 0, "Retries %ld\n", number);
    ok(IFaxOutgoingJob2_get_ScheduledTime(job, &time) == S_OK && fabs(time - schedule_time) < 1.0 / 1440,
       "ScheduledTime %f, expected %f\n", time, schedule_time);
    ok(IFaxOutgoingJob2_get_SubmissionTime(job, &time) == S_OK && time > 40000, "SubmissionTime %f\n", time);
    hr = IFaxOutgoingJob2_get_TransmissionStart(job, &time);
    ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_DATA), "TransmissionStart of a queued job: %#lx\n", hr);
    hr = IFaxOutgoingJob2_get_TransmissionEnd(job, &time);
    ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_DATA), "TransmissionEnd of a queued job: %#lx\n", hr);
    EXPECT_TEXT(IFaxOutgoingJob2_get_ReceiptAddress, job, L"");

    hr = IFaxOutgoingJob2_get_Sender(job, &sender);
    ok(hr == S_OK, "Sender: %#lx\n", hr);
    if (hr == S_OK)
    {
        EXPECT_TEXT(IFaxSender_get_Name, sender, L"Queue Tester");
        EXPECT_TEXT(IFaxSender_get_City, sender, L"Lisbon");
        EXPECT_TEXT(IFaxSender_get_TSID, sender, L"QUEUE TSID");
        EXPECT_TEXT(IFaxSender_get_ZipCode, sender, L"");
        IFaxSender_Release(sender);
    }
    hr = IFaxOutgoingJob2_get_Recipient(job, &recipient);
    ok(hr == S_OK, "Recipient: %#lx\n", hr);
    if (hr == S_OK)
    {
        EXPECT_TEXT(IFaxRecipient_get_FaxNumber, recipient, L"5550123");
        EXPECT_TEXT(IFaxRecipient_get_Name, recipient, L"Far Recipient");
        IFaxRecipient_Release(recipient);
    }

    ok(IFaxOutgoingJob2_get_Subject(job, NULL) == E_POINTER, "Subject(NULL)\n");
    ok(IFaxOutgoingJob2_get_Pages(job, NULL) == E_POINTER, "Pages(NULL)\n");
    ok(IFaxOutgoingJob2_get_Sender(job, NULL) == E_POINTER, "Sender(NULL)\n");
    ok(IFaxOutgoingJob2_get_Recipient(job, NULL) == E_POINTER, "Recipient(NULL)\n");
    ok(IFaxOutgoingJob2_get_ScheduledTime(job, NULL) == E_POINTER, "ScheduledTime(NULL)\n");
    ok(IFaxOutgoingJob2_get_TransmissionEnd(job, NULL) == E_POINTER, "TransmissionEnd(NULL)\n");
    ok(IFaxOutgoingJob2_get_HasCoverPage(job, NULL) == E_POINTER, "HasCoverPage(NULL)\n");
}

static IFaxOutgoingJob2 *get_job2(IFaxOutgoingQueue *queue, ULONGLONG id)
{
    IFaxOutgoingJob2 *job2 = NULL;
    IFaxOutgoingJob *job;
    WCHAR text[17];
    BSTR id_text;
    HRESULT hr;

    format_id(id, text);
    id_text = SysAllocString(text);
    hr = IFaxOutgoingQueue_GetJob(queue, id_text, &job);
    ok(hr == S_OK, "GetJob(%s): %#lx\n", wine_dbgstr_w(text), hr);
    if (hr == S_OK)
    {
        hr = IFaxOutgoingJob_QueryInterface(job, &IID_IFaxOutgoingJob2, (void **)&job2);
        ok(hr == S_OK, "IFaxOutgoingJob2: %#lx\n", hr);
        IFaxOutgoingJob_Release(job);
    }
    SysFreeString(id_text);
    return job2;
}

static void test_get_job_bad_ids(IFaxOutgoingQueue *queue, IFaxIncomingQueue *incoming, ULONGLONG gone_id)
{
    static const WCHAR * const bad[] = { L"", L"xyz", L"12345678901234567", L"-1", L"0000000000000000", L"12 4" };
    IFaxOutgoingJob *job;
    IFaxIncomingJob *in_job;
    WCHAR text[17];
    BSTR id;
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < ARRAY_SIZE(bad); i++)
    {
        id = SysAllocString(bad[i]);
        job = (void *)0xdeadbeef;
        hr = IFaxOutgoingQueue_GetJob(queue, id, &job);
        ok(hr == E_INVALIDARG && !job, "GetJob(%s): %#lx\n", wine_dbgstr_w(bad[i]), hr);
        hr = IFaxIncomingQueue_GetJob(incoming, id, &in_job);
        ok(hr == E_INVALIDARG, "incoming GetJob(%s): %#lx\n", wine_dbgstr_w(bad[i]), hr);
        SysFreeString(id);
    }
    ok(last_error_has(L"job id"), "the error says what a job id is\n");
    hr = IFaxOutgoingQueue_GetJob(queue, NULL, &job);
    ok(hr == E_INVALIDARG, "GetJob(NULL): %#lx\n", hr);

    format_id(gone_id, text);
    id = SysAllocString(text);
    hr = IFaxOutgoingQueue_GetJob(queue, id, NULL);
    ok(hr == E_POINTER, "GetJob with NULL out: %#lx\n", hr);
    hr = IFaxOutgoingQueue_GetJob(queue, id, &job);
    ok(hr == FAX_E_MESSAGE_NOT_FOUND, "GetJob of a job that is gone: %#lx\n", hr);
    ok(last_error_has(text), "the error names the job\n");
    hr = IFaxIncomingQueue_GetJob(incoming, id, &in_job);
    ok(hr == FAX_E_MESSAGE_NOT_FOUND, "an outgoing id in the incoming queue: %#lx\n", hr);
    SysFreeString(id);
}

static void test_job_collection(IFaxOutgoingQueue *queue, ULONGLONG first, ULONGLONG second)
{
    IFaxOutgoingJobs *jobs;
    IFaxOutgoingJob *job;
    IEnumVARIANT *enumerator;
    IUnknown *unknown;
    VARIANT index, item;
    WCHAR text[17];
    BSTR id;
    LONG count = 0, seen = 0;
    ULONG fetched;
    HRESULT hr;

    ok(IFaxOutgoingQueue_GetJobs(queue, NULL) == E_POINTER, "GetJobs(NULL)\n");
    hr = IFaxOutgoingQueue_GetJobs(queue, &jobs);
    ok(hr == S_OK, "GetJobs: %#lx\n", hr);
    if (hr != S_OK) return;
    ok(IFaxOutgoingJobs_get_Count(jobs, &count) == S_OK && count == 2, "Count %ld\n", count);
    ok(IFaxOutgoingJobs_get_Count(jobs, NULL) == E_POINTER, "Count(NULL)\n");
    ok(IFaxOutgoingJobs_get__NewEnum(jobs, NULL) == E_POINTER, "_NewEnum(NULL)\n");

    /* By index, from 1, in the order the jobs were queued. */
    hr = IFaxOutgoingJobs_get_Item(jobs, variant_i4(1), &job);
    ok(hr == S_OK, "Item(1): %#lx\n", hr);
    if (hr == S_OK)
    {
        format_id(first, text);
        IFaxOutgoingJob_get_Id(job, &id);
        ok(!lstrcmpW(id, text), "Item(1) is %s\n", wine_dbgstr_w(id));
        SysFreeString(id);
        IFaxOutgoingJob_Release(job);
    }
    V_VT(&index) = VT_R8;
    V_R8(&index) = 2.0;
    hr = IFaxOutgoingJobs_get_Item(jobs, index, &job);
    ok(hr == S_OK, "Item(2.0): %#lx\n", hr);
    if (hr == S_OK) IFaxOutgoingJob_Release(job);
    job = (void *)0xdeadbeef;
    hr = IFaxOutgoingJobs_get_Item(jobs, variant_i4(0), &job);
    ok(hr == E_INVALIDARG && !job, "Item(0): %#lx\n", hr);
    hr = IFaxOutgoingJobs_get_Item(jobs, variant_i4(3), &job);
    ok(hr == E_INVALIDARG, "Item(3): %#lx\n", hr);
    hr = IFaxOutgoingJobs_get_Item(jobs, variant_i4(-1), &job);
    ok(hr == E_INVALIDARG, "Item(-1): %#lx\n", hr);
    hr = IFaxOutgoingJobs_get_Item(jobs, variant_i4(1), NULL);
    ok(hr == E_POINTER, "Item with NULL out: %#lx\n", hr);

    /* By job id. */
    format_id(second, text);
    index = variant_text(text);
    hr = IFaxOutgoingJobs_get_Item(jobs, index, &job);
    ok(hr == S_OK, "Item(%s): %#lx\n", wine_dbgstr_w(text), hr);
    if (hr == S_OK)
    {
        IFaxOutgoingJob_get_Id(job, &id);
        ok(!lstrcmpW(id, text), "Item by id is %s\n", wine_dbgstr_w(id));
        SysFreeString(id);
        IFaxOutgoingJob_Release(job);
    }
    VariantClear(&index);
    index = variant_text(L"xyz");
    ok(IFaxOutgoingJobs_get_Item(jobs, index, &job) == E_INVALIDARG, "Item(\"xyz\")\n");
    VariantClear(&index);
    index = variant_text(L"00000000000FFFFF");
    ok(IFaxOutgoingJobs_get_Item(jobs, index, &job) == FAX_E_MESSAGE_NOT_FOUND, "Item of an id not there\n");
    VariantClear(&index);
    V_VT(&index) = VT_DISPATCH;
    V_DISPATCH(&index) = (IDispatch *)jobs;
    hr = IFaxOutgoingJobs_get_Item(jobs, index, &job);
    ok(hr == DISP_E_TYPEMISMATCH, "Item(an object): %#lx\n", hr);
    V_VT(&index) = VT_EMPTY;
    hr = IFaxOutgoingJobs_get_Item(jobs, index, &job);
    ok(hr == DISP_E_TYPEMISMATCH, "Item(Empty): %#lx\n", hr);
    V_VT(&index) = VT_R8;
    V_R8(&index) = 1e20;
    hr = IFaxOutgoingJobs_get_Item(jobs, index, &job);
    ok(hr == DISP_E_OVERFLOW, "Item(1e20): %#lx\n", hr);

    /* By reference, as VB passes a variable. */
    item = variant_i4(2);
    V_VT(&index) = VT_VARIANT | VT_BYREF;
    V_VARIANTREF(&index) = &item;
    hr = IFaxOutgoingJobs_get_Item(jobs, index, &job);
    ok(hr == S_OK, "Item(ByRef Variant 2): %#lx\n", hr);
    if (hr == S_OK) IFaxOutgoingJob_Release(job);
    V_VT(&index) = VT_BSTR | VT_BYREF;
    V_BSTRREF(&index) = &id;
    id = SysAllocString(text);
    hr = IFaxOutgoingJobs_get_Item(jobs, index, &job);
    ok(hr == S_OK, "Item(ByRef String): %#lx\n", hr);
    if (hr == S_OK) IFaxOutgoingJob_Release(job);
    SysFreeString(id);

    /* For Each. */
    hr = IFaxOutgoingJobs_get__NewEnum(jobs, &unknown);
    ok(hr == S_OK, "_NewEnum: %#lx\n", hr);
    if (hr == S_OK)
    {
        IUnknown_QueryInterface(unknown, &IID_IEnumVARIANT, (void **)&enumerator);
        while (IEnumVARIANT_Next(enumerator, 1, &item, &fetched) == S_OK)
        {
            IFaxOutgoingJob *each;
            ok(V_VT(&item) == VT_DISPATCH, "element of type %d\n", V_VT(&item));
            if (SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&item), &IID_IFaxOutgoingJob, (void **)&each)))
            {
                seen++;
                IFaxOutgoingJob_Release(each);
            }
            VariantClear(&item);
        }
        ok(seen == 2, "For Each saw %ld jobs\n", seen);
        IEnumVARIANT_Release(enumerator);
        IUnknown_Release(unknown);
    }

    /* Late bound: Item is the default member, Count DISPID 1. */
    index = variant_i4(2);
    hr = invoke_by_name((IDispatch *)jobs, L"Item", DISPATCH_PROPERTYGET, &index, 1, &item);
    ok(hr == S_OK && V_VT(&item) == VT_DISPATCH, "Item(2) by name: %#lx\n", hr);
    VariantClear(&item);
    ok(dispid_of((IDispatch *)jobs, L"Count") == 1, "DISPID of Count\n");
    IFaxOutgoingJobs_Release(jobs);
}

static void test_job_methods(IFaxServer2 *server, struct fxs_link *link, IFaxOutgoingQueue *queue, ULONGLONG id)
{
    IFaxOutgoingJob2 *job = get_job2(queue, id);
    struct event_log log = { 0 };
    FAX_JOB_STATUS_ENUM status;
    FAX_JOB_OPERATIONS_ENUM operations;
    WCHAR path[MAX_PATH];
    VARIANT arg, result;
    BSTR tiff_path, bad_path;
    HRESULT hr;

    if (!job) return;

    /* Pause: the service reports it; the object shows it after Refresh. */
    hr = IFaxOutgoingJob2_Pause(job);
    ok(hr == S_OK, "Pause: %#lx\n", hr);
    ok(wait_for_status(link, &log, FXS_EVENT_OUT_QUEUE, id, fjsPENDING | fjsPAUSED, ~0u, 0), "no paused status\n");
    ok(IFaxOutgoingJob2_get_Status(job, &status) == S_OK && status == fjsPENDING, "a snapshot: %#x\n", status);
    ok(IFaxOutgoingJob2_Refresh(job) == S_OK, "Refresh\n");
    ok(IFaxOutgoingJob2_get_Status(job, &status) == S_OK && status == (fjsPENDING | fjsPAUSED), "after Refresh: %#x\n",
       status);
    ok(IFaxOutgoingJob2_get_AvailableOperations(job, &operations) == S_OK && (operations & fjoRESUME) &&
       !(operations & fjoPAUSE), "AvailableOperations %#x\n", operations);
    hr = IFaxOutgoingJob2_Pause(job);
    ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), "Pause of a paused job: %#lx\n", hr);
    ok(last_error_has(L"Pause"), "the error names the method\n");
    hr = IFaxOutgoingJob2_Restart(job);
    ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), "Restart of a job that did not fail: %#lx\n", hr);

    /* Resume, through IDispatch. */
    hr = invoke_by_name((IDispatch *)job, L"Resume", DISPATCH_METHOD, NULL, 0, NULL);
    ok(hr == S_OK, "Resume by name: %#lx\n", hr);
    ok(wait_for_status(link, &log, FXS_EVENT_OUT_QUEUE, id, fjsPENDING, ~0u, 0), "no resumed status\n");
    hr = invoke_by_name((IDispatch *)job, L"Refresh", DISPATCH_METHOD, NULL, 0, NULL);
    ok(hr == S_OK, "Refresh by name: %#lx\n", hr);
    hr = get_by_name((IDispatch *)job, L"Status", &result);
    ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == fjsPENDING, "Status by name: %#lx, %ld\n", hr,
       V_I4(&result));
    hr = get_by_name((IDispatch *)job, L"HasCoverPage", &result);
    ok(hr == S_OK && V_VT(&result) == VT_BOOL, "HasCoverPage by name: %#lx\n", hr);
    ok(dispid_of((IDispatch *)job, L"Cancel") == 31, "DISPID of Cancel\n");
    ok(dispid_of((IDispatch *)job, L"ScheduleType") == 34, "DISPID of ScheduleType\n");
    V_VT(&arg) = VT_DISPATCH;
    V_DISPATCH(&arg) = (IDispatch *)job;
    hr = invoke_by_name((IDispatch *)job, L"CopyTiff", DISPATCH_METHOD, &arg, 1, NULL);
    ok(hr == DISP_E_TYPEMISMATCH, "CopyTiff(an object): %#lx\n", hr);

    /* CopyTiff: a valid TIFF with the job's pages. */
    swprintf(path, ARRAY_SIZE(path), L"%lsfxs-queues-copy.tif", temp_folder);
    tiff_path = SysAllocString(path);
    DeleteFileW(path);
    hr = IFaxOutgoingJob2_CopyTiff(job, tiff_path);
    ok(hr == S_OK, "CopyTiff: %#lx\n", hr);
    ok(tiff_file_pages(path) == 2, "the copy has %d pages\n", tiff_file_pages(path));
    DeleteFileW(path);
    arg = variant_text(path);
    hr = invoke_by_name((IDispatch *)job, L"CopyTiff", DISPATCH_METHOD, &arg, 1, NULL);
    ok(hr == S_OK && tiff_file_pages(path) == 2, "CopyTiff by name: %#lx\n", hr);
    VariantClear(&arg);
    DeleteFileW(path);
    ok(IFaxOutgoingJob2_CopyTiff(job, NULL) == E_INVALIDARG, "CopyTiff(NULL)\n");
    swprintf(path, ARRAY_SIZE(path), L"%lsno-such-folder-42\\copy.tif", temp_folder);
    bad_path = SysAllocString(path);
    hr = IFaxOutgoingJob2_CopyTiff(job, bad_path);
    ok(hr == HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND), "CopyTiff into a missing folder: %#lx\n", hr);
    SysFreeString(bad_path);

    /* Cancel: the job leaves the queue; the object stays, its methods fail cleanly. */
    log_free(&log);
    hr = IFaxOutgoingJob2_Cancel(job);
    ok(hr == S_OK, "Cancel: %#lx\n", hr);
    ok(wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id), "the job was not removed\n");
    hr = IFaxOutgoingJob2_Cancel(job);
    ok(hr == FAX_E_MESSAGE_NOT_FOUND, "Cancel again: %#lx\n", hr);
    hr = IFaxOutgoingJob2_Refresh(job);
    ok(hr == FAX_E_MESSAGE_NOT_FOUND, "Refresh of a cancelled job: %#lx\n", hr);
    ok(last_error_has(L"Refresh"), "the error names the method\n");
    ok(IFaxOutgoingJob2_Resume(job) == FAX_E_MESSAGE_NOT_FOUND, "Resume of a cancelled job\n");
    ok(IFaxOutgoingJob2_CopyTiff(job, tiff_path) == FAX_E_MESSAGE_NOT_FOUND, "CopyTiff of a cancelled job\n");
    ok(IFaxOutgoingJob2_get_Status(job, &status) == S_OK && status == fjsPENDING, "the snapshot stays: %#x\n", status);
    ok(GetFileAttributesW(tiff_path) == INVALID_FILE_ATTRIBUTES, "a failed CopyTiff wrote a file\n");
    log_free(&log);
    SysFreeString(tiff_path);
    IFaxOutgoingJob2_Release(job);
}

/* Restart: a job that failed (a bad address) is queued again. */
static void test_restart(struct fxs_link *link, IFaxOutgoingQueue *queue)
{
    struct event_log log = { 0 };
    IFaxOutgoingJob2 *job;
    FAX_JOB_STATUS_ENUM status;
    ULONGLONG id = 0;
    HRESULT hr;

    ok(submit_fax(link, L"9002", 1, &id) == ERROR_SUCCESS, "submitting\n");
    ok(wait_for_status(link, &log, FXS_EVENT_OUT_QUEUE, id, fjsFAILED, ~0u, 0), "the job did not fail\n");
    if (!(job = get_job2(queue, id))) return;
    ok(IFaxOutgoingJob2_get_Status(job, &status) == S_OK && status == fjsFAILED, "Status %#x\n", status);
    hr = IFaxOutgoingJob2_Pause(job);
    ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), "Pause of a failed job: %#lx\n", hr);
    log_free(&log);
    hr = IFaxOutgoingJob2_Restart(job);
    ok(hr == S_OK, "Restart: %#lx\n", hr);
    ok(wait_for_status(link, &log, FXS_EVENT_OUT_QUEUE, id, fjsFAILED, ~0u, 0), "the restarted job did not run\n");
    ok(find_event(&log, 0, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id) >= 0 &&
       log.events[find_event(&log, 0, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id)].job.status == fjsPENDING,
       "Restart did not queue the job again\n");
    ok(IFaxOutgoingJob2_Cancel(job) == S_OK, "Cancel of a failed job\n");
    log_free(&log);
    IFaxOutgoingJob2_Release(job);
}

/* Several threads on one job object at once: reads and Refresh replacing the snapshot. */
struct hammer
{
    IFaxOutgoingJob2 *job;
    LONG failures;
};

static DWORD WINAPI hammer_job(void *arg)
{
    struct hammer *hammer = arg;
    FAX_JOB_STATUS_ENUM status;
    IFaxSender *sender;
    BSTR text;
    int i;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    for (i = 0; i < 100; i++)
    {
        if (IFaxOutgoingJob2_Refresh(hammer->job) != S_OK) InterlockedIncrement(&hammer->failures);
        if (IFaxOutgoingJob2_get_Subject(hammer->job, &text) != S_OK || lstrcmpW(text, L"Queued fax"))
            InterlockedIncrement(&hammer->failures);
        SysFreeString(text);
        if (IFaxOutgoingJob2_get_Status(hammer->job, &status) != S_OK || !(status & fjsPENDING))
            InterlockedIncrement(&hammer->failures);
        if (IFaxOutgoingJob2_get_Sender(hammer->job, &sender) != S_OK) InterlockedIncrement(&hammer->failures);
        else IFaxSender_Release(sender);
    }
    CoUninitialize();
    return 0;
}

static void test_threads(IFaxOutgoingJob2 *job)
{
    struct hammer hammer = { job, 0 };
    HANDLE threads[4];
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(threads); i++) threads[i] = CreateThread(NULL, 0, hammer_job, &hammer, 0, NULL);
    ok(WaitForMultipleObjects(ARRAY_SIZE(threads), threads, TRUE, 120000) == WAIT_OBJECT_0, "the threads did not end\n");
    for (i = 0; i < ARRAY_SIZE(threads); i++) CloseHandle(threads[i]);
    ok(!hammer.failures, "%ld calls failed on 4 threads\n", hammer.failures);
}

static void test_outgoing_jobs(IFaxServer2 *server, struct fxs_link *link, IFaxIncomingQueue *incoming)
{
    IFaxOutgoingQueue *queue;
    IFaxOutgoingJob2 *job;
    struct event_log log = { 0 };
    ULONGLONG first = 0, second = 0;
    fxs_job_info info;

    if (!(queue = get_outgoing_queue(server))) return;
    ok(submit_waiting(link, L"5550123", 2, &first) == ERROR_SUCCESS, "submitting\n");
    ok(submit_waiting(link, L"5550124", 1, &second) == ERROR_SUCCESS, "submitting\n");
    ok(wait_for_status(link, &log, FXS_EVENT_OUT_QUEUE, second, fjsPENDING, ~0u, 0), "the jobs are not queued\n");
    log_free(&log);

    if ((job = get_job2(queue, first)))
    {
        memset(&info, 0, sizeof(info));
        ok(!fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, first, &info), "the service's job\n");
        check_job_properties(job, first, info.status.scheduled_time);
        fxs_job_info_clear(&info);
        IFaxOutgoingJob2_Release(job);
    }
    test_job_collection(queue, first, second);
    test_job_methods(server, link, queue, first);
    test_get_job_bad_ids(queue, incoming, first);
    if ((job = get_job2(queue, second)))
    {
        test_threads(job);
        ok(IFaxOutgoingJob2_Cancel(job) == S_OK, "Cancel\n");
        IFaxOutgoingJob2_Release(job);
    }
    test_restart(link, queue);
    IFaxOutgoingQueue_Release(queue);
}

/* A queue of many jobs: GetJobs, For Each and Cancel of each, with what they cost. */
static void test_many_jobs(IFaxServer2 *server, struct fxs_link *link)
{
    enum { JOBS = 50 };
    IFaxOutgoingQueue *queue = get_outgoing_queue(server);
    IFaxOutgoingJobs *jobs;
    IFaxOutgoingJob *job;
    ULONGLONG id;
    LONG count = 0, cancelled = 0, i;
    double start, listed, cancelled_ms;
    HRESULT hr;

    if (!queue) return;
    for (i = 0; i < JOBS; i++)
        if (submit_waiting(link, L"5550125", 1, &id)) break;
    ok(i == JOBS, "%ld jobs submitted\n", i);
    start = now_ms();
    hr = IFaxOutgoingQueue_GetJobs(queue, &jobs);
    listed = now_ms() - start;
    ok(hr == S_OK, "GetJobs: %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(IFaxOutgoingJobs_get_Count(jobs, &count) == S_OK && count == JOBS, "Count %ld\n", count);
        start = now_ms();
        for (i = 1; i <= count; i++)
        {
            if (FAILED(IFaxOutgoingJobs_get_Item(jobs, variant_i4(i), &job))) continue;
            if (IFaxOutgoingJob_Cancel(job) == S_OK) cancelled++;
            IFaxOutgoingJob_Release(job);
        }
        cancelled_ms = now_ms() - start;
        ok(cancelled == JOBS, "%ld jobs cancelled\n", cancelled);
        trace("GetJobs of %d jobs: %.1f ms; Cancel: %.2f ms a job\n", JOBS, listed, cancelled_ms / (count ? count : 1));
        IFaxOutgoingJobs_Release(jobs);
    }
    hr = IFaxOutgoingQueue_GetJobs(queue, &jobs);
    ok(hr == S_OK && IFaxOutgoingJobs_get_Count(jobs, &count) == S_OK && count == 0, "%ld jobs left\n", count);
    if (hr == S_OK) IFaxOutgoingJobs_Release(jobs);
    IFaxOutgoingQueue_Release(queue);
}

/* ---- the incoming queue: Blocked, and a job being received ---- */

static void test_incoming_queue(IFaxServer2 *server, struct fxs_link *link, IFaxIncomingQueue *queue)
{
    struct event_log log = { 0 };
    IFaxIncomingJobs *jobs;
    IFaxIncomingJob *job;
    IFaxDevice *device;
    VARIANT_BOOL flag = 7;
    VARIANT result;
    FAX_JOB_STATUS_ENUM status;
    FAX_JOB_TYPE_ENUM type;
    FAX_JOB_OPERATIONS_ENUM operations;
    ULONGLONG out_id = 0, in_id;
    LONG count = -1, number;
    WCHAR text[17], path[MAX_PATH];
    BSTR id, tiff_path;
    HRESULT hr;
    int added;

    ok(IFaxIncomingQueue_get_Blocked(queue, &flag) == S_OK && flag == VARIANT_FALSE, "Blocked %d\n", flag);
    ok(IFaxIncomingQueue_get_Blocked(queue, NULL) == E_POINTER, "Blocked(NULL)\n");
    ok(IFaxIncomingQueue_GetJobs(queue, NULL) == E_POINTER, "GetJobs(NULL)\n");
    id = SysAllocString(L"0000000000000001");
    ok(IFaxIncomingQueue_GetJob(queue, id, NULL) == E_POINTER, "GetJob with NULL out\n");
    SysFreeString(id);
    result = variant_text(L"maybe");
    hr = put_by_name((IDispatch *)queue, L"Blocked", result);
    ok(hr == DISP_E_TYPEMISMATCH, "put Blocked \"maybe\": %#lx\n", hr);
    VariantClear(&result);
    ok(dispid_of((IDispatch *)queue, L"GetJob") == 5, "DISPID of GetJob\n");

    /* Blocked: the service answers no call, not even by AnswerCall. */
    ok(IFaxIncomingQueue_put_Blocked(queue, VARIANT_TRUE) == S_OK, "put_Blocked\n");
    ok(IFaxIncomingQueue_Save(queue) == S_OK, "Save\n");
    ok(wait_for_queue_state(link, &log, 0, 0, 1), "no OnQueuesStatusChange for the incoming queue\n");
    if (!(device = get_device(server, 2))) return;
    ok(submit_fax(link, L"1002", 30, &out_id) == ERROR_SUCCESS, "submitting\n");
    ok(wait_for(link, &log, FXS_EVENT_INCOMING_CALL, 0, 0), "no OnNewCall\n");
    hr = IFaxDevice_AnswerCall(device);
    ok(hr == HRESULT_FROM_WIN32(ERROR_WRITE_PROTECT), "AnswerCall while blocked: %#lx\n", hr);

    /* Unblocked by IDispatch, and answered: an incoming job in the queue. */
    hr = put_by_name((IDispatch *)queue, L"Blocked", variant_i4(0));
    ok(hr == S_OK, "put Blocked by name: %#lx\n", hr);
    ok(invoke_by_name((IDispatch *)queue, L"Save", DISPATCH_METHOD, NULL, 0, NULL) == S_OK, "Save by name\n");
    ok(wait_for_queue_state(link, &log, 0, 0, 0), "no OnQueuesStatusChange for unblocking\n");
    hr = IFaxDevice_AnswerCall(device);
    ok(hr == S_OK, "AnswerCall: %#lx\n", hr);
    IFaxDevice_Release(device);
    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0), "no incoming job\n");
    added = find_event(&log, 0, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0);
    if (added < 0) return;
    in_id = log.events[added].job_id;
    format_id(in_id, text);

    hr = IFaxIncomingQueue_GetJobs(queue, &jobs);
    ok(hr == S_OK, "GetJobs: %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(IFaxIncomingJobs_get_Count(jobs, &count) == S_OK && count == 1, "Count %ld\n", count);
        ok(IFaxIncomingJobs_get_Item(jobs, variant_i4(2), &job) == E_INVALIDARG, "Item(2)\n");
        ok(IFaxIncomingJobs_get_Item(jobs, variant_i4(1), NULL) == E_POINTER, "Item with NULL out\n");
        ok(IFaxIncomingJobs_get_Count(jobs, NULL) == E_POINTER, "Count(NULL)\n");
        ok(IFaxIncomingJobs_get__NewEnum(jobs, NULL) == E_POINTER, "_NewEnum(NULL)\n");
        hr = IFaxIncomingJobs_get_Item(jobs, variant_i4(1), &job);
        ok(hr == S_OK, "Item(1): %#lx\n", hr);
        if (hr == S_OK)
        {
            EXPECT_TEXT(IFaxIncomingJob_get_Id, job, text);
            IFaxIncomingJob_Release(job);
        }
        IFaxIncomingJobs_Release(jobs);
    }

    id = SysAllocString(text);
    hr = IFaxIncomingQueue_GetJob(queue, id, &job);
    ok(hr == S_OK, "GetJob: %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(IFaxIncomingJob_get_Status(job, &status) == S_OK && status == fjsINPROGRESS, "Status %#x\n", status);
        ok(IFaxIncomingJob_get_JobType(job, &type) == S_OK && type == fjtRECEIVE, "JobType %d\n", type);
        ok(IFaxIncomingJob_get_DeviceId(job, &number) == S_OK && number == 2, "DeviceId %ld\n", number);
        EXPECT_TEXT(IFaxIncomingJob_get_CallerId, job, L"1001");
        EXPECT_TEXT(IFaxIncomingJob_get_TSID, job, L"TEST TSID");
        ok(IFaxIncomingJob_get_AvailableOperations(job, &operations) == S_OK && (operations & fjoDELETE),
           "AvailableOperations %#x\n", operations);
        ok(IFaxIncomingJob_get_TransmissionStart(job, &(DATE){ 0 }) == S_OK, "TransmissionStart\n");
        ok(IFaxIncomingJob_get_TransmissionEnd(job, &(DATE){ 0 }) == HRESULT_FROM_WIN32(ERROR_INVALID_DATA),
           "TransmissionEnd of a job in progress\n");
        ok(IFaxIncomingJob_get_Size(job, NULL) == E_POINTER, "Size(NULL)\n");
        ok(IFaxIncomingJob_get_RoutingInformation(job, NULL) == E_POINTER, "RoutingInformation(NULL)\n");
        ok(dispid_of((IDispatch *)job, L"CopyTiff") == 19, "DISPID of CopyTiff\n");
        swprintf(path, ARRAY_SIZE(path), L"%lsfxs-queues-incoming.tif", temp_folder);
        tiff_path = SysAllocString(path);
        hr = IFaxIncomingJob_CopyTiff(job, tiff_path);
        ok(hr == HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), "CopyTiff of a fax being received: %#lx\n", hr);
        ok(last_error_has(L"no image yet"), "the error says why\n");
        ok(GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES, "a failed CopyTiff wrote a file\n");
        ok(IFaxIncomingJob_CopyTiff(job, NULL) == E_INVALIDARG, "CopyTiff(NULL)\n");
        SysFreeString(tiff_path);
        hr = get_by_name((IDispatch *)job, L"CallerId", &result);
        ok(hr == S_OK && V_VT(&result) == VT_BSTR, "CallerId by name: %#lx\n", hr);
        VariantClear(&result);

        /* Cancel: the reception ends, the job leaves the queue. */
        hr = IFaxIncomingJob_Cancel(job);
        ok(hr == S_OK, "Cancel: %#lx\n", hr);
        ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, in_id), "the job was not removed\n");
        ok(IFaxIncomingJob_Refresh(job) == FAX_E_MESSAGE_NOT_FOUND, "Refresh of a cancelled job\n");
        ok(IFaxIncomingJob_Cancel(job) == FAX_E_MESSAGE_NOT_FOUND, "Cancel again\n");
        IFaxIncomingJob_Release(job);
    }
    hr = IFaxIncomingQueue_GetJob(queue, id, &job);
    ok(hr == FAX_E_MESSAGE_NOT_FOUND, "GetJob of a job that is gone: %#lx\n", hr);
    SysFreeString(id);
    /* The sender saw the receiver hang up; it is not needed any more. */
    fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, out_id, FXS_JOB_CANCEL);
    log_free(&log);
}

/* ---- from another apartment ---- */

struct apartment_use
{
    IStream *stream;                /* the queue, marshalled */
    IFaxOutgoingQueue *original;
    BOOL same_pointer;              /* the free-threaded marshaler gave the object itself */
    HRESULT refresh, get_jobs;
    LONG retries, count;
};

static DWORD WINAPI use_in_sta(void *arg)
{
    struct apartment_use *use = arg;
    IFaxOutgoingQueue *queue;
    IFaxOutgoingJobs *jobs;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (SUCCEEDED(CoGetInterfaceAndReleaseStream(use->stream, &IID_IFaxOutgoingQueue, (void **)&queue)))
    {
        use->refresh = IFaxOutgoingQueue_Refresh(queue);
        IFaxOutgoingQueue_get_Retries(queue, &use->retries);
        if (SUCCEEDED(use->get_jobs = IFaxOutgoingQueue_GetJobs(queue, &jobs)))
        {
            IFaxOutgoingJobs_get_Count(jobs, &use->count);
            IFaxOutgoingJobs_Release(jobs);
        }
        use->same_pointer = queue == use->original;
        IFaxOutgoingQueue_Release(queue);
    }
    CoUninitialize();
    return 0;
}

/* The objects are ThreadingModel=Both: an STA thread gets the object itself, and it works there. */
static void test_other_apartment(IFaxServer2 *server)
{
    struct apartment_use use = { NULL, NULL, FALSE, E_FAIL, E_FAIL, -1, -1 };
    IFaxOutgoingQueue *queue = get_outgoing_queue(server);
    HANDLE thread;
    HRESULT hr;

    if (!queue) return;
    use.original = queue;
    hr = CoMarshalInterThreadInterfaceInStream(&IID_IFaxOutgoingQueue, (IUnknown *)queue, &use.stream);
    ok(hr == S_OK, "marshalling the queue: %#lx\n", hr);
    if (hr == S_OK)
    {
        thread = CreateThread(NULL, 0, use_in_sta, &use, 0, NULL);
        ok(WaitForSingleObject(thread, 30000) == WAIT_OBJECT_0, "the STA thread did not end\n");
        CloseHandle(thread);
        ok(use.same_pointer, "the STA got a proxy, not the free-threaded object\n");
        ok(use.refresh == S_OK && use.retries == 3, "Refresh in an STA: %#lx, Retries %ld\n", use.refresh, use.retries);
        ok(use.get_jobs == S_OK && use.count >= 0, "GetJobs in an STA: %#lx, %ld\n", use.get_jobs, use.count);
    }
    IFaxOutgoingQueue_Release(queue);
}

/* ---- after Disconnect ---- */

static void test_disconnected(void)
{
    IFaxServer2 *server = connected_server();
    IFaxOutgoingQueue *queue;
    IFaxIncomingQueue *incoming;
    IFaxOutgoingJobs *jobs;
    IFaxFolders *folders;
    BSTR id = SysAllocString(L"0000000000000001");
    IFaxOutgoingJob *job;
    HRESULT hr;

    if (!server) return;
    folders = get_folders(server);
    queue = get_outgoing_queue(server);
    incoming = get_incoming_queue(server);
    ok(IFaxServer2_Disconnect(server) == S_OK, "Disconnect\n");
    if (queue)
    {
        hr = IFaxOutgoingQueue_Save(queue);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "Save after Disconnect: %#lx\n", hr);
        ok(last_error_has(L"Connect"), "the error says to connect\n");
        ok(IFaxOutgoingQueue_Refresh(queue) == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "Refresh after Disconnect\n");
        hr = IFaxOutgoingQueue_GetJobs(queue, &jobs);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "GetJobs after Disconnect: %#lx\n", hr);
        hr = IFaxOutgoingQueue_GetJob(queue, id, &job);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "GetJob after Disconnect: %#lx\n", hr);
        IFaxOutgoingQueue_Release(queue);
    }
    if (incoming)
    {
        ok(IFaxIncomingQueue_Save(incoming) == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "Save after Disconnect\n");
        IFaxIncomingQueue_Release(incoming);
    }
    if (folders)
    {
        hr = IFaxFolders_get_OutgoingQueue(folders, &queue);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "OutgoingQueue after Disconnect: %#lx\n", hr);
        /* Connected again, the same objects work again. */
        ok(IFaxServer2_Connect(server, NULL) == S_OK, "Connect again\n");
        hr = IFaxFolders_get_OutgoingQueue(folders, &queue);
        ok(hr == S_OK, "OutgoingQueue after a new Connect: %#lx\n", hr);
        if (hr == S_OK) IFaxOutgoingQueue_Release(queue);
        IFaxFolders_Release(folders);
    }
    SysFreeString(id);
    IFaxServer2_Release(server);

    /* A queue keeps its FaxServer: it works after the client released the server. */
    if (!(server = connected_server())) return;
    queue = get_outgoing_queue(server);
    IFaxServer2_Release(server);
    if (queue)
    {
        hr = IFaxOutgoingQueue_Refresh(queue);
        ok(hr == S_OK, "Refresh after the FaxServer was released: %#lx\n", hr);
        hr = IFaxOutgoingQueue_GetJobs(queue, &jobs);
        ok(hr == S_OK, "GetJobs after the FaxServer was released: %#lx\n", hr);
        if (hr == S_OK) IFaxOutgoingJobs_Release(jobs);
        IFaxOutgoingQueue_Release(queue);
    }
}

static void test_queues(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxIncomingQueue *incoming;

    test_folders(server);
    test_outgoing_settings(server, link);
    test_blocked_and_paused(server, link);
    test_other_apartment(server);
    if (!(incoming = get_incoming_queue(server))) return;
    test_outgoing_jobs(server, link, incoming);
    test_many_jobs(server, link);
    test_incoming_queue(server, link, incoming);
    IFaxIncomingQueue_Release(incoming);
}

START_TEST(queues)
{
    GetTempPathW(ARRAY_SIZE(temp_folder), temp_folder);
    /* Slow enough that a 30-page reception stays in the queue for seconds. */
    run_against_service(L"fxscomex-queues", L"10", test_queues, test_disconnected);
}
