/* tri-source-editor.c: a source, its text, and quotes made by selecting it
 *
 * A modal window on a TriDocument. A new source is written in two halves:
 *
 * - Its metadata (kind, title, outlet, authors, language, the honest
 *   date of publication, URL, Admiralty reliability) and, when the analyst
 *   has it, its full text: pasted into the text view, or read from a
 *   .txt, .html or .md file (tri-source-text.c). Save adds it as one
 *   group, "Add Source".
 * - Then the text shown is the text stored, read back from the document,
 *   read-only, and quotes are made from it: the passage selected gives the
 *   character offset and length (GtkTextIter offsets count characters, as
 *   tri_validate_cut_quote() does), and the document cuts the quote out of
 *   its stored text, so a quote cannot differ from its source. Each is one
 *   group, "Add Quote". White space at the ends of a selection is left
 *   out; the characters between are the source's.
 *
 * The source's quotes are highlighted in its text and listed; choosing one
 * in the list selects it in the text, and one made by mistake is deleted
 * there (Delete Quote). A source without stored text still takes quotes,
 * typed in (Quote Without Source Text…), each marked "not verified against
 * the source" (stored at offset 0: where it is in the source is not
 * known). Once saved, a source's details stay as they are (the document
 * has no command to change them), except its reliability (Grade Source).
 * Closing a source typed in and not saved asks first.
 *
 * Everything is reachable from the keyboard: each field has a visible
 * label whose mnemonic names it (and is its accessible name); Ctrl+Enter
 * makes a quote of the selection, as Alt+M does; Escape closes.
 *
 * Reads go through tri_document_get_db(); every write is a command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-source-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "document/tri-document-private.h"
#include "document/tri-source-text.h"
#include "store/tri-date.h"
#include "store/tri-validate.h"
#include "tri-date-entry.h"
#include "tri-source-editor.h"

struct _TriSourceEditor
{
  GtkWindow      parent_instance;

  TriDocument   *doc;
  gulong         changed_id;
  char          *source;       /* once saved, or the one edited */
  char          *lang;         /* the data language */
  char          *file;         /* the file the text was loaded from */
  char          *stored;       /* the stored text, as shown; NULL: none */
  gboolean       typed;        /* quotes are typed in: the source has no text */
  gboolean       discard;      /* closing was confirmed */
  char          *default_language;  /* the Language field's, until it is typed in */

  GtkLabel      *header_title;
  GtkLabel      *heading;
  GtkLabel      *saved_note;
  GtkDropDown   *kind;
  GtkEntry      *title;
  GtkEntry      *outlet;
  GtkEntry      *authors;
  GtkEntry      *language;
  GtkLabel      *language_read;
  GtkEntry      *date;
  GtkWidget     *date_entry;   /* a TriDateEntry; date is its entry */
  GtkEntry      *url;
  GtkDropDown   *reliability;
  GtkLabel      *message;
  GtkWidget     *save;
  GtkWidget     *cancel;

  GtkTextView   *text_view;
  GtkTextBuffer *buffer;
  GtkTextTag    *quote_tag;
  GtkWidget     *load;
  GtkLabel      *text_hint;
  GtkLabel      *text_message;

  GtkRevealer   *quote_revealer;
  GtkDropDown   *relation;
  GtkDropDown   *claim;
  GtkDropDown   *credibility;
  GtkEntry      *translation_lang;
  GtkEntry      *translation;
  GtkWidget     *typed_box;
  GtkTextView   *typed_view;
  GtkWidget     *make_quote;
  GtkWidget     *without_text;
  GtkLabel      *quote_message;

  GtkLabel      *quotes_heading;
  GtkListBox    *quotes;
  GArray        *quote_ranges;  /* of gint64 pairs: offset, length, per row */

  GPtrArray     *relation_codes;
  GtkFileChooserNative *chooser;
};

enum { SAVED, QUOTE_ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TriSourceEditor, tri_source_editor, GTK_TYPE_WINDOW)

/* What kind of document a source is: stored in English, shown translated */
static const char * const kinds[] = {
  "article", "statement", "report", "transcript", "podcast", "video", "post", "document", "other",
};

static const char *
kind_label (guint i)
{
  switch (i)
    {
    case 0: return _("Article");
    /* Translators: a kind of source: a government's or a party's statement */
    case 1: return _("Statement");
    case 2: return _("Report");
    case 3: return _("Transcript");
    case 4: return _("Podcast");
    case 5: return _("Video");
    case 6: return _("Social media post");
    case 7: return _("Document");
    default: return _("Other");
    }
}

/* The Admiralty (NATO) grades with their meanings */
static const char *
reliability_label (guint i)
{
  switch (i)
    {
    /* Translators: A–F are the Admiralty (NATO) system's letters; keep them */
    case 1: return _("A — completely reliable");
    case 2: return _("B — usually reliable");
    case 3: return _("C — fairly reliable");
    case 4: return _("D — not usually reliable");
    case 5: return _("E — unreliable");
    case 6: return _("F — reliability cannot be judged");
    default: return _("Ungraded");
    }
}

static const char *
credibility_label (guint i)
{
  switch (i)
    {
    /* Translators: 1–6 are the Admiralty (NATO) system's numbers; keep them */
    case 1: return _("1 — confirmed by other sources");
    case 2: return _("2 — probably true");
    case 3: return _("3 — possibly true");
    case 4: return _("4 — doubtful");
    case 5: return _("5 — improbable");
    case 6: return _("6 — truth cannot be judged");
    default: return _("Ungraded");
    }
}

/* the claim types, in TriClaim's order (TRI_CLAIM_UNSTATED first) */
static const char *
claim_label (TriClaim claim)
{
  switch (claim)
    {
    case TRI_CLAIM_FACT: return _("Fact");
    case TRI_CLAIM_OFFICIAL: return _("Official statement");
    case TRI_CLAIM_REPORTED: return _("Reported");
    case TRI_CLAIM_ALLEGATION: return _("Allegation");
    case TRI_CLAIM_ASSESSMENT: return _("Assessment");
    case TRI_CLAIM_FORECAST: return _("Forecast");
    case TRI_CLAIM_UNSTATED:
    case TRI_N_CLAIMS:
    default: return _("Not stated");
    }
}

