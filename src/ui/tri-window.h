/* tri-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tri-import-job.h"

#include "document/tri-document.h"
#include "document/tri-session.h"
#include "export/tri-export.h"
#include "store/tri-store.h"
#include "tri-application.h"
#include "tri-deck-pane.h"
#include "tri-deck-presenter.h"
#include "tri-evidence-panel.h"
#include "tri-search-bar.h"
#include "tri-timeline-view.h"
#include "tri-triangle-view.h"

G_BEGIN_DECLS

#define TRI_TYPE_WINDOW (tri_window_get_type ())

G_DECLARE_FINAL_TYPE (TriWindow, tri_window, TRI, WINDOW, GtkApplicationWindow)

TriWindow        *tri_window_new                (TriApplication *app,
                                                 TriStore       *store);
TriStore         *tri_window_get_store          (TriWindow      *self);
guint32           tri_window_get_as_of          (TriWindow      *self);
void              tri_window_set_as_of          (TriWindow      *self,
                                                 guint32         as_of);
gint64            tri_window_get_selected_event (TriWindow      *self);
gint64            tri_window_get_selected_relation (TriWindow   *self);
gboolean          tri_window_get_presenting     (TriWindow      *self);
void              tri_window_set_deck           (TriWindow      *self,
                                                 const char     *name,
                                                 gint64          slide);
TriDeckPresenter *tri_window_get_deck_presenter (TriWindow      *self);
TriTriangleView  *tri_window_get_triangle_view  (TriWindow      *self);
TriTimelineView  *tri_window_get_timeline_view  (TriWindow      *self);
TriEvidencePanel *tri_window_get_evidence_panel (TriWindow      *self);
TriDeckPane      *tri_window_get_deck_pane      (TriWindow      *self);
TriSearchBar     *tri_window_get_search_bar     (TriWindow      *self);
gboolean          tri_window_ensure_editable    (TriWindow      *self);
const TriSlideLayout *tri_window_get_slide      (TriWindow      *self);
void              tri_window_set_data_language  (TriWindow      *self,
                                                 const char     *lang);
const char       *tri_window_get_data_language  (TriWindow      *self);
gboolean          tri_window_open_file          (TriWindow      *self,
                                                 const char     *path,
                                                 GError        **error);
gboolean          tri_window_open_read_only     (TriWindow      *self,
                                                 const char     *path,
                                                 GError        **error);
void              tri_window_open_with_dialogs  (TriWindow      *self,
                                                 const char     *path);
void              tri_window_open_store         (TriWindow      *self,
                                                 TriStore       *store);
void              tri_window_new_briefing       (TriWindow      *self,
                                                 const char     *dest);
void              tri_window_copy_to_edit       (TriWindow      *self,
                                                 const char     *source,
                                                 const char     *dest);
TriDocument      *tri_window_get_document       (TriWindow      *self);
TriSession       *tri_window_get_session        (TriWindow      *self);
GMenuModel       *tri_window_get_menu           (TriWindow      *self);
TriImportJob     *tri_window_import_timelinejs  (TriWindow      *self,
                                                const char     *json_path);
TriImportJob     *tri_window_import_timelinejs_to (TriWindow    *self,
                                                const char     *json_path,
                                                const char     *out_path);
TriImportJob     *tri_window_import             (TriWindow      *self,
                                                 TriImportFormat format,
                                                 const char     *path);
TriImportJob     *tri_window_import_to          (TriWindow      *self,
                                                 TriImportFormat format,
                                                 const char     *path,
                                                 const char     *out_path);
TriImportJob     *tri_window_import_into        (TriWindow      *self,
                                                 TriImportFormat format,
                                                 const char     *path);
void              tri_window_export_data        (TriWindow      *self);
GtkNativeDialog  *tri_window_get_import_save_dialog (TriWindow  *self);
const char       *tri_window_get_read_error_text (TriWindow     *self);
void              tri_window_show_error         (TriWindow      *self,
                                                 const char     *primary,
                                                 const char     *secondary);
gboolean          tri_window_is_dark            (TriWindow      *self);
void              tri_window_get_view_size      (TriWindow      *self,
                                                 TriExportView   view,
                                                 int            *width,
                                                 int            *height);
gboolean          tri_window_export             (TriWindow      *self,
                                                 TriExportRequest *request,
                                                 const char     *path,
                                                 GError        **error);

G_END_DECLS
