/*
 * Every one of the 26 IFaxServerNotify2 events, caused for real, with its exact arguments: a fax
 * from virtual device 1 to device 2 (the queue, archive, call, device and activity events), the
 * deletion of both messages, a paused job compared property by property with the service's own
 * view, a call left ringing on a device in manual answer, the queues blocked and paused, a change
 * of every configuration class over the service's RPC, and the end of the service.
 *
 * Two dispatch-only sinks (as VB6 and script hosts make them) listen on one FaxServer: one on
 * DIID_IFaxServerNotify2, one on the legacy DIID_IFaxServerNotify. Each call is checked for its
 * DISPID, DISPATCH_METHOD with IID_NULL, no named arguments, its argument count and every
 * argument's VARTYPE (rgvarg holds them last to first), and its values: the FaxServer itself
 * first, 16-digit ids, FaxJobStatus snapshots, device ids, counts, VARIANT_BOOLs of exactly -1 or
 * 0. The legacy sink gets the very same calls but OnGeneralServerConfigChanged.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "event_sink.h"
#include "fxs_job_info.h"
#include "fxs_device_info.h"
#include <sddl.h>
#include <math.h>

#define SENDER_TSID L"ARGS TSID"

enum { OFF = VARIANT_FALSE, ON = VARIANT_TRUE };   /* VARIANT_BOOLs as the sink records them */

static struct fxs_link *link;
static IFaxServer2 *server;
static IUnknown *server_identity;
static struct sink *sink2, *legacy;     /* on DIID_IFaxServerNotify2, on DIID_IFaxServerNotify */

/* The configuration DISPIDs the changes of this test must cause, in order. */
static DISPID config_expected[64];
static unsigned int config_expected_count;

/* Both sinks get the call (the legacy one unless it is the 26th event). */
static int wait_both(LONG from2, LONG from_legacy, const struct call_spec *spec)
{
    int index = wait_spec(sink2, from2, spec);

    ok(index >= 0, "no DISPID %ld (%s) on IFaxServerNotify2\n", spec->dispid, wine_dbgstr_w(spec->text));
    if (spec->dispid != 26)
        ok(wait_spec(legacy, from_legacy, spec) >= 0, "no DISPID %ld (%s) on IFaxServerNotify\n", spec->dispid,
           wine_dbgstr_w(spec->text));
    return index;
}

/* ---- the shape of every call ---- */

static BOOL is_hex_id(const WCHAR *text)
{
    int i;
    for (i = 0; i < 16; i++)
        if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'A' && text[i] <= 'F'))) return FALSE;
    return !text[16];
}

static void check_call_shape(const struct recorded_call *call, BOOL legacy_point)
{
    const struct server_event_shape *shape;
    UINT i;

    ok(call->dispid >= 1 && call->dispid <= (legacy_point ? 25 : 26), "DISPID %ld\n", call->dispid);
    if (call->dispid < 1 || call->dispid > 26) return;
    shape = &server_event_shapes[call->dispid - 1];
    winetest_push_context("%s", shape->name);
    ok(call->flags == DISPATCH_METHOD, "flags %#x\n", call->flags);
    ok(call->iid_null, "riid is not IID_NULL\n");
    ok(call->named == 0, "%u named arguments\n", call->named);
    ok(call->count == shape->count, "%u arguments, expected %u\n", call->count, shape->count);
    for (i = 0; i < shape->count && i < call->count; i++)
    {
        ok(call->types[i] == shape->types[i], "argument %u is of type %u, expected %u\n", i, call->types[i],
           shape->types[i]);
        if (call->types[i] == VT_BOOL)
            ok(call->longs[i] == VARIANT_TRUE || call->longs[i] == VARIANT_FALSE, "argument %u: VARIANT_BOOL %ld\n",
               i, call->longs[i]);
    }
    ok(call->server == server_identity, "the first argument is not this FaxServer (%p, %p)\n", call->server,
       server_identity);
    ok(!call->null_bstr, "a NULL BSTR\n");
    ok(call->server1 && call->server2, "the first argument answers IFaxServer %d, IFaxServer2 %d\n", call->server1,
       call->server2);
    if (shape->id) ok(is_hex_id(call->texts[1]), "id %s\n", wine_dbgstr_w(call->texts[1]));
    winetest_pop_context();
}

/* ---- configuration ---- */

static void expect_config_event(DISPID dispid)
{
    if (config_expected_count < ARRAY_SIZE(config_expected)) config_expected[config_expected_count++] = dispid;
}

static const char *value_of(const record *rec, const char *key)
{
    const char *value = "";
    if (rec) record_get_string(rec, key, &value);
    return value;
}

/* ---- the FaxJobStatus against the service's own view ---- */

static void check_time(HRESULT hr, DATE time, const fxs_job_status *job, DWORD which, double expected, const char *name)
{
    if (job->times_set & which)
        ok(hr == S_OK && time == expected, "%s: %#lx %f, expected %f\n", name, hr, time, expected);
    else
        ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_DATA), "%s without a time: %#lx\n", name, hr);
}

static const WCHAR *text_or_empty(const WCHAR *text)
{
    return text ? text : L"";
}

/* Every one of the 17 properties (available_operations too when with_operations: a message in an
 * archive allows other operations than the job did). */
