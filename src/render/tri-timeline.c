/* tri-timeline.c: the timeline's layout (pure geometry) and its renderer
 *
 * Events sit in lanes by category. A day-precise event is a point; any
 * other is a bar over its whole uncertainty with soft ends, never a false
 * point. No two marks of a row overlap: where a lane's rows run out, the
 * events left over are counted under the lane's name ("+N more") instead
 * of being drawn over others. Each label gets the room up to the next mark
 * in its row and is shortened to fit or dropped, so labels never overlap.
 * A lane with more events than the plot has room for is drawn as counted
 * bins, each coloured by its events' stances in proportion. The axis always
 * names the year, and a legend of the marks sits under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-timeline"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tri-catalog.h"
#include "tri-labels.h"
#include "tri-timeline.h"

#define MIN_LABEL_W 36.0   /* below this a label is dropped, not shortened */
#define CLUSTER_PX 16.0    /* a lane with more events than the plot has bins of this width is clustered */
#define LABEL_PAD 4.0      /* the least space between two labels side by side */

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

static void
legend_item_free (TriTimelineLegendItem *item)
{
  g_free (item->text);
  g_free (item);
}

void
tri_timeline_layout_free (TriTimelineLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->marks, g_ptr_array_unref);
  g_clear_pointer (&layout->clusters, g_ptr_array_unref);
  g_clear_pointer (&layout->ticks, g_ptr_array_unref);
  g_clear_pointer (&layout->legend, g_ptr_array_unref);
  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    {
      g_free (layout->lane_labels[i]);
      g_clear_pointer (&layout->more[i].event_ids, g_array_unref);
      g_free (layout->more[i].label);
    }
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
 * @as_of: (in): the "as of" day the timeline's cursor shows, or 0
 *
 * The range a briefing opens on, on screen and in exports alike: its most
 * recent two years when it spans more, all of it otherwise; moved, at the
 * same span, so that "as of" and its cursor are always in it (three
 * quarters of the way along) when they would fall outside.
 */
/**
 * tri_timeline_margin:
 *
 * The days whose events a timeline showing [@t0, @t1] keeps read: those
 * shown with half their span either side, so that a small pan needs no
 * read.
 */
void
tri_timeline_margin (double  t0,
                     double  t1,
                     double *from,
                     double *to)
{
  double span = t1 - t0;

  *from = MAX (1, floor (t0 - span / 2));
  *to = ceil (t1 + span / 2);
}

/**
 * tri_timeline_read_ahead_due:
 * @have_from, @have_to: the days whose events are read
 *
 * Whether to read ahead: the days shown have come within a quarter of
 * their span of the edge of those read, on a side where the margin goes
 * further.
 */
gboolean
tri_timeline_read_ahead_due (double t0,
                             double t1,
                             double have_from,
                             double have_to)
{
  double from, to, quarter = (t1 - t0) / 4;

  tri_timeline_margin (t0, t1, &from, &to);
  return (have_from > from && t0 - have_from < quarter) || (have_to < to && have_to - t1 < quarter);
}

/**
 * tri_timeline_read_ahead:
 * @from, @to: (out): the days to read next
 *
 * The next step of reading ahead, from the days read towards the margin
 * (tri_timeline_margin()): an eighth of the span shown a side at most (a
 * store that keeps what it read reads only the days added), all at once
 * where what is read no longer reaches the days shown; the side past the
 * margin cut back to it.
 *
 * Returns: %FALSE when what is read is the margin already
 */
gboolean
tri_timeline_read_ahead (double  t0,
                         double  t1,
                         double  have_from,
                         double  have_to,
                         double *from,
                         double *to)
{
  double step = (t1 - t0) / 8, m0, m1;

  tri_timeline_margin (t0, t1, &m0, &m1);
  *from = have_from > m0 ? MAX (m0, floor (have_from - step)) : m0;
  *to = have_to < m1 ? MIN (m1, ceil (have_to + step)) : m1;
  if (*from > floor (t0))
    *from = m0;
  if (*to < ceil (t1))
    *to = m1;
  return *from != have_from || *to != have_to;
}

void
tri_timeline_default_range (guint32  earliest,
                            guint32  latest,
                            guint32  as_of,
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
  if (as_of != 0 && (as_of < *t0 || as_of + 1 > *t1))
    {
      double span = *t1 - *t0;

      *t1 = as_of + 1 + span / 4;
      *t0 = *t1 - span;
    }
}

