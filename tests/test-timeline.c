/* test-timeline.c: the timeline's layout, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "render/tri-theme.h"
#include "render/tri-timeline.h"
#include "store/tri-filter.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

static TriEvent *
event_with_stance (gint64       id,
                   const char  *date,
                   TriCategory  category,
                   const char  *title,
                   TriStance    stance)
{
  TriEvent *ev = g_new0 (TriEvent, 1);
  TriLink link = { 1, stance, 2 };

  ev->id = id;
  g_assert_true (tri_date_parse (date, &ev->date, NULL));
  ev->category = category;
  ev->title = g_strdup (title);
  ev->links = g_array_new (FALSE, FALSE, sizeof (TriLink));
  g_array_append_val (ev->links, link);
  return ev;
}

static TriEvent *
event_new (gint64       id,
           const char  *date,
           TriCategory  category,
           const char  *title)
{
  return event_with_stance (id, date, category, title, TRI_STANCE_COOPERATION);
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

static TriTimelineParams
params_with (double      t0,
             double      t1,
             double      width,
             double      height,
             double      type_scale,
             const char *lang,
             gint64      selected)
{
  TriTimelineParams params = { 0 };

  params.width = width;
  params.height = height;
  params.t0 = t0;
  params.t1 = t1;
  params.as_of = (guint32) ((t0 + t1) / 2);
  params.selected_event = selected;
  params.lang = lang;
  params.type_scale = type_scale;
  return params;
}

static TriTimelineLayout *
layout_with (GPtrArray  *events,
             double      t0,
             double      t1,
             double      width,
             double      height,
             double      type_scale,
             const char *lang,
             gint64      selected)
{
  TriTimelineParams params = params_with (t0, t1, width, height, type_scale, lang, selected);

  return tri_timeline_layout_new (events, &params);
}

/* The titles a view reads for a layout (tri_timeline_untitled_marks() of
 * events read without them) are those of the marks the layout draws one
 * by one: every label drawn has its title, and no event counted in a bin
 * has its title read */
static void
check_titles_read (GPtrArray  *events,
                   GPtrArray  *untitled,
                   double      t0,
                   double      t1,
                   double      width,
                   double      height,
                   double      type_scale,
                   const char *lang)
{
  g_autoptr(TriTimelineLayout) layout = layout_with (events, t0, t1, width, height, type_scale, lang, 0);
  g_autoptr(GHashTable) marked = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) to_read = NULL;
  TriTimelineParams params = params_with (t0, t1, width, height, type_scale, lang, 0);

  to_read = tri_timeline_untitled_marks (untitled, &params);
  for (guint i = 0; i < layout->marks->len; i++)
    g_hash_table_add (marked, &((TriTimelineMark *) layout->marks->pdata[i])->event_id);
  g_assert_cmpuint (to_read->len, ==, g_hash_table_size (marked));
  for (guint i = 0; i < to_read->len; i++)
    g_assert_true (g_hash_table_contains (marked, &((TriEvent *) to_read->pdata[i])->id));
}

static int
year_of (guint32 day)
{
  int year = 0;

  g_assert_true (tri_day_to_ymd (day, &year, NULL, NULL));
  return year;
}

static void
test_ticks_adapt (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(TriTimelineLayout) decades = layout_for (none, "1995-01-01", "2025-01-01", 900);
  g_autoptr(TriTimelineLayout) years = layout_for (none, "2021-01-01", "2024-07-01", 900);
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

/* Whatever the language, the span and the width, someone reading the axis
 * can tell the year: the first label drawn names it, and so does the first
 * one drawn in each new year; the labels drawn never run into each other. */
static void
test_axis_names_the_year (void)
{
  static const char * const langs[] = { "en", "vi", "ru", "zh_CN", "ko" };
  static const struct { const char *from, *to; } ranges[] = {
    { "2023-12-20", "2024-01-09" },   /* days, over a new year */
    { "2023-10-01", "2023-10-20" },
    { "2023-11-15", "2024-02-20" },   /* weeks or months */
    { "2023-06-01", "2024-03-01" },
    { "2023-02-10", "2024-09-01" },   /* months or quarters: the default view */
    { "2021-01-01", "2024-07-01" },
    { "2019-07-01", "2024-12-31" },
    { "1995-01-01", "2025-01-01" },   /* years */
  };
  static const double widths[] = { 320, 520, 800, 1200, 1920 };
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  guint checked = 0;

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          g_autoptr(TriTimelineLayout) layout = layout_with (none, julian (ranges[r].from), julian (ranges[r].to),
                                                             widths[w], 300, 1, langs[l], 0);
          int last_year = G_MININT;
          double last_end = -G_MAXDOUBLE;
          guint shown = 0;

          for (guint i = 0; i < layout->ticks->len; i++)
            {
              const TriTimelineTick *t = layout->ticks->pdata[i];
              int year = year_of (tri_timeline_layout_day_at (layout, t->x + 0.01));
              g_autofree char *digits = g_strdup_printf ("%d", year);

              if (!t->shown)
                continue;
              shown++;
              if (year != last_year && strstr (t->label, digits) == NULL)
                g_error ("%s, %s to %s at %g px: \"%s\" is the first label of %d and does not name it",
                         langs[l], ranges[r].from, ranges[r].to, widths[w], t->label, year);
              last_year = year;
              g_assert_cmpfloat (t->label_x, >=, last_end + 1);
              g_assert_cmpfloat (t->label_x + t->label_w, <=, layout->width);
              last_end = t->label_x + t->label_w;
            }
          g_assert_cmpuint (shown, >, 0);
          checked++;
        }
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (langs) * G_N_ELEMENTS (ranges) * G_N_ELEMENTS (widths));
}

