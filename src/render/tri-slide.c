/* tri-slide.c: the briefing slide, composed of the other renderers
 *
 *   Title                                        As of: the 12 months to …
 *   [ triangle with its legend ]                 [ evidence: the selection,
 *                                                  1–3 quotes ]
 *   [ timeline strip with the "as of" cursor ]
 *   Sources: …                                                  Trilateral
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-slide"

#include "config.h"

#include <math.h>

#include "tri-slide.h"
#include "tri-labels.h"

#define REF_WIDTH 1920.0
#define MARGIN 56.0
#define TITLE_PX 44.0
#define AS_OF_PX 22.0
#define HEADING_PX 28.0
#define BODY_PX 19.0
#define QUOTE_PX 18.0
#define FOOT_PX 14.0

TriSlideLayout *
tri_slide_layout_new (double width,
                      double height)
{
  TriSlideLayout *layout = g_new0 (TriSlideLayout, 1);
  double w, h, header_h = 72, footer_h = 52, gap = 28, body_h, timeline_h;

  layout->width = width;
  layout->height = height;
  layout->ref_width = w = REF_WIDTH;
  layout->ref_height = h = REF_WIDTH * height / MAX (width, 1);
  layout->scale = width / REF_WIDTH;
  layout->type_scale = 1.35;

  layout->header = (TriRect) { MARGIN, MARGIN - 12, w - 2 * MARGIN, header_h };
  layout->footer = (TriRect) { MARGIN, h - MARGIN / 2 - footer_h, w - 2 * MARGIN, footer_h };
  body_h = layout->footer.y - gap - (layout->header.y + header_h + gap / 2);
  /* room for six lanes of labelled events */
  timeline_h = MAX (body_h * 0.42, 220);
  layout->triangle = (TriRect) { MARGIN, layout->header.y + header_h + gap / 2,
                                 (w - 2 * MARGIN) * 0.58, body_h - timeline_h - gap };
  layout->evidence = (TriRect) { MARGIN + layout->triangle.width + gap, layout->triangle.y,
                                 w - 2 * MARGIN - layout->triangle.width - gap, layout->triangle.height };
  layout->timeline = (TriRect) { MARGIN, layout->triangle.y + layout->triangle.height + gap,
                                 w - 2 * MARGIN, timeline_h };
  return layout;
}

void
tri_slide_layout_free (TriSlideLayout *layout)
{
  g_free (layout);
}

void
tri_slide_content_clear (TriSlideContent *content)
{
  g_clear_pointer (&content->title, g_free);
  g_clear_pointer (&content->as_of, g_free);
  g_clear_pointer (&content->heading, g_free);
  g_clear_pointer (&content->subheading, g_free);
  g_clear_pointer (&content->text, g_free);
  g_clear_pointer (&content->quotes, g_ptr_array_unref);
  g_clear_pointer (&content->quote_langs, g_ptr_array_unref);
  g_clear_pointer (&content->footnote, g_free);
}

/* Draws @text wrapped to @width, at most @max_lines lines, and returns the
 * height used; never past @bottom. */
static double
paragraph (cairo_t        *cr,
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
  int w, h;

  if (text == NULL || *text == '\0' || y >= bottom)
    return 0;

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
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -MAX (1, max_lines));
  pango_layout_get_pixel_size (layout, &w, &h);
  if (y + h > bottom)
    {
      /* as many lines as fit */
      int line_h = MAX (1, h / MAX (1, pango_layout_get_line_count (layout)));
      int lines = (int) floor ((bottom - y) / line_h);

      if (lines < 1)
        return 0;
      pango_layout_set_height (layout, -lines);
      pango_layout_get_pixel_size (layout, &w, &h);
    }

  tri_set_source_rgb (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  return h;
}

