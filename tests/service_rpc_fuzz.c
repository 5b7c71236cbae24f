/*
 * The service's RPC arguments, fuzzed: a seeded generator calls the fax service's methods with
 * mutated configuration records, mutated fax bodies, strings of every length and of the characters
 * that make paths (.., \, :, reserved device names, stream names), random ids, folders, operations,
 * classes and counts. The service must answer every call with a result, never crash or stop;
 * a configuration it refuses stays as it was; and nothing is written outside its data root.
 *
 * RPC_FUZZ_SEED=<hex> repeats a run; RPC_FUZZ_CALLS=<n> changes its length (default 5000).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxs_routing_info.h"
#include "service_jobs.h"
#include "seeded_random.h"
#include "record.h"

#define DEFAULT_CALLS 5000
#define CONFIG_CLASSES 13

static const DWORD config_classes[CONFIG_CLASSES] =
{
    FXS_CONFIG_RECEIPTS, FXS_CONFIG_ACTIVITY_LOGGING, FXS_CONFIG_OUTBOX, FXS_CONFIG_SENTITEMS, FXS_CONFIG_INBOX,
    FXS_CONFIG_SECURITY, FXS_CONFIG_EVENTLOGS, FXS_CONFIG_DEVICES, FXS_CONFIG_OUT_GROUPS, FXS_CONFIG_OUT_RULES,
    FXS_CONFIG_GENERAL, FXS_CONFIG_INCOMING_QUEUE, FXS_CONFIG_INBOUND_ROUTING,
};

static struct fxs_link *link;
static unsigned int calls, accepted, refused;
static tiff_buffer body;            /* a valid two-page body, the seed of mutated ones */

static void count(DWORD status)
{
    calls++;
    if (status) refused++;
    else accepted++;
}

/* ---- what the generator makes ---- */

/* Bytes: a copy of seed with a few mutations (flips, overwrites, insertions, a cut), malloc'ed. */
static BYTE *mutate(const BYTE *seed, DWORD size, DWORD *out_size)
{
    DWORD length = size + 16, i, n = 1 + rng_next(8);
    BYTE *data = malloc(length);

    memcpy(data, seed, size);
    length = size;
    for (i = 0; i < n && length; i++)
    {
        DWORD at = rng_next(length);
        switch (rng_next(4))
        {
        case 0: data[at] ^= 1 << rng_next(8); break;
        case 1: data[at] = (BYTE)rng_next(256); break;
        case 2: if (length < size + 16) { memmove(data + at + 1, data + at, length - at); data[at] = (BYTE)rng_next(256); length++; } break;
        default: length = at; break;
        }
    }
    *out_size = length;
    return data;
}

static const WCHAR *const nasty[] =
{
    L"..", L"..\\..\\..\\windows\\win.ini", L"C:\\evil", L"\\\\?\\C:\\evil", L"CON", L"nul.txt", L"COM1",
    L"LPT9.tif", L"file:stream", L"a::$DATA", L"%SystemRoot%", L"/etc/passwd", L"0000000000000001.job",
    L"*", L"?", L"\x202e", L" ", L"", L"\xd800",
};

/* A string: NULL, a nasty one, or random characters, some of them path ones, up to past the limit. */
static WCHAR *make_string(void)
{
    static const WCHAR alphabet[] = L"abc019.\\/:*?\"<>|%$ \t\x00e9\x4e2d\xfffd";
    DWORD length, i;
    WCHAR *text;

    switch (rng_next(6))
    {
    case 0: return NULL;
    case 1: return _wcsdup(nasty[rng_next(ARRAY_SIZE(nasty))]);
    case 2: length = FXS_MAX_STRING - 2 + rng_next(5); break;
    default: length = rng_next(40); break;
    }
    text = malloc((length + 1) * sizeof(WCHAR));
    for (i = 0; i < length; i++) text[i] = alphabet[rng_next(ARRAY_SIZE(alphabet) - 1)];
    text[length] = 0;
    return text;
}

static ULONGLONG make_id(void)
{
    switch (rng_next(4))
    {
    case 0: return 0;
    case 1: return ~0ull;
    case 2: return rng_next(64);
    default: return ((ULONGLONG)rng_next(0x10000) << 32) | rng_next(0x10000);
    }
}

static DWORD make_number(void)
{
    static const DWORD edges[] = { 0, 1, 2, 3, 4, 5, 0x7fffffff, 0x80000000, 0xffffffff, 256, 0x100, 0x101 };
    return rng_next(2) ? edges[rng_next(ARRAY_SIZE(edges))] : rng_next(1000);
}

/* ---- the calls ---- */

static BOOL get_config(DWORD config_class, BYTE **data, DWORD *size)
{
    *data = NULL;
    *size = 0;
    return !fxs_rpc_get_config(fxs_link_session(link), config_class, size, data);
}

