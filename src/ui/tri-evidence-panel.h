/* tri-evidence-panel.h: what supports the selection, with its sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "document/tri-session.h"
#include "store/tri-store.h"

G_BEGIN_DECLS

/* beyond this a list says how many more there are */
#define TRI_EVIDENCE_PANEL_MAX_ROWS 200

#define TRI_TYPE_EVIDENCE_PANEL (tri_evidence_panel_get_type ())

G_DECLARE_FINAL_TYPE (TriEvidencePanel, tri_evidence_panel, TRI, EVIDENCE_PANEL, GtkWidget)

GtkWidget *tri_evidence_panel_new           (void);
void       tri_evidence_panel_show_overview (TriEvidencePanel *self,
                                             const char       *title,
                                             const char       *text);
void       tri_evidence_panel_show_relation (TriEvidencePanel *self,
                                             TriStore         *store,
                                             const TriRelation *relation,
                                             const char       *title,
                                             const char       *description,
                                             guint32           as_of,
                                             guint             window_months,
                                             const char       *lang);
void       tri_evidence_panel_show_event    (TriEvidencePanel *self,
                                             TriStore         *store,
                                             const TriEvent   *event,
                                             GPtrArray        *relation_names,
                                             const char       *lang);
void       tri_evidence_panel_show_actor    (TriEvidencePanel *self,
                                             const char       *name,
                                             GPtrArray        *events,
                                             guint             total,
                                             const char       *lang);
void       tri_evidence_panel_set_subtitle  (TriEvidencePanel *self,
                                             const char       *subtitle);
guint      tri_evidence_panel_get_n_quotes  (TriEvidencePanel *self);
guint      tri_evidence_panel_get_n_cards   (TriEvidencePanel *self);
GPtrArray *tri_evidence_panel_get_quote_ids (TriEvidencePanel *self);
const char *tri_evidence_panel_get_title    (TriEvidencePanel *self);
void       tri_evidence_panel_invalidate    (TriEvidencePanel *self);
void       tri_evidence_panel_show_session_relation (TriEvidencePanel  *self,
                                                     TriStore          *store,
                                                     const TriRelation *relation,
                                                     const char        *title,
                                                     TriSession        *session);

G_END_DECLS