static TriStance
dominant_stance (const TriEvent *ev)
{
  guint weight[TRI_N_STANCES] = { 0 };

  for (guint i = 0; i < ev->links->len; i++)
    {
      const TriLink *link = &g_array_index (ev->links, TriLink, i);
      weight[link->stance] += link->weight;
    }
  return tri_stance_dominant (weight);
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

/* Whether an event shows in the view at all: some of its possible days
 * lie inside it. */
static gboolean
in_view (const TriEvent *ev,
         double          t0,
         double          t1)
{
  return ev->date.latest + 1.0 > t0 && ev->date.earliest < t1;
}

typedef struct
{
  GHashTable *widths;   /* label → double */
  char       *lang;
  double      px;
} TickWidths;

static void
tick_widths_free (TickWidths *t)
{
  g_clear_pointer (&t->widths, g_hash_table_unref);
  g_free (t->lang);
  g_free (t);
}

/* Tick labels repeat from one layout to the next ("Jan", "Q3", "2024"):
 * each is measured once for a language and a size, in each thread that
 * lays out (the window, an export) */
static double
tick_label_width (TriTimelineLayout *layout,
                  const char        *label)
{
  static GPrivate key = G_PRIVATE_INIT ((GDestroyNotify) tick_widths_free);
  TickWidths *t = g_private_get (&key);
  double *w, h;

  if (t == NULL)
    {
      t = g_new0 (TickWidths, 1);
      g_private_set (&key, t);
    }
  if (t->widths == NULL || g_strcmp0 (t->lang, layout->lang) != 0 || t->px != layout->label_px ||
      g_hash_table_size (t->widths) > 4096)
    {
      g_clear_pointer (&t->widths, g_hash_table_unref);
      t->widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_free (t->lang);
      t->lang = g_strdup (layout->lang);
      t->px = layout->label_px;
    }
  w = g_hash_table_lookup (t->widths, label);
  if (w == NULL)
    {
      w = g_new (double, 1);
      tri_text_measure (label, layout->label_px, FALSE, layout->lang, w, &h);
      g_hash_table_insert (t->widths, g_strdup (label), w);
    }
  return *w;
}

static void
add_tick (TriTimelineLayout *layout,
          guint32            day,
          TriTickUnit        unit,
          gboolean           with_year)
{
  TriTimelineTick *tick = g_new0 (TriTimelineTick, 1);

  tick->x = tri_timeline_layout_x (layout, day);
  tick->with_year = with_year;
  tick->label = tri_tick_label (day, unit, with_year, layout->lang);
  tick->label_w = tick_label_width (layout, tick->label);
  g_ptr_array_add (layout->ticks, tick);
}

/* The ticks of one unit and step over the view: the first names the
 * year, and so does every one that starts a year. */
static void
add_ticks (TriTimelineLayout *layout,
           TriTickUnit        unit,
           int                step)
{
  int y0, y1;

  if (!tri_day_to_ymd ((guint32) CLAMP (layout->t0, TRI_DAY_MIN, TRI_DAY_MAX), &y0, NULL, NULL) ||
      !tri_day_to_ymd ((guint32) CLAMP (layout->t1, TRI_DAY_MIN, TRI_DAY_MAX), &y1, NULL, NULL))
    return;

  switch (unit)
    {
    case TRI_TICK_DAY:
      {
        /* steps of days from a Monday (day 1, 1 January -9999, is one) */
        guint32 first = (guint32) ceil (MAX (layout->t0, TRI_DAY_MIN));

        first += (step - (first - 1) % step) % step;
        for (guint32 day = first; day <= layout->t1 && day <= TRI_DAY_MAX; day += step)
          {
            int m = 0, d = 0;

            tri_day_to_ymd (day, NULL, &m, &d);
            add_tick (layout, day, TRI_TICK_DAY, layout->ticks->len == 0 || (d <= step && m == 1));
          }
      }
      break;

    case TRI_TICK_MONTH:
    case TRI_TICK_QUARTER:
      for (int y = y0; y <= y1; y++)
        for (int m = 1; m <= 12; m += unit == TRI_TICK_MONTH ? 1 : 3)
          {
            guint32 day = tri_day_from_ymd (y, m, 1);
            if (day < layout->t0 || day > layout->t1)
              continue;
            add_tick (layout, day, unit, m == 1 || layout->ticks->len == 0);
          }
      break;

    case TRI_TICK_YEAR:
    default:
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
      break;
    }
}

/* Whether the ticks leave room for their labels: each label without the
 * year fits before the next tick, each label with it before the next that
 * has it (the labels it runs into give way). */
static gboolean
ticks_fit (TriTimelineLayout *layout)
{
  GPtrArray *ticks = layout->ticks;
  double next_year_x = G_MAXDOUBLE;

  for (guint i = ticks->len; i-- > 0;)
    {
      const TriTimelineTick *t = g_ptr_array_index (ticks, i);
      double next_x = i + 1 < ticks->len ? ((TriTimelineTick *) g_ptr_array_index (ticks, i + 1))->x : G_MAXDOUBLE;

      if (t->x + 3 + t->label_w + LABEL_PAD > (t->with_year ? next_year_x : next_x))
        return FALSE;
      if (t->with_year)
        next_year_x = t->x;
    }
  return TRUE;
}

/* Which labels are drawn: every one that names the year (kept inside the
 * timeline's width), then the others wherever they leave a gap. */
static void
place_tick_labels (TriTimelineLayout *layout)
{
  GPtrArray *ticks = layout->ticks;
  const double right = layout->width - 2;
  g_autofree double *next_year_x = g_new (double, ticks->len + 1);
  double last_end = -G_MAXDOUBLE;

  next_year_x[ticks->len] = G_MAXDOUBLE;
  for (guint i = ticks->len; i-- > 0;)
    {
      TriTimelineTick *t = g_ptr_array_index (ticks, i);

      t->label_x = t->x + 3;
      if (t->with_year)
        t->label_x = MAX (layout->plot_x0, MIN (t->label_x, right - t->label_w));
      next_year_x[i] = t->with_year ? t->label_x : next_year_x[i + 1];
    }

  for (guint i = 0; i < ticks->len; i++)
    {
      TriTimelineTick *t = g_ptr_array_index (ticks, i);

      if (t->with_year)
        t->shown = t->label_x >= last_end + LABEL_PAD;
      else
        t->shown = t->label_x >= last_end + LABEL_PAD &&
                   t->label_x + t->label_w + LABEL_PAD <= next_year_x[i + 1] &&
                   t->label_x + t->label_w <= right;
      if (t->shown)
        last_end = t->label_x + t->label_w;
    }
}

/* The finest unit whose ticks leave room for their labels, measured in
 * the layout's language. */
static void
layout_ticks (TriTimelineLayout *layout)
{
  static const struct
  {
    TriTickUnit unit;
    int         step;
    double      days;
  } units[] = {
    { TRI_TICK_DAY, 1, 1 }, { TRI_TICK_DAY, 2, 2 }, { TRI_TICK_DAY, 7, 7 }, { TRI_TICK_DAY, 14, 14 },
    { TRI_TICK_MONTH, 1, 30.4 }, { TRI_TICK_QUARTER, 1, 91.3 },
    { TRI_TICK_YEAR, 1, 365.25 }, { TRI_TICK_YEAR, 2, 730.5 }, { TRI_TICK_YEAR, 5, 1826.25 },
    { TRI_TICK_YEAR, 10, 3652.5 }, { TRI_TICK_YEAR, 20, 7305 }, { TRI_TICK_YEAR, 50, 18262.5 },
    { TRI_TICK_YEAR, 100, 36525 }, { TRI_TICK_YEAR, 200, 73050 }, { TRI_TICK_YEAR, 500, 182625 },
    { TRI_TICK_YEAR, 1000, 365250 },
  };
  const double plot_w = layout->plot_x1 - layout->plot_x0;
  const double span = MAX (layout->t1 - layout->t0, 1e-6);

  layout->ticks = g_ptr_array_new_with_free_func ((GDestroyNotify) tick_free);
  if (layout->t1 < TRI_DAY_MIN || layout->t0 > TRI_DAY_MAX)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      gboolean last = i + 1 == G_N_ELEMENTS (units);

      /* no label is narrower than two digits: skip what cannot fit unmeasured */
      if (!last && span / units[i].days * (layout->label_px + 3 + LABEL_PAD) > plot_w)
        continue;

      g_ptr_array_set_size (layout->ticks, 0);
      layout->tick_unit = units[i].unit;
      add_ticks (layout, units[i].unit, units[i].step);
      if (last || ticks_fit (layout))
        break;
    }
  place_tick_labels (layout);
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

static int
compare_clusters_by_count (gconstpointer a,
                           gconstpointer b)
{
  const TriTimelineCluster *ca = *(TriTimelineCluster * const *) a;
  const TriTimelineCluster *cb = *(TriTimelineCluster * const *) b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return ca->x0 < cb->x0 ? -1 : ca->x0 > cb->x0;
}

/* Counts an event into the bin of a clustered lane where its middle falls;
 * an event whose middle lies outside the view is in no bin. */
static void
bin_event (TriTimelineLayout    *layout,
           TriTimelineCluster  **bins,
           guint                 n_bins,
           double                bin_w,
           TriCategory           lane,
           gint64                id,
           guint32               earliest,
           guint32               latest,
           TriStance             stance)
{
  double middle = (earliest + (double) latest + 1) / 2;
  TriTimelineCluster *c;
  guint b;

  if (middle < layout->t0 || middle >= layout->t1)
    return;
  b = (guint) MAX (0, floor ((tri_timeline_layout_x (layout, middle) - layout->plot_x0) / bin_w));
  b = MIN (b, n_bins - 1);
  c = bins[b];
  if (c == NULL)
    {
      c = bins[b] = g_new0 (TriTimelineCluster, 1);
      c->category = lane;
      c->x0 = layout->plot_x0 + b * bin_w;
      c->x1 = MIN (c->x0 + bin_w, layout->plot_x1);
      c->first = earliest;
      c->last = latest;
      c->event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  c->count++;
  c->first = MIN (c->first, earliest);
  c->last = MAX (c->last, latest);
  c->stance_count[stance]++;
  g_array_append_val (c->event_ids, id);
}

typedef struct
{
  TriTimelineLayout   *layout;
  TriTimelineCluster **bins;
  guint                n_bins;
  double               bin_w;
  TriCategory          lane;
} Binning;

static void
bin_indexed (gint64    event_id,
             guint32   earliest,
             guint32   latest,
             TriStance stance,
             gpointer  data)
{
  Binning *b = data;

  bin_event (b->layout, b->bins, b->n_bins, b->bin_w, b->lane, event_id, earliest, latest, stance);
}

/* @prev's bins of @lane, counted over the same range and plot, as this
 * layout's (their places, labels and sizes are worked out again) */
static void
take_bins (const TriTimelineLayout  *prev,
           TriCategory               lane,
           TriTimelineCluster      **bins,
           guint                     n_bins,
           double                    bin_w,
           double                    plot_x0)
{
  for (guint i = 0; i < prev->clusters->len; i++)
    {
      const TriTimelineCluster *old = g_ptr_array_index (prev->clusters, i);
      TriTimelineCluster *c;
      guint b;

      if (old->category != lane)
        continue;
      b = (guint) MIN (n_bins - 1, MAX (0, floor ((old->x0 - plot_x0) / bin_w + 0.5)));
      g_assert (bins[b] == NULL);
      c = bins[b] = g_new0 (TriTimelineCluster, 1);
      c->category = lane;
      c->x0 = old->x0;
      c->x1 = old->x1;
      c->count = old->count;
      c->first = old->first;
      c->last = old->last;
      memcpy (c->stance_count, old->stance_count, sizeof c->stance_count);
      c->event_ids = g_array_copy (old->event_ids);
    }
}

static int
compare_marks_by_priority (gconstpointer a,
                           gconstpointer b)
{
  const TriTimelineMark *ma = *(TriTimelineMark * const *) a;
  const TriTimelineMark *mb = *(TriTimelineMark * const *) b;

  if (ma->selected != mb->selected)
    return ma->selected ? -1 : 1;
  if (ma->dimmed != mb->dimmed)
    return ma->dimmed ? 1 : -1;
  if (ma->weight != mb->weight)
    return ma->weight > mb->weight ? -1 : 1;
  if (ma->x1 - ma->x0 != mb->x1 - mb->x0)
    return ma->x1 - ma->x0 < mb->x1 - mb->x0 ? -1 : 1;
  return compare_marks_by_x (a, b);
}

static double
label_reach (const TriTimelineMark *mark)
{
  return MAX (mark->x1, mark->x0 + MIN (mark->label_w, MIN_LABEL_W * 2));
}

/* Whether @mark fits in @row among the marks already placed: with the
 * room kept after each for a shortened label, or (@tight) the marks alone
 * apart. */
static gboolean
row_has_room (GPtrArray             *placed,
              const TriTimelineMark *mark,
              int                    row,
              gboolean               tight,
              double                 gap)
{
  double x1 = tight ? mark->x1 : label_reach (mark);

  for (guint i = 0; i < placed->len; i++)
    {
      const TriTimelineMark *o = g_ptr_array_index (placed, i);
      double o1 = tight ? o->x1 : label_reach (o);

      if (o->row == row && o->x0 < x1 + gap && mark->x0 < o1 + gap)
        return FALSE;
    }
  return TRUE;
}

/* Rows, as few as keep the marks apart: in order of their starts, each
 * into the first row whose marks, and the room kept after them for a
 * shortened label, end before it. Measures each title once, into
 * label_w. Returns the rows used.
 *
 * With at most @max_rows rows, the marks that matter most choose first
 * (the selected event, then those not dimmed, the heaviest, the most
 * precise): each into the first row with room for it and its label, else
 * the first with room for the mark alone (a label before it gives way),
 * else into none (row −1): it is counted, not drawn over another. */
static int
assign_rows (TriTimelineLayout *layout,
             GPtrArray         *marks,
             int                max_rows,
             double             gap)
{
  g_autoptr(GArray) reserved = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GPtrArray) placed = NULL;

  for (guint i = 0; i < marks->len; i++)
    {
      TriTimelineMark *mark = g_ptr_array_index (marks, i);

      if (mark->label_w == 0)
        {
          double h;
          tri_text_measure (mark->title, layout->label_px, FALSE, layout->lang, &mark->label_w, &h);
        }
    }

  if (max_rows == G_MAXINT)
    {
      reserved = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; i < marks->len; i++)
        {
          TriTimelineMark *mark = g_ptr_array_index (marks, i);

          mark->row = -1;
          for (guint r = 0; r < reserved->len && mark->row < 0; r++)
            if (g_array_index (reserved, double, r) + gap <= mark->x0)
              mark->row = r;
          if (mark->row < 0)
            {
              double none = -G_MAXDOUBLE;
              g_array_append_val (reserved, none);
              mark->row = reserved->len - 1;
            }
          g_array_index (reserved, double, mark->row) = MAX (g_array_index (reserved, double, mark->row),
                                                             label_reach (mark));
        }
      return MAX (1, (int) reserved->len);
    }

  order = g_ptr_array_copy (marks, NULL, NULL);
  g_ptr_array_sort (order, compare_marks_by_priority);
  placed = g_ptr_array_sized_new (marks->len);
  for (guint i = 0; i < order->len; i++)
    {
      TriTimelineMark *mark = g_ptr_array_index (order, i);

      mark->row = -1;
      for (int r = 0; r < max_rows && mark->row < 0; r++)
        if (row_has_room (placed, mark, r, FALSE, gap))
          mark->row = r;
      for (int r = 0; r < max_rows && mark->row < 0; r++)
        if (row_has_room (placed, mark, r, TRUE, gap))
          mark->row = r;
      if (mark->row >= 0)
        g_ptr_array_add (placed, mark);
    }
  return max_rows;
}

