/* tri-deck-presenter.c: presenting a deck, full screen, with the
 * presenter console
 *
 * The audience sees each slide drawn by tri_deck_draw_slide () at the
 * size of its monitor: the same drawing the deck exports write. The
 * presenter sees the console: the current and the next slide, the notes
 * in large type, "Slide 3 of 12" and the time since the presentation
 * began. With two or more monitors the console is a window of its own on
 * the monitor the briefing window is on, and the slides go full screen on
 * another; with one monitor the slides take the screen and P shows the
 * console in their place (and P again hides it).
 *
 * The keys are the clicker's, as in presentation mode: Right, Down, Page
 * Down, Space and Enter go forward; Left, Up, Page Up and Backspace go
 * back; Home and End go to the first and the last slide; a number and
 * Enter go to that slide; L shows the deck in the next data language; Esc
 * ends the presentation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-deck-presenter"

#include "config.h"

#include <glib/gi18n.h>

#include "export/tri-deck-draw.h"
#include "store/tri-deck.h"
#include "tri-deck-presenter.h"

static const char * const presenter_languages[] = { "en", "vi", "ru", "zh_CN", "ko" };

struct _TriDeckPresenter
{
  GObject        parent_instance;

  GtkWindow     *parent;          /* weak */
  TriStore      *store;
  TriDeck       *deck;
  TriMarkings    markings;
  char          *lang;
  gboolean       dark;

  gboolean       running;
  guint          index;
  GString       *typed;           /* the digits of a slide number being typed */
  guint          typed_source;    /* forgets them after a pause */

  GtkWindow     *slide_window;
  GtkStack      *stack;           /* "slide", and with one monitor "console" */
  GtkWidget     *slide_area;
  GtkLabel      *typed_label;     /* over the slide while a number is typed */
  GdkMonitor    *audience_monitor;
  GdkMonitor    *presenter_monitor;

  GtkWindow     *console_window;  /* with two or more monitors */
  GtkWidget     *console;
  GtkWidget     *current_area;
  GtkWidget     *next_area;
  GtkLabel      *position_label;
  GtkLabel      *typed_console;
  GtkLabel      *elapsed_label;
  GtkLabel      *next_caption;
  GtkLabel      *notes_label;
  GtkButton     *pause_button;
  gboolean       console_visible;

  gint64         started;         /* monotonic µs when the clock last ran */
  gint64         elapsed;         /* µs counted before that */
  gboolean       paused;
  guint          tick_source;
};

G_DEFINE_FINAL_TYPE (TriDeckPresenter, tri_deck_presenter, G_TYPE_OBJECT)