typedef struct
{
  double x0, y0, x1, y1;
} Box;

static gboolean
intersect (Box a,
           Box b)
{
  return a.x0 < b.x1 - 1e-6 && b.x0 < a.x1 - 1e-6 && a.y0 < b.y1 - 1e-6 && b.y0 < a.y1 - 1e-6;
}

static Box
mark_box (const TriTimelineLayout *layout,
          const TriTimelineMark   *m)
{
  return (Box) { m->x0, m->y - layout->mark_h / 2, m->x1, m->y + layout->mark_h / 2 };
}

static Box
label_box (const TriTimelineMark *m)
{
  return (Box) { m->label_x, m->label_y, m->label_x + m->label_w, m->label_y + m->label_h };
}

/* the colour an event's mark has when drawn alone: its links' stance of most weight */
static TriStance
stance_of (const TriEvent *ev)
{
  int weight[TRI_N_STANCES] = { 0 };

  for (guint i = 0; i < ev->links->len; i++)
    weight[g_array_index (ev->links, TriLink, i).stance] += g_array_index (ev->links, TriLink, i).weight;
  if (weight[TRI_STANCE_COOPERATION] > weight[TRI_STANCE_TENSION] &&
      weight[TRI_STANCE_COOPERATION] >= weight[TRI_STANCE_NEUTRAL])
    return TRI_STANCE_COOPERATION;
  if (weight[TRI_STANCE_TENSION] > weight[TRI_STANCE_COOPERATION] &&
      weight[TRI_STANCE_TENSION] >= weight[TRI_STANCE_NEUTRAL])
    return TRI_STANCE_TENSION;
  return TRI_STANCE_NEUTRAL;
}

static TriCategory
lane_of (const TriEvent *ev)
{
  return ev->category < TRI_N_CATEGORIES ? ev->category : TRI_CATEGORY_DIPLOMACY;
}

typedef struct
{
  guint marks, hidden, binned;
} Seen;

/* Everything a reader relies on in one layout: no mark drawn over another,
 * every event in view either drawn, counted in its lane's "+N more" or
 * counted in a bin (and only those), the lanes clear of the axis, the
 * legend clear of both. */
