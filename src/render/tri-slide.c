/* tri-slide.c: the briefing slide, composed of the other renderers
 *
 *   Title (up to two lines)
 *   As of: the 12 months to …
 *   [ triangle with its legend ]            [ evidence: the selection,
 *                                             1–3 quotes, each with its
 *                                             translation and citation ]
 *   [ timeline strip with the "as of" cursor ]
 *   Sources: …                                                  Trilateral
 *
 * The same slide is the PNG/SVG/PDF export and presentation mode. Type is
 * sized for a room: at 1920 × 1080 the body text is 26 px. What does not
 * fit is shortened at a word boundary with an ellipsis, never clipped, and
 * every text placed is recorded in layout->boxes so a test can check it.
 *
 * A triangle or a timeline exported alone gets the same frame: the title,
 * the "as of" line with its period, and the sources.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-slide"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tri-catalog.h"
#include "tri-labels.h"
#include "tri-slide.h"

#define REF_WIDTH 1920.0

/* the briefing, in reference units of a 1920-wide slide */
#define MARGIN 56.0
#define GAP 28.0
#define TITLE_PX 50.0
#define AS_OF_PX 30.0
#define JUDGEMENT_PX 32.0
/* the key judgement sits right of a bar in the focus colour */
#define JUDGEMENT_INDENT 24.0
#define HEADING_PX 36.0
#define BODY_PX 26.0
/* the evidence's text sets smaller, down to this, before it is shortened */
#define BODY_MIN_PX 21.0
#define QUOTE_PX 25.0
#define ORIGINAL_PX 21.0
#define CITE_PX 20.0
/* a citation's lines at most: its source's title shortened to one, then
 * the date, the claim and the grade on up to two more */
#define CITE_LINES 3
#define FOOT_PX 18.0
#define TRIANGLE_TYPE_SCALE 1.5
#define WIDE_TRIANGLE_TYPE_SCALE 1.25
#define TIMELINE_TYPE_SCALE 1.1
/* a labelled row in each of the timeline's six lanes at that type, with
 * its cursor's date and axis: below it the timeline drops its labels */
#define TIMELINE_MIN_H (262.0 * TIMELINE_TYPE_SCALE)

/* a view exported alone, in its own pixels */
#define FRAME_MARGIN 16.0
#define FRAME_TITLE_PX 18.0
#define FRAME_AS_OF_PX 15.0
#define FRAME_FOOT_PX 12.0

#define MARK "Trilateral"

static const char ellipsis[] = "…";

/* The bottom of each of the layout's lines, in Pango units */
static GArray *
line_bottoms (PangoLayout *layout)
{
  GArray *bottoms = g_array_new (FALSE, FALSE, sizeof (int));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      g_array_append_val (bottoms, y1);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return bottoms;
}

static gboolean
fits (PangoLayout *layout,
      int          max_lines,
      double       max_height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_layout_get_line_count (layout) <= max_lines &&
         (double) logical.height / PANGO_SCALE <= max_height + 0.01;
}

/* @text's first @n_chars characters, without trailing spaces or the
 * punctuation that would sit badly before an ellipsis (a full stop: the
 * ellipsis stands for the sentences that follow), then "…" */
