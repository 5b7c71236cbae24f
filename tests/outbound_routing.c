/*
 * FaxServer.OutboundRouting: FaxOutboundRouting, the groups (FaxOutboundRoutingGroups,
 * FaxOutboundRoutingGroup, FaxDeviceIds) and the rules (FaxOutboundRoutingRules,
 * FaxOutboundRoutingRule) against the real service: every member through the vtable and through
 * IDispatch by name, For Each, the bad input of each with its HRESULT and IErrorInfo and nothing
 * stored changed, the device order honoured when a fax is sent, each change heard exactly once
 * by another listening process, and the groups and rules kept across a restart of the service.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fax_objects.h"
#include "config_edit.h"
#include "child_process.h"

#define GROUPS_EVENT 19     /* OnOutboundRoutingGroupsConfigChange */
#define RULES_EVENT  20     /* OnOutboundRoutingRulesConfigChange */
#define MARKER_EVENT 15     /* OnOutgoingQueueConfigChange: the end of the changes */

/* What the listening process should hear, in order: 'G' groups, 'R' rules. */
static char expected_events[512];

static void expect_event(char kind)
{
    size_t length = strlen(expected_events);
    if (length < sizeof(expected_events) - 1) expected_events[length] = kind;
}

/* ---- what the service keeps ---- */

struct stored
{
    BYTE *data[2];
    DWORD size[2];
};

static void stored_read(struct fxs_link *link, struct stored *stored)
{
    static const DWORD classes[2] = { FXS_CONFIG_OUT_GROUPS, FXS_CONFIG_OUT_RULES };
    int i;

    for (i = 0; i < 2; i++)
        ok(!fxs_rpc_get_config(fxs_link_session(link), classes[i], &stored->size[i], &stored->data[i]),
           "reading class %lu\n", classes[i]);
}

static void stored_free(struct stored *stored)
{
    free(stored->data[0]);
    free(stored->data[1]);
}

static BOOL stored_same(const struct stored *a, const struct stored *b)
{
    int i;
    for (i = 0; i < 2; i++)
        if (a->size[i] != b->size[i] || memcmp(a->data[i], b->data[i], a->size[i])) return FALSE;
    return TRUE;
}

/* A refused call: its HRESULT, a word of its description, and the service's routing as before. */
static struct fxs_link *routing_link;

#define REFUSED(call, expected_hr, word) \
    do { \
        struct stored before_, after_; \
        HRESULT hr_; \
        stored_read(routing_link, &before_); \
        hr_ = (call); \
        ok(hr_ == (expected_hr), "%s: %#lx, expected %#lx\n", #call, hr_, (HRESULT)(expected_hr)); \
        ok(last_error_has(word), "%s: the description lacks \"%s\"\n", #call, wine_dbgstr_w(word)); \
        stored_read(routing_link, &after_); \
        ok(stored_same(&before_, &after_), "%s changed what the service keeps\n", #call); \
        stored_free(&before_); \
        stored_free(&after_); \
    } while (0)

/* ---- helpers ---- */

static IFaxOutboundRouting *get_routing(IFaxServer2 *server)
{
    IFaxOutboundRouting *routing = NULL;
    HRESULT hr = IFaxServer2_get_OutboundRouting(server, &routing);

    ok(hr == S_OK, "OutboundRouting: %#lx\n", hr);
    return routing;
}

static IFaxOutboundRoutingGroups *get_groups(IFaxServer2 *server)
{
    IFaxOutboundRouting *routing = get_routing(server);
    IFaxOutboundRoutingGroups *groups = NULL;

    if (!routing) return NULL;
    ok(IFaxOutboundRouting_GetGroups(routing, &groups) == S_OK, "GetGroups\n");
    IFaxOutboundRouting_Release(routing);
    return groups;
}

static IFaxOutboundRoutingRules *get_rules(IFaxServer2 *server)
{
    IFaxOutboundRouting *routing = get_routing(server);
    IFaxOutboundRoutingRules *rules = NULL;

    if (!routing) return NULL;
    ok(IFaxOutboundRouting_GetRules(routing, &rules) == S_OK, "GetRules\n");
    IFaxOutboundRouting_Release(routing);
    return rules;
}

static IFaxOutboundRoutingGroup *group_named(IFaxOutboundRoutingGroups *groups, const WCHAR *name)
{
    IFaxOutboundRoutingGroup *group = NULL;
    VARIANT index = variant_text(name);
    HRESULT hr = IFaxOutboundRoutingGroups_get_Item(groups, index, &group);

    ok(hr == S_OK, "Item(%s): %#lx\n", wine_dbgstr_w(name), hr);
    VariantClear(&index);
    return group;
}

static IFaxDeviceIds *device_ids_of(IFaxOutboundRoutingGroup *group)
{
    IFaxDeviceIds *ids = NULL;
    ok(IFaxOutboundRoutingGroup_get_DeviceIds(group, &ids) == S_OK, "DeviceIds\n");
    return ids;
}

/* The devices of a collection as text, "2,1", read through Count and Item. */
static void ids_text(IFaxDeviceIds *ids, char *text, size_t size)
{
    LONG count = 0, i, id;
    size_t used = 0;

    text[0] = 0;
    IFaxDeviceIds_get_Count(ids, &count);
    for (i = 1; i <= count; i++)
    {
        if (IFaxDeviceIds_get_Item(ids, i, &id) != S_OK) id = -1;
        used += snprintf(text + used, size - used, i > 1 ? ",%ld" : "%ld", id);
    }
}

/* The devices of a group as the service has them now, through a fresh GetGroups. */
static void fresh_ids_text(IFaxServer2 *server, const WCHAR *name, char *text, size_t size)
{
    IFaxOutboundRoutingGroups *groups = get_groups(server);
    IFaxOutboundRoutingGroup *group;
    IFaxDeviceIds *ids;

    strcpy(text, "?");
    if (!groups) return;
    if ((group = group_named(groups, name)))
    {
        if ((ids = device_ids_of(group)))
        {
            ids_text(ids, text, size);
            IFaxDeviceIds_Release(ids);
        }
        IFaxOutboundRoutingGroup_Release(group);
    }
    IFaxOutboundRoutingGroups_Release(groups);
}

static LONG groups_count(IFaxServer2 *server)
{
    IFaxOutboundRoutingGroups *groups = get_groups(server);
    LONG count = -1;

    if (groups)
    {
        IFaxOutboundRoutingGroups_get_Count(groups, &count);
        IFaxOutboundRoutingGroups_Release(groups);
    }
    return count;
}

static void check_class_info(IUnknown *object, const CLSID *clsid, const IID *iid)
{
    IProvideClassInfo2 *info;
    ISupportErrorInfo *errors;
    GUID guid;

    ok(IUnknown_QueryInterface(object, &IID_IProvideClassInfo2, (void **)&info) == S_OK, "IProvideClassInfo2\n");
    ok(IProvideClassInfo2_GetGUID(info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &guid) == E_FAIL &&
       IsEqualGUID(&guid, &GUID_NULL), "a routing object has no events\n");
    IProvideClassInfo2_Release(info);
    ok(IUnknown_QueryInterface(object, &IID_ISupportErrorInfo, (void **)&errors) == S_OK, "ISupportErrorInfo\n");
    ok(ISupportErrorInfo_InterfaceSupportsErrorInfo(errors, iid) == S_OK, "InterfaceSupportsErrorInfo\n");
    ok(ISupportErrorInfo_InterfaceSupportsErrorInfo(errors, &IID_IFaxServer) == S_FALSE, "another interface\n");
    ISupportErrorInfo_Release(errors);
    if (clsid)
    {
        ITypeInfo *typeinfo;
        TYPEATTR *attr;
        if (SUCCEEDED(IUnknown_QueryInterface(object, &IID_IProvideClassInfo, (void **)&info)))
        {
            ok(IProvideClassInfo2_GetClassInfo(info, &typeinfo) == S_OK, "GetClassInfo\n");
            ITypeInfo_GetTypeAttr(typeinfo, &attr);
            ok(IsEqualGUID(&attr->guid, clsid), "class %s\n", wine_dbgstr_guid(&attr->guid));
            ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
            ITypeInfo_Release(typeinfo);
            IProvideClassInfo2_Release(info);
        }
    }
}

/* Walks a collection with For Each (its _NewEnum); the VARIANTs it gave, to VariantClear. */
static ULONG for_each(IUnknown *enumerable, VARIANT *items, ULONG max)
{
    IEnumVARIANT *enumerator;
    ULONG count = 0, fetched;

    if (FAILED(IUnknown_QueryInterface(enumerable, &IID_IEnumVARIANT, (void **)&enumerator))) return 0;
    while (count < max && IEnumVARIANT_Next(enumerator, 1, &items[count], &fetched) == S_OK) count++;
    IEnumVARIANT_Release(enumerator);
    return count;
}

/* A late-bound call that fails: the HRESULT the method gave (in the EXCEPINFO of DISP_E_EXCEPTION),
 * or what Invoke itself returned. */
static HRESULT invoke_scode(IDispatch *object, const WCHAR *name, WORD flags, VARIANT *args, UINT count)
{
    DISPID id = dispid_of(object, name);
    VARIANT reversed[8], result;
    DISPPARAMS params = { reversed, NULL, count, 0 };
    EXCEPINFO excepinfo;
    UINT arg_err, i;
    HRESULT hr;

    for (i = 0; i < count && i < ARRAY_SIZE(reversed); i++) reversed[i] = args[count - 1 - i];
    memset(&excepinfo, 0, sizeof(excepinfo));
    VariantInit(&result);
    hr = IDispatch_Invoke(object, id, &IID_NULL, 0, flags, &params, &result, &excepinfo, &arg_err);
    VariantClear(&result);
    if (hr == DISP_E_EXCEPTION)
    {
        ok(excepinfo.bstrDescription && excepinfo.bstrDescription[0], "no description in the EXCEPINFO\n");
        hr = excepinfo.scode;
    }
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrHelpFile);
    return hr;
}

/* For Each as a script does it: DISPID_NEWENUM through IDispatch::Invoke; how many items. */
static ULONG for_each_late_bound(IDispatch *object)
{
    DISPPARAMS params = { NULL, NULL, 0, 0 };
    VARIANT result, items[16];
    ULONG count = 0, i;
    HRESULT hr;

    VariantInit(&result);
    hr = IDispatch_Invoke(object, DISPID_NEWENUM, &IID_NULL, 0, DISPATCH_PROPERTYGET, &params, &result, NULL, NULL);
    ok(hr == S_OK && V_VT(&result) == VT_UNKNOWN, "DISPID_NEWENUM: %#lx, type %d\n", hr, V_VT(&result));
    if (hr == S_OK && V_VT(&result) == VT_UNKNOWN) count = for_each(V_UNKNOWN(&result), items, ARRAY_SIZE(items));
    for (i = 0; i < count; i++) VariantClear(&items[i]);
    VariantClear(&result);
    return count;
}

/* ---- FaxOutboundRouting ---- */

static void test_routing_object(IFaxServer2 *server)
{
    IFaxOutboundRouting *routing;
    IFaxServer2 *lone;
    VARIANT result;
    HRESULT hr;

    ok(IFaxServer2_get_OutboundRouting(server, NULL) == E_POINTER, "OutboundRouting(NULL)\n");
    if (!(routing = get_routing(server))) return;
    check_class_info((IUnknown *)routing, &CLSID_FaxOutboundRouting, &IID_IFaxOutboundRouting);
    ok(IFaxOutboundRouting_GetGroups(routing, NULL) == E_POINTER, "GetGroups(NULL)\n");
    ok(IFaxOutboundRouting_GetRules(routing, NULL) == E_POINTER, "GetRules(NULL)\n");
    hr = invoke_by_name((IDispatch *)routing, L"GetGroups", DISPATCH_METHOD, NULL, 0, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "GetGroups by name: %#lx\n", hr);
    VariantClear(&result);
    hr = invoke_by_name((IDispatch *)routing, L"GetRules", DISPATCH_METHOD, NULL, 0, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "GetRules by name: %#lx\n", hr);
    VariantClear(&result);
    hr = get_by_name((IDispatch *)server, L"OutboundRouting", &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "OutboundRouting by name: %#lx\n", hr);
    VariantClear(&result);
    IFaxOutboundRouting_Release(routing);

    /* Only from a connected FaxServer. */
    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&lone);
    if (hr == S_OK)
    {
        routing = (void *)0xdeadbeef;
        hr = IFaxServer2_get_OutboundRouting(lone, &routing);
        ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) && !routing, "not connected: %#lx\n", hr);
        IFaxServer2_Release(lone);
    }
}

