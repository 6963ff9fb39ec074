/* tri-deck-export.c: a deck handed out, as one PDF or a folder of
 * numbered PNG or SVG files
 *
 * Every slide is drawn by tri_deck_draw_slide(), the one slide renderer of
 * the window, the presenter and every export, so a page is the slide as
 * presented.
 *
 * The PDF: a page per slide (the slide's size, ¾ of its pixels in points),
 * then, when asked, a notes page per slide (A4 portrait: the slide small,
 * its title, its presenter notes set in type to be read, continued on more
 * pages when long; the paper stays white whatever the theme, as it is
 * printed). Its metadata carry the title (the briefing's and the deck's)
 * and the author (from the markings); its outline has one bookmark per
 * slide and, with notes, a "Notes" entry holding one per notes page;
 * cairo embeds font subsets with their Unicode mapping, so the text can be
 * searched and copied. It is written through the one file writer
 * (tri-new-file.c): unnamed until whole, an existing file replaced only by
 * a complete one.
 *
 * The folder: one file per slide, numbered in deck order and named by the
 * slide's title ("01-overview.png"), written into a hidden sibling folder
 * `.tri-deck-PID-XXXXXX` that is renamed into place when every file is
 * whole. A target folder that exists is replaced, whole, only when it is
 * empty or holds nothing but a deck export's files (names like
 * "01-….png"); any other folder is refused, never mixed into. A failure
 * or a cancel removes the hidden folder, and so does a signal
 * (tri_deck_export_remove_pending() from the application's handler); a
 * kill leaves it, and the next deck export in the same folder sweeps it
 * once its process is gone.
 *
 * GTK-free; call it from one thread at a time for a store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-deck-export"
#define _GNU_SOURCE   /* renameat2 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "export/tri-deck-draw.h"
#include "export/tri-export.h"
#include "render/tri-catalog.h"
#include "render/tri-theme.h"
#include "store/tri-new-file.h"
#include "tri-deck-export.h"

#define MIN_SIDE 16
#define MAX_SIDE 16384
#define MAX_PIXELS 400000000
#define TEMP_PREFIX ".tri-deck-"
#define SLUG_MAX_BYTES 48

/* A4 portrait in points, and in the 96 dpi pixels the drawing is in */
#define NOTES_PT_WIDTH  595.2756
#define NOTES_PT_HEIGHT 841.8898
#define NOTES_WIDTH  (NOTES_PT_WIDTH / 0.75)
#define NOTES_HEIGHT (NOTES_PT_HEIGHT / 0.75)

void
tri_deck_export_options_init (TriDeckExportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->format = TRI_DECK_EXPORT_PDF;
  options->width = 1920;
  options->height = 1080;
  options->scale = 1;
}

static gboolean
usage_error (GError    **error,
             const char *message)
{
  g_set_error_literal (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE, message);
  return FALSE;
}

static gboolean
has_suffix_ci (const char *path,
               const char *suffix)
{
  gsize n = strlen (path), m = strlen (suffix);

  return n >= m && g_ascii_strcasecmp (path + n - m, suffix) == 0;
}

/**
 * tri_deck_export_format_for_path:
 * @path: what the user named: "deck.pdf", "slides/", "slides"
 * @format: (nullable): `--format` as typed: "png", "svg" (or "pdf"); NULL
 *   when not given
 *
 * A path ending in .pdf is one PDF. A folder is a path ending in "/", a
 * folder that exists, or a name with no extension (a new folder); its
 * files are PNG unless @format says svg. Anything else (deck.png) is
 * refused with the two ways to name it.
 */
gboolean
tri_deck_export_format_for_path (const char           *path,
                                 const char           *format,
                                 TriDeckExportFormat  *result,
                                 GError              **error)
{
  g_autofree char *base = NULL;
  gboolean folder;

  g_return_val_if_fail (path != NULL, FALSE);

  if (format != NULL && !g_str_equal (format, "png") && !g_str_equal (format, "svg") &&
      !g_str_equal (format, "pdf"))
    return usage_error (error, _("With --export-deck, --format takes png or svg (the files of a folder of slides); a PDF is named .pdf."));

  if (has_suffix_ci (path, ".pdf") && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (format != NULL && !g_str_equal (format, "pdf"))
        {
          g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                       _("“%s” names a PDF, but --format %s writes a folder of slides: name a folder (such as “slides/”) or leave out --format."),
                       path, format);
          return FALSE;
        }
      *result = TRI_DECK_EXPORT_PDF;
      return TRUE;
    }

  base = g_path_get_basename (path);
  folder = g_str_has_suffix (path, "/") || g_file_test (path, G_FILE_TEST_IS_DIR) ||
           strchr (base, '.') == NULL || (format != NULL && !g_str_equal (format, "pdf"));
  if (!folder)
    {
      g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                   _("“%s” is neither a PDF nor a folder: a deck is written as one PDF (name it .pdf) or as a folder of PNG or SVG files (name the folder, such as “slides/”)."),
                   path);
      return FALSE;
    }
  if (format != NULL && g_str_equal (format, "pdf"))
    {
      g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                   _("“%s” is a folder, and a PDF is one file: name it .pdf, or write the folder’s slides as --format png or svg."),
                   path);
      return FALSE;
    }
  *result = format != NULL && g_str_equal (format, "svg") ? TRI_DECK_EXPORT_SVG : TRI_DECK_EXPORT_PNG;
  return TRUE;
}

