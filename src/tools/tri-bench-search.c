/* tri-bench-search.c: search at scale (scripts/bench --search)
 *
 * Usage: tri-bench-search BRIEFING [RUNS [CJK-BRIEFING]]
 *
 * Prints numbers, passes or fails nothing:
 *   - search_build_ms: building the private index of BRIEFING (median of
 *     RUNS builds; tri_search_build, as the window's worker thread runs it);
 *   - search_query_ms QUERY: each query's median over 51 runs (wall clock
 *     and the process's CPU time: the machine may be shared), and the
 *     number of results;
 *   - for Han and Hangul, the ways of finding a two-character word that
 *     were measured (README, "Search"), on a corpus of 100,000 rows cycled
 *     from BRIEFING's zh_CN and ko titles and summaries: our pairs in the
 *     unicode61 index, the trigram tokenizer with LIKE, and LIKE alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-bench-search"

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include <sys/resource.h>

#include "store/tri-search.h"

static double
cpu_ms (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec * 1000.0 + u.ru_utime.tv_usec / 1000.0 +
         u.ru_stime.tv_sec * 1000.0 + u.ru_stime.tv_usec / 1000.0;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, compare_double);
  return v[n / 2];
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static double
time_count (sqlite3    *db,
            const char *sql,
            const char *arg,
            int        *count)
{
  double t[11];

  for (guint r = 0; r < G_N_ELEMENTS (t); r++)
    {
      sqlite3_stmt *stmt = NULL;
      double t0 = now_ms ();

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        g_error ("%s: %s", sql, sqlite3_errmsg (db));
      sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
      *count = 0;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        (*count)++;
      sqlite3_finalize (stmt);
      t[r] = now_ms () - t0;
    }
  return median (t, G_N_ELEMENTS (t));
}

/* pairs of Han/Hangul as tokens, as tri-search indexes them */
static char *
pairs (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *a = text; *a; a = g_utf8_next_char (a))
    {
      const char *b = g_utf8_next_char (a);

      g_string_append_len (out, a, (*b ? g_utf8_next_char (b) : b) - a);
      g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}

