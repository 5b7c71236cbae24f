/*
 * An event as the arguments of an IFaxServerNotify2 / IFaxServerNotify / IFaxAccountNotify
 * method (see events.h):
 * the DISPID of the type library and exactly the declared arguments, with their Automation types
 * (VT_DISPATCH, VT_BSTR, VT_I4, VT_BOOL), in reverse order as IDispatch::Invoke takes them.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "events.h"

/* DISPIDs of IFaxServerNotify2 (and, but for the last, of IFaxServerNotify): spec/notify.md. */
enum server_event
{
    ON_INCOMING_JOB_ADDED = 1, ON_INCOMING_JOB_REMOVED, ON_INCOMING_JOB_CHANGED,
    ON_OUTGOING_JOB_ADDED, ON_OUTGOING_JOB_REMOVED, ON_OUTGOING_JOB_CHANGED,
    ON_INCOMING_MESSAGE_ADDED, ON_INCOMING_MESSAGE_REMOVED, ON_OUTGOING_MESSAGE_ADDED, ON_OUTGOING_MESSAGE_REMOVED,
    ON_RECEIPT_OPTIONS_CHANGE, ON_ACTIVITY_LOGGING_CONFIG_CHANGE, ON_SECURITY_CONFIG_CHANGE,
    ON_EVENT_LOGGING_CONFIG_CHANGE, ON_OUTGOING_QUEUE_CONFIG_CHANGE, ON_OUTGOING_ARCHIVE_CONFIG_CHANGE,
    ON_INCOMING_ARCHIVE_CONFIG_CHANGE, ON_DEVICES_CONFIG_CHANGE, ON_OUTBOUND_ROUTING_GROUPS_CONFIG_CHANGE,
    ON_OUTBOUND_ROUTING_RULES_CONFIG_CHANGE, ON_SERVER_ACTIVITY_CHANGE, ON_QUEUES_STATUS_CHANGE, ON_NEW_CALL,
    ON_SERVER_SHUT_DOWN, ON_DEVICE_STATUS_CHANGE, ON_GENERAL_SERVER_CONFIG_CHANGED,
};

static DISPID config_dispid(DWORD config_type)
{
    switch (config_type)
    {
    case FXS_CONFIG_RECEIPTS: return ON_RECEIPT_OPTIONS_CHANGE;
    case FXS_CONFIG_ACTIVITY_LOGGING: return ON_ACTIVITY_LOGGING_CONFIG_CHANGE;
    case FXS_CONFIG_SECURITY: return ON_SECURITY_CONFIG_CHANGE;
    case FXS_CONFIG_EVENTLOGS: return ON_EVENT_LOGGING_CONFIG_CHANGE;
    case FXS_CONFIG_OUTBOX: return ON_OUTGOING_QUEUE_CONFIG_CHANGE;
    case FXS_CONFIG_SENTITEMS: return ON_OUTGOING_ARCHIVE_CONFIG_CHANGE;
    case FXS_CONFIG_INBOX: return ON_INCOMING_ARCHIVE_CONFIG_CHANGE;
    case FXS_CONFIG_DEVICES: return ON_DEVICES_CONFIG_CHANGE;
    case FXS_CONFIG_OUT_GROUPS: return ON_OUTBOUND_ROUTING_GROUPS_CONFIG_CHANGE;
    case FXS_CONFIG_OUT_RULES: return ON_OUTBOUND_ROUTING_RULES_CONFIG_CHANGE;
    case FXS_CONFIG_GENERAL: return ON_GENERAL_SERVER_CONFIG_CHANGED;
    default: return DISPID_UNKNOWN;
    }
}

