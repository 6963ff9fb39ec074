/* tri-triangle.c: the triangle's layout (pure geometry) and its renderer
 *
 * The widget, the exports and the tests all go through the same layout, so
 * what is clicked is what is drawn and what is exported is what is seen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-triangle"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tri-triangle.h"
#include "tri-catalog.h"
#include "tri-labels.h"

/* type sizes in layout units (1/100 of the shorter side)… */
#define LABEL_PX 2.4
#define NAME_PX 3.6
/* …but never smaller than these, in user-space pixels */
#define LABEL_MIN_PX 13.0
#define NAME_MIN_PX 16.0

/* intensity at which an edge reaches its full thickness */
#define FULL_INTENSITY 20.0

/* Russia to the north, China to the south-west, North Korea to the south-east */
static const double node_pos[3][2] = { { 0.5, 0.0 }, { 0.0, 1.0 }, { 1.0, 1.0 } };
#define SIN60 0.8660254

static double
label_px (const TriTriangleLayout *layout)
{
  return MAX (LABEL_PX * layout->unit, LABEL_MIN_PX) * layout->type_scale;
}

static double
name_px (const TriTriangleLayout *layout)
{
  return MAX (NAME_PX * layout->unit, NAME_MIN_PX) * layout->type_scale;
}

static void
node_free (TriNodeLayout *node)
{
  g_free (node->code);
  g_free (node->name);
  g_free (node);
}

static void
edge_free (TriEdgeLayout *edge)
{
  g_free (edge->code);
  g_free (edge->label);
  g_free (edge);
}

static void
legend_item_free (TriLegendItem *item)
{
  g_free (item->text);
  g_free (item);
}

void
tri_triangle_layout_free (TriTriangleLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->nodes, g_ptr_array_unref);
  g_clear_pointer (&layout->edges, g_ptr_array_unref);
  g_clear_pointer (&layout->legend, g_ptr_array_unref);
  g_free (layout->lang);
  g_free (layout);
}

/**
 * tri_edge_describe_counts:
 *
 * Returns: the edge's short label, such as "9 events · mostly cooperation"
 * (the trend in the words of tri_edge_trend_label())
 */
char *
tri_edge_describe_counts (const TriEdgeState *state,
                          const char         *lang)
{
  if (state->n_events == 0)
    return g_strdup (tri_edge_trend_label (state, lang));

  /* Translators: an edge's label in two short lines, e.g. "9 events" and
   * "mostly cooperation"; %d is a number of events, %s a trend */
  return g_strdup_printf (DN_ (lang, "%d event\n%s", "%d events\n%s", state->n_events),
                          state->n_events, tri_edge_trend_label (state, lang));
}

static int
node_index (GPtrArray  *nodes,
            const char *code)
{
  for (guint i = 0; i < nodes->len; i++)
    if (g_str_equal (((TriNodeLayout *) g_ptr_array_index (nodes, i))->code, code))
      return i;
  return -1;
}

int
tri_triangle_layout_find_edge (TriTriangleLayout *layout,
                               gint64             relation_id)
{
  for (guint i = 0; i < layout->edges->len; i++)
    if (((TriEdgeLayout *) g_ptr_array_index (layout->edges, i))->relation_id == relation_id)
      return i;
  return -1;
}

/* A node's centre, and its name beside it */
static void
set_node_centre (TriTriangleLayout *layout,
                 guint              i,
                 double             x,
                 double             y)
{
  TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);
  const double u = layout->unit;

  node->x = x;
  node->y = y;
  switch (node->name_at)
    {
    case TRI_NAME_ABOVE:
      node->name_x = x - node->name_w / 2;
      node->name_y = y - node->radius - (node->other ? 0.5 : 1) * u - node->name_h;
      break;
    case TRI_NAME_RIGHT:
      node->name_x = x + node->radius + 0.6 * u;
      node->name_y = y - node->name_h / 2;
      break;
    case TRI_NAME_LEFT:
      node->name_x = x - node->radius - 0.6 * u - node->name_w;
      node->name_y = y - node->name_h / 2;
      break;
    case TRI_NAME_BELOW:
    default:
      node->name_x = x - node->name_w / 2;
      node->name_y = y + node->radius + 0.5 * u;
      break;
    }
}

/* Where a side's label may go: along the side (0 to 1) and on which side
 * of it (1 the usual one, outside but for the base; -1 the other); the
 * first is the usual place, the others are tried in turn when it is taken. */
static const double slot_along[] = { 0.5, 0.5, 0.38, 0.62, 0.38, 0.62, 0.28, 0.72, 0.28, 0.72 };
static const int slot_across[] = { 1, -1, 1, 1, -1, -1, 1, 1, -1, -1 };
#define N_SLOTS G_N_ELEMENTS (slot_along)

static void
put_label (TriTriangleLayout *layout,
           TriEdgeLayout     *edge,
           int                slot)
{
  const TriNodeLayout *na = g_ptr_array_index (layout->nodes, edge->a);
  const TriNodeLayout *nb = g_ptr_array_index (layout->nodes, edge->b);
  double t = slot_along[slot], k = slot_across[slot];

  edge->label_slot = slot;
  edge->label_x = na->x + (nb->x - na->x) * t + k * edge->label_dx - edge->label_w / 2;
  edge->label_y = na->y + (nb->y - na->y) * t + k * edge->label_dy - edge->label_h / 2;
}

/* Puts the triangle of side @side with its top-left corner at (@x0, @y0),
 * and everything attached to it: the other actors where the planner put
 * them, rims, names, labels. */
static void
place (TriTriangleLayout *layout,
       double             side,
       double             x0,
       double             y0)
{
  const double u = layout->unit;
  double centroid_x, centroid_y;

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);

      set_node_centre (layout, i, x0 + node->ux * side, y0 + node->uy * side);
    }

  centroid_x = x0 + 0.5 * side;
  centroid_y = y0 + SIN60 * 2 / 3 * side;

  for (guint i = 0; i < layout->edges->len; i++)
    {
      TriEdgeLayout *edge = g_ptr_array_index (layout->edges, i);
      const TriNodeLayout *na = g_ptr_array_index (layout->nodes, edge->a);
      const TriNodeLayout *nb = g_ptr_array_index (layout->nodes, edge->b);
      double dx = nb->x - na->x, dy = nb->y - na->y;
      double len = MAX (hypot (dx, dy), 1e-6);
      double ux = dx / len, uy = dy / len;
      double mx = (na->x + nb->x) / 2, my = (na->y + nb->y) / 2;
      double nx = mx - centroid_x, ny = my - centroid_y;
      double clearance;

      edge->x1 = na->x + ux * na->radius;
      edge->y1 = na->y + uy * na->radius;
      edge->x2 = nb->x - ux * nb->radius;
      edge->y2 = nb->y - uy * nb->radius;

      if (edge->label == NULL)
        continue;

      /* the label's box sits clear of the line: outside the triangle, but
       * the base's goes inside, as the names are below it */
      len = MAX (hypot (nx, ny), 1e-6);
      nx /= len;
      ny /= len;
      if (ny > fabs (nx))
        {
          nx = -nx;
          ny = -ny;
        }
      clearance = edge->width / 2 + 1.5 * u + fabs (nx) * edge->label_w / 2 + fabs (ny) * edge->label_h / 2;
      edge->label_dx = nx * clearance;
      edge->label_dy = ny * clearance;
      put_label (layout, edge, edge->label_slot);
    }
}