static const char *
language_name (const char *code)
{
  static const struct { const char *code; const char *name; } names[] = {
    { "en", N_("English") }, { "vi", N_("Vietnamese") }, { "ru", N_("Russian") },
    { "zh", N_("Chinese") }, { "ko", N_("Korean") }, { "ja", N_("Japanese") },
    { "fr", N_("French") }, { "de", N_("German") }, { "es", N_("Spanish") },
    { "ar", N_("Arabic") }, { "uk", N_("Ukrainian") }, { "mn", N_("Mongolian") },
  };
  g_autofree char *base = g_ascii_strdown (code, strcspn (code, "-_"));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].code, base))
      return _(names[i].name);
  return NULL;
}

/* "vi", "zh-Hant", "pt_BR": a language as a code */
static gboolean
language_valid (const char *code)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[-_]", code, 0, 0);
  gsize n = strlen (parts[0]);

  if (n < 2 || n > 3)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);

      if (len < 2 || len > 8)
        return FALSE;
      for (gsize k = 0; k < len; k++)
        if (!g_ascii_isalnum (parts[i][k]) || (i == 0 && !g_ascii_islower (parts[i][k])))
          return FALSE;
    }
  return TRUE;
}

static char *
entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/* --- reading the document ------------------------------------------------- */

static sqlite3_stmt *
prepare (TriSourceEditor *self,
         const char      *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (tri_document_get_db (self->doc), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("%s: %s", sql, sqlite3_errmsg (tri_document_get_db (self->doc)));
      return NULL;
    }
  return stmt;
}

static gboolean
source_exists (TriSourceEditor *self,
               const char      *id)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM source WHERE id = ?");
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* An id from the title ("hiep-uoc-nga-trieu-tien"), not yet taken */
static char *
new_source_id (TriSourceEditor *self,
               const char      *title)
{
  GString *latin = g_string_new (NULL);
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *id;

  /* Vietnamese đ has no decomposition for g_str_to_ascii() to drop */
  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x0111 || c == 0x0110)
        g_string_append_c (latin, c == 0x0111 ? 'd' : 'D');
      else
        g_string_append_unichar (latin, c);
    }
  ascii = g_str_to_ascii (latin->str, "C");
  g_string_free (latin, TRUE);

  for (const char *p = ascii; *p && slug->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "source");
  base = g_string_free (slug, FALSE);

  id = g_strdup (base);
  for (int n = 2; source_exists (self, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%d", base, n);
    }
  return id;
}

static void
fill_relations (TriSourceEditor *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const char *lang = tri_lang_normalize (self->lang);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT r.actor_a, r.actor_b,"
    " (SELECT name FROM actor_name WHERE actor = r.actor_a AND lang IN (?1, 'en') ORDER BY lang = 'en' LIMIT 1),"
    " (SELECT name FROM actor_name WHERE actor = r.actor_b AND lang IN (?1, 'en') ORDER BY lang = 'en' LIMIT 1)"
    " FROM relation r ORDER BY r.id");

  g_ptr_array_set_size (self->relation_codes, 0);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, lang, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *a = (const char *) sqlite3_column_text (stmt, 0);
      const char *b = (const char *) sqlite3_column_text (stmt, 1);
      const char *na = (const char *) sqlite3_column_text (stmt, 2);
      const char *nb = (const char *) sqlite3_column_text (stmt, 3);
      /* Translators: a relation in a list: "Russia – North Korea (RUS–PRK)" */
      g_autofree char *item = g_strdup_printf (_("%s – %s (%s–%s)"), na ? na : a, nb ? nb : b, a, b);

      gtk_string_list_append (list, item);
      g_ptr_array_add (self->relation_codes, g_strdup_printf ("%s-%s", a, b));
    }
  sqlite3_finalize (stmt);
  gtk_drop_down_set_model (self->relation, G_LIST_MODEL (list));
}

/* --- the quotes ---------------------------------------------------------- */

static void
say (GtkLabel   *label,
     const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
select_range (TriSourceEditor *self,
              gint64           offset,
              gint64           length)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) (offset + length));
  gtk_text_buffer_select_range (self->buffer, &start, &end);
  gtk_text_view_scroll_to_iter (self->text_view, &start, 0.1, FALSE, 0, 0);
}

static void
on_quote_row_activated (GtkListBox      *box,
                        GtkListBoxRow   *row,
                        TriSourceEditor *self)
{
  int i = gtk_list_box_row_get_index (row);
  gint64 *range;

  if (i < 0 || (guint) i >= self->quote_ranges->len / 2)
    return;
  range = &g_array_index (self->quote_ranges, gint64, i * 2);
  if (range[1] > 0)
    {
      select_range (self, range[0], range[1]);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
    }
}

