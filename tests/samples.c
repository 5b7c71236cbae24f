/*
 * Runs the compiled samples of samples/ (built next to the DLL, in <build>/<arch>/samples/) against
 * a real fax service and checks what they print and their exit codes: send_fax.c (C, a sink in a
 * single-threaded apartment), send_fax_cxx.cpp (C++ against the generated faxcomex.h, a sink in
 * the multithreaded apartment), legacy_events.c (a sink on the XP interface IFaxServerNotify,
 * typelib-driven as Microsoft's samples are) and make demo's watch_fax.c. Each refuses a bad command
 * line and sends a fax to the other virtual device; the send_fax ones also to a number nobody
 * answers. The C and legacy samples of the other bitness run too, with this bitness's service,
 * where such programs run.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "program_run.h"

static WCHAR samples_dir[MAX_PATH], body_path[MAX_PATH];

/* <build>\<arch>\samples, of this bitness or the other one. */
static BOOL find_samples(BOOL other)
{
    WCHAR *slash;

    wcscpy(samples_dir, test_dll_path());
    if (!(slash = wcsrchr(samples_dir, '\\'))) return FALSE;
    *slash = 0;
    if (other && (slash = wcsrchr(samples_dir, '\\')))
        wcscpy(slash + 1, sizeof(void *) == 8 ? L"i686" : L"x86_64");
    wcscat(samples_dir, L"\\samples");
    return GetFileAttributesW(samples_dir) != INVALID_FILE_ATTRIBUTES;
}

/* Runs samples\<exe> with arguments. */
static struct run run_sample(const WCHAR *exe, const WCHAR *arguments)
{
    WCHAR line[MAX_PATH * 3];
    struct running running;
    BOOL started;

    swprintf(line, ARRAY_SIZE(line), L"\"%ls\\%ls\" %ls", samples_dir, exe, arguments);
    started = program_start(&running, exe, line);
    return program_finish(&running, started);
}

/* The job id a sample printed in "submitted job <id> to <number>", or "" */
static void submitted_id(const struct run *run, char id[17])
{
    const char *at = strstr(run->out, "submitted job ");

    memset(id, 0, 17);
    if (at) memcpy(id, at + strlen("submitted job "), 16);
    ok(at && strlen(id) == 16 && strspn(id, "0123456789ABCDEF") == 16, "no job id in:\n%s\n", run->out);
}

/* Runs a sample that sends the fax body to number (NULL: its default), checks its exit code and
 * that it printed nothing on stderr; the id of the job it submitted in id. */
static struct run send_with(const WCHAR *exe, const WCHAR *number, int code, char id[17])
{
    WCHAR arguments[MAX_PATH + 16];
    struct run run;

    swprintf(arguments, ARRAY_SIZE(arguments), L"\"%ls\" %ls", body_path, number ? number : L"");
    run = run_sample(exe, arguments);
    ok(run.code == code, "%s to %s: exit code %d\nstdout:\n%s\nstderr:\n%s\n", wine_dbgstr_w(exe),
       wine_dbgstr_w(number), run.code, run.out, run.err);
    ok(!*run.err, "%s: stderr \"%s\"\n", wine_dbgstr_w(exe), run.err);
    submitted_id(&run, id);
    return run;
}

static void check_usage(const WCHAR *exe, const char *usage)
{
    struct run run = run_sample(exe, L"");

    ok(run.code == 2, "%s without arguments: exit code %d\n", wine_dbgstr_w(exe), run.code);
    ok(strstr(run.err, usage) != NULL, "%s: stderr \"%s\"\n", wine_dbgstr_w(exe), run.err);
    ok(!*run.out, "%s: stdout \"%s\"\n", wine_dbgstr_w(exe), run.out);
    run_free(&run);
}

/* send_fax.exe and send_fax_cxx.exe print the same lines: its job queued, its statuses, archived,
 * out of the queue, and the verdict. */
static void check_send_fax(const WCHAR *exe)
{
    char id[17], line[128];
    struct run run;

    winetest_push_context("%s", wine_dbgstr_w(exe));
    run = send_with(exe, L"1002", 0, id);
    snprintf(line, sizeof(line), "submitted job %s to 1002", id);
    check_line(run.out, line);
    snprintf(line, sizeof(line), "job %s: status 0x2, page 1 of 1", id);       /* fjsINPROGRESS */
    check_line(run.out, line);
    snprintf(line, sizeof(line), "job %s: status 0x100, page 1 of 1", id);     /* fjsCOMPLETED */
    check_line(run.out, line);
    snprintf(line, sizeof(line), "message %s archived", id);
    check_line(run.out, line);
    snprintf(line, sizeof(line), "job %s left the queue", id);
    check_line(run.out, line);
    ok(strstr(run.out, "left the queue\r\nthe fax was sent\r\n") || strstr(run.out, "left the queue\nthe fax was sent\n"),
       "the verdict is not the last line:\n%s\n", run.out);
    run_free(&run);

    /* Nobody answers 9002: the job fails after its retries, and stays in the queue. */
    run = send_with(exe, L"9002", 1, id);
    check_line(run.out, "the fax was not sent");
    ok(!strstr(run.out, " archived"), "a failed fax was archived:\n%s\n", run.out);
    run_free(&run);
    winetest_pop_context();
}

