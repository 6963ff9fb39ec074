/* tri-deck-render.c: the deck's own slides and the frame of every slide
 *
 *   UNCLASSIFIED // FOR TRAINING                      (the marking, top)
 *   Title
 *   ▌ Key judgement
 *   [ the slide: a briefing view, text, compare or trend ]
 *   ─────────────────────────────────────────────────────
 *   Prepared by … · 1 July 2024 · Version 1.0        3 / 12
 *   UNCLASSIFIED // FOR TRAINING                      (the marking, bottom)
 *
 * Type is sized for a room, as the briefing slide's: at 1920 × 1080 the
 * title is 50 px, a text slide's paragraphs 40 px down to 28 px, whatever
 * fits. What still does not fit is shortened at a word with an ellipsis,
 * never clipped; every text placed is recorded in the layout's boxes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-deck-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tri-catalog.h"
#include "tri-deck-render.h"
#include "tri-labels.h"

#define MARGIN 56.0
#define GAP 28.0
#define TITLE_PX 50.0
#define JUDGEMENT_PX 32.0
#define JUDGEMENT_INDENT 24.0
#define MARKING_PX 20.0
#define META_PX 18.0
#define CAPTION_PX 28.0
#define CHANGE_PX 26.0
#define LABEL_PX 21.0
#define AXIS_PX 18.0
/* a text slide's paragraphs: the largest of these that fits */
static const double body_sizes[] = { 40, 36, 32, 28 };
/* a readable measure for them: about 70 characters */
#define TEXT_MAX_WIDTH 1500.0

/* ---------------------------------------------------------------- frame */

static gboolean
has_text (const char *s)
{
  return s != NULL && *s != '\0';
}

static double
marking_band (const TriDeckFrame *frame)
{
  return frame->markings && has_text (frame->markings->marking) ? ceil (MARKING_PX * 1.45) + 14 : 0;
}

static gboolean
has_meta (const TriDeckFrame *frame)
{
  const TriMarkings *m = frame->markings;

  return frame->number > 0 ||
         (m && (has_text (m->author) || has_text (m->prepared) || has_text (m->version)));
}

static char *
meta_line (const TriMarkings *m,
           const char        *lang)
{
  GString *s = g_string_new (NULL);
  g_autofree char *prepared = NULL;
  TriDate date;

  if (m == NULL)
    return g_string_free (s, FALSE);
  /* a date in the stored form reads as the language writes dates
   * ("1 December 2026", "ngày 1 tháng 12 năm 2026"); other text as written */
  if (has_text (m->prepared))
    prepared = tri_date_parse (m->prepared, &date, NULL) ? tri_date_label (&date, lang) : g_strdup (m->prepared);
  if (has_text (m->author) && prepared != NULL)
    /* Translators: a deck's footer: who prepared the briefing and when: "Prepared by J. Doe, 1 July 2024" */
    g_string_append_printf (s, D_(lang, "Prepared by %s, %s"), m->author, prepared);
  else if (has_text (m->author))
    /* Translators: a deck's footer: who prepared the briefing */
    g_string_append_printf (s, D_(lang, "Prepared by %s"), m->author);
  else if (prepared != NULL)
    /* Translators: a deck's footer: the date the briefing was prepared, "Prepared 1 July 2024" */
    g_string_append_printf (s, D_(lang, "Prepared %s"), prepared);
  if (has_text (m->version))
    {
      if (s->len > 0)
        g_string_append (s, " · ");
      /* Translators: a deck's footer: the briefing's version, e.g. "Version 1.0" */
      g_string_append_printf (s, D_(lang, "Version %s"), m->version);
    }
  return g_string_free (s, FALSE);
}

static char *
number_text (const TriDeckFrame *frame)
{
  if (frame->number == 0)
    return NULL;
  /* Translators: a slide's number in its deck, "3 / 12" */
  return g_strdup_printf (D_(frame->lang, "%u / %u"), frame->number, MAX (frame->count, frame->number));
}

/* The width @text takes on one line */
static double
text_width (cairo_t    *cr,
            const char *text,
            const char *lang,
            double      px,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (!has_text (text))
    return 0;
  layout = tri_text_layout (cr, text, px, bold, lang);
  pango_layout_get_extents (layout, NULL, &logical);
  return ceil ((double) (logical.x + logical.width) / PANGO_SCALE) + 1;
}

/* The footer: one row (author and date left, the marking centred, the
 * number right) when the three fit side by side; else the marking on its
 * own row under the others */
typedef struct
{
  double     height;
  gboolean   one_row;
  double     meta_w, marking_w, number_w;
} Footer;

