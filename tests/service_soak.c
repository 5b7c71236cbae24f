/*
 * Load and soak: with the service clock sped up and 16 virtual devices, thousands of faxes go
 * through the virtual line with mixed outcomes (sent, busy until the retries are used up, no
 * answer, the line dropped mid-page, bad address, cancelled) while 20 listening processes take the
 * outgoing queue's events. Each listener's stream is checked against the service's own activity
 * log (OutboxLOG.txt): every job that ended is there with the same end, and in order, with nothing
 * missed. The service's memory and handle count are sampled as the faxes go and must stay flat
 * after the warm-up. Prints throughput, memory and handles.
 *
 * SOAK_FAXES=<n> (default 10000; 1000 in the 32-bit build) and SOAK_LISTENERS=<n> (default 20)
 * change the size;
 * SOAK_SEED=<hex> repeats a run.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "service_jobs.h"
#include "seeded_random.h"
#include "config_edit.h"
#include <psapi.h>

#define DEFAULT_FAXES 10000
#define DEFAULT_LISTENERS 20
#define MAX_LISTENERS 64
#define BATCH 10                  /* recipients per submission */
#define IN_FLIGHT 100             /* jobs submitted and not ended yet, at most: bursts of events stay
                                     well inside a session's queue of 1024 */
#define SAMPLES 64
#define SUBMIT_SECONDS 420        /* no new fax after this */

static DWORD main_state(DWORD status)
{
    return status & ~(fjsPAUSED | fjsNOLINE);
}

static BOOL is_end(DWORD status)
{
    DWORD state = main_state(status);
    return state == fjsCOMPLETED || state == fjsFAILED || state == fjsRETRIES_EXCEEDED || state == fjsCANCELED;
}

/* ---- what one stream of events said about the jobs ---- */

struct job_seen
{
    ULONGLONG id;
    DWORD end;                    /* the end state its events reached; 0: none yet */
    BOOL added, removed;
};

struct stream
{
    struct job_seen *jobs;        /* sorted by id once complete */
    DWORD count, capacity;
    ULONGLONG last_sequence;
    DWORD out_of_order, missed, events;
};

static struct job_seen *stream_job(struct stream *stream, ULONGLONG id)
{
    DWORD i;

    /* new jobs come last: look there first */
    for (i = stream->count; i > 0 && stream->count - i < 64; i--)
        if (stream->jobs[i - 1].id == id) return &stream->jobs[i - 1];
    for (; i > 0; i--)
        if (stream->jobs[i - 1].id == id) return &stream->jobs[i - 1];
    if (stream->count == stream->capacity)
    {
        stream->capacity = stream->capacity ? stream->capacity * 2 : 1024;
        stream->jobs = realloc(stream->jobs, stream->capacity * sizeof(*stream->jobs));
    }
    memset(&stream->jobs[stream->count], 0, sizeof(*stream->jobs));
    stream->jobs[stream->count].id = id;
    return &stream->jobs[stream->count++];
}

static void stream_take(struct stream *stream, const struct fxs_event_batch *batch)
{
    struct job_seen *job;
    DWORD i;

    stream->missed += batch->missed;
    for (i = 0; i < batch->count; i++)
    {
        const fxs_event *event = &batch->events[i];

        stream->events++;
        if (event->sequence <= stream->last_sequence) stream->out_of_order++;
        stream->last_sequence = event->sequence;
        if (event->event_class != FXS_EVENT_OUT_QUEUE) continue;
        job = stream_job(stream, event->job_id);
        if (event->job_event == FXS_JOB_EVENT_ADDED) job->added = TRUE;
        else if (event->job_event == FXS_JOB_EVENT_REMOVED) job->removed = TRUE;
        else if (is_end(event->job.status) && !job->end) job->end = main_state(event->job.status);
    }
}

static int compare_jobs(const void *a, const void *b)
{
    ULONGLONG x = ((const struct job_seen *)a)->id, y = ((const struct job_seen *)b)->id;
    return x < y ? -1 : x > y;
}

