/* test-window-edit.c: the window as the editor of an editable briefing
 *
 * In-process, with GTK's test accessibility backend: what a screen reader
 * would be told about the triangle, and what the menu says, after an edit,
 * an undo and a redo; a read-only briefing offers an editable copy; a
 * second window on a file being edited is told so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <gtk/gtk.h>

#include "document/tri-document.h"
#include "store/tri-date.h"
#include "ui/tri-event-editor.h"
#include "ui/tri-hotspot.h"
#include "ui/tri-translations-report.h"
#include "render/tri-theme.h"
#include "render/tri-timeline.h"
#include "ui/tri-timeline-view.h"
#include "ui/tri-window.h"
#include "tri-test-gui.h"
#include "tri-test-util.h"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Up to 30 s (the sanitizers are slow) for @done */
static gboolean
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (done (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return done (data);
}

/* A key as the user presses it (xdotool, the window at (0, 0) under Xvfb
 * with no window manager), or, without xdotool, the action it is bound to */
static void
press (TriWindow  *window,
       const char *keys,
       const char *action)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool != NULL)
    {
      g_autofree char *cmd = g_strconcat (xdotool, " key ", keys, NULL);
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
    }
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
}

static TriWindow *
present (TriWindow *window)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  tri_test_wait_until_drawn (window);
  return window;
}

static TriWindow *
open_editable (const char *path)
{
  TriWindow *window = tri_window_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (tri_window_get_document (window));
  return present (window);
}

static void
close_window (TriWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* The RUS-PRK side as laid out now, and what its hotspot tells a screen reader */
typedef struct
{
  TriWindow *window;
  gint64     relation;
  int        n_events;
} Side;

static const TriEdgeLayout *
side_layout (Side *side,
             int  *index)
{
  TriTriangleLayout *layout = tri_triangle_view_get_layout (tri_window_get_triangle_view (side->window));

  for (guint i = 0; layout != NULL && i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);

      if (e->relation_id == side->relation)
        {
          *index = i;
          return e;
        }
    }
  return NULL;
}

static GtkWidget *
side_hotspot (Side *side)
{
  g_autofree char *key = g_strdup_printf ("edge:%" G_GINT64_FORMAT, side->relation);
  GtkWidget *triangle = GTK_WIDGET (tri_window_get_triangle_view (side->window));

  for (GtkWidget *c = gtk_widget_get_first_child (triangle); c; c = gtk_widget_get_next_sibling (c))
    if (TRI_IS_HOTSPOT (c) && g_strcmp0 (tri_hotspot_get_key (TRI_HOTSPOT (c)), key) == 0)
      return c;
  return NULL;
}

static gboolean
side_has_events (gpointer data)
{
  Side *side = data;
  int index;
  const TriEdgeLayout *e = side_layout (side, &index);

  g_autofree char *description = NULL;
  g_autofree char *mismatch = NULL;

  if (e == NULL || e->state.n_events != side->n_events || side_hotspot (side) == NULL)
    return FALSE;
  /* the hotspots follow the layout from an idle */
  description = tri_triangle_view_describe_edge (tri_window_get_triangle_view (side->window), index);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (side_hotspot (side)),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  return mismatch == NULL;
}

