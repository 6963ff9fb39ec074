/* tri-filter-bar.h: the filters in the window, as chips above the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "document/tri-session.h"
#include "store/tri-filter.h"
#include "store/tri-store.h"

G_BEGIN_DECLS

#define TRI_TYPE_FILTER_BAR (tri_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (TriFilterBar, tri_filter_bar, TRI, FILTER_BAR, GtkWidget)

GtkWidget      *tri_filter_bar_new              (void);
void            tri_filter_bar_set_session      (TriFilterBar   *self,
                                                 TriSession     *session);
void            tri_filter_bar_set_store        (TriFilterBar   *self,
                                                 TriStore       *store);
GtkWidget      *tri_filter_bar_get_button       (TriFilterBar   *self);
GtkPopover     *tri_filter_bar_get_popover      (TriFilterBar   *self);
void            tri_filter_bar_popup            (TriFilterBar   *self);
GtkCheckButton *tri_filter_bar_get_check        (TriFilterBar   *self,
                                                 TriFilterFacet  facet,
                                                 const char     *value);
GtkDropDown    *tri_filter_bar_get_grade_dropdown (TriFilterBar *self);
GtkEditable    *tri_filter_bar_get_source_search (TriFilterBar  *self);
GtkWidget      *tri_filter_bar_get_chip         (TriFilterBar   *self,
                                                 TriFilterFacet  facet);
GtkWidget      *tri_filter_bar_get_chip_remove  (TriFilterBar   *self,
                                                 TriFilterFacet  facet);
const char     *tri_filter_bar_get_chip_text    (TriFilterBar   *self,
                                                 TriFilterFacet  facet);
GtkWidget      *tri_filter_bar_get_clear_button (TriFilterBar   *self);

G_END_DECLS
