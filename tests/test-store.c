/* test-store.c: opening, identity checks, queries and migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store/tri-schema.h"
#include "store/tri-new-file.h"
#include "store/tri-state.h"
#include "store/tri-store.h"
#include "store/tri-validate.h"
#include "export/tri-export.h"
#include "render/tri-labels.h"
#include "tri-test-util.h"

static void
test_open_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), &error);
  g_autoptr(GPtrArray) en = NULL;
  g_autoptr(GPtrArray) vi = NULL;
  g_autofree char *title = NULL;
  const char *triangle[] = { "RUS", "CHN", "PRK" };

  g_assert_no_error (error);
  g_assert_nonnull (store);

  title = tri_store_dup_title (store, "en");
  g_assert_cmpstr (title, !=, "");
  g_assert_false (g_str_has_suffix (title, ".sqlite"));

  en = tri_store_list_actors (store, "en", &error);
  vi = tri_store_list_actors (store, "vi", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (en->len, >=, 5);
  for (guint i = 0; i < 3; i++)
    {
      TriActor *a = g_ptr_array_index (en, i);
      TriActor *v = g_ptr_array_index (vi, i);
      g_assert_cmpstr (a->code, ==, triangle[i]);
      g_assert_cmpstr (a->name, !=, v->name);
    }
  g_assert_cmpstr (((TriActor *) g_ptr_array_index (en, 0))->name, ==, "Russia");
  g_assert_cmpstr (((TriActor *) g_ptr_array_index (vi, 0))->name, ==, "Nga");
  g_assert_cmpstr (((TriActor *) g_ptr_array_index (en, 2))->name, ==, "North Korea");
  g_assert_cmphex (((TriActor *) g_ptr_array_index (en, 0))->color, ==, 0x0072B2);
}

static void
test_relations (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GError) error = NULL;
  TriRelation *a, *b;

  a = tri_store_find_relation (store, "RUS-PRK", &error);
  g_assert_no_error (error);
  b = tri_store_find_relation (store, "prk-rus", &error);
  g_assert_no_error (error);
  g_assert_true (a == b);
  g_assert_cmpstr (a->code, ==, "RUS-PRK");
  g_assert_cmpstr (tri_store_find_relation (store, "CHN-RUS", NULL)->code, ==, "RUS-CHN");
  g_assert_cmpstr (tri_store_find_relation (store, "PRK-CHN", NULL)->code, ==, "CHN-PRK");

  g_assert_null (tri_store_find_relation (store, "RUS-XYZ", &error));
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NO_SUCH);
  g_clear_error (&error);
  g_assert_null (tri_store_find_relation (store, "RUSPRK", &error));
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NO_SUCH);
}

static void
test_range_query (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GPtrArray) all = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  guint32 from, to;
  TriDate d;

  g_assert_cmpuint (all->len, >=, 25);

  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (tri_date_compare (&((TriEvent *) all->pdata[i - 1])->date,
                                       &((TriEvent *) all->pdata[i])->date), <=, 0);

  /* a window in autumn 2023: exactly the events whose span overlaps it */
  g_assert_true (tri_date_parse ("2023-09-01", &d, NULL));
  from = d.earliest;
  g_assert_true (tri_date_parse ("2023-10-15", &d, NULL));
  to = d.earliest;
  {
    g_autoptr(GPtrArray) some = tri_store_list_events (store, from, to, "en", NULL);
    guint expected = 0;

    for (guint i = 0; i < all->len; i++)
      {
        TriEvent *ev = all->pdata[i];
        if (ev->date.latest >= from && ev->date.earliest <= to)
          expected++;
      }
    g_assert_cmpuint (some->len, ==, expected);
    g_assert_cmpuint (some->len, >, 0);
    g_assert_cmpuint (some->len, <, all->len);
    for (guint i = 0; i < some->len; i++)
      {
        TriEvent *ev = some->pdata[i];
        g_assert_cmpuint (ev->date.latest, >=, from);
        g_assert_cmpuint (ev->date.earliest, <=, to);
        g_assert_cmpuint (ev->links->len, >, 0);
      }
  }
}

static char *describe_events (GPtrArray *events);

/* A range read from the file (a store that kept nothing) near the first
 * days, in the middle and near the last days (each found through the
 * index with fewer days to go through: the first days' or the last
 * days'), brief and full: the same events in the same order, with the
 * same links, as all time's events that overlap it */
static void
test_range_either_end (void)
{
  g_autoptr(TriStore) whole = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GPtrArray) all = tri_store_list_events (whole, 0, G_MAXUINT32, "en", NULL);

  g_assert_cmpuint (all->len, >=, 20);
  for (guint k = 0; k <= 10; k++)
    for (guint brief = 0; brief < 2; brief++)
      {
        g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
        /* from an event's last day to a later one's first: both ends held */
        guint a = k * (all->len - 1) / 10, b = MIN (a + all->len / 10, all->len - 1);
        guint32 from = ((TriEvent *) all->pdata[a])->date.latest;
        guint32 to = MAX (from, ((TriEvent *) all->pdata[b])->date.earliest);
        g_autoptr(GPtrArray) expected = g_ptr_array_new ();
        g_autoptr(GPtrArray) got = NULL;
        g_autofree char *want = NULL, *have = NULL;

        for (guint i = 0; i < all->len; i++)
          {
            TriEvent *ev = all->pdata[i];

            if (ev->date.latest >= from && ev->date.earliest <= to)
              g_ptr_array_add (expected, ev);
          }
        got = brief ? tri_store_list_events_untitled (store, from, to, "en", NULL)
                    : tri_store_list_events (store, from, to, "en", NULL);
        g_assert_nonnull (got);
        if (brief)
          tri_store_read_titles (store, got, "en", NULL);
        want = describe_events (expected);
        have = describe_events (got);
        g_assert_cmpstr (have, ==, want);
        if (k == 0 || k == 10)
          g_assert_cmpuint (got->len, >, 0);
      }
}

/* The ids and links of events, in order, as one string */
static char *
describe_events (GPtrArray *events)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      TriEvent *ev = events->pdata[i];

      g_string_append_printf (out, "%" G_GINT64_FORMAT ":%s:%u ", ev->id, ev->title, ev->links->len);
    }
  return g_string_free (out, FALSE);
}

/* A pan: each range overlaps the one before or touches it, so the store
 * reads only the days it lacks; what it answers is what a store that
 * never read before answers for that range, in both directions, brief and
 * full, and across a jump that shares no day */
static void
test_range_panned (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  guint32 earliest = 0, latest = 0, span;
  const int steps[] = { 0, -1, -2, -5, -9, -9, -4, 0, 3, 8, 12, 13, 40, 41, 41, 2 };

  tri_store_get_extent (store, &earliest, &latest);
  span = (latest - earliest) / 8;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      guint32 from = (guint32) ((gint64) earliest + 4 * (gint64) span + steps[i] * (gint64) span / 4);
      guint32 to = from + span;
      gboolean brief = i % 3 != 2;
      g_autoptr(TriStore) fresh = tri_store_open (tri_test_briefing_path (), NULL);
      g_autoptr(GPtrArray) got = brief ? tri_store_list_events_brief (store, from, to, "vi", NULL)
                                       : tri_store_list_events (store, from, to, "vi", NULL);
      g_autoptr(GPtrArray) want = brief ? tri_store_list_events_brief (fresh, from, to, "vi", NULL)
                                        : tri_store_list_events (fresh, from, to, "vi", NULL);
      g_autofree char *a = describe_events (got);
      g_autofree char *b = describe_events (want);

      g_assert_cmpstr (a, ==, b);
    }
}

