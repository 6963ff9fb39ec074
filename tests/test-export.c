/* test-export.c: exports from the command line, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "export/tri-export.h"
#include "render/tri-labels.h"
#include "render/tri-theme.h"
#include "render/tri-triangle.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

static int
run_argv (const char * const *args,
          char              **out,
          char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

#define TRI(...) run_argv ((const char *[]) { g_getenv ("TRI_EXE"), __VA_ARGS__, NULL }, NULL, NULL)

static gboolean
have (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);
  return path != NULL;
}

static cairo_surface_t *
read_png (const char *path)
{
  cairo_surface_t *s = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  return s;
}

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  unsigned char *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  cairo_surface_flush (s);
  return ((guint32 *) (data + y * stride))[x] & 0xFFFFFF;
}

static gboolean
close_colours (guint32 a,
               guint32 b,
               int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xFF) - (int) ((b >> shift) & 0xFF)) > tolerance)
      return FALSE;
  return TRUE;
}

static void
test_png (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "triangle.png", NULL);
  g_autofree char *big = g_build_filename (dir, "triangle@2x.png", NULL);
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, "en", NULL);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
  g_autoptr(TriTriangleLayout) layout = NULL;
  g_autoptr(TriSlideLayout) frame = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TriEvent) newest = NULL;
  TriTriangleParams params = { 0 };
  cairo_surface_t *s;
  guint checked = 0;

  g_assert_cmpint (TRI ("--export", path, "--view", "triangle", "--size", "800x600"), ==, 0);
  s = read_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 600);

  for (int y = 0; y < 600; y += 7)
    for (int x = 0; x < 800; x += 7)
      g_hash_table_add (colours, GUINT_TO_POINTER (pixel (s, x, y)));
  g_assert_cmpuint (g_hash_table_size (colours), >, 20);

  /* the edges' colours where the layout puts the edges (as of the day the
   * newest event had certainly happened by, 12 months) */
  newest = tri_store_get_event (store, tri_store_step_event (store, 0, -1), "en", NULL);
  g_assert_cmpuint (tri_store_default_as_of (store), ==, newest->date.latest);
  tri_window_bounds (tri_store_default_as_of (store), tri_window_days_for_months (12), &params.from, &params.to);
  events = tri_store_list_events (store, params.from, params.to, "en", NULL);
  /* inside the frame of title, "as of" and sources the export carries */
  {
    g_autoptr(TriExportRequest) request = tri_export_request_new ();
    cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
    cairo_t *cr = cairo_create (scratch);

    g_free (request->lang);
    request->lang = g_strdup ("en");
    request->view = TRI_EXPORT_VIEW_TRIANGLE;
    request->width = 800;
    request->height = 600;
    frame = tri_export_draw_slide (store, request, cr);
    cairo_destroy (cr);
    cairo_surface_destroy (scratch);
  }
  params.width = frame->triangle.width;
  params.height = frame->triangle.height;
  params.lang = "en";
  params.type_scale = 1;
  params.show_legend = TRUE;
  layout = tri_triangle_layout_new (actors, relations, events, &params);
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      int x = (int) (frame->triangle.x + (e->x1 + e->x2) / 2);
      int y = (int) (frame->triangle.y + (e->y1 + e->y2) / 2);

      if (e->width < 3)
        continue;
      g_assert_true (close_colours (pixel (s, x, y), e->color, 8));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 2);
  cairo_surface_destroy (s);

  g_assert_cmpint (TRI ("--export", big, "--view", "triangle", "--size", "800x600", "--scale", "2"), ==, 0);
  s = read_png (big);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 1200);
  cairo_surface_destroy (s);
}

static void
test_svg (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "slide.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "slide-from-svg.png", NULL);
  cairo_surface_t *s;

  if (!have ("xmllint") || !have ("rsvg-convert"))
    {
      g_test_skip ("xmllint or rsvg-convert is not installed");
      return;
    }

  g_assert_cmpint (TRI ("--export", path, "--view", "slide", "--size", "1280x720", "--relation", "RUS-PRK"), ==, 0);
  g_assert_cmpint (run_argv ((const char *[]) { "xmllint", "--noout", path, NULL }, NULL, NULL), ==, 0);
  g_assert_cmpint (run_argv ((const char *[]) { "rsvg-convert", "-o", png, path, NULL }, NULL, NULL), ==, 0);
  s = read_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 720);
  cairo_surface_destroy (s);
}

