/* tri-triangle-view.c: the triangle on screen
 *
 * Draws through the same layout and renderer as the exports, hit-tests on
 * that layout, and places a hotspot over every node and edge for the
 * keyboard and screen readers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-triangle-view"

#include "config.h"

#include <glib/gi18n.h>

#include "render/tri-catalog.h"
#include "render/tri-labels.h"
#include "store/tri-state.h"
#include "tri-canvas-focus.h"
#include "tri-hotspot.h"
#include "tri-triangle-view.h"

struct _TriTriangleView
{
  GtkWidget          parent_instance;

  GPtrArray         *actors;
  GPtrArray         *relations;
  GPtrArray         *events;
  TriStateIndex     *index;
  char              *lang;
  guint32            as_of;
  guint              window_months;
  gint64             selected_relation;
  char              *selected_actor;
  gboolean           show_others;
  double             type_scale;

  TriTriangleLayout *layout;
  gboolean           layout_dirty;
  guint              sync_source;
  int                hover_edge;
  int                hover_node;
  /* the layout as last drawn, again in every snapshot until it changes
   * (syncing the hotspots makes GTK snapshot the view once more, and the
   * same node is no damage to paint again) */
  guint              layout_stamp;    /* one more each time the layout changes */
  GskRenderNode     *node;
  guint              node_stamp;
  gboolean           node_dark;
  int                node_width;
  int                node_height;
};

G_DEFINE_FINAL_TYPE (TriTriangleView, tri_triangle_view, GTK_TYPE_WIDGET)

enum {
  EDGE_ACTIVATED,
  NODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
tri_triangle_view_new (void)
{
  return g_object_new (TRI_TYPE_TRIANGLE_VIEW, NULL);
}


char *
tri_triangle_view_describe_edge (TriTriangleView *self,
                                 int              index)
{
  const TriEdgeLayout *edge;
  const TriNodeLayout *a, *b;
  g_autofree char *counts = NULL;

  if (self->layout == NULL || index < 0 || index >= (int) self->layout->edges->len)
    return NULL;
  edge = g_ptr_array_index (self->layout->edges, index);
  a = g_ptr_array_index (self->layout->nodes, edge->a);
  b = g_ptr_array_index (self->layout->nodes, edge->b);
  counts = tri_edge_describe (&edge->state, a->name, b->name, self->window_months,
                              self->as_of, self->lang);
  if (edge->state.n_events == 0)
    return g_steal_pointer (&counts);

  /* Translators: the tooltip and screen readers say an edge's trend in the
   * words of its label: "…; 2 reported or alleged, not confirmed. Overall:
   * mostly cooperation." The first %s is the description, the second the trend */
  return g_strdup_printf (D_(self->lang, "%s Overall: %s."), counts, tri_edge_trend_label (&edge->state, self->lang));
}

static void
on_hotspot_activate (TriHotspot      *hotspot,
                     TriTriangleView *self)
{
  const char *key = tri_hotspot_get_key (hotspot);

  if (g_str_has_prefix (key, "edge:"))
    g_signal_emit (self, signals[EDGE_ACTIVATED], 0, g_ascii_strtoll (key + 5, NULL, 10));
  else if (g_str_has_prefix (key, "node:"))
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, key + 5);
}

static GtkWidget *
ensure_hotspot (TriTriangleView *self,
                const char      *key,
                GtkWidget       *after)
{
  GtkWidget *hotspot = tri_canvas_find_hotspot (GTK_WIDGET (self), key);

  if (hotspot == NULL)
    {
      hotspot = tri_hotspot_new (key);
      g_signal_connect (hotspot, "activate", G_CALLBACK (on_hotspot_activate), self);
      gtk_widget_insert_after (hotspot, GTK_WIDGET (self), after);
    }
  else if (gtk_widget_get_prev_sibling (hotspot) != after)
    gtk_widget_insert_after (hotspot, GTK_WIDGET (self), after);
  return hotspot;
}

