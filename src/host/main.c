/*
 * fxscript.exe: runs a .vbs or .js file as Windows Script Host's cscript does, with the WScript
 * object, and binds COM events to script functions (which Wine's cscript cannot).
 *
 *   fxscript.exe [//nologo] [//B] [//I] [//E:VBScript|JScript] [//object:Name=ProgID] script [arguments]
 *
 * Options start with //, anywhere on the line, as cscript's do; everything else after the script's
 * name is the script's arguments. //object:Name=ProgID creates the object before the script runs and
 * makes it a named item (what a .wsf file's <object> element does), so that JScript's
 * `function Name::Event()` handlers are bound to its events. The exit code is the one WScript.Quit
 * gave, else 1 when a script error was reported, else 0; 2 for a bad command line or file.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include "host.h"

struct host host;

static const WCHAR usage[] =
    L"Usage: fxscript.exe [//nologo] [//B] [//I] [//E:engine] [//object:Name=ProgID] scriptname.vbs|.js [arguments]\r\n"
    L"  //E:engine            VBScript or JScript (default: from the file's extension)\r\n"
    L"  //object:Name=ProgID  create the object before the script runs, as the named item Name\r\n"
    L"  //I, //B              interactive or batch mode (WScript.Interactive)";

static void input_error(const WCHAR *fmt, const WCHAR *value)
{
    WCHAR text[MAX_PATH * 2];

    swprintf(text, ARRAY_SIZE(text), fmt, value);
    host_write(STD_ERROR_HANDLE, text, TRUE);
}

/* ---- the command line ---- */

struct options
{
    const WCHAR *script;
    const WCHAR *engine;
    const WCHAR **objects;      /* "Name=ProgID" */
    int object_count;
};

static BOOL parse_option(const WCHAR *option, struct options *options)
{
    if (!_wcsicmp(option, L"nologo") || !_wcsicmp(option, L"logo")) return TRUE;
    if (!_wcsicmp(option, L"B")) host.interactive = FALSE;
    else if (!_wcsicmp(option, L"I")) host.interactive = TRUE;
    else if (!_wcsnicmp(option, L"E:", 2)) options->engine = option + 2;
    else if (!_wcsnicmp(option, L"object:", 7) && wcschr(option + 7, '=') && option[7] != '=')
        options->objects[options->object_count++] = option + 7;
    else return FALSE;
    return TRUE;
}

static int parse_command_line(int argc, WCHAR **argv, struct options *options)
{
    int i;

    host.interactive = TRUE;
    host.argv = calloc(argc, sizeof(*host.argv));
    options->objects = calloc(argc, sizeof(*options->objects));
    if (!host.argv || !options->objects) return HOST_EXIT_USAGE;
    for (i = 1; i < argc; i++)
    {
        if (!wcsncmp(argv[i], L"//", 2))
        {
            if (!wcscmp(argv[i], L"//?") || !_wcsicmp(argv[i], L"//help")) break;
            if (parse_option(argv[i] + 2, options)) continue;
            input_error(L"Input Error: Unknown option \"%ls\" specified.", argv[i]);
            return HOST_EXIT_USAGE;
        }
        if (!options->script) options->script = argv[i];
        else host.argv[host.argc++] = argv[i];
    }
    if (!options->script)
    {
        host_write(STD_ERROR_HANDLE, usage, TRUE);
        return HOST_EXIT_USAGE;
    }
    return 0;
}

static const WCHAR *engine_for(const WCHAR *script, const WCHAR *engine)
{
    const WCHAR *extension = wcsrchr(script, '.');

    if (engine)
    {
        if (!_wcsicmp(engine, L"VBScript") || !_wcsicmp(engine, L"VBS")) return L"VBScript";
        if (!_wcsicmp(engine, L"JScript") || !_wcsicmp(engine, L"JS")) return L"JScript";
        input_error(L"Input Error: There is no script engine \"%ls\".", engine);
        return NULL;
    }
    if (extension && !_wcsicmp(extension, L".vbs")) return L"VBScript";
    if (extension && !_wcsicmp(extension, L".js")) return L"JScript";
    input_error(L"Input Error: There is no script engine for file extension \"%ls\".", extension ? extension : L"");
    return NULL;
}

/* ---- the script file: UTF-16 or UTF-8 with a byte order mark, else the ANSI code page ---- */

static WCHAR *decode_text(const BYTE *bytes, DWORD size)
{
    UINT codepage = CP_ACP;
    WCHAR *text;
    int length;

    if (size >= 2 && bytes[0] == 0xff && bytes[1] == 0xfe)
    {
        length = (size - 2) / sizeof(WCHAR);
        if (!(text = malloc((length + 1) * sizeof(WCHAR)))) return NULL;
        memcpy(text, bytes + 2, length * sizeof(WCHAR));
        text[length] = 0;
        return text;
    }
    if (size >= 3 && bytes[0] == 0xef && bytes[1] == 0xbb && bytes[2] == 0xbf)
    {
        codepage = CP_UTF8;
        bytes += 3;
        size -= 3;
    }
    length = MultiByteToWideChar(codepage, 0, (const char *)bytes, size, NULL, 0);
    if (!(text = malloc((length + 1) * sizeof(WCHAR)))) return NULL;
    MultiByteToWideChar(codepage, 0, (const char *)bytes, size, text, length);
    text[length] = 0;
    return text;
}

