/* test-source-editor.c: a source with its text, and quotes made by
 * selecting it, through the editor a user has
 *
 * Runs under Xvfb with no window manager (as test-window does), so the
 * keys xdotool sends reach the editor as a user's would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "document/tri-document-private.h"
#include "document/tri-source-text.h"
#include "ui/tri-source-editor.h"
#include "tri-test-util.h"

/* A Vietnamese page: the passages quoted come after text beyond ASCII, so
 * that offsets counted in bytes rather than characters would cut them
 * wrong */
static const char page[] =
  "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Hiệp ước</title>"
  "<style>p { margin: 1em; }</style></head><body>"
  "<h1>Hiệp ước Đối tác Chiến lược Toàn diện Nga &ndash; Triều Tiên</h1>"
  "<p>Bình Nhưỡng, ngày 19/6 &mdash; Tổng thống Nga và nhà lãnh đạo Triều Tiên đã ký hiệp ước.</p>"
  "<p>Ông Kim gọi đó là &ldquo;liên minh&rdquo;. Moscow and Pyongyang pledged mutual assistance "
  "in case of aggression.</p><script>var x = '<p>not text</p>';</script></body></html>";

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static TriDocument *
new_document (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "briefing.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  TriDocument *doc;

  g_assert_true (tri_document_create_new (path, &error));
  g_assert_no_error (error);
  doc = tri_document_open (path, &error);
  g_assert_no_error (error);
  return doc;
}

static char *
strip_underline (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    if (*p != '_')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

static GtkWidget *
find_label_for (GtkWidget  *widget,
                const char *name)
{
  GtkWidget *found = NULL;

  if (GTK_IS_LABEL (widget) && gtk_label_get_mnemonic_widget (GTK_LABEL (widget)) != NULL &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c && !found; c = gtk_widget_get_next_sibling (c))
    found = find_label_for (c, name);
  return found;
}

/* The field a visible label names: its mnemonic widget, which has the
 * label as its accessible name */
static GtkWidget *
field (GtkWindow  *window,
       const char *name)
{
  GtkWidget *label = find_label_for (GTK_WIDGET (window), name);
  GtkWidget *widget;

  if (label == NULL)
    g_error ("no field labelled “%s”", name);
  g_assert_true (gtk_label_get_use_underline (GTK_LABEL (label)));
  g_assert_true (gtk_widget_get_visible (label));
  widget = gtk_label_get_mnemonic_widget (GTK_LABEL (label));
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL);
  return widget;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *name)
{
  GtkWidget *found = NULL;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *label = strip_underline (gtk_button_get_label (GTK_BUTTON (widget)));

      if (g_str_equal (label, name))
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c && !found; c = gtk_widget_get_next_sibling (c))
    found = find_button (c, name);
  return found;
}

static GtkWidget *
find_tooltip (GtkWidget  *widget,
              const char *tooltip)
{
  GtkWidget *found = NULL;

  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c && !found; c = gtk_widget_get_next_sibling (c))
    found = find_tooltip (c, tooltip);
  return found;
}

static GtkWidget *
button (GtkWindow  *window,
        const char *name)
{
  GtkWidget *b = find_button (GTK_WIDGET (window), name);

  if (b == NULL)
    g_error ("no button “%s”", name);
  return b;
}

/* as a click does (activating a button waits a moment before "clicked") */
static void
click (GtkWidget *b)
{
  g_assert_true (gtk_widget_is_visible (b));
  g_assert_true (gtk_widget_is_sensitive (b));
  g_signal_emit_by_name (b, "clicked");
  spin (50);
}

static void
type_into (GtkWindow  *window,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (window, name)), text);
}

/* The item of a drop-down whose text holds @part */
static void
choose (GtkWindow  *window,
        const char *name,
        const char *part)
{
  GtkDropDown *dd = GTK_DROP_DOWN (field (window, name));
  GListModel *model = gtk_drop_down_get_model (dd);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), part) != NULL)
      {
        gtk_drop_down_set_selected (dd, i);
        return;
      }
  g_error ("“%s” has no item “%s”", name, part);
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, text);
}

/* what the window says, as its shown labels */
static char *
shown_text (GtkWindow *window)
{
  GString *text = g_string_new (NULL);

  collect_labels (GTK_WIDGET (window), text);
  return g_string_free (text, FALSE);
}