/* The side's description, checked against what its hotspot says */
static char *
side_description (Side *side)
{
  int index = -1;
  char *description;

  g_assert_true (spin_until (side_has_events, side));
  side_layout (side, &index);
  description = tri_triangle_view_describe_edge (tri_window_get_triangle_view (side->window), index);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (side_hotspot (side)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  return description;
}

static gint64
add_event (TriDocument *document)
{
  /* a month before today: inside the period the window opens on */
  g_autofree char *date = tri_day_to_iso (tri_day_today () - 30);
  TriEventText texts[] = { { "en", "Artillery shells shipped", "A shipment is reported.", NULL } };
  TriEventLink links[] = { { "RUS-PRK", "tension", 3 } };
  TriEventSpec spec = {
    .date = date, .category = "military", .confidence = "confirmed",
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

typedef struct
{
  TriWindow *window;
  guint      n;
} Marks;

static gboolean
has_marks (gpointer data)
{
  Marks *m = data;
  TriTimelineLayout *layout = tri_timeline_view_get_layout (tri_window_get_timeline_view (m->window));

  return layout != NULL && layout->marks->len == m->n;
}

/* Whether the timeline comes to show @n events */
static gboolean
timeline_marks (TriWindow *window,
                guint      n)
{
  Marks m = { window, n };

  return spin_until (has_marks, &m);
}

/* An edit, its undo and its redo: the side's colour and words, the
 * timeline and the menu follow at once */
static void
test_edit_undo_redo (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) probe = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *label = NULL;
  TriWindow *window;
  TriDocument *document;
  const TriRelation *rus_prk;
  Side side = { 0 };
  const TriEdgeLayout *e;
  gint64 event;
  int index;

  /* New Briefing, as its file chooser answers */
  window = tri_window_new (NULL, NULL);
  tri_window_new_briefing (window, path);
  g_assert_nonnull (tri_window_get_document (window));
  present (window);
  document = tri_window_get_document (window);
  rus_prk = tri_store_find_relation (tri_window_get_store (window), "RUS-PRK", &error);
  g_assert_no_error (error);
  side.window = window;
  side.relation = rus_prk->id;

  /* empty: nothing to undo, no side coloured */
  side.n_events = 0;
  empty = side_description (&side);
  label = tri_test_menu_label (tri_window_get_menu (window), "win.undo");
  g_assert_cmpstr (label, ==, "Undo");
  g_assert_true (timeline_marks (window, 0));

  add_event (document);
  side.n_events = 1;
  edited = side_description (&side);
  g_assert_cmpstr (edited, !=, empty);
  e = side_layout (&side, &index);
  g_assert_nonnull (e);
  g_assert_cmpint (e != NULL ? e->state.n_by_stance[TRI_STANCE_TENSION] : -1, ==, 1);
  g_assert_true (timeline_marks (window, 1));
  g_free (label);
  label = tri_test_menu_label (tri_window_get_menu (window), "win.undo");
  g_assert_cmpstr (label, ==, "Undo Add Event");

  /* Ctrl+Z: back to the empty briefing */
  press (window, "ctrl+z", "win.undo");
  side.n_events = 0;
  undone = side_description (&side);
  g_assert_cmpstr (undone, ==, empty);
  g_assert_true (timeline_marks (window, 0));
  g_free (label);
  label = tri_test_menu_label (tri_window_get_menu (window), "win.undo");
  g_assert_cmpstr (label, ==, "Undo");
  g_free (label);
  label = tri_test_menu_label (tri_window_get_menu (window), "win.redo");
  g_assert_cmpstr (label, ==, "Redo Add Event");

  press (window, "ctrl+shift+z", "win.redo");
  side.n_events = 1;
  g_free (edited);
  edited = side_description (&side);
  g_assert_cmpstr (edited, !=, empty);

  /* the Delete key on the event chosen, undone in one step */
  event = tri_store_step_event (tri_window_get_store (window), 0, 1);
  g_signal_emit_by_name (tri_window_get_timeline_view (window), "event-activated", event);
  g_assert_cmpint (tri_window_get_selected_event (window), ==, event);
  g_assert_cmpstr (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)), ==,
                   "Artillery shells shipped");
  press (window, "Delete", "win.delete-event");
  side.n_events = 0;
  g_free (undone);
  undone = side_description (&side);
  /* "as of" is the event's day, chosen with it */
  g_assert_nonnull (strstr (undone, "no events"));
  g_assert_cmpint (tri_window_get_selected_event (window), ==, 0);
  g_assert_cmpstr (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)), ==, "Evidence");
  g_assert_true (timeline_marks (window, 0));
  g_free (label);
  label = tri_test_menu_label (tri_window_get_menu (window), "win.undo");
  g_assert_cmpstr (label, ==, "Undo Delete Event");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  side.n_events = 1;
  g_free (edited);
  edited = side_description (&side);
  g_assert_cmpstr (edited, !=, empty);
  g_assert_true (timeline_marks (window, 1));

  close_window (window);

  /* what was left is in the file */
  probe = tri_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tri_store_step_event (probe, 0, 1) != 0, ==, TRUE);
}

static GtkMessageDialog *
find_message (TriWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return GTK_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
has_message (gpointer data)
{
  return find_message (data) != NULL;
}

static char *
message_text (GtkMessageDialog *dialog)
{
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;

  g_object_get (dialog, "text", &primary, "secondary-text", &secondary, NULL);
  return g_strconcat (primary, "\n", secondary, NULL);
}

/* Whether @dialog has a button labelled @label (mnemonic removed) */
static gboolean
has_button (GtkWidget  *widget,
            const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autoptr(GString) plain = g_string_new (gtk_button_get_label (GTK_BUTTON (widget)));

      g_string_replace (plain, "_", "", 0);
      if (g_str_equal (plain->str, label))
        return TRUE;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_button (c, label))
      return TRUE;
  return FALSE;
}

