#!/bin/bash
# Enable 32-bit Wine (wine32:i386) on Debian bookworm amd64, for the 32-bit tests.
#
# Usage: tools/install-wine32.sh [LOGFILE [PACKAGE...]]
# Always exits 0 unless the install broke a tool the project already had: when 32-bit
# Wine cannot be had it says why in one line, and the 32-bit tests are reported as skipped.
# PACKAGEs are amd64 packages the project needs that plain apt could not install once 32-bit
# Wine was in (install-deps.sh): they go in with wine32 through the same pins, and failing
# to install them is an error.
#
# Why the pin loop: the archive's bookworm-security i386 index can fail to download
# ("File has unexpected size"), so apt sees newer (security) versions of Multi-Arch: same
# libraries for amd64 than for i386. Such a library must have the same version on both
# architectures, so wine32 cannot install. We pin each package apt's simulation names
# (unmet, or to be removed), on both architectures, to the version the i386 index offers,
# until the simulation neither fails nor removes anything; then we install with those pins.
set -u

LOG=${1:-/tmp/fxscomex-install-wine32.log}
shift
EXTRA=("$@")
MAX_ROUNDS=10
export DEBIAN_FRONTEND=noninteractive
SUDO=  # sudo resets the environment: hand the frontend setting over explicitly
[ "$(id -u)" -eq 0 ] || SUDO="sudo env DEBIAN_FRONTEND=noninteractive"

