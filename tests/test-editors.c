/* test-editors.c: the event editor, the actor editor and the date field,
 * in-process, with GTK's test accessibility backend
 *
 * Each test edits a new briefing of its own through the editors' widgets
 * as a user fills them in, then reads what the document holds.
 * TRI_SCREENSHOT_DIR=DIR keeps a PNG of the event editor in English and
 * in Vietnamese.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "document/tri-document-private.h"
#include "render/tri-catalog.h"
#include "render/tri-labels.h"
#include "store/tri-model.h"
#include "ui/tri-actor-editor.h"
#include "ui/tri-date-entry.h"
#include "ui/tri-event-editor.h"
#include "tri-test-util.h"

static const char source_text[] =
  "Bình Nhưỡng, 19/6 — Moscow and Pyongyang signed a treaty on comprehensive strategic partnership. "
  "Kim Jong Un called it “an alliance”. Washington said the pact threatens peace on the peninsula.";

typedef struct
{
  char        *dir;
  char        *path;
  TriDocument *doc;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = tri_test_tmpdir ();
  f->path = g_build_filename (f->dir, "mine.trilateral", NULL);
  g_assert_true (tri_document_create_new (f->path, &error));
  g_assert_no_error (error);
  f->doc = tri_document_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->doc);
  g_free (f->path);
  tri_test_dir_remove (f->dir);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
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
}

static gint64
query_int (TriDocument *doc,
           const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (tri_document_get_db (doc), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
query_text (TriDocument *doc,
            const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tri_document_get_db (doc), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

/* --- finding what a user sees --------------------------------------------- */

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect (c, type, found);
}

static GPtrArray *
all_of (GtkWidget *root,
        GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  if (GTK_IS_WINDOW (root) && gtk_window_get_titlebar (GTK_WINDOW (root)) != NULL &&
      !gtk_widget_is_ancestor (gtk_window_get_titlebar (GTK_WINDOW (root)), root))
    collect (gtk_window_get_titlebar (GTK_WINDOW (root)), type, found);
  return found;
}

/* The label the user reads, by its text without the mnemonic's mark */
static gpointer
first_of (GtkWidget *root,
          GType      type)
{
  g_autoptr(GPtrArray) found = all_of (root, type);

  g_assert_cmpuint (found->len, >, 0);
  return found->pdata[0];
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = all_of (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  return NULL;
}

/* The field a label names, as its mnemonic reaches it */
static GtkWidget *
field (GtkWidget  *root,
       const char *label_text)
{
  GtkLabel *label = find_label (root, label_text);
  GtkWidget *widget;

  g_assert_nonnull (label);
  widget = gtk_label_get_mnemonic_widget (label);
  g_assert_nonnull (widget);
  /* a screen reader names the field by the label */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       label, NULL);
  return widget;
}

static GtkWidget *
button (GtkWidget  *root,
        const char *label)
{
  g_autoptr(GPtrArray) buttons = all_of (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      const char *l = gtk_button_get_label (buttons->pdata[i]);
      g_autofree char *plain = l ? g_strdup (l) : NULL;

      if (plain != NULL)
        {
          char *u = strchr (plain, '_');
          if (u != NULL)
            memmove (u, u + 1, strlen (u));
        }
      if (g_strcmp0 (plain, label) == 0)
        return buttons->pdata[i];
    }
  g_assert_not_reached ();
  return NULL;
}

/* a click: GtkButton's own "activate" clicks only after its animation */
static void
press (GtkWidget *widget)
{
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_signal_emit_by_name (widget, "clicked");
}

static void
type_into (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
choose (GtkWidget  *drop_down,
        const char *item)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) s = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (s), item) == 0)
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
          return;
        }
    }
  g_error ("no item “%s”", item);
}

static const char *
chosen (GtkWidget *drop_down)
{
  gpointer item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (drop_down));

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* The field @name ("Title", "Claimed by") of @language's texts in the
 * side-by-side view, or of an actor's names (@name NULL) */