static void
test_pdf (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "slide.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *fonts = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;

  if (!have ("pdfinfo") || !have ("pdffonts"))
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  g_assert_cmpint (TRI ("--export", path, "--event", "37", "--lang", "vi"), ==, 0);
  g_assert_cmpint (run_argv ((const char *[]) { "pdfinfo", path, NULL }, &info, NULL), ==, 0);
  /* 1920 × 1080 pixels at 96 dpi are 1440 × 810 points */
  g_assert_nonnull (strstr (info, "Page size:       1440 x 810 pts"));
  g_assert_nonnull (strstr (info, "Pages:           1"));

  g_assert_cmpint (run_argv ((const char *[]) { "pdffonts", path, NULL }, &fonts, NULL), ==, 0);
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i]; i++)
    {
      if (*lines[i] == '\0')
        continue;
      g_assert_nonnull (strstr (lines[i], " yes "));  /* embedded */
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* The PDF is the PNG: its page, rasterised by poppler at 96 dpi, has
 * every text and mark where the PNG export of the same view has it (the
 * slide with the most paragraphs: the three sides in words). The
 * tolerance is tri_test_block_difference()'s: glyph edges anti-aliased
 * by two rasterisers differ, what is drawn where does not. */
static void
test_pdf_matches_png (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "slide.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "slide.png", NULL);
  g_autofree char *other = g_build_filename (dir, "other.png", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *raster = g_build_filename (dir, "page.png", NULL);
  cairo_surface_t *page, *slide, *moved;
  double share, largest;

  if (!have ("pdftoppm"))
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  g_assert_cmpint (TRI ("--export", pdf, "--size", "1280x720", "--lang", "en"), ==, 0);
  g_assert_cmpint (TRI ("--export", png, "--size", "1280x720", "--lang", "en"), ==, 0);
  g_assert_cmpint (TRI ("--export", other, "--size", "1280x720", "--lang", "en", "--relation", "RUS-PRK"), ==, 0);
  g_assert_cmpint (run_argv ((const char *[]) { "pdftoppm", "-png", "-r", "96", "-singlefile", pdf, prefix, NULL },
                             NULL, NULL), ==, 0);
  page = read_png (raster);
  slide = read_png (png);
  moved = read_png (other);

  share = tri_test_block_difference (page, slide, &largest);
  g_test_message ("PDF against its PNG: %.4f of blocks apart, largest %.0f levels", share, largest);
  g_assert_cmpfloat (share, <, 0.005);
  g_assert_cmpfloat (largest, <, 64);
  /* another view of the same briefing is told apart */
  share = tri_test_block_difference (page, moved, &largest);
  g_test_message ("PDF against another view's PNG: %.4f, largest %.0f", share, largest);
  g_assert_cmpfloat (largest, >, 64);

  cairo_surface_destroy (page);
  cairo_surface_destroy (slide);
  cairo_surface_destroy (moved);
}

static void
test_replaces_only_when_complete (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "deck.png", NULL);
  cairo_surface_t *s;

  g_assert_true (g_file_set_contents (path, "an older file", -1, NULL));
  g_assert_cmpint (TRI ("--export", path, "--size", "640x360"), ==, 0);
  s = read_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 640);
  cairo_surface_destroy (s);
}

typedef struct
{
  const char *name;        /* the target, in the test's folder unless absolute */
  int         code;
  const char *needle;
  const char *args[6];
} BadExport;

