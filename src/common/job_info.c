/*
 * Job records: release (see include/fxs_job_info.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include "fxs_job_info.h"

void fxs_job_status_clear(fxs_job_status *status)
{
    free(status->extended_status);
    free(status->csid);
    free(status->tsid);
    free(status->caller_id);
    free(status->routing_information);
    memset(status, 0, sizeof(*status));
}

void fxs_document_clear(fxs_document *document)
{
    WCHAR **sender = (WCHAR **)&document->sender;
    unsigned int i;

    free(document->subject);
    free(document->document_name);
    free(document->note);
    free(document->cover_page);
    free(document->receipt_address);
    for (i = 0; i < sizeof(document->sender) / sizeof(WCHAR *); i++) free(sender[i]);
    memset(document, 0, sizeof(*document));
}

void fxs_job_info_clear(fxs_job_info *info)
{
    fxs_job_status_clear(&info->status);
    fxs_document_clear(&info->document);
    free(info->submission_id);
    free(info->owner);
    free(info->recipient_number);
    free(info->recipient_name);
    free(info->device_name);
    memset(info, 0, sizeof(*info));
}

void fxs_job_infos_free(fxs_job_info *infos, DWORD count)
{
    DWORD i;

    if (!infos) return;
    for (i = 0; i < count; i++) fxs_job_info_clear(&infos[i]);
    free(infos);
}
