/* test-panel.c: the evidence panel shows each quote's grade, what it
 * means, and whether it was verified against its source
 *
 * TRI_SCREENSHOT_DIR=DIR keeps a picture of the panel (panel-grades.png).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "render/tri-catalog.h"
#include "ui/tri-application.h"
#include "ui/tri-evidence-panel.h"
#include "tri-test-util.h"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
collect (GtkWidget  *root,
         const char *css_class,
         GPtrArray  *found)
{
  if (gtk_widget_has_css_class (root, css_class))
    g_ptr_array_add (found, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect (c, css_class, found);
}

static GtkWidget *
only (GtkWidget  *root,
      const char *css_class)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, css_class, found);
  g_assert_cmpuint (found->len, <=, 1);
  return found->len ? found->pdata[0] : NULL;
}

/* Keeps what the panel draws, as the screen shows it */
static void
save_picture (GtkWidget  *widget,
              const char *name)
{
  const char *dir = g_getenv ("TRI_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

typedef struct
{
  const char *text;
  const char *grade;
  const char *meaning;
  gboolean    verified;
} Want;

/* @data: non-NULL to drop the graded source's stored text and keep its
 * fingerprint: its quotes are then verified by the check made when they
 * were cut from it, and the panel says so */
static void
test_grades (gconstpointer data)
{
  gboolean fingerprint_only = data != NULL;
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_graded_briefing (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  const char *how = fingerprint_only
    ? "Checked word for word against the source document when the briefing was built;"
      " the document itself is not stored in the briefing"
    : "Checked word for word against the source’s text, which is stored in the briefing";
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  const Want want[] = {
    { TRI_TEST_GRADED_B2, "B2", "B: usually reliable source · 2: probably true", TRUE },
    { TRI_TEST_GRADED_B_, "B–", "B: usually reliable source · the quote’s credibility is not graded", TRUE },
    { TRI_TEST_GRADED_3, "–3", "the source’s reliability is not graded · 3: possibly true", FALSE },
    { TRI_TEST_GRADED_UNGRADED, "ungraded",
      "Ungraded: neither the source’s reliability nor the quote’s credibility is graded", FALSE },
  };
  GtkWidget *window, *panel;
  TriRelation *rel;
  TriDate as_of;
  guint seen = 0;

  if (fingerprint_only)
    tri_test_sql (path, "UPDATE source_document SET text = NULL");
  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  rel = tri_store_find_relation (store, "RUS-PRK", &error);
  g_assert_no_error (error);
  g_assert_true (tri_date_parse ("2024-12-31", &as_of, NULL));

  window = gtk_window_new ();
  panel = tri_evidence_panel_new ();
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 900);
  gtk_window_present (GTK_WINDOW (window));
  tri_evidence_panel_show_relation (TRI_EVIDENCE_PANEL (panel), store, rel, "Russia – North Korea", NULL,
                                    as_of.latest, 12, "en");
  spin (300);
  g_assert_cmpuint (tri_evidence_panel_get_n_quotes (TRI_EVIDENCE_PANEL (panel)), ==, G_N_ELEMENTS (want));

  collect (panel, "quote", cards);
  g_assert_cmpuint (cards->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *card = cards->pdata[i];
      GtkWidget *text = only (card, "quote-text");
      GtkWidget *grade = only (card, "grade");
      GtkWidget *note = only (card, "unverified-note");
      const char *tooltip;
      const Want *w = NULL;

      g_assert_nonnull (text);
      for (guint k = 0; k < G_N_ELEMENTS (want); k++)
        if (g_str_equal (gtk_label_get_text (GTK_LABEL (text)), want[k].text))
          w = &want[k];
      g_assert_nonnull (w);

      /* the grade beside the quote, its meaning on hover and for screen readers */
      g_assert_nonnull (grade);
      g_assert_true (gtk_widget_get_visible (grade) && gtk_widget_get_mapped (grade));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (grade)), ==, w->grade);
      tooltip = gtk_widget_get_tooltip_text (grade);
      g_assert_cmpstr (tooltip, ==, w->meaning);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (grade), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, w->meaning);

      /* said in words when it could not be checked against the source;
       * how it was checked, on hover over the quote and for screen readers */
      if (w->verified)
        {
          g_assert_null (note);
          g_assert_cmpstr (gtk_widget_get_tooltip_text (text), ==, how);
          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, how);
        }
      else
        {
          g_assert_nonnull (note);
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==, "not verified against the source");
          g_assert_null (gtk_widget_get_tooltip_text (text));
        }
      seen++;
    }
  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (want));

  save_picture (panel, fingerprint_only ? "panel-grades-build-check.png" : "panel-grades.png");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* The cards of a side's quotes, in order */