static char *
shortened_text (const char *text,
                glong       n_chars)
{
  const char *end = g_utf8_offset_to_pointer (text, n_chars);
  GString *s = g_string_new_len (text, end - text);

  while (s->len > 0)
    {
      const char *last = g_utf8_find_prev_char (s->str, s->str + s->len);
      gunichar c = g_utf8_get_char (last);

      if (!g_unichar_isspace (c) && (c > 0x7F || strchr (".,;:-(", (int) c) == NULL) &&
          c != 0x2013 && c != 0x2014 && c != 0x3001 && c != 0x3002 && c != 0xFF0C && c != 0xFF0E)
        break;
      g_string_truncate (s, last - s->str);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  g_string_append (s, ellipsis);
  return g_string_free (s, FALSE);
}

/**
 * tri_slide_fit_text:
 * @width: the box's width
 * @max_lines: at most this many lines
 * @max_height: and no taller than this
 * @shortened: (out): whether the text had to be cut
 *
 * Lays @text out wrapped to @width. When it is longer than @max_lines
 * lines or @max_height, it is cut at a word boundary (between words, or
 * between characters where the script breaks lines there, as Chinese
 * does) and ends in an ellipsis; only a single word longer than a line is
 * cut inside it.
 *
 * Returns: (transfer full) (nullable): the layout, or NULL when not even
 *   one line fits
 */
PangoLayout *
tri_slide_fit_text (cairo_t    *cr,
                    const char *text,
                    const char *lang,
                    double      px,
                    gboolean    bold,
                    gboolean    italic,
                    double      width,
                    int         max_lines,
                    double      max_height,
                    gboolean   *shortened)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) bottoms = NULL;
  g_autofree PangoLogAttr *attrs = NULL;
  const PangoLogAttr *layout_attrs;
  PangoLayoutLine *line;
  int n_attrs, n = 0;
  glong end_char;

  *shortened = FALSE;
  if (text == NULL || *text == '\0' || max_lines < 1 || width < 1)
    return NULL;

  layout = tri_text_layout (cr, text, px, bold, lang);
  if (italic)
    {
      PangoFontDescription *desc = pango_font_description_copy (pango_layout_get_font_description (layout));

      pango_font_description_set_style (desc, PANGO_STYLE_ITALIC);
      pango_layout_set_font_description (layout, desc);
      pango_font_description_free (desc);
    }
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  if (fits (layout, max_lines, max_height))
    return g_steal_pointer (&layout);

  /* how many lines there is room for */
  bottoms = line_bottoms (layout);
  for (guint i = 0; i < bottoms->len && (int) i < max_lines; i++)
    if ((double) g_array_index (bottoms, int, i) / PANGO_SCALE <= max_height + 0.01)
      n = i + 1;
  if (n == 0)
    return NULL;

  /* the text up to the end of the last of them, then back to a boundary */
  line = pango_layout_get_line_readonly (layout, n - 1);
  end_char = g_utf8_pointer_to_offset (text, text + line->start_index + line->length);
  layout_attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  attrs = g_memdup2 (layout_attrs, sizeof (PangoLogAttr) * n_attrs);

  *shortened = TRUE;
  for (int pass = 0; pass < 2; pass++)
    for (glong p = MIN (end_char, n_attrs - 1); p > 0; p--)
      {
        g_autofree char *candidate = NULL;

        /* first pass: where a line may break (a word boundary); then, for
         * a word longer than the line, any character */
        if (pass == 0 ? !attrs[p].is_line_break : !attrs[p].is_cursor_position)
          continue;
        candidate = shortened_text (text, p);
        if (candidate == NULL)
          continue;
        pango_layout_set_text (layout, candidate, -1);
        if (fits (layout, n, max_height))
          return g_steal_pointer (&layout);
      }
  return NULL;
}

static void
record (TriSlideLayout *layout,
        const char     *role,
        PangoLayout    *text,
        double          x,
        double          y,
        double          width,
        const TriRect  *region,
        gboolean        shortened)
{
  PangoRectangle logical;
  TriSlideBox box = { 0 };

  pango_layout_get_extents (text, NULL, &logical);
  box.role = role;
  box.rect = (TriRect) { x, y, width, (double) logical.height / PANGO_SCALE };
  box.region = *region;
  box.text_width = (double) (logical.x + logical.width) / PANGO_SCALE;
  box.text_height = (double) (logical.y + logical.height) / PANGO_SCALE;
  box.shortened = shortened;
  box.text = g_strdup (pango_layout_get_text (text));
  g_array_append_val (layout->boxes, box);
}

typedef struct
{
  TriSlideLayout *slide;
  const TriRect  *region;
} TriangleTexts;

static void
record_triangle_text (const char  *role,
                      PangoLayout *text,
                      double       x,
                      double       y,
                      double       width,
                      gpointer     user_data)
{
  TriangleTexts *t = user_data;

  record (t->slide, role, text, t->region->x + x, t->region->y + y, width, t->region,
          pango_layout_is_ellipsized (text));
}

/**
 * tri_slide_draw_triangle:
 * @region: where the triangle goes, as large as it was laid out
 *
 * Draws @triangle at @region's top-left and records each of its texts
 * (names, side labels, legend) in @slide->boxes, as a text of the slide's
 * own, so what the triangle prints is checked as the rest is.
 */
