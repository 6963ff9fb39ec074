/* test-timeline.c: the timeline's layout, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "render/tri-timeline.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

static TriEvent *
event_new (gint64       id,
           const char  *date,
           TriCategory  category,
           const char  *title)
{
  TriEvent *ev = g_new0 (TriEvent, 1);
  TriLink link = { 1, TRI_STANCE_COOPERATION, 2 };

  ev->id = id;
  g_assert_true (tri_date_parse (date, &ev->date, NULL));
  ev->category = category;
  ev->title = g_strdup (title);
  ev->links = g_array_new (FALSE, FALSE, sizeof (TriLink));
  g_array_append_val (ev->links, link);
  return ev;
}

static double
julian (const char *iso)
{
  TriDate d;

  g_assert_true (tri_date_parse (iso, &d, NULL));
  return d.earliest;
}

static TriTimelineLayout *
layout_for (GPtrArray  *events,
            const char *from,
            const char *to,
            double      width)
{
  TriTimelineParams params = { 0 };

  params.width = width;
  params.height = 260;
  params.t0 = julian (from);
  params.t1 = julian (to);
  params.as_of = (guint32) julian ("2023-10-15");
  params.lang = "en";
  params.type_scale = 1;
  return tri_timeline_layout_new (events, &params);
}

static TriTimelineMark *
mark_of (TriTimelineLayout *layout,
         gint64             id)
{
  for (guint i = 0; i < layout->marks->len; i++)
    if (((TriTimelineMark *) layout->marks->pdata[i])->event_id == id)
      return layout->marks->pdata[i];
  g_assert_not_reached ();
}

static void
test_spans_cover_uncertainty (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  g_autoptr(TriTimelineLayout) layout = NULL;
  TriTimelineMark *m;

  g_ptr_array_add (events, event_new (1, "2023-09-13", TRI_CATEGORY_DIPLOMACY, "Summit"));
  g_ptr_array_add (events, event_new (2, "2023-10", TRI_CATEGORY_DIPLOMACY, "Visit in October"));
  g_ptr_array_add (events, event_new (3, "2024-early", TRI_CATEGORY_MILITARY, "Early 2024"));
  g_ptr_array_add (events, event_new (4, "2020/2021", TRI_CATEGORY_ECONOMY, "Aid"));
  layout = layout_for (events, "2023-01-01", "2025-01-01", 1200);

  /* a day is a point at that day */
  m = mark_of (layout, 1);
  g_assert_true (m->point);
  g_assert_cmpfloat (fabs ((m->x0 + m->x1) / 2 - tri_timeline_layout_x (layout, julian ("2023-09-13") + 0.5)), <, 0.01);

  /* a month is a bar over the whole month, never a false point */
  m = mark_of (layout, 2);
  g_assert_false (m->point);
  g_assert_cmpfloat (fabs (m->x0 - tri_timeline_layout_x (layout, julian ("2023-10-01"))), <, 0.01);
  g_assert_cmpfloat (fabs (m->x1 - tri_timeline_layout_x (layout, julian ("2023-11-01"))), <, 0.01);

  /* early 2024 is January to April */
  m = mark_of (layout, 3);
  g_assert_false (m->point);
  g_assert_cmpfloat (fabs (m->x0 - tri_timeline_layout_x (layout, julian ("2024-01-01"))), <, 0.01);
  g_assert_cmpfloat (fabs (m->x1 - tri_timeline_layout_x (layout, julian ("2024-05-01"))), <, 0.01);

  /* outside the range: not laid out */
  for (guint i = 0; i < layout->marks->len; i++)
    g_assert_cmpint (((TriTimelineMark *) layout->marks->pdata[i])->event_id, !=, 4);
}

static gboolean
boxes_overlap (const TriTimelineMark *a,
               const TriTimelineMark *b)
{
  return a->label_x < b->label_x + b->label_w && b->label_x < a->label_x + a->label_w &&
         a->label_y < b->label_y + b->label_h && b->label_y < a->label_y + a->label_h;
}

