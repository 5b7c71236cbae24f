#!/bin/bash
# The end-to-end test of the HylaFAX provider: a private HylaFAX on loopback with two software
# modems (hylafax.sh), then tests/hylafax/e2e.c under Wine, which points the service at that hfaxd
# and sends a fax through FaxDocument.ConnectedSubmit from one modem to the other (its first call
# finding the line busy).
#
#   e2e_test.sh BUILD    exit 0 passed, 1 failed, 77 skipped (the reason on stdout)
#
# Run by tests/run.sh (its Wine prefix, with fxscomex.dll registered); alone, it uses
# BUILD/wineprefix as tests/run.sh left it.
#
# Copyright 2026 the fxscomex authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
. "$here/check.sh"
. "$here/hylafax.sh"

wine64=/usr/lib/wine/wine64
exe=$build/x86_64/tests/hylafax/e2e.exe
export WINEPREFIX=${WINEPREFIX:-$build/wineprefix}
export WINEDEBUG=${WINEDEBUG:--all}

hylafax_test_prerequisites "$build" || exit 77
[ -e "$exe" ] || skip_test "$exe was not built"
[ -d "$WINEPREFIX" ] || skip_test "no Wine prefix at $WINEPREFIX (tests/run.sh makes it)"

dir=$build/hylafax-e2e
trap 'hylafax_stop "$dir"' EXIT
started=$SECONDS
# The first call finds the line busy: the engine's retry goes through HylaFAX too.
HYLAFAX_BRIDGE_ARGS="-b 1" hylafax_start "$dir" "$build/host/modem_bridge" >/dev/null
ok $? "HylaFAX and the modems start (log: $dir/logs)" || finish
trace "HylaFAX ready in $((SECONDS - started)) s on port $HYLAFAX_PORT"
hylafax_watchdog "$dir" >"$dir/logs/watchdog.log" 2>&1 &
watchdog=$!
trap 'kill "$watchdog" 2>/dev/null; hylafax_stop "$dir"' EXIT

out=$dir/e2e.log
FXSCOMEX_DLL=$("$wine64" winepath -w "$build/x86_64/fxscomex.dll" 2>/dev/null) \
HYLAFAX_PORT=$HYLAFAX_PORT HYLAFAX_USER=$HYLAFAX_USER HYLAFAX_PASSWORD=$HYLAFAX_PASSWORD \
HYLAFAX_NUMBER1=$HYLAFAX_NUMBER1 \
    timeout 900 "$wine64" "$exe" >"$out" 2>&1 </dev/null
rc=$?
tr -d '\r' <"$out" | grep -E "Test failed|Tests skipped|took|tests executed" | sed 's/^/    /'
if grep -q "Tests skipped" "$out" && ! grep -q "Test failed" "$out" &&
   grep -qE "e2e: 0 tests executed" "$out"; then
    skip_test "$(tr -d '\r' <"$out" | sed -n 's/.*Tests skipped: //p' | head -n 1) (HylaFAX itself: native_test)"
fi
cat "$dir/logs/watchdog.log"
ok "$rc" "e2e.exe passes (exit code $rc, log: $out)" || hylafax_account "$dir"
grep -q "tests executed" "$out"
ok $? "e2e.exe ran to its end"
finish
