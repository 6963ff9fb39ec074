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

/* type sizes in layout units (1/100 of the shorter side) */
#define LABEL_PX 2.4
#define NAME_PX 3.6
/* …but never smaller than these, in user-space pixels */
#define LABEL_MIN_PX 13.0
#define NAME_MIN_PX 16.0

/* intensity at which an edge reaches its full thickness */
#define FULL_INTENSITY 20.0

static double
label_px (const TriTriangleLayout *layout)
{
  return MAX (LABEL_PX * layout->unit, LABEL_MIN_PX);
}

static double
name_px (const TriTriangleLayout *layout)
{
  return MAX (NAME_PX * layout->unit, NAME_MIN_PX);
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

void
tri_triangle_layout_free (TriTriangleLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->nodes, g_ptr_array_unref);
  g_clear_pointer (&layout->edges, g_ptr_array_unref);
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
    return g_strdup (_("no events"));

  switch (tri_edge_state_dominant (state))
    {
    case TRI_STANCE_COOPERATION: trend = _("mostly cooperation"); break;
    case TRI_STANCE_TENSION: trend = _("mostly tension"); break;
    case TRI_STANCE_NEUTRAL:
    case TRI_N_STANCES:
    default: trend = _("mixed"); break;
    }

  /* Translators: %d is a number of events, %s a trend such as "mostly cooperation" */
  return g_strdup_printf (ngettext ("%d event · %s", "%d events · %s", state->n_events),
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

/**
 * tri_triangle_layout_new:
 * @actors: the briefing's actors, in rank order (the first three are the triangle)
 * @events: the events that may fall in [@from, @to]
 *
 * Computes where the nodes, edges and labels go for a canvas of
 * @width × @height, and how each edge looks for the window [@from, @to].
 */
/* Russia to the north, China to the south-west, North Korea to the south-east */
static const double node_pos[3][2] = { { 0.5, 0.0 }, { 0.0, 1.0 }, { 1.0, 1.0 } };

/* Puts the triangle of side @side with its top-left corner at (@x0, @y0),
 * and everything attached to it: rims, names, labels. */
static void
place (TriTriangleLayout *layout,
       double             side,
       double             x0,
       double             y0)
{
  const double u = layout->unit;
  double centroid_x = 0, centroid_y = 0;

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);

      node->x = x0 + node_pos[i][0] * side;
      node->y = y0 + node_pos[i][1] * side * 0.866;
      node->name_x = node->x - node->name_w / 2;
      node->name_y = i == 0 ? node->y - node->radius - u - node->name_h
                            : node->y + node->radius + u;
      centroid_x += node->x / layout->nodes->len;
      centroid_y += node->y / layout->nodes->len;
    }

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

      /* the label's box sits clear of the line, outside the triangle */
      len = MAX (hypot (nx, ny), 1e-6);
      nx /= len;
      ny /= len;
      /* below the base are the names: the base's label goes inside */
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
      GROW (e->label_x, e->label_y, e->label_x + e->label_w, e->label_y + e->label_h);
    }
#undef GROW
}

/**
 * tri_triangle_layout_new:
 * @actors: the briefing's actors, in rank order (the first three are the triangle)
 * @events: the events that may fall in [@from, @to]
 *
 * Computes how each edge looks for the window [@from, @to], and where the
 * nodes, edges and labels go for a canvas of @width × @height: the largest
 * triangle whose names and labels all fit inside the canvas.
 */
