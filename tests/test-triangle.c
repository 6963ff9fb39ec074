/* test-triangle.c: the triangle's layout and hit testing, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "render/tri-labels.h"
#include "render/tri-triangle.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

static TriTriangleLayout *
layout_of (GPtrArray  *actors,
           GPtrArray  *relations,
           GPtrArray  *events,
           const char *date,
           guint       months,
           double      width,
           double      height,
           gboolean    others)
{
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

  return layout_of (actors, relations, events, date, months, width, height, others);
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

static int
node_rank (GPtrArray  *actors,
           const char *code)
{
  for (guint i = 0; i < actors->len; i++)
    if (g_str_equal (((TriActor *) actors->pdata[i])->code, code))
      return i;
  return G_MAXINT;
}


/* Other actors: what a reader checks by eye, computed from the layout */

static double
distance_to_segment (double px, double py, double x1, double y1, double x2, double y2)
{
  double dx = x2 - x1, dy = y2 - y1;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - x1) * dx + (py - y1) * dy) / len2, 0, 1) : 0;

  return hypot (px - (x1 + t * dx), py - (y1 + t * dy));
}

static double
distance_to_line (double px, double py, double x1, double y1, double x2, double y2)
{
  return fabs ((px - x1) * (y2 - y1) - (py - y1) * (x2 - x1)) / MAX (hypot (x2 - x1, y2 - y1), 1e-9);
}

static gboolean
joined (TriTriangleLayout *layout,
        int                a,
        int                b)
{
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      if ((e->a == a && e->b == b) || (e->a == b && e->b == a))
        return TRUE;
    }
  return FALSE;
}

/* No drawn line comes within a margin of a node it does not join, and no
 * node joined to one end of a drawn line lies on that line: two lines
 * that look like one. Returns how many lines were checked. */
static guint
assert_lines_clear (TriTriangleLayout *layout)
{
  const double margin = layout->unit;

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      const TriNodeLayout *na = g_ptr_array_index (layout->nodes, e->a);
      const TriNodeLayout *nb = g_ptr_array_index (layout->nodes, e->b);

      for (guint k = 0; k < layout->nodes->len; k++)
        {
          const TriNodeLayout *n = g_ptr_array_index (layout->nodes, k);
          double need = n->radius + e->width / 2 + margin;

          if ((int) k == e->a || (int) k == e->b)
            continue;
          if (distance_to_segment (n->x, n->y, e->x1, e->y1, e->x2, e->y2) <= need)
            g_error ("%s's line passes through %s", e->code, n->code);
          if ((joined (layout, k, e->a) || joined (layout, k, e->b)) &&
              distance_to_line (n->x, n->y, na->x, na->y, nb->x, nb->y) <= need)
            g_error ("%s lies on the line of %s, and is joined to it", n->code, e->code);
        }
    }
  return layout->edges->len;
}

/* The relations drawn are the sides and those with events in the window;
 * the other actors drawn are those such a relation joins. */
static void
assert_drawn_as_the_window_says (TriTriangleLayout *layout,
                                 GPtrArray         *actors,
                                 GPtrArray         *relations,
                                 GPtrArray         *events,
                                 guint32            from,
                                 guint32            to)
{
  for (guint k = 0; k < relations->len; k++)
    {
      const TriRelation *r = g_ptr_array_index (relations, k);
      TriEdgeState state;
      int i = tri_triangle_layout_find_edge (layout, r->id);
      gboolean side = node_rank (actors, r->a) < 3 && node_rank (actors, r->b) < 3;

      tri_edge_state_compute (&state, events, r->id, from, to);
      if (side)
        g_assert_cmpint (i, >=, 0);
      else if (state.n_events == 0 && i >= 0)
        g_error ("%s has no events in the window, yet it is drawn", r->code);
      else if (state.n_events > 0 && i < 0)
        g_error ("%s has %d events in the window, yet it is not drawn", r->code, state.n_events);
    }

  for (guint k = 0; k < actors->len; k++)
    {
      const TriActor *actor = g_ptr_array_index (actors, k);
      gboolean has_line = FALSE, drawn = FALSE;

      for (guint i = 0; i < layout->edges->len; i++)
        {
          const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
          has_line |= g_str_equal (((TriNodeLayout *) layout->nodes->pdata[e->a])->code, actor->code) ||
                      g_str_equal (((TriNodeLayout *) layout->nodes->pdata[e->b])->code, actor->code);
        }
      for (guint i = 0; i < layout->nodes->len; i++)
        drawn |= g_str_equal (((TriNodeLayout *) layout->nodes->pdata[i])->code, actor->code);
      if (k < 3)
        g_assert_true (drawn);
      else if (drawn != has_line)
        g_error ("%s is %s, but %s a relation drawn", actor->code, drawn ? "drawn" : "not drawn",
                 has_line ? "has" : "has no");
    }
}

