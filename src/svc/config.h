/*
 * The fax service's configuration: one struct per configuration class of the COM API, the values
 * in force (config_get), and the one way to change a class (config_set_*): validated, written
 * durably, then published as that class's configuration event when something changed.
 * Engine thread only.
 *
 * Each class is one record file under the data root's config folder (config_record.c gives the
 * keys, the same a client reads and writes over RPC: see idl/faxsvc.idl). A change is written
 * first (store_write_record: the old or the new file, whole, whatever happens), then takes effect
 * in memory, then is announced: so what a client was told is on disk, and a crash at any instant
 * leaves each class as it was or as it was changed to. At start a missing file gives the class
 * its defaults; a damaged or unknown one is set aside as "<name>.damaged", logged, and the
 * defaults are used.
 *
 * Defaults the documentation does not give are the project's own choices, named here:
 * 3 retries, 10 minutes apart; failed jobs kept without an age limit; both archives on, without
 * an age limit; activity logging on for both directions; event logging at fllMIN; discount period
 * 20:00-07:00.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_CONFIG_H
#define FXSSVC_CONFIG_H

#include <windows.h>

#define CONFIG_MAX_STRING     260     /* folders, names, SMTP fields */
#define CONFIG_MAX_DEVICES    64
#define CONFIG_MAX_GROUPS     64
#define CONFIG_MAX_RULES      256
#define CONFIG_MAX_SECURITY   4096    /* bytes of the security descriptor */

/* The ranges of the numbers (ERROR_INVALID_PARAMETER outside them). */
#define CONFIG_MAX_RETRIES      99
#define CONFIG_MAX_RETRY_DELAY  999     /* minutes */
#define CONFIG_MINUTES_PER_DAY  1440
#define CONFIG_MAX_AGE_LIMIT    9999    /* days: any more is "for ever" in all but name */
#define CONFIG_MAX_RINGS        99
#define CONFIG_MAX_STATION_ID   20      /* characters of a CSID or TSID */

/* IFaxOutgoingQueue */
struct outbox_config
{
    BOOL blocked;
    BOOL paused;
    BOOL allow_personal_cover_pages;
    BOOL use_device_tsid;
    DWORD retries;                    /* 0-99 */
    DWORD retry_delay;                /* minutes, 0-999 */
    DWORD discount_start;             /* minutes after midnight, 0-1439 */
    DWORD discount_end;
    DWORD age_limit;                  /* days a failed job is kept; 0: for ever */
    BOOL branding;
};

/* IFaxIncomingArchive, IFaxOutgoingArchive */
struct archive_config
{
    BOOL use_archive;
    WCHAR folder[CONFIG_MAX_STRING];  /* "" : the data root's own archive folder */
    BOOL size_quota_warning;
    DWORD high_quota_water_mark;      /* MB */
    DWORD low_quota_water_mark;       /* MB, <= high */
    DWORD age_limit;                  /* days; 0: for ever */
};

/* IFaxActivityLogging */
struct activity_logging_config
{
    BOOL log_incoming;
    BOOL log_outgoing;
    WCHAR folder[CONFIG_MAX_STRING];  /* "" : the data root's log folder */
};

/* IFaxEventLogging: FAX_LOG_LEVEL_ENUM values */
struct event_logging_config
{
    DWORD init_level;
    DWORD inbound_level;
    DWORD outbound_level;
    DWORD general_level;
};

/* IFaxReceiptOptions */
struct receipts_config
{
    DWORD authentication_type;        /* FAX_SMTP_AUTHENTICATION_TYPE_ENUM */
    WCHAR smtp_server[CONFIG_MAX_STRING];
    DWORD smtp_port;                  /* 1-65535 */
    WCHAR smtp_sender[CONFIG_MAX_STRING];
    WCHAR smtp_user[CONFIG_MAX_STRING];
    WCHAR smtp_password[CONFIG_MAX_STRING];
    DWORD allowed_receipts;           /* FAX_RECEIPT_TYPE_ENUM bits */
    BOOL use_for_inbound_routing;
};

