/* test-date.c: honest dates: precision, ordering and labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "store/tri-date.h"

static void
assert_parse (const char   *text,
              TriPrecision  precision,
              const char   *earliest,
              const char   *latest)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *e = NULL;
  g_autofree char *l = NULL;
  g_autofree char *round_trip = NULL;
  TriDate d;

  g_assert_true (tri_date_parse (text, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d.precision, ==, precision);
  e = tri_julian_to_iso (d.earliest);
  l = tri_julian_to_iso (d.latest);
  g_assert_cmpstr (e, ==, earliest);
  g_assert_cmpstr (l, ==, latest);
  round_trip = tri_date_to_string (&d);
  g_assert_cmpstr (round_trip, ==, text);
}

static void
test_parse_precision (void)
{
  assert_parse ("2023-09-13", TRI_PRECISION_DAY, "2023-09-13", "2023-09-13");
  assert_parse ("2023-10", TRI_PRECISION_MONTH, "2023-10-01", "2023-10-31");
  assert_parse ("2024-02", TRI_PRECISION_MONTH, "2024-02-01", "2024-02-29");
  assert_parse ("2024", TRI_PRECISION_YEAR, "2024-01-01", "2024-12-31");
  assert_parse ("2024-early", TRI_PRECISION_PART, "2024-01-01", "2024-04-30");
  assert_parse ("2024-mid", TRI_PRECISION_PART, "2024-05-01", "2024-08-31");
  assert_parse ("2024-late", TRI_PRECISION_PART, "2024-09-01", "2024-12-31");
  assert_parse ("2024-Q2", TRI_PRECISION_PART, "2024-04-01", "2024-06-30");
  assert_parse ("2024-H2", TRI_PRECISION_PART, "2024-07-01", "2024-12-31");
  assert_parse ("2020/2021", TRI_PRECISION_SPAN, "2020-01-01", "2021-12-31");
  assert_parse ("2023-01/2023-11", TRI_PRECISION_SPAN, "2023-01-01", "2023-11-30");
}

static void
test_parse_rejects (void)
{
  const char *bad[] = {
    "", "2023-13", "2023-02-30", "23-01-01", "2023-1", "2023-early-1",
    "2021/2020", "2023/2023", "2023/2024/2025", "0999", "2023-10-01x",
    "abcd", "2023-Q5", "-2023", "2023--01", "１２３４",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      TriDate d;

      g_assert_false (tri_date_parse (bad[i], &d, &error));
      g_assert_error (error, TRI_DATE_ERROR, error->code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_ordering (void)
{
  const char *sorted[] = { "2020/2021", "2023-01/2023-11", "2023", "2023-09", "2023-09-13",
                           "2023-10", "2024-early", "2024", "2024-02-19" };
  TriDate prev, cur;

  /* sorted by earliest possible day, then latest */
  g_assert_true (tri_date_parse (sorted[0], &prev, NULL));
  for (guint i = 1; i < G_N_ELEMENTS (sorted); i++)
    {
      g_assert_true (tri_date_parse (sorted[i], &cur, NULL));
      g_assert_cmpint (tri_date_compare (&prev, &cur), <, 0);
      prev = cur;
    }
}

static void
assert_label (const char *text,
              const char *lang,
              const char *expected)
{
  g_autofree char *label = NULL;
  TriDate d;

  g_assert_true (tri_date_parse (text, &d, NULL));
  label = tri_date_label (&d, lang);
  g_assert_cmpstr (label, ==, expected);
}

static void
test_labels (void)
{
  assert_label ("2023-09-13", "en", "13 September 2023");
  assert_label ("2023-09", "en", "September 2023");
  assert_label ("2024-early", "en", "early 2024");
  assert_label ("2024-mid", "en", "mid-2024");
  assert_label ("2024", "en", "2024");
  assert_label ("2020/2021", "en", "2020–2021");
  assert_label ("2023-01/2023-11", "en", "January–November 2023");
  assert_label ("2023-12-30/2024-01-02", "en", "30 December 2023 – 2 January 2024");

  assert_label ("2023-09-13", "vi", "13 tháng 9 năm 2023");
  assert_label ("2023-09", "vi_VN.UTF-8", "tháng 9 năm 2023");
  assert_label ("2024-early", "vi", "đầu năm 2024");
  assert_label ("2020/2021", "vi", "2020–2021");
  assert_label ("2023-01/2023-11", "vi", "tháng 1–11 năm 2023");

  assert_label ("2023-09-13", "ru", "13 сентября 2023 г.");
  assert_label ("2023-09", "ru", "сентябрь 2023 г.");
  assert_label ("2023-09-13", "zh_CN", "2023年9月13日");
  assert_label ("2024-early", "zh_CN.UTF-8", "2024年初");
  assert_label ("2023-09-13", "ko", "2023년 9월 13일");
  assert_label ("2024-early", "ko_KR", "2024년 초");

  /* an unknown language falls back to English, never to nothing */
  assert_label ("2023-09", "fr", "September 2023");
  assert_label ("2023-09", NULL, "September 2023");
}

