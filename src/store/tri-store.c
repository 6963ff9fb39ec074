/* tri-store.c: a briefing database, opened read-only and checked
 *
 * Files come from colleagues, mail and USB sticks, so every file is opened
 * the way SQLite advises for untrusted databases: read-only and immutable
 * (nothing, not even a journal, is ever written next to it), defensive,
 * with triggers, views, extensions and memory mapping off, then identified
 * and checked before the first query the views make.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "tri-filter.h"
#include "tri-schema.h"
#include "tri-new-file.h"
#include "tri-state.h"
#include "tri-state-index.h"
#include "tri-store-private.h"
#include "tri-store.h"

/* SQLite counts every allocation under one process-wide lock unless told
 * not to; the window's reads, the whole-file check and the search index's
 * two building threads would all queue on it (measured: the index's build
 * took 2.3–2.8 s with the count, 1.9 s without). Nothing here reads the
 * count. sqlite3_config must come before SQLite's first use, so it runs
 * as the program loads; if SQLite was started already it refuses, and
 * nothing else changes. */
__attribute__ ((constructor)) static void
tri_store_configure_sqlite (void)
{
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

typedef enum
{
  STMT_TITLE,
  STMT_ACTORS,
  STMT_RELATIONS,
  STMT_EVENTS,
  STMT_EVENTS_ENDING,
  STMT_EVENTS_STARTING,
  STMT_EVENTS_LATE,
  STMT_EVENTS_BRIEF,
  STMT_EVENTS_BRIEF_ENDING,
  STMT_EVENTS_BRIEF_STARTING,
  STMT_EVENTS_BRIEF_LATE,
  STMT_EVENT,
  STMT_EVENT_TITLE,
  STMT_LINKS,
  STMT_LINKS_ENDING,
  STMT_LINKS_STARTING,
  STMT_LINKS_LATE,
  STMT_EVENT_LINKS,
  STMT_ACTOR_EVENTS,
  STMT_ACTOR_EVENT_COUNT,
  STMT_EXTENT,
  STMT_ALL_LINKS,
  STMT_EVENT_LINK_ROWS,
  STMT_NEXT_EVENT,
  STMT_PREV_EVENT,
  STMT_FIRST_EVENT,
  STMT_LAST_EVENT,
  STMT_QUOTES_BY_RELATION,
  STMT_QUOTES_BY_EVENT,
  STMT_QUOTE_KEYS,
  STMT_EVENT_DAYS,
  STMT_SOURCE_KEYS,
  STMT_NOTES,
  STMT_QUOTE_BY_ID,
  STMT_SOURCE_DOCUMENT,
  STMT_SOURCES,
  STMT_EVENT_HAS_QUOTES,
  STMT_DECKS,
  STMT_DECK_BY_NAME,
  STMT_SLIDES,
  STMT_MARKINGS,
  STMT_EVENT_FACTS,
  STMT_EVENT_PLACES,
  STMT_EVENT_PLACE,
  STMT_EVENT_BRIEF,
  N_STMTS
} StmtId;

/* ?1 is always the data language; English is the fallback everywhere. */
#define TEXT_COLUMNS(alias_l, alias_e, col) \
  "COALESCE (NULLIF (" alias_l "." col ", ''), NULLIF (" alias_e "." col ", ''))"

static const char * const stmt_sql[N_STMTS] = {
  [STMT_TITLE] =
    "SELECT title FROM briefing WHERE lang IN (?1, 'en') "
    "ORDER BY lang = ?1 DESC LIMIT 1",
  [STMT_ACTORS] =
    "SELECT a.code, a.color, a.rank, " TEXT_COLUMNS ("l", "e", "name")
    " FROM actor a"
    " LEFT JOIN actor_name l ON l.actor = a.code AND l.lang = ?1"
    " LEFT JOIN actor_name e ON e.actor = a.code AND e.lang = 'en'"
    " ORDER BY a.rank, a.code",
  [STMT_RELATIONS] =
    "SELECT id, actor_a, actor_b FROM relation ORDER BY id",
#define EVENT_SELECT \
    "SELECT ev.id, ev.date, ev.category, ev.confidence, " \
    TEXT_COLUMNS ("l", "e", "title") ", " \
    TEXT_COLUMNS ("l", "e", "summary") ", " \
    TEXT_COLUMNS ("l", "e", "claimed_by") ", ev.date_label" \
    " FROM event ev" \
    " LEFT JOIN event_text l ON l.event = ev.id AND l.lang = ?1" \
    " LEFT JOIN event_text e ON e.event = ev.id AND e.lang = 'en'"
/* the events of a range: those whose possible days overlap it; those that
 * end in it, or start in it (a range grown by the days next to it: each
 * through the index of its own end, only as far as those days). Either
 * index finds the overlapping ones: that of the first days reads every
 * event that starts before the range ends, that of the last days every
 * event that ends after it starts, so each is named (the other term's
 * "+"), and read_events () takes the one with fewer days to go through */
#define OVERLAPPING(from, to) " WHERE +ev.latest >= " from " AND ev.earliest <= " to
#define OVERLAPPING_LATE(from, to) " WHERE ev.latest >= " from " AND +ev.earliest <= " to
#define ENDING(from, to) " WHERE ev.latest BETWEEN " from " AND " to
#define STARTING(from, to) " WHERE ev.earliest BETWEEN " from " AND " to
#define EVENT_ORDER " ORDER BY ev.earliest, ev.latest, ev.id"
  [STMT_EVENTS] = EVENT_SELECT OVERLAPPING ("?2", "?3") EVENT_ORDER,
  [STMT_EVENTS_ENDING] = EVENT_SELECT ENDING ("?2", "?3") EVENT_ORDER,
  [STMT_EVENTS_STARTING] = EVENT_SELECT STARTING ("?2", "?3") EVENT_ORDER,
  [STMT_EVENTS_LATE] = EVENT_SELECT OVERLAPPING_LATE ("?2", "?3") EVENT_ORDER,
  /* what a view needs to place each event: no text at all (the title is
   * read by STMT_EVENT_TITLE for the events a view labels; the summary and
   * claimant by tri_store_get_event () for the one it opens), so that the
   * rows read are the event table's short ones */
#define EVENT_BRIEF_SELECT \
    "SELECT ev.id, ev.date, ev.category, ev.confidence, NULL, NULL, NULL, ev.date_label" \
    " FROM event ev"
  [STMT_EVENTS_BRIEF] = EVENT_BRIEF_SELECT OVERLAPPING ("?2", "?3") EVENT_ORDER,
  [STMT_EVENTS_BRIEF_ENDING] = EVENT_BRIEF_SELECT ENDING ("?2", "?3") EVENT_ORDER,
  [STMT_EVENTS_BRIEF_STARTING] = EVENT_BRIEF_SELECT STARTING ("?2", "?3") EVENT_ORDER,
  [STMT_EVENTS_BRIEF_LATE] = EVENT_BRIEF_SELECT OVERLAPPING_LATE ("?2", "?3") EVENT_ORDER,
  [STMT_EVENT] =
    EVENT_SELECT " WHERE ev.id = ?2",
  /* an event's title, the English one where the language has none */
  [STMT_EVENT_TITLE] =
    "SELECT COALESCE ((SELECT NULLIF (title, '') FROM event_text WHERE event = ?2 AND lang = ?1),"
    "                 (SELECT NULLIF (title, '') FROM event_text WHERE event = ?2 AND lang = 'en'))",
  [STMT_ACTOR_EVENTS] =
    EVENT_SELECT
    " WHERE ev.id IN (SELECT er.event FROM event_relation er JOIN relation r ON r.id = er.relation"
    "                 WHERE r.actor_a = ?2 OR r.actor_b = ?2)"
    " ORDER BY ev.earliest, ev.latest, ev.id LIMIT ?3",
  [STMT_ACTOR_EVENT_COUNT] =
    "SELECT count(DISTINCT er.event) FROM event_relation er JOIN relation r ON r.id = er.relation"
    " WHERE r.actor_a = ?1 OR r.actor_b = ?1",
#define LINK_SELECT \
    "SELECT er.event, er.relation, er.stance, er.weight" \
    " FROM event ev JOIN event_relation er ON er.event = ev.id"
  [STMT_LINKS] = LINK_SELECT OVERLAPPING ("?1", "?2"),
  [STMT_LINKS_ENDING] = LINK_SELECT ENDING ("?1", "?2"),
  [STMT_LINKS_STARTING] = LINK_SELECT STARTING ("?1", "?2"),
  [STMT_LINKS_LATE] = LINK_SELECT OVERLAPPING_LATE ("?1", "?2"),
  [STMT_EVENT_LINKS] =
    "SELECT event, relation, stance, weight FROM event_relation WHERE event = ?1",
  /* only days Trilateral can place: one absurd row leaves the rest (each
   * through its own index) */
  [STMT_EXTENT] =
    "SELECT (SELECT min (earliest) FROM event WHERE earliest >= -1930999),"
    "       (SELECT max (latest) FROM event WHERE latest <= 5373484)",
  [STMT_ALL_LINKS] =
    "SELECT er.relation, ev.earliest, ev.latest, er.stance, er.weight, ev.confidence, er.event"
    " FROM event_relation er JOIN event ev ON ev.id = er.event ORDER BY er.event",
  [STMT_EVENT_LINK_ROWS] =
    "SELECT er.relation, ev.earliest, ev.latest, er.stance, er.weight, ev.confidence, er.event"
    " FROM event ev JOIN event_relation er ON er.event = ev.id WHERE ev.id = ?1",
  [STMT_NEXT_EVENT] =
    "SELECT n.id FROM event c, event n WHERE c.id = ?1"
    " AND (n.earliest, n.latest, n.id) > (c.earliest, c.latest, c.id)"
    " ORDER BY n.earliest, n.latest, n.id LIMIT 1",
  [STMT_PREV_EVENT] =
    "SELECT n.id FROM event c, event n WHERE c.id = ?1"
    " AND (n.earliest, n.latest, n.id) < (c.earliest, c.latest, c.id)"
    " ORDER BY n.earliest DESC, n.latest DESC, n.id DESC LIMIT 1",
  [STMT_FIRST_EVENT] =
    "SELECT id FROM event ORDER BY earliest, latest, id LIMIT 1",
  [STMT_LAST_EVENT] =
    "SELECT id FROM event ORDER BY earliest DESC, latest DESC, id DESC LIMIT 1",
#define QUOTE_SELECT \
    "SELECT q.id, q.text, " TEXT_COLUMNS ("l", "e", "text") ", q.source, s.title," \
    " q.char_offset, q.relation, q.event, COALESCE (ev.date, s.date)," \
    " COALESCE (ev.confidence, 'confirmed'), s.date, q.claim, s.reliability, q.credibility," \
    " q.checked_sha256" \
    " FROM quote q JOIN source s ON s.id = q.source" \
    " LEFT JOIN event ev ON ev.id = q.event" \
    " LEFT JOIN quote_translation l ON l.quote = q.id AND l.lang = ?1" \
    " LEFT JOIN quote_translation e ON e.quote = q.id AND e.lang = 'en'"
  [STMT_QUOTES_BY_RELATION] =
    QUOTE_SELECT " WHERE q.relation = ?2",
  [STMT_QUOTES_BY_EVENT] =
    QUOTE_SELECT " WHERE q.event = ?2 ORDER BY q.id",
  /* what the panel sorts, counts and filters every quote by, read once
   * into memory (read_quote_keys ()): no text; the events' days, and the
   * sources' date and reliability, are read after */
  [STMT_QUOTE_KEYS] =
    "SELECT q.id, q.relation, q.event, q.claim, q.credibility, q.source FROM quote q",
  [STMT_EVENT_DAYS] =
    "SELECT earliest, latest FROM event WHERE id = ?1",
  [STMT_SOURCE_KEYS] =
    "SELECT id, date, reliability FROM source",
  [STMT_NOTES] =
    "SELECT text FROM note WHERE event IS ?1 ORDER BY rowid",
  [STMT_QUOTE_BY_ID] =
    QUOTE_SELECT " WHERE q.id = ?2",
  [STMT_SOURCE_DOCUMENT] =
    "SELECT text, sha256 FROM source_document WHERE source = ?1",
  [STMT_EVENT_HAS_QUOTES] =
    "SELECT 1 FROM quote WHERE event = ?1 AND +relation = ?2 LIMIT 1",
  [STMT_SOURCES] =
    "SELECT s.id, s.kind, s.title, s.outlet, s.authors, s.language, s.date, s.file, "
    TEXT_COLUMNS ("l", "e", "description")
    " FROM source s"
    " LEFT JOIN source_text l ON l.source = s.id AND l.lang = ?1"
    " LEFT JOIN source_text e ON e.source = s.id AND e.lang = 'en'"
    " ORDER BY s.date, s.id",
  [STMT_DECKS] =
    "SELECT id, name FROM deck ORDER BY id",
  [STMT_DECK_BY_NAME] =
    "SELECT id, name FROM deck WHERE name = ?1 ORDER BY id LIMIT 1",
  /* each text in ?1, else English, else the first language that has it;
   * the relation, actor and event as the file has them, for the reader to
   * check that they exist */
#define SLIDE_TEXT(col) \
    "COALESCE (NULLIF (l." col ", ''), NULLIF (e." col ", ''), (SELECT a." col " FROM slide_text a" \
    " WHERE a.slide = s.id AND NULLIF (a." col ", '') IS NOT NULL ORDER BY a.lang LIMIT 1))"
  [STMT_SLIDES] =
    "SELECT s.id, s.kind, s.as_of, s.window_months, s.relation, r.actor_a, r.actor_b,"
    " s.actor, (SELECT count (*) FROM actor WHERE code = s.actor), s.event,"
    " (SELECT count (*) FROM event WHERE id = s.event), s.range_start, s.range_end, s.show_others, s.lang,"
    " s.compare_from, s.trend_from, s.trend_to, s.trend_step, s.trend_style, "
    SLIDE_TEXT ("title") ", " SLIDE_TEXT ("judgement") ", " SLIDE_TEXT ("notes") ", " SLIDE_TEXT ("body") ","
    " s.filter"
    " FROM slide s LEFT JOIN relation r ON r.id = s.relation"
    " LEFT JOIN slide_text l ON l.slide = s.id AND l.lang = ?1"
    " LEFT JOIN slide_text e ON e.slide = s.id AND e.lang = 'en'"
    " WHERE s.deck = ?2 ORDER BY s.position, s.id",
  [STMT_MARKINGS] =
    "SELECT marking, author, prepared, version FROM markings ORDER BY id LIMIT 1",
  /* what a filter asks of every event, no text (tri_store_set_filter ()) */
  [STMT_EVENT_FACTS] =
    "SELECT ev.id, ev.category, ev.confidence, er.relation"
    " FROM event ev LEFT JOIN event_relation er ON er.event = ev.id ORDER BY ev.id",
  /* where each event goes on a timeline, no text (tri_store_list_event_places ()) */
#define PLACE_SELECT \
    "SELECT ev.id, ev.date, ev.category, er.stance, er.weight" \
    " FROM event ev LEFT JOIN event_relation er ON er.event = ev.id"
  [STMT_EVENT_PLACES] = PLACE_SELECT " ORDER BY ev.id",
  [STMT_EVENT_PLACE] = PLACE_SELECT " WHERE ev.id = ?1",
  [STMT_EVENT_BRIEF] = EVENT_BRIEF_SELECT " WHERE ev.id = ?2",
};

typedef struct
{
  gpointer            index;
  TriStoreIndexUpdate update;
} IndexEntry;

typedef struct _CheckJob CheckJob;

static void stop_check (TriStore *self);

struct _TriStore
{
  GObject       parent_instance;
  char         *path;
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
  GPtrArray    *relations;   /* cached: small, asked for on every edge */
  char         *private_dir; /* a private copy recovered from a -wal or -journal */
  char         *notice;      /* what was found beside the file, for the user */
  GError       *read_error;  /* the first read that failed after opening */
  guint         read_failures;
  char         *read_path;   /* the file read: the path, or its private copy */
  GStatBuf      identity;    /* the file as opened: immutable reads trust it not to change */
  gboolean      changed;     /* it changed on disk: no read is trusted any more */
  GError       *damage;      /* the whole-file check found damage: no read is trusted */
  CheckJob     *check;       /* the whole-file check, while it runs in a thread */
  gboolean      live;        /* an editable file its document writes: read as it is now */
  GArray       *indexes;     /* of IndexEntry: the indexes built over it, kept up to date (not owned) */
  const gint64 *changed_events;   /* during "changed": what tri_store_reload() was told */
  guint         n_changed_events;
  gboolean      in_changed;

  /* the filter every read of events and quotes honours (tri_store_set_filter ()) */
  TriFilter    *filter;         /* NULL: everything */
  guint         filter_serial;  /* changes with the filter and with the events */
  guint         n_facts;        /* events */
  gint64        fact_base;      /* the first event's id */
  GArray       *fact_ids;       /* of gint64, sorted: every event, once; %NULL when dense */
  GArray       *fact_kinds;     /* of guint8: category << 4 | confidence; %NULL: not read */
  GArray       *fact_rel_start; /* of guint, n_facts + 1: into fact_rels */
  GArray       *fact_rels;      /* of gint64: the relations of each event */
  gboolean      fact_dense;     /* the ids are fact_base + i: no array of them kept */
  GByteArray   *passes;         /* per fact: whether its event passes the filter */
  /* the last range tri_store_list_events () read, unfiltered, so that a
   * filter change reads no text again (a view asks for the same range) */
  GPtrArray    *range_events;
  GHashTable   *range_ids;      /* id to event of range_events, once it has grown or titles were read */
  guint32       range_from, range_to;
  gboolean      range_brief;
  char         *range_lang;

  /* what the panel sorts, counts and filters quotes by, read once
   * (read_quote_keys ()) and dropped when quotes, events or sources change */
  GArray       *quote_keys;     /* of QuoteKey: by relation, then newest first */
  GHashTable   *key_sources;    /* source id to SourceKey, for every source a quote names */
};

enum {
  READ_FAILED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean quote_facts_pass (TriStore   *self,
                                  gint64      event_id,
                                  TriClaim    claim,
                                  char        reliability,
                                  int         credibility,
                                  const char *source_id);

G_DEFINE_FINAL_TYPE (TriStore, tri_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (tri-store-error-quark, tri_store_error)

static void
remove_private_dir (const char *dir)
{
  static const char * const names[] = {
    "briefing.sqlite", "briefing.sqlite-wal", "briefing.sqlite-shm", "briefing.sqlite-journal",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (dir, names[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
drop_range (TriStore *self)
{
  g_clear_pointer (&self->range_events, g_ptr_array_unref);
  g_clear_pointer (&self->range_ids, g_hash_table_unref);
  g_clear_pointer (&self->range_lang, g_free);
}

static void
clear_facts (TriStore *self)
{
  g_clear_pointer (&self->fact_ids, g_array_unref);
  g_clear_pointer (&self->fact_kinds, g_array_unref);
  g_clear_pointer (&self->fact_rel_start, g_array_unref);
  g_clear_pointer (&self->fact_rels, g_array_unref);
  g_clear_pointer (&self->passes, g_byte_array_unref);
}

/* what is kept of the quotes: after quotes, events or sources changed */
static void
drop_quote_keys (TriStore *self)
{
  g_clear_pointer (&self->quote_keys, g_array_unref);
  g_clear_pointer (&self->key_sources, g_hash_table_unref);
}

/* what is kept of the events: after they changed */
static void
drop_facts (TriStore *self)
{
  drop_range (self);
  clear_facts (self);
}

static void
tri_store_finalize (GObject *object)
{
  TriStore *self = (TriStore *)object;

  stop_check (self);
  g_clear_error (&self->damage);
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->indexes, g_array_unref);
  g_clear_pointer (&self->filter, tri_filter_free);
  drop_facts (self);
  drop_quote_keys (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->read_path, g_free);
  g_clear_error (&self->read_error);
  if (self->private_dir != NULL)
    remove_private_dir (self->private_dir);
  g_clear_pointer (&self->private_dir, g_free);

  G_OBJECT_CLASS (tri_store_parent_class)->finalize (object);
}

static void
tri_store_class_init (TriStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tri_store_finalize;

  /**
   * TriStore::read-failed:
   * @message: the sentence for the user, naming the file
   *
   * A read failed after the file was opened (it was changed, truncated or
   * damaged underneath, or holds more than Trilateral's limits): whatever
   * that read returned is not the briefing's data.
   */
  signals[READ_FAILED] =
    g_signal_new ("read-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * TriStore::changed:
   * @changes: the #TriStoreChange bits of what changed
   *
   * A live store's file was changed by its document, and the store's
   * caches follow (tri_store_reload()): the views read again what they
   * show of it.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
tri_store_init (TriStore *self)
{
}

/**
 * tri_store_error_exit_code:
 *
 * Returns: the command line's exit status for @error (README.md lists them).
 */
int
tri_store_error_exit_code (const GError *error)
{
  if (error == NULL)
    return 0;
  if (error->domain != TRI_STORE_ERROR)
    return 1;
  switch ((TriStoreError) error->code)
    {
    case TRI_STORE_ERROR_NOT_FOUND: return 3;
    case TRI_STORE_ERROR_PERMISSION: return 4;
    case TRI_STORE_ERROR_IS_DIRECTORY: return 4;
    case TRI_STORE_ERROR_NOT_DATABASE: return 5;
    case TRI_STORE_ERROR_DAMAGED: return 6;
    case TRI_STORE_ERROR_FOREIGN: return 7;
    case TRI_STORE_ERROR_TOO_NEW: return 8;
    case TRI_STORE_ERROR_TOO_OLD: return 9;
    case TRI_STORE_ERROR_INCOMPLETE: return 10;
    case TRI_STORE_ERROR_NO_SUCH: return 2;
    case TRI_STORE_ERROR_READ: return 13;
    case TRI_STORE_ERROR_FAILED:
    default: return 1;
    }
}

static void
set_sqlite_error (GError     **error,
                  const char  *path,
                  int          rc,
                  sqlite3     *db)
{
  int primary = rc & 0xff;

  if (primary == SQLITE_NOTADB)
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NOT_DATABASE,
                 _("“%s” is not a database."), path);
  else if (primary == SQLITE_CORRUPT || primary == SQLITE_IOERR || primary == SQLITE_FORMAT)
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED,
                 _("“%s” is damaged and cannot be read (%s)."), path,
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else if (primary == SQLITE_NOMEM || primary == SQLITE_TOOBIG)
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ,
                 _("“%s” is larger than Trilateral’s limits for a briefing (%s)."), path,
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else if (primary == SQLITE_PERM || primary == SQLITE_CANTOPEN || primary == SQLITE_AUTH)
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_PERMISSION,
                 _("“%s” cannot be opened for reading."), path);
  else
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ,
                 _("“%s” could not be read (%s)."), path,
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

/* Checks what the file system can tell before SQLite sees the file. */
static gboolean
check_file (const char  *path,
            GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  GStatBuf st;
  char header[100];
  gssize n;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == EACCES)
        g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_PERMISSION,
                     _("“%s” cannot be reached: permission denied."), path);
      else
        g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NOT_FOUND,
                     _("“%s” does not exist."), path);
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a briefing database."), path);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a regular file."), path);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_PERMISSION,
                   _("“%s” cannot be opened for reading: %s."), path, g_strerror (errno));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n == 0)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is empty: it is not a briefing database."), path);
      return FALSE;
    }

  if (n < (gssize) sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a database."), path);
      return FALSE;
    }

  return TRUE;
}

