/* tri-timeline.c: the timeline's layout (pure geometry) and its renderer
 *
 * Events sit in lanes by category. A day-precise event is a point; any
 * other is a bar over its whole uncertainty with soft ends, never a false
 * point. Each label gets the room up to the next mark in its row and is
 * shortened to fit or dropped, so labels never overlap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-timeline"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tri-labels.h"
#include "tri-timeline.h"

#define MIN_LABEL_W 36.0   /* below this a label is dropped, not shortened */
#define CLUSTER_PX 16.0    /* a lane with more events than the plot has bins of this width is clustered */

static void
mark_free (TriTimelineMark *mark)
{
  g_free (mark->title);
  g_free (mark->label);
  g_free (mark);
}

static void
cluster_free (TriTimelineCluster *cluster)
{
  g_clear_pointer (&cluster->event_ids, g_array_unref);
  g_free (cluster->label);
  g_free (cluster);
}

static void
tick_free (TriTimelineTick *tick)
{
  g_free (tick->label);
  g_free (tick);
}

void
tri_timeline_layout_free (TriTimelineLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->marks, g_ptr_array_unref);
  g_clear_pointer (&layout->clusters, g_ptr_array_unref);
  g_clear_pointer (&layout->ticks, g_ptr_array_unref);
  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    g_free (layout->lane_labels[i]);
  g_free (layout->cursor_label);
  g_free (layout->lang);
  g_free (layout);
}

double
tri_timeline_layout_x (TriTimelineLayout *layout,
                       double             julian)
{
  double span = MAX (layout->t1 - layout->t0, 1e-6);

  return layout->plot_x0 + (julian - layout->t0) * (layout->plot_x1 - layout->plot_x0) / span;
}

guint32
tri_timeline_layout_day_at (TriTimelineLayout *layout,
                            double             x)
{
  double span = MAX (layout->t1 - layout->t0, 1e-6);
  double w = MAX (layout->plot_x1 - layout->plot_x0, 1e-6);
  double t = layout->t0 + (CLAMP (x, layout->plot_x0, layout->plot_x1) - layout->plot_x0) * span / w;

  return (guint32) CLAMP (floor (t), 1, G_MAXINT32);
}

/**
 * tri_timeline_default_range:
 * @earliest: (in): the briefing's first possible day
 * @latest: (in): its last possible day
 *
 * The range a briefing opens on, on screen and in exports alike: its most
 * recent two years when it spans more, all of it otherwise.
 */
void
tri_timeline_default_range (guint32  earliest,
                            guint32  latest,
                            double  *t0,
                            double  *t1)
{
  double pad = MAX ((latest - earliest) * 0.03, 15);

  if (latest - earliest > 2 * 365 + 60)
    {
      *t0 = latest - 2 * 365.25;
      *t1 = latest + 30;
    }
  else
    {
      *t0 = earliest - pad;
      *t1 = latest + 1 + pad;
    }
}

static TriStance
dominant_stance (const TriEvent *ev)
{
  int weight[TRI_N_STANCES] = { 0 };

  for (guint i = 0; i < ev->links->len; i++)
    {
      const TriLink *link = &g_array_index (ev->links, TriLink, i);
      weight[link->stance] += link->weight;
    }
  if (weight[TRI_STANCE_COOPERATION] > weight[TRI_STANCE_TENSION] &&
      weight[TRI_STANCE_COOPERATION] >= weight[TRI_STANCE_NEUTRAL])
    return TRI_STANCE_COOPERATION;
  if (weight[TRI_STANCE_TENSION] > weight[TRI_STANCE_COOPERATION] &&
      weight[TRI_STANCE_TENSION] >= weight[TRI_STANCE_NEUTRAL])
    return TRI_STANCE_TENSION;
  return TRI_STANCE_NEUTRAL;
}

static gboolean
is_highlighted (const TriEvent          *ev,
                const TriTimelineParams *params)
{
  for (guint i = 0; i < ev->links->len; i++)
    {
      const TriLink *link = &g_array_index (ev->links, TriLink, i);

      for (guint k = 0; k < params->n_highlight_relations; k++)
        if (link->relation_id == params->highlight_relations[k])
          return TRUE;
    }
  return FALSE;
}

