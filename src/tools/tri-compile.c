/* tri-compile.c: builds a briefing database from its reviewable JSON text
 *
 * Usage: tri-compile BRIEFING.json OUT.sqlite [SOURCES-FOLDER]
 *
 * With SOURCES-FOLDER, every quote is checked against its source's file
 * there, character for character. The rules are tri-validate.c's, the
 * same the document applies to edits.
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

#include "store/tri-date.h"
#include "store/tri-model.h"
#include "store/tri-schema.h"
#include "store/tri-validate.h"

typedef struct
{
  sqlite3    *db;
  GHashTable *actor_rank;     /* code -> rank + 1 */
  GHashTable *relation_ids;   /* "A-B" (ranked order) -> id */
  GHashTable *event_ids;      /* id set */
  GHashTable *source_ids;
  gint64      next_relation;
  const char *sources_dir;    /* the source documents, to check quotes against; may be NULL */
  GHashTable *source_files;   /* source id -> file name */
  GHashTable *documents;      /* file name -> text */
} Compiler;

/* "what: sentence", the sentence being the shared rules' own words */
static gboolean
fail_about (GError    **error,
            const char *what,
            GError     *cause)
{
  if (error != NULL && *error == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", what, cause->message);
  g_error_free (cause);
  return FALSE;
}

static gboolean G_GNUC_PRINTF (2, 3)
fail (GError    **error,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE ||
      json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
member_int (JsonObject *o,
            const char *name,
            gint64     *out)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE ||
      json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

static JsonArray *
member_array (JsonObject *o,
              const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_ARRAY)
    return NULL;
  return json_node_get_array (n);
}

static JsonObject *
member_object (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_OBJECT)
    return NULL;
  return json_node_get_object (n);
}

