/*
 * The fax service's data root (src/svc/store.h): the layout, atomic replacement, reads with a size
 * limit, moves, copies, sorted listings, cleanup of leftovers, records on disk, ids, and the check
 * of file names against path traversal, streams and devices. The crash test starts this program
 * again as a writer that rewrites one record in a loop with two alternating contents, kills it
 * with TerminateProcess at random moments (seeded; the seed is printed) and checks after each kill
 * that the file is whole, exactly one of the two versions, and that cleanup removes what the kill
 * left. STORE_TEST_SEED=n and STORE_TEST_KILLS=n change the seed and the number of kills.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "test.h"
#include "store.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define CHILD_ROOT_VARIABLE L"FXS_STORE_TEST_ROOT"
#define CRASH_FILE L"crash.rec"

static WCHAR base_dir[MAX_PATH];   /* %TEMP%\fxs-store-<pid>: everything the test makes */
static WCHAR root_dir[MAX_PATH];   /* base_dir\data: the store's root */

/* A repeatable random sequence (xorshift64*). */
static ULONGLONG random_state;

static ULONGLONG random64(void)
{
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return random_state * 2685821657736338717ull;
}

static DWORD random_below(DWORD limit)
{
    return limit ? (DWORD)((random64() >> 32) % limit) : 0;
}

/* Helpers */

static void join(WCHAR *out, const WCHAR *a, const WCHAR *b)
{
    _snwprintf(out, MAX_PATH, L"%s\\%s", a, b);
    out[MAX_PATH - 1] = 0;
}

static BOOL is_folder(const WCHAR *path)
{
    DWORD attributes = GetFileAttributesW(path);
    return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY);
}

static BOOL is_file(const WCHAR *path)
{
    DWORD attributes = GetFileAttributesW(path);
    return attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY);
}

static BOOL write_raw(const WCHAR *path, const void *data, DWORD size)
{
    HANDLE file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD written = 0;
    BOOL done;

    if (file == INVALID_HANDLE_VALUE)
        return FALSE;
    done = WriteFile(file, data, size, &written, NULL) && written == size;
    CloseHandle(file);
    return done;
}

/* The path of a file in a store folder, built by hand (not by the code under test). */
static void folder_file(WCHAR *out, const WCHAR *folder, const WCHAR *name)
{
    WCHAR path[MAX_PATH];
    join(path, root_dir, folder);
    join(out, path, name);
}