static void
extent (TriTriangleLayout *layout,
        double            *x_min,
        double            *x_max,
        double            *y_min,
        double            *y_max)
{
  *x_min = *y_min = G_MAXDOUBLE;
  *x_max = *y_max = -G_MAXDOUBLE;

#define GROW(x0, y0, x1, y1) G_STMT_START { \
    *x_min = MIN (*x_min, (x0)); *x_max = MAX (*x_max, (x1)); \
    *y_min = MIN (*y_min, (y0)); *y_max = MAX (*y_max, (y1)); } G_STMT_END

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const TriNodeLayout *n = g_ptr_array_index (layout->nodes, i);
      GROW (n->x - n->radius, n->y - n->radius, n->x + n->radius, n->y + n->radius);
      GROW (n->name_x, n->name_y, n->name_x + n->name_w, n->name_y + n->name_h);
    }
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      if (e->label != NULL)
        GROW (e->label_x, e->label_y, e->label_x + e->label_w, e->label_y + e->label_h);
    }
#undef GROW
}

/* The legend flows in rows along the bottom; returns its height. */
static double
layout_legend (TriTriangleLayout *layout)
{
  const char *texts[3] = {
    D_(layout->lang, "Thickness: weighted number of events in the window"),
    D_(layout->lang, "Colour: tension – mixed or neutral – cooperation"),
    D_(layout->lang, "Dashed: mostly reported or alleged"),
  };
  const double px = label_px (layout) * 0.9;
  const double sample_w = 4.5 * px, gap = px;
  double x = gap, row = 0, row_h = 0, total = 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  layout->legend = g_ptr_array_new_with_free_func ((GDestroyNotify) legend_item_free);

  for (int k = 0; k < 3; k++)
    {
      TriLegendItem *item = g_new0 (TriLegendItem, 1);
      double tw, th;

      double room = MAX (layout->width - 3 * gap - sample_w, px);
      double text_h;

      item->text = g_strdup (texts[k]);
      item->kind = k;
      tri_text_measure (item->text, px, FALSE, layout->lang, &tw, &th);
      text_h = th;
      /* longer than the canvas is wide (a half-width triangle, Russian):
       * on two lines or more, broken between words, never cut */
      if (tw > room)
        tri_text_measure_wrapped (item->text, px, FALSE, layout->lang, room, &tw, &text_h);
      if (x > gap && x + sample_w + gap / 2 + tw > layout->width - gap)
        {
          x = gap;
          row += row_h + gap / 2;
          row_h = 0;
        }
      item->x = x;
      item->y = row;
      item->w = sample_w;
      item->h = th;
      item->text_x = x + sample_w + gap / 2;
      item->text_y = row;
      item->text_w = tw;
      item->text_h = text_h;
      x = item->text_x + tw + 2 * gap;
      row_h = MAX (row_h, text_h);
      g_ptr_array_add (layout->legend, item);
    }
  total = row + row_h;

  layout->legend_y = layout->height - total - gap / 2;
  for (guint i = 0; i < layout->legend->len; i++)
    {
      TriLegendItem *item = g_ptr_array_index (layout->legend, i);
      item->y += layout->legend_y;
      item->text_y += layout->legend_y;
    }
  return total + gap;
}

static gboolean
boxes_meet (double ax, double ay, double aw, double ah,
            double bx, double by, double bw, double bh)
{
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

static gboolean
label_collides (TriTriangleLayout   *layout,
                const TriEdgeLayout *edge,
                double               height)
{
  if (edge->label_x < 0 || edge->label_y < 0 ||
      edge->label_x + edge->label_w > layout->width || edge->label_y + edge->label_h > height)
    return TRUE;

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const TriNodeLayout *n = g_ptr_array_index (layout->nodes, i);

      if (boxes_meet (edge->label_x, edge->label_y, edge->label_w, edge->label_h,
                      n->x - n->radius, n->y - n->radius, 2 * n->radius, 2 * n->radius) ||
          boxes_meet (edge->label_x, edge->label_y, edge->label_w, edge->label_h,
                      n->name_x, n->name_y, n->name_w, n->name_h))
        return TRUE;
    }

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *o = g_ptr_array_index (layout->edges, i);

      if (o == edge)
        continue;
      if (o->label != NULL &&
          boxes_meet (edge->label_x, edge->label_y, edge->label_w, edge->label_h,
                      o->label_x, o->label_y, o->label_w, o->label_h))
        return TRUE;
      /* nor across another edge's line */
      for (int k = 0; k <= 32; k++)
        {
          double px = o->x1 + (o->x2 - o->x1) * k / 32.0;
          double py = o->y1 + (o->y2 - o->y1) * k / 32.0;
          double r = o->width / 2;

          if (px + r > edge->label_x && px - r < edge->label_x + edge->label_w &&
              py + r > edge->label_y && py - r < edge->label_y + edge->label_h)
            return TRUE;
        }
    }
  return FALSE;
}

/* A label that would cover a node, a name, another label or a line tries
 * the other side of its edge, then places further along it on either
 * side, and is dropped if all of them are taken: labels are never drawn
 * over anything. */
static void
resolve_label_collisions (TriTriangleLayout *layout,
                          double             height)
{
  for (guint i = 0; i < layout->edges->len; i++)
    {
      TriEdgeLayout *edge = g_ptr_array_index (layout->edges, i);
      gboolean placed = FALSE;

      if (edge->label == NULL || !label_collides (layout, edge, height))
        continue;

      for (guint slot = 0; slot < N_SLOTS && !placed; slot++)
        {
          if ((int) slot == edge->label_slot)
            continue;
          put_label (layout, edge, slot);
          placed = !label_collides (layout, edge, height);
        }

      if (!placed)
        g_clear_pointer (&edge->label, g_free);
    }
}

/* The extent grows with the side (names and labels add a fixed amount
 * around it): bisect for the largest side that fits. */