static GtkWindow *
open_editor (TriDocument *doc,
             const char  *source)
{
  GtkWindow *editor = tri_source_editor_new (NULL, doc, source, "en");

  g_object_ref (editor);
  spin (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  return editor;
}

static void
close_editor (GtkWindow *editor)
{
  gtk_window_destroy (editor);
  g_object_unref (editor);
  spin (50);
}

typedef struct
{
  gint64  offset;
  char   *text;
  char   *claim;
  int     credibility;
  char   *relation;
} Quote;

static gboolean
read_quote (TriDocument *doc,
            guint        nth,
            Quote       *q)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (tri_document_get_db (doc),
                   "SELECT q.char_offset, q.text, q.claim, q.credibility, r.actor_a || '-' || r.actor_b"
                   " FROM quote q JOIN relation r ON r.id = q.relation ORDER BY q.id LIMIT 1 OFFSET ?",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, nth);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      q->offset = sqlite3_column_int64 (stmt, 0);
      q->text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      q->claim = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      q->credibility = sqlite3_column_int (stmt, 3);
      q->relation = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  return found;
}

static void
quote_clear (Quote *q)
{
  g_free (q->text);
  g_free (q->claim);
  g_free (q->relation);
}

static guint
count_quotes (TriDocument *doc)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  sqlite3_prepare_v2 (tri_document_get_db (doc), "SELECT count (*) FROM quote", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gint64
char_offset (const char *text,
             const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static char *
write_page (const char *dir)
{
  char *path = g_build_filename (dir, "hiep-uoc.html", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, page, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Every field has a visible label with a mnemonic that is its accessible
 * name, before saving and after (the quote's fields) */
static void
test_labels (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autoptr(TriDocument) doc = new_document (dir);
  GtkWindow *editor = open_editor (doc, NULL);
  const char *fields[] = { "Kind", "Title", "Outlet", "Authors", "Language", "Publication date",
                           "URL", "Reliability", "Source text" };
  const char *quote_fields[] = { "Relation", "Claim type", "Credibility", "Translation", "language" };
  g_autofree char *mnemonics = NULL;
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (gtk_widget_get_visible (field (editor, fields[i])));
  g_assert_true (gtk_widget_get_visible (button (editor, "Save")));
  g_assert_true (gtk_widget_get_visible (button (editor, "Cancel")));
  g_assert_true (gtk_widget_get_visible (button (editor, "Load Text…")));
  /* the title has the focus; the reliability offers the six grades and ungraded */
  g_assert_true (gtk_widget_has_focus (field (editor, "Title")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), field (editor, "Title")));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (field (editor, "Reliability")))), ==, 7);

  type_into (editor, "Title", "Hiệp ước Nga – Triều Tiên");
  type_into (editor, "Publication date", "2024-06");
  click (button (editor, "Save"));
  spin (100);
  g_assert_nonnull (tri_source_editor_get_source (TRI_SOURCE_EDITOR (editor)));

  for (guint i = 0; i < G_N_ELEMENTS (quote_fields); i++)
    g_assert_nonnull (field (editor, quote_fields[i]));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (field (editor, "Claim type")))), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (field (editor, "Credibility")))), ==, 7);
  /* the relations are the document's: the triangle's three */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (field (editor, "Relation")))), ==, 3);
  g_assert_nonnull (button (editor, "Make Quote"));

  /* no two of the labels share a mnemonic key */
  for (guint i = 0; i < G_N_ELEMENTS (fields) + G_N_ELEMENTS (quote_fields); i++)
    {
      const char *name = i < G_N_ELEMENTS (fields) ? fields[i] : quote_fields[i - G_N_ELEMENTS (fields)];
      GtkWidget *label = find_label_for (GTK_WIDGET (editor), name);
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (label)));

      g_assert_cmpuint (key, !=, GDK_KEY_VoidSymbol);
      g_assert_null (strchr (keys->str, (char) key));
      g_string_append_c (keys, (char) key);
    }
  mnemonics = g_string_free (keys, FALSE);
  g_assert_null (strchr (mnemonics, 'm'));   /* Alt+M is Make Quote's */

  close_editor (editor);
}

/* Loading an .html file stores its text; a selection becomes a quote of
 * exactly its characters at its character offset, after Vietnamese text;
 * reopened, the source shows its stored text with the quote highlighted */