/* Files (not folders) in a folder matching a pattern such as L"*.fxstmp". */
static unsigned count_files(const WCHAR *folder, const WCHAR *pattern)
{
    WIN32_FIND_DATAW data;
    WCHAR path[MAX_PATH];
    unsigned count = 0;
    HANDLE find;

    join(path, folder, pattern);
    if ((find = FindFirstFileW(path, &data)) == INVALID_HANDLE_VALUE)
        return 0;
    do
        if (!(data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
            count++;
    while (FindNextFileW(find, &data));
    FindClose(find);
    return count;
}

static unsigned count_store_files(const WCHAR *folder, const WCHAR *pattern)
{
    WCHAR path[MAX_PATH];
    join(path, root_dir, folder);
    return count_files(path, pattern);
}

/* Deletes a folder and everything in it (test data only). */
static void remove_tree(const WCHAR *folder)
{
    WIN32_FIND_DATAW data;
    WCHAR path[MAX_PATH];
    HANDLE find;

    join(path, folder, L"*");
    if ((find = FindFirstFileW(path, &data)) != INVALID_HANDLE_VALUE)
    {
        do
        {
            if (!wcscmp(data.cFileName, L".") || !wcscmp(data.cFileName, L".."))
                continue;
            join(path, folder, data.cFileName);
            if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
                remove_tree(path);
            else
            {
                SetFileAttributesW(path, FILE_ATTRIBUTE_NORMAL);
                DeleteFileW(path);
            }
        } while (FindNextFileW(find, &data));
        FindClose(find);
    }
    RemoveDirectoryW(folder);
}

/* Empties one folder of the store. */
static void clear_folder(const WCHAR *folder)
{
    WCHAR path[MAX_PATH];
    join(path, root_dir, folder);
    remove_tree(path);
    CreateDirectoryW(path, NULL);
}

static BOOL read_equals(struct store *store, enum store_folder folder, const WCHAR *name, const void *expected,
                        size_t expected_size)
{
    void *data;
    size_t size;
    BOOL same;

    if (store_read(store, folder, name, 64 * 1024 * 1024, &data, &size))
        return FALSE;
    same = size == expected_size && !memcmp(data, expected, size);
    free(data);
    return same;
}

static BYTE *random_bytes(size_t size)
{
    BYTE *data = malloc(size ? size : 1);
    size_t i;

    for (i = 0; i < size; i++)
        data[i] = (BYTE)random64();
    return data;
}

/* Names */

static void test_names(void)
{
    static const WCHAR *const valid[] =
    {
        L"00000000000001A2.job", L"outbox.rec", L"a", L"A-b_c.d", L"x.tar.gz", L"CONSOLE", L"COM10", L"LPT",
        L"nul_x", L"coma.txt", L"CON_", L"xcon", L"auxiliary.txt", L"x.fxstmp.job", L"fxstmp", L"-", L"_x_",
        L"a234567890123456789012345678901234567890123456789012345678901234",
    };
    static const WCHAR *const invalid[] =
    {
        L"", L".", L"..", L"...", L"..\\x", L"../x", L"..\\..\\windows\\win.ini", L"a/b", L"a\\b", L"\\x", L"/x",
        L"x\\", L"C:x", L"C:\\x", L"C:", L"x:stream", L"x::$DATA", L"x.job:evil", L"x.job::$DATA", L"CON", L"con",
        L"Con.job", L"nul.txt", L"NUL", L"nul.tar.gz", L"PRN", L"aux", L"AUX.h", L"COM1", L"com9.log", L"COM0",
        L"LPT1", L"lpt9", L"LPT0.x", L"CONIN$", L"CONOUT$", L"CLOCK$", L"x.", L"x..", L"x..y", L".hidden", L".job",
        L"x ", L" x", L"a b", L"x\t", L"\x01", L"a\x1f", L"a\x7f", L"\n", L"a\r", L"a*", L"a?", L"*.*", L"a<b",
        L"a>b", L"a|b", L"a\"b", L"~1", L"PROGRA~1", L"a%b", L"a$", L"a'b", L"a;b", L"a,b", L"a+b", L"a=b",
        L"a[b]", L"a{b}", L"a#b", L"a@b", L"a!b", L"a&b", L"a^b", L"a`b", L"x.fxstmp", L"x.FXSTMP",
        L"crash.rec.00000001-00000002.fxstmp", L"caf\x00e9", L"a\x2215" L"b", L"a\xff0f" L"b", L"a\xff3c" L"b",
        L"\xff0e\xff0e", L"COM\x00b9", L"LPT\x00b2", L"x\x200b", L"\x0430", L"\xd800", L"\xdc00x", L"\xfeff" L"a",
        L"\\\\?\\C:\\x", L"\\\\.\\nul", L"\\\\server\\share\\x", L"%TEMP%", L"$env",
        L"a2345678901234567890123456789012345678901234567890123456789012345",
    };
    WCHAR *huge;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(valid); i++)
        ok(store_check_name(valid[i]) == ERROR_SUCCESS, "%s refused\n", wine_dbgstr_w(valid[i]));
    for (i = 0; i < ARRAY_SIZE(invalid); i++)
        ok(store_check_name(invalid[i]) == ERROR_INVALID_NAME, "%u: %s accepted\n", (unsigned)i,
           wine_dbgstr_w(invalid[i]));
    ok(store_check_name(NULL) == ERROR_INVALID_NAME, "NULL accepted\n");

    /* every character outside A-Z a-z 0-9 . _ - is refused, alone and inside a name */
    for (i = 1; i < 0x10000; i++)
    {
        WCHAR name[4] = { 'a', (WCHAR)i, 'b', 0 };
        BOOL allowed = (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z') || (i >= '0' && i <= '9') || i == '.'
                       || i == '_' || i == '-';
        if ((store_check_name(name) == ERROR_SUCCESS) != allowed)
            ok(0, "character U+%04X %s\n", (unsigned)i, allowed ? "refused" : "accepted");
    }

    huge = malloc(40001 * sizeof(WCHAR));
    for (i = 0; i < 40000; i++)
        huge[i] = 'a';
    huge[40000] = 0;
    ok(store_check_name(huge) == ERROR_INVALID_NAME, "40000 characters accepted\n");
    huge[STORE_MAX_NAME] = 0;
    ok(store_check_name(huge) == ERROR_SUCCESS, "%u characters refused\n", STORE_MAX_NAME);
    huge[STORE_MAX_NAME] = 'a';
    huge[STORE_MAX_NAME + 1] = 0;
    ok(store_check_name(huge) == ERROR_INVALID_NAME, "%u characters accepted\n", STORE_MAX_NAME + 1);
    free(huge);
}

/* Bad names through every function that takes one: nothing may appear anywhere. */
static void test_names_in_api(struct store *store)
{
    static const WCHAR *const hostile[] =
    {
        L"..\\escape.txt", L"..\\..\\escape.txt", L"../escape.txt", L"..", L".", L"x\\..\\..\\escape.txt",
        L"C:escape.txt", L"escape.txt:stream", L"CON", L"nul.txt", L"COM1", L"LPT1.log", L"a\tb", L"x.",
        L"escape.fxstmp", L"\\\\?\\C:\\escape.txt", L"",
    };
    WCHAR path[MAX_PATH], parent[MAX_PATH];
    struct store_names list;
    ULONGLONG file_size;
    void *data;
    size_t i, size;
    record *rec, *read;

    store_write(store, STORE_CONFIG, L"good.txt", "x", 1);
    record_create("x", &rec);
    for (i = 0; i < ARRAY_SIZE(hostile); i++)
    {
        const WCHAR *name = hostile[i];
        winetest_push_context("%s", wine_dbgstr_w(name));
        ok(store_write(store, STORE_CONFIG, name, "x", 1) == ERROR_INVALID_NAME, "write\n");
        ok(store_read(store, STORE_CONFIG, name, 100, &data, &size) == ERROR_INVALID_NAME && !data, "read\n");
        ok(store_file_size(store, STORE_CONFIG, name, &file_size) == ERROR_INVALID_NAME, "size\n");
        ok(store_delete(store, STORE_CONFIG, name) == ERROR_INVALID_NAME, "delete\n");
        ok(store_move(store, STORE_CONFIG, L"good.txt", STORE_LOG, name, TRUE) == ERROR_INVALID_NAME, "move to\n");
        ok(store_move(store, STORE_CONFIG, name, STORE_LOG, L"good.txt", TRUE) == ERROR_INVALID_NAME, "move from\n");
        ok(store_copy(store, STORE_CONFIG, L"good.txt", STORE_LOG, name, 100) == ERROR_INVALID_NAME, "copy to\n");
        ok(store_copy(store, STORE_CONFIG, name, STORE_LOG, L"good.txt", 100) == ERROR_INVALID_NAME, "copy from\n");
        folder_file(path, L"config", L"good.txt");
        ok(store_import(store, path, STORE_CONFIG, name, 100) == ERROR_INVALID_NAME, "import\n");
        ok(store_write_record(store, STORE_CONFIG, name, rec) == ERROR_INVALID_NAME, "write record\n");
        ok(store_read_record(store, STORE_CONFIG, name, NULL, &read) == ERROR_INVALID_NAME && !read, "read record\n");
        ok(store_path(store, STORE_CONFIG, name, path, MAX_PATH) == ERROR_INVALID_NAME && !path[0], "path\n");
        winetest_pop_context();
    }
    record_free(rec);
    join(path, root_dir, L"escape.txt");
    ok(!is_file(path), "a file escaped into the root\n");
    join(path, base_dir, L"escape.txt");
    ok(!is_file(path), "a file escaped out of the root\n");
    GetTempPathW(MAX_PATH, parent);
    join(path, parent, L"escape.txt");
    ok(!is_file(path), "a file escaped into %%TEMP%%\n");
    ok(count_files(root_dir, L"*") == 0, "files in the root\n");
    ok(store_list(store, STORE_LOG, NULL, 100, &list) == ERROR_SUCCESS && list.count == 0, "files in log\n");
    store_names_free(&list);
    ok(store_list(store, STORE_CONFIG, NULL, 100, &list) == ERROR_SUCCESS && list.count == 1, "files in config\n");
    store_names_free(&list);
    store_delete(store, STORE_CONFIG, L"good.txt");
}

/* Ids */

static void test_ids(void)
{
    static const struct { ULONGLONG id; const WCHAR *text; } known[] =
    {
        { 0, L"0000000000000000" }, { 1, L"0000000000000001" }, { 0x1a2, L"00000000000001A2" },
        { 0x0123456789abcdefull, L"0123456789ABCDEF" }, { ~0ull, L"FFFFFFFFFFFFFFFF" },
        { 0x8000000000000000ull, L"8000000000000000" },
    };
    static const WCHAR *const invalid[] =
    {
        L"", L"000000000000001", L"00000000000000001", L"00000000000001a2", L"ffffffffffffffff",
        L" 00000000000001A", L"00000000000001A ", L"0x00000000000001", L"000000000000001G", L"-000000000000001",
        L"+000000000000001", L"0000000000000,01", L"000000000000001.",
        L"\xff10\xff10\xff10\xff10\xff10\xff10\xff10\xff10\xff10\xff10\xff10\xff10\xff10\xff10\xff10\xff11",
        L"\x0660\x0660\x0660\x0660\x0660\x0660\x0660\x0660\x0660\x0660\x0660\x0660\x0660\x0660\x0660\x0661",
        L"000000000000000\x00b9", L"..\\..\\..\\..\\x.y", L"0000000000000001\\", L"\x2070\x2070",
    };
    static const WCHAR with_nul[] = L"00000000000001A2\0xyz", short_nul[] = L"00000000000001A\0";
    WCHAR text[STORE_ID_LENGTH + 1], name[STORE_MAX_NAME + 1], extension[64];
    ULONGLONG id;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(known); i++)
    {
        store_format_id(known[i].id, text);
        ok(!wcscmp(text, known[i].text), "%s\n", wine_dbgstr_w(text));
        id = 42;
        ok(store_parse_id(known[i].text, wcslen(known[i].text), &id) == ERROR_SUCCESS && id == known[i].id,
           "%s not parsed\n", wine_dbgstr_w(known[i].text));
    }
    for (i = 0; i < 2000; i++)
    {
        ULONGLONG value = random64() >> random_below(64);
        store_format_id(value, text);
        if (wcslen(text) != STORE_ID_LENGTH || store_parse_id(text, STORE_ID_LENGTH, &id) || id != value)
            ok(0, "%s did not round trip\n", wine_dbgstr_w(text));
    }
    for (i = 0; i < ARRAY_SIZE(invalid); i++)
    {
        id = 42;
        ok(store_parse_id(invalid[i], wcslen(invalid[i]), &id) == ERROR_INVALID_PARAMETER && id == 42,
           "%s parsed\n", wine_dbgstr_w(invalid[i]));
    }
    ok(store_parse_id(with_nul, 20, &id) == ERROR_INVALID_PARAMETER, "id with a NUL and more parsed\n");
    ok(store_parse_id(with_nul, 16, &id) == ERROR_SUCCESS && id == 0x1a2, "counted id not parsed\n");
    ok(store_parse_id(short_nul, 16, &id) == ERROR_INVALID_PARAMETER, "id ending with NUL parsed\n");
    ok(store_parse_id(NULL, 16, &id) == ERROR_INVALID_PARAMETER, "NULL text\n");
    ok(store_parse_id(L"0000000000000001", 16, NULL) == ERROR_INVALID_PARAMETER, "NULL id\n");
    ok(store_parse_id(L"0000000000000001", 0, &id) == ERROR_INVALID_PARAMETER, "length 0\n");

    ok(store_id_name(0x1a2, L".job", name) == ERROR_SUCCESS && !wcscmp(name, L"00000000000001A2.job"), "%s\n",
       wine_dbgstr_w(name));
    ok(store_id_name(0x1a2, NULL, name) == ERROR_SUCCESS && !wcscmp(name, L"00000000000001A2"), "%s\n",
       wine_dbgstr_w(name));
    ok(store_id_name(5, L"\\..\\x", name) == ERROR_INVALID_NAME && !name[0], "traversal in an extension\n");
    ok(store_id_name(5, L".fxstmp", name) == ERROR_INVALID_NAME && !name[0], "temporary extension\n");
    ok(store_id_name(5, L":x", name) == ERROR_INVALID_NAME && !name[0], "stream extension\n");
    ok(store_id_name(5, L".", name) == ERROR_INVALID_NAME && !name[0], "trailing dot\n");
    ok(store_id_name(5, L"", NULL) == ERROR_INVALID_PARAMETER, "NULL output\n");
    for (i = 0; i < 63; i++)
        extension[i] = 'x';
    extension[0] = '.';
    extension[STORE_MAX_NAME - STORE_ID_LENGTH] = 0;
    ok(store_id_name(5, extension, name) == ERROR_SUCCESS && wcslen(name) == STORE_MAX_NAME, "longest name\n");
    extension[STORE_MAX_NAME - STORE_ID_LENGTH] = 'x';
    extension[STORE_MAX_NAME - STORE_ID_LENGTH + 1] = 0;
    ok(store_id_name(5, extension, name) == ERROR_INVALID_NAME && !name[0], "name over the limit\n");
}

/* Opening */

/* The longest root, folder and name: every path, temporary ones included, must still work. */
static void test_longest_paths(struct store *store)
{
    WCHAR name[STORE_MAX_NAME + 1];
    struct store_names list;
    DWORD removed;
    unsigned i;

    if (!store)
        return;
    for (i = 0; i < STORE_MAX_NAME; i++)
        name[i] = 'n';
    name[STORE_MAX_NAME] = 0;
    ok(store_write(store, STORE_ARCHIVE_OUT, name, "long", 4) == ERROR_SUCCESS, "write\n");
    ok(read_equals(store, STORE_ARCHIVE_OUT, name, "long", 4), "read\n");
    ok(store_copy(store, STORE_ARCHIVE_OUT, name, STORE_ARCHIVE_OUT, L"copy", 4) == ERROR_SUCCESS, "copy\n");
    ok(store_move(store, STORE_ARCHIVE_OUT, L"copy", STORE_ARCHIVE_OUT, name, TRUE) == ERROR_SUCCESS, "move\n");
    ok(store_list(store, STORE_ARCHIVE_OUT, NULL, 10, &list) == ERROR_SUCCESS && list.count == 1, "list\n");
    store_names_free(&list);
    ok(store_cleanup(store, &removed) == ERROR_SUCCESS && !removed, "cleanup\n");
    ok(store_delete(store, STORE_ARCHIVE_OUT, name) == ERROR_SUCCESS, "delete\n");
}

static void test_open(void)
{
    static const WCHAR *const layout[] =
    {
        L"config", L"queue", L"queue\\out", L"queue\\in", L"archive", L"archive\\out", L"archive\\in", L"log", L"tmp"
    };
    WCHAR path[MAX_PATH], deep[MAX_PATH], folder[MAX_PATH];
    struct store *store, *again;
    size_t i;
    DWORD error;

    ok(store_open(NULL, &store) == ERROR_INVALID_PARAMETER && !store, "NULL root\n");
    ok(store_open(L"", &store) == ERROR_INVALID_PARAMETER && !store, "empty root\n");
    ok(store_open(root_dir, NULL) == ERROR_INVALID_PARAMETER, "NULL output\n");
    ok(!wcscmp(store_root(NULL), L""), "root of NULL\n");

    /* a root under folders that do not exist yet */
    join(deep, base_dir, L"new\\deeper\\data");
    error = store_open(deep, &store);
    ok(error == ERROR_SUCCESS, "store_open: %lu\n", error);
    for (i = 0; i < ARRAY_SIZE(layout); i++)
    {
        join(folder, deep, layout[i]);
        ok(is_folder(folder), "%s missing\n", wine_dbgstr_w(layout[i]));
    }
    ok(!wcscmp(store_root(store), deep), "root %s\n", wine_dbgstr_w(store_root(store)));
    store_close(store);

    /* again, on the existing tree, with a trailing backslash and a detour */
    _snwprintf(path, MAX_PATH, L"%s\\new\\.\\deeper\\..\\deeper\\data\\", base_dir);
    ok(store_open(path, &again) == ERROR_SUCCESS, "reopening failed\n");
    ok(!wcscmp(store_root(again), deep), "root %s\n", wine_dbgstr_w(store_root(again)));
    store_close(again);
    store_close(NULL);

    /* a file where a folder of the layout should be */
    join(path, base_dir, L"blocked");
    CreateDirectoryW(path, NULL);
    join(folder, path, L"queue");
    write_raw(folder, "x", 1);
    ok(store_open(path, &store) == ERROR_DIRECTORY && !store, "file in the way\n");
    /* a root that is a file */
    ok(store_open(folder, &store) == ERROR_DIRECTORY && !store, "root is a file\n");

    /* a root over STORE_MAX_ROOT characters */
    for (i = 0; i < 200; i++)
        folder[i] = 'r';
    folder[200] = 0;
    join(path, base_dir, folder);
    ok(store_open(path, &store) == ERROR_FILENAME_EXCED_RANGE && !store, "long root\n");
    path[STORE_MAX_ROOT] = 0;
    ok(store_open(path, &store) == ERROR_SUCCESS, "root of %u characters refused\n", STORE_MAX_ROOT);
    test_longest_paths(store);
    store_close(store);
}

/* Whole files */

static DWORD WINAPI close_later(void *handle)
{
    Sleep(200);
    CloseHandle(handle);
    return 0;
}

static void test_write_read(struct store *store)
{
    WCHAR path[MAX_PATH], expected[MAX_PATH];
    size_t size, big_size = 3 * 1024 * 1024 + 17;
    BYTE *big = random_bytes(big_size);
    ULONGLONG file_size;
    void *data;
    HANDLE reader, closer;
    char old[4] = { 0 };
    DWORD got, start, error;

    ok(store_write(store, STORE_QUEUE_OUT, L"a.txt", "hello", 5) == ERROR_SUCCESS, "write\n");
    ok(read_equals(store, STORE_QUEUE_OUT, L"a.txt", "hello", 5), "read\n");
    ok(store_file_size(store, STORE_QUEUE_OUT, L"a.txt", &file_size) == ERROR_SUCCESS && file_size == 5, "size\n");
    ok(store_write(store, STORE_QUEUE_OUT, L"a.txt", "bye", 3) == ERROR_SUCCESS, "replace\n");
    ok(read_equals(store, STORE_QUEUE_OUT, L"a.txt", "bye", 3), "read after replace\n");
    ok(store_write(store, STORE_QUEUE_OUT, L"a.txt", NULL, 0) == ERROR_SUCCESS, "replace with nothing\n");
    ok(store_read(store, STORE_QUEUE_OUT, L"a.txt", 0, &data, &size) == ERROR_SUCCESS && data && !size, "empty\n");
    free(data);
    ok(store_write(store, STORE_QUEUE_OUT, L"a.txt", big, big_size) == ERROR_SUCCESS, "big write\n");
    ok(read_equals(store, STORE_QUEUE_OUT, L"a.txt", big, big_size), "big read\n");
    ok(count_store_files(L"queue\\out", L"*.fxstmp") == 0, "temporary files left\n");

    /* the size limit */
    ok(store_write(store, STORE_QUEUE_OUT, L"b.txt", big, 1000) == ERROR_SUCCESS, "write\n");
    data = (void *)1;
    ok(store_read(store, STORE_QUEUE_OUT, L"b.txt", 999, &data, &size) == ERROR_FILE_TOO_LARGE && !data && !size,
       "limit 999\n");
    ok(store_read(store, STORE_QUEUE_OUT, L"b.txt", 1000, &data, &size) == ERROR_SUCCESS && size == 1000, "limit\n");
    free(data);

    /* a writer waits for a reader of the old version (Windows and Wine refuse to rename over an
     * open file) and replaces the file once the reader is done */
    ok(store_write(store, STORE_QUEUE_OUT, L"c.txt", "old", 3) == ERROR_SUCCESS, "write\n");
    folder_file(path, L"queue\\out", L"c.txt");
    reader = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    ok(reader != INVALID_HANDLE_VALUE, "open: %lu\n", GetLastError());
    ok(ReadFile(reader, old, 3, &got, NULL) && got == 3 && !memcmp(old, "old", 3), "reader saw %s\n", old);
    closer = CreateThread(NULL, 0, close_later, reader, 0, NULL);
    start = GetTickCount();
    ok(store_write(store, STORE_QUEUE_OUT, L"c.txt", "new", 3) == ERROR_SUCCESS, "replace under a reader\n");
    trace("the writer waited %lu ms for the reader\n", GetTickCount() - start);
    winetest_wait_child_thread(closer, 5000);
    ok(read_equals(store, STORE_QUEUE_OUT, L"c.txt", "new", 3), "new content\n");
    ok(count_store_files(L"queue\\out", L"*.fxstmp") == 0, "temporary files left\n");

    /* a reader that stays too long: the write fails and leaves the old file whole */
    reader = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    error = store_write(store, STORE_QUEUE_OUT, L"c.txt", "newer", 5);
    ok(error == ERROR_SUCCESS || error == ERROR_ACCESS_DENIED || error == ERROR_SHARING_VIOLATION, "error %lu\n",
       error);
    CloseHandle(reader);
    ok(read_equals(store, STORE_QUEUE_OUT, L"c.txt", error ? "new" : "newer", error ? 3 : 5), "content\n");
    ok(count_store_files(L"queue\\out", L"*.fxstmp") == 0, "temporary files left\n");

    /* missing files, bad arguments */
    data = (void *)1;
    ok(store_read(store, STORE_QUEUE_OUT, L"missing", 100, &data, &size) == ERROR_FILE_NOT_FOUND && !data,
       "missing\n");
    ok(store_file_size(store, STORE_QUEUE_OUT, L"missing", &file_size) == ERROR_FILE_NOT_FOUND, "size\n");
    ok(store_write(store, STORE_QUEUE_OUT, L"x", NULL, 1) == ERROR_INVALID_PARAMETER, "NULL data\n");
    ok(store_write(store, STORE_FOLDER_COUNT, L"x", "x", 1) == ERROR_INVALID_PARAMETER, "folder out of range\n");
    ok(store_write(store, (enum store_folder)-1, L"x", "x", 1) == ERROR_INVALID_PARAMETER, "negative folder\n");
    ok(store_write(NULL, STORE_CONFIG, L"x", "x", 1) == ERROR_INVALID_PARAMETER, "NULL store\n");
    ok(store_read(store, STORE_QUEUE_OUT, L"a.txt", 10, NULL, &size) == ERROR_INVALID_PARAMETER, "NULL data\n");
    ok(store_read(store, STORE_QUEUE_OUT, L"a.txt", 10, &data, NULL) == ERROR_INVALID_PARAMETER, "NULL size\n");
    ok(store_read(NULL, STORE_QUEUE_OUT, L"a.txt", 10, &data, &size) == ERROR_INVALID_PARAMETER, "NULL store\n");
    ok(store_file_size(store, STORE_QUEUE_OUT, L"a.txt", NULL) == ERROR_INVALID_PARAMETER, "NULL size\n");

    /* delete */
    ok(store_delete(store, STORE_QUEUE_OUT, L"a.txt") == ERROR_SUCCESS, "delete\n");
    ok(store_delete(store, STORE_QUEUE_OUT, L"a.txt") == ERROR_FILE_NOT_FOUND, "delete again\n");
    ok(store_delete(NULL, STORE_QUEUE_OUT, L"a.txt") == ERROR_INVALID_PARAMETER, "NULL store\n");
    store_delete(store, STORE_QUEUE_OUT, L"b.txt");
    store_delete(store, STORE_QUEUE_OUT, L"c.txt");

    /* paths */
    join(expected, root_dir, L"archive\\in\\x.msg");
    ok(store_path(store, STORE_ARCHIVE_IN, L"x.msg", path, MAX_PATH) == ERROR_SUCCESS && !wcscmp(path, expected),
       "path %s\n", wine_dbgstr_w(path));
    ok(store_path(store, STORE_ARCHIVE_IN, L"x.msg", path, wcslen(expected)) == ERROR_INSUFFICIENT_BUFFER,
       "short buffer\n");
    ok(store_path(store, STORE_ARCHIVE_IN, L"x.msg", NULL, MAX_PATH) == ERROR_INVALID_PARAMETER, "NULL path\n");
    ok(store_path(store, STORE_FOLDER_COUNT, L"x.msg", path, MAX_PATH) == ERROR_INVALID_PARAMETER, "folder\n");
    free(big);
}

/* Records on disk */

static record *outbox_record(unsigned variant)
{
    static const WCHAR note[] = { 'N', 'o', 't', 'e', 0, 0xd800, 0x20ac, '\n' };
    char *padding;
    record *rec;

    record_create("config.outbox", &rec);
    record_add_u64(rec, "version", variant);
    record_add_u64(rec, "retries", variant ? 9 : 3);
    record_add_u64(rec, "retry_delay", 10);
    record_add_bool(rec, "branding", variant & 1);
    record_add_double(rec, "discount_start", 46000.123456789);
    record_add_utf16(rec, "note", (const uint16_t *)note, ARRAY_SIZE(note));
    if (variant)  /* the second version is long: a torn write would show */
    {
        padding = malloc(256 * 1024 + 1);
        memset(padding, 'p', 256 * 1024);
        padding[256 * 1024] = 0;
        record_add_string(rec, "padding", padding);
        free(padding);
    }
    return rec;
}

static BOOL same_record(const record *a, const record *b)
{
    uint8_t *data_a = NULL, *data_b = NULL;
    size_t size_a = 0, size_b = 1;
    BOOL same;

    record_serialize(a, &data_a, &size_a);
    record_serialize(b, &data_b, &size_b);
    same = data_a && data_b && size_a == size_b && !memcmp(data_a, data_b, size_a);
    free(data_a);
    free(data_b);
    return same;
}

static void test_records(struct store *store)
{
    static const WCHAR note[] = { 'N', 'o', 't', 'e', 0, 0xd800, 0x20ac, '\n' };
    record *rec = outbox_record(1), *read, *bad;
    uint8_t *data;
    size_t size, length;
    uint16_t *units;
    double d;
    char text[64];
    unsigned i;

    ok(store_write_record(store, STORE_CONFIG, L"outbox.rec", rec) == ERROR_SUCCESS, "write record\n");
    ok(store_read_record(store, STORE_CONFIG, L"outbox.rec", "config.outbox", &read) == ERROR_SUCCESS,
       "read record\n");
    ok(read && same_record(rec, read), "record changed\n");
    ok(record_get_utf16(read, "note", &units, &length) == RECORD_OK && length == ARRAY_SIZE(note)
       && !memcmp(units, note, sizeof(note)), "BSTR with a NUL and a lone surrogate\n");
    free(units);
    record_free(read);
    ok(store_read_record(store, STORE_CONFIG, L"outbox.rec", NULL, &read) == ERROR_SUCCESS, "any kind\n");
    record_free(read);
    read = (record *)1;
    ok(store_read_record(store, STORE_CONFIG, L"outbox.rec", "job", &read) == ERROR_INVALID_DATA && !read,
       "wrong kind\n");
    ok(store_read_record(store, STORE_CONFIG, L"missing.rec", NULL, &read) == ERROR_FILE_NOT_FOUND && !read,
       "missing\n");
    ok(store_read_record(store, STORE_CONFIG, L"outbox.rec", NULL, NULL) == ERROR_INVALID_PARAMETER, "NULL\n");
    ok(store_write_record(store, STORE_CONFIG, L"outbox.rec", NULL) == ERROR_INVALID_PARAMETER, "NULL record\n");

    /* damage */
    record_serialize(rec, &data, &size);
    store_write(store, STORE_CONFIG, L"damaged.rec", data, size - 1);
    ok(store_read_record(store, STORE_CONFIG, L"damaged.rec", NULL, &read) == ERROR_INVALID_DATA && !read,
       "truncated\n");
    data[size / 2] ^= 0x20;
    store_write(store, STORE_CONFIG, L"damaged.rec", data, size);
    ok(store_read_record(store, STORE_CONFIG, L"damaged.rec", NULL, &read) == ERROR_INVALID_DATA && !read,
       "flipped bit\n");
    free(data);
    store_write(store, STORE_CONFIG, L"damaged.rec", "", 0);
    ok(store_read_record(store, STORE_CONFIG, L"damaged.rec", NULL, &read) == ERROR_INVALID_DATA, "empty\n");
    store_write(store, STORE_CONFIG, L"damaged.rec", "MZ\x90\0", 4);
    ok(store_read_record(store, STORE_CONFIG, L"damaged.rec", NULL, &read) == ERROR_INVALID_DATA, "garbage\n");
    store_write(store, STORE_CONFIG, L"damaged.rec", "fxscomex-record 2 job\n", 22);
    ok(store_read_record(store, STORE_CONFIG, L"damaged.rec", NULL, &read) == ERROR_REVISION_MISMATCH && !read,
       "newer version\n");
    store_delete(store, STORE_CONFIG, L"damaged.rec");
    store_delete(store, STORE_CONFIG, L"outbox.rec");
    record_free(rec);

    ok(store_error_from_record(RECORD_OK) == ERROR_SUCCESS, "ok\n");
    ok(store_error_from_record(RECORD_ERR_TRUNCATED) == ERROR_INVALID_DATA, "truncated\n");
    ok(store_error_from_record(RECORD_ERR_CORRUPT) == ERROR_INVALID_DATA, "corrupt\n");
    ok(store_error_from_record(RECORD_ERR_BAD_VALUE) == ERROR_INVALID_DATA, "bad value\n");
    ok(store_error_from_record(RECORD_ERR_VERSION) == ERROR_REVISION_MISMATCH, "version\n");
    ok(store_error_from_record(RECORD_ERR_NO_MEMORY) == ERROR_OUTOFMEMORY, "memory\n");
    ok(store_error_from_record(RECORD_ERR_TOO_LARGE) == ERROR_FILE_TOO_LARGE, "too large\n");
    ok(store_error_from_record(RECORD_ERR_NOT_FOUND) == ERROR_NOT_FOUND, "not found\n");
    ok(store_error_from_record(RECORD_ERR_EXISTS) == ERROR_ALREADY_EXISTS, "exists\n");
    ok(store_error_from_record(RECORD_ERR_INVALID_ARG) == ERROR_INVALID_PARAMETER, "invalid arg\n");

    /* doubles through this C runtime's printf and strtod (MinGW's own, not msvcrt's) */
    record_create("doubles", &bad);
    for (i = 0; i < RECORD_MAX_FIELDS - 3; i++)
    {
        ULONGLONG bits = random64();
        memcpy(&d, &bits, sizeof(d));
        if (d != d || d - d != 0)
            continue;
        sprintf(text, "d%u", i);
        record_add_double(bad, text, d);
    }
    record_add_double(bad, "date", 46000.123456789);
    record_add_double(bad, "tiny", 4.9406564584124654e-324);
    record_add_double(bad, "minus_zero", -0.0);
    store_write_record(store, STORE_CONFIG, L"doubles.rec", bad);
    ok(store_read_record(store, STORE_CONFIG, L"doubles.rec", "doubles", &read) == ERROR_SUCCESS, "doubles\n");
    for (i = 0; read && i < record_count(bad); i++)
    {
        const char *key;
        double expected = 1, got = 2;
        record_field(bad, i, &key, NULL, NULL);
        record_get_double(bad, key, &expected);
        record_get_double(read, key, &got);
        if (memcmp(&expected, &got, sizeof(got)))
            ok(0, "%s: %.17g came back as %.17g\n", key, expected, got);
    }
    ok(read && record_get_double(read, "date", &d) == RECORD_OK && d == 46000.123456789, "date\n");
    trace("%u doubles round-tripped\n", (unsigned)record_count(bad));
    record_free(read);
    record_free(bad);
    store_delete(store, STORE_CONFIG, L"doubles.rec");
}

/* Moves and copies */

static void test_move_copy(struct store *store)
{
    size_t big_size = 3 * 1024 * 1024 + 5;
    BYTE *big = random_bytes(big_size);
    WCHAR source[MAX_PATH];
    ULONGLONG file_size;

    clear_folder(L"queue\\out");
    clear_folder(L"archive\\out");
    clear_folder(L"queue\\in");

    ok(store_write(store, STORE_QUEUE_OUT, L"0000000000000001.tif", big, big_size) == ERROR_SUCCESS, "write\n");
    ok(store_move(store, STORE_QUEUE_OUT, L"0000000000000001.tif", STORE_ARCHIVE_OUT, L"0000000000000001.tif",
                  FALSE) == ERROR_SUCCESS, "move\n");
    ok(store_file_size(store, STORE_QUEUE_OUT, L"0000000000000001.tif", &file_size) == ERROR_FILE_NOT_FOUND,
       "source still there\n");
    ok(read_equals(store, STORE_ARCHIVE_OUT, L"0000000000000001.tif", big, big_size), "moved content\n");
    ok(store_move(store, STORE_QUEUE_OUT, L"0000000000000001.tif", STORE_ARCHIVE_OUT, L"0000000000000001.tif",
                  FALSE) == ERROR_FILE_NOT_FOUND, "moving a missing file\n");

    /* onto an existing file */
    store_write(store, STORE_QUEUE_OUT, L"0000000000000001.tif", "new", 3);
    ok(store_move(store, STORE_QUEUE_OUT, L"0000000000000001.tif", STORE_ARCHIVE_OUT, L"0000000000000001.tif",
                  FALSE) == ERROR_ALREADY_EXISTS, "move over a file without replace\n");
    ok(read_equals(store, STORE_QUEUE_OUT, L"0000000000000001.tif", "new", 3), "source changed\n");
    ok(read_equals(store, STORE_ARCHIVE_OUT, L"0000000000000001.tif", big, big_size), "target changed\n");
    ok(store_move(store, STORE_QUEUE_OUT, L"0000000000000001.tif", STORE_ARCHIVE_OUT, L"0000000000000001.tif",
                  TRUE) == ERROR_SUCCESS, "move with replace\n");
    ok(read_equals(store, STORE_ARCHIVE_OUT, L"0000000000000001.tif", "new", 3), "target not replaced\n");
    ok(store_move(store, STORE_ARCHIVE_OUT, L"0000000000000001.tif", STORE_ARCHIVE_OUT, L"0000000000000002.tif",
                  FALSE) == ERROR_SUCCESS, "rename in a folder\n");
    ok(store_move(NULL, STORE_ARCHIVE_OUT, L"a", STORE_ARCHIVE_OUT, L"b", FALSE) == ERROR_INVALID_PARAMETER, "NULL\n");
    ok(store_move(store, STORE_FOLDER_COUNT, L"a", STORE_ARCHIVE_OUT, L"b", FALSE) == ERROR_INVALID_PARAMETER,
       "bad folder\n");

    /* copies inside the store */
    store_write(store, STORE_ARCHIVE_OUT, L"big.tif", big, big_size);
    ok(store_copy(store, STORE_ARCHIVE_OUT, L"big.tif", STORE_QUEUE_IN, L"copy.tif", big_size) == ERROR_SUCCESS,
       "copy\n");
    ok(read_equals(store, STORE_QUEUE_IN, L"copy.tif", big, big_size), "copied content\n");
    ok(read_equals(store, STORE_ARCHIVE_OUT, L"big.tif", big, big_size), "source changed by a copy\n");
    ok(store_copy(store, STORE_ARCHIVE_OUT, L"0000000000000002.tif", STORE_QUEUE_IN, L"copy.tif", 100)
       == ERROR_SUCCESS, "copy over a file\n");
    ok(read_equals(store, STORE_QUEUE_IN, L"copy.tif", "new", 3), "copy did not replace\n");
    ok(store_copy(store, STORE_ARCHIVE_OUT, L"big.tif", STORE_QUEUE_IN, L"limit.tif", big_size - 1)
       == ERROR_FILE_TOO_LARGE, "copy over the limit\n");
    ok(store_copy(store, STORE_ARCHIVE_OUT, L"missing.tif", STORE_QUEUE_IN, L"limit.tif", 100)
       == ERROR_FILE_NOT_FOUND, "copy of a missing file\n");
    ok(count_store_files(L"queue\\in", L"limit.tif") == 0, "a failed copy left its target\n");
    ok(count_store_files(L"queue\\in", L"*.fxstmp") == 0, "a failed copy left a temporary file\n");

    /* imports from outside */
    join(source, base_dir, L"body.tif");
    write_raw(source, big, (DWORD)big_size);
    ok(store_import(store, source, STORE_QUEUE_OUT, L"0000000000000003.tif", big_size) == ERROR_SUCCESS, "import\n");
    ok(read_equals(store, STORE_QUEUE_OUT, L"0000000000000003.tif", big, big_size), "imported content\n");
    ok(store_import(store, source, STORE_QUEUE_OUT, L"0000000000000004.tif", 1000) == ERROR_FILE_TOO_LARGE,
       "import over the limit\n");
    ok(count_store_files(L"queue\\out", L"0000000000000004.tif") == 0, "a failed import left its target\n");
    ok(count_store_files(L"queue\\out", L"*.fxstmp") == 0, "a failed import left a temporary file\n");
    join(source, base_dir, L"missing.tif");
    ok(store_import(store, source, STORE_QUEUE_OUT, L"x.tif", 1000) == ERROR_FILE_NOT_FOUND, "missing source\n");
    ok(store_import(store, base_dir, STORE_QUEUE_OUT, L"x.tif", 1000) != ERROR_SUCCESS, "a folder imported\n");
    ok(store_import(store, L"NUL", STORE_QUEUE_OUT, L"x.tif", 1000) == ERROR_BAD_FILE_TYPE, "NUL imported\n");
    ok(store_import(store, L"\\\\.\\NUL", STORE_QUEUE_OUT, L"x.tif", 1000) == ERROR_BAD_FILE_TYPE, "device\n");
    ok(store_import(store, NULL, STORE_QUEUE_OUT, L"x.tif", 1000) == ERROR_INVALID_PARAMETER, "NULL source\n");
    ok(store_import(store, L"", STORE_QUEUE_OUT, L"x.tif", 1000) == ERROR_INVALID_PARAMETER, "empty source\n");
    ok(count_store_files(L"queue\\out", L"x.tif") == 0, "a failed import left its target\n");
    free(big);
}

/* Listings */

static void test_list(struct store *store)
{
    static const ULONGLONG ids[] = { 0x10, 0x2, ~0ull, 0x1, 0xa };
    static const WCHAR *const expected[] =
    {
        L"0000000000000001.msg", L"0000000000000002.msg", L"0000000000000007.MSG", L"000000000000000A.msg",
        L"0000000000000010.msg", L"FFFFFFFFFFFFFFFF.msg",
    };
    WCHAR name[STORE_MAX_NAME + 1], path[MAX_PATH];
    struct store_names list;
    unsigned i;
    BOOL same;

    clear_folder(L"archive\\in");
    ok(store_list(store, STORE_ARCHIVE_IN, L".msg", 100, &list) == ERROR_SUCCESS && !list.count && !list.names,
       "empty folder\n");
    for (i = 0; i < ARRAY_SIZE(ids); i++)
    {
        store_id_name(ids[i], L".msg", name);
        store_write(store, STORE_ARCHIVE_IN, name, "m", 1);
        store_id_name(ids[i], L".tif", name);
        store_write(store, STORE_ARCHIVE_IN, name, "t", 1);
    }
    store_write(store, STORE_ARCHIVE_IN, L"0000000000000007.MSG", "m", 1);
    folder_file(path, L"archive\\in", L"0000000000000008.msg.00000001-00000002.fxstmp");
    write_raw(path, "x", 1);
    folder_file(path, L"archive\\in", L"0000000000000005.msg");
    CreateDirectoryW(path, NULL);
    folder_file(path, L"archive\\in", L"bad name.msg");
    write_raw(path, "x", 1);
    folder_file(path, L"archive\\in", L"x.msg.bak");
    write_raw(path, "x", 1);

    ok(store_list(store, STORE_ARCHIVE_IN, L".msg", 100, &list) == ERROR_SUCCESS, "list\n");
    same = list.count == ARRAY_SIZE(expected);
    for (i = 0; same && i < list.count; i++)
        same = !wcscmp(list.names[i], expected[i]);
    ok(same, "%lu names, first %s\n", list.count, list.count ? wine_dbgstr_w(list.names[0]) : "");
    store_names_free(&list);
    ok(!list.names && !list.count, "freed list not reset\n");
    store_names_free(&list);
    store_names_free(NULL);

    ok(store_list(store, STORE_ARCHIVE_IN, L".TIF", 100, &list) == ERROR_SUCCESS && list.count == 5
       && !wcscmp(list.names[0], L"0000000000000001.tif"), "list of .TIF\n");
    store_names_free(&list);
    ok(store_list(store, STORE_ARCHIVE_IN, NULL, 100, &list) == ERROR_SUCCESS && list.count == 12, "all: %lu\n",
       list.count);
    store_names_free(&list);
    ok(store_list(store, STORE_ARCHIVE_IN, L"", 12, &list) == ERROR_SUCCESS && list.count == 12, "all, exactly\n");
    store_names_free(&list);
    list.count = 5;
    ok(store_list(store, STORE_ARCHIVE_IN, L".msg", 5, &list) == ERROR_MORE_DATA && !list.count && !list.names,
       "over max_count\n");
    ok(store_list(store, STORE_ARCHIVE_IN, L".msg", 0, &list) == ERROR_MORE_DATA, "max_count 0\n");
    ok(store_list(store, STORE_ARCHIVE_IN, L".none", 0, &list) == ERROR_SUCCESS && !list.count, "no match\n");
    ok(store_list(NULL, STORE_ARCHIVE_IN, L".msg", 5, &list) == ERROR_INVALID_PARAMETER, "NULL store\n");
    ok(store_list(store, STORE_FOLDER_COUNT, L".msg", 5, &list) == ERROR_INVALID_PARAMETER, "bad folder\n");
    ok(store_list(store, STORE_ARCHIVE_IN, L".msg", 5, NULL) == ERROR_INVALID_PARAMETER, "NULL list\n");
    clear_folder(L"archive\\in");
}

/* Cleanup of leftovers */

static void test_cleanup(struct store *store)
{
    static const struct { const WCHAR *folder, *name; BOOL leftover; } files[] =
    {
        { L"config", L"outbox.rec.00000001-00000002.fxstmp", TRUE },
        { L"config", L"outbox.rec", FALSE },
        { L"config", L"x.fxstmp.rec", FALSE },
        { L"queue\\out", L"0000000000000001.job.0000abcd-00000001.fxstmp", TRUE },
        { L"queue\\out", L"UPPER.FXSTMP", TRUE },
        { L"queue\\out", L"0000000000000001.job", FALSE },
        { L"queue\\in", L"a.fxstmp", TRUE },
        { L"archive\\out", L"0000000000000001.msg.00000001-00000003.fxstmp", TRUE },
        { L"archive\\in", L"0000000000000002.tif.00000001-00000004.fxstmp", TRUE },
        { L"log", L"activity.txt.00000001-00000005.fxstmp", TRUE },
        { L"log", L"activity.txt", FALSE },
        { L"tmp", L"receiving.tif", TRUE },
        { L"tmp", L"any name at all", TRUE },
        { L"tmp", L"x.fxstmp", TRUE },
    };
    WCHAR path[MAX_PATH];
    DWORD removed = 99;
    unsigned i, expected = 0;

    for (i = 0; i < ARRAY_SIZE(files); i++)
    {
        folder_file(path, files[i].folder, files[i].name);
        ok(write_raw(path, "x", 1), "cannot write %s\n", wine_dbgstr_w(path));
        expected += files[i].leftover;
    }
    folder_file(path, L"tmp", L"x.fxstmp");
    SetFileAttributesW(path, FILE_ATTRIBUTE_READONLY);
    folder_file(path, L"tmp", L"folder");
    CreateDirectoryW(path, NULL);

    ok(store_cleanup(store, &removed) == ERROR_SUCCESS, "cleanup failed\n");
    ok(removed == expected, "removed %lu files, expected %u\n", removed, expected);
    for (i = 0; i < ARRAY_SIZE(files); i++)
    {
        folder_file(path, files[i].folder, files[i].name);
        ok(is_file(path) == !files[i].leftover, "%s %s\n", wine_dbgstr_w(files[i].name),
           files[i].leftover ? "left" : "deleted");
        if (!files[i].leftover)
            DeleteFileW(path);
    }
    folder_file(path, L"tmp", L"folder");
    ok(is_folder(path), "a folder in tmp was deleted\n");
    RemoveDirectoryW(path);
    ok(store_cleanup(store, &removed) == ERROR_SUCCESS && removed == 0, "second cleanup removed %lu\n", removed);
    ok(store_cleanup(store, NULL) == ERROR_SUCCESS, "cleanup without a count\n");
    ok(store_cleanup(NULL, &removed) == ERROR_INVALID_PARAMETER && removed == 0, "NULL store\n");
}

/* Threads: two writers replace one record while a reader reads it again and again; every read
 * is whole and every write lands. */

struct thread_test
{
    struct store *store;
    record *versions[2];
    LONG stop;
    unsigned reads, write_failures, torn;
};

static DWORD WINAPI writer_thread(void *arg)
{
    struct thread_test *test = arg;
    unsigned i;

    for (i = 0; i < 150; i++)
        if (store_write_record(test->store, STORE_CONFIG, L"shared.rec", test->versions[i & 1]))
            InterlockedIncrement((LONG *)&test->write_failures);
    return 0;
}

static DWORD WINAPI reader_thread(void *arg)
{
    struct thread_test *test = arg;
    record *rec;
    DWORD error;

    while (!test->stop)
    {
        if ((error = store_read_record(test->store, STORE_CONFIG, L"shared.rec", "config.outbox", &rec)))
        {
            if (error != ERROR_FILE_NOT_FOUND)
                test->torn++;
            continue;
        }
        if (!same_record(rec, test->versions[0]) && !same_record(rec, test->versions[1]))
            test->torn++;
        test->reads++;
        record_free(rec);
        /* A reader that never lets go starves the writers' renames on a loaded machine (Wine
         * refuses to replace an open file); the service's readers come and go like this one. */
        Sleep(1);
    }
    return 0;
}

static void test_threads(struct store *store)
{
    struct thread_test test = { store, { outbox_record(0), outbox_record(1) }, 0, 0, 0, 0 };
    HANDLE writers[2], reader;

    store_write_record(store, STORE_CONFIG, L"shared.rec", test.versions[0]);
    reader = CreateThread(NULL, 0, reader_thread, &test, 0, NULL);
    writers[0] = CreateThread(NULL, 0, writer_thread, &test, 0, NULL);
    writers[1] = CreateThread(NULL, 0, writer_thread, &test, 0, NULL);
    WaitForMultipleObjects(2, writers, TRUE, 120000);
    InterlockedExchange(&test.stop, 1);
    WaitForSingleObject(reader, 10000);
    CloseHandle(writers[0]);
    CloseHandle(writers[1]);
    CloseHandle(reader);
    ok(test.write_failures == 0, "%u writes failed\n", test.write_failures);
    ok(test.torn == 0, "%u of %u reads failed or were neither version\n", test.torn, test.reads + test.torn);
    ok(count_store_files(L"config", L"*.fxstmp") == 0, "temporary files left\n");
    trace("threads: 300 writes, %u whole reads\n", test.reads);
    store_delete(store, STORE_CONFIG, L"shared.rec");
    record_free(test.versions[0]);
    record_free(test.versions[1]);
}

/* The crash test */

static void shared_names(DWORD parent, WCHAR *ready_name, WCHAR *counter_name)
{
    _snwprintf(ready_name, 64, L"fxs-store-test-ready-%lu", parent);
    _snwprintf(counter_name, 64, L"fxs-store-test-count-%lu", parent);
}

/* The child: rewrites crash.rec forever with the two versions in turn, until it is killed. */
static void run_writer(DWORD parent)
{
    WCHAR root[MAX_PATH], ready_name[64], counter_name[64];
    record *versions[2] = { outbox_record(0), outbox_record(1) };
    struct store *store;
    HANDLE ready, mapping;
    LONG *counter;
    unsigned i;

    shared_names(parent, ready_name, counter_name);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, ready_name);
    mapping = OpenFileMappingW(FILE_MAP_WRITE, FALSE, counter_name);
    counter = mapping ? MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, sizeof(LONG)) : NULL;
    if (!ready || !counter || !GetEnvironmentVariableW(CHILD_ROOT_VARIABLE, root, MAX_PATH)
        || store_open(root, &store))
        ExitProcess(2);
    for (i = 0; ; i++)
    {
        if (store_write_record(store, STORE_CONFIG, CRASH_FILE, versions[i & 1]))
            ExitProcess(3);
        InterlockedIncrement(counter);
        if (!i)
            SetEvent(ready);
    }
}