/* A timeline that draws most of its events as counted bins reads the
 * titles of the few it labels, and no others: each as a full read has it
 * (in the language asked, the English one where it has none, the number
 * where the file has neither), and kept for the next read of the range */
static void
test_titles_read_for_some (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "titles.sqlite");
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) full = NULL, untitled = NULL, some = NULL, again = NULL, brief = NULL;
  g_autoptr(GError) error = NULL;
  gint64 no_vi, no_title;

  /* one event with only its English title, one with none */
  tri_test_sql (path, "DELETE FROM event_text WHERE lang = 'vi' AND event = (SELECT min (id) FROM event);"
                      "UPDATE event_text SET title = '' WHERE event = (SELECT max (id) FROM event);");
  {
    /* as a store that read them in full has them */
    g_autoptr(TriStore) other = tri_store_open (path, &error);

    g_assert_no_error (error);
    full = tri_store_list_events (other, 0, G_MAXUINT32, "vi", &error);
    g_assert_no_error (error);
  }
  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (full->len, >=, 20);
  no_vi = G_MAXINT64;
  no_title = 0;
  for (guint i = 0; i < full->len; i++)
    {
      no_vi = MIN (no_vi, ((TriEvent *) full->pdata[i])->id);
      no_title = MAX (no_title, ((TriEvent *) full->pdata[i])->id);
    }

  untitled = tri_store_list_events_untitled (store, 0, G_MAXUINT32, "vi", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (untitled->len, ==, full->len);
  some = g_ptr_array_new ();
  for (guint i = 0; i < untitled->len; i++)
    {
      TriEvent *ev = untitled->pdata[i];

      g_assert_null (ev->title);
      g_assert_null (ev->summary);
      g_assert_cmpint (ev->id, ==, ((TriEvent *) full->pdata[i])->id);
      g_assert_cmpuint (ev->links->len, ==, ((TriEvent *) full->pdata[i])->links->len);
      if (i % 3 == 0 || ev->id == no_vi || ev->id == no_title)
        g_ptr_array_add (some, ev);
    }
  g_assert_true (tri_store_read_titles (store, some, "vi", &error));
  g_assert_no_error (error);

  again = tri_store_list_events_untitled (store, 0, G_MAXUINT32, "vi", &error);
  for (guint i = 0; i < untitled->len; i++)
    {
      TriEvent *ev = untitled->pdata[i], *kept = again->pdata[i], *want = full->pdata[i];
      gboolean asked = g_ptr_array_find (some, ev, NULL);

      if (asked)
        g_assert_cmpstr (ev->title, ==, want->title);
      else
        g_assert_null (ev->title);
      /* the next read of the range has the titles read, and only those */
      g_assert_cmpstr (kept->title, ==, asked ? want->title : NULL);
      if (ev->id == no_title)
        {
          g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, ev->id);

          g_assert_cmpstr (ev->title, ==, number);
        }
    }
  for (guint i = 0; i < untitled->len; i++)
    if (((TriEvent *) untitled->pdata[i])->id == no_vi)
      {
        g_autoptr(TriEvent) en = tri_store_get_event (store, no_vi, "en", NULL);

        g_assert_cmpstr (((TriEvent *) untitled->pdata[i])->title, ==, en->title);
      }

  /* and the exports' read has every title */
  brief = tri_store_list_events_brief (store, 0, G_MAXUINT32, "vi", &error);
  g_assert_no_error (error);
  {
    g_autofree char *a = describe_events (brief);
    g_autofree char *b = describe_events (full);

    g_assert_cmpstr (a, ==, b);
  }
  g_clear_object (&store);
  tri_test_dir_remove (g_steal_pointer (&dir));
}

static void
test_quotes_newest_first (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  TriRelation *rel = tri_store_find_relation (store, "RUS-PRK", NULL);
  g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, rel->id, 0, "en", NULL);
  g_autoptr(GPtrArray) vi = tri_store_list_quotes (store, rel->id, 0, "vi", NULL);

  g_assert_cmpuint (quotes->len, >=, 5);
  g_assert_cmpuint (quotes->len, ==, vi->len);
  for (guint i = 0; i < quotes->len; i++)
    {
      TriQuote *q = quotes->pdata[i];

      g_assert_cmpint (q->relation_id, ==, rel->id);
      g_assert_cmpstr (q->text, !=, "");
      g_assert_nonnull (q->translation);
      g_assert_nonnull (q->source_title);
      if (i > 0)
        g_assert_cmpint (tri_date_compare (&((TriQuote *) quotes->pdata[i - 1])->date, &q->date), >=, 0);
    }
}

static void
test_quotes_page (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  TriRelation *rel = tri_store_find_relation (store, "RUS-PRK", NULL);
  g_autoptr(GPtrArray) all = tri_store_list_quotes (store, rel->id, 0, "vi", NULL);
  g_autoptr(GPtrArray) page = NULL;
  guint total = 0;

  page = tri_store_list_quotes_page (store, rel->id, "vi", 7, &total, NULL);
  g_assert_cmpuint (total, ==, all->len);
  g_assert_cmpuint (page->len, ==, 7);
  for (guint i = 0; i < page->len; i++)
    {
      TriQuote *a = all->pdata[i], *b = page->pdata[i];
      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpstr (a->translation, ==, b->translation);
    }
}

/* The quotes of a period, recounted naively from every quote of the relation */
static GPtrArray *
naive_period_quotes (TriStore *store,
                     gint64    relation_id,
                     guint32   from,
                     guint32   to)
{
  g_autoptr(GPtrArray) all = tri_store_list_quotes (store, relation_id, 0, "en", NULL);
  GPtrArray *ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) loose = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    {
      TriQuote *q = all->pdata[i];
      g_autoptr(TriEvent) ev = q->event_id ? tri_store_get_event (store, q->event_id, "en", NULL) : NULL;

      if (ev != NULL && tri_event_count (ev->date.earliest, ev->date.latest, from, to) == TRI_COUNT_YES)
        g_ptr_array_add (ids, GINT_TO_POINTER ((int) q->id));
      else if (ev == NULL && !tri_source_published_later (&q->source_date, to))
        g_ptr_array_add (loose, GINT_TO_POINTER ((int) q->id));
    }
  g_ptr_array_extend (ids, loose, NULL, NULL);
  return ids;
}

