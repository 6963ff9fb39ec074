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
