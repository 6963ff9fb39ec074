/* tri-slide.h: the briefing slide, composed of the other renderers, and
 * the frame ("as of", period, sources) every other export carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tri-timeline.h"
#include "tri-triangle.h"

G_BEGIN_DECLS

typedef struct
{
  double x, y, width, height;
} TriRect;

typedef enum
{
  TRI_SLIDE_BRIEFING,   /* title, as of, triangle, evidence, timeline, sources */
  TRI_SLIDE_TRIANGLE,   /* the triangle alone, framed by as of and sources */
  TRI_SLIDE_TIMELINE,   /* the timeline alone, framed likewise */
} TriSlideKind;

/* One piece of text the slide placed: where (in reference units), inside
 * which region, the size of the text as laid out, and whether it had to be
 * shortened (at a word boundary, with an ellipsis). */
typedef struct
{
  const char *role;           /* "title", "as-of", "heading", "quote", "citation", … */
  char       *text;           /* as drawn: shortened ones end in "…" */
  TriRect     rect;
  TriRect     region;
  double      text_width;     /* the laid-out text's logical extents */
  double      text_height;
  gboolean    shortened;
} TriSlideBox;

/* Laid out at a reference width (1920 units for the briefing; the export's
 * own width for a framed view), then scaled to the requested size. */
typedef struct
{
  TriSlideKind kind;
  double  width, height;      /* the requested size */
  double  ref_width, ref_height;
  double  scale;              /* requested / reference */
  double  type_scale;         /* for the triangle inside */
  double  timeline_type_scale;
  TriRect header;
  TriRect triangle;           /* empty when not drawn */
  TriRect evidence;           /* empty when not drawn */
  TriRect timeline;           /* empty when not drawn */
  TriRect footer;
  GArray *boxes;              /* of TriSlideBox, every text drawn by the last render */
  GPtrArray *notes;           /* of TriQuote: the quotes the last render drew, in order: the
                               * quote marked "[n]" on the slide is notes[n - 1] */
} TriSlideLayout;

typedef struct
{
  char       *title;
  char       *judgement;      /* the key-judgement line under the title, or NULL */
  char       *as_of;          /* the "as of" line, with its period */
  const char *lang;
  char       *heading;        /* the evidence box */
  char       *subheading;
  char       *text;
  GPtrArray  *quotes;         /* of TriQuote, at most three */
  GPtrArray  *quote_langs;    /* the language of each quote's source */
  guint32     as_of_day;      /* "as of": a source published after it is flagged */
  char       *footnote;       /* the sources of the evidence shown */
} TriSlideContent;

TriSlideLayout *tri_slide_layout_new     (TriSlideKind           kind,
                                          double                 width,
                                          double                 height,
                                          const TriSlideContent *content);
TriSlideLayout *tri_slide_layout_new_blank (double             width,
                                          double                 height,
                                          double                 ref_width);
void            tri_slide_layout_free    (TriSlideLayout        *layout);
void            tri_slide_content_clear  (TriSlideContent       *content);
void            tri_slide_render         (TriSlideLayout        *layout,
                                          const TriSlideContent *content,
                                          TriTriangleLayout     *triangle,
                                          TriTimelineLayout     *timeline,
                                          cairo_t               *cr,
                                          const TriTheme        *theme);
PangoLayout    *tri_slide_fit_text       (cairo_t               *cr,
                                          const char            *text,
                                          const char            *lang,
                                          double                 px,
                                          gboolean               bold,
                                          gboolean               italic,
                                          double                 width,
                                          int                    max_lines,
                                          double                 max_height,
                                          gboolean              *shortened);

char           *tri_slide_note_mark      (guint                  number,
                                          const char            *lang);

double          tri_slide_draw_text      (TriSlideLayout        *slide,
                                          const char            *role,
                                          const TriRect         *region,
                                          cairo_t               *cr,
                                          const char            *text,
                                          const char            *lang,
                                          double                 px,
                                          gboolean               bold,
                                          gboolean               italic,
                                          guint32                color,
                                          double                 x,
                                          double                 y,
                                          double                 width,
                                          int                    max_lines,
                                          double                 bottom);

void            tri_slide_draw_triangle  (TriSlideLayout        *slide,
                                          const TriRect         *region,
                                          TriTriangleLayout     *triangle,
                                          cairo_t               *cr,
                                          const TriTheme        *theme);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriSlideLayout, tri_slide_layout_free)

G_END_DECLS
