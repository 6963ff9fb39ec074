/* tri-event-editor.h: add or edit an event of an editable briefing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "document/tri-document.h"

G_BEGIN_DECLS

#define TRI_TYPE_EVENT_EDITOR (tri_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (TriEventEditor, tri_event_editor, TRI, EVENT_EDITOR, GtkWindow)

GtkWindow *tri_event_editor_new       (GtkWindow   *parent,
                                       TriDocument *doc,
                                       gint64       event,
                                       const char  *lang);
gint64     tri_event_editor_get_event (TriEventEditor *self);

G_END_DECLS
