/*
 * FaxActivity (the service's four message counters, fxs_get_activity) and FaxLoggingOptions with
 * its two objects: FaxEventLogging ("config.eventlogs": the levels of what the service reports to
 * the Windows event log) and FaxActivityLogging ("config.activity_logging": the activity log files).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config_object.h"
#include "fxs_link.h"

/* ---- FaxActivity ---- */

enum { ACTIVITY_INCOMING, ACTIVITY_ROUTING, ACTIVITY_OUTGOING, ACTIVITY_QUEUED, ACTIVITY_VALUES };

static const struct config_key activity_keys[] =
{
    { "incoming_messages", CONFIG_LONG, 0, 0, L"IncomingMessages" },
    { "routing_messages", CONFIG_LONG, 0, 0, L"RoutingMessages" },
    { "outgoing_messages", CONFIG_LONG, 0, 0, L"OutgoingMessages" },
    { "queued_messages", CONFIG_LONG, 0, 0, L"QueuedMessages" },
};

static DWORD get_activity(void *session, void *context)
{
    return fxs_rpc_get_activity(session, context);
}

static HRESULT read_activity(struct config_object *object, VARIANT *values)
{
    fxs_activity activity = { 0 };
    LONG numbers[ACTIVITY_VALUES];
    unsigned int i;
    DWORD error;
    HRESULT hr;

    if (FAILED(hr = config_call(object, get_activity, &activity, &error))) return hr;
    if (error == ERROR_ACCESS_DENIED)
        return fxs_error(E_ACCESSDENIED, &IID_IFaxActivity, L"Reading FaxActivity needs the farQUERY_CONFIG right, "
                         L"which the fax service does not grant this user.");
    if (error) return fxs_service_error(error, &IID_IFaxActivity, L"Reading FaxActivity");
    numbers[ACTIVITY_INCOMING] = activity.incoming_messages;
    numbers[ACTIVITY_ROUTING] = activity.routing_messages;
    numbers[ACTIVITY_OUTGOING] = activity.outgoing_messages;
    numbers[ACTIVITY_QUEUED] = activity.queued_messages;
    for (i = 0; i < ACTIVITY_VALUES; i++)
    {
        V_VT(&values[i]) = VT_I4;
        V_I4(&values[i]) = numbers[i];
    }
    return S_OK;
}

static const IID * const activity_error_iids[] = { &IID_IFaxActivity, NULL };

static const struct config_layout activity_layout =
{
    0, NULL, activity_keys, ARRAY_SIZE(activity_keys), &IID_IFaxActivity, &CLSID_FaxActivity, activity_error_iids,
    L"FaxActivity", L"", read_activity,
};

CONFIG_OBJECT_METHODS(activity, IFaxActivity)

#define ACTIVITY_COUNTER(name, index) \
    static HRESULT WINAPI activity_get_##name(IFaxActivity *iface, LONG *value) \
    { return config_get_long(config_object_from(iface), index, value); }

ACTIVITY_COUNTER(IncomingMessages, ACTIVITY_INCOMING)
ACTIVITY_COUNTER(RoutingMessages, ACTIVITY_ROUTING)
ACTIVITY_COUNTER(OutgoingMessages, ACTIVITY_OUTGOING)
ACTIVITY_COUNTER(QueuedMessages, ACTIVITY_QUEUED)

static const IFaxActivityVtbl activity_vtbl =
{
    activity_QueryInterface,
    activity_AddRef,
    activity_Release,
    activity_GetTypeInfoCount,
    activity_GetTypeInfo,
    activity_GetIDsOfNames,
    activity_Invoke,
    activity_get_IncomingMessages,
    activity_get_RoutingMessages,
    activity_get_OutgoingMessages,
    activity_get_QueuedMessages,
    activity_Refresh,
};

HRESULT fax_activity_create(IFaxServer *server, IFaxActivity **activity)
{
    return config_object_create(server, &activity_layout, &activity_vtbl, (void **)activity);
}

/* ---- FaxEventLogging ---- */

enum { EVENTS_INIT, EVENTS_INBOUND, EVENTS_OUTBOUND, EVENTS_GENERAL };