/* the title's words, lower case, joined by hyphens, as many whole words
 * as fit in SLUG_MAX_BYTES (a first word longer than that is cut) */
static char *
slug (const char *title)
{
  g_autofree char *normal = g_utf8_normalize (title ? title : "", -1, G_NORMALIZE_NFC);
  g_autofree char *lower = normal ? g_utf8_strdown (normal, -1) : g_strdup ("");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  const char *p = lower;

  for (;;)
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          char buf[8];
          int n = g_unichar_to_utf8 (c, buf);

          /* a first word too long for the name: cut at a character */
          if (out->len == 0 && word->len + n > SLUG_MAX_BYTES)
            break;
          g_string_append_len (word, buf, n);
        }
      else if (word->len > 0)
        {
          if (out->len + (out->len ? 1 : 0) + word->len > SLUG_MAX_BYTES)
            break;
          if (out->len)
            g_string_append_c (out, '-');
          g_string_append_len (out, word->str, word->len);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
      p = g_utf8_next_char (p);
    }
  if (out->len == 0 && word->len > 0)
    g_string_append_len (out, word->str, word->len);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * tri_deck_export_file_name:
 * @number: the slide's number, from 1
 * @count: the deck's number of slides (the numbers are as wide as its)
 *
 * Returns: "01-overview.png": the number, then the title's words; a slide
 *   with no letters in its title is "01-slide.png"
 */
char *
tri_deck_export_file_name (const TriDeckSlide   *slide,
                           guint                 number,
                           guint                 count,
                           TriDeckExportFormat   format)
{
  g_autofree char *words = slug (slide->title);
  int digits = 2;

  for (guint c = count; c >= 100; c /= 10)
    digits++;
  return g_strdup_printf ("%0*u-%s.%s", digits, number, *words ? words : "slide",
                          format == TRI_DECK_EXPORT_SVG ? "svg" : format == TRI_DECK_EXPORT_PNG ? "png" : "pdf");
}

/* a name a deck export gave one of its files */
static gboolean
is_export_file_name (const char *name)
{
  const char *p = name;

  while (g_ascii_isdigit (*p))
    p++;
  return p - name >= 2 && *p == '-' && (g_str_has_suffix (name, ".png") || g_str_has_suffix (name, ".svg"));
}

/**
 * tri_deck_export_title:
 *
 * Returns: the title in the PDF's metadata: the briefing's title and the
 *   deck's name
 */
char *
tri_deck_export_title (TriStore      *store,
                       const TriDeck *deck,
                       const char    *lang)
{
  g_autofree char *title = tri_store_dup_title (store, lang);

  if (deck->name == NULL || *deck->name == '\0')
    return g_steal_pointer (&title);
  if (title == NULL || *title == '\0')
    return g_strdup (deck->name);
  /* Translators: a PDF's title: the briefing's title, then the deck's name */
  return g_strdup_printf (D_(lang, "%s — %s"), title, deck->name);
}

/* cairo writes into the new file through this */
typedef struct
{
  TriNewFile *file;
  GError     *error;
} Sink;

