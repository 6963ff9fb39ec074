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
tri_category_label (TriCategory  category,
                    const char  *lang)
{
  switch (category)
    {
    case TRI_CATEGORY_DIPLOMACY: return D_(lang, "Diplomacy");
    case TRI_CATEGORY_ECONOMY: return D_(lang, "Economy and trade");
    case TRI_CATEGORY_MILITARY: return D_(lang, "Military and security");
    case TRI_CATEGORY_MULTILATERAL: return D_(lang, "Multilateral / UN");
    case TRI_CATEGORY_HUMANITARIAN: return D_(lang, "Humanitarian");
    case TRI_CATEGORY_LEADERS: return D_(lang, "Leaders’ ties");
    case TRI_N_CATEGORIES:
    default: return "";
    }
}

const char *
tri_confidence_label (TriConfidence  confidence,
                      const char    *lang)
{
  switch (confidence)
    {
    case TRI_CONFIDENCE_CONFIRMED: return D_(lang, "Confirmed");
    case TRI_CONFIDENCE_REPORTED: return D_(lang, "Reported");
    case TRI_CONFIDENCE_ALLEGED: return D_(lang, "Alleged");
    case TRI_N_CONFIDENCES:
    default: return "";
    }
}

/* A quote's claim type, as the slide and the panel write it; an unstated
 * one is "not stated", never taken for confirmed. */
const char *
tri_claim_label (TriClaim    claim,
                 const char *lang)
{
  switch (claim)
    {
    case TRI_CLAIM_FACT: return D_(lang, "fact");
    case TRI_CLAIM_OFFICIAL: return D_(lang, "official statement");
    case TRI_CLAIM_REPORTED: return D_(lang, "reported");
    case TRI_CLAIM_ALLEGATION: return D_(lang, "allegation");
    case TRI_CLAIM_ASSESSMENT: return D_(lang, "assessment");
    case TRI_CLAIM_FORECAST: return D_(lang, "forecast");
    case TRI_CLAIM_UNSTATED:
    case TRI_N_CLAIMS:
    default: return D_(lang, "not stated");
    }
}

