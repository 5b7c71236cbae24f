/*
 * The fax service's data root (store.h): the folder layout, atomic replacement of whole files,
 * moves, copies, sorted listings, cleanup after a crash, and the one check of file names.
 *
 * Every write goes the way SQLite's rollback journal relies on: write a new file, flush it, then
 * rename it over the old one. What a crash can leave is a stray temporary file, never a torn
 * target, and temporary files have names no valid name can have, so recovery can tell them apart.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "store.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define IO_CHUNK (1024 * 1024)     /* bytes per WriteFile/ReadFile: sizes are size_t, calls take DWORD */
#define COPY_CHUNK (64 * 1024)
#define TEMP_ATTEMPTS 16           /* names tried when a temporary name is taken (a leftover of a past pid) */
#define BUSY_WAIT_MS 2000          /* how long a rename or delete waits for a file someone holds open */

/* Where each folder of enum store_folder lives under the root. */
static const WCHAR *const folder_paths[STORE_FOLDER_COUNT] =
{
    L"config", L"queue\\out", L"queue\\in", L"archive\\out", L"archive\\in", L"log", L"tmp"
};

/* What store_open creates, parents first. */
static const WCHAR *const layout[] =
{
    L"config", L"queue", L"queue\\out", L"queue\\in", L"archive", L"archive\\out", L"archive\\in", L"log", L"tmp"
};

struct store
{
    WCHAR root[STORE_MAX_ROOT + 1];
    /* Folders placed elsewhere (store_relocate); "" : under the root. Read by any thread, under the lock. */
    SRWLOCK lock;
    WCHAR elsewhere[STORE_FOLDER_COUNT][STORE_MAX_ROOT + 1];
};

/* Numbers temporary files; with the pid it makes their names unique across threads and processes. */
static LONG temp_sequence;

/* Names */

static BOOL is_name_char(WCHAR c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
           || c == '-';
}

static WCHAR ascii_upper(WCHAR c)
{
    return c >= 'a' && c <= 'z' ? (WCHAR)(c - 'a' + 'A') : c;
}

/* Whether the first length characters of text are the uppercase ASCII word, in any case. */
static BOOL starts_with_word(const WCHAR *text, const char *word, size_t length)
{
    size_t i;

    for (i = 0; i < length; i++)
        if (ascii_upper(text[i]) != (WCHAR)word[i])
            return FALSE;
    return TRUE;
}

static BOOL ends_with_nocase(const WCHAR *text, size_t length, const WCHAR *suffix)
{
    size_t suffix_length = wcslen(suffix), i;

    if (suffix_length > length)
        return FALSE;
    for (i = 0; i < suffix_length; i++)
        if (ascii_upper(text[length - suffix_length + i]) != ascii_upper(suffix[i]))
            return FALSE;
    return TRUE;
}

/* Windows opens these as devices in any folder, with any extension: "nul.txt" is NUL. */
static BOOL is_device_name(const WCHAR *base, size_t length)
{
    static const char *const devices[] = { "CON", "PRN", "AUX", "NUL" };
    size_t i;

    if (length == 3)
        for (i = 0; i < ARRAY_SIZE(devices); i++)
            if (starts_with_word(base, devices[i], 3))
                return TRUE;
    return length == 4 && (starts_with_word(base, "COM", 3) || starts_with_word(base, "LPT", 3))
           && base[3] >= '0' && base[3] <= '9';
}

DWORD store_check_name(const WCHAR *name)
{
    size_t length, base = 0;

    if (!name)
        return ERROR_INVALID_NAME;
    for (length = 0; name[length]; length++)
    {
        if (length == STORE_MAX_NAME || !is_name_char(name[length]))
            return ERROR_INVALID_NAME;
        if (name[length] == '.' && length && name[length - 1] == '.')
            return ERROR_INVALID_NAME;
        if (name[length] == '.' && !base)
            base = length;
    }
    if (!length || name[0] == '.' || name[length - 1] == '.')
        return ERROR_INVALID_NAME;
    if (is_device_name(name, base ? base : length) || ends_with_nocase(name, length, STORE_TEMP_SUFFIX))
        return ERROR_INVALID_NAME;
    return ERROR_SUCCESS;
}

/* Ids */