void
tri_slide_draw_triangle (TriSlideLayout    *slide,
                         const TriRect     *region,
                         TriTriangleLayout *triangle,
                         cairo_t           *cr,
                         const TriTheme    *theme)
{
  TriangleTexts t = { slide, region };

  cairo_save (cr);
  cairo_translate (cr, region->x, region->y);
  tri_triangle_render_full (triangle, cr, theme, record_triangle_text, &t);
  cairo_restore (cr);
}

/* Draws @text into @width at (@x, @y), at most @max_lines lines and never
 * below @bottom, records its box, and returns the height used (0 when
 * nothing fits). */
static double
paragraph (TriSlideLayout *slide,
           const char     *role,
           const TriRect  *region,
           cairo_t        *cr,
           const char     *text,
           const char     *lang,
           double          px,
           gboolean        bold,
           gboolean        italic,
           guint32         color,
           double          x,
           double          y,
           double          width,
           int             max_lines,
           double          bottom)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  gboolean shortened;

  if (bottom - y < 1)
    return 0;
  layout = tri_slide_fit_text (cr, text, lang, px, bold, italic, width, max_lines, bottom - y, &shortened);
  if (layout == NULL)
    return 0;

  tri_set_source_rgb (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  record (slide, role, layout, x, y, width, region, shortened);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/**
 * tri_slide_draw_text:
 *
 * Draws @text wrapped into @width at (@x, @y), at most @max_lines lines
 * and never below @bottom (shortened at a word with an ellipsis when it
 * does not fit), and records its box with @role and @region in
 * @slide->boxes, in the slide's reference units.
 *
 * Returns: the height used; 0 when nothing fits
 */
double
tri_slide_draw_text (TriSlideLayout *slide,
                     const char     *role,
                     const TriRect  *region,
                     cairo_t        *cr,
                     const char     *text,
                     const char     *lang,
                     double          px,
                     gboolean        bold,
                     gboolean        italic,
                     guint32         color,
                     double          x,
                     double          y,
                     double          width,
                     int             max_lines,
                     double          bottom)
{
  return paragraph (slide, role, region, cr, text, lang, px, bold, italic, color, x, y, width,
                    max_lines, bottom);
}

/* The height @text takes, wrapped to @width, at most @max_lines lines */
static double
measure (cairo_t    *cr,
         const char *text,
         const char *lang,
         double      px,
         gboolean    bold,
         double      width,
         int         max_lines)
{
  g_autoptr(PangoLayout) layout = NULL;
  gboolean shortened;
  PangoRectangle logical;

  layout = tri_slide_fit_text (cr, text, lang, px, bold, FALSE, width, max_lines, G_MAXDOUBLE, &shortened);
  if (layout == NULL)
    return 0;
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
clear_box (gpointer data)
{
  g_free (((TriSlideBox *) data)->text);
}

typedef struct
{
  double margin, title_px, as_of_px, foot_px;
  int    title_lines;
} Frame;

static void
frame_for (TriSlideKind  kind,
           double        ref_height,
           Frame        *f)
{
  if (kind == TRI_SLIDE_BRIEFING)
    *f = (Frame) { MARGIN, TITLE_PX, AS_OF_PX, FOOT_PX, 2 };
  else
    /* a small view keeps its room for the drawing: no title under 300 px */
    *f = (Frame) { FRAME_MARGIN, FRAME_TITLE_PX, FRAME_AS_OF_PX, FRAME_FOOT_PX, ref_height >= 300 ? 2 : 0 };
}

/**
 * tri_slide_layout_new:
 * @kind: the briefing slide, or a view framed for export alone
 * @content: its texts: the title's and the "as of" line's heights shape
 *   the layout
 */
TriSlideLayout *
tri_slide_layout_new (TriSlideKind           kind,
                      double                 width,
                      double                 height,
                      const TriSlideContent *content)
{
  TriSlideLayout *layout = g_new0 (TriSlideLayout, 1);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double w, h, title_h = 0, judgement_h = 0, as_of_h, footer_h, body_y, body_h, inner;
  Frame f;

  layout->kind = kind;
  layout->width = width;
  layout->height = height;
  layout->boxes = g_array_new (FALSE, FALSE, sizeof (TriSlideBox));
  g_array_set_clear_func (layout->boxes, clear_box);
  layout->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_quote_free);
  if (kind == TRI_SLIDE_BRIEFING)
    {
      layout->ref_width = w = REF_WIDTH;
      layout->ref_height = h = REF_WIDTH * height / MAX (width, 1);
    }
  else
    {
      layout->ref_width = w = width;
      layout->ref_height = h = height;
    }
  layout->scale = width / w;
  frame_for (kind, h, &f);
  inner = w - 2 * f.margin;

  if (f.title_lines > 0)
    title_h = measure (cr, content->title, content->lang, f.title_px, TRUE, inner, f.title_lines);
  if (kind == TRI_SLIDE_BRIEFING && content->judgement != NULL && *content->judgement != '\0')
    judgement_h = measure (cr, content->judgement, content->lang, JUDGEMENT_PX, FALSE,
                           inner - JUDGEMENT_INDENT, 2) + JUDGEMENT_PX * 0.3;
  as_of_h = measure (cr, content->as_of, content->lang, f.as_of_px, FALSE, inner, 2);
  /* whole units, so a framed view's drawing starts on a pixel */
  layout->header = (TriRect) { f.margin, round (f.margin * 0.6), inner,
                               ceil (title_h + (title_h > 0 ? f.as_of_px * 0.3 : 0) + judgement_h + as_of_h) };

  /* two lines of sources; the mark sits beside them */
  footer_h = ceil (f.foot_px * 1.45) * 2 + 2;
  layout->footer = (TriRect) { f.margin, floor (h - f.margin * 0.4 - footer_h), inner, footer_h };

  body_y = layout->header.y + layout->header.height + (kind == TRI_SLIDE_BRIEFING ? GAP * 0.75 : 8);
  body_h = MAX (0, layout->footer.y - (kind == TRI_SLIDE_BRIEFING ? GAP * 0.75 : 6) - body_y);

  switch (kind)
    {
    case TRI_SLIDE_TRIANGLE:
      layout->type_scale = 1;
      layout->triangle = (TriRect) { f.margin, body_y, inner, body_h };
      break;
    case TRI_SLIDE_TIMELINE:
      layout->type_scale = layout->timeline_type_scale = 1;
      layout->timeline = (TriRect) { f.margin, body_y, inner, body_h };
      break;
    case TRI_SLIDE_BRIEFING:
    default:
      layout->type_scale = TRIANGLE_TYPE_SCALE;
      layout->timeline_type_scale = TIMELINE_TYPE_SCALE;
      if (h / w < 0.6)
        {
          /* a wide screen (16:9): the triangle takes the left column to
           * its full height, big enough to read from the back of a room;
           * the evidence and the timeline share the right */
          double triangle_w = (inner - GAP) * 0.45;
          double right_x = f.margin + triangle_w + GAP, right_w = inner - triangle_w - GAP;
          /* the narrower strip needs the height for its labels, its axis
           * and a legend that may wrap (Vietnamese, Russian) */
          double timeline_h = MIN (MAX (body_h * 0.4, TIMELINE_MIN_H), body_h * 0.5);
          double upper_h = MAX (0, body_h - timeline_h - GAP);

          /* the triangle's type grows with its canvas: a little less of it */
          layout->type_scale = WIDE_TRIANGLE_TYPE_SCALE;
          layout->triangle = (TriRect) { f.margin, body_y, triangle_w, body_h };
          layout->evidence = (TriRect) { right_x, body_y, right_w, upper_h };
          layout->timeline = (TriRect) { right_x, body_y + upper_h + GAP, right_w, timeline_h };
        }
      else
        {
          /* taller pages (4:3, A4): the timeline across the foot, the
           * triangle three fifths of the width above it, the evidence the
           * rest */
          double timeline_h = MIN (MAX (body_h * 0.3, TIMELINE_MIN_H), body_h * 0.5);
          double upper_h = MAX (0, body_h - timeline_h - GAP);
          double triangle_w = (inner - GAP) * 0.58;

          layout->triangle = (TriRect) { f.margin, body_y, triangle_w, upper_h };
          layout->evidence = (TriRect) { f.margin + triangle_w + GAP, body_y, inner - triangle_w - GAP, upper_h };
          layout->timeline = (TriRect) { f.margin, body_y + upper_h + GAP, inner, timeline_h };
        }
      break;
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return layout;
}

/**
 * tri_slide_layout_new_blank:
 * @ref_width: the width of the reference units its texts are placed in
 *
 * A layout with no regions, for a renderer that places its own texts
 * (the deck's slides) with tri_slide_draw_text().
 */
TriSlideLayout *
tri_slide_layout_new_blank (double width,
                            double height,
                            double ref_width)
{
  TriSlideLayout *layout = g_new0 (TriSlideLayout, 1);

  layout->kind = TRI_SLIDE_BRIEFING;
  layout->width = width;
  layout->height = height;
  layout->ref_width = ref_width;
  layout->ref_height = ref_width * height / MAX (width, 1);
  layout->scale = width / ref_width;
  layout->boxes = g_array_new (FALSE, FALSE, sizeof (TriSlideBox));
  g_array_set_clear_func (layout->boxes, clear_box);
  layout->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_quote_free);
  return layout;
}

void
tri_slide_layout_free (TriSlideLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->boxes);
  g_ptr_array_unref (layout->notes);
  g_free (layout);
}

