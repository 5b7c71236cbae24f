/*
 * End to end with a real HylaFAX: the service's HylaFAX provider pointed at the hfaxd that
 * tests/hylafax/e2e_test.sh started on loopback (two software modems wired back to back); a fax
 * of two pages submitted with FaxDocument.ConnectedSubmit leaves through one modem (device 3) and
 * arrives on the other (device 4). The client's event sink sees the whole sequence of the send and
 * of the receive, and the received image lands in the incoming archive with both pages. On its
 * way, while it waits in HylaFAX's queue, the fax is paused and resumed (FaxOutgoingJob.Pause,
 * Resume: hfaxd's JSUSP and JSUBM), and its first call finds the line busy (e2e_test.sh starts
 * the modem bridge so): the job shows RETRYING with BUSY, and the engine's next attempt sends it.
 *
 * Run by e2e_test.sh, which passes hfaxd's port, user, password and the receiving modem's number
 * in HYLAFAX_PORT, HYLAFAX_USER, HYLAFAX_PASSWORD, HYLAFAX_NUMBER1; alone it skips.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define COBJMACROS
#define CONST_VTABLE
#include "event_sink.h"
#include "service_jobs.h"
#include "config_edit.h"
#include "fxs_device_info.h"
#ifdef FXS_CONFIG_HYLAFAX
#include "hylafax_config.h"
#endif

#define FAX_WAIT_MS (5 * 60 * 1000)    /* a fax takes about 35 s; only a broken mechanism waits this long */
#define PAGES 2

/* DISPIDs of IFaxServerNotify2 (spec/notify.md). */
enum
{
    ON_INCOMING_JOB_ADDED = 1, ON_INCOMING_JOB_REMOVED, ON_INCOMING_JOB_CHANGED, ON_OUTGOING_JOB_ADDED,
    ON_OUTGOING_JOB_REMOVED, ON_OUTGOING_JOB_CHANGED, ON_INCOMING_MESSAGE_ADDED, ON_INCOMING_MESSAGE_REMOVED,
    ON_OUTGOING_MESSAGE_ADDED, ON_NEW_CALL = 23, ON_DEVICE_STATUS_CHANGE = 25
};

static WCHAR hylafax_port[16], hylafax_user[64], hylafax_password[64], hylafax_number[32];

static BOOL read_environment(void)
{
    return GetEnvironmentVariableW(L"HYLAFAX_PORT", hylafax_port, ARRAY_SIZE(hylafax_port)) &&
           GetEnvironmentVariableW(L"HYLAFAX_USER", hylafax_user, ARRAY_SIZE(hylafax_user)) &&
           GetEnvironmentVariableW(L"HYLAFAX_PASSWORD", hylafax_password, ARRAY_SIZE(hylafax_password)) &&
           GetEnvironmentVariableW(L"HYLAFAX_NUMBER1", hylafax_number, ARRAY_SIZE(hylafax_number));
}

#ifdef FXS_CONFIG_HYLAFAX

/* ---- the service's side: configuration and devices ---- */

/* Polls until the service lists 4 devices (2 virtual lines, then HylaFAX's 2 modems), the
 * modems powered on; traces them. */
static BOOL wait_modems(struct fxs_link *link)
{
    double deadline = now_ms() + FAX_WAIT_MS;
    BOOL listed = FALSE;
    DWORD i;

    while (!listed && now_ms() < deadline)
    {
        fxs_device_info *infos = NULL;
        DWORD count = 0;
        if (!fxs_rpc_list_devices(fxs_link_session(link), &count, &infos))
        {
            listed = count == 4 && !infos[2].powered_off && !infos[3].powered_off;
            for (i = 0; listed && i < count; i++)
                trace("device %lu: %s %s\n", infos[i].id, wine_dbgstr_w(infos[i].name), wine_dbgstr_w(infos[i].number));
        }
        fxs_device_infos_free(infos, count);
        if (!listed) Sleep(200);
    }
    return listed;
}

/* ---- the client's side: COM ---- */

