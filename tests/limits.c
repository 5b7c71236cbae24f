/*
 * The documented limits (README.md, "Limits"), through the public API: client sessions of the
 * service, recipients and bodies of one submission, the size of a body and the length of every
 * string a submission carries. Beyond a limit the call fails with a precise HRESULT and an
 * IErrorInfo description that names the limit, and nothing is queued; at a limit it works.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include "service.h"
#include "faxcomex.h"
#include "fax_objects.h"
#include "tiff.h"

#define MAX_SESSIONS 256   /* the service's limit, as README.md documents it */

static WCHAR temp_folder[MAX_PATH];

static BSTR temp_path(const WCHAR *name)
{
    WCHAR path[MAX_PATH];
    swprintf(path, ARRAY_SIZE(path), L"%ls%ls", temp_folder, name);
    return SysAllocString(path);
}

static BSTR write_body(void)
{
    fax_bitmap *page = fax_bitmap_create(FAX_PAGE_WIDTH, 200);
    const fax_bitmap *pages[1] = { page };
    tiff_buffer out = { 0 };
    BSTR path = temp_path(L"fxscomex-limits-body.tif");
    DWORD written;
    HANDLE file;

    fax_bitmap_draw_text(page, 40, 40, "limits", 4);
    fax_write_tiff(pages, 1, NULL, &out);
    fax_bitmap_free(page);
    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, out.data, (DWORD)out.size, &written, NULL);
    CloseHandle(file);
    tiff_buffer_free(&out);
    return path;
}

/* A file of size bytes, sparse where the file system allows. */
static BSTR write_sized_file(const WCHAR *name, LONGLONG size)
{
    BSTR path = temp_path(name);
    HANDLE file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    LARGE_INTEGER end;

    end.QuadPart = size;
    ok(file != INVALID_HANDLE_VALUE && SetFilePointerEx(file, end, NULL, FILE_BEGIN) && SetEndOfFile(file),
       "cannot make a file of %I64d bytes: %lu\n", size, GetLastError());
    CloseHandle(file);
    return path;
}

static BSTR long_text(unsigned int length)
{
    BSTR text = SysAllocStringLen(NULL, length);
    unsigned int i;

    for (i = 0; i < length; i++) text[i] = 'a' + i % 26;
    return text;
}

static LONG queued_jobs(struct fxs_link *link)
{
    fxs_job_info *jobs = NULL;
    DWORD count = 0, status = fxs_rpc_list_jobs(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, &count, &jobs);

    fxs_job_infos_free(jobs, count);
    return status ? -1 : (LONG)count;
}

/* ---- sessions ---- */

static void test_sessions(struct fxs_link *link)
{
    struct fxs_link **links = calloc(MAX_SESSIONS + 1, sizeof(*links));
    IFaxServer2 *server = NULL;
    fxs_server_info info;
    unsigned int opened = 0, most, i;
    DWORD status = 0;
    HRESULT hr;

    ok(!fxs_link_query(link, &info), "query failed\n");
    while (opened <= MAX_SESSIONS && !(status = open_link(NULL, 0, TRUE, &links[opened]))) opened++;
    ok(status == ERROR_TOO_MANY_SESS, "session %u: %lu\n", opened + 1, status);
    ok(opened + info.session_count == MAX_SESSIONS, "%u sessions opened beside %lu\n", opened, info.session_count);
    most = opened;

    CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);
    if (server)
    {
        hr = IFaxServer2_Connect(server, NULL);
        ok(hr == HRESULT_FROM_WIN32(ERROR_TOO_MANY_SESS), "Connect with every session taken: %#lx\n", hr);
        ok(last_error_has(L"sessions"), "no description of the limit\n");
        if (opened) fxs_link_close(links[--opened]);
        hr = IFaxServer2_Connect(server, NULL);
        ok(hr == S_OK, "Connect with one session free: %#lx\n", hr);
        IFaxServer2_Disconnect(server);
        IFaxServer2_Release(server);
    }
    for (i = 0; i < opened; i++) fxs_link_close(links[i]);
    free(links);
    trace("%u client sessions opened beside %lu before the service refused one\n", most, info.session_count);
}

/* ---- one submission ---- */

static IFaxDocument2 *new_document(BSTR body)
{
    IFaxDocument2 *document = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxDocument2,
                                  (void **)&document);

    ok(hr == S_OK, "CoCreateInstance(FaxDocument): %#lx\n", hr);
    if (document && body) IFaxDocument2_put_Body(document, body);
    return document;
}

static void add_recipients(IFaxDocument2 *document, LONG count, BSTR number)
{
    IFaxRecipients *recipients;
    IFaxRecipient *recipient;
    LONG i;

    if (FAILED(IFaxDocument2_get_Recipients(document, &recipients))) return;
    for (i = 0; i < count; i++)
        if (SUCCEEDED(IFaxRecipients_Add(recipients, number, NULL, &recipient))) IFaxRecipient_Release(recipient);
    IFaxRecipients_Release(recipients);
}

/* Submits document (with ConnectedSubmit2 when it has Bodies), expecting hr with word in the
 * description and nothing queued. */