static GtkWidget *
language_field (GtkWidget  *editor,
                const char *language,
                const char *name)
{
  GtkLabel *heading = find_label (editor, language);
  g_autofree char *above = g_strdup_printf ("%s (the fields above)", language);
  GtkWidget *grid;
  int top, row;

  if (heading == NULL)
    heading = find_label (editor, above);
  g_assert_nonnull (heading);
  grid = gtk_widget_get_parent (GTK_WIDGET (heading));
  g_assert_true (GTK_IS_GRID (grid));
  gtk_grid_query_child (GTK_GRID (grid), GTK_WIDGET (heading), NULL, &top, NULL, NULL);
  if (name == NULL)
    return gtk_grid_get_child_at (GTK_GRID (grid), 1, top);
  for (row = top + 1; row < top + 8; row++)
    {
      GtkWidget *label = gtk_grid_get_child_at (GTK_GRID (grid), 0, row);
      GtkWidget *widget = gtk_grid_get_child_at (GTK_GRID (grid), 1, row);

      if (GTK_IS_LABEL (label) && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), name))
        return GTK_IS_FRAME (widget) ? gtk_frame_get_child (GTK_FRAME (widget)) : widget;
    }
  g_error ("no field %s of %s", name, language);
  return NULL;
}

static void
expand_languages (GtkWindow *editor)
{
  g_autoptr(GPtrArray) expanders = all_of (GTK_WIDGET (editor), GTK_TYPE_EXPANDER);

  g_assert_cmpuint (expanders->len, ==, 1);
  gtk_expander_set_expanded (expanders->pdata[0], TRUE);
}