/* The first call from 'from' on with that DISPID and job id (NULL: any), and, for a *JobChanged,
 * that status, extended status and page (-1: any); -1 if none. A call the sink is still recording
 * (on another thread: the sink is in the MTA) is not there yet. */
static int find_call(struct sink *sink, int from, DISPID dispid, const WCHAR *id, LONG status, LONG extended, LONG page)
{
    LONG i;

    for (i = from < 0 ? 0 : from; i < sink->count; i++)
    {
        const struct recorded_call *call = &sink->calls[i];
        if (!call->recorded || call->dispid != dispid || (id && wcscmp(call->texts[1], id))) continue;
        if (status >= 0 && call->status.status != status) continue;
        if (extended >= 0 && call->status.extended_status_code != extended) continue;
        if (page >= 0 && call->status.current_page != page) continue;
        return i;
    }
    return -1;
}

/* Each step after the one before: the sequence of a job's events, in order. Steps of the busy
 * line's attempt are left out when skip_busy is set. */
struct step { DISPID dispid; LONG status, extended, page; const char *what; BOOL busy_attempt; };

static void check_steps(struct sink *sink, const WCHAR *id, const struct step *steps, unsigned int count,
                        BOOL skip_busy)
{
    unsigned int i;
    int at = 0, found;

    for (i = 0; i < count; i++)
    {
        if (skip_busy && steps[i].busy_attempt) continue;
        found = find_call(sink, at, steps[i].dispid, id, steps[i].status, steps[i].extended, steps[i].page);
        ok(found >= 0, "%s of job %s, after the step before\n", steps[i].what, wine_dbgstr_w(id));
        if (found >= 0) at = found + 1;
    }
}

static void trace_calls(struct sink *sink)
{
    LONG i;

    for (i = 0; i < sink->count; i++)
    {
        const struct recorded_call *call = &sink->calls[i];
        const char *name = call->dispid >= 1 && call->dispid <= 26 ? server_event_shapes[call->dispid - 1].name : "?";
        if (call->dispid == ON_INCOMING_JOB_CHANGED || call->dispid == ON_OUTGOING_JOB_CHANGED)
            trace("%ld %s %s status %#lx extended %ld page %ld device %ld\n", i, name, wine_dbgstr_w(call->texts[1]),
                  call->status.status, call->status.extended_status_code, call->status.current_page,
                  call->status.device_id);
        else if (call->dispid == ON_DEVICE_STATUS_CHANGE)
            trace("%ld %s device %ld off %ld sending %ld receiving %ld ringing %ld\n", i, name, call->longs[1],
                  call->longs[2], call->longs[3], call->longs[4], call->longs[5]);
        else if (call->dispid == ON_NEW_CALL)
            trace("%ld %s call %ld device %ld caller %s\n", i, name, call->longs[1], call->longs[2],
                  wine_dbgstr_w(call->texts[3]));
        else
            trace("%ld %s %s\n", i, name, wine_dbgstr_w(call->texts[1]));
    }
}

/* The last call with that DISPID before index 'before'; -1 if none. */
static int last_call_before(struct sink *sink, int before, DISPID dispid)
{
    int i, found = -1;

    for (i = 0; i < sink->count && i < before; i++)
        if (sink->calls[i].dispid == dispid) found = i;
    return found;
}

/* What the events said of a job (NULL: of every incoming job), short enough for a failure
 * message: each status change as status/extended status/page. */
static const char *job_story(struct sink *sink, const WCHAR *id)
{
    static char story[400];
    const struct recorded_call *call;
    size_t length = 0;
    LONG i;

    story[0] = 0;
    for (i = 0; i < sink->count && length < sizeof(story) - 40; i++)
    {
        call = &sink->calls[i];
        if (id ? call->dispid != ON_OUTGOING_JOB_CHANGED || wcscmp(call->texts[1], id)
               : call->dispid != ON_INCOMING_JOB_CHANGED && call->dispid != ON_NEW_CALL)
            continue;
        if (call->dispid == ON_NEW_CALL)
            length += snprintf(story + length, sizeof(story) - length, "call on %ld; ", call->longs[2]);
        else
            length += snprintf(story + length, sizeof(story) - length, "%#lx/%ld/%ld; ", call->status.status,
                               call->status.extended_status_code, call->status.current_page);
    }
    return story[0] ? story : "no events";
}

