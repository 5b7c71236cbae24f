/*
 * FaxDocument: a fax to be submitted. Its properties live in the object until Submit hands them to
 * the fax service; they need no connection.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxscomex_private.h"
#include "fxs_link.h"
#include "fxs_job_info.h"
#include "submit.h"

struct fax_document
{
    IFaxDocument2 IFaxDocument2_iface;
    struct fxs_class_info class_info;
    LONG refcount;

    SRWLOCK lock;   /* ThreadingModel=Both: any thread may call in */
    BSTR body;
    SAFEARRAY *bodies;  /* of BSTR; NULL when not set */
    BSTR cover_page;
    BSTR subject;
    BSTR note;
    BSTR receipt_address;
    BSTR document_name;
    BSTR submission_id;
    DATE schedule_time;
    LONG call_handle;
    FAX_COVERPAGE_TYPE_ENUM cover_page_type;
    FAX_SCHEDULE_TYPE_ENUM schedule_type;
    FAX_RECEIPT_TYPE_ENUM receipt_type;
    FAX_PRIORITY_TYPE_ENUM priority;
    VARIANT_BOOL group_broadcast_receipts;
    VARIANT_BOOL attach_fax_to_receipt;
    IDispatch *tapi_connection;
    IFaxSender *sender;
    IFaxRecipients *recipients;
};

static const IID * const document_error_iids[] = { &IID_IFaxDocument, &IID_IFaxDocument2, NULL };

static inline struct fax_document *impl_from_IFaxDocument2(IFaxDocument2 *iface)
{
    return CONTAINING_RECORD(iface, struct fax_document, IFaxDocument2_iface);
}

static HRESULT WINAPI document_QueryInterface(IFaxDocument2 *iface, REFIID riid, void **obj)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_class_info_query(&document->class_info, &document->IFaxDocument2_iface, riid, obj);
}

static ULONG WINAPI document_AddRef(IFaxDocument2 *iface)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return InterlockedIncrement(&document->refcount);
}

static void document_destroy(struct fax_document *document)
{
    SysFreeString(document->body);
    if (document->bodies) SafeArrayDestroy(document->bodies);
    SysFreeString(document->cover_page);
    SysFreeString(document->subject);
    SysFreeString(document->note);
    SysFreeString(document->receipt_address);
    SysFreeString(document->document_name);
    SysFreeString(document->submission_id);
    if (document->tapi_connection) IDispatch_Release(document->tapi_connection);
    if (document->sender) IFaxSender_Release(document->sender);
    if (document->recipients) IFaxRecipients_Release(document->recipients);
    free(document);
    fxs_module_release();
}

static ULONG WINAPI document_Release(IFaxDocument2 *iface)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    ULONG refcount = InterlockedDecrement(&document->refcount);

    if (!refcount) document_destroy(document);
    return refcount;
}

FXS_DISPATCH_METHODS(document, IFaxDocument2, IID_IFaxDocument2)

/* The property plumbing every member below shares: read or replace one field under the lock. */

static HRESULT get_long(struct fax_document *document, const LONG *field, LONG *value)
{
    if (!value) return E_POINTER;
    AcquireSRWLockShared(&document->lock);
    *value = *field;
    ReleaseSRWLockShared(&document->lock);
    return S_OK;
}

static HRESULT put_long(struct fax_document *document, LONG *field, LONG value)
{
    AcquireSRWLockExclusive(&document->lock);
    *field = value;
    ReleaseSRWLockExclusive(&document->lock);
    return S_OK;
}

static HRESULT put_bool(struct fax_document *document, VARIANT_BOOL *field, VARIANT_BOOL value)
{
    AcquireSRWLockExclusive(&document->lock);
    *field = value ? VARIANT_TRUE : VARIANT_FALSE;
    ReleaseSRWLockExclusive(&document->lock);
    return S_OK;
}

