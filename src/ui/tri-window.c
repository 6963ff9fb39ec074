/* tri-window.c: the briefing window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-window"

#include "config.h"

#include <glib/gi18n.h>

#include "render/tri-triangle.h"
#include "store/tri-state.h"
#include "tri-window.h"

#define DEFAULT_WINDOW_MONTHS 12

struct _TriWindow
{
  GtkApplicationWindow  parent_instance;

  TriStore             *store;
  GSettings            *settings;
  char                 *lang;
  GPtrArray            *actors;
  GPtrArray            *relations;
  GPtrArray            *events;
  guint32               as_of;
  guint                 window_days;

  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkBox               *actors_box;
  GtkDrawingArea       *triangle_area;
  GtkListBox           *events_list;
};

G_DEFINE_FINAL_TYPE (TriWindow, tri_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TriWindow *
tri_window_new (TriApplication *app,
                TriStore       *store)
{
  return g_object_new (TRI_TYPE_WINDOW,
                       "application", app,
                       "store", store,
                       NULL);
}

TriStore *
tri_window_get_store (TriWindow *self)
{
  g_return_val_if_fail (TRI_IS_WINDOW (self), NULL);
  return self->store;
}

static void
draw_triangle (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  TriWindow *self = user_data;
  g_autoptr(TriTriangleLayout) layout = NULL;
  gboolean dark = FALSE;
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (area));
  guint32 from, to;

  if (self->actors == NULL)
    return;

  g_object_get (settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  tri_window_bounds (self->as_of, self->window_days, &from, &to);
  layout = tri_triangle_layout_new (self->actors, self->relations, self->events,
                                    from, to, width, height, self->lang);
  tri_triangle_render (layout, cr, tri_theme_get (dark));
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  tri_set_source_rgb (cr, GPOINTER_TO_UINT (user_data));
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
actor_chip (const TriActor *actor)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (actor->name);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  GUINT_TO_POINTER (actor->color), NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
event_row (const TriEvent *ev,
           const char     *lang)
{
  g_autofree char *date = tri_date_label (&ev->date, lang);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *date_label = gtk_label_new (date);
  GtkWidget *title_label = gtk_label_new (ev->title);

  gtk_label_set_xalign (GTK_LABEL (date_label), 0);
  gtk_widget_add_css_class (date_label, "dim-label");
  gtk_widget_add_css_class (date_label, "caption");
  gtk_widget_add_css_class (date_label, "event-date");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), date_label);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static void
update_subtitle (TriWindow *self)
{
  g_autofree char *date = tri_day_label (self->as_of, TRI_PRECISION_DAY, self->lang);
  g_autofree char *text = NULL;

  /* Translators: the first %s is a date; %d a number of months */
  text = g_strdup_printf (ngettext ("As of %s · the %d month before",
                                    "As of %s · the %d months before",
                                    DEFAULT_WINDOW_MONTHS),
                          date, DEFAULT_WINDOW_MONTHS);
  gtk_label_set_text (self->subtitle_label, text);
}

static void
load_briefing (TriWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actors_box))))
    gtk_box_remove (self->actors_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->events_list))))
    gtk_list_box_remove (self->events_list, child);

  if (self->store == NULL)
    return;

  title = tri_store_dup_title (self->store, self->lang);
  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->actors = tri_store_list_actors (self->store, self->lang, &error);
  if (self->actors != NULL)
    self->relations = tri_store_list_relations (self->store, &error);
  if (self->relations != NULL)
    self->events = tri_store_list_events (self->store, 0, G_MAXUINT32, self->lang, &error);
  if (self->events == NULL)
    {
      g_warning ("%s", error->message);
      g_clear_pointer (&self->actors, g_ptr_array_unref);
      return;
    }

  /* the start of the newest event: a later default would claim knowledge of
   * days the sources do not cover */
  if (self->events->len > 0)
    self->as_of = ((TriEvent *) g_ptr_array_index (self->events, self->events->len - 1))->date.earliest;
  else
    {
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
      self->as_of = g_date_get_julian (&today);
    }

  for (guint i = 0; i < MIN (self->actors->len, 3); i++)
    gtk_box_append (self->actors_box, actor_chip (g_ptr_array_index (self->actors, i)));

  for (guint i = 0; i < self->events->len; i++)
    gtk_list_box_append (self->events_list,
                         event_row (g_ptr_array_index (self->events, i), self->lang));

  update_subtitle (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->triangle_area));
}

static gboolean
tri_window_close_request (GtkWindow *window)
{
  TriWindow *self = TRI_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set (self->settings, "window-size", "(ii)", width, height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (tri_window_parent_class)->close_request (window);
}

static void
tri_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TriWindow *self = TRI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          load_briefing (self);
          g_object_notify_by_pspec (object, properties[PROP_STORE]);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tri_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TriWindow *self = TRI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tri_window_dispose (GObject *object)
{
  TriWindow *self = TRI_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRI_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->lang, g_free);

  G_OBJECT_CLASS (tri_window_parent_class)->dispose (object);
}

static void
tri_window_class_init (TriWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tri_window_dispose;
  object_class->set_property = tri_window_set_property;
  object_class->get_property = tri_window_get_property;
  window_class->close_request = tri_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TRI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tri-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TriWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, actors_box);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, triangle_area);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, events_list);
}

static void
tri_window_init (TriWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lang = g_strdup (tri_lang_from_environment ());
  self->window_days = tri_window_days_for_months (DEFAULT_WINDOW_MONTHS);

  gtk_drawing_area_set_draw_func (self->triangle_area, draw_triangle, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->triangle_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The triangle of relations between Russia, China and North Korea"),
                                  -1);

  /* Without the installed schema (running a test binary) the size is simply not remembered */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      int width = 0, height = 0;

      self->settings = g_settings_new (APP_ID);
      g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}