/* ---- groups ---- */

static void test_groups(IFaxServer2 *server)
{
    IFaxOutboundRoutingGroups *groups = get_groups(server), *other;
    IFaxOutboundRoutingGroup *group, *all;
    IFaxDeviceIds *ids;
    FAX_GROUP_STATUS_ENUM status;
    IUnknown *unknown;
    VARIANT items[8], index;
    char text[64];
    LONG count, id;
    ULONG n, i;
    HRESULT hr;

    if (!groups) return;
    check_class_info((IUnknown *)groups, &CLSID_FaxOutboundRoutingGroups, &IID_IFaxOutboundRoutingGroups);

    /* "<All Devices>" is always there, first, with every device. */
    ok(IFaxOutboundRoutingGroups_get_Count(groups, &count) == S_OK && count == 1, "Count %ld\n", count);
    hr = IFaxOutboundRoutingGroups_get_Item(groups, variant_i4(1), &all);
    ok(hr == S_OK, "Item(1): %#lx\n", hr);
    if (hr != S_OK) return;
    check_class_info((IUnknown *)all, &CLSID_FaxOutboundRoutingGroup, &IID_IFaxOutboundRoutingGroup);
    EXPECT_TEXT(IFaxOutboundRoutingGroup_get_Name, all, L"<All Devices>");
    ok(IFaxOutboundRoutingGroup_get_Status(all, &status) == S_OK && status == fgsALL_DEV_VALID, "status %d\n", status);
    ids = device_ids_of(all);
    check_class_info((IUnknown *)ids, &CLSID_FaxDeviceIds, &IID_IFaxDeviceIds);
    ids_text(ids, text, sizeof(text));
    ok(!strcmp(text, "1,2"), "<All Devices> has %s\n", text);
    IFaxDeviceIds_Release(ids);
    if ((group = group_named(groups, L"<all devices>")))
    {
        ok(group == all, "Item by name (case ignored) is another object\n");
        IFaxOutboundRoutingGroup_Release(group);
    }

    /* Add: saved at once, in this collection and in the service. */
    hr = IFaxOutboundRoutingGroups_Add(groups, (BSTR)L"Berlin", &group);
    ok(hr == S_OK, "Add(Berlin): %#lx\n", hr);
    if (hr != S_OK) return;
    expect_event('G');
    EXPECT_TEXT(IFaxOutboundRoutingGroup_get_Name, group, L"Berlin");
    ok(IFaxOutboundRoutingGroup_get_Status(group, &status) == S_OK && status == fgsEMPTY, "status %d\n", status);
    ok(IFaxOutboundRoutingGroups_get_Count(groups, &count) == S_OK && count == 2, "Count %ld\n", count);
    ok(groups_count(server) == 2, "the service has %ld groups\n", groups_count(server));

    /* Its devices: Add, SetOrder, Remove, each saved at once. */
    ids = device_ids_of(group);
    ok(IFaxDeviceIds_get_Count(ids, &count) == S_OK && count == 0, "Count %ld\n", count);
    ok(IFaxDeviceIds_Add(ids, 1) == S_OK, "Add(1)\n");
    expect_event('G');
    ok(IFaxDeviceIds_Add(ids, 2) == S_OK, "Add(2)\n");
    expect_event('G');
    ids_text(ids, text, sizeof(text));
    ok(!strcmp(text, "1,2"), "devices %s\n", text);
    ok(IFaxOutboundRoutingGroup_get_Status(group, &status) == S_OK && status == fgsALL_DEV_VALID, "status %d\n", status);
    ok(IFaxDeviceIds_SetOrder(ids, 2, 1) == S_OK, "SetOrder(2, 1)\n");
    expect_event('G');
    ids_text(ids, text, sizeof(text));
    ok(!strcmp(text, "2,1"), "after SetOrder(2, 1): %s\n", text);
    fresh_ids_text(server, L"berlin", text, sizeof(text));
    ok(!strcmp(text, "2,1"), "the service has %s\n", text);
    ok(IFaxDeviceIds_SetOrder(ids, 2, 2) == S_OK, "SetOrder(2, 2)\n");
    expect_event('G');
    fresh_ids_text(server, L"Berlin", text, sizeof(text));
    ok(!strcmp(text, "1,2"), "after SetOrder(2, 2) the service has %s\n", text);
    ok(IFaxDeviceIds_Remove(ids, 1) == S_OK, "Remove(1)\n");
    expect_event('G');
    ids_text(ids, text, sizeof(text));
    ok(!strcmp(text, "2"), "after Remove(1): %s\n", text);
    fresh_ids_text(server, L"Berlin", text, sizeof(text));
    ok(!strcmp(text, "2"), "the service has %s\n", text);
    ok(IFaxDeviceIds_Add(ids, 1) == S_OK, "Add(1)\n");
    expect_event('G');
    ok(IFaxDeviceIds_get_Item(ids, 2, &id) == S_OK && id == 1, "Item(2): %ld\n", id);

    /* For Each over the devices: numbers, in order. */
    ok(IFaxDeviceIds_get__NewEnum(ids, &unknown) == S_OK, "_NewEnum\n");
    n = for_each(unknown, items, ARRAY_SIZE(items));
    ok(n == 2 && V_VT(&items[0]) == VT_I4 && V_I4(&items[0]) == 2 && V_VT(&items[1]) == VT_I4 && V_I4(&items[1]) == 1,
       "For Each gave %lu: %ld, %ld\n", n, V_I4(&items[0]), V_I4(&items[1]));
    for (i = 0; i < n; i++) VariantClear(&items[i]);
    IUnknown_Release(unknown);
    IFaxDeviceIds_Release(ids);
    IFaxOutboundRoutingGroup_Release(group);

    /* <All Devices>: only the order may change. */
    ids = device_ids_of(all);
    ok(IFaxDeviceIds_SetOrder(ids, 2, 1) == S_OK, "<All Devices> SetOrder(2, 1)\n");
    expect_event('G');
    fresh_ids_text(server, L"<All Devices>", text, sizeof(text));
    ok(!strcmp(text, "2,1"), "<All Devices> in the service: %s\n", text);
    ok(IFaxDeviceIds_SetOrder(ids, 1, 1) == S_OK, "<All Devices> SetOrder(1, 1)\n");
    expect_event('G');
    IFaxDeviceIds_Release(ids);

    /* For Each over the groups. */
    ok(IFaxOutboundRoutingGroups_get__NewEnum(groups, &unknown) == S_OK, "_NewEnum\n");
    n = for_each(unknown, items, ARRAY_SIZE(items));
    ok(n == 2, "For Each saw %lu groups\n", n);
    for (i = 0; i < n; i++)
    {
        IFaxOutboundRoutingGroup *item;
        if (V_VT(&items[i]) == VT_DISPATCH &&
            SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&items[i]), &IID_IFaxOutboundRoutingGroup, (void **)&item)))
        {
            EXPECT_TEXT(IFaxOutboundRoutingGroup_get_Name, item, i ? L"Berlin" : L"<All Devices>");
            IFaxOutboundRoutingGroup_Release(item);
        }
        else ok(0, "item %lu is of type %d\n", i, V_VT(&items[i]));
        VariantClear(&items[i]);
    }
    IUnknown_Release(unknown);

    /* Remove, by name and by index; another snapshot keeps its own view until it is made again. */
    hr = IFaxOutboundRoutingGroups_Add(groups, (BSTR)L"Spare", &group);
    ok(hr == S_OK, "Add(Spare): %#lx\n", hr);
    expect_event('G');
    other = get_groups(server);
    index = variant_text(L"SPARE");
    ok(IFaxOutboundRoutingGroups_Remove(groups, index) == S_OK, "Remove(\"SPARE\")\n");
    expect_event('G');
    VariantClear(&index);
    ok(IFaxOutboundRoutingGroups_get_Count(groups, &count) == S_OK && count == 2, "Count %ld\n", count);
    ok(groups_count(server) == 2, "the service has %ld groups\n", groups_count(server));
    /* The removed group's own objects now fail. */
    if (hr == S_OK)
    {
        ids = device_ids_of(group);
        REFUSED(IFaxDeviceIds_Add(ids, 1), FAX_E_GROUP_NOT_FOUND, L"Spare");
        IFaxDeviceIds_Release(ids);
        IFaxOutboundRoutingGroup_Release(group);
    }
    if (other)
    {
        ok(IFaxOutboundRoutingGroups_get_Count(other, &count) == S_OK && count == 3, "the other snapshot: %ld\n", count);
        REFUSED(IFaxOutboundRoutingGroups_Remove(other, variant_i4(3)), FAX_E_GROUP_NOT_FOUND, L"Spare");
        IFaxOutboundRoutingGroups_Release(other);
    }
    hr = IFaxOutboundRoutingGroups_Add(groups, (BSTR)L"Spare 2", &group);
    expect_event('G');
    if (hr == S_OK) IFaxOutboundRoutingGroup_Release(group);
    ok(IFaxOutboundRoutingGroups_Remove(groups, variant_i4(3)) == S_OK, "Remove(3)\n");
    expect_event('G');
    ok(groups_count(server) == 2, "the service has %ld groups\n", groups_count(server));

    ok(for_each_late_bound((IDispatch *)groups) == 2, "For Each late bound over the groups\n");
    if ((group = group_named(groups, L"Berlin")))
    {
        ids = device_ids_of(group);
        ok(for_each_late_bound((IDispatch *)ids) == 2, "For Each late bound over the devices\n");
        IFaxDeviceIds_Release(ids);
        IFaxOutboundRoutingGroup_Release(group);
    }
    IFaxOutboundRoutingGroup_Release(all);
    IFaxOutboundRoutingGroups_Release(groups);
}

