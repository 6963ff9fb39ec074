/* tri-export.h: what is on screen, as PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "render/tri-slide.h"
#include "store/tri-filter.h"
#include "store/tri-store.h"

G_BEGIN_DECLS

typedef enum
{
  TRI_EXPORT_VIEW_TRIANGLE,
  TRI_EXPORT_VIEW_TIMELINE,
  TRI_EXPORT_VIEW_SLIDE,
} TriExportView;

typedef enum
{
  TRI_EXPORT_PNG,
  TRI_EXPORT_SVG,
  TRI_EXPORT_PDF,
} TriExportFormat;

#define TRI_EXPORT_ERROR (tri_export_error_quark ())

typedef enum
{
  TRI_EXPORT_ERROR_USAGE,   /* a bad choice: extension, size, relation, event, date */
  TRI_EXPORT_ERROR_WRITE,   /* the file could not be written */
} TriExportError;

/* Everything an export depends on: the same state the window shows. */
typedef struct
{
  TriExportView  view;
  int            width;          /* in pixels at 96 dpi; PDF pages are 3/4 of it in points */
  int            height;
  int            scale;          /* PNG only: 1, 2 or 3 */
  gboolean       dark;
  char          *lang;
  guint32        as_of;          /* 0: tri_store_default_as_of (), as the window opens */
  guint          window_months;  /* 0: all time */
  gint64         relation_id;    /* the selected edge, or 0 */
  gint64         event_id;       /* the selected event, or 0 */
  gboolean       show_others;
  double         t0, t1;         /* the timeline's range; 0, 0 for the window's default */
  char          *title;          /* the slide's title; NULL: the briefing's (a deck's view slide sets its own) */
  char          *judgement;      /* the key-judgement line under the title; NULL: none */
  char          *actor;          /* the selected country ("PRK"), or NULL; a side or an event wins */
  TriFilter     *filter;         /* what is shown (owned; NULL: everything); the "as of" line says it */
} TriExportRequest;

typedef struct
{
  int width, height;
} TriExportSize;

/* the sizes the export dialog offers besides the window's own and a custom
 * one: 1920 × 1080, 1600 × 1200 (4:3), A4 landscape */
#define TRI_EXPORT_N_PRESET_SIZES 3
extern const TriExportSize tri_export_preset_sizes[TRI_EXPORT_N_PRESET_SIZES];

GQuark            tri_export_error_quark      (void);
TriExportRequest *tri_export_request_new      (void);
void              tri_export_request_free     (TriExportRequest  *request);
gboolean          tri_export_format_for_path  (const char        *path,
                                               TriExportFormat   *format,
                                               GError           **error);
gboolean          tri_export_parse_size       (const char        *text,
                                               int               *width,
                                               int               *height,
                                               GError           **error);
gboolean          tri_export_parse_view       (const char        *text,
                                               TriExportView     *view,
                                               GError           **error);
gboolean          tri_export_resolve_as_of    (TriStore          *store,
                                               const char        *text,
                                               guint32           *as_of,
                                               GError           **error);
gboolean          tri_export_write            (TriStore          *store,
                                               const TriExportRequest *request,
                                               const char        *path,
                                               GError           **error);
void              tri_export_draw             (TriStore          *store,
                                               const TriExportRequest *request,
                                               cairo_t           *cr);
TriSlideLayout   *tri_export_draw_slide       (TriStore          *store,
                                               const TriExportRequest *request,
                                               cairo_t           *cr);
TriExportRequest *tri_export_request_copy     (const TriExportRequest *request);
/* "As of: the 12 months to 19 June 2024 · confirmed military events only":
 * the "as of" line of every export, with the filter of @store in words */
char             *tri_export_as_of_line       (TriStore          *store,
                                               const char        *window,
                                               const char        *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriExportRequest, tri_export_request_free)

G_END_DECLS
