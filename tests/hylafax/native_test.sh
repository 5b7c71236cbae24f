#!/bin/bash
# HylaFAX alone, end to end without hardware: a two-page fax sent with HylaFAX's own client
# (sendfax, to hfaxd on loopback) leaves through one software modem and arrives on the other; the
# received TIFF has both pages. Proves the set-up the provider's end-to-end test stands on
# (tests/hylafax/hylafax.sh, tools/modem_bridge.c) and prints how long one fax takes.
#
#   native_test.sh BUILD    exit 0 passed, 1 failed, 77 skipped (the reason on stdout)
#
# Copyright 2026 the fxscomex authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
. "$here/check.sh"
. "$here/hylafax.sh"

hylafax_test_prerequisites "$build" || exit 77
dir=$build/hylafax-native
trap 'hylafax_stop "$dir"' EXIT
started=$SECONDS
hylafax_start "$dir" "$build/host/modem_bridge" >/dev/null
ok $? "HylaFAX and the modems start (log: $dir/logs)" || finish
trace "HylaFAX ready in $((SECONDS - started)) s on port $HYLAFAX_PORT"

"$build/host/mkfax" "$dir/document.tif" 2
started=$SECONDS
out=$(sendfax -n -h "127.0.0.1:$HYLAFAX_PORT" -d "$HYLAFAX_NUMBER1" "$dir/document.tif" 2>&1)
job=$(sed -n 's/^request id is \([0-9]*\) .*/\1/p' <<<"$out")
ok "$([ -n "$job" ]; echo $?)" "sendfax submits the job ($out)" || finish

# The job is done when faxq writes its SEND record (success or failure) to the transfer log.
hylafax_wait_for 600 hylafax_xferlog_has SEND
ok $? "the send ends within 10 minutes" || finish
send=$(hylafax_xferlog_record SEND)
recv=$(hylafax_xferlog_record RECV)
trace "send record: $send"
trace "receive record: $recv"
trace "one fax of 2 pages, from sendfax to the end of the send: $((SECONDS - started)) s"
is "$(cut -f 14 <<<"$send")" '""' "the send has no error"
is "$(cut -f 14 <<<"$recv")" '""' "the receive has no error"
is "$(cut -f 11 <<<"$recv")" 2 "the receive counted 2 pages"
tif=$HYLAFAX_SPOOL/$(cut -f 5 <<<"$recv")
is "$(tiffinfo "$tif" 2>/dev/null | grep -c 'TIFF Directory')" 2 "the received TIFF ($tif) has 2 pages"
finish
