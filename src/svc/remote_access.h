/*
 * Remote access (idl/faxsvc.idl, "Remote access"): its configuration class, the TCP listener it
 * starts, and the challenges that authenticate a remote session.
 *
 *   remote_config.c   the class FXS_CONFIG_REMOTE_ACCESS: users' salted keys, enabled, port;
 *                     the file remote_access.rec; starting the TCP listener
 *   remote_auth.c     challenges, answers, the remote session's user and rights
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_REMOTE_ACCESS_H
#define FXSSVC_REMOTE_ACCESS_H

#include <windows.h>
#include "faxsvc.h"
#include "fxs_remote.h"
#include "record.h"

struct store;

/* remote_config.c. Load at start (after the RPC endpoint serves: it may start listening on TCP);
 * get and set on the engine thread. */
void remote_config_load(struct store *store);
DWORD remote_config_get(record **out);
DWORD remote_config_set(const record *rec);

/* Any thread. */
BOOL remote_access_enabled(void);
/* The user's salt and key (the name compared without regard to case): ERROR_NOT_FOUND. */
DWORD remote_user_key(const WCHAR *name, BYTE salt[FXS_REMOTE_SALT_SIZE], BYTE key[FXS_REMOTE_KEY_SIZE]);

/* remote_auth.c, any thread. */
DWORD remote_challenge(const WCHAR *user, fxs_remote_challenge *challenge);
/* ERROR_SUCCESS when the answer proves the secret of answer->user (see faxsvc.idl for the codes). */
DWORD remote_verify(const fxs_remote_answer *answer);

/* endpoint.c: whether the current call came over TCP; listening on a TCP port. */
BOOL endpoint_call_is_remote(void);
DWORD endpoint_listen_tcp(DWORD port);

/* rights.c: what the security descriptor gives a remote user, who has no token here. */
DWORD rights_of_remote_user(const WCHAR *user, DWORD *granted);

#endif /* FXSSVC_REMOTE_ACCESS_H */
