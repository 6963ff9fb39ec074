/* test-window-search.c: the window's search bar (Ctrl+F), through the
 * real input path
 *
 * The index is built after the first frame, never before; Vietnamese is
 * found without its diacritics and Russian in another case, the results
 * grouped under their headings with their dates and the words found
 * marked; the keyboard goes down into them and chooses one, which selects
 * the event and moves "as of" as the timeline does (an actor is chosen as
 * on the triangle); FTS5's syntax typed
 * is plain words; an editable briefing's new event is found at once (and
 * gone after an undo), a read-only one changed by another program is
 * indexed again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "document/tri-document.h"
#include "store/tri-date.h"
#include "store/tri-search.h"
#include "store/tri-state.h"
#include "ui/tri-search-bar.h"
#include "ui/tri-window.h"
#include "tri-test-gui.h"
#include "tri-test-util.h"

static TriWindow *
present (TriWindow *window)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  tri_test_spin (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  tri_test_wait_until_drawn (window);
  return window;
}

static gboolean
is_ready (gpointer data)
{
  return tri_search_bar_is_ready (tri_window_get_search_bar (data));
}

static void
close_window (TriWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  tri_test_spin (50);
}

/* The results, as the rows show them, in order */
static GPtrArray *
rows (TriSearchBar *bar)
{
  GPtrArray *found = g_ptr_array_new ();
  GtkListBox *list = tri_search_bar_get_list (bar);

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    g_ptr_array_add (found, (gpointer) tri_search_bar_get_row_result (bar, gtk_list_box_get_row_at_index (list, i)));
  return found;
}

typedef struct
{
  TriSearchBar *bar;
  const char   *query;
} Typed;

/* The entry says @query and the results (or the status) are for it */
static gboolean
results_for (gpointer data)
{
  Typed *t = data;
  GtkWidget *entry = tri_search_bar_get_entry (t->bar);
  GtkListBox *list = tri_search_bar_get_list (t->bar);

  return g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), t->query) &&
         tri_search_bar_is_ready (t->bar) &&
         (gtk_list_box_get_row_at_index (list, 0) != NULL || tri_search_bar_get_status (t->bar) != NULL);
}

/* Typed (the entry's own debounce), then waited for */
static void
search (TriSearchBar *bar,
        const char   *query,
        gboolean      with_keys)
{
  Typed t = { bar, query };

  if (with_keys)
    {
      g_autofree char *args = g_strdup_printf ("type --delay 20 '%s'", query);

      tri_test_xdotool ("key ctrl+a BackSpace");
      tri_test_xdotool (args);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (tri_search_bar_get_entry (bar)), query);
  /* past the entry's delay: the last keystroke's search ran */
  tri_test_spin (400);
  g_assert_true (tri_test_spin_until (results_for, &t));
}

static gboolean
focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static const char *
header_text (GtkListBox *list,
             int         index)
{
  GtkWidget *header = gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (list, index));

  return header != NULL && GTK_IS_LABEL (header) ? gtk_label_get_text (GTK_LABEL (header)) : NULL;
}

/* The text a result marks, folded as the search compares it */
static char *
marked (const TriSearchResult *r,
        guint                  i)
{
  g_autofree char *text = g_strndup (r->context + r->marks[2 * i], r->marks[2 * i + 1] - r->marks[2 * i]);

  return tri_search_fold (text, NULL);
}

static gboolean
label_is_bold_at (GtkWidget *row,
                  guint      index)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *context = gtk_widget_get_last_child (box);
  PangoAttrList *attrs = gtk_label_get_attributes (GTK_LABEL (context));
  PangoAttrIterator *it;
  gboolean bold = FALSE;

  if (attrs == NULL)
    return FALSE;
  it = pango_attr_list_get_iterator (attrs);
  do
    {
      int start, end;
      PangoAttrInt *weight;

      pango_attr_iterator_range (it, &start, &end);
      weight = (PangoAttrInt *) pango_attr_iterator_get (it, PANGO_ATTR_WEIGHT);
      if ((guint) start <= index && index < (guint) end && weight != NULL && weight->value >= PANGO_WEIGHT_BOLD)
        bold = TRUE;
    }
  while (pango_attr_iterator_next (it));
  pango_attr_iterator_destroy (it);
  return bold;
}

typedef struct
{
  GtkWidget  *row;
  const char *label;
} Labelled;

/* The row (the same row: the list is not rebuilt meanwhile) reads so */
static gboolean
has_label (gpointer data)
{
  Labelled *l = data;
  g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (l->row),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL, l->label);

  return wrong == NULL;
}

/* Ctrl+F, a Vietnamese query without its diacritics, grouped results;
 * Down, Down, Enter chooses the second event; Escape goes back */
