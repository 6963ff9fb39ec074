/* test-window.c: the briefing window, through the real input path
 *
 * Runs under Xvfb with no window manager, so the window sits at (0, 0)
 * and xdotool's clicks and keys reach it as a user's would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gtk/gtk.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include "import/tri-import.h"
#include "render/tri-labels.h"
#include "ui/tri-hotspot.h"
#include "ui/tri-window.h"
#include "tri-test-gui.h"
#include "store/tri-filter.h"
#include "store/tri-state.h"
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
  /* generous: the sanitizers and valgrind make everything slower */
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
  tri_test_wait_until_drawn (window);
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
  TriTimelineLayout *tl;
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
  /* the deck pane hidden (F9): the timeline at the window's whole width */
  {
    int pane = gtk_widget_get_width (GTK_WIDGET (tri_window_get_deck_pane (window)));
    int before = gtk_widget_get_width (timeline);

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (tri_window_get_deck_pane (window))));
    gtk_widget_activate_action (GTK_WIDGET (window), "deck.show-pane", NULL);
    spin (300);
    tri_test_wait_until_drawn (window);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (tri_window_get_deck_pane (window))));
    /* its room goes to the picture, not to the evidence panel */
    g_assert_cmpint (gtk_widget_get_width (timeline), >=, before + pane - 2);
  }
  tl = tri_timeline_view_get_layout (TRI_TIMELINE_VIEW (timeline));
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
  g_assert_nonnull (strstr (tri_hotspot_get_label (TRI_HOTSPOT (h)), tri_category_label (wait.lane, tl->lang)));

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

/* Whether the panel shows as many quotes as the period has */
static gboolean
panel_follows_period (gpointer data)
{
  TriWindow *window = data;
  g_autoptr(GPtrArray) quotes = NULL;
  guint32 from, to;
  guint total = 0;

  tri_window_bounds (tri_window_get_as_of (window), tri_window_days_for_months (12), &from, &to);
  quotes = tri_store_list_quotes_in_period (store, tri_window_get_selected_relation (window),
                                            from, to, "en", 1000, &total, NULL);
  return tri_evidence_panel_get_n_quotes (tri_window_get_evidence_panel (window)) == quotes->len;
}

