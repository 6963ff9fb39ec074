#!/usr/bin/env python3
"""Writes GDELT event rows in GDELT's own layout, for tests and benchmarks.

usage: make-gdelt.py N OUT.tsv [--version 1|2] [--seed S]

GDELT 1.0 daily export: 58 tab-separated columns (the 57 of the backfile
and SOURCEURL); GDELT 2.0: 61 (each geography block has an ADM2Code).
The rows mix the triangle's pairs (RUS, CHN, PRK) with other countries,
as the news flow does. Written a row at a time: any N, bounded memory.
"""
import random
import sys

COUNTRIES = ["RUS", "CHN", "PRK", "USA", "KOR", "JPN", "UKR", ""]
NAMES = {"RUS": "RUSSIA", "CHN": "CHINA", "PRK": "NORTH KOREA", "USA": "UNITED STATES",
         "KOR": "SOUTH KOREA", "JPN": "JAPAN", "UKR": "UKRAINE", "": ""}
# CAMEO root code -> QuadClass and a Goldstein value typical of it
ROOTS = {1: (1, 0.0), 2: (1, 3.0), 3: (1, 4.0), 4: (1, 1.0), 5: (1, 3.5), 6: (2, 6.0), 7: (2, 7.0),
         8: (2, 5.0), 9: (3, -2.0), 10: (3, -5.0), 11: (3, -2.0), 12: (3, -4.0), 13: (3, -6.0),
         14: (4, -6.5), 15: (4, -7.2), 16: (4, -4.0), 17: (4, -7.0), 18: (4, -9.0), 19: (4, -10.0),
         20: (4, -10.0)}


def actor(rng, code):
    # Code, Name, CountryCode, KnownGroup, Ethnic, Religion1, Religion2, Type1, Type2, Type3
    return [code + ("GOV" if code else ""), NAMES[code], code, "", "", "", "", "GOV" if code else "", "", ""]


def geo(rng, version, code):
    g = ["4", "Moscow, Moskva, Russia", code[:2], code[:2] + "48"]
    if version == 2:
        g.append("")
    return g + ["%.4f" % rng.uniform(-90, 90), "%.4f" % rng.uniform(-180, 180), str(rng.randint(1, 10**7))]


def row(rng, version, n):
    if rng.random() < 0.5:   # half of them on the triangle
        a, b = rng.sample(COUNTRIES[:3], 2)
    else:
        a = rng.choice(COUNTRIES)
        b = rng.choice(COUNTRIES)
    year = rng.randint(2015, 2024)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    root = rng.randint(1, 20)
    quad, goldstein = ROOTS[root]
    code = "%02d%d" % (root, rng.randint(0, 9))
    sqldate = "%04d%02d%02d" % (year, month, day)
    f = [str(400000000 + n), sqldate, sqldate[:6], str(year), "%.4f" % (year + month / 12.0)]
    f += actor(rng, a) + actor(rng, b)
    f += ["1", code, code[:3], "%02d" % root, str(quad), "%.1f" % goldstein,
          str(rng.randint(1, 50)), str(rng.randint(1, 10)), str(rng.randint(1, 50)), "%.4f" % rng.uniform(-10, 10)]
    f += geo(rng, version, a or "XX") + geo(rng, version, b or "XX") + geo(rng, version, a or "XX")
    f.append(sqldate + ("000000" if version == 2 else ""))
    f.append("https://news.example.org/%d/%s/story-%d.html" % (year, a.lower() or "world", n % 5000))
    expected = 58 if version == 1 else 61
    assert len(f) == expected, len(f)
    return "\t".join(f)


def main():
    args = sys.argv[1:]
    version = 2
    seed = 16
    if "--version" in args:
        i = args.index("--version")
        version = int(args[i + 1])
        del args[i:i + 2]
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    n, out = int(args[0]), args[1]
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for k in range(n):
            f.write(row(rng, version, k) + "\n")


if __name__ == "__main__":
    main()
