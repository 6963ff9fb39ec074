/* tri-deck.h: a briefing's decks of slides, and its markings, as the
 * store hands them to the renderer, the exports and the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tri-date.h"

G_BEGIN_DECLS

typedef enum
{
  TRI_DECK_SLIDE_VIEW = 0,   /* a saved view of the window, drawn as the briefing slide */
  TRI_DECK_SLIDE_TEXT,       /* a title and short paragraphs */
  TRI_DECK_SLIDE_COMPARE,    /* the triangle as of two dates, side by side */
  TRI_DECK_SLIDE_TREND,      /* each side's volume and balance of stances per period */
  TRI_N_DECK_SLIDE_KINDS
} TriDeckSlideKind;

typedef enum
{
  TRI_TREND_QUARTER = 0,
  TRI_TREND_YEAR,
} TriTrendStep;

typedef enum
{
  TRI_TREND_MULTIPLES = 0,   /* one small chart per side */
  TRI_TREND_STRIP,           /* one strip per side, stacked */
} TriTrendStyle;

/* One slide. Texts are in the language asked for, falling back to
 * English, then to the language they were written in. A view slide uses
 * the view fields; a compare slide draws the view as of compare_from and
 * as of as_of; a trend slide spans trend_from .. trend_to (Trilateral day
 * numbers, both included). Every kind keeps the view's frame: window,
 * selection, other actors, language. */
typedef struct
{
  gint64            id;
  TriDeckSlideKind  kind;
  char             *title;          /* never NULL (may be "") */
  char             *judgement;      /* the key-judgement line drawn on the slide; may be NULL */
  char             *notes;          /* presenter notes, never drawn on the slide; may be NULL */
  char             *body;           /* text slide: paragraphs separated by "\n\n"; may be NULL */

  /* the view */
  guint32           as_of;          /* a day (tri_day_from_iso ()); 0: the briefing's default as of */
  guint             window_months;  /* 0: all time */
  char             *relation;       /* the selected side, "RUS-PRK", or NULL */
  char             *actor;          /* the selected country, "PRK", or NULL */
  gint64            event;          /* the selected event, or 0 */
  double            range_start;    /* the timeline's range, fractional days; */
  double            range_end;      /*   0, 0: the window's default */
  gboolean          show_others;    /* the other actors around the triangle */
  char             *lang;           /* the data language of this slide, or NULL: follow the deck */
  char             *filter;         /* what the view shows, tri_filter_to_string (); NULL: everything */

  /* compare */
  guint32           compare_from;   /* the earlier date; as_of is the later one */

  /* trend */
  guint32           trend_from;
  guint32           trend_to;
  TriTrendStep      trend_step;
  TriTrendStyle     trend_style;
} TriDeckSlide;

typedef struct
{
  gint64      id;
  char       *name;     /* unique in the briefing; what --deck NAME finds */
  GPtrArray  *slides;   /* of TriDeckSlide, in order */
} TriDeck;

/* Drawn on every slide and exported page. Any may be NULL (not drawn). */
typedef struct
{
  char *marking;   /* the classification or handling line, top and bottom */
  char *author;
  char *prepared;  /* the date prepared, as written by the user */
  char *version;
} TriMarkings;

/* The most a briefing holds, and the longest texts of a slide (and of
 * each marking), in characters: what the store reads, the document and
 * tri-compile write */
#define TRI_DECK_MAX_DECKS 200
#define TRI_DECK_MAX_SLIDES 1000
#define TRI_DECK_MAX_NAME 200
#define TRI_DECK_MAX_TITLE 400
#define TRI_DECK_MAX_TEXT 6000
#define TRI_DECK_MAX_WINDOW_MONTHS 1200

TriDeckSlide     *tri_deck_slide_new          (TriDeckSlideKind     kind);
TriDeckSlide     *tri_deck_slide_copy         (const TriDeckSlide  *slide);
void              tri_deck_slide_free         (TriDeckSlide        *slide);
void              tri_deck_free               (TriDeck             *deck);
void              tri_markings_clear          (TriMarkings         *markings);
gboolean          tri_markings_is_empty       (const TriMarkings   *markings);

const char       *tri_deck_slide_kind_to_string   (TriDeckSlideKind  kind);   /* "view", "text", "compare", "trend" */
gboolean          tri_deck_slide_kind_from_string (const char       *text,
                                                   TriDeckSlideKind *kind);
const char       *tri_trend_step_to_string        (TriTrendStep      step);   /* "quarter", "year" */
gboolean          tri_trend_step_from_string      (const char       *text,
                                                   TriTrendStep     *step);
const char       *tri_trend_style_to_string       (TriTrendStyle     style);  /* "multiples", "strip" */
gboolean          tri_trend_style_from_string     (const char       *text,
                                                   TriTrendStyle    *style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriDeckSlide, tri_deck_slide_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriDeck, tri_deck_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TriMarkings, tri_markings_clear)

G_END_DECLS
