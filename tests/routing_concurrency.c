/*
 * Two processes editing the outbound routing at once (issue 5: "concurrent routing edits can
 * lose one"). Each edit of the routing objects reads a whole class from the service, changes it
 * and writes it back; the write carries the revision of what was read (include/fxs_revision.h),
 * the service refuses it when the class changed in between, and the library makes the edit anew.
 *
 * - the service's side over RPC: a write made on a stale read is refused with
 *   ERROR_REVISION_MISMATCH and changes nothing; one made on the current class is taken; a
 *   revision that is no number is refused; a write without one is taken as before;
 * - two client processes, started together, each add EDITS groups (with a device) and a rule
 *   for each through FaxOutboundRoutingGroups.Add, FaxDeviceIds.Add and
 *   FaxOutboundRoutingRules.Add, then remove them all again: every edit of both is there, then
 *   every one is gone.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fax_objects.h"
#include "config_edit.h"
#include "fxs_revision.h"
#include "child_process.h"

#define EDITS 12                /* groups (and rules) each client process adds */
#define CLIENTS 2

/* The events of the run: "start" and "remove" the parent sets, "added<n>" client n sets. */
static void event_name(WCHAR name[64], DWORD parent, const WCHAR *what)
{
    swprintf(name, 64, L"fxscomex-routing-concurrency-%lu-%ls", parent, what);
}

static BSTR group_name(int client, int i)
{
    WCHAR name[64];
    swprintf(name, ARRAY_SIZE(name), L"Client %d group %d", client, i);
    return SysAllocString(name);
}

/* Country codes of a client's rules: 100 apart. */
static LONG rule_country(int client, int i)
{
    return 100 * (client + 1) + i;
}

static IFaxOutboundRouting *get_routing(IFaxServer2 *server)
{
    IFaxOutboundRouting *routing = NULL;
    ok(IFaxServer2_get_OutboundRouting(server, &routing) == S_OK, "OutboundRouting\n");
    return routing;
}

/* ---- the child: its edits, as fast as it can ---- */

static void client_main(DWORD parent, int client)
{
    IFaxOutboundRoutingGroups *groups = NULL;
    IFaxOutboundRoutingRules *rules = NULL;
    IFaxOutboundRoutingGroup *group;
    IFaxOutboundRoutingRule *rule;
    IFaxOutboundRouting *routing;
    IFaxDeviceIds *ids;
    IFaxServer2 *server;
    WCHAR name[64];
    HANDLE start, added, remove;
    VARIANT index;
    HRESULT hr;
    int i;

    event_name(name, parent, L"start");
    start = OpenEventW(SYNCHRONIZE, FALSE, name);
    event_name(name, parent, L"remove");
    remove = OpenEventW(SYNCHRONIZE, FALSE, name);
    event_name(name, parent, client ? L"added1" : L"added0");
    added = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    ok(start && remove && added, "the parent's events are missing\n");
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (!start || !remove || !added || !(server = connected_server())) return;
    if ((routing = get_routing(server)))
    {
        IFaxOutboundRouting_GetGroups(routing, &groups);
        IFaxOutboundRouting_GetRules(routing, &rules);
        IFaxOutboundRouting_Release(routing);
    }
    ok(groups && rules, "GetGroups, GetRules\n");
    ok(WaitForSingleObject(start, 60000) == WAIT_OBJECT_0, "never started\n");
    for (i = 0; groups && rules && i < EDITS; i++)
    {
        BSTR text = group_name(client, i);

        group = NULL;
        hr = IFaxOutboundRoutingGroups_Add(groups, text, &group);
        ok(hr == S_OK, "client %d: Add(%s): %#lx\n", client, wine_dbgstr_w(text), hr);
        if (group && IFaxOutboundRoutingGroup_get_DeviceIds(group, &ids) == S_OK)
        {
            hr = IFaxDeviceIds_Add(ids, 1 + (i % 2));
            ok(hr == S_OK, "client %d: DeviceIds.Add: %#lx\n", client, hr);
            IFaxDeviceIds_Release(ids);
        }
        if (group) IFaxOutboundRoutingGroup_Release(group);
        rule = NULL;
        hr = IFaxOutboundRoutingRules_Add(rules, rule_country(client, i), 0, VARIANT_FALSE, text, 0, &rule);
        ok(hr == S_OK, "client %d: Rules.Add(%ld): %#lx\n", client, rule_country(client, i), hr);
        if (rule) IFaxOutboundRoutingRule_Release(rule);
        SysFreeString(text);
    }
    /* Then all of it goes again, once the parent counted: the rules first (a group a rule uses
     * cannot go). */
    SetEvent(added);
    ok(WaitForSingleObject(remove, 60000) == WAIT_OBJECT_0, "never told to remove\n");
    for (i = 0; groups && rules && i < EDITS; i++)
    {
        hr = IFaxOutboundRoutingRules_RemoveByCountryAndArea(rules, rule_country(client, i), 0);
        ok(hr == S_OK, "client %d: RemoveByCountryAndArea(%ld): %#lx\n", client, rule_country(client, i), hr);
        V_VT(&index) = VT_BSTR;
        V_BSTR(&index) = group_name(client, i);
        hr = IFaxOutboundRoutingGroups_Remove(groups, index);
        ok(hr == S_OK, "client %d: Remove(%s): %#lx\n", client, wine_dbgstr_w(V_BSTR(&index)), hr);
        VariantClear(&index);
    }
    if (groups) IFaxOutboundRoutingGroups_Release(groups);
    if (rules) IFaxOutboundRoutingRules_Release(rules);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
    CoUninitialize();
    CloseHandle(start);
    CloseHandle(remove);
    CloseHandle(added);
}

