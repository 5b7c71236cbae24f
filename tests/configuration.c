/*
 * The configuration objects of FaxServer against the real service: FaxActivity, FaxLoggingOptions
 * with FaxEventLogging and FaxActivityLogging, FaxReceiptOptions, FaxSecurity, FaxSecurity2 and
 * FaxConfiguration. Every member through the vtable and through IDispatch by name; bad input
 * (NULL pointers, wrong VARIANT types, out-of-range values, bad descriptors, too-long strings);
 * refused Saves that leave the service's values as they were; each Save's event, once, and none
 * for a Save that changes nothing; values that survive a restart of the service; a session
 * without the right to change the configuration; a fax asking for a receipt by mail.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include "fax_objects.h"
#include "access_rights.h"

#define LONG_TEXT_LENGTH 260    /* one more than the service keeps */

static WCHAR temp_folder[MAX_PATH];

/* ---- helpers ---- */

/* Takes every event the listening session has now. */
static void pull_all(struct fxs_link *link, struct event_log *log)
{
    unsigned int before;

    do before = log->count;
    while (pull_into(link, log, 100) && log->count > before);
}

/* How many CONFIG events of config_type the listening session got (pulling what is there). */
static unsigned int config_events(struct fxs_link *link, struct event_log *log, DWORD config_type)
{
    unsigned int i, count = 0;

    pull_all(link, log);
    for (i = 0; i < log->count; i++)
        if (log->events[i].event_class == FXS_EVENT_CONFIG && log->events[i].config_type == config_type) count++;
    return count;
}

/* Waits until the listening session has had count CONFIG events of config_type. */
static BOOL wait_config_events(struct fxs_link *link, struct event_log *log, DWORD config_type, unsigned int count)
{
    double deadline = now_ms() + EVENT_WAIT_MS;

    while (config_events(link, log, config_type) < count && now_ms() < deadline) ;
    return config_events(link, log, config_type) >= count;
}

static void check_class_info(IUnknown *object, const CLSID *clsid, const IID *iid, const char *name)
{
    IProvideClassInfo2 *class_info;
    ISupportErrorInfo *support;
    ITypeInfo *typeinfo;
    TYPEATTR *attr;
    GUID guid;
    HRESULT hr;

    hr = IUnknown_QueryInterface(object, &IID_IProvideClassInfo2, (void **)&class_info);
    ok(hr == S_OK, "%s: IProvideClassInfo2: %#lx\n", name, hr);
    if (hr == S_OK)
    {
        hr = IProvideClassInfo2_GetGUID(class_info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &guid);
        ok(hr == E_FAIL, "%s has no events: %#lx\n", name, hr);
        hr = IProvideClassInfo2_GetClassInfo(class_info, &typeinfo);
        ok(hr == S_OK, "%s: GetClassInfo: %#lx\n", name, hr);
        if (hr == S_OK)
        {
            ITypeInfo_GetTypeAttr(typeinfo, &attr);
            ok(IsEqualGUID(&attr->guid, clsid), "%s: class %s\n", name, wine_dbgstr_guid(&attr->guid));
            ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
            ITypeInfo_Release(typeinfo);
        }
        IProvideClassInfo2_Release(class_info);
    }
    hr = IUnknown_QueryInterface(object, &IID_ISupportErrorInfo, (void **)&support);
    ok(hr == S_OK, "%s: ISupportErrorInfo: %#lx\n", name, hr);
    if (hr == S_OK)
    {
        ok(ISupportErrorInfo_InterfaceSupportsErrorInfo(support, iid) == S_OK, "%s: no error info\n", name);
        ISupportErrorInfo_Release(support);
    }
}

/* A property of the server by name, as an object. */
static IDispatch *server_object_by_name(IFaxServer2 *server, const WCHAR *name)
{
    VARIANT result;
    HRESULT hr = get_by_name((IDispatch *)server, name, &result);

    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "%s by name: %#lx, type %d\n", wine_dbgstr_w(name), hr,
       V_VT(&result));
    return hr == S_OK && V_VT(&result) == VT_DISPATCH ? V_DISPATCH(&result) : NULL;
}

static HRESULT call_by_name(IDispatch *object, const WCHAR *name)
{
    return invoke_by_name(object, name, DISPATCH_METHOD, NULL, 0, NULL);
}

static LONG long_by_name(IDispatch *object, const WCHAR *name)
{
    VARIANT result;
    HRESULT hr = get_by_name(object, name, &result);

    ok(hr == S_OK && V_VT(&result) == VT_I4, "%s by name: %#lx, type %d\n", wine_dbgstr_w(name), hr, V_VT(&result));
    return V_I4(&result);
}

static BOOL bool_by_name(IDispatch *object, const WCHAR *name)
{
    VARIANT result;
    HRESULT hr = get_by_name(object, name, &result);

    ok(hr == S_OK && V_VT(&result) == VT_BOOL, "%s by name: %#lx, type %d\n", wine_dbgstr_w(name), hr, V_VT(&result));
    return V_BOOL(&result) == VARIANT_TRUE;
}

static VARIANT variant_bool(BOOL value)
{
    VARIANT v;
    V_VT(&v) = VT_BOOL;
    V_BOOL(&v) = value ? VARIANT_TRUE : VARIANT_FALSE;
    return v;
}

static BSTR long_text(void)
{
    BSTR text = SysAllocStringLen(NULL, LONG_TEXT_LENGTH);
    unsigned int i;

    for (i = 0; i < LONG_TEXT_LENGTH; i++) text[i] = 'a' + i % 26;
    return text;
}

/* ---- FaxActivity ---- */

static void test_activity(IFaxServer2 *server)
{
    IFaxActivity *activity = NULL;
    IDispatch *by_name;
    LONG incoming = -1, routing = -1, outgoing = -1, queued = -1;
    HRESULT hr;

    hr = IFaxServer2_get_Activity(server, NULL);
    ok(hr == E_POINTER, "Activity(NULL): %#lx\n", hr);
    hr = IFaxServer2_get_Activity(server, &activity);
    ok(hr == S_OK, "Activity: %#lx\n", hr);
    if (!activity) return;
    check_class_info((IUnknown *)activity, &CLSID_FaxActivity, &IID_IFaxActivity, "FaxActivity");
    ok(IFaxActivity_get_IncomingMessages(activity, &incoming) == S_OK && incoming == 0, "IncomingMessages %ld\n",
       incoming);
    ok(IFaxActivity_get_RoutingMessages(activity, &routing) == S_OK && routing == 0, "RoutingMessages %ld\n", routing);
    ok(IFaxActivity_get_OutgoingMessages(activity, &outgoing) == S_OK && outgoing == 0, "OutgoingMessages %ld\n",
       outgoing);
    ok(IFaxActivity_get_QueuedMessages(activity, &queued) == S_OK && queued == 0, "QueuedMessages %ld\n", queued);
    ok(IFaxActivity_Refresh(activity) == S_OK, "Refresh failed\n");
    ok(IFaxActivity_get_IncomingMessages(activity, NULL) == E_POINTER, "IncomingMessages(NULL)\n");
    ok(IFaxActivity_get_RoutingMessages(activity, NULL) == E_POINTER, "RoutingMessages(NULL)\n");
    ok(IFaxActivity_get_OutgoingMessages(activity, NULL) == E_POINTER, "OutgoingMessages(NULL)\n");
    hr = IFaxActivity_get_QueuedMessages(activity, NULL);
    ok(hr == E_POINTER && last_error_has(L"QueuedMessages"), "QueuedMessages(NULL): %#lx\n", hr);
    IFaxActivity_Release(activity);

    if (!(by_name = server_object_by_name(server, L"Activity"))) return;
    ok(long_by_name(by_name, L"IncomingMessages") == 0, "IncomingMessages by name\n");
    ok(long_by_name(by_name, L"RoutingMessages") == 0, "RoutingMessages by name\n");
    ok(long_by_name(by_name, L"OutgoingMessages") == 0, "OutgoingMessages by name\n");
    ok(long_by_name(by_name, L"QueuedMessages") == 0, "QueuedMessages by name\n");
    ok(call_by_name(by_name, L"Refresh") == S_OK, "Refresh by name\n");
    hr = put_by_name(by_name, L"QueuedMessages", variant_i4(3));
    ok(hr == DISP_E_MEMBERNOTFOUND, "put QueuedMessages by name: %#lx\n", hr);
    IDispatch_Release(by_name);
}

/* ---- FaxLoggingOptions, FaxEventLogging, FaxActivityLogging ---- */

static IFaxEventLogging *get_event_logging(IFaxServer2 *server)
{
    IFaxLoggingOptions *options = NULL;
    IFaxEventLogging *logging = NULL;

    ok(IFaxServer2_get_LoggingOptions(server, &options) == S_OK, "LoggingOptions failed\n");
    if (!options) return NULL;
    ok(IFaxLoggingOptions_get_EventLogging(options, &logging) == S_OK, "EventLogging failed\n");
    IFaxLoggingOptions_Release(options);
    return logging;
}

static IFaxActivityLogging *get_activity_logging(IFaxServer2 *server)
{
    IFaxLoggingOptions *options = NULL;
    IFaxActivityLogging *logging = NULL;

    ok(IFaxServer2_get_LoggingOptions(server, &options) == S_OK, "LoggingOptions failed\n");
    if (!options) return NULL;
    ok(IFaxLoggingOptions_get_ActivityLogging(options, &logging) == S_OK, "ActivityLogging failed\n");
    IFaxLoggingOptions_Release(options);
    return logging;
}

