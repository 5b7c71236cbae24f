/*
 * What the fax service reports to the Windows event log, at the levels FaxEventLogging sets.
 *
 * Wine cannot read an event log back: OpenEventLog is a stub and ReadEventLog fails with
 * ERROR_HANDLE_EOF (test_wine_cannot_read_back says so in its trace, and says when that changes);
 * Wine only traces each ReportEvent on its "eventlog" debug channel, on the unix standard error a
 * program cannot redirect for its children. So the service, with its test hooks on, also writes
 * each entry it gave ReportEvent, and ReportEvent's result, to a file (FXSSVC_EVENT_LOG_COPY):
 * this test reads that and checks which entries the levels let through.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "fax_objects.h"

struct entry
{
    unsigned int type, category, id;
};

static WCHAR trace_file[MAX_PATH];    /* the service's copy of its entries */

/* The entries of the copy: "type category id reported text" per line. */
static unsigned int read_entries(struct entry *entries, unsigned int max)
{
    char path[MAX_PATH], text[1024];
    unsigned int count = 0;
    int reported;
    FILE *in;

    WideCharToMultiByte(CP_ACP, 0, trace_file, -1, path, sizeof(path), NULL, NULL);
    if (!(in = fopen(path, "r"))) return 0;
    while (count < max && fgets(text, sizeof(text), in))
    {
        if (sscanf(text, "%u %u %u %d", &entries[count].type, &entries[count].category, &entries[count].id,
                   &reported) != 4)
            continue;
        ok(reported == 1, "ReportEvent failed for %s", text);
        trace("%s", text);
        count++;
    }
    fclose(in);
    return count;
}

static unsigned int count_entries(const struct entry *entries, unsigned int count, unsigned int category,
                                  unsigned int id)
{
    unsigned int i, found = 0;
    for (i = 0; i < count; i++) found += entries[i].category == category && entries[i].id == id;
    return found;
}

/* Sends a one-page fax from device 1 to device 2 and waits until both ends are done. */
static void send_fax(struct fxs_link *link)
{
    struct event_log log = { 0 };
    ULONGLONG id = 0;

    ok(submit_fax(link, L"1002", 1, &id) == ERROR_SUCCESS, "submit failed\n");
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "the fax was not sent\n");
    ok(wait_for(link, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "the fax was not received\n");
    log_free(&log);
}

/* Sends a fax to a number that is always busy ("9000") and waits until the job has failed for good,
 * after its retries. */
static void send_failing_fax(struct fxs_link *link)
{
    struct event_log log = { 0 };
    const fxs_event *event = NULL;
    double deadline = now_ms() + 2 * EVENT_WAIT_MS;
    ULONGLONG id = 0;

    ok(submit_fax(link, L"9000", 1, &id) == ERROR_SUCCESS, "submit failed\n");
    while (!((event = last_status(&log, FXS_EVENT_OUT_QUEUE, id)) &&
             (event->job.status & (fjsFAILED | fjsRETRIES_EXCEEDED))) && now_ms() < deadline)
        pull_into(link, &log, 1000);
    ok(event && (event->job.status & (fjsFAILED | fjsRETRIES_EXCEEDED)), "the fax to 9000 did not fail\n");
    ok(event && event->job.retries == 3, "%ld retries\n", event ? event->job.retries : -1);
    log_free(&log);
}

static void set_levels(IFaxServer2 *server, LONG init, LONG inbound, LONG outbound, LONG general)
{
    IFaxLoggingOptions *options = NULL;
    IFaxEventLogging *logging = NULL;

    ok(IFaxServer2_get_LoggingOptions(server, &options) == S_OK, "LoggingOptions failed\n");
    if (options) IFaxLoggingOptions_get_EventLogging(options, &logging);
    if (logging)
    {
        ok(IFaxEventLogging_put_InitEventsLevel(logging, init) == S_OK, "InitEventsLevel\n");
        ok(IFaxEventLogging_put_InboundEventsLevel(logging, inbound) == S_OK, "InboundEventsLevel\n");
        ok(IFaxEventLogging_put_OutboundEventsLevel(logging, outbound) == S_OK, "OutboundEventsLevel\n");
        ok(IFaxEventLogging_put_GeneralEventsLevel(logging, general) == S_OK, "GeneralEventsLevel\n");
        ok(IFaxEventLogging_Save(logging) == S_OK, "Save failed\n");
        IFaxEventLogging_Release(logging);
    }
    if (options) IFaxLoggingOptions_Release(options);
}

