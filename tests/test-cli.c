/* test-cli.c: the command line, run as a user would, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "store/tri-schema.h"
#include "store/tri-state.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

static int
run (const char  *stdin_unused,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TRI_EXE"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* no display, no session bus: the command line must not need them */
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_list_events (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *prev = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--list-events", NULL), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 25);

  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);

      /* id, earliest, latest, precision, relations, title */
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      g_assert_cmpint (g_ascii_strtoll (f[0], NULL, 10), >, 0);
      g_assert_cmpuint (strlen (f[1]), ==, 10);
      g_assert_cmpstr (f[1], <=, f[2]);
      g_assert_true (g_strv_contains ((const char *[]) { "day", "month", "part", "year", "span", NULL }, f[3]));
      g_assert_cmpstr (f[5], !=, "");
      if (prev)
        g_assert_cmpstr (prev, <=, f[1]);
      g_free (prev);
      prev = g_strdup (f[1]);
    }

  /* the summit at Vostochny is a day, honestly */
  g_assert_nonnull (strstr (out, "\t2023-09-13\t2023-09-13\tday\tRUS-PRK\t"));
}

static void
test_list_events_vietnamese (void)
{
  g_autofree char *en = NULL;
  g_autofree char *vi = NULL;

  g_assert_cmpint (run (NULL, &en, NULL, "--list-events", "--lang", "en", NULL), ==, 0);
  g_assert_cmpint (run (NULL, &vi, NULL, "--list-events", "--lang", "vi", NULL), ==, 0);
  g_assert_cmpstr (en, !=, vi);
  g_assert_nonnull (strstr (vi, "Triều Tiên"));
}

static void
test_json (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_cmpint (run (NULL, &out, NULL, "--list-events", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >=, 25);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "precision"), !=, NULL);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (NULL, &out, NULL, "--quotes", "PRK-RUS", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >=, 5);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *q = json_array_get_object_element (array, i);
      g_assert_cmpstr (json_object_get_string_member (q, "relation"), ==, "RUS-PRK");
      g_assert_cmpstr (json_object_get_string_member (q, "text"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (q, "translation"), !=, "");
    }
}

/* the lines of @text, without the last line break (tabs are data) */
static GStrv
split_lines (char *text)
{
  gsize len = strlen (text);

  if (len > 0 && text[len - 1] == '\n')
    text[len - 1] = '\0';
  return g_strsplit (text, "\n", -1);
}

static void
test_quotes (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (NULL, &a, NULL, "--quotes", "RUS-PRK", NULL), ==, 0);
  g_assert_cmpint (run (NULL, &b, NULL, "--quotes", "prk-rus", NULL), ==, 0);
  g_assert_cmpstr (a, ==, b);
  lines = split_lines (a);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      /* date, source, source's date, claim, original, translation, published later,
       * grade, not verified */
      g_assert_cmpuint (g_strv_length (f), ==, 9);
      /* the quote's own claim type, never "confirmed" by default */
      g_assert_true (g_strv_contains ((const char *[]) { "not stated", "fact", "official statement", "reported",
                                                          "allegation", "assessment", "forecast", NULL }, f[3]));
      /* with no "as of" nothing is later than it */
      g_assert_cmpstr (f[6], ==, "");
    }
}

