/*
 * VB6-style clients, as a compiled Visual Basic 6 program makes its calls:
 *
 * - a late-bound client (Dim x As Object: CreateObject, then every call through
 *   GetIDsOfNames/Invoke) passing the VARIANTs VB6 passes: literals by value (a String as VT_BSTR,
 *   an Integer as VT_I2, True as VT_BOOL, a Date as VT_DATE), variables by reference
 *   (VT_BSTR|VT_BYREF, VT_I2|VT_BYREF, VT_DISPATCH|VT_BYREF, a Variant as VT_VARIANT|VT_BYREF), a
 *   skipped optional argument as VT_ERROR/DISP_E_PARAMNOTFOUND, trailing ones left out, named
 *   arguments (Add(bstrRecipientName:="..")), and property reads as DISPATCH_METHOD|DISPATCH_PROPERTYGET;
 *   the library must coerce them as Microsoft's typelib-driven IDispatch does;
 * - a sink that behaves as VB6's WithEvents does: it implements only IDispatch, answers
 *   QueryInterface for the source DIID, knows its handlers by name and finds their DISPIDs in the
 *   type library, and coerces each argument to the type its handler declares (ByVal jobId As
 *   String, ...), refusing a wrong count or type as VB's runtime does; one on the default
 *   IFaxServerNotify2, one on XP's IFaxServerNotify (a program compiled against XP's library).
 *
 * VB6 programs are 32-bit: tests/run.sh runs this in both bitnesses.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include "fax_objects.h"
#include "program_run.h"

#define MAX_ARGS 6

/* ---- the late-bound client ---- */

/* One argument as VB6 passes it. */
static VARIANT vb_i2(SHORT value) { VARIANT v; V_VT(&v) = VT_I2; V_I2(&v) = value; return v; }
static VARIANT vb_bool(BOOL value) { VARIANT v; V_VT(&v) = VT_BOOL; V_BOOL(&v) = value ? VARIANT_TRUE : VARIANT_FALSE; return v; }
static VARIANT vb_date(DATE value) { VARIANT v; V_VT(&v) = VT_DATE; V_DATE(&v) = value; return v; }
static VARIANT vb_missing(void) { VARIANT v; V_VT(&v) = VT_ERROR; V_ERROR(&v) = DISP_E_PARAMNOTFOUND; return v; }
static VARIANT vb_object(IDispatch *object) { VARIANT v; V_VT(&v) = VT_DISPATCH; V_DISPATCH(&v) = object; return v; }

/* A variable passed by reference: the VARIANT points at the variable's storage. */
static VARIANT vb_ref(VARTYPE type, void *storage)
{
    VARIANT v;
    V_VT(&v) = type | VT_BYREF;
    V_BYREF(&v) = storage;
    return v;
}

/* What the last call raised (DISP_E_EXCEPTION): VB's Err.Number and Err.Description. */
static SCODE vb_err_number;
static WCHAR vb_err_description[256];

/* A string literal; free with VariantClear. */
static VARIANT vb_text(const WCHAR *text) { return variant_text(text); }

/*
 * obj.name(args) late bound: names[0] is the member, names[1..named] the names of the last
 * `named` arguments (VB passes named arguments first in rgvarg, with their DISPIDs). Arguments
 * are given first to last; flags as VB sets them. *arg_err gets the failing argument's position.
 */
static HRESULT vb_call_named(IDispatch *object, const WCHAR *const *names, UINT named, WORD flags, VARIANT *args,
                             UINT count, VARIANT *result, UINT *arg_err)
{
    DISPID ids[MAX_ARGS + 1], put = DISPID_PROPERTYPUT, named_ids[MAX_ARGS];
    VARIANT reversed[MAX_ARGS];
    DISPPARAMS params = { reversed, named_ids, count, 0 };
    EXCEPINFO excepinfo;
    UINT i, err = ~0u;
    HRESULT hr;

    hr = IDispatch_GetIDsOfNames(object, &IID_NULL, (LPOLESTR *)names, named + 1, LOCALE_USER_DEFAULT, ids);
    if (FAILED(hr)) return hr;
    /* rgvarg: the named arguments first (in the order of rgdispidNamedArgs), then the positional
     * ones last to first. */
    for (i = 0; i < named; i++)
    {
        reversed[i] = args[count - named + i];
        named_ids[i] = ids[i + 1];
    }
    for (i = 0; i < count - named; i++) reversed[named + i] = args[count - named - 1 - i];
    params.cNamedArgs = named;
    if (flags & (DISPATCH_PROPERTYPUT | DISPATCH_PROPERTYPUTREF) && count)
    {
        params.rgdispidNamedArgs = &put;
        params.cNamedArgs = 1;
    }
    if (result) VariantInit(result);
    memset(&excepinfo, 0, sizeof(excepinfo));
    hr = IDispatch_Invoke(object, ids[0], &IID_NULL, LOCALE_USER_DEFAULT, flags, &params, result, &excepinfo, &err);
    if (arg_err) *arg_err = err;
    vb_err_number = hr == DISP_E_EXCEPTION ? excepinfo.scode : 0;
    lstrcpynW(vb_err_description, excepinfo.bstrDescription ? excepinfo.bstrDescription : L"", ARRAY_SIZE(vb_err_description));
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrHelpFile);
    return hr;
}

static HRESULT vb_call(IDispatch *object, const WCHAR *name, WORD flags, VARIANT *args, UINT count, VARIANT *result)
{
    const WCHAR *names[1] = { name };
    return vb_call_named(object, names, 0, flags, args, count, result, NULL);
}

/* x = obj.name(args): VB asks for a method or a property, whichever it is. */
static HRESULT vb_get(IDispatch *object, const WCHAR *name, VARIANT *args, UINT count, VARIANT *result)
{
    return vb_call(object, name, DISPATCH_METHOD | DISPATCH_PROPERTYGET, args, count, result);
}

static HRESULT vb_let(IDispatch *object, const WCHAR *name, VARIANT value)
{
    return vb_call(object, name, DISPATCH_PROPERTYPUT, &value, 1, NULL);
}