static gboolean
has_visible_text (GtkWidget  *root,
                  const char *text)
{
  g_autoptr(GPtrArray) labels = all_of (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i]) &&
        strstr (gtk_label_get_text (labels->pdata[i]), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
on_saved (GtkWindow *editor,
          gint64     id,
          gint64    *saved)
{
  *saved = id;
}

static void
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("TRI_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  spin (300);
  /* the whole form, beyond what the window's scrolling shows, too */
  if (g_str_has_suffix (name, "-full.png"))
    window = gtk_viewport_get_child (GTK_VIEWPORT (first_of (window, GTK_TYPE_VIEWPORT)));
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* --- fixtures' contents --------------------------------------------------- */

static void
add_source_and_quotes (Fixture *f,
                       gint64  *quotes)
{
  g_autoptr(GError) error = NULL;
  const char *passages[] = { "signed a treaty on comprehensive strategic partnership", "“an alliance”" };
  TriSourceSpec source = {
    .id = "kcna-2024-06-19", .kind = "article", .title = "Treaty signed", .outlet = "KCNA",
    .language = "en", .date = "2024-06-19", .reliability = 'B', .text = source_text,
  };

  g_assert_true (tri_document_add_source (f->doc, &source, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      const char *at = strstr (source_text, passages[i]);
      TriQuoteSpec spec = {
        .source = source.id,
        .offset = g_utf8_pointer_to_offset (source_text, at),
        .length = g_utf8_strlen (passages[i], -1),
        .relation = "RUS-PRK",
      };

      quotes[i] = tri_document_add_quote (f->doc, &spec, &error);
      g_assert_no_error (error);
      g_assert_cmpint (quotes[i], >, 0);
    }
}

/* Fills a new event in as a user would, in English. */
static void
fill_event (GtkWidget *editor)
{
  gboolean vi = g_str_equal (gtk_window_get_title (GTK_WINDOW (editor)), "New Event") &&
                find_label (editor, "Title, summary and who claims it in Tiếng Việt; the other languages are under All Languages.") != NULL;

  type_into (field (editor, "Title"), vi ? "Hiệp ước đối tác chiến lược toàn diện"
                                         : "Treaty on comprehensive strategic partnership");
  type_into (field (editor, "Summary"), vi ? "Putin và Kim ký hiệp ước phòng thủ chung tại Bình Nhưỡng."
                                           : "Putin and Kim sign a mutual-defence treaty in Pyongyang.");
  type_into (field (editor, "Date"), "2024-06-19");
  choose (field (editor, "Category"), tri_category_label (TRI_CATEGORY_DIPLOMACY, vi ? "vi" : "en"));
  choose (field (editor, "Confidence"), tri_confidence_label (TRI_CONFIDENCE_CONFIRMED, vi ? "vi" : "en"));
  /* the actors by their names in the data language */
  choose (field (editor, "Relation"), vi ? "Nga – Triều Tiên" : "Russia – North Korea");
  choose (field (editor, "Stance"), tri_stance_label (TRI_STANCE_TENSION, vi ? "vi" : "en"));
  choose (field (editor, "Weight"), "3");
}

/* --- tests ---------------------------------------------------------------- */

/* Every field of both editors has a label a screen reader reads as its
 * name, and the contract's names are those labels. */
static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  const char *event_fields[] = { "Title", "Summary", "Date", "Category", "Confidence", "Claimed by",
                                 "Relation", "Stance", "Weight" };
  const char *actor_fields[] = { "Code", "Name", "Colour", "One actor", "The other" };
  GType types[] = { GTK_TYPE_ENTRY, GTK_TYPE_TEXT_VIEW, GTK_TYPE_DROP_DOWN, GTK_TYPE_COLOR_BUTTON };
  GtkWindow *editors[2];

  editors[0] = tri_event_editor_new (NULL, f->doc, 0, "en");
  expand_languages (editors[0]);
  for (guint i = 0; i < G_N_ELEMENTS (event_fields); i++)
    field (GTK_WIDGET (editors[0]), event_fields[i]);
  editors[1] = tri_actor_editor_new (NULL, f->doc, "en");
  for (guint i = 0; i < G_N_ELEMENTS (actor_fields); i++)
    field (GTK_WIDGET (editors[1]), actor_fields[i]);

  /* and every other field (the languages side by side, the names) too */
  for (guint e = 0; e < 2; e++)
    {
      guint n_fields = 0;

      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        {
          g_autoptr(GPtrArray) fields = all_of (GTK_WIDGET (editors[e]), types[t]);

          n_fields += fields->len;
          for (guint i = 0; i < fields->len; i++)
            if (!gtk_test_accessible_has_relation (fields->pdata[i], GTK_ACCESSIBLE_RELATION_LABELLED_BY))
              g_error ("a %s (%u, in a %s) of %s has no label", G_OBJECT_TYPE_NAME (fields->pdata[i]), i, G_OBJECT_TYPE_NAME (gtk_widget_get_parent (fields->pdata[i])),
                       gtk_window_get_title (editors[e]));
        }
      /* a drop-down's focus is on the button inside it: named too */
      {
        g_autoptr(GPtrArray) drop_downs = all_of (GTK_WIDGET (editors[e]), GTK_TYPE_DROP_DOWN);

        for (guint i = 0; i < drop_downs->len; i++)
          g_assert_true (gtk_test_accessible_has_relation (first_of (drop_downs->pdata[i], GTK_TYPE_TOGGLE_BUTTON),
                                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY));
      }
      /* GTK 4.8 would name a mnemonic button "_Save Save" */
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button (GTK_WIDGET (editors[e]), "Save")),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, "Save");
      g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button (GTK_WIDGET (editors[e]), "Save")),
                                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY));
      /* the event's 9 fields and 15 side by side, the actor's 9 */
      g_assert_cmpuint (n_fields, >=, e == 0 ? 24 : 9);
      button (GTK_WIDGET (editors[e]), "Save");
      button (GTK_WIDGET (editors[e]), "Cancel");
      gtk_window_destroy (editors[e]);
    }
  spin (50);
}

/* An invalid date says why beside the field (and to a screen reader);
 * Save, by click or by Enter, then writes nothing. */
