#!/usr/bin/python3
"""The data exports (--export-data), each read back by the program on the
other side: CSV by LibreOffice Calc (and Python's csv module, strict), GEXF
1.3 by xmllint against the specification's schema and by networkx, GraphML
by networkx, Trilateral JSON by its JSON Schema (python3-jsonschema) and
tri-compile, TimelineJS JSON by our own importer; the evidence table as
HTML (xmllint --html) and CSV. Prints what it checked (TAP)."""
import collections
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

exe = os.environ["TRI_EXE"]
compiler = os.environ["TRI_COMPILE"]
db = os.environ["TRI_BRIEFING_DB"]
bundled_json = os.environ["TRI_BRIEFING_JSON"]
srcdir = os.environ.get("G_TEST_SRCDIR", os.path.dirname(os.path.abspath(__file__)))
top = os.path.dirname(srcdir)
env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
env["LANGUAGE"] = "en"
tmp = tempfile.mkdtemp(prefix="tri-formats-")
results = []

AS_OF, WINDOW_DAYS = "2024-06-19", 365   # 12 months of 30.4375 days, rounded


def run(*args, db_path=None, check=True):
    cmd = [exe, "--db", db_path or db, *args]
    r = subprocess.run(cmd, env=env, capture_output=True, timeout=300)
    if check and r.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {r.returncode}: {r.stderr.decode()[:300]}")
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def path(name):
    return os.path.join(tmp, name)


def test(name):
    def wrap(fn):
        try:
            said = fn()
            results.append((True, name, said or ""))
        except Exception as e:  # noqa: BLE001 - every failure is a failed test
            results.append((False, name, f"{type(e).__name__}: {e}"))
        return fn
    return wrap


def check(cond, message):
    if not cond:
        raise AssertionError(message)


def day(iso):
    """ISO date (years 0–9999) to a day count, for window arithmetic"""
    import datetime
    return datetime.date.fromisoformat(iso).toordinal()


def events_json(db_path=None):
    return json.loads(run("--list-events", "--json", db_path=db_path)[1])


def rel_key(code):
    return "-".join(sorted(code.split("-")))


def read_csv_strict(p):
    with open(p, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, strict=True))


# a briefing with hostile text, compiled from the JSON export: quotes,
# commas, line breaks, markup in titles, names and summaries
HOSTILE_TITLE = 'He said "no", then\r\nleft; <b>&amp;</b> – Nga, “quoted”'
HOSTILE_NAME = 'Russia <&> "R", Nga'


def make_hostile():
    run("--export-data", path("h.json"))
    data = json.load(open(path("h.json"), encoding="utf-8"))
    data["events"][0]["title"]["en"] = HOSTILE_TITLE
    data["events"][0]["summary"]["en"] = "line one\nline two, with \"quotes\"\n"
    data["actors"][0]["name"]["en"] = HOSTILE_NAME
    with open(path("h.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    subprocess.run([compiler, path("h.json"), path("h.sqlite")], check=True, env=env)
    return data


hostile = make_hostile()
bundled_events = events_json()


@test("CSV events: Python's csv module (strict) reads every event, its dates and relations, and the hostile title")
def _():
    run("--export-data", path("events.csv"))
    raw = open(path("events.csv"), "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark")
    check(b"\r\n" in raw and raw.count(b"\r\n") >= len(bundled_events) + 1, "records do not end with CRLF")
    rows = read_csv_strict(path("events.csv"))
    head, body = rows[0], rows[1:]
    check(len(body) == len(bundled_events), f"{len(body)} rows for {len(bundled_events)} events")
    col = {h: i for i, h in enumerate(head)}
    for r, ev in zip(body, bundled_events):
        check(len(r) == len(head), f"row {r[0]} has {len(r)} fields")
        check(int(r[col["id"]]) == ev["id"] and r[col["title"]] == ev["title"], f"event {ev['id']} differs")
        check(r[col["earliest"]] == ev["earliest"] and r[col["latest"]] == ev["latest"], f"event {ev['id']}: dates")
        links = [tuple(x.split(":")) for x in r[col["relations"]].split(";")]
        want = [(l["relation"], l["stance"], str(l["weight"])) for l in ev["relations"]]
        check(sorted(links) == sorted(want), f"event {ev['id']}: relations {links} != {want}")
    run("--export-data", path("hostile.csv"), db_path=path("h.sqlite"))
    rows = read_csv_strict(path("hostile.csv"))
    titles = [r[rows[0].index("title")] for r in rows[1:]]
    check(HOSTILE_TITLE in titles, "the title with quotes, commas and a line break did not come back whole")
    return f"{len(body)} events, {len(head)} columns, BOM, CRLF, a title with quotes, commas and CRLF"


def calc_reads(src, n_columns):
    """LibreOffice Calc opens the CSV (every column as text, UTF-8, comma,
    double quote) and writes it again as CSV, which csv reads back"""
    outdir = path("calc-" + os.path.basename(src))
    os.makedirs(outdir, exist_ok=True)
    profile = "file://" + path("lo-profile")
    fmt = "/".join(f"{i}/2" for i in range(1, n_columns + 1))   # 2: text, so no cell becomes a date
    r = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                        f"--infilter=CSV:44,34,76,1,{fmt}",
                        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true",
                        "--outdir", outdir, src], env=env, capture_output=True, timeout=240)
    out = os.path.join(outdir, os.path.basename(src))
    check(r.returncode == 0 and os.path.exists(out), f"soffice failed: {r.stderr.decode()[:300]}")
    with open(out, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, strict=True))


