/*
 * The fax service's configuration: one struct per configuration class of the COM API, the values
 * in force (config_get), and the one way to change a class (config_set_*): validated, written
 * durably, then published as that class's configuration event when something changed.
 * Engine thread only.
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
    WCHAR csid[21];                   /* fax station ids: 20 characters at most */
    WCHAR tsid[21];
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
};

const struct service_config *config_get(void);

/* Start: the defaults, before the saved configuration is read. */
void config_init_defaults(void);
/* A device seen for the first time gets default settings and joins "<All Devices>". */
void config_add_device(DWORD device_id, const WCHAR *description);

#endif /* FXSSVC_CONFIG_H */