static void test_logging_options(IFaxServer2 *server)
{
    IFaxLoggingOptions *options = NULL;
    IFaxEventLogging *events1 = NULL, *events2 = NULL;
    IFaxActivityLogging *activity = NULL;
    IDispatch *by_name;
    VARIANT child;
    HRESULT hr;

    ok(IFaxServer2_get_LoggingOptions(server, NULL) == E_POINTER, "LoggingOptions(NULL)\n");
    hr = IFaxServer2_get_LoggingOptions(server, &options);
    ok(hr == S_OK, "LoggingOptions: %#lx\n", hr);
    if (!options) return;
    check_class_info((IUnknown *)options, &CLSID_FaxLoggingOptions, &IID_IFaxLoggingOptions, "FaxLoggingOptions");
    hr = IFaxLoggingOptions_get_EventLogging(options, NULL);
    ok(hr == E_POINTER && last_error_has(L"EventLogging"), "EventLogging(NULL): %#lx\n", hr);
    ok(IFaxLoggingOptions_get_ActivityLogging(options, NULL) == E_POINTER, "ActivityLogging(NULL)\n");
    ok(IFaxLoggingOptions_get_EventLogging(options, &events1) == S_OK, "EventLogging failed\n");
    ok(IFaxLoggingOptions_get_EventLogging(options, &events2) == S_OK, "EventLogging failed\n");
    ok(events1 && events1 == events2, "EventLogging gives one object: %p, %p\n", events1, events2);
    ok(IFaxLoggingOptions_get_ActivityLogging(options, &activity) == S_OK, "ActivityLogging failed\n");
    if (events1)
    {
        check_class_info((IUnknown *)events1, &CLSID_FaxEventLogging, &IID_IFaxEventLogging, "FaxEventLogging");
        IFaxEventLogging_Release(events1);
    }
    if (events2) IFaxEventLogging_Release(events2);
    if (activity)
    {
        check_class_info((IUnknown *)activity, &CLSID_FaxActivityLogging, &IID_IFaxActivityLogging,
                         "FaxActivityLogging");
        IFaxActivityLogging_Release(activity);
    }
    IFaxLoggingOptions_Release(options);

    if (!(by_name = server_object_by_name(server, L"LoggingOptions"))) return;
    hr = get_by_name(by_name, L"EventLogging", &child);
    ok(hr == S_OK && V_VT(&child) == VT_DISPATCH, "EventLogging by name: %#lx\n", hr);
    VariantClear(&child);
    hr = get_by_name(by_name, L"ActivityLogging", &child);
    ok(hr == S_OK && V_VT(&child) == VT_DISPATCH, "ActivityLogging by name: %#lx\n", hr);
    VariantClear(&child);
    IDispatch_Release(by_name);
}

static void test_event_logging(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxEventLogging *logging = get_event_logging(server), *fresh;
    struct event_log log = { 0 };
    FAX_LOG_LEVEL_ENUM level = -1;
    unsigned int before;
    IDispatch *by_name;
    VARIANT options;
    HRESULT hr;

    if (!logging) return;
    /* The service's defaults: errors and warnings (fllMIN) in each category. */
    ok(IFaxEventLogging_get_InitEventsLevel(logging, &level) == S_OK && level == fllMIN, "InitEventsLevel %d\n", level);
    ok(IFaxEventLogging_get_InboundEventsLevel(logging, &level) == S_OK && level == fllMIN, "Inbound %d\n", level);
    ok(IFaxEventLogging_get_OutboundEventsLevel(logging, &level) == S_OK && level == fllMIN, "Outbound %d\n", level);
    ok(IFaxEventLogging_get_GeneralEventsLevel(logging, &level) == S_OK && level == fllMIN, "General %d\n", level);

    /* Out of range: refused by the setter, with a description; the value stays. */
    hr = IFaxEventLogging_put_InitEventsLevel(logging, fllMAX + 1);
    ok(hr == E_INVALIDARG && last_error_has(L"InitEventsLevel"), "InitEventsLevel 4: %#lx\n", hr);
    ok(IFaxEventLogging_put_InboundEventsLevel(logging, -1) == E_INVALIDARG, "InboundEventsLevel -1 taken\n");
    ok(IFaxEventLogging_put_OutboundEventsLevel(logging, 100) == E_INVALIDARG, "OutboundEventsLevel 100 taken\n");
    ok(IFaxEventLogging_put_GeneralEventsLevel(logging, 0x80000000) == E_INVALIDARG, "General 0x80000000 taken\n");
    ok(IFaxEventLogging_get_InitEventsLevel(logging, &level) == S_OK && level == fllMIN, "InitEventsLevel %d\n", level);
    hr = IFaxEventLogging_get_InitEventsLevel(logging, NULL);
    ok(hr == E_POINTER && last_error_has(L"InitEventsLevel"), "InitEventsLevel(NULL): %#lx\n", hr);
    ok(IFaxEventLogging_get_InboundEventsLevel(logging, NULL) == E_POINTER, "InboundEventsLevel(NULL)\n");
    ok(IFaxEventLogging_get_OutboundEventsLevel(logging, NULL) == E_POINTER, "OutboundEventsLevel(NULL)\n");
    ok(IFaxEventLogging_get_GeneralEventsLevel(logging, NULL) == E_POINTER, "GeneralEventsLevel(NULL)\n");

    /* A Save that changes nothing fires nothing; one that changes something, one event. */
    before = config_events(link, &log, FXS_CONFIG_EVENTLOGS);
    ok(IFaxEventLogging_Save(logging) == S_OK, "Save failed\n");
    ok(IFaxEventLogging_put_InitEventsLevel(logging, fllNONE) == S_OK, "put InitEventsLevel failed\n");
    ok(IFaxEventLogging_put_InboundEventsLevel(logging, fllMED) == S_OK, "put InboundEventsLevel failed\n");
    ok(IFaxEventLogging_put_OutboundEventsLevel(logging, fllMAX) == S_OK, "put OutboundEventsLevel failed\n");
    ok(IFaxEventLogging_put_GeneralEventsLevel(logging, fllMAX) == S_OK, "put GeneralEventsLevel failed\n");
    ok(IFaxEventLogging_Save(logging) == S_OK, "Save failed\n");
    ok(wait_config_events(link, &log, FXS_CONFIG_EVENTLOGS, before + 1), "no OnEventLoggingConfigChange\n");
    ok(IFaxEventLogging_Save(logging) == S_OK, "Save failed\n");

    fresh = get_event_logging(server);
    if (fresh)
    {
        ok(IFaxEventLogging_get_InitEventsLevel(fresh, &level) == S_OK && level == fllNONE, "Init %d\n", level);
        ok(IFaxEventLogging_get_InboundEventsLevel(fresh, &level) == S_OK && level == fllMED, "Inbound %d\n", level);
        ok(IFaxEventLogging_get_OutboundEventsLevel(fresh, &level) == S_OK && level == fllMAX, "Outbound %d\n", level);
        ok(IFaxEventLogging_get_GeneralEventsLevel(fresh, &level) == S_OK && level == fllMAX, "General %d\n", level);
        IFaxEventLogging_Release(fresh);
    }
    /* Refresh brings back what the service has. */
    ok(IFaxEventLogging_put_GeneralEventsLevel(logging, fllMIN) == S_OK, "put failed\n");
    ok(IFaxEventLogging_Refresh(logging) == S_OK, "Refresh failed\n");
    ok(IFaxEventLogging_get_GeneralEventsLevel(logging, &level) == S_OK && level == fllMAX, "General %d\n", level);
    IFaxEventLogging_Release(logging);

    /* Late bound: LoggingOptions.EventLogging.GeneralEventsLevel = 2, then Save. */
    if (!(by_name = server_object_by_name(server, L"LoggingOptions"))) return;
    hr = get_by_name(by_name, L"EventLogging", &options);
    ok(hr == S_OK && V_VT(&options) == VT_DISPATCH, "EventLogging by name: %#lx\n", hr);
    if (hr == S_OK)
    {
        IDispatch *events = V_DISPATCH(&options);
        check_long_by_name(events, L"GeneralEventsLevel", fllMED);
        check_long_by_name(events, L"InitEventsLevel", fllMIN);
        check_long_by_name(events, L"InboundEventsLevel", fllMIN);
        check_long_by_name(events, L"OutboundEventsLevel", fllMIN);
        hr = put_by_name(events, L"InitEventsLevel", variant_i4(7));
        ok(hr == DISP_E_EXCEPTION, "InitEventsLevel 7 by name: %#lx\n", hr);
        ok(call_by_name(events, L"Refresh") == S_OK, "Refresh by name\n");
        ok(long_by_name(events, L"InitEventsLevel") == fllMIN, "InitEventsLevel by name\n");
        VariantClear(&options);
    }
    IDispatch_Release(by_name);
    ok(config_events(link, &log, FXS_CONFIG_EVENTLOGS) == before + 5, "%u events, expected %u\n",
       config_events(link, &log, FXS_CONFIG_EVENTLOGS), before + 5);
    log_free(&log);

    /* Figures: a Save that changes the class (written to disk, then announced) and a Refresh. */
    if ((logging = get_event_logging(server)))
    {
        double start = now_ms(), saves, refreshes;
        unsigned int i;

        for (i = 0; i < 20; i++)
        {
            IFaxEventLogging_put_GeneralEventsLevel(logging, i % 2 ? fllMED : fllMIN);
            ok(IFaxEventLogging_Save(logging) == S_OK, "Save %u failed\n", i);
        }
        saves = now_ms() - start;
        start = now_ms();
        for (i = 0; i < 20; i++) ok(IFaxEventLogging_Refresh(logging) == S_OK, "Refresh %u failed\n", i);
        refreshes = now_ms() - start;
        trace("FaxEventLogging: Save %.2f ms, Refresh %.2f ms (means of 20)\n", saves / 20, refreshes / 20);
        ok(IFaxEventLogging_get_GeneralEventsLevel(logging, &level) == S_OK && level == fllMED, "General %d\n", level);
        IFaxEventLogging_Release(logging);
    }
}

