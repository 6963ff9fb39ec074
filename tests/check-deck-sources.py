#!/usr/bin/python3
"""Checks the bundled decks and markings of data/briefing.json, and that
every deck text traces to the seed documents.

1. The decks are well formed as /work/wt/DECKS.md and data/briefing.schema.json
   describe them: a known kind, every date a real day (YYYY-MM-DD), an event
   id the briefing has, a relation between two actors of the briefing that
   its events use, compare and trend spans in order, every text in the five
   languages, short enough for a slide; the markings are strings and the date
   prepared is a day.
2. A text slide of attributed assessments says so in every paragraph, in
   every language ("ORF analysts assess…", "Họ đánh giá…").
3. The docs/terminology-LANG.md tables hold for the deck texts as for the
   rest of the data: where the English uses a concept, the translation uses
   its term, and no rejected variant appears.
4. docs/deck-sources.md has a section per slide, and a row for each of its
   texts (title, judgement, notes, each paragraph of the body); every row
   names its seed and the passage at its offset, copied verbatim, or the
   events it rests on.
5. Each cited passage is at its offset in its seed document (skipped when
   the seeds are not there: SEEDS_DIR, the meson option seeds_dir).

Usage: check-deck-sources.py SOURCE_ROOT [SEEDS_DIR]
"""

import datetime
import importlib.util
import json
import os
import re
import sys

LANGS = ["en", "vi", "ru", "zh_CN", "ko"]
KINDS = {"view", "text", "compare", "trend"}
SEEDS = {"podcast": "000_d238ed842d5f5a21.txt", "orf": "002_8b22599ba04c00a1.txt"}

# what fits on a slide at every offered size (characters)
MAX_TITLE = 66
MAX_JUDGEMENT = 125
MAX_PARAGRAPHS = 5
MAX_PARAGRAPH = 240
MAX_NOTES = 700

# a text slide whose English says "… analysts assess": each paragraph of the
# body attributes its judgement, in each language
ATTRIBUTION = {
    "en": re.compile(r"\b(analysts assess|They assess)\b"),
    "vi": re.compile(r"đánh giá"),
    "ru": re.compile(r"(считают|По их оценке)"),
    "zh_CN": re.compile(r"评估"),
    "ko": re.compile(r"평가한다"),
}

TEXT_KEYS = {"title", "judgement", "notes", "body"}
VIEW_KEYS = {"as_of", "window_months", "relation", "actor", "event", "range", "show_others", "lang"}
ALLOWED = {
    "view": {"kind"} | TEXT_KEYS - {"body"} | VIEW_KEYS,
    "text": {"kind"} | TEXT_KEYS | VIEW_KEYS,
    "compare": {"kind", "from"} | TEXT_KEYS - {"body"} | VIEW_KEYS,
    "trend": {"kind", "from", "to", "step", "style"} | TEXT_KEYS - {"body"} | VIEW_KEYS,
}


def day(value, where, problems):
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        problems.append("%s: “%s” is not a day (YYYY-MM-DD)" % (where, value))
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        problems.append("%s: “%s” is not a real day" % (where, value))
        return None


def texts_of(slide):
    """[(field, lang, text)] of a slide; the body's paragraphs are "body N"."""
    out = []
    for key in ("title", "judgement", "notes"):
        for lang, t in slide.get(key, {}).items():
            out.append((key, lang, t))
    for lang, t in slide.get("body", {}).items():
        for i, p in enumerate(t.split("\n\n"), 1):
            out.append(("body %d" % i, lang, p))
    return out