enum {
  SIGNAL_SLIDE_CHANGED,
  SIGNAL_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update (TriDeckPresenter *self);

static guint
n_slides (TriDeckPresenter *self)
{
  return self->deck != NULL ? self->deck->slides->len : 0;
}

static const TriDeckSlide *
slide_at (TriDeckPresenter *self,
          guint             index)
{
  return index < n_slides (self) ? g_ptr_array_index (self->deck->slides, index) : NULL;
}

static void
load_style (void)
{
  static gboolean loaded;
  GtkCssProvider *css;

  if (loaded || gdk_display_get_default () == NULL)
    return;
  loaded = TRUE;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (css,
    ".tri-deck-slides { background-color: black; }\n"
    ".tri-presenter-console { background-color: #1c1c1c; color: #f0f0f0; padding: 12px 18px 18px 18px; }\n"
    ".tri-presenter-console .position { font-size: 26px; font-weight: bold; }\n"
    ".tri-presenter-console .elapsed { font-size: 26px; font-weight: bold; font-feature-settings: \"tnum\"; }\n"
    ".tri-presenter-console .caption { font-size: 16px; color: #c8c8c8; }\n"
    ".tri-presenter-console .notes { font-size: 30px; }\n"
    ".tri-presenter-console .typed { font-size: 26px; color: #ffd75e; }\n"
    ".tri-presenter-console scrolledwindow { background-color: #262626; border-radius: 6px; }\n"
    ".tri-deck-typed { font-size: 40px; padding: 12px 24px; border-radius: 10px; }\n", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (css);
}

/* The size the audience sees: the slide window's, once it has one, else
 * its monitor's */
static void
audience_size (TriDeckPresenter *self,
               int              *width,
               int              *height)
{
  GdkRectangle geometry = { 0, 0, 1920, 1080 };

  if (self->slide_area != NULL && gtk_widget_get_width (self->slide_area) >= 64 &&
      gtk_widget_get_height (self->slide_area) >= 64 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "slide") == 0)
    {
      *width = gtk_widget_get_width (self->slide_area);
      *height = gtk_widget_get_height (self->slide_area);
      return;
    }
  if (self->audience_monitor != NULL)
    gdk_monitor_get_geometry (self->audience_monitor, &geometry);
  *width = MAX (geometry.width, 64);
  *height = MAX (geometry.height, 64);
}

void
tri_deck_presenter_draw_slide (TriDeckPresenter *self,
                               guint             index,
                               cairo_t          *cr,
                               int               width,
                               int               height)
{
  const TriDeckSlide *slide = slide_at (self, index);
  TriDeckDrawOptions options = {
    .width = width,
    .height = height,
    .dark = self->dark,
    .lang = self->lang,
    .markings = tri_markings_is_empty (&self->markings) ? NULL : &self->markings,
    .number = index + 1,
    .count = n_slides (self),
  };

  g_return_if_fail (TRI_IS_DECK_PRESENTER (self));
  if (slide == NULL || width < 16 || height < 16)
    return;
  cairo_save (cr);
  tri_deck_draw_slide (self->store, slide, &options, cr);
  cairo_restore (cr);
}

/* The audience's slide, at the size of the screen */
static void
draw_audience (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  TriDeckPresenter *self = data;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  tri_deck_presenter_draw_slide (self, self->index, cr, width, height);
}

/* The console's current (offset 0) or next (1) slide: what the audience
 * sees, scaled down into the area */
static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  TriDeckPresenter *self = data;
  guint index = self->index + GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "offset"));
  int aw, ah;
  double scale, x, y;

  if (slide_at (self, index) == NULL)
    return;
  audience_size (self, &aw, &ah);
  scale = MIN ((double) width / aw, (double) height / ah);
  x = floor ((width - aw * scale) / 2);
  y = floor ((height - ah * scale) / 2);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, aw, ah);
  cairo_clip (cr);
  tri_deck_presenter_draw_slide (self, index, cr, aw, ah);
  cairo_restore (cr);
  /* the slide's edge, on the console's dark ground */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x + 0.5, y + 0.5, aw * scale - 1, ah * scale - 1);
  cairo_stroke (cr);
}

char *
tri_deck_presenter_describe_slide (TriDeckPresenter *self,
                                   guint             index)
{
  const TriDeckSlide *slide;

  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), NULL);
  slide = slide_at (self, index);
  if (slide == NULL)
    return NULL;
  if (slide->title == NULL || slide->title[0] == '\0')
    /* Translators: what a screen reader says of the slide shown, e.g. "Slide 3 of 12" */
    return g_strdup_printf (_("Slide %u of %u"), index + 1, n_slides (self));
  /* Translators: what a screen reader says of the slide shown, e.g. "Slide 3 of 12: The June 2024 treaty" */
  return g_strdup_printf (_("Slide %u of %u: %s"), index + 1, n_slides (self), slide->title);
}

static char *
format_elapsed (gint64 us)
{
  gint64 s = us / G_USEC_PER_SEC;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
  return g_strdup_printf ("%d:%02d", (int) (s / 60), (int) (s % 60));
}

static gint64
elapsed_now (TriDeckPresenter *self)
{
  if (self->paused || self->started == 0)
    return self->elapsed;
  return self->elapsed + (g_get_monotonic_time () - self->started);
}