/* "en: …", the quote's first translation, or NULL */
static char *
quote_translation (TriSourceEditor *self,
                   gint64           quote)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT lang, text FROM quote_translation WHERE quote = ? ORDER BY lang LIMIT 1");
  char *line = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, quote);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    /* Translators: a quote's translation under it: its language's code, then the text */
    line = g_strdup_printf (_("%s: %s"), (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return line;
}

/* Each is its own command, Delete Quote, undone from the window's menu */
static void
on_delete_quote_clicked (GtkButton       *button,
                         TriSourceEditor *self)
{
  const gint64 *id = g_object_get_data (G_OBJECT (button), "quote-id");
  g_autoptr(GError) error = NULL;

  if (id != NULL && !tri_document_delete_quote (self->doc, *id, &error))
    say (self->quote_message, error->message);
}

static void
refresh_quotes (TriSourceEditor *self)
{
  GtkTextIter start, end;
  GtkWidget *child;
  sqlite3_stmt *stmt;
  guint n = 0;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->quote_tag, &start, &end);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quotes))) != NULL)
    gtk_list_box_remove (self->quotes, child);
  g_array_set_size (self->quote_ranges, 0);

  if (self->source != NULL &&
      (stmt = prepare (self,
                       "SELECT q.id, q.char_offset, q.text, r.actor_a || '–' || r.actor_b, q.claim, q.credibility"
                       " FROM quote q JOIN relation r ON r.id = q.relation WHERE q.source = ?"
                       " ORDER BY q.char_offset, q.id")) != NULL)
    {
      sqlite3_bind_text (stmt, 1, self->source, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          gint64 offset = sqlite3_column_int64 (stmt, 1);
          const char *text = (const char *) sqlite3_column_text (stmt, 2);
          const char *relation = (const char *) sqlite3_column_text (stmt, 3);
          const char *claim_name = (const char *) sqlite3_column_text (stmt, 4);
          int credibility = sqlite3_column_int (stmt, 5);
          gboolean verified = tri_document_quote_verified (self->doc, id);
          gint64 length = verified ? g_utf8_strlen (text, -1) : 0;
          TriClaim claim = TRI_CLAIM_UNSTATED;
          g_autofree char *quoted = NULL;
          g_autofree char *detail = NULL;
          g_autofree char *translation = NULL;
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          GtkWidget *label;

          if (claim_name != NULL)
            tri_claim_from_string (claim_name, &claim);
          /* Translators: a quote in the list, in quotation marks */
          quoted = g_strdup_printf (_("“%s”"), text);
          label = gtk_label_new (quoted);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_lines (GTK_LABEL (label), 3);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_box_append (GTK_BOX (box), label);

          /* Translators: under a quote in the editor: its relation, claim
           * type and credibility, e.g. "RUS–PRK · Fact · 2 — probably true" */
          detail = g_strdup_printf (_("%s · %s · %s"), relation, claim_label (claim),
                                    credibility_label (CLAMP (credibility, 0, TRI_CREDIBILITY_MAX)));
          if (!verified)
            {
              char *more = g_strconcat (detail, " · ", _("not verified against the source"), NULL);
              g_free (detail);
              detail = more;
            }
          translation = quote_translation (self, id);
          if (translation != NULL)
            {
              label = gtk_label_new (translation);
              gtk_label_set_xalign (GTK_LABEL (label), 0);
              gtk_label_set_wrap (GTK_LABEL (label), TRUE);
              gtk_label_set_lines (GTK_LABEL (label), 2);
              gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
              gtk_box_append (GTK_BOX (box), label);
            }
          label = gtk_label_new (detail);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, verified ? "dim-label" : "warning");
          gtk_box_append (GTK_BOX (box), label);
          gtk_widget_set_hexpand (box, TRUE);
          {
            GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
            GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

            gtk_widget_set_valign (delete, GTK_ALIGN_START);
            gtk_widget_add_css_class (delete, "flat");
            gtk_widget_set_tooltip_text (delete, _("Delete this quote"));
            gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            _("Delete this quote"), -1);
            g_object_set_data_full (G_OBJECT (delete), "quote-id", g_memdup2 (&id, sizeof id), g_free);
            g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_quote_clicked), self);
            gtk_box_append (GTK_BOX (row), box);
            gtk_box_append (GTK_BOX (row), delete);
            gtk_widget_set_margin_top (row, 6);
            gtk_widget_set_margin_bottom (row, 6);
            gtk_widget_set_margin_start (row, 6);
            gtk_widget_set_margin_end (row, 6);
            gtk_list_box_append (self->quotes, row);
            gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, quoted,
                                            GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail, -1);
          }

          g_array_append_val (self->quote_ranges, offset);
          g_array_append_val (self->quote_ranges, length);
          if (verified && self->stored != NULL)
            {
              gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) offset);
              gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) (offset + length));
              gtk_text_buffer_apply_tag (self->buffer, self->quote_tag, &start, &end);
            }
          n++;
        }
      sqlite3_finalize (stmt);
    }

  {
    g_autofree char *heading = n == 0 ? g_strdup (_("No quotes from this source yet"))
                                      : g_strdup_printf (ngettext ("%u quote from this source",
                                                                   "%u quotes from this source", n), n);
    gtk_label_set_text (self->quotes_heading, heading);
    /* a source not yet saved has no quotes to speak of */
    gtk_widget_set_visible (GTK_WIDGET (self->quotes_heading), self->source != NULL);
    gtk_widget_set_visible (GTK_WIDGET (self->quotes), n > 0);
  }
}

/* --- the two states: new, and saved -------------------------------------- */

static void
set_text_hint (TriSourceEditor *self)
{
  const char *hint;

  if (self->source == NULL)
    hint = _("Paste the source’s full text here, or load it from a .txt, .html or .md file. "
             "Once the source is saved, quotes are made by selecting passages of it.");
  else if (self->stored != NULL)
    hint = _("Select a passage (with the mouse, or Shift and the arrow keys), then Make Quote (Ctrl+Enter): "
             "the quote is exactly the characters selected. Passages already quoted are highlighted.");
  else
    hint = _("The briefing has no text of this source: quotes from it are typed in, "
             "and marked “not verified against the source”.");
  gtk_label_set_text (self->text_hint, hint);
}

/* The source as stored: its fields read-only (its reliability can still be
 * graded), its text the stored one, and quotes made from it. */
static void
show_saved (TriSourceEditor *self)
{
  GtkWidget *fields[] = { GTK_WIDGET (self->kind), GTK_WIDGET (self->title), GTK_WIDGET (self->outlet),
                          GTK_WIDGET (self->authors), GTK_WIDGET (self->language), self->date_entry,
                          GTK_WIDGET (self->url) };
  g_autofree char *heading = NULL;

  /* there is no command to change them: shown as they are, not as fields
   * to type in (the focus leaves them first: GTK loses track of a focused
   * field made insensitive) */
  gtk_widget_grab_focus (GTK_WIDGET (self->reliability));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_set_sensitive (fields[i], FALSE);

  g_free (self->stored);
  self->stored = tri_document_dup_source_text (self->doc, self->source);
  self->typed = self->stored == NULL;
  gtk_label_set_text (self->saved_note,
                      self->stored != NULL
                      ? _("In the briefing, with its text. Its details stay as saved; its reliability can still be graded.")
                      : _("In the briefing, without its text. Its details stay as saved; its reliability can still be graded."));
  gtk_widget_set_visible (GTK_WIDGET (self->saved_note), TRUE);
  gtk_text_buffer_set_text (self->buffer, self->stored ? self->stored : "", -1);
  gtk_text_view_set_editable (self->text_view, FALSE);
  gtk_text_view_set_cursor_visible (self->text_view, TRUE);
  gtk_widget_set_visible (self->load, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->text_view), self->stored != NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->text_view)), self->stored != NULL);
  gtk_widget_set_visible (self->save, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->cancel), _("_Close"));
  gtk_widget_set_visible (self->without_text, self->stored == NULL);
  gtk_widget_set_visible (self->typed_box, FALSE);
  gtk_revealer_set_reveal_child (self->quote_revealer, self->stored != NULL);
  set_text_hint (self);

  /* Translators: the source editor's window title, with the source's title */
  heading = g_strdup_printf (_("Source — %s"), gtk_editable_get_text (GTK_EDITABLE (self->title)));
  gtk_label_set_text (self->heading, gtk_editable_get_text (GTK_EDITABLE (self->title)));
  gtk_window_set_title (GTK_WINDOW (self), heading);
  gtk_label_set_text (self->header_title, _("Source and Its Quotes"));
  refresh_quotes (self);
}