static void compare_status(const struct job_status_values *seen, const fxs_job_status *job, BOOL with_operations)
{
    ok(seen->status == job->status, "Status %#lx, service %#lx\n", seen->status, job->status);
    ok(seen->extended_status_code == job->extended_status_code, "ExtendedStatusCode %ld, service %lu\n",
       seen->extended_status_code, job->extended_status_code);
    ok(seen->pages == job->pages, "Pages %ld, service %ld\n", seen->pages, job->pages);
    ok(seen->size == job->size, "Size %ld, service %ld\n", seen->size, job->size);
    ok(seen->current_page == job->current_page, "CurrentPage %ld, service %ld\n", seen->current_page,
       job->current_page);
    ok(seen->device_id == job->device_id, "DeviceId %ld, service %ld\n", seen->device_id, job->device_id);
    if (with_operations)
        ok(seen->available_operations == job->available_operations, "AvailableOperations %#lx, service %#lx\n",
           seen->available_operations, job->available_operations);
    ok(seen->retries == job->retries, "Retries %ld, service %ld\n", seen->retries, job->retries);
    ok(seen->job_type == job->job_type, "JobType %ld, service %lu\n", seen->job_type, job->job_type);
    check_time(seen->scheduled_hr, seen->scheduled_time, job, FXS_TIME_SCHEDULED, job->scheduled_time, "ScheduledTime");
    check_time(seen->start_hr, seen->transmission_start, job, FXS_TIME_TRANSMISSION_START, job->transmission_start,
               "TransmissionStart");
    check_time(seen->end_hr, seen->transmission_end, job, FXS_TIME_TRANSMISSION_END, job->transmission_end,
               "TransmissionEnd");
    ok(!lstrcmpW(seen->extended_status, text_or_empty(job->extended_status)), "ExtendedStatus %s, service %s\n",
       wine_dbgstr_w(seen->extended_status), wine_dbgstr_w(job->extended_status));
    ok(!lstrcmpW(seen->csid, text_or_empty(job->csid)), "CSID %s, service %s\n", wine_dbgstr_w(seen->csid),
       wine_dbgstr_w(job->csid));
    ok(!lstrcmpW(seen->tsid, text_or_empty(job->tsid)), "TSID %s, service %s\n", wine_dbgstr_w(seen->tsid),
       wine_dbgstr_w(job->tsid));
    ok(!lstrcmpW(seen->caller_id, text_or_empty(job->caller_id)), "CallerId %s, service %s\n",
       wine_dbgstr_w(seen->caller_id), wine_dbgstr_w(job->caller_id));
    ok(!lstrcmpW(seen->routing_information, text_or_empty(job->routing_information)),
       "RoutingInformation %s, service %s\n", wine_dbgstr_w(seen->routing_information),
       wine_dbgstr_w(job->routing_information));
}

static BOOL get_job(DWORD folder, const WCHAR *id, fxs_job_info *job)
{
    DWORD status;

    memset(job, 0, sizeof(*job));
    status = fxs_rpc_get_job(fxs_link_session(link), folder, wcstoull(id, NULL, 16), job);
    ok(status == ERROR_SUCCESS, "get_job(%lu, %s): %lu\n", folder, wine_dbgstr_w(id), status);
    return !status;
}

static void control_job(const WCHAR *id, DWORD operation)
{
    DWORD status = fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, wcstoull(id, NULL, 16),
                                       operation);
    ok(status == ERROR_SUCCESS, "operation %lu on %s: %lu\n", operation, wine_dbgstr_w(id), status);
}

/* The last *JobChanged of a job (DISPID 3 or 6) compared with the service's record of it. */
static void compare_last_status(DISPID dispid, const WCHAR *id, DWORD folder, BOOL with_operations)
{
    struct call_spec spec = { dispid, id };
    int index = last_spec(sink2, &spec);
    fxs_job_info job;

    ok(index >= 0, "no status of %s\n", wine_dbgstr_w(id));
    if (index < 0 || !get_job(folder, id, &job)) return;
    winetest_push_context("status of %s", wine_dbgstr_w(id));
    compare_status(&sink2->calls[index].status, &job.status, with_operations);
    winetest_pop_context();
    fxs_job_info_clear(&job);
}

/* ---- the events of a fax ---- */

/* Submits a one-page fax through the public API: a FaxDocument with a body file, the sender's
 * TSID, one recipient, ConnectedSubmit on the FaxServer; the job id it returned. */
static BOOL connected_submit(const WCHAR *number, WCHAR *id)
{
    tiff_buffer image = event_fax_body();
    WCHAR path[MAX_PATH];
    BSTR body, text, tsid = SysAllocString(SENDER_TSID), job_id = NULL;
    IFaxDocument2 *document;
    IFaxRecipients *recipients;
    IFaxRecipient *recipient;
    IFaxSender *sender;
    VARIANT ids;
    DWORD written;
    HANDLE file;
    LONG index = 0;
    HRESULT hr;

    GetTempPathW(ARRAY_SIZE(path), path);
    swprintf(path + lstrlenW(path), MAX_PATH - lstrlenW(path), L"fxs-event-args-%lu.tif", GetCurrentProcessId());
    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, image.data, (DWORD)image.size, &written, NULL);
    CloseHandle(file);
    tiff_buffer_free(&image);

    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument2, (void **)&document);
    ok(hr == S_OK, "CoCreateInstance(FaxDocument): %#lx\n", hr);
    if (hr != S_OK) return FALSE;
    IFaxDocument2_put_Body(document, (body = SysAllocString(path)));
    IFaxDocument2_get_Sender(document, &sender);
    IFaxSender_put_TSID(sender, tsid);
    IFaxSender_Release(sender);
    IFaxDocument2_get_Recipients(document, &recipients);
    hr = IFaxRecipients_Add(recipients, (text = SysAllocString(number)), NULL, &recipient);
    ok(hr == S_OK, "Recipients.Add: %#lx\n", hr);
    if (hr == S_OK) IFaxRecipient_Release(recipient);
    IFaxRecipients_Release(recipients);
    VariantInit(&ids);
    hr = IFaxDocument2_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    ok(hr == S_OK && V_VT(&ids) == (VT_ARRAY | VT_BSTR), "ConnectedSubmit: %#lx, type %#x\n", hr, V_VT(&ids));
    if (hr == S_OK) SafeArrayGetElement(V_ARRAY(&ids), &index, &job_id);
    ok(job_id && is_hex_id(job_id), "job id %s\n", wine_dbgstr_w(job_id));
    if (job_id) lstrcpynW(id, job_id, 17);
    VariantClear(&ids);
    IFaxDocument2_Release(document);
    DeleteFileW(path);
    SysFreeString(body);
    SysFreeString(text);
    SysFreeString(tsid);
    SysFreeString(job_id);
    return job_id != NULL;
}