typedef struct
{
  GPtrArray *actors;
  GPtrArray *relations;
  GPtrArray *events;
  guint      n_lines;
  guint      n_others;
  gboolean   labels_kept;        /* every side keeps its label, other actors or not */
  guint      n_empty_among_others;
} Briefing;

static void
briefing_load (Briefing *b,
               TriStore *store)
{
  b->actors = tri_store_list_actors (store, "en", NULL);
  b->relations = tri_store_list_relations (store, NULL);
  b->events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  b->n_lines = b->n_others = b->n_empty_among_others = 0;
  b->labels_kept = FALSE;
}

static void
briefing_clear (Briefing *b)
{
  g_clear_pointer (&b->actors, g_ptr_array_unref);
  g_clear_pointer (&b->relations, g_ptr_array_unref);
  g_clear_pointer (&b->events, g_ptr_array_unref);
}

static void
check_others (Briefing   *b,
              const char *date,
              guint       months,
              double      width,
              double      height)
{
  g_autoptr(TriTriangleLayout) layout = layout_of (b->actors, b->relations, b->events, date, months,
                                                   width, height, TRUE);
  TriDate d;
  guint32 from, to;

  g_test_message ("as of %s, %u months, %gx%g", date, months, width, height);
  g_assert_true (tri_date_parse (date, &d, NULL));
  tri_window_bounds (d.latest, tri_window_days_for_months (months), &from, &to);
  b->n_lines += assert_lines_clear (layout);
  b->n_others += layout->nodes->len - 3;
  for (guint i = 0; i < 3; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);

      g_assert_false (e->other);
      if (b->labels_kept)
        g_assert_nonnull (e->label);
      if (e->state.n_events == 0 && layout->nodes->len > 3)
        {
          /* an empty side among the other actors: drawn, and says so */
          g_assert_true (e->empty);
          if (b->labels_kept)
            g_assert_cmpstr (e->label, ==, "no events");
          b->n_empty_among_others++;
        }
    }
  assert_drawn_as_the_window_says (layout, b->actors, b->relations, b->events, from, to);
}

static void
test_others_clear_bundled (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  const char *dates[] = { "2000", "2018-06", "2023-03", "2023-09-15", "2024-01", "2024-06-19", "2024-12", "2025-06" };
  const guint windows[] = { 3, 12, 24, 0 };
  const double sizes[][2] = { { 1200, 800 }, { 800, 600 }, { 600, 900 }, { 1920, 1080 } };
  Briefing b;

  briefing_load (&b, store);
  b.labels_kept = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        check_others (&b, dates[i], windows[w], sizes[s][0], sizes[s][1]);
  g_test_message ("%u empty sides among other actors", b.n_empty_among_others);

  /* the checks met busy drawings, not only the bare triangle */
  g_assert_cmpuint (b.n_others, >, 200);
  g_assert_cmpuint (b.n_lines, >, 3 * G_N_ELEMENTS (dates) * G_N_ELEMENTS (windows) * G_N_ELEMENTS (sizes) + 200);
  briefing_clear (&b);
}

/* Scrubbing "as of" with the same actors and lines drawn: they stay where
 * they were (the drawing does not jump), and stay clear as the lines'
 * widths change. */
