/* tri-hotspot.c: a drawn item a keyboard and a screen reader can reach
 *
 * In GTK 4.8 only widgets are accessible, so every clickable item the
 * renderer draws (a node, an edge, an event) gets one of these: an
 * invisible, focusable button placed over the item. The pointer goes
 * through it to the canvas, which hit-tests on the layout; the keyboard
 * and assistive technologies use the hotspot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-hotspot"

#include "config.h"

#include "tri-hotspot.h"

struct _TriHotspot
{
  GtkWidget  parent_instance;
  char      *key;
  char      *label;
};

G_DEFINE_FINAL_TYPE (TriHotspot, tri_hotspot, GTK_TYPE_WIDGET)

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tri_hotspot_finalize (GObject *object)
{
  TriHotspot *self = TRI_HOTSPOT (object);

  g_free (self->key);
  g_free (self->label);

  G_OBJECT_CLASS (tri_hotspot_parent_class)->finalize (object);
}

static void
tri_hotspot_class_init (TriHotspotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tri_hotspot_finalize;

  signals[ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);

  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Return, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_KP_Enter, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_ISO_Enter, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_space, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_KP_Space, 0, "activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "hotspot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
tri_hotspot_init (TriHotspot *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GtkWidget *
tri_hotspot_new (const char *key)
{
  TriHotspot *self = g_object_new (TRI_TYPE_HOTSPOT, NULL);

  self->key = g_strdup (key);
  return GTK_WIDGET (self);
}

const char *
tri_hotspot_get_key (TriHotspot *self)
{
  g_return_val_if_fail (TRI_IS_HOTSPOT (self), NULL);
  return self->key;
}

const char *
tri_hotspot_get_label (TriHotspot *self)
{
  g_return_val_if_fail (TRI_IS_HOTSPOT (self), NULL);
  return self->label;
}

void
tri_hotspot_describe (TriHotspot *self,
                      const char *label,
                      const char *description)
{
  g_return_if_fail (TRI_IS_HOTSPOT (self));

  if (g_strcmp0 (self->label, label) != 0)
    {
      g_free (self->label);
      self->label = g_strdup (label);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
}

void
tri_hotspot_set_pressed (TriHotspot *self,
                         gboolean    pressed)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_PRESSED,
                               pressed ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}