static void test_activity_logging(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxActivityLogging *logging = get_activity_logging(server), *fresh;
    struct event_log log = { 0 };
    VARIANT_BOOL flag = 5;
    WCHAR folder[MAX_PATH];
    unsigned int before;
    IDispatch *by_name;
    VARIANT options, value;
    BSTR text = NULL, too_long;
    HRESULT hr;

    if (!logging) return;
    ok(IFaxActivityLogging_get_LogIncoming(logging, &flag) == S_OK && flag == VARIANT_TRUE, "LogIncoming %d\n", flag);
    ok(IFaxActivityLogging_get_LogOutgoing(logging, &flag) == S_OK && flag == VARIANT_TRUE, "LogOutgoing %d\n", flag);
    EXPECT_TEXT(IFaxActivityLogging_get_DatabasePath, logging, L"");
    hr = IFaxActivityLogging_get_LogIncoming(logging, NULL);
    ok(hr == E_POINTER && last_error_has(L"LogIncoming"), "LogIncoming(NULL): %#lx\n", hr);
    ok(IFaxActivityLogging_get_LogOutgoing(logging, NULL) == E_POINTER, "LogOutgoing(NULL)\n");
    ok(IFaxActivityLogging_get_DatabasePath(logging, NULL) == E_POINTER, "DatabasePath(NULL)\n");
    too_long = long_text();
    hr = IFaxActivityLogging_put_DatabasePath(logging, too_long);
    ok(hr == E_INVALIDARG && last_error_has(L"259"), "DatabasePath of 260: %#lx\n", hr);
    SysFreeString(too_long);

    before = config_events(link, &log, FXS_CONFIG_ACTIVITY_LOGGING);
    swprintf(folder, ARRAY_SIZE(folder), L"%lsfxscomex-activity-logs-%lu", temp_folder, GetCurrentProcessId());
    text = SysAllocString(folder);
    ok(IFaxActivityLogging_put_LogIncoming(logging, VARIANT_FALSE) == S_OK, "put LogIncoming failed\n");
    ok(IFaxActivityLogging_put_LogOutgoing(logging, 7) == S_OK, "put LogOutgoing failed\n");  /* any non-zero: true */
    ok(IFaxActivityLogging_put_DatabasePath(logging, text) == S_OK, "put DatabasePath failed\n");
    SysFreeString(text);
    ok(IFaxActivityLogging_Save(logging) == S_OK, "Save failed\n");
    ok(wait_config_events(link, &log, FXS_CONFIG_ACTIVITY_LOGGING, before + 1), "no OnActivityLoggingConfigChange\n");
    ok(IFaxActivityLogging_Save(logging) == S_OK, "Save failed\n");

    if ((fresh = get_activity_logging(server)))
    {
        ok(IFaxActivityLogging_get_LogIncoming(fresh, &flag) == S_OK && flag == VARIANT_FALSE, "LogIncoming %d\n", flag);
        ok(IFaxActivityLogging_get_LogOutgoing(fresh, &flag) == S_OK && flag == VARIANT_TRUE, "LogOutgoing %d\n", flag);
        EXPECT_TEXT(IFaxActivityLogging_get_DatabasePath, fresh, folder);
        IFaxActivityLogging_Release(fresh);
    }
    ok(IFaxActivityLogging_put_LogIncoming(logging, VARIANT_TRUE) == S_OK, "put LogIncoming failed\n");
    ok(IFaxActivityLogging_Refresh(logging) == S_OK, "Refresh failed\n");
    ok(IFaxActivityLogging_get_LogIncoming(logging, &flag) == S_OK && flag == VARIANT_FALSE, "LogIncoming %d\n", flag);
    IFaxActivityLogging_Release(logging);

    /* Late bound: back to the service's own folder and both logs. */
    if (!(by_name = server_object_by_name(server, L"LoggingOptions"))) return;
    hr = get_by_name(by_name, L"ActivityLogging", &options);
    ok(hr == S_OK && V_VT(&options) == VT_DISPATCH, "ActivityLogging by name: %#lx\n", hr);
    if (hr == S_OK)
    {
        IDispatch *activity = V_DISPATCH(&options);
        ok(put_by_name(activity, L"LogIncoming", variant_bool(TRUE)) == S_OK, "LogIncoming by name\n");
        value = variant_text(L"");
        ok(put_by_name(activity, L"DatabasePath", value) == S_OK, "DatabasePath by name\n");
        VariantClear(&value);
        value = variant_text(L"yes");
        hr = put_by_name(activity, L"LogOutgoing", value);
        ok(hr == DISP_E_TYPEMISMATCH, "LogOutgoing \"yes\" by name: %#lx\n", hr);
        VariantClear(&value);
        ok(call_by_name(activity, L"Save") == S_OK, "Save by name\n");
        ok(call_by_name(activity, L"Refresh") == S_OK, "Refresh by name\n");
        ok(bool_by_name(activity, L"LogIncoming"), "LogIncoming by name\n");
        ok(bool_by_name(activity, L"LogOutgoing"), "LogOutgoing by name\n");
        hr = get_by_name(activity, L"DatabasePath", &value);
        ok(hr == S_OK && V_VT(&value) == VT_BSTR && !SysStringLen(V_BSTR(&value)), "DatabasePath by name: %#lx\n", hr);
        VariantClear(&value);
        VariantClear(&options);
    }
    IDispatch_Release(by_name);
    ok(config_events(link, &log, FXS_CONFIG_ACTIVITY_LOGGING) == before + 2, "%u events, expected %u\n",
       config_events(link, &log, FXS_CONFIG_ACTIVITY_LOGGING), before + 2);
    log_free(&log);
}

/* ---- FaxReceiptOptions ---- */

static IFaxReceiptOptions *get_receipts(IFaxServer2 *server)
{
    IFaxReceiptOptions *options = NULL;
    ok(IFaxServer2_get_ReceiptOptions(server, &options) == S_OK, "ReceiptOptions failed\n");
    return options;
}

static void test_receipt_options(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxReceiptOptions *options, *fresh;
    struct event_log log = { 0 };
    FAX_SMTP_AUTHENTICATION_TYPE_ENUM type = -1;
    FAX_RECEIPT_TYPE_ENUM allowed = -1;
    VARIANT_BOOL flag = 5;
    unsigned int before;
    IDispatch *by_name;
    VARIANT value;
    LONG port = 0;
    BSTR text;
    HRESULT hr;

    ok(IFaxServer2_get_ReceiptOptions(server, NULL) == E_POINTER, "ReceiptOptions(NULL)\n");
    if (!(options = get_receipts(server))) return;
    check_class_info((IUnknown *)options, &CLSID_FaxReceiptOptions, &IID_IFaxReceiptOptions, "FaxReceiptOptions");
    ok(IFaxReceiptOptions_get_AuthenticationType(options, &type) == S_OK && type == fsatANONYMOUS, "type %d\n", type);
    EXPECT_TEXT(IFaxReceiptOptions_get_SMTPServer, options, L"");
    ok(IFaxReceiptOptions_get_SMTPPort(options, &port) == S_OK && port == 25, "SMTPPort %ld\n", port);
    EXPECT_TEXT(IFaxReceiptOptions_get_SMTPSender, options, L"");
    EXPECT_TEXT(IFaxReceiptOptions_get_SMTPUser, options, L"");
    ok(IFaxReceiptOptions_get_AllowedReceipts(options, &allowed) == S_OK && allowed == frtNONE, "allowed %d\n",
       allowed);
    EXPECT_TEXT(IFaxReceiptOptions_get_SMTPPassword, options, L"");
    ok(IFaxReceiptOptions_get_UseForInboundRouting(options, &flag) == S_OK && flag == VARIANT_FALSE, "Inbound %d\n",
       flag);

    /* NULL pointers and values out of range. */
    ok(IFaxReceiptOptions_get_AuthenticationType(options, NULL) == E_POINTER, "AuthenticationType(NULL)\n");
    ok(IFaxReceiptOptions_get_SMTPServer(options, NULL) == E_POINTER, "SMTPServer(NULL)\n");
    ok(IFaxReceiptOptions_get_SMTPPort(options, NULL) == E_POINTER, "SMTPPort(NULL)\n");
    ok(IFaxReceiptOptions_get_SMTPSender(options, NULL) == E_POINTER, "SMTPSender(NULL)\n");
    ok(IFaxReceiptOptions_get_SMTPUser(options, NULL) == E_POINTER, "SMTPUser(NULL)\n");
    ok(IFaxReceiptOptions_get_AllowedReceipts(options, NULL) == E_POINTER, "AllowedReceipts(NULL)\n");
    ok(IFaxReceiptOptions_get_SMTPPassword(options, NULL) == E_POINTER, "SMTPPassword(NULL)\n");
    ok(IFaxReceiptOptions_get_UseForInboundRouting(options, NULL) == E_POINTER, "UseForInboundRouting(NULL)\n");
    hr = IFaxReceiptOptions_put_AuthenticationType(options, fsatNTLM + 1);
    ok(hr == E_INVALIDARG && last_error_has(L"AuthenticationType"), "AuthenticationType 3: %#lx\n", hr);
    ok(IFaxReceiptOptions_put_AuthenticationType(options, -1) == E_INVALIDARG, "AuthenticationType -1 taken\n");
    hr = IFaxReceiptOptions_put_SMTPPort(options, 0);
    ok(hr == E_INVALIDARG && last_error_has(L"SMTPPort"), "SMTPPort 0: %#lx\n", hr);
    ok(IFaxReceiptOptions_put_SMTPPort(options, 65536) == E_INVALIDARG, "SMTPPort 65536 taken\n");
    ok(IFaxReceiptOptions_put_SMTPPort(options, -25) == E_INVALIDARG, "SMTPPort -25 taken\n");
    hr = IFaxReceiptOptions_put_AllowedReceipts(options, 2);
    ok(hr == E_INVALIDARG && last_error_has(L"AllowedReceipts"), "AllowedReceipts 2: %#lx\n", hr);
    ok(IFaxReceiptOptions_put_AllowedReceipts(options, 8) == E_INVALIDARG, "AllowedReceipts 8 taken\n");
    text = long_text();
    ok(IFaxReceiptOptions_put_SMTPServer(options, text) == E_INVALIDARG, "SMTPServer of 260 taken\n");
    ok(IFaxReceiptOptions_put_SMTPSender(options, text) == E_INVALIDARG, "SMTPSender of 260 taken\n");
    ok(IFaxReceiptOptions_put_SMTPUser(options, text) == E_INVALIDARG, "SMTPUser of 260 taken\n");
    ok(IFaxReceiptOptions_put_SMTPPassword(options, text) == E_INVALIDARG, "SMTPPassword of 260 taken\n");
    SysFreeString(text);
    ok(IFaxReceiptOptions_get_SMTPPort(options, &port) == S_OK && port == 25, "SMTPPort %ld\n", port);

    /* Receipts by mail without an SMTP server: the service refuses, and keeps what it had. */
    before = config_events(link, &log, FXS_CONFIG_RECEIPTS);
    ok(IFaxReceiptOptions_put_AllowedReceipts(options, frtMAIL | frtMSGBOX) == S_OK, "put AllowedReceipts failed\n");
    ok(IFaxReceiptOptions_put_SMTPPort(options, 2525) == S_OK, "put SMTPPort failed\n");
    hr = IFaxReceiptOptions_Save(options);
    ok(hr == E_INVALIDARG && last_error_has(L"SMTPServer"), "Save of frtMAIL without a server: %#lx\n", hr);
    if ((fresh = get_receipts(server)))
    {
        ok(IFaxReceiptOptions_get_SMTPPort(fresh, &port) == S_OK && port == 25, "SMTPPort %ld after a refusal\n", port);
        ok(IFaxReceiptOptions_get_AllowedReceipts(fresh, &allowed) == S_OK && allowed == frtNONE, "allowed %d\n",
           allowed);
        IFaxReceiptOptions_Release(fresh);
    }

    /* All of them set. */
    ok(IFaxReceiptOptions_put_AuthenticationType(options, fsatBASIC) == S_OK, "put AuthenticationType failed\n");
    text = SysAllocString(L"smtp.example.org");
    ok(IFaxReceiptOptions_put_SMTPServer(options, text) == S_OK, "put SMTPServer failed\n");
    SysFreeString(text);
    text = SysAllocString(L"fax@example.org");
    ok(IFaxReceiptOptions_put_SMTPSender(options, text) == S_OK, "put SMTPSender failed\n");
    SysFreeString(text);
    text = SysAllocString(L"faxuser");
    ok(IFaxReceiptOptions_put_SMTPUser(options, text) == S_OK, "put SMTPUser failed\n");
    SysFreeString(text);
    text = SysAllocString(L"s3cret \x00e9t\x00e9");
    ok(IFaxReceiptOptions_put_SMTPPassword(options, text) == S_OK, "put SMTPPassword failed\n");
    SysFreeString(text);
    ok(IFaxReceiptOptions_put_UseForInboundRouting(options, VARIANT_TRUE) == S_OK, "put UseForInboundRouting\n");
    ok(IFaxReceiptOptions_Save(options) == S_OK, "Save failed\n");
    ok(wait_config_events(link, &log, FXS_CONFIG_RECEIPTS, before + 1), "no OnReceiptOptionsChange\n");
    ok(IFaxReceiptOptions_Save(options) == S_OK, "Save failed\n");
    IFaxReceiptOptions_Release(options);

    if ((fresh = get_receipts(server)))
    {
        ok(IFaxReceiptOptions_get_AuthenticationType(fresh, &type) == S_OK && type == fsatBASIC, "type %d\n", type);
        EXPECT_TEXT(IFaxReceiptOptions_get_SMTPServer, fresh, L"smtp.example.org");
        ok(IFaxReceiptOptions_get_SMTPPort(fresh, &port) == S_OK && port == 2525, "SMTPPort %ld\n", port);
        EXPECT_TEXT(IFaxReceiptOptions_get_SMTPSender, fresh, L"fax@example.org");
        EXPECT_TEXT(IFaxReceiptOptions_get_SMTPUser, fresh, L"faxuser");
        ok(IFaxReceiptOptions_get_AllowedReceipts(fresh, &allowed) == S_OK && allowed == (frtMAIL | frtMSGBOX),
           "allowed %d\n", allowed);
        EXPECT_TEXT(IFaxReceiptOptions_get_SMTPPassword, fresh, L"s3cret \x00e9t\x00e9");
        ok(IFaxReceiptOptions_get_UseForInboundRouting(fresh, &flag) == S_OK && flag == VARIANT_TRUE, "Inbound %d\n",
           flag);
        IFaxReceiptOptions_Release(fresh);
    }

    /* Late bound, every property. */
    if ((by_name = server_object_by_name(server, L"ReceiptOptions")))
    {
        check_long_by_name(by_name, L"SMTPPort", 587);
        check_long_by_name(by_name, L"AuthenticationType", fsatNTLM);
        check_long_by_name(by_name, L"AllowedReceipts", frtMAIL);
        value = variant_text(L"relay.example.org");
        ok(put_by_name(by_name, L"SMTPServer", value) == S_OK, "SMTPServer by name\n");
        VariantClear(&value);
        value = variant_text(L"sender@example.org");
        ok(put_by_name(by_name, L"SMTPSender", value) == S_OK, "SMTPSender by name\n");
        VariantClear(&value);
        value = variant_text(L"user2");
        ok(put_by_name(by_name, L"SMTPUser", value) == S_OK, "SMTPUser by name\n");
        VariantClear(&value);
        value = variant_text(L"pw2");
        ok(put_by_name(by_name, L"SMTPPassword", value) == S_OK, "SMTPPassword by name\n");
        VariantClear(&value);
        ok(put_by_name(by_name, L"UseForInboundRouting", variant_bool(FALSE)) == S_OK, "UseForInboundRouting\n");
        hr = put_by_name(by_name, L"SMTPPort", variant_i4(70000));
        ok(hr == DISP_E_EXCEPTION, "SMTPPort 70000 by name: %#lx\n", hr);
        ok(call_by_name(by_name, L"Save") == S_OK, "Save by name\n");
        ok(call_by_name(by_name, L"Refresh") == S_OK, "Refresh by name\n");
        hr = get_by_name(by_name, L"SMTPServer", &value);
        ok(hr == S_OK && V_VT(&value) == VT_BSTR && !lstrcmpW(V_BSTR(&value), L"relay.example.org"), "SMTPServer\n");
        VariantClear(&value);
        hr = get_by_name(by_name, L"SMTPPassword", &value);
        ok(hr == S_OK && V_VT(&value) == VT_BSTR && !lstrcmpW(V_BSTR(&value), L"pw2"), "SMTPPassword\n");
        VariantClear(&value);
        hr = get_by_name(by_name, L"SMTPUser", &value);
        ok(hr == S_OK && V_VT(&value) == VT_BSTR && !lstrcmpW(V_BSTR(&value), L"user2"), "SMTPUser\n");
        VariantClear(&value);
        hr = get_by_name(by_name, L"SMTPSender", &value);
        ok(hr == S_OK && V_VT(&value) == VT_BSTR && !lstrcmpW(V_BSTR(&value), L"sender@example.org"), "SMTPSender\n");
        VariantClear(&value);
        ok(!bool_by_name(by_name, L"UseForInboundRouting"), "UseForInboundRouting by name\n");
        IDispatch_Release(by_name);
    }
    /* check_long_by_name saved three times, each a change; the strings' Save once more. */
    ok(config_events(link, &log, FXS_CONFIG_RECEIPTS) == before + 5, "%u events, expected %u\n",
       config_events(link, &log, FXS_CONFIG_RECEIPTS), before + 5);
    log_free(&log);
}

