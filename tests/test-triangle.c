/* test-triangle.c: the triangle's layout and hit testing, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "render/tri-labels.h"
#include "render/tri-triangle.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

static TriTriangleLayout *
layout_as_of (TriStore   *store,
              const char *date,
              guint       months,
              double      width,
              double      height,
              gboolean    others)
{
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, "en", NULL);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  TriTriangleParams params = { 0 };
  TriDate d;

  g_assert_true (tri_date_parse (date, &d, NULL));
  tri_window_bounds (d.latest, tri_window_days_for_months (months), &params.from, &params.to);
  params.width = width;
  params.height = height;
  params.lang = "en";
  params.type_scale = 1;
  params.show_others = others;
  params.show_legend = TRUE;
  return tri_triangle_layout_new (actors, relations, events, &params);
}

static const TriEdgeLayout *
edge_named (TriTriangleLayout *layout,
            const char        *code)
{
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      if (g_str_equal (e->code, code))
        return e;
    }
  g_assert_not_reached ();
}

static void
test_hit (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(TriTriangleLayout) layout = layout_as_of (store, "2024-06", 12, 800, 600, FALSE);
  int index = -1;

  g_assert_cmpuint (layout->nodes->len, ==, 3);
  g_assert_cmpuint (layout->edges->len, ==, 3);

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);

      g_assert_cmpint (tri_triangle_layout_hit (layout, (e->x1 + e->x2) / 2, (e->y1 + e->y2) / 2, &index),
                       ==, TRI_HIT_EDGE);
      g_assert_cmpint (index, ==, (int) i);
    }

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const TriNodeLayout *n = g_ptr_array_index (layout->nodes, i);

      g_assert_cmpint (tri_triangle_layout_hit (layout, n->x, n->y, &index), ==, TRI_HIT_NODE);
      g_assert_cmpint (index, ==, (int) i);
    }

  g_assert_cmpint (tri_triangle_layout_hit (layout, 2, 2, &index), ==, TRI_HIT_NONE);
  /* the middle of the triangle is empty too */
  {
    double cx = 0, cy = 0;
    for (guint i = 0; i < 3; i++)
      {
        cx += ((TriNodeLayout *) layout->nodes->pdata[i])->x / 3;
        cy += ((TriNodeLayout *) layout->nodes->pdata[i])->y / 3;
      }
    g_assert_cmpint (tri_triangle_layout_hit (layout, cx, cy, &index), ==, TRI_HIT_NONE);
  }
}

static void
test_edge_follows_date (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(TriTriangleLayout) before = layout_as_of (store, "2023-06", 12, 800, 600, FALSE);
  g_autoptr(TriTriangleLayout) after = layout_as_of (store, "2024-06", 12, 800, 600, FALSE);
  const TriEdgeLayout *b = edge_named (before, "RUS-PRK");
  const TriEdgeLayout *a = edge_named (after, "RUS-PRK");

  /* the year of summits and the treaty thickens the Russia–North Korea side */
  g_assert_cmpint (a->state.n_by_stance[TRI_STANCE_COOPERATION], >, b->state.n_by_stance[TRI_STANCE_COOPERATION]);
  g_assert_cmpfloat (a->width, >, b->width);
  g_assert_cmpfloat (tri_edge_state_balance (&a->state), >, 0.5);
  g_assert_true (g_str_has_suffix (a->label, "mostly cooperation"));
  /* and its colour is the cooperation end of the scale */
  g_assert_cmphex (a->color, ==, tri_balance_color (tri_theme_get (FALSE), tri_edge_state_balance (&a->state)));
}

static gboolean
inside (double x0, double y0, double x1, double y1,
        double w, double h)
{
  return x0 >= 0 && y0 >= 0 && x1 <= w && y1 <= h;
}

