/*
 * Bad input across the public API, driven by the type library: every object reachable from a
 * connected FaxServer and a FaxDocument (through their properties, Get* methods and Item(1)) is
 * called through IDispatch, member by member, with missing arguments, arguments of types that do
 * not convert, NULL, empty and huge strings, and negative and huge numbers. Each call either works
 * or fails with an error: one of Automation's own (a type that does not convert, a missing
 * argument) or the member's, with a description (DISP_E_EXCEPTION and its EXCEPINFO, from the
 * object's IErrorInfo). Nothing crashes, and nothing the service stores changes: its configuration
 * and queues are compared before and after.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "service.h"
#include "faxcomex.h"
#include "service_jobs.h"
#include "fxs_job_info.h"
#include "tiff.h"

#define MAX_DEPTH     5
#define MAX_VISITED   128
#define MAX_ARGS      8
#define HUGE_LENGTH   1000000

static WCHAR visited[MAX_VISITED][64];
static unsigned int visited_count;
static unsigned int calls_made, members_tried, failures_described, dispatch_errors, accepted;

/* A plain object without IDispatch: no argument type converts from it. */
static HRESULT WINAPI plain_QueryInterface(IUnknown *iface, REFIID riid, void **obj)
{
    if (IsEqualIID(riid, &IID_IUnknown))
    {
        *obj = iface;
        return S_OK;
    }
    *obj = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI plain_AddRef(IUnknown *iface) { return 2; }
static ULONG WINAPI plain_Release(IUnknown *iface) { return 1; }
static const IUnknownVtbl plain_vtbl = { plain_QueryInterface, plain_AddRef, plain_Release };
static IUnknown plain = { &plain_vtbl };

/* ---- what the service stores, before and after ---- */

static const DWORD config_classes[] =
{
    FXS_CONFIG_OUTBOX, FXS_CONFIG_INCOMING_QUEUE, FXS_CONFIG_SENTITEMS, FXS_CONFIG_INBOX, FXS_CONFIG_ACTIVITY_LOGGING,
    FXS_CONFIG_EVENTLOGS, FXS_CONFIG_RECEIPTS, FXS_CONFIG_SECURITY, FXS_CONFIG_DEVICES, FXS_CONFIG_OUT_GROUPS,
    FXS_CONFIG_OUT_RULES, FXS_CONFIG_GENERAL,
};

struct stored
{
    BYTE *records[ARRAY_SIZE(config_classes)];
    DWORD sizes[ARRAY_SIZE(config_classes)];
    DWORD jobs[2];
};

static void read_stored(struct fxs_link *link, struct stored *stored)
{
    fxs_session_handle session = fxs_link_session(link);
    fxs_job_info *jobs;
    unsigned int i;
    DWORD count;

    for (i = 0; i < ARRAY_SIZE(config_classes); i++)
    {
        stored->records[i] = NULL;
        ok(!fxs_rpc_get_config(session, config_classes[i], &stored->sizes[i], &stored->records[i]),
           "cannot read configuration class %#lx\n", config_classes[i]);
    }
    for (i = 0; i < 2; i++)
    {
        jobs = NULL;
        count = 0;
        fxs_rpc_list_jobs(session, i ? FXS_FOLDER_INCOMING_QUEUE : FXS_FOLDER_OUTGOING_QUEUE, &count, &jobs);
        stored->jobs[i] = count;
        fxs_job_infos_free(jobs, count);
    }
}

static void compare_stored(struct stored *before, struct stored *after)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(config_classes); i++)
    {
        ok(before->sizes[i] == after->sizes[i] && before->records[i] && after->records[i] &&
           !memcmp(before->records[i], after->records[i], before->sizes[i]),
           "configuration class %#lx changed\n", config_classes[i]);
        free(before->records[i]);
        free(after->records[i]);
    }
    ok(before->jobs[0] == after->jobs[0] && before->jobs[1] == after->jobs[1], "queues: %lu, %lu jobs, before %lu, %lu\n",
       after->jobs[0], after->jobs[1], before->jobs[0], before->jobs[1]);
}

