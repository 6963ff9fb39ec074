/* tri-deck-pane.c: the window's sidebar of decks and their slides
 *
 * A deck chooser (with Add, Rename and Delete Deck), then the slides of
 * the deck chosen, in order, each with its number, kind, title and a
 * small drawing of it through the slide renderer (tri_deck_draw_slide ()).
 * Choosing a slide restores the view it saved through the window's
 * session; Ctrl+D adds the view shown as a slide. Every change is one of
 * the document's undoable commands, so the window's Undo names it; on a
 * read-only briefing each offers an editable copy first, as every edit
 * does.
 *
 * The pane reads what it lists through the store the window reads, again
 * after every change the store reports: what it shows is what is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-deck-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "document/tri-document.h"
#include "document/tri-session.h"
#include "export/tri-deck-draw.h"
#include "render/tri-catalog.h"
#include "render/tri-timeline.h"
#include "store/tri-date.h"
#include "store/tri-state.h"
#include "tri-date-entry.h"
#include "tri-editor-common.h"
#include "tri-window.h"
#include "tri-deck-pane.h"

/* the drawings of the slides in the list, 16:9 */
#define THUMB_WIDTH   176
#define THUMB_HEIGHT  99
/* drawn at this size, then scaled down: the slide's own proportions */
#define THUMB_DRAW_WIDTH  640
#define THUMB_DRAW_HEIGHT 360

struct _TriDeckPane
{
  GtkWidget           parent_instance;

  GtkWidget          *window;          /* a TriWindow; weak */
  TriStore           *store;
  gulong              store_changed_id;
  GSettings          *settings;
  GSimpleActionGroup *actions;

  GtkWidget          *content;
  GtkWidget          *header;          /* the deck chooser and its menu */
  GtkWidget          *tools;           /* what can be done with the slide chosen */
  GtkWidget          *deck_dropdown;
  GtkStringList      *deck_names;
  GtkWidget          *list;
  GtkWidget          *placeholder;
  GtkWidget          *count_label;
  GtkWidget          *no_deck_label;

  GPtrArray          *decks;           /* of TriDeck */
  gint64              deck_id;         /* the deck shown */
  gint64              selected;        /* the slide chosen, or 0 */
  TriMarkings         markings;
  GHashTable         *thumbs;          /* slide id → cairo_surface_t */
  gboolean            thumbs_dark;     /* the style they were drawn in */
  GPtrArray          *thumbs_pending;  /* of GtkDrawingArea, still to draw */
  guint               thumbs_source;
  guint               updating;        /* > 0: the pane changes the list itself */
  guint               reload_source;
  guint               scroll_source;
  guint               scroll_tries;
  char               *told_deck;       /* what "deck-changed" last told */
  gint64              told_slide;
  gboolean            told;
  gboolean            focus_pending;   /* the row chosen takes the focus once shown */
  GtkWidget          *scrolled;
};

G_DEFINE_FINAL_TYPE (TriDeckPane, tri_deck_pane, GTK_TYPE_WIDGET)

enum {
  DECK_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (TriDeckPane *self);

static TriWindow *
window_of (TriDeckPane *self)
{
  return self->window != NULL ? TRI_WINDOW (self->window) : NULL;
}

static const char *
data_lang (TriDeckPane *self)
{
  return self->window != NULL ? tri_session_get_data_language (tri_window_get_session (window_of (self))) : "en";
}

/* The deck shown, or NULL */
static TriDeck *
current_deck (TriDeckPane *self)
{
  for (guint i = 0; self->decks != NULL && i < self->decks->len; i++)
    {
      TriDeck *deck = g_ptr_array_index (self->decks, i);

      if (deck->id == self->deck_id)
        return deck;
    }
  return NULL;
}

const TriDeck *
tri_deck_pane_get_deck (TriDeckPane *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PANE (self), NULL);
  return current_deck (self);
}

/* The index of @slide in the deck shown, or -1 */
static int
slide_index (TriDeckPane *self,
             gint64       slide)
{
  TriDeck *deck = current_deck (self);

  for (guint i = 0; deck != NULL && slide != 0 && i < deck->slides->len; i++)
    if (((TriDeckSlide *) g_ptr_array_index (deck->slides, i))->id == slide)
      return i;
  return -1;
}

static TriDeckSlide *
selected_slide (TriDeckPane *self)
{
  TriDeck *deck = current_deck (self);
  int index = slide_index (self, self->selected);

  return deck != NULL && index >= 0 ? g_ptr_array_index (deck->slides, index) : NULL;
}

gint64
tri_deck_pane_get_selected_slide (TriDeckPane *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PANE (self), 0);
  return selected_slide (self) != NULL ? self->selected : 0;
}

GtkListBox *
tri_deck_pane_get_list (TriDeckPane *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PANE (self), NULL);
  return GTK_LIST_BOX (self->list);
}

static const char *
kind_label (TriDeckSlideKind kind)
{
  switch (kind)
    {
    /* Translators: a kind of slide in a deck: a saved view of the window */
    case TRI_DECK_SLIDE_VIEW: return C_("slide kind", "View");
    /* Translators: a kind of slide: a title and paragraphs */
    case TRI_DECK_SLIDE_TEXT: return C_("slide kind", "Text");
    /* Translators: a kind of slide: the triangle as of two dates */
    case TRI_DECK_SLIDE_COMPARE: return C_("slide kind", "Compare");
    /* Translators: a kind of slide: each side's events per period */
    case TRI_DECK_SLIDE_TREND: return C_("slide kind", "Trend");
    default: return "";
    }
}

/* --- what the actions may do now ------------------------------------------ */