/* A fax that asks for a receipt by mail: this service sends none, and says so. */
static void test_mail_receipt_refused(IFaxServer2 *server)
{
    IFaxDocument2 *document = NULL;
    IFaxRecipients *recipients = NULL;
    IFaxRecipient *recipient = NULL;
    WCHAR body[MAX_PATH];
    tiff_buffer image = make_body(1);
    BSTR text;
    VARIANT ids;
    HANDLE file;
    DWORD written;
    HRESULT hr;

    swprintf(body, ARRAY_SIZE(body), L"%lsfxscomex-receipt-%lu.tif", temp_folder, GetCurrentProcessId());
    file = CreateFileW(body, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, image.data, (DWORD)image.size, &written, NULL);
    CloseHandle(file);
    free(image.data);

    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument2, (void **)&document);
    ok(hr == S_OK, "FaxDocument: %#lx\n", hr);
    if (!document) return;
    text = SysAllocString(body);
    IFaxDocument2_put_Body(document, text);
    SysFreeString(text);
    IFaxDocument2_get_Recipients(document, &recipients);
    text = SysAllocString(L"1002");
    if (recipients) IFaxRecipients_Add(recipients, text, NULL, &recipient);
    SysFreeString(text);
    text = SysAllocString(L"someone@example.org");
    IFaxDocument2_put_ReceiptAddress(document, text);
    SysFreeString(text);
    ok(IFaxDocument2_put_ReceiptType(document, frtMAIL) == S_OK, "ReceiptType frtMAIL refused\n");
    VariantInit(&ids);
    hr = IFaxDocument2_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED) && last_error_has(L"by mail"), "a mail receipt: %#lx\n", hr);
    ok(V_VT(&ids) == VT_EMPTY, "job ids given: type %d\n", V_VT(&ids));
    VariantClear(&ids);
    /* The same fax without a receipt by mail goes. */
    ok(IFaxDocument2_put_ReceiptType(document, frtNONE) == S_OK, "ReceiptType frtNONE refused\n");
    hr = IFaxDocument2_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    ok(hr == S_OK, "without a receipt: %#lx\n", hr);
    VariantClear(&ids);
    if (recipient) IFaxRecipient_Release(recipient);
    if (recipients) IFaxRecipients_Release(recipients);
    IFaxDocument2_Release(document);
    DeleteFileW(body);
}

/* ---- FaxSecurity, FaxSecurity2 ---- */

/* The SDDL of a descriptor held in a VARIANT, the parts of info. */
static BOOL descriptor_sddl(const VARIANT *v, SECURITY_INFORMATION info, WCHAR *sddl, DWORD size)
{
    WCHAR *text = NULL;
    void *data;
    BOOL done;

    if (V_VT(v) != (VT_ARRAY | VT_UI1) || FAILED(SafeArrayAccessData(V_ARRAY(v), &data))) return FALSE;
    done = ConvertSecurityDescriptorToStringSecurityDescriptorW(data, SDDL_REVISION_1, info, &text, NULL);
    SafeArrayUnaccessData(V_ARRAY(v));
    if (done) lstrcpynW(sddl, text, size);
    LocalFree(text);
    return done;
}

#define DEFAULT_SDDL L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)"

