/*
 * Running a client program (a sample, the script host, a test of the other bitness) the way a user
 * would, with its standard output and error going to temporary files, and checking what it printed.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_PROGRAM_RUN_H
#define FXSCOMEX_TESTS_PROGRAM_RUN_H

#include <stdio.h>
#include <stdlib.h>
#include "service_jobs.h"

#define PROGRAM_TIMEOUT_MS 180000

/* What one run printed, as bytes (programs write in the console's code page: ASCII here). */
struct run
{
    int code;
    char *out, *err;
};

/* A running program, its output going to two temporary files. */
struct running
{
    PROCESS_INFORMATION process;
    HANDLE out, err;
    WCHAR out_path[MAX_PATH], err_path[MAX_PATH];
    const WCHAR *name;
};

static inline HANDLE temp_output(WCHAR path[MAX_PATH])
{
    SECURITY_ATTRIBUTES inherit = { sizeof(inherit), NULL, TRUE };
    WCHAR folder[MAX_PATH];

    GetTempPathW(MAX_PATH, folder);
    GetTempFileNameW(folder, L"fxs", 0, path);
    return CreateFileW(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                       CREATE_ALWAYS, 0, NULL);
}

static inline char *read_back(HANDLE file, const WCHAR *path)
{
    DWORD size = GetFileSize(file, NULL), read = 0;
    char *text = calloc(1, size + 1);

    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    ReadFile(file, text, size, &read, NULL);
    text[read] = 0;
    CloseHandle(file);
    DeleteFileW(path);
    return text;
}

/* Starts a command line; name says which program it is in messages. */
static inline BOOL program_start(struct running *running, const WCHAR *name, const WCHAR *command_line)
{
    STARTUPINFOW startup = { sizeof(startup) };
    WCHAR *line = _wcsdup(command_line);
    BOOL started;

    running->name = name;
    running->out = temp_output(running->out_path);
    running->err = temp_output(running->err_path);
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    startup.hStdOutput = running->out;
    startup.hStdError = running->err;
    started = CreateProcessW(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &startup, &running->process);
    ok(started, "could not start %s: %lu\n", wine_dbgstr_w(line), GetLastError());
    free(line);
    return started;
}

/* Waits for the end of the run (killed after the timeout) and takes its output. */
static inline struct run program_finish(struct running *running, BOOL started)
{
    struct run run = { -1, NULL, NULL };
    DWORD code;

    if (started)
    {
        if (WaitForSingleObject(running->process.hProcess, PROGRAM_TIMEOUT_MS) == WAIT_OBJECT_0 &&
            GetExitCodeProcess(running->process.hProcess, &code))
            run.code = (int)code;
        else
        {
            ok(0, "%s did not end within %u s\n", wine_dbgstr_w(running->name), PROGRAM_TIMEOUT_MS / 1000);
            TerminateProcess(running->process.hProcess, 99);
        }
        CloseHandle(running->process.hProcess);
        CloseHandle(running->process.hThread);
    }
    run.out = read_back(running->out, running->out_path);
    run.err = read_back(running->err, running->err_path);
    return run;
}

static inline void run_free(struct run *run)
{
    free(run->out);
    free(run->err);
}

/* Whether the text holds the line (a whole line, CR LF or LF ended). */
static inline BOOL has_line(const char *text, const char *line)
{
    size_t length = strlen(line);
    const char *at = text;

    while ((at = strstr(at, line)))
    {
        if ((at == text || at[-1] == '\n') && (at[length] == '\r' || at[length] == '\n' || !at[length])) return TRUE;
        at++;
    }
    return FALSE;
}

static inline int count_lines_starting(const char *text, const char *start)
{
    const char *at = text;
    int count = 0;

    for (; at && *at; at = strchr(at, '\n'), at = at ? at + 1 : NULL)
        if (!strncmp(at, start, strlen(start))) count++;
    return count;
}

#define check_line(text, line) ok(has_line(text, line), "no line \"%s\" in:\n%s\n", line, text)

/* Waits until a running program printed the text (read through a handle of its own: the
 * program's handle shares its file position with ours). */
static inline BOOL wait_for_output(struct running *running, const char *text, DWORD timeout)
{
    double deadline = now_ms() + timeout;
    char *out;
    BOOL found;
    HANDLE file;

    for (;;)
    {
        file = CreateFileW(running->out_path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, 0, NULL);
        if (file == INVALID_HANDLE_VALUE) return FALSE;
        out = calloc(1, GetFileSize(file, NULL) + 1);
        ReadFile(file, out, GetFileSize(file, NULL), &(DWORD){ 0 }, NULL);
        CloseHandle(file);
        found = strstr(out, text) != NULL;
        free(out);
        if (found || now_ms() >= deadline) return found;
        if (WaitForSingleObject(running->process.hProcess, 100) == WAIT_OBJECT_0) return FALSE;
    }
}

/* Writes a one-page fax body for the programs to send: %TEMP%\<name>-<pid>.tif. */
static inline BOOL write_fax_body(const WCHAR *name, WCHAR path[MAX_PATH])
{
    tiff_buffer body = make_body(1);
    WCHAR folder[MAX_PATH];
    DWORD written = 0;
    HANDLE file;

    GetTempPathW(MAX_PATH, folder);
    swprintf(path, MAX_PATH, L"%ls%ls-%lu.tif", folder, name, GetCurrentProcessId());
    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return FALSE;
    WriteFile(file, body.data, (DWORD)body.size, &written, NULL);
    CloseHandle(file);
    tiff_buffer_free(&body);
    return written > 0;
}

#endif /* FXSCOMEX_TESTS_PROGRAM_RUN_H */
