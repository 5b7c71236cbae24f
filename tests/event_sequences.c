/*
 * The exact sequences of IFaxServerNotify2 events that faxes cause, seen through the COM library:
 * a FaxServer, its connection point and a dispatch-only sink (as VB6 and script hosts make
 * them), with the real service and the virtual line.
 *
 * Each expected sequence is written from ../shared/notes/fax-service.md ("The order of events"),
 * ../shared/spec/semantics.md (5.3, 6) and the timings of src/svc/virtual_line.c, not from what
 * the service emits:
 * - a send: OutgoingJobAdded, ServerActivity (queued + 1), JobChanged(PENDING); DeviceStatus
 *   (sending) and ServerActivity (sending + 1) as a device takes the job; JobChanged(INPROGRESS:
 *   INITIALIZING, DIALING, TRANSMITTING page by page); JobChanged(COMPLETED, CALL_COMPLETED);
 *   DeviceStatus(idle) and ServerActivity (sending - 1); OutgoingMessageAdded; OutgoingJobRemoved;
 *   ServerActivity (queued - 1).
 * - an attempt that fails (busy): JobChanged(RETRYING, BUSY, Retries + 1), then the device goes
 *   idle as after a completed call; the last one: RETRIES_EXCEEDED, and the job stays queued.
 * - a cancel: JobChanged(CANCELED) and OutgoingJobRemoved; through CANCELING while a device has
 *   the job (the call is aborted: CALL_ABORTED).
 * - a receive: DeviceStatus(ringing), NewCall(call, device, caller id), the answer (after
 *   RingsBeforeAnswer, or AnswerCall in manual mode): DeviceStatus(receiving), IncomingJobAdded,
 *   JobChanged(INPROGRESS: ANSWERED, RECEIVING page by page), JobChanged(ROUTING),
 *   IncomingMessageAdded, IncomingJobRemoved, DeviceStatus(idle).
 * Where the send and the receive of one fax interleave, the virtual line's order decides: at each
 * page the sender's report comes before the receiver's, and the sender's end before the
 * receiver's.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service_jobs.h"
#include "event_sink.h"
#include "record.h"

#define CLOCK_SPEED L"50"    /* a minute of retry delay: 1.2 s; a page: 40 ms */
#define PAGES 2
#define LINE_SIZE 96
#define MAX_EXPECTED 96
#define SETTLE_MS 500        /* after the last expected event: time for one too many to show */

static const char * const event_names[] =
{
    NULL, "IncomingJobAdded", "IncomingJobRemoved", "IncomingJobChanged", "OutgoingJobAdded",
    "OutgoingJobRemoved", "OutgoingJobChanged", "IncomingMessageAdded", "IncomingMessageRemoved",
    "OutgoingMessageAdded", "OutgoingMessageRemoved", "ReceiptOptionsChange", "ActivityLoggingConfigChange",
    "SecurityConfigChange", "EventLoggingConfigChange", "OutgoingQueueConfigChange", "OutgoingArchiveConfigChange",
    "IncomingArchiveConfigChange", "DevicesConfigChange", "OutboundRoutingGroupsConfigChange",
    "OutboundRoutingRulesConfigChange", "ServerActivityChange", "QueuesStatusChange", "NewCall", "ServerShutDown",
    "DeviceStatusChange", "GeneralServerConfigChanged",
};

static BSTR body_path;

/* ---- a sink that writes each call as a line of text ---- */

struct line_sink
{
    struct sink sink;               /* event_sink.h's record of the same calls */
    char lines[MAX_CALLS][LINE_SIZE];
    LONG call_ids[MAX_CALLS];       /* OnNewCall's call id, which the line leaves out */
    const char *trigger;            /* the first line holding this runs action, inside the call */
    void (*action)(struct line_sink *, const char *line);
    struct fxs_link *link;          /* for the action */
};