static void test_security_bad_input(IFaxSecurity *security)
{
    VARIANT v, byref;
    SAFEARRAY *array;
    BYTE *data;
    HRESULT hr;
    LONG type;

    ok(IFaxSecurity_get_Descriptor(security, NULL) == E_POINTER, "Descriptor(NULL)\n");
    ok(IFaxSecurity_get_GrantedRights(security, NULL) == E_POINTER, "GrantedRights(NULL)\n");
    ok(IFaxSecurity_get_InformationType(security, NULL) == E_POINTER, "InformationType(NULL)\n");
    hr = IFaxSecurity_put_InformationType(security, 0x10);
    ok(hr == E_INVALIDARG && last_error_has(L"InformationType"), "InformationType 0x10: %#lx\n", hr);
    ok(IFaxSecurity_put_InformationType(security, 0) == E_INVALIDARG, "InformationType 0 taken\n");
    ok(IFaxSecurity_get_InformationType(security, &type) == S_OK && type == DACL_SECURITY_INFORMATION,
       "InformationType %ld\n", type);

    /* Not a byte array. */
    v = variant_text(L"O:BAG:BAD:(A;;0x7ff;;;WD)");
    hr = IFaxSecurity_put_Descriptor(security, v);
    ok(hr == E_INVALIDARG && last_error_has(L"VT_UI1"), "a string descriptor: %#lx\n", hr);
    VariantClear(&v);
    ok(IFaxSecurity_put_Descriptor(security, variant_i4(1)) == E_INVALIDARG, "a number descriptor taken\n");
    V_VT(&v) = VT_ARRAY | VT_I4;
    V_ARRAY(&v) = SafeArrayCreateVector(VT_I4, 0, 8);
    ok(IFaxSecurity_put_Descriptor(security, v) == E_INVALIDARG, "an array of longs taken\n");
    VariantClear(&v);

    /* Bytes that are no descriptor: too short, garbage, a valid one cut short, one with an offset outside. */
    V_VT(&v) = VT_ARRAY | VT_UI1;
    V_ARRAY(&v) = SafeArrayCreateVector(VT_UI1, 0, 4);
    hr = IFaxSecurity_put_Descriptor(security, v);
    ok(hr == E_INVALIDARG && last_error_has(L"security descriptor"), "4 bytes: %#lx\n", hr);
    VariantClear(&v);
    V_VT(&v) = VT_ARRAY | VT_UI1;
    V_ARRAY(&v) = SafeArrayCreateVector(VT_UI1, 0, 64);
    SafeArrayAccessData(V_ARRAY(&v), (void **)&data);
    memset(data, 0xcc, 64);
    SafeArrayUnaccessData(V_ARRAY(&v));
    ok(IFaxSecurity_put_Descriptor(security, v) == E_INVALIDARG, "garbage taken\n");
    VariantClear(&v);
    v = descriptor_variant(DEFAULT_SDDL);
    array = V_ARRAY(&v);
    SafeArrayAccessData(array, (void **)&data);
    ((SECURITY_DESCRIPTOR_RELATIVE *)data)->Dacl = 0x7ff0;     /* outside */
    SafeArrayUnaccessData(array);
    ok(IFaxSecurity_put_Descriptor(security, v) == E_INVALIDARG, "a DACL outside the bytes taken\n");
    VariantClear(&v);
    v = descriptor_variant(DEFAULT_SDDL);
    V_ARRAY(&v)->rgsabound[0].cElements -= 4;
    ok(IFaxSecurity_put_Descriptor(security, v) == E_INVALIDARG, "a descriptor cut short taken\n");
    V_ARRAY(&v)->rgsabound[0].cElements += 4;
    VariantClear(&v);

    /* By reference, as VB passes it: taken (the same descriptor as the service's, so nothing changes). */
    v = descriptor_variant(DEFAULT_SDDL);
    V_VT(&byref) = VT_BYREF | VT_VARIANT;
    V_VARIANTREF(&byref) = &v;
    ok(IFaxSecurity_put_Descriptor(security, byref) == S_OK, "a descriptor by reference refused\n");
    VariantClear(&v);
}

static void test_security(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxSecurity *security = NULL, *fresh = NULL;
    IFaxSecurity2 *security2 = NULL;
    FAX_ACCESS_RIGHTS_ENUM rights = 0;
    FAX_ACCESS_RIGHTS_ENUM_2 rights2 = 0;
    struct event_log log = { 0 };
    WCHAR sddl[512], expected[512], sid[128];
    unsigned int before;
    IDispatch *by_name;
    VARIANT v;
    LONG type = 0;
    HRESULT hr;

    ok(IFaxServer2_get_Security(server, NULL) == E_POINTER, "Security(NULL)\n");
    ok(IFaxServer2_get_Security2(server, NULL) == E_POINTER, "Security2(NULL)\n");
    hr = IFaxServer2_get_Security(server, &security);
    ok(hr == S_OK, "Security: %#lx\n", hr);
    hr = IFaxServer2_get_Security2(server, &security2);
    ok(hr == S_OK, "Security2: %#lx\n", hr);
    if (!security || !security2) return;
    check_class_info((IUnknown *)security, &CLSID_FaxSecurity, &IID_IFaxSecurity, "FaxSecurity");
    check_class_info((IUnknown *)security2, &CLSID_FaxSecurity2, &IID_IFaxSecurity2, "FaxSecurity2");

    /* This test runs as an administrator under Wine: every right. */
    ok(IFaxSecurity_get_GrantedRights(security, &rights) == S_OK && rights == 0x7ff, "GrantedRights %#x\n", rights);
    ok(IFaxSecurity2_get_GrantedRights(security2, &rights2) == S_OK && rights2 == 0x3ff, "GrantedRights2 %#x\n",
       rights2);
    ok(IFaxSecurity_get_InformationType(security, &type) == S_OK &&
       type == (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION),
       "InformationType %ld\n", type);
    hr = IFaxSecurity_get_Descriptor(security, &v);
    ok(hr == S_OK && descriptor_sddl(&v, 7, sddl, ARRAY_SIZE(sddl)) && !lstrcmpW(sddl, DEFAULT_SDDL),
       "Descriptor: %#lx, %s\n", hr, wine_dbgstr_w(sddl));
    VariantClear(&v);
    /* Only the DACL: the owner and group are left out. */
    ok(IFaxSecurity_put_InformationType(security, DACL_SECURITY_INFORMATION) == S_OK, "InformationType DACL\n");
    hr = IFaxSecurity_get_Descriptor(security, &v);
    ok(hr == S_OK && descriptor_sddl(&v, 7, sddl, ARRAY_SIZE(sddl)) &&
       !lstrcmpW(sddl, L"D:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)"), "DACL only: %s\n", wine_dbgstr_w(sddl));
    VariantClear(&v);
    test_security_bad_input(security);

    /* A new DACL given with InformationType DACL only: the owner and group stay the service's. */
    ok(user_sid(sid, ARRAY_SIZE(sid)), "no user SID\n");
    before = config_events(link, &log, FXS_CONFIG_SECURITY);
    ok(IFaxSecurity_Save(security) == S_OK, "Save failed\n");
    ok(IFaxSecurity_put_InformationType(security, DACL_SECURITY_INFORMATION) == S_OK, "InformationType DACL\n");
    swprintf(expected, ARRAY_SIZE(expected), L"O:SYG:SYD:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)(A;;0x7ff;;;%ls)", sid);
    v = descriptor_variant(expected);
    ok(IFaxSecurity_put_Descriptor(security, v) == S_OK, "put Descriptor failed\n");
    VariantClear(&v);
    ok(IFaxSecurity_Save(security) == S_OK, "Save failed\n");
    ok(wait_config_events(link, &log, FXS_CONFIG_SECURITY, before + 1), "no OnSecurityConfigChange\n");
    hr = IFaxServer2_get_Security(server, &fresh);
    ok(hr == S_OK, "Security: %#lx\n", hr);
    if (fresh)
    {
        swprintf(expected, ARRAY_SIZE(expected), L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)(A;;0x7ff;;;%ls)", sid);
        hr = IFaxSecurity_get_Descriptor(fresh, &v);
        ok(hr == S_OK && descriptor_sddl(&v, 7, sddl, ARRAY_SIZE(sddl)) && !lstrcmpW(sddl, expected),
           "merged: %s\n", wine_dbgstr_w(sddl));
        VariantClear(&v);
        IFaxSecurity_Release(fresh);
    }

    /* Late bound: FaxSecurity2 gives the default back. */
    if ((by_name = server_object_by_name(server, L"Security2")))
    {
        ok(long_by_name(by_name, L"InformationType") == 7, "InformationType by name\n");
        ok(long_by_name(by_name, L"GrantedRights") == 0x3ff, "GrantedRights by name\n");
        hr = put_by_name(by_name, L"InformationType", variant_i4(0x100));
        ok(hr == DISP_E_EXCEPTION, "InformationType 0x100 by name: %#lx\n", hr);
        v = descriptor_variant(DEFAULT_SDDL);
        ok(put_by_name(by_name, L"Descriptor", v) == S_OK, "Descriptor by name\n");
        VariantClear(&v);
        ok(call_by_name(by_name, L"Save") == S_OK, "Save by name\n");
        ok(call_by_name(by_name, L"Refresh") == S_OK, "Refresh by name\n");
        hr = get_by_name(by_name, L"Descriptor", &v);
        ok(hr == S_OK && descriptor_sddl(&v, 7, sddl, ARRAY_SIZE(sddl)) && !lstrcmpW(sddl, DEFAULT_SDDL),
           "Descriptor by name: %#lx, %s\n", hr, wine_dbgstr_w(sddl));
        VariantClear(&v);
        v = variant_text(L"junk");
        hr = put_by_name(by_name, L"Descriptor", v);
        ok(hr == DISP_E_EXCEPTION, "a string Descriptor by name: %#lx\n", hr);
        VariantClear(&v);
        IDispatch_Release(by_name);
    }
    if ((by_name = server_object_by_name(server, L"Security")))
    {
        ok(long_by_name(by_name, L"GrantedRights") == 0x7ff, "GrantedRights by name\n");
        ok(long_by_name(by_name, L"InformationType") == 7, "InformationType by name\n");
        ok(put_by_name(by_name, L"InformationType", variant_i4(DACL_SECURITY_INFORMATION)) == S_OK,
           "InformationType by name\n");
        hr = get_by_name(by_name, L"Descriptor", &v);
        ok(hr == S_OK && descriptor_sddl(&v, 7, sddl, ARRAY_SIZE(sddl)) &&
           !lstrcmpW(sddl, L"D:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)"), "Descriptor by name: %#lx, %s\n", hr,
           wine_dbgstr_w(sddl));
        ok(put_by_name(by_name, L"Descriptor", v) == S_OK, "Descriptor by name\n");
        VariantClear(&v);
        ok(call_by_name(by_name, L"Save") == S_OK, "Save by name\n");   /* the same DACL: no event */
        ok(call_by_name(by_name, L"Refresh") == S_OK, "Refresh by name\n");
        IDispatch_Release(by_name);
    }
    ok(IFaxSecurity2_Refresh(security2) == S_OK, "Refresh failed\n");
    ok(IFaxSecurity2_get_InformationType(security2, &type) == S_OK && type == 7, "InformationType %ld\n", type);
    ok(config_events(link, &log, FXS_CONFIG_SECURITY) == before + 2, "%u events, expected %u\n",
       config_events(link, &log, FXS_CONFIG_SECURITY), before + 2);
    IFaxSecurity_Release(security);
    IFaxSecurity2_Release(security2);
    log_free(&log);
}

