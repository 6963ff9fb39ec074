/* tri-validate.c: the one set of rules for what a briefing may hold
 *
 * tri-compile (for data/briefing.json) and the document (for edits made
 * in the window) both check through here, so they refuse the same things
 * with the same words. Each sentence starts in lower case: tri-compile
 * puts what it is about in front ("event 15: "), an editor shows it beside
 * the field with tri_capitalize_first().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-validate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tri-filter.h"
#include "tri-validate.h"

G_DEFINE_QUARK (tri-validate-error-quark, tri_validate_error)

static gboolean G_GNUC_PRINTF (3, 4)
refuse (GError     **error,
        int          code,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL && *error == NULL)
    *error = g_error_new_valist (TRI_VALIDATE_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

/**
 * tri_validate_date:
 *
 * An honest date as an analyst writes it, in any of the five languages,
 * or in the stored form ("2024-06-19", "June 2024", "early 2024",
 * "2020–2021", "tháng 6/2024"; see tri_date_parse_text(), whose words
 * these are). The editors and tri-compile (data/briefing.json) accept the
 * same texts; what is stored is always tri_date_to_string()'s form.
 */
gboolean
tri_validate_date (const char  *text,
                   TriDate     *date,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (text == NULL || *text == '\0')
    return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("no date"));
  if (!tri_date_parse_text (text, date, &local_error))
    return refuse (error, TRI_VALIDATE_ERROR_INVALID, "%s", local_error->message);
  return TRUE;
}

gboolean
tri_validate_category (const char   *text,
                       TriCategory  *category,
                       GError      **error)
{
  if (text != NULL && tri_category_from_string (text, category))
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("unknown category “%s”: use diplomacy, economy, military, multilateral, humanitarian or leaders"),
                 text ? text : "");
}

gboolean
tri_validate_confidence (const char     *text,
                         TriConfidence  *confidence,
                         GError        **error)
{
  if (text != NULL && tri_confidence_from_string (text, confidence))
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("unknown confidence “%s”: use confirmed, reported or alleged"),
                 text ? text : "");
}

/* An event only reported or alleged says who claims it. */
gboolean
tri_validate_claimed_by (TriConfidence   confidence,
                         const char     *claimed_by_en,
                         GError        **error)
{
  if (confidence == TRI_CONFIDENCE_CONFIRMED ||
      (claimed_by_en != NULL && *claimed_by_en != '\0'))
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("reported or alleged, but no claimed_by says who claims it"));
}

gboolean
tri_validate_stance (const char  *text,
                     TriStance   *stance,
                     GError     **error)
{
  if (text != NULL && tri_stance_from_string (text, stance))
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("each relation needs a stance (cooperation, tension or neutral) and a weight 1–3"));
}

gboolean
tri_validate_weight (gint64   weight,
                     GError **error)
{
  if (weight >= 1 && weight <= 3)
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("each relation needs a stance (cooperation, tension or neutral) and a weight 1–3"));
}

/* NULL is "not stated"; any other word must be one of the six. */
gboolean
tri_validate_claim (const char  *text,
                    TriClaim    *claim,
                    GError     **error)
{
  *claim = TRI_CLAIM_UNSTATED;
  if (text == NULL)
    return TRUE;
  if (tri_claim_from_string (text, claim) && *claim != TRI_CLAIM_UNSTATED)
    return TRUE;
  *claim = TRI_CLAIM_UNSTATED;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("unknown claim “%s”: use fact, official, reported, allegation, assessment or forecast,"
                   " or leave it out when the quote does not say"), text);
}

gboolean
tri_validate_relation_code (const char  *code,
                            char       **a,
                            char       **b,
                            GError     **error)
{
  if (tri_relation_code_parse (code, a, b))
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("“%s” is not a relation code such as RUS-PRK"), code ? code : "");
}

/* An ISO 3166 alpha-3 code, or a body such as UN: 2 to 8 capital letters
 * or digits. */
gboolean
tri_validate_actor_code (const char  *code,
                         GError     **error)
{
  gsize len = code ? strlen (code) : 0;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (code[i]) && !g_ascii_isdigit (code[i]))
      len = 0;
  if (len >= 2 && len <= 8)
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("“%s” is not an actor code: use 2 to 8 capital letters or digits, such as RUS or UN"),
                 code ? code : "");
}

