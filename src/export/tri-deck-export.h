/* tri-deck-export.h: a deck handed out, as one PDF or a folder of
 * numbered PNG or SVG files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/tri-deck.h"
#include "store/tri-store.h"

G_BEGIN_DECLS

typedef enum
{
  TRI_DECK_EXPORT_PDF,   /* one file: a page per slide, then the notes pages */
  TRI_DECK_EXPORT_PNG,   /* a folder: 01-title.png, 02-….png */
  TRI_DECK_EXPORT_SVG,   /* a folder: 01-title.svg, … */
} TriDeckExportFormat;

typedef struct
{
  TriDeckExportFormat  format;
  int                  width;     /* a slide in pixels at 96 dpi (a PDF page is 3/4 of it in points) */
  int                  height;
  int                  scale;     /* PNG only: 1, 2 or 3 (0 is 1) */
  gboolean             dark;
  const char          *lang;      /* the deck's data language (a slide's own wins); NULL: the environment's */
  gboolean             notes;     /* PDF only: after the slides, a notes page per slide */
  const TriMarkings   *markings;  /* drawn on every page, author in the PDF metadata; may be NULL */
} TriDeckExportOptions;

/* Called after each slide's page or file, and after each slide's notes
 * pages, is drawn: @done of @total, in the thread that called
 * tri_deck_export_write(). (A window running the export in a worker
 * thread, on a TriStore of its own, passes it to its main context with
 * g_main_context_invoke(); the cancellable is checked between pages.) */
typedef void (*TriDeckExportProgress) (guint     done,
                                       guint     total,
                                       gpointer  user_data);

void      tri_deck_export_options_init   (TriDeckExportOptions  *options);

gboolean  tri_deck_export_format_for_path (const char           *path,
                                           const char           *format,
                                           TriDeckExportFormat  *result,
                                           GError              **error);

char     *tri_deck_export_file_name      (const TriDeckSlide    *slide,
                                          guint                  number,
                                          guint                  count,
                                          TriDeckExportFormat    format);

char     *tri_deck_export_title          (TriStore              *store,
                                          const TriDeck         *deck,
                                          const char            *lang);

gboolean  tri_deck_export_write          (TriStore                   *store,
                                          const TriDeck              *deck,
                                          const TriDeckExportOptions *options,
                                          const char                 *path,
                                          TriDeckExportProgress       progress,
                                          gpointer                    user_data,
                                          GCancellable               *cancellable,
                                          GError                    **error);

/* The quotes one slide of a deck shows, numbered as its page marks them:
 * quote "[n]" (tri_slide_note_mark ()) is quotes[n - 1] */
typedef struct
{
  guint               number;   /* the slide's number in its deck, from 1 */
  const TriDeckSlide *slide;    /* the deck's */
  const char         *lang;     /* the language it is drawn in */
  GPtrArray          *quotes;   /* of TriQuote, in the order drawn; empty when it shows none */
} TriDeckSlideNotes;

GPtrArray *tri_deck_export_notes         (TriStore                   *store,
                                          const TriDeck              *deck,
                                          const TriDeckExportOptions *options);

guint     tri_deck_export_sweep          (const char            *folder);
void      tri_deck_export_remove_pending (void);

G_END_DECLS