static void
check_truthful (GPtrArray         *events,
                TriTimelineLayout *layout,
                gint64             selected,
                gboolean           want_legend,
                Seen              *seen)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint in_view[TRI_N_CATEGORIES] = { 0 }, middle_in_view[TRI_N_CATEGORIES] = { 0 };
  guint drawn[TRI_N_CATEGORIES] = { 0 }, binned[TRI_N_CATEGORIES] = { 0 };
  double w, line_h;

  for (guint i = 0; i < events->len; i++)
    {
      TriEvent *ev = events->pdata[i];
      double middle = (ev->date.earliest + (double) ev->date.latest + 1) / 2;

      g_hash_table_insert (by_id, &ev->id, ev);
      if (ev->date.latest + 1.0 > layout->t0 && ev->date.earliest < layout->t1)
        in_view[lane_of (ev)]++;
      if (middle >= layout->t0 && middle < layout->t1)
        middle_in_view[lane_of (ev)]++;
    }

  /* the lanes stack inside their band, and the band ends where the axis
   * begins; the axis holds its labels */
  tri_text_measure ("Ag", layout->label_px, FALSE, layout->lang, &w, &line_h);
  g_assert_cmpfloat (layout->lanes_y1, <=, layout->axis_y1);
  for (guint i = 0; i < layout->ticks->len; i++)
    if (((TriTimelineTick *) layout->ticks->pdata[i])->shown)
      g_assert_cmpfloat (layout->lanes_y1 + 6 + line_h, <=, layout->axis_y1 + 1e-6);
  g_assert_cmpfloat (layout->axis_y1, <=, layout->height + 1e-6);
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      g_assert_cmpfloat (layout->lane_y[lane], >=, layout->lanes_y0 - 1e-6);
      g_assert_cmpfloat (layout->lane_y[lane] + layout->lane_h[lane], <=, layout->lanes_y1 + 1e-6);
      if (lane > 0)
        g_assert_cmpfloat (layout->lane_y[lane], >=, layout->lane_y[lane - 1] + layout->lane_h[lane - 1] - 1e-6);
    }

  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *a = layout->marks->pdata[i];
      const TriEvent *ev = g_hash_table_lookup (by_id, &a->event_id);
      Box box = mark_box (layout, a);
      double lane_y0 = layout->lane_y[a->category], lane_y1 = lane_y0 + layout->lane_h[a->category];

      g_assert_nonnull (ev);
      g_assert_cmpint (a->category, ==, lane_of (ev));
      g_assert_false (g_hash_table_contains (shown, &a->event_id));
      g_hash_table_add (shown, (gpointer) &a->event_id);
      drawn[a->category]++;

      /* inside its lane, with its label */
      g_assert_cmpfloat (box.y0, >=, lane_y0 - 1e-6);
      g_assert_cmpfloat (box.y1, <=, lane_y1 + 1e-6);
      if (a->label != NULL)
        {
          g_assert_cmpfloat (a->label_y, >=, lane_y0 - 1e-6);
          g_assert_cmpfloat (a->label_y + a->label_h, <=, lane_y1 + 1e-6);
          g_assert_cmpfloat (a->label_x + a->label_w, <=, layout->plot_x1 + 1e-6);
        }

      /* no mark over another, no label over a mark or another label */
      for (guint k = i + 1; k < layout->marks->len; k++)
        {
          const TriTimelineMark *b = layout->marks->pdata[k];

          if (intersect (box, mark_box (layout, b)))
            g_error ("“%s” and “%s” are drawn over each other", a->title, b->title);
          if (a->label != NULL && intersect (label_box (a), mark_box (layout, b)))
            g_error ("the label of “%s” covers “%s”", a->title, b->title);
          if (b->label != NULL && intersect (label_box (b), box))
            g_error ("the label of “%s” covers “%s”", b->title, a->title);
          if (a->label != NULL && b->label != NULL)
            g_assert_false (intersect (label_box (a), label_box (b)));
        }
    }

  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      const TriTimelineMore *more = &layout->more[lane];

      if (more->count == 0)
        {
          g_assert_null (more->label);
          continue;
        }
      /* "+N more" is exactly the events in view not drawn */
      g_assert_false (layout->clustered[lane]);
      g_assert_nonnull (more->label);
      g_assert_cmpuint (more->event_ids->len, ==, more->count);
      for (guint k = 0; k < more->event_ids->len; k++)
        {
          gint64 *id = &g_array_index (more->event_ids, gint64, k);
          const TriEvent *ev = g_hash_table_lookup (by_id, id);

          g_assert_nonnull (ev);
          g_assert_cmpint (lane_of (ev), ==, lane);
          g_assert_false (g_hash_table_contains (shown, id));
          g_hash_table_add (shown, id);
          g_assert_cmpuint (ev->date.earliest, >=, more->first);
          g_assert_cmpuint (ev->date.latest, <=, more->last);
        }
      /* it says so where the lane's name is, inside the lane */
      g_assert_cmpfloat (more->x + more->w, <=, layout->plot_x0 + 1e-6);
      g_assert_cmpfloat (more->y, >=, layout->lane_y[lane] - 1e-6);
      g_assert_cmpfloat (more->y + more->h, <=, layout->lane_y[lane] + layout->lane_h[lane] + 1e-6);
      seen->hidden += more->count;
    }

  for (guint i = 0; i < layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = layout->clusters->pdata[i];
      guint stances[TRI_N_STANCES] = { 0 };
      double lane_y0 = layout->lane_y[c->category], lane_y1 = lane_y0 + layout->lane_h[c->category];

      g_assert_true (layout->clustered[c->category]);
      g_assert_cmpuint (c->count, ==, c->event_ids->len);
      for (guint k = 0; k < c->event_ids->len; k++)
        {
          gint64 *id = &g_array_index (c->event_ids, gint64, k);
          const TriEvent *ev = g_hash_table_lookup (by_id, id);
          double middle = tri_timeline_layout_x (layout, (ev->date.earliest + (double) ev->date.latest + 1) / 2);

          /* each event once, in the bin its middle falls in */
          g_assert_false (g_hash_table_contains (shown, id));
          g_hash_table_add (shown, id);
          g_assert_cmpfloat (middle, >=, c->x0 - 0.01);
          g_assert_cmpfloat (middle, <=, c->x1 + 0.01);
          stances[stance_of (ev)]++;
        }
      /* its colours are its events' stances, in proportion */
      for (guint s = 0; s < TRI_N_STANCES; s++)
        g_assert_cmpuint (c->stance_count[s], ==, stances[s]);
      binned[c->category] += c->count;

      /* the bin and its count stay in the lane; counts never run together */
      g_assert_cmpfloat (c->y - c->height / 2, >=, lane_y0 - 1e-6);
      g_assert_cmpfloat (c->y + c->height / 2, <=, lane_y1 + 1e-6);
      if (c->label == NULL)
        continue;
      g_assert_cmpfloat (c->label_y, >=, lane_y0 - 1e-6);
      g_assert_cmpfloat (c->label_x, >=, layout->plot_x0 - 1e-6);
      g_assert_cmpfloat (c->label_x + c->label_w, <=, layout->plot_x1 + 1e-6);
      for (guint k = i + 1; k < layout->clusters->len; k++)
        {
          const TriTimelineCluster *d = layout->clusters->pdata[k];
          if (d->label != NULL)
            g_assert_false (intersect ((Box) { c->label_x, c->label_y, c->label_x + c->label_w, c->label_y + c->label_h },
                                       (Box) { d->label_x, d->label_y, d->label_x + d->label_w, d->label_y + d->label_h }));
        }
    }

  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      if (layout->clustered[lane])
        {
          /* bins count the events whose middle is in view, none from outside */
          g_assert_cmpuint (drawn[lane], ==, 0);
          g_assert_cmpuint (binned[lane], ==, middle_in_view[lane]);
          seen->binned += binned[lane];
        }
      else
        {
          /* drawn + "+N more" = the events in view */
          g_assert_cmpuint (drawn[lane] + layout->more[lane].count, ==, in_view[lane]);
          seen->marks += drawn[lane];
        }
    }

  if (selected != 0)
    {
      const TriEvent *ev = g_hash_table_lookup (by_id, &selected);
      gboolean found = FALSE;

      for (guint i = 0; i < layout->marks->len; i++)
        found |= ((TriTimelineMark *) layout->marks->pdata[i])->event_id == selected;
      if (!layout->clustered[lane_of (ev)])
        g_assert_true (found);
    }

  /* the legend: under the axis, inside the timeline, its items apart */
  if (want_legend)
    g_assert_cmpuint (layout->legend->len, >=, 6);
  for (guint i = 0; i < layout->legend->len; i++)
    {
      const TriTimelineLegendItem *a = layout->legend->pdata[i];
      Box sample = { a->x, a->y, a->x + a->w, a->y + a->h };
      Box text = { a->text_x, a->text_y, a->text_x + a->text_w, a->text_y + a->text_h };

      g_assert_nonnull (a->text);
      g_assert_cmpuint (strlen (a->text), >, 0);
      g_assert_cmpfloat (MIN (sample.y0, text.y0), >=, layout->axis_y1 - 1e-6);
      g_assert_cmpfloat (MAX (sample.y1, text.y1), <=, layout->height + 1e-6);
      g_assert_cmpfloat (sample.x0, >=, 0);
      g_assert_cmpfloat (text.x1, <=, layout->width + 1e-6);
      g_assert_cmpfloat (text.x0, >=, sample.x1);
      for (guint k = i + 1; k < layout->legend->len; k++)
        {
          const TriTimelineLegendItem *b = layout->legend->pdata[k];
          g_assert_false (intersect (text, (Box) { b->x, b->y, b->text_x + b->text_w, b->y + b->h }));
        }
    }
  if (layout->legend->len > 0)
    {
      gboolean kinds[TRI_TIMELINE_LEGEND_STANCE + 1] = { FALSE };
      gboolean any_binned = FALSE;

      for (guint i = 0; i < layout->legend->len; i++)
        kinds[((TriTimelineLegendItem *) layout->legend->pdata[i])->kind] = TRUE;
      for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
        any_binned |= layout->clustered[lane];
      g_assert_true (kinds[TRI_TIMELINE_LEGEND_DOT] && kinds[TRI_TIMELINE_LEGEND_BAR] &&
                     kinds[TRI_TIMELINE_LEGEND_UNCONFIRMED] && kinds[TRI_TIMELINE_LEGEND_STANCE]);
      g_assert_true (kinds[TRI_TIMELINE_LEGEND_BIN] == any_binned);
    }

  /* what is clicked is what is drawn */
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *m = layout->marks->pdata[i];
      double x = CLAMP ((m->x0 + m->x1) / 2, layout->plot_x0 + 1, layout->plot_x1 - 1);
      int index = -1;

      if (x < m->x0 || x > m->x1)
        continue;
      g_assert_cmpint (tri_timeline_layout_hit (layout, x, m->y, &index), ==, TRI_TIMELINE_HIT_MARK);
      g_assert_cmpint (((TriTimelineMark *) layout->marks->pdata[index])->event_id, ==, m->event_id);
    }
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      const TriTimelineMore *more = &layout->more[lane];
      int index = -1;

      if (more->count == 0)
        continue;
      g_assert_cmpint (tri_timeline_layout_hit (layout, more->x + more->w / 2, more->y + more->h / 2, &index),
                       ==, TRI_TIMELINE_HIT_MORE);
      g_assert_cmpint (index, ==, lane);
    }
}