/* Shares @fit rows among the lanes that have events: each what it needs
 * when they all fit, else @least each (the room for its name), then to the @expanded lanes
 * what they need, and the rest in proportion to what the lanes need
 * beyond it (largest remainders), so that the lanes never take more than
 * @fit. */
static void
share_rows (const int      *needed_rows,
            const gboolean *expanded,
            int             fit,
            int             least,
            int            *rows)
{
  double rem[TRI_N_CATEGORIES];
  int needed[TRI_N_CATEGORIES];
  int total = 0, beyond = 0, spare, given = 0, n_lanes = 0;

  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    n_lanes += needed_rows[lane] > 0;
  least = CLAMP (least, 1, MAX (1, fit / MAX (n_lanes, 1)));
  spare = MAX (0, fit - least * n_lanes);
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      /* an empty lane needs no row */
      needed[lane] = needed_rows[lane] > 0 ? MAX (needed_rows[lane], least) : 0;
      total += needed[lane];
    }
  if (total <= fit)
    {
      for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
        rows[lane] = needed[lane];
      return;
    }

  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      rows[lane] = MIN (least, needed[lane]);
      if (expanded[lane] && needed[lane] > 0)
        {
          int more = MIN (needed[lane] - least, spare);

          rows[lane] += more;
          spare -= more;
          needed[lane] = rows[lane];
        }
      beyond += needed[lane] - rows[lane];
    }
  if (beyond <= 0)
    return;

  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      double share = (double) (needed[lane] - rows[lane]) * spare / beyond;

      rows[lane] += (int) floor (share);
      rem[lane] = share - floor (share);
      given += (int) floor (share);
    }
  for (; given < spare; given++)
    {
      int best = -1;

      for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
        if (rows[lane] < needed[lane] && (best < 0 || rem[lane] > rem[best]))
          best = lane;
      if (best < 0)
        break;
      rows[best]++;
      rem[best] = -1;
    }
}

/* The legend of the marks flows in rows from the left; returns its
 * height (huge where the width cannot hold its words), the items placed
 * from 0. */
static double
layout_legend (TriTimelineLayout *layout,
               gboolean           binned,
               double             gap)
{
  static const TriStance stances[] = { TRI_STANCE_COOPERATION, TRI_STANCE_NEUTRAL, TRI_STANCE_TENSION };
  const double px = layout->label_px * 0.9;
  const double h = layout->mark_h;
  double x = 6, row = 0, row_h = 0;
  gboolean fits = TRUE;

  for (int k = 0; k < 4 + (int) G_N_ELEMENTS (stances); k++)
    {
      TriTimelineLegendItem *item;
      double tw, th;

      if (k == TRI_TIMELINE_LEGEND_BIN && !binned)
        continue;
      item = g_new0 (TriTimelineLegendItem, 1);
      item->kind = MIN (k, TRI_TIMELINE_LEGEND_STANCE);
      switch (k)
        {
        case TRI_TIMELINE_LEGEND_DOT:
          item->text = g_strdup (D_(layout->lang, "known to the day"));
          item->w = h + 2;
          break;
        case TRI_TIMELINE_LEGEND_BAR:
          item->text = g_strdup (D_(layout->lang, "date uncertain: every possible day"));
          item->w = 4 * h;
          break;
        case TRI_TIMELINE_LEGEND_UNCONFIRMED:
          item->text = g_strdup (D_(layout->lang, "reported or alleged, not confirmed"));
          item->w = 5 * h;
          break;
        case TRI_TIMELINE_LEGEND_BIN:
          item->text = g_strdup (D_(layout->lang, "number of events, coloured in proportion to their stances"));
          item->w = 1.5 * h;
          break;
        default:
          item->stance = stances[k - TRI_TIMELINE_LEGEND_STANCE];
          item->text = g_strdup (tri_stance_label (item->stance, layout->lang));
          item->w = h;
          break;
        }
      tri_text_measure (item->text, px, FALSE, layout->lang, &tw, &th);
      if (layout->width - 12 - item->w - gap / 2 < MIN (tw, MIN_LABEL_W))
        fits = FALSE;
      tw = MIN (tw, layout->width - 12 - item->w - gap / 2);
      if (x > 6 && x + item->w + gap / 2 + tw > layout->width - 6)
        {
          x = 6;
          row += row_h + gap / 2;
          row_h = 0;
        }
      item->x = x;
      item->y = row;
      item->h = th;
      item->text_x = x + item->w + gap / 2;
      item->text_y = row;
      item->text_w = MAX (tw, 0);
      item->text_h = th;
      x = item->text_x + item->text_w + (item->kind == TRI_TIMELINE_LEGEND_STANCE ? 1.5 : 3) * gap;
      row_h = MAX (row_h, th);
      g_ptr_array_add (layout->legend, item);
    }
  /* too narrow for its words: no legend */
  return fits ? row + row_h : G_MAXDOUBLE / 4;
}

/**
 * tri_timeline_layout_new:
 * @events: the events in (or overlapping) the visible range, in date order
 *
 * Places every event that falls in the visible range: its lane and row,
 * its mark, and as much of its label as fits; or, where the lane has no
 * row for it, counts it in the lane's "+N more"; or, in a lane too dense
 * for marks, counts it in a bin.
 */
/* The size of the labels, the lanes' names and the events' titles */
static double
label_px (const TriTimelineParams *params)
{
  return 12.5 * (params->type_scale > 0 ? params->type_scale : 1);
}

/* The plot's left and right ends: right of the widest lane name (the
 * names as drawn in @name_w), at most a quarter of the width */
static void
plot_span (const TriTimelineParams *params,
           double                   name_w[TRI_N_CATEGORIES],
           double                  *lane_label_w,
           double                  *x0,
           double                  *x1)
{
  const double scale = params->type_scale > 0 ? params->type_scale : 1;
  const double gap = 6 * scale;
  double widest = 0;

  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    {
      double h;

      tri_text_measure (tri_category_label (i, params->lang), label_px (params), TRUE, params->lang, &name_w[i], &h);
      widest = MAX (widest, name_w[i]);
    }
  *lane_label_w = MIN (widest + 2 * gap, params->width * 0.25);
  *x0 = *lane_label_w;
  *x1 = MAX (params->width - 2 * gap, *x0 + 1);
}