/* Set x = obj.name(args): an object, NULL when it failed. */
static IDispatch *vb_get_object(IDispatch *object, const WCHAR *name, VARIANT *args, UINT count)
{
    VARIANT result;
    HRESULT hr = vb_get(object, name, args, count, &result);

    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH && V_DISPATCH(&result), "Set x = .%s: %#lx, type %d\n",
       wine_dbgstr_w(name), hr, V_VT(&result));
    if (hr != S_OK || V_VT(&result) != VT_DISPATCH) { VariantClear(&result); return NULL; }
    return V_DISPATCH(&result);
}

/* A property read back as a string (VB's CStr of it), "" on failure. */
static void vb_get_text(IDispatch *object, const WCHAR *name, WCHAR *text, int size)
{
    VARIANT result, converted;

    text[0] = 0;
    VariantInit(&converted);
    if (SUCCEEDED(vb_get(object, name, NULL, 0, &result)) &&
        SUCCEEDED(VariantChangeType(&converted, &result, 0, VT_BSTR)))
        lstrcpynW(text, V_BSTR(&converted), size);
    VariantClear(&result);
    VariantClear(&converted);
}

static LONG vb_get_long(IDispatch *object, const WCHAR *name)
{
    VARIANT result, converted;
    LONG value = -12345;

    VariantInit(&converted);
    if (SUCCEEDED(vb_get(object, name, NULL, 0, &result)) &&
        SUCCEEDED(VariantChangeType(&converted, &result, 0, VT_I4)))
        value = V_I4(&converted);
    VariantClear(&result);
    return value;
}

/* CreateObject(progid), as VB does it: the CLSID of the ProgID, then IDispatch. */
static IDispatch *vb_create(const WCHAR *progid)
{
    IDispatch *object = NULL;
    CLSID clsid;
    HRESULT hr = CLSIDFromProgID(progid, &clsid);

    ok(hr == S_OK, "CLSIDFromProgID(%s): %#lx\n", wine_dbgstr_w(progid), hr);
    if (SUCCEEDED(hr)) hr = CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER,
                                             &IID_IDispatch, (void **)&object);
    ok(hr == S_OK, "CreateObject(%s): %#lx\n", wine_dbgstr_w(progid), hr);
    return object;
}

/* ---- the WithEvents sink ---- */

/* A handler as a VB6 Sub declares it: its event's name and its parameters' types. */
struct vb_handler
{
    const WCHAR *event;
    UINT count;
    VARTYPE types[MAX_ARGS];
};

/* Private Sub Srv_OnOutgoingJobAdded(ByVal pFaxServer As FAXCOMEXLib.FaxServer, ByVal bstrJobId As String) ... */
static const struct vb_handler vb_handlers[] =
{
    { L"OnOutgoingJobAdded", 2, { VT_DISPATCH, VT_BSTR } },
    { L"OnOutgoingJobChanged", 3, { VT_DISPATCH, VT_BSTR, VT_DISPATCH } },
    { L"OnOutgoingJobRemoved", 2, { VT_DISPATCH, VT_BSTR } },
    { L"OnOutgoingMessageAdded", 2, { VT_DISPATCH, VT_BSTR } },
    { L"OnDeviceStatusChange", 6, { VT_DISPATCH, VT_I4, VT_BOOL, VT_BOOL, VT_BOOL, VT_BOOL } },
    /* VB converts to the declared type: Integer for a long, a Variant for the server */
    { L"OnServerActivityChange", 5, { VT_VARIANT, VT_I2, VT_I2, VT_I2, VT_I2 } },
};

#define VB_MAX_EVENTS 256

struct vb_event
{
    UINT handler;
    WCHAR id[32];               /* the BSTR argument, if any */
    LONG status;                /* FaxJobStatus.Status read late bound, -1 if none */
    LONG first_long;            /* the first Long/Integer argument */
    VARIANT_BOOL first_bool;
};

struct vb_sink
{
    IDispatch IDispatch_iface;
    LONG refcount;
    GUID source;                             /* the source DIID it answers for */
    DISPID dispids[ARRAY_SIZE(vb_handlers)]; /* each handler's DISPID, from the type library */
    struct vb_event events[VB_MAX_EVENTS];
    LONG count;
    LONG unhandled, refused;                 /* calls without a handler; calls VB's runtime refuses */
};

static struct vb_sink *vb_sink_from(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct vb_sink, IDispatch_iface);
}

static HRESULT WINAPI vb_sink_QueryInterface(IDispatch *iface, REFIID riid, void **obj)
{
    struct vb_sink *sink = vb_sink_from(iface);

    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &sink->source))
    {
        *obj = iface;
        IDispatch_AddRef(iface);
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI vb_sink_AddRef(IDispatch *iface) { return InterlockedIncrement(&vb_sink_from(iface)->refcount); }
static ULONG WINAPI vb_sink_Release(IDispatch *iface) { return InterlockedDecrement(&vb_sink_from(iface)->refcount); }
static HRESULT WINAPI vb_sink_GetTypeInfoCount(IDispatch *iface, UINT *count) { *count = 0; return S_OK; }
static HRESULT WINAPI vb_sink_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **typeinfo)
{
    return E_NOTIMPL;
}
static HRESULT WINAPI vb_sink_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                            DISPID *ids)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI vb_sink_Invoke(IDispatch *iface, DISPID member, REFIID riid, LCID lcid, WORD flags,
                                     DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_err)
{
    struct vb_sink *sink = vb_sink_from(iface);
    VARIANT args[MAX_ARGS];
    struct vb_event *event;
    UINT handler, i;
    HRESULT hr = S_OK;

    for (handler = 0; handler < ARRAY_SIZE(vb_handlers) && sink->dispids[handler] != member; handler++) {}
    if (handler == ARRAY_SIZE(vb_handlers))
    {
        sink->unhandled++;             /* an event without a Sub: VB ignores it */
        return S_OK;
    }
    if (params->cArgs != vb_handlers[handler].count || params->cNamedArgs)
    {
        sink->refused++;
        return DISP_E_BADPARAMCOUNT;
    }
    for (i = 0; i < params->cArgs; i++)
    {
        VariantInit(&args[i]);
        if (vb_handlers[handler].types[i] == VT_VARIANT) hr = VariantCopyInd(&args[i], &params->rgvarg[params->cArgs - 1 - i]);
        else hr = VariantChangeType(&args[i], &params->rgvarg[params->cArgs - 1 - i], 0, vb_handlers[handler].types[i]);
        if (FAILED(hr))
        {
            if (arg_err) *arg_err = params->cArgs - 1 - i;
            sink->refused++;
            while (i--) VariantClear(&args[i]);
            return DISP_E_TYPEMISMATCH;
        }
    }
    if (sink->count < VB_MAX_EVENTS)
    {
        event = &sink->events[sink->count];
        memset(event, 0, sizeof(*event));
        event->handler = handler;
        event->status = -1;
        for (i = 1; i < params->cArgs; i++)
        {
            if (V_VT(&args[i]) == VT_BSTR && !event->id[0]) lstrcpynW(event->id, V_BSTR(&args[i]), ARRAY_SIZE(event->id));
            if (V_VT(&args[i]) == VT_I4 && i == 1) event->first_long = V_I4(&args[i]);
            if (V_VT(&args[i]) == VT_I2 && i == 1) event->first_long = V_I2(&args[i]);
            if (V_VT(&args[i]) == VT_BOOL && i == 2) event->first_bool = V_BOOL(&args[i]);
            /* pJobStatus.Status, late bound as the handler's code would read it */
            if (V_VT(&args[i]) == VT_DISPATCH && V_DISPATCH(&args[i])) event->status = vb_get_long(V_DISPATCH(&args[i]), L"Status");
        }
        sink->count++;
    }
    for (i = 0; i < params->cArgs; i++) VariantClear(&args[i]);
    return S_OK;
}

