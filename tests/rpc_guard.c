/*
 * Tests of the RPC guard (src/link/guard.c): it returns the code of an exception raised under it,
 * leaves the exception chain and the stack as they were, nests, works on several threads at once,
 * and turns a call to a service that is not running into RPC_S_SERVER_UNAVAILABLE quickly.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service.h"

static void set_five(void *arg)
{
    *(int *)arg = 5;
}

static void raise_code(void *arg)
{
    RaiseException(*(DWORD *)arg, 0, 0, NULL);
}

static void read_null(void *arg)
{
    *(volatile int *)arg = *(volatile int *)NULL;
}

static void raise_deep(void *arg)
{
    int *depth = arg;
    if (--*depth > 0) raise_deep(arg);
    else RaiseException(0xe0001234, 0, 0, NULL);
    (*depth)++;   /* keeps the recursion from becoming a loop */
}

static void nested(void *arg)
{
    DWORD code = 1722, *inner = arg;
    *inner = fxs_rpc_guard(raise_code, &code);
}

/* The head of the i686 exception chain (fs:0); x86_64 unwinds through tables and has none. */
static void *exception_list(void)
{
#ifdef __i386__
    void *list;
    __asm__ __volatile__ ("movl %%fs:0, %0" : "=r" (list));
    return list;
#else
    return NULL;
#endif
}

static void test_calls(void)
{
    DWORD code = RPC_S_SERVER_UNAVAILABLE, inner = 0, result;
    void *chain = exception_list();
    int value = 0, depth = 50;

    ok(!fxs_rpc_guard(set_five, &value), "a call that raises nothing gave an exception code\n");
    ok(value == 5, "the call did not run: %d\n", value);

    result = fxs_rpc_guard(raise_code, &code);
    ok(result == RPC_S_SERVER_UNAVAILABLE, "got %lu\n", result);
    code = RPC_X_SS_CONTEXT_MISMATCH;
    result = fxs_rpc_guard(raise_code, &code);
    ok(result == RPC_X_SS_CONTEXT_MISMATCH, "got %lu\n", result);

    result = fxs_rpc_guard(read_null, &value);
    ok(result == EXCEPTION_ACCESS_VIOLATION, "got %#lx\n", result);

    result = fxs_rpc_guard(raise_deep, &depth);
    ok(result == 0xe0001234, "an exception 50 frames down gave %#lx\n", result);

    result = fxs_rpc_guard(nested, &inner);
    ok(!result && inner == RPC_S_SERVER_UNAVAILABLE, "nested guards: outer %lu, inner %lu\n", result, inner);

    ok(exception_list() == chain, "the exception chain changed: %p, was %p\n", exception_list(), chain);
}

/* Many caught exceptions in a row: no stack or exception frame is left behind. */
static void test_repeated(void)
{
    DWORD code = RPC_S_CALL_FAILED, failures = 0, i;
    void *chain = exception_list();
    volatile char marker;
    char *stack = (char *)&marker;
    double start = now_ms();

    for (i = 0; i < 10000; i++)
        if (fxs_rpc_guard(raise_code, &code) != RPC_S_CALL_FAILED) failures++;
    ok(!failures, "%lu of 10000 exceptions gave a wrong code\n", failures);
    ok(exception_list() == chain, "the exception chain changed after 10000 exceptions\n");
    ok((char *)&marker == stack, "the stack moved\n");
    trace("a caught exception costs %.1f us\n", (now_ms() - start) * 1000.0 / 10000);
}

static DWORD WINAPI thread_raises(void *arg)
{
    DWORD code = (DWORD)(ULONG_PTR)arg, wrong = 0, i;

    for (i = 0; i < 2000; i++)
        if (fxs_rpc_guard(raise_code, &code) != code) wrong++;
    return wrong;
}

/* The x86_64 guard keeps the code in thread-local storage: threads must not see each other's. */
static void test_threads(void)
{
    HANDLE threads[4];
    DWORD wrong, i;

    for (i = 0; i < ARRAY_SIZE(threads); i++)
        threads[i] = CreateThread(NULL, 0, thread_raises, (void *)(ULONG_PTR)(0xe0000100 + i), 0, NULL);
    for (i = 0; i < ARRAY_SIZE(threads); i++)
    {
        ok(WaitForSingleObject(threads[i], 30000) == WAIT_OBJECT_0, "thread %lu did not end\n", i);
        GetExitCodeThread(threads[i], &wrong);
        ok(!wrong, "thread %lu saw %lu wrong codes\n", i, wrong);
        CloseHandle(threads[i]);
    }
}

/* No service: the stub raises RPC_S_SERVER_UNAVAILABLE, which the guard returns. */
static void test_no_service(void)
{
    fxs_client_info client = { GetCurrentProcessId(), 0, (WCHAR *)L"user", NULL, (WCHAR *)L"rpc_guard" };
    fxs_session_handle session = NULL;
    RPC_BINDING_HANDLE binding;
    fxs_server_info server;
    DWORD status, i;
    double start;

    ok(stop_service(), "a fax service was left running and does not stop\n");
    ok(!fxs_bind(&binding), "fxs_bind failed\n");
    start = now_ms();
    status = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(status == RPC_S_SERVER_UNAVAILABLE, "got %lu\n", status);
    ok(!session, "got a session\n");
    trace("a call without a service fails in %.2f ms\n", now_ms() - start);
    start = now_ms();
    for (i = 0; i < 100; i++) status = fxs_rpc_open_session(binding, &client, &server, &session);
    ok(status == RPC_S_SERVER_UNAVAILABLE, "got %lu\n", status);
    trace("100 calls without a service failed in %.0f ms\n", now_ms() - start);
    RpcBindingFree(&binding);
}

START_TEST(rpc_guard)
{
    test_calls();
    test_repeated();
    test_threads();
    test_no_service();
}