/* Level of detail: a lane with more events than the plot has room for
 * their labels draws them as counted bins instead, so a frame costs what
 * its pixels cost, however many events there are. Zooming in brings the
 * events back one by one. */
static void
lanes_clustered (GPtrArray               *events,
                 const TriTimelineParams *params,
                 double                   plot_w,
                 gboolean                 clustered[TRI_N_CATEGORIES])
{
  const double scale = params->type_scale > 0 ? params->type_scale : 1;
  const double t1 = MAX (params->t1, params->t0 + 1);
  const double room = plot_w / (CLUSTER_PX * scale);
  guint n_in_lane[TRI_N_CATEGORIES] = { 0 };

  if (params->lanes != NULL)
    {
      /* more than room events, counted only so far */
      guint limit = (guint) MIN (MAX (floor (room), 0), G_MAXUINT - 1);

      for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
        clustered[lane] = tri_lane_index_count (params->lanes, lane, params->t0, t1, limit) > room;
      return;
    }
  for (guint i = 0; i < events->len; i++)
    {
      const TriEvent *ev = g_ptr_array_index (events, i);

      if (in_view (ev, params->t0, t1))
        n_in_lane[ev->category < TRI_N_CATEGORIES ? ev->category : TRI_CATEGORY_DIPLOMACY]++;
    }
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    clustered[lane] = n_in_lane[lane] > room;
}

/**
 * tri_timeline_lanes_counted:
 * @events: (element-type TriEvent): what tri_timeline_layout_new() will
 *   be given (unused when @params has a lane index)
 *
 * Returns: a bit (1 << category) for each lane a layout of @params draws
 *   as counted bins
 */
guint
tri_timeline_lanes_counted (GPtrArray               *events,
                            const TriTimelineParams *params)
{
  gboolean clustered[TRI_N_CATEGORIES];
  double name_w[TRI_N_CATEGORIES], lane_label_w, x0, x1;
  guint lanes = 0;

  plot_span (params, name_w, &lane_label_w, &x0, &x1);
  lanes_clustered (events, params, x1 - x0, clustered);
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    if (clustered[lane])
      lanes |= 1u << lane;
  return lanes;
}

/**
 * tri_timeline_untitled_marks:
 * @events: (element-type TriEvent): what tri_timeline_layout_new() will
 *   be given, titles read or not
 *
 * The events a layout of @params draws one by one, with their titles, and
 * whose titles are not read yet: those in view in the lanes that are not
 * counted bins. A view reads these titles (tri_store_read_titles()) and no
 * others.
 *
 * Returns: (transfer container) (element-type TriEvent): some of @events
 */
GPtrArray *
tri_timeline_untitled_marks (GPtrArray               *events,
                             const TriTimelineParams *params)
{
  GPtrArray *untitled = g_ptr_array_new ();
  const double t1 = MAX (params->t1, params->t0 + 1);
  gboolean clustered[TRI_N_CATEGORIES];
  double name_w[TRI_N_CATEGORIES], lane_label_w, x0, x1;

  plot_span (params, name_w, &lane_label_w, &x0, &x1);
  lanes_clustered (events, params, x1 - x0, clustered);
  for (guint i = 0; i < events->len; i++)
    {
      TriEvent *ev = g_ptr_array_index (events, i);

      if (ev->title == NULL && in_view (ev, params->t0, t1) &&
          !clustered[ev->category < TRI_N_CATEGORIES ? ev->category : TRI_CATEGORY_DIPLOMACY])
        g_ptr_array_add (untitled, ev);
    }
  return untitled;
}

