/*
 * Tests of fxscript.exe, the project's script host: runs the scripts of tests/scripts/ (the build
 * copies them to <build>/tests/scripts/) and checks their output, error messages and exit codes:
 * the WScript object, Quit, syntax and run-time errors, bad input to WScript's methods, and events
 * of a real FaxServer bound in VBScript (WScript.CreateObject with a prefix, DisconnectObject, an
 * error in a handler) and JScript (WScript.ConnectObject, `function Srv::Event` on a named item).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service_jobs.h"
#include "program_run.h"

static WCHAR host_exe[MAX_PATH], scripts_dir[MAX_PATH], samples_dir[MAX_PATH], body_path[MAX_PATH];

/* fxscript.exe is next to the DLL; the scripts are in <build>\tests\scripts, the samples in <build>\samples. */
static BOOL find_paths(void)
{
    WCHAR *slash;

    wcscpy(host_exe, test_dll_path());
    if (!(slash = wcsrchr(host_exe, '\\'))) return FALSE;
    wcscpy(slash + 1, L"fxscript.exe");
    wcscpy(scripts_dir, test_dll_path());
    *wcsrchr(scripts_dir, '\\') = 0;
    if (!(slash = wcsrchr(scripts_dir, '\\'))) return FALSE;
    wcscpy(samples_dir, scripts_dir);
    wcscpy(slash + 1, L"tests\\scripts");
    wcscpy(samples_dir + (slash + 1 - scripts_dir), L"samples");
    return GetFileAttributesW(host_exe) != INVALID_FILE_ATTRIBUTES &&
           GetFileAttributesW(samples_dir) != INVALID_FILE_ATTRIBUTES &&
           GetFileAttributesW(scripts_dir) != INVALID_FILE_ATTRIBUTES;
}

/* Starts fxscript.exe with options, a script of a folder and its arguments. */
static BOOL host_start(struct running *running, const WCHAR *options, const WCHAR *folder, const WCHAR *script,
                       const WCHAR *arguments)
{
    WCHAR line[MAX_PATH * 4];

    swprintf(line, ARRAY_SIZE(line), L"\"%ls\" %ls %ls%ls%ls %ls", host_exe, options ? options : L"",
             script ? folder : L"", script ? L"\\" : L"", script ? script : L"", arguments ? arguments : L"");
    return program_start(running, script, line);
}

/* Runs fxscript.exe with options, a script of tests\scripts and its arguments. */
static struct run run_host(const WCHAR *options, const WCHAR *script, const WCHAR *arguments)
{
    struct running running;
    BOOL started = host_start(&running, options, scripts_dir, script, arguments);

    return program_finish(&running, started);
}

/* ---- the WScript object ---- */

static void test_wscript_members(void)
{
    struct run run = run_host(L"//nologo", L"wscript.vbs", L"first \"second arg\"");

    ok(run.code == 0, "exit code %d\n", run.code);
    check_line(run.out, "echo 3 xy");
    ok(strstr(run.out, "echo 3 xy\r\n\r\n") != NULL, "Echo without arguments wrote no empty line:\n%s\n", run.out);
    check_line(run.out, "count 2 2");
    check_line(run.out, "argument 0 [first] [first]");
    check_line(run.out, "argument 1 [second arg] [second arg]");
    check_line(run.out, "default first");
    ok(strstr(run.out, "each [first]\r\neach [second arg]\r\nname ") != NULL, "For Each over Arguments:\n%s\n", run.out);
    check_line(run.out, "name Windows Script Host | Windows Script Host");
    check_line(run.out, "scriptname wscript.vbs");
    check_line(run.out, "fullname ends \\tests\\scripts\\wscript.vbs");
    check_line(run.out, "version 5.812");
    check_line(run.out, "host fxscript.exe true");
    check_line(run.out, "interactive True");
    check_line(run.out, "stdout");
    check_line(run.out, "wsh alias");
    check_line(run.out, "dictionary 1 42");
    check_line(run.out, "slept enough");
    ok(!strstr(run.out, "not reached"), "the script went on after Quit:\n%s\n", run.out);
    ok(!strcmp(run.err, "to stderr\r\n"), "stderr: \"%s\"\n", run.err);
    run_free(&run);

    run = run_host(NULL, L"wscript.vbs", NULL);
    check_line(run.out, "count 0 0");
    ok(!strstr(run.out, "argument ") && !strstr(run.out, "each "), "arguments printed:\n%s\n", run.out);
    run_free(&run);
}