void store_format_id(ULONGLONG id, WCHAR text[STORE_ID_LENGTH + 1])
{
    static const WCHAR hex[] = L"0123456789ABCDEF";
    int i;

    for (i = STORE_ID_LENGTH - 1; i >= 0; i--)
    {
        text[i] = hex[id & 0xf];
        id >>= 4;
    }
    text[STORE_ID_LENGTH] = 0;
}

DWORD store_parse_id(const WCHAR *text, size_t length, ULONGLONG *id)
{
    ULONGLONG value = 0;
    size_t i;

    if (!text || !id || length != STORE_ID_LENGTH)
        return ERROR_INVALID_PARAMETER;
    for (i = 0; i < STORE_ID_LENGTH; i++)
    {
        WCHAR c = text[i];
        unsigned digit;

        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return ERROR_INVALID_PARAMETER;
        value = value << 4 | digit;
    }
    *id = value;
    return ERROR_SUCCESS;
}

DWORD store_id_name(ULONGLONG id, const WCHAR *extension, WCHAR name[STORE_MAX_NAME + 1])
{
    size_t length = 0;

    if (!name)
        return ERROR_INVALID_PARAMETER;
    name[0] = 0;
    if (!extension)
        extension = L"";
    while (extension[length] && length <= STORE_MAX_NAME - STORE_ID_LENGTH)
        length++;
    if (length > STORE_MAX_NAME - STORE_ID_LENGTH)
        return ERROR_INVALID_NAME;
    store_format_id(id, name);
    memcpy(name + STORE_ID_LENGTH, extension, (length + 1) * sizeof(WCHAR));
    if (store_check_name(name) != ERROR_SUCCESS)
    {
        name[0] = 0;
        return ERROR_INVALID_NAME;
    }
    return ERROR_SUCCESS;
}

/* Paths */

/* Appends part to path (size WCHARs, *length used); FALSE when it does not fit. */
static BOOL append_path(WCHAR *path, size_t size, size_t *length, const WCHAR *part)
{
    size_t part_length = wcslen(part);

    if (part_length >= size - *length)
        return FALSE;
    memcpy(path + *length, part, (part_length + 1) * sizeof(WCHAR));
    *length += part_length;
    return TRUE;
}

/* root\relative into path (MAX_PATH WCHARs); *length receives its length. */
static DWORD join_root(const struct store *store, const WCHAR *relative, WCHAR *path, size_t *length)
{
    size_t root_length = wcslen(store->root);

    *length = 0;
    path[0] = 0;
    if (!append_path(path, MAX_PATH, length, store->root)
        || (store->root[root_length - 1] != '\\' && !append_path(path, MAX_PATH, length, L"\\"))
        || !append_path(path, MAX_PATH, length, relative))
        return ERROR_FILENAME_EXCED_RANGE;
    return ERROR_SUCCESS;
}

static DWORD folder_path(const struct store *store, enum store_folder folder, WCHAR *path, size_t *length)
{
    BOOL relocated;

    if (!store || (unsigned)folder >= STORE_FOLDER_COUNT)
        return ERROR_INVALID_PARAMETER;
    AcquireSRWLockShared((SRWLOCK *)&store->lock);
    if ((relocated = store->elsewhere[folder][0] != 0))
    {
        wcscpy(path, store->elsewhere[folder]);
        *length = wcslen(path);
    }
    ReleaseSRWLockShared((SRWLOCK *)&store->lock);
    return relocated ? ERROR_SUCCESS : join_root(store, folder_paths[folder], path, length);
}

DWORD store_relocate(struct store *store, enum store_folder folder, const WCHAR *path)
{
    WCHAR full[MAX_PATH];
    DWORD length, attributes;

    if (!store || (unsigned)folder >= STORE_FOLDER_COUNT || folder == STORE_CONFIG || folder == STORE_TMP)
        return ERROR_INVALID_PARAMETER;
    full[0] = 0;
    if (path && path[0])
    {
        length = GetFullPathNameW(path, ARRAY_SIZE(full), full, NULL);
        if (!length)
            return GetLastError();
        if (length > STORE_MAX_ROOT)
            return ERROR_FILENAME_EXCED_RANGE;
        if (length > 3 && full[length - 1] == '\\')
            full[length - 1] = 0;
        attributes = GetFileAttributesW(full);
        if (attributes == INVALID_FILE_ATTRIBUTES)
            return GetLastError();
        if (!(attributes & FILE_ATTRIBUTE_DIRECTORY))
            return ERROR_DIRECTORY;
    }
    AcquireSRWLockExclusive(&store->lock);
    wcscpy(store->elsewhere[folder], full);
    ReleaseSRWLockExclusive(&store->lock);
    return ERROR_SUCCESS;
}

