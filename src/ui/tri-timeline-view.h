/* tri-timeline-view.h: the timeline on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/tri-timeline.h"
#include "store/tri-store.h"

G_BEGIN_DECLS

#define TRI_TYPE_TIMELINE_VIEW (tri_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (TriTimelineView, tri_timeline_view, TRI, TIMELINE_VIEW, GtkWidget)

GtkWidget         *tri_timeline_view_new           (void);
void               tri_timeline_view_set_store     (TriTimelineView *self,
                                                    TriStore        *store,
                                                    const char      *lang);
void              tri_timeline_view_reload          (TriTimelineView *self);
void               tri_timeline_view_set_lane_index (TriTimelineView *self,
                                                    TriLaneIndex    *lanes);
void               tri_timeline_view_set_as_of     (TriTimelineView *self,
                                                    guint32          as_of);
void               tri_timeline_view_set_selection (TriTimelineView *self,
                                                    gint64           event_id,
                                                    const gint64    *relations,
                                                    guint            n_relations);
void               tri_timeline_view_set_type_scale (TriTimelineView *self,
                                                     double           scale);
void               tri_timeline_view_fit_all       (TriTimelineView *self);
void               tri_timeline_view_zoom          (TriTimelineView *self,
                                                    double           factor);
void               tri_timeline_view_reveal        (TriTimelineView *self,
                                                    guint32          first,
                                                    guint32          last);
void               tri_timeline_view_set_range     (TriTimelineView *self,
                                                    double           t0,
                                                    double           t1);
void               tri_timeline_view_get_range     (TriTimelineView *self,
                                                    double          *t0,
                                                    double          *t1);
void               tri_timeline_view_offer_events  (TriTimelineView *self,
                                                    GPtrArray       *events,
                                                    guint32          from,
                                                    guint32          to);
TriTimelineLayout *tri_timeline_view_get_layout    (TriTimelineView *self);
GskRenderNode     *tri_timeline_view_render_node   (TriTimelineView *self,
                                                    int              width,
                                                    int              height,
                                                    gboolean         dark);

G_END_DECLS
