/*
 * The events of the configuration objects' Saves, heard by ANOTHER process: a child connects its
 * own FaxServer, listens to fsetCONFIG through a dispatch-only sink on IFaxServerNotify2, and
 * counts the calls it gets; this process changes each class through the COM objects. Each Save
 * that changes something fires its class's event exactly once (FaxConfiguration: the general event
 * and that of the outgoing queue); a Save that changes nothing, or that the service refuses,
 * fires nothing.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "event_sink.h"
#include "access_rights.h"
#include "child_process.h"

#define DISPID_RECEIPTS          11
#define DISPID_ACTIVITY_LOGGING  12
#define DISPID_SECURITY          13
#define DISPID_EVENT_LOGGING     14
#define DISPID_OUTGOING_QUEUE    15
#define DISPID_DEVICES           18
#define DISPID_GENERAL           26

static void child_name(WCHAR *name, const WCHAR *what, DWORD parent)
{
    swprintf(name, 64, L"fxscomex-config_events-%ls-%lu", what, parent);
}

/* The child: listens, and once told the parent is done, waits for the parent's last event (a
 * device's settings) and writes how many calls of each DISPID it had. */
static void child_main(DWORD parent, const char *file)
{
    struct sink *sink = calloc(1, sizeof(*sink));
    IFaxServer2 *server;
    WCHAR name[64];
    HANDLE ready, done;
    LONG counts[27] = { 0 }, i;
    FILE *out;

    child_name(name, L"ready", parent);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    child_name(name, L"done", parent);
    done = OpenEventW(SYNCHRONIZE, FALSE, name);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    sink_init(sink, &DIID_IFaxServerNotify2);
    if (ready && done && (server = connected_server()))
    {
        advise_sink(server, sink);
        ok(IFaxServer2_ListenToServerEvents(server, fsetCONFIG) == S_OK, "ListenToServerEvents failed\n");
        SetEvent(ready);
        ok(WaitForSingleObject(done, 120000) == WAIT_OBJECT_0, "the parent never said done\n");
        ok(wait_event(sink, 0, DISPID_DEVICES, NULL) >= 0, "the last event never came\n");
        for (i = 0; i < sink->count; i++)
            if (sink->calls[i].dispid > 0 && sink->calls[i].dispid < ARRAY_SIZE(counts)) counts[sink->calls[i].dispid]++;
        if ((out = fopen(file, "w")))
        {
            for (i = 1; i < ARRAY_SIZE(counts); i++) fprintf(out, "%ld\n", counts[i]);
            fclose(out);
        }
        IFaxServer2_ListenToServerEvents(server, fsetNONE);
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    CoUninitialize();
}

static HANDLE start_child(const char *file)
{
    return start_self("child %lu \"%s\"", GetCurrentProcessId(), file);
}

/* ---- the changes ---- */

static void change_receipts(IFaxServer2 *server)
{
    IFaxReceiptOptions *options = NULL;
    HRESULT hr;

    if (IFaxServer2_get_ReceiptOptions(server, &options) != S_OK) return;
    ok(IFaxReceiptOptions_Save(options) == S_OK, "unchanged Save failed\n");
    ok(IFaxReceiptOptions_put_SMTPPort(options, 2525) == S_OK, "put SMTPPort failed\n");
    ok(IFaxReceiptOptions_Save(options) == S_OK, "Save failed\n");
    ok(IFaxReceiptOptions_Save(options) == S_OK, "Save failed\n");
    /* Refused: receipts by mail without a server. */
    ok(IFaxReceiptOptions_put_AllowedReceipts(options, frtMAIL) == S_OK, "put AllowedReceipts failed\n");
    hr = IFaxReceiptOptions_Save(options);
    ok(hr == E_INVALIDARG, "Save of frtMAIL without a server: %#lx\n", hr);
    IFaxReceiptOptions_Release(options);
}

static void change_logging(IFaxServer2 *server)
{
    IFaxLoggingOptions *options = NULL;
    IFaxActivityLogging *activity = NULL;
    IFaxEventLogging *events = NULL;

    if (IFaxServer2_get_LoggingOptions(server, &options) != S_OK) return;
    IFaxLoggingOptions_get_ActivityLogging(options, &activity);
    IFaxLoggingOptions_get_EventLogging(options, &events);
    if (activity)
    {
        ok(IFaxActivityLogging_Save(activity) == S_OK, "unchanged Save failed\n");
        ok(IFaxActivityLogging_put_LogIncoming(activity, VARIANT_FALSE) == S_OK, "put LogIncoming failed\n");
        ok(IFaxActivityLogging_Save(activity) == S_OK, "Save failed\n");
        ok(IFaxActivityLogging_Save(activity) == S_OK, "Save failed\n");
        IFaxActivityLogging_Release(activity);
    }
    if (events)
    {
        ok(IFaxEventLogging_Save(events) == S_OK, "unchanged Save failed\n");
        ok(IFaxEventLogging_put_OutboundEventsLevel(events, fllMAX) == S_OK, "put failed\n");
        ok(IFaxEventLogging_Save(events) == S_OK, "Save failed\n");
        ok(IFaxEventLogging_put_OutboundEventsLevel(events, 9) == E_INVALIDARG, "level 9 taken\n");
        ok(IFaxEventLogging_Save(events) == S_OK, "Save failed\n");
        IFaxEventLogging_Release(events);
    }
    IFaxLoggingOptions_Release(options);
}

static void change_security(IFaxServer2 *server)
{
    IFaxSecurity2 *security = NULL;
    VARIANT v = descriptor_variant(L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)(A;;0x20;;;AU)");

    ok(IFaxServer2_get_Security2(server, &security) == S_OK, "Security2 failed\n");
    if (!security)
    {
        VariantClear(&v);
        return;
    }
    ok(IFaxSecurity2_Save(security) == S_OK, "unchanged Save failed\n");
    ok(IFaxSecurity2_put_Descriptor(security, v) == S_OK, "put Descriptor failed\n");
    ok(IFaxSecurity2_Save(security) == S_OK, "Save failed\n");
    ok(IFaxSecurity2_Save(security) == S_OK, "Save failed\n");
    VariantClear(&v);
    IFaxSecurity2_Release(security);
}

static void change_configuration(IFaxServer2 *server)
{
    IFaxConfiguration *configuration = NULL;
    HRESULT hr;

    if (IFaxServer2_get_Configuration(server, &configuration) != S_OK) return;
    ok(IFaxConfiguration_Save(configuration) == S_OK, "unchanged Save failed\n");
    ok(IFaxConfiguration_put_Retries(configuration, 9) == S_OK, "put Retries failed\n");
    ok(IFaxConfiguration_Save(configuration) == S_OK, "Save failed\n");
    ok(IFaxConfiguration_Save(configuration) == S_OK, "Save failed\n");
    ok(IFaxConfiguration_put_HighQuotaWaterMark(configuration, 1) == S_OK, "put failed\n");
    ok(IFaxConfiguration_put_LowQuotaWaterMark(configuration, 2) == S_OK, "put failed\n");
    hr = IFaxConfiguration_Save(configuration);
    ok(hr == E_INVALIDARG, "Save of low > high: %#lx\n", hr);
    IFaxConfiguration_Release(configuration);
}

/* The last change: a device's description (FaxDevice.Save), after which the child counts. */
static void change_device(IFaxServer2 *server)
{
    IFaxDevices *devices = NULL;
    IFaxDevice *device = NULL;
    VARIANT index;
    BSTR text;

    if (IFaxServer2_GetDevices(server, &devices) != S_OK) return;
    V_VT(&index) = VT_I4;
    V_I4(&index) = 1;
    ok(IFaxDevices_get_Item(devices, index, &device) == S_OK, "Item(1) failed\n");
    if (device)
    {
        text = SysAllocString(L"the last change");
        ok(IFaxDevice_put_Description(device, text) == S_OK, "put Description failed\n");
        SysFreeString(text);
        ok(IFaxDevice_Save(device) == S_OK, "device Save failed\n");
        IFaxDevice_Release(device);
    }
    IFaxDevices_Release(devices);
}

static void test_events_in_another_process(void)
{
    static const struct { DISPID dispid; LONG count; } expected[] =
    {
        { DISPID_RECEIPTS, 1 }, { DISPID_ACTIVITY_LOGGING, 1 }, { DISPID_SECURITY, 1 }, { DISPID_EVENT_LOGGING, 1 },
        { DISPID_OUTGOING_QUEUE, 1 }, { DISPID_DEVICES, 1 }, { DISPID_GENERAL, 1 },
    };
    WCHAR ready_name[64], done_name[64];
    LONG counts[27] = { 0 }, want;
    char file[MAX_PATH];
    HANDLE ready, done, child;
    IFaxServer2 *server;
    DWORD code = 1;
    unsigned int i, j;
    FILE *in;

    GetTempPathA(sizeof(file), file);
    snprintf(file + strlen(file), sizeof(file) - strlen(file), "fxscomex-config-events-%lu.txt", GetCurrentProcessId());
    child_name(ready_name, L"ready", GetCurrentProcessId());
    child_name(done_name, L"done", GetCurrentProcessId());
    ready = CreateEventW(NULL, FALSE, FALSE, ready_name);
    done = CreateEventW(NULL, TRUE, FALSE, done_name);
    if (!(server = connected_server())) return;
    child = start_child(file);
    ok(child != NULL, "the child did not start: %lu\n", GetLastError());
    ok(child && WaitForSingleObject(ready, WAIT_MS) == WAIT_OBJECT_0, "the child did not start listening\n");

    change_receipts(server);
    change_logging(server);
    change_security(server);
    change_configuration(server);
    change_device(server);
    SetEvent(done);

    if (child)
    {
        ok(WaitForSingleObject(child, WAIT_MS * 2) == WAIT_OBJECT_0, "the child did not end\n");
        GetExitCodeProcess(child, &code);
        ok(code == 0, "the child failed %lu tests\n", code);
        CloseHandle(child);
    }
    if ((in = fopen(file, "r")))
    {
        for (i = 1; i < ARRAY_SIZE(counts) && fscanf(in, "%ld", &counts[i]) == 1; i++) ;
        fclose(in);
    }
    for (i = 1; i < ARRAY_SIZE(counts); i++)
    {
        for (j = 0, want = 0; j < ARRAY_SIZE(expected); j++)
            if (expected[j].dispid == i) want = expected[j].count;
        ok(counts[i] == want, "%s in the other process: %ld calls, expected %ld\n", server_event_shapes[i - 1].name,
           counts[i], want);
    }
    DeleteFileA(file);
    CloseHandle(ready);
    CloseHandle(done);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
}

START_TEST(config_events)
{
    if (winetest_argc >= 4 && !strcmp(winetest_argv[1], "child"))
    {
        child_main(strtoul(winetest_argv[2], NULL, 10), winetest_argv[3]);
        return;
    }
    prepare_service(L"config-events");
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    test_events_in_another_process();
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
}