static void test_named_arguments(void)
{
    static const char *const expected[] =
    {
        "all 5 /mode:fast",
        "unnamed 2 2 one two:2",
        "each unnamed one",
        "each unnamed two:2",
        "named 3 3 [fast] []",
        "exists True True False",
        "missing Empty",
        "each named mode [fast]",
        "each named flag []",
        "each named empty []",
        "unnamed range 8002000B",
        "exists missing 1C2",
        "unnamed has no views 1B6",
    };
    struct run run = run_host(NULL, L"named.vbs", L"one /mode:fast two:2 /flag /empty:");
    unsigned int i;

    ok(run.code == 0, "exit code %d\nstderr:\n%s\n", run.code, run.err);
    for (i = 0; i < ARRAY_SIZE(expected); i++) check_line(run.out, expected[i]);
    ok(!*run.err, "stderr: \"%s\"\n", run.err);
    run_free(&run);
}

static void test_quit(void)
{
    static const struct { const WCHAR *script, *argument; int code; } cases[] =
    {
        { L"quit.vbs", L"0", 0 }, { L"quit.vbs", L"42", 42 }, { L"quit.vbs", L"-1", -1 },
        { L"quit.js", L"7", 7 }, { L"quit.js", L"0", 0 },
    };
    struct run run;
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(cases); i++)
    {
        winetest_push_context("%s %s", wine_dbgstr_w(cases[i].script), wine_dbgstr_w(cases[i].argument));
        run = run_host(NULL, cases[i].script, cases[i].argument);
        ok(run.code == cases[i].code, "exit code %d\n", run.code);
        ok(!strcmp(run.out, "before\r\n"), "stdout: \"%s\"\n", run.out);
        ok(!*run.err, "stderr: \"%s\"\n", run.err);
        run_free(&run);
        winetest_pop_context();
    }
}

/* ---- script errors: file(line, col) source: description, exit code 1 ---- */

static void check_error(const WCHAR *script, const char *stdout_text, const char *error)
{
    struct run run = run_host(NULL, script, NULL);
    char expected[512];

    winetest_push_context("%s", wine_dbgstr_w(script));
    ok(run.code == 1, "exit code %d\n", run.code);
    ok(!strcmp(run.out, stdout_text), "stdout: \"%s\"\n", run.out);
    snprintf(expected, sizeof(expected), "\\tests\\scripts\\%ls%s\r\n", script, error);
    ok(strstr(run.err, expected) && count_lines_starting(run.err, "") == 1, "stderr: \"%s\", expected \"...%s\"\n",
       run.err, expected);
    run_free(&run);
    winetest_pop_context();
}

static void test_errors(void)
{
    check_error(L"syntax.vbs", "", "(3, 4) Microsoft VBScript compilation error: Syntax error");
    check_error(L"syntax.js", "", "(3, 9) Microsoft JScript compilation error: Syntax error");
    check_error(L"runtime.vbs", "first\r\n",
                "(4, 1) Microsoft VBScript runtime error: Object doesn't support this property or method");
    check_error(L"runtime.js", "first\r\n", "(4, 5) Microsoft JScript runtime error: the script's own error");
    check_error(L"end_error.vbs", "first\r\n", "(3, 1) MySource: my description");
}

