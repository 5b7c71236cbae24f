/*
 * Jobs and archived messages on disk (see jobstore.h).
 *
 * Under the data root (store.c): queue/out and queue/in hold <ID>.job records and <ID>.tif images;
 * archive/out and archive/in hold <ID>.msg records and <ID>.tif images; config/ids.rec holds the
 * id counter. Every file is replaced atomically, and every change is ordered so that a crash
 * between two steps leaves something recovery can finish or undo:
 * - submit: image, then record (an image without a record is an unfinished submit: deleted);
 * - archive: image moved (copied when the archive's folder is on another volume), then message
 *   record written, then job record and any queued image deleted (a job record whose message
 *   record exists is an archive move that finished: the job record and image go);
 * - delete: record, then image (an image without a record is deleted).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <shlobj.h>
#include "fxssvc_private.h"
#include "faxcomex.h"
#include "jobstore.h"
#include "job_record.h"
#include "store.h"

/* Ids are handed out from blocks; the end of the current block is what is saved, so an id is
 * never reused after a crash (some are skipped). */
#define ID_BLOCK 1024
#define MAX_RECORD_SIZE (1024 * 1024)
#define MAX_IMAGE_SIZE (256ull * 1024 * 1024)

static struct store *store;
static ULONGLONG next_id, id_block_end;

static enum store_folder queue_folder(const struct job *job)
{
    return job->incoming ? STORE_QUEUE_IN : STORE_QUEUE_OUT;
}

static enum store_folder archive_folder(BOOL incoming)
{
    return incoming ? STORE_ARCHIVE_IN : STORE_ARCHIVE_OUT;
}

static DWORD save_id_block(ULONGLONG end)
{
    record *rec;
    DWORD error;

    if (record_create("ids", &rec)) return ERROR_OUTOFMEMORY;
    if (record_add_u64(rec, "next", end))
    {
        record_free(rec);
        return ERROR_OUTOFMEMORY;
    }
    error = store_write_record(store, STORE_CONFIG, L"ids.rec", rec);
    record_free(rec);
    return error;
}

static DWORD load_id_block(void)
{
    record *rec;
    DWORD error = store_read_record(store, STORE_CONFIG, L"ids.rec", "ids", &rec);

    next_id = 1;
    if (error == ERROR_FILE_NOT_FOUND) return ERROR_SUCCESS;
    if (error) return error;
    if (record_get_u64(rec, "next", &next_id) || !next_id) error = ERROR_INVALID_DATA;
    record_free(rec);
    return error;
}

/* The data root: FXSSVC_DATA_ROOT, else the registry value, else the common application data folder. */
static void data_root(WCHAR *root, DWORD size)
{
    DWORD bytes = size * sizeof(WCHAR);
    WCHAR common[MAX_PATH];

    if (GetEnvironmentVariableW(FXSSVC_ENV_DATA_ROOT, root, size) - 1 < size - 1) return;
    if (!RegGetValueW(HKEY_LOCAL_MACHINE, FXSSVC_REGISTRY_KEY, L"DataRoot", RRF_RT_REG_SZ, NULL, root, &bytes))
        return;
    if (SHGetFolderPathW(NULL, CSIDL_COMMON_APPDATA, NULL, SHGFP_TYPE_CURRENT, common) != S_OK)
        lstrcpyW(common, L"C:\\ProgramData");
    wsprintfW(root, L"%s\\fxscomex", common);
}

DWORD jobstore_open(void)
{
    WCHAR root[MAX_PATH];
    DWORD error, removed;

    data_root(root, ARRAY_SIZE(root));
    if ((error = store_open(root, &store))) return error;
    store_cleanup(store, &removed);
    if (removed) svc_log("removed %lu temporary files a crash left", removed);
    if ((error = load_id_block()))
    {
        store_close(store);
        store = NULL;
        return error;
    }
    id_block_end = next_id;
    return ERROR_SUCCESS;
}

void jobstore_close(void)
{
    if (store) store_close(store);
    store = NULL;
}

DWORD jobstore_log_path(const WCHAR *name, WCHAR *path, size_t size)
{
    if (!store) return ERROR_INVALID_HANDLE;
    return store_path(store, STORE_LOG, name, path, size);
}

struct store *jobstore_store(void)
{
    return store;
}

ULONGLONG jobstore_new_id(void)
{
    if (next_id == id_block_end)
    {
        /* Saved before use: without the saved block, a restart could hand out the id again. */
        if (save_id_block(id_block_end + ID_BLOCK)) svc_log("saving the id counter failed");
        id_block_end += ID_BLOCK;
    }
    return next_id++;
}

void jobstore_reserve_ids(ULONGLONG last)
{
    if (last < next_id) return;
    /* The next jobstore_new_id saves a block after them first. */
    next_id = id_block_end = last + 1;
}

