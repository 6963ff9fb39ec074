/* tri-actor-editor.c: add an actor and/or a relation to an editable briefing
 *
 * A new actor (an ISO 3166 alpha-3 code, or a body such as UN; its name in
 * the five languages, English required; its colour), a new relation
 * between any two actors (the new one included), or both at once. The
 * triangle's three are listed but never changed: the editor only adds.
 * Saving is one group of the document, "Add Actor" (with the relation,
 * when there is one) or "Add Relation", so it is undone in one step.
 *
 * Every check is tri-validate's or the document's, with its words beside
 * the field it is about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-actor-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "document/tri-document-private.h"
#include "store/tri-validate.h"
#include "tri-actor-editor.h"
#include "tri-editor-common.h"

#define N_LANGS TRI_EDITOR_N_LANGS

/* colours for actors beyond the triangle's (Okabe–Ito, as theirs are),
 * the first one no actor has taken yet offered */
static const char * const palette[] = { "#009E73", "#56B4E9", "#D55E00", "#F0E442", "#999999", "#000000" };

struct _TriActorEditor
{
  GtkWindow      parent_instance;

  TriDocument   *doc;
  char          *lang;
  gboolean       tried;

  GtkWidget     *banner;
  GtkWidget     *code;
  GtkWidget     *code_message;
  GtkWidget     *color;
  GtkWidget     *color_message;
  GtkWidget     *names[N_LANGS];
  GtkWidget     *names_message;
  GtkWidget     *relate;
  GtkWidget     *actor_a;
  GtkWidget     *actor_b;
  GtkWidget     *relation_message;
  GtkWidget     *save;

  GPtrArray     *codes;        /* the actors listed in the drop-downs, in order */
  GtkStringList *labels;       /* their names: "Russia (RUS)" */
  guint          n_existing;   /* the first codes are the briefing's; then the new one */
  gboolean       updating;     /* the lists are being rebuilt */
};

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TriActorEditor, tri_actor_editor, GTK_TYPE_WINDOW)

static gboolean
has_actor (TriActorEditor *self,
           const char     *code)
{
  for (guint i = 0; i < self->n_existing; i++)
    if (g_str_equal (g_ptr_array_index (self->codes, i), code))
      return TRUE;
  return FALSE;
}

static void
load_actors (TriActorEditor *self)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (tri_document_get_db (self->doc),
                          "SELECT a.code,"
                          " coalesce ((SELECT name FROM actor_name WHERE actor = a.code AND lang = ?1),"
                          "           (SELECT name FROM actor_name WHERE actor = a.code AND lang = 'en'), a.code)"
                          " FROM actor a ORDER BY a.rank, a.code", -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, self->lang, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      /* Translators: an actor in a list: its name and its code, "Russia (RUS)" */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), sqlite3_column_text (stmt, 1),
                                                sqlite3_column_text (stmt, 0));

      g_ptr_array_add (self->codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      gtk_string_list_append (self->labels, label);
    }
  sqlite3_finalize (stmt);
  self->n_existing = self->codes->len;
}

static gboolean
color_taken (TriActorEditor *self,
             const char     *color)
{
  gint64 taken = 0;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (tri_document_get_db (self->doc), "SELECT count (*) FROM actor WHERE upper (color) = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, color, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        taken = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return taken > 0;
}

static char *
color_text (TriActorEditor *self)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color), &rgba);
  return g_strdup_printf ("#%02X%02X%02X", (int) (rgba.red * 255 + 0.5), (int) (rgba.green * 255 + 0.5),
                          (int) (rgba.blue * 255 + 0.5));
}

/* Whether the analyst has begun a new actor: a code or a name typed. */
static gboolean
adds_actor (TriActorEditor *self)
{
  g_autofree char *code = tri_editor_entry_text (self->code);
  gboolean any = *code != '\0';

  for (guint i = 0; i < N_LANGS; i++)
    {
      g_autofree char *name = tri_editor_entry_text (self->names[i]);
      any |= *name != '\0';
    }
  return any;
}

/* The drop-downs list the briefing's actors and, once its code is one,
 * the new actor, so that the relation may be the new actor's. */