void
tri_slide_content_clear (TriSlideContent *content)
{
  g_clear_pointer (&content->title, g_free);
  g_clear_pointer (&content->judgement, g_free);
  g_clear_pointer (&content->as_of, g_free);
  g_clear_pointer (&content->heading, g_free);
  g_clear_pointer (&content->subheading, g_free);
  g_clear_pointer (&content->text, g_free);
  g_clear_pointer (&content->quotes, g_ptr_array_unref);
  g_clear_pointer (&content->quote_langs, g_ptr_array_unref);
  g_clear_pointer (&content->footnote, g_free);
}

/**
 * tri_slide_note_mark:
 * @number: the quote's number on its slide, from 1
 *
 * The mark a quote's citation starts with on a slide, and that the
 * evidence table of a deck gives the same quote: "[2]". The slide numbers
 * the quotes it draws (tri_slide_render() keeps them in layout->notes).
 */
char *
tri_slide_note_mark (guint       number,
                     const char *lang)
{
  /* Translators: a quote's note number on a slide and in the evidence table, "[2]" */
  return g_strdup_printf (D_(lang, "[%u]"), number);
}

static char *
compose_citation (const char *source,
                  const char *published,
                  const char *claim,
                  const char *lang)
{
  if (published == NULL)
    /* Translators: a quote's citation on a slide: source · claim type */
    return g_strdup_printf (D_(lang, "%s · %s"), source, claim);
  /* Translators: a quote's citation on a slide: source · publication date · claim type */
  return g_strdup_printf (D_(lang, "%s · %s · %s"), source, published, claim);
}

