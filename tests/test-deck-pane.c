/* test-deck-pane.c: the deck pane, as a user builds a deck in it
 *
 * In-process, with GTK's test accessibility backend and real keys
 * (xdotool, under Xvfb): Ctrl+D adds the view shown as a slide, Alt+Up
 * and Alt+Down reorder, Ctrl+Shift+D duplicates, Delete deletes (the
 * slide, not the event selected), the edit dialog renames and edits the
 * notes; Ctrl+Z undoes each, the menu names it, and after every step the
 * store reads what the pane shows. Choosing a slide restores its view.
 * A read-only briefing offers an editable copy for every deck edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "document/tri-document.h"
#include "render/tri-timeline.h"
#include "store/tri-date.h"
#include "ui/tri-deck-pane.h"
#include "ui/tri-window.h"
#include "tri-test-gui.h"
#include "store/tri-filter.h"
#include "tri-test-util.h"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* A key as the user presses it (xdotool, the window at (0, 0) under Xvfb
 * with no window manager), or, without xdotool, the action it is bound to */
static void
press (TriWindow  *window,
       const char *keys,
       const char *action)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool != NULL)
    {
      g_autofree char *cmd = g_strconcat (xdotool, " key ", keys, NULL);
      gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

      /* the keys go to the window with the focus: after a dialog closes
       * (and on a slow, sanitized run) it takes a moment to be this one */
      gtk_window_present (GTK_WINDOW (window));
      while (!gtk_window_is_active (GTK_WINDOW (window)) && g_get_monotonic_time () < deadline)
        spin (20);
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
    }
  else if (action != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  else
    g_assert_not_reached ();
  spin (150);
}

static gboolean
have_xdotool (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL;
}

/* The label of the menu item for @action, without the mnemonic's mark */
static char *
menu_label (GMenuModel *menu,
            const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *label = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        {
          g_autoptr(GString) plain = g_string_new (label);

          g_string_replace (plain, "_", "", 0);
          return g_strdup (plain->str);
        }
      for (int k = 0; k < 2; k++)
        {
          g_autoptr(GMenuModel) link = g_menu_model_get_item_link (menu, i, k == 0 ? G_MENU_LINK_SECTION : G_MENU_LINK_SUBMENU);
          char *found = link != NULL ? menu_label (link, action) : NULL;

          if (found != NULL)
            return found;
        }
    }
  return NULL;
}

static void
assert_undo_label (TriWindow  *window,
                   const char *expected)
{
  g_autofree char *label = menu_label (tri_window_get_menu (window), "win.undo");

  g_assert_cmpstr (label, ==, expected);
}

static TriDeckPane *
pane_of (TriWindow *window)
{
  return tri_window_get_deck_pane (window);
}

/* The deck the pane shows, read again from the store */
static TriDeck *
stored_deck (TriWindow *window)
{
  const TriDeck *shown = tri_deck_pane_get_deck (pane_of (window));
  g_autoptr(GError) error = NULL;
  TriDeck *deck;

  g_assert_nonnull (shown);
  deck = tri_store_get_deck (tri_window_get_store (window), shown->name,
                             tri_window_get_data_language (window), &error);
  g_assert_no_error (error);
  g_assert_nonnull (deck);
  return deck;
}

static const char *
kind_name (TriDeckSlideKind kind)
{
  static const char *names[] = { "View", "Text", "Compare", "Trend" };

  return names[kind];
}

/* Every row of the list says, to a screen reader, the stored slide at
 * its place: its number, kind and title */
static void
assert_pane_is_store (TriWindow *window)
{
  g_autoptr(TriDeck) deck = stored_deck (window);
  GtkListBox *list = tri_deck_pane_get_list (pane_of (window));
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  g_assert_cmpuint (n, ==, deck->slides->len);
  for (guint i = 0; i < n; i++)
    {
      TriDeckSlide *slide = g_ptr_array_index (deck->slides, i);
      g_autofree char *name = g_strdup_printf ("Slide %u of %u, %s: %s", i + 1, n, kind_name (slide->kind),
                                               slide->title[0] != '\0' ? slide->title : "Untitled");

      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_list_box_get_row_at_index (list, i)),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, name);
    }
}

