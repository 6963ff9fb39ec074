/* tri-filter.h: which events and quotes the views, the exports and the
 * command line show
 *
 * A filter is a set of facets, each with a set of values: the values of
 * one facet combine with OR, the facets with AND. An event passes when
 * its category, confidence and actors match; a quote passes when its
 * event passes (a quote that backs a relation only passes the event
 * facets when none is set) and its claim, grade and source match.
 *
 * The text form (tri_filter_parse (), tri_filter_to_string ()) is
 * "category=military,confidence=confirmed,grade=B2,actor=RUS|PRK":
 * ',' between facets, '|' between the values of one facet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tri-model.h"
#include "tri-store.h"

G_BEGIN_DECLS

#define TRI_FILTER_ERROR (tri_filter_error_quark ())

typedef enum
{
  TRI_FILTER_ERROR_INVALID = 1,   /* the text names no facet, or a value the facet does not have */
  TRI_FILTER_ERROR_UNKNOWN,       /* an actor or a source this briefing does not have (tri_filter_check ()) */
} TriFilterError;

typedef enum {
  TRI_FILTER_CATEGORY,    /* event category: "military", "diplomacy", … (the store's codes) */
  TRI_FILTER_CONFIDENCE,  /* event confidence: "confirmed", "reported", "alleged" */
  TRI_FILTER_CLAIM,       /* quote claim type: the store's codes ("unstated" for none) */
  TRI_FILTER_GRADE,       /* at most one value, "B2": source reliability A–F and credibility 1–6 at least this good */
  TRI_FILTER_SOURCE,      /* source ids */
  TRI_FILTER_ACTOR,       /* actor codes: events that involve the actor */
  TRI_FILTER_N_FACETS
} TriFilterFacet;

typedef struct _TriFilter TriFilter;        /* boxed: TRI_TYPE_FILTER */

#define TRI_TYPE_FILTER (tri_filter_get_type ())

GType       tri_filter_get_type   (void) G_GNUC_CONST;
GQuark      tri_filter_error_quark (void);

TriFilter  *tri_filter_new        (void);                 /* matches everything */
TriFilter  *tri_filter_copy       (const TriFilter *f);
void        tri_filter_free       (TriFilter *f);
gboolean    tri_filter_is_empty   (const TriFilter *f);
gboolean    tri_filter_equal      (const TriFilter *a, const TriFilter *b);
/* "category=military,confidence=confirmed,grade=B2,actor=RUS|PRK": ',' between
 * facets, '|' between values of one facet (OR), facets combine with AND */
TriFilter  *tri_filter_parse      (const char *text, GError **error);
char       *tri_filter_to_string  (const TriFilter *f);   /* the canonical text; "" when empty */
const char * const *tri_filter_get_values (const TriFilter *f, TriFilterFacet facet); /* NULL-terminated, NULL when unset */
void        tri_filter_set_values (TriFilter *f, TriFilterFacet facet, const char * const *values); /* NULL clears */
/* "confirmed military events only", in the data language lang (D_ catalogue) */
char       *tri_filter_describe   (const TriFilter *f, TriStore *store, const char *lang);

/* Additions beyond the contract */

/* the facet's name in the text form ("category"), and back */
const char *tri_filter_facet_to_string   (TriFilterFacet facet);
gboolean    tri_filter_facet_from_string (const char *text, TriFilterFacet *facet);
/* whether any of the event facets (category, confidence, actor) or the
 * quote facets (claim, grade, source) are set */
gboolean    tri_filter_has_event_facets  (const TriFilter *f);
gboolean    tri_filter_has_quote_facets  (const TriFilter *f);
/* every actor and source the filter names exists in store; otherwise a
 * TRI_FILTER_ERROR_UNKNOWN sentence naming it and listing the valid ones */
gboolean    tri_filter_check      (const TriFilter *f, TriStore *store, GError **error);

/* The tests themselves: an event by its category, confidence and the
 * actor codes of its relations (actors: NULL-terminated, the codes of
 * both ends of each relation it is linked to); a quote by its own claim,
 * grade and source only (whether its event passes is the caller's:
 * tri_store_quote_passes () asks both). NULL f passes everything. */
gboolean    tri_filter_match_event (const TriFilter    *f,
                                    TriCategory         category,
                                    TriConfidence       confidence,
                                    const char * const *actors);
gboolean    tri_filter_match_quote (const TriFilter *f,
                                    const TriQuote  *quote);
/* the same from its parts: reliability 'A'..'F' or 0, credibility 1..6 or 0 */
gboolean    tri_filter_match_quote_facts (const TriFilter *f,
                                          TriClaim         claim,
                                          char             reliability,
                                          int              credibility,
                                          const char      *source_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriFilter, tri_filter_free)

G_END_DECLS