static void
test_invalid_date (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *editor = tri_event_editor_new (NULL, f->doc, 0, "en");
  g_autoptr(GPtrArray) dates = all_of (GTK_WIDGET (editor), TRI_TYPE_DATE_ENTRY);
  TriDateEntry *date = dates->pdata[0];
  gint64 saved = 0;
  const char *message;

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  fill_event (GTK_WIDGET (editor));
  g_assert_true (tri_date_entry_is_valid (date));
  g_assert_true (has_visible_text (GTK_WIDGET (date), "Reads as: 19 June 2024"));
  /* a vaguer date reads back with its first and last possible days */
  type_into (field (GTK_WIDGET (editor), "Date"), "2024-06");
  g_assert_true (has_visible_text (GTK_WIDGET (date), "Reads as: June 2024 — any day from 1 June 2024 to 30 June 2024"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tri_date_entry_get_entry (date)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Reads as: June 2024 — any day from 1 June 2024 to 30 June 2024");

  type_into (field (GTK_WIDGET (editor), "Date"), "2024-13-45");
  g_assert_false (tri_date_entry_is_valid (date));
  message = tri_date_entry_get_message (date);
  g_assert_nonnull (message);
  g_assert_true (has_visible_text (GTK_WIDGET (date), message));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (tri_date_entry_get_entry (date)),
                                    GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tri_date_entry_get_entry (date)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message);

  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_nonnull (editor);
  /* Enter in a one-line field is Save, refused the same */
  gtk_widget_activate (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (field (GTK_WIDGET (editor), "Title")))));
  spin (50);
  g_assert_nonnull (editor);
  g_assert_cmpint (saved, ==, 0);
  g_assert_false (tri_document_can_undo (f->doc));
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM event"), ==, 0);
  /* the focus is on the field to mend */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (tri_date_entry_get_entry (date))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), GTK_WIDGET (date)));

  /* an empty title, once Save was pressed, says what English needs */
  type_into (field (GTK_WIDGET (editor), "Date"), "2024-06-19");
  type_into (field (GTK_WIDGET (editor), "Title"), "");
  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_nonnull (editor);
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "Needs a title in English"));
  g_assert_false (tri_document_can_undo (f->doc));

  gtk_window_destroy (editor);
  g_assert_null (editor);
  spin (50);
}

/* A new event with a RUS-PRK tension link and two quotes is one step of
 * the history, "Add Event", and undoing it removes the event, its link
 * and its quotes' links to it (the quotes stay, backing the relation). */
static void
test_add_event (Fixture       *f,
                gconstpointer  data)
{
  gint64 quotes[2];
  GtkWindow *editor;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *undo_before = NULL;
  gint64 saved = 0;

  add_source_and_quotes (f, quotes);
  undo_before = g_strdup (tri_document_get_undo_name (f->doc));
  editor = tri_event_editor_new (NULL, f->doc, 0, "en");
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  fill_event (GTK_WIDGET (editor));

  /* the relation's two quotes, to check */
  checks = all_of (GTK_WIDGET (editor), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 2);
  for (guint i = 0; i < checks->len; i++)
    {
      g_assert_true (gtk_test_accessible_has_relation (checks->pdata[i], GTK_ACCESSIBLE_RELATION_LABELLED_BY));
      gtk_check_button_set_active (checks->pdata[i], TRUE);
    }
  /* a quote is shown as it is, its own quotation marks not doubled */
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "“an alliance”"));
  g_assert_false (has_visible_text (GTK_WIDGET (editor), "““an alliance”"));
  screenshot (GTK_WIDGET (editor), "event-editor-en.png");
  expand_languages (editor);
  type_into (language_field (GTK_WIDGET (editor), "Tiếng Việt", "Title"), "Hiệp ước đối tác chiến lược toàn diện");
  screenshot (GTK_WIDGET (editor), "event-editor-en-full.png");

  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_null (editor);
  g_assert_cmpint (saved, >, 0);
  g_assert_cmpstr (tri_document_get_undo_name (f->doc), ==, "Add Event");
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM event"), ==, 1);
  g_assert_cmpint (query_int (f->doc,
                              "SELECT count (*) FROM event_relation er JOIN relation r ON r.id = er.relation"
                              " WHERE r.actor_a = 'RUS' AND r.actor_b = 'PRK' AND er.stance = 'tension' AND er.weight = 3"), ==, 1);
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM quote WHERE event IS NOT NULL"), ==, 2);
  {
    g_autofree char *date = query_text (f->doc, "SELECT date || ' ' || precision || ' ' || category || ' ' || confidence FROM event");
    g_autofree char *summary = query_text (f->doc, "SELECT summary FROM event_text WHERE lang = 'en'");

    g_assert_cmpstr (date, ==, "2024-06-19 day diplomacy confirmed");
    g_assert_cmpstr (summary, ==, "Putin and Kim sign a mutual-defence treaty in Pyongyang.");
  }

  /* one undo takes all of it back */
  g_assert_true (tri_document_undo (f->doc, NULL));
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM event"), ==, 0);
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM event_relation"), ==, 0);
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM event_text"), ==, 0);
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM quote WHERE event IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM quote"), ==, 2);
  g_assert_cmpstr (tri_document_get_undo_name (f->doc), ==, undo_before);
  spin (50);
}

