/* tri-bench.c: how Trilateral scales, measured through its own renderers
 *
 * Usage: tri-bench DB                 all the measurements for one briefing
 *        tri-bench --edit DB          edits and undos on an editable copy, each
 *                                     through to the next frame
 *        tri-bench --filter DB        a filter changed, through to the next frame
 *        tri-bench --memory DB        the memory the window's start holds, step
 *                                     by step (resident and peak, in MB)
 *        tri-bench --first-frame DB   (internal) a cold start to the first frame
 *
 * Prints numbers; it passes or fails nothing. Drawing goes through the
 * same layouts and renderers as the window, on 1920 × 1080 surfaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include <cairo.h>

#include "document/tri-document.h"
#include "export/tri-export.h"
#include "render/tri-timeline.h"
#include "render/tri-triangle.h"
#include "store/tri-filter.h"
#include "store/tri-lane-index.h"
#include "store/tri-state-index.h"
#include "store/tri-store.h"

#define WIDTH 1920
#define HEIGHT 1080
#define ALL_LANES ((1u << TRI_N_CATEGORIES) - 1)

typedef struct
{
  TriStore      *store;
  GPtrArray     *actors;
  GPtrArray     *relations;
  TriStateIndex *index;
  TriLaneIndex  *lanes;      /* every event's place, built with the running sums */
  GPtrArray     *events;     /* the timeline's range, with its margin */
  double         events_t0, events_t1;   /* the days they were read for */
  guint          events_lanes;           /* the lanes they hold */
  GPtrArray     *next_events;            /* read ahead, as the window's view does */
  double         next_t0, next_t1;
  guint          next_lanes;
  guint          wanted_lanes;           /* those drawn one by one, as last laid out */
  gboolean       reading_ahead;
  double         t0, t1;
  guint32        as_of;
} Bench;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* this thread's processor time: what the work costs, however many other
 * programs share the processor */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* resident now and at its peak, from /proc: what the step before it held */
static void
print_memory (const char *step)
{
  g_autofree char *status = NULL;
  long rss = 0, hwm = 0;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *r = strstr (status, "VmRSS:"), *h = strstr (status, "VmHWM:");

      if (r != NULL)
        rss = strtol (r + 6, NULL, 10);
      if (h != NULL)
        hwm = strtol (h + 6, NULL, 10);
    }
  printf ("%s_rss_mb\t%.1f\n%s_peak_rss_mb\t%.1f\n", step, rss / 1024.0, step, hwm / 1024.0);
  fflush (stdout);
}

static long
peak_rss_kb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* What the window does before its first frame; @live: the store of an
 * editable file */
/* The events of the days [from, to] as the window's view reads them: all
 * of them, or with the lane index only those of @lanes */
static GPtrArray *
bench_read (Bench  *b,
            double  from,
            double  to,
            guint   lanes)
{
  GPtrArray *held[2] = { b->events, b->next_events };

  if (b->lanes == NULL)
    return tri_store_list_events_untitled (b->store, (guint32) from, (guint32) to, "en", NULL);
  return tri_lane_index_read (b->lanes, (guint32) from, (guint32) to, lanes, held, G_N_ELEMENTS (held), "en", NULL);
}

static void
bench_open_store (Bench      *b,
                  const char *path,
                  gboolean    live)
{
  g_autoptr(GError) error = NULL;
  guint32 earliest = 0, latest = 0;
  double span;

  b->store = live ? tri_store_open_live (path, &error) : tri_store_open (path, &error);
  if (b->store == NULL)
    g_error ("%s", error->message);
  b->actors = tri_store_list_actors (b->store, "en", NULL);
  b->relations = tri_store_list_relations (b->store, NULL);
  tri_store_get_extent (b->store, &earliest, &latest);
  tri_timeline_default_range (earliest, latest, 0, &b->t0, &b->t1);
  span = b->t1 - b->t0;
  b->events_t0 = MAX (1, floor (b->t0 - span / 2));
  b->events_t1 = ceil (b->t1 + span / 2);
  b->events = tri_store_list_events_untitled (b->store, (guint32) b->events_t0, (guint32) b->events_t1, "en", NULL);
  b->events_lanes = ALL_LANES;
  b->as_of = tri_store_default_as_of (b->store);
  if (b->as_of == 0)
    b->as_of = latest;
}

static void
bench_open (Bench      *b,
            const char *path)
{
  bench_open_store (b, path, FALSE);
}

/* One full frame: the triangle above, the timeline below, as laid out in
 * the window at 1920 × 1080 */
