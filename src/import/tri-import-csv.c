/* tri-import-csv.c: spreadsheets (CSV) into a briefing
 *
 * Two layouts, told apart by their header row:
 * - TimelineJS's Google Sheets template (Year, Month, Day, Time, End Year,
 *   End Month, End Day, End Time, Display Date, Headline, Text, Media,
 *   Media Credit, Media Caption, Media Thumbnail, Type, Group, Background):
 *   each row becomes the object TimelineJS makes of it (an event, the
 *   title slide for Type "title", an era for Type "era"), and those go
 *   through the TimelineJS JSON importer, so that both map every field the
 *   same way, with the same honest dates and notes;
 * - Trilateral's own events CSV (`--export-data FILE.csv`: id, date, …,
 *   relations, lang): each row becomes a Trilateral JSON event, read by the
 *   Trilateral JSON reader.
 *
 * The file: RFC 4180 (quoted fields with commas, doubled quotes and line
 * breaks), a UTF-8 byte order mark or none, CRLF or LF line ends, and `;`
 * as the separator when the header row has more semicolons than commas
 * (spreadsheets in European locales write that).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-import"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "store/tri-new-file.h"
#include "store/tri-validate.h"
#include "tri-briefing-json.h"
#include "tri-import-private.h"

/* A record's fields, and the line it starts on */
typedef struct
{
  GPtrArray *fields;
  guint      line;
} Record;

typedef struct
{
  const char *path;
  const char *p, *end;
  char        sep;
  guint       line;
} Reader;

/* The next record, or FALSE at the end (with @error set when the file
 * breaks RFC 4180) */
static gboolean
next_record (Reader   *r,
             Record   *rec,
             GError  **error)
{
  GString *field = g_string_new (NULL);

  g_ptr_array_set_size (rec->fields, 0);
  rec->line = r->line;
  if (r->p >= r->end)
    {
      g_string_free (field, TRUE);
      return FALSE;
    }
  for (;;)
    {
      gboolean quoted = FALSE;

      g_string_truncate (field, 0);
      if (r->p < r->end && *r->p == '"')
        {
          guint start = r->line;

          quoted = TRUE;
          r->p++;
          for (;;)
            {
              if (r->p >= r->end)
                {
                  g_string_free (field, TRUE);
                  /* Translators: %u is a line number */
                  return tri_import_invalid (error, r->path, _("the quoted field that starts on line %u never ends"), start);
                }
              if (*r->p == '"')
                {
                  if (r->p + 1 < r->end && r->p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      r->p += 2;
                      continue;
                    }
                  r->p++;
                  break;
                }
              if (*r->p == '\n')
                r->line++;
              g_string_append_c (field, *r->p++);
            }
        }
      while (r->p < r->end && *r->p != r->sep && *r->p != '\n' && *r->p != '\r')
        {
          if (quoted)
            {
              g_string_free (field, TRUE);
              /* Translators: %u is a line number; RFC 4180's rule */
              return tri_import_invalid (error, r->path, _("on line %u a quoted field goes on after its closing quote"),
                                         r->line);
            }
          g_string_append_c (field, *r->p++);
        }
      g_ptr_array_add (rec->fields, g_strdup (field->str));
      if (r->p < r->end && *r->p == r->sep)
        {
          r->p++;
          continue;
        }
      /* the record ends: CRLF, LF, CR or the end of the file */
      if (r->p < r->end && *r->p == '\r')
        r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      break;
    }
  g_string_free (field, TRUE);
  return TRUE;
}