static void test_groups_by_name(IFaxServer2 *server)
{
    IFaxOutboundRoutingGroups *groups = get_groups(server);
    VARIANT args[2], result, group, ids;
    char text[64];
    HRESULT hr;

    if (!groups) return;
    args[0] = variant_text(L"Hamburg");
    hr = invoke_by_name((IDispatch *)groups, L"Add", DISPATCH_METHOD, args, 1, &group);
    ok(hr == S_OK && V_VT(&group) == VT_DISPATCH, "Add by name: %#lx\n", hr);
    expect_event('G');
    if (hr != S_OK) return;
    hr = get_by_name(V_DISPATCH(&group), L"Name", &result);
    ok(hr == S_OK && V_VT(&result) == VT_BSTR && !lstrcmpW(V_BSTR(&result), L"Hamburg"), "Name by name: %#lx\n", hr);
    VariantClear(&result);
    hr = get_by_name(V_DISPATCH(&group), L"Status", &result);
    ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == fgsEMPTY, "Status by name: %#lx\n", hr);
    hr = get_by_name(V_DISPATCH(&group), L"DeviceIds", &ids);
    ok(hr == S_OK && V_VT(&ids) == VT_DISPATCH, "DeviceIds by name: %#lx\n", hr);
    if (hr == S_OK)
    {
        args[1] = variant_i4(2);
        ok(invoke_by_name(V_DISPATCH(&ids), L"Add", DISPATCH_METHOD, &args[1], 1, NULL) == S_OK, "Add(2) by name\n");
        expect_event('G');
        args[1] = variant_i4(1);
        ok(invoke_by_name(V_DISPATCH(&ids), L"Add", DISPATCH_METHOD, &args[1], 1, NULL) == S_OK, "Add(1) by name\n");
        expect_event('G');
        {
            VARIANT order[2] = { variant_i4(1), variant_i4(1) };
            ok(invoke_by_name(V_DISPATCH(&ids), L"SetOrder", DISPATCH_METHOD, order, 2, NULL) == S_OK,
               "SetOrder(1, 1) by name\n");
            expect_event('G');
        }
        args[1] = variant_i4(2);
        hr = invoke_by_name(V_DISPATCH(&ids), L"Item", DISPATCH_PROPERTYGET, &args[1], 1, &result);
        ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == 2, "Item(2) by name: %#lx %ld\n", hr, V_I4(&result));
        hr = get_by_name(V_DISPATCH(&ids), L"Count", &result);
        ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == 2, "Count by name: %#lx\n", hr);
        args[1] = variant_i4(2);
        ok(invoke_by_name(V_DISPATCH(&ids), L"Remove", DISPATCH_METHOD, &args[1], 1, NULL) == S_OK, "Remove(2) by name\n");
        expect_event('G');
        fresh_ids_text(server, L"Hamburg", text, sizeof(text));
        ok(!strcmp(text, "1"), "Hamburg has %s\n", text);
        /* Wrong types, late bound. */
        args[1] = variant_text(L"one");
        hr = invoke_by_name(V_DISPATCH(&ids), L"Add", DISPATCH_METHOD, &args[1], 1, NULL);
        ok(hr == DISP_E_TYPEMISMATCH, "Add(\"one\") by name: %#lx\n", hr);
        VariantClear(&args[1]);
        args[1] = variant_i4(99);
        hr = invoke_scode(V_DISPATCH(&ids), L"Add", DISPATCH_METHOD, &args[1], 1);
        ok(hr == HRESULT_FROM_WIN32(ERROR_BAD_UNIT), "Add(99) by name: %#lx\n", hr);
        args[1] = variant_i4(1);
        hr = invoke_by_name(V_DISPATCH(&ids), L"SetOrder", DISPATCH_METHOD, &args[1], 1, NULL);
        ok(hr == DISP_E_BADPARAMCOUNT, "SetOrder with one argument: %#lx\n", hr);
        VariantClear(&ids);
    }
    VariantClear(&group);

    hr = invoke_by_name((IDispatch *)groups, L"Item", DISPATCH_PROPERTYGET, args, 1, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "Item(\"Hamburg\") by name: %#lx\n", hr);
    VariantClear(&result);
    hr = get_by_name((IDispatch *)groups, L"Count", &result);
    ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == 3, "Count by name: %#lx %ld\n", hr, V_I4(&result));
    ok(invoke_by_name((IDispatch *)groups, L"Remove", DISPATCH_METHOD, args, 1, NULL) == S_OK, "Remove by name\n");
    expect_event('G');
    VariantClear(&args[0]);
    ok(groups_count(server) == 2, "the service has %ld groups\n", groups_count(server));
    args[0] = variant_text(L"berlin");
    hr = invoke_scode((IDispatch *)groups, L"Add", DISPATCH_METHOD, args, 1);
    ok(hr == HRESULT_FROM_WIN32(ERROR_DUP_NAME), "Add(\"berlin\") by name: %#lx\n", hr);
    VariantClear(&args[0]);
    args[0] = variant_text(L"<All Devices>");
    hr = invoke_scode((IDispatch *)groups, L"Remove", DISPATCH_METHOD, args, 1);
    ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), "Remove(\"<All Devices>\") by name: %#lx\n", hr);
    VariantClear(&args[0]);
    args[0] = variant_i4(9);
    hr = invoke_scode((IDispatch *)groups, L"Item", DISPATCH_PROPERTYGET, args, 1);
    ok(hr == E_INVALIDARG, "Item(9) by name: %#lx\n", hr);
    V_VT(&args[0]) = VT_UNKNOWN;
    V_UNKNOWN(&args[0]) = (IUnknown *)groups;
    hr = invoke_by_name((IDispatch *)groups, L"Add", DISPATCH_METHOD, args, 1, &result);
    ok(hr == DISP_E_TYPEMISMATCH, "Add(an object) by name: %#lx\n", hr);
    IFaxOutboundRoutingGroups_Release(groups);
}

