/*
 * What the tests of the folders, queues, jobs and devices share: late-bound calls through
 * IDispatch by name (as VB and scripts make them), the description of the last error, and a
 * connected FaxServer.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_FAX_OBJECTS_H
#define FXSCOMEX_TESTS_FAX_OBJECTS_H

#include "service_jobs.h"

/* Whether the IErrorInfo of the call that just failed holds a description with word in it. */
static inline BOOL last_error_has(const WCHAR *word)
{
    IErrorInfo *info = NULL;
    BSTR description = NULL;
    BOOL found;

    if (GetErrorInfo(0, &info) != S_OK || !info) return FALSE;
    IErrorInfo_GetDescription(info, &description);
    found = description && wcsstr(description, word) != NULL;
    if (!found) trace("error description: %s\n", wine_dbgstr_w(description));
    SysFreeString(description);
    IErrorInfo_Release(info);
    return found;
}

/* Checks a string property: getter(object, &value) succeeds with expected. The getter runs before
 * the message is made (the arguments of ok() are evaluated in no set order). */
static inline void check_text(const char *name, HRESULT hr, BSTR value, const WCHAR *expected)
{
    ok(hr == S_OK && value && !lstrcmpW(value, expected), "%s: %#lx, %s\n", name, hr, wine_dbgstr_w(value));
    SysFreeString(value);
}
#define EXPECT_TEXT(getter, object, expected) \
    do { BSTR value_ = NULL; HRESULT hr_ = getter(object, &value_); check_text(#getter, hr_, value_, expected); } while (0)

static inline DISPID dispid_of(IDispatch *object, const WCHAR *name)
{
    DISPID id = DISPID_UNKNOWN;
    LPOLESTR names[1] = { (LPOLESTR)name };
    HRESULT hr = IDispatch_GetIDsOfNames(object, &IID_NULL, names, 1, 0, &id);

    ok(hr == S_OK, "GetIDsOfNames(%s): %#lx\n", wine_dbgstr_w(name), hr);
    return id;
}

/* Invokes a member by name: flags DISPATCH_METHOD, _PROPERTYGET or _PROPERTYPUT; args first to
 * last (they are passed last to first, as Automation wants). */
static inline HRESULT invoke_by_name(IDispatch *object, const WCHAR *name, WORD flags, VARIANT *args, UINT count,
                                     VARIANT *result)
{
    DISPID put = DISPID_PROPERTYPUT, id = dispid_of(object, name);
    VARIANT reversed[8];
    DISPPARAMS params = { reversed, NULL, count, 0 };
    EXCEPINFO excepinfo;
    UINT arg_err, i;
    HRESULT hr;

    for (i = 0; i < count && i < ARRAY_SIZE(reversed); i++) reversed[i] = args[count - 1 - i];
    if (flags == DISPATCH_PROPERTYPUT)
    {
        params.rgdispidNamedArgs = &put;
        params.cNamedArgs = 1;
    }
    if (result) VariantInit(result);
    memset(&excepinfo, 0, sizeof(excepinfo));
    hr = IDispatch_Invoke(object, id, &IID_NULL, 0, flags, &params, result, &excepinfo, &arg_err);
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrHelpFile);
    return hr;
}

static inline HRESULT get_by_name(IDispatch *object, const WCHAR *name, VARIANT *result)
{
    return invoke_by_name(object, name, DISPATCH_PROPERTYGET, NULL, 0, result);
}

static inline HRESULT put_by_name(IDispatch *object, const WCHAR *name, VARIANT value)
{
    return invoke_by_name(object, name, DISPATCH_PROPERTYPUT, &value, 1, NULL);
}

static inline VARIANT variant_i4(LONG value)
{
    VARIANT v;
    V_VT(&v) = VT_I4;
    V_I4(&v) = value;
    return v;
}

/* A BSTR VARIANT whose string the caller frees with VariantClear. */
static inline VARIANT variant_text(const WCHAR *text)
{
    VARIANT v;
    V_VT(&v) = VT_BSTR;
    V_BSTR(&v) = SysAllocString(text);
    return v;
}

/* Late bound, as a script does it: object.name = value (a string that is no number refused),
 * object.Save, and the value read back. */
static inline void check_long_by_name(IDispatch *object, const WCHAR *name, LONG value)
{
    VARIANT text = variant_text(L"not a number"), result;
    HRESULT hr;

    hr = put_by_name(object, name, variant_i4(value));
    ok(hr == S_OK, "put %s by name: %#lx\n", wine_dbgstr_w(name), hr);
    hr = put_by_name(object, name, text);
    ok(hr == DISP_E_TYPEMISMATCH, "put %s \"not a number\": %#lx\n", wine_dbgstr_w(name), hr);
    VariantClear(&text);
    hr = invoke_by_name(object, L"Save", DISPATCH_METHOD, NULL, 0, NULL);
    ok(hr == S_OK, "Save by name: %#lx\n", hr);
    hr = get_by_name(object, name, &result);
    ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == value, "%s by name: %#lx, %ld\n", wine_dbgstr_w(name),
       hr, V_I4(&result));
}

