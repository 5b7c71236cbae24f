/*
 * Clients of both bitnesses listening to one fax service see the same events: this process, a
 * client process of the same bitness and one of the other bitness (this test program built for
 * the other architecture, <build>/<other>/tests/mixed_bitness.exe, which uses the DLL of its own
 * bitness registered by regsvr32) each advise a sink on a FaxServer and listen; one fax is sent
 * from device 1 to device 2, then the outgoing queue is paused as an end mark. Every process
 * writes the events it heard up to the mark, with their arguments, and the three lists must be
 * the same. Where programs of the other bitness do not run (no 32-bit Wine), that part is
 * skipped, visibly.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "event_sink.h"

#define LISTEN_MASK (fsetOUT_QUEUE | fsetIN_QUEUE | fsetOUT_ARCHIVE | fsetIN_ARCHIVE | fsetDEVICE_STATUS | \
                     fsetINCOMING_CALL | fsetQUEUE_STATE)
#define ON_QUEUES_STATUS_CHANGE 22
#define LINE_SIZE 160

/* OnQueuesStatusChange(server, blocked False, paused True, incoming blocked False): the end mark. */
static const struct call_spec end_mark = { ON_QUEUES_STATUS_CHANGE, NULL, 3, { VARIANT_FALSE, VARIANT_TRUE, VARIANT_FALSE } };

struct listener
{
    IFaxServer2 *server;
    struct sink sink;
    DWORD cookie;
};

static BOOL listener_start(struct listener *listener)
{
    HRESULT hr;

    sink_init(&listener->sink, &DIID_IFaxServerNotify2);
    if (!(listener->server = connected_server())) return FALSE;
    listener->cookie = advise_sink(listener->server, &listener->sink);
    hr = IFaxServer2_ListenToServerEvents(listener->server, LISTEN_MASK);
    ok(hr == S_OK, "ListenToServerEvents: %#lx\n", hr);
    return listener->cookie && hr == S_OK;
}

static void listener_end(struct listener *listener)
{
    IConnectionPoint *point;

    if (listener->server)
    {
        if (listener->cookie && (point = find_point(listener->server, &DIID_IFaxServerNotify2)))
        {
            IConnectionPoint_Unadvise(point, listener->cookie);
            IConnectionPoint_Release(point);
        }
        IFaxServer2_Disconnect(listener->server);
        IFaxServer2_Release(listener->server);
    }
    sink_clear(&listener->sink);
}

/* One line per call up to the end mark: the event and every argument after the server. */
static void write_lines(struct sink *sink, int last, FILE *out)
{
    const struct recorded_call *call;
    int i;
    UINT j;

    for (i = 0; i <= last; i++)
    {
        call = &sink->calls[i];
        fprintf(out, "%s", call->dispid >= 1 && call->dispid <= 26 ? server_event_shapes[call->dispid - 1].name : "?");
        for (j = 1; j < call->count && j < 6; j++)
        {
            if (call->types[j] == VT_BSTR) fprintf(out, " \"%ls\"", call->texts[j]);
            else if (call->types[j] == VT_DISPATCH) fprintf(out, " status 0x%lx page %ld of %ld", call->status.status,
                                                          call->status.current_page, call->status.pages);
            else fprintf(out, " %ld", call->longs[j]);
        }
        fprintf(out, "\n");
    }
}

static void event_name(WCHAR *name, const WCHAR *what, DWORD parent)
{
    swprintf(name, 64, L"fxscomex-mixed_bitness-%ls-%lu", what, parent);
}