static HRESULT get_bool(struct fax_document *document, const VARIANT_BOOL *field, VARIANT_BOOL *value)
{
    if (!value) return E_POINTER;
    AcquireSRWLockShared(&document->lock);
    *value = *field;
    ReleaseSRWLockShared(&document->lock);
    return S_OK;
}

/* Enumerated properties: refused with E_INVALIDARG unless one of the enumeration's values. */
static HRESULT put_enum(struct fax_document *document, LONG *field, LONG value, const LONG *allowed,
                        unsigned int count, const WCHAR *property)
{
    unsigned int i;

    for (i = 0; i < count; i++)
        if (allowed[i] == value) return put_long(document, field, value);
    return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"%d is not a valid value for FaxDocument.%s.",
                     (int)value, property);
}

static HRESULT WINAPI document_get_Body(IFaxDocument2 *iface, BSTR *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_get_locked(&document->lock, &document->body, value);
}

static HRESULT WINAPI document_put_Body(IFaxDocument2 *iface, BSTR value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_put_locked(&document->lock, &document->body, value);
}

static HRESULT WINAPI document_get_Sender(IFaxDocument2 *iface, IFaxSender **value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);

    if (!value) return E_POINTER;
    *value = document->sender;
    IFaxSender_AddRef(*value);
    return S_OK;
}

static HRESULT WINAPI document_get_Recipients(IFaxDocument2 *iface, IFaxRecipients **value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);

    if (!value) return E_POINTER;
    *value = document->recipients;
    IFaxRecipients_AddRef(*value);
    return S_OK;
}

static HRESULT WINAPI document_get_CoverPage(IFaxDocument2 *iface, BSTR *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_get_locked(&document->lock, &document->cover_page, value);
}

static HRESULT WINAPI document_put_CoverPage(IFaxDocument2 *iface, BSTR value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_put_locked(&document->lock, &document->cover_page, value);
}

static HRESULT WINAPI document_get_Subject(IFaxDocument2 *iface, BSTR *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_get_locked(&document->lock, &document->subject, value);
}

static HRESULT WINAPI document_put_Subject(IFaxDocument2 *iface, BSTR value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_put_locked(&document->lock, &document->subject, value);
}

static HRESULT WINAPI document_get_Note(IFaxDocument2 *iface, BSTR *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_get_locked(&document->lock, &document->note, value);
}

static HRESULT WINAPI document_put_Note(IFaxDocument2 *iface, BSTR value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_put_locked(&document->lock, &document->note, value);
}

static HRESULT WINAPI document_get_ScheduleTime(IFaxDocument2 *iface, DATE *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&document->lock);
    *value = document->schedule_time;
    ReleaseSRWLockShared(&document->lock);
    return S_OK;
}

static HRESULT WINAPI document_put_ScheduleTime(IFaxDocument2 *iface, DATE value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);

    AcquireSRWLockExclusive(&document->lock);
    document->schedule_time = value;
    ReleaseSRWLockExclusive(&document->lock);
    return S_OK;
}

static HRESULT WINAPI document_get_ReceiptAddress(IFaxDocument2 *iface, BSTR *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_get_locked(&document->lock, &document->receipt_address, value);
}

static HRESULT WINAPI document_put_ReceiptAddress(IFaxDocument2 *iface, BSTR value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_put_locked(&document->lock, &document->receipt_address, value);
}

static HRESULT WINAPI document_get_DocumentName(IFaxDocument2 *iface, BSTR *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_get_locked(&document->lock, &document->document_name, value);
}

static HRESULT WINAPI document_put_DocumentName(IFaxDocument2 *iface, BSTR value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_put_locked(&document->lock, &document->document_name, value);
}

static HRESULT WINAPI document_get_CallHandle(IFaxDocument2 *iface, LONG *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return get_long(document, &document->call_handle, value);
}

static HRESULT WINAPI document_put_CallHandle(IFaxDocument2 *iface, LONG value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return put_long(document, &document->call_handle, value);
}