static double
fit_side (TriTriangleLayout *layout,
          double             width,
          double             height,
          double             margin)
{
  double lo = 1, hi = MAX (width, height) * 2;
  double x_min, x_max, y_min, y_max;

  for (int i = 0; i < 40; i++)
    {
      double mid = (lo + hi) / 2;

      place (layout, mid, 0, 0);
      extent (layout, &x_min, &x_max, &y_min, &y_max);
      if (x_max - x_min <= width - 2 * margin && y_max - y_min <= height - 2 * margin)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* whether, at @side, the names of the triangle's three meet */
static gboolean
names_meet (TriTriangleLayout *layout,
            double             side)
{
  place (layout, side, 0, 0);
  for (guint i = 0; i < 3 && i < layout->nodes->len; i++)
    for (guint k = i + 1; k < 3 && k < layout->nodes->len; k++)
      {
        const TriNodeLayout *a = g_ptr_array_index (layout->nodes, i);
        const TriNodeLayout *b = g_ptr_array_index (layout->nodes, k);

        if (boxes_meet (a->name_x, a->name_y, a->name_w, a->name_h, b->name_x, b->name_y, b->name_w, b->name_h))
          return TRUE;
      }
  return FALSE;
}

/* Geometry for the planner and the hit test */

static double
distance_to_segment (double px, double py,
                     double x1, double y1,
                     double x2, double y2)
{
  double dx = x2 - x1, dy = y2 - y1;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - x1) * dx + (py - y1) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (px - (x1 + t * dx), py - (y1 + t * dy));
}

/* from the whole line through the two points, beyond their ends too */
static double
distance_to_line (double px, double py,
                  double x1, double y1,
                  double x2, double y2)
{
  double dx = x2 - x1, dy = y2 - y1;
  double len = hypot (dx, dy);

  if (len <= 0)
    return hypot (px - x1, py - y1);
  return fabs ((px - x1) * dy - (py - y1) * dx) / len;
}

/* two segments that cross, not merely touch at an end they share */
static gboolean
segments_cross (double ax, double ay, double bx, double by,
                double cx, double cy, double dx, double dy)
{
  double d1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  double d2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  double d3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  double d4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);

  return d1 * d2 < 0 && d3 * d4 < 0;
}

/* Liang–Barsky: does the segment pass through the box? */
static gboolean
segment_meets_box (double x1, double y1, double x2, double y2,
                   double bx, double by, double bw, double bh)
{
  const double p[4] = { x1 - x2, x2 - x1, y1 - y2, y2 - y1 };
  const double q[4] = { x1 - bx, bx + bw - x1, y1 - by, by + bh - y1 };
  double t0 = 0, t1 = 1;

  for (int k = 0; k < 4; k++)
    {
      if (p[k] == 0)
        {
          if (q[k] < 0)
            return FALSE;
          continue;
        }
      if (p[k] < 0)
        t0 = MAX (t0, q[k] / p[k]);
      else
        t1 = MIN (t1, q[k] / p[k]);
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

/* how far two boxes overlap: 0 when apart */
static double
box_overlap (double ax, double ay, double aw, double ah,
             double bx, double by, double bw, double bh)
{
  double ox = MIN (ax + aw, bx + bw) - MAX (ax, bx);
  double oy = MIN (ay + ah, by + bh) - MAX (ay, by);

  return ox > 0 && oy > 0 ? MIN (ox, oy) : 0;
}

static void
grow_box (double *box, double x, double y, double w, double h)
{
  box[0] = MIN (box[0], x);
  box[1] = MIN (box[1], y);
  box[2] = MAX (box[2], x + w);
  box[3] = MAX (box[3], y + h);
}

static void
grow_by_node (double *box, const TriNodeLayout *n)
{
  grow_box (box, n->x - n->radius, n->y - n->radius, 2 * n->radius, 2 * n->radius);
  grow_box (box, n->name_x, n->name_y, n->name_w, n->name_h);
}

/* The other actors' places.
 *
 * The triangle is planned at a given side, centred in the room the canvas
 * leaves, and each other actor goes on one of the rings (circles, and
 * ellipses as wide as the room) around it, outside the triangle, inside
 * the room. A place is refused when a line that would be drawn passes
 * within CLEARANCE of a node it does not join, when three nodes joined by
 * drawn lines would lie on one straight line, when a disc or a name would
 * cover another disc or name or a side's label, or would leave the room.
 * Among the places left, the planner prefers lines clear of the sides'
 * labels above all, then few crossings of the triangle's sides, lines
 * clear of names (the triangle's above all), lines that leave a node far
 * enough apart to tell, short lines, and names below their discs; the
 * name goes below, right, left or above, wherever it costs least. The
 * actors with the most lines go first, then each is placed again twice
 * with all the others known; the same is tried with the fewest lines
 * first and in rank order, and the cheapest drawing is kept. After each
 * actor the sides' labels take their first free place along their side,
 * so the next actor sees where they are. Everything is deterministic:
 * the same data and size give the same drawing. */

#define CLEARANCE 1.5           /* in layout units, beyond the node's radius and half the line */
#define N_RINGS 8
#define N_ANGLES 48
#define MIN_ANGLE (15 * G_PI / 180)
#define N_SWEEPS 3
#define N_STARTS 3

typedef struct
{
  TriTriangleLayout *layout;
  double             side;
  double             room_w, room_h;
  gboolean          *placed;     /* per node */
  guint8            *joined;     /* n × n: a drawn line between two nodes */
} Planner;

/* how far a box leaves the room */
static double
outside_room (Planner *p,
              double   x,
              double   y,
              double   w,
              double   h)
{
  return MAX (0, -x) + MAX (0, -y) + MAX (0, x + w - p->room_w) + MAX (0, y + h - p->room_h);
}

/* What node @v's disc costs where it stands now, whatever its name does;
 * adds to @violation how far it misses what a place must keep. Stops
 * counting once the total passes @bound. */
static double
position_cost (Planner *p,
               guint    v,
               double   bound,
               double  *violation)
{
  TriTriangleLayout *layout = p->layout;
  const guint n = layout->nodes->len;
  const double u = layout->unit, gap = 0.6 * u, m = CLEARANCE * u;
  const TriNodeLayout *nv = g_ptr_array_index (layout->nodes, v);
  const double vx = nv->x - nv->radius - gap, vy = nv->y - nv->radius - gap;
  const double vw = 2 * (nv->radius + gap);
  double cost = 0;

  /* clear of the other discs and names */
  for (guint w = 0; w < n; w++)
    {
      const TriNodeLayout *nw = g_ptr_array_index (layout->nodes, w);

      if (w == v || !p->placed[w])
        continue;
      *violation += box_overlap (vx, vy, vw, vw, nw->x - nw->radius, nw->y - nw->radius, 2 * nw->radius, 2 * nw->radius);
      *violation += box_overlap (vx, vy, vw, vw, nw->name_x, nw->name_y, nw->name_w, nw->name_h);
    }

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      const TriNodeLayout *na = g_ptr_array_index (layout->nodes, e->a);
      const TriNodeLayout *nb = g_ptr_array_index (layout->nodes, e->b);
      const double half = e->width / 2;
      guint o;

      /* already worse than the best place found: no need to know by how much */
      if (cost + 50 * *violation / u > bound)
        return cost;

      /* and of the sides' labels */
      if (e->label != NULL)
        *violation += box_overlap (vx, vy, vw, vw, e->label_x, e->label_y, e->label_w, e->label_h);

      if ((!p->placed[e->a] && e->a != (int) v) || (!p->placed[e->b] && e->b != (int) v))
        continue;

      if (e->a != (int) v && e->b != (int) v)
        {
          /* a line already drawn: clear of v, and not continued by v's own lines */
          double need = nv->radius + half + m;

          *violation += MAX (0, need - distance_to_segment (nv->x, nv->y, na->x, na->y, nb->x, nb->y));
          if (p->joined[v * n + e->a] || p->joined[v * n + e->b])
            *violation += MAX (0, need - distance_to_line (nv->x, nv->y, na->x, na->y, nb->x, nb->y));
          else if (distance_to_line (nv->x, nv->y, na->x, na->y, nb->x, nb->y) < need)
            cost += 1;   /* as if the line went on to it */
          continue;
        }

      /* one of v's own lines: clear of every other node, not in line with
       * a third node joined to either end, through no name or label */
      o = e->a == (int) v ? e->b : e->a;
      for (guint w = 0; w < n; w++)
        {
          const TriNodeLayout *nw = g_ptr_array_index (layout->nodes, w);
          double need = nw->radius + half + m;

          if (w == v || !p->placed[w])
            continue;
          if (segment_meets_box (na->x, na->y, nb->x, nb->y, nw->name_x, nw->name_y, nw->name_w, nw->name_h))
            cost += nw->other ? 1.5 : 4;
          if (w == o)
            continue;
          *violation += MAX (0, need - distance_to_segment (nw->x, nw->y, na->x, na->y, nb->x, nb->y));
          if (p->joined[w * n + v] || p->joined[w * n + o])
            *violation += MAX (0, need - distance_to_line (nw->x, nw->y, na->x, na->y, nb->x, nb->y));
          else if (distance_to_line (nw->x, nw->y, na->x, na->y, nb->x, nb->y) < need)
            cost += 1;
        }
      for (guint k = 0; k < layout->edges->len; k++)
        {
          const TriEdgeLayout *f = g_ptr_array_index (layout->edges, k);
          const TriNodeLayout *fa = g_ptr_array_index (layout->nodes, f->a);
          const TriNodeLayout *fb = g_ptr_array_index (layout->nodes, f->b);

          /* a side's label would have to move, or go: nearly as bad as a
           * line through a node, but a smaller triangle would not help */
          if (f->label != NULL &&
              segment_meets_box (na->x, na->y, nb->x, nb->y, f->label_x, f->label_y, f->label_w, f->label_h))
            cost += 40;
          if (f == e || !p->placed[f->a] || !p->placed[f->b])
            continue;
          if (f->a == (int) o || f->b == (int) o || f->a == (int) v || f->b == (int) v)
            {
              /* two lines from one node, far enough apart to tell */
              guint at = f->a == (int) o || f->b == (int) o ? o : v;
              const TriNodeLayout *nat = g_ptr_array_index (layout->nodes, at);
              const TriNodeLayout *near = at == o ? nv : g_ptr_array_index (layout->nodes, o);
              const TriNodeLayout *far = f->a == (int) at ? fb : fa;
              double angle = fabs (atan2 (near->y - nat->y, near->x - nat->x) - atan2 (far->y - nat->y, far->x - nat->x));

              angle = MIN (angle, 2 * G_PI - angle);
              if (angle < MIN_ANGLE)
                cost += 1.5 * (1 - angle / MIN_ANGLE);
              continue;
            }
          if (segments_cross (na->x, na->y, nb->x, nb->y, fa->x, fa->y, fb->x, fb->y))
            cost += f->other ? 0.3 : 3.0;
        }
      cost += 0.5 * hypot (nb->x - na->x, nb->y - na->y) / p->side;
    }

  return cost;
}

/* What node @v's name costs where it stands now */
static double
name_cost (Planner *p,
           guint    v,
           double  *violation)
{
  static const double preference[] = { 0, 0.15, 0.15, 0.3 };   /* below, right, left, above */
  TriTriangleLayout *layout = p->layout;
  const guint n = layout->nodes->len;
  const double u = layout->unit, gap = 0.6 * u;
  const TriNodeLayout *nv = g_ptr_array_index (layout->nodes, v);
  const double x = nv->name_x - gap, y = nv->name_y - gap;
  const double w = nv->name_w + 2 * gap, h = nv->name_h + 2 * gap;
  double cost = preference[nv->name_at];

  *violation += outside_room (p, nv->name_x, nv->name_y, nv->name_w, nv->name_h);
  for (guint k = 0; k < n; k++)
    {
      const TriNodeLayout *nk = g_ptr_array_index (layout->nodes, k);

      if (k == v || !p->placed[k])
        continue;
      *violation += box_overlap (x, y, w, h, nk->x - nk->radius, nk->y - nk->radius, 2 * nk->radius, 2 * nk->radius);
      *violation += box_overlap (x, y, w, h, nk->name_x, nk->name_y, nk->name_w, nk->name_h);
    }

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      const TriNodeLayout *na = g_ptr_array_index (layout->nodes, e->a);
      const TriNodeLayout *nb = g_ptr_array_index (layout->nodes, e->b);

      if (e->label != NULL)
        *violation += box_overlap (x, y, w, h, e->label_x, e->label_y, e->label_w, e->label_h);
      if ((!p->placed[e->a] && e->a != (int) v) || (!p->placed[e->b] && e->b != (int) v))
        continue;
      /* no line through the name, its own node's included */
      if (segment_meets_box (na->x, na->y, nb->x, nb->y, nv->name_x, nv->name_y, nv->name_w, nv->name_h))
        cost += 1.5;
    }

  return cost;
}

