/*
 * Inbound routing method records: release (see include/fxs_routing_info.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>
#include "fxs_routing_info.h"

void fxs_routing_method_info_clear(fxs_routing_method_info *method)
{
    free(method->guid);
    free(method->name);
    free(method->function_name);
    free(method->extension_unique_name);
    free(method->extension_friendly_name);
    free(method->extension_image_name);
    memset(method, 0, sizeof(*method));
}

void fxs_routing_method_infos_free(fxs_routing_method_info *methods, DWORD count)
{
    DWORD i;

    if (!methods) return;
    for (i = 0; i < count; i++) fxs_routing_method_info_clear(&methods[i]);
    free(methods);
}
