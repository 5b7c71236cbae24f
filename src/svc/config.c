/*
 * The configuration in force (see config.h): its defaults, the devices' default settings, the
 * saved classes read at start, and every change: checked, written, put in force, announced.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include "fxssvc_private.h"
#include <sddl.h>
#include "faxcomex.h"
#include "config.h"
#include "config_record.h"
#include "activity_log.h"
#include "archive.h"
#include "devices.h"
#include "jobstore.h"
#include "notify.h"
#include "outbox.h"
#include "store.h"
#include "inbound_routing.h"

/* The default security: Administrators may do everything; everyone may submit at any priority and
 * look at the jobs, the configuration and both archives. */
static const WCHAR default_security[] = L"O:BAG:BAD:(A;;0x7ff;;;BA)(A;;0x2af;;;WD)";

static void default_security_descriptor(struct security_config *security)
{
    PSECURITY_DESCRIPTOR descriptor;
    ULONG size;

    security->descriptor_size = 0;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(default_security, SDDL_REVISION_1, &descriptor, &size))
        return;
    if (size <= sizeof(security->descriptor))
    {
        memcpy(security->descriptor, descriptor, size);
        security->descriptor_size = size;
    }
    LocalFree(descriptor);
}

static struct service_config config;
static struct store *store;             /* the data root, from config_load on */

const struct service_config *config_get(void)
{
    return &config;
}

/* IFaxConfiguration has one ArchiveLocation for both archives: as on Windows, the incoming
 * archive is its Inbox folder and the outgoing archive its SentItems folder. */
#define INBOX_FOLDER     L"\\Inbox"
#define SENTITEMS_FOLDER L"\\SentItems"

void config_general_archive(const struct service_config *from, struct archive_config *archive)
{
    size_t length, suffix = wcslen(SENTITEMS_FOLDER);

    *archive = from->outgoing_archive;
    length = wcslen(archive->folder);
    if (length > suffix && !_wcsicmp(archive->folder + length - suffix, SENTITEMS_FOLDER))
        archive->folder[length - suffix] = 0;
}

/* location + subfolder, or location itself when that cannot fit (too long for an archive anyway:
 * the check refuses it). */
static void archive_in_location(WCHAR folder[CONFIG_MAX_STRING], const WCHAR *location, const WCHAR *subfolder)
{
    if (location[0] && wcslen(location) + wcslen(subfolder) < CONFIG_MAX_STRING)
        swprintf(folder, CONFIG_MAX_STRING, L"%ls%ls", location, subfolder);
    else lstrcpynW(folder, location, CONFIG_MAX_STRING);
}

void config_get_general(struct general_view *view)
{
    view->outbox = config.outbox;
    view->incoming_blocked = config.incoming_blocked;
    config_general_archive(&config, &view->archive);
    view->general = config.general;
}

void config_init_defaults(void)
{
    unsigned int i;

    memset(&config, 0, sizeof(config));
    config.outbox.allow_personal_cover_pages = TRUE;
    config.outbox.retries = 3;
    config.outbox.retry_delay = 10;
    config.outbox.discount_start = 20 * 60;
    config.outbox.discount_end = 7 * 60;
    config.incoming_archive.use_archive = TRUE;
    config.incoming_archive.high_quota_water_mark = 50;
    config.incoming_archive.low_quota_water_mark = 40;
    config.outgoing_archive = config.incoming_archive;
    config.activity_logging.log_incoming = TRUE;
    config.activity_logging.log_outgoing = TRUE;
    config.event_logging.init_level = fllMIN;
    config.event_logging.inbound_level = fllMIN;
    config.event_logging.outbound_level = fllMIN;
    config.event_logging.general_level = fllMIN;
    config.receipts.smtp_port = 25;
    config.receipts.allowed_receipts = frtNONE;
    config.receipts.authentication_type = fsatANONYMOUS;
    default_security_descriptor(&config.security);

    config.group_count = 1;
    lstrcpyW(config.groups[0].name, bstrGROUPNAME_ALLDEVICES);
    config.rule_count = 1;
    config.rules[0].country_code = frrcANY_CODE;
    config.rules[0].area_code = frrcANY_CODE;
    lstrcpyW(config.rules[0].group_name, bstrGROUPNAME_ALLDEVICES);
    for (i = 0; i < inbound_routing_method_count(); i++) config.inbound_routing.priority[i] = i + 1;
    store = NULL;
}

