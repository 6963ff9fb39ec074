/* tri-validate.h: the one set of rules for what a briefing may hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tri-date.h"
#include "tri-deck.h"
#include "tri-model.h"

G_BEGIN_DECLS

#define TRI_VALIDATE_ERROR (tri_validate_error_quark ())

typedef enum
{
  TRI_VALIDATE_ERROR_INVALID = 1,   /* a value no field may hold */
  TRI_VALIDATE_ERROR_REFERENCE,     /* names something the briefing does not have */
  TRI_VALIDATE_ERROR_QUOTE,         /* a quote that is not its source's text */
} TriValidateError;

/* Source reliability in the Admiralty (NATO) system: A (completely
 * reliable) to F (cannot be judged); quote credibility 1 (confirmed) to
 * 6 (cannot be judged). 0 is ungraded. */
#define TRI_CREDIBILITY_MAX 6

GQuark    tri_validate_error_quark   (void);

gboolean  tri_validate_date          (const char     *text,
                                      TriDate        *date,
                                      GError        **error);
gboolean  tri_validate_category      (const char     *text,
                                      TriCategory    *category,
                                      GError        **error);
gboolean  tri_validate_confidence    (const char     *text,
                                      TriConfidence  *confidence,
                                      GError        **error);
gboolean  tri_validate_claimed_by    (TriConfidence   confidence,
                                      const char     *claimed_by_en,
                                      GError        **error);
gboolean  tri_validate_stance        (const char     *text,
                                      TriStance      *stance,
                                      GError        **error);
gboolean  tri_validate_weight        (gint64          weight,
                                      GError        **error);
gboolean  tri_validate_claim         (const char     *text,
                                      TriClaim       *claim,
                                      GError        **error);
gboolean  tri_validate_relation_code (const char     *code,
                                      char          **a,
                                      char          **b,
                                      GError        **error);
gboolean  tri_validate_actor_code    (const char     *code,
                                      GError        **error);
gboolean  tri_validate_color         (const char     *text,
                                      guint32        *color,
                                      GError        **error);
gboolean  tri_validate_text          (const char     *text,
                                      GError        **error);
gboolean  tri_validate_reliability   (char            grade,
                                      GError        **error);
gboolean  tri_validate_credibility   (int             grade,
                                      GError        **error);
char     *tri_validate_cut_quote     (const char     *document,
                                      gint64          offset,
                                      gint64          length,
                                      GError        **error);
gboolean  tri_validate_quote_verbatim (const char    *document,
                                      gint64          offset,
                                      const char     *text,
                                      GError        **error);
char     *tri_validate_fingerprint   (const char     *document,
                                      gint64         *chars);
gboolean  tri_validate_deck_name     (const char     *name,
                                      GError        **error);
gboolean  tri_validate_slide         (const TriDeckSlide *slide,
                                      GError        **error);
gboolean  tri_validate_markings      (const TriMarkings *markings,
                                      GError        **error);
gboolean  tri_validate_lang_code     (const char     *lang,
                                      GError        **error);

G_END_DECLS
