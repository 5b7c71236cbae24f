/*
 * Requests answered later by a device provider (provider_request.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "provider_request.h"

struct provider_request
{
    LONG refs;
    HANDLE answered;
    DWORD error;
};

static void release(struct provider_request *request)
{
    if (InterlockedDecrement(&request->refs)) return;
    CloseHandle(request->answered);
    free(request);
}

struct provider_request *provider_request_create(void)
{
    struct provider_request *request = calloc(1, sizeof(*request));

    if (!request) return NULL;
    if (!(request->answered = CreateEventW(NULL, TRUE, FALSE, NULL)))
    {
        free(request);
        return NULL;
    }
    request->refs = 2;
    return request;
}

void provider_request_done(struct provider_request *request, DWORD error)
{
    if (!request) return;
    request->error = error;
    SetEvent(request->answered);
    release(request);
}

DWORD provider_request_wait(struct provider_request *request, DWORD timeout_ms)
{
    DWORD error = ERROR_TIMEOUT;

    if (WaitForSingleObject(request->answered, timeout_ms) == WAIT_OBJECT_0) error = request->error;
    release(request);
    return error;
}