static cairo_status_t
sink_write (void                *data,
            const unsigned char *bytes,
            unsigned int         len)
{
  Sink *sink = data;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!tri_new_file_write (sink->file, bytes, len, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static const char *
slide_bookmark (const TriDeckSlide *slide,
                guint               number,
                const char         *lang,
                char              **owned)
{
  if (slide->title != NULL && *slide->title != '\0')
    return slide->title;
  /* Translators: a PDF bookmark of a slide with no title */
  *owned = g_strdup_printf (D_(lang, "Slide %u"), number);
  return *owned;
}

static void
draw_slide (TriStore                 *store,
            const TriDeckSlide       *slide,
            const TriDeckDrawOptions *draw,
            cairo_t                  *cr)
{
  const TriTheme *theme = tri_theme_get (draw->dark);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, draw->width, draw->height);
  cairo_clip (cr);
  tri_set_source_rgb (cr, theme->background);
  cairo_paint (cr);
  tri_deck_draw_slide (store, slide, draw, cr);
  cairo_restore (cr);
}

/* The notes pages */

typedef struct
{
  double width, height;   /* the page, in pixels at 96 dpi */
  double margin;
  double top, bottom;     /* where the text may go */
} NotesFrame;

static void
notes_frame (NotesFrame *f)
{
  f->width = NOTES_WIDTH;
  f->height = NOTES_HEIGHT;
  f->margin = 76;
  f->top = 64;
  f->bottom = f->height - 76;
}

static void
draw_centered (cairo_t    *cr,
               const char *text,
               double      px,
               gboolean    bold,
               const char *lang,
               double      x,
               double      width,
               double      y)
{
  g_autoptr(PangoLayout) layout = tri_text_layout (cr, text, px, bold, lang);
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* the marking line at top and bottom, the footer; the paper is white */
static void
notes_chrome (cairo_t             *cr,
              const NotesFrame    *f,
              const TriMarkings   *markings,
              const char          *lang,
              const char          *right)
{
  const TriTheme *theme = tri_theme_get (FALSE);
  g_autoptr(GString) left = g_string_new (NULL);
  g_autoptr(PangoLayout) footer = NULL;
  g_autoptr(PangoLayout) number = NULL;
  int w, h;

  tri_set_source_rgb (cr, theme->background);
  cairo_paint (cr);

  tri_set_source_rgb (cr, theme->text);
  if (markings != NULL && markings->marking != NULL && *markings->marking != '\0')
    {
      draw_centered (cr, markings->marking, 13, TRUE, lang, f->margin, f->width - 2 * f->margin, 30);
      draw_centered (cr, markings->marking, 13, TRUE, lang, f->margin, f->width - 2 * f->margin, f->height - 26);
    }

  if (markings != NULL)
    {
      const char *parts[] = { markings->author, markings->prepared, markings->version };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (parts[i] != NULL && *parts[i] != '\0')
          g_string_append_printf (left, "%s%s", left->len ? " · " : "", parts[i]);
    }
  tri_set_source_rgb (cr, theme->muted);
  number = tri_text_layout (cr, right, 12, FALSE, lang);
  pango_layout_get_pixel_size (number, &w, &h);
  cairo_move_to (cr, f->width - f->margin - w, f->bottom + 12);
  pango_cairo_show_layout (cr, number);
  if (left->len > 0)
    {
      footer = tri_text_layout (cr, left->str, 12, FALSE, lang);
      pango_layout_set_width (footer, (int) ((f->width - 2 * f->margin - w - 24) * PANGO_SCALE));
      pango_layout_set_ellipsize (footer, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, f->margin, f->bottom + 12);
      pango_cairo_show_layout (cr, footer);
    }
}

/* Draws the lines of @layout from @first that fit between @y and @bottom;
 * returns the first line not drawn (the line count when all were) */
static int
show_lines (cairo_t     *cr,
            PangoLayout *layout,
            int          first,
            double       x,
            double       y,
            double       bottom)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double origin = -1;
  int index = 0, next = first;

  do
    {
      PangoRectangle logical;
      int baseline;
      double top, end;

      if (index++ < first)
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      if (origin < 0)
        origin = (double) logical.y / PANGO_SCALE;
      top = (double) logical.y / PANGO_SCALE - origin;
      end = top + (double) logical.height / PANGO_SCALE;
      if (y + end > bottom && next > first)
        break;
      cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                     y + (double) baseline / PANGO_SCALE - origin);
      pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
      next = index;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return next;
}

typedef struct
{
  cairo_surface_t           *surface;
  cairo_t                   *cr;
  TriStore                  *store;
  const TriDeck             *deck;
  const TriDeckExportOptions *options;
  const char                *lang;
  TriDeckExportProgress      progress;
  gpointer                   user_data;
  GCancellable              *cancellable;
  guint                      done, total;
  guint                      pages;   /* shown so far */
  GPtrArray                 *recordings;  /* with notes: each slide as drawn, drawn again small */
} Pdf;

/* @slide drawn once, to be painted on its page and on its notes page */
static cairo_surface_t *
record_slide (TriStore                 *store,
              const TriDeckSlide       *slide,
              const TriDeckDrawOptions *draw)
{
  cairo_rectangle_t extents = { 0, 0, draw->width, draw->height };
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_t *cr = cairo_create (recording);

  draw_slide (store, slide, draw, cr);
  cairo_destroy (cr);
  return recording;
}

/* One slide's notes pages; returns FALSE when cancelled */
static gboolean
notes_pages (Pdf                      *pdf,
             const TriDeckSlide       *slide,
             const TriDeckDrawOptions *draw,
             int                       notes_outline,
             GError                  **error)
{
  cairo_t *cr = pdf->cr;
  const TriTheme *paper = tri_theme_get (FALSE);
  const char *lang = tri_deck_slide_lang (slide, draw);
  gboolean has_notes = slide->notes != NULL && *slide->notes != '\0';
  g_autofree char *owned = NULL;
  const char *name = slide_bookmark (slide, draw->number, lang, &owned);
  g_autoptr(PangoLayout) notes = NULL;
  NotesFrame f;
  int line = 0, n_lines;
  guint page = 0;
  double text_width;

  notes_frame (&f);
  text_width = f.width - 2 * f.margin;

  notes = tri_text_layout (cr, has_notes ? slide->notes
                                         /* Translators: on a notes page, for a slide without notes */
                                         : D_(lang, "No presenter notes for this slide."),
                           17, FALSE, lang);
  pango_layout_set_width (notes, (int) (text_width * PANGO_SCALE));
  pango_layout_set_wrap (notes, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (notes, 1.4);
  if (!has_notes)
    {
      PangoFontDescription *desc = pango_font_description_copy (pango_layout_get_font_description (notes));

      pango_font_description_set_style (desc, PANGO_STYLE_ITALIC);
      pango_layout_set_font_description (notes, desc);
      pango_font_description_free (desc);
    }
  n_lines = pango_layout_get_line_count (notes);

  do
    {
      g_autofree char *heading = NULL;
      g_autofree char *right = NULL;
      g_autoptr(PangoLayout) title = NULL;
      double y = f.top + 12;
      int w, h, next;

      if (g_cancellable_set_error_if_cancelled (pdf->cancellable, error))
        return FALSE;

      cairo_pdf_surface_set_size (pdf->surface, NOTES_PT_WIDTH, NOTES_PT_HEIGHT);
      if (page == 0)
        {
          g_autofree char *link = g_strdup_printf ("page=%u", pdf->pages + 1);
          cairo_pdf_surface_add_outline (pdf->surface, notes_outline, name, link, 0);
        }

      cairo_save (cr);
      /* Translators: a notes page's footer: the slide it belongs to, "Notes · slide 3 of 12" */
      right = g_strdup_printf (D_(lang, "Notes · slide %u of %u"), draw->number, draw->count);
      notes_chrome (cr, &f, pdf->options->markings, lang, right);

      if (page == 0)
        {
          /* the slide, small, framed by a hairline */
          double tw = text_width, th = tw * draw->height / draw->width;
          double max_h = f.height * 0.42;

          if (th > max_h)
            {
              th = max_h;
              tw = th * draw->width / draw->height;
            }
          /* the slide's own page, drawn at its size, scaled as a picture
           * (vector, its text still text; the PDF holds it once): laid
           * out anew under a scaled matrix, Pango would set its paragraph
           * gaps apart from the slide's page */
          cairo_surface_t *recording = g_ptr_array_index (pdf->recordings, draw->number - 1);

          cairo_save (cr);
          cairo_translate (cr, (f.width - tw) / 2, y);
          cairo_scale (cr, tw / draw->width, th / draw->height);
          cairo_set_source_surface (cr, recording, 0, 0);
          cairo_rectangle (cr, 0, 0, draw->width, draw->height);
          cairo_fill (cr);
          cairo_restore (cr);
          cairo_rectangle (cr, (f.width - tw) / 2 - 0.5, y - 0.5, tw + 1, th + 1);
          tri_set_source_rgb (cr, paper->rule);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          y += th + 32;
        }

      if (page == 0)
        /* Translators: above a slide's notes: its number and the deck's count */
        heading = g_strdup_printf (D_(lang, "Slide %u of %u"), draw->number, draw->count);
      else
        /* Translators: above the rest of a slide's notes, on the next page */
        heading = g_strdup_printf (D_(lang, "Slide %u of %u, continued"), draw->number, draw->count);
      tri_set_source_rgb (cr, paper->muted);
      {
        g_autoptr(PangoLayout) l = tri_text_layout (cr, heading, 14, FALSE, lang);

        pango_layout_get_pixel_size (l, &w, &h);
        cairo_move_to (cr, f.margin, y);
        pango_cairo_show_layout (cr, l);
        y += h + 4;
      }

      tri_set_source_rgb (cr, paper->text);
      title = tri_text_layout (cr, name, 24, TRUE, lang);
      pango_layout_set_width (title, (int) (text_width * PANGO_SCALE));
      pango_layout_set_wrap (title, PANGO_WRAP_WORD_CHAR);
      if (page > 0)
        {
          pango_layout_set_height (title, 1);
          pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
        }
      pango_layout_get_pixel_size (title, &w, &h);
      cairo_move_to (cr, f.margin, y);
      pango_cairo_show_layout (cr, title);
      y += h + 14;

      cairo_move_to (cr, f.margin, y);
      cairo_line_to (cr, f.width - f.margin, y);
      tri_set_source_rgb (cr, paper->rule);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      y += 18;

      tri_set_source_rgb (cr, has_notes ? paper->text : paper->muted);
      next = show_lines (cr, notes, line, f.margin, y, f.bottom);
      cairo_restore (cr);
      cairo_show_page (cr);
      pdf->pages++;
      line = next;
      /* the next page goes on from a line of text, not from a paragraph's
       * gap; nothing but gaps left: no page for them */
      while (line < n_lines && pango_layout_get_line_readonly (notes, line)->length == 0)
        line++;
      page++;
    }
  while (line < n_lines);

  return TRUE;
}

static gboolean
check_size (const TriDeckExportOptions *options,
            GError                    **error)
{
  int scale = options->scale == 0 ? 1 : options->scale;

  if (options->width < MIN_SIDE || options->height < MIN_SIDE ||
      options->width > MAX_SIDE || options->height > MAX_SIDE || scale < 1 || scale > 3 ||
      (options->format == TRI_DECK_EXPORT_PNG &&
       (gint64) options->width * options->height * scale * scale > MAX_PIXELS))
    {
      g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                   _("%d×%d at %d× is not a size Trilateral can export."),
                   options->width, options->height, scale);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_failed (TriStore  *store,
             guint      failures_before,
             GError   **error)
{
  if (tri_store_get_read_failures (store) == failures_before && tri_store_get_read_error (store) == NULL)
    return FALSE;
  g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ,
               _("Nothing was exported: %s"),
               tri_store_get_read_error (store) ? tri_store_get_read_error (store)->message : "");
  return TRUE;
}

static void
draw_options_for (const TriDeckExportOptions *options,
                  const TriDeck              *deck,
                  const char                 *lang,
                  guint                       i,
                  TriDeckDrawOptions         *draw)
{
  memset (draw, 0, sizeof *draw);
  draw->width = options->width;
  draw->height = options->height;
  draw->dark = options->dark;
  draw->lang = lang;
  draw->markings = options->markings;
  draw->number = i + 1;
  draw->count = deck->slides->len;
}

static void
slide_notes_free (TriDeckSlideNotes *notes)
{
  g_ptr_array_unref (notes->quotes);
  g_free (notes);
}

static cairo_status_t
discard (void                *data,
         const unsigned char *bytes,
         unsigned int         len)
{
  return CAIRO_STATUS_SUCCESS;
}

/**
 * tri_deck_export_notes:
 * @options: the export's: its size, language and markings shape each page
 *
 * The quotes each slide of @deck shows, with the numbers its page marks
 * them with: each slide is drawn as the PDF draws it (the same size,
 * markings and language, onto a PDF surface whose bytes are dropped) and
 * its notes are those the slide's renderer drew. The deck's evidence table
 * is made from this, so its numbers are the pages' whatever fitted.
 *
 * Returns: (transfer full) (element-type TriDeckSlideNotes): a
 *   TriDeckSlideNotes per slide, in deck order
 */
GPtrArray *
tri_deck_export_notes (TriStore                   *store,
                       const TriDeck              *deck,
                       const TriDeckExportOptions *options)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) slide_notes_free);
  const char *lang = tri_lang_normalize (options->lang ? options->lang : tri_lang_from_environment ());
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (discard, NULL, options->width * 0.75, options->height * 0.75);
  cairo_surface_set_device_scale (surface, 0.75, 0.75);
  cr = cairo_create (surface);
  for (guint i = 0; i < deck->slides->len; i++)
    {
      const TriDeckSlide *slide = g_ptr_array_index (deck->slides, i);
      TriDeckSlideNotes *notes = g_new0 (TriDeckSlideNotes, 1);
      g_autoptr(TriSlideLayout) layout = NULL;
      TriDeckDrawOptions draw;

      draw_options_for (options, deck, lang, i, &draw);
      cairo_save (cr);
      layout = tri_deck_draw_slide_layout (store, slide, &draw, cr);
      cairo_restore (cr);
      notes->number = i + 1;
      notes->slide = slide;
      notes->lang = tri_deck_slide_lang (slide, &draw);
      notes->quotes = g_ptr_array_ref (layout->notes);
      g_ptr_array_add (all, notes);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return all;
}

