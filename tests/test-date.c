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
  e = tri_day_to_iso (d.earliest);
  l = tri_day_to_iso (d.latest);
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
    "2021/2020", "2023/2023", "2023/2024/2025", "2023-10-01x",
    "abcd", "2023-Q5", "2023--01", "１２３４", "-", "--2023", "+2023",
    "602-01", "-44-03-15", "10000", "-10000", "12000-01", "9223372036854775807",
    "-0043-02-29", "0000-02-30", "2023-02-29",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      TriDate d;

      if (tri_date_parse (bad[i], &d, &error))
        g_error ("“%s” was taken for a date", bad[i]);
      g_assert_error (error, TRI_DATE_ERROR, error->code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

/* astronomical years: 0 is 1 BCE; a year alone needs no leading zeros */
static void
test_parse_any_year (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  TriDate d;

  assert_parse ("-0044-03-15", TRI_PRECISION_DAY, "-0044-03-15", "-0044-03-15");
  assert_parse ("-5410", TRI_PRECISION_YEAR, "-5410-01-01", "-5410-12-31");
  assert_parse ("0000", TRI_PRECISION_YEAR, "0000-01-01", "0000-12-31");
  assert_parse ("0000-02", TRI_PRECISION_MONTH, "0000-02-01", "0000-02-29");   /* 1 BCE was a leap year */
  assert_parse ("-0001-02", TRI_PRECISION_MONTH, "-0001-02-01", "-0001-02-28");
  assert_parse ("-9999-early", TRI_PRECISION_PART, "-9999-01-01", "-9999-04-30");
  assert_parse ("9999-12-31", TRI_PRECISION_DAY, "9999-12-31", "9999-12-31");
  assert_parse ("-0100/0100", TRI_PRECISION_SPAN, "-0100-01-01", "0100-12-31");
  assert_parse ("0602-Q3", TRI_PRECISION_PART, "0602-07-01", "0602-09-30");

  /* "602" is the year 602, written back with four digits */
  g_assert_true (tri_date_parse ("602", &d, &error));
  g_assert_no_error (error);
  canonical = tri_date_to_string (&d);
  g_assert_cmpstr (canonical, ==, "0602");
  g_assert_true (tri_date_parse ("-44", &d, NULL));
  g_assert_cmpint (d.from.year, ==, -44);

  /* a year too far is named as written, never wrapped */
  g_assert_false (tri_date_parse ("12000", &d, &error));
  g_assert_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "the year 12000 is outside −9999 to 9999"));
  g_clear_error (&error);
  g_assert_false (tri_date_parse ("-9223372036854775808", &d, &error));
  g_assert_nonnull (strstr (error->message, "−9223372036854775808"));
}

