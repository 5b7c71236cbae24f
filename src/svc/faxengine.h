/*
 * The fax engine as a whole: starting it (configuration, the data root, the devices, the archives,
 * the jobs a previous run left, recovered) and stopping it. Called by the service's lifecycle.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_FAXENGINE_H
#define FXSSVC_FAXENGINE_H

#include <windows.h>

DWORD faxengine_start(void);
void faxengine_stop(void);

/* Whether a job is queued or being sent or received: the service is not idle then. */
BOOL faxengine_busy(void);

#endif /* FXSSVC_FAXENGINE_H */
