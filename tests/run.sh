#!/bin/bash
# Runs every test program of fxscomex under Wine, in a fresh prefix inside the build folder, with one
# wineserver kept for the whole run. Both DLLs are registered with regsvr32 first. Each test program
# runs once per bitness with the loader of that bitness; a 32-bit one counts as skipped (never as
# passed) when 32-bit Wine is missing. A program that leaves the fax service running fails (and the
# service is stopped). The fax services a program starts append their log to a file beside its own.
# CI shows only the end of the output, so the end repeats what each failed program said: its first
# failures and the last lines of its services' log. The last line is "N passed, N failed[, N skipped]".
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
digest=$log_dir/failures.txt

# The 32-bit loader can be installed and still not run (a kernel without 32-bit support).
wine32_runs=
have_wine32() {
    [ -n "$wine32_runs" ] || { "$wine32" --version >/dev/null 2>&1 && wine32_runs=yes || wine32_runs=no; }
    [ "$wine32_runs" = yes ]
}

loader_for() {
    case "$1" in x86_64) echo "$wine64" ;; i686) echo "$wine32" ;; esac
}

windows_path() {
    "$wine64" winepath -w "$1" 2>/dev/null
}

# Creating a prefix leaves two services.exe running (wineboot's and the one the first process of a
# new prefix starts), which then serve the Service Control Manager's pipe in turns, each with its
# own service database: a service created through one is unknown to the other. So the prefix is
# made, its processes ended, and one persistent wineserver starts it again, with one services.exe.
make_prefix() {
    rm -rf "$WINEPREFIX" "$log_dir"
    mkdir -p "$log_dir"
    : >"$digest"
    "$wine64" wineboot -i >"$log_dir/wineboot.log" 2>&1
    wineserver -k 2>/dev/null
    wineserver -w
    wineserver -p
    "$wine64" wineboot >>"$log_dir/wineboot.log" 2>&1  # waits until the prefix is ready
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

# A test program must stop every fax service it started. This stops one left running (fxssvc.exe
# --stop works for either bitness and waits until the service has exited) and says so: false then.
no_service_left() {  # no_service_left NAME
    local out rc
    [ -e "$build/x86_64/fxssvc.exe" ] || return 0
    out=$(timeout 60 "$wine64" "$build/x86_64/fxssvc.exe" --stop 2>&1 </dev/null)
    rc=$?
    [ $rc -eq 4 ] && return 0  # FXSSVC_EXIT_NOT_RUNNING
    echo "$1: left fxssvc.exe running ($(echo "$out" | tr -d '\r' | tail -n 1), exit code $rc)"
    return 1
}

# What a failed program said, for the end of the run: its first failures, then the end of the log
# of the services it started.
add_to_digest() {  # add_to_digest NAME LOG [SERVICE_LOG]
    {
        echo "---- $1 ($2)"
        grep -m 12 -E "Test failed|exit code|Unhandled exception" "$2" || tail -n 5 "$2"
        if [ -s "${3:-}" ]; then
            echo "  the end of its fax services' log:"
            tail -n 8 "$3" | sed 's/^/  /'
        fi
    } | cut -c 1-300 >>"$digest"
}

run_test() {  # run_test ARCH EXE
    local arch=$1 exe=$2 name out rc service_log
    name="$arch/$(basename "$exe" .exe)"
    out="$log_dir/$arch-$(basename "$exe" .exe).log"
    service_log="${out%.log}.service.log"
    FXSCOMEX_DLL=$(windows_path "$build/$arch/fxscomex.dll") FXSSVC_LOG_FILE=$(windows_path "$service_log") \
        timeout 600 "$(loader_for "$arch")" "$exe" >"$out" 2>&1 </dev/null
    rc=$?
    grep -E "Test failed|Test succeeded inside todo|tests executed" "$out" | sed "s|^|$name: |"
    no_service_left "$name" || { [ $rc -eq 0 ] && rc=1; }
    if [ $rc -eq 0 ] && grep -q "tests executed" "$out"; then
        passed=$((passed + 1))
    else
        [ $rc -eq 0 ] || echo "$name: exit code $rc (log: $out)"
        failed=$((failed + 1))
        failed_names+=("$name")
        add_to_digest "$name" "$out" "$service_log"
    fi
}

# The host programs (the service's pure-C parsers, under sanitizers) need no Wine.
run_host_test() {  # run_host_test EXE
    local exe=$1 name out rc
    name="host/$(basename "$exe")"
    out="$log_dir/host-$(basename "$exe").log"
    (cd "$build/host" && timeout 600 "$exe" >"$out" 2>&1 </dev/null)
    rc=$?
    grep -E "Test failed|tests executed|ERROR: AddressSanitizer|runtime error" "$out" | sed "s|^|$name: |"
    if [ $rc -eq 0 ] && grep -q "tests executed" "$out"; then
        passed=$((passed + 1))
    else
        echo "$name: exit code $rc (log: $out)"
        failed=$((failed + 1))
        failed_names+=("$name")
        add_to_digest "$name" "$out"
    fi
}

# The libFuzzer targets of the same parsers, a short bounded run each (tests/fuzz.sh).
run_fuzz_target() {  # run_fuzz_target NAME
    local rc
    "$(dirname "$0")/fuzz.sh" "$build" "${FUZZ_SECONDS:-20}" "$1"
    rc=$?
    case $rc in
        0) passed=$((passed + 1)) ;;
        77) skipped=$((skipped + 1)) ;;
        *) failed=$((failed + 1)); failed_names+=("host/$1") ;;
    esac
}

# The end-to-end tests with a real HylaFAX and two software modems (tests/hylafax/*_test.sh): exit
# code 77 is a skip, whose reason the script prints (HylaFAX or libspandsp missing, not root).
run_script_test() {  # run_script_test SCRIPT
    local script=$1 name out rc
    name="hylafax/$(basename "$script" .sh)"
    out="$log_dir/hylafax-$(basename "$script" .sh).log"
    timeout 1800 "$script" "$build" >"$out" 2>&1 </dev/null
    rc=$?
    grep -E "Test failed|tests executed|skipped:|fax of|^HylaFAX: " "$out" | sed "s|^[a-z0-9_]*: |$name: |"
    case $rc in
        0) grep -q "tests executed" "$out" && passed=$((passed + 1)) ||
               { failed=$((failed + 1)); failed_names+=("$name"); } ;;
        77) skipped=$((skipped + 1)) ;;
        *) echo "$name: exit code $rc (log: $out)"; failed=$((failed + 1)); failed_names+=("$name") ;;
    esac
}

make_prefix
for exe in "$build/host/"*_test; do
    [ -x "$exe" ] && run_host_test "$exe"
done
for target in tiff_fuzz record_fuzz path_safety_fuzz; do
    run_fuzz_target "$target"
done
register x86_64 || { failed=$((failed + 1)); failed_names+=("x86_64/regsvr32"); }
if have_wine32; then
    register i686 || { failed=$((failed + 1)); failed_names+=("i686/regsvr32"); }
else
    echo "32-bit Wine does not run here: the i686 tests are skipped"
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

for script in "$(dirname "$0")"/hylafax/*_test.sh; do
    [ -x "$script" ] && run_script_test "$script"
done

no_service_left "run" || { failed=$((failed + 1)); failed_names+=("fxssvc.exe left running"); }
wineserver -k 2>/dev/null
cat "$digest"
[ ${#failed_names[@]} -eq 0 ] || echo "failed: ${failed_names[*]}"
if [ $skipped -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