/* Is a side's label, where it is, over anything placed so far? */
static gboolean
label_blocked (Planner             *p,
               const TriEdgeLayout *edge)
{
  TriTriangleLayout *layout = p->layout;
  const double x = edge->label_x, y = edge->label_y, w = edge->label_w, h = edge->label_h;

  if (outside_room (p, x, y, w, h) > 0)
    return TRUE;
  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const TriNodeLayout *n = g_ptr_array_index (layout->nodes, i);

      if (p->placed[i] &&
          (box_overlap (x, y, w, h, n->x - n->radius, n->y - n->radius, 2 * n->radius, 2 * n->radius) > 0 ||
           box_overlap (x, y, w, h, n->name_x, n->name_y, n->name_w, n->name_h) > 0))
        return TRUE;
    }
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *o = g_ptr_array_index (layout->edges, i);
      const TriNodeLayout *oa = g_ptr_array_index (layout->nodes, o->a);
      const TriNodeLayout *ob = g_ptr_array_index (layout->nodes, o->b);
      double r = o->width / 2;

      if (o == edge || !p->placed[o->a] || !p->placed[o->b])
        continue;
      if (o->label != NULL && box_overlap (x, y, w, h, o->label_x, o->label_y, o->label_w, o->label_h) > 0)
        return TRUE;
      if (segment_meets_box (oa->x, oa->y, ob->x, ob->y, x - r, y - r, w + 2 * r, h + 2 * r))
        return TRUE;
    }
  return FALSE;
}

/* Each side's label goes to its first place that nothing placed covers
 * (its usual one if free), so that the next actors see where it is */
static void
choose_label_slots (Planner *p)
{
  TriTriangleLayout *layout = p->layout;

  for (guint i = 0; i < layout->edges->len; i++)
    {
      TriEdgeLayout *edge = g_ptr_array_index (layout->edges, i);
      guint slot;

      if (edge->label == NULL)
        continue;
      for (slot = 0; slot < N_SLOTS; slot++)
        {
          put_label (layout, edge, slot);
          if (!label_blocked (p, edge))
            break;
        }
      if (slot == N_SLOTS)
        put_label (layout, edge, 0);
    }
}