static void
footer_plan (TriSlideLayout     *slide,
             const TriDeckFrame *frame,
             Footer             *f)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *meta = meta_line (frame->markings, frame->lang);
  g_autofree char *number = number_text (frame);
  gboolean marking = marking_band (frame) > 0;
  double inner = slide->ref_width - 2 * MARGIN, half;

  memset (f, 0, sizeof *f);
  f->meta_w = text_width (cr, meta, frame->lang, META_PX, FALSE);
  f->number_w = text_width (cr, number, frame->lang, META_PX, TRUE);
  f->marking_w = marking ? text_width (cr, frame->markings->marking, frame->lang, MARKING_PX, TRUE) : 0;
  half = (inner - f->marking_w) / 2 - 32;
  f->one_row = !marking || !has_meta (frame) || (f->meta_w <= half && f->number_w <= half);
  if (marking && has_meta (frame) && !f->one_row)
    f->height = marking_band (frame) + ceil (META_PX * 1.45) + 4;
  else if (marking)
    f->height = marking_band (frame);
  else if (has_meta (frame))
    f->height = ceil (META_PX * 1.45) + 14;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

void
tri_deck_frame_content (TriSlideLayout     *slide,
                        const TriDeckFrame *frame,
                        TriRect            *content)
{
  double top = marking_band (frame);
  Footer f;

  footer_plan (slide, frame, &f);
  *content = (TriRect) { 0, top, slide->ref_width, MAX (0, slide->ref_height - top - f.height) };
}

/* @text centred in @region's width at @y, on one line (shortened when it
 * must be) */
static double
centred (TriSlideLayout *slide,
         const char     *role,
         const TriRect  *region,
         cairo_t        *cr,
         const char     *text,
         const char     *lang,
         double          px,
         gboolean        bold,
         guint32         color,
         double          y)
{
  double w = MIN (text_width (cr, text, lang, px, bold), region->width);

  return tri_slide_draw_text (slide, role, region, cr, text, lang, px, bold, FALSE, color,
                              region->x + (region->width - w) / 2, y, w, 1, region->y + region->height);
}

void
tri_deck_frame_render (TriSlideLayout     *slide,
                       const TriDeckFrame *frame,
                       cairo_t            *cr,
                       const TriTheme     *theme)
{
  double top = marking_band (frame);
  double w = slide->ref_width, h = slide->ref_height;
  const TriMarkings *m = frame->markings;
  Footer f;

  footer_plan (slide, frame, &f);
  cairo_save (cr);
  cairo_scale (cr, slide->scale, slide->scale);
  tri_set_source_rgb (cr, theme->background);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_fill (cr);

  if (top > 0)
    {
      TriRect band = { MARGIN, 0, w - 2 * MARGIN, top };

      centred (slide, "marking", &band, cr, m->marking, frame->lang, MARKING_PX, TRUE, theme->text, 7);
      tri_set_source_rgb (cr, theme->rule);
      cairo_rectangle (cr, 0, top - 2, w, 2);
      cairo_fill (cr);
    }

  if (f.height > 0)
    {
      double y = h - f.height;
      TriRect band = { MARGIN, y, w - 2 * MARGIN, f.height };
      /* the meta row's text sits on the marking's line when they share it */
      double meta_dy = f.one_row && top > 0 ? (MARKING_PX - META_PX) * 0.7 : 0;

      tri_set_source_rgb (cr, theme->rule);
      cairo_rectangle (cr, 0, y, w, 2);
      cairo_fill (cr);
      y += 7;

      if (has_meta (frame))
        {
          g_autofree char *meta = meta_line (m, frame->lang);
          g_autofree char *number = number_text (frame);
          double row_h = ceil (META_PX * 1.45);
          double meta_room = f.one_row && top > 0 ? (band.width - f.marking_w) / 2 - 32
                                                   : band.width - f.number_w - (f.number_w > 0 ? 40 : 0);

          if (number != NULL)
            tri_slide_draw_text (slide, "number", &band, cr, number, frame->lang, META_PX, TRUE, FALSE,
                                 theme->text, band.x + band.width - f.number_w, y + meta_dy, f.number_w, 1,
                                 y + meta_dy + row_h);
          if (has_text (meta))
            tri_slide_draw_text (slide, "meta", &band, cr, meta, frame->lang, META_PX, FALSE, FALSE,
                                 theme->muted, band.x, y + meta_dy, MIN (f.meta_w, meta_room), 1,
                                 y + meta_dy + row_h);
          if (!f.one_row)
            y += row_h + 4;
        }
      if (top > 0)
        centred (slide, "marking", &band, cr, m->marking, frame->lang, MARKING_PX, TRUE, theme->text, y);
    }
  cairo_restore (cr);
}

/* ---------------------------------------------------------------- header */