/* The header row's separator: `;` when it has more of them than commas */
static char
detect_separator (const char *p,
                  const char *end)
{
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

/* TimelineJS's columns, in the template's order */
enum
{
  COL_YEAR, COL_MONTH, COL_DAY, COL_TIME, COL_END_YEAR, COL_END_MONTH, COL_END_DAY, COL_END_TIME,
  COL_DISPLAY_DATE, COL_HEADLINE, COL_TEXT, COL_MEDIA, COL_MEDIA_CREDIT, COL_MEDIA_CAPTION,
  COL_MEDIA_THUMBNAIL, COL_TYPE, COL_GROUP, COL_BACKGROUND, N_TIMELINE_COLUMNS
};

static const char * const timeline_columns[] = {
  "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
  "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
  "Background",
};
G_STATIC_ASSERT (G_N_ELEMENTS (timeline_columns) == N_TIMELINE_COLUMNS);

/* Trilateral's events CSV (tri-format-csv.c) */
enum
{
  TCOL_ID, TCOL_DATE, TCOL_PRECISION, TCOL_EARLIEST, TCOL_LATEST, TCOL_DATE_LABEL, TCOL_CATEGORY,
  TCOL_CONFIDENCE, TCOL_TITLE, TCOL_SUMMARY, TCOL_CLAIMED_BY, TCOL_RELATIONS, TCOL_LANG, N_TRI_COLUMNS
};

static const char * const tri_columns[] = {
  "id", "date", "precision", "earliest", "latest", "date_label", "category", "confidence", "title",
  "summary", "claimed_by", "relations", "lang",
};
G_STATIC_ASSERT (G_N_ELEMENTS (tri_columns) == N_TRI_COLUMNS);

/* Where each known column is in the header (-1: absent); a column the
 * layout does not know goes to @others */
static void
map_header (GPtrArray          *header,
            const char * const *names,
            guint               n_names,
            int                *where,
            GArray             *others)
{
  for (guint i = 0; i < n_names; i++)
    where[i] = -1;
  for (guint k = 0; k < header->len; k++)
    {
      g_autofree char *name = g_strstrip (g_strdup (header->pdata[k]));
      gboolean known = FALSE;

      for (guint i = 0; i < n_names && !known; i++)
        if (g_ascii_strcasecmp (name, names[i]) == 0 && where[i] < 0)
          {
            where[i] = k;
            known = TRUE;
          }
      if (!known)
        g_array_append_val (others, k);
    }
}

static const char *
cell (Record    *rec,
      const int *where,
      guint      column)
{
  int k = where[column];

  if (k < 0 || (guint) k >= rec->fields->len)
    return "";
  return rec->fields->pdata[k];
}

/* A value TimelineJS reads as the member's: an empty cell is no member */
static void
set_text (JsonObject *o,
          const char *name,
          const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));

  if (*trimmed != '\0')
    json_object_set_string_member (o, name, value);
}

/* A spreadsheet's time of day ("14:30", "2:30 PM", "14:30:05") as the
 * hour, minute and second TimelineJS's JSON has; any other is kept as it
 * is, to become a note */
static void
set_time (JsonObject *date,
          const char *text)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  unsigned h = 0, m = 0, sec = 0;
  int n = 0, used = 0;

  if (*t == '\0')
    return;
  n = sscanf (t, "%2u:%2u:%2u%n", &h, &m, &sec, &used);
  if (n < 3)
    {
      sec = G_MAXUINT;
      n = sscanf (t, "%2u:%2u%n", &h, &m, &used);
    }
  if (n >= 2)
    {
      const char *rest = t + used;

      while (*rest == ' ')
        rest++;
      /* "AM" or "PM", in any case: both letters, or it is no time of ours
       * (a lone "a" at the end of the cell is not skipped past its end) */
      if ((g_ascii_tolower (rest[0]) == 'a' || g_ascii_tolower (rest[0]) == 'p') &&
          g_ascii_tolower (rest[1]) == 'm' && h >= 1 && h <= 12)
        {
          h = h % 12 + (g_ascii_tolower (rest[0]) == 'p' ? 12 : 0);
          rest += 2;
        }
      if (*rest == '\0' && h <= 23 && m <= 59 && (sec == G_MAXUINT || sec <= 59))
        {
          json_object_set_int_member (date, "hour", h);
          json_object_set_int_member (date, "minute", m);
          if (sec != G_MAXUINT)
            json_object_set_int_member (date, "second", sec);
          return;
        }
    }
  json_object_set_string_member (date, "time", text);
}

static JsonObject *
row_date (Record     *rec,
          const int  *where,
          guint       year,
          guint       month,
          guint       day,
          guint       time)
{
  JsonObject *date = json_object_new ();

  set_text (date, "year", cell (rec, where, year));
  set_text (date, "month", cell (rec, where, month));
  set_text (date, "day", cell (rec, where, day));
  set_time (date, cell (rec, where, time));
  return date;
}

