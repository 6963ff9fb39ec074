/* tri-compile.c: builds a briefing database from its reviewable JSON text
 *
 * Usage: tri-compile BRIEFING.json OUT.sqlite [SOURCES-FOLDER]
 *
 * With SOURCES-FOLDER, every quote is checked against its source's file
 * there, character for character (tri_validate_quote_verbatim()). The
 * documents are quoted, never copied whole: `source_document` gets only
 * each one's fingerprint (sha256 and length in characters, text NULL) and
 * each quote the fingerprint of the document it was checked against
 * (`quote.checked_sha256`), so that the store shows the quotes as
 * verified by this check. Without the folder nothing is checked and the
 * quotes show as not verified against the source.
 * A source's "reliability" (A–F) and a quote's "credibility" (1–6) are
 * optional: without them they are ungraded.
 * The reader is tri-briefing-json.c's, which --import-json shares; its
 * rules are tri-validate.c's, the same the document applies to edits.
 *
 * Everything the JSON says is checked before a row is written; the output
 * appears (by rename) only when complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-compile"

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "import/tri-briefing-json.h"
#include "store/tri-schema.h"

static gboolean
compile (const char  *json_path,
         const char  *out_path,
         const char  *sources_dir,
         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *tmp = g_strconcat (out_path, ".part", NULL);
  TriBriefingJsonOptions options = { .sources_dir = sources_dir, .require_vi = TRUE };
  JsonNode *root;
  sqlite3 *db = NULL;
  gboolean ok;

  if (!json_parser_load_from_file (parser, json_path, error))
    return FALSE;
  root = json_parser_get_root (parser);

  g_unlink (tmp);
  if (sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create %s", tmp);
      return FALSE;
    }

  ok = tri_schema_create (db, TRI_SCHEMA_VERSION, error) &&
       tri_sql_exec (db, "BEGIN", error) &&
       tri_briefing_json_load (db, root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL,
                               &options, error) &&
       tri_sql_exec (db, "COMMIT", error) &&
       tri_sql_exec (db, "VACUUM", error);
  sqlite3_close (db);

  if (ok && g_rename (tmp, out_path) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", out_path);
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");

  if (argc != 3 && argc != 4)
    {
      g_printerr ("usage: %s BRIEFING.json OUT.sqlite [SOURCES-FOLDER]\n", argv[0]);
      return 2;
    }

  if (!compile (argv[1], argv[2], argc == 4 ? argv[3] : NULL, &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  return 0;
}
