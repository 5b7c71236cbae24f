/*
 * send_fax_cxx: sends a fax and waits, through the fax server's events, until it has been sent;
 * the C++ twin of send_fax.c.
 *
 *     send_fax_cxx.exe BODY.tif NUMBER
 *
 * Compiled against faxcomex.h (the one the build generates, or the Windows SDK's), with plain COM
 * and no smart pointers or ATL. This one lives in the multithreaded apartment: its sink is called
 * on the library's own thread, so the sink counts its references atomically, guards what it shares
 * with the main thread, and wakes it through an event object when the job has ended. Exit codes as
 * send_fax.c: 0 sent, 1 not sent, 2 bad arguments, 3 no answer in 10 minutes.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <windows.h>
#include <ole2.h>
#include <olectl.h>
#include <stdio.h>
#include "faxcomex.h"

class FaxEventSink : public IDispatch
{
public:
    explicit FaxEventSink(HANDLE ended_event) : refs(1), ended_event(ended_event), sent(false)
    {
        job_id[0] = 0;
        InitializeCriticalSection(&lock);
    }
    virtual ~FaxEventSink() { DeleteCriticalSection(&lock); }

    /* The job to follow: events of other jobs (other programs' faxes) are not ours. Its events can
     * come before its id does: from hold() until follow(id), they wait in Invoke. */
    void hold() { EnterCriticalSection(&lock); }
    void follow(const WCHAR *id)
    {
        lstrcpynW(job_id, id, sizeof(job_id) / sizeof(job_id[0]));
        LeaveCriticalSection(&lock);
    }
    bool was_sent()
    {
        EnterCriticalSection(&lock);
        bool result = sent;
        LeaveCriticalSection(&lock);
        return result;
    }

    /* IUnknown: the connection point asks for DIID_IFaxServerNotify2 before it accepts the sink. */
    STDMETHODIMP QueryInterface(REFIID riid, void **obj)
    {
        if (riid == IID_IUnknown || riid == IID_IDispatch || riid == DIID_IFaxServerNotify2)
        {
            *obj = static_cast<IDispatch *>(this);
            AddRef();
            return S_OK;
        }
        *obj = NULL;
        return E_NOINTERFACE;
    }
    STDMETHODIMP_(ULONG) AddRef() { return InterlockedIncrement(&refs); }
    STDMETHODIMP_(ULONG) Release()
    {
        ULONG left = InterlockedDecrement(&refs);
        if (!left) delete this;
        return left;
    }

    /* IDispatch: only Invoke is ever called by the event source. */
    STDMETHODIMP GetTypeInfoCount(UINT *count) { *count = 0; return S_OK; }
    STDMETHODIMP GetTypeInfo(UINT, LCID, ITypeInfo **typeinfo) { *typeinfo = NULL; return E_NOTIMPL; }
    STDMETHODIMP GetIDsOfNames(REFIID, LPOLESTR *, UINT, LCID, DISPID *) { return E_NOTIMPL; }
    STDMETHODIMP Invoke(DISPID member, REFIID, LCID, WORD, DISPPARAMS *params, VARIANT *, EXCEPINFO *, UINT *)
    {
        enum { ON_OUTGOING_JOB_ADDED = 4, ON_OUTGOING_JOB_REMOVED = 5, ON_OUTGOING_JOB_CHANGED = 6,
               ON_OUTGOING_MESSAGE_ADDED = 9 };

        /* Arguments come last to first: (server, id[, status]). */
        if (params->cArgs < 2) return S_OK;
        const VARIANT &id = params->rgvarg[params->cArgs - 2];
        EnterCriticalSection(&lock);
        if (V_VT(&id) == VT_BSTR && V_BSTR(&id) && !lstrcmpW(V_BSTR(&id), job_id))
        {
            switch (member)
            {
            case ON_OUTGOING_JOB_ADDED: printf("job %ls queued\n", job_id); break;
            case ON_OUTGOING_JOB_CHANGED: job_changed(params->rgvarg[0]); break;
            case ON_OUTGOING_MESSAGE_ADDED: printf("message %ls archived\n", job_id); break;
            case ON_OUTGOING_JOB_REMOVED:
                printf("job %ls left the queue\n", job_id);
                if (sent) SetEvent(ended_event);
                break;
            }
            fflush(stdout);
        }
        LeaveCriticalSection(&lock);
        return S_OK;
    }

private:
    void job_changed(const VARIANT &argument)
    {
        IFaxJobStatus *status = NULL;
        FAX_JOB_STATUS_ENUM state = FAX_JOB_STATUS_ENUM(0);
        LONG page = 0, pages = 0;

        if (V_VT(&argument) != VT_DISPATCH || !V_DISPATCH(&argument) ||
            FAILED(V_DISPATCH(&argument)->QueryInterface(IID_IFaxJobStatus, (void **)&status)))
            return;
        status->get_Status(&state);
        status->get_CurrentPage(&page);
        status->get_Pages(&pages);
        status->Release();
        printf("job %ls: status 0x%x, page %ld of %ld\n", job_id, state, page, pages);
        if (state & fjsCOMPLETED) sent = true;
        /* A failed job stays in the queue (no OnOutgoingJobRemoved follows): its status is its end. */
        if (state & (fjsFAILED | fjsRETRIES_EXCEEDED | fjsCANCELED)) SetEvent(ended_event);
    }

    LONG refs;
    HANDLE ended_event;
    CRITICAL_SECTION lock;
    WCHAR job_id[32];
    bool sent;
};

