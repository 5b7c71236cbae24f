/*
 * Remote sessions' authentication (idl/faxsvc.idl, "Remote access"): a challenge is a random
 * nonce the service remembers for one answer, for one user, for CHALLENGE_LIFE_MS; the answer
 * proves the user's secret without sending it. A replayed answer finds its nonce spent.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include "remote_access.h"

#define MAX_CHALLENGES    64        /* outstanding; the oldest gives way to a new one */
#define CHALLENGE_LIFE_MS 60000

struct challenge
{
    BYTE nonce[FXS_REMOTE_NONCE_SIZE];
    WCHAR user[FXS_REMOTE_MAX_NAME + 1];
    ULONGLONG issued;                   /* GetTickCount64; 0: free */
};

static SRWLOCK lock = SRWLOCK_INIT;
static struct challenge challenges[MAX_CHALLENGES];
static BYTE decoy_secret[FXS_REMOTE_KEY_SIZE];   /* salts of unknown users: stable within a run */
static BOOL decoy_ready;

static BOOL user_name_valid(const WCHAR *user)
{
    size_t length = user ? wcsnlen(user, FXS_REMOTE_MAX_NAME + 1) : 0;
    size_t i;

    if (!length || length > FXS_REMOTE_MAX_NAME) return FALSE;
    for (i = 0; i < length; i++)
        if (user[i] < ' ' || user[i] == 0x7f) return FALSE;
    return TRUE;
}

/* An unknown user gets a salt as a known one would, the same each time: the challenge does not
 * tell who has an account. */
static DWORD decoy_salt(const WCHAR *user, BYTE salt[FXS_REMOTE_SALT_SIZE])
{
    BYTE digest[FXS_REMOTE_KEY_SIZE], zero[FXS_REMOTE_NONCE_SIZE] = { 0 };
    WCHAR lower[FXS_REMOTE_MAX_NAME + 1];
    DWORD error = ERROR_SUCCESS;

    AcquireSRWLockExclusive(&lock);
    if (!decoy_ready && !(error = fxs_remote_random(decoy_secret, sizeof(decoy_secret)))) decoy_ready = TRUE;
    ReleaseSRWLockExclusive(&lock);
    if (error) return error;
    lstrcpynW(lower, user, ARRAY_SIZE(lower));
    _wcslwr(lower);
    if ((error = fxs_remote_proof(decoy_secret, zero, lower, digest))) return error;
    memcpy(salt, digest, FXS_REMOTE_SALT_SIZE);
    return ERROR_SUCCESS;
}

DWORD remote_challenge(const WCHAR *user, fxs_remote_challenge *challenge)
{
    BYTE key[FXS_REMOTE_KEY_SIZE], salt[FXS_REMOTE_SALT_SIZE];
    struct challenge *slot;
    ULONGLONG oldest = ~0ull;
    unsigned int i;
    DWORD error;

    memset(challenge, 0, sizeof(*challenge));
    if (!user_name_valid(user)) return ERROR_INVALID_PARAMETER;
    if (remote_user_key(user, salt, key) && (error = decoy_salt(user, salt))) return error;
    SecureZeroMemory(key, sizeof(key));
    if ((error = fxs_remote_random(challenge->nonce, sizeof(challenge->nonce)))) return error;
    memcpy(challenge->salt, salt, sizeof(challenge->salt));
    challenge->iterations = FXS_REMOTE_ITERATIONS;

    AcquireSRWLockExclusive(&lock);
    slot = &challenges[0];
    for (i = 0; i < MAX_CHALLENGES; i++)
        if (challenges[i].issued < oldest) oldest = (slot = &challenges[i])->issued;
    memcpy(slot->nonce, challenge->nonce, sizeof(slot->nonce));
    lstrcpynW(slot->user, user, ARRAY_SIZE(slot->user));
    slot->issued = GetTickCount64();
    ReleaseSRWLockExclusive(&lock);
    return ERROR_SUCCESS;
}

/* Spends the challenge of nonce, if the service gave it to user less than CHALLENGE_LIFE_MS ago. */
static BOOL take_challenge(const BYTE *nonce, const WCHAR *user)
{
    ULONGLONG now = GetTickCount64();
    BOOL found = FALSE;
    unsigned int i;

    AcquireSRWLockExclusive(&lock);
    for (i = 0; i < MAX_CHALLENGES && !found; i++)
    {
        struct challenge *slot = &challenges[i];

        if (!slot->issued || !fxs_remote_equal(slot->nonce, nonce, sizeof(slot->nonce))) continue;
        found = now - slot->issued < CHALLENGE_LIFE_MS && !_wcsicmp(slot->user, user);
        memset(slot, 0, sizeof(*slot));
    }
    ReleaseSRWLockExclusive(&lock);
    return found;
}

DWORD remote_verify(const fxs_remote_answer *answer)
{
    BYTE key[FXS_REMOTE_KEY_SIZE], salt[FXS_REMOTE_SALT_SIZE], proof[FXS_REMOTE_KEY_SIZE];
    DWORD error;

    if (!answer || !user_name_valid(answer->user)) return ERROR_INVALID_PARAMETER;
    if (!take_challenge((const BYTE *)answer->nonce, answer->user)) return ERROR_CONTEXT_EXPIRED;
    if (remote_user_key(answer->user, salt, key)) return ERROR_LOGON_FAILURE;
    error = fxs_remote_proof(key, (const BYTE *)answer->nonce, answer->user, proof);
    SecureZeroMemory(key, sizeof(key));
    if (error) return error;
    return fxs_remote_equal(proof, answer->proof, sizeof(proof)) ? ERROR_SUCCESS : ERROR_LOGON_FAILURE;
}