@test("CSV events and quotes: LibreOffice Calc reads every cell as written (hostile briefing)")
def _():
    if shutil.which("soffice") is None:
        return "# SKIP LibreOffice Calc (libreoffice-calc-nogui) is not installed; the strict csv check above still ran"
    said = []
    for table in ("events", "quotes"):
        p = path(f"calc-{table}.csv")
        run("--export-data", p, "--table", table, db_path=path("h.sqlite"))
        ours = read_csv_strict(p)
        theirs = calc_reads(p, len(ours[0]))
        # Calc writes line breaks inside a cell as LF
        ours_n = [[c.replace("\r\n", "\n") for c in r] for r in ours]
        check(len(theirs) == len(ours), f"{table}: Calc read {len(theirs)} rows, we wrote {len(ours)}")
        for a, b in zip(ours_n, theirs):
            check(a == b, f"{table}: Calc read {b[:3]}… for {a[:3]}…")
        said.append(f"{table}: {len(ours) - 1} rows × {len(ours[0])} columns")
    return "; ".join(said)


@test("CSV quotes: each quote of a relation with its source, citation, offset and claim")
def _():
    run("--export-data", path("quotes.csv"), "--table", "quotes", "--relation", "RUS-PRK")
    rows = read_csv_strict(path("quotes.csv"))
    col = {h: i for i, h in enumerate(rows[0])}
    want = json.loads(run("--quotes", "RUS-PRK", "--json")[1])
    check(len(rows) - 1 == len(want), f"{len(rows) - 1} rows for {len(want)} quotes")
    for r, q in zip(rows[1:], want):
        check(int(r[col["id"]]) == q["id"] and r[col["text"]] == q["text"], f"quote {q['id']} differs")
        check(r[col["translation"]] == q["translation"] and int(r[col["offset"]]) == q["offset"], f"quote {q['id']}")
        check(q["source"] in r[col["citation"]], f"quote {q['id']}: citation lacks the source's title")
        check(r[col["claim"]] in ("not stated", "fact", "official", "reported", "allegation", "assessment", "forecast"),
              f"quote {q['id']}: claim {r[col['claim']]!r}")
    return f"{len(want)} RUS-PRK quotes, newest first as --quotes prints them"


def gexf_reader():
    import networkx as nx
    from networkx.readwrite import gexf
    # Debian 12's networkx 2.8 reads GEXF 1.1 and 1.2; networkx 3 added 1.3
    # with this entry (its namespace), and reads it with the same code
    if "1.3" not in gexf.GEXF.versions:
        gexf.GEXF.versions["1.3"] = {
            "NS_GEXF": "http://gexf.net/1.3",
            "NS_VIZ": "http://gexf.net/1.3/viz",
            "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
            "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            "VERSION": "1.3",
        }
    return lambda p: nx.read_gexf(p, version="1.3")


def counted(events, relation, as_of_day, days):
    """the counting rule: latest possible day in (as_of - days, as_of]"""
    n = collections.Counter()
    for ev in events:
        L = day(ev["latest"])
        if not (as_of_day - days < L <= as_of_day):
            continue
        for l in ev["relations"]:
            if rel_key(l["relation"]) == rel_key(relation):
                n["events"] += 1
                n[l["stance"]] += 1
                n["weight"] += l["weight"]
                n["w_" + l["stance"]] += l["weight"]
    return n


