/* tri-format-timelinejs.c: the events as a TimelineJS3 timeline
 *
 * Honest dates are written as the fields TimelineJS has: a day or a month
 * as year, month (and day); a part of a year or a year as its year alone
 * (TimelineJS has no "early 2024"); a span as start_date and end_date.
 * display_date says the precision in the data language ("early 2024",
 * "2020–2021"), or is the imported file's own wording. Our importer reads
 * this back to the same dates and labels (tests/check-formats.py).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-formats"

#include "config.h"

#include <json-glib/json-glib.h>

#include "tri-formats.h"

static void
add_point (JsonBuilder        *b,
           const char         *member,
           const TriDatePoint *p)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, p->year);
  if (p->precision == TRI_PRECISION_DAY || p->precision == TRI_PRECISION_MONTH)
    {
      json_builder_set_member_name (b, "month");
      json_builder_add_int_value (b, p->month);
    }
  if (p->precision == TRI_PRECISION_DAY)
    {
      json_builder_set_member_name (b, "day");
      json_builder_add_int_value (b, p->day);
    }
  json_builder_end_object (b);
}

/* text for TimelineJS, which reads its fields as HTML */
static char *
html (const char *text)
{
  GString *out = g_string_new (NULL);

  tri_formats_append_xml (out, text);
  return g_string_free (out, FALSE);
}

gboolean
tri_format_timelinejs_write (TriStore             *store,
                             const TriDataRequest *request,
                             GString              *out,
                             GString              *lost,
                             GError              **error)
{
  g_autoptr(GPtrArray) events = tri_formats_events (store, request, request->period_given, error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = NULL;
  g_autofree char *title_html = NULL;
  g_autofree char *text = NULL;
  guint n_extra_links = 0, n_parts = 0, n_quotes = 0;

  if (events == NULL)
    return FALSE;

  title = tri_store_dup_title (store, request->lang);
  title_html = html (title);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "headline");
  json_builder_add_string_value (b, title_html);
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = 0; i < events->len; i++)
    {
      TriEvent *ev = g_ptr_array_index (events, i);
      g_autofree char *label = ev->date_label ? g_strdup (ev->date_label) : tri_date_label (&ev->date, request->lang);
      g_autofree char *headline = html (ev->title);
      g_autofree char *summary = html (ev->summary);
      g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, 0, ev->id, request->lang, NULL);
      const char *group;

      json_builder_begin_object (b);
      add_point (b, "start_date", &ev->date.from);
      if (ev->date.precision == TRI_PRECISION_SPAN)
        add_point (b, "end_date", &ev->date.to);
      json_builder_set_member_name (b, "display_date");
      json_builder_add_string_value (b, label);
      json_builder_set_member_name (b, "text");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "headline");
      json_builder_add_string_value (b, headline);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, summary ? summary : "");
      json_builder_end_object (b);
      /* the first relation: our importer links the event to it again */
      group = ev->links->len > 0
        ? tri_formats_relation_code (store, g_array_index (ev->links, TriLink, 0).relation_id)
        : tri_category_to_string (ev->category);
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, group);
      json_builder_end_object (b);

      if (ev->links->len > 1)
        n_extra_links += ev->links->len - 1;
      if (ev->date.from.precision == TRI_PRECISION_PART || ev->date.to.precision == TRI_PRECISION_PART)
        n_parts++;
      n_quotes += quotes ? quotes->len : 0;
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');

  tri_formats_lost (lost, "categories, confidence, stance and weight, texts in other languages");
  if (n_extra_links > 0)
    {
      g_autofree char *s = g_strdup_printf ("%u links beyond each event's first relation", n_extra_links);
      tri_formats_lost (lost, s);
    }
  if (n_parts > 0)
    {
      g_autofree char *s = g_strdup_printf ("%u parts of a year, written as their year with a display_date", n_parts);
      tri_formats_lost (lost, s);
    }
  if (n_quotes > 0)
    {
      g_autofree char *s = g_strdup_printf ("%u quotes", n_quotes);
      tri_formats_lost (lost, s);
    }
  return TRUE;
}
