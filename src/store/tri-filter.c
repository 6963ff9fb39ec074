/* tri-filter.c: which events and quotes the views, the exports and the
 * command line show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-filter"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "render/tri-catalog.h"
#include "tri-filter.h"

struct _TriFilter
{
  GStrv values[TRI_FILTER_N_FACETS];   /* sorted, no duplicates; NULL: unset */
};

G_DEFINE_BOXED_TYPE (TriFilter, tri_filter, tri_filter_copy, tri_filter_free)
G_DEFINE_QUARK (tri-filter-error-quark, tri_filter_error)

static const char * const facet_names[TRI_FILTER_N_FACETS] = {
  "category", "confidence", "claim", "grade", "source", "actor",
};

TriFilter *
tri_filter_new (void)
{
  return g_new0 (TriFilter, 1);
}

TriFilter *
tri_filter_copy (const TriFilter *f)
{
  TriFilter *copy;

  if (f == NULL)
    return NULL;
  copy = tri_filter_new ();
  for (int i = 0; i < TRI_FILTER_N_FACETS; i++)
    copy->values[i] = g_strdupv (f->values[i]);
  return copy;
}

void
tri_filter_free (TriFilter *f)
{
  if (f == NULL)
    return;
  for (int i = 0; i < TRI_FILTER_N_FACETS; i++)
    g_strfreev (f->values[i]);
  g_free (f);
}

gboolean
tri_filter_is_empty (const TriFilter *f)
{
  if (f == NULL)
    return TRUE;
  for (int i = 0; i < TRI_FILTER_N_FACETS; i++)
    if (f->values[i] != NULL)
      return FALSE;
  return TRUE;
}

gboolean
tri_filter_equal (const TriFilter *a,
                  const TriFilter *b)
{
  if (tri_filter_is_empty (a) || tri_filter_is_empty (b))
    return tri_filter_is_empty (a) == tri_filter_is_empty (b);
  for (int i = 0; i < TRI_FILTER_N_FACETS; i++)
    {
      if ((a->values[i] == NULL) != (b->values[i] == NULL))
        return FALSE;
      if (a->values[i] != NULL &&
          !g_strv_equal ((const char * const *) a->values[i], (const char * const *) b->values[i]))
        return FALSE;
    }
  return TRUE;
}

const char *
tri_filter_facet_to_string (TriFilterFacet facet)
{
  g_return_val_if_fail (facet < TRI_FILTER_N_FACETS, "category");
  return facet_names[facet];
}

gboolean
tri_filter_facet_from_string (const char     *text,
                              TriFilterFacet *facet)
{
  if (text == NULL)
    return FALSE;
  for (int i = 0; i < TRI_FILTER_N_FACETS; i++)
    if (g_str_equal (facet_names[i], text))
      {
        *facet = i;
        return TRUE;
      }
  return FALSE;
}

/* The rank of a value in its facet's canonical order: the store's order
 * for the enumerated facets, the text's for the others. */
static int
value_rank (TriFilterFacet facet,
            const char    *value)
{
  TriCategory category;
  TriConfidence confidence;
  TriClaim claim;

  switch (facet)
    {
    case TRI_FILTER_CATEGORY:
      return tri_category_from_string (value, &category) ? (int) category : -1;
    case TRI_FILTER_CONFIDENCE:
      return tri_confidence_from_string (value, &confidence) ? (int) confidence : -1;
    case TRI_FILTER_CLAIM:
      return tri_claim_from_string (value, &claim) ? (int) claim : -1;
    case TRI_FILTER_GRADE:
    case TRI_FILTER_SOURCE:
    case TRI_FILTER_ACTOR:
    case TRI_FILTER_N_FACETS:
    default:
      return 0;
    }
}

typedef struct
{
  TriFilterFacet facet;
} SortData;

static int
compare_values (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const SortData *data = user_data;
  const char *va = *(const char * const *) a;
  const char *vb = *(const char * const *) b;
  int ra = value_rank (data->facet, va);
  int rb = value_rank (data->facet, vb);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return strcmp (va, vb);
}

