/* tri-import-json.c: Trilateral JSON (data/briefing.schema.json) into a briefing
 *
 * The reader is tri-compile's (tri-briefing-json.c); this adds what a file
 * from elsewhere needs: the size limit, UTF-8, the nesting and \u0000
 * pre-scan of the TimelineJS importer, texts no longer than the store
 * reads, and the sentence that names the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "store/tri-new-file.h"
#include "tri-briefing-json.h"
#include "tri-import-private.h"

typedef struct
{
  TriImporter  base;
  JsonParser  *parser;
  JsonNode    *root;
  gint64       n_events, n_quotes, n_sources, n_actors;
} Briefing;

static void
briefing_free (TriImporter *base)
{
  Briefing *b = (Briefing *) base;

  g_clear_object (&b->parser);
  g_clear_pointer (&b->root, json_node_unref);
  g_free (b);
}

static gint64
count_rows (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gboolean
briefing_fill (TriImporter   *base,
               TriImportSink *sink,
               GError       **error)
{
  Briefing *b = (Briefing *) base;
  TriBriefingJsonOptions options = { .max_text_bytes = TRI_IMPORT_MAX_TEXT_BYTES };
  g_autoptr(GError) local_error = NULL;

  if (b->root == NULL || !JSON_NODE_HOLDS_OBJECT (b->root))
    return tri_import_invalid (error, base->path, _("it is not a Trilateral briefing (no object at the top)"));
  if (!tri_briefing_json_load (sink->db, json_node_get_object (b->root), &options, &local_error))
    {
      if (g_error_matches (local_error, TRI_BRIEFING_JSON_ERROR, TRI_BRIEFING_JSON_ERROR_WRITE))
        {
          if ((sqlite3_extended_errcode (sink->db) & 0xff) == SQLITE_FULL)
            g_set_error_literal (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL, _("The disk is full."));
          else
            g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("The new briefing could not be written: %s"),
                         local_error->message);
          return FALSE;
        }
      /* the reader's words: "event 3: …" */
      return tri_import_invalid (error, base->path, "%s", local_error->message);
    }
  if (g_cancellable_set_error_if_cancelled (sink->cancellable, error))
    return FALSE;
  b->n_events = count_rows (sink->db, "SELECT count(*) FROM event");
  b->n_quotes = count_rows (sink->db, "SELECT count(*) FROM quote");
  b->n_sources = count_rows (sink->db, "SELECT count(*) FROM source");
  b->n_actors = count_rows (sink->db, "SELECT count(*) FROM actor");
  if (sink->progress != NULL)
    sink->progress ((guint) b->n_events, (guint) b->n_events, sink->progress_data);
  return TRUE;
}

static char *
briefing_summarize (TriImporter *base,
                    const char  *target)
{
  Briefing *b = (Briefing *) base;
  GString *s = g_string_new (NULL);
  guint events = (guint) b->n_events, quotes = (guint) b->n_quotes;
  guint sources = (guint) b->n_sources, actors = (guint) b->n_actors;

  g_string_append_printf (s, ngettext ("Imported %u event into %s", "Imported %u events into %s", events),
                          events, target);
  g_string_append (s, ": ");
  g_string_append_printf (s, ngettext ("%u quote", "%u quotes", quotes), quotes);
  g_string_append (s, ", ");
  g_string_append_printf (s, ngettext ("%u source", "%u sources", sources), sources);
  g_string_append (s, ", ");
  g_string_append_printf (s, ngettext ("%u actor", "%u actors", actors), actors);
  g_string_append (s, ".");
  return g_string_free (s, FALSE);
}

/**
 * tri_import_briefing_new: (skip)
 * @root: (transfer full): Trilateral JSON's objects, read from the JSON or
 *   built from Trilateral's own events CSV
 */
TriImporter *
tri_import_briefing_new (const char *path,
                         JsonNode   *root)
{
  Briefing *b = g_new0 (Briefing, 1);

  b->base.path = path;
  b->base.fill = briefing_fill;
  b->base.summarize = briefing_summarize;
  b->base.free = briefing_free;
  b->root = root;
  return &b->base;
}

TriImporter *
tri_import_json_prepare (const char  *path,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  TriImporter *importer;
  gsize len = 0;
  guint n_nul = 0;

  if ((data = tri_import_read_input (path, TRI_IMPORT_MAX_JSON_BYTES, &len, FALSE, error)) == NULL ||
      !tri_import_check_utf8 (path, data, len, error) ||
      !tri_import_prescan_json (path, data, len, &n_nul, error))
    return NULL;
  if (n_nul > 0)
    {
      tri_import_invalid (error, path, _("it has a NUL character (\\u0000) in a text, which Trilateral cannot keep"));
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      tri_import_invalid (error, path, _("it is not valid JSON (%s)"), local_error->message);
      return NULL;
    }
  importer = tri_import_briefing_new (path, json_parser_get_root (parser) ? json_node_ref (json_parser_get_root (parser)) : NULL);
  ((Briefing *) importer)->parser = g_steal_pointer (&parser);
  return importer;
}
