/*
 * Several client processes of one fax service: (a) a fax one process submits is seen, event for
 * event, by another process listening; (b) a job outlives the process that submitted it; (c) a
 * session that never pulls neither costs the others events nor makes the service's memory grow
 * beyond its queue's bound; (d) a client killed in the middle of a pull, while its fax is being
 * sent, has its session released within a second, and the fax still goes.
 *
 * The child processes are this program again, with a first argument naming their part:
 *   listen <file>           subscribes to everything, reads a job id from its standard input,
 *                           writes the events it pulls to <file>, one a line, and ends once it saw
 *                           the job's outgoing message added and then the incoming job removed
 *   submit <number> <file>  submits a fax, writes its id to <file> and exits at once
 *   pull <number> <file>    subscribes (to events that will not come), submits a fax, writes its
 *                           id to <file>, then waits in pulls until it is killed
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service_jobs.h"
#include <psapi.h>

#define CHILD_WAIT_MS 30000
#define FAST_CLOCK L"1000"      /* service seconds per second: a retry (10 minutes) in 0.6 s */
#define SLOW_CLOCK L"20"        /* a one-page fax to a remote machine in about a second */
#define FLOOD_FAXES 30          /* then FLOOD_MORE_FAXES: beyond a silent session's queue */
#define FLOOD_MORE_FAXES 50

static WCHAR data_root[MAX_PATH];

/* ---- child processes ---- */

static HANDLE inheritable(HANDLE handle)
{
    HANDLE copy = NULL;
    DuplicateHandle(GetCurrentProcess(), handle, GetCurrentProcess(), &copy, 0, TRUE, DUPLICATE_SAME_ACCESS);
    return copy;
}

/* Starts this program with arguments; its output goes to ours, its input comes from input (NULL:
 * none). */
static HANDLE start_child(const WCHAR *arguments, HANDLE input)
{
    STARTUPINFOW startup = { sizeof(startup) };
    PROCESS_INFORMATION process;
    WCHAR exe[MAX_PATH], line[MAX_PATH * 3];
    BOOL started;

    GetModuleFileNameW(NULL, exe, ARRAY_SIZE(exe));
    swprintf(line, ARRAY_SIZE(line), L"\"%ls\" %ls", exe, arguments);
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = input ? inheritable(input) : NULL;
    startup.hStdOutput = inheritable(GetStdHandle(STD_OUTPUT_HANDLE));
    startup.hStdError = inheritable(GetStdHandle(STD_ERROR_HANDLE));
    started = CreateProcessW(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &startup, &process);
    if (startup.hStdInput) CloseHandle(startup.hStdInput);
    if (startup.hStdOutput) CloseHandle(startup.hStdOutput);
    if (startup.hStdError) CloseHandle(startup.hStdError);
    ok(started, "cannot start %s: %lu\n", wine_dbgstr_w(line), GetLastError());
    if (!started) return NULL;
    CloseHandle(process.hThread);
    return process.hProcess;
}

/* Waits for a child and checks that it ended well (its exit code is its failure count). */
static void wait_child(HANDLE process, const char *name)
{
    DWORD code = ~0u;

    if (!process) return;
    if (WaitForSingleObject(process, CHILD_WAIT_MS) != WAIT_OBJECT_0)
    {
        ok(0, "the %s child did not end\n", name);
        TerminateProcess(process, 1);
    }
    GetExitCodeProcess(process, &code);
    ok(code == 0, "the %s child ended with %lu\n", name, code);
    CloseHandle(process);
}

static void temp_file(const WCHAR *name, WCHAR path[MAX_PATH])
{
    swprintf(path, MAX_PATH, L"%ls\\%ls", data_root, name);
    DeleteFileW(path);
}

static void write_text(const WCHAR *path, const char *text)
{
    HANDLE file = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written;

    ok(file != INVALID_HANDLE_VALUE, "cannot write %s: %lu\n", wine_dbgstr_w(path), GetLastError());
    WriteFile(file, text, strlen(text), &written, NULL);
    CloseHandle(file);
}

/* The whole file as a string (NULL when it does not exist). */
static char *read_text(const WCHAR *path)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    DWORD size, got = 0;
    char *text;

    if (file == INVALID_HANDLE_VALUE) return NULL;
    size = GetFileSize(file, NULL);
    text = calloc(1, size + 1);
    ReadFile(file, text, size, &got, NULL);
    CloseHandle(file);
    return text;
}

