/*
 * ListenToServerEvents' mask: FaxServer objects of one process, each listening to one of the ten
 * FAX_SERVER_EVENTS_TYPE_ENUM flags alone (and one to fsetNONE, one to a pair of flags), with a
 * sink on IFaxServerNotify2 and, for another set of them, on the legacy IFaxServerNotify, while
 * events of every class really happen (a fax from device 1 to device 2, both messages deleted,
 * a queue blocked and the general configuration changed, the service stopped): each gets exactly
 * the calls of its classes that a FaxServer listening to everything gets, in the same order, and
 * nothing else. RegisteredEvents is the mask each time; a mask changed while faxes travel takes
 * effect at once; a refused mask changes nothing; bad masks, also through IDispatch.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "event_sink.h"

#define SETTLE_MS 500      /* how long a sink is watched for a call it must not get */

struct listener
{
    FAX_SERVER_EVENTS_TYPE_ENUM mask;
    IFaxServer2 *server;
    struct sink *sink;
};

/* A connected FaxServer with a dispatch-only sink on the source interface iid, listening to mask. */
static BOOL listener_start(struct listener *listener, const IID *iid, FAX_SERVER_EVENTS_TYPE_ENUM mask)
{
    FAX_SERVER_EVENTS_TYPE_ENUM registered = ~0u;
    HRESULT hr;

    listener->mask = mask;
    listener->sink = malloc(sizeof(*listener->sink));
    sink_init(listener->sink, iid);
    if (!(listener->server = connected_server())) return FALSE;
    advise_sink(listener->server, listener->sink);
    /* fsetNONE after another mask: listening stops, not just never starts. */
    if (mask == fsetNONE) IFaxServer2_ListenToServerEvents(listener->server, fsetOUT_QUEUE);
    hr = IFaxServer2_ListenToServerEvents(listener->server, mask);
    ok(hr == S_OK, "ListenToServerEvents(%#x): %#lx\n", mask, hr);
    hr = IFaxServer2_get_RegisteredEvents(listener->server, &registered);
    ok(hr == S_OK && registered == mask, "RegisteredEvents %#lx %#x, expected %#x\n", hr, registered, mask);
    return TRUE;
}

static void listener_stop(struct listener *listener)
{
    if (!listener->sink) return;
    if (listener->server) IFaxServer2_Release(listener->server);
    sink_clear(listener->sink);
    free(listener->sink);
}

static BOOL same_call(const struct recorded_call *a, const struct recorded_call *b)
{
    return a->dispid == b->dispid && a->count == b->count && !memcmp(a->types, b->types, sizeof(a->types)) &&
           !memcmp(a->longs, b->longs, sizeof(a->longs)) && !memcmp(a->texts, b->texts, sizeof(a->texts)) &&
           a->job_status == b->job_status;
}

static BOOL in_mask(DISPID dispid, FAX_SERVER_EVENTS_TYPE_ENUM mask)
{
    return dispid >= 1 && dispid <= 26 && (server_event_shapes[dispid - 1].event_class & mask);
}

/* Whether the listener gets a call of that DISPID: of its classes, and on its interface (the
 * legacy IFaxServerNotify has no OnGeneralServerConfigChanged). */
static BOOL wants(const struct listener *listener, DISPID dispid)
{
    return in_mask(dispid, listener->mask) && (dispid != 26 || listener->sink->iid == &DIID_IFaxServerNotify2);
}

/* The calls the listener gets among the reference's, in order. */
static LONG expected_calls(const struct sink *reference, const struct listener *listener)
{
    LONG i, count = 0;
    for (i = 0; i < reference->count; i++) count += wants(listener, reference->calls[i].dispid);
    return count;
}

/* The listener got exactly the reference's calls of its classes (after they all had time to come). */
static void check_listener(const struct listener *listener, const struct sink *reference)
{
    LONG expected = expected_calls(reference, listener), i, j = 0;
    double deadline = now_ms() + WAIT_MS;

    winetest_push_context("mask %#x%s", listener->mask,
                          listener->sink->iid == &DIID_IFaxServerNotify ? " (legacy)" : "");
    while (listener->sink->count < expected && now_ms() < deadline) Sleep(10);
    ok(listener->sink->count == expected, "%ld calls, expected %ld\n", listener->sink->count, expected);
    ok(listener->mask == fsetNONE || expected > 0, "no event of the class happened\n");
    for (i = 0; i < reference->count && j < listener->sink->count; i++)
    {
        if (!wants(listener, reference->calls[i].dispid)) continue;
        ok(same_call(&reference->calls[i], &listener->sink->calls[j]), "call %ld: DISPID %ld, expected %ld\n", j,
           listener->sink->calls[j].dispid, reference->calls[i].dispid);
        j++;
    }
    for (; j < listener->sink->count; j++)
        ok(wants(listener, listener->sink->calls[j].dispid), "call %ld: DISPID %ld let through\n", j,
           listener->sink->calls[j].dispid);
    winetest_pop_context();
}