static void
update_elapsed (TriDeckPresenter *self)
{
  g_autofree char *text = format_elapsed (elapsed_now (self));
  g_autofree char *spoken = NULL;

  if (self->elapsed_label == NULL)
    return;
  gtk_label_set_text (self->elapsed_label, text);
  /* Translators: the presenter console's clock, read by a screen reader, e.g. "Elapsed time: 4:12" */
  spoken = g_strdup_printf (_("Elapsed time: %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->elapsed_label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static gboolean
tick (gpointer data)
{
  update_elapsed (data);
  return G_SOURCE_CONTINUE;
}

static void
update_typed (TriDeckPresenter *self)
{
  gboolean typing = self->typed->len > 0;
  g_autofree char *text = NULL;

  /* Translators: shown while the presenter types a slide number to go to, e.g. "Go to slide 7" */
  text = typing ? g_strdup_printf (_("Go to slide %s"), self->typed->str) : g_strdup ("");
  if (self->typed_label != NULL)
    {
      gtk_label_set_text (self->typed_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->typed_label), typing);
    }
  if (self->typed_console != NULL)
    gtk_label_set_text (self->typed_console, text);
}

static void
update (TriDeckPresenter *self)
{
  const TriDeckSlide *slide = slide_at (self, self->index);
  const TriDeckSlide *next = slide_at (self, self->index + 1);
  g_autofree char *described = tri_deck_presenter_describe_slide (self, self->index);
  g_autofree char *position = NULL;

  if (slide == NULL || self->slide_area == NULL)
    return;
  /* what a screen reader says of the slide shown: "Slide 3 of 12: Title" */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->slide_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, described,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, slide->judgement ? slide->judgement : "",
                                  -1);
  gtk_widget_queue_draw (self->slide_area);

  /* Translators: the presenter console's position, e.g. "Slide 3 of 12" */
  position = g_strdup_printf (_("Slide %u of %u"), self->index + 1, n_slides (self));
  gtk_label_set_text (self->position_label, position);
  {
    /* Translators: the name of the console's picture of the slide shown, e.g. "Current slide: Slide 3 of 12: Title" */
    g_autofree char *current = g_strdup_printf (_("Current slide: %s"), described);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->current_area), GTK_ACCESSIBLE_PROPERTY_LABEL, current, -1);
  }
  if (next != NULL)
    {
      g_autofree char *next_described = tri_deck_presenter_describe_slide (self, self->index + 1);
      /* Translators: the name of the console's picture of the slide that comes next */
      g_autofree char *label = g_strdup_printf (_("Next slide: %s"), next_described);

      gtk_label_set_text (self->next_caption, _("Next"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  else
    {
      gtk_label_set_text (self->next_caption, _("Next: the end of the deck"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Next slide: none, this is the last slide"), -1);
    }
  if (slide->notes != NULL && slide->notes[0] != '\0')
    {
      gtk_label_set_text (self->notes_label, slide->notes);
      gtk_widget_remove_css_class (GTK_WIDGET (self->notes_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->notes_label, _("No notes for this slide."));
      gtk_widget_add_css_class (GTK_WIDGET (self->notes_label), "dim-label");
    }
  gtk_widget_queue_draw (self->current_area);
  gtk_widget_queue_draw (self->next_area);
}

void
tri_deck_presenter_go_to (TriDeckPresenter *self,
                          guint             index)
{
  g_return_if_fail (TRI_IS_DECK_PRESENTER (self));

  if (n_slides (self) == 0)
    return;
  index = MIN (index, n_slides (self) - 1);
  if (index == self->index)
    return;
  self->index = index;
  update (self);
  g_signal_emit (self, signals[SIGNAL_SLIDE_CHANGED], 0, index);
}

static void
step (TriDeckPresenter *self,
      int               delta)
{
  if (delta < 0 && self->index == 0)
    return;
  tri_deck_presenter_go_to (self, (guint) ((int) self->index + delta));
}

static void
clear_typed (TriDeckPresenter *self)
{
  g_clear_handle_id (&self->typed_source, g_source_remove);
  g_string_truncate (self->typed, 0);
  update_typed (self);
}

static gboolean
forget_typed (gpointer data)
{
  TriDeckPresenter *self = data;

  self->typed_source = 0;
  clear_typed (self);
  return G_SOURCE_REMOVE;
}

/* The deck again, in the next data language */
static void
next_language (TriDeckPresenter *self)
{
  guint i = 0;
  g_autoptr(GError) error = NULL;
  TriDeck *deck;

  while (i < G_N_ELEMENTS (presenter_languages) && g_strcmp0 (presenter_languages[i], self->lang) != 0)
    i++;
  i = (i + 1) % G_N_ELEMENTS (presenter_languages);
  deck = tri_store_get_deck (self->store, self->deck->name, presenter_languages[i], &error);
  if (deck == NULL || deck->slides->len == 0)
    {
      /* a failed read keeps the slides as they are */
      g_warning ("The deck could not be read in %s: %s", presenter_languages[i], error ? error->message : "no slides");
      g_clear_pointer (&deck, tri_deck_free);
      return;
    }
  g_clear_pointer (&self->deck, tri_deck_free);
  self->deck = deck;
  g_free (self->lang);
  self->lang = g_strdup (presenter_languages[i]);
  self->index = MIN (self->index, n_slides (self) - 1);
  update (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TriDeckPresenter      *self)
{
  guint digit;

  if (!self->running)
    return FALSE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  if ((keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9) || (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9))
    {
      digit = keyval >= GDK_KEY_KP_0 ? keyval - GDK_KEY_KP_0 : keyval - GDK_KEY_0;
      if (self->typed->len < 4 && !(self->typed->len == 0 && digit == 0))
        g_string_append_c (self->typed, (char) ('0' + digit));
      update_typed (self);
      g_clear_handle_id (&self->typed_source, g_source_remove);
      self->typed_source = g_timeout_add_seconds (4, forget_typed, self);
      return TRUE;
    }

  /* a console button reached with Tab takes Enter and Space */
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space) && self->typed->len == 0)
    {
      GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (gtk_widget_get_root (widget)));

      if (focus != NULL && GTK_IS_BUTTON (focus) && gtk_widget_get_mapped (focus))
        return FALSE;
    }

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (self->typed->len > 0)
        {
          guint number = (guint) g_ascii_strtoull (self->typed->str, NULL, 10);

          clear_typed (self);
          tri_deck_presenter_go_to (self, MAX (number, 1) - 1);
        }
      else
        step (self, 1);
      return TRUE;
    case GDK_KEY_BackSpace:
      if (self->typed->len > 0)
        {
          g_string_truncate (self->typed, self->typed->len - 1);
          update_typed (self);
        }
      else
        step (self, -1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
      clear_typed (self);
      step (self, 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      clear_typed (self);
      step (self, -1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      clear_typed (self);
      tri_deck_presenter_go_to (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      clear_typed (self);
      tri_deck_presenter_go_to (self, n_slides (self) - 1);
      return TRUE;
    case GDK_KEY_p:
    case GDK_KEY_P:
      tri_deck_presenter_set_console_visible (self, !self->console_visible);
      return TRUE;
    case GDK_KEY_l:
    case GDK_KEY_L:
      next_language (self);
      return TRUE;
    case GDK_KEY_Escape:
      tri_deck_presenter_stop (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
add_keys (TriDeckPresenter *self,
          GtkWidget        *widget)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, keys);
}

static void
on_previous (GtkButton *button, TriDeckPresenter *self) { step (self, -1); }
static void
on_next (GtkButton *button, TriDeckPresenter *self) { step (self, 1); }
static void
on_end (GtkButton *button, TriDeckPresenter *self) { tri_deck_presenter_stop (self); }

static void
on_pause (GtkButton        *button,
          TriDeckPresenter *self)
{
  if (self->paused)
    {
      self->started = g_get_monotonic_time ();
      self->paused = FALSE;
      gtk_button_set_label (button, _("Pause Timer"));
    }
  else
    {
      self->elapsed = elapsed_now (self);
      self->paused = TRUE;
      gtk_button_set_label (button, _("Resume Timer"));
    }
  update_elapsed (self);
}

static void
on_reset (GtkButton        *button,
          TriDeckPresenter *self)
{
  self->elapsed = 0;
  self->started = g_get_monotonic_time ();
  update_elapsed (self);
}

static GtkWidget *
console_button (TriDeckPresenter *self,
                GtkWidget        *box,
                const char       *label,
                GCallback         callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  /* the keys are the clicker's: a button takes no focus from the slides */
  gtk_widget_set_focus_on_click (button, FALSE);
  g_signal_connect (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static GtkLabel *
caption (const char *text)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (text));

  gtk_label_set_xalign (label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (label), "caption");
  return label;
}

static GtkWidget *
preview_area (TriDeckPresenter *self,
              guint             offset)
{
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);

  g_object_set_data (G_OBJECT (area), "offset", GUINT_TO_POINTER (offset));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_preview, self, NULL);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_widget_set_vexpand (area, TRUE);
  return area;
}

/* The console: a bar (where, the clock, the buttons) above the current
 * slide, and beside it the next slide and the notes in large type */
static GtkWidget *
build_console (TriDeckPresenter *self)
{
  GtkWidget *console = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkLabel *elapsed_caption;

  gtk_widget_add_css_class (console, "tri-presenter-console");
  gtk_accessible_update_property (GTK_ACCESSIBLE (console), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Presenter Console"), -1);

  self->position_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->position_label), "position");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->position_label));
  self->typed_console = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->typed_console), "typed");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->typed_console));
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (bar), spacer);
  /* Translators: the caption of the presenter console's clock */
  elapsed_caption = caption (_("Elapsed"));
  gtk_widget_set_valign (GTK_WIDGET (elapsed_caption), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (elapsed_caption));
  self->elapsed_label = GTK_LABEL (gtk_label_new ("0:00"));
  gtk_widget_add_css_class (GTK_WIDGET (self->elapsed_label), "elapsed");
  gtk_widget_set_margin_end (GTK_WIDGET (self->elapsed_label), 12);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->elapsed_label));
  self->pause_button = GTK_BUTTON (console_button (self, buttons, _("Pause Timer"), G_CALLBACK (on_pause)));
  console_button (self, buttons, _("Reset Timer"), G_CALLBACK (on_reset));
  console_button (self, buttons, _("Previous Slide"), G_CALLBACK (on_previous));
  console_button (self, buttons, _("Next Slide"), G_CALLBACK (on_next));
  console_button (self, buttons, _("End Presentation"), G_CALLBACK (on_end));
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), buttons);
  gtk_box_append (GTK_BOX (console), bar);

  /* the current slide, large */
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (caption (_("Current"))));
  self->current_area = preview_area (self, 0);
  gtk_widget_set_focusable (self->current_area, TRUE);   /* the console's focus, not a button's */
  gtk_box_append (GTK_BOX (left), self->current_area);
  gtk_widget_set_hexpand (left, TRUE);
  gtk_box_append (GTK_BOX (body), left);

  /* the next slide, smaller, and the notes */
  self->next_caption = caption (_("Next"));
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->next_caption));
  self->next_area = preview_area (self, 1);
  gtk_widget_set_vexpand (self->next_area, FALSE);
  gtk_box_append (GTK_BOX (right), self->next_area);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (caption (_("Notes"))));
  self->notes_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->notes_label, TRUE);
  gtk_label_set_wrap_mode (self->notes_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->notes_label, 0);
  gtk_label_set_yalign (self->notes_label, 0);
  gtk_widget_set_valign (GTK_WIDGET (self->notes_label), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->notes_label), "notes");
  gtk_widget_set_margin_start (GTK_WIDGET (self->notes_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->notes_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->notes_label), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->notes_label), 8);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->notes_label));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  gtk_box_append (GTK_BOX (right), scrolled);
  gtk_widget_set_hexpand (right, FALSE);
  gtk_box_append (GTK_BOX (body), right);
  gtk_box_set_homogeneous (GTK_BOX (body), FALSE);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (console), body);
  return console;
}

