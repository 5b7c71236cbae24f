/*
 * The service's side of edits made on what was read (include/fxs_revision.h). Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_CONFIG_REVISION_H
#define FXSSVC_CONFIG_REVISION_H

#include <windows.h>
#include "record.h"
#include "fxs_revision.h"

/* ERROR_SUCCESS when rec has no FXS_REVISION_KEY, or the revision of the class in force as
 * fxs_get_config gives it with read_flags (CONFIG_RECORD_*); ERROR_REVISION_MISMATCH when the
 * class changed since; ERROR_INVALID_PARAMETER for a revision that is no number. */
DWORD config_revision_check(DWORD config_class, const record *rec, DWORD read_flags);

#endif /* FXSSVC_CONFIG_REVISION_H */
