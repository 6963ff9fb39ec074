/* test-window-filter.c: the filters in the window, as a user sets them
 *
 * The filter is chosen in the popover's own widgets (its check buttons,
 * its grade dropdown), never by calling the session; what is checked is
 * what a user notices: the chip, the events on the timeline, the quotes
 * in the panel, the "as of" line of an export, and everything back once
 * the chip is removed. The counts come from the store, not from numbers
 * written here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "render/tri-labels.h"
#include "store/tri-filter.h"
#include "ui/tri-deck-pane.h"
#include "ui/tri-filter-bar.h"
#include "ui/tri-window.h"
#include "tri-test-gui.h"
#include "tri-test-util.h"

static TriStore *store;

static TriFilterBar *
filter_bar (TriWindow *window)
{
  GtkWidget *bar = NULL;

  /* the bar is the child of the timeline's box, just above it */
  for (GtkWidget *w = gtk_widget_get_prev_sibling (GTK_WIDGET (tri_window_get_timeline_view (window)));
       w != NULL && bar == NULL; w = gtk_widget_get_prev_sibling (w))
    if (TRI_IS_FILTER_BAR (w))
      bar = w;
  if (bar == NULL)
    g_error ("no filter bar above the timeline");
  return TRI_FILTER_BAR (bar);
}

/* The events of the bundled briefing, all of them, from the store */
static GPtrArray *
all_events (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);

  g_assert_no_error (error);
  if (events == NULL)
    g_error ("no events");
  return events;
}

/* The events the timeline shows, with every event in range */
static GHashTable *
timeline_event_ids (TriWindow *window)
{
  TriTimelineLayout *layout;
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.fit-timeline", NULL);
  tri_test_spin (100);
  tri_test_wait_until_drawn (window);
  layout = tri_timeline_view_get_layout (tri_window_get_timeline_view (window));
  if (layout == NULL)
    g_error ("the timeline has no layout");
  /* drawn as marks, counted in bins, or in a lane's "+N more" */
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const TriTimelineMark *m = layout->marks->pdata[i];

      g_hash_table_add (ids, g_memdup2 (&m->event_id, sizeof m->event_id));
    }
  for (guint i = 0; i < layout->clusters->len; i++)
    {
      const TriTimelineCluster *c = layout->clusters->pdata[i];

      for (guint j = 0; c->event_ids != NULL && j < c->event_ids->len; j++)
        g_hash_table_add (ids, g_memdup2 (&g_array_index (c->event_ids, gint64, j), sizeof (gint64)));
    }
  for (guint k = 0; k < TRI_N_CATEGORIES; k++)
    for (guint j = 0; layout->more[k].event_ids != NULL && j < layout->more[k].event_ids->len; j++)
      g_hash_table_add (ids, g_memdup2 (&g_array_index (layout->more[k].event_ids, gint64, j), sizeof (gint64)));
  return ids;
}

/* The header's subtitle: "As of: …" */
static const char *
subtitle (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "subtitle"))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *text = subtitle (c);

      if (text != NULL)
        return text;
    }
  return NULL;
}

/* A button pressed from the keyboard (Space): it says "clicked" once its
 * pressed look has shown */
static void
press (GtkWidget *button)
{
  g_assert_true (gtk_widget_activate (button));
  tri_test_spin (400);
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
popover_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static const char *
check_label (GtkCheckButton *check)
{
  GtkWidget *child = gtk_check_button_get_child (check);

  return GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : gtk_check_button_get_label (check);
}

/* The quote ids the panel lists, each with the event it belongs to */
static GHashTable *
quote_events (gint64 relation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, relation, 0, "en", &error);
  GHashTable *events = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_assert_no_error (error);
  for (guint i = 0; quotes != NULL && i < quotes->len; i++)
    {
      const TriQuote *q = quotes->pdata[i];

      g_hash_table_insert (events, g_memdup2 (&q->id, sizeof q->id), g_memdup2 (&q->event_id, sizeof q->event_id));
    }
  return events;
}

/* How many quotes the panel lists, and how many of them belong to an
 * event of @events (ids), the rest (of other events or of none) */