static void
assert_panel_lists_relation (TriWindow *window,
                             gint64     relation_id)
{
  TriEvidencePanel *panel = tri_window_get_evidence_panel (window);
  g_autoptr(GPtrArray) quotes = NULL;
  GPtrArray *shown = tri_evidence_panel_get_quote_ids (panel);
  guint32 from, to;
  guint total = 0;

  /* the quotes of the period the edge counts: as of the window's date, 12 months */
  tri_window_bounds (tri_window_get_as_of (window), tri_window_days_for_months (12), &from, &to);
  quotes = tri_store_list_quotes_in_period (store, relation_id, from, to, "en", 1000, &total, NULL);
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
  g_assert_cmpuint (tri_window_get_as_of (window), ==, tri_event_as_of (&ev->date));
  g_assert_cmpstr (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)), ==, ev->title);
  g_assert_cmpuint (tri_evidence_panel_get_n_quotes (tri_window_get_evidence_panel (window)), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* The evidence follows "as of"; a vague event chosen moves it to its last day */
static void
test_evidence_follows_date (void)
{
  TriWindow *window = open_window ();
  TriRelation *rel = tri_store_find_relation (store, "RUS-PRK", NULL);
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  TriEvidencePanel *panel = tri_window_get_evidence_panel (window);
  gint64 vague = 0;
  TriDate d;

  for (guint i = 0; i < events->len && vague == 0; i++)
    {
      const TriEvent *ev = g_ptr_array_index (events, i);
      g_autofree char *text = tri_date_to_string (&ev->date);

      if (g_str_equal (text, "2023"))
        vague = ev->id;
    }
  g_assert_cmpint (vague, !=, 0);

  /* choosing the event dated "2023" puts "as of" on 31 December 2023 */
  g_signal_emit_by_name (tri_window_get_timeline_view (window), "event-activated", vague);
  spin (50);
  g_assert_true (tri_date_parse ("2023-12-31", &d, NULL));
  g_assert_cmpint (tri_window_get_selected_event (window), ==, vague);
  g_assert_cmpuint (tri_window_get_as_of (window), ==, d.latest);

  /* a side's quotes are the period's, and move with the date */
  g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", rel->id);
  spin (50);
  g_assert_cmpint (tri_window_get_selected_relation (window), ==, rel->id);
  assert_panel_lists_relation (window, rel->id);
  g_assert_true (tri_date_parse ("2023-10", &d, NULL));
  tri_window_set_as_of (window, d.latest);
  /* the quotes follow once "as of" rests */
  g_assert_true (spin_until (panel_follows_period, window));
  assert_panel_lists_relation (window, rel->id);
  g_assert_cmpuint (tri_evidence_panel_get_n_quotes (panel), >, 0);

  /* a period with none of its events has no quotes: none stand in */
  g_assert_true (tri_date_parse ("2010-06", &d, NULL));
  tri_window_set_as_of (window, d.latest);
  g_assert_true (spin_until (panel_follows_period, window));
  g_assert_cmpuint (tri_evidence_panel_get_n_quotes (panel), ==, 0);

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

/* the text of the first box of @role the presentation's slide drew */
static const char *
slide_text (TriWindow  *window,
            const char *role)
{
  const TriSlideLayout *slide = tri_window_get_slide (window);

  for (guint i = 0; slide && i < slide->boxes->len; i++)
    if (g_str_equal (g_array_index (slide->boxes, TriSlideBox, i).role, role))
      return g_array_index (slide->boxes, TriSlideBox, i).text;
  return NULL;
}

typedef struct
{
  TriWindow  *window;
  const char *role;
  const char *text;
} WaitSlide;

static gboolean
slide_shows (gpointer data)
{
  WaitSlide *w = data;
  return g_strcmp0 (slide_text (w->window, w->role), w->text) == 0;
}

static gboolean
data_language_is_ru (gpointer data)
{
  return g_strcmp0 (tri_window_get_data_language (data), "ru") == 0;
}

static void
test_presentation_keys (void)
{
  TriWindow *window;
  gint64 first, second, last;
  WaitEvent wait;
  g_autoptr(TriEvent) ev = NULL;
  g_autoptr(TriEvent) ev_vi = NULL;
  g_autofree char *date = NULL;
  g_autofree char *title_vi = NULL;
  WaitSlide ws;

  if (!needs_xdotool ())
    return;

  first = tri_store_step_event (store, 0, 1);
  second = tri_store_step_event (store, first, 1);
  last = tri_store_step_event (store, 0, -1);
  window = open_window ();
  /* no deck open: presenting steps through the events */
  tri_window_set_deck (window, NULL, 0);
  wait.window = window;
  xdotool ("mousemove 600 300");

  xdotool ("key F5");
  g_assert_true (spin_until (presenting, window));
  wait.event = first;
  g_assert_true (spin_until (event_selected, &wait));

  /* the slide, full screen, shows the event: its title, date and category */
  ev = tri_store_get_event (store, first, "en", NULL);
  date = tri_date_label (&ev->date, "en");
  ws = (WaitSlide) { window, "heading", ev->title };
  g_assert_true (spin_until (slide_shows, &ws));
  g_assert_true (g_str_has_prefix (slide_text (window, "subheading"), date));
  g_assert_nonnull (slide_text (window, "as-of"));
  g_assert_nonnull (slide_text (window, "footnote"));

  /* L switches the data language while presenting; the slide follows */
  ev_vi = tri_store_get_event (store, first, "vi", NULL);
  title_vi = tri_store_dup_title (store, "vi");
  xdotool ("key l");
  ws = (WaitSlide) { window, "heading", ev_vi->title };
  g_assert_true (spin_until (slide_shows, &ws));
  g_assert_cmpstr (tri_window_get_data_language (window), ==, "vi");
  g_assert_cmpstr (slide_text (window, "title"), ==, title_vi);
  xdotool ("key ctrl+shift+l");
  g_assert_true (spin_until (data_language_is_ru, window));
  g_assert_true (tri_window_get_presenting (window));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "data-language", g_variant_new_string ("en"));
  ws = (WaitSlide) { window, "heading", ev->title };
  g_assert_true (spin_until (slide_shows, &ws));

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
  g_assert_null (tri_window_get_slide (window));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_export_from_window (void)
{
  TriWindow *window = open_window ();
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
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

static gboolean
view_drawn (gpointer data)
{
  TriTriangleLayout *layout = tri_triangle_view_get_layout (data);

  return gtk_widget_get_mapped (data) && layout != NULL &&
         (int) layout->width == gtk_widget_get_width (data) &&
         (int) layout->height == gtk_widget_get_height (data) && gtk_widget_get_width (data) > 16;
}

/* The triangle on screen and the triangle in its PNG export are the same
 * picture: both come from one layout and one renderer. The export frames
 * it with the title, "as of" and the sources, so it is exported at the
 * size that leaves the triangle the size it has on screen. */
static void
test_screen_matches_export (void)
{
  TriWindow *window = open_window ();
  GtkWidget *view;
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "triangle.png", NULL);
  g_autoptr(TriExportRequest) request = tri_export_request_new ();
  g_autoptr(TriSlideLayout) frame = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *screen = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  cairo_surface_t *png;
  int width, height, stride, differ = 0, ox, oy;

  g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", (gint64) 2);
  spin (100);
  view = GTK_WIDGET (tri_window_get_triangle_view (window));
  /* drawn, at its size, on a machine however busy */
  g_assert_true (spin_until (view_drawn, view));
  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);

  paintable = gtk_widget_paintable_new (view);
  /* on a loaded machine the first frame may not be drawn yet */
  for (int tries = 0; ; tries++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL || tries == 50)
        break;
      spin (20);
    }
  g_assert_nonnull (node);
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

  /* the frame's size, from the request the window filled in */
  {
    cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    cairo_t *cr = cairo_create (scratch);

    frame = tri_export_draw_slide (tri_window_get_store (window), request, cr);
    request->width = width + (int) round (width - frame->triangle.width);
    request->height = height + (int) round (height - frame->triangle.height);
    g_clear_pointer (&frame, tri_slide_layout_free);
    frame = tri_export_draw_slide (tri_window_get_store (window), request, cr);
    cairo_destroy (cr);
    cairo_surface_destroy (scratch);
  }
  g_assert_cmpfloat (fabs (frame->triangle.width - width), <, 0.01);
  g_assert_cmpfloat (fabs (frame->triangle.height - height), <, 0.01);
  ox = (int) frame->triangle.x;
  oy = (int) frame->triangle.y;
  g_assert_true (tri_window_export (window, request, path, &error));
  g_assert_no_error (error);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, request->width);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, request->height);
  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (screen + y * stride);
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (png) +
                                            (y + oy) * cairo_image_surface_get_stride (png)) + ox;

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