/* A listening client: says it is ready, waits for the end mark, writes what it heard to file. */
static void child_main(DWORD parent, const char *file)
{
    struct listener listener = { 0 };
    WCHAR name[64];
    HANDLE ready;
    FILE *out;
    int last;

    trace("%s child listening\n", bitness_name(FALSE));
    event_name(name, L"ready", parent);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    ok(ready != NULL, "no event %s: %lu\n", wine_dbgstr_w(name), GetLastError());
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (ready && listener_start(&listener))
    {
        SetEvent(ready);
        last = wait_spec(&listener.sink, 0, &end_mark);
        ok(last >= 0, "no end mark in %ld calls\n", listener.sink.count);
        if (last >= 0 && (out = fopen(file, "wb")))
        {
            write_lines(&listener.sink, last, out);
            fclose(out);
        }
    }
    listener_end(&listener);
    if (ready) CloseHandle(ready);
    CoUninitialize();
}

/* ---- the parent ---- */

struct child
{
    const char *who;
    char file[MAX_PATH];
    HANDLE process;
};

/* Starts this test program of this bitness (other FALSE) or the other one as a listening child. */
static BOOL child_start(struct child *child, BOOL other, HANDLE ready)
{
    STARTUPINFOW startup = { sizeof(startup) };
    PROCESS_INFORMATION info;
    WCHAR exe[MAX_PATH], line[MAX_PATH * 3], dll[MAX_PATH], *slash;
    BOOL started;

    child->who = other ? "the other bitness's child" : "this bitness's child";
    GetTempPathA(sizeof(child->file), child->file);
    snprintf(child->file + strlen(child->file), sizeof(child->file) - strlen(child->file),
             "fxscomex-mixed-%lu-%d.txt", GetCurrentProcessId(), other);
    DeleteFileA(child->file);
    /* <build>\<arch>\fxscomex.dll -> <build>\<other arch>\tests\mixed_bitness.exe */
    wcscpy(dll, test_dll_path());
    if (other && (slash = wcsrchr(dll, '\\')) && (*slash = 0, slash = wcsrchr(dll, '\\')))
        swprintf(slash + 1, MAX_PATH - (slash + 1 - dll), L"%ls\\fxscomex.dll", sizeof(void *) == 8 ? L"i686" : L"x86_64");
    wcscpy(exe, dll);
    wcscpy(wcsrchr(exe, '\\') + 1, L"tests\\mixed_bitness.exe");
    swprintf(line, ARRAY_SIZE(line), L"\"%ls\" child %lu \"%hs\"", exe, GetCurrentProcessId(), child->file);
    SetEnvironmentVariableW(L"FXSCOMEX_DLL", dll);     /* the child's own DLL, for its own paths */
    started = CreateProcessW(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &info);
    SetEnvironmentVariableW(L"FXSCOMEX_DLL", test_dll_path());
    ok(started, "%s did not start (%s): %lu\n", child->who, wine_dbgstr_w(line), GetLastError());
    if (!started) return FALSE;
    CloseHandle(info.hThread);
    child->process = info.hProcess;
    /* ready, or gone */
    ok(WaitForMultipleObjects(2, (HANDLE[2]){ ready, child->process }, FALSE, WAIT_MS * 2) == WAIT_OBJECT_0,
       "%s did not start listening\n", child->who);
    return TRUE;
}

static char *read_text(const char *file)
{
    FILE *in = fopen(file, "rb");
    char *text;
    long size;

    if (!in) return calloc(1, 1);
    fseek(in, 0, SEEK_END);
    size = ftell(in);
    fseek(in, 0, SEEK_SET);
    text = calloc(1, size + 1);
    fread(text, 1, size, in);
    fclose(in);
    return text;
}

static int count_lines(const char *text)
{
    int count = 0;
    for (; (text = strchr(text, '\n')); text++) count++;
    return count;
}

/* Waits for the child's end and compares what it heard with what this process heard. */
static void child_check(struct child *child, const char *expected)
{
    DWORD code = 1;
    char *got;

    ok(WaitForSingleObject(child->process, WAIT_MS * 2) == WAIT_OBJECT_0, "%s did not end\n", child->who);
    GetExitCodeProcess(child->process, &code);
    ok(code == 0, "%s failed %lu tests\n", child->who, code);
    CloseHandle(child->process);
    got = read_text(child->file);
    ok(!strcmp(got, expected), "%s heard:\n%s\nthis process heard:\n%s\n", child->who, got, expected);
    trace("%s heard the same %d events\n", child->who, count_lines(got));
    DeleteFileA(child->file);
    free(got);
}

