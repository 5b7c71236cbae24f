/*
 * Inbound routing method records (fxs_routing_method_info, defined by idl/faxsvc.idl): release of
 * what the stubs or the service allocated, shared by the service and the DLL.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_ROUTING_INFO_H
#define FXS_ROUTING_INFO_H

#include <windows.h>
#include "faxsvc.h"

void fxs_routing_method_info_clear(fxs_routing_method_info *method);
/* Frees an array of records and their strings (what fxs_list_routing_methods returns). */
void fxs_routing_method_infos_free(fxs_routing_method_info *methods, DWORD count);

#endif /* FXS_ROUTING_INFO_H */
