/* tri-import.c: TimelineJS3 timelines into Trilateral briefings
 *
 * TimelineJS3's JSON: `title`, `events[]` with `start_date` / `end_date`
 * (`year`, `month`, `day`, `hour`, `minute`, `second`, `display_date`),
 * `display_date`, `text` (`headline`, `text`: HTML), `group`, `unique_id`,
 * `media` (`url`, `credit`, `caption`), and `eras`.
 *
 * Dates keep their precision: a year is a year, never 1 January. A
 * display_date labels the date when it is the only date information (the
 * dates give only years and it names the start's year). `group` becomes
 * a relation ("RUS-PRK") or a category ("military") where it names one.
 * HTML becomes plain text. Whatever has no column of its own (a time of
 * day, a display date, a group, an id, a caption, an era, a member
 * Trilateral does not know) is kept in a note, and the summary says how
 * many: nothing is silently dropped. A text is cut to what the store reads,
 * with a note.
 *
 * Hostile input is refused, naming the event and the field: a value of the
 * wrong type, an impossible date, a \u0000 (which json-glib would cut a
 * string at), nesting deeper than TRI_IMPORT_MAX_DEPTH (checked before
 * json-glib, which recurses, sees it). The new briefing appears only when
 * complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "store/tri-date.h"
#include "store/tri-model.h"
#include "store/tri-new-file.h"
#include "store/tri-schema.h"
#include "store/tri-store.h"
#include "tri-import.h"
#include "tri-import-private.h"

G_DEFINE_QUARK (tri-import-error-quark, tri_import_error)

/* title, summary and claim of an event fit in one row the store reads */
G_STATIC_ASSERT (3 * TRI_IMPORT_MAX_TEXT_BYTES + 1000 < TRI_STORE_MAX_LENGTH);

typedef struct
{
  const char  *path;
  sqlite3     *db;
  GHashTable  *actors;      /* code -> rank */
  GHashTable  *relations;   /* "A-B" -> id */
  GHashTable  *sources;     /* "credit\nurl" -> id */
  guint        n_events, n_notes, n_sources, n_linked, n_categorized;
  guint        n_labels;    /* display_dates used as date labels */
  guint        n_cut;       /* texts cut to TRI_IMPORT_MAX_TEXT_BYTES */
  guint        n_nul;       /* \u0000 escapes the pre-scan turned into U+FFFF */
  TriImportProgressFunc progress;
  gpointer     progress_data;
  GCancellable *cancellable;
} Import;

gboolean
tri_import_invalid (GError    **error,
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

#define invalid tri_import_invalid

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

/* What a JSON value is, for a sentence that says it is the wrong kind */
static const char *
node_kind (JsonNode *n)
{
  if (JSON_NODE_HOLDS_OBJECT (n))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (n))
    return _("a list");
  if (JSON_NODE_HOLDS_NULL (n))
    return "null";
  switch (json_node_get_value_type (n))
    {
    case G_TYPE_STRING:
      return _("text");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
    }
}

/* Text Trilateral can keep: json-glib would cut a string at a \u0000, so
 * the pre-scan turned each into U+FFFF, which is refused here, naming the
 * event and the field */
static gboolean
check_text (Import      *im,
            const char  *text,
            const char  *where,
            const char  *field,
            GError     **error)
{
  if (im->n_nul > 0 && strstr (text, "\xEF\xBF\xBF") != NULL)
    /* Translators: "event 3: “text.headline” has a NUL character (\u0000)…" */
    return invalid (error, im->path, _("%s: “%s” has a NUL character (\\u0000), which Trilateral cannot keep"),
                    where, field);
  return TRUE;
}

/* A text member: absent or null is NULL; anything but a string is refused */
static gboolean
member_text (Import      *im,
             JsonObject  *o,
             const char  *name,
             const char  *where,
             const char  *field,
             const char **out,
             GError     **error)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  *out = NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    /* Translators: "event 3: “text.headline” is a number, not text" */
    return invalid (error, im->path, _("%s: “%s” is %s, not text"), where, field, node_kind (n));
  *out = json_node_get_string (n);
  return check_text (im, *out, where, field, error);
}

/* An object member: absent or null is NULL; anything but an object is refused */
static gboolean
member_object (Import      *im,
               JsonObject  *o,
               const char  *name,
               const char  *where,
               const char  *field,
               JsonObject **out,
               GError     **error)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  *out = NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (n))
    /* Translators: "event 3: “end_date” is text, not an object" */
    return invalid (error, im->path, _("%s: “%s” is %s, not an object"), where, field, node_kind (n));
  *out = json_node_get_object (n);
  return TRUE;
}