/* Every bad input raises a precise error the script can catch, with a description. */
static void test_bad_input(void)
{
    static const char *const expected[] =
    {
        "case sleep_negative 80070057 The time to sleep must be 0 or more milliseconds, not -1",
        "case sleep_type D Type mismatch",
        "case sleep_missing 1C2 ",
        "case argument_range 8002000B Subscript out of range: argument 5 does not exist (there are 0)",
        "case argument_negative 8002000B Subscript out of range: argument -1 does not exist (there are 0)",
        "case argument_type D Type mismatch",
        "case create_unknown 800401F3 Could not locate automation class named \"No.Such.Class\".",
        "case create_missing 1C2 ",
        "case create_no_events 80040200 Could not connect object: its class has no default source interface",
        "case connect_not_object 80020005 The first argument must be an object.",
        "case connect_nothing 80020005 The first argument must be an object.",
        "case connect_no_events 80040200 Could not connect object: its class has no default source interface",
        "case disconnect_not_connected 80040200 The object is not connected.",
        "case disconnect_not_object 80020005 The first argument must be an object.",
        "case getobject_nothing 80070057 Could not get the object \"\"",
        "case unknown_member 1B6 ",
    };
    struct run run = run_host(NULL, L"bad_input.vbs", NULL);
    unsigned int i;

    ok(run.code == 0, "exit code %d\n", run.code);
    for (i = 0; i < ARRAY_SIZE(expected); i++)
        ok(strstr(run.out, expected[i]) != NULL, "no \"%s\" in:\n%s\n", expected[i], run.out);
    check_line(run.out, "done");
    ok(!*run.err, "stderr: \"%s\"\n", run.err);
    run_free(&run);
}

static void test_command_line(void)
{
    WCHAR missing[MAX_PATH + 32];
    struct run run;

    run = run_host(NULL, NULL, NULL);
    ok(run.code == 2, "no script: exit code %d\n", run.code);
    ok(strstr(run.err, "Usage: fxscript.exe") != NULL, "no usage: \"%s\"\n", run.err);
    run_free(&run);

    run = run_host(L"//nosuchoption", L"quit.vbs", L"5");
    ok(run.code == 2, "unknown option: exit code %d\n", run.code);
    ok(strstr(run.err, "Unknown option \"//nosuchoption\"") != NULL, "stderr: \"%s\"\n", run.err);
    ok(!*run.out, "the script ran: \"%s\"\n", run.out);
    run_free(&run);

    swprintf(missing, ARRAY_SIZE(missing), L"%ls\\no_such_script.vbs", scripts_dir);
    run = run_host(NULL, NULL, missing);
    ok(run.code == 2, "missing file: exit code %d\n", run.code);
    ok(strstr(run.err, "Can not find script file") != NULL, "stderr: \"%s\"\n", run.err);
    run_free(&run);

    run = run_host(NULL, L"wscript.vbs.txt", NULL);
    ok(run.code == 2, "unknown extension: exit code %d\n", run.code);
    ok(strstr(run.err, "no script engine for file extension \".txt\"") != NULL, "stderr: \"%s\"\n", run.err);
    run_free(&run);

    /* //E: chooses the engine whatever the extension */
    run = run_host(L"//E:JScript", L"quit.js", L"3");
    ok(run.code == 3, "//E:JScript: exit code %d\n", run.code);
    run_free(&run);
    run = run_host(L"//E:Perl", L"quit.js", L"3");
    ok(run.code == 2 && strstr(run.err, "no script engine \"Perl\""), "//E:Perl: exit code %d, \"%s\"\n", run.code,
       run.err);
    run_free(&run);
    run = run_host(L"//object:X=No.Such.Class", L"quit.vbs", L"3");
    ok(run.code == 2 && strstr(run.err, "//object:X=No.Such.Class"), "bad //object: exit code %d, \"%s\"\n",
       run.code, run.err);
    run_free(&run);
}

/* ---- events of a real FaxServer ---- */

/* Runs a script that sends the fax body (its argument 0), with more arguments after it. */
static struct run run_with_body(const WCHAR *options, const WCHAR *script, const WCHAR *more)
{
    WCHAR arguments[MAX_PATH + 64];