static void
update_new_actor (TriActorEditor *self)
{
  g_autofree char *code = tri_editor_entry_text (self->code);
  g_autofree char *name = tri_editor_entry_text (self->names[0]);
  guint sa = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->actor_a));
  guint sb = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->actor_b));
  gboolean listed = self->codes->len > self->n_existing;
  gboolean list = tri_validate_actor_code (code, NULL) && !has_actor (self, code);
  g_autofree char *label = NULL;

  if (list)
    /* Translators: the actor being added, in the list of actors a
     * relation may join: its name (or code) and its code */
    label = g_strdup_printf (_("%s (%s, new)"), *name ? name : code, code);
  if (listed && list &&
      g_str_equal (g_ptr_array_index (self->codes, self->n_existing), code) &&
      g_str_equal (gtk_string_list_get_string (self->labels, self->n_existing), label))
    return;

  /* the selection stays on the same actors */
  sa = sa < self->n_existing ? sa : (sa == self->n_existing && list ? sa : GTK_INVALID_LIST_POSITION);
  sb = sb < self->n_existing ? sb : (sb == self->n_existing && list ? sb : GTK_INVALID_LIST_POSITION);

  g_ptr_array_set_size (self->codes, self->n_existing);
  if (listed)
    gtk_string_list_remove (self->labels, self->n_existing);
  if (list)
    {
      g_ptr_array_add (self->codes, g_strdup (code));
      gtk_string_list_append (self->labels, label);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->actor_a), sa);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->actor_b), sb);
}

static char *
relation_code (TriActorEditor *self)
{
  guint sa = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->actor_a));
  guint sb = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->actor_b));

  if (sa >= self->codes->len || sb >= self->codes->len)
    return NULL;
  return g_strdup_printf ("%s-%s", (char *) g_ptr_array_index (self->codes, sa),
                          (char *) g_ptr_array_index (self->codes, sb));
}

static gboolean
has_relation (TriActorEditor *self,
              const char     *a,
              const char     *b)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (tri_document_get_db (self->doc),
                          "SELECT 1 FROM relation WHERE (actor_a = ?1 AND actor_b = ?2) OR (actor_a = ?2 AND actor_b = ?1)",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

/* Checks every field, shows each message beside its field and returns
 * the first field that is invalid, or NULL. */
static GtkWidget *
check (TriActorEditor *self)
{
  g_autofree char *code = tri_editor_entry_text (self->code);
  g_autofree char *english = tri_editor_entry_text (self->names[0]);
  g_autofree char *color = color_text (self);
  g_autoptr(GError) error = NULL;
  gboolean actor = adds_actor (self);
  gboolean relation = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->relate));
  GtkWidget *first = NULL;
  guint32 rgb;

#define INVALID(widget) G_STMT_START { if (first == NULL) first = (widget); } G_STMT_END

  gtk_widget_set_sensitive (self->actor_a, relation);
  gtk_widget_set_sensitive (self->actor_b, relation);

  /* the actor, when one is begun */
  if (actor && !tri_validate_actor_code (code, &error))
    {
      tri_editor_set_message (self->code, self->code_message, self->tried || *code ? error->message : NULL);
      INVALID (self->code);
    }
  else if (actor && has_actor (self, code))
    {
      g_autofree char *message = g_strdup_printf (_("the briefing already has an actor %s"), code);

      tri_editor_set_message (self->code, self->code_message, message);
      INVALID (self->code);
    }
  else
    tri_editor_set_message (self->code, self->code_message, NULL);
  g_clear_error (&error);

  if (actor && !tri_validate_color (color, &rgb, &error))
    {
      tri_editor_set_message (self->color, self->color_message, error->message);
      INVALID (self->color);
    }
  else
    tri_editor_set_message (self->color, self->color_message, NULL);
  g_clear_error (&error);

  if (actor && *english == '\0')
    {
      tri_editor_set_message (self->names[0], self->names_message, self->tried ? _("needs a name in English") : NULL);
      INVALID (self->names[0]);
    }
  else
    tri_editor_set_message (self->names[0], self->names_message, NULL);

  /* the relation, when asked for */
  if (relation)
    {
      g_autofree char *rcode = relation_code (self);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (rcode == NULL)
        {
          tri_editor_set_message (self->actor_a, self->relation_message,
                                  self->tried ? _("choose the two actors of the relation") : NULL);
          INVALID (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->actor_a)) >= self->codes->len
                   ? self->actor_a : self->actor_b);
        }
      else if (!tri_validate_relation_code (rcode, &a, &b, &error))
        {
          tri_editor_set_message (self->actor_b, self->relation_message, error->message);
          INVALID (self->actor_b);
        }
      else if (has_relation (self, a, b))
        {
          g_autofree char *message = g_strdup_printf (_("the briefing already has a relation %s"), rcode);

          tri_editor_set_message (self->actor_b, self->relation_message, message);
          INVALID (self->actor_b);
        }
      else
        {
          tri_editor_mark_field (self->actor_a, NULL);
          tri_editor_set_message (self->actor_b, self->relation_message, NULL);
        }
      g_clear_error (&error);
    }
  else
    {
      tri_editor_mark_field (self->actor_a, NULL);
      tri_editor_set_message (self->actor_b, self->relation_message, NULL);
    }

  if (!actor && !relation && self->tried)
    {
      tri_editor_show_banner (self->banner, _("Nothing to add: type a new actor’s code and name, or choose the two actors of a relation."));
      INVALID (self->code);
    }
  else
    gtk_widget_set_visible (self->banner, FALSE);