/* One row as the object TimelineJS makes of it */
static JsonObject *
timeline_row (Record    *rec,
              const int *where,
              GPtrArray *header,
              GArray    *others)
{
  JsonObject *ev = json_object_new ();
  JsonObject *text = json_object_new ();
  JsonObject *media = json_object_new ();
  JsonObject *end;

  json_object_set_object_member (ev, "start_date", row_date (rec, where, COL_YEAR, COL_MONTH, COL_DAY, COL_TIME));
  end = row_date (rec, where, COL_END_YEAR, COL_END_MONTH, COL_END_DAY, COL_END_TIME);
  if (json_object_get_size (end) > 0)
    json_object_set_object_member (ev, "end_date", end);
  else
    json_object_unref (end);
  set_text (ev, "display_date", cell (rec, where, COL_DISPLAY_DATE));
  set_text (text, "headline", cell (rec, where, COL_HEADLINE));
  set_text (text, "text", cell (rec, where, COL_TEXT));
  json_object_set_object_member (ev, "text", text);
  set_text (media, "url", cell (rec, where, COL_MEDIA));
  set_text (media, "credit", cell (rec, where, COL_MEDIA_CREDIT));
  set_text (media, "caption", cell (rec, where, COL_MEDIA_CAPTION));
  set_text (media, "thumbnail", cell (rec, where, COL_MEDIA_THUMBNAIL));
  if (json_object_get_size (media) > 0)
    json_object_set_object_member (ev, "media", media);
  else
    json_object_unref (media);
  set_text (ev, "group", cell (rec, where, COL_GROUP));
  set_text (ev, "background", cell (rec, where, COL_BACKGROUND));
  /* a column the template does not have: a note, under its own name */
  for (guint i = 0; i < others->len; i++)
    {
      guint k = g_array_index (others, guint, i);
      g_autofree char *name = g_strstrip (g_strdup (header->pdata[k]));

      if (k < rec->fields->len && *name != '\0' && !json_object_has_member (ev, name))
        set_text (ev, name, rec->fields->pdata[k]);
    }
  return ev;
}