static void
test_errors (void)
{
  static const BadExport cases[] = {
    { "out.bmp", 2, "does not end in .png", { NULL } },
    { "out", 2, "does not end in .png", { NULL } },
    { "/nonexistent-folder/out.png", 11, "does not exist", { NULL } },
    { "/proc/out.png", 11, "is not writable", { NULL } },
    { "size.png", 2, "is not a size", { "--size", "0x0", NULL } },
    { "size2.png", 2, "is not a size", { "--size", "wide", NULL } },
    { "scale.png", 2, "--scale", { "--scale", "5", NULL } },
    { "scale.svg", 2, "--scale", { "--scale", "2", NULL } },
    { "view.png", 2, "is not a view", { "--view", "map", NULL } },
    { "theme.png", 2, "--theme", { "--theme", "blue", NULL } },
    { "window.png", 2, "--window", { "--window", "7", NULL } },
    { "relation.png", 2, "no relation", { "--relation", "RUS-XYZ", NULL } },
    { "relation2.png", 2, "is not a relation", { "--relation", "RUSSIA", NULL } },
    { "event.png", 2, "no event", { "--event", "99999", NULL } },
    { "early.png", 2, "outside the briefing", { "--as-of", "1999", NULL } },
    { "late.png", 2, "outside the briefing", { "--as-of", "2031-01", NULL } },
    { "date.png", 2, "is not a date", { "--as-of", "2024-13", NULL } },
  };
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  guint created = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const BadExport *c = &cases[i];
      g_autofree char *path = c->name[0] == '/' ? g_strdup (c->name) : g_build_filename (dir, c->name, NULL);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *err = NULL;
      g_autoptr(GDir) listing = NULL;
      gboolean existed = c->name[0] != '/';
      TriFileState before;
      guint n_files = 0;

      /* an existing file must come through untouched */
      if (existed)
        {
          g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
          created++;
        }
      tri_test_file_state (path, &before);

      g_ptr_array_add (argv, (gpointer) g_getenv ("TRI_EXE"));
      g_ptr_array_add (argv, (gpointer) "--export");
      g_ptr_array_add (argv, path);
      for (guint k = 0; c->args[k]; k++)
        g_ptr_array_add (argv, (gpointer) c->args[k]);
      g_ptr_array_add (argv, NULL);

      g_assert_cmpint (run_argv ((const char * const *) argv->pdata, NULL, &err), ==, c->code);
      g_test_message ("%s: %s", c->name, err);
      g_assert_nonnull (strstr (err, c->needle));
      g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
      tri_test_assert_unchanged (path, &before);
      tri_test_file_state_clear (&before);

      /* and nothing else is left in the folder */
      listing = g_dir_open (dir, 0, NULL);
      while (g_dir_read_name (listing))
        n_files++;
      g_assert_cmpuint (n_files, ==, created);
    }
}

/* Every script the briefing and the interface use has its glyphs: no
 * missing-glyph boxes in Vietnamese, Russian, Chinese or Korean. */
static void
test_glyphs (void)
{
  const char *langs[] = { "vi", "ru", "zh_CN", "ko" };
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  guint checked = 0;

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr(GPtrArray) actors = tri_store_list_actors (store, langs[l], NULL);
      g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, langs[l], NULL);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title = tri_store_dup_title (store, langs[l]);
      g_autofree char *path = g_strdup_printf ("%s/slide-%s.png", dir, langs[l]);
      TriDate d;

      g_ptr_array_add (texts, g_strdup (title));
      for (guint i = 0; i < actors->len; i++)
        g_ptr_array_add (texts, g_strdup (((TriActor *) actors->pdata[i])->name));
      for (guint i = 0; i < events->len; i++)
        g_ptr_array_add (texts, g_strdup (((TriEvent *) events->pdata[i])->title));
      g_assert_true (tri_date_parse ("2024-early", &d, NULL));
      g_ptr_array_add (texts, tri_date_label (&d, langs[l]));
      g_assert_true (tri_date_parse ("2023-09-13", &d, NULL));
      g_ptr_array_add (texts, tri_date_label (&d, langs[l]));

      for (guint i = 0; i < texts->len; i++)
        {
          g_autoptr(PangoLayout) layout = tri_text_layout (cr, texts->pdata[i], 16, FALSE, langs[l]);
          int unknown = pango_layout_get_unknown_glyphs_count (layout);

          if (unknown != 0)
            g_error ("%d missing glyphs in %s text “%s”", unknown, langs[l], (char *) texts->pdata[i]);
          checked++;
        }

      /* and a slide in that language exports */
      g_assert_cmpint (TRI ("--export", path, "--lang", langs[l], "--size", "960x540"), ==, 0);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  g_assert_cmpuint (checked, >, 150);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  gsize la = 0, lb = 0;

  g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
  return la == lb && memcmp (ca, cb, la) == 0;
}

