/* test-session.c: the view state and its rules, without GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "document/tri-document.h"
#include "document/tri-session.h"
#include "store/tri-date.h"
#include "store/tri-state.h"
#include "tri-test-util.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

/* A briefing opens on its newest event's last possible day; an empty one
 * on today */
static void
test_default_as_of (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.sqlite", NULL);
  g_autoptr(TriStore) briefing = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(TriStore) empty = NULL;
  g_autoptr(TriSession) session = tri_session_new ("vi");
  g_autoptr(TriEvent) last = NULL;
  guint32 newest;

  /* the last event in date order, on the day it certainly counts */
  g_assert_nonnull (briefing);
  last = tri_store_get_event (briefing, tri_store_step_event (briefing, 0, -1), "en", NULL);
  g_assert_nonnull (last);
  newest = tri_event_as_of (&last->date);
  g_assert_cmpuint (newest, ==, last->date.latest);

  tri_session_reset (session, briefing);
  g_assert_cmpuint (tri_session_get_as_of (session), ==, newest);
  g_assert_cmpstr (tri_session_get_data_language (session), ==, "vi");

  g_assert_true (tri_document_create_new (path, NULL));
  empty = tri_store_open (path, NULL);
  g_assert_nonnull (empty);
  tri_session_reset (session, empty);
  g_assert_cmpuint (tri_session_get_as_of (session), ==, tri_day_today ());
}

/* Choosing an event moves "as of" to the first day it certainly counts;
 * one selection at a time; each property notifies once */
static void
test_choose (void)
{
  g_autoptr(TriSession) session = tri_session_new (NULL);
  g_autoptr(GString) log = g_string_new (NULL);
  TriDate early = { 0 };
  guint32 as_of;

  g_assert_true (tri_date_parse ("2024-early", &early, NULL));
  g_signal_connect (session, "notify", G_CALLBACK (count_notify), log);

  tri_session_choose_relation (session, 7);
  g_assert_cmpstr (log->str, ==, "selected-relation;");
  g_assert_cmpint (tri_session_get_selected_relation (session), ==, 7);

  g_string_truncate (log, 0);
  tri_session_choose_event (session, 42, &early);
  as_of = tri_session_get_as_of (session);
  g_assert_cmpuint (as_of, ==, tri_event_as_of (&early));
  g_assert_cmpuint (as_of, ==, early.latest);
  g_assert_cmpint (tri_session_get_selected_event (session), ==, 42);
  g_assert_cmpint (tri_session_get_selected_relation (session), ==, 0);
  g_assert_nonnull (strstr (log->str, "selected-event;"));
  g_assert_nonnull (strstr (log->str, "selected-relation;"));
  g_assert_nonnull (strstr (log->str, "as-of;"));

  /* an actor: the event is no longer chosen, and "as of" stays */
  g_string_truncate (log, 0);
  tri_session_choose_actor (session, "PRK");
  g_assert_cmpstr (tri_session_get_selected_actor (session), ==, "PRK");
  g_assert_cmpint (tri_session_get_selected_event (session), ==, 0);
  g_assert_cmpuint (tri_session_get_as_of (session), ==, as_of);
  g_assert_true (tri_session_has_selection (session));
  g_assert_null (strstr (log->str, "as-of;"));

  /* the same again says nothing */
  g_string_truncate (log, 0);
  tri_session_choose_actor (session, "PRK");
  g_assert_cmpstr (log->str, ==, "");

  tri_session_clear_selection (session);
  g_assert_false (tri_session_has_selection (session));
}

/* The periods offered, and the days one counts */
static void
test_periods (void)
{
  g_autoptr(TriSession) session = tri_session_new ("en");
  const guint expected[] = { 3, 6, 12, 24, 0 };
  guint n = 0;
  const guint *choices = tri_session_get_window_choices (&n);
  guint32 from, to;

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (choices[i], ==, expected[i]);
      g_assert_cmpint (tri_session_find_window_choice (choices[i]), ==, i);
    }
  g_assert_cmpint (tri_session_find_window_choice (5), ==, -1);
  g_assert_cmpuint (tri_session_get_window_months (session), ==, 12);

  tri_session_set_as_of (session, tri_day_from_ymd (2024, 6, 19));
  tri_session_set_window_months (session, 3);
  tri_session_window_bounds (session, &from, &to);
  g_assert_cmpuint (to, ==, tri_day_from_ymd (2024, 6, 19));
  g_assert_cmpuint (to - from + 1, ==, tri_window_days_for_months (3));

  /* all time: everything up to "as of" */
  g_object_set (session, "window-months", 0, NULL);
  tri_session_window_bounds (session, &from, &to);
  g_assert_cmpuint (from, <=, 1);

  /* the C locale's language is English */
  tri_session_set_data_language (session, "C.UTF-8");
  g_assert_cmpstr (tri_session_get_data_language (session), ==, "en");
  tri_session_set_data_language (session, "zh-CN");
  g_assert_cmpstr (tri_session_get_data_language (session), ==, "zh_CN");

  tri_session_set_timeline_range (session, 100.5, 465.5);
  {
    double t0, t1;

    g_object_get (session, "timeline-start", &t0, "timeline-end", &t1, NULL);
    g_assert_cmpfloat (t0, ==, 100.5);
    g_assert_cmpfloat (t1, ==, 465.5);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/default-as-of", test_default_as_of);
  g_test_add_func ("/session/choose", test_choose);
  g_test_add_func ("/session/periods", test_periods);
  return g_test_run ();
}
