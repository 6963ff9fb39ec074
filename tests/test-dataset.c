/* test-dataset.c: the bundled briefing traces back to its sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sys/wait.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "store/tri-store.h"
#include "tri-test-util.h"

static sqlite3 *
open_raw (void)
{
  g_autofree char *uri = g_strconcat ("file:", tri_test_briefing_path (), "?mode=ro", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  return db;
}

static gint64 count (sqlite3 *db, const char *sql);

static guint
count_quotes (void)
{
  sqlite3 *db = open_raw ();
  gint64 n = count (db, "SELECT count(*) FROM quote");

  sqlite3_close (db);
  return (guint) n;
}

static gint64
count (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_integrity (void)
{
  sqlite3 *db = open_raw ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_evidence (void)
{
  sqlite3 *db = open_raw ();

  g_assert_cmpint (count (db, "SELECT count(*) FROM event"), >=, 25);
  /* every event has a quote */
  g_assert_cmpint (count (db, "SELECT count(*) FROM event e WHERE NOT EXISTS"
                              " (SELECT 1 FROM quote q WHERE q.event = e.id)"), ==, 0);
  /* every quote a source and an English translation */
  g_assert_cmpint (count (db, "SELECT count(*) FROM quote q LEFT JOIN source s ON s.id = q.source"
                              " WHERE s.id IS NULL"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM quote q WHERE NOT EXISTS"
                              " (SELECT 1 FROM quote_translation t WHERE t.quote = q.id"
                              "  AND t.lang = 'en' AND length (t.text) > 0)"), ==, 0);
  /* a quote backs one of its event's relations */
  g_assert_cmpint (count (db, "SELECT count(*) FROM quote q WHERE q.event IS NOT NULL AND NOT EXISTS"
                              " (SELECT 1 FROM event_relation er WHERE er.event = q.event"
                              "  AND er.relation = q.relation)"), ==, 0);
  /* titles and summaries in English and Vietnamese */
  g_assert_cmpint (count (db, "SELECT count(*) FROM event e WHERE"
                              " (SELECT count(*) FROM event_text t WHERE t.event = e.id"
                              "  AND t.lang IN ('en', 'vi') AND length (t.title) > 0"
                              "  AND length (t.summary) > 0) < 2"), ==, 0);
  /* reported and alleged events say who claims them */
  g_assert_cmpint (count (db, "SELECT count(*) FROM event e JOIN event_text t ON t.event = e.id"
                              " AND t.lang = 'en' WHERE e.confidence <> 'confirmed'"
                              " AND coalesce (length (t.claimed_by), 0) = 0"), ==, 0);
  /* the three sides of the triangle are each well supported */
  g_assert_cmpint (count (db, "SELECT min (n) FROM (SELECT count(*) AS n FROM quote q"
                              " JOIN relation r ON r.id = q.relation WHERE"
                              " (r.actor_a, r.actor_b) IN (VALUES ('RUS','PRK'), ('RUS','CHN'), ('CHN','PRK'))"
                              " GROUP BY q.relation)"), >=, 5);
  g_assert_cmpint (count (db, "SELECT count(*) FROM relation WHERE"
                              " (actor_a, actor_b) IN (VALUES ('RUS','PRK'), ('RUS','CHN'), ('CHN','PRK'))"), ==, 3);
  sqlite3_close (db);
}

