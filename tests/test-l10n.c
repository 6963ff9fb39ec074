/* test-l10n.c: the window in Vietnamese, and Vietnamese data on an
 * English desktop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "render/tri-catalog.h"
#include "ui/tri-hotspot.h"
#include "ui/tri-window.h"
#include "tri-test-gui.h"
#include "tri-test-util.h"

static TriStore *store;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *))
{
  if (match (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match);
      if (found)
        return found;
    }
  return NULL;
}

/* the main menu's button (F10), not another menu button of the header */
static gboolean
is_menu_button (GtkWidget *w)
{
  return GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (w));
}

static gboolean
is_export_button (GtkWidget *w)
{
  return GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "win.export") == 0;
}

static gboolean
is_present_button (GtkWidget *w)
{
  return GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "win.present") == 0;
}

static char *
first_menu_label (TriWindow *window)
{
  GtkWidget *header = gtk_window_get_titlebar (GTK_WINDOW (window));
  GtkWidget *button = find_widget (header, is_menu_button);
  GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  GMenuModel *section = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);
  char *label = NULL;

  g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  g_object_unref (section);
  return label;
}

static const char *
hotspot_label (TriWindow  *window,
               const char *key)
{
  GtkWidget *view = GTK_WIDGET (tri_window_get_triangle_view (window));

  for (GtkWidget *c = gtk_widget_get_first_child (view); c; c = gtk_widget_get_next_sibling (c))
    if (g_str_equal (tri_hotspot_get_key (TRI_HOTSPOT (c)), key))
      return tri_hotspot_get_label (TRI_HOTSPOT (c));
  return NULL;
}

static TriWindow *
open_window (void)
{
  TriWindow *window = tri_window_new (NULL, store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (300);
  tri_test_wait_until_drawn (window);
  return window;
}

static void
test_vietnamese_desktop (void)
{
  TriWindow *window;
  g_autofree char *menu = NULL;
  g_autofree char *title = tri_store_dup_title (store, "vi");
  TriTriangleLayout *layout;

  g_setenv ("LANGUAGE", "vi", TRUE);
  textdomain (GETTEXT_PACKAGE);   /* gettext caches: a new LANGUAGE needs this */
  window = open_window ();

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  g_assert_true (g_str_has_prefix (title, "Nga – Trung Quốc – Triều Tiên"));
  menu = first_menu_label (window);
  g_assert_cmpstr (menu, ==, "_Mở báo cáo…");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find_widget (GTK_WIDGET (window), is_export_button))), ==, "_Xuất…");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_widget (GTK_WIDGET (window), is_present_button)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Chế độ trình chiếu");
  g_assert_cmpstr (hotspot_label (window, "node:RUS"), ==, "Nga");
  g_assert_cmpstr (hotspot_label (window, "node:PRK"), ==, "Triều Tiên");
  g_assert_cmpstr (tri_evidence_panel_get_title (tri_window_get_evidence_panel (window)), ==, "Căn cứ");

  layout = tri_triangle_view_get_layout (tri_window_get_triangle_view (window));
  g_assert_true (g_str_has_suffix (((TriEdgeLayout *) layout->edges->pdata[0])->label, "chủ yếu hợp tác"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_vietnamese_data_on_english_desktop (void)
{
  TriWindow *window;
  g_autofree char *menu = NULL;
  TriTriangleLayout *layout;

  g_setenv ("LANGUAGE", "en", TRUE);
  textdomain (GETTEXT_PACKAGE);
  window = open_window ();
  g_assert_cmpstr (hotspot_label (window, "node:RUS"), ==, "Russia");

  /* switched while presenting, as an analyst would before a Vietnamese
   * audience; no deck open, so presenting steps through the events and
   * their briefing slide (a deck's slides: test-deck-present) */
  tri_window_set_deck (window, NULL, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  spin (100);
  g_action_group_change_action_state (G_ACTION_GROUP (window), "data-language", g_variant_new_string ("vi"));
  spin (200);

  g_assert_cmpstr (tri_window_get_data_language (window), ==, "vi");
  g_assert_cmpstr (hotspot_label (window, "node:RUS"), ==, "Nga");
  layout = tri_triangle_view_get_layout (tri_window_get_triangle_view (window));
  g_assert_true (g_str_has_suffix (((TriEdgeLayout *) layout->edges->pdata[0])->label, "chủ yếu hợp tác"));
  {
    /* the slide being presented, in Vietnamese: its event's date */
    const TriSlideLayout *slide = tri_window_get_slide (window);
    const char *subheading = NULL;

    g_assert_nonnull (slide);
    for (guint i = 0; i < slide->boxes->len; i++)
      if (g_str_equal (g_array_index (slide->boxes, TriSlideBox, i).role, "subheading"))
        subheading = g_array_index (slide->boxes, TriSlideBox, i).text;
    g_assert_nonnull (subheading);
    {
      /* "Năm 2000 · …" or "Tháng 10 năm 2023 · …": capitalised at the start */
      g_autofree char *folded = g_utf8_strdown (subheading, -1);

      g_assert_nonnull (strstr (folded, "năm"));
      g_assert_false (g_unichar_islower (g_utf8_get_char (subheading)));
    }
  }
  /* the interface itself stays English */
  menu = first_menu_label (window);
  g_assert_cmpstr (menu, ==, "_Open Briefing…");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  int ret;

  /* as main.c does, with the build tree's catalogues */
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  tri_catalog_set_dir (po);

  gtk_test_init (&argc, &argv, NULL);
  store = tri_store_open (tri_test_briefing_path (), NULL);

  g_test_add_func ("/l10n/vietnamese-desktop", test_vietnamese_desktop);
  g_test_add_func ("/l10n/vietnamese-data-on-english-desktop", test_vietnamese_data_on_english_desktop);
  ret = g_test_run ();
  g_clear_object (&store);
  return ret;
}
