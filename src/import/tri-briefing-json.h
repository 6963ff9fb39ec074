/* tri-briefing-json.h: the reader of Trilateral JSON (data/briefing.json)
 *
 * The one reader of the format data/briefing.schema.json describes:
 * tri-compile builds the bundled briefing with it, --import-json imports
 * with it. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define TRI_BRIEFING_JSON_ERROR (tri_briefing_json_error_quark ())

typedef enum
{
  TRI_BRIEFING_JSON_ERROR_INVALID = 1,   /* the file says something a briefing may not hold */
  TRI_BRIEFING_JSON_ERROR_WRITE,         /* the database could not be written */
} TriBriefingJsonError;

typedef struct
{
  const char *sources_dir;     /* check each quote against its source's file there; may be NULL */
  gboolean    require_vi;      /* titles and summaries also in Vietnamese (the bundled briefing) */
  gsize       max_text_bytes;  /* refuse a longer text; 0: no limit */
} TriBriefingJsonOptions;

GQuark    tri_briefing_json_error_quark (void);
gboolean  tri_briefing_json_load        (sqlite3                      *db,
                                         JsonObject                   *root,
                                         const TriBriefingJsonOptions *options,
                                         GError                      **error);

typedef struct _TriBriefingReader TriBriefingReader;

TriBriefingReader *tri_briefing_reader_new       (sqlite3                      *db,
                                                  JsonObject                   *title,
                                                  JsonArray                    *actors,
                                                  const TriBriefingJsonOptions *options,
                                                  GError                      **error);
gboolean           tri_briefing_reader_add_event (TriBriefingReader            *self,
                                                  JsonObject                   *event,
                                                  guint                         index,
                                                  GError                      **error);
void               tri_briefing_reader_free      (TriBriefingReader            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriBriefingReader, tri_briefing_reader_free)

G_END_DECLS