    swprintf(arguments, ARRAY_SIZE(arguments), L"\"%ls\" %ls", body_path, more ? more : L"");
    return run_host(options, script, arguments);
}

/* Checks a monitor's lines: the job added, changed, archived and removed, each with one job id. */
static void check_monitor_events(const struct run *run)
{
    const char *added = strstr(run->out, "event added "), *archived = strstr(run->out, "event archived ");
    char id[17] = { 0 }, line[64];

    ok(added != NULL, "no OnOutgoingJobAdded:\n%s\n", run->out);
    if (!added) return;
    memcpy(id, added + strlen("event added "), 16);
    snprintf(line, sizeof(line), "event changed %s 256", id);   /* fjsCOMPLETED */
    check_line(run->out, line);
    snprintf(line, sizeof(line), "event archived %s", id);
    check_line(run->out, line);
    snprintf(line, sizeof(line), "event removed %s", id);
    check_line(run->out, line);
    ok(archived && archived > added, "archived before added:\n%s\n", run->out);
    ok(count_lines_starting(run->out, "event changed ") >= 2, "too few OnOutgoingJobChanged:\n%s\n", run->out);
}

static void test_vbscript_monitor(void)
{
    struct run run = run_with_body(L"//nologo", L"monitor.vbs", NULL);

    ok(run.code == 0, "exit code %d\nstdout:\n%s\nstderr:\n%s\n", run.code, run.out, run.err);
    check_line(run.out, "result submitted 8200");   /* VT_ARRAY | VT_BSTR */
    check_monitor_events(&run);
    ok(strstr(run.out, "event added ") && strstr(run.out, " IFaxServer2\r\n"), "the handler's first argument:\n%s\n",
       run.out);
    ok(!*run.err, "stderr: \"%s\"\n", run.err);
    run_free(&run);
}

/* Outbound routing late bound from VBScript: For Each over the collections, errors as scripts see them. */
static void test_vbscript_outbound_routing(void)
{
    static const char *const expected[] =
    {
        "device 2", "device 1", "group <All Devices> 0 2", "group Script Group 0 2", "added 49 89 Script Group 0",
        "rule 0 0 False <All Devices>", "rule 49 89 False Script Group",
        "error remove_all 800710DD The group \"<All Devices>\" cannot be removed.",
        "error in_use 80041B5C FaxOutboundRoutingGroups.Remove failed: an outbound routing rule uses the group; remove "
        "or change the rule first.",
        "error area 80070057 An area code (30) needs a country code.", "left 1 1",
    };
    struct run run = run_host(L"//nologo", L"outbound_routing.vbs", NULL);
    unsigned int i;

    ok(run.code == 0, "exit code %d\nstdout:\n%s\nstderr:\n%s\n", run.code, run.out, run.err);
    for (i = 0; i < ARRAY_SIZE(expected); i++) check_line(run.out, expected[i]);
    ok(!*run.err, "stderr: \"%s\"\n", run.err);
    run_free(&run);
}

/* Fax accounts late bound from VBScript: the account set, the errors a script sees, and the
 * current account's events bound with WScript.ConnectObject. */
static void test_vbscript_accounts(void)
{
    static const char *const expected[] =
    {
        "added script.user", "account script.user",
        "error exists 80070524 AddAccount failed: the fax server already has an account \"SCRIPT.USER\".",
        "error unknown 80070525 GetAccount failed: the fax server has no account \"no.such.user\".",
        "listening 10", "event added IFaxAccount True", "event archived IFaxAccount", "result archived True", "left 0",
    };
    struct run run = run_with_body(L"//nologo", L"accounts.vbs", NULL);
    unsigned int i;

    ok(run.code == 0, "exit code %d\nstdout:\n%s\nstderr:\n%s\n", run.code, run.out, run.err);
    for (i = 0; i < ARRAY_SIZE(expected); i++) check_line(run.out, expected[i]);
    ok(!*run.err, "stderr: \"%s\"\n", run.err);
    run_free(&run);
}

