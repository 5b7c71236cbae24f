#!/bin/bash
# A private HylaFAX for one test run, on loopback, with two software fax modems wired back to back
# (tools/modem_bridge.c): its own spool folder, faxq, hfaxd on a free port, and a faxgetty per modem,
# started again after every call (faxgetty exits when a call ends). Nothing outside the folder is
# used or changed, apart from the HylaFAX programs and files the Debian packages installed.
#
#   hylafax.sh start DIR BRIDGE   start everything in DIR (made), BRIDGE being the modem_bridge program;
#                                 prints the settings (HYLAFAX_PORT=..., ...) also left in DIR/env
#   hylafax.sh stop DIR           stop everything started in DIR (DIR is kept: logs, received faxes)
#   hylafax.sh check              exit 0 if HylaFAX can run here, else 77 with the reason on stdout
#
# Sourced (". hylafax.sh"), it defines the same as the functions hylafax_start, hylafax_stop and
# hylafax_check, hylafax_account DIR (HylaFAX's jobs and calls, for a failed test) and
# hylafax_watchdog DIR (run beside a test: a job faxq forgot to send is sent). Modem 0
# (device FX0, fax number 5550100) and modem 1 (FX1, 5550101): a fax to either number is sent by
# whichever modem is free and rings the other one. The hfaxd user HYLAFAX_USER logs in with
# HYLAFAX_PASSWORD; any user on 127.0.0.1 without a password.
#
# Copyright 2026 the fxscomex authors
# SPDX-License-Identifier: LGPL-2.1-or-later

HYLAFAX_USER=fxstest
HYLAFAX_PASSWORD=fxstest-secret
HYLAFAX_ADMIN_PASSWORD=fxstest-admin
HYLAFAX_NUMBER0=5550100 HYLAFAX_NUMBER1=5550101
HYLAFAX_FAX_USER=uucp   # the user Debian's HylaFAX runs as and owns its spool with
# A fax modem's host (here faxgetty or faxsend) must answer it within a few tenths of a second of
# audio (a receiver that starts listening late misses the training): on a loaded machine the modems
# and HylaFAX run before the rest (nice goes on, with a warning, where it may not raise priority).
HYLAFAX_PRIORITY=(nice -n -15)

# Why HylaFAX cannot run here, or nothing.
hylafax_unavailable() {
    local prog
    for prog in /usr/sbin/faxq /usr/sbin/hfaxd /usr/sbin/faxgetty /usr/bin/sendfax; do
        [ -x "$prog" ] || { echo "$prog is missing (Debian's hylafax-server and hylafax-client)"; return; }
    done
    [ -d /var/spool/hylafax/bin ] || { echo "/var/spool/hylafax/bin is missing (hylafax-server not configured)"; return; }
    id "$HYLAFAX_FAX_USER" >/dev/null 2>&1 || { echo "no user $HYLAFAX_FAX_USER"; return; }
    # The daemons change to the fax user and lock devices: they must be started by root.
    [ "$(id -u)" = 0 ] || { echo "HylaFAX's daemons must be started as root (this is uid $(id -u))"; return; }
}

hylafax_check() {
    local why; why=$(hylafax_unavailable)
    [ -z "$why" ] && return 0
    echo "$why"
    return 77
}

# The password as hosts.hfaxd holds it (crypt(3), MD5), with perl, which every Debian has.
hylafax_crypt() {
    perl -e 'print crypt($ARGV[0], q($1$fxscomex$))' "$1"
}

# A TCP port on loopback nobody listens on.
hylafax_free_port() {
    local port
    for port in $(seq $((14559 + RANDOM % 1000)) 15999); do
        (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "$port"; return 0; }
    done
    return 1
}

# The modem's configuration (etc/config.DEVID) for modem INDEX, fax number NUMBER.
hylafax_modem_config() {
    local index=$1 number=$2
    cat <<EOF
# Software Class 1 modem $index of tools/modem_bridge.c (libspandsp's T.31)
CountryCode:		1
AreaCode:		555
FAXNumber:		+1.555.$number
LongDistancePrefix:	1
InternationalPrefix:	011
DialStringRules:	etc/dialrules
LocalIdentifier:	"FXSCOMEX MODEM $index"
ServerTracing:		0x1
SessionTracing:		0xFFF
LogFileMode:		0644
RecvFileMode:		0644
DeviceMode:		0666
RingsBeforeAnswer:	1
SpeakerVolume:		off
GettyArgs:		""
UUCPLockDir:		$HYLAFAX_DIR/locks
TagLineFont:		etc/lutRS18.pcf
TagLineFormat:		"From %%l|%c|Page %%P of %%T"
MaxRecvPages:		25
ModemType:		Class1
ModemRate:		19200
ModemFlowControl:	rtscts
ModemReadyCmds:		ATH0
Class1Cmd:		AT+FCLASS=1
Class1AdaptRecvCmd:	AT+FAR=1
Class1TMConnectDelay:	400
Class1PPMWaitCmd:	AT+FTS=7
Class1TCFWaitCmd:	AT+FTS=7
Class1EOPWaitCmd:	AT+FTS=9
Class1SwitchingCmd:	AT+FRS=7
Class1RecvAbortOK:	200
Class1FrameOverhead:	4
Class1RecvIdentTimer:	40000
Class1TCFMaxNonZero:	10
Class1TCFMinRun:	1000
EOF
}