static void check_order(const WCHAR *id, DISPID added, DISPID changed, DISPID archived, DISPID removed)
{
    int a = sink_find(sink2, added, id), c = sink_find(sink2, changed, id), m = sink_find(sink2, archived, id);
    int r = sink_find(sink2, removed, id);

    ok(a >= 0 && a < c && c < m && m < r, "%s: added %d, changed %d, archived %d, removed %d\n", wine_dbgstr_w(id),
       a, c, m, r);
}

static BOOL any_status(const WCHAR *id, DISPID dispid, LONG status, LONG extended)
{
    LONG i;
    for (i = 0; i < sink2->count; i++)
        if (sink2->calls[i].dispid == dispid && !lstrcmpW(sink2->calls[i].text, id) &&
            sink2->calls[i].status.status == status &&
            (extended < 0 || sink2->calls[i].status.extended_status_code == extended))
            return TRUE;
    return FALSE;
}

static BOOL any_activity(int counter, LONG value)
{
    LONG i;
    for (i = 0; i < sink2->count; i++)
        if (sink2->calls[i].dispid == 21 && sink2->calls[i].longs[1 + counter] == value) return TRUE;
    return FALSE;
}

/* A fax from device 1 to device 2, submitted through FaxDocument: OnOutgoingJob* with the id
 * ConnectedSubmit returned, OnIncomingJob*, On*MessageAdded, OnNewCall, OnDeviceStatusChange,
 * OnServerActivityChange. The incoming job's id in in_id. */
static void test_fax(WCHAR *out_id, WCHAR *in_id)
{
    /* OnDeviceStatusChange(device, powered off, sending, receiving, ringing) */
    static const struct call_spec sending = { 25, NULL, 5, { 1, OFF, ON, OFF, OFF } };
    static const struct call_spec ringing = { 25, NULL, 5, { 2, OFF, OFF, OFF, ON } };
    static const struct call_spec receiving = { 25, NULL, 5, { 2, OFF, OFF, ON, OFF } };
    static const struct call_spec idle1 = { 25, NULL, 5, { 1, OFF, OFF, OFF, OFF } };
    static const struct call_spec idle2 = { 25, NULL, 5, { 2, OFF, OFF, OFF, OFF } };
    struct call_spec spec = { 0 };
    LONG from2 = sink2->count, from_legacy = legacy->count;
    int index, sent, rang;

    in_id[0] = 0;
    if (!connected_submit(L"1002", out_id)) return;

    spec.dispid = 5;
    spec.text = out_id;
    wait_both(from2, from_legacy, &spec);
    index = wait_event(sink2, from2, 1, NULL);
    ok(index >= 0, "no OnIncomingJobAdded\n");
    if (index < 0) return;
    lstrcpyW(in_id, sink2->calls[index].text);
    ok(lstrcmpW(in_id, out_id), "the incoming job has the outgoing job's id %s\n", wine_dbgstr_w(in_id));
    spec.dispid = 2;
    spec.text = in_id;
    wait_both(from2, from_legacy, &spec);
    spec.dispid = 7;
    wait_both(from2, from_legacy, &spec);
    spec.dispid = 9;
    spec.text = out_id;
    wait_both(from2, from_legacy, &spec);
    sent = wait_spec(sink2, from2, &sending);
    rang = wait_spec(sink2, from2, &ringing);
    ok(sent >= 0, "no OnDeviceStatusChange(1, sending)\n");
    ok(rang >= 0, "no OnDeviceStatusChange(2, ringing)\n");
    ok(wait_spec(sink2, from2, &receiving) > rang, "no OnDeviceStatusChange(2, receiving) after ringing\n");
    ok(wait_spec(sink2, sent + 1, &idle1) > sent, "device 1 did not become idle\n");
    ok(wait_spec(sink2, rang + 1, &idle2) > rang, "device 2 did not become idle\n");

    check_order(out_id, 4, 6, 9, 5);
    check_order(in_id, 1, 3, 7, 2);

    /* OnNewCall(call id, device 2, the caller's number), before the incoming job. */
    index = sink_find(sink2, 23, NULL);
    ok(index >= 0 && index < sink_find(sink2, 1, in_id), "OnNewCall at %d\n", index);
    if (index >= 0)
    {
        ok(sink2->calls[index].longs[1] >= 1, "call id %ld\n", sink2->calls[index].longs[1]);
        ok(sink2->calls[index].longs[2] == 2, "device %ld\n", sink2->calls[index].longs[2]);
        ok(!lstrcmpW(sink2->calls[index].texts[3], L"1001"), "caller id %s\n",
           wine_dbgstr_w(sink2->calls[index].texts[3]));
    }

    /* The statuses: pending, in progress, completed; the receive's own. */
    index = sink_find(sink2, 6, out_id);
    if (index >= 0)
    {
        ok(sink2->calls[index].status.status == fjsPENDING, "first status %#lx\n", sink2->calls[index].status.status);
        ok(sink2->calls[index].status.job_type == fjtSEND, "JobType %ld\n", sink2->calls[index].status.job_type);
    }
    ok(any_status(out_id, 6, fjsINPROGRESS, fjesTRANSMITTING), "no status TRANSMITTING\n");
    ok(any_status(out_id, 6, fjsCOMPLETED, fjesCALL_COMPLETED), "no status COMPLETED\n");
    ok(any_status(in_id, 3, fjsINPROGRESS, fjesRECEIVING), "no status RECEIVING\n");
    index = sink_find(sink2, 3, in_id);
    if (index >= 0)
    {
        const struct job_status_values *status = &sink2->calls[index].status;
        ok(status->job_type == fjtRECEIVE, "incoming JobType %ld\n", status->job_type);
        ok(status->device_id == 2, "incoming DeviceId %ld\n", status->device_id);
        ok(!lstrcmpW(status->caller_id, L"1001"), "incoming CallerId %s\n", wine_dbgstr_w(status->caller_id));
        ok(!lstrcmpW(status->tsid, SENDER_TSID), "incoming TSID %s\n", wine_dbgstr_w(status->tsid));
    }
    compare_last_status(6, out_id, FXS_FOLDER_OUTGOING_ARCHIVE, FALSE);
    compare_last_status(3, in_id, FXS_FOLDER_INCOMING_ARCHIVE, FALSE);

    /* Activity: the send and the receive counted while they ran. */
    ok(any_activity(2, 1), "no OnServerActivityChange with one fax being sent\n");
    ok(any_activity(0, 1), "no OnServerActivityChange with one fax being received\n");
    ok(any_activity(3, 1), "no OnServerActivityChange with one fax queued\n");
}