static void
add_tick (TriTimelineLayout *layout,
          guint32            day,
          TriTickUnit        unit,
          gboolean           with_year)
{
  TriTimelineTick *tick = g_new0 (TriTimelineTick, 1);
  double h;

  tick->x = tri_timeline_layout_x (layout, day);
  tick->label = tri_tick_label (day, unit, with_year, layout->lang);
  tri_text_measure (tick->label, layout->label_px, FALSE, layout->lang, &tick->label_w, &h);
  g_ptr_array_add (layout->ticks, tick);
}

/* The finest unit whose ticks leave room for their labels. */
static void
layout_ticks (TriTimelineLayout *layout)
{
  static const int year_steps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 };
  static const int day_steps[] = { 1, 2, 7, 14 };
  const double px_per_day = (layout->plot_x1 - layout->plot_x0) / MAX (layout->t1 - layout->t0, 1e-6);
  double sample_w, sample_h, room;
  int y0, y1;

  layout->ticks = g_ptr_array_new_with_free_func ((GDestroyNotify) tick_free);
  if (!tri_day_to_ymd ((guint32) CLAMP (layout->t0, TRI_DAY_MIN, TRI_DAY_MAX), &y0, NULL, NULL) ||
      !tri_day_to_ymd ((guint32) CLAMP (layout->t1, TRI_DAY_MIN, TRI_DAY_MAX), &y1, NULL, NULL))
    return;

  tri_text_measure ("8 Sep", layout->label_px, FALSE, layout->lang, &sample_w, &sample_h);
  room = sample_w * 1.6 + 12;

  for (guint i = 0; i < G_N_ELEMENTS (day_steps); i++)
    {
      int step = day_steps[i];
      guint32 first;

      if (px_per_day * step < room)
        continue;

      /* steps of days from a Monday (day 1, 1 January -9999, is one) */
      layout->tick_unit = TRI_TICK_DAY;
      first = (guint32) ceil (MAX (layout->t0, TRI_DAY_MIN));
      first += (step - (first - 1) % step) % step;
      for (guint32 day = first; day <= layout->t1 && day <= TRI_DAY_MAX; day += step)
        {
          int m = 0, d = 0;

          tri_day_to_ymd (day, NULL, &m, &d);
          add_tick (layout, day, TRI_TICK_DAY, layout->ticks->len == 0 ||
                    (d <= step && m == 1));
        }
      return;
    }

  if (px_per_day * 28 >= room)
    {
      layout->tick_unit = TRI_TICK_MONTH;
      for (int y = y0; y <= y1; y++)
        for (int m = 1; m <= 12; m++)
          {
            guint32 day = tri_day_from_ymd (y, m, 1);
            if (day < layout->t0 || day > layout->t1)
              continue;
            add_tick (layout, day, TRI_TICK_MONTH, m == 1 || layout->ticks->len == 0);
          }
      return;
    }

  if (px_per_day * 90 >= room)
    {
      layout->tick_unit = TRI_TICK_QUARTER;
      for (int y = y0; y <= y1; y++)
        for (int m = 1; m <= 12; m += 3)
          {
            guint32 day = tri_day_from_ymd (y, m, 1);
            if (day < layout->t0 || day > layout->t1)
              continue;
            add_tick (layout, day, TRI_TICK_QUARTER, m == 1 || layout->ticks->len == 0);
          }
      return;
    }

  layout->tick_unit = TRI_TICK_YEAR;
  for (guint i = 0; i < G_N_ELEMENTS (year_steps); i++)
    {
      int step = year_steps[i];

      if (px_per_day * 365.25 * step < room && i + 1 < G_N_ELEMENTS (year_steps))
        continue;
      /* round numbers as the labels count: before the common era the
       * year -4999 is 5000 BCE (year 0 is 1 BCE), after it 1000 is 1000 */
      for (int n = (1 - y0) / step * step; n >= step && 1 - n <= y1; n -= step)
        {
          guint32 day = tri_day_from_ymd (1 - n, 1, 1);

          if (day != 0 && day >= layout->t0 && day <= layout->t1)
            add_tick (layout, day, TRI_TICK_YEAR, TRUE);
        }
      for (int y = MAX (y0 + step - 1, step) / step * step; y <= y1; y += step)
        {
          guint32 day = tri_day_from_ymd (y, 1, 1);

          if (day != 0 && day >= layout->t0 && day <= layout->t1)
            add_tick (layout, day, TRI_TICK_YEAR, TRUE);
        }
      return;
    }
}