static void
harden (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, TRI_STORE_MAX_LENGTH);
  sqlite3_limit (db, SQLITE_LIMIT_SQL_LENGTH, 100 * 1000);
  /* no column limit below SQLite's own: a valid file with a wide table of
   * someone else's must open, and our statements name their columns */
  sqlite3_limit (db, SQLITE_LIMIT_EXPR_DEPTH, 30);
  sqlite3_limit (db, SQLITE_LIMIT_COMPOUND_SELECT, 3);
  sqlite3_limit (db, SQLITE_LIMIT_FUNCTION_ARG, 8);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_limit (db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 50);
  sqlite3_limit (db, SQLITE_LIMIT_VARIABLE_NUMBER, 10);
  sqlite3_limit (db, SQLITE_LIMIT_TRIGGER_DEPTH, 10);
}

static gboolean
pragma_int (sqlite3     *db,
            const char  *path,
            const char  *sql,
            int         *value,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  set_sqlite_error (error, path, rc, db);
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
check_identity (sqlite3     *db,
                const char  *path,
                GError     **error)
{
  int app_id = 0, version = 0;

  if (!pragma_int (db, path, "PRAGMA application_id", &app_id, error) ||
      !pragma_int (db, path, "PRAGMA user_version", &version, error))
    return FALSE;

  if (app_id != TRI_APPLICATION_ID)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_FOREIGN,
                   _("“%s” is a database of another application, not a Trilateral briefing."),
                   path);
      return FALSE;
    }

  if (version > TRI_SCHEMA_VERSION)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_TOO_NEW,
                   _("“%s” was created by a newer version of Trilateral (format %d; this version reads format %d). Update Trilateral to open it."),
                   path, version, TRI_SCHEMA_VERSION);
      return FALSE;
    }

  if (version < 1)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_FOREIGN,
                   _("“%s” claims to be a Trilateral briefing but has no format version."),
                   path);
      return FALSE;
    }

  if (version < TRI_SCHEMA_VERSION)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_TOO_OLD,
                   _("“%s” was made by an older version of Trilateral (format %d). Migrate a copy with --migrate-to NEW.sqlite; the original is never changed."),
                   path, version);
      return FALSE;
    }

  return TRUE;
}

/* The whole file, page by page (SQLite's quick_check): damage anywhere is
 * found, in time that grows with the file */
static gboolean
check_integrity (sqlite3     *db,
                 const char  *path,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *verdict = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (verdict == NULL)
    {
      set_sqlite_error (error, path, rc, db);
      return FALSE;
    }

  if (!g_str_equal (verdict, "ok"))
    {
      /* SQLite's verdict may start with "*** in database main ***\n" */
      const char *detail = strrchr (verdict, '\n');

      detail = detail ? detail + 1 : verdict;
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged and cannot be read safely (%s)."), path, detail);
      return FALSE;
    }

  return TRUE;
}

static sqlite3 *
open_db (const char  *path,
         gboolean     read_only,
         gboolean     immutable,
         GError     **error)
{
  g_autofree char *abs = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *full = NULL;
  sqlite3 *db = NULL;
  int rc;

  abs = g_canonicalize_filename (path, NULL);
  uri = g_filename_to_uri (abs, NULL, error);
  if (uri == NULL)
    return NULL;

  full = g_strconcat (uri, read_only && immutable ? "?immutable=1" : "", NULL);
  rc = sqlite3_open_v2 (full, &db,
                        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                        SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, path, rc, db);
      sqlite3_close (db);
      return NULL;
    }

  harden (db);

  if (!tri_sql_exec (db, "PRAGMA mmap_size = 0; PRAGMA cell_size_check = ON;", NULL))
    g_debug ("Could not set the safety pragmas on %s", path);

  return db;
}

static gboolean
copy_file_bytes (const char  *from,
                 const char  *to,
                 GError     **error)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);

  return g_file_copy (src, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, error);
}

static goffset
side_file_size (const char *path,
                const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  if (g_stat (side, &st) != 0 || !S_ISREG (st.st_mode))
    return -1;
  return st.st_size;
}

/*
 * A -wal beside the file may hold committed changes that the file itself
 * does not (an immutable open would ignore them), and a -journal is what an
 * interrupted write leaves (an immutable open would show the half-written
 * pages). Neither is trusted as it is: the file and its companion are
 * copied into a private folder, where SQLite recovers them as any reader
 * would (the WAL checkpointed, the journal rolled back); the user's files
 * are only read. Returns the copy's path, or NULL when there is nothing
 * beside the file.
 */
static char *
recover_private_copy (const char  *path,
                      char       **private_dir,
                      char       **notice,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *side = NULL;
  g_autofree char *cache = NULL;
  const char *suffix;
  sqlite3 *db = NULL;
  gboolean wal;
  int rc;

  if (side_file_size (path, "-wal") > 0)
    wal = TRUE;
  else if (side_file_size (path, "-journal") > 0)
    wal = FALSE;
  else
    return NULL;
  suffix = wal ? "-wal" : "-journal";

  cache = g_build_filename (g_get_user_cache_dir (), "trilateral", NULL);
  if (g_mkdir_with_parents (cache, 0700) != 0 ||
      (dir = g_mkdtemp (g_build_filename (cache, "private-XXXXXX", NULL))) == NULL)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ,
                   _("“%s” has a “%s” beside it, and no private copy could be made to read them safely: %s."),
                   path, suffix, g_strerror (errno));
      return NULL;
    }
  copy = g_build_filename (dir, "briefing.sqlite", NULL);
  side = g_strconcat (path, suffix, NULL);
  {
    g_autofree char *copy_side = g_strconcat (copy, suffix, NULL);

    if (!copy_file_bytes (path, copy, &local_error) ||
        !copy_file_bytes (side, copy_side, &local_error))
      {
        g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ,
                     _("“%s” has a “%s” beside it, and no private copy could be made to read them safely: %s."),
                     path, suffix, local_error->message);
        remove_private_dir (dir);
        return NULL;
      }
  }

  /* SQLite's own recovery, in the private folder */
  rc = sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      harden (db);
      rc = sqlite3_exec (db, wal ? "PRAGMA wal_checkpoint (TRUNCATE); PRAGMA journal_mode = DELETE"
                                 : "PRAGMA schema_version",
                         NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, path, rc, db);
      sqlite3_close (db);
      remove_private_dir (dir);
      return NULL;
    }
  sqlite3_close (db);

  *notice = wal
    ? g_strdup_printf (_("“%s” has changes in “%s” that are not in the file itself: they are shown as any SQLite reader would see them, from a private copy; neither file is changed."),
                       path, side)
    : g_strdup_printf (_("“%s” was left in the middle of a write (“%s” is beside it): it is shown as it was before that write, from a private copy; neither file is changed."),
                       path, side);
  *private_dir = g_steal_pointer (&dir);
  return g_steal_pointer (&copy);
}

/**
 * tri_store_get_notice:
 *
 * Returns: (nullable): what was found beside the file and how it is shown
 *   (a -wal or a -journal), for the user; %NULL normally
 */
const char *
tri_store_get_notice (TriStore *self)
{
  g_return_val_if_fail (TRI_IS_STORE (self), NULL);
  return self->notice;
}

/* after the identity and integrity checks: the statements the views run,
 * and the relations every edge asks for */
static gboolean
prepare_statements (TriStore  *self,
                    GError   **error)
{
  /* after the integrity check, whose program grows with the number of
   * tables (a valid file may hold thousands of someone else's): our own
   * statements stay far below this */
  sqlite3_limit (self->db, SQLITE_LIMIT_VDBE_OP, 25000);

  for (guint i = 0; i < N_STMTS; i++)
    {
      int rc = sqlite3_prepare_v3 (self->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                   &self->stmts[i], NULL);
      if (rc != SQLITE_OK)
        {
          if ((rc & 0xff) == SQLITE_ERROR)
            g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_INCOMPLETE,
                         _("“%s” is a Trilateral briefing with missing tables or columns (%s)."),
                         self->path, sqlite3_errmsg (self->db));
          else
            set_sqlite_error (error, self->path, rc, self->db);
          return FALSE;
        }
    }

  self->relations = tri_store_list_relations (self, error);
  return self->relations != NULL;
}

/* The whole-file check of TRI_STORE_OPEN_CHECK_LATER, in a thread with its
 * own connection. The job is shared by the store and the thread; the thread
 * tells the store's main context when it is done, through a weak
 * reference, so that a store dropped meanwhile is no matter. */
struct _CheckJob
{
  gatomicrefcount  ref;
  char            *path;       /* as the user named it, for the message */
  char            *read_path;
  GWeakRef         store;
  GMainContext    *context;
  GThread         *thread;
  GMutex           lock;
  GCond            done_cond;
  gboolean         done;
  GError          *verdict;    /* NULL: the file is whole */
};

static void
check_job_unref (CheckJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_free (job->path);
  g_free (job->read_path);
  g_weak_ref_clear (&job->store);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->done_cond);
  g_clear_error (&job->verdict);
  g_free (job);
}

static void apply_check (TriStore *self);

static gboolean
check_job_done (gpointer data)
{
  CheckJob *job = data;
  g_autoptr(TriStore) store = g_weak_ref_get (&job->store);

  if (store != NULL && store->check == job)
    apply_check (store);
  return G_SOURCE_REMOVE;
}

static gpointer
check_job_run (gpointer data)
{
  CheckJob *job = data;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_db (job->read_path, TRUE, TRUE, &error);
  GSource *source;

  if (db != NULL)
    {
      /* the message names the file the user opened, as a check at the
       * opening does */
      check_integrity (db, job->path, &error);
      sqlite3_close (db);
    }
  g_mutex_lock (&job->lock);
  job->verdict = g_steal_pointer (&error);
  job->done = TRUE;
  g_cond_broadcast (&job->done_cond);
  g_mutex_unlock (&job->lock);

  g_atomic_ref_count_inc (&job->ref);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, check_job_done, job, (GDestroyNotify) check_job_unref);
  g_source_set_static_name (source, "[trilateral] whole-file check done");
  g_source_attach (source, job->context);
  g_source_unref (source);
  check_job_unref (job);
  return NULL;
}

/* The check's verdict, once it is in (waiting for it): damage is said once,
 * through "read-failed", and every read from then on fails with it */
static void
apply_check (TriStore *self)
{
  CheckJob *job = self->check;
  g_autoptr(GError) verdict = NULL;

  if (job == NULL)
    return;
  g_mutex_lock (&job->lock);
  while (!job->done)
    g_cond_wait (&job->done_cond, &job->lock);
  verdict = g_steal_pointer (&job->verdict);
  g_mutex_unlock (&job->lock);
  g_thread_join (job->thread);
  self->check = NULL;
  check_job_unref (job);

  /* damage a read found first was said then */
  if (verdict != NULL && self->damage == NULL)
    {
      self->damage = g_error_copy (verdict);
      drop_range (self);
      self->read_failures++;
      if (self->read_error == NULL)
        self->read_error = g_error_copy (verdict);
      g_signal_emit (self, signals[READ_FAILED], 0, verdict->message);
    }
}

static void
start_check (TriStore *self)
{
  CheckJob *job = g_new0 (CheckJob, 1);

  g_atomic_ref_count_init (&job->ref);
  job->path = g_strdup (self->path);
  job->read_path = g_strdup (self->read_path);
  g_weak_ref_init (&job->store, self);
  job->context = g_main_context_ref_thread_default ();
  g_mutex_init (&job->lock);
  g_cond_init (&job->done_cond);
  self->check = job;
  /* the thread's reference, dropped when it has said it is done */
  g_atomic_ref_count_inc (&job->ref);
  job->thread = g_thread_new ("tri-store-check", check_job_run, job);
}