gboolean
tri_validate_color (const char  *text,
                    guint32     *color,
                    GError     **error)
{
  if (text != NULL && tri_color_parse (text, color))
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("“%s” is not a colour such as #0072B2"), text ? text : "");
}

/* A title, name or description: some text, and valid UTF-8. */
gboolean
tri_validate_text (const char  *text,
                   GError     **error)
{
  if (text == NULL || *text == '\0')
    return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("the text is empty"));
  if (!g_utf8_validate (text, -1, NULL))
    return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("the text is not valid UTF-8"));
  return TRUE;
}

gboolean
tri_validate_reliability (char     grade,
                          GError **error)
{
  if (grade == 0 || (grade >= 'A' && grade <= 'F'))
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("a source’s reliability is a letter from A (completely reliable) to F (cannot be judged)"));
}

gboolean
tri_validate_credibility (int      grade,
                          GError **error)
{
  if (grade >= 0 && grade <= TRI_CREDIBILITY_MAX)
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                 _("a quote’s credibility is a number from 1 (confirmed) to 6 (cannot be judged)"));
}

/**
 * tri_validate_cut_quote:
 * @document: a source's full text
 * @offset: the quote's first character, counted from 0
 * @length: how many characters it has
 *
 * Returns: (transfer full): the quote, cut out of @document itself so that
 *   it cannot differ from it, or %NULL when the characters are not there
 */
char *
tri_validate_cut_quote (const char  *document,
                        gint64       offset,
                        gint64       length,
                        GError     **error)
{
  glong chars = g_utf8_strlen (document, -1);
  const char *start;
  const char *end;

  if (offset < 0 || length <= 0 || offset > chars || length > chars - offset)
    {
      refuse (error, TRI_VALIDATE_ERROR_QUOTE,
              _("characters %lld to %lld are outside its source’s text,"
                " which has %ld characters"),
              (long long) offset, (long long) (offset + length), chars);
      return NULL;
    }
  start = g_utf8_offset_to_pointer (document, offset);
  end = g_utf8_offset_to_pointer (start, length);
  return g_strndup (start, end - start);
}

/* A quote written elsewhere (data/briefing.json) against its source's text. */
gboolean
tri_validate_quote_verbatim (const char  *document,
                             gint64       offset,
                             const char  *text,
                             GError     **error)
{
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *cut = tri_validate_cut_quote (document, offset, length, error);

  if (cut == NULL)
    return FALSE;
  if (!g_str_equal (cut, text))
    return refuse (error, TRI_VALIDATE_ERROR_QUOTE,
                   _("the quote is not its source’s text at character %lld"), (long long) offset);
  return TRUE;
}

/**
 * tri_validate_fingerprint:
 * @document: a source's text (UTF-8)
 * @chars: (out) (optional): its length in characters
 *
 * Which document a quote was checked against, without storing it: the
 * SHA-256 of its UTF-8 bytes, as `source_document.sha256` and
 * `quote.checked_sha256` hold it.
 *
 * Returns: (transfer full): 64 lowercase hexadecimal digits
 */
char *
tri_validate_fingerprint (const char *document,
                          gint64     *chars)
{
  if (chars != NULL)
    *chars = g_utf8_strlen (document, -1);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, document, -1);
}

/* a text of at most @max characters, or NULL */
static gboolean
check_length (const char  *text,
              glong        max,
              GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("the text is not valid UTF-8"));
  if (g_utf8_strlen (text, -1) > max)
    return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                   ngettext ("the text is longer than %ld character", "the text is longer than %ld characters", max),
                   (long) max);
  return TRUE;
}

/**
 * tri_validate_deck_name:
 *
 * A deck's name: not empty, not only spaces, at most
 * %TRI_DECK_MAX_NAME characters. Whether the briefing has another of the
 * name is the caller's to check.
 */
gboolean
tri_validate_deck_name (const char  *name,
                        GError     **error)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("a deck needs a name"));
  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("a deck needs a name"));
  if (g_utf8_strlen (name, -1) > TRI_DECK_MAX_NAME)
    return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("a deck’s name is at most %d characters"),
                   TRI_DECK_MAX_NAME);
  return TRUE;
}

/**
 * tri_validate_lang_code:
 *
 * A data language as files name it: "en", "vi", "zh_CN" (2 to 16
 * letters, digits, "_" or "-").
 */