/* Late bound, a read-only long: its value, and a put refused as a member there is not. */
static inline void check_read_only_long(IDispatch *object, const WCHAR *name, LONG value)
{
    VARIANT result;
    HRESULT hr = get_by_name(object, name, &result);

    ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == value, "%s by name: %#lx, %ld\n", wine_dbgstr_w(name),
       hr, V_I4(&result));
    hr = put_by_name(object, name, variant_i4(value));
    ok(hr == DISP_E_MEMBERNOTFOUND, "put %s by name: %#lx\n", wine_dbgstr_w(name), hr);
}

/* Whether an object says, through IProvideClassInfo2, that it is of that class (its coclass in the
 * type library), with no event source, and supports error info on iid. */
static inline BOOL object_is_class(IUnknown *object, const CLSID *clsid, const IID *iid)
{
    ISupportErrorInfo *support = NULL;
    IProvideClassInfo2 *info = NULL;
    ITypeInfo *typeinfo = NULL;
    TYPEATTR *attr = NULL;
    GUID source;
    BOOL result = FALSE;

    if (IUnknown_QueryInterface(object, &IID_IProvideClassInfo2, (void **)&info) == S_OK &&
        IProvideClassInfo2_GetClassInfo(info, &typeinfo) == S_OK && ITypeInfo_GetTypeAttr(typeinfo, &attr) == S_OK)
        result = IsEqualGUID(&attr->guid, clsid) && attr->typekind == TKIND_COCLASS &&
                 IProvideClassInfo2_GetGUID(info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &source) == E_FAIL;
    if (attr) ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
    if (typeinfo) ITypeInfo_Release(typeinfo);
    if (info) IProvideClassInfo2_Release(info);
    if (IUnknown_QueryInterface(object, &IID_ISupportErrorInfo, (void **)&support) != S_OK) return FALSE;
    result = result && ISupportErrorInfo_InterfaceSupportsErrorInfo(support, iid) == S_OK;
    ISupportErrorInfo_Release(support);
    return result;
}

static inline IFaxServer2 *connected_server(void)
{
    IFaxServer2 *server = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);

    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr != S_OK) return NULL;
    hr = IFaxServer2_Connect(server, NULL);
    ok(hr == S_OK, "Connect: %#lx\n", hr);
    return server;
}

static inline IFaxDevices *get_devices(IFaxServer2 *server)
{
    IFaxDevices *devices = NULL;
    HRESULT hr = IFaxServer2_GetDevices(server, &devices);

    ok(hr == S_OK, "GetDevices: %#lx\n", hr);
    return devices;
}

static inline IFaxDevice *get_device(IFaxServer2 *server, LONG id)
{
    IFaxDevices *devices = get_devices(server);
    IFaxDevice *device = NULL;
    HRESULT hr;

    if (!devices) return NULL;
    hr = IFaxDevices_get_ItemById(devices, id, &device);
    ok(hr == S_OK, "ItemById(%ld): %#lx\n", id, hr);
    IFaxDevices_Release(devices);
    return device;
}

