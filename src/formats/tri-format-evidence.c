/* tri-format-evidence.c: the evidence table for a written brief
 *
 * The quotes behind the current view (the selected relation's, or every
 * relation's, whose dates count as of --as-of over --window), newest first
 * and numbered as the slide lists them, each with its original text, its
 * translation in the data language, its claim type, its Admiralty grade
 * ("B2", or "ungraded"; whether it was verified against its source) and
 * its full citation:
 * as HTML that prints cleanly (A4, table headers repeated on each page,
 * rows never split), or as CSV.
 *
 * Or the quotes behind a deck (--deck): each slide's, under its number and
 * title, numbered as its page marks them ("[2]"): the numbers come from
 * drawing the slide as the deck's PDF does (tri_deck_export_notes ()), so
 * the table cites what each page prints, and only that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-formats"

#include "config.h"

#include "export/tri-deck-export.h"
#include "render/tri-catalog.h"
#include "render/tri-labels.h"
#include "render/tri-slide.h"
#include "tri-formats.h"

static const char css[] =
  "body { font-family: 'Noto Sans', sans-serif; font-size: 10pt; color: #000; margin: 2em; }\n"
  "h1 { font-size: 14pt; margin: 0 0 0.2em; }\n"
  "p.view { margin: 0 0 1em; color: #333; }\n"
  "h2 { font-size: 12pt; margin: 1.2em 0 0.4em; break-after: avoid; page-break-after: avoid; }\n"
  "p.none { margin: 0 0 0.6em; color: #333; }\n"
  "table { border-collapse: collapse; width: 100%; }\n"
  "thead { display: table-header-group; }\n"
  "tr { page-break-inside: avoid; break-inside: avoid; }\n"
  "th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; }\n"
  "th { background: #eee; }\n"
  "td.n, td.grade { text-align: right; white-space: nowrap; }\n"
  "td.grade small { white-space: normal; }\n"
  "blockquote { margin: 0; }\n"
  "@page { size: A4 landscape; margin: 15mm; }\n"
  "@media print { body { margin: 0; } th { background: none; } }\n";

static void
cell (GString    *out,
      const char *klass,
      const char *lang,
      const char *text)
{
  g_string_append (out, "<td");
  if (klass)
    g_string_append_printf (out, " class=\"%s\"", klass);
  if (lang && *lang)
    {
      g_string_append (out, " lang=\"");
      tri_formats_append_xml (out, lang);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '>');
  tri_formats_append_xml (out, text);
  g_string_append (out, "</td>");
}

/* "B2" with its meaning as the cell's title, and under it whether the
 * quote was verified against its source */
static void
grade_cell (GString        *out,
            const TriQuote *q,
            const char     *lang)
{
  g_autofree char *grade = tri_quote_grade_label (q, lang);
  g_autofree char *meaning = tri_quote_grade_meaning (q, lang);
  const char *unverified = tri_quote_unverified_label (q, FALSE, lang);

  g_string_append (out, "<td class=\"grade\" title=\"");
  tri_formats_append_xml (out, meaning);
  g_string_append (out, "\">");
  tri_formats_append_xml (out, grade);
  if (unverified != NULL)
    {
      g_string_append (out, "<br><small>");
      tri_formats_append_xml (out, unverified);
      g_string_append (out, "</small>");
    }
  g_string_append (out, "</td>");
}

static const char * const csv_header[] = {
  "number", "quote", "source_language", "translation", "lang", "claim", "date", "relation",
  "event", "citation", "offset", "grade", "verification",
};

