/* tri-search.c: find any word of a briefing, in any of its languages
 *
 * The index is an in-memory SQLite database of our own with one FTS5
 * table, built from the briefing's texts on a connection of its own: a
 * briefing never brings its own index, so a hostile file cannot hand us
 * one. What is indexed is our fold of each text (tri_search_fold: lower
 * case, no diacritics, đ → d, ё → е), with each run of Han, Hangul or Kana
 * written out as its overlapping pairs of characters (and its last
 * character alone): FTS5's unicode61 tokenizer then finds two-character
 * words such as 普京 or 푸틴 as single tokens, and longer runs as all of
 * their pairs. A candidate is then checked against the folded text itself
 * (every word at the start of a word, every Han or Hangul run as a
 * substring), which is also where the marks for highlighting come from.
 *
 * A build reads and folds the briefing on one thread of its own while
 * another writes the FTS5 tables (both yield to the window's thread), and
 * the texts go to the reading thread's own in-memory database, attached to
 * the index's when done; the previous index answers until then.
 *
 * Queries never reach FTS5 as syntax: the words typed are cut into
 * letters and digits and each is quoted, so "NEAR(", "*", "-", "^" or an
 * unbalanced quote are only separators.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-search"
#define _GNU_SOURCE   /* RUSAGE_THREAD */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tri-date.h"
#include "tri-search.h"
#include "tri-store.h"

#define KIND_SHIFT 40
#define MAX_CANDIDATES 400     /* per kind: the most recent, ranked among themselves (BENCHMARKS.md) */
#define MAX_TERMS 32
#define MAX_TERM_BYTES 256
#define MAX_MARKS 32
#define CONTEXT_CHARS 160
#define CONTEXT_BEFORE 50

struct _TriSearch
{
  GObject      parent_instance;

  char        *path;
  GMutex       lock;          /* guards index, identity, next */
  sqlite3     *index;         /* NULL until built */
  char        *texts_dir;     /* the folder of the index's texts, while it lives */
  const char  *doc_schema;    /* the database of its doc table: "main" or "docs" */
  gboolean     updatable;     /* builds index doc for tri_search_update_events () */
  struct stat  identity;      /* the file the index was built from */
  gint64       next[TRI_SEARCH_N_KINDS];   /* the next rowid of each kind, for an update */
};

G_DEFINE_FINAL_TYPE (TriSearch, tri_search, G_TYPE_OBJECT)

static const char * const kind_names[] = { "event", "quote", "source", "actor" };

const char *
tri_search_kind_to_string (TriSearchKind kind)
{
  g_return_val_if_fail (kind < TRI_SEARCH_N_KINDS, NULL);
  return kind_names[kind];
}

void
tri_search_result_free (TriSearchResult *result)
{
  if (result == NULL)
    return;
  g_free (result->key);
  g_free (result->date);
  g_free (result->lang);
  g_free (result->field);
  g_free (result->context);
  g_free (result->marks);
  g_free (result);
}

static void remove_texts_dir (const char *dir);

static void
tri_search_finalize (GObject *object)
{
  TriSearch *self = TRI_SEARCH (object);

  g_clear_pointer (&self->index, sqlite3_close);
  if (self->texts_dir != NULL)
    remove_texts_dir (self->texts_dir);
  g_free (self->texts_dir);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  G_OBJECT_CLASS (tri_search_parent_class)->finalize (object);
}

static void
tri_search_class_init (TriSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tri_search_finalize;
}

static void
tri_search_init (TriSearch *self)
{
  g_mutex_init (&self->lock);
}

TriSearch *
tri_search_new (const char *briefing_path)
{
  TriSearch *self;

  g_return_val_if_fail (briefing_path != NULL, NULL);

  self = g_object_new (TRI_TYPE_SEARCH, NULL);
  self->path = g_canonicalize_filename (briefing_path, NULL);
  return self;
}

/* The briefing will be edited (tri_search_update_events ()): builds from
 * now on index what an update looks its rows up by; without, the first
 * update does */
void
tri_search_set_updatable (TriSearch *self,
                          gboolean   updatable)
{
  g_return_if_fail (TRI_IS_SEARCH (self));

  g_mutex_lock (&self->lock);
  self->updatable = updatable;
  g_mutex_unlock (&self->lock);
}

const char *
tri_search_get_path (TriSearch *self)
{
  g_return_val_if_fail (TRI_IS_SEARCH (self), NULL);
  return self->path;
}

/* This thread's CPU time, for the debug messages a benchmark reads */
static double
thread_cpu_ms (void)
{
#ifdef RUSAGE_THREAD
  struct rusage u;

  if (getrusage (RUSAGE_THREAD, &u) == 0)
    return u.ru_utime.tv_sec * 1e3 + u.ru_utime.tv_usec / 1e3 +
           u.ru_stime.tv_sec * 1e3 + u.ru_stime.tv_usec / 1e3;
#endif
  return 0;
}

/* ---- folding ---- */

static gboolean
is_cjk (gunichar c)
{
  if (c < 0x1100)
    return FALSE;
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
      return g_unichar_isalnum (c);
    default:
      return FALSE;
    }
}

/* 0: not part of a word; 1: a letter or digit of an alphabetic word; 2: Han, Hangul, Kana */
static int
word_class (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c) ? 1 : 0;
  if (is_cjk (c))
    return 2;
  return g_unichar_isalnum (c) ? 1 : 0;
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType t = g_unichar_type (c);

  return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
         t == G_UNICODE_ENCLOSING_MARK;
}

static void
fold_char (gunichar  c,
           GString  *out)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (c < 0x80)
    {
      g_string_append_c (out, g_ascii_tolower ((char) c));
      return;
    }
  /* Hangul syllables decompose into jamo: keep them whole */
  if (c >= 0xAC00 && c <= 0xD7A3)
    {
      g_string_append_unichar (out, c);
      return;
    }
  /* đ and Đ are letters of their own to Unicode, not d with a mark */
  if (c == 0x0111 || c == 0x0110)
    {
      g_string_append_c (out, 'd');
      return;
    }
  if (is_mark (c))
    return;
  c = g_unichar_tolower (c);
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    if (!is_mark (decomposed[i]))
      g_string_append_unichar (out, decomposed[i]);
}

/* The fold of each character below U+2000 (Latin, Vietnamese, Cyrillic),
 * worked out once: most of the text folded is there */
#define FOLD_TABLE_SIZE 0x2000
typedef struct
{
  guint8 len;
  guint8 cjk;        /* the fold has Han, Hangul or Kana (the Hangul jamo) */
  char   bytes[14];
} Folded;

static const Folded *
fold_table (void)
{
  static Folded *table;

  if (g_once_init_enter (&table))
    {
      Folded *t = g_new0 (Folded, FOLD_TABLE_SIZE);
      GString *one = g_string_new (NULL);

      for (gunichar c = 1; c < FOLD_TABLE_SIZE; c++)
        {
          g_string_truncate (one, 0);
          fold_char (c, one);
          g_assert (one->len < sizeof t[c].bytes);
          t[c].len = (guint8) one->len;
          memcpy (t[c].bytes, one->str, one->len);
          for (const char *q = one->str; *q; q = g_utf8_next_char (q))
            t[c].cjk |= is_cjk (g_utf8_get_char (q));
        }
      g_string_free (one, TRUE);
      g_once_init_leave (&table, t);
    }
  return table;
}