static void
progress (TriDeckExportProgress  callback,
          gpointer               user_data,
          guint                 *done,
          guint                  total)
{
  (*done)++;
  if (callback != NULL)
    callback (*done, total, user_data);
}

static gboolean
finish_status (cairo_status_t   status,
               Sink            *sink,
               const char      *path,
               GError         **error)
{
  if (sink->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sink->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FAILED,
                   _("Could not write “%s”: %s."), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_pdf (TriStore                   *store,
           const TriDeck              *deck,
           const TriDeckExportOptions *options,
           const char                 *lang,
           const char                 *path,
           TriDeckExportProgress       callback,
           gpointer                    user_data,
           GCancellable               *cancellable,
           GError                    **error)
{
  g_autoptr(TriNewFile) file = NULL;
  g_autofree char *title = NULL;
  cairo_status_t status;
  Sink sink = { 0 };
  Pdf pdf = { 0 };
  guint failures_before = tri_store_get_read_failures (store);
  gboolean ok = TRUE;
  int notes_outline = 0;

  file = tri_new_file_create (path, TRI_NEW_FILE_REPLACE, error);
  if (file == NULL)
    return FALSE;
  sink.file = file;

  pdf.surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, options->width * 0.75,
                                                     options->height * 0.75);
  /* 96 pixels an inch, 72 points: a device scale, not the drawing's
   * matrix, so text is laid out exactly as on a PNG (Pango measures an
   * empty line, the gap between paragraphs, in the matrix's units) */
  cairo_surface_set_device_scale (pdf.surface, 0.75, 0.75);
  pdf.store = store;
  pdf.deck = deck;
  pdf.options = options;
  pdf.lang = lang;
  pdf.progress = callback;
  pdf.user_data = user_data;
  pdf.cancellable = cancellable;
  pdf.total = deck->slides->len * (options->notes ? 2 : 1);

  title = tri_deck_export_title (store, deck, lang);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_TITLE, title);
  if (options->markings != NULL && options->markings->author != NULL && *options->markings->author != '\0')
    cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_AUTHOR, options->markings->author);
  if (options->markings != NULL && options->markings->marking != NULL && *options->markings->marking != '\0')
    cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_SUBJECT, options->markings->marking);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);

  pdf.cr = cairo_create (pdf.surface);
  pdf.recordings = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  for (guint i = 0; ok && i < deck->slides->len; i++)
    {
      const TriDeckSlide *slide = g_ptr_array_index (deck->slides, i);
      g_autofree char *owned = NULL;
      g_autofree char *link = g_strdup_printf ("page=%u", i + 1);
      TriDeckDrawOptions draw;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      draw_options_for (options, deck, lang, i, &draw);
      cairo_pdf_surface_set_size (pdf.surface, options->width * 0.75, options->height * 0.75);
      cairo_pdf_surface_add_outline (pdf.surface, CAIRO_PDF_OUTLINE_ROOT,
                                     slide_bookmark (slide, i + 1, tri_deck_slide_lang (slide, &draw), &owned),
                                     link, 0);
      cairo_save (pdf.cr);
      if (options->notes)
        {
          cairo_surface_t *recording = record_slide (store, slide, &draw);

          cairo_set_source_surface (pdf.cr, recording, 0, 0);
          cairo_paint (pdf.cr);
          g_ptr_array_add (pdf.recordings, recording);
        }
      else
        draw_slide (store, slide, &draw, pdf.cr);
      cairo_restore (pdf.cr);
      cairo_show_page (pdf.cr);
      pdf.pages++;
      progress (callback, user_data, &pdf.done, pdf.total);
    }

  if (ok && options->notes)
    {
      g_autofree char *link = g_strdup_printf ("page=%u", deck->slides->len + 1);

      /* Translators: the PDF bookmark over the notes pages */
      notes_outline = cairo_pdf_surface_add_outline (pdf.surface, CAIRO_PDF_OUTLINE_ROOT, D_(lang, "Notes"),
                                                     link, 0);
      for (guint i = 0; ok && i < deck->slides->len; i++)
        {
          TriDeckDrawOptions draw;

          draw_options_for (options, deck, lang, i, &draw);
          ok = notes_pages (&pdf, g_ptr_array_index (deck->slides, i), &draw, notes_outline, error);
          if (ok)
            progress (callback, user_data, &pdf.done, pdf.total);
        }
    }

  status = cairo_status (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (pdf.surface);
  g_ptr_array_unref (pdf.recordings);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (pdf.surface);
  cairo_surface_destroy (pdf.surface);

  if (!ok)
    {
      g_clear_error (&sink.error);
      return FALSE;
    }
  if (read_failed (store, failures_before, error))
    {
      g_clear_error (&sink.error);
      return FALSE;
    }
  if (!finish_status (status, &sink, path, error))
    return FALSE;
  return tri_new_file_commit (file, error);
}

