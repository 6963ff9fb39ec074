/* test-presentation.c: presentation mode, full screen, is the export
 *
 * Run by run-presentation.sh inside its own Xvfb screen with a real window
 * manager (openbox), so full screen is real: the window manager gives the
 * window the whole monitor. The test captures the X screen itself (the
 * root window, as `import -window root` would) and compares it, pixel by
 * pixel, with the PNG export of the same state at the same size, in
 * English and in Vietnamese.
 *
 * With TRI_SCREENSHOT_DIR set, the captures are kept there as
 * presentation-LANG-WxH.png (the README's screenshots).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include "render/tri-catalog.h"
#include "ui/tri-window.h"
#include "tri-test-util.h"

static TriStore *store;

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
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (done (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return done (data);
}

static void
screen_size (int *width,
             int *height)
{
  GdkDisplay *display = gdk_display_get_default ();
  Display *x = gdk_x11_display_get_xdisplay (display);

  *width = DisplayWidth (x, DefaultScreen (x));
  *height = DisplayHeight (x, DefaultScreen (x));
}

/* the whole X screen as the X server has it: the root window's pixels */
static cairo_surface_t *
capture_screen (void)
{
  Display *x = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  Window root = DefaultRootWindow (x);
  int width, height;
  XImage *image;
  cairo_surface_t *surface;
  guchar *data;
  int stride;

  screen_size (&width, &height);
  XSync (x, False);
  image = XGetImage (x, root, 0, 0, width, height, AllPlanes, ZPixmap);
  g_assert_nonnull (image);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int px = 0; px < width; px++)
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
  int         width, height;
  const char *title;
} WaitSlide;

/* full screen, granted by the window manager, and the slide drawn at the
 * monitor's size */
static gboolean
presenting_full_screen (gpointer data)
{
  WaitSlide *w = data;
  const TriSlideLayout *slide = tri_window_get_slide (w->window);

  if (!gtk_window_is_fullscreen (GTK_WINDOW (w->window)) || slide == NULL ||
      (int) slide->width != w->width || (int) slide->height != w->height)
    return FALSE;
  for (guint i = 0; w->title && i < slide->boxes->len; i++)
    if (g_str_equal (g_array_index (slide->boxes, TriSlideBox, i).role, "title"))
      return g_strcmp0 (g_array_index (slide->boxes, TriSlideBox, i).text, w->title) == 0;
  return w->title == NULL;
}

static double
match_fraction (cairo_surface_t *a,
                cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a), height = cairo_image_surface_get_height (a);
  guint same = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < height; y++)
    {
      const guint32 *pa = (const guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *pb = (const guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < width; x++)
        {
          gboolean close = TRUE;

          for (int shift = 0; shift <= 16; shift += 8)
            if (ABS ((int) ((pa[x] >> shift) & 0xFF) - (int) ((pb[x] >> shift) & 0xFF)) > 40)
              close = FALSE;
          same += close;
        }
    }
  return (double) same / ((double) width * height);
}

static void
check_language (TriWindow  *window,
                const char *lang,
                const char *dir)
{
  g_autofree char *path = g_strdup_printf ("%s/export-%s.png", dir, lang);
  g_autoptr(TriExportRequest) request = tri_export_request_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = tri_store_dup_title (store, lang);
  const TriSlideLayout *slide;
  cairo_surface_t *screen, *png;
  WaitSlide wait = { window, 0, 0, title };
  const char *keep = g_getenv ("TRI_SCREENSHOT_DIR");
  double fraction;
  guint quotes = 0;

  screen_size (&wait.width, &wait.height);
  g_action_group_change_action_state (G_ACTION_GROUP (window), "data-language", g_variant_new_string (lang));
  if (!spin_until (presenting_full_screen, &wait))
    {
      slide = tri_window_get_slide (window);
      g_error ("not presenting full screen at %d×%d: fullscreen %d, slide %.0f×%.0f, window %d×%d",
               wait.width, wait.height, gtk_window_is_fullscreen (GTK_WINDOW (window)),
               slide ? slide->width : 0, slide ? slide->height : 0,
               gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
    }
  spin (400);   /* the frame on screen */
  screen = capture_screen ();

  /* the same state, exported at the same size */
  request->view = TRI_EXPORT_VIEW_SLIDE;
  request->width = wait.width;
  request->height = wait.height;
  request->dark = tri_window_is_dark (window);
  g_assert_true (tri_window_export (window, request, path, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);

  fraction = match_fraction (screen, png);
  g_test_message ("%s at %d×%d: %.4f of the pixels match the export", lang, wait.width, wait.height, fraction);
  if (keep != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s/presentation-%s-%dx%d.png", keep, lang, wait.width, wait.height);
      g_autofree char *export_name = g_strdup_printf ("%s/slide-%s-%dx%d.png", keep, lang, wait.width, wait.height);

      g_assert_cmpint (cairo_surface_write_to_png (screen, name), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_surface_write_to_png (png, export_name), ==, CAIRO_STATUS_SUCCESS);
    }
  g_assert_cmpfloat (fraction, >, 0.995);

  /* for a room: the triangle is big and the evidence is there, with its
   * citations */
  slide = tri_window_get_slide (window);
  g_assert_cmpfloat (slide->triangle.height, >, slide->ref_height * 0.6);
  g_assert_cmpfloat (slide->triangle.width * slide->triangle.height, >,
                     slide->evidence.width * slide->evidence.height);
  g_assert_cmpfloat (slide->triangle.width * slide->triangle.height, >,
                     slide->timeline.width * slide->timeline.height);
  for (guint i = 0; i < slide->boxes->len; i++)
    quotes += g_str_equal (g_array_index (slide->boxes, TriSlideBox, i).role, "quote");
  g_assert_cmpuint (quotes, >, 0);

  cairo_surface_destroy (png);
  cairo_surface_destroy (screen);
  g_unlink (path);
}

static void
test_presentation_is_the_export (void)
{
  TriWindow *window = tri_window_new (NULL, store);
  TriRelation *relation = tri_store_find_relation (store, "RUS-PRK", NULL);
  g_auto(TriTestDir) dir = tri_test_tmpdir ();

  g_assert_nonnull (relation);
  tri_window_set_deck (window, NULL, 0);   /* no deck open: the briefing slide */
  gtk_window_present (GTK_WINDOW (window));
  spin (600);
  g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", relation->id);
  spin (100);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);

  check_language (window, "en", dir);
  check_language (window, "vi", dir);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  int ret;

  /* as main.c does, with the build tree's catalogues: every word on the
   * slide in the data language */
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  tri_catalog_set_dir (po);
  gtk_test_init (&argc, &argv, NULL);
  g_assert_true (GDK_IS_X11_DISPLAY (gdk_display_get_default ()));
  store = tri_store_open (tri_test_briefing_path (), NULL);

  g_test_add_func ("/presentation/is-the-export", test_presentation_is_the_export);
  ret = g_test_run ();
  g_clear_object (&store);
  return ret;
}
