/*
 * Remote access's proof of a secret (idl/faxsvc.idl, "Remote access"): the key a secret derives,
 * and the answer to a challenge, computed the same way by the client (src/link) and the service.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_REMOTE_H
#define FXS_REMOTE_H

#include <windows.h>

#define FXS_REMOTE_NONCE_SIZE 32
#define FXS_REMOTE_SALT_SIZE  16
#define FXS_REMOTE_KEY_SIZE   32
#define FXS_REMOTE_ITERATIONS 10000   /* of PBKDF2, for the keys the service derives */
#define FXS_REMOTE_MAX_ITERATIONS 1000000   /* a client derives no more, whatever a server says */
#define FXS_REMOTE_MIN_SECRET 8
#define FXS_REMOTE_MAX_NAME   256       /* characters of a user name or a secret */

/* Where a client finds what it authenticates with (HKEY_CURRENT_USER): a key per server, named as
 * the host given to Connect (without ":port"), with the string values "User" (default: the
 * current user's name) and "Secret". */
#define FXS_REMOTE_CLIENT_KEY L"Software\\fxscomex\\Servers"

/* PBKDF2-HMAC-SHA256 of the secret's UTF-16LE bytes. A Win32 error code. */
DWORD fxs_remote_derive_key(const WCHAR *secret, const BYTE salt[FXS_REMOTE_SALT_SIZE], DWORD iterations,
                            BYTE key[FXS_REMOTE_KEY_SIZE]);

/* HMAC-SHA256(key, "fxscomex remote v1" NUL, nonce, user's UTF-16LE bytes). */
DWORD fxs_remote_proof(const BYTE key[FXS_REMOTE_KEY_SIZE], const BYTE nonce[FXS_REMOTE_NONCE_SIZE], const WCHAR *user,
                       BYTE proof[FXS_REMOTE_KEY_SIZE]);

/* size random bytes from the system's generator. */
DWORD fxs_remote_random(void *buffer, DWORD size);

/* Compares in a time that does not depend on where the bytes differ. */
BOOL fxs_remote_equal(const void *a, const void *b, size_t size);

#endif /* FXS_REMOTE_H */