static const IDispatchVtbl vb_sink_vtbl =
{
    vb_sink_QueryInterface, vb_sink_AddRef, vb_sink_Release, vb_sink_GetTypeInfoCount, vb_sink_GetTypeInfo,
    vb_sink_GetIDsOfNames, vb_sink_Invoke,
};

/* What VB does for Dim WithEvents Srv: the source interface (the default one from the object's
 * class info; a program compiled against XP's library has XP's IFaxServerNotify instead), the
 * handlers' DISPIDs by name from its description, and an Advise. */
static BOOL vb_sink_connect(struct vb_sink *sink, IDispatch *object, const GUID *compiled_source,
                            IConnectionPoint **point, DWORD *cookie)
{
    IConnectionPointContainer *container;
    IProvideClassInfo2 *info;
    ITypeInfo *class_info, *source;
    ITypeLib *typelib;
    UINT index, i;
    HRESULT hr;

    memset(sink, 0, sizeof(*sink));
    sink->IDispatch_iface.lpVtbl = &vb_sink_vtbl;
    sink->refcount = 1;
    hr = IDispatch_QueryInterface(object, &IID_IProvideClassInfo2, (void **)&info);
    ok(hr == S_OK, "IProvideClassInfo2: %#lx\n", hr);
    if (FAILED(hr)) return FALSE;
    hr = IProvideClassInfo2_GetGUID(info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &sink->source);
    ok(hr == S_OK && IsEqualGUID(&sink->source, &DIID_IFaxServerNotify2), "default source: %#lx %s\n", hr,
       wine_dbgstr_guid(&sink->source));
    if (compiled_source) sink->source = *compiled_source;
    hr = IProvideClassInfo2_GetClassInfo(info, &class_info);
    IProvideClassInfo2_Release(info);
    ok(hr == S_OK, "GetClassInfo: %#lx\n", hr);
    if (FAILED(hr)) return FALSE;
    hr = ITypeInfo_GetContainingTypeLib(class_info, &typelib, &index);
    ITypeInfo_Release(class_info);
    if (SUCCEEDED(hr))
    {
        hr = ITypeLib_GetTypeInfoOfGuid(typelib, &sink->source, &source);
        ITypeLib_Release(typelib);
    }
    ok(hr == S_OK, "the source interface's description: %#lx\n", hr);
    if (FAILED(hr)) return FALSE;
    for (i = 0; i < ARRAY_SIZE(vb_handlers); i++)
    {
        LPOLESTR name = (LPOLESTR)vb_handlers[i].event;
        hr = ITypeInfo_GetIDsOfNames(source, &name, 1, &sink->dispids[i]);
        ok(hr == S_OK, "no event %s: %#lx\n", wine_dbgstr_w(name), hr);
    }
    ITypeInfo_Release(source);

    hr = IDispatch_QueryInterface(object, &IID_IConnectionPointContainer, (void **)&container);
    ok(hr == S_OK, "IConnectionPointContainer: %#lx\n", hr);
    if (FAILED(hr)) return FALSE;
    hr = IConnectionPointContainer_FindConnectionPoint(container, &sink->source, point);
    IConnectionPointContainer_Release(container);
    ok(hr == S_OK, "FindConnectionPoint: %#lx\n", hr);
    if (FAILED(hr)) return FALSE;
    hr = IConnectionPoint_Advise(*point, (IUnknown *)&sink->IDispatch_iface, cookie);
    ok(hr == S_OK, "Advise: %#lx\n", hr);
    return hr == S_OK;
}

static int vb_sink_find(struct vb_sink *sink, const WCHAR *event, const WCHAR *id, LONG status)
{
    LONG i;

    for (i = 0; i < sink->count; i++)
        if (!lstrcmpW(vb_handlers[sink->events[i].handler].event, event) && (!id || !lstrcmpW(sink->events[i].id, id)) &&
            (status < 0 || sink->events[i].status == status))
            return i;
    return -1;
}