static void append(char *line, const char *format, ...)
{
    size_t used = strlen(line);
    va_list args;

    va_start(args, format);
    vsnprintf(line + used, LINE_SIZE - used, format, args);
    va_end(args);
}

static void describe_status(char *line, IDispatch *dispatch)
{
    FAX_JOB_STATUS_ENUM status = -1;
    FAX_JOB_EXTENDED_STATUS_ENUM extended = -1;
    LONG page = -1, retries = -1;
    IFaxJobStatus *job;

    if (dispatch && SUCCEEDED(IDispatch_QueryInterface(dispatch, &IID_IFaxJobStatus, (void **)&job)))
    {
        IFaxJobStatus_get_Status(job, &status);
        IFaxJobStatus_get_ExtendedStatusCode(job, &extended);
        IFaxJobStatus_get_CurrentPage(job, &page);
        IFaxJobStatus_get_Retries(job, &retries);
        IFaxJobStatus_Release(job);
    }
    append(line, " status=%#x ext=%d page=%ld retries=%ld", status, extended, page, retries);
}

/* "Name arg arg ...": the server argument left out, a job status as its four numbers. */
static void describe_call(DISPID dispid, DISPPARAMS *params, char *line, LONG *call_id)
{
    UINT i, n = params->cArgs;

    snprintf(line, LINE_SIZE, "%s", dispid > 0 && dispid < ARRAY_SIZE(event_names) ? event_names[dispid] : "?");
    for (i = 1; i < n; i++)
    {
        VARIANT *arg = &params->rgvarg[n - 1 - i];   /* arguments come last to first */
        if (dispid == 23 && i == 1) *call_id = V_VT(arg) == VT_I4 ? V_I4(arg) : -1;
        else if (V_VT(arg) == VT_BSTR) append(line, " %ls", V_BSTR(arg) ? V_BSTR(arg) : L"(null)");
        else if (V_VT(arg) == VT_I4) append(line, " %ld", V_I4(arg));
        else if (V_VT(arg) == VT_BOOL) append(line, " %d", V_BOOL(arg) ? 1 : 0);
        else if (V_VT(arg) == VT_DISPATCH) describe_status(line, V_DISPATCH(arg));
        else append(line, " vt%u", V_VT(arg));
    }
}

static inline struct line_sink *impl_from_sink(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct line_sink, sink.IDispatch_iface);
}

static HRESULT WINAPI line_sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                       DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct line_sink *sink = impl_from_sink(iface);
    LONG index = sink->sink.count;   /* a sink's calls come one at a time */
    HRESULT hr;

    if (index < MAX_CALLS) describe_call(member, params, sink->lines[index], &sink->call_ids[index]);
    hr = sink_Invoke(iface, member, riid, lcid, flags, params, result, excepinfo, arg_err);
    if (index < MAX_CALLS && sink->trigger && strstr(sink->lines[index], sink->trigger))
    {
        sink->trigger = NULL;
        sink->action(sink, sink->lines[index]);
    }
    return hr;
}

static const IDispatchVtbl line_sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    line_sink_Invoke,
};

/* ---- expected sequences ---- */

struct sequence
{
    char lines[MAX_EXPECTED][LINE_SIZE];
    unsigned int count;
};

static void expect(struct sequence *sequence, const char *format, ...)
{
    va_list args;

    if (sequence->count == MAX_EXPECTED) return;
    va_start(args, format);
    vsnprintf(sequence->lines[sequence->count++], LINE_SIZE, format, args);
    va_end(args);
}

static void expect_job(struct sequence *sequence, const char *event, const char *job, DWORD status, DWORD extended,
                       LONG page, LONG retries)
{
    expect(sequence, "%s %s status=%#lx ext=%lu page=%ld retries=%ld", event, job, status, extended, page, retries);
}

static void expect_device(struct sequence *sequence, LONG device, BOOL sending, BOOL receiving, BOOL ringing)
{
    expect(sequence, "DeviceStatusChange %ld 0 %d %d %d", device, sending, receiving, ringing);
}