static int
compare_marks_by_x (gconstpointer a,
                    gconstpointer b)
{
  const TriTimelineMark *ma = *(TriTimelineMark * const *) a;
  const TriTimelineMark *mb = *(TriTimelineMark * const *) b;

  if (ma->x0 != mb->x0)
    return ma->x0 < mb->x0 ? -1 : 1;
  return ma->event_id < mb->event_id ? -1 : ma->event_id > mb->event_id;
}

/* Bins the lane's marks by their middles; the marks go, the bins stay. */
static void
cluster_lane (TriTimelineLayout *layout,
              guint              lane,
              GPtrArray         *marks,
              double             scale)
{
  const double bin_w = CLUSTER_PX * scale;
  const double w = layout->plot_x1 - layout->plot_x0;
  guint n_bins = MAX (1, (guint) ceil (w / bin_w));
  g_autofree TriTimelineCluster **bins = g_new0 (TriTimelineCluster *, n_bins);
  g_autofree guint *stances = g_new0 (guint, n_bins * TRI_N_STANCES);
  guint max_count = 1;

  layout->clustered[lane] = TRUE;

  for (guint i = 0; i < marks->len; i++)
    {
      TriTimelineMark *m = g_ptr_array_index (marks, i);
      double mid = CLAMP ((m->x0 + m->x1) / 2, layout->plot_x0, layout->plot_x1 - 0.001);
      guint b = MIN (n_bins - 1, (guint) floor ((mid - layout->plot_x0) / bin_w));
      TriTimelineCluster *c = bins[b];

      if (c == NULL)
        {
          c = bins[b] = g_new0 (TriTimelineCluster, 1);
          c->category = lane;
          c->x0 = layout->plot_x0 + b * bin_w;
          c->x1 = MIN (c->x0 + bin_w, layout->plot_x1);
          c->first = m->earliest;
          c->last = m->latest;
          c->event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        }
      c->count++;
      c->first = MIN (c->first, m->earliest);
      c->last = MAX (c->last, m->latest);
      g_array_append_val (c->event_ids, m->event_id);
      stances[b * TRI_N_STANCES + m->stance]++;
      max_count = MAX (max_count, c->count);
      m->row = -2;   /* gone into the bin */
    }

  for (guint b = 0; b < n_bins; b++)
    {
      TriTimelineCluster *c = bins[b];
      double lw, lh;

      if (c == NULL)
        continue;
      c->stance = TRI_STANCE_NEUTRAL;
      if (stances[b * TRI_N_STANCES + TRI_STANCE_COOPERATION] > stances[b * TRI_N_STANCES + TRI_STANCE_TENSION] &&
          stances[b * TRI_N_STANCES + TRI_STANCE_COOPERATION] >= stances[b * TRI_N_STANCES + TRI_STANCE_NEUTRAL])
        c->stance = TRI_STANCE_COOPERATION;
      else if (stances[b * TRI_N_STANCES + TRI_STANCE_TENSION] > stances[b * TRI_N_STANCES + TRI_STANCE_COOPERATION] &&
               stances[b * TRI_N_STANCES + TRI_STANCE_TENSION] >= stances[b * TRI_N_STANCES + TRI_STANCE_NEUTRAL])
        c->stance = TRI_STANCE_TENSION;
      /* taller with the count, on a log scale; the lane caps it later */
      c->height = layout->mark_h * (1 + 2.5 * log ((double) c->count) / log (MAX (max_count, 2)));
      c->label = g_strdup_printf ("%u", c->count);
      tri_text_measure (c->label, layout->label_px * 0.85, FALSE, layout->lang, &lw, &lh);
      if (lw > c->x1 - c->x0 + 2)
        g_clear_pointer (&c->label, g_free);
      g_ptr_array_add (layout->clusters, c);
    }
}

/* Where a lane has room to spare, its rows start a little below its top. */
static double
extra_top (TriTimelineLayout *layout,
           guint              lane,
           double             rows_h)
{
  return MAX (0, layout->lane_h[lane] - rows_h);
}

/* First fit into at most @max_rows rows, keeping room for at least a
 * shortened label after each mark's start; when every row is taken the
 * mark goes where the row ends soonest (its label will be dropped).
 * Measures each title once, into label_w. Returns the rows used. */
