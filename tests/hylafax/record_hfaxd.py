#!/usr/bin/env python3
"""Records real conversations with hfaxd (HylaFAX's client-server protocol) into text files under
tests/hylafax/recorded/, for the scripted peer of the HylaFAX provider's protocol tests. It plays
the provider's part (the same commands, in the same order) against the private HylaFAX that
tests/hylafax/hylafax.sh starts, with two software modems: a fax really leaves and arrives.

    record_hfaxd.py DIR [SCENARIO...]     DIR: the folder hylafax.sh started (its env file)

Line syntax (as tests/scripts/hylafax_provider.conv):
    control< COMMAND            what the client sent on the connection "control" (or "watch")
    control> REPLY              each line of hfaxd's reply
    control data LINE           a line received on that connection's data connection
    control upload N bytes / control download N bytes / control data closed
    watch data LINE             a SITE TRIGGER line, as it arrived
    # +S.SS s                   seconds since the start of the scenario, before an event that
                                came more than half a second after the previous one
    control closed by server    the control connection reached its end (EOF)

Copyright 2026 the fxscomex authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import os
import re
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


class Recorder:
    def __init__(self, path):
        self.out = open(path, "w")
        self.lock = threading.Lock()
        self.start = time.monotonic()
        self.last = self.start

    def comment(self, text):
        with self.lock:
            self.out.write("# %s\n" % text)

    def event(self, text):
        with self.lock:
            if self.out.closed:   # a reader thread's last words after the scenario's end
                return
            now = time.monotonic()
            if now - self.last > 0.5:
                self.out.write("# +%.2f s\n" % (now - self.start))
            self.last = now
            self.out.write(text + "\n")
            self.out.flush()

    def close(self):
        time.sleep(0.5)
        with self.lock:
            self.out.close()


class Connection:
    """A control connection to hfaxd, with its replies and data transfers recorded."""

    def __init__(self, rec, name, env):
        self.rec, self.name = rec, name
        self.sock = socket.create_connection((env["HYLAFAX_HOST"], int(env["HYLAFAX_PORT"])), timeout=600)
        self.file = self.sock.makefile("rb")
        self.rec.event("accept %s" % name)
        self.reply()

    def line(self):
        data = self.file.readline()
        if not data:
            self.rec.event("%s closed by server" % self.name)
            raise EOFError(self.name)
        return data.decode("latin-1").rstrip("\r\n")

    def reply(self):
        """Reads one reply (all lines of a multi-line one); returns (code, text of the last line)."""
        first = self.line()
        self.rec.event("%s> %s" % (self.name, first))
        code, text = first[:3], first
        if len(first) > 3 and first[3] == "-":
            while True:
                text = self.line()
                self.rec.event("%s> %s" % (self.name, text))
                if text.startswith(code + " "):
                    break
        return int(code), text

    def command(self, text, record_as=None):
        self.rec.event("%s< %s" % (self.name, record_as or text))
        self.sock.sendall(text.encode("latin-1") + b"\r\n")
        return self.reply()

    def port(self):
        """Listens for the data connection and tells hfaxd where (active mode, as the provider)."""
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(600)
        port = listener.getsockname()[1]
        self.command("PORT 127,0,0,1,%d,%d" % (port // 256, port % 256))
        return listener

    def transfer(self, type_, text, upload=None, lines=True):
        """TYPE, PORT, then a command that opens the data connection: returns (code, data, the
        text of the opening and of the final reply)."""
        self.command("TYPE %s" % type_)
        listener = self.port()
        code, opening = self.command(text)
        final = ""
        data = b""
        if code == 150 or code == 125:
            conn, _ = listener.accept()
            self.rec.event("%s connect" % self.name)
            if upload is not None:
                conn.sendall(upload)
                conn.close()
                self.rec.event("%s upload %d bytes" % (self.name, len(upload)))
            else:
                while True:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                conn.close()
                if lines:
                    for line in data.decode("latin-1").splitlines():
                        self.rec.event("%s data %s" % (self.name, line))
                    self.rec.event("%s close-data" % self.name)
                else:
                    self.rec.event("%s download %d bytes" % (self.name, len(data)))
            code, final = self.reply()
        listener.close()
        return code, data, opening + " " + final

    def login(self, user, password):
        code, _ = self.command("USER %s" % user)
        if code == 331:
            code, _ = self.command("PASS %s" % password)
        return code

    def close(self):
        try:
            self.command("QUIT")
        except (EOFError, OSError):
            pass
        self.sock.close()


class Watch(Connection):
    """The login that holds SITE TRIGGER: its data lines are recorded as they come."""

    def __init__(self, rec, name, env, spec):
        super().__init__(rec, name, env)
        self.lines = []
        self.cond = threading.Condition()
        self.login(env["HYLAFAX_USER"], env["HYLAFAX_PASSWORD"])
        self.command("TYPE A")
        listener = self.port()
        code, _ = self.command("SITE TRIGGER %s" % spec)
        self.data = None
        if code in (125, 150):
            self.data, _ = listener.accept()
            self.rec.event("%s connect" % name)
            threading.Thread(target=self.read_triggers, daemon=True).start()
        listener.close()

    def read_triggers(self):
        buf = b""
        while True:
            try:
                chunk = self.data.recv(4096)
            except OSError:
                chunk = b""
            if not chunk:
                self.rec.event("%s data closed" % self.name)
                with self.cond:
                    self.lines.append(None)
                    self.cond.notify_all()
                return
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                text = line.decode("latin-1").rstrip("\r")
                self.rec.event("%s data %s" % (self.name, text))
                with self.cond:
                    self.lines.append(text)
                    self.cond.notify_all()

    def wait_for(self, pattern, timeout=600):
        """Waits for a trigger line matching the regular expression; returns it (None: timeout/end)."""
        end = time.monotonic() + timeout
        seen = 0
        with self.cond:
            while True:
                while seen < len(self.lines):
                    line = self.lines[seen]
                    seen += 1
                    if line is None:
                        return None
                    if re.search(pattern, line):
                        return line
                left = end - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)


def xferlog_record(env, kind, timeout):
    """The fields of the first record of KIND in faxq's transfer log, waiting up to TIMEOUT s."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with open(os.path.join(env["HYLAFAX_SPOOL"], "log", "xferfaxlog")) as f:
                for line in f:
                    fields = line.rstrip("\n").split("\t")
                    if len(fields) > 13 and fields[1] == kind:
                        return fields
        except OSError:
            pass
        time.sleep(1)
    return None


