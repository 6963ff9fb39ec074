/* tri-labels.h: the words for the data's categories, stances and confidences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tri-state.h"

G_BEGIN_DECLS

const char *tri_category_label        (TriCategory          category,
                                       const char          *lang);
const char *tri_confidence_label      (TriConfidence        confidence,
                                       const char          *lang);
const char *tri_stance_label          (TriStance            stance,
                                       const char          *lang);
const char *tri_claim_label           (TriClaim             claim,
                                       const char          *lang);
char       *tri_quote_describe_source (const TriQuote      *quote,
                                       const char          *lang);
char       *tri_quote_published_later (const TriQuote      *quote,
                                       guint32              as_of,
                                       const char          *lang);
char       *tri_edge_describe         (const TriEdgeState  *state,
                                       const char          *a_name,
                                       const char          *b_name,
                                       guint                window_months,
                                       guint32              as_of,
                                       const char          *lang);
const char *tri_edge_trend_label      (const TriEdgeState  *state,
                                       const char          *lang);
char       *tri_window_describe       (guint                window_months,
                                       guint32              as_of,
                                       const char          *lang);
char       *tri_grade_code            (char                 reliability,
                                       int                  credibility);
char       *tri_quote_grade_label     (const TriQuote      *quote,
                                       const char          *lang);
char       *tri_quote_grade_meaning   (const TriQuote      *quote,
                                       const char          *lang);
const char *tri_quote_unverified_label (const TriQuote     *quote,
                                       gboolean             compact,
                                       const char          *lang);
const char *tri_quote_verification_meaning (const TriQuote *quote,
                                       const char          *lang);

G_END_DECLS
