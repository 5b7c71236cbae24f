#!/bin/bash
# Checks for the HylaFAX test scripts, in the manner of Wine's test.h: ok/is count the checks and
# print the failed ones; finish prints "N tests executed (0 marked as todo, F failures)" (the line
# tests/run.sh looks for) and exits 0 or 1. Sourced.
#
# Copyright 2026 the fxscomex authors
# SPDX-License-Identifier: LGPL-2.1-or-later

check_count=0 check_failures=0
check_name=$(basename "$0" .sh)

ok() {  # ok STATUS MESSAGE: passes when STATUS is 0
    check_count=$((check_count + 1))
    [ "$1" = 0 ] && return 0
    check_failures=$((check_failures + 1))
    echo "$check_name: Test failed: $2"
    return 1
}

is() {  # is GOT WANTED MESSAGE
    [ "$1" = "$2" ] && { ok 0 "$3"; return; }
    ok 1 "$3: got \"$1\", wanted \"$2\""
}

trace() { echo "$check_name: $*"; }

finish() {
    echo "$check_name: $check_count tests executed (0 marked as todo, $check_failures failures)"
    [ "$check_failures" = 0 ] && [ "$check_count" -gt 0 ] && exit 0
    exit 1
}

skip_test() {
    echo "$check_name: skipped: $*"
    exit 77
}

# Says (and returns 1) why the HylaFAX end-to-end tests cannot run here: HylaFAX missing or not
# startable, or the modem bridge not built (no libspandsp).
hylafax_test_prerequisites() {  # hylafax_test_prerequisites BUILD
    local why
    why=$(hylafax_unavailable)
    [ -z "$why" ] || { echo "$check_name: skipped: $why"; return 1; }
    [ -x "$1/host/modem_bridge" ] ||
        { echo "$check_name: skipped: $1/host/modem_bridge was not built (libspandsp-dev missing)"; return 1; }
    [ -x "$1/host/mkfax" ] || { echo "$check_name: skipped: $1/host/mkfax was not built"; return 1; }
    command -v tiffinfo >/dev/null || { echo "$check_name: skipped: no tiffinfo (libtiff-tools)"; return 1; }
}
