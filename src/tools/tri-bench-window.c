/* tri-bench-window.c: how long the window takes to show an edit
 *
 * Usage: tri-bench-window DB [N [SIDE]]
 *        (TRI_BENCH_WINDOW_SIZE=WIDTHxHEIGHT, 1900x1040 without it)
 *
 * Makes an editable copy of DB in a temporary folder, opens it in the
 * window (GTK, on the display it is given: Xvfb in scripts/bench) and
 * waits until both views are drawn and the running sums are built. Then N
 * times each (50 by default): "as of" moved (no edit: the frame any change
 * of date costs, for comparison), an event added, an event edited, an event
 * of the briefing deleted, an undo and a redo, each as the window does it
 * (the document's command in its own group; undo and redo through the
 * window's actions). For each it measures, from just before the command:
 *   - to the end of the next frame painted (GdkFrameClock "after-paint"),
 *     the first frame that shows the change;
 *   - to when the main loop is free again (an idle of the lowest priority
 *     dispatched): what deferred work the change left blocks input until
 *     then;
 *   - the processor time the window's thread spent over each of the two
 *     ("_cpu"): what the change costs it, whatever else shares the
 *     processor (the wall-clock times include waiting for it, and for the
 *     disk); and of it, the command with every handler of the document's
 *     and the store's "changed" ("_command_cpu"), the frame's layout
 *     (allocation: "_layout_cpu") and its drawing (snapshot and rendering:
 *     "_draw_cpu").
 * With SIDE (such as RUS-PRK), that side is chosen first, so that the
 * evidence panel shows its quotes while the edits are made.
 * Between two edits it lets the window rest (200 ms). Prints median and
 * 95th percentile of each; passes or fails nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-bench-window"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "document/tri-document.h"
#include "store/tri-date.h"
#include "ui/tri-window.h"

#define N_DEFAULT 50

/* "as_of" is no edit: "as of" moved, for comparison, the frame every
 * change of date costs */
typedef enum { OP_AS_OF, OP_ADD, OP_EDIT, OP_DELETE, OP_UNDO, OP_REDO, N_OPS } Op;
static const char * const op_names[N_OPS] = { "as_of", "add", "edit", "delete", "undo", "redo" };

/* The frame clock's phases, as GTK's own handlers end them (ours run
 * after GTK's): "layout" after the allocation, "paint" after the snapshot
 * and its rendering */
enum { PHASE_BEFORE_PAINT, PHASE_LAYOUT, PHASE_PAINT, N_PHASES };

typedef struct
{
  double   phase_cpu[N_PHASES];
  gboolean phase_seen[N_PHASES];
  gboolean painted;
  gint64   painted_at;
  double   painted_cpu;
  gboolean free;
  gint64   free_at;
  double   free_cpu;
} Wait;

/* The main thread's own processor time: what the change cost it, however
 * many other programs share the processor */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static gboolean
