/* test-search.c: finding words in every language of a briefing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "store/tri-search.h"
#include "tri-test-util.h"

/* A copy of the bundled briefing with a few texts of our own */
static char *
briefing (const char *dir)
{
  char *path = tri_test_copy_briefing (dir, "search.sqlite");

  tri_test_sql (path,
                "UPDATE event_text SET title = 'Kỷ niệm chiến thắng Điện Biên Phủ' WHERE event = 2 AND lang = 'vi';"
                "UPDATE event_text SET title = 'Пётр и ёлка в ЕКАТЕРИНБУРГЕ' WHERE event = 2 AND lang = 'ru';"
                "UPDATE event_text SET title = 'Petr and the fir tree' WHERE event = 2 AND lang = 'en';");
  return path;
}

static TriSearch *
built (const char *path)
{
  g_autoptr(GError) error = NULL;
  TriSearch *search = tri_search_new (path);

  g_assert_true (tri_search_build (search, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tri_search_is_built (search));
  g_assert_true (tri_search_is_current (search));
  return search;
}

static GPtrArray *
query (TriSearch  *search,
       const char *q,
       const char *lang)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = tri_search_query (search, q, lang, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

/* the text a result marks, each mark joined by "|" */
static char *
marked (const TriSearchResult *r)
{
  GString *s = g_string_new (NULL);

  for (guint m = 0; m < r->n_marks; m++)
    {
      g_assert_cmpuint (r->marks[2 * m], <, r->marks[2 * m + 1]);
      g_assert_cmpuint (r->marks[2 * m + 1], <=, strlen (r->context));
      if (m)
        g_string_append_c (s, '|');
      g_string_append_len (s, r->context + r->marks[2 * m], r->marks[2 * m + 1] - r->marks[2 * m]);
    }
  return g_string_free (s, FALSE);
}

/* The result for that event, or NULL */
static TriSearchResult *
find_event (GPtrArray *results,
            gint64     id)
{
  for (guint i = 0; i < results->len; i++)
    {
      TriSearchResult *r = g_ptr_array_index (results, i);

      if (r->kind == TRI_SEARCH_EVENT && r->id == id)
        return r;
    }
  return NULL;
}

static TriSearchResult *
event_result (GPtrArray *results,
              gint64     id)
{
  TriSearchResult *r = find_event (results, id);

  if (r == NULL)
    g_error ("event %" G_GINT64_FORMAT " is not among the %u results", id, results->len);
  return r;
}

static void
test_fold (void)
{
  static const char * const pairs[][2] = {
    { "Bình Nhưỡng", "binh nhuong" },
    { "Điện Biên", "dien bien" },
    { "ĐÔNG BẮC Á", "dong bac a" },
    { "Пётр ЁЛКА", "петр елка" },
    { "ПУТИН", "путин" },
    { "普京 푸틴", "普京 푸틴" },   /* Hangul is not decomposed into jamo */
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *folded = tri_search_fold (pairs[i][0], NULL);
      g_assert_cmpstr (folded, ==, pairs[i][1]);
    }
}

static void
test_vietnamese (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autoptr(TriSearch) search = built (path);
  g_autoptr(GPtrArray) a = query (search, "binh nhuong", "en");
  g_autoptr(GPtrArray) b = query (search, "Dien Bien", "en");
  g_autoptr(GPtrArray) c = query (search, "ĐIỆN BIÊN PHỦ", "vi");
  TriSearchResult *r;
  g_autofree char *ma = NULL;
  g_autofree char *mb = NULL;

  /* the bundled briefing's Vietnamese names Bình Nhưỡng in many events */
  g_assert_cmpuint (a->len, >, 3);
  r = g_ptr_array_index (a, 0);
  g_assert_cmpint (r->kind, ==, TRI_SEARCH_EVENT);
  g_assert_cmpstr (r->lang, ==, "vi");
  ma = marked (r);
  g_assert_nonnull (strstr (ma, "Bình|Nhưỡng"));

  r = event_result (b, 2);
  g_assert_cmpstr (r->lang, ==, "vi");
  g_assert_cmpstr (r->field, ==, "title");
  g_assert_cmpstr (r->context, ==, "Kỷ niệm chiến thắng Điện Biên Phủ");
  mb = marked (r);
  g_assert_cmpstr (mb, ==, "Điện|Biên");
  /* the title, where the words are, ranks first */
  g_assert_true (find_event (c, 2) == g_ptr_array_index (c, 0));
}

static void
test_russian (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autoptr(TriSearch) search = built (path);
  static const char * const queries[] = { "петр", "ПЕТР", "Пётр", "ЁЛКА", "елка", "екатеринбурге" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) results = query (search, queries[i], "ru");
      TriSearchResult *r = event_result (results, 2);

      g_assert_cmpstr (r->lang, ==, "ru");
      g_assert_cmpuint (r->n_marks, ==, 1);
    }

  {
    g_autoptr(GPtrArray) a = query (search, "ПУТИН", "ru");
    g_autoptr(GPtrArray) b = query (search, "путин", "ru");

    g_assert_cmpuint (a->len, >, 3);
    g_assert_cmpuint (a->len, ==, b->len);
    for (guint i = 0; i < a->len; i++)
      {
        TriSearchResult *r = g_ptr_array_index (a, i);
        g_autofree char *m = marked (r);
        g_autofree char *folded = tri_search_fold (m, NULL);

        /* Путин, Путина, Путину: the word and what follows it */
        g_assert_true (g_str_has_prefix (folded, "путин"));
      }
  }
}

static void
check_substring (TriSearch  *search,
                 const char *word,
                 const char *lang,
                 guint       at_least)
{
  g_autoptr(GPtrArray) results = query (search, word, lang);
  guint in_lang = 0;

  g_assert_cmpuint (results->len, >=, at_least);
  for (guint i = 0; i < results->len; i++)
    {
      TriSearchResult *r = g_ptr_array_index (results, i);
      g_autofree char *m = marked (r);

      /* every mark is the word itself, within the text */
      g_assert_cmpuint (r->n_marks, >=, 1);
      g_assert_nonnull (strstr (r->context, word));
      g_assert_true (g_str_has_prefix (m, word));
      in_lang += g_strcmp0 (r->lang, lang) == 0;
    }
  g_assert_cmpuint (in_lang, >=, at_least);
}

static void
test_cjk (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autoptr(TriSearch) search = built (path);

  /* two-character names, in the middle of sentences without spaces */
  check_substring (search, "普京", "zh_CN", 5);
  check_substring (search, "朝鲜", "zh_CN", 5);
  check_substring (search, "푸틴", "ko", 5);
  check_substring (search, "金正恩", "zh_CN", 3);
  check_substring (search, "俄罗斯", "zh_CN", 3);

  /* the pairs of a run follow each other: 普 … 朝 apart is no match */
  {
    g_autoptr(GPtrArray) results = query (search, "普朝", "zh_CN");
    g_assert_cmpuint (results->len, ==, 0);
  }
}

/* Kana fold as they are compared (ガ → カ: the voicing mark goes), in a
 * run of their own and beside Han */
static void
test_kana (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autoptr(TriSearch) search = NULL;

  tri_test_sql (path, "UPDATE event_text SET title = '俄罗斯ガスプロム公司' WHERE event = 5 AND lang = 'zh_CN';");
  search = built (path);
  {
    g_autoptr(GPtrArray) voiced = query (search, "ガス", "zh_CN");
    g_autoptr(GPtrArray) plain = query (search, "カスプ", "zh_CN");
    g_autoptr(GPtrArray) mixed = query (search, "斯ガ", "zh_CN");
    TriSearchResult *r = event_result (voiced, 5);
    g_autofree char *m = marked (r);

    g_assert_cmpstr (m, ==, "ガス");
    g_assert_nonnull (find_event (plain, 5));
    g_assert_nonnull (find_event (mixed, 5));
  }
}

static void
test_hostile (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autoptr(TriSearch) search = built (path);
  static const char * const queries[] = {
    "NEAR(", "NEAR(putin treaty, 2)", "\"unbalanced", "\"", "'", "*", "-", "^", "^putin",
    "putin*", "-putin", "putin OR treaty AND NOT lavrov", "f0:putin", "{f0 f1}: putin",
    "(", ")", "()", "\"\"", "+", ":", "\\", "%", "_", "'; DROP TABLE doc; --", "\xff\xfe",
    "", "   ",
  };
  g_autofree char *long_word = g_strnfill (10000, 'a');
  g_autoptr(GString) long_words = g_string_new (NULL);
  const char nul[] = "putin\0treaty";

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) results = query (search, queries[i], "en");
      (void) results;
    }
  for (guint i = 0; i < 5000; i++)
    g_string_append (long_words, "NEAR( \" ");
  g_assert_cmpuint (g_utf8_strlen (long_words->str, -1), >=, 10000);
  /* 10,000 characters of a word found: found, as the word alone is */
  {
    g_autoptr(GString) many = g_string_new (NULL);

    while (many->len < 10000)
      g_string_append (many, "Putin \"NEAR\" ");
    {
      g_autoptr(GPtrArray) a = query (search, many->str, "en");
      g_autoptr(GPtrArray) b = query (search, "putin near", "en");

      g_assert_cmpuint (b->len, >, 0);
      g_assert_cmpuint (a->len, ==, b->len);
    }
  }
  {
    g_autoptr(GPtrArray) a = query (search, long_word, "en");
    g_autoptr(GPtrArray) b = query (search, long_words->str, "en");
    g_autoptr(GPtrArray) c = query (search, nul, "en");   /* ends at the NUL */
    g_autoptr(GPtrArray) d = query (search, "putin", "en");
    g_autoptr(GPtrArray) e = query (search, "NEAR(putin", "en");
    g_autoptr(GPtrArray) f = query (search, "\"putin", "en");

    g_assert_cmpuint (a->len, ==, 0);
    g_assert_cmpuint (c->len, ==, d->len);
    /* the operators are separators: the words are still found */
    g_assert_cmpuint (d->len, >, 0);
    g_assert_cmpuint (e->len, >, 0);
    g_assert_cmpuint (f->len, ==, d->len);
  }
}