static void
count_panel_quotes (TriWindow  *window,
                    GHashTable *quote_event,
                    GHashTable *events,
                    guint      *in,
                    guint      *out)
{
  GPtrArray *ids = tri_evidence_panel_get_quote_ids (tri_window_get_evidence_panel (window));

  *in = *out = 0;
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      const gint64 *event = g_hash_table_lookup (quote_event, ids->pdata[i]);

      if (event != NULL && *event != 0 && g_hash_table_contains (events, event))
        (*in)++;
      else
        (*out)++;
    }
}

/* The panel is built again once "as of" rests */
static void
wait_for_panel (void)
{
  tri_test_spin (400);
}

static char *
squeeze (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f", -1);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (s, s->len ? " %s" : "%s", words[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The text of a PDF, its words one space apart */
static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return squeeze (out);
}

/* Category = military through the popover: the chip, the timeline, the
 * panel, the export, and everything back when the chip goes */
static void
test_category_military (void)
{
  TriWindow *window = tri_test_open_window (store, 1200, 800);
  TriSession *session = tri_window_get_session (window);
  TriFilterBar *bar = filter_bar (window);
  GtkPopover *popover = tri_filter_bar_get_popover (bar);
  g_autoptr(GPtrArray) events = all_events ();
  g_autoptr(GHashTable) military = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) shown = NULL;
  g_autoptr(GHashTable) quote_event = NULL;
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "filtered.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *said = NULL;
  GtkCheckButton *check;
  GtkWidget *remove;
  GHashTableIter iter;
  gpointer key;
  gint64 relation;
  guint in = 0, out = 0;
  int timeline_height;

  for (guint i = 0; i < events->len; i++)
    {
      TriEvent *ev = events->pdata[i];

      if (ev->category == TRI_CATEGORY_MILITARY)
        g_hash_table_add (military, &ev->id);
    }
  g_assert_cmpuint (g_hash_table_size (military), >, 0);
  g_assert_cmpuint (g_hash_table_size (military), <, events->len);

  /* unfiltered, the row shows nothing and the timeline every event */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  timeline_height = gtk_widget_get_height (GTK_WIDGET (tri_window_get_timeline_view (window)));
  shown = timeline_event_ids (window);
  g_assert_cmpuint (g_hash_table_size (shown), ==, events->len);
  g_clear_pointer (&shown, g_hash_table_unref);

  /* a side over all time: its quotes of every kind of event */
  tri_session_set_window_months (session, 0);
  relation = tri_store_find_relation (store, "RUS-PRK", NULL)->id;
  g_signal_emit_by_name (tri_window_get_triangle_view (window), "edge-activated", relation);
  wait_for_panel ();
  quote_event = quote_events (relation);
  count_panel_quotes (window, quote_event, military, &in, &out);
  g_assert_cmpuint (in, >, 0);
  g_assert_cmpuint (out, >, 0);

  /* Filter… opens the popover; its check button says the category */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL);
  g_assert_true (tri_test_spin_until (popover_shown, popover));
  check = tri_filter_bar_get_check (bar, TRI_FILTER_CATEGORY, "military");
  if (check == NULL)
    g_error ("no check button for the military category");
  g_assert_cmpstr (check_label (check), ==, tri_category_label (TRI_CATEGORY_MILITARY, "en"));
  g_assert_false (gtk_check_button_get_active (check));
  gtk_widget_activate (GTK_WIDGET (check));
  tri_test_spin (50);
  g_assert_true (gtk_check_button_get_active (check));

  /* Escape closes the popover */
  if (tri_test_have_xdotool ())
    {
      tri_test_xdotool ("key Escape");
      g_assert_true (tri_test_spin_until (popover_hidden, popover));
    }
  else
    gtk_popover_popdown (popover);

  /* the chip */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_nonnull (tri_filter_bar_get_chip (bar, TRI_FILTER_CATEGORY));
  g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_CATEGORY), ==,
                   tri_category_label (TRI_CATEGORY_MILITARY, "en"));
  remove = tri_filter_bar_get_chip_remove (bar, TRI_FILTER_CATEGORY);
  if (remove == NULL)
    g_error ("the chip has no remove button");
  g_assert_true (gtk_widget_get_focusable (remove));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "Remove filter: Military and security");
  /* what a screen reader says: the × by the chip's name, the check by its label */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove filter: Military and security");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Military and security");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_null (tri_filter_bar_get_chip (bar, TRI_FILTER_CONFIDENCE));

  /* the timeline: exactly the military events, at the height it had (the
   * row takes its room from the triangle) */
  shown = timeline_event_ids (window);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (tri_window_get_timeline_view (window))), ==, timeline_height);
  g_assert_cmpuint (g_hash_table_size (shown), ==, g_hash_table_size (military));
  g_hash_table_iter_init (&iter, shown);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_true (g_hash_table_contains (military, key));
  g_clear_pointer (&shown, g_hash_table_unref);

  /* the panel: only quotes of those events */
  wait_for_panel ();
  count_panel_quotes (window, quote_event, military, &in, &out);
  g_assert_cmpuint (in, >, 0);
  g_assert_cmpuint (out, ==, 0);

  /* an export from the window says so in its "as of" line */
  {
    g_autoptr(TriExportRequest) request = tri_export_request_new ();
    g_autoptr(GError) error = NULL;

    request->view = TRI_EXPORT_VIEW_SLIDE;
    request->width = 1280;
    request->height = 720;
    g_assert_true (tri_window_export (window, request, pdf, &error));
    g_assert_no_error (error);
    g_assert_nonnull (request->filter);
    g_assert_true (tri_filter_equal (request->filter, tri_session_get_filter (session)));
  }
  description = tri_filter_describe (tri_session_get_filter (session), store, "en");
  g_assert_cmpstr (description, !=, "");
  said = squeeze (description);
  text = pdf_text (pdf);
  if (strstr (text, said) == NULL)
    g_error ("the export does not say “%s”: %s", said, text);
  /* and so does the header */
  g_assert_nonnull (strstr (subtitle (gtk_window_get_titlebar (GTK_WINDOW (window))), description));

  /* removing the chip brings everything back */
  press (remove);
  g_assert_true (tri_filter_is_empty (tri_session_get_filter (session)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_null (tri_filter_bar_get_chip (bar, TRI_FILTER_CATEGORY));
  g_assert_false (gtk_check_button_get_active (check));
  shown = timeline_event_ids (window);
  g_assert_cmpuint (g_hash_table_size (shown), ==, events->len);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (tri_window_get_timeline_view (window))), ==, timeline_height);
  g_assert_null (strstr (subtitle (gtk_window_get_titlebar (GTK_WINDOW (window))), description));
  wait_for_panel ();
  count_panel_quotes (window, quote_event, military, &in, &out);
  g_assert_cmpuint (in, >, 0);
  g_assert_cmpuint (out, >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  tri_test_spin (50);
}