static BOOL list_has(const DWORD *ids, DWORD count, DWORD id)
{
    DWORD i;
    for (i = 0; i < count; i++)
        if (ids[i] == id) return TRUE;
    return FALSE;
}

/* A device seen for the first time uses every inbound routing method. */
static void add_device_routing(DWORD device_id)
{
    struct inbound_routing_config *routing = &config.inbound_routing;
    DWORD i;

    for (i = 0; i < routing->device_count; i++)
        if (routing->devices[i].device_id == device_id) return;
    if (routing->device_count == CONFIG_MAX_DEVICES) return;
    routing->devices[routing->device_count].device_id = device_id;
    routing->devices[routing->device_count++].methods = inbound_routing_default_methods();
}

void config_add_device(DWORD device_id, const WCHAR *description)
{
    struct device_config *device;
    struct routing_group *all = &config.groups[0];
    DWORD i;

    if (!list_has(all->device_ids, all->device_count, device_id) && all->device_count < CONFIG_MAX_DEVICES)
        all->device_ids[all->device_count++] = device_id;
    add_device_routing(device_id);
    for (i = 0; i < config.device_count; i++)
        if (config.devices[i].device_id == device_id) return;
    if (config.device_count == CONFIG_MAX_DEVICES) return;

    device = &config.devices[config.device_count++];
    memset(device, 0, sizeof(*device));
    device->device_id = device_id;
    lstrcpynW(device->description, description, CONFIG_MAX_STRING);
    device->send_enabled = TRUE;
    device->receive_mode = fdrmAUTO_ANSWER;
    device->rings_before_answer = 2;
    swprintf(device->csid, ARRAYSIZE(device->csid), L"Fax %lu", device_id);
    lstrcpyW(device->tsid, device->csid);
}

/* "<All Devices>" holds the devices there are now: those of a saved order first, in it, then the
 * others in the order the providers added them. */
static void sync_all_devices(struct service_config *next)
{
    struct routing_group *all = &next->groups[0];
    DWORD ids[CONFIG_MAX_DEVICES], count = 0, i;

    for (i = 0; i < all->device_count; i++)
        if (device_find(all->device_ids[i]) && !list_has(ids, count, all->device_ids[i]))
            ids[count++] = all->device_ids[i];
    for (i = 0; i < devices_count() && count < CONFIG_MAX_DEVICES; i++)
        if (!list_has(ids, count, device_at(i)->id)) ids[count++] = device_at(i)->id;
    memset(all->device_ids, 0, sizeof(all->device_ids));
    memcpy(all->device_ids, ids, count * sizeof(*ids));
    all->device_count = count;
}

/* ---- the stored classes ---- */

/* The record files, in the order they are read at start: a class refers only to those before it. */
static const DWORD stored_classes[] =
{
    FXS_CONFIG_SECURITY, FXS_CONFIG_RECEIPTS, FXS_CONFIG_ACTIVITY_LOGGING, FXS_CONFIG_EVENTLOGS, FXS_CONFIG_OUTBOX,
    FXS_CONFIG_INCOMING_QUEUE, FXS_CONFIG_SENTITEMS, FXS_CONFIG_INBOX, CONFIG_GENERAL_FLAGS, FXS_CONFIG_DEVICES,
    FXS_CONFIG_OUT_GROUPS, FXS_CONFIG_OUT_RULES, FXS_CONFIG_INBOUND_ROUTING,
};

/* The general view is several stored classes. */
static const DWORD general_members[] =
{
    FXS_CONFIG_OUTBOX, FXS_CONFIG_INCOMING_QUEUE, FXS_CONFIG_SENTITEMS, FXS_CONFIG_INBOX, CONFIG_GENERAL_FLAGS,
};

static unsigned int members(DWORD config_class, const DWORD **classes)
{
    static DWORD single;

    if (config_class == FXS_CONFIG_GENERAL || config_class == CONFIG_JOURNAL)
    {
        *classes = general_members;
        return ARRAY_SIZE(general_members);
    }
    single = config_class;
    *classes = &single;
    return 1;
}

/* Where a stored class is in a configuration: one piece of memory, or a count and its items. */
struct piece
{
    size_t offset;
    size_t size;
};

