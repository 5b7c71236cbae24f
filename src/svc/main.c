/*
 * fxssvc.exe: the fax service. The command line chooses how it runs.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <wchar.h>
#include "fxssvc_private.h"

static const char usage[] =
    "Usage: fxssvc.exe [option]\n"
    "  (none)        run the fax service in this process, until stopped or idle\n"
    "  --service     run under the Service Control Manager (what --install registers);\n"
    "                started any other way, the same as no option\n"
    "  --stop        ask the running fax service to stop, and wait until it has\n"
    "  --install     register fxssvc.exe as the Windows service fxscomex-fax (manual start)\n"
    "  --uninstall   stop and remove that Windows service\n"
    "  --help        show this text\n"
    "Exit codes: 0 done, 1 failed, 2 bad command line, 3 a service is already running,\n"
    "4 (--stop) no service is running.\n";

/* Ctrl+C, or the console closing, stops a service run from a console gracefully. */
static BOOL WINAPI console_handler(DWORD type)
{
    lifecycle_request_stop("console");
    return TRUE;
}

static int run_plain(void)
{
    SetConsoleCtrlHandler(console_handler, TRUE);
    return lifecycle_run(NULL);
}

int wmain(int argc, WCHAR **argv)
{
    if (argc == 1) return run_plain();
    if (argc == 2 && !wcscmp(argv[1], L"--service")) return scm_run_service();
    if (argc == 2 && !wcscmp(argv[1], L"--stop")) return command_stop();
    if (argc == 2 && !wcscmp(argv[1], L"--install")) return scm_install();
    if (argc == 2 && !wcscmp(argv[1], L"--uninstall")) return scm_uninstall();
    if (argc == 2 && (!wcscmp(argv[1], L"--help") || !wcscmp(argv[1], L"/?")))
    {
        fputs(usage, stdout);
        return FXSSVC_EXIT_OK;
    }
    fputs(usage, stderr);
    return FXSSVC_EXIT_USAGE;
}
