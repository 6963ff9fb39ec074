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
 */
char *
tri_edge_describe_counts (const TriEdgeState *state)
{
  const char *trend;

  if (state->n_events == 0)
    return g_strdup (D_("no events"));

  switch (tri_edge_state_dominant (state))
    {
    case TRI_STANCE_COOPERATION: trend = D_("mostly cooperation"); break;
    case TRI_STANCE_TENSION: trend = D_("mostly tension"); break;
    case TRI_STANCE_NEUTRAL:
    case TRI_N_STANCES:
    default: trend = D_("mixed"); break;
    }

  /* Translators: an edge's label in two short lines, e.g. "9 events" and
   * "mostly cooperation"; %d is a number of events, %s a trend */
  return g_strdup_printf (DN_ ("%d event\n%s", "%d events\n%s", state->n_events),
                          state->n_events, trend);
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

/* The other actors go round the triangle in the three gaps between its
 * corners (below, upper left, upper right), in rank order. */
static void
other_position (guint   k,
                guint   n,
                double *ux,
                double *uy)
{
  static const double gap_angle[3] = { 90, 210, 330 };
  guint gap = k % 3;
  guint in_gap = k / 3;
  guint n_in_gap = n / 3 + (gap < n % 3 ? 1 : 0);
  double spread = n_in_gap > 1 ? 70.0 / (n_in_gap - 1) : 0;
  double angle = (gap_angle[gap] - 35.0 * (n_in_gap > 1) + spread * in_gap) * G_PI / 180;
  const double radius = 0.95;

  *ux = 0.5 + radius * cos (angle);
  *uy = SIN60 * 2 / 3 + radius * sin (angle);
}

/* Puts the triangle of side @side with its top-left corner at (@x0, @y0),
 * and everything attached to it: rims, names, labels. */
static void
place (TriTriangleLayout *layout,
       double             side,
       double             x0,
       double             y0)
{
  const double u = layout->unit;
  double centroid_x, centroid_y;
  guint n_others = layout->nodes->len > 3 ? layout->nodes->len - 3 : 0;

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);
      double ux, uy;

      if (i < 3)
        {
          ux = node_pos[i][0];
          uy = node_pos[i][1] * SIN60;
        }
      else
        other_position (i - 3, n_others, &ux, &uy);

      node->x = x0 + ux * side;
      node->y = y0 + uy * side;
      node->name_x = node->x - node->name_w / 2;
      node->name_y = i == 0 ? node->y - node->radius - u - node->name_h
                            : node->y + node->radius + 0.5 * u;
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
      edge->label_x = mx + nx * clearance - edge->label_w / 2;
      edge->label_y = my + ny * clearance - edge->label_h / 2;
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
    D_("Thickness: weighted number of events in the window"),
    D_("Colour: tension – mixed – cooperation"),
    D_("Dashed: mostly reported or alleged"),
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

      item->text = g_strdup (texts[k]);
      item->kind = k;
      tri_text_measure (item->text, px, FALSE, layout->lang, &tw, &th);
      tw = MIN (tw, layout->width - 3 * gap - sample_w);
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
      x = item->text_x + tw + 2 * gap;
      row_h = MAX (row_h, th);
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
relation_has_node (GPtrArray         *nodes,
                   const TriRelation *rel)
{
  return node_index (nodes, rel->a) >= 0 || node_index (nodes, rel->b) >= 0;
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

/* A label that would cover a node, a name or another label tries the
 * other side of its edge, and is dropped if that is taken too: labels are
 * never drawn over anything. */
static void
resolve_label_collisions (TriTriangleLayout *layout,
                          double             height)
{
  for (guint i = 0; i < layout->edges->len; i++)
    {
      TriEdgeLayout *edge = g_ptr_array_index (layout->edges, i);
      double mx, my, dx, dy;

      if (edge->label == NULL || !label_collides (layout, edge, height))
        continue;

      /* mirror the label's centre through the edge's midpoint, along the normal */
      mx = (edge->x1 + edge->x2) / 2;
      my = (edge->y1 + edge->y2) / 2;
      dx = edge->label_x + edge->label_w / 2 - mx;
      dy = edge->label_y + edge->label_h / 2 - my;
      edge->label_x = mx - dx - edge->label_w / 2;
      edge->label_y = my - dy - edge->label_h / 2;

      if (label_collides (layout, edge, height))
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

/**
 * tri_triangle_layout_new:
 * @actors: the briefing's actors, in rank order (the first three are the triangle)
 * @events: the events that may fall in the window [@params->from, @params->to]
 *
 * Computes how each edge looks for the window, and where the nodes, edges
 * and labels go: the largest triangle whose names and labels all fit
 * inside the canvas, above the legend.
 */
TriTriangleLayout *
tri_triangle_layout_new (GPtrArray               *actors,
                         GPtrArray               *relations,
                         GPtrArray               *events,
                         const TriTriangleParams *params)
{
  TriTriangleLayout *layout = g_new0 (TriTriangleLayout, 1);
  double margin, x_min, x_max, y_min, y_max, side, avail_h;

  layout->width = params->width;
  layout->height = params->height;
  layout->unit = MAX (MIN (params->width, params->height) / 100.0, 0.01);
  layout->type_scale = params->type_scale > 0 ? params->type_scale : 1;
  layout->lang = g_strdup (params->lang);
  layout->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  layout->edges = g_ptr_array_new_with_free_func ((GDestroyNotify) edge_free);
  layout->selected_edge = layout->selected_node = -1;
  layout->hover_edge = layout->hover_node = -1;

  for (guint i = 0; i < actors->len; i++)
    {
      const TriActor *actor = g_ptr_array_index (actors, i);
      gboolean other = i >= 3;
      TriNodeLayout *node;

      if (other && !params->show_others)
        break;
      if (other)
        {
          /* only the actors that have a relation to show */
          gboolean linked = FALSE;
          for (guint k = 0; k < relations->len && !linked; k++)
            {
              const TriRelation *rel = g_ptr_array_index (relations, k);
              linked = g_str_equal (rel->a, actor->code) || g_str_equal (rel->b, actor->code);
            }
          if (!linked)
            continue;
        }

      node = g_new0 (TriNodeLayout, 1);
      node->code = g_strdup (actor->code);
      node->name = g_strdup (actor->name);
      node->color = actor->color;
      node->other = other;
      node->radius = (other ? 2.8 : 5) * layout->unit * (other ? 1 : MIN (layout->type_scale, 1.3));
      tri_text_measure (node->name, name_px (layout) * (other ? 0.7 : 1), !other, params->lang,
                        &node->name_w, &node->name_h);
      g_ptr_array_add (layout->nodes, node);
    }

  /* the triangle's sides first, then the other links */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < relations->len; i++)
      {
        const TriRelation *rel = g_ptr_array_index (relations, i);
        int a = node_index (layout->nodes, rel->a);
        int b = node_index (layout->nodes, rel->b);
        gboolean other;
        TriEdgeLayout *edge;
        double strength;

        if (a < 0 || b < 0)
          continue;
        other = a >= 3 || b >= 3;
        if (other != (pass == 1) || !relation_has_node (layout->nodes, rel))
          continue;

        edge = g_new0 (TriEdgeLayout, 1);
        edge->relation_id = rel->id;
        edge->code = g_strdup (rel->code);
        edge->a = a;
        edge->b = b;
        edge->other = other;

        if (params->index != NULL)
          tri_state_index_compute (params->index, &edge->state, rel->id, params->from, params->to);
        else
          tri_edge_state_compute (&edge->state, events, rel->id, params->from, params->to);
        strength = MIN (1.0, sqrt (edge->state.intensity / FULL_INTENSITY));
        edge->width = layout->unit * (0.25 + 3.75 * strength) * (other ? 0.5 : 1);
        edge->color = tri_balance_color (tri_theme_get (FALSE), tri_edge_state_balance (&edge->state));
        edge->dashed = tri_edge_state_is_dashed (&edge->state);
        if (!other)
          {
            edge->label = tri_edge_describe_counts (&edge->state);
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

  /* a canvas too small for the labels keeps a readable triangle: the
   * labels go (the tooltips, the panel and the hotspots still say it all) */
  if (side < 0.4 * MIN (params->width, avail_h))
    {
      for (guint i = 0; i < layout->edges->len; i++)
        g_clear_pointer (&((TriEdgeLayout *) g_ptr_array_index (layout->edges, i))->label, g_free);
      side = fit_side (layout, params->width, avail_h, margin);
    }

  place (layout, side, 0, 0);
  extent (layout, &x_min, &x_max, &y_min, &y_max);
  place (layout, side,
         (params->width - (x_max - x_min)) / 2 - x_min,
         (avail_h - (y_max - y_min)) / 2 - y_min);
  resolve_label_collisions (layout, avail_h);

  return layout;
}

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
render_legend (TriTriangleLayout *layout,
               cairo_t           *cr,
               const TriTheme    *theme)
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

      pango_layout_set_width (text, (int) (item->text_w * PANGO_SCALE) + 1);
      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
      tri_set_source_rgb (cr, theme->muted);
      cairo_move_to (cr, item->text_x, item->text_y);
      pango_cairo_show_layout (cr, text);
      cairo_new_path (cr);
    }
}

void
tri_triangle_render (TriTriangleLayout *layout,
                     cairo_t           *cr,
                     const TriTheme    *theme)
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

        tri_set_source_rgb (cr, edge->color);
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
    }

  render_legend (layout, cr, theme);

  cairo_restore (cr);
}