def read_env(folder):
    env = {}
    with open(os.path.join(folder, "env")) as f:
        for line in f:
            key, _, value = line.strip().partition("=")
            env[key] = value
    return env


def document():
    with open(os.path.join(os.environ.get("RECORD_DOCUMENT", "")), "rb") as f:
        return f.read()


def control_login(rec, env, name="control"):
    control = Connection(rec, name, env)
    control.login(env["HYLAFAX_USER"], env["HYLAFAX_PASSWORD"])
    control.command('MDMFMT "%m|%n|%s"')
    control.transfer("A", "LIST status")
    return control


def list_jobs(control, folder, fields="%j|%a|%s"):
    """The provider's job listing: JOBFMT (the job, its state letter, its status text), LIST."""
    control.command('JOBFMT "%s"' % fields)
    control.transfer("A", "LIST %s" % folder)


def submit(control, number, modem, extra=()):
    """The provider's submission (STOT, JNEW, JPARMs, JSUBM) with what hfaxd needs besides (see
    sendfax_client.txt and submit_without_lasttime.txt): FORM TIFF, else the stored file is named
    .ps, and LASTTIME, else the job times out at once. Returns the job id or None."""
    control.command("FORM TIFF")
    code, _, replies = control.transfer("I", "STOT", upload=document())
    # the file's name is in the replies: "150 FILE: /tmp/doc7.tif (Opening ...)."
    m = re.search(r"FILE: ([^\s)]+)", replies)
    file = m.group(1) if m else None
    code, text = control.command("JNEW")
    m = re.search(r"jobid: (\d+)", text)
    job = m.group(1) if m else None
    control.command('JPARM DIALSTRING "%s"' % number)
    control.command('JPARM MODEM "%s"' % modem)
    control.command("JPARM VRES 98")
    for parm in ("LASTTIME 000259", "MAXDIALS 1", "MAXTRIES 1", "SENDTIME NOW", 'NOTIFY "none"') + tuple(extra):
        control.command("JPARM %s" % parm)
    control.command("JPARM DOCUMENT %s" % file)
    code, _ = control.command("JSUBM")
    return job if code == 200 else None


