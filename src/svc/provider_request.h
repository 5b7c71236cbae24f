/*
 * Requests to a device provider whose answer comes later from the line (provider.h: hold), and
 * an RPC thread waits for: the engine thread never waits for a line. The engine creates one, the
 * provider ends it once (provider_request_done, from any thread), the waiter reads the answer.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_PROVIDER_REQUEST_H
#define FXSSVC_PROVIDER_REQUEST_H

#include <windows.h>
#include "provider.h"

/* A request held twice: by the provider until it is done, by the waiter until it has waited. */
struct provider_request *provider_request_create(void);
/* The waiter's side: the answer, or ERROR_TIMEOUT when none came in timeout_ms; then lets go of
 * the request (after a timeout the provider's late answer frees it). */
DWORD provider_request_wait(struct provider_request *request, DWORD timeout_ms);

/* How long an RPC waits for a line's answer: longer than a provider waits for its line's reply. */
#define PROVIDER_REQUEST_TIMEOUT_MS 150000

#endif /* FXSSVC_PROVIDER_REQUEST_H */
