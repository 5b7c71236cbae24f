/*
 * FaxIncomingArchive and FaxOutgoingArchive, their message iterators and messages, against the
 * real service: the settings read, saved (with their events, exactly once, in another listening
 * process), refused and kept across a restart; a real fax found in both archives with every
 * property, CopyTiff, Read, ReAssign and Delete (with its event); 10,000 messages walked with a
 * small prefetch size in bounded memory; and the bad input of every member, through the vtables
 * and through IDispatch.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fax_objects.h"
#include "config_edit.h"
#include "archive_tests.h"
#include <psapi.h>
#include "job.h"
#include "jobstore.h"

/* How many messages the large archive has: 10,000, or FXS_TEST_BULK_MESSAGES (a quicker run). */
#define BULK_MESSAGES 10000
#define BULK_PREFETCH 7

static DWORD bulk_messages = BULK_MESSAGES;

static WCHAR temp_folder[MAX_PATH];

static void format_id(ULONGLONG id, WCHAR text[17])
{
    swprintf(text, 17, L"%016I64X", id);
}

/* The private bytes of this process (the client's own memory). */
static SIZE_T private_bytes(void)
{
    PROCESS_MEMORY_COUNTERS_EX counters = { sizeof(counters) };

    if (!GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&counters, sizeof(counters))) return 0;
    /* Wine gives the private bytes as PagefileUsage (PrivateUsage stays 0). */
    return counters.PrivateUsage ? counters.PrivateUsage : counters.PagefileUsage;
}

/* ---- what every object offers ---- */

static void check_class_info(IUnknown *object, const IID *iid, const char *name)
{
    IProvideClassInfo2 *class_info;
    ISupportErrorInfo *support;
    GUID guid;
    HRESULT hr;

    hr = IUnknown_QueryInterface(object, &IID_IProvideClassInfo2, (void **)&class_info);
    ok(hr == S_OK, "%s: IProvideClassInfo2: %#lx\n", name, hr);
    if (hr == S_OK)
    {
        hr = IProvideClassInfo2_GetGUID(class_info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &guid);
        ok(hr == E_FAIL, "%s has no events: %#lx\n", name, hr);
        IProvideClassInfo2_Release(class_info);
    }
    hr = IUnknown_QueryInterface(object, &IID_ISupportErrorInfo, (void **)&support);
    ok(hr == S_OK, "%s: ISupportErrorInfo: %#lx\n", name, hr);
    if (hr == S_OK)
    {
        ok(ISupportErrorInfo_InterfaceSupportsErrorInfo(support, iid) == S_OK, "%s: no error info\n", name);
        ISupportErrorInfo_Release(support);
    }
}

/* ---- the settings ---- */

/* IFaxIncomingArchive and IFaxOutgoingArchive have the same layout (spec/server.md, section 13):
 * the settings tests call both through IFaxIncomingArchive's slots, which checks the outgoing
 * archive's vtable order too. */
static void check_settings(IFaxIncomingArchive *archive, VARIANT_BOOL use, const WCHAR *folder, VARIANT_BOOL warning,
                           LONG high, LONG low, LONG age, int line)
{
    VARIANT_BOOL flag = 7;
    LONG value = -7;
    BSTR text = NULL;

    ok_(__FILE__, line)(IFaxIncomingArchive_get_UseArchive(archive, &flag) == S_OK && flag == use, "UseArchive %d\n", flag);
    ok_(__FILE__, line)(IFaxIncomingArchive_get_ArchiveFolder(archive, &text) == S_OK && text && !wcscmp(text, folder),
                        "ArchiveFolder %s\n", wine_dbgstr_w(text));
    SysFreeString(text);
    ok_(__FILE__, line)(IFaxIncomingArchive_get_SizeQuotaWarning(archive, &flag) == S_OK && flag == warning,
                        "SizeQuotaWarning %d\n", flag);
    ok_(__FILE__, line)(IFaxIncomingArchive_get_HighQuotaWaterMark(archive, &value) == S_OK && value == high,
                        "HighQuotaWaterMark %ld\n", value);
    ok_(__FILE__, line)(IFaxIncomingArchive_get_LowQuotaWaterMark(archive, &value) == S_OK && value == low,
                        "LowQuotaWaterMark %ld\n", value);
    ok_(__FILE__, line)(IFaxIncomingArchive_get_AgeLimit(archive, &value) == S_OK && value == age, "AgeLimit %ld\n", value);
}
#define CHECK_SETTINGS(archive, use, folder, warning, high, low, age) \
    check_settings(archive, use, folder, warning, high, low, age, __LINE__)

static void test_settings_bad_input(IFaxIncomingArchive *archive, const char *name)
{
    VARIANT value = variant_text(L"maybe"), result;
    HRESULT hr;

    ok(IFaxIncomingArchive_get_UseArchive(archive, NULL) == E_POINTER, "%s: UseArchive(NULL)\n", name);
    ok(IFaxIncomingArchive_get_ArchiveFolder(archive, NULL) == E_POINTER, "%s: ArchiveFolder(NULL)\n", name);
    ok(IFaxIncomingArchive_get_SizeQuotaWarning(archive, NULL) == E_POINTER, "%s: SizeQuotaWarning(NULL)\n", name);
    ok(IFaxIncomingArchive_get_HighQuotaWaterMark(archive, NULL) == E_POINTER, "%s: HighQuotaWaterMark(NULL)\n", name);
    ok(IFaxIncomingArchive_get_LowQuotaWaterMark(archive, NULL) == E_POINTER, "%s: LowQuotaWaterMark(NULL)\n", name);
    ok(IFaxIncomingArchive_get_AgeLimit(archive, NULL) == E_POINTER, "%s: AgeLimit(NULL)\n", name);
    ok(IFaxIncomingArchive_get_SizeLow(archive, NULL) == E_POINTER, "%s: SizeLow(NULL)\n", name);
    ok(IFaxIncomingArchive_get_SizeHigh(archive, NULL) == E_POINTER, "%s: SizeHigh(NULL)\n", name);
    ok(IFaxIncomingArchive_GetMessages(archive, 10, NULL) == E_POINTER, "%s: GetMessages(NULL)\n", name);
    ok(IFaxIncomingArchive_GetMessage(archive, NULL, NULL) == E_POINTER, "%s: GetMessage(NULL, NULL)\n", name);

    /* Wrong types through IDispatch. */
    hr = put_by_name((IDispatch *)archive, L"UseArchive", value);
    ok(hr == DISP_E_TYPEMISMATCH, "%s: put UseArchive \"maybe\": %#lx\n", name, hr);
    hr = put_by_name((IDispatch *)archive, L"HighQuotaWaterMark", value);
    ok(hr == DISP_E_TYPEMISMATCH, "%s: put HighQuotaWaterMark \"maybe\": %#lx\n", name, hr);
    hr = invoke_by_name((IDispatch *)archive, L"GetMessages", DISPATCH_METHOD, &value, 1, &result);
    ok(hr == DISP_E_TYPEMISMATCH, "%s: GetMessages(\"maybe\"): %#lx\n", name, hr);
    VariantClear(&value);
    hr = invoke_by_name((IDispatch *)archive, L"Refresh", DISPATCH_METHOD, NULL, 0, NULL);
    ok(hr == S_OK, "%s: Refresh by name: %#lx\n", name, hr);
    ok(dispid_of((IDispatch *)archive, L"GetMessage") == 12, "%s: DISPID of GetMessage\n", name);
    ok(dispid_of((IDispatch *)archive, L"SizeHigh") == 8, "%s: DISPID of SizeHigh\n", name);
}

