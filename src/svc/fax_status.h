/*
 * The values of FAX_JOB_EXTENDED_STATUS_ENUM (FaxJobStatus.ExtendedStatusCode) for the service's
 * own C code, which does not include the type library's generated header. Named FAX_JES_* so that
 * they never clash with the fjes* members of faxcomex.h. Values from ../shared/spec/enums.md.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_FAX_STATUS_H
#define FXSSVC_FAX_STATUS_H

enum fax_extended_status
{
    FAX_JES_NONE               = 0,
    FAX_JES_DISCONNECTED       = 1,
    FAX_JES_INITIALIZING       = 2,
    FAX_JES_DIALING            = 3,
    FAX_JES_TRANSMITTING       = 4,
    FAX_JES_ANSWERED           = 5,
    FAX_JES_RECEIVING          = 6,
    FAX_JES_LINE_UNAVAILABLE   = 7,
    FAX_JES_BUSY               = 8,
    FAX_JES_NO_ANSWER          = 9,
    FAX_JES_BAD_ADDRESS        = 10,
    FAX_JES_NO_DIAL_TONE       = 11,
    FAX_JES_FATAL_ERROR        = 12,
    FAX_JES_CALL_DELAYED       = 13,
    FAX_JES_CALL_BLACKLISTED   = 14,
    FAX_JES_NOT_FAX_CALL       = 15,
    FAX_JES_PARTIALLY_RECEIVED = 16,
    FAX_JES_HANDLED            = 17,
    FAX_JES_CALL_COMPLETED     = 18,
    FAX_JES_CALL_ABORTED       = 19,
    FAX_JES_PROPRIETARY        = 0x01000000,   /* the first of a device provider's own codes */
};

#endif /* FXSSVC_FAX_STATUS_H */