/* day numbers: our own proleptic Gregorian arithmetic, every day once */
static void
test_day_numbers (void)
{
  guint32 day = TRI_DAY_MIN;
  int y, m, d;

  g_assert_cmpuint (tri_day_from_ymd (-9999, 1, 1), ==, TRI_DAY_MIN);
  g_assert_cmpuint (tri_day_from_ymd (9999, 12, 31), ==, TRI_DAY_MAX);
  g_assert_cmpuint (tri_day_from_ymd (-10000, 12, 31), ==, 0);
  g_assert_cmpuint (tri_day_from_ymd (10000, 1, 1), ==, 0);
  g_assert_cmpuint (tri_day_from_ymd (2023, 2, 29), ==, 0);
  g_assert_false (tri_day_to_ymd (0, &y, &m, &d));
  g_assert_false (tri_day_to_ymd (TRI_DAY_MAX + 1, &y, &m, &d));

  /* files store Julian Day Numbers: JDN 0 is 24 November -4713 (Gregorian) */
  g_assert_cmpint (tri_day_to_jdn (tri_day_from_ymd (2024, 1, 1)), ==, 2460311);
  g_assert_cmpint (tri_day_to_jdn (tri_day_from_ymd (2000, 1, 1)), ==, 2451545);
  g_assert_cmpint (tri_day_to_jdn (tri_day_from_ymd (-4713, 11, 24)), ==, 0);
  g_assert_cmpint (tri_day_to_jdn (tri_day_from_ymd (1, 1, 1)), ==, 1721426);
  g_assert_true (tri_day_from_jdn (2460311, &day));
  g_assert_cmpuint (day, ==, tri_day_from_ymd (2024, 1, 1));
  g_assert_false (tri_day_from_jdn (tri_day_to_jdn (TRI_DAY_MAX) + 1, &day));
  g_assert_false (tri_day_from_jdn (tri_day_to_jdn (TRI_DAY_MIN) - 1, &day));
  g_assert_false (tri_day_from_jdn (G_MININT64, &day));

  /* every day from -9999 to 9999 follows the one before */
  day = TRI_DAY_MIN;
  for (int year = TRI_YEAR_MIN; year <= TRI_YEAR_MAX; year++)
    for (int month = 1; month <= 12; month++)
      for (int mday = 1; mday <= tri_days_in_month (year, month); mday++, day++)
        {
          if (tri_day_from_ymd (year, month, mday) != day)
            g_error ("%d-%d-%d is day %u, not %u", year, month, mday,
                     tri_day_from_ymd (year, month, mday), day);
          g_assert_true (tri_day_to_ymd (day, &y, &m, &d));
          if (y != year || m != month || d != mday)
            g_error ("day %u is %d-%d-%d, not %d-%d-%d", day, y, m, d, year, month, mday);
        }
  g_assert_cmpuint (day, ==, TRI_DAY_MAX + 1);
  /* day 1 is a Monday, as the timeline's weekly ticks assume: 19 June 2024 was a Wednesday */
  g_assert_cmpuint ((tri_day_from_ymd (2024, 6, 19) - 1) % 7, ==, 2);
  g_assert_cmpint (tri_days_in_month (1900, 2), ==, 28);
  g_assert_cmpint (tri_days_in_month (2000, 2), ==, 29);
  g_assert_cmpint (tri_days_in_month (-4, 2), ==, 29);
  g_assert_cmpint (tri_days_in_month (-100, 2), ==, 28);
}

static void
test_ordering (void)
{
  const char *sorted[] = { "-9999", "-5410", "-0044-03-15", "-0044-03-16", "-0001", "0000",
                           "0001", "602", "1999", "2020/2021", "2023-01/2023-11", "2023", "2023-09", "2023-09-13",
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
    { "2020/2021", { "2020–2021", "2020–2021", "2020–2021 гг.", "2020年至2021年", "2020~2021년" } },
    { "2023-01/2023-11", { "January–November 2023", "tháng 1–11 năm 2023", "январь–ноябрь 2023 г.", "2023年1月至11月", "2023년 1월~11월" } },
  };
  static const char * const langs[5] = { "en", "vi", "ru", "zh_CN", "ko" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint l = 0; l < 5; l++)
      assert_label (cases[i].date, langs[l], cases[i].labels[l]);
}

static const char * const langs5[5] = { "en", "vi", "ru", "zh_CN", "ko" };