static void expect_activity(struct sequence *sequence, LONG incoming, LONG routing, LONG outgoing, LONG queued)
{
    expect(sequence, "ServerActivityChange %ld %ld %ld %ld", incoming, routing, outgoing, queued);
}

/* A job J enters the queue; due now, or later (PENDING, no device yet). */
static void expect_queued(struct sequence *sequence)
{
    expect(sequence, "OutgoingJobAdded J");
    expect_activity(sequence, 0, 0, 0, 1);
    expect_job(sequence, "OutgoingJobChanged", "J", fjsPENDING, fjesNONE, 0, 0);
}

/* Device 1 takes J and dials (attempt retries + 1). */
static void expect_dialing(struct sequence *sequence, LONG retries)
{
    expect_device(sequence, 1, TRUE, FALSE, FALSE);
    expect_activity(sequence, 0, 0, 1, 1);
    expect_job(sequence, "OutgoingJobChanged", "J", fjsINPROGRESS, fjesINITIALIZING, 0, retries);
    expect_job(sequence, "OutgoingJobChanged", "J", fjsINPROGRESS, fjesDIALING, 0, retries);
}

/* An attempt of J ends with status; device 1 is free again. */
static void expect_attempt_end(struct sequence *sequence, DWORD status, DWORD extended, LONG page, LONG retries)
{
    expect_job(sequence, "OutgoingJobChanged", "J", status, extended, page, retries);
    expect_device(sequence, 1, FALSE, FALSE, FALSE);
    expect_activity(sequence, 0, 0, 0, 1);
}

static void expect_sent(struct sequence *sequence, LONG retries)
{
    expect_attempt_end(sequence, fjsCOMPLETED, fjesCALL_COMPLETED, PAGES, retries);
    expect(sequence, "OutgoingMessageAdded J");
    expect(sequence, "OutgoingJobRemoved J");
    expect_activity(sequence, 0, 0, 0, 0);
}

/* ---- the actual sequence ---- */

/* The first id in line, if any, as a letter. */
static void replace_id(char *line, const char *id, char letter)
{
    char *found = id[0] ? strstr(line, id) : NULL;

    if (!found) return;
    *found = letter;
    memmove(found + 1, found + 16, strlen(found + 16) + 1);
}

/* The sink's lines that start with one of the prefixes (NULL: all), with the ids of J (the
 * outgoing job) and K (the first incoming job) as those letters. */
static void actual_lines(struct line_sink *sink, const char * const *prefixes, ULONGLONG job, struct sequence *out)
{
    char j[17], k[17] = "", line[LINE_SIZE];
    LONG i, n = sink->sink.count < MAX_CALLS ? sink->sink.count : MAX_CALLS;
    unsigned int p;
    BOOL keep;

    snprintf(j, sizeof(j), "%08lX%08lX", (ULONG)(job >> 32), (ULONG)job);
    out->count = 0;
    for (i = 0; i < n; i++)
    {
        strcpy(line, sink->lines[i]);
        if (!k[0] && !strncmp(line, "IncomingJobAdded ", 17)) lstrcpynA(k, line + 17, sizeof(k));
        for (p = 0, keep = !prefixes; prefixes && prefixes[p] && !keep; p++)
            keep = !strncmp(line, prefixes[p], strlen(prefixes[p]));
        if (!keep) continue;
        replace_id(line, j, 'J');
        replace_id(line, k, 'K');
        expect(out, "%s", line);
    }
}

static void pump(DWORD ms)
{
    HANDLE never = GetCurrentProcess();
    double end = now_ms() + ms;
    DWORD index;

    while (now_ms() < end)
        CoWaitForMultipleHandles(COWAIT_DISPATCH_CALLS | COWAIT_DISPATCH_WINDOW_MESSAGES, 20, 1, &never, &index);
}

