/* tri-timeline-view.c: the timeline on screen
 *
 * Asks the store for the events of the visible range only, draws them
 * through the timeline renderer, and hit-tests on the same layout. Drag the
 * "as of" cursor or click the plot to move it; drag the plot or scroll to
 * pan; Ctrl+scroll, pinch, + and − to zoom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-timeline-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "render/tri-labels.h"
#include "tri-canvas-focus.h"
#include "tri-hotspot.h"
#include "tri-timeline-view.h"

#define MIN_SPAN_DAYS 14.0
#define MAX_SPAN_DAYS (365.25 * 200)

typedef enum
{
  DRAG_NONE,
  DRAG_CURSOR,
  DRAG_MARK,
  DRAG_CLUSTER,
  DRAG_MORE,
  DRAG_PLOT,
  DRAG_PAN,
} DragMode;

struct _TriTimelineView
{
  GtkWidget          parent_instance;

  TriStore          *store;
  char              *lang;
  GPtrArray         *events;          /* the visible range's */
  double             events_t0, events_t1;
  guint              events_lanes;    /* the lanes they hold: a bit (1 << category) a lane */
  gboolean           events_shared;   /* offered (tri_timeline_view_offer_events ()): never changed in place */
  GPtrArray         *next_events;     /* read ahead, for the layouts to come */
  double             next_t0, next_t1;
  guint              next_lanes;
  /* every event's place: with it, the lanes drawn as counted bins are
   * counted from memory and only the others' events are read */
  TriLaneIndex      *lanes;
  guint              wanted_lanes;    /* those drawn one by one, as last laid out */
  double             t0, t1;
  guint32            as_of;
  gint64             selected_event;
  GArray            *highlight;       /* of gint64 relation ids */
  double             type_scale;
  gboolean           expanded[TRI_N_CATEGORIES];  /* lanes opened by their "+N more" */

  TriTimelineLayout *layout;
  gboolean           layout_dirty;
  guint              layout_stamp;    /* one more each time the layout changes */
  guint              sync_source;
  guint              margin_source;

  /* the layout as last drawn: drawn again only when it changed (adding
   * or removing the hotspots makes GTK snapshot the view once more) */
  GskRenderNode     *node;
  guint              node_stamp;
  gboolean           node_dark;
  int                node_width, node_height;
  /* its parts as last drawn, each kept while its signature holds (an
   * edit draws again only the lanes whose marks or bins changed, and
   * only they are damage to paint) */
  GskRenderNode     *base_node;
  GBytes            *base_sig;
  GskRenderNode     *lane_node[TRI_N_CATEGORIES];
  GBytes            *lane_sig[TRI_N_CATEGORIES];
  gboolean           parts_dark;
  GskRenderNode     *cursor_node;
  GBytes            *cursor_sig;

  DragMode           drag_mode;
  int                drag_mark;
  double             drag_t0, drag_t1;
  double             zoom_t0, zoom_t1;
};

G_DEFINE_FINAL_TYPE (TriTimelineView, tri_timeline_view, GTK_TYPE_WIDGET)

enum {
  EVENT_ACTIVATED,
  AS_OF_CHANGED,
  RANGE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
tri_timeline_view_new (void)
{
  return g_object_new (TRI_TYPE_TIMELINE_VIEW, NULL);
}


static void invalidate (TriTimelineView *self);

#define ALL_LANES ((1u << TRI_N_CATEGORIES) - 1)

/* The events of the days [t0, t1]: all of them; or, with the lane index,
 * only those of @lanes (the lanes drawn one by one), read by id, the ones
 * already held copied rather than read again */
static GPtrArray *
read_range (TriTimelineView *self,
            double           t0,
            double           t1,
            guint            lanes,
            GError         **error)
{
  GPtrArray *held[2] = { self->events, self->next_events };

  if (self->lanes == NULL)
    return tri_store_list_events_untitled (self->store, (guint32) t0, (guint32) MIN (t1, G_MAXUINT32 - 1),
                                           self->lang, error);
  return tri_lane_index_read (self->lanes, (guint32) t0, (guint32) MIN (t1, G_MAXUINT32 - 1), lanes,
                              held, G_N_ELEMENTS (held), self->lang, error);
}

/* Reads the events of the days [t0, t1] */
static gboolean
read_events (TriTimelineView *self,
             double           t0,
             double           t1,
             guint            lanes)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = read_range (self, t0, t1, lanes, &error);

  /* a failed read is not an empty timeline: keep what was read (the store
   * says what went wrong, and the window shows it) */
  if (events == NULL)
    return FALSE;
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = events;
  self->events_t0 = t0;
  self->events_t1 = t1;
  self->events_lanes = lanes;
  self->events_shared = FALSE;
  return TRUE;
}

/* The days shown, with half their span either side */
static void
margin_range (TriTimelineView *self,
              double          *t0,
              double          *t1)
{
  tri_timeline_margin (self->t0, self->t1, t0, t1);
}

static void
drop_next (TriTimelineView *self)
{
  g_clear_pointer (&self->next_events, g_ptr_array_unref);
}

/* Reading ahead, in an idle after the frames: the margin either side
 * grown towards half the span shown, an eighth of the span a turn (the
 * store reads only the days it lacks), so that a pan or a zoom finds its
 * events read and no frame waits for the file. What is read waits in
 * next_events for the next layout: the one drawn holds the events it was
 * made of. */