# faxgetty for one modem, started again after every call until the stop file appears.
hylafax_getty_loop() {
    local dev=$1 log=$2 child=
    trap '[ -n "$child" ] && kill "$child" 2>/dev/null; exit 0' TERM
    while [ ! -e "$HYLAFAX_DIR/stopping" ]; do
        "${HYLAFAX_PRIORITY[@]}" /usr/sbin/faxgetty -q "$HYLAFAX_SPOOL" "$dev" >>"$log" 2>&1 &
        child=$!
        wait "$child"
        child=
        [ -e "$HYLAFAX_DIR/stopping" ] || sleep 0.2
    done
}

# Waits up to SECONDS for COMMAND to succeed.
hylafax_wait_for() {
    local seconds=$1; shift
    local end=$((SECONDS + seconds))
    until "$@"; do
        [ $SECONDS -lt $end ] || return 1
        sleep 0.2
    done
}

hylafax_modem_ready() {  # the modem's status file says it is idle and ready
    grep -q 'Running and idle' "$HYLAFAX_SPOOL/status/$1" 2>/dev/null
}

# The last record of TYPE (SEND, RECV, CALL) in the transfer log, tab-separated: 2 type, 3 session,
# 4 device, 5 job id (SEND) or received file (RECV), 11 pages, 14 the reason of a failure ("" if none).
hylafax_xferlog_record() {
    awk -F '\t' -v t="$1" '$2 == t { line = $0 } END { if (line != "") print line }' \
        "$HYLAFAX_SPOOL/log/xferfaxlog" 2>/dev/null
}

hylafax_xferlog_has() { [ -n "$(hylafax_xferlog_record "$1")" ]; }

