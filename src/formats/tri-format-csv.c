/* tri-format-csv.c: events or quotes as CSV (RFC 4180, UTF-8)
 *
 * One table a file, chosen with --table (events by default): a file is
 * what a spreadsheet opens, and each table has its own columns. Fields
 * are quoted when they hold a comma, a quote or a line break; records end
 * with CRLF; the file starts with a UTF-8 byte order mark, by which
 * spreadsheets know the encoding. README.md lists the columns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-formats"

#include "config.h"

#include "render/tri-labels.h"
#include "tri-formats.h"

#define BOM "\xEF\xBB\xBF"

static void
row (GString           *out,
     const char * const *fields,
     guint               n)
{
  for (guint i = 0; i < n; i++)
    tri_formats_append_csv (out, fields[i], i + 1 == n);
}

static gboolean
write_events (TriStore             *store,
              const TriDataRequest *request,
              GString              *out,
              GString              *lost,
              GError              **error)
{
  static const char * const header[] = {
    "id", "date", "precision", "earliest", "latest", "date_label", "category", "confidence",
    "title", "summary", "claimed_by", "relations", "lang",
  };
  g_autoptr(GPtrArray) events = tri_formats_events (store, request, request->period_given, error);

  if (events == NULL)
    return FALSE;

  g_string_append (out, BOM);
  row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < events->len; i++)
    {
      TriEvent *ev = g_ptr_array_index (events, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ev->id);
      g_autofree char *date = tri_date_to_string (&ev->date);
      g_autofree char *earliest = tri_day_to_iso (ev->date.earliest);
      g_autofree char *latest = tri_day_to_iso (ev->date.latest);
      g_autofree char *label = ev->date_label ? g_strdup (ev->date_label) : tri_date_label (&ev->date, request->lang);
      g_autofree char *links = tri_formats_links (store, ev);
      const char *fields[] = {
        id, date, tri_precision_to_string (ev->date.precision), earliest, latest, label,
        tri_category_to_string (ev->category), tri_confidence_to_string (ev->confidence),
        ev->title, ev->summary, ev->claimed_by, links, tri_lang_normalize (request->lang),
      };

      row (out, fields, G_N_ELEMENTS (fields));
    }
  tri_formats_lost (lost, "quotes (--table quotes), the texts in other languages, notes");
  return TRUE;
}

static gboolean
write_quotes (TriStore             *store,
              const TriDataRequest *request,
              GString              *out,
              GString              *lost,
              GError              **error)
{
  static const char * const header[] = {
    "number", "id", "relation", "event", "date", "text", "source_language", "translation", "lang",
    "source", "citation", "offset", "confidence", "claim", "reliability", "credibility", "grade",
    "verified",
  };
  g_autoptr(GPtrArray) quotes = tri_formats_quotes (store, request, request->period_given, error);
  g_autoptr(GPtrArray) sources = NULL;

  if (quotes == NULL)
    return FALSE;
  sources = tri_store_list_sources (store, request->lang, error);
  if (sources == NULL)
    return FALSE;

  g_string_append (out, BOM);
  row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < quotes->len; i++)
    {
      TriQuote *q = g_ptr_array_index (quotes, i);
      const TriSource *s = tri_formats_find_source (sources, q->source_id);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, q->id);
      g_autofree char *event = q->event_id ? g_strdup_printf ("%" G_GINT64_FORMAT, q->event_id) : g_strdup ("");
      g_autofree char *date = tri_date_to_string (&q->date);
      g_autofree char *citation = s ? tri_formats_citation (s, request->lang) : g_strdup (q->source_title);
      g_autofree char *offset = g_strdup_printf ("%" G_GINT64_FORMAT, q->offset);
      g_autofree char *credibility = q->credibility ? g_strdup_printf ("%d", q->credibility) : g_strdup ("");
      g_autofree char *grade = tri_grade_code (q->reliability, q->credibility);
      const char *fields[] = {
        number, id, tri_formats_relation_code (store, q->relation_id), event, date, q->text,
        s ? s->language : "", q->translation, tri_lang_normalize (request->lang),
        q->source_id, citation, offset, tri_confidence_to_string (q->confidence),
        q->claim == TRI_CLAIM_UNSTATED ? "not stated" : tri_claim_to_string (q->claim),
        /* the grade's halves, empty when not graded; the grade as shown */
        q->reliability ? (char[2]) { q->reliability, '\0' } : "", credibility,
        grade ? grade : "ungraded", q->verified ? "yes" : "no",
      };

      row (out, fields, G_N_ELEMENTS (fields));
    }
  tri_formats_lost (lost, "events (--table events), translations in other languages");
  return TRUE;
}

gboolean
tri_format_csv_write (TriStore             *store,
                      const TriDataRequest *request,
                      GString              *out,
                      GString              *lost,
                      GError              **error)
{
  if (request->table == TRI_DATA_TABLE_QUOTES)
    return write_quotes (store, request, out, lost, error);
  return write_events (store, request, out, lost, error);
}
