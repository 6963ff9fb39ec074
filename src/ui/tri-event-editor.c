/* tri-event-editor.c: add or edit an event of an editable briefing
 *
 * One modal window for one event: its title, summary and who claims it in
 * the data language (edited in place; the other languages side by side
 * under "All Languages", where the data language's row is the same text),
 * its honest date (TriDateEntry), category and confidence, the relations
 * it is about with a stance and a weight each, and the quotes of those
 * relations that back it.
 *
 * Every rule is tri-validate's (or the document's own sentence for what
 * only it knows), with its words beside the field it is about, also as
 * the field's accessible description. Save refuses while anything is
 * invalid, and moves the focus to the first field that is; a save is one
 * group of the document ("Add Event" or "Edit Event"), so it is undone in
 * one step and is never written half-done.
 *
 * It reads what it lists through tri_document_get_db(), and writes only
 * through the document's commands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-event-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "document/tri-document-private.h"
#include "render/tri-labels.h"
#include "store/tri-validate.h"
#include "tri-date-entry.h"
#include "tri-editor-common.h"
#include "tri-event-editor.h"

#define N_LANGS TRI_EDITOR_N_LANGS
#define langs tri_editor_langs

typedef struct
{
  gint64  id;
  char   *code;     /* "RUS-PRK" */
  char   *label;    /* "Russia – North Korea" in the data language */
} Relation;

typedef struct
{
  TriEventEditor *self;
  GtkWidget      *relation;
  GtkWidget      *stance;
  GtkWidget      *weight;
  GtkWidget      *remove;
  GtkWidget      *message;
} LinkRow;

typedef struct
{
  GtkEntryBuffer *title;
  GtkTextBuffer  *summary;
  GtkEntryBuffer *claimed;
  GtkWidget      *name;
  GtkWidget      *title_entry;
  GtkWidget      *summary_view;
  GtkWidget      *claimed_entry;
  GtkWidget      *message;
  GtkWidget      *claimed_message;
} LangRow;

struct _TriEventEditor
{
  GtkWindow     parent_instance;

  TriDocument  *doc;
  gint64        event;
  char         *lang;
  guint         data_lang;     /* index in langs */
  gboolean      tried;         /* Save was pressed: every message shows */
  gboolean      loading;

  GtkWidget    *banner;
  GtkWidget    *title;
  GtkWidget    *title_message;
  GtkWidget    *summary;
  GtkWidget    *date;
  GtkWidget    *category;
  GtkWidget    *category_message;
  GtkWidget    *confidence;
  GtkWidget    *confidence_message;
  GtkWidget    *claimed;
  GtkWidget    *claimed_message;
  GtkWidget    *links_grid;
  GtkWidget    *links_header[3];
  GtkWidget    *links_message;
  GtkWidget    *add_link;
  GtkWidget    *quotes_box;
  GtkWidget    *quotes_hint;
  GtkWidget    *quotes_more;
  GtkWidget    *expander;
  GtkWidget    *languages;     /* the expander's child, also while it is folded */
  GtkWidget    *missing;
  GtkWidget    *save;
  GtkWidget    *scrolled;

  LangRow       rows[N_LANGS];
  GPtrArray    *links;         /* of LinkRow */
  GArray       *relations;     /* of Relation */
  GtkStringList *relation_labels;
  GHashTable   *quotes;        /* quote id (gint64 *) checked -> itself */
  GPtrArray    *other_texts;   /* lang, title, summary, claimed_by of languages
                                  beyond the five: kept as they are */
};

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TriEventEditor, tri_event_editor, GTK_TYPE_WINDOW)

static void on_changed (TriEventEditor *self);
static void load_quotes (TriEventEditor *self);
static void on_relations_changed (GObject        *object,
                                  GParamSpec     *pspec,
                                  TriEventEditor *self);

/* --- small helpers -------------------------------------------------------- */

static void
relation_clear (gpointer data)
{
  Relation *r = data;

  g_free (r->code);
  g_free (r->label);
}

static char *
buffer_text (GtkEntryBuffer *buffer)
{
  return g_strstrip (g_strdup (gtk_entry_buffer_get_text (buffer)));
}

static char *
text_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static GtkWidget *
summary_view (GtkTextBuffer *buffer,
              int            lines)
{
  GtkWidget *view = gtk_text_view_new_with_buffer (buffer);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  /* Tab moves on to the next field, as everywhere else in the editor */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_size_request (view, -1, 22 * lines + 12);
  gtk_widget_add_css_class (view, "tri-summary");
  return view;
}

/* A text view has no frame of its own: the field shows where to type. */
static GtkWidget *
framed (GtkWidget *view)
{
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_set_hexpand (frame, TRUE);
  return frame;
}

static GtkWidget *
drop_down (const char *(*label) (int, const char *),
           int          n,
           const char  *lang)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *dd;

  for (int i = 0; i < n; i++)
    gtk_string_list_append (list, label (i, lang));
  dd = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), GTK_INVALID_LIST_POSITION);
  return dd;
}

static const char *category_label (int i, const char *lang) { return tri_category_label ((TriCategory) i, lang); }
static const char *confidence_label (int i, const char *lang) { return tri_confidence_label ((TriConfidence) i, lang); }
static const char *stance_label (int i, const char *lang) { return tri_stance_label ((TriStance) i, lang); }

static guint
selected (GtkWidget *drop_down)
{
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down));
}

/* --- what the document holds --------------------------------------------- */