static JsonArray *
parse_array (JsonParser *parser,
             const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

/* --quotes with --as-of lists exactly the store's quotes of that period */
static void
test_quotes_as_of (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  TriRelation *rel = tri_store_find_relation (store, "RUS-PRK", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autofree char *all_time = NULL;
  g_autofree char *quarter = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *array;
  guint32 from, to;
  guint total = 0, n_current = 0;
  TriDate d;

  g_assert_cmpint (run (NULL, &out, NULL, "--quotes", "RUS-PRK", "--as-of", "2023-10",
                        "--window", "12", "--json", NULL), ==, 0);
  array = parse_array (parser, out);

  g_assert_true (tri_date_parse ("2023-10", &d, NULL));
  tri_window_bounds (d.latest, tri_window_days_for_months (12), &from, &to);
  expected = tri_store_list_quotes_in_period (store, rel->id, from, to, "en", G_MAXUINT, &total, NULL);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (json_array_get_length (array), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      JsonObject *q = json_array_get_object_element (array, i);
      const TriQuote *e = expected->pdata[i];

      g_assert_cmpint (json_object_get_int_member (q, "id"), ==, e->id);
      g_assert_cmpstr (json_object_get_string_member (q, "claim"), ==, tri_claim_to_string (e->claim));
      if (e->claim == TRI_CLAIM_UNSTATED)
        g_assert_cmpstr (json_object_get_string_member (q, "claim_label"), ==, "not stated");
      g_assert_cmpstr (json_object_get_string_member (q, "source_date"), ==, "2024-04");
      /* the sources appeared in April 2024: hindsight, flagged */
      g_assert_cmpstr (json_object_get_string_member (q, "published_later"), ==,
                       "published later (April 2024)");
    }

  /* the text output lists the same, flagged in words */
  g_assert_cmpint (run (NULL, &text, NULL, "--quotes", "RUS-PRK", "--as-of", "2023-10", NULL), ==, 0);
  lines = split_lines (text);
  g_assert_cmpuint (g_strv_length (lines), ==, expected->len);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpstr (f[6], ==, "published later (April 2024)");
    }

  /* as of the end of 2024 the sources were out: not flagged */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (NULL, &out, NULL, "--quotes", "RUS-PRK", "--as-of", "2024-12", "--json", NULL), ==, 0);
  array = parse_array (parser, out);
  for (guint i = 0; i < json_array_get_length (array); i++)
    n_current += json_object_get_null_member (json_array_get_object_element (array, i), "published_later");
  g_assert_cmpuint (n_current, ==, json_array_get_length (array));

  /* --window 0 is all time, not the default 12 months */
  g_assert_cmpint (run (NULL, &all_time, NULL, "--quotes", "RUS-PRK", "--as-of", "2024-06", "--window", "0", NULL), ==, 0);
  g_assert_cmpint (run (NULL, &quarter, NULL, "--quotes", "RUS-PRK", "--as-of", "2024-06", "--window", "3", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (NULL, &out, NULL, "--quotes", "RUS-PRK", "--as-of", "2024-06", NULL), ==, 0);
  g_assert_cmpstr (all_time, !=, out);
  g_assert_cmpuint (strlen (all_time), >, strlen (out));
  g_assert_cmpuint (strlen (out), >, strlen (quarter));
}

/* A period with no events says so, and shows no other quotes instead */
static void
test_quotes_empty_period (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &out, NULL, "--quotes", "RUS-PRK", "--as-of", "2021-06", "--window", "3", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Russia – North Korea: no events in the 3 months to "));
  g_assert_null (strchr (out, '\t'));
  g_assert_cmpint (run (NULL, &json, NULL, "--quotes", "RUS-PRK", "--as-of", "2021-06", "--window", "3", "--json", NULL), ==, 0);
  g_assert_cmpuint (json_array_get_length (parse_array (parser, json)), ==, 0);

  /* a window with no date to end it is a usage error, as is a bad window */
  g_assert_cmpint (run (NULL, NULL, &err, "--quotes", "RUS-PRK", "--window", "3", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--as-of"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, &err, "--quotes", "RUS-PRK", "--as-of", "2024", "--window", "5", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--window"));
}

static void
assert_fails (int         expected,
              const char *needle,
              const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  TriFileState before;
  int code;

  tri_test_file_state (path, &before);
  code = run (NULL, &out, &err, "--db", path, "--list-events", NULL);
  g_test_message ("%s → %d: %s", path, code, err);
  g_assert_cmpint (code, ==, expected);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, needle));
  /* one line */
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  tri_test_assert_unchanged (path, &before);
  tri_test_file_state_clear (&before);
}

