/* tri-briefing-json.c: the reader of Trilateral JSON (data/briefing.json)
 *
 * Everything the JSON says is checked by tri-validate.c's rules (the same
 * the document applies to edits) as its rows are written; the caller owns
 * the database and its transaction, and makes it appear only when whole.
 * tri-compile and --import-json share this reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-import"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "store/tri-filter.h"
#include "store/tri-date.h"
#include "store/tri-deck.h"
#include "store/tri-model.h"
#include "store/tri-validate.h"
#include "tri-briefing-json.h"

G_DEFINE_QUARK (tri-briefing-json-error-quark, tri_briefing_json_error)

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
  GHashTable *fingerprints;   /* file name -> its sha256 (tri_validate_fingerprint()) */
  const TriBriefingJsonOptions *options;
} Compiler;

/* "what: sentence", the sentence being the shared rules' own words */
static gboolean
fail_about (GError    **error,
            const char *what,
            GError     *cause)
{
  if (error != NULL && *error == NULL)
    g_set_error (error, TRI_BRIEFING_JSON_ERROR, TRI_BRIEFING_JSON_ERROR_INVALID, "%s: %s", what, cause->message);
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
    g_set_error_literal (error, TRI_BRIEFING_JSON_ERROR, TRI_BRIEFING_JSON_ERROR_INVALID, message);
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

/* An element of a list that must be an object (or a string): anything
 * else is NULL, for the caller to refuse (json-glib's own getters would
 * complain instead) */
static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *n = json_array_get_element (array, i);

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static const char *
element_string (JsonArray *array,
                guint      i)
{
  JsonNode *n = json_array_get_element (array, i);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

/* the database's failure (a full disk), not the file's */
static gboolean
write_failed (Compiler  *c,
              GError   **error)
{
  if (error != NULL && *error == NULL)
    g_set_error (error, TRI_BRIEFING_JSON_ERROR, TRI_BRIEFING_JSON_ERROR_WRITE,
                 "the database could not be written: %s", sqlite3_errmsg (c->db));
  return FALSE;
}

/* a text the briefing can keep: the store reads rows of a bounded size */
static gboolean
text_fits (Compiler    *c,
           const char  *text,
           const char  *what,
           GError     **error)
{
  gsize max = c->options->max_text_bytes;

  if (text != NULL && max > 0 && strlen (text) > max)
    return fail (error, "%s is longer than Trilateral keeps (%" G_GSIZE_FORMAT " bytes)", what, max);
  return TRUE;
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
    return write_failed (c, error);

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
  if (rc != SQLITE_DONE && (sqlite3_extended_errcode (c->db) & 0xff) == SQLITE_CONSTRAINT)
    {
      /* the file names one thing twice (a relation in one event, a source id) */
      sqlite3_finalize (stmt);
      return fail (error, "it lists the same thing twice (%s)", sqlite3_errmsg (c->db));
    }
  if (rc != SQLITE_DONE)
    {
      write_failed (c, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
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
      if (!text_fits (c, text, what, error))
        return FALSE;
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
      JsonObject *a = element_object (actors, i);
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

/* A source's document from the sources folder, read once: UTF-8 text with
 * no NUL, so that the characters counted here, by SQLite and by the store
 * are the same. */
static const char *
document (Compiler    *c,
          const char  *file,
          GError     **error)
{
  const char *doc = g_hash_table_lookup (c->documents, file);
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (doc != NULL)
    return doc;
  path = g_build_filename (c->sources_dir, file, NULL);
  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  if (!g_utf8_validate_len (contents, len, NULL))
    {
      g_free (contents);
      fail (error, "%s: not UTF-8 text", path);
      return NULL;
    }
  g_hash_table_insert (c->documents, g_strdup (file), contents);
  g_hash_table_insert (c->fingerprints, g_strdup (file), tri_validate_fingerprint (contents, NULL));
  return contents;
}

static gboolean
load_sources (Compiler   *c,
              JsonArray  *sources,
              GError    **error)
{
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *s = element_object (sources, i);
      const char *id = s ? member_string (s, "id") : NULL;
      const char *date = s ? member_string (s, "date") : NULL;
      JsonArray *authors = s ? member_array (s, "authors") : NULL;
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *what = NULL;
      g_autofree char *canonical = NULL;
      g_autofree char *about = NULL;
      GError *cause = NULL;
      char reliability = 0;
      TriDate d;

      if (id == NULL || member_string (s, "title") == NULL ||
          member_string (s, "kind") == NULL || member_string (s, "language") == NULL)
        return fail (error, "source %u: needs id, kind, title and language", i + 1);
      about = g_strdup_printf ("source %s", id);
      if (!tri_validate_date (date, &d, &cause))
        return fail_about (error, about, cause);
      canonical = tri_date_to_string (&d);

      /* optional: a source without one is ungraded */
      if (json_object_has_member (s, "reliability"))
        {
          const char *r = member_string (s, "reliability");

          if (r == NULL || r[0] == '\0' || r[1] != '\0')
            r = "?";
          if (!tri_validate_reliability (r[0], &cause))
            return fail_about (error, about, cause);
          reliability = r[0];
        }

      for (guint k = 0; authors && k < json_array_get_length (authors); k++)
        {
          const char *n = element_string (authors, k);
          if (n == NULL)
            return fail (error, "source %s: authors must be strings", id);
          if (names->len)
            g_string_append (names, ", ");
          g_string_append (names, n);
        }

      if (!text_fits (c, id, "a source's id", error) ||
          !text_fits (c, member_string (s, "title"), "a source's title", error) ||
          !text_fits (c, member_string (s, "outlet"), "a source's outlet", error) ||
          !text_fits (c, member_string (s, "kind"), "a source's kind", error) ||
          !text_fits (c, member_string (s, "language"), "a source's language", error) ||
          !text_fits (c, member_string (s, "file"), "a source's file", error) ||
          !text_fits (c, names->str, "a source's authors", error))
        return FALSE;
      g_hash_table_add (c->source_ids, g_strdup (id));
      if (member_string (s, "file") != NULL)
        g_hash_table_insert (c->source_files, g_strdup (id), g_strdup (member_string (s, "file")));
      if (!exec_bound (c,
                       "INSERT INTO source (id, kind, title, outlet, authors, language, date, file, reliability)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error, "sssssssss",
                       id, member_string (s, "kind"), member_string (s, "title"),
                       member_string (s, "outlet"), names->str,
                       member_string (s, "language"), canonical, member_string (s, "file"),
                       reliability ? (char[2]) { reliability, '\0' } : NULL))
        return FALSE;

      /* which document the quotes are checked against: its fingerprint,
       * never its text */
      if (c->sources_dir != NULL && member_string (s, "file") != NULL)
        {
          const char *file = member_string (s, "file");
          const char *doc = document (c, file, error);

          if (doc == NULL ||
              !exec_bound (c, "INSERT INTO source_document (source, text, sha256, chars) VALUES (?, NULL, ?, ?)",
                           error, "ssi", id, g_hash_table_lookup (c->fingerprints, file),
                           (gint64) g_utf8_strlen (doc, -1)))
            return FALSE;
        }

      what = g_strdup_printf ("source %s description", id);
      if (!insert_texts (c, member_object (s, "description"), what, FALSE,
                         "INSERT INTO source_text (source, lang, description) VALUES (?, ?, ?)",
                         id, 0, error))
        return FALSE;
    }
  return TRUE;
}

/* One event of "events": @i is its place there (from 0), for messages */
static gboolean
load_event (Compiler    *c,
            JsonObject  *event,
            guint        i,
            GError     **error)
{
  JsonObject *e = event;
  const char *date = e ? member_string (e, "date") : NULL;
  JsonObject *title, *summary, *claimed;
  const char *title_en;
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
  if (c->options->require_vi &&
      (title == NULL || member_string (title, "en") == NULL || member_string (title, "vi") == NULL))
    return fail (error, "event %" G_GINT64_FORMAT ": needs a title in English and Vietnamese", id);
  if (c->options->require_vi &&
      (summary == NULL || member_string (summary, "en") == NULL || member_string (summary, "vi") == NULL))
    return fail (error, "event %" G_GINT64_FORMAT ": needs a summary in English and Vietnamese", id);
  title_en = title != NULL ? member_string (title, "en") : NULL;
  if (title_en == NULL || *title_en == '\0')
    return fail (error, "event %" G_GINT64_FORMAT ": needs a title in English", id);
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
      if (!text_fits (c, t, about, error) ||
          !text_fits (c, summary ? member_string (summary, lang) : NULL, about, error) ||
          !text_fits (c, claimed ? member_string (claimed, lang) : NULL, about, error))
        return FALSE;
      if (!exec_bound (c,
                       "INSERT INTO event_text (event, lang, title, summary, claimed_by)"
                       " VALUES (?, ?, ?, ?, ?)", error, "issss",
                       id, lang, t, summary ? member_string (summary, lang) : NULL,
                       claimed ? member_string (claimed, lang) : NULL))
        return FALSE;
    }

  links = member_array (e, "relations");
  if (links == NULL || json_array_get_length (links) == 0)
    return fail (error, "event %" G_GINT64_FORMAT ": links no relation", id);
  for (guint k = 0; k < json_array_get_length (links); k++)
    {
      JsonObject *lk = element_object (links, k);
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
  return TRUE;
}

static gboolean
load_events (Compiler   *c,
             JsonArray  *events,
             GError    **error)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    if (!load_event (c, element_object (events, i), i, error))
      return FALSE;
  return TRUE;
}

static gboolean
load_quotes (Compiler   *c,
             JsonArray  *quotes,
             GError    **error)
{
  for (guint i = 0; i < json_array_get_length (quotes); i++)
    {
      JsonObject *q = element_object (quotes, i);
      const char *text = q ? member_string (q, "text") : NULL;
      const char *source = q ? member_string (q, "source") : NULL;
      JsonObject *translation = q ? member_object (q, "translation") : NULL;
      const char *claim_text = q ? member_string (q, "claim") : NULL;
      gint64 id, offset, event = 0, rel, credibility = 0;
      const char *checked = NULL;   /* the fingerprint of the document it was checked against */
      g_autofree char *what = NULL;
      g_autofree char *about = NULL;
      GError *cause = NULL;
      TriClaim claim = TRI_CLAIM_UNSTATED;

      if (q == NULL || !member_int (q, "id", &id) || id <= 0)
        return fail (error, "quote %u: needs a positive integer id", i + 1);
      if (text == NULL || *text == '\0')
        return fail (error, "quote %" G_GINT64_FORMAT ": no text", id);
      if (!text_fits (c, text, "a quote", error))
        return FALSE;
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
      /* optional: a quote without one is ungraded */
      if (json_object_has_member (q, "credibility") &&
          (!member_int (q, "credibility", &credibility) || credibility == 0))
        credibility = -1;   /* not a number from 1 to 6 */
      if (!tri_validate_credibility (credibility < 0 || credibility > G_MAXINT ? -1 : (int) credibility, &cause))
        return fail_about (error, about, cause);
      if (c->sources_dir != NULL && g_hash_table_contains (c->source_files, source))
        {
          const char *file = g_hash_table_lookup (c->source_files, source);
          const char *doc = document (c, file, error);

          if (doc == NULL)
            return FALSE;
          if (!tri_validate_quote_verbatim (doc, offset, text, &cause))
            return fail_about (error, about, cause);
          checked = g_hash_table_lookup (c->fingerprints, file);
        }

      if (!exec_bound (c,
                       "INSERT INTO quote (id, source, char_offset, text, relation, event, claim, credibility,"
                       " checked_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error, "isisinsns",
                       id, source, offset, text, rel, event,
                       claim == TRI_CLAIM_UNSTATED ? NULL : tri_claim_to_string (claim), credibility,
                       checked))
        return FALSE;

      what = g_strdup_printf ("quote %" G_GINT64_FORMAT " translation", id);
      if (!insert_texts (c, translation, what, TRUE,
                         "INSERT INTO quote_translation (quote, lang, text) VALUES (?, ?, ?)",
                         NULL, id, error))
        return FALSE;
    }
  return TRUE;
}

/* --- decks and markings ---------------------------------------------------- */

/* "deck “Briefing”, slide 3" (slide 0: the deck itself) */
static char *
slide_about (const char *deck,
             guint       number)
{
  if (number == 0)
    return g_strdup_printf ("deck “%s”", deck);
  return g_strdup_printf ("deck “%s”, slide %u", deck, number);
}

static gboolean G_GNUC_PRINTF (4, 5)
fail_slide (GError    **error,
            const char *deck,
            guint       number,
            const char *format,
            ...)
{
  g_autofree char *about = slide_about (deck, number);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return fail (error, "%s: %s", about, message);
}

/* A day "YYYY-MM-DD" in member @name, or 0 when absent */
static gboolean
member_day (JsonObject  *o,
            const char  *name,
            const char  *deck,
            guint        number,
            guint32     *day,
            GError     **error)
{
  const char *text;

  *day = 0;
  if (!json_object_has_member (o, name))
    return TRUE;
  text = member_string (o, name);
  if (text == NULL || !tri_day_from_iso (text, day))
    return fail_slide (error, deck, number, "“%s” is not a day such as 2024-06-19", name);
  return TRUE;
}

/* One end of a timeline range: a day ("2024-06-19"; @end: through its
 * last moment) or a moment of one ("2024-06-19T06:00:00") */
static gboolean
range_end_from_string (const char *text,
                       gboolean    end,
                       double     *value)
{
  g_autofree char *day_part = NULL;
  const char *t;
  guint32 day;
  int h = 0, m = 0, sec = 0;
  char extra;

  if (text == NULL)
    return FALSE;
  t = strchr (text, 'T');
  day_part = t ? g_strndup (text, t - text) : g_strdup (text);
  if (!tri_day_from_iso (day_part, &day))
    return FALSE;
  if (t == NULL)
    {
      *value = (double) day + (end ? 1 : 0);
      return TRUE;
    }
  if (sscanf (t + 1, "%2d:%2d:%2d%c", &h, &m, &sec, &extra) != 3 || h < 0 || h > 23 || m < 0 || m > 59 ||
      sec < 0 || sec > 59)
    return FALSE;
  *value = (double) day + (h * 3600 + m * 60 + sec) / 86400.0;
  return TRUE;
}

/* The languages of a slide's texts, and each text */
typedef struct
{
  JsonObject *title, *judgement, *notes, *body;
} SlideTexts;

static gboolean
check_slide_texts (JsonObject  *texts,
                   const char  *member,
                   const char  *deck,
                   guint        number,
                   GHashTable  *langs,
                   GError     **error)
{
  g_autoptr(GList) members = NULL;

  if (texts == NULL)
    return TRUE;
  members = json_object_get_members (texts);
  for (GList *l = members; l; l = l->next)
    {
      const char *lang = l->data;
      const char *text = member_string (texts, lang);
      GError *cause = NULL;

      if (!tri_validate_lang_code (lang, &cause))
        {
          g_autofree char *about = slide_about (deck, number);
          return fail_about (error, about, cause);
        }
      if (text == NULL || *text == '\0')
        return fail_slide (error, deck, number, "the %s %s is empty or not a string", lang, member);
      g_hash_table_add (langs, (gpointer) lang);
    }
  return TRUE;
}

static const char *
lang_text (JsonObject *texts,
           const char *lang)
{
  return texts != NULL ? member_string (texts, lang) : NULL;
}

static gboolean
load_slide (Compiler    *c,
            JsonObject  *o,
            const char  *deck,
            gint64       deck_id,
            guint        number,
            gint64       slide_id,
            GError     **error)
{
  static const char * const members[] = {
    "kind", "title", "judgement", "notes", "body", "as_of", "window_months", "relation", "actor",
    "event", "range", "show_others", "lang", "from", "to", "step", "style", "filter",
  };
  g_autoptr(TriDeckSlide) slide = tri_deck_slide_new (TRI_DECK_SLIDE_VIEW);
  g_autoptr(GHashTable) langs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *filter_text = NULL;
  g_autoptr(GList) lang_list = NULL;
  g_autoptr(GList) present = NULL;
  g_autofree char *about = slide_about (deck, number);
  SlideTexts texts = { 0 };
  const char *kind;
  GError *cause = NULL;
  gint64 relation = 0, months = 12;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (o == NULL)
    return fail_slide (error, deck, number, "is not an object");
  present = json_object_get_members (o);
  for (GList *l = present; l; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        known |= g_str_equal (l->data, members[i]);
      if (!known)
        return fail_slide (error, deck, number, "unknown member “%s”", (const char *) l->data);
    }

  kind = member_string (o, "kind");
  if (!tri_deck_slide_kind_from_string (kind, &slide->kind))
    return fail_slide (error, deck, number, "unknown kind “%s”: use view, text, compare or trend",
                       kind ? kind : "");

  texts.title = member_object (o, "title");
  texts.judgement = member_object (o, "judgement");
  texts.notes = member_object (o, "notes");
  texts.body = member_object (o, "body");
  if (texts.title == NULL)
    return fail_slide (error, deck, number, "needs a title, {\"en\": …}");
  if ((json_object_has_member (o, "judgement") && texts.judgement == NULL) ||
      (json_object_has_member (o, "notes") && texts.notes == NULL) ||
      (json_object_has_member (o, "body") && texts.body == NULL))
    return fail_slide (error, deck, number, "its judgement, notes and body are texts, {\"en\": …}");
  if (!check_slide_texts (texts.title, "title", deck, number, langs, error) ||
      !check_slide_texts (texts.judgement, "judgement", deck, number, langs, error) ||
      !check_slide_texts (texts.notes, "notes", deck, number, langs, error) ||
      !check_slide_texts (texts.body, "body", deck, number, langs, error))
    return FALSE;

  if (!member_day (o, "as_of", deck, number, &slide->as_of, error))
    return FALSE;
  if (json_object_has_member (o, "window_months") &&
      (!member_int (o, "window_months", &months) || months < 0 || months > TRI_DECK_MAX_WINDOW_MONTHS))
    return fail_slide (error, deck, number, "“window_months” is a number of months from 0 (all time) to %d",
                       TRI_DECK_MAX_WINDOW_MONTHS);
  slide->window_months = (guint) months;
  if (json_object_has_member (o, "relation"))
    {
      const char *code = member_string (o, "relation");

      if (!relation_id (c, code, &relation, &cause))
        {
          if (cause == NULL)
            return FALSE;
          return fail_about (error, about, cause);
        }
    }
  if (json_object_has_member (o, "actor"))
    {
      const char *actor = member_string (o, "actor");

      if (actor == NULL || !g_hash_table_contains (c->actor_rank, actor))
        return fail_slide (error, deck, number, "actor “%s” is not in \"actors\"", actor ? actor : "");
      slide->actor = g_strdup (actor);
    }
  if (json_object_has_member (o, "event") &&
      (!member_int (o, "event", &slide->event) || !g_hash_table_contains (c->event_ids, &slide->event)))
    return fail_slide (error, deck, number, "names an event that is not in \"events\"");
  if (json_object_has_member (o, "range"))
    {
      JsonArray *range = member_array (o, "range");

      if (range == NULL || json_array_get_length (range) != 2 ||
          !range_end_from_string (element_string (range, 0), FALSE, &slide->range_start) ||
          !range_end_from_string (element_string (range, 1), TRUE, &slide->range_end))
        return fail_slide (error, deck, number, "“range” is two days, [\"2023-01-01\", \"2024-12-31\"]");
    }
  if (json_object_has_member (o, "show_others"))
    {
      JsonNode *n = json_object_get_member (o, "show_others");

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
        return fail_slide (error, deck, number, "“show_others” is true or false");
      slide->show_others = json_node_get_boolean (n);
    }
  if (json_object_has_member (o, "lang"))
    {
      const char *lang = member_string (o, "lang");

      if (!tri_validate_lang_code (lang, &cause))
        return fail_about (error, about, cause);
      slide->lang = g_strdup (lang);
    }
  if (json_object_has_member (o, "filter"))
    {
      const char *filter = member_string (o, "filter");

      if (filter == NULL)
        return fail_slide (error, deck, number, "“filter” is text such as \"category=military,confidence=confirmed\"");
      slide->filter = g_strdup (filter);   /* checked by tri_validate_slide () */
    }

  if (slide->kind == TRI_DECK_SLIDE_COMPARE)
    {
      if (!json_object_has_member (o, "from"))
        return fail_slide (error, deck, number, "a compare slide needs “from”, the day it compares from");
      if (!member_day (o, "from", deck, number, &slide->compare_from, error))
        return FALSE;
    }
  if (slide->kind == TRI_DECK_SLIDE_TREND)
    {
      if (!json_object_has_member (o, "from") || !json_object_has_member (o, "to") ||
          !json_object_has_member (o, "step") || !json_object_has_member (o, "style"))
        return fail_slide (error, deck, number, "a trend slide needs “from”, “to”, “step” and “style”");
      if (!member_day (o, "from", deck, number, &slide->trend_from, error) ||
          !member_day (o, "to", deck, number, &slide->trend_to, error))
        return FALSE;
      if (!tri_trend_step_from_string (member_string (o, "step"), &slide->trend_step))
        return fail_slide (error, deck, number, "unknown step “%s”: use quarter or year",
                           member_string (o, "step") ? member_string (o, "step") : "");
      if (!tri_trend_style_from_string (member_string (o, "style"), &slide->trend_style))
        return fail_slide (error, deck, number, "unknown style “%s”: use multiples or strip",
                           member_string (o, "style") ? member_string (o, "style") : "");
    }
  if ((slide->kind != TRI_DECK_SLIDE_COMPARE && slide->kind != TRI_DECK_SLIDE_TREND &&
       json_object_has_member (o, "from")) ||
      (slide->kind != TRI_DECK_SLIDE_TREND &&
       (json_object_has_member (o, "to") || json_object_has_member (o, "step") ||
        json_object_has_member (o, "style"))))
    return fail_slide (error, deck, number, "“from”, “to”, “step” and “style” belong to compare and trend slides");

  /* every language's texts by the same rules as the document's */
  lang_list = g_hash_table_get_keys (langs);
  for (GList *l = lang_list; l; l = l->next)
    {
      g_autoptr(TriDeckSlide) each = tri_deck_slide_copy (slide);

      g_free (each->title);
      each->title = g_strdup (lang_text (texts.title, l->data));
      each->judgement = g_strdup (lang_text (texts.judgement, l->data));
      each->notes = g_strdup (lang_text (texts.notes, l->data));
      each->body = g_strdup (lang_text (texts.body, l->data));
      if (!tri_validate_slide (each, &cause))
        return fail_about (error, about, cause);
    }
  if (!tri_validate_slide (slide, &cause))
    return fail_about (error, about, cause);
  if (slide->filter != NULL)
    {
      g_autoptr(TriFilter) filter = tri_filter_parse (slide->filter, NULL);

      filter_text = filter != NULL ? tri_filter_to_string (filter) : NULL;
    }

  if (sqlite3_prepare_v2 (c->db,
                          "INSERT INTO slide (id, deck, position, kind, as_of, window_months, relation, actor,"
                          " event, range_start, range_end, show_others, lang, compare_from, trend_from,"
                          " trend_to, trend_step, trend_style, filter)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return write_failed (c, error);
  sqlite3_bind_int64 (stmt, 1, slide_id);
  sqlite3_bind_int64 (stmt, 2, deck_id);
  sqlite3_bind_int64 (stmt, 3, number - 1);
  sqlite3_bind_text (stmt, 4, tri_deck_slide_kind_to_string (slide->kind), -1, SQLITE_STATIC);
  if (slide->as_of != 0)
    sqlite3_bind_int64 (stmt, 5, tri_day_to_jdn (slide->as_of));
  sqlite3_bind_int64 (stmt, 6, slide->window_months);
  if (relation != 0)
    sqlite3_bind_int64 (stmt, 7, relation);
  if (slide->actor != NULL)
    sqlite3_bind_text (stmt, 8, slide->actor, -1, SQLITE_STATIC);
  if (slide->event != 0)
    sqlite3_bind_int64 (stmt, 9, slide->event);
  if (slide->range_start != 0)
    {
      sqlite3_bind_double (stmt, 10, slide->range_start - (double) TRI_DAY_JDN_OFFSET);
      sqlite3_bind_double (stmt, 11, slide->range_end - (double) TRI_DAY_JDN_OFFSET);
    }
  sqlite3_bind_int (stmt, 12, slide->show_others ? 1 : 0);
  if (slide->lang != NULL)
    sqlite3_bind_text (stmt, 13, slide->lang, -1, SQLITE_STATIC);
  if (slide->compare_from != 0)
    sqlite3_bind_int64 (stmt, 14, tri_day_to_jdn (slide->compare_from));
  if (slide->trend_from != 0)
    sqlite3_bind_int64 (stmt, 15, tri_day_to_jdn (slide->trend_from));
  if (slide->trend_to != 0)
    sqlite3_bind_int64 (stmt, 16, tri_day_to_jdn (slide->trend_to));
  sqlite3_bind_text (stmt, 17, tri_trend_step_to_string (slide->trend_step), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 18, tri_trend_style_to_string (slide->trend_style), -1, SQLITE_STATIC);
  if (filter_text != NULL && filter_text[0] != '\0')
    sqlite3_bind_text (stmt, 19, filter_text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return write_failed (c, error);

  for (GList *l = lang_list; l; l = l->next)
    {
      const char *title = lang_text (texts.title, l->data);

      if (!exec_bound (c, "INSERT INTO slide_text (slide, lang, title, judgement, notes, body)"
                       " VALUES (?, ?, ?, ?, ?, ?)", error, "isssss",
                       slide_id, (const char *) l->data, title ? title : "",
                       lang_text (texts.judgement, l->data), lang_text (texts.notes, l->data),
                       lang_text (texts.body, l->data)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_decks (Compiler   *c,
            JsonArray  *decks,
            GError    **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 slide_id = 0;

  if (json_array_get_length (decks) > TRI_DECK_MAX_DECKS)
    return fail (error, "decks: a briefing holds at most %d decks", TRI_DECK_MAX_DECKS);
  for (guint i = 0; i < json_array_get_length (decks); i++)
    {
      JsonObject *d = element_object (decks, i);
      const char *name = d ? member_string (d, "name") : NULL;
      JsonArray *slides = d ? member_array (d, "slides") : NULL;
      GError *cause = NULL;

      if (name == NULL || !tri_validate_deck_name (name, &cause))
        {
          g_autofree char *about = g_strdup_printf ("deck %u", i + 1);

          return fail_about (error, about, cause ? cause : g_error_new_literal (TRI_VALIDATE_ERROR, 0, "a deck needs a name"));
        }
      if (g_hash_table_contains (names, name))
        return fail_slide (error, name, 0, "two decks have this name");
      g_hash_table_add (names, (gpointer) name);
      if (slides == NULL)
        return fail_slide (error, name, 0, "needs its list of \"slides\"");
      {
        g_autoptr(GList) members = json_object_get_members (d);

        for (GList *m = members; m; m = m->next)
          if (!g_str_equal (m->data, "name") && !g_str_equal (m->data, "slides"))
            return fail_slide (error, name, 0, "unknown member “%s”", (const char *) m->data);
      }
      if (json_array_get_length (slides) > TRI_DECK_MAX_SLIDES)
        return fail_slide (error, name, 0, "a deck holds at most %d slides", TRI_DECK_MAX_SLIDES);
      if (!exec_bound (c, "INSERT INTO deck (id, name) VALUES (?, ?)", error, "is", (gint64) i + 1, name))
        return FALSE;
      for (guint k = 0; k < json_array_get_length (slides); k++)
        if (!load_slide (c, element_object (slides, k), name, (gint64) i + 1, k + 1, ++slide_id, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
load_markings (Compiler    *c,
               JsonObject  *o,
               GError     **error)
{
  static const char * const fields[] = { "marking", "author", "prepared", "version" };
  TriMarkings markings = { 0 };
  g_autoptr(GList) present = NULL;
  GError *cause = NULL;

  if (o == NULL)
    return fail (error, "markings: an object with marking, author, prepared and version");
  present = json_object_get_members (o);
  for (GList *l = present; l; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        known |= g_str_equal (l->data, fields[i]);
      if (!known || member_string (o, l->data) == NULL)
        return fail (error, "markings: “%s” is not one of marking, author, prepared and version, as text",
                     (const char *) l->data);
    }
  markings.marking = (char *) member_string (o, "marking");
  markings.author = (char *) member_string (o, "author");
  markings.prepared = (char *) member_string (o, "prepared");
  markings.version = (char *) member_string (o, "version");
  if (!tri_validate_markings (&markings, &cause))
    return fail_about (error, "markings", cause);
  if (tri_markings_is_empty (&markings))
    return TRUE;
  return exec_bound (c, "INSERT INTO markings (id, marking, author, prepared, version) VALUES (1, ?, ?, ?, ?)",
                     error, "ssss",
                     markings.marking && *markings.marking ? markings.marking : NULL,
                     markings.author && *markings.author ? markings.author : NULL,
                     markings.prepared && *markings.prepared ? markings.prepared : NULL,
                     markings.version && *markings.version ? markings.version : NULL);
}

static void
compiler_init (Compiler                     *c,
               sqlite3                      *db,
               const TriBriefingJsonOptions *options)
{
  static const TriBriefingJsonOptions defaults = { 0 };

  c->db = db;
  c->options = options ? options : &defaults;
  c->actor_rank = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->relation_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->event_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  c->source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->source_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->fingerprints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->sources_dir = c->options->sources_dir;
}

static void
compiler_clear (Compiler *c)
{
  g_hash_table_unref (c->actor_rank);
  g_hash_table_unref (c->relation_ids);
  g_hash_table_unref (c->event_ids);
  g_hash_table_unref (c->source_ids);
  g_hash_table_unref (c->source_files);
  g_hash_table_unref (c->documents);
  g_hash_table_unref (c->fingerprints);
}

/**
 * tri_briefing_json_load:
 * @db: an empty briefing (its schema created), in a transaction
 * @root: the JSON's top object
 *
 * Writes the briefing @root describes into @db, checking every value as
 * it goes. On failure @db holds part of it: the caller discards it.
 */
gboolean
tri_briefing_json_load (sqlite3                      *db,
                        JsonObject                   *root,
                        const TriBriefingJsonOptions *options,
                        GError                      **error)
{
  Compiler c = { 0 };
  gboolean ok;

  if (root == NULL || member_array (root, "actors") == NULL ||
      member_array (root, "events") == NULL || member_array (root, "quotes") == NULL ||
      member_array (root, "sources") == NULL)
    return fail (error, "it needs \"sources\", \"actors\", \"events\" and \"quotes\" lists");

  compiler_init (&c, db, options);
  ok = insert_texts (&c, member_object (root, "title"), "title", TRUE,
                     "INSERT INTO briefing (lang, title) VALUES (?, ?)", NULL, 0, error) &&
       load_actors (&c, member_array (root, "actors"), error) &&
       load_sources (&c, member_array (root, "sources"), error) &&
       load_events (&c, member_array (root, "events"), error) &&
       load_quotes (&c, member_array (root, "quotes"), error) &&
       (!json_object_has_member (root, "markings") ||
        load_markings (&c, member_object (root, "markings"), error)) &&
       (!json_object_has_member (root, "decks") ||
        (member_array (root, "decks") != NULL ? load_decks (&c, member_array (root, "decks"), error)
                                              : fail (error, "decks: a list of decks")));
  compiler_clear (&c);
  return ok;
}

struct _TriBriefingReader
{
  Compiler c;
};

/**
 * tri_briefing_reader_new:
 * @db: an empty briefing (its schema created), in a transaction
 * @title: the briefing's title, {"en": …, …}
 * @actors: the "actors" list
 *
 * The same reader, an event at a time (tri_briefing_reader_add_event()),
 * for an importer that makes the events as it reads its file: its memory
 * does not grow with the events. %NULL with @error set when the title or
 * an actor is refused.
 */
TriBriefingReader *
tri_briefing_reader_new (sqlite3                      *db,
                         JsonObject                   *title,
                         JsonArray                    *actors,
                         const TriBriefingJsonOptions *options,
                         GError                      **error)
{
  TriBriefingReader *r = g_new0 (TriBriefingReader, 1);

  compiler_init (&r->c, db, options);
  if (!insert_texts (&r->c, title, "title", TRUE, "INSERT INTO briefing (lang, title) VALUES (?, ?)", NULL, 0, error) ||
      !load_actors (&r->c, actors, error))
    {
      tri_briefing_reader_free (r);
      return NULL;
    }
  return r;
}

/* @event as an element of "events" at @index (from 0) */
gboolean
tri_briefing_reader_add_event (TriBriefingReader  *self,
                               JsonObject         *event,
                               guint               index,
                               GError            **error)
{
  return load_event (&self->c, event, index, error);
}

void
tri_briefing_reader_free (TriBriefingReader *self)
{
  if (self == NULL)
    return;
  compiler_clear (&self->c);
  g_free (self);
}