static void
test_others_stay_while_scrubbing (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(TriTriangleLayout) previous = NULL;
  Briefing b;
  TriDate start;
  guint same = 0, kept = 0;

  briefing_load (&b, store);
  g_assert_true (tri_date_parse ("2023-06-01", &start, NULL));
  for (guint32 day = start.latest; day < start.latest + 540; day += 5)
    {
      TriTriangleParams params = { 0 };
      TriTriangleLayout *layout;
      gboolean same_drawing;

      tri_window_bounds (day, tri_window_days_for_months (24), &params.from, &params.to);
      params.width = 1200;
      params.height = 800;
      params.lang = "en";
      params.type_scale = 1;
      params.show_others = TRUE;
      params.show_legend = TRUE;
      params.previous = previous;
      layout = tri_triangle_layout_new (b.actors, b.relations, b.events, &params);

      assert_lines_clear (layout);
      assert_drawn_as_the_window_says (layout, b.actors, b.relations, b.events, params.from, params.to);

      same_drawing = previous != NULL && previous->nodes->len == layout->nodes->len &&
                     previous->edges->len == layout->edges->len;
      for (guint i = 0; same_drawing && i < layout->nodes->len; i++)
        same_drawing = g_str_equal (((TriNodeLayout *) layout->nodes->pdata[i])->code,
                                    ((TriNodeLayout *) previous->nodes->pdata[i])->code);
      for (guint i = 0; same_drawing && i < layout->edges->len; i++)
        same_drawing = ((TriEdgeLayout *) layout->edges->pdata[i])->relation_id ==
                       ((TriEdgeLayout *) previous->edges->pdata[i])->relation_id;
      if (same_drawing && layout->nodes->len > 3)
        {
          gboolean stayed = TRUE;

          same++;
          for (guint i = 3; i < layout->nodes->len; i++)
            stayed &= ((TriNodeLayout *) layout->nodes->pdata[i])->ux == ((TriNodeLayout *) previous->nodes->pdata[i])->ux &&
                      ((TriNodeLayout *) layout->nodes->pdata[i])->uy == ((TriNodeLayout *) previous->nodes->pdata[i])->uy;
          kept += stayed;
        }
      g_clear_pointer (&previous, tri_triangle_layout_free);
      previous = layout;
    }

  g_test_message ("%u of %u steps with the same drawing kept every place", kept, same);
  g_assert_cmpuint (same, >, 20);
  g_assert_cmpuint (kept, ==, same);
  briefing_clear (&b);
}

/* A generated briefing of 3,000 events, with ten more actors and fourteen
 * more relations linked to some of its events; Canada's relation has none,
 * nor has the Russia – China side. */
static void
test_others_clear_generated (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "generated.sqlite", NULL);
  g_autofree char *json = g_build_filename (dir, "generated.json", NULL);
  const char *argv[] = { g_getenv ("TRI_GENERATE"), "3000", path, json, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  const char *dates[] = { "1996-06", "2001-03", "2008-09", "2013-12", "2019-06", "2024-06" };
  const guint windows[] = { 3, 12, 0 };
  const double sizes[][2] = { { 1200, 800 }, { 700, 700 } };
  Briefing b;
  int status = -1;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  tri_test_sql (path,
                "INSERT INTO actor VALUES ('GBR', '#7F7F7F', 6), ('AUS', '#7F7F7F', 7), ('IND', '#7F7F7F', 8),"
                " ('UN', '#7F7F7F', 9), ('NATO', '#7F7F7F', 10), ('UKR', '#7F7F7F', 11), ('IRN', '#7F7F7F', 12),"
                " ('FIN', '#7F7F7F', 13), ('CAN', '#7F7F7F', 14), ('BRA', '#7F7F7F', 15);"
                "INSERT INTO actor_name VALUES ('GBR', 'en', 'United Kingdom'), ('AUS', 'en', 'Australia'),"
                " ('IND', 'en', 'India'), ('UN', 'en', 'United Nations'), ('NATO', 'en', 'NATO'),"
                " ('UKR', 'en', 'Ukraine'), ('IRN', 'en', 'Iran'), ('FIN', 'en', 'Finland'),"
                " ('CAN', 'en', 'Canada'), ('BRA', 'en', 'Brazil');"
                "INSERT INTO relation VALUES (7, 'RUS', 'UKR'), (8, 'RUS', 'IRN'), (9, 'RUS', 'FIN'),"
                " (10, 'USA', 'GBR'), (11, 'USA', 'AUS'), (12, 'GBR', 'AUS'), (13, 'CHN', 'IND'),"
                " (14, 'RUS', 'UN'), (15, 'PRK', 'UN'), (16, 'USA', 'NATO'), (17, 'RUS', 'NATO'),"
                " (18, 'RUS', 'CAN'), (19, 'KOR', 'JPN'), (20, 'CHN', 'BRA');"
                "INSERT INTO event_relation SELECT id, 7, 'tension', 3 FROM event WHERE id % 11 = 0;"
                "INSERT INTO event_relation SELECT id, 8, 'cooperation', 1 FROM event WHERE id % 13 = 1;"
                "INSERT INTO event_relation SELECT id, 9, 'tension', 1 FROM event WHERE id % 29 = 2;"
                "INSERT INTO event_relation SELECT id, 10, 'cooperation', 2 FROM event WHERE id % 17 = 3;"
                "INSERT INTO event_relation SELECT id, 11, 'cooperation', 2 FROM event WHERE id % 19 = 4;"
                "INSERT INTO event_relation SELECT id, 12, 'neutral', 1 FROM event WHERE id % 23 = 5;"
                "INSERT INTO event_relation SELECT id, 13, 'tension', 2 FROM event WHERE id % 97 = 6;"
                "INSERT INTO event_relation SELECT id, 14, 'tension', 2 FROM event WHERE id % 7 = 0;"
                "INSERT INTO event_relation SELECT id, 15, 'tension', 3 FROM event WHERE id % 31 = 7;"
                "INSERT INTO event_relation SELECT id, 16, 'cooperation', 3 FROM event WHERE id % 37 = 8;"
                "INSERT INTO event_relation SELECT id, 17, 'tension', 3 FROM event WHERE id % 41 = 9;"
                "INSERT INTO event_relation SELECT id, 19, 'neutral', 1 FROM event WHERE id % 43 = 10;"
                "INSERT INTO event_relation SELECT id, 20, 'cooperation', 1 FROM event WHERE id % 53 = 11;"
                /* and Russia – China has no events at all */
                "DELETE FROM event_relation WHERE relation = 2;");

  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  briefing_load (&b, store);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        check_others (&b, dates[i], windows[w], sizes[s][0], sizes[s][1]);
  g_assert_cmpuint (b.n_others, >, 150);
  /* and empty sides among other actors' lines */
  g_assert_cmpuint (b.n_empty_among_others, >, 0);

  /* over all time every actor with events is there, and Canada is not */
  {
    g_autoptr(TriTriangleLayout) layout = layout_of (b.actors, b.relations, b.events, "2025-12", 0,
                                                     1200, 800, TRUE);
    gboolean canada = FALSE;

    g_assert_cmpuint (layout->nodes->len, ==, 15);
    for (guint i = 0; i < layout->nodes->len; i++)
      canada |= g_str_equal (((TriNodeLayout *) layout->nodes->pdata[i])->code, "CAN");
    g_assert_false (canada);
  }

  briefing_clear (&b);
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (json);
  g_rmdir (dir);
}

