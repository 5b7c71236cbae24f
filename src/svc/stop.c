/*
 * fxssvc.exe --stop: asks the running service to stop, through its RPC interface like any client,
 * and waits until its process has exited.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "fxssvc_private.h"
#include "fxs_link.h"

/* The service's own stop takes up to its grace time (2 s by default) before it exits. */
#define EXIT_WAIT_MS 15000

/* A service that is already stopping takes no session: wait until it has gone. */
static int wait_until_gone(void)
{
    struct fxs_link_options options = { L"fxssvc --stop", NULL, FXS_CLIENT_PASSIVE, TRUE, 0 };
    ULONGLONG deadline = GetTickCount64() + EXIT_WAIT_MS;
    struct fxs_link *link;
    DWORD status;

    while ((status = fxs_link_open(&options, &link)) == ERROR_SHUTDOWN_IN_PROGRESS && GetTickCount64() < deadline)
        Sleep(20);
    if (!status) fxs_link_close(link);
    if (status == RPC_S_SERVER_UNAVAILABLE) return FXSSVC_EXIT_OK;
    fprintf(stderr, "fxssvc: the fax service is still stopping after %u s\n", EXIT_WAIT_MS / 1000);
    return FXSSVC_EXIT_FAILED;
}

int command_stop(void)
{
    struct fxs_link_options options = { L"fxssvc --stop", NULL, FXS_CLIENT_PASSIVE, TRUE, 0 };
    struct fxs_link *link;
    fxs_server_info server;
    HANDLE process;
    DWORD status;

    if ((status = fxs_link_open(&options, &link)) == ERROR_SHUTDOWN_IN_PROGRESS) return wait_until_gone();
    if (status)
    {
        printf("fxssvc: no fax service is running\n");
        return FXSSVC_EXIT_NOT_RUNNING;
    }
    fxs_link_server_info(link, &server);
    process = OpenProcess(SYNCHRONIZE, FALSE, server.process_id);
    status = fxs_link_stop_service(link);
    fxs_link_close(link);
    if (status)
    {
        fprintf(stderr, "fxssvc: the fax service refused to stop: error %lu\n", status);
        if (process) CloseHandle(process);
        return FXSSVC_EXIT_FAILED;
    }
    if (process && WaitForSingleObject(process, EXIT_WAIT_MS) != WAIT_OBJECT_0)
    {
        fprintf(stderr, "fxssvc: the fax service (process %lu) did not exit within %u s\n",
                server.process_id, EXIT_WAIT_MS / 1000);
        CloseHandle(process);
        return FXSSVC_EXIT_FAILED;
    }
    if (process) CloseHandle(process);
    printf("fxssvc: the fax service (process %lu) has stopped\n", server.process_id);
    return FXSSVC_EXIT_OK;
}
