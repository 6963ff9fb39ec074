/* tri-date-entry.h: an entry for an honest date, with how it reads back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tri-date.h"

G_BEGIN_DECLS

#define TRI_TYPE_DATE_ENTRY (tri_date_entry_get_type ())

G_DECLARE_FINAL_TYPE (TriDateEntry, tri_date_entry, TRI, DATE_ENTRY, GtkWidget)

GtkWidget  *tri_date_entry_new         (const char   *lang);
const char *tri_date_entry_get_text    (TriDateEntry *self);
void        tri_date_entry_set_text    (TriDateEntry *self,
                                        const char   *text);
gboolean    tri_date_entry_is_valid    (TriDateEntry *self);
gboolean    tri_date_entry_get_date    (TriDateEntry *self,
                                        TriDate      *date);
const char *tri_date_entry_get_message (TriDateEntry *self);
void        tri_date_entry_show_message (TriDateEntry *self);
GtkEntry   *tri_date_entry_get_entry   (TriDateEntry *self);

G_END_DECLS