static BOOL device_status_seen(struct sink *sink, LONG device, int flag)
{
    LONG i;
    for (i = 0; i < sink->count; i++)
        if (sink->calls[i].dispid == ON_DEVICE_STATUS_CHANGE && sink->calls[i].longs[1] == device &&
            sink->calls[i].longs[flag])
            return TRUE;
    return FALSE;
}

/* FaxDocument.ConnectedSubmit of the body file to the number; the job id text it returned. */
static BOOL connected_submit(IFaxServer2 *server, const WCHAR *body, const WCHAR *number, WCHAR id[32])
{
    IFaxDocument *document;
    IFaxRecipients *recipients;
    IFaxRecipient *recipient;
    BSTR body_text = SysAllocString(body), number_text = SysAllocString(number), got = NULL;
    VARIANT ids;
    LONG index;
    HRESULT hr;

    id[0] = 0;
    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument, (void **)&document);
    ok(hr == S_OK, "CoCreateInstance(FaxDocument): %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        ok(IFaxDocument_put_Body(document, body_text) == S_OK, "put_Body\n");
        if (SUCCEEDED(IFaxDocument_get_Recipients(document, &recipients)))
        {
            if (SUCCEEDED(IFaxRecipients_Add(recipients, number_text, NULL, &recipient)))
                IFaxRecipient_Release(recipient);
            IFaxRecipients_Release(recipients);
        }
        VariantInit(&ids);
        hr = IFaxDocument_ConnectedSubmit(document, (IFaxServer *)server, &ids);
        ok(hr == S_OK && V_VT(&ids) == (VT_ARRAY | VT_BSTR), "ConnectedSubmit: %#lx, type %#x\n", hr, V_VT(&ids));
        if (hr == S_OK && SUCCEEDED(SafeArrayGetLBound(V_ARRAY(&ids), 1, &index)) &&
            SUCCEEDED(SafeArrayGetElement(V_ARRAY(&ids), &index, &got)))
            lstrcpynW(id, got, 32);
        SysFreeString(got);
        VariantClear(&ids);
        IFaxDocument_Release(document);
    }
    SysFreeString(body_text);
    SysFreeString(number_text);
    return id[0] != 0;
}

/* The archived fax, through the service: its page count and its image's pages; through COM, its
 * Pages. */
static void check_archived(struct fxs_link *link, IFaxServer2 *server, DWORD folder, const WCHAR *id)
{
    const char *name = folder == FXS_FOLDER_INCOMING_ARCHIVE ? "incoming" : "outgoing";
    IFaxFolders *folders = NULL;
    IFaxIncomingArchive *in_archive = NULL;
    IFaxOutgoingArchive *out_archive = NULL;
    IFaxIncomingMessage *in_message = NULL;
    IFaxOutgoingMessage *out_message = NULL;
    BSTR id_text = SysAllocString(id);
    fxs_job_info info = { 0 };
    ULONGLONG number = _wcstoui64(id, NULL, 16);
    BYTE *data = NULL;
    DWORD size = 0, status;
    tiff_doc doc;
    LONG pages = -1;
    HRESULT hr;

    status = fxs_rpc_get_job(fxs_link_session(link), folder, number, &info);
    ok(!status && info.status.pages == PAGES, "the %s archive has %s with %d pages: %lu, %ld pages\n", name,
       wine_dbgstr_w(id), PAGES, status, status ? 0 : info.status.pages);
    if (!status) fxs_job_info_clear(&info);
    status = fxs_rpc_get_image(fxs_link_session(link), folder, number, &size, &data);
    ok(!status && tiff_inspect(data, size, 100, &doc) == TIFF_OK && doc.page_count == PAGES,
       "its image is a TIFF of %d pages (%lu, %lu bytes)\n", PAGES, status, size);
    if (!status && tiff_inspect(data, size, 100, &doc) == TIFF_OK) tiff_doc_free(&doc);
    midl_user_free(data);

    hr = IFaxServer2_get_Folders(server, &folders);
    ok(hr == S_OK, "get_Folders: %#lx\n", hr);
    if (SUCCEEDED(hr) && folder == FXS_FOLDER_INCOMING_ARCHIVE)
    {
        if (SUCCEEDED(hr = IFaxFolders_get_IncomingArchive(folders, &in_archive)) &&
            SUCCEEDED(hr = IFaxIncomingArchive_GetMessage(in_archive, id_text, &in_message)))
        {
            IFaxIncomingMessage_get_Pages(in_message, &pages);
            IFaxIncomingMessage_Release(in_message);
        }
        if (in_archive) IFaxIncomingArchive_Release(in_archive);
    }
    else if (SUCCEEDED(hr))
    {
        if (SUCCEEDED(hr = IFaxFolders_get_OutgoingArchive(folders, &out_archive)) &&
            SUCCEEDED(hr = IFaxOutgoingArchive_GetMessage(out_archive, id_text, &out_message)))
        {
            IFaxOutgoingMessage_get_Pages(out_message, &pages);
            IFaxOutgoingMessage_Release(out_message);
        }
        if (out_archive) IFaxOutgoingArchive_Release(out_archive);
    }
    ok(hr == S_OK && pages == PAGES, "Fax%sArchive.GetMessage(%s).Pages: %#lx, %ld\n",
       folder == FXS_FOLDER_INCOMING_ARCHIVE ? "Incoming" : "Outgoing", wine_dbgstr_w(id), hr, pages);
    if (folders) IFaxFolders_Release(folders);
    SysFreeString(id_text);
}

