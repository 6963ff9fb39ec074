/* tri-canvas-focus.h: Tab between areas, arrows within them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean   tri_canvas_focus          (GtkWidget        *canvas,
                                      GtkDirectionType  direction,
                                      GtkWidget        *preferred);
GtkWidget *tri_canvas_find_hotspot   (GtkWidget        *canvas,
                                      const char       *key);
void       tri_canvas_remove_hotspots (GtkWidget       *canvas);
gboolean   tri_widget_is_dark        (GtkWidget        *widget);

G_END_DECLS
