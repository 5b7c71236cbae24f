/*
 * The RPC stubs' allocator, the same in the DLL and the service: malloc. Event records rely on it
 * (include/fxs_event.h): what a stub allocates is freed with free(), and the reverse.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <rpc.h>

void __RPC_FAR * __RPC_USER MIDL_user_allocate(size_t size)
{
    return malloc(size);
}

void __RPC_USER MIDL_user_free(void __RPC_FAR *ptr)
{
    free(ptr);
}
