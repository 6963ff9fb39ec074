/* tri-schema.c: the briefing file format and its migrations
 *
 * Each schema version is the previous one plus one step in `steps`, so a new
 * file and a migrated old file end up with the same tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tri-date.h"
#include "tri-new-file.h"
#include "tri-schema.h"
#include "tri-store.h"

/* Version 1: actors, relations, sources, events, quotes. */
static const char step_1[] =
  "CREATE TABLE actor ("
  "  code TEXT PRIMARY KEY NOT NULL CHECK (length (code) BETWEEN 2 AND 8),"
  "  color TEXT NOT NULL,"
  "  rank INTEGER NOT NULL"
  ");"
  "CREATE TABLE actor_name ("
  "  actor TEXT NOT NULL REFERENCES actor (code),"
  "  lang TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  PRIMARY KEY (actor, lang)"
  ") WITHOUT ROWID;"
  "CREATE TABLE relation ("
  "  id INTEGER PRIMARY KEY,"
  "  actor_a TEXT NOT NULL REFERENCES actor (code),"
  "  actor_b TEXT NOT NULL REFERENCES actor (code),"
  "  UNIQUE (actor_a, actor_b),"
  "  CHECK (actor_a <> actor_b)"
  ");"
  "CREATE TABLE source ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  outlet TEXT,"
  "  authors TEXT NOT NULL DEFAULT '',"
  "  language TEXT NOT NULL,"
  "  date TEXT NOT NULL,"
  "  file TEXT"
  ");"
  "CREATE TABLE source_text ("
  "  source TEXT NOT NULL REFERENCES source (id),"
  "  lang TEXT NOT NULL,"
  "  description TEXT NOT NULL,"
  "  PRIMARY KEY (source, lang)"
  ") WITHOUT ROWID;"
  "CREATE TABLE event ("
  "  id INTEGER PRIMARY KEY,"
  "  date TEXT NOT NULL,"
  "  precision TEXT NOT NULL CHECK (precision IN ('day', 'month', 'part', 'year', 'span')),"
  "  earliest TEXT NOT NULL,"
  "  latest TEXT NOT NULL,"
  "  category TEXT NOT NULL CHECK (category IN ('diplomacy', 'economy', 'military',"
  "                                             'multilateral', 'humanitarian', 'leaders')),"
  "  confidence TEXT NOT NULL CHECK (confidence IN ('confirmed', 'reported', 'alleged')),"
  "  CHECK (earliest <= latest)"
  ");"
  "CREATE INDEX event_by_earliest ON event (earliest, latest);"
  "CREATE INDEX event_by_latest ON event (latest);"
  "CREATE TABLE event_text ("
  "  event INTEGER NOT NULL REFERENCES event (id),"
  "  lang TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  summary TEXT,"
  "  claimed_by TEXT,"
  "  PRIMARY KEY (event, lang)"
  ") WITHOUT ROWID;"
  "CREATE TABLE event_relation ("
  "  event INTEGER NOT NULL REFERENCES event (id),"
  "  relation INTEGER NOT NULL REFERENCES relation (id),"
  "  stance TEXT NOT NULL CHECK (stance IN ('cooperation', 'tension', 'neutral')),"
  "  weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 3),"
  "  PRIMARY KEY (event, relation)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_relation_by_relation ON event_relation (relation, event);"
  "CREATE TABLE quote ("
  "  id INTEGER PRIMARY KEY,"
  "  source TEXT NOT NULL REFERENCES source (id),"
  "  char_offset INTEGER NOT NULL CHECK (char_offset >= 0),"
  "  text TEXT NOT NULL,"
  "  relation INTEGER NOT NULL REFERENCES relation (id),"
  "  event INTEGER REFERENCES event (id)"
  ");"
  "CREATE INDEX quote_by_relation ON quote (relation);"
  "CREATE INDEX quote_by_event ON quote (event);"
  "CREATE TABLE quote_translation ("
  "  quote INTEGER NOT NULL REFERENCES quote (id),"
  "  lang TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  PRIMARY KEY (quote, lang)"
  ") WITHOUT ROWID;";

/* Version 2: the briefing's own title, per language. */
static const char step_2[] =
  "CREATE TABLE briefing ("
  "  lang TEXT PRIMARY KEY NOT NULL,"
  "  title TEXT NOT NULL"
  ") WITHOUT ROWID;";

/* Version 3: notes, for what an imported file holds that has no column of
 * its own (a time of day, a group, an era, a caption): nothing is dropped. */
