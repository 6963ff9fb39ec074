/* tri-formats.h: the briefing's data in the formats analysts exchange
 *
 * CSV, TimelineJS JSON, GEXF 1.3, GraphML, Trilateral JSON and the
 * evidence table (HTML or CSV); GTK-free. README.md has each mapping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tri-store.h"

G_BEGIN_DECLS

typedef enum
{
  TRI_DATA_CSV,
  TRI_DATA_TIMELINEJS,
  TRI_DATA_GEXF,
  TRI_DATA_GRAPHML,
  TRI_DATA_JSON,
  TRI_DATA_EVIDENCE,
} TriDataFormat;

typedef enum
{
  TRI_DATA_TABLE_EVENTS,
  TRI_DATA_TABLE_QUOTES,
} TriDataTable;

/* What a data export shows: the same choices as the window's */
typedef struct
{
  TriDataFormat  format;
  TriDataTable   table;          /* CSV only */
  gboolean       html;           /* the evidence table as HTML (else CSV) */
  const char    *lang;           /* the data language */
  guint32        as_of;          /* 0: the start of the newest event */
  guint          window_months;  /* 0: all time */
  gboolean       period_given;   /* --as-of or --window: CSV and TimelineJS keep that period only */
  gint64         relation_id;    /* 0: every relation */
  const char    *filter;         /* tri_filter_to_string (): what the events and quotes
                                  * are; NULL or "": everything (Trilateral JSON, the
                                  * whole briefing, is never filtered) */
  gboolean       deck;           /* the evidence table of a deck's slides, not of the view */
  const char    *deck_name;      /* with deck: its name; NULL: the briefing's first deck */
  int            deck_width;     /* with deck: the size its pages are drawn at, as --export-deck --size; */
  int            deck_height;    /*   0, 0: the deck PDF's default (1920 × 1080) */
} TriDataRequest;

gboolean     tri_data_format_from_string (const char           *text,
                                          TriDataFormat        *format);
gboolean     tri_data_format_for_path    (const char           *path,
                                          TriDataFormat        *format,
                                          gboolean             *html);
const char  *tri_data_format_to_string   (TriDataFormat         format);
gboolean     tri_data_export             (TriStore             *store,
                                          const TriDataRequest *request,
                                          const char           *path,
                                          char                **summary,
                                          GError              **error);

/* each format's writer: the whole file into @out, what it could not hold into @lost */
gboolean     tri_format_csv_write        (TriStore *store, const TriDataRequest *request,
                                          GString *out, GString *lost, GError **error);
gboolean     tri_format_timelinejs_write (TriStore *store, const TriDataRequest *request,
                                          GString *out, GString *lost, GError **error);
gboolean     tri_format_gexf_write       (TriStore *store, const TriDataRequest *request,
                                          GString *out, GString *lost, GError **error);
gboolean     tri_format_graphml_write    (TriStore *store, const TriDataRequest *request,
                                          GString *out, GString *lost, GError **error);
gboolean     tri_format_json_write       (TriStore *store, const TriDataRequest *request,
                                          GString *out, GString *lost, GError **error);
gboolean     tri_format_evidence_write   (TriStore *store, const TriDataRequest *request,
                                          GString *out, GString *lost, GError **error);

/* shared by the writers (tri-formats.c) */
void         tri_formats_period          (TriStore             *store,
                                          const TriDataRequest *request,
                                          guint32              *from,
                                          guint32              *to);
gboolean     tri_formats_counts          (const TriEvent       *event,
                                          guint32               from,
                                          guint32               to);
GPtrArray   *tri_formats_events          (TriStore             *store,
                                          const TriDataRequest *request,
                                          gboolean              in_period,
                                          GError              **error);
GPtrArray   *tri_formats_quotes          (TriStore             *store,
                                          const TriDataRequest *request,
                                          gboolean              in_period,
                                          GError              **error);
char        *tri_formats_citation        (const TriSource      *source,
                                          const char           *lang);
const TriSource *tri_formats_find_source (GPtrArray            *sources,
                                          const char           *id);
const char  *tri_formats_relation_code   (TriStore             *store,
                                          gint64                id);
char        *tri_formats_links           (TriStore             *store,
                                          const TriEvent       *event);
void         tri_formats_append_csv      (GString              *out,
                                          const char           *field,
                                          gboolean              last);
void         tri_formats_append_xml      (GString              *out,
                                          const char           *text);
void         tri_formats_lost            (GString              *lost,
                                          const char           *what);

G_END_DECLS
