/* tri-missing.c: the text fields a briefing lacks in each language
 *
 * The l10n tests' idea, for data: per language, every title, name,
 * summary, claimed-by, description and quote translation that has no
 * value in it, with what it belongs to. A title or name is missing
 * wherever it is not written; a summary, claimed-by or description only
 * where another language has one (they are optional); a quote's
 * translation in every language but its source's own.
 *
 * The same rows are read from a hardened store (tri_store_read_rows()) or
 * from an SQLite connection (an editable document's), so the window and
 * the command line list the same things.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-missing"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tri-date.h"
#include "tri-missing.h"

static const char * const languages[TRI_MISSING_N_LANGS + 1] = { "en", "vi", "ru", "zh_CN", "ko", NULL };

/**
 * tri_missing_languages:
 *
 * Returns: (transfer none): the five languages a briefing is written in,
 *   %NULL-terminated, in the order the window lists them
 */
const char * const *
tri_missing_languages (void)
{
  return languages;
}

const char *
tri_missing_kind_to_string (TriMissingKind kind)
{
  switch (kind)
    {
    case TRI_MISSING_BRIEFING: return "briefing";
    case TRI_MISSING_ACTOR: return "actor";
    case TRI_MISSING_EVENT: return "event";
    case TRI_MISSING_SOURCE: return "source";
    case TRI_MISSING_QUOTE: return "quote";
    default: return "unknown";
    }
}

/* the tables read, in the columns tri_store_read_rows() gives */
enum { T_TITLES, T_ACTORS, T_ACTOR_NAMES, T_SOURCES, T_SOURCE_TEXTS, T_EVENTS, T_EVENT_TEXTS,
       T_QUOTES, T_QUOTE_TRANSLATIONS, N_TABLES };

static const TriStoreRows store_rows[N_TABLES] = {
  TRI_STORE_ROWS_TITLES, TRI_STORE_ROWS_ACTORS, TRI_STORE_ROWS_ACTOR_NAMES,
  TRI_STORE_ROWS_SOURCES, TRI_STORE_ROWS_SOURCE_TEXTS, TRI_STORE_ROWS_EVENTS,
  TRI_STORE_ROWS_EVENT_TEXTS, TRI_STORE_ROWS_QUOTES, TRI_STORE_ROWS_QUOTE_TRANSLATIONS,
};

static const char * const db_sql[N_TABLES] = {
  "SELECT lang, title FROM briefing ORDER BY lang",
  "SELECT code, color, rank FROM actor ORDER BY rank, code",
  "SELECT actor, lang, name FROM actor_name ORDER BY actor, lang",
  "SELECT id, kind, title, outlet, authors, language, date, file FROM source ORDER BY rowid",
  "SELECT source, lang, description FROM source_text ORDER BY source, lang",
  "SELECT id, date, category, confidence, date_label FROM event ORDER BY id",
  "SELECT event, lang, title, summary, claimed_by FROM event_text ORDER BY event, lang",
  "SELECT id, source, char_offset, text, relation, event, claim FROM quote ORDER BY id",
  "SELECT quote, lang, text FROM quote_translation ORDER BY quote, lang",
};

typedef struct
{
  GPtrArray *cells[N_TABLES];
  guint      n_columns[N_TABLES];
} Tables;

static void
tables_clear (Tables *t)
{
  for (int i = 0; i < N_TABLES; i++)
    g_clear_pointer (&t->cells[i], g_ptr_array_unref);
}

#define CELL(t, table, row, col) \
  ((const char *) g_ptr_array_index ((t)->cells[table], (row) * (t)->n_columns[table] + (col)))
#define N_ROWS(t, table) ((t)->cells[table]->len / MAX ((t)->n_columns[table], 1))

static void
missing_free (gpointer data)
{
  TriMissing *m = data;

  g_free (m->id);
  g_free (m->belongs_to);
  g_free (m);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* Texts per owner: owner id -> (lang -> text), for one column */
static GHashTable *
index_texts (const Tables *t,
             int           table,
             int           owner_col,
             int           lang_col,
             int           text_col)
{
  GHashTable *owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_hash_table_unref);

  for (guint r = 0; r < N_ROWS (t, table); r++)
    {
      const char *owner = CELL (t, table, r, owner_col);
      const char *lang = CELL (t, table, r, lang_col);
      const char *text = CELL (t, table, r, text_col);
      GHashTable *texts;

      if (owner == NULL || lang == NULL || !has_text (text))
        continue;
      texts = g_hash_table_lookup (owners, owner);
      if (texts == NULL)
        {
          texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (owners, g_strdup (owner), texts);
        }
      /* a file's own spelling of a language ("vi_VN") counts as it */
      g_hash_table_insert (texts, g_strdup (tri_lang_normalize (lang)), (gpointer) text);
    }
  return owners;
}