/* One hotspot per edge (sides first) and per node, described in words. */
static void
sync_hotspots (TriTriangleView *self)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *summary = g_string_new (NULL);
  GtkWidget *after = NULL;
  GtkWidget *c, *next;

  for (guint i = 0; i < self->layout->edges->len; i++)
    {
      const TriEdgeLayout *edge = g_ptr_array_index (self->layout->edges, i);
      const TriNodeLayout *a = g_ptr_array_index (self->layout->nodes, edge->a);
      const TriNodeLayout *b = g_ptr_array_index (self->layout->nodes, edge->b);
      g_autofree char *key = g_strdup_printf ("edge:%" G_GINT64_FORMAT, edge->relation_id);
      g_autofree char *label = g_strdup_printf ("%s – %s", a->name, b->name);
      g_autofree char *description = tri_triangle_view_describe_edge (self, i);

      after = ensure_hotspot (self, key, after);
      tri_hotspot_describe (TRI_HOTSPOT (after), label, description);
      tri_hotspot_set_pressed (TRI_HOTSPOT (after), edge->relation_id == self->selected_relation);
      g_hash_table_add (wanted, g_steal_pointer (&key));
      if (!edge->other)
        g_string_append_printf (summary, "%s ", description);
    }

  for (guint i = 0; i < self->layout->nodes->len; i++)
    {
      const TriNodeLayout *node = g_ptr_array_index (self->layout->nodes, i);
      g_autofree char *key = g_strconcat ("node:", node->code, NULL);

      after = ensure_hotspot (self, key, after);
      /* Translators: the description of a country on the triangle */
      tri_hotspot_describe (TRI_HOTSPOT (after), node->name, _("Show the events involving it"));
      tri_hotspot_set_pressed (TRI_HOTSPOT (after), g_strcmp0 (node->code, self->selected_actor) == 0);
      g_hash_table_add (wanted, g_steal_pointer (&key));
    }

  for (c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = next)
    {
      next = gtk_widget_get_next_sibling (c);
      if (!g_hash_table_contains (wanted, tri_hotspot_get_key (TRI_HOTSPOT (c))))
        gtk_widget_unparent (c);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Triangle of relations"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, g_strstrip (summary->str),
                                  -1);
  g_string_free (summary, TRUE);
}

static void
rebuild (TriTriangleView *self,
         int              width,
         int              height)
{
  TriTriangleParams params = { 0 };
  g_autoptr(GPtrArray) none = NULL;
  /* the other actors stay where they were while the same ones are drawn */
  g_autoptr(TriTriangleLayout) previous = g_steal_pointer (&self->layout);
  guint32 from, to;

  self->layout_dirty = FALSE;
  self->layout_stamp++;
  if (self->actors == NULL)
    return;

  tri_window_bounds (self->as_of, tri_window_days_for_months (self->window_months), &from, &to);
  params.width = MAX (width, 1);
  params.height = MAX (height, 1);
  params.from = from;
  params.to = to;
  params.lang = self->lang;
  params.type_scale = self->type_scale;
  params.show_others = self->show_others;
  params.show_legend = TRUE;
  params.index = self->index;
  params.previous = previous;

  if (self->events == NULL)
    none = g_ptr_array_new ();
  self->layout = tri_triangle_layout_new (self->actors, self->relations,
                                          self->events ? self->events : none, &params);
  self->layout->selected_edge = tri_triangle_layout_find_edge (self->layout, self->selected_relation);
  for (guint i = 0; i < self->layout->nodes->len; i++)
    if (g_strcmp0 (((TriNodeLayout *) g_ptr_array_index (self->layout->nodes, i))->code,
                   self->selected_actor) == 0)
      self->layout->selected_node = i;
  self->layout->hover_edge = self->hover_edge;
  self->layout->hover_node = self->hover_node;
}

/* The hotspots follow the items drawn. Adding or removing child widgets
 * during an allocation would leave the ancestors needing another, so they
 * are synced from an idle, after the data changed, never in size_allocate. */
static gboolean
sync_idle (gpointer data)
{
  TriTriangleView *self = data;

  self->sync_source = 0;
  if (self->layout_dirty || self->layout == NULL)
    rebuild (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  if (self->layout != NULL)
    sync_hotspots (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
invalidate (TriTriangleView *self)
{
  self->layout_dirty = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->sync_source == 0)
    self->sync_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, sync_idle, self, NULL);
}

TriTriangleLayout *
tri_triangle_view_get_layout (TriTriangleView *self)
{
  g_return_val_if_fail (TRI_IS_TRIANGLE_VIEW (self), NULL);

  if (self->layout_dirty || self->layout == NULL)
    rebuild (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  return self->layout;
}

static void
allocate_box (GtkWidget *child,
              double     x0,
              double     y0,
              double     x1,
              double     y1)
{
  GtkAllocation a = { (int) x0, (int) y0, MAX (1, (int) (x1 - x0)), MAX (1, (int) (y1 - y0)) };

  gtk_widget_size_allocate (child, &a, -1);
}

static void
tri_triangle_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  TriTriangleView *self = TRI_TRIANGLE_VIEW (widget);

  if (self->layout_dirty || self->layout == NULL ||
      self->layout->width != width || self->layout->height != height)
    rebuild (self, width, height);
  if (self->layout == NULL)
    return;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      const char *key = tri_hotspot_get_key (TRI_HOTSPOT (c));
      int i;

      if (g_str_has_prefix (key, "edge:") &&
          (i = tri_triangle_layout_find_edge (self->layout, g_ascii_strtoll (key + 5, NULL, 10))) >= 0)
        {
          const TriEdgeLayout *e = g_ptr_array_index (self->layout->edges, i);
          double mx = (e->x1 + e->x2) / 2, my = (e->y1 + e->y2) / 2, r = MAX (e->width, 12);

          if (e->label != NULL)
            allocate_box (c, MIN (mx - r, e->label_x) - 4, MIN (my - r, e->label_y) - 4,
                          MAX (mx + r, e->label_x + e->label_w) + 4, MAX (my + r, e->label_y + e->label_h) + 4);
          else
            allocate_box (c, mx - r, my - r, mx + r, my + r);
        }
      else
        {
          for (guint k = 0; k < self->layout->nodes->len; k++)
            {
              const TriNodeLayout *n = g_ptr_array_index (self->layout->nodes, k);

              if (g_str_equal (key + 5, n->code))
                allocate_box (c, MIN (n->x - n->radius, n->name_x) - 4, MIN (n->y - n->radius, n->name_y) - 4,
                              MAX (n->x + n->radius, n->name_x + n->name_w) + 4,
                              MAX (n->y + n->radius, n->name_y + n->name_h) + 4);
            }
        }
    }
}