static void
enable (TriDeckPane *self,
        const char  *name,
        gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_actions (TriDeckPane *self)
{
  gboolean store = self->store != NULL;
  TriDeck *deck = current_deck (self);
  int index = slide_index (self, self->selected);

  enable (self, "add-view", store);
  enable (self, "add-text", store);
  enable (self, "add-compare", store);
  enable (self, "add-trend", store);
  enable (self, "add-deck", store);
  enable (self, "markings", store);
  enable (self, "rename-deck", deck != NULL);
  enable (self, "delete-deck", deck != NULL);
  enable (self, "edit-slide", index >= 0);
  enable (self, "duplicate-slide", index >= 0);
  enable (self, "delete-slide", index >= 0);
  enable (self, "move-up", index > 0);
  enable (self, "move-down", deck != NULL && index >= 0 && index + 1 < (int) deck->slides->len);

  /* the deck shown or the slide chosen changed (a rename too) */
  if (!self->told || g_strcmp0 (self->told_deck, deck != NULL ? deck->name : NULL) != 0 ||
      self->told_slide != (index >= 0 ? self->selected : 0))
    {
      self->told = TRUE;
      g_free (self->told_deck);
      self->told_deck = g_strdup (deck != NULL ? deck->name : NULL);
      self->told_slide = index >= 0 ? self->selected : 0;
      g_signal_emit (self, signals[DECK_CHANGED], 0);
    }
}

/* --- the list ------------------------------------------------------------- */

/* The slide a thumbnail's drawing area shows, or NULL */
static TriDeckSlide *
slide_of_thumb (TriDeckPane *self,
                GtkWidget   *area,
                int         *index_out)
{
  GtkWidget *row = gtk_widget_get_ancestor (area, GTK_TYPE_LIST_BOX_ROW);
  TriDeck *deck = current_deck (self);
  int index;

  if (row == NULL || deck == NULL || self->store == NULL)
    return NULL;
  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  if (index < 0 || index >= (int) deck->slides->len)
    return NULL;
  *index_out = index;
  return g_ptr_array_index (deck->slides, index);
}

/* The thumbnail drawn for this area's slide at this size, if there is one */
static cairo_surface_t *
thumb_drawn (TriDeckPane  *self,
             TriDeckSlide *slide,
             int           width,
             int           height)
{
  cairo_surface_t *surface = g_hash_table_lookup (self->thumbs, &slide->id);

  if (surface == NULL ||
      cairo_image_surface_get_width (surface) != width ||
      cairo_image_surface_get_height (surface) != height)
    return NULL;
  return surface;
}

/* Draws the thumbnails still missing, one slide per turn of the main loop
 * and only when it has nothing else to do: a slide takes tens of
 * milliseconds through the slide renderer, and the window's first frame
 * and every frame after it come first. */
static gboolean
draw_pending_thumb (gpointer data)
{
  TriDeckPane *self = data;

  while (self->thumbs_pending->len > 0)
    {
      g_autoptr(GtkWidget) area = g_ptr_array_steal_index (self->thumbs_pending, 0);
      TriDeck *deck = current_deck (self);
      int scale = gtk_widget_get_scale_factor (area);
      int width = gtk_widget_get_width (area) * scale;
      int height = gtk_widget_get_height (area) * scale;
      TriDeckSlide *slide;
      int index = -1;
      cairo_surface_t *surface;
      cairo_t *cr;

      if (!gtk_widget_get_mapped (area) || width <= 0 || height <= 0 ||
          (slide = slide_of_thumb (self, area, &index)) == NULL)
        continue;
      if (thumb_drawn (self, slide, width, height) == NULL)
        {
          TriDeckDrawOptions options = {
            .width = THUMB_DRAW_WIDTH,
            .height = THUMB_DRAW_HEIGHT,
            .dark = self->thumbs_dark,
            .lang = data_lang (self),
            .markings = &self->markings,
            .number = index + 1,
            .count = deck->slides->len,
          };

          surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
          cr = cairo_create (surface);
          cairo_scale (cr, (double) width / THUMB_DRAW_WIDTH, (double) height / THUMB_DRAW_HEIGHT);
          tri_deck_draw_slide (self->store, slide, &options, cr);
          cairo_destroy (cr);
          g_hash_table_insert (self->thumbs, g_memdup2 (&slide->id, sizeof slide->id), surface);
        }
      gtk_widget_queue_draw (area);
      if (self->thumbs_pending->len > 0)
        return G_SOURCE_CONTINUE;
    }
  self->thumbs_source = 0;
  return G_SOURCE_REMOVE;
}

static void
draw_thumb (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  TriDeckPane *self = data;
  TriDeckSlide *slide;
  cairo_surface_t *surface;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  int index = -1;

  if ((slide = slide_of_thumb (self, GTK_WIDGET (area), &index)) == NULL)
    return;

  if (self->thumbs_dark != tri_window_is_dark (window_of (self)))
    {
      g_hash_table_remove_all (self->thumbs);
      self->thumbs_dark = !self->thumbs_dark;
    }
  surface = thumb_drawn (self, slide, width * scale, height * scale);
  if (surface != NULL)
    {
      cairo_save (cr);
      cairo_scale (cr, 1.0 / scale, 1.0 / scale);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  else
    {
      /* a blank page until its drawing is ready (draw_pending_thumb ()) */
      if (self->thumbs_dark)
        cairo_set_source_rgb (cr, 0.14, 0.15, 0.17);
      else
        cairo_set_source_rgb (cr, 0.98, 0.98, 0.97);
      cairo_paint (cr);
      if (!g_ptr_array_find (self->thumbs_pending, area, NULL))
        g_ptr_array_add (self->thumbs_pending, g_object_ref (area));
      if (self->thumbs_source == 0)
        self->thumbs_source = g_idle_add_full (G_PRIORITY_LOW, draw_pending_thumb, self, NULL);
    }
  /* a hairline around it, as a page on the desk */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_stroke (cr);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 TriDeckPane   *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  TriDeck *deck = current_deck (self);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  TriDeckSlide *slide;

  if (deck == NULL || index < 0 || index >= (int) deck->slides->len)
    return NULL;
  slide = g_ptr_array_index (deck->slides, index);
  return gdk_content_provider_new_typed (G_TYPE_INT64, slide->id);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               TriDeckPane   *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static GtkWidget *
make_row (TriDeckPane        *self,
          const TriDeckSlide *slide,
          guint               number,
          guint               count)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *num = g_strdup_printf ("%u", number);
  GtkWidget *number_label = gtk_label_new (num);
  GtkWidget *thumb = gtk_drawing_area_new ();
  GtkWidget *kind = gtk_label_new (kind_label (slide->kind));
  const char *title_text = slide->title != NULL && slide->title[0] != '\0' ? slide->title : _("Untitled");
  GtkWidget *title = gtk_label_new (title_text);
  GtkDragSource *drag = gtk_drag_source_new ();
  /* Translators: how a screen reader reads a slide in the deck pane:
   * “Slide 2 of 8, View: Russia – North Korea” */
  g_autofree char *name = g_strdup_printf (_("Slide %u of %u, %s: %s"), number, count,
                                           kind_label (slide->kind), title_text);

  gtk_widget_set_valign (number_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (number_label, "numeric");
  gtk_widget_add_css_class (number_label, "dim-label");
  gtk_widget_set_size_request (number_label, 18, -1);
  gtk_label_set_xalign (GTK_LABEL (number_label), 1);
  gtk_box_append (GTK_BOX (box), number_label);

  /* the drawing, then its kind and title under it */
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (thumb), THUMB_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (thumb), THUMB_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (thumb), draw_thumb, self, NULL);
  gtk_widget_set_halign (thumb, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (text), thumb);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_widget_add_css_class (kind, "caption");
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_box_append (GTK_BOX (text), kind);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (title), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 10);
  gtk_widget_set_size_request (title, THUMB_WIDTH, -1);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 4);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (row, title_text);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  return row;
}

/* The row chosen in sight, once the list is laid out (after the
 * viewport follows the focus) */
static gboolean
scroll_to_selected (gpointer data)
{
  TriDeckPane *self = data;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), self->list, &bounds))
    {
      self->scroll_source = 0;
      self->focus_pending = FALSE;
      return G_SOURCE_REMOVE;
    }
  /* laid out, and the window active again after a dialog (which gives
   * its focus back then) */
  if ((bounds.size.height <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
       (self->focus_pending && self->window != NULL && !gtk_window_is_active (GTK_WINDOW (self->window)))) &&
      ++self->scroll_tries < 40)
    return G_SOURCE_CONTINUE;
  if (self->focus_pending)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  self->focus_pending = FALSE;
  gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
  self->scroll_source = 0;
  return G_SOURCE_REMOVE;
}

/* Selects the row of @slide (or none) without restoring its view */
static void
select_row (TriDeckPane *self,
            gint64       slide,
            gboolean     focus)
{
  int index = slide_index (self, slide);
  GtkListBoxRow *row = index >= 0 ? gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), index) : NULL;

  self->updating++;
  self->selected = row != NULL ? slide : 0;
  if (row != NULL)
    {
      gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
      if (focus)
        gtk_widget_grab_focus (GTK_WIDGET (row));
      self->scroll_tries = 0;
      if (self->scroll_source == 0)
        self->scroll_source = g_timeout_add (50, scroll_to_selected, self);
    }
  else
    gtk_list_box_unselect_all (GTK_LIST_BOX (self->list));
  self->updating--;
  update_actions (self);
}

static gboolean
list_has_focus (TriDeckPane *self)
{
  GtkRoot *root = gtk_widget_get_root (self->list);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->list || gtk_widget_is_ancestor (focus, self->list));
}

/* The slides of the deck shown, as stored */
static void
fill_list (TriDeckPane *self)
{
  TriDeck *deck = current_deck (self);
  gboolean focus = list_has_focus (self);
  GtkListBoxRow *row;
  g_autofree char *count = NULL;

  self->updating++;
  /* the focus leaves the rows before they go, or GTK moves it elsewhere */
  if (focus)
    gtk_widget_grab_focus (self->list);
  while ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), GTK_WIDGET (row));
  for (guint i = 0; deck != NULL && i < deck->slides->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list),
                         make_row (self, g_ptr_array_index (deck->slides, i), i + 1, deck->slides->len));
  self->updating--;

  if (deck != NULL)
    count = g_strdup_printf (ngettext ("%u slide", "%u slides", deck->slides->len), deck->slides->len);
  gtk_label_set_text (GTK_LABEL (self->count_label), count != NULL ? count : "");
  select_row (self, self->selected, focus);
}