/* Editing an event shows what it holds and saves what was changed, as
 * "Edit Event". */
static void
test_edit_event (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 quotes[2];
  TriEventText texts[] = {
    { "en", "Treaty signed", "Putin and Kim sign a treaty.", NULL },
    { "vi", "Hiệp ước được ký", NULL, NULL },
    /* a language the editor does not show stays as it was */
    { "de", "Vertrag unterzeichnet", NULL, NULL },
  };
  TriEventLink links[] = { { "RUS-PRK", "tension", 2 } };
  TriEventSpec spec = {
    .date = "2024-06-19", .category = "military", .confidence = "reported",
    .texts = texts, .n_texts = G_N_ELEMENTS (texts), .links = links, .n_links = 1,
    .quotes = quotes, .n_quotes = 1,
  };
  g_autoptr(GPtrArray) checks = NULL;
  GtkWindow *editor;
  gint64 id, saved = 0;

  add_source_and_quotes (f, quotes);
  texts[0].claimed_by = "KCNA";
  id = tri_document_add_event (f->doc, &spec, &error);
  g_assert_no_error (error);
  {
    /* another event, backed by the second quote: not listed while that is so */
    TriEventSpec other = spec;
    gint64 other_id;

    other.quotes = &quotes[1];
    other_id = tri_document_add_event (f->doc, &other, &error);
    g_assert_no_error (error);
    g_assert_cmpint (other_id, >, 0);
  }

  editor = tri_event_editor_new (NULL, f->doc, id, "en");
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Edit Event");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (GTK_WIDGET (editor), "Title"))), ==, "Treaty signed");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (GTK_WIDGET (editor), "Date"))), ==, "2024-06-19");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (GTK_WIDGET (editor), "Claimed by"))), ==, "KCNA");
  g_assert_cmpstr (chosen (field (GTK_WIDGET (editor), "Category")), ==, tri_category_label (TRI_CATEGORY_MILITARY, "en"));
  g_assert_cmpstr (chosen (field (GTK_WIDGET (editor), "Confidence")), ==, tri_confidence_label (TRI_CONFIDENCE_REPORTED, "en"));
  g_assert_cmpstr (chosen (field (GTK_WIDGET (editor), "Relation")), ==, "Russia – North Korea");
  g_assert_cmpstr (chosen (field (GTK_WIDGET (editor), "Stance")), ==, tri_stance_label (TRI_STANCE_TENSION, "en"));
  g_assert_cmpstr (chosen (field (GTK_WIDGET (editor), "Weight")), ==, "2");
  expand_languages (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (language_field (GTK_WIDGET (editor), "Tiếng Việt", "Title"))), ==,
                   "Hiệp ước được ký");
  checks = all_of (GTK_WIDGET (editor), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 1);
  g_assert_true (gtk_check_button_get_active (checks->pdata[0]));
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "1 more quote of these relations is not listed: it backs another event"));

  /* reported, and no one says who claims it: refused, with the words of tri-compile */
  type_into (field (GTK_WIDGET (editor), "Claimed by"), "");
  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_nonnull (editor);
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "Reported or alleged, but no claimed_by says who claims it"));
  g_assert_cmpstr (tri_document_get_undo_name (f->doc), !=, "Edit Event");

  type_into (field (GTK_WIDGET (editor), "Claimed by"), "Yonhap");
  type_into (field (GTK_WIDGET (editor), "Title"), "Treaty signed in Pyongyang");
  type_into (field (GTK_WIDGET (editor), "Date"), "2024-06");
  gtk_check_button_set_active (checks->pdata[0], FALSE);
  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_null (editor);
  g_assert_cmpint (saved, ==, id);
  g_assert_cmpstr (tri_document_get_undo_name (f->doc), ==, "Edit Event");
  {
    g_autofree char *title = query_text (f->doc, "SELECT title FROM event_text WHERE lang = 'en' AND event = 1");
    g_autofree char *vi = query_text (f->doc, "SELECT title FROM event_text WHERE lang = 'vi' AND event = 1");
    g_autofree char *claimed = query_text (f->doc, "SELECT claimed_by FROM event_text WHERE lang = 'en' AND event = 1");
    g_autofree char *date = query_text (f->doc, "SELECT date || ' ' || precision FROM event WHERE id = 1");

    g_assert_cmpstr (title, ==, "Treaty signed in Pyongyang");
    g_assert_cmpstr (vi, ==, "Hiệp ước được ký");
    g_assert_cmpstr (claimed, ==, "Yonhap");
    g_assert_cmpstr (date, ==, "2024-06 month");
    g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM event_text WHERE lang = 'de' AND event = 1"
                                " AND title = 'Vertrag unterzeichnet'"), ==, 1);
  }
  /* unchecked: the first quote backs the relation only; the other event keeps its own */
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM quote WHERE event IS NOT NULL"), ==, 1);
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM event"), ==, 2);
  spin (50);
}