def check_format(d):
    problems = []
    actors = {a["code"] for a in d.get("actors", [])}
    events = {e["id"]: e for e in d.get("events", [])}
    used = {frozenset(r["relation"].split("-")) for e in events.values() for r in e.get("relations", [])}

    m = d.get("markings")
    if not isinstance(m, dict) or not m:
        problems.append("markings: missing")
    else:
        for k, v in m.items():
            if k not in ("marking", "author", "prepared", "version"):
                problems.append("markings: unknown key “%s”" % k)
            elif not isinstance(v, str) or not v.strip():
                problems.append("markings: %s is not a non-empty string" % k)
        if "prepared" in m:
            day(m["prepared"], "markings prepared", problems)

    decks = d.get("decks")
    if not isinstance(decks, list) or not decks:
        problems.append("decks: the bundled briefing has no deck")
        return problems
    names = set()
    for deck in decks:
        name = deck.get("name", "")
        if not name.strip() or name in names:
            problems.append("deck “%s”: the name is empty or not unique" % name)
        names.add(name)
        slides = deck.get("slides", [])
        if not slides:
            problems.append("deck “%s”: no slides" % name)
        for n, s in enumerate(slides, 1):
            where = "deck “%s” slide %d" % (name, n)
            kind = s.get("kind")
            if kind not in KINDS:
                problems.append("%s: kind “%s” is not one of %s" % (where, kind, ", ".join(sorted(KINDS))))
                continue
            for k in s:
                if k not in ALLOWED[kind]:
                    problems.append("%s: “%s” has no meaning on a %s slide" % (where, k, kind))
            for key in TEXT_KEYS & set(s):
                if set(s[key]) != set(LANGS):
                    problems.append("%s: %s is in %s, not in %s" % (where, key, ", ".join(sorted(s[key])), ", ".join(LANGS)))
                for lang, t in s[key].items():
                    if not isinstance(t, str) or not t.strip() or t != t.strip():
                        problems.append("%s: %s [%s] is empty or has spaces around it" % (where, key, lang))
            if "title" not in s:
                problems.append("%s: no title" % where)
            if kind == "text" and "body" not in s:
                problems.append("%s: a text slide without a body" % where)
            for field, lang, t in texts_of(s):
                limit = {"title": MAX_TITLE, "judgement": MAX_JUDGEMENT, "notes": MAX_NOTES}.get(field, MAX_PARAGRAPH)
                if len(t) > limit:
                    problems.append("%s: %s [%s] has %d characters, more than %d fit: “%s”" % (where, field, lang, len(t), limit, t))
            for lang, t in s.get("body", {}).items():
                if len(t.split("\n\n")) > MAX_PARAGRAPHS:
                    problems.append("%s: body [%s] has more than %d paragraphs" % (where, lang, MAX_PARAGRAPHS))
                if "\n\n\n" in t or re.search(r"(?<!\n)\n(?!\n)", t):
                    problems.append("%s: body [%s]: paragraphs are separated by exactly one blank line" % (where, lang))

            as_of = day(s["as_of"], where + " as_of", problems) if "as_of" in s else None
            wm = s.get("window_months", 12)
            if not isinstance(wm, int) or isinstance(wm, bool) or not 0 <= wm <= 1200:
                problems.append("%s: window_months %r is not a number of months" % (where, wm))
            if "relation" in s:
                pair = s["relation"].split("-")
                if len(pair) != 2 or not set(pair) <= actors:
                    problems.append("%s: relation “%s” is not two actors of the briefing" % (where, s["relation"]))
                elif frozenset(pair) not in used:
                    problems.append("%s: relation “%s” has no event in the briefing" % (where, s["relation"]))
            if "actor" in s and s["actor"] not in actors:
                problems.append("%s: actor “%s” is not in the briefing" % (where, s["actor"]))
            if "event" in s:
                ev = events.get(s["event"])
                if ev is None:
                    problems.append("%s: event %r is not in the briefing" % (where, s["event"]))
                elif "relation" in s and s["relation"] not in [r["relation"] for r in ev["relations"]]:
                    problems.append("%s: event %d is not on the selected side %s" % (where, s["event"], s["relation"]))
                elif as_of and ev["date"][:7] > as_of.isoformat()[:7]:
                    problems.append("%s: event %d (%s) is after the slide's as of %s" % (where, s["event"], ev["date"], as_of))
            if "range" in s:
                r = s["range"]
                if not isinstance(r, list) or len(r) != 2:
                    problems.append("%s: range is not two days" % where)
                else:
                    a, b = day(r[0], where + " range", problems), day(r[1], where + " range", problems)
                    if a and b and a >= b:
                        problems.append("%s: range %s .. %s is empty" % (where, r[0], r[1]))
            if "show_others" in s and not isinstance(s["show_others"], bool):
                problems.append("%s: show_others is not true or false" % where)
            if "lang" in s and s["lang"] not in LANGS:
                problems.append("%s: lang “%s” is not a language of the briefing" % (where, s["lang"]))
            if kind == "compare":
                if "from" not in s or "as_of" not in s:
                    problems.append("%s: a compare slide needs from and as_of" % where)
                else:
                    f = day(s["from"], where + " from", problems)
                    if f and as_of and f >= as_of:
                        problems.append("%s: from %s is not before as of %s" % (where, f, as_of))
            if kind == "trend":
                if "from" not in s or "to" not in s:
                    problems.append("%s: a trend slide needs from and to" % where)
                else:
                    f, t = day(s["from"], where + " from", problems), day(s["to"], where + " to", problems)
                    if f and t and f >= t:
                        problems.append("%s: from %s is not before to %s" % (where, f, t))
                if s.get("step", "quarter") not in ("quarter", "year"):
                    problems.append("%s: step “%s” is not quarter or year" % (where, s.get("step")))
                if s.get("style", "multiples") not in ("multiples", "strip"):
                    problems.append("%s: style “%s” is not multiples or strip" % (where, s.get("style")))
            if kind == "text" and re.search(r"analysts assess", s.get("body", {}).get("en", "")):
                for lang, t in s["body"].items():
                    for i, p in enumerate(t.split("\n\n"), 1):
                        if lang in ATTRIBUTION and not ATTRIBUTION[lang].search(p):
                            problems.append("%s: body [%s] paragraph %d does not attribute its assessment: “%s”" % (where, lang, i, p))
    return problems