static void
render_evidence (TriSlideLayout        *layout,
                 const TriSlideContent *content,
                 cairo_t               *cr,
                 const TriTheme        *theme)
{
  const TriRect *r = &layout->evidence;
  const double bottom = r->y + r->height;
  double y = r->y + 8;

  /* a rule on the left, as the panel has on screen */
  tri_set_source_rgb (cr, theme->rule);
  cairo_rectangle (cr, r->x, r->y, 2, r->height);
  cairo_fill (cr);

  y += paragraph (cr, content->heading, content->lang, HEADING_PX, TRUE, FALSE, theme->text,
                  r->x + 24, y, r->width - 24, 2, bottom) + 6;
  y += paragraph (cr, content->subheading, content->lang, BODY_PX, FALSE, FALSE, theme->muted,
                  r->x + 24, y, r->width - 24, 1, bottom) + 6;
  y += paragraph (cr, content->text, content->lang, BODY_PX, FALSE, FALSE, theme->muted,
                  r->x + 24, y, r->width - 24, 8, bottom) + 14;

  for (guint i = 0; content->quotes && i < content->quotes->len; i++)
    {
      const TriQuote *q = g_ptr_array_index (content->quotes, i);
      const char *qlang = g_ptr_array_index (content->quote_langs, i);
      g_autofree char *meta = tri_quote_describe_source (q, content->lang);
      g_autofree char *later = tri_quote_published_later (q, content->as_of_day, content->lang);
      double top = y;

      if (y + 3 * QUOTE_PX > bottom)
        break;
      y += paragraph (cr, q->text, qlang, QUOTE_PX, FALSE, TRUE, theme->text,
                      r->x + 40, y, r->width - 40, 4, bottom) + 4;
      if (q->translation != NULL && g_strcmp0 (qlang, content->lang) != 0)
        y += paragraph (cr, q->translation, content->lang, QUOTE_PX, FALSE, FALSE, theme->muted,
                        r->x + 40, y, r->width - 40, 3, bottom) + 4;
      y += paragraph (cr, meta, content->lang, FOOT_PX, FALSE, FALSE, theme->muted,
                      r->x + 40, y, r->width - 40, 2, bottom) + 4;
      /* hindsight: said in words, and its bar dashed in the tension colour */
      if (later != NULL)
        y += paragraph (cr, later, content->lang, FOOT_PX, TRUE, FALSE, theme->stance[TRI_STANCE_TENSION],
                        r->x + 40, y, r->width - 40, 1, bottom) + 4;
      y += 12;

      /* a quote's bar beside it */
      tri_set_source_rgb (cr, later ? theme->stance[TRI_STANCE_TENSION] : theme->stance[TRI_STANCE_NEUTRAL]);
      if (later != NULL)
        for (double t = top; t < y - 16; t += 10)
          cairo_rectangle (cr, r->x + 24, t, 4, MIN (6, y - 16 - t));
      else
        cairo_rectangle (cr, r->x + 24, top, 4, MAX (0, y - top - 16));
      cairo_fill (cr);
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
  g_autoptr(PangoLayout) as_of = NULL;
  g_autoptr(PangoLayout) mark = NULL;
  int w, h;

  cairo_save (cr);
  cairo_scale (cr, layout->scale, layout->scale);

  tri_set_source_rgb (cr, theme->background);
  cairo_rectangle (cr, 0, 0, layout->ref_width, layout->ref_height);
  cairo_fill (cr);

  /* header: the title, and "as of" to the right */
  as_of = tri_text_layout (cr, content->as_of, AS_OF_PX, FALSE, content->lang);
  pango_layout_get_pixel_size (as_of, &w, &h);
  tri_set_source_rgb (cr, theme->muted);
  cairo_move_to (cr, hd->x + hd->width - w, hd->y + (TITLE_PX * 1.4 - h) / 2 + 4);
  pango_cairo_show_layout (cr, as_of);
  cairo_new_path (cr);
  paragraph (cr, content->title, content->lang, TITLE_PX, TRUE, FALSE, theme->text,
             hd->x, hd->y, hd->width - w - 40, 1, hd->y + hd->height);

  cairo_save (cr);
  cairo_translate (cr, layout->triangle.x, layout->triangle.y);
  tri_triangle_render (triangle, cr, theme);
  cairo_restore (cr);

  render_evidence (layout, content, cr, theme);

  cairo_save (cr);
  cairo_translate (cr, layout->timeline.x, layout->timeline.y);
  tri_timeline_render (timeline, cr, theme);
  cairo_restore (cr);

  /* footer: the sources, and the tool's name */
  mark = tri_text_layout (cr, "Trilateral", FOOT_PX, TRUE, NULL);
  pango_layout_get_pixel_size (mark, &w, &h);
  tri_set_source_rgb (cr, theme->muted);
  cairo_move_to (cr, ft->x + ft->width - w, ft->y + ft->height - h);
  pango_cairo_show_layout (cr, mark);
  cairo_new_path (cr);
  paragraph (cr, content->footnote, content->lang, FOOT_PX, FALSE, FALSE, theme->muted,
             ft->x, ft->y + 6, ft->width - w - 40, 2, ft->y + ft->height + 4);

  cairo_restore (cr);
}