static void
test_search_and_choose (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  TriWindow *window;
  TriSearchBar *bar;
  GtkListBox *list;
  g_autoptr(GPtrArray) found = NULL;
  const TriSearchResult *second = NULL;
  g_autoptr(TriEvent) ev = NULL;
  GtkWidget *before;
  guint32 as_of;
  guint n_events = 0, n_quotes = 0;
  gboolean lavrov = FALSE;

  if (!tri_test_have_xdotool ())
    return;

  window = tri_window_new (NULL, store);
  bar = tri_window_get_search_bar (window);
  /* nothing is indexed before the window's first frame */
  tri_test_spin (100);
  g_assert_false (tri_search_bar_is_ready (bar));
  present (window);
  g_assert_true (tri_test_spin_until (is_ready, window));

  /* the window menu has it, with its shortcut */
  {
    g_autofree char *label = tri_test_menu_label (tri_window_get_menu (window), "win.find");

    g_assert_cmpstr (label, ==, "Find…");
  }

  /* the shortcut opens the bar, with the focus in the entry */
  before = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_false (tri_search_bar_is_open (bar));
  tri_test_xdotool ("key ctrl+f");
  tri_test_spin (200);
  g_assert_true (tri_search_bar_is_open (bar));
  g_assert_true (focus_in (tri_search_bar_get_entry (bar)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tri_search_bar_get_entry (bar)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Search the briefing");

  /* "tham binh nhuong" finds "thăm Bình Nhưỡng": events, then quotes */
  search (bar, "tham binh nhuong", TRUE);
  g_assert_null (tri_search_bar_get_status (bar));
  list = tri_search_bar_get_list (bar);
  found = rows (bar);
  g_assert_cmpuint (found->len, >, 2);
  for (guint i = 0; i < found->len; i++)
    {
      const TriSearchResult *r = found->pdata[i];

      g_assert_nonnull (r);
      if (i > 0)
        g_assert_cmpint (r->kind, >=, ((TriSearchResult *) found->pdata[i - 1])->kind);
      /* a heading starts each group, and only there */
      if (i == 0 || r->kind != ((TriSearchResult *) found->pdata[i - 1])->kind)
        g_assert_cmpstr (header_text (list, i), ==, r->kind == TRI_SEARCH_EVENT ? "Events" : "Quotes");
      else
        g_assert_null (header_text (list, i));
      n_events += r->kind == TRI_SEARCH_EVENT;
      n_quotes += r->kind == TRI_SEARCH_QUOTE;
      /* the words of the query are marked in the context, in bold (a
       * thing's words may be in several of its fields) */
      g_assert_cmpuint (r->n_marks, >=, 1);
      for (guint m = 0; m < r->n_marks; m++)
        {
          g_autofree char *word = marked (r, m);

          g_assert_true (g_str_equal (word, "tham") || g_str_equal (word, "binh") ||
                         g_str_equal (word, "nhuong"));
          g_assert_true (label_is_bold_at (GTK_WIDGET (gtk_list_box_get_row_at_index (list, i)), r->marks[2 * m]));
        }
      if (r->kind == TRI_SEARCH_EVENT && r->id == 16)
        {
          /* read as a whole: kind, the date as the timeline writes it, the text */
          g_autofree char *label = g_strdup_printf ("Event, October 2023: %s", r->context);

          g_assert_true (g_str_has_prefix (r->context, "Lavrov thăm Bình Nhưỡng"));
          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_list_box_get_row_at_index (list, i)),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL, label);
          lavrov = TRUE;
        }
      if (r->kind == TRI_SEARCH_EVENT && n_events == 2)
        second = r;
    }
  g_assert_cmpuint (n_events, >=, 2);

  /* a quote says its source, as the evidence panel names it */
  {
    const TriSearchResult *q = found->pdata[n_events];
    g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, 0, q->event, "en", NULL);
    g_autofree char *label = NULL;
    const char *title = NULL;
    TriDate date;
    g_autofree char *day = NULL;
    g_autofree char *when = NULL;
    Labelled l;

    g_assert_cmpint (q->kind, ==, TRI_SEARCH_QUOTE);
    for (guint i = 0; quotes != NULL && i < quotes->len; i++)
      if (((TriQuote *) quotes->pdata[i])->id == q->id)
        title = ((TriQuote *) quotes->pdata[i])->source_title;
    g_assert_nonnull (title);
    g_assert_true (tri_date_parse (q->date, &date, NULL));
    day = tri_date_label (&date, "en");
    when = tri_capitalize_first (day);
    label = g_strdup_printf ("Quote, %s · %s: %s", when, title, q->context);
    l.row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, n_events));
    l.label = label;
    g_assert_true (tri_test_spin_until (has_label, &l));
  }
  g_assert_cmpuint (n_quotes, >=, 1);
  g_assert_true (lavrov);
  if (second == NULL)
    g_error ("no second event");

  /* Down into the list, Down to the second, Enter: chosen as the timeline
   * chooses, "as of" moving to the event */
  ev = tri_store_get_event (store, second->id, "en", NULL);
  if (ev == NULL)
    g_error ("event %" G_GINT64_FORMAT " not read", second->id);
  as_of = tri_window_get_as_of (window);
  g_assert_cmpuint (as_of, !=, tri_event_as_of (&ev->date));
  tri_test_xdotool ("key Down");
  tri_test_spin (100);
  g_assert_true (focus_in (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0))));
  tri_test_xdotool ("key Down");
  tri_test_spin (100);
  g_assert_true (focus_in (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1))));
  tri_test_xdotool ("key Return");
  tri_test_spin (300);
  g_assert_cmpint (tri_window_get_selected_event (window), ==, second->id);
  g_assert_cmpuint (tri_window_get_as_of (window), ==, tri_event_as_of (&ev->date));
  g_assert_cmpstr (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)), ==, ev->title);

  /* Escape: back to the entry; Escape again: closed, the focus where it was */
  tri_test_xdotool ("key Escape");
  tri_test_spin (100);
  g_assert_true (focus_in (tri_search_bar_get_entry (bar)));
  tri_test_xdotool ("key Escape");
  tri_test_spin (300);
  g_assert_false (tri_search_bar_is_open (bar));
  g_assert_false (focus_in (GTK_WIDGET (bar)));
  if (before != NULL)
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == before);

  close_window (window);
}

