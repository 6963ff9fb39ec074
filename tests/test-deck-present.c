/* test-deck-present.c: presenting a deck, through the keys a presenter
 * presses
 *
 * Runs under Xvfb with no window manager (one screen, one monitor), so
 * xdotool's keys reach the window under the pointer as a user's would.
 * A deck of five slides is made in an editable copy of the bundled
 * briefing; F5 presents it; the clicker's keys, a number and Enter, P
 * (the console) and Esc do what they say, and what is drawn is checked:
 * the slide's number and title through its accessible name, its pixels
 * against the slide renderer's and against the other slides'.
 *
 * /deck-present/two-monitors runs on two monitors side by side
 * (run-two-monitors.sh: Xorg's dummy driver, openbox): the slides go full
 * screen on the monitor the briefing window is not on, the console on the
 * one it is on; the test reads the X screen's pixels of each.
 *
 * With TRI_SCREENSHOT_DIR set, the console is kept there as
 * presenter-console.png (and, on two monitors, both screens as
 * presenter-two-monitors.png).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>

#include "document/tri-document.h"
#include "export/tri-deck-draw.h"
#include "store/tri-date.h"
#include "ui/tri-deck-presenter.h"
#include "ui/tri-window.h"
#include "tri-test-gui.h"
#include "tri-test-util.h"

#define N_TEST_SLIDES 5

static const char * const titles[N_TEST_SLIDES] = {
  "Bottom line up front",
  "Russia and North Korea",
  "What changed: 2022 to mid-2024",
  "Each side by quarter",
  "Questions",
};
static const char * const notes[N_TEST_SLIDES] = {
  "Say the bottom line first: the treaty made it an alliance.",
  "Point at the thick green side.",
  NULL,
  "The bars are spread over each event's possible days.",
  "Take questions; the sources are in the handout.",
};

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

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

static gboolean
needs_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    g_test_skip ("xdotool is not installed");
  return path != NULL;
}

static guint32
day (const char *iso)
{
  guint32 d = 0;

  g_assert_true (tri_day_from_iso (iso, &d));
  return d;
}

/* An editable copy of the bundled briefing with the deck "Test Deck":
 * a text slide, a view of a side, a compare, a trend and a text slide */
