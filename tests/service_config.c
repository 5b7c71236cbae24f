/*
 * The configuration of the real service, over its RPC interface: every class read, changed, read
 * again; its one event on another session; a change to the same values fires nothing; bad values
 * are refused with their codes and change nothing; values survive a restart, and a service killed
 * while it writes them. Then what the values do: blocked and paused queues, an incoming queue
 * that does not answer, manual answer, rings before answer, outbound routing, the age limits of
 * the queue and the archives. The device and provider lists; both bitnesses against each other.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include "service.h"
#include "fxs_job_info.h"
#include "fxs_device_info.h"
#include "fxs_routing_info.h"
#include "faxcomex.h"
#include "record.h"
#include "tiff.h"
#include <sddl.h>

#define EVENT_WAIT_MS 30000
#define QUIET_MS      30       /* events are queued before a change returns: a short pull finds them */

static WCHAR data_root[MAX_PATH];

/* ---- the service ---- */

static void fresh_data_root(const WCHAR *name)
{
    WCHAR temp[MAX_PATH], command[MAX_PATH + 32];

    GetTempPathW(ARRAY_SIZE(temp), temp);
    swprintf(data_root, ARRAY_SIZE(data_root), L"%lsfxscomex-config-%lu-%ls", temp, GetCurrentProcessId(), name);
    swprintf(command, ARRAY_SIZE(command), L"cmd /c rmdir /s /q \"%ls\"", data_root);
    run_command(command, 30000);
    service_environment(FXSSVC_ENV_DATA_ROOT, data_root);
}

static void remove_data_root(void)
{
    WCHAR command[MAX_PATH + 32];
    swprintf(command, ARRAY_SIZE(command), L"cmd /c rmdir /s /q \"%ls\"", data_root);
    run_command(command, 30000);
}

/* A session subscribed to every event, with its channel open. */
static struct fxs_link *open_watcher(const WCHAR *exe)
{
    struct fxs_link *link = NULL;
    DWORD status = open_link(exe, 0, FALSE, &link);

    ok(status == ERROR_SUCCESS, "opening a session: %lu\n", status);
    if (status) return NULL;
    ok(!fxs_link_subscribe(link, FXS_EVENT_ALL), "subscribe failed\n");
    ok(!fxs_link_open_events(link), "opening the event channel failed\n");
    return link;
}

/* A session of this test's own (exe NULL: this bitness's service), started when needed. */
static BOOL open_session(const WCHAR *exe, struct fxs_link **link)
{
    DWORD status = open_link(exe, 0, FALSE, link);
    ok(status == ERROR_SUCCESS, "opening a session: %lu\n", status);
    return status == ERROR_SUCCESS;
}

/* ---- records ---- */

static record *get_config(struct fxs_link *link, DWORD config_class)
{
    BYTE *data = NULL;
    DWORD size = 0, status;
    record *rec = NULL;

    status = fxs_rpc_get_config(fxs_link_session(link), config_class, &size, &data);
    ok(status == ERROR_SUCCESS, "get_config(%#lx): %lu\n", config_class, status);
    if (!status) ok(record_parse(data, size, &rec) == RECORD_OK, "get_config(%#lx) gave no record\n", config_class);
    free(data);
    return rec;
}

static DWORD set_config(struct fxs_link *link, DWORD config_class, const record *rec)
{
    uint8_t *data;
    size_t size;
    DWORD status;

    if (!rec || record_serialize(rec, &data, &size)) return ERROR_OUTOFMEMORY;
    status = fxs_rpc_set_config(fxs_link_session(link), config_class, (DWORD)size, data);
    free(data);
    return status;
}

/* A copy of rec of another kind, with key set to value (size bytes; added when missing), or
 * without key when value is NULL. */
static record *edit_kind(const record *rec, const char *kind, const char *key, const void *value, size_t size)
{
    const uint8_t *old;
    const char *name;
    record *out = NULL;
    BOOL done = FALSE;
    size_t i, length;

    if (!rec || record_create(kind, &out)) return NULL;
    for (i = 0; i < record_count(rec); i++)
    {
        record_field(rec, i, &name, &old, &length);
        if (strcmp(name, key)) record_add_bytes(out, name, old, length);
        else if ((done = TRUE) && value) record_add_bytes(out, name, value, size);
    }
    if (!done && value) record_add_bytes(out, key, value, size);
    return out;
}

static record *edit(const record *rec, const char *key, const char *value)
{
    return rec ? edit_kind(rec, record_kind(rec), key, value, value ? strlen(value) : 0) : NULL;
}

/* *rec edited in place (the old one freed). */
static void apply(record **rec, const char *key, const char *value)
{
    record *edited = edit(*rec, key, value);
    record_free(*rec);
    *rec = edited;
}

/* A value as text ("" when missing): the tests' values are ASCII. */
static const char *value_of(const record *rec, const char *key)
{
    const uint8_t *value;
    size_t size;
    return rec && !record_get_bytes(rec, key, &value, &size) ? (const char *)value : "";
}

static BOOL records_equal(const record *a, const record *b)
{
    uint8_t *da = NULL, *db = NULL;
    size_t sa = 0, sb = 0;
    BOOL equal = a && b && !record_serialize(a, &da, &sa) && !record_serialize(b, &db, &sb) && sa == sb &&
                 !memcmp(da, db, sa);
    free(da);
    free(db);
    return equal;
}

/* ---- events ---- */

struct event_log
{
    fxs_event *events;
    DWORD count, capacity;
};

static void log_free(struct event_log *log)
{
    fxs_events_free(log->events, log->count);
    memset(log, 0, sizeof(*log));
}

static void log_take(struct event_log *log, const struct fxs_event_batch *batch)
{
    DWORD i;

    if (log->count + batch->count > log->capacity)
    {
        log->capacity = (log->count + batch->count) * 2;
        log->events = realloc(log->events, log->capacity * sizeof(*log->events));
    }
    for (i = 0; i < batch->count; i++) fxs_event_copy(&log->events[log->count++], &batch->events[i]);
}

/* Pulls until nothing came for QUIET_MS. */
static void drain(struct fxs_link *link, struct event_log *log)
{
    for (;;)
    {
        struct fxs_event_batch batch;
        DWORD status = fxs_link_pull(link, 256, QUIET_MS, &batch), count = batch.count;

        if (status) break;
        ok(!batch.missed, "%lu events missed\n", batch.missed);
        log_take(log, &batch);
        fxs_event_batch_free(&batch);
        if (!count) break;
    }
}

static BOOL is_event(const fxs_event *event, DWORD event_class, DWORD job_event, ULONGLONG id)
{
    return event->event_class == event_class && event->job_event == job_event && (!id || event->job_id == id);
}

static int find_event(const struct event_log *log, DWORD event_class, DWORD job_event, ULONGLONG id)
{
    DWORD i;
    for (i = 0; i < log->count; i++)
        if (is_event(&log->events[i], event_class, job_event, id)) return i;
    return -1;
}

/* Pulls until an event of the class (with that job event and id; id 0: any) arrived. */
static BOOL wait_for(struct fxs_link *link, struct event_log *log, DWORD event_class, DWORD job_event, ULONGLONG id)
{
    double deadline = now_ms() + EVENT_WAIT_MS;

    while (find_event(log, event_class, job_event, id) < 0 && now_ms() < deadline)
    {
        struct fxs_event_batch batch;
        if (fxs_link_pull(link, 256, 1000, &batch)) return FALSE;
        log_take(log, &batch);
        fxs_event_batch_free(&batch);
    }
    return find_event(log, event_class, job_event, id) >= 0;
}

/* The last status a job's events gave, 0 when none. */
static const fxs_job_status *last_status(const struct event_log *log, ULONGLONG id)
{
    DWORD i;
    for (i = log->count; i-- > 0;)
        if (is_event(&log->events[i], FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id)) return &log->events[i].job;
    return NULL;
}

/* Pulls until the job's status has one of the bits of status. */
static BOOL wait_for_status(struct fxs_link *link, struct event_log *log, ULONGLONG id, DWORD status)
{
    double deadline = now_ms() + EVENT_WAIT_MS;
    const fxs_job_status *last;

    while (!((last = last_status(log, id)) && (last->status & status)) && now_ms() < deadline)
    {
        struct fxs_event_batch batch;
        if (fxs_link_pull(link, 256, 1000, &batch)) return FALSE;
        log_take(log, &batch);
        fxs_event_batch_free(&batch);
    }
    return last && (last->status & status);
}

/* After a change: the watcher got exactly the configuration events expected, in that order, and
 * queue_states queue-state events after them. */
static void check_events(struct fxs_link *watcher, const DWORD *types, int count, int queue_states)
{
    struct event_log log = { 0 };
    int configs = 0, states = 0;
    DWORD i;

    drain(watcher, &log);
    for (i = 0; i < log.count; i++)
    {
        const fxs_event *event = &log.events[i];
        if (event->event_class == FXS_EVENT_CONFIG)
        {
            ok(configs < count && event->config_type == types[configs], "config event %d: type %#lx\n", configs,
               event->config_type);
            ok(!states, "a config event after the queue-state event\n");
            configs++;
        }
        else if (event->event_class == FXS_EVENT_QUEUE_STATE) states++;
    }
    ok(configs == count, "%d config events, %d expected\n", configs, count);
    ok(states == queue_states, "%d queue-state events, %d expected\n", states, queue_states);
    log_free(&log);
}

static void check_no_events(struct fxs_link *watcher)
{
    check_events(watcher, NULL, 0, 0);
}

/* ---- faxes ---- */