/**
 * tri_store_wait_checked:
 *
 * Waits for the whole-file check of a store opened with
 * %TRI_STORE_OPEN_CHECK_LATER, if it still runs, and takes its verdict.
 *
 * Returns: %FALSE with @error set when the file was found damaged (now or
 *   before); %TRUE when it was found whole, or never deferred
 */
gboolean
tri_store_wait_checked (TriStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);

  apply_check (self);
  if (self->damage != NULL)
    {
      g_propagate_error (error, g_error_copy (self->damage));
      return FALSE;
    }
  return TRUE;
}

/**
 * tri_store_is_checking:
 *
 * Returns: whether the whole-file check still runs (nothing is known to be
 *   wrong with the file yet, nor known to be right)
 */
gboolean
tri_store_is_checking (TriStore *self)
{
  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);
  return self->check != NULL;
}

/**
 * tri_store_is_damaged:
 *
 * Returns: whether the whole-file check found the file damaged
 */
gboolean
tri_store_is_damaged (TriStore *self)
{
  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);
  return self->damage != NULL;
}

/* finalize: the thread reads the file, maybe the private copy removed then */
static void
stop_check (TriStore *self)
{
  if (self->check != NULL)
    {
      g_thread_join (self->check->thread);
      check_job_unref (self->check);
      self->check = NULL;
    }
}

/**
 * tri_store_open:
 * @path: a briefing database
 *
 * Opens @path read-only and checks that it is a Trilateral briefing this
 * version can read, undamaged and with every table the views query.
 * The file is never written, whatever happens.
 *
 * Returns: (transfer full): the store, or %NULL with @error set to a
 *   sentence a user understands.
 */
TriStore *
tri_store_open (const char  *path,
                GError     **error)
{
  return tri_store_open_full (path, TRI_STORE_OPEN_DEFAULT, error);
}

/**
 * tri_store_open_full:
 * @flags: %TRI_STORE_OPEN_CHECK_LATER: the whole-file check (SQLite's
 *   quick_check, whose time grows with the file) runs in a thread instead
 *   of before returning. Everything else is checked first as
 *   tri_store_open() does: the header, the application id, the format
 *   version and the preparation of every statement. Damage found later is
 *   said through #TriStore::read-failed, in the main context of the caller,
 *   and from then on every read fails with it and
 *   tri_store_get_read_error() has it, so nothing is exported from the file;
 *   tri_store_get_read_error() and tri_store_wait_checked() wait for the
 *   verdict.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
TriStore *
tri_store_open_full (const char        *path,
                     TriStoreOpenFlags  flags,
                     GError           **error)
{
  g_autoptr(TriStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_file (path, error))
    return NULL;

  self = g_object_new (TRI_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  {
    g_autoptr(GError) local_error = NULL;
    g_autofree char *copy = recover_private_copy (path, &self->private_dir, &self->notice,
                                                  &local_error);

    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
    self->read_path = g_strdup (copy != NULL ? copy : path);
    if (g_stat (self->read_path, &self->identity) != 0)
      memset (&self->identity, 0, sizeof self->identity);
    self->db = open_db (self->read_path, TRUE, TRUE, error);
  }
  if (self->db == NULL)
    return NULL;

  if (!check_identity (self->db, path, error))
    return NULL;
  if ((flags & TRI_STORE_OPEN_CHECK_LATER) == 0 && !check_integrity (self->db, path, error))
    return NULL;

  if (!prepare_statements (self, error))
    return NULL;

  if (flags & TRI_STORE_OPEN_CHECK_LATER)
    start_check (self);
  return g_steal_pointer (&self);
}

/**
 * tri_store_open_live:
 * @path: a briefing created editable (it has its `editable` row), which a
 *   #TriDocument may be writing
 *
 * Opens @path read-only to show it while its document edits it: not
 * immutable, so each read sees the last command committed (through the
 * write-ahead log), and a change of the file is no read failure. It is
 * identified and checked as tri_store_open() does, with the same hardened
 * connection. After each change the document makes, tri_store_reload()
 * brings the store's caches up to date. Any other briefing is refused
 * with %TRI_STORE_ERROR_NOT_EDITABLE: those stay immutable
 * (tri_store_open()).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
TriStore *
tri_store_open_live (const char  *path,
                     GError     **error)
{
  g_autoptr(TriStore) self = NULL;
  int editable = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_file (path, error))
    return NULL;

  self = g_object_new (TRI_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_path = g_strdup (path);
  self->live = TRUE;
  /* opened for writing but never written through (query_only): so that,
   * closed last after its document, it removes the -wal and -shm as
   * SQLite's last connection does, where a read-only one leaves them */
  self->db = open_db (path, FALSE, FALSE, error);
  if (self->db == NULL)
    return NULL;
  if (!tri_sql_exec (self->db, "PRAGMA query_only = ON", error))
    return NULL;
  /* the document's commit, or its checkpoint, may hold the file a moment */
  sqlite3_busy_timeout (self->db, 2000);

  if (!check_identity (self->db, path, error) || !check_integrity (self->db, path, error))
    return NULL;
  if (!pragma_int (self->db, path,
                   "SELECT count (*) FROM sqlite_schema WHERE type = 'table' AND name = 'editable'",
                   &editable, error) ||
      (editable == 1 && !pragma_int (self->db, path, "SELECT count (*) FROM editable", &editable, error)))
    return NULL;
  if (editable != 1)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NOT_EDITABLE,
                   _("“%s” was not created by Trilateral to be edited: it is shown read-only, as it is."),
                   path);
      return NULL;
    }

  if (!prepare_statements (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tri_store_is_live:
 *
 * Returns: whether the store was opened with tri_store_open_live()
 */
gboolean
tri_store_is_live (TriStore *self)
{
  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);
  return self->live;
}

/**
 * tri_store_reload:
 * @changes: the #TriStoreChange (#TriDocumentChange) bits of what changed
 * @events: (array length=n_events) (nullable): the ids of the events
 *   added, changed or removed (tri_document_get_changed_events()), or
 *   %NULL for "any event"
 *
 * After the document changed the file of a live store: drops what the
 * store keeps of what changed, then emits #TriStore::changed with
 * @changes, for the views to read what they show again.
 */
void
tri_store_reload (TriStore     *self,
                  guint         changes,
                  const gint64 *events,
                  guint         n_events)
{
  g_return_if_fail (TRI_IS_STORE (self));

  if (changes & (TRI_STORE_CHANGE_ACTORS | TRI_STORE_CHANGE_RELATIONS))
    {
      /* holders of the old list keep it (it is reference-counted) */
      g_autoptr(GPtrArray) old = g_steal_pointer (&self->relations);
      g_autoptr(GError) error = NULL;

      self->relations = tri_store_list_relations (self, &error);
      if (self->relations == NULL)
        self->relations = g_steal_pointer (&old);
    }

  /* what passes the filter is read again when next asked */
  if (changes & (TRI_STORE_CHANGE_ACTORS | TRI_STORE_CHANGE_RELATIONS |
                 TRI_STORE_CHANGE_EVENTS | TRI_STORE_CHANGE_LINKS))
    {
      drop_facts (self);
      self->filter_serial++;
    }

  if (changes & (TRI_STORE_CHANGE_QUOTES | TRI_STORE_CHANGE_EVENTS |
                 TRI_STORE_CHANGE_SOURCES | TRI_STORE_CHANGE_RELATIONS))
    drop_quote_keys (self);

  /* the indexes: only the entries of the events that changed */
  if (changes & (TRI_STORE_CHANGE_EVENTS | TRI_STORE_CHANGE_LINKS))
    for (guint i = 0; self->indexes != NULL && i < self->indexes->len; i++)
      {
        g_autoptr(GError) error = NULL;

        const IndexEntry *entry = &g_array_index (self->indexes, IndexEntry, i);

        if (!entry->update (entry->index, events, n_events, &error))
          g_debug ("An index of %s could not follow: %s", self->path, error->message);
      }

  self->changed_events = events;
  self->n_changed_events = events != NULL ? n_events : 0;
  self->in_changed = TRUE;
  g_signal_emit (self, signals[CHANGED], 0, changes);
  self->in_changed = FALSE;
  self->changed_events = NULL;
  self->n_changed_events = 0;
}

/**
 * tri_store_get_changed_events:
 * @events: (out) (array length=n_events) (transfer none): the events
 *   tri_store_reload() was told of
 * @n_events: (out): how many
 *
 * During #TriStore::changed: which events changed, for a view to patch
 * what it holds of them (tri_store_update_events()).
 *
 * Returns: %FALSE when any event may have changed (or outside the signal):
 *   read everything again
 */
gboolean
tri_store_get_changed_events (TriStore      *self,
                              const gint64 **events,
                              guint         *n_events)
{
  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);

  *events = self->changed_events;
  *n_events = self->n_changed_events;
  return self->in_changed && (self->changed_events != NULL || self->n_changed_events == 0);
}

/* The indexes built over the store, which tri_store_reload() updates */
void
tri_store_add_index (TriStore            *self,
                     gpointer             index,
                     TriStoreIndexUpdate  update)
{
  IndexEntry entry = { index, update };

  if (self->indexes == NULL)
    self->indexes = g_array_new (FALSE, FALSE, sizeof (IndexEntry));
  g_array_append_val (self->indexes, entry);
}

void
tri_store_remove_index (TriStore *self,
                        gpointer  index)
{
  for (guint i = 0; self->indexes != NULL && i < self->indexes->len; i++)
    if (g_array_index (self->indexes, IndexEntry, i).index == index)
      {
        g_array_remove_index (self->indexes, i);
        return;
      }
}

/**
 * tri_store_migrate_copy:
 * @path: an older Trilateral briefing
 * @dest: where the migrated copy goes; must not exist
 *
 * Copies @path to @dest and migrates the copy to the current format.
 * @path itself is only read. @dest appears only when complete.
 */
/* The bytes of @path into @file; a file in WAL mode becomes a rollback
 * file in the copy, which has no -wal beside it. */
static gboolean
copy_into (const char  *path,
           TriNewFile  *file,
           GError     **error)
{
  char buffer[64 * 1024];
  gboolean first = TRUE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_PERMISSION,
                   _("“%s” cannot be opened for reading: %s."), path, g_strerror (errno));
      return FALSE;
    }
  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ,
                       _("“%s” could not be read: %s."), path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      if (first && n >= 20 && buffer[18] == 2 && buffer[19] == 2)
        buffer[18] = buffer[19] = 1;
      first = FALSE;
      if (!tri_new_file_write (file, buffer, n, error))
        {
          close (fd);
          return FALSE;
        }
    }
  close (fd);
  return TRUE;
}

/* A failed statement while writing @dest, as a write error naming it. */
static void
set_write_error (GError     **error,
                 const char  *dest,
                 sqlite3     *db,
                 GError      *cause)
{
  int rc = db != NULL ? sqlite3_errcode (db) & 0xff : SQLITE_ERROR;

  if (rc == SQLITE_FULL || g_error_matches (cause, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL))
    tri_write_error_set_errno (error, dest, ENOSPC);
  else if (cause != NULL && rc != SQLITE_IOERR && rc != SQLITE_READONLY && rc != SQLITE_CANTOPEN)
    /* not the disk: what the old file holds cannot be migrated */
    g_propagate_error (error, g_error_copy (cause));
  else
    g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FAILED,
                 _("Could not write “%s”: %s."), dest,
                 cause != NULL ? cause->message : db != NULL ? sqlite3_errmsg (db) : "?");
}

/**
 * tri_store_migrate_copy:
 * @path: an older Trilateral briefing
 * @dest: where the migrated copy goes; must not exist
 *
 * Copies @path to @dest and migrates the copy to the current format.
 * @path itself is only read. @dest appears only when complete, through
 * the one file-writing helper, and never replaces a file.
 */
static gboolean copy_migrated (const char  *path,
                               const char  *dest,
                               const char  *editable_by,
                               GError     **error);

gboolean
tri_store_migrate_copy (const char  *path,
                        const char  *dest,
                        GError     **error)
{
  return copy_migrated (path, dest, NULL, error);
}

/**
 * tri_store_editable_copy:
 * @path: any Trilateral briefing, of this or an older format
 * @dest: where the copy goes; must not exist
 * @created_by: who makes it, recorded in the copy
 *
 * Like tri_store_migrate_copy(), and the copy is marked editable (the one
 * row of its `editable` table), so that a TriDocument opens it. @path is
 * only read.
 */
gboolean
tri_store_editable_copy (const char  *path,
                         const char  *dest,
                         const char  *created_by,
                         GError     **error)
{
  g_return_val_if_fail (created_by != NULL, FALSE);
  return copy_migrated (path, dest, created_by, error);
}

static gboolean
copy_migrated (const char  *path,
               const char  *dest,
               const char  *editable_by,
               GError     **error)
{
  g_autoptr(TriNewFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  int app_id = 0;
  gboolean ok;

  g_autofree char *private_dir = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *recovered = NULL;

  gboolean older = FALSE;

  if (!check_file (path, error))
    return FALSE;

  /* read as any command reads it: what is wrong with the file is said in
   * the same words and exit code; only an older briefing goes on, to be
   * brought up to date in the copy */
  {
    g_autoptr(TriStore) reader = tri_store_open (path, &local_error);

    if (reader == NULL)
      {
        if (!g_error_matches (local_error, TRI_STORE_ERROR, TRI_STORE_ERROR_TOO_OLD))
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
        older = TRUE;
        g_clear_error (&local_error);
      }
  }

  /* a -wal or -journal beside it: migrate what a reader would see */
  recovered = recover_private_copy (path, &private_dir, &notice, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  file = tri_new_file_create (dest, TRI_NEW_FILE_NO_REPLACE, error);
  ok = file != NULL && copy_into (recovered != NULL ? recovered : path, file, error);
  if (private_dir != NULL)
    remove_private_dir (private_dir);
  if (!ok)
    return FALSE;

  db = tri_new_file_open_sqlite (file, error);
  if (db == NULL)
    return FALSE;
  harden (db);
  ok = pragma_int (db, path, "PRAGMA application_id", &app_id, error);
  if (ok && app_id != TRI_APPLICATION_ID)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_FOREIGN,
                   _("“%s” is a database of another application, not a Trilateral briefing."),
                   path);
      ok = FALSE;
    }
  if (ok && !tri_schema_migrate (db, &local_error))
    {
      if (older)
        g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_TOO_OLD,
                     _("“%s” is an older briefing that could not be brought up to date: %s."),
                     path, local_error->message);
      else
        set_write_error (error, dest, db, local_error);
      ok = FALSE;
    }
  if (ok && editable_by != NULL)
    {
      char *sql = sqlite3_mprintf ("DELETE FROM editable;"
                                                " INSERT INTO editable (created_by, created_at)"
                                                " VALUES (%Q, strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'))",
                                                editable_by);
      int verdict = 0;

      gboolean written = tri_sql_exec (db, sql, &local_error);

      sqlite3_free (sql);
      if (!written)
        {
          set_write_error (error, dest, db, local_error);
          ok = FALSE;
        }
      else if (!tri_schema_check_editable (db, path, error))
        ok = FALSE;
      /* a damaged file is not made into one to edit */
      else if (!pragma_int (db, path, "SELECT quick_check = 'ok' FROM pragma_quick_check (1)", &verdict, error))
        ok = FALSE;
      else if (!verdict)
        {
          g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED,
                       _("“%s” is damaged and cannot be read safely (%s)."), path, "quick_check");
          ok = FALSE;
        }
    }
  if (sqlite3_close (db) != SQLITE_OK && ok)
    {
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FAILED,
                   _("Could not write “%s”: %s."), dest, _("the database could not be closed"));
      ok = FALSE;
    }

  return ok && tri_new_file_commit (file, error);
}

const char *
tri_store_get_path (TriStore *self)
{
  g_return_val_if_fail (TRI_IS_STORE (self), NULL);
  return self->path;
}

/* an immutable open reads whatever is on disk now: a file truncated or
 * rewritten under us would read as "nothing", so every query checks, and
 * so does every answer given from what the store keeps */
static void
check_unchanged (TriStore *self)
{
  if (!self->changed && self->identity.st_ino != 0)
    {
      GStatBuf st;

      if (g_stat (self->read_path, &st) != 0 || st.st_ino != self->identity.st_ino ||
          st.st_dev != self->identity.st_dev || st.st_size != self->identity.st_size ||
          st.st_mtim.tv_sec != self->identity.st_mtim.tv_sec ||
          st.st_mtim.tv_nsec != self->identity.st_mtim.tv_nsec)
        self->changed = TRUE;
    }
}

static sqlite3_stmt *
begin (TriStore   *self,
       StmtId      id,
       const char *lang)
{
  sqlite3_stmt *stmt = self->stmts[id];

  check_unchanged (self);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (lang != NULL)
    sqlite3_bind_text (stmt, 1, tri_lang_normalize (lang), -1, SQLITE_STATIC);
  return stmt;
}

/* Every read after opening ends here: a failure is remembered and said,
 * once, where it arises, so no caller can turn it into an empty picture. */
static void
set_read_error (TriStore  *self,
                int        rc,
                GError   **error)
{
  if (self->damage != NULL && !self->changed)
    g_propagate_error (error, g_error_copy (self->damage));
  else if (self->changed)
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ,
                 _("“%s” was changed on disk after it was opened: it can no longer be read as it was. Open it again to see what it holds now."),
                 self->path);
  else
    set_sqlite_error (error, self->path, rc, self->db);
}