/* A folder for an archive's first change (test_settings), made by the service when it is saved. */
static const WCHAR *archive_folder_setting(BOOL incoming)
{
    static WCHAR folders[2][MAX_PATH];
    WCHAR *folder = folders[incoming ? 1 : 0];

    swprintf(folder, MAX_PATH, L"%lsfxs-archives-%ls-%lu", temp_folder, incoming ? L"received" : L"sent",
             GetCurrentProcessId());
    return folder;
}

/* Every setting changed and saved; a Save that changes nothing; values the service refuses,
 * which leave the stored ones as they were. Two changes are saved in all. */
static void test_settings(IFaxServer2 *server, BOOL incoming, const IID *iid)
{
    const char *name = incoming ? "incoming archive" : "outgoing archive";
    IFaxIncomingArchive *archive = get_archive(server, incoming), *other;
    VARIANT result, value;
    BSTR folder;
    LONG size_low = -1, size_high = -1;
    HRESULT hr;

    if (!archive) return;
    check_class_info((IUnknown *)archive, iid, name);
    CHECK_SETTINGS(archive, VARIANT_TRUE, L"", VARIANT_FALSE, 50, 40, 0);
    ok(IFaxIncomingArchive_get_SizeLow(archive, &size_low) == S_OK && size_low > 0, "%s: SizeLow %ld\n", name, size_low);
    ok(IFaxIncomingArchive_get_SizeHigh(archive, &size_high) == S_OK && size_high == 0, "SizeHigh %ld\n", size_high);
    trace("%s: %ld bytes\n", name, size_low);
    test_settings_bad_input(archive, name);

    /* Every setting changed: all of them saved at once. */
    folder = SysAllocString(archive_folder_setting(incoming));
    ok(IFaxIncomingArchive_put_ArchiveFolder(archive, folder) == S_OK, "put_ArchiveFolder\n");
    ok(IFaxIncomingArchive_put_SizeQuotaWarning(archive, VARIANT_TRUE) == S_OK, "put_SizeQuotaWarning\n");
    ok(IFaxIncomingArchive_put_HighQuotaWaterMark(archive, 200) == S_OK, "put_HighQuotaWaterMark\n");
    ok(IFaxIncomingArchive_put_LowQuotaWaterMark(archive, 100) == S_OK, "put_LowQuotaWaterMark\n");
    ok(IFaxIncomingArchive_put_AgeLimit(archive, 30) == S_OK, "put_AgeLimit\n");
    ok(IFaxIncomingArchive_put_UseArchive(archive, VARIANT_FALSE) == S_OK, "put_UseArchive\n");
    ok(IFaxIncomingArchive_put_UseArchive(archive, VARIANT_TRUE) == S_OK, "put_UseArchive\n");
    hr = IFaxIncomingArchive_Save(archive);
    ok(hr == S_OK, "%s: Save: %#lx\n", name, hr);
    other = get_archive(server, incoming);
    if (other)
    {
        CHECK_SETTINGS(other, VARIANT_TRUE, folder, VARIANT_TRUE, 200, 100, 30);
        IFaxIncomingArchive_Release(other);
    }
    /* The same values again: nothing changes, no event. */
    ok(IFaxIncomingArchive_Save(archive) == S_OK, "%s: Save unchanged\n", name);

    /* Refused: low above high, an age out of range, a negative mark. Nothing of them is stored. */
    ok(IFaxIncomingArchive_put_LowQuotaWaterMark(archive, 300) == S_OK, "put_LowQuotaWaterMark\n");
    ok(IFaxIncomingArchive_put_SizeQuotaWarning(archive, VARIANT_FALSE) == S_OK, "put_SizeQuotaWarning\n");
    hr = IFaxIncomingArchive_Save(archive);
    ok(hr == E_INVALIDARG, "%s: Save with low > high: %#lx\n", name, hr);
    ok(last_error_has(L"low <= high"), "the error says what is allowed\n");
    ok(IFaxIncomingArchive_Refresh(archive) == S_OK, "Refresh\n");
    CHECK_SETTINGS(archive, VARIANT_TRUE, folder, VARIANT_TRUE, 200, 100, 30);
    ok(IFaxIncomingArchive_put_AgeLimit(archive, 10000) == S_OK, "put_AgeLimit\n");
    ok(IFaxIncomingArchive_Save(archive) == E_INVALIDARG, "%s: Save with AgeLimit 10000\n", name);
    ok(IFaxIncomingArchive_put_AgeLimit(archive, 30) == S_OK, "put_AgeLimit\n");
    ok(IFaxIncomingArchive_put_HighQuotaWaterMark(archive, -1) == S_OK, "put_HighQuotaWaterMark\n");
    ok(IFaxIncomingArchive_Save(archive) == E_INVALIDARG, "%s: Save with HighQuotaWaterMark -1\n", name);
    ok(IFaxIncomingArchive_Refresh(archive) == S_OK, "Refresh\n");
    CHECK_SETTINGS(archive, VARIANT_TRUE, folder, VARIANT_TRUE, 200, 100, 30);
    SysFreeString(folder);
    folder = SysAllocStringLen(NULL, 300);
    wmemset(folder, 'x', 300);
    ok(IFaxIncomingArchive_put_ArchiveFolder(archive, folder) == S_OK, "put_ArchiveFolder\n");
    ok(IFaxIncomingArchive_Save(archive) == E_INVALIDARG, "%s: Save with a folder of 300 characters\n", name);
    SysFreeString(folder);
    ok(IFaxIncomingArchive_Refresh(archive) == S_OK, "Refresh\n");

    /* Late bound: the second change, AgeLimit = 45 and the service's own folder again (which lists
     * the messages archived before the first change again), Save by name. */
    value = variant_text(L"");
    ok(put_by_name((IDispatch *)archive, L"ArchiveFolder", value) == S_OK, "put ArchiveFolder by name\n");
    VariantClear(&value);
    check_long_by_name((IDispatch *)archive, L"AgeLimit", 45);
    hr = get_by_name((IDispatch *)archive, L"ArchiveFolder", &result);
    ok(hr == S_OK && V_VT(&result) == VT_BSTR && !*V_BSTR(&result), "ArchiveFolder by name: %#lx\n", hr);
    VariantClear(&result);
    /* The size is the snapshot's: the one read in the other folder until Refresh. */
    hr = invoke_by_name((IDispatch *)archive, L"Refresh", DISPATCH_METHOD, NULL, 0, NULL);
    ok(hr == S_OK, "Refresh by name: %#lx\n", hr);
    hr = get_by_name((IDispatch *)archive, L"SizeLow", &result);
    ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == size_low, "SizeLow by name: %#lx, %ld\n", hr,
       V_I4(&result));
    hr = get_by_name((IDispatch *)archive, L"UseArchive", &result);
    ok(hr == S_OK && V_VT(&result) == VT_BOOL && V_BOOL(&result) == VARIANT_TRUE, "UseArchive by name: %#lx\n", hr);
    IFaxIncomingArchive_Release(archive);
}

static void check_settings_after_restart(IFaxServer2 *server, BOOL incoming)
{
    IFaxIncomingArchive *archive = get_archive(server, incoming);

    if (!archive) return;
    CHECK_SETTINGS(archive, VARIANT_TRUE, L"", VARIANT_TRUE, 200, 100, 45);
    IFaxIncomingArchive_Release(archive);
}

/* ---- messages ---- */

static BSTR id_text(ULONGLONG id)
{
    WCHAR text[17];
    format_id(id, text);
    return SysAllocString(text);
}

