/* tri-trend.c: each side's events per quarter or year
 *
 * A trend never puts a vague event on its first possible day: an event is
 * spread over every day it may have happened on, evenly, and each period
 * receives the share of those days that fall in it. An event dated "2024"
 * counts a quarter in each quarter of 2024 (by days: 91/366 in Q1); one
 * dated "June 2024" counts wholly in Q2; a span "2020–2021" counts half in
 * each year. So the periods' sum is the number of events, and no period
 * claims an event it may not contain. The span asked for is widened to
 * whole periods (calendar quarters or years).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-trend"

#include "config.h"

#include "tri-date.h"
#include "tri-trend.h"

/**
 * tri_trend_periods:
 * @from: the first day of the span
 * @to: its last day
 *
 * Returns: (transfer full): the calendar quarters or years that cover
 *   [@from, @to], in order, each empty (an array of TriTrendPeriod)
 */
GArray *
tri_trend_periods (guint32      from,
                   guint32      to,
                   TriTrendStep step)
{
  GArray *periods = g_array_new (FALSE, TRUE, sizeof (TriTrendPeriod));
  int y0, m0, d0, y1, m1, d1;

  if (from > to)
    {
      guint32 t = from;
      from = to;
      to = t;
    }
  if (!tri_day_to_ymd (from, &y0, &m0, &d0) || !tri_day_to_ymd (to, &y1, &m1, &d1))
    return periods;

  for (int y = y0; y <= y1; y++)
    {
      if (step == TRI_TREND_YEAR)
        {
          TriTrendPeriod p = { 0 };

          p.year = y;
          p.start = tri_day_from_ymd (y, 1, 1);
          p.end = tri_day_from_ymd (y, 12, 31);
          g_array_append_val (periods, p);
          continue;
        }
      for (int q = 1; q <= 4; q++)
        {
          TriTrendPeriod p = { 0 };
          int last_month = q * 3;

          if ((y == y0 && last_month < m0) || (y == y1 && last_month - 2 > m1))
            continue;
          p.year = y;
          p.quarter = q;
          p.start = tri_day_from_ymd (y, last_month - 2, 1);
          p.end = tri_day_from_ymd (y, last_month, tri_days_in_month (y, last_month));
          g_array_append_val (periods, p);
        }
    }
  return periods;
}

/**
 * tri_trend_share:
 *
 * The share of an event's possible days [@earliest, @latest] that fall in
 * [@start, @end]: from 0 to 1.
 */
double
tri_trend_share (guint32 earliest,
                 guint32 latest,
                 guint32 start,
                 guint32 end)
{
  guint32 lo, hi;

  if (latest < earliest)
    {
      guint32 t = earliest;
      earliest = latest;
      latest = t;
    }
  lo = MAX (earliest, start);
  hi = MIN (latest, end);
  if (hi < lo)
    return 0;
  return (double) (hi - lo + 1) / (double) (latest - earliest + 1);
}

/**
 * tri_trend_add:
 * @periods: from tri_trend_periods ()
 * @events: of TriEvent
 * @relation_id: the side
 *
 * Adds each event linked to @relation_id to the periods, spread over its
 * possible days.
 */
void
tri_trend_add (GArray    *periods,
               GPtrArray *events,
               gint64     relation_id)
{
  guint32 first, last;

  if (periods->len == 0)
    return;
  first = g_array_index (periods, TriTrendPeriod, 0).start;
  last = g_array_index (periods, TriTrendPeriod, periods->len - 1).end;

  for (guint i = 0; i < events->len; i++)
    {
      const TriEvent *ev = g_ptr_array_index (events, i);
      guint32 earliest = MIN (ev->date.earliest, ev->date.latest);
      guint32 latest = MAX (ev->date.earliest, ev->date.latest);

      if (latest < first || earliest > last)
        continue;
      for (guint k = 0; k < ev->links->len; k++)
        {
          const TriLink *link = &g_array_index (ev->links, TriLink, k);

          if (link->relation_id != relation_id || link->stance >= TRI_N_STANCES)
            continue;
          guint lo = 0, hi = periods->len;

          /* the first period that ends on or after its earliest day */
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (g_array_index (periods, TriTrendPeriod, mid).end < earliest)
                lo = mid + 1;
              else
                hi = mid;
            }
          for (guint p = lo; p < periods->len; p++)
            {
              TriTrendPeriod *period = &g_array_index (periods, TriTrendPeriod, p);
              double share;

              if (period->start > latest)
                break;
              share = tri_trend_share (earliest, latest, period->start, period->end);
              if (share <= 0)
                continue;
              period->events += share;
              period->by_stance[link->stance] += share;
              if (ev->confidence != TRI_CONFIDENCE_CONFIRMED)
                period->unconfirmed += share;
            }
        }
    }
}

/**
 * tri_trend_count:
 * @events: of TriEvent
 * @relation_id: the side
 * @from: the span's first day
 * @to: its last day, included
 * @within: (out): events on the side whose every possible day is in the span
 * @partly: (out): events on the side that may, but need not, fall in it
 *
 * How many events a trend's span holds, in whole events: at least
 * @within, at most @within + @partly. A vague date is counted as neither
 * its first day nor a fraction.
 */
void
tri_trend_count (GPtrArray *events,
                 gint64     relation_id,
                 guint32    from,
                 guint32    to,
                 guint     *within,
                 guint     *partly)
{
  *within = *partly = 0;
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const TriEvent *ev = g_ptr_array_index (events, i);
      guint32 earliest = MIN (ev->date.earliest, ev->date.latest);
      guint32 latest = MAX (ev->date.earliest, ev->date.latest);
      gboolean on_side = FALSE;

      if (latest < from || earliest > to)
        continue;
      for (guint k = 0; !on_side && k < ev->links->len; k++)
        {
          const TriLink *link = &g_array_index (ev->links, TriLink, k);

          on_side = link->relation_id == relation_id && link->stance < TRI_N_STANCES;
        }
      if (!on_side)
        continue;
      if (earliest >= from && latest <= to)
        (*within)++;
      else
        (*partly)++;
    }
}