static void
fill_decks (TriDeckPane *self)
{
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->deck_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; self->decks != NULL && i < self->decks->len; i++)
    {
      TriDeck *deck = g_ptr_array_index (self->decks, i);

      g_ptr_array_add (names, deck->name);
      if (deck->id == self->deck_id)
        selected = i;
    }
  if (selected == GTK_INVALID_LIST_POSITION && names->len > 0)
    {
      selected = 0;
      self->deck_id = ((TriDeck *) g_ptr_array_index (self->decks, 0))->id;
    }
  else if (names->len == 0)
    self->deck_id = 0;
  g_ptr_array_add (names, NULL);

  self->updating++;
  gtk_string_list_splice (self->deck_names, 0, n, (const char * const *) names->pdata);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->deck_dropdown), selected);
  /* no deck yet: said, not an empty chooser */
  gtk_widget_set_visible (self->deck_dropdown, names->len > 1);
  gtk_widget_set_visible (self->no_deck_label, names->len <= 1);
  self->updating--;
}

/* Everything again from the store: the decks, their slides, the markings */
static void
reload (TriDeckPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  g_autofree char *problem = NULL;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_hash_table_remove_all (self->thumbs);
  tri_markings_clear (&self->markings);
  if (self->store != NULL)
    {
      /* a deck the store refuses is said in the pane, in the reader's
       * words; the rest of the briefing is shown as usual */
      decks = tri_store_get_decks (self->store, data_lang (self), &error);
      if (decks == NULL)
        problem = g_strdup_printf (_("The decks cannot be shown: %s"), error->message);
      g_clear_error (&error);
      if (!tri_store_get_markings (self->store, &self->markings, &error) && problem == NULL)
        problem = g_strdup_printf (_("The markings cannot be shown: %s"), error->message);
    }
  gtk_label_set_text (GTK_LABEL (self->placeholder),
                      problem != NULL ? problem
                      : _("No slides yet. Press Ctrl+D to add the view shown as a slide."));
  g_clear_pointer (&self->decks, g_ptr_array_unref);
  self->decks = decks != NULL ? g_steal_pointer (&decks) : g_ptr_array_new_with_free_func ((GDestroyNotify) tri_deck_free);
  fill_decks (self);
  fill_list (self);
}

static void
on_store_changed (TriStore    *store,
                  guint        changes,
                  TriDeckPane *self)
{
  reload (self);
}

static void
set_store (TriDeckPane *self,
           TriStore    *store)
{
  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->store_changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  self->deck_id = 0;
  self->selected = 0;
  reload (self);
}

static void
on_window_store (GObject     *window,
                 GParamSpec  *pspec,
                 TriDeckPane *self)
{
  set_store (self, tri_window_get_store (TRI_WINDOW (window)));
}

static gboolean
reload_later (gpointer data)
{
  TriDeckPane *self = data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* The texts in the new language; not at once: choosing a slide may be
 * what changed it, and its row is still being chosen */
static void
on_language (TriSession  *session,
             GParamSpec  *pspec,
             TriDeckPane *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_later, self);
}

/* --- the view a slide saves, and restores ---------------------------------- */

static char *
actor_display_name (TriDeckPane *self,
                    const char  *code)
{
  g_autoptr(GPtrArray) actors = tri_store_list_actors (self->store, data_lang (self), NULL);

  for (guint i = 0; actors != NULL && i < actors->len; i++)
    {
      TriActor *actor = g_ptr_array_index (actors, i);

      if (g_str_equal (actor->code, code))
        return g_strdup (actor->name);
    }
  return g_strdup (code);
}

/* What a new slide of the view is called: what is selected, or the overview */
static char *
default_title (TriDeckPane        *self,
               const TriDeckSlide *slide)
{
  const char *lang = data_lang (self);

  switch (slide->kind)
    {
    case TRI_DECK_SLIDE_TEXT:
      /* Translators: the title a new text slide starts with */
      return g_strdup (D_(lang, "Key judgements"));
    case TRI_DECK_SLIDE_COMPARE:
      /* Translators: the title a new compare slide starts with */
      return g_strdup (D_(lang, "What changed"));
    case TRI_DECK_SLIDE_TREND:
      /* Translators: the title a new trend slide starts with */
      return g_strdup (D_(lang, "The trend"));
    default:
      break;
    }

  if (slide->event != 0)
    {
      g_autoptr(TriEvent) ev = tri_store_get_event (self->store, slide->event, lang, NULL);

      if (ev != NULL && ev->title != NULL)
        return g_strdup (ev->title);
    }
  if (slide->relation != NULL)
    {
      g_autoptr(GError) error = NULL;
      TriRelation *r = tri_store_find_relation (self->store, slide->relation, &error);

      if (r != NULL)
        {
          g_autofree char *a = actor_display_name (self, r->a);
          g_autofree char *b = actor_display_name (self, r->b);

          return g_strdup_printf ("%s – %s", a, b);
        }
    }
  if (slide->actor != NULL)
    return actor_display_name (self, slide->actor);
  /* Translators: the title of a slide of the whole triangle */
  return g_strdup (D_(lang, "Overview"));
}

static gboolean
others_shown (TriDeckPane *self)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self->window), "show-others");

  return state != NULL && g_variant_get_boolean (state);
}

/**
 * tri_deck_pane_slide_from_view:
 *
 * Returns: (transfer full): a slide of @kind that saves what the window
 *   shows: "as of", the period, the selection, the timeline's range and
 *   the other actors, in the deck's language ("follow the deck"); titled
 *   after what is selected
 */
TriDeckSlide *
tri_deck_pane_slide_from_view (TriDeckPane      *self,
                               TriDeckSlideKind  kind)
{
  TriSession *session;
  TriDeckSlide *slide;
  gint64 relation;
  int year = 0, month = 0, day = 0;

  g_return_val_if_fail (TRI_IS_DECK_PANE (self), NULL);
  g_return_val_if_fail (self->window != NULL && self->store != NULL, NULL);

  session = tri_window_get_session (window_of (self));
  slide = tri_deck_slide_new (kind);
  slide->as_of = tri_session_get_as_of (session);
  slide->window_months = tri_session_get_window_months (session);
  relation = tri_session_get_selected_relation (session);
  if (relation != 0)
    {
      TriRelation *r = tri_store_get_relation (self->store, relation);

      if (r != NULL)
        slide->relation = g_strdup (r->code);
    }
  slide->actor = g_strdup (tri_session_get_selected_actor (session));
  slide->event = tri_session_get_selected_event (session);
  tri_session_get_timeline_range (session, &slide->range_start, &slide->range_end);
  slide->show_others = others_shown (self);
  /* drawn in the language the deck is presented or exported in; the
   * slide's dialog can pin one */
  slide->lang = NULL;
  if (!tri_filter_is_empty (tri_session_get_filter (session)))
    slide->filter = tri_filter_to_string (tri_session_get_filter (session));

  /* a compare slide starts two years before, a trend over the two years
   * before "as of", by quarter */
  if (tri_day_to_ymd (slide->as_of, &year, &month, &day))
    {
      slide->compare_from = tri_day_from_ymd (year - 2, 1, 1);
      slide->trend_from = tri_day_from_ymd (year - 2, 1, 1);
    }
  slide->trend_to = slide->as_of;
  slide->trend_step = TRI_TREND_QUARTER;
  slide->trend_style = TRI_TREND_MULTIPLES;

  g_free (slide->title);
  slide->title = default_title (self, slide);
  return slide;
}

/**
 * tri_deck_pane_restore_view:
 *
 * Shows the view @slide saved, through the window's session: its data
 * language, period, other actors, filter, selection, "as of" and timeline
 * range.
 * A selection no longer in the briefing is dropped.
 */