static int
assign_rows (TriTimelineLayout *layout,
             GPtrArray         *marks,
             int                max_rows,
             double             gap)
{
  g_autoptr(GArray) row_end = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < marks->len; i++)
    {
      TriTimelineMark *mark = g_ptr_array_index (marks, i);
      double need;
      int best = -1;

      if (mark->label_w == 0)
        {
          double h;
          tri_text_measure (mark->title, layout->label_px, FALSE, layout->lang, &mark->label_w, &h);
        }
      need = MAX (mark->x1, mark->x0 + MIN (mark->label_w, MIN_LABEL_W * 2));
      mark->row = -1;
      for (guint r = 0; r < row_end->len; r++)
        {
          double end = g_array_index (row_end, double, r);

          if (end + gap <= mark->x0)
            {
              mark->row = r;
              break;
            }
          if (best < 0 || end < g_array_index (row_end, double, best))
            best = r;
        }
      if (mark->row < 0 && (int) row_end->len < max_rows)
        {
          double none = -G_MAXDOUBLE;
          g_array_append_val (row_end, none);
          mark->row = row_end->len - 1;
        }
      if (mark->row < 0)
        mark->row = best;
      g_array_index (row_end, double, mark->row) = MAX (g_array_index (row_end, double, mark->row), need);
    }

  return MAX (1, (int) row_end->len);
}

/**
 * tri_timeline_layout_new:
 * @events: the events in (or overlapping) the visible range, in date order
 *
 * Places every event that falls in the visible range: its lane and row,
 * its mark, and as much of its label as fits.
 */
