#!/usr/bin/python3
"""SIGKILL in the middle of a burst of edits, and two writers on one file.

tri-edit-burst edits an editable briefing through a TriDocument from a
script this test writes (events with their links and quotes, sources with
their text, quotes cut from it, grades, the briefing's title, deletions,
groups of commands that are one user action, undo and redo among them) and
says "done N" after each command has returned. The test keeps its own
model of what each command does, kills the writer with SIGKILL at a random
moment (and, on purpose, in the middle of a group), and then finds:

- PRAGMA quick_check ok, and the file opens as a briefing
  (`trilateral --db FILE --list-events` exits 0, listing the events) and as
  a document again (the kill left no lock);
- everything the model says after the last "done", and nothing else: at
  most the one command (or whole group) that was running may be there as
  well, and a group is there whole or not at all.

Rounds go on editing the same file after each kill. Then: a second writer
on a file being edited is told it is in use (exit 3, the sentence naming
the file) and changes nothing; once the first is gone, it edits.

usage: check-edit-burst.py TRI-EDIT-BURST     (TRI_EXE: trilateral)
TRI_BURST_SEED=N repeats a run. TAP on stdout.
"""
import copy
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

burst = sys.argv[1]
exe = os.environ["TRI_EXE"]
env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
env["LANGUAGE"] = "en"
seed = int(os.environ.get("TRI_BURST_SEED", random.randrange(1 << 30)))
rng = random.Random(seed)
results = []
print(f"# seed {seed} (TRI_BURST_SEED={seed} repeats this run)")


def tap(ok, name, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:40]:
            print(f"# {line}")
    sys.stdout.flush()
    return ok


# --- what the file holds, read as a reader does -------------------------

def rel_key(code):
    return tuple(sorted(code.split("-")))


