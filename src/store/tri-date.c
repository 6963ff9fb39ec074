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

static guint32
julian_of (int year,
           int month,
           int day)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, month, year);
  return g_date_get_julian (&d);
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
      *earliest = *latest = julian_of (p->year, p->month, p->day);
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

  *earliest = julian_of (p->year, first_month, 1);
  *latest = julian_of (p->year, last_month,
                       g_date_get_days_in_month (last_month, p->year));
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
 * events parses 100,000 of them on opening. */
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

  memset (p, 0, sizeof *p);

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

  if (n == 0 || n > 3 || field_len[0] != 4 || !parse_int (field[0], 4, &p->year))
    goto invalid;

  if (p->year < TRI_YEAR_MIN || p->year > TRI_YEAR_MAX)
    {
      g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_RANGE,
                   "“%s” is not a date Trilateral can place: the year must be between %d and %d",
                   whole, TRI_YEAR_MIN, TRI_YEAR_MAX);
      return FALSE;
    }

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
      !g_date_valid_dmy (p->day, p->month, p->year))
    goto invalid;

  p->precision = TRI_PRECISION_DAY;
  return TRUE;

invalid:
  g_set_error (error, TRI_DATE_ERROR, TRI_DATE_ERROR_INVALID,
               "“%s” is not a date: use a form such as 2024-06-19, 2024-06, 2024, 2024-early or 2020/2021",
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

static const char *
part_label_format (TriPart   part,
                   LangIndex l)
{
  /* %d is the year */
  static const char * const formats[][N_LANGS] = {
    [TRI_PART_EARLY] = { "early %d", "đầu năm %d", "начало %d г.", "%d年初", "%d년 초" },
    [TRI_PART_MID]   = { "mid-%d", "giữa năm %d", "середина %d г.", "%d年年中", "%d년 중반" },
    [TRI_PART_LATE]  = { "late %d", "cuối năm %d", "конец %d г.", "%d年底", "%d년 말" },
    [TRI_PART_Q1]    = { "Q1 %d", "quý 1 năm %d", "I квартал %d г.", "%d年第一季度", "%d년 1분기" },
    [TRI_PART_Q2]    = { "Q2 %d", "quý 2 năm %d", "II квартал %d г.", "%d年第二季度", "%d년 2분기" },
    [TRI_PART_Q3]    = { "Q3 %d", "quý 3 năm %d", "III квартал %d г.", "%d年第三季度", "%d년 3분기" },
    [TRI_PART_Q4]    = { "Q4 %d", "quý 4 năm %d", "IV квартал %d г.", "%d年第四季度", "%d년 4분기" },
    [TRI_PART_H1]    = { "first half of %d", "nửa đầu năm %d", "первое полугодие %d г.", "%d年上半年", "%d년 상반기" },
    [TRI_PART_H2]    = { "second half of %d", "nửa cuối năm %d", "второе полугодие %d г.", "%d年下半年", "%d년 하반기" },
  };

  if (part <= TRI_PART_NONE || part > TRI_PART_H2)
    return "%d";
  return formats[part][l];
}

static void
append_point_label (GString            *s,
                    const TriDatePoint *p,
                    LangIndex           l)
{
  int m = p->month - 1;

  switch (p->precision)
    {
    case TRI_PRECISION_DAY:
      switch (l)
        {
        case LANG_VI: g_string_append_printf (s, "%d tháng %d năm %d", p->day, p->month, p->year); break;
        case LANG_RU: g_string_append_printf (s, "%d %s %d г.", p->day, month_gen_ru[m], p->year); break;
        case LANG_ZH: g_string_append_printf (s, "%d年%d月%d日", p->year, p->month, p->day); break;
        case LANG_KO: g_string_append_printf (s, "%d년 %d월 %d일", p->year, p->month, p->day); break;
        case LANG_EN:
        case N_LANGS:
        default: g_string_append_printf (s, "%d %s %d", p->day, month_names_en[m], p->year); break;
        }
      break;

    case TRI_PRECISION_MONTH:
      switch (l)
        {
        case LANG_VI: g_string_append_printf (s, "tháng %d năm %d", p->month, p->year); break;
        case LANG_RU: g_string_append_printf (s, "%s %d г.", month_nom_ru[m], p->year); break;
        case LANG_ZH: g_string_append_printf (s, "%d年%d月", p->year, p->month); break;
        case LANG_KO: g_string_append_printf (s, "%d년 %d월", p->year, p->month); break;
        case LANG_EN:
        case N_LANGS:
        default: g_string_append_printf (s, "%s %d", month_names_en[m], p->year); break;
        }
      break;

    case TRI_PRECISION_PART:
      g_string_append_printf (s, part_label_format (p->part, l), p->year);
      break;

    case TRI_PRECISION_YEAR:
    case TRI_PRECISION_SPAN:
    default:
      switch (l)
        {
        case LANG_VI: g_string_append_printf (s, "năm %d", p->year); break;
        case LANG_RU: g_string_append_printf (s, "%d г.", p->year); break;
        case LANG_ZH: g_string_append_printf (s, "%d年", p->year); break;
        case LANG_KO: g_string_append_printf (s, "%d년", p->year); break;
        case LANG_EN:
        case N_LANGS:
        default: g_string_append_printf (s, "%d", p->year); break;
        }
      break;
    }
}

static gboolean
append_compact_span (GString       *s,
                     const TriDate *date,
                     LangIndex      l)
{
  const TriDatePoint *a = &date->from, *b = &date->to;

  if (a->precision == TRI_PRECISION_YEAR && b->precision == TRI_PRECISION_YEAR)
    {
      static const char * const fmt[N_LANGS] = {
        "%d–%d", "%d–%d", "%d–%d гг.", "%d–%d年", "%d–%d년",
      };
      g_string_append_printf (s, fmt[l], a->year, b->year);
      return TRUE;
    }

  if (a->precision == TRI_PRECISION_MONTH && b->precision == TRI_PRECISION_MONTH &&
      a->year == b->year)
    {
      switch (l)
        {
        case LANG_VI: g_string_append_printf (s, "tháng %d–%d năm %d", a->month, b->month, a->year); break;
        case LANG_RU: g_string_append_printf (s, "%s–%s %d г.", month_nom_ru[a->month - 1], month_nom_ru[b->month - 1], a->year); break;
        case LANG_ZH: g_string_append_printf (s, "%d年%d月至%d月", a->year, a->month, b->month); break;
        case LANG_KO: g_string_append_printf (s, "%d년 %d월~%d월", a->year, a->month, b->month); break;
        case LANG_EN:
        case N_LANGS:
        default: g_string_append_printf (s, "%s–%s %d", month_names_en[a->month - 1], month_names_en[b->month - 1], a->year); break;
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
 *   "13 September 2023", "September 2023", "early 2024" or "2020–2021".
 */
char *
tri_date_label (const TriDate *date,
                const char    *lang)
{
  LangIndex l = lang_index (lang);
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (date != NULL, NULL);

  if (date->precision != TRI_PRECISION_SPAN)
    append_point_label (s, &date->from, l);
  else if (!append_compact_span (s, date, l))
    {
      append_point_label (s, &date->from, l);
      g_string_append (s, " – ");
      append_point_label (s, &date->to, l);
    }

  return g_string_free (s, FALSE);
}

/**
 * tri_day_label:
 * @precision: DAY, MONTH or YEAR: how much of @julian to show
 *
 * A short label for an axis tick or an "as of" date.
 */
char *
tri_day_label (guint32       julian,
               TriPrecision  precision,
               const char   *lang)
{
  LangIndex l = lang_index (lang);
  GDate d;
  int y, m, day;

  g_date_clear (&d, 1);
  if (!g_date_valid_julian (julian))
    return g_strdup ("?");
  g_date_set_julian (&d, julian);
  y = g_date_get_year (&d);
  m = g_date_get_month (&d);
  day = g_date_get_day (&d);

  if (precision == TRI_PRECISION_YEAR)
    return g_strdup_printf ("%d", y);

  if (precision == TRI_PRECISION_MONTH)
    switch (l)
      {
      case LANG_VI: return g_strdup_printf ("th%d/%d", m, y);
      case LANG_RU: return g_strdup_printf ("%s %d", month_abbr_ru[m - 1], y);
      case LANG_ZH: return g_strdup_printf ("%d年%d月", y, m);
      case LANG_KO: return g_strdup_printf ("%d년 %d월", y, m);
      case LANG_EN:
      case N_LANGS:
      default: return g_strdup_printf ("%s %d", month_abbr_en[m - 1], y);
      }

  switch (l)
    {
    case LANG_VI: return g_strdup_printf ("%d/%d/%d", day, m, y);
    case LANG_RU: return g_strdup_printf ("%d %s %d", day, month_gen_ru[m - 1], y);
    case LANG_ZH: return g_strdup_printf ("%d年%d月%d日", y, m, day);
    case LANG_KO: return g_strdup_printf ("%d년 %d월 %d일", y, m, day);
    case LANG_EN:
    case N_LANGS:
    default: return g_strdup_printf ("%d %s %d", day, month_abbr_en[m - 1], y);
    }
}

char *
tri_julian_to_iso (guint32 julian)
{
  GDate d;

  g_date_clear (&d, 1);
  if (!g_date_valid_julian (julian))
    return g_strdup ("0000-00-00");
  g_date_set_julian (&d, julian);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d),
                          g_date_get_month (&d), g_date_get_day (&d));
}

gboolean
tri_julian_from_iso (const char *iso,
                     guint32    *julian)
{
  TriDate date;

  if (!tri_date_parse (iso, &date, NULL) || date.precision != TRI_PRECISION_DAY)
    return FALSE;
  *julian = date.earliest;
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
 * @julian: the first day of the tick's period
 * @with_year: whether a month or quarter label also names the year
 *
 * A short label for a timeline tick: "2024", "Q3", "Q3 2024", "Sep",
 * "Sep 2024", "13 Sep".
 */
char *
tri_tick_label (guint32      julian,
                TriTickUnit  unit,
                gboolean     with_year,
                const char  *lang)
{
  static const char * const quarter_fmt[N_LANGS] = { "Q%d", "Quý %d", "%d кв.", "第%d季度", "%d분기" };
  static const char * const quarter_year_fmt[N_LANGS] = {
    "Q%d %d", "Quý %d/%d", "%d кв. %d", "%2$d年第%1$d季度", "%2$d년 %1$d분기",
  };
  LangIndex l = lang_index (lang);
  GDate d;
  int y, m, day;

  g_date_clear (&d, 1);
  if (!g_date_valid_julian (julian))
    return g_strdup ("?");
  g_date_set_julian (&d, julian);
  y = g_date_get_year (&d);
  m = g_date_get_month (&d);
  day = g_date_get_day (&d);

  switch (unit)
    {
    case TRI_TICK_YEAR:
      return g_strdup_printf ("%d", y);

    case TRI_TICK_QUARTER:
      if (with_year)
        return g_strdup_printf (quarter_year_fmt[l], (m - 1) / 3 + 1, y);
      return g_strdup_printf (quarter_fmt[l], (m - 1) / 3 + 1);

    case TRI_TICK_MONTH:
      if (with_year)
        return tri_day_label (julian, TRI_PRECISION_MONTH, lang);
      switch (l)
        {
        case LANG_VI: return g_strdup_printf ("th%d", m);
        case LANG_RU: return g_strdup (month_abbr_ru[m - 1]);
        case LANG_ZH: return g_strdup_printf ("%d月", m);
        case LANG_KO: return g_strdup_printf ("%d월", m);
        case LANG_EN:
        case N_LANGS:
        default: return g_strdup (month_abbr_en[m - 1]);
        }

    case TRI_TICK_DAY:
    default:
      if (with_year)
        return tri_day_label (julian, TRI_PRECISION_DAY, lang);
      switch (l)
        {
        case LANG_VI: return g_strdup_printf ("%d/%d", day, m);
        case LANG_RU: return g_strdup_printf ("%d %s", day, month_abbr_gen_ru[m - 1]);
        case LANG_ZH: return g_strdup_printf ("%d月%d日", m, day);
        case LANG_KO: return g_strdup_printf ("%d월 %d일", m, day);
        case LANG_EN:
        case N_LANGS:
        default: return g_strdup_printf ("%d %s", day, month_abbr_en[m - 1]);
        }
    }
}