static void
note_read_failure (TriStore *self,
                   int       rc)
{
  g_autoptr(GError) error = NULL;

  set_read_error (self, rc, &error);
  /* a read that finds the file damaged is the whole-file check's verdict
   * come early: nothing more is read from it */
  if (!self->changed && self->damage == NULL &&
      g_error_matches (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED))
    self->damage = g_error_copy (error);
  self->read_failures++;
  if (self->read_error == NULL)
    self->read_error = g_error_copy (error);
  g_signal_emit (self, signals[READ_FAILED], 0, error->message);
}

static gboolean
finish (TriStore  *self,
        int        rc,
        GError   **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  set_read_error (self, rc, error);
  note_read_failure (self, rc);
  return FALSE;
}

/* One step of a query begun with begin(): nothing is read from a file that
 * changed under us */
static int
step (TriStore     *self,
      sqlite3_stmt *stmt)
{
  if (self->changed)
    return SQLITE_IOERR;
  if (self->damage != NULL)
    return SQLITE_CORRUPT;
  return sqlite3_step (stmt);
}

/* One step of a single-row query, whose failure is noted like any other */
static int
step_row (TriStore     *self,
          sqlite3_stmt *stmt)
{
  int rc = step (self, stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    note_read_failure (self, rc);
  return rc;
}

/**
 * tri_store_get_read_error:
 *
 * Returns: (nullable): the first read that failed after opening; exports
 *   refuse to draw from a store that has one
 */
const GError *
tri_store_get_read_error (TriStore *self)
{
  g_return_val_if_fail (TRI_IS_STORE (self), NULL);
  /* a whole-file check still running is waited for: an export asks */
  apply_check (self);
  return self->read_error;
}

/**
 * tri_store_get_read_failures:
 *
 * Returns: how many reads have failed since opening
 */
guint
tri_store_get_read_failures (TriStore *self)
{
  g_return_val_if_fail (TRI_IS_STORE (self), 0);
  return self->read_failures;
}

/* Text from a file Trilateral did not write may be anything: never hand
 * invalid UTF-8 to Pango or to JSON, nor a megabyte where a sentence goes.
 * Longer text is cut at a character boundary and marked with an ellipsis. */
#define SHORT_TEXT 400     /* names, titles, codes */
#define LONG_TEXT 6000     /* summaries, quotes, translations, descriptions */

static char *
column_text_max (sqlite3_stmt *stmt,
                 int           col,
                 glong         max_chars)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  gsize bytes = (gsize) sqlite3_column_bytes (stmt, col);
  gsize window = MIN (bytes, (gsize) max_chars * 4 + 4);
  char *valid;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, (gssize) window);
  if (window < bytes || g_utf8_strlen (valid, -1) > max_chars)
    {
      char *cut = g_utf8_offset_to_pointer (valid, MIN (max_chars, g_utf8_strlen (valid, -1)));
      char *shortened;

      *cut = '\0';
      shortened = g_strconcat (valid, "…", NULL);
      g_free (valid);
      return shortened;
    }
  return valid;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return column_text_max (stmt, col, SHORT_TEXT);
}

static char *
column_long_text (sqlite3_stmt *stmt,
                  int           col)
{
  return column_text_max (stmt, col, LONG_TEXT);
}

static void
column_date (sqlite3_stmt *stmt,
             int           col,
             TriDate      *date)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  if (!tri_date_parse (text, date, NULL))
    tri_date_parse ("1000", date, NULL);
}

/* A day column (a Julian Day Number, schema 4); a file from elsewhere may
 * hold anything there, which places nothing. */
static gboolean
column_day (sqlite3_stmt *stmt,
            int           col,
            guint32      *day)
{
  return sqlite3_column_type (stmt, col) == SQLITE_INTEGER &&
         tri_day_from_jdn (sqlite3_column_int64 (stmt, col), day);
}

char *
tri_store_dup_title (TriStore   *self,
                     const char *lang)
{
  sqlite3_stmt *stmt;
  char *title = NULL;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  stmt = begin (self, STMT_TITLE, lang);
  if (step_row (self, stmt) == SQLITE_ROW)
    title = column_text (stmt, 0);
  sqlite3_reset (stmt);

  if (title == NULL || *title == '\0')
    {
      g_free (title);
      title = g_path_get_basename (self->path);
    }
  return title;
}

GPtrArray *
tri_store_list_actors (TriStore    *self,
                       const char  *lang,
                       GError     **error)
{
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_actor_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  stmt = begin (self, STMT_ACTORS, lang);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      TriActor *actor = g_new0 (TriActor, 1);

      actor->code = column_text (stmt, 0);
      if (actor->code == NULL)
        actor->code = g_strdup ("?");
      if (!tri_color_parse ((const char *) sqlite3_column_text (stmt, 1), &actor->color))
        actor->color = 0x7F7F7F;
      actor->rank = sqlite3_column_int (stmt, 2);
      actor->name = column_text (stmt, 3);
      if (actor->name == NULL || *actor->name == '\0')
        {
          g_free (actor->name);
          actor->name = g_strdup (actor->code);
        }
      g_ptr_array_add (actors, actor);
    }

  if (!finish (self, rc, error))
    return NULL;
  return g_steal_pointer (&actors);
}

static int
actor_rank_in (GPtrArray  *actors,
               const char *code)
{
  for (guint i = 0; i < actors->len; i++)
    {
      TriActor *a = g_ptr_array_index (actors, i);
      if (g_str_equal (a->code, code))
        return a->rank;
    }
  return G_MAXINT;
}

/**
 * tri_store_list_relations:
 *
 * Returns: (transfer container): the relations, each with its code written
 *   with the higher-ranked actor first ("RUS-PRK").
 */
GPtrArray *
tri_store_list_relations (TriStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) actors = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  if (self->relations != NULL)
    return g_ptr_array_ref (self->relations);

  actors = tri_store_list_actors (self, "en", error);
  if (actors == NULL)
    return NULL;

  relations = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_relation_free);
  stmt = begin (self, STMT_RELATIONS, NULL);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      TriRelation *r = g_new0 (TriRelation, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->a = column_text (stmt, 1);
      r->b = column_text (stmt, 2);
      if (r->a == NULL)
        r->a = g_strdup ("?");
      if (r->b == NULL)
        r->b = g_strdup ("?");
      if (actor_rank_in (actors, r->b) < actor_rank_in (actors, r->a))
        {
          char *t = r->a;
          r->a = r->b;
          r->b = t;
        }
      r->code = g_strdup_printf ("%s-%s", r->a, r->b);
      g_ptr_array_add (relations, r);
    }

  if (!finish (self, rc, error))
    return NULL;
  return g_steal_pointer (&relations);
}

/**
 * tri_store_find_relation:
 * @code: "RUS-PRK", in either order
 *
 * Returns: (transfer none): the relation, or %NULL with @error set
 */
TriRelation *
tri_store_find_relation (TriStore    *self,
                         const char  *code,
                         GError     **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  if (!tri_relation_code_parse (code, &a, &b))
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NO_SUCH,
                   _("“%s” is not a relation: write two actor codes such as RUS-PRK."),
                   code ? code : "");
      return NULL;
    }

  for (guint i = 0; i < self->relations->len; i++)
    {
      TriRelation *r = g_ptr_array_index (self->relations, i);

      if ((g_str_equal (r->a, a) && g_str_equal (r->b, b)) ||
          (g_str_equal (r->a, b) && g_str_equal (r->b, a)))
        return r;
    }

  g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NO_SUCH,
               _("The briefing has no relation %s–%s."), a, b);
  return NULL;
}

/* An event's title as a view shows it: the file's, or its number where it
 * has none */
static char *
title_or_number (char   *title,
                 gint64  id)
{
  return title != NULL ? title : g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

/* An event from a row of EVENT_SELECT, or of EVENT_BRIEF_SELECT (@brief:
 * its title left %NULL, unread) */
static TriEvent *
event_from_row (sqlite3_stmt *stmt,
                gboolean      brief)
{
  TriEvent *ev = g_new0 (TriEvent, 1);

  ev->id = sqlite3_column_int64 (stmt, 0);
  column_date (stmt, 1, &ev->date);
  if (!tri_category_from_string ((const char *) sqlite3_column_text (stmt, 2), &ev->category))
    ev->category = TRI_CATEGORY_DIPLOMACY;
  if (!tri_confidence_from_string ((const char *) sqlite3_column_text (stmt, 3), &ev->confidence))
    ev->confidence = TRI_CONFIDENCE_ALLEGED;
  if (!brief)
    ev->title = title_or_number (column_text (stmt, 4), ev->id);
  ev->summary = column_long_text (stmt, 5);
  ev->claimed_by = column_text (stmt, 6);
  ev->date_label = column_text (stmt, 7);
  ev->links = g_array_new (FALSE, FALSE, sizeof (TriLink));
  return ev;
}

static void
link_from_row (sqlite3_stmt *stmt,
               TriEvent     *ev)
{
  TriLink link;

  link.relation_id = sqlite3_column_int64 (stmt, 1);
  if (!tri_stance_from_string ((const char *) sqlite3_column_text (stmt, 2), &link.stance))
    link.stance = TRI_STANCE_NEUTRAL;
  link.weight = CLAMP (sqlite3_column_int (stmt, 3), 1, 3);
  g_array_append_val (ev->links, link);
}

/**
 * tri_store_list_events:
 * @from: first day number of the range, 0 for no limit
 * @to: last day number of the range, %G_MAXUINT32 for no limit
 *
 * Returns: (transfer container): the events whose possible dates overlap
 *   the range, in date order, with their relation links.
 */
typedef enum
{
  SPAN_OVERLAPPING,   /* the events whose possible days overlap the range */
  SPAN_ENDING,        /* those whose last possible day is in it */
  SPAN_STARTING,      /* those whose first possible day is in it */
  SPAN_OVERLAPPING_LATE, /* as SPAN_OVERLAPPING, through the index of the last days */
  N_SPANS
} Span;

/* The range's events, every one, as the file has them */
static GPtrArray *
read_events (TriStore    *self,
             guint32      from,
             guint32      to,
             const char  *lang,
             gboolean     brief,
             Span         span,
             GError     **error)
{
  static const StmtId events_stmt[2][N_SPANS] = {
    { STMT_EVENTS, STMT_EVENTS_ENDING, STMT_EVENTS_STARTING, STMT_EVENTS_LATE },
    { STMT_EVENTS_BRIEF, STMT_EVENTS_BRIEF_ENDING, STMT_EVENTS_BRIEF_STARTING, STMT_EVENTS_BRIEF_LATE },
  };
  static const StmtId links_stmt[N_SPANS] = { STMT_LINKS, STMT_LINKS_ENDING, STMT_LINKS_STARTING, STMT_LINKS_LATE };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  guint32 first, last;
  int rc;

  /* the days after the range's start fewer than those before its end
   * (a range near the briefing's last days): through the last days */
  if (span == SPAN_OVERLAPPING && tri_store_get_extent (self, &first, &last) &&
      (gint64) last - from < (gint64) to - first)
    span = SPAN_OVERLAPPING_LATE;
  stmt = begin (self, events_stmt[brief ? 1 : 0][span], lang);
  sqlite3_bind_int64 (stmt, 2, tri_day_to_jdn (from));
  sqlite3_bind_int64 (stmt, 3, tri_day_to_jdn (to));
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      TriEvent *ev = event_from_row (stmt, brief);

      /* a file from elsewhere may repeat an id: keep the first */
      if (g_hash_table_contains (by_id, &ev->id))
        {
          tri_event_free (ev);
          continue;
        }
      g_ptr_array_add (events, ev);
      g_hash_table_insert (by_id, &ev->id, ev);
    }
  if (!finish (self, rc, error))
    return NULL;

  stmt = begin (self, links_stmt[span], NULL);
  sqlite3_bind_int64 (stmt, 1, tri_day_to_jdn (from));
  sqlite3_bind_int64 (stmt, 2, tri_day_to_jdn (to));
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      TriEvent *ev = g_hash_table_lookup (by_id, &id);

      if (ev != NULL)
        link_from_row (stmt, ev);
    }
  if (!finish (self, rc, error))
    return NULL;

  return g_steal_pointer (&events);
}

/* a view's range, not all time: what is kept is bounded */
#define RANGE_KEPT_MAX 30000

static int
compare_event_order (const TriEvent *a,
                     const TriEvent *b)
{
  if (a->date.earliest != b->date.earliest)
    return a->date.earliest < b->date.earliest ? -1 : 1;
  if (a->date.latest != b->date.latest)
    return a->date.latest < b->date.latest ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

static int
compare_event_ptrs (gconstpointer a,
                    gconstpointer b)
{
  return compare_event_order (*(TriEvent **) a, *(TriEvent **) b);
}

/* The events kept, by id */
static void
ensure_range_ids (TriStore *self)
{
  GPtrArray *all = self->range_events;

  if (self->range_ids != NULL)
    return;
  self->range_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < all->len; i++)
    g_hash_table_insert (self->range_ids, &((TriEvent *) all->pdata[i])->id, all->pdata[i]);
}

/* The range kept grown to take in [from, to] (which overlaps it or
 * touches it), reading only the days it lacks: a pan reads the days that
 * come into view, not the range again. Past RANGE_KEPT_MAX, what is kept
 * is cut back to [from, to]. FALSE: a read failed (error says why) and
 * nothing is kept. */
static gboolean
extend_range (TriStore    *self,
              guint32      from,
              guint32      to,
              GError     **error)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  GPtrArray *all = self->range_events;
  guint32 parts[2][2];
  Span spans[2];
  guint n_parts = 0;

  /* an event of the days before the range kept that is not kept ends
   * before it; one of the days after starts after it */
  if (from < self->range_from)
    {
      parts[n_parts][0] = from;
      parts[n_parts][1] = self->range_from - 1;
      spans[n_parts++] = SPAN_ENDING;
    }
  if (to > self->range_to)
    {
      parts[n_parts][0] = self->range_to + 1;
      parts[n_parts][1] = to;
      spans[n_parts++] = SPAN_STARTING;
    }
  ensure_range_ids (self);

  for (guint p = 0; p < n_parts; p++)
    {
      g_autoptr(GPtrArray) more = read_events (self, parts[p][0], parts[p][1], self->range_lang,
                                               self->range_brief, spans[p], error);

      if (more == NULL)
        {
          for (guint i = 0; i < added->len; i++)
            tri_event_free (added->pdata[i]);
          drop_range (self);
          return FALSE;
        }
      /* a file from elsewhere may repeat an id: keep the first */
      for (guint i = 0; i < more->len; i++)
        {
          TriEvent *ev = more->pdata[i];

          if (g_hash_table_contains (self->range_ids, &ev->id))
            continue;
          more->pdata[i] = NULL;
          g_ptr_array_add (added, ev);
          g_hash_table_insert (self->range_ids, &ev->id, ev);
        }
    }
  if (added->len > 0)
    {
      /* the few read sorted, then merged into the many kept */
      guint n = all->len, i = 0, k = 0, out = 0;
      gpointer *merged = g_new (gpointer, n + added->len);

      g_ptr_array_sort (added, compare_event_ptrs);
      while (i < n || k < added->len)
        if (k == added->len || (i < n && compare_event_order (all->pdata[i], added->pdata[k]) <= 0))
          merged[out++] = all->pdata[i++];
        else
          merged[out++] = added->pdata[k++];
      g_ptr_array_set_free_func (all, NULL);
      g_ptr_array_set_size (all, 0);
      g_ptr_array_set_free_func (all, (GDestroyNotify) tri_event_free);
      for (guint j = 0; j < out; j++)
        g_ptr_array_add (all, merged[j]);
      g_free (merged);
    }
  self->range_from = MIN (self->range_from, from);
  self->range_to = MAX (self->range_to, to);

  if (all->len > RANGE_KEPT_MAX)
    {
      guint n = 0;

      for (guint i = 0; i < all->len; i++)
        {
          TriEvent *ev = all->pdata[i];

          if (ev->date.latest < from || ev->date.earliest > to)
            tri_event_free (ev);
          else
            all->pdata[n++] = ev;
        }
      g_ptr_array_set_free_func (all, NULL);
      g_ptr_array_set_size (all, n);
      g_ptr_array_set_free_func (all, (GDestroyNotify) tri_event_free);
      g_clear_pointer (&self->range_ids, g_hash_table_unref);
      self->range_from = from;
      self->range_to = to;
    }
  return TRUE;
}

/**
 * tri_store_list_events:
 * @from: first day number of the range, 0 for no limit
 * @to: last day number of the range, %G_MAXUINT32 for no limit
 *
 * Returns: (transfer container): the events whose possible dates overlap
 *   the range and pass the store's filter, in date order, with their
 *   relation links.
 */
