/* tri-cli.c: the command line, which needs no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-cli"

#include "config.h"

#include <json-glib/json-glib.h>

#include <glib/gi18n-lib.h>

#include "export/tri-deck-export.h"
#include "export/tri-export.h"
#include "formats/tri-formats.h"
#include "document/tri-document.h"
#include "import/tri-import.h"
#include "render/tri-labels.h"
#include "store/tri-missing.h"
#include "store/tri-new-file.h"
#include "store/tri-filter.h"
#include "tri-cli.h"

/* The build tree's root when this executable runs from it, else NULL. */
static char *
build_root (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *root = NULL;
  g_autofree char *marker = NULL;

  if (exe == NULL)
    return NULL;

  dir = g_path_get_dirname (exe);
  root = g_canonicalize_filename ("..", dir);
  marker = g_build_filename (root, "build.ninja", NULL);
  if (!g_file_test (marker, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&root);
}

/**
 * tri_cli_default_db_path:
 *
 * The bundled briefing: the build tree's when run from the build tree,
 * otherwise the installed one.
 */
char *
tri_cli_default_db_path (void)
{
  g_autofree char *root = build_root ();

  if (root != NULL)
    return g_build_filename (root, "data", "briefing.sqlite", NULL);
  return g_build_filename (PKGDATADIR, "briefing.sqlite", NULL);
}

/**
 * tri_cli_locale_dir:
 *
 * Where the translations are: the build tree's when run from it, so that
 * scripts/run speaks Vietnamese without an install.
 */
char *
tri_cli_locale_dir (void)
{
  g_autofree char *root = build_root ();

  if (root != NULL)
    return g_build_filename (root, "po", NULL);
  return g_strdup (LOCALEDIR);
}

/* Tabs and line breaks would break the one-record-per-line output. */
static void
append_field (GString    *out,
              const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static const char *
relation_code (TriStore *store,
               gint64    id)
{
  TriRelation *r = tri_store_get_relation (store, id);

  return r ? r->code : "?";
}

static char *
finish_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

char *
tri_cli_list_events (TriStore    *store,
                     const char  *lang,
                     gboolean     json,
                     GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  events = tri_store_list_events (store, 0, G_MAXUINT32, lang, error);
  if (events == NULL)
    return NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    {
      TriEvent *ev = g_ptr_array_index (events, i);
      g_autofree char *earliest = tri_day_to_iso (ev->date.earliest);
      g_autofree char *latest = tri_day_to_iso (ev->date.latest);
      g_autofree char *canonical = tri_date_to_string (&ev->date);
      g_autofree char *label = tri_date_label (&ev->date, lang);
      g_autoptr(GString) rels = g_string_new (NULL);

      for (guint k = 0; k < ev->links->len; k++)
        {
          const TriLink *link = &g_array_index (ev->links, TriLink, k);
          if (k)
            g_string_append_c (rels, ',');
          g_string_append (rels, relation_code (store, link->relation_id));
        }

      if (!json)
        {
          g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t",
                                  ev->id, earliest, latest,
                                  tri_precision_to_string (ev->date.precision), rels->str);
          append_field (out, ev->title);
          g_string_append_c (out, '\n');
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, ev->id);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, canonical);
      json_builder_set_member_name (builder, "earliest");
      json_builder_add_string_value (builder, earliest);
      json_builder_set_member_name (builder, "latest");
      json_builder_add_string_value (builder, latest);
      json_builder_set_member_name (builder, "precision");
      json_builder_add_string_value (builder, tri_precision_to_string (ev->date.precision));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label);
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, tri_category_to_string (ev->category));
      json_builder_set_member_name (builder, "confidence");
      json_builder_add_string_value (builder, tri_confidence_to_string (ev->confidence));
      json_builder_set_member_name (builder, "relations");
      json_builder_begin_array (builder);
      for (guint k = 0; k < ev->links->len; k++)
        {
          const TriLink *link = &g_array_index (ev->links, TriLink, k);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "relation");
          json_builder_add_string_value (builder, relation_code (store, link->relation_id));
          json_builder_set_member_name (builder, "stance");
          json_builder_add_string_value (builder, tri_stance_to_string (link->stance));
          json_builder_set_member_name (builder, "weight");
          json_builder_add_int_value (builder, link->weight);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, ev->title);
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, ev->summary);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (json)
    return finish_json (builder);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
