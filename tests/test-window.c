/* test-window.c: the briefing window, through the real input path
 *
 * Runs under Xvfb with no window manager, so the window sits at (0, 0)
 * and xdotool's clicks and keys reach it as a user's would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "render/tri-labels.h"
#include "ui/tri-hotspot.h"
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
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

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

/* A point of @widget on the screen: the window is at (0, 0) under Xvfb
 * without a window manager, offset only by its client-side shadow. */
static void
screen_point (GtkWidget *widget,
              double     x,
              double     y,
              int       *sx,
              int       *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t p;
  double tx, ty;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &tx, &ty);
  *sx = (int) (p.x + tx + 0.5);
  *sy = (int) (p.y + ty + 0.5);
}

static void
click_at (GtkWidget *widget,
          double     x,
          double     y)
{
  g_autofree char *args = NULL;
  int sx, sy;

  screen_point (widget, x, y, &sx, &sy);
  args = g_strdup_printf ("mousemove %d %d click 1", sx, sy);
  xdotool (args);
}

static TriWindow *
open_window (void)
{
  TriWindow *window = tri_window_new (NULL, store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (600);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

static gboolean
needs_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    g_test_skip ("xdotool is not installed");
  return path != NULL;
}

static GtkWidget *
hotspot (GtkWidget  *canvas,
         const char *key)
{
  for (GtkWidget *c = gtk_widget_get_first_child (canvas); c; c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (tri_hotspot_get_key (TRI_HOTSPOT (c)), key) == 0)
      return c;
  return NULL;
}

static void
test_shows_briefing (void)
{
  TriWindow *window = open_window ();
  GtkWidget *triangle = GTK_WIDGET (tri_window_get_triangle_view (window));
  GtkWidget *timeline = GTK_WIDGET (tri_window_get_timeline_view (window));
  TriTimelineLayout *tl = tri_timeline_view_get_layout (TRI_TIMELINE_VIEW (timeline));
  const char *names[] = { "RUS", "Russia", "CHN", "China", "PRK", "North Korea" };
  guint n_events = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i += 2)
    {
      g_autofree char *key = g_strconcat ("node:", names[i], NULL);
      GtkWidget *h = hotspot (triangle, key);

      g_assert_nonnull (h);
      g_assert_cmpstr (tri_hotspot_get_label (TRI_HOTSPOT (h)), ==, names[i + 1]);
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (h), GTK_ACCESSIBLE_ROLE_BUTTON);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (h), GTK_ACCESSIBLE_PROPERTY_LABEL, names[i + 1]);
    }

  /* every edge is named and described for screen readers */
  for (GtkWidget *c = gtk_widget_get_first_child (triangle); c; c = gtk_widget_get_next_sibling (c))
    if (g_str_has_prefix (tri_hotspot_get_key (TRI_HOTSPOT (c)), "edge:"))
      g_assert_nonnull (strstr (tri_hotspot_get_label (TRI_HOTSPOT (c)), " – "));
  g_assert_nonnull (hotspot (triangle, "edge:1"));

  /* every event on the timeline is a named button */
  for (guint i = 0; i < tl->marks->len; i++)
    {
      const TriTimelineMark *m = tl->marks->pdata[i];
      g_autofree char *key = g_strdup_printf ("event:%" G_GINT64_FORMAT, m->event_id);
      GtkWidget *h;

      if (m->x1 < tl->plot_x0 || m->x0 > tl->plot_x1)
        continue;
      h = hotspot (timeline, key);
      g_assert_nonnull (h);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (h), GTK_ACCESSIBLE_PROPERTY_LABEL, m->title);
      n_events++;
    }
  g_assert_cmpuint (n_events, >=, 20);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

typedef struct { TriTimelineView *view; guint lane, hidden; double span; } WaitMore;

static gboolean
fewer_hidden_or_closer (gpointer data)
{
  WaitMore *w = data;
  TriTimelineLayout *tl = tri_timeline_view_get_layout (w->view);
  double t0, t1;

  tri_timeline_view_get_range (w->view, &t0, &t1);
  return tl != NULL && (tl->more[w->lane].count < w->hidden || t1 - t0 < w->span * 0.9);
}

/* A lane with no room for all its events says "+N more": a button that
 * names what it hides; clicking it gives the lane the rows they need, or
 * where the other lanes have none to spare, zooms in on them. */
