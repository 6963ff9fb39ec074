/* tri-date.c: honest dates that know their precision
 *
 * Labels are built from tables here rather than from libc's strftime so that
 * a machine with only C.UTF-8 still labels dates correctly in every language,
 * and so that the data language can differ from the interface language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-date"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tri-date.h"

G_DEFINE_QUARK (tri-date-error-quark, tri_date_error)

typedef enum { LANG_EN, LANG_VI, LANG_RU, LANG_ZH, LANG_KO, N_LANGS } LangIndex;

static const char * const month_names_en[12] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};
static const char * const month_abbr_en[12] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
/* Russian: nominative for a month alone, genitive after a day number */
static const char * const month_nom_ru[12] = {
  "январь", "февраль", "март", "апрель", "май", "июнь", "июль",
  "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
};
static const char * const month_gen_ru[12] = {
  "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
  "августа", "сентября", "октября", "ноября", "декабря",
};
/* abbreviated, after a day number (genitive) */
static const char * const month_abbr_gen_ru[12] = {
  "янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.",
  "авг.", "сент.", "окт.", "нояб.", "дек.",
};
static const char * const month_abbr_ru[12] = {
  "янв.", "февр.", "март", "апр.", "май", "июнь", "июль",
  "авг.", "сент.", "окт.", "нояб.", "дек.",
};

static LangIndex
lang_index (const char *lang)
{
  lang = tri_lang_normalize (lang);
  if (g_str_equal (lang, "vi"))
    return LANG_VI;
  if (g_str_equal (lang, "ru"))
    return LANG_RU;
  if (g_str_equal (lang, "zh_CN"))
    return LANG_ZH;
  if (g_str_equal (lang, "ko"))
    return LANG_KO;
  return LANG_EN;
}

/**
 * tri_lang_normalize:
 * @lang: (nullable): a language or locale name such as "vi_VN.UTF-8"
 *
 * Returns: an interned language code: "en", "vi", "ru", "zh_CN", "ko", or
 *   the bare language part of @lang for any other language ("en" for
 *   anything that is not a language code: only real codes are interned, so
 *   arbitrary input cannot grow the process without bound).
 */
const char *
tri_lang_normalize (const char *lang)
{
  g_autofree char *base = NULL;
  char *p;

  if (lang == NULL || *lang == '\0' || g_str_equal (lang, "C") ||
      g_str_equal (lang, "POSIX") || g_str_has_prefix (lang, "C."))
    return g_intern_static_string ("en");

  base = g_strdup (lang);
  if ((p = strpbrk (base, ".@")) != NULL)
    *p = '\0';

  if (g_str_has_prefix (base, "zh"))
    return g_intern_static_string ("zh_CN");

  if ((p = strchr (base, '_')) != NULL)
    *p = '\0';
  if ((p = strchr (base, '-')) != NULL)
    *p = '\0';

  if (strlen (base) < 2 || strlen (base) > 3)
    return g_intern_static_string ("en");
  for (p = base; *p; p++)
    if (!g_ascii_islower (*p))
      return g_intern_static_string ("en");

  return g_intern_string (base);
}

/**
 * tri_lang_from_environment:
 *
 * Returns: the normalized language the interface follows (LANGUAGE, LC_ALL,
 *   LC_MESSAGES, LANG), "en" when none is set.
 */
const char *
tri_lang_from_environment (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *l = tri_lang_normalize (names[i]);

      /* g_get_language_names() ends with "C": skip it unless nothing else */
      if (!g_str_equal (names[i], "C"))
        return l;
    }

  return g_intern_static_string ("en");
}

const char *
tri_precision_to_string (TriPrecision precision)
{
  switch (precision)
    {
    case TRI_PRECISION_DAY: return "day";
    case TRI_PRECISION_MONTH: return "month";
    case TRI_PRECISION_PART: return "part";
    case TRI_PRECISION_YEAR: return "year";
    case TRI_PRECISION_SPAN: return "span";
    default: return "unknown";
    }
}

static const struct {
  const char *token;
  TriPart     part;
  int         first_month;
  int         last_month;
} parts[] = {
  { "early", TRI_PART_EARLY, 1, 4 },
  { "mid", TRI_PART_MID, 5, 8 },
  { "late", TRI_PART_LATE, 9, 12 },
  { "Q1", TRI_PART_Q1, 1, 3 },
  { "Q2", TRI_PART_Q2, 4, 6 },
  { "Q3", TRI_PART_Q3, 7, 9 },
  { "Q4", TRI_PART_Q4, 10, 12 },
  { "H1", TRI_PART_H1, 1, 6 },
  { "H2", TRI_PART_H2, 7, 12 },
};

/* Days from 1 January 1970 for a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), exact for every year an int holds. */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;                                   /* 0..399 */
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365 */
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* 0..146096 */
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era, doe, yoe, doy, mp, y;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (y + (*month <= 2));
}

/* 1 January -9999 (a Monday) is day 1: -4371587 days from 1970 */
#define DAY_EPOCH_OFFSET G_GINT64_CONSTANT (4371588)
/* the Julian Day Number of 1 January 1970 */
#define JDN_UNIX_EPOCH G_GINT64_CONSTANT (2440588)

G_STATIC_ASSERT (TRI_DAY_JDN_OFFSET == DAY_EPOCH_OFFSET - JDN_UNIX_EPOCH);

static gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/**
 * tri_days_in_month:
 *
 * Returns: the number of days of @month (1..12) in @year, or 0
 */
int
tri_days_in_month (int year,
                   int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month < 1 || month > 12)
    return 0;
  return days[month - 1] + (month == 2 && is_leap (year));
}

/**
 * tri_ymd_valid:
 *
 * Returns: whether @year-@month-@day is a day of the proleptic Gregorian
 *   calendar between -9999 and 9999
 */
gboolean
tri_ymd_valid (int year,
               int month,
               int day)
{
  return year >= TRI_YEAR_MIN && year <= TRI_YEAR_MAX &&
         month >= 1 && month <= 12 &&
         day >= 1 && day <= tri_days_in_month (year, month);
}

/**
 * tri_day_from_ymd:
 *
 * Returns: the day number of a date (see %TRI_DAY_MIN), or 0 when it is
 *   not a day between -9999 and 9999
 */
guint32
tri_day_from_ymd (int year,
                  int month,
                  int day)
{
  if (!tri_ymd_valid (year, month, day))
    return 0;
  return (guint32) (days_from_civil (year, month, day) + DAY_EPOCH_OFFSET);
}

gboolean
tri_day_valid (guint32 day)
{
  return day >= TRI_DAY_MIN && day <= TRI_DAY_MAX;
}

/**
 * tri_day_to_ymd:
 * @year: (out) (optional):
 * @month: (out) (optional):
 * @mday: (out) (optional): the day of the month
 *
 * Returns: %FALSE (and sets nothing) when @day is not a day number
 */
gboolean
tri_day_to_ymd (guint32  day,
                int     *year,
                int     *month,
                int     *mday)
{
  int y, m, d;

  if (!tri_day_valid (day))
    return FALSE;
  civil_from_days ((gint64) day - DAY_EPOCH_OFFSET, &y, &m, &d);
  if (year)
    *year = y;
  if (month)
    *month = m;
  if (mday)
    *mday = d;
  return TRUE;
}

/**
 * tri_day_to_jdn:
 *
 * Returns: the Julian Day Number of @day, as files store it. The mapping
 *   is the same for any number, so 0 and %G_MAXUINT32 (no limit) stay
 *   below and above every day.
 */