static GtkWindow *
find_toplevel (TriWindow *window,
               GType      type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return w;
    }
  return NULL;
}

typedef struct
{
  TriWindow *window;
  GType      type;
} Toplevel;

static gboolean
has_toplevel (gpointer data)
{
  Toplevel *t = data;

  return find_toplevel (t->window, t->type) != NULL;
}

/* Add Event… opens the event editor on a new event; Enter on the event
 * chosen opens it on that event; what the editor saved is chosen */
static void
test_editors_open (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  g_autofree char *key = NULL;
  TriWindow *window;
  GtkWindow *editor;
  GtkWidget *mark = NULL;
  Toplevel wait;
  gint64 event;

  g_assert_true (tri_document_create_new (path, NULL));
  window = open_editable (path);
  wait.window = window;
  wait.type = TRI_TYPE_EVENT_EDITOR;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-event", NULL));
  g_assert_true (spin_until (has_toplevel, &wait));
  editor = find_toplevel (window, TRI_TYPE_EVENT_EDITOR);
  g_assert_cmpint (tri_event_editor_get_event (TRI_EVENT_EDITOR (editor)), ==, 0);

  /* as if it had saved the event it made */
  event = add_event (tri_window_get_document (window));
  g_signal_emit_by_name (editor, "saved", event);
  g_assert_cmpint (tri_window_get_selected_event (window), ==, event);
  gtk_window_destroy (editor);
  spin (50);
  g_assert_null (find_toplevel (window, TRI_TYPE_EVENT_EDITOR));

  /* Enter on its mark on the timeline */
  g_assert_true (timeline_marks (window, 1));
  tri_test_wait_until_drawn (window);
  key = g_strdup_printf ("event:%" G_GINT64_FORMAT, event);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (tri_window_get_timeline_view (window)));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    if (TRI_IS_HOTSPOT (c) && g_strcmp0 (tri_hotspot_get_key (TRI_HOTSPOT (c)), key) == 0)
      mark = c;
  g_assert_nonnull (mark);
  g_assert_true (gtk_widget_grab_focus (mark));
  press (window, "Return", "win.edit-event");
  g_assert_true (spin_until (has_toplevel, &wait));
  editor = find_toplevel (window, TRI_TYPE_EVENT_EDITOR);
  g_assert_cmpint (tri_event_editor_get_event (TRI_EVENT_EDITOR (editor)), ==, event);
  gtk_window_destroy (editor);

  close_window (window);
}

/* Deleting an event of a read-only briefing, or adding one, offers an
 * editable copy first, and the file is not touched */
