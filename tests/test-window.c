/* test-window.c: the window opens on the bundled briefing and shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "ui/tri-window.h"
#include "tri-test-util.h"

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
      g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (find_label (c, text))
      return TRUE;
  return FALSE;
}

static void
spin (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_window_shows_briefing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), &error);
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *window;
  guint rows = 0;

  g_assert_no_error (error);
  events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);

  window = GTK_WIDGET (tri_window_new (NULL, store));
  gtk_window_present (GTK_WINDOW (window));
  spin ();

  g_assert_true (gtk_widget_get_mapped (window));
  g_assert_true (find_label (window, "Russia"));
  g_assert_true (find_label (window, "China"));
  g_assert_true (find_label (window, "North Korea"));
  g_assert_true (find_label (window, ((TriEvent *) events->pdata[0])->title));

  for (guint i = 0; i < events->len; i++)
    if (find_label (window, ((TriEvent *) events->pdata[i])->title))
      rows++;
  g_assert_cmpuint (rows, ==, events->len);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_window_size_remembered (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.trilateral.Trilateral");
  GtkWidget *window;
  int width = 0, height = 0;

  window = GTK_WIDGET (tri_window_new (NULL, store));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  gtk_window_close (GTK_WINDOW (window));
  spin ();

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);

  /* the next window opens at that size */
  window = GTK_WIDGET (tri_window_new (NULL, store));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window/shows-briefing", test_window_shows_briefing);
  g_test_add_func ("/window/size-remembered", test_window_size_remembered);
  return g_test_run ();
}
