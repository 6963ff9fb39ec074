#!/usr/bin/python3
"""Writes the corpus of hostile and broken briefing files, each made from
the bundled database (or from nothing), and a manifest of what Trilateral
must do with it.

    make-bad-corpus.py BUNDLED.sqlite OUTDIR

The manifest, OUTDIR/manifest.tsv, has one line a file:
    name <TAB> exit code of --list-events <TAB> text its stderr (code != 0)
    or its stdout (code 0) must contain

Files with exit code 0 open: their data is bad inside a valid file, and
every command and export must still work on them.
"""
import os
import shutil
import sqlite3
import sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
manifest = []


def path(name):
    return os.path.join(out, name)


def copy(name):
    p = path(name)
    shutil.copyfile(src, p)
    return p


def sql(name, *statements, checks=True, fks=False):
    p = copy(name)
    db = sqlite3.connect(p)
    db.execute("PRAGMA foreign_keys = %s" % ("ON" if fks else "OFF"))
    if not checks:
        db.execute("PRAGMA ignore_check_constraints = ON")
    for s in statements:
        db.executescript(s) if ";" in s.strip().rstrip(";") else db.execute(s)
    db.commit()
    db.close()
    return p


def expect(name, code, text):
    manifest.append((name, code, text))


def raw(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


bundle = open(src, "rb").read()

# --- files that are not briefings at all -----------------------------------
expect("missing.sqlite", 3, "does not exist")
raw("empty.sqlite", b"")
expect("empty.sqlite", 5, "is empty")
raw("notes.txt", "Ghi chú: không phải cơ sở dữ liệu\n".encode())
expect("notes.txt", 5, "is not a database")
raw("short-header.sqlite", bundle[:50])
expect("short-header.sqlite", 5, "is not a database")
raw("image.png", b"\x89PNG\r\n\x1a\n" + bytes(200))
expect("image.png", 5, "is not a database")
os.makedirs(path("folder.sqlite"), exist_ok=True)
expect("folder.sqlite", 4, "is a folder")
raw("one-page.sqlite", bundle[:4096])
expect("one-page.sqlite", 6, "damaged")
raw("half.sqlite", bundle[: len(bundle) // 2])
expect("half.sqlite", 6, "damaged")
scribbled = bytearray(bundle)
for off in range(2 * 4096, len(scribbled) - 4096, 4096):
    scribbled[off:off + 64] = b"\x5a" * 64
raw("scribbled.sqlite", bytes(scribbled))
expect("scribbled.sqlite", 6, "damaged")
bad_header = bytearray(bundle)
bad_header[16:18] = b"\x00\x03"          # page size 3: impossible
raw("bad-page-size.sqlite", bytes(bad_header))
expect("bad-page-size.sqlite", 5, "")

# --- databases that are not Trilateral's ------------------------------------
db = sqlite3.connect(path("music.sqlite"))
db.execute("CREATE TABLE songs (title TEXT)")
db.commit(); db.close()
expect("music.sqlite", 7, "another application")
db = sqlite3.connect(path("other-app.sqlite"))
db.execute("PRAGMA application_id = 1234"); db.execute("CREATE TABLE t (x)")
db.commit(); db.close()
expect("other-app.sqlite", 7, "another application")
sql("no-version.sqlite", "PRAGMA user_version = 0")
expect("no-version.sqlite", 7, "no format version")
sql("future.sqlite", "PRAGMA user_version = 99")
expect("future.sqlite", 8, "newer version")
sql("older.sqlite", "DROP TABLE briefing", "PRAGMA user_version = 1")
expect("older.sqlite", 9, "older version")
sql("no-quote-translations.sqlite", "DROP TABLE quote_translation")
expect("no-quote-translations.sqlite", 10, "missing tables or columns")
sql("no-confidence.sqlite",
    "CREATE TABLE e2 AS SELECT id, date, precision, earliest, latest, category FROM event; "
    "DROP TABLE event; ALTER TABLE e2 RENAME TO event;")
expect("no-confidence.sqlite", 10, "missing tables or columns")
sql("event-is-a-view.sqlite",
    "CREATE TABLE e2 AS SELECT * FROM event; DROP TABLE event; "
    "CREATE VIEW event AS SELECT * FROM e2;")
expect("event-is-a-view.sqlite", 10, "missing tables or columns")

# --- bad data inside a valid file: opens, works, shows something sensible --
sql("trigger.sqlite",
    "CREATE TABLE log (x); CREATE TRIGGER t AFTER INSERT ON quote BEGIN INSERT INTO log VALUES (1); END;")
expect("trigger.sqlite", 0, "Vostochny")
sql("empty-titles.sqlite", "UPDATE event_text SET title = ''")
expect("empty-titles.sqlite", 0, "#15")
sql("no-event-text.sqlite", "DELETE FROM event_text WHERE event = 15")
expect("no-event-text.sqlite", 0, "#15")
sql("invalid-utf8.sqlite",
    "UPDATE event_text SET title = CAST(X'4B696DFFFE20C3' AS TEXT) WHERE event = 15 AND lang = 'en'")
expect("invalid-utf8.sqlite", 0, "Kim")
sql("huge-quote.sqlite", "UPDATE quote SET text = printf('%.*c', 1000000, 'x') WHERE id = 1")
expect("huge-quote.sqlite", 0, "Vostochny")
sql("ten-thousand-quotes.sqlite",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) "
    "INSERT INTO quote (id, source, char_offset, text, relation, event) "
    "SELECT 100000 + i, 'podcast', 0, 'Lời trích số ' || i, 1, 15 FROM n;")
expect("ten-thousand-quotes.sqlite", 0, "Vostochny")
# earliest and latest are Julian Day Numbers (schema 4): 2460676 is
# 31 December 2024, 2459946 is 1 January 2023
sql("reversed-dates.sqlite",
    "UPDATE event SET earliest = 2460676, latest = 2459946 WHERE id = 15", checks=False)
expect("reversed-dates.sqlite", 0, "Vostochny")
# days far beyond -9999..9999, the largest 64-bit numbers, and text where
# the numbers go (as a schema 3 file had)
sql("absurd-dates.sqlite",
    "UPDATE event SET date = '99999-99', earliest = -99999999999, latest = 99999999999 WHERE id = 15; "
    "UPDATE event SET date = '-9223372036854775808', earliest = -9223372036854775808,"
    " latest = 9223372036854775807 WHERE id = 17; "
    "UPDATE event SET date = 'soon', earliest = '2023-01-01', latest = '' WHERE id = 16;", checks=False)
expect("absurd-dates.sqlite", 0, "Vostochny")
sql("dangling.sqlite",
    "INSERT INTO event_relation VALUES (15, 999, 'cooperation', 3); "
    "INSERT INTO quote (id, source, char_offset, text, relation, event) VALUES (9001, 'nowhere', 0, 'x', 999, 9999); "
    "INSERT INTO quote_translation VALUES (9002, 'en', 'orphan');")
expect("dangling.sqlite", 0, "Vostochny")
sql("duplicate-ids.sqlite",
    "CREATE TABLE e2 AS SELECT * FROM event; INSERT INTO e2 SELECT * FROM event WHERE id = 15; "
    "DROP TABLE event; ALTER TABLE e2 RENAME TO event;")
expect("duplicate-ids.sqlite", 0, "Vostochny")
sql("lonely-actors.sqlite",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
    "INSERT INTO actor SELECT 'X' || i, '#123456', 100 + i FROM n;")
expect("lonely-actors.sqlite", 0, "Vostochny")
sql("relation-without-events.sqlite",
    "DELETE FROM quote WHERE relation = (SELECT id FROM relation WHERE actor_a = 'CHN' AND actor_b = 'PRK'); "
    "DELETE FROM event_relation WHERE relation = (SELECT id FROM relation WHERE actor_a = 'CHN' AND actor_b = 'PRK');")
expect("relation-without-events.sqlite", 0, "Vostochny")
sql("markup.sqlite",
    "UPDATE event_text SET title = '<b>Summit</b> & <span foreground=\"red\">Kim</span> &amp; <' "
    "WHERE event = 15 AND lang = 'en'")
expect("markup.sqlite", 0, "<b>Summit</b> & <span")
sql("injection.sqlite",
    "UPDATE event_text SET title = 'x''); DROP TABLE event; --' WHERE event = 15 AND lang = 'en'")
expect("injection.sqlite", 0, "DROP TABLE event")
sql("bad-values.sqlite",
    "UPDATE actor SET color = '#zzz' WHERE code = 'RUS'; "
    "UPDATE event SET category = 'sports', confidence = 'maybe' WHERE id = 15; "
    "UPDATE event_relation SET stance = 'love', weight = 99 WHERE event = 15;", checks=False)
expect("bad-values.sqlite", 0, "Vostochny")
sql("no-events.sqlite", "DELETE FROM quote_translation", "DELETE FROM quote", "DELETE FROM event_relation",
    "DELETE FROM event_text", "DELETE FROM event")
expect("no-events.sqlite", 0, "")
sql("no-title.sqlite", "DELETE FROM briefing")
expect("no-title.sqlite", 0, "Vostochny")
sql("self-relation.sqlite", "INSERT INTO relation VALUES (500, 'RUS', 'RUS'); "
    "INSERT INTO event_relation VALUES (15, 500, 'tension', 2);", checks=False)
expect("self-relation.sqlite", 0, "Vostochny")
sql("types.sqlite", "UPDATE event_text SET title = 42 WHERE event = 15 AND lang = 'en'; "
    "UPDATE quote SET text = X'00FF00' WHERE id = 2;")
expect("types.sqlite", 0, "42")
# decks (schema 7) with values Trilateral never writes: the deck is
# refused when asked for, the rest of the briefing works
sql("bad-deck.sqlite",
    "DELETE FROM slide_text; DELETE FROM slide; DELETE FROM deck; "
    "INSERT INTO deck (id, name) VALUES (1, 'Briefing'), (2, CAST(X'4B696DFFFE' AS TEXT)); "
    "INSERT INTO slide (id, deck, position, kind, as_of, window_months, relation, actor, event, range_start, range_end, show_others) "
    "VALUES (1, 1, 0, 'chart', 'soon', -1, 999, 'XYZ', 99999, 1e300, -1e300, 7), "
    "(2, 2, 0, 'trend', NULL, 12, NULL, NULL, NULL, NULL, NULL, 0); "
    "INSERT INTO slide_text (slide, lang, title, notes) VALUES (1, 'en', printf('%.*c', 100000, 'x'), X'00FF'); "
    "INSERT INTO markings (id, marking) VALUES (1, printf('%.*c', 100000, 'M'));", checks=False)
expect("bad-deck.sqlite", 0, "Vostochny")
sql("many-slides.sqlite",
    "DELETE FROM slide_text; DELETE FROM slide; DELETE FROM deck; "
    "INSERT INTO deck (id, name) VALUES (1, 'Briefing'); "
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
    "INSERT INTO slide (id, deck, position, kind) SELECT i, 1, i, 'text' FROM n; "
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
    "INSERT INTO slide_text (slide, lang, title) SELECT i, 'en', 'Trang ' || i FROM n;")
expect("many-slides.sqlite", 0, "Vostochny")

# --- a valid briefing with companions or with someone else's tables -------
def with_companion(name, suffix, *statements, journal_mode):
    """Copies the file and its -wal or -journal while a writer holds them."""
    work = copy(name + ".work")
    db = sqlite3.connect(work, isolation_level=None)
    db.execute(f"PRAGMA journal_mode = {journal_mode}")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    db.execute("PRAGMA cache_size = 1")
    for s in statements:
        db.execute(s)
    shutil.copyfile(work, path(name))
    shutil.copyfile(work + suffix, path(name) + suffix)
    db.close()
    for leftover in (work, work + "-wal", work + "-shm", work + "-journal"):
        if os.path.exists(leftover):
            os.unlink(leftover)


# committed changes only in the -wal: shown as SQLite shows them
with_companion("with-wal.sqlite", "-wal",
               "UPDATE event_text SET title = 'Only in the WAL' WHERE event = 15 AND lang = 'en'",
               journal_mode="WAL")
expect("with-wal.sqlite", 0, "Only in the WAL")
# an interrupted write: its pages half in the file, the journal beside it
with_companion("hot-journal.sqlite", "-journal", "BEGIN",
               "UPDATE event_text SET title = 'Never committed'",
               "UPDATE quote_translation SET text = 'Never committed'",
               journal_mode="DELETE")
expect("hot-journal.sqlite", 0, "Vostochny")
sql("many-tables.sqlite", "".join(f"CREATE TABLE extra{i} (a, b);" for i in range(5000)))
expect("many-tables.sqlite", 0, "Vostochny")
sql("wide-table.sqlite", "CREATE TABLE wide (" + ", ".join(f"c{i}" for i in range(200)) + ")")
expect("wide-table.sqlite", 0, "Vostochny")

with open(path("manifest.tsv"), "w", encoding="utf-8") as f:
    for name, code, text in manifest:
        f.write(f"{name}\t{code}\t{text}\n")
print(f"{len(manifest)} files in {out}")