/* Plans the other actors' places for a triangle of side @side, centred in
 * a room of @room_w × @room_h; returns how far the best places still miss
 * (0 when every line is clear), in pixels, and sets @total_cost to what
 * the drawing costs. */
static double
plan_others (TriTriangleLayout *layout,
             double             side,
             double             room_w,
             double             room_h,
             double            *total_cost)
{
  const guint n = layout->nodes->len;
  const double u = layout->unit;
  double wide, x0, y0, cx, cy, x_min, x_max, y_min, y_max, ring_step, missed = 0, best_total = 0;
  g_autofree double *best_state = NULL;
  g_autofree int *best_slots = NULL;
  g_autofree gboolean *placed = NULL;
  g_autofree guint8 *joined = NULL;
  g_autofree guint *order = NULL;
  g_autofree int *degree = NULL;
  Planner p;

  *total_cost = 0;
  if (n <= 3)
    return 0;

  placed = g_new0 (gboolean, n);
  joined = g_new0 (guint8, n * n);
  order = g_new0 (guint, n - 3);
  degree = g_new0 (int, n);
  p = (Planner) { layout, side, MAX (room_w, 1), MAX (room_h, 1), placed, joined };

  /* the triangle, its names and its labels, centred in the room */
  for (guint i = 0; i < 3; i++)
    placed[i] = TRUE;
  place (layout, side, 0, 0);
  x_min = y_min = G_MAXDOUBLE;
  x_max = y_max = -G_MAXDOUBLE;
  {
    double box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

    for (guint i = 0; i < 3; i++)
      grow_by_node (box, g_ptr_array_index (layout->nodes, i));
    for (guint i = 0; i < layout->edges->len; i++)
      {
        const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
        if (e->label != NULL)
          grow_box (box, e->label_x, e->label_y, e->label_w, e->label_h);
      }
    x_min = box[0];
    y_min = box[1];
    x_max = box[2];
    y_max = box[3];
  }
  x0 = (room_w - (x_max - x_min)) / 2 - x_min;
  y0 = (room_h - (y_max - y_min)) / 2 - y_min;
  place (layout, side, x0, y0);
  cx = x0 + 0.5 * side;
  cy = y0 + SIN60 * 2 / 3 * side;

  /* rings from just outside the triangle's corners to the room's corners */
  wide = CLAMP (room_w / MAX (room_h, 1), 1.0, 3.0);
  ring_step = (MAX (hypot (room_w / 2, room_h / 2) / side, 0.9) - 0.75) / (N_RINGS - 1);

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      joined[e->a * n + e->b] = joined[e->b * n + e->a] = 1;
      degree[e->a]++;
      degree[e->b]++;
    }

  /* Greedy placing depends on the order: try the most lines first, the
   * fewest first and rank order, and keep the best drawing */
  best_state = g_new (double, 3 * (n - 3));
  best_slots = g_new0 (int, layout->edges->len + 1);
  for (int start = 0; start < N_STARTS; start++)
    {
      double total = 0, start_missed = 0;

      for (guint i = 3; i < n; i++)
        placed[i] = FALSE;
      choose_label_slots (&p);
      for (guint i = 3; i < n; i++)
        {
          guint k = i - 3;

          /* an insertion sort, stable: ties stay in rank order */
          while (start < 2 && k > 0 &&
                 (start == 0 ? degree[order[k - 1]] < degree[i] : degree[order[k - 1]] > degree[i]))
            {
              order[k] = order[k - 1];
              k--;
            }
          order[k] = i;
        }

      for (int sweep = 0; sweep < N_SWEEPS; sweep++)
        for (guint k = 0; k < n - 3; k++)
          {
            guint v = order[k];
            TriNodeLayout *node = g_ptr_array_index (layout->nodes, v);
            double best = G_MAXDOUBLE, best_x = cx, best_y = cy, best_missed = 0;
            TriNameAt best_at = TRI_NAME_BELOW;

            placed[v] = FALSE;
            for (int ring = 0; ring < N_RINGS; ring++)
              for (int shape = 0; shape < 2; shape++)
                {
                  double rho = (0.75 + ring_step * ring) * side;
                  double rx = shape ? rho * wide : rho;

                  if (shape == 1 && wide <= 1.05)
                    continue;
                  for (int a = 0; a < N_ANGLES; a++)
                    {
                      double angle = G_PI / 2 + 2 * G_PI * a / N_ANGLES;
                      double x = cx + rx * cos (angle), y = cy + rho * sin (angle);
                      double off = outside_room (&p, x - node->radius, y - node->radius,
                                                 2 * node->radius, 2 * node->radius);
                      double pos_violation = off, c;

                      /* well outside the room: not worth a look */
                      if (off > 4 * u)
                        continue;
                      set_node_centre (layout, v, x, y);
                      c = position_cost (&p, v, best, &pos_violation);
                      if (c + 50 * pos_violation / u >= best)
                        continue;
                      for (int at = TRI_NAME_BELOW; at <= TRI_NAME_ABOVE; at++)
                        {
                          double violation = pos_violation, cost;

                          node->name_at = at;
                          set_node_centre (layout, v, x, y);
                          cost = c + name_cost (&p, v, &violation);
                          cost += 50 * violation / u;
                          if (cost < best - 1e-9)
                            {
                              best = cost;
                              best_x = x;
                              best_y = y;
                              best_at = at;
                              best_missed = violation;
                            }
                        }
                    }
                }

            node->name_at = best_at;
            set_node_centre (layout, v, best_x, best_y);
            placed[v] = TRUE;
            choose_label_slots (&p);
            if (sweep == N_SWEEPS - 1)
              {
                start_missed += best_missed;
                total += best;
              }
          }

      if (start == 0 || start_missed < missed || (start_missed == missed && total < best_total - 1e-9))
        {
          missed = start_missed;
          best_total = total;
          for (guint i = 0; i < layout->edges->len; i++)
            best_slots[i] = ((TriEdgeLayout *) g_ptr_array_index (layout->edges, i))->label_slot;
          for (guint i = 3; i < n; i++)
            {
              const TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);
              best_state[3 * (i - 3)] = node->x;
              best_state[3 * (i - 3) + 1] = node->y;
              best_state[3 * (i - 3) + 2] = node->name_at;
            }
        }
    }

  for (guint i = 3; i < n; i++)
    {
      TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);

      node->name_at = (TriNameAt) best_state[3 * (i - 3) + 2];
      set_node_centre (layout, i, best_state[3 * (i - 3)], best_state[3 * (i - 3) + 1]);
    }
  for (guint i = 0; i < layout->edges->len; i++)
    {
      TriEdgeLayout *edge = g_ptr_array_index (layout->edges, i);
      if (edge->label != NULL)
        put_label (layout, edge, best_slots[i]);
    }
  *total_cost = best_total;

  for (guint i = 3; i < n; i++)
    {
      TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);
      node->ux = (node->x - x0) / side;
      node->uy = (node->y - y0) / side;
    }
  return missed;
}

