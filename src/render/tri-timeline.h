/* tri-timeline.h: the timeline's layout (pure geometry) and its renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tri-lane-index.h"
#include "store/tri-model.h"
#include "tri-theme.h"

G_BEGIN_DECLS

typedef struct
{
  double        width, height;
  double        t0, t1;               /* visible range, julian days */
  guint32       as_of;
  gint64        selected_event;       /* 0 for none */
  const gint64 *highlight_relations;  /* events linked to these stand out */
  guint         n_highlight_relations;
  const char   *lang;
  double        type_scale;           /* 1, or larger for a projector */
  gboolean      expanded[TRI_N_CATEGORIES];  /* lanes given the rows they need before the others */
  /* When set, which lanes are counted bins and the bins' counts come from
   * it, not from the events: the events then need hold only the lanes
   * drawn one by one (tri_timeline_lanes_counted () says which) */
  TriLaneIndex *lanes;
  /* the layout this one replaces: its bins counted from @lanes are taken
   * over where they are the same (same range, plot and index serial) */
  const struct _TriTimelineLayout *previous;
} TriTimelineParams;

typedef struct
{
  gint64         event_id;
  TriCategory    category;
  TriConfidence  confidence;
  TriStance      stance;             /* the dominant stance of its links */
  int            row;                /* within its lane */
  gboolean       point;              /* known to the day */
  double         x0, x1;             /* the mark: a point's centre is (x0 + x1) / 2 */
  double         y;                  /* the mark's centre line */
  char          *title;
  char          *label;              /* as drawn; NULL when there was no room */
  double         label_x, label_y, label_w, label_h;
  double         hit_x0, hit_y0, hit_x1, hit_y1;
  gboolean       selected;
  gboolean       dimmed;
  guint32        earliest, latest;   /* the event's possible days */
  int            weight;             /* its links' summed weight: where rows run out, the heavier keep theirs */
} TriTimelineMark;

typedef struct
{
  double   x;
  char    *label;
  double   label_w;
  double   label_x;                /* where its label starts */
  gboolean shown;                  /* FALSE when its label would run into another */
  gboolean with_year;              /* its label names the year */
} TriTimelineTick;

/* Where events are denser than their labels can be: a bin of the lane
 * with the number of events whose middle falls in it (an event whose
 * middle lies outside the view is in no bin) */
typedef struct
{
  TriCategory  category;
  double       x0, x1;             /* the bin */
  double       y;                  /* the bin's centre line; it stands on the lane's floor */
  double       height;             /* grows with the count */
  guint        count;
  guint32      first, last;        /* the days its events span */
  GArray      *event_ids;          /* of gint64: exactly its events */
  TriStance    stance;             /* the most frequent stance of its events */
  guint        stance_count[TRI_N_STANCES];  /* its events by stance: its colours, in proportion */
  char        *label;              /* the count; NULL where it would run into another */
  double       label_x, label_y, label_w, label_h;
} TriTimelineCluster;

/* The events of a lane in the view that its rows have no room for: the
 * lane says "+N more" rather than drawing them over others */
typedef struct
{
  guint        count;
  guint32      first, last;        /* the days they span */
  guint32      middle;             /* the middle of the middle one, to zoom around */
  GArray      *event_ids;          /* of gint64, by date; NULL when count is 0 */
  char        *label;              /* "+12 more"; NULL when count is 0 */
  double       px;                 /* its type size */
  double       x, y, w, h;         /* its box, under (or beside) the lane's name */
} TriTimelineMore;

typedef enum
{
  TRI_TIMELINE_LEGEND_DOT,         /* known to the day */
  TRI_TIMELINE_LEGEND_BAR,         /* a span with soft ends */
  TRI_TIMELINE_LEGEND_UNCONFIRMED, /* hollow dot, dashed bar */
  TRI_TIMELINE_LEGEND_BIN,         /* counted events (only when a lane is binned) */
  TRI_TIMELINE_LEGEND_STANCE,      /* a colour */
} TriTimelineLegendKind;

typedef struct
{
  TriTimelineLegendKind kind;
  TriStance             stance;    /* for TRI_TIMELINE_LEGEND_STANCE */
  char                 *text;
  double                x, y, w, h;              /* the sample's box */
  double                text_x, text_y, text_w, text_h;
} TriTimelineLegendItem;

