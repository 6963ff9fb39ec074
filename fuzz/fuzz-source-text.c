/* fuzz-source-text.c: a source file's text, from hostile bytes
 *
 * The first byte picks the format (text, Markdown, HTML); the rest is the
 * file. Property: either one sentence of error, or valid UTF-8 with no
 * carriage return, no byte-order mark and some text, which extracting
 * again as plain text keeps as it is (what is stored is stable); the
 * headline found, if any, is one line of valid UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "document/tri-source-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lang = NULL;
  TriSourceFormat format;

  if (size == 0)
    return 0;
  format = data[0] % 3;
  text = tri_source_text_extract_full ((const char *) data + 1, size - 1, format, "fuzz", &title, &lang, &error);
  if (text == NULL)
    {
      if (error == NULL || error->domain != TRI_SOURCE_TEXT_ERROR || *error->message == '\0' ||
          !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }
  if (error != NULL || !g_utf8_validate (text, -1, NULL) || strchr (text, '\r') != NULL ||
      g_str_has_prefix (text, "\xEF\xBB\xBF"))
    abort ();
  /* what the file says of itself: a line of text, when it says it */
  if ((title != NULL && (!g_utf8_validate (title, -1, NULL) || *title == '\0' || strchr (title, '\n'))) ||
      (lang != NULL && !g_utf8_validate (lang, -1, NULL)))
    abort ();

  again = tri_source_text_extract (text, strlen (text), TRI_SOURCE_FORMAT_TEXT, "fuzz", NULL);
  if (again == NULL || strcmp (again, text) != 0)
    abort ();
  return 0;
}