/* Events of every class: a fax from device 1 to device 2, its messages deleted, the outgoing
 * queue blocked and unblocked, the general configuration changed and put back. The reference
 * sink listens to everything. */
static void make_events(struct fxs_link *link, struct sink *reference)
{
    static const struct config_value blocked[] = { { "blocked", "1" } };
    static const struct config_value general[] = { { "auto_create_account_on_connect", "1" } };
    struct call_spec unblocked = { 22, NULL, 3, { VARIANT_FALSE, VARIANT_FALSE, VARIANT_FALSE } };
    record *original;
    WCHAR id[17], in_id[17];
    DWORD status;
    int index;

    if (!submit_fax_for_id_text(link, L"1002", id)) return;
    ok(wait_event(reference, 0, 5, id) >= 0, "the fax was not sent\n");
    index = wait_event(reference, 0, 7, NULL);
    ok(index >= 0, "the fax was not received\n");
    if (index < 0) return;
    lstrcpyW(in_id, reference->calls[index].text);
    ok(wait_event(reference, 0, 2, in_id) >= 0, "the incoming job was not removed\n");

    status = fxs_rpc_delete_message(fxs_link_session(link), FXS_FOLDER_OUTGOING_ARCHIVE, wcstoull(id, NULL, 16));
    ok(status == ERROR_SUCCESS, "deleting the sent fax: %lu\n", status);
    status = fxs_rpc_delete_message(fxs_link_session(link), FXS_FOLDER_INCOMING_ARCHIVE, wcstoull(in_id, NULL, 16));
    ok(status == ERROR_SUCCESS, "deleting the received fax: %lu\n", status);
    ok(wait_event(reference, 0, 8, in_id) >= 0, "no OnIncomingMessageRemoved\n");

    if (!change_config(link, FXS_CONFIG_OUTBOX, blocked, 1, &original))
    {
        restore_config(link, FXS_CONFIG_OUTBOX, original);
        ok(wait_spec(reference, 0, &unblocked) >= 0, "the queue was not unblocked\n");
    }
    if (!change_config(link, FXS_CONFIG_GENERAL, general, 1, &original))
    {
        restore_config(link, FXS_CONFIG_GENERAL, original);
        index = wait_event(reference, 0, 26, NULL);
        ok(index >= 0 && wait_event(reference, index + 1, 26, NULL) > index, "no OnGeneralServerConfigChanged twice\n");
    }

    ok(stop_service(), "the service did not stop\n");
    ok(wait_event(reference, 0, 24, NULL) >= 0, "no OnServerShutDown\n");
}

/* Each flag alone, fsetNONE and a pair, side by side in one process; on the legacy
 * IFaxServerNotify too, each flag alone. */
static void test_each_flag(struct fxs_link *link)
{
    static const FAX_SERVER_EVENTS_TYPE_ENUM masks[] =
    {
        fsetIN_QUEUE, fsetOUT_QUEUE, fsetCONFIG, fsetACTIVITY, fsetQUEUE_STATE, fsetIN_ARCHIVE, fsetOUT_ARCHIVE,
        fsetFXSSVC_ENDED, fsetDEVICE_STATUS, fsetINCOMING_CALL, fsetNONE, fsetIN_QUEUE | fsetOUT_ARCHIVE,
    };
    static const DISPID happening[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 21, 22, 23, 24, 25, 26 };
    struct listener listeners[2 * ARRAY_SIZE(masks)], all;
    unsigned int i, n = ARRAY_SIZE(listeners);

    for (i = 0; i < n; i++)
        listener_start(&listeners[i], i < n / 2 ? &DIID_IFaxServerNotify2 : &DIID_IFaxServerNotify, masks[i % (n / 2)]);
    if (listener_start(&all, &DIID_IFaxServerNotify2, FXS_EVENT_ALL)) make_events(link, all.sink);
    for (i = 0; i < ARRAY_SIZE(happening); i++)
        ok(sink_find(all.sink, happening[i], NULL) >= 0, "%s did not happen\n",
           server_event_shapes[happening[i] - 1].name);
    for (i = 0; i < n; i++) check_listener(&listeners[i], all.sink);
    Sleep(SETTLE_MS);
    for (i = 0; i < n; i++)
        ok(listeners[i].sink->count == expected_calls(all.sink, &listeners[i]),
           "listener %u, mask %#x: %ld calls in the end\n", i, listeners[i].mask, listeners[i].sink->count);
    for (i = 0; i < n; i++) listener_stop(&listeners[i]);
    listener_stop(&all);
}