static gboolean
read_margin (gpointer data)
{
  TriTimelineView *self = data;
  double t0, t1, a, b;
  GPtrArray *events;

  if (self->store == NULL || self->events == NULL ||
      !tri_timeline_read_ahead (self->t0, self->t1,
                                self->next_events != NULL ? self->next_t0 : self->events_t0,
                                self->next_events != NULL ? self->next_t1 : self->events_t1, &a, &b))
    {
      self->margin_source = 0;
      return G_SOURCE_REMOVE;
    }
  events = read_range (self, a, b, self->wanted_lanes, NULL);
  if (events == NULL)
    {
      /* the store says what went wrong; the next layout reads again */
      self->margin_source = 0;
      return G_SOURCE_REMOVE;
    }
  drop_next (self);
  self->next_events = events;
  self->next_t0 = a;
  self->next_t1 = b;
  self->next_lanes = self->wanted_lanes;
  margin_range (self, &t0, &t1);
  if (a > t0 || b < t1)
    return G_SOURCE_CONTINUE;
  self->margin_source = 0;
  return G_SOURCE_REMOVE;
}

/* After a layout: read ahead when the days shown come within a quarter of
 * their span of the edge of those read */
static void
schedule_read_ahead (TriTimelineView *self)
{
  if (self->store == NULL || self->events == NULL || self->margin_source != 0)
    return;
  if (tri_timeline_read_ahead_due (self->t0, self->t1,
                                   self->next_events != NULL ? self->next_t0 : self->events_t0,
                                   self->next_events != NULL ? self->next_t1 : self->events_t1))
    self->margin_source = g_idle_add_full (G_PRIORITY_LOW, read_margin, self, NULL);
}

/* Only the events the view can draw are loaded, with a margin so that a
 * pan needs no query; the first time, only the days shown (the first
 * frame reads no more than it draws), the margin read ahead after it.
 * @lanes: those whose events are needed (with the lane index, the lanes
 * drawn one by one) */
static void
ensure_events (TriTimelineView *self,
               guint            lanes)
{
  double t0, t1;

  if (self->store == NULL)
    return;
  /* what was read ahead, once it covers the days shown */
  if (self->next_events != NULL && self->t0 >= self->next_t0 && self->t1 <= self->next_t1 &&
      (self->next_lanes & lanes) == lanes)
    {
      g_clear_pointer (&self->events, g_ptr_array_unref);
      self->events = g_steal_pointer (&self->next_events);
      self->events_t0 = self->next_t0;
      self->events_t1 = self->next_t1;
      self->events_lanes = self->next_lanes;
      self->events_shared = FALSE;
    }
  if (self->events != NULL && self->t0 >= self->events_t0 && self->t1 <= self->events_t1 &&
      (self->events_lanes & lanes) == lanes)
    return;

  if (self->events == NULL)
    {
      if (read_events (self, MAX (1, floor (self->t0)), ceil (self->t1), lanes) && self->margin_source == 0)
        self->margin_source = g_idle_add_full (G_PRIORITY_LOW, read_margin, self, NULL);
      drop_next (self);
      return;
    }
  margin_range (self, &t0, &t1);
  read_events (self, t0, t1, lanes);
  drop_next (self);
}

static void set_range (TriTimelineView *self, double t0, double t1);

/* A cluster opens by zooming into the days its events span. */
static void
zoom_to_cluster (TriTimelineView          *self,
                 const TriTimelineCluster *c)
{
  double pad = MAX ((c->last - c->first) * 0.05, 3);

  set_range (self, c->first - pad, c->last + 1 + pad);
}

static void on_store_changed (TriStore *store, guint changes, TriTimelineView *self);

/* "+N more" opens its lane: the lane gets the rows it needs before the
 * others. Where that shows no more of them (the others have no rows to
 * spare), it zooms into the days they span, or, when they spread over
 * most of the view, in twice around the middle one. */
static void
open_more (TriTimelineView *self,
           guint            lane)
{
  const TriTimelineMore *more = &self->layout->more[lane];
  guint count = more->count;
  guint32 first = more->first, last = more->last, middle = more->middle;
  double pad = MAX ((last - first) * 0.05, 3), span = self->t1 - self->t0;

  if (!self->expanded[lane])
    {
      TriTimelineLayout *layout;

      for (guint i = 0; i < TRI_N_CATEGORIES; i++)
        self->expanded[i] = i == lane;
      invalidate (self);
      layout = tri_timeline_view_get_layout (self);
      if (layout == NULL || layout->more[lane].count < count)
        return;
    }

  if (last + 1 - first + 2 * pad < span * 0.6)
    set_range (self, first - pad, last + 1 + pad);
  else
    set_range (self, middle + 0.5 - span / 4, middle + 0.5 + span / 4);
}

static char *
cluster_key (const TriTimelineCluster *c)
{
  return g_strdup_printf ("cluster:%d:%u", (int) c->category, (guint) c->first);
}

static char *
more_key (guint lane)
{
  return g_strdup_printf ("more:%u", lane);
}

static void
on_hotspot_activate (TriHotspot      *hotspot,
                     TriTimelineView *self)
{
  const char *key = tri_hotspot_get_key (hotspot);

  if (g_str_has_prefix (key, "event:"))
    {
      g_signal_emit (self, signals[EVENT_ACTIVATED], 0, g_ascii_strtoll (key + 6, NULL, 10));
      return;
    }

  if (g_str_has_prefix (key, "more:") && self->layout != NULL)
    {
      guint lane = (guint) g_ascii_strtoull (key + 5, NULL, 10);

      if (lane < TRI_N_CATEGORIES && self->layout->more[lane].count > 0)
        open_more (self, lane);
      return;
    }

  for (guint i = 0; self->layout && i < self->layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = g_ptr_array_index (self->layout->clusters, i);
      g_autofree char *k = cluster_key (c);

      if (g_str_equal (k, key))
        {
          zoom_to_cluster (self, c);
          return;
        }
    }
}