TriTimelineLayout *
tri_timeline_layout_new (GPtrArray               *events,
                         const TriTimelineParams *params)
{
  TriTimelineLayout *layout = g_new0 (TriTimelineLayout, 1);
  const double scale = params->type_scale > 0 ? params->type_scale : 1;
  double axis_h, row_h, text_h, gap, w;
  int rows[TRI_N_CATEGORIES];
  gboolean with_labels = TRUE;
  GPtrArray *lane_marks[TRI_N_CATEGORIES] = { NULL };

  layout->width = params->width;
  layout->height = params->height;
  layout->t0 = params->t0;
  layout->t1 = MAX (params->t1, params->t0 + 1);
  layout->lang = g_strdup (params->lang);
  layout->as_of = params->as_of;
  layout->label_px = 12.5 * scale;
  layout->mark_h = 8 * scale;
  layout->marks = g_ptr_array_new_with_free_func ((GDestroyNotify) mark_free);
  layout->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_free);
  gap = 6 * scale;

  tri_text_measure ("Ag", layout->label_px, FALSE, layout->lang, &w, &text_h);

  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    {
      double h;

      layout->lane_labels[i] = g_strdup (tri_category_label (i));
      tri_text_measure (layout->lane_labels[i], layout->label_px, TRUE, layout->lang, &w, &h);
      layout->lane_label_w = MAX (layout->lane_label_w, w);
    }
  layout->lane_label_w = MIN (layout->lane_label_w + 2 * gap, params->width * 0.25);

  axis_h = text_h + 3 * gap;
  layout->plot_x0 = layout->lane_label_w;
  layout->plot_x1 = MAX (params->width - 2 * gap, layout->plot_x0 + 1);
  layout->lanes_y0 = text_h + 2 * gap;        /* room for the cursor's date */
  layout->lanes_y1 = MAX (params->height - axis_h, layout->lanes_y0 + TRI_N_CATEGORIES);

  /* a row is a line of text above its mark; where even one such row a
   * lane does not fit, the rows lose their labels (the marks stay, and the
   * tooltips, hotspots and panel still name them) */
  row_h = text_h + layout->mark_h + gap;
  if ((layout->lanes_y1 - layout->lanes_y0) < TRI_N_CATEGORIES * row_h)
    {
      with_labels = FALSE;
      text_h = 0;
      row_h = MAX (layout->mark_h + 2,
                   (layout->lanes_y1 - layout->lanes_y0) / TRI_N_CATEGORIES - gap);
    }

  layout_ticks (layout);

  tri_timeline_layout_set_as_of (layout, params->as_of);

  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    lane_marks[i] = g_ptr_array_new ();

  for (guint i = 0; i < events->len; i++)
    {
      const TriEvent *ev = g_ptr_array_index (events, i);
      TriTimelineMark *mark;

      if (ev->date.latest + 1 < layout->t0 || ev->date.earliest > layout->t1)
        continue;

      mark = g_new0 (TriTimelineMark, 1);
      mark->event_id = ev->id;
      mark->category = ev->category < TRI_N_CATEGORIES ? ev->category : TRI_CATEGORY_DIPLOMACY;
      mark->confidence = ev->confidence;
      mark->stance = dominant_stance (ev);
      mark->point = ev->date.precision == TRI_PRECISION_DAY;
      mark->title = g_strdup (ev->title);
      mark->selected = params->selected_event != 0 && ev->id == params->selected_event;
      mark->dimmed = params->n_highlight_relations > 0 && !is_highlighted (ev, params);
      mark->earliest = ev->date.earliest;
      mark->latest = ev->date.latest;

      if (mark->point)
        {
          double cx = tri_timeline_layout_x (layout, ev->date.earliest + 0.5);
          mark->x0 = cx - layout->mark_h / 2;
          mark->x1 = cx + layout->mark_h / 2;
        }
      else
        {
          mark->x0 = tri_timeline_layout_x (layout, ev->date.earliest);
          mark->x1 = tri_timeline_layout_x (layout, ev->date.latest + 1);
          /* however short, a span stays wider than a point */
          if (mark->x1 - mark->x0 < layout->mark_h * 1.5)
            {
              double c = (mark->x0 + mark->x1) / 2;
              mark->x0 = c - layout->mark_h * 0.75;
              mark->x1 = c + layout->mark_h * 0.75;
            }
        }
      g_ptr_array_add (layout->marks, mark);
      g_ptr_array_add (lane_marks[mark->category], mark);
    }

  /* Level of detail: a lane with more events than the plot has room for
   * their labels draws them as counted bins instead, so a frame costs what
   * its pixels cost, however many events there are. Zooming in brings the
   * events back one by one. */
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    if (lane_marks[lane]->len > (layout->plot_x1 - layout->plot_x0) / (CLUSTER_PX * scale))
      {
        cluster_lane (layout, lane, lane_marks[lane], scale);
        g_ptr_array_set_size (lane_marks[lane], 0);
      }

  {
    GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) mark_free);

    for (guint i = 0; i < layout->marks->len; i++)
      {
        TriTimelineMark *m = g_ptr_array_index (layout->marks, i);
        if (m->row == -2)
          mark_free (m);
        else
          g_ptr_array_add (kept, m);
      }
    g_ptr_array_set_free_func (layout->marks, NULL);
    g_ptr_array_unref (layout->marks);
    layout->marks = kept;
  }

  /* Rows: how many each lane needs to keep its events apart; then the
   * lanes share the height in proportion, at least one row each. */
  {
    int needed[TRI_N_CATEGORIES], total = 0, fit;
    double avail = layout->lanes_y1 - layout->lanes_y0, y = layout->lanes_y0, extra;

    for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
      {
        g_ptr_array_sort (lane_marks[lane], compare_marks_by_x);
        needed[lane] = layout->clustered[lane] ? 1 : assign_rows (layout, lane_marks[lane], G_MAXINT, gap);
        total += needed[lane];
      }

    fit = MAX (TRI_N_CATEGORIES, (int) floor (avail / row_h));
    /* rounding down each lane's share keeps the sum within the fit */
    for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
      {
        if (total > fit)
          rows[lane] = MAX (1, (int) floor ((double) needed[lane] * fit / total));
        else
          rows[lane] = needed[lane];
      }

    total = 0;
    for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
      total += rows[lane];
    extra = MAX (0, (avail - total * row_h) / TRI_N_CATEGORIES);
    for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
      {
        layout->lane_y[lane] = y;
        layout->lane_h[lane] = rows[lane] * row_h + extra;
        y += layout->lane_h[lane];
        if (rows[lane] < needed[lane])
          assign_rows (layout, lane_marks[lane], rows[lane], gap);
      }
  }

  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      GPtrArray *marks = lane_marks[lane];
      g_autofree double *title_w = g_new0 (double, MAX (marks->len, 1));

      for (guint i = 0; i < marks->len; i++)
        title_w[i] = ((TriTimelineMark *) g_ptr_array_index (marks, i))->label_w;

      /* labels: the room up to the next mark in the same row */
      for (guint i = 0; i < marks->len; i++)
        {
          TriTimelineMark *mark = g_ptr_array_index (marks, i);
          double limit = layout->plot_x1;
          double start = MAX (mark->x0, layout->plot_x0);
          double lane_top = layout->lane_y[lane] + MIN (gap / 2, extra_top (layout, lane, rows[lane] * row_h));

          for (guint k = i + 1; k < marks->len; k++)
            {
              TriTimelineMark *next = g_ptr_array_index (marks, k);
              if (next->row == mark->row)
                {
                  limit = MIN (limit, next->x0 - gap);
                  break;
                }
            }
          /* an earlier mark in the row that reaches past this one's start
           * (a crowded row) leaves no room */
          for (guint k = 0; k < i; k++)
            {
              TriTimelineMark *prev = g_ptr_array_index (marks, k);
              if (prev->row == mark->row && prev->label != NULL &&
                  prev->label_x + prev->label_w + gap > start)
                start = G_MAXDOUBLE;
            }

          mark->y = lane_top + mark->row * row_h + text_h + layout->mark_h / 2;
          mark->label_y = mark->y - layout->mark_h / 2 - text_h - 1;
          mark->label_h = text_h;
          if (with_labels && limit - start >= MIN (title_w[i], MIN_LABEL_W))
            {
              mark->label = g_strdup (mark->title);
              mark->label_x = start;
              mark->label_w = MIN (title_w[i], limit - start);
            }
          else
            mark->label_w = 0;

          mark->hit_x0 = MIN (mark->x0, mark->label ? mark->label_x : mark->x0) - 2;
          mark->hit_x1 = MAX (mark->x1, mark->label ? mark->label_x + mark->label_w : mark->x1) + 2;
          mark->hit_y0 = (mark->label ? mark->label_y : mark->y - layout->mark_h) - 1;
          mark->hit_y1 = mark->y + layout->mark_h / 2 + 3;
        }
    }

  for (guint i = 0; i < layout->clusters->len; i++)
    {
      TriTimelineCluster *c = g_ptr_array_index (layout->clusters, i);
      double lane_h = layout->lane_h[c->category];

      c->y = layout->lane_y[c->category] + lane_h / 2;
      c->height = MIN (c->height, lane_h - 2);
    }

  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    g_ptr_array_unref (lane_marks[i]);

  return layout;
}

