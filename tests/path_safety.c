/*
 * Names and folders from clients never reach outside the data root, nor into its own folders:
 * hostile activity-log and archive folders (relative, UNC, device paths, "..", device names,
 * alternate data streams, trailing dots and spaces, control characters, the data root's own
 * folders) and server cover page names are refused with a precise error, through the raw RPC and
 * through the public API (vtable and IDispatch), and nothing is created outside the data root;
 * legitimate names still work.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fax_objects.h"
#include "config_edit.h"

static WCHAR data_root[MAX_PATH], sandbox[MAX_PATH];

/* The folders a client may try: <S> stands for the sandbox, <R> for the data root. */
static const WCHAR *const hostile_folders[] =
{
    L"relative\\logs", L"logs", L"\\logs", L"C:logs", L"\\\\server\\share\\logs", L"\\\\?\\<S>\\logs",
    L"\\\\.\\<S>\\logs", L"<S>\\..\\escape", L"<S>\\.\\logs", L"<S>\\sub\\..\\..\\escape", L"<S>\\NUL",
    L"<S>\\nul.txt", L"<S>\\Com1", L"<S>\\lpt9.log", L"<S>\\CON\\logs", L"<S>\\aux .txt", L"<S>\\clock$",
    L"<S>\\logs:stream", L"<S>\\logs::$DATA", L"<S>\\logs.", L"<S>\\logs ", L"<S>\\lo\x01gs",
    L"<S>\\lo\tgs", L"<S>\\a*b", L"<S>\\a?b", L"<S>\\a|b", L"<S>\\a<b>", L"<S>\\\\double",
    L"<R>", L"<R>\\", L"<R>\\queue", L"<R>\\QUEUE\\out", L"<R>\\config", L"<R>\\archive\\in",
    L"<R>\\tmp", L"<R>\\log", L"<R>/config/x",
};

static void format_folder(const WCHAR *format, WCHAR *folder)
{
    size_t length = 0;

    for (; *format && length < MAX_PATH - 1; format++)
    {
        const WCHAR *part = !wcsncmp(format, L"<S>", 3) ? sandbox : !wcsncmp(format, L"<R>", 3) ? data_root : NULL;

        if (!part)
        {
            folder[length++] = *format;
            continue;
        }
        lstrcpynW(folder + length, part, MAX_PATH - length);
        length = wcslen(folder);
        format += 2;
    }
    folder[length] = 0;
}

/* Every file and folder under a folder, counted. */
static int count_entries(const WCHAR *folder)
{
    WIN32_FIND_DATAW data;
    WCHAR pattern[MAX_PATH], sub[MAX_PATH];
    HANDLE find;
    int count = 0;

    swprintf(pattern, MAX_PATH, L"%ls\\*", folder);
    if ((find = FindFirstFileW(pattern, &data)) == INVALID_HANDLE_VALUE) return 0;
    do
    {
        if (!wcscmp(data.cFileName, L".") || !wcscmp(data.cFileName, L"..")) continue;
        count++;
        swprintf(sub, MAX_PATH, L"%ls\\%ls", folder, data.cFileName);
        if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) count += count_entries(sub);
    } while (FindNextFileW(find, &data));
    FindClose(find);
    return count;
}

