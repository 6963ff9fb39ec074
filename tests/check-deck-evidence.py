#!/usr/bin/python3
"""The evidence table of a deck (--export-data FILE --format evidence
--deck), against the deck's PDF (--export-deck), each through a real
reader: the deck PDF's pages by pdftotext, the table's HTML as Debian's
Chromium prints it (--print-to-pdf) by pdftotext, and its CSV by Python's
csv module (strict). For the bundled deck at the default size (a quote a
side slide) and at a tall one (three), in English and Chinese: every quote
mark a page prints ("[2]") is the table's, under that slide's heading and
in that order; each quote's words and source are the page's; every quote,
translation, claim, grade and full citation is on the printed table, in
order. Skips, saying why, without Chromium or poppler. Prints TAP."""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

exe = os.environ["TRI_EXE"]
db = os.environ["TRI_BRIEFING_DB"]
env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
env["LANGUAGE"] = "en"
CHROMIUM = "/usr/bin/chromium"

# the table's slide headings, "Slide %u: %s", as English or as the Chinese catalogue has it
HEADING = re.compile(r"^(?:Slide (\d+): |第 ?(\d+) ?张幻灯片[:：] ?)", re.M)
# a quote's citation on a slide starts with its mark: "[2] Source title · published …"
MARK = re.compile(r"^\[(\d+)\] (.*)$", re.M)
# the same marks in the printed table's number column
TABLE_MARK = re.compile(r"^\[(\d+)\]", re.M)

missing = [what for what, ok in (
    (f"{CHROMIUM} (Debian's chromium)", os.access(CHROMIUM, os.X_OK)),
    ("pdftotext (poppler-utils)", shutil.which("pdftotext") is not None),
    ("pdfinfo (poppler-utils)", shutil.which("pdfinfo") is not None),
) if not ok]
if missing:
    print(f"1..0 # SKIP not installed: {', '.join(missing)}")
    sys.exit(0)

tmp = tempfile.mkdtemp(prefix="tri-deck-evidence-")
results = []


def run(*args):
    r = subprocess.run([exe, "--db", db, *args], env=env, capture_output=True, timeout=300)
    if r.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {r.returncode}: {r.stderr.decode()[:300]}")
    return r.stdout.decode()


def check(cond, message):
    if not cond:
        raise AssertionError(message)


def text_of(pdf, page=None):
    pages = ["-f", str(page), "-l", str(page)] if page else []
    r = subprocess.run(["pdftotext", "-raw", *pages, pdf, "-"], capture_output=True, timeout=120, check=True)
    # a page break is a form feed before the next page's first line
    return r.stdout.decode("utf-8").replace("\f", "\n")


def n_pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, timeout=60, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def squeeze(text):
    """The words without the spaces and line breaks a reader puts between
    them (a line wrapped in a cell, Chinese broken between characters)"""
    return re.sub(r"\s+", "", text or "")


def print_html(html, pdf):
    profile = os.path.join(tmp, "chromium-profile")
    r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", "file://" + html],
                       env=env, capture_output=True, timeout=180)
    check(r.returncode == 0 and os.path.getsize(pdf) > 0, f"chromium: {r.stderr.decode()[-300:]}")


def read_csv(p):
    with open(p, encoding="utf-8", newline="") as f:
        raw = f.read()
    check(raw.startswith("\ufeff"), "the CSV has no UTF-8 BOM")
    rows = list(csv.reader(raw[1:].splitlines(keepends=True), strict=True))
    check(len({len(r) for r in rows}) == 1, "CSV rows of different lengths")
    head = rows[0]
    check(head[:3] == ["slide", "slide_title", "number"], f"CSV header {head[:4]}")
    return [dict(zip(head, r)) for r in rows[1:]]


def deck_marks(pdf):
    """{slide: [(number, the source as its citation names it)]}, page by page"""
    marks = {}
    for page in range(1, n_pages(pdf) + 1):
        found = [(int(m.group(1)), re.split(r"\s·(?:\s|$)", m.group(2))[0]) for m in MARK.finditer(text_of(pdf, page))]
        if found:
            marks[page] = found
    return marks


