/* tri-bench-search.c: search at scale (scripts/bench --search)
 *
 * Usage: tri-bench-search [--build-only] BRIEFING [RUNS [CJK-BRIEFING]]
 *
 * Prints numbers, passes or fails nothing:
 *   - search_build_ms: building the private index of BRIEFING (median of
 *     RUNS builds; tri_search_build, as the window's worker thread runs it);
 *     with --build-only, only that;
 *   - search_build_async_ms: a build on a worker thread while the main
 *     loop ticks every 16 ms (how late its ticks ran), the first and a
 *     rebuild queried every 160 ms (answered by the index built before);
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
#include <string.h>

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

/* The load average over the last minute */
static const char *
load (void)
{
  static char text[32];
  g_autofree char *all = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &all, NULL, NULL))
    return "?";
  g_strlcpy (text, all, sizeof text);
  text[strcspn (text, " ")] = '\0';
  return text;
}

/* The CPU time of the build's reading and writing threads, from its debug
 * messages: with two cores free, the build takes the longer of the two */
static GMutex thread_lock;
static double thread_read_ms, thread_write_ms, thread_build_ms;

static void
on_search_debug (const char     *domain,
                 GLogLevelFlags  level,
                 const char     *message,
                 gpointer        data)
{
  double ms;
  const char *p;

  g_mutex_lock (&thread_lock);
  if (sscanf (message, "reading thread: %lf ms", &ms) == 1)
    thread_read_ms = ms;
  else if (sscanf (message, "writing thread: %lf ms", &ms) == 1)
    thread_write_ms = ms;
  else if ((p = strstr (message, "building thread: ")) != NULL && sscanf (p, "building thread: %lf", &ms) == 1)
    thread_build_ms = ms;
  g_mutex_unlock (&thread_lock);
}