const char *
tri_stance_label (TriStance   stance,
                  const char *lang)
{
  switch (stance)
    {
    case TRI_STANCE_COOPERATION: return D_(lang, "Cooperation");
    case TRI_STANCE_TENSION: return D_(lang, "Tension");
    case TRI_STANCE_NEUTRAL: return D_(lang, "Neutral");
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
  return g_strdup_printf (D_(lang, "%s · published %s · claim: %s"),
                          quote->source_title ? quote->source_title : "", published,
                          tri_claim_label (quote->claim, lang));
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
  return g_strdup_printf (D_(lang, "published later (%s)"), published);
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
    return g_strdup_printf (D_(lang, "all time to %s"), date);

  /* Translators: %d is a number of months, %s a date */
  return g_strdup_printf (DN_ (lang, "the %d month to %s", "the %d months to %s", window_months),
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
possibly_describe (const TriEdgeState *state,
                   const char         *lang)
{
  if (state->n_possibly <= 0)
    return g_strdup ("");
  if (state->n_events == 0)
    /* Translators: events whose dates straddle the "as of" date: they may or may not have happened by then */
    return g_strdup_printf (DN_ (lang, "%d event possibly by then.", "%d events possibly by then.", state->n_possibly),
                            state->n_possibly);
  /* Translators: events whose dates straddle the "as of" date, beyond those counted */
  return g_strdup_printf (DN_ (lang, "%d more possibly by then.", "%d more possibly by then.", state->n_possibly),
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
  g_autofree char *possibly = possibly_describe (state, lang);
  g_autofree char *counted = NULL;

  if (state->n_events == 0)
    /* Translators: %s – %s are two countries, the last %s a period such as "the 12 months to 1 July 2024" */
    counted = g_strdup_printf (D_(lang, "%s – %s: no events in %s."), a_name, b_name, window);
  else
    /* Translators: "Russia – North Korea: 9 events in the 12 months to 1 July 2024:
     * 7 cooperation, 1 tension, 1 neutral; 2 reported or alleged, not confirmed." */
    counted = g_strdup_printf (DN_ (lang, "%s – %s: %d event in %s: %d cooperation, %d tension, %d neutral; %d reported or alleged, not confirmed.",
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
tri_edge_trend_label (const TriEdgeState *state,
                      const char         *lang)
{
  double cooperation = state->weight_by_stance[TRI_STANCE_COOPERATION];
  double tension = state->weight_by_stance[TRI_STANCE_TENSION];

  if (state->n_events == 0)
    return D_(lang, "no events");

  switch (tri_edge_state_dominant (state))
    {
    case TRI_STANCE_COOPERATION: return D_(lang, "mostly cooperation");
    case TRI_STANCE_TENSION: return D_(lang, "mostly tension");
    case TRI_STANCE_NEUTRAL:
    case TRI_N_STANCES:
    default: break;
    }

  if (cooperation > 0 && tension > 0)
    return D_(lang, "mixed");
  if (cooperation > 0 || tension > 0)
    return D_(lang, "mostly neutral");
  return D_(lang, "neutral");
}

/* Words that are in the data language on a slide and in the interface's
 * (gettext's) in the panel's tooltips: @lang NULL is the interface's. */
static const char *
in_language (const char *lang,
             const char *msgid)
{
  return lang == NULL ? _(msgid) : D_(lang, msgid);
}

/**
 * tri_grade_code:
 * @reliability: the source's, 'A'..'F', or 0: ungraded
 * @credibility: the quote's, 1..6, or 0: ungraded
 *
 * The Admiralty (NATO) grade as written in every language: "B2"; a
 * missing half is an en dash ("B–": reliability B, credibility not
 * graded; "–2": the other way round), never a guess.
 *
 * Returns: (nullable): the grade, or NULL when neither half is graded
 */
char *
tri_grade_code (char reliability,
                int  credibility)
{
  gboolean r = reliability >= 'A' && reliability <= 'F';
  gboolean c = credibility >= 1 && credibility <= 6;

  if (!r && !c)
    return NULL;
  return g_strdup_printf ("%s%s", r ? (char[2]) { reliability, '\0' } : "–",
                          c ? (char[2]) { (char) ('0' + credibility), '\0' } : "–");
}

/**
 * tri_quote_grade_label:
 *
 * Returns: "B2" (or "B–", "–2"), or "ungraded" in @lang
 */
char *
tri_quote_grade_label (const TriQuote *quote,
                       const char     *lang)
{
  char *code = tri_grade_code (quote->reliability, quote->credibility);

  /* Translators: a quote with no Admiralty grade: neither its source's
   * reliability (A–F) nor its own credibility (1–6) is graded */
  return code != NULL ? code : g_strdup (in_language (lang, N_("ungraded")));
}

static const char *
reliability_meaning (char        reliability,
                     const char *lang)
{
  /* Translators: the Admiralty (NATO) grades of a source's reliability, A to F */
  static const char * const meanings[] = {
    N_("completely reliable source"), N_("usually reliable source"), N_("fairly reliable source"),
    N_("not usually reliable source"), N_("unreliable source"),
    N_("source whose reliability cannot be judged"),
  };

  if (reliability < 'A' || reliability > 'F')
    /* Translators: the first half of a quote's Admiralty grade is missing */
    return in_language (lang, N_("the source’s reliability is not graded"));
  return in_language (lang, meanings[reliability - 'A']);
}

static const char *
credibility_meaning (int         credibility,
                     const char *lang)
{
  /* Translators: the Admiralty (NATO) grades of a piece of information's credibility, 1 to 6 */
  static const char * const meanings[] = {
    N_("confirmed by other sources"), N_("probably true"), N_("possibly true"),
    N_("doubtful"), N_("improbable"), N_("truth cannot be judged"),
  };

  if (credibility < 1 || credibility > 6)
    /* Translators: the second half of a quote's Admiralty grade is missing */
    return in_language (lang, N_("the quote’s credibility is not graded"));
  return in_language (lang, meanings[credibility - 1]);
}

/**
 * tri_quote_grade_meaning:
 * @lang: (nullable): the data language, or NULL for the interface's
 *
 * What the grade says, for a tooltip and a screen reader: "B: usually
 * reliable source · 2: probably true"; "B: usually reliable source · the
 * quote’s credibility is not graded"; for none, that it is not graded.
 */
char *
tri_quote_grade_meaning (const TriQuote *quote,
                         const char     *lang)
{
  gboolean r = quote->reliability >= 'A' && quote->reliability <= 'F';
  gboolean c = quote->credibility >= 1 && quote->credibility <= 6;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (!r && !c)
    /* Translators: the meaning of "ungraded" beside a quote */
    return g_strdup (in_language (lang, N_("Ungraded: neither the source’s reliability nor the quote’s credibility is graded")));

  if (r)
    /* Translators: a grade and its meaning, e.g. "B: usually reliable source" */
    first = g_strdup_printf (in_language (lang, N_("%c: %s")), quote->reliability,
                             reliability_meaning (quote->reliability, lang));
  else
    first = g_strdup (reliability_meaning (0, lang));
  if (c)
    /* Translators: a grade and its meaning, e.g. "2: probably true" */
    second = g_strdup_printf (in_language (lang, N_("%d: %s")), quote->credibility,
                              credibility_meaning (quote->credibility, lang));
  else
    second = g_strdup (credibility_meaning (0, lang));
  /* Translators: the two halves of a grade's meaning, e.g.
   * "B: usually reliable source · 2: probably true" */
  return g_strdup_printf (in_language (lang, N_("%s · %s")), first, second);
}

/**
 * tri_quote_unverified_label:
 * @compact: the slide's short words rather than the panel's
 *
 * Returns: (nullable): "not verified against the source" (or, compact,
 *   "not verified") when the quote is not its source's stored text at
 *   its offset, or its source has none; NULL when it is
 */
const char *
tri_quote_unverified_label (const TriQuote *quote,
                            gboolean        compact,
                            const char     *lang)
{
  if (quote->verified)
    return NULL;
  if (compact)
    /* Translators: short, on a slide beside a quote's citation: the quote
     * was not checked against its source's stored text */
    return in_language (lang, N_("not verified"));
  /* Translators: beside a quote: it was not checked against its source's
   * stored text (the source has none, or it differs) */
  return in_language (lang, N_("not verified against the source"));
}

/**
 * tri_quote_verification_meaning:
 * @lang: (nullable): the data language, or NULL for the interface's
 *
 * How a verified quote was verified, for a tooltip and a screen reader.
 *
 * Returns: (nullable): what the check was; NULL when the quote is not
 *   verified (tri_quote_unverified_label() says so)
 */
const char *
tri_quote_verification_meaning (const TriQuote *quote,
                                const char     *lang)
{
  switch (quote->verification)
    {
    case TRI_VERIFICATION_STORED_TEXT:
      /* Translators: on hover over a quote: it is its source's text, which
       * the briefing holds, at its place */
      return in_language (lang, N_("Checked word for word against the source’s text, which is stored in the briefing"));
    case TRI_VERIFICATION_BUILD_CHECK:
      /* Translators: on hover over a quote: it was compared, character for
       * character, with its source document when the briefing file was
       * made; the briefing holds only quotes from it, not the document */
      return in_language (lang, N_("Checked word for word against the source document when the briefing was built; the document itself is not stored in the briefing"));
    case TRI_VERIFICATION_NONE:
    default:
      return NULL;
    }
}
