/* test-translations-report.c: the Missing Translations window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <sqlite3.h>

#include "document/tri-document.h"
#include "store/tri-missing.h"
#include "ui/tri-translations-report.h"
#include "tri-test-util.h"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect (c, type, found);
}

static GtkWidget *
find (GtkWidget *root,
      GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, type, found);
  return found->len > 0 ? found->pdata[0] : NULL;
}

static guint
count_rows (GtkWidget *page)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (page, GTK_TYPE_LIST_BOX_ROW, rows);
  return rows->len;
}

static char *
page_text (GtkWidget *page)
{
  return GTK_IS_LABEL (page) ? g_strdup (gtk_label_get_text (GTK_LABEL (page))) : NULL;
}

/* A copy of the bundled briefing with translations taken out: each
 * language's button says its count, its page lists that many rows, and
 * Tab reaches the buttons and the rows. */
static void
test_report_store (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *copy = tri_test_copy_briefing (dir, "fewer.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  const char * const *langs = tri_missing_languages ();
  GtkWindow *report;
  GtkStack *stack;
  gboolean reached_button = FALSE, reached_row = FALSE;

  tri_test_sql (copy,
                "DELETE FROM event_text WHERE lang = 'ko' AND event IN (SELECT id FROM event ORDER BY id LIMIT 4);"
                "DELETE FROM quote_translation WHERE lang = 'en' AND quote = (SELECT min (id) FROM quote);"
                "DELETE FROM briefing WHERE lang = 'ru';");
  store = tri_store_open (copy, &error);
  g_assert_no_error (error);
  missing = tri_missing_from_store (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tri_missing_count (missing, "ko"), >=, 4);

  report = tri_translations_report_new (NULL, store, NULL, "ko");
  g_object_ref_sink (report);
  gtk_window_present (report);
  spin (200);
  g_assert_cmpstr (gtk_window_get_title (report), ==, "Missing Translations");

  stack = GTK_STACK (find (GTK_WIDGET (report), GTK_TYPE_STACK));
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "ko");
  collect (GTK_WIDGET (report), GTK_TYPE_TOGGLE_BUTTON, buttons);
  g_assert_cmpuint (buttons->len, ==, TRI_MISSING_N_LANGS);

  for (guint l = 0; langs[l] != NULL; l++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (stack, langs[l]);
      guint n = tri_missing_count (missing, langs[l]);
      g_autofree char *count = g_strdup_printf ("(%u)", n);
      const char *title = gtk_stack_page_get_title (gtk_stack_get_page (stack, page));
      g_autofree char *text = page_text (page);

      g_assert_nonnull (page);
      g_assert_cmpuint (tri_translations_report_get_count (TRI_TRANSLATIONS_REPORT (report), langs[l]), ==, n);
      g_assert_true (g_str_has_suffix (title, count));
      /* the switcher shows the same words */
      {
        GtkWidget *label = find (buttons->pdata[l], GTK_TYPE_LABEL);

        g_assert_nonnull (label);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, title);
      }
      if (n == 0)
        g_assert_nonnull (strstr (text, "Nothing is missing in"));
      else
        g_assert_cmpuint (count_rows (page), ==, n);
    }
  {
    GtkWidget *label = find (buttons->pdata[4], GTK_TYPE_LABEL);
    g_autofree char *want = g_strdup_printf ("한국어 (%u)", tri_missing_count (missing, "ko"));

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, want);
  }

  /* the keyboard reaches the language buttons and the list's rows */
  for (guint i = 0; i < 40 && !(reached_button && reached_row); i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (report), GTK_DIR_TAB_FORWARD);
      focus = gtk_window_get_focus (report);
      if (focus != NULL && GTK_IS_TOGGLE_BUTTON (focus))
        reached_button = TRUE;
      if (focus != NULL && GTK_IS_LIST_BOX_ROW (focus))
        reached_row = TRUE;
    }
  g_assert_true (reached_button);
  g_assert_true (reached_row);

  /* choosing a language shows its page */
  tri_translations_report_set_lang (TRI_TRANSLATIONS_REPORT (report), "ru");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "ru");
  {
    GtkWidget *row = find (gtk_stack_get_visible_child (stack), GTK_TYPE_LIST_BOX_ROW);
    GtkWidget *label = row ? find (row, GTK_TYPE_LABEL) : NULL;

    g_assert_nonnull (label);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "The briefing’s title");
  }

  /* Escape closes it */
  gtk_widget_activate_action (GTK_WIDGET (report), "window.close", NULL);
  spin (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (report)));
  gtk_window_destroy (report);
  g_object_unref (report);
}

/* A briefing being edited, read through its connection: after an edit
 * and a refresh, the list follows, on the page that was shown. */
static void
test_report_db (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  GtkWindow *report;
  GtkStack *stack;

  g_assert_true (tri_document_create_new (path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);

  report = tri_translations_report_new (NULL, NULL, db, "en");
  g_object_ref_sink (report);
  stack = GTK_STACK (find (GTK_WIDGET (report), GTK_TYPE_STACK));
  for (guint l = 0; tri_missing_languages ()[l] != NULL; l++)
    g_assert_cmpuint (tri_translations_report_get_count (TRI_TRANSLATIONS_REPORT (report),
                                                         tri_missing_languages ()[l]), ==, 1);
  g_assert_cmpuint (count_rows (gtk_stack_get_child_by_name (stack, "en")), ==, 1);

  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO briefing (lang, title) VALUES ('en', 'Mine')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  tri_translations_report_refresh (TRI_TRANSLATIONS_REPORT (report));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "en");
  g_assert_cmpuint (tri_translations_report_get_count (TRI_TRANSLATIONS_REPORT (report), "en"), ==, 0);
  g_assert_cmpuint (tri_translations_report_get_count (TRI_TRANSLATIONS_REPORT (report), "vi"), ==, 1);
  {
    g_autofree char *text = page_text (gtk_stack_get_child_by_name (stack, "en"));
    g_assert_cmpstr (text, ==, "Nothing is missing in English.");
  }

  gtk_window_destroy (report);
  g_object_unref (report);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/translations-report/store", test_report_store);
  g_test_add_func ("/translations-report/db", test_report_db);
  return g_test_run ();
}