static void
bench_params (Bench             *b,
              guint32            as_of,
              TriTimelineParams *lp)
{
  memset (lp, 0, sizeof *lp);
  lp->width = WIDTH * 0.68;
  lp->height = HEIGHT * 0.42;
  lp->t0 = b->t0;
  lp->t1 = b->t1;
  lp->as_of = as_of;
  lp->lang = "en";
  lp->type_scale = 1;
  lp->lanes = b->lanes;
}

static TriTimelineLayout *
bench_timeline (Bench   *b,
                guint32  as_of)
{
  TriTimelineParams lp;

  bench_params (b, as_of, &lp);
  /* as the view does: the titles of the events drawn one by one */
  {
    g_autoptr(GPtrArray) untitled = tri_timeline_untitled_marks (b->events, &lp);

    if (untitled->len > 0 && !tri_store_read_titles (b->store, untitled, "en", NULL))
      g_error ("cannot read titles");
  }
  return tri_timeline_layout_new (b->events, &lp);
}

/* One full frame as the window draws it while scrubbing: the triangle for
 * the new date (from the index), the timeline's layout with its cursor
 * moved, both rendered */
static void
bench_frame (Bench             *b,
             cairo_t           *cr,
             TriTimelineLayout *timeline,
             guint32            as_of)
{
  g_autoptr(TriTriangleLayout) triangle = NULL;
  TriTriangleParams tp = { 0 };
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  tri_window_bounds (as_of, tri_window_days_for_months (12), &tp.from, &tp.to);
  tp.width = WIDTH * 0.68;
  tp.height = HEIGHT * 0.58;
  tp.lang = "en";
  tp.type_scale = 1;
  tp.show_legend = TRUE;
  tp.index = b->index;
  if (b->index == NULL)
    {
      /* before the index is built, as in the window: the window's events */
      g_autoptr(GPtrArray) window = tri_store_list_events_untitled (b->store, tp.from, tp.to, "en", NULL);
      triangle = tri_triangle_layout_new (b->actors, b->relations, window, &tp);
    }
  else
    triangle = tri_triangle_layout_new (b->actors, b->relations, none, &tp);
  tri_timeline_layout_set_as_of (timeline, as_of);

  cairo_save (cr);
  tri_triangle_render (triangle, cr, tri_theme_get (FALSE));
  cairo_translate (cr, 0, tp.height);
  tri_timeline_render (timeline, cr, tri_theme_get (FALSE));
  cairo_restore (cr);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The timeline shows [t0, t1]: as the window's view does (ensure_events),
 * with what was read ahead once it covers those days, and read again
 * (the margin) only when they leave what is read */
static void
bench_show_range (Bench  *b,
                  double  t0,
                  double  t1)
{
  TriTimelineParams lp;
  guint lanes;
  GPtrArray *events;

  b->t0 = t0;
  b->t1 = t1;
  bench_params (b, b->as_of, &lp);
  lanes = b->wanted_lanes = b->lanes != NULL ? ~tri_timeline_lanes_counted (NULL, &lp) & ALL_LANES : ALL_LANES;
  if (b->next_events != NULL && t0 >= b->next_t0 && t1 <= b->next_t1 && (b->next_lanes & lanes) == lanes)
    {
      g_clear_pointer (&b->events, g_ptr_array_unref);
      b->events = g_steal_pointer (&b->next_events);
      b->events_t0 = b->next_t0;
      b->events_t1 = b->next_t1;
      b->events_lanes = b->next_lanes;
    }
  if (t0 >= b->events_t0 && t1 <= b->events_t1 && (b->events_lanes & lanes) == lanes)
    return;
  tri_timeline_margin (t0, t1, &b->events_t0, &b->events_t1);
  events = bench_read (b, b->events_t0, b->events_t1, lanes);
  g_clear_pointer (&b->next_events, g_ptr_array_unref);
  g_clear_pointer (&b->events, g_ptr_array_unref);
  b->events = events;
  b->events_lanes = lanes;
}

/* One turn of the view's idle after a frame: a step of reading ahead when
 * one is due (tri_timeline_read_ahead). Its time in ms, or -1 for none */
static double
bench_read_ahead (Bench *b)
{
  double have_t0 = b->next_events != NULL ? b->next_t0 : b->events_t0;
  double have_t1 = b->next_events != NULL ? b->next_t1 : b->events_t1;
  double from, to, m0, m1, t = now_ms ();

  if (!b->reading_ahead && !tri_timeline_read_ahead_due (b->t0, b->t1, have_t0, have_t1))
    return -1;
  b->reading_ahead = tri_timeline_read_ahead (b->t0, b->t1, have_t0, have_t1, &from, &to);
  if (!b->reading_ahead)
    return -1;
  {
    GPtrArray *events = bench_read (b, from, to, b->wanted_lanes);

    g_clear_pointer (&b->next_events, g_ptr_array_unref);
    b->next_events = events;
  }
  b->next_t0 = from;
  b->next_t1 = to;
  b->next_lanes = b->wanted_lanes;
  tri_timeline_margin (b->t0, b->t1, &m0, &m1);
  b->reading_ahead = from > m0 || to < m1;
  return now_ms () - t;
}

static void
print_median_p95 (const char *name,
                  double     *times,
                  guint       n)
{
  if (n == 0)
    {
      printf ("%s_count\t0\n", name);
      return;
    }
  qsort (times, n, sizeof (double), (int (*)(const void *, const void *)) compare_double);
  printf ("%s_median_ms\t%.2f\n%s_p95_ms\t%.2f\n", name, times[n / 2], name,
          times[MIN (n - 1, (guint) ceil (n * 0.95) - 1)]);
}

/* Panning and zooming as the window's timeline does, each step a new
 * range: its events (read ahead between frames, as the window's idle
 * does, or read in the frame when a step leaves what was read), a new
 * layout and a frame. Prints the median and p95 of the frames, and of
 * the turns of reading ahead between them, in ms */
/* One step: [t0, t1] shown, its layout and frame (the time returned, in
 * ms), then the idle's turn of reading ahead (its time added to ahead) */
static double
bench_step (Bench           *b,
            cairo_t         *cr,
            cairo_surface_t *surface,
            double           t0,
            double           t1,
            double          *ahead,
            guint           *n_ahead)
{
  double t = now_ms (), frame, idle;
  g_autoptr(TriTimelineLayout) timeline = NULL;

  bench_show_range (b, t0, t1);
  timeline = bench_timeline (b, b->as_of);
  bench_frame (b, cr, timeline, b->as_of);
  cairo_surface_flush (surface);
  frame = now_ms () - t;
  if ((idle = bench_read_ahead (b)) >= 0)
    ahead[(*n_ahead)++] = idle;
  return frame;
}

static void
bench_moves (Bench           *b,
             cairo_t         *cr,
             cairo_surface_t *surface)
{
  enum { STEPS = 100 };
  double pan[STEPS], zoom[STEPS], ahead[2 * STEPS];
  double t0 = b->t0, t1 = b->t1;
  double span = t1 - t0, mid = (t0 + t1) / 2;
  guint n_ahead = 0;

  /* a drag back in time by a twentieth of the span a step, then forward */
  for (int i = 0; i < STEPS; i++)
    {
      double shift = span / 20 * (i < STEPS / 2 ? -(i + 1) : -(STEPS - i - 1));

      pan[i] = bench_step (b, cr, surface, t0 + shift, t1 + shift, ahead, &n_ahead);
    }
  /* the wheel: in by a tenth a step around the middle, then out again */
  for (int i = 0; i < STEPS; i++)
    {
      double s = span / pow (1.1, i < STEPS / 2 ? i + 1 : STEPS - i - 1);

      zoom[i] = bench_step (b, cr, surface, mid - s / 2, mid + s / 2, ahead, &n_ahead);
    }
  bench_show_range (b, t0, t1);
  print_median_p95 ("pan", pan, STEPS);
  print_median_p95 ("zoom", zoom, STEPS);
  print_median_p95 ("read_ahead", ahead, n_ahead);
}

/* Scrubbing: 200 frames, "as of" sweeping the timeline's range */
static void
bench_scrub (Bench           *b,
             cairo_t         *cr,
             cairo_surface_t *surface)
{
  g_autoptr(TriTimelineLayout) timeline = bench_timeline (b, b->as_of);
  double times[200];

  for (int i = 0; i < 200; i++)
    {
      guint32 as_of = (guint32) (b->t0 + (b->t1 - b->t0) * i / 199.0);
      double t = now_ms ();

      bench_frame (b, cr, timeline, as_of);
      cairo_surface_flush (surface);
      times[i] = now_ms () - t;
    }
  print_median_p95 ("redraw", times, 200);
}

/* Panning and zooming as the window's timeline does, each step a new
 * range: its events (read again only past the margin), a new layout and
 * a frame. Prints the median and p95 of each, in ms */
static void
bench_clear (Bench *b)
{
  g_clear_pointer (&b->events, g_ptr_array_unref);
  g_clear_pointer (&b->next_events, g_ptr_array_unref);
  g_clear_pointer (&b->index, tri_state_index_unref);
  g_clear_pointer (&b->lanes, tri_lane_index_unref);
  g_clear_pointer (&b->actors, g_ptr_array_unref);
  g_clear_pointer (&b->relations, g_ptr_array_unref);
  g_clear_object (&b->store);
}

/* --- editing, through to the next frame -------------------------------- */

typedef struct
{
  Bench       *b;
  TriDocument *doc;
  double       reload_ms;   /* in the document's "changed": the store and its running sums */
  double       views_ms;    /* in the store's "changed": what the views read again */
  double       span0, span1;   /* the timeline's events: the range they were read for */
} Edit;

/* The window's part of the document's "changed" */
static void
edit_on_doc_changed (TriDocument *doc,
                     guint        changes,
                     Edit        *e)
{
  guint n = 0;
  const gint64 *ids = tri_document_get_changed_events (doc, &n);
  double t = now_ms ();

  tri_store_reload (e->b->store, changes, ids, n);
  e->reload_ms = now_ms () - t - e->views_ms;
}

/* The views' part: the timeline's events patched (as its view does), the
 * extent and the default "as of" asked again */
static void
edit_on_store_changed (TriStore *store,
                       guint     changes,
                       Edit     *e)
{
  const gint64 *ids = NULL;
  guint n = 0;
  guint32 earliest, latest;
  double t = now_ms ();

  if (!tri_store_get_changed_events (store, &ids, &n) ||
      !tri_store_update_events (store, e->b->events, (guint32) e->span0, (guint32) e->span1, "en", ids, n, NULL))
    g_error ("the timeline's events could not be patched");
  tri_store_get_extent (store, &earliest, &latest);
  tri_store_default_as_of (store);
  e->views_ms = now_ms () - t;
}

static void
print_times (const char *name,
             double     *times,
             guint       n)
{
  qsort (times, n, sizeof (double), (int (*)(const void *, const void *)) compare_double);
  printf ("%s_median_ms\t%.2f\n%s_p95_ms\t%.2f\n", name, times[n / 2], name, times[MIN (n - 1, (n * 95 + 99) / 100 - 1)]);
}

#define N_EDITS 50

typedef enum { OP_ADD, OP_EDIT, OP_DELETE, OP_UNDO, OP_REDO, N_OPS } EditOp;
static const char * const op_names[N_OPS] = { "add", "edit", "delete", "undo", "redo" };

/* An event on the side Russia – North Korea, somewhere in the timeline's
 * range */
static void
edit_spec (GRand        *rand,
           Bench        *b,
           TriEventSpec *spec,
           TriEventText *text,
           TriEventLink *link,
           char        **date)
{
  static const char * const stances[] = { "cooperation", "tension", "neutral" };
  guint32 when = (guint32) g_rand_double_range (rand, b->t0, b->t1);

  *date = tri_day_to_iso (when);
  memset (spec, 0, sizeof *spec);
  text->lang = "en";
  text->title = "Benchmark event";
  text->summary = "An edit.";
  text->claimed_by = NULL;
  link->relation = "RUS-PRK";
  link->stance = stances[g_rand_int_range (rand, 0, 3)];
  link->weight = g_rand_int_range (rand, 1, 4);
  spec->date = *date;
  spec->category = "military";
  spec->confidence = "confirmed";
  spec->texts = text;
  spec->n_texts = 1;
  spec->links = link;
  spec->n_links = 1;
}

static int
bench_edit (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tri-bench-XXXXXX", &error);
  g_autofree char *copy = dir ? g_build_filename (dir, "edit.sqlite", NULL) : NULL;
  g_autoptr(TriDocument) doc = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  double total[N_OPS][N_EDITS], command[N_OPS][N_EDITS], reload[N_OPS][N_EDITS];
  double views[N_OPS][N_EDITS], frame[N_OPS][N_EDITS], cpu[N_OPS][N_EDITS];
  Bench b = { 0 };
  Edit e = { &b };
  double t;

  t = now_ms ();
  if (dir == NULL || !tri_document_copy (path, copy, &error) ||
      (doc = tri_document_open (copy, &error)) == NULL)
    g_error ("%s", error->message);
  printf ("edit_copy_and_open_ms\t%.0f\n", now_ms () - t);
  bench_open_store (&b, copy, TRUE);
  b.index = tri_state_index_new (b.store, NULL);
  {
    double span = b.t1 - b.t0;

    e.span0 = MAX (1, b.t0 - span / 2);
    e.span1 = b.t1 + span / 2;
  }
  e.doc = doc;
  g_signal_connect (doc, "changed", G_CALLBACK (edit_on_doc_changed), &e);
  g_signal_connect (b.store, "changed", G_CALLBACK (edit_on_store_changed), &e);
  printf ("edit_events_in_view\t%u\n", b.events->len);

  /* what a reload from scratch costs instead: the timeline's events and
   * the running sums read again */
  {
    g_autoptr(GPtrArray) events = NULL;
    g_autoptr(TriStateIndex) index = NULL;

    t = now_ms ();
    events = tri_store_list_events_untitled (b.store, (guint32) e.span0, (guint32) e.span1, "en", NULL);
    index = tri_state_index_new (b.store, NULL);
    printf ("full_reload_ms\t%.1f\n", now_ms () - t);
  }

  for (int op = 0; op < N_OPS; op++)
    for (int i = 0; i < N_EDITS; i++)
      {
        g_autofree char *date = NULL;
        TriEventSpec spec;
        TriEventText text;
        TriEventLink link;
        gboolean ok = TRUE;
        double t1;

        if (op == OP_ADD || op == OP_EDIT)
          edit_spec (rand, &b, &spec, &text, &link, &date);
        e.reload_ms = e.views_ms = 0;
        cpu[op][i] = cpu_ms ();
        t = now_ms ();
        switch (op)
          {
          case OP_ADD:
            {
              gint64 id = tri_document_add_event (doc, &spec, &error);

              ok = id != 0;
              g_array_append_val (added, id);
            }
            break;
          case OP_EDIT:
            ok = tri_document_edit_event (doc, g_array_index (added, gint64, i % added->len), &spec, &error);
            break;
          case OP_DELETE:
            {
              /* an event of the briefing's own, in view */
              TriEvent *ev = g_ptr_array_index (b.events, g_rand_int_range (rand, 0, b.events->len));

              ok = tri_document_delete_event (doc, ev->id, &error);
            }
            break;
          case OP_UNDO:
            ok = tri_document_undo (doc, &error);
            break;
          case OP_REDO:
            ok = tri_document_redo (doc, &error);
            break;
          default:
            g_assert_not_reached ();
          }
        if (!ok)
          g_error ("%s", error->message);
        t1 = now_ms ();
        /* the frame the window draws next: the triangle from the running
         * sums, the timeline laid out anew over its patched events */
        {
          g_autoptr(TriTimelineLayout) timeline = bench_timeline (&b, b.as_of);

          bench_frame (&b, cr, timeline, b.as_of);
          cairo_surface_flush (surface);
        }
        total[op][i] = now_ms () - t;
        cpu[op][i] = cpu_ms () - cpu[op][i];
        frame[op][i] = now_ms () - t1;
        reload[op][i] = e.reload_ms;
        views[op][i] = e.views_ms;
        command[op][i] = t1 - t - e.reload_ms - e.views_ms;
      }

  for (int op = 0; op < N_OPS; op++)
    {
      g_autofree char *n_total = g_strdup_printf ("edit_%s", op_names[op]);
      g_autofree char *n_command = g_strdup_printf ("edit_%s_command", op_names[op]);
      g_autofree char *n_reload = g_strdup_printf ("edit_%s_reload", op_names[op]);
      g_autofree char *n_views = g_strdup_printf ("edit_%s_views", op_names[op]);
      g_autofree char *n_frame = g_strdup_printf ("edit_%s_frame", op_names[op]);
      g_autofree char *n_cpu = g_strdup_printf ("edit_%s_cpu", op_names[op]);

      print_times (n_total, total[op], N_EDITS);
      print_times (n_command, command[op], N_EDITS);
      print_times (n_reload, reload[op], N_EDITS);
      print_times (n_views, views[op], N_EDITS);
      print_times (n_frame, frame[op], N_EDITS);
      print_times (n_cpu, cpu[op], N_EDITS);
    }
  printf ("edit_read_failures\t%u\n", tri_store_get_read_failures (b.store));

  g_signal_handlers_disconnect_by_data (doc, &e);
  g_clear_object (&doc);
  bench_clear (&b);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *f = g_strconcat (copy, suffixes[i], NULL);
        g_unlink (f);
      }
    g_rmdir (dir);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}