static void
tri_triangle_view_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (tri_triangle_view_parent_class)->css_changed (widget, change);
  /* a theme change may switch light and dark */
  gtk_widget_queue_draw (widget);
}

static void
tri_triangle_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;

  /* the hotspots follow the drawing: they never ask for room */
  *minimum = horizontal ? 260 : 220;
  *natural = horizontal ? 720 : 480;
}

static void
tri_triangle_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TriTriangleView *self = TRI_TRIANGLE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  TriTriangleLayout *layout = tri_triangle_view_get_layout (self);
  gboolean dark = tri_widget_is_dark (widget);

  if (layout == NULL || width <= 0 || height <= 0)
    return;

  if (self->node == NULL || self->node_stamp != self->layout_stamp || self->node_dark != dark ||
      self->node_width != width || self->node_height != height)
    {
      GtkSnapshot *own = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (own, &GRAPHENE_RECT_INIT (0, 0, width, height));

      tri_triangle_render (layout, cr, tri_theme_get (dark));
      cairo_destroy (cr);
      g_clear_pointer (&self->node, gsk_render_node_unref);
      self->node = gtk_snapshot_free_to_node (own);
      self->node_stamp = self->layout_stamp;
      self->node_dark = dark;
      self->node_width = width;
      self->node_height = height;
    }
  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);

  /* the focus rings of the hotspots */
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    /* a hotspot made by this frame's layout has no allocation until the
     * next: it has no focus ring to draw yet (GTK warns at snapshotting it) */
    if (gtk_widget_get_width (c) > 0 && gtk_widget_get_height (c) > 0)
      gtk_widget_snapshot_child (widget, c, snapshot);
}

static void
on_click (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          TriTriangleView *self)
{
  TriTriangleLayout *layout = tri_triangle_view_get_layout (self);
  int index = -1;

  if (layout == NULL)
    return;

  switch (tri_triangle_layout_hit (layout, x, y, &index))
    {
    case TRI_HIT_EDGE:
      g_signal_emit (self, signals[EDGE_ACTIVATED], 0,
                     ((TriEdgeLayout *) g_ptr_array_index (layout->edges, index))->relation_id);
      break;
    case TRI_HIT_NODE:
      g_signal_emit (self, signals[NODE_ACTIVATED], 0,
                     ((TriNodeLayout *) g_ptr_array_index (layout->nodes, index))->code);
      break;
    case TRI_HIT_NONE:
    default:
      break;
    }
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           TriTriangleView          *self)
{
  TriTriangleLayout *layout = tri_triangle_view_get_layout (self);
  int index = -1, edge = -1, node = -1;

  if (layout == NULL)
    return;

  switch (tri_triangle_layout_hit (layout, x, y, &index))
    {
    case TRI_HIT_EDGE: edge = index; break;
    case TRI_HIT_NODE: node = index; break;
    case TRI_HIT_NONE:
    default: break;
    }

  if (edge != self->hover_edge || node != self->hover_node)
    {
      self->hover_edge = layout->hover_edge = edge;
      self->hover_node = layout->hover_node = node;
      self->layout_stamp++;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), edge >= 0 || node >= 0 ? "pointer" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *motion,
          TriTriangleView          *self)
{
  on_motion (motion, -1000, -1000, self);
}