static guint
n_slides (TriWindow *window)
{
  g_autoptr(TriDeck) deck = stored_deck (window);

  return deck->slides->len;
}

static gint64
slide_at (TriWindow *window,
          guint      index)
{
  g_autoptr(TriDeck) deck = stored_deck (window);

  g_assert_cmpuint (index, <, deck->slides->len);
  return ((TriDeckSlide *) g_ptr_array_index (deck->slides, index))->id;
}

static TriDeckSlide *
stored_slide (TriWindow *window,
              gint64     id)
{
  g_autoptr(TriDeck) deck = stored_deck (window);

  for (guint i = 0; i < deck->slides->len; i++)
    if (((TriDeckSlide *) g_ptr_array_index (deck->slides, i))->id == id)
      return tri_deck_slide_copy (g_ptr_array_index (deck->slides, i));
  g_error ("slide %" G_GINT64_FORMAT " is not in the stored deck", id);
}

static int
stored_index (TriWindow *window,
              gint64     id)
{
  g_autoptr(TriDeck) deck = stored_deck (window);

  for (guint i = 0; i < deck->slides->len; i++)
    if (((TriDeckSlide *) g_ptr_array_index (deck->slides, i))->id == id)
      return i;
  return -1;
}

/* The store comes to read @slide at @expected (a key is handled when
 * the X server delivers it: under load, later than the press) */
static void
wait_index (TriWindow *window,
            gint64     slide,
            int        expected)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (stored_index (window, slide) != expected && g_get_monotonic_time () < end)
    spin (20);
  g_assert_cmpint (stored_index (window, slide), ==, expected);
}

static void
wait_count (TriWindow *window,
            guint      expected)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (n_slides (window) != expected && g_get_monotonic_time () < end)
    spin (20);
  g_assert_cmpuint (n_slides (window), ==, expected);
}

/* The keyboard's focus on the row of @slide, as a user tabs and arrows to it */
static void
focus_slide (TriWindow *window,
             gint64     slide)
{
  GtkListBox *list = tri_deck_pane_get_list (pane_of (window));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, stored_index (window, slide));

  g_assert_nonnull (row);
  gtk_list_box_select_row (list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  spin (50);
  g_assert_cmpint (tri_deck_pane_get_selected_slide (pane_of (window)), ==, slide);
}

/* The field a visible label names (its mnemonic widget), under @widget */
static GtkWidget *
field_named (GtkWidget  *widget,
             const char *name)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), name) &&
      gtk_label_get_mnemonic_widget (GTK_LABEL (widget)) != NULL)
    return gtk_label_get_mnemonic_widget (GTK_LABEL (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = field_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
button_labelled (GtkWidget  *widget,
                 const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autoptr(GString) plain = g_string_new (gtk_button_get_label (GTK_BUTTON (widget)));

      g_string_replace (plain, "_", "", 0);
      if (g_str_equal (plain->str, label))
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = button_labelled (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A button pressed (its "clicked" comes after the press is shown) */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  spin (400);
}

/* The dialog titled @title over @window, or NULL */
static GtkWindow *
dialog_titled (TriWindow  *window,
               const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (w) == GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (gtk_window_get_title (w), title) == 0)
        return w;
    }
  return NULL;
}

static GtkMessageDialog *
find_message (TriWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return GTK_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static TriWindow *
present (TriWindow *window)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  tri_test_wait_until_drawn (window);
  return window;
}

static void
show_pane (TriWindow *window)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (pane_of (window))))
    press (window, "F9", "deck.show-pane");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane_of (window))));
}