/* the sizes the timeline is drawn at: the window (and its smallest), an
 * export of the timeline, the slide's strip, the window presenting */
static const struct
{
  double   width, height, scale;
  gboolean legend;
} sizes[] = {
  { 800, 295, 1, TRUE },
  { 1920, 1080, 1, TRUE },
  { 1808, 354, 1.35, TRUE },
  { 1280, 360, 1.6, TRUE },         /* presenting */
  { 700, 260, 1, TRUE },
  { 320, 180, 1, FALSE },
};

static void
check_briefing (const char *path,
                const char *lang,
                Seen       *seen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (path, &error);
  g_autoptr(GPtrArray) events = NULL;
  guint32 earliest, latest;
  double t0, t1;

  g_assert_no_error (error);
  events = tri_store_list_events (store, 0, G_MAXUINT32, lang, &error);
  g_assert_no_error (error);
  g_assert_true (tri_store_get_extent (store, &earliest, &latest));
  tri_timeline_default_range (earliest, latest, 0, &t0, &t1);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      /* the view a briefing opens on, all of it, and a closer one */
      const double ranges[][2] = { { t0, t1 }, { earliest - 30.0, latest + 30.0 }, { t1 - 120, t1 - 30 } };

      for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
        {
          g_autoptr(TriTimelineLayout) layout = NULL;
          g_autoptr(TriTimelineLayout) with_selection = NULL;
          gint64 hidden = 0;

          layout = layout_with (events, ranges[r][0], ranges[r][1], sizes[s].width, sizes[s].height,
                                sizes[s].scale, lang, 0);
          check_truthful (events, layout, 0, sizes[s].legend, seen);

          /* selecting an event that had no room gives it a row */
          for (guint lane = 0; lane < TRI_N_CATEGORIES && hidden == 0; lane++)
            if (layout->more[lane].count > 0)
              hidden = g_array_index (layout->more[lane].event_ids, gint64, layout->more[lane].count / 2);
          if (hidden == 0)
            continue;
          with_selection = layout_with (events, ranges[r][0], ranges[r][1], sizes[s].width, sizes[s].height,
                                        sizes[s].scale, lang, hidden);
          check_truthful (events, with_selection, hidden, sizes[s].legend, seen);
        }
    }
}

static void
test_bundled_briefing_truthful (void)
{
  Seen seen = { 0 };

  check_briefing (tri_test_briefing_path (), "en", &seen);
  check_briefing (tri_test_briefing_path (), "vi", &seen);
  g_assert_cmpuint (seen.marks, >, 0);
  /* the small views cannot draw them all: the test saw "+N more" at work */
  g_assert_cmpuint (seen.hidden, >, 0);
}