/* English, else the first of the five, else any */
static const char *
first_text (GHashTable *texts)
{
  GHashTableIter iter;
  gpointer value;

  if (texts == NULL)
    return NULL;
  for (int i = 0; languages[i] != NULL; i++)
    if ((value = g_hash_table_lookup (texts, languages[i])) != NULL)
      return value;
  g_hash_table_iter_init (&iter, texts);
  if (g_hash_table_iter_next (&iter, NULL, &value))
    return value;
  return NULL;
}

static gboolean
has_lang (GHashTable *owners,
          const char *owner,
          const char *lang)
{
  GHashTable *texts = g_hash_table_lookup (owners, owner);

  return texts != NULL && g_hash_table_contains (texts, lang);
}

static void
add (GPtrArray      *out,
     const char     *lang,
     TriMissingKind  kind,
     const char     *id,
     const char     *field,
     const char     *belongs_to)
{
  TriMissing *m = g_new0 (TriMissing, 1);

  m->lang = g_intern_string (lang);
  m->kind = kind;
  m->id = g_strdup (id);
  m->field = field;
  m->belongs_to = g_strdup (belongs_to ? belongs_to : "");
  g_ptr_array_add (out, m);
}

static GPtrArray *
list_missing (const Tables *t,
              const char   *only_lang)
{
  g_autoptr(GHashTable) names = index_texts (t, T_ACTOR_NAMES, 0, 1, 2);
  g_autoptr(GHashTable) descriptions = index_texts (t, T_SOURCE_TEXTS, 0, 1, 2);
  g_autoptr(GHashTable) event_titles = index_texts (t, T_EVENT_TEXTS, 0, 1, 2);
  g_autoptr(GHashTable) summaries = index_texts (t, T_EVENT_TEXTS, 0, 1, 3);
  g_autoptr(GHashTable) claims = index_texts (t, T_EVENT_TEXTS, 0, 1, 4);
  g_autoptr(GHashTable) translations = index_texts (t, T_QUOTE_TRANSLATIONS, 0, 1, 2);
  g_autoptr(GHashTable) source_titles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) source_langs = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new_with_free_func (missing_free);
  GHashTable *briefing_titles;

  /* the briefing's titles, as one owner whatever their rows say */
  briefing_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 0; r < N_ROWS (t, T_TITLES); r++)
    if (CELL (t, T_TITLES, r, 0) != NULL && has_text (CELL (t, T_TITLES, r, 1)))
      g_hash_table_insert (briefing_titles, g_strdup (tri_lang_normalize (CELL (t, T_TITLES, r, 0))),
                           (gpointer) CELL (t, T_TITLES, r, 1));

  for (guint r = 0; r < N_ROWS (t, T_SOURCES); r++)
    if (CELL (t, T_SOURCES, r, 0) != NULL)
      {
        g_hash_table_insert (source_titles, (gpointer) CELL (t, T_SOURCES, r, 0),
                             (gpointer) CELL (t, T_SOURCES, r, 2));
        g_hash_table_insert (source_langs, (gpointer) CELL (t, T_SOURCES, r, 0),
                             (gpointer) tri_lang_normalize (CELL (t, T_SOURCES, r, 5)));
      }

  for (int l = 0; languages[l] != NULL; l++)
    {
      const char *lang = languages[l];

      if (only_lang != NULL && !g_str_equal (only_lang, lang))
        continue;

      if (!g_hash_table_contains (briefing_titles, lang))
        add (out, lang, TRI_MISSING_BRIEFING, "", "title", first_text (briefing_titles));

      for (guint r = 0; r < N_ROWS (t, T_ACTORS); r++)
        {
          const char *code = CELL (t, T_ACTORS, r, 0);
          const char *name;

          if (code == NULL || has_lang (names, code, lang))
            continue;
          name = first_text (g_hash_table_lookup (names, code));
          add (out, lang, TRI_MISSING_ACTOR, code, "name", name ? name : code);
        }

      for (guint r = 0; r < N_ROWS (t, T_EVENTS); r++)
        {
          const char *id = CELL (t, T_EVENTS, r, 0);
          const char *title;

          if (id == NULL)
            continue;
          title = first_text (g_hash_table_lookup (event_titles, id));
          if (!has_lang (event_titles, id, lang))
            add (out, lang, TRI_MISSING_EVENT, id, "title", title);
          if (g_hash_table_contains (summaries, id) && !has_lang (summaries, id, lang))
            add (out, lang, TRI_MISSING_EVENT, id, "summary", title);
          if (g_hash_table_contains (claims, id) && !has_lang (claims, id, lang))
            add (out, lang, TRI_MISSING_EVENT, id, "claimed_by", title);
        }

      for (guint r = 0; r < N_ROWS (t, T_SOURCES); r++)
        {
          const char *id = CELL (t, T_SOURCES, r, 0);

          if (id != NULL && g_hash_table_contains (descriptions, id) && !has_lang (descriptions, id, lang))
            add (out, lang, TRI_MISSING_SOURCE, id, "description", CELL (t, T_SOURCES, r, 2));
        }

      for (guint r = 0; r < N_ROWS (t, T_QUOTES); r++)
        {
          const char *id = CELL (t, T_QUOTES, r, 0);
          const char *source = CELL (t, T_QUOTES, r, 1);
          const char *event = CELL (t, T_QUOTES, r, 5);
          const char *own = source ? g_hash_table_lookup (source_langs, source) : NULL;
          const char *what = NULL;

          if (id == NULL || g_strcmp0 (own, lang) == 0 || has_lang (translations, id, lang))
            continue;
          if (event != NULL)
            what = first_text (g_hash_table_lookup (event_titles, event));
          if (what == NULL && source != NULL)
            what = g_hash_table_lookup (source_titles, source);
          add (out, lang, TRI_MISSING_QUOTE, id, "translation", what);
        }
    }

  g_hash_table_unref (briefing_titles);
  return out;
}