/* What a lane's "+N more" hides, for its hotspot and tooltip: "12 more
 * Diplomacy events, Mar 2023 – Jun 2024, not drawn", and the first of
 * their titles */
static void
describe_more (TriTimelineView       *self,
               guint                  lane,
               const TriTimelineMore *more,
               GHashTable            *by_id,
               char                 **name,
               char                 **description)
{
  g_autofree char *from = tri_day_label (more->first, TRI_PRECISION_MONTH, self->lang);
  g_autofree char *to = tri_day_label (more->last, TRI_PRECISION_MONTH, self->lang);
  g_autofree char *when = g_str_equal (from, to) ? g_strdup (from) : g_strdup_printf ("%s – %s", from, to);
  g_autoptr(GString) titles = g_string_new (NULL);

  /* Translators: a lane's events that have no room on the timeline, e.g.
   * "12 more events in Diplomacy, Mar 2023 – Jun 2024, not drawn" */
  *name = g_strdup_printf (ngettext ("%u more event in %s, %s, not drawn",
                                     "%u more events in %s, %s, not drawn", more->count),
                           more->count, tri_category_label (lane, self->lang), when);

  for (guint i = 0; by_id != NULL && i < more->event_ids->len && i < 3; i++)
    {
      const TriEvent *ev = g_hash_table_lookup (by_id, &g_array_index (more->event_ids, gint64, i));

      if (ev == NULL)
        continue;
      if (ev->title == NULL)
        continue;
      if (titles->len > 0)
        /* Translators: between the titles of events */
        g_string_append (titles, _("; "));
      g_string_append (titles, ev->title);
    }
  if (more->count > 3 && titles->len > 0)
    g_string_append (titles, "…");
  if (titles->len > 0)
    /* Translators: what activating "+N more" does, after the first titles it hides */
    *description = g_strdup_printf (_("%s. Activate to show them"), titles->str);
  else
    *description = g_strdup (_("Activate to show them"));
}

static GtkWidget *
place_hotspot (TriTimelineView *self,
               const char      *key,
               GtkWidget       *after)
{
  GtkWidget *hotspot = tri_canvas_find_hotspot (GTK_WIDGET (self), key);

  if (hotspot == NULL)
    {
      hotspot = tri_hotspot_new (key);
      g_signal_connect (hotspot, "activate", G_CALLBACK (on_hotspot_activate), self);
    }
  if (gtk_widget_get_parent (hotspot) == NULL || gtk_widget_get_prev_sibling (hotspot) != after)
    gtk_widget_insert_after (hotspot, GTK_WIDGET (self), after);
  return hotspot;
}

static void
sync_hotspots (TriTimelineView *self)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *after = NULL;
  GtkWidget *c, *next;

  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint k = 0; k < self->events->len; k++)
    g_hash_table_insert (by_id, &((TriEvent *) g_ptr_array_index (self->events, k))->id,
                         g_ptr_array_index (self->events, k));

  for (guint i = 0; i < self->layout->marks->len; i++)
    {
      const TriTimelineMark *m = g_ptr_array_index (self->layout->marks, i);
      const TriEvent *ev = g_hash_table_lookup (by_id, &m->event_id);
      g_autofree char *key = g_strdup_printf ("event:%" G_GINT64_FORMAT, m->event_id);
      g_autofree char *date = NULL;
      g_autofree char *description = NULL;

      if (ev == NULL || m->x1 < self->layout->plot_x0 || m->x0 > self->layout->plot_x1)
        continue;

      after = place_hotspot (self, key, after);
      {
        g_autofree char *label = tri_date_label (&ev->date, self->lang);

        date = tri_capitalize_first (label);
      }
      /* Translators: an event's description: its date, category and confidence */
      description = g_strdup_printf (_("%s · %s · %s"), date, tri_category_label (ev->category, self->lang),
                                     tri_confidence_label (ev->confidence, self->lang));
      tri_hotspot_describe (TRI_HOTSPOT (after), m->title, description);
      tri_hotspot_set_pressed (TRI_HOTSPOT (after), ev->id == self->selected_event);
      g_hash_table_add (wanted, g_steal_pointer (&key));
    }

  for (guint i = 0; i < self->layout->clusters->len; i++)
    {
      const TriTimelineCluster *cl = g_ptr_array_index (self->layout->clusters, i);
      g_autofree char *key = cluster_key (cl);
      g_autofree char *from = tri_day_label (cl->first, TRI_PRECISION_MONTH, self->lang);
      g_autofree char *to = tri_day_label (cl->last, TRI_PRECISION_MONTH, self->lang);
      g_autofree char *when = g_str_equal (from, to) ? g_strdup (from) : g_strdup_printf ("%s – %s", from, to);
      g_autofree char *label = NULL;

      /* Translators: a cluster of events on the timeline, e.g. "214 events, Mar 2021" */
      label = g_strdup_printf (ngettext ("%u event, %s", "%u events, %s", cl->count), cl->count, when);
      after = place_hotspot (self, key, after);
      tri_hotspot_describe (TRI_HOTSPOT (after), label,
                            /* Translators: what activating a cluster does */
                            _("Zoom in to show them one by one"));
      g_hash_table_add (wanted, g_steal_pointer (&key));
    }

  for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
    {
      const TriTimelineMore *more = &self->layout->more[lane];
      g_autofree char *key = NULL;
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;

      if (more->count == 0)
        continue;
      key = more_key (lane);
      describe_more (self, lane, more, by_id, &name, &description);
      after = place_hotspot (self, key, after);
      tri_hotspot_describe (TRI_HOTSPOT (after), name, description);
      g_hash_table_add (wanted, g_steal_pointer (&key));
    }

  for (c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = next)
    {
      next = gtk_widget_get_next_sibling (c);
      if (!g_hash_table_contains (wanted, tri_hotspot_get_key (TRI_HOTSPOT (c))))
        gtk_widget_unparent (c);
    }
}