/* Does a previous layout draw the same nodes and lines, at the same size? */
static gboolean
same_drawing (const TriTriangleLayout *layout,
              const TriTriangleLayout *previous)
{
  if (previous == NULL || previous->width != layout->width || previous->height != layout->height ||
      previous->type_scale != layout->type_scale || g_strcmp0 (previous->lang, layout->lang) != 0 ||
      previous->nodes->len != layout->nodes->len || previous->edges->len != layout->edges->len)
    return FALSE;
  for (guint i = 0; i < layout->nodes->len; i++)
    if (!g_str_equal (((TriNodeLayout *) previous->nodes->pdata[i])->code,
                      ((TriNodeLayout *) layout->nodes->pdata[i])->code))
      return FALSE;
  for (guint i = 0; i < layout->edges->len; i++)
    if (((TriEdgeLayout *) previous->edges->pdata[i])->relation_id !=
        ((TriEdgeLayout *) layout->edges->pdata[i])->relation_id)
      return FALSE;
  return TRUE;
}

/* Are the lines, as placed now, clear of every node they do not join, and
 * of every node joined to their ends, by @margin beyond radius and half
 * the line? */
static gboolean
lines_clear (const TriTriangleLayout *layout,
             double                   margin)
{
  const guint n = layout->nodes->len;

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *e = g_ptr_array_index (layout->edges, i);
      const TriNodeLayout *na = g_ptr_array_index (layout->nodes, e->a);
      const TriNodeLayout *nb = g_ptr_array_index (layout->nodes, e->b);

      for (guint k = 0; k < n; k++)
        {
          const TriNodeLayout *w = g_ptr_array_index (layout->nodes, k);
          double need = w->radius + e->width / 2 + margin;
          gboolean joined = FALSE;

          if ((int) k == e->a || (int) k == e->b)
            continue;
          if (distance_to_segment (w->x, w->y, na->x, na->y, nb->x, nb->y) <= need)
            return FALSE;
          for (guint j = 0; j < layout->edges->len && !joined; j++)
            {
              const TriEdgeLayout *f = g_ptr_array_index (layout->edges, j);
              joined = (f->a == (int) k && (f->b == e->a || f->b == e->b)) ||
                       (f->b == (int) k && (f->a == e->a || f->a == e->b));
            }
          if (joined && distance_to_line (w->x, w->y, na->x, na->y, nb->x, nb->y) <= need)
            return FALSE;
        }
    }
  return TRUE;
}

static int
actor_index (GPtrArray  *actors,
             const char *code)
{
  for (guint i = 0; i < actors->len; i++)
    if (g_str_equal (((TriActor *) g_ptr_array_index (actors, i))->code, code))
      return i;
  return -1;
}

/**
 * tri_triangle_layout_new:
 * @actors: the briefing's actors, in rank order (the first three are the triangle)
 * @events: the events that may fall in the window [@params->from, @params->to]
 *
 * Computes how each edge looks for the window, and where the nodes, edges
 * and labels go: the largest triangle whose names and labels all fit
 * inside the canvas, above the legend.
 *
 * The triangle's three sides are always drawn, faint and labelled "no
 * events" when the window has none. With @params->show_others, so is
 * every other relation with events in the window, and the other actors
 * those relations join (and only those), placed so that no line passes
 * through a node it does not join.
 */