/* sorted, without duplicates; NULL for NULL or no values */
static GStrv
canonical_values (TriFilterFacet      facet,
                  const char * const *values)
{
  g_autoptr(GPtrArray) sorted = NULL;
  SortData data = { facet };

  if (values == NULL || values[0] == NULL)
    return NULL;
  sorted = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; values[i] != NULL; i++)
    g_ptr_array_add (sorted, g_strdup (values[i]));
  g_ptr_array_sort_with_data (sorted, compare_values, &data);
  for (guint i = 1; i < sorted->len;)
    if (g_str_equal (sorted->pdata[i - 1], sorted->pdata[i]))
      g_ptr_array_remove_index (sorted, i);
    else
      i++;
  g_ptr_array_add (sorted, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&sorted), FALSE);
}

const char * const *
tri_filter_get_values (const TriFilter *f,
                       TriFilterFacet   facet)
{
  g_return_val_if_fail (facet < TRI_FILTER_N_FACETS, NULL);
  if (f == NULL)
    return NULL;
  return (const char * const *) f->values[facet];
}

void
tri_filter_set_values (TriFilter          *f,
                       TriFilterFacet      facet,
                       const char * const *values)
{
  g_return_if_fail (f != NULL);
  g_return_if_fail (facet < TRI_FILTER_N_FACETS);
  g_strfreev (f->values[facet]);
  f->values[facet] = canonical_values (facet, values);
}

gboolean
tri_filter_has_event_facets (const TriFilter *f)
{
  return f != NULL && (f->values[TRI_FILTER_CATEGORY] != NULL ||
                       f->values[TRI_FILTER_CONFIDENCE] != NULL ||
                       f->values[TRI_FILTER_ACTOR] != NULL);
}

gboolean
tri_filter_has_quote_facets (const TriFilter *f)
{
  return f != NULL && (f->values[TRI_FILTER_CLAIM] != NULL ||
                       f->values[TRI_FILTER_GRADE] != NULL ||
                       f->values[TRI_FILTER_SOURCE] != NULL);
}

/* --- the text form ------------------------------------------------------- */

static const char *
valid_values (TriFilterFacet facet)
{
  switch (facet)
    {
    case TRI_FILTER_CATEGORY:
      return _("diplomacy, economy, military, multilateral, humanitarian or leaders");
    case TRI_FILTER_CONFIDENCE:
      return _("confirmed, reported or alleged");
    case TRI_FILTER_CLAIM:
      return _("fact, official, reported, allegation, assessment, forecast or unstated");
    case TRI_FILTER_GRADE:
      return _("one grade: a source reliability letter A–F and a quote credibility digit 1–6, such as B2");
    case TRI_FILTER_SOURCE:
      return _("the ids of the briefing’s sources");
    case TRI_FILTER_ACTOR:
      return _("the codes of the briefing’s actors, such as RUS, CHN or PRK");
    case TRI_FILTER_N_FACETS:
    default:
      return "";
    }
}

/* A source id or an actor code: printable, no separator of the text form */
static gboolean
is_plain_value (const char *value)
{
  if (*value == '\0' || !g_utf8_validate (value, -1, NULL))
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',' || c == '|' || c == '=' || g_unichar_isspace (c) || !g_unichar_isprint (c))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_grade (const char *value)
{
  return strlen (value) == 2 &&
         value[0] >= 'A' && value[0] <= 'F' &&
         value[1] >= '1' && value[1] <= '6';
}

/* The value as stored, or NULL with an error naming it */
static char *
check_value (TriFilterFacet   facet,
             const char      *value,
             GError         **error)
{
  g_autofree char *v = g_strstrip (g_strdup (value));
  int rank = 0;
  gboolean ok;

  switch (facet)
    {
    case TRI_FILTER_CATEGORY:
    case TRI_FILTER_CONFIDENCE:
    case TRI_FILTER_CLAIM:
      {
        g_autofree char *lower = g_ascii_strdown (v, -1);

        rank = value_rank (facet, lower);
        ok = rank >= 0;
        if (ok)
          {
            g_free (v);
            v = g_steal_pointer (&lower);
          }
      }
      break;
    case TRI_FILTER_GRADE:
      {
        g_autofree char *upper = g_ascii_strup (v, -1);

        ok = is_grade (upper);
        if (ok)
          {
            g_free (v);
            v = g_steal_pointer (&upper);
          }
      }
      break;
    case TRI_FILTER_ACTOR:
      {
        g_autofree char *upper = g_utf8_strup (v, -1);

        ok = is_plain_value (v);
        if (ok)
          {
            g_free (v);
            v = g_steal_pointer (&upper);
          }
      }
      break;
    case TRI_FILTER_SOURCE:
      ok = is_plain_value (v);
      break;
    case TRI_FILTER_N_FACETS:
    default:
      ok = FALSE;
      break;
    }

  if (!ok)
    {
      g_autofree char *shown = g_utf8_make_valid (value, -1);

      if (*v == '\0')
        g_set_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_INVALID,
                     _("The filter’s %s has an empty value: use %s."),
                     facet_names[facet], valid_values (facet));
      else
        g_set_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_INVALID,
                     _("“%s” is not a value of the filter’s %s: use %s."),
                     shown, facet_names[facet], valid_values (facet));
      return NULL;
    }
  return g_steal_pointer (&v);
}