/* Waits until a child wrote a job id into the file; 0 when none came. */
static ULONGLONG wait_id_file(const WCHAR *path, HANDLE child)
{
    double deadline = now_ms() + CHILD_WAIT_MS;
    ULONGLONG id = 0;
    char *text;

    while (!id && now_ms() < deadline)
    {
        BOOL exited = WaitForSingleObject(child, 10) == WAIT_OBJECT_0;
        if ((text = read_text(path)))
        {
            id = _strtoui64(text, NULL, 16);
            free(text);
        }
        if (exited) break;
    }
    return id;
}

static void write_id_file(const WCHAR *path, ULONGLONG id)
{
    WCHAR temp[MAX_PATH];
    char text[32];

    /* Renamed into place, so that the parent never reads half of it. */
    swprintf(temp, MAX_PATH, L"%ls.tmp", path);
    sprintf(text, "%016llX\n", (unsigned long long)id);
    write_text(temp, text);
    MoveFileExW(temp, path, MOVEFILE_REPLACE_EXISTING);
}

/* ---- the children ---- */

/* A child ends with its failure count as exit code and without a summary line of its own: the
 * parent checks the code, and the test's log keeps one summary. */
static void child_exit(void)
{
    ExitProcess(winetest_failures > 255 ? 255 : winetest_failures);
}

static void write_event(HANDLE file, const fxs_event *event)
{
    char line[160];
    DWORD written;

    sprintf(line, "%llu %lu %lu %016llX %lx %lu %ld\n", (unsigned long long)event->sequence, event->event_class,
            event->job_event, (unsigned long long)event->job_id, event->job.status, event->job.extended_status_code,
            event->job.current_page);
    WriteFile(file, line, strlen(line), &written, NULL);
}

static void child_listen(const WCHAR *path)
{
    WCHAR ready_name[64];
    struct event_log log = { 0 };
    struct fxs_link *link;
    ULONGLONG id;
    HANDLE file, ready;
    char text[32] = "";
    DWORD got = 0, i;
    int archived = -1;
    double deadline;

    if (!(link = start_listening())) return;
    swprintf(ready_name, ARRAY_SIZE(ready_name), L"fxscomex-test-listener-%lu", GetCurrentProcessId());
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, ready_name);
    ok(ready != NULL, "no ready event: %lu\n", GetLastError());
    SetEvent(ready);
    CloseHandle(ready);

    ReadFile(GetStdHandle(STD_INPUT_HANDLE), text, sizeof(text) - 1, &got, NULL);
    id = _strtoui64(text, NULL, 16);
    ok(id != 0, "no job id on the standard input: %s\n", text);

    deadline = now_ms() + EVENT_WAIT_MS;
    while (now_ms() < deadline)
    {
        if (archived < 0) archived = find_event(&log, 0, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id);
        if (archived >= 0 && find_event(&log, archived, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, 0) >= 0) break;
        if (!pull_into(link, &log, 1000)) break;
    }
    ok(archived >= 0, "the outgoing message was not added\n");
    ok(!log.missed, "%lu events missed\n", log.missed);

    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "cannot write the events: %lu\n", GetLastError());
    for (i = 0; i < log.count; i++) write_event(file, &log.events[i]);
    CloseHandle(file);
    log_free(&log);
    fxs_link_close(link);
}

static void child_submit(const WCHAR *number, const WCHAR *path)
{
    struct fxs_link *link;
    ULONGLONG id;
    DWORD error;

    if (open_link(NULL, 0, FALSE, &link)) return;
    error = submit_fax(link, number, 1, &id);
    ok(!error, "submit: %lu\n", error);
    if (!error) write_id_file(path, id);
    /* At once, without closing the session: the service notices the process has gone. */
    child_exit();
}

static void child_pull(const WCHAR *number, const WCHAR *path)
{
    struct fxs_link *link;
    struct fxs_event_batch batch;
    ULONGLONG id;
    DWORD error;

    if (open_link(NULL, 0, FALSE, &link)) return;
    /* No configuration changes in this test: every pull waits its whole time. */
    ok(!fxs_link_subscribe(link, FXS_EVENT_CONFIG), "subscribe failed\n");
    ok(!fxs_link_open_events(link), "opening the event channel failed\n");
    error = submit_fax(link, number, 2, &id);
    ok(!error, "submit: %lu\n", error);
    if (!error) write_id_file(path, id);
    while (!fxs_link_pull(link, 256, 30000, &batch)) fxs_event_batch_free(&batch);
    fxs_link_close(link);
}

/* ---- (a) two processes ---- */

