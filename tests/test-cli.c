/* test-cli.c: the command line, run as a user would, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

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

static void
test_quotes (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (NULL, &a, NULL, "--quotes", "RUS-PRK", NULL), ==, 0);
  g_assert_cmpint (run (NULL, &b, NULL, "--quotes", "prk-rus", NULL), ==, 0);
  g_assert_cmpstr (a, ==, b);
  lines = g_strsplit (g_strchomp (a), "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      /* date, source, original, translation */
      g_assert_cmpuint (g_strv_length (f), ==, 4);
    }
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
  tri_test_sql (newer, "PRAGMA user_version = 7;");

  assert_fails (3, "does not exist", missing);
  assert_fails (5, "not a database", text);
  assert_fails (7, "another application", foreign);
  assert_fails (8, "newer version", newer);

  /* an unknown relation is a usage error */
  g_assert_cmpint (run (NULL, &out, &err, "--quotes", "RUS-XYZ", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "RUS"));
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/list-events", test_list_events);
  g_test_add_func ("/cli/list-events-vietnamese", test_list_events_vietnamese);
  g_test_add_func ("/cli/json", test_json);
  g_test_add_func ("/cli/quotes", test_quotes);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/version-help", test_version_help);
  return g_test_run ();
}
