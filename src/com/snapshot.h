/*
 * The record of a job or an archived message as its object keeps it (a snapshot of the service's
 * fxs_job_info, replaced at Refresh), and the getters the job and message objects share
 * (snapshot.c). Every getter takes the lock; a NULL out pointer is E_POINTER.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_SNAPSHOT_H
#define FXSCOMEX_SNAPSHOT_H

#include <stddef.h>
#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_job_info.h"

struct snapshot
{
    SRWLOCK lock;
    fxs_job_info info;
};

#define INFO(field) offsetof(fxs_job_info, field)

/* Takes over info's strings (info is zeroed). */
void snapshot_init(struct snapshot *snapshot, fxs_job_info *info);
void snapshot_replace(struct snapshot *snapshot, fxs_job_info *info);
void snapshot_clear(struct snapshot *snapshot);

/* Fields by their offset in fxs_job_info (INFO(field)); a NULL string reads as "". */
HRESULT snapshot_get_string(struct snapshot *snapshot, size_t offset, BSTR *value);
HRESULT snapshot_get_long(struct snapshot *snapshot, size_t offset, LONG *value);
HRESULT snapshot_get_date(struct snapshot *snapshot, size_t offset, DATE *value);
HRESULT snapshot_get_bool(struct snapshot *snapshot, size_t offset, VARIANT_BOOL *value);

/* TransmissionStart or End (FXS_TIME_TRANSMISSION_*): a time not set yet fails with
 * HRESULT_FROM_WIN32(ERROR_INVALID_DATA), as FaxJobStatus's does; what names the object. */
HRESULT snapshot_get_transmission_time(struct snapshot *snapshot, DWORD which, REFIID iid, const WCHAR *what,
                                       DATE *value);

/* New FaxSender and FaxRecipient objects holding the record's sender and recipient. */
HRESULT snapshot_get_sender(struct snapshot *snapshot, IFaxSender **value);
HRESULT snapshot_get_recipient(struct snapshot *snapshot, IFaxRecipient **value);

/* The id as the objects show it (16 hexadecimal digits). */
HRESULT fxs_job_id_get(ULONGLONG id, BSTR *value);

/* CopyTiff: writes an image to path, all or nothing. */
HRESULT fxs_write_image_file(const WCHAR *path, const BYTE *data, DWORD size, REFIID iid);

#endif /* FXSCOMEX_SNAPSHOT_H */