struct recorded
{
    ULONGLONG sequence, job_id;
    DWORD event_class, job_event, status, extended;
    LONG page;
};

static int read_recorded(const WCHAR *path, struct recorded *events, int max)
{
    char *text = read_text(path), *line, *next;
    int count = 0;

    if (!text) return 0;
    for (line = text; *line && count < max; line = next)
    {
        struct recorded *r = &events[count];
        unsigned long long sequence, id;
        if ((next = strchr(line, '\n'))) *next++ = 0;
        else next = line + strlen(line);
        if (sscanf(line, "%llu %lu %lu %llx %lx %lu %ld", &sequence, &r->event_class, &r->job_event, &id, &r->status,
                   &r->extended, &r->page) != 7)
            continue;
        r->sequence = sequence;
        r->job_id = id;
        count++;
    }
    free(text);
    return count;
}

/* The position of the first recorded event after from that matches; -1 if none. */
static int find_recorded(const struct recorded *events, int count, int from, DWORD event_class, DWORD job_event,
                         ULONGLONG id, DWORD status, DWORD extended)
{
    int i;
    for (i = from + 1; i < count; i++)
        if (events[i].event_class == event_class && events[i].job_event == job_event && (!id || events[i].job_id == id) &&
            (status == ~0u || events[i].status == status) && (extended == ~0u || events[i].extended == extended))
            return i;
    return -1;
}

/* Each step of the expected sequence comes after the one before it. */
static void check_listener_sequence(const struct recorded *events, int count, ULONGLONG id)
{
    ULONGLONG incoming = 0;
    int at = -1, page1, page2, completed, in_added, routing, in_archived;

#define STEP(what, cls, ev, job, st, ext) \
    do { int next = find_recorded(events, count, at, cls, ev, job, st, ext); \
         ok(next > at, "%s: not after event %d\n", what, at); if (next > at) at = next; } while (0)
    STEP("OutgoingJobAdded", FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_ADDED, id, ~0u, ~0u);
    STEP("PENDING", FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id, fjsPENDING, ~0u);
    STEP("INITIALIZING", FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id, fjsINPROGRESS, fjesINITIALIZING);
    STEP("DIALING", FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id, fjsINPROGRESS, fjesDIALING);
    in_added = find_recorded(events, count, at, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0, ~0u, ~0u);
    ok(in_added > at, "IncomingJobAdded %d, dialling %d\n", in_added, at);
    if (in_added > at) incoming = events[in_added].job_id;
    STEP("TRANSMITTING", FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id, fjsINPROGRESS, fjesTRANSMITTING);
    page1 = at;
    STEP("TRANSMITTING", FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id, fjsINPROGRESS, fjesTRANSMITTING);
    page2 = at;
    ok(events[page1].page == 1 && events[page2].page == 2, "pages %ld, %ld\n", events[page1].page, events[page2].page);
    STEP("COMPLETED", FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id, fjsCOMPLETED, fjesCALL_COMPLETED);
    completed = at;
    STEP("OutgoingMessageAdded", FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id, ~0u, ~0u);
    STEP("OutgoingJobRemoved", FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id, ~0u, ~0u);
    routing = find_recorded(events, count, completed, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_STATUS, incoming, fjsROUTING, ~0u);
    in_archived = find_recorded(events, count, routing, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, incoming, ~0u, ~0u);
    ok(routing > completed && in_archived > routing, "completed %d, routing %d, IncomingMessageAdded %d\n", completed,
       routing, in_archived);
    ok(find_recorded(events, count, in_archived, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, incoming, ~0u, ~0u) > 0,
       "IncomingJobRemoved not after IncomingMessageAdded\n");
#undef STEP
}