static DWORD write_job_record(const struct job *job, enum store_folder folder, const char *kind, const WCHAR *extension)
{
    WCHAR name[STORE_MAX_NAME + 1];
    record *rec;
    DWORD error;

    if (job_to_record(job, kind, &rec)) return ERROR_OUTOFMEMORY;
    if (!(error = store_id_name(job->id, extension, name))) error = store_write_record(store, folder, name, rec);
    record_free(rec);
    return error;
}

DWORD jobstore_save_job(const struct job *job)
{
    return write_job_record(job, queue_folder(job), JOB_RECORD_KIND, L".job");
}

DWORD jobstore_put_image(const struct job *job, const void *tiff, size_t size)
{
    WCHAR name[STORE_MAX_NAME + 1];
    DWORD error = store_id_name(job->id, L".tif", name);
    return error ? error : store_write(store, queue_folder(job), name, tiff, size);
}

static DWORD read_image(enum store_folder folder, ULONGLONG id, void **tiff, size_t *size)
{
    WCHAR name[STORE_MAX_NAME + 1];
    DWORD error = store_id_name(id, L".tif", name);
    return error ? error : store_read(store, folder, name, MAX_IMAGE_SIZE, tiff, size);
}

DWORD jobstore_get_image(const struct job *job, void **tiff, size_t *size)
{
    return read_image(queue_folder(job), job->id, tiff, size);
}

static DWORD delete_files(enum store_folder folder, ULONGLONG id, const WCHAR *record_extension)
{
    WCHAR name[STORE_MAX_NAME + 1];
    DWORD error;

    if ((error = store_id_name(id, record_extension, name))) return error;
    error = store_delete(store, folder, name);
    if (error && error != ERROR_FILE_NOT_FOUND) return error;
    store_id_name(id, L".tif", name);
    error = store_delete(store, folder, name);
    return error == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : error;
}

static BOOL file_exists(enum store_folder folder, ULONGLONG id, const WCHAR *extension)
{
    WCHAR name[STORE_MAX_NAME + 1];
    ULONGLONG size;
    return !store_id_name(id, extension, name) && !store_file_size(store, folder, name, &size);
}

DWORD jobstore_delete_job(const struct job *job)
{
    return delete_files(queue_folder(job), job->id, L".job");
}

DWORD jobstore_archive_job(const struct job *job)
{
    WCHAR name[STORE_MAX_NAME + 1];
    enum store_folder to = archive_folder(job->incoming);
    DWORD error;

    if ((error = store_id_name(job->id, L".tif", name))) return error;
    /* An archive folder on another volume (ArchiveFolder) gets a copy; the queued image goes
     * with the job record below, as recovery removes both. */
    error = store_move(store, queue_folder(job), name, to, name, TRUE);
    if (error == ERROR_NOT_SAME_DEVICE) error = store_copy(store, queue_folder(job), name, to, name, MAX_IMAGE_SIZE);
    /* Recovery finishes an archiving a crash cut short: the image may have moved already. */
    if (error && (error != ERROR_FILE_NOT_FOUND || !file_exists(to, job->id, L".tif")))
        return error;
    if ((error = write_job_record(job, to, MESSAGE_RECORD_KIND, L".msg"))) return error;
    return delete_files(queue_folder(job), job->id, L".job");
}

/* Reads one record file of a folder; ERROR_INVALID_DATA for a damaged one. */
static DWORD read_job(enum store_folder folder, const WCHAR *name, const char *kind, struct job **job)
{
    record *rec;
    DWORD error = store_read_record(store, folder, name, kind, &rec);

    if (error) return error;
    error = job_from_record(rec, job);
    record_free(rec);
    return error;
}

/* Keeps what a damaged file held for a person to look at, out of the service's way. */
static void set_aside(enum store_folder folder, const WCHAR *name)
{
    WCHAR damaged[STORE_MAX_NAME + 1];
    wsprintfW(damaged, L"%.40s.damaged", name);
    if (store_move(store, folder, name, folder, damaged, TRUE)) store_delete(store, folder, name);
    svc_log("a damaged record was set aside: %ls", name);
}

/* Images whose record is missing are leftovers of an unfinished submit or delete. */
static void remove_orphan_images(enum store_folder folder, const WCHAR *record_extension)
{
    struct store_names images;
    ULONGLONG id;
    DWORD i;

    if (store_list(store, folder, L".tif", STORE_MAX_LIST, &images)) return;
    for (i = 0; i < images.count; i++)
        if (!store_parse_id(images.names[i], STORE_ID_LENGTH, &id) && !file_exists(folder, id, record_extension))
            store_delete(store, folder, images.names[i]);
    store_names_free(&images);
}