static BOOL has_text(struct line_sink *sink, const char *text)
{
    LONG i;
    for (i = 0; i < sink->sink.count && i < MAX_CALLS; i++)
        if (strstr(sink->lines[i], text)) return TRUE;
    return FALSE;
}

/* Pumps until a line holds text; FALSE after WAIT_MS without. */
static BOOL pump_until_text(struct line_sink *sink, const char *text)
{
    double deadline = now_ms() + WAIT_MS;

    while (!has_text(sink, text) && now_ms() < deadline) pump(20);
    return has_text(sink, text);
}

/* ---- the service's side ---- */

/* FaxDocument.ConnectedSubmit of the body to number (far ahead: scheduled in 1000 days); the
 * job id it returned. */
static BOOL connected_submit(IFaxServer2 *server, const WCHAR *number, BOOL far_ahead, ULONGLONG *id)
{
    IFaxDocument *document;
    IFaxRecipients *recipients;
    IFaxRecipient *recipient;
    BSTR number_text = SysAllocString(number), got = NULL;
    SYSTEMTIME now;
    DATE date;
    VARIANT ids;
    LONG index;
    HRESULT hr;

    *id = 0;
    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument, (void **)&document);
    ok(hr == S_OK, "CoCreateInstance(FaxDocument): %#lx\n", hr);
    if (FAILED(hr)) return FALSE;
    IFaxDocument_put_Body(document, body_path);
    if (SUCCEEDED(IFaxDocument_get_Recipients(document, &recipients)))
    {
        if (SUCCEEDED(IFaxRecipients_Add(recipients, number_text, NULL, &recipient))) IFaxRecipient_Release(recipient);
        IFaxRecipients_Release(recipients);
    }
    if (far_ahead)
    {
        GetLocalTime(&now);
        SystemTimeToVariantTime(&now, &date);
        IFaxDocument_put_ScheduleType(document, fstSPECIFIC_TIME);
        IFaxDocument_put_ScheduleTime(document, date + 1000.0);
    }
    VariantInit(&ids);
    hr = IFaxDocument_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    ok(hr == S_OK && V_VT(&ids) == (VT_ARRAY | VT_BSTR), "ConnectedSubmit: %#lx, type %#x\n", hr, V_VT(&ids));
    if (hr == S_OK && SUCCEEDED(SafeArrayGetLBound(V_ARRAY(&ids), 1, &index)) &&
        SUCCEEDED(SafeArrayGetElement(V_ARRAY(&ids), &index, &got)))
        *id = _wcstoui64(got, NULL, 16);
    SysFreeString(got);
    VariantClear(&ids);
    IFaxDocument_Release(document);
    SysFreeString(number_text);
    return *id != 0;
}

static DWORD cancel_job(struct fxs_link *link, ULONGLONG id)
{
    return fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
}

/* Sets keys of a configuration class over the service's RPC (key, value, ..., NULL), the others
 * as they are. */
static BOOL set_config(struct fxs_link *link, DWORD config_class, ...)
{
    record *old = NULL, *new = NULL;
    BYTE *got = NULL;
    uint8_t *data = NULL;
    DWORD size = 0, error = ERROR_INVALID_DATA;
    size_t i, length;
    const uint8_t *value;
    const char *key, *name, *text;
    va_list args;

    if (!fxs_rpc_get_config(fxs_link_session(link), config_class, &size, &got) && !record_parse(got, size, &old) &&
        !record_create(record_kind(old), &new))
    {
        for (i = 0; i < record_count(old); i++)
        {
            record_field(old, i, &name, &value, &length);
            va_start(args, config_class);
            while ((key = va_arg(args, const char *)) && (text = va_arg(args, const char *)))
                if (!strcmp(key, name)) value = (const uint8_t *)text, length = strlen(text);
            va_end(args);
            record_add_bytes(new, name, value, length);
        }
        if (!record_serialize(new, &data, &length))
            error = fxs_rpc_set_config(fxs_link_session(link), config_class, (DWORD)length, data);
    }
    ok(!error, "setting configuration class %#lx: %lu\n", config_class, error);
    free(data);
    free(got);
    record_free(old);
    record_free(new);
    return !error;
}