static void
load_source (TriSourceEditor *self)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT kind, title, outlet, authors, language, date, url, reliability FROM source WHERE id = ?");
  gboolean found = FALSE;

  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, self->source, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      const char *grade = (const char *) sqlite3_column_text (stmt, 7);
      GtkEntry *entries[] = { self->title, self->outlet, self->authors, self->language, self->date, self->url };
      int columns[] = { 1, 2, 3, 4, 5, 6 };
      guint k;

      for (k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (g_strcmp0 (kinds[k], kind) == 0)
          break;
      if (k == G_N_ELEMENTS (kinds) && kind != NULL)
        {
          /* a kind of its own, from data/briefing.json or an import */
          GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (self->kind));
          gtk_string_list_append (list, kind);
          k = g_list_model_get_n_items (G_LIST_MODEL (list)) - 1;
        }
      gtk_drop_down_set_selected (self->kind, k);
      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, columns[i]);
          gtk_editable_set_text (GTK_EDITABLE (entries[i]), value ? value : "");
        }
      gtk_drop_down_set_selected (self->reliability,
                                  grade && grade[0] >= 'A' && grade[0] <= 'F' ? (guint) (grade[0] - 'A' + 1) : 0);
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  if (found)
    show_saved (self);
  else
    {
      g_clear_pointer (&self->source, g_free);
      gtk_label_set_text (self->message, _("The briefing has no such source any more: it can be added again."));
    }
}

/* --- saving --------------------------------------------------------------- */

static void
on_save_clicked (GtkButton       *button,
                 TriSourceEditor *self)
{
  g_autofree char *title = entry_text (self->title);
  g_autofree char *outlet = entry_text (self->outlet);
  g_autofree char *authors = entry_text (self->authors);
  g_autofree char *language = entry_text (self->language);
  g_autofree char *date = entry_text (self->date);
  g_autofree char *url = entry_text (self->url);
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  TriSourceSpec spec = { 0 };
  GtkTextIter start, end;
  guint kind = gtk_drop_down_get_selected (self->kind);
  guint grade = gtk_drop_down_get_selected (self->reliability);
  TriDate parsed;
  const char *p;

  if (self->source != NULL)
    return;
  if (*title == '\0')
    {
      say (self->message, _("Give the source a title: the panel and the slides name it so."));
      gtk_widget_grab_focus (GTK_WIDGET (self->title));
      return;
    }
  if (!language_valid (language))
    {
      say (self->message, _("Write the source’s language as its code: vi, ru, zh, ko, en…"));
      gtk_widget_grab_focus (GTK_WIDGET (self->language));
      return;
    }
  if (!tri_validate_date (date, &parsed, &error))
    {
      g_autofree char *sentence = g_strdup_printf (_("The publication date cannot be read: %s."), error->message);

      say (self->message, sentence);
      tri_date_entry_show_message (TRI_DATE_ENTRY (self->date_entry));
      gtk_widget_grab_focus (GTK_WIDGET (self->date));
      return;
    }
  if (*url != '\0' && !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    {
      say (self->message, _("Write the URL in full, beginning with https://, or leave it empty."));
      gtk_widget_grab_focus (GTK_WIDGET (self->url));
      return;
    }

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  {
    g_autofree char *raw = gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
    text = tri_source_text_normalize (raw);
  }
  for (p = text; *p && g_ascii_isspace (*p); p++)
    ;

  id = new_source_id (self, title);
  spec.id = id;
  spec.kind = kind < G_N_ELEMENTS (kinds) ? kinds[kind]
              : gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (self->kind)), kind);
  spec.title = title;
  spec.outlet = *outlet ? outlet : NULL;
  spec.authors = authors;
  spec.language = language;
  spec.date = date;
  spec.url = *url ? url : NULL;
  spec.file = self->file;
  spec.reliability = grade > 0 ? (char) ('A' + grade - 1) : 0;
  spec.text = *p ? text : NULL;

  /* Translators: an action in the Undo menu item, "Undo Add Source" */
  tri_document_begin_group (self->doc, _("Add Source"));
  if (!tri_document_add_source (self->doc, &spec, &error))
    {
      g_autofree char *sentence = NULL;

      tri_document_cancel_group (self->doc);
      sentence = g_strdup_printf (_("The source was not saved: %s."), error->message);
      say (self->message, sentence);
      return;
    }
  if (!tri_document_end_group (self->doc, &error))
    {
      say (self->message, error->message);
      return;
    }
  say (self->message, NULL);
  self->source = g_steal_pointer (&id);
  show_saved (self);
  if (self->stored != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  else
    gtk_widget_grab_focus (self->without_text);
  g_signal_emit (self, signals[SAVED], 0, self->source);
}

