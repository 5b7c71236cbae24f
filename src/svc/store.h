/*
 * The fax service's files: one data root holding the queues, the archives, the configuration and
 * the logs, where every file is replaced atomically, so that a crash at any instant leaves either
 * the old or the new content of a file, never a torn one (see ../shared/DESIGN.md, "State is
 * durable").
 *
 * Layout of the data root (store_open creates what is missing):
 *
 *     <root>\config\         configuration records, one per class ("outbox.rec", ...)
 *     <root>\queue\out\      outgoing jobs: "<id>.job" record, "<id>.tif" body
 *     <root>\queue\in\       incoming jobs (being received or routed)
 *     <root>\archive\out\    sent messages: "<id>.msg" record, "<id>.tif" image
 *     <root>\archive\in\     received messages, same shape
 *     <root>\log\            activity logs (tab-separated text)
 *     <root>\tmp\            scratch files written bit by bit (a fax being received, an image
 *                            being joined), moved into place with store_move when complete;
 *                            everything in it is deleted by store_cleanup
 *
 * The file names inside are chosen by the engine (usually store_id_name: an id as 16 hex digits
 * plus an extension), never taken from a client as they are; even so, every function that takes
 * a name checks it with store_check_name, the one place deciding what may name a file, so no id
 * or name can reach outside its folder (issue 7).
 *
 * Moves between folders are renames too: the whole root must be one volume (MoveFileExW is called
 * without MOVEFILE_COPY_ALLOWED, so a folder mounted from another volume fails with
 * ERROR_NOT_SAME_DEVICE instead of being copied non-atomically).
 *
 * Atomic replacement: the data goes to a temporary file in the target's own folder (store_write
 * into an archive folder under the root: in tmp\, on the same volume, as a large folder makes
 * each new name slow to create under Wine), named
 * "<name>.<pid>-<sequence>.fxstmp" (8 hex digits each), which is flushed (FlushFileBuffers),
 * closed, and renamed over the target with MoveFileExW(MOVEFILE_REPLACE_EXISTING |
 * MOVEFILE_WRITE_THROUGH). A rename within one folder is atomic on NTFS and on the POSIX file
 * systems under Wine; a crash before it leaves the old file and a stray ".fxstmp" file, which no
 * valid name can end with, and which store_cleanup deletes at the next start.
 *
 * Windows (but for the POSIX rename of recent NTFS) and Wine refuse to rename over or delete a
 * file while any handle holds it open, FILE_SHARE_DELETE or not: store_write, store_move,
 * store_copy and store_delete wait up to 2 seconds for such a handle to close (readers of the
 * store hold files only while they read them), then fail with the error Windows gave
 * (ERROR_ACCESS_DENIED or ERROR_SHARING_VIOLATION), leaving the old file whole.
 *
 * Every function returns a Win32 error code: ERROR_SUCCESS; ERROR_INVALID_PARAMETER (NULL, a folder
 * out of range, a bad id); ERROR_INVALID_NAME (a name store_check_name refuses);
 * ERROR_FILE_NOT_FOUND; ERROR_ALREADY_EXISTS; ERROR_FILE_TOO_LARGE (over the caller's limit);
 * ERROR_INVALID_DATA (a truncated or corrupt record, or one of another kind);
 * ERROR_REVISION_MISMATCH (a record of another format version: a newer service's file, not to be
 * deleted as damaged); ERROR_BAD_FILE_TYPE (a source that is no disk file); ERROR_OUTOFMEMORY; or
 * what Windows reported. Bad input never crashes. A store may be used from several threads at
 * once; two writers of the same file leave one of the two contents, whole.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_STORE_H
#define FXSSVC_STORE_H

#include <windows.h>
#include "record.h"

enum store_folder
{
    STORE_CONFIG,
    STORE_QUEUE_OUT,
    STORE_QUEUE_IN,
    STORE_ARCHIVE_OUT,
    STORE_ARCHIVE_IN,
    STORE_LOG,
    STORE_TMP,
    STORE_FOLDER_COUNT
};

/* Limits of paths: with them every path the store builds, temporary ones included, stays under
 * MAX_PATH, so that no API needs the \\?\ form. */