static void test_groups_bad_input(IFaxServer2 *server)
{
    IFaxOutboundRoutingGroups *groups = get_groups(server);
    IFaxOutboundRoutingGroup *group = NULL, *all = NULL;
    IFaxDeviceIds *ids = NULL, *all_ids = NULL;
    double started;
    WCHAR long_text[300];
    BSTR long_name;
    VARIANT index;
    LONG value;

    if (!groups) return;
    wmemset(long_text, 'x', 260);
    long_text[260] = 0;
    long_name = SysAllocString(long_text);
    REFUSED(IFaxOutboundRoutingGroups_Add(groups, NULL, &group), E_INVALIDARG, L"name");
    REFUSED(IFaxOutboundRoutingGroups_Add(groups, (BSTR)L"", &group), E_INVALIDARG, L"name");
    REFUSED(IFaxOutboundRoutingGroups_Add(groups, long_name, &group), HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW), L"259");
    REFUSED(IFaxOutboundRoutingGroups_Add(groups, (BSTR)L"BERLIN", &group), HRESULT_FROM_WIN32(ERROR_DUP_NAME),
            L"BERLIN");
    REFUSED(IFaxOutboundRoutingGroups_Add(groups, (BSTR)L"<All Devices>", &group), HRESULT_FROM_WIN32(ERROR_DUP_NAME),
            L"<All Devices>");
    ok(IFaxOutboundRoutingGroups_Add(groups, (BSTR)L"Nowhere", NULL) == E_POINTER, "Add with NULL out\n");
    ok(groups_count(server) == 2, "the service has %ld groups\n", groups_count(server));

    REFUSED(IFaxOutboundRoutingGroups_get_Item(groups, variant_i4(0), &group), E_INVALIDARG, L"numbered from 1");
    REFUSED(IFaxOutboundRoutingGroups_get_Item(groups, variant_i4(3), &group), E_INVALIDARG, L"numbered from 1");
    index = variant_text(L"Nowhere");
    REFUSED(IFaxOutboundRoutingGroups_get_Item(groups, index, &group), FAX_E_GROUP_NOT_FOUND, L"Nowhere");
    REFUSED(IFaxOutboundRoutingGroups_Remove(groups, index), FAX_E_GROUP_NOT_FOUND, L"Nowhere");
    VariantClear(&index);
    ok(IFaxOutboundRoutingGroups_get_Item(groups, variant_i4(1), NULL) == E_POINTER, "Item with NULL out\n");
    V_VT(&index) = VT_UNKNOWN;
    V_UNKNOWN(&index) = (IUnknown *)groups;
    REFUSED(IFaxOutboundRoutingGroups_get_Item(groups, index, &group), DISP_E_TYPEMISMATCH, L"string");
    REFUSED(IFaxOutboundRoutingGroups_Remove(groups, index), DISP_E_TYPEMISMATCH, L"string");
    REFUSED(IFaxOutboundRoutingGroups_Remove(groups, variant_i4(1)), HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION),
            L"cannot be removed");
    index = variant_text(L"<all devices>");
    REFUSED(IFaxOutboundRoutingGroups_Remove(groups, index), HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION),
            L"cannot be removed");
    VariantClear(&index);
    REFUSED(IFaxOutboundRoutingGroups_Remove(groups, variant_i4(0)), E_INVALIDARG, L"numbered from 1");
    REFUSED(IFaxOutboundRoutingGroups_Remove(groups, variant_i4(9)), E_INVALIDARG, L"numbered from 1");
    ok(IFaxOutboundRoutingGroups_get_Count(groups, NULL) == E_POINTER, "Count(NULL)\n");
    ok(IFaxOutboundRoutingGroups_get__NewEnum(groups, NULL) == E_POINTER, "_NewEnum(NULL)\n");

    IFaxOutboundRoutingGroups_get_Item(groups, variant_i4(1), &all);
    if ((group = group_named(groups, L"Berlin")) && all)
    {
        ok(IFaxOutboundRoutingGroup_get_Name(group, NULL) == E_POINTER, "Name(NULL)\n");
        ok(IFaxOutboundRoutingGroup_get_Status(group, NULL) == E_POINTER, "Status(NULL)\n");
        ok(IFaxOutboundRoutingGroup_get_DeviceIds(group, NULL) == E_POINTER, "DeviceIds(NULL)\n");
        ids = device_ids_of(group);
        all_ids = device_ids_of(all);
        REFUSED(IFaxDeviceIds_Add(ids, 99), HRESULT_FROM_WIN32(ERROR_BAD_UNIT), L"99");
        REFUSED(IFaxDeviceIds_Add(ids, 0), HRESULT_FROM_WIN32(ERROR_BAD_UNIT), L"0");
        REFUSED(IFaxDeviceIds_Add(ids, -5), HRESULT_FROM_WIN32(ERROR_BAD_UNIT), L"-5");
        REFUSED(IFaxDeviceIds_Add(ids, 2), HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS), L"already");
        REFUSED(IFaxDeviceIds_Remove(ids, 0), E_INVALIDARG, L"numbered from 1");
        REFUSED(IFaxDeviceIds_Remove(ids, 3), E_INVALIDARG, L"numbered from 1");
        REFUSED(IFaxDeviceIds_SetOrder(ids, 99, 1), HRESULT_FROM_WIN32(ERROR_NOT_FOUND), L"99");
        REFUSED(IFaxDeviceIds_SetOrder(ids, 1, 0), E_INVALIDARG, L"numbered from 1");
        REFUSED(IFaxDeviceIds_SetOrder(ids, 1, 3), E_INVALIDARG, L"numbered from 1");
        REFUSED(IFaxDeviceIds_SetOrder(ids, 1, -1), E_INVALIDARG, L"numbered from 1");
        REFUSED(IFaxDeviceIds_get_Item(ids, 0, &value), E_INVALIDARG, L"numbered from 1");
        REFUSED(IFaxDeviceIds_get_Item(ids, 3, &value), E_INVALIDARG, L"numbered from 1");
        ok(IFaxDeviceIds_get_Item(ids, 1, NULL) == E_POINTER, "Item with NULL out\n");
        ok(IFaxDeviceIds_get_Count(ids, NULL) == E_POINTER, "Count(NULL)\n");
        ok(IFaxDeviceIds_get__NewEnum(ids, NULL) == E_POINTER, "_NewEnum(NULL)\n");
        REFUSED(IFaxDeviceIds_Add(all_ids, 1), HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), L"SetOrder");
        REFUSED(IFaxDeviceIds_Remove(all_ids, 1), HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), L"SetOrder");
        REFUSED(IFaxDeviceIds_SetOrder(all_ids, 7, 1), HRESULT_FROM_WIN32(ERROR_NOT_FOUND), L"7");
        IFaxDeviceIds_Release(ids);
        IFaxDeviceIds_Release(all_ids);
    }
    if (group) IFaxOutboundRoutingGroup_Release(group);
    if (all) IFaxOutboundRoutingGroup_Release(all);

    /* The service keeps at most 64 groups. */
    started = now_ms();
    for (value = 3; value <= 64; value++)
    {
        WCHAR name[16];
        swprintf(name, ARRAY_SIZE(name), L"Group %ld", value);
        if (IFaxOutboundRoutingGroups_Add(groups, name, &group) != S_OK) break;
        expect_event('G');
        IFaxOutboundRoutingGroup_Release(group);
    }
    ok(value == 65, "only %ld groups could be made\n", value - 1);
    trace("FaxOutboundRoutingGroups.Add: %.2f ms each (62 groups)\n", (now_ms() - started) / 62);
    REFUSED(IFaxOutboundRoutingGroups_Add(groups, (BSTR)L"Group 65", &group), E_INVALIDARG, L"64");
    while (IFaxOutboundRoutingGroups_Remove(groups, variant_i4(3)) == S_OK) expect_event('G');
    ok(groups_count(server) == 2, "the service has %ld groups\n", groups_count(server));
    IFaxOutboundRoutingGroups_Release(groups);
    SysFreeString(long_name);
}

/* ---- rules ---- */

/* put_GroupName with a real BSTR, as clients pass it. */
static HRESULT put_group_name(IFaxOutboundRoutingRule *rule, const WCHAR *text)
{
    BSTR name = SysAllocString(text);
    HRESULT hr = IFaxOutboundRoutingRule_put_GroupName(rule, name);

    SysFreeString(name);
    return hr;
}

static void check_rule(IFaxOutboundRoutingRule *rule, LONG country, LONG area, BOOL use_device, LONG device,
                       const WCHAR *group_name, FAX_RULE_STATUS_ENUM expected_status)
{
    FAX_RULE_STATUS_ENUM status = -1;
    VARIANT_BOOL flag = 7;
    LONG value = -1;

    ok(IFaxOutboundRoutingRule_get_CountryCode(rule, &value) == S_OK && value == country, "CountryCode %ld\n", value);
    ok(IFaxOutboundRoutingRule_get_AreaCode(rule, &value) == S_OK && value == area, "AreaCode %ld\n", value);
    ok(IFaxOutboundRoutingRule_get_UseDevice(rule, &flag) == S_OK && flag == (use_device ? VARIANT_TRUE : VARIANT_FALSE),
       "UseDevice %d\n", flag);
    ok(IFaxOutboundRoutingRule_get_DeviceId(rule, &value) == S_OK && value == device, "DeviceId %ld\n", value);
    EXPECT_TEXT(IFaxOutboundRoutingRule_get_GroupName, rule, group_name);
    ok(IFaxOutboundRoutingRule_get_Status(rule, &status) == S_OK && status == expected_status, "Status %d\n", status);
}

