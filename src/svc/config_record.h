/*
 * The configuration classes as records: the same text on disk (one file per class under the data
 * root's config folder) and on the wire (fxs_get_config, fxs_set_config). The keys of every class
 * are listed in idl/faxsvc.idl; config_record.c holds them. Engine thread only (the read-only keys
 * come from the archives and the devices).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_CONFIG_RECORD_H
#define FXSSVC_CONFIG_RECORD_H

#include <windows.h>
#include "config.h"
#include "record.h"

/* Two classes of files only, never on the wire: "general.rec", what IFaxConfiguration holds
 * beyond the other classes (struct general_config); and "general-pending.rec", the journal of a
 * change of the general view (FXS_CONFIG_GENERAL): every class it may change, written before
 * them, removed after them, so that the next start finishes what a crash cut in the middle. */
#define CONFIG_GENERAL_FLAGS 0x102
#define CONFIG_JOURNAL       0x103

/* What config_to_record writes, and config_from_record accepts, beyond the values. */
#define CONFIG_RECORD_SECRETS 0x1   /* the SMTP password */
#define CONFIG_RECORD_STATUS  0x2   /* the read-only keys: archive sizes, group and rule status */
#define CONFIG_RECORD_ALL     0x4   /* devices not present now; from_record: such devices are added,
                                       not refused (a file of an earlier run) */
#define CONFIG_RECORD_DISK    (CONFIG_RECORD_SECRETS | CONFIG_RECORD_ALL)

/* Whether config_class is a class of the wire (FXS_CONFIG_*), and its record's kind and file. */
BOOL config_class_known(DWORD config_class);
const char *config_kind(DWORD config_class);
const WCHAR *config_file_name(DWORD config_class);

/* The class config_class of config as a record. ERROR_OUTOFMEMORY, ERROR_INVALID_PARAMETER. */
DWORD config_to_record(DWORD config_class, const struct service_config *config, DWORD flags, record **out);

/* Replaces the class config_class of *config with what rec holds; the rest stays. Checks the
 * record's shape only (kind, keys, types, lengths): ERROR_INVALID_PARAMETER; a device that is not
 * present: ERROR_NOT_FOUND (unless CONFIG_RECORD_ALL). The values are checked by config_check. */
DWORD config_from_record(DWORD config_class, const record *rec, DWORD flags, struct service_config *config);

/* config_check.c: whether the class config_class of config may be in force (see config.h for
 * the codes). loading: a file of an earlier run, whose devices may be gone. */
DWORD config_check(DWORD config_class, const struct service_config *config, BOOL loading);

/* config_inbound.c: the class FXS_CONFIG_INBOUND_ROUTING, as config_to_record, config_from_record
 * (*used counts the keys read) and config_check do for the others. */
record_status inbound_routing_to_record(record *rec, const struct service_config *config, DWORD flags);
DWORD inbound_routing_from_record(const record *rec, DWORD flags, struct service_config *config, size_t *used);
DWORD inbound_routing_check(const struct service_config *config, BOOL loading);

/* A decimal number without sign or leading zero, up to 0xffffffff; *end is after its last digit. */
BOOL config_parse_number(const char *text, DWORD *number, const char **end);

/* The status a group or rule shows (FAX_GROUP_STATUS_ENUM, FAX_RULE_STATUS_ENUM). */
DWORD config_group_status(const struct routing_group *group);
DWORD config_rule_status(const struct service_config *config, const struct routing_rule *rule);

/* config.c: the general view into next (a copy of the configuration in force). Its archive
 * settings go to both archives, the folder as ArchiveLocation's Inbox and SentItems, unless they
 * are those the view shows (config_general_archive): a view given back as it was read leaves two
 * different archives as they are. */
void config_apply_general(struct service_config *next, const struct general_view *view);

/* config.c: a class as a change would make it (a heap copy of the configuration in force, with
 * the class changed in it), then committed: checked, compared, written, put in force, announced.
 * The whole new value is checked: ERROR_INVALID_PARAMETER for a value out of its range, or the
 * precise code (ERROR_NOT_FOUND for an unknown device, FAX_ERR_GROUP_NOT_FOUND, ...); a refused
 * change changes nothing. A value equal to the one in force is ERROR_SUCCESS with nothing written
 * and no event. Otherwise the record is written, the value takes effect, and each changed class's
 * event is published once (then the queue-state event when Blocked or Paused changed). Frees
 * nothing. */
struct service_config *config_copy(void);
DWORD config_commit(DWORD config_class, struct service_config *next);

#endif /* FXSSVC_CONFIG_RECORD_H */