static void test_get_message_bad_ids(IFaxIncomingArchive *archive, ULONGLONG other_archive_id, const char *name)
{
    static const WCHAR * const malformed[] = { L"zz", L"", L"00000000000000000", L"0000000000000000", L"12 34", L"-1" };
    IFaxIncomingMessage *message = (void *)0xdeadbeef;
    VARIANT arg, result;
    unsigned int i;
    BSTR id;
    HRESULT hr;

    for (i = 0; i < ARRAY_SIZE(malformed); i++)
    {
        id = SysAllocString(malformed[i]);
        hr = IFaxIncomingArchive_GetMessage(archive, id, &message);
        ok(hr == E_INVALIDARG && !message, "%s: GetMessage(%s): %#lx\n", name, wine_dbgstr_w(malformed[i]), hr);
        ok(last_error_has(L"message id"), "the error says what an id is\n");
        SysFreeString(id);
        message = (void *)0xdeadbeef;
    }
    hr = IFaxIncomingArchive_GetMessage(archive, NULL, &message);
    ok(hr == E_INVALIDARG && !message, "%s: GetMessage(NULL): %#lx\n", name, hr);
    /* Well formed, but no message of this archive: one never made, one of the other archive. */
    id = SysAllocString(L"00000000000F0000");
    hr = IFaxIncomingArchive_GetMessage(archive, id, &message);
    ok(hr == FAX_E_MESSAGE_NOT_FOUND && !message, "%s: GetMessage of an unknown id: %#lx\n", name, hr);
    ok(last_error_has(L"no such message"), "the error says so\n");
    SysFreeString(id);
    if (other_archive_id)
    {
        id = id_text(other_archive_id);
        hr = IFaxIncomingArchive_GetMessage(archive, id, &message);
        ok(hr == FAX_E_MESSAGE_NOT_FOUND, "%s: GetMessage of the other archive's message: %#lx\n", name, hr);
        SysFreeString(id);
    }
    arg = variant_text(L"zz");
    hr = invoke_by_name((IDispatch *)archive, L"GetMessage", DISPATCH_METHOD, &arg, 1, &result);
    ok(hr == DISP_E_EXCEPTION, "%s: GetMessage(\"zz\") by name: %#lx\n", name, hr);
    VariantClear(&arg);
    hr = invoke_by_name((IDispatch *)archive, L"GetMessage", DISPATCH_METHOD, NULL, 0, &result);
    ok(hr == DISP_E_BADPARAMCOUNT, "%s: GetMessage() by name: %#lx\n", name, hr);
}

static void check_copy_tiff(IDispatch *message, HRESULT (WINAPI *copy_tiff)(IDispatch *, BSTR), LONG pages,
                            const char *name)
{
    WCHAR path[MAX_PATH];
    BSTR text;
    HRESULT hr;

    swprintf(path, ARRAY_SIZE(path), L"%lsfxs-archives-%hs.tif", temp_folder, name);
    DeleteFileW(path);
    text = SysAllocString(path);
    hr = copy_tiff(message, text);
    ok(hr == S_OK, "%s: CopyTiff: %#lx\n", name, hr);
    ok(tiff_file_pages(path) == pages, "%s: the copy has %d pages, expected %ld\n", name, tiff_file_pages(path), pages);
    DeleteFileW(path);
    SysFreeString(text);
    ok(copy_tiff(message, NULL) == E_INVALIDARG, "%s: CopyTiff(NULL)\n", name);
    swprintf(path, ARRAY_SIZE(path), L"%lsno-such-folder-%lu\\copy.tif", temp_folder, GetCurrentProcessId());
    text = SysAllocString(path);
    hr = copy_tiff(message, text);
    ok(hr == HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND), "%s: CopyTiff into a missing folder: %#lx\n", name, hr);
    SysFreeString(text);
}

/* Read, Save and Refresh: the flag goes to the service, and another object sees it. */
static void check_read_flag(IDispatch *message, IDispatch *(*fetch_again)(void *), void *context, const char *name)
{
    VARIANT value, result;
    IDispatch *other;
    HRESULT hr;

    hr = get_by_name(message, L"Read", &result);
    ok(hr == S_OK && V_VT(&result) == VT_BOOL && V_BOOL(&result) == VARIANT_FALSE, "%s: Read: %#lx\n", name, hr);
    value = variant_text(L"perhaps");
    ok(put_by_name(message, L"Read", value) == DISP_E_TYPEMISMATCH, "%s: put Read \"perhaps\"\n", name);
    VariantClear(&value);
    V_VT(&value) = VT_BOOL;
    V_BOOL(&value) = VARIANT_TRUE;
    ok(put_by_name(message, L"Read", value) == S_OK, "%s: put Read by name\n", name);
    /* Refresh before Save forgets the change. */
    ok(invoke_by_name(message, L"Refresh", DISPATCH_METHOD, NULL, 0, NULL) == S_OK, "%s: Refresh\n", name);
    hr = get_by_name(message, L"Read", &result);
    ok(hr == S_OK && V_BOOL(&result) == VARIANT_FALSE, "%s: Read after Refresh: %d\n", name, V_BOOL(&result));
    ok(put_by_name(message, L"Read", value) == S_OK, "%s: put Read by name\n", name);
    hr = invoke_by_name(message, L"Save", DISPATCH_METHOD, NULL, 0, NULL);
    ok(hr == S_OK, "%s: Save by name: %#lx\n", name, hr);
    if ((other = fetch_again(context)))
    {
        hr = get_by_name(other, L"Read", &result);
        ok(hr == S_OK && V_BOOL(&result) == VARIANT_TRUE, "%s: Read of another object: %d\n", name, V_BOOL(&result));
        IDispatch_Release(other);
    }
}

struct fetch_context
{
    IFaxIncomingArchive *archive;      /* either archive: the same slots (see above) */
    ULONGLONG id;
};

static IDispatch *fetch_message(void *context)
{
    struct fetch_context *fetch = context;
    IFaxIncomingMessage *message = NULL;
    BSTR id = id_text(fetch->id);
    HRESULT hr = IFaxIncomingArchive_GetMessage(fetch->archive, id, &message);

    ok(hr == S_OK, "GetMessage: %#lx\n", hr);
    SysFreeString(id);
    return (IDispatch *)message;
}

