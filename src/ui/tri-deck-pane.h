/* tri-deck-pane.h: the window's sidebar of decks and their slides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tri-deck.h"

G_BEGIN_DECLS

#define TRI_TYPE_DECK_PANE (tri_deck_pane_get_type ())

G_DECLARE_FINAL_TYPE (TriDeckPane, tri_deck_pane, TRI, DECK_PANE, GtkWidget)

/* @window is a TriWindow (not named here: the window includes this) */
void                tri_deck_pane_attach             (TriDeckPane        *self,
                                                      GtkWidget          *window);
const TriDeck      *tri_deck_pane_get_deck           (TriDeckPane        *self);
gint64              tri_deck_pane_get_selected_slide (TriDeckPane        *self);
void                tri_deck_pane_select_slide       (TriDeckPane        *self,
                                                      gint64              slide,
                                                      gboolean            restore);
GtkListBox         *tri_deck_pane_get_list           (TriDeckPane        *self);
TriDeckSlide       *tri_deck_pane_slide_from_view    (TriDeckPane        *self,
                                                      TriDeckSlideKind    kind);
void                tri_deck_pane_restore_view       (TriDeckPane        *self,
                                                      const TriDeckSlide *slide);

G_END_DECLS