static HRESULT WINAPI document_get_CoverPageType(IFaxDocument2 *iface, FAX_COVERPAGE_TYPE_ENUM *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return get_long(document, (LONG *)&document->cover_page_type, (LONG *)value);
}

static HRESULT WINAPI document_put_CoverPageType(IFaxDocument2 *iface, FAX_COVERPAGE_TYPE_ENUM value)
{
    static const LONG allowed[] = { fcptNONE, fcptLOCAL, fcptSERVER };
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return put_enum(document, (LONG *)&document->cover_page_type, value, allowed, ARRAY_SIZE(allowed),
                    L"CoverPageType");
}

static HRESULT WINAPI document_get_ScheduleType(IFaxDocument2 *iface, FAX_SCHEDULE_TYPE_ENUM *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return get_long(document, (LONG *)&document->schedule_type, (LONG *)value);
}

static HRESULT WINAPI document_put_ScheduleType(IFaxDocument2 *iface, FAX_SCHEDULE_TYPE_ENUM value)
{
    static const LONG allowed[] = { fstNOW, fstSPECIFIC_TIME, fstDISCOUNT_PERIOD };
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return put_enum(document, (LONG *)&document->schedule_type, value, allowed, ARRAY_SIZE(allowed),
                    L"ScheduleType");
}

static HRESULT WINAPI document_get_ReceiptType(IFaxDocument2 *iface, FAX_RECEIPT_TYPE_ENUM *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return get_long(document, (LONG *)&document->receipt_type, (LONG *)value);
}

static HRESULT WINAPI document_put_ReceiptType(IFaxDocument2 *iface, FAX_RECEIPT_TYPE_ENUM value)
{
    static const LONG allowed[] = { frtNONE, frtMAIL, frtMSGBOX };
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return put_enum(document, (LONG *)&document->receipt_type, value, allowed, ARRAY_SIZE(allowed),
                    L"ReceiptType");
}

static HRESULT WINAPI document_get_GroupBroadcastReceipts(IFaxDocument2 *iface, VARIANT_BOOL *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return get_bool(document, &document->group_broadcast_receipts, value);
}

static HRESULT WINAPI document_put_GroupBroadcastReceipts(IFaxDocument2 *iface, VARIANT_BOOL value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return put_bool(document, &document->group_broadcast_receipts, value);
}

static HRESULT WINAPI document_get_Priority(IFaxDocument2 *iface, FAX_PRIORITY_TYPE_ENUM *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return get_long(document, (LONG *)&document->priority, (LONG *)value);
}

static HRESULT WINAPI document_put_Priority(IFaxDocument2 *iface, FAX_PRIORITY_TYPE_ENUM value)
{
    static const LONG allowed[] = { fptLOW, fptNORMAL, fptHIGH };
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return put_enum(document, (LONG *)&document->priority, value, allowed, ARRAY_SIZE(allowed), L"Priority");
}

static HRESULT WINAPI document_get_TapiConnection(IFaxDocument2 *iface, IDispatch **value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);

    if (!value) return E_POINTER;
    AcquireSRWLockShared(&document->lock);
    if ((*value = document->tapi_connection)) IDispatch_AddRef(*value);
    ReleaseSRWLockShared(&document->lock);
    return S_OK;
}

static HRESULT WINAPI document_putref_TapiConnection(IFaxDocument2 *iface, IDispatch *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    IDispatch *old;

    if (value) IDispatch_AddRef(value);
    AcquireSRWLockExclusive(&document->lock);
    old = document->tapi_connection;
    document->tapi_connection = value;
    ReleaseSRWLockExclusive(&document->lock);
    /* Released outside the lock: the old object may call back into us. */
    if (old) IDispatch_Release(old);
    return S_OK;
}

/* ---- submission ---- */

struct submit_state
{
    struct fax_submission submission;
    BSTR strings[5];                    /* subject, document name, note, cover page, receipt address */
    BSTR sender[FAX_SENDER_FIELDS];
};