#define PIECE(member) { offsetof(struct service_config, member), sizeof(((struct service_config *)0)->member) }

static unsigned int pieces(DWORD stored, const struct service_config *c, struct piece piece[2])
{
    static const struct { DWORD stored; struct piece first; } singles[] =
    {
        { FXS_CONFIG_RECEIPTS, PIECE(receipts) },
        { FXS_CONFIG_ACTIVITY_LOGGING, PIECE(activity_logging) },
        { FXS_CONFIG_OUTBOX, PIECE(outbox) },
        { FXS_CONFIG_SENTITEMS, PIECE(outgoing_archive) },
        { FXS_CONFIG_INBOX, PIECE(incoming_archive) },
        { FXS_CONFIG_SECURITY, PIECE(security) },
        { FXS_CONFIG_EVENTLOGS, PIECE(event_logging) },
        { FXS_CONFIG_INCOMING_QUEUE, PIECE(incoming_blocked) },
        { CONFIG_GENERAL_FLAGS, PIECE(general) },
        { FXS_CONFIG_INBOUND_ROUTING, PIECE(inbound_routing) },
    };
    struct piece list = { 0 };
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(singles); i++)
        if (singles[i].stored == stored)
        {
            piece[0] = singles[i].first;
            return 1;
        }
    switch (stored)
    {
    case FXS_CONFIG_DEVICES:
        piece[0] = (struct piece)PIECE(device_count);
        list = (struct piece){ offsetof(struct service_config, devices), c->device_count * sizeof(c->devices[0]) };
        break;
    case FXS_CONFIG_OUT_GROUPS:
        piece[0] = (struct piece)PIECE(group_count);
        list = (struct piece){ offsetof(struct service_config, groups), c->group_count * sizeof(c->groups[0]) };
        break;
    case FXS_CONFIG_OUT_RULES:
        piece[0] = (struct piece)PIECE(rule_count);
        list = (struct piece){ offsetof(struct service_config, rules), c->rule_count * sizeof(c->rules[0]) };
        break;
    }
    piece[1] = list;
    return 2;
}

/* Byte for byte: normalize() makes equal values equal bytes. */
static BOOL class_equal(DWORD stored, const struct service_config *a, const struct service_config *b)
{
    struct piece pa[2], pb[2];
    unsigned int count = pieces(stored, a, pa), i;

    pieces(stored, b, pb);
    for (i = 0; i < count; i++)
        if (pa[i].size != pb[i].size || memcmp((const BYTE *)a + pa[i].offset, (const BYTE *)b + pb[i].offset, pa[i].size))
            return FALSE;
    return TRUE;
}

static void class_copy(DWORD stored, struct service_config *to, const struct service_config *from)
{
    struct piece piece[2];
    unsigned int count = pieces(stored, from, piece), i;

    for (i = 0; i < count; i++) memcpy((BYTE *)to + piece[i].offset, (const BYTE *)from + piece[i].offset, piece[i].size);
}

/* ---- normalizing ---- */

static void zero_tail(WCHAR *text, size_t size)
{
    size_t length = wcsnlen(text, size);
    if (length < size) memset(text + length, 0, (size - length) * sizeof(WCHAR));
}

#define ZERO_TAIL(array) zero_tail(array, ARRAY_SIZE(array))
#define FLAG(value) ((value) = (value) != 0)

/* Booleans as 0 or 1, and nothing after a string's end: equal values are then equal bytes. Safe
 * on values not checked yet. */
