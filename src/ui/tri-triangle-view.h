/* tri-triangle-view.h: the triangle on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/tri-triangle.h"

G_BEGIN_DECLS

#define TRI_TYPE_TRIANGLE_VIEW (tri_triangle_view_get_type ())

G_DECLARE_FINAL_TYPE (TriTriangleView, tri_triangle_view, TRI, TRIANGLE_VIEW, GtkWidget)

GtkWidget         *tri_triangle_view_new            (void);
void               tri_triangle_view_set_data       (TriTriangleView *self,
                                                     GPtrArray       *actors,
                                                     GPtrArray       *relations,
                                                     const char      *lang);
void               tri_triangle_view_set_events     (TriTriangleView *self,
                                                     GPtrArray       *events,
                                                     guint32          as_of,
                                                     guint            window_months);
void               tri_triangle_view_set_index      (TriTriangleView *self,
                                                     TriStateIndex   *index,
                                                     guint32          as_of,
                                                     guint            window_months);
void               tri_triangle_view_set_selection  (TriTriangleView *self,
                                                     gint64           relation_id,
                                                     const char      *actor);
void               tri_triangle_view_set_show_others (TriTriangleView *self,
                                                      gboolean         show_others);
void               tri_triangle_view_set_type_scale (TriTriangleView *self,
                                                     double           scale);
TriTriangleLayout *tri_triangle_view_get_layout     (TriTriangleView *self);
char              *tri_triangle_view_describe_edge  (TriTriangleView *self,
                                                     int              index);

G_END_DECLS