static void
rebuild (TriTimelineView *self,
         int              width,
         int              height)
{
  TriTimelineParams params = { 0 };
  /* its bins are the new layout's where they are the same */
  g_autoptr(TriTimelineLayout) previous = g_steal_pointer (&self->layout);

  self->layout_dirty = FALSE;
  self->layout_stamp++;
  if (self->store == NULL)
    return;

  params.width = MAX (width, 1);
  params.height = MAX (height, 1);
  params.t0 = self->t0;
  params.t1 = self->t1;
  params.as_of = self->as_of;
  params.selected_event = self->selected_event;
  params.highlight_relations = (const gint64 *) self->highlight->data;
  params.n_highlight_relations = self->highlight->len;
  params.lang = self->lang;
  params.type_scale = self->type_scale;
  memcpy (params.expanded, self->expanded, sizeof params.expanded);
  params.lanes = self->lanes;
  params.previous = previous;
  /* with the lane index, only the events of the lanes not counted */
  self->wanted_lanes = self->lanes != NULL ? ~tri_timeline_lanes_counted (NULL, &params) & ALL_LANES : ALL_LANES;
  ensure_events (self, self->wanted_lanes);
  if (self->events == NULL)
    return;
  /* the titles of the events drawn one by one, not of those counted in
   * bins; a failed read leaves those marks without a label (the store
   * says what went wrong, and the window shows it) */
  {
    g_autoptr(GPtrArray) untitled = tri_timeline_untitled_marks (self->events, &params);

    if (untitled->len > 0)
      tri_store_read_titles (self->store, untitled, self->lang, NULL);
  }
  self->layout = tri_timeline_layout_new (self->events, &params);
  schedule_read_ahead (self);
}

/* The hotspots follow the items drawn. Adding or removing child widgets
 * during an allocation would leave the ancestors needing another, so they
 * are synced from an idle, after the data changed, never in size_allocate. */
static gboolean
sync_idle (gpointer data)
{
  TriTimelineView *self = data;

  self->sync_source = 0;
  if (self->layout_dirty || self->layout == NULL)
    rebuild (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  if (self->layout != NULL)
    sync_hotspots (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
invalidate (TriTimelineView *self)
{
  self->layout_dirty = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->sync_source == 0)
    self->sync_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, sync_idle, self, NULL);
}

TriTimelineLayout *
tri_timeline_view_get_layout (TriTimelineView *self)
{
  g_return_val_if_fail (TRI_IS_TIMELINE_VIEW (self), NULL);

  if (self->layout_dirty || self->layout == NULL)
    rebuild (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  return self->layout;
}

static void
tri_timeline_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  TriTimelineView *self = TRI_TIMELINE_VIEW (widget);
  g_autoptr(GHashTable) boxes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (self->layout_dirty || self->layout == NULL ||
      self->layout->width != width || self->layout->height != height)
    {
      rebuild (self, width, height);
      /* the rows a size has room for decide which events are drawn: the
       * hotspots follow, from the idle */
      if (self->sync_source == 0)
        self->sync_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, sync_idle, self, NULL);
    }

  for (guint i = 0; self->layout && i < self->layout->marks->len; i++)
    {
      const TriTimelineMark *m = g_ptr_array_index (self->layout->marks, i);
      double x0 = CLAMP (m->hit_x0, self->layout->plot_x0, self->layout->plot_x1);
      double x1 = CLAMP (m->hit_x1, self->layout->plot_x0, self->layout->plot_x1);
      GtkAllocation a = { (int) x0, (int) m->hit_y0, MAX (1, (int) (x1 - x0)), MAX (1, (int) (m->hit_y1 - m->hit_y0)) };

      g_hash_table_insert (boxes, g_strdup_printf ("event:%" G_GINT64_FORMAT, m->event_id), g_memdup2 (&a, sizeof a));
    }
  for (guint i = 0; self->layout && i < self->layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = g_ptr_array_index (self->layout->clusters, i);
      GtkAllocation a = { (int) c->x0, (int) (c->y - c->height / 2), MAX (1, (int) (c->x1 - c->x0)),
                          MAX (1, (int) c->height) };

      g_hash_table_insert (boxes, cluster_key (c), g_memdup2 (&a, sizeof a));
    }
  for (guint lane = 0; self->layout && lane < TRI_N_CATEGORIES; lane++)
    {
      const TriTimelineMore *more = &self->layout->more[lane];
      GtkAllocation a = { (int) more->x, (int) more->y, MAX (1, (int) ceil (more->w)), MAX (1, (int) ceil (more->h)) };

      if (more->count > 0)
        g_hash_table_insert (boxes, more_key (lane), g_memdup2 (&a, sizeof a));
    }

  /* a hotspot whose item went (the idle will remove it) still needs a size */
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkAllocation *a = g_hash_table_lookup (boxes, tri_hotspot_get_key (TRI_HOTSPOT (c)));
      GtkAllocation none = { 0, 0, 1, 1 };

      gtk_widget_size_allocate (c, a ? a : &none, -1);
    }
}