/**
 * tri_timeline_layout_set_as_of:
 *
 * Moves the "as of" cursor: nothing else of the layout depends on it, so
 * scrubbing costs a cursor, not a layout.
 */
void
tri_timeline_layout_set_as_of (TriTimelineLayout *layout,
                               guint32            as_of)
{
  layout->as_of = as_of;
  layout->cursor_x = tri_timeline_layout_x (layout, as_of + 0.5);
  g_free (layout->cursor_label);
  layout->cursor_label = tri_day_label (as_of, TRI_PRECISION_DAY, layout->lang);
  tri_text_measure (layout->cursor_label, layout->label_px, TRUE, layout->lang,
                    &layout->cursor_label_w, &layout->cursor_label_h);
  layout->cursor_label_x = CLAMP (layout->cursor_x - layout->cursor_label_w / 2,
                                  0, MAX (0, layout->width - layout->cursor_label_w));
}

TriTimelineHit
tri_timeline_layout_hit (TriTimelineLayout *layout,
                         double             x,
                         double             y,
                         int               *index)
{
  int best = -1;
  double best_d = G_MAXDOUBLE;

  if (x < 0 || y < 0 || x > layout->width || y > layout->height)
    return TRI_TIMELINE_HIT_NONE;

  if (fabs (x - layout->cursor_x) <= 5 && y < layout->lanes_y0 + 4)
    return TRI_TIMELINE_HIT_CURSOR;

  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *m = g_ptr_array_index (layout->marks, i);
      double d;

      if (x < m->hit_x0 || x > m->hit_x1 || y < m->hit_y0 || y > m->hit_y1)
        continue;
      /* the nearest mark wins; among marks drawn over each other, the one on top */
      d = fabs (x - CLAMP (x, m->x0, m->x1)) + fabs (y - m->y);
      if (d <= best_d)
        {
          best_d = d;
          best = i;
        }
    }

  if (best >= 0)
    {
      *index = best;
      return TRI_TIMELINE_HIT_MARK;
    }

  for (guint i = 0; i < layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = g_ptr_array_index (layout->clusters, i);
      double lane_h = layout->lane_h[c->category];

      if (x >= c->x0 && x < c->x1 && fabs (y - c->y) <= lane_h / 2)
        {
          *index = i;
          return TRI_TIMELINE_HIT_CLUSTER;
        }
    }

  if (fabs (x - layout->cursor_x) <= 4)
    return TRI_TIMELINE_HIT_CURSOR;

  if (x >= layout->plot_x0 && x <= layout->plot_x1)
    return TRI_TIMELINE_HIT_PLOT;

  return TRI_TIMELINE_HIT_NONE;
}

