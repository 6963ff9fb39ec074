#!/usr/bin/python3
"""Files not ours are never touched: the bundled briefing and every file of
the hostile corpus (make-bad-corpus.py) are byte for byte as they were, with
the same modification time and nothing new beside them (no -wal, -shm or
-journal), after an editing session that made editable copies of them
(`trilateral --db SRC --copy-to COPY`) and edited the copies through a
TriDocument (tri-edit-burst: a source with its text, quotes cut from it, an
event linking them to RUS-PRK in one group, grades, the title, undo, redo,
an edit and a delete), while the original was read and refused for editing.

A file that cannot be copied (not a briefing, damaged, a table without its
key) is refused in one sentence naming it, and no copy is left.

usage: check-originals.py TRI-EDIT-BURST   (TRI_EXE, TRI_BRIEFING_DB)
TAP on stdout.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

burst = sys.argv[1]
exe = os.environ["TRI_EXE"]
bundled = os.environ["TRI_BRIEFING_DB"]
here = os.path.dirname(os.path.abspath(__file__))
env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
env["LANGUAGE"] = "en"
results = []
SIDES = ("-wal", "-shm", "-journal")


def tap(ok, name, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:30]:
            print(f"# {line}")
    sys.stdout.flush()
    return ok


def state(path):
    """The file's bytes and times, and what lies beside it."""
    st = os.lstat(path) if os.path.lexists(path) else None
    if st is None:
        own = None
    elif os.path.isdir(path):
        own = ("folder", sorted(os.listdir(path)), st.st_mtime_ns)
    else:
        with open(path, "rb") as fh:
            own = (hashlib.sha256(fh.read()).hexdigest(), st.st_size, st.st_mtime_ns)
    sides = {}
    for side in SIDES:
        if os.path.lexists(path + side):
            with open(path + side, "rb") as fh:
                sides[side] = (hashlib.sha256(fh.read()).hexdigest(), os.lstat(path + side).st_mtime_ns)
    return own, sides


def run(*args, stdin=None, timeout=120):
    p = subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=timeout, input=stdin)
    return p.returncode, p.stdout, p.stderr


TEXT = ("Bình Nhưỡng, 19/6 — Moscow and Pyongyang signed a treaty on comprehensive strategic "
        "partnership. Kim Jong Un called it “an alliance”. 😀 Seoul protested.")


def script():
    q1 = TEXT.index("Moscow and Pyongyang signed a treaty")
    q2 = TEXT.index("“an alliance”")
    event = ["2024-06-20", "diplomacy", "confirmed", "-", "Edited in a copy", "Sửa trong bản sao",
             "RUS-PRK:tension:3"]
    lines = [
        ["source", "copy-src", "article", "A source of the copy", "vi", "2024-06-19", "B", TEXT],
        ["quote", "q1", "copy-src", str(q1), "36", "RUS-PRK", "-", "official", "2", "-"],
        ["begin", "Add Event"],
        ["quote", "q2", "copy-src", str(q2), "13", "PRK-RUS", "-", "-", "0", "-"],
        ["event", "e1"] + event + ["q1,q2"],
        ["end"],
        ["grade-source", "copy-src", "A"],
        ["grade-quote", "q2", "allegation", "4"],
        ["title", "en", "A copy, edited"],
        ["undo"], ["undo"], ["redo"],
        ["edit", "e1"] + event[:4] + ["Edited in a copy, twice", "-", "RUS-PRK:tension:2,CHN-PRK:neutral:1", "q1"],
        ["event", "e2"] + event[:4] + ["Deleted from the copy", "-", "CHN-RUS:cooperation:1", "-"],
        ["delete", "e2"],
    ]
    # what says "done": every line but a group's begin and the commands inside it
    return "".join("\t".join(l) + "\n" for l in lines), len(lines) - 3


def one_line(err, path):
    return err.count("\n") == 1 and path in err