char *
tri_search_fold (const char *text,
                 GArray     *map)
{
  const Folded *table = fold_table ();

  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 8);
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80 && map == NULL)
        {
          char ch = *p;
          g_string_append_c (out, (ch >= 'A' && ch <= 'Z') ? ch + ('a' - 'A') : ch);
          continue;
        }
      gsize before = out->len;
      guint offset = (guint) (p - text);
      gunichar c = g_utf8_get_char (p);

      if (c < FOLD_TABLE_SIZE)
        g_string_append_len (out, table[c].bytes, table[c].len);
      else
        fold_char (c, out);
      if (map != NULL)
        for (gsize i = before; i < out->len; i++)
          g_array_append_val (map, offset);
    }
  if (map != NULL)
    {
      guint end = (guint) (p - text);
      g_array_append_val (map, end);
    }
  return g_string_free (out, FALSE);
}

/* What FTS5 tokenizes: the fold, each run of Han, Hangul or Kana written
 * as its pairs and its last character, each a word of its own */
static char *
index_body (const char *folded)
{
  GString *out = g_string_sized_new (strlen (folded) * 2 + 8);
  const char *p = folded;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);

      if ((guchar) *p < 0x80)
        {
          gsize n = 1;

          while ((guchar) p[n] < 0x80 && p[n] != '\0')
            n++;
          g_string_append_len (out, p, n);
          p += n;
          continue;
        }
      if (!is_cjk (c))
        {
          const char *next = g_utf8_next_char (p);
          g_string_append_len (out, p, next - p);
          p = next;
          continue;
        }

      /* a run: p .. end */
      {
        const char *end = p;
        const char *a = p;

        while (*end && is_cjk (g_utf8_get_char (end)))
          end = g_utf8_next_char (end);
        g_string_append_c (out, ' ');
        for (; a < end; a = g_utf8_next_char (a))
          {
            const char *b = g_utf8_next_char (a);
            const char *c2 = b < end ? g_utf8_next_char (b) : b;

            g_string_append_len (out, a, c2 - a);
            g_string_append_c (out, ' ');
          }
        p = end;
      }
    }
  return g_string_free (out, FALSE);
}

/* The length of the UTF-8 character at p (before end), 0 when it is not
 * one: overlong, a surrogate, above U+10FFFF or cut short */
static inline guint
utf8_length (const guchar *p,
             const guchar *end)
{
  gsize room = end - p;

  if (*p >= 0xc2 && *p <= 0xdf)
    return room >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
  if (*p >= 0xe0 && *p <= 0xef)
    {
      guchar lo = *p == 0xe0 ? 0xa0 : 0x80, hi = *p == 0xed ? 0x9f : 0xbf;

      return room >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 ? 3 : 0;
    }
  if (*p >= 0xf0 && *p <= 0xf4)
    {
      guchar lo = *p == 0xf0 ? 0x90 : 0x80, hi = *p == 0xf4 ? 0x8f : 0xbf;

      return room >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 &&
             (p[3] & 0xc0) == 0x80 ? 4 : 0;
    }
  return 0;
}

/* What FTS5 tokenizes of text[0, len) into out, in one pass: index_body
 * (tri_search_fold (text)), which it falls back to only for a text with
 * Han, Hangul or Kana in it. FALSE, and out empty: text is not UTF-8 (the
 * store refuses such text; a file can still hold it) */
static gboolean
index_text (const char *text,
            gsize       len,
            GString    *out)
{
  const Folded *table = fold_table ();
  const guchar *p = (const guchar *) text, *end = p + len;
  g_autoptr(GString) one = NULL;
  gboolean cjk = FALSE;
  char *o;

  /* no character folds to more than 14 bytes (the table), nor above it
   * (fold_char: at most 4 characters of 4 bytes each, checked below) */
  g_string_set_size (out, 0);
  g_string_set_size (out, len + 32);
  o = out->str;
  while (p < end)
    {
      gunichar c;
      gsize room = out->len - (o - out->str);

      if (room < 32)
        {
          gsize at = o - out->str;

          g_string_set_size (out, out->len * 2 + 32);
          o = out->str + at;
        }
      if (*p < 0x80)
        {
          *o++ = (*p >= 'A' && *p <= 'Z') ? *p + ('a' - 'A') : *p;
          p++;
          continue;
        }
      switch (utf8_length (p, end))
        {
        case 2:
          c = ((gunichar) (*p & 0x1f) << 6) | (p[1] & 0x3f);
          p += 2;
          break;
        case 3:
          c = ((gunichar) (*p & 0x0f) << 12) | ((gunichar) (p[1] & 0x3f) << 6) | (p[2] & 0x3f);
          p += 3;
          break;
        case 4:
          c = ((gunichar) (*p & 0x07) << 18) | ((gunichar) (p[1] & 0x3f) << 12) |
              ((gunichar) (p[2] & 0x3f) << 6) | (p[3] & 0x3f);
          p += 4;
          break;
        default:
          g_string_truncate (out, 0);
          return FALSE;
        }
      if (c < FOLD_TABLE_SIZE)
        {
          memcpy (o, table[c].bytes, sizeof table[c].bytes);
          o += table[c].len;
          cjk |= table[c].cjk;
        }
      else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3))
        {
          /* Han (no case, no decomposition) and Hangul syllables (kept whole) */
          o += g_unichar_to_utf8 (c, o);
          cjk = TRUE;
        }
      else
        {
          if (one == NULL)
            one = g_string_new (NULL);
          g_string_truncate (one, 0);
          fold_char (c, one);
          if (one->len > 16)
            g_string_truncate (one, 16);   /* never (no decomposition is that long) */
          memcpy (o, one->str, one->len);
          o += one->len;
          cjk |= is_cjk (c);
        }
    }
  g_string_truncate (out, o - out->str);
  if (cjk)
    {
      g_autofree char *body = index_body (out->str);

      g_string_assign (out, body);
    }
  return TRUE;
}

/* ---- opening ---- */

static void
set_sql_error (GError     **error,
               sqlite3     *db,
               const char  *path)
{
  g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_FAILED,
               /* Translators: %s is a file name, then SQLite's own words */
               _("“%s” could not be searched: %s"), path,
               db != NULL ? sqlite3_errmsg (db) : "out of memory");
}

static sqlite3 *
open_briefing (const char  *path,
               GError     **error)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, error);
  g_autofree char *full = NULL;
  sqlite3 *db = NULL;

  if (uri == NULL)
    return NULL;
  full = g_strconcat (uri, "?mode=ro", NULL);
  if (sqlite3_open_v2 (full, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      set_sql_error (error, db, path);
      sqlite3_close (db);
      return NULL;
    }
  /* as the store reads someone else's file */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  /* a cache for the texts read in date order, 8 MiB at most: 64 MiB was
   * no faster at 100,000 events and held 64 MB more at a million
   * (BENCHMARKS.md) */
  sqlite3_exec (db, "PRAGMA mmap_size = 0; PRAGMA cell_size_check = ON; PRAGMA cache_size = -8192;",
                NULL, NULL, NULL);
  return db;
}

/* The things found and their texts; a build on two threads fills it on the
 * reading thread's own database, attached to the index's when done */
static const char doc_schema[] =
  "PRAGMA journal_mode = OFF;"
  "PRAGMA synchronous = OFF;"
  "CREATE TABLE doc ("
  "  id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, ref INTEGER, key TEXT, event INTEGER,"
  "  day INTEGER, date TEXT, lang TEXT, field TEXT, text TEXT NOT NULL);";
/* What an update finds the rows of an event by: a briefing no one edits
 * goes without (a quarter of a second at 100,000 events, BENCHMARKS.md) */
#define DOC_INDEXES(schema) \
  "CREATE INDEX IF NOT EXISTS " schema ".doc_by_ref ON doc (kind, ref);" \
  "CREATE INDEX IF NOT EXISTS " schema ".doc_by_event ON doc (event) WHERE kind = 1;"