/* The method an event calls; DISPID_UNKNOWN for an event the interface has no method for. */
static DISPID event_dispid(const fxs_event *event)
{
    static const DISPID queue[2][3] =
    {
        { ON_INCOMING_JOB_ADDED, ON_INCOMING_JOB_REMOVED, ON_INCOMING_JOB_CHANGED },
        { ON_OUTGOING_JOB_ADDED, ON_OUTGOING_JOB_REMOVED, ON_OUTGOING_JOB_CHANGED },
    };

    switch (event->event_class)
    {
    case FXS_EVENT_IN_QUEUE:
    case FXS_EVENT_OUT_QUEUE:
        if (event->job_event > FXS_JOB_EVENT_STATUS) return DISPID_UNKNOWN;
        return queue[event->event_class == FXS_EVENT_OUT_QUEUE][event->job_event];
    case FXS_EVENT_IN_ARCHIVE:
        if (event->job_event > FXS_JOB_EVENT_REMOVED) return DISPID_UNKNOWN;
        return event->job_event == FXS_JOB_EVENT_ADDED ? ON_INCOMING_MESSAGE_ADDED : ON_INCOMING_MESSAGE_REMOVED;
    case FXS_EVENT_OUT_ARCHIVE:
        if (event->job_event > FXS_JOB_EVENT_REMOVED) return DISPID_UNKNOWN;
        return event->job_event == FXS_JOB_EVENT_ADDED ? ON_OUTGOING_MESSAGE_ADDED : ON_OUTGOING_MESSAGE_REMOVED;
    case FXS_EVENT_CONFIG: return config_dispid(event->config_type);
    case FXS_EVENT_ACTIVITY: return ON_SERVER_ACTIVITY_CHANGE;
    case FXS_EVENT_QUEUE_STATE: return ON_QUEUES_STATUS_CHANGE;
    case FXS_EVENT_INCOMING_CALL: return ON_NEW_CALL;
    case FXS_EVENT_FXSSVC_ENDED: return ON_SERVER_SHUT_DOWN;
    case FXS_EVENT_DEVICE_STATUS: return ON_DEVICE_STATUS_CHANGE;
    default: return DISPID_UNKNOWN;
    }
}

/* Arguments are added first to last; Invoke wants them last to first: filled from the end. */
struct arg_list
{
    VARIANT items[6];
    unsigned int count;
};

static VARIANT *next_arg(struct arg_list *list)
{
    VARIANT *arg = &list->items[list->count++];
    VariantInit(arg);
    return arg;
}

static void add_dispatch(struct arg_list *list, IDispatch *value)
{
    VARIANT *arg = next_arg(list);
    V_VT(arg) = VT_DISPATCH;
    V_DISPATCH(arg) = value;
    if (value) IDispatch_AddRef(value);
}

static BOOL add_bstr(struct arg_list *list, const WCHAR *value)
{
    VARIANT *arg = next_arg(list);
    V_VT(arg) = VT_BSTR;
    return (V_BSTR(arg) = SysAllocString(value ? value : L"")) != NULL;
}

static BOOL add_id(struct arg_list *list, ULONGLONG id)
{
    WCHAR text[17];
    swprintf(text, ARRAY_SIZE(text), L"%016I64X", id);
    return add_bstr(list, text);
}

static void add_long(struct arg_list *list, LONG value)
{
    VARIANT *arg = next_arg(list);
    V_VT(arg) = VT_I4;
    V_I4(arg) = value;
}

static void add_bool(struct arg_list *list, LONG value)
{
    VARIANT *arg = next_arg(list);
    V_VT(arg) = VT_BOOL;
    V_BOOL(arg) = value ? VARIANT_TRUE : VARIANT_FALSE;
}

static BOOL add_job_status(struct arg_list *list, const fxs_job_status *status)
{
    IFaxJobStatus *object;
    if (FAILED(fax_job_status_create(status, &object))) return FALSE;
    add_dispatch(list, (IDispatch *)object);
    IFaxJobStatus_Release(object);
    return TRUE;
}