/* A number TimelineJS allows as a whole number or a numeric string;
 * absent, null or "" is not present */
static gboolean
member_number (Import      *im,
               JsonObject  *o,
               const char  *name,
               const char  *where,
               const char  *which,
               gint64      *out,
               gboolean    *present,
               GError     **error)
{
  JsonNode *n = json_object_get_member (o, name);
  g_autofree char *field = g_strdup_printf ("%s.%s", which, name);

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
      if (g_ascii_string_to_signed (s, 10, G_MININT64, G_MAXINT64, out, NULL))
        return TRUE;
      /* Translators: "event 3: “start_date.year” is “soon”, not a whole number" */
      return invalid (error, im->path, _("%s: “%s” is “%s”, not a whole number"), where, field, s);
    }
  /* Translators: "event 3: “start_date.month” is a list, not a whole number" */
  return invalid (error, im->path, _("%s: “%s” is %s, not a whole number"), where, field,
                  JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_DOUBLE
                  ? _("a fraction") : node_kind (n));
}

/* @text cut to at most @max bytes, at a character boundary */
static char *
cut_text (const char *text,
          gsize       max,
          gboolean   *cut)
{
  gsize len = strlen (text);

  *cut = len > max;
  if (!*cut)
    return g_strdup (text);
  while (max > 0 && ((guchar) text[max] & 0xC0) == 0x80)
    max--;
  return g_strndup (text, max);
}

/* @text (taken) no longer than the store reads: when it is cut, a note
 * says what and how much */
static char *
cap_text (Import     *im,
          char       *text,
          const char *field,
          GPtrArray  *notes)
{
  gboolean cut;
  char *capped = cut_text (text, TRI_IMPORT_MAX_TEXT_BYTES, &cut);

  if (cut)
    {
      glong was = g_utf8_strlen (text, -1), kept = g_utf8_strlen (capped, -1);

      im->n_cut++;
      /* Translators: a note on an imported event: "“text.headline” was cut to its first 999999 of 5242880 characters" */
      g_ptr_array_add (notes, g_strdup_printf (_("“%s” was cut to its first %ld of %ld characters"), field, kept, was));
    }
  g_free (text);
  return capped;
}

/* The bounded pre-scan, before json-glib sees the data: json-glib's parser
 * recurses once per level and has no limit, so a file nested 80,000 deep
 * overflows the stack. It also turns each \u0000 (which json-glib would
 * cut a string at, silently) into \uFFFF, for check_text() to refuse by
 * event and field. */
gboolean
tri_import_prescan_json (const char  *path,
                         char        *data,
                         gsize        len,
                         guint       *n_nul,
                         GError     **error)
{
  struct { const char *path; guint n_nul; } scan = { path, 0 }, *im = &scan;
  guint depth = 0, line = 1, nul_line = 0, n_ffff = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (c == '\0')
        /* Translators: %u is a line number */
        return invalid (error, im->path, _("it is not valid JSON (a NUL byte on line %u)"), line);
      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\' && i + 1 < len)
            {
              if (data[i + 1] == 'u' && i + 5 < len)
                {
                  if (memcmp (data + i + 2, "0000", 4) == 0)
                    {
                      memcpy (data + i + 2, "FFFF", 4);
                      im->n_nul++;
                      nul_line = nul_line ? nul_line : line;
                    }
                  else if (g_ascii_strncasecmp (data + i + 2, "FFFF", 4) == 0)
                    n_ffff++;
                }
              i++;
            }
          else if ((guchar) c == 0xEF && i + 2 < len && (guchar) data[i + 1] == 0xBF && (guchar) data[i + 2] == 0xBF)
            n_ffff++;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > TRI_IMPORT_MAX_DEPTH)
        /* Translators: %d is how deep Trilateral reads, %u a line number */
        return invalid (error, im->path, _("its lists and objects are nested more than %d deep (on line %u)"),
                        TRI_IMPORT_MAX_DEPTH, line);
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  /* a file that also has U+FFFF of its own cannot tell them apart: refused by line */
  if (im->n_nul > 0 && n_ffff > 0)
    return invalid (error, im->path, _("it has a NUL character (\\u0000) in a text on line %u, which Trilateral cannot keep"),
                    nul_line);
  *n_nul = scan.n_nul;
  return TRUE;
}

/* Members Trilateral has no place for are kept as notes ("background:
 * {…}"), never dropped */
