/*
 * Event records (fxs_event, defined by idl/faxsvc.idl): deep copies and release, shared by the
 * service, which queues copies for every subscribed session, and the DLL, which frees what the
 * stubs unmarshalled. Strings are owned by the record and allocated with malloc, the allocator of
 * MIDL_user_allocate on both sides (src/common/memory.c), so a record can move between a queue and
 * an RPC reply without copying.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_EVENT_H
#define FXS_EVENT_H

#include <windows.h>
#include "faxsvc.h"

/* TRUE when class is exactly one known FXS_EVENT_* bit. */
BOOL fxs_event_class_is_valid(DWORD event_class);

/* Copies src into dst with strings of its own; FALSE (and dst zeroed) when memory ran out. */
BOOL fxs_event_copy(fxs_event *dst, const fxs_event *src);

/* Frees the strings of a record and zeroes it. */
void fxs_event_clear(fxs_event *event);

/* Frees an array of records and their strings (what a pull returns). */
void fxs_events_free(fxs_event *events, DWORD count);

/* A malloc'ed copy of a string, NULL for NULL (or when memory ran out). */
WCHAR *fxs_strdup(const WCHAR *str);

#endif /* FXS_EVENT_H */