static void
load_relations (TriEventEditor *self)
{
  sqlite3 *db = tri_document_get_db (self->doc);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT r.id, r.actor_a, r.actor_b,"
                          " coalesce ((SELECT name FROM actor_name WHERE actor = r.actor_a AND lang = ?1),"
                          "           (SELECT name FROM actor_name WHERE actor = r.actor_a AND lang = 'en'), r.actor_a),"
                          " coalesce ((SELECT name FROM actor_name WHERE actor = r.actor_b AND lang = ?1),"
                          "           (SELECT name FROM actor_name WHERE actor = r.actor_b AND lang = 'en'), r.actor_b)"
                          " FROM relation r ORDER BY r.id", -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, self->lang, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Relation r;

      r.id = sqlite3_column_int64 (stmt, 0);
      r.code = g_strdup_printf ("%s-%s", sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
      /* Translators: a relation between two actors, "Russia – North Korea" */
      r.label = g_strdup_printf (_("%s – %s"), sqlite3_column_text (stmt, 3), sqlite3_column_text (stmt, 4));
      g_array_append_val (self->relations, r);
      gtk_string_list_append (self->relation_labels, r.label);
    }
  sqlite3_finalize (stmt);
}

static guint
relation_index (TriEventEditor *self,
                gint64          id)
{
  for (guint i = 0; i < self->relations->len; i++)
    if (g_array_index (self->relations, Relation, i).id == id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* --- relations ------------------------------------------------------------ */

static void
link_row_free (gpointer data)
{
  LinkRow *row = data;

  g_clear_object (&row->relation);
  g_clear_object (&row->stance);
  g_clear_object (&row->weight);
  g_clear_object (&row->remove);
  g_clear_object (&row->message);
  g_free (row);
}

/* Lays the rows out again (after one was added or removed), the header
 * labels naming the first row's fields and, for a screen reader, every
 * row's. */
static void
relayout_links (TriEventEditor *self)
{
  GtkGrid *grid = GTK_GRID (self->links_grid);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->links_grid)) != NULL)
    gtk_grid_remove (grid, child);

  for (guint i = 0; i < 3; i++)
    gtk_grid_attach (grid, self->links_header[i], i, 0, 1, 1);
  for (guint i = 0; i < self->links->len; i++)
    {
      LinkRow *row = g_ptr_array_index (self->links, i);
      GtkWidget *fields[3] = { row->relation, row->stance, row->weight };

      gtk_grid_attach (grid, row->relation, 0, 2 * i + 1, 1, 1);
      gtk_grid_attach (grid, row->stance, 1, 2 * i + 1, 1, 1);
      gtk_grid_attach (grid, row->weight, 2, 2 * i + 1, 1, 1);
      gtk_grid_attach (grid, row->remove, 3, 2 * i + 1, 1, 1);
      gtk_grid_attach (grid, row->message, 0, 2 * i + 2, 4, 1);
      for (guint k = 0; k < 3; k++)
        {
          gtk_accessible_update_relation (GTK_ACCESSIBLE (fields[k]), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                          self->links_header[k], NULL, -1);
          tri_editor_label_drop_down (fields[k], self->links_header[k], NULL);
        }
    }
  if (self->links->len > 0)
    {
      LinkRow *first = g_ptr_array_index (self->links, 0);

      gtk_label_set_mnemonic_widget (GTK_LABEL (self->links_header[0]), first->relation);
      gtk_label_set_mnemonic_widget (GTK_LABEL (self->links_header[1]), first->stance);
      gtk_label_set_mnemonic_widget (GTK_LABEL (self->links_header[2]), first->weight);
    }
  else
    for (guint k = 0; k < 3; k++)
      gtk_label_set_mnemonic_widget (GTK_LABEL (self->links_header[k]), self->add_link);
  for (guint k = 0; k < 3; k++)
    gtk_widget_set_visible (self->links_header[k], self->links->len > 0);
}

static void
on_remove_link (GtkButton *button,
                LinkRow   *row)
{
  TriEventEditor *self = row->self;
  guint index;

  if (!g_ptr_array_find (self->links, row, &index))
    return;
  g_ptr_array_steal_index (self->links, index);
  relayout_links (self);
  link_row_free (row);
  load_quotes (self);
  /* the focus goes on to what comes next, never to nowhere */
  if (index < self->links->len)
    gtk_widget_grab_focus (((LinkRow *) g_ptr_array_index (self->links, index))->relation);
  else
    gtk_widget_grab_focus (self->add_link);
  on_changed (self);
}

static void
on_link_changed (GObject        *object,
                 GParamSpec     *pspec,
                 TriEventEditor *self)
{
  on_changed (self);
}

static LinkRow *
add_link_row (TriEventEditor *self,
              guint           relation,
              guint           stance,
              int             weight)
{
  LinkRow *row = g_new0 (LinkRow, 1);
  static const char * const weights[] = { "1", "2", "3", NULL };

  row->self = self;
  row->relation = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->relation_labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->relation), relation);
  gtk_widget_set_hexpand (row->relation, TRUE);
  row->stance = drop_down (stance_label, TRI_N_STANCES, self->lang);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->stance), stance);
  row->weight = gtk_drop_down_new_from_strings (weights);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->weight), weight >= 1 && weight <= 3 ? weight - 1 : 0);
  gtk_widget_set_tooltip_text (row->weight, _("How much the event counts in the relation: 1 (a little) to 3 (much)"));
  /* Translators: the button that removes a relation from the event */
  row->remove = gtk_button_new_with_label (_("Remove"));
  row->message = tri_editor_message_label ();
  /* the grid lets go of them each time it is laid out again */
  g_object_ref_sink (row->relation);
  g_object_ref_sink (row->stance);
  g_object_ref_sink (row->weight);
  g_object_ref_sink (row->remove);
  g_object_ref_sink (row->message);
  g_signal_connect (row->remove, "clicked", G_CALLBACK (on_remove_link), row);
  g_signal_connect (row->relation, "notify::selected", G_CALLBACK (on_relations_changed), self);
  g_signal_connect (row->relation, "notify::selected", G_CALLBACK (on_link_changed), self);
  g_signal_connect (row->stance, "notify::selected", G_CALLBACK (on_link_changed), self);
  g_signal_connect (row->weight, "notify::selected", G_CALLBACK (on_link_changed), self);
  g_ptr_array_add (self->links, row);
  relayout_links (self);
  return row;
}