on_spun (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The main loop runs for @ms, as it would with nothing to do but wait */
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_spun, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static Wait *phase_wait;

static void
on_phase (GdkFrameClock *clock,
          gpointer       data)
{
  int k = GPOINTER_TO_INT (data);

  if (!phase_wait->painted && !phase_wait->phase_seen[k])
    {
      phase_wait->phase_seen[k] = TRUE;
      phase_wait->phase_cpu[k] = cpu_ms ();
    }
}

static void
on_after_paint (GdkFrameClock *clock,
                Wait          *wait)
{
  if (!wait->painted)
    {
      wait->painted = TRUE;
      wait->painted_at = g_get_monotonic_time ();
      wait->painted_cpu = cpu_ms ();
    }
}

static gboolean
on_free (gpointer data)
{
  Wait *wait = data;

  wait->free = TRUE;
  wait->free_at = g_get_monotonic_time ();
  wait->free_cpu = cpu_ms ();
  return G_SOURCE_REMOVE;
}

static gboolean
keep_going (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
print_times (const char *name,
             double     *times,
             guint       n)
{
  qsort (times, n, sizeof (double), compare_double);
  printf ("%s_median_ms\t%.2f\n%s_p95_ms\t%.2f\n", name, times[n / 2],
          name, times[MIN (n - 1, (n * 95 + 99) / 100 - 1)]);
}

static void
remove_copy (const char *dir,
             const char *copy)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *f = g_strconcat (copy, suffixes[i], NULL);
      g_unlink (f);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) in_view = NULL;
  TriWindow *window;
  TriDocument *doc;
  GdkFrameClock *clock;
  double t0, t1;
  double *paint[N_OPS], *free_again[N_OPS], *command[N_OPS], *paint_cpu[N_OPS], *free_cpu[N_OPS];
  double *command_cpu[N_OPS], *layout_cpu[N_OPS], *draw_cpu[N_OPS];
  double c0;
  guint n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : N_DEFAULT;
  guint missed = 0;
  Wait wait = { 0 };

  if (argc < 2 || n == 0)
    {
      g_printerr ("usage: %s DB [N]\n", argv[0]);
      return 2;
    }
  gtk_init ();
  setvbuf (stdout, NULL, _IOLBF, 0);

  dir = g_dir_make_tmp ("tri-bench-window-XXXXXX", &error);
  copy = dir ? g_build_filename (dir, "edit.sqlite", NULL) : NULL;
  if (dir == NULL || !tri_document_copy (argv[1], copy, &error))
    g_error ("%s", error->message);

  window = tri_window_new (NULL, NULL);
  {
    /* TRI_BENCH_WINDOW_SIZE=1280x800: the window's size (the screen's, in
     * scripts/bench) */
    const char *size = g_getenv ("TRI_BENCH_WINDOW_SIZE");
    int width = 1900, height = 1040;

    if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
      g_error ("TRI_BENCH_WINDOW_SIZE is WIDTHxHEIGHT, not %s", size);
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  }
  t0 = now_ms ();
  if (!tri_window_open_file (window, copy, &error))
    g_error ("%s", error->message);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) ||
         tri_triangle_view_get_layout (tri_window_get_triangle_view (window)) == NULL ||
         tri_timeline_view_get_layout (tri_window_get_timeline_view (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* the running sums, built after the first frame */
  spin (1500);
  printf ("window_open_ms\t%.0f\n", now_ms () - t0);

  doc = tri_window_get_document (window);
  if (doc == NULL)
    g_error ("the window did not open %s to edit it", copy);
  if (argc > 3)
    {
      TriRelation *side = tri_store_find_relation (tri_window_get_store (window), argv[3], &error);

      if (side == NULL)
        g_error ("%s", error->message);
      g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", side->id);
      spin (1000);
      printf ("window_side_chosen\t%s\n", side->code);
    }
  {
    double v0, v1;

    tri_timeline_view_get_range (tri_window_get_timeline_view (window), &v0, &v1);
    in_view = tri_store_list_events_brief (tri_window_get_store (window), (guint32) v0, (guint32) v1, "en", &error);
    if (in_view == NULL || in_view->len < n)
      g_error ("too few events in view");
    printf ("window_events_in_view\t%u\n", in_view->len);
    clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &wait);
    phase_wait = &wait;
    g_signal_connect (clock, "before-paint", G_CALLBACK (on_phase), GINT_TO_POINTER (PHASE_BEFORE_PAINT));
    g_signal_connect (clock, "layout", G_CALLBACK (on_phase), GINT_TO_POINTER (PHASE_LAYOUT));
    g_signal_connect (clock, "paint", G_CALLBACK (on_phase), GINT_TO_POINTER (PHASE_PAINT));

    for (int op = 0; op < N_OPS; op++)
      {
        paint[op] = g_new0 (double, n);
        free_again[op] = g_new0 (double, n);
        command[op] = g_new0 (double, n);
        paint_cpu[op] = g_new0 (double, n);
        command_cpu[op] = g_new0 (double, n);
        layout_cpu[op] = g_new0 (double, n);
        draw_cpu[op] = g_new0 (double, n);
        free_cpu[op] = g_new0 (double, n);
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *date = tri_day_to_iso ((guint32) g_rand_double_range (rand, v0, v1));
            static const char * const stances[] = { "cooperation", "tension", "neutral" };
            TriEventText text = { "en", "Benchmark event", "An edit.", NULL };
            TriEventLink link = { "RUS-PRK", stances[g_rand_int_range (rand, 0, 3)], g_rand_int_range (rand, 1, 4) };
            TriEventSpec spec = {
              .date = date, .category = "military", .confidence = "confirmed",
              .texts = &text, .n_texts = 1, .links = &link, .n_links = 1,
            };
            gboolean ok = TRUE;
            gint64 deadline;
            guint tick;

            memset (&wait, 0, sizeof wait);
            c0 = cpu_ms ();
            t0 = now_ms ();
            switch (op)
              {
              case OP_AS_OF:
                tri_window_set_as_of (window, (guint32) g_rand_double_range (rand, v0, v1));
                break;
              case OP_ADD:
                {
                  gint64 id;

                  /* as the event editor saves: one group */
                  tri_document_begin_group (doc, "Add Event");
                  id = tri_document_add_event (doc, &spec, &error);
                  ok = id != 0 && tri_document_end_group (doc, &error);
                  g_array_append_val (added, id);
                }
                break;
              case OP_EDIT:
                tri_document_begin_group (doc, "Edit Event");
                ok = tri_document_edit_event (doc, g_array_index (added, gint64, i % added->len), &spec, &error) &&
                     tri_document_end_group (doc, &error);
                break;
              case OP_DELETE:
                {
                  guint k = g_rand_int_range (rand, 0, in_view->len);

                  ok = tri_document_delete_event (doc, ((TriEvent *) g_ptr_array_index (in_view, k))->id, &error);
                  g_ptr_array_remove_index_fast (in_view, k);
                }
                break;
              case OP_UNDO:
                ok = gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
                break;
              case OP_REDO:
                ok = gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
                break;
              default:
                g_assert_not_reached ();
              }
            if (!ok)
              g_error ("%s failed: %s", op_names[op], error ? error->message : "no such action");
            t1 = now_ms ();
            command_cpu[op][i] = cpu_ms () - c0;
            g_idle_add_full (G_PRIORITY_LOW + 100, on_free, &wait, NULL);
            deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
            /* blocking, woken now and then to see the deadline */
            tick = g_timeout_add (100, keep_going, NULL);
            while ((!wait.painted || !wait.free) && g_get_monotonic_time () < deadline)
              g_main_context_iteration (NULL, TRUE);
            g_source_remove (tick);
            if (!wait.painted)
              missed++;
            if (g_getenv ("TRI_BENCH_VERBOSE"))
              g_printerr ("%s %u: command %.1f, frame %s %.1f, free %s %.1f\n", op_names[op], i, t1 - t0,
                          wait.painted ? "yes" : "no", wait.painted_at / 1000.0 - t0,
                          wait.free ? "yes" : "no", wait.free_at / 1000.0 - t0);
            command[op][i] = t1 - t0;
            paint[op][i] = wait.painted ? wait.painted_at / 1000.0 - t0 : 5000;
            free_again[op][i] = wait.free ? MAX (wait.free_at, wait.painted_at) / 1000.0 - t0 : 5000;
            paint_cpu[op][i] = wait.painted ? wait.painted_cpu - c0 : 5000;
            free_cpu[op][i] = wait.free ? MAX (wait.free_cpu, wait.painted_cpu) - c0 : 5000;
            layout_cpu[op][i] = wait.phase_seen[PHASE_LAYOUT] && wait.phase_seen[PHASE_BEFORE_PAINT]
              ? wait.phase_cpu[PHASE_LAYOUT] - wait.phase_cpu[PHASE_BEFORE_PAINT] : 0;
            draw_cpu[op][i] = wait.phase_seen[PHASE_PAINT] && wait.phase_seen[PHASE_LAYOUT]
              ? wait.phase_cpu[PHASE_PAINT] - wait.phase_cpu[PHASE_LAYOUT] : 0;
            spin (200);
          }
      }
  }

  for (int op = 0; op < N_OPS; op++)
    {
      g_autofree char *n_paint = g_strdup_printf ("window_%s_to_frame", op_names[op]);
      g_autofree char *n_free = g_strdup_printf ("window_%s_to_free", op_names[op]);
      g_autofree char *n_command = g_strdup_printf ("window_%s_command", op_names[op]);
      g_autofree char *n_paint_cpu = g_strdup_printf ("window_%s_to_frame_cpu", op_names[op]);
      g_autofree char *n_free_cpu = g_strdup_printf ("window_%s_to_free_cpu", op_names[op]);
      g_autofree char *n_command_cpu = g_strdup_printf ("window_%s_command_cpu", op_names[op]);
      g_autofree char *n_layout_cpu = g_strdup_printf ("window_%s_layout_cpu", op_names[op]);
      g_autofree char *n_draw_cpu = g_strdup_printf ("window_%s_draw_cpu", op_names[op]);

      print_times (n_paint, paint[op], n);
      print_times (n_free, free_again[op], n);
      print_times (n_command, command[op], n);
      print_times (n_paint_cpu, paint_cpu[op], n);
      print_times (n_free_cpu, free_cpu[op], n);
      print_times (n_command_cpu, command_cpu[op], n);
      print_times (n_layout_cpu, layout_cpu[op], n);
      print_times (n_draw_cpu, draw_cpu[op], n);
      g_free (command_cpu[op]);
      g_free (layout_cpu[op]);
      g_free (draw_cpu[op]);
      g_free (paint_cpu[op]);
      g_free (free_cpu[op]);
      g_free (paint[op]);
      g_free (free_again[op]);
      g_free (command[op]);
    }
  printf ("window_frames_missed\t%u\n", missed);

  g_signal_handlers_disconnect_by_data (clock, &wait);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  remove_copy (dir, copy);
  return 0;
}