static void
test_more_shows_them (void)
{
  TriWindow *window = open_window ();
  TriTimelineView *view = tri_window_get_timeline_view (window);
  TriTimelineLayout *tl = tri_timeline_view_get_layout (view);
  g_autofree char *key = NULL;
  g_autofree char *count = NULL;
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");
  GtkWidget *h;
  WaitMore wait = { view, 0, 0, 0 };
  double t0, t1;

  /* the window's first view of the bundled briefing has more events in
   * a lane than the lane has rows */
  while (wait.lane < TRI_N_CATEGORIES && tl->more[wait.lane].count == 0)
    wait.lane++;
  g_assert_cmpuint (wait.lane, <, TRI_N_CATEGORIES);
  wait.hidden = tl->more[wait.lane].count;
  key = g_strdup_printf ("more:%u", wait.lane);
  count = g_strdup_printf ("%u", wait.hidden);
  spin (100);
  h = hotspot (GTK_WIDGET (view), key);
  g_assert_nonnull (h);
  g_assert_nonnull (strstr (tri_hotspot_get_label (TRI_HOTSPOT (h)), count));
  g_assert_nonnull (strstr (tri_hotspot_get_label (TRI_HOTSPOT (h)), tri_category_label (wait.lane)));

  tri_timeline_view_get_range (view, &t0, &t1);
  wait.span = t1 - t0;
  if (xdotool_path != NULL)
    click_at (GTK_WIDGET (view), tl->more[wait.lane].x + tl->more[wait.lane].w / 2,
              tl->more[wait.lane].y + tl->more[wait.lane].h / 2);
  else
    gtk_widget_activate (h);
  g_assert_true (spin_until (fewer_hidden_or_closer, &wait));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

typedef struct { TriWindow *window; gint64 relation; } WaitRelation;

static gboolean
relation_selected (gpointer data)
{
  WaitRelation *w = data;
  return tri_window_get_selected_relation (w->window) == w->relation;
}

static void
assert_panel_lists_relation (TriWindow *window,
                             gint64     relation_id)
{
  TriEvidencePanel *panel = tri_window_get_evidence_panel (window);
  g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, relation_id, 0, "en", NULL);
  GPtrArray *shown = tri_evidence_panel_get_quote_ids (panel);

  g_assert_cmpuint (shown->len, ==, quotes->len);
  for (guint i = 0; i < quotes->len; i++)
    g_assert_cmpint (*(gint64 *) shown->pdata[i], ==, ((TriQuote *) quotes->pdata[i])->id);
}

static void
test_click_edge (void)
{
  TriWindow *window;
  TriTriangleLayout *layout;

  if (!needs_xdotool ())
    return;

  window = open_window ();
  layout = tri_triangle_view_get_layout (tri_window_get_triangle_view (window));

  for (guint i = 0; i < 3; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      WaitRelation wait = { window, e->relation_id };

      click_at (GTK_WIDGET (tri_window_get_triangle_view (window)), (e->x1 + e->x2) / 2, (e->y1 + e->y2) / 2);
      g_assert_true (spin_until (relation_selected, &wait));
      assert_panel_lists_relation (window, wait.relation);
      layout = tri_triangle_view_get_layout (tri_window_get_triangle_view (window));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

typedef struct { TriWindow *window; gint64 event; } WaitEvent;

static gboolean
event_selected (gpointer data)
{
  WaitEvent *w = data;
  return tri_window_get_selected_event (w->window) == w->event;
}

static void
test_click_event (void)
{
  TriWindow *window;
  TriTimelineView *timeline;
  TriTimelineLayout *tl;
  const TriTimelineMark *target = NULL;
  g_autoptr(TriEvent) ev = NULL;
  WaitEvent wait;

  if (!needs_xdotool ())
    return;

  window = open_window ();
  timeline = tri_window_get_timeline_view (window);
  tl = tri_timeline_view_get_layout (timeline);

  /* a day-precise event, well inside the plot */
  for (guint i = 0; i < tl->marks->len && target == NULL; i++)
    {
      const TriTimelineMark *m = tl->marks->pdata[i];
      if (m->point && m->x0 > tl->plot_x0 + 20 && m->x1 < tl->plot_x1 - 20)
        target = m;
    }
  if (target == NULL)
    g_error ("no day-precise event in view");

  wait.window = window;
  wait.event = target->event_id;
  click_at (GTK_WIDGET (timeline), (target->x0 + target->x1) / 2, target->y);
  g_assert_true (spin_until (event_selected, &wait));

  ev = tri_store_get_event (store, target->event_id, "en", NULL);
  g_assert_cmpuint (tri_window_get_as_of (window), ==, ev->date.earliest);
  g_assert_cmpstr (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)), ==, ev->title);
  g_assert_cmpuint (tri_evidence_panel_get_n_quotes (tri_window_get_evidence_panel (window)), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_keyboard_edge (void)
{
  TriWindow *window;
  GtkWidget *triangle;
  GtkWidget *focus = NULL;
  const char *key = NULL;
  WaitRelation wait;

  if (!needs_xdotool ())
    return;

  window = open_window ();
  triangle = GTK_WIDGET (tri_window_get_triangle_view (window));
  xdotool ("mousemove 600 300");

  /* Tab until the focus reaches the triangle: it lands on an edge */
  for (int i = 0; i < 20; i++)
    {
      xdotool ("key Tab");
      spin (100);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus != NULL && gtk_widget_get_parent (focus) == triangle)
        break;
    }
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_parent (focus) == triangle);
  key = tri_hotspot_get_key (TRI_HOTSPOT (focus));
  g_assert_true (g_str_has_prefix (key, "edge:"));

  /* an arrow moves to the next item inside the triangle, not out of it */
  xdotool ("key Right");
  spin (100);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_get_parent (focus) == triangle);
  key = tri_hotspot_get_key (TRI_HOTSPOT (focus));

  xdotool ("key Return");
  wait.window = window;
  wait.relation = g_ascii_strtoll (key + 5, NULL, 10);
  g_assert_true (spin_until (relation_selected, &wait));
  assert_panel_lists_relation (window, wait.relation);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static gboolean
