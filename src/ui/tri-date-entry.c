/* tri-date-entry.c: an entry for an honest date, with how it reads back
 *
 * The analyst types a date as precise as what is known ("2024-06-19",
 * "June 2024", "early 2024", "2020–2021"); the line below says how
 * Trilateral reads it, in the data language, with the first and last day
 * it may be ("Reads as: June 2024 — any day from 1 June 2024 to 30 June
 * 2024"), or, when it cannot be read, why, in the words of tri-validate
 * (the same as tri-compile's). The message is also the entry's accessible
 * description, and the entry is marked invalid, so that a screen reader
 * says it too.
 *
 * The parsing is tri_validate_date()'s alone: this widget has no rules of
 * its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-date-entry"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "render/tri-catalog.h"
#include "store/tri-validate.h"
#include "tri-date-entry.h"

struct _TriDateEntry
{
  GtkWidget  parent_instance;

  GtkWidget *entry;
  GtkWidget *line;        /* the read-back, the hint or the message */
  char      *lang;
  char      *text;        /* as typed, without the spaces around it */
  char      *message;     /* why the text is not a date; NULL when it is */
  TriDate    date;
  gboolean   valid;
  gboolean   touched;     /* typed into, or asked to show its message */
  gboolean   setting;     /* the text is being set, not typed */
};

enum { PROP_0, PROP_LANG, PROP_TEXT, PROP_VALID, N_PROPS };
static GParamSpec *props[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TriDateEntry, tri_date_entry, GTK_TYPE_WIDGET)

/* "Reads as: June 2024 — any day from 1 June 2024 to 30 June 2024" */
static char *
read_back (const TriDate *date,
           const char    *lang)
{
  g_autofree char *label = tri_date_label (date, lang);

  if (date->earliest == date->latest)
    /* Translators: how a date the analyst typed is read; %s is the date
     * ("19 June 2024") */
    return g_strdup_printf (D_(lang, "Reads as: %s"), label);
  {
    g_autofree char *first = tri_day_label (date->earliest, TRI_PRECISION_DAY, lang);
    g_autofree char *last = tri_day_label (date->latest, TRI_PRECISION_DAY, lang);

    /* Translators: how a date the analyst typed is read: the date ("June
     * 2024"), then its first and last possible days */
    return g_strdup_printf (D_(lang, "Reads as: %s — any day from %s to %s"), label, first, last);
  }
}

static void
update (TriDateEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gboolean was_valid = self->valid;
  gboolean show_error;

  g_clear_pointer (&self->message, g_free);
  /* spaces around it are not part of it */
  g_free (self->text);
  self->text = g_strstrip (g_strdup (text));
  self->valid = tri_validate_date (self->text, &self->date, &error);
  if (!self->valid)
    {
      memset (&self->date, 0, sizeof self->date);
      self->message = tri_capitalize_first (error->message);
    }

  show_error = !self->valid && (self->touched || *self->text != '\0');
  if (self->valid)
    line = read_back (&self->date, self->lang);
  else if (show_error)
    line = g_strdup (self->message);
  else
    /* Translators: the hint under an empty date field; the forms are
     * the ones the date field reads */
    line = g_strdup (_("For example 2024-06-19, June 2024, early 2024 or 2020–2021"));

  gtk_label_set_text (GTK_LABEL (self->line), line);
  if (show_error)
    {
      gtk_widget_remove_css_class (self->line, "dim-label");
      gtk_widget_add_css_class (self->line, "error");
      gtk_widget_add_css_class (self->entry, "error");
    }
  else
    {
      gtk_widget_remove_css_class (self->line, "error");
      gtk_widget_remove_css_class (self->entry, "error");
      gtk_widget_add_css_class (self->line, "dim-label");
    }

  /* what the line says, a screen reader says with the field */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, line, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               show_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);

  if (was_valid != self->valid)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_VALID]);
}

static void
on_entry_changed (GtkEditable  *editable,
                  TriDateEntry *self)
{
  /* typed (not set): from now on an empty field is called wrong too */
  if (!self->setting)
    self->touched = TRUE;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TEXT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
tri_date_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (TRI_DATE_ENTRY (widget)->entry);
}

static gboolean
tri_date_entry_mnemonic_activate (GtkWidget *widget,
                                  gboolean   group_cycling)
{
  return gtk_widget_mnemonic_activate (TRI_DATE_ENTRY (widget)->entry, group_cycling);
}

static void
tri_date_entry_dispose (GObject *object)
{
  TriDateEntry *self = TRI_DATE_ENTRY (object);

  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_pointer (&self->line, gtk_widget_unparent);

  G_OBJECT_CLASS (tri_date_entry_parent_class)->dispose (object);
}