static void test_two_processes(struct fxs_link *link)
{
    static struct recorded recorded[1024];
    struct event_log log = { 0 };
    WCHAR path[MAX_PATH], arguments[MAX_PATH + 16], ready_name[64];
    HANDLE child, ready, pipe_read, pipe_write;
    ULONGLONG id = 0;
    DWORD written, error, i;
    char text[32];
    int count, first, end, same = 0;

    temp_file(L"listener.txt", path);
    CreatePipe(&pipe_read, &pipe_write, NULL, 0);
    swprintf(arguments, ARRAY_SIZE(arguments), L"listen \"%ls\"", path);
    child = start_child(arguments, pipe_read);
    CloseHandle(pipe_read);
    if (!child) return;
    swprintf(ready_name, ARRAY_SIZE(ready_name), L"fxscomex-test-listener-%lu", GetProcessId(child));
    ready = CreateEventW(NULL, TRUE, FALSE, ready_name);
    ok(WaitForSingleObject(ready, CHILD_WAIT_MS) == WAIT_OBJECT_0, "the listener did not get ready\n");
    CloseHandle(ready);

    error = submit_fax(link, L"1002", 2, &id);
    ok(!error, "submit: %lu\n", error);
    sprintf(text, "%016llX\n", (unsigned long long)id);
    WriteFile(pipe_write, text, strlen(text), &written, NULL);
    CloseHandle(pipe_write);
    wait_child(child, "listen");

    ok(wait_for(link, &log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, 0), "this process saw nothing received\n");
    count = read_recorded(path, recorded, ARRAY_SIZE(recorded));
    ok(count > 0, "the listener wrote no events\n");
    check_listener_sequence(recorded, count, id);

    /* What the listener saw of the fax, from the job added to the incoming job removed, is what this
     * process saw: the same events, in the same order. */
    for (first = 0; first < count && recorded[first].job_id != id; first++);
    end = find_recorded(recorded, count, find_recorded(recorded, count, -1, FXS_EVENT_OUT_ARCHIVE,
                        FXS_JOB_EVENT_ADDED, id, ~0u, ~0u), FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_REMOVED, 0, ~0u, ~0u);
    for (i = 0; i < log.count && first <= end; i++)
    {
        const fxs_event *event = &log.events[i];
        const struct recorded *r = &recorded[first];
        if (event->sequence < r->sequence) continue;
        if (event->sequence != r->sequence || event->event_class != r->event_class || event->job_event != r->job_event ||
            event->job_id != r->job_id || event->job.status != r->status)
            break;
        same++;
        first++;
    }
    ok(end > 0 && first == end + 1, "the listener's event %d (sequence %I64u) differs from this process's\n", first,
       first < count ? recorded[first].sequence : 0);
    trace("two processes: the listener saw %d events, %d of them from the job added to the incoming job removed, "
          "the same as this process\n", count, same);
    log_free(&log);
}

/* ---- (b) a job outlives its submitter ---- */

static void test_submitter_exits(struct fxs_link *link)
{
    struct event_log log = { 0 };
    WCHAR path[MAX_PATH], arguments[MAX_PATH + 32], user[257];
    DWORD size = ARRAY_SIZE(user), error;
    fxs_job_info info;
    ULONGLONG id;
    HANDLE child;

    GetUserNameW(user, &size);
    temp_file(L"submitted.txt", path);
    swprintf(arguments, ARRAY_SIZE(arguments), L"submit 9202 \"%ls\"", path);
    if (!(child = start_child(arguments, NULL))) return;
    id = wait_id_file(path, child);
    wait_child(child, "submit");
    ok(id != 0, "the child submitted nothing\n");
    if (!id) return;

    /* The submitter has gone; busy twice, ten minutes apart, the job is still to be sent. */
    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(!error, "the job is not queued after its submitter left: %lu\n", error);
    if (!error) ok(!(info.status.status & (fjsCOMPLETED | fjsFAILED | fjsCANCELED)), "status %#lx\n", info.status.status);
    fxs_job_info_clear(&info);

    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "the job was not sent\n");
    error = fxs_rpc_get_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_ARCHIVE, id, &info);
    ok(!error, "no sent message: %lu\n", error);
    if (!error)
    {
        ok(info.status.status == fjsCOMPLETED, "status %#lx\n", info.status.status);
        ok(info.status.retries == 2, "retries %ld\n", info.status.retries);
        ok(info.owner && !wcscmp(info.owner, user), "owner %s\n", wine_dbgstr_w(info.owner));
    }
    fxs_job_info_clear(&info);
    log_free(&log);
}

/* ---- (c) a session that never pulls ---- */

/*
 * The bound on what the service's working set may grow by while faxes go and one session never
 * pulls. That session's queue keeps at most QUEUE_CAPACITY (1024) events, each a record of about
 * 200 bytes with a few short strings: under 0.5 MB however long it stays silent. The engine keeps
 * nothing of a fax once it is archived but its id (8 bytes); images are read from disk for a send
 * and freed. 8 MB leaves room for the heap's and Wine's own growth (a few hundred KB measured),
 * and is far below what an unbounded queue or a kept image would show: the second round below
 * pushes the silent queue past its capacity, and keeping each fax's image would add some 40 MB.
 */
#define MEMORY_GROWTH_BOUND (8u << 20)

