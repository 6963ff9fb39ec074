#!/usr/bin/python3
"""Checks each language's terminology table against its catalogue and data.

docs/terminology-LANG.md holds a table whose rows are

  | concept | English, where it occurs | use | rejected variants | reason |

Every `code span` in the English, use and rejected cells is one pattern: a
literal substring, or a regular expression when it starts with "re:".  A
literal English pattern matches in any case; every other pattern matches
exactly as written (a regular expression may say (?i) itself).

For every text of LANG whose English original matches one of the row's English
patterns (a msgid or msgid_plural in po/LANG.po, or the "en" text beside it in
data/briefing.json), one of the row's "use" patterns must match the LANG text.
No rejected pattern may match any LANG text: every msgstr of po/LANG.po and
every LANG text of the data (the briefing's title, actor names, event titles,
summaries and claimants, source descriptions, quote translations).  A quote's
own "text" is the source, copied verbatim, and is never checked.

A row whose English patterns match nothing fails too: a table that no longer
describes the catalogue is stale.

Usage: check-terminology.py SOURCE_ROOT [LANG ...]
"""

import json
import os
import re
import sys

LANGS = ["vi", "ru", "zh_CN", "ko"]


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def read_po(path):
    """Returns [(where, [english...], [translation...])] for translated entries."""
    entries = []
    with open(path, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    for block in blocks:
        fields = {}
        key = None
        fuzzy = False
        for line in block.split("\n"):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
            if m:
                key = m.group(1)
                fields[key] = m.group(2)
                continue
            m = re.match(r'^"(.*)"$', line)
            if m and key:
                fields[key] += m.group(1)
            elif not line.startswith("#"):
                key = None
        if not fields.get("msgid") or fuzzy:
            continue
        english = [unescape(fields["msgid"])]
        if "msgid_plural" in fields:
            english.append(unescape(fields["msgid_plural"]))
        strs = [unescape(v) for k, v in sorted(fields.items()) if k.startswith("msgstr") and v]
        if strs:
            entries.append(("po msgid \"%s\"" % english[0][:60], english, strs))
    return entries


def read_data(path, lang):
    """Returns [(where, [english], [translation])] for the data's LANG texts."""
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    out = []

    def add(where, texts):
        if isinstance(texts, dict) and lang in texts:
            out.append((where, [texts.get("en", "")], [texts[lang]]))

    add("briefing title", d.get("title", {}))
    for a in d.get("actors", []):
        add("actor %s" % a["code"], a.get("name", {}))
    for s in d.get("sources", []):
        add("source %s" % s["id"], s.get("description", {}))
    for e in d.get("events", []):
        for field in ("title", "summary", "claimed_by"):
            add("event %d %s" % (e["id"], field), e.get(field, {}))
    for q in d.get("quotes", []):
        add("quote %d translation" % q["id"], q.get("translation", {}))
    return out


def patterns(cell):
    return re.findall(r"`([^`]+)`", cell)


def compile_pattern(p, english):
    if p.startswith("re:"):
        return re.compile(p[3:])
    return re.compile(re.escape(p), re.IGNORECASE if english else 0)


def read_table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.startswith("|"):
                continue
            # a cell may hold "\|": a regular expression's alternation
            cells = [c.strip().replace("\\|", "|")
                     for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
            if len(cells) < 5 or set(cells[0]) <= set("-: ") or cells[0].lower() == "concept":
                continue
            rows.append({
                "line": n,
                "concept": cells[0],
                "english": [compile_pattern(p, True) for p in patterns(cells[1])],
                "use": [compile_pattern(p, False) for p in patterns(cells[2])],
                "rejected": [compile_pattern(p, False) for p in patterns(cells[3])],
            })
    return rows


def check(root, lang):
    table = os.path.join(root, "docs", "terminology-%s.md" % lang)
    rows = read_table(table)
    texts = read_po(os.path.join(root, "po", lang + ".po"))
    texts += read_data(os.path.join(root, "data", "briefing.json"), lang)
    problems = []
    if len(rows) < 5:
        problems.append("%s: only %d rows; is the table's layout broken?" % (table, len(rows)))
    for row in rows:
        label = "%s:%d (%s)" % (os.path.basename(table), row["line"], row["concept"])
        if not row["use"] and not row["rejected"]:
            problems.append("%s: the row names neither a term to use nor a rejected variant" % label)
        occurrences = 0
        for where, english, translations in texts:
            if row["english"] and any(p.search(e) for p in row["english"] for e in english):
                occurrences += 1
                for t in translations:
                    if row["use"] and not any(p.search(t) for p in row["use"]):
                        problems.append("%s: %s: “%s” does not use %s"
                                        % (label, where, t, " or ".join("“%s”" % p.pattern for p in row["use"])))
            for t in translations:
                for p in row["rejected"]:
                    m = p.search(t)
                    if m:
                        problems.append("%s: %s: rejected “%s” in “%s”" % (label, where, m.group(0), t))
        if row["english"] and occurrences == 0:
            problems.append("%s: its English patterns match no string or data text: the row is stale" % label)
    return rows, problems


def main():
    root = sys.argv[1]
    langs = sys.argv[2:] or LANGS
    failed = False
    print("1..%d" % len(langs))
    for i, lang in enumerate(langs, 1):
        rows, problems = check(root, lang)
        for p in problems:
            print("# " + p)
        print("%s %d - %s: %d terms" % ("not ok" if problems else "ok", i, lang, len(rows)))
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