/* ---- a run: a listening FaxServer, a fax, and the sequence expected ---- */

struct run
{
    IFaxServer2 *server;
    IConnectionPoint *point;
    DWORD cookie;
    struct line_sink *sink;
    struct sequence *expected;
    ULONGLONG id;                   /* J */
};

/* Waits until the sink has as many (kept) calls as expected, and a little more; then compares. */
static void check_sequence(struct run *run, const char * const *prefixes)
{
    struct sequence *actual = malloc(sizeof(*actual)), *expected = run->expected;
    double deadline = now_ms() + WAIT_MS;
    unsigned int i, same = 0;

    do
    {
        pump(20);
        actual_lines(run->sink, prefixes, run->id, actual);
    } while (actual->count < expected->count && now_ms() < deadline);
    pump(SETTLE_MS);
    actual_lines(run->sink, prefixes, run->id, actual);

    while (same < expected->count && same < actual->count && !strcmp(expected->lines[same], actual->lines[same]))
        same++;
    ok(same == expected->count && actual->count == expected->count,
       "%u events, %u expected; the first %u as expected\n", actual->count, expected->count, same);
    if (same != expected->count || actual->count != expected->count)
        for (i = 0; i < max(actual->count, expected->count); i++)
            trace("%2u %c %-60s | %s\n", i, i < same ? ' ' : '!', i < expected->count ? expected->lines[i] : "-",
                  i < actual->count ? actual->lines[i] : "-");
    free(actual);
}

/* A connected FaxServer listening to mask, with a sink on IFaxServerNotify2. */
static BOOL run_listen(struct run *run, FAX_SERVER_EVENTS_TYPE_ENUM mask, struct fxs_link *link)
{
    HRESULT hr;

    memset(run, 0, sizeof(*run));
    run->expected = calloc(1, sizeof(*run->expected));
    run->sink = calloc(1, sizeof(*run->sink));
    sink_init(&run->sink->sink, &DIID_IFaxServerNotify2);
    run->sink->sink.IDispatch_iface.lpVtbl = &line_sink_vtbl;
    run->sink->link = link;
    if (!(run->server = connected_server())) return FALSE;
    run->point = find_point(run->server, &DIID_IFaxServerNotify2);
    hr = IConnectionPoint_Advise(run->point, (IUnknown *)&run->sink->sink.IDispatch_iface, &run->cookie);
    ok(hr == S_OK, "Advise: %#lx\n", hr);
    hr = IFaxServer2_ListenToServerEvents(run->server, mask);
    ok(hr == S_OK, "ListenToServerEvents: %#lx\n", hr);
    return hr == S_OK;
}

static BOOL run_start(struct run *run, FAX_SERVER_EVENTS_TYPE_ENUM mask, struct fxs_link *link, const WCHAR *number,
                      BOOL far_ahead)
{
    return run_listen(run, mask, link) && connected_submit(run->server, number, far_ahead, &run->id);
}

static void run_end(struct run *run)
{
    if (run->server)
    {
        IConnectionPoint_Unadvise(run->point, run->cookie);
        IConnectionPoint_Release(run->point);
        ok(IFaxServer2_Disconnect(run->server) == S_OK, "Disconnect failed\n");
        IFaxServer2_Release(run->server);
    }
    sink_clear(&run->sink->sink);
    free(run->sink);
    free(run->expected);
}

/* ---- the sequences ---- */

static const FAX_SERVER_EVENTS_TYPE_ENUM receiving_side = fsetIN_QUEUE | fsetIN_ARCHIVE | fsetDEVICE_STATUS |
                                                          fsetINCOMING_CALL;