/* The languages side by side: the data language's row is the field above,
 * and a Vietnamese title typed beside the English one is stored as "vi". */
static void
test_side_by_side (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *editor = tri_event_editor_new (NULL, f->doc, 0, "en");
  GtkWidget *vi_title, *en_title;
  gint64 saved = 0;

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  expand_languages (editor);
  fill_event (GTK_WIDGET (editor));

  en_title = language_field (GTK_WIDGET (editor), "English", "Title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (en_title)), ==,
                   "Treaty on comprehensive strategic partnership");
  /* which languages lack their texts is said */
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "No title yet in Tiếng Việt, Русский, 中文（简体）, 한국어."));

  vi_title = language_field (GTK_WIDGET (editor), "Tiếng Việt", "Title");
  type_into (vi_title, "Hiệp ước đối tác chiến lược toàn diện");
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "No title yet in Русский, 中文（简体）, 한국어."));
  /* a summary alone, with no title, is refused beside that language */
  type_into (language_field (GTK_WIDGET (editor), "Русский", "Claimed by"), "КЦНА");
  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_nonnull (editor);
  g_assert_false (tri_document_can_undo (f->doc));
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "The text is empty"));
  type_into (language_field (GTK_WIDGET (editor), "Русский", "Claimed by"), "");

  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_null (editor);
  g_assert_cmpint (saved, >, 0);
  {
    g_autofree char *vi = query_text (f->doc, "SELECT title FROM event_text WHERE lang = 'vi'");

    g_assert_cmpstr (vi, ==, "Hiệp ước đối tác chiến lược toàn diện");
    g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM event_text"), ==, 2);
  }

  /* in Vietnamese, the fields above are the Vietnamese texts, and English
   * is still needed; the words drawn with the data (the categories, the
   * date read back) are Vietnamese, as in a window showing Vietnamese data */
  editor = tri_event_editor_new (NULL, f->doc, 0, "vi");
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  fill_event (GTK_WIDGET (editor));
  screenshot (GTK_WIDGET (editor), "event-editor-vi-collapsed.png");
  /* Save, the languages folded: they unfold, the focus on what English lacks */
  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_nonnull (editor);
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (first_of (GTK_WIDGET (editor), GTK_TYPE_EXPANDER))));
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "Needs a title in English"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)),
                                         language_field (GTK_WIDGET (editor), "English", "Title")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (language_field (GTK_WIDGET (editor), "Tiếng Việt", "Title"))), ==,
                   "Hiệp ước đối tác chiến lược toàn diện");
  screenshot (GTK_WIDGET (editor), "event-editor-vi.png");
  screenshot (GTK_WIDGET (editor), "event-editor-vi-full.png");
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM event"), ==, 1);
  gtk_window_destroy (editor);
  spin (50);
}

/* An actor with its relation is one step, "Add Actor"; a relation alone
 * is "Add Relation"; the triangle's three stay as they were. */