double
tri_deck_header_render (TriSlideLayout *slide,
                        const TriRect  *region,
                        const char     *title,
                        const char     *judgement,
                        const char     *lang,
                        cairo_t        *cr,
                        const TriTheme *theme)
{
  double x = region->x + MARGIN, width = region->width - 2 * MARGIN;
  double y = region->y + round (MARGIN * 0.6), bottom = region->y + region->height, used;

  used = tri_slide_draw_text (slide, "title", region, cr, title, lang, TITLE_PX, TRUE, FALSE, theme->text,
                              x, y, width, 2, bottom);
  y += used ? used + TITLE_PX * 0.3 : 0;
  if (has_text (judgement))
    {
      used = tri_slide_draw_text (slide, "judgement", region, cr, judgement, lang, JUDGEMENT_PX, FALSE, FALSE,
                                  theme->text, x + JUDGEMENT_INDENT, y, width - JUDGEMENT_INDENT, 2, bottom);
      if (used > 0)
        {
          tri_set_source_rgb (cr, theme->cursor);
          cairo_rectangle (cr, x, y + 4, 6, used - 8);
          cairo_fill (cr);
          y += used + JUDGEMENT_PX * 0.3;
        }
    }
  return y - region->y;
}

/* ---------------------------------------------------------------- text */

static GPtrArray *
split_paragraphs (const char *body)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (!has_text (body))
    return paragraphs;
  parts = g_strsplit (body, "\n\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *p = g_strstrip (g_strdup (parts[i]));

      /* a single line break stays one: a list typed line by line */
      if (*p != '\0')
        g_ptr_array_add (paragraphs, p);
      else
        g_free (p);
    }
  return paragraphs;
}

static double
measure_height_bold (cairo_t    *cr,
                     const char *text,
                     const char *lang,
                     double      px,
                     gboolean    bold,
                     double      width)
{
  g_autoptr(PangoLayout) layout = tri_text_layout (cr, text, px, bold, lang);
  PangoRectangle logical;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
measure_height (cairo_t    *cr,
                const char *text,
                const char *lang,
                double      px,
                double      width)
{
  return measure_height_bold (cr, text, lang, px, FALSE, width);
}

void
tri_deck_text_render (TriSlideLayout     *slide,
                      const TriRect      *region,
                      const TriDeckSlide *deck_slide,
                      const char         *lang,
                      cairo_t            *cr,
                      const TriTheme     *theme)
{
  g_autoptr(GPtrArray) paragraphs = split_paragraphs (deck_slide->body);
  double header_h, y, bottom, width, x, px = body_sizes[G_N_ELEMENTS (body_sizes) - 1];
  TriRect body;

  cairo_save (cr);
  cairo_scale (cr, slide->scale, slide->scale);
  header_h = tri_deck_header_render (slide, region, deck_slide->title, deck_slide->judgement, lang, cr, theme);

  x = region->x + MARGIN + 28;
  width = MIN (TEXT_MAX_WIDTH, region->width - 2 * MARGIN - 28);
  y = region->y + header_h + GAP;
  bottom = region->y + region->height - MARGIN * 0.6;
  body = (TriRect) { region->x + MARGIN, y, region->width - 2 * MARGIN, MAX (0, bottom - y) };

  /* the largest type in which every paragraph fits whole */
  for (guint s = 0; s < G_N_ELEMENTS (body_sizes); s++)
    {
      double total = 0;

      for (guint i = 0; i < paragraphs->len; i++)
        total += measure_height (cr, paragraphs->pdata[i], lang, body_sizes[s], width) +
                 (i > 0 ? body_sizes[s] * 0.9 : 0);
      if (total <= body.height)
        {
          px = body_sizes[s];
          break;
        }
    }

  for (guint i = 0; i < paragraphs->len; i++)
    {
      g_autofree char *rest = NULL;
      const char *text = paragraphs->pdata[i];
      double used, next_y = y + measure_height (cr, text, lang, px, width) + px * 0.9;

      /* no room for a line of the next: this one takes the rest of the
       * text, which is shortened at a word with an ellipsis, so the cut
       * shows and nothing is dropped unseen */
      if (i + 1 < paragraphs->len && next_y + px * 1.45 > bottom)
        {
          GString *joined = g_string_new (text);

          for (guint k = i + 1; k < paragraphs->len; k++)
            g_string_append_printf (joined, " %s", (const char *) paragraphs->pdata[k]);
          rest = g_string_free (joined, FALSE);
          text = rest;
        }
      used = tri_slide_draw_text (slide, "paragraph", &body, cr, text, lang, px, FALSE,
                                  FALSE, theme->text, x, y, width, 1000, bottom);
      if (used <= 0)
        break;
      /* each paragraph marked on its left, as a judgement in a list */
      tri_set_source_rgb (cr, theme->stance[TRI_STANCE_NEUTRAL]);
      cairo_rectangle (cr, x - 28, y + px * 0.25, 6, used - px * 0.5 > px * 0.6 ? used - px * 0.5 : px * 0.8);
      cairo_fill (cr);
      y += used + px * 0.9;
      if (rest != NULL)
        break;
    }
  cairo_restore (cr);
}

/* ---------------------------------------------------------------- compare */

/* the captions over the triangles and the three lines of change under them */
#define CAPTION_H (ceil (CAPTION_PX * 1.45) * 2 + 8)
#define CHANGE_ROW_H(lines) (ceil (CHANGE_PX * 1.45) * (lines) + 12)
#define MARK_W 200.0

static void
compare_regions (const TriRect *region,
                 double         header_h,
                 int            lines,
                 TriRect       *left,
                 TriRect       *right,
                 TriRect       *changes)
{
  double inner = region->width - 2 * MARGIN;
  double y = region->y + header_h + GAP * 0.5;
  double bottom = region->y + region->height - MARGIN * 0.4;
  double changes_h = 3 * CHANGE_ROW_H (lines);
  double col_w = (inner - GAP * 2) / 2;
  double tri_h = MAX (0, bottom - changes_h - GAP * 0.5 - y);

  *left = (TriRect) { region->x + MARGIN, y, col_w, tri_h };
  *right = (TriRect) { region->x + MARGIN + col_w + GAP * 2, y, col_w, tri_h };
  *changes = (TriRect) { region->x + MARGIN, bottom - changes_h, inner, changes_h };
}

/* the header's height as it will be drawn, without drawing it */
static double
header_height (TriSlideLayout *slide,
               const TriRect  *region,
               const char     *title,
               const char     *judgement,
               const char     *lang)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(TriSlideLayout) scratch = tri_slide_layout_new_blank (slide->width, slide->height, slide->ref_width);
  double h = tri_deck_header_render (scratch, region, title, judgement, lang, cr, tri_theme_get (FALSE));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return h;
}

