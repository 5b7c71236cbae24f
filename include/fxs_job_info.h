/*
 * Job records (fxs_job_info and its parts, defined by idl/faxsvc.idl): release of what the stubs
 * or the service allocated, shared by the service and the DLL.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_JOB_INFO_H
#define FXS_JOB_INFO_H

#include <windows.h>
#include "faxsvc.h"

void fxs_job_status_clear(fxs_job_status *status);
void fxs_document_clear(fxs_document *document);
void fxs_job_info_clear(fxs_job_info *info);
/* Frees an array of records and their strings (what a listing returns). */
void fxs_job_infos_free(fxs_job_info *infos, DWORD count);

#endif /* FXS_JOB_INFO_H */