/* The HylaFAX provider's extended status while a fax waits in HylaFAX's queue (src/providers/hylafax.h). */
#define HFX_JES_QUEUED 0x01000001

/* Waits up to a fax's time for a call find_call finds (from the first), pumping messages. */
static BOOL wait_call(struct sink *sink, DISPID dispid, const WCHAR *id, LONG status, LONG extended)
{
    double deadline = now_ms() + FAX_WAIT_MS;
    HANDLE never = GetCurrentProcess();
    DWORD index;

    while (find_call(sink, 0, dispid, id, status, extended, -1) < 0 && now_ms() < deadline)
        CoWaitForMultipleHandles(COWAIT_DISPATCH_CALLS | COWAIT_DISPATCH_WINDOW_MESSAGES, 200, 1, &never, &index);
    return find_call(sink, 0, dispid, id, status, extended, -1) >= 0;
}

static void check_job_status(IFaxOutgoingJob *job, FAX_JOB_STATUS_ENUM expected, FAX_JOB_OPERATIONS_ENUM operation,
                             const char *when)
{
    FAX_JOB_STATUS_ENUM status = 0;
    FAX_JOB_OPERATIONS_ENUM operations = 0;

    ok(IFaxOutgoingJob_Refresh(job) == S_OK && IFaxOutgoingJob_get_Status(job, &status) == S_OK &&
       IFaxOutgoingJob_get_AvailableOperations(job, &operations) == S_OK, "%s: Refresh, Status\n", when);
    ok(status == expected && (operations & operation), "%s: Status %#x (expected %#x), AvailableOperations %#x\n",
       when, status, expected, operations);
}

/* While the fax waits in HylaFAX's queue, or faxq prepares it, FaxOutgoingJob.Pause suspends it
 * there (JSUSP) and Resume puts it back (JSUBM); the fax then goes as before. Under load faxq may
 * begin the call first: a JSUSP that reaches the call as it is dialled ends it, and the job is
 * suspended as before; one that comes later fails with the line's reason (hfaxd answers once the
 * call is over), which is traced, and the fax goes on. Returns how many calls the sink had
 * recorded once the pause was over. */