static LONG rules_count(IFaxServer2 *server)
{
    IFaxOutboundRoutingRules *rules = get_rules(server);
    LONG count = -1;

    if (rules)
    {
        IFaxOutboundRoutingRules_get_Count(rules, &count);
        IFaxOutboundRoutingRules_Release(rules);
    }
    return count;
}

/* A rule of a fresh GetRules: what the service has now. */
static IFaxOutboundRoutingRule *fresh_rule(IFaxServer2 *server, LONG country, LONG area)
{
    IFaxOutboundRoutingRules *rules = get_rules(server);
    IFaxOutboundRoutingRule *rule = NULL;

    if (!rules) return NULL;
    ok(IFaxOutboundRoutingRules_ItemByCountryAndArea(rules, country, area, &rule) == S_OK, "ItemByCountryAndArea\n");
    IFaxOutboundRoutingRules_Release(rules);
    return rule;
}

static void test_rules(IFaxServer2 *server)
{
    IFaxOutboundRoutingRules *rules = get_rules(server);
    IFaxOutboundRoutingRule *rule, *other, *by_codes;
    IFaxOutboundRoutingGroups *groups;
    IUnknown *unknown;
    VARIANT items[8];
    LONG count;
    ULONG n, i;
    HRESULT hr;

    if (!rules) return;
    check_class_info((IUnknown *)rules, &CLSID_FaxOutboundRoutingRules, &IID_IFaxOutboundRoutingRules);
    ok(IFaxOutboundRoutingRules_get_Count(rules, &count) == S_OK && count == 1, "Count %ld\n", count);
    hr = IFaxOutboundRoutingRules_get_Item(rules, 1, &rule);
    ok(hr == S_OK, "Item(1): %#lx\n", hr);
    if (hr != S_OK) return;
    check_class_info((IUnknown *)rule, &CLSID_FaxOutboundRoutingRule, &IID_IFaxOutboundRoutingRule);
    check_rule(rule, frrcANY_CODE, frrcANY_CODE, FALSE, 0, L"<All Devices>", frsVALID);
    IFaxOutboundRoutingRule_Release(rule);

    /* Add: to a group, to a device. */
    hr = IFaxOutboundRoutingRules_Add(rules, 49, 30, VARIANT_FALSE, (BSTR)L"berlin", 0, &rule);
    ok(hr == S_OK, "Add(49, 30, Berlin): %#lx\n", hr);
    if (hr != S_OK) return;
    expect_event('R');
    check_rule(rule, 49, 30, FALSE, 0, L"berlin", frsVALID);
    hr = IFaxOutboundRoutingRules_Add(rules, 44, frrcANY_CODE, VARIANT_TRUE, NULL, 2, &other);
    ok(hr == S_OK, "Add(44, any, device 2): %#lx\n", hr);
    expect_event('R');
    if (hr == S_OK)
    {
        check_rule(other, 44, 0, TRUE, 2, L"", frsVALID);
        IFaxOutboundRoutingRule_Release(other);
    }
    ok(IFaxOutboundRoutingRules_get_Count(rules, &count) == S_OK && count == 3, "Count %ld\n", count);
    ok(rules_count(server) == 3, "the service has %ld rules\n", rules_count(server));
    hr = IFaxOutboundRoutingRules_ItemByCountryAndArea(rules, 49, 30, &by_codes);
    ok(hr == S_OK && by_codes == rule, "ItemByCountryAndArea(49, 30): %#lx\n", hr);
    if (hr == S_OK) IFaxOutboundRoutingRule_Release(by_codes);

    /* A rule's destination is saved by Save; an unchanged Save fires nothing. */
    ok(put_group_name(rule, L"<All Devices>") == S_OK, "put_GroupName\n");
    if ((other = fresh_rule(server, 49, 30)))
    {
        check_rule(other, 49, 30, FALSE, 0, L"berlin", frsVALID);
        ok(IFaxOutboundRoutingRule_Save(rule) == S_OK, "Save\n");
        expect_event('R');
        ok(IFaxOutboundRoutingRule_Refresh(other) == S_OK, "Refresh\n");
        check_rule(other, 49, 30, FALSE, 0, L"<All Devices>", frsVALID);
        ok(IFaxOutboundRoutingRule_Save(other) == S_OK, "an unchanged Save\n");
        ok(IFaxOutboundRoutingRule_put_UseDevice(other, VARIANT_TRUE) == S_OK, "put_UseDevice\n");
        ok(IFaxOutboundRoutingRule_put_DeviceId(other, 1) == S_OK, "put_DeviceId\n");
        ok(IFaxOutboundRoutingRule_Save(other) == S_OK, "Save to device 1\n");
        expect_event('R');
        ok(IFaxOutboundRoutingRule_Refresh(rule) == S_OK, "Refresh\n");
        check_rule(rule, 49, 30, TRUE, 1, L"<All Devices>", frsVALID);
        ok(IFaxOutboundRoutingRule_put_UseDevice(rule, VARIANT_FALSE) == S_OK, "put_UseDevice\n");
        ok(put_group_name(rule, L"Berlin") == S_OK, "put_GroupName\n");
        ok(IFaxOutboundRoutingRule_Save(rule) == S_OK, "Save back to Berlin\n");
        expect_event('R');
        IFaxOutboundRoutingRule_Release(other);
    }

    /* For Each. */
    ok(IFaxOutboundRoutingRules_get__NewEnum(rules, &unknown) == S_OK, "_NewEnum\n");
    n = for_each(unknown, items, ARRAY_SIZE(items));
    ok(n == 3, "For Each saw %lu rules\n", n);
    for (i = 0; i < n; i++)
    {
        static const LONG countries[3] = { 0, 49, 44 };
        IFaxOutboundRoutingRule *item;
        LONG country = -1;

        if (V_VT(&items[i]) == VT_DISPATCH &&
            SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&items[i]), &IID_IFaxOutboundRoutingRule, (void **)&item)))
        {
            IFaxOutboundRoutingRule_get_CountryCode(item, &country);
            ok(country == countries[i], "rule %lu: country %ld\n", i, country);
            IFaxOutboundRoutingRule_Release(item);
        }
        VariantClear(&items[i]);
    }
    IUnknown_Release(unknown);

    /* Remove by index and by codes. */
    hr = IFaxOutboundRoutingRules_Add(rules, 33, 1, VARIANT_TRUE, NULL, 1, &other);
    expect_event('R');
    if (hr == S_OK) IFaxOutboundRoutingRule_Release(other);
    ok(IFaxOutboundRoutingRules_Remove(rules, 4) == S_OK, "Remove(4)\n");
    expect_event('R');
    ok(IFaxOutboundRoutingRules_RemoveByCountryAndArea(rules, 44, frrcANY_CODE) == S_OK, "RemoveByCountryAndArea\n");
    expect_event('R');
    ok(IFaxOutboundRoutingRules_get_Count(rules, &count) == S_OK && count == 2, "Count %ld\n", count);
    ok(rules_count(server) == 2, "the service has %ld rules\n", rules_count(server));
    ok(for_each_late_bound((IDispatch *)rules) == 2, "For Each late bound over the rules\n");

    /* The status of a rule to a group without devices. */
    if ((groups = get_groups(server)))
    {
        IFaxOutboundRoutingGroup *empty = NULL;
        VARIANT name = variant_text(L"Empty");

        ok(IFaxOutboundRoutingGroups_Add(groups, name.bstrVal, &empty) == S_OK, "Add(Empty)\n");
        expect_event('G');
        hr = IFaxOutboundRoutingRules_Add(rules, 1, 212, VARIANT_FALSE, name.bstrVal, 0, &other);
        ok(hr == S_OK, "Add(1, 212, Empty): %#lx\n", hr);
        expect_event('R');
        if (hr == S_OK)
        {
            check_rule(other, 1, 212, FALSE, 0, L"Empty", frsEMPTY_GROUP);
            IFaxOutboundRoutingRule_Release(other);
        }
        ok(IFaxOutboundRoutingRules_RemoveByCountryAndArea(rules, 1, 212) == S_OK, "RemoveByCountryAndArea(1, 212)\n");
        expect_event('R');
        ok(IFaxOutboundRoutingGroups_Remove(groups, name) == S_OK, "Remove(Empty)\n");
        expect_event('G');
        if (empty) IFaxOutboundRoutingGroup_Release(empty);
        VariantClear(&name);
        IFaxOutboundRoutingGroups_Release(groups);
    }

    IFaxOutboundRoutingRule_Release(rule);
    IFaxOutboundRoutingRules_Release(rules);
}