/* A quote's citation: its source, the source's publication date, the
 * quote's claim type ("not stated" when the briefing does not say), its
 * grade ("B2", "ungraded") and "not verified" when it is not. When
 * it is longer than two lines of @width, the source's title is shortened
 * to one, never the date, the claim or the grade. */
static char *
citation (cairo_t        *cr,
          const TriQuote *q,
          const char     *lang,
          double          width,
          guint           number)
{
  g_autofree char *claim = NULL;
  g_autofree char *published = NULL;
  g_autofree char *full = NULL;
  g_autoptr(PangoLayout) fitted = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *marked = NULL;
  const char *source = q->source_title && *q->source_title ? q->source_title : D_(lang, "Unnamed source");
  gboolean shortened;

  g_autofree char *grade = tri_quote_grade_label (q, lang);
  const char *unverified = tri_quote_unverified_label (q, TRUE, lang);

  /* Translators: a quote's claim type on a slide, e.g. "claim: official" */
  claim = g_strdup_printf (D_(lang, "claim: %s"), tri_claim_label (q->claim, lang));
  /* its Admiralty grade after it, "claim: official · B2", and, when the
   * quote was not checked against its source's text, "· not verified" */
  {
    /* Translators: a quote's claim type and its grade on a slide, e.g. "claim: fact · B2" */
    g_autofree char *graded = g_strdup_printf (D_(lang, "%s · %s"), claim, grade);

    g_free (claim);
    claim = unverified ? g_strdup_printf (D_(lang, "%s · %s"), graded, unverified) : g_steal_pointer (&graded);
  }
  if (q->source_date.earliest != 0)
    {
      g_autofree char *date = tri_date_label (&q->source_date, lang);
      /* Translators: when a quote's source was published, e.g. "published 12 Jun 2024" */
      published = g_strdup_printf (D_(lang, "published %s"), date);
    }

  /* its note number first, "[2] ": what the deck's evidence table cites */
  mark = tri_slide_note_mark (number, lang);
  source = marked = g_strdup_printf ("%s %s", mark, source);
  full = compose_citation (source, published, claim, lang);
  fitted = tri_slide_fit_text (cr, full, lang, CITE_PX, FALSE, FALSE, width, 2, G_MAXDOUBLE, &shortened);
  if (fitted != NULL && !shortened)
    return g_steal_pointer (&full);

  title = tri_slide_fit_text (cr, source, lang, CITE_PX, FALSE, FALSE, width, 1, G_MAXDOUBLE, &shortened);
  return compose_citation (title ? pango_layout_get_text (title) : source, published, claim, lang);
}