static void test_send_fax(void)
{
    check_usage(L"send_fax.exe", "usage: send_fax.exe BODY.tif NUMBER");
    check_send_fax(L"send_fax.exe");
}

static void test_send_fax_cxx(void)
{
    check_usage(L"send_fax_cxx.exe", "usage: send_fax_cxx.exe BODY.tif NUMBER");
    check_send_fax(L"send_fax_cxx.exe");
}

/* Every event with its parameters' names from the type library, and the arguments' values in the
 * declared types. */
static void test_legacy_events(void)
{
    char id[17], line[256];
    struct run run;

    check_usage(L"legacy_events.exe", "usage: legacy_events.exe BODY.tif NUMBER");
    run = send_with(L"legacy_events.exe", L"1002", 0, id);
    snprintf(line, sizeof(line), "OnOutgoingJobAdded(pFaxServer = FaxServer, bstrJobId = \"%s\")", id);
    check_line(run.out, line);
    snprintf(line, sizeof(line), "OnOutgoingJobChanged(pFaxServer = FaxServer, bstrJobId = \"%s\", "
             "pJobStatus = FaxJobStatus(0x100))", id);
    check_line(run.out, line);
    snprintf(line, sizeof(line), "OnOutgoingJobRemoved(pFaxServer = FaxServer, bstrJobId = \"%s\")", id);
    check_line(run.out, line);
    check_line(run.out, "OnDeviceStatusChange(pFaxServer = FaxServer, lDeviceId = 1, bPoweredOff = False, "
               "bSending = True, bReceiving = False, bRinging = False)");
    ok(strstr(run.out, "OnNewCall(pFaxServer = FaxServer, lCallId = ") != NULL, "no OnNewCall:\n%s\n", run.out);
    ok(strstr(run.out, "OnIncomingJobAdded(pFaxServer = FaxServer, bstrJobId = \"") != NULL,
       "no OnIncomingJobAdded:\n%s\n", run.out);
    ok(!strstr(run.out, "(type "), "an argument of an unexpected type:\n%s\n", run.out);
    check_line(run.out, "the fax was sent");
    run_free(&run);
}

/* watch_fax.exe (make demo's): every event of a fax sent and received, with its time. */
static void test_watch_fax(void)
{
    static const char *const events[] =
    {
        "  OnOutgoingJobChanged(\"", "  OnDeviceStatusChange(1, False, True, False, False)", "  OnNewCall(",
        "  OnIncomingJobAdded(\"", "  OnIncomingJobChanged(\"", "  OnOutgoingMessageAdded(\"", "  OnIncomingMessageAdded(\"",
        ", FaxJobStatus [status 0x100, extended ",
    };
    char id[17], line[64];
    struct run run;
    unsigned int i;

    check_usage(L"watch_fax.exe", "usage: watch_fax.exe BODY.tif [NUMBER]");
    run = send_with(L"watch_fax.exe", NULL, 0, id);
    snprintf(line, sizeof(line), "  OnOutgoingJobAdded(\"%s\")", id);
    ok(strstr(run.out, line) != NULL, "no %s in:\n%s\n", line, run.out);
    for (i = 0; i < ARRAY_SIZE(events); i++) ok(strstr(run.out, events[i]) != NULL, "no %s in:\n%s\n", events[i], run.out);
    check_line(run.out, "the fax was sent and received");
    run_free(&run);
}

/* The samples of the other bitness with the service this one started: a 32-bit client of a 64-bit
 * service, or the reverse. */
static void test_other_bitness(void)
{
    if (!other_bitness_runs())
    {
        skip("%s programs do not run here (no %s Wine): the %s samples are not run\n", bitness_name(TRUE),
             bitness_name(TRUE), bitness_name(TRUE));
        return;
    }
    winetest_push_context("%s", bitness_name(TRUE));
    ok(find_samples(TRUE), "no samples in %s\n", wine_dbgstr_w(samples_dir));
    check_send_fax(L"send_fax.exe");
    test_legacy_events();
    find_samples(FALSE);
    winetest_pop_context();
}

START_TEST(samples)
{
    WCHAR data_root[MAX_PATH];

    if (!find_samples(FALSE))
    {
        ok(0, "the samples are not next to the DLL (%s): the build is incomplete\n", wine_dbgstr_w(samples_dir));
        return;
    }
    ok(stop_service(), "a fax service was left running\n");
    fresh_data_root(L"samples", data_root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");
    if (!write_fax_body(L"samples", body_path))
    {
        ok(0, "could not write the fax body %s\n", wine_dbgstr_w(body_path));
        return;
    }
    test_send_fax();
    test_send_fax_cxx();
    test_legacy_events();
    test_watch_fax();
    test_other_bitness();
    DeleteFileW(body_path);
    ok(stop_service(), "the fax service did not stop\n");
    remove_folder(data_root);
}
