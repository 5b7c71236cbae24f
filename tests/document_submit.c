/*
 * FaxDocument with its Sender and Recipients, submitted to the real service: ConnectedSubmit,
 * Submit, Submit2 and ConnectedSubmit2, the job ids they return, and what they refuse.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "service.h"
#include "faxcomex.h"
#include "fxs_job_info.h"
#include "tiff.h"

static WCHAR temp_folder[MAX_PATH];

/* A fax body file of pages pages; its path. */
static BSTR write_body(const WCHAR *name, unsigned int pages)
{
    fax_bitmap *bitmaps[4];
    tiff_buffer out = { 0 };
    WCHAR path[MAX_PATH];
    DWORD written;
    HANDLE file;
    unsigned int i;

    for (i = 0; i < pages; i++)
    {
        bitmaps[i] = fax_bitmap_create(FAX_PAGE_WIDTH, 300);
        fax_bitmap_draw_text(bitmaps[i], 40, 40, "document test", 4);
    }
    fax_write_tiff((const fax_bitmap *const *)bitmaps, pages, NULL, &out);
    for (i = 0; i < pages; i++) fax_bitmap_free(bitmaps[i]);
    swprintf(path, ARRAY_SIZE(path), L"%ls%ls", temp_folder, name);
    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, out.data, (DWORD)out.size, &written, NULL);
    CloseHandle(file);
    tiff_buffer_free(&out);
    return SysAllocString(path);
}

static BSTR write_text_file(const WCHAR *name)
{
    WCHAR path[MAX_PATH];
    DWORD written;
    HANDLE file;

    swprintf(path, ARRAY_SIZE(path), L"%ls%ls", temp_folder, name);
    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, "just text, not a fax", 20, &written, NULL);
    CloseHandle(file);
    return SysAllocString(path);
}

static HRESULT error_text(WCHAR *text, DWORD size)
{
    IErrorInfo *info;
    BSTR description = NULL;

    text[0] = 0;
    if (GetErrorInfo(0, &info) != S_OK) return S_FALSE;
    IErrorInfo_GetDescription(info, &description);
    if (description) lstrcpynW(text, description, size);
    SysFreeString(description);
    IErrorInfo_Release(info);
    return S_OK;
}

static LONG array_count(const VARIANT *ids)
{
    LONG lower, upper;
    if (V_VT(ids) != (VT_ARRAY | VT_BSTR)) return -1;
    SafeArrayGetLBound(V_ARRAY(ids), 1, &lower);
    SafeArrayGetUBound(V_ARRAY(ids), 1, &upper);
    return upper - lower + 1;
}

static void test_recipients(IFaxDocument2 *document)
{
    IFaxRecipients *recipients;
    IFaxRecipient *recipient, *item;
    IUnknown *unknown;
    IEnumVARIANT *enumerator;
    VARIANT element;
    BSTR number = SysAllocString(L"1002"), name = SysAllocString(L"Bob"), empty = SysAllocString(L""), text;
    ULONG fetched;
    LONG count;
    HRESULT hr;

    hr = IFaxDocument2_get_Recipients(document, &recipients);
    ok(hr == S_OK, "Recipients: %#lx\n", hr);
    if (hr != S_OK) return;
    hr = IFaxRecipients_Add(recipients, empty, name, &recipient);
    ok(hr == E_INVALIDARG, "a recipient without a number: %#lx\n", hr);
    hr = IFaxRecipients_Add(recipients, number, name, &recipient);
    ok(hr == S_OK, "Add: %#lx\n", hr);
    IFaxRecipient_Release(recipient);
    hr = IFaxRecipients_Add(recipients, number, NULL, &recipient);
    ok(hr == S_OK, "Add without a name: %#lx\n", hr);
    IFaxRecipient_Release(recipient);
    hr = IFaxRecipients_get_Count(recipients, &count);
    ok(hr == S_OK && count == 2, "Count: %ld\n", count);
    hr = IFaxRecipients_get_Item(recipients, 0, &item);
    ok(hr == E_INVALIDARG, "Item(0): %#lx\n", hr);
    hr = IFaxRecipients_get_Item(recipients, 1, &item);
    ok(hr == S_OK, "Item(1): %#lx\n", hr);
    if (hr == S_OK)
    {
        IFaxRecipient_get_Name(item, &text);
        ok(!lstrcmpW(text, L"Bob"), "name %s\n", wine_dbgstr_w(text));
        SysFreeString(text);
        IFaxRecipient_Release(item);
    }
    hr = IFaxRecipients_get__NewEnum(recipients, &unknown);
    ok(hr == S_OK, "_NewEnum: %#lx\n", hr);
    if (hr == S_OK)
    {
        IUnknown_QueryInterface(unknown, &IID_IEnumVARIANT, (void **)&enumerator);
        count = 0;
        while (IEnumVARIANT_Next(enumerator, 1, &element, &fetched) == S_OK)
        {
            ok(V_VT(&element) == VT_DISPATCH, "element of type %d\n", V_VT(&element));
            VariantClear(&element);
            count++;
        }
        ok(count == 2, "For Each saw %ld recipients\n", count);
        IEnumVARIANT_Release(enumerator);
        IUnknown_Release(unknown);
    }
    hr = IFaxRecipients_Remove(recipients, 2);
    ok(hr == S_OK, "Remove(2): %#lx\n", hr);
    hr = IFaxRecipients_Remove(recipients, 2);
    ok(hr == E_INVALIDARG, "Remove(2) again: %#lx\n", hr);
    IFaxRecipients_Release(recipients);
    SysFreeString(number);
    SysFreeString(name);
    SysFreeString(empty);
}