presenting (gpointer data)
{
  return tri_window_get_presenting (data);
}

static gboolean
not_presenting (gpointer data)
{
  return !tri_window_get_presenting (data);
}

static void
test_presentation_keys (void)
{
  TriWindow *window;
  gint64 first, second, last;
  WaitEvent wait;
  g_autoptr(TriEvent) ev = NULL;
  g_autofree char *expected_caption = NULL;
  g_autofree char *date = NULL;

  if (!needs_xdotool ())
    return;

  first = tri_store_step_event (store, 0, 1);
  second = tri_store_step_event (store, first, 1);
  last = tri_store_step_event (store, 0, -1);
  window = open_window ();
  wait.window = window;
  xdotool ("mousemove 600 300");

  xdotool ("key F5");
  g_assert_true (spin_until (presenting, window));
  wait.event = first;
  g_assert_true (spin_until (event_selected, &wait));

  ev = tri_store_get_event (store, first, "en", NULL);
  date = tri_date_label (&ev->date, "en");
  expected_caption = g_strdup_printf ("%s — %s", date, ev->title);
  g_assert_cmpstr (tri_window_get_caption (window), ==, expected_caption);

  xdotool ("key Right");
  wait.event = second;
  g_assert_true (spin_until (event_selected, &wait));
  xdotool ("key Page_Up");
  wait.event = first;
  g_assert_true (spin_until (event_selected, &wait));
  xdotool ("key Next");   /* Page Down, as a clicker sends it */
  wait.event = second;
  g_assert_true (spin_until (event_selected, &wait));
  xdotool ("key End");
  wait.event = last;
  g_assert_true (spin_until (event_selected, &wait));
  xdotool ("key Home");
  wait.event = first;
  g_assert_true (spin_until (event_selected, &wait));
  xdotool ("key space");
  wait.event = second;
  g_assert_true (spin_until (event_selected, &wait));

  xdotool ("key Escape");
  g_assert_true (spin_until (not_presenting, window));
  g_assert_null (tri_window_get_caption (window));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_export_from_window (void)
{
  TriWindow *window = open_window ();
  g_autofree char *dir = tri_test_tmpdir ();
  const char *names[] = { "slide.png", "slide.svg", "slide.pdf" };
  gint64 relation = 1;

  /* select an edge first: it stays selected in the export */
  g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", relation);
  spin (50);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(TriExportRequest) request = tri_export_request_new ();
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize len = 0;

      request->width = 1280;
      request->height = 720;
      g_assert_true (tri_window_export (window, request, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 10000);
      if (i == 0)
        g_assert_true (memcmp (contents, "\x89PNG", 4) == 0);
      else if (i == 1)
        g_assert_nonnull (strstr (contents, "<svg"));
      else
        g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      /* what the window showed: its selection and its "as of" */
      g_assert_cmpint (request->relation_id, ==, relation);
      g_assert_cmpuint (request->as_of, ==, tri_window_get_as_of (window));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* The triangle on screen and its PNG export at the same size are the same
 * picture: both come from one layout and one renderer. */
static void
test_screen_matches_export (void)
{
  TriWindow *window = open_window ();
  GtkWidget *view;
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "triangle.png", NULL);
  g_autoptr(TriExportRequest) request = tri_export_request_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *screen = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  cairo_surface_t *png;
  int width, height, stride, differ = 0;

  g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", (gint64) 2);
  spin (100);
  view = GTK_WIDGET (tri_window_get_triangle_view (window));
  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);

  paintable = gtk_widget_paintable_new (view);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  stride = width * 4;
  screen = g_malloc (stride * height);
  gdk_texture_download (texture, screen, stride);

  request->view = TRI_EXPORT_VIEW_TRIANGLE;
  request->width = width;
  request->height = height;
  request->dark = tri_window_is_dark (window);
  g_assert_true (tri_window_export (window, request, path, &error));
  g_assert_no_error (error);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, height);
  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (screen + y * stride);
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (png) + y * cairo_image_surface_get_stride (png));

      for (int x = 0; x < width; x++)
        for (int shift = 0; shift <= 16; shift += 8)
          if (ABS ((int) ((a[x] >> shift) & 0xFF) - (int) ((b[x] >> shift) & 0xFF)) > 48)
            {
              differ++;
              break;
            }
    }
  cairo_surface_destroy (png);
  g_test_message ("%d of %d pixels differ", differ, width * height);
  g_assert_cmpfloat ((double) differ / (width * height), <, 0.01);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_open_keeps_data_on_failure (void)
{
  TriWindow *window = open_window ();
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autofree char *copy = tri_test_copy_briefing (dir, "copy.sqlite");
  g_autofree char *title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  const char *bad[] = { text, missing, dir };
  TriStore *before = tri_window_get_store (window);

  g_assert_true (g_file_set_contents (text, "not a briefing", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (tri_window_open_file (window, bad[i], &error));
      g_assert_nonnull (strstr (error->message, bad[i]));
      /* still usable on the data it had */
      g_assert_true (tri_window_get_store (window) == before);
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
      g_assert_nonnull (tri_triangle_view_get_layout (tri_window_get_triangle_view (window)));
    }

  g_assert_true (tri_window_open_file (window, copy, NULL));
  g_assert_cmpstr (tri_store_get_path (tri_window_get_store (window)), ==, copy);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* Bad data inside a valid file: the window stays up and shows something
 * sensible through every interaction. */
static void
test_bad_data_stays_up (void)
{
  const char *edits[] = {
    "UPDATE quote SET text = printf('%.*c', 1000000, 'x') WHERE id = 1",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) "
    "INSERT INTO quote (id, source, char_offset, text, relation, event) "
    "SELECT 100000 + i, 'podcast', 0, '<b>' || i || '</b> & <', 1, 15 FROM n",
    "UPDATE event_text SET title = CAST(X'4B696DFFFE20C3' AS TEXT)",
    "UPDATE event_text SET title = '<span foreground=\"red\">&amp;</span>'",
    "PRAGMA ignore_check_constraints = ON; UPDATE event SET earliest = 'zz', latest = '' WHERE id % 2 = 0",
    "DELETE FROM quote_translation; DELETE FROM quote; DELETE FROM event_relation; DELETE FROM event_text; DELETE FROM event",
  };
  g_autofree char *dir = tri_test_tmpdir ();
  TriWindow *window = open_window ();

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.sqlite", i);
      g_autofree char *path = tri_test_copy_briefing (dir, name);
      g_autoptr(GError) error = NULL;
      TriTriangleLayout *layout;

      tri_test_sql (path, edits[i]);
      g_assert_true (tri_window_open_file (window, path, &error));
      g_assert_no_error (error);
      spin (100);

      for (guint k = 0; ; k++)
        {
          layout = tri_triangle_view_get_layout (tri_window_get_triangle_view (window));
          if (layout == NULL)
            g_error ("no triangle for %s", path);
          if (k >= layout->edges->len)
            break;
          g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated",
                                 ((TriEdgeLayout *) layout->edges->pdata[k])->relation_id);
          spin (30);
        }
      gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
      for (int k = 0; k < 5; k++)
        {
          xdotool ("key Right");
          spin (30);
        }
      gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
      spin (50);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_window_size_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.trilateral.Trilateral");
  GtkWidget *window;
  int width = 0, height = 0;

  window = GTK_WIDGET (tri_window_new (NULL, store));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  gtk_window_present (GTK_WINDOW (window));
  spin (100);
  gtk_window_close (GTK_WINDOW (window));
  spin (100);

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);

  /* the next window opens at that size */
  window = GTK_WIDGET (tri_window_new (NULL, store));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  store = tri_store_open (tri_test_briefing_path (), NULL);

  g_test_add_func ("/window/shows-briefing", test_shows_briefing);
  g_test_add_func ("/window/more-shows-them", test_more_shows_them);
  g_test_add_func ("/window/click-edge", test_click_edge);
  g_test_add_func ("/window/click-event", test_click_event);
  g_test_add_func ("/window/keyboard-edge", test_keyboard_edge);
  g_test_add_func ("/window/presentation-keys", test_presentation_keys);
  g_test_add_func ("/window/export", test_export_from_window);
  g_test_add_func ("/window/screen-matches-export", test_screen_matches_export);
  g_test_add_func ("/window/open-keeps-data-on-failure", test_open_keeps_data_on_failure);
  g_test_add_func ("/window/bad-data-stays-up", test_bad_data_stays_up);
  g_test_add_func ("/window/size-remembered", test_window_size_remembered);
  ret = g_test_run ();
  g_clear_object (&store);
  return ret;
}