/* one file of a folder export, written whole or not at all */
static gboolean
write_slide_file (TriStore                   *store,
                  const TriDeckSlide         *slide,
                  const TriDeckDrawOptions   *draw,
                  const TriDeckExportOptions *options,
                  const char                 *path,
                  GError                    **error)
{
  g_autoptr(TriNewFile) file = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Sink sink = { 0 };
  int scale = options->scale == 0 ? 1 : options->scale;
  cairo_t *cr;

  file = tri_new_file_create (path, TRI_NEW_FILE_NO_REPLACE, error);
  if (file == NULL)
    return FALSE;
  sink.file = file;

  if (options->format == TRI_DECK_EXPORT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (sink_write, &sink, options->width, options->height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width * scale, options->height * scale);

  cr = cairo_create (surface);
  if (options->format == TRI_DECK_EXPORT_PNG)
    cairo_scale (cr, scale, scale);
  draw_slide (store, slide, draw, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS && options->format == TRI_DECK_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!finish_status (status, &sink, path, error))
    return FALSE;
  return tri_new_file_commit (file, error);
}

/* The hidden folder of the folder export in progress, for the signal
 * handler: its path and its files' paths are made before the first is
 * written, so the handler only reads them (no lock, no allocation) */
static char pending_folder[4096];
static char **pending_files;
static volatile sig_atomic_t pending_written;
static volatile sig_atomic_t pending_active;

/**
 * tri_deck_export_remove_pending:
 *
 * Removes the hidden folder of a folder export in progress, with the
 * files written into it so far. Only async-signal-safe calls: for the
 * application's signal handlers, after tri_new_file_remove_pending().
 */
void
tri_deck_export_remove_pending (void)
{
  if (!pending_active)
    return;
  for (sig_atomic_t i = 0; i < pending_written; i++)
    unlink (pending_files[i]);
  rmdir (pending_folder);
  pending_active = 0;
}

/* Starts tracking @temp for the signal handler, unless another folder
 * export already is (that one is swept by the next export instead) */
static gboolean
pending_begin (const char  *temp,
               char       **files)
{
  if (pending_active || strlen (temp) >= sizeof pending_folder)
    return FALSE;
  memcpy (pending_folder, temp, strlen (temp) + 1);
  pending_files = files;
  pending_written = 0;
  pending_active = 1;
  return TRUE;
}

static void
pending_end (void)
{
  pending_active = 0;
  pending_written = 0;
  pending_files = NULL;
}

/* Removes a folder of our own making: the files a deck export writes in
 * it (slides, and the file writer's temporaries), then itself. Anything
 * else (a file someone put into a folder as it was being replaced) is
 * kept, and the folder with it. */
static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if ((is_export_file_name (name) || g_str_has_prefix (name, ".tri-")) &&
          g_lstat (full, &st) == 0 && S_ISREG (st.st_mode))
        g_unlink (full);
    }
  if (g_rmdir (folder) != 0)
    g_debug ("Could not remove %s: %s", folder, g_strerror (errno));
}

