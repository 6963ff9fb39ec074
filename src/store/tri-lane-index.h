/* tri-lane-index.h: every event's place on the timeline, in memory, so
 * that the lanes drawn as counted bins read no rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tri-store.h"

G_BEGIN_DECLS

typedef struct _TriLaneIndex TriLaneIndex;

typedef void (*TriLaneFunc) (gint64    event_id,
                             guint32   earliest,
                             guint32   latest,
                             TriStance stance,
                             gpointer  data);

TriLaneIndex *tri_lane_index_new      (TriStore      *store,
                                       GError       **error);
TriLaneIndex *tri_lane_index_ref      (TriLaneIndex  *index);
void          tri_lane_index_unref    (TriLaneIndex  *index);
gboolean      tri_lane_index_update   (TriLaneIndex  *index,
                                       const gint64  *events,
                                       guint          n_events,
                                       GError       **error);
guint         tri_lane_index_count    (TriLaneIndex  *index,
                                       TriCategory    lane,
                                       double         t0,
                                       double         t1,
                                       guint          limit);
void          tri_lane_index_foreach_middle (TriLaneIndex *index,
                                       TriCategory    lane,
                                       double         t0,
                                       double         t1,
                                       TriLaneFunc    func,
                                       gpointer       data);
GArray       *tri_lane_index_list     (TriLaneIndex  *index,
                                       guint          lanes,
                                       double         t0,
                                       double         t1);
GPtrArray    *tri_lane_index_read     (TriLaneIndex  *index,
                                       guint32        from,
                                       guint32        to,
                                       guint          lanes,
                                       GPtrArray    **held,
                                       guint          n_held,
                                       const char    *lang,
                                       GError       **error);
guint         tri_lane_index_get_n_events (TriLaneIndex *index);
guint64       tri_lane_index_get_serial (TriLaneIndex *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriLaneIndex, tri_lane_index_unref)

G_END_DECLS