DWORD store_folder_path(const struct store *store, enum store_folder folder, WCHAR *path, size_t size)
{
    WCHAR full[MAX_PATH];
    size_t length;
    DWORD error;

    if (!path || !size)
        return ERROR_INVALID_PARAMETER;
    path[0] = 0;
    full[0] = 0;
    if ((error = folder_path(store, folder, full, &length)))
        return error;
    if (length >= size)
        return ERROR_INSUFFICIENT_BUFFER;
    wcscpy(path, full);
    return ERROR_SUCCESS;
}

/* root\folder\name, name unchecked: for the leftovers store_cleanup deletes. */
static DWORD raw_file_path(const struct store *store, enum store_folder folder, const WCHAR *name, WCHAR *path)
{
    size_t length;
    DWORD error = folder_path(store, folder, path, &length);

    if (error)
        return error;
    if (!append_path(path, MAX_PATH, &length, L"\\") || !append_path(path, MAX_PATH, &length, name))
        return ERROR_FILENAME_EXCED_RANGE;
    return ERROR_SUCCESS;
}

/* root\folder\name for a name store_check_name accepts: the only way a caller's name becomes a path. */
static DWORD file_path(const struct store *store, enum store_folder folder, const WCHAR *name, WCHAR *path)
{
    DWORD error;

    if (!store || (unsigned)folder >= STORE_FOLDER_COUNT)
        return ERROR_INVALID_PARAMETER;
    if ((error = store_check_name(name)))
        return error;
    return raw_file_path(store, folder, name, path);
}

DWORD store_path(const struct store *store, enum store_folder folder, const WCHAR *name, WCHAR *path, size_t size)
{
    WCHAR full[MAX_PATH];
    DWORD error;

    if (!path || !size)
        return ERROR_INVALID_PARAMETER;
    path[0] = 0;
    if ((error = file_path(store, folder, name, full)))
        return error;
    if (wcslen(full) >= size)
        return ERROR_INSUFFICIENT_BUFFER;
    wcscpy(path, full);
    return ERROR_SUCCESS;
}

const WCHAR *store_root(const struct store *store)
{
    return store ? store->root : L"";
}

/* Opening */

/* A folder that exists when this returns, or the reason it does not. */
static DWORD create_folder(const WCHAR *path)
{
    DWORD error, attributes;

    if (CreateDirectoryW(path, NULL))
        return ERROR_SUCCESS;
    error = GetLastError();
    attributes = GetFileAttributesW(path);
    if (attributes == INVALID_FILE_ATTRIBUTES)
        return error;
    return attributes & FILE_ATTRIBUTE_DIRECTORY ? ERROR_SUCCESS : ERROR_DIRECTORY;
}

/* Creates the ancestors of path; failures are left to the creation of path itself to report
 * (a drive or a share cannot be created, and need not be). */
static void create_parents(const WCHAR *root)
{
    WCHAR path[STORE_MAX_ROOT + 1];
    size_t i;

    wcscpy(path, root);
    for (i = 1; path[i]; i++)
    {
        if (path[i] != '\\' || path[i - 1] == ':' || path[i - 1] == '\\')
            continue;
        path[i] = 0;
        CreateDirectoryW(path, NULL);
        path[i] = '\\';
    }
}

static DWORD create_layout(const struct store *store)
{
    WCHAR path[MAX_PATH];
    size_t i, length;
    DWORD error;

    create_parents(store->root);
    if ((error = create_folder(store->root)))
        return error;
    for (i = 0; i < ARRAY_SIZE(layout); i++)
        if ((error = join_root(store, layout[i], path, &length)) || (error = create_folder(path)))
            return error;
    return ERROR_SUCCESS;
}

DWORD store_open(const WCHAR *root, struct store **out)
{
    struct store *store;
    DWORD length, error;

    if (!out)
        return ERROR_INVALID_PARAMETER;
    *out = NULL;
    if (!root || !root[0])
        return ERROR_INVALID_PARAMETER;
    if (!(store = calloc(1, sizeof(*store))))
        return ERROR_OUTOFMEMORY;
    length = GetFullPathNameW(root, ARRAY_SIZE(store->root), store->root, NULL);
    if (!length)
        error = GetLastError();
    else if (length >= ARRAY_SIZE(store->root))
        error = ERROR_FILENAME_EXCED_RANGE;
    else
    {
        if (length > 3 && store->root[length - 1] == '\\')  /* keep "C:\" whole */
            store->root[length - 1] = 0;
        error = create_layout(store);
    }
    if (error)
    {
        free(store);
        return error;
    }
    *out = store;
    return ERROR_SUCCESS;
}