static const struct config_key event_logging_keys[] =
{
    { "init_level", CONFIG_LONG, fllNONE, fllMAX, L"InitEventsLevel" },
    { "inbound_level", CONFIG_LONG, fllNONE, fllMAX, L"InboundEventsLevel" },
    { "outbound_level", CONFIG_LONG, fllNONE, fllMAX, L"OutboundEventsLevel" },
    { "general_level", CONFIG_LONG, fllNONE, fllMAX, L"GeneralEventsLevel" },
};

static const IID * const event_logging_error_iids[] = { &IID_IFaxEventLogging, NULL };

static const struct config_layout event_logging_layout =
{
    FXS_CONFIG_EVENTLOGS, "config.eventlogs", event_logging_keys, ARRAY_SIZE(event_logging_keys),
    &IID_IFaxEventLogging, &CLSID_FaxEventLogging, event_logging_error_iids, L"FaxEventLogging",
    L"every level must be a FAX_LOG_LEVEL_ENUM value (0-3).", NULL,
};

CONFIG_OBJECT_METHODS(event_logging, IFaxEventLogging)
CONFIG_SAVE_METHOD(event_logging, IFaxEventLogging)
CONFIG_PROPERTY(event_logging, IFaxEventLogging, InitEventsLevel, long, FAX_LOG_LEVEL_ENUM, EVENTS_INIT)
CONFIG_PROPERTY(event_logging, IFaxEventLogging, InboundEventsLevel, long, FAX_LOG_LEVEL_ENUM, EVENTS_INBOUND)
CONFIG_PROPERTY(event_logging, IFaxEventLogging, OutboundEventsLevel, long, FAX_LOG_LEVEL_ENUM, EVENTS_OUTBOUND)
CONFIG_PROPERTY(event_logging, IFaxEventLogging, GeneralEventsLevel, long, FAX_LOG_LEVEL_ENUM, EVENTS_GENERAL)

static const IFaxEventLoggingVtbl event_logging_vtbl =
{
    event_logging_QueryInterface,
    event_logging_AddRef,
    event_logging_Release,
    event_logging_GetTypeInfoCount,
    event_logging_GetTypeInfo,
    event_logging_GetIDsOfNames,
    event_logging_Invoke,
    event_logging_get_InitEventsLevel,
    event_logging_put_InitEventsLevel,
    event_logging_get_InboundEventsLevel,
    event_logging_put_InboundEventsLevel,
    event_logging_get_OutboundEventsLevel,
    event_logging_put_OutboundEventsLevel,
    event_logging_get_GeneralEventsLevel,
    event_logging_put_GeneralEventsLevel,
    event_logging_Refresh,
    event_logging_Save,
};

/* ---- FaxActivityLogging ---- */

enum { LOG_INCOMING, LOG_OUTGOING, LOG_FOLDER };

static const struct config_key activity_logging_keys[] =
{
    { "log_incoming", CONFIG_BOOL, 0, 1, L"LogIncoming" },
    { "log_outgoing", CONFIG_BOOL, 0, 1, L"LogOutgoing" },
    { "folder", CONFIG_STRING, 0, 0, L"DatabasePath" },
};

static const IID * const activity_logging_error_iids[] = { &IID_IFaxActivityLogging, NULL };

static const struct config_layout activity_logging_layout =
{
    FXS_CONFIG_ACTIVITY_LOGGING, "config.activity_logging", activity_logging_keys, ARRAY_SIZE(activity_logging_keys),
    &IID_IFaxActivityLogging, &CLSID_FaxActivityLogging, activity_logging_error_iids, L"FaxActivityLogging",
    L"DatabasePath must be a folder the service can create its log files in (\"\": its own).", NULL,
};

CONFIG_OBJECT_METHODS(activity_logging, IFaxActivityLogging)
CONFIG_SAVE_METHOD(activity_logging, IFaxActivityLogging)
CONFIG_PROPERTY(activity_logging, IFaxActivityLogging, LogIncoming, bool, VARIANT_BOOL, LOG_INCOMING)
CONFIG_PROPERTY(activity_logging, IFaxActivityLogging, LogOutgoing, bool, VARIANT_BOOL, LOG_OUTGOING)
CONFIG_PROPERTY(activity_logging, IFaxActivityLogging, DatabasePath, string, BSTR, LOG_FOLDER)

