/* tri-triangle.h: the triangle's layout (pure geometry) and its renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tri-state.h"
#include "tri-theme.h"

G_BEGIN_DECLS

typedef struct
{
  char    *code;
  char    *name;
  guint32  color;
  double   x, y, radius;
  double   name_x, name_y;  /* top-left of the name's box */
  double   name_w, name_h;
} TriNodeLayout;

typedef struct
{
  gint64        relation_id;
  char         *code;
  int           a, b;            /* indexes into nodes */
  double        x1, y1, x2, y2;  /* from rim to rim */
  double        width;
  guint32       color;
  gboolean      dashed;
  TriEdgeState  state;
  char         *label;           /* "9 events · mostly cooperation" */
  double        label_x, label_y;  /* top-left of the label's box */
  double        label_w, label_h;
} TriEdgeLayout;

typedef struct
{
  double     width, height;
  double     unit;               /* 1/100 of the shorter side: scales type and strokes */
  char      *lang;
  GPtrArray *nodes;              /* of TriNodeLayout */
  GPtrArray *edges;              /* of TriEdgeLayout */
  int        selected_edge;      /* -1 for none */
} TriTriangleLayout;

typedef enum
{
  TRI_HIT_NONE,
  TRI_HIT_NODE,
  TRI_HIT_EDGE,
} TriHitKind;

TriTriangleLayout *tri_triangle_layout_new    (GPtrArray         *actors,
                                               GPtrArray         *relations,
                                               GPtrArray         *events,
                                               guint32            from,
                                               guint32            to,
                                               double             width,
                                               double             height,
                                               const char        *lang);
void               tri_triangle_layout_free   (TriTriangleLayout *layout);
TriHitKind         tri_triangle_layout_hit    (TriTriangleLayout *layout,
                                               double             x,
                                               double             y,
                                               int               *index);
void               tri_triangle_render        (TriTriangleLayout *layout,
                                               cairo_t           *cr,
                                               const TriTheme    *theme);
char              *tri_edge_describe_counts   (const TriEdgeState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriTriangleLayout, tri_triangle_layout_free)

G_END_DECLS
