#!/bin/bash
# Runs every test program of fxscomex under Wine, in a fresh prefix inside the build folder, with one
# wineserver kept for the whole run. Both DLLs are registered with regsvr32 first. Each test program
# runs once per bitness with the loader of that bitness; a 32-bit one counts as skipped (never as
# passed) when 32-bit Wine is missing. The last line is "N passed, N failed[, N skipped]".
#
# Copyright 2026 the fxscomex authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u

build=$(cd "${1:-build}" && pwd)
log_dir=$build/test-logs
export WINEPREFIX=$build/wineprefix
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY  # tests need no window; a display would only slow the prefix down

wine64=/usr/lib/wine/wine64
wine32=/usr/lib/wine/wine
passed=0 failed=0 skipped=0
failed_names=()

have_wine32() { [ -x "$wine32" ]; }

loader_for() {
    case "$1" in x86_64) echo "$wine64" ;; i686) echo "$wine32" ;; esac
}

windows_path() {
    "$wine64" winepath -w "$1" 2>/dev/null
}

make_prefix() {
    rm -rf "$WINEPREFIX" "$log_dir"
    mkdir -p "$log_dir"
    "$wine64" wineboot -i >"$log_dir/wineboot.log" 2>&1
    wineserver -p
    "$wine64" wineboot -i >>"$log_dir/wineboot.log" 2>&1  # waits until the prefix is ready
}

register() {  # register ARCH: regsvr32 of that bitness, its exit code checked
    local arch=$1 dll rc
    dll=$(windows_path "$build/$arch/fxscomex.dll")
    "$(loader_for "$arch")" regsvr32 /s "$dll" >>"$log_dir/regsvr32.log" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "regsvr32 ($arch) failed with exit code $rc"
        return 1
    fi
}

run_test() {  # run_test ARCH EXE
    local arch=$1 exe=$2 name out rc
    name="$arch/$(basename "$exe" .exe)"
    out="$log_dir/$arch-$(basename "$exe" .exe).log"
    FXSCOMEX_DLL=$(windows_path "$build/$arch/fxscomex.dll") \
        timeout 600 "$(loader_for "$arch")" "$exe" >"$out" 2>&1 </dev/null
    rc=$?
    grep -E "Test failed|Test succeeded inside todo|tests executed" "$out" | sed "s|^|$name: |"
    if [ $rc -eq 0 ] && grep -q "tests executed" "$out"; then
        passed=$((passed + 1))
    else
        [ $rc -eq 0 ] || echo "$name: exit code $rc (log: $out)"
        failed=$((failed + 1))
        failed_names+=("$name")
    fi
}

make_prefix
register x86_64 || { failed=$((failed + 1)); failed_names+=("x86_64/regsvr32"); }
if have_wine32; then
    register i686 || { failed=$((failed + 1)); failed_names+=("i686/regsvr32"); }
else
    echo "32-bit Wine is not installed: the i686 tests are skipped"
fi

for arch in x86_64 i686; do
    for exe in "$build/$arch/tests/"*.exe; do
        [ -e "$exe" ] || continue
        if [ "$arch" = i686 ] && ! have_wine32; then
            skipped=$((skipped + 1))
            continue
        fi
        run_test "$arch" "$exe"
    done
done

wineserver -k 2>/dev/null
[ ${#failed_names[@]} -eq 0 ] || echo "failed: ${failed_names[*]}"
if [ $skipped -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
