/* test-new-file.c: the one way Trilateral writes a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "store/tri-new-file.h"
#include "tri-test-util.h"

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static char *
read_all (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Nothing is at the target, nor any other name, until the commit. */
static void
appears_only_when_complete (gconstpointer named)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriNewFile) file = NULL;
  g_autofree char *back = NULL;

  tri_new_file_force_named_for_testing (GPOINTER_TO_INT (named));
  file = tri_new_file_create (path, TRI_NEW_FILE_NO_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_true (tri_new_file_write (file, "hello", 5, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* unnamed: the folder is empty; named: one hidden temporary */
  g_assert_cmpuint (count_entries (dir), ==, named ? 1 : 0);
  g_assert_true (tri_new_file_commit (file, &error));
  g_assert_no_error (error);
  g_clear_pointer (&file, tri_new_file_free);
  back = read_all (path);
  g_assert_cmpstr (back, ==, "hello");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  tri_new_file_force_named_for_testing (FALSE);
}

static void
abandoned_leaves_nothing (gconstpointer named)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autoptr(GError) error = NULL;
  TriNewFile *file;

  tri_new_file_force_named_for_testing (GPOINTER_TO_INT (named));
  file = tri_new_file_create (path, TRI_NEW_FILE_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_true (tri_new_file_write (file, "partial", 7, &error));
  tri_new_file_free (file);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  tri_new_file_force_named_for_testing (FALSE);
}

/* A file that exists, or appears while the new one is written, is kept
 * byte for byte and the write fails with a sentence naming it. */
static void
never_replaces (gconstpointer named)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "briefing.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriNewFile) file = NULL;
  g_autofree char *back = NULL;

  tri_new_file_force_named_for_testing (GPOINTER_TO_INT (named));
  g_assert_true (g_file_set_contents (path, "mine", -1, NULL));
  file = tri_new_file_create (path, TRI_NEW_FILE_NO_REPLACE, &error);
  g_assert_null (file);
  g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_unlink (path);

  /* the race: checked, then created by someone else before publishing */
  file = tri_new_file_create (path, TRI_NEW_FILE_NO_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_true (tri_new_file_write (file, "new", 3, &error));
  g_assert_true (g_file_set_contents (path, "theirs", -1, NULL));
  g_assert_false (tri_new_file_commit (file, &error));
  g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_EXISTS);
  g_clear_pointer (&file, tri_new_file_free);
  back = read_all (path);
  g_assert_cmpstr (back, ==, "theirs");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  tri_new_file_force_named_for_testing (FALSE);
}

static mode_t
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* A replaced file keeps its permission bits; a new one gets 0666 less the
 * umask, as any program's new file does. */
static void
permissions (gconstpointer named)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *secret = g_build_filename (dir, "secret.png", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.png", NULL);
  g_autoptr(GError) error = NULL;
  TriNewFile *file;
  mode_t old_mask;

  tri_new_file_force_named_for_testing (GPOINTER_TO_INT (named));
  g_assert_true (g_file_set_contents (secret, "old", -1, NULL));
  g_assert_cmpint (g_chmod (secret, 0600), ==, 0);
  file = tri_new_file_create (secret, TRI_NEW_FILE_REPLACE, &error);
  g_assert_true (tri_new_file_write (file, "new", 3, &error));
  g_assert_true (tri_new_file_commit (file, &error));
  g_assert_no_error (error);
  tri_new_file_free (file);
  g_assert_cmpuint (mode_of (secret), ==, 0600);

  old_mask = umask (002);
  file = tri_new_file_create (fresh, TRI_NEW_FILE_REPLACE, &error);
  g_assert_true (tri_new_file_commit (file, &error));
  tri_new_file_free (file);
  umask (old_mask);
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (fresh), ==, 0664);
  tri_new_file_force_named_for_testing (FALSE);
}

/* Names up to the file system's limit (255 bytes here) work: the
 * temporary's name is never longer than the target's. */
static void
long_names (gconstpointer named)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *base = g_strnfill (251, 'n');
  g_autofree char *name = g_strconcat (base, ".png", NULL);
  g_autofree char *too_long = g_strconcat (base, "x.png", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *path2 = g_build_filename (dir, too_long, NULL);
  g_autoptr(GError) error = NULL;
  TriNewFile *file;

  tri_new_file_force_named_for_testing (GPOINTER_TO_INT (named));
  for (int replace = 0; replace < 2; replace++)
    {
      file = tri_new_file_create (path, replace, &error);
      g_assert_no_error (error);
      g_assert_true (tri_new_file_commit (file, &error));
      g_assert_no_error (error);
      tri_new_file_free (file);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_unlink (path);
    }
  file = tri_new_file_create (path2, TRI_NEW_FILE_REPLACE, &error);
  g_assert_null (file);
  g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_NAME_TOO_LONG);
  tri_new_file_force_named_for_testing (FALSE);
}

