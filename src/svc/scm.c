/*
 * fxssvc.exe as a Windows service: --install and --uninstall through the Service Control Manager,
 * and the service entry point. The service runs the same lifecycle as a plain process; only how
 * it reports and how it is asked to stop differ.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "fxssvc_private.h"

#define STOP_WAIT_MS 15000   /* --uninstall waits this long for a running service to stop */

static SERVICE_STATUS_HANDLE status_handle;
static SERVICE_STATUS service_status;
static int service_exit_code;

static void report_status(DWORD state, DWORD wait_hint)
{
    service_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    service_status.dwCurrentState = state;
    service_status.dwControlsAccepted = state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
    service_status.dwWaitHint = wait_hint;
    if (state == SERVICE_STOPPED && service_exit_code)
    {
        service_status.dwWin32ExitCode = ERROR_SERVICE_SPECIFIC_ERROR;
        service_status.dwServiceSpecificExitCode = service_exit_code;
    }
    if (state == SERVICE_START_PENDING || state == SERVICE_STOP_PENDING) service_status.dwCheckPoint++;
    else service_status.dwCheckPoint = 0;
    SetServiceStatus(status_handle, &service_status);
}

static DWORD WINAPI control_handler(DWORD control, DWORD type, void *data, void *context)
{
    switch (control)
    {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN:
        report_status(SERVICE_STOP_PENDING, svc_settings.stop_grace_ms + 3000);
        lifecycle_request_stop("stopped by the Service Control Manager");
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR;
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

static void serving(void)
{
    report_status(SERVICE_RUNNING, 0);
}

static void WINAPI service_main(DWORD argc, WCHAR **argv)
{
    if (!(status_handle = RegisterServiceCtrlHandlerExW(FXSSVC_SERVICE_NAME, control_handler, NULL)))
        return;
    report_status(SERVICE_START_PENDING, 5000);
    service_exit_code = lifecycle_run(serving);
    report_status(SERVICE_STOPPED, 0);
}

/* --service: run under the Service Control Manager; started any other way, run as a plain
 * process (StartServiceCtrlDispatcher then fails at once). */
int scm_run_service(void)
{
    SERVICE_TABLE_ENTRYW table[] =
    {
        { (WCHAR *)FXSSVC_SERVICE_NAME, service_main },
        { NULL, NULL },
    };

    if (StartServiceCtrlDispatcherW(table)) return service_exit_code;
    if (GetLastError() == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) return lifecycle_run(NULL);
    fprintf(stderr, "fxssvc: cannot connect to the Service Control Manager: error %lu\n", GetLastError());
    return FXSSVC_EXIT_FAILED;
}

static int report_failure(const char *what)
{
    fprintf(stderr, "fxssvc: %s failed: error %lu\n", what, GetLastError());
    return FXSSVC_EXIT_FAILED;
}

/* An installed service gets the command line of this exe (it may have moved). */
static SC_HANDLE update_existing(SC_HANDLE manager, const WCHAR *command)
{
    SC_HANDLE service = OpenServiceW(manager, FXSSVC_SERVICE_NAME, SERVICE_ALL_ACCESS);

    if (service && !ChangeServiceConfigW(service, SERVICE_WIN32_OWN_PROCESS, SERVICE_DEMAND_START,
                                         SERVICE_ERROR_NORMAL, command, NULL, NULL, NULL, NULL, NULL,
                                         FXSSVC_DISPLAY_NAME))
    {
        CloseServiceHandle(service);
        service = NULL;
    }
    return service;
}

int scm_install(void)
{
    WCHAR exe[MAX_PATH], command[MAX_PATH + 16];
    SERVICE_DESCRIPTIONW description = { (WCHAR *)L"Sends and receives faxes for fxscomex.dll clients." };
    SC_HANDLE manager, service;

    if (!GetModuleFileNameW(NULL, exe, ARRAY_SIZE(exe))) return report_failure("GetModuleFileName");
    swprintf(command, ARRAY_SIZE(command), L"\"%ls\" --service", exe);
    if (!(manager = OpenSCManagerW(NULL, NULL, SC_MANAGER_CREATE_SERVICE))) return report_failure("OpenSCManager");
    service = CreateServiceW(manager, FXSSVC_SERVICE_NAME, FXSSVC_DISPLAY_NAME, SERVICE_ALL_ACCESS,
                             SERVICE_WIN32_OWN_PROCESS, SERVICE_DEMAND_START, SERVICE_ERROR_NORMAL,
                             command, NULL, NULL, NULL, NULL, NULL);
    if (!service && GetLastError() == ERROR_SERVICE_EXISTS) service = update_existing(manager, command);
    if (!service)
    {
        report_failure("CreateService");
        CloseServiceHandle(manager);
        return FXSSVC_EXIT_FAILED;
    }
    ChangeServiceConfig2W(service, SERVICE_CONFIG_DESCRIPTION, &description);
    printf("fxssvc: installed as the service %ls (%ls)\n", FXSSVC_SERVICE_NAME, command);
    CloseServiceHandle(service);
    CloseServiceHandle(manager);
    return FXSSVC_EXIT_OK;
}

/* Asks a running service to stop and waits until it has. */
static void stop_and_wait(SC_HANDLE service)
{
    SERVICE_STATUS status;
    ULONGLONG deadline = GetTickCount64() + STOP_WAIT_MS;

    if (!ControlService(service, SERVICE_CONTROL_STOP, &status)) return;
    while (QueryServiceStatus(service, &status) && status.dwCurrentState != SERVICE_STOPPED &&
           GetTickCount64() < deadline)
        Sleep(50);
}

int scm_uninstall(void)
{
    SC_HANDLE manager, service;
    int result = FXSSVC_EXIT_OK;

    if (!(manager = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT))) return report_failure("OpenSCManager");
    if (!(service = OpenServiceW(manager, FXSSVC_SERVICE_NAME, SERVICE_STOP | SERVICE_QUERY_STATUS | DELETE)))
    {
        if (GetLastError() == ERROR_SERVICE_DOES_NOT_EXIST)
            printf("fxssvc: the service %ls is not installed\n", FXSSVC_SERVICE_NAME);
        else result = report_failure("OpenService");
        CloseServiceHandle(manager);
        return result;
    }
    stop_and_wait(service);
    if (DeleteService(service)) printf("fxssvc: the service %ls is uninstalled\n", FXSSVC_SERVICE_NAME);
    else result = report_failure("DeleteService");
    CloseServiceHandle(service);
    CloseServiceHandle(manager);
    return result;
}