static void submit_state_free(struct submit_state *state)
{
    unsigned int i;
    LONG j;

    for (i = 0; i < ARRAY_SIZE(state->strings); i++) SysFreeString(state->strings[i]);
    for (i = 0; i < FAX_SENDER_FIELDS; i++) SysFreeString(state->sender[i]);
    fax_recipients_free_snapshot(state->submission.numbers, state->submission.names, state->submission.recipient_count);
    for (j = 0; j < state->submission.body_count; j++) SysFreeString(state->submission.bodies[j]);
    free(state->submission.bodies);
}

/* The bodies a submission sends: Body for Submit and ConnectedSubmit, Bodies for the "2" ones; the
 * documentation wants the other one left empty. */
static HRESULT snapshot_bodies(struct fax_document *document, BOOL use_bodies, struct fax_submission *submission)
{
    BOOL has_body = document->body && *document->body, has_bodies = document->bodies != NULL;
    LONG lower, upper, i;

    if (has_body && has_bodies)
        return fxs_error(E_INVALIDARG, &IID_IFaxDocument2, L"Either Body or Bodies must be empty, not both set.");
    if (!use_bodies)
    {
        if (has_bodies)
            return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"Bodies goes with Submit2 and ConnectedSubmit2; use Body.");
        if (!has_body) return S_OK;
        if (!(submission->bodies = calloc(1, sizeof(BSTR))) || !(submission->bodies[0] = SysAllocString(document->body)))
            return E_OUTOFMEMORY;
        submission->body_count = 1;
        return S_OK;
    }
    if (has_body)
        return fxs_error(E_INVALIDARG, &IID_IFaxDocument2, L"Body goes with Submit and ConnectedSubmit; use Bodies.");
    if (!has_bodies) return S_OK;
    SafeArrayGetLBound(document->bodies, 1, &lower);
    SafeArrayGetUBound(document->bodies, 1, &upper);
    if (!(submission->bodies = calloc(upper - lower + 2, sizeof(BSTR)))) return E_OUTOFMEMORY;
    for (i = lower; i <= upper; i++)
    {
        if (FAILED(SafeArrayGetElement(document->bodies, &i, &submission->bodies[i - lower]))) return E_OUTOFMEMORY;
        submission->body_count++;
    }
    return S_OK;
}

static HRESULT snapshot_document(struct fax_document *document, BOOL use_bodies, struct submit_state *state)
{
    fxs_document *out = &state->submission.document;
    WCHAR **sender = (WCHAR **)&out->sender;
    const BSTR fields[5] = { document->subject, document->document_name, document->note, document->cover_page,
                             document->receipt_address };
    unsigned int i;
    HRESULT hr;

    memset(state, 0, sizeof(*state));
    AcquireSRWLockShared(&document->lock);
    for (i = 0; i < ARRAY_SIZE(fields); i++) state->strings[i] = SysAllocString(fields[i] ? fields[i] : L"");
    out->priority = document->priority;
    out->receipt_type = document->receipt_type;
    out->schedule_type = document->schedule_type;
    out->cover_page_type = document->cover_page_type;
    out->group_broadcast_receipts = document->group_broadcast_receipts != 0;
    out->attach_fax_to_receipt = document->attach_fax_to_receipt != 0;
    out->schedule_time = document->schedule_time;
    hr = snapshot_bodies(document, use_bodies, &state->submission);
    ReleaseSRWLockShared(&document->lock);
    for (i = 0; SUCCEEDED(hr) && i < ARRAY_SIZE(fields); i++)
        if (!state->strings[i]) hr = E_OUTOFMEMORY;
    if (SUCCEEDED(hr)) hr = fax_sender_snapshot(document->sender, state->sender);
    if (SUCCEEDED(hr))
        hr = fax_recipients_snapshot(document->recipients, &state->submission.numbers, &state->submission.names,
                                     &state->submission.recipient_count);
    if (FAILED(hr)) return hr;
    out->subject = state->strings[0];
    out->document_name = state->strings[1];
    out->note = state->strings[2];
    out->cover_page = state->strings[3];
    out->receipt_address = state->strings[4];
    for (i = 0; i < FAX_SENDER_FIELDS; i++) sender[i] = state->sender[i];
    return S_OK;
}

