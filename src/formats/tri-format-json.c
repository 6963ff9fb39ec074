/* tri-format-json.c: any briefing in the format of data/briefing.json
 *
 * The interchange format: what tri-compile reads, described by
 * data/briefing.schema.json, with every language of every text, uncut. A
 * briefing compiled from it exports to the same content (the relation
 * codes with the higher-ranked actor first, the languages in the order
 * en, vi, ru, zh_CN, ko and then the others), so it can be kept in version
 * control, diffed and reviewed. What the format cannot hold (an imported
 * file's date wording and notes) is counted in the summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-formats"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "tri-formats.h"

typedef struct
{
  GPtrArray *cells;
  guint      n;
} Rows;

static void
rows_clear (Rows *r)
{
  g_clear_pointer (&r->cells, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rows, rows_clear)

#define CELL(r, row, col) ((const char *) (r).cells->pdata[(row) * (r).n + (col)])
#define N_ROWS(r) ((r).cells->len / MAX ((r).n, 1))

static gboolean
read_rows (TriStore      *store,
           TriStoreRows   which,
           Rows          *rows,
           GError       **error)
{
  rows->cells = tri_store_read_rows (store, which, &rows->n, error);
  return rows->cells != NULL;
}

static int
lang_order (const char *lang)
{
  static const char * const order[] = { "en", "vi", "ru", "zh_CN", "ko" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (lang, order[i]) == 0)
      return (int) i;
  return G_N_ELEMENTS (order);
}

typedef struct
{
  const char *lang;
  const char *text;
} LangText;

static int
compare_lang_texts (gconstpointer a,
                    gconstpointer b)
{
  const LangText *ta = a, *tb = b;
  int oa = lang_order (ta->lang), ob = lang_order (tb->lang);

  if (oa != ob)
    return oa - ob;
  return g_strcmp0 (ta->lang, tb->lang);
}

/* Indexes rows by their first cell, so each key's texts are found at once */
static GHashTable *
index_rows (const Rows *rows)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < N_ROWS (*rows); i++)
    {
      const char *key = CELL (*rows, i, 0);
      GPtrArray *list;

      if (key == NULL)
        continue;
      list = g_hash_table_lookup (index, key);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (index, (gpointer) key, list);
        }
      g_ptr_array_add (list, GUINT_TO_POINTER (i));
    }
  return index;
}

/* add_texts() over the rows an index lists for @key */
static gboolean
add_indexed_texts (JsonBuilder *b,
                   const char  *member,
                   const Rows  *rows,
                   GHashTable  *index,
                   const char  *key,
                   guint        text_col)
{
  GPtrArray *list = key ? g_hash_table_lookup (index, key) : NULL;
  g_autoptr(GArray) texts = g_array_new (FALSE, FALSE, sizeof (LangText));

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      guint row = GPOINTER_TO_UINT (list->pdata[i]);
      LangText t = { CELL (*rows, row, 1), CELL (*rows, row, text_col) };

      if (t.text != NULL)
        g_array_append_val (texts, t);
    }
  if (texts->len == 0)
    return FALSE;
  g_array_sort (texts, compare_lang_texts);
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (guint i = 0; i < texts->len; i++)
    {
      json_builder_set_member_name (b, g_array_index (texts, LangText, i).lang);
      json_builder_add_string_value (b, g_array_index (texts, LangText, i).text);
    }
  json_builder_end_object (b);
  return TRUE;
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *member,
         const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, g_ascii_strtoll (value, NULL, 10));
}

static const char *
link_code (TriStore   *store,
           const Rows *links,
           guint       row)
{
  const char *id = CELL (*links, row, 1);

  return tri_formats_relation_code (store, id ? g_ascii_strtoll (id, NULL, 10) : 0);
}

typedef struct
{
  TriStore   *store;
  const Rows *links;
} LinkOrder;

static int
compare_links (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const LinkOrder *o = data;

  return g_strcmp0 (link_code (o->store, o->links, GPOINTER_TO_UINT (*(gpointer const *) a)),
                    link_code (o->store, o->links, GPOINTER_TO_UINT (*(gpointer const *) b)));
}

/* A slide's texts in one member, every language but the empty ones; the
 * title's object is written even when it has none */