static void
test_build_deck (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "deck.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  TriWindow *window;
  TriSession *session;
  TriStore *store;
  const TriRelation *rus_prk;
  guint n0;
  gint64 first, second, event, dup;
  double t0, t1;
  guint32 as_of_first;

  g_assert_true (tri_document_copy (tri_test_briefing_path (), path, &error));
  g_assert_no_error (error);
  window = tri_window_new (NULL, NULL);
  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (tri_window_get_document (window));
  present (window);
  show_pane (window);
  session = tri_window_get_session (window);
  store = tri_window_get_store (window);

  /* a view: a side, six months to a day, in Vietnamese */
  rus_prk = tri_store_find_relation (store, "RUS-PRK", &error);
  g_assert_no_error (error);
  tri_window_set_data_language (window, "vi");
  tri_session_set_window_months (session, 6);
  tri_session_choose_relation (session, rus_prk->id);
  as_of_first = tri_day_from_ymd (2023, 9, 30);
  tri_session_set_as_of (session, as_of_first);
  /* and a filter, as the chips set it: the slide keeps it */
  {
    g_autoptr(TriFilter) filter = tri_filter_parse ("confidence=confirmed, category=military", NULL);

    tri_session_set_filter (session, filter);
  }
  spin (100);
  gtk_widget_grab_focus (GTK_WIDGET (tri_window_get_triangle_view (window)));

  /* Ctrl+D: the view shown is a slide at the end of the first deck (made
   * for it when the briefing has none) */
  {
    const TriDeck *shown = tri_deck_pane_get_deck (pane_of (window));

    n0 = shown != NULL ? shown->slides->len : 0;
  }
  tri_deck_pane_select_slide (pane_of (window), 0, FALSE);
  press (window, "ctrl+d", "deck.add-view");
  wait_count (window, n0 + 1);
  first = slide_at (window, n0);
  g_assert_cmpint (tri_deck_pane_get_selected_slide (pane_of (window)), ==, first);
  assert_undo_label (window, "Undo Add Slide");
  assert_pane_is_store (window);
  {
    g_autoptr(TriDeckSlide) s = stored_slide (window, first);

    g_assert_cmpint (s->kind, ==, TRI_DECK_SLIDE_VIEW);
    g_assert_cmpuint (s->as_of, ==, as_of_first);
    g_assert_cmpuint (s->window_months, ==, 6);
    g_assert_cmpstr (s->relation, ==, "RUS-PRK");
    g_assert_null (s->actor);
    g_assert_cmpint (s->event, ==, 0);
    /* shown in Vietnamese, saved to follow the deck's language */
    g_assert_null (s->lang);
    g_assert_cmpstr (s->filter, ==, "category=military,confidence=confirmed");
    tri_session_get_timeline_range (session, &t0, &t1);
    g_assert_cmpfloat_with_epsilon (s->range_start, t0, 1e-6);
    g_assert_cmpfloat_with_epsilon (s->range_end, t1, 1e-6);
    /* titled after the side chosen, in the data language */
    g_assert_cmpstr (s->title, !=, "");
  }

  /* another view: an event, twelve months, in English, after the first,
   * with no filter */
  tri_session_set_filter (session, NULL);
  tri_window_set_data_language (window, "en");
  tri_session_set_window_months (session, 12);
  event = tri_store_step_event (store, 0, 1);
  {
    g_autoptr(TriEvent) ev = tri_store_get_event (store, event, "en", &error);

    if (ev == NULL)
      g_error ("event %" G_GINT64_FORMAT " could not be read: %s", event, error->message);
    tri_session_choose_event (session, event, &ev->date);
  }
  spin (100);
  press (window, "ctrl+d", "deck.add-view");
  wait_count (window, n0 + 2);
  second = slide_at (window, n0 + 1);
  wait_index (window, first, n0);
  assert_pane_is_store (window);
  {
    g_autoptr(TriDeckSlide) s = stored_slide (window, second);
    g_autoptr(TriEvent) ev = tri_store_get_event (store, event, "en", NULL);

    if (ev == NULL)
      g_error ("event %" G_GINT64_FORMAT " could not be read", event);

    g_assert_cmpint (s->event, ==, event);
    g_assert_null (s->relation);
    g_assert_null (s->filter);
    g_assert_cmpuint (s->window_months, ==, 12);
    g_assert_null (s->lang);
    g_assert_cmpstr (s->title, ==, ev->title);
  }

  /* choosing the first slide (Up, from the second) restores its view */
  focus_slide (window, second);
  if (have_xdotool ())
    press (window, "Up", NULL);
  else
    tri_deck_pane_select_slide (pane_of (window), first, TRUE);
  spin (200);
  g_assert_cmpint (tri_deck_pane_get_selected_slide (pane_of (window)), ==, first);
  g_assert_cmpint (n_slides (window), ==, n0 + 2);
  g_assert_cmpuint (tri_session_get_as_of (session), ==, as_of_first);
  g_assert_cmpuint (tri_session_get_window_months (session), ==, 6);
  g_assert_cmpint (tri_session_get_selected_relation (session), ==, rus_prk->id);
  g_assert_cmpint (tri_session_get_selected_event (session), ==, 0);
  /* a slide that follows the deck leaves the language as it is */
  g_assert_cmpstr (tri_session_get_data_language (session), ==, "en");
  g_assert_cmpint (tri_window_get_selected_relation (window), ==, rus_prk->id);
  {
    double r0, r1;

    tri_session_get_timeline_range (session, &r0, &r1);
    g_assert_cmpfloat_with_epsilon (r0, t0, 1e-6);
    g_assert_cmpfloat_with_epsilon (r1, t1, 1e-6);
  }
  /* and the second one its own */
  tri_deck_pane_select_slide (pane_of (window), second, TRUE);
  spin (200);
  g_assert_cmpint (tri_session_get_selected_event (session), ==, event);
  g_assert_cmpuint (tri_session_get_window_months (session), ==, 12);
  g_assert_cmpstr (tri_session_get_data_language (session), ==, "en");

  /* Tab leaves the slides for the buttons under them, choosing nothing on
   * the way (the arrows move within them) */
  if (have_xdotool ())
    {
      GtkWidget *focus;

      focus_slide (window, first);
      press (window, "Tab", NULL);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_cmpint (tri_deck_pane_get_selected_slide (pane_of (window)), ==, first);
      g_assert_nonnull (focus);
      g_assert_false (gtk_widget_is_ancestor (focus, GTK_WIDGET (tri_deck_pane_get_list (pane_of (window)))));
      g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (pane_of (window))));
      focus_slide (window, second);
      press (window, "shift+Tab", NULL);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_cmpint (tri_deck_pane_get_selected_slide (pane_of (window)), ==, second);
      g_assert_false (gtk_widget_is_ancestor (focus, GTK_WIDGET (tri_deck_pane_get_list (pane_of (window)))));
      tri_deck_pane_select_slide (pane_of (window), second, TRUE);
      spin (100);
    }
  else
    g_test_message ("Tab not pressed: xdotool is not installed");

  /* Alt+Up moves the slide chosen up; Ctrl+Z puts it back */
  focus_slide (window, second);
  press (window, "alt+Up", "deck.move-up");
  wait_index (window, second, n0);
  wait_index (window, first, n0 + 1);
  g_assert_cmpint (tri_deck_pane_get_selected_slide (pane_of (window)), ==, second);
  assert_undo_label (window, "Undo Move Slide");
  assert_pane_is_store (window);
  press (window, "ctrl+z", "win.undo");
  wait_index (window, second, n0 + 1);
  assert_pane_is_store (window);
  /* Alt+Down on the first moves it after the second */
  focus_slide (window, first);
  press (window, "alt+Down", "deck.move-down");
  wait_index (window, first, n0 + 1);
  assert_pane_is_store (window);
  press (window, "ctrl+z", "win.undo");
  wait_index (window, first, n0);
  assert_pane_is_store (window);

  /* Ctrl+Shift+D duplicates, right after it */
  focus_slide (window, first);
  press (window, "ctrl+shift+d", "deck.duplicate-slide");
  wait_count (window, n0 + 3);
  dup = slide_at (window, n0 + 1);
  g_assert_cmpint (dup, !=, first);
  g_assert_cmpint (dup, !=, second);
  {
    g_autoptr(TriDeckSlide) a = stored_slide (window, first);
    g_autoptr(TriDeckSlide) b = stored_slide (window, dup);

    g_assert_cmpstr (a->title, ==, b->title);
    g_assert_cmpuint (a->as_of, ==, b->as_of);
    g_assert_cmpstr (a->relation, ==, b->relation);
  }
  assert_undo_label (window, "Undo Duplicate Slide");
  assert_pane_is_store (window);
  press (window, "ctrl+z", "win.undo");
  wait_count (window, n0 + 2);
  assert_pane_is_store (window);

  /* Delete, with the list's focus, deletes the slide and not the event
   * the window shows */
  tri_deck_pane_select_slide (pane_of (window), second, TRUE);
  spin (100);
  g_assert_cmpint (tri_session_get_selected_event (session), ==, event);
  focus_slide (window, second);
  press (window, "Delete", "deck.delete-slide");
  wait_count (window, n0 + 1);
  wait_index (window, second, -1);
  {
    g_autoptr(TriEvent) kept = tri_store_get_event (store, event, "en", NULL);

    g_assert_nonnull (kept);
  }
  assert_undo_label (window, "Undo Delete Slide");
  assert_pane_is_store (window);
  press (window, "ctrl+z", "win.undo");
  wait_count (window, n0 + 2);
  wait_index (window, second, n0 + 1);
  assert_pane_is_store (window);

  /* a slide dropped on the lower half of the last row goes last */
  {
    GtkListBox *list = tri_deck_pane_get_list (pane_of (window));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (list));
    GtkDropTarget *drop = NULL;
    GtkWidget *last = GTK_WIDGET (gtk_list_box_get_row_at_index (list, n0 + 1));
    graphene_rect_t bounds;
    GValue value = G_VALUE_INIT;
    gboolean done = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (c))
          drop = GTK_DROP_TARGET (c);
      }
    g_assert_nonnull (drop);
    g_assert_true (gtk_widget_compute_bounds (last, GTK_WIDGET (list), &bounds));
    g_value_init (&value, G_TYPE_INT64);
    g_value_set_int64 (&value, first);
    g_signal_emit_by_name (drop, "drop", &value, 10.0, (double) (bounds.origin.y + bounds.size.height * 0.75), &done);
    g_value_unset (&value);
    spin (100);
    g_assert_true (done);
    wait_index (window, first, n0 + 1);
    wait_index (window, second, n0);
    assert_undo_label (window, "Undo Move Slide");
    assert_pane_is_store (window);
    press (window, "ctrl+z", "win.undo");
    wait_index (window, first, n0);
    assert_pane_is_store (window);
  }

  /* F2 edits the title (renames) and the notes, in the dialog */
  focus_slide (window, first);
  press (window, "F2", "deck.edit-slide");
  {
    GtkWindow *dialog = dialog_titled (window, "Edit Slide");
    GtkWidget *title, *notes, *lang, *save;
    g_autoptr(TriDeckSlide) s = NULL;

    g_assert_nonnull (dialog);
    title = field_named (GTK_WIDGET (dialog), "Title");
    notes = field_named (GTK_WIDGET (dialog), "Notes");
    lang = field_named (GTK_WIDGET (dialog), "Data language");
    save = button_labelled (GTK_WIDGET (dialog), "Save");
    g_assert_true (GTK_IS_ENTRY (title));
    g_assert_true (GTK_IS_TEXT_VIEW (notes));
    g_assert_true (GTK_IS_DROP_DOWN (lang));
    g_assert_nonnull (save);
    /* it follows the deck until a language is pinned: the second, Tiếng Việt */
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (lang)), ==, 0);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (lang), 2);
    gtk_editable_set_text (GTK_EDITABLE (title), "Moscow and Pyongyang close ranks");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)),
                              "Pause here.\nAsk who gains from the summit.", -1);
    click (save);
    g_assert_null (dialog_titled (window, "Edit Slide"));
    s = stored_slide (window, first);
    g_assert_cmpstr (s->title, ==, "Moscow and Pyongyang close ranks");
    g_assert_cmpstr (s->notes, ==, "Pause here.\nAsk who gains from the summit.");
    g_assert_cmpstr (s->lang, ==, "vi");
    /* the rest of the slide is as it was */
    g_assert_cmpuint (s->as_of, ==, as_of_first);
    g_assert_cmpstr (s->relation, ==, "RUS-PRK");
  }
  assert_undo_label (window, "Undo Edit Slide");
  assert_pane_is_store (window);
  press (window, "ctrl+z", "win.undo");
  {
    g_autoptr(TriDeckSlide) s = stored_slide (window, first);

    g_assert_cmpstr (s->title, !=, "Moscow and Pyongyang close ranks");
    g_assert_true (s->notes == NULL || strstr (s->notes, "Pause here") == NULL);
  }
  assert_pane_is_store (window);

  /* a text slide from its dialog */
  tri_deck_pane_select_slide (pane_of (window), 0, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deck.add-text", NULL));
  spin (100);
  {
    GtkWindow *dialog = dialog_titled (window, "Add Text Slide");
    GtkWidget *body;

    g_assert_nonnull (dialog);
    body = field_named (GTK_WIDGET (dialog), "Text");
    g_assert_true (GTK_IS_TEXT_VIEW (body));
    gtk_editable_set_text (GTK_EDITABLE (field_named (GTK_WIDGET (dialog), "Title")), "Bottom line up front");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (body)), "One.\n\nTwo.", -1);
    click (button_labelled (GTK_WIDGET (dialog), "Add"));
  }
  wait_count (window, n0 + 3);
  {
    g_autoptr(TriDeckSlide) s = stored_slide (window, slide_at (window, n0 + 2));

    g_assert_cmpint (s->kind, ==, TRI_DECK_SLIDE_TEXT);
    g_assert_cmpstr (s->title, ==, "Bottom line up front");
    g_assert_cmpstr (s->body, ==, "One.\n\nTwo.");
  }
  assert_pane_is_store (window);
  press (window, "ctrl+z", "win.undo");
  wait_count (window, n0 + 2);
  assert_pane_is_store (window);

  /* a slide that saved no timeline range shows the range it is drawn
   * with (the default around its "as of"), not the whole briefing */
  {
    g_autoptr(TriDeckSlide) s = stored_slide (window, first);
    guint32 earliest, latest;
    double d0, d1, r0, r1;

    s->range_start = s->range_end = 0;
    g_assert_true (tri_document_edit_slide (tri_window_get_document (window), first, s, "en", &error));
    g_assert_no_error (error);
    spin (100);
    tri_deck_pane_select_slide (pane_of (window), second, TRUE);
    spin (100);
    tri_deck_pane_select_slide (pane_of (window), first, TRUE);
    spin (200);
    g_assert_true (tri_store_get_extent (store, &earliest, &latest));
    tri_timeline_default_range (earliest, latest, s->as_of, &d0, &d1);
    tri_session_get_timeline_range (session, &r0, &r1);
    g_assert_cmpfloat_with_epsilon (r0, d0, 1e-6);
    g_assert_cmpfloat_with_epsilon (r1, d1, 1e-6);
    g_assert_cmpfloat (r1 - r0, <, latest - earliest);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* The markings, through their dialog, one step to undo */
static void
test_markings (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "marked.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(TriMarkings) markings = { NULL, };
  TriWindow *window;
  GtkWindow *dialog;

  g_assert_true (tri_document_create_new (path, &error));
  window = tri_window_new (NULL, NULL);
  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  present (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deck.markings", NULL));
  spin (100);
  dialog = dialog_titled (window, "Markings");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (field_named (GTK_WIDGET (dialog), "Classification line")),
                         "UNCLASSIFIED // FOR TRAINING");
  gtk_editable_set_text (GTK_EDITABLE (field_named (GTK_WIDGET (dialog), "Author")), "Desk 3");
  gtk_editable_set_text (GTK_EDITABLE (field_named (GTK_WIDGET (dialog), "Date prepared")), "2024-07-01");
  gtk_editable_set_text (GTK_EDITABLE (field_named (GTK_WIDGET (dialog), "Version")), "1.0");
  click (button_labelled (GTK_WIDGET (dialog), "Save"));
  g_assert_null (dialog_titled (window, "Markings"));
  g_assert_true (tri_store_get_markings (tri_window_get_store (window), &markings, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (markings.marking, ==, "UNCLASSIFIED // FOR TRAINING");
  g_assert_cmpstr (markings.author, ==, "Desk 3");
  g_assert_cmpstr (markings.prepared, ==, "2024-07-01");
  g_assert_cmpstr (markings.version, ==, "1.0");
  assert_undo_label (window, "Undo Set Markings");
  press (window, "ctrl+z", "win.undo");
  tri_markings_clear (&markings);
  g_assert_true (tri_store_get_markings (tri_window_get_store (window), &markings, &error));
  g_assert_true (tri_markings_is_empty (&markings));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static guint
n_decks (TriWindow *window)
{
  g_autoptr(GPtrArray) decks = tri_store_get_decks (tri_window_get_store (window), "en", NULL);

  if (decks == NULL)
    g_error ("The decks could not be read");
  return decks->len;
}

/* The name of the deck the pane shows, or NULL */
static const char *
shown_deck_name (TriWindow *window)
{
  const TriDeck *deck = tri_deck_pane_get_deck (pane_of (window));

  return deck != NULL ? deck->name : NULL;
}

static void
on_deck_changed (TriDeckPane *pane,
                 char       **told)
{
  const TriDeck *deck = tri_deck_pane_get_deck (pane);

  g_free (*told);
  *told = g_strdup (deck != NULL ? deck->name : "(none)");
}

/* Decks added, renamed and deleted through the pane's dialogs, each
 * undone; the pane says which deck it shows */
static void
test_decks (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "decks.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  TriWindow *window;
  GtkWindow *dialog;
  g_autofree char *told = NULL;

  g_assert_true (tri_document_create_new (path, &error));
  window = tri_window_new (NULL, NULL);
  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  present (window);
  show_pane (window);
  g_assert_null (tri_deck_pane_get_deck (pane_of (window)));
  g_assert_cmpuint (n_decks (window), ==, 0);
  g_signal_connect (pane_of (window), "deck-changed", G_CALLBACK (on_deck_changed), &told);
  /* no deck: F5 steps through the events, and the menu says so */
  {
    g_autofree char *label = menu_label (tri_window_get_menu (window), "win.present");

    g_assert_cmpstr (label, ==, "Presentation Mode");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deck.add-deck", NULL));
  spin (100);
  dialog = dialog_titled (window, "Add Deck");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (field_named (GTK_WIDGET (dialog), "Name")), "Morning brief");
  click (button_labelled (GTK_WIDGET (dialog), "Add"));
  g_assert_null (dialog_titled (window, "Add Deck"));
  g_assert_cmpuint (n_decks (window), ==, 1);
  g_assert_cmpstr (shown_deck_name (window), ==, "Morning brief");
  g_assert_cmpstr (told, ==, "Morning brief");
  assert_undo_label (window, "Undo Add Deck");
  {
    g_autofree char *label = menu_label (tri_window_get_menu (window), "win.present");

    g_assert_cmpstr (label, ==, "Present Deck");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deck.rename-deck", NULL));
  spin (100);
  dialog = dialog_titled (window, "Rename Deck");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_named (GTK_WIDGET (dialog), "Name"))), ==, "Morning brief");
  gtk_editable_set_text (GTK_EDITABLE (field_named (GTK_WIDGET (dialog), "Name")), "Summit");
  click (button_labelled (GTK_WIDGET (dialog), "Rename"));
  g_assert_cmpstr (shown_deck_name (window), ==, "Summit");
  g_assert_cmpstr (told, ==, "Summit");
  assert_undo_label (window, "Undo Rename Deck");
  press (window, "ctrl+z", "win.undo");
  spin (100);
  g_assert_cmpstr (shown_deck_name (window), ==, "Morning brief");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deck.delete-deck", NULL));
  spin (100);
  g_assert_cmpuint (n_decks (window), ==, 0);
  g_assert_null (tri_deck_pane_get_deck (pane_of (window)));
  g_assert_cmpstr (told, ==, "(none)");
  assert_undo_label (window, "Undo Delete Deck");
  press (window, "ctrl+z", "win.undo");
  spin (100);
  g_assert_cmpuint (n_decks (window), ==, 1);
  g_assert_cmpstr (shown_deck_name (window), ==, "Morning brief");

  g_signal_handlers_disconnect_by_func (pane_of (window), on_deck_changed, &told);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* On a read-only briefing each deck edit offers an editable copy, and
 * nothing is written */
static void
test_read_only (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "colleague.sqlite");
  TriFileState before = { 0 };
  g_autoptr(GError) error = NULL;
  TriWindow *window = tri_window_new (NULL, NULL);
  const char *actions[] = { "deck.add-view", "deck.add-text", "deck.add-deck", "deck.markings" };

  tri_test_file_state (path, &before);
  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  g_assert_null (tri_window_get_document (window));
  present (window);
  show_pane (window);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkMessageDialog *message;
      g_autofree char *text = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL));
      spin (100);
      message = find_message (window);
      g_assert_nonnull (message);
      g_object_get (message, "text", &text, NULL);
      g_assert_nonnull (strstr (text, "read-only"));
      g_assert_nonnull (button_labelled (GTK_WIDGET (message), "Save a Copy to Edit…"));
      gtk_dialog_response (GTK_DIALOG (message), GTK_RESPONSE_CANCEL);
      spin (50);
      g_assert_null (dialog_titled (window, "Add Text Slide"));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  tri_test_assert_unchanged (path, &before);
  tri_test_file_state_clear (&before);
}