/* ---- the service's side ---- */

enum revision_given { NO_REVISION, REVISION, BAD_REVISION };

/* Sets the groups as base has them (with one group more when add_group), with a revision. */
static DWORD set_groups(struct fxs_link *link, const record *base, BOOL add_group, enum revision_given given,
                        uint64_t revision)
{
    record *edited = NULL;
    const uint8_t *value;
    const char *name;
    uint8_t *data = NULL;
    size_t i, size;
    DWORD status = ERROR_OUTOFMEMORY;

    if (record_create(record_kind(base), &edited)) return status;
    for (i = 0; i < record_count(base); i++)
    {
        record_field(base, i, &name, &value, &size);
        if (strcmp(name, "count")) record_add_bytes(edited, name, value, size);
    }
    record_add_string(edited, "count", add_group ? "2" : "1");
    if (add_group)
    {
        record_add_string(edited, "group.1.name", "Revision test");
        record_add_string(edited, "group.1.devices", "1");
    }
    if (given == REVISION) record_add_u64(edited, FXS_REVISION_KEY, revision);
    if (given == BAD_REVISION) record_add_string(edited, FXS_REVISION_KEY, "yesterday");
    if (!record_serialize(edited, &data, &size))
        status = fxs_rpc_set_config(fxs_link_session(link), FXS_CONFIG_OUT_GROUPS, (DWORD)size, data);
    free(data);
    record_free(edited);
    return status;
}

/* The groups class as read: parsed, its bytes and their revision. */
static record *read_groups(struct fxs_link *link, uint64_t *revision, BYTE **bytes, DWORD *size)
{
    record *rec = NULL;

    *bytes = NULL;
    *size = 0;
    if (fxs_rpc_get_config(fxs_link_session(link), FXS_CONFIG_OUT_GROUPS, size, bytes)) return NULL;
    *revision = fxs_config_revision(*bytes, *size);
    record_parse(*bytes, *size, &rec);
    return rec;
}

