#!/bin/bash
# Runs the libFuzzer targets of the fax service's parsers (tests/host/*_fuzz.c, built by the Makefile
# with clang) for a bounded time each: tests/run.sh runs them briefly in every `make check`, and
# `make fuzz FUZZ_SECONDS=600` runs them longer.
#
# Each target starts from its seed corpus (tests/host/corpus/<target>/) and from the inputs that
# once crashed it (tests/host/regressions/<target>/, replayed first: a crash found is saved there
# as a regression test). New inputs it finds go to a working corpus in the build folder, which later
# runs reuse. A crash leaves its input in the build folder as crash-<hash> and fails the run.
#
# Usage: tests/fuzz.sh BUILD SECONDS [TARGET...]    (default: every *_fuzz in BUILD/host)
# Prints one line per target; exit code 0 when none crashed. A target that is not built (no clang
# with libFuzzer) is reported as skipped, exit code 77, when no other failed.
#
# Copyright 2026 the fxscomex authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u

build=$(cd "$1" && pwd)
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tiff_fuzz record_fuzz path_safety_fuzz)

declare -A max_len=([tiff_fuzz]=65536 [record_fuzz]=4096 [path_safety_fuzz]=1024)
status=0 skipped=0

for target in "${targets[@]}"; do
    exe=$build/host/$target
    if [ ! -x "$exe" ]; then
        echo "host/$target: skipped: not built (clang with libFuzzer is missing)"
        skipped=1
        continue
    fi
    work=$build/host/corpus-$target
    log=$build/host/$target.log
    mkdir -p "$work"
    inputs=("$work" "$here/host/corpus/$target")
    [ -d "$here/host/regressions/$target" ] && inputs+=("$here/host/regressions/$target")
    (cd "$build/host" && "$exe" -max_total_time="$seconds" -max_len="${max_len[$target]:-65536}" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 "${inputs[@]}") >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    corpus_size=$(ls "$work" | wc -l)
    if [ $rc -eq 0 ]; then
        echo "host/$target: ${runs:-?} inputs run in $seconds s, no crash; working corpus $corpus_size inputs"
    else
        echo "host/$target: FAILED (exit code $rc): $(grep -m1 -E 'ERROR|runtime error|Test unit written|No such file' "$log")"
        echo "host/$target: log $log; keep the crash input as a regression test in tests/host/regressions/$target/"
        status=1
    fi
done
[ $status -eq 0 ] && [ $skipped -eq 1 ] && exit 77
exit $status