static BOOL service_memory(DWORD pid, PROCESS_MEMORY_COUNTERS *counters)
{
    HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_VM_READ, FALSE, pid);
    BOOL done;

    memset(counters, 0, sizeof(*counters));
    if (!process) return FALSE;
    done = GetProcessMemoryInfo(process, counters, sizeof(*counters));
    CloseHandle(process);
    return done;
}

/* Sends count faxes to one remote number and pulls until each left the queue; every fax must
 * have all its events, none missed. */
static void send_many(struct fxs_link *link, unsigned int count, struct event_log *log)
{
    ULONGLONG *ids = calloc(count, sizeof(*ids));
    DWORD i, done = 0, complete = 0, error;
    const fxs_event *last;
    double start = now_ms(), elapsed;
    DWORD first_event = log->count;

    for (i = 0; i < count; i++)
    {
        error = submit_fax(link, L"5551234", 1, &ids[i]);
        ok(!error, "submit %lu: %lu\n", i, error);
    }
    /* The first fax that does not go ends the wait: the test stays bounded in time. */
    for (i = 0; i < count; i++)
        if (wait_for(link, log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, ids[i])) done++;
        else break;
    elapsed = now_ms() - start;
    ok(done == count, "%lu of %u faxes went\n", done, count);
    ok(!log->missed, "the pulling session missed %lu events\n", log->missed);
    for (i = 0; i < count; i++)
        if (log_has(log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_ADDED, ids[i]) &&
            (last = last_status(log, FXS_EVENT_OUT_QUEUE, ids[i])) && last->job.status == fjsCOMPLETED &&
            log_has(log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, ids[i]))
            complete++;
    ok(complete == count, "%lu faxes with every event\n", complete);
    trace("%u faxes to one remote number at clock speed %ls: %.1f ms each (%.1f s of service time), "
          "%.1f events per fax\n", count, FAST_CLOCK, elapsed / count, elapsed / count * _wtoi(FAST_CLOCK) / 1000,
          (double)(log->count - first_event) / count);
    free(ids);
}

static void check_memory(DWORD pid, const PROCESS_MEMORY_COUNTERS *before, const char *when)
{
    PROCESS_MEMORY_COUNTERS now;
    LONGLONG growth;

    if (!service_memory(pid, &now)) return;
    growth = (LONGLONG)now.WorkingSetSize - (LONGLONG)before->WorkingSetSize;
    ok(growth < (LONGLONG)MEMORY_GROWTH_BOUND, "%s: the working set grew by %I64d bytes\n", when, growth);
    trace("%s: service working set %Iu KB (%+I64d KB), peak %Iu KB, private %Iu KB; bound of growth %u KB\n", when,
          now.WorkingSetSize >> 10, growth >> 10, now.PeakWorkingSetSize >> 10, now.PagefileUsage >> 10,
          MEMORY_GROWTH_BOUND >> 10);
}

static void test_never_pulling(struct fxs_link *link)
{
    struct event_log log = { 0 }, idle_log = { 0 };
    struct fxs_link *idle;
    PROCESS_MEMORY_COUNTERS before;
    fxs_server_info server;
    DWORD pid = service_pid(link), i, gaps = 0;
    ULONGLONG first, published;
    ULONGLONG id;
    int added;

    /* One fax first, so that what a first fax loads is not counted as growth; then let its last
     * events go by, so that the silent session's first event is the next submission's. */
    ok(!submit_fax(link, L"5551234", 1, &id) && wait_for(link, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id),
       "the first fax failed\n");
    pull_into(link, &log, 300);
    log_free(&log);

    if (open_link(NULL, 0, FALSE, &idle)) return;
    ok(!fxs_link_subscribe(idle, FXS_EVENT_ALL), "subscribe failed\n");
    ok(!fxs_link_open_events(idle), "opening the event channel failed\n");
    fxs_link_server_info(idle, &server);
    ok(service_memory(pid, &before), "cannot read the service's memory: %lu\n", GetLastError());

    send_many(link, FLOOD_FAXES, &log);
    check_memory(pid, &before, "30 faxes, one session silent");
    /* Beyond the silent session's capacity. */
    send_many(link, FLOOD_MORE_FAXES, &log);
    check_memory(pid, &before, "80 faxes, one session silent");

    /* The silent session kept the newest events up to its capacity and says how many it lost. */
    for (;;)
    {
        DWORD had = idle_log.count;
        if (!pull_into(idle, &idle_log, 0) || idle_log.count == had) break;
    }
    added = find_event(&log, 0, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_ADDED, 0);
    first = added >= 0 ? log.events[added].sequence : 0;
    published = idle_log.count ? idle_log.events[idle_log.count - 1].sequence - first + 1 : 0;
    for (i = 1; i < idle_log.count; i++)
        if (idle_log.events[i].sequence != idle_log.events[i - 1].sequence + 1) gaps++;
    ok(idle_log.count == server.queue_capacity, "the silent session held %lu events\n", idle_log.count);
    ok(idle_log.missed && idle_log.missed + idle_log.count == published, "missed %lu, held %lu, published %I64u\n",
       idle_log.missed, idle_log.count, published);
    ok(!gaps, "%lu gaps in what the silent session held\n", gaps);
    trace("the silent session held the last %lu of %I64u events and was told it missed %lu\n", idle_log.count,
          published, idle_log.missed);
    log_free(&idle_log);
    fxs_link_close(idle);
    log_free(&log);
}