static GPtrArray *
list_events (TriStore    *self,
             guint32      from,
             guint32      to,
             const char  *lang,
             gboolean     brief,
             GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;
  GPtrArray *all;
  gboolean within = FALSE;   /* a part of the range kept: only the events that overlap it */
  gboolean kept;

  lang = tri_lang_normalize (lang);
  check_unchanged (self);
  /* what is kept can answer: read as this asks, and the file unchanged;
   * the range kept, or one inside it (the triangle's window inside the
   * timeline's days), with no text read again */
  kept = self->range_events != NULL && !self->changed && self->damage == NULL &&
         (self->range_brief == brief || !self->range_brief) && g_strcmp0 (self->range_lang, lang) == 0;
  if (kept && self->range_from <= from && to <= self->range_to)
    {
      all = self->range_events;
      within = self->range_from != from || self->range_to != to;
    }
  else if (kept && from <= (guint64) self->range_to + 1 && (guint64) to + 1 >= self->range_from &&
           (guint64) (to - from) < 4 * (guint64) (self->range_to - self->range_from + 1))
    {
      /* next to what is kept, or across it: only the days it lacks */
      if (!extend_range (self, from, to, error))
        return NULL;
      if (self->range_events->len > RANGE_KEPT_MAX)
        {
          /* [from, to] alone is more than is kept: read as it is */
          drop_range (self);
          return list_events (self, from, to, lang, brief, error);
        }
      all = self->range_events;
      within = self->range_from != from || self->range_to != to;
    }
  else
    {
      drop_range (self);
      all = read_events (self, from, to, lang, brief, SPAN_OVERLAPPING, error);
      if (all == NULL)
        return NULL;
      if (!tri_filter_has_event_facets (self->filter) && all->len > RANGE_KEPT_MAX)
        return all;
      if (all->len <= RANGE_KEPT_MAX)
        {
          self->range_events = all;
          self->range_from = from;
          self->range_to = to;
          self->range_brief = brief;
          self->range_lang = g_strdup (lang);
        }
    }

  /* the ones that pass, copied: the caller owns what it gets */
  events = g_ptr_array_new_full (all->len, (GDestroyNotify) tri_event_free);
  for (guint i = 0; i < all->len; i++)
    {
      const TriEvent *ev = all->pdata[i];

      if (within && (ev->date.latest < from || ev->date.earliest > to))
        continue;
      if (tri_store_event_passes (self, ev->id))
        g_ptr_array_add (events, tri_event_copy (ev));
    }
  if (all != self->range_events)
    g_ptr_array_unref (all);
  return g_steal_pointer (&events);
}

GPtrArray *
tri_store_list_events (TriStore    *self,
                       guint32      from,
                       guint32      to,
                       const char  *lang,
                       GError     **error)
{
  g_return_val_if_fail (TRI_IS_STORE (self), NULL);
  return list_events (self, from, to, lang, FALSE, error);
}

/**
 * tri_store_list_events_untitled:
 *
 * As tri_store_list_events(), with what a view needs to place each event:
 * its dates, category, confidence and links, and no text (the title
 * %NULL: tri_store_read_titles() reads it for the events a view labels;
 * tri_store_get_event() has the summary and claimant). A timeline that
 * draws most of a range as counted bins reads no title of theirs.
 *
 * Returns: (transfer container): the events, as tri_store_list_events()
 */
GPtrArray *
tri_store_list_events_untitled (TriStore    *self,
                                guint32      from,
                                guint32      to,
                                const char  *lang,
                                GError     **error)
{
  g_return_val_if_fail (TRI_IS_STORE (self), NULL);
  return list_events (self, from, to, lang, TRUE, error);
}

/**
 * tri_store_read_titles:
 * @events: (element-type TriEvent): events of
 *   tri_store_list_events_untitled() for @lang
 *
 * Reads the title of each of @events that has none yet (in @lang, the
 * English one where @lang has none, the event's number where it has
 * neither). A title read is kept with the range the store keeps, so the
 * events it lists next have it.
 *
 * Returns: %FALSE when a read failed (the titles not read stay %NULL)
 */
gboolean
tri_store_read_titles (TriStore    *self,
                       GPtrArray   *events,
                       const char  *lang,
                       GError     **error)
{
  gboolean kept;

  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);

  lang = tri_lang_normalize (lang);
  check_unchanged (self);
  kept = self->range_events != NULL && !self->changed && self->damage == NULL &&
         g_strcmp0 (self->range_lang, lang) == 0;
  if (kept)
    ensure_range_ids (self);
  for (guint i = 0; i < events->len; i++)
    {
      TriEvent *ev = events->pdata[i];
      TriEvent *same = kept ? g_hash_table_lookup (self->range_ids, &ev->id) : NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (ev->title != NULL)
        continue;
      if (same != NULL && same->title != NULL)
        {
          ev->title = g_strdup (same->title);
          continue;
        }
      stmt = begin (self, STMT_EVENT_TITLE, lang);
      sqlite3_bind_int64 (stmt, 2, ev->id);
      rc = step_row (self, stmt);
      if (rc != SQLITE_ROW)
        {
          set_read_error (self, rc, error);
          return FALSE;
        }
      ev->title = title_or_number (column_text (stmt, 0), ev->id);
      sqlite3_reset (stmt);
      if (same != NULL)
        same->title = g_strdup (ev->title);
    }
  return TRUE;
}

/**
 * tri_store_list_events_brief:
 *
 * As tri_store_list_events_untitled(), with every title read: what the
 * exports draw, and no summary and no claimant (%NULL;
 * tri_store_get_event() has them).
 *
 * Returns: (transfer container): the events, as tri_store_list_events()
 */
GPtrArray *
tri_store_list_events_brief (TriStore    *self,
                             guint32      from,
                             guint32      to,
                             const char  *lang,
                             GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);
  events = list_events (self, from, to, lang, TRUE, error);
  if (events == NULL || !tri_store_read_titles (self, events, lang, error))
    return NULL;
  return g_steal_pointer (&events);
}

static gboolean
ids_contain (const gint64 *ids,
             guint         n_ids,
             gint64        id)
{
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
}

/**
 * tri_store_update_events:
 * @events: what tri_store_list_events() returned for @from, @to and @lang
 * @ids: (array length=n_ids): the events that changed
 *   (tri_store_get_changed_events())
 *
 * Brings @events up to date in place after those events changed: each is
 * taken out, and put back where the date order puts it, as the briefing
 * has it now, when it still overlaps the range. The other events are not
 * read again. Anything holding pointers into @events (a layout) must be
 * rebuilt.
 *
 * Returns: %FALSE when a read failed (@events is then as the reads left it:
 *   read them again)
 */
gboolean
tri_store_update_events (TriStore      *self,
                         GPtrArray     *events,
                         guint32        from,
                         guint32        to,
                         const char    *lang,
                         const gint64  *ids,
                         guint          n_ids,
                         GError       **error)
{
  g_autoptr(GHashTable) many = NULL;
  guint kept = 0;

  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);

  if (n_ids == 0)
    return TRUE;

  /* a large group undone at once (an import): looked up, not scanned */
  if (n_ids > 16)
    {
      many = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint k = 0; k < n_ids; k++)
        g_hash_table_add (many, (gpointer) &ids[k]);
    }

  /* out, in one pass: the kept ones moved up, the slots left NULL */
  for (guint i = 0; i < events->len; i++)
    {
      TriEvent *ev = g_ptr_array_index (events, i);

      events->pdata[i] = NULL;
      if (many != NULL ? g_hash_table_contains (many, &ev->id) : ids_contain (ids, n_ids, ev->id))
        tri_event_free (ev);
      else
        events->pdata[kept++] = ev;
    }
  g_ptr_array_set_size (events, kept);

  /* and back, as they are now */
  for (guint k = 0; k < n_ids; k++)
    {
      g_autoptr(GError) local_error = NULL;
      TriEvent *ev;
      guint lo = 0, hi = events->len;

      /* each once, however often listed */
      if (many != NULL ? !g_hash_table_remove (many, &ids[k]) : ids_contain (ids, k, ids[k]))
        continue;
      ev = tri_store_get_event (self, ids[k], lang, &local_error);
      if (ev == NULL)
        {
          if (g_error_matches (local_error, TRI_STORE_ERROR, TRI_STORE_ERROR_NO_SUCH))
            continue;   /* removed */
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (MAX (ev->date.earliest, ev->date.latest) < from || MIN (ev->date.earliest, ev->date.latest) > to ||
          !tri_store_event_passes (self, ev->id))
        {
          tri_event_free (ev);
          continue;
        }
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (compare_event_order (g_ptr_array_index (events, mid), ev) < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      g_ptr_array_insert (events, (int) lo, ev);
    }
  return TRUE;
}

TriEvent *
tri_store_get_event (TriStore    *self,
                     gint64       id,
                     const char  *lang,
                     GError     **error)
{
  g_autoptr(TriEvent) ev = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  stmt = begin (self, STMT_EVENT, lang);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = step (self, stmt);
  if (rc == SQLITE_ROW)
    ev = event_from_row (stmt, FALSE);
  else if (finish (self, rc, error))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NO_SUCH,
                   _("The briefing has no event %s."), number);
    }
  sqlite3_reset (stmt);
  if (ev == NULL)
    return NULL;

  stmt = begin (self, STMT_EVENT_LINKS, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    link_from_row (stmt, ev);
  if (!finish (self, rc, error))
    return NULL;

  return g_steal_pointer (&ev);
}

/* A row of STMT_ALL_LINKS or STMT_EVENT_LINK_ROWS as @row; %FALSE for a
 * date that is not one (it places nothing) */
static gboolean
link_row_from_row (sqlite3_stmt *stmt,
                   TriLinkRow   *row)
{
  TriConfidence confidence;

  memset (row, 0, sizeof *row);
  if (!column_day (stmt, 1, &row->earliest) || !column_day (stmt, 2, &row->latest))
    return FALSE;
  row->relation_id = sqlite3_column_int64 (stmt, 0);
  if (!tri_stance_from_string ((const char *) sqlite3_column_text (stmt, 3), &row->stance))
    row->stance = TRI_STANCE_NEUTRAL;
  row->weight = CLAMP (sqlite3_column_int (stmt, 4), 1, 3);
  row->confirmed = tri_confidence_from_string ((const char *) sqlite3_column_text (stmt, 5), &confidence) &&
                   confidence == TRI_CONFIDENCE_CONFIRMED;
  row->event_id = sqlite3_column_int64 (stmt, 6);
  return TRUE;
}

/**
 * tri_store_foreach_link:
 * @func: called with each link of an event to a relation (no text is read)
 *
 * For indexes that need every link, in the order of their events' ids
 * (the table's key, so no sort): each is handed over as it is read,
 * so that an index keeps them in its own form, with no array of them all
 * in between (a million events have 1.4 million links).
 *
 * Returns: %FALSE when the read failed (@func may have seen some)
 */
gboolean
tri_store_foreach_link (TriStore       *self,
                        TriLinkRowFunc  func,
                        gpointer        data,
                        GError        **error)
{
  sqlite3_stmt *stmt;
  TriLinkRow row;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);

  stmt = begin (self, STMT_ALL_LINKS, NULL);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    if (link_row_from_row (stmt, &row))
      func (&row, data);
  return finish (self, rc, error);
}

/* The rows of STMT_EVENT_PLACES or STMT_EVENT_PLACE to @func: one place
 * an event (the rows of an id come together), its date and lane read as
 * event_from_row () reads them, its stance as the timeline weighs its
 * links */
static int
places_from_rows (TriStore         *self,
                  sqlite3_stmt     *stmt,
                  TriEventPlaceFunc func,
                  gpointer          data)
{
  guint weight[TRI_N_STANCES] = { 0 };
  TriEventPlace place = { 0 };
  gboolean have = FALSE;
  int rc;

  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (!have || place.event_id != id)
        {
          TriDate date;

          if (have)
            {
              place.stance = tri_stance_dominant (weight);
              func (&place, data);
            }
          memset (weight, 0, sizeof weight);
          memset (&place, 0, sizeof place);
          place.event_id = id;
          column_date (stmt, 1, &date);
          place.earliest = date.earliest;
          place.latest = date.latest;
          if (!tri_category_from_string ((const char *) sqlite3_column_text (stmt, 2), &place.category))
            place.category = TRI_CATEGORY_DIPLOMACY;
          have = TRUE;
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          TriStance stance;

          /* as link_from_row () reads them */
          if (!tri_stance_from_string ((const char *) sqlite3_column_text (stmt, 3), &stance))
            stance = TRI_STANCE_NEUTRAL;
          weight[stance] += CLAMP (sqlite3_column_int (stmt, 4), 1, 3);
        }
    }
  if (have && rc == SQLITE_DONE)
    {
      place.stance = tri_stance_dominant (weight);
      func (&place, data);
    }
  return rc;
}

/**
 * tri_store_foreach_event_place:
 * @func: called with each event's place, in the order of their ids
 *
 * Where each event goes on a timeline, and nothing else: its possible
 * days, its lane and the stance its links weigh most (no text, no
 * filter), handed over as each is read, so that an index keeps them in
 * its own form with no array of them all in between.
 *
 * Returns: %FALSE when the read failed (@func may have seen some)
 */
gboolean
tri_store_foreach_event_place (TriStore          *self,
                               TriEventPlaceFunc  func,
                               gpointer           data,
                               GError           **error)
{
  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);

  return finish (self, places_from_rows (self, begin (self, STMT_EVENT_PLACES, NULL), func, data), error);
}

static void
append_place (const TriEventPlace *place,
              gpointer             data)
{
  g_array_append_vals (data, place, 1);
}

/**
 * tri_store_list_event_places:
 * @ids: (array length=n_ids): event ids
 *
 * The places of those events, as tri_store_foreach_event_place() gives
 * them. An id the briefing does not have has no place.
 *
 * Returns: (transfer full): of #TriEventPlace, in the order of @ids
 */
GArray *
tri_store_list_event_places (TriStore      *self,
                             const gint64  *ids,
                             guint          n_ids,
                             GError       **error)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (TriEventPlace));

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_stmt *stmt = begin (self, STMT_EVENT_PLACE, NULL);

      sqlite3_bind_int64 (stmt, 1, ids[i]);
      if (!finish (self, places_from_rows (self, stmt, append_place, places), error))
        return NULL;
    }
  return g_steal_pointer (&places);
}

/**
 * tri_store_list_events_by_id_untitled:
 * @ids: (array length=n_ids): event ids
 *
 * The events of @ids as tri_store_list_events_untitled() has them (dates,
 * category, confidence, links; no text): for a view that knows which
 * events it draws one by one (a #TriLaneIndex says). An id the briefing
 * does not have is left out.
 *
 * Returns: (transfer container): in the order of @ids
 */
GPtrArray *
tri_store_list_events_by_id_untitled (TriStore      *self,
                                      const gint64  *ids,
                                      guint          n_ids,
                                      const char    *lang,
                                      GError       **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_full (n_ids, (GDestroyNotify) tri_event_free);

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  lang = tri_lang_normalize (lang);
  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_stmt *stmt = begin (self, STMT_EVENT_BRIEF, lang);
      TriEvent *ev;
      int rc;

      sqlite3_bind_int64 (stmt, 2, ids[i]);
      rc = step (self, stmt);
      if (rc == SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          continue;
        }
      if (rc != SQLITE_ROW)
        {
          finish (self, rc, error);
          return NULL;
        }
      ev = event_from_row (stmt, TRUE);
      sqlite3_reset (stmt);
      g_ptr_array_add (events, ev);

      stmt = begin (self, STMT_EVENT_LINKS, NULL);
      sqlite3_bind_int64 (stmt, 1, ev->id);
      while ((rc = step (self, stmt)) == SQLITE_ROW)
        link_from_row (stmt, ev);
      if (!finish (self, rc, error))
        return NULL;
    }
  return g_steal_pointer (&events);
}

/**
 * tri_store_list_event_link_rows:
 * @events: (array length=n_events): event ids
 *
 * Returns: (transfer full): the links of those events to relations as they
 *   are now, as #TriLinkRow (none for an event the briefing no longer has)
 */
GArray *
tri_store_list_event_link_rows (TriStore      *self,
                                const gint64  *events,
                                guint          n_events,
                                GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (TriLinkRow));

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  for (guint i = 0; i < n_events; i++)
    {
      sqlite3_stmt *stmt = begin (self, STMT_EVENT_LINK_ROWS, NULL);
      TriLinkRow row;
      int rc;

      sqlite3_bind_int64 (stmt, 1, events[i]);
      while ((rc = step (self, stmt)) == SQLITE_ROW)
        if (link_row_from_row (stmt, &row))
          g_array_append_val (rows, row);
      if (!finish (self, rc, error))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * tri_store_step_event:
 * @from_id: the current event, or 0 for none
 * @direction: 1 for the next event in date order, -1 for the previous one;
 *   from no event, 1 gives the first and -1 the last
 *
 * Returns: the event's id, or 0 when there is none that way
 */
gint64
tri_store_step_event (TriStore *self,
                      gint64    from_id,
                      int       direction)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (TRI_IS_STORE (self), 0);

  /* the next event that passes the filter */
  do
    {
      if (from_id == 0)
        stmt = begin (self, direction > 0 ? STMT_FIRST_EVENT : STMT_LAST_EVENT, NULL);
      else
        {
          stmt = begin (self, direction > 0 ? STMT_NEXT_EVENT : STMT_PREV_EVENT, NULL);
          sqlite3_bind_int64 (stmt, 1, from_id);
        }
      id = 0;
      if (step_row (self, stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      from_id = id;
    }
  while (id != 0 && !tri_store_event_passes (self, id));
  return id;
}

/**
 * tri_store_list_actor_events:
 * @code: an actor, such as "PRK"
 * @limit: how many events to read
 * @total: (out): how many events involve the actor
 *
 * Returns: (transfer container): the first @limit events (in date order)
 *   linked to a relation of @code, without their links
 */
GPtrArray *
tri_store_list_actor_events (TriStore    *self,
                             const char  *code,
                             const char  *lang,
                             guint        limit,
                             guint       *total,
                             GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  if (tri_filter_has_event_facets (self->filter))
    {
      /* only those that pass, counted as they are read */
      *total = 0;
      stmt = begin (self, STMT_ACTOR_EVENTS, lang);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, G_MAXINT64);
      while ((rc = step (self, stmt)) == SQLITE_ROW)
        {
          if (!tri_store_event_passes (self, sqlite3_column_int64 (stmt, 0)))
            continue;
          if (++*total <= limit)
            g_ptr_array_add (events, event_from_row (stmt, FALSE));
        }
      if (!finish (self, rc, error))
        return NULL;
      return g_steal_pointer (&events);
    }

  stmt = begin (self, STMT_ACTOR_EVENT_COUNT, NULL);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = step_row (self, stmt);
  *total = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  stmt = begin (self, STMT_ACTOR_EVENTS, lang);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt, FALSE));
  if (!finish (self, rc, error))
    return NULL;

  return g_steal_pointer (&events);
}