static gboolean
keep_others (Import      *im,
             JsonObject  *o,
             const char  *prefix,
             const char  *where,
             const char * const *known,
             GPtrArray   *notes,
             GError     **error)
{
  g_autoptr(GList) names = o ? json_object_get_members (o) : NULL;

  for (GList *l = names; l; l = l->next)
    {
      JsonNode *n = json_object_get_member (o, l->data);
      g_autofree char *field = prefix ? g_strdup_printf ("%s.%s", prefix, (char *) l->data) : g_strdup (l->data);
      g_autofree char *value = NULL;

      if (g_strv_contains (known, l->data) || JSON_NODE_HOLDS_NULL (n))
        continue;
      value = JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
              ? g_strdup (json_node_get_string (n)) : json_to_string (n, FALSE);
      if (!check_text (im, value, where, field, error))
        return FALSE;
      /* a member name that is not valid text is not kept as one */
      if (!check_text (im, l->data, where, _("a member name"), error))
        return FALSE;
      /* Translators: a note on an imported event: a TimelineJS field and its value */
      g_ptr_array_add (notes, g_strdup_printf (_("%s: %s"), field, value));
    }
  return TRUE;
}

/* A TimelineJS date object as an honest date form: "2021", "2021-03",
 * "2021-03-05". The time of day goes to @notes, the display_date to
 * @display. */
static gboolean
parse_tl_date (Import      *im,
               JsonObject  *date,
               const char  *where,
               const char  *which,
               GString     *form,
               gint64      *year_out,
               gboolean    *year_only,
               const char **display,
               GPtrArray   *notes,
               GError     **error)
{
  static const char * const known[] = { "year", "month", "day", "hour", "minute", "second", "display_date", NULL };
  gint64 year, month, day, hour, minute, second;
  gboolean has_year, has_month, has_day, has_hour, has_minute, has_second;
  g_autofree char *display_field = g_strdup_printf ("%s.display_date", which);

  if (!member_number (im, date, "year", where, which, &year, &has_year, error) ||
      !member_number (im, date, "month", where, which, &month, &has_month, error) ||
      !member_number (im, date, "day", where, which, &day, &has_day, error) ||
      !member_number (im, date, "hour", where, which, &hour, &has_hour, error) ||
      !member_number (im, date, "minute", where, which, &minute, &has_minute, error) ||
      !member_number (im, date, "second", where, which, &second, &has_second, error) ||
      !member_text (im, date, "display_date", where, display_field, display, error))
    return FALSE;

  if (!has_year)
    /* Translators: "event 3: “end_date” has no year" */
    return invalid (error, im->path, _("%s: “%s” has no year"), where, which);
  if (year < TRI_YEAR_MIN || year > TRI_YEAR_MAX)
    /* Translators: "event 3: “end_date.year” is 12000, outside −9999 to 9999";
     * TimelineJS years count as astronomers do: 0 is 1 BCE, -43 is 44 BCE */
    return invalid (error, im->path, _("%s: “%s.year” is %lld, outside −9999 to 9999"),
                    where, which, (long long) year);
  /* each part is checked whole, before any is narrowed (a day of
   * 4294967301 is not the 5th) */
  if ((has_month && (month < 1 || month > 12)) ||
      (has_day && (!has_month || day < 1 || day > 31 || !tri_ymd_valid ((int) year, (int) month, (int) day))) ||
      (has_hour && (hour < 0 || hour > 23)) || (has_minute && (minute < 0 || minute > 59)) ||
      (has_second && (second < 0 || second > 59)))
    /* Translators: "event 3: “start_date” is impossible (year 2023, month 2, day 30)" */
    return invalid (error, im->path, _("%s: “%s” is impossible (year %lld, month %lld, day %lld)"),
                    where, which, (long long) year, (long long) month, (long long) day);

  if (year < 0)
    g_string_append_printf (form, "-%04d", (int) -year);
  else
    g_string_append_printf (form, "%04d", (int) year);
  if (has_month)
    g_string_append_printf (form, "-%02d", (int) month);
  if (has_day)
    g_string_append_printf (form, "-%02d", (int) day);
  *year_out = year;
  *year_only = !has_month;

  if ((has_hour || has_minute) && has_second)
    /* Translators: a note on an imported event: "start_date time: 14:30:05" */
    g_ptr_array_add (notes, g_strdup_printf (_("%s time: %02d:%02d:%02d"), which, (int) hour, (int) minute, (int) second));
  else if (has_hour || has_minute)
    /* Translators: a note on an imported event: "start_date time: 14:30" */
    g_ptr_array_add (notes, g_strdup_printf (_("%s time: %02d:%02d"), which, (int) hour, (int) minute));
  return keep_others (im, date, which, where, known, notes, error);
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
  if ((sqlite3_errcode (im->db) & 0xff) == SQLITE_FULL)
    g_set_error_literal (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL, _("The disk is full."));
  else
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
  gboolean cut;
  g_autofree char *capped = cut_text (text, TRI_IMPORT_MAX_TEXT_BYTES - 100, &cut);

  if (cut)
    {
      glong kept = g_utf8_strlen (capped, -1);
      char *marked;

      im->n_cut++;
      /* Translators: the end of a note cut to the length Trilateral reads */
      marked = g_strdup_printf (_("%s … [cut to its first %ld of %ld characters]"), capped, kept, g_utf8_strlen (text, -1));
      g_free (capped);
      capped = marked;
    }
  im->n_notes++;
  if (event == 0)
    return exec_sql (im, "INSERT INTO note (event, text) VALUES (NULL, ?)", error, "s", capped);
  return exec_sql (im, "INSERT INTO note (event, text) VALUES (?, ?)", error, "is", event, capped);
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

static const char * const event_known[] = { "start_date", "end_date", "text", "media", "group", "unique_id", "display_date", NULL };
static const char * const text_known[] = { "headline", "text", NULL };
static const char * const media_known[] = { "url", "credit", "caption", NULL };

/* An end_date whose members are all "" or null (as a spreadsheet export
 * writes for an event with no end) says nothing: no end */
static gboolean
all_empty (JsonObject *o)
{
  g_autoptr(GList) names = json_object_get_members (o);

  for (GList *l = names; l; l = l->next)
    {
      JsonNode *n = json_object_get_member (o, l->data);

      if (!JSON_NODE_HOLDS_NULL (n) &&
          !(JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING && *json_node_get_string (n) == '\0'))
        return FALSE;
    }
  return TRUE;
}

/* Does @display say nothing against @year? It must name the year */
static gboolean
display_names_year (const char *display,
                    gint64      year)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (year));
  const char *p = display;

  /* the year as a number of its own: "1950" in "Summer 1950", not in "19501" */
  while ((p = strstr (p, digits)) != NULL)
    {
      gboolean before = p == display || !g_ascii_isdigit (p[-1]);
      gboolean after = !g_ascii_isdigit (p[strlen (digits)]);

      if (before && after)
        return TRUE;
      p++;
    }
  return FALSE;
}