static void
test_load_and_quote (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autoptr(TriDocument) doc = new_document (dir);
  g_autofree char *html = write_page (dir);
  g_autofree char *expected = tri_source_text_load (html, NULL, NULL, NULL);
  g_autofree char *stored = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *said = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *editor = open_editor (doc, NULL);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *source = NULL;
  const char *passages[] = { "Moscow and Pyongyang pledged mutual assistance", "liên minh" };
  Quote q = { 0 };

  g_assert_nonnull (expected);
  g_assert_true (tri_source_editor_load_text (TRI_SOURCE_EDITOR (editor), html, &error));
  g_assert_no_error (error);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (editor, "Source text")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_null (strstr (shown, "not text"));
  g_assert_nonnull (strstr (shown, "“liên minh”"));
  g_clear_pointer (&shown, g_free);
  /* what the page says of itself fills what is still empty or as it was */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (editor, "Title"))), ==,
                   "Hiệp ước Đối tác Chiến lược Toàn diện Nga – Triều Tiên");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (editor, "Language"))), ==, "vi");

  choose (editor, "Kind", "Article");
  type_into (editor, "Title", "Hiệp ước Đối tác Chiến lược Toàn diện");
  type_into (editor, "Outlet", "VnExpress");
  type_into (editor, "Authors", "Nguyễn Văn A, Trần Thị B");
  type_into (editor, "Language", "vi");
  type_into (editor, "Publication date", "2024-06-19");
  type_into (editor, "URL", "https://vnexpress.net/hiep-uoc");
  choose (editor, "Reliability", "B —");
  click (button (editor, "Save"));
  spin (100);

  /* stored: the text the file gave, as one "Add Source" */
  source = g_strdup (tri_source_editor_get_source (TRI_SOURCE_EDITOR (editor)));
  if (source == NULL)
    g_error ("not saved: %s", said = shown_text (editor));
  g_assert_cmpstr (source, ==, "hiep-uoc-doi-tac-chien-luoc-toan-dien");
  stored = tri_document_dup_source_text (doc, source);
  g_assert_cmpstr (stored, ==, expected);
  g_assert_cmpstr (tri_document_get_undo_name (doc), ==, "Add Source");
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (field (editor, "Source text"))));
  g_assert_false (gtk_widget_get_visible (button (editor, "Save")));

  /* the passages come after Vietnamese text: characters, not bytes */
  for (guint i = 0; i < G_N_ELEMENTS (passages); i++)
    {
      gint64 offset = char_offset (stored, passages[i]);
      gint64 length = g_utf8_strlen (passages[i], -1);

      g_assert_cmpint (offset, <, (gint64) (strstr (stored, passages[i]) - stored));
      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) offset);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) (offset + length));
      gtk_text_buffer_select_range (buffer, &start, &end);
      choose (editor, "Relation", "(RUS–PRK)");
      choose (editor, "Claim type", i == 0 ? "Official statement" : "Assessment");
      choose (editor, "Credibility", "2 —");
      if (i == 0)
        type_into (editor, "Translation", "Moscow và Bình Nhưỡng cam kết hỗ trợ lẫn nhau");
      click (button (editor, "Make Quote"));
      spin (50);

      g_assert_cmpuint (count_quotes (doc), ==, i + 1);
      g_assert_true (read_quote (doc, i, &q));
      g_assert_cmpstr (q.text, ==, passages[i]);
      g_assert_cmpint (q.offset, ==, offset);
      g_assert_cmpstr (q.claim, ==, i == 0 ? "official" : "assessment");
      g_assert_cmpint (q.credibility, ==, 2);
      g_assert_cmpstr (q.relation, ==, "RUS-PRK");
      quote_clear (&q);
      g_assert_true (tri_document_quote_verified (doc, i + 1));
      g_assert_cmpstr (tri_document_get_undo_name (doc), ==, "Add Quote");

      /* highlighted in the text, not left selected */
      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) offset + 1);
      g_assert_true (gtk_text_iter_has_tag (&start, gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "quote")));
      g_assert_false (gtk_text_buffer_get_selection_bounds (buffer, NULL, NULL));
    }
  said = shown_text (editor);
  g_assert_nonnull (strstr (said, "2 quotes from this source"));
  g_assert_nonnull (strstr (said, "“liên minh”"));
  g_clear_pointer (&said, g_free);

  /* a selection with white space around it: the quote is its words */
  {
    gint64 offset = char_offset (stored, "Tổng thống Nga");

    gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) offset - 1);
    gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) offset + 14 + 1);
    gtk_text_buffer_select_range (buffer, &start, &end);
    click (button (editor, "Make Quote"));
    spin (50);
    g_assert_true (read_quote (doc, 2, &q));
    g_assert_cmpstr (q.text, ==, "Tổng thống Nga");
    g_assert_cmpint (q.offset, ==, offset);
    quote_clear (&q);
  }

  /* nothing selected: nothing made, and said why */
  click (button (editor, "Make Quote"));
  spin (50);
  g_assert_cmpuint (count_quotes (doc), ==, 3);
  said = shown_text (editor);
  g_assert_nonnull (strstr (said, "Select the passage to quote"));
  g_clear_pointer (&said, g_free);
  close_editor (editor);

  /* opened again: the stored text, read-only, its quotes highlighted */
  editor = open_editor (doc, source);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (editor, "Source text")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_cmpstr (shown, ==, stored);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (field (editor, "Source text"))));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) char_offset (stored, "liên minh"));
  g_assert_true (gtk_text_iter_has_tag (&start, gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "quote")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (editor, "Outlet"))), ==, "VnExpress");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (field (editor, "Reliability"))), ==, 2);
  said = shown_text (editor);
  g_assert_nonnull (strstr (said, "3 quotes from this source"));

  /* showing the grade changes nothing; choosing another grades the source */
  g_assert_cmpstr (tri_document_get_undo_name (doc), ==, "Add Quote");
  g_assert_false (gtk_widget_is_sensitive (field (editor, "Title")));
  g_assert_true (gtk_widget_is_sensitive (field (editor, "Reliability")));
  choose (editor, "Reliability", "D —");
  g_assert_cmpstr (tri_document_get_undo_name (doc), ==, "Grade Source");
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (tri_document_get_db (doc), "SELECT reliability FROM source", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "D");
    sqlite3_finalize (stmt);
  }
  close_editor (editor);
}