say() { echo "fxscomex: $*"; }
unavailable() {
    if [ ${#EXTRA[@]} -gt 0 ]; then say "could not install ${EXTRA[*]}: $*" >&2; exit 1; fi
    say "32-bit Wine is not available: $*"; exit 0
}

wine32_works() {
    [ -x /usr/lib/wine/wine ] &&
        dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q ' installed$' &&
        /usr/lib/wine/wine --version >/dev/null 2>&1
}

# The tools the project builds and runs with; each that works now must work afterwards.
project_tools_working() {
    x86_64-w64-mingw32-gcc --version >/dev/null 2>&1 && echo x86_64-w64-mingw32-gcc
    x86_64-w64-mingw32-widl -V >/dev/null 2>&1 && echo x86_64-w64-mingw32-widl
    /usr/lib/wine/wine64 --version >/dev/null 2>&1 && echo /usr/lib/wine/wine64
}

# Preferences go in a file of our own, passed with -o, not in /etc/apt: a pin there would
# hold those libraries back from security updates for good. A preferences file (rather
# than pkg:arch=version on the command line) only chooses versions: it neither marks the
# pinned libraries as manually installed nor installs an amd64 library that was absent.
PREFS=  # made in main: the pins
SIM=    # made in main: the output of the last simulated install
# No stdin in CI: keep the old config file if a library's package asks. A fresh machine
# may still be running another apt: wait for its lock rather than fail at once.
apt_get() {
    $SUDO apt-get -y -q -o DPkg::Lock::Timeout=300 -o Dir::Etc::Preferences="$PREFS" \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}
INSTALL_ARGS=(--allow-downgrades wine32:i386 "${EXTRA[@]}")

# Package names (without architecture) in apt's "unmet dependencies" report: the first
# word of a line ("libcurl4:i386 :", or an alternative after "or") and the word after
# "Depends:", "Breaks:", ... ("Depends: libssl3:i386 (= V) but W is to be installed").
unmet_names() {
    awk '/unmet dependencies:/ { on = 1; next }  /^E:/ { on = 0 }
         on { for (i = 1; i <= NF; i++)
                  if ((i == 1 || $(i-1) ~ /:$/) && $i ~ /^[a-z0-9][a-z0-9+.-]+(:[a-z0-9]+)?$/) {
                      sub(/:.*/, "", $i); print $i } }' "$1" | sort -u
}

# Packages the simulation would remove: -dev packages and the like that depend on the exact
# version of a library we move (libssl-dev on libssl3). Pinned to the same i386-index
# version, they move along with their library instead.
removed_names() { awk '/^Remv / { print $2 }' "$1" | sed 's/:.*//' | sort -u; }

# "name version" for each of the names, with the version the i386 index offers (apt-cache
# runs without our pins, so its candidate is that version). Names not in it are dropped.
i386_versions() {
    # shellcheck disable=SC2046  # one word per package name, on purpose
    apt-cache show --no-all-versions $(sed 's/$/:i386/') 2>/dev/null |
        awk '/^Package:/ { p = $2 } /^Version:/ { print p, $2 }' | sort -u
}

# Simulate until apt neither fails nor removes anything (a removal could take a tool the
# project needs, so none is accepted); each round pins what the simulation names.
# Returns 0 when the simulation (left in $SIM) is clean.
solve_with_pins() {
    local round name version added
    for round in $(seq 1 $MAX_ROUNDS); do
        apt_get install -s "${INSTALL_ARGS[@]}" >"$SIM" 2>&1 && ! grep -q '^Remv ' "$SIM" && return 0
        cat "$SIM" >>"$LOG"
        added=0
        while read -r name version; do
            grep -qxF "Package: $name:amd64 $name:i386" "$PREFS" && continue
            printf 'Package: %s:amd64 %s:i386\nPin: version %s\nPin-Priority: 1001\n\n' \
                "$name" "$name" "$version" >>"$PREFS"
            added=$((added + 1))
        done < <({ unmet_names "$SIM"; removed_names "$SIM"; } | i386_versions)
        echo "fxscomex: pin round $round: $added new pins" >>"$LOG"
        [ "$added" -gt 0 ] || return 1  # apt still fails, and nothing more we can pin
    done
    return 1
}

# Why the last simulation was not accepted, in one line.
why_unresolved() {
    local removed; removed=$(removed_names "$SIM" | tr '\n' ' ')
    if [ -n "$removed" ]; then echo "it would remove ${removed% }"
    else grep -m1 -E '^E: |^ [^ ].* : ' "$SIM" | sed 's/^ *//' | grep . || echo "see $LOG"
    fi
}

main() {
    if wine32_works && [ ${#EXTRA[@]} -eq 0 ]; then say "32-bit Wine is available"; exit 0; fi
    [ -z "$SUDO" ] || command -v sudo >/dev/null || unavailable "not root, and no sudo"
    [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ] || unavailable "not a Debian amd64 system"
    : 2>/dev/null >"$LOG" || LOG=$(mktemp /tmp/fxscomex-install-wine32-XXXXXX)
    PREFS=$(mktemp /tmp/fxscomex-wine32-pins-XXXXXX) SIM=$(mktemp /tmp/fxscomex-wine32-sim-XXXXXX)
    trap 'rm -f "$PREFS" "$SIM"' EXIT
    say "installing 32-bit Wine (wine32:i386) ${EXTRA[*]}, log: $LOG"
    local tools_before; tools_before=$(project_tools_working)

    $SUDO dpkg --add-architecture i386 >>"$LOG" 2>&1 || unavailable "dpkg --add-architecture i386 failed"
    # apt-get update may fail on one index (the broken security one); the pins handle
    # that, so only give up below if apt knows no wine32:i386 at all.
    local update=ok
    apt_get update >>"$LOG" 2>&1 || update="apt-get update failed"
    apt-cache show wine32:i386 >/dev/null 2>&1 || unavailable "apt knows no wine32:i386 ($update)"
    [ "$update" = ok ] || say "apt-get update reported errors (see log); going on"

    solve_with_pins || unavailable "apt cannot install wine32:i386 with pins: $(why_unresolved)"
    local pins; pins=$(grep -c '^Package:' "$PREFS")
    cat "$SIM" "$PREFS" >>"$LOG"

    say "apt resolved wine32:i386 ${EXTRA[*]} with $pins version pins; installing"
    apt_get install "${INSTALL_ARGS[@]}" >>"$LOG" 2>&1 || unavailable "apt-get install failed (see $LOG)"

    local tool
    for tool in $tools_before; do
        grep -qxF "$tool" <<<"$(project_tools_working)" && continue
        say "ERROR: $tool no longer works after installing wine32:i386 (see $LOG)"
        exit 1
    done
    EXTRA=()  # installed: a 32-bit loader that cannot run (a kernel without 32-bit support) is no error for them
    wine32_works || unavailable "wine32:i386 installed, but /usr/lib/wine/wine does not run"
    say "32-bit Wine is available"
}

main