def case(lang, size):
    tag = f"{lang}-{size or 'default'}"
    sizing = ["--size", size] if size else []
    deck_pdf = os.path.join(tmp, f"deck-{tag}.pdf")
    html = os.path.join(tmp, f"evidence-{tag}.html")
    table_csv = os.path.join(tmp, f"evidence-{tag}.csv")
    printed = os.path.join(tmp, f"evidence-{tag}.pdf")

    run("--export-deck", deck_pdf, "--lang", lang, *sizing)
    # "--deck" with no name: the briefing's one deck, as --export-deck takes it
    run("--export-data", html, "--format", "evidence", "--deck", "--lang", lang, *sizing)
    run("--export-data", table_csv, "--deck", "--lang", lang, *sizing)
    slides = n_pages(deck_pdf)
    rows = read_csv(table_csv)
    check(rows, "the CSV holds no quote")
    marks = deck_marks(deck_pdf)

    # the CSV's numbers are the pages' marks, slide by slide
    by_slide = {}
    for r in rows:
        by_slide.setdefault(int(r["slide"]), []).append(r)
    got = {s: [int(r["number"]) for r in rs] for s, rs in by_slide.items()}
    want = {s: [n for n, _ in ms] for s, ms in marks.items()}
    check(got == want, f"{tag}: the table numbers {got}, the deck's pages {want}")
    for s, ms in want.items():
        check(ms == list(range(1, len(ms) + 1)), f"{tag}: page {s} marks {ms}, not 1, 2, …")

    # each row is the quote its page shows: its source and its words
    for s, rs in by_slide.items():
        page = squeeze(text_of(deck_pdf, s))
        for r, (n, source) in zip(rs, marks[s]):
            named = source.rstrip("…").rstrip(".").strip()
            check(named and named in r["citation"], f"{tag}: slide {s} [{n}] cites {source!r}, the table {r['citation']!r}")
            words = [squeeze(r["translation"])[:12], squeeze(r["quote"])[:12]]
            check(any(w and w in page for w in words), f"{tag}: slide {s} [{n}]: {words} not on the page")
            check(r["lang"] == lang and r["claim"] and r["grade"], f"{tag}: slide {s} [{n}]: {r}")

    # the printed table: every slide's heading in order, its quotes' marks
    # under it, and every field of every row, in order
    print_html(html, printed)
    text = text_of(printed)
    heads = list(HEADING.finditer(text))
    numbers = [int(h.group(1) or h.group(2)) for h in heads]
    check(numbers == list(range(1, slides + 1)), f"{tag}: printed headings {numbers}, the deck has {slides} slides")
    for k, h in enumerate(heads):
        section = text[h.end():heads[k + 1].start() if k + 1 < len(heads) else len(text)]
        printed_marks = [int(m) for m in TABLE_MARK.findall(section)]
        check(printed_marks == want.get(numbers[k], []),
              f"{tag}: slide {numbers[k]} printed {printed_marks}, its page {want.get(numbers[k], [])}")
        flat, at = squeeze(section), 0
        for r in by_slide.get(numbers[k], []):
            for field in ("quote", "translation", "claim", "grade", "citation"):
                value = squeeze(r[field])
                where = flat.find(value, at)
                check(value and where >= 0, f"{tag}: slide {numbers[k]} [{r['number']}]: its {field} "
                                            f"{r[field][:60]!r} is not printed (in order)")
                at = where + len(value)
    total = sum(len(v) for v in want.values())
    most = max(len(v) for v in want.values())
    return total, most, n_pages(printed)


def test(name, fn, *args):
    try:
        results.append((True, name, fn(*args)))
    except Exception as e:  # noqa: BLE001 - every failure is a failed test
        results.append((False, name, f"{type(e).__name__}: {e}"))


def numbered(lang, size, at_least):
    total, most, pages = case(lang, size)
    check(most >= at_least, f"at most {most} quotes on a slide: the numbering is not exercised")
    return f"{total} quotes, up to {most} on a slide; the table printed on {pages} pages"


def refusals():
    """--deck by its name is the bare --deck's table; what does not go with
    it is a usage error (exit 2) in one sentence, and writes nothing"""
    bare, named = os.path.join(tmp, "bare.csv"), os.path.join(tmp, "named.csv")
    run("--export-data", bare, "--deck")
    run("--export-data", named, "--format", "evidence", "--deck", "Briefing")
    check(open(bare, "rb").read() == open(named, "rb").read(), "--deck Briefing and --deck differ")
    out = os.path.join(tmp, "refused.html")
    cases = [
        (["--deck", "Nope"], "no deck named “Nope”. Its deck: “Briefing”."),
        (["--deck", "--as-of", "2024"], "each slide keeps its own view"),
        (["--deck", "--relation", "RUS-PRK"], "each slide keeps its own view"),
        (["--format", "csv", "--deck"], "--format evidence"),
        (["--size", "1200x1700"], "--size goes with --export-data only for a deck"),
        (["--deck", "--size", "12"], "is not a size"),
    ]
    for args, words in cases:
        r = subprocess.run([exe, "--db", db, "--export-data", out, *args], env=env, capture_output=True, timeout=60)
        err = r.stderr.decode()
        check(r.returncode == 2 and words in err and err.count("\n") == 1, f"{args}: exit {r.returncode}: {err!r}")
        check(not os.path.exists(out), f"{args}: a file was written")
    return f"{len(cases)} refusals"


try:
    test("--deck NAME is --deck's table; what does not go with --deck is refused", refusals)
    for lang in ("en", "zh_CN"):
        test(f"the deck's evidence table numbers its quotes as the deck PDF's pages ({lang}, 1920x1080)",
             numbered, lang, None, 1)
        test(f"the same at 1200x1700, several quotes a slide ({lang})", numbered, lang, "1200x1700", 2)

    print(f"1..{len(results)}")
    failed = 0
    for i, (ok, name, said) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if said:
            print(f"# {said}")
        failed += not ok
finally:
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(1 if failed else 0)