static void
test_errors (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *foreign = g_build_filename (dir, "other.sqlite", NULL);
  g_autofree char *newer = tri_test_copy_briefing (dir, "newer.sqlite");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_file_set_contents (text, "not a database\n", -1, NULL);
  tri_test_sql (foreign, "CREATE TABLE t (x); PRAGMA application_id = 1234;");
  tri_test_sql (newer, "PRAGMA user_version = 99;");

  assert_fails (3, "does not exist", missing);
  assert_fails (5, "not a database", text);
  assert_fails (7, "another application", foreign);
  assert_fails (8, "newer version", newer);

  /* an unknown relation is a usage error */
  g_assert_cmpint (run (NULL, &out, &err, "--quotes", "RUS-XYZ", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "RUS"));
}

static char *
sql_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  GString *s = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      g_string_append_printf (s, "%s%s", s->len ? "|" : "",
                              sqlite3_column_type (stmt, i) == SQLITE_NULL ? "NULL"
                              : (const char *) sqlite3_column_text (stmt, i));
  sqlite3_finalize (stmt);
  return g_string_free (s, FALSE);
}

/* A schema 3 briefing (ISO text dates, no claim types) is migrated to a
 * copy with --migrate-to; the original is left as it was. */
static void
test_migrate_schema_3 (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *old = g_build_filename (dir, "three.sqlite", NULL);
  g_autofree char *copy = g_build_filename (dir, "four.sqlite", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *list = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  TriFileState before;

  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  g_assert_true (tri_schema_create (db, 3, &error));
  g_assert_no_error (error);
  g_assert_true (tri_sql_exec (db,
    "INSERT INTO briefing VALUES ('en', 'Old briefing');"
    "INSERT INTO actor VALUES ('RUS', '#0072B2', 0), ('PRK', '#CC79A7', 1);"
    "INSERT INTO relation VALUES (1, 'RUS', 'PRK');"
    "INSERT INTO source VALUES ('s', 'article', 'A source', NULL, '', 'en', '2023-09-14', NULL);"
    "INSERT INTO event VALUES (1, '2023-09-13', 'day', '2023-09-13', '2023-09-13', 'diplomacy', 'confirmed');"
    "INSERT INTO event VALUES (2, '2020/2021', 'span', '2020-01-01', '2021-12-31', 'economy', 'reported');"
    "INSERT INTO event VALUES (3, '2024-early', 'part', '2024-01-01', '2024-04-30', 'military', 'alleged');"
    "INSERT INTO event_text VALUES (1, 'en', 'Summit', 'A summit.', NULL),"
    " (2, 'en', 'Trade', 'Trade.', 'Someone'), (3, 'en', 'Shells', 'Shells.', 'Someone');"
    "INSERT INTO event_relation VALUES (1, 1, 'cooperation', 3), (2, 1, 'cooperation', 1), (3, 1, 'cooperation', 2);"
    "INSERT INTO quote VALUES (1, 's', 0, 'We met.', 1, 1);"
    "INSERT INTO note VALUES (1, 'a note');", &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  tri_test_file_state (old, &before);

  /* the old file is refused, with the way out */
  g_assert_cmpint (run (NULL, &out, &err, "--db", old, "--list-events", NULL), ==, 9);
  g_assert_nonnull (strstr (err, "--migrate-to"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (NULL, &out, &err, "--db", old, "--migrate-to", copy, NULL), ==, 0);
  tri_test_assert_unchanged (old, &before);
  tri_test_file_state_clear (&before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the copy lists the same events, in the same order, with the same days */
  g_assert_cmpint (run (NULL, &out, &err, "--db", copy, "--list-events", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2\t2020-01-01\t2021-12-31\tspan\tRUS-PRK\tTrade\n"
                                 "1\t2023-09-13\t2023-09-13\tday\tRUS-PRK\tSummit\n"
                                 "3\t2024-01-01\t2024-04-30\tpart\tRUS-PRK\tShells\n"));

  g_assert_cmpint (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  {
    g_autofree char *version = sql_text (db, "PRAGMA user_version");
    g_autofree char *days = sql_text (db, "SELECT earliest, latest, typeof (earliest), date (latest - 0.5)"
                                          " FROM event WHERE id = 1");
    g_autofree char *new_columns = sql_text (db, "SELECT q.claim, e.date_label, e.date FROM quote q"
                                                 " JOIN event e ON e.id = q.event");
    g_autofree char *kept = sql_text (db, "SELECT count(*) FROM event_text JOIN event_relation USING (event)"
                                          " JOIN note USING (event)");
    g_autofree char *plan = sql_text (db, "EXPLAIN QUERY PLAN SELECT id FROM event"
                                          " WHERE latest >= 2459946 AND earliest <= 2460311"
                                          " ORDER BY earliest, latest, id");
    g_autofree char *fk = sql_text (db, "PRAGMA foreign_key_check");

    g_assert_cmpint (g_ascii_strtoll (version, NULL, 10), ==, TRI_SCHEMA_VERSION);
    g_assert_cmpstr (days, ==, "2460201|2460201|integer|2023-09-13");   /* Julian Day Numbers */
    g_assert_cmpstr (new_columns, ==, "NULL|NULL|2023-09-13");
    g_assert_cmpstr (kept, ==, "1");
    g_test_message ("plan: %s", plan);
    g_assert_nonnull (strstr (plan, "INDEX event_by_earliest (earliest<?)"));
    g_assert_cmpstr (fk, ==, "");
  }
  sqlite3_close (db);

  /* an old file's days are taken from its honest date; an event with none
   * stops the migration with a sentence naming it, and no copy appears */
  {
    g_autofree char *odd = g_build_filename (dir, "odd.sqlite", NULL);
    g_autofree char *odd_copy = g_build_filename (dir, "odd-4.sqlite", NULL);
    g_autofree char *bad_copy = g_build_filename (dir, "bad-4.sqlite", NULL);
    g_autofree char *days = NULL;

    g_assert_cmpint (sqlite3_open (odd, &db), ==, SQLITE_OK);
    g_assert_true (tri_schema_create (db, 3, &error));
    g_assert_true (tri_sql_exec (db,
      "INSERT INTO event VALUES (1, '2023-09', 'month', '', 'not a day', 'diplomacy', 'confirmed');", &error));
    g_assert_no_error (error);
    sqlite3_close (db);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (NULL, &out, &err, "--db", odd, "--migrate-to", odd_copy, NULL), ==, 0);
    g_assert_cmpint (sqlite3_open_v2 (odd_copy, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    days = sql_text (db, "SELECT date (earliest - 0.5), date (latest - 0.5) FROM event");
    g_assert_cmpstr (days, ==, "2023-09-01|2023-09-30");
    sqlite3_close (db);

    tri_test_sql (odd, "INSERT INTO event VALUES (7, 'soon', 'day', '', 'zzzz', 'diplomacy', 'confirmed');");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    /* an older briefing that cannot be brought up to date: exit 9, as
     * reading it says, with the reason */
    g_assert_cmpint (run (NULL, &out, &err, "--db", odd, "--migrate-to", bad_copy, NULL), ==, 9);
    g_assert_nonnull (strstr (err, "is an older briefing that could not be brought up to date"));
    g_assert_nonnull (strstr (err, "Event 7 has no date Trilateral can place (“soon”)"));
    g_assert_false (g_file_test (bad_copy, G_FILE_TEST_EXISTS));
  }
}

static void
test_version_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *help = NULL;

  g_assert_cmpint (run (NULL, &out, NULL, "--version", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Trilateral "));
  g_assert_cmpint (run (NULL, &help, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (help, "--list-events"));
  g_assert_nonnull (strstr (help, "--quotes"));
}

/* --quotes says each quote's grade and whether it was verified against
 * its source: a column each, and JSON fields */
static void
test_quotes_grades (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_graded_briefing (dir);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;
  const struct { const char *text, *grade, *unverified, *reliability; gint64 credibility; const char *by; } want[] = {
    { TRI_TEST_GRADED_B2, "B2", "", "B", 2, "stored text" },
    { TRI_TEST_GRADED_B_, "B–", "", "B", 0, "stored text" },
    { TRI_TEST_GRADED_3, "–3", "not verified against the source", NULL, 3, NULL },
    { TRI_TEST_GRADED_UNGRADED, "ungraded", "not verified against the source", NULL, 0, NULL },
  };
  JsonArray *array;

  g_assert_cmpint (run (NULL, &out, NULL, "--db", path, "--quotes", "RUS-PRK", NULL), ==, 0);
  lines = split_lines (out);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (want));
  for (guint i = 0; lines[i]; i++)
    {
      GStrv f = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (f), ==, 9);
      g_hash_table_insert (rows, f[4], f);
    }
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      GStrv f = g_hash_table_lookup (rows, want[i].text);

      g_assert_nonnull (f);
      g_assert_cmpstr (f[7], ==, want[i].grade);
      g_assert_cmpstr (f[8], ==, want[i].unverified);
    }

  g_assert_cmpint (run (NULL, &json, NULL, "--db", path, "--quotes", "RUS-PRK", "--json", NULL), ==, 0);
  array = parse_array (parser, json);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      JsonObject *q = NULL;

      for (guint k = 0; k < json_array_get_length (array); k++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (array, k), "text"),
                         want[i].text))
          q = json_array_get_object_element (array, k);
      g_assert_nonnull (q);
      if (want[i].reliability)
        g_assert_cmpstr (json_object_get_string_member (q, "reliability"), ==, want[i].reliability);
      else
        g_assert_true (json_object_get_null_member (q, "reliability"));
      if (want[i].credibility)
        g_assert_cmpint (json_object_get_int_member (q, "credibility"), ==, want[i].credibility);
      else
        g_assert_true (json_object_get_null_member (q, "credibility"));
      /* ungraded is no grade in the data, and "ungraded" in words */
      if (g_str_equal (want[i].grade, "ungraded"))
        g_assert_true (json_object_get_null_member (q, "grade"));
      else
        g_assert_cmpstr (json_object_get_string_member (q, "grade"), ==, want[i].grade);
      g_assert_cmpstr (json_object_get_string_member (q, "grade_label"), ==, want[i].grade);
      g_assert_cmpint (json_object_get_boolean_member (q, "verified"), ==, *want[i].unverified == '\0');
      if (want[i].by != NULL)
        g_assert_cmpstr (json_object_get_string_member (q, "verified_by"), ==, want[i].by);
      else
        g_assert_true (json_object_get_null_member (q, "verified_by"));
    }

  /* the source's text not stored, its fingerprint kept: the quotes cut
   * from it are verified by the check made when they were written */
  tri_test_sql (path, "UPDATE source_document SET text = NULL");
  g_clear_pointer (&json, g_free);
  g_assert_cmpint (run (NULL, &json, NULL, "--db", path, "--quotes", "RUS-PRK", "--json", NULL), ==, 0);
  array = parse_array (parser, json);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (want));
  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      JsonObject *q = json_array_get_object_element (array, k);
      gboolean cut = g_str_equal (json_object_get_string_member (q, "text"), TRI_TEST_GRADED_B2) ||
                     g_str_equal (json_object_get_string_member (q, "text"), TRI_TEST_GRADED_B_);

      g_assert_cmpint (json_object_get_boolean_member (q, "verified"), ==, cut);
      if (cut)
        g_assert_cmpstr (json_object_get_string_member (q, "verified_by"), ==, "build check");
      else
        g_assert_true (json_object_get_null_member (q, "verified_by"));
    }
}

/* How many events of the bundled briefing have this category and
 * confidence, asked of the file itself */
static guint
count_events (const char *category,
              const char *confidence)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (tri_test_briefing_path (), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM event WHERE category = ?1 AND confidence = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, category, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, confidence, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* --filter: the listings and the data export show only what passes */
static void
test_filter (void)
{
  g_autofree char *out = NULL;
  g_autofree char *all = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "military.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *array;
  guint expected = count_events ("military", "confirmed");

  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpint (run (NULL, &out, NULL, "--filter", "category=military,confidence=confirmed",
                        "--list-events", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, expected);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *ev = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (ev, "category"), ==, "military");
      g_assert_cmpstr (json_object_get_string_member (ev, "confidence"), ==, "confirmed");
    }

  /* OR within a facet: military or economy, any confidence */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (NULL, &out, NULL, "--filter", "category=military|economy", "--list-events", NULL), ==, 0);
  lines = split_lines (out);
  g_assert_cmpuint (g_strv_length (lines), ==,
                    count_events ("military", "confirmed") + count_events ("military", "reported") +
                    count_events ("military", "alleged") + count_events ("economy", "confirmed") +
                    count_events ("economy", "reported") + count_events ("economy", "alleged"));
  g_clear_pointer (&lines, g_strfreev);

  /* an actor: every event listed involves North Korea; fewer than all */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (NULL, &out, NULL, "--filter", "actor=PRK", "--list-events", NULL), ==, 0);
  g_assert_cmpint (run (NULL, &all, NULL, "--list-events", NULL), ==, 0);
  lines = split_lines (out);
  g_assert_cmpuint (g_strv_length (lines), >, 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);

      g_assert_nonnull (strstr (f[4], "PRK"));
    }
  g_assert_cmpuint (strlen (out), <, strlen (all));
  g_clear_pointer (&lines, g_strfreev);

  /* the data export: the same events */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (NULL, &out, NULL, "--filter", "category=military,confidence=confirmed",
                        "--export-data", csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  lines = split_lines (contents);
  g_assert_cmpuint (g_strv_length (lines), ==, expected + 1);
  for (guint i = 1; lines[i] != NULL; i++)
    g_assert_nonnull (strstr (lines[i], ",military,confirmed,"));
}