#define STORE_MAX_ROOT 150      /* characters of the data root's full path */
#define STORE_MAX_NAME 64       /* characters of a file name */
#define STORE_TEMP_SUFFIX L".fxstmp"
#define STORE_ID_LENGTH 16      /* characters of an id's text */
#define STORE_MAX_LIST 1000000  /* names store_list returns at most, whatever the caller asks */

struct store;

/*
 * Crash points, for the crash test (tests/service_crash.c): store_crash_at(n) makes the process
 * end itself, as TerminateProcess would, at the n-th point from now where a durable change is
 * under way: before a temporary file is created, between its chunks, after it is written and
 * before it is flushed, before each rename (replace, move) and delete, and before each activity
 * log line. The service arms it only with its test hooks on (FXSSVC_CRASH_AT).
 */
#define STORE_CRASH_EXIT_CODE 86
void store_crash_at(DWORD step);
void store_crash_point(void);

/* Opens the data root (made absolute with GetFullPathNameW; at most STORE_MAX_ROOT characters),
 * creating it, its missing parents and the folders of the layout. Deletes nothing: the service
 * calls store_cleanup once it knows it is the only user. */
DWORD store_open(const WCHAR *root, struct store **store);
void store_close(struct store *store);
/* The data root's full path, without a trailing backslash (except for a drive's root). */
const WCHAR *store_root(const struct store *store);
/*
 * A folder of the layout placed elsewhere (the archives' ArchiveFolder): path, an existing folder
 * of at most STORE_MAX_ROOT characters, is used for it from now on; NULL or "" puts it back under
 * the root. Nothing is moved: the files of the old place stay there. STORE_CONFIG and STORE_TMP
 * stay under the root (ERROR_INVALID_PARAMETER). Moves between the root and another volume fail
 * with ERROR_NOT_SAME_DEVICE (see store_move): callers copy then.
 */
DWORD store_relocate(struct store *store, enum store_folder folder, const WCHAR *path);
/* The full path of a folder of the store (where it is now). */
DWORD store_folder_path(const struct store *store, enum store_folder folder, WCHAR *path, size_t size);
/* The full path of a file of the store, for the few callers that must open it themselves (a
 * file in tmp\ written as a fax comes in). size counts WCHARs; MAX_PATH is always enough. */
DWORD store_path(const struct store *store, enum store_folder folder, const WCHAR *name, WCHAR *path,
                 size_t size);

/*
 * Whether name may name a file of the store: ERROR_SUCCESS or ERROR_INVALID_NAME. A name has 1 to
 * STORE_MAX_NAME characters, all of A-Z a-z 0-9 . _ - (so no path separator, no drive or stream
 * colon, no control character, wildcard, space, '~' of 8.3 aliases, nor any non-ASCII lookalike);
 * it neither starts nor ends with a dot (".", "..", and "x." which Windows would open as "x"), has
 * no "..", does not end with STORE_TEMP_SUFFIX, and the part before its first dot is no DOS device
 * name (CON, PRN, AUX, NUL, COM0-COM9, LPT0-LPT9, in any case: "nul.txt" is the NUL device).
 */
DWORD store_check_name(const WCHAR *name);

/* Ids as text: exactly STORE_ID_LENGTH uppercase hex digits, "00000000000001A2". This is also
 * the job and message id string the COM API shows. Parsing takes a counted string (a BSTR may hold
 * a NUL) and refuses anything else: another length, lowercase, signs, spaces, a 0x prefix. */
void store_format_id(ULONGLONG id, WCHAR text[STORE_ID_LENGTH + 1]);
DWORD store_parse_id(const WCHAR *text, size_t length, ULONGLONG *id);
/* "<id><extension>", e.g. (0x1A2, L".job") gives L"00000000000001A2.job"; the result passes
 * store_check_name or the call fails with ERROR_INVALID_NAME. */