typedef struct
{
  GPtrArray *values[TRI_FILTER_N_FACETS];
} Parsed;

static void
parsed_clear (Parsed *p)
{
  for (int i = 0; i < TRI_FILTER_N_FACETS; i++)
    g_clear_pointer (&p->values[i], g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parsed, parsed_clear)

TriFilter *
tri_filter_parse (const char  *text,
                  GError     **error)
{
  g_autoptr(TriFilter) filter = tri_filter_new ();
  g_auto(Parsed) parsed = { { NULL, } };
  GPtrArray **values = parsed.values;
  g_auto(GStrv) terms = NULL;

  if (text == NULL)
    return g_steal_pointer (&filter);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_INVALID,
                   _("The filter is not UTF-8 text: write facet=value, such as category=military."));
      return NULL;
    }

  terms = g_strsplit (text, ",", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *term = g_strstrip (g_strdup (terms[i]));
      const char *eq;
      g_autofree char *name = NULL;
      g_auto(GStrv) vals = NULL;
      TriFilterFacet facet;

      if (*term == '\0')
        {
          if (terms[1] == NULL)
            break;   /* "" or "  ": the empty filter */
          continue;  /* "category=military," */
        }
      eq = strchr (term, '=');
      if (eq == NULL)
        {
          g_set_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_INVALID,
                       _("“%s” in the filter names no facet: write facet=value, such as category=military,"
                         " with a facet among category, confidence, claim, grade, source and actor."),
                       term);
          return NULL;
        }
      {
        g_autofree char *written = g_strndup (term, eq - term);

        name = g_ascii_strdown (g_strstrip (written), -1);
      }
      if (!tri_filter_facet_from_string (name, &facet))
        {
          g_set_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_INVALID,
                       _("“%s” is not a facet of the filter: use category, confidence, claim, grade,"
                         " source or actor."), name);
          return NULL;
        }
      if (values[facet] == NULL)
        values[facet] = g_ptr_array_new_with_free_func (g_free);
      vals = g_strsplit (eq + 1, "|", -1);
      if (vals[0] == NULL)
        {
          check_value (facet, "", error);   /* "category=": names the facet */
          return NULL;
        }
      for (guint j = 0; vals[j] != NULL; j++)
        {
          char *v = check_value (facet, vals[j], error);

          if (v == NULL)
            return NULL;
          g_ptr_array_add (values[facet], v);
        }
    }

  for (int f = 0; f < TRI_FILTER_N_FACETS; f++)
    {
      if (values[f] == NULL)
        continue;
      g_ptr_array_add (values[f], NULL);
      tri_filter_set_values (filter, f, (const char * const *) values[f]->pdata);
      if (f == TRI_FILTER_GRADE && g_strv_length (filter->values[f]) > 1)
        {
          g_autofree char *joined = g_strjoinv ("|", filter->values[f]);

          g_set_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_INVALID,
                       _("The filter’s grade takes one grade, such as B2 (B2 or better), not “%s”."),
                       joined);
          return NULL;
        }
    }
  return g_steal_pointer (&filter);
}