typedef struct
{
  TriTimelineView *view;
  double           span;
} WaitZoom;

static gboolean
zoomed_in (gpointer data)
{
  WaitZoom *w = data;
  double t0, t1;

  tri_timeline_view_get_range (w->view, &t0, &t1);
  return t1 - t0 < w->span * 0.9;
}

/* a click on the timeline gives it the keyboard: + zooms at once */
static void
test_timeline_click_focus (void)
{
  TriWindow *window;
  TriTimelineView *timeline;
  TriTimelineLayout *tl;
  GtkWidget *triangle;
  WaitZoom wait;
  double t0, t1;

  if (!needs_xdotool ())
    return;
  window = open_window ();
  timeline = tri_window_get_timeline_view (window);
  triangle = GTK_WIDGET (tri_window_get_triangle_view (window));
  tl = tri_timeline_view_get_layout (timeline);
  g_assert_nonnull (tl);

  /* the keyboard elsewhere first */
  g_assert_true (gtk_widget_child_focus (triangle, GTK_DIR_TAB_FORWARD));
  spin (50);
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (timeline)));

  click_at (GTK_WIDGET (timeline), (tl->plot_x0 + tl->plot_x1) / 2, tl->lanes_y1 + 4);
  spin (100);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (timeline)));

  tri_timeline_view_get_range (timeline, &t0, &t1);
  wait = (WaitZoom) { timeline, t1 - t0 };
  xdotool ("key plus");
  g_assert_true (spin_until (zoomed_in, &wait));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* With Show Other Actors, every node and line drawn has its hotspot, and
 * each side's description for screen readers (and its tooltip, the same
 * words) ends with the trend its label shows. */