/* OnOutgoingMessageRemoved and OnIncomingMessageRemoved: the messages deleted. */
static void test_delete_messages(const WCHAR *out_id, const WCHAR *in_id)
{
    struct call_spec spec = { 10, out_id };
    LONG from2 = sink2->count, from_legacy = legacy->count;
    DWORD status;

    status = fxs_rpc_delete_message(fxs_link_session(link), FXS_FOLDER_OUTGOING_ARCHIVE, wcstoull(out_id, NULL, 16));
    ok(status == ERROR_SUCCESS, "deleting the sent fax: %lu\n", status);
    wait_both(from2, from_legacy, &spec);
    status = fxs_rpc_delete_message(fxs_link_session(link), FXS_FOLDER_INCOMING_ARCHIVE, wcstoull(in_id, NULL, 16));
    ok(status == ERROR_SUCCESS, "deleting the received fax: %lu\n", status);
    spec.dispid = 8;
    spec.text = in_id;
    wait_both(from2, from_legacy, &spec);
}

/* A job scheduled far ahead, paused: its FaxJobStatus against the service's job, all 17
 * properties; then cancelled. */
static void test_paused_job(void)
{
    struct call_spec spec = { 6 };
    fxs_document document = { 0 };
    LONG from2 = sink2->count, from_legacy = legacy->count;
    SYSTEMTIME now;
    fxs_job_info job;
    WCHAR id[17];
    int index = -1;
    double deadline;

    GetLocalTime(&now);
    SystemTimeToVariantTime(&now, &document.schedule_time);
    document.schedule_time += 1000.0;
    document.schedule_type = fstSPECIFIC_TIME;
    document.sender.tsid = (WCHAR *)SENDER_TSID;
    if (!submit_document_fax(link, &document, L"5551234", id)) return;
    spec.text = id;
    wait_both(from2, from_legacy, &spec);

    control_job(id, FXS_JOB_PAUSE);
    deadline = now_ms() + WAIT_MS;
    while (now_ms() < deadline && (index < 0 || !(sink2->calls[index].status.status & fjsPAUSED)))
    {
        index = last_spec(sink2, &spec);
        Sleep(5);
    }
    ok(index >= 0 && (sink2->calls[index].status.status & fjsPAUSED), "no paused status\n");
    if (index >= 0 && get_job(FXS_FOLDER_OUTGOING_QUEUE, id, &job))
    {
        const struct job_status_values *seen = &sink2->calls[index].status;
        winetest_push_context("paused job");
        compare_status(seen, &job.status, TRUE);
        ok(seen->scheduled_hr == S_OK && seen->start_hr == HRESULT_FROM_WIN32(ERROR_INVALID_DATA) &&
           seen->end_hr == HRESULT_FROM_WIN32(ERROR_INVALID_DATA), "times %#lx %#lx %#lx\n", seen->scheduled_hr,
           seen->start_hr, seen->end_hr);
        ok(fabs(seen->scheduled_time - document.schedule_time) < 1.0 / 86400, "ScheduledTime %f, submitted %f\n",
           seen->scheduled_time, document.schedule_time);
        ok(seen->available_operations & fjoRESUME, "AvailableOperations %#lx\n", seen->available_operations);
        ok(!lstrcmpW(seen->tsid, SENDER_TSID), "TSID %s\n", wine_dbgstr_w(seen->tsid));
        winetest_pop_context();
        fxs_job_info_clear(&job);
    }

    control_job(id, FXS_JOB_CANCEL);
    spec.dispid = 5;
    wait_both(from2, from_legacy, &spec);
    spec.dispid = 6;
    index = last_spec(sink2, &spec);
    ok(index >= 0 && sink2->calls[index].status.status == fjsCANCELED, "last status before removal %#lx\n",
       index >= 0 ? sink2->calls[index].status.status : -1);
}

