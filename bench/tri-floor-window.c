/* tri-floor-window.c: the floor of GTK, for scripts/bench --startup
 *
 * The smallest GTK 4 application a desktop program can be: a window with
 * one drawing area that draws a line. It prints the wall-clock time of its
 * first painted frame ("first-frame-epoch-us N", as Trilateral does under
 * TRILATERAL_STARTUP_TIMING) and quits, so that the benchmark times both
 * from spawning the process to the first frame, alternating.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>

static void
draw_line (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        data)
{
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, width * 0.1, height * 0.5);
  cairo_line_to (cr, width * 0.9, height * 0.5);
  cairo_stroke (cr);
}

static void
on_after_paint (GdkFrameClock  *clock,
                GtkApplication *app)
{
  g_print ("first-frame-epoch-us %" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_application_quit (G_APPLICATION (app));
}

static void
on_map (GtkWidget      *window,
        GtkApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), app);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_line, NULL, NULL);
  gtk_window_set_child (GTK_WINDOW (window), area);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);   /* Trilateral's default */
  g_signal_connect (window, "map", G_CALLBACK (on_map), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.trilateral.FloorWindow", G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