/* Every call since from is of the mask's classes. */
static void check_calls_since(const struct sink *sink, LONG from, FAX_SERVER_EVENTS_TYPE_ENUM mask)
{
    LONG i;
    for (i = from; i < sink->count; i++)
        ok(in_mask(sink->calls[i].dispid, mask), "mask %#x let DISPID %ld through\n", mask, sink->calls[i].dispid);
}

/* One FaxServer changes its mask between faxes; a refused mask leaves the one in force. */
static void test_mask_change(struct fxs_link *link)
{
    struct listener listener = { 0 }, watcher = { 0 };
    FAX_SERVER_EVENTS_TYPE_ENUM registered;
    WCHAR id[17];
    LONG from;
    HRESULT hr;

    if (!listener_start(&listener, &DIID_IFaxServerNotify2, fsetOUT_QUEUE) ||
        !listener_start(&watcher, &DIID_IFaxServerNotify2, fsetOUT_QUEUE | fsetOUT_ARCHIVE))
        goto done;
    hr = IFaxServer2_ListenToServerEvents(listener.server, fsetOUT_ARCHIVE | 0x400);
    ok(hr == E_INVALIDARG, "an unknown flag: %#lx\n", hr);
    hr = IFaxServer2_ListenToServerEvents(listener.server, (FAX_SERVER_EVENTS_TYPE_ENUM)-1);
    ok(hr == E_INVALIDARG, "-1: %#lx\n", hr);
    hr = IFaxServer2_get_RegisteredEvents(listener.server, &registered);
    ok(hr == S_OK && registered == fsetOUT_QUEUE, "RegisteredEvents after refused masks: %#x\n", registered);
    if (submit_fax_for_id_text(link, L"5551234", id))
    {
        ok(wait_event(listener.sink, 0, 5, id) >= 0, "no OnOutgoingJobRemoved\n");
        ok(wait_event(watcher.sink, 0, 9, id) >= 0, "the watcher got no OnOutgoingMessageAdded\n");
    }
    check_calls_since(listener.sink, 0, fsetOUT_QUEUE);

    hr = IFaxServer2_ListenToServerEvents(listener.server, fsetOUT_ARCHIVE);
    ok(hr == S_OK, "ListenToServerEvents: %#lx\n", hr);
    hr = IFaxServer2_get_RegisteredEvents(listener.server, &registered);
    ok(hr == S_OK && registered == fsetOUT_ARCHIVE, "RegisteredEvents %#x\n", registered);
    from = listener.sink->count;
    if (submit_fax_for_id_text(link, L"5551234", id))
    {
        ok(wait_event(listener.sink, from, 9, id) >= 0, "no OnOutgoingMessageAdded after the change\n");
        ok(wait_event(watcher.sink, 0, 5, id) >= 0, "the watcher got no OnOutgoingJobRemoved\n");
    }
    Sleep(SETTLE_MS);
    check_calls_since(listener.sink, from, fsetOUT_ARCHIVE);

    /* fsetNONE: nothing more, while the watcher sees a whole fax. */
    hr = IFaxServer2_ListenToServerEvents(listener.server, fsetNONE);
    ok(hr == S_OK, "fsetNONE: %#lx\n", hr);
    hr = IFaxServer2_get_RegisteredEvents(listener.server, &registered);
    ok(hr == S_OK && registered == fsetNONE, "RegisteredEvents %#x\n", registered);
    from = listener.sink->count;
    if (submit_fax_for_id_text(link, L"5551234", id))
        ok(wait_event(watcher.sink, 0, 5, id) >= 0, "the watcher got no OnOutgoingJobRemoved\n");
    Sleep(SETTLE_MS);
    ok(listener.sink->count == from, "%ld calls after fsetNONE\n", listener.sink->count - from);
done:
    listener_stop(&listener);
    listener_stop(&watcher);
}