static const struct job_seen *stream_find(const struct stream *stream, ULONGLONG id)
{
    struct job_seen key = { id };
    return bsearch(&key, stream->jobs, stream->count, sizeof(key), compare_jobs);
}

/* ---- a listening process: pulls until told to stop and drained, then writes its stream ---- */

static int listen_main(const char *done_name, const char *out_path)
{
    struct fxs_event_batch batch;
    struct stream stream = { 0 };
    struct fxs_link *link;
    HANDLE done = OpenEventA(SYNCHRONIZE, FALSE, done_name);
    FILE *out;
    DWORD i, quiet = 0;

    if (open_link(NULL, 0, TRUE, &link) || fxs_link_subscribe(link, FXS_EVENT_OUT_QUEUE) || fxs_link_open_events(link))
        return 1;
    printf("ready\n");
    fflush(stdout);
    for (;;)
    {
        if (fxs_link_pull(link, 256, 200, &batch)) break;
        stream_take(&stream, &batch);
        quiet = batch.count ? 0 : quiet + 1;
        fxs_event_batch_free(&batch);
        if (quiet >= 5 && WaitForSingleObject(done, 0) == WAIT_OBJECT_0) break;
    }
    fxs_link_close(link);
    if (!(out = fopen(out_path, "w"))) return 1;
    fprintf(out, "%lu %lu %lu\n", stream.events, stream.missed, stream.out_of_order);
    for (i = 0; i < stream.count; i++)
        fprintf(out, "%llx %lu %d %d\n", (unsigned long long)stream.jobs[i].id, stream.jobs[i].end, stream.jobs[i].added,
                stream.jobs[i].removed);
    fclose(out);
    return 0;
}

static BOOL read_stream(const char *path, struct stream *stream)
{
    FILE *in = fopen(path, "r");
    struct job_seen job;
    unsigned long long id;
    int added, removed;

    memset(stream, 0, sizeof(*stream));
    if (!in) return FALSE;
    if (fscanf(in, "%lu %lu %lu", &stream->events, &stream->missed, &stream->out_of_order) != 3)
    {
        fclose(in);
        return FALSE;
    }
    while (fscanf(in, "%llx %lu %d %d", &id, &job.end, &added, &removed) == 4)
    {
        job.id = id;
        job.added = added;
        job.removed = removed;
        *stream_job(stream, job.id) = job;
    }
    fclose(in);
    qsort(stream->jobs, stream->count, sizeof(*stream->jobs), compare_jobs);
    return TRUE;
}

/* ---- the activity log: the service's own word on how each job ended ---- */

struct logged_end
{
    ULONGLONG id;
    DWORD end;
};

static DWORD end_from_word(const char *word)
{
    if (!strcmp(word, "Completed")) return fjsCOMPLETED;
    if (!strcmp(word, "Failed")) return fjsFAILED;
    if (!strcmp(word, "RetriesExceeded")) return fjsRETRIES_EXCEEDED;
    if (!strcmp(word, "Canceled")) return fjsCANCELED;
    return 0;
}

static struct logged_end *read_outbox_log(const WCHAR *root, DWORD *count)
{
    WCHAR path[MAX_PATH];
    struct logged_end *ends = NULL;
    char line[4096], time[64], id[32], word[32];
    DWORD capacity = 0;
    FILE *in;

    *count = 0;
    swprintf(path, MAX_PATH, L"%ls\\log\\OutboxLOG.txt", root);
    if (!(in = _wfopen(path, L"r"))) return NULL;
    fgets(line, sizeof(line), in);  /* the column names */
    while (fgets(line, sizeof(line), in))
    {
        if (sscanf(line, "%63[^\t]\t%31[^\t]\t%31[^\t]", time, id, word) != 3) continue;
        if (*count == capacity) ends = realloc(ends, (capacity = capacity ? capacity * 2 : 1024) * sizeof(*ends));
        ends[*count].id = _strtoui64(id, NULL, 16);
        ends[*count].end = end_from_word(word);
        (*count)++;
    }
    fclose(in);
    return ends;
}