static int pause_and_resume(IFaxServer2 *server, struct sink *sink, const WCHAR *id)
{
    IFaxFolders *folders = NULL;
    IFaxOutgoingQueue *queue = NULL;
    IFaxOutgoingJob *job = NULL;
    BSTR id_text = SysAllocString(id);
    IErrorInfo *info = NULL;
    BSTR why = NULL;
    double started;
    HRESULT hr;

    ok(wait_call(sink, ON_OUTGOING_JOB_CHANGED, id, fjsINPROGRESS, HFX_JES_QUEUED),
       "the fax waits in HylaFAX's queue\n");
    if (SUCCEEDED(IFaxServer2_get_Folders(server, &folders)) && SUCCEEDED(IFaxFolders_get_OutgoingQueue(folders, &queue)))
        ok(IFaxOutgoingQueue_GetJob(queue, id_text, &job) == S_OK, "GetJob(%s)\n", wine_dbgstr_w(id));
    if (job)
    {
        started = now_ms();
        hr = IFaxOutgoingJob_Pause(job);
        trace("Pause: %#lx after %.1f s\n", hr, (now_ms() - started) / 1000);
        if (hr == S_OK)
        {
            check_job_status(job, fjsINPROGRESS | fjsPAUSED, fjoRESUME, "paused");
            ok(wait_call(sink, ON_OUTGOING_JOB_CHANGED, id, fjsINPROGRESS | fjsPAUSED, -1),
               "OutgoingJobChanged(INPROGRESS | PAUSED)\n");
            hr = IFaxOutgoingJob_Resume(job);
            ok(hr == S_OK, "Resume: %#lx\n", hr);
            check_job_status(job, fjsINPROGRESS, fjoDELETE, "resumed");
        }
        else
        {
            ok(hr == HRESULT_FROM_WIN32(ERROR_BUSY) || hr == HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION),
               "Pause once faxq began the call: %#lx\n", hr);
            ok(GetErrorInfo(0, &info) == S_OK && info && IErrorInfo_GetDescription(info, &why) == S_OK && why,
               "with a description\n");
            trace("faxq began the call before the pause: %s\n", wine_dbgstr_w(why));
            SysFreeString(why);
            if (info) IErrorInfo_Release(info);
        }
        IFaxOutgoingJob_Release(job);
    }
    if (queue) IFaxOutgoingQueue_Release(queue);
    if (folders) IFaxFolders_Release(folders);
    SysFreeString(id_text);
    return sink->count;
}