TriTimelineLayout *
tri_timeline_layout_new (GPtrArray               *events,
                         const TriTimelineParams *params)
{
  TriTimelineLayout *layout = g_new0 (TriTimelineLayout, 1);
  const double scale = params->type_scale > 0 ? params->type_scale : 1;
  const double bin_w = CLUSTER_PX * scale;
  double name_w[TRI_N_CATEGORIES];
  double axis_h, row_h, line_h, text_h, gap, w, avail, extra, plot_w, legend_h = 0, pad_top;
  int rows[TRI_N_CATEGORIES], needed[TRI_N_CATEGORIES];
  guint n_bins;
  gboolean with_labels = TRUE, binned = FALSE;
  GPtrArray *lane_marks[TRI_N_CATEGORIES] = { NULL };
  TriTimelineCluster **bins[TRI_N_CATEGORIES] = { NULL };
  const TriTimelineLayout *prev = params->previous;
  gboolean reuse = FALSE;

  layout->width = params->width;
  layout->height = params->height;
  layout->t0 = params->t0;
  layout->t1 = MAX (params->t1, params->t0 + 1);
  layout->lang = g_strdup (params->lang);
  layout->as_of = params->as_of;
  layout->label_px = label_px (params);
  layout->mark_h = 8 * scale;
  layout->marks = g_ptr_array_new_with_free_func ((GDestroyNotify) mark_free);
  layout->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_free);
  layout->legend = g_ptr_array_new_with_free_func ((GDestroyNotify) legend_item_free);
  gap = 6 * scale;

  tri_text_measure ("Ag", layout->label_px, FALSE, layout->lang, &w, &line_h);
  text_h = line_h;

  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    layout->lane_labels[i] = g_strdup (tri_category_label (i, layout->lang));
  plot_span (params, name_w, &layout->lane_label_w, &layout->plot_x0, &layout->plot_x1);

  axis_h = line_h + 2 * gap;
  plot_w = layout->plot_x1 - layout->plot_x0;
  n_bins = MAX (1, (guint) ceil (plot_w / bin_w));

  layout_ticks (layout);

  lanes_clustered (events, params, plot_w, layout->clustered);
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      binned |= layout->clustered[lane];
      lane_marks[lane] = g_ptr_array_new ();
      if (layout->clustered[lane])
        bins[lane] = g_new0 (TriTimelineCluster *, n_bins);
    }

  /* The height: the cursor's date on top, then the lanes, the axis, and
   * the legend at the bottom where the lanes can spare it. */
  layout->lanes_y0 = line_h + 2 * gap;
  legend_h = layout_legend (layout, binned, gap) + gap;
  if (params->height - layout->lanes_y0 - axis_h - legend_h < TRI_N_CATEGORIES * (layout->mark_h + 4))
    {
      g_ptr_array_set_size (layout->legend, 0);
      legend_h = 0;
    }
  if (params->height - legend_h < layout->lanes_y0 + axis_h + TRI_N_CATEGORIES * 4)
    {
      /* too low for the cursor's date and the axis's labels: the lanes
       * keep their few pixels, the bands give way, their words go */
      double k = MAX (0, params->height - legend_h - TRI_N_CATEGORIES * 4) / (layout->lanes_y0 + axis_h);

      layout->lanes_y0 *= k;
      axis_h *= k;
      for (guint i = 0; i < layout->ticks->len; i++)
        ((TriTimelineTick *) g_ptr_array_index (layout->ticks, i))->shown = FALSE;
    }
  layout->lanes_y1 = MAX (params->height - axis_h - legend_h, layout->lanes_y0);
  layout->axis_y1 = layout->lanes_y1 + axis_h;
  layout->legend_y = layout->axis_y1 + gap / 2;
  for (guint i = 0; i < layout->legend->len; i++)
    {
      TriTimelineLegendItem *item = g_ptr_array_index (layout->legend, i);

      item->y += layout->legend_y;
      item->text_y += layout->legend_y;
    }

  /* A row is a line of text above its mark, and half a gap; where even
   * one such row a lane does not fit, the rows lose their labels (the marks stay, and the
   * tooltips, hotspots and panel still name them), and where even bare
   * marks do not fit, the marks get smaller. */
  avail = layout->lanes_y1 - layout->lanes_y0;
  row_h = text_h + 1 + layout->mark_h + gap / 2;
  if (avail < TRI_N_CATEGORIES * row_h)
    {
      with_labels = FALSE;
      text_h = 0;
      row_h = layout->mark_h + 4;
      if (avail < TRI_N_CATEGORIES * row_h)
        {
          row_h = avail / TRI_N_CATEGORIES;
          layout->mark_h = row_h >= 6 ? row_h - 4 : row_h * 0.6;
        }
    }

  for (guint i = 0; i < events->len; i++)
    {
      const TriEvent *ev = g_ptr_array_index (events, i);
      TriCategory lane = ev->category < TRI_N_CATEGORIES ? ev->category : TRI_CATEGORY_DIPLOMACY;
      TriTimelineMark *mark;

      if (!in_view (ev, layout->t0, layout->t1))
        continue;
      if (layout->clustered[lane])
        {
          /* with a lane index, the bins are counted from it */
          if (params->lanes == NULL)
            bin_event (layout, bins[lane], n_bins, bin_w, lane, ev->id,
                       ev->date.earliest, ev->date.latest, dominant_stance (ev));
          continue;
        }

      mark = g_new0 (TriTimelineMark, 1);
      mark->event_id = ev->id;
      mark->category = lane;
      mark->confidence = ev->confidence;
      mark->stance = dominant_stance (ev);
      mark->point = ev->date.precision == TRI_PRECISION_DAY;
      /* a title not read (its read failed: the store says so) is no label */
      mark->title = g_strdup (ev->title != NULL ? ev->title : "");
      mark->selected = params->selected_event != 0 && ev->id == params->selected_event;
      mark->dimmed = params->n_highlight_relations > 0 && !is_highlighted (ev, params);
      mark->earliest = ev->date.earliest;
      mark->latest = ev->date.latest;
      for (guint k = 0; k < ev->links->len; k++)
        mark->weight += g_array_index (ev->links, TriLink, k).weight;

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
      g_ptr_array_add (lane_marks[lane], mark);
    }

  /* the bins counted from the same index, serial, range and plot as the
   * layout this one replaces are its bins: a change of selection, of "as
   * of" or of a lane drawn one by one counts nothing again */
  if (params->lanes != NULL)
    {
      layout->bins_index = params->lanes;
      layout->bins_serial = tri_lane_index_get_serial (params->lanes);
      layout->bins_w = bin_w;
      layout->n_bins = n_bins;
      reuse = prev != NULL && prev->bins_index == params->lanes && prev->bins_serial == layout->bins_serial &&
              prev->t0 == layout->t0 && prev->t1 == layout->t1 && prev->bins_w == bin_w &&
              prev->n_bins == n_bins && prev->plot_x0 == layout->plot_x0 && prev->plot_x1 == layout->plot_x1;
    }
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      if (bins[lane] == NULL)
        continue;
      if (reuse && prev->clustered[lane])
        take_bins (prev, lane, bins[lane], n_bins, bin_w, layout->plot_x0);
      else if (params->lanes != NULL)
        {
          Binning binning = { layout, bins[lane], n_bins, bin_w, lane };

          tri_lane_index_foreach_middle (params->lanes, lane, layout->t0, layout->t1, bin_indexed, &binning);
        }
      for (guint b = 0; b < n_bins; b++)
        {
          TriTimelineCluster *c = bins[lane][b];

          if (c == NULL)
            continue;
          c->stance = tri_stance_dominant (c->stance_count);
          g_ptr_array_add (layout->clusters, c);
        }
      g_free (bins[lane]);
    }

  /* Rows: how many each lane needs to keep its events apart; then the
   * lanes share the height, at least one row each, never more than it
   * holds; the events a lane has no row for are counted, not drawn. */
  {
    /* an empty lane keeps the height of its name, at most a row */
    const double empty_h = MIN (row_h, line_h + 6);
    double y = layout->lanes_y0, rows_h = avail;
    int total = 0, n_lanes = 0;

    for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
      {
        g_ptr_array_sort (lane_marks[lane], compare_marks_by_x);
        if (layout->clustered[lane])
          needed[lane] = 1;
        else if (lane_marks[lane]->len == 0)
          needed[lane] = 0;
        else
          needed[lane] = assign_rows (layout, lane_marks[lane], G_MAXINT, gap);
        if (needed[lane] == 0)
          rows_h -= empty_h;
        n_lanes += needed[lane] > 0;
      }
    share_rows (needed, params->expanded, MAX (n_lanes, (int) floor (rows_h / row_h + 1e-6)),
                (int) ceil ((line_h + 6) / row_h - 1e-6), rows);

    for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
      total += rows[lane];
    extra = MAX (0, (rows_h - total * row_h) / TRI_N_CATEGORIES);
    for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
      {
        layout->lane_y[lane] = y;
        layout->lane_h[lane] = (needed[lane] > 0 ? rows[lane] * row_h : empty_h) + extra;
        y += layout->lane_h[lane];
        if (rows[lane] < needed[lane])
          assign_rows (layout, lane_marks[lane], rows[lane], gap);
      }
  }

  /* the events left without a row go from the marks into "+N more" */
  {
    GPtrArray *kept = g_ptr_array_new_full (layout->marks->len, (GDestroyNotify) mark_free);
    GArray *middles[TRI_N_CATEGORIES] = { NULL };

    for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
      {
        GPtrArray *marks = lane_marks[lane];
        guint n = 0;

        for (guint i = 0; i < marks->len; i++)
          if (((TriTimelineMark *) g_ptr_array_index (marks, i))->row >= 0)
            marks->pdata[n++] = marks->pdata[i];
        g_ptr_array_set_size (marks, n);
      }

    for (guint i = 0; i < layout->marks->len; i++)
      {
        TriTimelineMark *m = g_ptr_array_index (layout->marks, i);
        TriTimelineMore *more = &layout->more[m->category];
        guint32 middle = m->earliest + (m->latest - m->earliest) / 2;

        if (m->row >= 0)
          {
            g_ptr_array_add (kept, m);
            continue;
          }
        if (more->count == 0)
          {
            more->event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
            middles[m->category] = g_array_new (FALSE, FALSE, sizeof (guint32));
            more->first = m->earliest;
            more->last = m->latest;
          }
        more->count++;
        more->first = MIN (more->first, m->earliest);
        more->last = MAX (more->last, m->latest);
        g_array_append_val (more->event_ids, m->event_id);
        g_array_append_val (middles[m->category], middle);
        mark_free (m);
      }
    g_ptr_array_set_free_func (layout->marks, NULL);
    g_ptr_array_unref (layout->marks);
    layout->marks = kept;

    /* the events are in date order: the middle one's middle */
    for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
      if (middles[lane] != NULL)
        {
          layout->more[lane].middle = g_array_index (middles[lane], guint32, middles[lane]->len / 2);
          g_array_unref (middles[lane]);
        }
  }

  pad_top = MIN (gap / 2, extra);
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      GPtrArray *marks = lane_marks[lane];
      g_autofree double *row_label_end = g_new (double, rows[lane]);

      for (int r = 0; r < rows[lane]; r++)
        row_label_end[r] = -G_MAXDOUBLE;

      /* labels: the room up to the next mark in the same row */
      for (guint i = 0; i < marks->len; i++)
        {
          TriTimelineMark *mark = g_ptr_array_index (marks, i);
          double limit = layout->plot_x1;
          double start = MAX (mark->x0, layout->plot_x0);
          double row_top = layout->lane_y[lane] + pad_top + mark->row * row_h;
          double title_w = mark->label_w;

          for (guint k = i + 1; k < marks->len; k++)
            {
              TriTimelineMark *next = g_ptr_array_index (marks, k);
              if (next->row == mark->row)
                {
                  limit = MIN (limit, next->x0 - gap);
                  break;
                }
            }
          /* a label before it in the row that reaches past its start
           * leaves no room */
          if (row_label_end[mark->row] + gap > start)
            start = G_MAXDOUBLE;

          mark->label_y = row_top;
          mark->label_h = text_h;
          mark->y = row_top + (with_labels ? text_h + 1 : (row_h - layout->mark_h) / 2) + layout->mark_h / 2;
          if (with_labels && limit - start >= MIN (title_w, MIN_LABEL_W))
            {
              mark->label = g_strdup (mark->title);
              mark->label_x = start;
              mark->label_w = MIN (title_w, limit - start);
              row_label_end[mark->row] = mark->label_x + mark->label_w;
            }
          else
            mark->label_w = 0;

          mark->hit_x0 = MIN (mark->x0, mark->label ? mark->label_x : mark->x0) - 2;
          mark->hit_x1 = MAX (mark->x1, mark->label ? mark->label_x + mark->label_w : mark->x1) + 2;
          mark->hit_y0 = (mark->label ? mark->label_y : mark->y - layout->mark_h) - 1;
          mark->hit_y1 = mark->y + layout->mark_h / 2 + 3;
        }
    }

  /* bins stand on the lane's floor, taller with the count (on a log
   * scale), their counts above them wherever they leave a gap */
  {
    const double count_px = layout->label_px * 0.85;
    double count_h, digit_w[12] = { 0 };
    guint max_count[TRI_N_CATEGORIES] = { 0 };
    g_autoptr(GPtrArray) by_count = g_ptr_array_new ();
    g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (double));

    tri_text_measure ("0", count_px, FALSE, layout->lang, &w, &count_h);
    for (guint i = 0; i < layout->clusters->len; i++)
      {
        const TriTimelineCluster *c = g_ptr_array_index (layout->clusters, i);
        max_count[c->category] = MAX (max_count[c->category], c->count);
      }

    for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
      {
        double room = layout->lane_h[lane] - 6;
        gboolean counts = with_labels && room - count_h - 2 >= layout->mark_h;
        double bar_max = MIN (counts ? room - count_h - 2 : room, layout->mark_h * 3.5);
        double bar_min = MIN (layout->mark_h * 0.75, bar_max);
        double floor_y = layout->lane_y[lane] + layout->lane_h[lane] - 3;

        if (!layout->clustered[lane])
          continue;
        g_ptr_array_set_size (by_count, 0);
        g_array_set_size (taken, 0);
        for (guint i = 0; i < layout->clusters->len; i++)
          {
            TriTimelineCluster *c = g_ptr_array_index (layout->clusters, i);

            if (c->category != lane)
              continue;
            c->height = bar_min + (bar_max - bar_min) * log ((double) c->count) / log (MAX (max_count[lane], 2));
            c->y = floor_y - c->height / 2;
            if (counts)
              g_ptr_array_add (by_count, c);
          }

        /* the largest counts first; a count that would run into one
         * already placed is left to the tooltip and the hotspot */
        g_ptr_array_sort (by_count, compare_clusters_by_count);
        for (guint i = 0; i < by_count->len; i++)
          {
            TriTimelineCluster *c = g_ptr_array_index (by_count, i);
            g_autofree char *label = g_strdup_printf ("%u", c->count);
            guint digits = MIN (strlen (label), G_N_ELEMENTS (digit_w) - 1);
            double x, lw;
            gboolean clear = TRUE;

            /* figures are as wide as each other: a width per number of digits */
            if (digit_w[digits] == 0)
              {
                double h;
                tri_text_measure (label, count_px, FALSE, layout->lang, &digit_w[digits], &h);
              }
            lw = digit_w[digits];
            if (lw > layout->plot_x1 - layout->plot_x0)
              continue;
            x = CLAMP ((c->x0 + c->x1 - lw) / 2, layout->plot_x0, layout->plot_x1 - lw);
            for (guint k = 0; k + 1 < taken->len && clear; k += 2)
              clear = x + lw + LABEL_PAD <= g_array_index (taken, double, k) ||
                     g_array_index (taken, double, k + 1) + LABEL_PAD <= x;
            if (!clear)
              continue;
            c->label = g_steal_pointer (&label);
            c->label_x = x;
            c->label_w = lw;
            c->label_h = count_h;
            c->label_y = c->y - c->height / 2 - count_h - 1;
            g_array_append_val (taken, x);
            x += lw;
            g_array_append_val (taken, x);
          }
      }
  }

  /* "+N more" beside the lane's name where the name leaves room, else
   * under it (the two lines' boxes may share their leading, not their
   * letters; the name moves up a little if need be), else beside it, the
   * name shortened */
  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      TriTimelineMore *more = &layout->more[lane];
      double mh, below = line_h - 5 * scale;

      layout->lane_name_w[lane] = layout->lane_label_w - 8;
      layout->lane_name_y[lane] = layout->lane_y[lane] + 4;
      if (more->count == 0)
        continue;
      more->label = g_strdup_printf (DN_(layout->lang, "+%u more", "+%u more", more->count), more->count);
      more->px = layout->label_px * 0.8;
      tri_text_measure (more->label, more->px, FALSE, layout->lang, &more->w, &mh);
      if (mh > layout->lane_h[lane])
        {
          /* a lane lower than a line of small type: smaller still */
          more->px *= 0.95 * layout->lane_h[lane] / mh;
          tri_text_measure (more->label, more->px, FALSE, layout->lang, &more->w, &mh);
          mh = MIN (mh, layout->lane_h[lane]);
        }
      more->w = MIN (more->w, MAX (layout->lane_label_w - 12, 1));
      more->h = mh;
      if (name_w[lane] + gap + more->w <= layout->lane_label_w - 8)
        {
          more->x = layout->lane_label_w - gap - more->w;
          more->y = layout->lane_name_y[lane] + (line_h - mh) / 2;
        }
      else if (layout->lane_h[lane] >= 1 + below + mh + 1)
        {
          layout->lane_name_y[lane] = layout->lane_y[lane] + MIN (4, layout->lane_h[lane] - below - mh - 1);
          more->x = 6;
          more->y = layout->lane_name_y[lane] + below;
        }
      else
        {
          more->x = MAX (6, layout->lane_label_w - gap - more->w);
          more->y = layout->lane_name_y[lane];
          layout->lane_name_w[lane] = MAX (0, more->x - 6 - 4);
        }
      more->y = MAX (layout->lane_y[lane], MIN (more->y, layout->lane_y[lane] + layout->lane_h[lane] - mh));
    }

  tri_timeline_layout_set_as_of (layout, params->as_of);

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

  if (fabs (x - layout->cursor_x) <= 5 && y < layout->lanes_y0)
    return TRI_TIMELINE_HIT_CURSOR;

  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      const TriTimelineMore *more = &layout->more[lane];

      if (more->label != NULL && x >= more->x - 3 && x <= more->x + more->w + 3 &&
          y >= more->y - 2 && y <= more->y + more->h + 2)
        {
          *index = lane;
          return TRI_TIMELINE_HIT_MORE;
        }
    }

  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *m = g_ptr_array_index (layout->marks, i);
      double d;

      if (x < m->hit_x0 || x > m->hit_x1 || y < m->hit_y0 || y > m->hit_y1)
        continue;
      /* the nearest mark wins */
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
      double lane_y = layout->lane_y[c->category];

      if (x >= c->x0 && x < c->x1 && y >= lane_y && y <= lane_y + layout->lane_h[c->category])
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