static void
test_labels_inside (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  const double sizes[][2] = { { 800, 600 }, { 420, 320 }, { 1920, 1080 }, { 3840, 2160 }, { 600, 900 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int others = 0; others < 2; others++)
      {
        double w = sizes[s][0], h = sizes[s][1];
        g_autoptr(TriTriangleLayout) layout = layout_as_of (store, "2024-06", 12, w, h, others);

        g_test_message ("%gx%g, others %d", w, h, others);

        for (guint i = 0; i < layout->nodes->len; i++)
          {
            const TriNodeLayout *n = g_ptr_array_index (layout->nodes, i);
            g_assert_true (inside (n->name_x, n->name_y, n->name_x + n->name_w, n->name_y + n->name_h, w, h));
            g_assert_true (inside (n->x - n->radius, n->y - n->radius, n->x + n->radius, n->y + n->radius, w, h));
          }
        for (guint i = 0; i < layout->edges->len; i++)
          {
            const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
            if (e->label)
              g_assert_true (inside (e->label_x, e->label_y, e->label_x + e->label_w, e->label_y + e->label_h, w, h));
          }
        /* the triangle stays above the legend */
        for (guint i = 0; i < 3; i++)
          g_assert_cmpfloat (((TriNodeLayout *) layout->nodes->pdata[i])->y, <, layout->legend_y);
      }
}

static void
test_others (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(TriTriangleLayout) layout = layout_as_of (store, "2024-06", 24, 1000, 700, TRUE);
  gboolean usa = FALSE;

  g_assert_cmpuint (layout->nodes->len, >, 3);
  g_assert_cmpuint (layout->edges->len, >, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_false (((TriEdgeLayout *) layout->edges->pdata[i])->other);
  for (guint i = 3; i < layout->nodes->len; i++)
    usa |= g_str_equal (((TriNodeLayout *) layout->nodes->pdata[i])->code, "USA");
  g_assert_true (usa);
}

static void
assert_same_state (const TriEdgeState *a,
                   const TriEdgeState *b)
{
  g_assert_cmpint (a->n_events, ==, b->n_events);
  g_assert_cmpint (a->n_possibly, ==, b->n_possibly);
  g_assert_cmpint (a->n_unconfirmed, ==, b->n_unconfirmed);
  g_assert_cmpfloat (a->intensity, ==, b->intensity);
  g_assert_cmpfloat (a->unconfirmed_weight, ==, b->unconfirmed_weight);
  for (int k = 0; k < TRI_N_STANCES; k++)
    {
      g_assert_cmpint (a->n_by_stance[k], ==, b->n_by_stance[k]);
      g_assert_cmpfloat (a->weight_by_stance[k], ==, b->weight_by_stance[k]);
    }
}

/* The index's state equals a naive recount, for many random dates and
 * windows, on every relation. */
static void
test_index_matches_naive (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStateIndex) index = tri_state_index_new (store, &error);
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20241123);
  const guint windows[] = { 3, 6, 12, 24, 0 };
  guint32 earliest, latest;
  guint non_empty = 0, with_possibly = 0;

  g_assert_no_error (error);
  g_assert_true (tri_store_get_extent (store, &earliest, &latest));

  for (int i = 0; i < 2000; i++)
    {
      guint32 as_of = g_rand_int_range (rand, earliest - 400, latest + 400);
      guint months = windows[g_rand_int_range (rand, 0, G_N_ELEMENTS (windows))];
      const TriRelation *r = relations->pdata[g_rand_int_range (rand, 0, relations->len)];
      TriEdgeState fast, slow;
      guint32 from, to;

      tri_window_bounds (as_of, tri_window_days_for_months (months), &from, &to);
      tri_state_index_compute (index, &fast, r->id, from, to);
      tri_edge_state_compute (&slow, events, r->id, from, to);
      assert_same_state (&fast, &slow);
      non_empty += slow.n_events > 0;
      with_possibly += slow.n_possibly > 0;
    }
  /* the comparison met real states, not only empty ones */
  g_assert_cmpuint (non_empty, >, 100);
  g_assert_cmpuint (with_possibly, >, 20);
}

/* As of a day, an event counts once its latest possible day has passed;
 * one whose uncertainty straddles the day is possibly by then, not counted. */