static void
test_read_only_offers_copy (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "colleague.sqlite");
  TriFileState before = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy = g_build_filename (dir, "mine.sqlite", NULL);
  TriWindow *window = tri_window_new (NULL, NULL);
  Toplevel wait = { window, TRI_TYPE_EVENT_EDITOR };
  GtkMessageDialog *dialog;
  gint64 event;

  tri_test_file_state (path, &before);
  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  g_assert_null (tri_window_get_document (window));
  present (window);

  event = tri_store_step_event (tri_window_get_store (window), 0, 1);
  g_signal_emit_by_name (tri_window_get_timeline_view (window), "event-activated", event);
  g_assert_cmpint (tri_window_get_selected_event (window), ==, event);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-event", NULL));
  g_assert_true (spin_until (has_message, window));
  dialog = find_message (window);
  text = message_text (dialog);
  g_assert_nonnull (strstr (text, "read-only"));
  g_assert_true (has_button (GTK_WIDGET (dialog), "Save a Copy to Edit…"));
  g_assert_true (has_button (GTK_WIDGET (dialog), "Cancel"));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  spin (50);
  g_assert_null (find_message (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-event", NULL));
  g_assert_true (spin_until (has_message, window));
  dialog = find_message (window);
  g_assert_true (has_button (GTK_WIDGET (dialog), "Save a Copy to Edit…"));
  g_assert_null (find_toplevel (window, TRI_TYPE_EVENT_EDITOR));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  spin (50);

  /* nothing was deleted, nothing written */
  {
    g_autoptr(TriEvent) kept = tri_store_get_event (tri_window_get_store (window), event, "en", NULL);

    g_assert_nonnull (kept);
  }

  /* the copy it offers opens to edit, with every event; the original
   * is only read */
  tri_window_copy_to_edit (window, path, copy);
  g_assert_null (find_message (window));
  g_assert_nonnull (tri_window_get_document (window));
  g_assert_cmpstr (tri_store_get_path (tri_window_get_store (window)), ==, copy);
  {
    g_autoptr(TriEvent) copied = tri_store_get_event (tri_window_get_store (window), event, "en", NULL);

    g_assert_nonnull (copied);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-event", NULL));
  g_assert_true (spin_until (has_toplevel, &wait));
  gtk_window_destroy (find_toplevel (window, TRI_TYPE_EVENT_EDITOR));

  /* a copy is never written over a file */
  tri_window_copy_to_edit (window, path, copy);
  g_assert_true (spin_until (has_message, window));
  gtk_dialog_response (GTK_DIALOG (find_message (window)), GTK_RESPONSE_CLOSE);
  spin (50);

  close_window (window);
  tri_test_assert_unchanged (path, &before);
  tri_test_file_state_clear (&before);
}

/* A second window on a file being edited is told so, and can read it */
static void
test_second_window_in_use (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shared.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TriWindow *first, *second;
  GtkMessageDialog *dialog;

  g_assert_true (tri_document_create_new (path, &error));
  first = open_editable (path);

  second = tri_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (second));
  g_assert_false (tri_window_open_file (second, path, &error));
  g_assert_error (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_IN_USE);

  tri_window_open_with_dialogs (second, path);
  g_assert_true (spin_until (has_message, second));
  dialog = find_message (second);
  text = message_text (dialog);
  g_assert_nonnull (strstr (text, "being edited in another window or program"));
  g_assert_true (has_button (GTK_WIDGET (dialog), "Open Read-Only"));
  g_assert_true (has_button (GTK_WIDGET (dialog), "Cancel"));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  spin (50);

  /* read-only: shown, and nothing to edit with */
  g_assert_nonnull (tri_window_get_store (second));
  g_assert_cmpstr (tri_store_get_path (tri_window_get_store (second)), ==, path);
  g_assert_null (tri_window_get_document (second));
  /* the first window still edits it */
  g_assert_nonnull (tri_window_get_document (first));

  /* and what it saves shows here, as it is saved, with no read failure */
  {
    g_autoptr(GError) local_error = NULL;
    const TriRelation *rus_prk = tri_store_find_relation (tri_window_get_store (second), "RUS-PRK", &local_error);
    Side side = { .window = second, .n_events = 1 };

    g_assert_no_error (local_error);
    side.relation = rus_prk->id;
    add_event (tri_window_get_document (first));
    g_free (side_description (&side));
    g_assert_null (tri_window_get_read_error_text (second));
    g_assert_null (tri_store_get_read_error (tri_window_get_store (second)));
  }

  close_window (second);

  /* at start (the command line's briefing): Cancel closes the window
   * that would have shown it */
  {
    g_autoptr(GError) local_error = NULL;
    g_autoptr(TriStore) read_only = tri_store_open (path, &local_error);
    TriWindow *third = tri_window_new (NULL, NULL);
    GListModel *toplevels = gtk_window_get_toplevels ();
    gboolean open = FALSE;

    g_assert_no_error (local_error);
    g_object_ref (third);
    gtk_window_present (GTK_WINDOW (third));
    tri_window_open_store (third, read_only);
    g_assert_true (spin_until (has_message, third));
    g_assert_null (tri_window_get_store (third));
    gtk_dialog_response (GTK_DIALOG (find_message (third)), GTK_RESPONSE_CANCEL);
    spin (50);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        open |= w == GTK_WINDOW (third);
      }
    g_assert_false (open);
    g_object_unref (third);
  }

  close_window (first);
}

typedef struct
{
  TriWindow *window;
  guint      n;
} Quotes;

static gboolean
panel_has_quotes (gpointer data)
{
  Quotes *q = data;

  return tri_evidence_panel_get_n_quotes (tri_window_get_evidence_panel (q->window)) == q->n;
}

/* The side chosen lists a quote made for it at once after the edit's
 * frame, and not after its undo */