static gboolean
needs_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    g_test_skip ("xdotool is not installed");
  return path != NULL;
}

static void
xdotool (const char *args)
{
  g_autofree char *cmd = g_strconcat ("xdotool ", args, NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  spin (150);
}

static gboolean
spin_until_quotes (TriDocument *doc,
                   guint        n)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end && count_quotes (doc) < n)
    g_main_context_iteration (NULL, FALSE);
  return count_quotes (doc) == n;
}

/* Keyboard-complete: Shift+arrows select, Alt+M or Ctrl+Enter make the
 * quote, Escape closes */
static void
test_keyboard (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autoptr(TriDocument) doc = new_document (dir);
  g_autofree char *html = write_page (dir);
  g_autofree char *stored = NULL;
  GtkWindow *editor;
  GtkWidget *view;
  GtkTextBuffer *buffer;
  GtkTextIter at;
  Quote q = { 0 };
  gint64 offset;

  if (!needs_xdotool ())
    return;
  editor = open_editor (doc, NULL);
  /* what the analyst wrote stays: the page does not overwrite it */
  type_into (editor, "Title", "Hiệp ước");
  type_into (editor, "Language", "ru");
  g_assert_true (tri_source_editor_load_text (TRI_SOURCE_EDITOR (editor), html, NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (editor, "Title"))), ==, "Hiệp ước");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (editor, "Language"))), ==, "ru");
  type_into (editor, "Publication date", "2024-06");
  /* Enter in a field saves (Save is the default); without a window
   * manager, the keyboard's focus follows the pointer */
  xdotool ("mousemove 500 300");
  gtk_widget_grab_focus (field (editor, "Publication date"));
  spin (100);
  xdotool ("key Return");
  spin (400);
  g_assert_nonnull (tri_source_editor_get_source (TRI_SOURCE_EDITOR (editor)));
  stored = tri_document_dup_source_text (doc, tri_source_editor_get_source (TRI_SOURCE_EDITOR (editor)));

  view = field (editor, "Source text");
  g_assert_true (gtk_widget_has_focus (view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  /* "Moscow" by six Shift+Right, then Alt+M */
  offset = char_offset (stored, "Moscow");
  gtk_text_buffer_get_iter_at_offset (buffer, &at, (int) offset);
  gtk_text_buffer_place_cursor (buffer, &at);
  xdotool ("key --delay 40 shift+Right shift+Right shift+Right shift+Right shift+Right shift+Right");
  xdotool ("key alt+m");
  g_assert_true (spin_until_quotes (doc, 1));
  g_assert_true (read_quote (doc, 0, &q));
  g_assert_cmpstr (q.text, ==, "Moscow");
  g_assert_cmpint (q.offset, ==, offset);
  quote_clear (&q);

  /* "liên minh" (9 characters, two of them beyond ASCII), then Ctrl+Enter */
  gtk_widget_grab_focus (view);
  offset = char_offset (stored, "liên minh");
  gtk_text_buffer_get_iter_at_offset (buffer, &at, (int) offset);
  gtk_text_buffer_place_cursor (buffer, &at);
  spin (50);
  xdotool ("key --delay 40 shift+Right shift+Right shift+Right shift+Right shift+Right shift+Right shift+Right shift+Right shift+Right");
  xdotool ("key ctrl+Return");
  g_assert_true (spin_until_quotes (doc, 2));
  g_assert_true (read_quote (doc, 1, &q));
  g_assert_cmpstr (q.text, ==, "liên minh");
  g_assert_cmpint (q.offset, ==, offset);
  quote_clear (&q);

  /* Escape closes it */
  xdotool ("key Escape");
  spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_object_unref (editor);
  spin (50);
}

/* A source without stored text takes typed quotes, not verified */
static void
test_without_text (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autoptr(TriDocument) doc = new_document (dir);
  GtkWindow *editor = open_editor (doc, NULL);
  g_autofree char *said = NULL;
  GtkWidget *typed;
  Quote q = { 0 };

  choose (editor, "Kind", "Statement");
  type_into (editor, "Title", "KCNA statement");
  type_into (editor, "Language", "ko");
  type_into (editor, "Publication date", "2024-early");
  click (button (editor, "Save"));
  spin (100);
  g_assert_nonnull (tri_source_editor_get_source (TRI_SOURCE_EDITOR (editor)));
  g_assert_null (tri_document_dup_source_text (doc, tri_source_editor_get_source (TRI_SOURCE_EDITOR (editor))));

  /* no text to select in: the quote is typed, and said to be unverified */
  said = shown_text (editor);
  g_assert_nonnull (strstr (said, "not verified against the source"));
  g_clear_pointer (&said, g_free);
  click (button (editor, "Quote Without Source Text…"));
  spin (100);
  typed = field (editor, "Quote text, word for word");
  g_assert_true (gtk_widget_has_focus (typed));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (typed)), "  조선은 러시아와 함께할 것이다  ", -1);
  choose (editor, "Relation", "(RUS–PRK)");
  choose (editor, "Claim type", "Official statement");
  click (button (editor, "Make Quote"));
  spin (50);

  g_assert_cmpuint (count_quotes (doc), ==, 1);
  g_assert_true (read_quote (doc, 0, &q));
  g_assert_cmpstr (q.text, ==, "조선은 러시아와 함께할 것이다");
  quote_clear (&q);
  g_assert_false (tri_document_quote_verified (doc, 1));
  said = shown_text (editor);
  g_assert_nonnull (strstr (said, "Official statement · Ungraded · not verified against the source"));
  close_editor (editor);
}