/* A session without farMANAGE_CONFIG: it may look, not change; Save says why. */
static void test_restricted_session(IFaxServer2 *admin)
{
    IFaxSecurity *security = NULL;
    IFaxServer2 *restricted;
    IFaxEventLogging *logging;
    IFaxReceiptOptions *receipts;
    IFaxConfiguration *configuration = NULL;
    FAX_ACCESS_RIGHTS_ENUM rights = 0;
    FAX_LOG_LEVEL_ENUM level = 0;
    WCHAR sddl[256], sid[128];
    BSTR password = (BSTR)1;
    VARIANT v;
    HRESULT hr;

    if (!user_sid(sid, ARRAY_SIZE(sid)) || IFaxServer2_get_Security(admin, &security) != S_OK) return;
    /* Only submit, look at the jobs and the configuration. */
    swprintf(sddl, ARRAY_SIZE(sddl), L"O:BAG:BAD:(A;;0x2f;;;%ls)", sid);
    v = descriptor_variant(sddl);
    ok(IFaxSecurity_put_Descriptor(security, v) == S_OK && IFaxSecurity_Save(security) == S_OK, "restricting failed\n");
    VariantClear(&v);

    if ((restricted = connected_server()))
    {
        IFaxSecurity *mine = NULL;
        ok(IFaxServer2_get_Security(restricted, &mine) == S_OK, "Security failed\n");
        if (mine)
        {
            ok(IFaxSecurity_get_GrantedRights(mine, &rights) == S_OK && rights == 0x2f, "GrantedRights %#x\n", rights);
            hr = IFaxSecurity_Save(mine);
            ok(hr == E_ACCESSDENIED && last_error_has(L"farMANAGE_CONFIG"), "Save of FaxSecurity: %#lx\n", hr);
            IFaxSecurity_Release(mine);
        }
        if ((logging = get_event_logging(restricted)))
        {
            ok(IFaxEventLogging_put_InitEventsLevel(logging, fllMAX) == S_OK, "put failed\n");
            hr = IFaxEventLogging_Save(logging);
            ok(hr == E_ACCESSDENIED && last_error_has(L"farMANAGE_CONFIG"), "Save of FaxEventLogging: %#lx\n", hr);
            ok(IFaxEventLogging_Refresh(logging) == S_OK, "Refresh failed\n");
            ok(IFaxEventLogging_get_InitEventsLevel(logging, &level) == S_OK && level == fllMIN, "level %d\n", level);
            IFaxEventLogging_Release(logging);
        }
        if ((receipts = get_receipts(restricted)))
        {
            hr = IFaxReceiptOptions_get_SMTPPassword(receipts, &password);
            ok(hr == E_ACCESSDENIED && !password && last_error_has(L"farMANAGE_CONFIG"), "SMTPPassword: %#lx\n", hr);
            hr = IFaxReceiptOptions_Save(receipts);
            ok(hr == E_ACCESSDENIED, "Save of FaxReceiptOptions: %#lx\n", hr);
            IFaxReceiptOptions_Release(receipts);
        }
        ok(IFaxServer2_get_Configuration(restricted, &configuration) == S_OK, "Configuration failed\n");
        if (configuration)
        {
            ok(IFaxConfiguration_put_Retries(configuration, 9) == S_OK, "put failed\n");
            hr = IFaxConfiguration_Save(configuration);
            ok(hr == E_ACCESSDENIED && last_error_has(L"farMANAGE_CONFIG"), "Save of FaxConfiguration: %#lx\n", hr);
            IFaxConfiguration_Release(configuration);
        }
        IFaxServer2_Disconnect(restricted);
        IFaxServer2_Release(restricted);
    }
    /* The administrator's session keeps the rights it opened with: it puts the default back. */
    v = descriptor_variant(DEFAULT_SDDL);
    ok(IFaxSecurity_put_Descriptor(security, v) == S_OK && IFaxSecurity_Save(security) == S_OK, "restoring failed\n");
    VariantClear(&v);
    IFaxSecurity_Release(security);
}

/* ---- FaxConfiguration ---- */

static IFaxConfiguration *get_configuration(IFaxServer2 *server)
{
    IFaxConfiguration *configuration = NULL;
    ok(IFaxServer2_get_Configuration(server, &configuration) == S_OK, "Configuration failed\n");
    return configuration;
}

static unsigned int queue_state_events(struct fxs_link *link, struct event_log *log)
{
    unsigned int i, count = 0;

    pull_all(link, log);
    for (i = 0; i < log->count; i++) count += log->events[i].event_class == FXS_EVENT_QUEUE_STATE;
    return count;
}

typedef HRESULT (WINAPI *getter)(IFaxConfiguration *, void *);

static void test_configuration_bad_input(IFaxConfiguration *configuration)
{
    const IFaxConfigurationVtbl *vtbl = configuration->lpVtbl;
    const getter getters[] =
    {
        (getter)vtbl->get_UseArchive, (getter)vtbl->get_ArchiveLocation, (getter)vtbl->get_SizeQuotaWarning,
        (getter)vtbl->get_HighQuotaWaterMark, (getter)vtbl->get_LowQuotaWaterMark, (getter)vtbl->get_ArchiveAgeLimit,
        (getter)vtbl->get_ArchiveSizeLow, (getter)vtbl->get_ArchiveSizeHigh, (getter)vtbl->get_OutgoingQueueBlocked,
        (getter)vtbl->get_OutgoingQueuePaused, (getter)vtbl->get_AllowPersonalCoverPages,
        (getter)vtbl->get_UseDeviceTSID, (getter)vtbl->get_Retries, (getter)vtbl->get_RetryDelay,
        (getter)vtbl->get_DiscountRateStart, (getter)vtbl->get_DiscountRateEnd, (getter)vtbl->get_OutgoingQueueAgeLimit,
        (getter)vtbl->get_Branding, (getter)vtbl->get_IncomingQueueBlocked, (getter)vtbl->get_AutoCreateAccountOnConnect,
        (getter)vtbl->get_IncomingFaxesArePublic,
    };
    unsigned int i;
    BSTR text;
    HRESULT hr;

    for (i = 0; i < ARRAY_SIZE(getters); i++)
    {
        hr = getters[i](configuration, NULL);
        ok(hr == E_POINTER && last_error_has(L"FaxConfiguration."), "getter %u with NULL: %#lx\n", i, hr);
    }
    hr = IFaxConfiguration_put_Retries(configuration, 100);
    ok(hr == E_INVALIDARG && last_error_has(L"Retries"), "Retries 100: %#lx\n", hr);
    ok(IFaxConfiguration_put_Retries(configuration, -1) == E_INVALIDARG, "Retries -1 taken\n");
    ok(IFaxConfiguration_put_RetryDelay(configuration, 1000) == E_INVALIDARG, "RetryDelay 1000 taken\n");
    ok(IFaxConfiguration_put_OutgoingQueueAgeLimit(configuration, 10000) == E_INVALIDARG, "age limit 10000 taken\n");
    ok(IFaxConfiguration_put_ArchiveAgeLimit(configuration, -5) == E_INVALIDARG, "ArchiveAgeLimit -5 taken\n");
    ok(IFaxConfiguration_put_HighQuotaWaterMark(configuration, -1) == E_INVALIDARG, "HighQuotaWaterMark -1 taken\n");
    ok(IFaxConfiguration_put_LowQuotaWaterMark(configuration, -1) == E_INVALIDARG, "LowQuotaWaterMark -1 taken\n");
    hr = IFaxConfiguration_put_DiscountRateStart(configuration, NAN);
    ok(hr == E_INVALIDARG && last_error_has(L"DiscountRateStart"), "DiscountRateStart NaN: %#lx\n", hr);
    ok(IFaxConfiguration_put_DiscountRateEnd(configuration, 1e10) == E_INVALIDARG, "DiscountRateEnd 1e10 taken\n");
    text = long_text();
    hr = IFaxConfiguration_put_ArchiveLocation(configuration, text);
    ok(hr == E_INVALIDARG && last_error_has(L"ArchiveLocation"), "ArchiveLocation of 260: %#lx\n", hr);
    SysFreeString(text);
}

/* The view agrees with FaxOutgoingQueue, which shows the class "config.outbox". */
static void check_against_outgoing_queue(IFaxServer2 *server, LONG retries, VARIANT_BOOL blocked)
{
    IFaxFolders *folders = NULL;
    IFaxOutgoingQueue *queue = NULL;
    VARIANT_BOOL flag = 5;
    LONG value = -1;

    if (IFaxServer2_get_Folders(server, &folders) != S_OK) return;
    ok(IFaxFolders_get_OutgoingQueue(folders, &queue) == S_OK, "OutgoingQueue failed\n");
    if (queue)
    {
        ok(IFaxOutgoingQueue_get_Retries(queue, &value) == S_OK && value == retries, "queue Retries %ld, not %ld\n",
           value, retries);
        ok(IFaxOutgoingQueue_get_Blocked(queue, &flag) == S_OK && flag == blocked, "queue Blocked %d\n", flag);
        IFaxOutgoingQueue_Release(queue);
    }
    IFaxFolders_Release(folders);
}

