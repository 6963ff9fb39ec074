/* tri-formats.c: choosing a data format, and what the writers share
 *
 * Every writer builds its whole file in memory and the file is written
 * through tri_new_file (unnamed until whole, an existing file replaced only
 * by a complete new one). Nothing is written from a briefing one of whose
 * reads failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-formats"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "document/tri-session.h"
#include "export/tri-export.h"
#include "store/tri-new-file.h"
#include "store/tri-state.h"
#include "store/tri-filter.h"
#include "tri-formats.h"

static const char * const format_names[] = {
  [TRI_DATA_CSV] = "csv",
  [TRI_DATA_TIMELINEJS] = "timelinejs",
  [TRI_DATA_GEXF] = "gexf",
  [TRI_DATA_GRAPHML] = "graphml",
  [TRI_DATA_JSON] = "json",
  [TRI_DATA_EVIDENCE] = "evidence",
};

gboolean
tri_data_format_from_string (const char    *text,
                             TriDataFormat *format)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (text, format_names[i]) == 0)
      {
        *format = (TriDataFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
tri_data_format_to_string (TriDataFormat format)
{
  return format < G_N_ELEMENTS (format_names) ? format_names[format] : "?";
}

/**
 * tri_data_format_for_path:
 * @html: (out): whether the extension asks for HTML (the evidence table)
 *
 * The format an extension names where it is unambiguous: `.csv`, `.gexf`,
 * `.graphml`, `.html`/`.htm` (the evidence table) and `.json` (Trilateral
 * JSON; TimelineJS JSON is also `.json` and needs `--format timelinejs`).
 */
gboolean
tri_data_format_for_path (const char    *path,
                          TriDataFormat *format,
                          gboolean      *html)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  *html = FALSE;
  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".csv") == 0)
    *format = TRI_DATA_CSV;
  else if (g_ascii_strcasecmp (dot, ".gexf") == 0)
    *format = TRI_DATA_GEXF;
  else if (g_ascii_strcasecmp (dot, ".graphml") == 0)
    *format = TRI_DATA_GRAPHML;
  else if (g_ascii_strcasecmp (dot, ".json") == 0)
    *format = TRI_DATA_JSON;
  else if (g_ascii_strcasecmp (dot, ".html") == 0 || g_ascii_strcasecmp (dot, ".htm") == 0)
    {
      *format = TRI_DATA_EVIDENCE;
      *html = TRUE;
    }
  else
    return FALSE;
  return TRUE;
}

/* The period of the view: as of a day, over a window */
void
tri_formats_period (TriStore             *store,
                    const TriDataRequest *request,
                    guint32              *from,
                    guint32              *to)
{
  guint32 as_of = request->as_of;

  if (as_of == 0)
    as_of = tri_session_default_as_of (store);
  tri_window_bounds (as_of, tri_window_days_for_months (request->window_months), from, to);
}

/* The counting rule: an event counts in a period when its latest possible
 * day lies in it */
gboolean
tri_formats_counts (const TriEvent *event,
                    guint32         from,
                    guint32         to)
{
  return event->date.latest >= from && event->date.latest <= to;
}

static gboolean
links_relation (const TriEvent *event,
                gint64          relation_id)
{
  for (guint k = 0; k < event->links->len; k++)
    if (g_array_index (event->links, TriLink, k).relation_id == relation_id)
      return TRUE;
  return FALSE;
}

/**
 * tri_formats_events:
 * @in_period: keep only the events that count in the request's period
 *
 * The events of the view, in date order: those of the selected relation
 * (all when none is selected).
 */
