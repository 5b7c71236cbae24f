/*
 * The incoming queue: calls that ring a device, answering them (after the device's rings in
 * automatic mode, on FaxDevice.AnswerCall in manual mode, never in no-answer mode or while the
 * incoming queue is blocked), receiving, and routing the received fax into the incoming archive.
 * Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_INBOX_H
#define FXSSVC_INBOX_H

#include <windows.h>
#include "job.h"
#include "provider.h"

struct job *inbox_find(ULONGLONG id);
struct job *inbox_first(void);

/* FaxDevice.AnswerCall: answers the call ringing on the device. */
DWORD inbox_answer(DWORD device_id);
/* FaxIncomingJob.Cancel. */
DWORD inbox_cancel(ULONGLONG id);

/* The provider's reports about calls and receptions (provider_events). */
void inbox_ringing(DWORD device_id, LONG call_id, const WCHAR *caller_id, unsigned int ring);
void inbox_call_ended(DWORD device_id, LONG call_id);
struct job *inbox_receive_started(DWORD device_id, LONG call_id, const WCHAR *tsid, const WCHAR *caller_id);
void inbox_receive_progress(struct job *job, DWORD extended_status, LONG current_page);
void inbox_receive_done(struct job *job, enum provider_result result, const void *image, size_t size, LONG pages);

void inbox_shutdown(void);

#endif /* FXSSVC_INBOX_H */
