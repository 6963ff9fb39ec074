/* tri-export-dialog.h: the window's Export dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tri-window.h"

G_BEGIN_DECLS

void tri_export_dialog_present (TriWindow *window);

/* shared with the Export Deck dialog (tri-deck-export-dialog.c) */
GSettings   *tri_export_dialog_settings    (void);
void         tri_export_dialog_message     (GtkWindow          *parent,
                                            GtkMessageType      type,
                                            const char         *primary,
                                            const char         *secondary);
GtkDropDown *tri_export_dialog_add_choice  (GtkGrid            *grid,
                                            int                 row,
                                            const char         *label,
                                            const char * const *items,
                                            guint               selected);
const char  *tri_export_dialog_preset_name (guint               preset);

G_END_DECLS