GPtrArray *
tri_formats_events (TriStore             *store,
                    const TriDataRequest *request,
                    gboolean              in_period,
                    GError              **error)
{
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, request->lang, error);
  g_autoptr(GPtrArray) kept = NULL;
  guint32 from = 0, to = 0;

  if (events == NULL)
    return NULL;
  if (!in_period && request->relation_id == 0)
    return g_steal_pointer (&events);
  if (in_period)
    tri_formats_period (store, request, &from, &to);

  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  for (guint i = 0; i < events->len; i++)
    {
      TriEvent *ev = g_ptr_array_index (events, i);

      if ((request->relation_id != 0 && !links_relation (ev, request->relation_id)) ||
          (in_period && !tri_formats_counts (ev, from, to)))
        continue;
      g_ptr_array_add (kept, g_steal_pointer (&events->pdata[i]));
    }
  return g_steal_pointer (&kept);
}

static int
compare_quotes_newest_first (gconstpointer a,
                             gconstpointer b)
{
  const TriQuote *qa = *(TriQuote * const *) a, *qb = *(TriQuote * const *) b;
  int by_date = tri_date_compare (&qb->date, &qa->date);

  if (by_date != 0)
    return by_date;
  return qa->id < qb->id ? 1 : qa->id > qb->id ? -1 : 0;
}

/**
 * tri_formats_quotes:
 *
 * The quotes behind the view, newest first as the panel and the slide
 * list them: the selected relation's, or every relation's; with
 * @in_period, those whose date counts in the period.
 */
GPtrArray *
tri_formats_quotes (TriStore             *store,
                    const TriDataRequest *request,
                    gboolean              in_period,
                    GError              **error)
{
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_quote_free);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, error);
  guint32 from = 0, to = 0;

  if (relations == NULL)
    return NULL;
  if (in_period)
    tri_formats_period (store, request, &from, &to);

  for (guint i = 0; i < relations->len; i++)
    {
      TriRelation *r = g_ptr_array_index (relations, i);
      g_autoptr(GPtrArray) some = NULL;

      if (request->relation_id != 0 && r->id != request->relation_id)
        continue;
      some = tri_store_list_quotes (store, r->id, 0, request->lang, error);
      if (some == NULL)
        return NULL;
      for (guint k = 0; k < some->len; k++)
        {
          TriQuote *q = g_ptr_array_index (some, k);

          if (in_period && (q->date.latest < from || q->date.latest > to))
            continue;
          g_ptr_array_add (quotes, g_steal_pointer (&some->pdata[k]));
        }
    }
  g_ptr_array_sort (quotes, compare_quotes_newest_first);
  return g_steal_pointer (&quotes);
}

/* A full citation: authors, “title”, outlet, kind, date, file */
char *
tri_formats_citation (const TriSource *s,
                      const char      *lang)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *date = tri_date_label (&s->date, lang);

  if (s->authors != NULL && *s->authors != '\0')
    g_string_append_printf (out, "%s, ", s->authors);
  g_string_append_printf (out, "“%s”", s->title ? s->title : "");
  if (s->outlet != NULL && *s->outlet != '\0')
    g_string_append_printf (out, ", %s", s->outlet);
  if (s->kind != NULL && *s->kind != '\0')
    g_string_append_printf (out, " (%s)", s->kind);
  g_string_append_printf (out, ", %s", date);
  if (s->file != NULL && *s->file != '\0')
    g_string_append_printf (out, "; %s", s->file);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

const TriSource *
tri_formats_find_source (GPtrArray  *sources,
                         const char *id)
{
  for (guint k = 0; sources != NULL && k < sources->len; k++)
    if (g_strcmp0 (((TriSource *) sources->pdata[k])->id, id) == 0)
      return sources->pdata[k];
  return NULL;
}

const char *
tri_formats_relation_code (TriStore *store,
                           gint64    id)
{
  TriRelation *r = tri_store_get_relation (store, id);

  return r ? r->code : "?";
}