static gboolean
exec_bound (Compiler    *c,
            const char  *sql,
            GError     **error,
            const char  *types,
            ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  int rc;

  if (sqlite3_prepare_v2 (c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fail (error, "SQL error: %s", sqlite3_errmsg (c->db));

  va_start (args, types);
  for (int i = 0; types[i]; i++)
    {
      if (types[i] == 's')
        {
          const char *s = va_arg (args, const char *);
          if (s)
            sqlite3_bind_text (stmt, i + 1, s, -1, SQLITE_TRANSIENT);
          else
            sqlite3_bind_null (stmt, i + 1);
        }
      else
        {
          gint64 v = va_arg (args, gint64);
          if (types[i] == 'n' && v == 0)
            sqlite3_bind_null (stmt, i + 1);
          else
            sqlite3_bind_int64 (stmt, i + 1, v);
        }
    }
  va_end (args);

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (error, "SQL error: %s", sqlite3_errmsg (c->db));
  return TRUE;
}

/* Inserts one row per language of a {"en": …, "vi": …} object. */
static gboolean
insert_texts (Compiler    *c,
              JsonObject  *texts,
              const char  *what,
              gboolean     need_en,
              const char  *sql,
              const char  *key_s,
              gint64       key_i,
              GError     **error)
{
  g_autoptr(GList) langs = NULL;

  if (texts == NULL)
    return need_en ? fail (error, "%s: missing", what) : TRUE;

  if (need_en)
    {
      const char *en = member_string (texts, "en");

      if (en == NULL || *en == '\0')
        return fail (error, "%s: no English text", what);
    }

  langs = json_object_get_members (texts);
  for (GList *l = langs; l; l = l->next)
    {
      const char *lang = l->data;
      const char *text = member_string (texts, lang);

      if (text == NULL || *text == '\0')
        return fail (error, "%s: the %s text is empty or not a string", what, lang);
      if (key_s != NULL)
        {
          if (!exec_bound (c, sql, error, "sss", key_s, lang, text))
            return FALSE;
        }
      else if (key_i == 0)
        {
          if (!exec_bound (c, sql, error, "ss", lang, text))
            return FALSE;
        }
      else if (!exec_bound (c, sql, error, "iss", key_i, lang, text))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_actors (Compiler    *c,
             JsonArray   *actors,
             GError     **error)
{
  for (guint i = 0; i < json_array_get_length (actors); i++)
    {
      JsonObject *a = json_array_get_object_element (actors, i);
      const char *code = a ? member_string (a, "code") : NULL;
      const char *color = a ? member_string (a, "color") : NULL;
      guint32 rgb;
      g_autofree char *what = NULL;

      GError *cause = NULL;

      if (code == NULL || color == NULL)
        return fail (error, "actor %u: needs a code and a colour #RRGGBB", i + 1);
      if (!tri_validate_actor_code (code, &cause) || !tri_validate_color (color, &rgb, &cause))
        {
          g_autofree char *about = g_strdup_printf ("actor %u", i + 1);
          return fail_about (error, about, cause);
        }
      if (g_hash_table_contains (c->actor_rank, code))
        return fail (error, "actor %s: listed twice", code);

      g_hash_table_insert (c->actor_rank, g_strdup (code), GINT_TO_POINTER (i + 1));
      if (!exec_bound (c, "INSERT INTO actor (code, color, rank) VALUES (?, ?, ?)",
                       error, "ssi", code, color, (gint64) i))
        return FALSE;

      what = g_strdup_printf ("actor %s name", code);
      if (!insert_texts (c, member_object (a, "name"), what, TRUE,
                         "INSERT INTO actor_name (actor, lang, name) VALUES (?, ?, ?)",
                         code, 0, error))
        return FALSE;
    }
  return TRUE;
}

/* Finds or creates the relation, named with the higher-ranked actor first. */
static gboolean
relation_id (Compiler    *c,
             const char  *code,
             gint64      *id,
             GError     **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *key = NULL;
  int ra, rb;
  gpointer found;
  GError *cause = NULL;

  if (!tri_validate_relation_code (code, &a, &b, &cause))
    {
      if (error != NULL && *error == NULL)
        g_propagate_error (error, cause);
      else
        g_error_free (cause);
      return FALSE;
    }

  ra = GPOINTER_TO_INT (g_hash_table_lookup (c->actor_rank, a));
  rb = GPOINTER_TO_INT (g_hash_table_lookup (c->actor_rank, b));
  if (ra == 0 || rb == 0)
    return fail (error, "relation %s names an actor that is not in \"actors\"", code);

  if (rb < ra)
    {
      char *t = a;
      a = b;
      b = t;
    }
  key = g_strdup_printf ("%s-%s", a, b);

  if (g_hash_table_lookup_extended (c->relation_ids, key, NULL, &found))
    {
      *id = GPOINTER_TO_SIZE (found);
      return TRUE;
    }

  *id = ++c->next_relation;
  g_hash_table_insert (c->relation_ids, g_steal_pointer (&key), GSIZE_TO_POINTER (*id));
  return exec_bound (c, "INSERT INTO relation (id, actor_a, actor_b) VALUES (?, ?, ?)",
                     error, "iss", *id, a, b);
}

static gboolean
load_sources (Compiler   *c,
              JsonArray  *sources,
              GError    **error)
{
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *s = json_array_get_object_element (sources, i);
      const char *id = s ? member_string (s, "id") : NULL;
      const char *date = s ? member_string (s, "date") : NULL;
      JsonArray *authors = s ? member_array (s, "authors") : NULL;
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *what = NULL;
      TriDate d;

      if (id == NULL || member_string (s, "title") == NULL ||
          member_string (s, "kind") == NULL || member_string (s, "language") == NULL)
        return fail (error, "source %u: needs id, kind, title and language", i + 1);
      g_autofree char *canonical = NULL;
      GError *cause = NULL;

      if (!tri_validate_date (date, &d, &cause))
        {
          g_autofree char *about = g_strdup_printf ("source %s", id);
          return fail_about (error, about, cause);
        }
      canonical = tri_date_to_string (&d);

      for (guint k = 0; authors && k < json_array_get_length (authors); k++)
        {
          const char *n = json_array_get_string_element (authors, k);
          if (n == NULL)
            return fail (error, "source %s: authors must be strings", id);
          if (names->len)
            g_string_append (names, ", ");
          g_string_append (names, n);
        }

      g_hash_table_add (c->source_ids, g_strdup (id));
      if (member_string (s, "file") != NULL)
        g_hash_table_insert (c->source_files, g_strdup (id), g_strdup (member_string (s, "file")));
      if (!exec_bound (c,
                       "INSERT INTO source (id, kind, title, outlet, authors, language, date, file)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error, "ssssssss",
                       id, member_string (s, "kind"), member_string (s, "title"),
                       member_string (s, "outlet"), names->str,
                       member_string (s, "language"), canonical, member_string (s, "file")))
        return FALSE;

      what = g_strdup_printf ("source %s description", id);
      if (!insert_texts (c, member_object (s, "description"), what, FALSE,
                         "INSERT INTO source_text (source, lang, description) VALUES (?, ?, ?)",
                         id, 0, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_events (Compiler   *c,
             JsonArray  *events,
             GError    **error)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);
      const char *date = e ? member_string (e, "date") : NULL;
      JsonObject *title, *summary, *claimed;
      JsonArray *links;
      g_autofree char *canonical = NULL;
      g_autoptr(GList) langs = NULL;
      g_autofree char *about = NULL;
      GError *cause = NULL;
      TriCategory category;
      TriConfidence confidence;
      gint64 id;
      TriDate d;

      if (e == NULL || !member_int (e, "id", &id) || id <= 0)
        return fail (error, "event %u: needs a positive integer id", i + 1);
      if (g_hash_table_contains (c->event_ids, &id))
        return fail (error, "event %" G_GINT64_FORMAT ": id used twice", id);
      about = g_strdup_printf ("event %" G_GINT64_FORMAT, id);
      if (!tri_validate_date (date, &d, &cause) ||
          !tri_validate_category (member_string (e, "category"), &category, &cause) ||
          !tri_validate_confidence (member_string (e, "confidence"), &confidence, &cause))
        return fail_about (error, about, cause);

      title = member_object (e, "title");
      summary = member_object (e, "summary");
      claimed = member_object (e, "claimed_by");
      if (title == NULL || member_string (title, "en") == NULL || member_string (title, "vi") == NULL)
        return fail (error, "event %" G_GINT64_FORMAT ": needs a title in English and Vietnamese", id);
      if (summary == NULL || member_string (summary, "en") == NULL || member_string (summary, "vi") == NULL)
        return fail (error, "event %" G_GINT64_FORMAT ": needs a summary in English and Vietnamese", id);
      if (!tri_validate_claimed_by (confidence, claimed ? member_string (claimed, "en") : NULL, &cause))
        return fail_about (error, about, cause);

      g_hash_table_add (c->event_ids, g_memdup2 (&id, sizeof id));
      canonical = tri_date_to_string (&d);
      if (!exec_bound (c,
                       "INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", error, "issiiss",
                       id, canonical, tri_precision_to_string (d.precision),
                       tri_day_to_jdn (d.earliest), tri_day_to_jdn (d.latest),
                       tri_category_to_string (category), tri_confidence_to_string (confidence)))
        return FALSE;

      langs = json_object_get_members (title);
      for (GList *l = langs; l; l = l->next)
        {
          const char *lang = l->data;
          const char *t = member_string (title, lang);

          if (t == NULL || *t == '\0')
            return fail (error, "event %" G_GINT64_FORMAT ": empty %s title", id, lang);
          if (!exec_bound (c,
                           "INSERT INTO event_text (event, lang, title, summary, claimed_by)"
                           " VALUES (?, ?, ?, ?, ?)", error, "issss",
                           id, lang, t, member_string (summary, lang),
                           claimed ? member_string (claimed, lang) : NULL))
            return FALSE;
        }

      links = member_array (e, "relations");
      if (links == NULL || json_array_get_length (links) == 0)
        return fail (error, "event %" G_GINT64_FORMAT ": links no relation", id);
      for (guint k = 0; k < json_array_get_length (links); k++)
        {
          JsonObject *lk = json_array_get_object_element (links, k);
          TriStance stance;
          gint64 weight = 0, rel;

          if (lk == NULL || !tri_validate_stance (member_string (lk, "stance"), &stance, &cause))
            return fail_about (error, about, cause ? cause : g_error_new_literal (TRI_VALIDATE_ERROR, 0, "no relation"));
          if (!member_int (lk, "weight", &weight))
            weight = 0;
          if (!tri_validate_weight (weight, &cause))
            return fail_about (error, about, cause);
          if (!relation_id (c, member_string (lk, "relation"), &rel, error))
            return FALSE;
          if (!exec_bound (c,
                           "INSERT INTO event_relation (event, relation, stance, weight)"
                           " VALUES (?, ?, ?, ?)", error, "iisi",
                           id, rel, tri_stance_to_string (stance), weight))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_quotes (Compiler   *c,
             JsonArray  *quotes,
             GError    **error)
{
  for (guint i = 0; i < json_array_get_length (quotes); i++)
    {
      JsonObject *q = json_array_get_object_element (quotes, i);
      const char *text = q ? member_string (q, "text") : NULL;
      const char *source = q ? member_string (q, "source") : NULL;
      JsonObject *translation = q ? member_object (q, "translation") : NULL;
      const char *claim_text = q ? member_string (q, "claim") : NULL;
      gint64 id, offset, event = 0, rel;
      g_autofree char *what = NULL;
      g_autofree char *about = NULL;
      GError *cause = NULL;
      TriClaim claim = TRI_CLAIM_UNSTATED;

      if (q == NULL || !member_int (q, "id", &id) || id <= 0)
        return fail (error, "quote %u: needs a positive integer id", i + 1);
      if (text == NULL || *text == '\0')
        return fail (error, "quote %" G_GINT64_FORMAT ": no text", id);
      if (source == NULL || !g_hash_table_contains (c->source_ids, source))
        return fail (error, "quote %" G_GINT64_FORMAT ": unknown source", id);
      if (!member_int (q, "offset", &offset) || offset < 0)
        return fail (error, "quote %" G_GINT64_FORMAT ": needs its character offset in the source", id);
      if (json_object_has_member (q, "event") &&
          (!member_int (q, "event", &event) || !g_hash_table_contains (c->event_ids, &event)))
        return fail (error, "quote %" G_GINT64_FORMAT ": unknown event", id);
      if (!relation_id (c, member_string (q, "relation"), &rel, error))
        return FALSE;
      /* optional: a quote without one is shown as "not stated" */
      about = g_strdup_printf ("quote %" G_GINT64_FORMAT, id);
      if (json_object_has_member (q, "claim") &&
          !tri_validate_claim (claim_text ? claim_text : "(not text)", &claim, &cause))
        return fail_about (error, about, cause);
      if (c->sources_dir != NULL && g_hash_table_contains (c->source_files, source))
        {
          const char *file = g_hash_table_lookup (c->source_files, source);
          const char *doc = g_hash_table_lookup (c->documents, file);

          if (doc == NULL)
            {
              g_autofree char *path = g_build_filename (c->sources_dir, file, NULL);
              char *contents = NULL;

              if (!g_file_get_contents (path, &contents, NULL, error))
                return FALSE;
              if (!g_utf8_validate (contents, -1, NULL))
                {
                  g_free (contents);
                  return fail (error, "%s: not UTF-8 text", path);
                }
              g_hash_table_insert (c->documents, g_strdup (file), contents);
              doc = contents;
            }
          if (!tri_validate_quote_verbatim (doc, offset, text, &cause))
            return fail_about (error, about, cause);
        }

      if (!exec_bound (c,
                       "INSERT INTO quote (id, source, char_offset, text, relation, event, claim)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", error, "isisins",
                       id, source, offset, text, rel, event,
                       claim == TRI_CLAIM_UNSTATED ? NULL : tri_claim_to_string (claim)))
        return FALSE;

      what = g_strdup_printf ("quote %" G_GINT64_FORMAT " translation", id);
      if (!insert_texts (c, translation, what, TRUE,
                         "INSERT INTO quote_translation (quote, lang, text) VALUES (?, ?, ?)",
                         NULL, id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
compile (const char  *json_path,
         const char  *out_path,
         const char  *sources_dir,
         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *tmp = g_strconcat (out_path, ".part", NULL);
  Compiler c = { 0 };
  JsonObject *root;
  gboolean ok = FALSE;

  if (!json_parser_load_from_file (parser, json_path, error))
    return FALSE;

  root = json_node_get_object (json_parser_get_root (parser));
  if (root == NULL || member_array (root, "actors") == NULL ||
      member_array (root, "events") == NULL || member_array (root, "quotes") == NULL ||
      member_array (root, "sources") == NULL)
    return fail (error, "%s: needs \"sources\", \"actors\", \"events\" and \"quotes\" arrays", json_path);

  g_unlink (tmp);
  if (sqlite3_open_v2 (tmp, &c.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    return fail (error, "cannot create %s", tmp);

  c.actor_rank = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.relation_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.event_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  c.source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.source_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.sources_dir = sources_dir;

  ok = tri_schema_create (c.db, TRI_SCHEMA_VERSION, error) &&
       tri_sql_exec (c.db, "BEGIN", error) &&
       insert_texts (&c, member_object (root, "title"), "title", TRUE,
                     "INSERT INTO briefing (lang, title) VALUES (?, ?)", NULL, 0, error) &&
       load_actors (&c, member_array (root, "actors"), error) &&
       load_sources (&c, member_array (root, "sources"), error) &&
       load_events (&c, member_array (root, "events"), error) &&
       load_quotes (&c, member_array (root, "quotes"), error) &&
       tri_sql_exec (c.db, "COMMIT", error) &&
       tri_sql_exec (c.db, "VACUUM", error);

  sqlite3_close (c.db);
  g_hash_table_unref (c.actor_rank);
  g_hash_table_unref (c.relation_ids);
  g_hash_table_unref (c.event_ids);
  g_hash_table_unref (c.source_ids);
  g_hash_table_unref (c.source_files);
  g_hash_table_unref (c.documents);

  if (ok && g_rename (tmp, out_path) != 0)
    ok = fail (error, "cannot write %s", out_path);
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
