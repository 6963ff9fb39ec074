/* tri-source-text.h: a source file's text, as the briefing stores it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRI_SOURCE_TEXT_ERROR (tri_source_text_error_quark ())

typedef enum
{
  TRI_SOURCE_TEXT_ERROR_FAILED = 1,   /* could not be read */
  TRI_SOURCE_TEXT_ERROR_FORMAT,       /* not .txt, .md or .html */
  TRI_SOURCE_TEXT_ERROR_ENCODING,     /* not UTF-8 (nor a charset the HTML names) */
  TRI_SOURCE_TEXT_ERROR_TOO_LARGE,    /* the file, or its text, is larger than the limit */
  TRI_SOURCE_TEXT_ERROR_MALFORMED,    /* HTML that ends inside a tag or comment */
  TRI_SOURCE_TEXT_ERROR_EMPTY,        /* no text at all */
} TriSourceTextError;

typedef enum
{
  TRI_SOURCE_FORMAT_TEXT,       /* .txt: plain text */
  TRI_SOURCE_FORMAT_MARKDOWN,   /* .md: kept as written, markup included */
  TRI_SOURCE_FORMAT_HTML,       /* .html: the text a browser shows */
} TriSourceFormat;

/* The largest file read: an HTML page is larger than its text, which is
 * stored up to TRI_STORE_MAX_LENGTH */
#define TRI_SOURCE_TEXT_MAX_FILE (16 * 1000 * 1000)

GQuark    tri_source_text_error_quark (void);

gboolean  tri_source_format_for_path  (const char       *path,
                                       TriSourceFormat  *format);
char     *tri_source_text_extract     (const char       *data,
                                       gsize             size,
                                       TriSourceFormat   format,
                                       const char       *name,
                                       GError          **error);
char     *tri_source_text_extract_full (const char      *data,
                                       gsize             size,
                                       TriSourceFormat   format,
                                       const char       *name,
                                       char            **title,
                                       char            **lang,
                                       GError          **error);
char     *tri_source_text_load        (const char       *path,
                                       char            **title,
                                       char            **lang,
                                       GError          **error);
char     *tri_source_text_normalize   (const char       *text);

G_END_DECLS
