/* test-filter.c: the filter's text form, its errors, what passes, and
 * the words that say what it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "store/tri-filter.h"
#include "store/tri-state-index.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

static TriFilter *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  TriFilter *f = tri_filter_parse (text, &error);

  g_assert_no_error (error);
  if (f == NULL)
    g_error ("no filter for %s", text);
  return f;
}

static char *
canonical (const char *text)
{
  g_autoptr(TriFilter) f = parse (text);

  return tri_filter_to_string (f);
}

static void
test_text_form (void)
{
  g_autoptr(TriFilter) empty = parse ("");
  g_autoptr(TriFilter) blank = parse ("  ");
  g_autoptr(TriFilter) f = NULL;
  g_autoptr(TriFilter) copy = NULL;
  g_autoptr(TriFilter) built = tri_filter_new ();
  g_autofree char *s = NULL;
  const char *military[] = { "military", NULL };
  const char *confirmed[] = { "confirmed", NULL };

  g_assert_true (tri_filter_is_empty (empty));
  g_assert_true (tri_filter_is_empty (blank));
  g_assert_true (tri_filter_is_empty (NULL));
  s = tri_filter_to_string (empty);
  g_assert_cmpstr (s, ==, "");
  g_clear_pointer (&s, g_free);

  /* facets in their order, values in the store's order, case folded,
   * duplicates dropped, a facet written twice is one */
  s = canonical (" actor = prk|RUS , confidence=Confirmed,category=military|diplomacy,grade=b2,category=military");
  g_assert_cmpstr (s, ==, "category=diplomacy|military,confidence=confirmed,grade=B2,actor=PRK|RUS");
  g_clear_pointer (&s, g_free);
  s = canonical ("claim=forecast|fact|unstated,source=tass-2024|kcna-2024");
  g_assert_cmpstr (s, ==, "claim=unstated|fact|forecast,source=kcna-2024|tass-2024");
  g_clear_pointer (&s, g_free);

  f = parse ("category=military,confidence=confirmed");
  g_assert_false (tri_filter_is_empty (f));
  g_assert_true (tri_filter_has_event_facets (f));
  g_assert_false (tri_filter_has_quote_facets (f));
  g_assert_cmpstrv (tri_filter_get_values (f, TRI_FILTER_CATEGORY), military);
  g_assert_null (tri_filter_get_values (f, TRI_FILTER_ACTOR));
  copy = tri_filter_copy (f);
  g_assert_true (tri_filter_equal (f, copy));
  g_assert_false (tri_filter_equal (f, empty));
  g_assert_true (tri_filter_equal (empty, NULL));

  /* set_values builds the same filter; NULL clears */
  tri_filter_set_values (built, TRI_FILTER_CONFIDENCE, confirmed);
  g_assert_false (tri_filter_equal (f, built));
  tri_filter_set_values (built, TRI_FILTER_CATEGORY, military);
  g_assert_true (tri_filter_equal (f, built));
  tri_filter_set_values (built, TRI_FILTER_CATEGORY, NULL);
  tri_filter_set_values (built, TRI_FILTER_CONFIDENCE, NULL);
  g_assert_true (tri_filter_is_empty (built));

  /* the text form reads back as the same filter */
  {
    g_autofree char *text = tri_filter_to_string (copy);
    g_autoptr(TriFilter) again = parse (text);

    g_assert_true (tri_filter_equal (copy, again));
  }
}

static void
assert_refused (const char *text,
                const char *named,
                const char *listed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriFilter) f = tri_filter_parse (text, &error);

  g_assert_null (f);
  g_assert_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_INVALID);
  {
    g_autofree char *shown = g_strescape (text, NULL);
    g_autofree char *said = g_strescape (error->message, "“”’–");

    g_test_message ("%s: %s", shown, said);
  }
  g_assert_nonnull (strstr (error->message, named));
  g_assert_nonnull (strstr (error->message, listed));
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_errors (void)
{
  assert_refused ("colour=red", "“colour”", "category, confidence, claim, grade, source or actor");
  assert_refused ("category=militry", "“militry”", "diplomacy, economy, military, multilateral, humanitarian or leaders");
  assert_refused ("category=diplomatic", "“diplomatic”", "diplomacy");
  assert_refused ("confidence=likely", "“likely”", "confirmed, reported or alleged");
  assert_refused ("claim=rumour", "“rumour”", "fact, official, reported, allegation, assessment, forecast");
  assert_refused ("grade=G2", "“G2”", "A–F");
  assert_refused ("grade=B7", "“B7”", "1–6");
  assert_refused ("grade=B", "“B”", "B2");
  assert_refused ("grade=A1|B2", "“A1|B2”", "one grade");
  assert_refused ("military", "“military”", "category=military");
  assert_refused ("category=", "category", "military");
  assert_refused ("category=military|", "category", "military");
  assert_refused ("actor=R US", "“R US”", "RUS");
  assert_refused ("source=a\tb", "source", "ids");
  assert_refused ("category=military\xff", "UTF-8", "category=military");
}