static void test_rules_by_name(IFaxServer2 *server)
{
    IFaxOutboundRoutingRules *rules = get_rules(server);
    VARIANT args[5], result, rule;
    HRESULT hr;

    if (!rules) return;
    args[0] = variant_i4(39);
    args[1] = variant_i4(6);
    V_VT(&args[2]) = VT_BOOL;
    V_BOOL(&args[2]) = VARIANT_FALSE;
    args[3] = variant_text(L"Berlin");
    args[4] = variant_i4(0);
    hr = invoke_by_name((IDispatch *)rules, L"Add", DISPATCH_METHOD, args, 5, &rule);
    ok(hr == S_OK && V_VT(&rule) == VT_DISPATCH, "Add by name: %#lx\n", hr);
    expect_event('R');
    if (hr == S_OK)
    {
        hr = get_by_name(V_DISPATCH(&rule), L"AreaCode", &result);
        ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == 6, "AreaCode by name: %#lx\n", hr);
        hr = get_by_name(V_DISPATCH(&rule), L"CountryCode", &result);
        ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == 39, "CountryCode by name: %#lx\n", hr);
        hr = get_by_name(V_DISPATCH(&rule), L"Status", &result);
        ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == frsVALID, "Status by name: %#lx\n", hr);
        hr = put_by_name(V_DISPATCH(&rule), L"UseDevice", args[2]);
        ok(hr == S_OK, "put UseDevice by name: %#lx\n", hr);
        result = variant_text(L"<All Devices>");
        hr = put_by_name(V_DISPATCH(&rule), L"GroupName", result);
        ok(hr == S_OK, "put GroupName by name: %#lx\n", hr);
        VariantClear(&result);
        check_long_by_name(V_DISPATCH(&rule), L"DeviceId", 2);     /* saves the rule */
        expect_event('R');
        hr = invoke_by_name(V_DISPATCH(&rule), L"Refresh", DISPATCH_METHOD, NULL, 0, NULL);
        ok(hr == S_OK, "Refresh by name: %#lx\n", hr);
        hr = get_by_name(V_DISPATCH(&rule), L"GroupName", &result);
        ok(hr == S_OK && V_VT(&result) == VT_BSTR && !lstrcmpW(V_BSTR(&result), L"<All Devices>"),
           "GroupName by name: %#lx\n", hr);
        VariantClear(&result);
        hr = get_by_name(V_DISPATCH(&rule), L"UseDevice", &result);
        ok(hr == S_OK && V_VT(&result) == VT_BOOL && V_BOOL(&result) == VARIANT_FALSE, "UseDevice by name: %#lx\n", hr);
        VariantClear(&rule);
    }
    hr = invoke_by_name((IDispatch *)rules, L"ItemByCountryAndArea", DISPATCH_METHOD, args, 2, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "ItemByCountryAndArea by name: %#lx\n", hr);
    VariantClear(&result);
    hr = invoke_scode((IDispatch *)rules, L"Item", DISPATCH_PROPERTYGET, &args[1], 1);
    ok(hr == E_INVALIDARG, "Item(6) by name: %#lx\n", hr);
    hr = get_by_name((IDispatch *)rules, L"Count", &result);
    ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == 3, "Count by name: %#lx\n", hr);
    hr = invoke_by_name((IDispatch *)rules, L"RemoveByCountryAndArea", DISPATCH_METHOD, args, 2, NULL);
    ok(hr == S_OK, "RemoveByCountryAndArea by name: %#lx\n", hr);
    expect_event('R');
    hr = invoke_by_name((IDispatch *)rules, L"Add", DISPATCH_METHOD, args, 5, &rule);
    expect_event('R');
    VariantClear(&rule);
    hr = invoke_scode((IDispatch *)rules, L"Remove", DISPATCH_METHOD, args + 4, 1);
    ok(hr == E_INVALIDARG, "Remove(0) by name: %#lx\n", hr);
    {
        VARIANT codes[2] = { variant_i4(7), variant_i4(7) };
        hr = invoke_scode((IDispatch *)rules, L"RemoveByCountryAndArea", DISPATCH_METHOD, codes, 2);
        ok(hr == FAX_E_RULE_NOT_FOUND, "RemoveByCountryAndArea(7, 7) by name: %#lx\n", hr);
        codes[0] = codes[1] = variant_i4(0);
        hr = invoke_scode((IDispatch *)rules, L"RemoveByCountryAndArea", DISPATCH_METHOD, codes, 2);
        ok(hr == E_INVALIDARG, "RemoveByCountryAndArea(0, 0) by name: %#lx\n", hr);
    }
    args[1] = variant_i4(3);
    hr = invoke_by_name((IDispatch *)rules, L"Remove", DISPATCH_METHOD, args + 1, 1, NULL);
    ok(hr == S_OK, "Remove(3) by name: %#lx\n", hr);
    expect_event('R');
    /* Wrong types, late bound. */
    VariantClear(&args[0]);
    args[0] = variant_text(L"Italy");
    hr = invoke_by_name((IDispatch *)rules, L"Add", DISPATCH_METHOD, args, 5, &rule);
    ok(hr == DISP_E_TYPEMISMATCH, "Add(\"Italy\", ...) by name: %#lx\n", hr);
    {
        VARIANT four[4] = { variant_i4(39), variant_i4(6), variant_i4(0), variant_i4(0) };
        hr = invoke_by_name((IDispatch *)rules, L"Add", DISPATCH_METHOD, four, 4, &rule);
        ok(hr == DISP_E_BADPARAMCOUNT, "Add with four arguments: %#lx\n", hr);
    }
    VariantClear(&args[0]);
    VariantClear(&args[3]);
    ok(rules_count(server) == 2, "the service has %ld rules\n", rules_count(server));
    IFaxOutboundRoutingRules_Release(rules);
}

static void test_rules_bad_input(IFaxServer2 *server)
{
    IFaxOutboundRoutingRules *rules = get_rules(server);
    IFaxOutboundRoutingRule *rule = NULL, *gone = NULL;
    IFaxOutboundRoutingGroups *groups;
    WCHAR long_text[300];
    BSTR long_name;
    VARIANT index;
    LONG value;
    HRESULT hr;

    if (!rules) return;
    wmemset(long_text, 'y', 260);
    long_text[260] = 0;
    long_name = SysAllocString(long_text);
    REFUSED(IFaxOutboundRoutingRules_Add(rules, 0, 30, VARIANT_FALSE, (BSTR)L"Berlin", 0, &rule), E_INVALIDARG,
            L"needs a country");
    REFUSED(IFaxOutboundRoutingRules_Add(rules, -1, 0, VARIANT_FALSE, (BSTR)L"Berlin", 0, &rule), E_INVALIDARG, L"from 0");
    REFUSED(IFaxOutboundRoutingRules_Add(rules, 1, -2, VARIANT_FALSE, (BSTR)L"Berlin", 0, &rule), E_INVALIDARG, L"from 0");
    REFUSED(IFaxOutboundRoutingRules_Add(rules, 1, 2, VARIANT_FALSE, (BSTR)L"Nowhere", 0, &rule), FAX_E_GROUP_NOT_FOUND,
            L"Nowhere");
    REFUSED(IFaxOutboundRoutingRules_Add(rules, 1, 2, VARIANT_FALSE, NULL, 0, &rule), FAX_E_GROUP_NOT_FOUND, L"group");
    REFUSED(IFaxOutboundRoutingRules_Add(rules, 1, 2, VARIANT_FALSE, (BSTR)L"", 0, &rule), FAX_E_GROUP_NOT_FOUND, L"group");
    REFUSED(IFaxOutboundRoutingRules_Add(rules, 1, 2, VARIANT_FALSE, long_name, 0, &rule),
            HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW), L"259");
    REFUSED(IFaxOutboundRoutingRules_Add(rules, 1, 2, VARIANT_TRUE, NULL, 99, &rule), HRESULT_FROM_WIN32(ERROR_BAD_UNIT),
            L"99");
    REFUSED(IFaxOutboundRoutingRules_Add(rules, 1, 2, VARIANT_TRUE, NULL, 0, &rule), HRESULT_FROM_WIN32(ERROR_BAD_UNIT),
            L"0");
    REFUSED(IFaxOutboundRoutingRules_Add(rules, 49, 30, VARIANT_TRUE, NULL, 1, &rule),
            HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS), L"49");
    REFUSED(IFaxOutboundRoutingRules_Add(rules, 0, 0, VARIANT_FALSE, (BSTR)L"Berlin", 0, &rule),
            HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS), L"already");
    ok(IFaxOutboundRoutingRules_Add(rules, 5, 5, VARIANT_TRUE, NULL, 1, NULL) == E_POINTER, "Add with NULL out\n");

    REFUSED(IFaxOutboundRoutingRules_RemoveByCountryAndArea(rules, 0, 0), E_INVALIDARG, L"default rule");
    REFUSED(IFaxOutboundRoutingRules_Remove(rules, 1), E_INVALIDARG, L"default rule");
    REFUSED(IFaxOutboundRoutingRules_RemoveByCountryAndArea(rules, 7, 7), FAX_E_RULE_NOT_FOUND, L"country code 7");
    REFUSED(IFaxOutboundRoutingRules_Remove(rules, 0), E_INVALIDARG, L"numbered from 1");
    REFUSED(IFaxOutboundRoutingRules_Remove(rules, 3), E_INVALIDARG, L"numbered from 1");
    REFUSED(IFaxOutboundRoutingRules_ItemByCountryAndArea(rules, 7, 7, &rule), FAX_E_RULE_NOT_FOUND, L"area code 7");
    REFUSED(IFaxOutboundRoutingRules_get_Item(rules, 0, &rule), E_INVALIDARG, L"numbered from 1");
    REFUSED(IFaxOutboundRoutingRules_get_Item(rules, 3, &rule), E_INVALIDARG, L"numbered from 1");
    ok(IFaxOutboundRoutingRules_get_Item(rules, 1, NULL) == E_POINTER, "Item with NULL out\n");
    ok(IFaxOutboundRoutingRules_ItemByCountryAndArea(rules, 49, 30, NULL) == E_POINTER, "ItemByCountryAndArea(NULL)\n");
    ok(IFaxOutboundRoutingRules_get_Count(rules, NULL) == E_POINTER, "Count(NULL)\n");
    ok(IFaxOutboundRoutingRules_get__NewEnum(rules, NULL) == E_POINTER, "_NewEnum(NULL)\n");

    hr = IFaxOutboundRoutingRules_ItemByCountryAndArea(rules, 49, 30, &rule);
    ok(hr == S_OK, "ItemByCountryAndArea(49, 30): %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(IFaxOutboundRoutingRule_get_CountryCode(rule, NULL) == E_POINTER, "CountryCode(NULL)\n");
        ok(IFaxOutboundRoutingRule_get_AreaCode(rule, NULL) == E_POINTER, "AreaCode(NULL)\n");
        ok(IFaxOutboundRoutingRule_get_Status(rule, NULL) == E_POINTER, "Status(NULL)\n");
        ok(IFaxOutboundRoutingRule_get_UseDevice(rule, NULL) == E_POINTER, "UseDevice(NULL)\n");
        ok(IFaxOutboundRoutingRule_get_DeviceId(rule, NULL) == E_POINTER, "DeviceId(NULL)\n");
        ok(IFaxOutboundRoutingRule_get_GroupName(rule, NULL) == E_POINTER, "GroupName(NULL)\n");
        REFUSED(IFaxOutboundRoutingRule_put_GroupName(rule, long_name), HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW), L"259");
        put_group_name(rule, L"Nowhere");
        REFUSED(IFaxOutboundRoutingRule_Save(rule), FAX_E_GROUP_NOT_FOUND, L"Nowhere");
        IFaxOutboundRoutingRule_put_UseDevice(rule, VARIANT_TRUE);
        IFaxOutboundRoutingRule_put_DeviceId(rule, 99);
        REFUSED(IFaxOutboundRoutingRule_Save(rule), HRESULT_FROM_WIN32(ERROR_BAD_UNIT), L"99");
        IFaxOutboundRoutingRule_put_DeviceId(rule, -3);
        REFUSED(IFaxOutboundRoutingRule_Save(rule), E_INVALIDARG, L"refused");
        ok(IFaxOutboundRoutingRule_Refresh(rule) == S_OK, "Refresh\n");
        check_rule(rule, 49, 30, FALSE, 1, L"Berlin", frsVALID);     /* device 1 stays from test_rules */

        /* A group a rule uses cannot be removed. */
        if ((groups = get_groups(server)))
        {
            index = variant_text(L"Berlin");
            REFUSED(IFaxOutboundRoutingGroups_Remove(groups, index), FAX_E_GROUP_IN_USE, L"rule");
            VariantClear(&index);
            IFaxOutboundRoutingGroups_Release(groups);
        }
    }

    /* A rule removed through another collection. */
    hr = IFaxOutboundRoutingRules_Add(rules, 61, 2, VARIANT_TRUE, NULL, 2, &gone);
    expect_event('R');
    if (hr == S_OK)
    {
        IFaxOutboundRoutingRules *other = get_rules(server);
        ok(IFaxOutboundRoutingRules_RemoveByCountryAndArea(other, 61, 2) == S_OK, "RemoveByCountryAndArea\n");
        expect_event('R');
        REFUSED(IFaxOutboundRoutingRule_Save(gone), FAX_E_RULE_NOT_FOUND, L"61");
        REFUSED(IFaxOutboundRoutingRule_Refresh(gone), FAX_E_RULE_NOT_FOUND, L"61");
        REFUSED(IFaxOutboundRoutingRules_RemoveByCountryAndArea(rules, 61, 2), FAX_E_RULE_NOT_FOUND, L"61");
        ok(IFaxOutboundRoutingRule_get_CountryCode(gone, &value) == S_OK && value == 61, "the snapshot stays\n");
        IFaxOutboundRoutingRules_Release(other);
        IFaxOutboundRoutingRule_Release(gone);
    }
    if (rule) IFaxOutboundRoutingRule_Release(rule);
    IFaxOutboundRoutingRules_Release(rules);
    SysFreeString(long_name);
}

