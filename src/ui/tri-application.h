/* tri-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tri-store.h"

G_BEGIN_DECLS

#define TRI_TYPE_APPLICATION (tri_application_get_type ())

G_DECLARE_FINAL_TYPE (TriApplication, tri_application, TRI, APPLICATION, GtkApplication)

TriApplication *tri_application_new       (void);
TriStore       *tri_application_get_store (TriApplication *self);
void            tri_application_load_style (void);
void            tri_application_set_start_time (gint64 monotonic_us);
gint64          tri_application_get_start_time (void);

G_END_DECLS