static tiff_buffer make_body(unsigned int pages)
{
    fax_bitmap *bitmaps[4];
    tiff_buffer out = { 0 };
    unsigned int i;

    for (i = 0; i < pages; i++)
    {
        bitmaps[i] = fax_bitmap_create(FAX_PAGE_WIDTH, 200);
        fax_bitmap_draw_text(bitmaps[i], 100, 50, "Configuration test", 4);
    }
    ok(fax_write_tiff((const fax_bitmap *const *)bitmaps, pages, NULL, &out) == TIFF_OK, "writing the body\n");
    for (i = 0; i < pages; i++) fax_bitmap_free(bitmaps[i]);
    return out;
}

static DWORD submit(struct fxs_link *link, const WCHAR *number, ULONGLONG *id)
{
    fxs_document document = { 0 };
    fxs_recipient recipient = { (WCHAR *)number, (WCHAR *)L"Recipient" };
    tiff_buffer body = make_body(1);
    fxs_body bodies[1] = { { (ULONG)body.size, body.data } };
    LONG error_body;
    DWORD status;

    document.priority = fptNORMAL;
    document.sender.tsid = (WCHAR *)L"CONFIG TEST";
    *id = 0;
    status = fxs_rpc_submit(fxs_link_session(link), &document, 1, &recipient, 1, bodies, &error_body, id);
    tiff_buffer_free(&body);
    return status;
}

static DWORD job_state(struct fxs_link *link, DWORD folder, ULONGLONG id, fxs_job_info *info)
{
    return fxs_rpc_get_job(fxs_link_session(link), folder, id, info);
}

/* ---- every class: change, events, the same again, refused values ---- */

struct class_case
{
    DWORD config_class;
    const char *key, *value;            /* a change */
    const char *bad_key, *bad_value;    /* a value refused */
    DWORD bad_error;
    int event_count;
    DWORD events[3];                    /* the config events the change fires, in order */
    int queue_states;
};

static const struct class_case class_cases[] =
{
    { FXS_CONFIG_OUTBOX, "retries", "5", "retries", "100", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_OUTBOX } },
    { FXS_CONFIG_OUTBOX, "retry_delay", "999", "retry_delay", "1000", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_OUTBOX } },
    { FXS_CONFIG_OUTBOX, "discount_start", "1439", "discount_end", "1440", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_OUTBOX } },
    { FXS_CONFIG_OUTBOX, "age_limit", "9999", "age_limit", "10000", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_OUTBOX } },
    { FXS_CONFIG_OUTBOX, "branding", "1", "branding", "2", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_OUTBOX } },
    { FXS_CONFIG_OUTBOX, "paused", "1", "retries", "-1", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_OUTBOX }, 1 },
    { FXS_CONFIG_OUTBOX, "paused", "0", "retries", "0x5", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_OUTBOX }, 1 },
    { FXS_CONFIG_INCOMING_QUEUE, "blocked", "1", "blocked", "true", ERROR_INVALID_PARAMETER, 0, { 0 }, 1 },
    { FXS_CONFIG_INCOMING_QUEUE, "blocked", "0", "blocked", "", ERROR_INVALID_PARAMETER, 0, { 0 }, 1 },
    { FXS_CONFIG_SENTITEMS, "age_limit", "30", "low_quota_water_mark", "51", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_SENTITEMS } },
    { FXS_CONFIG_SENTITEMS, "high_quota_water_mark", "500", "high_quota_water_mark", "39", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_SENTITEMS } },
    { FXS_CONFIG_INBOX, "folder", "C:\\faxes\\in", "age_limit", "10000", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_INBOX } },
    { FXS_CONFIG_INBOX, "use_archive", "0", "use_archive", "01", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_INBOX } },
    { FXS_CONFIG_INBOX, "use_archive", "1", "size_quota_warning", "-0", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_INBOX } },
    { FXS_CONFIG_ACTIVITY_LOGGING, "log_outgoing", "0", "log_incoming", "yes", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_ACTIVITY_LOGGING } },
    { FXS_CONFIG_ACTIVITY_LOGGING, "log_outgoing", "1", "log_outgoing", "2", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_ACTIVITY_LOGGING } },
    { FXS_CONFIG_EVENTLOGS, "general_level", "3", "init_level", "4", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_EVENTLOGS } },
    { FXS_CONFIG_EVENTLOGS, "inbound_level", "0", "outbound_level", "99", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_EVENTLOGS } },
    { FXS_CONFIG_RECEIPTS, "smtp_port", "587", "smtp_port", "0", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_RECEIPTS } },
    { FXS_CONFIG_RECEIPTS, "allowed_receipts", "4", "allowed_receipts", "2", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_RECEIPTS } },
    { FXS_CONFIG_RECEIPTS, "smtp_server", "mail.example.com", "allowed_receipts", "5", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_RECEIPTS } },
    { FXS_CONFIG_RECEIPTS, "smtp_password", "s\xc3\xa9" "cret", "smtp_port", "65536", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_RECEIPTS } },
    { FXS_CONFIG_RECEIPTS, "authentication_type", "2", "authentication_type", "3", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_RECEIPTS } },
    { FXS_CONFIG_DEVICES, "device.2.description", "Line two", "device.2.receive_mode", "3", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_DEVICES } },
    { FXS_CONFIG_DEVICES, "device.1.csid", "+1 555 0100 (20 ch.)", "device.1.tsid", "+1 555 0100 (21 ch.)x", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_DEVICES } },
    { FXS_CONFIG_DEVICES, "device.1.send_enabled", "0", "device.9.send_enabled", "1", ERROR_NOT_FOUND, 1, { FXS_CONFIG_DEVICES } },
    { FXS_CONFIG_DEVICES, "device.1.send_enabled", "1", "device.2.rings_before_answer", "100", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_DEVICES } },
    { FXS_CONFIG_GENERAL, "outbox.retry_delay", "7", "archive.age_limit", "10000", ERROR_INVALID_PARAMETER, 2, { FXS_CONFIG_GENERAL, FXS_CONFIG_OUTBOX } },
    { FXS_CONFIG_GENERAL, "auto_create_account_on_connect", "1", "outbox.retries", "100", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_GENERAL } },
    { FXS_CONFIG_GENERAL, "incoming_faxes_are_public", "1", "incoming_blocked", "3", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_GENERAL } },
    { FXS_CONFIG_GENERAL, "incoming_blocked", "1", "archive.low_quota_water_mark", "4000000000", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_GENERAL }, 1 },
    { FXS_CONFIG_GENERAL, "incoming_blocked", "0", "outbox.discount_end", "1440", ERROR_INVALID_PARAMETER, 1, { FXS_CONFIG_GENERAL }, 1 },
    /* A changed archive setting goes to both archives: the incoming one's folder changes too. */
    { FXS_CONFIG_GENERAL, "archive.age_limit", "12", "archive.folder", NULL, ERROR_INVALID_PARAMETER, 3, { FXS_CONFIG_GENERAL, FXS_CONFIG_SENTITEMS, FXS_CONFIG_INBOX } },
};

static void test_class_case(struct fxs_link *admin, struct fxs_link *watcher, const struct class_case *c)
{
    record *before = get_config(admin, c->config_class), *changed, *after, *bad, *still;
    DWORD status;

    winetest_push_context("class %#lx %s=%s", c->config_class, c->key, c->value);
    if (!before) goto done;
    ok(strcmp(value_of(before, c->key), c->value), "already %s\n", c->value);
    check_no_events(watcher);

    changed = edit(before, c->key, c->value);
    status = set_config(admin, c->config_class, changed);
    ok(status == ERROR_SUCCESS, "set: %lu\n", status);
    check_events(watcher, c->events, c->event_count, c->queue_states);
    after = get_config(admin, c->config_class);
    ok(!strcmp(value_of(after, c->key), c->value), "read back %s\n", value_of(after, c->key));

    /* The same values again: nothing written, nothing announced. */
    status = set_config(admin, c->config_class, after);
    ok(status == ERROR_SUCCESS, "set the same: %lu\n", status);
    check_no_events(watcher);

    bad = edit(after, c->bad_key, c->bad_value);
    status = set_config(admin, c->config_class, bad);
    ok(status == c->bad_error, "%s=%s: %lu\n", c->bad_key, c->bad_value ? c->bad_value : "(none)", status);
    still = get_config(admin, c->config_class);
    ok(records_equal(after, still), "a refused set changed the class\n");
    check_no_events(watcher);

    record_free(changed);
    record_free(after);
    record_free(bad);
    record_free(still);
    record_free(before);
done:
    winetest_pop_context();
}

/* The record's shape: a missing key, an unknown one, another kind, a damaged record. */
static void test_record_shape(struct fxs_link *admin, struct fxs_link *watcher, DWORD config_class)
{
    record *rec = get_config(admin, config_class), *missing, *unknown, *other;
    const char *first;
    uint8_t *data;
    size_t size;
    DWORD status;

    winetest_push_context("class %#lx", config_class);
    if (!rec || record_field(rec, 0, &first, NULL, NULL))
    {
        record_free(rec);
        winetest_pop_context();
        return;
    }
    missing = edit(rec, first, NULL);
    status = set_config(admin, config_class, missing);
    ok(status == ERROR_INVALID_PARAMETER, "without %s: %lu\n", first, status);
    unknown = edit(rec, "bogus", "1");
    status = set_config(admin, config_class, unknown);
    ok(status == ERROR_INVALID_PARAMETER, "with an unknown key: %lu\n", status);
    other = edit_kind(rec, config_class == FXS_CONFIG_OUTBOX ? "config.inbox" : "config.outbox", "bogus", NULL, 0);
    status = set_config(admin, config_class, other);
    ok(status == ERROR_INVALID_PARAMETER, "of another kind: %lu\n", status);
    status = set_config(admin, config_class == FXS_CONFIG_OUTBOX ? FXS_CONFIG_INBOX : FXS_CONFIG_OUTBOX, rec);
    ok(status == ERROR_INVALID_PARAMETER, "to another class: %lu\n", status);

    /* One byte changed: the CRC refuses it. */
    if (!record_serialize(rec, &data, &size))
    {
        data[size / 2] ^= 0x20;
        status = fxs_rpc_set_config(fxs_link_session(admin), config_class, (DWORD)size, data);
        ok(status == ERROR_INVALID_PARAMETER, "a damaged record: %lu\n", status);
        status = fxs_rpc_set_config(fxs_link_session(admin), config_class, (DWORD)size / 2, data);
        ok(status == ERROR_INVALID_PARAMETER, "half a record: %lu\n", status);
        free(data);
    }
    check_no_events(watcher);
    record_free(missing);
    record_free(unknown);
    record_free(other);
    record_free(rec);
    winetest_pop_context();
}