char *
tri_filter_to_string (const TriFilter *f)
{
  GString *s = g_string_new (NULL);

  if (f == NULL)
    return g_string_free (s, FALSE);
  for (int i = 0; i < TRI_FILTER_N_FACETS; i++)
    {
      g_autofree char *joined = NULL;

      if (f->values[i] == NULL)
        continue;
      joined = g_strjoinv ("|", f->values[i]);
      g_string_append_printf (s, "%s%s=%s", s->len > 0 ? "," : "", facet_names[i], joined);
    }
  return g_string_free (s, FALSE);
}

gboolean
tri_filter_check (const TriFilter  *f,
                  TriStore         *store,
                  GError          **error)
{
  const char * const *actors = tri_filter_get_values (f, TRI_FILTER_ACTOR);
  const char * const *sources = tri_filter_get_values (f, TRI_FILTER_SOURCE);

  g_return_val_if_fail (TRI_IS_STORE (store), FALSE);

  if (actors != NULL)
    {
      g_autoptr(GPtrArray) list = tri_store_list_actors (store, "en", error);
      g_autoptr(GString) known = g_string_new (NULL);

      if (list == NULL)
        return FALSE;
      for (guint i = 0; i < list->len; i++)
        {
          const TriActor *a = list->pdata[i];

          g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", a->code);
        }
      for (guint j = 0; actors[j] != NULL; j++)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < list->len && !found; i++)
            found = g_str_equal (((const TriActor *) list->pdata[i])->code, actors[j]);
          if (!found)
            {
              g_set_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_UNKNOWN,
                           _("The briefing has no actor “%s” to filter by: use %s."),
                           actors[j], known->str);
              return FALSE;
            }
        }
    }

  if (sources != NULL)
    {
      g_autoptr(GPtrArray) list = tri_store_list_sources (store, "en", error);
      g_autoptr(GString) known = g_string_new (NULL);

      if (list == NULL)
        return FALSE;
      for (guint i = 0; i < list->len; i++)
        {
          const TriSource *s = list->pdata[i];

          if (i < 12)
            g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", s->id);
          else if (i == 12)
            g_string_append (known, ", …");
        }
      for (guint j = 0; sources[j] != NULL; j++)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < list->len && !found; i++)
            found = g_str_equal (((const TriSource *) list->pdata[i])->id, sources[j]);
          if (!found)
            {
              g_set_error (error, TRI_FILTER_ERROR, TRI_FILTER_ERROR_UNKNOWN,
                           _("The briefing has no source “%s” to filter by: use %s."),
                           sources[j], known->str);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* --- matching ------------------------------------------------------------ */

static gboolean
has_value (const TriFilter *f,
           TriFilterFacet   facet,
           const char      *value)
{
  GStrv values = f->values[facet];

  if (values == NULL)
    return TRUE;
  return value != NULL && g_strv_contains ((const char * const *) values, value);
}

gboolean
tri_filter_match_event (const TriFilter    *f,
                        TriCategory         category,
                        TriConfidence       confidence,
                        const char * const *actors)
{
  if (f == NULL)
    return TRUE;
  if (!has_value (f, TRI_FILTER_CATEGORY, tri_category_to_string (category)))
    return FALSE;
  if (!has_value (f, TRI_FILTER_CONFIDENCE, tri_confidence_to_string (confidence)))
    return FALSE;
  if (f->values[TRI_FILTER_ACTOR] != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; actors != NULL && actors[i] != NULL && !found; i++)
        found = has_value (f, TRI_FILTER_ACTOR, actors[i]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* "B2" or better: reliability A..B and credibility 1..2; an ungraded
 * half never passes */
static gboolean
grade_passes (const char *grade,
              char        reliability,
              int         credibility)
{
  if (reliability < 'A' || reliability > 'F' || credibility < 1 || credibility > 6)
    return FALSE;
  return reliability <= grade[0] && credibility <= grade[1] - '0';
}

gboolean
tri_filter_match_quote_facts (const TriFilter *f,
                              TriClaim         claim,
                              char             reliability,
                              int              credibility,
                              const char      *source_id)
{
  if (f == NULL)
    return TRUE;
  if (!has_value (f, TRI_FILTER_CLAIM, tri_claim_to_string (claim)))
    return FALSE;
  if (f->values[TRI_FILTER_GRADE] != NULL &&
      !grade_passes (f->values[TRI_FILTER_GRADE][0], reliability, credibility))
    return FALSE;
  if (!has_value (f, TRI_FILTER_SOURCE, source_id))
    return FALSE;
  return TRUE;
}

gboolean
tri_filter_match_quote (const TriFilter *f,
                        const TriQuote  *quote)
{
  return tri_filter_match_quote_facts (f, quote->claim, quote->reliability,
                                       quote->credibility, quote->source_id);
}

/* --- in words ------------------------------------------------------------ */

static const char *
category_adjective (const char *lang,
                    TriCategory category)
{
  switch (category)
    {
    case TRI_CATEGORY_DIPLOMACY:    return D_(lang, "diplomatic");
    case TRI_CATEGORY_ECONOMY:      return D_(lang, "economic");
    case TRI_CATEGORY_MILITARY:     return D_(lang, "military");
    case TRI_CATEGORY_MULTILATERAL: return D_(lang, "multilateral");
    case TRI_CATEGORY_HUMANITARIAN: return D_(lang, "humanitarian");
    case TRI_CATEGORY_LEADERS:      return D_(lang, "leaders’");
    case TRI_N_CATEGORIES:
    default:                        return "";
    }
}

static const char *
confidence_adjective (const char    *lang,
                      TriConfidence  confidence)
{
  switch (confidence)
    {
    case TRI_CONFIDENCE_CONFIRMED: return D_(lang, "confirmed");
    case TRI_CONFIDENCE_REPORTED:  return D_(lang, "reported");
    case TRI_CONFIDENCE_ALLEGED:   return D_(lang, "alleged");
    case TRI_N_CONFIDENCES:
    default:                       return "";
    }
}

static const char *
claim_words (const char *lang,
             TriClaim    claim)
{
  switch (claim)
    {
    case TRI_CLAIM_UNSTATED:   return D_(lang, "not stated");
    case TRI_CLAIM_FACT:       return D_(lang, "fact");
    case TRI_CLAIM_OFFICIAL:   return D_(lang, "official statement");
    case TRI_CLAIM_REPORTED:   return D_(lang, "reported");
    case TRI_CLAIM_ALLEGATION: return D_(lang, "allegation");
    case TRI_CLAIM_ASSESSMENT: return D_(lang, "assessment");
    case TRI_CLAIM_FORECAST:   return D_(lang, "forecast");
    case TRI_N_CLAIMS:
    default:                   return "";
    }
}

/* "a, b or c" in lang */
static char *
join_or (const char *lang,
         GPtrArray  *words)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0 && i == words->len - 1)
        g_string_append (s, D_(lang, " or "));
      else if (i > 0)
        g_string_append (s, D_(lang, ", "));
      g_string_append (s, words->pdata[i]);
    }
  return g_string_free (s, FALSE);
}