/* Russian in another case; FTS5's syntax is words, never an error */
static void
test_russian_and_syntax (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  TriWindow *window = tri_window_new (NULL, store);
  TriSearchBar *bar = tri_window_get_search_bar (window);
  g_autoptr(GPtrArray) found = NULL;
  gboolean pyongyang = FALSE, china = FALSE;
  const char *hostile[] = { "\"AND OR NEAR(", "title:* NOT ^", "\"", "(((", "*" };

  /* typed before the window's first frame: it says it is indexing, and
   * the query runs once the index is ready */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_true (tri_search_bar_is_open (bar));
  gtk_editable_set_text (GTK_EDITABLE (tri_search_bar_get_entry (bar)), "ЛАВРОВ");
  tri_test_spin (400);
  g_assert_false (tri_search_bar_is_ready (bar));
  g_assert_cmpstr (tri_search_bar_get_status (bar), ==, "Indexing the briefing…");
  g_assert_null (gtk_list_box_get_row_at_index (tri_search_bar_get_list (bar), 0));
  present (window);
  search (bar, "ЛАВРОВ", FALSE);
  found = rows (bar);
  for (guint i = 0; i < found->len; i++)
    {
      const TriSearchResult *r = found->pdata[i];
      g_autofree char *word = NULL;

      g_assert_cmpuint (r->n_marks, >=, 1);
      word = marked (r, 0);
      g_assert_cmpstr (word, ==, "лавров");
      pyongyang |= r->kind == TRI_SEARCH_EVENT && r->id == 16;
      china |= r->kind == TRI_SEARCH_EVENT && r->id == 35;
    }
  g_assert_true (pyongyang);
  g_assert_true (china);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *none = g_strdup_printf ("No results for “%s”", hostile[i]);
      const char *status;

      search (bar, hostile[i], FALSE);
      status = tri_search_bar_get_status (bar);
      /* nothing found, said plainly (or something found): no error */
      if (gtk_list_box_get_row_at_index (tri_search_bar_get_list (bar), 0) == NULL)
        g_assert_cmpstr (status, ==, none);
      else
        g_assert_null (status);
    }

  /* an actor, chosen as on the triangle */
  search (bar, "north korea", FALSE);
  {
    GtkListBox *list = tri_search_bar_get_list (bar);
    GtkListBoxRow *actor = NULL;

    for (int i = 0; actor == NULL && gtk_list_box_get_row_at_index (list, i) != NULL; i++)
      {
        const TriSearchResult *r = tri_search_bar_get_row_result (bar, gtk_list_box_get_row_at_index (list, i));

        if (r->kind == TRI_SEARCH_ACTOR && g_strcmp0 (r->key, "PRK") == 0)
          {
            actor = gtk_list_box_get_row_at_index (list, i);
            g_assert_cmpstr (header_text (list, i), ==, "Actors");
          }
      }
    if (actor == NULL)
      g_error ("North Korea is not among the actors found");
    g_signal_emit_by_name (list, "row-activated", actor);
    tri_test_spin (100);
    g_assert_cmpstr (tri_session_get_selected_actor (tri_window_get_session (window)), ==, "PRK");
    g_assert_cmpint (tri_window_get_selected_event (window), ==, 0);
    g_assert_cmpstr (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)), ==, "North Korea");
  }
  close_window (window);
}

