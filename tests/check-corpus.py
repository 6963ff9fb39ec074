#!/usr/bin/python3
"""Runs Trilateral on every file of the hostile corpus (make-bad-corpus.py):
each gives its message and exit code, or, when only its data is bad, every
command and export works; nothing crashes and no file changes."""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

exe, corpus = os.environ["TRI_EXE"], sys.argv[1]
env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
env["LANGUAGE"] = "en"
out = tempfile.mkdtemp()


def state(p):
    if not os.path.isfile(p):
        return os.path.exists(p)
    with open(p, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest(), os.stat(p).st_mtime_ns


def run(*args):
    r = subprocess.run([exe, *args], env=env, capture_output=True, timeout=120)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


lines = [l.rstrip("\n").split("\t") for l in open(os.path.join(corpus, "manifest.tsv"), encoding="utf-8")]
print(f"1..{len(lines)}")
failed = 0
for i, (name, code, text) in enumerate(lines, 1):
    p = os.path.join(corpus, name)
    before = state(p)
    problems = []
    rc, so, se = run("--db", p, "--list-events")
    if rc != int(code):
        problems.append(f"--list-events exited {rc}, not {code}: {se.strip()}")
    if rc != 0 and (text not in se or se.count("\n") != 1 or p not in se):
        problems.append(f"stderr is not one line naming the file with “{text}”: {se!r}")
    if rc == 0 and text not in so:
        problems.append(f"stdout lacks “{text}”")
    if int(code) == 0:
        checks = [
            ("--list-events", "--json"),
            ("--quotes", "RUS-PRK"),
            ("--quotes", "PRK-CHN", "--json"),
            ("--export", os.path.join(out, f"{i}.png"), "--size", "800x450"),
            ("--export", os.path.join(out, f"{i}.svg"), "--view", "timeline", "--size", "800x300"),
            ("--export", os.path.join(out, f"{i}.pdf"), "--relation", "RUS-PRK", "--size", "800x450"),
            ("--export", os.path.join(out, f"{i}-e.png"), "--event", "15", "--size", "640x360"),
            ("--export-data", os.path.join(out, f"{i}.json")),
            ("--export-data", os.path.join(out, f"{i}.gexf")),
            ("--export-data", os.path.join(out, f"{i}.html"), "--relation", "RUS-PRK"),
        ]
        for args in checks:
            rc2, so2, se2 = run("--db", p, *args)
            # the event may be the one the file damaged: "no event" is an answer, a crash is not
            if rc2 not in (0, 2) or (rc2 == 2 and "--event" not in args):
                problems.append(f"{' '.join(args)} exited {rc2}: {se2.strip()[:200]}")
            if rc2 == 0 and "--json" in args:
                try:
                    json.loads(so2)
                except ValueError as e:
                    problems.append(f"{' '.join(args)} printed invalid JSON: {e}")
    if state(p) != before:
        problems.append("the file changed")
    ok = not problems
    failed += not ok
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
    for pr in problems:
        print(f"# {pr}")
shutil.rmtree(out, ignore_errors=True)
sys.exit(1 if failed else 0)