usage_error (GError    **error,
             const char *message)
{
  g_set_error_literal (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE, message);
  return FALSE;
}

/**
 * tri_cli_parse_window:
 * @text: `--window`'s argument, as typed
 * @months: (out): 3, 6, 12, 24, or 0 for all time
 *
 * One check for every command that takes `--window`. (GApplication drops an
 * integer option whose value is 0, so it arrives as text.)
 */
gboolean
tri_cli_parse_window (const char  *text,
                      int         *months,
                      GError     **error)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 24, &value, NULL) ||
      (value != 0 && value != 3 && value != 6 && value != 12 && value != 24))
    return usage_error (error, _("--window takes 3, 6, 12 or 24 months, or 0 for all time."));
  *months = (int) value;
  return TRUE;
}

static const char *
actor_name (GPtrArray  *actors,
            const char *code)
{
  for (guint i = 0; actors && i < actors->len; i++)
    {
      TriActor *a = g_ptr_array_index (actors, i);
      if (g_str_equal (a->code, code))
        return a->name;
    }
  return code;
}

/* What the edge says for the period, as the panel's and the slide's words */
static char *
describe_period (TriStore          *store,
                 const TriRelation *rel,
                 guint32            as_of,
                 int                window_months,
                 guint32            from,
                 guint32            to,
                 const char        *lang)
{
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, lang, NULL);
  g_autoptr(GPtrArray) events = tri_store_list_events (store, from, to, lang, NULL);
  TriEdgeState state = { 0 };

  if (events != NULL)
    tri_edge_state_compute (&state, events, rel->id, from, to);
  return tri_edge_describe (&state, actor_name (actors, rel->a), actor_name (actors, rel->b),
                            window_months, as_of, lang);
}

/**
 * tri_cli_list_quotes:
 * @as_of: (nullable): `--as-of` as typed; NULL lists every quote
 * @window_months: `--window`, -1 when not given (12 with @as_of)
 *
 * `trilateral --quotes RUS-PRK [--as-of DATE [--window MONTHS]] [--json]`:
 * with a date, exactly the quotes the panel and a slide show for that
 * period (tri_store_list_quotes_in_period()), each flagged when its source
 * was published later; without one, every quote of the relation.
 */