/* The evidence's text: paragraphs (one a side of the triangle) between
 * blank lines. Every paragraph is drawn, each in its own box: at @px when
 * all of them fit in @max_lines lines above @bottom, else at the largest
 * size down to BODY_MIN_PX where they do, else at that size with each
 * shortened at a word to its share of the lines. None is dropped for
 * another's sake. Returns the height used. */
static double
evidence_text (TriSlideLayout *layout,
               const TriRect  *region,
               cairo_t        *cr,
               const char     *text,
               const char     *lang,
               double          px,
               guint32         color,
               double          x,
               double          y,
               double          width,
               int             max_lines,
               double          bottom)
{
  g_auto(GStrv) split = g_strsplit (text != NULL ? text : "", "\n\n", -1);
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree int *share = NULL;
  double top = y, size = px, gap = 0;
  gboolean whole = FALSE;
  guint n;

  for (guint i = 0; split[i] != NULL; i++)
    if (*g_strstrip (split[i]) != '\0')
      g_ptr_array_add (paragraphs, split[i]);
  n = paragraphs->len;
  if (n == 0)
    return 0;
  share = g_new0 (int, n);

  /* the largest size at which every paragraph fits whole */
  for (size = px;; size = MAX (size - 1, BODY_MIN_PX))
    {
      double h = 0;
      int total = 0;

      g_ptr_array_set_size (lines, 0);
      gap = size * 0.7;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PangoLayout) full = NULL;
          gboolean cut;

          full = tri_slide_fit_text (cr, paragraphs->pdata[i], lang, size, FALSE, FALSE, width, G_MAXINT,
                                     G_MAXDOUBLE, &cut);
          if (full == NULL)
            return 0;
          g_ptr_array_add (lines, line_bottoms (full));
          share[i] = ((GArray *) lines->pdata[i])->len;
          total += share[i];
          h += (double) g_array_index ((GArray *) lines->pdata[i], int, share[i] - 1) / PANGO_SCALE;
        }
      whole = total <= max_lines && y + h + gap * (n - 1) <= bottom + 0.01;
      if (whole || size <= BODY_MIN_PX)
        break;
    }
  /* else each paragraph gets lines in turn, one at a time, while there is
   * room: each keeps at least its first line, with the side it is about */
  if (!whole)
    {
      double room = bottom - y - gap * (n - 1), used = 0;
      int total = 0;
      gboolean grew = TRUE;

      memset (share, 0, sizeof (int) * n);
      while (grew)
        {
          grew = FALSE;
          for (guint i = 0; i < n && total < max_lines; i++)
            {
              GArray *b = lines->pdata[i];
              double line_h;

              if (share[i] >= (int) b->len)
                continue;
              line_h = (double) (g_array_index (b, int, share[i]) - (share[i] > 0 ? g_array_index (b, int, share[i] - 1) : 0))
                       / PANGO_SCALE;
              if (used + line_h > room + 0.01)
                continue;
              used += line_h;
              share[i]++;
              total++;
              grew = TRUE;
            }
        }
    }

  for (guint i = 0; i < n; i++)
    {
      double used;

      if (share[i] == 0)
        continue;
      used = paragraph (layout, "text", region, cr, paragraphs->pdata[i], lang, size, FALSE, FALSE, color, x, y,
                        width, share[i], bottom);
      if (used > 0)
        y += used + gap;
    }
  return MAX (0, y - gap - top);
}