static void
tri_timeline_view_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (tri_timeline_view_parent_class)->css_changed (widget, change);
  /* a theme change may switch light and dark */
  gtk_widget_queue_draw (widget);
}

static void
tri_timeline_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;

  /* the hotspots follow the drawing: they never ask for room */
  *minimum = horizontal ? 320 : 180;
  *natural = horizontal ? 720 : 320;
}

static void
drop_parts (TriTimelineView *self)
{
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  g_clear_pointer (&self->base_sig, g_bytes_unref);
  g_clear_pointer (&self->cursor_node, gsk_render_node_unref);
  g_clear_pointer (&self->cursor_sig, g_bytes_unref);
  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    {
      g_clear_pointer (&self->lane_node[i], gsk_render_node_unref);
      g_clear_pointer (&self->lane_sig[i], g_bytes_unref);
    }
}

/* The layout's picture into @snapshot: the base and each lane kept from the
 * last frame where their signatures are those of this layout, drawn again
 * where not; the cursor drawn every time (a line and a date) */
static void
build_parts (TriTimelineView   *self,
             TriTimelineLayout *layout,
             gboolean           dark,
             int                width,
             int                height,
             GtkSnapshot       *snapshot)
{
  const TriTheme *theme = tri_theme_get (dark);
  g_autoptr(GBytes) base_sig = tri_timeline_base_signature (layout);
  cairo_t *cr;

  if (self->parts_dark != dark)
    drop_parts (self);
  self->parts_dark = dark;

  if (self->base_node == NULL || !g_bytes_equal (base_sig, self->base_sig))
    {
      GtkSnapshot *own = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (own, &GRAPHENE_RECT_INIT (0, 0, width, height));
      tri_timeline_render_base (layout, cr, theme);
      cairo_destroy (cr);
      g_clear_pointer (&self->base_node, gsk_render_node_unref);
      self->base_node = gtk_snapshot_free_to_node (own);
      g_clear_pointer (&self->base_sig, g_bytes_unref);
      self->base_sig = g_steal_pointer (&base_sig);
    }
  if (self->base_node != NULL)
    gtk_snapshot_append_node (snapshot, self->base_node);

  for (guint i = 0; i < TRI_N_CATEGORIES; i++)
    {
      g_autoptr(GBytes) sig = tri_timeline_lane_signature (layout, i);

      if (self->lane_sig[i] == NULL || !g_bytes_equal (sig, self->lane_sig[i]))
        {
          GtkSnapshot *own = gtk_snapshot_new ();
          int x, y, w, h;

          tri_timeline_lane_extent (layout, i, &x, &y, &w, &h);
          cr = gtk_snapshot_append_cairo (own, &GRAPHENE_RECT_INIT (x, y, w, h));
          tri_timeline_render_lane (layout, cr, theme, i);
          cairo_destroy (cr);
          g_clear_pointer (&self->lane_node[i], gsk_render_node_unref);
          self->lane_node[i] = gtk_snapshot_free_to_node (own);
          g_clear_pointer (&self->lane_sig[i], g_bytes_unref);
          self->lane_sig[i] = g_steal_pointer (&sig);
        }
      if (self->lane_node[i] != NULL)
        gtk_snapshot_append_node (snapshot, self->lane_node[i]);
    }

  {
    g_autoptr(GBytes) sig = tri_timeline_cursor_signature (layout);

    if (self->cursor_sig == NULL || !g_bytes_equal (sig, self->cursor_sig))
      {
        GtkSnapshot *own = gtk_snapshot_new ();
        int x, y, w, h;

        tri_timeline_cursor_extent (layout, &x, &y, &w, &h);
        cr = gtk_snapshot_append_cairo (own, &GRAPHENE_RECT_INIT (x, y, w, h));
        tri_timeline_render_cursor (layout, cr, theme);
        cairo_destroy (cr);
        g_clear_pointer (&self->cursor_node, gsk_render_node_unref);
        self->cursor_node = gtk_snapshot_free_to_node (own);
        g_clear_pointer (&self->cursor_sig, g_bytes_unref);
        self->cursor_sig = g_steal_pointer (&sig);
      }
    if (self->cursor_node != NULL)
      gtk_snapshot_append_node (snapshot, self->cursor_node);
  }
}

/* What the view draws for its layout now, through the same parts as its
 * frames (for tests: the picture after edits against a fresh view's) */
GskRenderNode *
tri_timeline_view_render_node (TriTimelineView *self,
                               int              width,
                               int              height,
                               gboolean         dark)
{
  TriTimelineLayout *layout = tri_timeline_view_get_layout (self);
  GtkSnapshot *own;

  if (layout == NULL)
    return NULL;
  own = gtk_snapshot_new ();
  build_parts (self, layout, dark, width, height, own);
  return gtk_snapshot_free_to_node (own);
}

static void
tri_timeline_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TriTimelineView *self = TRI_TIMELINE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  TriTimelineLayout *layout = tri_timeline_view_get_layout (self);
  gboolean dark = tri_widget_is_dark (widget);

  if (layout == NULL || width <= 0 || height <= 0)
    return;

  if (self->node == NULL || self->node_stamp != self->layout_stamp || self->node_dark != dark ||
      self->node_width != width || self->node_height != height)
    {
      GtkSnapshot *own = gtk_snapshot_new ();

      build_parts (self, layout, dark, width, height, own);
      g_clear_pointer (&self->node, gsk_render_node_unref);
      self->node = gtk_snapshot_free_to_node (own);
      self->node_stamp = self->layout_stamp;
      self->node_dark = dark;
      self->node_width = width;
      self->node_height = height;
    }
  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    /* a hotspot made by this frame's layout has no allocation until the
     * next: it has no focus ring to draw yet (GTK warns at snapshotting it) */
    if (gtk_widget_get_width (c) > 0 && gtk_widget_get_height (c) > 0)
      gtk_widget_snapshot_child (widget, c, snapshot);
}

