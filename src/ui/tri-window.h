/* tri-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tri-store.h"
#include "tri-application.h"

G_BEGIN_DECLS

#define TRI_TYPE_WINDOW (tri_window_get_type ())

G_DECLARE_FINAL_TYPE (TriWindow, tri_window, TRI, WINDOW, GtkApplicationWindow)

TriWindow *tri_window_new       (TriApplication *app,
                                 TriStore       *store);
TriStore  *tri_window_get_store (TriWindow      *self);

G_END_DECLS
