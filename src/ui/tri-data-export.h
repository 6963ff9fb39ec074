/* tri-data-export.h: Export Data…, the briefing's data in an exchange format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "formats/tri-formats.h"

G_BEGIN_DECLS

/* The choices of the dialog's Format list, in its order */
typedef enum
{
  TRI_DATA_CHOICE_CSV_EVENTS,
  TRI_DATA_CHOICE_CSV_QUOTES,
  TRI_DATA_CHOICE_CSV_BOTH,        /* FILE.csv and FILE-quotes.csv */
  TRI_DATA_CHOICE_TIMELINEJS,
  TRI_DATA_CHOICE_GEXF,
  TRI_DATA_CHOICE_GRAPHML,
  TRI_DATA_CHOICE_JSON,
  TRI_DATA_CHOICE_EVIDENCE_HTML,
  TRI_DATA_CHOICE_EVIDENCE_CSV,
  TRI_DATA_CHOICE_DECK_EVIDENCE_HTML, /* the open deck's (view->deck_name, else the first); */
  TRI_DATA_CHOICE_DECK_EVIDENCE_CSV,  /*   offered when the briefing has a deck */
  TRI_DATA_N_CHOICES
} TriDataChoice;

#define TRI_TYPE_DATA_EXPORT_DIALOG (tri_data_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TriDataExportDialog, tri_data_export_dialog, TRI, DATA_EXPORT_DIALOG, GtkWindow)

TriDataExportDialog *tri_data_export_dialog_new        (GtkWindow            *parent,
                                                        TriStore             *store,
                                                        const TriDataRequest *view);
void                 tri_data_export_dialog_set_choice (TriDataExportDialog  *self,
                                                        TriDataChoice         choice);
void                 tri_data_export_dialog_set_path   (TriDataExportDialog  *self,
                                                        const char           *path);
GtkWidget           *tri_data_export_dialog_get_export_button (TriDataExportDialog *self);
gboolean             tri_data_export_dialog_is_running (TriDataExportDialog  *self);
const char          *tri_data_export_dialog_get_summary (TriDataExportDialog *self);
const char          *tri_data_export_dialog_get_status (TriDataExportDialog  *self);
char                *tri_data_choice_quotes_path       (const char           *path);

G_END_DECLS