void
tri_deck_compare_triangle_size (TriSlideLayout *slide,
                                const TriRect  *region,
                                const char     *title,
                                const char     *judgement,
                                const char     *lang,
                                int             change_lines,
                                double         *width,
                                double         *height)
{
  TriRect left, right, changes;

  compare_regions (region, header_height (slide, region, title, judgement, lang), change_lines, &left, &right,
                   &changes);
  *width = left.width;
  *height = MAX (0, left.height - CAPTION_H);
}

char *
tri_compare_describe (const TriEdgeState *before,
                      const TriEdgeState *after,
                      const char         *a,
                      const char         *b,
                      const char         *lang)
{
  /* Translators: how a side changed between two dates: "4 → 29 events"; the plural follows the later number */
  g_autofree char *counts = g_strdup_printf (DN_ (lang, "%d → %d event", "%d → %d events", after->n_events),
                                             before->n_events, after->n_events);
  const char *was = tri_edge_trend_label (before, lang);
  const char *now = tri_edge_trend_label (after, lang);

  if (before->n_events == 0 && after->n_events == 0)
    /* Translators: a side with no events at either of two dates: "China – North Korea: no events" */
    return g_strdup_printf (D_(lang, "%s – %s: no events"), a, b);
  if (before->n_events == 0)
    /* Translators: a side with no events at the first of two dates, the balance at the
     * second: "China – North Korea: 0 → 1 event, mostly cooperation" */
    return g_strdup_printf (D_(lang, "%s – %s: %s, %s"), a, b, counts, now);
  if (after->n_events == 0)
    /* Translators: a side whose events all fell out of the window by the second date:
     * "China – North Korea: 3 → 0 events" */
    return g_strdup_printf (D_(lang, "%s – %s: %s"), a, b, counts);
  if (g_strcmp0 (was, now) == 0)
    /* Translators: a side's change between two dates whose balance stayed the same:
     * "Russia – China: 12 → 15 events, mostly cooperation throughout" */
    return g_strdup_printf (D_(lang, "%s – %s: %s, %s throughout"), a, b, counts, now);
  /* Translators: a side's change between two dates:
   * "Russia – North Korea: 4 → 29 events, mostly tension → mostly cooperation" */
  return g_strdup_printf (D_(lang, "%s – %s: %s, %s → %s"), a, b, counts, was, now);
}

