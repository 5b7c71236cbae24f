/*
 * Security descriptors from outside (a client's bytes, a record file): whether they are a valid,
 * self-relative descriptor with nothing outside its bytes. The service checks what it is given to
 * keep; the DLL checks what a program gives IFaxSecurity.Descriptor before it reads its parts.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_SECURITY_H
#define FXS_SECURITY_H

#include <windows.h>

#define FXS_MAX_SECURITY_DESCRIPTOR 4096

/* TRUE when data holds exactly one valid self-relative descriptor of at most FXS_MAX_SECURITY_DESCRIPTOR
 * bytes, every part of it inside, and no byte after it. */
BOOL fxs_descriptor_valid(const void *data, DWORD size);

#endif /* FXS_SECURITY_H */