/* A quote's CSV record after @lead (the deck's slide columns) */
static void
csv_quote (GString          *out,
           TriStore         *store,
           GPtrArray        *sources,
           const TriQuote   *q,
           const char       *lang,
           const char      **lead,
           guint             n_lead,
           guint             number)
{
  const TriSource *s = tri_formats_find_source (sources, q->source_id);
  g_autofree char *n = g_strdup_printf ("%u", number);
  g_autofree char *date = tri_date_label (&q->date, lang);
  g_autofree char *event = q->event_id ? g_strdup_printf ("%" G_GINT64_FORMAT, q->event_id) : g_strdup ("");
  g_autofree char *citation = s ? tri_formats_citation (s, lang) : g_strdup (q->source_title);
  g_autofree char *offset = g_strdup_printf ("%" G_GINT64_FORMAT, q->offset);
  g_autofree char *grade = tri_quote_grade_label (q, lang);
  const char *unverified = tri_quote_unverified_label (q, FALSE, lang);
  const char *fields[] = {
    n, q->text, s ? s->language : "", q->translation, lang, tri_claim_label (q->claim, lang), date,
    tri_formats_relation_code (store, q->relation_id), event, citation, offset,
    grade, unverified ? unverified : "",
  };

  for (guint k = 0; k < n_lead; k++)
    tri_formats_append_csv (out, lead[k], FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
    tri_formats_append_csv (out, fields[k], k + 1 == G_N_ELEMENTS (fields));
}

static void
html_start (GString    *out,
            const char *lang,
            const char *title,
            const char *view)
{
  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>", lang);
  tri_formats_append_xml (out, D_(lang, "Evidence"));
  g_string_append (out, " — ");
  tri_formats_append_xml (out, title);
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
  tri_formats_append_xml (out, title);
  g_string_append (out, "</h1>\n<p class=\"view\">");
  tri_formats_append_xml (out, view);
}

static void
table_start (GString    *out,
             const char *lang)
{
  const char *heads[] = {
    /* Translators: the evidence table's columns */
    D_(lang, "No."), D_(lang, "Quoted text"), D_(lang, "Translation"), D_(lang, "Claim"),
    /* Translators: the evidence table's column of Admiralty grades, "B2" */
    D_(lang, "Grade"), D_(lang, "Date"), D_(lang, "Relation"), D_(lang, "Source"),
  };

  g_string_append (out, "<table>\n<thead><tr>");
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      g_string_append (out, "<th>");
      tri_formats_append_xml (out, heads[i]);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");
}

/* A quote's row: @number as the first cell ("3", or the slide's "[1]") */
static void
html_quote (GString        *out,
            TriStore       *store,
            GPtrArray      *sources,
            const TriQuote *q,
            const char     *lang,
            const char     *id,
            const char     *number)
{
  const TriSource *s = tri_formats_find_source (sources, q->source_id);
  g_autofree char *date = tri_date_label (&q->date, lang);
  g_autofree char *citation = s ? tri_formats_citation (s, lang) : g_strdup (q->source_title);
  g_autofree char *where = g_strdup_printf ("%s, %s %" G_GINT64_FORMAT, citation,
                                            /* Translators: a quote's character offset in its source */
                                            D_(lang, "character"), q->offset);

  g_string_append_printf (out, "<tr id=\"%s\">", id);
  cell (out, "n", NULL, number);
  cell (out, "quote", s ? s->language : NULL, q->text);
  /* the data language, or English standing in: unmarked, as it may be either */
  cell (out, "translation", NULL, q->translation);
  cell (out, NULL, NULL, tri_claim_label (q->claim, lang));
  grade_cell (out, q, lang);
  cell (out, NULL, NULL, date);
  cell (out, NULL, NULL, tri_formats_relation_code (store, q->relation_id));
  cell (out, "source", NULL, where);
  g_string_append (out, "</tr>\n");
}

/* The evidence of a deck: each slide's quotes, numbered as its page */
static gboolean
write_deck (TriStore             *store,
            const TriDataRequest *request,
            GPtrArray            *sources,
            GString              *out,
            GString              *lost,
            GError              **error)
{
  const char *lang = tri_lang_normalize (request->lang);
  g_autoptr(TriDeck) deck = tri_store_get_deck (store, request->deck_name, lang, error);
  g_auto(TriMarkings) markings = { 0 };
  g_autoptr(GPtrArray) slides = NULL;
  g_autofree char *title = NULL;
  g_autofree char *view = NULL;
  TriDeckExportOptions options;
  guint n_quotes = 0;

  if (deck == NULL || !tri_store_get_markings (store, &markings, error))
    return FALSE;
  /* the pages of `--export-deck OUT.pdf [--size WxH]`, with the markings */
  tri_deck_export_options_init (&options);
  if (request->deck_width > 0 && request->deck_height > 0)
    {
      options.width = request->deck_width;
      options.height = request->deck_height;
    }
  options.lang = lang;
  options.markings = &markings;
  slides = tri_deck_export_notes (store, deck, &options);

  if (!request->html)
    {
      g_string_append (out, "\xEF\xBB\xBF");
      tri_formats_append_csv (out, "slide", FALSE);
      tri_formats_append_csv (out, "slide_title", FALSE);
      for (guint i = 0; i < G_N_ELEMENTS (csv_header); i++)
        tri_formats_append_csv (out, csv_header[i], i + 1 == G_N_ELEMENTS (csv_header));
      for (guint i = 0; i < slides->len; i++)
        {
          const TriDeckSlideNotes *notes = g_ptr_array_index (slides, i);
          g_autofree char *number = g_strdup_printf ("%u", notes->number);
          const char *lead[] = { number, notes->slide->title };

          for (guint k = 0; k < notes->quotes->len; k++)
            csv_quote (out, store, sources, g_ptr_array_index (notes->quotes, k), notes->lang,
                       lead, G_N_ELEMENTS (lead), k + 1);
        }
      tri_formats_lost (lost, "translations in other languages");
      return TRUE;
    }

  for (guint i = 0; i < slides->len; i++)
    n_quotes += ((TriDeckSlideNotes *) g_ptr_array_index (slides, i))->quotes->len;
  title = tri_deck_export_title (store, deck, lang);
  /* Translators: under the title of a deck's evidence table; %s is the deck's name */
  view = g_strdup_printf (DN_(lang, "%u quote that the slides of the deck “%s” show, numbered as on their pages",
                              "%u quotes that the slides of the deck “%s” show, numbered as on their pages",
                              n_quotes), n_quotes, deck->name);
  html_start (out, lang, title, view);
  g_string_append (out, "</p>\n");

  for (guint i = 0; i < slides->len; i++)
    {
      const TriDeckSlideNotes *notes = g_ptr_array_index (slides, i);
      g_autofree char *heading = NULL;

      if (notes->slide->title != NULL && *notes->slide->title != '\0')
        /* Translators: a heading of a deck's evidence table: the slide's number and its title */
        heading = g_strdup_printf (D_(lang, "Slide %u: %s"), notes->number, notes->slide->title);
      else
        /* Translators: a PDF bookmark of a slide with no title */
        heading = g_strdup_printf (D_(lang, "Slide %u"), notes->number);

      g_string_append_printf (out, "<section id=\"slide%u\">\n<h2>", notes->number);
      tri_formats_append_xml (out, heading);
      g_string_append (out, "</h2>\n");
      if (notes->quotes->len == 0)
        {
          g_string_append (out, "<p class=\"none\">");
          /* Translators: in a deck's evidence table, under a slide that quotes nothing */
          tri_formats_append_xml (out, D_(lang, "No quote on this slide."));
          g_string_append (out, "</p>\n</section>\n");
          continue;
        }
      table_start (out, lang);
      for (guint k = 0; k < notes->quotes->len; k++)
        {
          g_autofree char *mark = tri_slide_note_mark (k + 1, notes->lang);
          g_autofree char *id = g_strdup_printf ("s%u-q%u", notes->number, k + 1);

          html_quote (out, store, sources, g_ptr_array_index (notes->quotes, k), notes->lang, id, mark);
        }
      g_string_append (out, "</tbody>\n</table>\n</section>\n");
    }
  g_string_append (out, "</body>\n</html>\n");
  tri_formats_lost (lost, "translations in other languages");
  return TRUE;
}

gboolean
tri_format_evidence_write (TriStore             *store,
                           const TriDataRequest *request,
                           GString              *out,
                           GString              *lost,
                           GError              **error)
{
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *title = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *view = NULL;
  const char *lang = tri_lang_normalize (request->lang);
  guint32 from, to;

  sources = tri_store_list_sources (store, request->lang, error);
  if (sources == NULL)
    return FALSE;
  if (request->deck)
    return write_deck (store, request, sources, out, lost, error);

  quotes = tri_formats_quotes (store, request, TRUE, error);
  if (quotes == NULL)
    return FALSE;
  tri_formats_period (store, request, &from, &to);

  if (!request->html)
    {
      g_string_append (out, "\xEF\xBB\xBF");
      for (guint i = 0; i < G_N_ELEMENTS (csv_header); i++)
        tri_formats_append_csv (out, csv_header[i], i + 1 == G_N_ELEMENTS (csv_header));
      for (guint i = 0; i < quotes->len; i++)
        csv_quote (out, store, sources, g_ptr_array_index (quotes, i), request->lang, NULL, 0, i + 1);
      tri_formats_lost (lost, "translations in other languages");
      return TRUE;
    }

  title = tri_store_dup_title (store, request->lang);
  as_of = tri_day_label (to, TRI_PRECISION_DAY, request->lang);
  if (request->window_months == 0)
    /* Translators: the view an evidence table shows: "as of" a date, over all time */
    view = g_strdup_printf (D_(lang, "As of %s, all time"), as_of);
  else
    /* Translators: the view an evidence table shows: "as of" a date, over a window of months */
    view = g_strdup_printf (DN_(lang, "As of %s, the month before", "As of %s, the %u months before",
                                request->window_months), as_of, request->window_months);

  html_start (out, lang, title, view);
  if (request->relation_id != 0)
    {
      g_string_append (out, " · ");
      tri_formats_append_xml (out, tri_formats_relation_code (store, request->relation_id));
    }
  g_string_append (out, "</p>\n");
  table_start (out, lang);
  for (guint i = 0; i < quotes->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *id = g_strdup_printf ("q%u", i + 1);

      html_quote (out, store, sources, g_ptr_array_index (quotes, i), request->lang, id, number);
    }
  g_string_append (out, "</tbody>\n</table>\n</body>\n</html>\n");
  tri_formats_lost (lost, "translations in other languages");
  return TRUE;
}