static HRESULT invoke(IFaxServer2 *server, DISPID member, WORD flags, VARIANT *arg, VARIANT *result,
                      EXCEPINFO *excepinfo)
{
    DISPPARAMS params = { arg, NULL, arg ? 1 : 0, 0 };
    UINT arg_err = 0;

    memset(excepinfo, 0, sizeof(*excepinfo));
    return IFaxServer2_Invoke(server, member, &IID_NULL, 0, flags, &params, result, excepinfo, &arg_err);
}

/* ListenToServerEvents (DISPID 20) and RegisteredEvents (DISPID 25) as scripts call them. */
static void test_dispatch(void)
{
    FAX_SERVER_EVENTS_TYPE_ENUM registered;
    IFaxServer2 *server = connected_server();
    EXCEPINFO excepinfo;
    VARIANT arg, result;
    HRESULT hr;

    if (!server) return;
    hr = IFaxServer2_get_RegisteredEvents(server, NULL);
    ok(hr == E_POINTER, "RegisteredEvents(NULL): %#lx\n", hr);

    V_VT(&arg) = VT_I2;
    V_I2(&arg) = fsetOUT_QUEUE | fsetCONFIG;
    hr = invoke(server, 20, DISPATCH_METHOD, &arg, NULL, &excepinfo);
    ok(hr == S_OK, "ListenToServerEvents(VT_I2): %#lx\n", hr);
    VariantInit(&result);
    hr = invoke(server, 25, DISPATCH_PROPERTYGET, NULL, &result, &excepinfo);
    ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == (fsetOUT_QUEUE | fsetCONFIG),
       "RegisteredEvents: %#lx, type %u, %ld\n", hr, V_VT(&result), V_I4(&result));

    V_VT(&arg) = VT_BSTR;
    V_BSTR(&arg) = SysAllocString(L"every event");
    hr = invoke(server, 20, DISPATCH_METHOD, &arg, NULL, &excepinfo);
    ok(hr == DISP_E_TYPEMISMATCH, "ListenToServerEvents(a string): %#lx\n", hr);
    VariantClear(&arg);
    V_VT(&arg) = VT_I4;
    V_I4(&arg) = 0x400;
    hr = invoke(server, 20, DISPATCH_METHOD, &arg, NULL, &excepinfo);
    ok(hr == DISP_E_EXCEPTION && excepinfo.scode == E_INVALIDARG, "ListenToServerEvents(0x400): %#lx, scode %#lx\n",
       hr, excepinfo.scode);
    ok(excepinfo.bstrDescription && wcsstr(excepinfo.bstrDescription, L"FAX_SERVER_EVENTS_TYPE_ENUM"),
       "description %s\n", wine_dbgstr_w(excepinfo.bstrDescription));
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrHelpFile);
    hr = invoke(server, 20, DISPATCH_METHOD, NULL, NULL, &excepinfo);
    ok(hr == DISP_E_BADPARAMCOUNT, "ListenToServerEvents(): %#lx\n", hr);
    hr = IFaxServer2_get_RegisteredEvents(server, &registered);
    ok(hr == S_OK && registered == (fsetOUT_QUEUE | fsetCONFIG), "RegisteredEvents after refusals: %#x\n", registered);

    V_VT(&arg) = VT_I4;
    V_I4(&arg) = fsetNONE;
    hr = invoke(server, 20, DISPATCH_METHOD, &arg, NULL, &excepinfo);
    ok(hr == S_OK, "ListenToServerEvents(fsetNONE): %#lx\n", hr);
    hr = IFaxServer2_get_RegisteredEvents(server, &registered);
    ok(hr == S_OK && registered == fsetNONE, "RegisteredEvents %#x\n", registered);
    IFaxServer2_Release(server);
}

static void run_tests(struct fxs_link *link)
{
    test_dispatch();
    test_mask_change(link);
    test_each_flag(link);     /* last: it stops the service */
}

START_TEST(server_masks)
{
    prepare_service(L"masks");
    run_with_service(run_tests);
}