gint64
tri_day_to_jdn (guint32 day)
{
  return (gint64) day - TRI_DAY_JDN_OFFSET;
}

/**
 * tri_day_from_jdn:
 *
 * Returns: %FALSE when @jdn is not a day between -9999 and 9999
 */
gboolean
tri_day_from_jdn (gint64   jdn,
                  guint32 *day)
{
  if (jdn < (gint64) TRI_DAY_MIN - TRI_DAY_JDN_OFFSET ||
      jdn > (gint64) TRI_DAY_MAX - TRI_DAY_JDN_OFFSET)
    return FALSE;
  *day = (guint32) (jdn + TRI_DAY_JDN_OFFSET);
  return TRUE;
}

/**
 * tri_day_today:
 *
 * Returns: today's day number, in local time
 */
guint32
tri_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return tri_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now));
}

static void
point_bounds (const TriDatePoint *p,
              guint32            *earliest,
              guint32            *latest)
{
  int first_month = 1, last_month = 12;

  switch (p->precision)
    {
    case TRI_PRECISION_DAY:
      *earliest = *latest = tri_day_from_ymd (p->year, p->month, p->day);
      return;

    case TRI_PRECISION_MONTH:
      first_month = last_month = p->month;
      break;

    case TRI_PRECISION_PART:
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (parts[i].part == p->part)
          {
            first_month = parts[i].first_month;
            last_month = parts[i].last_month;
          }
      break;

    case TRI_PRECISION_YEAR:
    case TRI_PRECISION_SPAN:
    default:
      break;
    }

  *earliest = tri_day_from_ymd (p->year, first_month, 1);
  *latest = tri_day_from_ymd (p->year, last_month, tri_days_in_month (p->year, last_month));
}

static gboolean
parse_int (const char *s,
           gsize       len,
           int        *out)
{
  int v = 0;

  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* Parses one end of a date: no allocation, as a briefing of 100,000
 * events parses 100,000 of them on opening. A year alone may be written
 * with 1 to 4 digits ("602", "-5410"); with a month it has 4 ("0602-03",
 * "-0044-03-15"), as in ISO 8601, so that "23-01-01" is not taken for a
 * day in the year 23. */
static gboolean
parse_point (const char   *text,
             gsize         len,
             const char   *whole,
             TriDatePoint *p,
             GError      **error)
{
  const char *field[4];
  gsize field_len[4];
  guint n = 0;
  gsize start = 0;
  gboolean negative = FALSE;

  memset (p, 0, sizeof *p);

  if (len > 0 && text[0] == '-')
    {
      negative = TRUE;
      text++;
      len--;
    }

  for (gsize i = 0; i <= len; i++)
    if (i == len || text[i] == '-')
      {
        if (n == 4)
          goto invalid;
        field[n] = text + start;
        field_len[n] = i - start;
        n++;
        start = i + 1;
      }

  if (n == 0 || n > 3 || field_len[0] == 0)
    goto invalid;

  for (gsize i = 0; i < field_len[0]; i++)
    if (!g_ascii_isdigit (field[0][i]))
      goto invalid;

  if (field_len[0] > 4)
    {
      /* the digits as written, however many: never a wrapped number */
      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_RANGE,
                   "“%s” is not a date Trilateral can place: the year %s%.*s is outside −9999 to 9999",
                   whole, negative ? "−" : "", (int) field_len[0], field[0]);
      return FALSE;
    }

  if ((n > 1 && field_len[0] != 4) || !parse_int (field[0], field_len[0], &p->year))
    goto invalid;
  if (negative)
    p->year = -p->year;

  if (n == 1)
    {
      p->precision = TRI_PRECISION_YEAR;
      return TRUE;
    }

  if (n == 2)
    {
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (field_len[1] == strlen (parts[i].token) &&
            g_ascii_strncasecmp (field[1], parts[i].token, field_len[1]) == 0)
          {
            p->precision = TRI_PRECISION_PART;
            p->part = parts[i].part;
            return TRUE;
          }
    }

  if (field_len[1] != 2 || !parse_int (field[1], 2, &p->month) || p->month < 1 || p->month > 12)
    goto invalid;

  if (n == 2)
    {
      p->precision = TRI_PRECISION_MONTH;
      return TRUE;
    }

  if (field_len[2] != 2 || !parse_int (field[2], 2, &p->day) ||
      !tri_ymd_valid (p->year, p->month, p->day))
    goto invalid;

  p->precision = TRI_PRECISION_DAY;
  return TRUE;

invalid:
  g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_INVALID,
               "“%s” is not a date: use a form such as 2024-06-19, 2024-06, 2024, 2024-early, 2020/2021 or -0044-03-15",
               whole);
  return FALSE;
}

/**
 * tri_date_parse:
 * @text: "2024-06-19", "2024-06", "2024", "2024-early|mid|late",
 *   "2024-Q1".."2024-Q4", "2024-H1|H2", or a span "A/B" of two of those
 *
 * Parses an honest date: the result keeps the precision the text has.
 */
gboolean
tri_date_parse (const char  *text,
                TriDate     *date,
                GError     **error)
{
  const char *slash;
  guint32 e1, l1, e2, l2;

  g_return_val_if_fail (date != NULL, FALSE);

  memset (date, 0, sizeof *date);

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL) || strlen (text) > 64)
    {
      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_INVALID,
                   "An empty or unreadable date: use a form such as 2024-06-19, 2024-06 or 2024");
      return FALSE;
    }

  slash = strchr (text, '/');
  if (slash != NULL && strchr (slash + 1, '/') != NULL)
    {
      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_INVALID,
                   "“%s” is not a date: a span has exactly one “/”", text);
      return FALSE;
    }

  if (!parse_point (text, slash ? (gsize) (slash - text) : strlen (text), text, &date->from, error))
    return FALSE;

  if (slash == NULL)
    {
      date->to = date->from;
      date->precision = date->from.precision;
      point_bounds (&date->from, &date->earliest, &date->latest);
      return TRUE;
    }

  if (!parse_point (slash + 1, strlen (slash + 1), text, &date->to, error))
    return FALSE;

  point_bounds (&date->from, &e1, &l1);
  point_bounds (&date->to, &e2, &l2);

  if (e2 < e1 || l2 <= l1)
    {
      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_RANGE,
                   "“%s” is not a date: a span must end after it starts", text);
      return FALSE;
    }

  date->precision = TRI_PRECISION_SPAN;
  date->earliest = e1;
  date->latest = l2;

  return TRUE;
}

static void
append_point_string (GString            *s,
                     const TriDatePoint *p)
{
  if (p->year < 0)
    g_string_append_printf (s, "-%04d", -p->year);
  else
    g_string_append_printf (s, "%04d", p->year);
  switch (p->precision)
    {
    case TRI_PRECISION_DAY:
      g_string_append_printf (s, "-%02d-%02d", p->month, p->day);
      break;
    case TRI_PRECISION_MONTH:
      g_string_append_printf (s, "-%02d", p->month);
      break;
    case TRI_PRECISION_PART:
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (parts[i].part == p->part)
          g_string_append_printf (s, "-%s", parts[i].token);
      break;
    case TRI_PRECISION_YEAR:
    case TRI_PRECISION_SPAN:
    default:
      break;
    }
}

/**
 * tri_date_to_string:
 *
 * Returns: the canonical text form that tri_date_parse() reads back.
 */