/* A run-time error in a handler is reported with its line; later events still arrive. */
static void test_error_in_handler(void)
{
    struct run run = run_with_body(NULL, L"monitor.vbs", L"fail");

    ok(run.code == 0, "exit code %d (the script quits with 0)\nstderr:\n%s\n", run.code, run.err);
    ok(strstr(run.err, "\\tests\\scripts\\monitor.vbs(39, 13) Microsoft VBScript runtime error: Division by zero\r\n")
       != NULL, "stderr: \"%s\"\n", run.err);
    ok(count_lines_starting(run.err, "") == 1, "stderr: \"%s\"\n", run.err);
    check_monitor_events(&run);
    check_line(run.out, "result archived True changes 5");
    run_free(&run);
}

static void test_disconnect(void)
{
    struct run run = run_with_body(NULL, L"disconnect.vbs", NULL);

    ok(run.code == 0, "exit code %d\nstderr:\n%s\n", run.code, run.err);
    check_line(run.out, "result archived True a_events 0");
    run_free(&run);
}

static void test_quit_in_handler(void)
{
    struct run run = run_with_body(NULL, L"quit_in_handler.vbs", NULL);

    ok(run.code == 5, "exit code %d\nstderr:\n%s\n", run.code, run.err);
    ok(!strcmp(run.out, "archived\r\n"), "stdout: \"%s\"\n", run.out);
    ok(!*run.err, "stderr: \"%s\"\n", run.err);
    run_free(&run);
}

/* For Each over devices, recipients and jobs; optional arguments left out or Empty. */
static void test_collections(void)
{
    static const char *const expected[] =
    {
        "each device 1 IFaxDevice True",
        "each device 2 IFaxDevice True",
        "result added IFaxRecipient Second",
        "each recipient 1002 []",
        "each recipient 1002 [Second]",
        "each recipient 1003 []",
        "count recipients 2",
        "each job 16 1002 [] collections.vbs IFaxOutgoingJob2",
        "each job 16 1002 [Second] collections.vbs IFaxOutgoingJob2",
        "count jobs 2 2",
        "result bodies 8200",               /* VT_ARRAY | VT_BSTR */
        "count incoming 0",
        "result done",
    };
    struct run run = run_with_body(NULL, L"collections.vbs", NULL);
    unsigned int i;

    ok(run.code == 0, "exit code %d\nstdout:\n%s\nstderr:\n%s\n", run.code, run.out, run.err);
    for (i = 0; i < ARRAY_SIZE(expected); i++) check_line(run.out, expected[i]);
    ok(count_lines_starting(run.out, "each ") == 7, "For Each ran too often:\n%s\n", run.out);
    ok(!*run.err, "stderr: \"%s\"\n", run.err);
    run_free(&run);
}

static void test_jscript_monitors(void)
{
    struct run run = run_with_body(NULL, L"monitor.js", NULL);

    ok(run.code == 0, "ConnectObject: exit code %d\nstdout:\n%s\nstderr:\n%s\n", run.code, run.out, run.err);
    check_monitor_events(&run);
    check_line(run.out, "result archived true changes 5");
    ok(!*run.err, "stderr: \"%s\"\n", run.err);
    run_free(&run);

    run = run_with_body(L"//object:Srv=FaxComEx.FaxServer", L"monitor_named.js", NULL);
    ok(run.code == 0, "Srv::: exit code %d\nstdout:\n%s\nstderr:\n%s\n", run.code, run.out, run.err);
    check_monitor_events(&run);
    check_line(run.out, "result archived true changes 5");
    ok(!*run.err, "stderr: \"%s\"\n", run.err);
    run_free(&run);
}

/* ---- the samples ---- */

static struct run run_sample(const WCHAR *script, const WCHAR *arguments)
{
    struct running running;
    BOOL started = host_start(&running, NULL, samples_dir, script, arguments);

    return program_finish(&running, started);
}

