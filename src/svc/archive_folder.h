/*
 * Where each archive keeps its messages: IFaxIncomingArchive/IFaxOutgoingArchive.ArchiveFolder.
 *
 * "" (the default) is the data root's own archive\in or archive\out. Any other value is a full
 * path ("X:\..." or "\\server\share\...", environment variables such as %ProgramData% expanded)
 * of at most STORE_MAX_ROOT characters once resolved, outside the data root, and not the other
 * archive's folder (the two archives' messages would mix); a Save naming a missing folder creates
 * it. Refusals, each with nothing changed: ERROR_BAD_PATHNAME (not a full path),
 * ERROR_FILENAME_EXCED_RANGE (too long), ERROR_PATH_BUSY (inside the data root, or the other
 * archive's folder), ERROR_DIRECTORY (a file has that name), ERROR_CANNOT_MAKE (the folder cannot
 * be created; the reason is in the service's log).
 *
 * A new folder takes effect at once: new messages go there, and the archive lists what the new
 * folder holds (messages another service or an earlier setting left there included). The messages
 * of the old folder stay where they are, untouched, and are no longer listed (as Microsoft's fax
 * service does); setting the old folder again lists them again. Nothing is moved, so a change is
 * as crash-safe as the configuration record that holds it. A folder on another volume than the
 * data root gets copies of the images (then the queued ones are deleted) instead of renames.
 *
 * At start, a configured folder that is gone is created again; one that cannot be used is
 * reported (service log and event log) and the data root's archive folder is used meanwhile.
 * Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_ARCHIVE_FOLDER_H
#define FXSSVC_ARCHIVE_FOLDER_H

#include <windows.h>
#include "config.h"

/* Whether next's folder of this archive may be used (creating it when it is missing). */
DWORD archive_folder_check(BOOL incoming, const struct service_config *next);

/* Places the archive where the configuration in force says; TRUE when that moved it. */
BOOL archive_folder_place(BOOL incoming);

#endif /* FXSSVC_ARCHIVE_FOLDER_H */