static void
on_add_link (GtkButton      *button,
             TriEventEditor *self)
{
  guint next = 0;
  LinkRow *row;

  /* the first relation not linked yet */
  for (guint r = 0; r < self->relations->len; r++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < self->links->len; i++)
        used |= selected (((LinkRow *) g_ptr_array_index (self->links, i))->relation) == r;
      if (!used)
        {
          next = r;
          break;
        }
    }
  row = add_link_row (self, next, GTK_INVALID_LIST_POSITION, 1);
  gtk_widget_grab_focus (row->relation);
  load_quotes (self);
  on_changed (self);
}

/* The ids of the relations chosen, in row order, each once. */
static GArray *
chosen_relations (TriEventEditor *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->links->len; i++)
    {
      guint r = selected (((LinkRow *) g_ptr_array_index (self->links, i))->relation);
      gboolean seen = FALSE;
      gint64 id;

      if (r >= self->relations->len)
        continue;
      id = g_array_index (self->relations, Relation, r).id;
      for (guint k = 0; k < ids->len; k++)
        seen |= g_array_index (ids, gint64, k) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  return ids;
}

/* --- quotes --------------------------------------------------------------- */

static void
on_quote_toggled (GtkCheckButton *check,
                  TriEventEditor *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (check), "quote");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->quotes, g_memdup2 (id, sizeof *id));
  else
    g_hash_table_remove (self->quotes, id);
}

static char *
shorten (const char *text,
         glong       max)
{
  g_autofree char *flat = g_strdup (text);

  g_strdelimit (flat, "\n\r\t", ' ');
  if (g_utf8_strlen (flat, -1) <= max)
    return g_steal_pointer (&flat);
  {
    g_autofree char *cut = g_utf8_substring (flat, 0, max - 1);
    return g_strconcat (g_strchomp (cut), "…", NULL);
  }
}

/* The quotes of the chosen relations that back no event yet or this one,
 * each a check box, checked when it backs this event: the newest first,
 * as many as an analyst reads (a quote backs one event, so those of
 * other events are counted, not listed). */
#define MAX_QUOTES 200

static void
load_quotes (TriEventEditor *self)
{
  g_autoptr(GArray) ids = chosen_relations (self);
  g_autoptr(GString) in = g_string_new (NULL);
  sqlite3 *db = tri_document_get_db (self->doc);
  sqlite3_stmt *stmt = NULL;
  GtkWidget *child;
  gint64 total = 0;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (self->quotes_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->quotes_box), child);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (in, "%s%" G_GINT64_FORMAT, i ? ", " : "", g_array_index (ids, gint64, i));

  if (ids->len > 0)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT q.id, q.text, s.title,"
        " (SELECT text FROM quote_translation WHERE quote = q.id AND lang = ?1)"
        " FROM quote q JOIN source s ON s.id = q.source"
        " WHERE q.relation IN (%s) AND (q.event IS NULL OR q.event = ?2)"
        " ORDER BY q.event = ?2 DESC, q.id DESC LIMIT %d", in->str, MAX_QUOTES);
      g_autofree char *count = g_strdup_printf ("SELECT count (*) FROM quote WHERE relation IN (%s)", in->str);

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, self->lang, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, self->event);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              g_autofree char *text = shorten ((const char *) sqlite3_column_text (stmt, 1), 200);
              const char *translation = (const char *) sqlite3_column_text (stmt, 3);
              g_autofree char *quoted = NULL;
              g_autofree char *markup = NULL;
              g_autofree char *below = NULL;
              GtkWidget *check = gtk_check_button_new ();
              GtkWidget *label = gtk_label_new (NULL);

              /* the quote as it is, in quotation marks unless it has its own */
              if (g_utf8_strchr ("“\"«„「『", -1, g_utf8_get_char (text)) != NULL)
                quoted = g_strdup (text);
              else
                quoted = g_strconcat ("“", text, "”", NULL);
              /* under it, its translation in the data language and its source */
              if (translation != NULL && *translation != '\0')
                {
                  g_autofree char *short_translation = shorten (translation, 200);
                  below = g_strdup_printf ("%s · %s", short_translation, sqlite3_column_text (stmt, 2));
                }
              else
                below = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
              markup = g_markup_printf_escaped ("%s\n<span size=\"small\" alpha=\"70%%\">%s</span>",
                                                quoted, below);
              gtk_label_set_markup (GTK_LABEL (label), markup);
              gtk_label_set_xalign (GTK_LABEL (label), 0);
              gtk_label_set_wrap (GTK_LABEL (label), TRUE);
              gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
              gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
              gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                              label, NULL, -1);
              g_object_set_data_full (G_OBJECT (check), "quote", g_memdup2 (&id, sizeof id), g_free);
              gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->quotes, &id));
              g_signal_connect (check, "toggled", G_CALLBACK (on_quote_toggled), self);
              gtk_box_append (GTK_BOX (self->quotes_box), check);
              n++;
            }
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (sqlite3_prepare_v2 (db, count, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        total = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }

  if (ids->len == 0)
    gtk_label_set_text (GTK_LABEL (self->quotes_hint), _("Choose a relation to see the quotes that may back the event."));
  else if (total == 0)
    gtk_label_set_text (GTK_LABEL (self->quotes_hint),
                        _("These relations have no quotes yet: add a source and make quotes from its text."));
  gtk_widget_set_visible (self->quotes_hint, ids->len == 0 || total == 0);
  gtk_widget_set_visible (self->quotes_box, n > 0);

  if (total > n)
    {
      guint others = (guint) MIN (total - n, G_MAXUINT);
      /* Translators: under the quotes an event may be backed by */
      g_autofree char *more = g_strdup_printf (ngettext ("%u more quote of these relations is not listed: it backs another event, or is older than those listed.",
                                                         "%u more quotes of these relations are not listed: they back other events, or are older than those listed.",
                                                         others), others);
      gtk_label_set_text (GTK_LABEL (self->quotes_more), more);
    }
  gtk_widget_set_visible (self->quotes_more, total > n);
}

