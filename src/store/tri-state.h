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
  int    n_possibly;           /* not counted: possibly by then (earliest <= as_of < latest) */
} TriEdgeState;

/* Whether an event counts as of a day, over a window (see tri_event_count) */
typedef enum
{
  TRI_COUNT_NO = 0,     /* outside the period: before the window, or not yet possible */
  TRI_COUNT_YES,        /* had certainly happened by then, within the window */
  TRI_COUNT_POSSIBLY,   /* its uncertainty straddles the day: possibly by then */
} TriCount;

/* The window [as_of - window_days, as_of]; 0 days means all time up to as_of */
void     tri_window_bounds          (guint32             as_of,
                                     guint               window_days,
                                     guint32            *from,
                                     guint32            *to);
guint    tri_window_days_for_months (guint               months);
TriCount tri_event_count            (guint32             earliest,
                                     guint32             latest,
                                     guint32             from,
                                     guint32             to);
guint32  tri_event_as_of            (const TriDate      *date);
gboolean tri_source_published_later (const TriDate      *source_date,
                                     guint32             as_of);
void     tri_edge_state_compute     (TriEdgeState       *state,
                                     GPtrArray          *events,
                                     gint64              relation_id,
                                     guint32             from,
                                     guint32             to);
double   tri_edge_state_balance     (const TriEdgeState *state);
gboolean tri_edge_state_is_dashed   (const TriEdgeState *state);
TriStance tri_edge_state_dominant   (const TriEdgeState *state);

G_END_DECLS
