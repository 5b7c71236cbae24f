/*
 * FaxConfiguration (IFaxServer2.Configuration, Vista): the service's settings in one object, the
 * "config.general" view of several classes (the archives, the outgoing queue, the incoming queue's
 * state and the account flags). Its Save fires OnGeneralServerConfigChanged, then the event of each
 * class it changed.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config_object.h"

enum
{
    GENERAL_USE_ARCHIVE, GENERAL_ARCHIVE_FOLDER, GENERAL_QUOTA_WARNING, GENERAL_HIGH_WATER_MARK,
    GENERAL_LOW_WATER_MARK, GENERAL_ARCHIVE_AGE_LIMIT, GENERAL_ARCHIVE_SIZE, GENERAL_OUT_BLOCKED, GENERAL_OUT_PAUSED,
    GENERAL_PERSONAL_COVER_PAGES, GENERAL_USE_DEVICE_TSID, GENERAL_RETRIES, GENERAL_RETRY_DELAY,
    GENERAL_DISCOUNT_START, GENERAL_DISCOUNT_END, GENERAL_OUT_AGE_LIMIT, GENERAL_BRANDING, GENERAL_IN_BLOCKED,
    GENERAL_AUTO_CREATE_ACCOUNT, GENERAL_INCOMING_PUBLIC,
};

static const struct config_key general_keys[] =
{
    { "archive.use_archive", CONFIG_BOOL, 0, 1, L"UseArchive" },
    { "archive.folder", CONFIG_STRING, 0, 0, L"ArchiveLocation" },
    { "archive.size_quota_warning", CONFIG_BOOL, 0, 1, L"SizeQuotaWarning" },
    { "archive.high_quota_water_mark", CONFIG_LONG, 0, MAXLONG, L"HighQuotaWaterMark" },
    { "archive.low_quota_water_mark", CONFIG_LONG, 0, MAXLONG, L"LowQuotaWaterMark" },
    { "archive.age_limit", CONFIG_LONG, 0, 9999, L"ArchiveAgeLimit" },
    { "archive.size", CONFIG_SIZE, 0, 0, L"ArchiveSizeLow" },
    { "outbox.blocked", CONFIG_BOOL, 0, 1, L"OutgoingQueueBlocked" },
    { "outbox.paused", CONFIG_BOOL, 0, 1, L"OutgoingQueuePaused" },
    { "outbox.allow_personal_cover_pages", CONFIG_BOOL, 0, 1, L"AllowPersonalCoverPages" },
    { "outbox.use_device_tsid", CONFIG_BOOL, 0, 1, L"UseDeviceTSID" },
    { "outbox.retries", CONFIG_LONG, 0, 99, L"Retries" },
    { "outbox.retry_delay", CONFIG_LONG, 0, 999, L"RetryDelay" },
    { "outbox.discount_start", CONFIG_LONG, 0, 1439, L"DiscountRateStart" },
    { "outbox.discount_end", CONFIG_LONG, 0, 1439, L"DiscountRateEnd" },
    { "outbox.age_limit", CONFIG_LONG, 0, 9999, L"OutgoingQueueAgeLimit" },
    { "outbox.branding", CONFIG_BOOL, 0, 1, L"Branding" },
    { "incoming_blocked", CONFIG_BOOL, 0, 1, L"IncomingQueueBlocked" },
    { "auto_create_account_on_connect", CONFIG_BOOL, 0, 1, L"AutoCreateAccountOnConnect" },
    { "incoming_faxes_are_public", CONFIG_BOOL, 0, 1, L"IncomingFaxesArePublic" },
};

static const IID * const general_error_iids[] = { &IID_IFaxConfiguration, NULL };

static const struct config_layout general_layout =
{
    FXS_CONFIG_GENERAL, "config.general", general_keys, ARRAY_SIZE(general_keys), &IID_IFaxConfiguration,
    &CLSID_FaxConfiguration, general_error_iids, L"FaxConfiguration",
    L"LowQuotaWaterMark may not be above HighQuotaWaterMark, and ArchiveLocation must be a folder the service can "
    L"use (\"\": its own).", NULL,
};

#define PROPERTY(name, kind, ctype, index) CONFIG_PROPERTY(general, IFaxConfiguration, name, kind, ctype, index)

CONFIG_OBJECT_METHODS(general, IFaxConfiguration)
CONFIG_SAVE_METHOD(general, IFaxConfiguration)
PROPERTY(UseArchive, bool, VARIANT_BOOL, GENERAL_USE_ARCHIVE)
PROPERTY(ArchiveLocation, string, BSTR, GENERAL_ARCHIVE_FOLDER)
PROPERTY(SizeQuotaWarning, bool, VARIANT_BOOL, GENERAL_QUOTA_WARNING)
PROPERTY(HighQuotaWaterMark, long, LONG, GENERAL_HIGH_WATER_MARK)
PROPERTY(LowQuotaWaterMark, long, LONG, GENERAL_LOW_WATER_MARK)
PROPERTY(ArchiveAgeLimit, long, LONG, GENERAL_ARCHIVE_AGE_LIMIT)
PROPERTY(OutgoingQueueBlocked, bool, VARIANT_BOOL, GENERAL_OUT_BLOCKED)
PROPERTY(OutgoingQueuePaused, bool, VARIANT_BOOL, GENERAL_OUT_PAUSED)
PROPERTY(AllowPersonalCoverPages, bool, VARIANT_BOOL, GENERAL_PERSONAL_COVER_PAGES)
PROPERTY(UseDeviceTSID, bool, VARIANT_BOOL, GENERAL_USE_DEVICE_TSID)
PROPERTY(Retries, long, LONG, GENERAL_RETRIES)
PROPERTY(RetryDelay, long, LONG, GENERAL_RETRY_DELAY)
PROPERTY(DiscountRateStart, time, DATE, GENERAL_DISCOUNT_START)
PROPERTY(DiscountRateEnd, time, DATE, GENERAL_DISCOUNT_END)
PROPERTY(OutgoingQueueAgeLimit, long, LONG, GENERAL_OUT_AGE_LIMIT)
PROPERTY(Branding, bool, VARIANT_BOOL, GENERAL_BRANDING)
PROPERTY(IncomingQueueBlocked, bool, VARIANT_BOOL, GENERAL_IN_BLOCKED)
PROPERTY(AutoCreateAccountOnConnect, bool, VARIANT_BOOL, GENERAL_AUTO_CREATE_ACCOUNT)
PROPERTY(IncomingFaxesArePublic, bool, VARIANT_BOOL, GENERAL_INCOMING_PUBLIC)

/* Both archives together, in bytes, split in two halves. */
static HRESULT get_archive_size(IFaxConfiguration *iface, BOOL high, const WCHAR *member, LONG *value)
{
    struct config_object *object = config_object_from(iface);
    ULONGLONG size;

    if (!value) return config_null_pointer(object, member);
    AcquireSRWLockShared(&object->lock);
    size = V_UI8(&object->values[GENERAL_ARCHIVE_SIZE]);
    ReleaseSRWLockShared(&object->lock);
    *value = (LONG)(high ? size >> 32 : size & 0xffffffff);
    return S_OK;
}