static const char index_schema[] =
  "PRAGMA journal_mode = OFF;"
  "PRAGMA synchronous = OFF;"
  /* a table per kind: FTS5 skips to a rowid by reading every entry of the
   * doclist before it, so one table with a range per kind cost the quotes'
   * query the scan of every event's (measured: BENCHMARKS.md, "Search") */
#define FTS_TABLE(n) \
  "CREATE VIRTUAL TABLE fts" #n " USING fts5 (f0, f1, f2, content = '', detail = full," \
  "  tokenize = 'unicode61 remove_diacritics 0');" \
  "INSERT INTO fts" #n " (fts" #n ", rank) VALUES ('pgsz', 4050);" \
  "INSERT INTO fts" #n " (fts" #n ", rank) VALUES ('automerge', 0);" \
  "INSERT INTO fts" #n " (fts" #n ", rank) VALUES ('crisismerge', 64);"
  FTS_TABLE (0) FTS_TABLE (1) FTS_TABLE (2) FTS_TABLE (3);

/* A row of the index, made ready (joined, folded) before it is written */
typedef struct
{
  TriSearchKind kind;
  gint64        id;
  gint64        ref;
  gint64        event;
  gint64        day;
  GString      *strings[4];     /* key, date, lang, and the fields joined */
  gboolean      set[4];         /* FALSE: that string is NULL */
  GString      *bodies[3];      /* what FTS5 tokenizes of each field */
  gboolean      has_body[3];
} Row;

/* A build reads and folds on a thread of its own while another writes the
 * rows it made (BENCHMARKS.md, "Search"): batches of rows go to the
 * writing thread through full and come back through empty */
#define BATCH_ROWS 256
#define N_BATCHES 8
typedef struct
{
  guint n;
  Row   rows[BATCH_ROWS];
} Batch;

typedef struct
{
  GAsyncQueue *full;
  GAsyncQueue *empty;
  Batch       *current;    /* the reader's, being filled */
  int          stop;       /* atomic: the writer failed, stop reading */
} Pipe;

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *doc;
  sqlite3_stmt *fts[TRI_SEARCH_N_KINDS];
  gint64       *next;
  gboolean      descending;
  Row           row;        /* without a pipe: the row being written */
  Pipe         *pipe;       /* the reader of a build: rows go there */
} Writer;

/* The fields of each kind, in the order a row of the index joins them
 * (with FIELD_SEP between them): one row per thing and language, a third
 * of the rows of one per field (measured: BENCHMARKS.md) */
#define FIELD_SEP '\x1f'
static const char * const kind_fields[TRI_SEARCH_N_KINDS][3] = {
  { "title", "summary", "claimed_by" },
  { "text", NULL, NULL },
  { "title", "outlet", "authors" },
  { "name", NULL, NULL },
};

static void
row_init (Row *r)
{
  for (guint i = 0; i < 4; i++)
    r->strings[i] = g_string_sized_new (i == 3 ? 1024 : 16);
  for (guint i = 0; i < 3; i++)
    r->bodies[i] = g_string_sized_new (1024);
}

static void
row_clear (Row *r)
{
  for (guint i = 0; i < 4; i++)
    if (r->strings[i] != NULL)
      g_string_free (g_steal_pointer (&r->strings[i]), TRUE);
  for (guint i = 0; i < 3; i++)
    if (r->bodies[i] != NULL)
      g_string_free (g_steal_pointer (&r->bodies[i]), TRUE);
}

/* A row's fields (FIELD_SEP between them, each UTF-8) as the index's
 * columns, folded into bodies; has_body[i] FALSE: that column is NULL */
static void
fold_fields (const char *text,
             GString   **bodies,
             gboolean   *has_body)
{
  const char *p = text;

  for (int i = 0; i < 3; i++)
    {
      const char *sep = p != NULL ? strchr (p, FIELD_SEP) : NULL;

      has_body[i] = p != NULL;
      if (p == NULL)
        continue;
      (void) index_text (p, sep != NULL ? (gsize) (sep - p) : strlen (p), bodies[i]);
      p = sep != NULL ? sep + 1 : NULL;
    }
}

/* bodies: the caller's, alive until the statement is stepped */
static void
bind_bodies (sqlite3_stmt *stmt,
             int           first,
             GString     **bodies,
             gboolean     *has_body)
{
  for (int i = 0; i < 3; i++)
    if (has_body[i])
      sqlite3_bind_text (stmt, first + i, bodies[i]->str, (int) bodies[i]->len, SQLITE_STATIC);
    else
      sqlite3_bind_null (stmt, first + i);
}

static void
set_string (Row        *r,
            guint       i,
            const char *value)
{
  r->set[i] = value != NULL;
  g_string_assign (r->strings[i], value != NULL ? value : "");
}

/* Makes r ready; FALSE when there is nothing to find in it */
static gboolean
row_prepare (Writer        *w,
             Row           *r,
             TriSearchKind  kind,
             gint64         ref,
             const char    *key,
             gint64         event,
             gint64         day,
             const char    *date,
             const char    *lang,
             const char    *a,
             const char    *b,
             const char    *c)
{
  const char *parts[3] = { a, b, c };
  GString *joined = r->strings[3];
  gboolean any = FALSE;

  /* each field folded as it is joined (fold_fields, in one pass with the
   * check that it is UTF-8: text that is not has nothing to find in it) */
  g_string_truncate (joined, 0);
  for (guint i = 0; i < 3; i++)
    {
      gsize len;

      r->has_body[i] = kind_fields[kind][i] != NULL;
      g_string_truncate (r->bodies[i], 0);
      if (!r->has_body[i])
        continue;
      if (i > 0)
        g_string_append_c (joined, FIELD_SEP);
      if (parts[i] == NULL || (len = strlen (parts[i])) == 0 || !index_text (parts[i], len, r->bodies[i]))
        continue;
      g_string_append_len (joined, parts[i], len);
      any = TRUE;
    }
  if (!any)
    return FALSE;

  r->kind = kind;
  /* FTS5 reads a doclist fast in rowid order, and slowly backwards: the
   * rowids run from the newest. A build adds from the middle of the kind's
   * range upwards, newest first; each update below the lowest so far */
  r->id = ((gint64) kind << KIND_SHIFT) + (w->descending ? w->next[kind]-- : w->next[kind]++);
  r->ref = ref;
  r->event = event;
  r->day = day;
  set_string (r, 0, key);
  set_string (r, 1, date);
  set_string (r, 2, lang);
  r->set[3] = TRUE;
  return TRUE;
}

static void
bind_string (sqlite3_stmt *stmt,
             int           i,
             const Row    *r,
             guint         which)
{
  if (r->set[which])
    sqlite3_bind_text (stmt, i, r->strings[which]->str, (int) r->strings[which]->len, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, i);
}

static gboolean
row_write_doc (Writer *w,
               Row    *r)
{
  sqlite3_bind_int64 (w->doc, 1, r->id);
  sqlite3_bind_int (w->doc, 2, r->kind);
  sqlite3_bind_int64 (w->doc, 3, r->ref);
  bind_string (w->doc, 4, r, 0);
  sqlite3_bind_int64 (w->doc, 5, r->event);
  sqlite3_bind_int64 (w->doc, 6, r->day);
  bind_string (w->doc, 7, r, 1);
  bind_string (w->doc, 8, r, 2);
  sqlite3_bind_null (w->doc, 9);
  bind_string (w->doc, 10, r, 3);
  if (sqlite3_step (w->doc) != SQLITE_DONE)
    {
      sqlite3_reset (w->doc);
      return FALSE;
    }
  sqlite3_reset (w->doc);
  return TRUE;
}