def logins(rec, env, spec, *comments):
    """The scenario's comment lines, then the provider's two logins: the watch (SITE TRIGGER spec)
    and the control login that listed the modems."""
    for comment in comments:
        rec.comment(comment)
    return Watch(rec, "watch", env, spec), control_login(rec, env)


def scenario_send_receive(rec, env):
    rec.comment("A fax of two pages from modem 0 to modem 1 through real hfaxd (HylaFAX 6.0.7,")
    rec.comment("Debian bookworm) on loopback: the provider's logins, SITE TRIGGER, submission,")
    rec.comment("the send's and the receive's trigger lines, job states, fetching the received file.")
    watch = Watch(rec, "watch", env, "J*S*R*M*")
    control = control_login(rec, env)
    job = submit(control, env["HYLAFAX_NUMBER1"], env["HYLAFAX_DEV0"])
    list_jobs(control, "sendq")
    # The end, whatever the trigger lines say: faxq's SEND record in the transfer log.
    send = xferlog_record(env, "SEND", 600)
    time.sleep(5)  # the last trigger lines (job reaped, modem ready)
    received = xferlog_record(env, "RECV", 5)
    control.transfer("A", "LIST sendq")
    control.transfer("A", "LIST doneq")
    control.transfer("A", "LIST recvq")
    if received:
        control.transfer("I", "RETR %s" % received[4], lines=False)
    control.command("JDELE %s" % job)
    control.command("NOOP")
    control.close()
    watch.close()
    return bool(send and received and send[13] == '""' and received[13] == '""')


def scenario_errors(rec, env):
    rec.comment("Error replies of real hfaxd (HylaFAX 6.0.7): a wrong password, unknown commands and")
    rec.comment("parameters, unknown jobs and files, a bad trigger specification, a kill of a waiting job.")
    bad = Connection(rec, "bad", env)
    bad.command("USER %s" % env["HYLAFAX_USER"])
    bad.command("PASS wrong-password")
    bad.command("JNEW")
    bad.close()
    control = control_login(rec, env)
    control.command("FROBNICATE")
    control.command("JPARM VRES 98")               # no current job
    control.command("JNEW")
    control.command("JPARM NOSUCHPARAMETER 1")
    control.command("JPARM VRES banana")
    control.command("JPARM DOCUMENT /tmp/no-such-document.tif")
    control.command("JSUBM")                       # no document, no dial string
    control.command("JKILL 99999")
    control.command("JDELE 99999")
    control.command("JOB 99999")
    control.transfer("I", "RETR recvq/no-such-fax.tif", lines=False)
    control.transfer("A", "LIST nosuchfolder")
    control.command("LIST status")                 # no PORT given before
    control.command("SITE TRIGGER")
    control.command("SITE TRIGGER X*")
    # A job that waits (to be sent in an hour) and is killed: the kill's trigger lines.
    watch = Watch(rec, "watch", env, "J*")
    job = submit(control, env["HYLAFAX_NUMBER1"], env["HYLAFAX_DEV0"])
    watch.wait_for(r"JOB %s " % job, 30)
    control.command("JOB %s" % job)
    control.command("JPARM SENDTIME +01:00")       # a submitted job: suspend it first
    control.command("JSUSP %s" % job)
    watch.wait_for(r"JOB %s .*(Suspend|suspend)" % job, 30)
    control.command("JOB %s" % job)
    control.command("JPARM SENDTIME NOW")
    control.command("JSUBM %s" % job)
    control.command("JKILL %s" % job)
    watch.wait_for(r"JOB %s .*(Killed|killed|Corpus reaped|Marked dead)" % job, 120)
    watch.wait_for(r"JOB %s .*Corpus reaped" % job, 30)
    time.sleep(2)
    control.command("JKILL %s" % job)              # again: already gone
    control.close()
    watch.close()
    return True