static BOOL add_event_args(struct arg_list *list, const fxs_event *event)
{
    switch (event->event_class)
    {
    case FXS_EVENT_IN_QUEUE:
    case FXS_EVENT_OUT_QUEUE:
        if (!add_id(list, event->job_id)) return FALSE;
        return event->job_event != FXS_JOB_EVENT_STATUS || add_job_status(list, &event->job);
    case FXS_EVENT_IN_ARCHIVE:
    case FXS_EVENT_OUT_ARCHIVE:
        return add_id(list, event->job_id);
    case FXS_EVENT_ACTIVITY:
        add_long(list, event->incoming_messages);
        add_long(list, event->routing_messages);
        add_long(list, event->outgoing_messages);
        add_long(list, event->queued_messages);
        return TRUE;
    case FXS_EVENT_QUEUE_STATE:
        add_bool(list, event->outgoing_queue_blocked);
        add_bool(list, event->outgoing_queue_paused);
        add_bool(list, event->incoming_queue_blocked);
        return TRUE;
    case FXS_EVENT_INCOMING_CALL:
        add_long(list, event->call_id);
        add_long(list, event->device_id);
        return add_bstr(list, event->caller_id);
    case FXS_EVENT_DEVICE_STATUS:
        add_long(list, event->device_id);
        add_bool(list, event->powered_off);
        add_bool(list, event->sending);
        add_bool(list, event->receiving);
        add_bool(list, event->ringing);
        return TRUE;
    default:  /* CONFIG, FXSSVC_ENDED: the server only */
        return TRUE;
    }
}

/* The call of dispid with the arguments of list, which it takes over; NULL without memory. */
static struct event_call *make_call(DISPID dispid, struct arg_list *list, BOOL args_ok)
{
    struct event_call *call = NULL;
    unsigned int i;

    if (!args_ok || !(call = calloc(1, sizeof(*call))))
    {
        for (i = 0; i < list->count; i++) VariantClear(&list->items[i]);
        return NULL;
    }
    call->refcount = 1;
    call->dispid = dispid;
    for (i = 0; i < list->count; i++) call->args[i] = list->items[list->count - 1 - i];
    call->params.rgvarg = call->args;
    call->params.cArgs = list->count;
    return call;
}

struct event_call *event_call_create(const fxs_event *event, IDispatch *server, BOOL legacy)
{
    DISPID dispid = event_dispid(event);
    struct arg_list list;

    if (dispid == DISPID_UNKNOWN || (legacy && dispid == ON_GENERAL_SERVER_CONFIG_CHANGED)) return NULL;
    list.count = 0;
    add_dispatch(&list, server);
    return make_call(dispid, &list, add_event_args(&list, event));
}

/* DISPIDs of IFaxAccountNotify (spec/notify.md section 3): the first ten are the server's
 * queue and archive events, in the same order; the eleventh is OnServerShutDown. */
#define ON_ACCOUNT_SERVER_SHUT_DOWN 11

static DISPID account_event_dispid(const fxs_event *event)
{
    DISPID dispid = event_dispid(event);

    if (event->event_class == FXS_EVENT_FXSSVC_ENDED) return ON_ACCOUNT_SERVER_SHUT_DOWN;
    if (dispid < ON_INCOMING_JOB_ADDED || dispid > ON_OUTGOING_MESSAGE_REMOVED) return DISPID_UNKNOWN;
    return dispid;
}

struct event_call *event_call_create_account(const fxs_event *event, IDispatch *account, IDispatch *server)
{
    DISPID dispid = account_event_dispid(event);
    struct arg_list list;
    BOOL ok;

    if (dispid == DISPID_UNKNOWN) return NULL;
    list.count = 0;
    /* OnServerShutDown gives the server, not the account (spec/semantics.md, quirk 3). */
    if (dispid == ON_ACCOUNT_SERVER_SHUT_DOWN)
    {
        add_dispatch(&list, server);
        return make_call(dispid, &list, TRUE);
    }
    add_dispatch(&list, account);
    ok = add_event_args(&list, event);
    /* fAddedToReceiveFolder / fRemovedFromReceiveFolder */
    if (ok && event->event_class == FXS_EVENT_IN_ARCHIVE) add_bool(&list, event->receive_folder);
    return make_call(dispid, &list, ok);
}

void event_call_release(struct event_call *call)
{
    unsigned int i;

    if (InterlockedDecrement(&call->refcount)) return;
    for (i = 0; i < call->params.cArgs; i++) VariantClear(&call->args[i]);
    free(call);
}
