/* tri-import-gdelt.c: GDELT event files into a briefing, streamed
 *
 * GDELT 1.0's event export (57 tab-separated columns in the backfile to
 * March 2013, 58 with SOURCEURL in the daily files since) and GDELT 2.0's
 * (61: each of the three geography blocks has an ADM2Code more). No
 * header row (one starting "GLOBALEVENTID" is passed over). The first row
 * with one of those counts says which; a row of another count is
 * malformed. The columns read, from the GDELT codebooks:
 *
 *   0 GLOBALEVENTID, 1 SQLDATE (YYYYMMDD), 6 Actor1Name, 7 Actor1CountryCode,
 *   16 Actor2Name, 17 Actor2CountryCode, 26 EventCode, 28 EventRootCode,
 *   29 QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal
 *   conflict, 4 material conflict), 30 GoldsteinScale (−10 … 10),
 *   31 NumMentions, 32 NumSources, 34 AvgTone, and the last, SOURCEURL.
 *
 * A row whose two country codes are two different actors of the triangle
 * (RUS, CHN, PRK) becomes an event on their relation: stance from
 * QuadClass (1, 2 cooperation; 3, 4 tension), weight from |GoldsteinScale|
 * (below 3.5: 1; below 7: 2; 7 to 10: 3), the day from SQLDATE, the
 * SOURCEURL a source (one per URL) and a note, confidence "reported",
 * claimed by "GDELT automated coding". Other rows are counted: not on the
 * triangle, or malformed (the first one's line is named). A file with no
 * row of GDELT's shape is refused.
 *
 * The file is read a line at a time (a line longer than GDELT_MAX_LINE is
 * malformed and passed over without being held), rows are written as they
 * come, and sources are found again through a table in SQLite's temporary
 * store: memory stays bounded however long the file is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "store/tri-date.h"
#include "store/tri-new-file.h"
#include "store/tri-schema.h"
#include "store/tri-store.h"
#include "tri-import-private.h"

#define GDELT_MAX_LINE (64 * 1024)

enum
{
  G_ID = 0, G_SQLDATE = 1, G_ACTOR1_NAME = 6, G_ACTOR1_COUNTRY = 7, G_ACTOR2_NAME = 16,
  G_ACTOR2_COUNTRY = 17, G_EVENT_CODE = 26, G_ROOT_CODE = 28, G_QUAD_CLASS = 29, G_GOLDSTEIN = 30,
  G_MENTIONS = 31, G_SOURCES = 32, G_TONE = 34,
};

static const struct { const char *code; const char *name; const char *color; } triangle[] = {
  { "RUS", "Russia", "#0072B2" }, { "CHN", "China", "#E69F00" }, { "PRK", "North Korea", "#CC79A7" },
};

/* CAMEO's twenty root codes, for the event's title (the data's words, in
 * English as GDELT's codebook has them) */
static const char * const cameo_roots[] = {
  NULL, "Make public statement", "Appeal", "Express intent to cooperate", "Consult",
  "Engage in diplomatic cooperation", "Engage in material cooperation", "Provide aid", "Yield",
  "Investigate", "Demand", "Disapprove", "Reject", "Threaten", "Protest", "Exhibit force posture",
  "Reduce relations", "Coerce", "Assault", "Fight", "Use unconventional mass violence",
};

typedef struct
{
  TriImporter  base;
  FILE        *file;
  gint64       size;
  guint        columns;        /* 57, 58 or 61, from the first row of GDELT's shape; 0 until then */
  guint        n_rows, n_events, n_off_triangle, n_malformed, n_sources;
  guint        first_malformed;
  char        *first_reason;
} Gdelt;

static void
gdelt_free (TriImporter *base)
{
  Gdelt *g = (Gdelt *) base;

  if (g->file != NULL)
    fclose (g->file);
  g_free (g->first_reason);
  g_free (g);
}

/* The next line into @line, without its end; FALSE at the end of the file.
 * A line longer than GDELT_MAX_LINE is read to its end but not kept. */