/* What cannot be saved is said beside it, and nothing is written */
static void
test_refused (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autoptr(TriDocument) doc = new_document (dir);
  g_autofree char *bad = g_build_filename (dir, "latin1.txt", NULL);
  g_autofree char *said = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *editor = open_editor (doc, NULL);

  /* a file that is not UTF-8 gives its sentence, and the text stays empty */
  g_file_set_contents (bad, "Tri\xEAu Ti\xEAn", -1, NULL);
  g_assert_false (tri_source_editor_load_text (TRI_SOURCE_EDITOR (editor), bad, &error));
  g_assert_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_ENCODING);

  type_into (editor, "Title", "Hiệp ước");
  type_into (editor, "Publication date", "the 45th of June");
  spin (50);
  said = shown_text (editor);
  g_assert_nonnull (strstr (said, "is not a date"));
  g_clear_pointer (&said, g_free);
  click (button (editor, "Save"));
  spin (50);
  said = shown_text (editor);
  g_assert_nonnull (strstr (said, "The publication date cannot be read"));
  g_clear_pointer (&said, g_free);
  g_assert_false (tri_document_can_undo (doc));
  g_assert_null (tri_source_editor_get_source (TRI_SOURCE_EDITOR (editor)));

  /* read back as the analyst wrote it */
  type_into (editor, "Publication date", "2024-06");
  spin (50);
  said = shown_text (editor);
  g_assert_nonnull (strstr (said, "Reads as: June 2024"));
  close_editor (editor);
}