static void test_outgoing_message(IFaxServer2 *server, ULONGLONG out_id, ULONGLONG in_id)
{
    IFaxOutgoingArchive *archive = get_archive(server, FALSE);
    struct fetch_context fetch = { (IFaxIncomingArchive *)archive, out_id };
    IFaxOutgoingMessage2 *message;
    IFaxOutgoingMessage *message1 = NULL;
    IFaxRecipient *recipient;
    IFaxSender *sender;
    FAX_PRIORITY_TYPE_ENUM priority = -1;
    FAX_RECEIPT_TYPE_ENUM receipt = -1;
    VARIANT_BOOL flag = 7;
    DATE start = 0, end = 0, submitted = 0;
    LONG value = -1;
    WCHAR text[17];
    VARIANT result;
    HRESULT hr;

    if (!archive) return;
    test_get_message_bad_ids((IFaxIncomingArchive *)archive, in_id, "outgoing archive");
    if (!(message = (IFaxOutgoingMessage2 *)fetch_message(&fetch))) goto done;
    check_class_info((IUnknown *)message, &IID_IFaxOutgoingMessage2, "FaxOutgoingMessage");
    ok(IFaxOutgoingMessage2_QueryInterface(message, &IID_IFaxOutgoingMessage, (void **)&message1) == S_OK,
       "IFaxOutgoingMessage\n");
    if (message1) IFaxOutgoingMessage_Release(message1);

    format_id(out_id, text);
    EXPECT_TEXT(IFaxOutgoingMessage2_get_Id, message, text);
    EXPECT_TEXT(IFaxOutgoingMessage2_get_Subject, message, L"Archived fax");
    EXPECT_TEXT(IFaxOutgoingMessage2_get_DocumentName, message, L"Annual report");
    EXPECT_TEXT(IFaxOutgoingMessage2_get_TSID, message, L"ARCHIVE TSID");
    EXPECT_TEXT(IFaxOutgoingMessage2_get_ReceiptAddress, message, L"");
    ok(IFaxOutgoingMessage2_get_Pages(message, &value) == S_OK && value == 2, "Pages %ld\n", value);
    ok(IFaxOutgoingMessage2_get_Size(message, &value) == S_OK && value > 0, "Size %ld\n", value);
    ok(IFaxOutgoingMessage2_get_Retries(message, &value) == S_OK && value == 0, "Retries %ld\n", value);
    ok(IFaxOutgoingMessage2_get_Priority(message, &priority) == S_OK && priority == fptHIGH, "Priority %d\n", priority);
    ok(IFaxOutgoingMessage2_get_ReceiptType(message, &receipt) == S_OK && receipt == frtNONE, "ReceiptType %d\n", receipt);
    ok(IFaxOutgoingMessage2_get_HasCoverPage(message, &flag) == S_OK && flag == VARIANT_FALSE, "HasCoverPage %d\n", flag);
    ok(IFaxOutgoingMessage2_get_SubmissionTime(message, &submitted) == S_OK && submitted > 40000, "SubmissionTime %f\n",
       submitted);
    ok(IFaxOutgoingMessage2_get_TransmissionStart(message, &start) == S_OK && start >= submitted - 1.0 / 86400,
       "TransmissionStart %f\n", start);
    ok(IFaxOutgoingMessage2_get_TransmissionEnd(message, &end) == S_OK && end >= start, "TransmissionEnd %f\n", end);
    ok(IFaxOutgoingMessage2_get_OriginalScheduledTime(message, &(DATE){ 0 }) == S_OK, "OriginalScheduledTime\n");
    hr = IFaxOutgoingMessage2_get_SubmissionId(message, &result.bstrVal);
    ok(hr == S_OK && SysStringLen(result.bstrVal) == 16 && wcscmp(result.bstrVal, text), "SubmissionId %s\n",
       wine_dbgstr_w(result.bstrVal));
    SysFreeString(result.bstrVal);
    hr = IFaxOutgoingMessage2_get_DeviceName(message, &result.bstrVal);
    ok(hr == S_OK && SysStringLen(result.bstrVal) > 0, "DeviceName %s\n", wine_dbgstr_w(result.bstrVal));
    SysFreeString(result.bstrVal);
    hr = IFaxOutgoingMessage2_get_CSID(message, &result.bstrVal);
    ok(hr == S_OK && result.bstrVal, "CSID: %#lx\n", hr);
    SysFreeString(result.bstrVal);
    hr = IFaxOutgoingMessage2_get_Sender(message, &sender);
    ok(hr == S_OK, "Sender: %#lx\n", hr);
    if (hr == S_OK)
    {
        EXPECT_TEXT(IFaxSender_get_Name, sender, L"Archive Tester");
        EXPECT_TEXT(IFaxSender_get_City, sender, L"Porto");
        IFaxSender_Release(sender);
    }
    hr = IFaxOutgoingMessage2_get_Recipient(message, &recipient);
    ok(hr == S_OK, "Recipient: %#lx\n", hr);
    if (hr == S_OK)
    {
        EXPECT_TEXT(IFaxRecipient_get_FaxNumber, recipient, L"1002");
        EXPECT_TEXT(IFaxRecipient_get_Name, recipient, L"Archive Recipient");
        IFaxRecipient_Release(recipient);
    }

    /* NULL out pointers. */
    ok(IFaxOutgoingMessage2_get_Id(message, NULL) == E_POINTER, "Id(NULL)\n");
    ok(IFaxOutgoingMessage2_get_SubmissionId(message, NULL) == E_POINTER, "SubmissionId(NULL)\n");
    ok(IFaxOutgoingMessage2_get_Pages(message, NULL) == E_POINTER, "Pages(NULL)\n");
    ok(IFaxOutgoingMessage2_get_SubmissionTime(message, NULL) == E_POINTER, "SubmissionTime(NULL)\n");
    ok(IFaxOutgoingMessage2_get_TransmissionEnd(message, NULL) == E_POINTER, "TransmissionEnd(NULL)\n");
    ok(IFaxOutgoingMessage2_get_Priority(message, NULL) == E_POINTER, "Priority(NULL)\n");
    ok(IFaxOutgoingMessage2_get_Sender(message, NULL) == E_POINTER, "Sender(NULL)\n");
    ok(IFaxOutgoingMessage2_get_Recipient(message, NULL) == E_POINTER, "Recipient(NULL)\n");
    ok(IFaxOutgoingMessage2_get_HasCoverPage(message, NULL) == E_POINTER, "HasCoverPage(NULL)\n");
    ok(IFaxOutgoingMessage2_get_ReceiptType(message, NULL) == E_POINTER, "ReceiptType(NULL)\n");
    ok(IFaxOutgoingMessage2_get_Read(message, NULL) == E_POINTER, "Read(NULL)\n");

    /* Late bound. */
    hr = get_by_name((IDispatch *)message, L"Subject", &result);
    ok(hr == S_OK && V_VT(&result) == VT_BSTR && !wcscmp(V_BSTR(&result), L"Archived fax"), "Subject by name: %#lx\n", hr);
    VariantClear(&result);
    hr = get_by_name((IDispatch *)message, L"Sender", &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "Sender by name: %#lx\n", hr);
    VariantClear(&result);
    hr = get_by_name((IDispatch *)message, L"Priority", &result);
    ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == fptHIGH, "Priority by name: %#lx\n", hr);
    ok(dispid_of((IDispatch *)message, L"Refresh") == 25, "DISPID of Refresh\n");

    check_copy_tiff((IDispatch *)message, (void *)message->lpVtbl->CopyTiff, 2, "outgoing");
    check_read_flag((IDispatch *)message, fetch_message, &fetch, "outgoing message");
    IFaxOutgoingMessage2_Release(message);
done:
    IFaxOutgoingArchive_Release(archive);
}

static void set_text(HRESULT (WINAPI *put)(IFaxIncomingMessage2 *, BSTR), IFaxIncomingMessage2 *message,
                     const WCHAR *value)
{
    BSTR text = SysAllocString(value);
    ok(put(message, text) == S_OK, "put %s\n", wine_dbgstr_w(value));
    SysFreeString(text);
}