/* ---- a FaxServer disconnected under its objects ---- */

static void test_disconnected(void)
{
    IFaxServer2 *server = connected_server();
    IFaxOutboundRoutingGroups *groups;
    IFaxOutboundRoutingRules *rules;
    IFaxOutboundRoutingRule *rule = NULL;
    IFaxOutboundRouting *routing;
    IFaxOutboundRoutingGroup *group, *late_group = NULL;
    IFaxOutboundRoutingRule *late_rule = NULL;
    IFaxDeviceIds *ids = NULL;
    LONG count = 0;

    if (!server) return;
    groups = get_groups(server);
    rules = get_rules(server);
    routing = get_routing(server);
    if (groups && rules && routing && (group = group_named(groups, L"Berlin")))
    {
        ids = device_ids_of(group);
        IFaxOutboundRoutingRules_get_Item(rules, 2, &rule);
        ok(IFaxServer2_Disconnect(server) == S_OK, "Disconnect\n");
        REFUSED(IFaxOutboundRoutingGroups_Add(groups, (BSTR)L"Late", &late_group), HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED),
                L"connected");
        REFUSED(IFaxDeviceIds_SetOrder(ids, 1, 1), HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), L"connected");
        REFUSED(IFaxOutboundRoutingRules_Add(rules, 7, 0, VARIANT_TRUE, NULL, 1, &late_rule),
                HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), L"connected");
        if (rule)
        {
            REFUSED(IFaxOutboundRoutingRule_Save(rule), HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), L"connected");
            REFUSED(IFaxOutboundRoutingRule_Refresh(rule), HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), L"connected");
            IFaxOutboundRoutingRule_Release(rule);
        }
        ok(!late_group && !late_rule, "objects came out of failed calls\n");
        {
            IFaxOutboundRoutingGroups *late = (void *)0xdeadbeef;
            ok(IFaxOutboundRouting_GetGroups(routing, &late) == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED) && !late,
               "GetGroups after Disconnect\n");
        }
        /* What was read stays readable. */
        ok(IFaxOutboundRoutingGroups_get_Count(groups, &count) == S_OK && count == 2, "Count %ld\n", count);
        ok(IFaxDeviceIds_get_Count(ids, &count) == S_OK && count == 2, "devices %ld\n", count);
        IFaxDeviceIds_Release(ids);
        IFaxOutboundRoutingGroup_Release(group);
    }
    if (routing) IFaxOutboundRouting_Release(routing);
    if (rules) IFaxOutboundRoutingRules_Release(rules);
    if (groups) IFaxOutboundRoutingGroups_Release(groups);
    IFaxServer2_Release(server);
}

/* ---- a user who may only look ---- */

static void test_access_denied(struct fxs_link *admin)
{
    IFaxOutboundRoutingGroups *groups;
    IFaxOutboundRoutingGroup *group = NULL;
    IFaxOutboundRoutingRules *rules;
    IFaxOutboundRoutingRule *rule = NULL;
    IFaxDeviceIds *ids;
    IFaxServer2 *server;
    WCHAR sddl[64];
    LONG count = 0;

    swprintf(sddl, ARRAY_SIZE(sddl), L"O:BAG:BAD:(A;;%#x;;;WD)", farQUERY_CONFIG);
    ok(config_set_security(admin, sddl) == ERROR_SUCCESS, "setting the descriptor\n");
    /* Rights are fixed when a session opens: this FaxServer's session may only read the configuration. */
    if ((server = connected_server()))
    {
        if ((groups = get_groups(server)))
        {
            ok(IFaxOutboundRoutingGroups_get_Count(groups, &count) == S_OK && count == 2, "Count %ld\n", count);
            REFUSED(IFaxOutboundRoutingGroups_Add(groups, (BSTR)L"Forbidden", &group), E_ACCESSDENIED, L"farMANAGE_CONFIG");
            if ((group = group_named(groups, L"Berlin")))
            {
                ids = device_ids_of(group);
                REFUSED(IFaxDeviceIds_SetOrder(ids, 1, 1), E_ACCESSDENIED, L"farMANAGE_CONFIG");
                IFaxDeviceIds_Release(ids);
                IFaxOutboundRoutingGroup_Release(group);
            }
            IFaxOutboundRoutingGroups_Release(groups);
        }
        if ((rules = get_rules(server)))
        {
            REFUSED(IFaxOutboundRoutingRules_RemoveByCountryAndArea(rules, 49, 30), E_ACCESSDENIED, L"farMANAGE_CONFIG");
            if (IFaxOutboundRoutingRules_get_Item(rules, 2, &rule) == S_OK)
            {
                IFaxOutboundRoutingRule_put_DeviceId(rule, 2);
                IFaxOutboundRoutingRule_put_UseDevice(rule, VARIANT_TRUE);
                REFUSED(IFaxOutboundRoutingRule_Save(rule), E_ACCESSDENIED, L"farMANAGE_CONFIG");
                IFaxOutboundRoutingRule_Release(rule);
            }
            IFaxOutboundRoutingRules_Release(rules);
        }
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    ok(config_set_security(admin, L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)") == ERROR_SUCCESS, "restoring the descriptor\n");
}

/* ---- the order honoured when sending ---- */

/* Sends a fax to number and waits for it to end; the device that sent it (0: none). */
static LONG device_that_sent(struct fxs_link *link, const WCHAR *number)
{
    struct event_log log = { 0 };
    ULONGLONG id = 0;
    LONG device = 0;
    DWORD i, error;

    error = submit_fax(link, number, 1, &id);
    ok(error == ERROR_SUCCESS, "submit to %s: %lu\n", wine_dbgstr_w(number), error);
    if (error) return 0;
    ok(wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id), "the fax to %s did not end\n",
       wine_dbgstr_w(number));
    for (i = 0; i < log.count; i++)
        if (is_job_event(&log.events[i], FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id) && log.events[i].job.device_id)
            device = log.events[i].job.device_id;
    ok(!log_has(&log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id) || device, "no device in the job's status\n");
    log_free(&log);
    return device;
}

static void test_device_order(IFaxServer2 *server, struct fxs_link *link)
{
    IFaxOutboundRoutingGroups *groups = get_groups(server);
    IFaxOutboundRoutingGroup *group;
    IFaxDeviceIds *ids;
    LONG device;

    if (!groups) return;
    if ((group = group_named(groups, L"Berlin")))
    {
        ids = device_ids_of(group);
        ok(IFaxDeviceIds_SetOrder(ids, 1, 1) == S_OK, "SetOrder(1, 1)\n");
        expect_event('G');
        device = device_that_sent(link, L"+49 (30) 5550100");
        ok(device == 1, "Berlin first tries device 1, the fax went out on %ld\n", device);
        ok(IFaxDeviceIds_SetOrder(ids, 2, 1) == S_OK, "SetOrder(2, 1)\n");
        expect_event('G');
        device = device_that_sent(link, L"+49 (30) 5550100");
        ok(device == 2, "Berlin first tries device 2, the fax went out on %ld\n", device);
        /* A SetOrder that changes nothing: nothing saved, no event. */
        ok(IFaxDeviceIds_SetOrder(ids, 2, 1) == S_OK, "SetOrder(2, 1) again\n");
        /* Another country: the default rule, "<All Devices>" in its order. */
        device = device_that_sent(link, L"+33 (1) 5550100");
        ok(device == 1, "the default rule: device %ld\n", device);
        IFaxDeviceIds_Release(ids);
        IFaxOutboundRoutingGroup_Release(group);
    }
    IFaxOutboundRoutingGroups_Release(groups);
}

/* ---- another listening process ---- */

struct counting_sink
{
    IDispatch IDispatch_iface;
    LONG refcount;
    LONG count;
    DISPID calls[512];
    HANDLE marker;                  /* set at the marker event */
};

static inline struct counting_sink *counting_impl(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct counting_sink, IDispatch_iface);
}