static void
assert_period (TriStore   *store,
               const char *relation,
               const char *as_of,
               guint       months,
               guint       expect_at_least)
{
  TriRelation *rel = tri_store_find_relation (store, relation, NULL);
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) naive = NULL;
  g_autoptr(GError) error = NULL;
  guint32 from, to, last_earliest = G_MAXUINT32;
  gboolean loose_seen = FALSE;
  guint total = 0;
  TriDate d;

  g_assert_true (tri_date_parse (as_of, &d, NULL));
  tri_window_bounds (d.latest, tri_window_days_for_months (months), &from, &to);
  quotes = tri_store_list_quotes_in_period (store, rel->id, from, to, "en", 1000, &total, &error);
  g_assert_no_error (error);
  naive = naive_period_quotes (store, rel->id, from, to);

  g_assert_cmpuint (total, ==, quotes->len);
  g_assert_cmpuint (quotes->len, ==, naive->len);
  g_assert_cmpuint (quotes->len, >=, expect_at_least);
  for (guint i = 0; i < quotes->len; i++)
    {
      TriQuote *q = quotes->pdata[i];
      g_autoptr(TriEvent) ev = q->event_id ? tri_store_get_event (store, q->event_id, "en", NULL) : NULL;

      /* the same quotes as the naive count, and nothing later than "as of" */
      g_assert_cmpint (q->id, ==, GPOINTER_TO_INT (naive->pdata[i]));
      if (ev != NULL)
        {
          g_assert_false (loose_seen);   /* event quotes first */
          g_assert_cmpuint (ev->date.latest, <=, to);
          g_assert_cmpuint (ev->date.latest, >=, from);
          /* newest first */
          g_assert_cmpuint (ev->date.earliest, <=, last_earliest);
          last_earliest = ev->date.earliest;
        }
      else
        {
          loose_seen = TRUE;
          g_assert_cmpuint (q->source_date.latest, <=, to);
        }
    }
}

static void
test_quotes_in_period (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  TriRelation *rel = tri_store_find_relation (store, "RUS-PRK", NULL);
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) page = NULL;
  guint32 from, to;
  guint total = 0, n_later = 0;
  TriDate d;

  assert_period (store, "RUS-PRK", "2023-10", 12, 5);
  assert_period (store, "RUS-PRK", "2024-06-19", 3, 5);
  assert_period (store, "CHN-PRK", "2024", 24, 1);
  assert_period (store, "RUS-CHN", "2024-12", 0, 1);

  /* as of October 2023, the sources (April 2024) were published later:
   * hindsight about earlier events, kept and flagged */
  g_assert_true (tri_date_parse ("2023-10", &d, NULL));
  tri_window_bounds (d.latest, tri_window_days_for_months (12), &from, &to);
  quotes = tri_store_list_quotes_in_period (store, rel->id, from, to, "en", 1000, &total, NULL);
  for (guint i = 0; i < quotes->len; i++)
    n_later += tri_source_published_later (&((TriQuote *) quotes->pdata[i])->source_date, to);
  g_assert_cmpuint (quotes->len, >, 0);
  g_assert_cmpuint (n_later, ==, quotes->len);

  /* paged: the first few, the same total */
  page = tri_store_list_quotes_in_period (store, rel->id, from, to, "en", 2, &total, NULL);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpuint (total, ==, quotes->len);
  g_assert_cmpint (((TriQuote *) page->pdata[1])->id, ==, ((TriQuote *) quotes->pdata[1])->id);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* a period with no events has no quotes: nothing else stands in */
  g_assert_true (tri_date_parse ("2021-06", &d, NULL));
  tri_window_bounds (d.latest, tri_window_days_for_months (3), &from, &to);
  page = tri_store_list_quotes_in_period (store, rel->id, from, to, "en", 100, &total, NULL);
  g_assert_cmpuint (page->len, ==, 0);
  g_assert_cmpuint (total, ==, 0);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* all time to the end of 2024: the quotes with no event of their own
   * (their source published by then) come last */
  g_assert_true (tri_date_parse ("2024-12", &d, NULL));
  tri_window_bounds (d.latest, tri_window_days_for_months (0), &from, &to);
  page = tri_store_list_quotes_in_period (store, rel->id, from, to, "en", 1000, &total, NULL);
  g_assert_cmpuint (page->len, >, 2);
  g_assert_cmpint (((TriQuote *) page->pdata[page->len - 1])->event_id, ==, 0);
  g_assert_cmpint (((TriQuote *) page->pdata[0])->event_id, !=, 0);
}

static void
test_actor_events (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GPtrArray) all = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  g_autoptr(GPtrArray) first = NULL;
  guint expected = 0, total = 0;

  /* the events linked to any relation of China, counted naively */
  for (guint i = 0; i < all->len; i++)
    {
      TriEvent *ev = all->pdata[i];
      gboolean hit = FALSE;

      for (guint k = 0; k < ev->links->len && !hit; k++)
        {
          TriRelation *r = tri_store_get_relation (store, g_array_index (ev->links, TriLink, k).relation_id);
          hit = r && (g_str_equal (r->a, "CHN") || g_str_equal (r->b, "CHN"));
        }
      expected += hit;
    }

  first = tri_store_list_actor_events (store, "CHN", "en", 3, &total, NULL);
  g_assert_cmpuint (total, ==, expected);
  g_assert_cmpuint (total, >, 3);
  g_assert_cmpuint (first->len, ==, 3);
  for (guint i = 1; i < first->len; i++)
    g_assert_cmpint (tri_date_compare (&((TriEvent *) first->pdata[i - 1])->date,
                                       &((TriEvent *) first->pdata[i])->date), <=, 0);
  g_assert_null (tri_store_get_relation (store, 999999));
}

static char *
make_v1 (const char *dir)
{
  char *path = g_build_filename (dir, "old.sqlite", NULL);
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (tri_schema_create (db, 1, &error));
  g_assert_no_error (error);
  g_assert_true (tri_sql_exec (db,
    "INSERT INTO actor VALUES ('RUS', '#0072B2', 0), ('PRK', '#CC79A7', 1);"
    "INSERT INTO actor_name VALUES ('RUS', 'en', 'Russia'), ('PRK', 'en', 'North Korea');"
    "INSERT INTO relation VALUES (1, 'RUS', 'PRK');"
    "INSERT INTO event VALUES (1, '2023-09-13', 'day', '2023-09-13', '2023-09-13', 'diplomacy', 'confirmed');"
    "INSERT INTO event_text VALUES (1, 'en', 'Summit', 'A summit.', NULL);"
    "INSERT INTO event_relation VALUES (1, 1, 'cooperation', 3);", &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  return path;
}

static void
test_migrate_copy (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *old = make_v1 (dir);
  g_autofree char *copy = g_build_filename (dir, "new.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  TriFileState before;

  tri_test_file_state (old, &before);

  g_assert_null (tri_store_open (old, &error));
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_TOO_OLD);
  g_assert_nonnull (strstr (error->message, old));
  g_clear_error (&error);

  g_assert_true (tri_store_migrate_copy (old, copy, &error));
  g_assert_no_error (error);
  tri_test_assert_unchanged (old, &before);

  store = tri_store_open (copy, &error);
  g_assert_no_error (error);
  events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((TriEvent *) events->pdata[0])->title, ==, "Summit");

  /* the copy never overwrites */
  g_assert_false (tri_store_migrate_copy (old, copy, &error));
  g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_EXISTS);
  tri_test_assert_unchanged (old, &before);
  tri_test_file_state_clear (&before);
}

/* Schema 4 to 5: the tables for editing appear empty (the copy is not
 * editable: only New Briefing and Save a Copy to Edit make a file so),
 * grades are NULL (ungraded), and notes keep their text and order. */
