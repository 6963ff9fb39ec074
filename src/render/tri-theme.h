/* tri-theme.h: the palette (Okabe–Ito) and type of every drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "store/tri-model.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean dark;
  guint32  background;
  guint32  text;
  guint32  muted;
  guint32  rule;
  guint32  cursor;
  guint32  stance[TRI_N_STANCES];
  guint32  other_actor;
} TriTheme;

const TriTheme *tri_theme_get          (gboolean      dark);
void            tri_set_source_rgb     (cairo_t      *cr,
                                        guint32       rgb);
guint32         tri_color_mix          (guint32       a,
                                        guint32       b,
                                        double        t);
guint32         tri_balance_color      (const TriTheme *theme,
                                        double        balance);
void            tri_text_measure       (const char   *text,
                                        double        px,
                                        gboolean      bold,
                                        const char   *lang,
                                        double       *width,
                                        double       *height);
void            tri_text_measure_wrapped (const char *text,
                                        double        px,
                                        gboolean      bold,
                                        const char   *lang,
                                        double        wrap_width,
                                        double       *width,
                                        double       *height);
PangoLayout    *tri_text_label         (const char   *text,
                                        double        px,
                                        gboolean      bold,
                                        const char   *lang,
                                        double        max_width);
PangoLayout    *tri_text_layout        (cairo_t      *cr,
                                        const char   *text,
                                        double        px,
                                        gboolean      bold,
                                        const char   *lang);

G_END_DECLS