static gboolean
on_query_tooltip (GtkWidget       *widget,
                  int              x,
                  int              y,
                  gboolean         keyboard,
                  GtkTooltip      *tooltip,
                  TriTriangleView *self)
{
  TriTriangleLayout *layout = tri_triangle_view_get_layout (self);
  g_autofree char *text = NULL;
  int index = -1;

  if (layout == NULL || keyboard)
    return FALSE;

  switch (tri_triangle_layout_hit (layout, x, y, &index))
    {
    case TRI_HIT_EDGE:
      text = tri_triangle_view_describe_edge (self, index);
      break;
    case TRI_HIT_NODE:
      text = g_strdup (((TriNodeLayout *) g_ptr_array_index (layout->nodes, index))->name);
      break;
    case TRI_HIT_NONE:
    default:
      return FALSE;
    }

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
tri_triangle_view_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  TriTriangleView *self = TRI_TRIANGLE_VIEW (widget);
  g_autofree char *key = NULL;

  if (self->selected_relation != 0)
    key = g_strdup_printf ("edge:%" G_GINT64_FORMAT, self->selected_relation);
  else if (self->selected_actor != NULL)
    key = g_strconcat ("node:", self->selected_actor, NULL);

  return tri_canvas_focus (widget, direction, key ? tri_canvas_find_hotspot (widget, key) : NULL);
}

static void
tri_triangle_view_dispose (GObject *object)
{
  TriTriangleView *self = TRI_TRIANGLE_VIEW (object);

  g_clear_handle_id (&self->sync_source, g_source_remove);
  tri_canvas_remove_hotspots (GTK_WIDGET (self));
  g_clear_pointer (&self->layout, tri_triangle_layout_free);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->index, tri_state_index_unref);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->selected_actor, g_free);

  G_OBJECT_CLASS (tri_triangle_view_parent_class)->dispose (object);
}

static void
tri_triangle_view_class_init (TriTriangleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tri_triangle_view_dispose;
  widget_class->size_allocate = tri_triangle_view_size_allocate;
  widget_class->snapshot = tri_triangle_view_snapshot;
  widget_class->measure = tri_triangle_view_measure;
  widget_class->css_changed = tri_triangle_view_css_changed;
  widget_class->focus = tri_triangle_view_focus;

  signals[EDGE_ACTIVATED] =
    g_signal_new ("edge-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "triangleview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tri_triangle_view_init (TriTriangleView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->type_scale = 1;
  self->window_months = 12;
  self->hover_edge = self->hover_node = -1;
  self->lang = g_strdup ("en");

  g_signal_connect (click, "released", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

void
tri_triangle_view_set_data (TriTriangleView *self,
                            GPtrArray       *actors,
                            GPtrArray       *relations,
                            const char      *lang)
{
  g_return_if_fail (TRI_IS_TRIANGLE_VIEW (self));

  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  self->actors = actors ? g_ptr_array_ref (actors) : NULL;
  self->relations = relations ? g_ptr_array_ref (relations) : NULL;
  g_free (self->lang);
  self->lang = g_strdup (lang);
  invalidate (self);
}

/**
 * tri_triangle_view_set_index:
 *
 * With an index, the edges' state for any date comes from it (O(log N)),
 * and no events need loading for the triangle.
 */
void
tri_triangle_view_set_index (TriTriangleView *self,
                             TriStateIndex   *index,
                             guint32          as_of,
                             guint            window_months)
{
  g_return_if_fail (TRI_IS_TRIANGLE_VIEW (self));

  if (index != self->index)
    {
      g_clear_pointer (&self->index, tri_state_index_unref);
      self->index = index ? tri_state_index_ref (index) : NULL;
    }
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->as_of = as_of;
  self->window_months = window_months;
  invalidate (self);
}

void
tri_triangle_view_set_events (TriTriangleView *self,
                              GPtrArray       *events,
                              guint32          as_of,
                              guint            window_months)
{
  g_return_if_fail (TRI_IS_TRIANGLE_VIEW (self));

  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = events ? g_ptr_array_ref (events) : NULL;
  self->as_of = as_of;
  self->window_months = window_months;
  invalidate (self);
}

void
tri_triangle_view_set_selection (TriTriangleView *self,
                                 gint64           relation_id,
                                 const char      *actor)
{
  g_return_if_fail (TRI_IS_TRIANGLE_VIEW (self));

  self->selected_relation = relation_id;
  g_free (self->selected_actor);
  self->selected_actor = g_strdup (actor);
  invalidate (self);
}

void
tri_triangle_view_set_show_others (TriTriangleView *self,
                                   gboolean         show_others)
{
  g_return_if_fail (TRI_IS_TRIANGLE_VIEW (self));
  self->show_others = show_others;
  invalidate (self);
}

void
tri_triangle_view_set_type_scale (TriTriangleView *self,
                                  double           scale)
{
  g_return_if_fail (TRI_IS_TRIANGLE_VIEW (self));
  self->type_scale = scale;
  invalidate (self);
}
