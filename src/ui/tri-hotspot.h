/* tri-hotspot.h: a drawn item a keyboard and a screen reader can reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TRI_TYPE_HOTSPOT (tri_hotspot_get_type ())

G_DECLARE_FINAL_TYPE (TriHotspot, tri_hotspot, TRI, HOTSPOT, GtkWidget)

GtkWidget  *tri_hotspot_new        (const char *key);
const char *tri_hotspot_get_key    (TriHotspot *self);
void        tri_hotspot_describe   (TriHotspot *self,
                                    const char *label,
                                    const char *description);
const char *tri_hotspot_get_label  (TriHotspot *self);
void        tri_hotspot_set_pressed (TriHotspot *self,
                                     gboolean    pressed);

G_END_DECLS