static void normalize_stored(DWORD stored, struct service_config *c)
{
    struct outbox_config *outbox = &c->outbox;
    struct receipts_config *receipts = &c->receipts;
    struct archive_config *archive = stored == FXS_CONFIG_INBOX ? &c->incoming_archive : &c->outgoing_archive;
    DWORD i;

    switch (stored)
    {
    case FXS_CONFIG_OUTBOX:
        FLAG(outbox->blocked); FLAG(outbox->paused); FLAG(outbox->allow_personal_cover_pages);
        FLAG(outbox->use_device_tsid); FLAG(outbox->branding);
        break;
    case FXS_CONFIG_INCOMING_QUEUE:
        FLAG(c->incoming_blocked);
        break;
    case FXS_CONFIG_SENTITEMS:
    case FXS_CONFIG_INBOX:
        FLAG(archive->use_archive); FLAG(archive->size_quota_warning); ZERO_TAIL(archive->folder);
        break;
    case FXS_CONFIG_ACTIVITY_LOGGING:
        FLAG(c->activity_logging.log_incoming); FLAG(c->activity_logging.log_outgoing);
        ZERO_TAIL(c->activity_logging.folder);
        break;
    case FXS_CONFIG_RECEIPTS:
        FLAG(receipts->use_for_inbound_routing); ZERO_TAIL(receipts->smtp_server); ZERO_TAIL(receipts->smtp_sender);
        ZERO_TAIL(receipts->smtp_user); ZERO_TAIL(receipts->smtp_password);
        break;
    case FXS_CONFIG_SECURITY:
        if (c->security.descriptor_size < CONFIG_MAX_SECURITY)
            memset(c->security.descriptor + c->security.descriptor_size, 0,
                   CONFIG_MAX_SECURITY - c->security.descriptor_size);
        break;
    case FXS_CONFIG_DEVICES:
        for (i = 0; i < c->device_count && i < CONFIG_MAX_DEVICES; i++)
        {
            FLAG(c->devices[i].send_enabled);
            ZERO_TAIL(c->devices[i].description); ZERO_TAIL(c->devices[i].csid); ZERO_TAIL(c->devices[i].tsid);
        }
        break;
    case FXS_CONFIG_OUT_GROUPS:
        for (i = 0; i < c->group_count && i < CONFIG_MAX_GROUPS; i++)
        {
            struct routing_group *group = &c->groups[i];
            ZERO_TAIL(group->name);
            if (group->device_count < CONFIG_MAX_DEVICES)
                memset(group->device_ids + group->device_count, 0,
                       (CONFIG_MAX_DEVICES - group->device_count) * sizeof(DWORD));
        }
        break;
    case FXS_CONFIG_OUT_RULES:
        for (i = 0; i < c->rule_count && i < CONFIG_MAX_RULES; i++)
        {
            FLAG(c->rules[i].use_device);
            ZERO_TAIL(c->rules[i].group_name);
        }
        break;
    case CONFIG_GENERAL_FLAGS:
        FLAG(c->general.auto_create_account_on_connect); FLAG(c->general.incoming_faxes_are_public);
        break;
    case FXS_CONFIG_INBOUND_ROUTING:
        if (c->inbound_routing.device_count < CONFIG_MAX_DEVICES)
            memset(c->inbound_routing.devices + c->inbound_routing.device_count, 0,
                   (CONFIG_MAX_DEVICES - c->inbound_routing.device_count) * sizeof(c->inbound_routing.devices[0]));
        for (i = inbound_routing_method_count(); i < CONFIG_MAX_ROUTING_METHODS; i++) c->inbound_routing.priority[i] = 0;
        break;
    }
}

/* The list item that must come first (routing.c and config_add_device count on it) to the front. */
static void move_to_front(void *items, size_t item_size, DWORD index)
{
    BYTE *base = items, *saved;

    if (!index || !(saved = malloc(item_size))) return;
    memcpy(saved, base + index * item_size, item_size);
    memmove(base + item_size, base, index * item_size);
    memcpy(base, saved, item_size);
    free(saved);
}

/* After config_check: "<All Devices>" is group 0, the default rule is rule 0. */
static void order_lists(DWORD stored, struct service_config *c)
{
    DWORD i;

    if (stored == FXS_CONFIG_OUT_GROUPS)
    {
        for (i = 0; i < c->group_count; i++)
            if (!lstrcmpW(c->groups[i].name, bstrGROUPNAME_ALLDEVICES)) break;
        if (i < c->group_count) move_to_front(c->groups, sizeof(c->groups[0]), i);
    }
    else if (stored == FXS_CONFIG_OUT_RULES)
    {
        for (i = 0; i < c->rule_count; i++)
            if (c->rules[i].country_code == frrcANY_CODE && c->rules[i].area_code == frrcANY_CODE) break;
        if (i < c->rule_count) move_to_front(c->rules, sizeof(c->rules[0]), i);
    }
}

/* Checks the class of next, and brings it to the one form a value has in force. */
static DWORD prepare(DWORD config_class, struct service_config *next, BOOL loading)
{
    const DWORD *classes;
    unsigned int count = members(config_class, &classes), i;
    DWORD error;

    for (i = 0; i < count; i++) normalize_stored(classes[i], next);
    if ((error = config_check(config_class, next, loading))) return error;
    for (i = 0; i < count; i++) order_lists(classes[i], next);
    return ERROR_SUCCESS;
}