static void
set_range (TriTimelineView *self,
           double           t0,
           double           t1)
{
  double span = CLAMP (t1 - t0, MIN_SPAN_DAYS, MAX_SPAN_DAYS);
  double mid = (t0 + t1) / 2;

  t0 = MAX (mid - span / 2, 1);
  t1 = t0 + span;
  if (t0 == self->t0 && t1 == self->t1)
    return;
  self->t0 = t0;
  self->t1 = t1;
  invalidate (self);
  g_signal_emit (self, signals[RANGE_CHANGED], 0);
}

static void
zoom_at (TriTimelineView *self,
         double           factor,
         double           anchor)
{
  set_range (self, anchor - (anchor - self->t0) / factor, anchor + (self->t1 - anchor) / factor);
}

void
tri_timeline_view_zoom (TriTimelineView *self,
                        double           factor)
{
  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));

  /* around the "as of" cursor when it is in view */
  if (self->as_of >= self->t0 && self->as_of <= self->t1)
    zoom_at (self, factor, self->as_of + 0.5);
  else
    zoom_at (self, factor, (self->t0 + self->t1) / 2);
}

void
tri_timeline_view_fit_all (TriTimelineView *self)
{
  guint32 earliest, latest;
  double pad;

  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));

  if (self->store == NULL || !tri_store_get_extent (self->store, &earliest, &latest))
    return;
  pad = MAX ((latest - earliest) * 0.03, 15);
  set_range (self, earliest - pad, latest + 1 + pad);
}

static void
show_default_range (TriTimelineView *self)
{
  guint32 earliest, latest;
  double t0, t1;

  if (self->store == NULL)
    return;
  /* a briefing with no events yet: the year up to today */
  if (!tri_store_get_extent (self->store, &earliest, &latest))
    {
      latest = tri_day_today ();
      earliest = latest - 365;
    }
  tri_timeline_default_range (earliest, latest, 0, &t0, &t1);
  set_range (self, t0, t1);
}

void
tri_timeline_view_reveal (TriTimelineView *self,
                          guint32          first,
                          guint32          last)
{
  double span = self->t1 - self->t0;
  double margin = span * 0.08;

  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));

  if (first >= self->t0 + margin && last + 1 <= self->t1 - margin)
    return;
  if (last + 1 - first > span - 2 * margin)
    set_range (self, first - margin, first - margin + span);
  else if (first < self->t0 + margin)
    set_range (self, first - margin, first - margin + span);
  else
    set_range (self, last + 1 + margin - span, last + 1 + margin);
}

void
tri_timeline_view_set_range (TriTimelineView *self,
                             double           t0,
                             double           t1)
{
  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));
  set_range (self, t0, t1);
}

void
tri_timeline_view_get_range (TriTimelineView *self,
                             double          *t0,
                             double          *t1)
{
  *t0 = self->t0;
  *t1 = self->t1;
}

/**
 * tri_timeline_view_offer_events:
 * @events: what tri_store_list_events_untitled() returned for the view's
 *   store and language over the days [@from, @to]
 *
 * Events another view read (the window reads the triangle's first window
 * over the timeline's days, so that the first frame reads them once): the
 * timeline takes them, shared and never changed in place, instead of a
 * read of its own, while it has none that cover the days it shows and no
 * lane index (with one, it reads only the lanes drawn one by one).
 */
void
tri_timeline_view_offer_events (TriTimelineView *self,
                                GPtrArray       *events,
                                guint32          from,
                                guint32          to)
{
  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));
  g_return_if_fail (events != NULL);

  if (self->store == NULL || self->lanes != NULL || from > MAX (1, floor (self->t0)) || to < ceil (self->t1) ||
      (self->events != NULL && self->t0 >= self->events_t0 && self->t1 <= self->events_t1))
    return;
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = g_ptr_array_ref (events);
  self->events_t0 = from;
  self->events_t1 = to;
  self->events_lanes = ALL_LANES;
  self->events_shared = TRUE;
  drop_next (self);
  /* the margin read ahead, as after a first read of its own */
  if (self->margin_source == 0)
    self->margin_source = g_idle_add_full (G_PRIORITY_LOW, read_margin, self, NULL);
  invalidate (self);
}

static void
on_drag_begin (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               TriTimelineView *self)
{
  TriTimelineLayout *layout = tri_timeline_view_get_layout (self);
  int index = -1;

  self->drag_mode = DRAG_NONE;
  /* a click gives the timeline the keyboard: +, − and 0 work at once */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

    if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
      gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
  }
  if (layout == NULL)
    return;

  switch (tri_timeline_layout_hit (layout, x, y, &index))
    {
    case TRI_TIMELINE_HIT_CURSOR: self->drag_mode = DRAG_CURSOR; break;
    case TRI_TIMELINE_HIT_MARK: self->drag_mode = DRAG_MARK; self->drag_mark = index; break;
    case TRI_TIMELINE_HIT_CLUSTER: self->drag_mode = DRAG_CLUSTER; self->drag_mark = index; break;
    case TRI_TIMELINE_HIT_MORE: self->drag_mode = DRAG_MORE; self->drag_mark = index; break;
    case TRI_TIMELINE_HIT_PLOT: self->drag_mode = DRAG_PLOT; break;
    case TRI_TIMELINE_HIT_NONE:
    default: break;
    }
  self->drag_t0 = self->t0;
  self->drag_t1 = self->t1;
  if (self->drag_mode == DRAG_CURSOR)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize");
}