void
tri_deck_pane_restore_view (TriDeckPane        *self,
                            const TriDeckSlide *slide)
{
  TriWindow *window;
  TriSession *session;
  g_autoptr(GVariant) others = NULL;

  g_return_if_fail (TRI_IS_DECK_PANE (self));
  g_return_if_fail (slide != NULL);

  window = window_of (self);
  if (window == NULL || self->store == NULL)
    return;
  session = tri_window_get_session (window);

  /* the language first: it reads the briefing again */
  if (slide->lang != NULL)
    tri_window_set_data_language (window, slide->lang);
  if (tri_session_find_window_choice (slide->window_months) >= 0)
    tri_session_set_window_months (session, slide->window_months);
  if (slide->show_others != others_shown (self))
    g_action_group_change_action_state (G_ACTION_GROUP (window), "show-others",
                                        g_variant_new_boolean (slide->show_others));
  /* its filter, before the selection (the chips say it); one the store
   * refused to read shows everything, as the slide does */
  {
    g_autoptr(TriFilter) filter = slide->filter != NULL ? tri_filter_parse (slide->filter, NULL) : NULL;

    if (filter == NULL)
      filter = tri_filter_new ();
    tri_session_set_filter (session, filter);
  }

  if (slide->event != 0)
    {
      g_autoptr(TriEvent) ev = tri_store_get_event (self->store, slide->event, tri_session_get_data_language (session), NULL);

      if (ev != NULL)
        tri_session_choose_event (session, ev->id, &ev->date);
      else
        tri_session_clear_selection (session);
    }
  else if (slide->relation != NULL)
    {
      TriRelation *r = tri_store_find_relation (self->store, slide->relation, NULL);

      if (r != NULL)
        tri_session_choose_relation (session, r->id);
      else
        tri_session_clear_selection (session);
    }
  else if (slide->actor != NULL)
    tri_session_choose_actor (session, slide->actor);
  else
    tri_session_clear_selection (session);

  /* after the selection, which moves "as of" to an event's day */
  tri_session_set_as_of (session, slide->as_of != 0 ? slide->as_of : tri_session_default_as_of (self->store));
  if (slide->range_end > slide->range_start)
    tri_session_set_timeline_range (session, slide->range_start, slide->range_end);
  else
    {
      /* no range saved: the range the slide is drawn with, the default
       * around its "as of", as every export of it */
      guint32 earliest, latest;
      double t0, t1;

      if (tri_store_get_extent (self->store, &earliest, &latest))
        {
          tri_timeline_default_range (earliest, latest, tri_session_get_as_of (session), &t0, &t1);
          tri_session_set_timeline_range (session, t0, t1);
        }
    }
}

/**
 * tri_deck_pane_select_slide:
 * @slide: a slide of the deck shown, or 0: none
 * @restore: whether the window shows its view
 */
void
tri_deck_pane_select_slide (TriDeckPane *self,
                            gint64       slide,
                            gboolean     restore)
{
  g_return_if_fail (TRI_IS_DECK_PANE (self));

  select_row (self, slide, FALSE);
  if (restore && selected_slide (self) != NULL)
    tri_deck_pane_restore_view (self, selected_slide (self));
}

static void
on_row_selected (GtkListBox    *list,
                 GtkListBoxRow *row,
                 TriDeckPane   *self)
{
  TriDeck *deck = current_deck (self);
  int index;

  if (self->updating > 0)
    return;
  index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  if (deck == NULL || index < 0 || index >= (int) deck->slides->len)
    {
      self->selected = 0;
      update_actions (self);
      return;
    }
  self->selected = ((TriDeckSlide *) g_ptr_array_index (deck->slides, index))->id;
  update_actions (self);
  tri_deck_pane_restore_view (self, g_ptr_array_index (deck->slides, index));
}

/* A click or Enter on the slide chosen shows its view again */
static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  TriDeckPane   *self)
{
  TriDeck *deck = current_deck (self);
  int index = gtk_list_box_row_get_index (row);

  if (self->updating > 0 || deck == NULL || index < 0 || index >= (int) deck->slides->len)
    return;
  tri_deck_pane_restore_view (self, g_ptr_array_index (deck->slides, index));
}

static void
on_deck_selected (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  TriDeckPane *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->updating > 0 || self->decks == NULL || position >= self->decks->len)
    return;
  self->deck_id = ((TriDeck *) g_ptr_array_index (self->decks, position))->id;
  self->selected = 0;
  fill_list (self);
}

/* --- editing --------------------------------------------------------------- */

/* The document, when the briefing can be edited; otherwise NULL, having
 * offered an editable copy */
static TriDocument *
editable (TriDeckPane *self)
{
  if (self->window == NULL || !tri_window_ensure_editable (window_of (self)))
    return NULL;
  return tri_window_get_document (window_of (self));
}

static void
show_error (TriDeckPane  *self,
            const char   *primary,
            const GError *error)
{
  tri_window_show_error (window_of (self), primary, error->message);
}

/* After a command: the list as stored, @slide chosen (0: none) */
static void
settle (TriDeckPane *self,
        gint64       slide)
{
  gboolean focus = list_has_focus (self);

  reload (self);
  select_row (self, slide, focus);
}

/* A dialog done: the keyboard back on the slide chosen (@window is freed) */
static void
close_dialog (TriDeckPane *self,
              GtkWidget   *window)
{
  g_object_ref (self);
  gtk_window_destroy (GTK_WINDOW (window));
  if (gtk_widget_get_visible (GTK_WIDGET (self)) && selected_slide (self) != NULL)
    {
      self->focus_pending = TRUE;
      select_row (self, self->selected, FALSE);
    }
  g_object_unref (self);
}

/* The deck new slides go to: the one shown, or a new one */
static gint64
target_deck (TriDeckPane *self,
             TriDocument *document,
             GError     **error)
{
  if (current_deck (self) != NULL)
    return self->deck_id;
  /* Translators: the name of a briefing's first deck */
  return tri_document_add_deck (document, D_(data_lang (self), "Briefing"), error);
}

/* Adds @slide after the one chosen (at the end when none), in a new deck
 * when there is none: one step to undo */
static gboolean
add_slide (TriDeckPane        *self,
           TriDocument        *document,
           const TriDeckSlide *slide,
           GError            **error)
{
  int index = slide_index (self, self->selected);
  gint64 deck, id;

  /* Translators: the name of an undoable step, as in “Undo Add Slide” */
  tri_document_begin_group (document, _("Add Slide"));
  deck = target_deck (self, document, error);
  id = deck != 0 ? tri_document_add_slide (document, deck, index >= 0 ? index + 1 : -1, slide,
                                           data_lang (self), error)
                 : 0;
  if (id == 0)
    {
      tri_document_cancel_group (document);
      return FALSE;
    }
  if (!tri_document_end_group (document, error))
    return FALSE;
  self->deck_id = deck;
  settle (self, id);
  /* the slide added is seen */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "show-pane", g_variant_new_boolean (TRUE));
  return TRUE;
}

static void
add_view_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       data)
{
  TriDeckPane *self = data;
  TriDocument *document = editable (self);
  g_autoptr(TriDeckSlide) slide = NULL;
  g_autoptr(GError) error = NULL;

  if (document == NULL)
    return;
  slide = tri_deck_pane_slide_from_view (self, TRI_DECK_SLIDE_VIEW);
  if (!add_slide (self, document, slide, &error))
    show_error (self, _("The slide could not be added"), error);
}

/* The slide dialog: add a text, compare or trend slide, or edit any */
typedef struct
{
  TriDeckPane  *pane;
  GtkWidget    *window;
  TriDeckSlide *slide;      /* the values; id 0: a new slide */
  GtkWidget    *title;
  GtkWidget    *judgement;
  GtkWidget    *body;
  GtkWidget    *from;
  GtkWidget    *to;
  GtkWidget    *step;
  GtkWidget    *style;
  GtkWidget    *notes;
  GtkWidget    *lang;       /* "Follow the deck", then the five languages */
  GtkWidget    *banner;
} SlideDialog;

static void
slide_dialog_free (gpointer data)
{
  SlideDialog *dialog = data;

  g_object_unref (dialog->pane);
  tri_deck_slide_free (dialog->slide);
  g_free (dialog);
}