/* Pasted text is stored as loaded text is (line breaks "\n"), and the
 * quotes are cut from what is stored, which is what is shown */
static void
test_pasted (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autoptr(TriDocument) doc = new_document (dir);
  GtkWindow *editor = open_editor (doc, NULL);
  g_autofree char *stored = NULL;
  g_autofree char *shown = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (editor, "Source text")));
  GtkTextIter start, end;
  Quote q = { 0 };

  gtk_text_buffer_set_text (buffer, "\xEF\xBB\xBF" "Bình Nhưỡng, 19/6\r\nMoscow và Bình Nhưỡng ký hiệp ước.\r\n", -1);
  type_into (editor, "Title", "Tin nhanh");
  type_into (editor, "Publication date", "2024-06-19");
  click (button (editor, "Save"));
  spin (50);
  stored = tri_document_dup_source_text (doc, tri_source_editor_get_source (TRI_SOURCE_EDITOR (editor)));
  g_assert_cmpstr (stored, ==, "Bình Nhưỡng, 19/6\nMoscow và Bình Nhưỡng ký hiệp ước.\n");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_cmpstr (shown, ==, stored);

  /* "Bình Nhưỡng ký" on the second line: 28 characters in, 33 bytes */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 28);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 28 + 14);
  gtk_text_buffer_select_range (buffer, &start, &end);
  click (button (editor, "Make Quote"));
  g_assert_true (read_quote (doc, 0, &q));
  g_assert_cmpstr (q.text, ==, "Bình Nhưỡng ký");
  g_assert_cmpint (q.offset, ==, 28);
  quote_clear (&q);
  g_assert_true (tri_document_quote_verified (doc, 1));

  /* a quote made by mistake is deleted from the list (Delete Quote) */
  {
    GtkWidget *delete = find_tooltip (GTK_WIDGET (editor), "Delete this quote");
    g_autofree char *said = NULL;

    g_assert_nonnull (delete);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete this quote");
    click (delete);
    g_assert_cmpuint (count_quotes (doc), ==, 0);
    g_assert_cmpstr (tri_document_get_undo_name (doc), ==, "Delete Quote");
    gtk_text_buffer_get_iter_at_offset (buffer, &start, 30);
    g_assert_false (gtk_text_iter_has_tag (&start, gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "quote")));
    said = shown_text (editor);
    g_assert_nonnull (strstr (said, "No quotes from this source yet"));
    g_assert_null (find_tooltip (GTK_WIDGET (editor), "Delete this quote"));
  }
  close_editor (editor);
}

static GtkWidget *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

/* Closing a source typed in and not saved asks first; an empty one or a
 * saved one closes at once */
static void
test_discard (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autoptr(TriDocument) doc = new_document (dir);
  GtkWindow *editor = open_editor (doc, NULL);
  GtkWidget *dialog;
  g_autofree char *said = NULL;

  /* nothing typed: Cancel closes */
  click (button (editor, "Cancel"));
  spin (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_null (find_dialog ());
  g_object_unref (editor);

  /* typed: Cancel asks; keeping on edits on */
  editor = open_editor (doc, NULL);
  type_into (editor, "Title", "Hiệp ước");
  click (button (editor, "Cancel"));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  said = shown_text (GTK_WINDOW (dialog));
  g_assert_nonnull (strstr (said, "Discard this source?"));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (editor, "Title"))), ==, "Hiệp ước");

  /* and discarding closes it, writing nothing */
  gtk_window_close (editor);
  spin (50);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  spin (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_false (tri_document_can_undo (doc));
  g_object_unref (editor);
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/source-editor/labels", test_labels);
  g_test_add_func ("/source-editor/load-and-quote", test_load_and_quote);
  g_test_add_func ("/source-editor/keyboard", test_keyboard);
  g_test_add_func ("/source-editor/without-text", test_without_text);
  g_test_add_func ("/source-editor/refused", test_refused);
  g_test_add_func ("/source-editor/pasted", test_pasted);
  g_test_add_func ("/source-editor/discard", test_discard);
  return g_test_run ();
}