@test("GEXF 1.3: valid against the specification's XSD (xmllint --schema), hostile names included")
def _():
    xsd = os.path.join(srcdir, "gexf-1.3", "gexf.xsd")
    for src in (db, path("h.sqlite")):
        p = path("g-%d.gexf" % len(src))
        run("--export-data", p, db_path=src)
        r = subprocess.run(["xmllint", "--noout", "--schema", xsd, p], capture_output=True)
        check(r.returncode == 0, r.stderr.decode()[:500])
    tree = ET.parse(p)
    ns = {"g": "http://gexf.net/1.3"}
    names = [n.get("label") for n in tree.findall(".//g:node", ns)]
    check(HOSTILE_NAME in names, "the actor name with markup did not come back whole")
    return "bundled and hostile briefings validate"


@test("GEXF 1.3: networkx reads every actor, every relation with events, their total weights and the window's state over time")
def _():
    read = gexf_reader()
    run("--export-data", path("x.gexf"))
    g = read(path("x.gexf"))
    data = json.load(open(bundled_json, encoding="utf-8"))
    totals = collections.Counter()
    for ev in bundled_events:
        for l in ev["relations"]:
            totals[rel_key(l["relation"])] += l["weight"]
    check(g.number_of_nodes() == len(data["actors"]), f"{g.number_of_nodes()} nodes for {len(data['actors'])} actors")
    check(g.number_of_edges() == len(totals), f"{g.number_of_edges()} edges for {len(totals)} relations with events")
    check(g.graph.get("mode") == "dynamic", f"graph mode {g.graph.get('mode')}")
    for a, b, d in g.edges(data=True):
        check(d["weight"] == totals[rel_key(f"{a}-{b}")], f"{a}-{b}: weight {d['weight']} != {totals[rel_key(a + '-' + b)]}")
    # the dynamic "events" value on each day equals a recount with the rule
    checked = 0
    for a, b, d in g.edges(data=True):
        spans = d.get("events", [])
        check(isinstance(spans, list) and spans, f"{a}-{b}: no dynamic events attribute")
        for value, start, end in spans:
            for when in {start, end} - {None}:
                n = counted(bundled_events, f"{a}-{b}", day(when), WINDOW_DAYS)
                check(n["events"] == value, f"{a}-{b} on {when}: {value} events, recount {n['events']}")
                checked += 1
        # and the day after the last interval ends, nothing counts
        last_end = spans[-1][2]
        if last_end:
            import datetime
            after = datetime.date.fromordinal(day(last_end) + 1).isoformat()
            check(counted(bundled_events, f"{a}-{b}", day(after), WINDOW_DAYS)["events"] == 0,
                  f"{a}-{b}: events still count after {last_end}")
    return f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges, weights, {checked} interval ends recounted"


@test("GraphML: networkx reads the snapshot as of 2024-06-19 over 12 months with typed keys that match a recount")
def _():
    import networkx as nx
    run("--export-data", path("x.graphml"), "--as-of", AS_OF, "--window", "12")
    g = nx.read_graphml(path("x.graphml"))
    data = json.load(open(bundled_json, encoding="utf-8"))
    relations = {rel_key(l["relation"]) for ev in bundled_events for l in ev["relations"]}
    relations |= {rel_key(q["relation"]) for q in data["quotes"]}
    check(g.number_of_nodes() == len(data["actors"]), f"{g.number_of_nodes()} nodes")
    check(g.number_of_edges() == len(relations), f"{g.number_of_edges()} edges for {len(relations)} relations")
    check(g.graph["as_of"] == AS_OF and g.graph["window_months"] == 12, f"graph data {g.graph}")
    nonzero = 0
    for a, b, d in g.edges(data=True):
        n = counted(bundled_events, f"{a}-{b}", day(AS_OF), WINDOW_DAYS)
        check(isinstance(d["events"], int) and isinstance(d["weight"], float) and isinstance(d["dashed"], bool),
              f"{a}-{b}: keys are not typed: {d}")
        check(d["events"] == n["events"] and d["cooperation"] == n["cooperation"] and d["tension"] == n["tension"],
              f"{a}-{b}: {d} != recount {dict(n)}")
        check(d["weight"] == n["weight"], f"{a}-{b}: weight {d['weight']} != {n['weight']}")
        want = (n["w_cooperation"] - n["w_tension"]) / n["weight"] if n["weight"] else 0.0
        check(abs(d["balance"] - want) < 1e-9, f"{a}-{b}: balance {d['balance']} != {want}")
        nonzero += d["events"] > 0
    check(nonzero >= 3, "fewer than three relations have events as of the date: the check would prove little")
    return f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges, {nonzero} with events in the window"