static gboolean
remove_folder_whole (const char *folder)
{
  remove_folder (folder);
  return !g_file_test (folder, G_FILE_TEST_EXISTS);
}

/**
 * tri_deck_export_sweep:
 * @folder: a folder a deck export is about to write in
 *
 * Removes the hidden folders `.tri-deck-PID-XXXXXX` that a deck export
 * killed mid-write left in @folder, by the one writer's rule
 * (tri_new_file_sweep_orphans ()).
 *
 * Returns: how many were removed
 */
guint
tri_deck_export_sweep (const char *folder)
{
  return tri_new_file_sweep_orphans (folder, TEMP_PREFIX, TRUE, remove_folder_whole);
}

/* What is at the target folder: nothing, a folder it may replace, or a
 * refusal */
static gboolean
check_target_folder (const char  *target,
                     gboolean    *exists,
                     mode_t      *mode,
                     GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;

  *exists = FALSE;
  if (g_lstat (target, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      tri_write_error_set_errno (error, target, errno);
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_EXISTS,
                   _("Could not write the slides to “%s”: it is a file, not a folder."), target);
      return FALSE;
    }
  dir = g_dir_open (target, 0, NULL);
  if (dir == NULL)
    {
      tri_write_error_set_errno (error, target, EACCES);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = g_build_filename (target, name, NULL);
      GStatBuf child;

      if (!is_export_file_name (name) || g_lstat (full, &child) != 0 || !S_ISREG (child.st_mode))
        {
          g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_EXISTS,
                       _("“%s” already holds other files (“%s”): Trilateral replaces a folder only when it is empty or holds an earlier export of slides. Choose a new folder."),
                       target, name);
          return FALSE;
        }
    }
  *exists = TRUE;
  *mode = st.st_mode & 07777;
  return TRUE;
}