static void
tri_date_entry_finalize (GObject *object)
{
  TriDateEntry *self = TRI_DATE_ENTRY (object);

  g_free (self->lang);
  g_free (self->message);
  g_free (self->text);

  G_OBJECT_CLASS (tri_date_entry_parent_class)->finalize (object);
}

static void
tri_date_entry_constructed (GObject *object)
{
  TriDateEntry *self = TRI_DATE_ENTRY (object);

  G_OBJECT_CLASS (tri_date_entry_parent_class)->constructed (object);
  update (self);
}

static void
tri_date_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TriDateEntry *self = TRI_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_LANG:
      g_value_set_string (value, self->lang);
      break;
    case PROP_TEXT:
      g_value_set_string (value, tri_date_entry_get_text (self));
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tri_date_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TriDateEntry *self = TRI_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_LANG:
      g_free (self->lang);
      self->lang = g_strdup (tri_lang_normalize (g_value_get_string (value)));
      break;
    case PROP_TEXT:
      tri_date_entry_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tri_date_entry_class_init (TriDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tri_date_entry_constructed;
  object_class->dispose = tri_date_entry_dispose;
  object_class->finalize = tri_date_entry_finalize;
  object_class->get_property = tri_date_entry_get_property;
  object_class->set_property = tri_date_entry_set_property;
  widget_class->grab_focus = tri_date_entry_grab_focus;
  widget_class->mnemonic_activate = tri_date_entry_mnemonic_activate;

  props[PROP_LANG] = g_param_spec_string ("lang", NULL, NULL, "en",
                                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "",
                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * TriDateEntry::changed:
   *
   * After each change of the text, once it has been read again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tri-date-entry");
}

static void
tri_date_entry_init (TriDateEntry *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  self->lang = g_strdup ("en");
  self->entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (self->entry), TRUE);
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  g_signal_connect (self->entry, "changed", G_CALLBACK (on_entry_changed), self);

  self->line = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->line), 0);
  gtk_label_set_wrap (GTK_LABEL (self->line), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->line), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->line, "caption");
  gtk_widget_set_parent (self->line, GTK_WIDGET (self));
  /* the line describes the field; the field is what the user reaches */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->line, NULL, -1);
}

/**
 * tri_date_entry_new:
 * @lang: the data language: how the date reads back
 */
GtkWidget *
tri_date_entry_new (const char *lang)
{
  return g_object_new (TRI_TYPE_DATE_ENTRY, "lang", lang ? lang : "en", NULL);
}

/* The text as typed, without the spaces around it: what is read. */
const char *
tri_date_entry_get_text (TriDateEntry *self)
{
  g_return_val_if_fail (TRI_IS_DATE_ENTRY (self), NULL);
  return self->text ? self->text : "";
}

/* Sets the text as the analyst would have typed it; an empty one is not
 * called wrong until they have typed into it or Save asked. */
void
tri_date_entry_set_text (TriDateEntry *self,
                         const char   *text)
{
  g_return_if_fail (TRI_IS_DATE_ENTRY (self));
  self->setting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  self->setting = FALSE;
}

gboolean
tri_date_entry_is_valid (TriDateEntry *self)
{
  g_return_val_if_fail (TRI_IS_DATE_ENTRY (self), FALSE);
  return self->valid;
}

/* The date read, when it is one. */
gboolean
tri_date_entry_get_date (TriDateEntry *self,
                         TriDate      *date)
{
  g_return_val_if_fail (TRI_IS_DATE_ENTRY (self), FALSE);
  if (self->valid && date != NULL)
    *date = self->date;
  return self->valid;
}

/**
 * tri_date_entry_get_message:
 *
 * Returns: (nullable): why the text is not a date, as the field shows it;
 *   %NULL when it is one
 */
const char *
tri_date_entry_get_message (TriDateEntry *self)
{
  g_return_val_if_fail (TRI_IS_DATE_ENTRY (self), NULL);
  return self->message;
}

/* Shows why the text is not a date even when it is empty (Save asked). */
void
tri_date_entry_show_message (TriDateEntry *self)
{
  g_return_if_fail (TRI_IS_DATE_ENTRY (self));
  self->touched = TRUE;
  update (self);
}

/* The entry itself, for a label's mnemonic and the accessible name. */
GtkEntry *
tri_date_entry_get_entry (TriDateEntry *self)
{
  g_return_val_if_fail (TRI_IS_DATE_ENTRY (self), NULL);
  return GTK_ENTRY (self->entry);
}