def normalized(data):
    """a briefing's JSON with what does not change its meaning made equal:
    relation codes in either order, the order of an event's relations"""
    d = json.loads(json.dumps(data))
    for ev in d["events"]:
        for l in ev["relations"]:
            l["relation"] = rel_key(l["relation"])
        ev["relations"].sort(key=lambda l: l["relation"])
    for q in d["quotes"]:
        q["relation"] = rel_key(q["relation"])
    # a slide's defaults written or left out (the export leaves them out)
    for deck in d.get("decks", []):
        for sl in deck["slides"]:
            if "relation" in sl:
                sl["relation"] = rel_key(sl["relation"])
            if sl.get("window_months") == 12:
                del sl["window_months"]
            if sl.get("show_others") is False:
                del sl["show_others"]
            for member in ("judgement", "notes", "body"):
                if sl.get(member) == {}:
                    del sl[member]
    return d


@test("Trilateral JSON: the export of the bundled briefing is valid against data/briefing.schema.json, and a broken one is not")
def _():
    import jsonschema
    schema = json.load(open(os.path.join(top, "data", "briefing.schema.json"), encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    run("--export-data", path("x.json"))
    for p in (bundled_json, path("x.json")):
        errors = list(v.iter_errors(json.load(open(p, encoding="utf-8"))))
        check(not errors, f"{p}: {errors[:1]}")
    broken = json.load(open(path("x.json"), encoding="utf-8"))
    broken["events"][0]["relations"][0]["weight"] = 4
    broken["quotes"][0]["cliam"] = "fact"
    check(len(list(v.iter_errors(broken))) == 2, "the schema accepts a weight of 4 or an unknown member")
    return "bundled and exported files valid; a weight of 4 and a misspelt member refused"


@test("Trilateral JSON: decks and markings of every kind compile, export valid against the schema, and come back as written")
def _():
    import jsonschema
    schema = json.load(open(os.path.join(top, "data", "briefing.schema.json"), encoding="utf-8"))
    v = jsonschema.Draft202012Validator(schema)
    data = json.load(open(bundled_json, encoding="utf-8"))
    data["markings"] = {"marking": "UNCLASSIFIED // FOR TRAINING", "author": "Nhóm phân tích",
                        "prepared": "2024-07-01", "version": "1.0"}
    data["decks"] = [{"name": "Briefing", "slides": [
        {"kind": "view", "title": {"en": "Russia – North Korea", "vi": "Nga – Triều Tiên"},
         "judgement": {"en": "Cooperation outweighs tension."}, "notes": {"en": "Start with the treaty."},
         "as_of": "2024-06-19", "window_months": 24, "relation": "PRK-RUS", "actor": "PRK", "event": 15,
         "range": ["2023-01-01", "2024-12-31T12:00:00"], "show_others": True, "lang": "vi"},
        {"kind": "text", "title": {"en": "Bottom line"}, "body": {"en": "One.\n\nTwo."}},
        {"kind": "compare", "title": {"en": "What changed"}, "from": "2022-01-01", "as_of": "2024-06-30"},
        {"kind": "trend", "title": {"en": "Trend"}, "from": "2022-01-01", "to": "2024-12-31",
         "step": "quarter", "style": "multiples"}]}]
    check(not list(v.iter_errors(data)), f"the schema refuses a valid deck: {list(v.iter_errors(data))[:1]}")
    src = path("decks.json")
    json.dump(data, open(src, "w", encoding="utf-8"), ensure_ascii=False)
    r = subprocess.run([compiler, src, path("decks.sqlite")], capture_output=True, env=env)
    check(r.returncode == 0, f"tri-compile refused the decks: {r.stderr.decode()[:300]}")
    run("--export-data", path("decks-out.json"), db_path=path("decks.sqlite"))
    exported = json.load(open(path("decks-out.json"), encoding="utf-8"))
    errors = list(v.iter_errors(exported))
    check(not errors, f"the export is not valid: {errors[:1]}")
    check(normalized(exported) == normalized(data), "the decks or markings came back otherwise")
    broken = json.loads(json.dumps(data))
    broken["decks"][0]["slides"][0]["kidn"] = "view"
    broken["decks"][0]["slides"][3]["step"] = "month"
    del broken["decks"][0]["slides"][2]["from"]
    check(len(list(v.iter_errors(broken))) == 3, "the schema accepts a misspelt member, a step of a month or a compare with no date")
    return "4 kinds of slide and the markings: valid, compiled and exported as written"


@test("Trilateral JSON: JSON → briefing → JSON is lossless, and tri-compile rebuilds the same briefing from the export")
def _():
    run("--export-data", path("x.json"))
    original = json.load(open(bundled_json, encoding="utf-8"))
    exported = json.load(open(path("x.json"), encoding="utf-8"))
    check(normalized(original) == normalized(exported), "the export differs from data/briefing.json")
    r = subprocess.run([compiler, path("x.json"), path("x.sqlite")], capture_output=True, env=env)
    check(r.returncode == 0, f"tri-compile refused the export: {r.stderr.decode()[:300]}")
    rc, so, se = run("--export-data", path("y.json"), db_path=path("x.sqlite"))
    check(open(path("x.json"), "rb").read() == open(path("y.json"), "rb").read(), "the second export differs")
    def same_links(evs):
        return [dict(e, relations=sorted(e["relations"], key=lambda l: l["relation"])) for e in evs]
    check(same_links(events_json(path("x.sqlite"))) == same_links(bundled_events),
          "the recompiled briefing lists other events")
    check("nothing left out" in so, f"summary: {so.strip()}")
    return (f"{len(exported['events'])} events, {len(exported['quotes'])} quotes, {len(exported['actors'])} actors, "
            "every language; second export byte for byte the same")


def timeline_key(ev):
    e = dict(ev)
    e["group"] = rel_key(e["group"]) if "-" in e.get("group", "") else e.get("group")
    return json.dumps(e, sort_keys=True, ensure_ascii=False)


@test("TimelineJS JSON: TimelineJS → briefing → TimelineJS → briefing through our importer loses nothing the format holds")
def _():
    run("--export-data", path("t1.json"), "--format", "timelinejs")
    t1 = json.load(open(path("t1.json"), encoding="utf-8"))
    check(len(t1["events"]) == len(bundled_events), "not every event was written")
    for ev, orig in zip(t1["events"], bundled_events):
        check(ev["text"]["headline"] == orig["title"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
              .replace('"', "&quot;"), f"headline {ev['text']['headline']!r}")
        check(ev["display_date"] == orig["label"], f"{orig['id']}: display_date {ev['display_date']!r}, label {orig['label']!r}")
        check(ev["start_date"]["year"] == int(orig["date"].split("/")[0][:5].rstrip("-") if orig["date"][0] == "-"
                                              else orig["date"][:4]), f"{orig['id']}: year")
    part = [e for e in t1["events"] if "early" in e["display_date"] or "half" in e["display_date"]]
    check(part and all("month" not in e["start_date"] for e in part), "a part of a year was given a month")
    os.makedirs(path("tl"), exist_ok=True)
    rc, so, se = run("--import-timelinejs", path("t1.json"), "--out", path("tl/b2.sqlite"))
    run("--export-data", path("t2.json"), "--format", "timelinejs", db_path=path("tl/b2.sqlite"))
    t2 = json.load(open(path("t2.json"), encoding="utf-8"))
    check(t1["title"] == t2["title"], "the title changed")
    k1, k2 = sorted(map(timeline_key, t1["events"])), sorted(map(timeline_key, t2["events"]))
    diff = [a for a, b in zip(k1, k2) if a != b]
    check(k1 == k2, f"{len(diff)} events changed, such as {diff[:1]}")
    run("--import-timelinejs", path("t2.json"), "--out", path("tl/b3.sqlite"))
    b2, b3 = events_json(path("tl/b2.sqlite")), events_json(path("tl/b3.sqlite"))
    strip = lambda evs: [{k: v for k, v in e.items() if k != "id"} for e in evs]
    check(strip(b2) == strip(b3), "the second briefing differs from the first")
    # the days each event may fall on, where the format holds them
    by_title = {e["title"]: e for e in b2}
    same = 0
    for orig in bundled_events:
        back = by_title[orig["title"]]
        if orig["precision"] in ("day", "month", "year"):
            check((back["earliest"], back["latest"]) == (orig["earliest"], orig["latest"]), f"{orig['id']}: days changed")
            same += 1
    return (f"{len(t1['events'])} events: headlines, texts, display dates, groups equal after two round trips; "
            f"{same} day/month/year dates keep their days; summary: {so.strip()[:80]}…")


def quote_latest_days():
    """each quote's latest possible day: its event's, or its source's"""
    import calendar
    data = json.load(open(bundled_json, encoding="utf-8"))
    events = {e["id"]: day(e["latest"]) for e in bundled_events}
    sources = {}
    for s in data["sources"]:
        y, m = (int(x) for x in s["date"].split("-")[:2])
        sources[s["id"]] = day(f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}")
    return {q["id"]: events[q["event"]] if "event" in q else sources[q["source"]] for q in data["quotes"]}


@test("Evidence table: CSV and printable HTML list the quotes behind the view, numbered, with translations and citations")
def _():
    run("--export-data", path("ev.csv"), "--format", "evidence", "--relation", "RUS-PRK", "--window", "24",
        "--as-of", "2024")
    rows = read_csv_strict(path("ev.csv"))
    col = {h: i for i, h in enumerate(rows[0])}
    latest = quote_latest_days()
    as_of, days = day("2024-12-31"), 730   # 24 months of 30.4375 days
    want = [q for q in json.loads(run("--quotes", "RUS-PRK", "--json")[1]) if as_of - days < latest[q["id"]] <= as_of]
    check(0 < len(want) < len(latest), "the period would prove nothing")
    check([int(r[col["number"]]) for r in rows[1:]] == list(range(1, len(rows))), "not numbered 1…N")
    check([r[col["quote"]] for r in rows[1:]] == [q["text"] for q in want],
          f"{len(rows) - 1} rows: not the {len(want)} quotes whose dates count, newest first")
    check(all(r[col["translation"]] and r[col["citation"]] for r in rows[1:]), "a quote without translation or citation")
    run("--export-data", path("ev.html"), "--relation", "RUS-PRK", "--window", "24", "--as-of", "2024",
        "--lang", "vi")
    r = subprocess.run(["xmllint", "--html", "--noout", path("ev.html")], capture_output=True)
    check(r.returncode == 0 and not r.stderr, f"xmllint --html: {r.stderr.decode()[:300]}")
    html = open(path("ev.html"), encoding="utf-8").read()
    check(html.count("<tr id=\"q") == len(want), "the HTML has another number of rows")
    check("@page" in html and "break-inside: avoid" in html and "<thead>" in html, "no print rules")
    check('<html lang="vi">' in html, "the data language is not marked")
    return f"{len(want)} of {len(latest)} quotes in the 24 months to 2024, numbered, in CSV and HTML"


@test("Usage and write errors: one sentence each, exit 2 or 11, nothing left behind")
def _():
    cases = [
        (("--export-data", path("u.txt")), 2, "--format"),
        (("--export-data", path("u.json"), "--format", "pptx"), 2, "--format takes"),
        (("--export-data", path("u.gexf"), "--table", "quotes"), 2, "--table"),
        (("--export-data", path("u.csv"), "--table", "people"), 2, "--table takes"),
        (("--export-data", path("u.gexf"), "--format", "evidence"), 2, ".html or .csv"),
        (("--export-data", path("u.csv"), "--window", "5"), 2, "--window"),
        (("--export-data", path("u.csv"), "--relation", "RUS-XXX"), 2, "XXX"),
        (("--export-data", path("u.graphml"), "--as-of", "1990"), 2, "outside"),
        (("--export-data", path("no/such/folder/u.csv")), 11, "u.csv"),
    ]
    before = set(os.listdir(tmp))
    for args, code, words in cases:
        rc, so, se = run(*args, check=False)
        check(rc == code, f"{' '.join(args[2:]) or args[1]}: exit {rc}, not {code}: {se.strip()}")
        check(words in se and se.count("\n") == 1, f"{args}: {se!r}")
    check(set(os.listdir(tmp)) == before, f"left behind: {set(os.listdir(tmp)) - before}")
    return f"{len(cases)} refusals"


try:
    print(f"1..{len(results)}")
    failed = 0
    for i, (ok, name, said) in enumerate(results, 1):
        skip = said.startswith("# SKIP")
        print(f"{'ok' if ok else 'not ok'} {i} - {name}{' ' + said if skip else ''}")
        if said and not skip:
            print(f"# {said}")
        failed += not ok
finally:
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(1 if failed else 0)