void store_close(struct store *store)
{
    free(store);
}

/* Crash points */

static LONG crash_countdown;   /* steps left before the injected crash; 0: none armed */

void store_crash_at(DWORD step)
{
    InterlockedExchange(&crash_countdown, (LONG)step);
}

void store_crash_point(void)
{
    if (crash_countdown > 0 && InterlockedDecrement(&crash_countdown) == 0)
        TerminateProcess(GetCurrentProcess(), STORE_CRASH_EXIT_CODE);
}

/* Files */

static BOOL is_busy(DWORD error)
{
    return error == ERROR_SHARING_VIOLATION || error == ERROR_LOCK_VIOLATION || error == ERROR_ACCESS_DENIED;
}

/*
 * Whether to try again after a busy error, sleeping first. Windows (without the POSIX rename
 * semantics of recent NTFS) and Wine refuse to rename over, or delete, a file that another handle
 * holds open, even with FILE_SHARE_DELETE: a reader of the old version, a backup program, a virus
 * scanner. Readers here hold a file only while they read it, so the writer waits for them, with
 * short sleeps first, up to BUSY_WAIT_MS in all. A cause that lasts (a read-only file) costs that
 * wait once and is then reported.
 */
static BOOL wait_if_busy(DWORD error, DWORD *waited)
{
    DWORD sleep;

    if (!is_busy(error) || *waited >= BUSY_WAIT_MS)
        return FALSE;
    sleep = *waited < 8 ? 1 : *waited < 100 ? 10 : 50;
    Sleep(sleep);
    *waited += sleep;
    return TRUE;
}

/* MoveFileExW, waiting for a file another program holds. */
static DWORD rename_file(const WCHAR *from, const WCHAR *to, BOOL replace)
{
    DWORD flags = MOVEFILE_WRITE_THROUGH | (replace ? MOVEFILE_REPLACE_EXISTING : 0), error, waited = 0;

    store_crash_point();
    for (;;)
    {
        if (MoveFileExW(from, to, flags))
            return ERROR_SUCCESS;
        error = GetLastError();
        if (error == ERROR_FILE_EXISTS)
            return ERROR_ALREADY_EXISTS;
        if (!wait_if_busy(error, &waited))
            return error;
    }
}

static DWORD delete_file(const WCHAR *path)
{
    DWORD error, waited = 0;

    store_crash_point();
    for (;;)
    {
        if (DeleteFileW(path))
            return ERROR_SUCCESS;
        error = GetLastError();
        if (!wait_if_busy(error, &waited))
            return error;
    }
}

static void append_hex8(WCHAR *text, DWORD value)
{
    static const WCHAR hex[] = L"0123456789abcdef";
    int i;

    for (i = 7; i >= 0; i--)
    {
        text[i] = hex[value & 0xf];
        value >>= 4;
    }
    text[8] = 0;
}

