/* tri-slide.h: the briefing slide, composed of the other renderers
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

/* Laid out at a reference width of 1920 units (the height follows the
 * aspect), then scaled to the requested size: the same slide at any size. */
typedef struct
{
  double  width, height;      /* the requested size */
  double  ref_width, ref_height;
  double  scale;              /* requested / reference */
  double  type_scale;         /* for the triangle and timeline inside */
  TriRect header;
  TriRect triangle;
  TriRect evidence;
  TriRect timeline;
  TriRect footer;
} TriSlideLayout;

typedef struct
{
  char       *title;
  char       *as_of;
  const char *lang;
  char       *heading;        /* the evidence box */
  char       *subheading;
  char       *text;
  GPtrArray  *quotes;         /* of TriQuote, at most three */
  GPtrArray  *quote_langs;    /* the language of each quote's source */
  guint32     as_of_day;      /* "as of": a source published after it is flagged */
  char       *footnote;       /* the sources of the evidence shown */
} TriSlideContent;

TriSlideLayout *tri_slide_layout_new     (double                 width,
                                          double                 height);
void            tri_slide_layout_free    (TriSlideLayout        *layout);
void            tri_slide_content_clear  (TriSlideContent       *content);
void            tri_slide_render         (TriSlideLayout        *layout,
                                          const TriSlideContent *content,
                                          TriTriangleLayout     *triangle,
                                          TriTimelineLayout     *timeline,
                                          cairo_t               *cr,
                                          const TriTheme        *theme);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriSlideLayout, tri_slide_layout_free)

G_END_DECLS
