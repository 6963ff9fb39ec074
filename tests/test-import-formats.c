/* test-import-formats.c: spreadsheets, Trilateral JSON and GDELT in; --into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "document/tri-document.h"
#include "import/tri-import.h"
#include "store/tri-store.h"

#include "tri-test-util.h"

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

/* The rows of @sql on @path, a line each, columns joined by '|' */
static char *
rows (const char *path,
      const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *v = (const char *) sqlite3_column_text (stmt, c);
          g_string_append_printf (out, c ? "|%s" : "%s", v ? v : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static void
assert_rows (const char *path,
             const char *sql,
             const char *expected)
{
  g_autofree char *got = rows (path, sql);

  g_assert_cmpstr (got, ==, expected);
}

/* Runs trilateral with @args; its exit status, stdout and stderr */
static int
run (const char * const *args,
     char              **out,
     char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("TRI_EXE"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  return WEXITSTATUS (status);
}

static gboolean
exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* What a user sees of a briefing's events: dates, labels, texts, links, notes */
static char *
events_seen (const char *path)
{
  return rows (path,
               "SELECT e.id, e.date, e.date_label, e.precision, e.category, e.confidence, t.lang, t.title,"
               " t.summary, t.claimed_by,"
               " (SELECT group_concat (r.actor_a || '-' || r.actor_b || ':' || er.stance || ':' || er.weight)"
               "  FROM event_relation er JOIN relation r ON r.id = er.relation WHERE er.event = e.id),"
               " (SELECT group_concat (text, ' / ') FROM (SELECT text FROM note WHERE note.event = e.id ORDER BY text))"
               " FROM event e JOIN event_text t ON t.event = e.id ORDER BY e.id, t.lang");
}

/* TimelineJS's spreadsheet and its JSON: the same briefing, field for field */
static const char timeline_json[] =
  "{ \"title\": { \"text\": { \"headline\": \"A sheet\", \"text\": \"<p>Its intro</p>\" } },\n"
  "  \"events\": [\n"
  "    { \"start_date\": { \"year\": \"2023\", \"month\": \"9\", \"day\": \"13\", \"hour\": 14, \"minute\": 30 },\n"
  "      \"text\": { \"headline\": \"Summit, at Vostochny\", \"text\": \"He said \\\"yes\\\"\\nand left\" },\n"
  "      \"media\": { \"url\": \"https://example.org/a.jpg\", \"credit\": \"Reuters\", \"caption\": \"A caption\","
  "                  \"thumbnail\": \"https://example.org/t.jpg\" },\n"
  "      \"group\": \"RUS-PRK\", \"background\": \"#ffffff\" },\n"
  "    { \"start_date\": { \"year\": \"1950\" }, \"display_date\": \"Summer 1950\",\n"
  "      \"text\": { \"headline\": \"War\" }, \"group\": \"military\" },\n"
  "    { \"start_date\": { \"year\": \"2020\" }, \"end_date\": { \"year\": \"2021\" },\n"
  "      \"text\": { \"headline\": \"A span\" }, \"group\": \"Something else\" },\n"
  "    { \"start_date\": { \"year\": \"2024\", \"month\": \"2\" }, \"display_date\": \"after the armistice\",\n"
  "      \"text\": { \"headline\": \"Month\" }, \"type\": \"milestone\" }\n"
  "  ],\n"
  "  \"eras\": [ { \"start_date\": { \"year\": \"2001\" }, \"end_date\": { \"year\": \"2003\" },"
  " \"text\": { \"headline\": \"An era\" } } ] }\n";

static const char timeline_csv[] =
  "\xEF\xBB\xBF"
  "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,"
  "Media Caption,Media Thumbnail,Type,Group,Background\r\n"
  ",,,,,,,,,A sheet,<p>Its intro</p>,,,,,title,,\r\n"
  "2023,9,13,2:30 PM,,,,,,\"Summit, at Vostochny\",\"He said \"\"yes\"\"\nand left\",https://example.org/a.jpg,"
  "Reuters,A caption,https://example.org/t.jpg,,RUS-PRK,#ffffff\r\n"
  "1950,,,,,,,,Summer 1950,War,,,,,,,military,\r\n"
  "2020,,,,2021,,,,,A span,,,,,,,Something else,\r\n"
  "2024,2,,,,,,,after the armistice,Month,,,,,,milestone,,\r\n"
  "2001,,,,2003,,,,,An era,,,,,,era,,\r\n";

/* A time cut short ("9:15 a", found by fuzz-import-csv: the reader went
 * past the cell's end) is not a time: kept as the row's text, in a note;
 * "9:15 pm" is 21:15 */
static void
test_csv_time_cut_short (void)
{
  static const char csv_text[] =
    "Year,Month,Day,Time,Headline\r\n"
    "2023,9,14,9:15 a,Cut short\r\n"
    "2023,9,15,9:15 pm,Evening\r\n";
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *csv = write_file (dir, "short.csv", csv_text, -1);
  g_autofree char *out = g_build_filename (dir, "short.sqlite", NULL);
  const char *import_csv[] = { "--import-csv", csv, "--out", out, NULL };
  g_autofree char *summary = NULL;
  g_autofree char *seen = NULL;

  g_assert_cmpint (run (import_csv, &summary, NULL), ==, 0);
  seen = events_seen (out);
  g_test_message ("%s", seen);
  g_assert_nonnull (strstr (seen, "Cut short"));
  g_assert_nonnull (strstr (seen, "9:15 a"));
  g_assert_nonnull (strstr (seen, "21:15"));
}

static void
test_csv_as_timelinejs (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *json = write_file (dir, "timeline.json", timeline_json, -1);
  g_autofree char *csv = write_file (dir, "timeline.csv", timeline_csv, -1);
  g_autofree char *from_json = g_build_filename (dir, "from-json.sqlite", NULL);
  g_autofree char *from_csv = g_build_filename (dir, "from-csv.sqlite", NULL);
  g_autofree char *semi = NULL;
  g_autofree char *from_semi = g_build_filename (dir, "from-semi.sqlite", NULL);
  g_autofree char *lf = NULL;
  g_autofree char *from_lf = g_build_filename (dir, "from-lf.sqlite", NULL);
  g_autofree char *csv_summary = NULL;
  g_autofree char *json_summary = NULL;
  const char *import_json[] = { "--import-timelinejs", json, "--out", from_json, NULL };
  const char *import_csv[] = { "--import-csv", csv, "--out", from_csv, NULL };
  g_autofree char *seen_json = NULL;
  g_autofree char *seen_csv = NULL;
  g_autofree char *notes_json = NULL;
  g_autofree char *notes_csv = NULL;
  g_autofree char *semi_text = NULL;
  g_autofree char *lf_text = NULL;

  g_assert_cmpint (run (import_json, &json_summary, NULL), ==, 0);
  g_assert_cmpint (run (import_csv, &csv_summary, NULL), ==, 0);

  /* the same events, dates, labels, texts, links and notes; the same summary */
  seen_json = events_seen (from_json);
  seen_csv = events_seen (from_csv);
  g_test_message ("%s", seen_csv);
  g_assert_cmpstr (seen_csv, ==, seen_json);
  g_assert_nonnull (strstr (seen_csv, "Summit, at Vostochny|He said \"yes\" and left"));
  g_assert_nonnull (strstr (seen_csv, "start_date time: 14:30"));
  g_assert_nonnull (strstr (seen_csv, "1950|Summer 1950|year|military"));
  g_assert_nonnull (strstr (seen_csv, "2020/2021|NULL|span"));
  g_assert_nonnull (strstr (seen_csv, "media.thumbnail: https://example.org/t.jpg"));
  g_assert_nonnull (strstr (seen_csv, "type: milestone"));
  notes_json = rows (from_json, "SELECT text FROM note WHERE event IS NULL ORDER BY text");
  notes_csv = rows (from_csv, "SELECT text FROM note WHERE event IS NULL ORDER BY text");
  g_assert_cmpstr (notes_csv, ==, notes_json);
  g_assert_nonnull (strstr (notes_csv, "An era"));
  assert_rows (from_csv, "SELECT title FROM briefing", "A sheet\n");
  g_assert_cmpstr (strstr (csv_summary, ":"), ==, strstr (json_summary, ":"));

  /* a European spreadsheet's semicolons, and LF line ends without a BOM */
  {
    g_autoptr(GString) s = g_string_new (timeline_csv);
    g_autoptr(GString) l = g_string_new (timeline_csv + 3);
    const char *import_semi[] = { "--import-csv", NULL, "--out", from_semi, NULL };
    const char *import_lf[] = { "--import-csv", NULL, "--out", from_lf, NULL };

    /* the quoted comma stays a comma */
    for (gsize i = 0; i < s->len; i++)
      if (s->str[i] == ',')
        s->str[i] = ';';
    g_string_replace (s, "\"Summit; at Vostochny\"", "\"Summit, at Vostochny\"", 1);
    semi = write_file (dir, "semi.csv", s->str, -1);
    g_string_replace (l, "\r\n", "\n", 0);
    lf = write_file (dir, "lf.csv", l->str, -1);
    import_semi[1] = semi;
    import_lf[1] = lf;
    g_assert_cmpint (run (import_semi, NULL, NULL), ==, 0);
    g_assert_cmpint (run (import_lf, NULL, NULL), ==, 0);
    semi_text = events_seen (from_semi);
    lf_text = events_seen (from_lf);
    g_assert_cmpstr (semi_text, ==, seen_json);
    g_assert_cmpstr (lf_text, ==, seen_json);
  }
}

/* Trilateral's own CSV and JSON read back: what the format holds comes back */
static void
test_round_trips (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "events.csv", NULL);
  g_autofree char *csv2 = g_build_filename (dir, "events2.csv", NULL);
  g_autofree char *csv_vi = g_build_filename (dir, "events-vi.csv", NULL);
  g_autofree char *csv_vi2 = g_build_filename (dir, "events-vi2.csv", NULL);
  g_autofree char *json = g_build_filename (dir, "briefing.json", NULL);
  g_autofree char *json2 = g_build_filename (dir, "briefing2.json", NULL);
  g_autofree char *tl = g_build_filename (dir, "timeline.json", NULL);
  g_autofree char *tl2 = g_build_filename (dir, "timeline2.json", NULL);
  g_autofree char *a = g_build_filename (dir, "a.sqlite", NULL);
  g_autofree char *b = g_build_filename (dir, "b.sqlite", NULL);
  g_autofree char *c = g_build_filename (dir, "c.sqlite", NULL);
  g_autofree char *d = g_build_filename (dir, "d.sqlite", NULL);
  g_autofree char *e = g_build_filename (dir, "e.sqlite", NULL);
  g_autofree char *f = g_build_filename (dir, "f.sqlite", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *db = tri_test_briefing_path ();

  /* events CSV -> briefing -> events CSV: the same file, byte for byte */
  {
    const char *x1[] = { "--db", db, "--export-data", csv, NULL };
    const char *i1[] = { "--import-csv", csv, "--out", a, NULL };
    const char *x2[] = { "--db", a, "--export-data", csv2, NULL };
    const char *x3[] = { "--db", db, "--export-data", csv_vi, "--lang", "vi", NULL };
    const char *i3[] = { "--import-csv", csv_vi, "--out", f, NULL };
    const char *x4[] = { "--db", f, "--export-data", csv_vi2, "--lang", "vi", NULL };

    g_assert_cmpint (run (x1, NULL, NULL), ==, 0);
    g_assert_cmpint (run (i1, NULL, NULL), ==, 0);
    g_assert_cmpint (run (x2, NULL, NULL), ==, 0);
    g_assert_true (g_file_get_contents (csv, &first, NULL, NULL));
    g_assert_true (g_file_get_contents (csv2, &second, NULL, NULL));
    g_assert_cmpstr (second, ==, first);
    g_clear_pointer (&first, g_free);
    g_clear_pointer (&second, g_free);
    /* in Vietnamese too */
    g_assert_cmpint (run (x3, NULL, NULL), ==, 0);
    g_assert_cmpint (run (i3, NULL, NULL), ==, 0);
    g_assert_cmpint (run (x4, NULL, NULL), ==, 0);
    g_assert_true (g_file_get_contents (csv_vi, &first, NULL, NULL));
    g_assert_true (g_file_get_contents (csv_vi2, &second, NULL, NULL));
    g_assert_cmpstr (second, ==, first);
    g_clear_pointer (&first, g_free);
    g_clear_pointer (&second, g_free);
  }

  /* JSON -> briefing -> JSON: equal (the writer normalises: the same order, the same spacing) */
  {
    const char *x1[] = { "--db", db, "--export-json", json, NULL };
    const char *i1[] = { "--import-json", json, "--out", b, NULL };
    const char *x2[] = { "--db", b, "--export-data", json2, "--format", "json", NULL };

    g_assert_cmpint (run (x1, NULL, NULL), ==, 0);
    g_assert_cmpint (run (i1, NULL, NULL), ==, 0);
    g_assert_cmpint (run (x2, NULL, NULL), ==, 0);
    g_assert_true (g_file_get_contents (json, &first, NULL, NULL));
    g_assert_true (g_file_get_contents (json2, &second, NULL, NULL));
    g_assert_cmpstr (second, ==, first);
    g_assert_nonnull (strstr (first, "\"quotes\""));
    g_clear_pointer (&first, g_free);
    g_clear_pointer (&second, g_free);
  }

  /* TimelineJS -> briefing -> TimelineJS -> briefing: the second briefing
   * is the first, in everything TimelineJS holds */
  {
    const char *x1[] = { "--db", db, "--export-data", tl, "--format", "timelinejs", "--lang", "en", NULL };
    const char *i1[] = { "--import-timelinejs", tl, "--out", c, NULL };
    const char *x2[] = { "--db", c, "--export-data", tl2, "--format", "timelinejs", "--lang", "en", NULL };
    const char *i2[] = { "--import-timelinejs", tl2, "--out", d, NULL };
    const char *i3[] = { "--import-json", tl, "--out", e, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run (x1, NULL, NULL), ==, 0);
    g_assert_cmpint (run (i1, NULL, NULL), ==, 0);
    g_assert_cmpint (run (x2, NULL, NULL), ==, 0);
    g_assert_cmpint (run (i2, NULL, NULL), ==, 0);
    /* ids are the timeline's order, which TimelineJS keeps by date: compared without them */
    first = rows (c, "SELECT e.date, e.date_label, t.title, t.summary FROM event e JOIN event_text t ON t.event = e.id ORDER BY 1, 3");
    second = rows (d, "SELECT e.date, e.date_label, t.title, t.summary FROM event e JOIN event_text t ON t.event = e.id ORDER BY 1, 3");
    g_assert_cmpstr (second, ==, first);
    g_clear_pointer (&first, g_free);
    g_clear_pointer (&second, g_free);
    first = rows (c, "SELECT t.title, r.actor_a || '-' || r.actor_b FROM event_relation er JOIN relation r ON r.id = er.relation"
                     " JOIN event_text t ON t.event = er.event ORDER BY 1, 2");
    second = rows (d, "SELECT t.title, r.actor_a || '-' || r.actor_b FROM event_relation er JOIN relation r ON r.id = er.relation"
                      " JOIN event_text t ON t.event = er.event ORDER BY 1, 2");
    g_assert_cmpstr (second, ==, first);
    g_assert_cmpstr (first, !=, "");

    /* a TimelineJS timeline is not Trilateral JSON: said, not half read */
    g_assert_cmpint (run (i3, NULL, &err), ==, 12);
    g_assert_nonnull (strstr (err, tl));
    g_assert_false (exists (e));
  }
}

static const char *
gdelt_sample (void)
{
  static char *path;

  if (path == NULL)
    path = g_test_build_filename (G_TEST_DIST, "data", "gdelt-sample.tsv", NULL);
  return path;
}

static int
triangle (const char *code)
{
  return g_str_equal (code, "RUS") ? 0 : g_str_equal (code, "CHN") ? 1 : g_str_equal (code, "PRK") ? 2 : -1;
}

/* GDELT's sample: every well-formed row between two of the triangle's
 * actors is an event on their relation, mapped as README says */
static void
test_gdelt (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "gdelt.sqlite", NULL);
  g_autofree char *v1 = g_test_build_filename (G_TEST_DIST, "data", "gdelt-sample-v1.tsv", NULL);
  g_autofree char *out1 = g_build_filename (dir, "gdelt1.sqlite", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *summary1 = NULL;
  g_auto(GStrv) lines = NULL;
  const char *args[] = { "--import-gdelt", gdelt_sample (), "--out", out, NULL };
  const char *args1[] = { "--import-gdelt", v1, "--out", out1, NULL };
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *got = NULL;
  guint n_expected = 0;

  g_assert_cmpint (run (args, &summary, NULL), ==, 0);
  g_test_message ("%s", summary);
  g_assert_nonnull (strstr (summary, "GDELT 2.0"));
  g_assert_nonnull (strstr (summary, "5 malformed (the first on line 21"));

  /* the sample read the simplest way: well-formed rows on the triangle */
  g_assert_true (g_file_get_contents (gdelt_sample (), &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      int a, b;
      double g;
      const char *stance;

      if (g_strv_length (f) != 61 || !g_utf8_validate (lines[i], -1, NULL))
        continue;
      a = triangle (f[7]);
      b = triangle (f[17]);
      g = g_ascii_strtod (f[30], NULL);
      if (a < 0 || b < 0 || a == b || f[29][1] != '\0' || f[29][0] < '1' || f[29][0] > '4' ||
          !g_ascii_isdigit (f[30][strlen (f[30]) - 1]) || g_str_has_suffix (f[1], "1301"))
        continue;
      stance = f[29][0] <= '2' ? "cooperation" : "tension";
      g_string_append_printf (expected, "%.4s-%.2s-%.2s|%s-%s|%s|%d|%s|reported|GDELT automated coding\n",
                              f[1], f[1] + 4, f[1] + 6, a < b ? f[7] : f[17], a < b ? f[17] : f[7], stance,
                              fabs (g) < 3.5 ? 1 : fabs (g) < 7 ? 2 : 3, f[60]);
      n_expected++;
    }
  g_assert_cmpuint (n_expected, >=, 10);
  got = rows (out, "SELECT e.date, r.actor_a || '-' || r.actor_b, er.stance, er.weight, s.url, e.confidence, t.claimed_by"
                   " FROM event e JOIN event_text t ON t.event = e.id JOIN event_relation er ON er.event = e.id"
                   " JOIN relation r ON r.id = er.relation JOIN note n ON n.event = e.id"
                   " JOIN source s ON 'source URL: ' || s.url = n.text ORDER BY e.id");
  g_assert_cmpstr (got, ==, expected->str);

  /* the store reads it; GDELT 1.0 too */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TriStore) store = tri_store_open (out, &error);
    g_autoptr(GPtrArray) events = NULL;

    g_assert_no_error (error);
    events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, n_expected);
  }
  g_assert_cmpint (run (args1, &summary1, NULL), ==, 0);
  g_assert_nonnull (strstr (summary1, "GDELT 1.0"));
}

typedef struct
{
  guint         calls;
  GCancellable *cancel;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  Progress *p = data;

  p->calls++;
  g_assert_cmpuint (done, <=, total);
  if (p->cancel != NULL && p->calls == 2)
    g_cancellable_cancel (p->cancel);
}

/* GDELT streams: progress, and a cancel that leaves nothing */
static void
test_gdelt_progress_and_cancel (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *big = g_build_filename (dir, "big.tsv", NULL);
  g_autofree char *out = g_build_filename (dir, "big.sqlite", NULL);
  g_autofree char *sample = NULL;
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress p = { 0 };
  TriImportTarget target = { out, NULL, on_progress, &p, NULL };

  g_assert_true (g_file_get_contents (gdelt_sample (), &sample, NULL, NULL));
  for (int i = 0; i < 400; i++)
    g_string_append (many, sample);
  g_assert_true (g_file_set_contents (big, many->str, many->len, NULL));

  g_assert_true (tri_import_file (TRI_IMPORT_GDELT, big, &target, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.calls, >=, 4);
  g_unlink (out);

  p = (Progress) { 0, cancellable };
  target.cancellable = cancellable;
  g_assert_false (tri_import_file (TRI_IMPORT_GDELT, big, &target, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (exists (out));
}

/* --into: one group to undo; what is there already is matched, not doubled */
static void
test_into (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *editable = g_build_filename (dir, "editable.sqlite", NULL);
  g_autofree char *csv = write_file (dir, "timeline.csv", timeline_csv, -1);
  g_autofree char *json = g_build_filename (dir, "briefing.json", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *new_out = g_build_filename (dir, "new.sqlite", NULL);
  const char *x[] = { "--db", tri_test_briefing_path (), "--export-json", json, NULL };
  const char *into_csv[] = { "--import-csv", csv, "--into", editable, NULL };
  const char *into_json[] = { "--import-json", json, "--into", editable, NULL };
  const char *into_gdelt[] = { "--import-gdelt", gdelt_sample (), "--into", editable, NULL };
  const char *both[] = { "--import-csv", csv, "--into", editable, "--out", new_out, NULL };
  const char *neither[] = { "--import-csv", csv, NULL };
  const char *read_only[] = { "--import-csv", csv, "--into", tri_test_briefing_path (), NULL };
  g_autoptr(GError) error = NULL;
  TriFileState before;

  g_assert_true (tri_document_create_new (editable, &error));
  g_assert_cmpint (run (x, NULL, NULL), ==, 0);

  /* one event of the sheet links a relation: added; the others cannot be (none) */
  g_assert_cmpint (run (into_csv, &first, NULL), ==, 0);
  g_test_message ("%s", first);
  g_assert_nonnull (strstr (first, "1 event added, 0 matched"));
  g_assert_nonnull (strstr (first, "3 skipped (event 2: links no relation)"));
  assert_rows (editable, "SELECT title FROM event_text", "Summit, at Vostochny\n");
  /* again: matched, nothing doubled */
  g_assert_cmpint (run (into_csv, &second, NULL), ==, 0);
  g_assert_nonnull (strstr (second, "0 events added, 1 matched"));
  assert_rows (editable, "SELECT count(*) FROM event", "1\n");

  /* the bundled briefing's JSON, and GDELT's sample */
  g_assert_cmpint (run (into_json, &third, NULL), ==, 0);
  g_assert_nonnull (strstr (third, "41 events added, 0 matched"));
  g_assert_nonnull (strstr (third, "94 quotes added"));
  g_assert_cmpint (run (into_gdelt, NULL, NULL), ==, 0);

  /* in the window's document: each import is one step of the history,
   * and undoes whole */
  {
    g_autoptr(TriDocument) doc = NULL;
    g_autofree char *editable2 = g_build_filename (dir, "editable2.sqlite", NULL);
    TriImportTarget target = { 0 };

    g_assert_true (tri_document_create_new (editable2, &error));
    doc = tri_document_open (editable2, &error);
    g_assert_no_error (error);
    target.into_document = doc;
    g_assert_true (tri_import_file (TRI_IMPORT_CSV, csv, &target, NULL, &error));
    g_assert_true (tri_import_file (TRI_IMPORT_JSON, json, &target, NULL, &error));
    g_assert_true (tri_import_file (TRI_IMPORT_GDELT, gdelt_sample (), &target, NULL, &error));
    g_assert_no_error (error);
    assert_rows (editable2, "SELECT count(*) FROM quote", "94\n");
    g_assert_cmpstr (tri_document_get_undo_name (doc), ==, "Import GDELT");
    g_assert_true (tri_document_undo (doc, &error));
    g_assert_cmpstr (tri_document_get_undo_name (doc), ==, "Import JSON");
    g_assert_true (tri_document_undo (doc, &error));
    g_assert_cmpstr (tri_document_get_undo_name (doc), ==, "Import CSV");
    g_assert_no_error (error);
    assert_rows (editable2, "SELECT count(*) FROM event", "1\n");
    assert_rows (editable2, "SELECT count(*) FROM quote", "0\n");
    g_assert_true (tri_document_undo (doc, &error));
    assert_rows (editable2, "SELECT count(*) FROM event", "0\n");
    g_assert_true (tri_document_redo (doc, &error));
    assert_rows (editable2, "SELECT count(*) FROM event", "1\n");
  }

  /* --out and --into together, or neither: a usage error, nothing written */
  tri_test_file_state (editable, &before);
  g_assert_cmpint (run (both, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "not both"));
  g_assert_false (exists (new_out));
  g_assert_cmpint (run (neither, NULL, NULL), ==, 2);
  tri_test_assert_unchanged (editable, &before);
  tri_test_file_state_clear (&before);
  /* a briefing not made to be edited is not merged into */
  g_assert_cmpint (run (read_only, NULL, &err2), ==, 14);
  g_assert_nonnull (strstr (err2, tri_test_briefing_path ()));
}

/* Hostile files: one sentence naming the file, an exit code, nothing written */
static void
test_hostile (void)
{
  static const struct { const char *option; const char *name; const char *data; gssize len; int code; const char *needle; } cases[] = {
    { "--import-csv", "unterminated.csv", "Year,Headline\n2024,\"never ends\n", -1, 12, "never ends" },
    { "--import-csv", "after-quote.csv", "Year,Headline\n2024,\"a\"b\n", -1, 12, "closing quote" },
    { "--import-csv", "too-many.csv", "Year,Headline\n2024,a,b,c\n", -1, 12, "has 4 fields, and the header 2" },
    { "--import-csv", "latin1.csv", "Year,Headline\n2024,P\xd6NGYANG\n", -1, 12, "not UTF-8" },
    { "--import-csv", "nul.csv", "Year,Headline\n2024,a\0b\n", 23, 12, "NUL" },
    { "--import-csv", "empty.csv", "", 0, 12, "empty" },
    { "--import-csv", "other.csv", "name,age\nx,3\n", -1, 12, "names neither" },
    { "--import-csv", "bad-year.csv", "Year,Headline\nsoon,a\n", -1, 12, "is “soon”, not a whole number" },
    { "--import-csv", "bad-date.csv", "Year,Month,Day,Headline\n2023,2,30,a\n", -1, 12, "impossible" },
    { "--import-csv", "bad-id.csv", "id,date,category,confidence,title,relations\nx,2024,diplomacy,confirmed,a,RUS-PRK:cooperation:1\n",
      -1, 12, "the id “x”" },
    { "--import-csv", "bad-link.csv", "id,date,category,confidence,title,relations\n1,2024,diplomacy,confirmed,a,RUS-PRK:cooperation:9\n",
      -1, 12, "RUS-PRK:cooperation:3" },
    { "--import-csv", "bad-category.csv", "id,date,category,confidence,title,relations\n1,2024,war,confirmed,a,RUS-PRK:cooperation:1\n",
      -1, 12, "event 1" },
    { "--import-json", "malformed.json", "{ \"events\": [", -1, 12, "not valid JSON" },
    { "--import-json", "array.json", "[1]", -1, 12, "no object at the top" },
    { "--import-json", "wrong-type.json", "{\"sources\":[],\"actors\":[],\"events\":{},\"quotes\":[]}", -1, 12, "lists" },
    { "--import-json", "weight.json",
      "{\"title\":{\"en\":\"t\"},\"sources\":[],\"actors\":[{\"code\":\"RUS\",\"color\":\"#000000\",\"name\":{\"en\":\"R\"}},"
      "{\"code\":\"PRK\",\"color\":\"#000000\",\"name\":{\"en\":\"P\"}}],"
      "\"events\":[{\"id\":1,\"date\":\"2024\",\"category\":\"diplomacy\",\"confidence\":\"confirmed\","
      "\"title\":{\"en\":\"t\"},\"summary\":{\"en\":\"s\"},\"relations\":[{\"relation\":\"RUS-PRK\",\"stance\":\"cooperation\",\"weight\":4}]}],"
      "\"quotes\":[]}", -1, 12, "event 1" },
    { "--import-json", "twice.json",
      "{\"title\":{\"en\":\"t\"},\"sources\":[],\"actors\":[{\"code\":\"RUS\",\"color\":\"#000000\",\"name\":{\"en\":\"R\"}},"
      "{\"code\":\"RUS\",\"color\":\"#000000\",\"name\":{\"en\":\"R\"}}],\"events\":[],\"quotes\":[]}", -1, 12, "twice" },
    { "--import-json", "nul.json", "{\"title\":{\"en\":\"a\\u0000b\"},\"sources\":[],\"actors\":[],\"events\":[],\"quotes\":[]}",
      -1, 12, "NUL" },
    { "--import-json", "latin1.json", "{\"title\":{\"en\":\"P\xd6NG\"},\"sources\":[],\"actors\":[],\"events\":[],\"quotes\":[]}",
      -1, 12, "not UTF-8" },
    { "--import-gdelt", "not-gdelt.tsv", "a\tb\tc\n", -1, 12, "not a GDELT event file" },
    /* a row that starts with a NUL splits into no fields (found by fuzz-import-gdelt) */
    { "--import-gdelt", "nul-row.tsv", "GLOBALEVENTID\n\0\tb\n", 18, 12, "not a GDELT event file" },
    { "--import-gdelt", "missing.tsv", NULL, 0, 3, "does not exist" },
    { "--import-csv", "missing.csv", NULL, 0, 3, "does not exist" },
  };
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out.sqlite", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = cases[i].data ? write_file (dir, cases[i].name, cases[i].data, cases[i].len)
                                            : g_build_filename (dir, cases[i].name, NULL);
      const char *args[] = { cases[i].option, path, "--out", out, NULL };
      g_autofree char *err = NULL;

      g_assert_cmpint (run (args, NULL, &err), ==, cases[i].code);
      g_test_message ("%s: %s", cases[i].name, err);
      g_assert_nonnull (strstr (err, cases[i].needle));
      g_assert_nonnull (strstr (err, path));
      /* one sentence, one line */
      g_assert_cmpuint (strlen (err), ==, strcspn (err, "\n") + 1);
      g_assert_false (exists (out));
    }

  /* deep nesting, and a text longer than Trilateral keeps */
  {
    g_autoptr(GString) deep = g_string_new ("{\"sources\":");
    g_autoptr(GString) huge = g_string_new ("{\"title\":{\"en\":\"");
    g_autofree char *deep_path = NULL;
    g_autofree char *huge_path = NULL;
    g_autofree char *err = NULL;
    g_autofree char *err2 = NULL;

    for (int i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    deep_path = write_file (dir, "deep.json", deep->str, deep->len);
    for (int i = 0; i < 1100000; i++)
      g_string_append_c (huge, 'x');
    g_string_append (huge, "\"},\"sources\":[],\"actors\":[],\"events\":[],\"quotes\":[]}");
    huge_path = write_file (dir, "huge.json", huge->str, huge->len);
    {
      const char *a1[] = { "--import-json", deep_path, "--out", out, NULL };
      const char *a2[] = { "--import-json", huge_path, "--out", out, NULL };

      g_assert_cmpint (run (a1, NULL, &err), ==, 12);
      g_assert_nonnull (strstr (err, "nested more than 64 deep"));
      g_assert_cmpint (run (a2, NULL, &err2), ==, 12);
      g_assert_nonnull (strstr (err2, "longer than Trilateral keeps"));
      g_assert_false (exists (out));
    }
  }

  /* a huge field: Trilateral's CSV refuses it, TimelineJS's sheet cuts it
   * with a note, as TimelineJS's JSON does; a GDELT line over 64 KB is a
   * malformed row, passed over without being held */
  {
    g_autoptr(GString) tri = g_string_new ("id,date,category,confidence,title,relations\n1,2024,diplomacy,confirmed,");
    g_autoptr(GString) sheet = g_string_new ("Year,Headline\n2024,");
    g_autoptr(GString) gdelt = g_string_new (NULL);
    g_autofree char *sample = NULL;
    g_autofree char *tri_path = NULL;
    g_autofree char *sheet_path = NULL;
    g_autofree char *gdelt_path = NULL;
    g_autofree char *err = NULL;
    g_autofree char *summary = NULL;
    g_autofree char *summary2 = NULL;
    g_autofree char *sheet_out = g_build_filename (dir, "sheet.sqlite", NULL);
    g_autofree char *gdelt_out = g_build_filename (dir, "gdelt.sqlite", NULL);

    for (int i = 0; i < 1100000; i++)
      {
        g_string_append_c (tri, 'x');
        g_string_append_c (sheet, 'x');
      }
    g_string_append (tri, ",RUS-PRK:cooperation:1\n");
    g_string_append_c (sheet, '\n');
    tri_path = write_file (dir, "huge-title.csv", tri->str, tri->len);
    sheet_path = write_file (dir, "huge-headline.csv", sheet->str, sheet->len);
    g_assert_true (g_file_get_contents (gdelt_sample (), &sample, NULL, NULL));
    g_string_append (gdelt, sample);
    g_string_append (gdelt, "400000999\t20240619\t");
    for (int i = 0; i < 70000; i++)
      g_string_append_c (gdelt, 'y');
    g_string_append_c (gdelt, '\n');
    gdelt_path = write_file (dir, "long-line.tsv", gdelt->str, gdelt->len);
    {
      const char *a1[] = { "--import-csv", tri_path, "--out", out, NULL };
      const char *a2[] = { "--import-csv", sheet_path, "--out", sheet_out, NULL };
      const char *a3[] = { "--import-gdelt", gdelt_path, "--out", gdelt_out, NULL };

      g_assert_cmpint (run (a1, NULL, &err), ==, 12);
      g_assert_nonnull (strstr (err, "longer than Trilateral keeps"));
      g_assert_false (exists (out));
      g_assert_cmpint (run (a2, &summary, NULL), ==, 0);
      g_assert_nonnull (strstr (summary, "1 text cut to the length Trilateral reads"));
      g_assert_cmpint (run (a3, &summary2, NULL), ==, 0);
      g_assert_nonnull (strstr (summary2, "6 malformed"));
      g_assert_nonnull (strstr (summary2, "the first on line 21"));
    }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-formats/csv-as-timelinejs", test_csv_as_timelinejs);
  g_test_add_func ("/import-formats/csv-time-cut-short", test_csv_time_cut_short);
  g_test_add_func ("/import-formats/round-trips", test_round_trips);
  g_test_add_func ("/import-formats/gdelt", test_gdelt);
  g_test_add_func ("/import-formats/gdelt-progress-and-cancel", test_gdelt_progress_and_cancel);
  g_test_add_func ("/import-formats/into", test_into);
  g_test_add_func ("/import-formats/hostile", test_hostile);
  return g_test_run ();
}
