/*
 * The RPC guard: calls an RPC client stub and turns the SEH exception it raises on a transport
 * failure (RPC_S_SERVER_UNAVAILABLE, RPC_X_SS_CONTEXT_MISMATCH, ...) into a return value.
 *
 * MinGW's gcc has no __try in C, and RpcTryExcept expands to it. This file holds the only
 * exception frame of the project, in one function per bitness:
 * - x86_64: MinGW's __try1/__except1 write a scope table entry for __C_specific_handler. They use
 *   fixed assembler labels, hence one guard per file and noinline; the filter must not be static,
 *   the scope table names it from assembly.
 * - i686: __try1 there installs a bare handler that cannot resume in this function, so the guard
 *   pushes its own SEH registration record and longjmps back into the guard from the handler.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <windows.h>
#define __MINGW_EXCPT_DEFINE_PSDK 1
#include <excpt.h>
#include <setjmp.h>
#include "fxs_link.h"

#ifdef __x86_64__

/* Where the filter writes the code: the innermost guard's own variable, so that a guard nested
 * in a guarded call leaves the outer one's result alone. */
static __thread volatile DWORD *guard_result;

LONG fxs_rpc_guard_filter(EXCEPTION_POINTERS *pointers, void *frame);

LONG fxs_rpc_guard_filter(EXCEPTION_POINTERS *pointers, void *frame)
{
    if (guard_result) *guard_result = pointers->ExceptionRecord->ExceptionCode;
    return EXCEPTION_EXECUTE_HANDLER;
}

__attribute__((noinline)) DWORD fxs_rpc_guard(fxs_guarded_call call, void *args)
{
    volatile DWORD code = 0;
    volatile DWORD * volatile outer = guard_result;

    guard_result = &code;
    __asm__ __volatile__ ("" ::: "memory");
    __try1(fxs_rpc_guard_filter)
    call(args);
    __except1
    __asm__ __volatile__ ("" ::: "memory");
    guard_result = outer;
    return code;
}

#else  /* i686 */

struct guard_frame
{
    EXCEPTION_REGISTRATION registration;   /* first: the handler receives its address */
    jmp_buf resume;
    DWORD code;
};

/* NT_TIB through fs:0x18 (its Self field). MinGW's NtCurrentTeb reads the same with an "m" operand
 * at a constant address, which gcc 12 reports under -Warray-bounds. */
static inline NT_TIB *current_tib(void)
{
    NT_TIB *tib;
    __asm__ __volatile__ ("movl %%fs:0x18, %0" : "=r" (tib));
    return tib;
}

static EXCEPTION_DISPOSITION NTAPI guard_handler(EXCEPTION_RECORD *record, void *frame,
                                                 CONTEXT *context, void *dispatcher)
{
    struct guard_frame *guard = frame;

    if (record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND))
        return ExceptionContinueSearch;
    guard->code = record->ExceptionCode;
    longjmp(guard->resume, 1);
}

__attribute__((noinline)) DWORD fxs_rpc_guard(fxs_guarded_call call, void *args)
{
    volatile struct guard_frame guard;
    NT_TIB *tib = current_tib();

    guard.code = 0;
    guard.registration.handler = guard_handler;
    if (setjmp(*(jmp_buf *)&guard.resume))
    {
        /* Back from the handler: drop our record and the dispatcher's above it. */
        tib->ExceptionList = (void *)guard.registration.prev;
        return guard.code;
    }
    guard.registration.prev = (void *)tib->ExceptionList;
    tib->ExceptionList = (void *)&guard.registration;
    call(args);
    tib->ExceptionList = (void *)guard.registration.prev;
    return 0;
}

#endif