gboolean
tri_validate_lang_code (const char  *lang,
                        GError     **error)
{
  gsize n = lang ? strlen (lang) : 0;
  gboolean ok = n >= 2 && n <= 16;

  for (gsize i = 0; ok && i < n; i++)
    ok = g_ascii_isalnum (lang[i]) || lang[i] == '_' || lang[i] == '-';
  if (!ok)
    return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                   _("“%s” is not a language code such as en, vi, ru, zh_CN or ko"), lang ? lang : "");
  return TRUE;
}

static gboolean
check_day (guint32   day,
           GError  **error)
{
  if (day == 0 || tri_day_valid (day))
    return TRUE;
  return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("a date is outside the years Trilateral can place"));
}

/**
 * tri_validate_slide:
 *
 * The rules of a slide, for every kind: its texts no longer than a slide
 * holds, its days ones Trilateral can place, a timeline range that ends
 * after it starts, a compare slide's earlier date before its “as of”, a
 * trend's span in order. Whether its relation, actor and event exist is
 * the caller's to check (it knows the briefing).
 */
gboolean
tri_validate_slide (const TriDeckSlide  *slide,
                    GError             **error)
{
  if (slide == NULL || (guint) slide->kind >= TRI_N_DECK_SLIDE_KINDS)
    return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                   _("unknown kind of slide: use view, text, compare or trend"));
  if (!check_length (slide->title, TRI_DECK_MAX_TITLE, error) ||
      !check_length (slide->judgement, TRI_DECK_MAX_TITLE, error) ||
      !check_length (slide->notes, TRI_DECK_MAX_TEXT, error) ||
      !check_length (slide->body, TRI_DECK_MAX_TEXT, error))
    return FALSE;
  if (!check_day (slide->as_of, error) || !check_day (slide->compare_from, error) ||
      !check_day (slide->trend_from, error) || !check_day (slide->trend_to, error))
    return FALSE;
  if (slide->window_months > TRI_DECK_MAX_WINDOW_MONTHS)
    return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("the period is at most %d months (0 is all time)"),
                   TRI_DECK_MAX_WINDOW_MONTHS);
  if ((slide->range_start == 0) != (slide->range_end == 0) ||
      (slide->range_start != 0 &&
       (!(slide->range_start < slide->range_end) || slide->range_start < TRI_DAY_MIN ||
        slide->range_end > (double) TRI_DAY_MAX + 1)))
    return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("the timeline’s range must end after it starts"));
  if (slide->lang != NULL && !tri_validate_lang_code (slide->lang, error))
    return FALSE;
  if (slide->filter != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(TriFilter) filter = tri_filter_parse (slide->filter, &local_error);

      if (filter == NULL)
        return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("its filter is not one Trilateral reads (%s)"),
                       local_error->message);
      if (strlen (slide->filter) > 4000)
        return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("a slide’s filter is at most 4000 characters"));
    }
  if (slide->kind == TRI_DECK_SLIDE_COMPARE)
    {
      if (slide->compare_from == 0)
        return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("a compare slide needs the date to compare from"));
      if (slide->as_of != 0 && slide->compare_from >= slide->as_of)
        return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                       _("a compare slide compares from a date before its “as of” date"));
    }
  if (slide->kind == TRI_DECK_SLIDE_TREND)
    {
      if (slide->trend_from == 0 || slide->trend_to == 0)
        return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("a trend slide needs the dates it spans, from and to"));
      if (slide->trend_from > slide->trend_to)
        return refuse (error, TRI_VALIDATE_ERROR_INVALID, _("a trend slide’s span must end after it starts"));
    }
  if (tri_trend_step_to_string (slide->trend_step) == NULL ||
      tri_trend_style_to_string (slide->trend_style) == NULL)
    return refuse (error, TRI_VALIDATE_ERROR_INVALID,
                   _("a trend goes by quarter or year, drawn as multiples or strip"));
  return TRUE;
}

/**
 * tri_validate_markings:
 *
 * Each marking at most %TRI_DECK_MAX_TITLE characters of valid text.
 */
gboolean
tri_validate_markings (const TriMarkings  *markings,
                       GError            **error)
{
  if (markings == NULL)
    return TRUE;
  return check_length (markings->marking, TRI_DECK_MAX_TITLE, error) &&
         check_length (markings->author, TRI_DECK_MAX_TITLE, error) &&
         check_length (markings->prepared, TRI_DECK_MAX_TITLE, error) &&
         check_length (markings->version, TRI_DECK_MAX_TITLE, error);
}