char *
tri_filter_describe (const TriFilter *f,
                     TriStore        *store,
                     const char      *lang)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GPtrArray) sources = NULL;

  if (tri_filter_is_empty (f))
    return g_strdup ("");

  if (tri_filter_has_event_facets (f))
    {
      g_autoptr(GPtrArray) conf = g_ptr_array_new ();
      g_autoptr(GPtrArray) cat = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) who = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *conf_words = NULL;
      g_autofree char *cat_words = NULL;
      g_autofree char *events = NULL;

      for (guint i = 0; f->values[TRI_FILTER_CONFIDENCE] && f->values[TRI_FILTER_CONFIDENCE][i]; i++)
        {
          TriConfidence c;

          if (tri_confidence_from_string (f->values[TRI_FILTER_CONFIDENCE][i], &c))
            g_ptr_array_add (conf, (gpointer) confidence_adjective (lang, c));
        }
      for (guint i = 0; f->values[TRI_FILTER_CATEGORY] && f->values[TRI_FILTER_CATEGORY][i]; i++)
        {
          TriCategory c;

          if (tri_category_from_string (f->values[TRI_FILTER_CATEGORY][i], &c))
            g_ptr_array_add (cat, g_strdup (category_adjective (lang, c)));
        }
      if (f->values[TRI_FILTER_ACTOR] != NULL)
        {
          if (store != NULL)
            actors = tri_store_list_actors (store, lang, NULL);
          /* in the store's order (the triangle's first), then any it lacks */
          for (guint j = 0; actors != NULL && j < actors->len; j++)
            {
              const TriActor *a = actors->pdata[j];

              if (g_strv_contains ((const char * const *) f->values[TRI_FILTER_ACTOR], a->code))
                g_ptr_array_add (who, g_strdup (a->name));
            }
          for (guint i = 0; f->values[TRI_FILTER_ACTOR][i]; i++)
            {
              const char *code = f->values[TRI_FILTER_ACTOR][i];
              gboolean known = FALSE;

              for (guint j = 0; actors != NULL && j < actors->len && !known; j++)
                known = g_str_equal (((TriActor *) actors->pdata[j])->code, code);
              if (!known)
                g_ptr_array_add (who, g_strdup (code));
            }
        }

      if (conf->len > 0)
        conf_words = join_or (lang, conf);
      if (cat->len > 0)
        cat_words = join_or (lang, cat);

      /* TRANSLATORS: "confirmed military events": %1$s is one or more
       * confidences ("confirmed or reported"), %2$s one or more categories
       * ("military or economic") */
      if (conf_words != NULL && cat_words != NULL)
        events = g_strdup_printf (D_(lang, "%1$s %2$s events"), conf_words, cat_words);
      /* TRANSLATORS: "confirmed events", "military events": %s is one or
       * more confidences or categories */
      else if (conf_words != NULL || cat_words != NULL)
        events = g_strdup_printf (D_(lang, "%s events"), conf_words ? conf_words : cat_words);

      if (who->len > 0)
        {
          g_autofree char *names = join_or (lang, who);

          if (events != NULL)
            /* TRANSLATORS: "confirmed military events involving Russia or China" */
            g_ptr_array_add (parts, g_strdup_printf (D_(lang, "%1$s involving %2$s"), events, names));
          else
            /* TRANSLATORS: "events involving Russia or China" */
            g_ptr_array_add (parts, g_strdup_printf (D_(lang, "events involving %s"), names));
        }
      else
        /* TRANSLATORS: "confirmed military events only" */
        g_ptr_array_add (parts, g_strdup_printf (D_(lang, "%s only"), events));
    }

  if (f->values[TRI_FILTER_GRADE] != NULL)
    /* TRANSLATORS: %s is an Admiralty grade such as B2: source reliability
     * A or B and credibility 1 or 2 */
    g_ptr_array_add (parts, g_strdup_printf (D_(lang, "quotes graded %s or better"),
                                             f->values[TRI_FILTER_GRADE][0]));
  if (f->values[TRI_FILTER_CLAIM] != NULL)
    {
      g_autoptr(GPtrArray) claims = g_ptr_array_new ();
      g_autofree char *words = NULL;

      for (guint i = 0; f->values[TRI_FILTER_CLAIM][i]; i++)
        {
          TriClaim c;

          if (tri_claim_from_string (f->values[TRI_FILTER_CLAIM][i], &c))
            g_ptr_array_add (claims, (gpointer) claim_words (lang, c));
        }
      words = join_or (lang, claims);
      /* TRANSLATORS: %s is one or more claim types ("fact or official statement") */
      g_ptr_array_add (parts, g_strdup_printf (D_(lang, "quotes of claim type %s"), words));
    }
  if (f->values[TRI_FILTER_SOURCE] != NULL)
    {
      g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *words = NULL;

      if (store != NULL)
        sources = tri_store_list_sources (store, lang, NULL);
      for (guint i = 0; f->values[TRI_FILTER_SOURCE][i]; i++)
        {
          const char *id = f->values[TRI_FILTER_SOURCE][i];
          const char *title = id;

          for (guint j = 0; sources != NULL && j < sources->len; j++)
            {
              const TriSource *s = sources->pdata[j];

              if (g_str_equal (s->id, id) && s->title != NULL && *s->title != '\0')
                title = s->title;
            }
          g_ptr_array_add (titles, g_strdup_printf (D_(lang, "“%s”"), title));
        }
      words = join_or (lang, titles);
      /* TRANSLATORS: %s is one or more source titles, each in quotation marks */
      g_ptr_array_add (parts, g_strdup_printf (D_(lang, "quotes from %s"), words));
    }

  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: between the parts of a filter described in words:
   * "confirmed military events only; quotes graded B2 or better" */
  return g_strjoinv (D_(lang, "; "), (char **) parts->pdata);
}