def read_db(path):
    """The briefing's contents as a model (labels made from the ids)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    check = db.execute("PRAGMA quick_check").fetchone()[0]
    rels = {i: (a, b) for i, a, b in db.execute("SELECT id, actor_a, actor_b FROM relation")}
    m = {"events": {}, "quotes": {}, "sources": {}, "titles": {}}
    for i, date, cat, conf in db.execute("SELECT id, date, category, confidence FROM event"):
        m["events"][f"old{i}"] = {"date": date, "category": cat, "confidence": conf,
                                  "claimed": None, "en": None, "vi": None, "links": {}}
    for ev, lang, title, claimed in db.execute("SELECT event, lang, title, claimed_by FROM event_text"):
        e = m["events"][f"old{ev}"]
        e[lang] = title
        if lang == "en":
            e["claimed"] = claimed
    for ev, rel, stance, weight in db.execute("SELECT event, relation, stance, weight FROM event_relation"):
        m["events"][f"old{ev}"]["links"][tuple(sorted(rels[rel]))] = (stance, weight)
    for sid, kind, title, lang, date, rel in db.execute(
            "SELECT id, kind, title, language, date, reliability FROM source"):
        m["sources"][sid] = {"kind": kind, "title": title, "lang": lang, "date": date, "rel": rel, "text": None}
    for sid, text in db.execute("SELECT source, text FROM source_document"):
        m["sources"][sid]["text"] = text
    for i, src, off, text, rel, ev, claim, cred in db.execute(
            "SELECT id, source, char_offset, text, relation, event, claim, credibility FROM quote"):
        m["quotes"][f"oldq{i}"] = {"source": src, "offset": off, "text": text,
                                   "relation": tuple(sorted(rels[rel])),
                                   "event": None if ev is None else f"old{ev}", "claim": claim, "cred": cred}
    for lang, title in db.execute("SELECT lang, title FROM briefing"):
        m["titles"][lang] = title
    db.close()
    return check, m


def canonical(m):
    ev = m["events"]
    # sorted by their words: None (not stated) and text side by side
    return (
        sorted(((e["en"], e["vi"], e["date"], e["category"], e["confidence"], e["claimed"],
                 tuple(sorted(e["links"].items()))) for e in ev.values()), key=repr),
        sorted(((q["source"], q["offset"], q["text"], q["relation"],
                 None if q["event"] is None else ev[q["event"]]["en"], q["claim"], q["cred"])
                for q in m["quotes"].values()), key=repr),
        sorted(((k, s["kind"], s["title"], s["lang"], s["date"], s["rel"], s["text"])
                for k, s in m["sources"].items()), key=repr),
        sorted(m["titles"].items()),
    )


def describe(a, b):
    """Where two canonical states differ, in words."""
    out = []
    for name, x, y in zip(("events", "quotes", "sources", "titles"), a, b):
        for item in x:
            if item not in y:
                out.append(f"{name}: expected {item!r}")
        for item in y:
            if item not in x:
                out.append(f"{name}: not expected {item!r}")
    return "\n".join(out) or "the same"


# --- the script and the model of what each line does --------------------

TEXTS = [
    "Bình Nhưỡng, 19/6 — Moscow and Pyongyang signed a treaty on comprehensive strategic partnership. "
    "Kim Jong Un called it “an alliance”.",
    "Москва, 20 июня. Президент заявил, что договор носит оборонительный характер 😀 и ни против кого не направлен.",
    "北京 6月21日 — 外交部发言人表示，中方注意到有关报道。朝俄是两个主权国家。",
    "평양 6월 22일 — 조선중앙통신은 \"새로운 전략적 관계\"가 시작되었다고 보도했다. Seoul protested.",
    "Short note.",
]
RELATIONS = ["RUS-PRK", "PRK-CHN", "CHN-RUS"]
STANCES = ["cooperation", "tension", "neutral"]
CLAIMS = [None, "fact", "official", "reported", "allegation", "assessment", "forecast"]
DATES = ["2024-06-19", "2024-06", "2023", "2024-early", "2022-03-01"]
CATEGORIES = ["diplomacy", "economy", "military", "multilateral", "humanitarian", "leaders"]


def f(v):
    return "-" if v is None else str(v)


class Round:
    """One writer's script, generated against the model as it goes."""

    def __init__(self, tag, model):
        self.tag = tag
        self.model = copy.deepcopy(model)
        self.undo, self.redo = [], []
        self.lines = []
        self.states = {0: canonical(self.model)}   # line number of a "done" → state
        self.units = [0]                            # the done lines, in order
        self.mine_events, self.mine_quotes = set(), set()   # labels this writer knows
        self.n = 0

    def label(self, kind):
        self.n += 1
        return f"{kind}{self.tag}x{self.n}"

    # each command appends its line and applies it to self.model
    def add_source(self):
        sid = self.label("s")
        text = rng.choice(TEXTS) if rng.random() < 0.8 else None
        s = {"kind": rng.choice(["article", "statement", "report"]), "title": f"Source {sid}",
             "lang": rng.choice(["en", "vi", "ko"]), "date": rng.choice(DATES[:3]),
             "rel": rng.choice([None, "A", "B", "C", "D", "E", "F"]), "text": text}
        self.lines.append(["source", sid, s["kind"], s["title"], s["lang"], s["date"], f(s["rel"]), f(text)])
        self.model["sources"][sid] = s

    def add_quote(self, event=None):
        label = self.label("q")
        sid = rng.choice(sorted(self.model["sources"]))
        src = self.model["sources"][sid]
        if src["text"] is not None:
            n = len(src["text"])
            off = rng.randrange(n)
            length = rng.randint(1, min(40, n - off))
            text, given = src["text"][off:off + length], None
        else:
            off, text = rng.randrange(50), f"Lời trích chưa kiểm chứng {label}"
            given, length = text, len(text)
        rel = rng.choice(RELATIONS)
        claim, cred = rng.choice(CLAIMS), rng.choice([0, 1, 2, 3, 4, 5, 6])
        self.lines.append(["quote", label, sid, str(off), str(length), rel, f(event), f(claim), str(cred), f(given)])
        self.model["quotes"][label] = {"source": sid, "offset": off, "text": text, "relation": rel_key(rel),
                                       "event": event, "claim": claim, "cred": cred or None}
        self.mine_quotes.add(label)
        return label

    def event_fields(self, label, quotes):
        conf = rng.choice(["confirmed", "reported", "alleged"])
        claimed = None if conf == "confirmed" and rng.random() < 0.7 else "Yonhap"
        links = {}
        for rel in rng.sample(RELATIONS, rng.randint(1, 2)):
            links[rel] = (rng.choice(STANCES), rng.randint(1, 3))
        en = f"Burst {label} {self.label('t')}"
        vi = f"Sự kiện {label}" if rng.random() < 0.6 else None
        e = {"date": rng.choice(DATES), "category": rng.choice(CATEGORIES), "confidence": conf,
             "claimed": claimed, "en": en, "vi": vi,
             "links": {rel_key(r): v for r, v in links.items()}}
        line = [e["date"], e["category"], conf, f(claimed), en, f(vi),
                ",".join(f"{r}:{s}:{w}" for r, (s, w) in links.items()), ",".join(quotes) or "-"]
        return e, line

    def live(self, labels, table):
        return sorted(x for x in labels if x in self.model[table])

    def add_event(self, quotes=None):
        label = self.label("e")
        if quotes is None:
            quotes = rng.sample(self.live(self.mine_quotes, "quotes"),
                                min(rng.randint(0, 2), len(self.live(self.mine_quotes, "quotes"))))
        e, line = self.event_fields(label, quotes)
        self.lines.append(["event", label] + line)
        self.model["events"][label] = e
        for q in quotes:
            self.model["quotes"][q]["event"] = label
        self.mine_events.add(label)
        return label

    def edit_event(self, label):
        quotes = rng.sample(self.live(self.mine_quotes, "quotes"),
                            min(rng.randint(0, 2), len(self.live(self.mine_quotes, "quotes"))))
        e, line = self.event_fields(label, quotes)
        self.lines.append(["edit", label] + line)
        self.model["events"][label] = e
        for q in self.model["quotes"].values():
            if q["event"] == label:
                q["event"] = None
        for q in quotes:
            self.model["quotes"][q]["event"] = label

    def delete_event(self, label):
        self.lines.append(["delete", label])
        del self.model["events"][label]
        for q in self.model["quotes"].values():
            if q["event"] == label:
                q["event"] = None

    # a unit is what one "done" line says is done
    def unit(self, kind):
        before = copy.deepcopy(self.model)
        events = self.live(self.mine_events, "events")
        quotes = self.live(self.mine_quotes, "quotes")
        if kind == "undo":
            self.lines.append(["undo"])
            self.redo.append(copy.deepcopy(self.model))
            self.model = self.undo.pop()
        elif kind == "redo":
            self.lines.append(["redo"])
            self.undo.append(copy.deepcopy(self.model))
            self.model = self.redo.pop()
        else:
            if kind == "source":
                self.add_source()
            elif kind == "quote":
                self.add_quote(rng.choice([None] + events) if events else None)
            elif kind == "event":
                self.add_event()
            elif kind == "edit":
                self.edit_event(rng.choice(events))
            elif kind == "delete":
                self.delete_event(rng.choice(events))
            elif kind == "delete-quote":
                q = rng.choice(quotes)
                self.lines.append(["delete-quote", q])
                del self.model["quotes"][q]
            elif kind == "grade-quote":
                q = rng.choice(quotes)
                claim, cred = rng.choice(CLAIMS), rng.randint(0, 6)
                self.lines.append(["grade-quote", q, f(claim), str(cred)])
                self.model["quotes"][q].update(claim=claim, cred=cred or None)
            elif kind == "grade-source":
                sid = rng.choice(sorted(self.model["sources"]))
                rel = rng.choice([None, "A", "B", "C", "D", "E", "F"])
                self.lines.append(["grade-source", sid, f(rel)])
                self.model["sources"][sid]["rel"] = rel
            elif kind == "title":
                lang = rng.choice(["en", "vi"])
                text = f"Briefing {self.label('b')}"
                self.lines.append(["title", lang, text])
                self.model["titles"][lang] = text
            elif kind in ("group-event", "group-source", "group-pause"):
                self.lines.append(["begin", "Add Event" if kind != "group-source" else "Add Source"])
                if kind == "group-source":
                    self.add_source()
                qs = [self.add_quote() for _ in range(rng.randint(1, 2))] if self.model["sources"] else []
                if kind == "group-pause":
                    # the writer sleeps in the middle of the group: a kill here must leave none of it
                    self.lines.append(["pause", "30000"])
                    self.pause_line = len(self.lines)
                self.add_event(qs)
                self.lines.append(["end"])
            # a command that changed nothing is no entry of the history
            if canonical(before) != canonical(self.model):
                self.undo.append(before)
                self.redo.clear()
        self.states[len(self.lines)] = canonical(self.model)
        self.units.append(len(self.lines))

    def generate(self, count, pause_group=False):
        self.pause_line = None
        for i in range(count):
            if pause_group and i == count // 2:
                self.unit("group-pause")
                continue
            choices = ["source"] * 2 + ["title"]
            if self.model["sources"]:
                choices += ["quote"] * 3 + ["grade-source", "group-event"] * 2 + ["group-source"]
            choices += ["event"] * 3
            if self.live(self.mine_events, "events"):
                choices += ["edit"] * 2 + ["delete"]
            if self.live(self.mine_quotes, "quotes"):
                choices += ["grade-quote"] * 2 + ["delete-quote"]
            if self.undo:
                choices += ["undo"] * 3
            if self.redo:
                choices += ["redo"] * 3
            self.unit(rng.choice(choices))