static HRESULT WINAPI counting_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &DIID_IFaxServerNotify2))
    {
        *obj = iface;
        IDispatch_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI counting_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&counting_impl(iface)->refcount);
}

static ULONG WINAPI counting_Release(IDispatch *iface)
{
    return InterlockedDecrement(&counting_impl(iface)->refcount);
}

static HRESULT WINAPI counting_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    *count = 0;
    return S_OK;
}

static HRESULT WINAPI counting_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI counting_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                             DISPID *ids)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI counting_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                      DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct counting_sink *sink = counting_impl(iface);
    LONG index = InterlockedIncrement(&sink->count) - 1;

    if (index < ARRAY_SIZE(sink->calls)) sink->calls[index] = member;
    if (member == MARKER_EVENT) SetEvent(sink->marker);
    return S_OK;
}

static const IDispatchVtbl counting_vtbl =
{
    counting_QueryInterface, counting_AddRef, counting_Release, counting_GetTypeInfoCount, counting_GetTypeInfo,
    counting_GetIDsOfNames, counting_Invoke,
};

static void child_name(WCHAR *name, DWORD parent)
{
    swprintf(name, 64, L"fxscomex-outbound_routing-ready-%lu", parent);
}

/* The listening process: every configuration event until the marker, as "GRG..." in file. */
static void child_main(DWORD parent, const char *file)
{
    struct counting_sink sink = { { &counting_vtbl }, 1 };
    IConnectionPointContainer *container;
    IConnectionPoint *point = NULL;
    IFaxServer2 *server;
    WCHAR name[64];
    HANDLE ready;
    DWORD cookie = 0;
    LONG i;
    FILE *out;

    child_name(name, parent);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    sink.marker = CreateEventW(NULL, TRUE, FALSE, NULL);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (ready && (server = connected_server()))
    {
        if (SUCCEEDED(IFaxServer2_QueryInterface(server, &IID_IConnectionPointContainer, (void **)&container)))
        {
            IConnectionPointContainer_FindConnectionPoint(container, &DIID_IFaxServerNotify2, &point);
            IConnectionPointContainer_Release(container);
        }
        ok(point && IConnectionPoint_Advise(point, (IUnknown *)&sink.IDispatch_iface, &cookie) == S_OK, "Advise\n");
        ok(IFaxServer2_ListenToServerEvents(server, fsetCONFIG) == S_OK, "ListenToServerEvents\n");
        SetEvent(ready);
        ok(WaitForSingleObject(sink.marker, 300000) == WAIT_OBJECT_0, "the marker event never came\n");
        if ((out = fopen(file, "w")))
        {
            for (i = 0; i < sink.count && i < ARRAY_SIZE(sink.calls); i++)
                fputc(sink.calls[i] == GROUPS_EVENT ? 'G' : sink.calls[i] == RULES_EVENT ? 'R' :
                      sink.calls[i] == MARKER_EVENT ? 'M' : '?', out);
            fclose(out);
        }
        IFaxServer2_ListenToServerEvents(server, fsetNONE);
        if (point)
        {
            IConnectionPoint_Unadvise(point, cookie);
            IConnectionPoint_Release(point);
        }
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    CoUninitialize();
}

static HANDLE start_child(const char *file)
{
    return start_self("child %lu \"%s\"", GetCurrentProcessId(), file);
}

/* The end of the changes: a change of the outgoing queue's settings. */
static void send_marker(IFaxServer2 *server)
{
    IFaxFolders *folders = NULL;
    IFaxOutgoingQueue *queue = NULL;
    LONG retries = 0;

    IFaxServer2_get_Folders(server, &folders);
    if (folders && IFaxFolders_get_OutgoingQueue(folders, &queue) == S_OK)
    {
        IFaxOutgoingQueue_get_Retries(queue, &retries);
        IFaxOutgoingQueue_put_Retries(queue, retries + 1);
        ok(IFaxOutgoingQueue_Save(queue) == S_OK, "saving the outgoing queue\n");
        IFaxOutgoingQueue_Release(queue);
    }
    if (folders) IFaxFolders_Release(folders);
}

/* ---- the whole run ---- */

START_TEST(outbound_routing)
{
    struct stored before_restart, after_restart;
    char file[MAX_PATH], heard[1024] = "";
    WCHAR root[MAX_PATH], ready_name[64];
    HANDLE ready, child;
    IFaxServer2 *server;
    DWORD code = 1;
    FILE *in;

    if (winetest_argc >= 4 && !strcmp(winetest_argv[1], "child"))
    {
        child_main(strtoul(winetest_argv[2], NULL, 10), winetest_argv[3]);
        return;
    }
    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-outbound_routing", root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"100");
    GetTempPathA(sizeof(file), file);
    snprintf(file + strlen(file), sizeof(file) - strlen(file), "fxscomex-outbound-%lu.txt", GetCurrentProcessId());
    child_name(ready_name, GetCurrentProcessId());
    ready = CreateEventW(NULL, FALSE, FALSE, ready_name);

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (!(server = connected_server()) || !(routing_link = start_listening()))
    {
        CoUninitialize();
        return;
    }
    child = start_child(file);
    ok(child != NULL, "the listening process did not start: %lu\n", GetLastError());
    ok(WaitForSingleObject(ready, 60000) == WAIT_OBJECT_0, "the listening process did not start listening\n");

    test_routing_object(server);
    test_groups(server);
    test_groups_by_name(server);
    test_groups_bad_input(server);
    test_rules(server);
    test_rules_by_name(server);
    test_rules_bad_input(server);
    test_device_order(server, routing_link);
    test_disconnected();

    /* Each change heard exactly once, nothing for what changed nothing. */
    send_marker(server);
    ok(child && WaitForSingleObject(child, 120000) == WAIT_OBJECT_0, "the listening process did not end\n");
    if (child) GetExitCodeProcess(child, &code);
    ok(code == 0, "the listening process failed %lu checks\n", code);
    if ((in = fopen(file, "r")))
    {
        if (!fgets(heard, sizeof(heard), in)) heard[0] = 0;
        fclose(in);
    }
    expect_event('M');
    ok(!strcmp(heard, expected_events), "the other process heard \"%s\",\nexpected \"%s\"\n", heard, expected_events);
    trace("%Iu changes heard in another process\n", strlen(expected_events) - 1);
    test_access_denied(routing_link);

    /* Kept across a restart of the service. */
    stored_read(routing_link, &before_restart);
    fxs_link_close(routing_link);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
    ok(stop_service(), "the service did not stop\n");
    if ((server = connected_server()))
    {
        if ((routing_link = start_listening()))
        {
            char text[64];
            stored_read(routing_link, &after_restart);
            ok(stored_same(&before_restart, &after_restart), "the routing changed across a restart\n");
            ok(groups_count(server) == 2 && rules_count(server) == 2, "after the restart: %ld groups, %ld rules\n",
               groups_count(server), rules_count(server));
            fresh_ids_text(server, L"Berlin", text, sizeof(text));
            ok(!strcmp(text, "2,1"), "Berlin after the restart: %s\n", text);
            stored_free(&after_restart);
            fxs_link_close(routing_link);
        }
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    stored_free(&before_restart);
    ok(dll_can_unload() == S_OK, "an object of fxscomex.dll is still alive\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    if (child) CloseHandle(child);
    CloseHandle(ready);
    DeleteFileA(file);
    remove_folder(root);
}