static gboolean
row_write_fts (Writer *w,
               Row    *r)
{
  sqlite3_bind_int64 (w->fts[r->kind], 1, r->id);
  bind_bodies (w->fts[r->kind], 2, r->bodies, r->has_body);
  if (sqlite3_step (w->fts[r->kind]) != SQLITE_DONE)
    {
      sqlite3_reset (w->fts[r->kind]);
      return FALSE;
    }
  sqlite3_reset (w->fts[r->kind]);
  return TRUE;
}

/* Without a pipe, writes the row; with one, hands it to the writer.
 * FALSE: it could not be written (the writer's error says why) */
static gboolean
writer_add (Writer        *w,
            TriSearchKind  kind,
            gint64         ref,
            const char    *key,
            gint64         event,
            gint64         day,
            const char    *date,
            const char    *lang,
            const char    *a,
            const char    *b,
            const char    *c)
{
  Pipe *pipe = w->pipe;
  Row *r;

  if (pipe == NULL)
    return !row_prepare (w, &w->row, kind, ref, key, event, day, date, lang, a, b, c) ||
           (row_write_doc (w, &w->row) && row_write_fts (w, &w->row));

  if (g_atomic_int_get (&pipe->stop))
    return FALSE;
  if (pipe->current == NULL)
    pipe->current = g_async_queue_pop (pipe->empty);
  r = &pipe->current->rows[pipe->current->n];
  if (!row_prepare (w, r, kind, ref, key, event, day, date, lang, a, b, c))
    return TRUE;
  if (!row_write_doc (w, r))
    return FALSE;
  if (++pipe->current->n == BATCH_ROWS)
    g_async_queue_push (pipe->full, g_steal_pointer (&pipe->current));
  return TRUE;
}

static const char *
col_text (sqlite3_stmt *stmt,
          int           i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

static gint64
day_of (sqlite3_stmt *stmt,
        int           i,
        const char   *date)
{
  TriDate parsed;

  if (sqlite3_column_type (stmt, i) == SQLITE_INTEGER)
    return sqlite3_column_int64 (stmt, i);
  if (date != NULL && tri_date_parse (date, &parsed, NULL))
    return parsed.earliest;
  return 0;
}

/* events = NULL: every event, quote, source and actor; else those events
 * and the quotes that bear on them */
static gboolean
add_from (Writer        *w,
          sqlite3       *src,
          const gint64  *events,
          guint          n_events,
          GCancellable  *cancellable,
          const char    *path,
          GError       **error)
{
  static const char * const sql[] = {
    "SELECT e.id, e.earliest, e.date, t.lang, t.title, t.summary, t.claimed_by"
    "  FROM event_text t JOIN event e ON e.id = t.event %s ORDER BY t.event DESC, t.lang",
    "SELECT q.id, q.event, e.earliest, coalesce (e.date, s.date), s.language, q.text, NULL"
    "  FROM quote q JOIN source s ON s.id = q.source LEFT JOIN event e ON e.id = q.event %s"
    "  UNION ALL "
    "SELECT q.id, q.event, e.earliest, coalesce (e.date, s.date), t.lang, t.text, NULL"
    "  FROM quote_translation t JOIN quote q ON q.id = t.quote JOIN source s ON s.id = q.source"
    "  LEFT JOIN event e ON e.id = q.event %s ORDER BY 1 DESC",
    "SELECT id, date, language, title, outlet, authors FROM source",
    "SELECT actor, lang, name FROM actor_name",
  };

  for (guint kind = 0; kind < TRI_SEARCH_N_KINDS; kind++)
    {
      guint rounds = events == NULL ? 1 : n_events;

      if (events != NULL && kind > TRI_SEARCH_QUOTE)
        break;

      for (guint r = 0; r < rounds; r++)
        {
          sqlite3_stmt *stmt = NULL;
          g_autofree char *text = NULL;
          const char *where = "";
          int rc;

          if (events != NULL)
            where = kind == TRI_SEARCH_EVENT ? "WHERE e.id = ?1" : "WHERE q.event = ?1";
          text = kind == TRI_SEARCH_QUOTE ? g_strdup_printf (sql[kind], where, where)
                                          : g_strdup_printf (sql[kind], where);
          if (sqlite3_prepare_v2 (src, text, -1, &stmt, NULL) != SQLITE_OK)
            {
              set_sql_error (error, src, path);
              return FALSE;
            }
          if (events != NULL)
            sqlite3_bind_int64 (stmt, 1, events[r]);

          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gboolean ok = TRUE;

              switch (kind)
                {
                case TRI_SEARCH_EVENT:
                  {
                    gint64 id = sqlite3_column_int64 (stmt, 0);
                    const char *date = col_text (stmt, 2);
                    gint64 day = day_of (stmt, 1, date);
                    const char *lang = col_text (stmt, 3);

                    ok = writer_add (w, kind, id, NULL, id, day, date, lang,
                                     col_text (stmt, 4), col_text (stmt, 5), col_text (stmt, 6));
                  }
                  break;
                case TRI_SEARCH_QUOTE:
                  {
                    const char *date = col_text (stmt, 3);

                    ok = writer_add (w, kind, sqlite3_column_int64 (stmt, 0), NULL,
                                     sqlite3_column_int64 (stmt, 1), day_of (stmt, 2, date), date,
                                     col_text (stmt, 4), col_text (stmt, 5), NULL, NULL);
                  }
                  break;
                case TRI_SEARCH_SOURCE:
                  {
                    const char *key = col_text (stmt, 0);
                    const char *date = col_text (stmt, 1);
                    gint64 day = day_of (stmt, 1, date);
                    const char *lang = col_text (stmt, 2);

                    ok = writer_add (w, kind, 0, key, 0, day, date, lang,
                                     col_text (stmt, 3), col_text (stmt, 4), col_text (stmt, 5));
                  }
                  break;
                default:
                  ok = writer_add (w, kind, 0, col_text (stmt, 0), 0, 0, NULL,
                                   col_text (stmt, 1), col_text (stmt, 2), NULL, NULL);
                  break;
                }
              if (!ok && w->pipe != NULL && g_atomic_int_get (&w->pipe->stop))
                {
                  /* the writer stopped: its error is the one told */
                  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "stopped");
                  sqlite3_finalize (stmt);
                  return FALSE;
                }
              if (!ok)
                {
                  set_sql_error (error, w->db, path);
                  sqlite3_finalize (stmt);
                  return FALSE;
                }
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                {
                  sqlite3_finalize (stmt);
                  return FALSE;
                }
            }
          if (rc != SQLITE_DONE)
            {
              set_sql_error (error, src, path);
              sqlite3_finalize (stmt);
              return FALSE;
            }
          sqlite3_finalize (stmt);
        }
    }
  return TRUE;
}