/* ---- (d) a client killed in the middle of a pull ---- */

static void test_killed_client(void)
{
    struct event_log log = { 0 };
    WCHAR path[MAX_PATH], arguments[MAX_PATH + 32];
    struct fxs_link *link;
    DWORD sessions;
    double killed, released = 0;
    ULONGLONG id;
    HANDLE child;

    service_environment(FXSSVC_ENV_CLOCK_SPEED, SLOW_CLOCK);
    if (!(link = start_listening())) return;
    temp_file(L"pulling.txt", path);
    swprintf(arguments, ARRAY_SIZE(arguments), L"pull 5551234 \"%ls\"", path);
    if (!(child = start_child(arguments, NULL))) goto done;
    id = wait_id_file(path, child);
    ok(id != 0, "the child submitted nothing\n");
    sessions = session_count(link);
    ok(sessions == 2, "%lu sessions\n", sessions);

    ok(wait_for_status(link, &log, FXS_EVENT_OUT_QUEUE, id, fjsINPROGRESS, fjesTRANSMITTING, 1),
       "the child's fax is not being sent\n");
    killed = now_ms();
    ok(TerminateProcess(child, 9), "cannot kill the child: %lu\n", GetLastError());
    WaitForSingleObject(child, 5000);
    CloseHandle(child);
    while (now_ms() - killed < 30000)
    {
        if ((sessions = session_count(link)) == 1)
        {
            released = now_ms() - killed;
            break;
        }
        Sleep(5);
    }
    ok(sessions == 1, "%lu sessions %.0f ms after the kill\n", sessions, now_ms() - killed);
    trace("killed while pulling: its session released after %.0f ms\n", released);

    ok(wait_for_status(link, &log, FXS_EVENT_OUT_QUEUE, id, fjsCOMPLETED, fjesCALL_COMPLETED, 0),
       "the fax of the killed client was not sent\n");
    ok(wait_for(link, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "the fax of the killed client was not archived\n");
done:
    log_free(&log);
    fxs_link_close(link);
    ok(stop_service(), "the service did not stop\n");
}

START_TEST(service_clients)
{
    struct fxs_link *link;

    if (winetest_argc >= 3 && !strcmp(winetest_argv[1], "listen"))
    {
        WCHAR path[MAX_PATH];
        MultiByteToWideChar(CP_ACP, 0, winetest_argv[2], -1, path, MAX_PATH);
        child_listen(path);
        child_exit();
    }
    if (winetest_argc >= 4 && (!strcmp(winetest_argv[1], "submit") || !strcmp(winetest_argv[1], "pull")))
    {
        WCHAR number[64], path[MAX_PATH];
        MultiByteToWideChar(CP_ACP, 0, winetest_argv[2], -1, number, ARRAY_SIZE(number));
        MultiByteToWideChar(CP_ACP, 0, winetest_argv[3], -1, path, MAX_PATH);
        if (!strcmp(winetest_argv[1], "submit")) child_submit(number, path);
        else child_pull(number, path);
        child_exit();
    }

    ok(stop_service(), "a service from an earlier test is still running\n");
    fresh_data_root(L"fxscomex-clients", data_root);
    CreateDirectoryW(data_root, NULL);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, FAST_CLOCK);
    service_environment(FXSSVC_ENV_IDLE_MS, L"600000");

    if ((link = start_listening()))
    {
        test_two_processes(link);
        test_submitter_exits(link);
        test_never_pulling(link);
        fxs_link_close(link);
    }
    ok(stop_service(), "the service did not stop\n");

    test_killed_client();
    remove_folder(data_root);
}