static void
test_labels_never_collide (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  g_autoptr(TriTimelineLayout) layout = NULL;
  guint drawn = 0, dropped = 0;

  /* thirty events in one lane within days of each other */
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *date = g_strdup_printf ("2023-10-%02d", 1 + i % 28);
      g_autofree char *title = g_strdup_printf ("A long event title number %d that cannot all fit", i);
      g_ptr_array_add (events, event_new (i + 1, date, TRI_CATEGORY_DIPLOMACY, title));
    }
  layout = layout_for (events, "2023-01-01", "2024-12-31", 900);

  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *a = layout->marks->pdata[i];

      if (a->label == NULL)
        {
          dropped++;
          continue;
        }
      drawn++;
      g_assert_cmpfloat (a->label_x + a->label_w, <=, layout->plot_x1 + 0.01);
      for (guint k = i + 1; k < layout->marks->len; k++)
        {
          const TriTimelineMark *b = layout->marks->pdata[k];
          if (b->label != NULL)
            g_assert_false (boxes_overlap (a, b));
        }
    }
  g_assert_cmpuint (drawn, >, 0);
  g_assert_cmpuint (dropped, >, 0);
}

static void
test_ticks_adapt (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(TriTimelineLayout) decades = layout_for (none, "1995-01-01", "2025-01-01", 900);
  g_autoptr(TriTimelineLayout) years = layout_for (none, "2023-01-01", "2024-07-01", 900);
  g_autoptr(TriTimelineLayout) months = layout_for (none, "2023-06-01", "2024-03-01", 900);
  g_autoptr(TriTimelineLayout) days = layout_for (none, "2023-10-01", "2023-10-20", 900);

  g_assert_cmpint (decades->tick_unit, ==, TRI_TICK_YEAR);
  g_assert_cmpint (years->tick_unit, ==, TRI_TICK_QUARTER);
  g_assert_cmpint (months->tick_unit, ==, TRI_TICK_MONTH);
  g_assert_cmpint (days->tick_unit, ==, TRI_TICK_DAY);
  g_assert_cmpstr (((TriTimelineTick *) months->ticks->pdata[0])->label, ==, "Jun 2023");
  g_assert_cmpstr (((TriTimelineTick *) months->ticks->pdata[1])->label, ==, "Jul");

  for (guint i = 1; i < decades->ticks->len; i++)
    g_assert_cmpfloat (((TriTimelineTick *) decades->ticks->pdata[i])->x, >,
                       ((TriTimelineTick *) decades->ticks->pdata[i - 1])->x);
}

static void
test_hit_and_cursor (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  g_autoptr(TriTimelineLayout) layout = layout_for (events, "2023-01-01", "2024-09-01", 1100);
  int index = -1;

  g_assert_cmpuint (layout->marks->len, >, 10);
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *m = layout->marks->pdata[i];
      double x = CLAMP ((m->x0 + m->x1) / 2, layout->plot_x0 + 1, layout->plot_x1 - 1);

      gboolean covered = FALSE;

      /* a mark drawn under a later one in a crowded row is reached by keyboard */
      for (guint k = i + 1; k < layout->marks->len; k++)
        {
          const TriTimelineMark *o = layout->marks->pdata[k];
          covered |= o->y == m->y && o->x0 <= x && x <= o->x1;
        }

      g_assert_cmpint (tri_timeline_layout_hit (layout, x, m->y, &index), ==, TRI_TIMELINE_HIT_MARK);
      if (!covered)
        g_assert_cmpint (((TriTimelineMark *) layout->marks->pdata[index])->event_id, ==, m->event_id);
    }

  /* the plot maps back to its days */
  g_assert_cmpuint (tri_timeline_layout_day_at (layout, tri_timeline_layout_x (layout, julian ("2024-02-19") + 0.5)),
                    ==, (guint32) julian ("2024-02-19"));
  g_assert_cmpint (tri_timeline_layout_hit (layout, layout->cursor_x, 5, &index), ==, TRI_TIMELINE_HIT_CURSOR);
}