/* ---- writing ---- */

static DWORD write_class(DWORD config_class, const struct service_config *from)
{
    record *rec;
    DWORD error;

    if ((error = config_to_record(config_class, from, CONFIG_RECORD_DISK, &rec))) return error;
    error = store_write_record(store, STORE_CONFIG, config_file_name(config_class), rec);
    record_free(rec);
    return error;
}

/* The classes that changed, each written whole. A change of several classes is first written as
 * one journal, so that a crash between two of them is finished at the next start; a failure
 * puts back what was written, as well as it goes. */
static DWORD write_changes(DWORD config_class, const DWORD *changed, unsigned int count,
                           const struct service_config *next)
{
    BOOL journal = count > 1;
    unsigned int i;
    DWORD error;

    if (!store) return ERROR_NOT_READY;
    if (journal && (error = write_class(CONFIG_JOURNAL, next))) return error;
    for (i = 0; i < count; i++)
    {
        if (!(error = write_class(changed[i], next))) continue;
        svc_log("writing the configuration %ls failed: %lu", config_file_name(changed[i]), error);
        while (i--) write_class(changed[i], &config);
        break;
    }
    if (journal && store_delete(store, STORE_CONFIG, config_file_name(CONFIG_JOURNAL)))
        svc_log("removing the configuration journal failed");
    return error;
}

/* ---- announcing ---- */

static BOOL queue_state_differs(const struct service_config *a, const struct service_config *b)
{
    return a->outbox.blocked != b->outbox.blocked || a->outbox.paused != b->outbox.paused ||
           a->incoming_blocked != b->incoming_blocked;
}

/* The class's own event; the incoming queue has none (its state is the queue-state event), the
 * general flags are announced by the general event. */
static BOOL has_event(DWORD stored)
{
    return stored != FXS_CONFIG_INCOMING_QUEUE && stored != CONFIG_GENERAL_FLAGS;
}

static void announce(DWORD config_class, const DWORD *changed, unsigned int count, BOOL queue_changed)
{
    BOOL outbox_changed = FALSE;
    unsigned int i;

    if (config_class == FXS_CONFIG_GENERAL) notify_config(FXS_CONFIG_GENERAL);
    for (i = 0; i < count; i++)
    {
        /* The archive is where its new settings say before anyone hears of them. */
        if (changed[i] == FXS_CONFIG_INBOX || changed[i] == FXS_CONFIG_SENTITEMS)
            archive_config_changed(changed[i] == FXS_CONFIG_INBOX);
        /* What a device does with a received fax is the device's configuration. */
        if (changed[i] == FXS_CONFIG_INBOUND_ROUTING) notify_config(FXS_CONFIG_DEVICES);
        else if (has_event(changed[i])) notify_config(changed[i]);
        if (changed[i] == FXS_CONFIG_OUTBOX) outbox_changed = TRUE;
        /* The log files are held open where the configuration said: let them go. */
        if (changed[i] == FXS_CONFIG_ACTIVITY_LOGGING) activity_log_config_changed();
    }
    if (queue_changed) notify_queue_state();
    /* Last: the jobs it sets going (unpaused, new retries, new routes) follow the events. */
    if (outbox_changed || changed[0] == FXS_CONFIG_OUT_RULES || changed[0] == FXS_CONFIG_OUT_GROUPS ||
        changed[0] == FXS_CONFIG_DEVICES)
        outbox_reschedule();
}

struct service_config *config_copy(void)
{
    struct service_config *copy = malloc(sizeof(*copy));
    if (copy) *copy = config;
    return copy;
}

DWORD config_commit(DWORD config_class, struct service_config *next)
{
    const DWORD *classes;
    DWORD changed[ARRAY_SIZE(general_members)], error;
    unsigned int count = members(config_class, &classes), n = 0, i;
    BOOL queue_changed;

    if (!config_class_known(config_class)) return ERROR_INVALID_PARAMETER;
    if ((error = prepare(config_class, next, FALSE))) return error;
    for (i = 0; i < count; i++)
        if (!class_equal(classes[i], &config, next)) changed[n++] = classes[i];
    if (!n) return ERROR_SUCCESS;
    if ((error = write_changes(config_class, changed, n, next))) return error;
    queue_changed = queue_state_differs(&config, next);
    for (i = 0; i < n; i++) class_copy(changed[i], &config, next);
    announce(config_class, changed, n, queue_changed);
    return ERROR_SUCCESS;
}