/* Two facets through the popover (the grade dropdown and an actor), two
 * chips in the popover's order, each named; Clear Filters clears both */
static void
test_grade_and_actor (void)
{
  TriWindow *window = tri_test_open_window (store, 1200, 800);
  TriSession *session = tri_window_get_session (window);
  TriFilterBar *bar = filter_bar (window);
  GtkPopover *popover = tri_filter_bar_get_popover (bar);
  GtkDropDown *grade = tri_filter_bar_get_grade_dropdown (bar);
  GListModel *choices = gtk_drop_down_get_model (grade);
  GtkCheckButton *russia;
  GtkWidget *first, *second;
  guint b2 = G_MAXUINT;
  g_autofree char *text = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL);
  g_assert_true (tri_test_spin_until (popover_shown, popover));

  /* "Any grade" first, then the thresholds, best first */
  g_assert_cmpstr (gtk_string_object_get_string (g_list_model_get_item (choices, 0)), ==, "Any grade");
  g_object_unref (g_list_model_get_item (choices, 0));
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GtkStringObject) s = g_list_model_get_item (choices, i);

      if (g_str_equal (gtk_string_object_get_string (s), "B2 or better"))
        b2 = i;
    }
  g_assert_cmpuint (b2, <, g_list_model_get_n_items (choices));
  gtk_drop_down_set_selected (grade, b2);

  russia = tri_filter_bar_get_check (bar, TRI_FILTER_ACTOR, "RUS");
  if (russia == NULL)
    g_error ("no check button for Russia");
  g_assert_cmpstr (check_label (russia), ==, "Russia");
  gtk_widget_activate (GTK_WIDGET (russia));
  tri_test_spin (50);
  gtk_popover_popdown (popover);

  text = tri_filter_to_string (tri_session_get_filter (session));
  g_assert_cmpstr (text, ==, "grade=B2,actor=RUS");
  g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_GRADE), ==, "B2 or better");
  g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_ACTOR), ==, "Russia");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (tri_filter_bar_get_chip_remove (bar, TRI_FILTER_ACTOR)), ==,
                   "Remove filter: Russia");

  /* in the row's order: the grade's chip, then the actor's */
  first = tri_filter_bar_get_chip (bar, TRI_FILTER_GRADE);
  second = tri_filter_bar_get_chip (bar, TRI_FILTER_ACTOR);
  g_assert_true (gtk_widget_get_next_sibling (first) == second);

  /* the row takes the keyboard: Tab from the grade's × reaches the actor's */
  gtk_widget_grab_focus (tri_filter_bar_get_chip_remove (bar, TRI_FILTER_GRADE));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_has_focus (tri_filter_bar_get_chip_remove (bar, TRI_FILTER_ACTOR)));

  /* a chip removed from the keyboard hands it to the next one */
  gtk_widget_grab_focus (tri_filter_bar_get_chip_remove (bar, TRI_FILTER_GRADE));
  press (tri_filter_bar_get_chip_remove (bar, TRI_FILTER_GRADE));
  g_assert_null (tri_filter_bar_get_chip (bar, TRI_FILTER_GRADE));
  g_assert_true (gtk_widget_has_focus (tri_filter_bar_get_chip_remove (bar, TRI_FILTER_ACTOR)));
  g_assert_cmpuint (gtk_drop_down_get_selected (grade), ==, 0);

  /* Clear Filters */
  press (tri_filter_bar_get_clear_button (bar));
  g_assert_true (tri_filter_is_empty (tri_session_get_filter (session)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_false (gtk_check_button_get_active (russia));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL);
  g_assert_true (tri_test_spin_until (popover_shown, popover));
  gtk_popover_popdown (popover);

  gtk_window_destroy (GTK_WINDOW (window));
  tri_test_spin (50);
}