/* A file can hold text that is not UTF-8 (the store refuses to write it):
 * such a field has nothing to find in it, and the rest of the thing is
 * still found, its context never the broken bytes */
static void
test_not_utf8 (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autoptr(TriSearch) search = NULL;
  static const char * const broken[] = {
    "X'7A7970686572C0AF'",         /* an overlong "/" */
    "X'7A797068657245EDA080'",     /* a surrogate (CESU-8) */
    "X'7A79706865724CF4908080'",   /* above U+10FFFF */
    "X'7A797068657245E282'",       /* cut short */
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "UPDATE event_text SET title = 'Quokka number %u', summary = CAST (%s AS TEXT)"
        " WHERE event = %u AND lang = 'en';", i, broken[i], 3 + i);

      tri_test_sql (path, sql);
    }
  search = built (path);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *q = g_strdup_printf ("quokka %u", i);
      g_autoptr(GPtrArray) found = query (search, q, "en");
      TriSearchResult *r = event_result (found, 3 + i);

      g_assert_cmpstr (r->field, ==, "title");
      g_assert_true (g_utf8_validate (r->context, -1, NULL));
    }
  {
    /* "zypher" is only in the broken bytes */
    g_autoptr(GPtrArray) none = query (search, "zypher", "en");

    g_assert_cmpuint (none->len, ==, 0);
  }
}