/* A bad filter is a usage error, said in one sentence naming it */
static void
test_filter_errors (void)
{
  const struct { const char *filter; const char *option; const char *named; const char *listed; } bad[] = {
    { "category=militry", "--list-events", "“militry”", "diplomacy, economy, military" },
    { "colour=red", "--list-events", "“colour”", "category, confidence, claim, grade, source or actor" },
    { "grade=B9", "--list-events", "“B9”", "1–6" },
    { "actor=XYZ", "--list-events", "“XYZ”", "RUS" },
    { "source=nowhere", "--list-events", "“nowhere”", "use" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (NULL, &out, &err, "--filter", bad[i].filter, bad[i].option, NULL), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, bad[i].named));
      g_assert_nonnull (strstr (err, bad[i].listed));
      /* one line, one sentence */
      g_assert_true (g_str_has_suffix (err, ".\n"));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
    }

  /* a deck's slides keep their own filters; alone, --filter has nothing to filter */
  {
    g_auto(TriTestDir) dir = tri_test_tmpdir ();
    g_autofree char *pdf = g_build_filename (dir, "deck.pdf", NULL);
    g_autofree char *err = NULL;

    g_assert_cmpint (run (NULL, NULL, &err, "--filter", "category=military", "--export-deck", pdf, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--filter"));
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (NULL, NULL, &err, "--filter", "category=military", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--filter goes with"));
  }
}

/* grade: "B2 or better" keeps the one B2 quote; no ungraded one passes */
static void
test_filter_grades (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_graded_briefing (dir);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (NULL, &out, NULL, "--db", path, "--filter", "grade=B2", "--quotes", "RUS-PRK", NULL), ==, 0);
  lines = split_lines (out);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (lines[0], TRI_TEST_GRADED_B2));
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&out, g_free);

  /* the source "wire": its two quotes, whatever their grade */
  g_assert_cmpint (run (NULL, &out, NULL, "--db", path, "--filter", "source=wire", "--quotes", "RUS-PRK", NULL), ==, 0);
  lines = split_lines (out);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/list-events", test_list_events);
  g_test_add_func ("/cli/list-events-vietnamese", test_list_events_vietnamese);
  g_test_add_func ("/cli/json", test_json);
  g_test_add_func ("/cli/quotes", test_quotes);
  g_test_add_func ("/cli/quotes-as-of", test_quotes_as_of);
  g_test_add_func ("/cli/quotes-empty-period", test_quotes_empty_period);
  g_test_add_func ("/cli/quotes-grades", test_quotes_grades);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/migrate-schema-3", test_migrate_schema_3);
  g_test_add_func ("/cli/version-help", test_version_help);
  g_test_add_func ("/cli/filter", test_filter);
  g_test_add_func ("/cli/filter-errors", test_filter_errors);
  g_test_add_func ("/cli/filter-grades", test_filter_grades);
  return g_test_run ();
}
