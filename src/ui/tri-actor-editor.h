/* tri-actor-editor.h: add an actor and/or a relation to an editable briefing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "document/tri-document.h"

G_BEGIN_DECLS

#define TRI_TYPE_ACTOR_EDITOR (tri_actor_editor_get_type ())

G_DECLARE_FINAL_TYPE (TriActorEditor, tri_actor_editor, TRI, ACTOR_EDITOR, GtkWindow)

GtkWindow *tri_actor_editor_new (GtkWindow   *parent,
                                 TriDocument *doc,
                                 const char  *lang);

G_END_DECLS
