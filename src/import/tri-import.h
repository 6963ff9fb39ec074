/* tri-import.h: TimelineJS3 timelines, spreadsheets (CSV), Trilateral JSON
 * and GDELT event files into Trilateral briefings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "document/tri-document.h"

G_BEGIN_DECLS

#define TRI_IMPORT_ERROR (tri_import_error_quark ())

typedef enum
{
  TRI_IMPORT_ERROR_INVALID,   /* not a TimelineJS timeline Trilateral can read */
  TRI_IMPORT_ERROR_WRITE,     /* the new briefing could not be written */
} TriImportError;

/* The most Trilateral reads: a larger file is refused before it is read */
#define TRI_IMPORT_MAX_BYTES (64 * 1024 * 1024)

/* Trilateral JSON is read whole too, and a briefing of 100,000 events in
 * five languages is written as 124 MB of it: --export-json's files must
 * come back in */
#define TRI_IMPORT_MAX_JSON_BYTES (256 * 1024 * 1024)

/* The deepest nesting of lists and objects read (a timeline needs 4);
 * deeper is refused before json-glib, which recurses per level, sees it */
#define TRI_IMPORT_MAX_DEPTH 64

/* The longest text written, in bytes: a quarter of the store's
 * TRI_STORE_MAX_LENGTH, so that a row of title, summary and claim stays
 * within what the store reads. A longer text is cut, with a note. */
#define TRI_IMPORT_MAX_TEXT_BYTES (1000 * 1000)

/* The longest display_date taken as a date's label; a longer one is a note */
#define TRI_IMPORT_MAX_LABEL_CHARS 100

typedef void (*TriImportProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

typedef enum
{
  TRI_IMPORT_TIMELINEJS,   /* TimelineJS3 JSON */
  TRI_IMPORT_CSV,          /* TimelineJS's spreadsheet layout, or Trilateral's own events CSV */
  TRI_IMPORT_JSON,         /* Trilateral JSON (data/briefing.schema.json) */
  TRI_IMPORT_GDELT,        /* GDELT 1.0 or 2.0 event export, tab-separated */
} TriImportFormat;

/* Where an import goes: a new briefing (@out_path), an editable one to
 * merge into (@into_path, or @into_document already open, as the window
 * has it; one undoable group), or with none, nowhere (the file is only
 * checked). One at most. */
typedef struct
{
  const char            *out_path;
  const char            *into_path;
  TriImportProgressFunc  progress;       /* may be NULL; called from the importing thread */
  gpointer               progress_data;
  GCancellable          *cancellable;    /* may be NULL */
  TriDocument           *into_document;  /* may be NULL */
  const char            *summary_name;   /* may be NULL: the name the summary gives @out_path
                                          * (the window imports into a temporary briefing
                                          * that it then merges) */
} TriImportTarget;

GQuark   tri_import_error_quark (void);
gboolean tri_import_timelinejs  (const char  *json_path,
                                 const char  *out_path,
                                 char       **summary,
                                 GError     **error);
gboolean tri_import_timelinejs_check (const char  *json_path,
                                      GError     **error);
gboolean tri_import_timelinejs_full (const char            *json_path,
                                     const char            *out_path,
                                     TriImportProgressFunc  progress,
                                     gpointer               progress_data,
                                     GCancellable          *cancellable,
                                     char                 **summary,
                                     GError               **error);
char    *tri_html_to_text       (const char  *html);

gboolean     tri_import_file             (TriImportFormat         format,
                                          const char             *path,
                                          const TriImportTarget  *target,
                                          char                  **summary,
                                          GError                **error);
const char  *tri_import_format_to_string (TriImportFormat         format);
gboolean     tri_import_merge_briefing   (TriDocument            *doc,
                                          TriImportFormat         format,
                                          const char             *briefing_path,
                                          char                  **summary,
                                          GError                **error);

G_END_DECLS