static void test_reassign(IFaxIncomingMessage2 *message, struct fetch_context *fetch, struct fxs_link *link)
{
    IFaxIncomingMessage2 *other;
    VARIANT_BOOL flag = 7;
    HRESULT hr;

    ok(IFaxIncomingMessage2_get_WasReAssigned(message, &flag) == S_OK && flag == VARIANT_FALSE, "WasReAssigned %d\n", flag);
    EXPECT_TEXT(IFaxIncomingMessage2_get_Recipients, message, L"");
    hr = IFaxIncomingMessage2_ReAssign(message);
    ok(hr == E_INVALIDARG, "ReAssign without recipients: %#lx\n", hr);
    ok(last_error_has(L"Recipients"), "the error says what is missing\n");

    set_text(message->lpVtbl->put_Recipients, message, L"WORKGROUP\\alice;WORKGROUP\\bob");
    set_text(message->lpVtbl->put_Subject, message, L"Invoice 42");
    set_text(message->lpVtbl->put_SenderName, message, L"Bob's Garage");
    set_text(message->lpVtbl->put_SenderFaxNumber, message, L"+351 22 000 0000");
    ok(IFaxIncomingMessage2_put_HasCoverPage(message, VARIANT_TRUE) == S_OK, "put_HasCoverPage\n");
    ok(IFaxIncomingMessage2_put_Subject(message, NULL) == S_OK, "put_Subject(NULL)\n");
    EXPECT_TEXT(IFaxIncomingMessage2_get_Subject, message, L"");
    set_text(message->lpVtbl->put_Subject, message, L"Invoice 42");
    ok(IFaxIncomingMessage2_get_WasReAssigned(message, &flag) == S_OK && flag == VARIANT_FALSE,
       "WasReAssigned before ReAssign %d\n", flag);
    /* Not while incoming faxes are public (IFaxConfiguration.IncomingFaxesArePublic). */
    ok(!config_set_number(link, FXS_CONFIG_GENERAL, "incoming_faxes_are_public", 1), "making faxes public\n");
    hr = IFaxIncomingMessage2_ReAssign(message);
    ok(hr == HRESULT_FROM_WIN32(ERROR_INVALID_OPERATION), "ReAssign of a public fax: %#lx\n", hr);
    ok(last_error_has(L"IncomingFaxesArePublic"), "the error says why\n");
    ok(!config_set_number(link, FXS_CONFIG_GENERAL, "incoming_faxes_are_public", 0), "making faxes private\n");
    hr = IFaxIncomingMessage2_ReAssign(message);
    ok(hr == S_OK, "ReAssign: %#lx\n", hr);
    ok(IFaxIncomingMessage2_get_WasReAssigned(message, &flag) == S_OK && flag == VARIANT_TRUE, "WasReAssigned %d\n", flag);
    if ((other = (IFaxIncomingMessage2 *)fetch_message(fetch)))
    {
        EXPECT_TEXT(IFaxIncomingMessage2_get_Recipients, other, L"WORKGROUP\\alice;WORKGROUP\\bob");
        EXPECT_TEXT(IFaxIncomingMessage2_get_Subject, other, L"Invoice 42");
        EXPECT_TEXT(IFaxIncomingMessage2_get_SenderName, other, L"Bob's Garage");
        EXPECT_TEXT(IFaxIncomingMessage2_get_SenderFaxNumber, other, L"+351 22 000 0000");
        ok(IFaxIncomingMessage2_get_HasCoverPage(other, &flag) == S_OK && flag == VARIANT_TRUE, "HasCoverPage %d\n", flag);
        ok(IFaxIncomingMessage2_get_WasReAssigned(other, &flag) == S_OK && flag == VARIANT_TRUE, "WasReAssigned %d\n",
           flag);
        IFaxIncomingMessage2_Release(other);
    }
    ok(IFaxIncomingMessage2_get_WasReAssigned(message, NULL) == E_POINTER, "WasReAssigned(NULL)\n");
    ok(IFaxIncomingMessage2_get_Recipients(message, NULL) == E_POINTER, "Recipients(NULL)\n");
    ok(invoke_by_name((IDispatch *)message, L"ReAssign", DISPATCH_METHOD, NULL, 0, NULL) == S_OK, "ReAssign by name\n");
}

static void test_incoming_message(IFaxIncomingMessage2 *message, struct fetch_context *fetch, struct fxs_link *link)
{
    DATE start = 0, end = 0;
    LONG value = -1;
    WCHAR text[17];
    VARIANT result;
    BSTR string;
    HRESULT hr;

    check_class_info((IUnknown *)message, &IID_IFaxIncomingMessage2, "FaxIncomingMessage");
    format_id(fetch->id, text);
    EXPECT_TEXT(IFaxIncomingMessage2_get_Id, message, text);
    EXPECT_TEXT(IFaxIncomingMessage2_get_CallerId, message, L"1001");
    EXPECT_TEXT(IFaxIncomingMessage2_get_TSID, message, L"ARCHIVE TSID");
    EXPECT_TEXT(IFaxIncomingMessage2_get_SenderName, message, L"");
    ok(IFaxIncomingMessage2_get_Pages(message, &value) == S_OK && value == 2, "Pages %ld\n", value);
    ok(IFaxIncomingMessage2_get_Size(message, &value) == S_OK && value > 0, "Size %ld\n", value);
    ok(IFaxIncomingMessage2_get_Retries(message, &value) == S_OK && value == 0, "Retries %ld\n", value);
    ok(IFaxIncomingMessage2_get_TransmissionStart(message, &start) == S_OK && start > 40000, "TransmissionStart %f\n",
       start);
    ok(IFaxIncomingMessage2_get_TransmissionEnd(message, &end) == S_OK && end >= start, "TransmissionEnd %f\n", end);
    hr = IFaxIncomingMessage2_get_DeviceName(message, &string);
    ok(hr == S_OK && SysStringLen(string) > 0, "DeviceName %s\n", wine_dbgstr_w(string));
    SysFreeString(string);
    ok(IFaxIncomingMessage2_get_CSID(message, &string) == S_OK, "CSID\n");
    SysFreeString(string);
    ok(IFaxIncomingMessage2_get_RoutingInformation(message, &string) == S_OK, "RoutingInformation\n");
    SysFreeString(string);
    ok(IFaxIncomingMessage2_get_Id(message, NULL) == E_POINTER, "Id(NULL)\n");
    ok(IFaxIncomingMessage2_get_CallerId(message, NULL) == E_POINTER, "CallerId(NULL)\n");
    ok(IFaxIncomingMessage2_get_TransmissionStart(message, NULL) == E_POINTER, "TransmissionStart(NULL)\n");
    ok(IFaxIncomingMessage2_get_Subject(message, NULL) == E_POINTER, "Subject(NULL)\n");
    hr = get_by_name((IDispatch *)message, L"CallerId", &result);
    ok(hr == S_OK && V_VT(&result) == VT_BSTR && !wcscmp(V_BSTR(&result), L"1001"), "CallerId by name: %#lx\n", hr);
    VariantClear(&result);
    result = variant_i4(5);
    ok(put_by_name((IDispatch *)message, L"Pages", result) == DISP_E_MEMBERNOTFOUND, "Pages is read-only\n");
    ok(dispid_of((IDispatch *)message, L"ReAssign") == 21, "DISPID of ReAssign\n");

    check_copy_tiff((IDispatch *)message, (void *)message->lpVtbl->CopyTiff, 2, "incoming");
    check_read_flag((IDispatch *)message, fetch_message, fetch, "incoming message");
    test_reassign(message, fetch, link);
}

