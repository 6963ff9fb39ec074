/* tri-deck-presenter.h: presenting a deck, full screen, with the
 * presenter console
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tri-store.h"

G_BEGIN_DECLS

#define TRI_TYPE_DECK_PRESENTER (tri_deck_presenter_get_type ())

G_DECLARE_FINAL_TYPE (TriDeckPresenter, tri_deck_presenter, TRI, DECK_PRESENTER, GObject)

/* Reads the deck @name (NULL: the briefing's first) in @lang and its
 * markings; NULL + an error in the user's words when there is no such
 * deck or it has no slides. Nothing is shown until _start (). */
TriDeckPresenter *tri_deck_presenter_new          (GtkWindow        *parent,
                                                   TriStore         *store,
                                                   const char       *name,
                                                   const char       *lang,
                                                   gboolean          dark,
                                                   GError          **error);
/* Shows slide @index (from 0; clamped) full screen on the audience's
 * monitor (with two or more monitors: one that @parent is not on) and,
 * with two or more monitors, the console on @parent's. */
void              tri_deck_presenter_start        (TriDeckPresenter *self,
                                                   guint             index);
/* Ends the presentation ("ended" is emitted once, with the last index) */
void              tri_deck_presenter_stop         (TriDeckPresenter *self);
gboolean          tri_deck_presenter_is_running   (TriDeckPresenter *self);

guint             tri_deck_presenter_get_index    (TriDeckPresenter *self);
guint             tri_deck_presenter_get_count    (TriDeckPresenter *self);
gint64            tri_deck_presenter_get_slide_id (TriDeckPresenter *self);
void              tri_deck_presenter_go_to        (TriDeckPresenter *self,
                                                   guint             index);
int               tri_deck_presenter_find_slide   (TriDeckPresenter *self,
                                                   gint64            slide_id);  /* its index, or -1 */
const char       *tri_deck_presenter_get_deck_name (TriDeckPresenter *self);

/* The console: with one monitor it takes the audience window's place
 * while shown (the toggle key, P); with two it is a window of its own on
 * the presenter's monitor. */
gboolean          tri_deck_presenter_get_console_visible (TriDeckPresenter *self);
void              tri_deck_presenter_set_console_visible (TriDeckPresenter *self,
                                                          gboolean          visible);
gboolean          tri_deck_presenter_get_console_separate (TriDeckPresenter *self);

/* For the tests and the accessibility tree */
GtkWindow        *tri_deck_presenter_get_slide_window   (TriDeckPresenter *self);
GtkWidget        *tri_deck_presenter_get_slide_area     (TriDeckPresenter *self);
GtkWindow        *tri_deck_presenter_get_console_window (TriDeckPresenter *self);  /* NULL with one monitor */
GtkWidget        *tri_deck_presenter_get_console        (TriDeckPresenter *self);
const char       *tri_deck_presenter_get_typed_number   (TriDeckPresenter *self);  /* "" when none */
char             *tri_deck_presenter_describe_slide     (TriDeckPresenter *self,
                                                         guint             index);   /* "Slide 3 of 12: Title" */

/* Draws slide @index as the audience sees it, @width × @height (pixels
 * at 96 dpi), into @cr */
void              tri_deck_presenter_draw_slide   (TriDeckPresenter *self,
                                                   guint             index,
                                                   cairo_t          *cr,
                                                   int               width,
                                                   int               height);

G_END_DECLS