/* Pumps messages (VB's STA does between statements and in DoEvents) until the event came. */
static BOOL vb_pump_until(struct vb_sink *sink, const WCHAR *event, const WCHAR *id, LONG status)
{
    double deadline = now_ms() + EVENT_WAIT_MS;
    MSG message;

    while (vb_sink_find(sink, event, id, status) < 0 && now_ms() < deadline)
    {
        MsgWaitForMultipleObjects(0, NULL, FALSE, 50, QS_ALLINPUT);
        while (PeekMessageW(&message, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&message);
    }
    return vb_sink_find(sink, event, id, status) >= 0;
}

/* ---- the tests ---- */

/* The number of file names doc.Bodies holds, -1 when it is no array. */
static LONG bodies_count(IDispatch *doc)
{
    VARIANT result;
    LONG lower = 0, upper = -2;

    if (SUCCEEDED(vb_get(doc, L"Bodies", NULL, 0, &result)) && (V_VT(&result) & VT_ARRAY))
    {
        SafeArrayGetLBound(V_ARRAY(&result), 1, &lower);
        SafeArrayGetUBound(V_ARRAY(&result), 1, &upper);
    }
    VariantClear(&result);
    return upper - lower + 1;
}

static void test_bodies(IDispatch *doc)
{
    SAFEARRAY *names = SafeArrayCreateVector(VT_BSTR, 0, 2), *variants = SafeArrayCreateVector(VT_VARIANT, 0, 3);
    VARIANT holder, element;
    LONG i;
    HRESULT hr;

    element = vb_text(L"C:\\page.tif");
    for (i = 0; i < 2; i++) SafeArrayPutElement(names, &i, V_BSTR(&element));
    for (i = 0; i < 3; i++) SafeArrayPutElement(variants, &i, &element);
    VariantClear(&element);

    hr = vb_let(doc, L"Bodies", vb_ref(VT_ARRAY | VT_BSTR, &names));
    ok(hr == S_OK && bodies_count(doc) == 2, "Bodies = String array variable: %#lx, %ld\n", hr, bodies_count(doc));
    V_VT(&holder) = VT_ARRAY | VT_VARIANT;
    V_ARRAY(&holder) = variants;
    hr = vb_let(doc, L"Bodies", vb_ref(VT_VARIANT, &holder));
    ok(hr == S_OK && bodies_count(doc) == 3, "Bodies = Variant variable holding an array: %#lx, %ld\n", hr,
       bodies_count(doc));
    hr = vb_let(doc, L"Bodies", holder);
    ok(hr == S_OK && bodies_count(doc) == 3, "Bodies = Array(...): %#lx, %ld\n", hr, bodies_count(doc));
    hr = vb_let(doc, L"Bodies", vb_i2(3));
    ok(hr == DISP_E_EXCEPTION && vb_err_number == DISP_E_TYPEMISMATCH, "Bodies = 3: %#lx, Err.Number %#lx\n", hr,
       vb_err_number);
    V_VT(&element) = VT_EMPTY;
    hr = vb_let(doc, L"Bodies", vb_ref(VT_VARIANT, &element));
    ok(hr == S_OK && bodies_count(doc) <= 0, "Bodies = Empty Variant variable: %#lx, %ld\n", hr, bodies_count(doc));
    SafeArrayDestroy(names);
    SafeArrayDestroy(variants);
}

/* Properties of a FaxDocument set with what VB passes, read back as VB reads them. */
static void test_document_properties(IDispatch *doc)
{
    static const WCHAR subject_text[] = L"quarterly report";
    BSTR subject = SysAllocString(subject_text);
    SHORT priority = 2;
    VARIANT variant, value, result;
    WCHAR text[64];
    UINT arg_err;
    HRESULT hr;
    DATE date;

    /* doc.Subject = subject (a String variable: by reference) */
    hr = vb_let(doc, L"Subject", vb_ref(VT_BSTR, &subject));
    ok(hr == S_OK, "Subject = String variable: %#lx\n", hr);
    vb_get_text(doc, L"Subject", text, ARRAY_SIZE(text));
    ok(!lstrcmpW(text, subject_text), "Subject %s\n", wine_dbgstr_w(text));

    /* doc.Priority = 2 (an Integer literal, for an enum), then an Integer variable, then a string */
    hr = vb_let(doc, L"Priority", vb_i2(0));
    ok(hr == S_OK && vb_get_long(doc, L"Priority") == 0, "Priority = 0 (VT_I2): %#lx\n", hr);
    hr = vb_let(doc, L"Priority", vb_ref(VT_I2, &priority));
    ok(hr == S_OK && vb_get_long(doc, L"Priority") == 2, "Priority = Integer variable: %#lx\n", hr);
    value = vb_text(L"1");
    hr = vb_let(doc, L"Priority", value);
    VariantClear(&value);
    ok(hr == S_OK && vb_get_long(doc, L"Priority") == 1, "Priority = \"1\": %#lx\n", hr);
    hr = vb_get(doc, L"Priority", NULL, 0, &result);
    ok(hr == S_OK && V_VT(&result) == VT_I4, "Priority read: %#lx type %d\n", hr, V_VT(&result));
    value = vb_text(L"high");
    hr = vb_call_named(doc, (const WCHAR *[]){ L"Priority" }, 0, DISPATCH_PROPERTYPUT, &value, 1, NULL, &arg_err);
    VariantClear(&value);
    ok(hr == DISP_E_TYPEMISMATCH && arg_err == 0, "Priority = \"high\": %#lx, argument %u\n", hr, arg_err);
    ok(vb_get_long(doc, L"Priority") == 1, "a refused value changed Priority\n");

    /* doc.GroupBroadcastReceipts = True, then = 0 (an Integer), then a Variant variable holding True */
    hr = vb_let(doc, L"GroupBroadcastReceipts", vb_bool(TRUE));
    ok(hr == S_OK, "GroupBroadcastReceipts = True: %#lx\n", hr);
    hr = vb_get(doc, L"GroupBroadcastReceipts", NULL, 0, &result);
    ok(hr == S_OK && V_VT(&result) == VT_BOOL && V_BOOL(&result) == VARIANT_TRUE, "read back: %#lx %d %d\n", hr,
       V_VT(&result), V_BOOL(&result));
    hr = vb_let(doc, L"GroupBroadcastReceipts", vb_i2(0));
    ok(hr == S_OK && vb_get_long(doc, L"GroupBroadcastReceipts") == 0, "GroupBroadcastReceipts = 0: %#lx\n", hr);
    variant = vb_bool(TRUE);
    hr = vb_let(doc, L"GroupBroadcastReceipts", vb_ref(VT_VARIANT, &variant));
    ok(hr == S_OK && vb_get_long(doc, L"GroupBroadcastReceipts") == -1, "= Variant variable True: %#lx\n", hr);

    /* doc.ScheduleTime = #12/24/2026 10:30# (a Date), then a Variant variable holding a Date, then a
     * String holding a date */
    date = 46380.4375;     /* 2026-12-24 10:30 */
    hr = vb_let(doc, L"ScheduleTime", vb_date(date));
    ok(hr == S_OK, "ScheduleTime = Date: %#lx\n", hr);
    hr = vb_get(doc, L"ScheduleTime", NULL, 0, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DATE && fabs(V_DATE(&result) - date) < 1.0 / 86400,
       "ScheduleTime read: %#lx type %d %f\n", hr, V_VT(&result), V_DATE(&result));
    variant = vb_date(date + 1);
    hr = vb_let(doc, L"ScheduleTime", vb_ref(VT_VARIANT, &variant));
    hr = vb_get(doc, L"ScheduleTime", NULL, 0, &result);
    ok(hr == S_OK && fabs(V_DATE(&result) - (date + 1)) < 1.0 / 86400, "= Variant Date: %#lx %f\n", hr,
       V_DATE(&result));
    value = vb_text(L"2027-01-02 10:30:00");
    hr = vb_let(doc, L"ScheduleTime", value);
    VariantClear(&value);
    hr = vb_get(doc, L"ScheduleTime", NULL, 0, &result);
    ok(hr == S_OK && fabs(V_DATE(&result) - 46389.4375) < 1.0 / 86400, "= \"2027-01-02 10:30:00\": %#lx %f\n", hr,
       V_DATE(&result));
    value = vb_text(L"not a date");
    hr = vb_let(doc, L"ScheduleTime", value);
    VariantClear(&value);
    ok(hr == DISP_E_TYPEMISMATCH, "= \"not a date\": %#lx\n", hr);

    /* a value the property refuses: the error comes as VB shows it, with its number and description */
    variant = vb_i2(5);
    hr = vb_let(doc, L"Priority", vb_ref(VT_VARIANT, &variant));
    ok(hr == DISP_E_EXCEPTION && vb_err_number == E_INVALIDARG && vb_err_description[0],
       "Priority = 5 (no such priority): %#lx, Err.Number %#lx, %s\n", hr, vb_err_number,
       wine_dbgstr_w(vb_err_description));
    /* a Double that VB rounds */
    V_VT(&value) = VT_R8;
    V_R8(&value) = 1.6;
    hr = vb_let(doc, L"Priority", value);
    ok(hr == S_OK && vb_get_long(doc, L"Priority") == 2, "Priority = 1.6: %#lx, %ld\n", hr, vb_get_long(doc, L"Priority"));
    /* Null where a String goes */
    V_VT(&value) = VT_NULL;
    hr = vb_call_named(doc, (const WCHAR *[]){ L"Subject" }, 0, DISPATCH_PROPERTYPUT, &value, 1, NULL, &arg_err);
    ok(hr == DISP_E_TYPEMISMATCH && arg_err == 0, "Subject = Null: %#lx, argument %u\n", hr, arg_err);
    /* Empty where a String goes: "" */
    V_VT(&value) = VT_EMPTY;
    hr = vb_let(doc, L"Subject", value);
    vb_get_text(doc, L"Subject", text, ARRAY_SIZE(text));
    ok(hr == S_OK && !text[0], "Subject = Empty: %#lx, %s\n", hr, wine_dbgstr_w(text));

    /* doc.Bodies = files: a String array variable (VT_ARRAY|VT_BSTR by reference), a Variant
     * variable holding Array(...) (VT_VARIANT by reference to VT_ARRAY|VT_VARIANT) */
    test_bodies(doc);

    /* VB keeps the case of the names as the program's source wrote them */
    hr = vb_let(doc, L"subject", vb_text(L"lower"));
    vb_get_text(doc, L"SUBJECT", text, ARRAY_SIZE(text));
    ok(hr == S_OK && !lstrcmpW(text, L"lower"), "names in another case: %#lx %s\n", hr, wine_dbgstr_w(text));

    /* wrong counts and names */
    hr = vb_call(doc, L"Submit", DISPATCH_METHOD, NULL, 0, NULL);
    ok(hr == DISP_E_BADPARAMCOUNT || hr == DISP_E_PARAMNOTOPTIONAL, "Submit without its server name: %#lx\n", hr);
    hr = vb_call(doc, L"NoSuchMember", DISPATCH_METHOD, NULL, 0, NULL);
    ok(hr == DISP_E_UNKNOWNNAME, "NoSuchMember: %#lx\n", hr);
    SysFreeString(subject);
}

/* Recipients.Add with optional and named arguments, Item with an Integer and a Variant variable,
 * For Each through _NewEnum. */
static void test_recipients(IDispatch *doc)
{
    static const WCHAR *const add_named[] = { L"Add", L"bstrRecipientName", L"bstrFaxNumber" };
    static const WCHAR *const add_wrong[] = { L"Add", L"bstrNoSuchParameter" };
    IDispatch *recipients = vb_get_object(doc, L"Recipients", NULL, 0), *recipient;
    DISPPARAMS params = { NULL, NULL, 0, 0 };
    VARIANT args[2], result, index, item;
    IEnumVARIANT *items;
    WCHAR text[64];
    DISPID ids[3];
    SHORT position = 3;
    UINT arg_err;
    ULONG fetched;
    HRESULT hr;
    int seen = 0;

    if (!recipients) return;
    /* recipients.Add "1002"  (the optional name left out) */
    args[0] = vb_text(L"1002");
    hr = vb_call(recipients, L"Add", DISPATCH_METHOD, args, 1, NULL);
    ok(hr == S_OK, "Add \"1002\": %#lx\n", hr);
    VariantClear(&args[0]);
    /* Set r = recipients.Add("1003", )  (the optional name skipped: VT_ERROR) */
    args[0] = vb_text(L"1003");
    args[1] = vb_missing();
    hr = vb_get(recipients, L"Add", args, 2, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "Add(\"1003\", missing): %#lx type %d\n", hr, V_VT(&result));
    if (hr == S_OK && V_VT(&result) == VT_DISPATCH)
    {
        vb_get_text(V_DISPATCH(&result), L"Name", text, ARRAY_SIZE(text));
        ok(!text[0], "the skipped name is %s\n", wine_dbgstr_w(text));
    }
    VariantClear(&result);
    VariantClear(&args[0]);
    /* recipients.Add bstrRecipientName:="Bob", bstrFaxNumber:="1004" */
    args[0] = vb_text(L"Bob");
    args[1] = vb_text(L"1004");
    hr = vb_call_named(recipients, add_named, 2, DISPATCH_METHOD, args, 2, NULL, NULL);
    ok(hr == S_OK, "Add with named arguments: %#lx\n", hr);
    VariantClear(&args[0]);
    VariantClear(&args[1]);
    args[0] = vb_text(L"x");
    hr = vb_call_named(recipients, add_wrong, 1, DISPATCH_METHOD, args, 1, NULL, NULL);
    ok(hr == DISP_E_UNKNOWNNAME, "a named argument that does not exist: %#lx\n", hr);
    hr = IDispatch_GetIDsOfNames(recipients, &IID_NULL, (LPOLESTR *)add_named, 3, LOCALE_USER_DEFAULT, ids);
    ok(hr == S_OK && ids[1] == 1 && ids[2] == 0, "GetIDsOfNames of Add and its parameters: %#lx, %ld %ld\n", hr,
       ids[1], ids[2]);
    VariantClear(&args[0]);
    ok(vb_get_long(recipients, L"Count") == 3, "Count %ld\n", vb_get_long(recipients, L"Count"));

    /* recipients.Add "1", "2", "3": one too many */
    args[0] = vb_i2(1);
    args[1] = vb_i2(2);
    index = vb_i2(3);
    hr = vb_call(recipients, L"Add", DISPATCH_METHOD, (VARIANT[3]){ args[0], args[1], index }, 3, NULL);
    ok(hr == DISP_E_BADPARAMCOUNT, "Add with 3 arguments: %#lx\n", hr);
    /* recipients.Add "1005", Null: the second argument (rgvarg[0]) is wrong */
    args[0] = vb_text(L"1005");
    V_VT(&args[1]) = VT_NULL;
    hr = vb_call_named(recipients, add_named, 0, DISPATCH_METHOD, args, 2, NULL, &arg_err);
    ok(hr == DISP_E_TYPEMISMATCH && arg_err == 0, "Add(\"1005\", Null): %#lx, argument %u\n", hr, arg_err);
    /* recipients.Add bstrRecipientName:=Null, bstrFaxNumber:="1005": the named one at rgvarg[0] */
    args[1] = args[0];
    V_VT(&args[0]) = VT_NULL;
    hr = vb_call_named(recipients, add_named, 2, DISPATCH_METHOD, args, 2, NULL, &arg_err);
    ok(hr == DISP_E_TYPEMISMATCH && arg_err == 0, "Add(bstrRecipientName:=Null, ...): %#lx, argument %u\n", hr, arg_err);
    VariantClear(&args[1]);
    ok(vb_get_long(recipients, L"Count") == 3, "a refused Add added: Count %ld\n", vb_get_long(recipients, L"Count"));

    /* Set r = recipients(3): the default member, with an Integer variable */
    index = vb_ref(VT_I2, &position);
    hr = vb_call(recipients, L"Item", DISPATCH_METHOD | DISPATCH_PROPERTYGET, &index, 1, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "Item(Integer variable): %#lx\n", hr);
    if (hr == S_OK && V_VT(&result) == VT_DISPATCH)
    {
        vb_get_text(V_DISPATCH(&result), L"Name", text, ARRAY_SIZE(text));
        ok(!lstrcmpW(text, L"Bob"), "the named Add: Name %s\n", wine_dbgstr_w(text));
        vb_get_text(V_DISPATCH(&result), L"FaxNumber", text, ARRAY_SIZE(text));
        ok(!lstrcmpW(text, L"1004"), "the named Add: FaxNumber %s\n", wine_dbgstr_w(text));
    }
    VariantClear(&result);
    item = vb_i2(1);
    index = vb_ref(VT_VARIANT, &item);
    params.rgvarg = &index;
    params.cArgs = 1;
    hr = IDispatch_Invoke(recipients, DISPID_VALUE, &IID_NULL, LOCALE_USER_DEFAULT,
                          DISPATCH_METHOD | DISPATCH_PROPERTYGET, &params, &result, NULL, NULL);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "recipients(Variant variable) by DISPID_VALUE: %#lx\n", hr);
    if (hr == S_OK && V_VT(&result) == VT_DISPATCH)
    {
        vb_get_text(V_DISPATCH(&result), L"FaxNumber", text, ARRAY_SIZE(text));
        ok(!lstrcmpW(text, L"1002"), "recipients(1): %s\n", wine_dbgstr_w(text));
    }
    VariantClear(&result);
    index = vb_i2(9);
    hr = vb_get(recipients, L"Item", &index, 1, &result);
    ok(FAILED(hr), "recipients(9) of 3: %#lx\n", hr);

    /* For Each r In recipients */
    params.cArgs = 0;
    hr = IDispatch_Invoke(recipients, DISPID_NEWENUM, &IID_NULL, LOCALE_USER_DEFAULT,
                          DISPATCH_METHOD | DISPATCH_PROPERTYGET, &params, &result, NULL, NULL);
    ok(hr == S_OK && (V_VT(&result) == VT_UNKNOWN || V_VT(&result) == VT_DISPATCH), "_NewEnum: %#lx type %d\n", hr,
       V_VT(&result));
    if (hr == S_OK && SUCCEEDED(IUnknown_QueryInterface(V_UNKNOWN(&result), &IID_IEnumVARIANT, (void **)&items)))
    {
        while (IEnumVARIANT_Next(items, 1, &item, &fetched) == S_OK && fetched == 1)
        {
            recipient = V_VT(&item) == VT_DISPATCH ? V_DISPATCH(&item) : NULL;
            ok(recipient != NULL, "For Each: an item of type %d\n", V_VT(&item));
            if (recipient) vb_get_text(recipient, L"FaxNumber", text, ARRAY_SIZE(text));
            ok(recipient && text[0] == '1' && text[3] - '0' == 2 + seen, "For Each item %d: %s\n", seen,
               wine_dbgstr_w(text));
            seen++;
            VariantClear(&item);
        }
        IEnumVARIANT_Release(items);
    }
    VariantClear(&result);
    ok(seen == 3, "For Each saw %d recipients\n", seen);
    IDispatch_Release(recipients);
}