static void
test_panel_follows_quotes (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  g_autofree char *date = tri_day_to_iso (tri_day_today () - 10);
  const char *text = "We will stand together against any threat.";
  TriSourceSpec source = {
    .id = "kcna", .kind = "article", .title = "Statement", .outlet = "KCNA",
    .language = "en", .date = date, .text = text,
  };
  TriQuoteSpec quote = {
    .source = "kcna", .offset = 0, .length = g_utf8_strlen (text, -1), .relation = "RUS-PRK",
  };
  g_autoptr(GError) error = NULL;
  const TriRelation *rus_prk;
  TriDocument *document;
  TriWindow *window;
  Quotes wait;

  g_assert_true (tri_document_create_new (path, NULL));
  window = open_editable (path);
  document = tri_window_get_document (window);
  rus_prk = tri_store_find_relation (tri_window_get_store (window), "RUS-PRK", NULL);
  g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", rus_prk->id);
  wait.window = window;
  wait.n = 0;
  g_assert_true (spin_until (panel_has_quotes, &wait));

  tri_document_begin_group (document, "Add Source");
  g_assert_true (tri_document_add_source (document, &source, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tri_document_add_quote (document, &quote, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (tri_document_end_group (document, &error));
  wait.n = 1;
  g_assert_true (spin_until (panel_has_quotes, &wait));
  g_assert_cmpint (tri_window_get_selected_relation (window), ==, rus_prk->id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait.n = 0;
  g_assert_true (spin_until (panel_has_quotes, &wait));

  close_window (window);
}

static TriTranslationsReport *
find_report (TriWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (TRI_IS_TRANSLATIONS_REPORT (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return TRI_TRANSLATIONS_REPORT (w);
    }
  return NULL;
}

/* The Missing Translations window follows the edits of the briefing */
static void
test_missing_translations_follow (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  TriWindow *window;
  TriTranslationsReport *report;
  guint before;

  g_assert_true (tri_document_create_new (path, NULL));
  window = open_editable (path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.missing-translations", NULL));
  spin (100);
  report = find_report (window);
  g_assert_nonnull (report);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (report)));
  before = tri_translations_report_get_count (report, "vi");

  /* an event written in English only lacks its Vietnamese title */
  add_event (tri_window_get_document (window));
  g_assert_cmpuint (tri_translations_report_get_count (report, "vi"), >, before);
  /* (the report has the keyboard focus) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (tri_translations_report_get_count (report, "vi"), ==, before);

  close_window (window);
  g_assert_null (find_report (window));
}

/* What is set on the window's session, from outside the window, the
 * views show: "as of", the period, the selection, the data language */
static void
test_session_drives_window (void)
{
  g_autoptr(TriStore) briefing = tri_store_open (tri_test_briefing_path (), NULL);
  TriWindow *window = present (tri_window_new (NULL, briefing));
  TriSession *session = tri_window_get_session (window);
  TriTriangleView *triangle = tri_window_get_triangle_view (window);
  const TriRelation *rus_prk = tri_store_find_relation (briefing, "RUS-PRK", NULL);
  guint32 day = tri_day_from_ymd (2024, 6, 30);
  g_autofree char *english = NULL;
  g_autofree char *description = NULL;
  int index;

  tri_session_set_as_of (session, day);
  g_assert_cmpuint (tri_window_get_as_of (window), ==, day);
  g_assert_cmpuint (tri_timeline_view_get_layout (tri_window_get_timeline_view (window))->as_of, ==, day);

  tri_session_choose_relation (session, rus_prk->id);
  g_assert_cmpint (tri_window_get_selected_relation (window), ==, rus_prk->id);
  english = g_strdup (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)));
  g_assert_cmpstr (english, ==, "Russia – North Korea");

  tri_session_set_window_months (session, 3);
  index = tri_triangle_layout_find_edge (tri_triangle_view_get_layout (triangle), rus_prk->id);
  description = tri_triangle_view_describe_edge (triangle, index);
  g_assert_nonnull (strstr (description, "3 months to 30 June 2024"));

  tri_session_set_data_language (session, "vi");
  g_assert_cmpstr (tri_window_get_data_language (window), ==, "vi");
  g_assert_cmpint (tri_window_get_selected_relation (window), ==, rus_prk->id);
  g_assert_cmpuint (tri_window_get_as_of (window), ==, day);
  g_assert_cmpstr (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)), !=, english);

  tri_session_clear_selection (session);
  g_assert_cmpstr (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)), !=, english);
  g_assert_cmpint (tri_window_get_selected_relation (window), ==, 0);

  tri_session_set_data_language (session, "en");
  g_assert_cmpstr (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)), ==, "Evidence");
  close_window (window);
}