/* After a submission, SubmissionId: the service's id for the jobs of this submission. */
static void remember_submission_id(struct fax_document *document, struct fxs_link *link, const VARIANT *job_ids)
{
    fxs_job_info info;
    LONG index = 0;
    BSTR first;

    if (FAILED(SafeArrayGetElement(V_ARRAY(job_ids), &index, &first))) return;
    if (!fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, _wcstoui64(first, NULL, 16), &info))
    {
        AcquireSRWLockExclusive(&document->lock);
        SysFreeString(document->submission_id);
        document->submission_id = SysAllocString(info.submission_id ? info.submission_id : L"");
        ReleaseSRWLockExclusive(&document->lock);
        fxs_job_info_clear(&info);
    }
    SysFreeString(first);
}

struct submit_call
{
    struct fax_document *document;
    BOOL use_bodies;
    VARIANT *job_ids;
    LONG *error_body;
};

static HRESULT submit_on_link(struct fxs_link *link, void *context)
{
    struct submit_call *call = context;
    struct submit_state state;
    HRESULT hr;

    if (SUCCEEDED(hr = snapshot_document(call->document, call->use_bodies, &state)))
        hr = fax_submit(link, &state.submission, call->job_ids, call->error_body);
    submit_state_free(&state);
    if (SUCCEEDED(hr)) remember_submission_id(call->document, link, call->job_ids);
    return hr;
}

static HRESULT submit_connected(struct fax_document *document, IFaxServer *server, BOOL use_bodies, VARIANT *job_ids,
                                LONG *error_body)
{
    struct submit_call call = { document, use_bodies, job_ids, error_body };

    if (!server)
        return fxs_error(E_POINTER, &IID_IFaxDocument, L"ConnectedSubmit needs a connected FaxServer, not Nothing.");
    return fax_server_with_link(server, submit_on_link, &call);
}

/* Submit(name): connect, submit, disconnect, as the type library's help text says. */
static HRESULT submit_to(struct fax_document *document, BSTR server_name, BOOL use_bodies, VARIANT *job_ids,
                         LONG *error_body)
{
    IFaxServer2 *server;
    HRESULT hr;

    if (FAILED(hr = fax_server_create(NULL, &IID_IFaxServer2, (void **)&server))) return hr;
    if (SUCCEEDED(hr = IFaxServer2_Connect(server, server_name)))
    {
        hr = submit_connected(document, (IFaxServer *)server, use_bodies, job_ids, error_body);
        IFaxServer2_Disconnect(server);
    }
    IFaxServer2_Release(server);
    return hr;
}

static HRESULT WINAPI document_Submit(IFaxDocument2 *iface, BSTR server_name, VARIANT *job_ids)
{
    LONG error_body;

    if (!job_ids) return E_POINTER;
    VariantInit(job_ids);
    return submit_to(impl_from_IFaxDocument2(iface), server_name, FALSE, job_ids, &error_body);
}

static HRESULT WINAPI document_ConnectedSubmit(IFaxDocument2 *iface, IFaxServer *server, VARIANT *job_ids)
{
    LONG error_body;

    if (!job_ids) return E_POINTER;
    VariantInit(job_ids);
    return submit_connected(impl_from_IFaxDocument2(iface), server, FALSE, job_ids, &error_body);
}

static HRESULT WINAPI document_get_AttachFaxToReceipt(IFaxDocument2 *iface, VARIANT_BOOL *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return get_bool(document, &document->attach_fax_to_receipt, value);
}

static HRESULT WINAPI document_put_AttachFaxToReceipt(IFaxDocument2 *iface, VARIANT_BOOL value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return put_bool(document, &document->attach_fax_to_receipt, value);
}