static void
on_reliability_changed (GtkDropDown     *dropdown,
                        GParamSpec      *pspec,
                        TriSourceEditor *self)
{
  g_autoptr(GError) error = NULL;
  guint grade = gtk_drop_down_get_selected (dropdown);

  sqlite3_stmt *stmt;
  gboolean same = FALSE;

  /* once saved, a grade is its own command (Undo Grade Source); showing
   * the grade the source has is none */
  if (self->source == NULL ||
      (stmt = prepare (self, "SELECT coalesce (reliability, '') FROM source WHERE id = ?")) == NULL)
    return;
  sqlite3_bind_text (stmt, 1, self->source, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    same = TRUE;
  else
    {
      const char *now = (const char *) sqlite3_column_text (stmt, 0);
      same = grade == 0 ? now[0] == '\0' : now[0] == (char) ('A' + grade - 1);
    }
  sqlite3_finalize (stmt);
  if (same)
    return;
  if (!tri_document_grade_source (self->doc, self->source, grade > 0 ? (char) ('A' + grade - 1) : 0, &error))
    say (self->message, error->message);
}

/* --- making a quote ------------------------------------------------------- */

static void
make_quote (TriSourceEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *translation = entry_text (self->translation);
  g_autofree char *translation_lang = entry_text (self->translation_lang);
  TriQuoteSpec spec = { 0 };
  guint relation = gtk_drop_down_get_selected (self->relation);
  guint claim = gtk_drop_down_get_selected (self->claim);
  gint64 id;

  if (self->source == NULL)
    {
      say (self->quote_message, _("Save the source first: quotes are made from its stored text."));
      return;
    }
  if (relation == GTK_INVALID_LIST_POSITION || relation >= self->relation_codes->len)
    {
      say (self->quote_message, _("Choose the relation the quote is about."));
      return;
    }

  spec.source = self->source;
  if (!self->typed)
    {
      GtkTextIter start, end;
      g_autofree char *shown = NULL;
      g_autofree char *cut = NULL;

      if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
        {
          say (self->quote_message,
               _("Select the passage to quote in the source’s text first (with the mouse, or Shift and the arrow keys)."));
          gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
          return;
        }
      /* the white space around a passage is not part of the quote */
      while (gtk_text_iter_compare (&start, &end) < 0 && g_unichar_isspace (gtk_text_iter_get_char (&start)))
        gtk_text_iter_forward_char (&start);
      while (gtk_text_iter_compare (&start, &end) < 0)
        {
          GtkTextIter last = end;

          gtk_text_iter_backward_char (&last);
          if (!g_unichar_isspace (gtk_text_iter_get_char (&last)))
            break;
          end = last;
        }
      if (gtk_text_iter_equal (&start, &end))
        {
          say (self->quote_message, _("The passage selected is only white space: select the words to quote."));
          return;
        }
      /* characters, as the document counts them */
      spec.offset = gtk_text_iter_get_offset (&start);
      spec.length = gtk_text_iter_get_offset (&end) - spec.offset;

      /* what is shown is what is stored: a quote never differs from it */
      shown = gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
      cut = self->stored ? tri_validate_cut_quote (self->stored, spec.offset, spec.length, NULL) : NULL;
      if (cut == NULL || !g_str_equal (cut, shown))
        {
          g_critical ("the text shown differs from source %s's stored text at %" G_GINT64_FORMAT,
                      self->source, spec.offset);
          say (self->quote_message, _("The text shown is not the source’s stored text: close the editor and open the source again."));
          return;
        }
    }
  else
    {
      GtkTextIter start, end;
      g_autofree char *raw = NULL;

      gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->typed_view), &start, &end);
      raw = gtk_text_buffer_get_text (gtk_text_view_get_buffer (self->typed_view), &start, &end, TRUE);
      typed = g_strstrip (tri_source_text_normalize (raw));
      if (*typed == '\0')
        {
          say (self->quote_message, _("Type the quote, word for word as the source has it."));
          gtk_widget_grab_focus (GTK_WIDGET (self->typed_view));
          return;
        }
      spec.text = typed;
      spec.offset = 0;
      spec.length = g_utf8_strlen (typed, -1);
    }

  if (*translation != '\0' && !language_valid (translation_lang))
    {
      say (self->quote_message, _("Write the translation’s language as its code: en, vi, ru, zh_CN, ko…"));
      gtk_widget_grab_focus (GTK_WIDGET (self->translation_lang));
      return;
    }

  spec.relation = g_ptr_array_index (self->relation_codes, relation);
  spec.claim = claim > 0 && claim < TRI_N_CLAIMS ? tri_claim_to_string (claim) : NULL;
  spec.credibility = (int) gtk_drop_down_get_selected (self->credibility);
  if (*translation != '\0')
    {
      spec.translation = translation;
      spec.translation_lang = translation_lang;
    }

  /* Translators: an action in the Undo menu item, "Undo Add Quote" */
  tri_document_begin_group (self->doc, _("Add Quote"));
  id = tri_document_add_quote (self->doc, &spec, &error);
  if (id == 0)
    {
      g_autofree char *sentence = NULL;

      tri_document_cancel_group (self->doc);
      sentence = g_strdup_printf (_("The quote was not added: %s."), error->message);
      say (self->quote_message, sentence);
      return;
    }
  if (!tri_document_end_group (self->doc, &error))
    {
      say (self->quote_message, error->message);
      return;
    }

  say (self->quote_message, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->translation), "");
  if (self->typed)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->typed_view), "", -1);
  else
    {
      GtkTextIter end;

      /* the new quote shows highlighted, not selected */
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) (spec.offset + spec.length));
      gtk_text_buffer_place_cursor (self->buffer, &end);
    }
  refresh_quotes (self);
  g_signal_emit (self, signals[QUOTE_ADDED], 0, id);
}

static void
on_make_quote_clicked (GtkButton       *button,
                       TriSourceEditor *self)
{
  make_quote (self);
}

static gboolean
on_make_quote_shortcut (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   data)
{
  TriSourceEditor *self = TRI_SOURCE_EDITOR (widget);

  if (self->source == NULL || !gtk_widget_get_visible (self->make_quote) ||
      (self->typed && !gtk_widget_get_visible (self->typed_box)))
    return FALSE;
  make_quote (self);
  return TRUE;
}

static void
on_without_text_clicked (GtkButton       *button,
                         TriSourceEditor *self)
{
  gtk_widget_set_visible (self->typed_box, TRUE);
  gtk_revealer_set_reveal_child (self->quote_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->typed_view));
}

/* --- loading a file --------------------------------------------------------- */

/**
 * tri_source_editor_load_text:
 * @path: a .txt, .html or .md file
 *
 * Puts @path's text (tri_source_text_load()) into a new source's text
 * field, as "Load Text…" and dropping a file do.
 */
gboolean
tri_source_editor_load_text (TriSourceEditor  *self,
                             const char       *path,
                             GError          **error)
{
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lang = NULL;

  g_return_val_if_fail (TRI_IS_SOURCE_EDITOR (self), FALSE);

  if (self->source != NULL)
    {
      g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_FAILED,
                   "%s", _("The source is saved: its text stays as it was stored."));
      return FALSE;
    }
  text = tri_source_text_load (path, &title, &lang, error);
  if (text == NULL)
    return FALSE;
  gtk_text_buffer_set_text (self->buffer, text, -1);
  /* what the file says of itself, where the analyst has not said it */
  if (title != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->title)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->title), title);
  if (lang != NULL && language_valid (lang) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->language)), self->default_language) == 0)
    {
      g_autofree char *base = g_ascii_strdown (lang, strcspn (lang, "-_"));
      gtk_editable_set_text (GTK_EDITABLE (self->language), base);
    }
  g_free (self->file);
  self->file = g_path_get_basename (path);
  return TRUE;
}

static void
load_and_say (TriSourceEditor *self,
              const char      *path)
{
  g_autoptr(GError) error = NULL;

  if (tri_source_editor_load_text (self, path, &error))
    say (self->text_message, NULL);
  else
    say (self->text_message, error->message);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     TriSourceEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        load_and_say (self, path);
      else
        say (self->text_message, _("Choose a file on this computer."));
    }
  g_clear_object (&self->chooser);
}

