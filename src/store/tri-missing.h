/* tri-missing.h: the text fields a briefing lacks in each language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "tri-store.h"

G_BEGIN_DECLS

typedef enum
{
  TRI_MISSING_BRIEFING,   /* the briefing's title */
  TRI_MISSING_ACTOR,      /* an actor's name */
  TRI_MISSING_EVENT,      /* an event's title, summary or claimed-by */
  TRI_MISSING_SOURCE,     /* a source's description */
  TRI_MISSING_QUOTE,      /* a quote's translation */
} TriMissingKind;

/* One text field with no value in one language */
typedef struct
{
  const char     *lang;        /* interned: "en", "vi", "ru", "zh_CN", "ko" */
  TriMissingKind  kind;
  char           *id;          /* the actor's code, event's or quote's id, source's id; "" for the briefing */
  const char     *field;       /* static: title, name, summary, claimed_by, description, translation */
  char           *belongs_to;  /* what it belongs to, in English or the first language it has */
} TriMissing;

#define TRI_MISSING_N_LANGS 5

const char * const *tri_missing_languages      (void);
const char         *tri_missing_kind_to_string (TriMissingKind  kind);
GPtrArray          *tri_missing_from_store     (TriStore       *store,
                                                const char     *lang,
                                                GError        **error);
GPtrArray          *tri_missing_from_db        (sqlite3        *db,
                                                const char     *lang,
                                                GError        **error);
guint               tri_missing_count          (GPtrArray      *missing,
                                                const char     *lang);

G_END_DECLS