static void
test_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), &error);
  g_autoptr(TriFilter) good = NULL;
  g_autoptr(TriFilter) actor = NULL;
  g_autoptr(TriFilter) source = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  sources = tri_store_list_sources (store, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, >, 0);
  text = g_strdup_printf ("actor=RUS|prk,source=%s", ((TriSource *) sources->pdata[0])->id);
  good = parse (text);
  g_assert_true (tri_filter_check (good, store, &error));
  g_assert_no_error (error);

  actor = parse ("actor=XYZ");
  g_assert_false (tri_filter_check (actor, store, &error));
  g_assert_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "“XYZ”"));
  g_assert_nonnull (strstr (error->message, "RUS"));
  g_clear_error (&error);

  source = parse ("source=no-such-source");
  g_assert_false (tri_filter_check (source, store, &error));
  g_assert_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "“no-such-source”"));
  g_assert_nonnull (strstr (error->message, ((TriSource *) sources->pdata[0])->id));
}

static void
test_match (void)
{
  g_autoptr(TriFilter) f = parse ("category=military|economy,confidence=confirmed,actor=PRK");
  g_autoptr(TriFilter) grade = parse ("grade=B2");
  g_autoptr(TriFilter) claim = parse ("claim=fact|unstated,source=kcna");
  const char *rus_prk[] = { "RUS", "PRK", NULL };
  const char *rus_chn[] = { "RUS", "CHN", NULL };
  TriQuote q = { 0 };

  g_assert_true (tri_filter_match_event (f, TRI_CATEGORY_MILITARY, TRI_CONFIDENCE_CONFIRMED, rus_prk));
  g_assert_true (tri_filter_match_event (f, TRI_CATEGORY_ECONOMY, TRI_CONFIDENCE_CONFIRMED, rus_prk));
  g_assert_false (tri_filter_match_event (f, TRI_CATEGORY_DIPLOMACY, TRI_CONFIDENCE_CONFIRMED, rus_prk));
  g_assert_false (tri_filter_match_event (f, TRI_CATEGORY_MILITARY, TRI_CONFIDENCE_REPORTED, rus_prk));
  g_assert_false (tri_filter_match_event (f, TRI_CATEGORY_MILITARY, TRI_CONFIDENCE_CONFIRMED, rus_chn));
  g_assert_false (tri_filter_match_event (f, TRI_CATEGORY_MILITARY, TRI_CONFIDENCE_CONFIRMED, NULL));
  g_assert_true (tri_filter_match_event (NULL, TRI_CATEGORY_MILITARY, TRI_CONFIDENCE_ALLEGED, NULL));
  /* the quote facets say nothing about events */
  g_assert_true (tri_filter_match_event (grade, TRI_CATEGORY_LEADERS, TRI_CONFIDENCE_ALLEGED, NULL));

  /* B2 or better: A or B, 1 or 2; an ungraded half never passes */
  q.source_id = (char *) "kcna";
  q.claim = TRI_CLAIM_FACT;
  q.reliability = 'B'; q.credibility = 2;
  g_assert_true (tri_filter_match_quote (grade, &q));
  q.reliability = 'A'; q.credibility = 1;
  g_assert_true (tri_filter_match_quote (grade, &q));
  q.reliability = 'A'; q.credibility = 3;
  g_assert_false (tri_filter_match_quote (grade, &q));
  q.reliability = 'C'; q.credibility = 1;
  g_assert_false (tri_filter_match_quote (grade, &q));
  q.reliability = 'B'; q.credibility = 0;
  g_assert_false (tri_filter_match_quote (grade, &q));
  q.reliability = 0; q.credibility = 1;
  g_assert_false (tri_filter_match_quote (grade, &q));
  q.reliability = 0; q.credibility = 0;
  g_assert_false (tri_filter_match_quote (grade, &q));
  g_assert_true (tri_filter_match_quote (f, &q));   /* event facets only */

  q.claim = TRI_CLAIM_UNSTATED;
  g_assert_true (tri_filter_match_quote (claim, &q));
  q.claim = TRI_CLAIM_ALLEGATION;
  g_assert_false (tri_filter_match_quote (claim, &q));
  q.claim = TRI_CLAIM_FACT;
  q.source_id = (char *) "tass";
  g_assert_false (tri_filter_match_quote (claim, &q));
}