static void
test_migrate_schema_4 (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *old = g_build_filename (dir, "four.sqlite", NULL);
  g_autofree char *copy = g_build_filename (dir, "five.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  TriFileState before;

  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  g_assert_true (tri_schema_create (db, 4, &error));
  g_assert_no_error (error);
  g_assert_true (tri_sql_exec (db,
    "INSERT INTO actor VALUES ('RUS', '#0072B2', 0), ('PRK', '#CC79A7', 1);"
    "INSERT INTO actor_name VALUES ('RUS', 'en', 'Russia'), ('PRK', 'en', 'North Korea');"
    "INSERT INTO relation VALUES (1, 'RUS', 'PRK');"
    "INSERT INTO source VALUES ('s', 'article', 'A source', NULL, '', 'en', '2023-09-14', NULL);"
    "INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
    "  VALUES (1, '2023-09-13', 'day', 2460201, 2460201, 'diplomacy', 'confirmed');"
    "INSERT INTO event_text VALUES (1, 'en', 'Summit', 'A summit.', NULL);"
    "INSERT INTO event_relation VALUES (1, 1, 'cooperation', 3);"
    "INSERT INTO quote (id, source, char_offset, text, relation, event, claim)"
    "  VALUES (1, 's', 0, 'We met.', 1, 1, 'official');"
    "INSERT INTO note VALUES (1, 'first'), (1, 'second'), (NULL, 'on the briefing');", &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  tri_test_file_state (old, &before);

  g_assert_null (tri_store_open (old, &error));
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_TOO_OLD);
  g_clear_error (&error);

  g_assert_true (tri_store_migrate_copy (old, copy, &error));
  g_assert_no_error (error);
  tri_test_assert_unchanged (old, &before);
  tri_test_file_state_clear (&before);

  store = tri_store_open (copy, &error);
  g_assert_no_error (error);
  notes = tri_store_list_notes (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpstr (notes->pdata[0], ==, "first");
  g_assert_cmpstr (notes->pdata[1], ==, "second");

  g_assert_cmpint (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT (SELECT user_version FROM pragma_user_version),"
                   " (SELECT count (*) FROM editable), (SELECT count (*) FROM source_document),"
                   " (SELECT reliability IS NULL AND url IS NULL FROM source),"
                   " (SELECT credibility IS NULL AND claim = 'official' FROM quote),"
                   " (SELECT group_concat (id || ':' || text, '|') FROM note)",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, TRI_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 1);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "1:first|2:second|3:on the briefing");
  sqlite3_finalize (stmt);

  /* ungraded stays ungraded: a grade outside the scales is refused */
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_false (tri_sql_exec (db, "UPDATE source SET reliability = 'G'", NULL));
  g_assert_false (tri_sql_exec (db, "UPDATE quote SET credibility = 7", NULL));
  sqlite3_close (db);
}

/* A schema 5 briefing (a source's text stored whole, no fingerprints) is
 * migrated to a copy and the original left as it was: the stored text gets
 * its fingerprint (SHA-256 of its bytes, its length in characters), the
 * quotes no checked_sha256 (schema 5 recorded no check), and the quotes
 * read exactly as verified as before, checked against the stored text;
 * a source without text stays without. */
static void
test_migrate_schema_5 (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *old = g_build_filename (dir, "five.sqlite", NULL);
  g_autofree char *copy = g_build_filename (dir, "six.sqlite", NULL);
  const char *text = "Hiệp ước Đối tác Chiến lược Toàn diện được ký ngày 19 tháng 6 năm 2024.";
  g_autofree char *want_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  TriFileState before;

  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  g_assert_true (tri_schema_create (db, 5, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf (
    "INSERT INTO actor VALUES ('RUS', '#0072B2', 0), ('PRK', '#CC79A7', 1);"
    "INSERT INTO actor_name VALUES ('RUS', 'en', 'Russia'), ('PRK', 'en', 'North Korea');"
    "INSERT INTO relation VALUES (1, 'RUS', 'PRK');"
    "INSERT INTO source (id, kind, title, authors, language, date, reliability)"
    "  VALUES ('s', 'article', 'Hiệp ước', '', 'vi', '2024-07', 'B'), ('t', 'call', 'A call', '', 'en', '2024-07', NULL);"
    "INSERT INTO source_document VALUES ('s', '%s');"
    "INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
    "  VALUES (1, '2024-06-19', 'day', 2460481, 2460481, 'diplomacy', 'confirmed');"
    "INSERT INTO event_text VALUES (1, 'en', 'Treaty', 'A treaty.', NULL);"
    "INSERT INTO event_relation VALUES (1, 1, 'cooperation', 3);"
    "INSERT INTO quote (id, source, char_offset, text, relation, event, claim, credibility) VALUES"
    "  (1, 's', 9, 'Đối tác Chiến lược', 1, 1, 'fact', 2),"    /* the stored text at 9 */
    "  (2, 's', 10, 'Đối tác Chiến lược', 1, 1, NULL, NULL),"  /* one off */
    "  (3, 't', 0, 'We are allies.', 1, 1, NULL, NULL);",       /* no text to check */
    text);
  g_assert_true (tri_sql_exec (db, sql, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  tri_test_file_state (old, &before);

  g_assert_null (tri_store_open (old, &error));
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_TOO_OLD);
  g_clear_error (&error);

  g_assert_true (tri_store_migrate_copy (old, copy, &error));
  g_assert_no_error (error);
  tri_test_assert_unchanged (old, &before);
  tri_test_file_state_clear (&before);

  g_assert_cmpint (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT (SELECT user_version FROM pragma_user_version),"
                   " (SELECT group_concat (source || ':' || (text IS NOT NULL) || ':' || sha256 || ':' || chars)"
                   "  FROM source_document),"
                   " (SELECT count (*) FROM quote WHERE checked_sha256 IS NOT NULL),"
                   " (SELECT group_concat (id || ':' || coalesce (claim, '-') || ':' || coalesce (credibility, '-'))"
                   "  FROM quote)",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, TRI_SCHEMA_VERSION);
  {
    g_autofree char *want = g_strdup_printf ("s:1:%s:%ld", want_sha256, g_utf8_strlen (text, -1));
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, want);
  }
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 0);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "1:fact:2,2:-:-,3:-:-");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  store = tri_store_open (copy, &error);
  g_assert_no_error (error);
  quotes = tri_store_list_quotes (store, 1, 0, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->len, ==, 3);
  for (guint i = 0; i < quotes->len; i++)
    {
      const TriQuote *q = quotes->pdata[i];

      g_assert_cmpint (q->verified, ==, q->id == 1);
      g_assert_cmpint (q->verification, ==, q->id == 1 ? TRI_VERIFICATION_STORED_TEXT : TRI_VERIFICATION_NONE);
      g_assert_null (q->checked_sha256);
    }
  g_clear_object (&store);

  /* the new columns hold only fingerprints: a stored text needs its own */
  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_false (tri_sql_exec (db, "UPDATE quote SET checked_sha256 = 'not a fingerprint'", NULL));
  g_assert_false (tri_sql_exec (db, "INSERT INTO source_document (source, text) VALUES ('t', 'We are allies.')", NULL));
  g_assert_false (tri_sql_exec (db, "UPDATE source_document SET sha256 = upper (sha256)", NULL));
  g_assert_true (tri_sql_exec (db, "UPDATE source_document SET text = NULL", NULL));
  sqlite3_close (db);
}

/* the claim column: one of six words, NULL for not stated; a file from
 * elsewhere may hold any word there, which claims nothing */
static void
test_quote_claims (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "claims.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  guint seen = 0;

  tri_test_sql (path,
                "UPDATE quote SET claim = NULL;"
                "UPDATE quote SET claim = 'forecast' WHERE id = 1;"
                "PRAGMA ignore_check_constraints = ON;"
                "UPDATE quote SET claim = 'rumour' WHERE id = 2;"
                "UPDATE quote SET claim = 42 WHERE id = 3;");
  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  quotes = tri_store_list_quotes (store, 1, 0, "en", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < quotes->len; i++)
    {
      TriQuote *q = quotes->pdata[i];

      g_assert_cmpint (q->claim, ==, q->id == 1 ? TRI_CLAIM_FORECAST : TRI_CLAIM_UNSTATED);
      seen += q->id <= 3;
    }
  g_assert_cmpuint (seen, ==, 3);
}

/* an imported file's own wording of a date comes with its event */
static void
test_event_date_label (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "labels.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(TriEvent) labelled = NULL;
  g_autoptr(TriEvent) plain = NULL;

  tri_test_sql (path, "UPDATE event SET date_label = 'Spring, probably' WHERE id = 15;");
  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  labelled = tri_store_get_event (store, 15, "en", &error);
  plain = tri_store_get_event (store, 16, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (labelled->date_label, ==, "Spring, probably");
  g_assert_null (plain->date_label);
}

/* rows with days no calendar has do not take the timeline's extent with them */
static void
test_extent_ignores_absurd_days (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "absurd.sqlite");
  g_autoptr(TriStore) bundled = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(TriStore) store = NULL;
  guint32 e0 = 0, l0 = 0, e1 = 0, l1 = 0;

  g_assert_true (tri_store_get_extent (bundled, &e0, &l0));
  tri_test_sql (path,
                "PRAGMA ignore_check_constraints = ON;"
                "INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
                " VALUES (9001, '2024', 'year', -99999999999, 99999999999, 'economy', 'confirmed'),"
                "        (9002, '2024', 'year', 'soon', 'later', 'economy', 'confirmed');");
  store = tri_store_open (path, NULL);
  g_assert_nonnull (store);
  g_assert_true (tri_store_get_extent (store, &e1, &l1));
  g_assert_cmpuint (e1, ==, e0);
  g_assert_cmpuint (l1, ==, l0);
}

typedef struct
{
  const char   *name;
  TriStoreError code;
  void        (*make) (const char *path);
} BadFile;

static void
make_text (const char *path)
{
  g_file_set_contents (path, "id,title\n1,Summit\n", -1, NULL);
}

static void
make_empty (const char *path)
{
  g_file_set_contents (path, "", 0, NULL);
}

static void
make_dir (const char *path)
{
  g_mkdir (path, 0755);
}

static void
make_foreign (const char *path)
{
  tri_test_sql (path, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');");
}

static void
copy_to (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (tri_test_briefing_path (), &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

static void
make_newer (const char *path)
{
  copy_to (path);
  tri_test_sql (path, "PRAGMA user_version = 99;");
}

static void
make_incomplete (const char *path)
{
  copy_to (path);
  tri_test_sql (path, "DROP TABLE quote_translation;");
}

static void
make_damaged (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  copy_to (path);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 6 * 4096);
  /* scribble over the middle of the b-tree pages, leaving the header */
  for (gsize i = 2 * 4096; i < len - 4096; i += 4096)
    memset (contents + i, 0x5A, 64);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

static const BadFile bad_files[] = {
  { "missing.sqlite", TRI_STORE_ERROR_NOT_FOUND, NULL },
  { "notes.csv", TRI_STORE_ERROR_NOT_DATABASE, make_text },
  { "empty.sqlite", TRI_STORE_ERROR_NOT_DATABASE, make_empty },
  { "folder.sqlite", TRI_STORE_ERROR_IS_DIRECTORY, make_dir },
  { "music.sqlite", TRI_STORE_ERROR_FOREIGN, make_foreign },
  { "future.sqlite", TRI_STORE_ERROR_TOO_NEW, make_newer },
  { "incomplete.sqlite", TRI_STORE_ERROR_INCOMPLETE, make_incomplete },
  { "damaged.sqlite", TRI_STORE_ERROR_DAMAGED, make_damaged },
};

static void
test_bad_files (void)
{
  g_autofree char *dir = tri_test_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, bad_files[i].name, NULL);
      g_autoptr(GError) error = NULL;
      TriFileState before;

      if (bad_files[i].make)
        bad_files[i].make (path);
      tri_test_file_state (path, &before);

      g_assert_null (tri_store_open (path, &error));
      g_test_message ("%s: %s", bad_files[i].name, error ? error->message : "(no error)");
      g_assert_error (error, TRI_STORE_ERROR, (int) bad_files[i].code);
      /* one sentence that names the file */
      g_assert_nonnull (strstr (error->message, path));
      g_assert_null (strstr (error->message, "\n"));

      tri_test_assert_unchanged (path, &before);
      tri_test_file_state_clear (&before);
    }
}

static void
test_unreadable (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "locked.sqlite");
  g_autoptr(GError) error = NULL;

  g_chmod (path, 0);
  if (geteuid () == 0)
    {
      /* root reads any file: try as nobody, in a child */
      int status = 0;
      pid_t pid;

      g_chmod (dir, 0755);
      pid = fork ();
      if (pid == 0)
        {
          TriStore *store;
          gboolean refused;

          if (setgid (65534) != 0 || setuid (65534) != 0)
            _exit (3);
          store = tri_store_open (path, &error);
          refused = store == NULL && g_error_matches (error, TRI_STORE_ERROR, TRI_STORE_ERROR_PERMISSION);
          g_clear_object (&store);
          g_clear_error (&error);
          /* the child ends with _exit: free what the parent's scope would */
          g_clear_pointer (&path, g_free);
          g_clear_pointer (&dir, g_free);
          _exit (refused ? 0 : 1);
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFEXITED (status));
      if (WEXITSTATUS (status) == 3)
        {
          g_test_skip ("cannot become another user to test permissions");
          return;
        }
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      return;
    }
  g_assert_null (tri_store_open (path, &error));
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_PERMISSION);
}

/* A valid briefing that also holds many tables, or a wide one, of someone
 * else's opens: a limit of ours is never reported as damage. */
static void
test_unrelated_tables (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *many = tri_test_copy_briefing (dir, "many.sqlite");
  g_autofree char *wide = tri_test_copy_briefing (dir, "wide.sqlite");
  g_autoptr(GString) sql = g_string_new ("BEGIN;");
  g_autoptr(GError) error = NULL;
  TriStore *store;

  for (int i = 0; i < 5000; i++)
    g_string_append_printf (sql, "CREATE TABLE extra%d (a, b);", i);
  g_string_append (sql, "COMMIT;");
  tri_test_sql (many, sql->str);
  g_string_assign (sql, "CREATE TABLE wide (c0");
  for (int i = 1; i < 200; i++)
    g_string_append_printf (sql, ", c%d", i);
  g_string_append (sql, ");");
  tri_test_sql (wide, sql->str);

  store = tri_store_open (many, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
    g_assert_cmpuint (relations->len, >=, 3);
  }
  g_object_unref (store);
  store = tri_store_open (wide, &error);
  g_assert_no_error (error);
  g_object_unref (store);
}

static void
copy_bytes (const char *from,
            const char *to)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
}

