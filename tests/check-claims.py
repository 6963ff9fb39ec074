#!/usr/bin/python3
"""Checks the bundled quotes' claim types against their own wording.

Every quote in data/briefing.json has a "claim" of the six kinds; the
unambiguous Vietnamese markers of docs/claims.md decide it where they occur
(a quote that says "được cho là" is reported, never a fact); and the table of
docs/claims.md gives every quote the claim the data gives it, so the reasons a
reader finds there are the reasons for what the app shows.

Usage: check-claims.py SOURCE_ROOT
"""

import json
import os
import re
import sys

KINDS = {"fact", "official", "reported", "allegation", "assessment", "forecast"}

# (marker in the quote's own Vietnamese text, the claim it decides)
MARKERS = [
    ("được cho là", "reported"),
    ("cáo buộc", "allegation"),
    ("nhiều lần cho rằng", "allegation"),
    ("Theo một số nhà phân tích", "assessment"),
    ("chuyên gia cho rằng", "assessment"),
    ("có thể sẽ", "forecast"),
]


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "data", "briefing.json"), encoding="utf-8") as f:
        quotes = json.load(f)["quotes"]
    with open(os.path.join(root, "docs", "claims.md"), encoding="utf-8") as f:
        documented = {int(m.group(1)): m.group(2)
                      for m in re.finditer(r"^\| q(\d+) \| [^|]* \| (\w+) \|", f.read(), re.M)}

    problems = []
    for q in quotes:
        claim = q.get("claim")
        if claim not in KINDS:
            problems.append("quote %d: claim %r is not one of %s" % (q["id"], claim, ", ".join(sorted(KINDS))))
            continue
        for marker, kind in MARKERS:
            if marker.lower() in q["text"].lower() and claim != kind:
                problems.append("quote %d says “%s” but is marked %s, not %s" % (q["id"], marker, claim, kind))
        if documented.get(q["id"]) != claim:
            problems.append("quote %d: docs/claims.md says %s, the data %s" % (q["id"], documented.get(q["id"]), claim))
    for qid in sorted(set(documented) - {q["id"] for q in quotes}):
        problems.append("docs/claims.md lists q%d, which the data does not have" % qid)

    print("1..1")
    for p in problems:
        print("# " + p)
    print("%s 1 - %d quotes, each with its claim, as its wording and docs/claims.md say"
          % ("not ok" if problems else "ok", len(quotes)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