/* a side as the triangle draws it: its thickness, colour and dashes */
static void
edge_mark (cairo_t             *cr,
           const TriEdgeLayout *e,
           const TriTheme      *theme,
           double               x,
           double               y,
           double               length)
{
  double width = MAX (e->width, 1.5);
  guint32 color = e->empty ? tri_color_mix (theme->background, theme->muted, 0.35) : e->color;

  cairo_save (cr);
  tri_set_source_rgb (cr, color);
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (e->dashed)
    {
      double dash[] = { width * 2.2, width * 1.4 };
      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + length, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static const TriEdgeLayout *
find_side (TriTriangleLayout *layout,
           gint64             relation_id)
{
  int index = tri_triangle_layout_find_edge (layout, relation_id);

  return index >= 0 ? g_ptr_array_index (layout->edges, index) : NULL;
}

/**
 * tri_deck_compare_lines:
 *
 * The lines each side's change needs, 1 or 2: the words of the longest,
 * wrapped to their column, so the triangles take the rest
 */
int
tri_deck_compare_lines (TriSlideLayout       *slide,
                        const TriRect        *region,
                        const TriDeckCompare *compare,
                        const char           *lang)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double width = region->width - 2 * MARGIN - MARK_W - 24;
  int lines = 1;

  for (guint i = 0; compare->after != NULL && compare->before != NULL && i < compare->after->edges->len; i++)
    {
      const TriEdgeLayout *now = g_ptr_array_index (compare->after->edges, i);
      const TriEdgeLayout *was = now->other ? NULL : find_side (compare->before, now->relation_id);
      g_autofree char *words = NULL;

      if (was == NULL)
        continue;
      words = tri_compare_describe (&was->state, &now->state,
                                    ((TriNodeLayout *) g_ptr_array_index (compare->after->nodes, now->a))->name,
                                    ((TriNodeLayout *) g_ptr_array_index (compare->after->nodes, now->b))->name,
                                    lang);
      if (measure_height (cr, words, lang, CHANGE_PX, width) > ceil (CHANGE_PX * 1.45) + 1)
        lines = 2;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return lines;
}

void
tri_deck_compare_render (TriSlideLayout       *slide,
                         const TriRect        *region,
                         const TriDeckCompare *compare,
                         const char           *lang,
                         cairo_t              *cr,
                         const TriTheme       *theme)
{
  TriRect left, right, changes;
  double header_h, y;

  cairo_save (cr);
  cairo_scale (cr, slide->scale, slide->scale);
  header_h = tri_deck_header_render (slide, region, compare->title, compare->judgement, lang, cr, theme);
  compare_regions (region, header_h, compare->change_lines, &left, &right, &changes);

  for (int side = 0; side < 2; side++)
    {
      const TriRect *col = side == 0 ? &left : &right;
      TriTriangleLayout *triangle = side == 0 ? compare->before : compare->after;
      TriRect caption = { col->x, col->y, col->width, CAPTION_H };

      tri_slide_draw_text (slide, "caption", &caption, cr, side == 0 ? compare->before_caption : compare->after_caption,
                           lang, CAPTION_PX, TRUE, FALSE, theme->text, col->x, col->y, col->width, 2,
                           col->y + CAPTION_H);
      if (triangle != NULL)
        {
          TriRect canvas = { col->x, col->y + CAPTION_H, triangle->width, triangle->height };

          tri_slide_draw_triangle (slide, &canvas, triangle, cr, theme);
        }
    }
  /* between the two: a rule, the earlier on its left */
  tri_set_source_rgb (cr, theme->rule);
  cairo_rectangle (cr, left.x + left.width + GAP - 1, left.y, 2, left.height);
  cairo_fill (cr);

  /* each side's change, in words and marks */
  y = changes.y;
  for (guint i = 0; compare->after != NULL && compare->before != NULL && i < compare->after->edges->len; i++)
    {
      const TriEdgeLayout *now = g_ptr_array_index (compare->after->edges, i);
      const TriEdgeLayout *was;
      const TriNodeLayout *a, *b;
      g_autofree char *words = NULL;
      double cy = y + CHANGE_PX * 0.75, arrow_x;

      if (now->other)
        continue;
      was = find_side (compare->before, now->relation_id);
      if (was == NULL)
        continue;
      a = g_ptr_array_index (compare->after->nodes, now->a);
      b = g_ptr_array_index (compare->after->nodes, now->b);
      words = tri_compare_describe (&was->state, &now->state, a->name, b->name, lang);

      edge_mark (cr, was, theme, changes.x, cy, MARK_W * 0.38);
      arrow_x = changes.x + MARK_W * 0.38 + 12;
      tri_set_source_rgb (cr, theme->muted);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, arrow_x, cy);
      cairo_line_to (cr, arrow_x + 18, cy);
      cairo_stroke (cr);
      cairo_move_to (cr, arrow_x + 24, cy);
      cairo_line_to (cr, arrow_x + 14, cy - 6);
      cairo_line_to (cr, arrow_x + 14, cy + 6);
      cairo_close_path (cr);
      cairo_fill (cr);
      edge_mark (cr, now, theme, arrow_x + 36, cy, MARK_W * 0.38);

      tri_slide_draw_text (slide, "change", &changes, cr, words, lang, CHANGE_PX, FALSE, FALSE, theme->text,
                           changes.x + MARK_W + 24, y, changes.width - MARK_W - 24, compare->change_lines,
                           y + CHANGE_ROW_H (compare->change_lines) - 6);
      y += CHANGE_ROW_H (compare->change_lines);
    }
  cairo_restore (cr);
}

/* ---------------------------------------------------------------- trend */

char *
tri_trend_period_label (const TriTrendPeriod *period,
                        TriTrendStep          step,
                        const char           *lang)
{
  /* as the timeline's ticks write them: "Q2", "II кв.", "第二季度" */
  return tri_tick_label (period->start, step == TRI_TREND_YEAR || period->quarter == 0 ? TRI_TICK_YEAR
                                                                                       : TRI_TICK_QUARTER,
                         FALSE, lang);
}

/* 1, 2, 5, 10, 20, 50 …: the smallest at or above @v */
static double
nice_ceiling (double v)
{
  double p;

  if (v <= 1)
    return 1;
  p = pow (10, floor (log10 (v)));
  if (v <= p)
    return p;
  if (v <= 2 * p)
    return 2 * p;
  if (v <= 5 * p)
    return 5 * p;
  return 10 * p;
}

/* A count, whole or to a tenth (vague events are spread), with the
 * language's decimal sign: "27.5", "27,5" */
static char *
format_count (double      n,
              const char *lang)
{
  char *text;

  if (fabs (n - round (n)) < 0.05)
    return g_strdup_printf ("%.0f", n);
  text = g_strdup_printf ("%.1f", n);
  lang = tri_lang_normalize (lang);
  if (g_str_equal (lang, "ru") || g_str_equal (lang, "vi"))
    g_strdelimit (text, ".", ',');
  return text;
}

/* a bar's stance, patterned as well as coloured: tension hatched,
 * neutral light, cooperation solid, so a greyscale print keeps them apart */
static void
stance_fill (cairo_t        *cr,
             const TriTheme *theme,
             TriStance       stance,
             double          x,
             double          y,
             double          w,
             double          h)
{
  if (h <= 0 || w <= 0)
    return;
  tri_set_source_rgb (cr, stance == TRI_STANCE_NEUTRAL ? tri_color_mix (theme->stance[stance], theme->background, 0.35)
                                                       : theme->stance[stance]);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  if (stance == TRI_STANCE_TENSION)
    {
      cairo_save (cr);
      cairo_rectangle (cr, x, y, w, h);
      cairo_clip (cr);
      tri_set_source_rgb (cr, theme->background);
      cairo_set_line_width (cr, 2);
      for (double t = -h; t < w; t += 9)
        {
          cairo_move_to (cr, x + t, y + h);
          cairo_line_to (cr, x + t + h, y);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

/* One side's chart: bars of events per period, stacked by stance, on the
 * scale shared by the three sides; axis labels when @labels */
static void
trend_chart (TriSlideLayout *slide,
             const TriRect  *box,
             GArray         *periods,
             TriTrendStep    step,
             double          max,
             gboolean        labels,
             const char     *lang,
             cairo_t        *cr,
             const TriTheme *theme)
{
  double axis_w = 0, label_h = labels ? ceil (AXIS_PX * 1.45) * (step == TRI_TREND_QUARTER ? 2 : 1) + 6 : 0;
  double plot_x, plot_w, plot_y = box->y + ceil (AXIS_PX * 1.45) + 2, plot_h, slot;
  int last_year = G_MININT;
  double last_year_end = -G_MAXDOUBLE;
  gboolean numbers = FALSE;

  /* the scale on the left: 0, half and the top */
  for (int k = 0; k <= 2; k++)
    {
      g_autofree char *n = format_count (max * k / 2, lang);

      axis_w = MAX (axis_w, text_width (cr, n, lang, AXIS_PX, FALSE));
    }
  axis_w += 8;
  plot_x = box->x + axis_w;
  plot_w = MAX (0, box->width - axis_w);
  plot_h = MAX (0, box->y + box->height - label_h - plot_y);
  if (periods == NULL || periods->len == 0 || plot_h < 4)
    return;
  slot = plot_w / periods->len;
  /* one way for all the chart's quarters: their names, or their numbers
   * when a name has no room */
  for (guint p = 0; labels && step == TRI_TREND_QUARTER && p < periods->len && !numbers; p++)
    {
      g_autofree char *label = tri_trend_period_label (&g_array_index (periods, TriTrendPeriod, p), step, lang);

      numbers = text_width (cr, label, lang, AXIS_PX, FALSE) > slot - 4;
    }

  for (int k = 0; k <= 2; k++)
    {
      g_autofree char *n = format_count (max * k / 2, lang);
      double gy = plot_y + plot_h - plot_h * k / 2, nw = text_width (cr, n, lang, AXIS_PX, FALSE);

      tri_set_source_rgb (cr, theme->rule);
      cairo_rectangle (cr, plot_x, gy - (k == 0 ? 1 : 0.5), plot_w, k == 0 ? 2 : 1);
      cairo_fill (cr);
      tri_slide_draw_text (slide, "axis", box, cr, n, lang, AXIS_PX, FALSE, FALSE, theme->muted,
                           plot_x - 8 - nw, MAX (box->y, gy - AXIS_PX * 0.75), nw, 1, box->y + box->height);
    }

  for (guint p = 0; p < periods->len; p++)
    {
      const TriTrendPeriod *period = &g_array_index (periods, TriTrendPeriod, p);
      const TriStance order[] = { TRI_STANCE_COOPERATION, TRI_STANCE_NEUTRAL, TRI_STANCE_TENSION };
      double bx = plot_x + slot * p + slot * 0.15, bw = slot * 0.7, base = plot_y + plot_h;

      for (guint s = 0; s < G_N_ELEMENTS (order); s++)
        {
          double bh = max > 0 ? plot_h * period->by_stance[order[s]] / max : 0;

          stance_fill (cr, theme, order[s], bx, base - bh, bw, bh);
          base -= bh;
        }
      /* the number over its bar, where there is room for it */
      if (period->events >= 0.05)
        {
          g_autofree char *n = format_count (period->events, lang);
          double nw = text_width (cr, n, lang, AXIS_PX, FALSE);

          if (nw <= slot)
            tri_slide_draw_text (slide, "value", box, cr, n, lang, AXIS_PX, FALSE, FALSE, theme->text,
                                 plot_x + slot * p + (slot - nw) / 2, base - 2 - ceil (AXIS_PX * 1.45), nw, 1,
                                 base - 1);
        }

      if (labels)
        {
          g_autofree char *label = tri_trend_period_label (period, step, lang);
          double lw = text_width (cr, label, lang, AXIS_PX, FALSE);
          double ly = plot_y + plot_h + 4;

          /* where "Quý 1" has no room, the quarters' numbers under their year */
          if (numbers)
            {
              g_free (label);
              label = g_strdup_printf ("%d", period->quarter);
              lw = text_width (cr, label, lang, AXIS_PX, FALSE);
            }
          /* a label only where there is room for it */
          if (lw <= slot - 4)
            tri_slide_draw_text (slide, "axis", box, cr, label, lang, AXIS_PX, FALSE, FALSE, theme->muted,
                                   plot_x + slot * p + (slot - lw) / 2, ly, lw, 1, box->y + box->height);
          if (step == TRI_TREND_QUARTER && period->year != last_year)
            {
              g_autofree char *year = tri_tick_label (period->start, TRI_TICK_YEAR, FALSE, lang);
              double yw = text_width (cr, year, lang, AXIS_PX, TRUE);
              double yx = plot_x + slot * p + 2;

              if (yx >= last_year_end && yx + yw <= box->x + box->width)
                {
                  tri_slide_draw_text (slide, "axis", box, cr, year, lang, AXIS_PX, TRUE, FALSE, theme->text,
                                       yx, ly + ceil (AXIS_PX * 1.45), yw, 1, box->y + box->height);
                  last_year_end = yx + yw + 8;
                }
              last_year = period->year;
              /* a tick where the year begins */
              tri_set_source_rgb (cr, theme->rule);
              cairo_rectangle (cr, plot_x + slot * p, plot_y + plot_h, 1, label_h);
              cairo_fill (cr);
            }
        }
    }
}

static double
trend_legend (TriSlideLayout *slide,
              const TriRect  *box,
              TriTrendStep    step,
              const char     *lang,
              cairo_t        *cr,
              const TriTheme *theme)
{
  const TriStance order[] = { TRI_STANCE_COOPERATION, TRI_STANCE_NEUTRAL, TRI_STANCE_TENSION };
  double x = box->x, y = box->y, sw = LABEL_PX * 1.2, used;
  const char *note = step == TRI_TREND_YEAR
    /* Translators: under a trend chart */
    ? D_(lang, "Events per year, by stance. An event known only to a month, a year or a span is spread evenly over its possible days, never put on its first.")
    /* Translators: under a trend chart */
    : D_(lang, "Events per quarter, by stance. An event known only to a month, a year or a span is spread evenly over its possible days, never put on its first.");

  for (guint s = 0; s < G_N_ELEMENTS (order); s++)
    {
      const char *name = tri_stance_label (order[s], lang);
      double nw = text_width (cr, name, lang, LABEL_PX, FALSE);

      stance_fill (cr, theme, order[s], x, y + LABEL_PX * 0.25, sw, sw);
      tri_slide_draw_text (slide, "legend", box, cr, name, lang, LABEL_PX, FALSE, FALSE, theme->text,
                           x + sw + 8, y, MIN (nw, box->x + box->width - x - sw - 8), 1, box->y + box->height);
      x += sw + 8 + nw + 28;
    }
  y += ceil (LABEL_PX * 1.45) + 4;
  used = tri_slide_draw_text (slide, "legend", box, cr, note, lang, LABEL_PX, FALSE, FALSE, theme->muted,
                              box->x, y, box->width, 2, box->y + box->height);
  return y + used - box->y;
}

void
tri_deck_trend_render (TriSlideLayout     *slide,
                       const TriRect      *region,
                       const TriDeckTrend *trend,
                       const char         *lang,
                       cairo_t            *cr,
                       const TriTheme     *theme)
{
  double header_h, max = 0, y, bottom, inner = region->width - 2 * MARGIN, legend_h;
  TriRect legend;

  cairo_save (cr);
  cairo_scale (cr, slide->scale, slide->scale);
  header_h = tri_deck_header_render (slide, region, trend->title, trend->judgement, lang, cr, theme);

  for (int s = 0; s < 3; s++)
    for (guint p = 0; trend->periods[s] && p < trend->periods[s]->len; p++)
      max = MAX (max, g_array_index (trend->periods[s], TriTrendPeriod, p).events);
  max = nice_ceiling (max);

  bottom = region->y + region->height - MARGIN * 0.4;
  legend_h = ceil (LABEL_PX * 1.45) * 3 + 8;
  legend = (TriRect) { region->x + MARGIN, bottom - legend_h, inner, legend_h };
  trend_legend (slide, &legend, trend->step, lang, cr, theme);
  y = region->y + header_h + GAP * 0.5;
  bottom = legend.y - GAP;

  {
    char *names[3];
    double caption_h = ceil (CAPTION_PX * 1.45);
    double col_w = (inner - GAP * 2 * 2) / 3;

    for (int s = 0; s < 3; s++)
      {
        guint least = trend->within[s], most = trend->within[s] + trend->partly[s];
        g_autofree char *count = NULL;

        /* whole events, never a spread share: "31 events", or "27–28 events"
         * when the vague dates of some may fall outside the span */
        if (least == most)
          /* Translators: a side's number of events over a trend's span, "31 events" */
          count = g_strdup_printf (DN_ (lang, "%u event", "%u events", most), most);
        else
          /* Translators: a side's number of events over a trend's span when some have vague
           * dates that may fall outside it: at least 27, at most 28, "27–28 events"; the
           * plural follows the larger number */
          count = g_strdup_printf (DN_ (lang, "%u–%u event", "%u–%u events", most), least, most);

        /* Translators: a trend chart's heading: a side and its number of events, "Russia – China · 31 events" */
        names[s] = g_strdup_printf (D_(lang, "%s · %s"), trend->names[s] ? trend->names[s] : "", count);
        /* the small multiples' headings share one height: the tallest (at most two lines) */
        if (trend->style == TRI_TREND_MULTIPLES)
          caption_h = MAX (caption_h, MIN (measure_height_bold (cr, names[s], lang, CAPTION_PX, TRUE, col_w),
                                           ceil (CAPTION_PX * 1.45) * 2));
      }
    caption_h = ceil (caption_h) + 6;

    for (int s = 0; s < 3; s++)
      {
        TriRect panel, chart;

        if (trend->style == TRI_TREND_STRIP)
          {
            double row_h = (bottom - y - GAP * 2) / 3;
            double top = y + s * (row_h + GAP);

            panel = (TriRect) { region->x + MARGIN, top, inner, row_h };
            chart = (TriRect) { panel.x, top + caption_h, inner, MAX (0, row_h - caption_h) };
          }
        else
          {
            double left = region->x + MARGIN + s * (col_w + GAP * 2);

            panel = (TriRect) { left, y, col_w, bottom - y };
            chart = (TriRect) { left, y + caption_h, col_w, MAX (0, bottom - y - caption_h) };
          }
        tri_slide_draw_text (slide, "caption", &panel, cr, names[s], lang, CAPTION_PX, TRUE, FALSE, theme->text,
                             panel.x, panel.y, panel.width, trend->style == TRI_TREND_STRIP ? 1 : 2,
                             panel.y + caption_h);
        trend_chart (slide, &chart, trend->periods[s], trend->step, max, TRUE, lang, cr, theme);
        g_free (names[s]);
      }
  }
  cairo_restore (cr);
}