static void
test_other_actors_described (void)
{
  TriWindow *window = open_window ();
  TriTriangleView *view = tri_window_get_triangle_view (window);
  GtkWidget *triangle = GTK_WIDGET (view);
  TriTriangleLayout *layout;
  guint n_hotspots = 0, n_sides = 0;

  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-others", g_variant_new_boolean (TRUE));
  spin (300);
  layout = tri_triangle_view_get_layout (view);
  g_assert_cmpuint (layout->nodes->len, >, 3);

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const TriNodeLayout *n = g_ptr_array_index (layout->nodes, i);
      g_autofree char *key = g_strconcat ("node:", n->code, NULL);

      g_assert_nonnull (hotspot (triangle, key));
    }
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      g_autofree char *key = g_strdup_printf ("edge:%" G_GINT64_FORMAT, e->relation_id);
      g_autofree char *description = tri_triangle_view_describe_edge (view, i);
      GtkWidget *h = hotspot (triangle, key);

      g_assert_nonnull (h);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (h), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
      if (e->label != NULL && e->state.n_events > 0)
        {
          g_autofree char *ending = g_strdup_printf ("Overall: %s.", strchr (e->label, '\n') + 1);

          g_assert_true (g_str_has_suffix (description, ending));
          n_sides++;
        }
    }
  g_assert_cmpuint (n_sides, >, 0);

  /* no hotspot for anything not drawn */
  for (GtkWidget *c = gtk_widget_get_first_child (triangle); c; c = gtk_widget_get_next_sibling (c))
    n_hotspots++;
  g_assert_cmpuint (n_hotspots, ==, layout->nodes->len + layout->edges->len);

  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-others", g_variant_new_boolean (FALSE));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_open_keeps_data_on_failure (void)
{
  TriWindow *window = open_window ();
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
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

/* The message dialog transient for @window, if one is up */
static GtkMessageDialog *
find_message (TriWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return GTK_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
wait_for_job (TriImportJob *job)
{
  g_autoptr(TriImportJob) ref = g_object_ref (job);

  for (int i = 0; i < 6000 && !tri_import_job_is_finished (ref); i++)
    spin (1);
  g_assert_true (tri_import_job_is_finished (ref));
  spin (10);
}

static gboolean
count_tick (gpointer data)
{
  (*(int *) data)++;
  return G_SOURCE_CONTINUE;
}

/* A large import runs off the main loop: the window keeps drawing, a
 * progress dialog with Cancel shows, and Cancel leaves nothing behind. */
static void
test_import_progress_and_cancel (void)
{
  TriWindow *window = open_window ();
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *big = g_build_filename (dir, "big.sqlite", NULL);
  g_autofree char *json = g_build_filename (dir, "big.json", NULL);
  g_autofree char *out = g_build_filename (dir, "imported.sqlite", NULL);
  const char *generate[] = { g_getenv ("TRI_GENERATE"), "30000", big, json, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TriImportJob) job = NULL;
  GtkWindow *dialog;
  int ticks = 0, status = 0;
  guint tick;

  g_assert_nonnull (generate[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) generate, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_unlink (big);

  tick = g_timeout_add (10, count_tick, &ticks);
  job = g_object_ref (tri_window_import_timelinejs_to (window, json, out));
  dialog = tri_import_job_get_dialog (job);
  g_assert_nonnull (dialog);
  for (int i = 0; i < 3000 && !gtk_widget_get_visible (GTK_WIDGET (dialog)) &&
                  !tri_import_job_is_finished (job); i++)
    spin (1);
  g_assert_false (tri_import_job_is_finished (job));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_modal (dialog));
  /* the window's main loop ran on while the import worked */
  g_assert_cmpint (ticks, >, 5);

  gtk_widget_activate (tri_import_job_get_cancel_button (job));
  wait_for_job (job);
  g_source_remove (tick);
  g_assert_error ((GError *) tri_import_job_get_error (job), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);   /* the timeline, nothing else */
  }
  g_assert_null (find_message (window));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* A damaged briefing whose start reads opens at once, its whole-file check
 * beside the first frame: the damage is said in the bar as soon as it is
 * found, nothing drawn from the file stays on screen, and nothing is
 * exported from it. */
static void
test_damage_found_later (void)
{
  TriWindow *window = open_window ();
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_damaged_late (dir, "damaged.sqlite");
  g_autofree char *png = g_build_filename (dir, "after.png", NULL);
  g_autoptr(TriExportRequest) request = tri_export_request_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) damaged = tri_store_open_full (path, TRI_STORE_OPEN_CHECK_LATER, &error);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  tri_window_open_store (window, damaged);
  /* found by the check, or by a read of a damaged page first */
  while (!tri_store_is_damaged (damaged) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  spin (50);
  g_assert_nonnull (tri_window_get_read_error_text (window));
  g_assert_nonnull (strstr (tri_window_get_read_error_text (window), "damaged.sqlite"));
  g_assert_nonnull (strstr (tri_window_get_read_error_text (window), "is damaged"));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (tri_window_get_triangle_view (window))));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (tri_window_get_timeline_view (window))));

  request->view = TRI_EXPORT_VIEW_TRIANGLE;
  request->width = 800;
  request->height = 600;
  g_assert_false (tri_window_export (window, request, png, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* A briefing cut short under the open window: the next read fails, the
 * window says so in a bar naming the file, the panel keeps the quotes it
 * had rather than "no quotes", and nothing is exported from that state. */
static void
test_read_failure_said (void)
{
  TriWindow *window = open_window ();
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "cut.sqlite");
  g_autofree char *png = g_build_filename (dir, "after.png", NULL);
  g_autoptr(TriExportRequest) request = tri_export_request_new ();
  g_autoptr(GError) error = NULL;
  TriEvidencePanel *panel = tri_window_get_evidence_panel (window);
  TriStore *briefing;
  const TriRelation *rus_prk, *rus_chn;
  g_autofree char *title = NULL;
  guint n_quotes;

  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  spin (100);
  briefing = tri_window_get_store (window);
  rus_prk = tri_store_find_relation (briefing, "RUS-PRK", NULL);
  rus_chn = tri_store_find_relation (briefing, "RUS-CHN", NULL);
  g_assert_null (tri_window_get_read_error_text (window));

  g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", rus_prk->id);
  spin (100);
  n_quotes = tri_evidence_panel_get_n_quotes (panel);
  title = g_strdup (tri_evidence_panel_get_title (panel));
  g_assert_cmpuint (n_quotes, >, 0);

  g_assert_cmpint (truncate (path, 8192), ==, 0);
  g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", rus_chn->id);
  spin (100);
  g_assert_nonnull (tri_window_get_read_error_text (window));
  g_assert_nonnull (strstr (tri_window_get_read_error_text (window), "cut.sqlite"));
  g_assert_cmpuint (tri_evidence_panel_get_n_quotes (panel), ==, n_quotes);
  g_assert_cmpstr (tri_evidence_panel_get_title (panel), ==, title);

  request->view = TRI_EXPORT_VIEW_TRIANGLE;
  request->width = 800;
  request->height = 600;
  g_assert_false (tri_window_export (window, request, png, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "cut.sqlite"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* A file that cannot be imported is refused before the save dialog opens */
static void
test_import_refused_first (void)
{
  TriWindow *window = open_window ();
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *good = g_build_filename (dir, "good.json", NULL);
  GtkMessageDialog *message;
  GtkNativeDialog *save;
  TriImportJob *job;
  g_autofree char *secondary = NULL;

  g_assert_true (g_file_set_contents (bad, "{ \"events\": [ { \"start_date\": { \"year\": 2021 }, \"end_date\": \"2022\" } ] }", -1, NULL));
  g_assert_true (g_file_set_contents (good, "{ \"events\": [ { \"start_date\": { \"year\": 2021 } } ] }", -1, NULL));

  job = tri_window_import_timelinejs (window, bad);
  g_assert_nonnull (job);
  wait_for_job (job);
  g_assert_null (tri_window_get_import_save_dialog (window));
  message = find_message (window);
  g_assert_nonnull (message);
  g_object_get (message, "secondary-text", &secondary, NULL);
  g_assert_nonnull (strstr (secondary, "event 1: “end_date” is text, not an object"));
  gtk_window_destroy (GTK_WINDOW (message));

  /* a good one gets the save dialog, and no message */
  /* GTK's file chooser lists cloud accounts through libcloudproviders,
   * which keeps its D-Bus replies for the life of the process: not ours,
   * and the sanitizers' fast stacks stop before they could name it */
#ifdef __SANITIZE_ADDRESS__
  __lsan_disable ();
#endif
  job = tri_window_import_timelinejs (window, good);
  wait_for_job (job);
  save = tri_window_get_import_save_dialog (window);
  g_assert_nonnull (save);
  g_assert_null (find_message (window));
  gtk_native_dialog_hide (save);
  spin (300);
#ifdef __SANITIZE_ADDRESS__
  __lsan_enable ();
#endif

  g_unlink (bad);
  g_unlink (good);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, out);
}

/* An imported event's media credit, its URL and its notes are in the panel */
static void
test_panel_shows_import_notes (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "timelinejs", "full-featured.json", NULL);
  g_autofree char *out = g_build_filename (dir, "imported.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) imported = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  TriWindow *window = open_window ();
  TriEvidencePanel *panel = tri_window_get_evidence_panel (window);
  const TriEvent *summit = NULL;

  g_assert_true (tri_import_timelinejs (json, out, NULL, &error));
  g_assert_no_error (error);
  imported = tri_store_open (out, &error);
  g_assert_no_error (error);
  events = tri_store_list_events (imported, 0, G_MAXUINT32, "en", NULL);
  for (guint i = 0; i < events->len; i++)
    if (g_str_has_prefix (((TriEvent *) events->pdata[i])->title, "Summit"))
      summit = events->pdata[i];
  g_assert_nonnull (summit);

  tri_evidence_panel_show_event (panel, imported, summit, NULL, "en");
  spin (50);
  collect_labels (GTK_WIDGET (panel), text);
  g_assert_nonnull (strstr (text->str, "Notes from the imported file"));
  g_assert_nonnull (strstr (text->str, "media credit: Yonhap"));
  g_assert_nonnull (strstr (text->str, "media URL: https://example.org/photo.jpg"));
  g_assert_nonnull (strstr (text->str, "unique_id: summit-2023"));

  /* a display_date that is the date's label heads the event */
  {
    g_autofree char *labelled = g_test_build_filename (G_TEST_DIST, "timelinejs", "display-dates.json", NULL);
    g_autofree char *out2 = g_build_filename (dir, "labelled.sqlite", NULL);
    g_autoptr(TriStore) store2 = NULL;
    g_autoptr(GPtrArray) events2 = NULL;
    g_autoptr(GString) text2 = g_string_new (NULL);

    g_assert_true (tri_import_timelinejs (labelled, out2, NULL, &error));
    store2 = tri_store_open (out2, &error);
    g_assert_no_error (error);
    events2 = tri_store_list_events (store2, 0, G_MAXUINT32, "en", NULL);
    g_assert_cmpstr (((TriEvent *) events2->pdata[0])->date_label, ==, "Summer 1950");
    tri_evidence_panel_show_event (panel, store2, events2->pdata[0], NULL, "en");
    collect_labels (GTK_WIDGET (panel), text2);
    g_assert_nonnull (strstr (text2->str, "Summer 1950 · "));
    g_clear_pointer (&events2, g_ptr_array_unref);
    g_clear_object (&store2);
    g_unlink (out2);
  }

  /* the bundled briefing's events have none */
  {
    g_autoptr(TriEvent) ev = tri_store_get_event (store, tri_store_step_event (store, 0, 1), "en", NULL);
    g_autoptr(GString) plain = g_string_new (NULL);

    tri_evidence_panel_show_event (panel, store, ev, NULL, "en");
    collect_labels (GTK_WIDGET (panel), plain);
    g_assert_null (strstr (plain->str, "imported file"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_clear_pointer (&imported, g_object_unref);
  g_unlink (out);
  g_rmdir (dir);
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
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
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

/* The timeline's marks in view, and whether each event passes @check */
static guint
marks_shown (TriWindow *window,
             gboolean (*check) (const TriEvent *ev))
{
  TriTimelineLayout *tl = tri_timeline_view_get_layout (tri_window_get_timeline_view (window));
  guint n = 0;

  for (guint i = 0; i < tl->marks->len; i++)
    {
      const TriTimelineMark *m = tl->marks->pdata[i];
      g_autoptr(TriEvent) ev = tri_store_get_event (store, m->event_id, "en", NULL);

      if (ev == NULL)
        g_error ("no event %" G_GINT64_FORMAT, m->event_id);
      if (check != NULL)
        g_assert_true (check (ev));
      n++;
    }
  return n;
}

static gboolean
confirmed_military (const TriEvent *ev)
{
  return ev->category == TRI_CATEGORY_MILITARY && ev->confidence == TRI_CONFIDENCE_CONFIRMED;
}

/* The edge's state on screen, and what the window's period counts of @events */
static void
assert_edge_counts (TriWindow *window,
                    gint64     relation,
                    GPtrArray *events)
{
  TriTriangleLayout *layout = tri_triangle_view_get_layout (tri_window_get_triangle_view (window));
  TriEdgeState expected;
  guint32 from, to;
  gboolean found = FALSE;

  tri_session_window_bounds (tri_window_get_session (window), &from, &to);
  tri_edge_state_compute (&expected, events, relation, from, to);
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);

      if (e->relation_id != relation)
        continue;
      found = TRUE;
      g_assert_cmpint (e->state.n_events, ==, expected.n_events);
      g_assert_cmpint (e->state.n_possibly, ==, expected.n_possibly);
      g_assert_cmpfloat (e->state.intensity, ==, expected.intensity);
    }
  g_assert_true (found);
}

/* A filter set on the session (as the chips do) redraws the triangle, the
 * timeline and the panel with what passes, and the exports carry it */
static void
test_filter_redraws (void)
{
  TriWindow *window = open_window ();
  TriSession *session = tri_window_get_session (window);
  g_autoptr(TriFilter) filter = tri_filter_parse ("category=military,confidence=confirmed", NULL);
  g_autoptr(GPtrArray) all = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  g_autoptr(GPtrArray) passing = g_ptr_array_new ();
  g_autoptr(TriExportRequest) request = tri_export_request_new ();
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "filtered.png", NULL);
  g_autoptr(GError) error = NULL;
  guint before, after;
  gint64 relation = 1;

  for (guint i = 0; i < all->len; i++)
    if (confirmed_military (all->pdata[i]))
      g_ptr_array_add (passing, all->pdata[i]);
  g_assert_cmpuint (passing->len, >, 0);

  g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", relation);
  spin (100);
  before = marks_shown (window, NULL);
  assert_edge_counts (window, relation, all);

  tri_session_set_filter (session, filter);
  spin (300);
  tri_test_wait_until_drawn (window);
  after = marks_shown (window, confirmed_military);
  g_assert_cmpuint (after, >, 0);
  g_assert_cmpuint (after, <, before);
  assert_edge_counts (window, relation, passing);
  g_assert_true (tri_filter_equal (tri_store_get_filter (store), filter));

  /* the panel: the quotes of the events counted, all of passing events */
  {
    g_autoptr(GPtrArray) quotes = NULL;
    guint32 from, to;
    guint total = 0;

    tri_session_window_bounds (session, &from, &to);
    quotes = tri_store_list_quotes_in_period (store, relation, from, to, "en", 200, &total, NULL);
    for (guint i = 0; i < quotes->len; i++)
      {
        const TriQuote *q = quotes->pdata[i];
        g_autoptr(TriEvent) ev = tri_store_get_event (store, q->event_id, "en", NULL);

        if (ev == NULL)
          g_error ("quote %" G_GINT64_FORMAT " has no event", q->id);
        g_assert_true (confirmed_military (ev));
      }
  }

  /* an export from the window states and applies it */
  request->width = 1280;
  request->height = 720;
  g_assert_true (tri_window_export (window, request, path, &error));
  g_assert_no_error (error);
  g_assert_true (tri_filter_equal (request->filter, filter));

  /* cleared: everything again */
  tri_session_set_filter (session, NULL);
  spin (300);
  tri_test_wait_until_drawn (window);
  g_assert_cmpuint (marks_shown (window, NULL), ==, before);
  assert_edge_counts (window, relation, all);
  g_assert_null (tri_store_get_filter (store));

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
  g_test_add_func ("/window/evidence-follows-date", test_evidence_follows_date);
  g_test_add_func ("/window/presentation-keys", test_presentation_keys);
  g_test_add_func ("/window/timeline-click-focus", test_timeline_click_focus);
  g_test_add_func ("/window/export", test_export_from_window);
  g_test_add_func ("/window/screen-matches-export", test_screen_matches_export);
  g_test_add_func ("/window/other-actors-described", test_other_actors_described);
  g_test_add_func ("/window/open-keeps-data-on-failure", test_open_keeps_data_on_failure);
  g_test_add_func ("/window/bad-data-stays-up", test_bad_data_stays_up);
  g_test_add_func ("/window/import-refused-first", test_import_refused_first);
  g_test_add_func ("/window/read-failure-said", test_read_failure_said);
  g_test_add_func ("/window/damage-found-later", test_damage_found_later);
  g_test_add_func ("/window/import-progress-and-cancel", test_import_progress_and_cancel);
  g_test_add_func ("/window/panel-shows-import-notes", test_panel_shows_import_notes);
  g_test_add_func ("/window/size-remembered", test_window_size_remembered);
  g_test_add_func ("/window/filter-redraws", test_filter_redraws);
  ret = g_test_run ();
  g_clear_object (&store);
  return ret;
}