static JsonNode *
timeline_root (Reader    *r,
               GPtrArray *header,
               GError   **error)
{
  int where[N_TIMELINE_COLUMNS];
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *events = json_array_new ();
  JsonArray *eras = json_array_new ();
  Record rec = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  map_header (header, timeline_columns, N_TIMELINE_COLUMNS, where, others);
  json_object_set_array_member (root, "events", events);
  while (next_record (r, &rec, &local_error))
    {
      g_autofree char *type = NULL;
      JsonObject *row;

      if (rec.fields->len > header->len)
        {
          /* Translators: "row on line 7 has 20 fields, and the header 18" */
          tri_import_invalid (error, r->path, _("the row on line %u has %u fields, and the header %u"),
                              rec.line, rec.fields->len, header->len);
          g_ptr_array_unref (rec.fields);
          json_array_unref (eras);
          return NULL;
        }
      /* a blank line between rows is no event */
      if (rec.fields->len == 1 && *(const char *) rec.fields->pdata[0] == '\0')
        continue;
      type = g_strstrip (g_ascii_strdown (cell (&rec, where, COL_TYPE), -1));
      row = timeline_row (&rec, where, header, others);
      if (g_str_equal (type, "title") && !json_object_has_member (root, "title"))
        {
          /* the title slide: no dates of its own */
          json_object_remove_member (row, "start_date");
          json_object_set_object_member (root, "title", row);
        }
      else if (g_str_equal (type, "era"))
        {
          json_object_remove_member (row, "media");
          json_array_add_object_element (eras, row);
        }
      else
        {
          if (*type != '\0' && !g_str_equal (type, "event"))
            json_object_set_string_member (row, "type", cell (&rec, where, COL_TYPE));
          json_array_add_object_element (events, row);
        }
    }
  g_ptr_array_unref (rec.fields);
  if (local_error != NULL)
    {
      json_array_unref (eras);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (json_array_get_length (eras) > 0)
    json_object_set_array_member (root, "eras", eras);
  else
    json_array_unref (eras);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  return node;
}

static const struct { const char *code; const char *name; const char *color; } triangle[] = {
  { "RUS", "Russia", "#0072B2" }, { "CHN", "China", "#E69F00" }, { "PRK", "North Korea", "#CC79A7" },
};

/* "RUS-PRK:cooperation:3;CHN-PRK:neutral:1" as Trilateral JSON's links */
static gboolean
parse_links (const char  *path,
             guint        line,
             const char  *text,
             JsonArray   *links,
             JsonArray   *actors,
             GHashTable  *seen,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_strstrip (parts[i]), ":", -1);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      gint64 weight;
      JsonObject *link;

      if (*parts[i] == '\0')
        continue;
      if (g_strv_length (f) != 3 || !tri_validate_relation_code (f[0], &a, &b, NULL) ||
          !g_ascii_string_to_signed (f[2], 10, 1, 3, &weight, NULL))
        /* Translators: “relations” is a column's name; "RUS-PRK:cooperation:3" its form */
        return tri_import_invalid (error, path, _("on line %u the relation “%s” is not of the form RUS-PRK:cooperation:3"),
                                   line, parts[i]);
      for (const char *code = a; code; code = code == a ? b : NULL)
        if (!g_hash_table_contains (seen, code))
          {
            JsonObject *actor = json_object_new ();
            JsonObject *name = json_object_new ();

            g_hash_table_add (seen, g_strdup (code));
            json_object_set_string_member (actor, "code", code);
            json_object_set_string_member (actor, "color", "#7F7F7F");
            json_object_set_string_member (name, "en", code);
            json_object_set_object_member (actor, "name", name);
            json_array_add_object_element (actors, actor);
          }
      link = json_object_new ();
      json_object_set_string_member (link, "relation", f[0]);
      json_object_set_string_member (link, "stance", f[1]);
      json_object_set_int_member (link, "weight", weight);
      json_array_add_object_element (links, link);
    }
  return TRUE;
}

/* A text in the row's language and, as an editable briefing needs one, in
 * English too when the row's is another */
static JsonObject *
texts (const char *lang,
       const char *text)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, lang, text);
  if (!g_str_equal (lang, "en"))
    json_object_set_string_member (o, "en", text);
  return o;
}

/* Trilateral's own events CSV, read in two passes over the file in
 * memory: the first checks every row's shape and collects the actors its
 * relations name, the second (fill) gives the rows one at a time to the
 * Trilateral JSON reader, so that memory does not grow with the rows */
typedef struct
{
  TriImporter  base;
  char        *data;
  Reader       start;         /* just after the header */
  GPtrArray   *header;
  int          where[N_TRI_COLUMNS];
  JsonArray   *actors;
  GHashTable  *seen;          /* actor codes */
  guint        n_rows;
  guint        n_events;
} TriCsv;

static void
tri_csv_free (TriImporter *base)
{
  TriCsv *t = (TriCsv *) base;

  g_free (t->data);
  g_ptr_array_unref (t->header);
  json_array_unref (t->actors);
  g_hash_table_unref (t->seen);
  g_free (t);
}

/* The row as a Trilateral JSON event, or NULL (with @error) when its
 * shape is wrong; a blank line gives NULL and no error */