/* Wine's event log: written to its debug channel, never read back. */
static void test_wine_cannot_read_back(void)
{
    HANDLE log = OpenEventLogW(NULL, L"Application");
    BYTE buffer[4096];
    DWORD read = 0, needed = 0;
    BOOL done;

    if (!log)
    {
        skip("no Application event log\n");
        return;
    }
    done = ReadEventLogW(log, EVENTLOG_SEQUENTIAL_READ | EVENTLOG_BACKWARDS_READ, 0, buffer, sizeof(buffer), &read,
                         &needed);
    if (!done && GetLastError() == ERROR_HANDLE_EOF && !read)
        trace("ReadEventLog cannot read the event log back here (Wine): the entries are read from the service's copy\n");
    else
        trace("ReadEventLog read %lu bytes: this system keeps an event log\n", read);
    CloseEventLog(log);
}

static void test_levels(void)
{
    struct entry entries[256];
    IFaxServer2 *server;
    struct fxs_link *link = NULL;
    unsigned int count;

    if (!(server = connected_server()) || open_link(NULL, 0, TRUE, &link))
    {
        ok(0, "no session with the service\n");
        if (server) IFaxServer2_Release(server);
        return;
    }
    ok(fxs_link_subscribe(link, FXS_EVENT_ALL) == ERROR_SUCCESS && fxs_link_open_events(link) == ERROR_SUCCESS,
       "subscribing failed\n");

    /* The defaults (fllMIN everywhere): errors only; a fax sent and received reports nothing, one
     * that fails for good (after its retries, warnings) reports its error. */
    send_fax(link);
    send_failing_fax(link);
    /* Everything from the start and the sending side, nothing of what is received, the general
     * category's information (this Save is a configuration change). */
    set_levels(server, fllMAX, fllNONE, fllMAX, fllMAX);
    send_fax(link);
    /* Outbound off, inbound's information on, general errors only. */
    set_levels(server, fllMAX, fllMAX, fllNONE, fllMIN);
    send_fax(link);
    /* Outbound errors and warnings: a busy number's three retries and its failure. */
    set_levels(server, fllMAX, fllMAX, fllMED, fllMIN);
    send_failing_fax(link);

    fxs_link_close(link);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
    ok(stop_service(), "the service did not stop\n");
    /* Started again with the levels kept: the start is reported now, and the stop once more. */
    if ((server = connected_server()))
    {
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    ok(stop_service(), "the service did not stop\n");

    count = read_entries(entries, ARRAY_SIZE(entries));
    trace("%u event log entries\n", count);
    /* The first start came before the levels were raised: only the second is reported; both stops. */
    ok(count_entries(entries, count, 1, 1) == 1, "%u start entries\n", count_entries(entries, count, 1, 1));
    ok(count_entries(entries, count, 1, 2) == 2, "%u stop entries\n", count_entries(entries, count, 1, 2));
    /* One fax sent at outbound fllMAX; none of the others. */
    ok(count_entries(entries, count, 3, 3) == 1, "%u sent entries\n", count_entries(entries, count, 3, 3));
    /* One fax received at inbound fllMAX. */
    ok(count_entries(entries, count, 2, 6) == 1, "%u received entries\n", count_entries(entries, count, 2, 6));
    /* The second Save's configuration event, at general fllMAX (the first was made at fllMIN, and
     * the third set general to fllMIN before its event). */
    ok(count_entries(entries, count, 4, 8) == 1, "%u configuration entries\n", count_entries(entries, count, 4, 8));
    /* Each failed fax's error (at outbound fllMIN, then fllMED); the retries of the second only,
     * warnings, which fllMIN leaves out. */
    ok(count_entries(entries, count, 3, 5) == 2, "%u failure entries\n", count_entries(entries, count, 3, 5));
    ok(count_entries(entries, count, 3, 4) == 3, "%u retry entries\n", count_entries(entries, count, 3, 4));
    ok(count == 11, "%u entries in all, expected 11\n", count);
}

START_TEST(event_log)
{
    WCHAR root[MAX_PATH];

    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-event-log", root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");
    GetTempPathW(ARRAY_SIZE(trace_file), trace_file);
    swprintf(trace_file + wcslen(trace_file), MAX_PATH - wcslen(trace_file), L"fxscomex-event-log-%lu.txt",
             GetCurrentProcessId());
    DeleteFileW(trace_file);
    service_environment(FXSSVC_ENV_TEST_HOOKS, L"1");
    service_environment(FXSSVC_ENV_EVENT_LOG_COPY, trace_file);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    test_wine_cannot_read_back();
    test_levels();
    CoUninitialize();
    DeleteFileW(trace_file);
    remove_folder(root);
}
