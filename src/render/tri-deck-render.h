/* tri-deck-render.h: the deck's own slides (text, compare, trend) and the
 * frame every slide of a deck carries (markings, author, number)
 *
 * GTK-free. Everything is placed in the reference units of a 1920-wide
 * slide (TriSlideLayout's ref_width) and recorded in its boxes, so a test
 * can check that nothing is clipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tri-deck.h"
#include "store/tri-state.h"
#include "store/tri-trend.h"
#include "tri-slide.h"

G_BEGIN_DECLS

#define TRI_DECK_REF_WIDTH 1920.0

typedef struct
{
  const char        *lang;
  const TriMarkings *markings;   /* may be NULL */
  guint              number;     /* from 1; 0: not drawn */
  guint              count;
} TriDeckFrame;

/* The region left for the slide inside the frame, in reference units */
void   tri_deck_frame_content   (TriSlideLayout       *slide,
                                 const TriDeckFrame   *frame,
                                 TriRect              *content);
/* The background, the markings top and bottom, the footer */
void   tri_deck_frame_render    (TriSlideLayout       *slide,
                                 const TriDeckFrame   *frame,
                                 cairo_t              *cr,
                                 const TriTheme       *theme);

/* The title and the key judgement at the top of @region; returns the
 * height used */
double tri_deck_header_render   (TriSlideLayout       *slide,
                                 const TriRect        *region,
                                 const char           *title,
                                 const char           *judgement,
                                 const char           *lang,
                                 cairo_t              *cr,
                                 const TriTheme       *theme);

/* A text slide: title, key judgement, and the body's paragraphs
 * (separated by "\n\n") in the largest type that fits */
void   tri_deck_text_render     (TriSlideLayout       *slide,
                                 const TriRect        *region,
                                 const TriDeckSlide   *deck_slide,
                                 const char           *lang,
                                 cairo_t              *cr,
                                 const TriTheme       *theme);

/* A compare slide: the triangle as of two dates side by side, and each
 * side's change in words and marks */
typedef struct
{
  const char        *title;
  const char        *judgement;
  const char        *before_caption;   /* "As of: the 12 months to 1 Jan 2022" */
  const char        *after_caption;
  TriTriangleLayout *before;           /* laid out at tri_deck_compare_triangle_size () */
  TriTriangleLayout *after;
  int                change_lines;     /* 1 or 2: tri_deck_compare_lines () */
} TriDeckCompare;

void   tri_deck_compare_triangle_size (TriSlideLayout *slide,
                                       const TriRect  *region,
                                       const char     *title,
                                       const char     *judgement,
                                       const char     *lang,
                                       int             change_lines,
                                       double         *width,
                                       double         *height);
int    tri_deck_compare_lines   (TriSlideLayout       *slide,
                                 const TriRect        *region,
                                 const TriDeckCompare *compare,
                                 const char           *lang);
void   tri_deck_compare_render  (TriSlideLayout       *slide,
                                 const TriRect        *region,
                                 const TriDeckCompare *compare,
                                 const char           *lang,
                                 cairo_t              *cr,
                                 const TriTheme       *theme);

/* "Russia – North Korea: 4 → 29 events, mostly tension → mostly
 * cooperation" */
char  *tri_compare_describe     (const TriEdgeState   *before,
                                 const TriEdgeState   *after,
                                 const char           *a,
                                 const char           *b,
                                 const char           *lang);

/* A trend slide: each side's events per period, by stance */
typedef struct
{
  const char   *title;
  const char   *judgement;
  const char   *names[3];        /* "Russia – North Korea" */
  GArray       *periods[3];      /* of TriTrendPeriod, the same periods for each */
  guint         within[3];       /* each side's events certainly in the span (tri_trend_count ()) */
  guint         partly[3];       /* and those whose vague dates may fall in it */
  TriTrendStep  step;
  TriTrendStyle style;
} TriDeckTrend;

void   tri_deck_trend_render    (TriSlideLayout       *slide,
                                 const TriRect        *region,
                                 const TriDeckTrend   *trend,
                                 const char           *lang,
                                 cairo_t              *cr,
                                 const TriTheme       *theme);
char  *tri_trend_period_label   (const TriTrendPeriod *period,
                                 TriTrendStep          step,
                                 const char           *lang);

G_END_DECLS
