/*
 * The service's tunables, read once at start from its environment (names in fxs_service.h). The
 * configuration store will override them when it exists; the environment is what tests use.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <wchar.h>
#include "fxssvc_private.h"

struct svc_settings svc_settings =
{
    60000,      /* idle_ms */
    30000,      /* max_wait_ms */
    2000,       /* stop_grace_ms */
    FALSE,      /* test_hooks */
    0,          /* crash_at */
};

/* A decimal number from the environment, or fallback when unset or not a number. */
static DWORD env_number(const WCHAR *name, DWORD fallback)
{
    WCHAR value[32], *end;
    unsigned long number;
    DWORD length = GetEnvironmentVariableW(name, value, ARRAY_SIZE(value));

    if (!length || length >= ARRAY_SIZE(value)) return fallback;
    number = wcstoul(value, &end, 10);
    return end != value && !*end ? number : fallback;
}

void settings_load(void)
{
    svc_settings.idle_ms = env_number(FXSSVC_ENV_IDLE_MS, svc_settings.idle_ms);
    svc_settings.max_wait_ms = env_number(FXSSVC_ENV_MAX_WAIT_MS, svc_settings.max_wait_ms);
    svc_settings.stop_grace_ms = env_number(FXSSVC_ENV_STOP_GRACE_MS, svc_settings.stop_grace_ms);
    svc_settings.test_hooks = env_number(FXSSVC_ENV_TEST_HOOKS, 0) == 1;
    svc_settings.crash_at = svc_settings.test_hooks ? env_number(FXSSVC_ENV_CRASH_AT, 0) : 0;
}