/* IFaxDevice's settings (its status is the provider's) */
struct device_config
{
    DWORD device_id;
    WCHAR description[CONFIG_MAX_STRING];
    BOOL send_enabled;
    DWORD receive_mode;               /* FAX_DEVICE_RECEIVE_MODE_ENUM */
    DWORD rings_before_answer;        /* 0-99 */
    WCHAR csid[CONFIG_MAX_STATION_ID + 1];   /* fax station ids */
    WCHAR tsid[CONFIG_MAX_STATION_ID + 1];
};

/* IFaxOutboundRoutingGroup */
struct routing_group
{
    WCHAR name[CONFIG_MAX_STRING];
    DWORD device_count;
    DWORD device_ids[CONFIG_MAX_DEVICES];  /* in the order devices are tried */
};

/* IFaxOutboundRoutingRule */
struct routing_rule
{
    DWORD country_code;               /* 0: any (frrcANY_CODE) */
    DWORD area_code;                  /* 0: any */
    BOOL use_device;
    DWORD device_id;                  /* when use_device */
    WCHAR group_name[CONFIG_MAX_STRING];  /* otherwise */
};

/* IFaxConfiguration (Vista) adds these to what the classes above hold. */
struct general_config
{
    BOOL auto_create_account_on_connect;
    BOOL incoming_faxes_are_public;
};

/* Inbound routing (inbound_routing.h): which methods each device uses, and their order. */
#define CONFIG_MAX_ROUTING_METHODS 8

struct device_routing
{
    DWORD device_id;
    DWORD methods;                    /* bit i: the device uses method i of inbound_routing_method */
};

struct inbound_routing_config
{
    DWORD priority[CONFIG_MAX_ROUTING_METHODS];     /* of each method: 1..count, each once */
    DWORD device_count;
    struct device_routing devices[CONFIG_MAX_DEVICES];
};

struct security_config
{
    DWORD descriptor_size;
    BYTE descriptor[CONFIG_MAX_SECURITY];  /* self-relative SECURITY_DESCRIPTOR */
};

struct service_config
{
    struct outbox_config outbox;
    BOOL incoming_blocked;            /* IFaxIncomingQueue.Blocked */
    struct archive_config incoming_archive;
    struct archive_config outgoing_archive;
    struct activity_logging_config activity_logging;
    struct event_logging_config event_logging;
    struct receipts_config receipts;
    struct security_config security;
    DWORD device_count;
    struct device_config devices[CONFIG_MAX_DEVICES];
    DWORD group_count;
    struct routing_group groups[CONFIG_MAX_GROUPS];   /* groups[0] is "<All Devices>" */
    DWORD rule_count;
    struct routing_rule rules[CONFIG_MAX_RULES];      /* rules[0] is the default rule (any, any) */
    struct general_config general;
    struct inbound_routing_config inbound_routing;
};

/* IFaxConfiguration (Vista) as a whole: a view of several classes. Vista has one archive where XP
 * had two: its archive settings are both archives' (read from the outgoing one). */
struct general_view
{
    struct outbox_config outbox;
    BOOL incoming_blocked;
    struct archive_config archive;
    struct general_config general;
};

const struct service_config *config_get(void);
void config_get_general(struct general_view *view);
/* The archive settings IFaxConfiguration shows: the outgoing archive's, with ArchiveLocation, the
 * folder that holds its SentItems folder (or the folder itself, set through FaxOutgoingArchive). */
void config_general_archive(const struct service_config *from, struct archive_config *archive);

/* Start: the defaults, before the saved configuration is read. */
void config_init_defaults(void);
/* A device the providers added: one seen for the first time gets default settings; every device
 * there is is in "<All Devices>". */
void config_add_device(DWORD device_id, const WCHAR *description);
/* Start, after the providers added their devices: the saved configuration replaces the defaults,
 * and what a crash interrupted (a general change) is finished. */
DWORD config_load(void);

#endif /* FXSSVC_CONFIG_H */