/* --- checks --------------------------------------------------------------- */

/* Checks every field, shows each message beside its field (an empty field
 * only once Save was pressed) and returns the first field that is
 * invalid, or NULL. */
static GtkWidget *
check (TriEventEditor *self)
{
  GtkWidget *first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *claimed_en = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  TriConfidence confidence = TRI_N_CONFIDENCES;
  TriCategory category;
  guint c;

#define INVALID(widget) G_STMT_START { if (first == NULL) first = (widget); } G_STMT_END

  /* texts, per language; the data language's are the fields above */
  for (guint i = 0; i < N_LANGS; i++)
    {
      LangRow *row = &self->rows[i];
      g_autofree char *title = buffer_text (row->title);
      g_autofree char *summary = text_buffer_text (row->summary);
      g_autofree char *claimed = buffer_text (row->claimed);
      g_autoptr(GError) text_error = NULL;
      const char *message = NULL;

      if (i == 0)
        {
          if (*title == '\0' && (self->tried || *summary != '\0' || *claimed != '\0'))
            message = _("needs a title in English");
          claimed_en = g_strdup (claimed);
        }
      else if (*title == '\0' && (*summary != '\0' || *claimed != '\0'))
        {
          tri_validate_text (title, &text_error);
          message = text_error->message;
        }
      tri_editor_set_message (row->title_entry, row->message, message);
      if (i == self->data_lang)
        tri_editor_set_message (self->title, self->title_message, message);
      if (message != NULL)
        INVALID (i == self->data_lang ? self->title : row->title_entry);
    }

  if (!tri_date_entry_is_valid (TRI_DATE_ENTRY (self->date)))
    {
      if (self->tried)
        tri_date_entry_show_message (TRI_DATE_ENTRY (self->date));
      INVALID (self->date);
    }

  c = selected (self->category);
  if (!tri_validate_category (c < TRI_N_CATEGORIES ? tri_category_to_string (c) : NULL, &category, &error))
    {
      tri_editor_set_message (self->category, self->category_message, self->tried ? error->message : NULL);
      INVALID (self->category);
    }
  else
    tri_editor_set_message (self->category, self->category_message, NULL);
  g_clear_error (&error);

  c = selected (self->confidence);
  if (!tri_validate_confidence (c < TRI_N_CONFIDENCES ? tri_confidence_to_string (c) : NULL, &confidence, &error))
    {
      tri_editor_set_message (self->confidence, self->confidence_message, self->tried ? error->message : NULL);
      INVALID (self->confidence);
      confidence = TRI_N_CONFIDENCES;
    }
  else
    tri_editor_set_message (self->confidence, self->confidence_message, NULL);
  g_clear_error (&error);

  /* who claims it, in English as tri-compile asks */
  {
    GtkWidget *field = self->data_lang == 0 ? self->claimed : self->rows[0].claimed_entry;
    GtkWidget *label = self->data_lang == 0 ? self->claimed_message : self->rows[0].claimed_message;

    if (confidence != TRI_N_CONFIDENCES && !tri_validate_claimed_by (confidence, claimed_en, &error))
      {
        tri_editor_set_message (field, label, error->message);
        INVALID (field);
      }
    else
      tri_editor_set_message (field, label, NULL);
    g_clear_error (&error);
  }

  /* relations */
  if (self->links->len == 0)
    {
      tri_editor_set_message (NULL, self->links_message, self->tried ? _("links no relation") : NULL);
      INVALID (self->add_link);
    }
  else
    tri_editor_set_message (NULL, self->links_message, NULL);
  for (guint i = 0; i < self->links->len; i++)
    {
      LinkRow *row = g_ptr_array_index (self->links, i);
      guint r = selected (row->relation);
      guint s = selected (row->stance);
      TriStance stance;
      gboolean twice = FALSE;

      for (guint k = 0; k < seen->len; k++)
        twice |= g_array_index (seen, guint, k) == r;
      g_array_append_val (seen, r);

      if (r >= self->relations->len)
        {
          /* none chosen (a briefing without relations has none to choose) */
          tri_validate_relation_code (NULL, NULL, NULL, &error);
          tri_editor_mark_field (row->stance, NULL);
          tri_editor_set_message (row->relation, row->message, self->tried ? error->message : NULL);
          INVALID (row->relation);
        }
      else if (twice)
        {
          tri_editor_mark_field (row->stance, NULL);
          tri_editor_set_message (row->relation, row->message, _("this relation is linked above already"));
          INVALID (row->relation);
        }
      else if (!tri_validate_stance (s < TRI_N_STANCES ? tri_stance_to_string (s) : NULL, &stance, &error) ||
               !tri_validate_weight (selected (row->weight) + 1, &error))
        {
          tri_editor_mark_field (row->relation, NULL);
          tri_editor_set_message (row->stance, row->message, self->tried ? error->message : NULL);
          INVALID (row->stance);
        }
      else
        {
          tri_editor_set_message (row->relation, row->message, NULL);
          tri_editor_set_message (row->stance, row->message, NULL);
        }
      g_clear_error (&error);
    }

#undef INVALID
  return first;
}

/* Which languages lack a title or (when some language has one) a
 * summary: the l10n tests' idea, for the data. */