/* The folders of the index's texts (TEXTS_DIR_PREFIX) of process @pid */
static guint
count_texts_dirs (GPid pid)
{
  g_autofree char *prefix = g_strdup_printf ("trilateral-search-%d-", (int) pid);
  g_autoptr(GDir) d = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

static char *
make_texts_dir (GPid pid)
{
  g_autofree char *name = g_strdup_printf ("trilateral-search-%d-test", (int) pid);
  char *dir = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autofree char *file = g_build_filename (dir, "texts.sqlite", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "left behind", -1, NULL));
  return dir;
}

/* The index and its texts are on disk, not in memory: the texts' folder
 * lives as long as the index, and goes with it; the folder of a process
 * that died while building goes with the next build; another live
 * process's stays */
static void
test_texts_on_disk (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  const char *argv[] = { "true", NULL };
  GPid dead = 0;
  g_autofree char *stale = NULL;
  g_autofree char *live = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &dead, &error));
  g_assert_no_error (error);
  waitpid (dead, NULL, 0);
  stale = make_texts_dir (dead);
  live = make_texts_dir (getppid ());

  {
    g_autoptr(TriSearch) search = built (path);
    /* the texts have a database of their own where a thread reads them */
    guint own = g_get_num_processors () >= 2 ? 1 : 0;

    g_assert_cmpuint (count_texts_dirs (getpid ()), ==, own);
    g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (live, G_FILE_TEST_IS_DIR));
    /* a rebuild replaces the folder with its own */
    g_assert_true (tri_search_build (search, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_texts_dirs (getpid ()), ==, own);
    {
      g_autoptr(GPtrArray) results = query (search, "Pyongyang", "en");

      g_assert_cmpuint (results->len, >, 0);
    }
  }
  g_assert_cmpuint (count_texts_dirs (getpid ()), ==, 0);
  {
    g_autofree char *file = g_build_filename (live, "texts.sqlite", NULL);

    g_unlink (file);
    g_rmdir (live);
  }
}