def check_terminology(root, d):
    spec = importlib.util.spec_from_file_location("terminology", os.path.join(root, "tests", "check-terminology.py"))
    term = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(term)
    problems = []
    for lang in LANGS[1:]:
        rows = term.read_table(os.path.join(root, "docs", "terminology-%s.md" % lang))
        for deck in d.get("decks", []):
            for n, s in enumerate(deck.get("slides", []), 1):
                en = {f: t for f, l, t in texts_of(s) if l == "en"}
                for field, l, t in texts_of(s):
                    if l != lang:
                        continue
                    where = "deck “%s” slide %d %s [%s]" % (deck.get("name"), n, field, lang)
                    for row in rows:
                        label = "terminology-%s.md:%d (%s)" % (lang, row["line"], row["concept"])
                        if row["english"] and row["use"] and any(p.search(en.get(field, "")) for p in row["english"]):
                            if not any(p.search(t) for p in row["use"]):
                                problems.append("%s: %s: “%s” does not use %s" % (label, where, t, " or ".join("“%s”" % p.pattern for p in row["use"])))
                        for p in row["rejected"]:
                            m = p.search(t)
                            if m:
                                problems.append("%s: %s: rejected “%s” in “%s”" % (label, where, m.group(0), t))
    return problems


def read_sources(path):
    """{slide number: [(field, seed, offset or event ids, passage)]}"""
    slides = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^## Slide (\d+) ", line)
            if m:
                current = int(m.group(1))
                slides.setdefault(current, [])
                continue
            if current is None or not line.startswith("| "):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 4 or cells[0] in ("text", "---"):
                continue
            passage = cells[3]
            if passage.startswith("“") and passage.endswith("”"):
                passage = passage[1:-1]
            slides[current].append((cells[0], cells[1], cells[2], passage))
    return slides


def check_sources(root, d, seeds_dir):
    problems = []
    seeds_checked = 0
    path = os.path.join(root, "docs", "deck-sources.md")
    cited = read_sources(path)
    events = {e["id"] for e in d.get("events", [])}
    texts = {}
    if seeds_dir and all(os.path.isfile(os.path.join(seeds_dir, f)) for f in SEEDS.values()):
        for k, f in SEEDS.items():
            with open(os.path.join(seeds_dir, f), encoding="utf-8") as fh:
                texts[k] = fh.read()
    slides = [s for deck in d.get("decks", [])[:1] for s in deck.get("slides", [])]
    for n in sorted(set(cited) - set(range(1, len(slides) + 1))):
        problems.append("docs/deck-sources.md: slide %d, which the first deck does not have" % n)
    for n, s in enumerate(slides, 1):
        rows = cited.get(n, [])
        fields = {f for f, l, t in texts_of(s)}
        for field in sorted(fields - {r[0] for r in rows}):
            problems.append("slide %d (“%s”): its %s cites no source in docs/deck-sources.md" % (n, s["title"]["en"], field))
        for field, seed, where, passage in rows:
            label = "docs/deck-sources.md slide %d %s" % (n, field)
            if field not in fields:
                problems.append("%s: the slide has no such text" % label)
            if seed == "data":
                ids = re.findall(r"ev(\d+)", where)
                if not ids:
                    problems.append("%s: a data row names no event (evN)" % label)
                for i in ids:
                    if int(i) not in events:
                        problems.append("%s: event %s is not in the briefing" % (label, i))
                continue
            if seed not in SEEDS:
                problems.append("%s: seed “%s” is not one of %s" % (label, seed, ", ".join(sorted(SEEDS))))
                continue
            if not where.isdigit() or not passage:
                problems.append("%s: no offset or passage" % label)
                continue
            if seed in texts:
                seeds_checked += 1
                off = int(where)
                if texts[seed][off:off + len(passage)] != passage:
                    found = texts[seed].find(passage)
                    problems.append("%s: “%s” is not at offset %d of %s (%s)"
                                    % (label, passage, off, SEEDS[seed],
                                       "found at %d" % found if found >= 0 else "not in it at all"))
    return problems, bool(texts), seeds_checked


def main():
    root = sys.argv[1]
    seeds_dir = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("TRI_SEEDS_DIR")
    with open(os.path.join(root, "data", "briefing.json"), encoding="utf-8") as f:
        d = json.load(f)

    print("1..4")
    failed = False

    def report(n, problems, what, skip=None):
        nonlocal failed
        for p in problems:
            print("# " + p)
        failed = failed or bool(problems)
        print("%s %d - %s%s" % ("not ok" if problems else "ok", n, what, " # SKIP " + skip if skip and not problems else ""))

    nslides = sum(len(deck.get("slides", [])) for deck in d.get("decks", []))
    report(1, check_format(d), "%d decks, %d slides and the markings are well formed" % (len(d.get("decks", [])), nslides))
    report(2, check_terminology(root, d), "the deck texts use the terms of docs/terminology-*.md")
    problems, have_seeds, n = check_sources(root, d, seeds_dir)
    structural = [p for p in problems if "is not at offset" not in p]
    verbatim = [p for p in problems if "is not at offset" in p]
    report(3, structural, "every text of every slide cites its sources in docs/deck-sources.md")
    report(4, verbatim, "%d cited passages are verbatim at their offsets in the seeds" % n,
           None if have_seeds else "no seed documents at %s" % seeds_dir)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
