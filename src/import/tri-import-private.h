/* tri-import-private.h: what the importers share
 *
 * Each importer reads its file first (prepare: a file that cannot be read
 * or parsed is refused before anything is created), then writes it into
 * an empty briefing (fill), then says what it did (summarize).
 * tri_import_file() (tri-import-run.c) gives it the briefing: a new file
 * that appears only when whole, a temporary one merged into an editable
 * briefing, or one in memory to check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "tri-import.h"

G_BEGIN_DECLS

typedef struct
{
  sqlite3               *db;            /* an empty briefing, schema made, in a transaction */
  TriImportProgressFunc  progress;
  gpointer               progress_data;
  GCancellable          *cancellable;
} TriImportSink;

typedef struct _TriImporter TriImporter;
struct _TriImporter
{
  const char *path;                     /* the file imported, for messages */
  gboolean  (*fill)      (TriImporter *self, TriImportSink *sink, GError **error);
  char     *(*summarize) (TriImporter *self, const char *target);
  void      (*free)      (TriImporter *self);
};

TriImporter *tri_import_prepare          (TriImportFormat   format,
                                          const char       *path,
                                          GError          **error);
TriImporter *tri_import_timeline_new     (const char       *path,
                                          JsonNode         *root);
TriImporter *tri_import_briefing_new     (const char       *path,
                                          JsonNode         *root);
TriImporter *tri_import_csv_prepare      (const char       *path,
                                          GError          **error);
TriImporter *tri_import_json_prepare     (const char       *path,
                                          GError          **error);
TriImporter *tri_import_gdelt_prepare    (const char       *path,
                                          GError          **error);

gboolean     tri_import_invalid          (GError          **error,
                                          const char       *path,
                                          const char       *format,
                                          ...) G_GNUC_PRINTF (3, 4);
void         tri_import_set_unreadable   (GError          **error,
                                          const char       *path,
                                          int               saved_errno,
                                          gboolean          timeline);
char        *tri_import_read_input       (const char       *path,
                                          gsize             max_bytes,
                                          gsize            *len,
                                          gboolean          timeline,
                                          GError          **error);
gboolean     tri_import_check_utf8       (const char       *path,
                                          const char       *data,
                                          gsize             len,
                                          GError          **error);
gboolean     tri_import_prescan_json     (const char       *path,
                                          char             *data,
                                          gsize             len,
                                          guint            *n_nul,
                                          GError          **error);

G_END_DECLS