/* ---- arguments ---- */

enum bad_kind { BAD_TYPE, BAD_NULL, BAD_EMPTY, BAD_HUGE, BAD_NEGATIVE, BAD_MINIMUM, BAD_MAXIMUM, BAD_KINDS };

static const char * const kind_names[BAD_KINDS] =
{
    "a type that does not convert", "NULL", "empty", "huge", "-1", "the smallest number", "the largest number",
};

static VARTYPE base_type(ITypeInfo *typeinfo, const TYPEDESC *desc)
{
    ITypeInfo *ref;
    TYPEATTR *attr;
    VARTYPE type = desc->vt;

    if (type == VT_PTR) return VT_PTR;
    if (type != VT_USERDEFINED) return type;
    type = VT_UNKNOWN;
    if (SUCCEEDED(ITypeInfo_GetRefTypeInfo(typeinfo, desc->hreftype, &ref)))
    {
        if (SUCCEEDED(ITypeInfo_GetTypeAttr(ref, &attr)))
        {
            if (attr->typekind == TKIND_ENUM) type = VT_I4;
            else if (attr->typekind == TKIND_ALIAS) type = attr->tdescAlias.vt;
            else type = VT_DISPATCH;
            ITypeInfo_ReleaseTypeAttr(ref, attr);
        }
        ITypeInfo_Release(ref);
    }
    return type;
}

static BOOL is_number(VARTYPE type)
{
    return type == VT_I4 || type == VT_I2 || type == VT_UI1 || type == VT_INT || type == VT_UI4 || type == VT_R8;
}

/* A harmless value of the type, for the arguments not under test. */
static void plain_value(VARIANT *arg, VARTYPE type)
{
    VariantInit(arg);
    switch (type)
    {
    case VT_BSTR: V_VT(arg) = VT_BSTR; V_BSTR(arg) = SysAllocString(L"1"); break;
    case VT_BOOL: V_VT(arg) = VT_BOOL; V_BOOL(arg) = VARIANT_FALSE; break;
    case VT_DATE: V_VT(arg) = VT_DATE; V_DATE(arg) = 0; break;
    case VT_DISPATCH: case VT_UNKNOWN: case VT_PTR: V_VT(arg) = VT_DISPATCH; V_DISPATCH(arg) = NULL; break;
    default: V_VT(arg) = VT_I4; V_I4(arg) = 1; break;
    }
}

/* The bad value of a kind for a type; FALSE when the kind does not apply to it. */
static BOOL bad_value(VARIANT *arg, VARTYPE type, enum bad_kind kind)
{
    VariantInit(arg);
    switch (kind)
    {
    case BAD_TYPE:
        if (type == VT_DISPATCH || type == VT_UNKNOWN || type == VT_PTR)
        {
            V_VT(arg) = VT_BSTR;   /* a string is not an object */
            V_BSTR(arg) = SysAllocString(L"not an object");
        }
        else
        {
            V_VT(arg) = VT_UNKNOWN;
            V_UNKNOWN(arg) = &plain;
        }
        return TRUE;
    case BAD_NULL:
    case BAD_EMPTY:
    case BAD_HUGE:
        if (type != VT_BSTR && type != VT_VARIANT) return FALSE;
        V_VT(arg) = VT_BSTR;
        if (kind == BAD_NULL) V_BSTR(arg) = NULL;
        else if (kind == BAD_EMPTY) V_BSTR(arg) = SysAllocString(L"");
        else
        {
            unsigned int i;
            if (!(V_BSTR(arg) = SysAllocStringLen(NULL, HUGE_LENGTH))) return FALSE;
            for (i = 0; i < HUGE_LENGTH; i++) V_BSTR(arg)[i] = 'x';
        }
        return TRUE;
    default:
        if (!is_number(type) && type != VT_VARIANT) return FALSE;
        V_VT(arg) = VT_I4;
        V_I4(arg) = kind == BAD_NEGATIVE ? -1 : kind == BAD_MINIMUM ? INT_MIN : INT_MAX;
        return TRUE;
    }
}