static void busy_wait_us(LONGLONG microseconds)
{
    LARGE_INTEGER frequency, start, now;

    QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&start);
    do
        QueryPerformanceCounter(&now);
    while ((now.QuadPart - start.QuadPart) * 1000000 / frequency.QuadPart < microseconds);
}

static void test_crash(struct store *store)
{
    record *versions[2] = { outbox_record(0), outbox_record(1) };
    WCHAR ready_name[64], counter_name[64], command[MAX_PATH + 64], exe[MAX_PATH];
    unsigned kills = 100, k, found[2] = { 0 }, leftovers = 0, bad = 0, writes_before = 0;
    const char *kills_text = getenv("STORE_TEST_KILLS");
    DWORD start = GetTickCount(), error, removed;
    HANDLE ready, mapping;
    LONG *counter;

    if (kills_text && atoi(kills_text) > 0)
        kills = (unsigned)atoi(kills_text);
    shared_names(GetCurrentProcessId(), ready_name, counter_name);
    ready = CreateEventW(NULL, FALSE, FALSE, ready_name);
    mapping = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(LONG), counter_name);
    counter = mapping ? MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, sizeof(LONG)) : NULL;
    ok(ready && counter, "cannot share with the child\n");
    if (!ready || !counter)
        return;
    SetEnvironmentVariableW(CHILD_ROOT_VARIABLE, root_dir);
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    _snwprintf(command, ARRAY_SIZE(command), L"\"%s\" writer %lu", exe, GetCurrentProcessId());
    command[ARRAY_SIZE(command) - 1] = 0;
    store_delete(store, STORE_CONFIG, CRASH_FILE);

    for (k = 0; k < kills; k++)
    {
        STARTUPINFOW startup;
        PROCESS_INFORMATION process;
        DWORD delay = random_below(20000);
        record *rec;
        unsigned temp_files;
        LONG before = *counter;

        winetest_push_context("kill %u after %lu us", k, delay);
        memset(&startup, 0, sizeof(startup));
        startup.cb = sizeof(startup);
        if (!CreateProcessW(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process))
        {
            ok(0, "cannot start the writer: %lu\n", GetLastError());
            winetest_pop_context();
            break;
        }
        if (WaitForSingleObject(ready, 30000) != WAIT_OBJECT_0)
            ok(0, "the writer never wrote\n");
        busy_wait_us(delay);
        TerminateProcess(process.hProcess, 1);
        WaitForSingleObject(process.hProcess, 30000);
        CloseHandle(process.hProcess);
        CloseHandle(process.hThread);
        writes_before += (unsigned)(*counter - before);

        temp_files = count_store_files(L"config", L"*.fxstmp");
        leftovers += temp_files;
        error = store_read_record(store, STORE_CONFIG, CRASH_FILE, "config.outbox", &rec);
        ok(error == ERROR_SUCCESS, "the record does not parse: %lu\n", error);
        if (rec && same_record(rec, versions[0]))
            found[0]++;
        else if (rec && same_record(rec, versions[1]))
            found[1]++;
        else
        {
            bad++;
            ok(0, "the record is neither version\n");
        }
        record_free(rec);
        ok(store_cleanup(store, &removed) == ERROR_SUCCESS && removed == temp_files, "cleanup removed %lu of %u\n",
           removed, temp_files);
        ok(count_store_files(L"config", L"*.fxstmp") == 0, "temporary files survived cleanup\n");
        winetest_pop_context();
    }
    trace("crash test: %u kills in %.1f s, %u rewrites completed by the killed writers, file found as version 0: "
          "%u, version 1: %u, torn: %u; %u temporary files left by kills, all removed by cleanup\n", k,
          (GetTickCount() - start) / 1000.0, writes_before, found[0], found[1], bad, leftovers);
    ok(found[0] + found[1] == kills, "%u of %u kills left a whole file\n", found[0] + found[1], kills);
    store_delete(store, STORE_CONFIG, CRASH_FILE);
    SetEnvironmentVariableW(CHILD_ROOT_VARIABLE, NULL);
    UnmapViewOfFile(counter);
    CloseHandle(mapping);
    CloseHandle(ready);
    record_free(versions[0]);
    record_free(versions[1]);
}

