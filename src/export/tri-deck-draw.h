/* tri-deck-draw.h: one slide of a deck, drawn at any size, for the window,
 * the presenter and every deck export alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "render/tri-slide.h"
#include "store/tri-deck.h"
#include "store/tri-store.h"

G_BEGIN_DECLS

typedef struct
{
  int          width;     /* in pixels at 96 dpi (PDF: 3/4 of it in points) */
  int          height;
  gboolean     dark;
  const char  *lang;      /* the deck's data language; a slide's own lang wins */
  const TriMarkings *markings;  /* drawn top and bottom; may be NULL */
  guint        number;    /* the slide's number in its deck, from 1 (drawn in the footer); 0: none */
  guint        count;     /* the deck's number of slides */
} TriDeckDrawOptions;

/* Draws @slide into @cr, which is @options->width × height. Everything
 * drawn is in the slide's language (its own, else @options->lang). */
void     tri_deck_draw_slide      (TriStore                 *store,
                                   const TriDeckSlide       *slide,
                                   const TriDeckDrawOptions *options,
                                   cairo_t                  *cr);

/* The same, returning every text it placed (in reference units of a
 * 1920-wide page, with its region), for tests and hit-testing */
TriSlideLayout *tri_deck_draw_slide_layout (TriStore                 *store,
                                            const TriDeckSlide       *slide,
                                            const TriDeckDrawOptions *options,
                                            cairo_t                  *cr);

/* The language a slide is drawn in */
const char *tri_deck_slide_lang   (const TriDeckSlide       *slide,
                                   const TriDeckDrawOptions *options);

G_END_DECLS