/* A call that rings on a device in manual answer: OnNewCall and OnDeviceStatusChange(ringing),
 * then the sender cancels. */
static void test_new_call(void)
{
    static const struct config_value manual[] = { { "device.2.receive_mode", "2" } };
    static const struct call_spec ringing = { 25, NULL, 5, { 2, OFF, OFF, OFF, ON } };
    static const struct call_spec idle = { 25, NULL, 5, { 2, OFF, OFF, OFF, OFF } };
    struct call_spec spec = { 18 };
    LONG from2 = sink2->count, from_legacy = legacy->count;
    record *original;
    WCHAR id[17];
    int index, rang;

    if (change_config(link, FXS_CONFIG_DEVICES, manual, 1, &original)) return;
    expect_config_event(18);
    wait_both(from2, from_legacy, &spec);
    if (submit_fax_for_id_text(link, L"1002", id))
    {
        spec.dispid = 23;
        index = wait_both(from2, from_legacy, &spec);
        if (index >= 0)
        {
            ok(sink2->calls[index].longs[2] == 2, "OnNewCall on device %ld\n", sink2->calls[index].longs[2]);
            ok(!lstrcmpW(sink2->calls[index].texts[3], L"1001"), "caller %s\n",
               wine_dbgstr_w(sink2->calls[index].texts[3]));
        }
        rang = wait_both(from2, from_legacy, &ringing);
        control_job(id, FXS_JOB_CANCEL);
        spec.dispid = 5;
        spec.text = id;
        wait_both(from2, from_legacy, &spec);
        ok(rang >= 0 && wait_spec(sink2, rang + 1, &idle) > rang, "device 2 did not stop ringing\n");
        /* Nobody answered: no incoming job. */
        ok(sink_find(sink2, 23, NULL) >= 0 && find_spec(sink2, from2, &(struct call_spec){ 1 }) < 0,
           "an incoming job in manual answer\n");
    }
    restore_config(link, FXS_CONFIG_DEVICES, original);
    expect_config_event(18);
}

/* OnQueuesStatusChange: each queue state alone, exact VARIANT_BOOLs, after each change's own
 * configuration event (the incoming queue has none). */
static void test_queue_states(void)
{
    static const struct config_value blocked[] = { { "blocked", "1" } }, paused[] = { { "paused", "1" } };
    static const struct { DISPID dispid; LONG values[3]; } expected[] =
    {
        { 15 }, { 22, { ON, OFF, OFF } },
        { 15 }, { 22, { ON, ON, OFF } },
        { 22, { ON, ON, ON } },
        { 15 }, { 22, { OFF, OFF, ON } },
        { 22, { OFF, OFF, OFF } },
    };
    static const struct call_spec last = { 22, NULL, 3, { OFF, OFF, OFF } };
    LONG from[2] = { sink2->count, legacy->count }, i;
    record *outbox, *original, *incoming;
    struct sink *sinks[2] = { sink2, legacy };
    unsigned int s, n;

    if (change_config(link, FXS_CONFIG_OUTBOX, blocked, 1, &outbox)) return;
    if (!change_config(link, FXS_CONFIG_OUTBOX, paused, 1, &original)) record_free(original);
    if (!change_config(link, FXS_CONFIG_INCOMING_QUEUE, blocked, 1, &incoming))
    {
        ok(!strcmp(value_of(incoming, "blocked"), "0"), "the incoming queue was blocked\n");
        restore_config(link, FXS_CONFIG_OUTBOX, outbox);
        restore_config(link, FXS_CONFIG_INCOMING_QUEUE, incoming);
    }
    for (n = 0; n < 3; n++) expect_config_event(15);

    wait_both(from[0], from[1], &last);
    for (s = 0; s < 2; s++)
    {
        winetest_push_context("%s", s ? "IFaxServerNotify" : "IFaxServerNotify2");
        for (i = from[s], n = 0; i < sinks[s]->count; i++)
        {
            const struct recorded_call *call = &sinks[s]->calls[i];
            if (call->dispid != 15 && call->dispid != 22) continue;
            ok(n < ARRAY_SIZE(expected) && call->dispid == expected[n].dispid, "call %u: DISPID %ld\n", n,
               call->dispid);
            if (n < ARRAY_SIZE(expected) && call->dispid == 22)
                ok(call->longs[1] == expected[n].values[0] && call->longs[2] == expected[n].values[1] &&
                   call->longs[3] == expected[n].values[2], "call %u: OnQueuesStatusChange(%ld, %ld, %ld)\n", n,
                   call->longs[1], call->longs[2], call->longs[3]);
            n++;
        }
        ok(n == ARRAY_SIZE(expected), "%u calls\n", n);
        winetest_pop_context();
    }
}