static gboolean
import_event (Import      *im,
              JsonObject  *ev,
              guint        index,
              const char  *claim,
              GError     **error)
{
  /* Translators: where in an imported file something is wrong: "event 3" */
  g_autofree char *where = g_strdup_printf (_("event %u"), index + 1);
  JsonObject *start, *end, *text, *media;
  const char *group, *unique_id, *event_display, *start_display = NULL, *end_display = NULL;
  const char *headline_html, *body_html;
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  g_autofree char *canonical = NULL;
  const char *label = NULL;
  TriCategory category = TRI_CATEGORY_DIPLOMACY;
  gint64 id = index + 1, relation = 0, start_year = 0, end_year = 0;
  gboolean start_year_only = FALSE, end_year_only = TRUE;
  TriDate d;

  if (!member_object (im, ev, "start_date", where, "start_date", &start, error) ||
      !member_object (im, ev, "end_date", where, "end_date", &end, error) ||
      !member_object (im, ev, "text", where, "text", &text, error) ||
      !member_object (im, ev, "media", where, "media", &media, error) ||
      !member_text (im, ev, "group", where, "group", &group, error) ||
      !member_text (im, ev, "unique_id", where, "unique_id", &unique_id, error) ||
      !member_text (im, ev, "display_date", where, "display_date", &event_display, error) ||
      !member_text (im, text, "headline", where, "text.headline", &headline_html, error) ||
      !member_text (im, text, "text", where, "text.text", &body_html, error))
    return FALSE;

  if (start == NULL)
    /* Translators: "event 3 has no “start_date”" */
    return invalid (error, im->path, _("%s has no “start_date”"), where);
  if (!parse_tl_date (im, start, where, "start_date", form, &start_year, &start_year_only, &start_display, notes, error))
    return FALSE;

  if (end != NULL && !all_empty (end))
    {
      g_autoptr(GString) end_form = g_string_new (NULL);
      TriDate a, b;

      if (!parse_tl_date (im, end, where, "end_date", end_form, &end_year, &end_year_only, &end_display, notes, error))
        return FALSE;
      if (tri_date_parse (form->str, &a, NULL) && tri_date_parse (end_form->str, &b, NULL) &&
          b.earliest >= a.earliest && b.latest > a.latest)
        g_string_append_printf (form, "/%s", end_form->str);
      else if (!g_str_equal (form->str, end_form->str))
        /* Translators: a note on an imported event whose end is not after its start */
        g_ptr_array_add (notes, g_strdup_printf (_("end_date %s is not after the start"), end_form->str));
    }

  if (!tri_date_parse (form->str, &d, NULL))
    return invalid (error, im->path, _("%s has a date Trilateral cannot place"), where);

  /* The display_date is the date's label when it is the only date
   * information: the dates give no more than years, and it names the
   * start's year (so it says nothing against the stored date), in no
   * more than a label's length; the event's own display_date before its
   * start_date's. Otherwise it is a note. */
  {
    const char *candidate = event_display && *event_display ? event_display : start_display;

    if (candidate && *candidate && start_year_only && end_year_only && (end_display == NULL || *end_display == '\0') &&
        g_utf8_strlen (candidate, -1) <= TRI_IMPORT_MAX_LABEL_CHARS && display_names_year (candidate, start_year))
      {
        label = candidate;
        im->n_labels++;
      }
    if (event_display && *event_display && event_display != label)
      g_ptr_array_add (notes, g_strdup_printf (_("%s: %s"), "display_date", event_display));
    if (start_display && *start_display && start_display != label)
      g_ptr_array_add (notes, g_strdup_printf (_("%s: %s"), "start_date.display_date", start_display));
    if (end_display && *end_display)
      g_ptr_array_add (notes, g_strdup_printf (_("%s: %s"), "end_date.display_date", end_display));
  }

  headline = cap_text (im, tri_html_to_text (headline_html), "text.headline", notes);
  body = cap_text (im, tri_html_to_text (body_html), "text.text", notes);
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
        g_ptr_array_add (notes, g_strdup_printf (_("%s: %s"), "group", group));
    }
  if (unique_id != NULL)
    g_ptr_array_add (notes, g_strdup_printf (_("%s: %s"), "unique_id", unique_id));
  if (!keep_others (im, ev, NULL, where, event_known, notes, error) ||
      !keep_others (im, text, "text", where, text_known, notes, error))
    return FALSE;

  canonical = tri_date_to_string (&d);
  /* the display_date, when it is the label, goes in event.date_label */
  if (!exec_sql (im, "INSERT INTO event (id, date, date_label, precision, earliest, latest, category, confidence)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, 'reported')", error, "isssiis",
                 id, canonical, label, tri_precision_to_string (d.precision),
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
      const char *url, *credit, *caption;

      if (!member_text (im, media, "url", where, "media.url", &url, error) ||
          !member_text (im, media, "credit", where, "media.credit", &credit, error) ||
          !member_text (im, media, "caption", where, "media.caption", &caption, error) ||
          !keep_others (im, media, "media", where, media_known, notes, error))
        return FALSE;

      if ((url && *url) || (credit && *credit))
        {
          g_autofree char *key = g_strdup_printf ("%s\n%s", credit ? credit : "", url ? url : "");
          g_autofree char *credit_text = cap_text (im, tri_html_to_text (credit), "media.credit", notes);
          g_autofree char *url_text = cap_text (im, g_strdup (url ? url : ""), "media.url", notes);

          if (!g_hash_table_contains (im->sources, key))
            {
              g_autofree char *sid = g_strdup_printf ("media-%u", g_hash_table_size (im->sources) + 1);
              const char *title = *credit_text ? credit_text : url_text;

              if (!exec_sql (im, "INSERT INTO source (id, kind, title, outlet, authors, language, date, file)"
                                   " VALUES (?, 'media', ?, ?, '', 'en', ?, NULL)", error, "ssss",
                             sid, title, credit_text, canonical))
                return FALSE;
              if (*url_text &&
                  !exec_sql (im, "INSERT INTO source_text VALUES (?, 'en', ?)", error, "ss", sid, url_text))
                return FALSE;
              g_hash_table_insert (im->sources, g_steal_pointer (&key), g_strdup (sid));
              im->n_sources++;
            }
          /* the evidence panel shows these with the event */
          if (*credit_text)
            /* Translators: a note on an imported event */
            g_ptr_array_add (notes, g_strdup_printf (_("media credit: %s"), credit_text));
          if (*url_text)
            /* Translators: a note on an imported event */
            g_ptr_array_add (notes, g_strdup_printf (_("media URL: %s"), url_text));
        }
      if (caption && *caption)
        {
          g_autofree char *plain = tri_html_to_text (caption);
          /* Translators: a note on an imported event */
          g_ptr_array_add (notes, g_strdup_printf (_("media caption: %s"), plain));
        }
    }

  for (guint i = 0; i < notes->len; i++)
    if (!add_note (im, id, notes->pdata[i], error))
      return FALSE;

  im->n_events++;
  return TRUE;
}