/* --- a filter changed, through to the next frame ----------------------- */

/* What the window does when the filter changes: the store told, the
 * timeline's events read again for its range and laid out, the triangle
 * from the running sums of what passes, both drawn */
static void
filter_frame (Bench           *b,
              cairo_t         *cr,
              const TriFilter *filter,
              double          *sums_ms)
{
  g_autoptr(TriTimelineLayout) timeline = NULL;
  double span = b->t1 - b->t0;
  double t;

  t = cpu_ms ();
  tri_store_set_filter (b->store, filter);
  g_clear_pointer (&b->events, g_ptr_array_unref);
  b->events = tri_store_list_events_untitled (b->store, (guint32) MAX (1, b->t0 - span / 2),
                                              (guint32) (b->t1 + span / 2), "en", NULL);
  if (g_getenv ("TRI_BENCH_VERBOSE") != NULL)
    g_printerr ("list %.2f ", cpu_ms () - t);
  t = now_ms ();
  {
    TriEdgeState state;
    guint32 from, to;

    tri_window_bounds (b->as_of, tri_window_days_for_months (12), &from, &to);
    tri_state_index_compute (b->index, &state, 1, from, to);
  }
  if (sums_ms != NULL)
    *sums_ms = now_ms () - t;
  t = cpu_ms ();
  timeline = bench_timeline (b, b->as_of);
  if (g_getenv ("TRI_BENCH_VERBOSE") != NULL)
    g_printerr ("layout %.2f ", cpu_ms () - t);
  t = cpu_ms ();
  bench_frame (b, cr, timeline, b->as_of);
  if (g_getenv ("TRI_BENCH_VERBOSE") != NULL)
    g_printerr ("frame %.2f ", cpu_ms () - t);
}