def scenario_pause(rec, env):
    watch, control = logins(rec, env, "J*S*",
                            "Pause and resume as the provider asks them (JSUSP, JSUBM <job>) where hfaxd refuses: no such",
                            "job, a job faxq is sending, a job done; and what becomes of a job created (JNEW) on a",
                            "connection that dropped before JSUBM.")
    control.command("JSUSP 99999")
    control.command("JSUBM 99999")
    job = submit(control, env["HYLAFAX_NUMBER1"], env["HYLAFAX_DEV0"])
    active = watch.wait_for(r"JOB %s .*(Activated|Call placed|Begin attempt)" % job, 120)
    control.command("JSUSP %s" % job)             # faxq has it: sending
    control.command("JSUBM %s" % job)
    watch.wait_for(r"JOB %s .*(completed|Marked dead)" % job, 300)
    time.sleep(3)
    control.command("JSUSP %s" % job)             # done
    control.command("JSUBM %s" % job)
    # A job created on a connection that drops before its JSUBM: is it in the queue afterwards?
    dropped = control_login(rec, env, "dropped")
    _, text = dropped.command("JNEW")
    m = re.search(r"jobid: (\d+)", text)
    dropped.command('JPARM DIALSTRING "%s"' % env["HYLAFAX_NUMBER1"])
    rec.comment("the connection closes without QUIT")
    dropped.sock.close()
    time.sleep(2)
    list_jobs(control, "sendq")
    if m:
        control.command("JSUSP %s" % m.group(1))
        control.command("JSUBM %s" % m.group(1))
    control.close()
    watch.close()
    return bool(job and active)


def scenario_pause_calling(rec, env):
    watch, control = logins(rec, env, "J*S*",
                            "JSUSP of a job whose call is under way (after SEND_CALL): what hfaxd and faxq make of it.")
    job = submit(control, env["HYLAFAX_NUMBER1"], env["HYLAFAX_DEV0"])
    calling = watch.wait_for(r"JOB %s .*Call placed" % job, 120)
    control.command("JSUSP %s" % job)
    watch.wait_for(r"JOB %s .*(completed|Marked dead|Suspended)" % job, 300)
    time.sleep(3)
    list_jobs(control, "sendq")
    control.command("JKILL %s" % job)
    watch.wait_for(r"JOB %s .*(Corpus reaped)" % job, 60)
    control.close()
    watch.close()
    return bool(job and calling)


def scenario_busy(rec, env):
    """Needs the modem bridge's busy line: hylafax.sh started with HYLAFAX_BRIDGE_ARGS="-b 1"."""
    watch, control = logins(rec, env, "J*S*",
                            "A send that finds the line busy (modem_bridge -b 1), HylaFAX allowing one dial:",
                            "the trigger lines of the failed attempt and the job's state and status after it.")
    job = submit(control, env["HYLAFAX_NUMBER1"], env["HYLAFAX_DEV0"])
    ended = watch.wait_for(r"JOB %s .*Corpus reaped" % job, 120)
    list_jobs(control, "doneq")
    control.close()
    watch.close()
    return bool(job and ended)


def scenario_resume(rec, env):
    """Needs the modem bridge's busy line: hylafax.sh started with HYLAFAX_BRIDGE_ARGS="-b 1"."""
    watch, control = logins(rec, env, "J*S*",
                            "JSUSP as the call begins (modem_bridge -b 1: it finds the line busy): faxq ends",
                            "the call, the job waits for HylaFAX's requeue delay with its one dial used. The",
                            "provider's resume: the job's dials and tries asked for, one more of each allowed,",
                            "SENDTIME NOW, JSUBM; the fax goes at once.")
    job = submit(control, env["HYLAFAX_NUMBER1"], env["HYLAFAX_DEV0"])
    calling = watch.wait_for(r"JOB %s .*Call placed" % job, 120)
    control.command("JSUSP %s" % job)
    watch.wait_for(r"JOB %s .*Suspended" % job, 60)
    list_jobs(control, "sendq", "%j|%a|%s|%D|%Y")
    control.command("JOB %s" % job)
    for total, limit in (("TOTDIALS", "MAXDIALS"), ("TOTTRIES", "MAXTRIES")):
        code, text = control.command("JPARM %s" % total)
        control.command("JPARM %s %d" % (limit, int(text.split()[-1]) + 1))
    control.command("JPARM SENDTIME NOW")
    control.command("JSUBM %s" % job)
    ended = watch.wait_for(r"JOB %s .*Marked dead" % job, 200)
    control.transfer("A", "LIST doneq")
    control.close()
    watch.close()
    return bool(job and calling and ended)


