/* tri-cli.h: the command line, which needs no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "import/tri-import.h"
#include "store/tri-store.h"

G_BEGIN_DECLS

/* Exit statuses beyond tri_store_error_exit_code()'s */
#define TRI_EXIT_OK    0
#define TRI_EXIT_ERROR 1
#define TRI_EXIT_USAGE 2
#define TRI_EXIT_WRITE 11
#define TRI_EXIT_IMPORT 12
#define TRI_EXIT_READ  13
#define TRI_EXIT_NOT_EDITABLE 14   /* --into: not an editable briefing, or being edited */
#define TRI_EXIT_NOT_FOUND 3

/* The command line's export options, as typed */
typedef struct
{
  const char *path;
  const char *view;
  const char *as_of;
  int         window_months;   /* -1 when not given; checked by tri_cli_parse_window() */
  const char *relation;
  gint64      event_id;
  const char *size;
  int         scale;           /* 0 when not given */
  const char *theme;
  const char *lang;
  gboolean    other_actors;    /* --other-actors: the other actors around the triangle */
} TriCliExport;

/* The command line's data export options (--export-data), as typed */
typedef struct
{
  const char *path;
  const char *format;          /* csv, timelinejs, gexf, graphml, json, evidence; NULL: from the extension */
  const char *table;           /* with csv: events (the default) or quotes */
  const char *as_of;
  int         window_months;   /* -1 when not given */
  const char *relation;
  const char *lang;
  gboolean    deck;            /* --deck: the evidence table of a deck's slides */
  const char *deck_name;       /* its name; NULL or "": the briefing's first deck */
  const char *size;            /* with deck: --size WxH, the pages' size as --export-deck's */
} TriCliExportData;

/* The command line's deck export options (--export-deck), as typed */
typedef struct
{
  const char *path;            /* OUT.pdf, or a folder */
  const char *deck;            /* --deck NAME; NULL: the briefing's first deck */
  const char *format;          /* --format png or svg for a folder; NULL: png (a folder) or pdf */
  gboolean    notes;           /* --notes: the notes pages after the slides (PDF) */
  const char *size;
  int         scale;           /* 0 when not given */
  const char *theme;
  const char *lang;
} TriCliExportDeck;

char     *tri_cli_default_db_path (void);
char    **tri_cli_bare_deck       (int          argc,
                                   char       **argv);
char     *tri_cli_locale_dir      (void);
char     *tri_cli_list_events     (TriStore    *store,
                                   const char  *lang,
                                   gboolean     json,
                                   GError     **error);
char     *tri_cli_list_quotes     (TriStore    *store,
                                   const char  *relation,
                                   const char  *as_of_text,
                                   int          window_months,
                                   const char  *lang,
                                   gboolean     json,
                                   GError     **error);
char     *tri_cli_search          (TriStore    *store,
                                   const char  *query,
                                   const char  *lang,
                                   gboolean     json,
                                   GError     **error);
char     *tri_cli_missing_translations (TriStore *store,
                                   const char  *lang,
                                   gboolean     json,
                                   GError     **error);

gboolean  tri_cli_export          (TriStore           *store,
                                   const TriCliExport *args,
                                   GError            **error);
gboolean  tri_cli_export_data     (TriStore                *store,
                                   const TriCliExportData  *args,
                                   char                   **summary,
                                   GError                 **error);
gboolean  tri_cli_export_deck     (TriStore                *store,
                                   const TriCliExportDeck  *args,
                                   char                   **summary,
                                   GError                 **error);
int       tri_cli_exit_code       (const GError       *error);
int       tri_cli_import          (TriImportFormat     format,
                                   const char         *option,
                                   const char         *path,
                                   const char         *out,
                                   const char         *into);
gboolean  tri_cli_set_filter      (TriStore           *store,
                                   const char         *text,
                                   GError            **error);
gboolean  tri_cli_parse_window    (const char         *text,
                                   int                *months,
                                   GError            **error);

G_END_DECLS