/* --window 0 is all time: every event up to the date counts, as drawn */
static void
test_window_all_time (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *all = g_build_filename (dir, "all.png", NULL);
  g_autofree char *year = g_build_filename (dir, "year.png", NULL);
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, "en", NULL);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  g_autoptr(TriTriangleLayout) layout = NULL;
  g_autoptr(TriTriangleLayout) layout_year = NULL;
  TriTriangleParams params = { 0 };
  g_autoptr(TriSlideLayout) frame = NULL;
  cairo_surface_t *s;
  guint checked = 0, differ = 0;
  TriDate d;

  g_assert_cmpint (TRI ("--export", all, "--view", "triangle", "--size", "800x600",
                        "--as-of", "2024-06", "--window", "0"), ==, 0);
  g_assert_cmpint (TRI ("--export", year, "--view", "triangle", "--size", "800x600",
                        "--as-of", "2024-06", "--window", "12"), ==, 0);
  g_assert_false (same_file (all, year));

  g_assert_true (tri_date_parse ("2024-06", &d, NULL));
  /* the triangle inside the frame of title, "as of" and sources */
  {
    g_autoptr(TriExportRequest) request = tri_export_request_new ();
    cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
    cairo_t *cr = cairo_create (scratch);

    g_free (request->lang);
    request->lang = g_strdup ("en");
    request->view = TRI_EXPORT_VIEW_TRIANGLE;
    request->width = 800;
    request->height = 600;
    request->as_of = d.latest;
    request->window_months = 0;
    frame = tri_export_draw_slide (store, request, cr);
    cairo_destroy (cr);
    cairo_surface_destroy (scratch);
  }
  params.width = frame->triangle.width;
  params.height = frame->triangle.height;
  params.lang = "en";
  params.type_scale = 1;
  params.show_legend = TRUE;
  tri_window_bounds (d.latest, tri_window_days_for_months (0), &params.from, &params.to);
  layout = tri_triangle_layout_new (actors, relations, events, &params);
  tri_window_bounds (d.latest, tri_window_days_for_months (12), &params.from, &params.to);
  layout_year = tri_triangle_layout_new (actors, relations, events, &params);

  s = read_png (all);
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      const TriEdgeLayout *ey = g_ptr_array_index (layout_year->edges, i);
      int x = (int) (frame->triangle.x + (e->x1 + e->x2) / 2);
      int y = (int) (frame->triangle.y + (e->y1 + e->y2) / 2);
      int expected = 0;

      /* every event of the relation whose last possible day is by then */
      for (guint k = 0; k < events->len; k++)
        {
          const TriEvent *ev = g_ptr_array_index (events, k);

          for (guint l = 0; l < ev->links->len; l++)
            expected += g_array_index (ev->links, TriLink, l).relation_id == e->relation_id &&
                        ev->date.latest <= d.latest;
        }
      g_assert_cmpint (e->state.n_events, ==, expected);
      differ += e->state.n_events != ey->state.n_events;

      if (e->width < 3)
        continue;
      g_assert_true (close_colours (pixel (s, x, y), e->color, 8));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 2);
  g_assert_cmpuint (differ, >=, 1);
  cairo_surface_destroy (s);

  g_remove (all);
  g_remove (year);
  g_rmdir (dir);
}

/* The words of a PDF, on one line */
static char *
pdf_words (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  words = g_strsplit_set (out, " \n\t\f", -1);
  for (guint i = 0, k = 0; ; i++)
    {
      if (words[i] == NULL)
        {
          words[k] = NULL;
          break;
        }
      if (*words[i] != '\0')
        words[k++] = words[i];
      else
        g_free (words[i]);
    }
  return g_strjoinv (" ", words);
}

/* The first @n words of @text */
static char *
first_words (const char *text,
             guint       n)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL && i < n; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", words[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A slide's quotes are the period's, as the panel's and --quotes' */
static void
test_slide_quotes_follow_date (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "slide.pdf", NULL);
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  TriRelation *rel = tri_store_find_relation (store, "RUS-PRK", NULL);
  g_autoptr(GPtrArray) period = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *words = NULL;
  g_autofree char *first = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *claim = NULL;
  guint32 from, to;
  guint total = 0;
  TriDate d;

  if (!have ("pdftotext"))
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  g_assert_cmpint (TRI ("--export", path, "--relation", "RUS-PRK", "--as-of", "2023-09-20", "--lang", "en"), ==, 0);
  words = pdf_words (path);
  g_test_message ("%s", words);

  g_assert_true (tri_date_parse ("2023-09-20", &d, NULL));
  tri_window_bounds (d.latest, tri_window_days_for_months (12), &from, &to);
  period = tri_store_list_quotes_in_period (store, rel->id, from, to, "en", 3, &total, NULL);
  all = tri_store_list_quotes (store, rel->id, 0, "en", NULL);
  g_assert_cmpuint (period->len, >, 0);
  first = first_words (((TriQuote *) period->pdata[0])->translation, 5);
  newest = first_words (((TriQuote *) all->pdata[0])->translation, 5);
  g_assert_cmpstr (first, !=, newest);

  /* the period's newest quote, not the relation's newest */
  g_assert_nonnull (strstr (words, first));
  g_assert_null (strstr (words, newest));
  /* its source's date and claim type, and hindsight flagged */
  g_assert_nonnull (strstr (words, "published April 2024"));
  claim = g_strdup_printf ("claim: %s", tri_claim_label (((TriQuote *) period->pdata[0])->claim, "en"));
  g_assert_nonnull (strstr (words, claim));
  g_assert_nonnull (strstr (words, "published later (April 2024)"));
  /* what is possibly by then is said */
  g_assert_nonnull (strstr (words, "more possibly by then."));

  g_remove (path);
  g_rmdir (dir);
}