static void
on_load_clicked (GtkButton       *button,
                 TriSourceEditor *self)
{
  static const struct { const char *name; const char *patterns[3]; } filters[] = {
    { N_("Text, HTML and Markdown"), { "*.txt", "*.html", "*.md" } },
    { N_("Text (.txt)"), { "*.txt", "*.text", NULL } },
    { N_("Web page (.html)"), { "*.html", "*.htm", NULL } },
    { N_("Markdown (.md)"), { "*.md", "*.markdown", NULL } },
  };

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Load the Source’s Text"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Load"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(filters[i].name));
      for (guint k = 0; k < G_N_ELEMENTS (filters[i].patterns) && filters[i].patterns[k]; k++)
        gtk_file_filter_add_pattern (filter, filters[i].patterns[k]);
      if (i == 0)
        {
          gtk_file_filter_add_pattern (filter, "*.htm");
          gtk_file_filter_add_pattern (filter, "*.markdown");
        }
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
      g_object_unref (filter);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         TriSourceEditor *self)
{
  GFile *file = g_value_get_object (value);
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path == NULL || self->source != NULL)
    return FALSE;
  load_and_say (self, path);
  return TRUE;
}

/* --- fields ----------------------------------------------------------------- */

static void
on_language_changed (GtkEditable     *editable,
                     TriSourceEditor *self)
{
  g_autofree char *code = entry_text (GTK_ENTRY (editable));
  const char *name = *code ? language_name (code) : NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->language_read), "error");
  if (*code == '\0')
    gtk_label_set_text (self->language_read, _("Its code: vi, ru, zh, ko, en…"));
  else if (!language_valid (code))
    {
      gtk_label_set_text (self->language_read, _("Not a language code: vi, ru, zh, ko, en…"));
      gtk_widget_add_css_class (GTK_WIDGET (self->language_read), "error");
    }
  else
    gtk_label_set_text (self->language_read, name ? name : "");
}

static GtkLabel *
add_label (GtkGrid    *grid,
           int         row,
           const char *mnemonic,
           GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  return GTK_LABEL (label);
}

static void
add_field (GtkGrid    *grid,
           int         row,
           const char *mnemonic,
           GtkWidget  *field)
{
  add_label (grid, row, mnemonic, field);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_widget_set_valign (field, GTK_ALIGN_BASELINE);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
}

static GtkLabel *
add_note (GtkGrid *grid,
          int      row)
{
  GtkWidget *note = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_grid_attach (grid, note, 1, row, 1, 1);
  return GTK_LABEL (note);
}

static GtkDropDown *
drop_down_of (const char *(*label) (guint),
              guint        n)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, label (i));
  return GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL));
}

static const char *
claim_item (guint i)
{
  return claim_label ((TriClaim) i);
}

static GtkEntry *
new_entry (const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  return GTK_ENTRY (entry);
}

static GtkWidget *
heading_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkLabel *
message_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

static GtkWidget *
build_metadata (TriSourceEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  const char *lang = tri_lang_normalize (self->lang);
  g_autofree char *base = g_strndup (lang, strcspn (lang, "_-"));
  int row = 0;

  self->heading = GTK_LABEL (heading_label (_("New source")));
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-4");
  gtk_widget_remove_css_class (GTK_WIDGET (self->heading), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heading));
  self->saved_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->saved_note, 0);
  gtk_label_set_wrap (self->saved_note, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->saved_note), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->saved_note), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->saved_note));

  gtk_grid_set_row_spacing (grid, 8);
  gtk_grid_set_column_spacing (grid, 12);

  self->kind = drop_down_of (kind_label, G_N_ELEMENTS (kinds));
  add_field (grid, row++, _("_Kind"), GTK_WIDGET (self->kind));
  self->title = new_entry (_("The headline, or what it is"));
  add_field (grid, row++, _("_Title"), GTK_WIDGET (self->title));
  self->outlet = new_entry (_("Newspaper, agency, ministry…"));
  add_field (grid, row++, _("_Outlet"), GTK_WIDGET (self->outlet));
  self->authors = new_entry (_("Names, separated by commas"));
  add_field (grid, row++, _("_Authors"), GTK_WIDGET (self->authors));

  self->language = new_entry (NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->language), base);
  self->default_language = g_strdup (base);
  add_field (grid, row++, _("_Language"), GTK_WIDGET (self->language));
  self->language_read = add_note (grid, row++);
  g_signal_connect (self->language, "changed", G_CALLBACK (on_language_changed), self);
  on_language_changed (GTK_EDITABLE (self->language), self);

  /* the honest date, read back as Trilateral reads it (B's TriDateEntry) */
  self->date_entry = tri_date_entry_new (self->lang);
  self->date = tri_date_entry_get_entry (TRI_DATE_ENTRY (self->date_entry));
  gtk_entry_set_placeholder_text (self->date, _("2024-06-19, June 2024, early 2024…"));
  {
    /* level with the entry, not with the entry and its read-back line */
    GtkWidget *label = GTK_WIDGET (add_label (grid, row, _("_Publication date"), GTK_WIDGET (self->date)));

    gtk_widget_set_valign (label, GTK_ALIGN_START);
    gtk_widget_set_margin_top (label, 9);
  }
  gtk_widget_set_hexpand (self->date_entry, TRUE);
  gtk_grid_attach (grid, self->date_entry, 1, row++, 1, 1);

  self->url = new_entry ("https://…");
  gtk_entry_set_input_purpose (self->url, GTK_INPUT_PURPOSE_URL);
  add_field (grid, row++, _("_URL"), GTK_WIDGET (self->url));

  self->reliability = drop_down_of (reliability_label, 7);
  add_field (grid, row++, _("R_eliability"), GTK_WIDGET (self->reliability));
  {
    GtkLabel *note = add_note (grid, row++);
    gtk_label_set_text (note, _("How reliable the source has proved, in the Admiralty (NATO) system."));
  }
  g_signal_connect (self->reliability, "notify::selected", G_CALLBACK (on_reliability_changed), self);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (grid));
  self->message = message_label ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));

  /* the source's quotes */
  self->quotes_heading = GTK_LABEL (heading_label (NULL));
  gtk_widget_set_margin_top (GTK_WIDGET (self->quotes_heading), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->quotes_heading));
  self->quotes = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->quotes, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->quotes), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->quotes), "frame");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->quotes), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->quotes_heading, NULL, -1);
  g_signal_connect (self->quotes, "row-activated", G_CALLBACK (on_quote_row_activated), self);
  {
    GtkWidget *scroll = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->quotes));
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
    gtk_widget_set_vexpand (scroll, TRUE);
    gtk_box_append (GTK_BOX (box), scroll);
  }

  gtk_widget_set_size_request (box, 400, -1);
  gtk_label_set_max_width_chars (self->heading, 36);
  gtk_label_set_max_width_chars (self->saved_note, 36);
  return box;
}