/* Submits a one-recipient FaxDocument through the connected server; the job's id in id. */
static HRESULT submit(IFaxServer2 *server, const WCHAR *body, const WCHAR *number, WCHAR *id, size_t id_size)
{
    IFaxDocument2 *document = NULL;
    IFaxRecipients *recipients = NULL;
    IFaxRecipient *recipient = NULL;
    BSTR text;
    VARIANT ids;
    LONG error_body = 0;

    HRESULT hr = CoCreateInstance(CLSID_FaxDocument, NULL, CLSCTX_INPROC_SERVER, IID_IFaxDocument2,
                                  (void **)&document);
    if (FAILED(hr)) return hr;
    /* ConnectedSubmit2 sends the files of Bodies (an array of file names), one after the other. */
    VARIANT bodies;
    LONG first = 0;
    V_VT(&bodies) = VT_ARRAY | VT_BSTR;
    V_ARRAY(&bodies) = SafeArrayCreateVector(VT_BSTR, 0, 1);
    text = SysAllocString(body);
    hr = V_ARRAY(&bodies) ? SafeArrayPutElement(V_ARRAY(&bodies), &first, text) : E_OUTOFMEMORY;
    SysFreeString(text);
    if (SUCCEEDED(hr)) hr = document->put_Bodies(bodies);
    VariantClear(&bodies);
    text = SysAllocString(L"send_fax_cxx.cpp");
    if (SUCCEEDED(hr)) hr = document->put_DocumentName(text);
    SysFreeString(text);
    if (SUCCEEDED(hr)) hr = document->get_Recipients(&recipients);
    if (SUCCEEDED(hr))
    {
        text = SysAllocString(number);
        hr = recipients->Add(text, NULL, &recipient);
        SysFreeString(text);
        if (SUCCEEDED(hr)) recipient->Release();
        recipients->Release();
    }
    /* ConnectedSubmit2 also says which body file failed, if one did (error_body, from 1). */
    VariantInit(&ids);
    if (SUCCEEDED(hr)) hr = document->ConnectedSubmit2(server, &ids, &error_body);
    if (FAILED(hr) && error_body) fprintf(stderr, "body %ld cannot be sent\n", error_body);
    if (SUCCEEDED(hr))
    {
        LONG index = 0;
        BSTR first = NULL;

        hr = SafeArrayGetElement(V_ARRAY(&ids), &index, &first);
        if (SUCCEEDED(hr)) lstrcpynW(id, first, (int)id_size);
        SysFreeString(first);
        VariantClear(&ids);
    }
    document->Release();
    return hr;
}

int wmain(int argc, WCHAR **argv)
{
    if (argc != 3)
    {
        fprintf(stderr, "usage: send_fax_cxx.exe BODY.tif NUMBER\n");
        return 2;
    }
    CoInitializeEx(NULL, COINIT_MULTITHREADED);

    HANDLE ended = CreateEventW(NULL, TRUE, FALSE, NULL);
    FaxEventSink *sink = new FaxEventSink(ended);
    IFaxServer2 *server = NULL;
    IConnectionPointContainer *container = NULL;
    IConnectionPoint *point = NULL;
    DWORD cookie = 0;
    WCHAR id[32] = L"";
    bool answered = false;

    HRESULT hr = CoCreateInstance(CLSID_FaxServer, NULL, CLSCTX_INPROC_SERVER, IID_IFaxServer2, (void **)&server);
    BSTR name = SysAllocString(L"");                    /* "": the fax service of this machine */
    if (SUCCEEDED(hr)) hr = server->Connect(name);
    SysFreeString(name);
    if (SUCCEEDED(hr)) hr = server->QueryInterface(IID_IConnectionPointContainer, (void **)&container);
    if (SUCCEEDED(hr)) hr = container->FindConnectionPoint(DIID_IFaxServerNotify2, &point);
    if (SUCCEEDED(hr)) hr = point->Advise(sink, &cookie);
    if (SUCCEEDED(hr)) hr = server->ListenToServerEvents(FAX_SERVER_EVENTS_TYPE_ENUM(fsetOUT_QUEUE | fsetOUT_ARCHIVE));
    if (FAILED(hr)) fprintf(stderr, "cannot listen to the fax service: 0x%08lx\n", hr);

    if (SUCCEEDED(hr))
    {
        sink->hold();
        hr = submit(server, argv[1], argv[2], id, sizeof(id) / sizeof(id[0]));
        if (SUCCEEDED(hr)) printf("submitted job %ls to %ls\n", id, argv[2]);
        else fprintf(stderr, "submitting failed: 0x%08lx\n", hr);
        fflush(stdout);
        sink->follow(id);
    }
    if (SUCCEEDED(hr))
    {
        answered = WaitForSingleObject(ended, 600000) == WAIT_OBJECT_0;
        if (!answered) printf("no answer from the fax service in 10 minutes\n");
        else printf(sink->was_sent() ? "the fax was sent\n" : "the fax was not sent\n");
    }

    if (cookie) point->Unadvise(cookie);
    if (point) point->Release();
    if (container) container->Release();
    if (server)
    {
        server->Disconnect();
        server->Release();
    }
    bool sent = sink->was_sent();
    sink->Release();
    CloseHandle(ended);
    CoUninitialize();
    if (FAILED(hr)) return 1;
    return !answered ? 3 : sent ? 0 : 1;
}