char *
tri_date_to_string (const TriDate *date)
{
  GString *s = g_string_new (NULL);

  append_point_string (s, &date->from);
  if (date->precision == TRI_PRECISION_SPAN)
    {
      g_string_append_c (s, '/');
      append_point_string (s, &date->to);
    }
  return g_string_free (s, FALSE);
}

/* The year as labels write it. Astronomical year 0 is 1 BCE, −5410 is
 * 5411 BCE. @unit: Russian labels write "г." after the year, ticks do not. */
static const char *
year_text (int        year,
           LangIndex  l,
           gboolean   unit,
           char      *buf,
           gsize      size)
{
  if (year > 0)
    g_snprintf (buf, size, l == LANG_RU && unit ? "%d г." : "%d", year);
  else
    switch (l)
      {
      case LANG_VI: g_snprintf (buf, size, "%d TCN", 1 - year); break;
      case LANG_RU: g_snprintf (buf, size, unit ? "%d г. до н. э." : "%d до н. э.", 1 - year); break;
      case LANG_ZH: g_snprintf (buf, size, "公元前%d", 1 - year); break;
      case LANG_KO: g_snprintf (buf, size, "기원전 %d", 1 - year); break;
      case LANG_EN:
      case N_LANGS:
      default: g_snprintf (buf, size, "%d BCE", 1 - year); break;
      }
  return buf;
}

#define YEAR_BUF 48
#define YEAR(y, unit) year_text ((y), l, (unit), ybuf, sizeof ybuf)

static const char *
part_label_format (TriPart   part,
                   LangIndex l)
{
  /* %s is the year */
  static const char * const formats[][N_LANGS] = {
    [TRI_PART_EARLY] = { "early %s", "đầu năm %s", "начало %s", "%s年初", "%s년 초" },
    [TRI_PART_MID]   = { "mid-%s", "giữa năm %s", "середина %s", "%s年年中", "%s년 중반" },
    [TRI_PART_LATE]  = { "late %s", "cuối năm %s", "конец %s", "%s年底", "%s년 말" },
    [TRI_PART_Q1]    = { "Q1 %s", "quý 1 năm %s", "I квартал %s", "%s年第一季度", "%s년 1분기" },
    [TRI_PART_Q2]    = { "Q2 %s", "quý 2 năm %s", "II квартал %s", "%s年第二季度", "%s년 2분기" },
    [TRI_PART_Q3]    = { "Q3 %s", "quý 3 năm %s", "III квартал %s", "%s年第三季度", "%s년 3분기" },
    [TRI_PART_Q4]    = { "Q4 %s", "quý 4 năm %s", "IV квартал %s", "%s年第四季度", "%s년 4분기" },
    [TRI_PART_H1]    = { "first half of %s", "nửa đầu năm %s", "первое полугодие %s", "%s年上半年", "%s년 상반기" },
    [TRI_PART_H2]    = { "second half of %s", "nửa cuối năm %s", "второе полугодие %s", "%s年下半年", "%s년 하반기" },
  };

  if (part <= TRI_PART_NONE || part > TRI_PART_H2)
    return "%s";
  return formats[part][l];
}

static void
append_point_label (GString            *s,
                    const TriDatePoint *p,
                    LangIndex           l)
{
  char ybuf[YEAR_BUF];
  const char *y = YEAR (p->year, TRUE);
  int m = CLAMP (p->month, 1, 12) - 1;

  switch (p->precision)
    {
    case TRI_PRECISION_DAY:
      switch (l)
        {
        case LANG_VI: g_string_append_printf (s, "%d tháng %d năm %s", p->day, p->month, y); break;
        case LANG_RU: g_string_append_printf (s, "%d %s %s", p->day, month_gen_ru[m], y); break;
        case LANG_ZH: g_string_append_printf (s, "%s年%d月%d日", y, p->month, p->day); break;
        case LANG_KO: g_string_append_printf (s, "%s년 %d월 %d일", y, p->month, p->day); break;
        case LANG_EN:
        case N_LANGS:
        default: g_string_append_printf (s, "%d %s %s", p->day, month_names_en[m], y); break;
        }
      break;

    case TRI_PRECISION_MONTH:
      switch (l)
        {
        case LANG_VI: g_string_append_printf (s, "tháng %d năm %s", p->month, y); break;
        case LANG_RU: g_string_append_printf (s, "%s %s", month_nom_ru[m], y); break;
        case LANG_ZH: g_string_append_printf (s, "%s年%d月", y, p->month); break;
        case LANG_KO: g_string_append_printf (s, "%s년 %d월", y, p->month); break;
        case LANG_EN:
        case N_LANGS:
        default: g_string_append_printf (s, "%s %s", month_names_en[m], y); break;
        }
      break;

    case TRI_PRECISION_PART:
      g_string_append_printf (s, part_label_format (p->part, l), y);
      break;

    case TRI_PRECISION_YEAR:
    case TRI_PRECISION_SPAN:
    default:
      switch (l)
        {
        case LANG_VI: g_string_append_printf (s, "năm %s", y); break;
        case LANG_ZH: g_string_append_printf (s, "%s年", y); break;
        case LANG_KO: g_string_append_printf (s, "%s년", y); break;
        case LANG_RU:
        case LANG_EN:
        case N_LANGS:
        default: g_string_append (s, y); break;
        }
      break;
    }
}

/* A span written the way a native writer shortens it: "2020–2021",
 * "January–November 2023", "26–27 January 2024", "3 March – 5 April 2024".
 * Only ends in the same era share a year word. */