/* A filter set from outside (a slide shown, the command line) is shown:
 * the chip and the popover's checks */
static void
test_follows_session (void)
{
  TriWindow *window = tri_test_open_window (store, 1200, 800);
  TriSession *session = tri_window_get_session (window);
  TriFilterBar *bar = filter_bar (window);
  g_autoptr(TriFilter) filter = tri_filter_parse ("confidence=confirmed|reported,claim=allegation,grade=C2", NULL);
  GtkPopover *popover = tri_filter_bar_get_popover (bar);
  GtkDropDown *grade = tri_filter_bar_get_grade_dropdown (bar);
  g_autoptr(GtkStringObject) shown = NULL;

  if (filter == NULL)
    g_error ("the filter does not parse");
  tri_session_set_filter (session, filter);
  tri_test_spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_CONFIDENCE), ==, "Confirmed or Reported");
  g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_CLAIM), ==, "Claim: allegation");
  g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_GRADE), ==, "C2 or better");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL);
  g_assert_true (tri_test_spin_until (popover_shown, popover));
  g_assert_true (gtk_check_button_get_active (tri_filter_bar_get_check (bar, TRI_FILTER_CONFIDENCE, "confirmed")));
  g_assert_true (gtk_check_button_get_active (tri_filter_bar_get_check (bar, TRI_FILTER_CONFIDENCE, "reported")));
  g_assert_false (gtk_check_button_get_active (tri_filter_bar_get_check (bar, TRI_FILTER_CONFIDENCE, "alleged")));
  g_assert_true (gtk_check_button_get_active (tri_filter_bar_get_check (bar, TRI_FILTER_CLAIM, "allegation")));
  /* a grade the dropdown did not offer is added to it, and chosen */
  shown = gtk_drop_down_get_selected_item (grade) != NULL ? g_object_ref (gtk_drop_down_get_selected_item (grade)) : NULL;
  if (shown == NULL)
    g_error ("the grade dropdown shows nothing");
  g_assert_cmpstr (gtk_string_object_get_string (shown), ==, "C2 or better");

  /* unchecking in the popover keeps the other value */
  gtk_widget_activate (GTK_WIDGET (tri_filter_bar_get_check (bar, TRI_FILTER_CONFIDENCE, "reported")));
  tri_test_spin (50);
  g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_CONFIDENCE), ==, "Confirmed");
  gtk_popover_popdown (popover);

  gtk_window_destroy (GTK_WINDOW (window));
  tri_test_spin (50);
}