static void test_configuration(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxConfiguration *configuration, *fresh;
    struct event_log log = { 0 };
    unsigned int general, outbox, sentitems, inbox, states;
    VARIANT_BOOL flag = 5;
    IDispatch *by_name;
    LONG value = -1, low = -1, high = -1;
    DATE date = -1;
    VARIANT v;
    BSTR text;
    HRESULT hr;

    ok(IFaxServer2_get_Configuration(server, NULL) == E_POINTER, "Configuration(NULL)\n");
    if (!(configuration = get_configuration(server))) return;
    check_class_info((IUnknown *)configuration, &CLSID_FaxConfiguration, &IID_IFaxConfiguration, "FaxConfiguration");
    test_configuration_bad_input(configuration);

    /* What the view shows is what the classes hold. */
    ok(IFaxConfiguration_get_Retries(configuration, &value) == S_OK, "Retries failed\n");
    ok(IFaxConfiguration_get_OutgoingQueueBlocked(configuration, &flag) == S_OK && flag == VARIANT_FALSE,
       "OutgoingQueueBlocked %d\n", flag);
    check_against_outgoing_queue(server, value, VARIANT_FALSE);
    ok(IFaxConfiguration_get_ArchiveSizeLow(configuration, &low) == S_OK && low >= 0, "ArchiveSizeLow %ld\n", low);
    ok(IFaxConfiguration_get_ArchiveSizeHigh(configuration, &high) == S_OK && high == 0, "ArchiveSizeHigh %ld\n", high);
    trace("archives: %ld bytes\n", low);

    /* Low above high: refused by the service, nothing changes (Retries neither). */
    general = config_events(link, &log, FXS_CONFIG_GENERAL);
    ok(IFaxConfiguration_put_HighQuotaWaterMark(configuration, 10) == S_OK, "put failed\n");
    ok(IFaxConfiguration_put_LowQuotaWaterMark(configuration, 20) == S_OK, "put failed\n");
    ok(IFaxConfiguration_put_Retries(configuration, 7) == S_OK, "put failed\n");
    hr = IFaxConfiguration_Save(configuration);
    ok(hr == E_INVALIDARG && last_error_has(L"LowQuotaWaterMark"), "Save of low > high: %#lx\n", hr);
    if ((fresh = get_configuration(server)))
    {
        ok(IFaxConfiguration_get_Retries(fresh, &value) == S_OK && value != 7, "Retries %ld after a refusal\n", value);
        ok(IFaxConfiguration_get_LowQuotaWaterMark(fresh, &low) == S_OK && low != 20, "Low %ld after a refusal\n", low);
        IFaxConfiguration_Release(fresh);
    }

    /* Everything changed at once. */
    outbox = config_events(link, &log, FXS_CONFIG_OUTBOX);
    sentitems = config_events(link, &log, FXS_CONFIG_SENTITEMS);
    inbox = config_events(link, &log, FXS_CONFIG_INBOX);
    states = queue_state_events(link, &log);
    ok(IFaxConfiguration_put_UseArchive(configuration, VARIANT_FALSE) == S_OK, "put UseArchive\n");
    text = SysAllocString(L"");
    ok(IFaxConfiguration_put_ArchiveLocation(configuration, text) == S_OK, "put ArchiveLocation\n");
    SysFreeString(text);
    ok(IFaxConfiguration_put_SizeQuotaWarning(configuration, VARIANT_TRUE) == S_OK, "put SizeQuotaWarning\n");
    ok(IFaxConfiguration_put_HighQuotaWaterMark(configuration, 100) == S_OK, "put HighQuotaWaterMark\n");
    ok(IFaxConfiguration_put_LowQuotaWaterMark(configuration, 50) == S_OK, "put LowQuotaWaterMark\n");
    ok(IFaxConfiguration_put_ArchiveAgeLimit(configuration, 30) == S_OK, "put ArchiveAgeLimit\n");
    ok(IFaxConfiguration_put_OutgoingQueueBlocked(configuration, VARIANT_TRUE) == S_OK, "put OutgoingQueueBlocked\n");
    ok(IFaxConfiguration_put_OutgoingQueuePaused(configuration, VARIANT_TRUE) == S_OK, "put OutgoingQueuePaused\n");
    ok(IFaxConfiguration_put_AllowPersonalCoverPages(configuration, VARIANT_FALSE) == S_OK, "put PersonalCoverPages\n");
    ok(IFaxConfiguration_put_UseDeviceTSID(configuration, VARIANT_FALSE) == S_OK, "put UseDeviceTSID\n");
    ok(IFaxConfiguration_put_Retries(configuration, 5) == S_OK, "put Retries\n");
    ok(IFaxConfiguration_put_RetryDelay(configuration, 15) == S_OK, "put RetryDelay\n");
    ok(IFaxConfiguration_put_DiscountRateStart(configuration, 40000.0 + 20.5 / 24) == S_OK, "put DiscountRateStart\n");
    ok(IFaxConfiguration_put_DiscountRateEnd(configuration, 6.25 / 24) == S_OK, "put DiscountRateEnd\n");
    ok(IFaxConfiguration_put_OutgoingQueueAgeLimit(configuration, 7) == S_OK, "put OutgoingQueueAgeLimit\n");
    ok(IFaxConfiguration_put_Branding(configuration, VARIANT_FALSE) == S_OK, "put Branding\n");
    ok(IFaxConfiguration_put_IncomingQueueBlocked(configuration, VARIANT_TRUE) == S_OK, "put IncomingQueueBlocked\n");
    ok(IFaxConfiguration_put_AutoCreateAccountOnConnect(configuration, VARIANT_TRUE) == S_OK, "put AutoCreate\n");
    ok(IFaxConfiguration_put_IncomingFaxesArePublic(configuration, VARIANT_TRUE) == S_OK, "put IncomingPublic\n");
    ok(IFaxConfiguration_Save(configuration) == S_OK, "Save failed\n");
    ok(wait_config_events(link, &log, FXS_CONFIG_INBOX, inbox + 1), "no OnIncomingArchiveConfigChange\n");
    ok(IFaxConfiguration_Save(configuration) == S_OK, "Save failed\n");     /* nothing changes: no event */
    check_against_outgoing_queue(server, 5, VARIANT_TRUE);

    if ((fresh = get_configuration(server)))
    {
        ok(IFaxConfiguration_get_UseArchive(fresh, &flag) == S_OK && flag == VARIANT_FALSE, "UseArchive %d\n", flag);
        EXPECT_TEXT(IFaxConfiguration_get_ArchiveLocation, fresh, L"");
        ok(IFaxConfiguration_get_SizeQuotaWarning(fresh, &flag) == S_OK && flag == VARIANT_TRUE, "Quota %d\n", flag);
        ok(IFaxConfiguration_get_HighQuotaWaterMark(fresh, &value) == S_OK && value == 100, "High %ld\n", value);
        ok(IFaxConfiguration_get_LowQuotaWaterMark(fresh, &value) == S_OK && value == 50, "Low %ld\n", value);
        ok(IFaxConfiguration_get_ArchiveAgeLimit(fresh, &value) == S_OK && value == 30, "ArchiveAge %ld\n", value);
        ok(IFaxConfiguration_get_OutgoingQueueBlocked(fresh, &flag) == S_OK && flag == VARIANT_TRUE, "Blocked\n");
        ok(IFaxConfiguration_get_OutgoingQueuePaused(fresh, &flag) == S_OK && flag == VARIANT_TRUE, "Paused\n");
        ok(IFaxConfiguration_get_AllowPersonalCoverPages(fresh, &flag) == S_OK && flag == VARIANT_FALSE, "Personal\n");
        ok(IFaxConfiguration_get_UseDeviceTSID(fresh, &flag) == S_OK && flag == VARIANT_FALSE, "UseDeviceTSID\n");
        ok(IFaxConfiguration_get_Retries(fresh, &value) == S_OK && value == 5, "Retries %ld\n", value);
        ok(IFaxConfiguration_get_RetryDelay(fresh, &value) == S_OK && value == 15, "RetryDelay %ld\n", value);
        ok(IFaxConfiguration_get_DiscountRateStart(fresh, &date) == S_OK && fabs(date - 20.5 / 24) < 1e-9,
           "DiscountRateStart %f\n", date);
        ok(IFaxConfiguration_get_DiscountRateEnd(fresh, &date) == S_OK && fabs(date - 6.25 / 24) < 1e-9,
           "DiscountRateEnd %f\n", date);
        ok(IFaxConfiguration_get_OutgoingQueueAgeLimit(fresh, &value) == S_OK && value == 7, "Age %ld\n", value);
        ok(IFaxConfiguration_get_Branding(fresh, &flag) == S_OK && flag == VARIANT_FALSE, "Branding %d\n", flag);
        ok(IFaxConfiguration_get_IncomingQueueBlocked(fresh, &flag) == S_OK && flag == VARIANT_TRUE, "InBlocked\n");
        ok(IFaxConfiguration_get_AutoCreateAccountOnConnect(fresh, &flag) == S_OK && flag == VARIANT_TRUE, "Auto\n");
        ok(IFaxConfiguration_get_IncomingFaxesArePublic(fresh, &flag) == S_OK && flag == VARIANT_TRUE, "Public\n");
        IFaxConfiguration_Release(fresh);
    }
    ok(IFaxConfiguration_put_Retries(configuration, 1) == S_OK, "put failed\n");
    ok(IFaxConfiguration_Refresh(configuration) == S_OK, "Refresh failed\n");
    ok(IFaxConfiguration_get_Retries(configuration, &value) == S_OK && value == 5, "Retries %ld after Refresh\n", value);
    IFaxConfiguration_Release(configuration);

    /* Late bound: every property with its type; the queues open again, a time of day as a DATE,
     * the sizes read-only. */
    if ((by_name = server_object_by_name(server, L"Configuration")))
    {
        static const struct { const WCHAR *name; VARTYPE type; } properties[] =
        {
            { L"UseArchive", VT_BOOL }, { L"ArchiveLocation", VT_BSTR }, { L"SizeQuotaWarning", VT_BOOL },
            { L"HighQuotaWaterMark", VT_I4 }, { L"LowQuotaWaterMark", VT_I4 }, { L"ArchiveAgeLimit", VT_I4 },
            { L"ArchiveSizeLow", VT_I4 }, { L"ArchiveSizeHigh", VT_I4 }, { L"OutgoingQueueBlocked", VT_BOOL },
            { L"OutgoingQueuePaused", VT_BOOL }, { L"AllowPersonalCoverPages", VT_BOOL }, { L"UseDeviceTSID", VT_BOOL },
            { L"Retries", VT_I4 }, { L"RetryDelay", VT_I4 }, { L"DiscountRateStart", VT_DATE },
            { L"DiscountRateEnd", VT_DATE }, { L"OutgoingQueueAgeLimit", VT_I4 }, { L"Branding", VT_BOOL },
            { L"IncomingQueueBlocked", VT_BOOL }, { L"AutoCreateAccountOnConnect", VT_BOOL },
            { L"IncomingFaxesArePublic", VT_BOOL },
        };
        unsigned int i;

        for (i = 0; i < ARRAY_SIZE(properties); i++)
        {
            hr = get_by_name(by_name, properties[i].name, &v);
            ok(hr == S_OK && V_VT(&v) == properties[i].type, "%s by name: %#lx, type %d\n",
               wine_dbgstr_w(properties[i].name), hr, V_VT(&v));
            VariantClear(&v);
        }
        check_long_by_name(by_name, L"Retries", 4);
        ok(put_by_name(by_name, L"OutgoingQueueBlocked", variant_bool(FALSE)) == S_OK, "OutgoingQueueBlocked\n");
        ok(put_by_name(by_name, L"OutgoingQueuePaused", variant_bool(FALSE)) == S_OK, "OutgoingQueuePaused\n");
        ok(put_by_name(by_name, L"IncomingQueueBlocked", variant_bool(FALSE)) == S_OK, "IncomingQueueBlocked\n");
        V_VT(&v) = VT_DATE;
        V_DATE(&v) = 22.0 / 24;
        ok(put_by_name(by_name, L"DiscountRateStart", v) == S_OK, "DiscountRateStart by name\n");
        v = variant_text(L"later");
        hr = put_by_name(by_name, L"DiscountRateEnd", v);
        ok(hr == DISP_E_TYPEMISMATCH, "DiscountRateEnd \"later\" by name: %#lx\n", hr);
        VariantClear(&v);
        hr = put_by_name(by_name, L"ArchiveSizeLow", variant_i4(1));
        ok(hr == DISP_E_MEMBERNOTFOUND, "put ArchiveSizeLow by name: %#lx\n", hr);
        ok(call_by_name(by_name, L"Save") == S_OK, "Save by name\n");
        ok(call_by_name(by_name, L"Refresh") == S_OK, "Refresh by name\n");
        ok(!bool_by_name(by_name, L"OutgoingQueueBlocked"), "OutgoingQueueBlocked by name\n");
        ok(!bool_by_name(by_name, L"IncomingQueueBlocked"), "IncomingQueueBlocked by name\n");
        ok(bool_by_name(by_name, L"IncomingFaxesArePublic"), "IncomingFaxesArePublic by name\n");
        ok(long_by_name(by_name, L"ArchiveSizeHigh") == 0, "ArchiveSizeHigh by name\n");
        ok(long_by_name(by_name, L"ArchiveSizeLow") >= 0, "ArchiveSizeLow by name\n");
        hr = get_by_name(by_name, L"DiscountRateStart", &v);
        ok(hr == S_OK && V_VT(&v) == VT_DATE && fabs(V_DATE(&v) - 22.0 / 24) < 1e-9, "DiscountRateStart by name\n");
        IDispatch_Release(by_name);
    }
    check_against_outgoing_queue(server, 4, VARIANT_FALSE);

    /* Three Saves changed something: one general event each; the first changed the outbox and both
     * archives, the others the outbox only; the queue states changed twice. */
    ok(config_events(link, &log, FXS_CONFIG_GENERAL) == general + 3, "%u general events, expected %u\n",
       config_events(link, &log, FXS_CONFIG_GENERAL), general + 3);
    ok(config_events(link, &log, FXS_CONFIG_OUTBOX) == outbox + 3, "%u outbox events, expected %u\n",
       config_events(link, &log, FXS_CONFIG_OUTBOX), outbox + 3);
    ok(config_events(link, &log, FXS_CONFIG_SENTITEMS) == sentitems + 1, "%u sent items events, expected %u\n",
       config_events(link, &log, FXS_CONFIG_SENTITEMS), sentitems + 1);
    ok(config_events(link, &log, FXS_CONFIG_INBOX) == inbox + 1, "%u inbox events, expected %u\n",
       config_events(link, &log, FXS_CONFIG_INBOX), inbox + 1);
    ok(queue_state_events(link, &log) == states + 2, "%u queue state events, expected %u\n",
       queue_state_events(link, &log), states + 2);
    log_free(&log);
}