/* every precision in every language, with no libc locale involved */
static void
test_labels_every_language (void)
{
  static const struct { const char *date; const char *labels[5]; } cases[] = {
    { "2023-09-13", { "13 September 2023", "13 tháng 9 năm 2023", "13 сентября 2023 г.", "2023年9月13日", "2023년 9월 13일" } },
    { "2023-09", { "September 2023", "tháng 9 năm 2023", "сентябрь 2023 г.", "2023年9月", "2023년 9월" } },
    { "2024-early", { "early 2024", "đầu năm 2024", "начало 2024 г.", "2024年初", "2024년 초" } },
    { "2024-late", { "late 2024", "cuối năm 2024", "конец 2024 г.", "2024年底", "2024년 말" } },
    { "2024-Q2", { "Q2 2024", "quý 2 năm 2024", "II квартал 2024 г.", "2024年第二季度", "2024년 2분기" } },
    { "2024-H1", { "first half of 2024", "nửa đầu năm 2024", "первое полугодие 2024 г.", "2024年上半年", "2024년 상반기" } },
    { "2024", { "2024", "năm 2024", "2024 г.", "2024年", "2024년" } },
    { "2020/2021", { "2020–2021", "2020–2021", "2020–2021 гг.", "2020–2021年", "2020–2021년" } },
    { "2023-01/2023-11", { "January–November 2023", "tháng 1–11 năm 2023", "январь–ноябрь 2023 г.", "2023年1月至11月", "2023년 1월~11월" } },
  };
  static const char * const langs[5] = { "en", "vi", "ru", "zh_CN", "ko" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint l = 0; l < 5; l++)
      assert_label (cases[i].date, langs[l], cases[i].labels[l]);
}

static void
test_tick_labels (void)
{
  TriDate d;
  const char *langs[] = { "en", "vi", "ru", "zh_CN", "ko" };
  const char *quarters[] = { "Q3 2024", "Quý 3/2024", "3 кв. 2024", "2024年第3季度", "2024년 3분기" };
  const char *months[] = { "Sep", "th9", "сент.", "9月", "9월" };

  g_assert_true (tri_date_parse ("2024-09-01", &d, NULL));
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *year = tri_tick_label (d.earliest, TRI_TICK_YEAR, TRUE, langs[l]);
      g_autofree char *quarter = tri_tick_label (d.earliest, TRI_TICK_QUARTER, TRUE, langs[l]);
      g_autofree char *month = tri_tick_label (d.earliest, TRI_TICK_MONTH, FALSE, langs[l]);

      g_assert_cmpstr (year, ==, "2024");
      g_assert_cmpstr (quarter, ==, quarters[l]);
      g_assert_cmpstr (month, ==, months[l]);
    }
}

static void
test_lang_normalize (void)
{
  g_assert_cmpstr (tri_lang_normalize ("vi_VN.UTF-8"), ==, "vi");
  g_assert_cmpstr (tri_lang_normalize ("zh_CN.UTF-8"), ==, "zh_CN");
  g_assert_cmpstr (tri_lang_normalize ("zh"), ==, "zh_CN");
  g_assert_cmpstr (tri_lang_normalize ("C.UTF-8"), ==, "en");
  g_assert_cmpstr (tri_lang_normalize ("en_GB@euro"), ==, "en");
  g_assert_cmpstr (tri_lang_normalize (""), ==, "en");
  g_assert_cmpstr (tri_lang_normalize ("fr_FR.UTF-8"), ==, "fr");
  /* regression (fuzz-cli): arbitrary text is not a language, and is not
   * interned, so input cannot grow the process without bound */
  g_assert_cmpstr (tri_lang_normalize ("x'); DROP TABLE event; --"), ==, "en");
  g_assert_cmpstr (tri_lang_normalize ("ENGLISH"), ==, "en");
  g_assert_cmpstr (tri_lang_normalize ("\xff\xfe"), ==, "en");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/parse-precision", test_parse_precision);
  g_test_add_func ("/date/parse-rejects", test_parse_rejects);
  g_test_add_func ("/date/ordering", test_ordering);
  g_test_add_func ("/date/labels", test_labels);
  g_test_add_func ("/date/labels-every-language", test_labels_every_language);
  g_test_add_func ("/date/tick-labels", test_tick_labels);
  g_test_add_func ("/date/lang-normalize", test_lang_normalize);
  return g_test_run ();
}