#define expect_set(link, config_class, rec, expected, what) \
    do { DWORD status_ = set_config(link, config_class, rec); ok(status_ == (expected), "%s: %lu\n", what, status_); } while (0)

/* ---- security ---- */

static record *security_record(const record *like, const WCHAR *sddl, int cut)
{
    PSECURITY_DESCRIPTOR descriptor;
    record *rec = NULL;
    ULONG size;

    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, &descriptor, &size))
        return NULL;
    rec = edit_kind(like, record_kind(like), "descriptor", descriptor, size - cut);
    LocalFree(descriptor);
    return rec;
}

static void test_security(struct fxs_link *admin, struct fxs_link *watcher)
{
    static const DWORD security_event[] = { FXS_CONFIG_SECURITY };
    static const BYTE garbage[] = { 1, 0, 4, 0x80, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0 };
    record *original = get_config(admin, FXS_CONFIG_SECURITY), *rec, *now;
    struct fxs_link *restricted;
    BYTE *data = NULL;
    DWORD status, size;

    if (!original) return;
    ok(record_has(original, "descriptor") && record_count(original) == 1, "security record shape\n");

    rec = security_record(original, L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x7ff;;;WD)", 0);
    status = set_config(admin, FXS_CONFIG_SECURITY, rec);
    ok(status == ERROR_SUCCESS, "set a descriptor: %lu\n", status);
    check_events(watcher, security_event, 1, 0);
    now = get_config(admin, FXS_CONFIG_SECURITY);
    ok(records_equal(now, rec), "the descriptor read back differs\n");
    status = set_config(admin, FXS_CONFIG_SECURITY, now);
    ok(status == ERROR_SUCCESS, "set the same: %lu\n", status);
    check_no_events(watcher);
    record_free(rec);

    /* Not a descriptor; a descriptor cut short; offsets that point outside it. */
    rec = edit_kind(original, "config.security", "descriptor", garbage, sizeof(garbage));
    ok(set_config(admin, FXS_CONFIG_SECURITY, rec) == ERROR_INVALID_PARAMETER, "garbage accepted\n");
    record_free(rec);
    rec = security_record(original, L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x7ff;;;WD)", 4);
    ok(set_config(admin, FXS_CONFIG_SECURITY, rec) == ERROR_INVALID_PARAMETER, "a cut descriptor accepted\n");
    record_free(rec);
    rec = edit_kind(original, "config.security", "descriptor", "", 0);
    ok(set_config(admin, FXS_CONFIG_SECURITY, rec) == ERROR_INVALID_PARAMETER, "an empty descriptor accepted\n");
    record_free(rec);
    rec = get_config(admin, FXS_CONFIG_SECURITY);
    ok(records_equal(now, rec), "a refused descriptor changed the class\n");
    record_free(rec);
    record_free(now);
    check_no_events(watcher);

    /* Everyone may only look at the configuration: a new session can no more change it, nor read
     * the SMTP password; the session opened before keeps its rights. */
    rec = security_record(original, L"O:BAG:BAD:(A;;0x20;;;WD)", 0);
    ok(set_config(admin, FXS_CONFIG_SECURITY, rec) == ERROR_SUCCESS, "set a restrictive descriptor\n");
    check_events(watcher, security_event, 1, 0);
    if (open_session(NULL, &restricted))
    {
        record *receipts = get_config(restricted, FXS_CONFIG_RECEIPTS);
        ok(receipts && !record_has(receipts, "smtp_password"), "the password is shown without the right\n");
        status = set_config(restricted, FXS_CONFIG_RECEIPTS, receipts);
        ok(status == ERROR_ACCESS_DENIED, "set without the right: %lu\n", status);
        status = fxs_rpc_set_config(fxs_link_session(restricted), 42, 1, (const BYTE *)"x");
        ok(status == ERROR_ACCESS_DENIED, "rights come first: %lu\n", status);
        status = fxs_rpc_get_config(fxs_link_session(restricted), FXS_CONFIG_SECURITY, &size, &data);
        ok(status == ERROR_SUCCESS, "get with the right: %lu\n", status);
        free(data);
        record_free(receipts);
        fxs_link_close(restricted);
    }
    record_free(rec);
    rec = get_config(admin, FXS_CONFIG_RECEIPTS);
    ok(record_has(rec, "smtp_password"), "the password is hidden from an administrator\n");
    record_free(rec);
    ok(set_config(admin, FXS_CONFIG_SECURITY, original) == ERROR_SUCCESS, "restoring the descriptor failed\n");
    check_events(watcher, security_event, 1, 0);
    record_free(original);
}

/* ---- outbound routing: groups and rules ---- */

static void test_groups(struct fxs_link *admin, struct fxs_link *watcher)
{
    static const DWORD groups_event[] = { FXS_CONFIG_OUT_GROUPS };
    record *groups = get_config(admin, FXS_CONFIG_OUT_GROUPS), *rec, *now;
    DWORD status;

    if (!groups) return;
    ok(!strcmp(value_of(groups, "count"), "1"), "count %s\n", value_of(groups, "count"));
    ok(!strcmp(value_of(groups, "group.0.name"), "<All Devices>"), "group 0 %s\n", value_of(groups, "group.0.name"));
    ok(!strcmp(value_of(groups, "group.0.devices"), "1,2"), "all devices %s\n", value_of(groups, "group.0.devices"));
    ok(!strcmp(value_of(groups, "group.0.status"), "0"), "status %s\n", value_of(groups, "group.0.status"));

    /* Add one; its name again in another case; a device twice; an unknown device. */
    rec = edit(groups, "count", "2");
    apply(&rec, "group.1.name", "Second line");
    apply(&rec, "group.1.devices", "2,1");
    status = set_config(admin, FXS_CONFIG_OUT_GROUPS, rec);
    ok(status == ERROR_SUCCESS, "add a group: %lu\n", status);
    check_events(watcher, groups_event, 1, 0);
    now = get_config(admin, FXS_CONFIG_OUT_GROUPS);
    ok(!strcmp(value_of(now, "group.1.name"), "Second line") && !strcmp(value_of(now, "group.1.devices"), "2,1"),
       "group 1: %s %s\n", value_of(now, "group.1.name"), value_of(now, "group.1.devices"));
    apply(&rec, "count", "3");
    apply(&rec, "group.2.name", "SECOND LINE");
    apply(&rec, "group.2.devices", "");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_ALREADY_EXISTS, "a name twice");
    apply(&rec, "group.2.name", "Third");
    apply(&rec, "group.2.devices", "1,1");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_INVALID_PARAMETER, "a device twice");
    apply(&rec, "group.2.devices", "1,9");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_NOT_FOUND, "an unknown device");
    apply(&rec, "group.2.devices", "01");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_INVALID_PARAMETER, "a leading zero");
    apply(&rec, "group.2.devices", "1,");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_INVALID_PARAMETER, "a trailing comma");
    apply(&rec, "group.2.devices", "");
    apply(&rec, "group.2.name", "");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_INVALID_PARAMETER, "no name");
    record_free(rec);

    /* "<All Devices>": neither removed, renamed, nor given other devices; reordered, yes. */
    rec = edit(now, "group.0.name", "All of them");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_INVALID_PARAMETER, "renamed");
    apply(&rec, "group.0.name", "<all devices>");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_INVALID_PARAMETER, "renamed");
    apply(&rec, "group.0.name", "<All Devices>");
    apply(&rec, "group.0.devices", "1");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_INVALID_PARAMETER, "a device less");
    record_free(rec);
    rec = edit(now, "count", "1");
    apply(&rec, "group.0.name", "Second line");
    apply(&rec, "group.0.devices", "2,1");
    apply(&rec, "group.1.name", NULL);
    apply(&rec, "group.1.devices", NULL);
    apply(&rec, "group.1.status", NULL);
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_INVALID_PARAMETER, "removed");
    record_free(rec);
    rec = edit(now, "group.0.devices", "2,1");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_SUCCESS, "reordered");
    check_events(watcher, groups_event, 1, 0);
    apply(&rec, "group.0.devices", "1,2");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_SUCCESS, "reordered back");
    check_events(watcher, groups_event, 1, 0);
    record_free(rec);

    /* "<All Devices>" given as the second group is taken, and read back first. */
    rec = edit(now, "group.0.name", "Second line");
    apply(&rec, "group.0.devices", "2,1");
    apply(&rec, "group.1.name", "<All Devices>");
    apply(&rec, "group.1.devices", "1,2");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_SUCCESS, "all devices second");
    check_no_events(watcher);
    record_free(rec);
    rec = get_config(admin, FXS_CONFIG_OUT_GROUPS);
    ok(records_equal(rec, now), "the groups changed\n");
    record_free(rec);
    check_no_events(watcher);
    record_free(now);
    record_free(groups);
}