char *
tri_cli_list_quotes (TriStore    *store,
                     const char  *relation,
                     const char  *as_of_text,
                     int          window_months,
                     const char  *lang,
                     gboolean     json,
                     GError     **error)
{
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  TriRelation *rel;
  guint32 as_of = 0, from = 0, to = 0;

  rel = tri_store_find_relation (store, relation, error);
  if (rel == NULL)
    return NULL;

  if (as_of_text == NULL && window_months >= 0)
    {
      usage_error (error, _("--window with --quotes needs --as-of, the date the period ends."));
      return NULL;
    }

  if (as_of_text != NULL)
    {
      guint total = 0;

      if (!tri_export_resolve_as_of (store, as_of_text, &as_of, error))
        return NULL;
      if (window_months < 0)
        window_months = 12;
      tri_window_bounds (as_of, tri_window_days_for_months (window_months), &from, &to);
      quotes = tri_store_list_quotes_in_period (store, rel->id, from, to, lang, G_MAXUINT, &total, error);
    }
  else
    quotes = tri_store_list_quotes (store, rel->id, 0, lang, error);
  if (quotes == NULL)
    return NULL;

  /* an empty period says so, in the edge's words; nothing stands in */
  if (!json && quotes->len == 0 && as_of != 0)
    {
      g_autofree char *line = describe_period (store, rel, as_of, window_months, from, to, lang);

      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < quotes->len; i++)
    {
      TriQuote *q = g_ptr_array_index (quotes, i);
      g_autofree char *label = tri_date_label (&q->date, lang);
      g_autofree char *source_date = tri_date_to_string (&q->source_date);
      g_autofree char *source_label = tri_date_label (&q->source_date, lang);
      g_autofree char *later = tri_quote_published_later (q, as_of, lang);
      g_autofree char *grade = tri_grade_code (q->reliability, q->credibility);
      g_autofree char *grade_label = tri_quote_grade_label (q, lang);
      const char *unverified = tri_quote_unverified_label (q, FALSE, lang);

      if (!json)
        {
          /* date, source, source's date, claim, original, translation,
           * published later, grade, not verified */
          append_field (out, label);
          g_string_append_c (out, '\t');
          append_field (out, q->source_title);
          g_string_append_c (out, '\t');
          append_field (out, source_label);
          g_string_append_c (out, '\t');
          append_field (out, tri_claim_label (q->claim, lang));
          g_string_append_c (out, '\t');
          append_field (out, q->text);
          g_string_append_c (out, '\t');
          append_field (out, q->translation);
          g_string_append_c (out, '\t');
          append_field (out, later);
          g_string_append_c (out, '\t');
          append_field (out, grade_label);
          g_string_append_c (out, '\t');
          append_field (out, unverified);
          g_string_append_c (out, '\n');
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, q->id);
      json_builder_set_member_name (builder, "relation");
      json_builder_add_string_value (builder, rel->code);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, label);
      json_builder_set_member_name (builder, "event");
      if (q->event_id)
        json_builder_add_int_value (builder, q->event_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "confidence");
      json_builder_add_string_value (builder, tri_confidence_to_string (q->confidence));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, q->source_title);
      json_builder_set_member_name (builder, "source_date");
      json_builder_add_string_value (builder, source_date);
      json_builder_set_member_name (builder, "source_date_label");
      json_builder_add_string_value (builder, source_label);
      json_builder_set_member_name (builder, "claim");
      json_builder_add_string_value (builder, tri_claim_to_string (q->claim));
      json_builder_set_member_name (builder, "claim_label");
      json_builder_add_string_value (builder, tri_claim_label (q->claim, lang));
      json_builder_set_member_name (builder, "published_later");
      if (later != NULL)
        json_builder_add_string_value (builder, later);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "reliability");
      if (q->reliability != 0)
        json_builder_add_string_value (builder, (char[2]) { q->reliability, '\0' });
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "credibility");
      if (q->credibility != 0)
        json_builder_add_int_value (builder, q->credibility);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "grade");
      if (grade != NULL)
        json_builder_add_string_value (builder, grade);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "grade_label");
      json_builder_add_string_value (builder, grade_label);
      json_builder_set_member_name (builder, "verified");
      json_builder_add_boolean_value (builder, q->verified);
      json_builder_set_member_name (builder, "verified_by");
      if (tri_verification_to_string (q->verification) != NULL)
        json_builder_add_string_value (builder, tri_verification_to_string (q->verification));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "offset");
      json_builder_add_int_value (builder, q->offset);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, q->text);
      json_builder_set_member_name (builder, "translation");
      json_builder_add_string_value (builder, q->translation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (json)
    return finish_json (builder);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * tri_cli_exit_code:
 *
 * Returns: the exit status README.md documents for @error
 */
int
tri_cli_exit_code (const GError *error)
{
  if (error == NULL)
    return TRI_EXIT_OK;
  if (error->domain == TRI_WRITE_ERROR)
    return TRI_EXIT_WRITE;
  if (error->domain == TRI_IMPORT_ERROR)
    return error->code == TRI_IMPORT_ERROR_WRITE ? TRI_EXIT_WRITE : TRI_EXIT_IMPORT;
  if (error->domain == TRI_EXPORT_ERROR)
    return error->code == TRI_EXPORT_ERROR_WRITE ? TRI_EXIT_WRITE : TRI_EXIT_USAGE;
  if (error->domain == TRI_STORE_ERROR)
    return tri_store_error_exit_code (error);
  if (error->domain == G_OPTION_ERROR || error->domain == TRI_FILTER_ERROR)
    return TRI_EXIT_USAGE;
  if (error->domain == TRI_DOCUMENT_ERROR &&
      (error->code == TRI_DOCUMENT_ERROR_NOT_EDITABLE || error->code == TRI_DOCUMENT_ERROR_IN_USE))
    return TRI_EXIT_NOT_EDITABLE;
  return TRI_EXIT_ERROR;
}

/**
 * tri_cli_import:
 * @option: the option as typed, for messages ("--import-csv")
 * @out: (nullable): --out, a new briefing
 * @into: (nullable): --into, an editable briefing to merge into
 *
 * Runs an import from the command line: prints its summary line, or one
 * sentence on stderr.
 *
 * Returns: the exit status README.md documents
 */
int
tri_cli_import (TriImportFormat  format,
                const char      *option,
                const char      *path,
                const char      *out,
                const char      *into)
{
  TriImportTarget target = { out, into };
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  if ((out == NULL) == (into == NULL))
    {
      g_printerr ("trilateral: ");
      /* Translators: %s is an option, --import-csv */
      g_printerr (out == NULL ? _("%s needs --out NEW.sqlite, the briefing to write, or --into EDITABLE.sqlite, "
                                  "an editable briefing to merge into.")
                              : _("%s takes --out NEW.sqlite or --into EDITABLE.sqlite, not both."), option);
      g_printerr ("\n");
      return TRI_EXIT_USAGE;
    }
  if (into != NULL && !g_file_test (into, G_FILE_TEST_EXISTS))
    {
      g_printerr ("trilateral: ");
      g_printerr (_("“%s” does not exist."), into);
      g_printerr ("\n");
      return TRI_EXIT_NOT_FOUND;
    }
  if (!tri_import_file (format, path, &target, &summary, &error))
    {
      g_printerr ("trilateral: %s\n", error->message);
      return MAX (tri_cli_exit_code (error), TRI_EXIT_ERROR);
    }
  g_print ("%s\n", summary);
  return TRI_EXIT_OK;
}

/**
 * tri_cli_export:
 *
 * `trilateral --export FILE …`: checks every option before anything is
 * written, then exports through the same code as the window.
 */
gboolean
tri_cli_export (TriStore            *store,
                const TriCliExport  *args,
                GError             **error)
{
  g_autoptr(TriExportRequest) request = tri_export_request_new ();
  TriExportFormat format;

  if (!tri_export_format_for_path (args->path, &format, error))
    return FALSE;
  /* what --filter set on the store (tri_cli_set_filter ()) */
  request->filter = tri_filter_copy (tri_store_get_filter (store));

  if (args->view != NULL && !tri_export_parse_view (args->view, &request->view, error))
    return FALSE;

  if (args->size != NULL && !tri_export_parse_size (args->size, &request->width, &request->height, error))
    return FALSE;

  if (args->scale != 0)
    {
      if (args->scale < 1 || args->scale > 3)
        return usage_error (error, _("--scale takes 1, 2 or 3."));
      if (format != TRI_EXPORT_PNG)
        return usage_error (error, _("--scale applies to PNG only: SVG and PDF are drawn at any size."));
      request->scale = args->scale;
    }

  if (args->theme != NULL)
    {
      if (g_str_equal (args->theme, "dark"))
        request->dark = TRUE;
      else if (!g_str_equal (args->theme, "light"))
        return usage_error (error, _("--theme takes light or dark."));
    }

  if (args->window_months >= 0)
    request->window_months = args->window_months;

  if (args->lang != NULL)
    {
      g_free (request->lang);
      request->lang = g_strdup (tri_lang_normalize (args->lang));
    }

  if (args->relation != NULL)
    {
      TriRelation *relation = tri_store_find_relation (store, args->relation, error);
      if (relation == NULL)
        return FALSE;
      request->relation_id = relation->id;
    }

  if (args->event_id != 0)
    {
      g_autoptr(TriEvent) ev = tri_store_get_event (store, args->event_id, request->lang, error);
      if (ev == NULL)
        return FALSE;
      request->event_id = ev->id;
      /* an event shown is an event selected: "as of" moves to it, as in
       * the window: to its last possible day, when it has certainly happened */
      request->as_of = tri_event_as_of (&ev->date);
    }

  if (args->as_of != NULL && !tri_export_resolve_as_of (store, args->as_of, &request->as_of, error))
    return FALSE;

  request->show_others = args->other_actors;
  return tri_export_write (store, request, args->path, error);
}

/* "“Briefing”, “Short version”" */
static char *
deck_names (GPtrArray *decks)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < decks->len; i++)
    {
      const TriDeck *d = g_ptr_array_index (decks, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      /* Translators: a deck's name in a list of them */
      g_string_append_printf (names, _("“%s”"), d->name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* --deck NAME: the deck of that name; NULL or "": the briefing's first.
 * A name it does not have is a usage error listing its decks. */
static TriDeck *
choose_deck (TriStore    *store,
             const char  *name,
             const char  *lang,
             GError     **error)
{
  g_autoptr(GPtrArray) decks = tri_store_get_decks (store, lang, error);

  if (decks == NULL)
    return NULL;
  if (decks->len == 0)
    {
      usage_error (error, _("This briefing has no decks: make one in the deck pane (F9), or in the briefing’s JSON (“decks”)."));
      return NULL;
    }
  if (name == NULL || *name == '\0')
    return g_ptr_array_steal_index (decks, 0);
  for (guint i = 0; i < decks->len; i++)
    if (g_strcmp0 (((TriDeck *) g_ptr_array_index (decks, i))->name, name) == 0)
      return g_ptr_array_steal_index (decks, i);
  {
    g_autofree char *names = deck_names (decks);

    g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                 /* Translators: the second %s is a list of deck names */
                 ngettext ("This briefing has no deck named “%s”. Its deck: %s.",
                           "This briefing has no deck named “%s”. Its decks: %s.", decks->len),
                 name, names);
  }
  return NULL;
}

/**
 * tri_cli_bare_deck:
 *
 * `--deck` with no name (last, or followed by another option) becomes
 * `--deck=`, the briefing's first deck, so that `--export-data brief.html
 * --format evidence --deck` reads as written; `--deck NAME` is untouched.
 *
 * Returns: (transfer full): the arguments to parse
 */
char **
tri_cli_bare_deck (int    argc,
                   char **argv)
{
  GPtrArray *out = g_ptr_array_new ();
  gboolean options = TRUE;

  for (int i = 0; i < argc; i++)
    {
      if (options && g_strcmp0 (argv[i], "--") == 0)
        options = FALSE;
      if (options && i > 0 && g_strcmp0 (argv[i], "--deck") == 0 &&
          (i + 1 >= argc || argv[i + 1][0] == '-'))
        g_ptr_array_add (out, g_strdup ("--deck="));
      else
        g_ptr_array_add (out, g_strdup (argv[i]));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/**
 * tri_cli_export_deck:
 * @summary: (out): the line to print: what was written where
 *
 * `trilateral --export-deck OUT.pdf|FOLDER/ [--deck NAME] [--notes]
 * [--format png|svg] [--size WxH] [--scale N] [--theme T] [--lang L]`:
 * every option is checked before anything is written.
 */
gboolean
tri_cli_export_deck (TriStore                *store,
                     const TriCliExportDeck  *args,
                     char                   **summary,
                     GError                 **error)
{
  g_auto(TriMarkings) markings = { 0 };
  g_autoptr(TriDeck) deck = NULL;
  TriDeckExportOptions options;
  const char *lang;
  guint n;

  tri_deck_export_options_init (&options);
  lang = tri_lang_normalize (args->lang ? args->lang : tri_lang_from_environment ());
  options.lang = lang;

  if (!tri_deck_export_format_for_path (args->path, args->format, &options.format, error))
    return FALSE;
  if (args->notes && options.format != TRI_DECK_EXPORT_PDF)
    return usage_error (error, _("--notes goes with a PDF: the notes pages follow the slides in OUT.pdf."));
  if (args->size != NULL && !tri_export_parse_size (args->size, &options.width, &options.height, error))
    return FALSE;
  if (args->scale != 0)
    {
      if (args->scale < 1 || args->scale > 3)
        return usage_error (error, _("--scale takes 1, 2 or 3."));
      if (options.format != TRI_DECK_EXPORT_PNG)
        return usage_error (error, _("--scale applies to PNG only: SVG and PDF are drawn at any size."));
      options.scale = args->scale;
    }
  if (args->theme != NULL)
    {
      if (g_str_equal (args->theme, "dark"))
        options.dark = TRUE;
      else if (!g_str_equal (args->theme, "light"))
        return usage_error (error, _("--theme takes light or dark."));
    }
  options.notes = args->notes;

  deck = choose_deck (store, args->deck, lang, error);
  if (deck == NULL)
    return FALSE;

  if (!tri_store_get_markings (store, &markings, error))
    return FALSE;
  options.markings = &markings;

  if (!tri_deck_export_write (store, deck, &options, args->path, NULL, NULL, NULL, error))
    return FALSE;

  n = deck->slides->len;
  if (options.format == TRI_DECK_EXPORT_PDF && options.notes)
    /* Translators: %s is a file; the deck's slides were written, then a notes page for each */
    *summary = g_strdup_printf (ngettext ("%u slide and its notes page written to %s",
                                          "%u slides and their notes pages written to %s", n), n, args->path);
  else if (options.format == TRI_DECK_EXPORT_PDF)
    /* Translators: %s is a file */
    *summary = g_strdup_printf (ngettext ("%u slide written to %s", "%u slides written to %s", n), n, args->path);
  else
    /* Translators: %s is a folder; PNG or SVG files, one a slide */
    *summary = g_strdup_printf (ngettext ("%u slide written to the folder %s (%s)",
                                          "%u slides written to the folder %s (%s)", n),
                                n, args->path, options.format == TRI_DECK_EXPORT_SVG ? "SVG" : "PNG");
  return TRUE;
}

/**
 * tri_cli_export_data:
 * @summary: (out): the line to print: what was written, what the format
 *   could not hold
 *
 * `trilateral --export-data FILE [--format F] …`: every option is checked
 * before anything is written.
 */
gboolean
tri_cli_export_data (TriStore                *store,
                     const TriCliExportData  *args,
                     char                   **summary,
                     GError                 **error)
{
  TriDataRequest request = { 0 };
  TriDataFormat from_path;
  gboolean html = FALSE;
  gboolean known = tri_data_format_for_path (args->path, &from_path, &html);
  g_autofree char *lang = NULL;
  g_autofree char *filter = NULL;
  g_autoptr(TriDeck) deck = NULL;

  if (args->deck)
    {
      /* a deck's evidence table: each slide keeps its own view */
      if (args->format != NULL && g_ascii_strcasecmp (args->format, "evidence") != 0)
        return usage_error (error, _("--deck with --export-data writes the evidence table of a deck: --format evidence, or leave --format out."));
      if (args->as_of != NULL || args->window_months >= 0 || args->relation != NULL || args->table != NULL)
        return usage_error (error, _("--as-of, --window, --relation and --table do not go with --deck: each slide keeps its own view."));
      if (!tri_filter_is_empty (tri_store_get_filter (store)))
        return usage_error (error, _("--filter does not go with --deck: each slide keeps its own filter."));
      /* .csv or .html: both can only be the evidence table */
      if (!known || (from_path != TRI_DATA_EVIDENCE && from_path != TRI_DATA_CSV))
        return usage_error (error, _("The evidence table is written as HTML or CSV: name the file .html or .csv."));
      request.format = TRI_DATA_EVIDENCE;
      request.html = html;
      if (args->size != NULL &&
          !tri_export_parse_size (args->size, &request.deck_width, &request.deck_height, error))
        return FALSE;
    }
  else if (args->size != NULL)
    return usage_error (error, _("--size goes with --export-data only for a deck’s evidence table (--deck): the pages it numbers are drawn at that size."));
  else if (args->format != NULL)
    {
      if (!tri_data_format_from_string (args->format, &request.format))
        return usage_error (error, _("--format takes csv, timelinejs, gexf, graphml, json or evidence."));
      if (request.format == TRI_DATA_EVIDENCE)
        {
          /* the evidence table is HTML or CSV, as the name says */
          if (!known || (from_path != TRI_DATA_EVIDENCE && from_path != TRI_DATA_CSV))
            return usage_error (error, _("The evidence table is written as HTML or CSV: name the file .html or .csv."));
        }
      else
        html = FALSE;
    }
  else if (known)
    request.format = from_path;
  else
    return usage_error (error, _("The file name does not say which format to write: end it in .csv, .gexf, .graphml, .json or .html, or name the format with --format."));
  if (!args->deck)
    request.html = html;

  if (args->table != NULL)
    {
      if (request.format != TRI_DATA_CSV)
        return usage_error (error, _("--table goes with --format csv."));
      if (g_str_equal (args->table, "quotes"))
        request.table = TRI_DATA_TABLE_QUOTES;
      else if (!g_str_equal (args->table, "events"))
        return usage_error (error, _("--table takes events or quotes."));
    }

  request.window_months = 12;
  if (args->window_months >= 0)
    {
      if (args->window_months != 0 && args->window_months != 3 && args->window_months != 6 &&
          args->window_months != 12 && args->window_months != 24)
        return usage_error (error, _("--window takes 3, 6, 12 or 24 months, or 0 for all time."));
      request.window_months = args->window_months;
      request.period_given = TRUE;
    }

  lang = g_strdup (tri_lang_normalize (args->lang ? args->lang : tri_lang_from_environment ()));
  request.lang = lang;

  if (args->relation != NULL)
    {
      TriRelation *relation = tri_store_find_relation (store, args->relation, error);
      if (relation == NULL)
        return FALSE;
      request.relation_id = relation->id;
    }

  if (args->as_of != NULL)
    {
      if (!tri_export_resolve_as_of (store, args->as_of, &request.as_of, error))
        return FALSE;
      request.period_given = TRUE;
    }

  filter = tri_filter_to_string (tri_store_get_filter (store));
  request.filter = filter;
  if (args->deck)
    {
      deck = choose_deck (store, args->deck_name, lang, error);
      if (deck == NULL)
        return FALSE;
      request.deck = TRUE;
      request.deck_name = deck->name;
    }

  return tri_data_export (store, &request, args->path, summary, error);
}

/**
 * tri_cli_set_filter:
 * @text: --filter's text ("category=military,confidence=confirmed")
 *
 * Every listing and export after this shows what passes (tri-filter.h):
 * the store reads through the filter.
 *
 * Returns: %FALSE with a usage error (TRI_FILTER_ERROR) naming the bad
 *   facet or value, or an actor or source the briefing lacks
 */
gboolean
tri_cli_set_filter (TriStore    *store,
                    const char  *text,
                    GError     **error)
{
  g_autoptr(TriFilter) filter = tri_filter_parse (text, error);

  if (filter == NULL || !tri_filter_check (filter, store, error))
    return FALSE;
  tri_store_set_filter (store, filter);
  return TRUE;
}

/* a cell of a tab-separated line: no tab or line break inside */
static void
append_cell (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

/**
 * tri_cli_missing_translations:
 * @lang: (nullable): one language, or %NULL for the five
 *
 * Returns: the text fields with no value in a language, a line each:
 *   lang, kind, id, field and what it belongs to, separated by tabs; or a
 *   JSON array of objects with those members
 */
char *
tri_cli_missing_translations (TriStore    *store,
                              const char  *lang,
                              gboolean     json,
                              GError     **error)
{
  g_autoptr(GPtrArray) missing = tri_missing_from_store (store, lang, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  if (missing == NULL)
    return NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < missing->len; i++)
    {
      const TriMissing *m = missing->pdata[i];

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "lang");
          json_builder_add_string_value (builder, m->lang);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, tri_missing_kind_to_string (m->kind));
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, m->id);
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, m->field);
          json_builder_set_member_name (builder, "belongs_to");
          json_builder_add_string_value (builder, m->belongs_to);
          json_builder_end_object (builder);
          continue;
        }
      g_string_append_printf (out, "%s\t%s\t", m->lang, tri_missing_kind_to_string (m->kind));
      append_cell (out, m->id);
      g_string_append_printf (out, "\t%s\t", m->field);
      append_cell (out, m->belongs_to);
      g_string_append_c (out, '\n');
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = NULL;

      json_generator_set_pretty (gen, TRUE);
      json_generator_set_root (gen, root);
      text = json_generator_to_data (gen, NULL);
      return g_strconcat (text, "\n", NULL);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