static void make_folders(void)
{
    WCHAR temp[MAX_PATH];

    GetTempPathW(MAX_PATH, temp);
    _snwprintf(base_dir, MAX_PATH, L"%sfxs-store-%lu", temp, GetCurrentProcessId());
    base_dir[MAX_PATH - 1] = 0;
    remove_tree(base_dir);
    CreateDirectoryW(base_dir, NULL);
    join(root_dir, base_dir, L"data");
}

static void seed_random(void)
{
    const char *seed = getenv("STORE_TEST_SEED");
    LARGE_INTEGER now;

    QueryPerformanceCounter(&now);
    random_state = seed ? _strtoui64(seed, NULL, 0) : (ULONGLONG)now.QuadPart ^ ((ULONGLONG)GetCurrentProcessId() << 32);
    random_state |= 1;
    trace("random seed 0x%08lx%08lx (STORE_TEST_SEED=0x%08lx%08lx repeats this run)\n",
          (unsigned long)(random_state >> 32), (unsigned long)random_state, (unsigned long)(random_state >> 32),
          (unsigned long)random_state);
}

START_TEST(store)
{
    struct store *store;
    DWORD error;

    if (winetest_argc >= 3 && !strcmp(winetest_argv[1], "writer"))
    {
        run_writer(strtoul(winetest_argv[2], NULL, 10));
        return;
    }
    seed_random();
    make_folders();
    test_names();
    test_ids();
    test_open();

    error = store_open(root_dir, &store);
    ok(error == ERROR_SUCCESS, "store_open: %lu\n", error);
    if (!error)
    {
        test_names_in_api(store);
        test_write_read(store);
        test_records(store);
        test_move_copy(store);
        test_list(store);
        test_cleanup(store);
        test_threads(store);
        test_crash(store);
        store_close(store);
    }
    remove_tree(base_dir);
    ok(!is_folder(base_dir), "the test folder was not removed\n");
}