static gboolean
writer_init (Writer   *w,
             sqlite3  *db,
             gint64   *next,
             gboolean  with_doc,
             gboolean  with_fts)
{
  w->db = db;
  w->next = next;
  row_init (&w->row);
  if (with_doc &&
      sqlite3_prepare_v2 (db, "INSERT INTO doc VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                          -1, &w->doc, NULL) != SQLITE_OK)
    return FALSE;
  for (guint k = 0; with_fts && k < TRI_SEARCH_N_KINDS; k++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO fts%u (rowid, f0, f1, f2) VALUES (?1, ?2, ?3, ?4)", k);

      if (sqlite3_prepare_v2 (db, sql, -1, &w->fts[k], NULL) != SQLITE_OK)
        return FALSE;
    }
  return TRUE;
}

static void
writer_clear (Writer *w)
{
  g_clear_pointer (&w->doc, sqlite3_finalize);
  for (guint k = 0; k < TRI_SEARCH_N_KINDS; k++)
    g_clear_pointer (&w->fts[k], sqlite3_finalize);
  row_clear (&w->row);
}

/* The window's thread comes first: the build's own threads yield to it
 * (Linux sets a thread's niceness; both threads end with the build) */
static void
yield_to_others (void)
{
#ifdef __linux__
  setpriority (PRIO_PROCESS, (id_t) gettid (), 10);
#endif
}

typedef struct
{
  Writer        w;
  sqlite3      *src;
  gboolean      updatable;
  GCancellable *cancellable;
  const char   *path;
  GError       *error;
} Reader;

static Batch *const end_of_rows = (Batch *) &end_of_rows;

static gpointer
read_thread (gpointer data)
{
  Reader *reader = data;
  Pipe *pipe = reader->w.pipe;
  Batch *last;
  gboolean ok;

  double cpu;

  yield_to_others ();
  cpu = thread_cpu_ms ();
  ok = add_from (&reader->w, reader->src, NULL, 0, reader->cancellable, reader->path, &reader->error);
  if (ok && ((reader->updatable && sqlite3_exec (reader->w.db, DOC_INDEXES ("main"), NULL, NULL, NULL) != SQLITE_OK) ||
             sqlite3_exec (reader->w.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK))
    {
      set_sql_error (&reader->error, reader->w.db, reader->path);
      ok = FALSE;
    }
  last = pipe->current;
  pipe->current = NULL;
  if (last != NULL)
    g_async_queue_push (ok && last->n > 0 ? pipe->full : pipe->empty, last);
  g_async_queue_push (pipe->full, end_of_rows);
  g_debug ("reading thread: %.0f ms of CPU", thread_cpu_ms () - cpu);
  return GINT_TO_POINTER (ok);
}

typedef struct
{
  Writer     *w;
  Pipe       *pipe;
  const char *path;
  GError     *error;
} WriteJob;

/* Writes the index of the rows the reading thread made, then commits */
static gpointer
write_thread (gpointer data)
{
  WriteJob *job = data;
  Batch *batch;
  gboolean ok = TRUE;
  double cpu;

  yield_to_others ();
  cpu = thread_cpu_ms ();
  while ((batch = g_async_queue_pop (job->pipe->full)) != end_of_rows)
    {
      for (guint r = 0; ok && r < batch->n; r++)
        ok = row_write_fts (job->w, &batch->rows[r]);
      if (!ok && !g_atomic_int_get (&job->pipe->stop))
        {
          set_sql_error (&job->error, job->w->db, job->path);
          g_atomic_int_set (&job->pipe->stop, 1);
        }
      batch->n = 0;
      g_async_queue_push (job->pipe->empty, batch);
    }
  if (ok && sqlite3_exec (job->w->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sql_error (&job->error, job->w->db, job->path);
      ok = FALSE;
    }
  g_debug ("writing thread: %.0f ms of CPU", thread_cpu_ms () - cpu);
  return GINT_TO_POINTER (ok);
}

/* Reads src on a thread of its own, folding and filling the table of
 * texts in a database of its own (docs, in memory under the name
 * docs_uri), while another writes w's index; the caller waits for both */
static gboolean
add_all (Writer        *w,
         sqlite3       *src,
         gboolean       updatable,
         GCancellable  *cancellable,
         const char    *path,
         const char    *docs_uri,
         sqlite3      **docs,
         GError       **error)
{
  Pipe pipe = { 0 };
  Reader reader = { 0 };
  WriteJob writer = { 0 };
  GThread *thread, *write;
  Batch *batch;
  sqlite3 *db = NULL;
  gboolean ok = TRUE, read_ok;

  if (sqlite3_open_v2 (docs_uri, &db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                       NULL) != SQLITE_OK ||
      sqlite3_exec (db, doc_schema, NULL, NULL, NULL) != SQLITE_OK ||
      !writer_init (&reader.w, db, w->next, TRUE, FALSE) ||
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sql_error (error, db, path);
      writer_clear (&reader.w);
      sqlite3_close (db);
      return FALSE;
    }

  pipe.full = g_async_queue_new ();
  pipe.empty = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    {
      batch = g_new0 (Batch, 1);
      for (guint r = 0; r < BATCH_ROWS; r++)
        row_init (&batch->rows[r]);
      g_async_queue_push (pipe.empty, batch);
    }
  reader.w.pipe = &pipe;
  reader.src = src;
  reader.updatable = updatable;
  reader.cancellable = cancellable;
  reader.path = path;
  writer.w = w;
  writer.pipe = &pipe;
  writer.path = path;
  thread = g_thread_new ("tri-search-read", read_thread, &reader);
  write = g_thread_new ("tri-search-write", write_thread, &writer);

  ok = GPOINTER_TO_INT (g_thread_join (write));
  read_ok = GPOINTER_TO_INT (g_thread_join (thread));
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&writer.error));
  else if (!read_ok)
    g_propagate_error (error, g_steal_pointer (&reader.error));
  g_clear_error (&reader.error);
  g_clear_error (&writer.error);

  while ((batch = g_async_queue_try_pop (pipe.empty)) != NULL)
    {
      for (guint r = 0; r < BATCH_ROWS; r++)
        row_clear (&batch->rows[r]);
      g_free (batch);
    }
  g_async_queue_unref (pipe.full);
  g_async_queue_unref (pipe.empty);
  writer_clear (&reader.w);
  if (ok && read_ok)
    *docs = db;
  else
    sqlite3_close (db);
  return ok && read_ok;
}

/* The index and its texts live on disk, not in memory (at a million
 * events they are more than a gigabyte; BENCHMARKS.md): the index in a
 * private database that SQLite deletes as it opens it, the texts in a
 * folder of the temporary directory named for this process, removed with
 * the index. A folder a process left as it died is removed by the next
 * build of any other. */
#define TEXTS_DIR_PREFIX "trilateral-search-"

static void
remove_texts_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
sweep_texts_dirs (void)
{
  const char *tmp = g_get_tmp_dir ();
  g_autoptr(GDir) d = g_dir_open (tmp, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, TEXTS_DIR_PREFIX))
        continue;
      pid = g_ascii_strtoll (name + strlen (TEXTS_DIR_PREFIX), &end, 10);
      if (end == NULL || *end != '-' || pid <= 0 || pid > G_MAXINT || pid == getpid () ||
          kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      {
        g_autofree char *dir = g_build_filename (tmp, name, NULL);

        remove_texts_dir (dir);
      }
    }
}

static char *
make_texts_dir (const char  *path,
                GError     **error)
{
  g_autofree char *pattern = g_strdup_printf (TEXTS_DIR_PREFIX "%d-XXXXXX", (int) getpid ());
  GError *local = NULL;
  char *dir = g_dir_make_tmp (pattern, &local);

  if (dir == NULL)
    {
      g_set_error (error, G_FILE_ERROR, local->code,
                   /* Translators: %s is a file name, then why */
                   _("“%s” could not be searched: %s"), path, local->message);
      g_error_free (local);
    }
  return dir;
}

gboolean
tri_search_build (TriSearch     *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  sqlite3 *src = NULL;
  sqlite3 *db = NULL;
  Writer w = { 0 };
  gint64 next[TRI_SEARCH_N_KINDS];
  gint64 low[TRI_SEARCH_N_KINDS];
  struct stat before, after;
  sqlite3 *docs = NULL;
  /* reading and folding on one, writing the index on the other */
  gboolean two_threads = g_get_num_processors () >= 2;
  gboolean updatable;
  g_autofree char *tmpdir = NULL;
  g_autofree char *docs_uri = NULL;
  gboolean ok = FALSE;
  double cpu = thread_cpu_ms ();
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (TRI_IS_SEARCH (self), FALSE);

  for (guint k = 0; k < TRI_SEARCH_N_KINDS; k++)
    {
      next[k] = (gint64) 1 << (KIND_SHIFT - 1);
      low[k] = next[k] - 1;
    }
  if (stat (self->path, &before) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   /* Translators: %s is a file name, then why */
                   _("“%s” could not be searched: %s"), self->path, g_strerror (saved));
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  updatable = self->updatable;
  g_mutex_unlock (&self->lock);

  /* the texts' own database, for the reading thread (on one core they go
   * in the index's) */
  sweep_texts_dirs ();
  if (two_threads)
    {
      tmpdir = make_texts_dir (self->path, error);
      if (tmpdir == NULL)
        return FALSE;
      docs_uri = g_build_filename (tmpdir, "texts.sqlite", NULL);
    }
  src = open_briefing (self->path, error);
  if (src == NULL)
    goto out;
  /* "": a private database on disk, deleted by SQLite as it opens it */
  if (sqlite3_open_v2 ("", &db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                       NULL) != SQLITE_OK ||
      sqlite3_exec (db, index_schema, NULL, NULL, NULL) != SQLITE_OK ||
      (!two_threads && sqlite3_exec (db, doc_schema, NULL, NULL, NULL) != SQLITE_OK) ||
      !writer_init (&w, db, next, !two_threads, TRUE) ||
      sqlite3_exec (src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sql_error (error, db, self->path);
      goto out;
    }

  if (two_threads ? !add_all (&w, src, updatable, cancellable, self->path, docs_uri, &docs, error)
                  : !add_from (&w, src, NULL, 0, cancellable, self->path, error))
    goto out;

  if (!two_threads &&
      ((updatable && sqlite3_exec (db, DOC_INDEXES ("main"), NULL, NULL, NULL) != SQLITE_OK) ||
       sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK))
    {
      set_sql_error (error, db, self->path);
      goto out;
    }
  if (docs != NULL)
    {
      /* the table of texts, the reading thread's database, attached to
       * the index's: it lives as long as the index, its name gone */
      char *attach = sqlite3_mprintf ("ATTACH %Q AS docs", docs_uri);
      int rc = sqlite3_exec (db, attach, NULL, NULL, NULL);

      sqlite3_free (attach);
      if (rc != SQLITE_OK)
        {
          set_sql_error (error, db, self->path);
          goto out;
        }
      g_clear_pointer (&docs, sqlite3_close);
    }

  if (sqlite3_exec (db, "INSERT INTO fts0 (fts0, rank) VALUES ('automerge', 4);"
                    "INSERT INTO fts1 (fts1, rank) VALUES ('automerge', 4);"
                    "INSERT INTO fts2 (fts2, rank) VALUES ('automerge', 4);"
                    "INSERT INTO fts3 (fts3, rank) VALUES ('automerge', 4);",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sql_error (error, db, self->path);
      goto out;
    }
  sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);

  /* identity as of the start: a change during the build is a change */
  if (stat (self->path, &after) != 0 || after.st_dev != before.st_dev || after.st_ino != before.st_ino ||
      after.st_size != before.st_size ||
      after.st_mtim.tv_sec != before.st_mtim.tv_sec || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec)
    memset (&before, 0, sizeof before);

  writer_clear (&w);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->index, sqlite3_close);
  self->index = db;
  /* the texts' folder goes with the index that attached them (SQLite
   * writes no more to a file whose name is gone) */
  if (self->texts_dir != NULL)
    remove_texts_dir (self->texts_dir);
  g_free (self->texts_dir);
  self->texts_dir = g_steal_pointer (&tmpdir);
  self->doc_schema = two_threads ? "docs" : "main";
  db = NULL;
  self->identity = before;
  memcpy (self->next, low, sizeof low);
  g_mutex_unlock (&self->lock);
  ok = TRUE;
  g_debug ("index built in %.0f ms; building thread: %.0f ms of CPU",
           (g_get_monotonic_time () - start) / 1e3, thread_cpu_ms () - cpu);

out:
  writer_clear (&w);
  sqlite3_close (docs);
  sqlite3_close (db);
  sqlite3_close (src);
  if (tmpdir != NULL)
    remove_texts_dir (tmpdir);
  return ok;
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (tri_search_build (TRI_SEARCH (source), cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tri_search_build_async (TriSearch          *self,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tri_search_build_async);
  g_task_run_in_thread (task, build_thread);
}

gboolean
tri_search_build_finish (TriSearch     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tri_search_is_built (TriSearch *self)
{
  gboolean built;

  g_mutex_lock (&self->lock);
  built = self->index != NULL;
  g_mutex_unlock (&self->lock);
  return built;
}

gboolean
tri_search_is_current (TriSearch *self)
{
  struct stat now;
  gboolean current;

  g_return_val_if_fail (TRI_IS_SEARCH (self), FALSE);

  if (stat (self->path, &now) != 0)
    return FALSE;
  g_mutex_lock (&self->lock);
  current = self->index != NULL &&
            now.st_dev == self->identity.st_dev && now.st_ino == self->identity.st_ino &&
            now.st_size == self->identity.st_size &&
            now.st_mtim.tv_sec == self->identity.st_mtim.tv_sec &&
            now.st_mtim.tv_nsec == self->identity.st_mtim.tv_nsec;
  g_mutex_unlock (&self->lock);
  return current;
}

static gboolean
remove_rows (sqlite3      *db,
             guint         kind,
             const char   *where,
             gint64        value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, text FROM doc WHERE kind = %u AND %s", kind, where);
  g_autofree char *del = g_strdup_printf ("INSERT INTO fts%u (fts%u, rowid, f0, f1, f2)"
                                          " VALUES ('delete', ?1, ?2, ?3, ?4)", kind, kind);
  sqlite3_stmt *sel = NULL, *del_fts = NULL, *del_doc = NULL;
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(GString) c = g_string_new (NULL);
  GString *bodies[3] = { a, b, c };
  gboolean has_body[3];
  gboolean ok;

  ok = sqlite3_prepare_v2 (db, sql, -1, &sel, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2 (db, del, -1, &del_fts, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2 (db, "DELETE FROM doc WHERE id = ?1", -1, &del_doc, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_int64 (sel, 1, value);
      while (ok && sqlite3_step (sel) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (sel, 0);

          /* a contentless table forgets a row by being told what it held */
          sqlite3_bind_int64 (del_fts, 1, id);
          fold_fields (col_text (sel, 1), bodies, has_body);
          bind_bodies (del_fts, 2, bodies, has_body);
          ok = sqlite3_step (del_fts) == SQLITE_DONE;
          sqlite3_reset (del_fts);
          sqlite3_bind_int64 (del_doc, 1, id);
          ok = ok && sqlite3_step (del_doc) == SQLITE_DONE;
          sqlite3_reset (del_doc);
        }
    }
  sqlite3_finalize (sel);
  sqlite3_finalize (del_fts);
  sqlite3_finalize (del_doc);
  return ok;
}

gboolean
tri_search_update_events (TriSearch     *self,
                          const gint64  *events,
                          guint          n_events,
                          GError       **error)
{
  sqlite3 *src;
  Writer w = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (TRI_IS_SEARCH (self), FALSE);

  g_mutex_lock (&self->lock);
  if (self->index == NULL)
    {
      g_mutex_unlock (&self->lock);
      return TRUE;   /* the build to come reads them */
    }
  src = open_briefing (self->path, error);
  if (src == NULL)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }

  if (sqlite3_exec (self->index, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (self->index, g_str_equal (self->doc_schema, "docs") ? DOC_INDEXES ("docs") : DOC_INDEXES ("main"),
                    NULL, NULL, NULL) != SQLITE_OK ||
      !writer_init (&w, self->index, self->next, TRUE, TRUE))
    ok = FALSE;
  w.descending = TRUE;
  for (guint i = 0; ok && i < n_events; i++)
    ok = remove_rows (self->index, TRI_SEARCH_EVENT, "ref = ?1", events[i]) &&
         remove_rows (self->index, TRI_SEARCH_QUOTE, "event = ?1", events[i]);
  if (!ok)
    set_sql_error (error, self->index, self->path);
  ok = ok && add_from (&w, src, events, n_events, NULL, self->path, error);
  writer_clear (&w);
  if (ok && sqlite3_exec (self->index, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sql_error (error, self->index, self->path);
      ok = FALSE;
    }
  if (!ok)
    sqlite3_exec (self->index, "ROLLBACK", NULL, NULL, NULL);
  g_mutex_unlock (&self->lock);
  sqlite3_close (src);
  return ok;
}

/* ---- querying ---- */

typedef struct
{
  char     *text;     /* folded */
  gsize     len;
  gboolean  cjk;
  gboolean  prefix;
} Term;

static void
term_clear (gpointer data)
{
  g_free (((Term *) data)->text);
}

/* The words of a query, folded: runs of letters and digits, a run of
 * Han, Hangul or Kana a word of its own; everything else separates */
static GArray *
parse_query (const char *query)
{
  g_autofree char *valid = g_utf8_make_valid (query, -1);
  g_autofree char *folded = tri_search_fold (valid, NULL);
  GArray *terms = g_array_new (FALSE, TRUE, sizeof (Term));
  const char *p = folded;

  g_array_set_clear_func (terms, term_clear);
  while (*p && terms->len < MAX_TERMS)
    {
      int cls = word_class (g_utf8_get_char (p));
      const char *end = p;
      Term t = { 0 };

      if (cls == 0)
        {
          p = g_utf8_next_char (p);
          continue;
        }
      while (*end && word_class (g_utf8_get_char (end)) == cls)
        end = g_utf8_next_char (end);
      t.len = MIN ((gsize) (end - p), MAX_TERM_BYTES);
      while (t.len > 0 && (p[t.len] & 0xc0) == 0x80)
        t.len--;   /* a whole character */
      t.text = g_strndup (p, t.len);
      t.cjk = cls == 2;
      /* still being typed; a prefix of one or two letters would be most
       * of the index's words */
      t.prefix = *end == '\0' && g_utf8_strlen (t.text, -1) >= 3;
      p = end;
      /* a word typed twice is looked for once (a query of one word
       * pasted 2,000 times costs what the word costs) */
      {
        gboolean again = FALSE;

        for (guint i = 0; i < terms->len && !again; i++)
          {
            Term *u = &g_array_index (terms, Term, i);

            if (u->cjk == t.cjk && g_str_equal (u->text, t.text))
              {
                u->prefix = u->prefix && t.prefix;
                again = TRUE;
              }
          }
        if (again)
          {
            g_free (t.text);
            continue;
          }
      }
      g_array_append_val (terms, t);
    }
  return terms;
}

static char *
match_expression (GArray *terms)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < terms->len; i++)
    {
      Term *t = &g_array_index (terms, Term, i);

      if (!t->cjk)
        g_string_append_printf (s, "%s\"%s\"%s", s->len ? " " : "", t->text, t->prefix ? "*" : "");
      else if (g_utf8_strlen (t->text, -1) == 1)
        g_string_append_printf (s, "%s\"%s\"*", s->len ? " " : "", t->text);
      else
        {
          /* a phrase of its pairs: the pairs of a run follow each other */
          g_string_append (s, s->len ? " \"" : "\"");
          for (const char *a = t->text; *a; a = g_utf8_next_char (a))
            {
              const char *b = g_utf8_next_char (a);

              if (*b == '\0')
                break;
              if (a != t->text)
                g_string_append_c (s, ' ');
              g_string_append_len (s, a, g_utf8_next_char (b) - a);
            }
          g_string_append_c (s, '"');
        }
    }
  return g_string_free (s, FALSE);
}

static int
class_before (const char *folded,
              gsize       at)
{
  if (at == 0)
    return 0;
  return word_class (g_utf8_get_char (g_utf8_find_prev_char (folded, folded + at)));
}

/* The marks of every term in text, in text's byte offsets; FALSE when a
 * term is not there (FTS5 found its pairs, not the run) */
static gboolean
find_marks (const char *text,
            GArray     *terms,
            GArray     *marks)
{
  g_autoptr(GArray) map = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *folded = tri_search_fold (text, map);
  gsize flen = strlen (folded);

  for (guint i = 0; i < terms->len; i++)
    {
      Term *t = &g_array_index (terms, Term, i);
      gboolean found = FALSE;
      const char *p = folded;

      while ((p = strstr (p, t->text)) != NULL)
        {
          gsize at = p - folded;
          gsize end = at + t->len;
          gboolean ok = TRUE;

          if (!t->cjk)
            ok = class_before (folded, at) != 1 &&
                 (t->prefix || end >= flen || word_class (g_utf8_get_char (folded + end)) != 1);
          if (ok)
            {
              found = TRUE;
              if (marks->len < 2 * MAX_MARKS)
                {
                  guint s = g_array_index (map, guint, at);
                  /* the end of the last character the match comes from */
                  guint e = g_array_index (map, guint, end - 1);

                  e = (guint) (g_utf8_next_char (text + e) - text);
                  g_array_append_val (marks, s);
                  g_array_append_val (marks, e);
                }
            }
          p += t->len > 0 ? t->len : 1;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const guint *x = a, *y = b;

  return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : (x[1] > y[1]) - (x[1] < y[1]);
}

/* A short context around the first mark, and the marks in it (merged) */
static void
make_context (TriSearchResult *r,
              const char      *text,
              GArray          *marks)
{
  gsize len = strlen (text);
  gsize start = 0, end = len;
  GString *ctx;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  gsize shift;

  qsort (marks->data, marks->len / 2, 2 * sizeof (guint), compare_marks);

  if (g_utf8_strlen (text, -1) > CONTEXT_CHARS)
    {
      const char *s = text + (marks->len ? g_array_index (marks, guint, 0) : 0);
      const char *e;
      int back;

      for (back = 0; back < CONTEXT_BEFORE && s > text; back++)
        s = g_utf8_prev_char (s);
      /* from the start of a word where there is one near */
      for (const char *q = s; q < s + 20 && *q; q = g_utf8_next_char (q))
        if (*q == ' ' && s != text)
          {
            s = q + 1;
            break;
          }
      e = s;
      for (int n = 0; n < CONTEXT_CHARS && *e; n++)
        e = g_utf8_next_char (e);
      start = s - text;
      end = e - text;
    }

  ctx = g_string_new (start > 0 ? "…" : "");
  shift = ctx->len;
  g_string_append_len (ctx, text + start, end - start);
  if (end < len)
    g_string_append (ctx, "…");

  for (guint i = 0; i + 1 < marks->len; i += 2)
    {
      guint s = g_array_index (marks, guint, i);
      guint e = g_array_index (marks, guint, i + 1);

      if (e <= start || s >= end)
        continue;
      s = (guint) (MAX (s, start) - start + shift);
      e = (guint) (MIN (e, end) - start + shift);
      if (out->len > 0 && s <= g_array_index (out, guint, out->len - 1))
        {
          guint *last = &g_array_index (out, guint, out->len - 1);
          *last = MAX (*last, e);
          continue;
        }
      g_array_append_val (out, s);
      g_array_append_val (out, e);
    }
  r->context = g_string_free (ctx, FALSE);
  r->n_marks = out->len / 2;
  r->marks = (guint *) g_array_free (out, FALSE);
}

static double
field_weight (const char *field)
{
  if (g_str_equal (field, "title") || g_str_equal (field, "name"))
    return 3;
  if (g_str_equal (field, "summary"))
    return 1;
  return 2;
}

typedef struct
{
  gint64  rowid;
  gint64  ref;
  char   *key;
  char   *lang;
  gint64  day;
  double  score;
} Candidate;

static void
candidate_free (gpointer data)
{
  Candidate *c = data;

  g_free (c->key);
  g_free (c->lang);
  g_free (c);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = *(Candidate **) a, *y = *(Candidate **) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;   /* the latest first */
  return x->rowid > y->rowid ? -1 : x->rowid < y->rowid;
}

/* The result for a candidate kept: its text, the field that matched best
 * and the context around the matches */
static TriSearchResult *
make_result (sqlite3       *db,
             sqlite3_stmt  *row,
             TriSearchKind  kind,
             Candidate     *c,
             GArray        *terms)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *segment = NULL;
  const char *seg_start[3] = { NULL, NULL, NULL };
  gsize seg_len[3] = { 0, 0, 0 };
  guint seg_marks[3] = { 0, 0, 0 };
  guint n_segs = 0, best = G_MAXUINT;
  double best_value = -1;
  const char *text;
  TriSearchResult *r;
  gsize base;

  sqlite3_bind_int64 (row, 1, c->rowid);
  if (sqlite3_step (row) != SQLITE_ROW)
    {
      sqlite3_reset (row);
      return NULL;
    }
  text = col_text (row, 0);
  if (text == NULL)
    {
      sqlite3_reset (row);
      return NULL;
    }
  find_marks (text, terms, marks);
  for (const char *q = text; n_segs < 3; )
    {
      const char *sep = strchr (q, FIELD_SEP);

      seg_start[n_segs] = q;
      seg_len[n_segs] = sep != NULL ? (gsize) (sep - q) : strlen (q);
      n_segs++;
      if (sep == NULL)
        break;
      q = sep + 1;
    }
  for (guint m = 0; m < marks->len; m += 2)
    for (guint k = 0; k < n_segs; k++)
      if (g_array_index (marks, guint, m) < (gsize) (seg_start[k] - text) + seg_len[k])
        {
          seg_marks[k]++;
          break;
        }
  /* the field with the matches that count most; else the first with text */
  for (guint k = 0; k < n_segs && kind_fields[kind][k] != NULL; k++)
    {
      double v = seg_marks[k] > 0 ? field_weight (kind_fields[kind][k]) + 0.5 * MIN (seg_marks[k], 4) : 0;

      if (seg_len[k] > 0 && v > best_value)
        {
          best_value = v;
          best = k;
        }
    }
  if (best == G_MAXUINT)
    {
      sqlite3_reset (row);
      return NULL;
    }

  r = g_new0 (TriSearchResult, 1);
  r->kind = kind;
  r->id = c->ref;
  r->key = g_strdup (c->key);
  r->lang = g_strdup (c->lang);
  r->day = (guint32) c->day;
  r->score = c->score;
  r->event = sqlite3_column_int64 (row, 1);
  r->date = g_strdup (col_text (row, 2));
  r->field = g_strdup (kind_fields[kind][best]);

  base = seg_start[best] - text;
  for (guint m = 0; m + 1 < marks->len; m += 2)
    {
      guint ms = g_array_index (marks, guint, m), me = g_array_index (marks, guint, m + 1);

      if (ms >= base && me <= base + seg_len[best])
        {
          ms -= base;
          me -= base;
          g_array_append_val (own, ms);
          g_array_append_val (own, me);
        }
    }
  segment = g_strndup (seg_start[best], seg_len[best]);
  sqlite3_reset (row);
  make_context (r, segment, own);
  return r;
}

GPtrArray *
tri_search_query (TriSearch   *self,
                  const char  *query,
                  const char  *lang,
                  guint        limit_per_kind,
                  GError     **error)
{
  g_autoptr(GArray) terms = NULL;
  g_autofree char *expr = NULL;
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_search_result_free);
  sqlite3_stmt *stmt = NULL, *row = NULL;
  const char *norm_lang = lang != NULL ? tri_lang_normalize (lang) : NULL;

  g_return_val_if_fail (TRI_IS_SEARCH (self), NULL);

  if (limit_per_kind == 0)
    limit_per_kind = 50;
  if (query == NULL)
    return results;
  terms = parse_query (query);
  if (terms->len == 0)
    return results;
  expr = match_expression (terms);

  g_mutex_lock (&self->lock);
  if (self->index == NULL)
    {
      g_mutex_unlock (&self->lock);
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_FAILED,
                   _("The search index is not ready yet."));
      g_ptr_array_unref (results);
      return NULL;
    }
  /* the most recent matches of a kind (events are added in date order),
   * each ranked by BM25 with a title counting most, a summary least */
  if (sqlite3_prepare_v2 (self->index, "SELECT text, event, date FROM doc WHERE id = ?1",
                          -1, &row, NULL) != SQLITE_OK)
    {
      set_sql_error (error, self->index, self->path);
      sqlite3_finalize (stmt);
      g_mutex_unlock (&self->lock);
      g_ptr_array_unref (results);
      return NULL;
    }

  for (guint kind = 0; kind < TRI_SEARCH_N_KINDS; kind++)
    {
      g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (candidate_free);
      g_autofree char *sql = g_strdup_printf (
        "SELECT f.r, f.score, d.ref, d.key, d.lang, d.day"
        "  FROM (SELECT rowid AS r, bm25 (fts%u, 3.0, 1.0, 2.0) AS score FROM fts%u"
        "        WHERE fts%u MATCH ?1 ORDER BY rowid LIMIT ?2) f"
        "  JOIN doc d ON d.id = f.r", kind, kind, kind);
      guint kept = 0;
      int rc;

      if (sqlite3_prepare_v2 (self->index, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          set_sql_error (error, self->index, self->path);
          sqlite3_finalize (row);
          g_mutex_unlock (&self->lock);
          g_ptr_array_unref (results);
          return NULL;
        }
      sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, MAX_CANDIDATES);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *row_lang = col_text (stmt, 4);
          g_autofree char *who = NULL;
          Candidate *c, *prev;
          /* bm25 () is lower for a better match */
          double score = -sqlite3_column_double (stmt, 1);

          if (norm_lang != NULL && g_strcmp0 (row_lang, norm_lang) == 0)
            score *= 1.25;
          who = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", (gint64) sqlite3_column_int64 (stmt, 2),
                                 col_text (stmt, 3) ? col_text (stmt, 3) : "");
          prev = g_hash_table_lookup (best, who);
          if (prev != NULL && prev->score >= score)
            continue;

          c = g_new0 (Candidate, 1);
          c->rowid = sqlite3_column_int64 (stmt, 0);
          c->ref = sqlite3_column_int64 (stmt, 2);
          c->key = g_strdup (col_text (stmt, 3));
          c->lang = g_strdup (row_lang);
          c->day = sqlite3_column_int64 (stmt, 5);
          c->score = score;
          if (prev != NULL)
            g_ptr_array_remove_fast (found, prev);
          g_hash_table_replace (best, g_steal_pointer (&who), c);
          g_ptr_array_add (found, c);
        }
      if (rc != SQLITE_DONE)
        {
          /* not the user's syntax (that never reaches FTS5): the index itself */
          set_sql_error (error, self->index, self->path);
          sqlite3_finalize (stmt);
          sqlite3_finalize (row);
          g_mutex_unlock (&self->lock);
          g_ptr_array_unref (results);
          return NULL;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);

      g_ptr_array_sort (found, compare_candidates);
      for (guint i = 0; i < found->len && kept < limit_per_kind; i++)
        {
          TriSearchResult *r = make_result (self->index, row, kind, found->pdata[i], terms);

          if (r == NULL)
            continue;
          g_ptr_array_add (results, r);
          kept++;
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (row);
  g_mutex_unlock (&self->lock);
  return results;
}