TriTriangleLayout *
tri_triangle_layout_new (GPtrArray               *actors,
                         GPtrArray               *relations,
                         GPtrArray               *events,
                         const TriTriangleParams *params)
{
  TriTriangleLayout *layout = g_new0 (TriTriangleLayout, 1);
  g_autofree TriEdgeState *states = g_new0 (TriEdgeState, MAX (relations->len, 1));
  g_autofree gboolean *drawn = g_new0 (gboolean, MAX (relations->len, 1));
  double margin, x_min, x_max, y_min, y_max, side, avail_h;
  gboolean has_others = FALSE, plan;

  layout->width = params->width;
  layout->height = params->height;
  layout->unit = MAX (MIN (params->width, params->height) / 100.0, 0.01);
  layout->type_scale = params->type_scale > 0 ? params->type_scale : 1;
  layout->lang = g_strdup (params->lang);
  layout->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  layout->edges = g_ptr_array_new_with_free_func ((GDestroyNotify) edge_free);
  layout->selected_edge = layout->selected_node = -1;
  layout->hover_edge = layout->hover_node = -1;

  /* each relation's state in the window: the sides are drawn whatever it
   * is, the other links only when they have events in it */
  for (guint k = 0; k < relations->len; k++)
    {
      const TriRelation *rel = g_ptr_array_index (relations, k);
      int a = actor_index (actors, rel->a), b = actor_index (actors, rel->b);
      gboolean is_side = a >= 0 && a < 3 && b >= 0 && b < 3;

      if (a < 0 || b < 0 || a == b || (!is_side && !params->show_others))
        continue;
      if (params->index != NULL)
        tri_state_index_compute (params->index, &states[k], rel->id, params->from, params->to);
      else
        tri_edge_state_compute (&states[k], events, rel->id, params->from, params->to);
      drawn[k] = is_side || states[k].n_events > 0;
    }

  for (guint i = 0; i < actors->len; i++)
    {
      const TriActor *actor = g_ptr_array_index (actors, i);
      gboolean other = i >= 3;
      TriNodeLayout *node;

      if (other)
        {
          /* only the actors with a relation drawn */
          gboolean linked = FALSE;

          for (guint k = 0; k < relations->len && !linked; k++)
            {
              const TriRelation *rel = g_ptr_array_index (relations, k);
              linked = drawn[k] && (g_str_equal (rel->a, actor->code) || g_str_equal (rel->b, actor->code));
            }
          if (!linked)
            continue;
          has_others = TRUE;
        }

      node = g_new0 (TriNodeLayout, 1);
      node->code = g_strdup (actor->code);
      node->name = g_strdup (actor->name);
      node->color = actor->color;
      node->other = other;
      node->name_at = i == 0 ? TRI_NAME_ABOVE : TRI_NAME_BELOW;
      node->radius = (other ? 2.8 : 5) * layout->unit * (other ? 1 : MIN (layout->type_scale, 1.3));
      if (!other)
        {
          node->ux = node_pos[i][0];
          node->uy = node_pos[i][1] * SIN60;
        }
      else
        {
          /* until the planner says: in the middle, out of the extent */
          node->ux = 0.5;
          node->uy = SIN60 * 2 / 3;
        }
      tri_text_measure (node->name, name_px (layout) * (other ? 0.7 : 1), !other, params->lang,
                        &node->name_w, &node->name_h);
      g_ptr_array_add (layout->nodes, node);
    }

  /* the triangle's sides first, then the other links */
  for (int pass = 0; pass < 2; pass++)
    for (guint k = 0; k < relations->len; k++)
      {
        const TriRelation *rel = g_ptr_array_index (relations, k);
        int a = node_index (layout->nodes, rel->a);
        int b = node_index (layout->nodes, rel->b);
        gboolean other;
        TriEdgeLayout *edge;
        double strength;

        if (!drawn[k] || a < 0 || b < 0)
          continue;
        other = a >= 3 || b >= 3;
        if (other != (pass == 1))
          continue;

        edge = g_new0 (TriEdgeLayout, 1);
        edge->relation_id = rel->id;
        edge->code = g_strdup (rel->code);
        edge->a = a;
        edge->b = b;
        edge->other = other;
        edge->state = states[k];
        edge->empty = edge->state.n_events == 0;

        strength = MIN (1.0, sqrt (edge->state.intensity / FULL_INTENSITY));
        edge->width = layout->unit * (0.25 + 3.75 * strength) * (other ? 0.5 : 1);
        edge->color = tri_balance_color (tri_theme_get (FALSE), tri_edge_state_balance (&edge->state));
        edge->dashed = tri_edge_state_is_dashed (&edge->state);
        if (!other)
          {
            edge->label = tri_edge_describe_counts (&edge->state, params->lang);
            tri_text_measure (edge->label, label_px (layout), FALSE, params->lang,
                              &edge->label_w, &edge->label_h);
          }
        g_ptr_array_add (layout->edges, edge);
      }

  avail_h = params->height;
  if (params->show_legend)
    avail_h -= layout_legend (layout);
  else
    layout->legend = g_ptr_array_new_with_free_func ((GDestroyNotify) legend_item_free);

  margin = 1.5 * layout->unit;
  side = fit_side (layout, params->width, avail_h, margin);
  /* a canvas so small that under the legend the triangle's names would
   * run into each other: the drawing keeps the room, the legend goes */
  if (layout->legend->len > 0 && names_meet (layout, side))
    {
      g_ptr_array_set_size (layout->legend, 0);
      avail_h = params->height;
      side = fit_side (layout, params->width, avail_h, margin);
    }

  /* The planner keeps lines clear of nodes by so many pixels at the side
   * it plans for, and a larger side only spreads the nodes further apart:
   * plan at a side that leaves room around the triangle (smaller while a
   * line cannot be kept clear), then fit the side to the drawing. */
  /* The same actors and lines as the layout before (the date moved, the
   * window did not change what is drawn): the other actors stay where they
   * were, as long as the lines, whose widths may have changed, stay clear */
  plan = has_others;
  if (has_others && same_drawing (layout, params->previous))
    {
      for (guint i = 0; i < layout->nodes->len; i++)
        {
          TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);
          const TriNodeLayout *was = g_ptr_array_index (params->previous->nodes, i);

          node->ux = was->ux;
          node->uy = was->uy;
          node->name_at = was->name_at;
        }
      for (guint i = 0; i < layout->edges->len; i++)
        ((TriEdgeLayout *) g_ptr_array_index (layout->edges, i))->label_slot =
          ((TriEdgeLayout *) g_ptr_array_index (params->previous->edges, i))->label_slot;
      side = MIN (fit_side (layout, params->width, avail_h, margin), params->previous->side);
      place (layout, side, 0, 0);
      plan = !lines_clear (layout, CLEARANCE * layout->unit);
      if (plan)
        side = fit_side (layout, params->width, avail_h, margin);
    }

  if (plan)
    {
      guint n_others = layout->nodes->len - 3;
      g_autofree double *saved = g_new (double, 3 * n_others);
      double planned, missed = 0, cost = 0;
      int saved_slots[3] = { 0, 0, 0 };

      /* the more actors around it, the smaller the triangle to start with */
      side *= CLAMP (0.8 - 0.015 * n_others, 0.55, 0.75);
      for (int k = 0; k < 4; k++)
        {
          missed = plan_others (layout, side, params->width - 2 * margin, avail_h - 2 * margin, &cost);
          if (missed <= 0)
            break;
          side *= 0.85;
        }
      planned = side;
      side = fit_side (layout, params->width, avail_h, margin);

      /* room to spare: plan once more at the side it allows, where the
       * names and labels are as they will be drawn; keep the first plan
       * if that one does worse */
      if (side > 1.05 * planned)
        {
          double fitted, cost_again;

          for (guint i = 0; i < n_others; i++)
            {
              const TriNodeLayout *node = g_ptr_array_index (layout->nodes, i + 3);
              saved[3 * i] = node->ux;
              saved[3 * i + 1] = node->uy;
              saved[3 * i + 2] = node->name_at;
            }
          for (guint i = 0; i < 3 && i < layout->edges->len; i++)
            saved_slots[i] = ((TriEdgeLayout *) g_ptr_array_index (layout->edges, i))->label_slot;
          if (plan_others (layout, side, params->width - 2 * margin, avail_h - 2 * margin, &cost_again) <= missed &&
              cost_again <= cost + 0.5 &&
              (fitted = fit_side (layout, params->width, avail_h, margin)) >= 0.97 * side)
            side = fitted;
          else
            {
              for (guint i = 0; i < n_others; i++)
                {
                  TriNodeLayout *node = g_ptr_array_index (layout->nodes, i + 3);
                  node->ux = saved[3 * i];
                  node->uy = saved[3 * i + 1];
                  node->name_at = (TriNameAt) saved[3 * i + 2];
                }
              for (guint i = 0; i < 3 && i < layout->edges->len; i++)
                ((TriEdgeLayout *) g_ptr_array_index (layout->edges, i))->label_slot = saved_slots[i];
              /* not much larger than planned: the labels and names stay
               * where the plan put them, clear of the lines */
              side = MIN (fit_side (layout, params->width, avail_h, margin), 1.1 * planned);
            }
        }
    }

  /* a canvas too small for the labels keeps a readable triangle: the
   * labels go (the tooltips, the panel and the hotspots still say it all) */
  if (side < (has_others ? 0.25 : 0.4) * MIN (params->width, avail_h))
    {
      for (guint i = 0; i < layout->edges->len; i++)
        g_clear_pointer (&((TriEdgeLayout *) g_ptr_array_index (layout->edges, i))->label, g_free);
      side = fit_side (layout, params->width, avail_h, margin);
    }

  layout->side = side;
  place (layout, side, 0, 0);
  extent (layout, &x_min, &x_max, &y_min, &y_max);
  place (layout, side,
         (params->width - (x_max - x_min)) / 2 - x_min,
         (avail_h - (y_max - y_min)) / 2 - y_min);
  resolve_label_collisions (layout, avail_h);

  return layout;
}

/**
 * tri_triangle_layout_hit:
 * @index: (out): the node's or edge's index
 *
 * The one hit test behind hover, tooltips and clicks: a node, its name, an
 * edge or its label.
 */
TriHitKind
tri_triangle_layout_hit (TriTriangleLayout *layout,
                         double             x,
                         double             y,
                         int               *index)
{
  double slop = MAX (2 * layout->unit, 6);
  double best = G_MAXDOUBLE;
  int best_edge = -1;

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);

      if (hypot (x - node->x, y - node->y) <= node->radius + slop / 2 ||
          (x >= node->name_x && x <= node->name_x + node->name_w &&
           y >= node->name_y && y <= node->name_y + node->name_h))
        {
          *index = i;
          return TRI_HIT_NODE;
        }
    }

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *edge = g_ptr_array_index (layout->edges, i);
      double d = distance_to_segment (x, y, edge->x1, edge->y1, edge->x2, edge->y2);

      if (edge->label != NULL &&
          x >= edge->label_x && x <= edge->label_x + edge->label_w &&
          y >= edge->label_y && y <= edge->label_y + edge->label_h)
        d = 0;

      if (d <= edge->width / 2 + slop && d < best)
        {
          best = d;
          best_edge = i;
        }
    }

  if (best_edge >= 0)
    {
      *index = best_edge;
      return TRI_HIT_EDGE;
    }

  return TRI_HIT_NONE;
}

