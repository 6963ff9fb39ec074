/* test-deck-export.c: a deck handed out as one PDF or a folder of PNG or
 * SVG files, read back with poppler (pdfinfo, pdftotext, pdftoppm, and
 * pdftohtml -xml for the outline: Debian 12's poppler-utils 22.12 prints
 * no outline otherwise, and has no qpdf or pypdf), from the library and
 * from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "document/tri-document.h"
#include "export/tri-deck-export.h"
#include "export/tri-export.h"
#include "store/tri-new-file.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

#define MARKING "UNCLASSIFIED // FOR TRAINING"
#define AUTHOR  "Analyst Jane Roe"

/* Each slide's title and notes carry a word found nowhere else, so
 * pdftotext's finding it on a page says which slide the page is. */
typedef struct
{
  TriDeckSlideKind kind;
  const char      *title;
  const char      *title_word;
  const char      *notes;
  const char      *notes_word;
} SlideSpec;

static const SlideSpec specs[] = {
  { TRI_DECK_SLIDE_VIEW, "Overview Zanzibar", "Zanzibar", "Open with the three sides quokka.", "quokka" },
  { TRI_DECK_SLIDE_VIEW, "The treaty Marmalade", "Marmalade", "Stress the treaty wombat.", "wombat" },
  { TRI_DECK_SLIDE_TEXT, "Key judgements Pelican", "Pelican", NULL /* long: below */, "finaltapir" },
  { TRI_DECK_SLIDE_COMPARE, "What changed Narwhal", "Narwhal", NULL, NULL },
  { TRI_DECK_SLIDE_TREND, "The trend Axolotl", "Axolotl", "Quarters, not days, capybara.", "capybara" },
};
#define N_SLIDES G_N_ELEMENTS (specs)

