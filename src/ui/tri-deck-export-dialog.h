/* tri-deck-export-dialog.h: the window's Export Deck dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "export/tri-deck-export.h"
#include "tri-window.h"

G_BEGIN_DECLS

void tri_deck_export_dialog_present (TriWindow  *window,
                                     const char *deck_name);
GtkWindow *tri_deck_export_dialog_start (TriWindow                  *window,
                                         const char                 *deck_name,
                                         const TriDeckExportOptions *options,
                                         const char                 *path);

G_END_DECLS