static HRESULT WINAPI document_get_SubmissionId(IFaxDocument2 *iface, BSTR *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    return fxs_bstr_get_locked(&document->lock, &document->submission_id, value);
}

static HRESULT WINAPI document_get_Bodies(IFaxDocument2 *iface, VARIANT *value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    HRESULT hr = S_OK;

    if (!value) return E_POINTER;
    VariantInit(value);
    AcquireSRWLockShared(&document->lock);
    if (document->bodies)
    {
        hr = SafeArrayCopy(document->bodies, &V_ARRAY(value));
        if (SUCCEEDED(hr)) V_VT(value) = VT_ARRAY | VT_BSTR;
    }
    ReleaseSRWLockShared(&document->lock);
    return hr;
}

/* Bodies takes a one-dimensional array of file names: strings, or variants holding strings. VB
 * and scripts pass a variable by reference: an array (VT_ARRAY | VT_BSTR | VT_BYREF), or a Variant
 * holding one (VT_VARIANT | VT_BYREF), so the value is taken through its references first. */
static HRESULT bodies_from_variant(const VARIANT *argument, SAFEARRAY **bodies)
{
    SAFEARRAY *in, *out;
    VARIANT value;
    LONG lower, upper, i;
    HRESULT hr;

    *bodies = NULL;
    VariantInit(&value);
    if (FAILED(hr = VariantCopyInd(&value, (VARIANT *)argument)))
        return fxs_error(hr, &IID_IFaxDocument2, L"FaxDocument.Bodies could not read its value.");
    if (V_VT(&value) == VT_EMPTY || V_VT(&value) == VT_NULL) return S_OK;
    if (V_VT(&value) != (VT_ARRAY | VT_BSTR) && V_VT(&value) != (VT_ARRAY | VT_VARIANT))
    {
        VariantClear(&value);
        return fxs_error(DISP_E_TYPEMISMATCH, &IID_IFaxDocument2, L"FaxDocument.Bodies takes an array of file names.");
    }
    in = V_ARRAY(&value);
    if (!in || SafeArrayGetDim(in) != 1)
    {
        VariantClear(&value);
        return fxs_error(E_INVALIDARG, &IID_IFaxDocument2, L"FaxDocument.Bodies takes a one-dimensional array.");
    }
    SafeArrayGetLBound(in, 1, &lower);
    SafeArrayGetUBound(in, 1, &upper);
    if (!(out = SafeArrayCreateVector(VT_BSTR, 0, upper - lower + 1)))
    {
        VariantClear(&value);
        return E_OUTOFMEMORY;
    }

    for (i = lower; i <= upper && SUCCEEDED(hr); i++)
    {
        LONG index = i - lower;
        VARIANT element, text;

        VariantInit(&element);
        VariantInit(&text);
        if (V_VT(&value) == (VT_ARRAY | VT_BSTR))
        {
            V_VT(&element) = VT_BSTR;
            hr = SafeArrayGetElement(in, &i, &V_BSTR(&element));
        }
        else hr = SafeArrayGetElement(in, &i, &element);
        if (SUCCEEDED(hr)) hr = VariantChangeType(&text, &element, 0, VT_BSTR);
        if (SUCCEEDED(hr)) hr = SafeArrayPutElement(out, &index, V_BSTR(&text));
        else hr = fxs_error(DISP_E_TYPEMISMATCH, &IID_IFaxDocument2,
                            L"Element %d of FaxDocument.Bodies is not a file name.", (int)i);
        VariantClear(&element);
        VariantClear(&text);
    }
    VariantClear(&value);
    if (FAILED(hr)) SafeArrayDestroy(out);
    else *bodies = out;
    return hr;
}

