/* test-deck-export-job.c: Export Deck… run from the window
 *
 * The export runs in a worker thread on its own store: the window answers
 * meanwhile, a progress dialog shows, and Cancel leaves nothing behind; a
 * finished export says so; a failed one says why in a message dialog. (The
 * dialog's choices and its file chooser are driven by deck-session.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "store/tri-store.h"
#include "ui/tri-deck-export-dialog.h"
#include "ui/tri-window.h"
#include "tri-test-gui.h"
#include "tri-test-util.h"

/* the main loop turned until @done is TRUE, or @seconds have passed */
static gboolean
spin_until (gboolean *done,
            double    seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!*done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return *done;
}

static void
on_destroyed (gpointer  data,
              GObject  *gone)
{
  *(gboolean *) data = TRUE;
}

/* The message dialog the window shows, or NULL; its text in @primary */
static GtkMessageDialog *
message_shown (char **primary)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          g_object_get (w, "text", primary, NULL);
          return GTK_MESSAGE_DIALOG (w);
        }
    }
  return NULL;
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static TriWindow *
open_copy (const char *dir,
           char      **deck_name)
{
  g_autofree char *path = tri_test_copy_briefing (dir, "briefing.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDeck) deck = NULL;
  TriWindow *window = tri_window_new (NULL, NULL);

  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  tri_test_wait_until_drawn (window);
  deck = tri_store_get_deck (tri_window_get_store (window), NULL, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deck->slides->len, >=, 3);
  *deck_name = g_strdup (deck->name);
  return window;
}

/* Cancel while the pages are drawn: nothing at the path, nothing beside
 * it, nothing said; the window answered meanwhile */
static void
test_cancel (void)
{
  char *dir = tri_test_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "slides", NULL);
  g_autofree char *deck_name = NULL;
  g_autofree char *primary = NULL;
  TriWindow *window = open_copy (dir, &deck_name);
  guint before = count_entries (dir);
  TriDeckExportOptions options;
  GtkWindow *progress;
  gboolean ended = FALSE, shown = FALSE;
  GtkWidget *cancel;

  /* PNG at 3× of every slide: seconds of drawing, cancelled at once */
  tri_deck_export_options_init (&options);
  options.format = TRI_DECK_EXPORT_PNG;
  options.scale = 3;
  options.lang = "en";
  progress = tri_deck_export_dialog_start (window, deck_name, &options, out);
  g_object_weak_ref (G_OBJECT (progress), on_destroyed, &ended);
  cancel = gtk_window_get_default_widget (progress);
  g_assert_true (GTK_IS_BUTTON (cancel));
  /* the progress shows while the export runs (the main loop is free) */
  while (!ended && !(shown = gtk_widget_get_visible (GTK_WIDGET (progress))))
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (shown);
  g_assert_false (ended);
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_false (gtk_widget_get_sensitive (cancel));
  g_assert_true (spin_until (&ended, 120));

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, before);
  g_assert_null (message_shown (&primary));

  gtk_window_destroy (GTK_WINDOW (window));
  tri_test_dir_remove (dir);
}

/* Done: the PDF there and "Export complete"; a folder that cannot be
 * written: "Export failed" and why, in the user's words */
static void
test_done_and_failed (void)
{
  char *dir = tri_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "deck.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no such folder", "deck.pdf", NULL);
  g_autofree char *deck_name = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;
  TriWindow *window = open_copy (dir, &deck_name);
  TriDeckExportOptions options;
  GtkMessageDialog *message;
  GtkWindow *progress;
  gboolean ended = FALSE;

  tri_deck_export_options_init (&options);
  options.notes = TRUE;
  options.lang = "en";
  progress = tri_deck_export_dialog_start (window, deck_name, &options, pdf);
  g_object_weak_ref (G_OBJECT (progress), on_destroyed, &ended);
  g_assert_true (spin_until (&ended, 120));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  message = message_shown (&primary);
  g_assert_nonnull (message);
  g_assert_cmpstr (primary, ==, "Export complete");
  gtk_window_destroy (GTK_WINDOW (message));
  g_clear_pointer (&primary, g_free);

  ended = FALSE;
  progress = tri_deck_export_dialog_start (window, deck_name, &options, nowhere);
  g_object_weak_ref (G_OBJECT (progress), on_destroyed, &ended);
  g_assert_true (spin_until (&ended, 120));
  message = message_shown (&primary);
  g_assert_nonnull (message);
  g_assert_cmpstr (primary, ==, "Export failed");
  g_object_get (message, "secondary-text", &secondary, NULL);
  g_test_message ("the error said: %s", secondary);
  g_assert_nonnull (strstr (secondary, "no such folder"));
  g_assert_null (strstr (secondary, "errno"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (message));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (pdf);
  tri_test_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deck-export-job/cancel", test_cancel);
  g_test_add_func ("/deck-export-job/done-and-failed", test_done_and_failed);
  return g_test_run ();
}
