/* fuzz-cli.c: the command line's parsing of dates, relations, sizes,
 * views, file names and data formats
 *
 * The input is split into lines, each fed to every parser the command line
 * uses; dates are resolved against the bundled briefing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "export/tri-export.h"
#include "formats/tri-formats.h"
#include "store/tri-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static TriStore *store;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 8);

  if (store == NULL)
    {
      const char *db = g_getenv ("TRI_BRIEFING_DB");
      store = db ? tri_store_open (db, NULL) : NULL;
      if (store == NULL)
        abort ();
    }

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      int w = 0, h = 0;
      guint32 as_of = 0;
      TriExportView view;
      TriExportFormat format;
      TriDataFormat data_format;
      gboolean html = FALSE;

      if (tri_relation_code_parse (line, &a, &b) && (a == NULL || b == NULL || g_str_equal (a, b)))
        abort ();
      tri_store_find_relation (store, line, NULL);
      if (tri_export_parse_size (line, &w, &h, NULL) && (w < 16 || h < 16 || w > 16384 || h > 16384))
        abort ();
      tri_export_parse_view (line, &view, NULL);
      tri_export_format_for_path (line, &format, NULL);
      /* a data format from a name: HTML only for the evidence table */
      if (tri_data_format_for_path (line, &data_format, &html) && html && data_format != TRI_DATA_EVIDENCE)
        abort ();
      if (tri_data_format_from_string (line, &data_format) &&
          g_ascii_strcasecmp (tri_data_format_to_string (data_format), line) != 0)
        abort ();
      if (tri_export_resolve_as_of (store, line, &as_of, NULL) && as_of == 0)
        abort ();
      (void) tri_lang_normalize (line);
    }
  return 0;
}