def session(original, copy, name, must_copy):
    """Copies @original to @copy and edits the copy; checks the original."""
    before = state(original)
    reading = run("--db", original, "--list-events")[0]
    problems = []
    rc, _, err = run("--db", original, "--copy-to", copy)
    if rc != 0:
        if must_copy:
            problems.append(f"--copy-to exited {rc}: {err.strip()}")
        if os.path.lexists(copy) or any(os.path.lexists(copy + s) for s in SIDES):
            problems.append("a refused copy left a file behind")
        if state(original) != before:
            problems.append("the original changed")
        tap(not problems, f"{name}: not copied, left as it was, no copy left", "\n".join(problems))
        # the refusal is the file's own sentence, as any command reading it says it
        words = []
        if not one_line(err, original):
            words.append(f"not one sentence naming {os.path.basename(original)}: {err.strip()}")
        if reading != 0 and rc != reading:
            words.append(f"exit {rc}, where --list-events says {reading} for the same file")
        if rc == 1 or rc < 0:
            words.append(f"exit {rc}: no code of README's table for what is wrong with the file")
        tap(not words, f"{name}: the refusal says what is wrong with it ({err.strip().split(': ', 1)[-1][:70]})",
            "\n".join(words))
        return None

    text, count = script()
    # the copy open for editing: meanwhile the original is read, and refused for editing
    writer = subprocess.Popen([burst, copy, "-"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8")
    writer.stdin.write(text)
    writer.stdin.flush()
    done = 0
    while done < count:
        line = writer.stdout.readline()
        if not line:
            break
        done += line.startswith("done ")
    if done < count:
        writer.stdin.close()
        writer.wait()
        problems.append(f"the copy's edits stopped after {done}: {writer.stderr.read().strip()}")
    else:
        rc, _, err = run("--db", original, "--list-events")
        if rc != reading:
            problems.append(f"the original read while its copy is edited exits {rc}, not {reading}: {err.strip()}")
        p = subprocess.run([burst, original, "/dev/null"], env=env, capture_output=True, text=True, timeout=60)
        if p.returncode != 4 or "editable copy" not in p.stderr:
            problems.append(f"the original opened to edit: exit {p.returncode}: {p.stderr.strip()}")
        writer.stdin.close()
        writer.wait()
        if writer.returncode != 0:
            problems.append(f"the copy's writer exited {writer.returncode}: {writer.stderr.read().strip()}")
    writer.stdout.close()
    writer.stderr.close()

    rc, out, err = run("--db", copy, "--list-events", "--lang", "en")
    titles = [l.split("\t")[5] for l in out.splitlines()]
    if rc != 0 or "Edited in a copy, twice" not in titles or "Deleted from the copy" in titles:
        problems.append(f"the copy does not hold its edits: exit {rc} {err.strip()}")
    rc, out, err = run("--db", copy, "--quotes", "RUS-PRK")
    if rc != 0 or "Moscow and Pyongyang signed a treaty" not in out:
        problems.append(f"the copy's quote is not listed: exit {rc} {err.strip()}")
    rc, out, _ = run("--db", original, "--list-events", "--lang", "en")
    if "Edited in a copy, twice" in out:
        problems.append("the original lists the copy's event")
    after = state(original)
    if after[0] != before[0]:
        problems.append(f"the original's bytes or time changed: {before[0]} → {after[0]}")
    if after[1] != before[1]:
        problems.append(f"beside the original, before {sorted(before[1])}, after {sorted(after[1])}")
    tap(not problems, f"{name}: copied, the copy edited, the original byte-identical"
        f"{' (its ' + ', '.join(sorted(before[1])) + ' too)' if before[1] else ''}", "\n".join(problems))
    return not problems


def main():
    tmp = tempfile.mkdtemp(prefix="tri-originals-")
    try:
        corpus = os.path.join(tmp, "corpus")
        copies = os.path.join(tmp, "copies")
        os.makedirs(copies)
        subprocess.run(["/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable,
                        os.path.join(here, "make-bad-corpus.py"), bundled, corpus],
                       check=True, capture_output=True)

        # the bundled briefing: nothing beside it before or after
        tap(not state(bundled)[1], "nothing lies beside the bundled briefing before", str(state(bundled)[1]))
        session(bundled, os.path.join(copies, "bundled.sqlite"), "the bundled briefing", must_copy=True)
        tap(not state(bundled)[1], "nothing lies beside the bundled briefing after", str(state(bundled)[1]))

        # the corpus as a whole: every file, and what is beside it, as it was
        listing = sorted(os.listdir(corpus))
        snapshot = {n: state(os.path.join(corpus, n)) for n in listing}
        manifest = [l.rstrip("\n").split("\t") for l in open(os.path.join(corpus, "manifest.tsv"), encoding="utf-8")]
        copied = 0
        for name, code, _ in manifest:
            ok = session(os.path.join(corpus, name), os.path.join(copies, name), f"hostile {name}",
                         must_copy=False)
            copied += ok is not None
        # the corpus files a reader opens with only their data bad are the ones
        # an analyst would copy: most of them must copy and edit
        opening = sum(1 for _, code, _ in manifest if code == "0")
        tap(copied >= opening // 2, f"{copied} hostile files copied and edited, of {opening} that open")
        after = sorted(os.listdir(corpus))
        changed = [n for n in listing if n in after and state(os.path.join(corpus, n)) != snapshot[n]]
        tap(after == listing and not changed, "the corpus folder is as it was: no file new, gone or changed",
            f"new {sorted(set(after) - set(listing))}, gone {sorted(set(listing) - set(after))}, changed {changed}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
