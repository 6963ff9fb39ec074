/* tri-import.c: TimelineJS3 timelines into Trilateral briefings
 *
 * TimelineJS3's JSON: `title`, `events[]` with `start_date` / `end_date`
 * (`year`, `month`, `day`, `hour`, `minute`, `display_date`), `text`
 * (`headline`, `text`: HTML), `group`, `unique_id`, `media` (`url`,
 * `credit`, `caption`), and `eras`.
 *
 * Dates keep their precision: a year is a year, never 1 January. `group`
 * becomes a relation ("RUS-PRK") or a category ("military") where it names
 * one. HTML becomes plain text. Whatever has no column of its own (a time
 * of day, a display date, a group, an id, a caption, an era) is kept in a
 * note, and the summary says how many: nothing is silently dropped.
 * The new briefing appears only when complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-import"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "store/tri-date.h"
#include "store/tri-model.h"
#include "store/tri-schema.h"
#include "tri-import.h"

G_DEFINE_QUARK (tri-import-error-quark, tri_import_error)

typedef struct
{
  const char  *path;
  sqlite3     *db;
  GHashTable  *actors;      /* code -> rank */
  GHashTable  *relations;   /* "A-B" -> id */
  GHashTable  *sources;     /* "credit\nurl" -> id */
  guint        n_events, n_notes, n_sources, n_linked, n_categorized;
} Import;

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError    **error,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the first %s is a file, the second what is wrong with it */
  g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_INVALID, _("“%s” cannot be imported: %s."), path, what);
  return FALSE;
}

/**
 * tri_html_to_text:
 *
 * The text of an HTML fragment: tags dropped (block ends become line
 * breaks), the common entities decoded, white space folded.
 */