static char *
text_view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
entry_text_or_null (GtkWidget *entry)
{
  char *text = tri_editor_entry_text (entry);

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* A day from a date entry: its first or its last possible day; FALSE and
 * the entry says why when it reads no date */
static gboolean
entry_day (GtkWidget *entry,
           gboolean   last,
           guint32   *day)
{
  TriDate date;

  if (!tri_date_entry_is_valid (TRI_DATE_ENTRY (entry)) ||
      !tri_date_entry_get_date (TRI_DATE_ENTRY (entry), &date))
    {
      tri_date_entry_show_message (TRI_DATE_ENTRY (entry));
      gtk_widget_grab_focus (GTK_WIDGET (tri_date_entry_get_entry (TRI_DATE_ENTRY (entry))));
      return FALSE;
    }
  *day = last ? date.latest : date.earliest;
  return TRUE;
}

static void
on_slide_save (GtkButton   *button,
               SlideDialog *dialog)
{
  TriDeckPane *self = dialog->pane;
  TriDeckSlide *slide = dialog->slide;
  TriDocument *document = self->window != NULL ? tri_window_get_document (window_of (self)) : NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (document == NULL)
    return;
  g_free (slide->title);
  slide->title = tri_editor_entry_text (dialog->title);
  g_free (slide->judgement);
  slide->judgement = entry_text_or_null (dialog->judgement);
  g_free (slide->notes);
  slide->notes = text_view_text (dialog->notes);
  {
    guint chosen = gtk_drop_down_get_selected (GTK_DROP_DOWN (dialog->lang));

    g_free (slide->lang);
    slide->lang = chosen >= 1 && chosen <= TRI_EDITOR_N_LANGS ? g_strdup (tri_editor_langs[chosen - 1].code) : NULL;
  }
  if (dialog->body != NULL)
    {
      g_free (slide->body);
      slide->body = text_view_text (dialog->body);
    }
  if (slide->kind == TRI_DECK_SLIDE_COMPARE &&
      (!entry_day (dialog->from, TRUE, &slide->compare_from) || !entry_day (dialog->to, TRUE, &slide->as_of)))
    return;
  if (slide->kind == TRI_DECK_SLIDE_TREND)
    {
      if (!entry_day (dialog->from, FALSE, &slide->trend_from) || !entry_day (dialog->to, TRUE, &slide->trend_to))
        return;
      slide->trend_step = gtk_drop_down_get_selected (GTK_DROP_DOWN (dialog->step)) == 1 ? TRI_TREND_YEAR : TRI_TREND_QUARTER;
      slide->trend_style = gtk_drop_down_get_selected (GTK_DROP_DOWN (dialog->style)) == 1 ? TRI_TREND_STRIP : TRI_TREND_MULTIPLES;
    }

  if (slide->id == 0)
    ok = add_slide (self, document, slide, &error);
  else if ((ok = tri_document_edit_slide (document, slide->id, slide, data_lang (self), &error)))
    settle (self, slide->id);
  if (!ok)
    {
      tri_editor_show_banner (dialog->banner, error->message);
      return;
    }
  close_dialog (self, dialog->window);
}

static GtkWidget *
add_field (GtkWidget  *grid,
           int         row,
           const char *mnemonic,
           GtkWidget  *field)
{
  GtkWidget *label = tri_editor_field_label (mnemonic, field);
  GtkWidget *focus = TRI_IS_DATE_ENTRY (field) ? GTK_WIDGET (tri_date_entry_get_entry (TRI_DATE_ENTRY (field))) : field;

  if (focus != field)
    {
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), focus);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
    }
  /* beside the entry, above what the date reads as */
  if (focus != field)
    {
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_set_margin_top (label, 8);
    }
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (GTK_GRID (grid), field, 1, row, 1, 1);
  return field;
}

/* A multi-line text field, named by its label */
static GtkWidget *
add_text_field (GtkWidget  *grid,
                int         row,
                const char *mnemonic,
                const char *text,
                int         height,
                GtkWidget **view_out)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *label = tri_editor_field_label (mnemonic, view);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, -1, height);
  gtk_widget_add_css_class (scrolled, "frame");
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_grid_attach (GTK_GRID (grid), scrolled, 1, row, 1, 1);
  *view_out = view;
  return view;
}

static GtkWidget *
date_field (TriDeckPane *self,
            guint32      day)
{
  GtkWidget *entry = tri_date_entry_new (data_lang (self));
  g_autofree char *iso = day != 0 ? tri_day_to_iso (day) : NULL;

  if (iso != NULL)
    tri_date_entry_set_text (TRI_DATE_ENTRY (entry), iso);
  return entry;
}

static GtkWidget *
choice_field (const char * const *choices,
              guint               selected)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (choices);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  return dropdown;
}

/* A modal window with Cancel and @save_label in its header bar */
static GtkWidget *
dialog_window (TriDeckPane *self,
               const char  *title,
               const char  *save_label,
               GtkWidget  **save_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel = tri_editor_button (_("_Cancel"));
  GtkWidget *save = tri_editor_button (save_label);
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  if (self->window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self->window));
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), save);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  gtk_window_set_default_widget (GTK_WINDOW (window), save);
  /* Escape is Cancel */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  /* Ctrl+Enter saves from anywhere, the notes too */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("default.activate")));
  gtk_widget_add_controller (window, keys);
  *save_out = save;
  return window;
}

static GtkWidget *
dialog_grid (GtkWidget  *window,
             GtkWidget **banner_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *banner = tri_editor_banner ();

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (GTK_BOX (box), banner);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_window_set_child (GTK_WINDOW (window), box);
  *banner_out = banner;
  return grid;
}

static void
open_slide_dialog (TriDeckPane  *self,
                   TriDeckSlide *slide,
                   const char   *title_hint)
{
  SlideDialog *dialog = g_new0 (SlideDialog, 1);
  GtkWidget *save, *grid;
  int row = 0;
  const char *title;
  static const char *kind_titles[] = {
    N_("Edit Slide"), N_("Add Text Slide"), N_("Add Compare Slide"), N_("Add Trend Slide"),
  };

  dialog->pane = g_object_ref (self);
  dialog->slide = slide;
  title = slide->id != 0 ? _("Edit Slide") : _(kind_titles[slide->kind]);
  dialog->window = dialog_window (self, title, slide->id != 0 ? _("_Save") : _("_Add"), &save);
  g_object_set_data_full (G_OBJECT (dialog->window), "tri-slide-dialog", dialog, slide_dialog_free);
  g_signal_connect (save, "clicked", G_CALLBACK (on_slide_save), dialog);
  grid = dialog_grid (dialog->window, &dialog->banner);

  dialog->title = add_field (grid, row++, _("_Title"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (dialog->title), slide->title != NULL ? slide->title : "");
  gtk_entry_set_activates_default (GTK_ENTRY (dialog->title), TRUE);
  if (title_hint != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (dialog->title), title_hint);
  dialog->judgement = add_field (grid, row++, _("_Key judgement"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (dialog->judgement), slide->judgement != NULL ? slide->judgement : "");
  gtk_entry_set_activates_default (GTK_ENTRY (dialog->judgement), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (dialog->judgement), _("Drawn on the slide; optional"));

  switch (slide->kind)
    {
    case TRI_DECK_SLIDE_TEXT:
      add_text_field (grid, row++, _("_Text"), slide->body, 140, &dialog->body);
      break;
    case TRI_DECK_SLIDE_COMPARE:
      dialog->from = add_field (grid, row++, _("_From"), date_field (self, slide->compare_from));
      dialog->to = add_field (grid, row++, _("_As of"), date_field (self, slide->as_of));
      break;
    case TRI_DECK_SLIDE_TREND:
      {
        const char *steps[] = { _("By quarter"), _("By year"), NULL };
        const char *styles[] = { _("Small multiples"), _("Strip chart"), NULL };

        dialog->from = add_field (grid, row++, _("_From"), date_field (self, slide->trend_from));
        dialog->to = add_field (grid, row++, _("T_o"), date_field (self, slide->trend_to));
        dialog->step = add_field (grid, row++, _("_Step"), choice_field (steps, slide->trend_step == TRI_TREND_YEAR));
        dialog->style = add_field (grid, row++, _("St_yle"), choice_field (styles, slide->trend_style == TRI_TREND_STRIP));
      }
      break;
    default:
      break;
    }
  {
    const char *langs[TRI_EDITOR_N_LANGS + 2] = { _("Follow the deck") };

    for (guint i = 0; i < TRI_EDITOR_N_LANGS; i++)
      langs[i + 1] = tri_editor_langs[i].name;
    dialog->lang = add_field (grid, row, _("Data _language"),
                              choice_field (langs, slide->lang != NULL ? tri_editor_lang_index (slide->lang) + 1 : 0));
    tri_editor_label_drop_down (dialog->lang, gtk_grid_get_child_at (GTK_GRID (grid), 0, row), NULL);
    gtk_widget_set_tooltip_text (dialog->lang, _("The language the slide is drawn in; “Follow the deck” draws it in "
                                                 "the language the deck is presented or exported in"));
    row++;
  }
  add_text_field (grid, row++, _("_Notes"), slide->notes, 120, &dialog->notes);
  gtk_widget_set_tooltip_text (dialog->notes, _("Presenter notes: shown to the presenter, never on the slide"));

  gtk_window_set_default_size (GTK_WINDOW (dialog->window), 520, -1);
  gtk_window_present (GTK_WINDOW (dialog->window));
  gtk_widget_grab_focus (dialog->title);
}

static void
add_kind (TriDeckPane      *self,
          TriDeckSlideKind  kind)
{
  if (editable (self) == NULL)
    return;
  open_slide_dialog (self, tri_deck_pane_slide_from_view (self, kind), NULL);
}

static void
add_text_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  add_kind (data, TRI_DECK_SLIDE_TEXT);
}

static void
add_compare_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  add_kind (data, TRI_DECK_SLIDE_COMPARE);
}

