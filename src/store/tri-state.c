/* tri-state.c: the state of a relation as of a date, over a window
 *
 * The formula the legend states: the edge's events are those linked to the
 * relation that had certainly happened by "as of" within the window, i.e.
 * whose latest possible day lies in [as_of - window, as_of] (tri_event_count,
 * the one place the rule is written); intensity is the sum of their weights; balance is (cooperation - tension) / intensity;
 * the edge is dashed when more than half of the weight is reported or
 * alleged rather than confirmed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-state"

#include "config.h"

#include <string.h>

#include "tri-state.h"

guint
tri_window_days_for_months (guint months)
{
  /* whole months of 30.44 days; 0 is "all time" */
  return (guint) (months * 30.4375 + 0.5);
}

void
tri_window_bounds (guint32  as_of,
                   guint    window_days,
                   guint32 *from,
                   guint32 *to)
{
  *to = as_of;
  if (window_days == 0 || window_days >= as_of)
    *from = 1;
  else
    *from = as_of - window_days + 1;
}

/**
 * tri_event_count:
 * @earliest: an event's first possible day
 * @latest: its last possible day
 * @from: the window's first day (1 for all time)
 * @to: the "as of" day
 *
 * The counting rule, for the edges, the running sums, the quotes of a
 * period, the panel, the slide and the command line: as of a day, an event
 * counts when its latest possible day is on or before that day (and within
 * the window); when its uncertainty straddles the day ("2023" as of 1 June
 * 2023) it is only possibly by then, and is not counted.
 */
TriCount
tri_event_count (guint32 earliest,
                 guint32 latest,
                 guint32 from,
                 guint32 to)
{
  if (earliest > latest)
    {
      guint32 t = earliest;
      earliest = latest;
      latest = t;
    }
  if (latest <= to)
    return latest >= from ? TRI_COUNT_YES : TRI_COUNT_NO;
  return earliest <= to ? TRI_COUNT_POSSIBLY : TRI_COUNT_NO;
}

/**
 * tri_event_as_of:
 *
 * The "as of" day that choosing an event moves to (a click, the keyboard, a
 * presentation step, `--event`): its latest possible day, the first day on
 * which it certainly counts; never its earliest.
 */
guint32
tri_event_as_of (const TriDate *date)
{
  return MAX (date->earliest, date->latest);
}

/**
 * tri_source_published_later:
 *
 * Whether a source may have been published after @as_of: hindsight about
 * an earlier event. A vague date ("April 2024") is later when its last
 * possible day is.
 */
gboolean
tri_source_published_later (const TriDate *source_date,
                            guint32        as_of)
{
  return MAX (source_date->earliest, source_date->latest) > as_of;
}

void
tri_edge_state_compute (TriEdgeState *state,
                        GPtrArray    *events,
                        gint64        relation_id,
                        guint32       from,
                        guint32       to)
{
  memset (state, 0, sizeof *state);

  for (guint i = 0; i < events->len; i++)
    {
      const TriEvent *ev = g_ptr_array_index (events, i);
      TriCount count = tri_event_count (ev->date.earliest, ev->date.latest, from, to);

      if (count == TRI_COUNT_NO)
        continue;

      for (guint k = 0; k < ev->links->len; k++)
        {
          const TriLink *link = &g_array_index (ev->links, TriLink, k);

          if (link->relation_id != relation_id)
            continue;
          if (count == TRI_COUNT_POSSIBLY)
            {
              state->n_possibly++;
              continue;
            }

          state->n_events++;
          state->n_by_stance[link->stance]++;
          state->intensity += link->weight;
          state->weight_by_stance[link->stance] += link->weight;
          if (ev->confidence != TRI_CONFIDENCE_CONFIRMED)
            {
              state->n_unconfirmed++;
              state->unconfirmed_weight += link->weight;
            }
        }
    }
}

double
tri_edge_state_balance (const TriEdgeState *state)
{
  if (state->intensity <= 0)
    return 0;
  return (state->weight_by_stance[TRI_STANCE_COOPERATION] -
          state->weight_by_stance[TRI_STANCE_TENSION]) / state->intensity;
}

gboolean
tri_edge_state_is_dashed (const TriEdgeState *state)
{
  return state->intensity > 0 && state->unconfirmed_weight * 2 > state->intensity;
}

/* "mostly cooperation" needs a clear lead: a third of the range either way */
TriStance
tri_edge_state_dominant (const TriEdgeState *state)
{
  double b = tri_edge_state_balance (state);

  if (b > 1.0 / 3)
    return TRI_STANCE_COOPERATION;
  if (b < -1.0 / 3)
    return TRI_STANCE_TENSION;
  return TRI_STANCE_NEUTRAL;
}