def scenario_dropped(rec, env):
    rec.comment("What a dropped connection looks like from the client side: hfaxd's process for the")
    rec.comment("watch login and then the one for the control login are killed (SIGKILL, as a crash or")
    rec.comment("a restart would), then hfaxd itself: the trigger data connection and the control")
    rec.comment("connections end without a reply; a new connection is refused while hfaxd is down.")
    watch = Watch(rec, "watch", env, "J*S*R*M*")
    control = control_login(rec, env)
    control.command("NOOP")
    # hfaxd forks one process per client: find them by their client's port.
    for conn in (watch, control):
        pid = server_pid_for(conn.sock.getsockname()[1], env)
        rec.comment("kill -9 of the hfaxd process serving %s" % conn.name)
        if pid:
            os.kill(pid, 9)
        time.sleep(1)
    try:
        control.command("NOOP")
    except (EOFError, OSError) as e:
        rec.event("control error %s" % type(e).__name__)
    # hfaxd itself stops (the listening process): a new connection is refused; it starts again.
    folder = env["HYLAFAX_DIR"]
    with open(os.path.join(folder, "pids")) as f:
        pids = [line.split() for line in f]
    main_pid = [int(p) for p, name in pids if name == "hfaxd"][0]
    rec.comment("hfaxd (the listening process) is stopped with SIGTERM")
    os.kill(main_pid, 15)
    time.sleep(2)
    try:
        Connection(rec, "again", env)
    except ConnectionRefusedError:
        rec.event("again connect refused")
    log = open(os.path.join(folder, "logs", "hfaxd.log"), "ab")
    server = subprocess.Popen(["/usr/sbin/hfaxd", "-d", "-q", env["HYLAFAX_SPOOL"], "-l", "127.0.0.1",
                               "-i", env["HYLAFAX_PORT"]], stdout=log, stderr=log)
    with open(os.path.join(folder, "pids"), "w") as f:
        for p, name in pids:
            f.write("%s %s\n" % (server.pid if name == "hfaxd" else p, name))
    rec.comment("hfaxd started again")
    for _ in range(100):
        try:
            again = Connection(rec, "again", env)
            break
        except ConnectionRefusedError:
            time.sleep(0.2)
    again.login(env["HYLAFAX_USER"], env["HYLAFAX_PASSWORD"])
    again.close()
    return True


def server_pid_for(client_port, env):
    """The hfaxd process whose socket is connected to our client port (from /proc/net/tcp)."""
    inode = None
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            remote = fields[2]
            if int(remote.split(":")[1], 16) == client_port:
                inode = fields[9]
    if not inode:
        return None
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            for fd in os.listdir("/proc/%s/fd" % pid):
                if os.readlink("/proc/%s/fd/%s" % (pid, fd)) == "socket:[%s]" % inode:
                    return int(pid)
        except OSError:
            continue
    return None


SCENARIOS = {
    "send_receive": scenario_send_receive,
    "errors": scenario_errors,
    "dropped": scenario_dropped,
    "pause": scenario_pause,
    "pause_calling": scenario_pause_calling,
    "busy": scenario_busy,
    "resume": scenario_resume,
}


def main():
    folder = sys.argv[1]
    names = sys.argv[2:] or list(SCENARIOS)
    env = read_env(folder)
    os.makedirs(os.path.join(HERE, "recorded"), exist_ok=True)
    status = 0
    for name in names:
        rec = Recorder(os.path.join(HERE, "recorded", name + ".txt"))
        try:
            if not SCENARIOS[name](rec, env):
                print("%s: the scenario did not reach its end (see the file)" % name)
                status = 1
        except (EOFError, OSError) as e:
            rec.comment("recorder stopped: %r" % e)
            print("%s: %r" % (name, e))
            status = 1
        rec.close()
        print("recorded %s" % name)
    return status


if __name__ == "__main__":
    sys.exit(main())