/* Recovery of one queue: finish archive moves, set damaged records aside, hand the rest over. */
static void load_queue(enum store_folder folder, BOOL incoming, void (*adopt)(struct job *job))
{
    struct store_names names;
    struct job *job;
    ULONGLONG id;
    DWORD i;

    if (store_list(store, folder, L".job", STORE_MAX_LIST, &names)) return;
    for (i = 0; i < names.count; i++)
    {
        if (store_parse_id(names.names[i], STORE_ID_LENGTH, &id)) continue;
        if (file_exists(archive_folder(incoming), id, L".msg"))
        {
            delete_files(folder, id, L".job");
            continue;
        }
        if (read_job(folder, names.names[i], JOB_RECORD_KIND, &job))
        {
            set_aside(folder, names.names[i]);
            continue;
        }
        job->incoming = incoming;
        jobstore_reserve_ids(id);
        adopt(job);
    }
    store_names_free(&names);
    remove_orphan_images(folder, L".job");
}

DWORD jobstore_load_jobs(void (*adopt)(struct job *job))
{
    /* Queues first: their recovery finishes archivings whose image is in the archive already,
     * without its record; only what is left without one after that is an orphan. */
    load_queue(STORE_QUEUE_OUT, FALSE, adopt);
    load_queue(STORE_QUEUE_IN, TRUE, adopt);
    remove_orphan_images(STORE_ARCHIVE_OUT, L".msg");
    remove_orphan_images(STORE_ARCHIVE_IN, L".msg");
    return ERROR_SUCCESS;
}

BOOL jobstore_has_image(const struct job *job)
{
    return file_exists(queue_folder(job), job->id, L".tif") ||
           file_exists(archive_folder(job->incoming), job->id, L".tif");
}

static int compare_ids(const void *a, const void *b)
{
    ULONGLONG x = *(const ULONGLONG *)a, y = *(const ULONGLONG *)b;
    return x < y ? -1 : x > y;
}

/* The bytes of the images of the messages listed, from one listing of the folder (see store.h:
 * no file looked up one by one). */
static DWORD images_bytes(BOOL incoming, const ULONGLONG *ids, DWORD count, ULONGLONG *bytes)
{
    struct store_names images;
    ULONGLONG id;
    DWORD i, error;

    *bytes = 0;
    if ((error = store_list(store, archive_folder(incoming), L".tif", STORE_MAX_LIST, &images))) return error;
    for (i = 0; i < images.count; i++)
        if (!store_parse_id(images.names[i], STORE_ID_LENGTH, &id) && bsearch(&id, ids, count, sizeof(*ids), compare_ids))
            *bytes += images.sizes[i];
    store_names_free(&images);
    return ERROR_SUCCESS;
}

DWORD jobstore_message_ids(BOOL incoming, ULONGLONG **ids, DWORD *count, ULONGLONG *image_bytes)
{
    struct store_names names;
    DWORD i, error;

    *ids = NULL;
    *count = 0;
    *image_bytes = 0;
    if ((error = store_list(store, archive_folder(incoming), L".msg", STORE_MAX_LIST, &names))) return error;
    if (names.count && !(*ids = malloc(names.count * sizeof(**ids))))
    {
        store_names_free(&names);
        return ERROR_OUTOFMEMORY;
    }
    /* Names of fixed width in ordinal order: the ids come ascending. */
    for (i = 0; i < names.count; i++)
        if (!store_parse_id(names.names[i], STORE_ID_LENGTH, &(*ids)[*count])) (*count)++;
    store_names_free(&names);
    if ((error = images_bytes(incoming, *ids, *count, image_bytes)))
    {
        free(*ids);
        *ids = NULL;
        *count = 0;
    }
    return error;
}

DWORD jobstore_read_message(BOOL incoming, ULONGLONG id, struct job **message)
{
    WCHAR name[STORE_MAX_NAME + 1];
    DWORD error;

    if ((error = store_id_name(id, L".msg", name))) return error;
    if ((error = read_job(archive_folder(incoming), name, MESSAGE_RECORD_KIND, message))) return error;
    (*message)->incoming = incoming;
    return ERROR_SUCCESS;
}

DWORD jobstore_save_message(const struct job *message)
{
    return write_job_record(message, archive_folder(message->incoming), MESSAGE_RECORD_KIND, L".msg");
}

DWORD jobstore_message_image(BOOL incoming, ULONGLONG id, void **tiff, size_t *size)
{
    return read_image(archive_folder(incoming), id, tiff, size);
}

DWORD jobstore_message_size(BOOL incoming, ULONGLONG id, ULONGLONG *size)
{
    WCHAR name[STORE_MAX_NAME + 1];
    DWORD error = store_id_name(id, L".tif", name);
    return error ? error : store_file_size(store, archive_folder(incoming), name, size);
}

DWORD jobstore_delete_message(BOOL incoming, ULONGLONG id)
{
    return delete_files(archive_folder(incoming), id, L".msg");
}