/* --event of a vague event ("2023") moves "as of" to its last possible day */
static void
test_event_as_of_latest (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *chosen = g_build_filename (dir, "chosen.png", NULL);
  g_autofree char *last = g_build_filename (dir, "last.png", NULL);
  g_autofree char *first = g_build_filename (dir, "first.png", NULL);
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  g_autofree char *id = NULL;

  for (guint i = 0; i < events->len && id == NULL; i++)
    {
      const TriEvent *ev = g_ptr_array_index (events, i);
      g_autofree char *text = tri_date_to_string (&ev->date);

      if (g_str_equal (text, "2023"))
        id = g_strdup_printf ("%" G_GINT64_FORMAT, ev->id);
    }
  g_assert_nonnull (id);

  g_assert_cmpint (TRI ("--export", chosen, "--size", "960x540", "--event", id), ==, 0);
  g_assert_cmpint (TRI ("--export", last, "--size", "960x540", "--event", id, "--as-of", "2023-12-31"), ==, 0);
  g_assert_cmpint (TRI ("--export", first, "--size", "960x540", "--event", id, "--as-of", "2023-01-01"), ==, 0);
  g_assert_true (same_file (chosen, last));
  g_assert_false (same_file (chosen, first));

  g_remove (chosen);
  g_remove (last);
  g_remove (first);
  g_rmdir (dir);
}

/* A slide or timeline "as of" a day outside the default range still shows
 * that day, with its cursor: the range moves to it */
static void
test_timeline_shows_as_of (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "timeline.pdf", NULL);
  g_autofree char *words = NULL;
  const char *at;
  guint n = 0;

  g_assert_cmpint (TRI ("--export", path, "--view", "timeline", "--as-of", "2010", "--lang", "en"), ==, 0);
  words = pdf_words (path);
  /* the "as of" line, then the cursor's own label */
  for (at = words; (at = strstr (at, "31 December 2010")) != NULL; at++)
    n++;
  g_assert_cmpuint (n, ==, 2);
  /* and the axis around it names its year */
  g_assert_nonnull (strstr (words, "Jan 2010"));
  g_remove (path);
}

/* A date label that starts a line is capitalised where the language
 * capitalises sentences: "Tháng 10 năm 2023 · …" under an event's title */
static void
test_caption_capitalised (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "event.pdf", NULL);
  g_autofree char *words = NULL;

  g_assert_cmpint (TRI ("--export", path, "--event", "16", "--lang", "vi"), ==, 0);
  words = pdf_words (path);
  g_assert_nonnull (strstr (words, "Tháng 10 năm 2023 ·"));
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/png", test_png);
  g_test_add_func ("/export/svg", test_svg);
  g_test_add_func ("/export/pdf", test_pdf);
  g_test_add_func ("/export/pdf-matches-png", test_pdf_matches_png);
  g_test_add_func ("/export/replaces-only-when-complete", test_replaces_only_when_complete);
  g_test_add_func ("/export/errors", test_errors);
  g_test_add_func ("/export/glyphs", test_glyphs);
  g_test_add_func ("/export/window-all-time", test_window_all_time);
  g_test_add_func ("/export/event-as-of-latest", test_event_as_of_latest);
  g_test_add_func ("/export/slide-quotes-follow-date", test_slide_quotes_follow_date);
  g_test_add_func ("/export/timeline-shows-as-of", test_timeline_shows_as_of);
  g_test_add_func ("/export/caption-capitalised", test_caption_capitalised);
  return g_test_run ();
}