static void check_send_fax(const WCHAR *number, int code, const char *last_line)
{
    WCHAR arguments[MAX_PATH + 32];
    struct run run;

    winetest_push_context("send_fax.vbs to %s", wine_dbgstr_w(number));
    swprintf(arguments, ARRAY_SIZE(arguments), L"\"%ls\" %ls", body_path, number);
    run = run_sample(L"send_fax.vbs", arguments);
    ok(run.code == code, "exit code %d\nstdout:\n%s\nstderr:\n%s\n", run.code, run.out, run.err);
    check_line(run.out, last_line);
    ok(strstr(run.out, " queued\r\n") != NULL, "no OnOutgoingJobAdded:\n%s\n", run.out);
    ok(!*run.err, "stderr: \"%s\"\n", run.err);
    run_free(&run);
    winetest_pop_context();
}

/* samples/monitor.vbs prints the events of the faxes samples/send_fax.vbs sends, until the fax
 * service shuts down. */
static void test_samples(void)
{
    static const char *const events[] =
    {
        "OnOutgoingJobAdded ", "OnOutgoingJobChanged ", "OnNewCall call ", "OnIncomingJobAdded ",
        "OnIncomingJobChanged ", "OnOutgoingMessageAdded ", "OnOutgoingJobRemoved ", "OnIncomingMessageAdded ",
        "OnDeviceStatusChange device 1", "OnServerShutDown",
    };
    struct running monitor;
    BOOL started;
    struct run run;
    unsigned int i;

    run = run_sample(L"send_fax.vbs", NULL);
    ok(run.code == 2 && strstr(run.err, "usage: send_fax.vbs"), "no arguments: exit code %d, \"%s\"\n", run.code,
       run.err);
    run_free(&run);

    started = host_start(&monitor, NULL, samples_dir, L"monitor.vbs", L"170");
    ok(wait_for_output(&monitor, "listening to the fax server", EVENT_WAIT_MS * 2), "the monitor did not start\n");
    check_send_fax(L"1002", 0, "the fax was sent");
    check_send_fax(L"9002", 1, "the fax was not sent");   /* a bad address */
    ok(wait_for_output(&monitor, "OnIncomingMessageAdded ", EVENT_WAIT_MS * 2), "device 2 received no fax\n");
    ok(stop_service(), "the fax service did not stop\n");
    run = program_finish(&monitor, started);
    ok(run.code == 0, "monitor: exit code %d\nstderr:\n%s\n", run.code, run.err);
    for (i = 0; i < ARRAY_SIZE(events); i++)
        ok(strstr(run.out, events[i]) != NULL, "monitor: no %s in:\n%s\n", events[i], run.out);
    ok(strstr(run.out, "OnServerShutDown\r\ndone\r\n") != NULL, "monitor did not end at the shutdown:\n%s\n", run.out);
    ok(!*run.err, "monitor: stderr: \"%s\"\n", run.err);
    run_free(&run);
}

START_TEST(script_host)
{
    WCHAR data_root[MAX_PATH];

    if (!find_paths())
    {
        skip("fxscript.exe or the scripts are not next to the DLL (%s, %s)\n", wine_dbgstr_w(host_exe),
             wine_dbgstr_w(scripts_dir));
        ok(0, "the build is incomplete\n");
        return;
    }
    test_wscript_members();
    test_named_arguments();
    test_quit();
    test_errors();
    test_bad_input();
    test_command_line();

    ok(stop_service(), "a fax service was left running\n");
    fresh_data_root(L"script_host", data_root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");
    if (!write_fax_body(L"script_host", body_path))
    {
        ok(0, "could not write the fax body %s\n", wine_dbgstr_w(body_path));
        return;
    }
    test_vbscript_monitor();
    test_vbscript_outbound_routing();
    test_vbscript_accounts();
    test_error_in_handler();
    test_disconnect();
    test_quit_in_handler();
    test_jscript_monitors();
    test_collections();
    test_samples();
    DeleteFileW(body_path);
    ok(stop_service(), "the fax service did not stop\n");
    remove_folder(data_root);
}