static void test_send_and_receive(struct fxs_link *link, const WCHAR *body)
{
    static const struct step send[] =
    {
        { ON_OUTGOING_JOB_ADDED, -1, -1, -1, "OutgoingJobAdded" },
        { ON_OUTGOING_JOB_CHANGED, fjsINPROGRESS, fjesDIALING, -1, "OutgoingJobChanged(INPROGRESS, DIALING)" },
        { ON_OUTGOING_JOB_CHANGED, fjsRETRYING, fjesBUSY, -1, "OutgoingJobChanged(RETRYING, BUSY)", TRUE },
        { ON_OUTGOING_JOB_CHANGED, fjsINPROGRESS, fjesDIALING, -1, "OutgoingJobChanged(INPROGRESS, DIALING) again",
          TRUE },
        { ON_OUTGOING_JOB_CHANGED, fjsINPROGRESS, fjesTRANSMITTING, 1, "OutgoingJobChanged(TRANSMITTING, page 1)" },
        { ON_OUTGOING_JOB_CHANGED, fjsINPROGRESS, fjesTRANSMITTING, 2, "OutgoingJobChanged(TRANSMITTING, page 2)" },
        { ON_OUTGOING_JOB_CHANGED, fjsCOMPLETED, fjesCALL_COMPLETED, -1, "OutgoingJobChanged(COMPLETED)" },
        { ON_OUTGOING_MESSAGE_ADDED, -1, -1, -1, "OutgoingMessageAdded" },
        { ON_OUTGOING_JOB_REMOVED, -1, -1, -1, "OutgoingJobRemoved" },
    };
    static const struct step receive[] =
    {
        { ON_INCOMING_JOB_ADDED, -1, -1, -1, "IncomingJobAdded" },
        { ON_INCOMING_JOB_CHANGED, fjsINPROGRESS, fjesRECEIVING, 1, "IncomingJobChanged(RECEIVING, page 1)" },
        { ON_INCOMING_JOB_CHANGED, fjsINPROGRESS, fjesRECEIVING, 2, "IncomingJobChanged(RECEIVING, page 2)" },
        { ON_INCOMING_MESSAGE_ADDED, -1, -1, -1, "IncomingMessageAdded" },
        { ON_INCOMING_JOB_REMOVED, -1, -1, -1, "IncomingJobRemoved" },
    };
    struct sink *sink = calloc(1, sizeof(*sink));
    IFaxServer2 *server;
    WCHAR job[32], received[32] = L"";
    double started;
    int added, call, dialled, paused_until;
    BOOL sent, busy;
    HRESULT hr;

    sink_init(sink, &DIID_IFaxServerNotify2);
    if (!(server = connected_server())) return;
    advise_sink(server, sink);
    hr = IFaxServer2_ListenToServerEvents(server, fsetIN_QUEUE | fsetOUT_QUEUE | fsetIN_ARCHIVE | fsetOUT_ARCHIVE |
                                          fsetDEVICE_STATUS | fsetINCOMING_CALL | fsetACTIVITY);
    ok(hr == S_OK, "ListenToServerEvents: %#lx\n", hr);

    started = now_ms();
    if (connected_submit(server, body, hylafax_number, job))
    {
        paused_until = pause_and_resume(server, sink, job);
        sent = wait_call(sink, ON_OUTGOING_JOB_REMOVED, job, -1, -1);
        trace("the send took %.1f s\n", (now_ms() - started) / 1000);
        /* The fax that arrived is the incoming job with a message: an attempt that failed may
         * have left an incoming job without one. */
        if (sent && wait_call(sink, ON_INCOMING_MESSAGE_ADDED, NULL, -1, -1))
        {
            added = find_call(sink, 0, ON_INCOMING_MESSAGE_ADDED, NULL, -1, -1, -1);
            lstrcpynW(received, sink->calls[added].texts[1], ARRAY_SIZE(received));
            wait_call(sink, ON_INCOMING_JOB_REMOVED, received, -1, -1);
        }
        trace("send and receive took %.1f s\n", (now_ms() - started) / 1000);
        trace_calls(sink);
        /* Besides the busy line, the software modems may fail a call on a loaded machine: the
         * engine tries again, at once (the outbox's retry delay is 0). */
        for (call = find_call(sink, 0, ON_OUTGOING_JOB_CHANGED, job, fjsRETRYING, -1, -1); call >= 0;
             call = find_call(sink, call + 1, ON_OUTGOING_JOB_CHANGED, job, fjsRETRYING, -1, -1))
            trace("an attempt failed with extended status %ld\n", sink->calls[call].status.extended_status_code);

        /* Without the send or the receive, the checks after it would only repeat that. */
        ok(sent, "the job %s leaves the outgoing queue: %s\n", wine_dbgstr_w(job), job_story(sink, job));
        if (!sent) goto done;
        /* The busy call is the first; a pause that came as it began ended it instead (faxq
         * interrupts a call a JSUSP reaches as it is dialled): the resumed job's call is the next. */
        busy = find_call(sink, 0, ON_OUTGOING_JOB_CHANGED, job, fjsRETRYING, fjesBUSY, -1) >= 0;
        dialled = find_call(sink, 0, ON_OUTGOING_JOB_CHANGED, job, -1, fjesDIALING, -1);
        ok(busy || (dialled >= 0 && dialled < paused_until), "the first call found the line busy, or the pause "
           "ended it: first dialled at %d, the pause over at %d\n", dialled, paused_until);
        if (!busy) trace("the pause ended the busy call\n");
        check_steps(sink, job, send, ARRAY_SIZE(send), !busy);
        call = find_call(sink, 0, ON_OUTGOING_JOB_CHANGED, job, fjsCOMPLETED, -1, -1);
        ok(call >= 0 && sink->calls[call].status.device_id == 3 && sink->calls[call].status.pages == PAGES,
           "completed on device 3 with %d pages: device %ld, %ld pages\n", PAGES,
           call >= 0 ? sink->calls[call].status.device_id : 0, call >= 0 ? sink->calls[call].status.pages : 0);
        ok(device_status_seen(sink, 3, 3), "device 3 was seen sending\n");
        check_archived(link, server, FXS_FOLDER_OUTGOING_ARCHIVE, job);

        ok(received[0] != 0, "a fax arrives in the incoming archive: %s\n", job_story(sink, NULL));
        if (!received[0]) goto done;
        added = find_call(sink, 0, ON_INCOMING_JOB_ADDED, received, -1, -1, -1);
        call = last_call_before(sink, added, ON_NEW_CALL);
        ok(call >= 0 && sink->calls[call].longs[2] == 4, "NewCall on device 4 before the incoming job: at %d "
           "(job at %d), device %ld\n", call, added, call >= 0 ? sink->calls[call].longs[2] : 0);
        check_steps(sink, received, receive, ARRAY_SIZE(receive), FALSE);
        call = find_call(sink, 0, ON_INCOMING_JOB_CHANGED, received, -1, -1, -1);
        ok(call >= 0 && sink->calls[call].status.device_id == 4, "received on device 4\n");
        ok(device_status_seen(sink, 4, 4), "device 4 was seen receiving\n");
        check_archived(link, server, FXS_FOLDER_INCOMING_ARCHIVE, received);
    }
done:
    IFaxServer2_ListenToServerEvents(server, fsetNONE);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
    sink_clear(sink);
    free(sink);
}