static char *
describe (TriStore   *store,
          const char *text)
{
  g_autoptr(TriFilter) f = parse (text);

  return tri_filter_describe (f, store, "en");
}

static void
test_describe (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), &error);
  g_autoptr(GPtrArray) sources = NULL;
  const TriSource *source;
  g_autofree char *s = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
#define SAYS(filter, words) G_STMT_START {           \
    g_autofree char *said = describe (store, filter); \
    g_assert_cmpstr (said, ==, words);               \
  } G_STMT_END

  SAYS ("", "");
  SAYS ("category=military,confidence=confirmed", "confirmed military events only");
  SAYS ("category=military", "military events only");
  SAYS ("confidence=reported|alleged", "reported or alleged events only");
  SAYS ("category=diplomacy|economy|military", "diplomatic, economic or military events only");
  SAYS ("actor=RUS", "events involving Russia");
  SAYS ("actor=RUS|PRK,category=military", "military events involving Russia or North Korea");
  SAYS ("grade=B2", "quotes graded B2 or better");
  SAYS ("confidence=confirmed,grade=A1", "confirmed events only; quotes graded A1 or better");
  SAYS ("claim=fact|official", "quotes of claim type fact or official statement");
  SAYS ("actor=XYZ", "events involving XYZ");

  sources = tri_store_list_sources (store, "en", &error);
  g_assert_no_error (error);
  source = sources->pdata[0];
  text = g_strdup_printf ("source=%s", source->id);
  expected = g_strdup_printf ("quotes from “%s”", source->title);
  s = describe (store, text);
  g_assert_cmpstr (s, ==, expected);
#undef SAYS
}

static void
set_filter (TriStore   *store,
            const char *text)
{
  g_autoptr(TriFilter) f = parse (text);

  tri_store_set_filter (store, f);
}

/* Every read through the store honours its filter, and the running sums
 * count exactly the events the lists give */
static void
check_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (path, &error);
  g_autoptr(TriStateIndex) index = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  guint n_military = 0, n_confirmed_military = 0, n_prk = 0;
  guint32 as_of;

  g_assert_no_error (error);
  index = tri_state_index_new (store, &error);
  g_assert_no_error (error);
  relations = tri_store_list_relations (store, &error);
  g_assert_no_error (error);
  all = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
  g_assert_no_error (error);
  as_of = tri_store_default_as_of (store);
  for (guint i = 0; i < all->len; i++)
    {
      const TriEvent *ev = all->pdata[i];

      n_military += ev->category == TRI_CATEGORY_MILITARY;
      n_confirmed_military += ev->category == TRI_CATEGORY_MILITARY && ev->confidence == TRI_CONFIDENCE_CONFIRMED;
      for (guint k = 0; k < ev->links->len; k++)
        {
          TriRelation *r = tri_store_get_relation (store, g_array_index (ev->links, TriLink, k).relation_id);

          if (r != NULL && (g_str_equal (r->a, "PRK") || g_str_equal (r->b, "PRK")))
            {
              n_prk++;
              break;
            }
        }
    }
  g_assert_cmpuint (n_confirmed_military, >, 0);
  g_assert_cmpuint (n_military, >, n_confirmed_military);
  g_assert_cmpuint (n_prk, <, all->len);

  const char *filters[] = { "category=military", "category=military,confidence=confirmed", "actor=PRK", "", NULL };
  const guint expected[] = { n_military, n_confirmed_military, n_prk, all->len };
  for (guint t = 0; filters[t] != NULL; t++)
    {
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(TriFilter) f = parse (filters[t]);
      guint serial = tri_store_get_filter_serial (store);

      tri_store_set_filter (store, f);
      g_assert_true (tri_filter_equal (tri_store_get_filter (store), f));
      g_assert_cmpuint (tri_store_get_filter_serial (store), !=, serial);
      events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (events->len, ==, expected[t]);
      for (guint i = 0; i < events->len; i++)
        {
          const TriEvent *ev = events->pdata[i];

          g_assert_true (tri_store_event_passes (store, ev->id));
          if (t == 0 || t == 1)
            g_assert_cmpint (ev->category, ==, TRI_CATEGORY_MILITARY);
          if (t == 1)
            g_assert_cmpint (ev->confidence, ==, TRI_CONFIDENCE_CONFIRMED);
        }

      /* the sums count what the list counts, for every side and window */
      for (guint r = 0; r < relations->len; r++)
        {
          const TriRelation *rel = relations->pdata[r];
          const guint months[] = { 0, 6, 12 };

          for (guint m = 0; m < G_N_ELEMENTS (months); m++)
            {
              TriEdgeState a, b;
              guint32 from, to;

              tri_window_bounds (as_of, tri_window_days_for_months (months[m]), &from, &to);
              tri_edge_state_compute (&a, events, rel->id, from, to);
              tri_state_index_compute (index, &b, rel->id, from, to);
              g_assert_cmpint (a.n_events, ==, b.n_events);
              g_assert_cmpint (a.n_possibly, ==, b.n_possibly);
              g_assert_cmpfloat (a.intensity, ==, b.intensity);
              g_assert_cmpint (a.n_unconfirmed, ==, b.n_unconfirmed);
            }

          /* the evidence: the quotes of exactly the events counted */
          {
            g_autoptr(GPtrArray) quotes = NULL;
            guint total = 0;

            quotes = tri_store_list_quotes_in_period (store, rel->id, 1, as_of, "en", G_MAXUINT, &total, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (quotes->len, ==, total);
            for (guint i = 0; i < quotes->len; i++)
              {
                const TriQuote *q = quotes->pdata[i];

                if (t < 3)
                  g_assert_cmpint (q->event_id, !=, 0);
                if (q->event_id != 0)
                  g_assert_true (tri_store_event_passes (store, q->event_id));
              }
          }
        }

      /* stepping skips what does not pass */
      for (gint64 id = tri_store_step_event (store, 0, 1), n = 0; id != 0; id = tri_store_step_event (store, id, 1))
        {
          g_assert_true (tri_store_event_passes (store, id));
          g_assert_cmpuint (++n, <=, expected[t]);
        }
    }
}