/* GetMessages on the incoming archive, which holds the one fax received. */
static void test_iterator(IFaxServer2 *server, struct fxs_link *link, ULONGLONG in_id, ULONGLONG out_id)
{
    IFaxIncomingArchive *archive = get_archive(server, TRUE);
    struct fetch_context fetch = { archive, in_id };
    IFaxIncomingMessageIterator *iterator = NULL;
    IFaxIncomingMessage *message = NULL, *again = NULL;
    IFaxIncomingMessage2 *message2 = NULL;
    VARIANT_BOOL eof = 7;
    LONG size = 0;
    VARIANT arg, result;
    HRESULT hr;

    if (!archive) return;
    test_get_message_bad_ids(archive, out_id, "incoming archive");
    hr = IFaxIncomingArchive_GetMessages(archive, 0, &iterator);
    ok(hr == E_INVALIDARG && !iterator, "GetMessages(0): %#lx\n", hr);
    ok(last_error_has(L"prefetch size"), "the error names the prefetch size\n");
    hr = IFaxIncomingArchive_GetMessages(archive, -3, &iterator);
    ok(hr == E_INVALIDARG, "GetMessages(-3): %#lx\n", hr);

    /* By name with the default prefetch size (lDEFAULT_PREFETCH_SIZE). */
    hr = invoke_by_name((IDispatch *)archive, L"GetMessages", DISPATCH_METHOD, NULL, 0, &result);
    ok(hr == S_OK && V_VT(&result) == VT_DISPATCH, "GetMessages() by name: %#lx\n", hr);
    if (hr == S_OK)
    {
        VARIANT prefetch;
        hr = get_by_name(V_DISPATCH(&result), L"PrefetchSize", &prefetch);
        ok(hr == S_OK && V_I4(&prefetch) == lDEFAULT_PREFETCH_SIZE, "default PrefetchSize %ld\n", V_I4(&prefetch));
        hr = get_by_name(V_DISPATCH(&result), L"AtEOF", &prefetch);
        ok(hr == S_OK && V_VT(&prefetch) == VT_BOOL && V_BOOL(&prefetch) == VARIANT_FALSE, "AtEOF by name\n");
        arg = variant_text(L"many");
        ok(put_by_name(V_DISPATCH(&result), L"PrefetchSize", arg) == DISP_E_TYPEMISMATCH, "PrefetchSize \"many\"\n");
        VariantClear(&arg);
        ok(put_by_name(V_DISPATCH(&result), L"PrefetchSize", variant_i4(0)) == DISP_E_EXCEPTION, "PrefetchSize 0\n");
        hr = get_by_name(V_DISPATCH(&result), L"Message", &prefetch);
        ok(hr == S_OK && V_VT(&prefetch) == VT_DISPATCH, "Message by name: %#lx\n", hr);
        VariantClear(&prefetch);
        ok(invoke_by_name(V_DISPATCH(&result), L"MoveNext", DISPATCH_METHOD, NULL, 0, NULL) == S_OK, "MoveNext\n");
        ok(invoke_by_name(V_DISPATCH(&result), L"MoveNext", DISPATCH_METHOD, NULL, 0, NULL) == DISP_E_EXCEPTION,
           "MoveNext at the end by name\n");
        ok(invoke_by_name(V_DISPATCH(&result), L"MoveFirst", DISPATCH_METHOD, NULL, 0, NULL) == S_OK, "MoveFirst\n");
        VariantClear(&result);
    }

    hr = IFaxIncomingArchive_GetMessages(archive, 3, &iterator);
    ok(hr == S_OK, "GetMessages(3): %#lx\n", hr);
    if (hr != S_OK) goto done;
    check_class_info((IUnknown *)iterator, &IID_IFaxIncomingMessageIterator, "FaxIncomingMessageIterator");
    ok(dispid_of((IDispatch *)iterator, L"AtEOF") == 3 && dispid_of((IDispatch *)iterator, L"PrefetchSize") == 2,
       "the incoming iterator's DISPIDs\n");
    ok(IFaxIncomingMessageIterator_get_PrefetchSize(iterator, &size) == S_OK && size == 3, "PrefetchSize %ld\n", size);
    ok(IFaxIncomingMessageIterator_put_PrefetchSize(iterator, 0) == E_INVALIDARG, "put_PrefetchSize(0)\n");
    ok(IFaxIncomingMessageIterator_put_PrefetchSize(iterator, -100) == E_INVALIDARG, "put_PrefetchSize(-100)\n");
    ok(IFaxIncomingMessageIterator_put_PrefetchSize(iterator, 7) == S_OK, "put_PrefetchSize(7)\n");
    ok(IFaxIncomingMessageIterator_get_PrefetchSize(iterator, &size) == S_OK && size == 7, "PrefetchSize %ld\n", size);
    ok(IFaxIncomingMessageIterator_get_PrefetchSize(iterator, NULL) == E_POINTER, "PrefetchSize(NULL)\n");
    ok(IFaxIncomingMessageIterator_get_AtEOF(iterator, NULL) == E_POINTER, "AtEOF(NULL)\n");
    ok(IFaxIncomingMessageIterator_get_Message(iterator, NULL) == E_POINTER, "Message(NULL)\n");
    ok(IFaxIncomingMessageIterator_get_AtEOF(iterator, &eof) == S_OK && eof == VARIANT_FALSE, "AtEOF %d\n", eof);
    hr = IFaxIncomingMessageIterator_get_Message(iterator, &message);
    ok(hr == S_OK, "Message: %#lx\n", hr);
    /* The same object until the cursor moves. */
    ok(IFaxIncomingMessageIterator_get_Message(iterator, &again) == S_OK && again == message, "another object\n");
    if (again) IFaxIncomingMessage_Release(again);
    if (message)
    {
        ok(IFaxIncomingMessage_QueryInterface(message, &IID_IFaxIncomingMessage2, (void **)&message2) == S_OK,
           "IFaxIncomingMessage2\n");
        if (message2)
        {
            test_incoming_message(message2, &fetch, link);
            IFaxIncomingMessage2_Release(message2);
        }
        IFaxIncomingMessage_Release(message);
    }
    ok(IFaxIncomingMessageIterator_MoveNext(iterator) == S_OK, "MoveNext\n");
    ok(IFaxIncomingMessageIterator_get_AtEOF(iterator, &eof) == S_OK && eof == VARIANT_TRUE, "AtEOF %d\n", eof);
    message = (void *)0xdeadbeef;
    hr = IFaxIncomingMessageIterator_get_Message(iterator, &message);
    ok(hr == HRESULT_FROM_WIN32(ERROR_HANDLE_EOF) && !message, "Message at the end: %#lx\n", hr);
    ok(last_error_has(L"AtEOF"), "the error says why\n");
    hr = IFaxIncomingMessageIterator_MoveNext(iterator);
    ok(hr == HRESULT_FROM_WIN32(ERROR_HANDLE_EOF), "MoveNext at the end: %#lx\n", hr);
    ok(IFaxIncomingMessageIterator_MoveFirst(iterator) == S_OK, "MoveFirst\n");
    ok(IFaxIncomingMessageIterator_get_AtEOF(iterator, &eof) == S_OK && eof == VARIANT_FALSE, "AtEOF %d\n", eof);
    IFaxIncomingMessageIterator_Release(iterator);
done:
    IFaxIncomingArchive_Release(archive);
}

/* The outgoing iterator: AtEOF and PrefetchSize are in the other order in its vtable. */
static void test_outgoing_iterator(IFaxServer2 *server, ULONGLONG out_id)
{
    IFaxOutgoingArchive *archive = get_archive(server, FALSE);
    IFaxOutgoingMessageIterator *iterator = NULL;
    IFaxOutgoingMessage *message = NULL;
    VARIANT_BOOL eof = 7;
    LONG size = 0;
    WCHAR text[17];
    VARIANT result;
    HRESULT hr;

    if (!archive) return;
    hr = IFaxOutgoingArchive_GetMessages(archive, 1, &iterator);
    ok(hr == S_OK, "outgoing GetMessages(1): %#lx\n", hr);
    if (hr == S_OK)
    {
        check_class_info((IUnknown *)iterator, &IID_IFaxOutgoingMessageIterator, "FaxOutgoingMessageIterator");
        ok(IFaxOutgoingMessageIterator_get_AtEOF(iterator, &eof) == S_OK && eof == VARIANT_FALSE, "AtEOF %d\n", eof);
        ok(IFaxOutgoingMessageIterator_get_PrefetchSize(iterator, &size) == S_OK && size == 1, "PrefetchSize %ld\n", size);
        ok(IFaxOutgoingMessageIterator_put_PrefetchSize(iterator, 0) == E_INVALIDARG, "put_PrefetchSize(0)\n");
        ok(dispid_of((IDispatch *)iterator, L"AtEOF") == 2 && dispid_of((IDispatch *)iterator, L"PrefetchSize") == 3,
           "the outgoing iterator's DISPIDs\n");
        hr = get_by_name((IDispatch *)iterator, L"PrefetchSize", &result);
        ok(hr == S_OK && V_VT(&result) == VT_I4 && V_I4(&result) == 1, "PrefetchSize by name: %#lx\n", hr);
        hr = put_by_name((IDispatch *)iterator, L"PrefetchSize", variant_i4(-1));
        ok(hr == DISP_E_EXCEPTION, "PrefetchSize -1 by name: %#lx\n", hr);
        ok(IFaxOutgoingMessageIterator_get_Message(iterator, &message) == S_OK, "Message\n");
        format_id(out_id, text);
        if (message)
        {
            EXPECT_TEXT(IFaxOutgoingMessage_get_Id, message, text);
            IFaxOutgoingMessage_Release(message);
        }
        /* The page of one was full: the next one is asked for, and is empty. */
        ok(IFaxOutgoingMessageIterator_MoveNext(iterator) == S_OK, "MoveNext\n");
        ok(IFaxOutgoingMessageIterator_get_AtEOF(iterator, &eof) == S_OK && eof == VARIANT_TRUE, "AtEOF %d\n", eof);
        ok(IFaxOutgoingMessageIterator_MoveNext(iterator) == HRESULT_FROM_WIN32(ERROR_HANDLE_EOF), "MoveNext at the end\n");
        IFaxOutgoingMessageIterator_Release(iterator);
    }
    IFaxOutgoingArchive_Release(archive);
}