static double
critical_path_ms (void)
{
  double ms;

  g_mutex_lock (&thread_lock);
  ms = MAX (thread_read_ms, thread_write_ms) + thread_build_ms;
  g_mutex_unlock (&thread_lock);
  return ms;
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

/* The window's main thread while the index is built on a worker thread
 * (tri_search_build_async): a 16 ms tick, as a frame clock's, and how
 * late each tick ran; with query, a search every tenth tick (answered by
 * the index built before, while the new one is built) */
typedef struct
{
  GMainLoop *loop;
  TriSearch *search;
  const char *query;
  gint64     last;
  GArray    *late;      /* ms after the 16 ms it was due */
  GArray    *queries;   /* ms, at each tick */
  guint      answered;  /* queries that found something */
  double     done;
} Ticking;

static gboolean
on_tick (gpointer data)
{
  Ticking *t = data;
  gint64 now = g_get_monotonic_time ();
  double late = (now - t->last) / 1000.0 - 16;

  g_array_append_val (t->late, late);
  t->last = now;
  /* a query every tenth tick: someone typing while it builds */
  if (t->query != NULL && t->late->len % 10 == 0)
    {
      g_autoptr(GError) error = NULL;
      double t0 = now_ms (), ms;
      g_autoptr(GPtrArray) results = tri_search_query (t->search, t->query, "en", 0, &error);

      if (results == NULL)
        g_error ("a query during the build: %s", error->message);
      ms = now_ms () - t0;
      g_array_append_val (t->queries, ms);
      t->answered += results->len > 0;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_built (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Ticking *t = data;
  g_autoptr(GError) error = NULL;

  if (!tri_search_build_finish (TRI_SEARCH (source), result, &error))
    g_error ("%s", error->message);
  t->done = now_ms ();
  g_main_loop_quit (t->loop);
}

static void
build_async (TriSearch  *search,
             const char *query,
             const char *what)
{
  Ticking t = { 0 };
  double t0, c0;
  guint tick;

  t.loop = g_main_loop_new (NULL, FALSE);
  t.search = search;
  t.query = query;
  t.late = g_array_new (FALSE, FALSE, sizeof (double));
  t.queries = g_array_new (FALSE, FALSE, sizeof (double));
  t0 = now_ms ();
  c0 = cpu_ms ();
  t.last = g_get_monotonic_time ();
  tick = g_timeout_add (16, on_tick, &t);
  tri_search_build_async (search, NULL, on_built, &t);
  g_main_loop_run (t.loop);
  g_source_remove (tick);
  {
    double late_max = 0, query_max = 0;

    for (guint i = 0; i < t.late->len; i++)
      late_max = MAX (late_max, g_array_index (t.late, double, i));
    for (guint i = 0; i < t.queries->len; i++)
      query_max = MAX (query_max, g_array_index (t.queries, double, i));
    printf ("search_build_async_ms\t%s\t%.0f\tcpu %.0f, the busier thread's %.0f\t%u ticks of 16 ms: late by median %.1f ms, at most %.1f ms\n",
            what, t.done - t0, cpu_ms () - c0, critical_path_ms (), t.late->len,
            t.late->len ? median ((double *) t.late->data, t.late->len) : 0,
            late_max);
    if (query != NULL)
      printf ("search_query_during_build_ms\t%s\t%u queries, %u answered\tmedian %.2f\tat most %.2f\n",
              query, t.queries->len, t.answered,
              t.queries->len ? median ((double *) t.queries->data, t.queries->len) : 0,
              query_max);
  }
  g_array_unref (t.late);
  g_array_unref (t.queries);
  g_main_loop_unref (t.loop);
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
  gboolean build_only = argc > 1 && g_str_equal (argv[1], "--build-only");
  guint runs;
  double *t;

  if (build_only)
    {
      argv++;
      argc--;
    }
  runs = argc > 2 ? (guint) atoi (argv[2]) : 3;
  if (argc < 2)
    {
      g_printerr ("Usage: %s [--build-only] BRIEFING [RUNS [CJK-BRIEFING]]\n", argv[0]);
      return 2;
    }
  runs = MAX (runs, 1);
  t = g_new (double, MAX (runs, 51));
  double *cpu = g_new (double, runs);
  double *path = g_new (double, runs);

  g_log_set_handler ("tri-search", G_LOG_LEVEL_DEBUG, on_search_debug, NULL);
  search = tri_search_new (argv[1]);
  for (guint r = 0; r < runs; r++)
    {
      double t0 = now_ms (), c0 = cpu_ms ();

      if (!tri_search_build (search, NULL, &error))
        g_error ("%s", error->message);
      t[r] = now_ms () - t0;
      cpu[r] = cpu_ms () - c0;
      path[r] = critical_path_ms ();
    }
  printf ("search_build_ms\t%.0f\tcpu %.0f\tthe busier thread's CPU %.0f\t(median of %u; load %s)\n",
          median (t, runs), median (cpu, runs), median (path, runs), runs, load ());
  g_free (cpu);
  g_free (path);
  if (build_only)
    {
      g_free (t);
      return 0;
    }

  /* on a worker thread, as the window builds it after its first frame:
   * the first build, then a rebuild queried as it goes */
  {
    g_autoptr(TriSearch) fresh = tri_search_new (argv[1]);

    build_async (fresh, NULL, "first build");
    build_async (fresh, "treaty moscow", "rebuild, queried every 160 ms");
  }

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

  /* hostile: 10,000 characters (only the first 32 words are looked for) */
  {
    g_autofree char *letters = g_strnfill (10000, 'a');
    g_autoptr(GString) syntax = g_string_new (NULL);
    g_autoptr(GString) words = g_string_new (NULL);
    const char *hostile[3];
    static const char * const names[] = { "10,000 × a", "5,000 × NEAR( \"", "10,000 characters of words" };

    while (syntax->len < 10000)
      g_string_append (syntax, "NEAR( \" ");
    while (words->len < 10000)
      g_string_append (words, "treaty moscow hiep uoc ");
    hostile[0] = letters;
    hostile[1] = syntax->str;
    hostile[2] = words->str;
    for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
      {
        guint n = 0;

        for (guint r = 0; r < 51; r++)
          {
            double t0 = now_ms ();
            g_autoptr(GPtrArray) results = tri_search_query (search, hostile[i], "en", 0, &error);

            if (results == NULL)
              g_error ("%s", error->message);
            t[r] = now_ms () - t0;
            n = results->len;
          }
        printf ("search_query_ms\t%s\t%.2f\t%u results\n", names[i], median (t, 51), n);
      }
  }
  g_free (t);

  if (argc > 3)
    cjk_alternatives (argv[3]);
  return 0;
}