static int
bench_filter (const char *path)
{
  const char *texts[] = {
    "category=military", "category=military,confidence=confirmed", "actor=PRK",
    "confidence=reported|alleged,actor=CHN", "grade=B2", "",
  };
  TriFilter *filters[G_N_ELEMENTS (texts)];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  Bench b = { 0 };
  double times[60], cpus[60], sums[60];
  double t, c;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    filters[i] = tri_filter_parse (texts[i], NULL);
  bench_open (&b, path);
  b.index = tri_state_index_new (b.store, NULL);
  printf ("filter_events_in_view_unfiltered\t%u\n", b.events->len);

  /* a frame first, as the window has drawn one: fonts loaded */
  filter_frame (&b, cr, filters[G_N_ELEMENTS (texts) - 1], NULL);

  t = now_ms ();
  c = cpu_ms ();
  filter_frame (&b, cr, filters[0], NULL);
  cairo_surface_flush (surface);
  printf ("filter_first_change_ms\t%.2f\nfilter_first_change_cpu_ms\t%.2f\n", now_ms () - t, cpu_ms () - c);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      t = now_ms ();
      c = cpu_ms ();
      filter_frame (&b, cr, filters[(i + 1) % G_N_ELEMENTS (texts)], &sums[i]);
      cairo_surface_flush (surface);
      times[i] = now_ms () - t;
      cpus[i] = cpu_ms () - c;
      if (g_getenv ("TRI_BENCH_VERBOSE") != NULL)
        g_printerr ("%s\t%.2f\t%.2f\t%.2f\n", texts[(i + 1) % G_N_ELEMENTS (texts)], times[i], cpus[i], sums[i]);
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), (int (*)(const void *, const void *)) compare_double);
  qsort (cpus, G_N_ELEMENTS (cpus), sizeof (double), (int (*)(const void *, const void *)) compare_double);
  printf ("filter_change_cpu_median_ms\t%.2f\nfilter_change_cpu_p95_ms\t%.2f\n", cpus[30], cpus[56]);
  qsort (sums, G_N_ELEMENTS (sums), sizeof (double), (int (*)(const void *, const void *)) compare_double);
  printf ("filter_change_median_ms\t%.2f\nfilter_change_p95_ms\t%.2f\n", times[30], times[56]);
  printf ("filter_sums_rebuilt_median_ms\t%.2f\n", sums[30]);

  /* scrubbing with a filter on: the sums of what passes, O(log N) again */
  {
    g_autoptr(TriTimelineLayout) timeline = NULL;
    double frames[200];

    filter_frame (&b, cr, filters[1], NULL);
    printf ("filter_events_in_view_military_confirmed\t%u\n", b.events->len);
    timeline = bench_timeline (&b, b.as_of);
    for (int i = 0; i < 200; i++)
      {
        guint32 as_of = (guint32) (b.t0 + (b.t1 - b.t0) * i / 199.0);

        t = now_ms ();
        bench_frame (&b, cr, timeline, as_of);
        cairo_surface_flush (surface);
        frames[i] = now_ms () - t;
      }
    qsort (frames, 200, sizeof (double), (int (*)(const void *, const void *)) compare_double);
    printf ("filter_redraw_median_ms\t%.2f\nfilter_redraw_p95_ms\t%.2f\n", frames[100], frames[189]);
  }

  /* the panel: the period's quotes of an edge under the grade filter */
  {
    guint32 from, to;
    guint total = 0;
    g_autoptr(GPtrArray) quotes = NULL;

    tri_store_set_filter (b.store, filters[4]);
    tri_window_bounds (b.as_of, tri_window_days_for_months (0), &from, &to);
    t = now_ms ();
    quotes = tri_store_list_quotes_in_period (b.store, 1, from, to, "en", 200, &total, NULL);
    printf ("filter_period_quotes_all_time_ms\t%.2f\nfilter_period_quotes_all_time\t%u\n", now_ms () - t, total);
  }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    tri_filter_free (filters[i]);
  bench_clear (&b);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  Bench b = { 0 };
  double t_start = now_ms ();

  if (argc == 3 && g_str_equal (argv[1], "--first-frame"))
    {
      g_autoptr(TriTimelineLayout) timeline = NULL;

      bench_open (&b, argv[2]);
      timeline = bench_timeline (&b, b.as_of);
      bench_frame (&b, cr, timeline, b.as_of);
      cairo_surface_flush (surface);
      printf ("%.1f %ld\n", now_ms () - t_start, peak_rss_kb ());
      return 0;
    }

  if (argc == 3 && g_str_equal (argv[1], "--memory"))
    {
      /* the steps of the window's start, in its order: the first frame,
       * then (after it) the running sums, the lane index, the quote keys */
      g_autoptr(TriTimelineLayout) timeline = NULL;

      print_memory ("start");
      bench_open (&b, argv[2]);
      timeline = bench_timeline (&b, b.as_of);
      bench_frame (&b, cr, timeline, b.as_of);
      print_memory ("first_frame");
      b.index = tri_state_index_new (b.store, NULL);
      print_memory ("state_index");
      b.lanes = tri_lane_index_new (b.store, NULL);
      print_memory ("lane_index");
      tri_store_read_quote_keys (b.store);
      print_memory ("quote_keys");
      bench_clear (&b);
      return 0;
    }
  if (argc == 3 && g_str_equal (argv[1], "--edit"))
    return bench_edit (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--filter"))
    return bench_filter (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--frames"))
    {
      /* only the frames: scrubbing, panning and zooming, the running sums
       * built first as the window builds them after its first frame;
       * TRI_BENCH_REPEAT=K runs them K times (for a profiler) */
      guint repeat = MAX (1, (guint) g_ascii_strtoull (g_getenv ("TRI_BENCH_REPEAT") ? g_getenv ("TRI_BENCH_REPEAT") : "1", NULL, 10));

      bench_open (&b, argv[2]);
      b.index = tri_state_index_new (b.store, NULL);
      if (g_strcmp0 (g_getenv ("TRI_BENCH_NO_LANES"), "1") != 0)
        {
          /* as the view: what it read for the first frame read again,
           * only the lanes drawn one by one */
          double t = now_ms ();

          b.lanes = tri_lane_index_new (b.store, NULL);
          printf ("lane_index_build_ms\t%.1f\n", now_ms () - t);
          b.events_t1 = b.events_t0;
        }
      for (guint i = 0; i < repeat; i++)
        {
          bench_scrub (&b, cr, surface);
          bench_moves (&b, cr, surface);
        }
      bench_clear (&b);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      return 0;
    }

  if (argc != 2)
    {
      g_printerr ("usage: %s [--edit | --filter | --frames | --memory] DB\n", argv[0]);
      return 2;
    }

  /* cold start to the first frame, in a fresh process each time (median of 5) */
  {
    double runs[5];
    long rss = 0;

    for (int i = 0; i < 5; i++)
      {
        g_autofree char *out = NULL;
        const char *args[] = { argv[0], "--first-frame", argv[1], NULL };

        if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, NULL, NULL))
          g_error ("cannot run %s", argv[0]);
        if (sscanf (out, "%lf %ld", &runs[i], &rss) != 2)
          g_error ("bad output: %s", out);
      }
    qsort (runs, 5, sizeof (double), (int (*)(const void *, const void *)) compare_double);
    printf ("first_frame_ms\t%.1f\nfirst_frame_peak_rss_mb\t%.1f\n", runs[2], rss / 1024.0);
  }

  bench_open (&b, argv[1]);

  /* the running sums the window builds after its first frame */
  {
    double t = now_ms ();
    b.index = tri_state_index_new (b.store, NULL);
    printf ("index_build_ms\t%.1f\n", now_ms () - t);
    t = now_ms ();
    b.lanes = tri_lane_index_new (b.store, NULL);
    printf ("lane_index_build_ms\t%.1f\n", now_ms () - t);
    b.events_t1 = b.events_t0;
  }

  bench_scrub (&b, cr, surface);

  /* zooming or panning: a new timeline layout for the range, and a frame */
  {
    double t = now_ms ();
    g_autoptr(TriTimelineLayout) timeline = bench_timeline (&b, b.as_of);

    bench_frame (&b, cr, timeline, b.as_of);
    cairo_surface_flush (surface);
    printf ("relayout_frame_ms\t%.2f\n", now_ms () - t);
  }
  bench_moves (&b, cr, surface);

  /* what the window reads after its first frame for the panel: the keys
   * of every quote (no text) */
  {
    double t = now_ms ();

    tri_store_read_quote_keys (b.store);
    printf ("quote_keys_build_ms\t%.2f\n", now_ms () - t);
  }

  /* clicking an edge: its quotes, newest first, as the panel asks for them */
  {
    double t = now_ms ();
    guint total = 0;
    g_autoptr(GPtrArray) quotes = tri_store_list_quotes_page (b.store, 1, "en", 200, &total, NULL);
    printf ("edge_quotes_ms\t%.2f\nedge_quotes\t%u\n", now_ms () - t, total);
  }

  /* the same as the panel asks now: the quotes of the period the edge
   * counts, as of the default date, over 12 months and over all time */
  {
    const guint months[] = { 12, 0 };

    for (guint i = 0; i < G_N_ELEMENTS (months); i++)
      {
        guint32 from, to;
        guint total = 0;
        double t;

        tri_window_bounds (b.as_of, tri_window_days_for_months (months[i]), &from, &to);
        t = now_ms ();
        g_autoptr(GPtrArray) quotes = tri_store_list_quotes_in_period (b.store, 1, from, to, "en", 200, &total, NULL);
        printf ("period_quotes_%um_ms\t%.2f\nperiod_quotes_%um\t%u\n", months[i], now_ms () - t, months[i], total);
      }
  }

  /* editing: an event added to an editable copy, each one transaction on
   * disk (WAL, synchronous = FULL, checkpointed), and undone (median of 50) */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("tri-bench-XXXXXX", &error);
    g_autofree char *copy = dir ? g_build_filename (dir, "edit.sqlite", NULL) : NULL;
    g_autoptr(TriDocument) doc = NULL;
    double add[50], undo[50];

    if (dir == NULL || !tri_document_copy (argv[1], copy, &error) ||
        (doc = tri_document_open (copy, &error)) == NULL)
      g_error ("%s", error->message);
    for (int i = 0; i < 50; i++)
      {
        TriEventText texts[] = { { "en", "Benchmark event", "An edit.", NULL } };
        TriEventLink links[] = { { "RUS-PRK", "tension", 2 } };
        TriEventSpec spec = {
          .date = "2024-06-19", .category = "military", .confidence = "confirmed",
          .texts = texts, .n_texts = 1, .links = links, .n_links = 1,
        };
        double t = now_ms ();

        if (tri_document_add_event (doc, &spec, &error) == 0)
          g_error ("%s", error->message);
        add[i] = now_ms () - t;
      }
    for (int i = 0; i < 50; i++)
      {
        double t = now_ms ();

        if (!tri_document_undo (doc, &error))
          g_error ("%s", error->message);
        undo[i] = now_ms () - t;
      }
    qsort (add, 50, sizeof (double), (int (*)(const void *, const void *)) compare_double);
    qsort (undo, 50, sizeof (double), (int (*)(const void *, const void *)) compare_double);
    printf ("edit_median_ms\t%.2f\nundo_median_ms\t%.2f\n", add[25], undo[25]);
    g_clear_object (&doc);
    {
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *f = g_strconcat (copy, suffixes[i], NULL);
          g_unlink (f);
        }
      g_rmdir (dir);
    }
  }

  /* the slide, exported */
  {
    const char *formats[] = { "png", "svg", "pdf" };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_autoptr(TriExportRequest) request = tri_export_request_new ();
        g_autofree char *path = g_strdup_printf ("%s/tri-bench-slide.%s", g_get_tmp_dir (), formats[i]);
        g_autoptr(GError) error = NULL;
        double t = now_ms ();

        g_free (request->lang);
        request->lang = g_strdup ("en");
        request->relation_id = 1;
        if (!tri_export_write (b.store, request, path, &error))
          g_error ("%s", error->message);
        printf ("export_%s_ms\t%.1f\n", formats[i], now_ms () - t);
        g_unlink (path);
      }
  }

  printf ("events_in_view\t%u\npeak_rss_mb\t%.1f\n", b.events ? b.events->len : 0, peak_rss_kb () / 1024.0);

  bench_clear (&b);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
