/* tri-import-run.c: where an import goes, and merging into an editable briefing
 *
 * Every importer writes into an empty briefing that this file gives it:
 * - --out NEW: a new file through tri-new-file (unnamed until whole, never
 *   replacing a file), so a failure, a cancel or a kill leaves nothing;
 * - --into EDITABLE: a temporary briefing (SQLite's own, on disk, removed
 *   when closed), then merged into the editable briefing through its
 *   TriDocument as ONE undoable group ("Import CSV"): an event whose date
 *   and English title and summary are already there is matched, not added
 *   again; one
 *   the document refuses (it links no relation, say) is skipped, and the
 *   summary says how many and why; what an editable briefing has no
 *   command for (notes, an imported date wording, translations beyond
 *   one a quote) is counted as not merged, never dropped silently;
 * - neither: a temporary briefing too, to check the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-import"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "document/tri-document.h"
#include "document/tri-document-private.h"
#include "store/tri-new-file.h"
#include "store/tri-schema.h"
#include "store/tri-store.h"
#include "tri-import-private.h"

/**
 * tri_import_format_to_string:
 *
 * The format's name on the command line ("csv"), as in --import-csv.
 */
const char *
tri_import_format_to_string (TriImportFormat format)
{
  static const char * const names[] = { "timelinejs", "csv", "json", "gdelt" };

  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (names), NULL);
  return names[format];
}

/**
 * tri_import_check_utf8:
 *
 * Refuses @data that is not UTF-8, naming the line of the first byte that
 * is not.
 */
gboolean
tri_import_check_utf8 (const char  *path,
                       const char  *data,
                       gsize        len,
                       GError     **error)
{
  const char *end = NULL;
  guint line = 1;

  if (g_utf8_validate_len (data, len, &end))
    return TRUE;
  for (const char *p = data; p < end; p++)
    line += *p == '\n';
  /* Translators: %u is a line number */
  return tri_import_invalid (error, path, _("it is not UTF-8 text (a byte on line %u is not)"), line);
}

/* The undo history's name of an import into an editable briefing */
static const char *
group_name (TriImportFormat format)
{
  switch (format)
    {
    case TRI_IMPORT_TIMELINEJS:
      /* Translators: the name of an undoable action (Undo Import TimelineJS) */
      return _("Import TimelineJS");
    case TRI_IMPORT_CSV:
      /* Translators: the name of an undoable action (Undo Import CSV) */
      return _("Import CSV");
    case TRI_IMPORT_JSON:
      /* Translators: the name of an undoable action (Undo Import JSON) */
      return _("Import JSON");
    case TRI_IMPORT_GDELT:
    default:
      /* Translators: the name of an undoable action (Undo Import GDELT) */
      return _("Import GDELT");
    }
}

typedef struct
{
  TriDocument *doc;
  sqlite3     *from;        /* the imported briefing */
  sqlite3     *to;          /* the document's connection, read only */
  GHashTable  *event_ids;   /* imported id -> the document's (gint64) */
  GHashTable  *known;       /* "date\ntitle\nsummary" (English) -> the document's event id */
  guint        n_added, n_matched, n_skipped;
  guint        n_actors, n_relations, n_sources, n_sources_matched, n_quotes, n_quotes_skipped;
  guint        n_notes, n_labels, n_translations;
  guint        n_decks, n_slides, n_slides_skipped;
  gboolean     markings_kept;   /* the briefing's own markings stay; the imported ones are not merged */
  char        *first_skip;  /* why the first event was skipped */
} Merge;

static gboolean
merge_failed (Merge       *m,
              GError     **error)
{
  g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("The imported rows could not be read: %s"),
               sqlite3_errmsg (m->from));
  return FALSE;
}