/* FaxFolders.OutgoingQueue.GetJob(id) of a connected server: the job, or NULL with *hr saying why. */
static inline IFaxOutgoingJob *get_outgoing_job(IFaxServer2 *server, const WCHAR *id, HRESULT *hr)
{
    IFaxFolders *folders = NULL;
    IFaxOutgoingQueue *queue = NULL;
    IFaxOutgoingJob *job = NULL;
    BSTR text = SysAllocString(id);

    if (SUCCEEDED(*hr = IFaxServer2_get_Folders(server, &folders)) &&
        SUCCEEDED(*hr = IFaxFolders_get_OutgoingQueue(folders, &queue)))
        *hr = IFaxOutgoingQueue_GetJob(queue, text, &job);
    if (queue) IFaxOutgoingQueue_Release(queue);
    if (folders) IFaxFolders_Release(folders);
    SysFreeString(text);
    return SUCCEEDED(*hr) ? job : NULL;
}

/* The pages of a TIFF file, -1 when it is none. */
static inline int tiff_file_pages(const WCHAR *path)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    DWORD size, read = 0;
    tiff_doc doc;
    BYTE *data;
    int pages = -1;

    if (file == INVALID_HANDLE_VALUE) return -1;
    size = GetFileSize(file, NULL);
    if ((data = malloc(size ? size : 1)) && ReadFile(file, data, size, &read, NULL) && read == size &&
        tiff_inspect(data, size, 4096, &doc) == TIFF_OK)
    {
        pages = (int)doc.page_count;
        tiff_doc_free(&doc);
    }
    free(data);
    CloseHandle(file);
    return pages;
}

/* Pulls until a CONFIG event of that class arrived. */
static inline BOOL wait_for_config(struct fxs_link *link, struct event_log *log, DWORD config_type)
{
    double deadline = now_ms() + EVENT_WAIT_MS;
    DWORD i;

    for (;;)
    {
        for (i = 0; i < log->count; i++)
            if (log->events[i].event_class == FXS_EVENT_CONFIG && log->events[i].config_type == config_type) return TRUE;
        if (now_ms() >= deadline || !pull_into(link, log, 1000)) return FALSE;
    }
}

/* The last QUEUE_STATE event in the log, or NULL. */
static inline const fxs_event *last_queue_state(const struct event_log *log)
{
    DWORD i;
    for (i = log->count; i-- > 0;)
        if (log->events[i].event_class == FXS_EVENT_QUEUE_STATE) return &log->events[i];
    return NULL;
}

/* DllCanUnloadNow of the DLL under test, loaded by CoCreateInstance. */
static inline HRESULT dll_can_unload(void)
{
    HMODULE module = GetModuleHandleW(wcsrchr(test_dll_path(), '\\') ? wcsrchr(test_dll_path(), '\\') + 1 : L"fxscomex.dll");
    HRESULT (WINAPI *can_unload)(void) = module ? (void *)GetProcAddress(module, "DllCanUnloadNow") : NULL;

    ok(can_unload != NULL, "fxscomex.dll is not loaded\n");
    return can_unload ? can_unload() : E_FAIL;
}

/* The frame of a test program: a service of its own (data root, clock speed), tests() with a
 * connected FaxServer and a session listening to every event, then after() with neither. */
static inline void run_against_service(const WCHAR *name, const WCHAR *clock_speed,
                                       void (*tests)(IFaxServer2 *server, struct fxs_link *link), void (*after)(void))
{
    IFaxServer2 *server;
    struct fxs_link *link;
    WCHAR root[MAX_PATH];

    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(name, root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, clock_speed);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if ((server = connected_server()))
    {
        if ((link = start_listening()))
        {
            tests(server, link);
            fxs_link_close(link);
        }
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    after();
    /* Every object of the library is gone: none leaked a reference. */
    ok(dll_can_unload() == S_OK, "an object of fxscomex.dll is still alive\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    remove_folder(root);
}

#endif /* FXSCOMEX_TESTS_FAX_OBJECTS_H */