void
tri_import_set_unreadable (GError    **error,
                           const char *json_path,
                           int         saved_errno,
                           gboolean    timeline)
{
  if (saved_errno == ENOENT || saved_errno == ENOTDIR)
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NOT_FOUND, _("“%s” does not exist."), json_path);
  else if (saved_errno == EISDIR && timeline)
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_IS_DIRECTORY,
                 _("“%s” is a folder, not a TimelineJS timeline."), json_path);
  else if (saved_errno == EISDIR)
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_IS_DIRECTORY,
                 _("“%s” is a folder, not a file to import."), json_path);
  else
    /* Translators: the second %s is the system's reason, "Permission denied" */
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_PERMISSION, _("“%s” cannot be read: %s."),
                 json_path, g_strerror (saved_errno));
}

/* Reads @json_path whole (it is at most @max_bytes): a file
 * that is missing or cannot be read is said to be so, as a briefing would
 * be (exit 3, 4), never "not valid JSON" */
char *
tri_import_read_input (const char  *json_path,
                       gsize        max_bytes,
                       gsize       *len,
                       gboolean     timeline,
                       GError     **error)
{
  g_autofree char *data = NULL;
  GStatBuf st;
  gsize size;
  int fd;

  if ((fd = g_open (json_path, O_RDONLY | O_CLOEXEC, 0)) < 0)
    {
      tri_import_set_unreadable (error, json_path, errno, timeline);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      tri_import_set_unreadable (error, json_path, errno, timeline);
      close (fd);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      tri_import_set_unreadable (error, json_path, EISDIR, timeline);
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || (guint64) st.st_size > max_bytes)
    {
      close (fd);
      if (!S_ISREG (st.st_mode))
        invalid (error, json_path, _("it is not a regular file"));
      else if (timeline)
        invalid (error, json_path, _("it is %d MB, and Trilateral imports timelines of up to %d MB"),
                 (int) (st.st_size / (1024 * 1024)), TRI_IMPORT_MAX_BYTES / (1024 * 1024));
      else
        /* Translators: "it is 100 MB, and Trilateral imports files of up to 64 MB" */
        invalid (error, json_path, _("it is %d MB, and Trilateral imports files of up to %d MB"),
                 (int) (st.st_size / (1024 * 1024)), (int) (max_bytes / (1024 * 1024)));
      return NULL;
    }

  /* one byte more than the limit tells a file that grew since */
  size = st.st_size;
  data = g_malloc (size + 1);
  *len = 0;
  while (*len <= size)
    {
      gssize n = read (fd, data + *len, size + 1 - *len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          tri_import_set_unreadable (error, json_path, errno, timeline);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      *len += n;
    }
  close (fd);
  if (*len > size)
    {
      invalid (error, json_path, _("it changed while it was read"));
      return NULL;
    }
  return g_steal_pointer (&data);
}

static char *
summarize (Import     *im,
           const char *out_path)
{
  GString *s = g_string_new (NULL);

  /* Translators: the start of an import's summary; %s is the new briefing */
  g_string_append_printf (s, ngettext ("Imported %u event into %s", "Imported %u events into %s", im->n_events),
                          im->n_events, out_path);
  g_string_append (s, ": ");
  /* Translators: part of an import's summary, after "Imported 5 events into …: " */
  g_string_append_printf (s, ngettext ("%u linked to a relation", "%u linked to a relation", im->n_linked), im->n_linked);
  g_string_append (s, ", ");
  g_string_append_printf (s, ngettext ("%u given a category by its group", "%u given a category by their group",
                                       im->n_categorized), im->n_categorized);
  g_string_append (s, ", ");
  g_string_append_printf (s, ngettext ("%u source", "%u sources", im->n_sources), im->n_sources);
  g_string_append (s, ", ");
  if (im->n_labels > 0)
    {
      g_string_append_printf (s, ngettext ("%u display_date used as its date’s label", "%u display_dates used as their dates’ labels",
                                           im->n_labels), im->n_labels);
      g_string_append (s, ", ");
    }
  if (im->n_cut > 0)
    {
      g_string_append_printf (s, ngettext ("%u text cut to the length Trilateral reads", "%u texts cut to the length Trilateral reads",
                                           im->n_cut), im->n_cut);
      g_string_append (s, ", ");
    }
  g_string_append_printf (s, ngettext ("%u note kept for what has no place of its own",
                                       "%u notes kept for what has no place of their own", im->n_notes), im->n_notes);
  g_string_append (s, ".");
  return g_string_free (s, FALSE);
}

/* A TimelineJS timeline read and parsed, to be written: the JSON's or,
 * from a spreadsheet, the same objects built from its rows */
typedef struct
{
  TriImporter  base;
  Import       im;
  JsonParser  *parser;
  JsonNode    *root;
} Timeline;

static void
timeline_free (TriImporter *base)
{
  Timeline *tl = (Timeline *) base;

  g_clear_object (&tl->parser);
  g_clear_pointer (&tl->root, json_node_unref);
  g_hash_table_unref (tl->im.actors);
  g_hash_table_unref (tl->im.relations);
  g_hash_table_unref (tl->im.sources);
  g_free (tl);
}

static char *
timeline_summarize (TriImporter *base,
                    const char  *target)
{
  return summarize (&((Timeline *) base)->im, target);
}

/* Writes the timeline into the sink's empty briefing */
static gboolean
timeline_fill (TriImporter   *base,
               TriImportSink *sink,
               GError       **error)
{
  static const char * const top_known[] = { "title", "events", "eras", NULL };
  static const char * const title_known[] = { "text", NULL };
  static const char * const title_text_known[] = { "headline", NULL };
  Timeline *tl = (Timeline *) base;
  Import *im = &tl->im;
  const char *json_path = base->path;
  g_autoptr(GPtrArray) briefing_notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *claim = NULL;
  const char *where = _("the timeline’s title");
  const char *headline = NULL;
  JsonNode *events_node;
  JsonNode *eras_node;
  JsonArray *events;
  JsonObject *obj, *title_obj = NULL, *title_text = NULL;
  gboolean ok = FALSE;

  im->db = sink->db;
  im->progress = sink->progress;
  im->progress_data = sink->progress_data;
  im->cancellable = sink->cancellable;

  if (tl->root == NULL || !JSON_NODE_HOLDS_OBJECT (tl->root))
    return invalid (error, json_path, _("it is not a TimelineJS timeline (no object at the top)"));
  obj = json_node_get_object (tl->root);
  events_node = json_object_get_member (obj, "events");
  if (events_node == NULL)
    return invalid (error, json_path, _("it has no “events”"));
  if (!JSON_NODE_HOLDS_ARRAY (events_node))
    return invalid (error, json_path, _("its “events” is %s, not a list"), node_kind (events_node));
  events = json_node_get_array (events_node);
  eras_node = json_object_get_member (obj, "eras");
  if (eras_node != NULL && !JSON_NODE_HOLDS_NULL (eras_node) && !JSON_NODE_HOLDS_ARRAY (eras_node))
    return invalid (error, json_path, _("its “eras” is %s, not a list"), node_kind (eras_node));

  if (!member_object (im, obj, "title", where, "title", &title_obj, error) ||
      !member_object (im, title_obj, "text", where, "title.text", &title_text, error) ||
      !member_text (im, title_text, "headline", where, "title.text.headline", &headline, error) ||
      !keep_others (im, obj, NULL, _("the timeline"), top_known, briefing_notes, error) ||
      !keep_others (im, title_obj, "title", where, title_known, briefing_notes, error) ||
      !keep_others (im, title_text, "title.text", where, title_text_known, briefing_notes, error))
    return FALSE;
  title = cap_text (im, tri_html_to_text (headline), "title.text.headline", briefing_notes);
  if (*title == '\0')
    {
      g_free (title);
      title = g_path_get_basename (json_path);
    }
  /* Translators: who claims an imported event; %s is the timeline's title */
  claim = g_strdup_printf (_("the imported timeline “%s”"), title);
  {
    gboolean cut;
    char *capped = cut_text (claim, TRI_IMPORT_MAX_TEXT_BYTES, &cut);

    g_free (claim);
    claim = capped;
  }

  if (exec_sql (im, "INSERT INTO briefing VALUES ('en', ?)", error, "s", title) &&
      ensure_actor (im, "RUS", error) && ensure_actor (im, "CHN", error) && ensure_actor (im, "PRK", error))
    {
      ok = TRUE;
      for (guint i = 0; ok && i < json_array_get_length (events); i++)
        {
          JsonNode *n = json_array_get_element (events, i);

          if (!JSON_NODE_HOLDS_OBJECT (n))
            ok = invalid (error, json_path, _("event %u is %s, not an object"), i + 1, node_kind (n));
          else
            ok = import_event (im, json_node_get_object (n), i, claim, error);
          if (ok && (i & 255) == 0)
            {
              if (g_cancellable_set_error_if_cancelled (im->cancellable, error))
                ok = FALSE;
              else if (im->progress != NULL)
                im->progress (i, json_array_get_length (events), im->progress_data);
            }
        }

      /* eras have no place of their own: each becomes a note on the briefing */
      for (guint i = 0; ok && eras_node && JSON_NODE_HOLDS_ARRAY (eras_node) &&
                        i < json_array_get_length (json_node_get_array (eras_node)); i++)
        {
          JsonNode *e = json_array_get_element (json_node_get_array (eras_node), i);
          g_autofree char *era = g_strdup_printf (_("era %u"), i + 1);
          g_autofree char *data_text = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (e))
            {
              ok = invalid (error, json_path, _("era %u is %s, not an object"), i + 1, node_kind (e));
              break;
            }
          data_text = json_to_string (e, FALSE);
          if (!(ok = check_text (im, data_text, era, "eras", error)))
            break;
          /* Translators: a note on an imported briefing: one of its eras, as JSON */
          g_ptr_array_add (briefing_notes, g_strdup_printf (_("era: %s"), data_text));
        }

      for (guint i = 0; ok && i < briefing_notes->len; i++)
        ok = add_note (im, 0, briefing_notes->pdata[i], error);
    }
  return ok;
}