/* The server argument of ConnectedSubmit as VB may pass it: a Variant variable holding it, Nothing,
 * another kind of object; a wrong one is refused with a description, never used. */
static void test_submit_arguments(IDispatch *doc, IDispatch *server, struct vb_sink *sink)
{
    VARIANT holder, argument, result;
    LONG lower = 0;
    UINT arg_err;
    BSTR id = NULL;
    HRESULT hr;

    argument = vb_object(NULL);                     /* Nothing */
    hr = vb_get(doc, L"ConnectedSubmit", &argument, 1, &result);
    ok(hr == DISP_E_EXCEPTION && FAILED(vb_err_number) && vb_err_description[0],
       "ConnectedSubmit(Nothing): %#lx, Err.Number %#lx %s\n", hr, vb_err_number, wine_dbgstr_w(vb_err_description));
    argument = vb_object(doc);                      /* a FaxDocument where the FaxServer goes: VB's "Type mismatch" */
    hr = vb_call_named(doc, (const WCHAR *[]){ L"ConnectedSubmit" }, 0, DISPATCH_METHOD | DISPATCH_PROPERTYGET,
                       &argument, 1, &result, &arg_err);
    ok(hr == DISP_E_TYPEMISMATCH && arg_err == 0, "ConnectedSubmit(a FaxDocument): %#lx, argument %u\n", hr, arg_err);
    holder = vb_object(doc);
    argument = vb_ref(VT_VARIANT, &holder);
    hr = vb_call_named(doc, (const WCHAR *[]){ L"ConnectedSubmit" }, 0, DISPATCH_METHOD | DISPATCH_PROPERTYGET,
                       &argument, 1, &result, &arg_err);
    ok(hr == DISP_E_TYPEMISMATCH && arg_err == 0, "ConnectedSubmit(a Variant holding a FaxDocument): %#lx, argument %u\n",
       hr, arg_err);
    V_VT(&argument) = VT_BSTR;                      /* a string where the FaxServer goes */
    V_BSTR(&argument) = (BSTR)L"";
    hr = vb_get(doc, L"ConnectedSubmit", &argument, 1, &result);
    ok(hr == DISP_E_TYPEMISMATCH, "ConnectedSubmit(\"\"): %#lx\n", hr);

    /* Dim s As Variant: Set s = Srv: ids = doc.ConnectedSubmit(s) */
    holder = vb_object(server);
    argument = vb_ref(VT_VARIANT, &holder);
    hr = vb_get(doc, L"ConnectedSubmit", &argument, 1, &result);
    ok(hr == S_OK && V_VT(&result) == (VT_ARRAY | VT_BSTR), "ConnectedSubmit(Variant variable): %#lx, type %#x\n", hr,
       V_VT(&result));
    if (hr == S_OK && V_VT(&result) == (VT_ARRAY | VT_BSTR)) SafeArrayGetElement(V_ARRAY(&result), &lower, &id);
    VariantClear(&result);
    if (id) ok(vb_pump_until(sink, L"OnOutgoingJobRemoved", id, -1), "the second fax did not leave the queue\n");
    SysFreeString(id);
}