/* ---- calls ---- */

static BOOL dispatch_layer_error(HRESULT hr)
{
    return hr == DISP_E_TYPEMISMATCH || hr == DISP_E_PARAMNOTFOUND || hr == DISP_E_BADPARAMCOUNT ||
           hr == DISP_E_BADVARTYPE || hr == DISP_E_OVERFLOW || hr == DISP_E_NONAMEDARGS;
}

/* One call; checks that a failure is described. TRUE when it worked. */
static BOOL call_member(IDispatch *object, const WCHAR *name, DISPID id, WORD flags, VARIANT *args, UINT count,
                        const char *what, BOOL must_fail)
{
    DISPID put = DISPID_PROPERTYPUT;
    DISPPARAMS params = { args, NULL, count, 0 };
    EXCEPINFO excepinfo;
    VARIANT result;
    UINT arg_err = 0;
    HRESULT hr;

    if ((flags & (DISPATCH_PROPERTYPUT | DISPATCH_PROPERTYPUTREF)) && count)
    {
        params.rgdispidNamedArgs = &put;
        params.cNamedArgs = 1;
    }
    memset(&excepinfo, 0, sizeof(excepinfo));
    VariantInit(&result);
    hr = IDispatch_Invoke(object, id, &IID_NULL, 0, flags, &params, &result, &excepinfo, &arg_err);
    calls_made++;
    if (SUCCEEDED(hr)) accepted++;
    else if (dispatch_layer_error(hr)) dispatch_errors++;
    else
    {
        ok(hr == DISP_E_EXCEPTION && excepinfo.bstrDescription && excepinfo.bstrDescription[0] &&
           FAILED(excepinfo.scode),
           "%s with %s: %#lx, scode %#lx, no description\n", wine_dbgstr_w(name), what, hr, excepinfo.scode);
        failures_described++;
    }
    if (must_fail) ok(FAILED(hr), "%s with %s: %#lx, accepted\n", wine_dbgstr_w(name), what, hr);
    VariantClear(&result);
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrHelpFile);
    return SUCCEEDED(hr);
}

static BOOL standard_member(const WCHAR *name)
{
    static const WCHAR * const names[] =
    {
        L"QueryInterface", L"AddRef", L"Release", L"GetTypeInfoCount", L"GetTypeInfo", L"GetIDsOfNames", L"Invoke",
    };
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(names); i++)
        if (!lstrcmpW(name, names[i])) return TRUE;
    return FALSE;
}

/* The member's arguments, last first as Invoke wants them; count of those, and of the required. */
static UINT member_types(ITypeInfo *typeinfo, const FUNCDESC *func, VARTYPE *types, UINT *required)
{
    UINT count = 0, i;

    *required = 0;
    for (i = 0; i < func->cParams && count < MAX_ARGS; i++)
    {
        const ELEMDESC *elem = &func->lprgelemdescParam[i];
        USHORT flags = elem->paramdesc.wParamFlags;

        if (flags & PARAMFLAG_FRETVAL) continue;
        if ((flags & PARAMFLAG_FOUT) && !(flags & PARAMFLAG_FIN)) return MAXDWORD;   /* an out argument: not here */
        types[count] = base_type(typeinfo, &elem->tdesc);
        if (types[count] == VT_PTR) types[count] = base_type(typeinfo, elem->tdesc.lptdesc);
        if (!(flags & PARAMFLAG_FOPT) && i < func->cParams - func->cParamsOpt) (*required)++;
        count++;
    }
    return count;
}