/* A side with no events in the window is drawn, faint, and says so */
static void
test_empty_side (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);

  for (int others = 0; others < 2; others++)
    {
      g_autoptr(TriTriangleLayout) layout = layout_as_of (store, "2001-06", 3, 900, 600, others);
      const TriTheme *theme = tri_theme_get (FALSE);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 600);
      cairo_t *cr = cairo_create (surface);

      tri_triangle_render (layout, cr, theme);
      cairo_surface_flush (surface);
      g_assert_cmpuint (layout->nodes->len, ==, 3);
      g_assert_cmpuint (layout->edges->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        {
          const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
          int x = (int) ((e->x1 + e->x2) / 2), y = (int) ((e->y1 + e->y2) / 2);
          guint32 pixel = ((guint32 *) (cairo_image_surface_get_data (surface) +
                                        y * cairo_image_surface_get_stride (surface)))[x] & 0xFFFFFF;

          g_assert_cmpint (e->state.n_events, ==, 0);
          g_assert_true (e->empty);
          g_assert_cmpstr (e->label, ==, "no events");
          /* the line is there, faint: the grey of rules, not a stance's colour */
          g_assert_cmphex (pixel, !=, theme->background);
          g_assert_cmpint (ABS ((int) (pixel & 0xFF) - (int) (theme->rule & 0xFF)), <, 0x30);
          g_assert_cmphex (pixel & 0xFF, ==, (pixel >> 16) & 0xFF);
          g_assert_cmphex (pixel & 0xFF, ==, (pixel >> 8) & 0xFF);
        }
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static TriEvent *
event_new (gint64      id,
           const char *date,
           gint64      relation_id,
           TriStance   stance,
           int         weight)
{
  TriEvent *ev = g_new0 (TriEvent, 1);
  TriLink link = { relation_id, stance, weight };

  ev->id = id;
  g_assert_true (tri_date_parse (date, &ev->date, NULL));
  ev->confidence = TRI_CONFIDENCE_CONFIRMED;
  ev->title = g_strdup_printf ("Event %" G_GINT64_FORMAT, id);
  ev->links = g_array_new (FALSE, FALSE, sizeof (TriLink));
  g_array_append_val (ev->links, link);
  return ev;
}

static TriActor *
actor_new (const char *code,
           const char *name,
           int         rank)
{
  TriActor *actor = g_new0 (TriActor, 1);

  actor->code = g_strdup (code);
  actor->name = g_strdup (name);
  actor->color = 0x7F7F7F;
  actor->rank = rank;
  return actor;
}

static TriRelation *
relation_new (gint64      id,
              const char *a,
              const char *b)
{
  TriRelation *r = g_new0 (TriRelation, 1);

  r->id = id;
  r->a = g_strdup (a);
  r->b = g_strdup (b);
  r->code = g_strconcat (a, "-", b, NULL);
  return r;
}

/* The words on the sides: "neutral" is not "mixed", and counts are plural-correct */
static void
test_side_words (void)
{
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_actor_free);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_relation_free);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  g_autoptr(TriTriangleLayout) layout = NULL;
  TriTriangleParams params = { 0 };
  TriDate d;

  g_ptr_array_add (actors, actor_new ("RUS", "Russia", 0));
  g_ptr_array_add (actors, actor_new ("CHN", "China", 1));
  g_ptr_array_add (actors, actor_new ("PRK", "North Korea", 2));
  g_ptr_array_add (relations, relation_new (1, "RUS", "PRK"));
  g_ptr_array_add (relations, relation_new (2, "RUS", "CHN"));
  g_ptr_array_add (relations, relation_new (3, "CHN", "PRK"));
  /* Russia – North Korea: as much cooperation as tension */
  g_ptr_array_add (events, event_new (1, "2024-03-01", 1, TRI_STANCE_COOPERATION, 2));
  g_ptr_array_add (events, event_new (2, "2024-03-02", 1, TRI_STANCE_TENSION, 2));
  /* Russia – China: all neutral */
  g_ptr_array_add (events, event_new (3, "2024-03-03", 2, TRI_STANCE_NEUTRAL, 3));
  g_ptr_array_add (events, event_new (4, "2024-03-04", 2, TRI_STANCE_NEUTRAL, 1));
  /* China – North Korea: one event */
  g_ptr_array_add (events, event_new (5, "2024-03-05", 3, TRI_STANCE_COOPERATION, 1));

  g_assert_true (tri_date_parse ("2024-06-30", &d, NULL));
  tri_window_bounds (d.latest, tri_window_days_for_months (12), &params.from, &params.to);
  params.width = 900;
  params.height = 600;
  params.lang = "en";
  params.show_legend = TRUE;
  layout = tri_triangle_layout_new (actors, relations, events, &params);

  g_assert_cmpstr (edge_named (layout, "RUS-PRK")->label, ==, "2 events\nmixed");
  g_assert_cmpstr (edge_named (layout, "RUS-CHN")->label, ==, "2 events\nneutral");
  g_assert_cmpstr (edge_named (layout, "CHN-PRK")->label, ==, "1 event\nmostly cooperation");
  /* the legend says both words the labels use for its grey */
  g_assert_nonnull (strstr (((TriLegendItem *) layout->legend->pdata[1])->text, "mixed"));
  g_assert_nonnull (strstr (((TriLegendItem *) layout->legend->pdata[1])->text, "neutral"));

  /* neutral with a little of one stance is mostly neutral, not mixed */
  {
    TriEdgeState state = { 0 };

    state.n_events = 3;
    state.weight_by_stance[TRI_STANCE_NEUTRAL] = 5;
    state.weight_by_stance[TRI_STANCE_COOPERATION] = 1;
    state.intensity = 6;
    g_assert_cmpstr (tri_edge_trend_label (&state, "en"), ==, "mostly neutral");
  }
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
  g_test_add_func ("/triangle/others-clear-bundled", test_others_clear_bundled);
  g_test_add_func ("/triangle/others-clear-generated", test_others_clear_generated);
  g_test_add_func ("/triangle/others-stay-while-scrubbing", test_others_stay_while_scrubbing);
  g_test_add_func ("/triangle/empty-side", test_empty_side);
  g_test_add_func ("/triangle/side-words", test_side_words);
  g_test_add_func ("/triangle/counting-rule", test_counting_rule);
  g_test_add_func ("/triangle/describe-possibly", test_describe_possibly);
  return g_test_run ();
}