static void
add_trend_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  add_kind (data, TRI_DECK_SLIDE_TREND);
}

static void
edit_slide_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       data)
{
  TriDeckPane *self = data;
  TriDeckSlide *shown = selected_slide (self);
  TriDocument *document;
  g_autoptr(GError) error = NULL;
  TriDeckSlide *slide;

  if (shown == NULL || (document = editable (self)) == NULL)
    return;
  /* the texts of the data language as written in it: saving never copies
   * another language's text into it */
  slide = tri_document_get_slide (document, shown->id, data_lang (self), &error);
  if (slide == NULL)
    {
      show_error (self, _("The slide could not be read"), error);
      return;
    }
  /* with what it reads as now, from another language, as a hint */
  open_slide_dialog (self, slide, shown->title);
}

static void
duplicate_slide_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       data)
{
  TriDeckPane *self = data;
  TriDocument *document;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (selected_slide (self) == NULL || (document = editable (self)) == NULL)
    return;
  id = tri_document_duplicate_slide (document, self->selected, &error);
  if (id == 0)
    show_error (self, _("The slide could not be duplicated"), error);
  else
    settle (self, id);
}

static void
delete_slide_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       data)
{
  TriDeckPane *self = data;
  TriDocument *document;
  g_autoptr(GError) error = NULL;
  int index = slide_index (self, self->selected);
  TriDeck *deck;
  gint64 next = 0;

  if (index < 0 || (document = editable (self)) == NULL)
    return;
  /* the slide after it is chosen next, or the one before the last */
  deck = current_deck (self);
  if (deck == NULL)
    return;
  if (index + 1 < (int) deck->slides->len)
    next = ((TriDeckSlide *) g_ptr_array_index (deck->slides, index + 1))->id;
  else if (index > 0)
    next = ((TriDeckSlide *) g_ptr_array_index (deck->slides, index - 1))->id;
  if (!tri_document_delete_slide (document, self->selected, &error))
    show_error (self, _("The slide could not be deleted"), error);
  else
    settle (self, next);
}

static void
move_slide (TriDeckPane *self,
            gint64       slide,
            int          position)
{
  TriDocument *document;
  TriDeck *deck = current_deck (self);
  g_autoptr(GError) error = NULL;

  if (deck == NULL || position < 0 || position >= (int) deck->slides->len ||
      position == slide_index (self, slide) || (document = editable (self)) == NULL)
    return;
  if (!tri_document_move_slide (document, slide, position, &error))
    show_error (self, _("The slide could not be moved"), error);
  else
    settle (self, slide);
}

static void
move_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       data)
{
  TriDeckPane *self = data;
  int index = slide_index (self, self->selected);

  if (index >= 0)
    move_slide (self, self->selected,
                index + (g_str_equal (g_action_get_name (G_ACTION (action)), "move-up") ? -1 : 1));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TriDeckPane   *self)
{
  gint64 slide = g_value_get_int64 (value);
  int from = slide_index (self, slide);
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (GTK_LIST_BOX (self->list), y);
  TriDeck *deck = current_deck (self);
  int to;

  if (from < 0 || deck == NULL)
    return FALSE;
  if (row == NULL)
    to = y < 0 ? 0 : deck->slides->len;
  else
    {
      graphene_rect_t bounds;

      to = gtk_list_box_row_get_index (row);
      /* the lower half of a row: after it */
      if (gtk_widget_compute_bounds (GTK_WIDGET (row), self->list, &bounds) &&
          y > bounds.origin.y + bounds.size.height / 2)
        to++;
    }
  /* the place among the others, once it is taken out */
  if (to > from)
    to--;
  move_slide (self, slide, MIN (to, (int) deck->slides->len - 1));
  return TRUE;
}

/* The name of a deck: add or rename */
typedef struct
{
  TriDeckPane *pane;
  GtkWidget   *window;
  GtkWidget   *name;
  GtkWidget   *banner;
  gint64       deck;      /* 0: a new deck */
} DeckDialog;

static void
deck_dialog_free (gpointer data)
{
  DeckDialog *dialog = data;

  g_object_unref (dialog->pane);
  g_free (dialog);
}

static void
on_deck_save (GtkButton  *button,
              DeckDialog *dialog)
{
  TriDeckPane *self = dialog->pane;
  TriDocument *document = self->window != NULL ? tri_window_get_document (window_of (self)) : NULL;
  g_autofree char *name = tri_editor_entry_text (dialog->name);
  g_autoptr(GError) error = NULL;
  gint64 deck = dialog->deck;

  if (document == NULL)
    return;
  if (deck == 0)
    deck = tri_document_add_deck (document, name, &error);
  else if (!tri_document_rename_deck (document, deck, name, &error))
    deck = 0;
  if (deck == 0)
    {
      tri_editor_show_banner (dialog->banner, error->message);
      return;
    }
  if (dialog->deck == 0)
    {
      self->deck_id = deck;
      self->selected = 0;
    }
  settle (self, self->selected);
  close_dialog (self, dialog->window);
}

static void
open_deck_dialog (TriDeckPane *self,
                  TriDeck     *deck)
{
  DeckDialog *dialog = g_new0 (DeckDialog, 1);
  GtkWidget *save, *grid;

  dialog->pane = g_object_ref (self);
  dialog->deck = deck != NULL ? deck->id : 0;
  dialog->window = dialog_window (self, deck != NULL ? _("Rename Deck") : _("Add Deck"),
                                  deck != NULL ? _("_Rename") : _("_Add"), &save);
  g_object_set_data_full (G_OBJECT (dialog->window), "tri-deck-dialog", dialog, deck_dialog_free);
  g_signal_connect (save, "clicked", G_CALLBACK (on_deck_save), dialog);
  grid = dialog_grid (dialog->window, &dialog->banner);
  dialog->name = add_field (grid, 0, _("_Name"), gtk_entry_new ());
  gtk_entry_set_activates_default (GTK_ENTRY (dialog->name), TRUE);
  if (deck != NULL)
    gtk_editable_set_text (GTK_EDITABLE (dialog->name), deck->name);
  gtk_window_set_default_size (GTK_WINDOW (dialog->window), 380, -1);
  gtk_window_present (GTK_WINDOW (dialog->window));
  gtk_widget_grab_focus (dialog->name);
}

static void
add_deck_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  if (editable (data) != NULL)
    open_deck_dialog (data, NULL);
}

static void
rename_deck_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  TriDeckPane *self = data;

  if (current_deck (self) != NULL && editable (self) != NULL)
    open_deck_dialog (self, current_deck (self));
}