static void
test_actor_and_relation (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *triangle = query_text (f->doc, "SELECT group_concat (code || color || rank) FROM actor");
  GtkWindow *editor = tri_actor_editor_new (NULL, f->doc, "en");
  const char *names[] = { "en", "Japan", NULL };

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Add Actor or Relation");

  /* nothing typed: nothing to add */
  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_nonnull (editor);
  g_assert_false (tri_document_can_undo (f->doc));

  /* a code tri-validate refuses, in its words */
  type_into (field (GTK_WIDGET (editor), "Code"), "usa");
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "“usa” is not an actor code"));
  type_into (field (GTK_WIDGET (editor), "Code"), "RUS");
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "The briefing already has an actor RUS"));
  type_into (field (GTK_WIDGET (editor), "Code"), "USA");
  type_into (field (GTK_WIDGET (editor), "Name"), "United States");
  type_into (language_field (GTK_WIDGET (editor), "Tiếng Việt", NULL), "Hoa Kỳ");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first_of (GTK_WIDGET (editor), GTK_TYPE_CHECK_BUTTON)), TRUE);
  choose (field (GTK_WIDGET (editor), "One actor"), "United States (USA, new)");
  choose (field (GTK_WIDGET (editor), "The other"), "United States (USA, new)");
  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_nonnull (editor);
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "“USA-USA” is not a relation code such as RUS-PRK"));
  choose (field (GTK_WIDGET (editor), "The other"), "North Korea (PRK)");
  /* the new actor's name changed while it is chosen: still chosen, listed once */
  type_into (field (GTK_WIDGET (editor), "Name"), "United States of America");
  g_assert_cmpstr (chosen (field (GTK_WIDGET (editor), "One actor")), ==, "United States of America (USA, new)");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (field (GTK_WIDGET (editor), "One actor")))), ==, 4);
  screenshot (GTK_WIDGET (editor), "actor-editor-en.png");
  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_null (editor);

  g_assert_cmpstr (tri_document_get_undo_name (f->doc), ==, "Add Actor");
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM actor_name WHERE actor = 'USA'"), ==, 2);
  {
    g_autofree char *en = query_text (f->doc, "SELECT name FROM actor_name WHERE actor = 'USA' AND lang = 'en'");

    g_assert_cmpstr (en, ==, "United States of America");
  }
  {
    g_autofree char *vi = query_text (f->doc, "SELECT name FROM actor_name WHERE actor = 'USA' AND lang = 'vi'");
    g_autofree char *color = query_text (f->doc, "SELECT color FROM actor WHERE code = 'USA'");

    g_assert_cmpstr (vi, ==, "Hoa Kỳ");
    /* a colour no actor has yet */
    g_assert_cmpstr (color, ==, "#009E73");
  }
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM relation WHERE 'USA' IN (actor_a, actor_b)"
                              " AND 'PRK' IN (actor_a, actor_b)"), ==, 1);
  g_assert_true (tri_document_undo (f->doc, NULL));
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM actor"), ==, 3);
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM relation"), ==, 3);

  /* a relation alone */
  g_assert_true (tri_document_add_actor (f->doc, "JPN", "#56B4E9", names, &error));
  g_assert_no_error (error);
  editor = tri_actor_editor_new (NULL, f->doc, "en");
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first_of (GTK_WIDGET (editor), GTK_TYPE_CHECK_BUTTON)), TRUE);
  choose (field (GTK_WIDGET (editor), "One actor"), "Russia (RUS)");
  choose (field (GTK_WIDGET (editor), "The other"), "China (CHN)");
  g_assert_true (has_visible_text (GTK_WIDGET (editor), "The briefing already has a relation RUS-CHN"));
  choose (field (GTK_WIDGET (editor), "The other"), "Japan (JPN)");
  press (button (GTK_WIDGET (editor), "Save"));
  spin (50);
  g_assert_null (editor);
  g_assert_cmpstr (tri_document_get_undo_name (f->doc), ==, "Add Relation");
  g_assert_cmpint (query_int (f->doc, "SELECT count (*) FROM relation WHERE actor_a = 'RUS' AND actor_b = 'JPN'"), ==, 1);
  {
    g_autofree char *after = query_text (f->doc, "SELECT group_concat (code || color || rank) FROM actor WHERE rank < 3");

    g_assert_cmpstr (after, ==, triangle);
  }
  spin (50);
}