/* The next slide and the notes take 2/5 of the console's monitor's width,
 * the next slide the height that width gives it; the current slide the
 * rest */
static void
lay_out_console (TriDeckPresenter *self,
                 GdkMonitor       *monitor)
{
  GdkRectangle geometry = { 0, 0, 1920, 1080 };
  int width, aw, ah;

  if (monitor != NULL)
    gdk_monitor_get_geometry (monitor, &geometry);
  audience_size (self, &aw, &ah);
  width = (geometry.width - 2 * 18 - 18) * 2 / 5;   /* the console's padding, the gap */
  gtk_widget_set_size_request (gtk_widget_get_parent (self->next_area), width, -1);
  gtk_widget_set_size_request (self->next_area, -1, (int) (width * (double) ah / aw));
}

static gboolean
on_close_request (GtkWindow        *window,
                  TriDeckPresenter *self)
{
  tri_deck_presenter_stop (self);
  return TRUE;
}

static GtkWindow *
presenter_window (TriDeckPresenter *self,
                  const char       *title,
                  GdkMonitor       *monitor)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GdkRectangle geometry;

  gtk_window_set_title (window, title);
  if (self->parent != NULL && gtk_window_get_application (self->parent) != NULL)
    gtk_window_set_application (window, gtk_window_get_application (self->parent));
  if (monitor != NULL)
    {
      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (window, geometry.width, geometry.height);
    }
  add_keys (self, GTK_WIDGET (window));
  g_signal_connect (window, "close-request", G_CALLBACK (on_close_request), self);
  return window;
}