/* Creates "<target>.<pid>-<sequence>.fxstmp" for writing. CREATE_NEW: never someone else's file. */
static DWORD create_temp(const WCHAR *target, WCHAR *temp, HANDLE *file)
{
    WCHAR number[9];
    size_t length;
    DWORD error = ERROR_FILE_EXISTS, attempt;

    store_crash_point();
    for (attempt = 0; attempt < TEMP_ATTEMPTS; attempt++)
    {
        length = 0;
        temp[0] = 0;
        append_hex8(number, GetCurrentProcessId());
        if (!append_path(temp, MAX_PATH, &length, target) || !append_path(temp, MAX_PATH, &length, L".")
            || !append_path(temp, MAX_PATH, &length, number) || !append_path(temp, MAX_PATH, &length, L"-"))
            return ERROR_FILENAME_EXCED_RANGE;
        append_hex8(number, (DWORD)InterlockedIncrement(&temp_sequence));
        if (!append_path(temp, MAX_PATH, &length, number)
            || !append_path(temp, MAX_PATH, &length, STORE_TEMP_SUFFIX))
            return ERROR_FILENAME_EXCED_RANGE;
        *file = CreateFileW(temp, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
        if (*file != INVALID_HANDLE_VALUE)
            return ERROR_SUCCESS;
        error = GetLastError();
        if (error != ERROR_FILE_EXISTS && error != ERROR_ALREADY_EXISTS)
            return error;
    }
    return error;
}

/* Ends a write into a temporary file: flush, close, rename over target. After a failure the
 * temporary file is gone and the target untouched. */
static DWORD commit_temp(HANDLE file, const WCHAR *temp, const WCHAR *target, DWORD error)
{
    store_crash_point();  /* written, neither flushed nor in place */
    if (!error && !FlushFileBuffers(file))
        error = GetLastError();
    CloseHandle(file);
    if (!error)
        error = rename_file(temp, target, TRUE);
    if (error)
        DeleteFileW(temp);
    return error;
}

static DWORD write_all(HANDLE file, const void *data, size_t size)
{
    const BYTE *bytes = data;
    DWORD written;

    while (size)
    {
        DWORD chunk = size > IO_CHUNK ? IO_CHUNK : (DWORD)size;
        if (!WriteFile(file, bytes, chunk, &written, NULL))
            return GetLastError();
        if (!written)
            return ERROR_WRITE_FAULT;
        bytes += written;
        size -= written;
        if (size) store_crash_point();  /* half written */
    }
    return ERROR_SUCCESS;
}

/* Where the temporary file of a write goes: beside its target, so that the rename stays on one
 * volume; but for the archives under the root, in tmp\ (the same volume): they grow to thousands
 * of files, and Wine reads a whole folder for each name it does not find there (3.4 ms a name
 * at 10,000 files), which a new temporary name always is. */
static DWORD temp_base(const struct store *store, enum store_folder folder, const WCHAR *name, const WCHAR *target,
                       WCHAR base[MAX_PATH])
{
    BOOL relocated;

    if (folder == STORE_ARCHIVE_IN || folder == STORE_ARCHIVE_OUT)
    {
        AcquireSRWLockShared((SRWLOCK *)&store->lock);
        relocated = store->elsewhere[folder][0] != 0;
        ReleaseSRWLockShared((SRWLOCK *)&store->lock);
        if (!relocated)
            return file_path(store, STORE_TMP, name, base);
    }
    wcscpy(base, target);
    return ERROR_SUCCESS;
}

DWORD store_write(const struct store *store, enum store_folder folder, const WCHAR *name, const void *data,
                  size_t size)
{
    WCHAR target[MAX_PATH], base[MAX_PATH], temp[MAX_PATH];
    HANDLE file;
    DWORD error;

    if (!data && size)
        return ERROR_INVALID_PARAMETER;
    if ((error = file_path(store, folder, name, target)) || (error = temp_base(store, folder, name, target, base))
        || (error = create_temp(base, temp, &file)))
        return error;
    return commit_temp(file, temp, target, write_all(file, data, size));
}

/* Readers let writers rename a new file over the one they read (FILE_SHARE_DELETE): they keep
 * reading the old one, whole. */
static HANDLE open_for_reading(const WCHAR *path)
{
    return CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                       FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
}

static DWORD read_all(HANDLE file, size_t max_size, void **data, size_t *size)
{
    LARGE_INTEGER length;
    size_t total = 0, wanted;
    DWORD got;
    BYTE *buffer;

    if (!GetFileSizeEx(file, &length))
        return GetLastError();
    if ((ULONGLONG)length.QuadPart > max_size)
        return ERROR_FILE_TOO_LARGE;
    wanted = (size_t)length.QuadPart;
    if (!(buffer = malloc(wanted ? wanted : 1)))
        return ERROR_OUTOFMEMORY;
    while (total < wanted)
    {
        DWORD chunk = wanted - total > IO_CHUNK ? IO_CHUNK : (DWORD)(wanted - total);
        if (!ReadFile(file, buffer + total, chunk, &got, NULL) || !got)
        {
            DWORD error = got ? GetLastError() : ERROR_HANDLE_EOF;
            free(buffer);
            return error;
        }
        total += got;
    }
    *data = buffer;
    *size = total;
    return ERROR_SUCCESS;
}

DWORD store_read(const struct store *store, enum store_folder folder, const WCHAR *name, size_t max_size,
                 void **data, size_t *size)
{
    WCHAR path[MAX_PATH];
    HANDLE file;
    DWORD error;

    if (!data || !size)
        return ERROR_INVALID_PARAMETER;
    *data = NULL;
    *size = 0;
    if ((error = file_path(store, folder, name, path)))
        return error;
    if ((file = open_for_reading(path)) == INVALID_HANDLE_VALUE)
        return GetLastError();
    error = read_all(file, max_size, data, size);
    CloseHandle(file);
    return error;
}

DWORD store_file_size(const struct store *store, enum store_folder folder, const WCHAR *name, ULONGLONG *size)
{
    WIN32_FILE_ATTRIBUTE_DATA data;
    WCHAR path[MAX_PATH];
    DWORD error;

    if (!size)
        return ERROR_INVALID_PARAMETER;
    *size = 0;
    if ((error = file_path(store, folder, name, path)))
        return error;
    if (!GetFileAttributesExW(path, GetFileExInfoStandard, &data))
        return GetLastError();
    if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
        return ERROR_FILE_NOT_FOUND;
    *size = (ULONGLONG)data.nFileSizeHigh << 32 | data.nFileSizeLow;
    return ERROR_SUCCESS;
}

DWORD store_delete(const struct store *store, enum store_folder folder, const WCHAR *name)
{
    WCHAR path[MAX_PATH];
    DWORD error;

    if ((error = file_path(store, folder, name, path)))
        return error;
    return delete_file(path);
}

DWORD store_move(const struct store *store, enum store_folder from, const WCHAR *from_name, enum store_folder to,
                 const WCHAR *to_name, BOOL replace)
{
    WCHAR source[MAX_PATH], target[MAX_PATH];
    DWORD error;

    if ((error = file_path(store, from, from_name, source)) || (error = file_path(store, to, to_name, target)))
        return error;
    return rename_file(source, target, replace);
}

/* Copies an open source into a new temporary file beside target, then commits it. */
static DWORD copy_from(HANDLE source, ULONGLONG max_size, const WCHAR *target)
{
    WCHAR temp[MAX_PATH];
    LARGE_INTEGER length;
    ULONGLONG total = 0;
    HANDLE file;
    DWORD error, got;
    BYTE *buffer;

    /* a pipe, a console or a device would never end, or change as it is read */
    if (GetFileType(source) != FILE_TYPE_DISK)
        return ERROR_BAD_FILE_TYPE;
    if (!GetFileSizeEx(source, &length))
        return GetLastError();
    if ((ULONGLONG)length.QuadPart > max_size)
        return ERROR_FILE_TOO_LARGE;
    if (!(buffer = malloc(COPY_CHUNK)))
        return ERROR_OUTOFMEMORY;
    if ((error = create_temp(target, temp, &file)))
    {
        free(buffer);
        return error;
    }
    for (;;)
    {
        if (!ReadFile(source, buffer, COPY_CHUNK, &got, NULL))
        {
            error = GetLastError();
            break;
        }
        if (!got)
            break;
        if ((total += got) > max_size)  /* it grew since GetFileSizeEx */
        {
            error = ERROR_FILE_TOO_LARGE;
            break;
        }
        if ((error = write_all(file, buffer, got)))
            break;
    }
    free(buffer);
    return commit_temp(file, temp, target, error);
}

DWORD store_copy(const struct store *store, enum store_folder from, const WCHAR *from_name, enum store_folder to,
                 const WCHAR *to_name, ULONGLONG max_size)
{
    WCHAR source_path[MAX_PATH], target[MAX_PATH];
    HANDLE source;
    DWORD error;

    if ((error = file_path(store, from, from_name, source_path)) || (error = file_path(store, to, to_name, target)))
        return error;
    if ((source = open_for_reading(source_path)) == INVALID_HANDLE_VALUE)
        return GetLastError();
    error = copy_from(source, max_size, target);
    CloseHandle(source);
    return error;
}

DWORD store_import(const struct store *store, const WCHAR *source_path, enum store_folder to, const WCHAR *name,
                   ULONGLONG max_size)
{
    WCHAR target[MAX_PATH];
    HANDLE source;
    DWORD error;

    if (!source_path || !source_path[0])
        return ERROR_INVALID_PARAMETER;
    if ((error = file_path(store, to, name, target)))
        return error;
    if ((source = open_for_reading(source_path)) == INVALID_HANDLE_VALUE)
        return GetLastError();
    error = copy_from(source, max_size, target);
    CloseHandle(source);
    return error;
}

/* Listing */

typedef BOOL (*name_filter)(const WCHAR *name, const void *context);

void store_names_free(struct store_names *list)
{
    DWORD i;

    if (!list)
        return;
    for (i = 0; i < list->count; i++)
        free(list->names[i]);
    free(list->names);
    free(list->sizes);
    list->names = NULL;
    list->sizes = NULL;
    list->count = 0;
}

static DWORD add_name(struct store_names *list, DWORD *capacity, const WIN32_FIND_DATAW *data)
{
    ULONGLONG *sizes;
    WCHAR **names, *copy;

    if (list->count == *capacity)
    {
        DWORD grown = *capacity ? *capacity * 2 : 16;
        if (grown > STORE_MAX_LIST)
            grown = STORE_MAX_LIST;
        if (!(names = realloc(list->names, grown * sizeof(*names))))
            return ERROR_OUTOFMEMORY;
        list->names = names;
        if (!(sizes = realloc(list->sizes, grown * sizeof(*sizes))))
            return ERROR_OUTOFMEMORY;
        list->sizes = sizes;
        *capacity = grown;
    }
    if (!(copy = _wcsdup(data->cFileName)))
        return ERROR_OUTOFMEMORY;
    list->sizes[list->count] = ((ULONGLONG)data->nFileSizeHigh << 32) | data->nFileSizeLow;
    list->names[list->count++] = copy;
    return ERROR_SUCCESS;
}

/* The names of the folder's files (not folders, nor links) that keep accepts, unsorted. */
static DWORD collect_names(const struct store *store, enum store_folder folder, name_filter keep,
                           const void *context, DWORD max_count, struct store_names *list)
{
    WCHAR pattern[MAX_PATH];
    WIN32_FIND_DATAW data;
    DWORD error, capacity = 0;
    size_t length;
    HANDLE find;

    list->names = NULL;
    list->sizes = NULL;
    list->count = 0;
    if ((error = folder_path(store, folder, pattern, &length)))
        return error;
    if (!append_path(pattern, MAX_PATH, &length, L"\\*"))
        return ERROR_FILENAME_EXCED_RANGE;
    if ((find = FindFirstFileW(pattern, &data)) == INVALID_HANDLE_VALUE)
        return (error = GetLastError()) == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : error;
    do
    {
        if (data.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT))
            continue;
        if (!keep(data.cFileName, context))
            continue;
        if (list->count >= max_count || list->count >= STORE_MAX_LIST)
            error = ERROR_MORE_DATA;
        else
            error = add_name(list, &capacity, &data);
    } while (!error && FindNextFileW(find, &data));
    if (!error && (error = GetLastError()) == ERROR_NO_MORE_FILES)
        error = ERROR_SUCCESS;
    FindClose(find);
    if (error)
        store_names_free(list);
    return error;
}