/* Each configuration class changed and put back: its event, twice. */
static void test_config_events(void)
{
    static const struct config_value receipts[] = { { "smtp_port", "2525" } };
    static const struct config_value logging[] = { { "log_incoming", "0" } };
    static const struct config_value eventlogs[] = { { "general_level", "3" } };
    static const struct config_value outbox[] = { { "retries", "7" } };
    static const struct config_value sentitems[] = { { "age_limit", "33" } };
    static const struct config_value inbox[] = { { "age_limit", "34" } };
    static const struct config_value devices[] = { { "device.1.description", "Event test line" } };
    static const struct config_value groups[] = { { "group.0.devices", "2,1" } };
    static const struct config_value rules[] = { { "rule.0.use_device", "1" }, { "rule.0.device_id", "1" } };
    static const struct config_value general[] = { { "auto_create_account_on_connect", "1" } };
    static const struct config_value general_outbox[] = { { "outbox.retry_delay", "7" } };
    struct config_value security[] = { { "descriptor" } };
    static const struct
    {
        DWORD config_class;
        const struct config_value *values;
        unsigned int count;
        DISPID dispid;
        DISPID also;            /* the event of a class the general configuration changed too */
    }
    classes[] =
    {
        { FXS_CONFIG_RECEIPTS, receipts, 1, 11 },
        { FXS_CONFIG_ACTIVITY_LOGGING, logging, 1, 12 },
        { FXS_CONFIG_SECURITY, NULL, 1, 13 },
        { FXS_CONFIG_EVENTLOGS, eventlogs, 1, 14 },
        { FXS_CONFIG_OUTBOX, outbox, 1, 15 },
        { FXS_CONFIG_SENTITEMS, sentitems, 1, 16 },
        { FXS_CONFIG_INBOX, inbox, 1, 17 },
        { FXS_CONFIG_DEVICES, devices, 1, 18 },
        { FXS_CONFIG_OUT_GROUPS, groups, 1, 19 },
        { FXS_CONFIG_OUT_RULES, rules, 2, 20 },
        { FXS_CONFIG_GENERAL, general, 1, 26 },
        { FXS_CONFIG_GENERAL, general_outbox, 1, 26, 15 },
    };
    PSECURITY_DESCRIPTOR descriptor = NULL;
    ULONG size = 0;
    unsigned int i, j;

    /* Everyone gets every right: a change the test's own session survives. */
    ok(ConvertStringSecurityDescriptorToSecurityDescriptorW(L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x7ff;;;WD)",
                                                             SDDL_REVISION_1, &descriptor, &size),
       "no security descriptor\n");
    security[0].value = descriptor;
    security[0].size = size;

    for (i = 0; i < ARRAY_SIZE(classes); i++)
    {
        const struct config_value *values = classes[i].values ? classes[i].values : security;
        struct call_spec spec = { classes[i].dispid }, also = { 0 };
        record *original;

        winetest_push_context("class %#lx", classes[i].config_class);
        for (j = 0; j < 2; j++)
        {
            LONG from2 = sink2->count, from_legacy = legacy->count;
            if (j ? restore_config(link, classes[i].config_class, original)
                  : change_config(link, classes[i].config_class, values, classes[i].count, &original))
                break;
            if (!j) ok(values[0].size || strcmp(value_of(original, values[0].key), values[0].value),
                       "%s was already %s\n", values[0].key, (const char *)values[0].value);
            expect_config_event(classes[i].dispid);
            wait_both(from2, from_legacy, &spec);
            if (!classes[i].also) continue;
            expect_config_event(classes[i].also);
            also.dispid = classes[i].also;
            wait_both(from2, from_legacy, &also);
        }
        winetest_pop_context();
    }
    LocalFree(descriptor);
}

/* The configuration events came exactly as the changes made them, on both points. */
static void check_config_sequence(void)
{
    struct sink *sinks[2] = { sink2, legacy };
    unsigned int s, n, e;
    LONG i;

    for (s = 0; s < 2; s++)
    {
        winetest_push_context("%s", s ? "IFaxServerNotify" : "IFaxServerNotify2");
        for (i = 0, n = 0, e = 0; i < sinks[s]->count; i++)
        {
            DISPID dispid = sinks[s]->calls[i].dispid;
            if ((dispid < 11 || dispid > 20) && dispid != 26) continue;
            while (s && e < config_expected_count && config_expected[e] == 26) e++;
            ok(e < config_expected_count && dispid == config_expected[e],
               "configuration event %u: DISPID %ld, expected %ld\n", n, dispid,
               e < config_expected_count ? config_expected[e] : 0);
            n++;
            e++;
        }
        while (s && e < config_expected_count && config_expected[e] == 26) e++;
        ok(e == config_expected_count, "%u configuration events, fewer than expected\n", n);
        winetest_pop_context();
    }
}

/* OnServerActivityChange's last counts are the service's. */
static void test_activity(void)
{
    struct call_spec spec = { 21 };
    fxs_activity activity = { 0 };
    DWORD status = fxs_rpc_get_activity(fxs_link_session(link), &activity);
    int index = last_spec(sink2, &spec);
    const LONG *longs;

    ok(status == ERROR_SUCCESS, "get_activity: %lu\n", status);
    ok(index >= 0, "no OnServerActivityChange\n");
    if (index < 0) return;
    longs = sink2->calls[index].longs;
    ok(longs[1] == activity.incoming_messages && longs[2] == activity.routing_messages &&
       longs[3] == activity.outgoing_messages && longs[4] == activity.queued_messages,
       "last OnServerActivityChange(%ld, %ld, %ld, %ld), the service has %ld, %ld, %ld, %ld\n", longs[1], longs[2],
       longs[3], longs[4], activity.incoming_messages, activity.routing_messages, activity.outgoing_messages,
       activity.queued_messages);
}

