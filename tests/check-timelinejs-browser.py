#!/usr/bin/python3
"""The TimelineJS export in TimelineJS3 itself: headless Debian Chromium
loads it (through playwright-core) and every event's headline and display
date is found among the slides and the time navigation's markers; markup in
a title is shown as text. Skips, saying why, when Chromium, node or the npm
packages are missing: scripts/bench --timelinejs installs them (chromium
from Debian; @knight-lab/timelinejs and playwright-core from npm into
build/bench-timelinejs, or TLJS_DIR). The test never installs anything."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

exe = os.environ["TRI_EXE"]
compiler = os.environ["TRI_COMPILE"]
db = os.environ["TRI_BRIEFING_DB"]
build = os.path.dirname(os.path.dirname(exe))
scratch = os.environ.get("TLJS_DIR") or os.path.join(build, "bench-timelinejs")
modules = os.path.join(scratch, "node_modules")
dist = os.path.join(modules, "@knight-lab", "timelinejs", "dist")
script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "timelinejs-headlines.mjs")
env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
env["LANGUAGE"] = "en"

missing = [what for what, ok in (
    ("/usr/bin/chromium (Debian's chromium)", os.access("/usr/bin/chromium", os.X_OK)),
    ("node", shutil.which("node") is not None),
    (f"{dist} (npm's @knight-lab/timelinejs)", os.path.isdir(dist)),
    (f"{modules}/playwright-core", os.path.isdir(os.path.join(modules, "playwright-core"))),
) if not ok]
if missing:
    print(f"1..0 # SKIP not installed: {', '.join(missing)}; scripts/bench --timelinejs installs them")
    sys.exit(0)

tmp = tempfile.mkdtemp(prefix="tri-tljs-")


def run(*args):
    r = subprocess.run([exe, *args], env=env, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout.decode()


def load(json_path):
    r = subprocess.run(["node", script, json_path, dist, modules], capture_output=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr.decode()[-500:]
    return json.loads(r.stdout)


def unspace(text):
    return " ".join(text.split())


results = []
try:
    # the bundled briefing, in two data languages
    for lang in ("en", "vi"):
        p = os.path.join(tmp, f"{lang}.json")
        run("--db", db, "--export-data", p, "--format", "timelinejs", "--lang", lang)
        events = json.loads(run("--db", db, "--list-events", "--json", "--lang", lang))
        drawn = load(p)
        slides, markers = set(map(unspace, drawn["slides"])), set(map(unspace, drawn["markers"]))
        lost = [e["title"] for e in events if unspace(e["title"]) not in slides or unspace(e["title"]) not in markers]
        dates = set(map(unspace, drawn["dates"]))
        no_date = [e["label"] for e in events if unspace(e["label"]) not in dates]
        ok = not lost and not no_date and not drawn["errors"]
        results.append((ok, f"TimelineJS3 in Chromium draws every headline and display date ({lang})",
                        f"{len(events)} events: {len(drawn['slides'])} slides, {len(drawn['markers'])} markers"
                        if ok else f"missing headlines {lost[:3]}, dates {no_date[:3]}, errors {drawn['errors'][:3]}"))

    # markup in a title is text, not markup
    p = os.path.join(tmp, "h.json")
    run("--db", db, "--export-data", p)
    data = json.load(open(p, encoding="utf-8"))
    title = 'Tags <b>stay</b> & "text" <img src=x onerror=alert(1)>'
    data["events"][0]["title"]["en"] = title
    json.dump(data, open(p, "w", encoding="utf-8"), ensure_ascii=False)
    subprocess.run([compiler, p, os.path.join(tmp, "h.sqlite")], check=True)
    run("--db", os.path.join(tmp, "h.sqlite"), "--export-data", os.path.join(tmp, "ht.json"), "--format", "timelinejs")
    drawn = load(os.path.join(tmp, "ht.json"))
    ok = title in drawn["slides"] and title in drawn["markers"]
    results.append((ok, "TimelineJS3 shows markup in a title as the text it is",
                    "the title with <b> and <img> drawn as text" if ok else f"slides: {drawn['slides'][:2]}"))
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print(f"1..{len(results)}")
for i, (ok, name, said) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}\n# {said}")
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