/**
 * tri_store_get_relation:
 *
 * Returns: (transfer none) (nullable): the relation with @id
 */
TriRelation *
tri_store_get_relation (TriStore *self,
                        gint64    id)
{
  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  for (guint i = 0; i < self->relations->len; i++)
    {
      TriRelation *r = g_ptr_array_index (self->relations, i);
      if (r->id == id)
        return r;
    }
  return NULL;
}

/**
 * tri_store_default_as_of:
 *
 * The "as of" a briefing opens on, in the window and in exports: the day
 * its newest event had certainly happened by (as choosing that event
 * does, tri_event_as_of()), so the newest evidence counts rather than
 * being "possibly by then"; never a later day the sources do not cover.
 *
 * Returns: a day number, or 0 for a briefing with no events
 */
guint32
tri_store_default_as_of (TriStore *self)
{
  g_autoptr(TriEvent) newest = NULL;
  gint64 id;

  g_return_val_if_fail (TRI_IS_STORE (self), 0);

  id = tri_store_step_event (self, 0, -1);
  if (id == 0 || (newest = tri_store_get_event (self, id, "en", NULL)) == NULL)
    return 0;
  return tri_event_as_of (&newest->date);
}

/**
 * tri_store_get_extent:
 *
 * Returns: %FALSE when the briefing has no events
 */
gboolean
tri_store_get_extent (TriStore *self,
                      guint32  *earliest,
                      guint32  *latest)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);

  stmt = begin (self, STMT_EXTENT, NULL);
  if (step_row (self, stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    ok = column_day (stmt, 0, earliest) && column_day (stmt, 1, latest) &&
         *earliest <= *latest;
  sqlite3_reset (stmt);
  return ok;
}

/* A fingerprint as Trilateral writes it (tri_validate_fingerprint()):
 * 64 lowercase hexadecimal digits; anything else is none. */
static char *
column_fingerprint (sqlite3_stmt *stmt,
                    int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  if (sqlite3_column_type (stmt, col) != SQLITE_TEXT || text == NULL ||
      sqlite3_column_bytes (stmt, col) != 64)
    return NULL;
  for (int i = 0; i < 64; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return NULL;
  return g_strndup (text, 64);
}

/* A quote's claim type: an unknown word claims nothing */
static TriClaim
column_claim (sqlite3_stmt *stmt,
              int           col)
{
  TriClaim claim;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL ||
      !tri_claim_from_string ((const char *) sqlite3_column_text (stmt, col), &claim))
    return TRI_CLAIM_UNSTATED;
  return claim;
}

/* A source's Admiralty reliability 'A'..'F', or 0: a grade the file does
 * not spell as the system does is no grade */
static char
column_reliability (sqlite3_stmt *stmt,
                    int           col)
{
  const char *r = (const char *) sqlite3_column_text (stmt, col);

  if (sqlite3_column_type (stmt, col) == SQLITE_TEXT && r != NULL &&
      r[0] >= 'A' && r[0] <= 'F' && r[1] == '\0')
    return r[0];
  return 0;
}

/* A quote's Admiralty credibility 1..6, or 0 */
static int
column_credibility (sqlite3_stmt *stmt,
                    int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_INTEGER &&
      sqlite3_column_int64 (stmt, col) >= 1 && sqlite3_column_int64 (stmt, col) <= 6)
    return sqlite3_column_int (stmt, col);
  return 0;
}

static TriQuote *
quote_from_row (sqlite3_stmt *stmt)
{
  TriQuote *q = g_new0 (TriQuote, 1);

  q->id = sqlite3_column_int64 (stmt, 0);
  q->text = column_long_text (stmt, 1);
  if (q->text == NULL)
    q->text = g_strdup ("");
  q->translation = column_long_text (stmt, 2);
  q->source_id = column_text (stmt, 3);
  q->source_title = column_text (stmt, 4);
  q->offset = sqlite3_column_int64 (stmt, 5);
  q->relation_id = sqlite3_column_int64 (stmt, 6);
  q->event_id = sqlite3_column_int64 (stmt, 7);
  column_date (stmt, 8, &q->date);
  if (!tri_confidence_from_string ((const char *) sqlite3_column_text (stmt, 9), &q->confidence))
    q->confidence = TRI_CONFIDENCE_ALLEGED;
  column_date (stmt, 10, &q->source_date);
  q->claim = column_claim (stmt, 11);
  q->reliability = column_reliability (stmt, 12);
  q->credibility = column_credibility (stmt, 13);
  q->checked_sha256 = column_fingerprint (stmt, 14);
  return q;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const TriQuote *qa = *(TriQuote * const *) a;
  const TriQuote *qb = *(TriQuote * const *) b;

  return qa->offset < qb->offset ? -1 : qa->offset > qb->offset;
}

/* Sets each quote's verification. When its source has stored text: that
 * text holds it at its offset, counted in characters as
 * tri_validate_quote_verbatim() counts them, checked now. Each source's
 * text (up to TRI_STORE_MAX_LENGTH) is read once and walked once, its
 * quotes in the order of their offsets, so many quotes of a long text
 * cost one pass, not one each. A text that is not valid UTF-8 verifies
 * nothing. When its source keeps only its document's fingerprint: the
 * quote was checked against that very document when it was written (its
 * checked_sha256 is the source's sha256). */
static void
verify_quotes (TriStore  *self,
               GPtrArray *quotes)
{
  g_autoptr(GHashTable) by_source = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < quotes->len; i++)
    {
      TriQuote *q = g_ptr_array_index (quotes, i);
      GPtrArray *mine;

      q->verified = FALSE;
      q->verification = TRI_VERIFICATION_NONE;
      if (q->source_id == NULL)
        continue;
      mine = g_hash_table_lookup (by_source, q->source_id);
      if (mine == NULL)
        g_hash_table_insert (by_source, q->source_id, mine = g_ptr_array_new ());
      g_ptr_array_add (mine, q);
    }

  g_hash_table_iter_init (&iter, by_source);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *mine = value;
      sqlite3_stmt *stmt = begin (self, STMT_SOURCE_DOCUMENT, NULL);
      const char *text, *p, *end;
      gint64 at = 0;
      gsize bytes;
      int rc;

      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      rc = step (self, stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        note_read_failure (self, rc);   /* counted, as any read that fails */
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        {
          /* the fingerprint only: what was checked when it was written */
          g_autofree char *sha256 = column_fingerprint (stmt, 1);

          for (guint i = 0; sha256 != NULL && i < mine->len; i++)
            {
              TriQuote *q = g_ptr_array_index (mine, i);

              if (g_strcmp0 (q->checked_sha256, sha256) == 0)
                {
                  q->verified = TRUE;
                  q->verification = TRI_VERIFICATION_BUILD_CHECK;
                }
            }
          sqlite3_reset (stmt);
          continue;
        }
      if (rc != SQLITE_ROW || sqlite3_column_type (stmt, 0) != SQLITE_TEXT)
        {
          sqlite3_reset (stmt);
          continue;   /* no document: not verified against the source */
        }
      text = (const char *) sqlite3_column_text (stmt, 0);
      bytes = (gsize) sqlite3_column_bytes (stmt, 0);
      if (text == NULL || !g_utf8_validate_len (text, bytes, NULL))
        {
          sqlite3_reset (stmt);
          continue;
        }

      g_ptr_array_sort (mine, compare_offsets);
      p = text;
      end = text + bytes;
      for (guint i = 0; i < mine->len; i++)
        {
          TriQuote *q = g_ptr_array_index (mine, i);
          gsize n = strlen (q->text);

          if (q->offset < 0)
            continue;
          while (at < q->offset && p < end)
            {
              p = g_utf8_next_char (p);
              at++;
            }
          q->verified = at == q->offset && n > 0 && (gsize) (end - p) >= n && memcmp (p, q->text, n) == 0;
          q->verification = q->verified ? TRI_VERIFICATION_STORED_TEXT : TRI_VERIFICATION_NONE;
        }
      sqlite3_reset (stmt);
    }
}

/* Newest first; a quote with no event of its own is dated by its source. */
static int
compare_quotes_newest_first (gconstpointer a,
                             gconstpointer b)
{
  const TriQuote *qa = *(TriQuote * const *) a;
  const TriQuote *qb = *(TriQuote * const *) b;
  int by_date = tri_date_compare (&qb->date, &qa->date);

  if (by_date != 0)
    return by_date;
  return qa->id < qb->id ? 1 : qa->id > qb->id ? -1 : 0;
}

/**
 * tri_store_list_quotes:
 * @relation_id: the relation whose quotes to list, or 0
 * @event_id: when @relation_id is 0, the event whose quotes to list
 *
 * Returns: (transfer container): a relation's quotes newest first, or an
 *   event's in order.
 */
GPtrArray *
tri_store_list_quotes (TriStore    *self,
                       gint64       relation_id,
                       gint64       event_id,
                       const char  *lang,
                       GError     **error)
{
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_quote_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  stmt = begin (self, relation_id ? STMT_QUOTES_BY_RELATION : STMT_QUOTES_BY_EVENT, lang);
  sqlite3_bind_int64 (stmt, 2, relation_id ? relation_id : event_id);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      TriQuote *q = quote_from_row (stmt);

      if (!tri_store_quote_passes (self, q))
        {
          tri_quote_free (q);
          continue;
        }
      g_ptr_array_add (quotes, q);
    }
  if (!finish (self, rc, error))
    return NULL;

  if (relation_id)
    g_ptr_array_sort (quotes, compare_quotes_newest_first);
  verify_quotes (self, quotes);

  return g_steal_pointer (&quotes);
}

/**
 * tri_store_list_notes:
 * @event_id: an event, or 0 for the notes on the whole briefing
 *
 * Returns: (transfer full): the notes, as strings
 */
GPtrArray *
tri_store_list_notes (TriStore  *self,
                      gint64     event_id,
                      GError   **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  stmt = begin (self, STMT_NOTES, NULL);
  if (event_id != 0)
    sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    g_ptr_array_add (notes, column_long_text (stmt, 0));
  if (!finish (self, rc, error))
    return NULL;
  return g_steal_pointer (&notes);
}

/* A source as the quote keys see it: whether the file has it, its date
 * and reliability (what STMT_QUOTE_BY_ID joins) */
typedef struct
{
  char     *id;
  TriDate   date;
  char      reliability;  /* 'A'-'F', or 0 */
  gboolean  exists;
} SourceKey;

typedef enum
{
  KEY_EVENT,     /* about an event the file places (its row has days) */
  KEY_LOOSE,     /* about no event: dated by its source */
  KEY_UNPLACED,  /* names an event the file lacks or cannot place */
} KeyPlace;

/* Everything the panel sorts, counts and filters a quote by */
typedef struct
{
  gint64           id;
  gint64           relation;
  gint64           event;     /* the quote's event column (0: none) */
  guint32          earliest;  /* the event's days when it places them, else its source's */
  guint32          latest;
  const SourceKey *source;
  guint8           place;     /* KeyPlace */
  guint8           claim;     /* TriClaim */
  guint8           credibility;  /* 1-6, or 0 */
} QuoteKey;

static void
source_key_free (gpointer data)
{
  SourceKey *k = data;

  g_free (k->id);
  g_free (k);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const QuoteKey *ka = a, *kb = b;

  if (ka->relation != kb->relation)
    return ka->relation < kb->relation ? -1 : 1;
  /* newest first: by first possible day, then last, then id */
  if (ka->earliest != kb->earliest)
    return ka->earliest < kb->earliest ? 1 : -1;
  if (ka->latest != kb->latest)
    return ka->latest < kb->latest ? 1 : -1;
  return ka->id < kb->id ? 1 : ka->id > kb->id ? -1 : 0;
}

static int
compare_keys_by_event (gconstpointer a,
                       gconstpointer b)
{
  const QuoteKey *ka = a, *kb = b;

  return ka->event < kb->event ? -1 : ka->event > kb->event ? 1 : 0;
}

static SourceKey *
intern_source (GHashTable *sources,
               const char *id)
{
  SourceKey *k = g_hash_table_lookup (sources, id);

  if (k == NULL)
    {
      k = g_new0 (SourceKey, 1);
      k->id = g_strdup (id);
      tri_date_parse ("1000", &k->date, NULL);
      g_hash_table_insert (sources, k->id, k);
    }
  return k;
}

/* Reads the keys of every quote, once (no text): the sources, the quotes,
 * then their events' days; the panel then sorts, counts and filters them
 * in memory, so that an edge with 66,666 quotes opens without reading them */
static gboolean
read_quote_keys (TriStore  *self,
                 GError   **error)
{
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, source_key_free);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (QuoteKey));
  sqlite3_stmt *stmt;
  int rc;

  if (self->quote_keys != NULL)
    return TRUE;

  stmt = begin (self, STMT_SOURCE_KEYS, NULL);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      SourceKey *k;

      if (id == NULL)
        continue;
      k = intern_source (sources, id);
      k->exists = TRUE;
      column_date (stmt, 1, &k->date);
      k->reliability = column_reliability (stmt, 2);
    }
  if (!finish (self, rc, error))
    return FALSE;

  /* the quotes in the order they are stored, then their events' days in
   * the order of the events' ids: both read through the file once, not
   * a page here and there for each quote (at a million events, with the
   * file seen unchanged once, 0.41 s against 0.75 s) */
  stmt = begin (self, STMT_QUOTE_KEYS, NULL);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      const char *source = (const char *) sqlite3_column_text (stmt, 5);
      QuoteKey k = {
        .id = sqlite3_column_int64 (stmt, 0),
        .relation = sqlite3_column_int64 (stmt, 1),
        .event = sqlite3_column_int64 (stmt, 2),
        .place = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? KEY_LOOSE : KEY_UNPLACED,
      };

      k.source = intern_source (sources, source != NULL ? source : "");
      k.claim = column_claim (stmt, 3);
      k.credibility = column_credibility (stmt, 4);
      g_array_append_val (keys, k);
    }
  if (!finish (self, rc, error))
    return FALSE;

  g_array_sort (keys, compare_keys_by_event);
  /* one read: the file is seen unchanged once, not at each event */
  stmt = begin (self, STMT_EVENT_DAYS, NULL);
  for (guint i = 0; i < keys->len; i++)
    {
      QuoteKey *k = &g_array_index (keys, QuoteKey, i);
      const QuoteKey *prev = i > 0 ? &g_array_index (keys, QuoteKey, i - 1) : NULL;

      if (k->place == KEY_LOOSE)
        ;
      else if (prev != NULL && prev->place != KEY_LOOSE && prev->event == k->event)
        {
          /* the same event as the quote before */
          k->place = prev->place;
          k->earliest = prev->earliest;
          k->latest = prev->latest;
        }
      else
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, k->event);
          rc = step (self, stmt);
          /* a day column that holds no day places nothing: not counted in
           * a period rather than guessed at; in the list, dated by its
           * source, as a quote of an event the file lacks */
          if (rc == SQLITE_ROW && column_day (stmt, 0, &k->earliest) && column_day (stmt, 1, &k->latest))
            k->place = KEY_EVENT;
          if (rc != SQLITE_ROW && !finish (self, rc, error))
            return FALSE;
        }
      if (k->place != KEY_EVENT)
        {
          k->earliest = k->source->date.earliest;
          k->latest = k->source->date.latest;
        }
    }
  sqlite3_reset (stmt);

  g_array_sort (keys, compare_keys);
  self->quote_keys = g_steal_pointer (&keys);
  self->key_sources = g_steal_pointer (&sources);
  return TRUE;
}

/**
 * tri_store_read_quote_keys:
 *
 * Reads ahead what the panel sorts and counts quotes by (no text), as the
 * window does after its first frame, so that the first edge clicked opens
 * at once; else the first tri_store_list_quotes_page() or
 * tri_store_list_quotes_in_period() reads it. A failed read is reported
 * as every read is ("read-failed") and tried again when next asked.
 */
void
tri_store_read_quote_keys (TriStore *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TRI_IS_STORE (self));
  if (!read_quote_keys (self, &error))
    g_debug ("%s", error->message);
}

/* The keys of @relation_id, newest first */
static const QuoteKey *
relation_keys (TriStore *self,
               gint64    relation_id,
               guint    *n)
{
  const QuoteKey *keys = (const QuoteKey *) (gpointer) self->quote_keys->data;
  guint lo = 0, hi = self->quote_keys->len, end;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (keys[mid].relation < relation_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (end = lo; end < self->quote_keys->len && keys[end].relation == relation_id; end++)
    ;
  *n = end - lo;
  return keys + lo;
}

static gboolean
key_passes (TriStore       *self,
            const QuoteKey *k)
{
  return quote_facts_pass (self, k->event, k->claim, k->source->reliability,
                           k->credibility, k->source->id);
}

/* Adds @k to the @limit quotes read in full, and to the count */
static void
take_key (GArray         *ids,
          guint           limit,
          guint          *total,
          const QuoteKey *k)
{
  if (ids->len < limit)
    g_array_append_val (ids, k->id);
  (*total)++;
}

/* The quotes of @ids, read in full, in order */
static GPtrArray *
read_quotes (TriStore    *self,
             GArray      *ids,
             const char  *lang,
             GError     **error)
{
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_quote_free);

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_stmt *stmt = begin (self, STMT_QUOTE_BY_ID, lang);
      int rc;

      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      rc = step (self, stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (quotes, quote_from_row (stmt));
      else if (!finish (self, rc, error))
        return NULL;
      sqlite3_reset (stmt);
    }
  verify_quotes (self, quotes);
  return g_steal_pointer (&quotes);
}