static void
test_clusters (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  g_autoptr(TriTimelineLayout) layout = NULL;
  g_autoptr(TriTimelineLayout) zoomed = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint in_range = 0, total = 0;

  /* 3,000 diplomatic events over ten years, a few military ones */
  for (int i = 0; i < 3000; i++)
    {
      g_autofree char *date = g_strdup_printf ("%d-%02d-%02d", 2015 + i % 10, 1 + (i / 10) % 12, 1 + (i / 120) % 28);
      g_ptr_array_add (events, event_new (i + 1, date, TRI_CATEGORY_DIPLOMACY, "Talks"));
      in_range++;
    }
  g_ptr_array_add (events, event_new (5001, "2023-03-10", TRI_CATEGORY_MILITARY, "Drill"));
  g_ptr_array_add (events, event_new (5002, "2023-06", TRI_CATEGORY_MILITARY, "Exercise"));

  layout = layout_for (events, "2015-01-01", "2025-01-01", 1000);
  g_assert_true (layout->clustered[TRI_CATEGORY_DIPLOMACY]);
  g_assert_false (layout->clustered[TRI_CATEGORY_MILITARY]);
  /* the sparse lane keeps its events, labelled */
  g_assert_cmpuint (layout->marks->len, ==, 2);

  for (guint i = 0; i < layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = layout->clusters->pdata[i];
      double cx = (c->x0 + c->x1) / 2;
      int index = -1;

      /* a cluster's count is the events it covers, each once, each inside it */
      g_assert_cmpuint (c->count, ==, c->event_ids->len);
      for (guint k = 0; k < c->event_ids->len; k++)
        {
          gint64 *id = &g_array_index (c->event_ids, gint64, k);
          const TriEvent *ev = events->pdata[*id - 1];
          double mid = tri_timeline_layout_x (layout, ev->date.earliest + 0.5);

          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, id);
          g_assert_cmpfloat (mid, >=, c->x0 - 0.01);
          g_assert_cmpfloat (mid, <=, c->x1 + 0.01);
        }
      total += c->count;

      /* hitting it selects exactly it */
      g_assert_cmpint (tri_timeline_layout_hit (layout, cx, c->y, &index), ==, TRI_TIMELINE_HIT_CLUSTER);
      g_assert_true (layout->clusters->pdata[index] == c);
    }
  g_assert_cmpuint (total, ==, in_range);

  /* zooming in to a fortnight shows the events one by one */
  zoomed = layout_for (events, "2023-03-01", "2023-03-15", 1000);
  g_assert_false (zoomed->clustered[TRI_CATEGORY_DIPLOMACY]);
  g_assert_cmpuint (zoomed->clusters->len, ==, 0);
  g_assert_cmpuint (zoomed->marks->len, >, 10);
}

/* an axis before the common era ticks at round years as they are
 * labelled (5000 BCE is the year -4999), and names the era */
static void
test_ticks_before_common_era (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  g_autoptr(TriTimelineLayout) layout = layout_for (events, "-5500", "0700", 1200);
  g_autoptr(GString) labels = g_string_new (NULL);

  for (guint i = 0; i < layout->ticks->len; i++)
    g_string_append_printf (labels, "%s|", ((TriTimelineTick *) layout->ticks->pdata[i])->label);
  g_test_message ("%s", labels->str);
  g_assert_nonnull (strstr (labels->str, "|5000 BCE|4500 BCE|"));
  g_assert_nonnull (strstr (labels->str, "|500 BCE|500|"));
  g_assert_null (strstr (labels->str, "01 BCE"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeline/spans-cover-uncertainty", test_spans_cover_uncertainty);
  g_test_add_func ("/timeline/labels-never-collide", test_labels_never_collide);
  g_test_add_func ("/timeline/ticks-adapt", test_ticks_adapt);
  g_test_add_func ("/timeline/hit-and-cursor", test_hit_and_cursor);
  g_test_add_func ("/timeline/clusters", test_clusters);
  g_test_add_func ("/timeline/ticks-before-common-era", test_ticks_before_common_era);
  return g_test_run ();
}
