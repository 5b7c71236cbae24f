/*
 * Outbound routing: which devices may send to a number. A rule maps a country code and an area
 * code to one device or to a group of devices tried in order; the most specific rule wins
 * (country and area, then country with any area, then the default rule), and the group
 * "<All Devices>" always exists. Engine thread only.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_ROUTING_H
#define FXSSVC_ROUTING_H

#include <windows.h>
#include "config.h"

struct device;

/* The country and area code of a number in canonical form "+C (A) N"; 0 and 0 otherwise. */
void routing_parse_number(const WCHAR *number, DWORD *country_code, DWORD *area_code);

/* The rule that applies to a number (never NULL: the default rule always exists). */
const struct routing_rule *routing_rule_for(const WCHAR *number);

/* The first free device, in the rule's order, that may send to number; NULL when none is free. */
struct device *routing_free_device(const WCHAR *number);

/* A device's settings in the configuration, NULL when it has none. */
const struct device_config *routing_device_config(DWORD device_id);

#endif /* FXSSVC_ROUTING_H */
