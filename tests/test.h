/*
 * The fxscomex test harness.
 *
 * It follows the conventions of Wine's own test.h (ok, todo_wine, skip, broken, trace,
 * winetest_push_context, START_TEST, "file.c:LINE: Test failed: ..."), written anew for this
 * project because Wine's header is not packaged and depends on Wine internals.
 *
 * One test program is one .c file that includes this header once and ends with
 * START_TEST(name) { ... }. The exit code is the number of failures (capped at 255); the last
 * line printed is Wine's summary line, which tests/run.sh reads.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TEST_H
#define FXSCOMEX_TEST_H

#include <windows.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Not every test uses every helper below: keep -Wall quiet about the unused ones only. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"

#define WINETEST_MAX_CONTEXT 8

struct winetest_thread
{
    const char *file;
    int line;
    int todo_level;        /* > 0 inside a todo_wine block */
    int todo_do_loop;
    int context_count;
    char context[WINETEST_MAX_CONTEXT][128];
};

static LONG winetest_successes;
static LONG winetest_failures;
static LONG winetest_todo_successes;
static LONG winetest_todo_failures;
static LONG winetest_skipped;
static int winetest_is_wine = -1;
static int winetest_debug = 1;
static CRITICAL_SECTION winetest_print_lock;
static DWORD winetest_tls = TLS_OUT_OF_INDEXES;
static int winetest_argc;
static char **winetest_argv;

/* Keeps the thread's last error, as Wine's harness does: ok(GetLastError() == ..., ...) must see
 * the error of the call before, not the one TlsGetValue leaves. */
static struct winetest_thread *winetest_thread_data(void)
{
    DWORD last_error = GetLastError();
    struct winetest_thread *data = (struct winetest_thread *)TlsGetValue(winetest_tls);
    if (!data)
    {
        data = (struct winetest_thread *)calloc(1, sizeof(*data));
        TlsSetValue(winetest_tls, data);
    }
    SetLastError(last_error);
    return data;
}

static int winetest_platform_is_wine(void)
{
    if (winetest_is_wine < 0)
        winetest_is_wine = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
    return winetest_is_wine;
}

static const char *winetest_basename(const char *file)
{
    const char *p = file, *q;
    for (q = file; *q; q++) if (*q == '/' || *q == '\\') p = q + 1;
    return p;
}

static void winetest_print_prefix(struct winetest_thread *data, const char *what)
{
    int i;
    printf("%s:%d: %s", winetest_basename(data->file), data->line, what);
    for (i = 0; i < data->context_count; i++) printf("%s: ", data->context[i]);
}

static void winetest_vprint(const char *what, const char *fmt, va_list args)
{
    struct winetest_thread *data = winetest_thread_data();
    EnterCriticalSection(&winetest_print_lock);
    winetest_print_prefix(data, what);
    vprintf(fmt, args);
    fflush(stdout);
    LeaveCriticalSection(&winetest_print_lock);
}

static void winetest_print(const char *what, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    winetest_vprint(what, fmt, args);
    va_end(args);
}

static void winetest_set_location(const char *file, int line)
{
    struct winetest_thread *data = winetest_thread_data();
    data->file = file;
    data->line = line;
}

static int winetest_vok(int condition, const char *fmt, va_list args)
{
    struct winetest_thread *data = winetest_thread_data();

    if (data->todo_level)
    {
        if (condition)
        {
            winetest_vprint("Test succeeded inside todo block: ", fmt, args);
            InterlockedIncrement(&winetest_failures);
            return 0;
        }
        if (winetest_debug > 0) winetest_vprint("Test marked todo: ", fmt, args);
        InterlockedIncrement(&winetest_todo_successes);
        return 1;
    }
    if (!condition)
    {
        winetest_vprint("Test failed: ", fmt, args);
        InterlockedIncrement(&winetest_failures);
        return 0;
    }
    if (winetest_debug > 1) winetest_print("", "Test succeeded\n");
    InterlockedIncrement(&winetest_successes);
    return 1;
}

static int winetest_ok(int condition, const char *fmt, ...)
{
    va_list args;
    int ret;
    va_start(args, fmt);
    ret = winetest_vok(condition, fmt, args);
    va_end(args);
    return ret;
}

static void winetest_trace(const char *fmt, ...)
{
    va_list args;
    if (winetest_debug <= 0) return;
    va_start(args, fmt);
    winetest_vprint("", fmt, args);
    va_end(args);
}

static void winetest_skip(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    winetest_vprint("Tests skipped: ", fmt, args);
    va_end(args);
    InterlockedIncrement(&winetest_skipped);
}