/* ---- deleting ---- */

static void test_delete(IFaxServer2 *server, BOOL incoming, ULONGLONG id)
{
    IFaxIncomingArchive *archive = get_archive(server, incoming);
    struct fetch_context fetch = { archive, id };
    IFaxIncomingMessage *message, *gone = (void *)0xdeadbeef;
    BSTR text;
    HRESULT hr;

    if (!archive) return;
    if ((message = (IFaxIncomingMessage *)fetch_message(&fetch)))
    {
        hr = incoming ? IFaxIncomingMessage_Delete(message) : IFaxOutgoingMessage_Delete((IFaxOutgoingMessage *)message);
        ok(hr == S_OK, "Delete: %#lx\n", hr);
        hr = incoming ? IFaxIncomingMessage_Delete(message) : IFaxOutgoingMessage_Delete((IFaxOutgoingMessage *)message);
        ok(hr == FAX_E_MESSAGE_NOT_FOUND, "Delete again: %#lx\n", hr);
        ok(last_error_has(L"no such message"), "the error says so\n");
        hr = invoke_by_name((IDispatch *)message, L"Refresh", DISPATCH_METHOD, NULL, 0, NULL);
        ok(hr == DISP_E_EXCEPTION, "Refresh of a deleted message: %#lx\n", hr);
        IFaxIncomingMessage_Release(message);
    }
    text = id_text(id);
    hr = IFaxIncomingArchive_GetMessage(archive, text, &gone);
    ok(hr == FAX_E_MESSAGE_NOT_FOUND && !gone, "GetMessage of a deleted message: %#lx\n", hr);
    SysFreeString(text);
    IFaxIncomingArchive_Release(archive);
}

/* The changes of the settings and the deletions, with a listener in another process that must
 * see each event exactly once (a FaxServer with a sink, as any client), and nothing for a Save
 * that changed nothing or was refused. */
static void test_with_listener(IFaxServer2 *server, struct fxs_link *link, struct event_log *log, ULONGLONG in_id,
                               ULONGLONG out_id)
{
    struct listener listener = { 0 };
    WCHAR in_text[17], out_text[17];
    int count;

    if (!listener_start(&listener, DISPID_OUTGOING_MESSAGE_REMOVED, 1))
    {
        ok(0, "the listening process did not start\n");
        return;
    }
    test_settings(server, TRUE, &IID_IFaxIncomingArchive);
    test_settings(server, FALSE, &IID_IFaxOutgoingArchive);
    test_delete(server, TRUE, in_id);
    test_delete(server, FALSE, out_id);
    ok(wait_for(link, log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_REMOVED, in_id), "no OnIncomingMessageRemoved\n");
    ok(wait_for(link, log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_REMOVED, out_id), "no OnOutgoingMessageRemoved\n");
    listener_finish(&listener);

    format_id(in_id, in_text);
    format_id(out_id, out_text);
    count = listener_count(&listener, DISPID_INCOMING_ARCHIVE_CONFIG_CHANGE, NULL);
    ok(count == 2, "%d OnIncomingArchiveConfigChange, expected 2 (two changes saved)\n", count);
    count = listener_count(&listener, DISPID_OUTGOING_ARCHIVE_CONFIG_CHANGE, NULL);
    ok(count == 2, "%d OnOutgoingArchiveConfigChange, expected 2\n", count);
    count = listener_count(&listener, DISPID_INCOMING_MESSAGE_REMOVED, in_text);
    ok(count == 1, "%d OnIncomingMessageRemoved(\"%s\"), expected 1\n", count, wine_dbgstr_w(in_text));
    count = listener_count(&listener, DISPID_OUTGOING_MESSAGE_REMOVED, out_text);
    ok(count == 1, "%d OnOutgoingMessageRemoved(\"%s\"), expected 1\n", count, wine_dbgstr_w(out_text));
    count = listener_count(&listener, DISPID_UNKNOWN, NULL);
    ok(count == 6, "%d calls in all, expected 6\n", count);
    DeleteFileA(listener.file);
}

/* ---- a fax through both archives ---- */

