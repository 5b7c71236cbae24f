/*
 * fxscript.exe: a console script host compatible with Windows Script Host's cscript, which binds
 * COM events to script functions (WScript.CreateObject(progid, prefix), WScript.ConnectObject).
 * It knows nothing of fax: any COM object with a default source interface works.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCRIPT_HOST_H
#define FXSCRIPT_HOST_H

#define COBJMACROS
#define CONST_VTABLE
#include <windows.h>
#include <ole2.h>
#include <olectl.h>
#include <activscp.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define HOST_EXIT_SCRIPT_ERROR 1   /* a script error was reported and the script did not Quit */
#define HOST_EXIT_USAGE        2   /* bad command line, unreadable file, unknown extension */

/* The running script: one per process. */
struct host
{
    IActiveScript *engine;
    IActiveScriptParse *parse;
    IActiveScriptSite *site;
    IDispatch *wscript;             /* the WScript object */
    const WCHAR *engine_progid;     /* "VBScript" or "JScript" */
    WCHAR script_full_name[MAX_PATH];
    const WCHAR *script_name;       /* inside script_full_name */
    WCHAR host_full_name[MAX_PATH];
    int argc;                       /* the script's own arguments */
    WCHAR **argv;
    BOOL interactive;
    BOOL error_reported;            /* OnScriptError was called */
    BOOL compiling;                 /* inside ParseScriptText: errors are compilation errors */
};

extern struct host host;

/* ---- a small name table IDispatch for the host's own objects ---- */

struct host_member
{
    const WCHAR *name;
    DISPID id;
};

struct host_object;

struct host_object_class
{
    const struct host_member *members;
    size_t member_count;
    HRESULT (*invoke)(struct host_object *object, DISPID id, WORD flags, DISPPARAMS *params, VARIANT *result,
                      EXCEPINFO *excepinfo, UINT *arg_err);
    void (*destroy)(struct host_object *object);
};

/* The first member of each of the host's objects: IDispatch by the class's name table. */
struct host_object
{
    IDispatch IDispatch_iface;
    LONG refcount;
    const struct host_object_class *class;
};

/* Allocates size bytes (a struct that starts with struct host_object), zeroed, one reference. */
void *host_object_create(const struct host_object_class *class, size_t size);

HRESULT host_ids_of_names(const struct host_member *members, size_t count, OLECHAR **names, UINT name_count,
                          DISPID *ids);
/* The idx-th argument in source order (DISPPARAMS hold them reversed); NULL when missing. */
VARIANT *host_argument(DISPPARAMS *params, UINT idx);
BOOL host_argument_missing(DISPPARAMS *params, UINT idx);
/* Converts an argument to a type; DISP_E_TYPEMISMATCH with *arg_err set when it cannot. */
HRESULT host_argument_as(DISPPARAMS *params, UINT idx, VARTYPE type, VARIANT *out, UINT *arg_err);
/* Fills an EXCEPINFO for an error the host raises and returns DISP_E_EXCEPTION. */
HRESULT host_exception(EXCEPINFO *excepinfo, const WCHAR *source, HRESULT code, const WCHAR *fmt, ...);
HRESULT host_return_bstr(VARIANT *result, const WCHAR *text);

/* ---- objects ---- */

HRESULT wscript_create(IDispatch **wscript);
HRESULT arguments_create(IDispatch **arguments);
HRESULT text_stream_create(DWORD std_handle, IDispatch **stream);

/* Writes text and a line end to stdout or stderr, in the console's code page when redirected. */
void host_write(DWORD std_handle, const WCHAR *text, BOOL line_end);

/* Pumps messages (so that calls into this apartment, events among them, arrive) for ms milliseconds. */
void host_pump(DWORD ms);

/* Ends the process: disconnects every event sink first, so that no handler runs any more. */
void DECLSPEC_NORETURN host_quit(int code);

/* ---- events ---- */

HRESULT events_connect(IDispatch *source, const WCHAR *prefix, EXCEPINFO *excepinfo);
HRESULT events_disconnect(IDispatch *source, EXCEPINFO *excepinfo);
void events_disconnect_all(void);
/* A sink for JScript's `function Item::Event()`: Wine's engine binds each such function through
 * IBindEventHandler on the named item. */
HRESULT events_bind_handler(IDispatch *source, const WCHAR *event_name, IDispatch *handler);

/* ---- named items declared on the command line: //object:Name=ProgID ---- */

struct host_item
{
    struct host_item *next;
    WCHAR *name;
    IDispatch *object;              /* what the item's IDispatch forwards to */
    IDispatch *wrapper;             /* what the engine sees (IDispatch + IBindEventHandler) */
};

HRESULT item_create(const WCHAR *name, const WCHAR *progid, struct host_item **item);
void item_release_all(void);
IUnknown *item_lookup(const WCHAR *name);

/* ---- the script site ---- */

HRESULT site_create(IActiveScriptSite **site);

#endif /* FXSCRIPT_HOST_H */
