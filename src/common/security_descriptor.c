/*
 * Checking a security descriptor from outside (see include/fxs_security.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fxs_security.h"

/* IsValidSecurityDescriptor takes no size and follows the offsets it finds: first make sure that
 * every part it will read lies inside the bytes given. */
static BOOL sid_inside(const BYTE *base, DWORD size, DWORD offset)
{
    const SID *sid = (const SID *)(base + offset);
    return offset >= sizeof(SECURITY_DESCRIPTOR_RELATIVE) && offset <= size - 8 && !(offset & 3) &&
           8 + sid->SubAuthorityCount * sizeof(DWORD) <= size - offset;
}

static BOOL acl_inside(const BYTE *base, DWORD size, DWORD offset)
{
    const ACL *acl = (const ACL *)(base + offset);
    return offset >= sizeof(SECURITY_DESCRIPTOR_RELATIVE) && offset <= size - sizeof(ACL) && !(offset & 3) &&
           acl->AclSize >= sizeof(ACL) && acl->AclSize <= size - offset && IsValidAcl((PACL)acl);
}

BOOL fxs_descriptor_valid(const void *data, DWORD size)
{
    const SECURITY_DESCRIPTOR_RELATIVE *header = data;
    const BYTE *base = data;

    if (!data || size < sizeof(*header) || size > FXS_MAX_SECURITY_DESCRIPTOR || !(header->Control & SE_SELF_RELATIVE))
        return FALSE;
    if (header->Owner && !sid_inside(base, size, header->Owner)) return FALSE;
    if (header->Group && !sid_inside(base, size, header->Group)) return FALSE;
    if ((header->Control & SE_DACL_PRESENT) && header->Dacl && !acl_inside(base, size, header->Dacl)) return FALSE;
    if ((header->Control & SE_SACL_PRESENT) && header->Sacl && !acl_inside(base, size, header->Sacl)) return FALSE;
    if (!IsValidSecurityDescriptor((PSECURITY_DESCRIPTOR)base)) return FALSE;
    /* No stray bytes: the same descriptor always makes the same record. */
    return GetSecurityDescriptorLength((PSECURITY_DESCRIPTOR)base) == size;
}