def run_round(path, model, tag, count, pause_group=False):
    """Runs one writer and kills it; returns (the state found, whether it is as expected)."""
    r = Round(tag, model)
    r.generate(count, pause_group)
    script = path + ".script"
    with open(script, "w", encoding="utf-8") as fh:
        for line in r.lines:
            fh.write("\t".join(line) + "\n")
    total = len(r.lines) + 1      # "open" and one line a command
    if pause_group:
        kill_after = ("step", r.pause_line - 1)   # the line printed just before the pause
    else:
        kill_after = rng.randint(1, total - 1)
    p = subprocess.Popen([burst, path, script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, encoding="utf-8")
    seen = []
    started = time.monotonic()
    while True:
        line = p.stdout.readline()
        if not line:
            break
        seen.append(line.rstrip("\n"))
        if pause_group:
            if seen[-1] == f"step {kill_after[1]} {r.lines[kill_after[1] - 1][0]}":
                break
        elif len(seen) >= kill_after:
            time.sleep(rng.choice([0, rng.uniform(0, 0.01)]))    # somewhere in the next command
            break
    p.send_signal(signal.SIGKILL)
    # the rest through the same reader: communicate() reads the pipe
    # itself, past what readline() had already buffered, and those "done"
    # lines would be lost (the writer then looks further behind than it was)
    rest = p.stdout.read()
    err = p.stderr.read()
    p.wait()
    elapsed = time.monotonic() - started
    seen += [l for l in rest.split("\n") if l]
    os.unlink(script)
    done = [int(l.split()[1]) for l in seen if l.startswith("done ")]
    last = done[-1] if done else 0
    name = f"round {tag}: killed after {len(done)} of {len(r.units) - 1} done"
    if pause_group:
        name += ", asleep in the middle of a group"
    if p.returncode == 0 and last == r.units[-1]:
        # the kill came after the last command: the whole script is done
        return check_file(path, name + " (the kill came late)", [r.states[last]], elapsed)
    if p.returncode != -signal.SIGKILL:
        tap(False, name, f"the writer was not killed but exited {p.returncode}: {err.strip()}")
        return None
    if last not in r.states:
        tap(False, name, f"'done {last}' is not the end of a command or a group: {seen[-5:]}")
        return None
    accepted = [r.states[last]]
    nxt = r.units[r.units.index(last) + 1] if last != r.units[-1] else None
    if nxt is not None and not pause_group:
        accepted.append(r.states[nxt])   # the command running may have been committed
    return check_file(path, name, accepted, elapsed)


def list_titles(path):
    p = subprocess.run([exe, "--db", path, "--list-events", "--lang", "en"], env=env,
                       capture_output=True, text=True, timeout=120)
    return p.returncode, sorted(l.split("\t")[5] for l in p.stdout.splitlines()), p.stderr


def check_file(path, name, accepted, elapsed=0.0):
    problems = []
    # a reader first, with whatever the kill left beside the file
    rc, titles, err = list_titles(path)
    if rc != 0:
        problems.append(f"--list-events exited {rc}: {err.strip()}")
    elif not any(titles == sorted(e[0] for e in state[0]) for state in accepted):
        problems.append(f"--list-events lists {len(titles)} events, not those done: {titles[-3:]}")
    # then a writer: it opens (no lock left behind), and closes at once
    p = subprocess.run([burst, path, "/dev/null"], env=env, capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        problems.append(f"it does not open to edit again: exit {p.returncode}: {p.stderr.strip()}")
    for side in ("-wal", "-journal"):
        if os.path.exists(path + side) and os.path.getsize(path + side) > 0:
            problems.append(f"{side} left with {os.path.getsize(path + side)} bytes after a clean close")
    state = None
    try:
        check, model = read_db(path)
        state = canonical(model)
        if check != "ok":
            problems.append(f"PRAGMA quick_check: {check}")
        if state not in accepted:
            problems.append("it holds what no moment of the burst held:\n" + describe(accepted[0], state))
    except (sqlite3.Error, KeyError) as e:
        problems.append(f"not a readable briefing: {e}")
        model = None
    which = "" if not accepted[1:] or state != accepted[1] else " (and the command running)"
    tap(not problems, f"{name}: a valid briefing with every edit done{which}, in {elapsed:.1f} s",
        "\n".join(problems))
    return model if not problems else None


def main():
    tmp = tempfile.mkdtemp(prefix="tri-edit-burst-")
    try:
        path = os.path.join(tmp, "burst.sqlite")
        p = subprocess.run([exe, "--new", path], env=env, capture_output=True, text=True)
        if not tap(p.returncode == 0, "a new briefing to edit", p.stderr):
            return
        model = read_db(path)[1]
        # rounds on one file, each going on from what the last left
        rounds = int(os.environ.get("TRI_BURST_ROUNDS", "16"))
        for i in range(rounds):
            pause = i % 4 == 3
            model = run_round(path, model, str(i + 1), rng.randint(40, 160), pause_group=pause)
            if model is None:
                break
        if model is not None:
            _, m = read_db(path)
            tap(len(m["events"]) > 0 and len(m["quotes"]) > 0 and len(m["sources"]) > 0,
                f"the rounds left {len(m['events'])} events, {len(m['quotes'])} quotes, "
                f"{len(m['sources'])} sources in the file")

        in_use(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def in_use(tmp):
    path = os.path.join(tmp, "shared.sqlite")
    subprocess.run([exe, "--new", path], env=env, check=True, capture_output=True)
    first = subprocess.Popen([burst, path, "-"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8")
    first.stdin.write("source\tfirst\tarticle\tThe first writer\ten\t2024-06\tB\tFirst writer's text.\n")
    first.stdin.flush()
    ok = first.stdout.readline() == "open\n" and first.stdout.readline() == "done 1 source\n"
    tap(ok, "the first writer opens the file and edits it")
    with open(path, "rb") as fh:
        before = fh.read()
    second = subprocess.run([burst, path, "-"], env=env, capture_output=True, text=True, timeout=30,
                            input="source\tsecond\tarticle\tThe second writer\ten\t2024-06\t-\t-\n")
    with open(path, "rb") as fh:
        after = fh.read()
    tap(second.returncode == 3 and "being edited in another window or program" in second.stderr
        and path in second.stderr and "read-only" in second.stderr and "open" not in second.stdout,
        "a second writer is told the file is in use and offered read-only",
        f"exit {second.returncode}: {second.stderr.strip()} / {second.stdout.strip()}")
    tap(before == after, "the second writer changed nothing")
    rc, titles, err = list_titles(path)
    tap(rc == 0, "a reader opens it meanwhile", err)
    # the first killed: its edit stays, and the second may now edit
    first.kill()
    first.communicate()
    second = subprocess.run([burst, path, "-"], env=env, capture_output=True, text=True, timeout=30,
                            input="source\tsecond\tarticle\tThe second writer\ten\t2024-06\t-\t-\n")
    tap(second.returncode == 0, "once the first writer is killed, the second edits", second.stderr)
    check, m = read_db(path)
    tap(check == "ok" and sorted(m["sources"]) == ["first", "second"],
        "the file holds both writers' edits, whole", f"quick_check {check}, sources {sorted(m['sources'])}")


main()
print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
