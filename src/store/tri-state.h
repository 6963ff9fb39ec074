/* tri-state.h: the state of a relation as of a date, over a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tri-model.h"

G_BEGIN_DECLS

typedef struct
{
  int    n_events;
  int    n_by_stance[TRI_N_STANCES];
  int    n_unconfirmed;        /* reported or alleged */
  double intensity;            /* sum of weights */
  double weight_by_stance[TRI_N_STANCES];
  double unconfirmed_weight;
} TriEdgeState;

/* The window [as_of - window_days, as_of]; 0 days means all time up to as_of */
void     tri_window_bounds          (guint32             as_of,
                                     guint               window_days,
                                     guint32            *from,
                                     guint32            *to);
guint    tri_window_days_for_months (guint               months);
void     tri_edge_state_compute     (TriEdgeState       *state,
                                     GPtrArray          *events,
                                     gint64              relation_id,
                                     guint32             from,
                                     guint32             to);
double   tri_edge_state_balance     (const TriEdgeState *state);
gboolean tri_edge_state_is_dashed   (const TriEdgeState *state);
TriStance tri_edge_state_dominant   (const TriEdgeState *state);

G_END_DECLS