static WCHAR *read_script(const WCHAR *path)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    WCHAR *text = NULL;
    DWORD size, read;
    BYTE *bytes;

    if (file == INVALID_HANDLE_VALUE) return NULL;
    size = GetFileSize(file, NULL);
    if (size != INVALID_FILE_SIZE && (bytes = malloc(size + 1)))
    {
        if (ReadFile(file, bytes, size, &read, NULL) && read == size) text = decode_text(bytes, size);
        free(bytes);
    }
    CloseHandle(file);
    return text;
}

/* ---- running ---- */

static HRESULT create_engine(void)
{
    CLSID clsid;
    HRESULT hr;

    if (FAILED(hr = CLSIDFromProgID(host.engine_progid, &clsid))) return hr;
    if (FAILED(hr = CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IActiveScript, (void **)&host.engine)))
        return hr;
    if (FAILED(hr = IActiveScript_QueryInterface(host.engine, &IID_IActiveScriptParse, (void **)&host.parse)))
        return hr;
    if (FAILED(hr = site_create(&host.site))) return hr;
    if (FAILED(hr = IActiveScript_SetScriptSite(host.engine, host.site))) return hr;
    return host.parse->lpVtbl->InitNew(host.parse);
}

/* Declares WScript, WSH and the command line's objects to the engine. */
static HRESULT add_named_items(const struct options *options)
{
    static const DWORD visible = SCRIPTITEM_ISVISIBLE, source = SCRIPTITEM_ISVISIBLE | SCRIPTITEM_ISSOURCE;
    struct host_item *item;
    WCHAR name[MAX_PATH];
    const WCHAR *equals;
    HRESULT hr;
    int i;

    if (FAILED(hr = wscript_create(&host.wscript))) return hr;
    if (FAILED(hr = IActiveScript_AddNamedItem(host.engine, L"WScript", visible))) return hr;
    if (FAILED(hr = IActiveScript_AddNamedItem(host.engine, L"WSH", visible))) return hr;
    for (i = 0; i < options->object_count; i++)
    {
        equals = wcschr(options->objects[i], '=');
        lstrcpynW(name, options->objects[i], min(ARRAY_SIZE(name), (size_t)(equals - options->objects[i] + 1)));
        if (FAILED(hr = item_create(name, equals + 1, &item)))
        {
            input_error(L"Input Error: Could not create the object of //object:%ls.", options->objects[i]);
            return hr;
        }
        if (FAILED(hr = IActiveScript_AddNamedItem(host.engine, name, source))) return hr;
    }
    return S_OK;
}

static HRESULT run_script(const WCHAR *code)
{
    EXCEPINFO info;
    HRESULT hr;

    memset(&info, 0, sizeof(info));
    host.compiling = TRUE;
    hr = host.parse->lpVtbl->ParseScriptText(host.parse, code, NULL, NULL, NULL, 0, 0, SCRIPTTEXT_ISVISIBLE, NULL,
                                             &info);
    host.compiling = FALSE;
    SysFreeString(info.bstrSource);
    SysFreeString(info.bstrDescription);
    SysFreeString(info.bstrHelpFile);
    if (FAILED(hr)) return hr;   /* a syntax error: already reported through the site */
    /* runs the code, and connects the events of named items */
    return IActiveScript_SetScriptState(host.engine, SCRIPTSTATE_CONNECTED);
}

static void close_engine(void)
{
    events_disconnect_all();
    if (host.engine)
    {
        IActiveScript_SetScriptState(host.engine, SCRIPTSTATE_DISCONNECTED);
        IActiveScript_Close(host.engine);
    }
    item_release_all();
    if (host.parse) host.parse->lpVtbl->Release(host.parse);
    if (host.engine) IActiveScript_Release(host.engine);
    if (host.site) IActiveScriptSite_Release(host.site);
    if (host.wscript) IDispatch_Release(host.wscript);
}

void host_quit(int code)
{
    /* no handler runs after Quit; objects the script holds end with the process */
    events_disconnect_all();
    ExitProcess(code);
}

void host_pump(DWORD ms)
{
    DWORD start = GetTickCount(), elapsed;
    MSG msg;

    for (;;)
    {
        while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE))
        {
            TranslateMessage(&msg);
            DispatchMessageW(&msg);
        }
        if ((elapsed = GetTickCount() - start) >= ms) break;
        MsgWaitForMultipleObjectsEx(0, NULL, ms - elapsed, QS_ALLINPUT, MWMO_INPUTAVAILABLE);
    }
}

int wmain(int argc, WCHAR **argv)
{
    struct options options = { 0 };
    WCHAR *code, *slash;
    HRESULT hr;
    int status;

    if ((status = parse_command_line(argc, argv, &options))) return status;
    if (!(host.engine_progid = engine_for(options.script, options.engine))) return HOST_EXIT_USAGE;
    if (!GetFullPathNameW(options.script, MAX_PATH, host.script_full_name, NULL) ||
        !(code = read_script(host.script_full_name)))
    {
        input_error(L"Input Error: Can not find script file \"%ls\".", options.script);
        return HOST_EXIT_USAGE;
    }
    host.script_name = (slash = wcsrchr(host.script_full_name, '\\')) ? slash + 1 : host.script_full_name;
    GetModuleFileNameW(NULL, host.host_full_name, MAX_PATH);

    CoInitialize(NULL);
    if (FAILED(hr = create_engine()))
    {
        input_error(L"Could not start the script engine %ls.", host.engine_progid);
        status = HOST_EXIT_USAGE;
    }
    else if (FAILED(hr = add_named_items(&options))) status = HOST_EXIT_USAGE;
    else
    {
        run_script(code);
        status = host.error_reported ? HOST_EXIT_SCRIPT_ERROR : 0;
    }
    close_engine();
    free(code);
    CoUninitialize();
    return status;
}
