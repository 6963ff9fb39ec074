/* tri-canvas-focus.c: Tab between areas, arrows within them
 *
 * A canvas's hotspots are one stop in the Tab chain: Tab enters at the
 * selected item (or the first) and the next Tab leaves the area; the
 * arrow keys move between the items inside.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-canvas-focus"

#include "config.h"

#include "tri-canvas-focus.h"
#include "tri-hotspot.h"

static GtkWidget *
focused_child (GtkWidget *canvas)
{
  for (GtkWidget *c = gtk_widget_get_first_child (canvas); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_has_focus (c))
      return c;
  return NULL;
}

gboolean
tri_canvas_focus (GtkWidget        *canvas,
                  GtkDirectionType  direction,
                  GtkWidget        *preferred)
{
  GtkWidget *current = focused_child (canvas);
  GtkWidget *target = NULL;

  if (current == NULL)
    {
      target = preferred != NULL && gtk_widget_get_visible (preferred)
               ? preferred : gtk_widget_get_first_child (canvas);
      if (direction == GTK_DIR_TAB_BACKWARD && preferred == NULL)
        target = gtk_widget_get_last_child (canvas);
      return target != NULL && gtk_widget_grab_focus (target);
    }

  switch (direction)
    {
    case GTK_DIR_TAB_FORWARD:
    case GTK_DIR_TAB_BACKWARD:
      return FALSE;

    case GTK_DIR_LEFT:
    case GTK_DIR_UP:
      target = gtk_widget_get_prev_sibling (current);
      break;

    case GTK_DIR_RIGHT:
    case GTK_DIR_DOWN:
    default:
      target = gtk_widget_get_next_sibling (current);
      break;
    }

  if (target != NULL)
    gtk_widget_grab_focus (target);
  /* at either end the focus stays: arrows never leave the area */
  return TRUE;
}

GtkWidget *
tri_canvas_find_hotspot (GtkWidget  *canvas,
                         const char *key)
{
  for (GtkWidget *c = gtk_widget_get_first_child (canvas); c; c = gtk_widget_get_next_sibling (c))
    if (TRI_IS_HOTSPOT (c) && g_strcmp0 (tri_hotspot_get_key (TRI_HOTSPOT (c)), key) == 0)
      return c;
  return NULL;
}

void
tri_canvas_remove_hotspots (GtkWidget *canvas)
{
  GtkWidget *c;

  while ((c = gtk_widget_get_first_child (canvas)) != NULL)
    gtk_widget_unparent (c);
}

/* Dark when the theme's text is light: follows GTK_THEME, the desktop's
 * preference and the window's Dark Style alike. */
gboolean
tri_widget_is_dark (GtkWidget *widget)
{
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}