#undef INVALID
  return first;
}

static void
on_changed (TriActorEditor *self)
{
  /* rebuilding the lists moves their selection: not a change of the user's */
  if (self->updating)
    return;
  self->updating = TRUE;
  update_new_actor (self);
  self->updating = FALSE;
  check (self);
}

static void
on_notify (GObject        *object,
           GParamSpec     *pspec,
           TriActorEditor *self)
{
  on_changed (self);
}

static void
on_save (GtkButton      *button,
         TriActorEditor *self)
{
  g_autofree char *code = tri_editor_entry_text (self->code);
  g_autofree char *color = color_text (self);
  g_autofree char *rcode = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean actor, relation;
  GtkWidget *invalid;
  gint64 relation_id = 0;
  gboolean ok = TRUE;

  self->tried = TRUE;
  invalid = check (self);
  if (invalid != NULL)
    {
      gtk_widget_grab_focus (invalid);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  actor = adds_actor (self);
  relation = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->relate));
  rcode = relation ? relation_code (self) : NULL;
  for (guint i = 0; i < N_LANGS; i++)
    {
      char *name = tri_editor_entry_text (self->names[i]);

      if (*name == '\0')
        {
          g_free (name);
          continue;
        }
      g_ptr_array_add (names, g_strdup (tri_editor_langs[i].code));
      g_ptr_array_add (names, name);
    }
  g_ptr_array_add (names, NULL);

  /* one group: the actor with its relation is one step to undo */
  if (actor)
    /* Translators: an action in the Undo menu item, "Undo Add Actor" */
    tri_document_begin_group (self->doc, _("Add Actor"));
  else
    /* Translators: an action in the Undo menu item, "Undo Add Relation" */
    tri_document_begin_group (self->doc, _("Add Relation"));
  if (actor)
    ok = tri_document_add_actor (self->doc, code, color, (const char * const *) names->pdata, &error);
  if (ok && relation)
    ok = (relation_id = tri_document_add_relation (self->doc, rcode, &error)) != 0;
  if (ok)
    ok = tri_document_end_group (self->doc, &error);
  else
    tri_document_cancel_group (self->doc);
  if (!ok)
    {
      tri_editor_show_banner (self->banner, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, actor ? code : NULL, relation_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  on_save (NULL, TRI_ACTOR_EDITOR (widget));
}

static void
tri_actor_editor_finalize (GObject *object)
{
  TriActorEditor *self = TRI_ACTOR_EDITOR (object);

  g_clear_object (&self->doc);
  g_clear_object (&self->labels);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_free (self->lang);

  G_OBJECT_CLASS (tri_actor_editor_parent_class)->finalize (object);
}

static void
tri_actor_editor_class_init (TriActorEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tri_actor_editor_finalize;

  /**
   * TriActorEditor::saved:
   * @actor: (nullable): the code of the actor added, or %NULL
   * @relation: the id of the relation added, or 0
   *
   * After the addition was written, as one entry of the document's
   * history, just before the editor closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  /* Escape is Cancel; Ctrl+Enter saves from anywhere */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
}

static void
tri_actor_editor_init (TriActorEditor *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* before the field has the key: a text view would take Ctrl+Enter for a new line */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                                                          gtk_named_action_new ("editor.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->labels = gtk_string_list_new (NULL);
}

static GtkWidget *
one_line_entry (void)
{
  GtkWidget *entry = gtk_entry_new ();

  /* Enter saves */
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_hexpand (entry, TRUE);
  return entry;
}

static void
build (TriActorEditor *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *content, *grid, *label, *cancel, *name_heading;
  int row = 0;

  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  cancel = tri_editor_button (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  self->save = tri_editor_button (_("_Save"));
  gtk_widget_add_css_class (self->save, "suggested-action");
  g_signal_connect (self->save, "clicked", G_CALLBACK (on_save), self);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), self->save);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save);
  gtk_window_set_title (GTK_WINDOW (self), _("Add Actor or Relation"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, -1);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 24);
  gtk_widget_set_margin_end (content, 24);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_window_set_child (GTK_WINDOW (self), content);

  self->banner = tri_editor_banner ();
  gtk_box_append (GTK_BOX (content), self->banner);
  gtk_box_append (GTK_BOX (content),
                  tri_editor_hint (_("Russia, China and North Korea are the triangle and stay as they are. "
                                     "Add another state or body, a relation between two actors, or both.")));

  /* the actor */
  gtk_box_append (GTK_BOX (content), tri_editor_heading (_("New Actor")));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (GTK_BOX (content), grid);

  self->code = one_line_entry ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->code), _("USA, JPN, KOR… or a body such as UN"));
  self->code_message = tri_editor_message_label ();
  label = tri_editor_field_label (_("C_ode"), self->code);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->code, 1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->code_message, 1, row++, 1, 1);

  /* Translators: a heading above an actor's name in each language */
  name_heading = tri_editor_field_label (_("_Name"), NULL);
  gtk_grid_attach (GTK_GRID (grid), name_heading, 0, row++, 1, 1);
  for (guint i = 0; i < N_LANGS; i++)
    {
      self->names[i] = one_line_entry ();
      label = gtk_label_new (tri_editor_langs[i].name);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->names[i]), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      name_heading, label, NULL, -1);
      gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->names[i], 1, row++, 1, 1);
      if (i == 0)
        {
          self->names_message = tri_editor_message_label ();
          gtk_grid_attach (GTK_GRID (grid), self->names_message, 1, row++, 1, 1);
        }
    }
  gtk_label_set_mnemonic_widget (GTK_LABEL (name_heading), self->names[0]);
  gtk_widget_set_halign (name_heading, GTK_ALIGN_START);

  self->color = gtk_color_button_new ();
  gtk_color_button_set_title (GTK_COLOR_BUTTON (self->color), _("Actor’s Colour"));
  gtk_widget_set_halign (self->color, GTK_ALIGN_START);
  {
    const char *color = palette[0];
    GdkRGBA rgba;

    for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
      if (!color_taken (self, palette[i]))
        {
          color = palette[i];
          break;
        }
    gdk_rgba_parse (&rgba, color);
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color), &rgba);
  }
  self->color_message = tri_editor_message_label ();
  label = tri_editor_field_label (_("Co_lour"), self->color);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->color, 1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->color_message, 1, row++, 1, 1);

  /* the relation */
  gtk_box_append (GTK_BOX (content), tri_editor_heading (_("New Relation")));
  self->relate = gtk_check_button_new_with_mnemonic (_("Add a _relation between two actors"));
  tri_editor_name_by_text (self->relate, _("Add a _relation between two actors"));
  gtk_box_append (GTK_BOX (content), self->relate);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (GTK_BOX (content), grid);
  row = 0;
  self->actor_a = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->labels)), NULL);
  self->actor_b = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->labels)), NULL);
  gtk_widget_set_hexpand (self->actor_a, TRUE);
  gtk_widget_set_hexpand (self->actor_b, TRUE);
  /* Translators: the first of the two actors of a new relation */
  label = tri_editor_field_label (_("One _actor"), self->actor_a);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->actor_a, 1, row++, 1, 1);
  /* Translators: the second of the two actors of a new relation */
  label = tri_editor_field_label (_("The o_ther"), self->actor_b);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->actor_b, 1, row++, 1, 1);
  self->relation_message = tri_editor_message_label ();
  gtk_grid_attach (GTK_GRID (grid), self->relation_message, 1, row++, 1, 1);

  g_signal_connect_swapped (self->code, "changed", G_CALLBACK (on_changed), self);
  for (guint i = 0; i < N_LANGS; i++)
    g_signal_connect_swapped (self->names[i], "changed", G_CALLBACK (on_changed), self);
  g_signal_connect (self->color, "notify::rgba", G_CALLBACK (on_notify), self);
  g_signal_connect (self->relate, "notify::active", G_CALLBACK (on_notify), self);
  g_signal_connect (self->actor_a, "notify::selected", G_CALLBACK (on_notify), self);
  g_signal_connect (self->actor_b, "notify::selected", G_CALLBACK (on_notify), self);
}

/**
 * tri_actor_editor_new:
 * @parent: the window it is modal for
 * @doc: the editable briefing
 * @lang: the data language: how the actors are named in the lists
 *
 * Returns: (transfer none): the editor, presented; it closes itself after
 *   "saved" or on Cancel (Escape)
 */
GtkWindow *
tri_actor_editor_new (GtkWindow   *parent,
                      TriDocument *doc,
                      const char  *lang)
{
  TriActorEditor *self;

  g_return_val_if_fail (TRI_IS_DOCUMENT (doc), NULL);

  self = g_object_new (TRI_TYPE_ACTOR_EDITOR, NULL);
  self->doc = g_object_ref (doc);
  self->lang = g_strdup (tri_lang_normalize (lang ? lang : "en"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }
  load_actors (self);
  build (self);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->actor_a), GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->actor_b), GTK_INVALID_LIST_POSITION);
  check (self);
  gtk_window_set_focus (GTK_WINDOW (self), self->code);
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WINDOW (self);
}