static char *
briefing_with_deck (const char *dir,
                    gint64     *ids)
{
  char *path = g_build_filename (dir, "deck.tri", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = NULL;
  TriDeckSlide slides[N_TEST_SLIDES];
  gint64 deck;

  g_assert_true (tri_document_copy (tri_test_briefing_path (), path, &error));
  g_assert_no_error (error);
  doc = tri_document_open (path, &error);
  g_assert_no_error (error);
  deck = tri_document_add_deck (doc, "Test Deck", &error);
  g_assert_no_error (error);
  g_assert_cmpint (deck, >, 0);

  memset (slides, 0, sizeof slides);
  for (guint i = 0; i < N_TEST_SLIDES; i++)
    {
      slides[i].title = (char *) titles[i];
      slides[i].notes = (char *) notes[i];
      slides[i].window_months = 12;
    }
  slides[0].kind = TRI_DECK_SLIDE_TEXT;
  slides[0].body = (char *) "The June 2024 treaty made Russia and North Korea allies.\n\n"
                            "China keeps its distance in public.";
  slides[1].kind = TRI_DECK_SLIDE_VIEW;
  slides[1].relation = (char *) "RUS-PRK";
  slides[1].judgement = (char *) "From wary contact to a mutual-defence treaty within a year.";
  slides[2].kind = TRI_DECK_SLIDE_COMPARE;
  slides[2].compare_from = day ("2022-01-01");
  slides[2].as_of = day ("2024-06-30");
  slides[3].kind = TRI_DECK_SLIDE_TREND;
  slides[3].trend_from = day ("2022-01-01");
  slides[3].trend_to = day ("2024-12-31");
  slides[3].trend_step = TRI_TREND_QUARTER;
  slides[3].trend_style = TRI_TREND_MULTIPLES;
  slides[4].kind = TRI_DECK_SLIDE_TEXT;
  slides[4].body = (char *) "Questions, and where the evidence is.";
  for (guint i = 0; i < N_TEST_SLIDES; i++)
    {
      ids[i] = tri_document_add_slide (doc, deck, -1, &slides[i], "en", &error);
      g_assert_no_error (error);
      g_assert_cmpint (ids[i], >, 0);
    }
  return path;
}

static TriWindow *
open_window (const char *path)
{
  TriWindow *window = tri_window_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (400);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  tri_test_wait_until_drawn (window);
  return window;
}

typedef struct
{
  TriWindow *window;
  guint      index;
} WaitSlide;

static TriDeckPresenter *
presenter_of (TriWindow *window)
{
  return tri_window_get_deck_presenter (window);
}

/* presenting slide @index, its window mapped and drawn at its size */
static gboolean
showing (gpointer data)
{
  WaitSlide *w = data;
  TriDeckPresenter *p = presenter_of (w->window);
  GtkWidget *area;

  if (p == NULL || !tri_deck_presenter_is_running (p) || tri_deck_presenter_get_index (p) != w->index)
    return FALSE;
  area = tri_deck_presenter_get_slide_area (p);
  return gtk_widget_get_mapped (area) && gtk_widget_get_width (area) > 200;
}

static gboolean
not_presenting_deck (gpointer data)
{
  return presenter_of (data) == NULL;
}

static gboolean
presenting_events (gpointer data)
{
  return tri_window_get_presenting (data);
}

static gboolean
not_presenting_events (gpointer data)
{
  return !tri_window_get_presenting (data);
}

/* What @widget shows, as an image of its size */
static cairo_surface_t *
widget_pixels (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  return surface;
}

/* @widget has a frame drawn (what it shows is not empty) */
static gboolean
has_drawn (gpointer data)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (data);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, 16, 16);
  node = gtk_snapshot_free_to_node (snapshot);
  return node != NULL;
}

/* the share of pixels that differ by more than a little */
static double
differing (cairo_surface_t *a,
           cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a), height = cairo_image_surface_get_height (a);
  guint64 differ = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < height; y++)
    {
      const guint32 *pa = (const guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *pb = (const guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < width; x++)
        for (int shift = 0; shift <= 16; shift += 8)
          if (ABS ((int) ((pa[x] >> shift) & 0xFF) - (int) ((pb[x] >> shift) & 0xFF)) > 24)
            {
              differ++;
              break;
            }
    }
  return (double) differ / ((double) width * height);
}

/* The slide on screen is the slide renderer's drawing of slide @index at
 * the screen's size, and its accessible name says which it is */
static cairo_surface_t *
check_shown (TriWindow *window,
             guint      index)
{
  WaitSlide wait = { window, index };
  TriDeckPresenter *p;
  GtkWidget *area;
  g_autofree char *name = NULL;
  cairo_surface_t *shown, *drawn;
  cairo_t *cr;
  int width, height;

  g_assert_true (spin_until (showing, &wait));
  spin (150);
  p = presenter_of (window);
  area = tri_deck_presenter_get_slide_area (p);
  width = gtk_widget_get_width (area);
  height = gtk_widget_get_height (area);

  name = g_strdup_printf ("Slide %u of %u: %s", index + 1, N_TEST_SLIDES, titles[index]);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, name);

  /* the frame on screen: the area has drawn itself since it was last
   * changed */
  g_assert_true (spin_until (has_drawn, area));
  shown = widget_pixels (area);
  drawn = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (drawn);
  tri_deck_presenter_draw_slide (p, index, cr, width, height);
  cairo_destroy (cr);
  if (differing (shown, drawn) >= 0.005 && g_getenv ("TRI_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *a = g_build_filename (g_getenv ("TRI_SCREENSHOT_DIR"), "deck-mismatch-screen.png", NULL);
      g_autofree char *b = g_build_filename (g_getenv ("TRI_SCREENSHOT_DIR"), "deck-mismatch-drawn.png", NULL);
      cairo_surface_write_to_png (shown, a);
      cairo_surface_write_to_png (drawn, b);
    }
  g_assert_cmpfloat (differing (shown, drawn), <, 0.005);
  cairo_surface_destroy (drawn);
  return shown;
}

