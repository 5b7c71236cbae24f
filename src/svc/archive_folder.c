/*
 * Where each archive keeps its messages (see archive_folder.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <wchar.h>
#include "fxssvc_private.h"
#include "archive_folder.h"
#include "event_log.h"
#include "folder.h"
#include "jobstore.h"
#include "store.h"

static const struct archive_config *archive_of(const struct service_config *config, BOOL incoming)
{
    return incoming ? &config->incoming_archive : &config->outgoing_archive;
}

static enum store_folder store_folder_of(BOOL incoming)
{
    return incoming ? STORE_ARCHIVE_IN : STORE_ARCHIVE_OUT;
}

DWORD archive_folder_check(BOOL incoming, const struct service_config *next)
{
    const WCHAR *setting = archive_of(next, incoming)->folder, *other = archive_of(next, !incoming)->folder;
    struct store *store = jobstore_store();
    WCHAR folder[MAX_PATH], other_folder[MAX_PATH];
    DWORD error;

    if (!setting[0]) return ERROR_SUCCESS;
    if (!store) return ERROR_NOT_READY;
    if ((error = folder_resolve(setting, STORE_MAX_ROOT, folder))) return error;
    if (folder_contains(store_root(store), folder)) return ERROR_PATH_BUSY;
    if (other[0] && !folder_resolve(other, STORE_MAX_ROOT, other_folder) && !lstrcmpiW(folder, other_folder))
        return ERROR_PATH_BUSY;
    if ((error = folder_create(folder)) && error != ERROR_DIRECTORY)
    {
        svc_log("archive: the folder %ls cannot be created: error %lu", folder, error);
        error = ERROR_CANNOT_MAKE;
    }
    return error;
}

/* The folder a setting names, ready for the store; an error when it cannot be used. */
static DWORD usable_folder(const WCHAR *setting, WCHAR folder[MAX_PATH])
{
    DWORD error;

    if ((error = folder_resolve(setting, STORE_MAX_ROOT, folder))) return error;
    if (folder_contains(store_root(jobstore_store()), folder)) return ERROR_PATH_BUSY;
    return folder_create(folder);
}

BOOL archive_folder_place(BOOL incoming)
{
    const WCHAR *setting = archive_of(config_get(), incoming)->folder;
    struct store *store = jobstore_store();
    enum store_folder which = store_folder_of(incoming);
    WCHAR before[MAX_PATH], folder[MAX_PATH] = { 0 }, after[MAX_PATH];
    DWORD error, removed = 0;

    if (!store || store_folder_path(store, which, before, ARRAY_SIZE(before))) return FALSE;
    if (setting[0] && ((error = usable_folder(setting, folder)) || (error = store_relocate(store, which, folder))))
    {
        svc_log("archive: the folder \"%ls\" cannot be used (error %lu): using the data root's", setting, error);
        event_log_report(EVENT_LOG_GENERAL, EVENTLOG_ERROR_TYPE, EVENT_ID_ARCHIVE_FOLDER,
                         L"The %ls archive's folder \"%ls\" cannot be used (error %lu): its messages are kept in "
                         L"the fax service's data folder meanwhile.", incoming ? L"incoming" : L"outgoing", setting,
                         error);
        folder[0] = 0;
    }
    if (!folder[0]) store_relocate(store, which, NULL);
    if (store_folder_path(store, which, after, ARRAY_SIZE(after)) || !lstrcmpiW(before, after)) return FALSE;
    /* What a crash left there while the service wrote in it (the only writer: it holds its mutex). */
    if (!store_cleanup_folder(store, which, &removed) && removed)
        svc_log("archive: removed %lu temporary files in %ls", removed, after);
    return TRUE;
}