static void
test_rebuilt (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autoptr(TriSearch) search = built (path);
  g_autofree char *other = g_build_filename (dir, "other.sqlite", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GPtrArray) results = query (search, "quokkafication", "en");
    g_assert_cmpuint (results->len, ==, 0);
  }

  /* the file changes: the index says it is stale, and a build finds the new word */
  tri_test_sql (path, "UPDATE event_text SET title = 'The quokkafication summit' WHERE event = 3 AND lang = 'en';");
  g_assert_false (tri_search_is_current (search));
  g_assert_true (tri_search_build (search, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tri_search_is_current (search));
  {
    g_autoptr(GPtrArray) results = query (search, "quokkafication", "en");
    g_assert_cmpuint (results->len, ==, 1);
    g_assert_nonnull (find_event (results, 3));
  }

  /* another file in its place (its identity), even of the same size and
   * modification time: a byte-for-byte copy renamed over it */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;
    struct stat st, now;
    struct timespec times[2];

    g_assert_true (g_file_get_contents (path, &contents, &length, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (other, contents, (gssize) length, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    times[0] = st.st_atim;
    times[1] = st.st_mtim;
    g_assert_cmpint (utimensat (AT_FDCWD, other, times, 0), ==, 0);
    g_assert_true (tri_search_is_current (search));
    g_assert_cmpint (g_rename (other, path), ==, 0);
    g_assert_cmpint (g_stat (path, &now), ==, 0);
    g_assert_cmpint (now.st_size, ==, st.st_size);
    g_assert_cmpint (now.st_mtim.tv_sec, ==, st.st_mtim.tv_sec);
    g_assert_cmpint (now.st_mtim.tv_nsec, ==, st.st_mtim.tv_nsec);
    g_assert_cmpuint (now.st_ino, !=, st.st_ino);
    g_assert_false (tri_search_is_current (search));
    /* built again, it is current, and finds what it found */
    g_assert_true (tri_search_build (search, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (tri_search_is_current (search));
    {
      g_autoptr(GPtrArray) results = query (search, "quokkafication", "en");
      g_assert_nonnull (find_event (results, 3));
    }
  }
}

/* The index answers while it is built again: the previous one, until the
 * new one takes its place */
static void
on_rebuilt (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = data;

  g_assert_true (tri_search_build_finish (TRI_SEARCH (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_rebuild_meanwhile (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autoptr(TriSearch) search = NULL;
  gboolean done = FALSE;
  gint64 start;

  /* 20,000 more events, so that the build takes a while (a hundred ms or more) */
  tri_test_sql (path,
                "UPDATE event_text SET title = 'The quokkafication summit' WHERE event = 3 AND lang = 'en';"
                "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                "  INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
                "  SELECT 1000000 + i, '1990-01-01', 'day', 2447893, 2447893, 'diplomacy', 'reported' FROM n;"
                "INSERT INTO event_text (event, lang, title, summary)"
                "  SELECT id, 'en', 'Filler talks number ' || id,"
                "         'Delegations met again to discuss the agenda of the next round of talks, ' ||"
                "         'trade, border crossings and the exchange of students, number ' || id"
                "  FROM event WHERE id > 1000000;");
  search = built (path);
  tri_test_sql (path, "UPDATE event_text SET title = 'The wallabification summit' WHERE event = 3 AND lang = 'en';");
  g_assert_false (tri_search_is_current (search));

  start = g_get_monotonic_time ();
  tri_search_build_async (search, NULL, on_rebuilt, &done);
  /* at once, while the worker reads the file: the index built before */
  {
    g_autoptr(GPtrArray) old = query (search, "quokkafication", "en");
    g_autoptr(GPtrArray) fresh = query (search, "wallabification", "en");

    g_assert_false (done);
    g_assert_nonnull (find_event (old, 3));
    g_assert_cmpuint (fresh->len, ==, 0);
  }
  /* and at any moment until it is done: the one or the other, never an
   * error, and never the old one again once the new one has answered */
  while (!done)
    {
      g_autoptr(GPtrArray) fresh = query (search, "wallabification", "en");
      g_autoptr(GPtrArray) old = query (search, "quokkafication", "en");

      g_assert_cmpuint (fresh->len, <=, 1);
      g_assert_cmpuint (old->len, <=, 1);
      if (fresh->len == 1)
        g_assert_cmpuint (old->len, ==, 0);
      g_usleep (5000);
      g_main_context_iteration (NULL, FALSE);
    }
  g_test_message ("rebuilt in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_true (tri_search_is_current (search));
  {
    g_autoptr(GPtrArray) old = query (search, "quokkafication", "en");
    g_autoptr(GPtrArray) fresh = query (search, "wallabification", "en");

    g_assert_cmpuint (old->len, ==, 0);
    g_assert_nonnull (find_event (fresh, 3));
  }
}

/* updatable: built knowing it will be edited (the rows' lookup made by
 * the build), else made by the first update */
static void
update_events (gboolean updatable)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autoptr(TriSearch) search = tri_search_new (path);
  g_autoptr(GError) error = NULL;
  const gint64 events[] = { 2 };

  tri_search_set_updatable (search, updatable);
  g_assert_true (tri_search_build (search, NULL, &error));
  g_assert_no_error (error);
  tri_test_sql (path, "UPDATE event_text SET title = 'Wombatisation talks' WHERE event = 2 AND lang = 'en';");
  g_assert_true (tri_search_update_events (search, events, 1, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) now = query (search, "wombatisation", "en");
    g_autoptr(GPtrArray) before = query (search, "fir tree", "en");
    g_autoptr(GPtrArray) vi = query (search, "dien bien phu", "en");

    g_assert_nonnull (find_event (now, 2));
    g_assert_null (find_event (before, 2));
    /* its other languages are there still, once each */
    g_assert_nonnull (find_event (vi, 2));
  }
  /* an event removed: found no more */
  tri_test_sql (path, "DELETE FROM event_text WHERE event = 2;");
  g_assert_true (tri_search_update_events (search, events, 1, &error));
  {
    g_autoptr(GPtrArray) now = query (search, "wombatisation", "en");
    g_assert_cmpuint (now->len, ==, 0);
  }
}

static void
test_update_events (void)
{
  update_events (FALSE);
  update_events (TRUE);
}

static void
on_built (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tri_search_build_finish (TRI_SEARCH (source), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (data);
}

static void
test_async (void)
{
  g_autoptr(TriSearch) search = tri_search_new (tri_test_briefing_path ());
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_false (tri_search_is_built (search));
  g_assert_null (tri_search_query (search, "putin", "en", 0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  tri_search_build_async (search, NULL, on_built, loop);
  g_main_loop_run (loop);
  {
    g_autoptr(GPtrArray) results = query (search, "putin", "en");
    g_assert_cmpuint (results->len, >, 0);
  }
}

static void
on_cancelled (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GError **error = data;

  g_assert_false (tri_search_build_finish (TRI_SEARCH (source), result, error));
}

/* A build cancelled (the window closed while it builds) says so, and the
 * index built before still answers */
static void
test_cancelled (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autoptr(TriSearch) search = built (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  tri_search_build_async (search, cancellable, on_cancelled, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (tri_search_is_built (search));
  {
    g_autoptr(GPtrArray) results = query (search, "dien bien phu", "en");
    g_assert_nonnull (find_event (results, 2));
  }
}

static int
run (char       **out,
     const char  *db,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TRI_EXE"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (args, db);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = briefing (dir);
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *hostile = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  gboolean found = FALSE;

  g_assert_cmpint (run (&out, path, "--search", "dien bien", NULL), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);

      /* kind, id, date, language, field, text with [the match] */
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      g_assert_nonnull (strchr (f[5], '['));
      if (g_str_equal (f[0], "event") && g_str_equal (f[1], "2"))
        {
          g_assert_cmpstr (f[3], ==, "vi");
          g_assert_cmpstr (f[5], ==, "Kỷ niệm chiến thắng [Điện] [Biên] Phủ");
          found = TRUE;
        }
    }
  g_assert_true (found);

  g_assert_cmpint (run (&json, path, "--search", "푸틴", "--json", "--lang", "ko", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      const char *text = json_object_get_string_member (o, "text");
      JsonArray *marks = json_object_get_array_member (o, "marks");
      JsonArray *first = json_array_get_array_element (marks, 0);
      /* offsets in characters */
      const char *s = g_utf8_offset_to_pointer (text, json_array_get_int_element (first, 0));
      const char *e = g_utf8_offset_to_pointer (text, json_array_get_int_element (first, 1));

      g_assert_true (json_object_has_member (o, "kind"));
      g_assert_true (json_object_has_member (o, "id"));
      g_assert_true (json_object_has_member (o, "date"));
      g_assert_cmpstr (json_object_get_string_member (o, "lang"), ==, "ko");
      g_assert_cmpint (e - s, ==, strlen ("푸틴"));
      g_assert_cmpint (strncmp (s, "푸틴", e - s), ==, 0);
    }

  /* FTS5 syntax is words, never an error */
  g_assert_cmpint (run (&hostile, path, "--search", "NEAR(\"putin", NULL), ==, 0);
  g_assert_nonnull (strstr (hostile, "[Putin]"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/fold", test_fold);
  g_test_add_func ("/search/vietnamese", test_vietnamese);
  g_test_add_func ("/search/russian", test_russian);
  g_test_add_func ("/search/chinese-korean", test_cjk);
  g_test_add_func ("/search/kana", test_kana);
  g_test_add_func ("/search/hostile", test_hostile);
  g_test_add_func ("/search/not-utf8", test_not_utf8);
  g_test_add_func ("/search/texts-on-disk", test_texts_on_disk);
  g_test_add_func ("/search/rebuilt", test_rebuilt);
  g_test_add_func ("/search/rebuild-meanwhile", test_rebuild_meanwhile);
  g_test_add_func ("/search/update-events", test_update_events);
  g_test_add_func ("/search/async", test_async);
  g_test_add_func ("/search/cancelled", test_cancelled);
  g_test_add_func ("/search/cli", test_cli);
  return g_test_run ();
}