/* ---- the service's memory and handles ---- */

struct sample
{
    DWORD faxes;
    SIZE_T private_bytes;
    DWORD handles;
};

static BOOL take_sample(HANDLE process, DWORD faxes, struct sample *sample)
{
    PROCESS_MEMORY_COUNTERS memory = { sizeof(memory) };

    sample->faxes = faxes;
    return K32GetProcessMemoryInfo(process, &memory, sizeof(memory)) && GetProcessHandleCount(process, &sample->handles)
           && (sample->private_bytes = memory.PagefileUsage, TRUE);
}

/* ---- the load ---- */

static const WCHAR *pick_number(WCHAR *buffer, unsigned int *pages)
{
    unsigned int kind = rng_next(100);

    *pages = 1 + rng_next(3);
    if (kind < 70)   /* a remote fax machine, a different one each time: calls run in parallel */
    {
        swprintf(buffer, 16, L"555%04u", rng_next(10000));
        return buffer;
    }
    if (kind < 78) return L"9000";          /* busy, until the retries are used up */
    if (kind < 84) return L"9001";          /* no answer */
    if (kind < 92) { *pages = 3; return L"9102"; }   /* the line drops on page 2 */
    return L"9002";                         /* a bad address */
}

static DWORD submit_batch(struct fxs_link *link, DWORD count, ULONGLONG *ids)
{
    fxs_document doc = { 0 };
    fxs_recipient recipients[BATCH];
    WCHAR numbers[BATCH][16];
    unsigned int pages = 1, i;
    tiff_buffer body;
    fxs_body bodies[1];
    LONG error_body;
    DWORD status;

    for (i = 0; i < count; i++)
    {
        recipients[i].fax_number = (WCHAR *)pick_number(numbers[i], &pages);
        recipients[i].name = (WCHAR *)L"Soak";
    }
    body = make_body(pages);
    bodies[0].size = (ULONG)body.size;
    bodies[0].data = body.data;
    doc.subject = (WCHAR *)L"Soak";
    status = fxs_rpc_submit(fxs_link_session(link), &doc, count, recipients, 1, bodies, &error_body, ids);
    tiff_buffer_free(&body);
    return status;
}

/* One retry, one minute apart: busy numbers end soon. */
static void set_outbox(struct fxs_link *link)
{
    ok(!config_set_number(link, FXS_CONFIG_OUTBOX, "retries", 1), "setting the retries failed\n");
    ok(!config_set_number(link, FXS_CONFIG_OUTBOX, "retry_delay", 1), "setting the retry delay failed\n");
}

/* The jobs of the outgoing queue that have not ended yet; the ended ones that stay in the queue
 * (failed, retries used up) are cancelled, which removes them, so the queue stays short. */
static DWORD count_waiting(struct fxs_link *link)
{
    fxs_job_info *jobs = NULL;
    DWORD count = 0, waiting = 0, i;

    if (fxs_rpc_list_jobs(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, &count, &jobs)) return ~0u;
    for (i = 0; i < count; i++)
    {
        if (!is_end(jobs[i].status.status)) waiting++;
        else fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE, jobs[i].id, FXS_JOB_CANCEL);
    }
    fxs_job_infos_free(jobs, count);
    return waiting;
}