static void test_rules(struct fxs_link *admin, struct fxs_link *watcher)
{
    static const DWORD rules_event[] = { FXS_CONFIG_OUT_RULES }, groups_event[] = { FXS_CONFIG_OUT_GROUPS };
    record *rules = get_config(admin, FXS_CONFIG_OUT_RULES), *rec, *now, *groups;
    DWORD status;

    if (!rules) return;
    ok(!strcmp(value_of(rules, "count"), "1") && !strcmp(value_of(rules, "rule.0.country_code"), "0") &&
       !strcmp(value_of(rules, "rule.0.area_code"), "0") && !strcmp(value_of(rules, "rule.0.use_device"), "0") &&
       !strcmp(value_of(rules, "rule.0.group_name"), "<All Devices>") && !strcmp(value_of(rules, "rule.0.status"), "0"),
       "the default rule\n");

    /* Country 49, area 30: device 2. Country 33: the group "Second line". */
    rec = edit(rules, "count", "3");
    apply(&rec, "rule.1.country_code", "49");
    apply(&rec, "rule.1.area_code", "30");
    apply(&rec, "rule.1.use_device", "1");
    apply(&rec, "rule.1.device_id", "2");
    apply(&rec, "rule.1.group_name", "");
    apply(&rec, "rule.2.country_code", "33");
    apply(&rec, "rule.2.area_code", "0");
    apply(&rec, "rule.2.use_device", "0");
    apply(&rec, "rule.2.device_id", "0");
    apply(&rec, "rule.2.group_name", "second LINE");
    status = set_config(admin, FXS_CONFIG_OUT_RULES, rec);
    ok(status == ERROR_SUCCESS, "add rules: %lu\n", status);
    check_events(watcher, rules_event, 1, 0);
    now = get_config(admin, FXS_CONFIG_OUT_RULES);
    ok(!strcmp(value_of(now, "rule.1.device_id"), "2") && !strcmp(value_of(now, "rule.1.status"), "0"),
       "rule 1: device %s, status %s\n", value_of(now, "rule.1.device_id"), value_of(now, "rule.1.status"));

    apply(&rec, "rule.2.area_code", "30");
    apply(&rec, "rule.2.country_code", "49");
    expect_set(admin, FXS_CONFIG_OUT_RULES, rec, ERROR_ALREADY_EXISTS, "a rule twice");
    apply(&rec, "rule.2.country_code", "0");
    expect_set(admin, FXS_CONFIG_OUT_RULES, rec, ERROR_INVALID_PARAMETER, "an area without country");
    apply(&rec, "rule.2.country_code", "33");
    apply(&rec, "rule.2.area_code", "0");
    apply(&rec, "rule.2.group_name", "No such group");
    expect_set(admin, FXS_CONFIG_OUT_RULES, rec, FAX_ERR_GROUP_NOT_FOUND, "an unknown group");
    apply(&rec, "rule.2.use_device", "1");
    apply(&rec, "rule.2.device_id", "9");
    expect_set(admin, FXS_CONFIG_OUT_RULES, rec, ERROR_NOT_FOUND, "an unknown device");
    apply(&rec, "rule.2.use_device", "0");
    apply(&rec, "rule.2.group_name", "Second line");
    apply(&rec, "rule.0.area_code", "1");
    apply(&rec, "rule.0.country_code", "1");
    expect_set(admin, FXS_CONFIG_OUT_RULES, rec, ERROR_INVALID_PARAMETER, "no default rule");
    apply(&rec, "count", "4");
    expect_set(admin, FXS_CONFIG_OUT_RULES, rec, ERROR_INVALID_PARAMETER, "a rule missing");
    record_free(rec);
    rec = edit(now, "count", "0");
    expect_set(admin, FXS_CONFIG_OUT_RULES, rec, ERROR_INVALID_PARAMETER, "no rules");
    record_free(rec);

    /* The default rule's destination may change. */
    rec = edit(now, "rule.0.use_device", "1");
    apply(&rec, "rule.0.device_id", "1");
    expect_set(admin, FXS_CONFIG_OUT_RULES, rec, ERROR_SUCCESS, "default to a device");
    check_events(watcher, rules_event, 1, 0);
    expect_set(admin, FXS_CONFIG_OUT_RULES, now, ERROR_SUCCESS, "back");
    check_events(watcher, rules_event, 1, 0);
    record_free(rec);

    /* A group a rule uses stays. */
    groups = get_config(admin, FXS_CONFIG_OUT_GROUPS);
    rec = edit(groups, "count", "1");
    apply(&rec, "group.1.name", NULL);
    apply(&rec, "group.1.devices", NULL);
    apply(&rec, "group.1.status", NULL);
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, FAX_ERR_GROUP_IN_USE, "a group in use");
    apply(&rec, "count", "2");
    apply(&rec, "group.1.name", "Renamed");
    apply(&rec, "group.1.devices", "2");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, FAX_ERR_GROUP_IN_USE, "renamed in use");
    apply(&rec, "group.1.name", "Second line");
    expect_set(admin, FXS_CONFIG_OUT_GROUPS, rec, ERROR_SUCCESS, "a group's devices");
    check_events(watcher, groups_event, 1, 0);
    record_free(rec);
    record_free(groups);
    record_free(now);
    record_free(rules);
}

/* ---- the device and provider lists ---- */

static void test_device_list(struct fxs_link *admin)
{
    fxs_device_info *devices = NULL;
    fxs_provider_info *providers = NULL;
    DWORD count = 0, status;
    record *settings = get_config(admin, FXS_CONFIG_DEVICES);

    status = fxs_rpc_list_devices(fxs_link_session(admin), &count, &devices);
    ok(status == ERROR_SUCCESS && count == 2, "list_devices: %lu, %lu devices\n", status, count);
    if (!status && count == 2)
    {
        ok(devices[0].id == 1 && devices[1].id == 2, "ids %lu %lu\n", devices[0].id, devices[1].id);
        ok(!wcscmp(devices[0].name, L"Virtual Fax 1") && !wcscmp(devices[1].name, L"Virtual Fax 2"), "names %s %s\n",
           wine_dbgstr_w(devices[0].name), wine_dbgstr_w(devices[1].name));
        ok(!wcscmp(devices[1].number, L"1002"), "number %s\n", wine_dbgstr_w(devices[1].number));
        ok(!wcscmp(devices[1].provider_unique_name, L"fxscomex.VirtualLine"), "provider %s\n",
           wine_dbgstr_w(devices[1].provider_unique_name));
        ok(!wcscmp(devices[1].description, L"Line two"), "description %s\n", wine_dbgstr_w(devices[1].description));
        ok(devices[1].rings_before_answer == (DWORD)atoi(value_of(settings, "device.2.rings_before_answer")),
           "rings %lu\n", devices[1].rings_before_answer);
        ok(devices[1].receive_mode == fdrmAUTO_ANSWER && devices[1].send_enabled == 1, "mode %lu, send %ld\n",
           devices[1].receive_mode, devices[1].send_enabled);
        ok(!wcscmp(devices[0].csid, L"+1 555 0100 (20 ch.)"), "csid %s\n", wine_dbgstr_w(devices[0].csid));
        ok(!devices[0].powered_off && !devices[0].sending && !devices[0].receiving && !devices[0].ringing,
           "device 1 busy\n");
    }
    fxs_device_infos_free(devices, count);
    record_free(settings);

    status = fxs_rpc_list_providers(fxs_link_session(admin), &count, &providers);
    ok(status == ERROR_SUCCESS && count == 1, "list_providers: %lu, %lu providers\n", status, count);
    if (!status && count == 1)
    {
        ok(!wcscmp(providers[0].unique_name, L"fxscomex.VirtualLine"), "unique name %s\n",
           wine_dbgstr_w(providers[0].unique_name));
        ok(!wcscmp(providers[0].friendly_name, L"fxscomex Virtual Line"), "friendly name %s\n",
           wine_dbgstr_w(providers[0].friendly_name));
        ok(!wcscmp(providers[0].image_name, L"fxsvline.dll"), "image %s\n", wine_dbgstr_w(providers[0].image_name));
        ok(providers[0].major_version == 1 && providers[0].minor_version == 0, "version %lu.%lu\n",
           providers[0].major_version, providers[0].minor_version);
        ok(providers[0].status == fpsSUCCESS && !providers[0].init_error_code, "status %lu\n", providers[0].status);
        ok(providers[0].device_count == 2 && providers[0].device_ids && providers[0].device_ids[0] == 1 &&
           providers[0].device_ids[1] == 2, "devices %lu\n", providers[0].device_count);
    }
    fxs_provider_infos_free(providers, count);
}

/* ---- bad input on every method ---- */

