/* tri-editor-common.h: what the editors' fields have in common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TRI_EDITOR_N_LANGS 5

/* the five languages, by their own names as the window's menu has them */
typedef struct
{
  const char *code;
  const char *name;
} TriEditorLang;

extern const TriEditorLang tri_editor_langs[TRI_EDITOR_N_LANGS];

guint      tri_editor_lang_index    (const char *lang);
GtkWidget *tri_editor_field_label   (const char *mnemonic,
                                     GtkWidget  *field);
GtkWidget *tri_editor_message_label (void);
void       tri_editor_label_drop_down (GtkWidget *drop_down,
                                       GtkWidget *label,
                                       GtkWidget *other);
GtkWidget *tri_editor_banner        (void);
GtkWidget *tri_editor_heading       (const char *text);
GtkWidget *tri_editor_hint          (const char *text);
void       tri_editor_mark_field    (GtkWidget  *field,
                                     const char *message);
void       tri_editor_set_message   (GtkWidget  *field,
                                     GtkWidget  *label,
                                     const char *message);
void       tri_editor_show_banner   (GtkWidget  *banner,
                                     const char *message);
char      *tri_editor_entry_text    (GtkWidget  *entry);
char      *tri_editor_plain_text    (const char *mnemonic);
void       tri_editor_name_by_text  (GtkWidget  *widget,
                                     const char *mnemonic);
GtkWidget *tri_editor_button        (const char *mnemonic);

G_END_DECLS