static void
test_quotes_verbatim (void)
{
  const char *seeds = tri_test_seeds_dir ();
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint checked = 0;

  if (seeds == NULL || !g_file_test (seeds, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the source documents (../shared/seeds) are not beside this checkout");
      return;
    }

  db = open_raw ();
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT q.id, s.file, q.char_offset, q.text FROM quote q"
                   " JOIN source s ON s.id = q.source", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *file = (const char *) sqlite3_column_text (stmt, 1);
      gint64 offset = sqlite3_column_int64 (stmt, 2);
      const char *text = (const char *) sqlite3_column_text (stmt, 3);
      const char *doc = g_hash_table_lookup (files, file);
      const char *at;

      if (doc == NULL)
        {
          g_autofree char *path = g_build_filename (seeds, file, NULL);
          char *contents = NULL;

          g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
          g_assert_true (g_utf8_validate (contents, -1, NULL));
          g_hash_table_insert (files, g_strdup (file), contents);
          doc = contents;
        }

      g_assert_cmpint (offset, <=, g_utf8_strlen (doc, -1));
      at = g_utf8_offset_to_pointer (doc, offset);
      if (strncmp (at, text, strlen (text)) != 0)
        g_error ("quote %" G_GINT64_FORMAT " is not verbatim at character %" G_GINT64_FORMAT " of %s",
                 id, offset, file);
      checked++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (checked, >=, 25);
}

/* The seeds, read whole: file name -> text */
static GHashTable *
read_seeds (const char *seeds)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = open_raw ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT DISTINCT file FROM source WHERE file IS NOT NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *file = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *path = g_build_filename (seeds, file, NULL);
      char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_true (g_utf8_validate (contents, -1, NULL));
      g_hash_table_insert (texts, g_strdup (file), contents);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (g_hash_table_size (texts), ==, 2);
  return texts;
}

/* With its sources at hand the build checked every quote against them and
 * kept only their fingerprints: each source_document row is its file's
 * SHA-256 and length, no text, and each quote carries the fingerprint of
 * the file it was checked against; so the store shows every bundled quote
 * verified by that build check. A quote checked against another document
 * (another fingerprint) is not verified. No grade is invented: the seeds
 * state none, and every quote reads ungraded. */
static void
test_quotes_verified (void)
{
  const char *seeds = tri_test_seeds_dir ();
  g_autoptr(GHashTable) texts = NULL;
  g_auto(TriTestDir) dir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(TriStore) other = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  if (seeds == NULL || !g_file_test (seeds, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the source documents (../shared/seeds) are not beside this checkout");
      return;
    }
  texts = read_seeds (seeds);

  /* each fingerprint is its file's, and no text is stored */
  db = open_raw ();
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT s.file, d.text IS NULL, d.sha256, d.chars FROM source s"
                                           " JOIN source_document d ON d.source = s.id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *contents = g_hash_table_lookup (texts, (const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *sha256 = NULL;

      g_assert_nonnull (contents);
      sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, sha256);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, g_utf8_strlen (contents, -1));
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (count (db, "SELECT count(*) FROM quote q JOIN source_document d ON d.source = q.source"
                              " WHERE q.checked_sha256 IS d.sha256"), ==, count_quotes ());
  g_assert_cmpint (count (db, "SELECT count(*) FROM source WHERE reliability IS NOT NULL"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM quote WHERE credibility IS NOT NULL"), ==, 0);
  sqlite3_close (db);

  store = tri_store_open (tri_test_briefing_path (), NULL);
  relations = tri_store_list_relations (store, NULL);
  n = 0;
  for (guint i = 0; i < relations->len; i++)
    {
      g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, ((TriRelation *) relations->pdata[i])->id, 0,
                                                           "en", NULL);

      for (guint k = 0; k < quotes->len; k++, n++)
        {
          const TriQuote *q = quotes->pdata[k];

          g_assert_true (q->verified);
          g_assert_cmpint (q->verification, ==, TRI_VERIFICATION_BUILD_CHECK);
          g_assert_cmpint (q->reliability, ==, 0);
          g_assert_cmpint (q->credibility, ==, 0);
        }
    }
  g_assert_cmpuint (n, ==, count_quotes ());

  /* checked against another document: not this source's */
  dir = tri_test_tmpdir ();
  copy = tri_test_copy_briefing (dir, "other.sqlite");
  tri_test_sql (copy, "UPDATE quote SET checked_sha256 = replace (checked_sha256, substr (checked_sha256, 1, 1),"
                      " CASE substr (checked_sha256, 1, 1) WHEN '0' THEN '1' ELSE '0' END) WHERE id = 1");
  other = tri_store_open (copy, NULL);
  g_assert_nonnull (other);
  {
    g_autoptr(GPtrArray) quotes = NULL;
    gint64 event;

    db = open_raw ();
    event = count (db, "SELECT event FROM quote WHERE id = 1");
    sqlite3_close (db);
    quotes = tri_store_list_quotes (other, 0, event, "en", NULL);
    g_assert_cmpuint (quotes->len, >, 0);
    for (guint k = 0; k < quotes->len; k++)
      {
        const TriQuote *q = quotes->pdata[k];
        g_assert_cmpint (q->verified, ==, q->id != 1);
      }
  }
}