TriDeckPresenter *
tri_deck_presenter_new (GtkWindow   *parent,
                        TriStore    *store,
                        const char  *name,
                        const char  *lang,
                        gboolean     dark,
                        GError     **error)
{
  g_autoptr(TriDeckPresenter) self = NULL;

  g_return_val_if_fail (TRI_IS_STORE (store), NULL);

  self = g_object_new (TRI_TYPE_DECK_PRESENTER, NULL);
  self->store = g_object_ref (store);
  self->lang = g_strdup (lang != NULL ? lang : "en");
  self->dark = dark;
  if (parent != NULL)
    g_set_weak_pointer (&self->parent, parent);
  self->deck = tri_store_get_deck (store, name, self->lang, error);
  if (self->deck == NULL)
    return NULL;
  if (self->deck->slides->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: said when Present Deck finds nothing to show */
                   _("The deck “%s” has no slides yet: add a slide to present it."), self->deck->name);
      return NULL;
    }
  if (!tri_store_get_markings (store, &self->markings, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
tri_deck_presenter_start (TriDeckPresenter *self,
                          guint             index)
{
  GdkDisplay *display;
  GListModel *monitors;
  GdkMonitor *here = NULL;
  GtkWidget *overlay;
  guint n;

  g_return_if_fail (TRI_IS_DECK_PRESENTER (self));
  if (self->running)
    return;
  load_style ();
  self->running = TRUE;
  self->index = MIN (index, n_slides (self) - 1);

  /* where the briefing window is, the presenter is; the audience looks at
   * another monitor when there is one */
  display = self->parent != NULL ? gtk_widget_get_display (GTK_WIDGET (self->parent)) : gdk_display_get_default ();
  monitors = gdk_display_get_monitors (display);
  n = g_list_model_get_n_items (monitors);
  if (self->parent != NULL && gtk_native_get_surface (GTK_NATIVE (self->parent)) != NULL)
    here = gdk_display_get_monitor_at_surface (display, gtk_native_get_surface (GTK_NATIVE (self->parent)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) m = g_list_model_get_item (monitors, i);

      if (here == NULL)
        here = m;
      if (m != here && self->audience_monitor == NULL)
        self->audience_monitor = m;
    }
  if (self->audience_monitor == NULL)
    self->audience_monitor = here;
  if (self->audience_monitor != NULL)
    g_object_ref (self->audience_monitor);

  /* the audience's window: the slide, full screen */
  self->slide_window = presenter_window (self, self->deck->name, self->audience_monitor);
  gtk_widget_add_css_class (GTK_WIDGET (self->slide_window), "tri-deck-slides");
  self->stack = GTK_STACK (gtk_stack_new ());
  self->slide_area = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  gtk_widget_set_focusable (self->slide_area, TRUE);
  gtk_widget_set_cursor_from_name (self->slide_area, "none");   /* no pointer over the slides */
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->slide_area), draw_audience, self, NULL);
  gtk_stack_add_named (self->stack, self->slide_area, "slide");
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->stack));
  self->typed_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->typed_label), "osd");
  gtk_widget_add_css_class (GTK_WIDGET (self->typed_label), "tri-deck-typed");
  gtk_widget_set_halign (GTK_WIDGET (self->typed_label), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (self->typed_label), GTK_ALIGN_END);
  gtk_widget_set_margin_end (GTK_WIDGET (self->typed_label), 32);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->typed_label), 48);
  gtk_widget_set_visible (GTK_WIDGET (self->typed_label), FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->typed_label));
  gtk_window_set_child (self->slide_window, overlay);

  /* the console: its own window on the presenter's monitor, or in the
   * slides' place on the only one */
  self->console = build_console (self);
  if (n >= 2 && here != self->audience_monitor)
    {
      /* Translators: the title of the presenter console's window */
      self->presenter_monitor = g_object_ref (here);
      self->console_window = presenter_window (self, _("Presenter Console"), here);
      gtk_widget_add_css_class (GTK_WIDGET (self->console_window), "tri-deck-slides");
      gtk_window_set_child (self->console_window, self->console);
      gtk_window_set_focus (self->console_window, self->current_area);
      self->console_visible = TRUE;
    }
  else
    gtk_stack_add_named (self->stack, self->console, "console");
  lay_out_console (self, self->console_window != NULL ? here : self->audience_monitor);
  gtk_stack_set_visible_child_name (self->stack, "slide");

  update (self);
  update_typed (self);
  self->started = g_get_monotonic_time ();
  self->elapsed = 0;
  update_elapsed (self);
  self->tick_source = g_timeout_add_seconds (1, tick, self);

  if (self->audience_monitor != NULL)
    gtk_window_fullscreen_on_monitor (self->slide_window, self->audience_monitor);
  else
    gtk_window_fullscreen (self->slide_window);
  gtk_window_present (self->slide_window);
  if (self->console_window != NULL)
    {
      gtk_window_fullscreen_on_monitor (self->console_window, here);
      gtk_window_present (self->console_window);
    }
  gtk_widget_grab_focus (self->slide_area);
}