static const FAX_SERVER_EVENTS_TYPE_ENUM sending_side = fsetOUT_QUEUE | fsetOUT_ARCHIVE | fsetDEVICE_STATUS |
                                                        fsetACTIVITY;
static const char * const incoming_side[] = { "Incoming", "NewCall", "DeviceStatusChange 2 ", NULL };

static void expect_ringing(struct sequence *sequence)
{
    expect_device(sequence, 2, FALSE, FALSE, TRUE);
    expect(sequence, "NewCall 2 1001");
}

static void expect_received(struct sequence *sequence)
{
    LONG page;

    expect_device(sequence, 2, FALSE, TRUE, FALSE);
    expect(sequence, "IncomingJobAdded K");
    expect_job(sequence, "IncomingJobChanged", "K", fjsINPROGRESS, fjesANSWERED, 0, 0);
    for (page = 1; page <= PAGES; page++)
        expect_job(sequence, "IncomingJobChanged", "K", fjsINPROGRESS, fjesRECEIVING, page, 0);
    expect_job(sequence, "IncomingJobChanged", "K", fjsROUTING, fjesCALL_COMPLETED, PAGES, 0);
    expect(sequence, "IncomingMessageAdded K");
    expect(sequence, "IncomingJobRemoved K");
    expect_device(sequence, 2, FALSE, FALSE, FALSE);
}

/* FaxDocument.ConnectedSubmit from device 1 to device 2 (1002): both sides, every class. */
static void test_send_and_receive(struct fxs_link *link)
{
    struct run run;
    LONG page, i;

    if (run_start(&run, fsetIN_QUEUE | fsetOUT_QUEUE | fsetCONFIG | fsetACTIVITY | fsetQUEUE_STATE | fsetIN_ARCHIVE |
                  fsetOUT_ARCHIVE | fsetDEVICE_STATUS | fsetINCOMING_CALL, link, L"1002", FALSE))
    {
        expect_queued(run.expected);
        expect_dialing(run.expected, 0);
        /* 4 s: device 2 rings, and answers at its second ring (RingsBeforeAnswer 2). */
        expect_ringing(run.expected);
        expect_device(run.expected, 2, FALSE, TRUE, FALSE);
        expect(run.expected, "IncomingJobAdded K");
        expect_activity(run.expected, 1, 0, 1, 1);
        expect_job(run.expected, "IncomingJobChanged", "K", fjsINPROGRESS, fjesANSWERED, 0, 0);
        for (page = 1; page <= PAGES; page++)
        {
            expect_job(run.expected, "OutgoingJobChanged", "J", fjsINPROGRESS, fjesTRANSMITTING, page, 0);
            expect_job(run.expected, "IncomingJobChanged", "K", fjsINPROGRESS, fjesRECEIVING, page, 0);
        }
        /* The sender's end first, then the receiver's. */
        expect_job(run.expected, "OutgoingJobChanged", "J", fjsCOMPLETED, fjesCALL_COMPLETED, PAGES, 0);
        expect_device(run.expected, 1, FALSE, FALSE, FALSE);
        expect_activity(run.expected, 1, 0, 0, 1);
        expect(run.expected, "OutgoingMessageAdded J");
        expect(run.expected, "OutgoingJobRemoved J");
        expect_activity(run.expected, 1, 0, 0, 0);
        expect_activity(run.expected, 0, 1, 0, 0);
        expect_job(run.expected, "IncomingJobChanged", "K", fjsROUTING, fjesCALL_COMPLETED, PAGES, 0);
        expect(run.expected, "IncomingMessageAdded K");
        expect(run.expected, "IncomingJobRemoved K");
        expect_activity(run.expected, 0, 0, 0, 0);
        expect_device(run.expected, 2, FALSE, FALSE, FALSE);
        check_sequence(&run, NULL);

        for (i = 0; i < run.sink->sink.count; i++)
            if (run.sink->sink.calls[i].dispid == 23)
                ok(run.sink->call_ids[i] > 0, "OnNewCall's call id %ld\n", run.sink->call_ids[i]);
    }
    run_end(&run);
}