/* Entries next to the sandbox whose names start with "escape" or are device-like: made by a leak. */
static BOOL escaped(void)
{
    WCHAR path[MAX_PATH];

    swprintf(path, MAX_PATH, L"%ls\\..\\escape", sandbox);
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

static DWORD set_folder(struct fxs_link *link, DWORD config_class, const WCHAR *folder)
{
    return config_set_field(link, config_class, "folder", folder, 0);
}

static void test_raw_folders(struct fxs_link *link)
{
    static const DWORD classes[] = { FXS_CONFIG_ACTIVITY_LOGGING, FXS_CONFIG_INBOX, FXS_CONFIG_SENTITEMS };
    int before_root = count_entries(data_root);
    WCHAR folder[MAX_PATH];
    unsigned int i, c;
    DWORD error;

    for (c = 0; c < ARRAY_SIZE(classes); c++)
        for (i = 0; i < ARRAY_SIZE(hostile_folders); i++)
        {
            format_folder(hostile_folders[i], folder);
            error = set_folder(link, classes[c], folder);
            ok(error == ERROR_BAD_PATHNAME, "class %#lx, folder %s: %lu\n", classes[c], wine_dbgstr_w(folder), error);
        }
    ok(count_entries(sandbox) == 0, "something was created in the sandbox\n");
    ok(!escaped(), "a folder was created outside the sandbox\n");
    ok(count_entries(data_root) == before_root, "the data root changed: %d entries, %d before\n",
       count_entries(data_root), before_root);

    /* Legitimate: a folder of the sandbox, one under the data root that is not its own, "",
     * environment variables. */
    swprintf(folder, MAX_PATH, L"%ls\\custom", data_root);
    ok(set_folder(link, FXS_CONFIG_ACTIVITY_LOGGING, folder) == ERROR_SUCCESS, "a folder under the data root refused\n");
    ok(set_folder(link, FXS_CONFIG_ACTIVITY_LOGGING, L"") == ERROR_SUCCESS, "\"\" refused\n");
    swprintf(folder, MAX_PATH, L"%ls\\logs", sandbox);
    ok(set_folder(link, FXS_CONFIG_ACTIVITY_LOGGING, folder) == ERROR_SUCCESS, "a plain folder refused\n");
    swprintf(folder, MAX_PATH, L"%ls\\faxes\\in.v2", sandbox);
    ok(set_folder(link, FXS_CONFIG_INBOX, folder) == ERROR_SUCCESS, "a plain archive folder refused\n");
    /* An archive is never under the data root (archive_folder.h): a refusal of its own. */
    swprintf(folder, MAX_PATH, L"%ls\\custom", data_root);
    ok(set_folder(link, FXS_CONFIG_SENTITEMS, folder) == ERROR_PATH_BUSY, "an archive under the data root taken\n");
    ok(set_folder(link, FXS_CONFIG_SENTITEMS, L"%TEMP%\\fxscomex-archive") == ERROR_SUCCESS, "%%TEMP%% refused\n");
    ok(set_folder(link, FXS_CONFIG_SENTITEMS, L"") == ERROR_SUCCESS, "\"\" refused\n");
    ok(set_folder(link, FXS_CONFIG_INBOX, L"") == ERROR_SUCCESS, "\"\" refused\n");
    /* An archive makes its folder when saved (tests/archive_policy.c): gone, the sandbox counts below
     * see only what the activity log writes. */
    swprintf(folder, MAX_PATH, L"%ls\\faxes\\in.v2", sandbox);
    ok(RemoveDirectoryW(folder), "the archive's folder was not made\n");
    swprintf(folder, MAX_PATH, L"%ls\\faxes", sandbox);
    RemoveDirectoryW(folder);
}

/* A fax sent with the activity log in the sandbox: the log is there, and nothing else. */
static void test_log_written(struct fxs_link *link)
{
    struct event_log log = { 0 };
    WCHAR path[MAX_PATH];
    ULONGLONG id;
    DWORD error = submit_fax(link, L"5550100", 1, &id);

    ok(!error, "submit: %lu\n", error);
    ok(!error && wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id), "not sent\n");
    log_free(&log);
    swprintf(path, MAX_PATH, L"%ls\\logs\\OutboxLOG.txt", sandbox);
    ok(GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES, "no log in the sandbox\n");
    ok(count_entries(sandbox) == 2, "%d entries in the sandbox\n", count_entries(sandbox));
    ok(set_folder(link, FXS_CONFIG_ACTIVITY_LOGGING, L"") == ERROR_SUCCESS, "back to the data root\n");
}