/* ArchiveLocation is one folder for both archives, as on Windows: Inbox and SentItems in it. */
static void test_archive_location(IFaxServer2 *server)
{
    IFaxConfiguration *configuration = get_configuration(server), *fresh;
    IFaxIncomingArchive *incoming = NULL;
    IFaxOutgoingArchive *outgoing = NULL;
    IFaxFolders *folders = NULL;
    WCHAR location[MAX_PATH], expected[MAX_PATH], root[MAX_PATH];
    BSTR text;
    HRESULT hr;

    if (!configuration) return;
    swprintf(location, ARRAY_SIZE(location), L"%lsfxscomex-archive-location-%lu", temp_folder, GetCurrentProcessId());
    text = SysAllocString(location);
    ok(IFaxConfiguration_put_ArchiveLocation(configuration, text) == S_OK, "put ArchiveLocation\n");
    SysFreeString(text);
    ok(IFaxConfiguration_Save(configuration) == S_OK, "Save of ArchiveLocation %s\n", wine_dbgstr_w(location));
    if ((fresh = get_configuration(server)))
    {
        EXPECT_TEXT(IFaxConfiguration_get_ArchiveLocation, fresh, location);
        IFaxConfiguration_Release(fresh);
    }
    ok(IFaxServer2_get_Folders(server, &folders) == S_OK, "Folders failed\n");
    if (folders) IFaxFolders_get_IncomingArchive(folders, &incoming);
    if (folders) IFaxFolders_get_OutgoingArchive(folders, &outgoing);
    swprintf(expected, ARRAY_SIZE(expected), L"%ls\\Inbox", location);
    if (incoming) EXPECT_TEXT(IFaxIncomingArchive_get_ArchiveFolder, incoming, expected);
    ok(GetFileAttributesW(expected) & FILE_ATTRIBUTE_DIRECTORY, "no %s\n", wine_dbgstr_w(expected));
    swprintf(expected, ARRAY_SIZE(expected), L"%ls\\SentItems", location);
    if (outgoing) EXPECT_TEXT(IFaxOutgoingArchive_get_ArchiveFolder, outgoing, expected);

    /* Under the data root: refused with the reason, nothing changed. */
    GetEnvironmentVariableW(FXSSVC_ENV_DATA_ROOT, root, ARRAY_SIZE(root));
    swprintf(expected, ARRAY_SIZE(expected), L"%ls\\faxes", root);
    text = SysAllocString(expected);
    ok(IFaxConfiguration_put_ArchiveLocation(configuration, text) == S_OK, "put ArchiveLocation\n");
    SysFreeString(text);
    hr = IFaxConfiguration_Save(configuration);
    ok(hr == HRESULT_FROM_WIN32(ERROR_PATH_BUSY) && last_error_has(L"data folder"), "under the data root: %#lx\n", hr);
    if ((fresh = get_configuration(server)))
    {
        EXPECT_TEXT(IFaxConfiguration_get_ArchiveLocation, fresh, location);
        IFaxConfiguration_Release(fresh);
    }

    /* "" puts both archives back in the service's own folders. */
    text = SysAllocString(L"");
    IFaxConfiguration_put_ArchiveLocation(configuration, text);
    SysFreeString(text);
    ok(IFaxConfiguration_Save(configuration) == S_OK, "Save of \"\"\n");
    if (incoming && IFaxIncomingArchive_Refresh(incoming) == S_OK)
        EXPECT_TEXT(IFaxIncomingArchive_get_ArchiveFolder, incoming, L"");
    if (incoming) IFaxIncomingArchive_Release(incoming);
    if (outgoing) IFaxOutgoingArchive_Release(outgoing);
    if (folders) IFaxFolders_Release(folders);
    IFaxConfiguration_Release(configuration);
    swprintf(expected, ARRAY_SIZE(expected), L"%ls\\Inbox", location);
    RemoveDirectoryW(expected);
    swprintf(expected, ARRAY_SIZE(expected), L"%ls\\SentItems", location);
    RemoveDirectoryW(expected);
    ok(RemoveDirectoryW(location), "%s was not made, or holds more than the two archives\n", wine_dbgstr_w(location));
}

/* ---- the frame ---- */

static void test_configuration_objects(IFaxServer2 *server, struct fxs_link *link)
{
    test_activity(server);
    test_logging_options(server);
    test_event_logging(server, link);
    test_activity_logging(server, link);
    test_receipt_options(server, link);
    test_mail_receipt_refused(server);
    test_security(server, link);
    test_restricted_session(server);
    test_configuration(server, link);
    test_archive_location(server);
}

/* After a restart of the service, each class has what the tests saved last. */
static void test_after_restart(void)
{
    IFaxServer2 *server;
    IFaxEventLogging *logging;
    IFaxReceiptOptions *receipts;
    IFaxConfiguration *configuration;
    FAX_LOG_LEVEL_ENUM level = 0;
    LONG value = 0;
    DATE date = 0;
    HRESULT hr;

    ok(stop_service(), "the service did not stop\n");
    if (!(server = connected_server())) return;
    if ((logging = get_event_logging(server)))
    {
        ok(IFaxEventLogging_get_GeneralEventsLevel(logging, &level) == S_OK && level == fllMED, "General %d\n", level);
        ok(IFaxEventLogging_get_OutboundEventsLevel(logging, &level) == S_OK && level == fllMIN, "Outbound %d\n", level);
        IFaxEventLogging_Release(logging);
    }
    if ((receipts = get_receipts(server)))
    {
        ok(IFaxReceiptOptions_get_SMTPPort(receipts, &value) == S_OK && value == 587, "SMTPPort %ld\n", value);
        EXPECT_TEXT(IFaxReceiptOptions_get_SMTPServer, receipts, L"relay.example.org");
        EXPECT_TEXT(IFaxReceiptOptions_get_SMTPPassword, receipts, L"pw2");
        IFaxReceiptOptions_Release(receipts);
    }
    if ((configuration = get_configuration(server)))
    {
        ok(IFaxConfiguration_get_Retries(configuration, &value) == S_OK && value == 4, "Retries %ld\n", value);
        ok(IFaxConfiguration_get_ArchiveAgeLimit(configuration, &value) == S_OK && value == 30, "Age %ld\n", value);
        hr = IFaxConfiguration_get_DiscountRateStart(configuration, &date);
        ok(hr == S_OK && fabs(date - 22.0 / 24) < 1e-9, "DiscountRateStart %f\n", date);
        IFaxConfiguration_Release(configuration);
    }
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
}

/* Not connected: every object fails, saying why. */
static void test_disconnected(void)
{
    IFaxServer2 *server = NULL;
    IFaxEventLogging *logging = NULL;
    IFaxActivity *activity = (IFaxActivity *)1;
    IFaxSecurity2 *security = (IFaxSecurity2 *)1;
    HRESULT hr;

    test_after_restart();
    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (!server) return;
    hr = IFaxServer2_get_Activity(server, &activity);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) && !activity, "Activity: %#lx\n", hr);
    hr = IFaxServer2_get_Security2(server, &security);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) && !security, "Security2: %#lx\n", hr);

    /* An object outliving its server's connection. */
    if (IFaxServer2_Connect(server, NULL) == S_OK && (logging = get_event_logging(server)))
    {
        IFaxServer2_Disconnect(server);
        hr = IFaxEventLogging_Save(logging);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "Save after Disconnect: %#lx\n", hr);
        hr = IFaxEventLogging_Refresh(logging);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "Refresh after Disconnect: %#lx\n", hr);
        IFaxEventLogging_Release(logging);
    }
    IFaxServer2_Release(server);
}

START_TEST(configuration)
{
    GetTempPathW(ARRAY_SIZE(temp_folder), temp_folder);
    run_against_service(L"fxscomex-configuration", L"1000", test_configuration_objects, test_disconnected);
}
