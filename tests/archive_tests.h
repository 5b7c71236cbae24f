/*
 * What the archive tests (archives.c, archive_policy.c) share: an archive of a FaxServer, and a
 * listener in another process: the test program started again as
 * "<exe> listen <parent pid> <file> <last DISPID> <count>", a FaxServer with a dispatch-only sink on
 * DIID_IFaxServerNotify2 that records each call's DISPID and message id, listening to the
 * configuration and archive events. When the parent says done and the calls of the last DISPID
 * (the parent's last action: it says how many it makes) arrived, it writes one line per call to the file, which the parent
 * counts. Include it once, after fax_objects.h.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_ARCHIVE_TESTS_H
#define FXSCOMEX_TESTS_ARCHIVE_TESTS_H

#include <stdio.h>

/* FaxFolders.IncomingArchive or OutgoingArchive (both have IFaxIncomingArchive's layout). */
static inline void *get_archive(IFaxServer2 *server, BOOL incoming)
{
    IFaxFolders *folders = NULL;
    void *archive = NULL;
    HRESULT hr;

    hr = IFaxServer2_get_Folders(server, &folders);
    ok(hr == S_OK, "Folders: %#lx\n", hr);
    if (hr != S_OK) return NULL;
    if (incoming) hr = IFaxFolders_get_IncomingArchive(folders, (IFaxIncomingArchive **)&archive);
    else hr = IFaxFolders_get_OutgoingArchive(folders, (IFaxOutgoingArchive **)&archive);
    ok(hr == S_OK, "%s: %#lx\n", incoming ? "IncomingArchive" : "OutgoingArchive", hr);
    IFaxFolders_Release(folders);
    return archive;
}

static inline void listener_name(WCHAR *name, const WCHAR *what, DWORD parent)
{
    swprintf(name, 64, L"fxscomex-archives-%ls-%lu", what, parent);
}

/* The child's sink on DIID_IFaxServerNotify2 (dispatch only, as VB and scripts make them): it
 * records each call's DISPID and message id. The library calls it from its dispatcher thread
 * (this process is in the MTA). */
/* The DISPIDs of IFaxServerNotify2 (spec/notify.md) the listener expects. */
#define DISPID_INCOMING_MESSAGE_REMOVED        8
#define DISPID_OUTGOING_MESSAGE_REMOVED        10
#define DISPID_OUTGOING_ARCHIVE_CONFIG_CHANGE  16
#define DISPID_INCOMING_ARCHIVE_CONFIG_CHANGE  17

#define MAX_RECORDED 64

static struct
{
    IDispatch IDispatch_iface;
    CRITICAL_SECTION lock;
    DISPID dispids[MAX_RECORDED];
    WCHAR ids[MAX_RECORDED][17];
    LONG count;
    DISPID last;                /* the parent's last action */
    LONG last_count;            /* how many calls of it the parent makes */
    HANDLE last_event;          /* set when the last of them arrived */
} recorder;

static inline HRESULT WINAPI recorder_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &DIID_IFaxServerNotify2))
    {
        *obj = iface;
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static inline ULONG WINAPI recorder_AddRef(IDispatch *iface) { return 2; }
static inline ULONG WINAPI recorder_Release(IDispatch *iface) { return 1; }

static inline HRESULT WINAPI recorder_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    *count = 0;
    return S_OK;
}

static inline HRESULT WINAPI recorder_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    return E_NOTIMPL;
}

static inline HRESULT WINAPI recorder_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                             DISPID *ids)
{
    return E_NOTIMPL;
}

/* The arguments come last to first: a message event's id is rgvarg[0], after the server. */
static inline HRESULT WINAPI recorder_Invoke(IDispatch *iface, DISPID dispid, REFIID riid, LCID lcid, WORD flags,
                                      DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    EnterCriticalSection(&recorder.lock);
    if (recorder.count < MAX_RECORDED)
    {
        recorder.dispids[recorder.count] = dispid;
        if (params->cArgs == 2 && V_VT(&params->rgvarg[0]) == VT_BSTR && V_BSTR(&params->rgvarg[0]))
            lstrcpynW(recorder.ids[recorder.count], V_BSTR(&params->rgvarg[0]), 17);
        recorder.count++;
    }
    LeaveCriticalSection(&recorder.lock);
    if (dispid == recorder.last && !InterlockedDecrement(&recorder.last_count)) SetEvent(recorder.last_event);
    return S_OK;
}

static const IDispatchVtbl recorder_vtbl =
{
    recorder_QueryInterface, recorder_AddRef, recorder_Release, recorder_GetTypeInfoCount, recorder_GetTypeInfo,
    recorder_GetIDsOfNames, recorder_Invoke,
};

/* The child: a FaxServer listening to the configuration and archive events with the sink above;
 * when the parent is done, it writes one line per call (DISPID, message id) to file. */