static Timeline *
timeline_new (const char *path)
{
  Timeline *tl = g_new0 (Timeline, 1);

  tl->base.path = path;
  tl->base.fill = timeline_fill;
  tl->base.summarize = timeline_summarize;
  tl->base.free = timeline_free;
  tl->im.path = path;
  tl->im.actors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tl->im.relations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tl->im.sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return tl;
}

/**
 * tri_import_timeline_new: (skip)
 * @root: (transfer full): TimelineJS's objects, as its JSON or as built
 *   from a spreadsheet's rows
 *
 * The importer of a TimelineJS timeline already read: the one mapping of
 * TimelineJS's fields, whichever file they came in.
 */
TriImporter *
tri_import_timeline_new (const char *path,
                         JsonNode   *root)
{
  Timeline *tl = timeline_new (path);

  tl->root = root;
  return &tl->base;
}

/* Reads and parses a TimelineJS JSON file */
static TriImporter *
timeline_prepare (const char  *json_path,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  Timeline *tl;
  gsize len = 0;

  if ((data = tri_import_read_input (json_path, TRI_IMPORT_MAX_BYTES, &len, TRUE, error)) == NULL)
    return NULL;
  tl = timeline_new (json_path);
  tl->parser = json_parser_new ();
  if (!tri_import_prescan_json (json_path, data, len, &tl->im.n_nul, error))
    goto fail;
  if (!json_parser_load_from_data (tl->parser, data, len, &local_error))
    {
      invalid (error, json_path, _("it is not valid JSON (%s)"), local_error->message);
      goto fail;
    }
  if (json_parser_get_root (tl->parser) != NULL)
    tl->root = json_node_ref (json_parser_get_root (tl->parser));
  return &tl->base;

fail:
  timeline_free (&tl->base);
  return NULL;
}

