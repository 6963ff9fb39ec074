/* tri-application.c
 *
 * The command line is handled in ::handle-local-options, before GTK opens a
 * display, so listing, quoting and (later) exporting work on a machine with
 * no display and no D-Bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-application"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli/tri-cli.h"
#include "document/tri-document.h"
#include "import/tri-import.h"
#include "render/tri-catalog.h"
#include "tri-application.h"
#include "tri-window.h"

static gint64 start_time;

/* When the process started, as near as main() can tell */
void
tri_application_set_start_time (gint64 monotonic_us)
{
  start_time = monotonic_us;
}

gint64
tri_application_get_start_time (void)
{
  return start_time;
}

struct _TriApplication
{
  GtkApplication  parent_instance;
  TriStore       *store;
};

G_DEFINE_FINAL_TYPE (TriApplication, tri_application, GTK_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the briefing database FILE instead of the bundled one"), N_("FILE") },
  { "list-events", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the events in date order, one per line, and exit"), NULL },
  { "quotes", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the quotes supporting a relation such as RUS-PRK, and exit"), N_("RELATION") },
  { "missing-translations", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the text fields with no value in a language (all five, or --lang’s), and exit"), NULL },
  { "search", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the events, quotes, sources and actors whose text has these words (in any language), and exit"), N_("QUERY") },
  { "filter", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --list-events, --quotes, --export or --export-data: only what passes, such as category=military,confidence=confirmed (README, “Filters”)"), N_("FILTER") },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --list-events, --quotes, --search or --missing-translations: print a JSON array"), NULL },
  { "lang", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Language of titles, translations and dates (en, vi, …)"), N_("LANG") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export to FILE (.png, .svg or .pdf) with no window, and exit"), N_("FILE") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export: triangle, timeline or slide (the default)"), N_("VIEW") },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export or --quotes: the date to show, such as 2024-06-19, 2024-06 or 2024"), N_("DATE") },
  /* text: GApplication would drop an integer 0, "all time" */
  { "window", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export or --quotes: months before the date that count: 3, 6, 12, 24, or 0 for all time"), N_("MONTHS") },
  { "relation", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export: the relation to select, such as RUS-PRK"), N_("RELATION") },
  { "event", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("With --export: the event to select, by its id"), N_("ID") },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export, --export-deck or a deck’s evidence table (--export-data --deck): the size in pixels, such as 1920x1080"), N_("WxH") },
  { "scale", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --export to PNG: 1, 2 or 3 pixels a pixel"), N_("N") },
  { "theme", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export: light or dark"), N_("THEME") },
  { "other-actors", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --export: show the other actors around the triangle"), NULL },
  { "export-deck", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export a deck as one PDF (OUT.pdf) or a folder of PNG or SVG files (FOLDER/) with no window, and exit"), N_("OUT") },
  { "deck", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export-deck, or --export-data’s evidence table: the deck, by its name (the first deck when left out or given no name)"), N_("NAME") },
  { "notes", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --export-deck to a PDF: a notes page for each slide after the slides"), NULL },
  { "export-data", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export the data to FILE (.csv, .gexf, .graphml, .json, .html) with no window, and exit"), N_("FILE") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export-data: csv, timelinejs, gexf, graphml, json or evidence; with --export-deck to a folder: png or svg"), N_("FORMAT") },
  { "table", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export-data in CSV: events (the default) or quotes"), N_("TABLE") },
  { "import-timelinejs", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a TimelineJS3 JSON timeline into a new briefing (--out), and exit"), N_("FILE") },
  { "import-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a spreadsheet (CSV: TimelineJS’s columns or Trilateral’s events) into a new briefing (--out) or an editable one (--into), and exit"), N_("FILE") },
  { "import-json", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a Trilateral JSON briefing into a new briefing (--out) or an editable one (--into), and exit"), N_("FILE") },
  { "import-gdelt", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a GDELT 1.0 or 2.0 event file into a new briefing (--out) or an editable one (--into), and exit"), N_("FILE") },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With an import: the new briefing to write"), N_("NEW") },
  { "into", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With an import: the editable briefing to merge into, as one step to undo"), N_("EDITABLE") },
  { "export-json", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export the briefing as Trilateral JSON to FILE with no window, and exit (--export-data FILE --format json)"), N_("FILE") },
  { "migrate-to", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Migrate a copy of an older briefing (--db) to the current format in NEW, and exit"), N_("NEW") },
  { "new", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Create an empty briefing to edit in NEW (the triangle’s three actors), and exit"), N_("NEW") },
  { "copy-to", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write an editable copy of the briefing (--db) to NEW, and exit; the briefing is only read"), N_("NEW") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

TriApplication *
tri_application_new (void)
{
  return g_object_new (TRI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

TriStore *
tri_application_get_store (TriApplication *self)
{
  g_return_val_if_fail (TRI_IS_APPLICATION (self), NULL);
  return self->store;
}

/* --lang speaks that language throughout: the data and the interface's
 * words in what is printed and exported. gettext follows LANGUAGE unless
 * the locale is plain C. */
static void
tri_application_use_language (const char *lang)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);

  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", tri_lang_normalize (lang), TRUE);
  /* gettext caches its lookups until the domain is set again */
  textdomain (GETTEXT_PACKAGE);
}

static void
print_error (const GError *error)
{
  g_printerr ("trilateral: %s\n", error->message);
}

static int
tri_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  TriApplication *self = TRI_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *migrate_to = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *copy_to = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *export_data_path = NULL;
  g_autofree char *export_deck_path = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *import_out = NULL;
  const char *quotes = NULL;
  const char *search = NULL;
  const char *filter = NULL;
  const char *lang = NULL;
  const char *window = NULL;
  const char *as_of = NULL;
  int window_months = -1;
  gboolean list = FALSE, json = FALSE, missing = FALSE;
  const char *missing_lang = NULL;
  g_autofree char *out = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return TRI_EXIT_OK;
    }

  g_variant_dict_lookup (options, "db", "^ay", &db);
  g_variant_dict_lookup (options, "migrate-to", "^ay", &migrate_to);
  g_variant_dict_lookup (options, "new", "^ay", &new_path);
  g_variant_dict_lookup (options, "copy-to", "^ay", &copy_to);
  g_variant_dict_lookup (options, "export", "^ay", &export_path);
  g_variant_dict_lookup (options, "export-data", "^ay", &export_data_path);
  g_variant_dict_lookup (options, "export-deck", "^ay", &export_deck_path);
  if (export_data_path == NULL)
    g_variant_dict_lookup (options, "export-json", "^ay", &export_data_path);
  g_variant_dict_lookup (options, "import-timelinejs", "^ay", &import_path);
  g_variant_dict_lookup (options, "out", "^ay", &import_out);
  g_variant_dict_lookup (options, "quotes", "&s", &quotes);
  g_variant_dict_lookup (options, "search", "&s", &search);
  g_variant_dict_lookup (options, "filter", "&s", &filter);
  g_variant_dict_lookup (options, "lang", "&s", &lang);
  g_variant_dict_lookup (options, "list-events", "b", &list);
  g_variant_dict_lookup (options, "json", "b", &json);
  g_variant_dict_lookup (options, "window", "&s", &window);
  g_variant_dict_lookup (options, "as-of", "&s", &as_of);
  g_variant_dict_lookup (options, "missing-translations", "b", &missing);
  /* --missing-translations lists one language only when --lang names it */
  missing_lang = lang != NULL ? tri_lang_normalize (lang) : NULL;

  if (lang == NULL)
    lang = tri_lang_from_environment ();
  else
    tri_application_use_language (lang);

  if (db == NULL)
    db = tri_cli_default_db_path ();

  {
    static const char * const imports[] = { "import-timelinejs", "import-csv", "import-json", "import-gdelt" };
    g_autofree char *into = NULL;
    int given = -1;

    g_variant_dict_lookup (options, "into", "^ay", &into);
    for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
      if (g_variant_dict_contains (options, imports[i]))
        {
          if (given >= 0)
            {
              g_printerr ("trilateral: %s\n", _("Give one import at a time."));
              return TRI_EXIT_USAGE;
            }
          given = i;
        }
    if (given >= 0)
      {
        g_autofree char *option = g_strconcat ("--", imports[given], NULL);

        g_clear_pointer (&import_path, g_free);
        g_variant_dict_lookup (options, imports[given], "^ay", &import_path);
        return tri_cli_import ((TriImportFormat) given, option, import_path, import_out, into);
      }
    if (into != NULL || import_out != NULL)
      {
        g_printerr ("trilateral: %s\n", _("--out and --into go with an import (--import-csv, --import-json, --import-gdelt or --import-timelinejs)."));
        return TRI_EXIT_USAGE;
      }
  }

  if (export_deck_path == NULL &&
      ((g_variant_dict_contains (options, "deck") && export_data_path == NULL) ||
       g_variant_dict_contains (options, "notes")))
    {
      g_printerr ("trilateral: %s\n", _("--deck goes with --export-deck or --export-data (the evidence table of a deck); --notes with --export-deck."));
      return TRI_EXIT_USAGE;
    }

  if (new_path != NULL || copy_to != NULL)
    {
      gboolean ok = new_path != NULL ? tri_document_create_new (new_path, &error)
                                     : tri_document_copy (db, copy_to, &error);

      if (!ok)
        {
          print_error (error);
          return MAX (tri_cli_exit_code (error), TRI_EXIT_ERROR);
        }
      /* Translators: %s is a file name */
      g_print (_("Editable briefing written to %s\n"), new_path != NULL ? new_path : copy_to);
      return TRI_EXIT_OK;
    }

  if (migrate_to != NULL)
    {
      if (!tri_store_migrate_copy (db, migrate_to, &error))
        {
          print_error (error);
          return MAX (tri_cli_exit_code (error), TRI_EXIT_ERROR);
        }
      /* Translators: %s is a file name */
      g_print (_("Migrated copy written to %s\n"), migrate_to);
      return TRI_EXIT_OK;
    }

  /* for the window, the whole-file check runs beside its first frame (its
   * time grows with the file); a command checks the file before it reads */
  {
    gboolean command = export_deck_path != NULL || export_path != NULL || export_data_path != NULL ||
                       list || quotes != NULL || missing || search != NULL || json || filter != NULL;

    self->store = tri_store_open_full (db, command ? TRI_STORE_OPEN_DEFAULT : TRI_STORE_OPEN_CHECK_LATER,
                                       &error);
  }
  if (self->store == NULL)
    {
      print_error (error);
      return tri_store_error_exit_code (error);
    }
  if (tri_store_get_notice (self->store) != NULL)
    g_printerr ("%s: %s\n", g_get_prgname (), tri_store_get_notice (self->store));

  /* --filter: every listing and export reads through it */
  if (filter != NULL && export_deck_path == NULL)
    {
      if (export_path == NULL && export_data_path == NULL && !list && quotes == NULL)
        {
          g_printerr ("trilateral: %s\n", _("--filter goes with --list-events, --quotes, --export or --export-data."));
          return TRI_EXIT_USAGE;
        }
      if (!tri_cli_set_filter (self->store, filter, &error))
        {
          print_error (error);
          return tri_cli_exit_code (error);
        }
    }

  if (export_deck_path != NULL)
    {
      static const char * const views[] = { "view", "as-of", "window", "relation", "event", "other-actors", "table", "filter" };
      TriCliExportDeck args = { 0 };
      g_autofree char *summary = NULL;

      /* each slide keeps its own view: a view option would be ignored */
      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        if (g_variant_dict_contains (options, views[i]))
          {
            g_printerr ("trilateral: ");
            /* Translators: %s is an option such as --as-of */
            g_printerr (_("--%s does not go with --export-deck: each slide keeps its own view."), views[i]);
            g_printerr ("\n");
            return TRI_EXIT_USAGE;
          }
      args.path = export_deck_path;
      g_variant_dict_lookup (options, "deck", "&s", &args.deck);
      g_variant_dict_lookup (options, "format", "&s", &args.format);
      g_variant_dict_lookup (options, "notes", "b", &args.notes);
      g_variant_dict_lookup (options, "size", "&s", &args.size);
      g_variant_dict_lookup (options, "scale", "i", &args.scale);
      g_variant_dict_lookup (options, "theme", "&s", &args.theme);
      args.lang = lang;

      if (!tri_cli_export_deck (self->store, &args, &summary, &error))
        {
          print_error (error);
          return MAX (tri_cli_exit_code (error), TRI_EXIT_ERROR);
        }
      g_print ("%s\n", summary);
      return TRI_EXIT_OK;
    }

  if (export_path != NULL)
    {
      TriCliExport args = { 0 };
      gint64 event_id = 0;
      int scale = 0;

      if (window != NULL && !tri_cli_parse_window (window, &window_months, &error))
        {
          print_error (error);
          return tri_cli_exit_code (error);
        }
      args.path = export_path;
      args.as_of = as_of;
      g_variant_dict_lookup (options, "view", "&s", &args.view);
      g_variant_dict_lookup (options, "relation", "&s", &args.relation);
      g_variant_dict_lookup (options, "size", "&s", &args.size);
      g_variant_dict_lookup (options, "theme", "&s", &args.theme);
      g_variant_dict_lookup (options, "event", "x", &event_id);
      g_variant_dict_lookup (options, "scale", "i", &scale);
      g_variant_dict_lookup (options, "other-actors", "b", &args.other_actors);
      args.event_id = event_id;
      args.window_months = window_months;
      args.scale = scale;
      args.lang = lang;

      if (!tri_cli_export (self->store, &args, &error))
        {
          print_error (error);
          return tri_cli_exit_code (error);
        }
      return TRI_EXIT_OK;
    }

  if (export_data_path != NULL)
    {
      TriCliExportData args = { 0 };
      g_autofree char *summary = NULL;

      if (window != NULL && !tri_cli_parse_window (window, &window_months, &error))
        {
          print_error (error);
          return tri_cli_exit_code (error);
        }
      args.path = export_data_path;
      g_variant_dict_lookup (options, "format", "&s", &args.format);
      if (g_variant_dict_contains (options, "export-json"))
        args.format = "json";
      g_variant_dict_lookup (options, "table", "&s", &args.table);
      g_variant_dict_lookup (options, "as-of", "&s", &args.as_of);
      g_variant_dict_lookup (options, "relation", "&s", &args.relation);
      args.deck = g_variant_dict_lookup (options, "deck", "&s", &args.deck_name);
      g_variant_dict_lookup (options, "size", "&s", &args.size);
      args.window_months = window_months;
      args.lang = lang;

      if (!tri_cli_export_data (self->store, &args, &summary, &error))
        {
          print_error (error);
          return tri_cli_exit_code (error);
        }
      g_print ("%s\n", summary);
      return TRI_EXIT_OK;
    }

  if (list || quotes != NULL || missing || search != NULL)
    {
      if (search != NULL)
        out = tri_cli_search (self->store, search, lang, json, &error);
      else if (missing)
        out = tri_cli_missing_translations (self->store, missing_lang, json, &error);
      else if (list)
        out = tri_cli_list_events (self->store, lang, json, &error);
      else if (window == NULL || tri_cli_parse_window (window, &window_months, &error))
        out = tri_cli_list_quotes (self->store, quotes, as_of, window_months, lang, json, &error);

      if (out == NULL)
        {
          print_error (error);
          return tri_cli_exit_code (error);
        }
      fputs (out, stdout);
      fflush (stdout);
      return TRI_EXIT_OK;
    }

  if (json)
    {
      g_printerr ("trilateral: %s\n", _("--json goes with --list-events, --quotes, --search or --missing-translations."));
      return TRI_EXIT_USAGE;
    }

  return -1;
}

static void
tri_application_activate (GApplication *app)
{
  TriApplication *self = TRI_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (tri_window_new (self, NULL));
  /* shown first: a question about the file stands above it */
  gtk_window_present (window);
  /* to edit it, when Trilateral created it editable */
  tri_window_open_store (TRI_WINDOW (window), self->store);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Trilateral developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Trilateral"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Visual briefings on the Russia – China – North Korea triangle"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         /* Translators: put your names here */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows;

  /* close rather than quit outright, so each window saves its size; a
   * window closed leaves the application's list, so walk a copy */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_list_foreach (windows, (GFunc) (void (*) (void)) g_object_ref, NULL);
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
  g_application_quit (app);
}

/**
 * tri_application_load_style:
 *
 * Adds the application's CSS to the default display (GTK, unlike
 * libadwaita, does not load a style.css by itself).
 */
void
tri_application_load_style (void)
{
  static gboolean loaded;
  GtkCssProvider *css;

  if (loaded || gdk_display_get_default () == NULL)
    return;
  loaded = TRUE;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (css);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
tri_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (tri_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_window_set_default_icon_name (APP_ID);
  tri_application_load_style ();
}

static void
tri_application_dispose (GObject *object)
{
  TriApplication *self = TRI_APPLICATION (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (tri_application_parent_class)->dispose (object);
}

static void
tri_application_class_init (TriApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tri_application_dispose;
  app_class->handle_local_options = tri_application_handle_local_options;
  app_class->activate = tri_application_activate;
  app_class->startup = tri_application_startup;
}

static void
tri_application_init (TriApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Visual briefings on the Russia – China – North Korea triangle."));
}