static void check_refused(struct fxs_link *link, IFaxServer2 *server, IFaxDocument2 *document, const char *what,
                          HRESULT expected, const WCHAR *word)
{
    LONG before = queued_jobs(link), error_body;
    VARIANT ids, bodies;
    HRESULT hr;

    VariantInit(&ids);
    VariantInit(&bodies);
    IFaxDocument2_get_Bodies(document, &bodies);
    if (V_VT(&bodies) & VT_ARRAY)
        hr = IFaxDocument2_ConnectedSubmit2(document, (IFaxServer *)server, &ids, &error_body);
    else
        hr = IFaxDocument2_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    VariantClear(&bodies);
    ok(hr == expected, "%s: %#lx\n", what, hr);
    ok(last_error_has(word), "%s: the description does not say %s\n", what, wine_dbgstr_w(word));
    ok(queued_jobs(link) == before, "%s: %ld jobs queued, %ld before\n", what, queued_jobs(link), before);
    VariantClear(&ids);
}

static void check_taken(IFaxServer2 *server, IFaxDocument2 *document, const char *what)
{
    VARIANT ids;
    HRESULT hr;

    VariantInit(&ids);
    hr = IFaxDocument2_ConnectedSubmit(document, (IFaxServer *)server, &ids);
    ok(hr == S_OK, "%s: %#lx\n", what, hr);
    VariantClear(&ids);
}

static void test_submission(struct fxs_link *link)
{
    IFaxServer2 *server = NULL;
    IFaxDocument2 *document;
    IFaxSender *sender;
    BSTR body = write_body(), number = SysAllocString(L"1002"), longest = long_text(FXS_MAX_STRING);
    BSTR beyond = long_text(FXS_MAX_STRING + 1), big = write_sized_file(L"fxscomex-limits-big.tif",
                                                                        (LONGLONG)FXS_MAX_BODY_SIZE + 1);
    SAFEARRAY *paths;
    VARIANT bodies;
    LONG i;

    CoCreateInstance(&CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, &IID_IFaxServer2, (void **)&server);
    if (!server || IFaxServer2_Connect(server, NULL) != S_OK)
    {
        ok(0, "no connected FaxServer\n");
        goto done;
    }

    /* Recipients: one more than the limit. (At the limit: tests/service_jobs_rpc.c, over RPC.) */
    if ((document = new_document(body)))
    {
        add_recipients(document, FXS_MAX_RECIPIENTS + 1, number);
        check_refused(link, server, document, "too many recipients", E_INVALIDARG, L"recipients");
        IFaxDocument2_Release(document);
    }

    /* Bodies: one more than the limit, refused before any file is read. */
    if ((document = new_document(NULL)))
    {
        add_recipients(document, 1, number);
        paths = SafeArrayCreateVector(VT_BSTR, 0, FXS_MAX_BODIES + 1);
        for (i = 0; i <= (LONG)FXS_MAX_BODIES; i++) SafeArrayPutElement(paths, &i, body);
        V_VT(&bodies) = VT_ARRAY | VT_BSTR;
        V_ARRAY(&bodies) = paths;
        ok(IFaxDocument2_put_Bodies(document, bodies) == S_OK, "put_Bodies failed\n");
        check_refused(link, server, document, "too many bodies", E_INVALIDARG, L"bodies");
        VariantClear(&bodies);
        IFaxDocument2_Release(document);
    }

    /* A body one byte over the size limit. */
    if ((document = new_document(big)))
    {
        add_recipients(document, 1, number);
        check_refused(link, server, document, "a body over the size limit", E_INVALIDARG, L"larger than");
        IFaxDocument2_Release(document);
    }

    /* Strings: the longest taken, one more refused, naming the property. */
    if ((document = new_document(body)))
    {
        add_recipients(document, 1, number);
        IFaxDocument2_put_Subject(document, beyond);
        check_refused(link, server, document, "a long Subject", E_INVALIDARG, L"Subject");
        IFaxDocument2_put_Subject(document, longest);
        if (SUCCEEDED(IFaxDocument2_get_Sender(document, &sender)))
        {
            IFaxSender_put_Company(sender, beyond);
            check_refused(link, server, document, "a long Sender.Company", E_INVALIDARG, L"Sender.Company");
            IFaxSender_put_Company(sender, longest);
            check_taken(server, document, "every string at the limit");
            IFaxSender_Release(sender);
        }
        IFaxDocument2_Release(document);
    }
    if ((document = new_document(body)))
    {
        add_recipients(document, 1, beyond);
        check_refused(link, server, document, "a long recipient number", E_INVALIDARG, L"recipient 1");
        IFaxDocument2_Release(document);
    }
    IFaxServer2_Disconnect(server);

done:
    if (server) IFaxServer2_Release(server);
    DeleteFileW(body);
    DeleteFileW(big);
    SysFreeString(body);
    SysFreeString(big);
    SysFreeString(number);
    SysFreeString(longest);
    SysFreeString(beyond);
}

START_TEST(limits)
{
    struct fxs_link *link;
    WCHAR root[MAX_PATH];

    GetTempPathW(ARRAY_SIZE(temp_folder), temp_folder);
    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-limits", root);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (!open_link(NULL, 0, FALSE, &link))
    {
        test_sessions(link);
        test_submission(link);
        fxs_link_close(link);
    }
    else ok(0, "no session with the service\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    remove_folder(root);
}