/* Every control of the pane is named and reached by Tab */
static void
test_named (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "named.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  TriWindow *window;
  GtkWidget *pane;
  guint buttons = 0;

  g_assert_true (tri_document_copy (tri_test_briefing_path (), path, &error));
  window = tri_window_new (NULL, NULL);
  g_assert_true (tri_window_open_file (window, path, &error));
  present (window);
  show_pane (window);
  pane = GTK_WIDGET (pane_of (window));

  /* buttons: by an accessible label; the list: "Slides" */
  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, pane);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if ((GTK_IS_BUTTON (w) && !GTK_IS_TOGGLE_BUTTON (w)) || GTK_IS_MENU_BUTTON (w))
          {
            if (GTK_IS_MENU_BUTTON (w) || gtk_button_get_label (GTK_BUTTON (w)) == NULL)
              {
                g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL));
                buttons++;
              }
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
  }
  g_assert_cmpuint (buttons, >=, 6);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tri_deck_pane_get_list (pane_of (window))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Slides");

  /* Tab from the header's last control reaches the deck chooser and the list */
  {
    gboolean reached = FALSE;

    gtk_widget_grab_focus (GTK_WIDGET (tri_window_get_triangle_view (window)));
    for (int i = 0; i < 60 && !reached; i++)
      {
        GtkWidget *focus;

        if (have_xdotool ())
          press (window, "Tab", NULL);
        else
          gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
        focus = gtk_root_get_focus (GTK_ROOT (window));
        reached = focus != NULL && gtk_widget_is_ancestor (focus, pane);
      }
    g_assert_true (reached);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deck-pane/build-deck", test_build_deck);
  g_test_add_func ("/deck-pane/decks", test_decks);
  g_test_add_func ("/deck-pane/markings", test_markings);
  g_test_add_func ("/deck-pane/read-only", test_read_only);
  g_test_add_func ("/deck-pane/named", test_named);
  return g_test_run ();
}