static gboolean
append_compact_span (GString       *s,
                     const TriDate *date,
                     LangIndex      l)
{
  const TriDatePoint *a = &date->from, *b = &date->to;
  char ybuf[YEAR_BUF];
  const char *y = YEAR (b->year, TRUE);
  int am = CLAMP (a->month, 1, 12) - 1, bm = CLAMP (b->month, 1, 12) - 1;

  if (a->precision == TRI_PRECISION_YEAR && b->precision == TRI_PRECISION_YEAR)
    {
      if (a->year > 0)
        switch (l)
          {
          case LANG_RU: g_string_append_printf (s, "%d–%d гг.", a->year, b->year); return TRUE;
          case LANG_ZH: g_string_append_printf (s, "%d年至%d年", a->year, b->year); return TRUE;
          case LANG_KO: g_string_append_printf (s, "%d~%d년", a->year, b->year); return TRUE;
          case LANG_VI:
          case LANG_EN:
          case N_LANGS:
          default: g_string_append_printf (s, "%d–%d", a->year, b->year); return TRUE;
          }
      if (b->year <= 0)
        switch (l)
          {
          case LANG_VI: g_string_append_printf (s, "%d–%d TCN", 1 - a->year, 1 - b->year); return TRUE;
          case LANG_RU: g_string_append_printf (s, "%d–%d гг. до н. э.", 1 - a->year, 1 - b->year); return TRUE;
          case LANG_ZH: return FALSE;   /* 公元前3000年至公元前2900年 */
          case LANG_KO: g_string_append_printf (s, "기원전 %d~%d년", 1 - a->year, 1 - b->year); return TRUE;
          case LANG_EN:
          case N_LANGS:
          default: g_string_append_printf (s, "%d–%d BCE", 1 - a->year, 1 - b->year); return TRUE;
          }
      return FALSE;
    }

  if (a->year != b->year)
    return FALSE;

  if (a->precision == TRI_PRECISION_MONTH && b->precision == TRI_PRECISION_MONTH)
    {
      switch (l)
        {
        case LANG_VI: g_string_append_printf (s, "tháng %d–%d năm %s", a->month, b->month, y); break;
        case LANG_RU: g_string_append_printf (s, "%s–%s %s", month_nom_ru[am], month_nom_ru[bm], y); break;
        case LANG_ZH: g_string_append_printf (s, "%s年%d月至%d月", y, a->month, b->month); break;
        case LANG_KO: g_string_append_printf (s, "%s년 %d월~%d월", y, a->month, b->month); break;
        case LANG_EN:
        case N_LANGS:
        default: g_string_append_printf (s, "%s–%s %s", month_names_en[am], month_names_en[bm], y); break;
        }
      return TRUE;
    }

  if (a->precision == TRI_PRECISION_DAY && b->precision == TRI_PRECISION_DAY &&
      a->month == b->month)
    {
      switch (l)
        {
        case LANG_VI: g_string_append_printf (s, "%d–%d tháng %d năm %s", a->day, b->day, a->month, y); break;
        case LANG_RU: g_string_append_printf (s, "%d–%d %s %s", a->day, b->day, month_gen_ru[am], y); break;
        case LANG_ZH: g_string_append_printf (s, "%s年%d月%d日至%d日", y, a->month, a->day, b->day); break;
        case LANG_KO: g_string_append_printf (s, "%s년 %d월 %d~%d일", y, a->month, a->day, b->day); break;
        case LANG_EN:
        case N_LANGS:
        default: g_string_append_printf (s, "%d–%d %s %s", a->day, b->day, month_names_en[am], y); break;
        }
      return TRUE;
    }

  if (a->precision == TRI_PRECISION_DAY && b->precision == TRI_PRECISION_DAY)
    {
      switch (l)
        {
        case LANG_VI: g_string_append_printf (s, "%d tháng %d – %d tháng %d năm %s", a->day, a->month, b->day, b->month, y); break;
        case LANG_RU: g_string_append_printf (s, "%d %s – %d %s %s", a->day, month_gen_ru[am], b->day, month_gen_ru[bm], y); break;
        case LANG_ZH: g_string_append_printf (s, "%s年%d月%d日至%d月%d日", y, a->month, a->day, b->month, b->day); break;
        case LANG_KO: g_string_append_printf (s, "%s년 %d월 %d일~%d월 %d일", y, a->month, a->day, b->month, b->day); break;
        case LANG_EN:
        case N_LANGS:
        default: g_string_append_printf (s, "%d %s – %d %s %s", a->day, month_names_en[am], b->day, month_names_en[bm], y); break;
        }
      return TRUE;
    }

  return FALSE;
}

/**
 * tri_date_label:
 * @lang: a language code (see tri_lang_normalize())
 *
 * Returns: a label that claims no more precision than @date has, such as
 *   "13 September 2023", "September 2023", "early 2024", "2020–2021",
 *   "26–27 January 2024" or "5411 BCE", starting with a small letter where
 *   the language has them (see tri_capitalize_first() for a caption).
 */
char *
tri_date_label (const TriDate *date,
                const char    *lang)
{
  static const char * const range_marker[N_LANGS] = { " – ", " – ", " – ", "至", " ~ " };
  LangIndex l = lang_index (lang);
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (date != NULL, NULL);

  if (date->precision != TRI_PRECISION_SPAN)
    append_point_label (s, &date->from, l);
  else if (!append_compact_span (s, date, l))
    {
      append_point_label (s, &date->from, l);
      /* "5 CE – 20 June 8", not "5 – 20 June 8", which reads as days 5 to 20 */
      if (l == LANG_EN && date->from.precision == TRI_PRECISION_YEAR &&
          date->from.year >= 1 && date->from.year <= 31)
        g_string_append (s, " CE");
      g_string_append (s, range_marker[l]);
      append_point_label (s, &date->to, l);
    }

  return g_string_free (s, FALSE);
}

/**
 * tri_year_label:
 *
 * Returns: a year as tri_date_label() writes it: "2024", "năm 2024",
 *   "602 г.", "公元前5411年", "5411 BCE"
 */
char *
tri_year_label (int         year,
                const char *lang)
{
  TriDatePoint p = { TRI_PRECISION_YEAR, year, 0, 0, TRI_PART_NONE };
  GString *s = g_string_new (NULL);

  append_point_label (s, &p, lang_index (lang));
  return g_string_free (s, FALSE);
}

/**
 * tri_capitalize_first:
 *
 * Returns: @text with its first character in title case, for a label at
 *   the start of a caption or sentence: "Đầu năm 2024", "Начало 2024 г.";
 *   text in scripts without case (Han, Hangul) is returned unchanged.
 */
char *
tri_capitalize_first (const char *text)
{
  gunichar c;
  char first[8];
  int n;
  const char *rest;

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  c = g_utf8_get_char (text);
  rest = g_utf8_next_char (text);
  n = g_unichar_to_utf8 (g_unichar_totitle (c), first);
  first[n] = '\0';
  return g_strconcat (first, rest, NULL);
}

/**
 * tri_day_label:
 * @precision: DAY, MONTH or YEAR: how much of @day to show
 *
 * The label of the "as of" date, the cursor and a range of days, written
 * as tri_date_label() writes a date of that precision ("1 July 2024",
 * "1 июля 2024 г.", "1 tháng 7 năm 2024").
 */
char *
tri_day_label (guint32       day,
               TriPrecision  precision,
               const char   *lang)
{
  TriDatePoint p = { 0 };
  GString *s;

  if (!tri_day_to_ymd (day, &p.year, &p.month, &p.day))
    return g_strdup ("?");

  p.precision = precision == TRI_PRECISION_YEAR || precision == TRI_PRECISION_MONTH
                ? precision : TRI_PRECISION_DAY;
  s = g_string_new (NULL);
  append_point_label (s, &p, lang_index (lang));
  return g_string_free (s, FALSE);
}

/**
 * tri_day_to_iso:
 *
 * Returns: "2024-06-19", "0602-01-01", "-0044-03-15"; "0000-00-00" for
 *   what is not a day
 */
