/* tri-deck-export-dialog.h: the window's Export Deck dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tri-window.h"

G_BEGIN_DECLS

void tri_deck_export_dialog_present (TriWindow  *window,
                                     const char *deck_name);

G_END_DECLS