static void test_hylafax(void)
{
    struct fxs_link *link = NULL;
    WCHAR root[MAX_PATH], body[MAX_PATH];
    tiff_buffer image = make_body(PAGES);
    HANDLE file;
    DWORD written = 0, status;

    ok(stop_service(), "no service runs\n");
    fresh_data_root(L"hylafax_e2e", root);
    swprintf(body, MAX_PATH, L"%ls-body.tif", root);
    file = CreateFileW(body, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE && WriteFile(file, image.data, (DWORD)image.size, &written, NULL) &&
       written == image.size, "writing the body\n");
    CloseHandle(file);
    tiff_buffer_free(&image);

    /* The HylaFAX servers of the configuration are the next start's. */
    if ((status = open_link(NULL, 0, FALSE, &link)))
    {
        ok(0, "starting the service: %lu\n", status);
        return;
    }
    status = hylafax_configure(link, L"127.0.0.1", wcstoul(hylafax_port, NULL, 10), hylafax_user, hylafax_password);
    ok(!status, "configuring the HylaFAX provider: %lu\n", status);
    fxs_link_close(link);
    ok(stop_service(), "stopping the service\n");

    if (!(link = start_listening())) return;
    if (wait_modems(link))
    {
        /* Only device 3 sends: the virtual lines and device 4 do not. */
        ok(!config_set_number(link, FXS_CONFIG_DEVICES, "device.1.send_enabled", 0), "device 1 sends nothing\n");
        ok(!config_set_number(link, FXS_CONFIG_DEVICES, "device.2.send_enabled", 0), "device 2 sends nothing\n");
        ok(!config_set_number(link, FXS_CONFIG_DEVICES, "device.4.send_enabled", 0), "device 4 sends nothing\n");
        /* The busy line's call, or one the software modems fail, is tried again at once. */
        ok(!config_set_number(link, FXS_CONFIG_OUTBOX, "retry_delay", 0), "retrying without delay\n");
        CoInitializeEx(NULL, COINIT_MULTITHREADED);
        test_send_and_receive(link, body);
        CoUninitialize();
    }
    else ok(0, "HylaFAX's two modems are not listed as devices, powered on\n");
    fxs_link_close(link);
    ok(stop_service(), "stopping the service\n");
    DeleteFileW(body);
    remove_folder(root);
}

#endif /* FXS_CONFIG_HYLAFAX */

START_TEST(e2e)
{
    if (!read_environment())
    {
        skip("no HylaFAX given (run by tests/hylafax/e2e_test.sh)\n");
        return;
    }
#ifdef FXS_CONFIG_HYLAFAX
    test_hylafax();
#else
    skip("the service has no HylaFAX provider (FXS_CONFIG_HYLAFAX is not in idl/faxsvc.idl)\n");
#endif
}