static const char step_3[] =
  "CREATE TABLE note ("
  "  event INTEGER REFERENCES event (id),"   /* NULL: a note on the whole briefing */
  "  text TEXT NOT NULL"
  ");"
  "CREATE INDEX note_by_event ON note (event);";

/* Version 4:
 * - quote.claim: what kind of claim the quote makes in its own words
 *   (NULL: not stated);
 * - event.date_label: an imported file's own wording of the date (such as
 *   TimelineJS's display_date), NULL for Trilateral's own;
 * - event.earliest and event.latest become INTEGER Julian Day Numbers of
 *   the proleptic Gregorian calendar (2460311 is 1 January 2024; SQLite's
 *   date(earliest - 0.5) writes it out), which order every year from
 *   -9999 to 9999 and take less room than ISO text. The table is rebuilt;
 *   event.date keeps the honest date text. */
static const char step_4[] =
  "ALTER TABLE quote ADD COLUMN claim TEXT"
  "  CHECK (claim IN ('fact', 'official', 'reported', 'allegation', 'assessment', 'forecast'));"
  "CREATE TABLE event_4 ("
  "  id INTEGER PRIMARY KEY,"
  "  date TEXT NOT NULL,"
  "  date_label TEXT,"
  "  precision TEXT NOT NULL CHECK (precision IN ('day', 'month', 'part', 'year', 'span')),"
  "  earliest INTEGER NOT NULL CHECK (typeof (earliest) = 'integer' AND earliest BETWEEN -1930999 AND 5373484),"
  "  latest INTEGER NOT NULL CHECK (typeof (latest) = 'integer' AND latest BETWEEN -1930999 AND 5373484),"
  "  category TEXT NOT NULL CHECK (category IN ('diplomacy', 'economy', 'military',"
  "                                             'multilateral', 'humanitarian', 'leaders')),"
  "  confidence TEXT NOT NULL CHECK (confidence IN ('confirmed', 'reported', 'alleged')),"
  "  CHECK (earliest <= latest)"
  ");"
  "INSERT INTO event_4 (id, date, precision, earliest, latest, category, confidence)"
  "  SELECT id, date, precision, tri_day_jdn (date, earliest, 0), tri_day_jdn (date, latest, 1),"
  "         category, confidence"
  "  FROM event;"
  "DROP TABLE event;"
  "ALTER TABLE event_4 RENAME TO event;"
  "CREATE INDEX event_by_earliest ON event (earliest, latest);"
  "CREATE INDEX event_by_latest ON event (latest);";

/* Version 5, for briefings edited in Trilateral (issue 13):
 * - editable: one row when Trilateral created the file to be edited
 *   (New Briefing, Save a Copy to Edit); every other file has none and
 *   stays read-only;
 * - source_document: a source's full text, which quotes are cut from by
 *   character offset, so that a quote can never differ from its source;
 * - source.reliability (Admiralty A–F) and quote.credibility (1–6): NULL
 *   is ungraded, never guessed;
 * - source.url: where the source is, beside source.file;
 * - note gets a primary key of its own (its old rowid), so that an edit
 *   that removes an event's notes can be undone like any other. */
static const char step_5[] =
  "CREATE TABLE editable ("
  "  created_by TEXT NOT NULL,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE source_document ("
  "  source TEXT PRIMARY KEY NOT NULL REFERENCES source (id),"
  "  text TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "ALTER TABLE source ADD COLUMN reliability TEXT"
  "  CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F'));"
  "ALTER TABLE source ADD COLUMN url TEXT;"
  "ALTER TABLE quote ADD COLUMN credibility INTEGER"
  "  CHECK (credibility BETWEEN 1 AND 6);"
  "CREATE TABLE note_5 ("
  "  id INTEGER PRIMARY KEY,"
  "  event INTEGER REFERENCES event (id),"
  "  text TEXT NOT NULL"
  ");"
  "INSERT INTO note_5 (id, event, text) SELECT rowid, event, text FROM note;"
  "DROP TABLE note;"
  "ALTER TABLE note_5 RENAME TO note;"
  "CREATE INDEX note_by_event ON note (event);";

/* Version 6: the fingerprint of a source's document of record, for a
 * briefing that quotes a document without copying it whole (the bundled
 * one: its seeds are quoted, never shipped):
 * - source_document.text may be NULL; its sha256 (lowercase hex of the
 *   document's UTF-8 bytes) and chars (its length in characters) say which
 *   document it is. A stored text gets its own fingerprint;
 * - quote.checked_sha256: the fingerprint of the document its writer
 *   checked the quote against, character for character at its offset
 *   (tri-compile with the source documents, or the document's add_quote
 *   when it cuts the quote from the stored text); NULL: never checked.
 *   A schema 5 file's quotes are NULL: what it stored is checked when it
 *   is read, as before.
 * The table is rebuilt (a column cannot lose NOT NULL in place). */