/* The device states the events left are the service's. */
static void test_device_states(void)
{
    fxs_device_info *devices = NULL;
    DWORD count = 0, status = fxs_rpc_list_devices(fxs_link_session(link), &count, &devices), i;

    ok(status == ERROR_SUCCESS && count == 2, "list_devices: %lu, %lu devices\n", status, count);
    for (i = 0; !status && i < count; i++)
    {
        struct call_spec spec = { 25, NULL, 5, { devices[i].id, devices[i].powered_off ? ON : OFF,
                                                 devices[i].sending ? ON : OFF, devices[i].receiving ? ON : OFF,
                                                 devices[i].ringing ? ON : OFF } };
        struct call_spec any = { 25, NULL, 1, { devices[i].id } };
        int last = last_spec(sink2, &any);
        ok(last >= 0 && last == last_spec(sink2, &spec), "device %lu: its last OnDeviceStatusChange is not its state\n",
           devices[i].id);
    }
    fxs_device_infos_free(devices, count);
}

/* Records the service may send that are odd: each gives exactly its call, with its values made
 * proper (a NULL string as "", any non-zero flag as VARIANT_TRUE), or no call at all (an unknown
 * job event or configuration class). Published through the service's test hook. */
static void test_odd_records(void)
{
    static const struct { DWORD event_class, job_event, config_type; } no_call[] =
    {
        { FXS_EVENT_OUT_QUEUE, 3 }, { FXS_EVENT_IN_QUEUE, 0x100 }, { FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_STATUS },
        { FXS_EVENT_OUT_ARCHIVE, 7 }, { FXS_EVENT_CONFIG, 0, 0x55 }, { FXS_EVENT_CONFIG, 0, FXS_CONFIG_INCOMING_QUEUE },
        { FXS_EVENT_CONFIG, 0, 10 },
    };
    static const struct call_spec expected[] =
    {
        { 23, L"", 2, { 9, 7 } },
        { 25, NULL, 5, { 3, ON, OFF, ON, ON } },
        { 22, NULL, 3, { ON, OFF, ON } },
        { 6, L"FFFFFFFFFFFFFFFF" },
        { 21, NULL, 4, { 11, -12, 13, 0x7fffffff } },
    };
    fxs_event event;
    LONG from2 = sink2->count, from_legacy = legacy->count, i;
    DWORD status;
    unsigned int n;
    int index;

    /* Sent first, in a row: none may make a call. */
    for (n = 0; n < ARRAY_SIZE(no_call); n++)
    {
        memset(&event, 0, sizeof(event));
        event.event_class = no_call[n].event_class;
        event.job_event = no_call[n].job_event;
        event.config_type = no_call[n].config_type;
        event.job_id = 1;
        status = fxs_rpc_test_publish(fxs_link_session(link), &event, 1);
        ok(status == ERROR_SUCCESS, "publish %u: %lu\n", n, status);
    }
    memset(&event, 0, sizeof(event));
    event.event_class = FXS_EVENT_INCOMING_CALL;
    event.call_id = 9;
    event.device_id = 7;
    fxs_rpc_test_publish(fxs_link_session(link), &event, 1);          /* caller_id NULL */
    memset(&event, 0, sizeof(event));
    event.event_class = FXS_EVENT_DEVICE_STATUS;
    event.device_id = 3;
    event.powered_off = 5;
    event.receiving = 1;
    event.ringing = -1;
    fxs_rpc_test_publish(fxs_link_session(link), &event, 1);
    memset(&event, 0, sizeof(event));
    event.event_class = FXS_EVENT_QUEUE_STATE;
    event.outgoing_queue_blocked = 2;
    event.incoming_queue_blocked = 0x10000;
    fxs_rpc_test_publish(fxs_link_session(link), &event, 1);
    memset(&event, 0, sizeof(event));
    event.event_class = FXS_EVENT_OUT_QUEUE;
    event.job_event = FXS_JOB_EVENT_STATUS;
    event.job_id = ~0ull;
    event.job.status = fjsCANCELING;
    event.job.pages = 4;
    fxs_rpc_test_publish(fxs_link_session(link), &event, 1);          /* every string NULL, no time */
    memset(&event, 0, sizeof(event));
    event.event_class = FXS_EVENT_ACTIVITY;
    event.incoming_messages = 11;
    event.routing_messages = -12;
    event.outgoing_messages = 13;
    event.queued_messages = 0x7fffffff;
    fxs_rpc_test_publish(fxs_link_session(link), &event, 1);

    wait_both(from2, from_legacy, &expected[ARRAY_SIZE(expected) - 1]);
    for (i = from2, n = 0; i < sink2->count; i++, n++)
        ok(n < ARRAY_SIZE(expected) && call_matches(&sink2->calls[i], &expected[n]), "call %u: DISPID %ld\n", n,
           sink2->calls[i].dispid);
    ok(n == ARRAY_SIZE(expected), "%u calls\n", n);
    index = find_spec(sink2, from2, &expected[3]);
    if (index >= 0)
    {
        const struct job_status_values *status = &sink2->calls[index].status;
        ok(status->status == fjsCANCELING && status->pages == 4, "status %#lx, pages %ld\n", status->status,
           status->pages);
        ok(!status->csid[0] && !status->tsid[0] && !status->caller_id[0] && !status->extended_status[0] &&
           !status->routing_information[0], "strings %s %s\n", wine_dbgstr_w(status->csid),
           wine_dbgstr_w(status->tsid));
        ok(status->scheduled_hr == HRESULT_FROM_WIN32(ERROR_INVALID_DATA) &&
           status->start_hr == HRESULT_FROM_WIN32(ERROR_INVALID_DATA) &&
           status->end_hr == HRESULT_FROM_WIN32(ERROR_INVALID_DATA), "times %#lx %#lx %#lx\n", status->scheduled_hr,
           status->start_hr, status->end_hr);
    }
}