/* A span: soft ends, for its bounds are fuzzy; dashed when not confirmed */
static void
draw_bar (cairo_t *cr,
          double   x0,
          double   x1,
          double   y,
          double   h,
          guint32  color,
          double   alpha,
          gboolean hollow)
{
  double fade = MIN (8.0, (x1 - x0) / 4);
  cairo_pattern_t *pat = cairo_pattern_create_linear (x0, 0, x1, 0);
  double f = fade / MAX (x1 - x0, 1e-6);
  double r = ((color >> 16) & 0xFF) / 255.0, g = ((color >> 8) & 0xFF) / 255.0, b = (color & 0xFF) / 255.0;

  cairo_new_path (cr);
  cairo_pattern_add_color_stop_rgba (pat, 0, r, g, b, alpha * 0.15);
  cairo_pattern_add_color_stop_rgba (pat, f, r, g, b, alpha * (hollow ? 0.45 : 0.85));
  cairo_pattern_add_color_stop_rgba (pat, 1 - f, r, g, b, alpha * (hollow ? 0.45 : 0.85));
  cairo_pattern_add_color_stop_rgba (pat, 1, r, g, b, alpha * 0.15);
  cairo_rectangle (cr, x0, y - h / 2, x1 - x0, h);
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
}

/* A day: a dot, hollow when not confirmed */
static void
draw_dot (cairo_t        *cr,
          const TriTheme *theme,
          double          cx,
          double          y,
          double          h,
          guint32         color,
          double          alpha,
          gboolean        hollow)
{
  cairo_new_path (cr);
  cairo_arc (cr, cx, y, h / 2, 0, 2 * G_PI);
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

  if (m->point)
    draw_dot (cr, theme, (m->x0 + m->x1) / 2, m->y, h, color, alpha, hollow);
  else
    draw_bar (cr, m->x0, m->x1, m->y, h, color, alpha, hollow);

  if (m->selected)
    {
      tri_set_source_rgb (cr, theme->cursor);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, m->x0 - 3, m->y - h / 2 - 3, m->x1 - m->x0 + 6, h + 6);
      cairo_stroke (cr);
    }

  if (m->label != NULL)
    {
      g_autoptr(PangoLayout) text = tri_text_label (m->label, layout->label_px, m->selected, layout->lang, m->label_w);

      set_source_rgba (cr, theme->text, m->dimmed ? 0.35 : 1.0);
      cairo_move_to (cr, m->label_x, m->label_y);
      pango_cairo_show_layout (cr, text);
      cairo_new_path (cr);
    }
}

/* A bin: its events' stances stacked in proportion, cooperation at the
 * bottom, then neutral, then tension */
