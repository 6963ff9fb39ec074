/* tri-test-util.c: shared helpers for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <math.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "document/tri-document.h"
#include "tri-test-util.h"

const char *
tri_test_briefing_path (void)
{
  const char *path = g_getenv ("TRI_BRIEFING_DB");

  g_assert_nonnull (path);
  return path;
}

const char *
tri_test_seeds_dir (void)
{
  return g_getenv ("TRI_SEEDS_DIR");
}

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);   /* a test may have made it read-only */
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static GPtrArray *temp_dirs;

static void
remove_temp_dirs (void)
{
  for (guint i = 0; temp_dirs != NULL && i < temp_dirs->len; i++)
    remove_tree (g_ptr_array_index (temp_dirs, i));
  g_clear_pointer (&temp_dirs, g_ptr_array_unref);
}

/* A folder of the test's own, removed with all it holds when the test
 * program exits: a run leaves nothing in /tmp. */
char *
tri_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("trilateral-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (temp_dirs == NULL)
    {
      temp_dirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_temp_dirs);
    }
  g_ptr_array_add (temp_dirs, g_strdup (dir));
  return dir;
}

/* Removes @dir and everything in it, and frees @dir */
void
tri_test_dir_remove (char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    return;
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        tri_test_dir_remove (g_steal_pointer (&path));
      else
        g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

void
tri_test_file_state (const char   *path,
                     TriFileState *state)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  struct stat st;

  state->exists = g_stat (path, &st) == 0;
  state->mtime_ns = state->exists ? (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec : 0;
  state->checksum = NULL;
  if (state->exists && S_ISREG (st.st_mode) && g_file_get_contents (path, &contents, &len, NULL))
    state->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

void
tri_test_file_state_clear (TriFileState *state)
{
  g_clear_pointer (&state->checksum, g_free);
}

void
tri_test_assert_unchanged (const char         *path,
                           const TriFileState *before)
{
  TriFileState after;

  tri_test_file_state (path, &after);
  g_assert_cmpint (after.exists, ==, before->exists);
  g_assert_cmpstr (after.checksum, ==, before->checksum);
  g_assert_cmpint (after.mtime_ns, ==, before->mtime_ns);
  tri_test_file_state_clear (&after);
}

char *
tri_test_copy_briefing (const char *dir,
                        const char *name)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize len;

  g_file_get_contents (tri_test_briefing_path (), &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

/* A copy of the bundled briefing damaged only in the second half of the
 * file: the start (the header, the schema, the relations) reads, SQLite's
 * whole-file check does not pass. */
char *
tri_test_copy_damaged_late (const char *dir,
                            const char *name)
{
  char *path = tri_test_copy_briefing (dir, name);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8 * 4096);
  for (gsize i = (len / 2) / 4096 * 4096; i < len - 4096; i += 4096)
    memset (contents + i, 0x5A, 64);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

/* Changes a copy with plain SQLite, as a tool other than Trilateral would. */
void
tri_test_sql (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

/* The text of the graded source: Vietnamese, so that characters and bytes
 * differ before the quotes' offsets */
static const char graded_text[] =
  "Ngày 19 tháng 6 năm 2024, Nga và Triều Tiên ký hiệp ước đối tác chiến lược toàn diện.";

static gint64
graded_quote (TriDocument *doc,
              const char  *source,
              const char  *text,
              int          credibility)
{
  g_autoptr(GError) error = NULL;
  const char *at = strstr (graded_text, text);
  TriQuoteSpec spec = {
    .source = source,
    .offset = at ? g_utf8_pointer_to_offset (graded_text, at) : 0,
    .length = g_utf8_strlen (text, -1),
    .text = at ? NULL : text,
    .relation = "RUS-PRK",
    .claim = "official",
    .credibility = credibility,
    .translation_lang = "en",
    .translation = "(translation)",
  };
  gint64 id = tri_document_add_quote (doc, &spec, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/**
 * tri_test_graded_briefing:
 *
 * Makes, in @dir, a briefing edited through TriDocument as the window
 * would: a source graded B with its text stored and two quotes cut from
 * it (credibility 2, and none), an ungraded source without text and two
 * quotes taken as written (credibility 3, and none); all four back one
 * RUS-PRK event of 19 June 2024.
 *
 * Returns: (transfer full): its path
 */
char *
tri_test_graded_briefing (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = NULL;
  char *path = g_build_filename (dir, "graded.sqlite", NULL);
  const TriSourceSpec graded = {
    .id = "treaty-vi", .kind = "article", .title = "Hiệp ước", .outlet = "TTXVN",
    .language = "vi", .date = "2024-06-20", .reliability = 'B', .text = graded_text,
  };
  const TriSourceSpec unread = {
    .id = "wire", .kind = "article", .title = "Wire report", .language = "en", .date = "2024-06-20",
  };
  TriEventText texts[] = { { "en", "Treaty signed", "Putin and Kim sign a treaty.", NULL } };
  TriEventLink links[] = { { "RUS-PRK", "cooperation", 3 } };
  gint64 quotes[4];
  TriEventSpec event = {
    .date = "2024-06-19", .category = "diplomacy", .confidence = "confirmed",
    .texts = texts, .n_texts = G_N_ELEMENTS (texts), .links = links, .n_links = G_N_ELEMENTS (links),
    .quotes = quotes, .n_quotes = G_N_ELEMENTS (quotes),
  };

  g_assert_true (tri_document_create_new (path, &error));
  g_assert_no_error (error);
  doc = tri_document_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tri_document_add_source (doc, &graded, &error));
  g_assert_true (tri_document_add_source (doc, &unread, &error));
  g_assert_no_error (error);
  quotes[0] = graded_quote (doc, graded.id, TRI_TEST_GRADED_B2, 2);
  quotes[1] = graded_quote (doc, graded.id, TRI_TEST_GRADED_B_, 0);
  quotes[2] = graded_quote (doc, unread.id, TRI_TEST_GRADED_3, 3);
  quotes[3] = graded_quote (doc, unread.id, TRI_TEST_GRADED_UNGRADED, 0);
  g_assert_cmpint (tri_document_add_event (doc, &event, &error), >, 0);
  g_assert_no_error (error);
  return path;
}

/**
 * tri_test_block_difference:
 *
 * How far two pictures of one size are apart, in 8 × 8 blocks: the share
 * of blocks whose mean (in any of red, green, blue) differs by more than
 * 24 levels of 255, and the largest difference of a block's means.
 * Poppler's rasteriser (Splash) and cairo anti-alias and hint glyph edges
 * differently, so single pixels differ along every letter (up to a whole
 * stem's width in grey); a block's mean keeps what is drawn where (a
 * line, a word, a fill, a colour) and lets the edge shading average out.
 * Measured (test-deck-export, test-export): a PDF page rasterised by
 * pdftoppm against the PNG export of the same slide, at most 0.22 % of
 * blocks over 24 levels and no block over 48; against another slide's
 * PNG, at least 6 % over 24 and blocks of over 100.
 *
 * Returns: the share of blocks over 24 levels apart; @largest: the
 *   largest difference of a block's means, 0 to 255
 */
double
tri_test_block_difference (cairo_surface_t *a,
                           cairo_surface_t *b,
                           double          *largest)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  const guchar *da, *db;
  guint blocks = 0, differ = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  da = cairo_image_surface_get_data (a);
  db = cairo_image_surface_get_data (b);
  *largest = 0;

  for (int by = 0; by + 8 <= h; by += 8)
    for (int bx = 0; bx + 8 <= w; bx += 8)
      {
        double sum[2][3] = { { 0 } };
        double most = 0;

        for (int y = by; y < by + 8; y++)
          for (int x = bx; x < bx + 8; x++)
            {
              guint32 pa = *(const guint32 *) (da + y * sa + 4 * x);
              guint32 pb = *(const guint32 *) (db + y * sb + 4 * x);

              for (int c = 0; c < 3; c++)
                {
                  sum[0][c] += (pa >> (8 * c)) & 0xff;
                  sum[1][c] += (pb >> (8 * c)) & 0xff;
                }
            }
        blocks++;
        for (int c = 0; c < 3; c++)
          most = MAX (most, fabs (sum[0][c] - sum[1][c]) / 64);
        if (most > 24)
          differ++;
        *largest = MAX (*largest, most);
      }
  return (double) differ / blocks;
}
