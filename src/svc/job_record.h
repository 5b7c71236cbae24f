/*
 * A job (or an archived message) as a record, the form it has on disk (record.h), and back.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_JOB_RECORD_H
#define FXSSVC_JOB_RECORD_H

#include "job.h"
#include "record.h"

#define JOB_RECORD_KIND     "job"
#define MESSAGE_RECORD_KIND "message"

record_status job_to_record(const struct job *job, const char *kind, record **out);

/* A new job from a record; ERROR_INVALID_DATA when a field is missing or out of range. */
DWORD job_from_record(const record *rec, struct job **out);

#endif /* FXSSVC_JOB_RECORD_H */