static void
test_dense_briefing_truthful (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "dense.sqlite", NULL);
  const char *generate = g_getenv ("TRI_GENERATE");
  const char *argv[] = { generate, "10000", path, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;
  Seen seen = { 0 };

  g_assert_nonnull (generate);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  check_briefing (path, "en", &seen);
  g_assert_cmpuint (seen.marks, >, 0);
  g_assert_cmpuint (seen.hidden, >, 0);
  g_assert_cmpuint (seen.binned, >, 0);

  /* and at sizes, spans and languages nobody chose */
  {
    static const char * const langs[] = { "en", "vi", "ru", "zh_CN", "ko" };
    g_autoptr(GRand) rand = g_rand_new_with_seed (20241201);
    g_autoptr(TriStore) store = tri_store_open (path, &error);
    g_autoptr(GPtrArray) events = NULL;
    g_autoptr(GPtrArray) untitled = NULL;
    guint32 earliest, latest;

    g_assert_no_error (error);
    g_assert_true (tri_store_get_extent (store, &earliest, &latest));
    events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
    g_assert_no_error (error);
    {
      g_autoptr(TriStore) other = tri_store_open (path, &error);

      untitled = tri_store_list_events_untitled (other, 0, G_MAXUINT32, "en", &error);
      g_assert_no_error (error);
    }
    for (int i = 0; i < 40; i++)
      {
        double span = g_rand_double_range (rand, 14, 365.25 * 12);
        double t0 = g_rand_double_range (rand, earliest, latest - span);
        double width = g_rand_double_range (rand, 16, 2400);
        double height = g_rand_double_range (rand, 16, 1200);
        double scale = g_rand_double_range (rand, 1, 2);
        const char *lang = langs[i % G_N_ELEMENTS (langs)];
        g_autoptr(TriTimelineLayout) layout = layout_with (events, t0, t0 + span, width, height, scale, lang, 0);

        check_truthful (events, layout, 0, FALSE, &seen);
        check_titles_read (events, untitled, t0, t0 + span, width, height, scale, lang);
      }
  }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Everything a layout shows and names, as text: two equal strings are the
 * same picture, with the same events behind each mark, bin and "+N more" */
static char *
describe_layout (TriTimelineLayout *layout)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *m = g_ptr_array_index (layout->marks, i);

      g_string_append_printf (out, "m%" G_GINT64_FORMAT "@%.2f-%.2f,%.2f:%d:%s:%s\n", m->event_id, m->x0, m->x1,
                              m->y, (int) m->stance, m->title, m->label ? m->label : "");
    }
  for (guint i = 0; i < layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = g_ptr_array_index (layout->clusters, i);

      g_string_append_printf (out, "c%d@%.2f,%.2f:%u:%u-%u:%d:%u/%u/%u:%s:", (int) c->category, c->x0, c->y,
                              c->count, c->first, c->last, (int) c->stance, c->stance_count[0],
                              c->stance_count[1], c->stance_count[2], c->label ? c->label : "");
      for (guint k = 0; k < c->event_ids->len; k++)
        g_string_append_printf (out, "%" G_GINT64_FORMAT ",", g_array_index (c->event_ids, gint64, k));
      g_string_append_c (out, '\n');
    }
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      const TriTimelineMore *more = &layout->more[lane];

      g_string_append_printf (out, "lane%u:%d:%.2f+%.2f:+%u:", lane, layout->clustered[lane],
                              layout->lane_y[lane], layout->lane_h[lane], more->count);
      for (guint k = 0; more->event_ids != NULL && k < more->event_ids->len; k++)
        g_string_append_printf (out, "%" G_GINT64_FORMAT ",", g_array_index (more->event_ids, gint64, k));
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "legend:%u\n", layout->legend->len);
  return g_string_free (out, FALSE);
}

/* Two layouts draw the same picture */
static void
assert_same_picture (TriTimelineLayout *a,
                     TriTimelineLayout *b)
{
  g_autofree char *da = describe_layout (a);
  g_autofree char *db = describe_layout (b);

  g_assert_cmpstr (da, ==, db);
}

/* With a lane index, a view reads only the events of the lanes drawn one
 * by one (by id, as the index lists them) and the bins are counted from
 * memory: the picture is the one a layout of every event in the range
 * draws, at any zoom, size and language, with or without a filter. */
