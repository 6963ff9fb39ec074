/* tri-state.c: the state of a relation as of a date, over a window
 *
 * The formula the legend states: the edge's events are those linked to the
 * relation whose possible dates overlap [as_of - window, as_of]; intensity is
 * the sum of their weights; balance is (cooperation - tension) / intensity;
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

      if (ev->date.latest < from || ev->date.earliest > to)
        continue;

      for (guint k = 0; k < ev->links->len; k++)
        {
          const TriLink *link = &g_array_index (ev->links, TriLink, k);

          if (link->relation_id != relation_id)
            continue;

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