static const IFaxActivityLoggingVtbl activity_logging_vtbl =
{
    activity_logging_QueryInterface,
    activity_logging_AddRef,
    activity_logging_Release,
    activity_logging_GetTypeInfoCount,
    activity_logging_GetTypeInfo,
    activity_logging_GetIDsOfNames,
    activity_logging_Invoke,
    activity_logging_get_LogIncoming,
    activity_logging_put_LogIncoming,
    activity_logging_get_LogOutgoing,
    activity_logging_put_LogOutgoing,
    activity_logging_get_DatabasePath,
    activity_logging_put_DatabasePath,
    activity_logging_Refresh,
    activity_logging_Save,
};

/* ---- FaxLoggingOptions: it hands out one of each, made when first asked for ---- */

static HRESULT no_values(struct config_object *object, VARIANT *values)
{
    return S_OK;
}

static const IID * const logging_options_error_iids[] = { &IID_IFaxLoggingOptions, NULL };

static const struct config_layout logging_options_layout =
{
    0, NULL, NULL, 0, &IID_IFaxLoggingOptions, &CLSID_FaxLoggingOptions, logging_options_error_iids,
    L"FaxLoggingOptions", L"", no_values,
};

static HRESULT logging_child(IFaxLoggingOptions *iface, unsigned int which, const struct config_layout *layout,
                             const void *vtbl, const WCHAR *member, void **value)
{
    struct config_object *object = config_object_from(iface);
    IDispatch *child;
    HRESULT hr;

    if (!value) return config_null_pointer(object, member);
    *value = NULL;
    AcquireSRWLockShared(&object->lock);
    if ((child = object->children[which])) IDispatch_AddRef(child);
    ReleaseSRWLockShared(&object->lock);
    if (!child)
    {
        if (FAILED(hr = config_object_create(object->server, layout, vtbl, (void **)&child))) return hr;
        AcquireSRWLockExclusive(&object->lock);
        if (object->children[which])   /* another thread was first: hand out the same one */
        {
            IDispatch_Release(child);
            child = object->children[which];
        }
        else object->children[which] = child;
        IDispatch_AddRef(child);
        ReleaseSRWLockExclusive(&object->lock);
    }
    *value = child;
    return S_OK;
}

static HRESULT WINAPI logging_options_QueryInterface(IFaxLoggingOptions *iface, REFIID riid, void **obj)
{
    return config_object_query(config_object_from(iface), riid, obj);
}

static ULONG WINAPI logging_options_AddRef(IFaxLoggingOptions *iface)
{
    return config_object_addref(config_object_from(iface));
}

static ULONG WINAPI logging_options_Release(IFaxLoggingOptions *iface)
{
    return config_object_release(config_object_from(iface));
}

FXS_DISPATCH_METHODS(logging_options, IFaxLoggingOptions, IID_IFaxLoggingOptions)

static HRESULT WINAPI logging_options_get_EventLogging(IFaxLoggingOptions *iface, IFaxEventLogging **value)
{
    return logging_child(iface, 0, &event_logging_layout, &event_logging_vtbl, L"EventLogging", (void **)value);
}

static HRESULT WINAPI logging_options_get_ActivityLogging(IFaxLoggingOptions *iface, IFaxActivityLogging **value)
{
    return logging_child(iface, 1, &activity_logging_layout, &activity_logging_vtbl, L"ActivityLogging",
                         (void **)value);
}

static const IFaxLoggingOptionsVtbl logging_options_vtbl =
{
    logging_options_QueryInterface,
    logging_options_AddRef,
    logging_options_Release,
    logging_options_GetTypeInfoCount,
    logging_options_GetTypeInfo,
    logging_options_GetIDsOfNames,
    logging_options_Invoke,
    logging_options_get_EventLogging,
    logging_options_get_ActivityLogging,
};

HRESULT fax_logging_options_create(IFaxServer *server, IFaxLoggingOptions **options)
{
    return config_object_create(server, &logging_options_layout, &logging_options_vtbl, (void **)options);
}