char *
tri_day_to_iso (guint32 day)
{
  int y, m, d;

  if (!tri_day_to_ymd (day, &y, &m, &d))
    return g_strdup ("0000-00-00");
  if (y < 0)
    return g_strdup_printf ("-%04d-%02d-%02d", -y, m, d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

gboolean
tri_day_from_iso (const char *iso,
                  guint32    *day)
{
  TriDate date;

  if (iso == NULL || !tri_date_parse (iso, &date, NULL) || date.precision != TRI_PRECISION_DAY)
    return FALSE;
  *day = date.earliest;
  return TRUE;
}

int
tri_date_compare (const TriDate *a,
                  const TriDate *b)
{
  if (a->earliest != b->earliest)
    return a->earliest < b->earliest ? -1 : 1;
  if (a->latest != b->latest)
    return a->latest < b->latest ? -1 : 1;
  return 0;
}

/**
 * tri_tick_label:
 * @day: the first day of the tick's period
 * @with_year: whether the label also names the year; in every language
 *   and unit it then does
 *
 * A short label for a timeline tick: "2024", "Q3", "Q3 2024", "Sep",
 * "Sep 2024", "13 Sep", "13 Sep 2024"; quarters are written as the date
 * labels write them ("III кв." as "III квартал", "第三季度").
 */
char *
tri_tick_label (guint32      day,
                TriTickUnit  unit,
                gboolean     with_year,
                const char  *lang)
{
  static const char * const roman[4] = { "I", "II", "III", "IV" };
  static const char * const zh_number[4] = { "一", "二", "三", "四" };
  LangIndex l = lang_index (lang);
  char ybuf[YEAR_BUF];
  const char *y;
  int year, m, d, q;

  if (!tri_day_to_ymd (day, &year, &m, &d))
    return g_strdup ("?");
  y = YEAR (year, FALSE);
  q = (m - 1) / 3;

  switch (unit)
    {
    case TRI_TICK_YEAR:
      return g_strdup (y);

    case TRI_TICK_QUARTER:
      switch (l)
        {
        case LANG_VI: return with_year ? g_strdup_printf ("Quý %d/%s", q + 1, y) : g_strdup_printf ("Quý %d", q + 1);
        case LANG_RU: return with_year ? g_strdup_printf ("%s кв. %s", roman[q], y) : g_strdup_printf ("%s кв.", roman[q]);
        case LANG_ZH: return with_year ? g_strdup_printf ("%s年第%s季度", y, zh_number[q]) : g_strdup_printf ("第%s季度", zh_number[q]);
        case LANG_KO: return with_year ? g_strdup_printf ("%s년 %d분기", y, q + 1) : g_strdup_printf ("%d분기", q + 1);
        case LANG_EN:
        case N_LANGS:
        default: return with_year ? g_strdup_printf ("Q%d %s", q + 1, y) : g_strdup_printf ("Q%d", q + 1);
        }

    case TRI_TICK_MONTH:
      switch (l)
        {
        case LANG_VI: return with_year ? g_strdup_printf ("T%d/%s", m, y) : g_strdup_printf ("T%d", m);
        case LANG_RU: return with_year ? g_strdup_printf ("%s %s", month_abbr_ru[m - 1], y) : g_strdup (month_abbr_ru[m - 1]);
        case LANG_ZH: return with_year ? g_strdup_printf ("%s年%d月", y, m) : g_strdup_printf ("%d月", m);
        case LANG_KO: return with_year ? g_strdup_printf ("%s년 %d월", y, m) : g_strdup_printf ("%d월", m);
        case LANG_EN:
        case N_LANGS:
        default: return with_year ? g_strdup_printf ("%s %s", month_abbr_en[m - 1], y) : g_strdup (month_abbr_en[m - 1]);
        }

    case TRI_TICK_DAY:
    default:
      switch (l)
        {
        case LANG_VI: return with_year ? g_strdup_printf ("%d/%d/%s", d, m, y) : g_strdup_printf ("%d/%d", d, m);
        case LANG_RU: return with_year ? g_strdup_printf ("%d %s %s", d, month_abbr_gen_ru[m - 1], y) : g_strdup_printf ("%d %s", d, month_abbr_gen_ru[m - 1]);
        case LANG_ZH: return with_year ? g_strdup_printf ("%s年%d月%d日", y, m, d) : g_strdup_printf ("%d月%d日", m, d);
        case LANG_KO: return with_year ? g_strdup_printf ("%s년 %d월 %d일", y, m, d) : g_strdup_printf ("%d월 %d일", m, d);
        case LANG_EN:
        case N_LANGS:
        default: return with_year ? g_strdup_printf ("%d %s %s", d, month_abbr_en[m - 1], y) : g_strdup_printf ("%d %s", d, month_abbr_en[m - 1]);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Dates as analysts write them
 *
 * The text is normalised (NFC, case folded, runs of white space made one
 * space, every dash, "~", "至", " to " and " đến " made "–" without spaces
 * around it, "19th" made "19"), then matched against templates. In a
 * template "%1d" is the first end's day, "%2m" the second end's month as a
 * number, "%1B" a month name (English or Russian, full or abbreviated),
 * "%1Y" a year with or without its era in any of the five languages, "%1N"
 * a bare year of the common era, "%1P" a bare year before it, "%1I" a
 * year of four digits (in "2024-6-19"), "%s" the
 * year of a part of a year (the label formats themselves), and "–" any
 * dash. What one end of a span leaves out (the year in "June–August 2024",
 * the month in "19–20 June 2024") it shares with the other. A text that
 * two templates read as two different dates is refused, never guessed. */

enum { TPL_DAY_FIRST = 1 << 0 };   /* "6/7/2024": day first only when it cannot be a month */

typedef struct
{
  const char *pattern;
  guint       flags;
} DateTemplate;

static const DateTemplate templates[] = {
  /* a day */
  { "%1I-%1m-%1d", 0 },
  { "%1d %1B %1Y", 0 },
  { "%1d %1B, %1Y", 0 },
  { "%1B %1d, %1Y", 0 },
  { "%1B %1d %1Y", 0 },
  { "%1d/%1m/%1Y", TPL_DAY_FIRST },
  { "%1d.%1m.%1Y", 0 },
  { "%1Y/%1m/%1d", 0 },
  { "%1Y.%1m.%1d", 0 },
  { "%1Y. %1m. %1d.", 0 },
  { "ngày %1d tháng %1m năm %1Y", 0 },
  { "ngày %1d tháng %1m, năm %1Y", 0 },
  { "%1d tháng %1m năm %1Y", 0 },
  { "ngày %1d/%1m/%1Y", 0 },
  { "%1Y年%1m月%1d日", 0 },
  { "%1Y年%1m月%1d号", 0 },
  { "%1Y년 %1m월 %1d일", 0 },
  /* a month */
  { "%1I-%1m", 0 },
  { "%1B %1Y", 0 },
  { "%1B, %1Y", 0 },
  { "tháng %1m năm %1Y", 0 },
  { "tháng %1m/%1Y", 0 },
  { "%1m/%1Y", 0 },   /* "6/2024": also the stored form's years 6 to 2024, so refused */
  { "t%1m/%1Y", 0 },
  { "%1Y年%1m月", 0 },
  { "%1Y년 %1m월", 0 },
  /* a year */
  { "%1Y", 0 },
  { "năm %1Y", 0 },
  { "%1Y年", 0 },
  { "%1Y년", 0 },
  /* spans that share a year or a month */
  { "%1N–%2N", 0 },
  { "năm %1N–%2N", 0 },
  { "%1N–%2N гг.", 0 },
  { "%1N年–%2N年", 0 },
  { "%1N–%2N년", 0 },
  { "%1P–%2P bce", 0 },
  { "%1P–%2P bc", 0 },
  { "%1P–%2P tcn", 0 },
  { "%1P–%2P гг. до н. э.", 0 },
  { "기원전 %1P–%2P년", 0 },
  { "%1B–%2B %2Y", 0 },
  { "%1d–%2d %2B %2Y", 0 },
  { "%1d %1B–%2d %2B %2Y", 0 },
  { "%1B %1d–%2d, %2Y", 0 },
  { "%1B %1d–%2B %2d, %2Y", 0 },
  { "tháng %1m–%2m năm %2Y", 0 },
  { "%1d–%2d tháng %2m năm %2Y", 0 },
  { "%1d tháng %1m–%2d tháng %2m năm %2Y", 0 },
  { "%1Y年%1m月–%2m月", 0 },
  { "%1Y年%1m月%1d日–%2d日", 0 },
  { "%1Y年%1m月%1d日–%2m月%2d日", 0 },
  { "%1Y년 %1m월–%2m월", 0 },
  { "%1Y년 %1m월 %1d–%2d일", 0 },
  { "%1Y년 %1m월 %1d일–%2m월 %2d일", 0 },
};

/* part-of-a-year wordings beyond the labels' own (part_label_format()) */
static const struct {
  const char *pattern;
  TriPart     part;
} part_templates[] = {
  { "mid %s", TRI_PART_MID },
  { "middle of %s", TRI_PART_MID },
  { "the first half of %s", TRI_PART_H1 },
  { "the second half of %s", TRI_PART_H2 },
  { "h1 %s", TRI_PART_H1 },
  { "h2 %s", TRI_PART_H2 },
  { "%s h1", TRI_PART_H1 },
  { "%s h2", TRI_PART_H2 },
  { "%s q1", TRI_PART_Q1 },
  { "%s q2", TRI_PART_Q2 },
  { "%s q3", TRI_PART_Q3 },
  { "%s q4", TRI_PART_Q4 },
  { "quý 1/%s", TRI_PART_Q1 },
  { "quý 2/%s", TRI_PART_Q2 },
  { "quý 3/%s", TRI_PART_Q3 },
  { "quý 4/%s", TRI_PART_Q4 },
  { "quý i năm %s", TRI_PART_Q1 },
  { "quý ii năm %s", TRI_PART_Q2 },
  { "quý iii năm %s", TRI_PART_Q3 },
  { "quý iv năm %s", TRI_PART_Q4 },
  { "6 tháng đầu năm %s", TRI_PART_H1 },
  { "6 tháng cuối năm %s", TRI_PART_H2 },
  { "nửa sau năm %s", TRI_PART_H2 },
  { "1 квартал %s", TRI_PART_Q1 },
  { "2 квартал %s", TRI_PART_Q2 },
  { "3 квартал %s", TRI_PART_Q3 },
  { "4 квартал %s", TRI_PART_Q4 },
};

/* month names, case folded: English, then Russian nominative, genitive
 * and abbreviated */
static const char * const month_words[][12] = {
  { "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december" },
  { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" },
  { "jan.", "feb.", "mar.", "apr.", "may", "jun.", "jul.", "aug.", "sept", "oct.", "nov.", "dec." },
  { "январь", "февраль", "март", "апрель", "май", "июнь", "июль",
    "август", "сентябрь", "октябрь", "ноябрь", "декабрь" },
  { "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
    "августа", "сентября", "октября", "ноября", "декабря" },
  { "янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.",
    "авг.", "сент.", "окт.", "нояб.", "дек." },
};

/* eras, case folded: what comes before or after the digits of a year */
static const char * const bce_suffixes[] = {
  " г. до н. э.", " г. до н.э.", " до н. э.", " до н.э.", " bce", " bc", " b.c.", " tcn",
};
static const char * const ce_suffixes[] = {
  " г.", " гг.", " года", " год", " г", " ce", " ad",
};
static const char * const bce_prefixes[] = { "公元前", "기원전 ", "trước công nguyên " };

typedef struct
{
  int day[2];
  int month[2];
  int year[2];
  int range_error;   /* a year beyond −9999..9999 was written */
} Slots;

static gboolean
is_letter_at (const char *s)
{
  return *s != '\0' && g_unichar_isalpha (g_utf8_get_char (s));
}

static gsize
read_digits (const char *s,
             gsize       max,
             int        *value)
{
  gsize n = 0;
  int v = 0;

  while (g_ascii_isdigit (s[n]))
    {
      if (n == max)
        return 0;
      v = v * 10 + (s[n] - '0');
      n++;
    }
  *value = v;
  return n;
}

static gboolean match_template (const char *t, const char *s, Slots *slots);

/* a year: digits with an era after or before them, or none */
static gboolean
match_year (int         k,
            const char *t,
            const char *s,
            Slots      *slots)
{
  int v;
  gsize n;

  for (guint i = 0; i < G_N_ELEMENTS (bce_prefixes); i++)
    if (g_str_has_prefix (s, bce_prefixes[i]))
      {
        const char *p = s + strlen (bce_prefixes[i]);

        if ((n = read_digits (p, 5, &v)) == 0 || v == 0)
          continue;
        slots->year[k] = 1 - v;
        if (match_template (t, p + n, slots))
          return TRUE;
      }

  if ((n = read_digits (s, 5, &v)) == 0)
    return FALSE;
  s += n;

  for (guint i = 0; i < G_N_ELEMENTS (bce_suffixes); i++)
    if (v > 0 && g_str_has_prefix (s, bce_suffixes[i]))
      {
        slots->year[k] = 1 - v;
        if (match_template (t, s + strlen (bce_suffixes[i]), slots))
          return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (ce_suffixes); i++)
    if (g_str_has_prefix (s, ce_suffixes[i]) && !is_letter_at (s + strlen (ce_suffixes[i])))
      {
        slots->year[k] = v;
        if (match_template (t, s + strlen (ce_suffixes[i]), slots))
          return TRUE;
      }
  slots->year[k] = v;
  return match_template (t, s, slots);
}

static gboolean
match_month_word (int         k,
                  const char *t,
                  const char *s,
                  Slots      *slots)
{
  for (guint i = 0; i < G_N_ELEMENTS (month_words); i++)
    for (int m = 0; m < 12; m++)
      {
        const char *w = month_words[i][m];
        gsize len = strlen (w);

        if (strncmp (s, w, len) != 0 || (w[len - 1] != '.' && is_letter_at (s + len)))
          continue;
        slots->month[k] = m + 1;
        if (match_template (t, s + len, slots))
          return TRUE;
      }
  return FALSE;
}

static gboolean
match_template (const char *t,
                const char *s,
                Slots      *slots)
{
  while (*t != '\0')
    {
      if (t[0] == '%' && t[1] == 's')
        return match_year (0, t + 2, s, slots);

      if (t[0] == '%')
        {
          int k = t[1] - '1';
          char c = t[2];
          int v;
          gsize n;

          t += 3;
          switch (c)
            {
            case 'Y':
              return match_year (k, t, s, slots);
            case 'B':
              return match_month_word (k, t, s, slots);
            case 'd':
            case 'm':
              if ((n = read_digits (s, 2, &v)) == 0)
                return FALSE;
              if (c == 'd')
                slots->day[k] = v;
              else
                slots->month[k] = v;
              s += n;
              continue;
            case 'I':
              /* the stored form's year of four digits, loosely: "2024-6-19" */
              if ((n = read_digits (s, 4, &v)) != 4)
                return FALSE;
              slots->year[k] = v;
              s += n;
              continue;
            case 'N':
            case 'P':
              if ((n = read_digits (s, 5, &v)) == 0 || (c == 'P' && v == 0))
                return FALSE;
              slots->year[k] = c == 'N' ? v : 1 - v;
              s += n;
              continue;
            default:
              g_assert_not_reached ();
            }
        }

      /* a dash in a template is any dash written ("2020-2021") */
      if (g_str_has_prefix (t, "–"))
        {
          if (g_str_has_prefix (s, "–"))
            s += strlen ("–");
          else if (*s == '-')
            s++;
          else
            return FALSE;
          t += strlen ("–");
          continue;
        }

      if (*t != *s)
        return FALSE;
      t++;
      s++;
    }
  return *s == '\0';
}

/* The end @k of a match as a point; what it lacks it takes from the other
 * end. Returns FALSE when it names no day of the calendar. */
static gboolean
slots_point (const Slots  *sl,
             int           k,
             TriPart       part,
             TriDatePoint *p,
             int          *error_code)
{
  int o = 1 - k;
  int year = sl->year[k] != G_MININT ? sl->year[k] : sl->year[o];
  int month = sl->month[k] >= 0 ? sl->month[k] : (sl->day[k] >= 0 ? sl->month[o] : -1);

  memset (p, 0, sizeof *p);
  if (year == G_MININT)
    return FALSE;
  if (year < TRI_YEAR_MIN || year > TRI_YEAR_MAX)
    {
      *error_code = TRI_DATE_ERROR_RANGE;
      return FALSE;
    }
  p->year = year;
  if (part != TRI_PART_NONE)
    {
      p->precision = TRI_PRECISION_PART;
      p->part = part;
      return TRUE;
    }
  if (month < 0)
    {
      p->precision = TRI_PRECISION_YEAR;
      return TRUE;
    }
  if (month < 1 || month > 12)
    return FALSE;
  p->month = month;
  if (sl->day[k] < 0)
    {
      p->precision = TRI_PRECISION_MONTH;
      return TRUE;
    }
  if (!tri_ymd_valid (year, month, sl->day[k]))
    {
      *error_code = TRI_DATE_ERROR_INVALID;
      return FALSE;
    }
  p->day = sl->day[k];
  p->precision = TRI_PRECISION_DAY;
  return TRUE;
}

static gboolean
date_from_points (const TriDatePoint *a,
                  const TriDatePoint *b,
                  TriDate            *date)
{
  memset (date, 0, sizeof *date);
  date->from = *a;
  if (b == NULL)
    {
      date->to = *a;
      date->precision = a->precision;
      point_bounds (a, &date->earliest, &date->latest);
      return TRUE;
    }
  else
    {
      guint32 e1, l1, e2, l2;

      point_bounds (a, &e1, &l1);
      point_bounds (b, &e2, &l2);
      if (e2 < e1 || l2 <= l1)
        return FALSE;
      date->to = *b;
      date->precision = TRI_PRECISION_SPAN;
      date->earliest = e1;
      date->latest = l2;
      return TRUE;
    }
}

static gboolean
date_equal (const TriDate *a,
            const TriDate *b)
{
  const TriDatePoint *pa[2] = { &a->from, &a->to }, *pb[2] = { &b->from, &b->to };

  if (a->precision != b->precision)
    return FALSE;
  for (int i = 0; i < 2; i++)
    if (pa[i]->precision != pb[i]->precision || pa[i]->year != pb[i]->year ||
        pa[i]->month != pb[i]->month || pa[i]->day != pb[i]->day || pa[i]->part != pb[i]->part)
      return FALSE;
  return TRUE;
}

#define MAX_READINGS 4

typedef struct
{
  TriDate  dates[MAX_READINGS];
  guint    n;
  int      error_code;       /* why a match named no date: -1 none */
  gboolean backwards;        /* a span that ends before it starts */
  gboolean day_first;        /* "6/7/2024": day and month either way round */
  TriDate  day_first_dates[2];
} Readings;

static void
add_reading (Readings      *r,
             const TriDate *d)
{
  for (guint i = 0; i < r->n; i++)
    if (date_equal (&r->dates[i], d))
      return;
  if (r->n < MAX_READINGS)
    r->dates[r->n++] = *d;
}

static void
slots_init (Slots *sl)
{
  for (int k = 0; k < 2; k++)
    {
      sl->day[k] = -1;
      sl->month[k] = -1;
      sl->year[k] = G_MININT;
    }
}

static const char *
part_format_folded (TriPart part,
                    int     l)
{
  static char *folded[TRI_PART_H2 + 1][N_LANGS];
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      for (int p = TRI_PART_EARLY; p <= TRI_PART_H2; p++)
        for (int i = 0; i < N_LANGS; i++)
          folded[p][i] = g_utf8_casefold (part_label_format ((TriPart) p, (LangIndex) i), -1);
      g_once_init_leave (&once, 1);
    }
  return folded[part][l];
}

/* Every reading of @s as one end of a date (no span): the stored form
 * ("2024-06"), a template, or a part of a year. */
static void
read_points (const char *s,
             Readings   *r,
             gboolean    spans)
{
  TriDate d;
  TriDatePoint a, b;
  Slots sl;

  if (parse_point (s, strlen (s), s, &a, NULL) && date_from_points (&a, NULL, &d))
    add_reading (r, &d);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      gboolean span = strstr (templates[i].pattern, "%2") != NULL;

      if (span != spans)
        continue;
      slots_init (&sl);
      if (!match_template (templates[i].pattern, s, &sl))
        continue;
      if (!slots_point (&sl, 0, TRI_PART_NONE, &a, &r->error_code) ||
          (span && !slots_point (&sl, 1, TRI_PART_NONE, &b, &r->error_code)))
        continue;
      if ((templates[i].flags & TPL_DAY_FIRST) && sl.day[0] <= 12 && sl.day[0] != sl.month[0])
        {
          TriDatePoint swapped = a;

          swapped.day = sl.month[0];
          swapped.month = sl.day[0];
          r->day_first = TRUE;
          date_from_points (&a, NULL, &r->day_first_dates[0]);
          date_from_points (&swapped, NULL, &r->day_first_dates[1]);
          continue;
        }
      if (date_from_points (&a, span ? &b : NULL, &d))
        add_reading (r, &d);
      else
        r->backwards = TRUE;
    }

  if (spans)
    return;

  for (int p = TRI_PART_EARLY; p <= TRI_PART_H2; p++)
    for (int l = 0; l < N_LANGS; l++)
      {
        slots_init (&sl);
        if (match_template (part_format_folded ((TriPart) p, l), s, &sl) &&
            slots_point (&sl, 0, (TriPart) p, &a, &r->error_code) && date_from_points (&a, NULL, &d))
          add_reading (r, &d);
      }
  for (guint i = 0; i < G_N_ELEMENTS (part_templates); i++)
    {
      slots_init (&sl);
      if (match_template (part_templates[i].pattern, s, &sl) &&
          slots_point (&sl, 0, part_templates[i].part, &a, &r->error_code) &&
          date_from_points (&a, NULL, &d))
        add_reading (r, &d);
    }
}

static gboolean
is_dash (gunichar c)
{
  return c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2015 || c == '~' ||
         c == 0xFF5E || c == 0x301C || c == 0x81F3 /* 至 */ || c == 0x5230 /* 到 */;
}

/* NFC, case folded, one space between words, dashes and "to" as "–" */
static char *
normalize_text (const char *text)
{
  static const char * const dash_words[] = { " to ", " đến ", " tới ", " until ", " through " };
  static const char * const lead_words[] = { "from ", "từ ", "since " };
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  if (nfc == NULL)
    return NULL;
  folded = g_utf8_casefold (nfc, -1);
  out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009)
        {
          space = out->len > 0;
          continue;
        }
      if (is_dash (c) || (c == '-' && space && (p[1] == ' ' || p[1] == '\0')))
        {
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          g_string_append (out, "–");
          space = FALSE;
          /* the space after it is dropped */
          while (g_unichar_isspace (g_utf8_get_char (g_utf8_next_char (p))))
            p = g_utf8_next_char (p);
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;

      /* "19th", "1st", "2nd", "3rd": the number */
      if (out->len > 0 && g_ascii_isdigit (out->str[out->len - 1]) &&
          (g_str_has_prefix (p, "st") || g_str_has_prefix (p, "nd") ||
           g_str_has_prefix (p, "rd") || g_str_has_prefix (p, "th")) &&
          !is_letter_at (p + 2))
        {
          p++;
          continue;
        }
      g_string_append_unichar (out, c);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lead_words); i++)
    if (g_str_has_prefix (out->str, lead_words[i]))
      g_string_erase (out, 0, strlen (lead_words[i]));
  for (guint i = 0; i < G_N_ELEMENTS (dash_words); i++)
    {
      char *at;

      while ((at = strstr (out->str, dash_words[i])) != NULL)
        {
          gsize pos = at - out->str;

          g_string_erase (out, pos, strlen (dash_words[i]));
          g_string_insert (out, pos, "–");
        }
    }
  return g_string_free (out, FALSE);
}

static void
read_text (const char *s,
           Readings   *r)
{
  read_points (s, r, FALSE);
  read_points (s, r, TRUE);

  /* a whole-text wording wins: "기원전 44~40년" is not 44 BCE to 40 */
  if (r->n > 0)
    return;

  /* "March 2020 – May 2021": a span of any two ends */
  for (const char *p = s; *p != '\0'; p++)
    {
      /* a hyphen between digits is the stored form's ("2024-02-30") */
      gsize dash = g_str_has_prefix (p, "–") ? strlen ("–")
                   : *p == '-' && !(p > s && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1])) ? 1 : 0;
      Readings left = { .error_code = -1 }, right = { .error_code = -1 };
      g_autofree char *a = NULL;

      if (dash == 0 || p == s || p[dash] == '\0')
        continue;
      a = g_strndup (s, p - s);
      read_points (a, &left, FALSE);
      if (left.n == 0)
        continue;
      read_points (p + dash, &right, FALSE);
      for (guint i = 0; i < left.n; i++)
        for (guint j = 0; j < right.n; j++)
          {
            TriDate d;

            if (date_from_points (&left.dates[i].from, &right.dates[j].from, &d))
              add_reading (r, &d);
            else
              r->backwards = TRUE;
          }
    }
}