static const char step_6[] =
  "CREATE TABLE source_document_6 ("
  "  source TEXT PRIMARY KEY NOT NULL REFERENCES source (id),"
  "  text TEXT,"
  "  sha256 TEXT NOT NULL CHECK (length (sha256) = 64 AND NOT sha256 GLOB '*[^0-9a-f]*'),"
  "  chars INTEGER NOT NULL CHECK (typeof (chars) = 'integer' AND chars >= 0)"
  ") WITHOUT ROWID;"
  "INSERT INTO source_document_6 (source, text, sha256, chars)"
  "  SELECT source, text, tri_sha256 (text), length (text) FROM source_document;"
  "DROP TABLE source_document;"
  "ALTER TABLE source_document_6 RENAME TO source_document;"
  "ALTER TABLE quote ADD COLUMN checked_sha256 TEXT"
  "  CHECK (length (checked_sha256) = 64 AND NOT checked_sha256 GLOB '*[^0-9a-f]*');";

/* Version 7, decks (issue 14):
 * - deck: a named, ordered list of slides (names unique);
 * - slide: one slide of a deck at its position (0, 1, … in order; the
 *   commands keep them so, the reader orders by position then id), its
 *   kind and the view it restores. Days are Julian Day Numbers as in
 *   event (NULL: the briefing's default as of); the timeline's range is
 *   fractional Julian days (both NULL: the window's default); the
 *   selected side a relation of the file, the country an actor, the event
 *   an event (NULL: none); lang the slide's own data language (NULL:
 *   follow the deck); a compare slide's earlier day; a trend slide's span,
 *   step and style;
 * - slide_text: its title, key judgement, presenter notes and body, per
 *   language (as event_text);
 * - markings: the one row of the briefing's markings (classification
 *   line, author, date prepared, version), drawn on every slide. */
#define DAY_CHECK(col) \
  "CHECK (" col " IS NULL OR (typeof (" col ") = 'integer' AND " col " BETWEEN -1930999 AND 5373484))"
#define RANGE_CHECK(col) \
  "CHECK (" col " IS NULL OR (typeof (" col ") IN ('integer', 'real') AND " col " BETWEEN -1930999 AND 5373485))"
static const char step_7[] =
  "CREATE TABLE deck ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length (name) BETWEEN 1 AND 200)"
  ");"
  "CREATE TABLE slide ("
  "  id INTEGER PRIMARY KEY,"
  "  deck INTEGER NOT NULL REFERENCES deck (id),"
  "  position INTEGER NOT NULL CHECK (typeof (position) = 'integer' AND position >= 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('view', 'text', 'compare', 'trend')),"
  "  as_of INTEGER " DAY_CHECK ("as_of") ","
  "  window_months INTEGER NOT NULL DEFAULT 12"
  "    CHECK (typeof (window_months) = 'integer' AND window_months BETWEEN 0 AND 1200),"
  "  relation INTEGER REFERENCES relation (id),"
  "  actor TEXT REFERENCES actor (code),"
  "  event INTEGER REFERENCES event (id),"
  "  range_start REAL " RANGE_CHECK ("range_start") ","
  "  range_end REAL " RANGE_CHECK ("range_end") ","
  "  show_others INTEGER NOT NULL DEFAULT 0 CHECK (show_others IN (0, 1)),"
  "  lang TEXT CHECK (length (lang) BETWEEN 2 AND 16),"
  "  compare_from INTEGER " DAY_CHECK ("compare_from") ","
  "  trend_from INTEGER " DAY_CHECK ("trend_from") ","
  "  trend_to INTEGER " DAY_CHECK ("trend_to") ","
  "  trend_step TEXT CHECK (trend_step IN ('quarter', 'year')),"
  "  trend_style TEXT CHECK (trend_style IN ('multiples', 'strip')),"
  "  CHECK ((range_start IS NULL) = (range_end IS NULL) AND"
  "         (range_start IS NULL OR range_start < range_end)),"
  "  CHECK (kind <> 'compare' OR (compare_from IS NOT NULL AND (as_of IS NULL OR compare_from < as_of))),"
  "  CHECK (kind <> 'trend' OR (trend_from IS NOT NULL AND trend_to IS NOT NULL AND trend_from <= trend_to"
  "                             AND trend_step IS NOT NULL AND trend_style IS NOT NULL))"
  ");"
  "CREATE INDEX slide_by_deck ON slide (deck, position);"
  "CREATE INDEX slide_by_event ON slide (event);"
  "CREATE TABLE slide_text ("
  "  slide INTEGER NOT NULL REFERENCES slide (id),"
  "  lang TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  judgement TEXT,"
  "  notes TEXT,"
  "  body TEXT,"
  "  PRIMARY KEY (slide, lang)"
  ") WITHOUT ROWID;"
  "CREATE TABLE markings ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  marking TEXT,"
  "  author TEXT,"
  "  prepared TEXT,"
  "  version TEXT"
  ");";