void
tri_deck_presenter_stop (TriDeckPresenter *self)
{
  g_autoptr(TriDeckPresenter) hold = NULL;
  GtkWindow *slides, *console;

  g_return_if_fail (TRI_IS_DECK_PRESENTER (self));
  if (!self->running)
    return;
  hold = g_object_ref (self);
  self->running = FALSE;
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->typed_source, g_source_remove);
  g_string_truncate (self->typed, 0);
  slides = g_steal_pointer (&self->slide_window);
  console = g_steal_pointer (&self->console_window);
  self->slide_area = NULL;
  self->stack = NULL;
  self->typed_label = NULL;
  self->console = NULL;
  self->current_area = self->next_area = NULL;
  self->position_label = self->typed_console = self->elapsed_label = NULL;
  self->next_caption = self->notes_label = NULL;
  self->pause_button = NULL;
  self->console_visible = FALSE;
  g_clear_object (&self->audience_monitor);
  g_clear_object (&self->presenter_monitor);
  if (console != NULL)
    gtk_window_destroy (console);
  if (slides != NULL)
    gtk_window_destroy (slides);
  if (self->parent != NULL)
    gtk_window_present (self->parent);
  g_signal_emit (self, signals[SIGNAL_ENDED], 0, self->index);
}

gboolean
tri_deck_presenter_is_running (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), FALSE);
  return self->running;
}