static char *
first_title (TriStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriEvent) event = tri_store_get_event (store, 1, "en", &error);

  g_assert_no_error (error);
  return g_strdup (event->title);
}

/* Committed changes in a -wal beside the file are shown as SQLite shows
 * them; an interrupted write's -journal is rolled back, never shown as
 * data; the user's files are only read, and what was found is said. */
static void
test_wal_and_journal (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *work = tri_test_copy_briefing (dir, "work.sqlite");
  g_autofree char *work_wal = g_strconcat (work, "-wal", NULL);
  g_autofree char *work_journal = g_strconcat (work, "-journal", NULL);
  g_autofree char *wal = g_build_filename (dir, "wal.sqlite", NULL);
  g_autofree char *wal_side = g_strconcat (wal, "-wal", NULL);
  g_autofree char *hot = g_build_filename (dir, "hot.sqlite", NULL);
  g_autofree char *hot_side = g_strconcat (hot, "-journal", NULL);
  g_autofree char *original = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  TriFileState before_db, before_side;
  TriStore *store;
  sqlite3 *db;

  store = tri_store_open (work, &error);
  g_assert_no_error (error);
  original = first_title (store);
  g_assert_null (tri_store_get_notice (store));
  g_object_unref (store);

  /* a writer in WAL mode with a change committed to the -wal only */
  g_assert_cmpint (sqlite3_open (work, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                                     "UPDATE event_text SET title = 'Changed in the WAL'"
                                     " WHERE event = 1 AND lang = 'en'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  copy_bytes (work, wal);
  copy_bytes (work_wal, wal_side);
  sqlite3_close (db);

  tri_test_file_state (wal, &before_db);
  tri_test_file_state (wal_side, &before_side);
  store = tri_store_open (wal, &error);
  g_assert_no_error (error);
  title = first_title (store);
  g_assert_cmpstr (title, ==, "Changed in the WAL");
  g_assert_nonnull (tri_store_get_notice (store));
  g_assert_nonnull (strstr (tri_store_get_notice (store), "wal.sqlite-wal"));
  g_object_unref (store);
  tri_test_assert_unchanged (wal, &before_db);
  tri_test_assert_unchanged (wal_side, &before_side);
  tri_test_file_state_clear (&before_db);
  tri_test_file_state_clear (&before_side);
  g_clear_pointer (&title, g_free);

  /* a writer interrupted with its pages half in the file: copy the file
   * and its hot journal while the transaction is open and spilled */
  g_unlink (work);
  g_free (work);
  work = tri_test_copy_briefing (dir, "work.sqlite");
  g_assert_cmpint (sqlite3_open (work, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 1;"
                                     "PRAGMA cache_spill = 1; BEGIN;"
                                     "UPDATE event_text SET title = 'Never committed';"
                                     "UPDATE quote_translation SET text = 'Never committed';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  copy_bytes (work, hot);
  copy_bytes (work_journal, hot_side);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  tri_test_file_state (hot, &before_db);
  tri_test_file_state (hot_side, &before_side);
  store = tri_store_open (hot, &error);
  g_assert_no_error (error);
  title = first_title (store);
  g_assert_cmpstr (title, ==, original);
  g_assert_nonnull (strstr (tri_store_get_notice (store), "hot.sqlite-journal"));
  g_object_unref (store);
  tri_test_assert_unchanged (hot, &before_db);
  tri_test_assert_unchanged (hot_side, &before_side);
  tri_test_file_state_clear (&before_db);
  tri_test_file_state_clear (&before_side);
}

static void
count_failure (TriStore   *store,
               const char *message,
               gpointer    data)
{
  g_assert_nonnull (strstr (message, "cut.sqlite"));
  (*(int *) data)++;
}

/* A file cut short under an open store: the read fails, is remembered and
 * signalled with a sentence naming the file, never returned as "none". */
static void
test_read_failure_after_open (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "cut.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (path, &error);
  g_autoptr(GPtrArray) quotes = NULL;
  TriRelation *relation;
  int signalled = 0;

  g_assert_no_error (error);
  g_assert_null (tri_store_get_read_error (store));
  g_signal_connect (store, "read-failed", G_CALLBACK (count_failure), &signalled);
  relation = tri_store_find_relation (store, "RUS-PRK", &error);
  g_assert_no_error (error);
  g_assert_cmpint (truncate (path, 8192), ==, 0);

  quotes = tri_store_list_quotes (store, relation->id, 0, "en", &error);
  g_assert_null (quotes);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "cut.sqlite"));
  g_assert_cmpint (signalled, ==, 1);
  g_assert_nonnull (tri_store_get_read_error (store));
  g_assert_cmpuint (tri_store_get_read_failures (store), ==, 1);
}

static void
count_damage (TriStore   *store,
              const char *message,
              gpointer    data)
{
  g_assert_nonnull (strstr (message, "damaged.sqlite"));
  g_assert_nonnull (strstr (message, "damaged"));
  (*(int *) data)++;
}

/* The whole-file check run beside the window (TRI_STORE_OPEN_CHECK_LATER):
 * a damaged file opens, as its header, identity and statements are sound;
 * the damage is said once, as soon as the check ends, and from then on no
 * read and no export trusts the file. A sound file opens the same, and
 * nothing is said. */
static void
test_check_later (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_damaged_late (dir, "damaged.sqlite");
  g_autofree char *png = g_build_filename (dir, "damaged.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) whole = tri_store_open_full (tri_test_briefing_path (), TRI_STORE_OPEN_CHECK_LATER, &error);
  g_autoptr(TriStore) store = NULL;
  g_autoptr(TriExportRequest) request = tri_export_request_new ();
  g_autoptr(GPtrArray) events = NULL;
  TriFileState before;
  int signalled = 0;
  gint64 deadline;

  g_assert_no_error (error);
  g_assert_true (tri_store_wait_checked (whole, &error));
  g_assert_no_error (error);
  g_assert_null (tri_store_get_read_error (whole));
  g_assert_false (tri_store_is_damaged (whole));

  tri_test_file_state (path, &before);
  /* the check at the opening refuses it, as before */
  g_assert_null (tri_store_open (path, &error));
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  store = tri_store_open_full (path, TRI_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_signal_connect (store, "read-failed", G_CALLBACK (count_damage), &signalled);
  /* said from the main context, without anyone asking */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (signalled == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (signalled, ==, 1);
  g_assert_true (tri_store_is_damaged (store));
  g_assert_false (tri_store_is_checking (store));

  /* every read after it fails, with the same sentence */
  events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
  g_assert_null (events);
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (tri_store_wait_checked (store, &error));
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  /* nothing is exported from it, and no file is left */
  g_assert_false (tri_export_write (store, request, png, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_clear_object (&store);

  /* an export asked for before the check ends waits for its verdict */
  store = tri_store_open_full (path, TRI_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_assert_false (tri_export_write (store, request, png, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  tri_test_assert_unchanged (path, &before);
  tri_test_file_state_clear (&before);
}

static const TriQuote *
quote_with_text (GPtrArray  *quotes,
                 const char *text)
{
  for (guint i = 0; i < quotes->len; i++)
    if (g_str_equal (((TriQuote *) quotes->pdata[i])->text, text))
      return quotes->pdata[i];
  g_error ("no quote “%s”", text);
  return NULL;
}

/* A briefing edited through TriDocument reads back, through the hardened
 * store, each quote's grade (its source's reliability, its own
 * credibility) and whether it is its source's stored text at its offset */
static void
test_quote_grades (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_graded_briefing (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  TriRelation *rel;
  const TriQuote *q;
  g_autofree char *b2 = NULL;
  g_autofree char *b_ = NULL;
  g_autofree char *c3 = NULL;
  g_autofree char *none = NULL;
  g_autofree char *meaning = NULL;

  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  rel = tri_store_find_relation (store, "RUS-PRK", &error);
  g_assert_no_error (error);
  quotes = tri_store_list_quotes (store, rel->id, 0, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->len, ==, 4);

  q = quote_with_text (quotes, TRI_TEST_GRADED_B2);
  g_assert_cmpint (q->reliability, ==, 'B');
  g_assert_cmpint (q->credibility, ==, 2);
  g_assert_true (q->verified);
  g_assert_cmpint (q->verification, ==, TRI_VERIFICATION_STORED_TEXT);
  b2 = tri_quote_grade_label (q, "en");
  g_assert_cmpstr (b2, ==, "B2");
  meaning = tri_quote_grade_meaning (q, "en");
  g_assert_cmpstr (meaning, ==, "B: usually reliable source · 2: probably true");
  g_assert_null (tri_quote_unverified_label (q, FALSE, "en"));

  q = quote_with_text (quotes, TRI_TEST_GRADED_B_);
  g_assert_cmpint (q->reliability, ==, 'B');
  g_assert_cmpint (q->credibility, ==, 0);
  g_assert_true (q->verified);
  b_ = tri_quote_grade_label (q, "en");
  g_assert_cmpstr (b_, ==, "B–");

  q = quote_with_text (quotes, TRI_TEST_GRADED_3);
  g_assert_cmpint (q->reliability, ==, 0);
  g_assert_cmpint (q->credibility, ==, 3);
  g_assert_false (q->verified);
  g_assert_cmpint (q->verification, ==, TRI_VERIFICATION_NONE);
  c3 = tri_quote_grade_label (q, "en");
  g_assert_cmpstr (c3, ==, "–3");
  g_assert_cmpstr (tri_quote_unverified_label (q, FALSE, "en"), ==, "not verified against the source");

  q = quote_with_text (quotes, TRI_TEST_GRADED_UNGRADED);
  g_assert_cmpint (q->reliability, ==, 0);
  g_assert_cmpint (q->credibility, ==, 0);
  g_assert_false (q->verified);
  none = tri_quote_grade_label (q, "en");
  g_assert_cmpstr (none, ==, "ungraded");
  g_assert_null (tri_grade_code (q->reliability, q->credibility));
  g_clear_object (&store);

  /* a stored text that no longer holds the quote at its offset: not
   * verified; a grade not spelled as the system spells it: ungraded */
  tri_test_sql (path, "UPDATE source_document SET text = replace (text, 'Triều', 'Trieu');"
                      "UPDATE source SET reliability = NULL WHERE id = 'treaty-vi';"
                      "PRAGMA ignore_check_constraints = 1;"
                      "UPDATE quote SET credibility = 9 WHERE credibility = 2;"
                      /* past the text's end, and running over it */
                      "INSERT INTO quote (id, source, char_offset, text, relation)"
                      " SELECT 100, source, 100000, 'far', relation FROM quote WHERE credibility = 9;"
                      "INSERT INTO quote (id, source, char_offset, text, relation)"
                      " SELECT 101, quote.source, length (d.text) - 5, substr (d.text, -5) || ' more', relation"
                      " FROM quote, source_document d ON d.source = quote.source WHERE credibility = 9;"
                      "INSERT INTO quote (id, source, char_offset, text, relation)"
                      " SELECT 102, quote.source, length (d.text) - 5, substr (d.text, -5), relation"
                      " FROM quote, source_document d ON d.source = quote.source WHERE credibility = 9;");
  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&quotes, g_ptr_array_unref);
  rel = tri_store_find_relation (store, "RUS-PRK", &error);
  g_assert_no_error (error);
  quotes = tri_store_list_quotes (store, rel->id, 0, "en", &error);
  g_assert_no_error (error);
  q = quote_with_text (quotes, TRI_TEST_GRADED_B2);
  g_assert_false (q->verified);
  g_assert_cmpint (q->reliability, ==, 0);
  g_assert_cmpint (q->credibility, ==, 0);
  /* the other passage is still there, character for character, and so is
   * the text's end; nothing past it */
  g_assert_true (quote_with_text (quotes, TRI_TEST_GRADED_B_)->verified);
  g_assert_true (quote_with_text (quotes, "diện.")->verified);
  g_assert_false (quote_with_text (quotes, "diện. more")->verified);
  g_assert_false (quote_with_text (quotes, "far")->verified);
}

/* A source that keeps only its document's fingerprint: its quotes are
 * verified by the check made when they were written (the document cut
 * them from the text it then had), said apart from a check made now; a
 * quote checked against another document, or never, is not verified; and
 * a stored text, when there, is what decides. */
static void
test_quote_build_check (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_graded_briefing (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fingerprint = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 chars = 0;
  TriRelation *rel;
  const TriQuote *q;

  /* the document's writer: the stored text's fingerprint, and the quotes
   * cut from it carry it; the quotes taken as written carry none */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT text, sha256, chars,"
                                           " (SELECT group_concat (coalesce (checked_sha256 = d.sha256, 'null'))"
                                           "  FROM (SELECT * FROM quote ORDER BY id))"
                                           " FROM source_document d WHERE source = 'treaty-vi'",
                                   -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  fingerprint = tri_validate_fingerprint (text, &chars);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, fingerprint);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, g_utf8_strlen (text, -1));
  g_assert_cmpint (chars, ==, g_utf8_strlen (text, -1));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "1,1,null,null");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* the text dropped, its fingerprint kept */
  tri_test_sql (path, "UPDATE source_document SET text = NULL WHERE source = 'treaty-vi';");
  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  rel = tri_store_find_relation (store, "RUS-PRK", &error);
  g_assert_no_error (error);
  quotes = tri_store_list_quotes (store, rel->id, 0, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->len, ==, 4);
  q = quote_with_text (quotes, TRI_TEST_GRADED_B2);
  g_assert_true (q->verified);
  g_assert_cmpint (q->verification, ==, TRI_VERIFICATION_BUILD_CHECK);
  g_assert_null (tri_quote_unverified_label (q, FALSE, "en"));
  g_assert_cmpstr (tri_quote_verification_meaning (q, "en"), ==,
                   "Checked word for word against the source document when the briefing was built;"
                   " the document itself is not stored in the briefing");
  g_assert_cmpint (quote_with_text (quotes, TRI_TEST_GRADED_B_)->verification, ==, TRI_VERIFICATION_BUILD_CHECK);
  q = quote_with_text (quotes, TRI_TEST_GRADED_3);
  g_assert_false (q->verified);
  g_assert_null (tri_quote_verification_meaning (q, "en"));
  g_clear_pointer (&quotes, g_ptr_array_unref);
  g_clear_object (&store);

  /* checked against another document (or one of a different fingerprint),
   * or a fingerprint the file does not spell as Trilateral writes it: not
   * verified; the stored text back, one quote moved: checked now, and
   * that quote is not its text */
  {
    const struct { const char *sql; TriVerification b2, b_; } cases[] = {
      { "UPDATE quote SET checked_sha256 = substr ('0000000000' || checked_sha256, 1, 64)"
        " WHERE text = '" TRI_TEST_GRADED_B2 "';",
        TRI_VERIFICATION_NONE, TRI_VERIFICATION_BUILD_CHECK },
      { "PRAGMA ignore_check_constraints = 1; UPDATE source_document SET sha256 = upper (sha256);"
        "UPDATE quote SET checked_sha256 = upper (checked_sha256);",
        TRI_VERIFICATION_NONE, TRI_VERIFICATION_NONE },
      { "PRAGMA ignore_check_constraints = 1; UPDATE source_document SET sha256 = lower (sha256);"
        "UPDATE quote SET checked_sha256 = NULL WHERE text = '" TRI_TEST_GRADED_B_ "';",
        TRI_VERIFICATION_NONE, TRI_VERIFICATION_NONE },
      { NULL, TRI_VERIFICATION_STORED_TEXT, TRI_VERIFICATION_NONE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        if (cases[i].sql != NULL)
          tri_test_sql (path, cases[i].sql);
        else
          {
            /* the text back (bound: it is not SQL), B– one off */
            g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
            g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE source_document SET text = ?", -1, &stmt, NULL),
                             ==, SQLITE_OK);
            sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
            sqlite3_finalize (stmt);
            g_assert_true (tri_sql_exec (db, "UPDATE quote SET char_offset = char_offset + 1,"
                                             " checked_sha256 = (SELECT sha256 FROM source_document)"
                                             " WHERE text = '" TRI_TEST_GRADED_B_ "'", NULL));
            sqlite3_close (db);
          }
        store = tri_store_open (path, &error);
        g_assert_no_error (error);
        rel = tri_store_find_relation (store, "RUS-PRK", &error);
        g_assert_no_error (error);
        quotes = tri_store_list_quotes (store, rel->id, 0, "en", &error);
        g_assert_no_error (error);
        g_assert_cmpint (quote_with_text (quotes, TRI_TEST_GRADED_B2)->verification, ==, cases[i].b2);
        g_assert_cmpint (quote_with_text (quotes, TRI_TEST_GRADED_B_)->verification, ==, cases[i].b_);
        g_assert_cmpint (quote_with_text (quotes, TRI_TEST_GRADED_B_)->verified, ==,
                         cases[i].b_ != TRI_VERIFICATION_NONE);
        g_clear_pointer (&quotes, g_ptr_array_unref);
        g_clear_object (&store);
      }
  }
}

/* Raw rows, whole or a row at a time: the same cells, each valid UTF-8
 * even where a file from elsewhere holds bytes that are not */
typedef struct
{
  GPtrArray *cells;
  guint      n_rows;
} RowsSeen;

static void
count_row (const char *const *cells,
           guint              n,
           gpointer           data)
{
  RowsSeen *seen = data;

  for (guint i = 0; i < n; i++)
    {
      if (cells[i] != NULL)
        g_assert_true (g_utf8_validate (cells[i], -1, NULL));
      g_ptr_array_add (seen->cells, g_strdup (cells[i]));
    }
  seen->n_rows++;
}

static void
test_rows_one_at_a_time (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "bytes.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  RowsSeen seen = { g_ptr_array_new_with_free_func (g_free), 0 };
  gboolean mended = FALSE;
  guint n = 0;

  /* "Nga" with a lone continuation byte and a cut-off sequence after it */
  tri_test_sql (path, "UPDATE source SET title = CAST (X'4e676180e1bb' AS TEXT) WHERE id = 'podcast';");
  store = tri_store_open (path, &error);
  g_assert_no_error (error);

  rows = tri_store_read_rows (store, TRI_STORE_ROWS_SOURCES, &n, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (n, >=, 3);
  g_assert_true (tri_store_foreach_row (store, TRI_STORE_ROWS_SOURCES, count_row, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n_rows * n, ==, rows->len);
  g_assert_cmpuint (seen.cells->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      g_assert_cmpstr (seen.cells->pdata[i], ==, rows->pdata[i]);
      if (rows->pdata[i] != NULL)
        g_assert_true (g_utf8_validate (rows->pdata[i], -1, NULL));
      if (i % n == 0 && g_strcmp0 (rows->pdata[i], "podcast") == 0)
        {
          g_assert_true (g_str_has_prefix (rows->pdata[i + 2], "Nga"));
          mended = TRUE;
        }
    }
  g_assert_true (mended);
  g_ptr_array_unref (seen.cells);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/open-bundled", test_open_bundled);
  g_test_add_func ("/store/relations", test_relations);
  g_test_add_func ("/store/range-query", test_range_query);
  g_test_add_func ("/store/range-either-end", test_range_either_end);
  g_test_add_func ("/store/range-panned", test_range_panned);
  g_test_add_func ("/store/titles-read-for-some", test_titles_read_for_some);
  g_test_add_func ("/store/quotes-newest-first", test_quotes_newest_first);
  g_test_add_func ("/store/quotes-page", test_quotes_page);
  g_test_add_func ("/store/quotes-in-period", test_quotes_in_period);
  g_test_add_func ("/store/actor-events", test_actor_events);
  g_test_add_func ("/store/migrate-copy", test_migrate_copy);
  g_test_add_func ("/store/migrate-schema-4", test_migrate_schema_4);
  g_test_add_func ("/store/migrate-schema-5", test_migrate_schema_5);
  g_test_add_func ("/store/quote-build-check", test_quote_build_check);
  g_test_add_func ("/store/quote-claims", test_quote_claims);
  g_test_add_func ("/store/quote-grades", test_quote_grades);
  g_test_add_func ("/store/event-date-label", test_event_date_label);
  g_test_add_func ("/store/extent-ignores-absurd-days", test_extent_ignores_absurd_days);
  g_test_add_func ("/store/bad-files", test_bad_files);
  g_test_add_func ("/store/unreadable", test_unreadable);
  g_test_add_func ("/store/unrelated-tables", test_unrelated_tables);
  g_test_add_func ("/store/wal-and-journal", test_wal_and_journal);
  g_test_add_func ("/store/read-failure-after-open", test_read_failure_after_open);
  g_test_add_func ("/store/check-later", test_check_later);
  g_test_add_func ("/store/rows-one-at-a-time", test_rows_one_at_a_time);
  return g_test_run ();
}