char *
tri_html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
    { "&apos;", "'" }, { "&nbsp;", " " }, { "&ndash;", "–" }, { "&mdash;", "—" },
  };
  gboolean space = FALSE;

  for (const char *p = html ? html : ""; *p; )
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          gboolean block = g_ascii_strncasecmp (p, "<br", 3) == 0 || g_ascii_strncasecmp (p, "</p", 3) == 0 ||
                           g_ascii_strncasecmp (p, "</li", 4) == 0 || g_ascii_strncasecmp (p, "</div", 5) == 0;

          if (end == NULL)
            break;
          if (block && out->len > 0 && out->str[out->len - 1] != '\n')
            {
              if (space)
                g_string_truncate (out, out->len - 1);
              g_string_append_c (out, '\n');
              space = FALSE;
            }
          p = end + 1;
          continue;
        }
      if (*p == '&')
        {
          gboolean matched = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (entities) && !matched; i++)
            if (g_str_has_prefix (p, entities[i].entity))
              {
                g_string_append (out, entities[i].text);
                p += strlen (entities[i].entity);
                matched = TRUE;
              }
          if (!matched && p[1] == '#')
            {
              char *end = NULL;
              gunichar c = p[2] == 'x' || p[2] == 'X' ? (gunichar) g_ascii_strtoull (p + 3, &end, 16)
                                                       : (gunichar) g_ascii_strtoull (p + 2, &end, 10);
              if (end != NULL && *end == ';' && g_unichar_validate (c) && c != 0)
                {
                  g_string_append_unichar (out, c);
                  p = end + 1;
                  matched = TRUE;
                }
            }
          if (matched)
            {
              space = FALSE;
              continue;
            }
        }
      if (g_ascii_isspace (*p))
        {
          if (!space && out->len > 0 && out->str[out->len - 1] != '\n')
            g_string_append_c (out, ' ');
          space = TRUE;
          p++;
          continue;
        }
      g_string_append_c (out, *p++);
      space = FALSE;
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/* A number TimelineJS allows as a number or a numeric string; 0 when absent */
static gboolean
member_number (JsonObject *o,
               const char *name,
               gint64     *out,
               gboolean   *present)
{
  JsonNode *n = json_object_get_member (o, name);

  *out = 0;
  *present = FALSE;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64)
    {
      *out = json_node_get_int (n);
      *present = TRUE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (n);

      if (*s == '\0')
        return TRUE;
      *present = TRUE;
      return g_ascii_string_to_signed (s, 10, G_MININT64, G_MAXINT64, out, NULL);
    }
  return FALSE;
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static JsonObject *
member_object (JsonObject *o,
               const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

/* A TimelineJS date object as an honest date form: "2021", "2021-03",
 * "2021-03-05". The hour and minute and display_date go to @notes. */
static gboolean
parse_tl_date (Import     *im,
               JsonObject *date,
               guint       index,
               const char *which,
               GString    *form,
               GPtrArray  *notes,
               GError    **error)
{
  gint64 year, month, day, hour, minute;
  gboolean has_year, has_month, has_day, has_hour, has_minute;
  const char *display = member_string (date, "display_date");

  if (!member_number (date, "year", &year, &has_year) || !member_number (date, "month", &month, &has_month) ||
      !member_number (date, "day", &day, &has_day) || !member_number (date, "hour", &hour, &has_hour) ||
      !member_number (date, "minute", &minute, &has_minute))
    return invalid (error, im->path, _("event %u has a %s with a part that is not a number"), index + 1, which);

  if (!has_year)
    return invalid (error, im->path, _("event %u has a %s with no year"), index + 1, which);
  if (year < TRI_YEAR_MIN || year > TRI_YEAR_MAX)
    /* Translators: "event 3 (start date): the year 12000 is outside −9999 to 9999";
     * TimelineJS years count as astronomers do: 0 is 1 BCE, -43 is 44 BCE */
    return invalid (error, im->path, _("event %u (%s): the year %" G_GINT64_FORMAT " is outside −9999 to 9999"),
                    index + 1, which, year);
  if ((has_month && (month < 1 || month > 12)) ||
      (has_day && (!has_month || !tri_ymd_valid ((int) year, (int) month, (int) day))) ||
      (has_hour && (hour < 0 || hour > 23)) || (has_minute && (minute < 0 || minute > 59)))
    return invalid (error, im->path, _("event %u has an impossible %s (year %d, month %d, day %d)"),
                    index + 1, which, (int) year, (int) month, (int) day);

  if (year < 0)
    g_string_append_printf (form, "-%04d", (int) -year);
  else
    g_string_append_printf (form, "%04d", (int) year);
  if (has_month)
    g_string_append_printf (form, "-%02d", (int) month);
  if (has_day)
    g_string_append_printf (form, "-%02d", (int) day);

  if (has_hour)
    /* Translators: a note on an imported event: "start time: 14:30" */
    /* Translators: a note on an imported event: "start date: 14:30" */
    g_ptr_array_add (notes, g_strdup_printf (_("%s: %02d:%02d"), which, (int) hour, (int) minute));
  if (display != NULL && *display != '\0')
    g_ptr_array_add (notes, g_strdup_printf (_("%s shown as: %s"), which, display));
  return TRUE;
}

static gboolean
exec_sql (Import      *im,
          const char  *sql,
          GError     **error,
          const char  *types,
          ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  int rc;

  if (sqlite3_prepare_v2 (im->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  va_start (args, types);
  for (int i = 0; types[i]; i++)
    {
      if (types[i] == 's')
        sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
    }
  va_end (args);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

fail:
  g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("The new briefing could not be written: %s"),
               sqlite3_errmsg (im->db));
  return FALSE;
}

static gboolean
add_note (Import      *im,
          gint64       event,
          const char  *text,
          GError     **error)
{
  im->n_notes++;
  if (event == 0)
    return exec_sql (im, "INSERT INTO note (event, text) VALUES (NULL, ?)", error, "s", text);
  return exec_sql (im, "INSERT INTO note (event, text) VALUES (?, ?)", error, "is", event, text);
}

static const struct { const char *code; const char *name; const char *color; } known_actors[] = {
  { "RUS", "Russia", "#0072B2" }, { "CHN", "China", "#E69F00" }, { "PRK", "North Korea", "#CC79A7" },
};

static gboolean
ensure_actor (Import      *im,
              const char  *code,
              GError     **error)
{
  const char *name = code;
  const char *color = "#7F7F7F";
  gint64 rank = g_hash_table_size (im->actors) + 3;

  if (g_hash_table_contains (im->actors, code))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (known_actors); i++)
    if (g_str_equal (known_actors[i].code, code))
      {
        name = known_actors[i].name;
        color = known_actors[i].color;
        rank = i;
      }
  g_hash_table_insert (im->actors, g_strdup (code), GINT_TO_POINTER (rank + 1));
  return exec_sql (im, "INSERT INTO actor VALUES (?, ?, ?)", error, "ssi", code, color, rank) &&
         exec_sql (im, "INSERT INTO actor_name VALUES (?, 'en', ?)", error, "ss", code, name);
}

/* A group that names a relation ("RUS-PRK", "Russia – North Korea" is not
 * guessed at) links the event to it. */
static gint64
relation_for_group (Import      *im,
                    const char  *group,
                    GError     **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *key = NULL;
  gpointer id;

  if (!tri_relation_code_parse (group, &a, &b))
    return 0;
  if (!ensure_actor (im, a, error) || !ensure_actor (im, b, error))
    return -1;
  if (GPOINTER_TO_INT (g_hash_table_lookup (im->actors, b)) < GPOINTER_TO_INT (g_hash_table_lookup (im->actors, a)))
    {
      char *t = a;
      a = b;
      b = t;
    }
  key = g_strdup_printf ("%s-%s", a, b);
  if ((id = g_hash_table_lookup (im->relations, key)) != NULL)
    return GPOINTER_TO_SIZE (id);

  id = GSIZE_TO_POINTER (g_hash_table_size (im->relations) + 1);
  if (!exec_sql (im, "INSERT INTO relation VALUES (?, ?, ?)", error, "iss", (gint64) GPOINTER_TO_SIZE (id), a, b))
    return -1;
  g_hash_table_insert (im->relations, g_steal_pointer (&key), id);
  return GPOINTER_TO_SIZE (id);
}

static gboolean
import_event (Import      *im,
              JsonObject  *ev,
              guint        index,
              const char  *claim,
              GError     **error)
{
  JsonObject *start = member_object (ev, "start_date");
  JsonObject *end = member_object (ev, "end_date");
  JsonObject *text = member_object (ev, "text");
  JsonObject *media = member_object (ev, "media");
  const char *group = member_string (ev, "group");
  const char *unique_id = member_string (ev, "unique_id");
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  g_autofree char *canonical = NULL;
  TriCategory category = TRI_CATEGORY_DIPLOMACY;
  gint64 id = index + 1, relation = 0;
  TriDate d;

  if (start == NULL)
    return invalid (error, im->path, _("event %u has no start_date object"), index + 1);
  if (!parse_tl_date (im, start, index, _("start date"), form, notes, error))
    return FALSE;

  if (end != NULL)
    {
      g_autoptr(GString) end_form = g_string_new (NULL);
      TriDate a, b;

      if (!parse_tl_date (im, end, index, _("end date"), end_form, notes, error))
        return FALSE;
      if (tri_date_parse (form->str, &a, NULL) && tri_date_parse (end_form->str, &b, NULL) &&
          b.earliest >= a.earliest && b.latest > a.latest)
        g_string_append_printf (form, "/%s", end_form->str);
      else if (!g_str_equal (form->str, end_form->str))
        /* Translators: a note on an imported event whose end is not after its start */
        g_ptr_array_add (notes, g_strdup_printf (_("end date %s is not after the start"), end_form->str));
    }

  if (!tri_date_parse (form->str, &d, NULL))
    return invalid (error, im->path, _("event %u has a date Trilateral cannot place"), index + 1);

  headline = tri_html_to_text (member_string (text, "headline"));
  body = tri_html_to_text (member_string (text, "text"));
  if (*headline == '\0')
    {
      g_free (headline);
      headline = *body ? g_utf8_substring (body, 0, MIN (g_utf8_strlen (body, -1), 80))
                       : g_strdup_printf (_("Event %u"), index + 1);
    }

  if (group != NULL && *group != '\0')
    {
      if (tri_category_from_string (group, &category))
        im->n_categorized++;
      else if ((relation = relation_for_group (im, group, error)) < 0)
        return FALSE;
      else if (relation == 0)
        g_ptr_array_add (notes, g_strdup_printf (_("group: %s"), group));
    }
  if (unique_id != NULL)
    g_ptr_array_add (notes, g_strdup_printf (_("TimelineJS id: %s"), unique_id));

  canonical = tri_date_to_string (&d);
  if (!exec_sql (im, "INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
                 " VALUES (?, ?, ?, ?, ?, ?, 'reported')", error, "issiis",
                 id, canonical, tri_precision_to_string (d.precision),
                 tri_day_to_jdn (d.earliest), tri_day_to_jdn (d.latest),
                 tri_category_to_string (category)) ||
      !exec_sql (im, "INSERT INTO event_text VALUES (?, 'en', ?, ?, ?)", error, "isss",
                 id, headline, body, claim))
    return FALSE;
  if (relation > 0)
    {
      im->n_linked++;
      if (!exec_sql (im, "INSERT INTO event_relation VALUES (?, ?, 'neutral', 1)", error, "ii", id, relation))
        return FALSE;
    }

  if (media != NULL)
    {
      const char *url = member_string (media, "url");
      const char *credit = member_string (media, "credit");
      const char *caption = member_string (media, "caption");

      if ((url && *url) || (credit && *credit))
        {
          g_autofree char *key = g_strdup_printf ("%s\n%s", credit ? credit : "", url ? url : "");
          g_autofree char *credit_text = tri_html_to_text (credit);

          if (!g_hash_table_contains (im->sources, key))
            {
              g_autofree char *sid = g_strdup_printf ("media-%u", g_hash_table_size (im->sources) + 1);
              g_autofree char *title = *credit_text ? g_strdup (credit_text) : g_strdup (url);

              if (!exec_sql (im, "INSERT INTO source VALUES (?, 'media', ?, ?, '', 'en', ?, NULL)", error, "ssss",
                             sid, title, credit_text, canonical))
                return FALSE;
              if (url && *url &&
                  !exec_sql (im, "INSERT INTO source_text VALUES (?, 'en', ?)", error, "ss", sid, url))
                return FALSE;
              g_hash_table_insert (im->sources, g_steal_pointer (&key), g_strdup (sid));
              im->n_sources++;
            }
          g_ptr_array_add (notes, g_strdup_printf (_("source: %s"), *credit_text ? credit_text : url));
        }
      if (caption && *caption)
        {
          g_autofree char *plain = tri_html_to_text (caption);
          g_ptr_array_add (notes, g_strdup_printf (_("media caption: %s"), plain));
        }
    }

  for (guint i = 0; i < notes->len; i++)
    if (!add_note (im, id, notes->pdata[i], error))
      return FALSE;

  im->n_events++;
  return TRUE;
}

/**
 * tri_import_timelinejs:
 * @summary: (out): one line saying what was imported and what was kept as notes
 *
 * Reads a TimelineJS3 JSON file and writes a new briefing to @out_path,
 * which must not exist yet and appears only when complete.
 */
gboolean
tri_import_timelinejs (const char  *json_path,
                       const char  *out_path,
                       char       **summary,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *title = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *dir = NULL;
  Import im = { 0 };
  GStatBuf st;
  JsonNode *root;
  JsonNode *events_node;
  JsonArray *events;
  JsonObject *obj;
  gboolean ok = FALSE;

  im.path = json_path;

  if (g_stat (json_path, &st) != 0)
    return invalid (error, json_path, _("it does not exist"));
  if (!S_ISREG (st.st_mode))
    return invalid (error, json_path, _("it is not a regular file"));
  if (st.st_size > TRI_IMPORT_MAX_BYTES)
    return invalid (error, json_path, _("it is %d MB, and Trilateral imports timelines of up to %d MB"),
                    (int) (st.st_size / (1024 * 1024)), TRI_IMPORT_MAX_BYTES / (1024 * 1024));
  if (g_file_test (out_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE,
                   _("“%s” already exists: choose a new file for the imported briefing."), out_path);
      return FALSE;
    }
  dir = g_path_get_dirname (out_path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("The folder “%s” does not exist."), dir);
      return FALSE;
    }

  if (!json_parser_load_from_file (parser, json_path, &local_error))
    return invalid (error, json_path, _("it is not valid JSON (%s)"), local_error->message);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, json_path, _("it is not a TimelineJS timeline (no object at the top)"));
  obj = json_node_get_object (root);
  events_node = json_object_get_member (obj, "events");
  if (events_node == NULL)
    return invalid (error, json_path, _("it has no “events”"));
  if (!JSON_NODE_HOLDS_ARRAY (events_node))
    return invalid (error, json_path, _("its “events” is not a list"));
  events = json_node_get_array (events_node);

  title = tri_html_to_text (member_string (member_object (member_object (obj, "title"), "text"), "headline"));
  if (*title == '\0')
    {
      g_free (title);
      title = g_path_get_basename (json_path);
    }
  /* Translators: who claims an imported event; %s is the timeline's title */
  claim = g_strdup_printf (_("the imported timeline “%s”"), title);

  tmp = g_strdup_printf ("%s/.%s.import-XXXXXX", dir, "trilateral");
  {
    int fd = g_mkstemp (tmp);
    if (fd < 0)
      {
        g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("Cannot write in the folder “%s”."), dir);
        return FALSE;
      }
    close (fd);
  }

  im.actors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.relations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (sqlite3_open (tmp, &im.db) != SQLITE_OK)
    g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("Cannot write in the folder “%s”."), dir);
  else if (tri_schema_create (im.db, TRI_SCHEMA_VERSION, error) &&
           tri_sql_exec (im.db, "PRAGMA journal_mode = OFF; BEGIN", error) &&
           exec_sql (&im, "INSERT INTO briefing VALUES ('en', ?)", error, "s", title) &&
           ensure_actor (&im, "RUS", error) && ensure_actor (&im, "CHN", error) && ensure_actor (&im, "PRK", error))
    {
      ok = TRUE;
      for (guint i = 0; ok && i < json_array_get_length (events); i++)
        {
          JsonNode *n = json_array_get_element (events, i);

          if (!JSON_NODE_HOLDS_OBJECT (n))
            ok = invalid (error, json_path, _("event %u is not an object"), i + 1);
          else
            ok = import_event (&im, json_node_get_object (n), i, claim, error);
        }

      /* eras have no place of their own: each becomes a note on the briefing */
      if (ok && json_object_has_member (obj, "eras"))
        {
          JsonNode *eras = json_object_get_member (obj, "eras");

          for (guint i = 0; ok && JSON_NODE_HOLDS_ARRAY (eras) && i < json_array_get_length (json_node_get_array (eras)); i++)
            {
              JsonNode *e = json_array_get_element (json_node_get_array (eras), i);
              g_autofree char *data = json_to_string (e, FALSE);
              g_autofree char *note = g_strdup_printf (_("era: %s"), data);

              ok = add_note (&im, 0, note, error);
            }
        }

      ok = ok && tri_sql_exec (im.db, "COMMIT", error);
    }

  if (im.db != NULL)
    sqlite3_close (im.db);
  g_hash_table_unref (im.actors);
  g_hash_table_unref (im.relations);
  g_hash_table_unref (im.sources);

  if (ok && g_rename (tmp, out_path) != 0)
    {
      g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("Could not write “%s”."), out_path);
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (summary != NULL)
    /* Translators: the summary of an import */
    *summary = g_strdup_printf (_("Imported %u events into %s: %u linked to a relation, %u given a category by their group, %u sources, %u notes kept for what has no place of its own."),
                                im.n_events, out_path, im.n_linked, im.n_categorized, im.n_sources, im.n_notes);
  return TRUE;
}