static void test_cover_page_names(struct fxs_link *link)
{
    static const WCHAR *const hostile[] =
    {
        L"..", L".", L"..\\..\\secret.cov", L"C:\\Windows\\win.ini", L"sub/x.cov", L"x.cov:stream", L"NUL",
        L"con.cov", L"COM3.cov", L"x.cov.", L"x.cov ", L"x\x1f.cov", L"x*.cov", L"\\\\server\\share\\x.cov",
    };
    static const WCHAR *const fine[] = { L"confdent.cov", L"fyi", L"Cover page (2).cov", L"nullable.cov", L"com10.cov" };
    fxs_document doc = { 0 };
    ULONGLONG id;
    unsigned int i;
    DWORD error;

    doc.cover_page_type = fcptSERVER;
    for (i = 0; i < ARRAY_SIZE(hostile); i++)
    {
        doc.cover_page = (WCHAR *)hostile[i];
        error = submit_document(link, &doc, L"9000", L"x", 1, &id);
        ok(error == ERROR_INVALID_NAME, "server cover page %s: %lu\n", wine_dbgstr_w(hostile[i]), error);
    }
    for (i = 0; i < ARRAY_SIZE(fine); i++)
    {
        doc.cover_page = (WCHAR *)fine[i];
        error = submit_document(link, &doc, L"9000", L"x", 1, &id);
        ok(error == ERROR_SUCCESS, "server cover page %s: %lu\n", wine_dbgstr_w(fine[i]), error);
    }
    /* A personal cover page is the client's own file: its path is the client's business. */
    doc.cover_page_type = fcptLOCAL;
    doc.cover_page = (WCHAR *)L"C:\\Users\\me\\..\\cover.cov";
    ok(submit_document(link, &doc, L"9000", L"x", 1, &id) == ERROR_SUCCESS, "a personal cover page's path\n");
}

static void test_extension_guids(struct fxs_link *link)
{
    static const WCHAR *const hostile[] =
    {
        L"..\\..\\..\\escape", L"{00000000-0000-0000-0000-000000000000}:x", L"NUL", L"{..\\..\\x}",
        L"{00000000-0000-0000-0000-00000000000}.", L"{00000000-0000-0000-0000-000000000000}\\..\\x",
    };
    BYTE byte = 1;
    unsigned int i;
    DWORD error;

    for (i = 0; i < ARRAY_SIZE(hostile); i++)
    {
        error = fxs_rpc_set_extension_data(fxs_link_session(link), 0, hostile[i], 1, &byte);
        ok(error == ERROR_INVALID_PARAMETER, "extension data GUID %s: %lu\n", wine_dbgstr_w(hostile[i]), error);
    }
    ok(!escaped() && count_entries(sandbox) == 2, "extension data escaped\n");
}

/* ---- the public API ---- */

static void check_refused(HRESULT hr, const char *what, const WCHAR *folder)
{
    ok(hr == HRESULT_FROM_WIN32(ERROR_BAD_PATHNAME) && last_error_has(L"outside the data root"), "%s %s: %#lx\n", what,
       wine_dbgstr_w(folder), hr);
}

static void test_activity_logging_api(IFaxServer2 *server)
{
    IFaxLoggingOptions *options = NULL;
    IFaxActivityLogging *logging = NULL;
    WCHAR folder[MAX_PATH];
    VARIANT value, none;
    BSTR text;
    unsigned int i;
    HRESULT hr;

    ok(IFaxServer2_get_LoggingOptions(server, &options) == S_OK, "LoggingOptions failed\n");
    if (!options) return;
    hr = IFaxLoggingOptions_get_ActivityLogging(options, &logging);
    IFaxLoggingOptions_Release(options);
    ok(hr == S_OK, "ActivityLogging: %#lx\n", hr);
    if (!logging) return;
    for (i = 0; i < ARRAY_SIZE(hostile_folders); i++)
    {
        format_folder(hostile_folders[i], folder);
        text = SysAllocString(folder);
        ok(IFaxActivityLogging_put_DatabasePath(logging, text) == S_OK, "put_DatabasePath\n");
        SysFreeString(text);
        check_refused(IFaxActivityLogging_Save(logging), "DatabasePath", folder);
        IFaxActivityLogging_Refresh(logging);
    }
    /* By name, as a script does. */
    format_folder(L"<S>\\x:y", folder);
    value = variant_text(folder);
    ok(put_by_name((IDispatch *)logging, L"DatabasePath", value) == S_OK, "DatabasePath by name\n");
    VariantClear(&value);
    VariantInit(&none);
    hr = invoke_by_name((IDispatch *)logging, L"Save", DISPATCH_METHOD, NULL, 0, &none);
    ok(hr == HRESULT_FROM_WIN32(ERROR_BAD_PATHNAME) || hr == DISP_E_EXCEPTION, "Save by name: %#lx\n", hr);
    IFaxActivityLogging_Refresh(logging);
    /* A plain folder still works. */
    swprintf(folder, MAX_PATH, L"%ls\\api-logs", sandbox);
    text = SysAllocString(folder);
    IFaxActivityLogging_put_DatabasePath(logging, text);
    SysFreeString(text);
    ok(IFaxActivityLogging_Save(logging) == S_OK, "a plain DatabasePath refused\n");
    text = SysAllocString(L"");
    IFaxActivityLogging_put_DatabasePath(logging, text);
    SysFreeString(text);
    ok(IFaxActivityLogging_Save(logging) == S_OK, "an empty DatabasePath refused\n");
    IFaxActivityLogging_Release(logging);
}

