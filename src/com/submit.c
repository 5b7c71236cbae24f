/*
 * Submitting a FaxDocument: its body files are read here, in the client (the service never needs
 * the client's files or its rights to them), and everything goes to the service in one call,
 * which queues one job per recipient or none at all.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "fxscomex_private.h"
#include "fxs_link.h"
#include "submit.h"

static HRESULT read_body(const WCHAR *path, fxs_body *body)
{
    LARGE_INTEGER size;
    DWORD read = 0;
    HANDLE file;

    body->size = 0;
    body->data = NULL;
    file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return fxs_error(HRESULT_FROM_WIN32(GetLastError()), &IID_IFaxDocument, L"The body file %s cannot be read.", path);
    if (!GetFileSizeEx(file, &size) || !size.QuadPart || size.QuadPart > FXS_MAX_BODY_SIZE)
    {
        CloseHandle(file);
        return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"The body file %s is empty or larger than %lu bytes.", path,
                         (DWORD)FXS_MAX_BODY_SIZE);
    }
    if (!(body->data = malloc(size.LowPart)))
    {
        CloseHandle(file);
        return E_OUTOFMEMORY;
    }
    if (!ReadFile(file, body->data, size.LowPart, &read, NULL) || read != size.LowPart)
    {
        CloseHandle(file);
        free(body->data);
        body->data = NULL;
        return fxs_error(HRESULT_FROM_WIN32(ERROR_READ_FAULT), &IID_IFaxDocument, L"The body file %s cannot be read.",
                         path);
    }
    CloseHandle(file);
    body->size = size.LowPart;
    return S_OK;
}

/* The job ids as Submit returns them: an array of strings, one per recipient. */
static HRESULT ids_to_variant(const ULONGLONG *ids, LONG count, VARIANT *result)
{
    SAFEARRAY *array = SafeArrayCreateVector(VT_BSTR, 0, count);
    WCHAR text[17];
    LONG i;
    HRESULT hr = S_OK;

    if (!array) return E_OUTOFMEMORY;
    for (i = 0; i < count && SUCCEEDED(hr); i++)
    {
        BSTR id;
        swprintf(text, ARRAY_SIZE(text), L"%016I64X", ids[i]);
        if (!(id = SysAllocString(text))) hr = E_OUTOFMEMORY;
        else
        {
            hr = SafeArrayPutElement(array, &i, id);
            SysFreeString(id);
        }
    }
    if (FAILED(hr))
    {
        SafeArrayDestroy(array);
        return hr;
    }
    V_VT(result) = VT_ARRAY | VT_BSTR;
    V_ARRAY(result) = array;
    return S_OK;
}

static HRESULT error_from_service(DWORD error, LONG error_body)
{
    switch (error)
    {
    case ERROR_WRITE_PROTECT:
        return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxDocument, L"The outgoing queue is blocked.");
    case ERROR_ACCESS_DENIED:
        return fxs_error(E_ACCESSDENIED, &IID_IFaxDocument, L"This user may not submit faxes at this priority.");
    case ERROR_INVALID_DATA:
        return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxDocument,
                         L"Body %ld is not a fax image: fxscomex sends TIFF files (bilevel, uncompressed, G3, G4 or PackBits).",
                         error_body + 1);
    case ERROR_INVALID_PARAMETER:
        return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"The fax service refused the document's properties.");
    case ERROR_NOT_SUPPORTED:
        return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxDocument, L"This fax service sends no receipts by mail: "
                         L"set ReceiptType to frtNONE or frtMSGBOX.");
    default:
        return fxs_error(HRESULT_FROM_WIN32(error), &IID_IFaxDocument, L"The fax could not be submitted (error %lu).", error);
    }
}

static BOOL too_long(const WCHAR *text)
{
    return text && wcslen(text) > FXS_MAX_STRING;
}

