/*
 * FaxReceiptOptions: how the service would send delivery receipts ("config.receipts"). The
 * service keeps these settings but sends no receipt by mail: a fax that asks for one is refused at
 * submission (see submit.c). The SMTP password is given only to a session that may change the
 * configuration (farMANAGE_CONFIG); Save sends it back only when it was given or set.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config_object.h"

enum
{
    RECEIPTS_AUTHENTICATION, RECEIPTS_SERVER, RECEIPTS_PORT, RECEIPTS_SENDER, RECEIPTS_USER, RECEIPTS_ALLOWED,
    RECEIPTS_PASSWORD, RECEIPTS_INBOUND_ROUTING,
};

static const struct config_key receipts_keys[] =
{
    { "authentication_type", CONFIG_LONG, fsatANONYMOUS, fsatNTLM, L"AuthenticationType" },
    { "smtp_server", CONFIG_STRING, 0, 0, L"SMTPServer" },
    { "smtp_port", CONFIG_LONG, 1, 65535, L"SMTPPort" },
    { "smtp_sender", CONFIG_STRING, 0, 0, L"SMTPSender" },
    { "smtp_user", CONFIG_STRING, 0, 0, L"SMTPUser" },
    { "allowed_receipts", CONFIG_LONG, 0, frtMAIL | frtMSGBOX, L"AllowedReceipts" },
    { "smtp_password", CONFIG_SECRET, 0, 0, L"SMTPPassword" },
    { "use_for_inbound_routing", CONFIG_BOOL, 0, 1, L"UseForInboundRouting" },
};

static const IID * const receipts_error_iids[] = { &IID_IFaxReceiptOptions, NULL };

static const struct config_layout receipts_layout =
{
    FXS_CONFIG_RECEIPTS, "config.receipts", receipts_keys, ARRAY_SIZE(receipts_keys), &IID_IFaxReceiptOptions,
    &CLSID_FaxReceiptOptions, receipts_error_iids, L"FaxReceiptOptions",
    L"receipts by mail (frtMAIL in AllowedReceipts) need SMTPServer and SMTPSender.", NULL,
};

CONFIG_OBJECT_METHODS(receipts, IFaxReceiptOptions)
CONFIG_SAVE_METHOD(receipts, IFaxReceiptOptions)
CONFIG_PROPERTY(receipts, IFaxReceiptOptions, AuthenticationType, long, FAX_SMTP_AUTHENTICATION_TYPE_ENUM,
                RECEIPTS_AUTHENTICATION)
CONFIG_PROPERTY(receipts, IFaxReceiptOptions, SMTPServer, string, BSTR, RECEIPTS_SERVER)
CONFIG_PROPERTY(receipts, IFaxReceiptOptions, SMTPPort, long, LONG, RECEIPTS_PORT)
CONFIG_PROPERTY(receipts, IFaxReceiptOptions, SMTPSender, string, BSTR, RECEIPTS_SENDER)
CONFIG_PROPERTY(receipts, IFaxReceiptOptions, SMTPUser, string, BSTR, RECEIPTS_USER)
CONFIG_PROPERTY(receipts, IFaxReceiptOptions, UseForInboundRouting, bool, VARIANT_BOOL, RECEIPTS_INBOUND_ROUTING)

static HRESULT WINAPI receipts_get_AllowedReceipts(IFaxReceiptOptions *iface, FAX_RECEIPT_TYPE_ENUM *value)
{
    return config_get_long(config_object_from(iface), RECEIPTS_ALLOWED, (LONG *)value);
}

/* Bits: frtMAIL and frtMSGBOX, nothing else (2 is no receipt type). */
static HRESULT WINAPI receipts_put_AllowedReceipts(IFaxReceiptOptions *iface, FAX_RECEIPT_TYPE_ENUM value)
{
    if (value & ~(frtMAIL | frtMSGBOX))
        return fxs_error(E_INVALIDARG, &IID_IFaxReceiptOptions, L"FaxReceiptOptions.AllowedReceipts takes frtNONE, "
                         L"frtMAIL and frtMSGBOX (0, 1, 4 and their sums), not %ld.", (LONG)value);
    return config_put_long(config_object_from(iface), RECEIPTS_ALLOWED, value);
}

static HRESULT WINAPI receipts_get_SMTPPassword(IFaxReceiptOptions *iface, BSTR *value)
{
    struct config_object *object = config_object_from(iface);
    BOOL given;

    if (!value) return config_null_pointer(object, L"SMTPPassword");
    AcquireSRWLockShared(&object->lock);
    given = V_VT(&object->values[RECEIPTS_PASSWORD]) == VT_BSTR;
    ReleaseSRWLockShared(&object->lock);
    if (!given)
    {
        *value = NULL;
        return fxs_error(E_ACCESSDENIED, &IID_IFaxReceiptOptions, L"FaxReceiptOptions.SMTPPassword is given only to "
                         L"users with the farMANAGE_CONFIG right.");
    }
    return config_get_string(object, RECEIPTS_PASSWORD, value);
}

static HRESULT WINAPI receipts_put_SMTPPassword(IFaxReceiptOptions *iface, BSTR value)
{
    return config_put_string(config_object_from(iface), RECEIPTS_PASSWORD, value);
}

static const IFaxReceiptOptionsVtbl receipts_vtbl =
{
    receipts_QueryInterface,
    receipts_AddRef,
    receipts_Release,
    receipts_GetTypeInfoCount,
    receipts_GetTypeInfo,
    receipts_GetIDsOfNames,
    receipts_Invoke,
    receipts_get_AuthenticationType,
    receipts_put_AuthenticationType,
    receipts_get_SMTPServer,
    receipts_put_SMTPServer,
    receipts_get_SMTPPort,
    receipts_put_SMTPPort,
    receipts_get_SMTPSender,
    receipts_put_SMTPSender,
    receipts_get_SMTPUser,
    receipts_put_SMTPUser,
    receipts_get_AllowedReceipts,
    receipts_put_AllowedReceipts,
    receipts_get_SMTPPassword,
    receipts_put_SMTPPassword,
    receipts_Refresh,
    receipts_Save,
    receipts_get_UseForInboundRouting,
    receipts_put_UseForInboundRouting,
};

HRESULT fax_receipt_options_create(IFaxServer *server, IFaxReceiptOptions **options)
{
    return config_object_create(server, &receipts_layout, &receipts_vtbl, (void **)options);
}