/* A mutated record of a class; when the service refuses it, the class must read as before. */
static void fuzz_set_config(void)
{
    DWORD config_class = config_classes[rng_next(CONFIG_CLASSES)], size, mutated_size, after_size, status;
    BYTE *before, *mutated, *after;

    if (!get_config(config_class, &before, &size)) return;
    mutated = mutate(before, size, &mutated_size);
    status = fxs_rpc_set_config(fxs_link_session(link), config_class, mutated_size, mutated);
    count(status);
    if (status && get_config(config_class, &after, &after_size))
    {
        ok(after_size == size && !memcmp(after, before, size), "class %#lx changed by a refused record (%lu)\n",
           config_class, status);
        free(after);
    }
    free(mutated);
    free(before);
}

static void free_document(fxs_document *doc, fxs_recipient *recipients, DWORD count)
{
    WCHAR **sender = (WCHAR **)&doc->sender;
    DWORD i;

    free(doc->subject);
    free(doc->document_name);
    free(doc->note);
    free(doc->cover_page);
    free(doc->receipt_address);
    for (i = 0; i < sizeof(doc->sender) / sizeof(WCHAR *); i++) free(sender[i]);
    for (i = 0; i < count; i++)
    {
        free(recipients[i].fax_number);
        free(recipients[i].name);
    }
}

static void fuzz_submit(void)
{
    fxs_document doc = { 0 };
    fxs_recipient recipients[3] = { { 0 } };
    DWORD recipient_count = rng_next(4), i, size = (DWORD)body.size;
    WCHAR **sender = (WCHAR **)&doc.sender;
    ULONGLONG ids[3];
    fxs_body bodies[1];
    BYTE *data = rng_next(2) ? mutate(body.data, (DWORD)body.size, &size) : NULL;
    LONG error_body;

    doc.priority = make_number();
    doc.schedule_type = rng_next(2) ? fstNOW : make_number();
    doc.cover_page_type = rng_next(2) ? fcptNONE : make_number();
    doc.receipt_type = make_number();
    doc.schedule_time = rng_next(2) ? -1e300 : 1e300;
    doc.subject = make_string();
    doc.document_name = make_string();
    doc.note = make_string();
    doc.cover_page = make_string();
    doc.receipt_address = make_string();
    for (i = 0; i < sizeof(doc.sender) / sizeof(WCHAR *); i++) sender[i] = rng_next(3) ? NULL : make_string();
    for (i = 0; i < recipient_count; i++)
    {
        /* mostly a number that fails at once (9002: a bad address), so the queue stays short */
        recipients[i].fax_number = rng_next(4) ? _wcsdup(L"9002") : make_string();
        recipients[i].name = make_string();
    }
    bodies[0].size = size;
    bodies[0].data = data ? data : body.data;
    count(fxs_rpc_submit(fxs_link_session(link), &doc, recipient_count, recipients, rng_next(3) ? 1 : 0, bodies,
                         &error_body, ids));
    free(data);
    free_document(&doc, recipients, recipient_count);
}

static void fuzz_job_calls(void)
{
    fxs_session_handle session = fxs_link_session(link);
    DWORD folder = rng_next(3) ? rng_next(4) : make_number(), size = 0, n = 0;
    fxs_job_info info = { 0 }, *list = NULL;
    BYTE *image = NULL;
    fxs_activity activity;

    fxs_message_update update = { make_number(), (LONG)make_number(), (LONG)make_number() };

    switch (rng_next(8))
    {
    case 0:
        count(fxs_rpc_get_job(session, folder, make_id(), &info));
        fxs_job_info_clear(&info);
        break;
    case 1: count(fxs_rpc_control_job(session, folder, make_id(), make_number())); break;
    case 2:
        count(fxs_rpc_get_image(session, folder, make_id(), &size, &image));
        midl_user_free(image);
        break;
    case 3:
        count(fxs_rpc_list_messages(session, folder, make_id(), make_number(), &n, &list));
        fxs_job_infos_free(list, n);
        break;
    case 4: count(fxs_rpc_delete_message(session, folder, make_id())); break;
    case 5: count(fxs_rpc_answer_call(session, make_number())); break;
    case 6:
        update.recipients = rng_next(2) ? (WCHAR *)L"WORKGROUP\\ann" : NULL;
        update.subject = rng_next(2) ? (WCHAR *)L"" : NULL;
        count(fxs_rpc_set_message(session, folder, make_id(), &update));
        break;
    default: count(fxs_rpc_get_activity(session, &activity)); break;
    }
}

/* A raw configuration blob of an unknown class or of random bytes. */
static void fuzz_config_blob(void)
{
    BYTE junk[64], *data = NULL;
    DWORD i, size = rng_next(sizeof(junk)), config_class = rng_next(2) ? make_number() : config_classes[rng_next(CONFIG_CLASSES)];

    for (i = 0; i < size; i++) junk[i] = (BYTE)rng_next(256);
    if (rng_next(2)) count(fxs_rpc_set_config(fxs_link_session(link), config_class, size, junk));
    else
    {
        count(fxs_rpc_get_config(fxs_link_session(link), config_class, &size, &data));
        free(data);
    }
}

