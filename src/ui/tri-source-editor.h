/* tri-source-editor.h: a source, its text, and quotes made by selecting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "document/tri-document.h"

G_BEGIN_DECLS

#define TRI_TYPE_SOURCE_EDITOR (tri_source_editor_get_type ())

G_DECLARE_FINAL_TYPE (TriSourceEditor, tri_source_editor, TRI, SOURCE_EDITOR, GtkWindow)

GtkWindow  *tri_source_editor_new         (GtkWindow        *parent,
                                           TriDocument      *doc,
                                           const char       *source,
                                           const char       *lang);
const char *tri_source_editor_get_source  (TriSourceEditor  *self);
gboolean    tri_source_editor_load_text   (TriSourceEditor  *self,
                                           const char       *path,
                                           GError          **error);

G_END_DECLS