static void
update_missing (TriEventEditor *self)
{
  g_autoptr(GString) no_title = g_string_new (NULL);
  g_autoptr(GString) no_summary = g_string_new (NULL);
  gboolean any_summary = FALSE;
  guint n_missing = 0;
  g_autofree char *expander = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < N_LANGS; i++)
    {
      g_autofree char *summary = text_buffer_text (self->rows[i].summary);
      any_summary |= *summary != '\0';
    }
  for (guint i = 0; i < N_LANGS; i++)
    {
      g_autofree char *title = buffer_text (self->rows[i].title);
      g_autofree char *summary = text_buffer_text (self->rows[i].summary);
      gboolean missing = FALSE;

      if (*title == '\0')
        {
          g_string_append_printf (no_title, "%s%s", no_title->len ? ", " : "", langs[i].name);
          missing = TRUE;
        }
      if (any_summary && *summary == '\0')
        {
          g_string_append_printf (no_summary, "%s%s", no_summary->len ? ", " : "", langs[i].name);
          missing = TRUE;
        }
      n_missing += missing;
    }

  if (no_title->len > 0)
    /* Translators: %s lists languages by their own names */
    g_string_append_printf (text, _("No title yet in %s."), no_title->str);
  if (no_summary->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: %s lists languages by their own names */
      g_string_append_printf (text, _("No summary yet in %s."), no_summary->str);
    }
  if (text->len == 0)
    g_string_append (text, _("Every language has its texts."));
  gtk_label_set_text (GTK_LABEL (self->missing), text->str);

  if (n_missing == 0)
    expander = g_strdup (_("All _Languages"));
  else
    /* Translators: the expander of the side-by-side view of an event's
     * texts; %u is how many of the five languages lack one */
    expander = g_strdup_printf (ngettext ("All _Languages (%u missing)", "All _Languages (%u missing)", n_missing),
                                n_missing);
  gtk_expander_set_label (GTK_EXPANDER (self->expander), expander);
  tri_editor_name_by_text (self->expander, expander);
}

static void
on_changed (TriEventEditor *self)
{
  if (self->loading)
    return;
  check (self);
  update_missing (self);
}

static void
on_field_notify (GObject        *object,
                 GParamSpec     *pspec,
                 TriEventEditor *self)
{
  on_changed (self);
}

static void
on_relations_changed (GObject        *object,
                      GParamSpec     *pspec,
                      TriEventEditor *self)
{
  if (!self->loading)
    load_quotes (self);
}

/* --- saving --------------------------------------------------------------- */

/* Once laid out (a field just shown has no place yet), the view scrolls
 * so that the field and the message under it are seen. */
static gboolean
scroll_when_laid_out (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  TriEventEditor *self = TRI_EVENT_EDITOR (widget);
  GtkWidget *target = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->scrolled));
  graphene_rect_t bounds;

  /* the frame after the one it was asked in: then the new fields have
   * their places */
  if (!g_object_get_data (G_OBJECT (target), "tri-scroll-waited"))
    {
      g_object_set_data (G_OBJECT (target), "tri-scroll-waited", GINT_TO_POINTER (1));
      return G_SOURCE_CONTINUE;
    }
  g_object_set_data (G_OBJECT (target), "tri-scroll-waited", NULL);
  if (gtk_widget_compute_bounds (target, content, &bounds))
    {
      double top = bounds.origin.y - 48;
      double bottom = bounds.origin.y + bounds.size.height + 48;
      double value = gtk_adjustment_get_value (adj);
      double page = gtk_adjustment_get_page_size (adj);

      if (top < value)
        gtk_adjustment_set_value (adj, top);
      else if (bottom > value + page)
        gtk_adjustment_set_value (adj, MIN (top, bottom - page));
    }
  return G_SOURCE_REMOVE;
}

static void
scroll_to (TriEventEditor *self,
           GtkWidget      *target)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_when_laid_out,
                                g_object_ref (target), g_object_unref);
}