static gint64
add_event_in (TriDocument *document,
              const char  *category,
              int          days_ago,
              const char  *stance,
              gint64       edit)
{
  g_autofree char *date = tri_day_to_iso (tri_day_today () - days_ago);
  TriEventText texts[] = { { "en", "Talks in Pyongyang", "Officials meet.", NULL } };
  TriEventLink links[] = { { "RUS-PRK", stance, 2 } };
  TriEventSpec spec = {
    .date = date, .category = category, .confidence = "confirmed",
    .texts = texts, .n_texts = 1, .links = links, .n_links = 1,
  };
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (edit != 0)
    {
      tri_document_begin_group (document, "Edit Event");
      g_assert_true (tri_document_edit_event (document, edit, &spec, &error));
      id = edit;
    }
  else
    {
      tri_document_begin_group (document, "Add Event");
      id = tri_document_add_event (document, &spec, &error);
    }
  g_assert_no_error (error);
  g_assert_true (tri_document_end_group (document, &error));
  g_assert_no_error (error);
  return id;
}

typedef struct
{
  TriWindow *window;
  gint64     event;
  TriStance  stance;
} MarkStance;

static gboolean
has_mark_stance (gpointer data)
{
  MarkStance *m = data;
  TriTimelineLayout *layout = tri_timeline_view_get_layout (tri_window_get_timeline_view (m->window));

  for (guint i = 0; layout != NULL && i < layout->marks->len; i++)
    {
      const TriTimelineMark *mark = g_ptr_array_index (layout->marks, i);

      if (mark->event_id == m->event)
        return mark->stance == m->stance;
    }
  return FALSE;
}

static cairo_surface_t *
draw_node (GskRenderNode *node,
           int            width,
           int            height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The timeline drawn afresh, part by part, as GTK paints the view's parts
 * (each at its place), with nothing kept from an earlier frame */
static cairo_surface_t *
draw_fresh (TriTimelineLayout *layout,
            int                width,
            int                height)
{
  const TriTheme *theme = tri_theme_get (FALSE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  int x, y, w, h;

  tri_timeline_render_base (layout, cr, theme);
  for (guint i = 0; i <= TRI_N_CATEGORIES; i++)
    {
      cairo_surface_t *part;
      cairo_t *pcr;

      if (i < TRI_N_CATEGORIES)
        tri_timeline_lane_extent (layout, i, &x, &y, &w, &h);
      else
        tri_timeline_cursor_extent (layout, &x, &y, &w, &h);
      part = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      pcr = cairo_create (part);
      cairo_translate (pcr, -x, -y);
      if (i < TRI_N_CATEGORIES)
        tri_timeline_render_lane (layout, pcr, theme, i);
      else
        tri_timeline_render_cursor (layout, pcr, theme);
      cairo_destroy (pcr);
      cairo_set_source_surface (cr, part, x, y);
      cairo_paint (cr);
      cairo_surface_destroy (part);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), (size_t) stride * h) == 0;
}

/* The view keeps the parts of its picture that an edit did not change:
 * after an edit and after its undo, what it draws is what a fresh draw of
 * the same layout gives, pixel for pixel, and never the picture of before */
static void
test_timeline_parts_not_stale (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  TriWindow *window;
  TriDocument *document;
  TriTimelineView *view;
  TriTimelineLayout *layout;
  GskRenderNode *node;
  cairo_surface_t *before, *fresh, *edited, *undone;
  MarkStance military = { 0 };
  int width, height;

  window = tri_window_new (NULL, NULL);
  tri_window_new_briefing (window, path);
  present (window);
  military.window = window;
  document = tri_window_get_document (window);
  add_event_in (document, "diplomacy", 40, "cooperation", 0);
  military.event = add_event_in (document, "military", 50, "tension", 0);
  add_event_in (document, "economy", 60, "neutral", 0);
  g_assert_true (timeline_marks (window, 3));
  spin (100);
  view = tri_window_get_timeline_view (window);
  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));
  g_assert_cmpint (width, >, 0);

  layout = tri_timeline_view_get_layout (view);
  node = tri_timeline_view_render_node (view, width, height, FALSE);
  before = draw_node (node, width, height);
  gsk_render_node_unref (node);
  fresh = draw_fresh (layout, width, height);
  g_assert_true (same_pixels (before, fresh));
  cairo_surface_destroy (fresh);

  /* an event of one lane edited (its colour, nothing moves): that lane
   * drawn again, the others kept */
  add_event_in (document, "military", 50, "cooperation", military.event);
  military.stance = TRI_STANCE_COOPERATION;
  g_assert_true (spin_until (has_mark_stance, &military));
  spin (100);
  layout = tri_timeline_view_get_layout (view);
  node = tri_timeline_view_render_node (view, width, height, FALSE);
  edited = draw_node (node, width, height);
  gsk_render_node_unref (node);
  fresh = draw_fresh (layout, width, height);
  g_assert_true (same_pixels (edited, fresh));
  g_assert_false (same_pixels (edited, before));
  cairo_surface_destroy (fresh);

  /* its undo: the picture of before, not the edited one kept */
  press (window, "ctrl+z", "win.undo");
  military.stance = TRI_STANCE_TENSION;
  g_assert_true (spin_until (has_mark_stance, &military));
  spin (100);
  layout = tri_timeline_view_get_layout (view);
  node = tri_timeline_view_render_node (view, width, height, FALSE);
  undone = draw_node (node, width, height);
  gsk_render_node_unref (node);
  fresh = draw_fresh (layout, width, height);
  g_assert_true (same_pixels (undone, fresh));
  g_assert_true (same_pixels (undone, before));
  g_assert_false (same_pixels (undone, edited));

  cairo_surface_destroy (fresh);
  cairo_surface_destroy (before);
  cairo_surface_destroy (edited);
  cairo_surface_destroy (undone);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* What a layout shows of its events, as one string: each mark (its event,
 * place and label), each bin (its events) and each lane's "+N more" */
