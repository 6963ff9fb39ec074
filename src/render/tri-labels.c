/* tri-labels.c: the words for the data's categories, stances and confidences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-labels"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tri-labels.h"
#include "tri-catalog.h"

const char *
tri_category_label (TriCategory category)
{
  switch (category)
    {
    case TRI_CATEGORY_DIPLOMACY: return D_("Diplomacy");
    case TRI_CATEGORY_ECONOMY: return D_("Economy and trade");
    case TRI_CATEGORY_MILITARY: return D_("Military and security");
    case TRI_CATEGORY_MULTILATERAL: return D_("Multilateral / UN");
    case TRI_CATEGORY_HUMANITARIAN: return D_("Humanitarian");
    case TRI_CATEGORY_LEADERS: return D_("Leaders’ ties");
    case TRI_N_CATEGORIES:
    default: return "";
    }
}

const char *
tri_confidence_label (TriConfidence confidence)
{
  switch (confidence)
    {
    case TRI_CONFIDENCE_CONFIRMED: return D_("Confirmed");
    case TRI_CONFIDENCE_REPORTED: return D_("Reported");
    case TRI_CONFIDENCE_ALLEGED: return D_("Alleged");
    case TRI_N_CONFIDENCES:
    default: return "";
    }
}

/* A quote's claim type, as the slide and the panel write it; an unstated
 * one is "not stated", never taken for confirmed. */
const char *
tri_claim_label (TriClaim claim)
{
  switch (claim)
    {
    case TRI_CLAIM_FACT: return D_("fact");
    case TRI_CLAIM_OFFICIAL: return D_("official statement");
    case TRI_CLAIM_REPORTED: return D_("reported");
    case TRI_CLAIM_ALLEGATION: return D_("allegation");
    case TRI_CLAIM_ASSESSMENT: return D_("assessment");
    case TRI_CLAIM_FORECAST: return D_("forecast");
    case TRI_CLAIM_UNSTATED:
    case TRI_N_CLAIMS:
    default: return D_("not stated");
    }
}

const char *
tri_stance_label (TriStance stance)
{
  switch (stance)
    {
    case TRI_STANCE_COOPERATION: return D_("Cooperation");
    case TRI_STANCE_TENSION: return D_("Tension");
    case TRI_STANCE_NEUTRAL: return D_("Neutral");
    case TRI_N_STANCES:
    default: return "";
    }
}

/**
 * tri_quote_describe_source:
 *
 * The line under a quote, in the panel, on a slide and on the command
 * line: "Joint statement · published April 2024 · claim: not stated".
 */
char *
tri_quote_describe_source (const TriQuote *quote,
                           const char     *lang)
{
  g_autofree char *published = tri_date_label (&quote->source_date, lang);

  /* Translators: under a quote: its source, the source's publication date
   * and the quote's own kind of claim, e.g. "not stated" or "allegation" */
  return g_strdup_printf (D_("%s · published %s · claim: %s"),
                          quote->source_title ? quote->source_title : "", published,
                          tri_claim_label (quote->claim));
}

/**
 * tri_quote_published_later:
 * @as_of: the "as of" day, or 0 when the view has none
 *
 * Returns: (nullable): "published later (April 2024)" when the quote's
 *   source may have been published after @as_of (hindsight about an
 *   earlier event; see tri_source_published_later()), else NULL
 */
char *
tri_quote_published_later (const TriQuote *quote,
                           guint32         as_of,
                           const char     *lang)
{
  g_autofree char *published = NULL;

  if (as_of == 0 || !tri_source_published_later (&quote->source_date, as_of))
    return NULL;
  published = tri_date_label (&quote->source_date, lang);
  /* Translators: a quote whose source appeared after the "as of" date; %s is that source's date */
  return g_strdup_printf (D_("published later (%s)"), published);
}

/**
 * tri_window_describe:
 * @window_months: 0 for all time
 *
 * Returns: "the 12 months to 1 July 2024", or "all time to 1 July 2024"
 */