static HRESULT WINAPI document_put_Bodies(IFaxDocument2 *iface, VARIANT value)
{
    struct fax_document *document = impl_from_IFaxDocument2(iface);
    SAFEARRAY *bodies, *old;
    HRESULT hr;

    if (FAILED(hr = bodies_from_variant(&value, &bodies))) return hr;
    AcquireSRWLockExclusive(&document->lock);
    old = document->bodies;
    document->bodies = bodies;
    ReleaseSRWLockExclusive(&document->lock);
    if (old) SafeArrayDestroy(old);
    return S_OK;
}

static HRESULT WINAPI document_Submit2(IFaxDocument2 *iface, BSTR server_name, VARIANT *job_ids, LONG *error_body)
{
    if (!job_ids || !error_body) return E_POINTER;
    VariantInit(job_ids);
    *error_body = -1;
    return submit_to(impl_from_IFaxDocument2(iface), server_name, TRUE, job_ids, error_body);
}

static HRESULT WINAPI document_ConnectedSubmit2(IFaxDocument2 *iface, IFaxServer *server, VARIANT *job_ids,
                                                LONG *error_body)
{
    if (!job_ids || !error_body) return E_POINTER;
    VariantInit(job_ids);
    *error_body = -1;
    return submit_connected(impl_from_IFaxDocument2(iface), server, TRUE, job_ids, error_body);
}

static const IFaxDocument2Vtbl document_vtbl =
{
    document_QueryInterface,
    document_AddRef,
    document_Release,
    document_GetTypeInfoCount,
    document_GetTypeInfo,
    document_GetIDsOfNames,
    document_Invoke,
    document_get_Body,
    document_put_Body,
    document_get_Sender,
    document_get_Recipients,
    document_get_CoverPage,
    document_put_CoverPage,
    document_get_Subject,
    document_put_Subject,
    document_get_Note,
    document_put_Note,
    document_get_ScheduleTime,
    document_put_ScheduleTime,
    document_get_ReceiptAddress,
    document_put_ReceiptAddress,
    document_get_DocumentName,
    document_put_DocumentName,
    document_get_CallHandle,
    document_put_CallHandle,
    document_get_CoverPageType,
    document_put_CoverPageType,
    document_get_ScheduleType,
    document_put_ScheduleType,
    document_get_ReceiptType,
    document_put_ReceiptType,
    document_get_GroupBroadcastReceipts,
    document_put_GroupBroadcastReceipts,
    document_get_Priority,
    document_put_Priority,
    document_get_TapiConnection,
    document_putref_TapiConnection,
    document_Submit,
    document_ConnectedSubmit,
    document_get_AttachFaxToReceipt,
    document_put_AttachFaxToReceipt,
    document_get_SubmissionId,
    document_get_Bodies,
    document_put_Bodies,
    document_Submit2,
    document_ConnectedSubmit2,
};

HRESULT fax_document_create(IUnknown *outer, REFIID riid, void **obj)
{
    struct fax_document *document;
    HRESULT hr;

    if (!(document = calloc(1, sizeof(*document)))) return E_OUTOFMEMORY;
    document->IFaxDocument2_iface.lpVtbl = &document_vtbl;
    document->refcount = 1;
    InitializeSRWLock(&document->lock);
    document->priority = fptNORMAL;
    document->schedule_type = fstNOW;
    document->receipt_type = frtNONE;
    document->cover_page_type = fcptNONE;
    document->group_broadcast_receipts = VARIANT_FALSE;
    document->attach_fax_to_receipt = VARIANT_FALSE;
    fxs_class_info_init(&document->class_info, (IUnknown *)&document->IFaxDocument2_iface, &CLSID_FaxDocument,
                        NULL, document_error_iids);
    fxs_module_addref();
    if (FAILED(hr = fax_sender_create(&document->sender)) || FAILED(hr = fax_recipients_create(&document->recipients)))
    {
        IFaxDocument2_Release(&document->IFaxDocument2_iface);
        return hr;
    }

    hr = IFaxDocument2_QueryInterface(&document->IFaxDocument2_iface, riid, obj);
    IFaxDocument2_Release(&document->IFaxDocument2_iface);
    return hr;
}