static HRESULT WINAPI general_get_ArchiveSizeLow(IFaxConfiguration *iface, LONG *value)
{
    return get_archive_size(iface, FALSE, L"ArchiveSizeLow", value);
}

static HRESULT WINAPI general_get_ArchiveSizeHigh(IFaxConfiguration *iface, LONG *value)
{
    return get_archive_size(iface, TRUE, L"ArchiveSizeHigh", value);
}

static const IFaxConfigurationVtbl general_vtbl =
{
    general_QueryInterface,
    general_AddRef,
    general_Release,
    general_GetTypeInfoCount,
    general_GetTypeInfo,
    general_GetIDsOfNames,
    general_Invoke,
    general_get_UseArchive,
    general_put_UseArchive,
    general_get_ArchiveLocation,
    general_put_ArchiveLocation,
    general_get_SizeQuotaWarning,
    general_put_SizeQuotaWarning,
    general_get_HighQuotaWaterMark,
    general_put_HighQuotaWaterMark,
    general_get_LowQuotaWaterMark,
    general_put_LowQuotaWaterMark,
    general_get_ArchiveAgeLimit,
    general_put_ArchiveAgeLimit,
    general_get_ArchiveSizeLow,
    general_get_ArchiveSizeHigh,
    general_get_OutgoingQueueBlocked,
    general_put_OutgoingQueueBlocked,
    general_get_OutgoingQueuePaused,
    general_put_OutgoingQueuePaused,
    general_get_AllowPersonalCoverPages,
    general_put_AllowPersonalCoverPages,
    general_get_UseDeviceTSID,
    general_put_UseDeviceTSID,
    general_get_Retries,
    general_put_Retries,
    general_get_RetryDelay,
    general_put_RetryDelay,
    general_get_DiscountRateStart,
    general_put_DiscountRateStart,
    general_get_DiscountRateEnd,
    general_put_DiscountRateEnd,
    general_get_OutgoingQueueAgeLimit,
    general_put_OutgoingQueueAgeLimit,
    general_get_Branding,
    general_put_Branding,
    general_get_IncomingQueueBlocked,
    general_put_IncomingQueueBlocked,
    general_get_AutoCreateAccountOnConnect,
    general_put_AutoCreateAccountOnConnect,
    general_get_IncomingFaxesArePublic,
    general_put_IncomingFaxesArePublic,
    general_Refresh,
    general_Save,
};

HRESULT fax_configuration_create(IFaxServer *server, IFaxConfiguration **configuration)
{
    return config_object_create(server, &general_layout, &general_vtbl, (void **)configuration);
}