/* Dim WithEvents Srv As FaxServer: Set Srv = New FaxServer, Srv.Connect "", a fax submitted late
 * bound, its events in the handlers. */
static void test_events_and_submit(const WCHAR *body)
{
    IDispatch *server = vb_create(L"FaxComEx.FaxServer"), *doc = NULL, *recipients, *devices, *device, *folders,
              *queue, *jobs, *job;
    IConnectionPoint *point = NULL, *xp_point = NULL;
    struct vb_sink *sink = calloc(1, sizeof(*sink)), *xp = calloc(1, sizeof(*xp));
    BSTR empty = SysAllocString(L""), path = SysAllocString(body), id = NULL;
    VARIANT args[2], result, server_variable;
    /* fsetIN_QUEUE: events the program has no Sub for, which VB ignores */
    LONG mask = fsetOUT_QUEUE | fsetOUT_ARCHIVE | fsetDEVICE_STATUS | fsetACTIVITY | fsetIN_QUEUE, lower = 0;
    WCHAR text[64];
    DWORD cookie = 0, xp_cookie = 0;
    SHORT one = 1;
    HRESULT hr;
    int found;

    if (!server) goto done;
    ok(vb_sink_connect(sink, server, NULL, &point, &cookie), "WithEvents did not connect\n");
    ok(vb_sink_connect(xp, server, &DIID_IFaxServerNotify, &xp_point, &xp_cookie), "XP's WithEvents did not connect\n");
    /* Srv.Connect ServerName (an empty String variable) */
    args[0] = vb_ref(VT_BSTR, &empty);
    hr = vb_call(server, L"Connect", DISPATCH_METHOD, args, 1, NULL);
    ok(hr == S_OK, "Connect: %#lx\n", hr);
    /* Srv.ListenToServerEvents mask (a Long variable by reference) */
    args[0] = vb_ref(VT_I4, &mask);
    hr = vb_call(server, L"ListenToServerEvents", DISPATCH_METHOD, args, 1, NULL);
    ok(hr == S_OK, "ListenToServerEvents: %#lx\n", hr);
    ok(vb_get_long(server, L"RegisteredEvents") == mask, "RegisteredEvents %ld\n", vb_get_long(server, L"RegisteredEvents"));

    /* Set devs = Srv.GetDevices: devs(1), devs.ItemById(1) with Integers */
    if ((devices = vb_get_object(server, L"GetDevices", NULL, 0)))
    {
        args[0] = vb_i2(1);
        if ((device = vb_get_object(devices, L"Item", args, 1)))
        {
            ok(vb_get_long(device, L"Id") == 1, "devs(1).Id %ld\n", vb_get_long(device, L"Id"));
            IDispatch_Release(device);
        }
        args[0] = vb_ref(VT_I2, &one);
        if ((device = vb_get_object(devices, L"ItemById", args, 1)))
        {
            vb_get_text(device, L"DeviceName", text, ARRAY_SIZE(text));
            ok(text[0] != 0, "ItemById(1).DeviceName is empty\n");
            IDispatch_Release(device);
        }
        IDispatch_Release(devices);
    }

    /* Set doc = CreateObject("FaxComEx.FaxDocument"): doc.Body = path, doc.Recipients.Add "1002" */
    doc = vb_create(L"FaxComEx.FaxDocument");
    if (!doc) goto done;
    hr = vb_let(doc, L"Body", vb_ref(VT_BSTR, &path));
    ok(hr == S_OK, "Body = String variable: %#lx\n", hr);
    if ((recipients = vb_get_object(doc, L"Recipients", NULL, 0)))
    {
        args[0] = vb_text(L"1002");
        args[1] = vb_text(L"VB6");
        hr = vb_call(recipients, L"Add", DISPATCH_METHOD, args, 2, NULL);
        ok(hr == S_OK, "Add: %#lx\n", hr);
        VariantClear(&args[0]);
        VariantClear(&args[1]);
        IDispatch_Release(recipients);
    }
    /* ids = doc.ConnectedSubmit(Srv): the server is an Object variable, passed by reference */
    server_variable = vb_object(server);
    args[0] = vb_ref(VT_DISPATCH, &V_DISPATCH(&server_variable));
    hr = vb_get(doc, L"ConnectedSubmit", args, 1, &result);
    ok(hr == S_OK && V_VT(&result) == (VT_ARRAY | VT_BSTR), "ConnectedSubmit(Srv): %#lx, type %#x\n", hr, V_VT(&result));
    if (hr == S_OK && V_VT(&result) == (VT_ARRAY | VT_BSTR)) SafeArrayGetElement(V_ARRAY(&result), &lower, &id);
    VariantClear(&result);
    if (!id) goto done;

    /* The job through the queue: Srv.Folders.OutgoingQueue.GetJobs.Item(id) with a String variable */
    if ((folders = vb_get_object(server, L"Folders", NULL, 0)))
    {
        if ((queue = vb_get_object(folders, L"OutgoingQueue", NULL, 0)))
        {
            if ((jobs = vb_get_object(queue, L"GetJobs", NULL, 0)))
            {
                args[0] = vb_ref(VT_BSTR, &id);
                hr = vb_get(jobs, L"Item", args, 1, &result);
                ok(hr == S_OK || hr == FAX_E_MESSAGE_NOT_FOUND,
                   "jobs(id): %#lx\n", hr);      /* the job may have been sent already */
                if (hr == S_OK && V_VT(&result) == VT_DISPATCH && (job = V_DISPATCH(&result)))
                {
                    vb_get_text(job, L"Id", text, ARRAY_SIZE(text));
                    ok(!lstrcmpW(text, id), "jobs(id).Id %s\n", wine_dbgstr_w(text));
                }
                VariantClear(&result);
                IDispatch_Release(jobs);
            }
            IDispatch_Release(queue);
        }
        IDispatch_Release(folders);
    }

    /* The handlers, by DISPID, with their declared types */
    ok(vb_pump_until(sink, L"OnOutgoingJobAdded", id, -1), "Srv_OnOutgoingJobAdded not called\n");
    ok(vb_pump_until(sink, L"OnOutgoingJobChanged", id, fjsCOMPLETED), "Srv_OnOutgoingJobChanged: no fjsCOMPLETED\n");
    ok(vb_pump_until(sink, L"OnOutgoingMessageAdded", id, -1), "Srv_OnOutgoingMessageAdded not called\n");
    ok(vb_pump_until(sink, L"OnOutgoingJobRemoved", id, -1), "Srv_OnOutgoingJobRemoved not called\n");
    found = vb_sink_find(sink, L"OnDeviceStatusChange", NULL, -1);
    ok(found >= 0 && sink->events[found].first_long == 1, "Srv_OnDeviceStatusChange(1, ...) not called\n");
    ok(vb_pump_until(sink, L"OnServerActivityChange", NULL, -1), "Srv_OnServerActivityChange (Integers) not called\n");
    /* the same handlers of a program compiled against XP's library, on the same server */
    ok(vb_pump_until(xp, L"OnOutgoingJobAdded", id, -1) && vb_pump_until(xp, L"OnOutgoingJobChanged", id, fjsCOMPLETED) &&
       vb_pump_until(xp, L"OnOutgoingMessageAdded", id, -1) && vb_pump_until(xp, L"OnOutgoingJobRemoved", id, -1),
       "the handlers of XP's IFaxServerNotify were not called\n");
    ok(!xp->refused, "%ld events on XP's interface refused by VB's coercion\n", xp->refused);
    test_submit_arguments(doc, server, sink);
    ok(!sink->refused, "%ld events refused by VB's coercion to the handlers' types\n", sink->refused);
    ok(sink->unhandled > 0, "no OnIncomingJob* event came (it has no handler)\n");
    trace("%ld events handled, %ld without a handler\n", sink->count, sink->unhandled);

done:
    if (point)
    {
        if (cookie) IConnectionPoint_Unadvise(point, cookie);
        IConnectionPoint_Release(point);
    }
    if (xp_point)
    {
        if (xp_cookie) IConnectionPoint_Unadvise(xp_point, xp_cookie);
        IConnectionPoint_Release(xp_point);
    }
    if (doc) IDispatch_Release(doc);
    if (server)
    {
        vb_call(server, L"Disconnect", DISPATCH_METHOD, NULL, 0, NULL);
        ok(IDispatch_Release(server) == 0, "the FaxServer is still referenced\n");
    }
    ok(sink->refcount == 1 && xp->refcount == 1, "the sinks keep %ld and %ld references\n", sink->refcount,
       xp->refcount);
    free(xp);
    SysFreeString(empty);
    SysFreeString(path);
    SysFreeString(id);
    free(sink);
}

START_TEST(vb6_clients)
{
    WCHAR data_root[MAX_PATH], body[MAX_PATH];
    IDispatch *doc;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);     /* VB6 programs live in an STA */
    if ((doc = vb_create(L"FaxComEx.FaxDocument")))
    {
        test_document_properties(doc);
        test_recipients(doc);
        ok(IDispatch_Release(doc) == 0, "the FaxDocument is still referenced\n");
    }

    ok(stop_service(), "a fax service was left running\n");
    fresh_data_root(L"vb6_clients", data_root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");
    ok(write_fax_body(L"vb6_clients", body), "could not write the fax body\n");
    test_events_and_submit(body);
    DeleteFileW(body);
    CoUninitialize();
    ok(stop_service(), "the fax service did not stop\n");
    remove_folder(data_root);
}