/* Whether @passage is in the file at @path: its bytes anywhere in the
 * file, or (a text long enough to run over pages of its own) any column
 * of any table holding it. */
static gboolean
file_holds (const char *path,
            const char *passage)
{
  g_autofree char *bytes = NULL;
  gsize len = 0;
  g_autofree char *uri = g_strconcat ("file:", path, "?mode=ro", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  gboolean found = FALSE;

  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  for (gsize n = strlen (passage), i = 0; i + n <= len; i++)
    if (bytes[i] == passage[0] && memcmp (bytes + i, passage, n) == 0)
      return TRUE;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT t.name, c.name FROM sqlite_schema t,"
                                           " pragma_table_info (t.name) c WHERE t.type = 'table'",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (!found && sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE instr (CAST (\"%s\" AS TEXT), ?) > 0",
                                              (const char *) sqlite3_column_text (tables, 0),
                                              (const char *) sqlite3_column_text (tables, 1));
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, passage, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return found;
}

/* Of the 200-character passages that tile the gaps between @file's
 * quotes (part of no quote), how many the briefing at @path holds; @checked: how many
 * there were. */
static guint
seed_passages_held (const char *path,
                    const char *file,
                    const char *text,
                    guint      *checked)
{
  g_autoptr(GArray) quotes = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  sqlite3 *db = open_raw ();
  sqlite3_stmt *stmt = NULL;
  glong chars = g_utf8_strlen (text, -1);
  guint held = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT q.char_offset, length (q.text) FROM quote q"
                                           " JOIN source s ON s.id = q.source WHERE s.file = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, file, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 range[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_vals (quotes, range, 1);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (quotes->len, >, 0);

  /* the gaps between quotes, each tiled from its start */
  *checked = 0;
  for (glong at = 0; at + 200 <= chars; )
    {
      const char *start = g_utf8_offset_to_pointer (text, at);
      g_autofree char *passage = NULL;
      gint64 next = -1;

      for (guint i = 0; i < quotes->len; i++)
        {
          const gint64 *q = &g_array_index (quotes, gint64, 2 * i);
          if (q[0] < at + 200 && at < q[0] + q[1])
            next = MAX (next, q[0] + q[1]);   /* quoted: past that quote */
        }
      if (next >= 0)
        {
          at = next;
          continue;
        }
      passage = g_strndup (start, g_utf8_offset_to_pointer (start, 200) - start);
      (*checked)++;
      held += file_holds (path, passage);
      at += 200;
    }
  return held;
}

/* The bundled briefing quotes its source documents and does not copy
 * them (shared/seeds/README.md): no 200-character passage of either seed
 * outside its quotes is anywhere in the built file. The same search finds
 * every such passage in a copy that stores a seed's text. */
static void
test_no_seed_text (void)
{
  const char *seeds = tri_test_seeds_dir ();
  g_autoptr(GHashTable) texts = NULL;
  g_auto(TriTestDir) dir = NULL;
  g_autofree char *copy = NULL;
  GHashTableIter iter;
  gpointer file, text;

  if (seeds == NULL || !g_file_test (seeds, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the source documents (../shared/seeds) are not beside this checkout");
      return;
    }
  texts = read_seeds (seeds);
  dir = tri_test_tmpdir ();
  copy = tri_test_copy_briefing (dir, "whole.sqlite");

  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &file, &text))
    {
      guint checked = 0;
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpuint (seed_passages_held (tri_test_briefing_path (), file, text, &checked), ==, 0);
      g_test_message ("%s: %u passages of 200 characters outside its quotes, none in the briefing",
                      (const char *) file, checked);
      /* the seed is not all quotes: there is something to look for */
      g_assert_cmpuint (checked, >=, 3);

      /* a briefing that did store it */
      g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE source_document SET text = ?1"
                                               " WHERE source IN (SELECT id FROM source WHERE file = ?2)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, file, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      g_assert_cmpint (sqlite3_changes (db), ==, 1);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_assert_cmpuint (seed_passages_held (copy, file, text, &checked), ==, checked);
    }
}

/* Compiles the bundled briefing with quote 1's "claim" set to @claim (or
 * left out), returning tri-compile's exit status. */
static int
compile_with_claim (const char  *dir,
                    const char  *claim,
                    char       **out_path,
                    char       **err)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json_path = g_build_filename (dir, "briefing.json", NULL);
  g_autofree char *text = NULL;
  JsonArray *quotes;
  JsonObject *q;
  int status = 0;

  g_assert_true (json_parser_load_from_file (parser, g_getenv ("TRI_BRIEFING_JSON"), &error));
  g_assert_no_error (error);
  quotes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "quotes");
  q = json_array_get_object_element (quotes, 0);
  g_assert_cmpint (json_object_get_int_member (q, "id"), ==, 1);
  if (json_object_has_member (q, "claim"))
    json_object_remove_member (q, "claim");
  if (claim != NULL)
    json_object_set_string_member (q, "claim", claim);
  text = json_to_string (json_parser_get_root (parser), FALSE);
  g_assert_true (g_file_set_contents (json_path, text, -1, NULL));

  *out_path = g_build_filename (dir, claim ? claim : "none", NULL);
  {
    const char *argv[] = { g_getenv ("TRI_COMPILE"), json_path, *out_path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* a quote's claim type goes into the file, and only one of the six */
static void
test_compile_claims (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  const char *claims[] = { "fact", "official", "reported", "allegation", "assessment", "forecast", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *err = NULL;
      g_autoptr(TriStore) store = NULL;
      g_autoptr(GPtrArray) quotes = NULL;
      g_autoptr(GError) error = NULL;
      TriQuote *q = NULL;

      g_assert_cmpint (compile_with_claim (dir, claims[i], &path, &err), ==, 0);
      store = tri_store_open (path, &error);
      g_assert_no_error (error);
      quotes = tri_store_list_quotes (store, 0, 1, "en", &error);
      g_assert_no_error (error);
      for (guint k = 0; k < quotes->len; k++)
        if (((TriQuote *) quotes->pdata[k])->id == 1)
          q = quotes->pdata[k];
      g_assert_nonnull (q);
      if (claims[i] == NULL)
        g_assert_cmpint (q->claim, ==, TRI_CLAIM_UNSTATED);
      else
        g_assert_cmpstr (tri_claim_to_string (q->claim), ==, claims[i]);
    }

  /* anything else is refused, naming the quote */
  for (guint i = 0; i < 3; i++)
    {
      const char *bad[] = { "rumour", "unstated", "Fact" };
      g_autofree char *path = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (compile_with_claim (dir, bad[i], &path, &err), ==, 1);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, "quote 1: unknown claim"));
      g_assert_nonnull (strstr (err, bad[i]));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

/* Compiles the bundled briefing with quote 1's source's "reliability" and
 * quote 1's "credibility" set to the JSON values given (NULL: left out) */
static int
compile_with_grades (const char  *dir,
                     const char  *reliability,
                     const char  *credibility,
                     char       **out_path,
                     char       **err)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json_path = g_build_filename (dir, "graded.json", NULL);
  g_autofree char *text = NULL;
  JsonObject *root, *q, *source = NULL;
  JsonArray *sources;
  int status = 0;

  g_assert_true (json_parser_load_from_file (parser, g_getenv ("TRI_BRIEFING_JSON"), &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  q = json_array_get_object_element (json_object_get_array_member (root, "quotes"), 0);
  g_assert_cmpint (json_object_get_int_member (q, "id"), ==, 1);
  sources = json_object_get_array_member (root, "sources");
  for (guint i = 0; i < json_array_get_length (sources); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (sources, i), "id"),
                     json_object_get_string_member (q, "source")))
      source = json_array_get_object_element (sources, i);
  g_assert_nonnull (source);
  if (reliability != NULL)
    json_object_set_member (source, "reliability", json_from_string (reliability, NULL));
  if (credibility != NULL)
    json_object_set_member (q, "credibility", json_from_string (credibility, NULL));
  text = json_to_string (json_parser_get_root (parser), FALSE);
  g_assert_true (g_file_set_contents (json_path, text, -1, NULL));

  *out_path = g_build_filename (dir, "graded.sqlite", NULL);
  {
    const char *argv[] = { g_getenv ("TRI_COMPILE"), json_path, *out_path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* A source's reliability and a quote's credibility, when the JSON gives
 * them, go into the file and come back out of its JSON export; anything
 * but A–F and 1–6 is refused in the shared rules' words */
static void
test_compile_grades (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  g_autofree char *exported = g_build_filename (dir, "export.json", NULL);
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const struct { const char *reliability, *credibility, *message; } bad[] = {
    { "\"G\"", NULL, "reliability is a letter from A" },
    { "\"b\"", NULL, "reliability is a letter from A" },
    { "2", NULL, "reliability is a letter from A" },
    { NULL, "7", "credibility is a number from 1" },
    { NULL, "0", "credibility is a number from 1" },
    { NULL, "\"2\"", "credibility is a number from 1" },
  };
  JsonObject *root;
  TriQuote *q = NULL;
  int status = 0;

  g_assert_cmpint (compile_with_grades (dir, "\"B\"", "2", &path, &err), ==, 0);
  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  quotes = tri_store_list_quotes (store, 0, 1, "en", &error);
  g_assert_no_error (error);
  for (guint k = 0; k < quotes->len; k++)
    if (((TriQuote *) quotes->pdata[k])->id == 1)
      q = quotes->pdata[k];
  g_assert_nonnull (q);
  g_assert_cmpint (q->reliability, ==, 'B');
  g_assert_cmpint (q->credibility, ==, 2);

  {
    const char *argv[] = { g_getenv ("TRI_EXE"), "--db", path, "--export-data", exported, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  }
  g_assert_true (json_parser_load_from_file (parser, exported, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  {
    JsonArray *sources = json_object_get_array_member (root, "sources");
    JsonArray *all = json_object_get_array_member (root, "quotes");
    guint graded = 0;

    for (guint i = 0; i < json_array_get_length (sources); i++)
      if (json_object_has_member (json_array_get_object_element (sources, i), "reliability"))
        {
          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sources, i), "id"), ==,
                           q->source_id);
          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sources, i),
                                                          "reliability"), ==, "B");
          graded++;
        }
    for (guint i = 0; i < json_array_get_length (all); i++)
      if (json_object_has_member (json_array_get_object_element (all, i), "credibility"))
        {
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (all, i), "id"), ==, 1);
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (all, i), "credibility"), ==, 2);
          graded++;
        }
    g_assert_cmpuint (graded, ==, 2);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_pointer (&path, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (compile_with_grades (dir, bad[i].reliability, bad[i].credibility, &path, &err), ==, 1);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, bad[i].reliability ? "source " : "quote 1: "));
      g_assert_nonnull (strstr (err, bad[i].message));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dataset/integrity", test_integrity);
  g_test_add_func ("/dataset/evidence", test_evidence);
  g_test_add_func ("/dataset/quotes-verbatim", test_quotes_verbatim);
  g_test_add_func ("/dataset/quotes-verified", test_quotes_verified);
  g_test_add_func ("/dataset/no-seed-text", test_no_seed_text);
  g_test_add_func ("/dataset/compile-claims", test_compile_claims);
  g_test_add_func ("/dataset/compile-grades", test_compile_grades);
  return g_test_run ();
}