/* Routing methods and extension data: GUIDs that are none (path-like ones among them), any device,
 * sizes past the limit; what was refused must not have been kept. */
static void fuzz_routing_calls(void)
{
    static const WCHAR guid[] = L"{B1F944B9-9A16-45D1-933A-4060A4871AB0}";
    fxs_session_handle session = fxs_link_session(link);
    fxs_routing_method_info *methods = NULL;
    WCHAR *text = rng_next(2) ? make_string() : _wcsdup(guid);
    DWORD device = rng_next(2) ? rng_next(4) : make_number(), size, listed = 0;
    BYTE *data = NULL, *junk;

    switch (rng_next(3))
    {
    case 0:
        count(fxs_rpc_list_routing_methods(session, &listed, &methods));
        fxs_routing_method_infos_free(methods, listed);
        break;
    case 1:
        count(fxs_rpc_get_extension_data(session, device, text, &size, &data));
        free(data);
        break;
    default:
        size = rng_next(4) ? rng_next(64) : FXS_MAX_EXTENSION_DATA - 2 + rng_next(5);
        junk = calloc(1, size + 1);
        count(fxs_rpc_set_extension_data(session, device, text, size, rng_next(8) ? junk : NULL));
        free(junk);
        break;
    }
    free(text);
}

/* Accounts: names of every kind (path-like ones among them), added, looked up, removed. */
static void fuzz_account_calls(void)
{
    fxs_session_handle session = fxs_link_session(link);
    fxs_account_info account = { 0 }, *accounts = NULL;
    WCHAR *name = make_string();
    DWORD listed = 0;

    switch (rng_next(4))
    {
    case 0:
        count(fxs_rpc_list_accounts(session, &listed, &accounts));
        fxs_account_infos_free(accounts, listed);
        break;
    case 1: count(fxs_rpc_get_account(session, name, &account)); break;
    case 2: count(fxs_rpc_add_account(session, name, &account)); break;
    default: count(fxs_rpc_remove_account(session, name)); break;
    }
    free(account.name);
    free(name);
}

/* ---- nothing outside the data root ---- */

static unsigned int entries_of(const WCHAR *folder)
{
    WCHAR pattern[MAX_PATH];
    WIN32_FIND_DATAW found;
    unsigned int n = 0;
    HANDLE find;

    swprintf(pattern, MAX_PATH, L"%ls\\*", folder);
    if ((find = FindFirstFileW(pattern, &found)) == INVALID_HANDLE_VALUE) return 0;
    do if (wcscmp(found.cFileName, L".") && wcscmp(found.cFileName, L"..")) n++;
    while (FindNextFileW(find, &found));
    FindClose(find);
    return n;
}

START_TEST(service_rpc_fuzz)
{
    WCHAR sandbox[MAX_PATH], root[MAX_PATH], temp[MAX_PATH];
    DWORD total = env_number("RPC_FUZZ_CALLS", DEFAULT_CALLS), pid, i;
    double start;

    rng_seed("RPC_FUZZ_SEED");
    ok(stop_service(), "a service from an earlier test is still running\n");

    /* The data root alone in a sandbox folder: whatever a call could write beside it shows. */
    GetTempPathW(MAX_PATH, temp);
    swprintf(sandbox, MAX_PATH, L"%lsfxscomex-rpcfuzz-%lu", temp, GetCurrentProcessId());
    remove_folder(sandbox);
    CreateDirectoryW(sandbox, NULL);
    swprintf(root, MAX_PATH, L"%ls\\root", sandbox);
    service_environment(FXSSVC_ENV_DATA_ROOT, root);
    service_environment(FXSSVC_ENV_CLOCK_SPEED, L"1000");

    body = make_body(2);
    if (!(link = start_listening())) return;
    pid = service_pid(link);
    start = now_ms();
    for (i = 0; i < total && process_alive(pid); i++)
    {
        switch (rng_next(10))
        {
        case 0: case 1: case 2: fuzz_set_config(); break;
        case 3: case 4: fuzz_submit(); break;
        case 5: fuzz_config_blob(); break;
        case 6: if (rng_next(2)) fuzz_routing_calls(); else fuzz_account_calls(); break;
        default: fuzz_job_calls(); break;
        }
    }
    ok(process_alive(pid), "the service ended after %lu calls\n", i);
    trace("rpc fuzz: %u calls in %.1f s, %u accepted, %u refused\n", calls, (now_ms() - start) / 1000, accepted,
          refused);
    ok(refused > 0 && accepted > 0, "the generator made only one kind of call\n");
    ok(entries_of(sandbox) == 1, "%u entries beside the data root\n", entries_of(sandbox));

    fxs_link_close(link);
    /* a fuzzed security descriptor may have taken the right to stop it away */
    ok(kill_service(pid), "the service could not be ended\n");
    tiff_buffer_free(&body);
    remove_folder(sandbox);
}