hylafax_start() {
    local dir=$1 bridge=$2 why i port
    why=$(hylafax_unavailable)
    [ -z "$why" ] || { echo "hylafax.sh: $why" >&2; return 77; }
    [ -x "$bridge" ] || { echo "hylafax.sh: no modem bridge at $bridge" >&2; return 1; }
    mkdir -p "$dir" || return 1
    HYLAFAX_DIR=$(cd "$dir" && pwd)
    HYLAFAX_SPOOL=$HYLAFAX_DIR/spool
    rm -rf "$HYLAFAX_SPOOL" "$HYLAFAX_DIR/locks" "$HYLAFAX_DIR/stopping" "$HYLAFAX_DIR/pids"
    # The fax user must reach the spool through every parent folder (faxq, run as that user, says
    # nothing when it cannot: it only never makes its FIFO).
    chmod 755 "$HYLAFAX_DIR"
    runuser -u "$HYLAFAX_FAX_USER" -- test -x "$HYLAFAX_DIR" ||
        { echo "hylafax.sh: the fax user $HYLAFAX_FAX_USER cannot reach $HYLAFAX_DIR: a parent folder is closed to others" >&2
          return 1; }
    mkdir -p "$HYLAFAX_DIR/locks" "$HYLAFAX_DIR/logs"
    for i in archive client config dev docq doneq etc info log pollq recvq sendq status tmp; do
        mkdir -p "$HYLAFAX_SPOOL/$i"
    done
    chmod 1777 "$HYLAFAX_SPOOL/tmp"
    # Session logs are numbered through log/seqf, by faxsend (root) and faxgetty (the fax user).
    echo 1 >"$HYLAFAX_SPOOL/log/seqf"
    cp -a /var/spool/hylafax/bin "$HYLAFAX_SPOOL/"
    cp -a /etc/hylafax/. "$HYLAFAX_SPOOL/etc/"
    rm -f "$HYLAFAX_SPOOL"/etc/config.*   # the machine's own modems are not ours

    port=$(hylafax_free_port) || { echo "hylafax.sh: no free port" >&2; return 1; }
    cat >"$HYLAFAX_SPOOL/etc/config" <<EOF
# faxq's configuration for a test run
LogFacility:		daemon
CountryCode:		1
AreaCode:		555
LongDistancePrefix:	1
InternationalPrefix:	011
DialStringRules:	etc/dialrules
ServerTracing:		0x1
# faxq locks a modem for faxsend: in the same folder as faxgetty and faxsend (else faxgetty,
# polling a lock it cannot see, takes the modem back in the middle of a call).
UUCPLockDir:		$HYLAFAX_DIR/locks
MaxDials:		3
MaxTries:		3
JobReqBusy:		10
JobReqNoAnswer:		10
JobReqNoCarrier:	10
# Debian's /usr/sbin/faxsend is a wrapper that bind-mounts /etc/hylafax over the system spool's
# etc for the run: the program itself, with this spool's configuration.
SendFaxCmd:		/usr/lib/hylafax/bin/faxsend
EOF
    cat >"$HYLAFAX_SPOOL/etc/hfaxd.conf" <<EOF
# hfaxd's configuration for a test run
ServerTracing:		0x1
EOF
    {
        echo "# first match wins: the test user with a password, then anyone on loopback without one"
        echo "^$HYLAFAX_USER@::$(hylafax_crypt "$HYLAFAX_PASSWORD"):$(hylafax_crypt "$HYLAFAX_ADMIN_PASSWORD")"
        echo "127.0.0.1"
        echo "localhost"
    } >"$HYLAFAX_SPOOL/etc/hosts.hfaxd"
    for i in 0 1; do
        hylafax_modem_config "$i" "010.010$i" >"$HYLAFAX_SPOOL/etc/config.FX$i"
    done
    chown -R "$HYLAFAX_FAX_USER:$HYLAFAX_FAX_USER" "$HYLAFAX_SPOOL" "$HYLAFAX_DIR/locks"
    chmod 600 "$HYLAFAX_SPOOL/etc/hosts.hfaxd"

    # The modems' devices: faxgetty takes a name under /dev (its device id is the name without
    # /dev/, and its configuration etc/config.<id>). Links there, made unique by the port.
    local dev0=/dev/ttyFX${port}a dev1=/dev/ttyFX${port}b
    "${HYLAFAX_PRIORITY[@]}" "$bridge" ${HYLAFAX_BRIDGE_ARGS:-} "$dev0" "$dev1" >"$HYLAFAX_DIR/logs/bridge.out" 2>"$HYLAFAX_DIR/logs/bridge.log" &
    echo "$! bridge" >>"$HYLAFAX_DIR/pids"
    hylafax_wait_for 10 grep -q ready "$HYLAFAX_DIR/logs/bridge.out" ||
        { echo "hylafax.sh: the modem bridge did not start (see $HYLAFAX_DIR/logs/bridge.log)" >&2; return 1; }
    HYLAFAX_DEV0=${dev0#/dev/} HYLAFAX_DEV1=${dev1#/dev/}
    mv "$HYLAFAX_SPOOL/etc/config.FX0" "$HYLAFAX_SPOOL/etc/config.$HYLAFAX_DEV0"
    mv "$HYLAFAX_SPOOL/etc/config.FX1" "$HYLAFAX_SPOOL/etc/config.$HYLAFAX_DEV1"

    "${HYLAFAX_PRIORITY[@]}" /usr/sbin/faxq -D -q "$HYLAFAX_SPOOL" >"$HYLAFAX_DIR/logs/faxq.log" 2>&1 &
    echo "$! faxq" >>"$HYLAFAX_DIR/pids"
    /usr/sbin/hfaxd -d -q "$HYLAFAX_SPOOL" -l 127.0.0.1 -i "$port" >"$HYLAFAX_DIR/logs/hfaxd.log" 2>&1 &
    echo "$! hfaxd" >>"$HYLAFAX_DIR/pids"
    # A faxgetty tells faxq its modem is ready through faxq's FIFO, once: told before faxq reads
    # it, faxq never learns of the modem and its jobs wait for ever (seen: state W, both modems
    # "Running and idle"). So the gettys start once faxq has made its FIFO and had a moment to open it.
    hylafax_wait_for 30 test -p "$HYLAFAX_SPOOL/FIFO" ||
        { echo "hylafax.sh: faxq did not make its FIFO (see $HYLAFAX_DIR/logs/faxq.log)" >&2; return 1; }
    sleep 1
    for i in 0 1; do
        local dev_var=HYLAFAX_DEV$i
        hylafax_getty_loop "${!dev_var}" "$HYLAFAX_DIR/logs/faxgetty$i.log" &
        echo "$! faxgetty$i" >>"$HYLAFAX_DIR/pids"
    done

    hylafax_wait_for 30 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null ||
        { echo "hylafax.sh: hfaxd does not listen on port $port (see $HYLAFAX_DIR/logs)" >&2; return 1; }
    for i in 0 1; do
        local dev_var=HYLAFAX_DEV$i
        hylafax_wait_for 60 hylafax_modem_ready "${!dev_var}" ||
            { echo "hylafax.sh: modem $i is not ready: $(cat "$HYLAFAX_SPOOL/status/${!dev_var}" 2>/dev/null)" >&2; return 1; }
        # And faxq is told again that the modem is ready: a faxgetty's own word can still be lost
        # (seen after the FIFO wait too: jobs stayed "W" beside two idle modems until this).
        /usr/sbin/faxmodem -q "$HYLAFAX_SPOOL" "${!dev_var}" ||
            { echo "hylafax.sh: faxmodem could not tell faxq of modem $i" >&2; return 1; }
    done
    HYLAFAX_PORT=$port
    cat >"$HYLAFAX_DIR/env" <<EOF
HYLAFAX_DIR=$HYLAFAX_DIR
HYLAFAX_SPOOL=$HYLAFAX_SPOOL
HYLAFAX_HOST=127.0.0.1
HYLAFAX_PORT=$port
HYLAFAX_USER=$HYLAFAX_USER
HYLAFAX_PASSWORD=$HYLAFAX_PASSWORD
HYLAFAX_DEV0=$HYLAFAX_DEV0
HYLAFAX_DEV1=$HYLAFAX_DEV1
HYLAFAX_NUMBER0=$HYLAFAX_NUMBER0
HYLAFAX_NUMBER1=$HYLAFAX_NUMBER1
EOF
    cat "$HYLAFAX_DIR/env"
}

# HylaFAX's own account of what it did, for a failed test: a line per job (its state, dials and
# status: state 7 is done, 8 failed) and per call (the last line that says how it went).
hylafax_account() {
    local dir=$1 file
    for file in "$dir"/spool/doneq/q* "$dir"/spool/sendq/q*; do
        [ -f "$file" ] && echo "HylaFAX: job ${file##*/q}: $(grep -E '^(state|totdials|status):' "$file" | tr '\n' ' ')"
    done
    for file in "$dir"/spool/log/c[0-9]*; do
        [ -f "$file" ] && echo "HylaFAX: call ${file##*/}: $(grep -E 'SEND FAX|RECV FAX|FAILED|[Ff]ailed|ERROR' "$file" |
            tail -n 1 | cut -d' ' -f5- | cut -c1-160)"
    done
}