static void
render_evidence (TriSlideLayout        *layout,
                 const TriSlideContent *content,
                 cairo_t               *cr,
                 const TriTheme        *theme)
{
  const TriRect *r = &layout->evidence;
  const double bottom = r->y + r->height;
  const double x = r->x + 24, width = r->width - 24;
  const double qx = r->x + 44, qwidth = r->width - 44;
  gboolean have_quotes = content->quotes != NULL && content->quotes->len > 0;
  double y = r->y + 4, used;

  /* a rule on the left, as the panel has on screen */
  tri_set_source_rgb (cr, theme->rule);
  cairo_rectangle (cr, r->x, r->y, 2, r->height);
  cairo_fill (cr);

  used = paragraph (layout, "heading", r, cr, content->heading, content->lang, HEADING_PX, TRUE, FALSE,
                    theme->text, x, y, width, 2, bottom);
  y += used ? used + 8 : 0;
  used = paragraph (layout, "subheading", r, cr, content->subheading, content->lang, BODY_PX, FALSE, FALSE,
                    theme->muted, x, y, width, 2, bottom);
  y += used ? used + 8 : 0;
  used = evidence_text (layout, r, cr, content->text, content->lang, BODY_PX, theme->muted, x, y, width,
                        have_quotes ? 4 : 12, bottom);
  y += used ? used + 20 : 0;

  for (guint i = 0; have_quotes && i < content->quotes->len; i++)
    {
      const TriQuote *q = g_ptr_array_index (content->quotes, i);
      const char *qlang = g_ptr_array_index (content->quote_langs, i);
      gboolean translated = q->translation != NULL && *q->translation != '\0' &&
                            g_strcmp0 (qlang, content->lang) != 0;
      /* what the room reads: the translation; the original under it */
      const char *main_text = translated ? q->translation : q->text;
      const char *main_lang = translated ? content->lang : qlang;
      g_autofree char *cite = citation (cr, q, content->lang, qwidth, layout->notes->len + 1);
      gboolean shortened;
      g_autoptr(PangoLayout) cite_layout = NULL;
      double cite_h, main_h, orig_h = 0, top = y, line_h = QUOTE_PX * 1.5, words_bottom;
      PangoRectangle logical;
      g_autofree char *later = tri_quote_published_later (q, content->as_of_day, content->lang);
      g_autoptr(PangoLayout) later_layout = NULL;
      double later_h = 0;

      /* the citation is never dropped: a quote goes only with room for it
       * and at least one line of its words */
      cite_layout = tri_slide_fit_text (cr, cite, content->lang, CITE_PX, FALSE, FALSE, qwidth, CITE_LINES,
                                        bottom - y, &shortened);
      if (cite_layout == NULL)
        break;
      pango_layout_get_extents (cite_layout, NULL, &logical);
      cite_h = ceil ((double) logical.height / PANGO_SCALE);
      /* hindsight: a source published after "as of" says so, in words */
      if (later != NULL)
        {
          later_layout = tri_slide_fit_text (cr, later, content->lang, CITE_PX, TRUE, FALSE, qwidth, 1,
                                             bottom - y, &shortened);
          if (later_layout == NULL)
            break;
          pango_layout_get_extents (later_layout, NULL, &logical);
          later_h = ceil ((double) logical.height / PANGO_SCALE) + 4;
        }
      /* the quote's words end above the citation, the note and their gaps */
      words_bottom = bottom - cite_h - later_h - 8;
      if (words_bottom - y < line_h)
        break;

      main_h = paragraph (layout, "quote", r, cr, main_text, main_lang, QUOTE_PX, FALSE, !translated,
                          theme->text, qx, y, qwidth, 4, words_bottom);
      if (main_h == 0)
        break;
      y += main_h + 4;
      if (translated)
        {
          orig_h = paragraph (layout, "original", r, cr, q->text, qlang, ORIGINAL_PX, FALSE, TRUE,
                              theme->muted, qx, y, qwidth, 2, words_bottom);
          y += orig_h ? orig_h + 4 : 0;
        }
      y = MIN (y, words_bottom + 4) + 2;
      used = paragraph (layout, "citation", r, cr, cite, content->lang, CITE_PX, FALSE, FALSE,
                        theme->muted, qx, y, qwidth, CITE_LINES, bottom);
      y += used;
      if (later != NULL)
        y += 4 + paragraph (layout, "published-later", r, cr, later, content->lang, CITE_PX, TRUE, FALSE,
                            theme->stance[TRI_STANCE_TENSION], qx, y + 4, qwidth, 1, bottom);

      /* a quote's bar beside it: dashed, in the tension colour, for hindsight */
      tri_set_source_rgb (cr, later ? theme->stance[TRI_STANCE_TENSION] : theme->stance[TRI_STANCE_NEUTRAL]);
      if (later != NULL)
        for (double t = top; t < y; t += 10)
          cairo_rectangle (cr, r->x + 24, t, 4, MIN (6, y - t));
      else
        cairo_rectangle (cr, r->x + 24, top, 4, MAX (0, y - top));
      cairo_fill (cr);
      y += 22;
      /* drawn, so numbered: the next one is the next note */
      g_ptr_array_add (layout->notes, tri_quote_copy (q));
    }
}