static gint64
to_count (Merge      *m,
          const char *sql,
          const char *text,
          const char *text2)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (m->to, sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gboolean
merge_actors (Merge   *m,
              GError **error)
{
  sqlite3_stmt *stmt = NULL, *names = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (m->from, "SELECT code, color FROM actor ORDER BY rank", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (m->from, "SELECT lang, name FROM actor_name WHERE actor = ?", -1, &names, NULL) != SQLITE_OK)
    ok = merge_failed (m, error);
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

      if (to_count (m, "SELECT count(*) FROM actor WHERE code = ?", code, NULL) > 0)
        continue;
      sqlite3_reset (names);
      sqlite3_bind_text (names, 1, code, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (names) == SQLITE_ROW)
        {
          g_ptr_array_add (list, g_strdup ((const char *) sqlite3_column_text (names, 0)));
          g_ptr_array_add (list, g_strdup ((const char *) sqlite3_column_text (names, 1)));
        }
      g_ptr_array_add (list, NULL);
      if (!(ok = tri_document_add_actor (m->doc, code, (const char *) sqlite3_column_text (stmt, 1),
                                         (const char * const *) list->pdata, error)))
        break;
      m->n_actors++;
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (names);
  if (!ok)
    return FALSE;

  if (sqlite3_prepare_v2 (m->from, "SELECT actor_a, actor_b FROM relation ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return merge_failed (m, error);
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *a = (const char *) sqlite3_column_text (stmt, 0);
      const char *b = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *code = g_strdup_printf ("%s-%s", a, b);

      if (to_count (m, "SELECT count(*) FROM relation WHERE (actor_a = ?1 AND actor_b = ?2)"
                       " OR (actor_a = ?2 AND actor_b = ?1)", a, b) > 0)
        continue;
      if (!(ok = tri_document_add_relation (m->doc, code, error) > 0))
        break;
      m->n_relations++;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
merge_sources (Merge   *m,
               GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (m->from, "SELECT id, kind, title, outlet, authors, language, date, url, file,"
                                   " reliability FROM source ORDER BY rowid", -1, &stmt, NULL) != SQLITE_OK)
    return merge_failed (m, error);
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *reliability = (const char *) sqlite3_column_text (stmt, 9);
      TriSourceSpec spec = {
        (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
        (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
        (const char *) sqlite3_column_text (stmt, 4), (const char *) sqlite3_column_text (stmt, 5),
        (const char *) sqlite3_column_text (stmt, 6), (const char *) sqlite3_column_text (stmt, 7),
        (const char *) sqlite3_column_text (stmt, 8), reliability ? reliability[0] : 0, NULL,
      };

      if (to_count (m, "SELECT count(*) FROM source WHERE id = ?", spec.id, NULL) > 0)
        {
          m->n_sources_matched++;
          continue;
        }
      if (!(ok = tri_document_add_source (m->doc, &spec, error)))
        break;
      m->n_sources++;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static char *
event_key (const char *date,
           const char *title,
           const char *summary)
{
  return g_strdup_printf ("%s\n%s\n%s", date, title ? title : "", summary ? summary : "");
}

static gboolean
merge_events (Merge   *m,
              GError **error)
{
  sqlite3_stmt *events = NULL, *texts = NULL, *links = NULL, *known = NULL;
  gboolean ok = TRUE;

  /* the document's events, by date and English texts: looked up once
   * each, so that a merge takes time in proportion to the rows */
  if (sqlite3_prepare_v2 (m->to, "SELECT e.id, e.date, t.title, t.summary FROM event e"
                                 " JOIN event_text t ON t.event = e.id AND t.lang = 'en'", -1, &known, NULL) != SQLITE_OK)
    return merge_failed (m, error);
  while (sqlite3_step (known) == SQLITE_ROW)
    g_hash_table_insert (m->known,
                         event_key ((const char *) sqlite3_column_text (known, 1),
                                    (const char *) sqlite3_column_text (known, 2),
                                    (const char *) sqlite3_column_text (known, 3)),
                         GSIZE_TO_POINTER (sqlite3_column_int64 (known, 0)));
  sqlite3_finalize (known);

  if (sqlite3_prepare_v2 (m->from, "SELECT id, date, category, confidence, date_label,"
                                   " (SELECT count(*) FROM note WHERE note.event = event.id)"
                                   " FROM event ORDER BY id", -1, &events, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (m->from, "SELECT lang, title, summary, claimed_by FROM event_text WHERE event = ?"
                                   " ORDER BY lang <> 'en', lang", -1, &texts, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (m->from, "SELECT r.actor_a || '-' || r.actor_b, er.stance, er.weight"
                                   " FROM event_relation er JOIN relation r ON r.id = er.relation"
                                   " WHERE er.event = ? ORDER BY r.id", -1, &links, NULL) != SQLITE_OK)
    ok = merge_failed (m, error);

  while (ok && sqlite3_step (events) == SQLITE_ROW)
    {
      gint64 from_id = sqlite3_column_int64 (events, 0);
      const char *date = (const char *) sqlite3_column_text (events, 1);
      g_autoptr(GArray) text_specs = g_array_new (FALSE, TRUE, sizeof (TriEventText));
      g_autoptr(GArray) link_specs = g_array_new (FALSE, TRUE, sizeof (TriEventLink));
      g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) refused = NULL;
      const char *title_en = NULL;
      const char *summary_en = NULL;
      g_autofree char *key = NULL;
      TriEventSpec spec = { 0 };
      gint64 matched, id;

      sqlite3_reset (texts);
      sqlite3_bind_int64 (texts, 1, from_id);
      while (sqlite3_step (texts) == SQLITE_ROW)
        {
          TriEventText t = { 0 };

          for (int c = 0; c < 4; c++)
            g_ptr_array_add (strings, g_strdup ((const char *) sqlite3_column_text (texts, c)));
          t.lang = strings->pdata[strings->len - 4];
          t.title = strings->pdata[strings->len - 3];
          t.summary = strings->pdata[strings->len - 2];
          t.claimed_by = strings->pdata[strings->len - 1];
          if (g_str_equal (t.lang, "en"))
            {
              title_en = t.title;
              summary_en = t.summary;
            }
          g_array_append_val (text_specs, t);
        }
      sqlite3_reset (links);
      sqlite3_bind_int64 (links, 1, from_id);
      while (sqlite3_step (links) == SQLITE_ROW)
        {
          TriEventLink l = { 0 };

          g_ptr_array_add (strings, g_strdup ((const char *) sqlite3_column_text (links, 0)));
          l.relation = strings->pdata[strings->len - 1];
          g_ptr_array_add (strings, g_strdup ((const char *) sqlite3_column_text (links, 1)));
          l.stance = strings->pdata[strings->len - 1];
          l.weight = sqlite3_column_int (links, 2);
          g_array_append_val (link_specs, l);
        }

      /* the same date, English title and summary already there: the
       * same event (the summary tells apart two GDELT events of a day
       * with the same words, whose summaries name their ids) */
      key = event_key (date, title_en, summary_en);
      matched = GPOINTER_TO_SIZE (g_hash_table_lookup (m->known, key));
      if (matched > 0)
        {
          m->n_matched++;
          g_hash_table_insert (m->event_ids, g_memdup2 (&from_id, sizeof from_id), g_memdup2 (&matched, sizeof matched));
          continue;
        }

      spec.date = date;
      spec.category = (const char *) sqlite3_column_text (events, 2);
      spec.confidence = (const char *) sqlite3_column_text (events, 3);
      spec.texts = (const TriEventText *) text_specs->data;
      spec.n_texts = text_specs->len;
      spec.links = (const TriEventLink *) link_specs->data;
      spec.n_links = link_specs->len;
      id = tri_document_add_event (m->doc, &spec, &refused);
      if (id == 0)
        {
          m->n_skipped++;
          if (m->first_skip == NULL)
            /* Translators: why an imported event was not merged: "event 3: links no relation" */
            m->first_skip = g_strdup_printf (_("event %lld: %s"), (long long) from_id, refused->message);
          continue;
        }
      m->n_added++;
      g_hash_table_insert (m->known, g_steal_pointer (&key), GSIZE_TO_POINTER (id));
      m->n_notes += sqlite3_column_int (events, 5);
      if (sqlite3_column_type (events, 4) != SQLITE_NULL)
        m->n_labels++;
      g_hash_table_insert (m->event_ids, g_memdup2 (&from_id, sizeof from_id), g_memdup2 (&id, sizeof id));
    }
  sqlite3_finalize (events);
  sqlite3_finalize (texts);
  sqlite3_finalize (links);
  return ok;
}

static gboolean
merge_quotes (Merge   *m,
              GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (m->from,
                          "SELECT q.id, q.source, q.char_offset, q.text, r.actor_a || '-' || r.actor_b, q.event,"
                          " q.claim, q.credibility,"
                          " (SELECT text FROM quote_translation WHERE quote = q.id AND lang = 'en'),"
                          " (SELECT count(*) FROM quote_translation WHERE quote = q.id AND lang <> 'en')"
                          " FROM quote q JOIN relation r ON r.id = q.relation ORDER BY q.id", -1, &stmt, NULL) != SQLITE_OK)
    return merge_failed (m, error);
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 from_event = sqlite3_column_int64 (stmt, 5);
      const gint64 *event = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? NULL
                            : g_hash_table_lookup (m->event_ids, &from_event);
      const char *text = (const char *) sqlite3_column_text (stmt, 3);
      TriQuoteSpec spec = {
        (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int64 (stmt, 2),
        g_utf8_strlen (text, -1), text, (const char *) sqlite3_column_text (stmt, 4),
        event ? *event : 0, (const char *) sqlite3_column_text (stmt, 6), sqlite3_column_int (stmt, 7),
        "en", (const char *) sqlite3_column_text (stmt, 8),
      };

      /* a quote of an event that was skipped goes with it */
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL && event == NULL)
        {
          m->n_quotes_skipped++;
          continue;
        }
      if (tri_document_add_quote (m->doc, &spec, NULL) == 0)
        {
          m->n_quotes_skipped++;
          continue;
        }
      m->n_quotes++;
      m->n_translations += sqlite3_column_int (stmt, 9);
    }
  sqlite3_finalize (stmt);
  return ok;
}

static guint32
from_jdn (sqlite3_stmt *stmt,
          int           col)
{
  guint32 day = 0;

  if (sqlite3_column_type (stmt, col) == SQLITE_INTEGER)
    tri_day_from_jdn (sqlite3_column_int64 (stmt, col), &day);
  return day;
}

/* The imported decks, each added under its name (numbered when the
 * briefing has a deck of that name), with their slides in order and every
 * language's texts; a slide of an event that was skipped selects none.
 * The imported markings when the briefing has none. */
static gboolean
merge_decks (Merge   *m,
             GError **error)
{
  sqlite3_stmt *decks = NULL, *slides = NULL, *texts = NULL, *markings = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (m->from, "SELECT id, name FROM deck ORDER BY id", -1, &decks, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (m->from,
                          "SELECT s.id, s.kind, s.as_of, s.window_months, r.actor_a || '-' || r.actor_b, s.actor,"
                          " s.event, s.range_start, s.range_end, s.show_others, s.lang, s.compare_from,"
                          " s.trend_from, s.trend_to, s.trend_step, s.trend_style, s.filter"
                          " FROM slide s LEFT JOIN relation r ON r.id = s.relation"
                          " WHERE s.deck = ? ORDER BY s.position, s.id", -1, &slides, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (m->from, "SELECT lang, title, judgement, notes, body FROM slide_text WHERE slide = ?"
                                   " ORDER BY lang <> 'en', lang", -1, &texts, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (m->from, "SELECT marking, author, prepared, version FROM markings", -1, &markings,
                          NULL) != SQLITE_OK)
    ok = merge_failed (m, error);

  while (ok && sqlite3_step (decks) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (decks, 1);
      g_autofree char *unique = g_strdup (name);
      gint64 deck;

      for (guint n = 2; to_count (m, "SELECT count (*) FROM deck WHERE name = ?", unique, NULL) > 0; n++)
        {
          g_free (unique);
          /* Translators: an imported deck's name when the briefing has one of that name: "Briefing (2)" */
          unique = g_strdup_printf (_("%s (%u)"), name, n);
        }
      deck = tri_document_add_deck (m->doc, unique, NULL);
      if (deck == 0)
        {
          sqlite3_stmt *count = NULL;

          /* not dropped unsaid: its slides count as skipped */
          if (sqlite3_prepare_v2 (m->from, "SELECT count (*) FROM slide WHERE deck = ?", -1, &count, NULL) == SQLITE_OK)
            {
              sqlite3_bind_int64 (count, 1, sqlite3_column_int64 (decks, 0));
              if (sqlite3_step (count) == SQLITE_ROW)
                m->n_slides_skipped += (guint) sqlite3_column_int (count, 0);
            }
          sqlite3_finalize (count);
          continue;
        }
      m->n_decks++;

      sqlite3_reset (slides);
      sqlite3_bind_int64 (slides, 1, sqlite3_column_int64 (decks, 0));
      while (sqlite3_step (slides) == SQLITE_ROW)
        {
          g_autoptr(TriDeckSlide) slide = tri_deck_slide_new (TRI_DECK_SLIDE_VIEW);
          gint64 from_event = sqlite3_column_int64 (slides, 6);
          const gint64 *event = sqlite3_column_type (slides, 6) == SQLITE_NULL ? NULL
                                : g_hash_table_lookup (m->event_ids, &from_event);
          gint64 id = 0;

          tri_deck_slide_kind_from_string ((const char *) sqlite3_column_text (slides, 1), &slide->kind);
          slide->as_of = from_jdn (slides, 2);
          slide->window_months = (guint) sqlite3_column_int (slides, 3);
          slide->relation = g_strdup ((const char *) sqlite3_column_text (slides, 4));
          slide->actor = g_strdup ((const char *) sqlite3_column_text (slides, 5));
          slide->event = event ? *event : 0;
          if (sqlite3_column_type (slides, 7) != SQLITE_NULL && sqlite3_column_type (slides, 8) != SQLITE_NULL)
            {
              slide->range_start = sqlite3_column_double (slides, 7) + (double) TRI_DAY_JDN_OFFSET;
              slide->range_end = sqlite3_column_double (slides, 8) + (double) TRI_DAY_JDN_OFFSET;
            }
          slide->show_others = sqlite3_column_int (slides, 9) != 0;
          slide->lang = g_strdup ((const char *) sqlite3_column_text (slides, 10));
          slide->compare_from = from_jdn (slides, 11);
          slide->trend_from = from_jdn (slides, 12);
          slide->trend_to = from_jdn (slides, 13);
          tri_trend_step_from_string ((const char *) sqlite3_column_text (slides, 14), &slide->trend_step);
          tri_trend_style_from_string ((const char *) sqlite3_column_text (slides, 15), &slide->trend_style);
          slide->filter = g_strdup ((const char *) sqlite3_column_text (slides, 16));

          /* the first language as the slide is added, each other one as an edit */
          sqlite3_reset (texts);
          sqlite3_bind_int64 (texts, 1, sqlite3_column_int64 (slides, 0));
          while (sqlite3_step (texts) == SQLITE_ROW)
            {
              const char *lang = (const char *) sqlite3_column_text (texts, 0);

              g_free (slide->title);
              g_free (slide->judgement);
              g_free (slide->notes);
              g_free (slide->body);
              slide->title = g_strdup ((const char *) sqlite3_column_text (texts, 1));
              slide->judgement = g_strdup ((const char *) sqlite3_column_text (texts, 2));
              slide->notes = g_strdup ((const char *) sqlite3_column_text (texts, 3));
              slide->body = g_strdup ((const char *) sqlite3_column_text (texts, 4));
              if (id == 0)
                id = tri_document_add_slide (m->doc, deck, -1, slide, lang, NULL);
              else
                tri_document_edit_slide (m->doc, id, slide, lang, NULL);
              if (id == 0)
                break;
            }
          if (id == 0)
            {
              g_clear_pointer (&slide->title, g_free);
              slide->title = g_strdup ("");
              id = tri_document_add_slide (m->doc, deck, -1, slide, "en", NULL);
            }
          if (id == 0)
            m->n_slides_skipped++;
          else
            m->n_slides++;
        }
    }

  if (ok && sqlite3_step (markings) == SQLITE_ROW)
    {
      TriMarkings imported = {
        (char *) sqlite3_column_text (markings, 0), (char *) sqlite3_column_text (markings, 1),
        (char *) sqlite3_column_text (markings, 2), (char *) sqlite3_column_text (markings, 3),
      };

      if (to_count (m, "SELECT count (*) FROM markings", NULL, NULL) > 0)
        m->markings_kept = !tri_markings_is_empty (&imported);
      else if (!tri_markings_is_empty (&imported))
        tri_document_set_markings (m->doc, &imported, NULL);
    }
  sqlite3_finalize (decks);
  sqlite3_finalize (slides);
  sqlite3_finalize (texts);
  sqlite3_finalize (markings);
  return ok;
}

static void
merge_summary (Merge      *m,
               const char *into,
               GString    *s)
{
  /* Translators: the merge part of an import's summary: "Merged into b.sqlite: 3 events added, …" */
  g_string_append_printf (s, _(" Merged into %s as one step to undo: "), into);
  g_string_append_printf (s, ngettext ("%u event added", "%u events added", m->n_added), m->n_added);
  g_string_append (s, ", ");
  g_string_append_printf (s, ngettext ("%u matched (the same date, title and summary already there)",
                                       "%u matched (the same date, title and summary already there)", m->n_matched),
                          m->n_matched);
  g_string_append (s, ", ");
  g_string_append_printf (s, ngettext ("%u skipped", "%u skipped", m->n_skipped), m->n_skipped);
  if (m->first_skip != NULL)
    g_string_append_printf (s, " (%s)", m->first_skip);
  if (m->n_actors + m->n_relations + m->n_sources + m->n_sources_matched + m->n_quotes + m->n_quotes_skipped > 0)
    {
      g_string_append (s, "; ");
      g_string_append_printf (s, ngettext ("%u actor", "%u actors", m->n_actors), m->n_actors);
      g_string_append (s, ", ");
      g_string_append_printf (s, ngettext ("%u relation", "%u relations", m->n_relations), m->n_relations);
      g_string_append (s, ", ");
      g_string_append_printf (s, ngettext ("%u source", "%u sources", m->n_sources), m->n_sources);
      g_string_append (s, ", ");
      g_string_append_printf (s, ngettext ("%u quote added", "%u quotes added", m->n_quotes), m->n_quotes);
      if (m->n_sources_matched + m->n_quotes_skipped > 0)
        {
          g_string_append (s, ", ");
          /* Translators: part of a merge summary: sources whose id the briefing has already */
          g_string_append_printf (s, ngettext ("%u source already there", "%u sources already there",
                                               m->n_sources_matched), m->n_sources_matched);
          g_string_append (s, ", ");
          g_string_append_printf (s, ngettext ("%u quote skipped", "%u quotes skipped", m->n_quotes_skipped),
                                  m->n_quotes_skipped);
        }
    }
  if (m->n_decks + m->n_slides_skipped > 0)
    {
      g_string_append (s, "; ");
      g_string_append_printf (s, ngettext ("%u deck", "%u decks", m->n_decks), m->n_decks);
      g_string_append (s, ", ");
      g_string_append_printf (s, ngettext ("%u slide added", "%u slides added", m->n_slides), m->n_slides);
      if (m->n_slides_skipped > 0)
        {
          g_string_append (s, ", ");
          g_string_append_printf (s, ngettext ("%u slide skipped", "%u slides skipped", m->n_slides_skipped),
                                  m->n_slides_skipped);
        }
    }
  if (m->markings_kept)
    /* Translators: part of a merge summary */
    g_string_append (s, _("; the briefing keeps its own markings"));
  if (m->n_notes + m->n_labels + m->n_translations > 0)
    {
      /* Translators: what an editable briefing has no place for, after a merge */
      g_string_append (s, _("; not merged, as an editable briefing has no place for them: "));
      g_string_append_printf (s, ngettext ("%u note", "%u notes", m->n_notes), m->n_notes);
      g_string_append (s, ", ");
      g_string_append_printf (s, ngettext ("%u date wording", "%u date wordings", m->n_labels), m->n_labels);
      g_string_append (s, ", ");
      g_string_append_printf (s, ngettext ("%u translation beyond English", "%u translations beyond English",
                                           m->n_translations), m->n_translations);
    }
  g_string_append (s, ".");
}

/* The imported briefing @from into @doc, as one group */
static gboolean
merge (TriDocument     *doc,
       sqlite3         *from,
       TriImportFormat  format,
       GString         *summary,
       GError         **error)
{
  Merge m = { doc, from, tri_document_get_db (doc) };
  gboolean ok;

  m.event_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  m.known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tri_document_begin_group (doc, group_name (format));
  ok = merge_actors (&m, error) && merge_sources (&m, error) && merge_events (&m, error) &&
       merge_quotes (&m, error) && merge_decks (&m, error);
  if (ok)
    ok = tri_document_end_group (doc, error);
  else
    tri_document_cancel_group (doc);
  if (ok)
    merge_summary (&m, tri_document_get_path (doc), summary);
  g_hash_table_unref (m.event_ids);
  g_hash_table_unref (m.known);
  g_free (m.first_skip);
  return ok;
}

/**
 * tri_import_file:
 * @format: what @path is
 * @target: a new briefing, an editable one to merge into, or neither (check only)
 * @summary: (out) (optional): one line: what was imported, kept as notes,
 *   and with --into added, matched and skipped
 *
 * Imports @path. The file is read and checked before anything is written;
 * on any failure (cancelled too) nothing appears and an editable briefing
 * is left as it was.
 */
gboolean
tri_import_file (TriImportFormat         format,
                 const char             *path,
                 const TriImportTarget  *target,
                 char                  **summary,
                 GError                **error)
{
  g_autoptr(TriNewFile) file = NULL;
  g_autoptr(TriDocument) doc = NULL;
  TriImporter *importer;
  TriImportSink sink = { 0 };
  const char *out_path = target->out_path;
  gboolean ok = FALSE;

  g_return_val_if_fail ((target->out_path != NULL) + (target->into_path != NULL) + (target->into_document != NULL) <= 1,
                        FALSE);

  if ((importer = tri_import_prepare (format, path, error)) == NULL)
    return FALSE;
  sink.progress = target->progress;
  sink.progress_data = target->progress_data;
  sink.cancellable = target->cancellable;

  /* the new briefing is unnamed until complete and never replaces a file:
   * a failure, a signal or a kill leaves nothing */
  if (target->into_path != NULL || target->into_document != NULL)
    {
      if (target->into_document != NULL)
        doc = g_object_ref (target->into_document);
      else if ((doc = tri_document_open (target->into_path, error)) == NULL)
        goto out;
      if (sqlite3_open_v2 ("", &sink.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        {
          g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("No room to read the file into."));
          goto out;
        }
    }
  else if (out_path != NULL)
    {
      if ((file = tri_new_file_create (out_path, TRI_NEW_FILE_NO_REPLACE, error)) == NULL ||
          (sink.db = tri_new_file_open_sqlite (file, error)) == NULL)
        goto out;
    }
  /* a check writes into SQLite's temporary database too: it stays in
   * memory up to the page cache and goes to disk beyond, so that checking
   * a million GDELT rows takes no more memory than importing them */
  else if (sqlite3_open_v2 ("", &sink.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("No memory to check the timeline in."));
      goto out;
    }

  ok = tri_schema_create (sink.db, TRI_SCHEMA_VERSION, error) &&
       /* a page cache of 32 MB: a large import writes each page once, not over and over */
       tri_sql_exec (sink.db, "PRAGMA journal_mode = OFF; PRAGMA cache_size = -32768; BEGIN", error) &&
       importer->fill (importer, &sink, error) &&
       tri_sql_exec (sink.db, "COMMIT", error);

  /* a full disk, said as such, naming the new file */
  if (!ok && file != NULL && error != NULL &&
      (g_error_matches (*error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL) ||
       (sink.db != NULL && (sqlite3_extended_errcode (sink.db) & 0xff) == SQLITE_FULL)))
    {
      g_clear_error (error);
      tri_write_error_set_errno (error, out_path, ENOSPC);
    }

out:
  if (ok && doc != NULL)
    {
      g_autoptr(GString) merged = g_string_new (NULL);
      g_autofree char *line = importer->summarize (importer, tri_document_get_path (doc));

      ok = merge (doc, sink.db, format, merged, error);
      if (ok && summary != NULL)
        *summary = g_strconcat (line, merged->str, NULL);
    }
  if (sink.db != NULL && sqlite3_close (sink.db) != SQLITE_OK && ok)
    {
      g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("Could not write “%s”."), out_path);
      ok = FALSE;
    }
  if (ok && file != NULL)
    ok = tri_new_file_commit (file, error);
  if (ok && doc == NULL && summary != NULL)
    *summary = importer->summarize (importer, target->summary_name ? target->summary_name
                                              : out_path ? out_path : path);
  importer->free (importer);
  return ok;
}

/**
 * tri_import_merge_briefing:
 * @format: what the briefing was imported from (names the undo group)
 * @briefing_path: a briefing written by tri_import_file() with @out_path
 * @summary: (out) (optional): the merge part of the summary (" Merged into …")
 *
 * Merges a briefing already imported into @doc, as one undoable group, as
 * tri_import_file() with @into_document does; the window imports off the
 * main loop into a temporary briefing (cancellable, leaving @doc as it
 * was) and merges it on the main loop, where @doc's "changed" is emitted.
 */
gboolean
tri_import_merge_briefing (TriDocument      *doc,
                           TriImportFormat   format,
                           const char       *briefing_path,
                           char            **summary,
                           GError          **error)
{
  g_autoptr(GString) merged = g_string_new (NULL);
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (TRI_IS_DOCUMENT (doc), FALSE);

  if (sqlite3_open_v2 (briefing_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_WRITE, _("The imported rows could not be read: %s"),
                   db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return FALSE;
    }
  ok = merge (doc, db, format, merged, error);
  sqlite3_close (db);
  if (ok && summary != NULL)
    *summary = g_string_free (g_steal_pointer (&merged), FALSE);
  return ok;
}
