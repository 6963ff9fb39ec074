/* tri-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-model"

#include "config.h"

#include <string.h>

#include "tri-model.h"

static const char * const category_names[TRI_N_CATEGORIES] = {
  "diplomacy", "economy", "military", "multilateral", "humanitarian", "leaders",
};
static const char * const confidence_names[TRI_N_CONFIDENCES] = {
  "confirmed", "reported", "alleged",
};
/* "unstated" is never stored: a NULL column is unstated */
static const char * const claim_names[TRI_N_CLAIMS] = {
  "unstated", "fact", "official", "reported", "allegation", "assessment", "forecast",
};
static const char * const stance_names[TRI_N_STANCES] = {
  "cooperation", "tension", "neutral",
};

void
tri_actor_free (TriActor *actor)
{
  if (actor == NULL)
    return;
  g_free (actor->code);
  g_free (actor->name);
  g_free (actor);
}

void
tri_relation_free (TriRelation *relation)
{
  if (relation == NULL)
    return;
  g_free (relation->a);
  g_free (relation->b);
  g_free (relation->code);
  g_free (relation);
}

TriEvent *
tri_event_copy (const TriEvent *ev)
{
  TriEvent *copy = g_new0 (TriEvent, 1);

  *copy = *ev;
  copy->title = g_strdup (ev->title);
  copy->summary = g_strdup (ev->summary);
  copy->claimed_by = g_strdup (ev->claimed_by);
  copy->date_label = g_strdup (ev->date_label);
  copy->links = g_array_copy (ev->links);
  return copy;
}

void
tri_event_free (TriEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->title);
  g_free (event->summary);
  g_free (event->claimed_by);
  g_free (event->date_label);
  g_clear_pointer (&event->links, g_array_unref);
  g_free (event);
}

void
tri_quote_free (TriQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->text);
  g_free (quote->translation);
  g_free (quote->source_id);
  g_free (quote->source_title);
  g_free (quote->checked_sha256);
  g_free (quote);
}

TriQuote *
tri_quote_copy (const TriQuote *quote)
{
  TriQuote *copy;

  if (quote == NULL)
    return NULL;
  copy = g_memdup2 (quote, sizeof *quote);
  copy->text = g_strdup (quote->text);
  copy->translation = g_strdup (quote->translation);
  copy->source_id = g_strdup (quote->source_id);
  copy->source_title = g_strdup (quote->source_title);
  copy->checked_sha256 = g_strdup (quote->checked_sha256);
  return copy;
}

void
tri_source_free (TriSource *source)
{
  if (source == NULL)
    return;
  g_free (source->id);
  g_free (source->kind);
  g_free (source->title);
  g_free (source->outlet);
  g_free (source->authors);
  g_free (source->language);
  g_free (source->file);
  g_free (source->description);
  g_free (source);
}

static gboolean
lookup_name (const char * const *names,
             int                 n,
             const char         *text,
             int                *out)
{
  if (text == NULL)
    return FALSE;
  for (int i = 0; i < n; i++)
    if (g_str_equal (names[i], text))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tri_category_to_string (TriCategory category)
{
  g_return_val_if_fail (category < TRI_N_CATEGORIES, "diplomacy");
  return category_names[category];
}

gboolean
tri_category_from_string (const char  *text,
                          TriCategory *category)
{
  int i;

  if (!lookup_name (category_names, TRI_N_CATEGORIES, text, &i))
    return FALSE;
  *category = i;
  return TRUE;
}

const char *
tri_confidence_to_string (TriConfidence confidence)
{
  g_return_val_if_fail (confidence < TRI_N_CONFIDENCES, "confirmed");
  return confidence_names[confidence];
}

gboolean
tri_confidence_from_string (const char    *text,
                            TriConfidence *confidence)
{
  int i;

  if (!lookup_name (confidence_names, TRI_N_CONFIDENCES, text, &i))
    return FALSE;
  *confidence = i;
  return TRUE;
}

const char *
tri_claim_to_string (TriClaim claim)
{
  g_return_val_if_fail (claim < TRI_N_CLAIMS, "unstated");
  return claim_names[claim];
}

gboolean
tri_claim_from_string (const char *text,
                       TriClaim   *claim)
{
  int i;

  if (!lookup_name (claim_names, TRI_N_CLAIMS, text, &i))
    return FALSE;
  *claim = i;
  return TRUE;
}

const char *
tri_stance_to_string (TriStance stance)
{
  g_return_val_if_fail (stance < TRI_N_STANCES, "neutral");
  return stance_names[stance];
}

/* The stance that outweighs the others, of an event's links by weight or
 * of a bin's events by count: cooperation or tension where it is strictly
 * ahead of the other and not behind neutral; neutral otherwise */
TriStance
tri_stance_dominant (const guint weight[TRI_N_STANCES])
{
  if (weight[TRI_STANCE_COOPERATION] > weight[TRI_STANCE_TENSION] &&
      weight[TRI_STANCE_COOPERATION] >= weight[TRI_STANCE_NEUTRAL])
    return TRI_STANCE_COOPERATION;
  if (weight[TRI_STANCE_TENSION] > weight[TRI_STANCE_COOPERATION] &&
      weight[TRI_STANCE_TENSION] >= weight[TRI_STANCE_NEUTRAL])
    return TRI_STANCE_TENSION;
  return TRI_STANCE_NEUTRAL;
}

gboolean
tri_stance_from_string (const char *text,
                        TriStance  *stance)
{
  int i;

  if (!lookup_name (stance_names, TRI_N_STANCES, text, &i))
    return FALSE;
  *stance = i;
  return TRUE;
}

static gboolean
is_actor_code (const char *s)
{
  gsize len = strlen (s);

  if (len < 2 || len > 8)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (s[i]) && !g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * tri_relation_code_parse:
 * @code: "RUS-PRK", in either order, any case
 *
 * Splits a relation code into its two actor codes (upper case), in the
 * order given.
 */
gboolean
tri_relation_code_parse (const char  *code,
                         char       **a,
                         char       **b)
{
  g_autofree char *up = NULL;
  g_auto(GStrv) parts = NULL;

  if (code == NULL || strlen (code) > 32 || !g_utf8_validate (code, -1, NULL))
    return FALSE;

  up = g_ascii_strup (code, -1);
  parts = g_strsplit_set (up, "-/", 3);

  if (g_strv_length (parts) != 2 || !is_actor_code (parts[0]) ||
      !is_actor_code (parts[1]) || g_str_equal (parts[0], parts[1]))
    return FALSE;

  *a = g_strdup (parts[0]);
  *b = g_strdup (parts[1]);
  return TRUE;
}

gboolean
tri_color_parse (const char *text,
                 guint32    *color)
{
  guint32 v = 0;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (int i = 1; i < 7; i++)
    {
      int d = g_ascii_xdigit_value (text[i]);
      if (d < 0)
        return FALSE;
      v = (v << 4) | (guint32) d;
    }
  *color = v;
  return TRUE;
}

/**
 * tri_verification_to_string:
 *
 * Returns: (nullable): how a quote was verified, in machine-readable
 *   words ("stored text", "build check"); NULL when it was not
 */
const char *
tri_verification_to_string (TriVerification verification)
{
  switch (verification)
    {
    case TRI_VERIFICATION_STORED_TEXT:
      return "stored text";
    case TRI_VERIFICATION_BUILD_CHECK:
      return "build check";
    case TRI_VERIFICATION_NONE:
    default:
      return NULL;
    }
}