static IFaxOutgoingQueue *outgoing_queue(IFaxServer2 *server)
{
    IFaxOutgoingQueue *queue = NULL;
    IFaxFolders *folders;

    if (SUCCEEDED(IFaxServer2_get_Folders(server, &folders)))
    {
        IFaxFolders_get_OutgoingQueue(folders, &queue);
        IFaxFolders_Release(folders);
    }
    ok(queue != NULL, "no outgoing queue\n");
    return queue;
}

static void set_paused(IFaxServer2 *server, VARIANT_BOOL paused)
{
    IFaxOutgoingQueue *queue = outgoing_queue(server);
    HRESULT hr;

    if (!queue) return;
    hr = IFaxOutgoingQueue_put_Paused(queue, paused);
    if (SUCCEEDED(hr)) hr = IFaxOutgoingQueue_Save(queue);
    ok(hr == S_OK, "Paused = %d: %#lx\n", paused, hr);
    IFaxOutgoingQueue_Release(queue);
}

static void test_same_events(struct fxs_link *link)
{
    struct child same = { 0 }, other = { 0 };
    struct listener listener = { 0 };
    BOOL other_runs = other_bitness_runs(), same_started, other_started = FALSE;
    WCHAR name[64], id[17];
    char *expected = NULL;
    size_t size = 0;
    FILE *memory;
    HANDLE ready;
    int last;

    event_name(name, L"ready", GetCurrentProcessId());
    ready = CreateEventW(NULL, FALSE, FALSE, name);
    same_started = child_start(&same, FALSE, ready);
    if (other_runs) other_started = child_start(&other, TRUE, ready);
    else skip("%s programs do not run here (no %s Wine): only %s clients listen\n", bitness_name(TRUE),
              bitness_name(TRUE), bitness_name(FALSE));

    if (listener_start(&listener) && submit_fax_for_id_text(link, L"1002", id))
    {
        /* the fax has been sent and received when both jobs have left their queues */
        ok(wait_event(&listener.sink, 0, 5, id) >= 0, "OnOutgoingJobRemoved(%s) did not come\n", wine_dbgstr_w(id));
        ok(wait_event(&listener.sink, 0, 2, NULL) >= 0, "OnIncomingJobRemoved did not come\n");
        set_paused(listener.server, VARIANT_TRUE);
        last = wait_spec(&listener.sink, 0, &end_mark);
        ok(last >= 0, "no end mark\n");
        if (last >= 0 && (memory = tmpfile()))
        {
            write_lines(&listener.sink, last, memory);
            size = ftell(memory);
            expected = calloc(1, size + 1);
            rewind(memory);
            fread(expected, 1, size, memory);
            fclose(memory);
        }
        trace("%d events up to the end mark\n", last + 1);
        ok(sink_find(&listener.sink, 23, NULL) >= 0 && sink_find(&listener.sink, 7, NULL) >= 0,
           "no OnNewCall or OnIncomingMessageAdded in this process\n");
        set_paused(listener.server, VARIANT_FALSE);
    }
    if (same_started) child_check(&same, expected ? expected : "");
    if (other_started) child_check(&other, expected ? expected : "");
    listener_end(&listener);
    free(expected);
    CloseHandle(ready);
}

START_TEST(mixed_bitness)
{
    if (winetest_argc >= 4 && !strcmp(winetest_argv[1], "child"))
    {
        child_main(strtoul(winetest_argv[2], NULL, 10), winetest_argv[3]);
        return;
    }
    prepare_service(L"mixed_bitness");
    run_with_service(test_same_events);
}