/* a span says its month and year once, as a native writer does (issue 11) */
static void
test_labels_spans (void)
{
  static const struct { const char *date; const char *labels[5]; } cases[] = {
    { "2024-01-26/2024-01-27",
      { "26–27 January 2024", "26–27 tháng 1 năm 2024", "26–27 января 2024 г.", "2024年1月26日至27日", "2024년 1월 26~27일" } },
    { "2024-03-03/2024-04-05",
      { "3 March – 5 April 2024", "3 tháng 3 – 5 tháng 4 năm 2024", "3 марта – 5 апреля 2024 г.",
        "2024年3月3日至4月5日", "2024년 3월 3일~4월 5일" } },
    { "2023-12-30/2024-01-02",
      { "30 December 2023 – 2 January 2024", "30 tháng 12 năm 2023 – 2 tháng 1 năm 2024",
        "30 декабря 2023 г. – 2 января 2024 г.", "2023年12月30日至2024年1月2日", "2023년 12월 30일 ~ 2024년 1월 2일" } },
    { "2023-09/2024-early",
      { "September 2023 – early 2024", "tháng 9 năm 2023 – đầu năm 2024", "сентябрь 2023 г. – начало 2024 г.",
        "2023年9月至2024年初", "2023년 9월 ~ 2024년 초" } },
    /* before the common era: astronomical -5410 is 5411 BCE */
    { "-5410", { "5411 BCE", "năm 5411 TCN", "5411 г. до н. э.", "公元前5411年", "기원전 5411년" } },
    { "-0043-03-15",
      { "15 March 44 BCE", "15 tháng 3 năm 44 TCN", "15 марта 44 г. до н. э.", "公元前44年3月15日", "기원전 44년 3월 15일" } },
    { "0000", { "1 BCE", "năm 1 TCN", "1 г. до н. э.", "公元前1年", "기원전 1년" } },
    { "0602", { "602", "năm 602", "602 г.", "602年", "602년" } },
    { "0001-early", { "early 1", "đầu năm 1", "начало 1 г.", "1年初", "1년 초" } },
    { "-0999/-0899",
      { "1000–900 BCE", "1000–900 TCN", "1000–900 гг. до н. э.", "公元前1000年至公元前900年", "기원전 1000~900년" } },
    { "-0099/0100",
      { "100 BCE – 100", "năm 100 TCN – năm 100", "100 г. до н. э. – 100 г.", "公元前100年至100年", "기원전 100년 ~ 100년" } },
    { "-0043-01/-0043-03",
      { "January–March 44 BCE", "tháng 1–3 năm 44 TCN", "январь–март 44 г. до н. э.", "公元前44年1月至3月", "기원전 44년 1월~3월" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint l = 0; l < 5; l++)
      assert_label (cases[i].date, langs5[l], cases[i].labels[l]);
}

/* the cursor and "as of" dates are written as the labels are */
static void
test_day_labels (void)
{
  static const struct { int y, m, d; TriPrecision p; const char *labels[5]; } cases[] = {
    { 2024, 7, 1, TRI_PRECISION_DAY,
      { "1 July 2024", "1 tháng 7 năm 2024", "1 июля 2024 г.", "2024年7月1日", "2024년 7월 1일" } },
    { 2024, 7, 1, TRI_PRECISION_MONTH,
      { "July 2024", "tháng 7 năm 2024", "июль 2024 г.", "2024年7月", "2024년 7월" } },
    { 2024, 7, 1, TRI_PRECISION_YEAR, { "2024", "năm 2024", "2024 г.", "2024年", "2024년" } },
    { -5410, 2, 3, TRI_PRECISION_DAY,
      { "3 February 5411 BCE", "3 tháng 2 năm 5411 TCN", "3 февраля 5411 г. до н. э.",
        "公元前5411年2月3日", "기원전 5411년 2월 3일" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint l = 0; l < 5; l++)
      {
        guint32 day = tri_day_from_ymd (cases[i].y, cases[i].m, cases[i].d);
        g_autofree char *label = tri_day_label (day, cases[i].p, langs5[l]);

        g_assert_cmpstr (label, ==, cases[i].labels[l]);
      }

  {
    g_autofree char *none = tri_day_label (0, TRI_PRECISION_DAY, "en");
    g_autofree char *year = tri_year_label (-43, "zh_CN");

    g_assert_cmpstr (none, ==, "?");
    g_assert_cmpstr (year, ==, "公元前44年");
  }
}

/* a label at the start of a caption */
static void
test_capitalize (void)
{
  static const struct { const char *date; const char *lang; const char *caption; } cases[] = {
    { "2024-early", "vi", "Đầu năm 2024" },
    { "2024-early", "ru", "Начало 2024 г." },
    { "2024-early", "en", "Early 2024" },
    { "2023-09", "vi", "Tháng 9 năm 2023" },
    { "2024-early", "zh_CN", "2024年初" },
    { "-5410", "ko", "기원전 5411년" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *caption = NULL;
      TriDate d;

      g_assert_true (tri_date_parse (cases[i].date, &d, NULL));
      label = tri_date_label (&d, cases[i].lang);
      caption = tri_capitalize_first (label);
      g_assert_cmpstr (caption, ==, cases[i].caption);
    }

  {
    g_autofree char *empty = tri_capitalize_first ("");
    g_autofree char *bad = tri_capitalize_first ("\xff");

    g_assert_cmpstr (empty, ==, "");
    g_assert_cmpstr (bad, ==, "\xff");
    g_assert_null (tri_capitalize_first (NULL));
  }
}

static void
test_tick_labels (void)
{
  TriDate d;
  const char *langs[] = { "en", "vi", "ru", "zh_CN", "ko" };
  const char *quarters[] = { "Q3 2024", "Quý 3/2024", "III кв. 2024", "2024年第三季度", "2024년 3분기" };
  const char *months[] = { "Sep", "T9", "сент.", "9月", "9월" };
  /* with the year, every unit in every language names it */
  static const struct { int y, m, d; TriTickUnit unit; const char *labels[5]; } with_year[] = {
    { 2024, 7, 1, TRI_TICK_MONTH, { "Jul 2024", "T7/2024", "июль 2024", "2024年7月", "2024년 7월" } },
    { 2024, 4, 1, TRI_TICK_QUARTER, { "Q2 2024", "Quý 2/2024", "II кв. 2024", "2024年第二季度", "2024년 2분기" } },
    { 2024, 7, 1, TRI_TICK_DAY, { "1 Jul 2024", "1/7/2024", "1 июл. 2024", "2024年7月1日", "2024년 7월 1일" } },
    { 2024, 1, 1, TRI_TICK_YEAR, { "2024", "2024", "2024", "2024", "2024" } },
    { -5410, 1, 1, TRI_TICK_YEAR, { "5411 BCE", "5411 TCN", "5411 до н. э.", "公元前5411", "기원전 5411" } },
    { -43, 3, 1, TRI_TICK_MONTH, { "Mar 44 BCE", "T3/44 TCN", "март 44 до н. э.", "公元前44年3月", "기원전 44년 3월" } },
  };

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

  for (guint i = 0; i < G_N_ELEMENTS (with_year); i++)
    for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
      {
        guint32 day = tri_day_from_ymd (with_year[i].y, with_year[i].m, with_year[i].d);
        g_autofree char *label = tri_tick_label (day, with_year[i].unit, TRUE, langs[l]);

        g_assert_cmpstr (label, ==, with_year[i].labels[l]);
      }
}


/* A random end of a date of @precision in @year. */
static TriDatePoint
random_point (GRand        *rand,
              TriPrecision  precision,
              int           year)
{
  TriDatePoint p = { precision, year, 0, 0, TRI_PART_NONE };

  switch (precision)
    {
    case TRI_PRECISION_DAY:
      p.month = g_rand_int_range (rand, 1, 13);
      p.day = g_rand_int_range (rand, 1, tri_days_in_month (year, p.month) + 1);
      break;
    case TRI_PRECISION_MONTH:
      p.month = g_rand_int_range (rand, 1, 13);
      break;
    case TRI_PRECISION_PART:
      p.part = (TriPart) g_rand_int_range (rand, TRI_PART_EARLY, TRI_PART_H2 + 1);
      break;
    case TRI_PRECISION_YEAR:
    case TRI_PRECISION_SPAN:
    default:
      break;
    }
  return p;
}

static int
random_year (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0: return g_rand_int_range (rand, TRI_YEAR_MIN, TRI_YEAR_MAX + 1);
    case 1: return g_rand_int_range (rand, -100, 101);
    default: return g_rand_int_range (rand, 1900, 2100);
    }
}

/* Text from the stored form, so that earliest and latest are computed by
 * the parser under test's strict sibling, not by this test. */
static gboolean
date_from_points (const TriDatePoint *a,
                  const TriDatePoint *b,
                  TriDate            *d)
{
  TriDate tmp = { a->precision, *a, *a, 0, 0 };
  g_autofree char *text = NULL;

  if (b != NULL)
    {
      tmp.precision = TRI_PRECISION_SPAN;
      tmp.to = *b;
    }
  text = tri_date_to_string (&tmp);
  return tri_date_parse (text, d, NULL);
}

static void
assert_same_date (const TriDate *got,
                  const TriDate *want,
                  const char    *label,
                  const char    *lang)
{
  g_autofree char *g = tri_date_to_string (got);
  g_autofree char *w = tri_date_to_string (want);

  if (!g_str_equal (g, w) || got->precision != want->precision ||
      got->earliest != want->earliest || got->latest != want->latest)
    g_error ("%s: “%s” read back as %s, not %s", lang, label, g, w);
}

/* parse(label(d)) == d: every label in every language reads back */
static void
test_parse_labels_round_trip (void)
{
  static const char * const langs[] = { "en", "vi", "ru", "zh_CN", "ko" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240619);
  guint n = 0;

  for (int i = 0; i < 4000; i++)
    {
      TriPrecision pa = (TriPrecision) g_rand_int_range (rand, TRI_PRECISION_DAY, TRI_PRECISION_YEAR + 1);
      TriPrecision pb = (TriPrecision) g_rand_int_range (rand, TRI_PRECISION_DAY, TRI_PRECISION_YEAR + 1);
      gboolean span = g_rand_boolean (rand);
      int ya = random_year (rand);
      int yb;
      TriDatePoint a, b;
      TriDate d;

      /* spans within a year, a month and across years, each often */
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0: yb = ya; pb = pa; break;
        case 1: yb = ya; break;
        default: yb = MIN (ya + g_rand_int_range (rand, 0, 30), TRI_YEAR_MAX); break;
        }
      a = random_point (rand, pa, ya);
      b = random_point (rand, pb, yb);
      if (span && pa == TRI_PRECISION_DAY && pb == TRI_PRECISION_DAY && g_rand_boolean (rand))
        b.month = a.month, b.day = g_rand_int_range (rand, a.day, tri_days_in_month (ya, a.month) + 1);

      if (!date_from_points (&a, span ? &b : NULL, &d))
        continue;   /* a span that does not end after it starts */
      n++;

      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        {
          g_autofree char *label = tri_date_label (&d, langs[l]);
          g_autofree char *caption = tri_capitalize_first (label);
          g_autoptr(GError) error = NULL;
          TriDate back;

          if (!tri_date_parse_text (label, &back, &error))
            g_error ("%s: “%s” does not read back: %s", langs[l], label, error->message);
          assert_same_date (&back, &d, label, langs[l]);
          if (!tri_date_parse_text (caption, &back, &error))
            g_error ("%s: “%s” does not read back: %s", langs[l], caption, error->message);
          assert_same_date (&back, &d, caption, langs[l]);
        }
    }
  g_assert_cmpuint (n, >, 2500);

  /* a year that could be a day number, before a day: written with its era */
  {
    TriDate d, back;
    g_autofree char *label = NULL;

    g_assert_true (tri_date_parse ("0005/0008-06-20", &d, NULL));
    label = tri_date_label (&d, "en");
    g_assert_cmpstr (label, ==, "5 CE – 20 June 8");
    g_assert_true (tri_date_parse_text (label, &back, NULL));
    assert_same_date (&back, &d, label, "en");
  }
}

static void
assert_reads (const char *text,
              const char *stored)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  TriDate d;

  if (!tri_date_parse_text (text, &d, &error))
    g_error ("“%s” is refused: %s", text, error->message);
  got = tri_date_to_string (&d);
  if (!g_str_equal (got, stored))
    g_error ("“%s” reads as %s, not %s", text, got, stored);
}

static void
test_parse_text_accepts (void)
{
  g_autofree char *nfd = g_utf8_normalize ("cuối năm 2024", -1, G_NORMALIZE_NFD);

  /* English */
  assert_reads ("2024-06-19", "2024-06-19");
  assert_reads ("19 June 2024", "2024-06-19");
  assert_reads ("June 19, 2024", "2024-06-19");
  assert_reads ("june 19th, 2024", "2024-06-19");
  assert_reads ("June 2024", "2024-06");
  assert_reads ("Jun 2024", "2024-06");
  assert_reads ("early 2024", "2024-early");
  assert_reads ("mid-2024", "2024-mid");
  assert_reads ("late 2024", "2024-late");
  assert_reads ("Q2 2024", "2024-Q2");
  assert_reads ("first half of 2024", "2024-H1");
  assert_reads ("H1 2024", "2024-H1");
  assert_reads ("2024", "2024");
  assert_reads ("2020–2021", "2020/2021");
  assert_reads ("2020-2021", "2020/2021");
  assert_reads ("2020 to 2021", "2020/2021");
  assert_reads ("2020 - 2021", "2020/2021");
  assert_reads ("June–August 2024", "2024-06/2024-08");
  assert_reads ("June - August 2024", "2024-06/2024-08");
  assert_reads ("March 2020 – May 2021", "2020-03/2021-05");
  assert_reads ("from March 2020 to May 2021", "2020-03/2021-05");
  assert_reads ("19–21 June 2024", "2024-06-19/2024-06-21");
  assert_reads ("2024-06-19 – 2024-07-01", "2024-06-19/2024-07-01");
  assert_reads ("44 BCE", "-0043");
  assert_reads ("15 March 44 BCE", "-0043-03-15");
  assert_reads ("  June   2024 ", "2024-06");
  assert_reads ("2024-6-9", "2024-06-09");
  /* the rest of README's table */
  assert_reads ("19th June 2024", "2024-06-19");
  assert_reads ("2024/06/19", "2024-06-19");
  assert_reads ("mid 2024", "2024-mid");
  assert_reads ("2024 Q2", "2024-Q2");
  assert_reads ("second half of 2024", "2024-H2");
  assert_reads ("44 BC", "-0043");
  assert_reads ("June 19–21, 2024", "2024-06-19/2024-06-21");
  assert_reads ("2020/2021", "2020/2021");
  assert_reads ("0006/2024", "0006/2024");
  assert_reads ("13/2024", "0013/2024");
  assert_reads ("2023-01/2023-11", "2023-01/2023-11");
  assert_reads ("19 tháng 6 năm 2024", "2024-06-19");
  assert_reads ("T6/2024", "2024-06");
  assert_reads ("quý 2/2024", "2024-Q2");
  assert_reads ("6 tháng đầu năm 2024", "2024-H1");
  assert_reads ("nửa cuối năm 2024", "2024-H2");
  assert_reads ("năm 44 TCN", "-0043");
  assert_reads ("năm 2020–2021", "2020/2021");
  assert_reads ("tháng 6–8 năm 2024", "2024-06/2024-08");
  assert_reads ("19–21 tháng 6 năm 2024", "2024-06-19/2024-06-21");
  /* Vietnamese, in NFC or NFD */
  assert_reads ("ngày 19 tháng 6 năm 2024", "2024-06-19");
  assert_reads ("19/6/2024", "2024-06-19");
  assert_reads ("ngày 6/7/2024", "2024-07-06");
  assert_reads ("tháng 6 năm 2024", "2024-06");
  assert_reads ("tháng 6/2024", "2024-06");
  assert_reads ("đầu năm 2024", "2024-early");
  assert_reads ("Đầu năm 2024", "2024-early");
  assert_reads ("giữa năm 2024", "2024-mid");
  assert_reads ("cuối năm 2024", "2024-late");
  assert_reads (nfd, "2024-late");
  assert_reads ("quý 2 năm 2024", "2024-Q2");
  assert_reads ("nửa đầu năm 2024", "2024-H1");
  assert_reads ("năm 2024", "2024");
  assert_reads ("từ năm 2020 đến năm 2021", "2020/2021");
  assert_reads ("tháng 3 năm 2020 – tháng 5 năm 2021", "2020-03/2021-05");
  /* the other three, as their labels write them and a little more */
  assert_reads ("19 июня 2024 г.", "2024-06-19");
  assert_reads ("19.06.2024", "2024-06-19");
  assert_reads ("начало 2024 года", "2024-early");
  assert_reads ("2024年6月19日", "2024-06-19");
  assert_reads ("2024年上半年", "2024-H1");
  assert_reads ("2020年至2021年", "2020/2021");
  assert_reads ("2024년 6월 19일", "2024-06-19");
  assert_reads ("2024년 2분기", "2024-Q2");
  assert_reads ("2020~2021년", "2020/2021");
}

static void
assert_refused (const char *text,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  TriDate d;

  if (tri_date_parse_text (text, &d, &error))
    {
      g_autofree char *got = tri_date_to_string (&d);
      g_error ("“%s” is read as %s; it should be refused", text, got);
    }
  g_assert_nonnull (error);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” is refused with “%s”, which does not say “%s”", text, error->message, message);
}

static void
test_parse_text_refuses (void)
{
  /* day and month either way round: never guessed */
  assert_refused ("6/7/2024", "“6/7/2024” could be 6 July 2024 or 7 June 2024: write the month as a word"
                              " or the date as year-month-day, such as 6 July 2024 or 2024-07-06");
  assert_refused ("1/2/2023", "such as 1 February 2023 or 2023-02-01");
  /* a month and year, or the stored form's years 6 to 2024 */
  assert_refused ("6/2024", "“6/2024” could be June 2024 or 6–2024: write it so that it can only be one,"
                            " such as June 2024 or 2024-06");
  /* Vietnamese needs its diacritics */
  assert_refused ("dau nam 2024", "“dau nam 2024” is not a date: write Vietnamese with its diacritics,"
                                  " such as “đầu năm 2024”");
  assert_refused ("thang 6 nam 2024", "such as “tháng 6 năm 2024”");
  assert_refused ("ngay 19 thang 6 nam 2024", "such as “19 tháng 6 năm 2024”");
  assert_refused ("quy 2 nam 2024", "such as “quý 2 năm 2024”");
  assert_refused ("nửa dau năm 2024", "such as “nửa đầu năm 2024”");
  assert_refused ("31 June 2024", "“31 June 2024” is not a date: that month has no such day");
  assert_refused ("29 February 2023", "that month has no such day");
  assert_refused ("2024-02-30", "“2024-02-30” is not a date: that month has no such day");
  assert_refused ("23-01-01", "is not a date: write it as");
  assert_refused ("August–June 2024", "a span must end after it starts");
  assert_refused ("2021–2020", "a span must end after it starts");
  assert_refused ("12000", "years run from 10000 BCE to 9999");
  assert_refused ("12000-01", "years run from 10000 BCE to 9999");
  assert_refused ("June 12000", "years run from 10000 BCE to 9999");
  assert_refused ("Juneteenth 2024", "is not a date: write it as");
  assert_refused ("13/13/2024", "is not a date");
  assert_refused ("", "no date");
  assert_refused ("   ", "no date");
  assert_refused ("\xff\xfe", "no date");
  /* a sequence cut short at the end (found by fuzz-date) */
  assert_refused ("n-hEEE2\xe1\xbb\xad" "a \xc4\x91\xe1", "no date");
  assert_refused ("early", "is not a date");
  assert_refused ("Q5 2024", "is not a date");
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
  /* the refusals name the dates in the interface's language */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/parse-precision", test_parse_precision);
  g_test_add_func ("/date/parse-rejects", test_parse_rejects);
  g_test_add_func ("/date/parse-any-year", test_parse_any_year);
  g_test_add_func ("/date/day-numbers", test_day_numbers);
  g_test_add_func ("/date/ordering", test_ordering);
  g_test_add_func ("/date/labels", test_labels);
  g_test_add_func ("/date/labels-every-language", test_labels_every_language);
  g_test_add_func ("/date/labels-spans", test_labels_spans);
  g_test_add_func ("/date/day-labels", test_day_labels);
  g_test_add_func ("/date/capitalize", test_capitalize);
  g_test_add_func ("/date/tick-labels", test_tick_labels);
  g_test_add_func ("/date/lang-normalize", test_lang_normalize);
  g_test_add_func ("/date/parse-text-accepts", test_parse_text_accepts);
  g_test_add_func ("/date/parse-text-refuses", test_parse_text_refuses);
  g_test_add_func ("/date/parse-labels-round-trip", test_parse_labels_round_trip);
  return g_test_run ();
}