static void
on_save (GtkButton      *button,
         TriEventEditor *self)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) texts = g_array_new (FALSE, TRUE, sizeof (TriEventText));
  g_autoptr(GArray) links = g_array_new (FALSE, TRUE, sizeof (TriEventLink));
  g_autoptr(GArray) quotes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  TriEventSpec spec = { 0 };
  GtkWidget *invalid;
  gint64 id = 0;
  gboolean ok;

  self->tried = TRUE;
  gtk_widget_set_visible (self->banner, FALSE);
  invalid = check (self);
  update_missing (self);
  if (invalid != NULL)
    {
      /* a field in the languages' view is shown before it takes the focus */
      if (gtk_widget_is_ancestor (invalid, self->languages))
        gtk_expander_set_expanded (GTK_EXPANDER (self->expander), TRUE);
      gtk_widget_grab_focus (invalid);
      scroll_to (self, invalid);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  for (guint i = 0; i < N_LANGS; i++)
    {
      char *title = buffer_text (self->rows[i].title);
      char *summary = text_buffer_text (self->rows[i].summary);
      char *claimed = buffer_text (self->rows[i].claimed);
      TriEventText text = { langs[i].code, title, *summary ? summary : NULL, *claimed ? claimed : NULL };

      g_ptr_array_add (strings, title);
      g_ptr_array_add (strings, summary);
      g_ptr_array_add (strings, claimed);
      if (*title != '\0')
        g_array_append_val (texts, text);
    }
  for (guint i = 0; i + 3 < self->other_texts->len; i += 4)
    {
      TriEventText text = {
        g_ptr_array_index (self->other_texts, i), g_ptr_array_index (self->other_texts, i + 1),
        g_ptr_array_index (self->other_texts, i + 2), g_ptr_array_index (self->other_texts, i + 3),
      };

      g_array_append_val (texts, text);
    }
  for (guint i = 0; i < self->links->len; i++)
    {
      LinkRow *row = g_ptr_array_index (self->links, i);
      TriEventLink link = {
        g_array_index (self->relations, Relation, selected (row->relation)).code,
        tri_stance_to_string (selected (row->stance)),
        (int) selected (row->weight) + 1,
      };

      g_array_append_val (links, link);
    }

  /* the quotes checked among those of the relations chosen (the ones listed) */
  for (GtkWidget *c = gtk_widget_get_first_child (self->quotes_box); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
      g_array_append_val (quotes, *(gint64 *) g_object_get_data (G_OBJECT (c), "quote"));

  spec.date = tri_date_entry_get_text (TRI_DATE_ENTRY (self->date));
  spec.category = tri_category_to_string (selected (self->category));
  spec.confidence = tri_confidence_to_string (selected (self->confidence));
  spec.texts = (const TriEventText *) texts->data;
  spec.n_texts = texts->len;
  spec.links = (const TriEventLink *) links->data;
  spec.n_links = links->len;
  spec.quotes = (const gint64 *) quotes->data;
  spec.n_quotes = quotes->len;

  /* one group: undone in one step, and never written half-done */
  if (self->event == 0)
    {
      /* Translators: an action in the Undo menu item, "Undo Add Event" */
      tri_document_begin_group (self->doc, _("Add Event"));
      id = tri_document_add_event (self->doc, &spec, &error);
      ok = id != 0;
    }
  else
    {
      /* Translators: an action in the Undo menu item, "Undo Edit Event" */
      tri_document_begin_group (self->doc, _("Edit Event"));
      ok = tri_document_edit_event (self->doc, self->event, &spec, &error);
      id = self->event;
    }
  if (ok)
    ok = tri_document_end_group (self->doc, &error);
  else
    tri_document_cancel_group (self->doc);
  if (!ok)
    {
      tri_editor_show_banner (self->banner, error->message);
      return;
    }

  self->event = id;
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* --- loading -------------------------------------------------------------- */

static gboolean
load_event (TriEventEditor *self)
{
  sqlite3 *db = tri_document_get_db (self->doc);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT date, category, confidence FROM event WHERE id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->event);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          TriCategory category;
          TriConfidence confidence;

          found = TRUE;
          tri_date_entry_set_text (TRI_DATE_ENTRY (self->date), (const char *) sqlite3_column_text (stmt, 0));
          if (tri_category_from_string ((const char *) sqlite3_column_text (stmt, 1), &category))
            gtk_drop_down_set_selected (GTK_DROP_DOWN (self->category), category);
          if (tri_confidence_from_string ((const char *) sqlite3_column_text (stmt, 2), &confidence))
            gtk_drop_down_set_selected (GTK_DROP_DOWN (self->confidence), confidence);
        }
    }
  sqlite3_finalize (stmt);
  if (!found)
    return FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT lang, title, summary, claimed_by FROM event_text WHERE event = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->event);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *lang = tri_lang_normalize ((const char *) sqlite3_column_text (stmt, 0));
          const char *summary = (const char *) sqlite3_column_text (stmt, 2);
          const char *claimed = (const char *) sqlite3_column_text (stmt, 3);

          guint i;

          for (i = 0; i < N_LANGS; i++)
            if (g_strcmp0 (langs[i].code, lang) == 0)
              {
                gtk_entry_buffer_set_text (self->rows[i].title, (const char *) sqlite3_column_text (stmt, 1), -1);
                gtk_text_buffer_set_text (self->rows[i].summary, summary ? summary : "", -1);
                gtk_entry_buffer_set_text (self->rows[i].claimed, claimed ? claimed : "", -1);
                break;
              }
          if (i == N_LANGS)
            {
              /* a language the editor does not show is saved back unchanged */
              g_ptr_array_add (self->other_texts, g_strdup (lang));
              g_ptr_array_add (self->other_texts, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
              g_ptr_array_add (self->other_texts, g_strdup (summary));
              g_ptr_array_add (self->other_texts, g_strdup (claimed));
            }
        }
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT relation, stance, weight FROM event_relation WHERE event = ? ORDER BY relation",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->event);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          TriStance stance;
          guint r = relation_index (self, sqlite3_column_int64 (stmt, 0));

          if (r == GTK_INVALID_LIST_POSITION)
            continue;
          if (!tri_stance_from_string ((const char *) sqlite3_column_text (stmt, 1), &stance))
            stance = (TriStance) GTK_INVALID_LIST_POSITION;
          add_link_row (self, r, stance, sqlite3_column_int (stmt, 2));
        }
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT id FROM quote WHERE event = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->event);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_hash_table_add (self->quotes, g_memdup2 (&id, sizeof id));
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* --- the window ----------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  on_save (NULL, TRI_EVENT_EDITOR (widget));
}

static void
tri_event_editor_dispose (GObject *object)
{
  TriEventEditor *self = TRI_EVENT_EDITOR (object);

  g_clear_pointer (&self->links, g_ptr_array_unref);
  for (guint k = 0; k < 3; k++)
    g_clear_object (&self->links_header[k]);
  for (guint i = 0; i < N_LANGS; i++)
    {
      g_clear_object (&self->rows[i].title);
      g_clear_object (&self->rows[i].summary);
      g_clear_object (&self->rows[i].claimed);
    }
  G_OBJECT_CLASS (tri_event_editor_parent_class)->dispose (object);
}

static void
tri_event_editor_finalize (GObject *object)
{
  TriEventEditor *self = TRI_EVENT_EDITOR (object);

  g_clear_object (&self->doc);
  g_clear_object (&self->relation_labels);
  g_clear_pointer (&self->relations, g_array_unref);
  g_clear_pointer (&self->quotes, g_hash_table_unref);
  g_clear_pointer (&self->other_texts, g_ptr_array_unref);
  g_free (self->lang);

  G_OBJECT_CLASS (tri_event_editor_parent_class)->finalize (object);
}

static void
tri_event_editor_class_init (TriEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tri_event_editor_dispose;
  object_class->finalize = tri_event_editor_finalize;

  /**
   * TriEventEditor::saved:
   * @event: the id of the event added or edited
   *
   * After the event was written, as one entry of the document's history,
   * just before the editor closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /* Escape is Cancel; Ctrl+Enter saves from anywhere, the summary too */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
}