static GtkWidget *
build_quote_form (TriSourceEditor *self)
{
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *translation = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scroll;
  GtkLabel *typed_label;
  int row = 0;

  gtk_box_append (GTK_BOX (frame), heading_label (_("New quote from the selection")));
  gtk_grid_set_row_spacing (grid, 8);
  gtk_grid_set_column_spacing (grid, 12);

  /* a typed quote, for a source without stored text */
  self->typed_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->typed_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->typed_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->typed_view, FALSE);
  gtk_text_view_set_top_margin (self->typed_view, 6);
  gtk_text_view_set_bottom_margin (self->typed_view, 6);
  gtk_text_view_set_left_margin (self->typed_view, 6);
  gtk_text_view_set_right_margin (self->typed_view, 6);
  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->typed_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), 72);
  gtk_widget_add_css_class (scroll, "frame");
  typed_label = GTK_LABEL (gtk_label_new_with_mnemonic (_("_Quote text, word for word")));
  gtk_label_set_xalign (typed_label, 0);
  gtk_label_set_mnemonic_widget (typed_label, GTK_WIDGET (self->typed_view));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->typed_view), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  typed_label, NULL, -1);
  gtk_box_append (GTK_BOX (self->typed_box), GTK_WIDGET (typed_label));
  gtk_box_append (GTK_BOX (self->typed_box), scroll);
  {
    GtkWidget *warning = gtk_label_new (_("Not verified against the source: the briefing has no text of it to check the quote against."));

    gtk_label_set_xalign (GTK_LABEL (warning), 0);
    gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
    gtk_widget_add_css_class (warning, "warning");
    gtk_box_append (GTK_BOX (self->typed_box), warning);
  }
  gtk_widget_set_visible (self->typed_box, FALSE);
  gtk_box_append (GTK_BOX (frame), self->typed_box);

  self->relation = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  add_field (grid, row++, _("_Relation"), GTK_WIDGET (self->relation));
  fill_relations (self);
  self->claim = drop_down_of (claim_item, TRI_N_CLAIMS);
  add_field (grid, row++, _("Claim t_ype"), GTK_WIDGET (self->claim));
  self->credibility = drop_down_of (credibility_label, TRI_CREDIBILITY_MAX + 1);
  add_field (grid, row++, _("Credi_bility"), GTK_WIDGET (self->credibility));

  self->translation_lang = new_entry (NULL);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->translation_lang), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->translation_lang), 5);
  gtk_widget_set_hexpand (GTK_WIDGET (self->translation_lang), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->translation_lang),
                         g_str_has_prefix (tri_lang_normalize (self->lang), "vi") ? "en" : tri_lang_normalize (self->lang));
  self->translation = new_entry (_("Optional"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->translation), _("The quote in another language, for the panel and the slides"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->translation), TRUE);
  add_label (grid, row, _("Tra_nslation"), GTK_WIDGET (self->translation));
  {
    GtkWidget *lang_label = gtk_label_new_with_mnemonic (_("lan_guage"));

    gtk_label_set_mnemonic_widget (GTK_LABEL (lang_label), GTK_WIDGET (self->translation_lang));
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->translation_lang), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    lang_label, NULL, -1);
    gtk_widget_add_css_class (lang_label, "dim-label");
    gtk_box_append (GTK_BOX (translation), GTK_WIDGET (self->translation));
    gtk_box_append (GTK_BOX (translation), lang_label);
    gtk_box_append (GTK_BOX (translation), GTK_WIDGET (self->translation_lang));
  }
  gtk_grid_attach (grid, translation, 1, row++, 1, 1);
  gtk_box_append (GTK_BOX (frame), GTK_WIDGET (grid));

  self->quote_message = message_label ();
  gtk_box_append (GTK_BOX (frame), GTK_WIDGET (self->quote_message));

  self->make_quote = gtk_button_new_with_mnemonic (_("_Make Quote"));
  gtk_widget_add_css_class (self->make_quote, "suggested-action");
  gtk_widget_set_tooltip_text (self->make_quote, _("Adds the passage selected as a quote (Ctrl+Enter)"));
  g_signal_connect (self->make_quote, "clicked", G_CALLBACK (on_make_quote_clicked), self);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), self->make_quote);
  gtk_box_append (GTK_BOX (frame), buttons);

  gtk_widget_add_css_class (frame, "card");
  gtk_widget_set_margin_top (frame, 4);
  {
    GtkWidget *padded = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_widget_set_margin_top (frame, 12);
    gtk_widget_set_margin_bottom (frame, 12);
    gtk_widget_set_margin_start (frame, 12);
    gtk_widget_set_margin_end (frame, 12);
    gtk_box_append (GTK_BOX (padded), frame);
    gtk_widget_add_css_class (padded, "frame");
    self->quote_revealer = GTK_REVEALER (gtk_revealer_new ());
    gtk_revealer_set_child (self->quote_revealer, padded);
  }
  return GTK_WIDGET (self->quote_revealer);
}

static GtkWidget *
build_text (TriSourceEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Source te_xt"));
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkDropTarget *drop;

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  self->buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->text_view, 12);
  gtk_text_view_set_bottom_margin (self->text_view, 12);
  gtk_text_view_set_left_margin (self->text_view, 12);
  gtk_text_view_set_right_margin (self->text_view, 12);
  gtk_text_view_set_pixels_below_lines (self->text_view, 2);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  self->quote_tag = gtk_text_buffer_create_tag (self->buffer, "quote",
                                                "background-rgba", &(GdkRGBA) { 0.96, 0.83, 0.18, 0.45 },
                                                "underline", PANGO_UNDERLINE_SINGLE,
                                                NULL);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->text_view));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  self->load = gtk_button_new_with_mnemonic (_("Loa_d Text…"));
  gtk_widget_set_tooltip_text (self->load, _("Reads the text of a .txt, .html or .md file"));
  g_signal_connect (self->load, "clicked", G_CALLBACK (on_load_clicked), self);
  self->without_text = gtk_button_new_with_mnemonic (_("Quote _Without Source Text…"));
  gtk_widget_set_visible (self->without_text, FALSE);
  g_signal_connect (self->without_text, "clicked", G_CALLBACK (on_without_text_clicked), self);
  gtk_box_append (GTK_BOX (top), label);
  gtk_box_append (GTK_BOX (top), self->load);
  gtk_box_append (GTK_BOX (top), self->without_text);
  gtk_box_append (GTK_BOX (box), top);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->text_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_widget_add_css_class (scroll, "frame");
  gtk_box_append (GTK_BOX (box), scroll);

  self->text_hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->text_hint, 0);
  gtk_label_set_wrap (self->text_hint, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->text_hint), "dim-label");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->text_hint, NULL, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->text_hint));
  self->text_message = message_label ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->text_message));

  gtk_box_append (GTK_BOX (box), build_quote_form (self));

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (drop));
  return box;
}