static void
expect (TriWindow  *window,
        const char *keys,
        guint       index)
{
  g_autofree char *args = g_strconcat ("key --delay 60 ", keys, NULL);

  xdotool (args);
  cairo_surface_destroy (check_shown (window, index));
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
find_areas (GtkWidget *widget,
            GPtrArray *areas)
{
  if (GTK_IS_DRAWING_AREA (widget))
    g_ptr_array_add (areas, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_areas (c, areas);
}

static gboolean
console_shown (gpointer data)
{
  TriDeckPresenter *p = presenter_of (data);
  GtkWidget *console = p ? tri_deck_presenter_get_console (p) : NULL;

  return console != NULL && gtk_widget_get_mapped (console) && gtk_widget_get_width (console) > 200;
}

static gboolean
console_hidden (gpointer data)
{
  TriDeckPresenter *p = presenter_of (data);

  return p != NULL && !tri_deck_presenter_get_console_visible (p) &&
         gtk_widget_get_mapped (tri_deck_presenter_get_slide_area (p));
}

static void
test_present_deck_keys (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  gint64 ids[N_TEST_SLIDES];
  g_autofree char *path = NULL;
  TriWindow *window;
  cairo_surface_t *first, *second;

  if (!needs_xdotool ())
    return;
  path = briefing_with_deck (dir, ids);
  window = open_window (path);
  tri_window_set_deck (window, "Test Deck", 0);
  xdotool ("mousemove 600 300");

  /* F5 presents the deck open from its first slide */
  xdotool ("key F5");
  first = check_shown (window, 0);
  g_assert_false (tri_window_get_presenting (window));
  g_assert_cmpuint (tri_deck_presenter_get_count (presenter_of (window)), ==, N_TEST_SLIDES);

  /* each slide is drawn for itself: the next one's pixels differ */
  xdotool ("key Right");
  second = check_shown (window, 1);
  g_assert_cmpfloat (differing (first, second), >, 0.02);
  cairo_surface_destroy (first);

  /* L draws the deck in the next data language (Vietnamese: the
   * briefing's words in it; the slide's own texts fall back to English),
   * four more come back to English */
  xdotool ("key l");
  spin (300);
  first = check_shown (window, 1);
  g_assert_cmpfloat (differing (first, second), >, 0.002);
  cairo_surface_destroy (first);
  xdotool ("key --delay 60 l l l l");
  spin (300);
  first = check_shown (window, 1);
  g_assert_cmpfloat (differing (first, second), <, 0.005);
  cairo_surface_destroy (first);
  cairo_surface_destroy (second);

  /* the clicker's keys */
  expect (window, "Next", 2);        /* Page Down */
  expect (window, "Prior", 1);       /* Page Up */
  expect (window, "space", 2);
  expect (window, "Down", 3);
  expect (window, "Left", 2);
  expect (window, "End", 4);
  expect (window, "Right", 4);       /* the last stays the last */
  expect (window, "Home", 0);
  expect (window, "Page_Up", 0);     /* the first stays the first */
  expect (window, "Return", 1);      /* Enter alone goes on */

  /* a number and Enter go to that slide; past the end, to the last */
  expect (window, "4 Return", 3);
  expect (window, "2 Return", 1);
  expect (window, "9 9 Return", 4);
  xdotool ("key 3");
  spin (300);
  g_assert_cmpstr (tri_deck_presenter_get_typed_number (presenter_of (window)), ==, "3");
  if (g_getenv ("TRI_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *shot = g_build_filename (g_getenv ("TRI_SCREENSHOT_DIR"), "presenter-go-to-slide.png", NULL);
      cairo_surface_t *pixels = widget_pixels (GTK_WIDGET (tri_deck_presenter_get_slide_window (presenter_of (window))));

      g_assert_cmpint (cairo_surface_write_to_png (pixels, shot), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (pixels);
    }
  expect (window, "BackSpace 1 Return", 0);   /* Backspace takes the digit back */
  expect (window, "BackSpace", 0);

  /* P shows the console in the slides' place (one monitor) and hides it */
  expect (window, "3 Return", 2);
  g_assert_false (tri_deck_presenter_get_console_separate (presenter_of (window)));
  xdotool ("key p");
  g_assert_true (spin_until (console_shown, window));
  {
    GtkWidget *console = tri_deck_presenter_get_console (presenter_of (window));
    g_autofree char *next = g_strdup_printf ("Next slide: Slide 4 of %u: %s", N_TEST_SLIDES, titles[3]);

    g_assert_cmpstr (gtk_label_get_text (find_label (console, "position")), ==, "Slide 3 of 5");
    g_assert_cmpstr (gtk_label_get_text (find_label (console, "notes")), ==, "No notes for this slide.");
    g_assert_true (g_regex_match_simple ("^[0-9]+:[0-9][0-9]$", gtk_label_get_text (find_label (console, "elapsed")), 0, 0));
    for (guint i = 0; i < 5; i++)
      {
        const char *names[] = { "Pause Timer", "Reset Timer", "Previous Slide", "Next Slide", "End Presentation" };
        GtkWidget *b = find_button (console, names[i]);

        g_assert_nonnull (b);
        gtk_test_accessible_assert_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, names[i]);
      }
    /* the keys still step while the console shows, and it follows */
    xdotool ("key Right");
    spin (300);
    g_assert_cmpuint (tri_deck_presenter_get_index (presenter_of (window)), ==, 3);
    g_assert_cmpstr (gtk_label_get_text (find_label (console, "position")), ==, "Slide 4 of 5");
    g_assert_cmpstr (gtk_label_get_text (find_label (console, "notes")), ==, notes[3]);
    /* Space is the clicker's too, not a button's: the clock runs on */
    xdotool ("key space");
    spin (300);
    g_assert_cmpuint (tri_deck_presenter_get_index (presenter_of (window)), ==, 4);
    g_assert_nonnull (find_button (console, "Pause Timer"));
    xdotool ("key --delay 60 Left Left");
    spin (300);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (console), GTK_ACCESSIBLE_PROPERTY_LABEL, "Presenter Console");
    if (g_getenv ("TRI_SCREENSHOT_DIR") != NULL)
      {
        g_autofree char *shot = g_build_filename (g_getenv ("TRI_SCREENSHOT_DIR"), "presenter-console.png", NULL);
        cairo_surface_t *pixels;

        spin (500);
        pixels = widget_pixels (GTK_WIDGET (tri_deck_presenter_get_slide_window (presenter_of (window))));
        g_assert_cmpint (cairo_surface_write_to_png (pixels, shot), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy (pixels);
      }
    {
      g_autoptr(GPtrArray) areas = g_ptr_array_new ();
      g_autofree char *current = g_strdup_printf ("Current slide: Slide 3 of %u: %s", N_TEST_SLIDES, titles[2]);

      find_areas (console, areas);
      g_assert_cmpuint (areas->len, ==, 2);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (areas->pdata[0]), GTK_ACCESSIBLE_PROPERTY_LABEL, current);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (areas->pdata[1]), GTK_ACCESSIBLE_PROPERTY_LABEL, next);
    }
  }
  xdotool ("key p");
  g_assert_true (spin_until (console_hidden, window));
  cairo_surface_destroy (check_shown (window, 2));

  /* Esc ends it; Shift+F5 goes on from the slide it ended on */
  xdotool ("key Escape");
  g_assert_true (spin_until (not_presenting_deck, window));
  g_assert_false (tri_window_get_presenting (window));
  xdotool ("key shift+F5");
  cairo_surface_destroy (check_shown (window, 2));
  xdotool ("key Escape");
  g_assert_true (spin_until (not_presenting_deck, window));

  /* the deck pane's slide: Shift+F5 presents from it, F5 from the first */
  tri_window_set_deck (window, "Test Deck", ids[3]);
  xdotool ("key shift+F5");
  cairo_surface_destroy (check_shown (window, 3));
  xdotool ("key Escape");
  g_assert_true (spin_until (not_presenting_deck, window));
  xdotool ("key F5");
  cairo_surface_destroy (check_shown (window, 0));
  xdotool ("key Escape");
  g_assert_true (spin_until (not_presenting_deck, window));

  /* with no deck open, F5 steps through the events as before */
  tri_window_set_deck (window, NULL, 0);
  xdotool ("key F5");
  g_assert_true (spin_until (presenting_events, window));
  g_assert_null (presenter_of (window));
  xdotool ("key Escape");
  g_assert_true (spin_until (not_presenting_events, window));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* the X screen's pixels in @area, as the X server has them */
static cairo_surface_t *
capture_screen (const GdkRectangle *area)
{
  Display *x = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  XImage *image;
  cairo_surface_t *surface;
  guchar *data;
  int stride;

  XSync (x, False);
  image = XGetImage (x, DefaultRootWindow (x), area->x, area->y, area->width, area->height, AllPlanes, ZPixmap);
  g_assert_nonnull (image);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, area->width, area->height);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < area->height; y++)
    for (int px = 0; px < area->width; px++)
      {
        unsigned long p = XGetPixel (image, px, y);
        guint32 r = (p & image->red_mask) >> __builtin_ctzl (image->red_mask);
        guint32 g = (p & image->green_mask) >> __builtin_ctzl (image->green_mask);
        guint32 b = (p & image->blue_mask) >> __builtin_ctzl (image->blue_mask);

        ((guint32 *) (data + y * stride))[px] = (r << 16) | (g << 8) | b;
      }
  cairo_surface_mark_dirty (surface);
  XDestroyImage (image);
  return surface;
}