/* SQLite fills the new file, unnamed or not, and nothing else appears. */
static void
sqlite_database (gconstpointer named)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriNewFile) file = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  tri_new_file_force_named_for_testing (GPOINTER_TO_INT (named));
  file = tri_new_file_create (path, TRI_NEW_FILE_NO_REPLACE, &error);
  g_assert_no_error (error);
  db = tri_new_file_open_sqlite (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); BEGIN;"
                                     "INSERT INTO t VALUES (1), (2), (3); COMMIT;"
                                     "PRAGMA application_id = 1414678860",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (count_entries (dir), ==, named ? 1 : 0);
  sqlite3_close (db);
  g_assert_true (tri_new_file_commit (file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sum (x) FROM t", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 6);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  tri_new_file_force_named_for_testing (FALSE);
}

/* A file-size limit stands in for a full disk: the sentence says so, names
 * the file, and nothing is left. */
static void
full_disk (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *block = g_malloc0 (64 * 1024);
  struct rlimit old, small = { 16 * 1024, 0 };
  TriNewFile *file;
  gboolean ok = TRUE;

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  small.rlim_max = old.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  file = tri_new_file_create (path, TRI_NEW_FILE_REPLACE, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 4 && ok; i++)
    ok = tri_new_file_write (file, block, 64 * 1024, &error);
  setrlimit (RLIMIT_FSIZE, &old);
  g_assert_false (ok);
  g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "full"));
  tri_new_file_free (file);
  g_assert_cmpuint (count_entries (dir), ==, 0);
}

static void
folder_problems (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *file_as_dir = g_build_filename (dir, "plain", NULL);
  g_autofree char *under_file = g_build_filename (file_as_dir, "x.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "nope", "x.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file_as_dir, "", -1, NULL));
  g_assert_null (tri_new_file_create (under_file, TRI_NEW_FILE_REPLACE, &error));
  g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_NOT_FOLDER);
  g_assert_nonnull (strstr (error->message, "is not a folder"));
  g_clear_error (&error);
  g_assert_null (tri_new_file_create (missing, TRI_NEW_FILE_REPLACE, &error));
  g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_NO_FOLDER);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);
  g_assert_null (tri_new_file_create (dir, TRI_NEW_FILE_REPLACE, &error));
  g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_IS_FOLDER);
}

/* A device or a pipe at the target is never replaced by a file: an export
 * to /dev/null run as root would otherwise take the device away */
static void
devices_and_pipes (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  const char *targets[] = { "/dev/null", fifo };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      GStatBuf st;

      g_assert_null (tri_new_file_create (targets[i], TRI_NEW_FILE_REPLACE, &error));
      g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_NOT_REGULAR);
      g_assert_nonnull (strstr (error->message, "not a file"));
      g_clear_error (&error);
      g_assert_cmpint (g_stat (targets[i], &st), ==, 0);
      g_assert_true (i == 0 ? S_ISCHR (st.st_mode) : S_ISFIFO (st.st_mode));
    }
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

/* What a killed process left under Trilateral's temporary pattern is swept
 * the next time Trilateral writes there; nothing else is touched. */
static void
sweep_after_kill (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *dead = g_build_filename (dir, ".tri-2147483000-abcdef", NULL);
  g_autofree char *alive = g_strdup_printf ("%s/.tri-%d-abcdef", dir, (int) getppid ());
  g_autofree char *other = g_build_filename (dir, ".tri-notes", NULL);
  g_autofree char *target = g_build_filename (dir, "out.svg", NULL);
  g_autoptr(GError) error = NULL;
  TriNewFile *file;

  g_assert_true (g_file_set_contents (dead, "left by a kill", -1, NULL));
  g_assert_true (g_file_set_contents (alive, "still being written", -1, NULL));
  g_assert_true (g_file_set_contents (other, "the user's", -1, NULL));
  file = tri_new_file_create (target, TRI_NEW_FILE_REPLACE, &error);
  g_assert_no_error (error);
  tri_new_file_free (file);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alive, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (int named = 0; named < 2; named++)
    {
      const char *kind = named ? "named" : "unnamed";
#define ADD(name, func) \
      { \
        g_autofree char *p = g_strdup_printf ("/new-file/%s/" name, kind); \
        g_test_add_data_func (p, GINT_TO_POINTER (named), func); \
      }
      ADD ("appears-only-when-complete", appears_only_when_complete);
      ADD ("abandoned-leaves-nothing", abandoned_leaves_nothing);
      ADD ("never-replaces", never_replaces);
      ADD ("permissions", permissions);
      ADD ("long-names", long_names);
      ADD ("sqlite", sqlite_database);
#undef ADD
    }
  g_test_add_func ("/new-file/full-disk", full_disk);
  g_test_add_func ("/new-file/folder-problems", folder_problems);
  g_test_add_func ("/new-file/devices-and-pipes", devices_and_pipes);
  g_test_add_func ("/new-file/sweep-after-kill", sweep_after_kill);
  return g_test_run ();
}