/* --- the object --------------------------------------------------------------- */

static void
on_doc_changed (TriDocument     *doc,
                guint            changes,
                TriSourceEditor *self)
{
  if (changes & TRI_DOCUMENT_CHANGE_RELATIONS)
    fill_relations (self);
  if (self->source != NULL && (changes & (TRI_DOCUMENT_CHANGE_QUOTES | TRI_DOCUMENT_CHANGE_SOURCES)))
    {
      if (!source_exists (self, self->source))
        {
          /* undone: the source is gone, and so is its editor */
          g_clear_pointer (&self->source, g_free);
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      refresh_quotes (self);
    }
}

/* Something typed or loaded that closing would lose */
static gboolean
has_unsaved (TriSourceEditor *self)
{
  GtkEntry *entries[] = { self->title, self->outlet, self->authors, self->date, self->url };

  if (self->source != NULL)
    return FALSE;
  if (gtk_text_buffer_get_char_count (self->buffer) > 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (*gtk_editable_get_text (GTK_EDITABLE (entries[i])) != '\0')
      return TRUE;
  return FALSE;
}

static void
on_discard_response (GtkDialog       *dialog,
                     int              response,
                     TriSourceEditor *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    {
      self->discard = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Cancel, Escape or the window's close: a source typed in and not saved
 * is not lost without asking */
static gboolean
tri_source_editor_close_request (GtkWindow *window)
{
  TriSourceEditor *self = TRI_SOURCE_EDITOR (window);
  GtkWidget *dialog;
  GtkWidget *discard;

  if (self->discard || !has_unsaved (self))
    return GTK_WINDOW_CLASS (tri_source_editor_parent_class)->close_request (window);

  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", _("Discard this source?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("It is not saved: what was typed and loaded for it would be lost."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Keep Editing"), GTK_RESPONSE_CANCEL);
  discard = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Discard"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (discard, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
tri_source_editor_dispose (GObject *object)
{
  TriSourceEditor *self = TRI_SOURCE_EDITOR (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_signal_handler (&self->changed_id, self->doc);
  g_clear_object (&self->doc);

  G_OBJECT_CLASS (tri_source_editor_parent_class)->dispose (object);
}

static void
tri_source_editor_finalize (GObject *object)
{
  TriSourceEditor *self = TRI_SOURCE_EDITOR (object);

  g_free (self->source);
  g_free (self->lang);
  g_free (self->file);
  g_free (self->stored);
  g_free (self->default_language);
  g_clear_pointer (&self->relation_codes, g_ptr_array_unref);
  g_clear_pointer (&self->quote_ranges, g_array_unref);

  G_OBJECT_CLASS (tri_source_editor_parent_class)->finalize (object);
}

static void
tri_source_editor_class_init (TriSourceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = tri_source_editor_close_request;
  object_class->dispose = tri_source_editor_dispose;
  object_class->finalize = tri_source_editor_finalize;

  /**
   * TriSourceEditor::saved:
   * @source: the new source's id
   *
   * The source was added (one "Add Source" in the history).
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TriSourceEditor::quote-added:
   * @quote: the new quote's id
   *
   * A quote was made (one "Add Quote" in the history).
   */
  signals[QUOTE_ADDED] = g_signal_new ("quote-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tri_source_editor_init (TriSourceEditor *self)
{
  self->relation_codes = g_ptr_array_new_with_free_func (g_free);
  self->quote_ranges = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
build (TriSourceEditor *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *left = build_metadata (self);
  GtkWidget *right = build_text (self);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  self->save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (self->save, "suggested-action");
  g_signal_connect (self->save, "clicked", G_CALLBACK (on_save_clicked), self);
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  self->header_title = GTK_LABEL (gtk_label_new (_("Add Source")));
  gtk_widget_add_css_class (GTK_WIDGET (self->header_title), "title");
  gtk_header_bar_set_title_widget (GTK_HEADER_BAR (header), GTK_WIDGET (self->header_title));
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), self->cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), self->save);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);

  gtk_widget_set_margin_top (body, 18);
  gtk_widget_set_margin_bottom (body, 18);
  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  /* the text takes the room; the fields keep theirs */
  gtk_widget_set_hexpand (left, FALSE);
  gtk_widget_set_hexpand (right, TRUE);
  gtk_box_append (GTK_BOX (body), left);
  gtk_box_append (GTK_BOX (body), separator);
  gtk_box_append (GTK_BOX (body), right);
  gtk_window_set_child (GTK_WINDOW (self), body);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save);

  /* Ctrl+Enter makes a quote, wherever the focus is (the text view first) */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                      gtk_callback_action_new (on_make_quote_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/**
 * tri_source_editor_new:
 * @parent: (nullable): the window it is modal to
 * @doc: the briefing being edited
 * @source: (nullable): the id of the source to show and quote; %NULL: a
 *   new source
 * @lang: the data language (names of actors, the date read back)
 *
 * Returns: (transfer none): the editor, presented; it destroys itself when
 *   closed
 */
GtkWindow *
tri_source_editor_new (GtkWindow   *parent,
                       TriDocument *doc,
                       const char  *source,
                       const char  *lang)
{
  TriSourceEditor *self;

  g_return_val_if_fail (TRI_IS_DOCUMENT (doc), NULL);

  self = g_object_new (TRI_TYPE_SOURCE_EDITOR, NULL);
  self->doc = g_object_ref (doc);
  self->lang = g_strdup (lang ? lang : "en");
  self->source = g_strdup (source);
  build (self);

  gtk_window_set_title (GTK_WINDOW (self), _("Add Source"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_set_default_size (GTK_WINDOW (self), 1100, 760);

  self->changed_id = g_signal_connect (doc, "changed", G_CALLBACK (on_doc_changed), self);
  set_text_hint (self);
  refresh_quotes (self);
  if (self->source != NULL)
    load_source (self);
  if (self->source == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->title));
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WINDOW (self);
}

const char *
tri_source_editor_get_source (TriSourceEditor *self)
{
  g_return_val_if_fail (TRI_IS_SOURCE_EDITOR (self), NULL);
  return self->source;
}