/* Tab reaches every field, in the order the form reads, and the
 * buttons; nothing needs the mouse. */
static void
test_tab_order (Fixture       *f,
                gconstpointer  data)
{
  const char *order[] = { "Title", "Summary", "Date", "Category", "Confidence", "Claimed by",
                          "Relation", "Stance", "Weight" };
  GtkWindow *editor = tri_event_editor_new (NULL, f->doc, 0, "en");
  GtkWidget *fields[G_N_ELEMENTS (order) + 2];
  int first_seen[G_N_ELEMENTS (order) + 2];

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    fields[i] = field (GTK_WIDGET (editor), order[i]);
  fields[G_N_ELEMENTS (order)] = button (GTK_WIDGET (editor), "Save");
  fields[G_N_ELEMENTS (order) + 1] = button (GTK_WIDGET (editor), "Cancel");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    first_seen[i] = -1;
  spin (100);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), fields[0]) ||
                 gtk_root_get_focus (GTK_ROOT (editor)) == fields[0]);

  for (int step = 0; step < 80; step++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (editor));

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (first_seen[i] < 0 && focus != NULL &&
            (focus == fields[i] || gtk_widget_is_ancestor (focus, fields[i])))
          first_seen[i] = step;
      /* what Tab does */
      gtk_widget_child_focus (GTK_WIDGET (editor), GTK_DIR_TAB_FORWARD);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (first_seen[i] < 0)
        g_error ("Tab never reaches field %u", i);
      if (i > 0 && i < G_N_ELEMENTS (order))
        g_assert_cmpint (first_seen[i], >, first_seen[i - 1]);
    }
  gtk_window_destroy (editor);
  spin (50);
}

/* Ctrl+Enter saves even from the summary, where Enter is a new line. */
static void
test_ctrl_enter (Fixture       *f,
                 gconstpointer  data)
{
  GtkWindow *editor = tri_event_editor_new (NULL, f->doc, 0, "en");

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  fill_event (GTK_WIDGET (editor));
  gtk_widget_grab_focus (field (GTK_WIDGET (editor), "Summary"));
  spin (300);
  xdotool ("mousemove 200 200 key ctrl+End Return");
  xdotool ("type Second");
  xdotool ("key ctrl+Return");
  for (guint i = 0; i < 100 && editor != NULL; i++)
    spin (20);
  g_assert_null (editor);
  g_assert_cmpstr (tri_document_get_undo_name (f->doc), ==, "Add Event");
  {
    /* the Return before it was a new line in the summary, saved with it */
    g_autofree char *summary = query_text (f->doc, "SELECT summary FROM event_text WHERE lang = 'en'");

    g_assert_cmpstr (summary, ==, "Putin and Kim sign a mutual-defence treaty in Pyongyang.\nSecond");
  }
}

/* Escape is Cancel: the editor closes and nothing is written. */
static void
test_escape (Fixture       *f,
             gconstpointer  data)
{
  GtkWindow *editor = tri_event_editor_new (NULL, f->doc, 0, "en");

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  fill_event (GTK_WIDGET (editor));
  /* the key as a user presses it, over the window (no window manager:
   * the keyboard goes to the window under the pointer) */
  spin (300);
  xdotool ("mousemove 200 200 key Escape");
  for (guint i = 0; i < 100 && editor != NULL; i++)
    spin (20);
  g_assert_null (editor);
  g_assert_false (tri_document_can_undo (f->doc));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  tri_catalog_set_dir (po);

  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/editors/labels", test_labels);
  ADD ("/editors/invalid-date", test_invalid_date);
  ADD ("/editors/add-event", test_add_event);
  ADD ("/editors/edit-event", test_edit_event);
  ADD ("/editors/side-by-side", test_side_by_side);
  ADD ("/editors/actor-and-relation", test_actor_and_relation);
  ADD ("/editors/tab-order", test_tab_order);
  ADD ("/editors/ctrl-enter", test_ctrl_enter);
  ADD ("/editors/escape", test_escape);
#undef ADD
  return g_test_run ();
}