static gint64
add_event (TriDocument *document)
{
  g_autofree char *date = tri_day_to_iso (tri_day_today () - 30);
  TriEventText texts[] = { { "en", "Icebreaker convoy reaches Rason", "A convoy is reported.", NULL } };
  TriEventLink links[] = { { "RUS-PRK", "cooperation", 2 } };
  TriEventSpec spec = {
    .date = date, .category = "economy", .confidence = "confirmed",
    .texts = texts, .n_texts = 1, .links = links, .n_links = 1,
  };
  g_autoptr(GError) error = NULL;
  gint64 id;

  tri_document_begin_group (document, "Add Event");
  id = tri_document_add_event (document, &spec, &error);
  g_assert_no_error (error);
  g_assert_true (tri_document_end_group (document, &error));
  g_assert_no_error (error);
  return id;
}

static gboolean
found_event (TriSearchBar *bar,
             gint64        id)
{
  g_autoptr(GPtrArray) found = rows (bar);

  for (guint i = 0; i < found->len; i++)
    if (((TriSearchResult *) found->pdata[i])->kind == TRI_SEARCH_EVENT &&
        ((TriSearchResult *) found->pdata[i])->id == id)
      return TRUE;
  return FALSE;
}

/* An editable briefing: an event added is found at once, gone after an
 * undo, back after a redo */
static void
test_editable_follows_edits (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "mine.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  TriWindow *window;
  TriSearchBar *bar;
  TriDocument *document;
  gint64 id;

  g_assert_true (tri_store_editable_copy (tri_test_briefing_path (), path, "test", &error));
  g_assert_no_error (error);
  window = tri_window_new (NULL, NULL);
  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  document = tri_window_get_document (window);
  if (document == NULL)
    g_error ("the copy is not editable");
  present (window);
  bar = tri_window_get_search_bar (window);
  g_assert_true (tri_test_spin_until (is_ready, window));
  tri_search_bar_open (bar);

  search (bar, "icebreaker rason", FALSE);
  g_assert_cmpstr (tri_search_bar_get_status (bar), ==, "No results for “icebreaker rason”");

  id = add_event (document);
  tri_test_spin (100);
  g_assert_true (found_event (bar, id));
  g_assert_null (tri_search_bar_get_status (bar));

  g_assert_true (tri_document_undo (document, &error));
  g_assert_no_error (error);
  tri_test_spin (100);
  g_assert_false (found_event (bar, id));
  g_assert_cmpstr (tri_search_bar_get_status (bar), ==, "No results for “icebreaker rason”");

  g_assert_true (tri_document_redo (document, &error));
  g_assert_no_error (error);
  tri_test_spin (100);
  g_assert_true (found_event (bar, id));

  close_window (window);
}

typedef struct
{
  TriSearchBar *bar;
  gint64        id;
} Wanted;

static gboolean
event_found (gpointer data)
{
  Wanted *w = data;

  if (!tri_search_bar_is_ready (w->bar))
    return FALSE;
  /* the bar asks again once the index is rebuilt; so does a user */
  return found_event (w->bar, w->id);
}

/* A read-only briefing another program changed is indexed again */
static void
test_read_only_rebuilt (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "colleague.sqlite");
  g_autoptr(GError) error = NULL;
  TriWindow *window = tri_window_new (NULL, NULL);
  TriSearchBar *bar = tri_window_get_search_bar (window);
  Wanted wanted = { bar, 16 };

  g_assert_true (tri_window_open_read_only (window, path, &error));
  g_assert_no_error (error);
  present (window);
  g_assert_true (tri_test_spin_until (is_ready, window));
  tri_search_bar_open (bar);
  search (bar, "zeppelin", FALSE);
  g_assert_false (found_event (bar, 16));

  tri_test_sql (path, "UPDATE event_text SET title = 'Lavrov arrives by zeppelin' WHERE event = 16 AND lang = 'en';");
  gtk_editable_set_text (GTK_EDITABLE (tri_search_bar_get_entry (bar)), "zeppelin lavrov");
  g_assert_true (tri_test_spin_until (event_found, &wanted));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window-search/search-and-choose", test_search_and_choose);
  g_test_add_func ("/window-search/russian-and-syntax", test_russian_and_syntax);
  g_test_add_func ("/window-search/editable-follows-edits", test_editable_follows_edits);
  g_test_add_func ("/window-search/read-only-rebuilt", test_read_only_rebuilt);
  return g_test_run ();
}