static int
run_env (const char * const *args,
         const char         *lang,
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

  /* the command line needs no display and no D-Bus */
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  env = g_environ_setenv (env, "LANGUAGE", lang, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

static int
run (const char * const *args,
     char              **out,
     char              **err)
{
  return run_env (args, "en", out, err);
}

static gboolean
have (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);
  return path != NULL;
}

static gboolean
have_poppler (void)
{
  if (have ("pdfinfo") && have ("pdftotext") && have ("pdftoppm") && have ("pdftohtml"))
    return TRUE;
  g_test_skip ("poppler-utils (pdfinfo, pdftotext, pdftoppm, pdftohtml) is not installed");
  return FALSE;
}

static void
set_text (char      **field,
          const char *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

static guint32
day (const char *text)
{
  TriDate d;

  g_assert_true (tri_date_parse (text, &d, NULL));
  return d.latest;
}

static char *
long_notes (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  /* more than a notes page holds: it goes on to the next */
  for (int p = 0; p < 5; p++)
    {
      g_string_append_printf (s, "%sParagraph %d of the judgements: ", p ? "\n\n" : "", p + 1);
      for (int i = 0; i < 6; i++)
        g_string_append (s, "the assessment rests on the treaty text and on the reporting of the summit. ");
    }
  g_string_append (s, "The last word is finaltapir.");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static TriDeckSlide *
spec_slide (const SlideSpec *spec)
{
  TriDeckSlide *s = tri_deck_slide_new (spec->kind);

  set_text (&s->title, spec->title);
  if (spec->notes_word != NULL && g_str_equal (spec->notes_word, "finaltapir"))
    {
      g_free (s->notes);
      s->notes = long_notes ();
    }
  else
    set_text (&s->notes, spec->notes);
  s->window_months = 12;
  switch (spec->kind)
    {
    case TRI_DECK_SLIDE_VIEW:
      if (strstr (spec->title, "treaty") != NULL)
        {
          set_text (&s->relation, "RUS-PRK");
          s->as_of = day ("2024-06-30");
        }
      break;
    case TRI_DECK_SLIDE_TEXT:
      set_text (&s->body, "Moscow and Pyongyang moved from distance to alliance okapi.\n\n"
                          "Beijing watched, and said little.");
      break;
    case TRI_DECK_SLIDE_COMPARE:
      s->compare_from = day ("2022-01-01");
      s->as_of = day ("2024-06-30");
      break;
    case TRI_DECK_SLIDE_TREND:
      s->trend_from = day ("2022-01-01");
      s->trend_to = day ("2024-12-31");
      s->trend_step = TRI_TREND_QUARTER;
      s->trend_style = TRI_TREND_MULTIPLES;
      break;
    default:
      break;
    }
  return s;
}

static TriDeck *
test_deck (void)
{
  TriDeck *deck = g_new0 (TriDeck, 1);

  deck->name = g_strdup ("Test deck");
  deck->slides = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_deck_slide_free);
  for (guint i = 0; i < N_SLIDES; i++)
    g_ptr_array_add (deck->slides, spec_slide (&specs[i]));
  return deck;
}

static void
test_markings (TriMarkings *m)
{
  m->marking = g_strdup (MARKING);
  m->author = g_strdup (AUTHOR);
  m->prepared = g_strdup ("2024-07-01");
  m->version = g_strdup ("1.0");
}

static TriStore *
bundled (void)
{
  g_autoptr(GError) error = NULL;
  TriStore *store = tri_store_open (tri_test_briefing_path (), &error);

  g_assert_no_error (error);
  return store;
}

static void
export_ok (TriStore                   *store,
           const TriDeck              *deck,
           const TriDeckExportOptions *options,
           const char                 *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tri_deck_export_write (store, deck, options, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static char *
pdf_info (const char *path)
{
  char *info = NULL;

  g_assert_cmpint (run ((const char *[]) { "pdfinfo", path, NULL }, &info, NULL), ==, 0);
  return info;
}

static char *
info_field (const char *info,
            const char *field)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (field, ":", NULL);

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

static char *
page_text (const char *pdf,
           guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  char *text = NULL;

  g_assert_cmpint (run ((const char *[]) { "pdftotext", "-f", first, "-l", first, pdf, "-", NULL },
                        &text, NULL), ==, 0);
  return text;
}

/* The outline, as pdftohtml -xml lists it: "page title" per entry, with a
 * ">" before a child's */
static GPtrArray *
outline (const char *pdf)
{
  g_autofree char *xml = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_free);
  const char *p;
  int depth = 0;

  g_assert_cmpint (run ((const char *[]) { "pdftohtml", "-xml", "-i", "-q", "-stdout", pdf, NULL },
                        &xml, NULL), ==, 0);
  p = strstr (xml, "<outline>");
  g_assert_nonnull (p);
  while (p != NULL && *p != '\0')
    {
      if (g_str_has_prefix (p, "<outline>"))
        {
          depth++;
          p += strlen ("<outline>");
        }
      else if (g_str_has_prefix (p, "</outline>"))
        {
          if (--depth == 0)
            break;
          p += strlen ("</outline>");
        }
      else if (g_str_has_prefix (p, "<item"))
        {
          const char *page = strstr (p, "page=\"");
          const char *text = strchr (p, '>') + 1;
          const char *end = strstr (text, "</item>");
          g_autofree char *title = g_strndup (text, end - text);

          g_assert_nonnull (page);
          g_ptr_array_add (entries, g_strdup_printf ("%s%d %s", depth > 1 ? ">" : "",
                                                     atoi (page + strlen ("page=\"")), title));
          p = end + strlen ("</item>");
        }
      else
        p++;
    }
  return entries;
}

/* The PDF: a page per slide, its title and author, its text, its outline */
static void
test_pdf (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "deck.pdf", NULL);
  g_autoptr(TriStore) store = bundled ();
  g_autoptr(TriDeck) deck = test_deck ();
  g_autofree char *info = NULL;
  g_autofree char *title = NULL;
  g_autofree char *expected_title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *pages = NULL;
  g_autoptr(GPtrArray) bookmarks = NULL;
  g_auto(TriMarkings) markings = { 0 };
  TriDeckExportOptions options;

  if (!have_poppler ())
    return;

  test_markings (&markings);
  tri_deck_export_options_init (&options);
  options.lang = "en";
  options.markings = &markings;
  export_ok (store, deck, &options, path);

  info = pdf_info (path);
  pages = info_field (info, "Pages");
  g_assert_cmpstr (pages, ==, "5");
  /* 1920 × 1080 pixels at 96 dpi are 1440 × 810 points */
  g_assert_nonnull (strstr (info, "Page size:       1440 x 810 pts"));
  title = info_field (info, "Title");
  expected_title = tri_deck_export_title (store, deck, "en");
  g_assert_cmpstr (title, ==, expected_title);
  g_assert_nonnull (strstr (title, "Test deck"));
  author = info_field (info, "Author");
  g_assert_cmpstr (author, ==, AUTHOR);

  for (guint i = 0; i < N_SLIDES; i++)
    {
      g_autofree char *text = page_text (path, i + 1);

      /* each page is its slide: its title, the markings, never the notes */
      g_assert_nonnull (strstr (text, specs[i].title_word));
      g_assert_nonnull (strstr (text, MARKING));
      for (guint j = 0; j < N_SLIDES; j++)
        {
          if (j != i)
            g_assert_null (strstr (text, specs[j].title_word));
          if (specs[j].notes_word != NULL)
            g_assert_null (strstr (text, specs[j].notes_word));
        }
    }

  /* one bookmark per slide, to its page, and nothing else */
  bookmarks = outline (path);
  g_assert_cmpuint (bookmarks->len, ==, N_SLIDES);
  for (guint i = 0; i < N_SLIDES; i++)
    {
      g_autofree char *want = g_strdup_printf ("%u %s", i + 1, specs[i].title);
      g_assert_cmpstr (g_ptr_array_index (bookmarks, i), ==, want);
    }
}

/* --notes: the slides, then a notes page per slide (the slide small above
 * its notes; long notes go on to another page) */
static void
test_notes (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "deck.pdf", NULL);
  g_autoptr(TriStore) store = bundled ();
  g_autoptr(TriDeck) deck = test_deck ();
  g_autoptr(GPtrArray) bookmarks = NULL;
  g_autofree char *info = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *size = NULL;
  g_auto(TriMarkings) markings = { 0 };
  TriDeckExportOptions options;
  guint64 n_pages = 0;
  guint page, notes_page[N_SLIDES] = { 0 };

  if (!have_poppler ())
    return;

  test_markings (&markings);
  tri_deck_export_options_init (&options);
  options.lang = "en";
  options.markings = &markings;
  options.notes = TRUE;
  export_ok (store, deck, &options, path);

  info = pdf_info (path);
  pages = info_field (info, "Pages");
  g_assert_true (g_ascii_string_to_unsigned (pages, 10, 0, 100, &n_pages, NULL));
  /* the long notes of slide 3 take two pages */
  g_assert_cmpuint (n_pages, ==, 2 * N_SLIDES + 1);

  /* each notes page names its slide, shows it (its title is on it twice:
   * the slide's and the heading's), and holds its notes */
  page = N_SLIDES + 1;
  for (guint i = 0; i < N_SLIDES; i++, page++)
    {
      g_autofree char *text = page_text (path, page);
      g_autofree char *number = g_strdup_printf ("Slide %u of %u", i + 1, (guint) N_SLIDES);
      const char *first = strstr (text, specs[i].title_word);

      notes_page[i] = page;
      g_assert_nonnull (strstr (text, number));
      g_assert_nonnull (first);
      g_assert_nonnull (strstr (first + 1, specs[i].title_word));
      g_assert_nonnull (strstr (text, MARKING));
      g_assert_nonnull (strstr (text, AUTHOR));
      if (specs[i].notes_word != NULL && !g_str_equal (specs[i].notes_word, "finaltapir"))
        g_assert_nonnull (strstr (text, specs[i].notes_word));
      if (specs[i].notes == NULL && specs[i].notes_word == NULL)
        g_assert_nonnull (strstr (text, "No presenter notes for this slide."));
      if (specs[i].notes_word != NULL && g_str_equal (specs[i].notes_word, "finaltapir"))
        {
          g_autofree char *next = page_text (path, ++page);
          g_autofree char *continued = g_strdup_printf ("Slide %u of %u, continued", i + 1, (guint) N_SLIDES);

          /* the notes go on, from where the first page left off, to their last word */
          g_assert_null (strstr (text, "finaltapir"));
          g_assert_nonnull (strstr (text, "Paragraph 1 of"));
          g_assert_null (strstr (next, "Paragraph 1 of"));
          g_assert_nonnull (strstr (next, continued));
          g_assert_nonnull (strstr (next, "finaltapir"));
          g_assert_nonnull (strstr (next, "Paragraph 5 of"));
        }
    }

  /* A4 portrait notes pages */
  {
    g_autofree char *last = g_strdup_printf ("%u", (guint) n_pages);
    g_autofree char *out = NULL;

    g_assert_cmpint (run ((const char *[]) { "pdfinfo", "-f", last, "-l", last, path, NULL }, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "595.276 x 841.89 pts (A4)"));
  }

  /* the slides' bookmarks, then "Notes" holding one per notes page */
  bookmarks = outline (path);
  g_assert_cmpuint (bookmarks->len, ==, 2 * N_SLIDES + 1);
  for (guint i = 0; i < N_SLIDES; i++)
    {
      g_autofree char *want = g_strdup_printf ("%u %s", i + 1, specs[i].title);
      g_autofree char *want_notes = g_strdup_printf (">%u %s", notes_page[i], specs[i].title);

      g_assert_cmpstr (g_ptr_array_index (bookmarks, i), ==, want);
      g_assert_cmpstr (g_ptr_array_index (bookmarks, N_SLIDES + 1 + i), ==, want_notes);
    }
  size = g_strdup_printf ("%u Notes", (guint) N_SLIDES + 1);
  g_assert_cmpstr (g_ptr_array_index (bookmarks, N_SLIDES), ==, size);
}

static cairo_surface_t *
read_png (const char *path)
{
  cairo_surface_t *s = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  return s;
}

/* Each PDF page, rasterised by poppler, is the PNG export of its slide */
static void
test_pages_match_png (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "deck.pdf", NULL);
  g_autofree char *notes_pdf = g_build_filename (dir, "deck-notes.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "slides", NULL);
  g_autoptr(TriStore) store = bundled ();
  g_autoptr(TriDeck) deck = test_deck ();
  g_auto(TriMarkings) markings = { 0 };
  TriDeckExportOptions options;
  double same_max = 0, other_min = 1;

  if (!have_poppler ())
    return;

  test_markings (&markings);
  tri_deck_export_options_init (&options);
  options.lang = "en";
  options.markings = &markings;
  options.width = 1280;
  options.height = 720;
  export_ok (store, deck, &options, pdf);
  /* with notes, each slide is drawn once and painted on its page and its
   * notes page: its page is the same */
  options.notes = TRUE;
  export_ok (store, deck, &options, notes_pdf);
  options.notes = FALSE;
  options.format = TRI_DECK_EXPORT_PNG;
  export_ok (store, deck, &options, folder);

  for (guint j = 0; j < 2 * N_SLIDES; j++)
    {
      guint i = j % N_SLIDES;
      const char *pdf_file = j < N_SLIDES ? pdf : notes_pdf;
      g_autofree char *first = g_strdup_printf ("%u", i + 1);
      g_autofree char *prefix = g_build_filename (dir, "page", NULL);
      g_autofree char *raster = g_build_filename (dir, "page.png", NULL);
      g_autofree char *name = tri_deck_export_file_name (g_ptr_array_index (deck->slides, i), i + 1,
                                                          N_SLIDES, TRI_DECK_EXPORT_PNG);
      g_autofree char *png = g_build_filename (folder, name, NULL);
      g_autofree char *other_name = tri_deck_export_file_name (g_ptr_array_index (deck->slides, (i + 1) % N_SLIDES),
                                                                (i + 1) % N_SLIDES + 1, N_SLIDES, TRI_DECK_EXPORT_PNG);
      g_autofree char *other_png = g_build_filename (folder, other_name, NULL);
      cairo_surface_t *page, *slide, *other;
      double same, different, same_largest, other_largest;

      /* 96 dpi: a 960 × 540 pt page is 1280 × 720 pixels again */
      g_assert_cmpint (run ((const char *[]) { "pdftoppm", "-png", "-r", "96", "-singlefile", "-f", first,
                                               "-l", first, pdf_file, prefix, NULL }, NULL, NULL), ==, 0);
      page = read_png (raster);
      slide = read_png (png);
      other = read_png (other_png);
      same = tri_test_block_difference (page, slide, &same_largest);
      different = tri_test_block_difference (page, other, &other_largest);
      g_test_message ("slide %u%s: %.4f of blocks differ from its PNG (largest %.0f levels), "
                      "%.4f from the next slide's (largest %.0f)", i + 1, j < N_SLIDES ? "" : " (with notes)",
                      same, same_largest, different, other_largest);
      same_max = MAX (same_max, same);
      other_min = MIN (other_min, different);
      /* text laid out alike, every word and mark where the PNG has it:
       * a word missing or moved is a block far apart */
      g_assert_cmpfloat (same, <, 0.005);
      g_assert_cmpfloat (same_largest, <, 64);
      /* and the comparison tells slides apart */
      g_assert_cmpfloat (different, >, 0.03);
      g_assert_cmpfloat (other_largest, >, 64);
      cairo_surface_destroy (page);
      cairo_surface_destroy (slide);
      cairo_surface_destroy (other);
      g_unlink (raster);
    }
  g_test_message ("worst page against its PNG: %.4f; closest other slide: %.4f", same_max, other_min);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
listing (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static char *
listing_string (const char *folder)
{
  g_autoptr(GPtrArray) names = listing (folder);

  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A folder of numbered files, named by their titles; an earlier export is
 * replaced whole, any other folder is refused */
static void
test_folder (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "slides", NULL);
  g_autofree char *folder_slash = g_strconcat (folder, "/", NULL);
  g_autofree char *other = g_build_filename (dir, "mine", NULL);
  g_autofree char *keep = g_build_filename (other, "keep.txt", NULL);
  g_autofree char *file = g_build_filename (dir, "slides.txt", NULL);
  g_autofree char *names = NULL;
  g_autofree char *top = NULL;
  g_autoptr(TriStore) store = bundled ();
  g_autoptr(TriDeck) deck = test_deck ();
  g_autoptr(GError) error = NULL;
  TriDeckExportOptions options;
  GStatBuf st;
  mode_t mask;

  tri_deck_export_options_init (&options);
  options.lang = "en";
  options.width = 960;
  options.height = 540;
  options.format = TRI_DECK_EXPORT_PNG;
  export_ok (store, deck, &options, folder_slash);

  names = listing_string (folder);
  g_assert_cmpstr (names, ==, "01-overview-zanzibar.png 02-the-treaty-marmalade.png 03-key-judgements-pelican.png "
                              "04-what-changed-narwhal.png 05-the-trend-axolotl.png");
  /* nothing else beside it: the hidden folder it was written in is gone */
  top = listing_string (dir);
  g_assert_cmpstr (top, ==, "slides");
  /* a new folder gets the usual mode, as a new file does */
  mask = umask (0);
  umask (mask);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0777 & ~mask);
  {
    g_autofree char *png = g_build_filename (folder, "03-key-judgements-pelican.png", NULL);
    cairo_surface_t *s = read_png (png);

    g_assert_cmpint (cairo_image_surface_get_width (s), ==, 960);
    g_assert_cmpint (cairo_image_surface_get_height (s), ==, 540);
    cairo_surface_destroy (s);
  }

  /* again, as SVG, with one slide fewer: the earlier export is replaced
   * whole, no PNG of it left over */
  g_ptr_array_remove_index (deck->slides, 4);
  options.format = TRI_DECK_EXPORT_SVG;
  g_chmod (folder, 0750);
  export_ok (store, deck, &options, folder);
  g_clear_pointer (&names, g_free);
  names = listing_string (folder);
  g_assert_cmpstr (names, ==, "01-overview-zanzibar.svg 02-the-treaty-marmalade.svg 03-key-judgements-pelican.svg "
                              "04-what-changed-narwhal.svg");
  g_clear_pointer (&top, g_free);
  top = listing_string (dir);
  g_assert_cmpstr (top, ==, "slides");
  /* the replaced folder's permissions are kept */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0750);
  if (have ("xmllint"))
    {
      g_autofree char *svg = g_build_filename (folder, "01-overview-zanzibar.svg", NULL);
      g_autofree char *contents = NULL;

      g_assert_cmpint (run ((const char *[]) { "xmllint", "--noout", svg, NULL }, NULL, NULL), ==, 0);
      g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
      g_assert_nonnull (strstr (contents, "width=\"960px\""));
    }

  /* a folder of the user's own is never mixed into nor replaced */
  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  g_assert_true (g_file_set_contents (keep, "mine", -1, NULL));
  g_assert_false (tri_deck_export_write (store, deck, &options, other, NULL, NULL, NULL, &error));
  g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "keep.txt"));
  g_clear_pointer (&names, g_free);
  names = listing_string (other);
  g_assert_cmpstr (names, ==, "keep.txt");
  g_clear_pointer (&top, g_free);
  top = listing_string (dir);
  g_assert_cmpstr (top, ==, "mine slides");
  g_clear_error (&error);

  /* an empty folder is filled */
  g_unlink (keep);
  export_ok (store, deck, &options, other);
  g_clear_pointer (&names, g_free);
  names = listing_string (other);
  g_assert_true (g_str_has_prefix (names, "01-overview-zanzibar.svg "));

  /* a file where the folder should be is refused, and kept */
  g_assert_true (g_file_set_contents (file, "a file", -1, NULL));
  g_assert_false (tri_deck_export_write (store, deck, &options, file, NULL, NULL, NULL, &error));
  g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_EXISTS);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
}