static void
test_counting_rule (void)
{
  TriDate year, june1, dec31, day;
  guint32 from, to;

  g_assert_true (tri_date_parse ("2023", &year, NULL));
  g_assert_true (tri_date_parse ("2023-06-01", &june1, NULL));
  g_assert_true (tri_date_parse ("2023-12-31", &dec31, NULL));
  g_assert_true (tri_date_parse ("2023-03-08", &day, NULL));

  tri_window_bounds (june1.latest, tri_window_days_for_months (12), &from, &to);
  g_assert_cmpint (tri_event_count (year.earliest, year.latest, from, to), ==, TRI_COUNT_POSSIBLY);
  g_assert_cmpint (tri_event_count (day.earliest, day.latest, from, to), ==, TRI_COUNT_YES);
  g_assert_cmpint (tri_event_count (dec31.earliest, dec31.latest, from, to), ==, TRI_COUNT_NO);

  tri_window_bounds (dec31.latest, tri_window_days_for_months (12), &from, &to);
  g_assert_cmpint (tri_event_count (year.earliest, year.latest, from, to), ==, TRI_COUNT_YES);

  /* a year later, a 3-month window has left 2023 behind; all time has not */
  tri_window_bounds (dec31.latest + 365, tri_window_days_for_months (3), &from, &to);
  g_assert_cmpint (tri_event_count (year.earliest, year.latest, from, to), ==, TRI_COUNT_NO);
  tri_window_bounds (dec31.latest + 365, tri_window_days_for_months (0), &from, &to);
  g_assert_cmpint (tri_event_count (year.earliest, year.latest, from, to), ==, TRI_COUNT_YES);

  /* choosing the vague event moves "as of" to its last day */
  g_assert_cmpuint (tri_event_as_of (&year), ==, dec31.latest);

  /* a source of "April 2024" is published later as of 30 April 2024's eve */
  g_assert_true (tri_date_parse ("2024-04", &year, NULL));
  g_assert_true (tri_source_published_later (&year, year.latest - 1));
  g_assert_false (tri_source_published_later (&year, year.latest));
}

/* The words for an edge say how many more events possibly happened by then */
static void
assert_possibly_said (TriStore   *store,
                      const char *date,
                      const char *form)
{
  g_autoptr(TriTriangleLayout) layout = layout_as_of (store, date, 12, 800, 600, FALSE);
  const TriEdgeLayout *e = edge_named (layout, "RUS-PRK");
  g_autofree char *text = NULL;
  g_autofree char *clause = NULL;
  TriDate d;

  g_assert_true (tri_date_parse (date, &d, NULL));
  g_assert_cmpint (e->state.n_possibly, >=, 2);
  text = tri_edge_describe (&e->state, "Russia", "North Korea", 12, d.latest, "en");
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, e->state.n_events ? " in the 12 months to " : ": no events in the 12 months to "));
  clause = g_strdup_printf (form, e->state.n_possibly);
  g_assert_true (g_str_has_suffix (text, clause));
}

static void
test_describe_possibly (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(TriTriangleLayout) june = layout_as_of (store, "2023-06-01", 12, 800, 600, FALSE);
  g_autoptr(TriTriangleLayout) december = layout_as_of (store, "2023-12-31", 12, 800, 600, FALSE);
  const TriEdgeLayout *e = edge_named (june, "RUS-PRK");
  const TriEdgeLayout *later = edge_named (december, "RUS-PRK");

  /* "2023" and "January–September 2023" straddle 1 June 2023: none counted yet */
  assert_possibly_said (store, "2023-06-01", "2023. %d events possibly by then.");
  /* a week after the summit: it counts; "September 2023" and "2023" may have happened */
  assert_possibly_said (store, "2023-09-20", "not confirmed. %d more possibly by then.");

  /* by the end of the year they count, and thicken the edge */
  g_assert_cmpint (e->state.n_events, ==, 0);
  g_assert_cmpint (later->state.n_events, >=, e->state.n_possibly);
  g_assert_cmpfloat (later->width, >, e->width);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/triangle/hit", test_hit);
  g_test_add_func ("/triangle/edge-follows-date", test_edge_follows_date);
  g_test_add_func ("/triangle/labels-inside", test_labels_inside);
  g_test_add_func ("/triangle/others", test_others);
  g_test_add_func ("/triangle/index-matches-naive", test_index_matches_naive);
  g_test_add_func ("/triangle/counting-rule", test_counting_rule);
  g_test_add_func ("/triangle/describe-possibly", test_describe_possibly);
  return g_test_run ();
}
