/* tri-triangle.h: the triangle's layout (pure geometry) and its renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tri-state-index.h"
#include "tri-theme.h"

G_BEGIN_DECLS

typedef struct
{
  double       width, height;
  guint32      from, to;        /* the window whose events shape the edges */
  const char  *lang;
  double       type_scale;      /* 1, or larger for a projector */
  gboolean     show_others;     /* the other actors around the triangle */
  gboolean     show_legend;
  TriStateIndex *index;         /* when set, the state comes from it in O(log N), not from the events */
  const struct _TriTriangleLayout *previous;  /* when it draws the same nodes and lines, they stay where they were */
} TriTriangleParams;

typedef enum
{
  TRI_NAME_BELOW,
  TRI_NAME_RIGHT,
  TRI_NAME_LEFT,
  TRI_NAME_ABOVE,
} TriNameAt;

typedef struct
{
  char    *code;
  char    *name;
  guint32  color;
  gboolean other;               /* not one of the triangle's three */
  double   x, y, radius;
  double   name_x, name_y;      /* top-left of the name's box */
  double   name_w, name_h;
  TriNameAt name_at;            /* Russia's above, the other two below; the others' where no line is */
  double   ux, uy;              /* the centre in units of the triangle's side, from its top-left corner */
} TriNodeLayout;

typedef struct
{
  gint64        relation_id;
  char         *code;
  int           a, b;            /* indexes into nodes */
  gboolean      other;           /* not a side of the triangle */
  double        x1, y1, x2, y2;  /* from rim to rim */
  double        width;
  guint32       color;           /* from tension through grey to cooperation */
  gboolean      dashed;
  gboolean      empty;           /* a side with no events in the window: faint, "no events" */
  TriEdgeState  state;
  char         *label;           /* "9 events · mostly cooperation"; NULL for other links */
  double        label_x, label_y;  /* top-left of the label's box */
  int           label_slot;      /* where along and beside its side the label goes: 0 is the middle, outside */
  double        label_dx, label_dy;  /* slot 0's centre, from the side's middle */
  double        label_w, label_h;
} TriEdgeLayout;

typedef struct
{
  char   *text;
  int     kind;                  /* 0 thickness, 1 colour, 2 dashes */
  double  x, y, w, h;            /* the sample's box */
  double  text_x, text_y, text_w;
  double  text_h;                /* its lines: more than one when the canvas is narrow */
} TriLegendItem;

typedef struct _TriTriangleLayout
{
  double      width, height;
  double      unit;              /* 1/100 of the shorter side: scales strokes */
  double      side;              /* the triangle's side */
  double      type_scale;
  char       *lang;
  GPtrArray  *nodes;             /* of TriNodeLayout: the triangle's three first */
  GPtrArray  *edges;             /* of TriEdgeLayout: the triangle's sides first */
  GPtrArray  *legend;            /* of TriLegendItem */
  double      legend_y;
  /* paint-time state: set by the view, no geometry depends on it */
  int         selected_edge;     /* -1 for none */
  int         selected_node;
  int         hover_edge;
  int         hover_node;
} TriTriangleLayout;

typedef enum
{
  TRI_HIT_NONE,
  TRI_HIT_NODE,
  TRI_HIT_EDGE,
} TriHitKind;

TriTriangleLayout *tri_triangle_layout_new    (GPtrArray               *actors,
                                               GPtrArray               *relations,
                                               GPtrArray               *events,
                                               const TriTriangleParams *params);
void               tri_triangle_layout_free   (TriTriangleLayout       *layout);
TriHitKind         tri_triangle_layout_hit    (TriTriangleLayout       *layout,
                                               double                   x,
                                               double                   y,
                                               int                     *index);
int                tri_triangle_layout_find_edge (TriTriangleLayout    *layout,
                                               gint64                   relation_id);
void               tri_triangle_render        (TriTriangleLayout       *layout,
                                               cairo_t                 *cr,
                                               const TriTheme          *theme);
/* Each text the triangle draws, as drawn: @role is "name", "edge-label"
 * or "triangle-legend"; (@x, @y) its top-left and @width the room it was
 * given, in the triangle's units; @text is laid out as drawn */
typedef void (*TriTriangleTextFunc) (const char  *role,
                                     PangoLayout *text,
                                     double       x,
                                     double       y,
                                     double       width,
                                     gpointer     user_data);
void               tri_triangle_render_full   (TriTriangleLayout       *layout,
                                               cairo_t                 *cr,
                                               const TriTheme          *theme,
                                               TriTriangleTextFunc      func,
                                               gpointer                 user_data);
char              *tri_edge_describe_counts   (const TriEdgeState      *state,
                                               const char              *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriTriangleLayout, tri_triangle_layout_free)

G_END_DECLS