static void
tri_event_editor_init (TriEventEditor *self)
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

  self->links = g_ptr_array_new_with_free_func (link_row_free);
  self->relations = g_array_new (FALSE, TRUE, sizeof (Relation));
  g_array_set_clear_func (self->relations, relation_clear);
  self->relation_labels = gtk_string_list_new (NULL);
  self->quotes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->other_texts = g_ptr_array_new_with_free_func (g_free);
}

static GtkWidget *
one_line_entry (GtkEntryBuffer *buffer)
{
  GtkWidget *entry = gtk_entry_new_with_buffer (buffer);

  /* Enter saves */
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_hexpand (entry, TRUE);
  return entry;
}

static void
connect_text (TriEventEditor *self,
              LangRow        *row)
{
  g_signal_connect_swapped (row->title, "notify::text", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (row->claimed, "notify::text", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (row->summary, "changed", G_CALLBACK (on_changed), self);
}

/* The texts of every language, one after another: each language's name,
 * then its title, summary and who claims it, each field labelled; the
 * data language's are the fields above, the same text. */
static GtkWidget *
build_languages (TriEventEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *grid = gtk_grid_new ();
  int y = 0;

  self->missing = tri_editor_hint ("");
  gtk_widget_set_margin_top (self->missing, 6);
  gtk_box_append (GTK_BOX (box), self->missing);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < N_LANGS; i++)
    {
      LangRow *row = &self->rows[i];
      /* Translators: the fields of one language's texts of an event,
       * side by side with the other languages' */
      const char *names[3] = { _("Title"), _("Summary"), _("Claimed by") };
      GtkWidget *fields[3];
      GtkWidget *labels[3];
      GtkWidget *frame;

      row->name = gtk_label_new (langs[i].name);
      gtk_label_set_xalign (GTK_LABEL (row->name), 0);
      gtk_widget_add_css_class (row->name, "heading");
      gtk_widget_set_margin_top (row->name, i == 0 ? 6 : 12);
      row->title_entry = one_line_entry (row->title);
      row->summary_view = summary_view (row->summary, 2);
      /* framed before it is labelled: a frame takes its child's label away */
      frame = framed (row->summary_view);
      row->claimed_entry = one_line_entry (row->claimed);
      row->message = tri_editor_message_label ();
      row->claimed_message = tri_editor_message_label ();

      fields[0] = row->title_entry;
      fields[1] = row->summary_view;
      fields[2] = row->claimed_entry;
      for (guint k = 0; k < 3; k++)
        {
          labels[k] = gtk_label_new (names[k]);
          gtk_label_set_xalign (GTK_LABEL (labels[k]), 1);
          gtk_widget_add_css_class (labels[k], "dim-label");
          /* "English Title": the language and the field */
          gtk_accessible_update_relation (GTK_ACCESSIBLE (fields[k]), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                          row->name, labels[k], NULL, -1);
        }
      gtk_widget_set_valign (labels[1], GTK_ALIGN_START);
      gtk_widget_set_margin_top (labels[1], 6);
      if (i == self->data_lang)
        {
          /* Translators: beside a language's name in the side-by-side
           * view: its texts are the fields at the top of the editor */
          g_autofree char *name = g_strdup_printf (_("%s (the fields above)"), langs[i].name);
          gtk_label_set_text (GTK_LABEL (row->name), name);
        }

      gtk_grid_attach (GTK_GRID (grid), row->name, 0, y++, 2, 1);
      gtk_grid_attach (GTK_GRID (grid), labels[0], 0, y, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), row->title_entry, 1, y++, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), row->message, 1, y++, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), labels[1], 0, y, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), frame, 1, y++, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), labels[2], 0, y, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), row->claimed_entry, 1, y++, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), row->claimed_message, 1, y++, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);
  return box;
}

static void
build (TriEventEditor *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel, *content, *grid, *label, *add_box;
  int row = 0;

  /* the window */
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
  gtk_window_set_title (GTK_WINDOW (self), self->event == 0 ? _("New Event") : _("Edit Event"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 760);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 24);
  gtk_widget_set_margin_end (content, 24);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 24);

  /* what the document refused, said at once to a screen reader */
  self->banner = tri_editor_banner ();
  gtk_box_append (GTK_BOX (content), self->banner);

  {
    /* Translators: %s is a language by its own name ("Tiếng Việt") */
    g_autofree char *intro = g_strdup_printf (_("Title, summary and who claims it in %s; the other languages are under All Languages."),
                                              langs[self->data_lang].name);
    gtk_box_append (GTK_BOX (content), tri_editor_hint (intro));
  }

  /* the fields, each with its label and its message */
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (GTK_BOX (content), grid);

