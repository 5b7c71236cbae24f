/*
 * Remote access's proof of a secret (include/fxs_remote.h), with the system's BCrypt.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <windows.h>
#include <bcrypt.h>
#include <wchar.h>
#include "fxs_remote.h"

static const char proof_label[] = "fxscomex remote v1";   /* its NUL is hashed too */

/* BCrypt's failures that a caller can act on; the others are the provider's. */
static DWORD from_ntstatus(NTSTATUS status)
{
    if (status >= 0) return ERROR_SUCCESS;
    if (status == (NTSTATUS)0xc0000017 /* STATUS_NO_MEMORY */) return ERROR_OUTOFMEMORY;
    if (status == (NTSTATUS)0xc000000d /* STATUS_INVALID_PARAMETER */) return ERROR_INVALID_PARAMETER;
    return ERROR_INTERNAL_ERROR;
}

static DWORD open_hmac(BCRYPT_ALG_HANDLE *algorithm)
{
    return from_ntstatus(BCryptOpenAlgorithmProvider(algorithm, BCRYPT_SHA256_ALGORITHM, NULL,
                                                     BCRYPT_ALG_HANDLE_HMAC_FLAG));
}

DWORD fxs_remote_derive_key(const WCHAR *secret, const BYTE salt[FXS_REMOTE_SALT_SIZE], DWORD iterations,
                            BYTE key[FXS_REMOTE_KEY_SIZE])
{
    BCRYPT_ALG_HANDLE algorithm;
    DWORD error;

    if (!iterations || iterations > FXS_REMOTE_MAX_ITERATIONS) return ERROR_INVALID_PARAMETER;
    if ((error = open_hmac(&algorithm))) return error;
    error = from_ntstatus(BCryptDeriveKeyPBKDF2(algorithm, (UCHAR *)secret, (ULONG)(wcslen(secret) * sizeof(WCHAR)),
                                                (UCHAR *)salt, FXS_REMOTE_SALT_SIZE, iterations, key,
                                                FXS_REMOTE_KEY_SIZE, 0));
    BCryptCloseAlgorithmProvider(algorithm, 0);
    return error;
}

DWORD fxs_remote_proof(const BYTE key[FXS_REMOTE_KEY_SIZE], const BYTE nonce[FXS_REMOTE_NONCE_SIZE], const WCHAR *user,
                       BYTE proof[FXS_REMOTE_KEY_SIZE])
{
    BCRYPT_ALG_HANDLE algorithm;
    BCRYPT_HASH_HANDLE hash;
    NTSTATUS status;
    DWORD error;

    if ((error = open_hmac(&algorithm))) return error;
    status = BCryptCreateHash(algorithm, &hash, NULL, 0, (UCHAR *)key, FXS_REMOTE_KEY_SIZE, 0);
    if (status >= 0)
    {
        if ((status = BCryptHashData(hash, (UCHAR *)proof_label, sizeof(proof_label), 0)) >= 0 &&
            (status = BCryptHashData(hash, (UCHAR *)nonce, FXS_REMOTE_NONCE_SIZE, 0)) >= 0 &&
            (status = BCryptHashData(hash, (UCHAR *)user, (ULONG)(wcslen(user) * sizeof(WCHAR)), 0)) >= 0)
            status = BCryptFinishHash(hash, proof, FXS_REMOTE_KEY_SIZE, 0);
        BCryptDestroyHash(hash);
    }
    BCryptCloseAlgorithmProvider(algorithm, 0);
    return from_ntstatus(status);
}

DWORD fxs_remote_random(void *buffer, DWORD size)
{
    return from_ntstatus(BCryptGenRandom(NULL, buffer, size, BCRYPT_USE_SYSTEM_PREFERRED_RNG));
}

BOOL fxs_remote_equal(const void *a, const void *b, size_t size)
{
    const volatile BYTE *x = a, *y = b;
    BYTE difference = 0;
    size_t i;

    for (i = 0; i < size; i++) difference |= x[i] ^ y[i];
    return !difference;
}