/* "RUS-PRK:cooperation:3;CHN-PRK:neutral:1" */
char *
tri_formats_links (TriStore       *store,
                   const TriEvent *event)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint k = 0; k < event->links->len; k++)
    {
      const TriLink *link = &g_array_index (event->links, TriLink, k);

      g_string_append_printf (out, "%s%s:%s:%d", k ? ";" : "",
                              tri_formats_relation_code (store, link->relation_id),
                              tri_stance_to_string (link->stance), link->weight);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* RFC 4180: a field with a comma, a quote or a line break is quoted, its
 * quotes doubled; records end with CRLF. */
void
tri_formats_append_csv (GString    *out,
                        const char *field,
                        gboolean    last)
{
  const char *f = field ? field : "";

  if (strpbrk (f, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = f; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, f);
  g_string_append (out, last ? "\r\n" : ",");
}

/* Text for XML and HTML: markup escaped, and the control characters XML
 * 1.0 forbids left out (a briefing from elsewhere may hold anything) */
void
tri_formats_append_xml (GString    *out,
                        const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    switch (*p)
      {
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '&': g_string_append (out, "&amp;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\t': case '\n': case '\r': g_string_append_c (out, *p); break;
      default:
        if ((guchar) *p >= 0x20)
          g_string_append_c (out, *p);
      }
}

void
tri_formats_lost (GString    *lost,
                  const char *what)
{
  g_string_append_printf (lost, "%s%s", lost->len ? "; " : "", what);
}

/**
 * tri_data_export:
 * @summary: (out): one line saying what was written and what the format
 *   could not hold
 *
 * `trilateral --export-data FILE --format F`.
 */
gboolean
tri_data_export (TriStore             *store,
                 const TriDataRequest *request,
                 const char           *path,
                 char                **summary,
                 GError              **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) lost = g_string_new (NULL);
  g_autoptr(TriNewFile) file = NULL;
  const GError *read_error;
  gboolean ok = FALSE;

  g_autoptr(TriFilter) filter = NULL;
  g_autoptr(TriFilter) outer = NULL;

  /* what the events and quotes are: the filter is read before any file */
  if (request->filter != NULL && request->filter[0] != '\0' && request->format != TRI_DATA_JSON &&
      (filter = tri_filter_parse (request->filter, error)) == NULL)
    return FALSE;

  /* the file's name is checked before anything is read */
  file = tri_new_file_create (path, TRI_NEW_FILE_REPLACE, error);
  if (file == NULL)
    return FALSE;

  outer = tri_filter_copy (tri_store_get_filter (store));
  tri_store_set_filter (store, filter);
  switch (request->format)
    {
    case TRI_DATA_CSV: ok = tri_format_csv_write (store, request, out, lost, error); break;
    case TRI_DATA_TIMELINEJS: ok = tri_format_timelinejs_write (store, request, out, lost, error); break;
    case TRI_DATA_GEXF: ok = tri_format_gexf_write (store, request, out, lost, error); break;
    case TRI_DATA_GRAPHML: ok = tri_format_graphml_write (store, request, out, lost, error); break;
    case TRI_DATA_JSON: ok = tri_format_json_write (store, request, out, lost, error); break;
    case TRI_DATA_EVIDENCE: ok = tri_format_evidence_write (store, request, out, lost, error); break;
    default: g_assert_not_reached ();
    }
  tri_store_set_filter (store, outer);
  if (!ok)
    return FALSE;

  read_error = tri_store_get_read_error (store);
  if (read_error != NULL)
    {
      g_set_error_literal (error, read_error->domain, read_error->code, read_error->message);
      return FALSE;
    }

  if (!tri_new_file_write (file, out->str, out->len, error) || !tri_new_file_commit (file, error))
    return FALSE;

  if (summary != NULL)
    {
      if (lost->len > 0)
        /* Translators: after a data export: the file, its format, and what the format cannot hold */
        *summary = g_strdup_printf (_("Wrote %s (%s); not held by the format: %s."),
                                    path, tri_data_format_to_string (request->format), lost->str);
      else
        /* Translators: after a data export: the file and its format */
        *summary = g_strdup_printf (_("Wrote %s (%s); nothing left out."),
                                    path, tri_data_format_to_string (request->format));
    }
  return TRUE;
}
