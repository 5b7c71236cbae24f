/*
 * What the randomized tests (crash, soak, RPC fuzz) share: a seeded generator whose seed is
 * printed, so a failing run can be repeated, and numbers from the environment.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_SEEDED_RANDOM_H
#define FXSCOMEX_TESTS_SEEDED_RANDOM_H

#include <stdlib.h>
#include <windows.h>

static ULONGLONG rng_state;

/* A number from the environment (decimal or 0x hex), or fallback when unset. */
static inline DWORD env_number(const char *name, DWORD fallback)
{
    const char *value = getenv(name);
    return value && *value ? strtoul(value, NULL, 0) : fallback;
}

/* Seeds from the environment variable seed_name, or from the time; says how to repeat the run. */
static inline void rng_seed(const char *seed_name)
{
    rng_state = env_number(seed_name, 0) ? env_number(seed_name, 0) : GetTickCount64() ^ GetCurrentProcessId();
    trace("random seed %#I64x (%s=%#I64x repeats this run)\n", rng_state, seed_name, rng_state);
}

/* 0 .. bound - 1 (0 when bound is 0). */
static inline unsigned int rng_next(unsigned int bound)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return bound ? (unsigned int)((rng_state >> 33) % bound) : 0;
}

#endif /* FXSCOMEX_TESTS_SEEDED_RANDOM_H */