static HANDLE start_listener(const char *done_name, const char *out_path)
{
    char self[MAX_PATH], command[3 * MAX_PATH], line[16] = { 0 };
    SECURITY_ATTRIBUTES inherit = { sizeof(inherit), NULL, TRUE };
    STARTUPINFOA startup = { sizeof(startup) };
    PROCESS_INFORMATION info;
    HANDLE read_end, write_end;
    DWORD got;

    GetModuleFileNameA(NULL, self, MAX_PATH);
    snprintf(command, sizeof(command), "\"%s\" service_soak listen %s \"%s\"", self, done_name, out_path);
    CreatePipe(&read_end, &write_end, &inherit, 0);
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdOutput = write_end;
    startup.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    if (!CreateProcessA(NULL, command, NULL, NULL, TRUE, 0, NULL, NULL, &startup, &info))
    {
        CloseHandle(read_end);
        CloseHandle(write_end);
        return NULL;
    }
    CloseHandle(write_end);
    ReadFile(read_end, line, sizeof(line) - 1, &got, NULL);   /* "ready": it listens */
    CloseHandle(read_end);
    CloseHandle(info.hThread);
    return info.hProcess;
}

static void check_listener(unsigned int index, const char *path, const struct logged_end *ends, DWORD end_count)
{
    struct stream stream;
    const struct job_seen *job;
    DWORD i, lost = 0, wrong = 0;

    winetest_push_context("listener %u", index);
    ok(read_stream(path, &stream), "no stream written\n");
    ok(!stream.missed, "%lu events missed\n", stream.missed);
    ok(!stream.out_of_order, "%lu events out of order\n", stream.out_of_order);
    for (i = 0; i < end_count; i++)
    {
        if (!(job = stream_find(&stream, ends[i].id)) || !job->added) lost++;
        else if (job->end != ends[i].end || (ends[i].end == fjsCOMPLETED && !job->removed)) wrong++;
    }
    ok(!lost, "%lu of %lu logged jobs never seen added\n", lost, end_count);
    ok(!wrong, "%lu of %lu logged jobs seen with another end than the log's\n", wrong, end_count);
    winetest_pop_context();
    free(stream.jobs);
}