/* OnServerShutDown: the service stops. */
static void test_shutdown(void)
{
    struct call_spec spec = { 24 };
    LONG from2 = sink2->count, from_legacy = legacy->count;

    ok(stop_service(), "the service did not stop\n");
    wait_both(from2, from_legacy, &spec);
}

/* Every call well formed; each of the 26 (25) methods called; the legacy sink got the same calls
 * with the same values, but the 26th. */
static void check_all_calls(void)
{
    BOOL seen2[27] = { 0 }, seen_legacy[27] = { 0 };
    LONG i, j;
    DISPID d;

    for (i = 0; i < sink2->count; i++)
    {
        winetest_push_context("IFaxServerNotify2 call %ld", i);
        check_call_shape(&sink2->calls[i], FALSE);
        if (sink2->calls[i].dispid >= 1 && sink2->calls[i].dispid <= 26) seen2[sink2->calls[i].dispid] = TRUE;
        winetest_pop_context();
    }
    for (i = 0; i < legacy->count; i++)
    {
        winetest_push_context("IFaxServerNotify call %ld", i);
        check_call_shape(&legacy->calls[i], TRUE);
        if (legacy->calls[i].dispid >= 1 && legacy->calls[i].dispid <= 26) seen_legacy[legacy->calls[i].dispid] = TRUE;
        winetest_pop_context();
    }
    for (d = 1; d <= 26; d++)
    {
        ok(seen2[d], "%s never called on IFaxServerNotify2\n", server_event_shapes[d - 1].name);
        ok(seen_legacy[d] == (d != 26), "%s: called %d on IFaxServerNotify\n", server_event_shapes[d - 1].name,
           seen_legacy[d]);
    }

    for (i = 0, j = 0; i < sink2->count; i++)
    {
        const struct recorded_call *a = &sink2->calls[i], *b;
        if (a->dispid == 26) continue;
        if (j >= legacy->count)
        {
            ok(0, "the legacy sink lacks call %ld (DISPID %ld)\n", i, a->dispid);
            break;
        }
        b = &legacy->calls[j++];
        ok(a->dispid == b->dispid && a->count == b->count && !memcmp(a->types, b->types, sizeof(a->types)) &&
           !memcmp(a->longs, b->longs, sizeof(a->longs)) && !memcmp(a->texts, b->texts, sizeof(a->texts)) &&
           !memcmp(&a->status, &b->status, sizeof(a->status)),
           "call %ld (DISPID %ld) and legacy call %ld (DISPID %ld) differ\n", i, a->dispid, j - 1, b->dispid);
    }
    ok(j == legacy->count, "the legacy sink got %ld calls, %ld expected\n", legacy->count, j);
}

START_TEST(server_event_args)
{
    FAX_SERVER_EVENTS_TYPE_ENUM registered = 0;
    WCHAR out_id[17], in_id[17];
    HRESULT hr;

    prepare_service(L"event-args");
    service_environment(FXSSVC_ENV_TEST_HOOKS, L"1");
    sink2 = malloc(sizeof(*sink2));
    legacy = malloc(sizeof(*legacy));
    sink_init(sink2, &DIID_IFaxServerNotify2);
    sink_init(legacy, &DIID_IFaxServerNotify);

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (open_link(NULL, 0, FALSE, &link) != ERROR_SUCCESS || !(server = connected_server()))
    {
        ok(0, "no service\n");
        CoUninitialize();
        return;
    }
    IFaxServer2_QueryInterface(server, &IID_IUnknown, (void **)&server_identity);
    IUnknown_Release(server_identity);
    advise_sink(server, sink2);
    advise_sink(server, legacy);
    hr = IFaxServer2_ListenToServerEvents(server, FXS_EVENT_ALL);
    ok(hr == S_OK, "ListenToServerEvents: %#lx\n", hr);
    hr = IFaxServer2_get_RegisteredEvents(server, &registered);
    ok(hr == S_OK && registered == FXS_EVENT_ALL, "RegisteredEvents %#lx %#x\n", hr, registered);

    test_fax(out_id, in_id);
    if (in_id[0]) test_delete_messages(out_id, in_id);
    test_paused_job();
    test_new_call();
    test_queue_states();
    test_config_events();
    test_activity();
    test_device_states();
    test_odd_records();
    test_shutdown();
    trace("%ld calls on IFaxServerNotify2, %ld on IFaxServerNotify\n", sink2->count, legacy->count);
    check_config_sequence();
    check_all_calls();

    fxs_link_close(link);
    IFaxServer2_Release(server);
    CoUninitialize();
    ok(sink2->refcount == 1 && legacy->refcount == 1, "sinks still held: %ld %ld\n", sink2->refcount, legacy->refcount);
    sink_clear(sink2);
    sink_clear(legacy);
    free(sink2);
    free(legacy);
    ok(stop_service(), "the service did not stop\n");
}