static void
on_drag_update (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                TriTimelineView *self)
{
  TriTimelineLayout *layout = self->layout;
  double sx, sy;

  if (layout == NULL)
    return;
  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);

  if (self->drag_mode == DRAG_CURSOR)
    {
      g_signal_emit (self, signals[AS_OF_CHANGED], 0, tri_timeline_layout_day_at (layout, sx + dx));
      return;
    }

  if ((self->drag_mode == DRAG_PLOT || self->drag_mode == DRAG_MARK || self->drag_mode == DRAG_CLUSTER ||
       self->drag_mode == DRAG_MORE) &&
      fabs (dx) > 4)
    self->drag_mode = DRAG_PAN;

  if (self->drag_mode == DRAG_PAN)
    {
      double days_per_px = (self->drag_t1 - self->drag_t0) / MAX (layout->plot_x1 - layout->plot_x0, 1);
      set_range (self, self->drag_t0 - dx * days_per_px, self->drag_t1 - dx * days_per_px);
    }
}

static void
on_drag_end (GtkGestureDrag  *gesture,
             double           dx,
             double           dy,
             TriTimelineView *self)
{
  TriTimelineLayout *layout = self->layout;
  double sx, sy;

  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);

  if (layout == NULL)
    return;

  if (self->drag_mode == DRAG_CLUSTER && self->drag_mark < (int) layout->clusters->len)
    zoom_to_cluster (self, g_ptr_array_index (layout->clusters, self->drag_mark));
  else if (self->drag_mode == DRAG_MORE && self->drag_mark >= 0 && self->drag_mark < TRI_N_CATEGORIES &&
           layout->more[self->drag_mark].count > 0)
    open_more (self, self->drag_mark);
  else if (self->drag_mode == DRAG_MARK && self->drag_mark < (int) layout->marks->len)
    g_signal_emit (self, signals[EVENT_ACTIVATED], 0,
                   ((TriTimelineMark *) g_ptr_array_index (layout->marks, self->drag_mark))->event_id);
  else if (self->drag_mode == DRAG_PLOT || self->drag_mode == DRAG_CURSOR)
    g_signal_emit (self, signals[AS_OF_CHANGED], 0, tri_timeline_layout_day_at (layout, sx + dx));

  self->drag_mode = DRAG_NONE;
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           TriTimelineView          *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  double span = self->t1 - self->t0;

  if (mods & GDK_CONTROL_MASK)
    {
      tri_timeline_view_zoom (self, dy < 0 ? 1.25 : 0.8);
      return TRUE;
    }

  /* either wheel pans: a tenth of the view a notch */
  set_range (self, self->t0 + (dx + dy) * span / 10, self->t1 + (dx + dy) * span / 10);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               TriTimelineView  *self)
{
  self->zoom_t0 = self->t0;
  self->zoom_t1 = self->t1;
}

static void
on_zoom_scale_changed (GtkGestureZoom  *gesture,
                       double           scale,
                       TriTimelineView *self)
{
  double mid = (self->zoom_t0 + self->zoom_t1) / 2;
  double half = (self->zoom_t1 - self->zoom_t0) / 2 / MAX (scale, 0.01);

  set_range (self, mid - half, mid + half);
}

static gboolean
on_tooltip (GtkWidget       *widget,
            int              x,
            int              y,
            gboolean         keyboard,
            GtkTooltip      *tooltip,
            TriTimelineView *self)
{
  TriTimelineLayout *layout = tri_timeline_view_get_layout (self);
  int index = -1;

  if (layout == NULL || keyboard)
    return FALSE;

  switch (tri_timeline_layout_hit (layout, x, y, &index))
    {
    case TRI_TIMELINE_HIT_MARK:
      gtk_tooltip_set_text (tooltip, ((TriTimelineMark *) g_ptr_array_index (layout->marks, index))->title);
      return TRUE;
    case TRI_TIMELINE_HIT_CLUSTER:
      {
        const TriTimelineCluster *c = g_ptr_array_index (layout->clusters, index);
        g_autofree char *from = tri_day_label (c->first, TRI_PRECISION_DAY, self->lang);
        g_autofree char *to = tri_day_label (c->last, TRI_PRECISION_DAY, self->lang);
        /* Translators: a cluster's tooltip: how many events, from when to when */
        g_autofree char *text = g_strdup_printf (ngettext ("%u event, %s – %s: click to zoom in",
                                                           "%u events, %s – %s: click to zoom in", c->count),
                                                 c->count, from, to);
        gtk_tooltip_set_text (tooltip, text);
        return TRUE;
      }
    case TRI_TIMELINE_HIT_MORE:
      {
        g_autofree char *name = NULL;
        g_autofree char *description = NULL;
        g_autofree char *text = NULL;

        describe_more (self, index, &layout->more[index], NULL, &name, &description);
        /* Translators: the tooltip of "+N more": what it hides, what clicking does */
        text = g_strdup_printf (_("%s: click to show them"), name);
        gtk_tooltip_set_text (tooltip, text);
        return TRUE;
      }
    case TRI_TIMELINE_HIT_NONE:
    case TRI_TIMELINE_HIT_CURSOR:
    case TRI_TIMELINE_HIT_PLOT:
    default:
      return FALSE;
    }
}

