/* tri-editor-common.c: what the editors' fields have in common
 *
 * Each field has a visible label whose mnemonic reaches it and which a
 * screen reader reads as its name; a message beside it says, in
 * tri-validate's words, what is wrong with it, and is also its accessible
 * description, the field marked invalid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-editor"

#include "config.h"

#include "store/tri-date.h"
#include "tri-editor-common.h"

const TriEditorLang tri_editor_langs[TRI_EDITOR_N_LANGS] = {
  { "en", "English" },
  { "vi", "Tiếng Việt" },
  { "ru", "Русский" },
  { "zh_CN", "中文（简体）" },
  { "ko", "한국어" },
};

/* The index of @lang among the five; English for any other. */
guint
tri_editor_lang_index (const char *lang)
{
  const char *code = tri_lang_normalize (lang ? lang : "en");

  for (guint i = 0; i < TRI_EDITOR_N_LANGS; i++)
    if (g_strcmp0 (tri_editor_langs[i].code, code) == 0)
      return i;
  return 0;
}

/* A drop-down's focus is on the button inside it, which GTK 4.8 names
 * "GtkToggleButton": it is named by the field's labels too. */
void
tri_editor_label_drop_down (GtkWidget *drop_down,
                            GtkWidget *label,
                            GtkWidget *other)
{
  for (GtkWidget *c = gtk_widget_get_first_child (drop_down); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TOGGLE_BUTTON (c) && other != NULL)
      gtk_accessible_update_relation (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, other, NULL, -1);
    else if (GTK_IS_TOGGLE_BUTTON (c))
      gtk_accessible_update_relation (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
}

GtkWidget *
tri_editor_field_label (const char *mnemonic,
                        GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  if (field != NULL)
    {
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
      if (GTK_IS_DROP_DOWN (field))
        tri_editor_label_drop_down (field, label, NULL);
    }
  return label;
}

GtkWidget *
tri_editor_message_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

/* What the document refused, said at once to a screen reader. */
GtkWidget *
tri_editor_banner (void)
{
  GtkWidget *banner = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                    "xalign", 0.0f, "wrap", TRUE, "visible", FALSE, NULL);

  gtk_label_set_wrap_mode (GTK_LABEL (banner), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (banner, "error");
  return banner;
}

GtkWidget *
tri_editor_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

GtkWidget *
tri_editor_hint (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* Marks @field invalid with @message as its description, or (NULL) valid. */
void
tri_editor_mark_field (GtkWidget  *field,
                       const char *message)
{
  if (field == NULL)
    return;
  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_FALSE, -1);
    }
}

/* Shows @message (a tri-validate sentence, or NULL: none) in @label
 * beside @field, and tells a screen reader with the field. */
void
tri_editor_set_message (GtkWidget  *field,
                        GtkWidget  *label,
                        const char *message)
{
  g_autofree char *text = message ? tri_capitalize_first (message) : NULL;

  gtk_widget_set_visible (label, text != NULL);
  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  tri_editor_mark_field (field, text);
}

void
tri_editor_show_banner (GtkWidget  *banner,
                        const char *message)
{
  g_autofree char *text = tri_capitalize_first (message);

  gtk_label_set_text (GTK_LABEL (banner), text);
  gtk_widget_set_visible (banner, TRUE);
}

/* An entry's text without the spaces around it. */
char *
tri_editor_entry_text (GtkWidget *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/* The text a mnemonic label reads: "_Save" is "Save", "__" one "_". */
char *
tri_editor_plain_text (const char *mnemonic)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = mnemonic; p != NULL && *p != '\0'; p++)
    {
      /* "保存(_S)": the key in brackets is not read */
      if (p[0] == '(' && p[1] == '_' && p[2] != '\0' && p[3] == ')')
        {
          p += 3;
          continue;
        }
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

/* GTK 4.8 names a button by its mnemonic text as written ("_Save") and
 * its label ("Save") together, "_Save Save": it is named by what it
 * reads, once. */
void
tri_editor_name_by_text (GtkWidget  *widget,
                         const char *mnemonic)
{
  g_autofree char *plain = tri_editor_plain_text (mnemonic);

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
}

/* A button with a mnemonic, named as it reads. */
GtkWidget *
tri_editor_button (const char *mnemonic)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  tri_editor_name_by_text (button, mnemonic);
  return button;
}