static void test_archive_api(IFaxServer2 *server)
{
    IFaxFolders *folders = NULL;
    IFaxIncomingArchive *incoming = NULL;
    IFaxOutgoingArchive *outgoing = NULL;
    WCHAR folder[MAX_PATH];
    unsigned int i;
    BSTR text;

    if (IFaxServer2_get_Folders(server, &folders) != S_OK) return;
    IFaxFolders_get_IncomingArchive(folders, &incoming);
    IFaxFolders_get_OutgoingArchive(folders, &outgoing);
    for (i = 0; incoming && outgoing && i < ARRAY_SIZE(hostile_folders); i++)
    {
        format_folder(hostile_folders[i], folder);
        text = SysAllocString(folder);
        IFaxIncomingArchive_put_ArchiveFolder(incoming, text);
        IFaxOutgoingArchive_put_ArchiveFolder(outgoing, text);
        SysFreeString(text);
        check_refused(IFaxIncomingArchive_Save(incoming), "incoming ArchiveFolder", folder);
        check_refused(IFaxOutgoingArchive_Save(outgoing), "outgoing ArchiveFolder", folder);
        IFaxIncomingArchive_Refresh(incoming);
        IFaxOutgoingArchive_Refresh(outgoing);
    }
    swprintf(folder, MAX_PATH, L"%ls\\archive-out", sandbox);
    text = SysAllocString(folder);
    if (outgoing)
    {
        IFaxOutgoingArchive_put_ArchiveFolder(outgoing, text);
        ok(IFaxOutgoingArchive_Save(outgoing) == S_OK, "a plain ArchiveFolder refused\n");
        IFaxOutgoingArchive_Release(outgoing);
    }
    SysFreeString(text);
    if (incoming) IFaxIncomingArchive_Release(incoming);
    IFaxFolders_Release(folders);
}

static void tests(IFaxServer2 *server, struct fxs_link *link)
{
    WCHAR temp[MAX_PATH];

    GetEnvironmentVariableW(FXSSVC_ENV_DATA_ROOT, data_root, ARRAY_SIZE(data_root));
    GetTempPathW(ARRAY_SIZE(temp), temp);
    swprintf(sandbox, MAX_PATH, L"%lsfxscomex-sandbox-%lu\\box", temp, GetCurrentProcessId());
    remove_folder(sandbox);
    *wcsrchr(sandbox, '\\') = 0;
    CreateDirectoryW(sandbox, NULL);
    wcscat(sandbox, L"\\box");
    CreateDirectoryW(sandbox, NULL);
    ok(count_entries(sandbox) == 0, "the sandbox is not empty\n");

    test_raw_folders(link);
    test_log_written(link);
    test_cover_page_names(link);
    test_extension_guids(link);
    test_activity_logging_api(server);
    test_archive_api(server);
    ok(!escaped(), "something escaped the sandbox\n");
    *wcsrchr(sandbox, '\\') = 0;
    remove_folder(sandbox);
}

static void after(void)
{
}

START_TEST(path_safety)
{
    run_against_service(L"fxscomex-path-safety", L"1000", tests, after);
}
