/* tri-cli-search.c: trilateral --search QUERY [--json] [--lang L]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-cli"

#include "config.h"

#include <json-glib/json-glib.h>

#include "store/tri-search.h"
#include "tri-cli.h"

/* One record a line: a tab or line break of the text would cut it */
static void
append_plain (GString    *out,
              const char *text,
              gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      g_string_append_c (out, (c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
    }
}

static char *
result_id (const TriSearchResult *r)
{
  return r->key != NULL ? g_strdup (r->key) : g_strdup_printf ("%" G_GINT64_FORMAT, r->id);
}

/**
 * tri_cli_search:
 *
 * Each result of @query in the briefing @store reads: its kind, id, date,
 * language, field and the context with each match in [brackets] (one a
 * line, tab-separated); or with @json an array of objects whose "marks"
 * are [start, end) offsets in characters of "text".
 */
char *
tri_cli_search (TriStore    *store,
                const char  *query,
                const char  *lang,
                gboolean     json,
                GError     **error)
{
  g_autoptr(TriSearch) search = tri_search_new (tri_store_get_path (store));
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!tri_search_build (search, NULL, error))
    return NULL;
  results = tri_search_query (search, query, lang, 0, error);
  if (results == NULL)
    return NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      TriSearchResult *r = g_ptr_array_index (results, i);
      g_autofree char *id = result_id (r);

      if (!json)
        {
          gsize at = 0;

          g_string_append_printf (out, "%s\t%s\t", tri_search_kind_to_string (r->kind), id);
          append_plain (out, r->date ? r->date : "", r->date ? strlen (r->date) : 0);
          g_string_append_printf (out, "\t%s\t%s\t", r->lang ? r->lang : "", r->field);
          for (guint m = 0; m < r->n_marks; m++)
            {
              guint s = r->marks[2 * m], e = r->marks[2 * m + 1];

              append_plain (out, r->context + at, s - at);
              g_string_append_c (out, '[');
              append_plain (out, r->context + s, e - s);
              g_string_append_c (out, ']');
              at = e;
            }
          append_plain (out, r->context + at, strlen (r->context + at));
          g_string_append_c (out, '\n');
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, tri_search_kind_to_string (r->kind));
      json_builder_set_member_name (builder, "id");
      if (r->key != NULL)
        json_builder_add_string_value (builder, r->key);
      else
        json_builder_add_int_value (builder, r->id);
      if (r->kind == TRI_SEARCH_QUOTE && r->event != 0)
        {
          json_builder_set_member_name (builder, "event");
          json_builder_add_int_value (builder, r->event);
        }
      json_builder_set_member_name (builder, "date");
      if (r->date != NULL)
        json_builder_add_string_value (builder, r->date);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "lang");
      json_builder_add_string_value (builder, r->lang ? r->lang : "");
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, r->field);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, r->context);
      json_builder_set_member_name (builder, "marks");
      json_builder_begin_array (builder);
      for (guint m = 0; m < r->n_marks; m++)
        {
          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, g_utf8_pointer_to_offset (r->context, r->context + r->marks[2 * m]));
          json_builder_add_int_value (builder, g_utf8_pointer_to_offset (r->context, r->context + r->marks[2 * m + 1]));
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (!json)
    return g_string_free (g_steal_pointer (&out), FALSE);

  gen = json_generator_new ();
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  {
    g_autofree char *text = json_generator_to_data (gen, NULL);
    return g_strconcat (text, "\n", NULL);
  }
}