static BOOL send_fax(struct fxs_link *link, struct event_log *log, ULONGLONG *out_id, ULONGLONG *in_id)
{
    fxs_document doc = { 0 };
    int added;

    doc.subject = (WCHAR *)L"Archived fax";
    doc.document_name = (WCHAR *)L"Annual report";
    doc.priority = fptHIGH;
    doc.sender.name = (WCHAR *)L"Archive Tester";
    doc.sender.city = (WCHAR *)L"Porto";
    doc.sender.tsid = (WCHAR *)L"ARCHIVE TSID";
    ok(submit_document(link, &doc, L"1002", L"Archive Recipient", 2, out_id) == ERROR_SUCCESS, "submitting\n");
    ok(wait_for(link, log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, *out_id), "no OnOutgoingMessageAdded\n");
    ok(wait_for(link, log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "no OnIncomingMessageAdded\n");
    added = find_event(log, 0, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0);
    if (added < 0 || !log_has(log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, *out_id)) return FALSE;
    *in_id = log->events[added].job_id;
    return TRUE;
}

static void test_archives(IFaxServer2 *server, struct fxs_link *link)
{
    struct event_log log = { 0 };
    ULONGLONG out_id = 0, in_id = 0;

    if (send_fax(link, &log, &out_id, &in_id))
    {
        test_outgoing_message(server, out_id, in_id);
        test_outgoing_iterator(server, out_id);
        test_iterator(server, link, in_id, out_id);
        test_with_listener(server, link, &log, in_id, out_id);
    }
    log_free(&log);
}

/* ---- 10,000 messages ---- */

/* Written into the data root while the service is stopped, by the service's own store. */
static void write_bulk_messages(DWORD count)
{
    double start = now_ms(), tenth_start = start;
    svc_time now;
    DWORD i, error = ERROR_SUCCESS;

    clock_init();
    now = clock_now();
    error = jobstore_open();
    ok(!error, "opening the store: %lu\n", error);
    if (error) return;
    for (i = 0; i < count && !error; i++)
    {
        struct job *message = job_create(TRUE);
        WCHAR caller[16];

        swprintf(caller, ARRAY_SIZE(caller), L"%lu", 5000 + i);
        message->id = jobstore_new_id();
        message->status = fjsCOMPLETED;
        message->extended_status_code = fjesCALL_COMPLETED;
        message->pages = 1 + i % 3;
        message->size = 1000 + i;
        message->transmission_start = now - 60 * SVC_TIME_SECOND;
        message->transmission_end = now;
        if (!job_set_string(&message->caller_id, caller) || !job_set_string(&message->csid, L"BULK CSID") ||
            !job_set_string(&message->tsid, L"BULK TSID") || !job_set_string(&message->device_name, L"Bulk device"))
            error = ERROR_OUTOFMEMORY;
        if (!error) error = jobstore_save_message(message);
        job_free(message);
        /* A new file costs more as the folder grows (Wine looks a name it does not find up by
         * reading the whole folder): the cost per file, by tenths. */
        if (count >= 10 && (i + 1) % (count / 10) == 0)
        {
            trace("messages %lu-%lu written in %.1f ms each\n", i + 1 - count / 10, i + 1,
                  (now_ms() - tenth_start) / (count / 10));
            tenth_start = now_ms();
        }
    }
    ok(!error, "writing message %lu: %lu\n", i, error);
    jobstore_close();
    trace("%lu messages written into the store in %.1f s\n", i, (now_ms() - start) / 1000);
}

static void test_bulk_walk(IFaxServer2 *server)
{
    IFaxIncomingArchive *archive = get_archive(server, TRUE);
    IFaxIncomingMessageIterator *iterator = NULL;
    IFaxIncomingMessage *message;
    VARIANT_BOOL eof = VARIANT_FALSE;
    SIZE_T before, after_tenth = 0, after;
    double start, elapsed;
    WCHAR expected[16];
    DWORD walked = 0, bad = 0;
    BSTR text;
    HRESULT hr;

    if (!archive) return;
    before = private_bytes();
    start = now_ms();
    hr = IFaxIncomingArchive_GetMessages(archive, BULK_PREFETCH, &iterator);
    ok(hr == S_OK, "GetMessages(%d): %#lx\n", BULK_PREFETCH, hr);
    while (hr == S_OK && IFaxIncomingMessageIterator_get_AtEOF(iterator, &eof) == S_OK && !eof)
    {
        if ((hr = IFaxIncomingMessageIterator_get_Message(iterator, &message)) != S_OK) break;
        /* Every one is there once, in the order they were archived. */
        swprintf(expected, ARRAY_SIZE(expected), L"%lu", 5000 + walked);
        if (IFaxIncomingMessage_get_CallerId(message, &text) != S_OK || wcscmp(text, expected)) bad++;
        SysFreeString(text);
        IFaxIncomingMessage_Release(message);
        if (++walked == bulk_messages / 10) after_tenth = private_bytes();
        hr = IFaxIncomingMessageIterator_MoveNext(iterator);
    }
    elapsed = now_ms() - start;
    after = private_bytes();
    ok(hr == S_OK && eof, "the walk ended with %#lx after %lu messages\n", hr, walked);
    ok(walked == bulk_messages, "%lu messages walked, expected %lu\n", walked, bulk_messages);
    ok(!bad, "%lu messages out of order or wrong\n", bad);
    trace("%lu messages walked with PrefetchSize %d in %.2f s: %.0f messages per second\n", walked, BULK_PREFETCH,
          elapsed / 1000, walked * 1000.0 / elapsed);
    trace("private bytes: %Iu KB before, %Iu KB after %lu messages, %Iu KB after %lu\n", before / 1024,
          after_tenth / 1024, bulk_messages / 10, after / 1024, walked);
    /* Bounded: the last nine tenths of the walk cost no memory for their messages (a list of
     * 9,000 records would be several megabytes). */
    ok(after_tenth && after < after_tenth + 2 * 1024 * 1024, "memory grew by %Iu KB over the last nine tenths\n",
       (after - after_tenth) / 1024);
    if (iterator) IFaxIncomingMessageIterator_Release(iterator);
    IFaxIncomingArchive_Release(archive);
}

/* Starts the service and waits for it as long as it takes to load a large archive (a FaxServer
 * waits FXS_START_TIMEOUT_MS); the time it took is traced. */
static void start_service_patiently(void)
{
    struct fxs_link_options options = { L"fxscomex test", service_exe(FALSE), 0, FALSE, 300000 };
    struct fxs_link *link = NULL;
    double start = now_ms();
    DWORD status = fxs_link_open(&options, &link);

    ok(!status, "starting the service: %lu\n", status);
    trace("the service started with %lu archived messages in %.1f s\n", bulk_messages, (now_ms() - start) / 1000);
    if (link) fxs_link_close(link);
}

/* ---- the frame ---- */

/* Deletes a folder and everything in it: one listing per folder and a delete of each name. (cmd's
 * rmdir looks every file up again, which Wine does by reading the whole folder: 10,000 messages
 * took it minutes.) */
static void remove_tree(const WCHAR *folder)
{
    WCHAR pattern[MAX_PATH], path[MAX_PATH];
    WIN32_FIND_DATAW found;
    HANDLE find;

    swprintf(pattern, ARRAY_SIZE(pattern), L"%ls\\*", folder);
    if ((find = FindFirstFileW(pattern, &found)) != INVALID_HANDLE_VALUE)
    {
        do
        {
            if (!wcscmp(found.cFileName, L".") || !wcscmp(found.cFileName, L"..")) continue;
            swprintf(path, ARRAY_SIZE(path), L"%ls\\%ls", folder, found.cFileName);
            if (found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) remove_tree(path);
            else DeleteFileW(path);
        } while (FindNextFileW(find, &found));
        FindClose(find);
    }
    RemoveDirectoryW(folder);
}

/* Removes a data root; whether it is gone. A root left behind would be found again by a later
 * run whose process has the same id. */
static BOOL remove_data_root(const WCHAR *root)
{
    double start = now_ms();
    int attempt;

    /* Again if a listing missed names deleted under it. */
    for (attempt = 0; attempt < 3 && GetFileAttributesW(root) != INVALID_FILE_ATTRIBUTES; attempt++) remove_tree(root);
    trace("the data root was removed in %.1f s\n", (now_ms() - start) / 1000);
    return GetFileAttributesW(root) == INVALID_FILE_ATTRIBUTES;
}

static void with_server(void (*tests)(IFaxServer2 *server, struct fxs_link *link), BOOL listen)
{
    IFaxServer2 *server = connected_server();
    struct fxs_link *link = NULL;

    if (!server) return;
    if (!listen || (link = start_listening())) tests(server, link);
    if (link) fxs_link_close(link);
    IFaxServer2_Disconnect(server);
    IFaxServer2_Release(server);
}

static void test_restart(IFaxServer2 *server, struct fxs_link *link)
{
    check_settings_after_restart(server, TRUE);
    check_settings_after_restart(server, FALSE);
}

static void test_bulk(IFaxServer2 *server, struct fxs_link *link)
{
    test_bulk_walk(server);
}

START_TEST(archives)
{
    WCHAR root[MAX_PATH];
    char number[16];

    if (listener_run_if_asked()) return;
    if (GetEnvironmentVariableA("FXS_TEST_BULK_MESSAGES", number, sizeof(number)) && atol(number) > 0)
        bulk_messages = atol(number);
    GetTempPathW(ARRAY_SIZE(temp_folder), temp_folder);
    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-archives", root);
    ok(remove_data_root(root), "the data root %s of an earlier run is still there\n", wine_dbgstr_w(root));
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");
    CoInitializeEx(NULL, COINIT_MULTITHREADED);

    with_server(test_archives, TRUE);
    /* The settings saved are there after a restart. */
    ok(stop_service(), "the service did not stop\n");
    with_server(test_restart, FALSE);
    ok(stop_service(), "the service did not stop\n");
    write_bulk_messages(bulk_messages);
    start_service_patiently();
    with_server(test_bulk, FALSE);

    ok(dll_can_unload() == S_OK, "an object of fxscomex.dll is still alive\n");
    CoUninitialize();
    ok(stop_service(), "the service did not stop\n");
    ok(remove_data_root(root), "the data root could not be removed\n");
    ok(RemoveDirectoryW(archive_folder_setting(TRUE)) && RemoveDirectoryW(archive_folder_setting(FALSE)),
       "the archive folders the service made are not there, or not empty\n");
}
