/*
 * A security descriptor from SDDL as IFaxSecurity.Descriptor takes it (an array of bytes in a
 * VARIANT), beside security_edit.h (this process's user, the descriptor over RPC).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_TESTS_SECURITY_HELPERS_H
#define FXSCOMEX_TESTS_SECURITY_HELPERS_H

#include <string.h>
#include "security_edit.h"

/* VT_ARRAY | VT_UI1 with the self-relative descriptor of sddl (VT_EMPTY when it does not convert). */
static inline VARIANT descriptor_variant(const WCHAR *sddl)
{
    PSECURITY_DESCRIPTOR descriptor;
    VARIANT v;
    ULONG size = 0;
    void *data;

    VariantInit(&v);
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, &descriptor, &size)) return v;
    V_VT(&v) = VT_ARRAY | VT_UI1;
    V_ARRAY(&v) = SafeArrayCreateVector(VT_UI1, 0, size);
    SafeArrayAccessData(V_ARRAY(&v), &data);
    memcpy(data, descriptor, size);
    SafeArrayUnaccessData(V_ARRAY(&v));
    LocalFree(descriptor);
    return v;
}

#endif /* FXSCOMEX_TESTS_SECURITY_HELPERS_H */