static void test_stale_write(struct fxs_link *link)
{
    uint64_t first_revision, revision, revision_after;
    BYTE *bytes = NULL, *after = NULL;
    DWORD size, after_size, status;
    record *first, *rec;

    if (!(first = read_groups(link, &first_revision, &bytes, &size))) return;
    free(bytes);
    ok(!strcmp((const char *)record_kind(first), "config.out_groups"), "kind %s\n", record_kind(first));
    status = set_groups(link, first, FALSE, REVISION, first_revision);
    ok(status == ERROR_SUCCESS, "unchanged, with the current revision: %lu\n", status);
    status = set_groups(link, first, TRUE, REVISION, first_revision);
    ok(status == ERROR_SUCCESS, "a group added on the current class: %lu\n", status);

    /* Made on what was read before that change: refused, nothing changed. */
    record_free(read_groups(link, &revision, &bytes, &size));
    ok(revision != first_revision, "the revision did not change with the class\n");
    status = set_groups(link, first, FALSE, REVISION, first_revision);
    ok(status == ERROR_REVISION_MISMATCH, "a write on a stale read: %lu, expected ERROR_REVISION_MISMATCH\n", status);
    record_free(read_groups(link, &revision_after, &after, &after_size));
    ok(after && after_size == size && !memcmp(after, bytes, size), "a refused write changed the groups\n");
    free(after);
    status = set_groups(link, first, FALSE, BAD_REVISION, 0);
    ok(status == ERROR_INVALID_PARAMETER, "a revision that is no number: %lu\n", status);

    /* Without a revision the write is taken as before (the last one wins). */
    status = set_groups(link, first, FALSE, NO_REVISION, 0);
    ok(status == ERROR_SUCCESS, "a write without a revision: %lu\n", status);
    rec = read_groups(link, &revision, &after, &after_size);
    ok(revision == first_revision, "the groups are not as first read again\n");
    free(after);
    free(bytes);
    record_free(rec);
    record_free(first);
}

/* ---- two clients at once ---- */

static LONG group_count(IFaxServer2 *server, LONG *rule_count)
{
    IFaxOutboundRouting *routing = get_routing(server);
    IFaxOutboundRoutingGroups *groups = NULL;
    IFaxOutboundRoutingRules *rules = NULL;
    LONG count = -1;

    *rule_count = -1;
    if (!routing) return -1;
    if (IFaxOutboundRouting_GetGroups(routing, &groups) == S_OK)
    {
        IFaxOutboundRoutingGroups_get_Count(groups, &count);
        IFaxOutboundRoutingGroups_Release(groups);
    }
    if (IFaxOutboundRouting_GetRules(routing, &rules) == S_OK)
    {
        IFaxOutboundRoutingRules_get_Count(rules, rule_count);
        IFaxOutboundRoutingRules_Release(rules);
    }
    IFaxOutboundRouting_Release(routing);
    return count;
}

/* Every group both clients added, each with its device, and a rule for each. */
static void check_all_added(IFaxServer2 *server)
{
    IFaxOutboundRouting *routing = get_routing(server);
    IFaxOutboundRoutingGroups *groups = NULL;
    IFaxOutboundRoutingGroup *group;
    IFaxOutboundRoutingRules *rules = NULL;
    IFaxOutboundRoutingRule *rule;
    IFaxDeviceIds *ids;
    LONG count = -1, wrong = 0, device;
    VARIANT index;
    BSTR text;
    int client, i;

    if (!routing) return;
    IFaxOutboundRouting_GetGroups(routing, &groups);
    IFaxOutboundRouting_GetRules(routing, &rules);
    IFaxOutboundRouting_Release(routing);
    if (!groups || !rules) return;
    IFaxOutboundRoutingGroups_get_Count(groups, &count);
    ok(count == 1 + CLIENTS * EDITS, "%ld groups, expected %d\n", count, 1 + CLIENTS * EDITS);
    IFaxOutboundRoutingRules_get_Count(rules, &count);
    ok(count == 1 + CLIENTS * EDITS, "%ld rules, expected %d\n", count, 1 + CLIENTS * EDITS);
    for (client = 0; client < CLIENTS; client++)
        for (i = 0; i < EDITS; i++)
        {
            V_VT(&index) = VT_BSTR;
            V_BSTR(&index) = group_name(client, i);
            group = NULL;
            device = 0;
            if (IFaxOutboundRoutingGroups_get_Item(groups, index, &group) == S_OK &&
                IFaxOutboundRoutingGroup_get_DeviceIds(group, &ids) == S_OK)
            {
                if (IFaxDeviceIds_get_Item(ids, 1, &device) != S_OK) device = 0;
                IFaxDeviceIds_Release(ids);
            }
            if (group) IFaxOutboundRoutingGroup_Release(group);
            rule = NULL;
            text = NULL;
            if (IFaxOutboundRoutingRules_ItemByCountryAndArea(rules, rule_country(client, i), 0, &rule) == S_OK)
                IFaxOutboundRoutingRule_get_GroupName(rule, &text);
            if (rule) IFaxOutboundRoutingRule_Release(rule);
            if (device != 1 + (i % 2) || !text || wcscmp(text, V_BSTR(&index)))
            {
                wrong++;
                trace("%s: device %ld, rule to %s\n", wine_dbgstr_w(V_BSTR(&index)), device, wine_dbgstr_w(text));
            }
            SysFreeString(text);
            VariantClear(&index);
        }
    ok(!wrong, "%ld groups or rules lost or wrong\n", wrong);
    IFaxOutboundRoutingGroups_Release(groups);
    IFaxOutboundRoutingRules_Release(rules);
}

