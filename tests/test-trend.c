/* test-trend.c: a trend spreads each event over its possible days
 *
 * An event dated "2024" counts in each quarter of 2024 by the share of
 * its days in it (91/366, 91/366, 92/366, 92/366), never wholly in Q1; one
 * dated "June 2024" wholly in Q2; a span "2020–2021" by the days of each
 * year; an event partly outside the span only by its days inside; the
 * periods always sum to the events inside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "store/tri-date.h"
#include "store/tri-trend.h"

#define RELATION 7
#define OTHER_RELATION 8

static TriEvent *
event (const char    *date,
       TriStance      stance,
       TriConfidence  confidence,
       gint64         relation)
{
  g_autoptr(GError) error = NULL;
  TriEvent *ev = g_new0 (TriEvent, 1);
  TriLink link = { relation, stance, 2 };

  g_assert_true (tri_date_parse (date, &ev->date, &error));
  g_assert_no_error (error);
  ev->confidence = confidence;
  ev->links = g_array_new (FALSE, TRUE, sizeof (TriLink));
  g_array_append_val (ev->links, link);
  return ev;
}

static guint32
day (int y,
     int m,
     int d)
{
  return tri_day_from_ymd (y, m, d);
}

static const TriTrendPeriod *
period (GArray *periods,
        guint   i)
{
  g_assert_cmpuint (i, <, periods->len);
  return &g_array_index (periods, TriTrendPeriod, i);
}

static void
test_periods (void)
{
  g_autoptr(GArray) quarters = tri_trend_periods (day (2022, 2, 15), day (2024, 7, 1), TRI_TREND_QUARTER);
  g_autoptr(GArray) years = tri_trend_periods (day (2018, 6, 1), day (2024, 1, 1), TRI_TREND_YEAR);

  /* whole calendar quarters from Q1 2022 to Q3 2024 */
  g_assert_cmpuint (quarters->len, ==, 11);
  g_assert_cmpint (period (quarters, 0)->year, ==, 2022);
  g_assert_cmpint (period (quarters, 0)->quarter, ==, 1);
  g_assert_cmpuint (period (quarters, 0)->start, ==, day (2022, 1, 1));
  g_assert_cmpuint (period (quarters, 0)->end, ==, day (2022, 3, 31));
  g_assert_cmpint (period (quarters, 10)->quarter, ==, 3);
  g_assert_cmpuint (period (quarters, 10)->end, ==, day (2024, 9, 30));
  for (guint i = 1; i < quarters->len; i++)
    g_assert_cmpuint (period (quarters, i)->start, ==, period (quarters, i - 1)->end + 1);

  g_assert_cmpuint (years->len, ==, 7);
  g_assert_cmpint (period (years, 0)->year, ==, 2018);
  g_assert_cmpint (period (years, 6)->year, ==, 2024);
  g_assert_cmpuint (period (years, 6)->end, ==, day (2024, 12, 31));
}