static void winetest_start_todo(int is_todo)
{
    struct winetest_thread *data = winetest_thread_data();
    data->todo_level = (data->todo_level << 1) | (is_todo != 0);
    data->todo_do_loop = 1;
}

static int winetest_loop_todo(void)
{
    struct winetest_thread *data = winetest_thread_data();
    int do_loop = data->todo_do_loop;
    data->todo_do_loop = 0;
    return do_loop;
}

static void winetest_end_todo(void)
{
    struct winetest_thread *data = winetest_thread_data();
    data->todo_level >>= 1;
}

static void winetest_push_context(const char *fmt, ...)
{
    struct winetest_thread *data = winetest_thread_data();
    va_list args;
    if (data->context_count < WINETEST_MAX_CONTEXT)
    {
        va_start(args, fmt);
        vsnprintf(data->context[data->context_count], sizeof(data->context[0]), fmt, args);
        va_end(args);
    }
    data->context_count++;
}

static void winetest_pop_context(void)
{
    struct winetest_thread *data = winetest_thread_data();
    if (data->context_count) data->context_count--;
}

/* Waits for a thread started by a test and reports it if it never ends. */
static void winetest_wait_child_thread(HANDLE thread, DWORD timeout)
{
    if (WaitForSingleObject(thread, timeout) != WAIT_OBJECT_0)
        winetest_print("Test failed: ", "thread did not end within %lu ms\n", timeout);
    CloseHandle(thread);
}

#define ok_(file, line)       (winetest_set_location(file, line), 0) ? 0 : winetest_ok
#define trace_(file, line)    (winetest_set_location(file, line), 0) ? (void)0 : winetest_trace
#define skip_(file, line)     (winetest_set_location(file, line), 0) ? (void)0 : winetest_skip

#define ok     ok_(__FILE__, __LINE__)
#define trace  trace_(__FILE__, __LINE__)
#define skip   skip_(__FILE__, __LINE__)
#define win_skip skip

#define todo_if(is_todo) for (winetest_start_todo(is_todo); winetest_loop_todo(); winetest_end_todo())
#define todo_wine        todo_if(winetest_platform_is_wine())
#define todo_wine_if(c)  todo_if(winetest_platform_is_wine() && (c))

/* A result that is only acceptable on Windows: Wine must do it right. */
#define broken(cond) (!winetest_platform_is_wine() && (cond))

#define wine_dbgstr_guid winetest_guid_str

static const char *winetest_guid_str(const GUID *id)
{
    static __thread char buf[8][40];
    static __thread int next;
    char *s = buf[next++ & 7];
    if (!id) return "(null)";
    snprintf(s, 40, "{%08lX-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
             (unsigned long)id->Data1, id->Data2, id->Data3, id->Data4[0], id->Data4[1], id->Data4[2],
             id->Data4[3], id->Data4[4], id->Data4[5], id->Data4[6], id->Data4[7]);
    return s;
}

static const char *wine_dbgstr_w(const WCHAR *str)
{
    static __thread char buf[8][512];
    static __thread int next;
    char *s = buf[next++ & 7];
    if (!str) return "(null)";
    s[0] = '"';
    WideCharToMultiByte(CP_UTF8, 0, str, -1, s + 1, 508, NULL, NULL);
    strcat(s, "\"");
    return s;
}

static int winetest_finish(const char *name)
{
    printf("%s: %ld tests executed (%ld marked as todo, %ld failures), %ld skipped.\n", name,
           winetest_successes + winetest_failures + winetest_todo_successes + winetest_todo_failures,
           winetest_todo_successes, winetest_failures + winetest_todo_failures, winetest_skipped);
    fflush(stdout);
    return winetest_failures > 255 ? 255 : (int)winetest_failures;
}

static void winetest_init(int argc, char **argv)
{
    const char *debug = getenv("WINETEST_DEBUG");
    winetest_argc = argc;
    winetest_argv = argv;
    if (debug) winetest_debug = atoi(debug);
    InitializeCriticalSection(&winetest_print_lock);
    winetest_tls = TlsAlloc();
    setvbuf(stdout, NULL, _IONBF, 0);
}

#define START_TEST(name) \
    static void func_##name(void); \
    int main(int argc, char **argv) \
    { \
        winetest_init(argc, argv); \
        func_##name(); \
        return winetest_finish(#name); \
    } \
    static void func_##name(void)

#pragma GCC diagnostic pop

#endif /* FXSCOMEX_TEST_H */