guint
tri_deck_presenter_get_index (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), 0);
  return self->index;
}

guint
tri_deck_presenter_get_count (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), 0);
  return n_slides (self);
}

gint64
tri_deck_presenter_get_slide_id (TriDeckPresenter *self)
{
  const TriDeckSlide *slide;

  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), 0);
  slide = slide_at (self, self->index);
  return slide != NULL ? slide->id : 0;
}

int
tri_deck_presenter_find_slide (TriDeckPresenter *self,
                               gint64            slide_id)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), -1);

  for (guint i = 0; i < n_slides (self); i++)
    if (slide_at (self, i)->id == slide_id)
      return (int) i;
  return -1;
}

const char *
tri_deck_presenter_get_deck_name (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), NULL);
  return self->deck->name;
}

gboolean
tri_deck_presenter_get_console_visible (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), FALSE);
  return self->console_visible;
}

gboolean
tri_deck_presenter_get_console_separate (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), FALSE);
  return self->console_window != NULL;
}

void
tri_deck_presenter_set_console_visible (TriDeckPresenter *self,
                                        gboolean          visible)
{
  g_return_if_fail (TRI_IS_DECK_PRESENTER (self));

  visible = !!visible;
  if (!self->running || visible == self->console_visible)
    return;
  self->console_visible = visible;
  if (self->console_window != NULL)
    {
      if (visible)
        {
          gtk_window_fullscreen_on_monitor (self->console_window, self->presenter_monitor);
          gtk_window_present (self->console_window);
        }
      else
        {
          /* the keys go on reaching the presentation */
          gtk_widget_set_visible (GTK_WIDGET (self->console_window), FALSE);
          gtk_window_present (self->slide_window);
        }
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, visible ? "console" : "slide");
      gtk_widget_grab_focus (visible ? self->current_area : self->slide_area);
    }
  update (self);
}