static BOOL keep_listed(const WCHAR *name, const void *context)
{
    const WCHAR *extension = context;
    return store_check_name(name) == ERROR_SUCCESS && ends_with_nocase(name, wcslen(name), extension);
}

struct named_size
{
    WCHAR *name;
    ULONGLONG size;
};

static int compare_names(const void *a, const void *b)
{
    return wcscmp(((const struct named_size *)a)->name, ((const struct named_size *)b)->name);
}

/* Sorted by name, each size kept with its name. */
static DWORD sort_names(struct store_names *list)
{
    struct named_size *pairs = malloc(list->count * sizeof(*pairs));
    DWORD i;

    if (!pairs)
        return ERROR_OUTOFMEMORY;
    for (i = 0; i < list->count; i++)
    {
        pairs[i].name = list->names[i];
        pairs[i].size = list->sizes[i];
    }
    qsort(pairs, list->count, sizeof(*pairs), compare_names);
    for (i = 0; i < list->count; i++)
    {
        list->names[i] = pairs[i].name;
        list->sizes[i] = pairs[i].size;
    }
    free(pairs);
    return ERROR_SUCCESS;
}

DWORD store_list(const struct store *store, enum store_folder folder, const WCHAR *extension, DWORD max_count,
                 struct store_names *list)
{
    DWORD error;