/**
 * tri_store_list_quotes_page:
 * @limit: how many quotes to read in full
 * @total: (out): how many quotes the relation has
 *
 * A relation's newest @limit quotes, in the same order as
 * tri_store_list_quotes(), counting the others from the keys in memory
 * (tri_store_read_quote_keys()): an edge with 66,666 quotes opens as fast
 * as one with twenty.
 */
GPtrArray *
tri_store_list_quotes_page (TriStore    *self,
                            gint64       relation_id,
                            const char  *lang,
                            guint        limit,
                            guint       *total,
                            GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const QuoteKey *keys;
  guint n;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  *total = 0;
  if (!read_quote_keys (self, error))
    return NULL;
  keys = relation_keys (self, relation_id, &n);
  /* as tri_store_list_quotes () reads them: with their source */
  for (guint i = 0; i < n; i++)
    if (keys[i].source->exists && key_passes (self, &keys[i]))
      take_key (ids, limit, total, &keys[i]);

  return read_quotes (self, ids, lang, error);
}

/**
 * tri_store_list_quotes_in_period:
 * @from: the window's first day (1 for all time)
 * @to: the "as of" day
 * @limit: how many quotes to read in full
 * @total: (out): how many quotes the period has
 *
 * The evidence for a relation as of @to over [@from, @to]: the quotes of
 * exactly the events its edge counts (tri_event_count(): latest possible
 * day in [@from, @to]), newest first; then the quotes that back the
 * relation with no event of their own and whose source had certainly been
 * published by @to (its latest possible day at most @to), newest first (a
 * quote naming an event the file lacks belongs to neither).
 * Nothing of a later event, nor of one only possibly by then. A quote about
 * a counted event from a source published after @to (hindsight) stays: see
 * tri_source_published_later(). Counted from the keys in memory
 * (tri_store_read_quote_keys()); only the text of the first @limit is read.
 */
GPtrArray *
tri_store_list_quotes_in_period (TriStore    *self,
                                 gint64       relation_id,
                                 guint32      from,
                                 guint32      to,
                                 const char  *lang,
                                 guint        limit,
                                 guint       *total,
                                 GError     **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  ids = tri_store_list_quote_ids_in_period (self, relation_id, from, to, limit, total, error);
  return ids ? read_quotes (self, ids, lang, error) : NULL;
}

/**
 * tri_store_list_quote_ids_in_period:
 * @limit: how many ids to list
 * @total: (out): how many quotes the period has
 *
 * The ids (gint64) of the first @limit quotes
 * tri_store_list_quotes_in_period() lists, in its order, and their count,
 * from the keys in memory alone: a panel reads in full only the quotes it
 * shows (tri_store_read_quotes()).
 *
 * Returns: (transfer full): the ids, or %NULL when the keys could not be read
 */
GArray *
tri_store_list_quote_ids_in_period (TriStore    *self,
                                    gint64       relation_id,
                                    guint32      from,
                                    guint32      to,
                                    guint        limit,
                                    guint       *total,
                                    GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const QuoteKey *keys;
  guint n;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  *total = 0;
  if (to < from)
    return g_steal_pointer (&ids);
  if (!read_quote_keys (self, error))
    return NULL;
  keys = relation_keys (self, relation_id, &n);

  /* the keys are newest first by the event's days, and a loose quote's by
   * its source's: each pass keeps that order */
  for (guint i = 0; i < n; i++)
    if (keys[i].place == KEY_EVENT &&
        tri_event_count (keys[i].earliest, keys[i].latest, from, to) == TRI_COUNT_YES &&
        key_passes (self, &keys[i]))
      take_key (ids, limit, total, &keys[i]);
  for (guint i = 0; i < n; i++)
    if (keys[i].place == KEY_LOOSE && keys[i].source->exists &&
        !tri_source_published_later (&keys[i].source->date, to) &&
        key_passes (self, &keys[i]))
      take_key (ids, limit, total, &keys[i]);

  return g_steal_pointer (&ids);
}

/**
 * tri_store_read_quotes:
 * @ids: (array length=n_ids): quote ids
 *
 * Those quotes in full, in the order of @ids; an id no quote has any more
 * is left out.
 *
 * Returns: (transfer full) (element-type TriQuote): the quotes, or %NULL
 * on a failed read
 */
GPtrArray *
tri_store_read_quotes (TriStore     *self,
                       const gint64 *ids,
                       guint         n_ids,
                       const char   *lang,
                       GError      **error)
{
  g_autoptr(GArray) array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  g_array_append_vals (array, ids, n_ids);
  return read_quotes (self, array, lang, error);
}

/**
 * tri_store_events_have_quotes:
 * @relation_id: a relation
 * @events: (array length=n_events): events, such as those that changed
 *
 * Whether any of @events is backed by a quote of @relation_id: after a
 * change of events alone (no quote changed), the relation's evidence
 * changed only then (its quotes are dated by their events), and a panel
 * showing it need not read it again otherwise.
 *
 * Returns: %TRUE when one is, or when it could not be read
 */
gboolean
tri_store_events_have_quotes (TriStore     *self,
                              gint64        relation_id,
                              const gint64 *events,
                              guint         n_events)
{
  g_return_val_if_fail (TRI_IS_STORE (self), TRUE);

  for (guint i = 0; i < n_events; i++)
    {
      sqlite3_stmt *stmt = begin (self, STMT_EVENT_HAS_QUOTES, NULL);
      int rc;

      sqlite3_bind_int64 (stmt, 1, events[i]);
      sqlite3_bind_int64 (stmt, 2, relation_id);
      rc = step_row (self, stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
tri_store_list_sources (TriStore    *self,
                        const char  *lang,
                        GError     **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_source_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  stmt = begin (self, STMT_SOURCES, lang);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      TriSource *s = g_new0 (TriSource, 1);

      s->id = column_text (stmt, 0);
      s->kind = column_text (stmt, 1);
      s->title = column_text (stmt, 2);
      s->outlet = column_text (stmt, 3);
      s->authors = column_text (stmt, 4);
      s->language = column_text (stmt, 5);
      column_date (stmt, 6, &s->date);
      s->file = column_text (stmt, 7);
      s->description = column_long_text (stmt, 8);
      g_ptr_array_add (sources, s);
    }
  if (!finish (self, rc, error))
    return NULL;

  return g_steal_pointer (&sources);
}

/* --- decks ----------------------------------------------------------------- */

/* A deck row that is not what Trilateral writes: the deck is refused,
 * never drawn (the rest of the briefing still is). */
static gboolean G_GNUC_PRINTF (5, 6)
refuse_slide (TriStore    *self,
              GError     **error,
              const char  *deck,
              guint        number,
              const char  *format,
              ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (number == 0)
    /* Translators: the first %s is the file, the second a deck's name, the third what is wrong with it */
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED,
                 _("“%s” has a deck that cannot be shown (deck “%s”): %s."), self->path, deck, what);
  else
    /* Translators: the first %s is the file, %u a slide's number, the second %s a deck's name, the third what is wrong with the slide */
    g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED,
                 _("“%s” has a deck that cannot be shown (slide %u of deck “%s”): %s."),
                 self->path, number, deck, what);
  return FALSE;
}

/* A text column of at most @max characters (NULL stays NULL), as valid
 * UTF-8; FALSE when it is longer. */
static gboolean
column_checked_text (sqlite3_stmt  *stmt,
                     int            col,
                     glong          max,
                     char         **text)
{
  const char *raw = (const char *) sqlite3_column_text (stmt, col);
  gsize bytes = (gsize) sqlite3_column_bytes (stmt, col);

  *text = NULL;
  if (raw == NULL)
    return TRUE;
  if (bytes > (gsize) max * 4)
    return FALSE;
  *text = g_utf8_make_valid (raw, (gssize) bytes);
  if (g_utf8_strlen (*text, -1) > max)
    {
      g_clear_pointer (text, g_free);
      return FALSE;
    }
  return TRUE;
}

/* A nullable day column: NULL is 0, else a Julian Day Number Trilateral
 * can place */
static gboolean
column_day_or_none (sqlite3_stmt *stmt,
                    int           col,
                    guint32      *day)
{
  *day = 0;
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return TRUE;
  return column_day (stmt, col, day);
}

static gboolean
column_range (sqlite3_stmt *stmt,
              int           col,
              double       *day)
{
  int type = sqlite3_column_type (stmt, col);
  double jdn;

  *day = 0;
  if (type == SQLITE_NULL)
    return TRUE;
  if (type != SQLITE_INTEGER && type != SQLITE_FLOAT)
    return FALSE;
  jdn = sqlite3_column_double (stmt, col);
  if (!(jdn >= (double) tri_day_to_jdn (TRI_DAY_MIN) && jdn <= (double) tri_day_to_jdn (TRI_DAY_MAX) + 1))
    return FALSE;
  *day = jdn + (double) TRI_DAY_JDN_OFFSET;
  return TRUE;
}

static gboolean
valid_lang_code (const char *lang)
{
  gsize n = lang ? strlen (lang) : 0;

  if (n < 2 || n > 16)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (lang[i]) && lang[i] != '_' && lang[i] != '-')
      return FALSE;
  return TRUE;
}

/* One row of STMT_SLIDES, checked: every value is one Trilateral writes */
static TriDeckSlide *
slide_from_row (TriStore      *self,
                sqlite3_stmt  *stmt,
                const char    *deck,
                guint          number,
                GError       **error)
{
  g_autoptr(TriDeckSlide) slide = g_new0 (TriDeckSlide, 1);
  const char *kind = (const char *) sqlite3_column_text (stmt, 1);
  const char *text;
  g_autofree char *kind_shown = NULL;
  gint64 months;

  slide->id = sqlite3_column_int64 (stmt, 0);
  if (!tri_deck_slide_kind_from_string (kind, &slide->kind))
    {
      kind_shown = g_utf8_make_valid (kind ? kind : "", MIN (sqlite3_column_bytes (stmt, 1), 40));
      refuse_slide (self, error, deck, number, _("its kind “%s” is unknown"), kind_shown);
      return NULL;
    }
  if (!column_day_or_none (stmt, 2, &slide->as_of) ||
      !column_day_or_none (stmt, 15, &slide->compare_from) ||
      !column_day_or_none (stmt, 16, &slide->trend_from) ||
      !column_day_or_none (stmt, 17, &slide->trend_to) ||
      !column_range (stmt, 11, &slide->range_start) ||
      !column_range (stmt, 12, &slide->range_end))
    {
      refuse_slide (self, error, deck, number, "%s", _("it has a date Trilateral cannot place"));
      return NULL;
    }
  if ((slide->range_start == 0) != (slide->range_end == 0) ||
      (slide->range_start != 0 && slide->range_start >= slide->range_end))
    {
      refuse_slide (self, error, deck, number, "%s", _("its timeline range ends before it starts"));
      return NULL;
    }
  months = sqlite3_column_int64 (stmt, 3);
  if (sqlite3_column_type (stmt, 3) != SQLITE_INTEGER || months < 0 || months > 1200)
    {
      refuse_slide (self, error, deck, number, "%s", _("its period is not a number of months"));
      return NULL;
    }
  slide->window_months = (guint) months;

  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    {
      if (sqlite3_column_type (stmt, 5) == SQLITE_NULL)
        {
          refuse_slide (self, error, deck, number, "%s", _("it names a relation the briefing does not have"));
          return NULL;
        }
      slide->relation = g_strdup_printf ("%s-%s", sqlite3_column_text (stmt, 5), sqlite3_column_text (stmt, 6));
    }
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    {
      if (sqlite3_column_int (stmt, 8) != 1)
        {
          refuse_slide (self, error, deck, number, "%s", _("it names an actor the briefing does not have"));
          return NULL;
        }
      slide->actor = column_text (stmt, 7);
    }
  if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
    {
      if (sqlite3_column_type (stmt, 9) != SQLITE_INTEGER || sqlite3_column_int (stmt, 10) != 1)
        {
          refuse_slide (self, error, deck, number, "%s", _("it names an event the briefing does not have"));
          return NULL;
        }
      slide->event = sqlite3_column_int64 (stmt, 9);
    }
  if (sqlite3_column_type (stmt, 13) != SQLITE_INTEGER ||
      (sqlite3_column_int64 (stmt, 13) != 0 && sqlite3_column_int64 (stmt, 13) != 1))
    {
      refuse_slide (self, error, deck, number, "%s", _("its setting for the other actors is neither yes nor no"));
      return NULL;
    }
  slide->show_others = sqlite3_column_int (stmt, 13);
  text = (const char *) sqlite3_column_text (stmt, 14);
  if (text != NULL)
    {
      if (!valid_lang_code (text))
        {
          refuse_slide (self, error, deck, number, "%s", _("its language is not a language code"));
          return NULL;
        }
      slide->lang = g_strdup (tri_lang_normalize (text));
    }

  if (slide->kind == TRI_DECK_SLIDE_COMPARE &&
      (slide->compare_from == 0 || (slide->as_of != 0 && slide->compare_from >= slide->as_of)))
    {
      refuse_slide (self, error, deck, number, "%s", _("it compares from a date that is not before its “as of” date"));
      return NULL;
    }
  if (slide->kind == TRI_DECK_SLIDE_TREND)
    {
      if (slide->trend_from == 0 || slide->trend_to == 0 || slide->trend_from > slide->trend_to)
        {
          refuse_slide (self, error, deck, number, "%s", _("its trend span ends before it starts"));
          return NULL;
        }
      if (!tri_trend_step_from_string ((const char *) sqlite3_column_text (stmt, 18), &slide->trend_step) ||
          !tri_trend_style_from_string ((const char *) sqlite3_column_text (stmt, 19), &slide->trend_style))
        {
          refuse_slide (self, error, deck, number, "%s", _("its trend step or style is unknown"));
          return NULL;
        }
    }
  else
    {
      /* the defaults, should the slide become a trend */
      tri_trend_step_from_string ((const char *) sqlite3_column_text (stmt, 18), &slide->trend_step);
      tri_trend_style_from_string ((const char *) sqlite3_column_text (stmt, 19), &slide->trend_style);
    }

  if (!column_checked_text (stmt, 20, TRI_DECK_MAX_TITLE, &slide->title) ||
      !column_checked_text (stmt, 21, TRI_DECK_MAX_TITLE, &slide->judgement) ||
      !column_checked_text (stmt, 22, TRI_DECK_MAX_TEXT, &slide->notes) ||
      !column_checked_text (stmt, 23, TRI_DECK_MAX_TEXT, &slide->body))
    {
      refuse_slide (self, error, deck, number, "%s", _("it has a text longer than a slide holds"));
      return NULL;
    }
  if (slide->title == NULL)
    slide->title = g_strdup ("");

  /* the filter it saved, as the command line reads one; kept canonical */
  if (sqlite3_column_type (stmt, 24) != SQLITE_NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(TriFilter) filter = NULL;

      if (sqlite3_column_type (stmt, 24) != SQLITE_TEXT ||
          (filter = tri_filter_parse ((const char *) sqlite3_column_text (stmt, 24), &local_error)) == NULL)
        {
          refuse_slide (self, error, deck, number, _("its filter is not one Trilateral reads (%s)"),
                        local_error != NULL ? local_error->message : _("not text"));
          return NULL;
        }
      if (!tri_filter_is_empty (filter))
        slide->filter = tri_filter_to_string (filter);
    }
  return g_steal_pointer (&slide);
}

/* The slides of @deck, in order, each checked */
static gboolean
load_slides (TriStore    *self,
             TriDeck     *deck,
             const char  *lang,
             GError     **error)
{
  sqlite3_stmt *stmt;
  guint number = 0;
  int rc;

  deck->slides = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_deck_slide_free);
  stmt = begin (self, STMT_SLIDES, lang);
  sqlite3_bind_int64 (stmt, 2, deck->id);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      TriDeckSlide *slide;

      if (++number > TRI_DECK_MAX_SLIDES)
        {
          sqlite3_reset (stmt);
          return refuse_slide (self, error, deck->name, 0, _("it has more than %d slides"), TRI_DECK_MAX_SLIDES);
        }
      slide = slide_from_row (self, stmt, deck->name, number, error);
      if (slide == NULL)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      g_ptr_array_add (deck->slides, slide);
    }
  sqlite3_reset (stmt);
  return finish (self, rc, error);
}

/* The deck of the current row of @stmt (id, name), without its slides */
static TriDeck *
deck_from_row (TriStore      *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(TriDeck) deck = g_new0 (TriDeck, 1);

  deck->id = sqlite3_column_int64 (stmt, 0);
  if (!column_checked_text (stmt, 1, TRI_DECK_MAX_NAME, &deck->name) || deck->name == NULL ||
      *deck->name == '\0')
    {
      g_autofree char *shown = column_text (stmt, 1);

      refuse_slide (self, error, shown ? shown : "", 0, "%s", _("it has no name Trilateral can show"));
      return NULL;
    }
  return g_steal_pointer (&deck);
}