static void
stroke_edge (cairo_t             *cr,
             const TriEdgeLayout *edge,
             double               u,
             gboolean             dashes)
{
  cairo_move_to (cr, edge->x1, edge->y1);
  cairo_line_to (cr, edge->x2, edge->y2);
  if (dashes && edge->dashed)
    {
      double dash[] = { MAX (2.5 * u, 6), MAX (1.5 * u, 4) };
      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
render_legend (TriTriangleLayout   *layout,
               cairo_t             *cr,
               const TriTheme      *theme,
               TriTriangleTextFunc  func,
               gpointer             user_data)
{
  const double px = label_px (layout) * 0.9;

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const TriLegendItem *item = g_ptr_array_index (layout->legend, i);
      g_autoptr(PangoLayout) text = tri_text_layout (cr, item->text, px, FALSE, layout->lang);
      double cy = item->y + item->h / 2;

      cairo_new_path (cr);
      if (item->kind == 0)
        {
          tri_set_source_rgb (cr, theme->stance[TRI_STANCE_NEUTRAL]);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, item->x, cy - 3);
          cairo_line_to (cr, item->x + item->w, cy - 3);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 5);
          cairo_move_to (cr, item->x, cy + 3);
          cairo_line_to (cr, item->x + item->w, cy + 3);
          cairo_stroke (cr);
        }
      else if (item->kind == 1)
        {
          cairo_pattern_t *pat = cairo_pattern_create_linear (item->x, 0, item->x + item->w, 0);
          guint32 c[3] = { theme->stance[TRI_STANCE_TENSION], theme->stance[TRI_STANCE_NEUTRAL],
                           theme->stance[TRI_STANCE_COOPERATION] };

          for (int k = 0; k < 3; k++)
            cairo_pattern_add_color_stop_rgb (pat, k / 2.0, ((c[k] >> 16) & 0xFF) / 255.0,
                                              ((c[k] >> 8) & 0xFF) / 255.0, (c[k] & 0xFF) / 255.0);
          cairo_rectangle (cr, item->x, cy - 4, item->w, 8);
          cairo_set_source (cr, pat);
          cairo_fill (cr);
          cairo_pattern_destroy (pat);
        }
      else
        {
          double dash[] = { 6, 4 };

          tri_set_source_rgb (cr, theme->stance[TRI_STANCE_NEUTRAL]);
          cairo_set_line_width (cr, 4);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_move_to (cr, item->x, cy);
          cairo_line_to (cr, item->x + item->w, cy);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      /* wrapped as it was measured: the layout made room for its lines */
      pango_layout_set_width (text, (int) ceil (item->text_w * PANGO_SCALE) + 1);
      pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
      tri_set_source_rgb (cr, theme->muted);
      cairo_move_to (cr, item->text_x, item->text_y);
      pango_cairo_show_layout (cr, text);
      cairo_new_path (cr);
      if (func != NULL)
        func ("triangle-legend", text, item->text_x, item->text_y, item->text_w, user_data);
    }
}

void
tri_triangle_render (TriTriangleLayout *layout,
                     cairo_t           *cr,
                     const TriTheme    *theme)
{
  tri_triangle_render_full (layout, cr, theme, NULL, NULL);
}

/**
 * tri_triangle_render_full:
 * @func: (nullable): called with each text as it is drawn
 *
 * Draws the triangle as tri_triangle_render() does, and tells @func of
 * every text it draws, laid out as drawn and where, so that a slide can
 * record it with its own texts.
 */
void
tri_triangle_render_full (TriTriangleLayout   *layout,
                          cairo_t             *cr,
                          const TriTheme      *theme,
                          TriTriangleTextFunc  func,
                          gpointer             user_data)
{
  const double u = layout->unit;

  cairo_save (cr);
  tri_set_source_rgb (cr, theme->background);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_fill (cr);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  /* other links under the triangle's sides */
  for (int pass = 1; pass >= 0; pass--)
    for (guint i = 0; i < layout->edges->len; i++)
      {
        const TriEdgeLayout *edge = g_ptr_array_index (layout->edges, i);
        gboolean selected = (int) i == layout->selected_edge;
        gboolean hover = (int) i == layout->hover_edge;

        if (edge->other != (pass == 1))
          continue;

        if (selected || hover)
          {
            tri_set_source_rgb (cr, selected ? theme->cursor : theme->rule);
            cairo_set_line_width (cr, edge->width + (selected ? 1.2 : 1.0) * MAX (u, 3));
            stroke_edge (cr, edge, u, FALSE);
          }

        /* a side with no events in the window is there, but faint */
        tri_set_source_rgb (cr, edge->empty ? theme->rule : edge->color);
        cairo_set_line_width (cr, edge->width);
        stroke_edge (cr, edge, u, TRUE);

        if (edge->label != NULL)
          {
            /* the weight it was measured in: a selected label is marked by colour */
            g_autoptr(PangoLayout) label = tri_text_layout (cr, edge->label, label_px (layout),
                                                            FALSE, layout->lang);

            pango_layout_set_width (label, (int) ceil (edge->label_w * PANGO_SCALE));
            pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
            tri_set_source_rgb (cr, selected ? theme->text : theme->muted);
            cairo_move_to (cr, edge->label_x, edge->label_y);
            pango_cairo_show_layout (cr, label);
            cairo_new_path (cr);
            if (func != NULL)
              func ("edge-label", label, edge->label_x, edge->label_y, edge->label_w, user_data);
          }
      }

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);
      g_autoptr(PangoLayout) name = NULL;

      cairo_new_path (cr);
      if ((int) i == layout->selected_node || (int) i == layout->hover_node)
        {
          cairo_arc (cr, node->x, node->y, node->radius + MAX (0.8 * u, 3), 0, 2 * G_PI);
          tri_set_source_rgb (cr, (int) i == layout->selected_node ? theme->cursor : theme->rule);
          cairo_fill (cr);
        }
      cairo_arc (cr, node->x, node->y, node->radius, 0, 2 * G_PI);
      tri_set_source_rgb (cr, node->color);
      cairo_fill_preserve (cr);
      tri_set_source_rgb (cr, theme->background);
      cairo_set_line_width (cr, MAX (0.4 * u, 1.5));
      cairo_stroke (cr);

      name = tri_text_layout (cr, node->name, name_px (layout) * (node->other ? 0.7 : 1),
                              !node->other, layout->lang);
      tri_set_source_rgb (cr, node->other ? theme->muted : theme->text);
      cairo_move_to (cr, node->name_x, node->name_y);
      pango_cairo_show_layout (cr, name);
      cairo_new_path (cr);
      if (func != NULL)
        func ("name", name, node->name_x, node->name_y, node->name_w, user_data);
    }

  render_legend (layout, cr, theme, func, user_data);

  cairo_restore (cr);
}
