/*
 * Edits made on what was read (see config_revision.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include "fxssvc_private.h"
#include "config.h"
#include "config_record.h"
#include "config_revision.h"

DWORD config_revision_check(DWORD config_class, const record *rec, DWORD read_flags)
{
    uint64_t given, revision;
    record *now = NULL;
    uint8_t *text = NULL;
    size_t length = 0;
    DWORD error;

    if (!record_has(rec, FXS_REVISION_KEY)) return ERROR_SUCCESS;
    if (record_get_u64(rec, FXS_REVISION_KEY, &given)) return ERROR_INVALID_PARAMETER;
    if ((error = config_to_record(config_class, config_get(), read_flags, &now))) return error;
    if (record_serialize(now, &text, &length)) error = ERROR_OUTOFMEMORY;
    record_free(now);
    if (error) return error;
    revision = fxs_config_revision(text, length);
    free(text);
    return given == revision ? ERROR_SUCCESS : ERROR_REVISION_MISMATCH;
}