TriImporter *
tri_import_prepare (TriImportFormat   format,
                    const char       *path,
                    GError          **error)
{
  switch (format)
    {
    case TRI_IMPORT_TIMELINEJS:
      return timeline_prepare (path, error);
    case TRI_IMPORT_CSV:
      return tri_import_csv_prepare (path, error);
    case TRI_IMPORT_JSON:
      return tri_import_json_prepare (path, error);
    case TRI_IMPORT_GDELT:
      return tri_import_gdelt_prepare (path, error);
    default:
      g_return_val_if_reached (NULL);
    }
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
  TriImportTarget target = { .out_path = out_path };

  g_return_val_if_fail (out_path != NULL, FALSE);
  return tri_import_file (TRI_IMPORT_TIMELINEJS, json_path, &target, summary, error);
}

/**
 * tri_import_timelinejs_full:
 * @out_path: (nullable): the new briefing, or %NULL to check only (the
 *   same import, into memory)
 * @progress: (nullable): called now and then with the events done and
 *   their number, from the thread that imports
 * @cancellable: (nullable): cancelled, the import stops and, like any
 *   failure, leaves nothing behind
 *
 * The import as the window runs it, off its main loop.
 */
gboolean
tri_import_timelinejs_full (const char            *json_path,
                            const char            *out_path,
                            TriImportProgressFunc  progress,
                            gpointer               progress_data,
                            GCancellable          *cancellable,
                            char                 **summary,
                            GError               **error)
{
  TriImportTarget target = { out_path, NULL, progress, progress_data, cancellable };

  return tri_import_file (TRI_IMPORT_TIMELINEJS, json_path, &target, summary, error);
}

/**
 * tri_import_timelinejs_check:
 *
 * Whether tri_import_timelinejs() would import @json_path: the same
 * import, into memory only. The window asks before its save dialog opens.
 */
gboolean
tri_import_timelinejs_check (const char  *json_path,
                             GError     **error)
{
  TriImportTarget target = { 0 };

  return tri_import_file (TRI_IMPORT_TIMELINEJS, json_path, &target, NULL, error);
}
