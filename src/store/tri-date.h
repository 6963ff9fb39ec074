/* tri-date.h: honest dates that know their precision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TRI_PRECISION_DAY = 0,
  TRI_PRECISION_MONTH,
  TRI_PRECISION_PART,   /* part of a year: early/mid/late, a quarter, a half */
  TRI_PRECISION_YEAR,
  TRI_PRECISION_SPAN,   /* from one date to another, each of any precision */
} TriPrecision;

typedef enum
{
  TRI_PART_NONE = 0,
  TRI_PART_EARLY,
  TRI_PART_MID,
  TRI_PART_LATE,
  TRI_PART_Q1,
  TRI_PART_Q2,
  TRI_PART_Q3,
  TRI_PART_Q4,
  TRI_PART_H1,
  TRI_PART_H2,
} TriPart;

/* One end of a date: a day, a month, a part of a year or a year. */
typedef struct
{
  TriPrecision precision;  /* never SPAN */
  int          year;
  int          month;      /* 1..12, or 0 */
  int          day;        /* 1..31, or 0 */
  TriPart      part;
} TriDatePoint;

typedef struct
{
  TriPrecision precision;
  TriDatePoint from;
  TriDatePoint to;         /* equals from unless precision is SPAN */
  guint32      earliest;   /* day number (below) of the first possible day */
  guint32      latest;     /* day number of the last possible day */
} TriDate;

#define TRI_DATE_ERROR (tri_date_error_quark ())

typedef enum
{
  TRI_DATE_ERROR_INVALID,
  TRI_DATE_ERROR_RANGE,
} TriDateError;

GQuark       tri_date_error_quark      (void);
gboolean     tri_date_parse            (const char   *text,
                                        TriDate      *date,
                                        GError      **error);
gboolean     tri_date_parse_text       (const char   *text,
                                        TriDate      *date,
                                        GError      **error);
char        *tri_date_to_string        (const TriDate *date);
char        *tri_date_label            (const TriDate *date,
                                        const char    *lang);
char        *tri_day_label             (guint32        julian,
                                        TriPrecision   precision,
                                        const char    *lang);
int          tri_date_compare          (const TriDate *a,
                                        const TriDate *b);
const char  *tri_precision_to_string   (TriPrecision   precision);
const char  *tri_lang_normalize        (const char    *lang);
const char  *tri_lang_from_environment (void);

typedef enum
{
  TRI_TICK_DAY,
  TRI_TICK_MONTH,
  TRI_TICK_QUARTER,
  TRI_TICK_YEAR,
} TriTickUnit;

char        *tri_tick_label            (guint32        julian,
                                        TriTickUnit    unit,
                                        gboolean       with_year,
                                        const char    *lang);

/* Years are proleptic Gregorian with astronomical numbering: year 0 is
 * 1 BCE, year −5410 is 5411 BCE. */
#define TRI_YEAR_MIN (-9999)
#define TRI_YEAR_MAX 9999

/* Day numbers: day 1 is 1 January −9999, each day one more, up to
 * TRI_DAY_MAX, 31 December 9999; 0 is no day. Files store the Julian Day
 * Number instead (tri_day_to_jdn()), which SQLite reads back with
 * date(jdn - 0.5) for years 0 to 9999. */
#define TRI_DAY_MIN 1u
#define TRI_DAY_MAX 7304484u
#define TRI_DAY_JDN_OFFSET G_GINT64_CONSTANT (1931000)   /* day = JDN + this */

gboolean     tri_ymd_valid             (int            year,
                                        int            month,
                                        int            day);
int          tri_days_in_month         (int            year,
                                        int            month);
guint32      tri_day_from_ymd          (int            year,
                                        int            month,
                                        int            day);
gboolean     tri_day_to_ymd            (guint32        day,
                                        int           *year,
                                        int           *month,
                                        int           *mday);
gboolean     tri_day_valid             (guint32        day);
gint64       tri_day_to_jdn            (guint32        day);
gboolean     tri_day_from_jdn          (gint64         jdn,
                                        guint32       *day);
guint32      tri_day_today             (void);
char        *tri_day_to_iso            (guint32        day);
gboolean     tri_day_from_iso          (const char    *iso,
                                        guint32       *day);
char        *tri_year_label            (int            year,
                                        const char    *lang);
char        *tri_capitalize_first      (const char    *text);

/* the names before day numbers were Trilateral's own; kept so that other
 * code still builds, with the new numbering */
#define tri_julian_to_iso tri_day_to_iso
#define tri_julian_from_iso tri_day_from_iso

G_END_DECLS