static gboolean
check_lang (const char  *lang,
            GError     **error)
{
  if (lang == NULL || g_strv_contains (languages, lang))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: the language codes are as typed on the command line */
               _("“%s” is not one of the briefing’s languages: en, vi, ru, zh_CN or ko"), lang);
  return FALSE;
}

/**
 * tri_missing_from_store:
 * @lang: (nullable): one of tri_missing_languages(), or %NULL for all five
 *
 * Returns: (transfer full) (element-type TriMissing): the fields with no
 *   value, language after language, then briefing, actors, events,
 *   sources and quotes in the file's order; %NULL when a read failed or
 *   @lang is not one of the five
 */
GPtrArray *
tri_missing_from_store (TriStore    *store,
                        const char  *lang,
                        GError     **error)
{
  Tables t = { 0 };
  GPtrArray *out;

  g_return_val_if_fail (TRI_IS_STORE (store), NULL);

  if (!check_lang (lang, error))
    return NULL;
  for (int i = 0; i < N_TABLES; i++)
    if ((t.cells[i] = tri_store_read_rows (store, store_rows[i], &t.n_columns[i], error)) == NULL)
      {
        tables_clear (&t);
        return NULL;
      }
  out = list_missing (&t, lang);
  tables_clear (&t);
  return out;
}

/**
 * tri_missing_from_db:
 * @db: a connection to a briefing (such as tri_document_get_db()'s)
 * @lang: (nullable): one of tri_missing_languages(), or %NULL for all five
 *
 * Like tri_missing_from_store(), reading through @db.
 */
GPtrArray *
tri_missing_from_db (sqlite3     *db,
                     const char  *lang,
                     GError     **error)
{
  Tables t = { 0 };
  GPtrArray *out;

  g_return_val_if_fail (db != NULL, NULL);

  if (!check_lang (lang, error))
    return NULL;
  for (int i = 0; i < N_TABLES; i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc, n;

      t.cells[i] = g_ptr_array_new_with_free_func (g_free);
      rc = sqlite3_prepare_v2 (db, db_sql[i], -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          n = sqlite3_column_count (stmt);
          t.n_columns[i] = (guint) n;
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            for (int c = 0; c < n; c++)
              {
                const char *text = (const char *) sqlite3_column_text (stmt, c);

                g_ptr_array_add (t.cells[i], text ? g_utf8_make_valid (text, sqlite3_column_bytes (stmt, c)) : NULL);
              }
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ,
                       _("The briefing could not be read: %s"), sqlite3_errstr (rc));
          tables_clear (&t);
          return NULL;
        }
    }
  out = list_missing (&t, lang);
  tables_clear (&t);
  return out;
}

/**
 * tri_missing_count:
 * @lang: (nullable): a language, or %NULL for all
 *
 * Returns: how many of @missing are in @lang
 */
guint
tri_missing_count (GPtrArray  *missing,
                   const char *lang)
{
  guint n = 0;

  for (guint i = 0; i < missing->len; i++)
    if (lang == NULL || g_str_equal (((TriMissing *) missing->pdata[i])->lang, lang))
      n++;
  return n;
}
