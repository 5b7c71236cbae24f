/*
 * The script engine interfaces' IIDs, which MinGW-w64's libuuid lacks: defined from activscp.h.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <windows.h>
#include <ole2.h>
#include <initguid.h>
#include <activscp.h>