static void
draw_stack (cairo_t        *cr,
            const TriTheme *theme,
            double          x,
            double          y_bottom,
            double          w,
            double          h,
            const guint    *stance_count,
            double          alpha)
{
  static const TriStance order[] = { TRI_STANCE_COOPERATION, TRI_STANCE_NEUTRAL, TRI_STANCE_TENSION };
  guint total = 0;
  double y = y_bottom;

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    total += stance_count[order[k]];
  for (guint k = 0; k < G_N_ELEMENTS (order) && total > 0; k++)
    {
      double part = h * stance_count[order[k]] / total;

      if (part <= 0)
        continue;
      cairo_new_path (cr);
      cairo_rectangle (cr, x, y - part, w, part);
      set_source_rgba (cr, theme->stance[order[k]], alpha);
      cairo_fill (cr);
      y -= part;
    }
}

/* The bins, one path a stance (a frame of many bins costs three fills),
 * then their counts */
static void
draw_clusters (TriTimelineLayout *layout,
               cairo_t           *cr,
               const TriTheme    *theme,
               int                lane)
{
  static const TriStance order[] = { TRI_STANCE_COOPERATION, TRI_STANCE_NEUTRAL, TRI_STANCE_TENSION };

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      cairo_new_path (cr);
      for (guint i = 0; i < layout->clusters->len; i++)
        {
          const TriTimelineCluster *c = g_ptr_array_index (layout->clusters, i);
          double below = 0, part;

          if ((int) c->category != lane)
            continue;
          for (guint j = 0; j < k; j++)
            below += c->stance_count[order[j]];
          part = c->height * c->stance_count[order[k]] / MAX (c->count, 1);
          if (part <= 0)
            continue;
          below = c->height * below / MAX (c->count, 1);
          cairo_rectangle (cr, c->x0 + 1, c->y + c->height / 2 - below - part, MAX (c->x1 - c->x0 - 2, 1), part);
        }
      set_source_rgba (cr, theme->stance[order[k]], 0.8);
      cairo_fill (cr);
    }

  /* each count shaped once, for every bin and frame that shows it */
  for (guint i = 0; i < layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = g_ptr_array_index (layout->clusters, i);
      g_autoptr(PangoLayout) text = NULL;
      int tw, th;

      if (c->label == NULL || (int) c->category != lane)
        continue;
      text = tri_text_label (c->label, layout->label_px * 0.85, FALSE, layout->lang, -1);
      pango_layout_get_pixel_size (text, &tw, &th);
      tri_set_source_rgb (cr, theme->text);
      cairo_move_to (cr, c->label_x + (c->label_w - tw) / 2, c->label_y);
      pango_cairo_show_layout (cr, text);
      cairo_new_path (cr);
    }
}

static void
draw_legend (TriTimelineLayout *layout,
             cairo_t           *cr,
             const TriTheme    *theme)
{
  const double h = layout->mark_h;
  const guint32 sample = theme->muted;
  const guint mix[TRI_N_STANCES] = { 2, 1, 1 };

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const TriTimelineLegendItem *item = g_ptr_array_index (layout->legend, i);
      g_autoptr(PangoLayout) text = tri_text_label (item->text, layout->label_px * 0.9, FALSE, layout->lang,
                                                    item->text_w);
      double cy = item->y + item->h / 2;

      switch (item->kind)
        {
        case TRI_TIMELINE_LEGEND_DOT:
          draw_dot (cr, theme, item->x + item->w / 2, cy, h, sample, 1, FALSE);
          break;
        case TRI_TIMELINE_LEGEND_BAR:
          draw_bar (cr, item->x, item->x + item->w, cy, h, sample, 1, FALSE);
          break;
        case TRI_TIMELINE_LEGEND_UNCONFIRMED:
          draw_dot (cr, theme, item->x + h / 2 + 1, cy, h, sample, 1, TRUE);
          draw_bar (cr, item->x + h + 5, item->x + item->w, cy, h, sample, 1, TRUE);
          break;
        case TRI_TIMELINE_LEGEND_BIN:
          draw_stack (cr, theme, item->x, cy + item->h / 2 - 1, item->w, item->h - 2, mix, 0.8);
          break;
        case TRI_TIMELINE_LEGEND_STANCE:
        default:
          cairo_new_path (cr);
          cairo_rectangle (cr, item->x, cy - h / 2, h, h);
          tri_set_source_rgb (cr, theme->stance[item->stance]);
          cairo_fill (cr);
          break;
        }

      tri_set_source_rgb (cr, theme->muted);
      cairo_move_to (cr, item->text_x, item->text_y);
      pango_cairo_show_layout (cr, text);
      cairo_new_path (cr);
    }
}

/* The parts that do not depend on the events: background, lanes and
 * their names, grid, axis and legend */
void
tri_timeline_render_base (TriTimelineLayout *layout,
                          cairo_t           *cr,
                          const TriTheme    *theme)
{
  cairo_save (cr);
  tri_set_source_rgb (cr, theme->background);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_fill (cr);

  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    {
      double y = layout->lane_y[i];
      g_autoptr(PangoLayout) name = tri_text_label (layout->lane_labels[i], layout->label_px, TRUE, layout->lang,
                                                    MAX (layout->lane_name_w[i], 1));

      if (i % 2 == 0)
        {
          set_source_rgba (cr, theme->text, 0.035);
          cairo_rectangle (cr, 0, y, layout->width, layout->lane_h[i]);
          cairo_fill (cr);
        }
      tri_set_source_rgb (cr, theme->muted);
      cairo_move_to (cr, 6, layout->lane_name_y[i]);
      pango_cairo_show_layout (cr, name);
      cairo_new_path (cr);
    }

  /* grid and axis */
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < layout->ticks->len; i++)
    {
      const TriTimelineTick *t = g_ptr_array_index (layout->ticks, i);
      double x = floor (t->x) + 0.5;

      tri_set_source_rgb (cr, theme->rule);
      cairo_move_to (cr, x, layout->lanes_y0);
      cairo_line_to (cr, x, layout->lanes_y1 + 4);
      cairo_stroke (cr);

      if (t->shown)
        {
          g_autoptr(PangoLayout) text = tri_text_label (t->label, layout->label_px, FALSE, layout->lang, -1);

          tri_set_source_rgb (cr, theme->muted);
          cairo_move_to (cr, t->label_x, layout->lanes_y1 + 6);
          pango_cairo_show_layout (cr, text);
          cairo_new_path (cr);
        }
    }
  tri_set_source_rgb (cr, theme->muted);
  cairo_move_to (cr, layout->plot_x0, floor (layout->lanes_y1) + 0.5);
  cairo_line_to (cr, layout->plot_x1, floor (layout->lanes_y1) + 0.5);
  cairo_stroke (cr);

  draw_legend (layout, cr, theme);
  cairo_restore (cr);
}

/* One lane's events: its "+N more", bins and marks */
void
tri_timeline_render_lane (TriTimelineLayout *layout,
                          cairo_t           *cr,
                          const TriTheme    *theme,
                          guint              lane)
{
  const TriTimelineMore *more = &layout->more[lane];

  g_return_if_fail (lane < TRI_N_CATEGORIES);

  cairo_save (cr);
  if (more->label != NULL)
    {
      g_autoptr(PangoLayout) text = tri_text_label (more->label, more->px, FALSE, layout->lang, more->w);

      tri_set_source_rgb (cr, theme->text);
      cairo_move_to (cr, more->x, more->y);
      pango_cairo_show_layout (cr, text);
      cairo_new_path (cr);
    }

  cairo_rectangle (cr, layout->plot_x0, 0, layout->plot_x1 - layout->plot_x0, layout->lanes_y1);
  cairo_clip (cr);
  draw_clusters (layout, cr, theme, (int) lane);
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *m = g_ptr_array_index (layout->marks, i);

      if (m->category == lane)
        draw_mark (layout, cr, theme, m);
    }
  cairo_restore (cr);
}

static void
extend (double *b,
        double  x0,
        double  y0,
        double  x1,
        double  y1)
{
  b[0] = MIN (b[0], x0);
  b[1] = MIN (b[1], y0);
  b[2] = MAX (b[2], x1);
  b[3] = MAX (b[3], y1);
}

/* The whole pixels a lane's events may touch: a box round its marks, bins
 * and labels, with room for a selection's frame and the glyphs' ink */