static void
test_lane_index_same_picture (void)
{
  static const char * const langs[] = { "en", "vi", "ru", "zh_CN", "ko" };
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "dense.sqlite", NULL);
  const char *argv[] = { g_getenv ("TRI_GENERATE"), "10000", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);
  g_autoptr(TriStore) store = NULL;
  g_autoptr(TriLaneIndex) lanes = NULL;
  guint32 earliest, latest;
  guint binned = 0, one_by_one = 0, both = 0, taken_over = 0;
  int status = -1;
  TriTimelineLayout *last = NULL;
  TriTimelineParams last_params = { 0 };
  const gint64 highlight[] = { 1 };

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  lanes = tri_lane_index_new (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tri_lane_index_get_n_events (lanes), ==, 10000);
  g_assert_true (tri_store_get_extent (store, &earliest, &latest));

  for (int i = 0; i < 60; i++)
    {
      /* the second half with a filter: two categories, and not "alleged" */
      if (i == 30)
        {
          g_autoptr(TriFilter) filter = tri_filter_new ();
          const char * const categories[] = { "diplomacy", "military", NULL };
          const char * const confidences[] = { "confirmed", "reported", NULL };

          tri_filter_set_values (filter, TRI_FILTER_CATEGORY, categories);
          tri_filter_set_values (filter, TRI_FILTER_CONFIDENCE, confidences);
          tri_store_set_filter (store, filter);

          /* the last view again, filtered: nothing of its bins is taken over */
          {
            g_autoptr(GPtrArray) some = tri_lane_index_read (lanes, (guint32) MAX (1, floor (last_params.t0)),
                                                             (guint32) ceil (last_params.t1), ~0u, NULL, 0,
                                                             last_params.lang, &error);
            g_autoptr(TriTimelineLayout) fresh = NULL;
            g_autoptr(TriTimelineLayout) after = NULL;
            g_autofree char *before = describe_layout (last);
            g_autofree char *now = NULL;

            g_assert_no_error (error);
            g_assert_true (tri_store_read_titles (store, some, last_params.lang, &error));
            fresh = tri_timeline_layout_new (some, &last_params);
            last_params.previous = last;
            after = tri_timeline_layout_new (some, &last_params);
            last_params.previous = NULL;
            assert_same_picture (fresh, after);
            now = describe_layout (fresh);
            g_assert_cmpstr (now, !=, before);
          }
        }
      {
        double width = g_rand_double_range (rand, 200, 2400);
        double height = g_rand_double_range (rand, 120, 1200);
        double scale = g_rand_double_range (rand, 1, 2);
        /* all time; any span; or a span whose lanes hold about as many
         * events as they have room for, so that some are bins and some not */
        double per_lane_day = 10000.0 / TRI_N_CATEGORIES / (latest - earliest + 1.0);
        double room_span = (width * 0.8 / (16 * scale)) / per_lane_day * g_rand_double_range (rand, 0.85, 1.15);
        double span = i % 10 == 0 ? latest - earliest + 1.0
                      : i % 3 == 0 ? room_span
                      : exp (g_rand_double_range (rand, log (3), log (365.25 * 20)));
        double t0 = i % 10 == 0 ? earliest : g_rand_double_range (rand, earliest, latest - span);
        const char *lang = langs[i % G_N_ELEMENTS (langs)];
        TriTimelineParams params = params_with (t0, t0 + span, width, height, scale, lang, 0);
        g_autoptr(GPtrArray) all = tri_store_list_events (store, (guint32) MAX (1, floor (t0)), (guint32) ceil (t0 + span), lang, &error);
        g_autoptr(GPtrArray) some = NULL;
        g_autoptr(GPtrArray) untitled = NULL;
        g_autoptr(TriTimelineLayout) from_rows = NULL;
        g_autoptr(TriTimelineLayout) from_index = NULL;
        guint counted;

        g_assert_no_error (error);
        from_rows = tri_timeline_layout_new (all, &params);

        /* as the view reads */
        params.lanes = lanes;
        counted = tri_timeline_lanes_counted (NULL, &params);
        some = tri_lane_index_read (lanes, (guint32) MAX (1, floor (t0)), (guint32) ceil (t0 + span),
                                    ~counted & ((1u << TRI_N_CATEGORIES) - 1), NULL, 0, lang, &error);
        g_assert_no_error (error);
        untitled = tri_timeline_untitled_marks (some, &params);
        g_assert_true (tri_store_read_titles (store, untitled, lang, &error));
        g_assert_no_error (error);
        from_index = tri_timeline_layout_new (some, &params);

        assert_same_picture (from_rows, from_index);

        /* the same view with a side chosen, laid out again from this one
         * (its bins taken over, as the window does), is the view laid out
         * anew */
        {
          g_autoptr(TriTimelineLayout) anew = NULL;
          g_autoptr(TriTimelineLayout) again = NULL;

          params.highlight_relations = highlight;
          params.n_highlight_relations = 1;
          anew = tri_timeline_layout_new (some, &params);
          params.previous = from_index;
          again = tri_timeline_layout_new (some, &params);
          params.previous = NULL;
          assert_same_picture (anew, again);
          taken_over += from_index->clusters->len > 0;
          params.highlight_relations = NULL;
          params.n_highlight_relations = 0;
        }
        if (last != NULL)
          tri_timeline_layout_free (last);
        last = g_steal_pointer (&from_index);
        last_params = params;
        binned += counted != 0;
        one_by_one += counted != (1u << TRI_N_CATEGORIES) - 1;
        both += counted != 0 && last->marks->len > 0;
      }
    }
  /* the views drew bins, marks, and both at once */
  g_assert_cmpuint (binned, >, 5);
  g_assert_cmpuint (one_by_one, >, 5);
  g_assert_cmpuint (both, >, 2);
  g_assert_cmpuint (taken_over, >, 5);
  tri_timeline_layout_free (last);

  g_clear_pointer (&lanes, tri_lane_index_unref);
  g_clear_object (&store);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Rows run out: the lane draws what fits without overlap and counts the
 * rest, which its "+N more" can zoom in on. */