typedef struct
{
  TriWindow  *window;
  GdkMonitor *audience;
  GdkMonitor *presenter;
} WaitMonitors;

static gboolean
on_monitor (GtkWindow  *window,
            GdkMonitor *monitor)
{
  GdkSurface *surface = window ? gtk_native_get_surface (GTK_NATIVE (window)) : NULL;
  GdkRectangle geometry;

  if (surface == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || !gtk_window_is_fullscreen (window))
    return FALSE;
  gdk_monitor_get_geometry (monitor, &geometry);
  return gdk_display_get_monitor_at_surface (gdk_display_get_default (), surface) == monitor &&
         gtk_widget_get_width (GTK_WIDGET (window)) == geometry.width &&
         gtk_widget_get_height (GTK_WIDGET (window)) == geometry.height;
}

/* the slides full screen on the audience's monitor, the console on the
 * presenter's */
static gboolean
placed (gpointer data)
{
  WaitMonitors *w = data;
  TriDeckPresenter *p = presenter_of (w->window);

  return p != NULL && tri_deck_presenter_get_console_separate (p) &&
         on_monitor (tri_deck_presenter_get_slide_window (p), w->audience) &&
         on_monitor (tri_deck_presenter_get_console_window (p), w->presenter);
}

static gboolean
console_window_hidden (gpointer data)
{
  TriDeckPresenter *p = presenter_of (data);

  return p != NULL && !gtk_widget_get_visible (GTK_WIDGET (tri_deck_presenter_get_console_window (p)));
}