/* The sources are searchable: typing without diacritics, or part of a
 * title, narrows the list down to the sources that match */
static void
test_source_search (void)
{
  TriWindow *window = tri_test_open_window (store, 1200, 800);
  TriFilterBar *bar = filter_bar (window);
  GtkPopover *popover = tri_filter_bar_get_popover (bar);
  GtkEditable *search = tri_filter_bar_get_source_search (bar);
  g_autoptr(GPtrArray) sources = tri_store_list_sources (store, "en", NULL);
  const TriSource *first;
  g_autofree char *word = NULL;
  guint listed = 0;

  if (sources == NULL || sources->len < 2)
    g_error ("the bundled briefing has fewer than two sources");
  first = sources->pdata[0];

  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL);
  g_assert_true (tri_test_spin_until (popover_shown, popover));
  for (guint i = 0; i < sources->len; i++)
    listed += tri_filter_bar_get_check (bar, TRI_FILTER_SOURCE, ((TriSource *) sources->pdata[i])->id) != NULL;
  g_assert_cmpuint (listed, ==, sources->len);

  /* the first source's title, typed in capitals: only the sources that say it */
  word = g_utf8_strup (first->title, -1);
  gtk_editable_set_text (search, word);
  tri_test_spin (400);   /* the search entry waits before it says it changed */
  g_assert_nonnull (tri_filter_bar_get_check (bar, TRI_FILTER_SOURCE, first->id));
  for (guint i = 1; i < sources->len; i++)
    {
      const TriSource *s = sources->pdata[i];
      g_autofree char *a = g_utf8_casefold (s->title, -1);
      g_autofree char *b = g_utf8_casefold (first->title, -1);

      if (strstr (a, b) == NULL)
        g_assert_null (tri_filter_bar_get_check (bar, TRI_FILTER_SOURCE, s->id));
    }

  /* choosing it makes the chip "Source: …" */
  gtk_widget_activate (GTK_WIDGET (tri_filter_bar_get_check (bar, TRI_FILTER_SOURCE, first->id)));
  tri_test_spin (50);
  {
    g_autofree char *expected = g_strdup_printf ("Source: %s", first->title);

    g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_SOURCE), ==, expected);
  }
  gtk_popover_popdown (popover);

  gtk_window_destroy (GTK_WINDOW (window));
  tri_test_spin (50);
}

/* The keyboard alone: Ctrl+Shift+F opens the popover, Tab reaches every
 * check button, the grade and the source search, Escape closes it and
 * the keyboard is back on the Filter button */
static void
test_keyboard (void)
{
  TriWindow *window;
  TriFilterBar *bar;
  GtkPopover *popover;
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, "en", NULL);
  g_autoptr(GPtrArray) sources = tri_store_list_sources (store, "en", NULL);
  gboolean grade = FALSE, search = FALSE;

  if (!tri_test_have_xdotool ())
    return;
  window = tri_test_open_window (store, 1200, 800);
  bar = filter_bar (window);
  popover = tri_filter_bar_get_popover (bar);

  tri_test_xdotool ("key ctrl+shift+f");
  g_assert_true (tri_test_spin_until (popover_shown, popover));
  for (guint i = 0; i < 80; i++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

      if (focus != NULL)
        {
          g_hash_table_add (reached, focus);
          grade |= gtk_widget_is_ancestor (focus, GTK_WIDGET (tri_filter_bar_get_grade_dropdown (bar)));
          search |= gtk_widget_is_ancestor (focus, GTK_WIDGET (tri_filter_bar_get_source_search (bar)));
        }
      tri_test_xdotool ("key Tab");
      tri_test_spin (20);
    }
  for (TriCategory c = 0; c < TRI_N_CATEGORIES; c++)
    g_assert_true (g_hash_table_contains (reached, tri_filter_bar_get_check (bar, TRI_FILTER_CATEGORY,
                                                                           tri_category_to_string (c))));
  for (TriConfidence c = 0; c < TRI_N_CONFIDENCES; c++)
    g_assert_true (g_hash_table_contains (reached, tri_filter_bar_get_check (bar, TRI_FILTER_CONFIDENCE,
                                                                           tri_confidence_to_string (c))));
  for (TriClaim c = 0; c < TRI_N_CLAIMS; c++)
    g_assert_true (g_hash_table_contains (reached, tri_filter_bar_get_check (bar, TRI_FILTER_CLAIM,
                                                                           tri_claim_to_string (c))));
  for (guint i = 0; actors != NULL && i < actors->len; i++)
    g_assert_true (g_hash_table_contains (reached, tri_filter_bar_get_check (bar, TRI_FILTER_ACTOR,
                                                                           ((TriActor *) actors->pdata[i])->code)));
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    g_assert_true (g_hash_table_contains (reached, tri_filter_bar_get_check (bar, TRI_FILTER_SOURCE,
                                                                           ((TriSource *) sources->pdata[i])->id)));
  g_assert_true (grade);
  g_assert_true (search);

  /* Space on a check button filters; Escape closes the popover */
  gtk_widget_grab_focus (GTK_WIDGET (tri_filter_bar_get_check (bar, TRI_FILTER_CONFIDENCE, "confirmed")));
  tri_test_xdotool ("key space");
  tri_test_spin (100);
  g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_CONFIDENCE), ==, "Confirmed");
  tri_test_xdotool ("key Escape");
  g_assert_true (tri_test_spin_until (popover_hidden, popover));
  g_assert_true (gtk_widget_has_focus (tri_filter_bar_get_button (bar)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), tri_filter_bar_get_button (bar)));

  gtk_window_destroy (GTK_WINDOW (window));
  tri_test_spin (50);
}