TriTriangleLayout *
tri_triangle_layout_new (GPtrArray  *actors,
                         GPtrArray  *relations,
                         GPtrArray  *events,
                         guint32     from,
                         guint32     to,
                         double      width,
                         double      height,
                         const char *lang)
{
  TriTriangleLayout *layout = g_new0 (TriTriangleLayout, 1);
  double margin, x_min, x_max, y_min, y_max, w1, h1, w2, h2, kw, kh, side;

  layout->width = width;
  layout->height = height;
  layout->unit = MAX (MIN (width, height) / 100.0, 0.01);
  layout->lang = g_strdup (lang);
  layout->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  layout->edges = g_ptr_array_new_with_free_func ((GDestroyNotify) edge_free);
  layout->selected_edge = -1;

  for (guint i = 0; i < MIN (actors->len, 3); i++)
    {
      const TriActor *actor = g_ptr_array_index (actors, i);
      TriNodeLayout *node = g_new0 (TriNodeLayout, 1);

      node->code = g_strdup (actor->code);
      node->name = g_strdup (actor->name);
      node->color = actor->color;
      node->radius = 5 * layout->unit;
      tri_text_measure (node->name, name_px (layout), TRUE, lang, &node->name_w, &node->name_h);
      g_ptr_array_add (layout->nodes, node);
    }

  for (guint i = 0; i < relations->len; i++)
    {
      const TriRelation *rel = g_ptr_array_index (relations, i);
      int a = node_index (layout->nodes, rel->a);
      int b = node_index (layout->nodes, rel->b);
      TriEdgeLayout *edge;
      double strength;

      if (a < 0 || b < 0)
        continue;

      edge = g_new0 (TriEdgeLayout, 1);
      edge->relation_id = rel->id;
      edge->code = g_strdup (rel->code);
      edge->a = a;
      edge->b = b;

      tri_edge_state_compute (&edge->state, events, rel->id, from, to);
      strength = MIN (1.0, sqrt (edge->state.intensity / FULL_INTENSITY));
      edge->width = layout->unit * (0.25 + 3.75 * strength);
      edge->color = tri_balance_color (tri_theme_get (FALSE), tri_edge_state_balance (&edge->state));
      edge->dashed = tri_edge_state_is_dashed (&edge->state);
      edge->label = tri_edge_describe_counts (&edge->state);
      tri_text_measure (edge->label, label_px (layout), FALSE, lang, &edge->label_w, &edge->label_h);
      g_ptr_array_add (layout->edges, edge);
    }

  /* The extent grows linearly with the side (labels and names add a fixed
   * amount), so two trial placements give the largest side that fits. */
  margin = 2 * layout->unit;
  place (layout, 100, 0, 0);
  extent (layout, &x_min, &x_max, &y_min, &y_max);
  w1 = x_max - x_min;
  h1 = y_max - y_min;
  place (layout, 200, 0, 0);
  extent (layout, &x_min, &x_max, &y_min, &y_max);
  w2 = x_max - x_min;
  h2 = y_max - y_min;
  kw = MAX ((w2 - w1) / 100, 1e-6);
  kh = MAX ((h2 - h1) / 100, 1e-6);
  side = MIN ((width - 2 * margin - (w1 - 100 * kw)) / kw,
              (height - 2 * margin - (h1 - 100 * kh)) / kh);
  side = MAX (side, 1);

  place (layout, side, 0, 0);
  extent (layout, &x_min, &x_max, &y_min, &y_max);
  place (layout, side,
         (width - (x_max - x_min)) / 2 - x_min,
         (height - (y_max - y_min)) / 2 - y_min);

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
 * The one hit test behind hover, tooltips and clicks.
 */
TriHitKind
tri_triangle_layout_hit (TriTriangleLayout *layout,
                         double             x,
                         double             y,
                         int               *index)
{
  double slop = MAX (3 * layout->unit, 6);
  double best = G_MAXDOUBLE;
  int best_edge = -1;

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);

      if (hypot (x - node->x, y - node->y) <= node->radius + slop / 2)
        {
          *index = i;
          return TRI_HIT_NODE;
        }
    }

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *edge = g_ptr_array_index (layout->edges, i);
      double d = distance_to_segment (x, y, edge->x1, edge->y1, edge->x2, edge->y2);

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
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const TriEdgeLayout *edge = g_ptr_array_index (layout->edges, i);
      g_autoptr(PangoLayout) label = NULL;

      if ((int) i == layout->selected_edge)
        {
          tri_set_source_rgb (cr, theme->cursor);
          cairo_set_line_width (cr, edge->width + 1.2 * u);
          cairo_move_to (cr, edge->x1, edge->y1);
          cairo_line_to (cr, edge->x2, edge->y2);
          cairo_stroke (cr);
        }

      tri_set_source_rgb (cr, edge->color);
      cairo_set_line_width (cr, edge->width);
      if (edge->dashed)
        {
          double dash[] = { 2.5 * u, 1.5 * u };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_move_to (cr, edge->x1, edge->y1);
      cairo_line_to (cr, edge->x2, edge->y2);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      label = tri_text_layout (cr, edge->label, label_px (layout), FALSE, layout->lang);
      tri_set_source_rgb (cr, theme->muted);
      cairo_move_to (cr, edge->label_x, edge->label_y);
      pango_cairo_show_layout (cr, label);
      cairo_new_path (cr);
    }

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const TriNodeLayout *node = g_ptr_array_index (layout->nodes, i);
      g_autoptr(PangoLayout) name = NULL;

      cairo_new_path (cr);
      cairo_arc (cr, node->x, node->y, node->radius, 0, 2 * G_PI);
      tri_set_source_rgb (cr, node->color);
      cairo_fill_preserve (cr);
      tri_set_source_rgb (cr, theme->background);
      cairo_set_line_width (cr, 0.5 * u);
      cairo_stroke (cr);

      name = tri_text_layout (cr, node->name, name_px (layout), TRUE, layout->lang);
      tri_set_source_rgb (cr, theme->text);
      cairo_move_to (cr, node->name_x, node->name_y);
      pango_cairo_show_layout (cr, name);
      cairo_new_path (cr);
    }

  cairo_restore (cr);
}