static gboolean
tri_timeline_view_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  TriTimelineView *self = TRI_TIMELINE_VIEW (widget);
  g_autofree char *key = NULL;

  if (self->selected_event != 0)
    key = g_strdup_printf ("event:%" G_GINT64_FORMAT, self->selected_event);
  return tri_canvas_focus (widget, direction, key ? tri_canvas_find_hotspot (widget, key) : NULL);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  tri_timeline_view_zoom (TRI_TIMELINE_VIEW (widget), 1.5);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  tri_timeline_view_zoom (TRI_TIMELINE_VIEW (widget), 1 / 1.5);
}

static void
fit_all_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  tri_timeline_view_fit_all (TRI_TIMELINE_VIEW (widget));
}

static void
tri_timeline_view_dispose (GObject *object)
{
  TriTimelineView *self = TRI_TIMELINE_VIEW (object);

  g_clear_handle_id (&self->sync_source, g_source_remove);
  g_clear_handle_id (&self->margin_source, g_source_remove);
  tri_canvas_remove_hotspots (GTK_WIDGET (self));
  g_clear_pointer (&self->layout, tri_timeline_layout_free);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  drop_parts (self);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  drop_next (self);
  g_clear_pointer (&self->highlight, g_array_unref);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->lanes, tri_lane_index_unref);
  g_clear_pointer (&self->lang, g_free);

  G_OBJECT_CLASS (tri_timeline_view_parent_class)->dispose (object);
}

static void
tri_timeline_view_class_init (TriTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tri_timeline_view_dispose;
  widget_class->size_allocate = tri_timeline_view_size_allocate;
  widget_class->snapshot = tri_timeline_view_snapshot;
  widget_class->measure = tri_timeline_view_measure;
  widget_class->css_changed = tri_timeline_view_css_changed;
  widget_class->focus = tri_timeline_view_focus;

  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[AS_OF_CHANGED] =
    g_signal_new ("as-of-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* the days shown changed (a pan, a zoom, a reveal): see get_range () */
  signals[RANGE_CHANGED] =
    g_signal_new ("range-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.fit-all", NULL, fit_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.fit-all", NULL);

  gtk_widget_class_set_css_name (widget_class, "timelineview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tri_timeline_view_init (TriTimelineView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);

  self->type_scale = 1;
  self->lang = g_strdup ("en");
  self->highlight = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->t0 = 1;
  self->t1 = 366;

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_tooltip), self);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timeline of events"), -1);
}

/* A live store's document changed it: only the events that changed are
 * read again (the range's others stay), and the layout is made anew. */
static void
on_store_changed (TriStore        *store,
                  guint            changes,
                  TriTimelineView *self)
{
  const gint64 *ids = NULL;
  guint n = 0;

  if (!(changes & (TRI_STORE_CHANGE_EVENTS | TRI_STORE_CHANGE_LINKS)))
    return;
  /* events shared with another view are read again, not changed under it */
  if (self->events != NULL &&
      (self->events_shared || !tri_store_get_changed_events (store, &ids, &n) ||
       !tri_store_update_events (store, self->events, (guint32) self->events_t0,
                                 (guint32) MIN (self->events_t1, G_MAXUINT32 - 1),
                                 self->lang, ids, n, NULL)))
    g_clear_pointer (&self->events, g_ptr_array_unref);
  drop_next (self);   /* read before the change */
  invalidate (self);
}

void
tri_timeline_view_set_store (TriTimelineView *self,
                             TriStore        *store,
                             const char      *lang)
{
  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  memset (self->expanded, 0, sizeof self->expanded);
  g_free (self->lang);
  self->lang = g_strdup (lang);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  drop_next (self);
  show_default_range (self);
  invalidate (self);
}

/**
 * tri_timeline_view_set_lane_index:
 * @lanes: (nullable): every event's place (built over the view's store),
 *   or %NULL to count the bins from the events read
 *
 * With it, the lanes drawn as counted bins are counted from memory, and
 * only the events of the others are read from the file.
 */
void
tri_timeline_view_set_lane_index (TriTimelineView *self,
                                  TriLaneIndex    *lanes)
{
  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));

  if (lanes == self->lanes)
    return;
  if (lanes != NULL)
    tri_lane_index_ref (lanes);
  g_clear_pointer (&self->lanes, tri_lane_index_unref);
  self->lanes = lanes;
  /* what is held was read for the other way (every lane): read again,
   * only the lanes drawn one by one */
  g_clear_pointer (&self->events, g_ptr_array_unref);
  drop_next (self);
  invalidate (self);
}

/* What the store passes changed (its filter): the events are read again */
void
tri_timeline_view_reload (TriTimelineView *self)
{
  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));

  g_clear_pointer (&self->events, g_ptr_array_unref);
  drop_next (self);
  invalidate (self);
}

void
tri_timeline_view_set_as_of (TriTimelineView *self,
                             guint32          as_of)
{
  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));
  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  /* only the cursor moves: no new layout while scrubbing */
  if (self->layout != NULL && !self->layout_dirty)
    {
      tri_timeline_layout_set_as_of (self->layout, as_of);
      self->layout_stamp++;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    invalidate (self);
}

void
tri_timeline_view_set_selection (TriTimelineView *self,
                                 gint64           event_id,
                                 const gint64    *relations,
                                 guint            n_relations)
{
  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));

  self->selected_event = event_id;
  g_array_set_size (self->highlight, 0);
  if (n_relations > 0)
    g_array_append_vals (self->highlight, relations, n_relations);
  invalidate (self);
}

void
tri_timeline_view_set_type_scale (TriTimelineView *self,
                                  double           scale)
{
  g_return_if_fail (TRI_IS_TIMELINE_VIEW (self));
  self->type_scale = scale;
  invalidate (self);
}