void
tri_timeline_lane_extent (TriTimelineLayout *layout,
                          guint              lane,
                          int               *x,
                          int               *y,
                          int               *width,
                          int               *height)
{
  const TriTimelineMore *more = &layout->more[lane];
  const double pad = 8;
  double b[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  extend (b, layout->plot_x0, layout->lane_y[lane], layout->plot_x1, layout->lane_y[lane] + layout->lane_h[lane]);
  if (more->label != NULL)
    extend (b, more->x, more->y, more->x + more->w, more->y + more->h);
  for (guint i = 0; i < layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = g_ptr_array_index (layout->clusters, i);

      if (c->category != lane)
        continue;
      extend (b, c->x0, c->y - c->height / 2, c->x1, c->y + c->height / 2);
      if (c->label != NULL)
        extend (b, c->label_x, c->label_y, c->label_x + c->label_w, c->label_y + c->label_h);
    }
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *m = g_ptr_array_index (layout->marks, i);

      if (m->category != lane)
        continue;
      extend (b, m->x0 - layout->mark_h, m->y - layout->mark_h, m->x1 + layout->mark_h, m->y + layout->mark_h);
      if (m->label != NULL)
        extend (b, m->label_x, m->label_y, m->label_x + m->label_w, m->label_y + m->label_h);
    }
  b[0] = MAX (0, floor (b[0] - pad));
  b[1] = MAX (0, floor (b[1] - pad));
  b[2] = MIN (ceil (layout->width), ceil (b[2] + pad));
  b[3] = MIN (ceil (layout->height), ceil (b[3] + pad));
  *x = (int) b[0];
  *y = (int) b[1];
  *width = MAX (1, (int) (b[2] - b[0]));
  *height = MAX (1, (int) (b[3] - b[1]));
}

static void
sign_double (GByteArray *sig,
             double      v)
{
  g_byte_array_append (sig, (const guint8 *) &v, sizeof v);
}

static void
sign_int (GByteArray *sig,
          gint64      v)
{
  g_byte_array_append (sig, (const guint8 *) &v, sizeof v);
}

static void
sign_str (GByteArray *sig,
          const char *s)
{
  if (s == NULL)
    sign_int (sig, -1);
  else
    g_byte_array_append (sig, (const guint8 *) s, strlen (s) + 1);
}

/* Everything tri_timeline_render_base() draws with, as bytes: equal
 * bytes (and the same theme), the same picture */
GBytes *
tri_timeline_base_signature (TriTimelineLayout *layout)
{
  GByteArray *sig = g_byte_array_new ();

  sign_double (sig, layout->width);
  sign_double (sig, layout->height);
  sign_double (sig, layout->plot_x0);
  sign_double (sig, layout->plot_x1);
  sign_double (sig, layout->lanes_y0);
  sign_double (sig, layout->lanes_y1);
  sign_double (sig, layout->label_px);
  sign_double (sig, layout->mark_h);
  sign_str (sig, layout->lang);
  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    {
      sign_double (sig, layout->lane_y[i]);
      sign_double (sig, layout->lane_h[i]);
      sign_double (sig, layout->lane_name_w[i]);
      sign_double (sig, layout->lane_name_y[i]);
      sign_str (sig, layout->lane_labels[i]);
    }
  for (guint i = 0; i < layout->ticks->len; i++)
    {
      const TriTimelineTick *t = g_ptr_array_index (layout->ticks, i);

      sign_double (sig, t->x);
      sign_int (sig, t->shown);
      if (t->shown)
        {
          sign_double (sig, t->label_x);
          sign_str (sig, t->label);
        }
    }
  for (guint i = 0; i < layout->legend->len; i++)
    {
      const TriTimelineLegendItem *item = g_ptr_array_index (layout->legend, i);

      sign_int (sig, item->kind);
      sign_int (sig, item->stance);
      sign_str (sig, item->text);
      sign_double (sig, item->x);
      sign_double (sig, item->y);
      sign_double (sig, item->w);
      sign_double (sig, item->h);
      sign_double (sig, item->text_x);
      sign_double (sig, item->text_y);
      sign_double (sig, item->text_w);
    }
  return g_byte_array_free_to_bytes (sig);
}

/* Everything tri_timeline_render_lane() draws with, and where */
GBytes *
tri_timeline_lane_signature (TriTimelineLayout *layout,
                             guint              lane)
{
  GByteArray *sig = g_byte_array_new ();
  const TriTimelineMore *more = &layout->more[lane];
  int x, y, w, h;

  tri_timeline_lane_extent (layout, lane, &x, &y, &w, &h);
  sign_int (sig, x);
  sign_int (sig, y);
  sign_int (sig, w);
  sign_int (sig, h);
  sign_double (sig, layout->plot_x0);
  sign_double (sig, layout->plot_x1);
  sign_double (sig, layout->lanes_y1);
  sign_double (sig, layout->label_px);
  sign_double (sig, layout->mark_h);
  sign_str (sig, layout->lang);
  sign_str (sig, more->label);
  if (more->label != NULL)
    {
      sign_double (sig, more->px);
      sign_double (sig, more->x);
      sign_double (sig, more->y);
      sign_double (sig, more->w);
    }
  for (guint i = 0; i < layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = g_ptr_array_index (layout->clusters, i);

      if (c->category != lane)
        continue;
      sign_double (sig, c->x0);
      sign_double (sig, c->x1);
      sign_double (sig, c->y);
      sign_double (sig, c->height);
      sign_int (sig, c->count);
      for (guint k = 0; k < TRI_N_STANCES; k++)
        sign_int (sig, c->stance_count[k]);
      sign_str (sig, c->label);
      if (c->label != NULL)
        {
          sign_double (sig, c->label_x);
          sign_double (sig, c->label_y);
          sign_double (sig, c->label_w);
        }
    }
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *m = g_ptr_array_index (layout->marks, i);

      if (m->category != lane)
        continue;
      sign_int (sig, m->point);
      sign_int (sig, m->stance);
      sign_int (sig, m->confidence);
      sign_int (sig, m->selected);
      sign_int (sig, m->dimmed);
      sign_double (sig, m->x0);
      sign_double (sig, m->x1);
      sign_double (sig, m->y);
      sign_str (sig, m->label);
      if (m->label != NULL)
        {
          sign_double (sig, m->label_x);
          sign_double (sig, m->label_y);
          sign_double (sig, m->label_w);
        }
    }
  return g_byte_array_free_to_bytes (sig);
}

/* The whole pixels the cursor and its date may touch */
void
tri_timeline_cursor_extent (TriTimelineLayout *layout,
                            int               *x,
                            int               *y,
                            int               *width,
                            int               *height)
{
  double x0 = floor (layout->cursor_x) - 8, x1 = floor (layout->cursor_x) + 9;

  if (layout->cursor_label != NULL)
    {
      x0 = MIN (x0, layout->cursor_label_x - 8);
      x1 = MAX (x1, layout->cursor_label_x + layout->cursor_label_w + 8);
    }
  x0 = MAX (0, floor (x0));
  x1 = MIN (ceil (layout->width), ceil (x1));
  *x = (int) x0;
  *y = 0;
  *width = MAX (1, (int) (x1 - x0));
  *height = MAX (1, (int) ceil (layout->lanes_y1 + 2));
}

/* Everything tri_timeline_render_cursor() draws with */
GBytes *
tri_timeline_cursor_signature (TriTimelineLayout *layout)
{
  GByteArray *sig = g_byte_array_new ();
  int x, y, w, h;

  tri_timeline_cursor_extent (layout, &x, &y, &w, &h);
  sign_int (sig, x);
  sign_int (sig, w);
  sign_int (sig, h);
  sign_double (sig, layout->cursor_x);
  sign_double (sig, layout->plot_x0);
  sign_double (sig, layout->plot_x1);
  sign_double (sig, layout->lanes_y0);
  sign_double (sig, layout->lanes_y1);
  sign_double (sig, layout->label_px);
  sign_double (sig, layout->cursor_label_x);
  sign_double (sig, layout->cursor_label_h);
  sign_str (sig, layout->cursor_label);
  sign_str (sig, layout->lang);
  return g_byte_array_free_to_bytes (sig);
}

/* The "as of" cursor, dated where there is room above the lanes */
void
tri_timeline_render_cursor (TriTimelineLayout *layout,
                            cairo_t           *cr,
                            const TriTheme    *theme)
{
  cairo_save (cr);
  if (layout->cursor_x >= layout->plot_x0 && layout->cursor_x <= layout->plot_x1)
    {
      double x = floor (layout->cursor_x) + 0.5;

      tri_set_source_rgb (cr, theme->cursor);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, MAX (0, layout->lanes_y0 - 4));
      cairo_line_to (cr, x, layout->lanes_y1);
      cairo_stroke (cr);
    }
  if (layout->cursor_x >= layout->plot_x0 && layout->cursor_x <= layout->plot_x1 &&
      layout->lanes_y0 >= layout->cursor_label_h + 8)
    {
      g_autoptr(PangoLayout) text = tri_text_label (layout->cursor_label, layout->label_px, TRUE, layout->lang, -1);
      double x = floor (layout->cursor_x) + 0.5;

      tri_set_source_rgb (cr, theme->cursor);
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

void
tri_timeline_render (TriTimelineLayout *layout,
                     cairo_t           *cr,
                     const TriTheme    *theme)
{
  tri_timeline_render_base (layout, cr, theme);
  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    tri_timeline_render_lane (layout, cr, theme, i);
  tri_timeline_render_cursor (layout, cr, theme);
}