DWORD store_id_name(ULONGLONG id, const WCHAR *extension, WCHAR name[STORE_MAX_NAME + 1]);

/* Replaces (or creates) a whole file atomically. */
DWORD store_write(const struct store *store, enum store_folder folder, const WCHAR *name, const void *data,
                  size_t size);
/* Reads a whole file into a malloc'ed buffer (release it with free()); a file larger than
 * max_size fails with ERROR_FILE_TOO_LARGE. An empty file gives a non-NULL buffer of size 0. */
DWORD store_read(const struct store *store, enum store_folder folder, const WCHAR *name, size_t max_size,
                 void **data, size_t *size);
/* The size of a file (ERROR_FILE_NOT_FOUND when it does not exist). */
DWORD store_file_size(const struct store *store, enum store_folder folder, const WCHAR *name, ULONGLONG *size);
DWORD store_delete(const struct store *store, enum store_folder folder, const WCHAR *name);
/* Renames a file, also between folders, atomically: afterwards it is in one place or the other.
 * An existing target fails with ERROR_ALREADY_EXISTS unless replace is TRUE. */
DWORD store_move(const struct store *store, enum store_folder from, const WCHAR *from_name, enum store_folder to,
                 const WCHAR *to_name, BOOL replace);
/* Copies a file of the store, or (store_import) any disk file, into the store atomically: into a
 * temporary file, flushed, then renamed over the target. A source larger than max_size fails with
 * ERROR_FILE_TOO_LARGE and leaves nothing behind. store_import opens source_path with the
 * service's own rights and checks nothing about where it is: never hand it a client's path. */
DWORD store_copy(const struct store *store, enum store_folder from, const WCHAR *from_name, enum store_folder to,
                 const WCHAR *to_name, ULONGLONG max_size);
DWORD store_import(const struct store *store, const WCHAR *source_path, enum store_folder to, const WCHAR *name,
                   ULONGLONG max_size);

/* The names of a folder's files whose name ends with extension (ASCII case-insensitively; NULL or
 * L"" for all), sorted by ordinal comparison so that recovery visits them in the same order every
 * time. Skips folders and every name store_check_name refuses (temporary files among them). More
 * than max_count matches (or than STORE_MAX_LIST) fail with ERROR_MORE_DATA. Each file's size
 * comes with it, from the listing itself: asking a large folder for files one by one is slow
 * under Wine (a name it does not find at once costs a read of the whole folder). */
struct store_names
{
    WCHAR **names;
    ULONGLONG *sizes;       /* sizes[i]: bytes of names[i] */
    DWORD count;
};
DWORD store_list(const struct store *store, enum store_folder folder, const WCHAR *extension, DWORD max_count,
                 struct store_names *list);
void store_names_free(struct store_names *list);

/* Deletes what an interrupted write leaves: every "*.fxstmp" file of every folder of the layout,
 * and every file in tmp\. Only for a store no other thread or process is writing to (the service
 * calls it at start, holding its single-instance mutex). removed (may be NULL) counts the files
 * deleted; the first error is returned after trying every file. */
DWORD store_cleanup(const struct store *store, DWORD *removed);
/* The same for one folder: what a crash left in a folder the store was relocated to. */
DWORD store_cleanup_folder(const struct store *store, enum store_folder folder, DWORD *removed);

/* A record written atomically, and read back: ERROR_INVALID_DATA for a damaged record (a file over
 * RECORD_MAX_SIZE included) or one whose kind is not kind (NULL accepts any),
 * ERROR_REVISION_MISMATCH for another format version. */
DWORD store_write_record(const struct store *store, enum store_folder folder, const WCHAR *name,
                         const record *rec);
DWORD store_read_record(const struct store *store, enum store_folder folder, const WCHAR *name, const char *kind,
                        record **rec);
/* The Win32 error matching a record status (ERROR_INVALID_DATA for damage). */
DWORD store_error_from_record(record_status status);

#endif /* FXSSVC_STORE_H */
