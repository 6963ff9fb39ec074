/* tri-import.h: TimelineJS3 timelines into Trilateral briefings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRI_IMPORT_ERROR (tri_import_error_quark ())

typedef enum
{
  TRI_IMPORT_ERROR_INVALID,   /* not a TimelineJS timeline Trilateral can read */
  TRI_IMPORT_ERROR_WRITE,     /* the new briefing could not be written */
} TriImportError;

/* The most Trilateral reads: a larger file is refused before it is read */
#define TRI_IMPORT_MAX_BYTES (64 * 1024 * 1024)

GQuark   tri_import_error_quark (void);
gboolean tri_import_timelinejs  (const char  *json_path,
                                 const char  *out_path,
                                 char       **summary,
                                 GError     **error);
char    *tri_html_to_text       (const char  *html);

G_END_DECLS