void
tri_slide_render (TriSlideLayout        *layout,
                  const TriSlideContent *content,
                  TriTriangleLayout     *triangle,
                  TriTimelineLayout     *timeline,
                  cairo_t               *cr,
                  const TriTheme        *theme)
{
  const TriRect *hd = &layout->header, *ft = &layout->footer;
  g_autoptr(PangoLayout) mark = NULL;
  gboolean shortened;
  double title_h = 0, mark_w;
  PangoRectangle logical;
  Frame f;

  g_array_set_size (layout->boxes, 0);
  g_ptr_array_set_size (layout->notes, 0);
  frame_for (layout->kind, layout->ref_height, &f);

  cairo_save (cr);
  cairo_scale (cr, layout->scale, layout->scale);

  tri_set_source_rgb (cr, theme->background);
  cairo_rectangle (cr, 0, 0, layout->ref_width, layout->ref_height);
  cairo_fill (cr);

  /* header: the title, and under it "as of" with its period */
  if (f.title_lines > 0)
    title_h = paragraph (layout, "title", hd, cr, content->title, content->lang, f.title_px, TRUE, FALSE,
                         theme->text, hd->x, hd->y, hd->width, f.title_lines, hd->y + hd->height);
  if (title_h > 0)
    title_h += f.as_of_px * 0.3;
  /* the key judgement: the one line the room should take away */
  if (layout->kind == TRI_SLIDE_BRIEFING && content->judgement != NULL && *content->judgement != '\0')
    {
      double used = paragraph (layout, "judgement", hd, cr, content->judgement, content->lang, JUDGEMENT_PX,
                               FALSE, FALSE, theme->text, hd->x + JUDGEMENT_INDENT, hd->y + title_h,
                               hd->width - JUDGEMENT_INDENT, 2, hd->y + hd->height);

      if (used > 0)
        {
          tri_set_source_rgb (cr, theme->cursor);
          cairo_rectangle (cr, hd->x, hd->y + title_h + 4, 6, used - 8);
          cairo_fill (cr);
          title_h += used + JUDGEMENT_PX * 0.3;
        }
    }
  paragraph (layout, "as-of", hd, cr, content->as_of, content->lang, f.as_of_px, FALSE, FALSE, theme->muted,
             hd->x, hd->y + title_h, hd->width, 2, hd->y + hd->height + 1);

  if (triangle != NULL && layout->triangle.width > 0 && layout->triangle.height > 0)
    tri_slide_draw_triangle (layout, &layout->triangle, triangle, cr, theme);

  if (layout->evidence.width > 0 && layout->evidence.height > 0)
    render_evidence (layout, content, cr, theme);

  if (timeline != NULL && layout->timeline.width > 0 && layout->timeline.height > 0)
    {
      cairo_save (cr);
      cairo_translate (cr, layout->timeline.x, layout->timeline.y);
      tri_timeline_render (timeline, cr, theme);
      cairo_restore (cr);
    }

  /* footer: the sources, and the tool's name */
  mark = tri_slide_fit_text (cr, MARK, NULL, f.foot_px, TRUE, FALSE, ft->width, 1, ft->height, &shortened);
  pango_layout_get_extents (mark, NULL, &logical);
  mark_w = ceil ((double) (logical.x + logical.width) / PANGO_SCALE);
  {
    double my = ft->y + ft->height - (double) logical.height / PANGO_SCALE;

    tri_set_source_rgb (cr, theme->muted);
    cairo_move_to (cr, ft->x + ft->width - mark_w, my);
    pango_cairo_show_layout (cr, mark);
    cairo_new_path (cr);
    record (layout, "mark", mark, ft->x + ft->width - mark_w, my, mark_w, ft, FALSE);
  }
  paragraph (layout, "footnote", ft, cr, content->footnote, content->lang, f.foot_px, FALSE, FALSE,
             theme->muted, ft->x, ft->y, ft->width - mark_w - 40, 2, ft->y + ft->height);

  cairo_restore (cr);
}