static JsonObject *
tri_csv_event (TriCsv   *t,
               Record   *rec,
               GError  **error)
{
  const char *path = t->base.path;
  const int *where = t->where;
  const char *lang;
  JsonObject *ev;
  JsonArray *links;
  gint64 id;

  if (rec->fields->len == 1 && *(const char *) rec->fields->pdata[0] == '\0')
    return NULL;
  if (rec->fields->len > t->header->len)
    {
      tri_import_invalid (error, path, _("the row on line %u has %u fields, and the header %u"),
                          rec->line, rec->fields->len, t->header->len);
      return NULL;
    }
  if (!g_ascii_string_to_signed (cell (rec, where, TCOL_ID), 10, 1, G_MAXINT64, &id, NULL))
    {
      /* Translators: “id” is a column's name */
      tri_import_invalid (error, path, _("on line %u the id “%s” is not a whole number above 0"),
                          rec->line, cell (rec, where, TCOL_ID));
      return NULL;
    }
  lang = *cell (rec, where, TCOL_LANG) ? cell (rec, where, TCOL_LANG) : "en";
  if (!g_str_equal (tri_lang_normalize (lang), lang))
    {
      /* Translators: “lang” is a column's name */
      tri_import_invalid (error, path, _("on line %u the language “%s” is not one Trilateral knows"), rec->line, lang);
      return NULL;
    }
  ev = json_object_new ();
  json_object_set_int_member (ev, "id", id);
  json_object_set_string_member (ev, "date", cell (rec, where, TCOL_DATE));
  json_object_set_string_member (ev, "category", cell (rec, where, TCOL_CATEGORY));
  json_object_set_string_member (ev, "confidence", cell (rec, where, TCOL_CONFIDENCE));
  json_object_set_object_member (ev, "title", texts (lang, cell (rec, where, TCOL_TITLE)));
  if (*cell (rec, where, TCOL_SUMMARY))
    json_object_set_object_member (ev, "summary", texts (lang, cell (rec, where, TCOL_SUMMARY)));
  if (*cell (rec, where, TCOL_CLAIMED_BY))
    json_object_set_object_member (ev, "claimed_by", texts (lang, cell (rec, where, TCOL_CLAIMED_BY)));
  links = json_array_new ();
  json_object_set_array_member (ev, "relations", links);
  if (!parse_links (path, rec->line, cell (rec, where, TCOL_RELATIONS), links, t->actors, t->seen, error))
    {
      json_object_unref (ev);
      return NULL;
    }
  return ev;
}

static gboolean
tri_csv_fill (TriImporter   *base,
              TriImportSink *sink,
              GError       **error)
{
  TriCsv *t = (TriCsv *) base;
  TriBriefingJsonOptions options = { .max_text_bytes = TRI_IMPORT_MAX_TEXT_BYTES };
  g_autofree char *name = g_path_get_basename (base->path);
  g_autoptr(JsonObject) title = texts ("en", name);
  g_autoptr(TriBriefingReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  Record rec = { g_ptr_array_new_with_free_func (g_free), 0 };
  Reader r = t->start;
  gboolean ok = TRUE;
  guint index = 0;

  reader = tri_briefing_reader_new (sink->db, title, t->actors, &options, &local_error);
  while (reader != NULL && ok && next_record (&r, &rec, &local_error))
    {
      JsonObject *ev = tri_csv_event (t, &rec, &local_error);

      if (ev == NULL)
        {
          ok = local_error == NULL;
          continue;
        }
      ok = tri_briefing_reader_add_event (reader, ev, index++, &local_error);
      json_object_unref (ev);
      if (ok && (index & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (sink->cancellable, error))
            {
              g_ptr_array_unref (rec.fields);
              return FALSE;
            }
          if (sink->progress != NULL)
            sink->progress (index, t->n_rows, sink->progress_data);
        }
    }
  g_ptr_array_unref (rec.fields);
  t->n_events = index;
  if (local_error == NULL)
    return TRUE;
  if (g_error_matches (local_error, TRI_BRIEFING_JSON_ERROR, TRI_BRIEFING_JSON_ERROR_WRITE))
    {
      if ((sqlite3_extended_errcode (sink->db) & 0xff) == SQLITE_FULL)
        g_set_error_literal (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL, _("The disk is full."));
      else
        g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("The new briefing could not be written: %s"),
                     local_error->message);
      return FALSE;
    }
  if (local_error->domain == TRI_IMPORT_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* the reader's words: "event 3: …" */
  return tri_import_invalid (error, base->path, "%s", local_error->message);
}

static char *
tri_csv_summarize (TriImporter *base,
                   const char  *target)
{
  TriCsv *t = (TriCsv *) base;
  GString *s = g_string_new (NULL);
  guint actors = json_array_get_length (t->actors);

  g_string_append_printf (s, ngettext ("Imported %u event into %s", "Imported %u events into %s", t->n_events),
                          t->n_events, target);
  g_string_append (s, ": ");
  g_string_append_printf (s, ngettext ("%u quote", "%u quotes", 0), 0);
  g_string_append (s, ", ");
  g_string_append_printf (s, ngettext ("%u source", "%u sources", 0), 0);
  g_string_append (s, ", ");
  g_string_append_printf (s, ngettext ("%u actor", "%u actors", actors), actors);
  g_string_append (s, ".");
  return g_string_free (s, FALSE);
}

/* The first pass: every row's shape, and the actors */
static TriImporter *
tri_csv_new (const char  *path,
             char        *data,
             Reader      *after_header,
             GPtrArray   *header,
             GError     **error)
{
  TriCsv *t = g_new0 (TriCsv, 1);
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (guint));
  Record rec = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GError) local_error = NULL;
  Reader r = *after_header;

  t->base.path = path;
  t->base.fill = tri_csv_fill;
  t->base.summarize = tri_csv_summarize;
  t->base.free = tri_csv_free;
  t->data = data;
  t->start = *after_header;
  t->header = g_ptr_array_ref (header);
  t->actors = json_array_new ();
  t->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  map_header (header, tri_columns, N_TRI_COLUMNS, t->where, others);
  for (guint i = 0; i < G_N_ELEMENTS (triangle); i++)
    {
      JsonObject *actor = json_object_new ();

      g_hash_table_add (t->seen, g_strdup (triangle[i].code));
      json_object_set_string_member (actor, "code", triangle[i].code);
      json_object_set_string_member (actor, "color", triangle[i].color);
      json_object_set_object_member (actor, "name", texts ("en", triangle[i].name));
      json_array_add_object_element (t->actors, actor);
    }
  while (local_error == NULL && next_record (&r, &rec, &local_error))
    {
      JsonObject *ev = tri_csv_event (t, &rec, &local_error);

      if (ev != NULL)
        {
          t->n_rows++;
          json_object_unref (ev);
        }
    }
  g_ptr_array_unref (rec.fields);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      t->data = NULL;   /* the caller's still */
      tri_csv_free (&t->base);
      return NULL;
    }
  return &t->base;
}

