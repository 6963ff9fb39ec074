/* tri-bench-deck.c: how long handing out a deck takes
 *
 * Usage: tri-bench-deck DB [--deck NAME] [--slides N] [--runs R]
 *
 * Exports a deck of DB, through tri_deck_export_write() exactly as
 * `trilateral --export-deck` does, as a PDF, a PDF with notes pages, a
 * folder of PNG and a folder of SVG, at 1920 × 1080, into a temporary
 * folder it removes. The deck is DB's own (--deck NAME, else its first),
 * or, with --slides N or when DB has none, N slides made here: view slides
 * over the briefing's span (each side selected in turn, the 12 months to a
 * date moving through the events), with a compare, a trend and a text
 * slide every few, each with notes.
 *
 * Prints numbers (median of R runs, 3 by default); passes or fails nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-bench-deck"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "export/tri-deck-draw.h"
#include "export/tri-deck-export.h"
#include "store/tri-store.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static gint64
size_of (const char *path)
{
  GStatBuf st;
  gint64 total = 0;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_stat (path, &st) != 0)
    return 0;
  if (!S_ISDIR (st.st_mode))
    return st.st_size;
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = g_build_filename (path, name, NULL);
      total += size_of (full);
    }
  return total;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = g_build_filename (path, name, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        remove_tree (full);
      else
        g_unlink (full);
    }
  g_rmdir (path);
}

static TriDeck *
made_deck (TriStore *store,
           guint     n)
{
  static const char *sides[] = { NULL, "RUS-PRK", "RUS-CHN", "CHN-PRK" };
  TriDeck *deck = g_new0 (TriDeck, 1);
  guint32 earliest = 0, latest = 0;

  tri_store_get_extent (store, &earliest, &latest);
  if (latest <= earliest)
    latest = earliest + 1;
  deck->name = g_strdup ("Benchmark");
  deck->slides = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_deck_slide_free);
  for (guint i = 0; i < n; i++)
    {
      TriDeckSlideKind kind = i % 10 == 4 ? TRI_DECK_SLIDE_COMPARE
                            : i % 10 == 7 ? TRI_DECK_SLIDE_TREND
                            : i % 10 == 9 ? TRI_DECK_SLIDE_TEXT
                            : TRI_DECK_SLIDE_VIEW;
      TriDeckSlide *s = tri_deck_slide_new (kind);
      guint32 when = earliest + (guint32) ((guint64) (latest - earliest) * (i + 1) / n);

      g_free (s->title);
      s->title = g_strdup_printf ("Slide %u of the benchmark", i + 1);
      s->notes = g_strdup ("Presenter notes: what to say, what the audience should take away, "
                           "and which source stands behind the judgement on this slide.");
      s->as_of = when;
      s->window_months = 12;
      s->relation = g_strdup (sides[i % G_N_ELEMENTS (sides)]);
      if (kind == TRI_DECK_SLIDE_COMPARE)
        s->compare_from = when > earliest + 730 ? when - 730 : earliest;
      if (kind == TRI_DECK_SLIDE_TREND)
        {
          s->trend_from = when > earliest + 1095 ? when - 1095 : earliest;
          s->trend_to = when;
          s->trend_step = TRI_TREND_QUARTER;
        }
      if (kind == TRI_DECK_SLIDE_TEXT)
        s->body = g_strdup ("The bottom line up front, in two short paragraphs.\n\n"
                            "Each judgement attributed to its source.");
      g_ptr_array_add (deck->slides, s);
    }
  return deck;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(TriDeck) deck = NULL;
  g_auto(TriMarkings) markings = { 0 };
  g_autofree char *scratch = NULL;
  const char *deck_name = NULL;
  int slides = 0, runs = 3;
  GOptionEntry entries[] = {
    { "deck", 0, 0, G_OPTION_ARG_STRING, &deck_name, "The deck of DB to export", "NAME" },
    { "slides", 0, 0, G_OPTION_ARG_INT, &slides, "A deck of N slides made here instead", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each export (the median is printed)", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DB");
  static const struct { const char *name; TriDeckExportFormat format; gboolean notes; const char *file; } kinds[] = {
    { "pdf", TRI_DECK_EXPORT_PDF, FALSE, "deck.pdf" },
    { "pdf_notes", TRI_DECK_EXPORT_PDF, TRUE, "deck-notes.pdf" },
    { "png_folder", TRI_DECK_EXPORT_PNG, FALSE, "png" },
    { "svg_folder", TRI_DECK_EXPORT_SVG, FALSE, "svg" },
  };
  double t;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("usage: tri-bench-deck DB [--deck NAME] [--slides N] [--runs R]\n");
      return 2;
    }

  t = now_ms ();
  store = tri_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("tri-bench-deck: %s\n", error->message);
      return 1;
    }
  printf ("open_ms\t%.1f\n", now_ms () - t);

  if (slides <= 0)
    {
      t = now_ms ();
      deck = tri_store_get_deck (store, deck_name, "en", NULL);
      if (deck != NULL)
        printf ("deck_read_ms\t%.1f\n", now_ms () - t);
      else if (deck_name != NULL)
        {
          g_printerr ("tri-bench-deck: no deck named “%s” in %s\n", deck_name, argv[1]);
          return 1;
        }
    }
  if (deck == NULL)
    deck = made_deck (store, slides > 0 ? (guint) slides : 30);
  tri_store_get_markings (store, &markings, NULL);
  printf ("deck\t%s\nslides\t%u\n", deck->name, deck->slides->len);

  /* what each kind of slide costs to draw, alone (a recording surface:
   * no file, no rasteriser) */
  for (int kind = 0; kind < TRI_N_DECK_SLIDE_KINDS; kind++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; i < deck->slides->len; i++)
        {
          const TriDeckSlide *slide = g_ptr_array_index (deck->slides, i);
          TriDeckDrawOptions draw = { 1920, 1080, FALSE, "en", &markings, i + 1, deck->slides->len };
          cairo_rectangle_t extents = { 0, 0, 1920, 1080 };
          cairo_surface_t *recording;
          cairo_t *cr;
          double c;

          if ((int) slide->kind != kind)
            continue;
          recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
          cr = cairo_create (recording);
          c = cpu_ms ();
          tri_deck_draw_slide (store, slide, &draw, cr);
          c = cpu_ms () - c;
          g_array_append_val (times, c);
          cairo_destroy (cr);
          cairo_surface_destroy (recording);
        }
      if (times->len == 0)
        continue;
      g_array_sort (times, compare_double);
      printf ("draw_%s_slides\t%u\ndraw_%s_median_cpu_ms\t%.1f\n",
              tri_deck_slide_kind_to_string (kind), times->len,
              tri_deck_slide_kind_to_string (kind), g_array_index (times, double, times->len / 2));
    }

  scratch = g_dir_make_tmp ("tri-bench-deck-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree double *times = g_new (double, runs);
      g_autofree double *cpus = g_new (double, runs);
      g_autofree char *path = g_build_filename (scratch, kinds[k].file, NULL);
      TriDeckExportOptions options;
      gint64 bytes = 0;

      tri_deck_export_options_init (&options);
      options.format = kinds[k].format;
      options.notes = kinds[k].notes;
      options.lang = "en";
      options.markings = &markings;
      for (int r = 0; r < runs; r++)
        {
          double c = cpu_ms ();

          t = now_ms ();
          if (!tri_deck_export_write (store, deck, &options, path, NULL, NULL, NULL, &error))
            {
              g_printerr ("tri-bench-deck: %s\n", error->message);
              remove_tree (scratch);
              return 1;
            }
          times[r] = now_ms () - t;
          cpus[r] = cpu_ms () - c;
        }
      bytes = size_of (path);
      qsort (times, runs, sizeof *times, compare_double);
      qsort (cpus, runs, sizeof *cpus, compare_double);
      printf ("%s_ms\t%.0f\n%s_cpu_ms\t%.0f\n%s_per_slide_ms\t%.1f\n%s_kb\t%.0f\n",
              kinds[k].name, times[runs / 2], kinds[k].name, cpus[runs / 2],
              kinds[k].name, times[runs / 2] / deck->slides->len, kinds[k].name, bytes / 1024.0);
    }
  printf ("read_failures\t%u\npeak_rss_mb\t%.1f\n", tri_store_get_read_failures (store), peak_rss_kb () / 1024.0);
  remove_tree (scratch);
  return 0;
}