static void
delete_deck_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       data)
{
  TriDeckPane *self = data;
  TriDocument *document;
  g_autoptr(GError) error = NULL;

  if (current_deck (self) == NULL || (document = editable (self)) == NULL)
    return;
  /* undoable, as every edit: no question first */
  if (!tri_document_delete_deck (document, self->deck_id, &error))
    show_error (self, _("The deck could not be deleted"), error);
  else
    {
      self->deck_id = 0;
      settle (self, 0);
    }
}

/* The markings of the briefing */
typedef struct
{
  TriDeckPane *pane;
  GtkWidget   *window;
  GtkWidget   *marking;
  GtkWidget   *author;
  GtkWidget   *prepared;
  GtkWidget   *version;
  GtkWidget   *banner;
} MarkingsDialog;

static void
markings_dialog_free (gpointer data)
{
  MarkingsDialog *dialog = data;

  g_object_unref (dialog->pane);
  g_free (dialog);
}

static void
on_markings_save (GtkButton      *button,
                  MarkingsDialog *dialog)
{
  TriDeckPane *self = dialog->pane;
  TriDocument *document = self->window != NULL ? tri_window_get_document (window_of (self)) : NULL;
  g_auto(TriMarkings) markings = { NULL, };
  g_autoptr(GError) error = NULL;
  const char *prepared = tri_date_entry_get_text (TRI_DATE_ENTRY (dialog->prepared));

  if (document == NULL)
    return;
  /* the date as the user wrote it, once it reads as a date */
  if (prepared != NULL && prepared[0] != '\0' && !tri_date_entry_is_valid (TRI_DATE_ENTRY (dialog->prepared)))
    {
      tri_date_entry_show_message (TRI_DATE_ENTRY (dialog->prepared));
      return;
    }
  markings.marking = entry_text_or_null (dialog->marking);
  markings.author = entry_text_or_null (dialog->author);
  markings.prepared = prepared != NULL && prepared[0] != '\0' ? g_strstrip (g_strdup (prepared)) : NULL;
  markings.version = entry_text_or_null (dialog->version);
  if (!tri_document_set_markings (document, &markings, &error))
    {
      tri_editor_show_banner (dialog->banner, error->message);
      return;
    }
  settle (self, self->selected);
  close_dialog (self, dialog->window);
}

static GtkWidget *
text_entry (const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  return entry;
}

static void
markings_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       data)
{
  TriDeckPane *self = data;
  MarkingsDialog *dialog;
  GtkWidget *save, *grid;

  if (editable (self) == NULL)
    return;
  dialog = g_new0 (MarkingsDialog, 1);
  dialog->pane = g_object_ref (self);
  dialog->window = dialog_window (self, _("Markings"), _("_Save"), &save);
  g_object_set_data_full (G_OBJECT (dialog->window), "tri-markings-dialog", dialog, markings_dialog_free);
  g_signal_connect (save, "clicked", G_CALLBACK (on_markings_save), dialog);
  grid = dialog_grid (dialog->window, &dialog->banner);
  dialog->marking = add_field (grid, 0, _("_Classification line"), text_entry (self->markings.marking));
  gtk_entry_set_placeholder_text (GTK_ENTRY (dialog->marking), _("e.g. UNCLASSIFIED // FOR TRAINING"));
  dialog->author = add_field (grid, 1, _("_Author"), text_entry (self->markings.author));
  dialog->prepared = add_field (grid, 2, _("_Date prepared"), tri_date_entry_new (data_lang (self)));
  if (self->markings.prepared != NULL)
    tri_date_entry_set_text (TRI_DATE_ENTRY (dialog->prepared), self->markings.prepared);
  dialog->version = add_field (grid, 3, _("_Version"), text_entry (self->markings.version));
  gtk_grid_attach (GTK_GRID (grid),
                   tri_editor_hint (_("Drawn on every slide and exported page: the classification line at top and bottom, the rest in the footer.")),
                   0, 4, 2, 1);
  gtk_window_set_default_size (GTK_WINDOW (dialog->window), 480, -1);
  gtk_window_present (GTK_WINDOW (dialog->window));
  gtk_widget_grab_focus (dialog->marking);
}

/* --- showing the pane ------------------------------------------------------ */

static void
on_show_pane (GSimpleAction *action,
              GVariant      *value,
              gpointer       data)
{
  TriDeckPane *self = data;
  gboolean on = g_variant_get_boolean (value);

  g_simple_action_set_state (action, value);
  gtk_widget_set_visible (GTK_WIDGET (self), on);
  if (self->settings != NULL && g_settings_get_boolean (self->settings, "deck-pane-visible") != on)
    g_settings_set_boolean (self->settings, "deck-pane-visible", on);
  if (on && self->window != NULL && gtk_widget_get_mapped (self->window))
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));

      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
      else
        gtk_widget_child_focus (self->list, GTK_DIR_TAB_FORWARD);
    }
}

static const GActionEntry actions[] = {
  { "show-pane", NULL, NULL, "false", on_show_pane },
  { "add-view", add_view_action },
  { "add-text", add_text_action },
  { "add-compare", add_compare_action },
  { "add-trend", add_trend_action },
  { "edit-slide", edit_slide_action },
  { "duplicate-slide", duplicate_slide_action },
  { "delete-slide", delete_slide_action },
  { "move-up", move_action },
  { "move-down", move_action },
  { "add-deck", add_deck_action },
  { "rename-deck", rename_deck_action },
  { "delete-deck", delete_deck_action },
  { "markings", markings_action },
};

static void
add_shortcut (GtkEventController *controller,
              guint               keyval,
              GdkModifierType     mods,
              const char         *action)
{
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, mods),
                                                          gtk_named_action_new (action)));
}

/* Tab and Shift+Tab leave the slides (a list box would walk its rows,
 * choosing each and showing its view): the arrows move within them */
static gboolean
leave_list (GtkWidget *list,
            GVariant  *args,
            gpointer   data)
{
  TriDeckPane *self = data;
  gboolean forward = g_variant_get_boolean (args);

  if (forward)
    return gtk_widget_child_focus (self->tools, GTK_DIR_TAB_FORWARD);
  return gtk_widget_child_focus (self->header, GTK_DIR_TAB_BACKWARD);
}

/**
 * tri_deck_pane_attach:
 * @window: the TriWindow the pane is in
 *
 * The pane follows the window's briefing and session, and its actions
 * ("deck.add-view", …, "deck.show-pane", "deck.markings") and shortcuts
 * (Ctrl+D, F9) are the window's.
 */
void
tri_deck_pane_attach (TriDeckPane *self,
                      GtkWidget   *window)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  gboolean visible = FALSE;

  g_return_if_fail (TRI_IS_DECK_PANE (self));
  g_return_if_fail (TRI_IS_WINDOW (window));

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  gtk_widget_insert_action_group (window, "deck", G_ACTION_GROUP (self->actions));
  g_signal_connect_object (window, "notify::store", G_CALLBACK (on_window_store), self, 0);
  g_signal_connect_object (tri_window_get_session (TRI_WINDOW (window)), "notify::data-language",
                           G_CALLBACK (on_language), self, 0);

  /* anywhere in the window */
  add_shortcut (keys, GDK_KEY_d, GDK_CONTROL_MASK, "deck.add-view");
  add_shortcut (keys, GDK_KEY_F9, 0, "deck.show-pane");
  gtk_widget_add_controller (window, keys);

  /* remembered where the window remembers its size */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "deck-pane-visible"))
    {
      self->settings = g_settings_new (APP_ID);
      visible = g_settings_get_boolean (self->settings, "deck-pane-visible");
    }
  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "show-pane", g_variant_new_boolean (visible));
  gtk_widget_set_visible (GTK_WIDGET (self), visible);
  set_store (self, tri_window_get_store (TRI_WINDOW (window)));
}

/* --- the widget ------------------------------------------------------------ */

static GtkWidget *
icon_button (const char *icon,
             const char *action,
             const char *name,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
menu_button (const char *icon,
             GMenuModel *menu,
             const char *name)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), icon);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