char *
tri_window_describe (guint        window_months,
                     guint32      as_of,
                     const char  *lang)
{
  g_autofree char *date = tri_day_label (as_of, TRI_PRECISION_DAY, lang);

  if (window_months == 0)
    /* Translators: %s is a date */
    return g_strdup_printf (D_("all time to %s"), date);

  /* Translators: %d is a number of months, %s a date */
  return g_strdup_printf (DN_ ("the %d month to %s", "the %d months to %s", window_months),
                          window_months, date);
}

/**
 * tri_edge_describe:
 *
 * The sentence the legend's formula stands for, for a tooltip, the
 * evidence panel, the slide and screen readers: "Russia – North Korea: 9
 * events in the 12 months to 1 July 2024: 7 cooperation, 1 tension, 1
 * neutral; 2 reported or alleged, not confirmed. 3 more possibly by then."
 */
/* "3 more possibly by then.": events whose uncertainty straddles "as of",
 * not counted (see tri_event_count()), but said */
static char *
possibly_describe (const TriEdgeState *state)
{
  if (state->n_possibly <= 0)
    return g_strdup ("");
  if (state->n_events == 0)
    /* Translators: events whose dates straddle the "as of" date: they may or may not have happened by then */
    return g_strdup_printf (DN_ ("%d event possibly by then.", "%d events possibly by then.", state->n_possibly),
                            state->n_possibly);
  /* Translators: events whose dates straddle the "as of" date, beyond those counted */
  return g_strdup_printf (DN_ ("%d more possibly by then.", "%d more possibly by then.", state->n_possibly),
                          state->n_possibly);
}

char *
tri_edge_describe (const TriEdgeState *state,
                   const char         *a_name,
                   const char         *b_name,
                   guint               window_months,
                   guint32             as_of,
                   const char         *lang)
{
  g_autofree char *window = tri_window_describe (window_months, as_of, lang);
  g_autofree char *possibly = possibly_describe (state);
  g_autofree char *counted = NULL;

  if (state->n_events == 0)
    /* Translators: %s – %s are two countries, the last %s a period such as "the 12 months to 1 July 2024" */
    counted = g_strdup_printf (D_("%s – %s: no events in %s."), a_name, b_name, window);
  else
    /* Translators: "Russia – North Korea: 9 events in the 12 months to 1 July 2024:
     * 7 cooperation, 1 tension, 1 neutral; 2 reported or alleged, not confirmed." */
    counted = g_strdup_printf (DN_ ("%s – %s: %d event in %s: %d cooperation, %d tension, %d neutral; %d reported or alleged, not confirmed.",
                                    "%s – %s: %d events in %s: %d cooperation, %d tension, %d neutral; %d reported or alleged, not confirmed.",
                                    state->n_events),
                               a_name, b_name, state->n_events, window,
                               state->n_by_stance[TRI_STANCE_COOPERATION],
                               state->n_by_stance[TRI_STANCE_TENSION],
                               state->n_by_stance[TRI_STANCE_NEUTRAL],
                               state->n_unconfirmed);
  return g_strconcat (counted, *possibly ? " " : "", possibly, NULL);
}

/**
 * tri_edge_trend_label:
 *
 * The one word for an edge's balance, said the same way by its label, its
 * tooltip and its description for screen readers. By weight: "mostly
 * cooperation" or "mostly tension" when one leads by more than a third of
 * the total; otherwise "mixed" when both cooperation and tension are
 * present, "neutral" when all of the weight is neutral, and "mostly
 * neutral" when neutral weight outweighs the one stance present.
 *
 * Returns: the word, in the data language
 */
const char *
tri_edge_trend_label (const TriEdgeState *state)
{
  double cooperation = state->weight_by_stance[TRI_STANCE_COOPERATION];
  double tension = state->weight_by_stance[TRI_STANCE_TENSION];

  if (state->n_events == 0)
    return D_("no events");

  switch (tri_edge_state_dominant (state))
    {
    case TRI_STANCE_COOPERATION: return D_("mostly cooperation");
    case TRI_STANCE_TENSION: return D_("mostly tension");
    case TRI_STANCE_NEUTRAL:
    case TRI_N_STANCES:
    default: break;
    }

  if (cooperation > 0 && tension > 0)
    return D_("mixed");
  if (cooperation > 0 || tension > 0)
    return D_("mostly neutral");
  return D_("neutral");
}