    if (!list)
        return ERROR_INVALID_PARAMETER;
    list->names = NULL;
    list->sizes = NULL;
    list->count = 0;
    if ((error = collect_names(store, folder, keep_listed, extension ? extension : L"", max_count, list)))
        return error;
    if (list->count && (error = sort_names(list)))
        store_names_free(list);
    return error;
}

/* Cleanup */

static BOOL keep_leftover(const WCHAR *name, const void *context)
{
    return *(const enum store_folder *)context == STORE_TMP || ends_with_nocase(name, wcslen(name), STORE_TEMP_SUFFIX);
}

static DWORD delete_leftover(const struct store *store, enum store_folder folder, const WCHAR *name)
{
    WCHAR path[MAX_PATH];
    DWORD error;

    if ((error = raw_file_path(store, folder, name, path)))
        return error;
    SetFileAttributesW(path, FILE_ATTRIBUTE_NORMAL);  /* a read-only file could not be deleted */
    return delete_file(path);
}

/* The leftovers of one folder; the first error after trying every file. */
static DWORD cleanup_folder(const struct store *store, enum store_folder folder, DWORD *count)
{
    struct store_names list;
    DWORD first_error = ERROR_SUCCESS, error, i;

    if ((error = collect_names(store, folder, keep_leftover, &folder, STORE_MAX_LIST, &list)))
        return error;
    for (i = 0; i < list.count; i++)
    {
        if (!(error = delete_leftover(store, folder, list.names[i])))
            (*count)++;
        else if (!first_error)
            first_error = error;
    }
    store_names_free(&list);
    return first_error;
}