tri_deck_pane_dispose (GObject *object)
{
  TriDeckPane *self = TRI_DECK_PANE (object);
  GtkWidget *child;

  if (self->window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_handle_id (&self->thumbs_source, g_source_remove);
  g_ptr_array_set_size (self->thumbs_pending, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (tri_deck_pane_parent_class)->dispose (object);
}

static void
tri_deck_pane_finalize (GObject *object)
{
  TriDeckPane *self = TRI_DECK_PANE (object);

  g_clear_pointer (&self->decks, g_ptr_array_unref);
  g_clear_pointer (&self->thumbs, g_hash_table_unref);
  g_clear_pointer (&self->thumbs_pending, g_ptr_array_unref);
  g_clear_pointer (&self->told_deck, g_free);
  tri_markings_clear (&self->markings);
  g_clear_object (&self->actions);
  G_OBJECT_CLASS (tri_deck_pane_parent_class)->finalize (object);
}

static void
tri_deck_pane_class_init (TriDeckPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tri_deck_pane_dispose;
  object_class->finalize = tri_deck_pane_finalize;
  /**
   * TriDeckPane::deck-changed:
   *
   * The deck shown (tri_deck_pane_get_deck (), NULL: none) or the slide
   * chosen in it (tri_deck_pane_get_selected_slide ()) changed: what
   * presenting a deck starts from.
   */
  signals[DECK_CHANGED] = g_signal_new ("deck-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "decks");
}

static void
tri_deck_pane_init (TriDeckPane *self)
{
  GtkWidget *header = self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *deck_label = gtk_label_new_with_mnemonic (_("_Deck"));
  GtkWidget *scrolled = self->scrolled = gtk_scrolled_window_new ();
  GtkWidget *tools = self->tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_autoptr(GMenu) deck_menu = g_menu_new ();
  g_autoptr(GMenu) add_menu = g_menu_new ();

  self->thumbs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) cairo_surface_destroy);
  self->thumbs_pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "deck", G_ACTION_GROUP (self->actions));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_HORIZONTAL);
  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (self->content, 228, -1);
  gtk_widget_set_hexpand (self->content, FALSE);
  gtk_widget_set_parent (self->content, GTK_WIDGET (self));
  gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_VERTICAL), GTK_WIDGET (self));

  /* the deck chooser and what can be done with decks */
  self->deck_names = gtk_string_list_new (NULL);
  self->deck_dropdown = gtk_drop_down_new (G_LIST_MODEL (self->deck_names), NULL);
  gtk_widget_set_hexpand (self->deck_dropdown, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (deck_label), self->deck_dropdown);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->deck_dropdown), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  deck_label, NULL, -1);
  tri_editor_label_drop_down (self->deck_dropdown, deck_label, NULL);
  g_signal_connect (self->deck_dropdown, "notify::selected", G_CALLBACK (on_deck_selected), self);
  gtk_widget_add_css_class (deck_label, "heading");
  gtk_box_append (GTK_BOX (header), deck_label);
  gtk_box_append (GTK_BOX (header), self->deck_dropdown);
  self->no_deck_label = gtk_label_new (_("No deck yet"));
  gtk_widget_add_css_class (self->no_deck_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->no_deck_label), 0);
  gtk_widget_set_hexpand (self->no_deck_label, TRUE);
  gtk_box_append (GTK_BOX (header), self->no_deck_label);
  g_menu_append (deck_menu, _("_Add Deck…"), "deck.add-deck");
  g_menu_append (deck_menu, _("_Rename Deck…"), "deck.rename-deck");
  g_menu_append (deck_menu, _("_Delete Deck"), "deck.delete-deck");
  g_menu_append (deck_menu, _("_Export Deck…"), "win.export-deck");
  gtk_box_append (GTK_BOX (header), menu_button ("view-more-symbolic", G_MENU_MODEL (deck_menu), _("Deck Menu")));
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_start (header, 8);
  gtk_widget_set_margin_end (header, 6);
  gtk_box_append (GTK_BOX (self->content), header);

  /* the slides */
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Slides"), -1);
  self->placeholder = gtk_label_new (_("No slides yet. Press Ctrl+D to add the view shown as a slide."));
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->placeholder), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_set_margin_top (self->placeholder, 24);
  gtk_widget_set_margin_start (self->placeholder, 12);
  gtk_widget_set_margin_end (self->placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), self->placeholder);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (self->list, GTK_EVENT_CONTROLLER (drop));

  /* the list's own keys, before the window's (its Delete deletes an event) */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  add_shortcut (keys, GDK_KEY_Up, GDK_ALT_MASK, "deck.move-up");
  add_shortcut (keys, GDK_KEY_KP_Up, GDK_ALT_MASK, "deck.move-up");
  add_shortcut (keys, GDK_KEY_Down, GDK_ALT_MASK, "deck.move-down");
  add_shortcut (keys, GDK_KEY_KP_Down, GDK_ALT_MASK, "deck.move-down");
  add_shortcut (keys, GDK_KEY_Delete, 0, "deck.delete-slide");
  add_shortcut (keys, GDK_KEY_KP_Delete, 0, "deck.delete-slide");
  add_shortcut (keys, GDK_KEY_F2, 0, "deck.edit-slide");
  add_shortcut (keys, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "deck.duplicate-slide");
  add_shortcut (keys, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "deck.duplicate-slide");
  {
    struct { guint keyval; GdkModifierType mods; gboolean forward; } tabs[] = {
      { GDK_KEY_Tab, 0, TRUE }, { GDK_KEY_KP_Tab, 0, TRUE },
      { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, FALSE }, { GDK_KEY_Tab, GDK_SHIFT_MASK, FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
      {
        GtkShortcut *tab = gtk_shortcut_new (gtk_keyval_trigger_new (tabs[i].keyval, tabs[i].mods),
                                             gtk_callback_action_new (leave_list, self, NULL));

        gtk_shortcut_set_arguments (tab, g_variant_new_boolean (tabs[i].forward));
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), tab);
      }
  }
  gtk_widget_add_controller (self->list, keys);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->content), scrolled);

  /* what can be done with the slide chosen */
  g_menu_append (add_menu, _("Add the _View Shown"), "deck.add-view");
  g_menu_append (add_menu, _("Add a _Text Slide…"), "deck.add-text");
  g_menu_append (add_menu, _("Add a _Compare Slide…"), "deck.add-compare");
  g_menu_append (add_menu, _("Add a T_rend Slide…"), "deck.add-trend");
  gtk_box_append (GTK_BOX (tools), menu_button ("list-add-symbolic", G_MENU_MODEL (add_menu), _("Add Slide")));
  gtk_box_append (GTK_BOX (tools), icon_button ("go-up-symbolic", "deck.move-up", _("Move Slide Up"),
                                                _("Move the slide up (Alt+Up)")));
  gtk_box_append (GTK_BOX (tools), icon_button ("go-down-symbolic", "deck.move-down", _("Move Slide Down"),
                                                _("Move the slide down (Alt+Down)")));
  gtk_box_append (GTK_BOX (tools), icon_button ("edit-copy-symbolic", "deck.duplicate-slide", _("Duplicate Slide"),
                                                _("Duplicate the slide (Ctrl+Shift+D)")));
  gtk_box_append (GTK_BOX (tools), icon_button ("document-edit-symbolic", "deck.edit-slide", _("Edit Slide"),
                                                _("Edit the title, key judgement and notes (F2)")));
  gtk_box_append (GTK_BOX (tools), icon_button ("user-trash-symbolic", "deck.delete-slide", _("Delete Slide"),
                                                _("Delete the slide (Delete)")));
  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_widget_add_css_class (self->count_label, "caption");
  gtk_widget_set_hexpand (self->count_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->count_label), 1);
  gtk_box_append (GTK_BOX (tools), self->count_label);
  gtk_widget_set_margin_bottom (tools, 6);
  gtk_widget_set_margin_start (tools, 6);
  gtk_widget_set_margin_end (tools, 8);
  gtk_box_append (GTK_BOX (self->content), tools);

  self->decks = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_deck_free);
  update_actions (self);
}
