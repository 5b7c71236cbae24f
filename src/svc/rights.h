/*
 * Access rights: what a session may do, the FAX_ACCESS_RIGHTS_ENUM bits (farSUBMIT_LOW ...
 * farMANAGE_OUT_ARCHIVE) that IFaxSecurity.GrantedRights shows. They come from the security
 * configuration's descriptor, checked against the client's own token when its session opens, and
 * every RPC method asks for the rights it needs before it does anything.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_RIGHTS_H
#define FXSSVC_RIGHTS_H

#include <windows.h>

struct session;

/* All the rights there are (farSUBMIT_LOW | ... | farMANAGE_OUT_ARCHIVE). */
#define RIGHTS_ALL 0x07ff

/* The rights of the client of the current RPC call (its token against the security descriptor),
 * and its account name, which owns what the session submits (whatever name the client gives). */
DWORD rights_of_caller(DWORD *granted, WCHAR *user, DWORD user_size);

/* ERROR_SUCCESS when the session holds every right of needed, else ERROR_ACCESS_DENIED. */
DWORD rights_require(const struct session *session, DWORD needed);

/* ERROR_SUCCESS when the session holds at least one right of any. */
DWORD rights_require_any(const struct session *session, DWORD any);

#endif /* FXSSVC_RIGHTS_H */