DWORD store_cleanup(const struct store *store, DWORD *removed)
{
    DWORD first_error = ERROR_SUCCESS, error, count = 0;
    int folder;

    if (removed)
        *removed = 0;
    if (!store)
        return ERROR_INVALID_PARAMETER;
    for (folder = 0; folder < STORE_FOLDER_COUNT; folder++)
        if ((error = cleanup_folder(store, (enum store_folder)folder, &count)) && !first_error)
            first_error = error;
    if (removed)
        *removed = count;
    return first_error;
}

DWORD store_cleanup_folder(const struct store *store, enum store_folder folder, DWORD *removed)
{
    DWORD count = 0, error;

    if (!store || (unsigned)folder >= STORE_FOLDER_COUNT)
        return ERROR_INVALID_PARAMETER;
    error = cleanup_folder(store, folder, &count);
    if (removed)
        *removed = count;
    return error;
}

/* Records */

DWORD store_error_from_record(record_status status)
{
    switch (status)
    {
    case RECORD_OK: return ERROR_SUCCESS;
    case RECORD_ERR_NO_MEMORY: return ERROR_OUTOFMEMORY;
    case RECORD_ERR_VERSION: return ERROR_REVISION_MISMATCH;
    case RECORD_ERR_NOT_FOUND: return ERROR_NOT_FOUND;
    case RECORD_ERR_EXISTS: return ERROR_ALREADY_EXISTS;
    case RECORD_ERR_INVALID_ARG: return ERROR_INVALID_PARAMETER;
    case RECORD_ERR_TOO_LARGE: return ERROR_FILE_TOO_LARGE;
    case RECORD_ERR_TRUNCATED:
    case RECORD_ERR_CORRUPT:
    case RECORD_ERR_BAD_VALUE:
        break;
    }
    return ERROR_INVALID_DATA;
}

DWORD store_write_record(const struct store *store, enum store_folder folder, const WCHAR *name,
                         const record *rec)
{
    uint8_t *data;
    size_t size;
    DWORD error;

    if (!rec)
        return ERROR_INVALID_PARAMETER;
    if ((error = store_error_from_record(record_serialize(rec, &data, &size))))
        return error;
    error = store_write(store, folder, name, data, size);
    free(data);
    return error;
}

DWORD store_read_record(const struct store *store, enum store_folder folder, const WCHAR *name, const char *kind,
                        record **rec)
{
    record_status status;
    void *data;
    size_t size;
    DWORD error;

    if (!rec)
        return ERROR_INVALID_PARAMETER;
    *rec = NULL;
    if ((error = store_read(store, folder, name, RECORD_MAX_SIZE, &data, &size)))
        return error == ERROR_FILE_TOO_LARGE ? ERROR_INVALID_DATA : error;
    status = record_parse(data, size, rec);
    free(data);
    if (status == RECORD_ERR_TOO_LARGE)  /* a line or field count over a limit: damage, as on disk */
        status = RECORD_ERR_CORRUPT;
    if ((error = store_error_from_record(status)))
        return error;
    if (kind && strcmp(record_kind(*rec), kind))
    {
        record_free(*rec);
        *rec = NULL;
        return ERROR_INVALID_DATA;
    }
    return ERROR_SUCCESS;
}
