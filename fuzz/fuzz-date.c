/* fuzz-date.c: the honest-date parser, and its labels
 *
 * Property: a date that parses prints back to a canonical form that parses
 * to the same date, and labels in every language without crashing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/tri-date.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *langs[] = { "en", "vi", "ru", "zh_CN", "ko", "fr" };
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *canonical = NULL;
  TriDate d, again;

  if (!tri_date_parse (text, &d, NULL))
    return 0;

  if (d.earliest > d.latest)
    abort ();

  canonical = tri_date_to_string (&d);
  if (!tri_date_parse (canonical, &again, NULL) || tri_date_compare (&d, &again) != 0 ||
      d.precision != again.precision)
    abort ();

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *label = tri_date_label (&d, langs[i]);
      g_autofree char *day = tri_day_label (d.earliest, TRI_PRECISION_DAY, langs[i]);
      g_autofree char *tick = tri_tick_label (d.earliest, TRI_TICK_QUARTER, TRUE, langs[i]);

      if (!g_utf8_validate (label, -1, NULL) || *label == '\0' || day == NULL || tick == NULL)
        abort ();
    }
  return 0;
}