static void
test_more_when_rows_run_out (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  g_autoptr(TriTimelineLayout) layout = NULL;
  Seen seen = { 0 };
  const TriTimelineMore *more;

  /* forty overlapping months in one lane, one day in another */
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *date = g_strdup_printf ("2023-%02d", 3 + i % 6);
      g_ptr_array_add (events, event_new (i + 1, date, TRI_CATEGORY_DIPLOMACY, "Talks"));
    }
  g_ptr_array_add (events, event_new (100, "2023-05-10", TRI_CATEGORY_ECONOMY, "Trade deal"));

  layout = layout_with (events, julian ("2023-01-01"), julian ("2024-01-01"), 900, 295, 1, "en", 0);
  check_truthful (events, layout, 0, TRUE, &seen);
  more = &layout->more[TRI_CATEGORY_DIPLOMACY];
  g_assert_cmpuint (more->count, >, 0);
  g_assert_cmpuint (seen.marks + seen.hidden, ==, events->len);
  g_assert_cmpuint (layout->more[TRI_CATEGORY_ECONOMY].count, ==, 0);
  g_assert_true (strstr (more->label, "more") != NULL);
  {
    g_autofree char *n = g_strdup_printf ("%u", more->count);
    g_assert_true (strstr (more->label, n) != NULL);
  }
  /* with a relation selected, its events keep their rows and the others
   * give way */
  {
    g_autoptr(TriTimelineLayout) highlighted = NULL;
    TriTimelineParams params = { 0 };
    const gint64 relation = 7;
    guint drawn = 0, drawn_before = 0;

    for (guint i = 0; i < 40; i += 5)
      g_array_index (((TriEvent *) events->pdata[i])->links, TriLink, 0).relation_id = relation;
    params.width = 900;
    params.height = 295;
    params.t0 = julian ("2023-01-01");
    params.t1 = julian ("2024-01-01");
    params.lang = "en";
    params.type_scale = 1;
    params.highlight_relations = &relation;
    params.n_highlight_relations = 1;
    highlighted = tri_timeline_layout_new (events, &params);
    check_truthful (events, highlighted, 0, TRUE, &seen);
    g_assert_cmpuint (highlighted->more[TRI_CATEGORY_DIPLOMACY].count, >, 0);
    for (guint i = 0; i < highlighted->marks->len; i++)
      drawn += !((TriTimelineMark *) highlighted->marks->pdata[i])->dimmed;
    for (guint i = 0; i < layout->marks->len; i++)
      drawn_before += ((TriTimelineMark *) layout->marks->pdata[i])->event_id % 5 == 1 &&
                      ((TriTimelineMark *) layout->marks->pdata[i])->event_id <= 40;
    g_assert_cmpuint (drawn, >, drawn_before);
    /* and every one of them that still has no row is kept out by others of them */
    for (guint k = 0; k < highlighted->more[TRI_CATEGORY_DIPLOMACY].count; k++)
      {
        gint64 id = g_array_index (highlighted->more[TRI_CATEGORY_DIPLOMACY].event_ids, gint64, k);
        const TriEvent *ev = events->pdata[id - 1];
        double x0 = tri_timeline_layout_x (highlighted, ev->date.earliest);
        double x1 = tri_timeline_layout_x (highlighted, ev->date.latest + 1);
        int rows_blocked = 0, rows = 0;

        if (id % 5 != 1)
          continue;
        for (guint i = 0; i < highlighted->marks->len; i++)
          {
            const TriTimelineMark *m = highlighted->marks->pdata[i];
            rows = MAX (rows, m->category == TRI_CATEGORY_DIPLOMACY ? m->row + 1 : 0);
          }
        for (int r = 0; r < rows; r++)
          {
            gboolean blocked = FALSE;

            for (guint i = 0; i < highlighted->marks->len; i++)
              {
                const TriTimelineMark *m = highlighted->marks->pdata[i];
                blocked |= m->category == TRI_CATEGORY_DIPLOMACY && m->row == r && !m->dimmed &&
                           m->x0 < x1 + 6 && x0 < m->x1 + 6;
              }
            rows_blocked += blocked;
          }
        g_assert_cmpint (rows_blocked, ==, rows);
      }
  }

  /* where to zoom: the hidden events' days */
  g_assert_cmpuint (more->first, >=, (guint32) julian ("2023-03-01"));
  g_assert_cmpuint (more->last, <, (guint32) julian ("2023-09-01"));
  g_assert_cmpuint (more->middle, >=, more->first);
  g_assert_cmpuint (more->middle, <=, more->last);
}

/* Opening a lane's "+N more" gives it the rows the others can spare. */
static void
test_expanded_lane (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  g_autoptr(TriTimelineLayout) plain = NULL;
  g_autoptr(TriTimelineLayout) opened = NULL;
  TriTimelineParams params = { 0 };
  Seen seen = { 0 };

  for (int i = 0; i < 80; i++)
    {
      g_autofree char *date = g_strdup_printf ("2023-%02d", 3 + i % 6);
      g_ptr_array_add (events, event_new (i + 1, date, i % 2 ? TRI_CATEGORY_MILITARY : TRI_CATEGORY_DIPLOMACY, "Talks"));
    }
  params.width = 900;
  params.height = 500;
  params.t0 = julian ("2023-01-01");
  params.t1 = julian ("2024-01-01");
  params.as_of = (guint32) params.t0;
  params.lang = "en";
  params.type_scale = 1;
  plain = tri_timeline_layout_new (events, &params);
  params.expanded[TRI_CATEGORY_MILITARY] = TRUE;
  opened = tri_timeline_layout_new (events, &params);

  check_truthful (events, plain, 0, TRUE, &seen);
  check_truthful (events, opened, 0, TRUE, &seen);
  g_assert_cmpuint (plain->more[TRI_CATEGORY_MILITARY].count, >, 0);
  g_assert_cmpuint (opened->more[TRI_CATEGORY_MILITARY].count, <, plain->more[TRI_CATEGORY_MILITARY].count);
  g_assert_cmpfloat (opened->lane_h[TRI_CATEGORY_MILITARY], >, plain->lane_h[TRI_CATEGORY_MILITARY]);
}

/* The lanes share the height so that the last never covers the axis, even
 * when one lane needs many rows and the others one each. */
static void
test_lanes_clear_the_axis (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  static const double heights[] = { 180, 200, 240, 295, 400, 700 };

  for (int i = 0; i < 30; i++)
    {
      g_autofree char *date = g_strdup_printf ("2023-%02d", 1 + i % 12);
      g_ptr_array_add (events, event_new (i + 1, date, TRI_CATEGORY_DIPLOMACY, "A meeting that takes a while to name"));
    }
  for (int c = 1; c < TRI_N_CATEGORIES; c++)
    g_ptr_array_add (events, event_new (100 + c, "2023-06-01", c, "One"));

  for (guint h = 0; h < G_N_ELEMENTS (heights); h++)
    {
      g_autoptr(TriTimelineLayout) layout = layout_with (events, julian ("2022-12-01"), julian ("2024-01-01"),
                                                         1000, heights[h], 1, "en", 0);
      Seen seen = { 0 };

      check_truthful (events, layout, 0, heights[h] >= 240, &seen);
      g_assert_cmpuint (seen.marks + seen.hidden, ==, events->len);
    }
}