static void
test_store (void)
{
  check_store (tri_test_briefing_path ());
}

/* event ids with gaps (events deleted, a file merged): each event is
 * still filtered by its own category, confidence and actors */
static void
test_store_id_gaps (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "gaps.sqlite");

  tri_test_sql (path, TRI_TEST_SQL_NO_DECKS
                "UPDATE event SET id = id + 100 WHERE id % 7 = 3;"
                "UPDATE event_text SET event = event + 100 WHERE event % 7 = 3;"
                "UPDATE event_relation SET event = event + 100 WHERE event % 7 = 3;"
                "UPDATE quote SET event = event + 100 WHERE event % 7 = 3;"
                "UPDATE note SET event = event + 100 WHERE event % 7 = 3;");
  check_store (path);
}

/* grade, claim and source: quotes only; an ungraded half never passes */
static void
test_store_quotes (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_graded_briefing (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (path, &error);
  TriRelation *rel;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) events = NULL;
  guint total = 0;

  g_assert_no_error (error);
  rel = tri_store_find_relation (store, "RUS-PRK", &error);
  g_assert_no_error (error);
  if (rel == NULL)
    g_error ("no RUS-PRK");

  quotes = tri_store_list_quotes_in_period (store, rel->id, 1, G_MAXUINT32 - 1, "en", 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 4);
  g_clear_pointer (&quotes, g_ptr_array_unref);

  set_filter (store, "grade=B2");
  quotes = tri_store_list_quotes_in_period (store, rel->id, 1, G_MAXUINT32 - 1, "en", 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (quotes->len, ==, 1);
  g_assert_cmpstr (((TriQuote *) quotes->pdata[0])->text, ==, TRI_TEST_GRADED_B2);
  g_clear_pointer (&quotes, g_ptr_array_unref);
  quotes = tri_store_list_quotes_page (store, rel->id, "en", 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_clear_pointer (&quotes, g_ptr_array_unref);
  /* the events are not filtered by a quote facet */
  events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);

  set_filter (store, "grade=A1");
  quotes = tri_store_list_quotes (store, 0, ((TriEvent *) events->pdata[0])->id, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->len, ==, 0);
  g_clear_pointer (&quotes, g_ptr_array_unref);

  set_filter (store, "source=wire");
  quotes = tri_store_list_quotes (store, rel->id, 0, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->len, ==, 2);
  for (guint i = 0; i < quotes->len; i++)
    g_assert_cmpstr (((TriQuote *) quotes->pdata[i])->source_id, ==, "wire");
  g_clear_pointer (&quotes, g_ptr_array_unref);

  set_filter (store, "category=military");
  quotes = tri_store_list_quotes (store, rel->id, 0, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/filter/text-form", test_text_form);
  g_test_add_func ("/filter/errors", test_errors);
  g_test_add_func ("/filter/check", test_check);
  g_test_add_func ("/filter/match", test_match);
  g_test_add_func ("/filter/describe", test_describe);
  g_test_add_func ("/filter/store", test_store);
  g_test_add_func ("/filter/store-id-gaps", test_store_id_gaps);
  g_test_add_func ("/filter/store-quotes", test_store_quotes);
  return g_test_run ();
}