static void test_sender(IFaxDocument2 *document)
{
    IFaxSender *sender;
    BSTR name = SysAllocString(L"Alice Example"), text;
    HRESULT hr;

    hr = IFaxDocument2_get_Sender(document, &sender);
    ok(hr == S_OK, "Sender: %#lx\n", hr);
    if (hr != S_OK) return;
    IFaxSender_put_Name(sender, name);
    hr = IFaxSender_SaveDefaultSender(sender);
    ok(hr == S_OK, "SaveDefaultSender: %#lx\n", hr);
    IFaxSender_put_Name(sender, NULL);
    hr = IFaxSender_LoadDefaultSender(sender);
    ok(hr == S_OK, "LoadDefaultSender: %#lx\n", hr);
    IFaxSender_get_Name(sender, &text);
    ok(!lstrcmpW(text, L"Alice Example"), "name after loading %s\n", wine_dbgstr_w(text));
    SysFreeString(text);
    IFaxSender_Release(sender);
    SysFreeString(name);
}

static void test_submit(IFaxServer2 *server)
{
    IFaxDocument2 *document;
    IFaxServer2 *unconnected;
    struct fxs_link *link;
    fxs_job_info info;
    VARIANT ids, bodies;
    BSTR body = write_body(L"fxs-one.tif", 2), second = write_body(L"fxs-two.tif", 1);
    BSTR text_file = write_text_file(L"fxs-text.txt"), id = NULL, submission = NULL;
    WCHAR description[256];
    SAFEARRAY *array;
    LONG error_body, index;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument2, (void **)&document);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr != S_OK) return;

    /* Nothing to send to. */
    IFaxDocument2_put_Body(document, body);
    hr = IFaxDocument2_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    ok(hr == E_INVALIDARG, "no recipient: %#lx\n", hr);
    error_text(description, ARRAY_SIZE(description));
    ok(wcsstr(description, L"recipient") != NULL, "description %s\n", wine_dbgstr_w(description));

    test_recipients(document);
    test_sender(document);

    hr = IFaxDocument2_ConnectedSubmit(document, NULL, &ids);
    ok(hr == E_POINTER, "NULL server: %#lx\n", hr);
    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&unconnected);
    hr = IFaxDocument2_ConnectedSubmit(document, (IFaxServer *)unconnected, &ids);
    ok(hr == HRESULT_FROM_WIN32(ERROR_NOT_CONNECTED), "a server not connected: %#lx\n", hr);
    IFaxServer2_Release(unconnected);

    /* ConnectedSubmit: one job id per recipient. */
    hr = IFaxDocument2_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    ok(hr == S_OK, "ConnectedSubmit: %#lx\n", hr);
    ok(array_count(&ids) == 1, "%ld job ids\n", array_count(&ids));
    index = 0;
    if (hr == S_OK) SafeArrayGetElement(V_ARRAY(&ids), &index, &id);
    ok(id && lstrlenW(id) == 16, "job id %s\n", wine_dbgstr_w(id));
    VariantClear(&ids);
    hr = IFaxDocument2_get_SubmissionId(document, &submission);
    ok(hr == S_OK && submission && lstrlenW(submission) == 16, "SubmissionId %s\n", wine_dbgstr_w(submission));

    /* The job as the service has it. */
    if (id && !open_link(NULL, 0, TRUE, &link))
    {
        DWORD error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, _wcstoui64(id, NULL, 16), &info);
        if (error == ERROR_NOT_FOUND)
            error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_ARCHIVE, _wcstoui64(id, NULL, 16), &info);
        ok(error == ERROR_SUCCESS, "the job: %lu\n", error);
        if (!error)
        {
            ok(!lstrcmpW(info.recipient_number, L"1002"), "recipient %s\n", wine_dbgstr_w(info.recipient_number));
            ok(!lstrcmpW(info.recipient_name, L"Bob"), "recipient name %s\n", wine_dbgstr_w(info.recipient_name));
            ok(!lstrcmpW(info.document.sender.name, L"Alice Example"), "sender %s\n",
               wine_dbgstr_w(info.document.sender.name));
            ok(info.status.pages == 2, "pages %ld\n", info.status.pages);
            ok(!lstrcmpW(info.submission_id, submission), "submission id %s\n", wine_dbgstr_w(info.submission_id));
            fxs_job_info_clear(&info);
        }
        fxs_link_close(link);
    }
    SysFreeString(id);
    SysFreeString(submission);

    /* Submit(""): connects by itself. */
    hr = IFaxDocument2_Submit(document, NULL, &ids);
    ok(hr == S_OK && array_count(&ids) == 1, "Submit: %#lx\n", hr);
    VariantClear(&ids);

    /* Body with Submit2 is refused: Bodies goes with it. */
    hr = IFaxDocument2_ConnectedSubmit2(document, (IFaxServer *)server, &ids, &error_body);
    ok(hr == E_INVALIDARG, "ConnectedSubmit2 with Body: %#lx\n", hr);

    /* Bodies: two files, then a text file among them. */
    IFaxDocument2_put_Body(document, NULL);
    array = SafeArrayCreateVector(VT_BSTR, 0, 2);
    index = 0;
    SafeArrayPutElement(array, &index, body);
    index = 1;
    SafeArrayPutElement(array, &index, second);
    V_VT(&bodies) = VT_ARRAY | VT_BSTR;
    V_ARRAY(&bodies) = array;
    IFaxDocument2_put_Bodies(document, bodies);
    hr = IFaxDocument2_ConnectedSubmit2(document, (IFaxServer *)server, &ids, &error_body);
    ok(hr == S_OK && error_body == -1, "ConnectedSubmit2: %#lx, error body %ld\n", hr, error_body);
    VariantClear(&ids);
    hr = IFaxDocument2_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    ok(hr == E_INVALIDARG, "ConnectedSubmit with Bodies: %#lx\n", hr);

    index = 1;
    SafeArrayPutElement(array, &index, text_file);
    IFaxDocument2_put_Bodies(document, bodies);
    hr = IFaxDocument2_ConnectedSubmit2(document, (IFaxServer *)server, &ids, &error_body);
    ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_DATA) && error_body == 1, "a text body: %#lx, error body %ld\n", hr,
       error_body);
    error_text(description, ARRAY_SIZE(description));
    ok(wcsstr(description, L"TIFF") != NULL, "description %s\n", wine_dbgstr_w(description));
    VariantClear(&bodies);

    IFaxDocument2_Release(document);
    DeleteFileW(body);
    DeleteFileW(second);
    DeleteFileW(text_file);
    SysFreeString(body);
    SysFreeString(second);
    SysFreeString(text_file);
}

START_TEST(document_submit)
{
    IFaxServer2 *server;
    WCHAR root[MAX_PATH];
    HRESULT hr;

    ok(stop_service(), "a service from an earlier test is still running\n");
    GetTempPathW(ARRAY_SIZE(temp_folder), temp_folder);
    swprintf(root, ARRAY_SIZE(root), L"%lsfxscomex-submit-%lu", temp_folder, GetCurrentProcessId());
    service_environment(FXSSVC_ENV_DATA_ROOT, root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    hr = CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);
    ok(hr == S_OK, "CoCreateInstance: %#lx\n", hr);
    if (hr == S_OK)
    {
        ok(IFaxServer2_Connect(server, NULL) == S_OK, "Connect failed\n");
        test_submit(server);
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
}