static void
test_hit_and_cursor (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  g_autoptr(TriTimelineLayout) layout = layout_for (events, "2023-01-01", "2024-09-01", 1100);
  int index = -1;

  g_assert_cmpuint (layout->marks->len, >, 10);

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
  guint outside = 0, mixed = 0;
  Seen seen = { 0 };

  /* 3,000 diplomatic events over ten years, of every stance, a few
   * military ones */
  for (int i = 0; i < 3000; i++)
    {
      g_autofree char *date = g_strdup_printf ("%d-%02d-%02d", 2015 + i % 10, 1 + (i / 10) % 12, 1 + (i / 120) % 28);
      g_ptr_array_add (events, event_with_stance (i + 1, date, TRI_CATEGORY_DIPLOMACY, "Talks", i % 7 % 3));
    }
  /* and spans reaching into the view from before it: they belong to no bin */
  for (int i = 0; i < 50; i++)
    {
      g_ptr_array_add (events, event_new (4001 + i, "2012/2015", TRI_CATEGORY_DIPLOMACY, "Long talks"));
      outside++;
    }
  g_ptr_array_add (events, event_new (5001, "2023-03-10", TRI_CATEGORY_MILITARY, "Drill"));
  g_ptr_array_add (events, event_new (5002, "2023-06", TRI_CATEGORY_MILITARY, "Exercise"));

  layout = layout_for (events, "2015-01-01", "2025-01-01", 1000);
  g_assert_true (layout->clustered[TRI_CATEGORY_DIPLOMACY]);
  g_assert_false (layout->clustered[TRI_CATEGORY_MILITARY]);
  /* the sparse lane keeps its events, labelled */
  g_assert_cmpuint (layout->marks->len, ==, 2);
  check_truthful (events, layout, 0, TRUE, &seen);
  g_assert_cmpuint (seen.binned, ==, 3000);
  g_assert_cmpuint (outside, >, 0);

  for (guint i = 0; i < layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = layout->clusters->pdata[i];
      double cx = (c->x0 + c->x1) / 2;
      int index = -1, kinds = 0;

      for (guint s = 0; s < TRI_N_STANCES; s++)
        kinds += c->stance_count[s] > 0;
      mixed += kinds > 1;

      /* hitting it selects exactly it */
      g_assert_cmpint (tri_timeline_layout_hit (layout, cx, c->y, &index), ==, TRI_TIMELINE_HIT_CLUSTER);
      g_assert_true (layout->clusters->pdata[index] == c);
    }
  /* a bin of mixed events shows the mix, not its majority */
  g_assert_cmpuint (mixed, >, 0);

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

/* A label is shaped once: drawn again (the next frame, a pan) it is the
 * same layout; cut to another width it is another; and it measures what
 * it draws, as the layout pass placed it */
static void
test_labels_shaped_once (void)
{
  const char *title = "Putin and Kim sign the Comprehensive Strategic Partnership treaty";
  g_autoptr(PangoLayout) a = tri_text_label (title, 13, FALSE, "en", -1);
  g_autoptr(PangoLayout) b = tri_text_label (title, 13, FALSE, "en", -1);
  g_autoptr(PangoLayout) wide = tri_text_label (title, 13, FALSE, "en", 10000);
  g_autoptr(PangoLayout) cut = tri_text_label (title, 13, FALSE, "en", 120);
  g_autoptr(PangoLayout) bold = tri_text_label (title, 13, TRUE, "en", -1);
  g_autoptr(PangoLayout) han = tri_text_label ("普京访问平壤", 13, FALSE, "zh", -1);
  double w, h;
  PangoRectangle logical;

  g_assert_true (a == b);
  g_assert_true (wide == a);   /* it fits: the same as uncut */
  g_assert_true (cut != a);
  g_assert_true (bold != a);
  g_assert_true (pango_layout_is_ellipsized (cut));
  g_assert_false (pango_layout_is_ellipsized (a));

  tri_text_measure (title, 13, FALSE, "en", &w, &h);
  pango_layout_get_extents (a, NULL, &logical);
  g_assert_cmpfloat_with_epsilon ((double) logical.width / PANGO_SCALE, w, 0.01);
  pango_layout_get_extents (cut, NULL, &logical);
  g_assert_cmpfloat ((double) logical.width / PANGO_SCALE, <=, 121);
  /* Han text is shaped with its language: Chinese, not Japanese, forms */
  g_assert_cmpstr (pango_language_to_string (pango_context_get_language (pango_layout_get_context (han))), ==, "zh");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeline/spans-cover-uncertainty", test_spans_cover_uncertainty);
  g_test_add_func ("/timeline/labels-never-collide", test_labels_never_collide);
  g_test_add_func ("/timeline/labels-shaped-once", test_labels_shaped_once);
  g_test_add_func ("/timeline/ticks-adapt", test_ticks_adapt);
  g_test_add_func ("/timeline/axis-names-the-year", test_axis_names_the_year);
  g_test_add_func ("/timeline/more-when-rows-run-out", test_more_when_rows_run_out);
  g_test_add_func ("/timeline/expanded-lane", test_expanded_lane);
  g_test_add_func ("/timeline/lanes-clear-the-axis", test_lanes_clear_the_axis);
  g_test_add_func ("/timeline/bundled-briefing-truthful", test_bundled_briefing_truthful);
  g_test_add_func ("/timeline/dense-briefing-truthful", test_dense_briefing_truthful);
  g_test_add_func ("/timeline/lane-index-same-picture", test_lane_index_same_picture);
  g_test_add_func ("/timeline/hit-and-cursor", test_hit_and_cursor);
  g_test_add_func ("/timeline/clusters", test_clusters);
  g_test_add_func ("/timeline/ticks-before-common-era", test_ticks_before_common_era);
  return g_test_run ();
}
