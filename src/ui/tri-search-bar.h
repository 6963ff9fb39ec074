/* tri-search-bar.h: Ctrl+F, the briefing's search bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tri-search.h"

G_BEGIN_DECLS

#define TRI_TYPE_SEARCH_BAR (tri_search_bar_get_type ())

G_DECLARE_FINAL_TYPE (TriSearchBar, tri_search_bar, TRI, SEARCH_BAR, GtkWidget)

/* @window: the TriWindow whose briefing it searches and whose session it
 * chooses in */
void                   tri_search_bar_attach        (TriSearchBar  *self,
                                                     GtkWidget     *window);
void                   tri_search_bar_open          (TriSearchBar  *self);
void                   tri_search_bar_close         (TriSearchBar  *self);
gboolean               tri_search_bar_is_open       (TriSearchBar  *self);
/* TRUE once the briefing's index is built (and no build is under way) */
gboolean               tri_search_bar_is_ready      (TriSearchBar  *self);
GtkWidget             *tri_search_bar_get_entry     (TriSearchBar  *self);
GtkListBox            *tri_search_bar_get_list      (TriSearchBar  *self);
/* What the line under the entry says ("Indexing the briefing…", "No
 * results for “…”"), or NULL when it is hidden */
const char            *tri_search_bar_get_status    (TriSearchBar  *self);
/* The result a row of the list shows, or NULL */
const TriSearchResult *tri_search_bar_get_row_result (TriSearchBar *self,
                                                     GtkListBoxRow *row);

G_END_DECLS