GtkWindow *
tri_deck_presenter_get_slide_window (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), NULL);
  return self->slide_window;
}

GtkWidget *
tri_deck_presenter_get_slide_area (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), NULL);
  return self->slide_area;
}

GtkWindow *
tri_deck_presenter_get_console_window (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), NULL);
  return self->console_window;
}

GtkWidget *
tri_deck_presenter_get_console (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), NULL);
  return self->console;
}

const char *
tri_deck_presenter_get_typed_number (TriDeckPresenter *self)
{
  g_return_val_if_fail (TRI_IS_DECK_PRESENTER (self), NULL);
  return self->typed->str;
}

static void
tri_deck_presenter_dispose (GObject *object)
{
  TriDeckPresenter *self = TRI_DECK_PRESENTER (object);

  tri_deck_presenter_stop (self);
  g_clear_weak_pointer (&self->parent);
  G_OBJECT_CLASS (tri_deck_presenter_parent_class)->dispose (object);
}

static void
tri_deck_presenter_finalize (GObject *object)
{
  TriDeckPresenter *self = TRI_DECK_PRESENTER (object);

  g_clear_pointer (&self->deck, tri_deck_free);
  tri_markings_clear (&self->markings);
  g_clear_object (&self->store);
  g_free (self->lang);
  g_string_free (self->typed, TRUE);
  G_OBJECT_CLASS (tri_deck_presenter_parent_class)->finalize (object);
}

static void
tri_deck_presenter_class_init (TriDeckPresenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tri_deck_presenter_dispose;
  object_class->finalize = tri_deck_presenter_finalize;

  /* the slide shown changed: its index, from 0 */
  signals[SIGNAL_SLIDE_CHANGED] =
    g_signal_new ("slide-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* the presentation ended (Esc, End Presentation, a window closed): the
   * index of the slide it ended on */
  signals[SIGNAL_ENDED] =
    g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
tri_deck_presenter_init (TriDeckPresenter *self)
{
  self->typed = g_string_new (NULL);
}