static inline void listener_main(DWORD parent, const char *file, DISPID last, LONG last_count)
{
    IConnectionPointContainer *container = NULL;
    IConnectionPoint *point = NULL;
    IFaxServer2 *server;
    HANDLE ready, done;
    WCHAR name[64];
    DWORD cookie = 0;
    FILE *out;
    LONG i;

    listener_name(name, L"ready", parent);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    listener_name(name, L"done", parent);
    done = OpenEventW(SYNCHRONIZE, FALSE, name);
    ok(ready && done, "the parent's events are missing\n");
    recorder.IDispatch_iface.lpVtbl = &recorder_vtbl;
    InitializeCriticalSection(&recorder.lock);
    recorder.last = last;
    recorder.last_count = last_count;
    recorder.last_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (!(server = connected_server()) || !ready || !done) return;
    ok(IFaxServer2_QueryInterface(server, &IID_IConnectionPointContainer, (void **)&container) == S_OK, "container\n");
    if (container) ok(IConnectionPointContainer_FindConnectionPoint(container, &DIID_IFaxServerNotify2, &point) == S_OK,
                      "FindConnectionPoint\n");
    if (point) ok(IConnectionPoint_Advise(point, (IUnknown *)&recorder.IDispatch_iface, &cookie) == S_OK, "Advise\n");
    ok(IFaxServer2_ListenToServerEvents(server, fsetCONFIG | fsetIN_ARCHIVE | fsetOUT_ARCHIVE) == S_OK,
       "ListenToServerEvents\n");
    SetEvent(ready);
    ok(WaitForSingleObject(done, 120000) == WAIT_OBJECT_0, "the parent never said done\n");
    /* Calls come in order: once the last one arrived, every earlier one has. */
    ok(WaitForSingleObject(recorder.last_event, 30000) == WAIT_OBJECT_0, "no call of DISPID %ld\n", last);
    out = fopen(file, "w");
    ok(out != NULL, "cannot write %s\n", file);
    EnterCriticalSection(&recorder.lock);
    for (i = 0; out && i < recorder.count; i++)
        fprintf(out, "%ld %ls\n", recorder.dispids[i], recorder.ids[i][0] ? recorder.ids[i] : L"-");
    LeaveCriticalSection(&recorder.lock);
    if (out) fclose(out);
    if (point)
    {
        IConnectionPoint_Unadvise(point, cookie);
        IConnectionPoint_Release(point);
    }
    if (container) IConnectionPointContainer_Release(container);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
    CoUninitialize();
    CloseHandle(ready);
    CloseHandle(done);
}

struct listener
{
    HANDLE process, ready, done;
    char file[MAX_PATH];
};

/* Starts the child; TRUE once it listens. */
static inline BOOL listener_start(struct listener *listener, DISPID last, LONG last_count)
{
    STARTUPINFOA startup = { sizeof(startup) };
    PROCESS_INFORMATION info;
    WCHAR name[64];
    char line[MAX_PATH * 3], temp[MAX_PATH];

    GetTempPathA(sizeof(temp), temp);
    snprintf(listener->file, sizeof(listener->file), "%sfxs-archives-events-%lu.txt", temp, GetCurrentProcessId());
    DeleteFileA(listener->file);
    listener_name(name, L"ready", GetCurrentProcessId());
    listener->ready = CreateEventW(NULL, TRUE, FALSE, name);
    listener_name(name, L"done", GetCurrentProcessId());
    listener->done = CreateEventW(NULL, TRUE, FALSE, name);
    snprintf(line, sizeof(line), "\"%s\" listen %lu \"%s\" %ld %ld", winetest_argv[0], GetCurrentProcessId(),
             listener->file, last, last_count);
    if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &info)) return FALSE;
    CloseHandle(info.hThread);
    listener->process = info.hProcess;
    return WaitForSingleObject(listener->ready, 60000) == WAIT_OBJECT_0;
}

/* How many calls of that DISPID (with that message id; NULL: any) the child recorded. */
static inline int listener_count(const struct listener *listener, DISPID dispid, const WCHAR *id)
{
    FILE *in = fopen(listener->file, "r");
    char text[32], wanted[32];
    long recorded;
    int count = 0;

    if (!in) return -1;
    if (id) snprintf(wanted, sizeof(wanted), "%ls", id);
    while (fscanf(in, "%ld %31s", &recorded, text) == 2)
        if ((dispid == DISPID_UNKNOWN || recorded == dispid) && (!id || !strcmp(text, wanted))) count++;
    fclose(in);
    return count;
}

static inline void listener_finish(struct listener *listener)
{
    DWORD code = 1;

    SetEvent(listener->done);
    ok(WaitForSingleObject(listener->process, 60000) == WAIT_OBJECT_0, "the listener did not end\n");
    GetExitCodeProcess(listener->process, &code);
    ok(code == 0, "the listener failed %lu checks\n", code);
    CloseHandle(listener->process);
    CloseHandle(listener->ready);
    CloseHandle(listener->done);
}

/* In START_TEST: TRUE when this process is a listener (it ran and is done). */
static inline BOOL listener_run_if_asked(void)
{
    if (winetest_argc < 6 || strcmp(winetest_argv[1], "listen")) return FALSE;
    listener_main(strtoul(winetest_argv[2], NULL, 10), winetest_argv[3], strtol(winetest_argv[4], NULL, 10),
                  strtol(winetest_argv[5], NULL, 10));
    return TRUE;
}

#endif /* FXSCOMEX_TESTS_ARCHIVE_TESTS_H */