static gboolean
read_line (FILE     *file,
           GString  *line,
           gboolean *too_long)
{
  int c;

  g_string_truncate (line, 0);
  *too_long = FALSE;
  while ((c = getc_unlocked (file)) != EOF && c != '\n')
    {
      if (line->len < GDELT_MAX_LINE)
        g_string_append_c (line, (char) c);
      else
        *too_long = TRUE;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return c != EOF || line->len > 0 || *too_long;
}

static void
malformed (Gdelt      *g,
           guint       line,
           const char *reason)
{
  g->n_malformed++;
  if (g->first_malformed == 0)
    {
      g->first_malformed = line;
      g->first_reason = g_strdup (reason);
    }
}

typedef struct
{
  sqlite3_stmt *event, *text, *link, *note, *find_source, *add_source, *remember_source;
} Statements;

static gboolean
write_failed (sqlite3  *db,
              GError  **error)
{
  if ((sqlite3_extended_errcode (db) & 0xff) == SQLITE_FULL)
    g_set_error_literal (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL, _("The disk is full."));
  else
    g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("The new briefing could not be written: %s"),
                 sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
step (sqlite3       *db,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? TRUE : write_failed (db, error);
}

/* The source of @url: found again, or added */
static gboolean
source_for (Gdelt       *g,
            sqlite3     *db,
            Statements  *st,
            const char  *url,
            const char  *date,
            char       **id,
            GError     **error)
{
  g_autofree char *host = NULL;
  const char *p;

  sqlite3_bind_text (st->find_source, 1, url, -1, SQLITE_STATIC);
  if (sqlite3_step (st->find_source) == SQLITE_ROW)
    {
      *id = g_strdup ((const char *) sqlite3_column_text (st->find_source, 0));
      sqlite3_reset (st->find_source);
      return TRUE;
    }
  sqlite3_reset (st->find_source);

  *id = g_strdup_printf ("gdelt-%u", ++g->n_sources);
  p = strstr (url, "://");
  host = p ? g_strndup (p + 3, strcspn (p + 3, "/?#")) : g_strdup (url);
  sqlite3_bind_text (st->add_source, 1, *id, -1, SQLITE_STATIC);
  sqlite3_bind_text (st->add_source, 2, url, -1, SQLITE_STATIC);
  sqlite3_bind_text (st->add_source, 3, host, -1, SQLITE_STATIC);
  sqlite3_bind_text (st->add_source, 4, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (st->add_source, 5, url, -1, SQLITE_STATIC);
  sqlite3_bind_text (st->remember_source, 1, url, -1, SQLITE_STATIC);
  sqlite3_bind_text (st->remember_source, 2, *id, -1, SQLITE_STATIC);
  return step (db, st->add_source, error) && step (db, st->remember_source, error);
}

static int
triangle_index (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (triangle); i++)
    if (g_str_equal (code, triangle[i].code))
      return i;
  return -1;
}

/* One row: an event, or counted as off the triangle or malformed */
static gboolean
import_row (Gdelt       *g,
            sqlite3     *db,
            Statements  *st,
            char       **f,
            guint        n,
            guint        line,
            GError     **error)
{
  static const char * const quad_stance[] = { NULL, "cooperation", "cooperation", "tension", "tension" };
  /* the relations' ids, made in gdelt_fill: RUS-CHN 1, RUS-PRK 2, CHN-PRK 3 */
  static const int relation_of[3][3] = { { 0, 1, 2 }, { 1, 0, 3 }, { 2, 3, 0 } };
  int a, b, year, month, day;
  gint64 quad, root = 0;
  double goldstein;
  char *end = NULL;
  char date[16];
  const char *url = n == 57 ? NULL : f[n - 1];
  const char *category = "diplomacy";
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *source = NULL;
  int weight;
  gint64 id;

  a = triangle_index (f[G_ACTOR1_COUNTRY]);
  b = triangle_index (f[G_ACTOR2_COUNTRY]);

  if (strlen (f[G_SQLDATE]) != 8 || sscanf (f[G_SQLDATE], "%4d%2d%2d", &year, &month, &day) != 3 ||
      !tri_ymd_valid (year, month, day))
    {
      malformed (g, line, "SQLDATE");
      return TRUE;
    }
  if (!g_ascii_string_to_signed (f[G_QUAD_CLASS], 10, 1, 4, &quad, NULL))
    {
      malformed (g, line, "QuadClass");
      return TRUE;
    }
  goldstein = g_ascii_strtod (f[G_GOLDSTEIN], &end);
  if (end == f[G_GOLDSTEIN] || *end != '\0' || !isfinite (goldstein) || fabs (goldstein) > 10)
    {
      malformed (g, line, "GoldsteinScale");
      return TRUE;
    }
  if (a < 0 || b < 0 || a == b)
    {
      g->n_off_triangle++;
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    if (!g_utf8_validate (f[i], -1, NULL))
      {
        /* Translators: what is wrong with a malformed GDELT row, after "the first on line 21: " */
        malformed (g, line, _("not UTF-8"));
        return TRUE;
      }

  /* below 3.5: 1; below 7: 2; 7 to 10: 3 */
  weight = fabs (goldstein) < 3.5 ? 1 : fabs (goldstein) < 7 ? 2 : 3;
  g_ascii_string_to_signed (f[G_ROOT_CODE], 10, 1, 20, &root, NULL);
  if (root == 7)
    category = "humanitarian";
  else if (root == 15 || root >= 18)
    category = "military";
  g_snprintf (date, sizeof date, "%04d-%02d-%02d", year, month, day);

  /* the data's words, in English as GDELT codes them */
  title = g_strdup_printf ("%s – %s: %s (CAMEO %s)", triangle[a].name, triangle[b].name,
                           root > 0 ? cameo_roots[root] : "event", f[G_EVENT_CODE]);
  summary = g_strdup_printf ("GDELT event %s: %s (%s) to %s (%s), CAMEO %s, QuadClass %s, Goldstein %s, "
                             "%s mentions in %s sources, tone %s.",
                             f[G_ID], *f[G_ACTOR1_NAME] ? f[G_ACTOR1_NAME] : f[G_ACTOR1_COUNTRY],
                             f[G_ACTOR1_COUNTRY], *f[G_ACTOR2_NAME] ? f[G_ACTOR2_NAME] : f[G_ACTOR2_COUNTRY],
                             f[G_ACTOR2_COUNTRY], f[G_EVENT_CODE], f[G_QUAD_CLASS], f[G_GOLDSTEIN],
                             f[G_MENTIONS], f[G_SOURCES], f[G_TONE]);

  id = ++g->n_events;
  {
    TriDate d;
    tri_date_parse (date, &d, NULL);
    sqlite3_bind_int64 (st->event, 1, id);
    sqlite3_bind_text (st->event, 2, date, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (st->event, 3, tri_day_to_jdn (d.earliest));
    sqlite3_bind_int64 (st->event, 4, tri_day_to_jdn (d.latest));
    sqlite3_bind_text (st->event, 5, category, -1, SQLITE_STATIC);
  }
  sqlite3_bind_int64 (st->text, 1, id);
  sqlite3_bind_text (st->text, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (st->text, 3, summary, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st->link, 1, id);
  sqlite3_bind_int64 (st->link, 2, relation_of[a][b]);
  sqlite3_bind_text (st->link, 3, quad_stance[quad], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st->link, 4, weight);
  if (!step (db, st->event, error) || !step (db, st->text, error) || !step (db, st->link, error))
    return FALSE;

  if (url != NULL && *url != '\0')
    {
      g_autofree char *note = NULL;

      if (!source_for (g, db, st, url, date, &source, error))
        return FALSE;
      /* Translators: a note on an event imported from GDELT; %s is its SOURCEURL */
      note = g_strdup_printf (_("source URL: %s"), url);
      sqlite3_bind_int64 (st->note, 1, id);
      sqlite3_bind_text (st->note, 2, note, -1, SQLITE_STATIC);
      if (!step (db, st->note, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
gdelt_fill (TriImporter   *base,
            TriImportSink *sink,
            GError       **error)
{
  static const char * const relations[] = { "RUS", "CHN", "RUS", "PRK", "CHN", "PRK" };
  Gdelt *g = (Gdelt *) base;
  sqlite3 *db = sink->db;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *title = g_path_get_basename (base->path);
  Statements st = { 0 };
  gboolean too_long, ok = TRUE;
  guint number = 0;

  if (!tri_sql_exec (db, "CREATE TEMP TABLE gdelt_source (url TEXT PRIMARY KEY, id TEXT NOT NULL)", error))
    return FALSE;
  {
    sqlite3_stmt *s = NULL;

    if (sqlite3_prepare_v2 (db, "INSERT INTO briefing VALUES ('en', ?)", -1, &s, NULL) != SQLITE_OK)
      return write_failed (db, error);
    sqlite3_bind_text (s, 1, title, -1, SQLITE_STATIC);
    ok = step (db, s, error);
    sqlite3_finalize (s);
    for (guint i = 0; ok && i < G_N_ELEMENTS (triangle); i++)
      {
        g_autofree char *sql = g_strdup_printf ("INSERT INTO actor VALUES ('%s', '%s', %u);"
                                                "INSERT INTO actor_name VALUES ('%s', 'en', '%s')",
                                                triangle[i].code, triangle[i].color, i,
                                                triangle[i].code, triangle[i].name);
        ok = tri_sql_exec (db, sql, error);
      }
    for (guint i = 0; ok && i < 3; i++)
      {
        g_autofree char *sql = g_strdup_printf ("INSERT INTO relation VALUES (%u, '%s', '%s')",
                                                i + 1, relations[2 * i], relations[2 * i + 1]);
        ok = tri_sql_exec (db, sql, error);
      }
    if (!ok)
      return FALSE;
  }

  if (sqlite3_prepare_v2 (db, "INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
                              " VALUES (?, ?, 'day', ?, ?, ?, 'reported')", -1, &st.event, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO event_text VALUES (?, 'en', ?, ?, 'GDELT automated coding')",
                          -1, &st.text, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO event_relation VALUES (?, ?, ?, ?)", -1, &st.link, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO note (event, text) VALUES (?, ?)", -1, &st.note, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id FROM gdelt_source WHERE url = ?", -1, &st.find_source, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO source (id, kind, title, outlet, authors, language, date, url)"
                              " VALUES (?, 'news', ?, ?, '', 'und', ?, ?)", -1, &st.add_source, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO gdelt_source VALUES (?, ?)", -1, &st.remember_source, NULL) != SQLITE_OK)
    ok = write_failed (db, error);

  while (ok && read_line (g->file, line, &too_long))
    {
      g_auto(GStrv) fields = NULL;
      guint n;

      number++;
      if (too_long)
        {
          /* Translators: what is wrong with a malformed GDELT row, after "the first on line 21: " */
          malformed (g, number, _("too long"));
          continue;
        }
      if (line->len == 0 || (number == 1 && g_str_has_prefix (line->str, "GLOBALEVENTID")))
        continue;
      g->n_rows++;
      fields = g_strsplit (line->str, "\t", 64);
      n = g_strv_length (fields);
      if (g->columns == 0 && (n == 57 || n == 58 || n == 61))
        g->columns = n;
      /* no row read as GDELT's yet (an empty split: a line that starts
       * with a NUL) is never a row of 0 columns */
      if (g->columns == 0 || n != g->columns)
        /* Translators: what is wrong with a malformed GDELT row, after "the first on line 21: " */
        malformed (g, number, g->columns ? _("its number of columns") : _("not GDELT’s columns"));
      else if (!(ok = import_row (g, db, &st, fields, n, number, error)))
        break;

      if ((number & 4095) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (sink->cancellable, error))
            ok = FALSE;
          else if (sink->progress != NULL)
            {
              /* the rows read, of the rows the file holds as estimated
               * from its size (they are not counted before) */
              double read = MAX (ftello (g->file), 1);
              guint total = (guint) MIN (G_MAXUINT, (double) number * MAX (g->size, read) / read);

              sink->progress (number, MAX (total, number), sink->progress_data);
            }
        }
    }
  if (ok && ferror (g->file))
    ok = tri_import_invalid (error, base->path, _("it could not be read to its end: %s"), g_strerror (errno));

  sqlite3_finalize (st.event);
  sqlite3_finalize (st.text);
  sqlite3_finalize (st.link);
  sqlite3_finalize (st.note);
  sqlite3_finalize (st.find_source);
  sqlite3_finalize (st.add_source);
  sqlite3_finalize (st.remember_source);

  if (ok && g->columns == 0)
    ok = tri_import_invalid (error, base->path, _("it is not a GDELT event file: no line has the 57, 58 or 61 "
                                                  "tab-separated columns of GDELT’s event exports"));
  return ok && tri_sql_exec (db, "DROP TABLE temp.gdelt_source", error);
}

static char *
gdelt_summarize (TriImporter *base,
                 const char  *target)
{
  Gdelt *g = (Gdelt *) base;
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, ngettext ("Imported %u event into %s", "Imported %u events into %s", g->n_events),
                          g->n_events, target);
  g_string_append (s, ": ");
  /* Translators: part of a GDELT import's summary: "from 58 rows of GDELT 2.0" */
  g_string_append_printf (s, ngettext ("from %u row of GDELT %s", "from %u rows of GDELT %s", g->n_rows),
                          g->n_rows, g->columns == 61 ? "2.0" : "1.0");
  g_string_append (s, ", ");
  /* Translators: part of a GDELT import's summary */
  g_string_append_printf (s, ngettext ("%u not between two of the triangle’s actors",
                                       "%u not between two of the triangle’s actors", g->n_off_triangle),
                          g->n_off_triangle);
  g_string_append (s, ", ");
  g_string_append_printf (s, ngettext ("%u malformed", "%u malformed", g->n_malformed), g->n_malformed);
  if (g->first_malformed > 0)
    /* Translators: after "3 malformed": the first malformed row's line and what is wrong with it */
    g_string_append_printf (s, _(" (the first on line %u: %s)"), g->first_malformed, g->first_reason);
  g_string_append (s, ", ");
  g_string_append_printf (s, ngettext ("%u source", "%u sources", g->n_sources), g->n_sources);
  g_string_append (s, ".");
  return g_string_free (s, FALSE);
}

TriImporter *
tri_import_gdelt_prepare (const char  *path,
                          GError     **error)
{
  Gdelt *g;
  GStatBuf st;
  int fd;

  if ((fd = g_open (path, O_RDONLY | O_CLOEXEC, 0)) < 0)
    {
      tri_import_set_unreadable (error, path, errno, FALSE);
      return NULL;
    }
  if (fstat (fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      int saved = S_ISDIR (st.st_mode) ? EISDIR : errno;

      close (fd);
      tri_import_set_unreadable (error, path, saved, FALSE);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      tri_import_invalid (error, path, _("it is not a regular file"));
      return NULL;
    }
  g = g_new0 (Gdelt, 1);
  g->base.path = path;
  g->base.fill = gdelt_fill;
  g->base.summarize = gdelt_summarize;
  g->base.free = gdelt_free;
  g->size = st.st_size;
  g->file = fdopen (fd, "r");
  if (g->file == NULL)
    {
      close (fd);
      tri_import_set_unreadable (error, path, errno, FALSE);
      gdelt_free (&g->base);
      return NULL;
    }
  return &g->base;
}