/* The receiving side alone, answered automatically. */
static void test_receive_auto_answer(struct fxs_link *link)
{
    struct run run;

    if (run_start(&run, receiving_side, link, L"1002", FALSE))
    {
        expect_ringing(run.expected);
        expect_received(run.expected);
        check_sequence(&run, incoming_side);
    }
    run_end(&run);
}

/* Device 2 in manual mode rings until FaxDevice.AnswerCall (fxs_answer_call). */
static void test_receive_manual_answer(struct fxs_link *link)
{
    struct run run;
    DWORD error;

    if (set_config(link, FXS_CONFIG_DEVICES, "device.2.receive_mode", "2", NULL) &&
        run_start(&run, receiving_side, link, L"1002", FALSE))
    {
        ok(pump_until_text(run.sink, "NewCall"), "no OnNewCall\n");
        /* 300 ms: 15 s of the service's time, past the second ring, which answers in automatic
         * mode, and well before the caller gives up (a minute). */
        pump(300);
        ok(!has_text(run.sink, "IncomingJobAdded"), "answered without AnswerCall\n");
        error = fxs_rpc_answer_call(fxs_link_session(link), 2);
        ok(!error, "answer_call: %lu\n", error);
        expect_ringing(run.expected);
        expect_received(run.expected);
        check_sequence(&run, incoming_side);
        error = fxs_rpc_answer_call(fxs_link_session(link), 2);
        ok(error == ERROR_INVALID_OPERATION, "answer_call with nothing ringing: %lu\n", error);
    }
    run_end(&run);
    set_config(link, FXS_CONFIG_DEVICES, "device.2.receive_mode", "1", NULL);
}

/* 9202: busy at the first two calls, then a remote fax machine answers. */
static void test_busy_retry_success(struct fxs_link *link)
{
    struct run run;
    LONG page, retries;

    if (run_start(&run, sending_side, link, L"9202", FALSE))
    {
        expect_queued(run.expected);
        for (retries = 0; retries < 2; retries++)
        {
            expect_dialing(run.expected, retries);
            expect_attempt_end(run.expected, fjsRETRYING, fjesBUSY, 0, retries + 1);
        }
        expect_dialing(run.expected, 2);
        for (page = 1; page <= PAGES; page++)
            expect_job(run.expected, "OutgoingJobChanged", "J", fjsINPROGRESS, fjesTRANSMITTING, page, 2);
        expect_sent(run.expected, 2);
        check_sequence(&run, NULL);
    }
    run_end(&run);
}

/* 9000 (always busy) with one retry: RETRIES_EXCEEDED, kept until it is cancelled. */
static void test_retries_exceeded(struct fxs_link *link)
{
    struct run run;
    DWORD error;

    if (set_config(link, FXS_CONFIG_OUTBOX, "retries", "1", NULL) &&
        run_start(&run, sending_side, link, L"9000", FALSE))
    {
        ok(pump_until_text(run.sink, "status=0x80 "), "no RETRIES_EXCEEDED\n");
        pump(1500);   /* more than a retry delay: the job stays */
        error = cancel_job(link, run.id);
        ok(!error, "cancel: %lu\n", error);
        expect_queued(run.expected);
        expect_dialing(run.expected, 0);
        expect_attempt_end(run.expected, fjsRETRYING, fjesBUSY, 0, 1);
        expect_dialing(run.expected, 1);
        expect_attempt_end(run.expected, fjsRETRIES_EXCEEDED, fjesBUSY, 0, 1);
        expect_job(run.expected, "OutgoingJobChanged", "J", fjsCANCELED, fjesNONE, 0, 1);
        expect(run.expected, "OutgoingJobRemoved J");
        expect_activity(run.expected, 0, 0, 0, 0);
        check_sequence(&run, NULL);
    }
    run_end(&run);
    set_config(link, FXS_CONFIG_OUTBOX, "retries", "3", NULL);
}