static void
fsync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Puts the finished folder @temp at @target, replacing what
 * check_target_folder() allowed there, whole */
static gboolean
publish_folder (const char  *temp,
                const char  *target,
                gboolean     exists,
                GError     **error)
{
  if (!exists)
    {
      if (renameat2 (AT_FDCWD, temp, AT_FDCWD, target, RENAME_NOREPLACE) == 0)
        return TRUE;
      if (errno != EINVAL && errno != ENOSYS)
        {
          tri_write_error_set_errno (error, target, errno);
          return FALSE;
        }
      /* no RENAME_NOREPLACE here: rename replaces at most an empty folder */
      if (g_rename (temp, target) == 0)
        return TRUE;
      tri_write_error_set_errno (error, target, errno == ENOTEMPTY ? EEXIST : errno);
      return FALSE;
    }

  /* swap the two whole folders, then remove the old one */
  if (renameat2 (AT_FDCWD, temp, AT_FDCWD, target, RENAME_EXCHANGE) == 0)
    {
      remove_folder (temp);
      return TRUE;
    }
  if (errno == ENOENT)
    /* the old folder went in the meantime */
    return publish_folder (temp, target, FALSE, error);
  if (errno != EINVAL && errno != ENOSYS)
    {
      tri_write_error_set_errno (error, target, errno);
      return FALSE;
    }
  /* no exchange here: an empty folder is replaced by rename; a full one
   * moves aside first (for that moment there is no folder at all, never
   * a mixed one) */
  if (g_rename (temp, target) == 0)
    return TRUE;
  if (errno == ENOTEMPTY || errno == EEXIST)
    {
      g_autofree char *parent = g_path_get_dirname (target);
      g_autofree char *aside = g_strdup_printf ("%s/" TEMP_PREFIX "%d-XXXXXX", parent, (int) getpid ());

      if (g_mkdtemp (aside) != NULL && g_rmdir (aside) == 0 && g_rename (target, aside) == 0)
        {
          if (g_rename (temp, target) == 0)
            {
              remove_folder (aside);
              return TRUE;
            }
          g_rename (aside, target);
        }
    }
  tri_write_error_set_errno (error, target, errno);
  return FALSE;
}

/* `PARENT/.tri-deck-PID-XXXXXX` */
static char *
temp_folder_name (const char *parent)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  char suffix[7];

  for (int i = 0; i < 6; i++)
    suffix[i] = letters[g_random_int_range (0, sizeof letters - 1)];
  suffix[6] = '\0';
  return g_strdup_printf ("%s/" TEMP_PREFIX "%d-%s", parent, (int) getpid (), suffix);
}