static void
test_spreading (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  g_autoptr(GArray) quarters = tri_trend_periods (day (2024, 1, 1), day (2024, 12, 31), TRI_TREND_QUARTER);
  double sum = 0;

  g_ptr_array_add (events, event ("2024", TRI_STANCE_COOPERATION, TRI_CONFIDENCE_CONFIRMED, RELATION));
  g_ptr_array_add (events, event ("2024-06", TRI_STANCE_TENSION, TRI_CONFIDENCE_REPORTED, RELATION));
  g_ptr_array_add (events, event ("2024-08-15", TRI_STANCE_NEUTRAL, TRI_CONFIDENCE_CONFIRMED, RELATION));
  /* another side's event counts nowhere here */
  g_ptr_array_add (events, event ("2024-02-01", TRI_STANCE_TENSION, TRI_CONFIDENCE_CONFIRMED, OTHER_RELATION));
  tri_trend_add (quarters, events, RELATION);

  g_assert_cmpuint (quarters->len, ==, 4);
  /* "2024" by its days: 91 (Jan–Mar of a leap year), 91, 92, 92 of 366 */
  g_assert_cmpfloat_with_epsilon (period (quarters, 0)->by_stance[TRI_STANCE_COOPERATION], 91.0 / 366, 1e-9);
  g_assert_cmpfloat_with_epsilon (period (quarters, 1)->by_stance[TRI_STANCE_COOPERATION], 91.0 / 366, 1e-9);
  g_assert_cmpfloat_with_epsilon (period (quarters, 2)->by_stance[TRI_STANCE_COOPERATION], 92.0 / 366, 1e-9);
  g_assert_cmpfloat_with_epsilon (period (quarters, 3)->by_stance[TRI_STANCE_COOPERATION], 92.0 / 366, 1e-9);
  /* never on its first day: Q1 does not hold the whole of it */
  g_assert_cmpfloat (period (quarters, 0)->events, <, 0.5);
  /* "June 2024" wholly in Q2, and it was reported */
  g_assert_cmpfloat_with_epsilon (period (quarters, 1)->by_stance[TRI_STANCE_TENSION], 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (period (quarters, 1)->unconfirmed, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (period (quarters, 0)->by_stance[TRI_STANCE_TENSION], 0, 1e-9);
  /* a day: in its quarter */
  g_assert_cmpfloat_with_epsilon (period (quarters, 2)->by_stance[TRI_STANCE_NEUTRAL], 1.0, 1e-9);

  for (guint i = 0; i < quarters->len; i++)
    {
      const TriTrendPeriod *p = period (quarters, i);

      g_assert_cmpfloat_with_epsilon (p->events, p->by_stance[0] + p->by_stance[1] + p->by_stance[2], 1e-9);
      sum += p->events;
    }
  /* three events of the side, no more and no fewer */
  g_assert_cmpfloat_with_epsilon (sum, 3.0, 1e-9);
}

static void
test_spans_and_edges (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  g_autoptr(GArray) years = tri_trend_periods (day (2020, 1, 1), day (2021, 12, 31), TRI_TREND_YEAR);
  g_autoptr(GArray) quarters = tri_trend_periods (day (2023, 10, 1), day (2024, 3, 31), TRI_TREND_QUARTER);

  /* a span over two years, by the days of each: 366 (2020 is a leap year) and 365 of 731 */
  g_ptr_array_add (events, event ("2020/2021", TRI_STANCE_COOPERATION, TRI_CONFIDENCE_CONFIRMED, RELATION));
  tri_trend_add (years, events, RELATION);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (period (years, 0)->events, 366.0 / 731, 1e-9);
  g_assert_cmpfloat_with_epsilon (period (years, 1)->events, 365.0 / 731, 1e-9);

  /* an event dated "2023" seen from Q4 2023 – Q1 2024: only its Q4 share
   * (92 of 365 days) is in the span */
  g_ptr_array_set_size (events, 0);
  g_ptr_array_add (events, event ("2023", TRI_STANCE_TENSION, TRI_CONFIDENCE_CONFIRMED, RELATION));
  tri_trend_add (quarters, events, RELATION);
  g_assert_cmpuint (quarters->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (period (quarters, 0)->events, 92.0 / 365, 1e-9);
  g_assert_cmpfloat_with_epsilon (period (quarters, 1)->events, 0, 1e-9);

  g_assert_cmpfloat_with_epsilon (tri_trend_share (day (2024, 6, 1), day (2024, 6, 30), day (2024, 4, 1), day (2024, 6, 30)), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tri_trend_share (day (2024, 6, 1), day (2024, 6, 30), day (2024, 6, 16), day (2024, 9, 30)), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (tri_trend_share (day (2024, 6, 1), day (2024, 6, 30), day (2024, 7, 1), day (2024, 9, 30)), 0, 1e-9);
}

/* a trend's heading counts whole events: those certainly in the span, and
 * those whose vague dates may fall in it, never a spread share */
static void
test_whole_counts (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  guint32 from = day (2023, 10, 1), to = day (2024, 3, 31);
  guint within = 99, partly = 99;

  g_ptr_array_add (events, event ("2023-11-07", TRI_STANCE_TENSION, TRI_CONFIDENCE_CONFIRMED, RELATION));
  g_ptr_array_add (events, event ("2024-03", TRI_STANCE_COOPERATION, TRI_CONFIDENCE_REPORTED, RELATION));
  /* "2023": only its last quarter is in the span; "2024": only its first half */
  g_ptr_array_add (events, event ("2023", TRI_STANCE_TENSION, TRI_CONFIDENCE_CONFIRMED, RELATION));
  g_ptr_array_add (events, event ("2024", TRI_STANCE_NEUTRAL, TRI_CONFIDENCE_CONFIRMED, RELATION));
  /* outside the span, and on another side */
  g_ptr_array_add (events, event ("2022-05-01", TRI_STANCE_TENSION, TRI_CONFIDENCE_CONFIRMED, RELATION));
  g_ptr_array_add (events, event ("2023-12-01", TRI_STANCE_TENSION, TRI_CONFIDENCE_CONFIRMED, RELATION + 1));

  tri_trend_count (events, RELATION, from, to, &within, &partly);
  g_assert_cmpuint (within, ==, 2);
  g_assert_cmpuint (partly, ==, 2);

  tri_trend_count (events, RELATION + 1, from, to, &within, &partly);
  g_assert_cmpuint (within, ==, 1);
  g_assert_cmpuint (partly, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trend/periods", test_periods);
  g_test_add_func ("/trend/spreading", test_spreading);
  g_test_add_func ("/trend/spans-and-edges", test_spans_and_edges);
  g_test_add_func ("/trend/whole-counts", test_whole_counts);
  return g_test_run ();
}