/* @text without its diacritics: "đầu năm" is "dau nam" */
static char *
strip_marks (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      g_string_append_unichar (out, c == 0x0111 ? 'd' : c);
    }
  return g_string_free (out, FALSE);
}

/* A Vietnamese date written without its diacritics or with wrong ones
 * ("dau nam 2024", "đau năm 2024"): never read (the caller has found no
 * reading), but what it would be, to say how to write it. */
static gboolean
read_without_marks (const char *s,
                    TriDate    *date)
{
  g_autofree char *bare = strip_marks (s);
  TriDatePoint a;
  Slots sl;

  for (int p = TRI_PART_EARLY; p <= TRI_PART_H2; p++)
    {
      g_autofree char *t = strip_marks (part_format_folded ((TriPart) p, LANG_VI));

      slots_init (&sl);
      if (match_template (t, bare, &sl) && slots_point (&sl, 0, (TriPart) p, &a, &(int) { 0 }))
        return date_from_points (&a, NULL, date);
    }
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autofree char *t = NULL;

      if (strstr (templates[i].pattern, "%2") != NULL || !g_utf8_validate (templates[i].pattern, -1, NULL))
        continue;
      t = strip_marks (templates[i].pattern);
      if (g_str_equal (t, templates[i].pattern))
        continue;   /* not a Vietnamese wording */
      slots_init (&sl);
      if (match_template (t, bare, &sl) && slots_point (&sl, 0, TRI_PART_NONE, &a, &(int) { 0 }))
        return date_from_points (&a, NULL, date);
    }
  return FALSE;
}

