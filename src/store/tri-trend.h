/* tri-trend.h: each side's events per quarter or year, honest about
 * vague dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tri-deck.h"
#include "tri-model.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 start, end;                  /* the period's first and last day, both included */
  int     year, quarter;               /* quarter 1..4; 0 for a year */
  double  events;                      /* events, each spread over its possible days */
  double  by_stance[TRI_N_STANCES];    /* the same, by the stance of the link */
  double  unconfirmed;                 /* of them, reported or alleged */
} TriTrendPeriod;

GArray  *tri_trend_periods   (guint32       from,
                              guint32       to,
                              TriTrendStep  step);
void     tri_trend_add       (GArray       *periods,
                              GPtrArray    *events,
                              gint64        relation_id);
void     tri_trend_count     (GPtrArray    *events,
                              gint64        relation_id,
                              guint32       from,
                              guint32       to,
                              guint        *within,
                              guint        *partly);
double   tri_trend_share     (guint32       earliest,
                              guint32       latest,
                              guint32       start,
                              guint32       end);

G_END_DECLS