typedef struct _TriTimelineLayout
{
  double       width, height;
  double       t0, t1;
  double       plot_x0, plot_x1;
  double       lanes_y0, lanes_y1;
  double       axis_y1;              /* the axis and its labels: lanes_y1 to axis_y1 */
  double       lane_y[TRI_N_CATEGORIES];  /* lanes get the rows their events need */
  double       lane_h[TRI_N_CATEGORIES];
  double       lane_label_w;
  double       label_px;
  double       mark_h;
  char        *lang;
  char        *lane_labels[TRI_N_CATEGORIES];
  double       lane_name_w[TRI_N_CATEGORIES];  /* the room for the name as drawn */
  double       lane_name_y[TRI_N_CATEGORIES];  /* the top of the name */
  TriTimelineMore more[TRI_N_CATEGORIES];
  GPtrArray   *marks;                /* of TriTimelineMark, by date */
  GPtrArray   *clusters;             /* of TriTimelineCluster, lane by lane */
  /* what the bins counted from a lane index were counted over (params->previous) */
  gconstpointer bins_index;
  guint64      bins_serial;
  double       bins_w;
  guint        n_bins;
  gboolean     clustered[TRI_N_CATEGORIES];
  GPtrArray   *ticks;                /* of TriTimelineTick */
  GPtrArray   *legend;               /* of TriTimelineLegendItem; empty where there is no room */
  double       legend_y;             /* its top, below the axis */
  TriTickUnit  tick_unit;
  guint32      as_of;
  double       cursor_x;
  char        *cursor_label;
  double       cursor_label_x, cursor_label_w, cursor_label_h;
} TriTimelineLayout;

typedef enum
{
  TRI_TIMELINE_HIT_NONE,
  TRI_TIMELINE_HIT_MARK,
  TRI_TIMELINE_HIT_CLUSTER,
  TRI_TIMELINE_HIT_CURSOR,
  TRI_TIMELINE_HIT_PLOT,   /* empty plot or axis: a click moves "as of" there */
  TRI_TIMELINE_HIT_MORE,   /* a lane's "+N more": *index is the lane */
} TriTimelineHit;

TriTimelineLayout *tri_timeline_layout_new   (GPtrArray               *events,
                                              const TriTimelineParams *params);
void               tri_timeline_layout_free  (TriTimelineLayout       *layout);
GPtrArray         *tri_timeline_untitled_marks (GPtrArray             *events,
                                              const TriTimelineParams *params);
guint              tri_timeline_lanes_counted (GPtrArray              *events,
                                              const TriTimelineParams *params);
void               tri_timeline_layout_set_as_of (TriTimelineLayout   *layout,
                                              guint32                  as_of);
TriTimelineHit     tri_timeline_layout_hit   (TriTimelineLayout       *layout,
                                              double                   x,
                                              double                   y,
                                              int                     *index);
double             tri_timeline_layout_x     (TriTimelineLayout       *layout,
                                              double                   julian);
guint32            tri_timeline_layout_day_at (TriTimelineLayout      *layout,
                                              double                   x);
void               tri_timeline_default_range (guint32              earliest,
                                               guint32              latest,
                                               guint32              as_of,
                                               double              *t0,
                                               double              *t1);
void               tri_timeline_margin        (double               t0,
                                               double               t1,
                                               double              *from,
                                               double              *to);
gboolean           tri_timeline_read_ahead_due (double              t0,
                                                double              t1,
                                                double              have_from,
                                                double              have_to);
gboolean           tri_timeline_read_ahead    (double               t0,
                                               double               t1,
                                               double               have_from,
                                               double               have_to,
                                               double              *from,
                                               double              *to);
void               tri_timeline_render       (TriTimelineLayout       *layout,
                                              cairo_t                 *cr,
                                              const TriTheme          *theme);
/* The same picture in parts, for a view that keeps the parts that did not
 * change: the base (background, lanes, grid, axis, legend), each lane's
 * events within tri_timeline_lane_extent(), and the "as of" cursor.
 * Two layouts with equal signatures draw that part the same. */
void               tri_timeline_render_base  (TriTimelineLayout       *layout,
                                              cairo_t                 *cr,
                                              const TriTheme          *theme);
void               tri_timeline_render_lane  (TriTimelineLayout       *layout,
                                              cairo_t                 *cr,
                                              const TriTheme          *theme,
                                              guint                    lane);
void               tri_timeline_render_cursor (TriTimelineLayout      *layout,
                                              cairo_t                 *cr,
                                              const TriTheme          *theme);
void               tri_timeline_lane_extent  (TriTimelineLayout       *layout,
                                              guint                    lane,
                                              int                     *x,
                                              int                     *y,
                                              int                     *width,
                                              int                     *height);
void               tri_timeline_cursor_extent (TriTimelineLayout      *layout,
                                              int                     *x,
                                              int                     *y,
                                              int                     *width,
                                              int                     *height);
GBytes            *tri_timeline_base_signature (TriTimelineLayout     *layout);
GBytes            *tri_timeline_cursor_signature (TriTimelineLayout   *layout);
GBytes            *tri_timeline_lane_signature (TriTimelineLayout     *layout,
                                              guint                    lane);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriTimelineLayout, tri_timeline_layout_free)

G_END_DECLS