static void soak(DWORD faxes, unsigned int listeners)
{
    struct sample samples[SAMPLES];
    struct logged_end *ends;
    HANDLE children[MAX_LISTENERS], done, service;
    char done_name[64], paths[MAX_LISTENERS][MAX_PATH], temp[MAX_PATH];
    WCHAR root[MAX_PATH];
    struct fxs_link *link;
    ULONGLONG ids[BATCH];
    DWORD submitted = 0, ended, in_flight = 0, end_count, sample_count = 0, i, n, cancelled = 0;
    double start, elapsed, last_progress;
    SIZE_T warm_bytes, peak_bytes = 0;
    DWORD warm_handles, peak_handles = 0;

    fresh_data_root(L"fxscomex-soak", root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"100000");
    service_environment(L"FXSSVC_VIRTUAL_DEVICES", L"16");
    if (open_link(NULL, 0, FALSE, &link)) return;
    set_outbox(link);
    service = OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, FALSE, service_pid(link));

    snprintf(done_name, sizeof(done_name), "fxscomex-soak-done-%lu", GetCurrentProcessId());
    done = CreateEventA(NULL, TRUE, FALSE, done_name);
    GetTempPathA(MAX_PATH, temp);
    for (i = 0; i < listeners; i++)
    {
        snprintf(paths[i], MAX_PATH, "%ssoak-listener-%lu-%lu.txt", temp, GetCurrentProcessId(), i);
        children[i] = start_listener(done_name, paths[i]);
        ok(children[i] != NULL, "listener %lu did not start\n", i);
    }

    start = now_ms();
    last_progress = start;
    for (;;)
    {
        /* run.sh gives a test 600 s: a slow machine sends fewer faxes rather than fail */
        if (submitted < faxes && now_ms() - start > SUBMIT_SECONDS * 1000.0)
        {
            skip("the machine is slow: %lu of %lu faxes submitted in %u s\n", submitted, faxes, SUBMIT_SECONDS);
            faxes = submitted;
        }
        while (submitted < faxes && in_flight < IN_FLIGHT)
        {
            n = min(BATCH, faxes - submitted);
            if (submit_batch(link, n, ids)) break;
            /* one in 10 batches has a job cancelled as soon as it is queued */
            if (!rng_next(10) && !fxs_rpc_control_job(fxs_link_session(link), FXS_FOLDER_OUTGOING_QUEUE,
                                                      ids[rng_next(n)], FXS_JOB_CANCEL))
                cancelled++;
            submitted += n;
            in_flight += n;
            if (sample_count < SAMPLES && submitted >= (sample_count + 1) * faxes / SAMPLES)
                take_sample(service, submitted, &samples[sample_count++]);
        }
        Sleep(20);
        n = count_waiting(link);
        if (n != in_flight) last_progress = now_ms();
        in_flight = n;
        if ((submitted == faxes && !in_flight) || now_ms() - last_progress > 60000) break;
    }
    ended = submitted - in_flight;
    elapsed = now_ms() - start;
    ok(ended == faxes, "%lu of %lu faxes ended\n", ended, faxes);
    SetEvent(done);
    for (i = 0; i < listeners; i++)
        if (children[i]) ok(WaitForSingleObject(children[i], 120000) == WAIT_OBJECT_0, "listener %lu did not end\n", i);

    ends = read_outbox_log(root, &end_count);
    ok(end_count >= ended, "%lu lines in the activity log for %lu ended faxes\n", end_count, ended);
    for (i = 0; i < listeners; i++) if (children[i]) check_listener(i, paths[i], ends, end_count);

    /* flat after the warm-up (the first quarter): the rest may not grow by more than a margin */
    ok(sample_count > 4, "only %lu samples of the service\n", sample_count);
    if (sample_count > 4)
    {
        warm_bytes = samples[sample_count / 4].private_bytes;
        warm_handles = samples[sample_count / 4].handles;
        for (i = sample_count / 4; i < sample_count; i++)
        {
            peak_bytes = max(peak_bytes, samples[i].private_bytes);
            peak_handles = max(peak_handles, samples[i].handles);
        }
        ok(peak_bytes <= warm_bytes + warm_bytes / 4 + (4 << 20), "service memory grew from %Iu to %Iu bytes\n",
           warm_bytes, peak_bytes);
        if (peak_handles) ok(peak_handles <= warm_handles + 32, "service handles grew from %lu to %lu\n", warm_handles, peak_handles);
        else skip("GetProcessHandleCount gives 0 here (Wine keeps handles in wineserver): handles not checked\n");
        trace("service after warm-up: %Iu KiB private, %lu handles; peak %Iu KiB, %lu handles; at the end %Iu KiB, "
              "%lu handles\n", warm_bytes / 1024, warm_handles, peak_bytes / 1024, peak_handles,
              samples[sample_count - 1].private_bytes / 1024, samples[sample_count - 1].handles);
    }
    trace("soak: %lu faxes (%lu cancelled) in %.1f s: %.0f faxes/s to %u listeners, %lu activity log lines\n", ended,
          cancelled, elapsed / 1000, ended * 1000.0 / elapsed, listeners, end_count);

    for (i = 0; i < listeners; i++)
    {
        if (children[i]) CloseHandle(children[i]);
        DeleteFileA(paths[i]);
    }
    free(ends);
    CloseHandle(done);
    CloseHandle(service);
    fxs_link_close(link);
    ok(stop_service(), "the service did not stop\n");
    remove_folder(root);
}

START_TEST(service_soak)
{
    if (winetest_argc >= 5 && !strcmp(winetest_argv[2], "listen"))
        exit(listen_main(winetest_argv[3], winetest_argv[4]));

    rng_seed("SOAK_SEED");
    ok(stop_service(), "a service from an earlier test is still running\n");
    /* the 64-bit run is the long one; the 32-bit service runs the same code */
    soak(env_number("SOAK_FAXES", sizeof(void *) == 8 ? DEFAULT_FAXES : DEFAULT_FAXES / 10),
         min(env_number("SOAK_LISTENERS", DEFAULT_LISTENERS), MAX_LISTENERS));
}
