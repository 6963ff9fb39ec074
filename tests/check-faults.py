#!/usr/bin/env python3
"""Fault injection: every way Trilateral writes a file, under a full disk, a
read-only folder, a parent that is a file, an existing target, and SIGINT,
SIGTERM and SIGKILL at several points.

After each run: no leftover file of any name in the folder, the target
absent or whole (a PNG to its IEND, a PDF poppler reads, an SVG libxml2
parses, a SQLite file whose quick_check is ok), an existing file
byte-identical unless replaced by a whole new one, and the exit code and
the sentence as README.md documents them.

The full disk is a 200 KB tmpfs with 16 KB left and the read-only folder a read-only tmpfs
when this runs as root and can mount; otherwise a file-size limit
(RLIMIT_FSIZE) stands in for the full disk and a folder without write
permission for the read-only one.

usage: check-faults.py TRILATERAL BRIEFING.sqlite TRI-GENERATE
TAP on stdout.
"""
import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

exe, bundled, generate = sys.argv[1:4]
results = []


def tap(ok, name, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}")
    if not ok and detail:
        for line in str(detail).splitlines():
            print(f"# {line}")
    sys.stdout.flush()


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def listing(folder):
    return sorted(os.listdir(folder))


def whole(path):
    """Whether path is a complete file of its kind, and why not."""
    ext = os.path.splitext(path)[1]
    data = open(path, "rb").read()
    if ext == ".png":
        return data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82"), "PNG cut short"
    if ext == ".pdf":
        r = subprocess.run(["pdfinfo", path], capture_output=True, text=True)
        return r.returncode == 0 and data.rstrip().endswith(b"%%EOF"), r.stderr
    if ext == ".svg":
        r = subprocess.run(["xmllint", "--noout", path], capture_output=True, text=True)
        return r.returncode == 0, r.stderr
    if ext == ".sqlite":
        try:
            db = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            app = db.execute("PRAGMA application_id").fetchone()[0]
            db.close()
            return check == "ok" and app == 0x5452494C, f"quick_check {check}, application_id {app}"
        except sqlite3.Error as e:
            return False, str(e)
    return True, ""


def run(args, fsize=None, timeout=120):
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    return subprocess.run([exe] + args, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit)


class Disk:
    """A small full-able disk and a read-only one: tmpfs as root, else
    stand-ins."""

    def __init__(self, top):
        self.top = top
        self.mounted = []
        self.can_mount = os.geteuid() == 0 and self._try_mount(os.path.join(top, "probe"), "size=64k")
        if self.can_mount:
            self._umount(os.path.join(top, "probe"))

    def _try_mount(self, folder, options):
        os.makedirs(folder, exist_ok=True)
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", folder],
                           capture_output=True)
        if r.returncode == 0:
            self.mounted.append(folder)
            return True
        return False

    def _umount(self, folder):
        subprocess.run(["umount", folder], capture_output=True)
        if folder in self.mounted:
            self.mounted.remove(folder)

    def small(self, name):
        folder = os.path.join(self.top, name)
        if self.can_mount:
            self._try_mount(folder, "size=200k")
            # a disk nearly full already: 16 KB left, less than any export
            with open(os.path.join(folder, "filler"), "wb") as f:
                f.write(b"\0" * (184 * 1024))
            return folder, None
        os.makedirs(folder, exist_ok=True)
        return folder, 16 * 1024

    def read_only(self, name):
        folder = os.path.join(self.top, name)
        if self.can_mount:
            self._try_mount(folder, "size=1m,ro")
        else:
            os.makedirs(folder, exist_ok=True)
            os.chmod(folder, 0o555)
        return folder

    def close(self):
        for folder in list(self.mounted):
            self._umount(folder)


# the operations that write a file: (name, target name, arguments for a target)
def operations(big, timeline):
    return [
        ("import", "imported.sqlite", lambda t: ["--import-timelinejs", timeline, "--out", t]),
        ("export PNG", "slide.png", lambda t: ["--db", big, "--export", t, "--size", "3000x2000", "--scale", "2"]),
        ("export PDF", "slide.pdf", lambda t: ["--db", big, "--export", t, "--view", "timeline"]),
        ("export SVG", "slide.svg", lambda t: ["--db", big, "--export", t]),
        ("export data JSON", "briefing.json", lambda t: ["--db", big, "--export-data", t]),
        ("export data GEXF", "triangle.gexf", lambda t: ["--db", big, "--export-data", t]),
        ("migrate", "copy.sqlite", lambda t: ["--db", big, "--migrate-to", t]),
        ("new briefing", "new.sqlite", lambda t: ["--new", t]),
        ("editable copy", "editable.sqlite", lambda t: ["--db", big, "--copy-to", t]),
    ]


def replaces(name):
    return name.startswith("export")