/* ---- the general view (IFaxConfiguration) ---- */

static BOOL archive_equal(const struct archive_config *a, const struct archive_config *b)
{
    return !a->use_archive == !b->use_archive && !a->size_quota_warning == !b->size_quota_warning &&
           a->high_quota_water_mark == b->high_quota_water_mark && a->low_quota_water_mark == b->low_quota_water_mark &&
           a->age_limit == b->age_limit && !wcsncmp(a->folder, b->folder, ARRAY_SIZE(a->folder));
}

void config_apply_general(struct service_config *next, const struct general_view *view)
{
    struct archive_config shown;

    next->outbox = view->outbox;
    next->incoming_blocked = view->incoming_blocked;
    next->general = view->general;
    config_general_archive(next, &shown);
    if (archive_equal(&view->archive, &shown)) return;
    next->incoming_archive = next->outgoing_archive = view->archive;
    archive_in_location(next->incoming_archive.folder, view->archive.folder, INBOX_FOLDER);
    archive_in_location(next->outgoing_archive.folder, view->archive.folder, SENTITEMS_FOLDER);
}

/* ---- start ---- */

/* A file the service cannot use is kept for a person to look at, out of the service's way. */
static void set_aside(const WCHAR *name, DWORD error)
{
    WCHAR damaged[STORE_MAX_NAME + 1];

    swprintf(damaged, ARRAY_SIZE(damaged), L"%ls.damaged", name);
    svc_log("the configuration file %ls cannot be used (%lu): set aside, defaults in force", name, error);
    if (store_move(store, STORE_CONFIG, name, STORE_CONFIG, damaged, TRUE)) store_delete(store, STORE_CONFIG, name);
}

/* The class stored_class of the file into *next (a copy of the configuration in force);
 * ERROR_FILE_NOT_FOUND when there is no file. */
static DWORD read_class(DWORD stored_class, struct service_config *next)
{
    record *rec;
    DWORD error = store_read_record(store, STORE_CONFIG, config_file_name(stored_class), config_kind(stored_class),
                                    &rec);

    if (error) return error;
    error = config_from_record(stored_class, rec, CONFIG_RECORD_DISK, next);
    record_free(rec);
    if (!error) error = prepare(stored_class, next, TRUE);
    if (!error && stored_class == FXS_CONFIG_OUT_GROUPS) sync_all_devices(next);
    return error;
}

static void load_class(DWORD stored_class)
{
    struct service_config *next = config_copy();
    DWORD error;

    if (!next) return;
    error = read_class(stored_class, next);
    if (!error) class_copy(stored_class, &config, next);
    else if (error != ERROR_FILE_NOT_FOUND && error != ERROR_OUTOFMEMORY)
        set_aside(config_file_name(stored_class), error);
    free(next);
}

/* A general change a crash cut in the middle: its journal is whole (written atomically), so
 * every class it touches is written again from it. */
static void finish_general_change(void)
{
    const WCHAR *journal = config_file_name(CONFIG_JOURNAL);
    struct service_config *next = config_copy();
    DWORD error, i;

    if (!next) return;
    if (!(error = read_class(CONFIG_JOURNAL, next)))
    {
        svc_log("finishing a configuration change the service stopped in");
        for (i = 0; i < ARRAY_SIZE(general_members) && !error; i++) error = write_class(general_members[i], next);
        if (!error)
        {
            for (i = 0; i < ARRAY_SIZE(general_members); i++) class_copy(general_members[i], &config, next);
            store_delete(store, STORE_CONFIG, journal);
        }
    }
    else if (error != ERROR_FILE_NOT_FOUND && error != ERROR_OUTOFMEMORY) set_aside(journal, error);
    free(next);
}

DWORD config_load(void)
{
    unsigned int i;

    if (!(store = jobstore_store())) return ERROR_NOT_READY;
    for (i = 0; i < ARRAY_SIZE(stored_classes); i++) load_class(stored_classes[i]);
    sync_all_devices(&config);
    finish_general_change();
    return ERROR_SUCCESS;
}