static void
cjk_alternatives (const char *path)
{
  g_autofree char *uri = g_strconcat ("file:", path, "?mode=ro", NULL);
  static const char * const words[] = { "普京", "朝鲜", "푸틴", "평양", "普京访问" };
  sqlite3 *src = NULL, *db = NULL;
  sqlite3_stmt *sel = NULL, *ins = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  double t0;

  if (sqlite3_open_v2 (uri, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (src));
  sqlite3_prepare_v2 (src, "SELECT title || ' ' || coalesce (summary, '') FROM event_text"
                           " WHERE lang IN ('zh_CN', 'ko')", -1, &sel, NULL);
  while (sqlite3_step (sel) == SQLITE_ROW)
    g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (sel, 0)));
  sqlite3_finalize (sel);
  sqlite3_close (src);
  if (texts->len == 0)
    {
      printf ("# no zh_CN or ko text in %s: the Han and Hangul comparison is skipped\n", path);
      g_ptr_array_unref (texts);
      return;
    }

  sqlite3_open (":memory:", &db);
  exec (db, "CREATE VIRTUAL TABLE tri USING fts5 (body, detail = full, columnsize = 0, tokenize = 'trigram');"
            "CREATE VIRTUAL TABLE big USING fts5 (body, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 0');"
            "CREATE TABLE plain (body TEXT);");
  for (guint table = 0; table < 3; table++)
    {
      static const char * const ins_sql[] = {
        "INSERT INTO tri (rowid, body) VALUES (?1, ?2)",
        "INSERT INTO big (rowid, body) VALUES (?1, ?2)",
        "INSERT INTO plain (rowid, body) VALUES (?1, ?2)",
      };
      static const char * const names[] = { "trigram", "pairs", "plain" };

      exec (db, "BEGIN");
      sqlite3_prepare_v2 (db, ins_sql[table], -1, &ins, NULL);
      t0 = now_ms ();
      for (int i = 0; i < 100000; i++)
        {
          const char *text = g_ptr_array_index (texts, i % texts->len);
          g_autofree char *p = table == 1 ? pairs (text) : NULL;

          sqlite3_bind_int (ins, 1, i + 1);
          sqlite3_bind_text (ins, 2, p ? p : text, -1, SQLITE_STATIC);
          sqlite3_step (ins);
          sqlite3_reset (ins);
        }
      sqlite3_finalize (ins);
      exec (db, "COMMIT");
      printf ("cjk_build_ms\t%s\t100000 rows\t%.0f\n", names[table], now_ms () - t0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *p = pairs (words[i]);
      g_auto(GStrv) tokens = g_strsplit (g_strstrip (p), " ", -1);
      g_autoptr(GString) q = g_string_new (NULL);
      g_autofree char *like = g_strdup_printf ("%%%s%%", words[i]);
      int n;
      double ms;

      /* the last token is the last character alone: drop it, as tri-search does */
      for (guint k = 0; tokens[k] != NULL && (tokens[k + 1] != NULL || k == 0); k++)
        g_string_append_printf (q, "%s\"%s\"", q->len ? " " : "", tokens[k]);
      ms = time_count (db, "SELECT rowid FROM big WHERE big MATCH ?1 ORDER BY rowid DESC LIMIT 2000", q->str, &n);
      printf ("cjk_query_ms\tpairs (unicode61)\t%s\t%.2f\t%d rows (limit 2000)\n", words[i], ms, n);
      ms = time_count (db, "SELECT rowid FROM tri WHERE body LIKE ?1 ORDER BY rowid DESC LIMIT 2000", like, &n);
      printf ("cjk_query_ms\ttrigram LIKE\t%s\t%.2f\t%d rows (limit 2000)\n", words[i], ms, n);
      ms = time_count (db, "SELECT rowid FROM plain WHERE body LIKE ?1 ORDER BY rowid DESC LIMIT 2000", like, &n);
      printf ("cjk_query_ms\tLIKE scan\t%s\t%.2f\t%d rows (limit 2000)\n", words[i], ms, n);
      ms = time_count (db, "SELECT count (*) FROM (SELECT rowid FROM plain WHERE instr (body, ?1) > 0)", words[i], &n);
      printf ("cjk_query_ms\tinstr scan, all rows\t%s\t%.2f\n", words[i], ms);
    }
  sqlite3_close (db);
  g_ptr_array_unref (texts);
}

int
main (int    argc,
      char **argv)
{
  static const char * const queries[] = {
    "binh nhuong", "Pyongyang", "treaty moscow", "hiep uoc", "Đông Bắc Á",
    "trung phat", "sanct", "普京", "푸틴", "NEAR(treaty", "zzzz",
  };
  g_autoptr(TriSearch) search = NULL;
  g_autoptr(GError) error = NULL;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 3;
  double *t;

  if (argc < 2)
    {
      g_printerr ("Usage: %s BRIEFING [RUNS]\n", argv[0]);
      return 2;
    }
  runs = MAX (runs, 1);
  t = g_new (double, MAX (runs, 51));
  double *cpu = g_new (double, runs);
  search = tri_search_new (argv[1]);
  for (guint r = 0; r < runs; r++)
    {
      double t0 = now_ms (), c0 = cpu_ms ();

      if (!tri_search_build (search, NULL, &error))
        g_error ("%s", error->message);
      t[r] = now_ms () - t0;
      cpu[r] = cpu_ms () - c0;
    }
  printf ("search_build_ms\t%.0f\tcpu %.0f\t(median of %u)\n", median (t, runs), median (cpu, runs), runs);
  g_free (cpu);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      guint n = 0;
      double c[51];

      for (guint r = 0; r < 51; r++)
        {
          double t0 = now_ms (), c0 = cpu_ms ();
          g_autoptr(GPtrArray) results = tri_search_query (search, queries[i], "en", 0, &error);

          if (results == NULL)
            g_error ("%s", error->message);
          t[r] = now_ms () - t0;
          c[r] = cpu_ms () - c0;
          n = results->len;
        }
      printf ("search_query_ms\t%s\t%.2f\tcpu %.2f\t%u results\n", queries[i], median (t, 51), median (c, 51), n);
    }
  g_free (t);

  if (argc > 3)
    cjk_alternatives (argv[3]);
  return 0;
}
