/*
 * Edits of a configuration class made on what was read (idl/faxsvc.idl, fxs_set_config): the
 * client that reads a class with fxs_get_config, changes it and sets it back may add the key
 * FXS_REVISION_KEY with the revision of the bytes it read; the service takes the record only if
 * the class would still read the same, else it refuses with ERROR_REVISION_MISMATCH and changes
 * nothing, and the client reads again and makes its edit anew. Two processes editing the outbound
 * routing at once then both get their edit in, instead of the second one writing back a list
 * without the first one's change.
 *
 * The revision is a 64-bit FNV-1a hash of the record's bytes: nothing to keep, nothing to
 * persist, and equal contents have equal revisions.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_REVISION_H
#define FXS_REVISION_H

#include <stddef.h>
#include <stdint.h>

#define FXS_REVISION_KEY "based_on_revision"

static inline uint64_t fxs_config_revision(const uint8_t *data, size_t size)
{
    uint64_t hash = 0xcbf29ce484222325ull;
    size_t i;

    for (i = 0; i < size; i++) hash = (hash ^ data[i]) * 0x100000001b3ull;
    return hash;
}

#endif /* FXS_REVISION_H */
