/* fuzz-date.c: the honest-date parser, and its labels
 *
 * Property: a date that parses prints back to a canonical form that parses
 * to the same date, and labels in every language without crashing; a date
 * written in words (tri_date_parse_text()) has labels in every language
 * that read back as the same date.
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

  if (tri_date_parse_text (text, &d, NULL))
    {
      g_autofree char *stored = tri_date_to_string (&d);

      for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
        {
          g_autofree char *label = tri_date_label (&d, langs[i]);
          g_autofree char *back_stored = NULL;
          TriDate back;

          if (!tri_date_parse_text (label, &back, NULL))
            abort ();
          back_stored = tri_date_to_string (&back);
          if (strcmp (stored, back_stored) != 0 || tri_date_compare (&d, &back) != 0)
            abort ();
        }
    }

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