static void try_member(IDispatch *object, ITypeInfo *typeinfo, const FUNCDESC *func, const WCHAR *name)
{
    VARTYPE types[MAX_ARGS];
    VARIANT args[MAX_ARGS];
    UINT count, required, bad, i, k;
    WORD flags = func->invkind == INVOKE_FUNC ? DISPATCH_METHOD :
                 func->invkind == INVOKE_PROPERTYGET ? DISPATCH_PROPERTYGET :
                 func->invkind == INVOKE_PROPERTYPUTREF ? DISPATCH_PROPERTYPUTREF : DISPATCH_PROPERTYPUT;
    char what[96];

    if ((count = member_types(typeinfo, func, types, &required)) == MAXDWORD || !count) return;
    members_tried++;

    /* Missing: no arguments at all, when some are required. */
    if (required) call_member(object, name, func->memid, flags, NULL, 0, "no arguments", TRUE);

    for (bad = 0; bad < count; bad++)
        for (k = 0; k < BAD_KINDS; k++)
        {
            BOOL applies;

            /* args[] is last to first: argument i of the member is args[count - 1 - i]. */
            for (i = 0; i < count; i++) plain_value(&args[count - 1 - i], types[i]);
            VariantClear(&args[count - 1 - bad]);
            applies = bad_value(&args[count - 1 - bad], types[bad], k);
            if (applies)
            {
                snprintf(what, sizeof(what), "%s as argument %u", kind_names[k], bad + 1);
                /* Only a type that does not convert must fail: the others may be values it takes. */
                call_member(object, name, func->memid, flags, args, count, what, k == BAD_TYPE);
            }
            for (i = 0; i < count; i++)
                if (V_VT(&args[i]) != VT_UNKNOWN) VariantClear(&args[i]);
        }
}

static void walk(IDispatch *object, unsigned int depth);

/* Follows a member that gives an object without arguments (a property, a Get* method), or Item(1). */
static void follow(IDispatch *object, const FUNCDESC *func, const WCHAR *name, unsigned int depth)
{
    DISPPARAMS none = { NULL, NULL, 0, 0 }, one;
    VARIANT index, result;
    EXCEPINFO excepinfo;
    HRESULT hr;

    VariantInit(&result);
    memset(&excepinfo, 0, sizeof(excepinfo));
    if (!lstrcmpW(name, L"Item"))
    {
        V_VT(&index) = VT_I4;
        V_I4(&index) = 1;
        one.rgvarg = &index;
        one.rgdispidNamedArgs = NULL;
        one.cArgs = 1;
        one.cNamedArgs = 0;
        hr = IDispatch_Invoke(object, func->memid, &IID_NULL, 0, DISPATCH_PROPERTYGET | DISPATCH_METHOD, &one, &result,
                              &excepinfo, NULL);
    }
    else if (func->invkind == INVOKE_PROPERTYGET || !wcsncmp(name, L"Get", 3))
        hr = IDispatch_Invoke(object, func->memid, &IID_NULL, 0, func->invkind == INVOKE_FUNC ? DISPATCH_METHOD :
                              DISPATCH_PROPERTYGET, &none, &result, &excepinfo, NULL);
    else return;
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrHelpFile);
    if (SUCCEEDED(hr) && V_VT(&result) == VT_DISPATCH && V_DISPATCH(&result)) walk(V_DISPATCH(&result), depth + 1);
    VariantClear(&result);
}

static void walk(IDispatch *object, unsigned int depth)
{
    ITypeInfo *typeinfo;
    TYPEATTR *attr;
    FUNCDESC *func;
    BSTR type_name = NULL, name;
    UINT i, names;

    if (depth > MAX_DEPTH || FAILED(IDispatch_GetTypeInfo(object, 0, 0, &typeinfo))) return;
    ITypeInfo_GetDocumentation(typeinfo, MEMBERID_NIL, &type_name, NULL, NULL, NULL);
    for (i = 0; i < visited_count && lstrcmpW(visited[i], type_name); i++) ;
    if (i < visited_count || visited_count == MAX_VISITED || FAILED(ITypeInfo_GetTypeAttr(typeinfo, &attr)))
    {
        SysFreeString(type_name);
        ITypeInfo_Release(typeinfo);
        return;
    }
    lstrcpynW(visited[visited_count++], type_name, ARRAY_SIZE(visited[0]));

    for (i = 0; i < attr->cFuncs; i++)
    {
        if (FAILED(ITypeInfo_GetFuncDesc(typeinfo, i, &func))) continue;
        if (SUCCEEDED(ITypeInfo_GetNames(typeinfo, func->memid, &name, 1, &names)) && !standard_member(name))
        {
            if (!lstrcmpW(name, L"Item") || (func->cParams - func->cParamsOpt == 0 && func->invkind != INVOKE_PROPERTYPUT))
                follow(object, func, name, depth);
            try_member(object, typeinfo, func, name);
        }
        SysFreeString(name);
        ITypeInfo_ReleaseFuncDesc(typeinfo, func);
    }
    ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
    SysFreeString(type_name);
    ITypeInfo_Release(typeinfo);
}

