#!/bin/bash
# Installs what fxscomex needs to build and test, from Debian's archive, when it is missing:
# the MinGW-w64 cross compilers (64 and 32 bit), widl, the .idl imports from libwine-dev, Wine, and
# libtiff's tools (the TIFF module's host test checks its images with them), clang with libFuzzer
# (the fuzz targets of the service's parsers), and HylaFAX with libspandsp for the end-to-end test of
# the HylaFAX provider (two software fax modems, tools/modem_bridge.c).
# Every amd64 package must be installed here, before 32-bit Wine: its version pins can leave apt
# unable to install further amd64 packages afterwards.
# Then it tries to enable 32-bit Wine, which may fail on some mirrors (see install-wine32.sh).
# Fast when everything is there: it only looks.
set -u

log=${1:-/tmp/fxscomex-install.log}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$(dirname "$log")"   # a fresh clone has no build folder yet

as_root() {  # sudo resets the environment: the frontend setting goes over explicitly (no questions)
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo env DEBIAN_FRONTEND=noninteractive "$@"; fi
}

missing=()
need() {  # need FILE PACKAGE: the package is missing when the file is
    [ -e "$1" ] || missing+=("$2")
}
need /usr/bin/x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
need /usr/bin/x86_64-w64-mingw32-g++ g++-mingw-w64-x86-64
need /usr/bin/i686-w64-mingw32-gcc gcc-mingw-w64-i686
need /usr/bin/i686-w64-mingw32-g++ g++-mingw-w64-i686
need /usr/bin/x86_64-w64-mingw32-widl mingw-w64-tools
need /usr/include/wine/wine/windows/oaidl.idl libwine-dev
need /usr/lib/wine/wine64 wine64
need /usr/bin/wine wine
need /usr/bin/tiffinfo libtiff-tools
need /usr/bin/clang clang
# HylaFAX: the server (faxq, hfaxd, faxgetty), its client tools (sendfax, faxstat) and libspandsp's
# headers for the modem bridge. The server needs a mail transport agent (it mails faxmaster); where
# there is none, dma: it runs no daemon, where apt's default, exim4, would start one listening.
need /usr/sbin/faxq hylafax-server
need /usr/bin/sendfax hylafax-client
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
need "/usr/include/$multiarch/spandsp.h" libspandsp-dev
# spandsp.h includes tiffio.h. Named here, libtiff-dev's own dependencies show in apt's report
# when they block it (install-wine32.sh's pin loop reads that report, one level deep).
need "/usr/include/$multiarch/tiffio.h" libtiff-dev
need /usr/sbin/sendmail dma
compgen -G '/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a' >/dev/null ||
    missing+=(libclang-rt-14-dev)   # libFuzzer, for the fuzz targets of the service's parsers

# On a machine run by systemd, installing hylafax-server starts and enables faxq and hfaxd (on
# port 4559, with no modem). The tests start their own, on loopback: the ones the installation
# just started are stopped and disabled (a HylaFAX that was there before is left alone).
quiet_new_hylafax() {
    case " ${missing[*]} " in *" hylafax-server "*) ;; *) return 0 ;; esac
    [ -d /run/systemd/system ] || return 0
    as_root systemctl disable --now hfaxd.service faxq.service hylafax.service >>"$log" 2>&1 ||
        echo "fxscomex: could not stop the HylaFAX services the installation started (see $log)"
}

if [ ${#missing[@]} -gt 0 ]; then
    echo "fxscomex: installing ${missing[*]} (log: $log)"
    export DEBIAN_FRONTEND=noninteractive
    # An index that fails to update (the i386 one of the security archive, once 32-bit is enabled)
    # leaves the others usable: go on to the install, which says whether it worked.
    as_root apt-get update -q >>"$log" 2>&1 || echo "fxscomex: apt-get update reported errors (see $log); going on"
    if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
        # Once 32-bit Wine is in, its pinned library versions can block amd64 packages: the
        # same pin loop that installed it installs them.
        if dpkg --print-foreign-architectures | grep -qx i386; then
            "$here/install-wine32.sh" "$log" "${missing[@]}" || exit 1
            quiet_new_hylafax
            exit 0
        fi
        echo "fxscomex: installing ${missing[*]} failed; see $log" >&2
        exit 1
    fi
    quiet_new_hylafax
fi

exec "$here/install-wine32.sh" "$log"