/* The service's limits of one submission (idl/faxsvc.idl), checked here to say which part is over. */
static HRESULT check_limits(const struct fax_submission *submission)
{
    const fxs_document *document = &submission->document;
    const fxs_sender *sender = &document->sender;
    const struct { const WCHAR *name; const WCHAR *value; } texts[] =
    {
        { L"Subject", document->subject }, { L"DocumentName", document->document_name }, { L"Note", document->note },
        { L"CoverPage", document->cover_page }, { L"ReceiptAddress", document->receipt_address },
        { L"Sender.BillingCode", sender->billing_code }, { L"Sender.City", sender->city },
        { L"Sender.Company", sender->company }, { L"Sender.Country", sender->country },
        { L"Sender.Department", sender->department }, { L"Sender.Email", sender->email },
        { L"Sender.FaxNumber", sender->fax_number }, { L"Sender.HomePhone", sender->home_phone },
        { L"Sender.Name", sender->name }, { L"Sender.TSID", sender->tsid }, { L"Sender.OfficePhone", sender->office_phone },
        { L"Sender.OfficeLocation", sender->office_location }, { L"Sender.State", sender->state },
        { L"Sender.StreetAddress", sender->street_address }, { L"Sender.Title", sender->title },
        { L"Sender.ZipCode", sender->zip_code },
    };
    unsigned int i;
    LONG r;

    if (submission->recipient_count > FXS_MAX_RECIPIENTS)
        return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"The document has %ld recipients; one submission takes at "
                         L"most %lu.", submission->recipient_count, (DWORD)FXS_MAX_RECIPIENTS);
    if (submission->body_count > FXS_MAX_BODIES)
        return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"The document has %ld bodies; one submission takes at most %lu.",
                         submission->body_count, (DWORD)FXS_MAX_BODIES);
    for (i = 0; i < ARRAY_SIZE(texts); i++)
        if (too_long(texts[i].value))
            return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"%s is longer than %lu characters.", texts[i].name,
                             (DWORD)FXS_MAX_STRING);
    for (r = 0; r < submission->recipient_count; r++)
        if (too_long(submission->numbers[r]) || too_long(submission->names[r]))
            return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"The fax number or name of recipient %ld is longer than "
                             L"%lu characters.", r + 1, (DWORD)FXS_MAX_STRING);
    return S_OK;
}

HRESULT fax_submit(struct fxs_link *link, const struct fax_submission *submission, VARIANT *job_ids, LONG *error_body)
{
    fxs_recipient *recipients;
    fxs_body *bodies = NULL;
    ULONGLONG *ids;
    LONG i, failed_body = -1;
    DWORD error;
    HRESULT hr = S_OK;

    *error_body = -1;
    if (!submission->recipient_count)
        return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"The document has no recipient: add one to Recipients.");
    if (!submission->body_count && submission->document.cover_page_type == fcptNONE)
        return fxs_error(E_INVALIDARG, &IID_IFaxDocument, L"The document has neither a body nor a cover page.");
    if (FAILED(hr = check_limits(submission))) return hr;
    recipients = calloc(submission->recipient_count, sizeof(*recipients));
    ids = calloc(submission->recipient_count, sizeof(*ids));
    if (submission->body_count) bodies = calloc(submission->body_count, sizeof(*bodies));
    if (!recipients || !ids || (submission->body_count && !bodies)) hr = E_OUTOFMEMORY;

    for (i = 0; SUCCEEDED(hr) && i < submission->recipient_count; i++)
    {
        recipients[i].fax_number = submission->numbers[i];
        recipients[i].name = submission->names[i];
    }
    for (i = 0; SUCCEEDED(hr) && i < submission->body_count; i++)
        if (FAILED(hr = read_body(submission->bodies[i], &bodies[i]))) *error_body = i;

    if (SUCCEEDED(hr))
    {
        error = fxs_rpc_submit(fxs_link_session(link), &submission->document, submission->recipient_count, recipients,
                               submission->body_count, bodies, &failed_body, ids);
        if (error)
        {
            *error_body = failed_body;
            hr = error_from_service(error, failed_body);
        }
        else hr = ids_to_variant(ids, submission->recipient_count, job_ids);
    }

    for (i = 0; bodies && i < submission->body_count; i++) free(bodies[i].data);
    free(bodies);
    free(recipients);
    free(ids);
    return hr;
}