static char *
describe_layout (TriTimelineLayout *layout)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < layout->marks->len; i++)
    {
      TriTimelineMark *m = g_ptr_array_index (layout->marks, i);

      g_string_append_printf (out, "m%" G_GINT64_FORMAT "@%.1f:%s ", m->event_id, m->x0, m->label ? m->label : "");
    }
  for (guint i = 0; i < layout->clusters->len; i++)
    {
      TriTimelineCluster *c = g_ptr_array_index (layout->clusters, i);

      g_string_append_printf (out, "c%u:", c->count);
      for (guint k = 0; k < c->event_ids->len; k++)
        g_string_append_printf (out, "%" G_GINT64_FORMAT ",", g_array_index (c->event_ids, gint64, k));
      g_string_append_c (out, ' ');
    }
  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    g_string_append_printf (out, "+%u ", layout->more[i].count);
  return g_string_free (out, FALSE);
}

/* A pan and a zoom, step by step with the main loop between (where the
 * view reads ahead): at every step the timeline shows what a layout of a
 * fresh read of those days shows */
static void
check_reads_ahead (const char *path,
                   double      start_zoom,
                   guint      *n_clusters,
                   guint      *n_marks)
{
  TriWindow *window = tri_window_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) fresh = tri_store_open (path, NULL);
  TriTimelineView *view;
  double t0, t1, span;

  g_assert_true (tri_window_open_read_only (window, path, &error));
  g_assert_no_error (error);
  present (window);
  view = tri_window_get_timeline_view (window);
  tri_timeline_view_get_range (view, &t0, &t1);
  span = (t1 - t0) * start_zoom;
  t0 = (t0 + t1) / 2 - span / 2;
  for (int i = 0; i < 48; i++)
    {
      /* back in time by a tenth a step, then a zoom out and in */
      double a = t0 - span * (i < 32 ? i : 32) / 10, b = a + span;
      double zoom = i < 32 ? 1 : pow (1.25, i < 40 ? i - 31 : 48 - i);
      TriTimelineLayout *shown;
      TriTimelineParams params = { 0 };
      g_autoptr(TriTimelineLayout) want = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autofree char *got_text = NULL;
      g_autofree char *want_text = NULL;

      tri_timeline_view_set_range (view, (a + b) / 2 - span * zoom / 2, (a + b) / 2 + span * zoom / 2);
      spin (i % 3 == 0 ? 0 : 40);
      tri_test_wait_until_drawn (window);
      shown = tri_timeline_view_get_layout (view);
      g_assert_nonnull (shown);

      params.width = shown->width;
      params.height = shown->height;
      params.t0 = shown->t0;
      params.t1 = shown->t1;
      params.as_of = shown->as_of;
      params.lang = shown->lang;
      params.type_scale = 1;
      events = tri_store_list_events_brief (fresh, (guint32) MAX (1, shown->t0 - 1), (guint32) shown->t1 + 1,
                                            shown->lang, NULL);
      want = tri_timeline_layout_new (events, &params);
      g_assert_cmpfloat (want->label_px, ==, shown->label_px);
      got_text = describe_layout (shown);
      want_text = describe_layout (want);
      g_assert_cmpstr (got_text, ==, want_text);
      *n_clusters += shown->clusters->len;
      *n_marks += shown->marks->len;
    }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_timeline_reads_ahead (void)
{
  guint clusters = 0, marks = 0;

  check_reads_ahead (tri_test_briefing_path (), 1, &clusters, &marks);
  g_assert_cmpuint (marks, >, 0);
}