static void test_two_clients(IFaxServer2 *server, struct fxs_link *link)
{
    WCHAR name[64];
    HANDLE start, remove, added[CLIENTS], client[CLIENTS];
    DWORD code, i;
    LONG groups, rules;
    double begun;
    int started = 0;

    event_name(name, GetCurrentProcessId(), L"start");
    start = CreateEventW(NULL, TRUE, FALSE, name);
    event_name(name, GetCurrentProcessId(), L"remove");
    remove = CreateEventW(NULL, TRUE, FALSE, name);
    for (i = 0; i < CLIENTS; i++)
    {
        event_name(name, GetCurrentProcessId(), i ? L"added1" : L"added0");
        added[i] = CreateEventW(NULL, TRUE, FALSE, name);
    }
    for (i = 0; i < CLIENTS; i++)
    {
        if (!(client[i] = start_self("client %lu %lu", GetCurrentProcessId(), i))) break;
        started++;
    }
    ok(started == CLIENTS, "%d client processes started\n", started);
    Sleep(3000);    /* each connects and has its objects: then they start together */
    begun = now_ms();
    SetEvent(start);
    if (started == CLIENTS)
    {
        ok(WaitForMultipleObjects(CLIENTS, added, TRUE, 300000) == WAIT_OBJECT_0, "the clients did not add\n");
        trace("%d clients added %d groups with a device and %d rules each in %.1f s\n", CLIENTS, EDITS, EDITS,
              (now_ms() - begun) / 1000);
        check_all_added(server);
    }
    SetEvent(remove);
    for (i = 0; i < (DWORD)started; i++)
    {
        ok(WaitForSingleObject(client[i], 300000) == WAIT_OBJECT_0, "client %lu did not end\n", i);
        code = 1;
        GetExitCodeProcess(client[i], &code);
        ok(code == 0, "client %lu failed %lu checks\n", i, code);
        CloseHandle(client[i]);
    }
    /* Every group and rule both added went again: only "<All Devices>" and the default rule. */
    groups = group_count(server, &rules);
    ok(groups == 1 && rules == 1, "%ld groups and %ld rules left, expected 1 and 1\n", groups, rules);
    CloseHandle(start);
    CloseHandle(remove);
    for (i = 0; i < CLIENTS; i++) CloseHandle(added[i]);
}

static void tests(IFaxServer2 *server, struct fxs_link *link)
{
    test_stale_write(link);
    test_two_clients(server, link);
}

static void after(void)
{
}

START_TEST(routing_concurrency)
{
    if (winetest_argc >= 4 && !strcmp(winetest_argv[1], "client"))
    {
        client_main(strtoul(winetest_argv[2], NULL, 10), atoi(winetest_argv[3]));
        return;
    }
    run_against_service(L"fxscomex-routing-concurrency", L"1000", tests, after);
}