typedef struct
{
  guint         calls;
  guint         last_done, total;
  guint         cancel_at;
  GCancellable *cancellable;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *p = user_data;

  p->calls++;
  g_assert_cmpuint (done, ==, p->last_done + 1);
  p->last_done = done;
  p->total = total;
  if (p->cancel_at != 0 && done == p->cancel_at)
    g_cancellable_cancel (p->cancellable);
}

/* Progress after each page; a cancel between pages leaves nothing */
static void
test_progress_cancel (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "deck.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "slides", NULL);
  g_autoptr(TriStore) store = bundled ();
  g_autoptr(TriDeck) deck = test_deck ();
  g_autoptr(GError) error = NULL;
  TriDeckExportOptions options;
  Progress p = { 0 };

  tri_deck_export_options_init (&options);
  options.lang = "en";
  options.width = 640;
  options.height = 360;
  options.notes = TRUE;
  g_assert_true (tri_deck_export_write (store, deck, &options, pdf, on_progress, &p, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.calls, ==, 2 * N_SLIDES);
  g_assert_cmpuint (p.total, ==, 2 * N_SLIDES);
  g_unlink (pdf);

  for (int format = TRI_DECK_EXPORT_PDF; format <= TRI_DECK_EXPORT_SVG; format++)
    {
      g_autofree char *top = NULL;

      memset (&p, 0, sizeof p);
      p.cancellable = g_cancellable_new ();
      p.cancel_at = 2;
      options.format = format;
      options.notes = format == TRI_DECK_EXPORT_PDF;
      g_assert_false (tri_deck_export_write (store, deck, &options, format == TRI_DECK_EXPORT_PDF ? pdf : folder,
                                             on_progress, &p, p.cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpuint (p.calls, ==, 2);
      top = listing_string (dir);
      g_assert_cmpstr (top, ==, "");
      g_clear_object (&p.cancellable);
    }
}

static gboolean
mount_tmpfs (const char *folder,
             const char *options)
{
  g_autofree char *err = NULL;

  return run ((const char *[]) { "mount", "-t", "tmpfs", "-o", options, "tmpfs", folder, NULL }, NULL, &err) == 0;
}

static void
umount (const char *folder)
{
  g_assert_cmpint (run ((const char *[]) { "umount", folder, NULL }, NULL, NULL), ==, 0);
}

/* A failed export leaves nothing: a full disk, a folder that cannot be
 * written. (A 200 KB tmpfs, as root; otherwise a folder without write
 * permission stands in, and the full disk is skipped.) */
static void
test_failure_leaves_nothing (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *disk = g_build_filename (dir, "disk", NULL);
  g_autofree char *filler = g_build_filename (disk, "filler", NULL);
  g_autofree char *pdf = g_build_filename (disk, "deck.pdf", NULL);
  g_autofree char *folder = g_build_filename (disk, "slides", NULL);
  g_autoptr(TriStore) store = bundled ();
  g_autoptr(TriDeck) deck = test_deck ();
  g_autoptr(GError) error = NULL;
  TriDeckExportOptions options;
  gboolean root = geteuid () == 0;

  g_assert_cmpint (g_mkdir (disk, 0755), ==, 0);
  tri_deck_export_options_init (&options);
  options.lang = "en";

  if (root && mount_tmpfs (disk, "size=200k"))
    {
      g_autofree char *zeros = g_malloc0 (184 * 1024);
      g_autofree char *left = NULL;

      /* 16 KB left: less than any slide */
      g_assert_true (g_file_set_contents (filler, zeros, 184 * 1024, NULL));
      for (int format = TRI_DECK_EXPORT_PDF; format <= TRI_DECK_EXPORT_SVG; format++)
        {
          options.format = format;
          g_assert_false (tri_deck_export_write (store, deck, &options,
                                                 format == TRI_DECK_EXPORT_PDF ? pdf : folder,
                                                 NULL, NULL, NULL, &error));
          g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL);
          /* the message names what the user asked for, never the hidden folder */
          g_assert_null (strstr (error->message, ".tri-deck-"));
          g_clear_error (&error);
          left = listing_string (disk);
          g_assert_cmpstr (left, ==, "filler");
          g_clear_pointer (&left, g_free);
        }
      umount (disk);

      g_assert_true (mount_tmpfs (disk, "ro,size=200k"));
      for (int format = TRI_DECK_EXPORT_PDF; format <= TRI_DECK_EXPORT_PNG; format++)
        {
          options.format = format;
          g_assert_false (tri_deck_export_write (store, deck, &options,
                                                 format == TRI_DECK_EXPORT_PDF ? pdf : folder,
                                                 NULL, NULL, NULL, &error));
          g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_READ_ONLY);
          g_clear_error (&error);
          left = listing_string (disk);
          g_assert_cmpstr (left, ==, "");
          g_clear_pointer (&left, g_free);
        }
      umount (disk);
    }
  else if (!root)
    {
      g_autofree char *left = NULL;

      g_chmod (disk, 0555);
      for (int format = TRI_DECK_EXPORT_PDF; format <= TRI_DECK_EXPORT_PNG; format++)
        {
          options.format = format;
          g_assert_false (tri_deck_export_write (store, deck, &options,
                                                 format == TRI_DECK_EXPORT_PDF ? pdf : folder,
                                                 NULL, NULL, NULL, &error));
          g_assert_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_PERMISSION);
          g_clear_error (&error);
          left = listing_string (disk);
          g_assert_cmpstr (left, ==, "");
          g_clear_pointer (&left, g_free);
        }
      g_chmod (disk, 0755);
      g_test_skip ("not root: no small disk to fill (a folder without write permission was tested)");
    }
  else
    g_test_skip ("root, but mount -t tmpfs is not allowed here: no full or read-only disk to test");
}