/**
 * tri_store_get_decks:
 * @lang: the language of the slides' texts (falling back to English, then
 *   to any language that has them)
 *
 * Every deck of the briefing, its slides in order, each row checked: a
 * deck with a value Trilateral never writes (an unknown kind, a day it
 * cannot place, a text longer than a slide holds, a relation, actor or
 * event the briefing does not have) is refused with a sentence naming the
 * deck and the slide, never drawn.
 *
 * Returns: (transfer full) (element-type TriDeck): the decks, in the
 *   order they were made (none: empty), or %NULL with @error set
 */
GPtrArray *
tri_store_get_decks (TriStore    *self,
                     const char  *lang,
                     GError     **error)
{
  g_autoptr(GPtrArray) decks = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_deck_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  /* the decks first, then each one's slides */
  stmt = begin (self, STMT_DECKS, NULL);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      TriDeck *deck;

      if (decks->len >= TRI_DECK_MAX_DECKS)
        {
          sqlite3_reset (stmt);
          g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED,
                       _("“%s” has more than %d decks: they cannot be shown."), self->path, TRI_DECK_MAX_DECKS);
          return NULL;
        }
      deck = deck_from_row (self, stmt, error);
      if (deck == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (decks, deck);
    }
  sqlite3_reset (stmt);
  if (!finish (self, rc, error))
    return NULL;

  for (guint i = 0; i < decks->len; i++)
    if (!load_slides (self, decks->pdata[i], lang, error))
      return NULL;

  return g_steal_pointer (&decks);
}

/**
 * tri_store_get_deck:
 * @name: (nullable): the deck's name; %NULL: the first deck
 *
 * Returns: (transfer full): the deck, its slides in order and checked as
 *   tri_store_get_decks() does, or %NULL with @error set
 *   (%TRI_STORE_ERROR_NO_SUCH: “No deck named …”, or the briefing has
 *   none)
 */
TriDeck *
tri_store_get_deck (TriStore    *self,
                    const char  *name,
                    const char  *lang,
                    GError     **error)
{
  TriDeck *deck = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);

  if (name != NULL)
    {
      stmt = begin (self, STMT_DECK_BY_NAME, NULL);
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
    }
  else
    stmt = begin (self, STMT_DECKS, NULL);
  rc = step (self, stmt);
  if (rc == SQLITE_ROW)
    {
      deck = deck_from_row (self, stmt, error);
      sqlite3_reset (stmt);
      if (deck != NULL && !load_slides (self, deck, lang, error))
        g_clear_pointer (&deck, tri_deck_free);
      return deck;
    }
  if (finish (self, rc, error))
    {
      if (name != NULL)
        g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NO_SUCH, _("No deck named “%s”."), name);
      else
        g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NO_SUCH, _("The briefing has no deck."));
    }
  sqlite3_reset (stmt);
  return NULL;
}

/**
 * tri_store_get_markings:
 * @markings: (out caller-allocates): filled in; each field %NULL when not
 *   set (clear it with tri_markings_clear())
 *
 * The briefing's markings, drawn on every slide and exported page: none
 * set is no error.
 */
gboolean
tri_store_get_markings (TriStore     *self,
                        TriMarkings  *markings,
                        GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (markings != NULL, FALSE);

  memset (markings, 0, sizeof *markings);
  stmt = begin (self, STMT_MARKINGS, NULL);
  rc = step (self, stmt);
  if (rc == SQLITE_ROW)
    {
      char **fields[] = { &markings->marking, &markings->author, &markings->prepared, &markings->version };

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (!column_checked_text (stmt, (int) i, TRI_DECK_MAX_TITLE, fields[i]))
          {
            sqlite3_reset (stmt);
            tri_markings_clear (markings);
            g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED,
                         _("“%s” has markings longer than a slide holds: they cannot be shown."), self->path);
            return FALSE;
          }
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  return finish (self, rc, error);
}

/* The raw rows behind a briefing, for the exports that keep everything
 * (the Trilateral JSON format): every language's text, uncut. */
static const char * const rows_sql[TRI_STORE_N_ROWS] = {
  [TRI_STORE_ROWS_TITLES] = "SELECT lang, title FROM briefing ORDER BY lang",
  [TRI_STORE_ROWS_ACTORS] = "SELECT code, color, rank FROM actor ORDER BY rank, code",
  [TRI_STORE_ROWS_ACTOR_NAMES] = "SELECT actor, lang, name FROM actor_name ORDER BY actor, lang",
  [TRI_STORE_ROWS_SOURCES] =
    "SELECT id, kind, title, outlet, authors, language, date, file, reliability FROM source ORDER BY rowid",
  [TRI_STORE_ROWS_SOURCE_TEXTS] =
    "SELECT source, lang, description FROM source_text ORDER BY source, lang",
  [TRI_STORE_ROWS_EVENTS] =
    "SELECT id, date, category, confidence, date_label FROM event ORDER BY id",
  [TRI_STORE_ROWS_EVENT_TEXTS] =
    "SELECT event, lang, title, summary, claimed_by FROM event_text ORDER BY event, lang",
  [TRI_STORE_ROWS_EVENT_LINKS] =
    "SELECT event, relation, stance, weight FROM event_relation ORDER BY event, relation",
  [TRI_STORE_ROWS_QUOTES] =
    "SELECT id, source, char_offset, text, relation, event, claim, credibility FROM quote ORDER BY id",
  [TRI_STORE_ROWS_QUOTE_TRANSLATIONS] =
    "SELECT quote, lang, text FROM quote_translation ORDER BY quote, lang",
  [TRI_STORE_ROWS_NOTES] = "SELECT event, text FROM note ORDER BY rowid",
  [TRI_STORE_ROWS_SLIDE_TEXTS] =
    "SELECT slide, lang, title, judgement, notes, body FROM slide_text ORDER BY slide, lang",
  [TRI_STORE_ROWS_QUOTE_REFS] =
    "SELECT id, source, relation, event FROM quote ORDER BY id",
};

/* the rows of @which, one at a time, and how many cells a row has */
static gboolean
foreach_row (TriStore        *self,
             TriStoreRows     which,
             TriStoreRowFunc  func,
             gpointer         data,
             guint           *n_columns,
             GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  const char **cells;
  char **made;
  int rc, n;

  /* the same check as every other read: a file changed under us reads nothing */
  sqlite3_reset (begin (self, STMT_TITLE, NULL));
  rc = sqlite3_prepare_v2 (self->db, rows_sql[which], -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return finish (self, rc, error);
  n = sqlite3_column_count (stmt);
  if (n_columns != NULL)
    *n_columns = (guint) n;
  cells = g_new0 (const char *, n + 1);
  made = g_new0 (char *, n + 1);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < n; i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);
          int len = sqlite3_column_bytes (stmt, i);

          /* a file from elsewhere may hold invalid UTF-8: mended, as shown */
          if (text != NULL && !g_utf8_validate_len (text, len, NULL))
            text = made[i] = g_utf8_make_valid (text, len);
          cells[i] = text;
        }
      func (cells, (guint) n, data);
      for (int i = 0; i < n; i++)
        g_clear_pointer (&made[i], g_free);
    }
  sqlite3_finalize (stmt);
  g_free (cells);
  g_free (made);
  return finish (self, rc, error);
}

/**
 * tri_store_foreach_row:
 * @func: called with each row's cells, each valid UTF-8 or NULL for an
 *   SQL NULL, valid only during the call
 *
 * Reads the rows one at a time, keeping none: at 200,000 quotes a list of
 * every cell was tens of megabytes held only to be read once.
 *
 * Returns: FALSE with @error set when the read failed (@func may have
 *   been called for the rows before the failure)
 */
gboolean
tri_store_foreach_row (TriStore        *self,
                       TriStoreRows     which,
                       TriStoreRowFunc  func,
                       gpointer         data,
                       GError         **error)
{
  g_return_val_if_fail (TRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (which < TRI_STORE_N_ROWS, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return foreach_row (self, which, func, data, NULL, error);
}

static void
add_row_cells (const char *const *cells,
               guint              n,
               gpointer           data)
{
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (data, g_strdup (cells[i]));
}

/**
 * tri_store_read_rows:
 * @n_columns: (out): the cells of a row
 *
 * Returns: (transfer full): the cells row after row, each valid UTF-8 or
 *   NULL for an SQL NULL; NULL with @error set when the read failed
 */
GPtrArray *
tri_store_read_rows (TriStore      *self,
                     TriStoreRows   which,
                     guint         *n_columns,
                     GError       **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (TRI_IS_STORE (self), NULL);
  g_return_val_if_fail (which < TRI_STORE_N_ROWS, NULL);

  if (!foreach_row (self, which, add_row_cells, cells, n_columns, error))
    return NULL;
  return g_steal_pointer (&cells);
}

/* --- the filter ------------------------------------------------------------ */

/* Every event's category, confidence and relations, in compact arrays
 * read once (no text): a filter change is then one pass over them. */
static void
read_facts (TriStore *self)
{
  sqlite3_stmt *stmt;
  gint64 last = 0;
  guint n = 0;
  int rc;

  clear_facts (self);
  /* ids one after another (a briefing made here, an import) are their
   * place: no array of them is kept (8 bytes an event) until one is not */
  self->fact_dense = TRUE;
  self->fact_kinds = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->fact_rel_start = g_array_new (FALSE, FALSE, sizeof (guint));
  self->fact_rels = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = begin (self, STMT_EVENT_FACTS, NULL);
  while ((rc = step (self, stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (n == 0 || last != id)
        {
          TriCategory category;
          TriConfidence confidence;
          guint8 kind;
          guint start = self->fact_rels->len;

          if (n == 0)
            self->fact_base = id;
          else if (self->fact_dense && id != last + 1)
            {
              /* the first gap: the ids so far, then each */
              self->fact_dense = FALSE;
              self->fact_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n + 1);
              for (guint i = 0; i < n; i++)
                {
                  gint64 before = self->fact_base + i;

                  g_array_append_val (self->fact_ids, before);
                }
            }
          if (!self->fact_dense)
            g_array_append_val (self->fact_ids, id);
          last = id;
          n++;

          /* as event_from_row () reads them */
          if (!tri_category_from_string ((const char *) sqlite3_column_text (stmt, 1), &category))
            category = TRI_CATEGORY_DIPLOMACY;
          if (!tri_confidence_from_string ((const char *) sqlite3_column_text (stmt, 2), &confidence))
            confidence = TRI_CONFIDENCE_ALLEGED;
          kind = (guint8) (category << 4 | confidence);
          g_array_append_val (self->fact_kinds, kind);
          g_array_append_val (self->fact_rel_start, start);
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          gint64 rel = sqlite3_column_int64 (stmt, 3);

          g_array_append_val (self->fact_rels, rel);
        }
    }
  if (!finish (self, rc, NULL))
    {
      /* noted and said where it arose: nothing passes rather than a guess */
      n = 0;
      g_clear_pointer (&self->fact_ids, g_array_unref);
      g_array_set_size (self->fact_kinds, 0);
      g_array_set_size (self->fact_rel_start, 0);
      g_array_set_size (self->fact_rels, 0);
    }
  {
    guint end = self->fact_rels->len;

    g_array_append_val (self->fact_rel_start, end);
  }
  self->n_facts = n;
  if (n == 0)
    self->fact_dense = FALSE;
}

static guint
fact_index (TriStore *self,
            gint64    id)
{
  const gint64 *ids;
  guint lo = 0, hi = self->n_facts;

  if (hi == 0)
    return G_MAXUINT;
  if (self->fact_dense)
    {
      if (id < self->fact_base || id - self->fact_base >= (gint64) hi)
        return G_MAXUINT;
      return (guint) (id - self->fact_base);
    }
  ids = (const gint64 *) self->fact_ids->data;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < self->n_facts && ids[lo] == id ? lo : G_MAXUINT;
}

static void
compute_passes (TriStore *self)
{
  const TriFilter *f = self->filter;
  const char * const *categories = tri_filter_get_values (f, TRI_FILTER_CATEGORY);
  const char * const *confidences = tri_filter_get_values (f, TRI_FILTER_CONFIDENCE);
  const char * const *actors = tri_filter_get_values (f, TRI_FILTER_ACTOR);
  g_autoptr(GHashTable) involved = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GByteArray) small = g_byte_array_new ();   /* relation id -> involved, for small ids */
  gboolean category_ok[16] = { FALSE, };
  gboolean confidence_ok[16] = { FALSE, };

  if (self->fact_kinds == NULL)
    read_facts (self);
  for (int c = 0; c < TRI_N_CATEGORIES; c++)
    category_ok[c] = categories == NULL || g_strv_contains (categories, tri_category_to_string (c));
  for (int c = 0; c < TRI_N_CONFIDENCES; c++)
    confidence_ok[c] = confidences == NULL || g_strv_contains (confidences, tri_confidence_to_string (c));
  /* the relations that involve an actor asked for */
  for (guint i = 0; actors != NULL && i < self->relations->len; i++)
    {
      TriRelation *r = g_ptr_array_index (self->relations, i);

      if (g_strv_contains (actors, r->a) || g_strv_contains (actors, r->b))
        {
          g_hash_table_add (involved, &r->id);
          if (r->id >= 0 && r->id < 65536)
            {
              guint len = small->len;

              if ((guint) r->id >= len)
                {
                  g_byte_array_set_size (small, (guint) r->id + 1);
                  memset (small->data + len, 0, small->len - len);
                }
              small->data[r->id] = 1;
            }
        }
    }

  g_clear_pointer (&self->passes, g_byte_array_unref);
  self->passes = g_byte_array_sized_new (self->n_facts);
  g_byte_array_set_size (self->passes, self->n_facts);
  for (guint i = 0; i < self->n_facts; i++)
    {
      guint8 kind = g_array_index (self->fact_kinds, guint8, i);
      gboolean pass = category_ok[kind >> 4] && confidence_ok[kind & 0xf];

      if (pass && actors != NULL)
        {
          const guint *start = (const guint *) self->fact_rel_start->data;
          const gint64 *rels = (const gint64 *) self->fact_rels->data;

          pass = FALSE;
          for (guint k = start[i]; k < start[i + 1] && !pass; k++)
            pass = rels[k] >= 0 && rels[k] < (gint64) small->len
                   ? small->data[rels[k]] != 0
                   : g_hash_table_contains (involved, &rels[k]);
        }
      self->passes->data[i] = pass;
    }
}

void
tri_store_read_filter_facts (TriStore *self)
{
  g_return_if_fail (TRI_IS_STORE (self));
  if (self->fact_kinds == NULL)
    read_facts (self);
}

gboolean
tri_store_filters_events (TriStore *self)
{
  return tri_filter_has_event_facets (self->filter);
}

const guint8 *
tri_store_get_pass_table (TriStore *self,
                          gint64   *base,
                          guint    *n)
{
  if (!tri_filter_has_event_facets (self->filter))
    return NULL;
  if (self->passes == NULL)
    compute_passes (self);
  if (!self->fact_dense)
    return NULL;
  *base = self->fact_base;
  *n = self->n_facts;
  return self->passes->data;
}

/**
 * tri_store_set_filter:
 * @filter: (nullable): what to show; copied
 *
 * The filter every read of events and quotes honours from now on (see
 * tri-store.h); the running sums follow it (tri_state_index_compute ()).
 */
void
tri_store_set_filter (TriStore        *self,
                      const TriFilter *filter)
{
  g_return_if_fail (TRI_IS_STORE (self));

  if (tri_filter_equal (self->filter, filter))
    return;
  g_clear_pointer (&self->filter, tri_filter_free);
  if (!tri_filter_is_empty (filter))
    self->filter = tri_filter_copy (filter);
  g_clear_pointer (&self->passes, g_byte_array_unref);
  self->filter_serial++;
}

/**
 * tri_store_get_filter:
 *
 * Returns: (transfer none) (nullable): the store's filter; %NULL for none
 */
const TriFilter *
tri_store_get_filter (TriStore *self)
{
  g_return_val_if_fail (TRI_IS_STORE (self), NULL);
  return self->filter;
}

/* changes whenever what passes may have: the filter, or the events */
guint
tri_store_get_filter_serial (TriStore *self)
{
  g_return_val_if_fail (TRI_IS_STORE (self), 0);
  return self->filter_serial;
}

/**
 * tri_store_event_passes:
 *
 * Whether the event with @event_id passes the store's filter: its
 * category, confidence and actors (those of its relations). %TRUE for
 * any event when the filter sets none of them.
 */
gboolean
tri_store_event_passes (TriStore *self,
                        gint64    event_id)
{
  guint i;

  g_return_val_if_fail (TRI_IS_STORE (self), TRUE);

  if (!tri_filter_has_event_facets (self->filter))
    return TRUE;
  if (self->passes == NULL)
    compute_passes (self);
  i = fact_index (self, event_id);
  return i != G_MAXUINT && self->passes->data[i];
}

/* A quote passes when its event does (one that backs a relation only,
 * when no event facet is set) and its claim, grade and source match. */
static gboolean
quote_facts_pass (TriStore   *self,
                  gint64      event_id,
                  TriClaim    claim,
                  char        reliability,
                  int         credibility,
                  const char *source_id)
{
  if (self->filter == NULL)
    return TRUE;
  if (event_id != 0 ? !tri_store_event_passes (self, event_id) : tri_filter_has_event_facets (self->filter))
    return FALSE;
  return tri_filter_match_quote_facts (self->filter, claim, reliability, credibility, source_id);
}

gboolean
tri_store_quote_passes (TriStore       *self,
                        const TriQuote *quote)
{
  g_return_val_if_fail (TRI_IS_STORE (self), TRUE);
  return quote_facts_pass (self, quote->event_id, quote->claim, quote->reliability,
                           quote->credibility, quote->source_id);
}