static void
add_slide_texts (JsonBuilder *b,
                 const char  *member,
                 const Rows  *rows,
                 GHashTable  *index,
                 const char  *key,
                 guint        text_col,
                 gboolean     always)
{
  GPtrArray *list = key ? g_hash_table_lookup (index, key) : NULL;
  g_autoptr(GArray) texts = g_array_new (FALSE, FALSE, sizeof (LangText));

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      guint row = GPOINTER_TO_UINT (list->pdata[i]);
      LangText t = { CELL (*rows, row, 1), CELL (*rows, row, text_col) };

      if (t.lang != NULL && t.text != NULL && *t.text != '\0')
        g_array_append_val (texts, t);
    }
  if (texts->len == 0 && !always)
    return;
  g_array_sort (texts, compare_lang_texts);
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (guint i = 0; i < texts->len; i++)
    {
      json_builder_set_member_name (b, g_array_index (texts, LangText, i).lang);
      json_builder_add_string_value (b, g_array_index (texts, LangText, i).text);
    }
  json_builder_end_object (b);
}

static void
add_day (JsonBuilder *b,
         const char  *member,
         guint32      day)
{
  g_autofree char *iso = NULL;

  if (day == 0)
    return;
  iso = tri_day_to_iso (day);
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, iso);
}

/* One end of a timeline range as the reader takes it: a day, or a
 * moment of one to the second; the end of a range at midnight is the
 * day before, through its last moment */
static char *
range_end_string (double   value,
                  gboolean end)
{
  double whole = floor (value);
  int seconds = (int) lround ((value - whole) * 86400.0);
  g_autofree char *iso = NULL;

  if (seconds >= 86400)
    {
      whole += 1;
      seconds = 0;
    }
  if (seconds == 0)
    return tri_day_to_iso ((guint32) whole - (end ? 1 : 0));
  iso = tri_day_to_iso ((guint32) whole);
  return g_strdup_printf ("%sT%02d:%02d:%02d", iso, seconds / 3600, seconds / 60 % 60, seconds % 60);
}

static void
add_markings (JsonBuilder       *b,
              const TriMarkings *m)
{
  if (tri_markings_is_empty (m))
    return;
  json_builder_set_member_name (b, "markings");
  json_builder_begin_object (b);
  add_string (b, "marking", m->marking && *m->marking ? m->marking : NULL);
  add_string (b, "author", m->author && *m->author ? m->author : NULL);
  add_string (b, "prepared", m->prepared && *m->prepared ? m->prepared : NULL);
  add_string (b, "version", m->version && *m->version ? m->version : NULL);
  json_builder_end_object (b);
}