/* What a killed export leaves (its hidden folder) is swept by the next,
 * once that process is gone; a live one's is kept */
static void
test_sweep (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autoptr(TriStore) store = bundled ();
  g_autoptr(TriDeck) deck = test_deck ();
  g_autofree char *dead = NULL;
  g_autofree char *alive = NULL;
  g_autofree char *file = NULL;
  g_autofree char *target = g_build_filename (dir, "slides", NULL);
  g_autofree char *top = NULL;
  TriDeckExportOptions options;
  pid_t child = fork ();

  if (child == 0)
    _exit (0);
  g_assert_cmpint (child, >, 0);
  waitpid (child, NULL, 0);

  dead = g_strdup_printf ("%s/.tri-deck-%d-abcdef", dir, (int) child);
  alive = g_strdup_printf ("%s/.tri-deck-%d-ghijkl", dir, (int) getppid ());
  file = g_build_filename (dead, "01-half.png", NULL);
  g_assert_cmpint (g_mkdir (dead, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (alive, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "half", -1, NULL));

  tri_deck_export_options_init (&options);
  options.width = 320;
  options.height = 180;
  options.format = TRI_DECK_EXPORT_PNG;
  g_ptr_array_set_size (deck->slides, 1);
  export_ok (store, deck, &options, target);
  top = listing_string (dir);
  g_assert_true (g_str_has_prefix (top, ".tri-deck-"));
  g_assert_nonnull (strstr (top, "-ghijkl slides"));
  g_assert_null (strstr (top, "abcdef"));
  g_rmdir (alive);
}

static void
test_file_names (void)
{
  g_autoptr(TriDeckSlide) s = tri_deck_slide_new (TRI_DECK_SLIDE_TEXT);
  struct { const char *title; guint number, count; TriDeckExportFormat format; const char *name; } cases[] = {
    { "Overview", 1, 9, TRI_DECK_EXPORT_PNG, "01-overview.png" },
    { "The June 2024 treaty: what it says", 12, 30, TRI_DECK_EXPORT_SVG, "12-the-june-2024-treaty-what-it-says.svg" },
    { "Tổng quan tam giác", 3, 9, TRI_DECK_EXPORT_PNG, "03-tổng-quan-tam-giác.png" },
    { "Россия – КНДР", 4, 9, TRI_DECK_EXPORT_PNG, "04-россия-кндр.png" },
    { "俄朝条约", 5, 9, TRI_DECK_EXPORT_PNG, "05-俄朝条约.png" },
    { "“…” / ?", 6, 9, TRI_DECK_EXPORT_PNG, "06-slide.png" },
    { "", 7, 120, TRI_DECK_EXPORT_PNG, "007-slide.png" },
    { "../../etc/passwd", 8, 9, TRI_DECK_EXPORT_PNG, "08-etc-passwd.png" },
    { "A title much longer than any file name needs to be, on and on and on", 9, 9, TRI_DECK_EXPORT_PNG,
      "09-a-title-much-longer-than-any-file-name-needs-to.png" },
    /* whole words only, however many bytes a letter takes */
    { "Nga – Triều Tiên: tăng cường trao đổi đoàn các cấp", 2, 9, TRI_DECK_EXPORT_PNG,
      "02-nga-triều-tiên-tăng-cường-trao-đổi.png" },
    { "Donaudampfschifffahrtsgesellschaftskapitänswitwenrente und mehr", 3, 9, TRI_DECK_EXPORT_PNG,
      "03-donaudampfschifffahrtsgesellschaftskapitänswitw.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL;

      set_text (&s->title, cases[i].title);
      name = tri_deck_export_file_name (s, cases[i].number, cases[i].count, cases[i].format);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_format_for_path (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  struct { const char *path; const char *format; gboolean ok; TriDeckExportFormat result; } cases[] = {
    { "deck.pdf", NULL, TRUE, TRI_DECK_EXPORT_PDF },
    { "Deck.PDF", "pdf", TRUE, TRI_DECK_EXPORT_PDF },
    { "slides/", NULL, TRUE, TRI_DECK_EXPORT_PNG },
    { "slides", NULL, TRUE, TRI_DECK_EXPORT_PNG },
    { "slides", "svg", TRUE, TRI_DECK_EXPORT_SVG },
    { "v1.2", "png", TRUE, TRI_DECK_EXPORT_PNG },
    { dir, NULL, TRUE, TRI_DECK_EXPORT_PNG },
    { "deck.png", NULL, FALSE, 0 },
    { "deck.pdf", "png", FALSE, 0 },
    { "slides/", "pdf", FALSE, 0 },
    { "slides/", "jpeg", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      TriDeckExportFormat result = 99;
      gboolean ok = tri_deck_export_format_for_path (cases[i].path, cases[i].format, &result, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (result, ==, cases[i].result);
      else
        g_assert_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE);
    }
}

/* A briefing with a deck stored in it, made as a user makes one */
static char *
briefing_with_deck (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "briefing.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = NULL;
  g_auto(TriMarkings) markings = { 0 };
  gint64 deck, second;

  g_assert_true (tri_document_copy (tri_test_briefing_path (), path, &error));
  g_assert_no_error (error);
  tri_test_sql (path, TRI_TEST_SQL_NO_DECKS);
  doc = tri_document_open (path, &error);
  g_assert_no_error (error);
  deck = tri_document_add_deck (doc, "Test deck", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_SLIDES; i++)
    {
      g_autoptr(TriDeckSlide) slide = spec_slide (&specs[i]);

      tri_document_add_slide (doc, deck, -1, slide, "en", &error);
      g_assert_no_error (error);
    }
  second = tri_document_add_deck (doc, "Short version", &error);
  g_assert_no_error (error);
  {
    g_autoptr(TriDeckSlide) slide = spec_slide (&specs[0]);
    tri_document_add_slide (doc, second, -1, slide, "en", &error);
    g_assert_no_error (error);
  }
  test_markings (&markings);
  g_assert_true (tri_document_set_markings (doc, &markings, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

#define TRI_EXE g_getenv ("TRI_EXE")

/* trilateral --export-deck, its messages and exit codes */
static void
test_cli (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *db = briefing_with_deck (dir);
  g_autofree char *empty = g_build_filename (dir, "empty.sqlite", NULL);
  g_autofree char *pdf = g_build_filename (dir, "deck.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "slides/", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "deck.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *field = NULL;
  g_autofree char *names = NULL;

  if (!have_poppler ())
    return;

  g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--db", db, "--export-deck", pdf, "--deck", "Test deck",
                                           "--notes", "--size", "1600x1200", "--lang", "en", NULL },
                        &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "5 slides and their notes pages written to "));
  info = pdf_info (pdf);
  field = info_field (info, "Pages");
  /* the slides, a notes page each, and more for the long notes (at 4:3
   * the slide above them is taller: they take three pages) */
  g_assert_cmpstr (field, ==, "12");
  g_clear_pointer (&field, g_free);
  field = info_field (info, "Author");
  g_assert_cmpstr (field, ==, AUTHOR);
  g_clear_pointer (&field, g_free);
  field = info_field (info, "Title");
  g_assert_nonnull (strstr (field, "Test deck"));
  g_assert_nonnull (strstr (info, "Page size:       1200 x 900 pts"));
  for (guint i = 0; i < N_SLIDES; i++)
    {
      g_autofree char *page = page_text (pdf, i + 1);
      g_assert_nonnull (strstr (page, specs[i].title_word));
    }
  text = page_text (pdf, N_SLIDES + 2);
  g_assert_nonnull (strstr (text, "wombat"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the first deck by default; a folder of PNG by the trailing slash */
  g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--db", db, "--export-deck", folder, "--size", "640x360", NULL },
                        &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "5 slides written to the folder"));
  names = listing_string (folder);
  g_assert_true (g_str_has_prefix (names, "01-overview-zanzibar.png 02-the-treaty-marmalade.png"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* no such deck: a usage error naming the decks there are */
  g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--db", db, "--export-deck", pdf, "--deck", "Nope", NULL },
                        &out, &err), ==, 2);
  g_assert_cmpstr (err, ==, "trilateral: This briefing has no deck named “Nope”. Its decks: “Test deck”, “Short version”.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a briefing with no deck at all */
  g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--new", empty, NULL }, &out, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--db", empty, "--export-deck", pdf, NULL }, &out, &err), ==, 2);
  g_assert_true (g_str_has_prefix (err, "trilateral: This briefing has no decks"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    struct { const char *args[4]; const char *message; } bad[] = {
      { { "--size", "10x10" }, "“10x10” is not a size" },
      { { "--size", "wide" }, "“wide” is not a size" },
      { { "--theme", "pink" }, "--theme takes light or dark." },
      { { "--format", "jpeg" }, "--format takes png or svg" },
      { { "--as-of", "2024-06" }, "--as-of does not go with --export-deck" },
      { { "--scale", "2" }, "--scale applies to PNG only" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--db", db, "--export-deck", pdf,
                                                 bad[i].args[0], bad[i].args[1], NULL }, &out, &err), ==, 2);
        g_assert_nonnull (strstr (err, bad[i].message));
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
      }
  }
  g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--db", db, "--export-deck", folder, "--notes", NULL },
                        &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--notes goes with a PDF"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--db", db, "--export-deck", "deck.png", NULL },
                        &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "is neither a PDF nor a folder"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--db", db, "--deck", "Test deck", NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--deck goes with --export-deck or --export-data (the evidence table of a deck); --notes with --export-deck."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a folder that does not exist: a write error, 11, and nothing written */
  g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--db", db, "--export-deck", missing, NULL }, &out, &err), ==, 11);
  g_assert_nonnull (strstr (err, "does not exist"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static char *
unescape_xml (const char *text)
{
  static const char *entities[][2] = {
    { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" }, { "&amp;", "&" },
  };
  char *out = g_strdup (text);

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      g_auto(GStrv) parts = g_strsplit (out, entities[i][0], -1);

      g_free (out);
      out = g_strjoinv (entities[i][1], parts);
    }
  return out;
}

/* The bundled briefing's decks, in the five languages: each page holds its
 * slide's title, each bookmark names it, each notes page holds the start
 * of its notes (whitespace aside: pdftotext breaks lines where the slide
 * wraps them) */
static void
test_bundled_decks (void)
{
  static const char *langs[] = { "en", "vi", "ru", "zh_CN", "ko" };
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "deck.pdf", NULL);
  g_autoptr(TriStore) store = bundled ();
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(TriMarkings) markings = { 0 };

  if (!have_poppler ())
    return;
  decks = tri_store_get_decks (store, "en", &error);
  g_assert_no_error (error);
  if (decks->len == 0)
    {
      g_test_skip ("the bundled briefing has no deck");
      return;
    }
  g_assert_true (tri_store_get_markings (store, &markings, &error));

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint d = 0; d < decks->len; d++)
      {
        g_autoptr(TriDeck) deck = tri_store_get_deck (store, ((TriDeck *) g_ptr_array_index (decks, d))->name,
                                                      langs[l], &error);
        g_autoptr(GPtrArray) bookmarks = NULL;
        TriDeckExportOptions options;
        guint n;

        g_assert_no_error (error);
        n = deck->slides->len;
        tri_deck_export_options_init (&options);
        options.lang = langs[l];
        options.markings = &markings;
        options.notes = TRUE;
        export_ok (store, deck, &options, pdf);

        bookmarks = outline (pdf);
        g_assert_cmpuint (bookmarks->len, ==, 2 * n + 1);
        for (guint i = 0; i < n; i++)
          {
            const TriDeckSlide *slide = g_ptr_array_index (deck->slides, i);
            g_autofree char *text = page_text (pdf, i + 1);
            g_autofree char *flat = squeeze (text);
            g_autofree char *title = squeeze (slide->title);
            g_autofree char *mark = g_strdup_printf ("%u %s", i + 1, slide->title);
            g_autofree char *bookmark = unescape_xml (g_ptr_array_index (bookmarks, i));
            const char *notes_entry = g_ptr_array_index (bookmarks, n + 1 + i);
            guint notes_page;

            if (strstr (flat, title) == NULL)
              g_error ("%s, deck “%s”, page %u: no title “%s” in:\n%s", langs[l], deck->name, i + 1,
                       slide->title, text);
            if (*slide->title != '\0')
              g_assert_cmpstr (bookmark, ==, mark);
            /* under "Notes", to a page after the slides' */
            g_assert_true (notes_entry[0] == '>');
            notes_page = (guint) g_ascii_strtoull (notes_entry + 1, NULL, 10);
            g_assert_cmpuint (notes_page, >, n);
            if (slide->notes != NULL && *slide->notes != '\0')
              {
                g_autofree char *notes_text = page_text (pdf, notes_page);
                g_autofree char *notes_flat = squeeze (notes_text);
                g_autofree char *start = g_utf8_substring (slide->notes, 0, MIN (40, g_utf8_strlen (slide->notes, -1)));
                g_autofree char *start_flat = squeeze (start);

                if (strstr (notes_flat, start_flat) == NULL)
                  g_error ("%s, deck “%s”, notes page %u: no “%s” in:\n%s", langs[l], deck->name,
                           notes_page, start, notes_text);
              }
          }
      }
}

static gboolean
has_hidden_folder (const char *dir)
{
  g_autoptr(GPtrArray) names = listing (dir);

  for (guint i = 0; i < names->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (names, i), ".tri-deck-"))
      return TRUE;
  return FALSE;
}

/* A folder export stopped by a signal: SIGTERM leaves nothing (the
 * handler removes the hidden folder); SIGKILL leaves the hidden folder,
 * and the next export there removes it */
static void
test_signals (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *db = briefing_with_deck (dir);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *target = g_build_filename (out, "slides/", NULL);
  int sigs[] = { SIGTERM, SIGKILL };

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  for (guint k = 0; k < G_N_ELEMENTS (sigs); k++)
    {
      /* large slides: the export takes long enough to be caught in it */
      const char *argv[] = { TRI_EXE, "--db", db, "--export-deck", target, "--size", "3840x2160", NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *names = NULL;
      gint64 deadline;
      int status = 0;
      GPid pid;

      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
      while (!has_hidden_folder (out) && g_get_monotonic_time () < deadline)
        g_usleep (2000);
      g_assert_true (has_hidden_folder (out));
      kill (pid, sigs[k]);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, sigs[k]);

      names = listing_string (out);
      if (sigs[k] == SIGTERM)
        g_assert_cmpstr (names, ==, "");
      else
        {
          g_autofree char *said = NULL;

          /* what the kill left, until the next export in that folder */
          g_assert_true (g_str_has_prefix (names, ".tri-deck-"));
          g_assert_null (strchr (names, ' '));
          /* its summary caught, not printed among the test's own lines */
          g_assert_cmpint (run ((const char *[]) { TRI_EXE, "--db", db, "--export-deck", target,
                                                   "--size", "320x180", NULL }, &said, NULL), ==, 0);
          g_assert_nonnull (strstr (said, "slides written to the folder"));
          g_clear_pointer (&names, g_free);
          names = listing_string (out);
          g_assert_cmpstr (names, ==, "slides");
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deck-export/pdf", test_pdf);
  g_test_add_func ("/deck-export/notes", test_notes);
  g_test_add_func ("/deck-export/pages-match-png", test_pages_match_png);
  g_test_add_func ("/deck-export/folder", test_folder);
  g_test_add_func ("/deck-export/progress-cancel", test_progress_cancel);
  g_test_add_func ("/deck-export/failure-leaves-nothing", test_failure_leaves_nothing);
  g_test_add_func ("/deck-export/sweep", test_sweep);
  g_test_add_func ("/deck-export/file-names", test_file_names);
  g_test_add_func ("/deck-export/format-for-path", test_format_for_path);
  g_test_add_func ("/deck-export/cli", test_cli);
  g_test_add_func ("/deck-export/signals", test_signals);
  g_test_add_func ("/deck-export/bundled-decks", test_bundled_decks);

  return g_test_run ();
}