static void test_bad_input(struct fxs_link *admin)
{
    fxs_session_handle session = fxs_link_session(admin);
    static const char text[] = "fxscomex-record 1 config.outbox\nend 0 00000000\n";
    BYTE *data = (BYTE *)0xdeadbeef, *huge;
    DWORD size = 123, status, count;

    status = fxs_rpc_get_config(session, 42, &size, &data);
    ok(status == ERROR_INVALID_PARAMETER && !size && !data, "get an unknown class: %lu\n", status);
    status = fxs_rpc_get_config(session, 0x102, &size, &data);
    ok(status == ERROR_INVALID_PARAMETER, "get the internal class: %lu\n", status);
    status = fxs_rpc_get_config(session, FXS_CONFIG_OUTBOX, NULL, &data);
    ok(status == RPC_X_NULL_REF_POINTER, "get without size: %lu\n", status);
    status = fxs_rpc_set_config(session, 42, sizeof(text) - 1, (const BYTE *)text);
    ok(status == ERROR_INVALID_PARAMETER, "set an unknown class: %lu\n", status);
    status = fxs_rpc_set_config(session, FXS_CONFIG_OUTBOX, 0, NULL);
    ok(status == RPC_X_NULL_REF_POINTER || status == ERROR_INVALID_PARAMETER, "set NULL: %lu\n", status);
    status = fxs_rpc_set_config(session, FXS_CONFIG_OUTBOX, 0, (const BYTE *)text);
    ok(status == ERROR_INVALID_PARAMETER, "set nothing: %lu\n", status);
    status = fxs_rpc_set_config(session, FXS_CONFIG_OUTBOX, sizeof(text) - 1, (const BYTE *)text);
    ok(status == ERROR_INVALID_PARAMETER, "set an empty (and bad) record: %lu\n", status);
    status = fxs_rpc_set_config(session, FXS_CONFIG_OUTBOX, 9, (const BYTE *)"\0\xff\x01garbage");
    ok(status == ERROR_INVALID_PARAMETER, "set garbage: %lu\n", status);
    if ((huge = calloc(1, FXS_MAX_CONFIG_SIZE + 1)))
    {
        memcpy(huge, text, sizeof(text) - 1);
        status = fxs_rpc_set_config(session, FXS_CONFIG_OUTBOX, FXS_MAX_CONFIG_SIZE + 1, huge);
        ok(status == ERROR_INVALID_PARAMETER, "set a huge record: %lu\n", status);
        free(huge);
    }
    status = fxs_rpc_list_devices(session, NULL, NULL);
    ok(status == RPC_X_NULL_REF_POINTER, "list devices into NULL: %lu\n", status);
    status = fxs_rpc_list_providers(session, &count, NULL);
    ok(status == RPC_X_NULL_REF_POINTER, "list providers into NULL: %lu\n", status);
    status = fxs_rpc_get_config(NULL, FXS_CONFIG_OUTBOX, &size, &data);
    ok(status == RPC_X_SS_IN_NULL_CONTEXT || status == ERROR_INVALID_HANDLE, "get without a session: %lu\n", status);
}

/* ---- the classes, one service ---- */

static const DWORD wire_classes[] =
{
    FXS_CONFIG_RECEIPTS, FXS_CONFIG_ACTIVITY_LOGGING, FXS_CONFIG_OUTBOX, FXS_CONFIG_SENTITEMS, FXS_CONFIG_INBOX,
    FXS_CONFIG_SECURITY, FXS_CONFIG_EVENTLOGS, FXS_CONFIG_DEVICES, FXS_CONFIG_OUT_GROUPS, FXS_CONFIG_OUT_RULES,
    FXS_CONFIG_GENERAL, FXS_CONFIG_INCOMING_QUEUE,
};

static void test_defaults(struct fxs_link *admin)
{
    record *outbox = get_config(admin, FXS_CONFIG_OUTBOX), *general = get_config(admin, FXS_CONFIG_GENERAL);
    record *devices = get_config(admin, FXS_CONFIG_DEVICES), *inbox = get_config(admin, FXS_CONFIG_INBOX);

    ok(!strcmp(value_of(outbox, "retries"), "3") && !strcmp(value_of(outbox, "retry_delay"), "10") &&
       !strcmp(value_of(outbox, "discount_start"), "1200") && !strcmp(value_of(outbox, "discount_end"), "420") &&
       !strcmp(value_of(outbox, "blocked"), "0") && !strcmp(value_of(outbox, "age_limit"), "0"), "outbox defaults\n");
    ok(record_count(outbox) == 10, "%Iu outbox keys\n", record_count(outbox));
    ok(!strcmp(value_of(general, "outbox.retries"), "3") && !strcmp(value_of(general, "archive.use_archive"), "1") &&
       record_has(general, "archive.size") && !strcmp(value_of(general, "incoming_blocked"), "0"), "general view\n");
    ok(!strcmp(value_of(devices, "device.2.rings_before_answer"), "2") &&
       !strcmp(value_of(devices, "device.2.receive_mode"), "1") && !strcmp(value_of(devices, "device.1.csid"), "Fax 1"),
       "device defaults\n");
    ok(!strcmp(value_of(inbox, "size"), "0") && !strcmp(value_of(inbox, "use_archive"), "1"), "inbox defaults\n");
    record_free(outbox);
    record_free(general);
    record_free(devices);
    record_free(inbox);
}

static void test_classes(struct fxs_link *admin, struct fxs_link *watcher)
{
    unsigned int i;

    test_defaults(admin);
    for (i = 0; i < ARRAY_SIZE(class_cases); i++) test_class_case(admin, watcher, &class_cases[i]);
    for (i = 0; i < ARRAY_SIZE(wire_classes); i++) test_record_shape(admin, watcher, wire_classes[i]);
    test_security(admin, watcher);
    test_groups(admin, watcher);
    test_rules(admin, watcher);
    test_device_list(admin);
    test_bad_input(admin);
}

/* ---- what the values do ---- */

static void set_value(struct fxs_link *admin, DWORD config_class, const char *key, const char *value)
{
    record *rec = get_config(admin, config_class);
    DWORD status;

    apply(&rec, key, value);
    status = set_config(admin, config_class, rec);
    ok(status == ERROR_SUCCESS, "setting %s=%s: %lu\n", key, value, status);
    record_free(rec);
}

static void test_blocked_queue(struct fxs_link *admin, struct fxs_link *watcher)
{
    struct event_log log = { 0 };
    ULONGLONG id;
    DWORD status;
    int state;

    drain(watcher, &log);
    log_free(&log);
    set_value(admin, FXS_CONFIG_OUTBOX, "blocked", "1");
    drain(watcher, &log);
    state = find_event(&log, FXS_EVENT_QUEUE_STATE, 0, 0);
    ok(state >= 0 && log.events[state].outgoing_queue_blocked && !log.events[state].outgoing_queue_paused &&
       !log.events[state].incoming_queue_blocked, "no OnQueuesStatusChange with the queue blocked\n");
    log_free(&log);
    status = submit(admin, L"1002", &id);
    ok(status == ERROR_WRITE_PROTECT, "submit to a blocked queue: %lu\n", status);
    set_value(admin, FXS_CONFIG_OUTBOX, "blocked", "0");
    drain(watcher, &log);
    state = find_event(&log, FXS_EVENT_QUEUE_STATE, 0, 0);
    ok(state >= 0 && !log.events[state].outgoing_queue_blocked, "no OnQueuesStatusChange after unblocking\n");
    log_free(&log);
}