/* A fax that waits a month in the queue, so that a job object is there to be walked. */
static void queue_waiting_fax(struct fxs_link *link)
{
    fax_bitmap *page = fax_bitmap_create(FAX_PAGE_WIDTH, 200);
    const fax_bitmap *pages[1] = { page };
    tiff_buffer body = { 0 };
    fxs_document document = { 0 };
    fxs_recipient recipient = { (WCHAR *)L"1002", NULL };
    fxs_body bodies[1];
    SYSTEMTIME now;
    ULONGLONG id;
    LONG error_body;

    fax_bitmap_draw_text(page, 40, 40, "bad input", 4);
    fax_write_tiff(pages, 1, NULL, &body);
    fax_bitmap_free(page);
    bodies[0].size = (ULONG)body.size;
    bodies[0].data = body.data;
    GetLocalTime(&now);
    SystemTimeToVariantTime(&now, &document.schedule_time);
    document.schedule_time += 30;
    document.schedule_type = fstSPECIFIC_TIME;
    ok(!fxs_rpc_submit(fxs_link_session(link), &document, 1, &recipient, 1, bodies, &error_body, &id),
       "cannot queue a fax\n");
    tiff_buffer_free(&body);
}

/* The user's fax account, so that CurrentAccount, its folders and their objects are walked too. */
static void add_own_account(struct fxs_link *link)
{
    fxs_client_info client = { 0 };
    fxs_account_info account = { 0 };

    ok(!fxs_rpc_get_client_info(fxs_link_session(link), &client) && client.user_name &&
       !fxs_rpc_add_account(fxs_link_session(link), client.user_name, &account), "cannot add the user's account\n");
    free(account.name);
    fxs_client_info_clear(&client);
}

static void test_bad_input(struct fxs_link *link)
{
    struct stored before, after;
    IFaxServer2 *server = NULL;
    IFaxDocument2 *document = NULL;
    unsigned int i;

    queue_waiting_fax(link);
    add_own_account(link);
    read_stored(link, &before);
    CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);
    CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument2, (void **)&document);
    ok(server && document, "cannot create the objects\n");
    if (server && IFaxServer2_Connect(server, NULL) == S_OK)
    {
        walk((IDispatch *)server, 0);
        if (document) walk((IDispatch *)document, 0);
        IFaxServer2_Disconnect(server);
    }
    else ok(0, "Connect failed\n");
    if (server) IFaxServer2_Release(server);
    if (document) IFaxDocument2_Release(document);
    read_stored(link, &after);
    compare_stored(&before, &after);
    ok(visited_count >= 10, "only %u interfaces reached\n", visited_count);
    for (i = 0; i < visited_count; i++) trace("reached %s\n", wine_dbgstr_w(visited[i]));
    trace("%u interfaces, %u members with arguments, %u calls: %u taken, %u refused by Automation (type, count), "
          "%u refused by the member with a description\n", visited_count, members_tried, calls_made, accepted,
          dispatch_errors, failures_described);
}

START_TEST(bad_input)
{
    struct fxs_link *link;
    WCHAR root[MAX_PATH];

    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-bad-input", root);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (!open_link(NULL, 0, FALSE, &link))
    {
        test_bad_input(link);
        fxs_link_close(link);
    }
    else ok(0, "no session with the service\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    remove_folder(root);
}
