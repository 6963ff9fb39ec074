/* tri-model.h: plain values the store hands to the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tri-date.h"

G_BEGIN_DECLS

typedef enum
{
  TRI_CATEGORY_DIPLOMACY = 0,
  TRI_CATEGORY_ECONOMY,
  TRI_CATEGORY_MILITARY,
  TRI_CATEGORY_MULTILATERAL,
  TRI_CATEGORY_HUMANITARIAN,
  TRI_CATEGORY_LEADERS,
  TRI_N_CATEGORIES
} TriCategory;

typedef enum
{
  TRI_CONFIDENCE_CONFIRMED = 0,
  TRI_CONFIDENCE_REPORTED,
  TRI_CONFIDENCE_ALLEGED,
  TRI_N_CONFIDENCES
} TriConfidence;

typedef enum
{
  TRI_STANCE_COOPERATION = 0,
  TRI_STANCE_TENSION,
  TRI_STANCE_NEUTRAL,
  TRI_N_STANCES
} TriStance;

/* What kind of claim a quote makes, in its own words: nothing is a fact
 * until the quote says so; UNSTATED is shown as "not stated". */
typedef enum
{
  TRI_CLAIM_UNSTATED = 0,
  TRI_CLAIM_FACT,
  TRI_CLAIM_OFFICIAL,     /* an official statement */
  TRI_CLAIM_REPORTED,
  TRI_CLAIM_ALLEGATION,
  TRI_CLAIM_ASSESSMENT,   /* an analyst's or outlet's judgement */
  TRI_CLAIM_FORECAST,
  TRI_N_CLAIMS
} TriClaim;

/* Whether, and how, a quote was verified against its source: NONE is
 * shown as "not verified against the source". */
typedef enum
{
  TRI_VERIFICATION_NONE = 0,
  TRI_VERIFICATION_STORED_TEXT,   /* its source's stored text holds it at its offset,
                                   * checked as the briefing is read */
  TRI_VERIFICATION_BUILD_CHECK,   /* its source keeps only its document's fingerprint,
                                   * and the quote was checked against that document,
                                   * character for character at its offset, when it
                                   * was written (quote.checked_sha256) */
} TriVerification;

typedef struct
{
  char    *code;     /* ISO 3166 alpha-3, or a body such as "UN" */
  char    *name;     /* in the requested language, falling back to English */
  guint32  color;    /* 0xRRGGBB */
  int      rank;     /* 0, 1, 2 for the triangle; larger for the others */
} TriActor;

typedef struct
{
  gint64  id;
  char   *a;         /* actor codes, lower rank first */
  char   *b;
  char   *code;      /* "RUS-PRK" */
} TriRelation;

typedef struct
{
  gint64    relation_id;
  TriStance stance;
  int       weight;  /* 1..3 */
} TriLink;

typedef struct
{
  gint64         id;
  TriDate        date;
  TriCategory    category;
  TriConfidence  confidence;
  char          *title;
  char          *summary;
  char          *claimed_by; /* who claims it, for reported and alleged; may be NULL */
  char          *date_label; /* an imported file's own wording of the date; usually NULL */
  GArray        *links;      /* of TriLink */
} TriEvent;

typedef struct
{
  gint64         id;
  char          *text;          /* verbatim, in the source's language */
  char          *translation;   /* in the requested language (English fallback); may be NULL */
  char          *source_id;
  char          *source_title;
  gint64         offset;        /* in characters, into the source document */
  gint64         relation_id;
  gint64         event_id;      /* 0 when the quote backs the relation only */
  TriDate        date;          /* the event's date, or the source's */
  TriConfidence  confidence;    /* the event's, or confirmed */
  TriClaim       claim;         /* the quote's own claim type */
  TriDate        source_date;   /* when its source was published */
  char           reliability;   /* its source's, Admiralty 'A'..'F'; 0: ungraded */
  int            credibility;   /* its own, Admiralty 1..6; 0: ungraded */
  gboolean       verified;      /* verification != TRI_VERIFICATION_NONE */
  TriVerification verification; /* how: its source's stored text at its offset (see
                                 * tri_validate_quote_verbatim()), or the check made
                                 * when it was written */
  char          *checked_sha256; /* the fingerprint of the document it was checked
                                  * against when written; may be NULL */
} TriQuote;

typedef struct
{
  char    *id;
  char    *kind;
  char    *title;
  char    *outlet;
  char    *authors;      /* comma-separated, may be empty */
  char    *language;
  TriDate  date;
  char    *file;         /* file name of the document, may be NULL */
  char    *description;  /* in the requested language */
} TriSource;

void            tri_actor_free             (TriActor    *actor);
void            tri_relation_free          (TriRelation *relation);
TriEvent       *tri_event_copy             (const TriEvent *event);
void            tri_event_free             (TriEvent    *event);
void            tri_quote_free             (TriQuote    *quote);
TriQuote       *tri_quote_copy             (const TriQuote *quote);
void            tri_source_free            (TriSource   *source);

const char     *tri_category_to_string     (TriCategory   category);
gboolean        tri_category_from_string   (const char   *text,
                                            TriCategory  *category);
const char     *tri_confidence_to_string   (TriConfidence confidence);
gboolean        tri_confidence_from_string (const char    *text,
                                            TriConfidence *confidence);
const char     *tri_claim_to_string        (TriClaim      claim);
const char     *tri_verification_to_string (TriVerification verification);
gboolean        tri_claim_from_string      (const char   *text,
                                            TriClaim     *claim);
const char     *tri_stance_to_string       (TriStance     stance);
TriStance       tri_stance_dominant        (const guint   weight[TRI_N_STANCES]);
gboolean        tri_stance_from_string     (const char   *text,
                                            TriStance    *stance);
gboolean        tri_relation_code_parse    (const char   *code,
                                            char        **a,
                                            char        **b);
gboolean        tri_color_parse            (const char   *text,
                                            guint32      *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriActor, tri_actor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriRelation, tri_relation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriEvent, tri_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriQuote, tri_quote_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriSource, tri_source_free)

G_END_DECLS