static void test_paused_queue(struct fxs_link *admin, struct fxs_link *watcher)
{
    struct event_log log = { 0 };
    fxs_job_info info;
    ULONGLONG id;
    DWORD status;

    set_value(admin, FXS_CONFIG_OUTBOX, "paused", "1");
    status = submit(admin, L"1002", &id);
    ok(status == ERROR_SUCCESS, "submit to a paused queue: %lu\n", status);
    Sleep(300);
    status = job_state(admin, FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(!status && info.status.status == fjsPENDING, "a job of the paused queue: %lu, status %#lx\n", status,
       info.status.status);
    fxs_job_info_clear(&info);
    drain(watcher, &log);
    log_free(&log);
    set_value(admin, FXS_CONFIG_OUTBOX, "paused", "0");
    ok(wait_for(watcher, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "not sent after unpausing\n");
    ok(wait_for(watcher, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "not received\n");
    ok(find_event(&log, FXS_EVENT_CONFIG, 0, 0) < find_event(&log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id),
       "the job moved before the configuration event\n");
    log_free(&log);
}

/* The sender gives up: RETRIES_EXCEEDED (retries are 0 here) with this reason. */
static void check_unanswered(struct fxs_link *admin, struct fxs_link *watcher, struct event_log *log, ULONGLONG id)
{
    const fxs_job_status *last;

    ok(wait_for_status(watcher, log, id, fjsRETRIES_EXCEEDED | fjsCOMPLETED), "the send did not end\n");
    last = last_status(log, id);
    ok(last && last->status == fjsRETRIES_EXCEEDED && last->extended_status_code == fjesNO_ANSWER,
       "status %#lx, extended %lu\n", last ? last->status : 0, last ? last->extended_status_code : 0);
    ok(find_event(log, FXS_EVENT_IN_QUEUE, FXS_JOB_EVENT_ADDED, 0) < 0, "the call was answered\n");
    fxs_rpc_control_job(fxs_link_session(admin), FXS_FOLDER_OUTGOING_QUEUE, id, FXS_JOB_CANCEL);
}

static void test_incoming_blocked(struct fxs_link *admin, struct fxs_link *watcher)
{
    struct event_log log = { 0 };
    ULONGLONG id;
    int call;

    set_value(admin, FXS_CONFIG_INCOMING_QUEUE, "blocked", "1");
    drain(watcher, &log);
    call = find_event(&log, FXS_EVENT_QUEUE_STATE, 0, 0);
    ok(call >= 0 && log.events[call].incoming_queue_blocked, "no OnQueuesStatusChange\n");
    log_free(&log);
    ok(submit(admin, L"1002", &id) == ERROR_SUCCESS, "submit failed\n");
    check_unanswered(admin, watcher, &log, id);
    call = find_event(&log, FXS_EVENT_INCOMING_CALL, 0, 0);
    ok(call >= 0 && log.events[call].device_id == 2, "device 2 did not ring\n");
    ok(fxs_rpc_answer_call(fxs_link_session(admin), 2) != ERROR_SUCCESS, "answered after the caller gave up\n");
    log_free(&log);
    set_value(admin, FXS_CONFIG_INCOMING_QUEUE, "blocked", "0");
    drain(watcher, &log);
    log_free(&log);
}

static void test_manual_answer(struct fxs_link *admin, struct fxs_link *watcher)
{
    struct event_log log = { 0 };
    ULONGLONG id;
    DWORD status;
    int call;

    set_value(admin, FXS_CONFIG_DEVICES, "device.2.receive_mode", "2");
    drain(watcher, &log);
    log_free(&log);
    ok(submit(admin, L"1002", &id) == ERROR_SUCCESS, "submit failed\n");
    ok(wait_for(watcher, &log, FXS_EVENT_INCOMING_CALL, 0, 0), "device 2 did not ring\n");
    call = find_event(&log, FXS_EVENT_INCOMING_CALL, 0, 0);
    ok(call >= 0 && log.events[call].device_id == 2, "the call is on another device\n");
    status = fxs_rpc_answer_call(fxs_link_session(admin), 2);
    ok(status == ERROR_SUCCESS, "answer: %lu\n", status);
    ok(wait_for(watcher, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "the fax did not arrive\n");
    ok(wait_for(watcher, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "the fax was not sent\n");
    log_free(&log);
    set_value(admin, FXS_CONFIG_DEVICES, "device.2.receive_mode", "1");
    drain(watcher, &log);
    log_free(&log);
}

/* The seconds of service time from the start of the send to the start of the reception. */
static double answer_delay(struct fxs_link *admin, ULONGLONG sent, ULONGLONG received)
{
    fxs_job_info out, in;
    double delay = -1;

    if (!job_state(admin, FXS_FOLDER_OUTGOING_ARCHIVE, sent, &out))
    {
        if (!job_state(admin, FXS_FOLDER_INCOMING_ARCHIVE, received, &in))
        {
            delay = (in.status.transmission_start - out.status.transmission_start) * 86400.0;
            fxs_job_info_clear(&in);
        }
        fxs_job_info_clear(&out);
    }
    return delay;
}

/* 11 rings are more than the virtual line's caller waits; the tenth is the last it waits for,
 * 54 s of rings after 4 s of dialling. */
static void test_rings_before_answer(struct fxs_link *admin, struct fxs_link *watcher)
{
    struct event_log log = { 0 };
    ULONGLONG id;
    int added;

    set_value(admin, FXS_CONFIG_DEVICES, "device.2.rings_before_answer", "11");
    drain(watcher, &log);
    log_free(&log);
    ok(submit(admin, L"1002", &id) == ERROR_SUCCESS, "submit failed\n");
    check_unanswered(admin, watcher, &log, id);
    log_free(&log);

    set_value(admin, FXS_CONFIG_DEVICES, "device.2.rings_before_answer", "10");
    drain(watcher, &log);
    log_free(&log);
    ok(submit(admin, L"1002", &id) == ERROR_SUCCESS, "submit failed\n");
    ok(wait_for(watcher, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "not sent after 10 rings\n");
    ok(wait_for(watcher, &log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0), "not received after 10 rings\n");
    if ((added = find_event(&log, FXS_EVENT_IN_ARCHIVE, FXS_JOB_EVENT_ADDED, 0)) >= 0)
    {
        double delay = answer_delay(admin, id, log.events[added].job_id);
        ok(delay >= 57.5, "answered %.1f s after the send started\n", delay);
    }
    log_free(&log);
    set_value(admin, FXS_CONFIG_DEVICES, "device.2.rings_before_answer", "1");
    drain(watcher, &log);
    log_free(&log);
}

static void test_outbound_routing(struct fxs_link *admin, struct fxs_link *watcher)
{
    struct event_log log = { 0 };
    const fxs_job_status *last;
    fxs_job_info info;
    ULONGLONG id;
    DWORD i;

    drain(watcher, &log);
    log_free(&log);
    ok(submit(admin, L"+49 (30) 1234", &id) == ERROR_SUCCESS, "submit failed\n");
    ok(wait_for(watcher, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "not sent\n");
    for (i = 0; i < log.count; i++)
        if (is_event(&log.events[i], FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_STATUS, id) &&
            log.events[i].job.status == fjsINPROGRESS)
            ok(log.events[i].job.device_id == 2, "sent on device %ld\n", log.events[i].job.device_id);
    last = last_status(&log, id);
    ok(last && last->status == fjsCOMPLETED, "status %#lx\n", last ? last->status : 0);
    if (!job_state(admin, FXS_FOLDER_OUTGOING_ARCHIVE, id, &info))
    {
        ok(!wcscmp(info.device_name, L"Virtual Fax 2"), "sent by %s\n", wine_dbgstr_w(info.device_name));
        fxs_job_info_clear(&info);
    }
    log_free(&log);

    /* Anything else goes through the default rule: "<All Devices>", device 1 first. */
    ok(submit(admin, L"+44 (20) 1234", &id) == ERROR_SUCCESS, "submit failed\n");
    ok(wait_for(watcher, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "not sent\n");
    if (!job_state(admin, FXS_FOLDER_OUTGOING_ARCHIVE, id, &info))
    {
        ok(!wcscmp(info.device_name, L"Virtual Fax 1"), "sent by %s\n", wine_dbgstr_w(info.device_name));
        fxs_job_info_clear(&info);
    }
    log_free(&log);
}

static void test_behaviour(struct fxs_link *admin, struct fxs_link *watcher)
{
    set_value(admin, FXS_CONFIG_OUTBOX, "retries", "0");
    set_value(admin, FXS_CONFIG_DEVICES, "device.2.rings_before_answer", "1");
    test_blocked_queue(admin, watcher);
    test_paused_queue(admin, watcher);
    test_incoming_blocked(admin, watcher);
    test_manual_answer(admin, watcher);
    test_rings_before_answer(admin, watcher);
    test_outbound_routing(admin, watcher);
}

/* ---- persistence ---- */

struct saved
{
    record *records[ARRAY_SIZE(wire_classes)];
};

static void save_all(struct fxs_link *admin, struct saved *saved)
{
    unsigned int i;
    for (i = 0; i < ARRAY_SIZE(wire_classes); i++) saved->records[i] = get_config(admin, wire_classes[i]);
}

static void check_all(struct fxs_link *admin, struct saved *saved)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(wire_classes); i++)
    {
        record *now = get_config(admin, wire_classes[i]);
        ok(records_equal(now, saved->records[i]), "class %#lx differs after a restart\n", wire_classes[i]);
        record_free(now);
        record_free(saved->records[i]);
    }
}

/* ---- files a service cannot use, and a change a crash cut ---- */

static BOOL write_file(const WCHAR *name, const void *data, DWORD size)
{
    WCHAR path[MAX_PATH];
    DWORD written = 0;
    HANDLE file;

    swprintf(path, ARRAY_SIZE(path), L"%ls\\config\\%ls", data_root, name);
    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return FALSE;
    WriteFile(file, data, size, &written, NULL);
    CloseHandle(file);
    return written == size;
}

static BOOL write_record_file(const WCHAR *name, const record *rec)
{
    uint8_t *data;
    size_t size;
    BOOL done;

    if (!rec || record_serialize(rec, &data, &size)) return FALSE;
    done = write_file(name, data, (DWORD)size);
    free(data);
    return done;
}

static BOOL config_file_exists(const WCHAR *name)
{
    WCHAR path[MAX_PATH];
    swprintf(path, ARRAY_SIZE(path), L"%ls\\config\\%ls", data_root, name);
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

/* Every field of from, its key prefixed, but read_only. */
static void add_prefixed(record *to, const char *prefix, const record *from, const char *read_only)
{
    const uint8_t *value;
    const char *key;
    char name[RECORD_MAX_KEY + 1];
    size_t i, size;

    for (i = 0; from && i < record_count(from); i++)
    {
        record_field(from, i, &key, &value, &size);
        if (read_only && !strcmp(key, read_only)) continue;
        snprintf(name, sizeof(name), "%s%s", prefix, key);
        record_add_bytes(to, name, value, size);
    }
}

/* A damaged file, one with an unknown key, one of another kind: each set aside, its class at
 * its defaults, the other classes as they were. */
static void test_damaged_files(void)
{
    record *outbox, *eventlogs, *receipts, *devices, *now;
    struct fxs_link *admin;
    uint8_t *data;
    size_t size;

    if (!open_session(NULL, &admin)) return;
    outbox = get_config(admin, FXS_CONFIG_OUTBOX);
    eventlogs = get_config(admin, FXS_CONFIG_EVENTLOGS);
    receipts = get_config(admin, FXS_CONFIG_RECEIPTS);
    devices = get_config(admin, FXS_CONFIG_DEVICES);
    fxs_link_close(admin);
    ok(stop_service(), "the service did not stop\n");

    if (!record_serialize(outbox, &data, &size))
    {
        data[size / 3] ^= 1;
        ok(write_file(L"outbox.rec", data, (DWORD)size), "writing outbox.rec\n");
        free(data);
    }
    apply(&eventlogs, "bogus", "1");
    ok(write_record_file(L"eventlogs.rec", eventlogs), "writing eventlogs.rec\n");
    ok(write_record_file(L"receipts.rec", outbox), "writing receipts.rec\n");

    if (!open_session(NULL, &admin)) goto done;
    now = get_config(admin, FXS_CONFIG_OUTBOX);
    ok(!strcmp(value_of(now, "retries"), "3") && !strcmp(value_of(now, "retry_delay"), "10"), "outbox not at its defaults\n");
    record_free(now);
    now = get_config(admin, FXS_CONFIG_EVENTLOGS);
    ok(!strcmp(value_of(now, "general_level"), "1"), "event logging not at its defaults\n");
    record_free(now);
    now = get_config(admin, FXS_CONFIG_RECEIPTS);
    ok(!strcmp(value_of(now, "smtp_port"), "25") && !strcmp(value_of(now, "smtp_server"), ""), "receipts not at their defaults\n");
    record_free(now);
    now = get_config(admin, FXS_CONFIG_DEVICES);
    ok(records_equal(now, devices), "the devices changed\n");
    record_free(now);
    ok(config_file_exists(L"outbox.rec.damaged") && config_file_exists(L"eventlogs.rec.damaged") &&
       config_file_exists(L"receipts.rec.damaged"), "the files were not set aside\n");
    ok(!config_file_exists(L"outbox.rec"), "the damaged file is still in the way\n");
    fxs_link_close(admin);
done:
    ok(stop_service(), "the service did not stop\n");
    record_free(outbox);
    record_free(eventlogs);
    record_free(receipts);
    record_free(devices);
}

/* The journal of a general change, as a crash after it was written leaves it: the next start
 * writes every class it holds. */
static void test_journal(void)
{
    record *outbox, *queue, *sent, *inbox, *general, *journal, *now;
    struct fxs_link *admin;

    if (!open_session(NULL, &admin)) return;
    outbox = get_config(admin, FXS_CONFIG_OUTBOX);
    queue = get_config(admin, FXS_CONFIG_INCOMING_QUEUE);
    sent = get_config(admin, FXS_CONFIG_SENTITEMS);
    inbox = get_config(admin, FXS_CONFIG_INBOX);
    general = get_config(admin, FXS_CONFIG_GENERAL);
    fxs_link_close(admin);
    ok(stop_service(), "the service did not stop\n");

    apply(&outbox, "retries", "77");
    apply(&inbox, "age_limit", "77");
    apply(&queue, "blocked", "1");
    if (!record_create("config.journal", &journal))
    {
        add_prefixed(journal, "outbox.", outbox, NULL);
        record_add_string(journal, "incoming_blocked", value_of(queue, "blocked"));
        add_prefixed(journal, "sentitems.", sent, "size");
        add_prefixed(journal, "inbox.", inbox, "size");
        record_add_string(journal, "auto_create_account_on_connect", value_of(general, "auto_create_account_on_connect"));
        record_add_string(journal, "incoming_faxes_are_public", value_of(general, "incoming_faxes_are_public"));
        ok(write_record_file(L"general-pending.rec", journal), "writing the journal\n");
        record_free(journal);
    }
    if (open_session(NULL, &admin))
    {
        now = get_config(admin, FXS_CONFIG_OUTBOX);
        ok(!strcmp(value_of(now, "retries"), "77"), "outbox retries %s\n", value_of(now, "retries"));
        record_free(now);
        now = get_config(admin, FXS_CONFIG_INBOX);
        ok(!strcmp(value_of(now, "age_limit"), "77"), "inbox age limit %s\n", value_of(now, "age_limit"));
        record_free(now);
        now = get_config(admin, FXS_CONFIG_GENERAL);
        ok(!strcmp(value_of(now, "incoming_blocked"), "1"), "incoming blocked %s\n", value_of(now, "incoming_blocked"));
        record_free(now);
        ok(!config_file_exists(L"general-pending.rec"), "the journal stayed\n");
        fxs_link_close(admin);
    }
    ok(stop_service(), "the service did not stop\n");

    /* Written for good: without the journal, the values stay. */
    if (open_session(NULL, &admin))
    {
        now = get_config(admin, FXS_CONFIG_OUTBOX);
        ok(!strcmp(value_of(now, "retries"), "77"), "outbox retries %s\n", value_of(now, "retries"));
        record_free(now);
        fxs_link_close(admin);
    }
    ok(stop_service(), "the service did not stop\n");
    record_free(outbox);
    record_free(queue);
    record_free(sent);
    record_free(inbox);
    record_free(general);
}

/* Devices that are gone keep their settings, and the groups and rules that name them. */
static void test_devices_come_and_go(void)
{
    struct fxs_link *admin;
    record *rec;

    fresh_data_root(L"e");
    service_environment(L"FXSSVC_VIRTUAL_DEVICES", L"3");
    if (!open_session(NULL, &admin)) goto done;
    set_value(admin, FXS_CONFIG_DEVICES, "device.3.rings_before_answer", "7");
    rec = get_config(admin, FXS_CONFIG_OUT_GROUPS);
    ok(!strcmp(value_of(rec, "group.0.devices"), "1,2,3"), "all devices %s\n", value_of(rec, "group.0.devices"));
    apply(&rec, "count", "2");
    apply(&rec, "group.1.name", "Three");
    apply(&rec, "group.1.devices", "3");
    ok(set_config(admin, FXS_CONFIG_OUT_GROUPS, rec) == ERROR_SUCCESS, "adding a group failed\n");
    record_free(rec);
    rec = get_config(admin, FXS_CONFIG_OUT_RULES);
    apply(&rec, "count", "2");
    apply(&rec, "rule.1.country_code", "1");
    apply(&rec, "rule.1.area_code", "0");
    apply(&rec, "rule.1.use_device", "1");
    apply(&rec, "rule.1.device_id", "3");
    apply(&rec, "rule.1.group_name", "");
    ok(set_config(admin, FXS_CONFIG_OUT_RULES, rec) == ERROR_SUCCESS, "adding a rule failed\n");
    record_free(rec);
    fxs_link_close(admin);
    ok(stop_service(), "the service did not stop\n");

    service_environment(L"FXSSVC_VIRTUAL_DEVICES", L"2");
    if (!open_session(NULL, &admin)) goto done;
    rec = get_config(admin, FXS_CONFIG_DEVICES);
    ok(rec && !record_has(rec, "device.3.rings_before_answer") && record_has(rec, "device.2.rings_before_answer"),
       "device 3 is listed\n");
    record_free(rec);
    rec = get_config(admin, FXS_CONFIG_OUT_GROUPS);
    ok(!strcmp(value_of(rec, "group.0.devices"), "1,2"), "all devices %s\n", value_of(rec, "group.0.devices"));
    ok(!strcmp(value_of(rec, "group.1.devices"), "3") && !strcmp(value_of(rec, "group.1.status"), "2"),
       "group Three: %s, status %s\n", value_of(rec, "group.1.devices"), value_of(rec, "group.1.status"));
    ok(set_config(admin, FXS_CONFIG_OUT_GROUPS, rec) == ERROR_SUCCESS, "the groups given back were refused\n");
    record_free(rec);
    rec = get_config(admin, FXS_CONFIG_OUT_RULES);
    ok(!strcmp(value_of(rec, "rule.1.status"), "4"), "rule status %s\n", value_of(rec, "rule.1.status"));
    record_free(rec);
    rec = get_config(admin, FXS_CONFIG_DEVICES);
    apply(&rec, "device.3.description", "");
    apply(&rec, "device.3.send_enabled", "1");
    apply(&rec, "device.3.receive_mode", "1");
    apply(&rec, "device.3.rings_before_answer", "1");
    apply(&rec, "device.3.csid", "");
    apply(&rec, "device.3.tsid", "");
    ok(set_config(admin, FXS_CONFIG_DEVICES, rec) == ERROR_NOT_FOUND, "a device that is gone was set\n");
    record_free(rec);
    fxs_link_close(admin);
    ok(stop_service(), "the service did not stop\n");

    service_environment(L"FXSSVC_VIRTUAL_DEVICES", L"3");
    if (!open_session(NULL, &admin)) goto done;
    rec = get_config(admin, FXS_CONFIG_DEVICES);
    ok(!strcmp(value_of(rec, "device.3.rings_before_answer"), "7"), "device 3's rings: %s\n",
       value_of(rec, "device.3.rings_before_answer"));
    record_free(rec);
    rec = get_config(admin, FXS_CONFIG_OUT_GROUPS);
    ok(!strcmp(value_of(rec, "group.0.devices"), "1,2,3"), "all devices %s\n", value_of(rec, "group.0.devices"));
    ok(!strcmp(value_of(rec, "group.1.status"), "0"), "group status %s\n", value_of(rec, "group.1.status"));
    record_free(rec);
    fxs_link_close(admin);
done:
    ok(stop_service(), "the service did not stop\n");
    service_environment(L"FXSSVC_VIRTUAL_DEVICES", NULL);
    remove_data_root();
}

static void test_one_service(void)
{
    struct fxs_link *admin, *watcher;
    struct saved saved;

    fresh_data_root(L"a");
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"200");
    if (!(watcher = open_watcher(NULL))) return;
    if (!open_session(NULL, &admin))
    {
        fxs_link_close(watcher);
        return;
    }
    test_classes(admin, watcher);
    test_behaviour(admin, watcher);
    save_all(admin, &saved);
    fxs_link_close(watcher);
    fxs_link_close(admin);
    ok(stop_service(), "the service did not stop\n");

    /* The same data root, a new service: every class as it was. */
    if (open_session(NULL, &admin))
    {
        check_all(admin, &saved);
        fxs_link_close(admin);
    }
    test_damaged_files();
    test_journal();
    ok(stop_service(), "the service did not stop\n");
    remove_data_root();
}

/* ---- age limits, in fast service time ---- */

static void test_age_limits(void)
{
    struct event_log log = { 0 };
    struct fxs_link *watcher;
    fxs_job_info info;
    ULONGLONG id;
    DWORD status;

    fresh_data_root(L"b");
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"100000");
    if (!(watcher = open_watcher(NULL))) return;
    set_value(watcher, FXS_CONFIG_OUTBOX, "retries", "0");
    set_value(watcher, FXS_CONFIG_OUTBOX, "age_limit", "1");
    set_value(watcher, FXS_CONFIG_SENTITEMS, "age_limit", "1");

    /* A failed job stays a day of service time, then goes, unarchived. */
    ok(submit(watcher, L"9000", &id) == ERROR_SUCCESS, "submit failed\n");
    ok(wait_for_status(watcher, &log, id, fjsRETRIES_EXCEEDED), "the job did not fail\n");
    /* A day is 864 ms here: the job is still there when it has just failed. */
    status = job_state(watcher, FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(status == ERROR_SUCCESS && info.status.status == fjsRETRIES_EXCEEDED, "the failed job went at once: %lu\n",
       status);
    fxs_job_info_clear(&info);
    ok(wait_for(watcher, &log, FXS_EVENT_OUT_QUEUE, FXS_JOB_EVENT_REMOVED, id), "the failed job stayed\n");
    status = job_state(watcher, FXS_FOLDER_OUTGOING_QUEUE, id, &info);
    ok(status == ERROR_NOT_FOUND, "the job is still there: %lu\n", status);
    ok(find_event(&log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id) < 0, "a failed job was archived\n");
    log_free(&log);

    /* A sent fax stays a day in the archive. */
    ok(submit(watcher, L"5551234", &id) == ERROR_SUCCESS, "submit failed\n");
    ok(wait_for(watcher, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_ADDED, id), "not archived\n");
    status = job_state(watcher, FXS_FOLDER_OUTGOING_ARCHIVE, id, &info);
    ok(status == ERROR_SUCCESS, "the message went at once: %lu\n", status);
    fxs_job_info_clear(&info);
    ok(wait_for(watcher, &log, FXS_EVENT_OUT_ARCHIVE, FXS_JOB_EVENT_REMOVED, id), "the message stayed\n");
    status = job_state(watcher, FXS_FOLDER_OUTGOING_ARCHIVE, id, &info);
    ok(status == ERROR_NOT_FOUND, "the message is still there: %lu\n", status);
    log_free(&log);
    fxs_link_close(watcher);
    ok(stop_service(), "the service did not stop\n");
    remove_data_root();
}

/* ---- a service killed while it writes ---- */

static record *outbox_values(const record *like, const char *retries, const char *delay)
{
    record *rec = edit(like, "retries", retries);
    apply(&rec, "retry_delay", delay);
    return rec;
}

struct saver
{
    struct fxs_link *link;
    record *values[2];
    LONG saves;
};

static DWORD WINAPI saver_thread(void *arg)
{
    struct saver *saver = arg;
    while (!set_config(saver->link, FXS_CONFIG_OUTBOX, saver->values[saver->saves & 1])) InterlockedIncrement(&saver->saves);
    return 0;
}

static BOOL damaged_files(void)
{
    WIN32_FIND_DATAW data;
    WCHAR pattern[MAX_PATH];
    HANDLE find;

    swprintf(pattern, ARRAY_SIZE(pattern), L"%ls\\config\\*.damaged", data_root);
    if ((find = FindFirstFileW(pattern, &data)) == INVALID_HANDLE_VALUE) return FALSE;
    FindClose(find);
    return TRUE;
}

static void test_crash_during_writes(void)
{
    struct saver saver = { 0 };
    struct fxs_link *link;
    record *defaults;
    int round, total = 0;

    fresh_data_root(L"c");
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1");
    if (!open_session(NULL, &link)) return;
    defaults = get_config(link, FXS_CONFIG_OUTBOX);
    saver.values[0] = outbox_values(defaults, "11", "111");
    saver.values[1] = outbox_values(defaults, "22", "222");
    ok(set_config(link, FXS_CONFIG_OUTBOX, saver.values[0]) == ERROR_SUCCESS, "the first save failed\n");
    fxs_link_close(link);

    for (round = 0; round < 24; round++)
    {
        record *now;
        HANDLE thread;
        DWORD pid;

        if (!open_session(NULL, &link)) break;
        pid = service_pid(link);
        now = get_config(link, FXS_CONFIG_OUTBOX);
        ok(records_equal(now, saver.values[0]) || records_equal(now, saver.values[1]),
           "round %d: retries %s, delay %s\n", round, value_of(now, "retries"), value_of(now, "retry_delay"));
        record_free(now);
        saver.link = link;
        saver.saves = 0;
        thread = CreateThread(NULL, 0, saver_thread, &saver, 0, NULL);
        Sleep(20 + (round * 7) % 30);
        ok(kill_service(pid), "round %d: the service could not be killed\n", round);
        ok(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0, "the saver did not end\n");
        CloseHandle(thread);
        total += saver.saves;
        fxs_link_close(link);
    }
    trace("%d saves in %d rounds\n", total, round);
    ok(total > round, "too few saves to mean anything: %d\n", total);
    ok(!damaged_files(), "a configuration file was damaged\n");
    record_free(saver.values[0]);
    record_free(saver.values[1]);
    record_free(defaults);
    ok(stop_service(), "the service did not stop\n");
    remove_data_root();
}

/* ---- the other bitness ---- */

/* Inbound routing and extension data between bitnesses: the method records and the blobs. */
static void test_other_bitness_routing(struct fxs_link *link)
{
    static const char key[] = "device.2.7c07fa45_adb4_401a_855a_0b664b42d756";
    static const WCHAR guid[] = L"{B1F944B9-9A16-45D1-933A-4060A4871AB0}";
    fxs_routing_method_info *methods = NULL;
    BYTE blob[300], *data = NULL;
    DWORD count = 0, size = 0, status, i;
    record *rec;

    status = fxs_rpc_list_routing_methods(fxs_link_session(link), &count, &methods);
    ok(!status && count == 1 && methods[0].priority == 1 && methods[0].status == 0 &&
       !wcscmp(methods[0].guid, L"{7C07FA45-ADB4-401A-855A-0B664B42D756}") &&
       !wcscmp(methods[0].extension_image_name, L"fxssvc.exe"), "list_routing_methods: %lu, %lu\n", status, count);
    fxs_routing_method_infos_free(methods, count);
    set_value(link, FXS_CONFIG_INBOUND_ROUTING, key, "0");
    rec = get_config(link, FXS_CONFIG_INBOUND_ROUTING);
    ok(!strcmp(value_of(rec, key), "0"), "%s = %s\n", key, value_of(rec, key));
    record_free(rec);
    for (i = 0; i < sizeof(blob); i++) blob[i] = (BYTE)(i * 13);
    ok(!fxs_rpc_set_extension_data(fxs_link_session(link), 2, guid, sizeof(blob), blob), "set_extension_data\n");
    status = fxs_rpc_get_extension_data(fxs_link_session(link), 2, guid, &size, &data);
    ok(!status && size == sizeof(blob) && !memcmp(data, blob, size), "get_extension_data: %lu, %lu bytes\n", status,
       size);
    free(data);
}

static void test_other_bitness(void)
{
    struct fxs_link *link;
    fxs_device_info *devices = NULL;
    fxs_provider_info *providers = NULL;
    DWORD count, status;
    unsigned int i;
    record *rec;

    if (!other_bitness_runs())
    {
        skip("programs of the other bitness do not run here: no mixed-bitness test\n");
        return;
    }
    winetest_push_context("%s service", bitness_name(TRUE));
    ok(stop_service(), "a service is still running\n");
    fresh_data_root(L"d");
    if (open_session(service_exe(TRUE), &link))
    {
        for (i = 0; i < ARRAY_SIZE(wire_classes); i++)
        {
            rec = get_config(link, wire_classes[i]);
            status = set_config(link, wire_classes[i], rec);
            ok(status == ERROR_SUCCESS, "class %#lx given back: %lu\n", wire_classes[i], status);
            record_free(rec);
        }
        set_value(link, FXS_CONFIG_OUTBOX, "retries", "42");
        rec = get_config(link, FXS_CONFIG_OUTBOX);
        ok(!strcmp(value_of(rec, "retries"), "42"), "retries %s\n", value_of(rec, "retries"));
        record_free(rec);
        set_value(link, FXS_CONFIG_DEVICES, "device.2.tsid", "\xe2\x98\x83 snowman");
        status = fxs_rpc_list_devices(fxs_link_session(link), &count, &devices);
        ok(!status && count == 2 && !wcscmp(devices[1].tsid, L"\u2603 snowman") && !wcscmp(devices[0].number, L"1001"),
           "list_devices: %lu, %lu\n", status, count);
        fxs_device_infos_free(devices, count);
        status = fxs_rpc_list_providers(fxs_link_session(link), &count, &providers);
        ok(!status && count == 1 && providers[0].device_count == 2 && providers[0].device_ids[1] == 2 &&
           !wcscmp(providers[0].unique_name, L"fxscomex.VirtualLine"), "list_providers: %lu, %lu\n", status, count);
        fxs_provider_infos_free(providers, count);
        test_other_bitness_routing(link);
        test_bad_input(link);
        fxs_link_close(link);
    }
    ok(stop_service(), "the service did not stop\n");
    remove_data_root();
    winetest_pop_context();
}

START_TEST(service_config)
{
    double start = now_ms();

    ok(stop_service(), "a service from an earlier test is still running\n");
    service_environment(FXSSVC_ENV_IDLE_MS, L"600000");
    test_one_service();
    trace("classes, behaviour, restart: %.0f ms\n", now_ms() - start);
    test_devices_come_and_go();
    trace("devices: %.0f ms\n", now_ms() - start);
    test_age_limits();
    trace("age limits: %.0f ms\n", now_ms() - start);
    test_crash_during_writes();
    trace("crashes: %.0f ms\n", now_ms() - start);
    test_other_bitness();
    trace("other bitness: %.0f ms\n", now_ms() - start);
}
