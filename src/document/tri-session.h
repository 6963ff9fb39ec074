/* tri-session.h: what a window shows of a briefing, and its rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "store/tri-filter.h"
#include "store/tri-store.h"

G_BEGIN_DECLS

#define TRI_TYPE_SESSION (tri_session_get_type ())

G_DECLARE_FINAL_TYPE (TriSession, tri_session, TRI, SESSION, GObject)

TriSession   *tri_session_new                   (const char    *lang);

guint32       tri_session_get_as_of             (TriSession    *self);
void          tri_session_set_as_of             (TriSession    *self,
                                                 guint32        as_of);
guint         tri_session_get_window_months     (TriSession    *self);
void          tri_session_set_window_months     (TriSession    *self,
                                                 guint          months);
gint64        tri_session_get_selected_relation (TriSession    *self);
gint64        tri_session_get_selected_event    (TriSession    *self);
const char   *tri_session_get_selected_actor    (TriSession    *self);
gboolean      tri_session_has_selection         (TriSession    *self);
const char   *tri_session_get_data_language     (TriSession    *self);
void          tri_session_set_data_language     (TriSession    *self,
                                                 const char    *lang);
void          tri_session_get_timeline_range    (TriSession    *self,
                                                 double        *start,
                                                 double        *end);
void          tri_session_set_timeline_range    (TriSession    *self,
                                                 double         start,
                                                 double         end);
const TriFilter *tri_session_get_filter         (TriSession    *self);
void          tri_session_set_filter            (TriSession    *self,
                                                 const TriFilter *filter);

/* The rules, written once */
guint32       tri_session_default_as_of         (TriStore      *store);
void          tri_session_reset                 (TriSession    *self,
                                                 TriStore      *store);
void          tri_session_choose_event          (TriSession    *self,
                                                 gint64         event,
                                                 const TriDate *date);
void          tri_session_choose_relation       (TriSession    *self,
                                                 gint64         relation);
void          tri_session_choose_actor          (TriSession    *self,
                                                 const char    *code);
void          tri_session_clear_selection       (TriSession    *self);
const guint  *tri_session_get_window_choices    (guint         *n_choices);
int           tri_session_find_window_choice    (guint          months);
void          tri_session_window_bounds         (TriSession    *self,
                                                 guint32       *from,
                                                 guint32       *to);

G_END_DECLS