# faxq can still miss a faxgetty's word that its modem is ready (see hylafax_start): a job then
# waits, ready (state 5), beside an idle modem for ever (seen in a clean run: faxmodem got it
# going at once). While a test runs, this tells faxq again once that has lasted 15 s, and says so.
hylafax_watchdog() {
    local dir=$1 file modem stuck waited=0
    while [ ! -e "$dir/stopping" ]; do
        sleep 5
        stuck=
        for file in "$dir"/spool/sendq/q*; do
            [ -f "$file" ] && grep -q '^state:5$' "$file" || continue
            modem=$(sed -n 's/^modem://p' "$file")
            grep -qs "idle" "$dir/spool/status/$modem" && stuck=$modem
        done
        if [ -n "$stuck" ]; then waited=$((waited + 5)); else waited=0; fi
        if [ $waited -ge 15 ]; then
            echo "HylaFAX: a job waited $waited s beside idle modem $stuck: faxq was told again that it is ready"
            /usr/sbin/faxmodem -q "$dir/spool" "$stuck"
            waited=0
        fi
    done
}

hylafax_stop() {
    local dir=$1 pid name
    [ -f "$dir/pids" ] || return 0
    touch "$dir/stopping"
    # faxgetty loops first (they end their faxgetty), then the daemons, the bridge last.
    for name in faxgetty0 faxgetty1 hfaxd faxq bridge; do
        pid=$(awk -v n="$name" '$2 == n { print $1 }' "$dir/pids")
        [ -n "$pid" ] || continue
        kill "$pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
    done
    # hfaxd forks a process per client: those still connected end with their connection; faxq
    # may have started a faxsend. Both run with the spool folder as their working directory.
    local spool; spool=$(cd "$dir/spool" 2>/dev/null && pwd -P)
    if [ -n "$spool" ]; then
        for pid in $(ls /proc | grep -E '^[0-9]+$'); do
            [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$spool" ] || continue
            case "$(cat "/proc/$pid/comm" 2>/dev/null)" in
                hfaxd|faxq|faxsend|faxgetty|faxqclean) kill "$pid" 2>/dev/null ;;
            esac
        done
    fi
    rm -f "$dir/pids"
    [ -f "$dir/env" ] && rm -f "/dev/$(sed -n 's/^HYLAFAX_DEV0=//p' "$dir/env")" "/dev/$(sed -n 's/^HYLAFAX_DEV1=//p' "$dir/env")"
    return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-}" in
        start) hylafax_start "$2" "$3" ;;
        stop) hylafax_stop "$2" ;;
        check) hylafax_check ;;
        *) echo "usage: hylafax.sh start DIR BRIDGE | stop DIR | check" >&2; exit 2 ;;
    esac
fi