/* The decks, as the reader takes them: what is a default is left out */
static void
add_decks (JsonBuilder *b,
           GPtrArray   *decks,
           const Rows  *slide_texts)
{
  g_autoptr(GHashTable) index = index_rows (slide_texts);

  json_builder_set_member_name (b, "decks");
  json_builder_begin_array (b);
  for (guint i = 0; i < decks->len; i++)
    {
      const TriDeck *deck = decks->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "name", deck->name);
      json_builder_set_member_name (b, "slides");
      json_builder_begin_array (b);
      for (guint k = 0; k < deck->slides->len; k++)
        {
          const TriDeckSlide *s = deck->slides->pdata[k];
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, s->id);

          json_builder_begin_object (b);
          add_string (b, "kind", tri_deck_slide_kind_to_string (s->kind));
          add_slide_texts (b, "title", slide_texts, index, id, 2, TRUE);
          add_slide_texts (b, "judgement", slide_texts, index, id, 3, FALSE);
          add_slide_texts (b, "notes", slide_texts, index, id, 4, FALSE);
          add_slide_texts (b, "body", slide_texts, index, id, 5, FALSE);
          if (s->kind == TRI_DECK_SLIDE_COMPARE)
            add_day (b, "from", s->compare_from);
          if (s->kind == TRI_DECK_SLIDE_TREND)
            {
              add_day (b, "from", s->trend_from);
              add_day (b, "to", s->trend_to);
              add_string (b, "step", tri_trend_step_to_string (s->trend_step));
              add_string (b, "style", tri_trend_style_to_string (s->trend_style));
            }
          add_day (b, "as_of", s->as_of);
          if (s->window_months != 12)
            {
              json_builder_set_member_name (b, "window_months");
              json_builder_add_int_value (b, s->window_months);
            }
          add_string (b, "relation", s->relation);
          add_string (b, "actor", s->actor);
          if (s->event != 0)
            {
              json_builder_set_member_name (b, "event");
              json_builder_add_int_value (b, s->event);
            }
          if (s->range_start != 0 || s->range_end != 0)
            {
              g_autofree char *from = range_end_string (s->range_start, FALSE);
              g_autofree char *to = range_end_string (s->range_end, TRUE);

              json_builder_set_member_name (b, "range");
              json_builder_begin_array (b);
              json_builder_add_string_value (b, from);
              json_builder_add_string_value (b, to);
              json_builder_end_array (b);
            }
          if (s->show_others)
            {
              json_builder_set_member_name (b, "show_others");
              json_builder_add_boolean_value (b, TRUE);
            }
          add_string (b, "lang", s->lang);
          add_string (b, "filter", s->filter);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

gboolean
tri_format_json_write (TriStore             *store,
                       const TriDataRequest *request,
                       GString              *out,
                       GString              *lost,
                       GError              **error)
{
  g_auto(Rows) titles = { 0 }, actors = { 0 }, names = { 0 }, sources = { 0 }, source_texts = { 0 };
  g_auto(Rows) events = { 0 }, event_texts = { 0 }, links = { 0 }, quotes = { 0 }, translations = { 0 };
  g_auto(Rows) notes = { 0 }, slide_texts = { 0 };
  g_auto(TriMarkings) markings = { 0 };
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GError) deck_error = NULL;
  g_autoptr(GHashTable) name_index = NULL, source_index = NULL, text_index = NULL;
  g_autoptr(GHashTable) link_index = NULL, translation_index = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  guint n_labels = 0;

  if (!read_rows (store, TRI_STORE_ROWS_TITLES, &titles, error) ||
      !read_rows (store, TRI_STORE_ROWS_ACTORS, &actors, error) ||
      !read_rows (store, TRI_STORE_ROWS_ACTOR_NAMES, &names, error) ||
      !read_rows (store, TRI_STORE_ROWS_SOURCES, &sources, error) ||
      !read_rows (store, TRI_STORE_ROWS_SOURCE_TEXTS, &source_texts, error) ||
      !read_rows (store, TRI_STORE_ROWS_EVENTS, &events, error) ||
      !read_rows (store, TRI_STORE_ROWS_EVENT_TEXTS, &event_texts, error) ||
      !read_rows (store, TRI_STORE_ROWS_EVENT_LINKS, &links, error) ||
      !read_rows (store, TRI_STORE_ROWS_QUOTES, &quotes, error) ||
      !read_rows (store, TRI_STORE_ROWS_QUOTE_TRANSLATIONS, &translations, error) ||
      !read_rows (store, TRI_STORE_ROWS_NOTES, &notes, error) ||
      !read_rows (store, TRI_STORE_ROWS_SLIDE_TEXTS, &slide_texts, error))
    return FALSE;
  /* a deck the store refuses (a file changed outside Trilateral) is left
   * out, and said to be, as the rest is written */
  decks = tri_store_get_decks (store, "en", &deck_error);
  if (decks != NULL && !tri_store_get_markings (store, &markings, &deck_error))
    g_clear_pointer (&decks, g_ptr_array_unref);

  name_index = index_rows (&names);
  source_index = index_rows (&source_texts);
  text_index = index_rows (&event_texts);
  link_index = index_rows (&links);
  translation_index = index_rows (&translations);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, 1);

  {
    /* the briefing's titles: rows of (lang, title), keyed as one */
    g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (LangText));

    for (guint i = 0; i < N_ROWS (titles); i++)
      {
        LangText t = { CELL (titles, i, 0), CELL (titles, i, 1) };
        if (t.lang != NULL && t.text != NULL)
          g_array_append_val (list, t);
      }
    g_array_sort (list, compare_lang_texts);
    json_builder_set_member_name (b, "title");
    json_builder_begin_object (b);
    for (guint i = 0; i < list->len; i++)
      {
        json_builder_set_member_name (b, g_array_index (list, LangText, i).lang);
        json_builder_add_string_value (b, g_array_index (list, LangText, i).text);
      }
    json_builder_end_object (b);
  }

  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < N_ROWS (sources); i++)
    {
      const char *authors = CELL (sources, i, 4);

      json_builder_begin_object (b);
      add_string (b, "id", CELL (sources, i, 0));
      add_string (b, "file", CELL (sources, i, 7));
      add_string (b, "kind", CELL (sources, i, 1));
      add_string (b, "title", CELL (sources, i, 2));
      add_string (b, "outlet", CELL (sources, i, 3));
      json_builder_set_member_name (b, "authors");
      json_builder_begin_array (b);
      if (authors != NULL && *authors != '\0')
        {
          g_auto(GStrv) each = g_strsplit (authors, ", ", -1);
          for (guint k = 0; each[k]; k++)
            json_builder_add_string_value (b, each[k]);
        }
      json_builder_end_array (b);
      add_string (b, "language", CELL (sources, i, 5));
      add_string (b, "date", CELL (sources, i, 6));
      add_string (b, "reliability", CELL (sources, i, 8));
      add_indexed_texts (b, "description", &source_texts, source_index, CELL (sources, i, 0), 2);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "actors");
  json_builder_begin_array (b);
  for (guint i = 0; i < N_ROWS (actors); i++)
    {
      json_builder_begin_object (b);
      add_string (b, "code", CELL (actors, i, 0));
      add_string (b, "color", CELL (actors, i, 1));
      add_indexed_texts (b, "name", &names, name_index, CELL (actors, i, 0), 2);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = 0; i < N_ROWS (events); i++)
    {
      const char *id = CELL (events, i, 0);
      GPtrArray *mine = id ? g_hash_table_lookup (link_index, id) : NULL;

      json_builder_begin_object (b);
      add_int (b, "id", id);
      add_string (b, "date", CELL (events, i, 1));
      add_string (b, "category", CELL (events, i, 2));
      add_string (b, "confidence", CELL (events, i, 3));
      add_indexed_texts (b, "claimed_by", &event_texts, text_index, id, 4);
      add_indexed_texts (b, "title", &event_texts, text_index, id, 2);
      add_indexed_texts (b, "summary", &event_texts, text_index, id, 3);
      json_builder_set_member_name (b, "relations");
      json_builder_begin_array (b);
      {
        /* by relation code: the same order whatever ids the file gave its relations */
        g_autoptr(GPtrArray) order = g_ptr_array_new ();
        LinkOrder by = { store, &links };

        for (guint k = 0; mine != NULL && k < mine->len; k++)
          g_ptr_array_add (order, mine->pdata[k]);
        g_ptr_array_sort_with_data (order, compare_links, &by);
        for (guint k = 0; k < order->len; k++)
          {
            guint row = GPOINTER_TO_UINT (order->pdata[k]);

            json_builder_begin_object (b);
            add_string (b, "relation", link_code (store, &links, row));
            add_string (b, "stance", CELL (links, row, 2));
            add_int (b, "weight", CELL (links, row, 3));
            json_builder_end_object (b);
          }
      }
      json_builder_end_array (b);
      json_builder_end_object (b);
      if (CELL (events, i, 4) != NULL)
        n_labels++;
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "quotes");
  json_builder_begin_array (b);
  for (guint i = 0; i < N_ROWS (quotes); i++)
    {
      json_builder_begin_object (b);
      add_int (b, "id", CELL (quotes, i, 0));
      add_string (b, "source", CELL (quotes, i, 1));
      add_int (b, "offset", CELL (quotes, i, 2));
      add_string (b, "text", CELL (quotes, i, 3));
      add_indexed_texts (b, "translation", &translations, translation_index, CELL (quotes, i, 0), 2);
      add_string (b, "relation",
                  tri_formats_relation_code (store, g_ascii_strtoll (CELL (quotes, i, 4) ? CELL (quotes, i, 4) : "0", NULL, 10)));
      add_int (b, "event", CELL (quotes, i, 5));
      add_string (b, "claim", CELL (quotes, i, 6));
      add_int (b, "credibility", CELL (quotes, i, 7));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (decks != NULL)
    {
      add_markings (b, &markings);
      if (decks->len > 0)
        add_decks (b, decks, &slide_texts);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');

  if (n_labels > 0)
    {
      g_autofree char *s = g_strdup_printf ("%u imported date wordings (date_label)", n_labels);
      tri_formats_lost (lost, s);
    }
  if (N_ROWS (notes) > 0)
    {
      g_autofree char *s = g_strdup_printf ("%u notes from an imported file", N_ROWS (notes));
      tri_formats_lost (lost, s);
    }
  if (deck_error != NULL)
    {
      g_autofree char *s = g_strdup_printf ("the decks and markings (%s)", deck_error->message);
      tri_formats_lost (lost, s);
    }
  (void) request;
  return TRUE;
}