/* A view slide made from the window keeps the filter; showing the slide
 * again brings its filter back, chips and all */
static void
test_slide_keeps_filter (void)
{
  TriWindow *window = tri_test_open_window (store, 1200, 800);
  TriSession *session = tri_window_get_session (window);
  TriFilterBar *bar = filter_bar (window);
  GtkPopover *popover = tri_filter_bar_get_popover (bar);
  TriDeckPane *pane = tri_window_get_deck_pane (window);
  g_autoptr(TriDeckSlide) plain = NULL;
  g_autoptr(TriDeckSlide) slide = NULL;

  plain = tri_deck_pane_slide_from_view (pane, TRI_DECK_SLIDE_VIEW);
  g_assert_null (plain->filter);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL);
  g_assert_true (tri_test_spin_until (popover_shown, popover));
  gtk_widget_activate (GTK_WIDGET (tri_filter_bar_get_check (bar, TRI_FILTER_CATEGORY, "military")));
  gtk_widget_activate (GTK_WIDGET (tri_filter_bar_get_check (bar, TRI_FILTER_CONFIDENCE, "confirmed")));
  tri_test_spin (50);
  gtk_popover_popdown (popover);

  slide = tri_deck_pane_slide_from_view (pane, TRI_DECK_SLIDE_VIEW);
  g_assert_cmpstr (slide->filter, ==, "category=military,confidence=confirmed");

  press (tri_filter_bar_get_clear_button (bar));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

  /* the slide shown again: its filter, and its chips */
  tri_deck_pane_restore_view (pane, slide);
  tri_test_spin (50);
  g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_CATEGORY), ==, "Military and security");
  g_assert_cmpstr (tri_filter_bar_get_chip_text (bar, TRI_FILTER_CONFIDENCE), ==, "Confirmed");
  {
    g_autofree char *text = tri_filter_to_string (tri_session_get_filter (session));

    g_assert_cmpstr (text, ==, slide->filter);
  }

  /* a slide without one shows everything */
  tri_deck_pane_restore_view (pane, plain);
  tri_test_spin (50);
  g_assert_true (tri_filter_is_empty (tri_session_get_filter (session)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

  gtk_window_destroy (GTK_WINDOW (window));
  tri_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  store = tri_store_open (tri_test_briefing_path (), NULL);

  g_test_add_func ("/window-filter/category-military", test_category_military);
  g_test_add_func ("/window-filter/grade-and-actor", test_grade_and_actor);
  g_test_add_func ("/window-filter/follows-session", test_follows_session);
  g_test_add_func ("/window-filter/source-search", test_source_search);
  g_test_add_func ("/window-filter/keyboard", test_keyboard);
  g_test_add_func ("/window-filter/slide-keeps-filter", test_slide_keeps_filter);
  ret = g_test_run ();
  g_clear_object (&store);
  return ret;
}
