/*
 * What the fax service process, fxssvc.exe, shares with its clients (the DLL's link, its own
 * --stop command, the tests): names, exit codes, environment variables.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_SERVICE_H
#define FXS_SERVICE_H

/* The file name; the DLL starts the one in its own folder. */
#define FXSSVC_EXE_NAME      L"fxssvc.exe"

/* The fixed ncalrpc endpoint the service listens on. */
#define FXSSVC_ENDPOINT      L"fxscomex.fxssvc.v1"

/* Held by the running service for its whole life: one service per machine (or Wine prefix).
 * Two servers on one ncalrpc endpoint would both answer, alternately. */
#define FXSSVC_MUTEX_NAME    L"Global\\fxscomex.fxssvc.instance"

/* The Service Control Manager's name and display name for --install. */
#define FXSSVC_SERVICE_NAME  L"fxscomex-fax"
#define FXSSVC_DISPLAY_NAME  L"fxscomex Fax Service"

/* Exit codes of fxssvc.exe. */
#define FXSSVC_EXIT_OK              0   /* served and stopped; or the command succeeded */
#define FXSSVC_EXIT_FAILED          1   /* could not serve, or the command failed */
#define FXSSVC_EXIT_USAGE           2   /* bad command line */
#define FXSSVC_EXIT_ALREADY_RUNNING 3   /* another instance holds the service's mutex */
#define FXSSVC_EXIT_NOT_RUNNING     4   /* --stop: no service answered */

/* Environment variables the service reads at start (later overridden by its configuration). */
#define FXSSVC_ENV_IDLE_MS       L"FXSSVC_IDLE_MS"        /* idle time before it stops itself; default 60000 */
#define FXSSVC_ENV_MAX_WAIT_MS   L"FXSSVC_MAX_WAIT_MS"    /* longest wait of one pull; default 30000 */
#define FXSSVC_ENV_STOP_GRACE_MS L"FXSSVC_STOP_GRACE_MS"  /* time sessions get to take FXSSVC_ENDED; default 2000 */
#define FXSSVC_ENV_TEST_HOOKS    L"FXSSVC_TEST_HOOKS"     /* 1: enable fxs_test_publish and FXSSVC_CRASH_AT */
#define FXSSVC_ENV_CRASH_AT      L"FXSSVC_CRASH_AT"       /* n: end the service at its n-th durable step (crash test) */
#define FXSSVC_ENV_EVENT_LOG_COPY L"FXSSVC_EVENT_LOG_COPY" /* with test hooks: a file that gets a line per ReportEvent */
#define FXSSVC_ENV_DATA_ROOT     L"FXSSVC_DATA_ROOT"      /* the folder of the service's state */
#define FXSSVC_ENV_CLOCK_SPEED   L"FXSSVC_CLOCK_SPEED"    /* service seconds per real second, 1-100000; default 1 */
#define FXSSVC_ENV_LOG_FILE      L"FXSSVC_LOG_FILE"       /* a file the service appends its log lines to */

/* The registry key of the service's settings (HKEY_LOCAL_MACHINE); its value DataRoot names the
 * data root when FXSSVC_DATA_ROOT is not set. */
#define FXSSVC_REGISTRY_KEY      L"Software\\fxscomex\\FaxService"

#endif /* FXS_SERVICE_H */