/**
 * tri_date_parse_text:
 * @text: a date as an analyst writes it, in any of the five languages:
 *   "19 June 2024", "June 2024", "early 2024", "Q2 2024", "2020–2021",
 *   "March 2020 – May 2021", "ngày 19 tháng 6 năm 2024", "tháng 6/2024",
 *   "đầu năm 2024", or the stored form ("2024-06-19", "2024-early",
 *   "2020/2021"); every label tri_date_label() writes reads back
 *
 * Like tri_date_parse(), and allocation-free like it for the stored form;
 * case does not matter, diacritics do; text in NFD is read as NFC. A text
 * that could be two dates ("6/7/2024") is refused with a message that
 * says how to write it.
 */
gboolean
tri_date_parse_text (const char  *text,
                     TriDate     *date,
                     GError     **error)
{
  g_autoptr(GError) strict_error = NULL;
  g_autofree char *s = NULL;
  Readings r = { .error_code = -1 };
  TriDate strict;
  gboolean is_strict;

  g_return_val_if_fail (date != NULL, FALSE);

  /* the stored form, without allocating; a span in it may also read
   * otherwise ("6/2024" is the years 6 to 2024, or June 2024) */
  is_strict = tri_date_parse (text, &strict, NULL);
  if (is_strict && strchr (text, '/') == NULL)
    {
      *date = strict;
      return TRUE;
    }

  /* g_utf8_normalize() reads past a sequence cut short at the end */
  if (text == NULL || *text == '\0' || strlen (text) > 200 ||
      !g_utf8_validate (text, -1, NULL) ||
      (s = normalize_text (text)) == NULL || *s == '\0')
    {
      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_INVALID, _("no date"));
      return FALSE;
    }

  read_text (s, &r);
  if (is_strict)
    add_reading (&r, &strict);
  if (r.n == 1)
    {
      *date = r.dates[0];
      return TRUE;
    }

  if (r.n > 1)
    {
      g_autofree char *a = tri_date_label (&r.dates[0], tri_lang_from_environment ());
      g_autofree char *b = tri_date_label (&r.dates[1], tri_lang_from_environment ());
      g_autofree char *iso = tri_date_to_string (&r.dates[0]);

      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_INVALID,
                   /* Translators: “6/7/2024” could be … (two dates, then the stored form) */
                   _("“%s” could be %s or %s: write it so that it can only be one, such as %s or %s"),
                   text, a, b, a, iso);
      return FALSE;
    }

  if (r.day_first)
    {
      const char *lang = tri_lang_from_environment ();
      g_autofree char *a = tri_date_label (&r.day_first_dates[0], lang);
      g_autofree char *b = tri_date_label (&r.day_first_dates[1], lang);
      g_autofree char *iso = tri_date_to_string (&r.day_first_dates[0]);

      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_INVALID,
                   _("“%s” could be %s or %s: write the month as a word or the date as year-month-day, such as %s or %s"),
                   text, a, b, a, iso);
      return FALSE;
    }

  if (r.backwards)
    {
      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_RANGE,
                   _("“%s” is not a date: a span must end after it starts"), text);
      return FALSE;
    }

  if (r.error_code == TRI_DATE_ERROR_RANGE)
    {
      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_RANGE,
                   _("“%s” is not a date Trilateral can place: years run from 10000 BCE to 9999"), text);
      return FALSE;
    }

  if (r.error_code == TRI_DATE_ERROR_INVALID)
    {
      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_INVALID,
                   _("“%s” is not a date: that month has no such day"), text);
      return FALSE;
    }

  {
    TriDate bare;

    if (read_without_marks (s, &bare))
      {
        g_autofree char *label = tri_date_label (&bare, "vi");

        g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_INVALID,
                     /* Translators: the second %s is the date in Vietnamese, with its diacritics */
                     _("“%s” is not a date: write Vietnamese with its diacritics, such as “%s”"),
                     text, label);
        return FALSE;
      }
  }

  /* the stored form's own reason ("the year 12000 is outside …") */
  if (!tri_date_parse (text, date, &strict_error) &&
      strict_error->code == TRI_DATE_ERROR_RANGE)
    {
      g_propagate_error (error, g_steal_pointer (&strict_error));
      return FALSE;
    }

  g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_INVALID,
               _("“%s” is not a date: write it as 2024-06-19, 19 June 2024, June 2024, early 2024,"
                 " Q2 2024, 2024 or 2020–2021"), text);
  return FALSE;
}
