/* tri-test-gui.c: shared helpers for the tests that open a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/tri-hotspot.h"
#include "tri-test-gui.h"

/* Drawn and described: both views laid out and every visible item's
 * hotspot in place (they are synced from an idle after each layout, which
 * takes a while under the sanitizers or valgrind) */
static gboolean
views_ready (TriWindow *window)
{
  GtkWidget *triangle = GTK_WIDGET (tri_window_get_triangle_view (window));
  GtkWidget *timeline = GTK_WIDGET (tri_window_get_timeline_view (window));
  TriTimelineLayout *tl = tri_timeline_view_get_layout (tri_window_get_timeline_view (window));
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean triangle_ready = FALSE;

  if (tri_triangle_view_get_layout (tri_window_get_triangle_view (window)) == NULL || tl == NULL)
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (triangle); c; c = gtk_widget_get_next_sibling (c))
    triangle_ready |= g_strcmp0 (tri_hotspot_get_key (TRI_HOTSPOT (c)), "node:RUS") == 0;
  for (GtkWidget *c = gtk_widget_get_first_child (timeline); c; c = gtk_widget_get_next_sibling (c))
    if (TRI_IS_HOTSPOT (c) && tri_hotspot_get_key (TRI_HOTSPOT (c)) != NULL)
      g_hash_table_add (keys, (gpointer) tri_hotspot_get_key (TRI_HOTSPOT (c)));
  for (guint i = 0; i < tl->marks->len; i++)
    {
      const TriTimelineMark *m = tl->marks->pdata[i];
      g_autofree char *key = NULL;

      if (m->x1 < tl->plot_x0 || m->x0 > tl->plot_x1)
        continue;
      key = g_strdup_printf ("event:%" G_GINT64_FORMAT, m->event_id);
      if (!g_hash_table_contains (keys, key))
        return FALSE;
    }
  return triangle_ready;
}

/**
 * tri_test_wait_until_drawn:
 *
 * Waits (a minute at most) until both views are drawn and described.
 */
void
tri_test_wait_until_drawn (TriWindow *window)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!views_ready (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (views_ready (window));
}


/* Runs the main loop for @ms milliseconds */
void
tri_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until @done says so (30 s at most: the sanitizers
 * and valgrind make everything slower); returns what @done says last */
gboolean
tri_test_spin_until (gboolean (*done) (gpointer),
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

/**
 * tri_test_open_window:
 *
 * A window on @store, @width × @height, shown, drawn and described.
 */
TriWindow *
tri_test_open_window (TriStore *store,
                      int       width,
                      int       height)
{
  TriWindow *window = tri_window_new (NULL, store);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  tri_test_spin (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  tri_test_wait_until_drawn (window);
  return window;
}

/* Whether xdotool (real keys and clicks under Xvfb) is there; skips if not */
gboolean
tri_test_have_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    g_test_skip ("xdotool is not installed");
  return path != NULL;
}

/* xdotool @args ("key Escape"), as a user's keys and clicks */
void
tri_test_xdotool (const char *args)
{
  g_autofree char *cmd = g_strconcat ("xdotool ", args, NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}