static gboolean
write_folder (TriStore                   *store,
              const TriDeck              *deck,
              const TriDeckExportOptions *options,
              const char                 *lang,
              const char                 *path,
              TriDeckExportProgress       callback,
              gpointer                    user_data,
              GCancellable               *cancellable,
              GError                    **error)
{
  g_autofree char *target = g_strdup (path);
  g_autofree char *parent = NULL;
  g_autofree char *temp = NULL;
  g_auto(GStrv) files = NULL;
  guint failures_before = tri_store_get_read_failures (store);
  gboolean exists = FALSE, tracked = FALSE;
  mode_t mode = 0, mask;
  GStatBuf st;
  guint done = 0;

  /* "slides/" is the folder "slides" */
  while (strlen (target) > 1 && g_str_has_suffix (target, "/"))
    target[strlen (target) - 1] = '\0';
  parent = g_path_get_dirname (target);

  if (g_stat (parent, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_NO_FOLDER,
                   g_file_test (parent, G_FILE_TEST_EXISTS)
                   ? _("Could not write the slides to “%s”: “%s” is not a folder.")
                   : _("Could not write the slides to “%s”: the folder “%s” does not exist."),
                   target, parent);
      return FALSE;
    }
  if (!check_target_folder (target, &exists, &mode, error))
    return FALSE;

  tri_deck_export_sweep (parent);
  /* the hidden folder is known to the signal handler before it exists,
   * so no moment of it escapes the handler */
  for (int attempt = 0; attempt < 100; attempt++)
    {
      int saved;

      g_clear_pointer (&temp, g_free);
      g_clear_pointer (&files, g_strfreev);
      temp = temp_folder_name (parent);
      files = g_new0 (char *, deck->slides->len + 1);
      for (guint i = 0; i < deck->slides->len; i++)
        {
          g_autofree char *name = tri_deck_export_file_name (g_ptr_array_index (deck->slides, i), i + 1,
                                                              deck->slides->len, options->format);
          files[i] = g_build_filename (temp, name, NULL);
        }
      tracked = pending_begin (temp, files);
      if (g_mkdir (temp, 0700) == 0)
        break;
      saved = errno;
      if (tracked)
        pending_end ();
      tracked = FALSE;
      if (saved != EEXIST || attempt == 99)
        {
          tri_write_error_set_errno (error, target, saved == ENOENT ? EACCES : saved);
          return FALSE;
        }
    }

  for (guint i = 0; i < deck->slides->len; i++)
    {
      const TriDeckSlide *slide = g_ptr_array_index (deck->slides, i);
      const char *file = files[i];
      g_autoptr(GError) local = NULL;
      TriDeckDrawOptions draw;
      gboolean written;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
      draw_options_for (options, deck, lang, i, &draw);
      written = write_slide_file (store, slide, &draw, options, file, &local);
      if (written && tracked)
        pending_written = i + 1;
      if (!written)
        {
          /* the message names the folder the user asked for, not ours */
          g_auto(GStrv) parts = g_strsplit (local->message, temp, -1);
          g_autofree char *message = g_strjoinv (target, parts);

          g_set_error_literal (error, local->domain, local->code, message);
          goto failed;
        }
      progress (callback, user_data, &done, deck->slides->len);
    }

  if (read_failed (store, failures_before, error))
    goto failed;

  mask = umask (0);
  umask (mask);
  if (chmod (temp, exists ? mode : (0777 & ~mask)) != 0)
    g_debug ("Could not set the mode of %s", temp);
  fsync_folder (temp);
  if (!publish_folder (temp, target, exists, error))
    goto failed;
  if (tracked)
    pending_end ();
  fsync_folder (parent);
  return TRUE;

failed:
  if (tracked)
    pending_end ();
  remove_folder (temp);
  return FALSE;
}

/**
 * tri_deck_export_write:
 * @deck: the deck, its texts in @options->lang (tri_store_get_deck())
 * @path: the PDF, or the folder of PNG or SVG files, as @options->format
 *   says (tri_deck_export_format_for_path())
 * @progress: (nullable): called after each page or file
 * @cancellable: (nullable): checked between pages; a cancelled export
 *   leaves nothing (G_IO_ERROR_CANCELLED)
 *
 * Writes @deck whole or not at all: on failure nothing new is left and
 * what was at @path is untouched.
 */
gboolean
tri_deck_export_write (TriStore                   *store,
                       const TriDeck              *deck,
                       const TriDeckExportOptions *options,
                       const char                 *path,
                       TriDeckExportProgress       callback,
                       gpointer                    user_data,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  const char *lang;

  g_return_val_if_fail (TRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (deck != NULL && deck->slides != NULL, FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  lang = tri_lang_normalize (options->lang ? options->lang : tri_lang_from_environment ());

  if (!check_size (options, error))
    return FALSE;
  if (options->notes && options->format != TRI_DECK_EXPORT_PDF)
    return usage_error (error, _("Notes pages go with a PDF: name the file .pdf to hand out the notes."));
  if (deck->slides->len == 0)
    {
      g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                   _("The deck “%s” has no slides: there is nothing to export."), deck->name ? deck->name : "");
      return FALSE;
    }
  /* a picture drawn from a failed read is not the briefing */
  if (read_failed (store, tri_store_get_read_failures (store), error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (options->format == TRI_DECK_EXPORT_PDF)
    return write_pdf (store, deck, options, lang, path, callback, user_data, cancellable, error);
  return write_folder (store, deck, options, lang, path, callback, user_data, cancellable, error);
}
