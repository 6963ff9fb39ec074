/* tri-deck.c: a briefing's decks of slides, and its markings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-deck"

#include "config.h"

#include <string.h>

#include "tri-deck.h"

/**
 * tri_deck_slide_new:
 *
 * Returns: (transfer full): a slide of @kind with the view's defaults: the
 *   briefing's default as of, a window of 12 months, nothing selected, an
 *   empty title
 */
TriDeckSlide *
tri_deck_slide_new (TriDeckSlideKind kind)
{
  TriDeckSlide *slide = g_new0 (TriDeckSlide, 1);

  slide->kind = kind < TRI_N_DECK_SLIDE_KINDS ? kind : TRI_DECK_SLIDE_VIEW;
  slide->title = g_strdup ("");
  slide->window_months = 12;
  slide->trend_step = TRI_TREND_QUARTER;
  slide->trend_style = TRI_TREND_MULTIPLES;
  return slide;
}

TriDeckSlide *
tri_deck_slide_copy (const TriDeckSlide *slide)
{
  TriDeckSlide *copy;

  if (slide == NULL)
    return NULL;
  copy = g_memdup2 (slide, sizeof *slide);
  copy->title = g_strdup (slide->title ? slide->title : "");
  copy->judgement = g_strdup (slide->judgement);
  copy->notes = g_strdup (slide->notes);
  copy->body = g_strdup (slide->body);
  copy->relation = g_strdup (slide->relation);
  copy->actor = g_strdup (slide->actor);
  copy->lang = g_strdup (slide->lang);
  copy->filter = g_strdup (slide->filter);
  return copy;
}

void
tri_deck_slide_free (TriDeckSlide *slide)
{
  if (slide == NULL)
    return;
  g_free (slide->title);
  g_free (slide->judgement);
  g_free (slide->notes);
  g_free (slide->body);
  g_free (slide->relation);
  g_free (slide->actor);
  g_free (slide->lang);
  g_free (slide->filter);
  g_free (slide);
}

void
tri_deck_free (TriDeck *deck)
{
  if (deck == NULL)
    return;
  g_free (deck->name);
  g_clear_pointer (&deck->slides, g_ptr_array_unref);
  g_free (deck);
}

void
tri_markings_clear (TriMarkings *markings)
{
  if (markings == NULL)
    return;
  g_clear_pointer (&markings->marking, g_free);
  g_clear_pointer (&markings->author, g_free);
  g_clear_pointer (&markings->prepared, g_free);
  g_clear_pointer (&markings->version, g_free);
}

static gboolean
empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/**
 * tri_markings_is_empty:
 *
 * Returns: whether nothing of @markings would be drawn
 */
gboolean
tri_markings_is_empty (const TriMarkings *markings)
{
  return markings == NULL ||
         (empty (markings->marking) && empty (markings->author) &&
          empty (markings->prepared) && empty (markings->version));
}

static const char * const kinds[TRI_N_DECK_SLIDE_KINDS] = { "view", "text", "compare", "trend" };
static const char * const steps[] = { "quarter", "year" };
static const char * const styles[] = { "multiples", "strip" };

static gboolean
lookup (const char          *text,
        const char * const  *names,
        guint                n_names,
        guint               *value)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (strcmp (text, names[i]) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tri_deck_slide_kind_to_string (TriDeckSlideKind kind)
{
  return (guint) kind < G_N_ELEMENTS (kinds) ? kinds[kind] : NULL;
}

gboolean
tri_deck_slide_kind_from_string (const char       *text,
                                 TriDeckSlideKind *kind)
{
  guint value;

  if (!lookup (text, kinds, G_N_ELEMENTS (kinds), &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
tri_trend_step_to_string (TriTrendStep step)
{
  return (guint) step < G_N_ELEMENTS (steps) ? steps[step] : NULL;
}

gboolean
tri_trend_step_from_string (const char   *text,
                            TriTrendStep *step)
{
  guint value;

  if (!lookup (text, steps, G_N_ELEMENTS (steps), &value))
    return FALSE;
  *step = value;
  return TRUE;
}

const char *
tri_trend_style_to_string (TriTrendStyle style)
{
  return (guint) style < G_N_ELEMENTS (styles) ? styles[style] : NULL;
}

gboolean
tri_trend_style_from_string (const char    *text,
                             TriTrendStyle *style)
{
  guint value;

  if (!lookup (text, styles, G_N_ELEMENTS (styles), &value))
    return FALSE;
  *style = value;
  return TRUE;
}
