/* test-triangle.c: the triangle's layout and hit testing, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "render/tri-triangle.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

static TriTriangleLayout *
layout_as_of (TriStore   *store,
              const char *date,
              guint       months)
{
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, "en", NULL);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  guint32 from, to;
  TriDate d;

  g_assert_true (tri_date_parse (date, &d, NULL));
  tri_window_bounds (d.latest, tri_window_days_for_months (months), &from, &to);
  return tri_triangle_layout_new (actors, relations, events, from, to, 800, 600, "en");
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
  g_autoptr(TriTriangleLayout) layout = layout_as_of (store, "2024-06", 12);
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
}

static void
test_edge_follows_date (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(TriTriangleLayout) before = layout_as_of (store, "2023-06", 12);
  g_autoptr(TriTriangleLayout) after = layout_as_of (store, "2024-06", 12);
  const TriEdgeLayout *b = edge_named (before, "RUS-PRK");
  const TriEdgeLayout *a = edge_named (after, "RUS-PRK");

  /* the year of summits and the treaty thickens the Russia–North Korea side */
  g_assert_cmpint (a->state.n_by_stance[TRI_STANCE_COOPERATION], >, b->state.n_by_stance[TRI_STANCE_COOPERATION]);
  g_assert_cmpfloat (a->width, >, b->width);
  g_assert_cmpfloat (tri_edge_state_balance (&a->state), >, 0.5);
  g_assert_true (g_str_has_suffix (a->label, "mostly cooperation"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/triangle/hit", test_hit);
  g_test_add_func ("/triangle/edge-follows-date", test_edge_follows_date);
  return g_test_run ();
}