/* Version 8, filters (issue 15): a slide keeps the filter of the view it
 * saved, as tri_filter_to_string () writes it (NULL: everything); the
 * reader checks it as it checks every other column (tri_filter_parse ()),
 * and refuses a slide whose filter is not one. */
static const char step_8[] =
  "ALTER TABLE slide ADD COLUMN filter TEXT CHECK (length (filter) BETWEEN 1 AND 4000);";

static const char * const steps[TRI_SCHEMA_VERSION] = { step_1, step_2, step_3, step_4, step_5, step_6, step_7, step_8 };

gboolean
tri_sql_exec (sqlite3    *db,
              const char *sql,
              GError    **error)
{
  char *msg = NULL;

  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

  if ((rc & 0xff) == SQLITE_FULL)
    {
      /* the caller names the file */
      sqlite3_free (msg);
      g_set_error_literal (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL, _("The disk is full."));
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_FAILED,
                   _("The database could not be written: %s"),
                   msg ? msg : sqlite3_errmsg (db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/* tri_day_jdn (date, iso, end), for step 4: the Julian Day Number of the
 * first (end = 0) or last (end = 1) possible day of an honest date, or
 * else of schema 3's ISO day; NULL when neither is a date. Our own
 * calendar, not SQLite's julianday(), so that the file agrees with what
 * the store parses, whatever an old file holds. */
static void
sql_day_jdn (sqlite3_context  *ctx,
             int               argc,
             sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  const char *iso = (const char *) sqlite3_value_text (argv[1]);
  TriDate date;
  guint32 day;

  if (text != NULL && tri_date_parse (text, &date, NULL))
    day = sqlite3_value_int (argv[2]) ? date.latest : date.earliest;
  else if (iso == NULL || !tri_day_from_iso (iso, &day))
    {
      sqlite3_result_null (ctx);
      return;
    }
  sqlite3_result_int64 (ctx, tri_day_to_jdn (day));
}

/* tri_sha256 (text), for step 6: the fingerprint of a stored text, as
 * tri_validate_fingerprint() makes it. */
static void
sql_sha256 (sqlite3_context  *ctx,
            int               argc,
            sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  g_autofree char *sha256 = NULL;

  if (text == NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text,
                                        (gsize) sqlite3_value_bytes (argv[0]));
  sqlite3_result_text (ctx, sha256, -1, SQLITE_TRANSIENT);
}

static gboolean
add_functions (sqlite3  *db,
               GError  **error)
{
  if (sqlite3_create_function (db, "tri_day_jdn", 3,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                               NULL, sql_day_jdn, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (db, "tri_sha256", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                               NULL, sql_sha256, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_FAILED,
                   _("The database could not be written: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_steps (sqlite3  *db,
           int       from,
           int       to,
           GError  **error)
{
  g_autofree char *pragmas = NULL;

  if (!add_functions (db, error))
    return FALSE;

  if (!tri_sql_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (int v = from; v < to; v++)
    if (!tri_sql_exec (db, steps[v], error))
      {
        tri_sql_exec (db, "ROLLBACK", NULL);
        return FALSE;
      }

  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                             TRI_APPLICATION_ID, to);
  if (!tri_sql_exec (db, pragmas, error) || !tri_sql_exec (db, "COMMIT", error))
    {
      tri_sql_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * tri_schema_create:
 * @version: the schema version to create, usually %TRI_SCHEMA_VERSION (older
 *   ones exist so that migrations can be tested)
 *
 * Creates the tables of a new, empty briefing in @db.
 */
gboolean
tri_schema_create (sqlite3  *db,
                   int       version,
                   GError  **error)
{
  g_return_val_if_fail (version >= 1 && version <= TRI_SCHEMA_VERSION, FALSE);

  return tri_sql_exec (db, "PRAGMA foreign_keys = ON", error) &&
         run_steps (db, 0, version, error);
}

/* Before step 4: every event of an old file must have a day Trilateral can
 * place, or the migration stops with a sentence naming the event. */
static gboolean
check_dates_3 (sqlite3  *db,
               GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (!add_functions (db, error))
    return FALSE;
  if (sqlite3_prepare_v2 (db,
                          "SELECT id, date FROM event"
                          " WHERE tri_day_jdn (date, earliest, 0) IS NULL"
                          "    OR tri_day_jdn (date, latest, 1) IS NULL LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_FAILED,
                   _("The database could not be read: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      g_autofree char *date = g_utf8_make_valid (text ? text : "", MIN (sqlite3_column_bytes (stmt, 1), 80));

      /* Translators: the first %s is an event's number, the second its date as written */
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_FAILED,
                   _("Event %s has no date Trilateral can place (“%s”), so the briefing cannot be migrated."),
                   id, date);
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/**
 * tri_schema_migrate:
 *
 * Brings a Trilateral briefing of an older version in @db to the current
 * one. Callers only ever do this on a copy (see tri_store_migrate_copy()).
 */
gboolean
tri_schema_migrate (sqlite3  *db,
                    GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version < 1 || version > TRI_SCHEMA_VERSION)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_FAILED,
                   _("The database has schema version %d, which cannot be migrated"), version);
      return FALSE;
    }

  if (version == TRI_SCHEMA_VERSION)
    return TRUE;

  if (version < 4 && !check_dates_3 (db, error))
    return FALSE;

  /* a step may rebuild a table that others refer to (outside the
   * transaction, where this pragma has an effect) */
  return tri_sql_exec (db, "PRAGMA foreign_keys = OFF", error) &&
         run_steps (db, version, TRI_SCHEMA_VERSION, error);
}

/* What an edit reads and writes: every column, and a primary key, since the
 * history records and undoes changes by key (an SQLite session ignores a
 * table without one). */
static const struct
{
  const char *table;
  const char *columns;
} editable_tables[] = {
  { "briefing", "lang, title" },
  { "actor", "code, color, rank" },
  { "actor_name", "actor, lang, name" },
  { "relation", "id, actor_a, actor_b" },
  { "source", "id, kind, title, outlet, authors, language, date, file, reliability, url" },
  { "source_text", "source, lang, description" },
  { "source_document", "source, text, sha256, chars" },
  { "event", "id, date, date_label, precision, earliest, latest, category, confidence" },
  { "event_text", "event, lang, title, summary, claimed_by" },
  { "event_relation", "event, relation, stance, weight" },
  { "quote", "id, source, char_offset, text, relation, event, claim, credibility, checked_sha256" },
  { "quote_translation", "quote, lang, text" },
  { "note", "id, event, text" },
  { "deck", "id, name" },
  { "slide", "id, deck, position, kind, as_of, window_months, relation, actor, event, range_start,"
             " range_end, show_others, lang, compare_from, trend_from, trend_to, trend_step, trend_style, filter" },
  { "slide_text", "slide, lang, title, judgement, notes, body" },
  { "markings", "id, marking, author, prepared, version" },
};

/**
 * tri_schema_check_editable:
 * @path: the file's name, for the sentence
 *
 * Whether the briefing in @db (of the current version) has every table and
 * column an edit needs, each table with its primary key: a file changed
 * outside Trilateral may have lost them, and is then not made editable.
 */
gboolean
tri_schema_check_editable (sqlite3     *db,
                           const char  *path,
                           GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (editable_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM \"%s\" LIMIT 0",
                                              editable_tables[i].columns, editable_tables[i].table);
      sqlite3_stmt *stmt = NULL;
      int keys = 0;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_INCOMPLETE,
                       _("“%s” is a Trilateral briefing with missing tables or columns (%s)."),
                       path, sqlite3_errmsg (db));
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);

      if (sqlite3_prepare_v2 (db, "SELECT count (*) FROM pragma_table_info (?) WHERE pk > 0",
                              -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, editable_tables[i].table, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            keys = sqlite3_column_int (stmt, 0);
        }
      sqlite3_finalize (stmt);
      if (keys == 0)
        {
          /* Translators: the second %s is a table's name, such as “event” */
          g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_INCOMPLETE,
                       _("“%s” cannot be edited: its table “%s” has lost its key (it was changed outside Trilateral)."),
                       path, editable_tables[i].table);
          return FALSE;
        }
    }
  return TRUE;
}