def main():
    top = tempfile.mkdtemp(prefix="trilateral-test-faults-")
    disk = Disk(top)
    try:
        big = os.path.join(top, "big.sqlite")
        timeline = os.path.join(top, "big.json")
        subprocess.run([generate, "20000", big, timeline], check=True, capture_output=True)
        print(f"# full disk: {'200 KB tmpfs, 16 KB left' if disk.can_mount else 'RLIMIT_FSIZE 16 KB'}; "
              f"read-only: {'read-only tmpfs' if disk.can_mount else 'folder mode 0555'}")

        for op, target_name, make_args in operations(big, timeline):
            # a full disk: exit 11, the sentence names the file and says so, nothing left
            folder, fsize = disk.small("full-" + target_name)
            target = os.path.join(folder, target_name)
            before = listing(folder)
            r = run(make_args(target), fsize=fsize)
            tap(r.returncode == 11 and "disk is full" in r.stderr and target in r.stderr
                and listing(folder) == before,
                f"{op}: a full disk is exit 11 with a sentence, nothing left",
                f"exit {r.returncode}: {r.stderr} left {listing(folder)}")

            # a read-only folder
            folder = disk.read_only("ro-" + target_name)
            target = os.path.join(folder, target_name)
            r = run(make_args(target))
            tap(r.returncode == 11 and target in r.stderr and
                ("read-only" in r.stderr or "not writable" in r.stderr) and listing(folder) == [],
                f"{op}: a read-only folder is exit 11 with a sentence, nothing left",
                f"exit {r.returncode}: {r.stderr}")

            # a name as long as the file system allows (255 bytes)
            folder = tempfile.mkdtemp(dir=top, prefix="long-")
            stem, ext = os.path.splitext(target_name)
            target = os.path.join(folder, "n" * (255 - len(ext)) + ext)
            r = run(make_args(target))
            good = r.returncode == 0 and os.path.exists(target) and whole(target)[0]
            tap(good and listing(folder) == [os.path.basename(target)],
                f"{op}: a 255-byte file name works",
                f"exit {r.returncode}: {r.stderr}")

            # a parent that is a file
            plain = os.path.join(top, "plain-" + target_name)
            open(plain, "w").close()
            r = run(make_args(os.path.join(plain, target_name)))
            tap(r.returncode == 11 and "is not a folder" in r.stderr,
                f"{op}: a parent that is a file is exit 11, 'is not a folder'",
                f"exit {r.returncode}: {r.stderr}")

            # an existing file: replaced whole (exports) or kept byte for byte
            folder = os.path.join(top, "existing-" + target_name.replace(".", "-"))
            os.makedirs(folder)
            target = os.path.join(folder, target_name)
            with open(target, "wb") as f:
                f.write(b"the user's own file")
            os.chmod(target, 0o600)
            kept = digest(target)
            r = run(make_args(target))
            if replaces(op):
                good, why = whole(target)
                tap(r.returncode == 0 and good and os.stat(target).st_mode & 0o777 == 0o600
                    and listing(folder) == [target_name],
                    f"{op}: an existing file is replaced by a whole one, keeping mode 0600",
                    f"exit {r.returncode}: {r.stderr} {why} {oct(os.stat(target).st_mode)}")
            else:
                tap(r.returncode == 11 and "already exists" in r.stderr and digest(target) == kept
                    and listing(folder) == [target_name],
                    f"{op}: an existing file is never replaced (exit 11), byte-identical",
                    f"exit {r.returncode}: {r.stderr}")

            # signals at several points
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
                problems = []
                outcomes = set()
                for delay in (0.0, 0.01, 0.03, 0.06, 0.1, 0.2, 0.4):
                    folder = tempfile.mkdtemp(dir=top, prefix="sig-")
                    target = os.path.join(folder, target_name)
                    existing = None
                    if replaces(op) and delay in (0.03, 0.2):
                        with open(target, "wb") as f:
                            f.write(b"previous export")
                        existing = digest(target)
                    p = subprocess.Popen([exe] + make_args(target), stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
                    time.sleep(delay)
                    p.send_signal(sig)
                    code = p.wait(timeout=120)
                    outcomes.add("finished" if code == 0 else "interrupted")
                    names = listing(folder)
                    if names not in ([], [target_name]):
                        problems.append(f"after {delay}s: left {names}")
                    if target_name in names:
                        if existing is not None and digest(target) == existing:
                            pass
                        else:
                            good, why = whole(target)
                            if not good:
                                problems.append(f"after {delay}s: a partial {target_name}: {why}")
                    elif existing is not None:
                        problems.append(f"after {delay}s: the existing file was removed")
                tap(not problems,
                    f"{op}: {signal.Signals(sig).name} at 7 points leaves nothing partial "
                    f"({', '.join(sorted(outcomes))})",
                    "\n".join(problems))
    finally:
        disk.close()
        shutil.rmtree(top, ignore_errors=True)
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


sys.exit(main())
