#!/bin/bash
# make demo: registers the 64-bit DLL in a Wine prefix of its own, writes a two-page fax, and runs
# samples/watch_fax.c, which starts the fax service, sends the fax from virtual device 1 to virtual
# device 2 and prints every event as it arrives. The service's clock runs 4 times as fast as real
# time (FXSSVC_CLOCK_SPEED), so that the demo takes seconds rather than a minute.
#
# Copyright 2026 the fxscomex authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu

build=$(cd "${1:-build}" && pwd)
export WINEPREFIX=$build/demo-prefix
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
export FXSSVC_CLOCK_SPEED=${FXSSVC_CLOCK_SPEED:-4}
wine64=/usr/lib/wine/wine64

if [ ! -d "$WINEPREFIX" ]; then
    echo "making a Wine prefix for the demo in $WINEPREFIX"
    "$wine64" wineboot -i >/dev/null 2>&1
fi
wineserver -p 2>/dev/null || true   # one server for the whole demo (it may run already)
export FXSSVC_DATA_ROOT=$("$wine64" winepath -w "$build/demo-data")
rm -rf "$build/demo-data"
"$wine64" regsvr32 /s "$("$wine64" winepath -w "$build/x86_64/fxscomex.dll")"
"$build/host/mkfax" "$build/demo-fax.tif" 2

"$wine64" "$build/x86_64/samples/watch_fax.exe" "$("$wine64" winepath -w "$build/demo-fax.tif")" 1002
status=$?
"$wine64" "$build/x86_64/fxssvc.exe" --stop >/dev/null 2>&1 || true
wineserver -k
exit $status