static gboolean
has_columns (GPtrArray          *header,
             const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < header->len && !found; k++)
        {
          g_autofree char *name = g_strstrip (g_strdup (header->pdata[k]));

          found = g_ascii_strcasecmp (name, names[i]) == 0;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

TriImporter *
tri_import_csv_prepare (const char  *path,
                        GError     **error)
{
  static const char * const timeline_needs[] = { "Year", "Headline", NULL };
  static const char * const tri_needs[] = { "id", "date", "category", "confidence", "title", "relations", NULL };
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  Record rec = { header, 0 };
  Reader r = { path };
  JsonNode *root;
  gsize len = 0;

  if ((data = tri_import_read_input (path, TRI_IMPORT_MAX_BYTES, &len, FALSE, error)) == NULL)
    return NULL;
  r.p = data;
  r.end = data + len;
  r.line = 1;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    r.p += 3;
  if (memchr (data, '\0', len) != NULL)
    {
      tri_import_invalid (error, path, _("it is not text (it has a NUL byte)"));
      return NULL;
    }
  if (!tri_import_check_utf8 (path, data, len, error))
    return NULL;
  r.sep = detect_separator (r.p, r.end);
  if (!next_record (&r, &rec, error))
    {
      if (error == NULL || *error == NULL)
        tri_import_invalid (error, path, _("it is empty"));
      return NULL;
    }

  if (has_columns (header, timeline_needs))
    root = timeline_root (&r, header, error);
  else if (has_columns (header, tri_needs))
    {
      TriImporter *importer = tri_csv_new (path, data, &r, header, error);

      if (importer != NULL)
        g_steal_pointer (&data);
      return importer;
    }
  else
    {
      tri_import_invalid (error, path, _("its first row names neither the columns of TimelineJS’s spreadsheet "
                                         "(Year, Month, Day, …, Headline, Text, …) nor those of Trilateral’s "
                                         "events (id, date, category, confidence, title, …, relations)"));
      return NULL;
    }
  if (root == NULL)
    return NULL;
  return tri_import_timeline_new (path, root);
}