#define ATTACH(mnemonic, field, message_widget) G_STMT_START {                    \
    label = tri_editor_field_label (mnemonic, field);                                        \
    gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);                       \
    gtk_grid_attach (GTK_GRID (grid), shown, 1, row++, 1, 1);                     \
    if ((message_widget) != NULL)                                                 \
      gtk_grid_attach (GTK_GRID (grid), (message_widget), 1, row++, 1, 1);        \
  } G_STMT_END

  {
    LangRow *lang = &self->rows[self->data_lang];
    GtkWidget *shown;

    self->title = one_line_entry (lang->title);
    self->title_message = tri_editor_message_label ();
    shown = self->title;
    ATTACH (_("_Title"), self->title, self->title_message);

    self->summary = summary_view (lang->summary, 4);
    /* framed before it is labelled: a frame takes its child's label away */
    shown = framed (self->summary);
    ATTACH (_("S_ummary"), self->summary, NULL);
    gtk_widget_set_valign (label, GTK_ALIGN_START);
    gtk_widget_set_margin_top (label, 6);

    self->date = tri_date_entry_new (self->lang);
    shown = self->date;
    ATTACH (_("_Date"), GTK_WIDGET (tri_date_entry_get_entry (TRI_DATE_ENTRY (self->date))), NULL);
    gtk_widget_set_valign (label, GTK_ALIGN_START);
    gtk_widget_set_margin_top (label, 8);

    self->category = drop_down (category_label, TRI_N_CATEGORIES, self->lang);
    self->category_message = tri_editor_message_label ();
    shown = self->category;
    ATTACH (_("C_ategory"), self->category, self->category_message);

    self->confidence = drop_down (confidence_label, TRI_N_CONFIDENCES, self->lang);
    self->confidence_message = tri_editor_message_label ();
    shown = self->confidence;
    ATTACH (_("C_onfidence"), self->confidence, self->confidence_message);

    self->claimed = one_line_entry (lang->claimed);
    self->claimed_message = tri_editor_message_label ();
    gtk_entry_set_placeholder_text (GTK_ENTRY (self->claimed),
                                    _("Who says so, when it is reported or alleged"));
    shown = self->claimed;
    ATTACH (_("Claimed _by"), self->claimed, self->claimed_message);
  }
#undef ATTACH

  /* the relations it is about */
  /* Translators: a heading: the relations (sides of the triangle) an event is about */
  gtk_box_append (GTK_BOX (content), tri_editor_heading (_("Relations")));
  self->links_grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->links_grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (self->links_grid), 12);
  {
    const char *names[3] = { _("_Relation"), _("Sta_nce"), _("_Weight") };

    for (guint k = 0; k < 3; k++)
      {
        self->links_header[k] = g_object_ref_sink (gtk_label_new_with_mnemonic (names[k]));
        gtk_label_set_xalign (GTK_LABEL (self->links_header[k]), 0);
      }
  }
  gtk_box_append (GTK_BOX (content), self->links_grid);
  self->links_message = tri_editor_message_label ();
  gtk_box_append (GTK_BOX (content), self->links_message);
  add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->add_link = tri_editor_button (_("Add Relat_ion"));
  gtk_widget_set_halign (self->add_link, GTK_ALIGN_START);
  g_signal_connect (self->add_link, "clicked", G_CALLBACK (on_add_link), self);
  gtk_box_append (GTK_BOX (add_box), self->add_link);
  gtk_box_append (GTK_BOX (content), add_box);

  /* the quotes that back it */
  gtk_box_append (GTK_BOX (content), tri_editor_heading (_("Quotes that back it")));
  self->quotes_hint = tri_editor_hint ("");
  gtk_box_append (GTK_BOX (content), self->quotes_hint);
  self->quotes_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (content), self->quotes_box);
  self->quotes_more = tri_editor_hint ("");
  gtk_box_append (GTK_BOX (content), self->quotes_more);

  /* every language */
  self->expander = gtk_expander_new_with_mnemonic (_("All _Languages"));
  gtk_widget_set_margin_top (self->expander, 12);
  self->languages = build_languages (self);
  gtk_expander_set_child (GTK_EXPANDER (self->expander), self->languages);
  gtk_box_append (GTK_BOX (content), self->expander);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), content);
  gtk_window_set_child (GTK_WINDOW (self), self->scrolled);

  for (guint i = 0; i < N_LANGS; i++)
    connect_text (self, &self->rows[i]);
  g_signal_connect_swapped (self->date, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect (self->category, "notify::selected", G_CALLBACK (on_field_notify), self);
  g_signal_connect (self->confidence, "notify::selected", G_CALLBACK (on_field_notify), self);
}

/**
 * tri_event_editor_new:
 * @parent: the window it is modal for
 * @doc: the editable briefing
 * @event: the event to edit, or 0 for a new one
 * @lang: the data language: the title and summary edited in place
 *
 * Returns: (transfer none): the editor, presented; it closes itself after
 *   "saved" or on Cancel (Escape)
 */
GtkWindow *
tri_event_editor_new (GtkWindow   *parent,
                      TriDocument *doc,
                      gint64       event,
                      const char  *lang)
{
  TriEventEditor *self;

  g_return_val_if_fail (TRI_IS_DOCUMENT (doc), NULL);

  self = g_object_new (TRI_TYPE_EVENT_EDITOR, NULL);
  self->doc = g_object_ref (doc);
  self->event = event;
  self->lang = g_strdup (tri_lang_normalize (lang ? lang : "en"));
  for (guint i = 0; i < N_LANGS; i++)
    {
      self->rows[i].title = gtk_entry_buffer_new (NULL, 0);
      self->rows[i].summary = gtk_text_buffer_new (NULL);
      self->rows[i].claimed = gtk_entry_buffer_new (NULL, 0);
      if (g_str_equal (langs[i].code, self->lang))
        self->data_lang = i;
    }

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }

  build (self);
  load_relations (self);

  self->loading = TRUE;
  if (event != 0 && !load_event (self))
    {
      g_autofree char *message = g_strdup_printf (_("the briefing has no event %lld"), (long long) event);

      tri_editor_show_banner (self->banner, message);
      gtk_widget_set_sensitive (self->save, FALSE);
    }
  if (event == 0)
    /* a new event is about one relation at least: the first row is there */
    add_link_row (self, self->relations->len > 0 ? 0 : GTK_INVALID_LIST_POSITION, GTK_INVALID_LIST_POSITION, 1);
  self->loading = FALSE;

  load_quotes (self);
  on_changed (self);
  gtk_window_set_focus (GTK_WINDOW (self), self->title);
  gtk_window_present (GTK_WINDOW (self));

  return GTK_WINDOW (self);
}

gint64
tri_event_editor_get_event (TriEventEditor *self)
{
  g_return_val_if_fail (TRI_IS_EVENT_EDITOR (self), 0);
  return self->event;
}