/* The same on a briefing of 10,000 events, where the lanes are counted
 * bins (from the window's lane index, once built) beside lanes drawn one
 * by one (read by id): the same picture as a fresh read of every event */
static void
test_timeline_dense_reads_ahead (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "dense.sqlite", NULL);
  const char *argv[] = { g_getenv ("TRI_GENERATE"), "10000", path, NULL };
  g_autoptr(GError) error = NULL;
  guint clusters = 0, marks = 0;
  int status = -1;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  check_reads_ahead (path, 1.0 / 16, &clusters, &marks);
  g_assert_cmpuint (clusters, >, 0);
  g_assert_cmpuint (marks, >, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The window made wider (maximized for a briefing): the picture takes the
 * room, the evidence panel keeps its width; made narrower again, the same */
static void
test_wider_window_grows_picture (void)
{
  TriWindow *window = tri_window_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *panel, *timeline;
  int panel_w, timeline_w;

  g_assert_true (tri_window_open_read_only (window, tri_test_briefing_path (), &error));
  g_assert_no_error (error);
  present (window);
  panel = GTK_WIDGET (tri_window_get_evidence_panel (window));
  timeline = GTK_WIDGET (tri_window_get_timeline_view (window));
  /* sizes that fit the test's 1280 x 800 screen (no window manager) */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  spin (500);
  tri_test_wait_until_drawn (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 910);
  panel_w = gtk_widget_get_width (panel);
  timeline_w = gtk_widget_get_width (timeline);
  g_assert_cmpint (panel_w, >, 100);

  gtk_window_set_default_size (GTK_WINDOW (window), 1270, 780);
  spin (500);
  tri_test_wait_until_drawn (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 1260);
  g_assert_cmpint (ABS (gtk_widget_get_width (panel) - panel_w), <=, 2);
  g_assert_cmpint (gtk_widget_get_width (timeline), >=, timeline_w + 280);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  spin (500);
  tri_test_wait_until_drawn (window);
  g_assert_cmpint (ABS (gtk_widget_get_width (panel) - panel_w), <=, 2);
  g_assert_cmpint (ABS (gtk_widget_get_width (timeline) - timeline_w), <=, 2);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window-edit/edit-undo-redo", test_edit_undo_redo);
  g_test_add_func ("/window-edit/editors-open", test_editors_open);
  g_test_add_func ("/window-edit/timeline-parts-not-stale", test_timeline_parts_not_stale);
  g_test_add_func ("/window-edit/timeline-reads-ahead", test_timeline_reads_ahead);
  g_test_add_func ("/window-edit/timeline-dense-reads-ahead", test_timeline_dense_reads_ahead);
  g_test_add_func ("/window-edit/wider-window-grows-picture", test_wider_window_grows_picture);
  g_test_add_func ("/window-edit/read-only-offers-copy", test_read_only_offers_copy);
  g_test_add_func ("/window-edit/second-window-in-use", test_second_window_in_use);
  g_test_add_func ("/window-edit/missing-translations-follow", test_missing_translations_follow);
  g_test_add_func ("/window-edit/panel-follows-quotes", test_panel_follows_quotes);
  g_test_add_func ("/window-edit/session-drives-window", test_session_drives_window);
  return g_test_run ();
}