static void
set_source_rgba (cairo_t *cr,
                 guint32  rgb,
                 double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                         (rgb & 0xFF) / 255.0, alpha);
}

static void
draw_mark (TriTimelineLayout     *layout,
           cairo_t               *cr,
           const TriTheme        *theme,
           const TriTimelineMark *m)
{
  const double h = layout->mark_h;
  const double alpha = m->dimmed ? 0.22 : 1.0;
  const guint32 color = theme->stance[m->stance];
  const gboolean hollow = m->confidence != TRI_CONFIDENCE_CONFIRMED;

  cairo_new_path (cr);
  if (m->point)
    {
      double cx = (m->x0 + m->x1) / 2;

      cairo_arc (cr, cx, m->y, h / 2, 0, 2 * G_PI);
    }
  else
    {
      /* soft ends: the bounds are fuzzy */
      double fade = MIN (8.0, (m->x1 - m->x0) / 4);
      cairo_pattern_t *pat = cairo_pattern_create_linear (m->x0, 0, m->x1, 0);
      double f = fade / MAX (m->x1 - m->x0, 1e-6);
      double r = ((color >> 16) & 0xFF) / 255.0, g = ((color >> 8) & 0xFF) / 255.0, b = (color & 0xFF) / 255.0;

      cairo_pattern_add_color_stop_rgba (pat, 0, r, g, b, alpha * 0.15);
      cairo_pattern_add_color_stop_rgba (pat, f, r, g, b, alpha * (hollow ? 0.45 : 0.85));
      cairo_pattern_add_color_stop_rgba (pat, 1 - f, r, g, b, alpha * (hollow ? 0.45 : 0.85));
      cairo_pattern_add_color_stop_rgba (pat, 1, r, g, b, alpha * 0.15);
      cairo_rectangle (cr, m->x0, m->y - h / 2, m->x1 - m->x0, h);
      cairo_set_source (cr, pat);
      cairo_fill_preserve (cr);
      cairo_pattern_destroy (pat);
      if (hollow)
        {
          double dash[] = { 3, 2 };
          set_source_rgba (cr, color, alpha);
          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      cairo_new_path (cr);
      goto selection;
    }

  if (hollow)
    {
      set_source_rgba (cr, theme->background, alpha);
      cairo_fill_preserve (cr);
      set_source_rgba (cr, color, alpha);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  else
    {
      set_source_rgba (cr, color, alpha);
      cairo_fill (cr);
    }

selection:
  if (m->selected)
    {
      tri_set_source_rgb (cr, theme->cursor);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, m->x0 - 3, m->y - h / 2 - 3, m->x1 - m->x0 + 6, h + 6);
      cairo_stroke (cr);
    }

  if (m->label != NULL)
    {
      g_autoptr(PangoLayout) text = tri_text_layout (cr, m->label, layout->label_px, m->selected, layout->lang);

      pango_layout_set_width (text, (int) (m->label_w * PANGO_SCALE) + 1);
      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
      set_source_rgba (cr, theme->text, m->dimmed ? 0.35 : 1.0);
      cairo_move_to (cr, m->label_x, m->label_y);
      pango_cairo_show_layout (cr, text);
      cairo_new_path (cr);
    }
}

static void
draw_cluster (TriTimelineLayout        *layout,
              cairo_t                  *cr,
              const TriTheme           *theme,
              const TriTimelineCluster *c)
{
  double w = MAX (c->x1 - c->x0 - 2, 1);

  cairo_new_path (cr);
  cairo_rectangle (cr, c->x0 + 1, c->y - c->height / 2, w, c->height);
  set_source_rgba (cr, theme->stance[c->stance], c->count > 1 ? 0.75 : 0.55);
  cairo_fill (cr);

  if (c->label != NULL && c->count > 1)
    {
      g_autoptr(PangoLayout) text = tri_text_layout (cr, c->label, layout->label_px * 0.85, FALSE, layout->lang);
      int tw, th;

      pango_layout_get_pixel_size (text, &tw, &th);
      tri_set_source_rgb (cr, theme->text);
      cairo_move_to (cr, (c->x0 + c->x1 - tw) / 2, c->y - c->height / 2 - th);
      pango_cairo_show_layout (cr, text);
      cairo_new_path (cr);
    }
}

void
tri_timeline_render (TriTimelineLayout *layout,
                     cairo_t           *cr,
                     const TriTheme    *theme)
{
  cairo_save (cr);
  tri_set_source_rgb (cr, theme->background);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_fill (cr);

  /* lanes */
  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    {
      double y = layout->lane_y[i];
      g_autoptr(PangoLayout) name = tri_text_layout (cr, layout->lane_labels[i], layout->label_px, TRUE, layout->lang);

      if (i % 2 == 0)
        {
          set_source_rgba (cr, theme->text, 0.035);
          cairo_rectangle (cr, 0, y, layout->width, layout->lane_h[i]);
          cairo_fill (cr);
        }
      pango_layout_set_width (name, (int) ((layout->lane_label_w - 8) * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      tri_set_source_rgb (cr, theme->muted);
      cairo_move_to (cr, 6, y + 4);
      pango_cairo_show_layout (cr, name);
      cairo_new_path (cr);
    }

  /* grid and axis */
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < layout->ticks->len; i++)
    {
      const TriTimelineTick *t = g_ptr_array_index (layout->ticks, i);
      g_autoptr(PangoLayout) text = tri_text_layout (cr, t->label, layout->label_px, FALSE, layout->lang);
      double x = floor (t->x) + 0.5;
      double next_x = i + 1 < layout->ticks->len
                      ? ((TriTimelineTick *) g_ptr_array_index (layout->ticks, i + 1))->x
                      : layout->plot_x1 + t->label_w;

      tri_set_source_rgb (cr, theme->rule);
      cairo_move_to (cr, x, layout->lanes_y0);
      cairo_line_to (cr, x, layout->lanes_y1 + 4);
      cairo_stroke (cr);

      /* a label that would run into the next one or off the edge is dropped */
      if (x + 3 + t->label_w <= MIN (next_x - 4, layout->width))
        {
          tri_set_source_rgb (cr, theme->muted);
          cairo_move_to (cr, x + 3, layout->lanes_y1 + 6);
          pango_cairo_show_layout (cr, text);
          cairo_new_path (cr);
        }
    }
  tri_set_source_rgb (cr, theme->muted);
  cairo_move_to (cr, layout->plot_x0, floor (layout->lanes_y1) + 0.5);
  cairo_line_to (cr, layout->plot_x1, floor (layout->lanes_y1) + 0.5);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_rectangle (cr, layout->plot_x0, 0, layout->plot_x1 - layout->plot_x0, layout->height);
  cairo_clip (cr);
  for (guint i = 0; i < layout->clusters->len; i++)
    draw_cluster (layout, cr, theme, g_ptr_array_index (layout->clusters, i));
  for (guint i = 0; i < layout->marks->len; i++)
    draw_mark (layout, cr, theme, g_ptr_array_index (layout->marks, i));
  cairo_restore (cr);

  /* the "as of" cursor */
  if (layout->cursor_x >= layout->plot_x0 && layout->cursor_x <= layout->plot_x1)
    {
      g_autoptr(PangoLayout) text = tri_text_layout (cr, layout->cursor_label, layout->label_px, TRUE, layout->lang);
      double x = floor (layout->cursor_x) + 0.5;

      tri_set_source_rgb (cr, theme->cursor);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, layout->lanes_y0 - 4);
      cairo_line_to (cr, x, layout->lanes_y1);
      cairo_stroke (cr);
      cairo_move_to (cr, x - 5, layout->lanes_y0 - 9);
      cairo_line_to (cr, x + 5, layout->lanes_y0 - 9);
      cairo_line_to (cr, x, layout->lanes_y0 - 3);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_move_to (cr, layout->cursor_label_x, 2);
      pango_cairo_show_layout (cr, text);
      cairo_new_path (cr);
    }

  cairo_restore (cr);
}