static void
test_two_monitors (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  gint64 ids[N_TEST_SLIDES];
  g_autofree char *path = NULL;
  TriWindow *window;
  TriDeckPresenter *p;
  WaitMonitors wait;
  GdkRectangle audience, presenter;
  cairo_surface_t *screen, *drawn, *console;
  GtkWidget *console_widget;
  cairo_t *cr;
  const char *keep = g_getenv ("TRI_SCREENSHOT_DIR");

  if (g_list_model_get_n_items (monitors) < 2)
    {
      g_test_skip_printf ("%u monitor(s): run-two-monitors.sh gives two", g_list_model_get_n_items (monitors));
      return;
    }
  if (!needs_xdotool ())
    return;
  path = briefing_with_deck (dir, ids);
  window = open_window (path);
  tri_window_set_deck (window, "Test Deck", 0);

  /* the presenter sits at the monitor the briefing window is on */
  wait.window = window;
  wait.presenter = gdk_display_get_monitor_at_surface (gdk_display_get_default (),
                                                       gtk_native_get_surface (GTK_NATIVE (window)));
  g_assert_nonnull (wait.presenter);
  wait.audience = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (monitors) && wait.audience == NULL; i++)
    {
      g_autoptr(GdkMonitor) m = g_list_model_get_item (monitors, i);
      if (m != wait.presenter)
        wait.audience = m;
    }
  gdk_monitor_get_geometry (wait.audience, &audience);
  gdk_monitor_get_geometry (wait.presenter, &presenter);
  g_test_message ("presenter's monitor %d,%d %d×%d; audience's %d,%d %d×%d",
                  presenter.x, presenter.y, presenter.width, presenter.height,
                  audience.x, audience.y, audience.width, audience.height);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  g_assert_true (spin_until (placed, &wait));
  p = presenter_of (window);
  g_assert_true (tri_deck_presenter_get_console_visible (p));

  /* the keys work wherever the focus is: step to the second slide */
  {
    g_autofree char *move = g_strdup_printf ("mousemove %d %d", audience.x + 200, audience.y + 200);
    xdotool (move);
  }
  cairo_surface_destroy (check_shown (window, 0));
  xdotool ("key Right");
  cairo_surface_destroy (check_shown (window, 1));
  console_widget = tri_deck_presenter_get_console (p);
  g_assert_cmpstr (gtk_label_get_text (find_label (console_widget, "position")), ==, "Slide 2 of 5");
  g_assert_cmpstr (gtk_label_get_text (find_label (console_widget, "notes")), ==, notes[1]);
  spin (600);

  /* what the monitors show: the audience's is the slide, as drawn for its
   * size; the presenter's is the console, not the slide */
  screen = capture_screen (&audience);
  drawn = cairo_image_surface_create (CAIRO_FORMAT_RGB24, audience.width, audience.height);
  cr = cairo_create (drawn);
  tri_deck_presenter_draw_slide (p, 1, cr, audience.width, audience.height);
  cairo_destroy (cr);
  g_assert_cmpfloat (differing (screen, drawn), <, 0.005);
  console = capture_screen (&presenter);
  g_assert_cmpfloat (differing (console, drawn), >, 0.3);
  if (keep != NULL)
    {
      g_autofree char *name = g_build_filename (keep, "presenter-console.png", NULL);
      g_assert_cmpint (cairo_surface_write_to_png (console, name), ==, CAIRO_STATUS_SUCCESS);
    }
  cairo_surface_destroy (console);
  cairo_surface_destroy (drawn);
  cairo_surface_destroy (screen);

  /* the console's buttons are named, and work */
  gtk_widget_activate (find_button (console_widget, "Next Slide"));
  cairo_surface_destroy (check_shown (window, 2));
  gtk_widget_activate (find_button (console_widget, "Previous Slide"));
  cairo_surface_destroy (check_shown (window, 1));

  /* P hides the console's window and shows it again */
  xdotool ("key p");
  g_assert_true (spin_until (console_window_hidden, window));
  spin (500);   /* the window manager gives the slides the focus back */
  xdotool ("key p");
  if (!spin_until (placed, &wait))
    {
      GtkWindow *cw = tri_deck_presenter_get_console_window (presenter_of (window));
      GdkMonitor *m = gdk_display_get_monitor_at_surface (gdk_display_get_default (), gtk_native_get_surface (GTK_NATIVE (cw)));
      g_error ("console window: mapped %d fullscreen %d %d×%d, on the presenter's monitor %d, the audience's %d",
               gtk_widget_get_mapped (GTK_WIDGET (cw)), gtk_window_is_fullscreen (cw),
               gtk_widget_get_width (GTK_WIDGET (cw)), gtk_widget_get_height (GTK_WIDGET (cw)),
               m == wait.presenter, m == wait.audience);
    }

  xdotool ("key Escape");
  g_assert_true (spin_until (not_presenting_deck, window));

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

  g_test_add_func ("/deck-present/keys", test_present_deck_keys);
  g_test_add_func ("/deck-present/two-monitors", test_two_monitors);
  return g_test_run ();
}