/* A job scheduled far ahead waits PENDING; cancelled there, it goes at once. */
static void test_cancel_queued(struct fxs_link *link)
{
    struct run run;
    DWORD error;

    if (run_start(&run, sending_side, link, L"1002", TRUE))
    {
        ok(pump_until_text(run.sink, "status=0x1 "), "no PENDING\n");
        error = cancel_job(link, run.id);
        ok(!error, "cancel: %lu\n", error);
        expect_queued(run.expected);
        expect_job(run.expected, "OutgoingJobChanged", "J", fjsCANCELED, fjesNONE, 0, 0);
        expect(run.expected, "OutgoingJobRemoved J");
        expect_activity(run.expected, 0, 0, 0, 0);
        check_sequence(&run, NULL);
        error = cancel_job(link, run.id);
        ok(error == ERROR_NOT_FOUND, "cancelling it again: %lu\n", error);
    }
    run_end(&run);
}

/* Cancels the job of the line, inside the sink's call. */
static void cancel_from_line(struct line_sink *sink, const char *line)
{
    DWORD error = cancel_job(sink->link, _strtoui64(strchr(line, ' ') + 1, NULL, 16));

    ok(!error, "cancel during the call: %lu\n", error);
}

/* 9001 rings for a minute unanswered: cancelled while dialing, the job goes through CANCELING. */
static void test_cancel_in_progress(struct fxs_link *link)
{
    struct run run;

    if (run_listen(&run, sending_side, link))
    {
        run.sink->trigger = " status=0x2 ext=3 ";
        run.sink->action = cancel_from_line;
        if (connected_submit(run.server, L"9001", FALSE, &run.id))
        {
            expect_queued(run.expected);
            expect_dialing(run.expected, 0);
            expect_job(run.expected, "OutgoingJobChanged", "J", fjsCANCELING, fjesDIALING, 0, 0);
            expect_attempt_end(run.expected, fjsCANCELED, fjesCALL_ABORTED, 0, 0);
            expect(run.expected, "OutgoingJobRemoved J");
            expect_activity(run.expected, 0, 0, 0, 0);
            check_sequence(&run, NULL);
        }
    }
    run_end(&run);
}

static void write_body_file(void)
{
    WCHAR path[MAX_PATH];
    tiff_buffer body = make_body(PAGES);
    DWORD written = 0;
    HANDLE file;

    GetTempPathW(ARRAY_SIZE(path), path);
    swprintf(path + wcslen(path), MAX_PATH - wcslen(path), L"fxscomex-sequences-%lu.tif", GetCurrentProcessId());
    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE && WriteFile(file, body.data, (DWORD)body.size, &written, NULL), "writing %s\n",
       wine_dbgstr_w(path));
    CloseHandle(file);
    tiff_buffer_free(&body);
    body_path = SysAllocString(path);
}

START_TEST(event_sequences)
{
    struct fxs_link *link;
    WCHAR root[MAX_PATH];

    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-sequences", root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, CLOCK_SPEED);
    write_body_file();

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (open_link(NULL, 0, FALSE, &link) == ERROR_SUCCESS)
    {
        /* A retry a minute after a failed call: 1.2 s here. */
        set_config(link, FXS_CONFIG_OUTBOX, "retry_delay", "1", "retries", "3", NULL);
        test_send_and_receive(link);
        test_receive_auto_answer(link);
        test_busy_retry_success(link);
        test_retries_exceeded(link);
        test_cancel_queued(link);
        test_cancel_in_progress(link);
        test_receive_manual_answer(link);
        fxs_link_close(link);
    }
    else ok(0, "no session with the service\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    DeleteFileW(body_path);
    SysFreeString(body_path);
    remove_folder(root);
}