static GPtrArray *
card_texts (GtkWidget *panel)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  GPtrArray *texts = g_ptr_array_new ();

  collect (panel, "quote", cards);
  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *text = only (cards->pdata[i], "quote-text");

      g_assert_nonnull (text);
      g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (text)));
    }
  return texts;
}

static GtkWidget *
show_more_button (GtkWidget *panel)
{
  return only (panel, "show-more");
}

/* A side with 50 quotes: the panel builds the cards of about two screens,
 * more as the list is scrolled to its end or "Show more" is pressed, and
 * in the end shows every quote, newest first, each once */
static void
test_cards_as_scrolled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), &error);
  g_autoptr(GPtrArray) quotes = NULL;
  TriRelation *rel;
  GtkWidget *window, *panel, *more;
  GtkAdjustment *v;
  TriDate as_of;
  guint total = 0, n, steps;

  g_assert_no_error (error);
  rel = tri_store_find_relation (store, "RUS-PRK", &error);
  g_assert_no_error (error);
  g_assert_true (tri_date_parse ("2024-12-31", &as_of, NULL));
  /* all time: the side's 50 quotes */
  quotes = tri_store_list_quotes_in_period (store, rel->id, 0, as_of.latest, "en", 1000, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->len, >=, 40);

  window = gtk_window_new ();
  panel = tri_evidence_panel_new ();
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 700);
  gtk_window_present (GTK_WINDOW (window));
  tri_evidence_panel_show_relation (TRI_EVIDENCE_PANEL (panel), store, rel, "Russia – North Korea", NULL,
                                    as_of.latest, 0, "en");
  spin (400);

  /* every quote listed, a few of them carded: enough to fill the screen
   * and the next, not all 50 */
  g_assert_cmpuint (tri_evidence_panel_get_n_quotes (TRI_EVIDENCE_PANEL (panel)), ==, quotes->len);
  n = tri_evidence_panel_get_n_cards (TRI_EVIDENCE_PANEL (panel));
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpuint (n, <, quotes->len / 2);
  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (panel)));
  g_assert_cmpfloat (gtk_adjustment_get_page_size (v), >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), >=, 2 * gtk_adjustment_get_page_size (v));
  {
    g_autoptr(GPtrArray) texts = card_texts (panel);

    g_assert_cmpuint (texts->len, ==, n);
    for (guint i = 0; i < texts->len; i++)
      g_assert_cmpstr (texts->pdata[i], ==, ((TriQuote *) quotes->pdata[i])->text);
  }

  /* "Show more" says how many are not shown yet, and shows them */
  more = show_more_button (panel);
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_get_visible (more));
  {
    g_autofree char *label = g_strdup_printf ("Show more: %u quotes not shown yet", quotes->len - n);

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (more)), ==, label);
  }
  /* (a button activated clicks after its 250 ms press) */
  gtk_widget_activate (more);
  spin (500);
  g_assert_cmpuint (tri_evidence_panel_get_n_cards (TRI_EVIDENCE_PANEL (panel)), >=, n + 10);

  /* scrolled to the end, again and again: the rest */
  for (steps = 0; steps < 100 && tri_evidence_panel_get_n_cards (TRI_EVIDENCE_PANEL (panel)) < quotes->len; steps++)
    {
      gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
      spin (60);
    }
  g_assert_cmpuint (tri_evidence_panel_get_n_cards (TRI_EVIDENCE_PANEL (panel)), ==, quotes->len);
  g_assert_false (gtk_widget_get_visible (more));
  {
    g_autoptr(GPtrArray) texts = card_texts (panel);

    g_assert_cmpuint (texts->len, ==, quotes->len);
    for (guint i = 0; i < texts->len; i++)
      g_assert_cmpstr (texts->pdata[i], ==, ((TriQuote *) quotes->pdata[i])->text);
  }

  /* the same side again: built anew from its first cards, at the top */
  tri_evidence_panel_show_overview (TRI_EVIDENCE_PANEL (panel), "Evidence", "");
  tri_evidence_panel_show_relation (TRI_EVIDENCE_PANEL (panel), store, rel, "Russia – North Korea", NULL,
                                    as_of.latest, 0, "en");
  spin (200);
  g_assert_cmpuint (tri_evidence_panel_get_n_cards (TRI_EVIDENCE_PANEL (panel)), <, quotes->len / 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  tri_catalog_set_dir (po);

  gtk_test_init (&argc, &argv, NULL);
  tri_application_load_style ();

  g_test_add_data_func ("/panel/grades", NULL, test_grades);
  g_test_add_data_func ("/panel/grades-build-check", "", test_grades);
  g_test_add_func ("/panel/cards-as-scrolled", test_cards_as_scrolled);
  return g_test_run ();
}
