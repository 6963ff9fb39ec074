/* tri-document.c: an editable briefing, its one writer and its undo history
 *
 * A TriDocument owns a briefing that Trilateral created to be edited (New
 * Briefing, Save a Copy to Edit): every other file stays read-only in the
 * hardened store. It is the one writer of its file:
 *
 * - Each user action is one command, and each command one SQLite
 *   transaction in WAL mode with synchronous = FULL: when a command has
 *   returned, it is on disk, whatever happens to the process next; when
 *   it fails, nothing of it is: the commit's fsync of the WAL is what
 *   makes it durable. The WAL is checkpointed into the file itself off the
 *   edit's path (CHECKPOINT_DELAY_MS after a commit, once the window has
 *   drawn it) and on close; readers read the WAL as SQLite readers do (the
 *   live store directly, the hardened store from a private copy).
 * - The history keeps, for each command, the changes it made as an SQLite
 *   session changeset: undo applies its inverse, redo the changeset again,
 *   each once more in one transaction. Commands made between
 *   tri_document_begin_group() and tri_document_end_group() are one entry
 *   ("Add Event" with its relations and quotes). As in GTK's text history,
 *   the history knows nothing of widgets; as in gnome-text-editor, the
 *   document knows nothing of windows.
 * - Every check is tri-validate.c's, the rules tri-compile applies to
 *   data/briefing.json, with the same words.
 * - The "changed" signal says, after each command, undo and redo, which
 *   kinds of rows changed (TriDocumentChange), for caches to drop.
 * - A second document on the same file, in this process or another, is
 *   refused as in use: an advisory flock() held while it is open, and a
 *   table of the files this process has open (closing any descriptor of a
 *   file drops the process's POSIX locks on it, so a refused open must not
 *   even open one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-document"
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store/tri-date.h"
#include "store/tri-filter.h"
#include "store/tri-new-file.h"
#include "store/tri-schema.h"
#include "store/tri-store.h"
#include "store/tri-validate.h"
#include "tri-document-private.h"

#define CREATED_BY "Trilateral " PACKAGE_VERSION

/* tri_store_reload() takes the "changed" signal's bits as they are */
G_STATIC_ASSERT ((int) TRI_DOCUMENT_CHANGE_ACTORS == (int) TRI_STORE_CHANGE_ACTORS);
G_STATIC_ASSERT ((int) TRI_DOCUMENT_CHANGE_RELATIONS == (int) TRI_STORE_CHANGE_RELATIONS);
G_STATIC_ASSERT ((int) TRI_DOCUMENT_CHANGE_SOURCES == (int) TRI_STORE_CHANGE_SOURCES);
G_STATIC_ASSERT ((int) TRI_DOCUMENT_CHANGE_EVENTS == (int) TRI_STORE_CHANGE_EVENTS);
G_STATIC_ASSERT ((int) TRI_DOCUMENT_CHANGE_LINKS == (int) TRI_STORE_CHANGE_LINKS);
G_STATIC_ASSERT ((int) TRI_DOCUMENT_CHANGE_QUOTES == (int) TRI_STORE_CHANGE_QUOTES);
G_STATIC_ASSERT ((int) TRI_DOCUMENT_CHANGE_NOTES == (int) TRI_STORE_CHANGE_NOTES);
G_STATIC_ASSERT ((int) TRI_DOCUMENT_CHANGE_TITLE == (int) TRI_STORE_CHANGE_TITLE);
G_STATIC_ASSERT ((int) TRI_DOCUMENT_CHANGE_DECKS == (int) TRI_STORE_CHANGE_DECKS);
G_STATIC_ASSERT ((int) TRI_DOCUMENT_CHANGE_MARKINGS == (int) TRI_STORE_CHANGE_MARKINGS);

typedef struct
{
  char    *name;
  void    *changeset;
  int      size;
  guint    changes;
  GArray  *events;    /* of gint64: the events it added, changed or removed, sorted */
} Entry;

struct _TriDocument
{
  GObject          parent_instance;

  char            *path;
  int              lock_fd;
  dev_t            dev;
  ino_t            ino;
  sqlite3         *db;
  sqlite3_session *session;
  GPtrArray       *undo;        /* of Entry, oldest first */
  GPtrArray       *redo;        /* of Entry, next redo last */
  char            *group_name;
  guint            group_depth;
  int              quote_event_column;   /* quote.event's column, in changesets */
  int              note_event_column;
  GArray          *changed_events;       /* during "changed": the entry's events */
  GSource         *checkpoint;           /* pending, after the latest commit */
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (TriDocument, tri_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (tri-document-error-quark, tri_document_error)

/* the files documents of this process hold, as "dev:ino" */
static GHashTable *open_files;
G_LOCK_DEFINE_STATIC (open_files);

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  sqlite3_free (entry->changeset);
  g_clear_pointer (&entry->events, g_array_unref);
  g_free (entry);
}

static char *
file_key (dev_t dev,
          ino_t ino)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, (guint64) dev, (guint64) ino);
}

static void
tri_document_finalize (GObject *object)
{
  TriDocument *self = TRI_DOCUMENT (object);

  if (self->checkpoint != NULL)
    {
      g_source_destroy (self->checkpoint);
      g_clear_pointer (&self->checkpoint, g_source_unref);
    }
  /* the file itself whole on close, even while a live store still reads it
   * (the last connection to close would otherwise do it) */
  if (self->db != NULL && self->session == NULL)
    sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  if (self->session != NULL)
    {
      sqlite3session_delete (self->session);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->lock_fd >= 0)
    {
      g_autofree char *key = file_key (self->dev, self->ino);

      G_LOCK (open_files);
      g_hash_table_remove (open_files, key);
      G_UNLOCK (open_files);
      close (self->lock_fd);
    }
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_free (self->group_name);
  g_free (self->path);

  G_OBJECT_CLASS (tri_document_parent_class)->finalize (object);
}

static void
tri_document_class_init (TriDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tri_document_finalize;

  /**
   * TriDocument::changed:
   * @changes: the TriDocumentChange flags of what changed
   *
   * After each command, group, undo and redo that changed the file.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
tri_document_init (TriDocument *self)
{
  self->lock_fd = -1;
  self->undo = g_ptr_array_new_with_free_func (entry_free);
  self->redo = g_ptr_array_new_with_free_func (entry_free);
}

/* --- SQL ------------------------------------------------------------------ */

static gboolean
set_db_error (TriDocument  *self,
              GError      **error)
{
  int rc = sqlite3_errcode (self->db) & 0xff;

  if (rc == SQLITE_FULL)
    tri_write_error_set_errno (error, self->path, ENOSPC);
  else if (error != NULL && *error == NULL)
    g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FAILED,
                 _("Could not write “%s”: %s."), self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

/* Binds "s" text (NULL as NULL), "i" int64, "n" int64 with 0 as NULL. */
static sqlite3_stmt *
prepare_va (TriDocument  *self,
            const char   *sql,
            const char   *types,
            va_list       args,
            GError      **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return NULL;
    }
  for (int i = 0; types[i]; i++)
    {
      if (types[i] == 's')
        {
          const char *s = va_arg (args, const char *);

          if (s != NULL)
            sqlite3_bind_text (stmt, i + 1, s, -1, SQLITE_TRANSIENT);
        }
      else
        {
          gint64 v = va_arg (args, gint64);

          if (types[i] != 'n' || v != 0)
            sqlite3_bind_int64 (stmt, i + 1, v);
        }
    }
  return stmt;
}

static gboolean
exec (TriDocument  *self,
      GError      **error,
      const char   *sql,
      const char   *types,
      ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  va_start (args, types);
  stmt = prepare_va (self, sql, types, args, error);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || set_db_error (self, error);
}

/* The first column of the first row as a number; FALSE when no row. */
static gboolean
query_int (TriDocument *self,
           gint64      *value,
           const char  *sql,
           const char  *types,
           ...)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  va_list args;

  va_start (args, types);
  stmt = prepare_va (self, sql, types, args, NULL);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (value != NULL)
        *value = sqlite3_column_int64 (stmt, 0);
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  return found;
}

static char *
query_text (TriDocument *self,
            const char  *sql,
            const char  *key)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gboolean G_GNUC_PRINTF (3, 4)
refuse (GError     **error,
        int          code,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL && *error == NULL)
    *error = g_error_new_valist (TRI_DOCUMENT_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

/* --- transactions and history -------------------------------------------- */

static void
add_event_value (GArray        *events,
                 sqlite3_value *value)
{
  gint64 id;

  if (value == NULL || sqlite3_value_type (value) != SQLITE_INTEGER)
    return;
  id = sqlite3_value_int64 (value);
  g_array_append_val (events, id);
}

/* the value of column @column before and after the change, where the
 * changeset has it (an update holds only the columns it changed) */
static void
add_event_column (GArray                 *events,
                  sqlite3_changeset_iter *iter,
                  int                     op,
                  int                     column)
{
  sqlite3_value *value = NULL;

  if (column < 0)
    return;
  if (op != SQLITE_INSERT && sqlite3changeset_old (iter, column, &value) == SQLITE_OK)
    add_event_value (events, value);
  value = NULL;
  if (op != SQLITE_DELETE && sqlite3changeset_new (iter, column, &value) == SQLITE_OK)
    add_event_value (events, value);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* What a changeset changed: its TriDocumentChange bits, and into @events
 * (sorted, each once) the ids of the events whose rows, texts, links,
 * quotes or notes it added, changed or removed. The same for its inverse. */
static guint
changes_of (TriDocument *self,
            const void  *changeset,
            int          size,
            GArray      *events)
{
  sqlite3_changeset_iter *iter = NULL;
  static const struct { const char *table; guint change; } map[] = {
    { "actor", TRI_DOCUMENT_CHANGE_ACTORS },
    { "actor_name", TRI_DOCUMENT_CHANGE_ACTORS },
    { "relation", TRI_DOCUMENT_CHANGE_RELATIONS },
    { "source", TRI_DOCUMENT_CHANGE_SOURCES },
    { "source_text", TRI_DOCUMENT_CHANGE_SOURCES },
    { "source_document", TRI_DOCUMENT_CHANGE_SOURCES },
    { "event", TRI_DOCUMENT_CHANGE_EVENTS },
    { "event_text", TRI_DOCUMENT_CHANGE_EVENTS },
    { "event_relation", TRI_DOCUMENT_CHANGE_LINKS },
    { "quote", TRI_DOCUMENT_CHANGE_QUOTES },
    { "quote_translation", TRI_DOCUMENT_CHANGE_QUOTES },
    { "note", TRI_DOCUMENT_CHANGE_NOTES },
    { "briefing", TRI_DOCUMENT_CHANGE_TITLE },
    { "deck", TRI_DOCUMENT_CHANGE_DECKS },
    { "slide", TRI_DOCUMENT_CHANGE_DECKS },
    { "slide_text", TRI_DOCUMENT_CHANGE_DECKS },
    { "markings", TRI_DOCUMENT_CHANGE_MARKINGS },
  };
  guint changes = 0;

  if (sqlite3changeset_start (&iter, size, (void *) changeset) != SQLITE_OK)
    return 0;
  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table = NULL;
      int n_columns, op, indirect;

      sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
      if (table == NULL)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (map); i++)
        if (g_str_equal (table, map[i].table))
          changes |= map[i].change;
      /* the event is the first column of its own rows, its texts and links */
      if (g_str_equal (table, "event") || g_str_equal (table, "event_text") ||
          g_str_equal (table, "event_relation"))
        add_event_column (events, iter, op, 0);
      else if (g_str_equal (table, "quote") && self->quote_event_column < n_columns)
        add_event_column (events, iter, op, self->quote_event_column);
      else if (g_str_equal (table, "note") && self->note_event_column < n_columns)
        add_event_column (events, iter, op, self->note_event_column);
    }
  sqlite3changeset_finalize (iter);

  g_array_sort (events, compare_int64);
  for (guint i = 1; i < events->len; )
    if (g_array_index (events, gint64, i) == g_array_index (events, gint64, i - 1))
      g_array_remove_index (events, i);
    else
      i++;
  return changes;
}

/* "changed", with the entry's events for tri_document_get_changed_events() */
static void
emit_changed (TriDocument *self,
              Entry       *entry)
{
  self->changed_events = entry->events;
  g_signal_emit (self, signals[CHANGED], 0, entry->changes);
  self->changed_events = NULL;
}

/**
 * tri_document_get_changed_events:
 * @n: (out): how many
 *
 * During the #TriDocument::changed emission: the ids of the events that the
 * command, group, undo or redo added, changed or removed (their rows,
 * texts, links, quotes or notes), in increasing order, for
 * tri_store_reload(). Outside it: none.
 *
 * Returns: (array length=n) (transfer none) (nullable): the ids, valid
 *   until the handler returns
 */
const gint64 *
tri_document_get_changed_events (TriDocument *self,
                                 guint       *n)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (n != NULL, NULL);

  if (self->changed_events == NULL || self->changed_events->len == 0)
    {
      *n = 0;
      return NULL;
    }
  *n = self->changed_events->len;
  return (const gint64 *) self->changed_events->data;
}

/* after the window's frame: a commit is followed by a draw at once (the
 * frame clock's priority is above this one's), the checkpoint (an fsync of
 * the file, another of the WAL) comes this much after a commit; a burst of
 * edits is checkpointed at most this often */
#define CHECKPOINT_DELAY_MS 100

static void schedule_checkpoint (TriDocument *self);

static gboolean
checkpoint_now (gpointer data)
{
  TriDocument *self = data;

  g_clear_pointer (&self->checkpoint, g_source_unref);
  if (self->session == NULL)
    sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  else
    schedule_checkpoint (self);   /* not inside a command: after it */
  return G_SOURCE_REMOVE;
}

static void
schedule_checkpoint (TriDocument *self)
{
  if (self->checkpoint != NULL)
    return;
  self->checkpoint = g_timeout_source_new (CHECKPOINT_DELAY_MS);
  g_source_set_priority (self->checkpoint, G_PRIORITY_LOW);
  g_source_set_callback (self->checkpoint, checkpoint_now, self, NULL);
  g_source_set_static_name (self->checkpoint, "[trilateral] document checkpoint");
  g_source_attach (self->checkpoint, g_main_context_get_thread_default ());
}

static gboolean
transaction_begin (TriDocument  *self,
                   GError      **error)
{
  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (self, error);
  if (sqlite3session_create (self->db, "main", &self->session) != SQLITE_OK ||
      sqlite3session_attach (self->session, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      g_clear_pointer (&self->session, sqlite3session_delete);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Commits (@ok) or rolls back the transaction; a commit that changed
 * anything becomes the history's newest entry, named @name. */
static gboolean
transaction_end (TriDocument  *self,
                 const char   *name,
                 gboolean      ok,
                 GError      **error)
{
  void *changeset = NULL;
  int size = 0;

  if (ok && sqlite3session_changeset (self->session, &size, &changeset) != SQLITE_OK)
    ok = set_db_error (self, error);
  g_clear_pointer (&self->session, sqlite3session_delete);

  if (ok && sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    ok = set_db_error (self, error);
  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_free (changeset);
      return FALSE;
    }

  schedule_checkpoint (self);

  if (size > 0)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->name = g_strdup (name);
      entry->changeset = changeset;
      entry->size = size;
      entry->events = g_array_new (FALSE, FALSE, sizeof (gint64));
      entry->changes = changes_of (self, changeset, size, entry->events);
      g_ptr_array_add (self->undo, entry);
      g_ptr_array_set_size (self->redo, 0);
      emit_changed (self, entry);
    }
  else
    sqlite3_free (changeset);
  return TRUE;
}

typedef gboolean (*CommandFunc) (TriDocument   *self,
                                 gconstpointer  data,
                                 gint64        *result,
                                 GError       **error);

/* One command: its own transaction, or a savepoint inside a group. */
static gboolean
run_command (TriDocument   *self,
             const char    *name,
             CommandFunc    func,
             gconstpointer  data,
             gint64        *result,
             GError       **error)
{
  gboolean ok;

  if (self->group_depth == 0)
    {
      if (!transaction_begin (self, error))
        return FALSE;
      ok = func (self, data, result, error);
      return transaction_end (self, name, ok, error) && ok;
    }

  /* a group whose transaction did not begin writes nothing */
  if (self->session == NULL)
    return set_db_error (self, error);
  if (sqlite3_exec (self->db, "SAVEPOINT command", NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (self, error);
  ok = func (self, data, result, error);
  if (!ok)
    sqlite3_exec (self->db, "ROLLBACK TO command", NULL, NULL, NULL);
  sqlite3_exec (self->db, "RELEASE command", NULL, NULL, NULL);
  return ok;
}

/**
 * tri_document_begin_group:
 * @name: the user action, as the menu shows it ("Add Event")
 *
 * The commands until tri_document_end_group() are one transaction and one
 * entry of the history. Groups nest; the outermost name is kept.
 */
void
tri_document_begin_group (TriDocument *self,
                          const char  *name)
{
  g_return_if_fail (TRI_IS_DOCUMENT (self));

  if (self->group_depth++ > 0)
    return;
  g_free (self->group_name);
  self->group_name = g_strdup (name);
  if (!transaction_begin (self, NULL))
    g_warning ("Could not begin “%s” in %s", name, self->path);
}

gboolean
tri_document_end_group (TriDocument  *self,
                        GError      **error)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->group_depth > 0, FALSE);

  if (--self->group_depth > 0)
    return TRUE;
  if (self->session == NULL)
    return set_db_error (self, error);
  return transaction_end (self, self->group_name, TRUE, error);
}

/* Nothing of the group is written. */
void
tri_document_cancel_group (TriDocument *self)
{
  g_return_if_fail (TRI_IS_DOCUMENT (self));
  g_return_if_fail (self->group_depth > 0);

  self->group_depth = 0;
  if (self->session != NULL)
    transaction_end (self, NULL, FALSE, NULL);
}

static int
abort_on_conflict (void                   *data,
                   int                     conflict,
                   sqlite3_changeset_iter *iter)
{
  return SQLITE_CHANGESET_ABORT;
}

static gboolean
apply (TriDocument  *self,
       Entry        *entry,
       gboolean      inverse,
       GError      **error)
{
  void *inverted = NULL;
  int size = entry->size;
  int rc;

  if (inverse && sqlite3changeset_invert (entry->size, entry->changeset, &size, &inverted) != SQLITE_OK)
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("“%s” could not be undone."), entry->name);
  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_free (inverted);
      return set_db_error (self, error);
    }
  rc = sqlite3changeset_apply (self->db, size, inverse ? inverted : entry->changeset,
                               NULL, abort_on_conflict, NULL);
  sqlite3_free (inverted);
  if (rc != SQLITE_OK || sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_autofree char *reason = g_strdup (sqlite3_errmsg (self->db));

      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      if ((sqlite3_errcode (self->db) & 0xff) == SQLITE_FULL)
        return set_db_error (self, error);
      return refuse (error, TRI_DOCUMENT_ERROR_FAILED,
                     inverse ? _("“%s” could not be undone: %s.") : _("“%s” could not be redone: %s."),
                     entry->name, reason);
    }
  schedule_checkpoint (self);
  return TRUE;
}

gboolean
tri_document_can_undo (TriDocument *self)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  return self->undo->len > 0 && self->group_depth == 0;
}

gboolean
tri_document_can_redo (TriDocument *self)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  return self->redo->len > 0 && self->group_depth == 0;
}

/**
 * tri_document_get_undo_name:
 *
 * Returns: (nullable): the name of what undo would undo ("Add Event"),
 *   for "Undo Add Event" in the menu
 */
const char *
tri_document_get_undo_name (TriDocument *self)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), NULL);
  return self->undo->len ? ((Entry *) g_ptr_array_index (self->undo, self->undo->len - 1))->name : NULL;
}

const char *
tri_document_get_redo_name (TriDocument *self)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), NULL);
  return self->redo->len ? ((Entry *) g_ptr_array_index (self->redo, self->redo->len - 1))->name : NULL;
}

static gboolean
step_history (TriDocument  *self,
              GPtrArray    *from,
              GPtrArray    *to,
              gboolean      inverse,
              GError      **error)
{
  Entry *entry;

  if (self->group_depth > 0 || from->len == 0)
    return refuse (error, TRI_DOCUMENT_ERROR_NOTHING,
                   inverse ? _("There is nothing to undo.") : _("There is nothing to redo."));
  entry = g_ptr_array_index (from, from->len - 1);
  if (!apply (self, entry, inverse, error))
    return FALSE;
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  emit_changed (self, entry);
  return TRUE;
}

gboolean
tri_document_undo (TriDocument  *self,
                   GError      **error)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  return step_history (self, self->undo, self->redo, TRUE, error);
}

gboolean
tri_document_redo (TriDocument  *self,
                   GError      **error)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  return step_history (self, self->redo, self->undo, FALSE, error);
}

/* --- commands ------------------------------------------------------------- */

/* The relation's id, in rank order, created when both actors exist. */
static gboolean
relation_for (TriDocument  *self,
              const char   *code,
              gboolean      create,
              gint64       *id,
              GError      **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 ra, rb;

  if (!tri_validate_relation_code (code, &a, &b, error))
    return FALSE;
  if (!query_int (self, &ra, "SELECT rank FROM actor WHERE code = ?", "s", a) ||
      !query_int (self, &rb, "SELECT rank FROM actor WHERE code = ?", "s", b))
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH,
                   _("relation %s names an actor that is not in the briefing"), code);
  if (rb < ra || (rb == ra && g_strcmp0 (b, a) < 0))
    {
      char *t = a;
      a = b;
      b = t;
    }
  if (query_int (self, id, "SELECT id FROM relation WHERE actor_a = ? AND actor_b = ?", "ss", a, b))
    return TRUE;
  if (!create)
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no relation %s"), code);
  if (!query_int (self, id, "SELECT coalesce (max (id), 0) + 1 FROM relation", ""))
    return set_db_error (self, error);
  return exec (self, error, "INSERT INTO relation (id, actor_a, actor_b) VALUES (?, ?, ?)", "iss", *id, a, b);
}

static gboolean
validate_event (TriDocument         *self,
                const TriEventSpec  *spec,
                TriDate             *date,
                GError             **error)
{
  TriCategory category;
  TriConfidence confidence;
  const char *claimed_en = NULL;
  gboolean has_en = FALSE;

  if (!tri_validate_date (spec->date, date, error) ||
      !tri_validate_category (spec->category, &category, error) ||
      !tri_validate_confidence (spec->confidence, &confidence, error))
    return FALSE;
  for (guint i = 0; i < spec->n_texts; i++)
    {
      const TriEventText *t = &spec->texts[i];

      if (t->lang == NULL || !tri_validate_text (t->title, error) ||
          (t->summary != NULL && !g_utf8_validate (t->summary, -1, NULL)) ||
          (t->claimed_by != NULL && !g_utf8_validate (t->claimed_by, -1, NULL)))
        return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("the text is not valid UTF-8"));
      if (g_str_equal (t->lang, "en"))
        {
          has_en = TRUE;
          claimed_en = t->claimed_by;
        }
    }
  if (!has_en)
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("needs a title in English"));
  if (!tri_validate_claimed_by (confidence, claimed_en, error))
    return FALSE;
  if (spec->n_links == 0)
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("links no relation"));
  for (guint i = 0; i < spec->n_links; i++)
    {
      TriStance stance;

      if (!tri_validate_stance (spec->links[i].stance, &stance, error) ||
          !tri_validate_weight (spec->links[i].weight, error))
        return FALSE;
    }
  for (guint i = 0; i < spec->n_quotes; i++)
    if (!query_int (self, NULL, "SELECT 1 FROM quote WHERE id = ?", "i", spec->quotes[i]))
      return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no quote %lld"),
                     (long long) spec->quotes[i]);
  return TRUE;
}

/* Writes the event's row, texts, links and quotes (all checked). */
static gboolean
write_event (TriDocument         *self,
             gint64               id,
             const TriEventSpec  *spec,
             const TriDate       *date,
             GError             **error)
{
  g_autofree char *canonical = tri_date_to_string (date);

  if (!exec (self, error,
             "INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
             " VALUES (?, ?, ?, ?, ?, ?, ?)", "issiiss",
             id, canonical, tri_precision_to_string (date->precision),
             tri_day_to_jdn (date->earliest), tri_day_to_jdn (date->latest),
             spec->category, spec->confidence))
    return FALSE;
  for (guint i = 0; i < spec->n_texts; i++)
    if (!exec (self, error,
               "INSERT INTO event_text (event, lang, title, summary, claimed_by) VALUES (?, ?, ?, ?, ?)",
               "issss", id, tri_lang_normalize (spec->texts[i].lang), spec->texts[i].title,
               spec->texts[i].summary, spec->texts[i].claimed_by))
      return FALSE;
  for (guint i = 0; i < spec->n_links; i++)
    {
      gint64 relation;

      if (!relation_for (self, spec->links[i].relation, TRUE, &relation, error) ||
          !exec (self, error,
                 "INSERT INTO event_relation (event, relation, stance, weight) VALUES (?, ?, ?, ?)"
                 " ON CONFLICT DO UPDATE SET stance = excluded.stance, weight = excluded.weight",
                 "iisi", id, relation, spec->links[i].stance, (gint64) spec->links[i].weight))
        return FALSE;
    }
  for (guint i = 0; i < spec->n_quotes; i++)
    if (!exec (self, error, "UPDATE quote SET event = ? WHERE id = ?", "ii", id, spec->quotes[i]))
      return FALSE;
  return TRUE;
}

static gboolean
remove_event (TriDocument  *self,
              gint64        id,
              GError      **error)
{
  /* a slide that showed it shows no event selected */
  return exec (self, error, "UPDATE quote SET event = NULL WHERE event = ?", "i", id) &&
         exec (self, error, "UPDATE slide SET event = NULL WHERE event = ?", "i", id) &&
         exec (self, error, "DELETE FROM note WHERE event = ?", "i", id) &&
         exec (self, error, "DELETE FROM event_relation WHERE event = ?", "i", id) &&
         exec (self, error, "DELETE FROM event_text WHERE event = ?", "i", id) &&
         exec (self, error, "DELETE FROM event WHERE id = ?", "i", id);
}

static gboolean
do_add_event (TriDocument   *self,
              gconstpointer  data,
              gint64        *result,
              GError       **error)
{
  TriDate date;

  if (!validate_event (self, data, &date, error) ||
      !query_int (self, result, "SELECT coalesce (max (id), 0) + 1 FROM event", ""))
    return FALSE;
  return write_event (self, *result, data, &date, error);
}

/**
 * tri_document_add_event:
 *
 * Adds an event with its texts, its relations (created between existing
 * actors when the briefing has none yet) and the quotes that back it.
 *
 * Returns: the new event's id, or 0 with @error set and nothing written
 */
gint64
tri_document_add_event (TriDocument         *self,
                        const TriEventSpec  *spec,
                        GError             **error)
{
  gint64 id = 0;

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (spec != NULL, 0);

  /* Translators: an action in the Undo menu item, "Undo Add Event" */
  if (!run_command (self, _("Add Event"), do_add_event, spec, &id, error))
    return 0;
  return id;
}

typedef struct
{
  gint64              id;
  const TriEventSpec *spec;
} EditEvent;

static gboolean
do_edit_event (TriDocument   *self,
               gconstpointer  data,
               gint64        *result,
               GError       **error)
{
  const EditEvent *edit = data;
  TriDate date;

  if (!query_int (self, NULL, "SELECT 1 FROM event WHERE id = ?", "i", edit->id))
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no event %lld"), (long long) edit->id);
  if (!validate_event (self, edit->spec, &date, error))
    return FALSE;
  /* notes stay with the event */
  return exec (self, error, "UPDATE quote SET event = NULL WHERE event = ?", "i", edit->id) &&
         exec (self, error, "DELETE FROM event_relation WHERE event = ?", "i", edit->id) &&
         exec (self, error, "DELETE FROM event_text WHERE event = ?", "i", edit->id) &&
         exec (self, error, "PRAGMA defer_foreign_keys = ON", "") &&
         exec (self, error, "DELETE FROM event WHERE id = ?", "i", edit->id) &&
         write_event (self, edit->id, edit->spec, &date, error);
}

/**
 * tri_document_edit_event:
 *
 * Makes event @id what @spec says: its texts, links and quotes are
 * replaced by @spec's (quotes no longer listed back its relation only).
 */
gboolean
tri_document_edit_event (TriDocument         *self,
                         gint64               id,
                         const TriEventSpec  *spec,
                         GError             **error)
{
  EditEvent edit = { id, spec };

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Edit Event" */
  return run_command (self, _("Edit Event"), do_edit_event, &edit, NULL, error);
}

static gboolean
do_delete_event (TriDocument   *self,
                 gconstpointer  data,
                 gint64        *result,
                 GError       **error)
{
  gint64 id = *(const gint64 *) data;

  if (!query_int (self, NULL, "SELECT 1 FROM event WHERE id = ?", "i", id))
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no event %lld"), (long long) id);
  return remove_event (self, id, error);
}

/**
 * tri_document_delete_event:
 *
 * Deletes the event with its texts, links and notes; its quotes stay,
 * backing its relations, and a slide that selected it selects none.
 */
gboolean
tri_document_delete_event (TriDocument  *self,
                           gint64        id,
                           GError      **error)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Delete Event" */
  return run_command (self, _("Delete Event"), do_delete_event, &id, NULL, error);
}

static gboolean
do_add_source (TriDocument   *self,
               gconstpointer  data,
               gint64        *result,
               GError       **error)
{
  const TriSourceSpec *spec = data;
  char grade[2] = { spec->reliability, 0 };
  g_autofree char *canonical = NULL;
  g_autofree char *sha256 = NULL;
  gint64 chars = 0;
  TriDate date;

  if (!tri_validate_text (spec->id, error) || !tri_validate_text (spec->kind, error) ||
      !tri_validate_text (spec->title, error) || !tri_validate_text (spec->language, error) ||
      !tri_validate_date (spec->date, &date, error) ||
      !tri_validate_reliability (spec->reliability, error) ||
      (spec->text != NULL && !tri_validate_text (spec->text, error)))
    return FALSE;
  /* what the store reads back, at most */
  if (spec->text != NULL && strlen (spec->text) > TRI_STORE_MAX_LENGTH)
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED,
                   _("the text is longer than Trilateral reads (%d MB)"), TRI_STORE_MAX_LENGTH / 1000000);
  if (query_int (self, NULL, "SELECT 1 FROM source WHERE id = ?", "s", spec->id))
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("the briefing already has a source “%s”"), spec->id);
  /* "June 2024" as typed is stored as 2024-06 */
  canonical = tri_date_to_string (&date);
  return exec (self, error,
               "INSERT INTO source (id, kind, title, outlet, authors, language, date, file, reliability, url)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "ssssssssss",
               spec->id, spec->kind, spec->title, spec->outlet, spec->authors ? spec->authors : "",
               spec->language, canonical, spec->file, spec->reliability ? grade : NULL, spec->url) &&
         (spec->text == NULL ||
          ((sha256 = tri_validate_fingerprint (spec->text, &chars)) != NULL &&
           exec (self, error, "INSERT INTO source_document (source, text, sha256, chars) VALUES (?, ?, ?, ?)",
                 "sssi", spec->id, spec->text, sha256, chars)));
}

/**
 * tri_document_add_source:
 *
 * Adds a source with its metadata and, when @spec has it, its full text,
 * which quotes are then cut from.
 */
gboolean
tri_document_add_source (TriDocument         *self,
                         const TriSourceSpec *spec,
                         GError             **error)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Add Source" */
  return run_command (self, _("Add Source"), do_add_source, spec, NULL, error);
}

static gboolean
do_add_quote (TriDocument   *self,
              gconstpointer  data,
              gint64        *result,
              GError       **error)
{
  const TriQuoteSpec *spec = data;
  g_autofree char *document = NULL;
  g_autofree char *text = NULL;
  g_autofree char *checked = NULL;
  TriClaim claim;
  gint64 relation;

  if (spec->source == NULL || !query_int (self, NULL, "SELECT 1 FROM source WHERE id = ?", "s", spec->source))
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("unknown source"));
  document = query_text (self, "SELECT text FROM source_document WHERE source = ?", spec->source);
  if (document != NULL)
    {
      /* the quote is the source's own characters */
      text = tri_validate_cut_quote (document, spec->offset, spec->length, error);
      if (text == NULL)
        return FALSE;
      /* checked as it was cut: against this document */
      checked = tri_validate_fingerprint (document, NULL);
    }
  else
    {
      /* not verified against the source */
      if (!tri_validate_text (spec->text, error))
        return FALSE;
      if (spec->offset < 0)
        return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("needs its character offset in the source"));
      text = g_strdup (spec->text);
    }
  if (!tri_validate_claim (spec->claim, &claim, error) ||
      !tri_validate_credibility (spec->credibility, error) ||
      (spec->translation != NULL && (spec->translation_lang == NULL ||
                                     !tri_validate_text (spec->translation, error))))
    return FALSE;
  if (spec->event != 0 && !query_int (self, NULL, "SELECT 1 FROM event WHERE id = ?", "i", spec->event))
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("unknown event"));
  if (!relation_for (self, spec->relation, TRUE, &relation, error) ||
      !query_int (self, result, "SELECT coalesce (max (id), 0) + 1 FROM quote", ""))
    return FALSE;
  return exec (self, error,
               "INSERT INTO quote (id, source, char_offset, text, relation, event, claim, credibility,"
               " checked_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "isisinsns",
               *result, spec->source, spec->offset, text, relation, spec->event,
               claim == TRI_CLAIM_UNSTATED ? NULL : tri_claim_to_string (claim),
               (gint64) spec->credibility, checked) &&
         (spec->translation == NULL ||
          exec (self, error, "INSERT INTO quote_translation (quote, lang, text) VALUES (?, ?, ?)", "iss",
                *result, tri_lang_normalize (spec->translation_lang), spec->translation));
}

/**
 * tri_document_add_quote:
 *
 * Adds a quote: when its source has its text stored, the quote is the
 * @spec->length characters at @spec->offset of that text (@spec->text is
 * not used), so it cannot differ from it; otherwise @spec->text is kept
 * and the quote is not verified (tri_document_quote_verified()).
 *
 * Returns: the new quote's id, or 0 with @error set and nothing written
 */
gint64
tri_document_add_quote (TriDocument         *self,
                        const TriQuoteSpec  *spec,
                        GError             **error)
{
  gint64 id = 0;

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), 0);
  /* Translators: an action in the Undo menu item, "Undo Add Quote" */
  if (!run_command (self, _("Add Quote"), do_add_quote, spec, &id, error))
    return 0;
  return id;
}

/* Whether the quote is verified as the store says (TriVerification): its
 * source's stored text at its offset, or, when the source keeps only the
 * fingerprint of its document, checked against that document when it was
 * written. */
gboolean
tri_document_quote_verified (TriDocument *self,
                             gint64       quote)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  return query_int (self, NULL,
                    "SELECT 1 FROM quote q JOIN source_document d ON d.source = q.source"
                    " WHERE q.id = ? AND CASE WHEN d.text IS NOT NULL"
                    "   THEN substr (d.text, q.char_offset + 1, length (q.text)) = q.text"
                    "   ELSE q.checked_sha256 = d.sha256 END",
                    "i", quote);
}

typedef struct
{
  const char         *code;
  const char         *color;
  const char * const *names;
} AddActor;

static gboolean
do_add_actor (TriDocument   *self,
              gconstpointer  data,
              gint64        *result,
              GError       **error)
{
  const AddActor *actor = data;
  gboolean has_en = FALSE;
  guint32 rgb;
  gint64 rank;

  if (!tri_validate_actor_code (actor->code, error) ||
      !tri_validate_color (actor->color, &rgb, error))
    return FALSE;
  for (guint i = 0; actor->names != NULL && actor->names[i] != NULL; i += 2)
    {
      if (actor->names[i + 1] == NULL || !tri_validate_text (actor->names[i + 1], error))
        return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("the text is empty"));
      has_en |= g_str_equal (actor->names[i], "en");
    }
  if (!has_en)
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("needs a name in English"));
  if (query_int (self, NULL, "SELECT 1 FROM actor WHERE code = ?", "s", actor->code))
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("the briefing already has an actor %s"), actor->code);
  /* the triangle's three keep ranks 0 to 2 */
  if (!query_int (self, &rank, "SELECT max (coalesce (max (rank), 0) + 1, 3) FROM actor", "") ||
      !exec (self, error, "INSERT INTO actor (code, color, rank) VALUES (?, ?, ?)", "ssi",
             actor->code, actor->color, rank))
    return FALSE;
  for (guint i = 0; actor->names[i] != NULL; i += 2)
    if (!exec (self, error, "INSERT INTO actor_name (actor, lang, name) VALUES (?, ?, ?)", "sss",
               actor->code, tri_lang_normalize (actor->names[i]), actor->names[i + 1]))
      return FALSE;
  return TRUE;
}

/**
 * tri_document_add_actor:
 * @code: ISO 3166 alpha-3, or a body such as "UN"
 * @color: "#RRGGBB"
 * @names: language, name, language, name, …, %NULL (English required)
 */
gboolean
tri_document_add_actor (TriDocument         *self,
                        const char          *code,
                        const char          *color,
                        const char * const  *names,
                        GError             **error)
{
  AddActor actor = { code, color, names };

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Add Actor" */
  return run_command (self, _("Add Actor"), do_add_actor, &actor, NULL, error);
}

static gboolean
do_add_relation (TriDocument   *self,
                 gconstpointer  data,
                 gint64        *result,
                 GError       **error)
{
  gint64 before = 0, after = 0;

  if (!query_int (self, &before, "SELECT count (*) FROM relation", "") ||
      !relation_for (self, data, TRUE, result, error) ||
      !query_int (self, &after, "SELECT count (*) FROM relation", ""))
    return FALSE;
  if (after == before)
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("the briefing already has a relation %s"),
                   (const char *) data);
  return TRUE;
}

/**
 * tri_document_add_relation:
 * @code: "A-B", two actors of the briefing
 *
 * Returns: the new relation's id, or 0 with @error set
 */
gint64
tri_document_add_relation (TriDocument  *self,
                           const char   *code,
                           GError      **error)
{
  gint64 id = 0;

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), 0);
  /* Translators: an action in the Undo menu item, "Undo Add Relation" */
  if (!run_command (self, _("Add Relation"), do_add_relation, code, &id, error))
    return 0;
  return id;
}

/* --- files ---------------------------------------------------------------- */

static void
harden (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
}

/* Read without locks or journals (as the store does): a Trilateral
 * briefing of this format with its editable row, or a sentence. */
static gboolean
check_editable (const char  *path,
                GError     **error)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (abs, NULL, NULL);
  g_autofree char *full = uri ? g_strconcat (uri, "?immutable=1", NULL) : NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int app_id = 0, version = 0, editable = 0;
  gboolean read = FALSE;

  if (full != NULL &&
      sqlite3_open_v2 (full, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    {
      harden (db);
      if (sqlite3_prepare_v2 (db,
                              "SELECT (SELECT application_id FROM pragma_application_id),"
                              " (SELECT user_version FROM pragma_user_version)",
                              -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        {
          app_id = sqlite3_column_int (stmt, 0);
          version = sqlite3_column_int (stmt, 1);
          read = TRUE;
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (read && app_id == TRI_APPLICATION_ID && version == TRI_SCHEMA_VERSION &&
          sqlite3_prepare_v2 (db, "SELECT count (*) FROM editable", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        editable = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  if (!read || app_id != TRI_APPLICATION_ID)
    return refuse (error, TRI_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("“%s” is not a Trilateral briefing, so it cannot be edited."), path);
  if (version > TRI_SCHEMA_VERSION)
    return refuse (error, TRI_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("“%s” was created by a newer version of Trilateral (format %d; this version reads format %d). Update Trilateral to open it."),
                   path, version, TRI_SCHEMA_VERSION);
  if (version < TRI_SCHEMA_VERSION)
    return refuse (error, TRI_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("“%s” was made by an older version of Trilateral (format %d), so it stays as it is: make an editable copy of it in this version’s format to change it (Save a Copy to Edit…, or --copy-to)."),
                   path, version);
  if (editable != 1)
    return refuse (error, TRI_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("“%s” was not created by Trilateral to be edited, so it stays as it is: make an editable copy of it to change it (Save a Copy to Edit…, or --copy-to)."),
                   path);
  return TRUE;
}

/**
 * tri_document_open:
 * @path: a briefing created editable (tri_document_create_new(),
 *   tri_document_copy())
 *
 * Opens @path to edit it. Any other briefing is refused with
 * %TRI_DOCUMENT_ERROR_NOT_EDITABLE and never written; a file another
 * document edits, in this process or another, with
 * %TRI_DOCUMENT_ERROR_IN_USE.
 */
TriDocument *
tri_document_open (const char  *path,
                   GError     **error)
{
  g_autoptr(TriDocument) self = NULL;
  g_autofree char *key = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("“%s” cannot be opened: %s."), path, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("“%s” is not a file."), path);
      return NULL;
    }

  /* in this process: refused before a descriptor is even opened */
  key = file_key (st.st_dev, st.st_ino);
  G_LOCK (open_files);
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_contains (open_files, key))
    {
      G_UNLOCK (open_files);
      refuse (error, TRI_DOCUMENT_ERROR_IN_USE,
              _("“%s” is being edited in another window or program: it can be opened read-only."), path);
      return NULL;
    }
  g_hash_table_add (open_files, g_strdup (key));
  G_UNLOCK (open_files);

  self = g_object_new (TRI_TYPE_DOCUMENT, NULL);
  self->path = g_strdup (path);
  self->dev = st.st_dev;
  self->ino = st.st_ino;
  self->lock_fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (self->lock_fd < 0)
    {
      int saved = errno;

      G_LOCK (open_files);
      g_hash_table_remove (open_files, key);
      G_UNLOCK (open_files);
      refuse (error, TRI_DOCUMENT_ERROR_FAILED,
              _("“%s” cannot be opened for editing (%s): it can be opened read-only."),
              path, g_strerror (saved));
      return NULL;
    }
  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      refuse (error, TRI_DOCUMENT_ERROR_IN_USE,
              _("“%s” is being edited in another window or program: it can be opened read-only."), path);
      return NULL;
    }

  if (!check_editable (path, error))
    return NULL;

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                       NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return NULL;
    }
  harden (self->db);
  sqlite3_busy_timeout (self->db, 2000);
  if (!tri_sql_exec (self->db,
                     "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                     " PRAGMA foreign_keys = ON; PRAGMA mmap_size = 0;", error))
    return NULL;
  if (!query_int (self, NULL, "SELECT 1 FROM pragma_journal_mode WHERE journal_mode = 'wal'", ""))
    {
      refuse (error, TRI_DOCUMENT_ERROR_FAILED,
              _("“%s” cannot be edited here: its folder does not allow the write-ahead log Trilateral edits with."),
              path);
      return NULL;
    }
  if (!tri_schema_check_editable (self->db, path, error))
    return NULL;
  {
    gint64 column = -1;

    self->quote_event_column = query_int (self, &column, "SELECT cid FROM pragma_table_info ('quote') WHERE name = 'event'", "") ? (int) column : -1;
    self->note_event_column = query_int (self, &column, "SELECT cid FROM pragma_table_info ('note') WHERE name = 'event'", "") ? (int) column : -1;
  }
  if (!query_int (self, NULL, "SELECT 1 FROM pragma_quick_check (1) WHERE quick_check = 'ok'", ""))
    {
      refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("“%s” is damaged and cannot be read safely (%s)."),
              path, "quick_check");
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
tri_document_get_path (TriDocument *self)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), NULL);
  return self->path;
}

/* The triangle's three, as in data/briefing.json */
static const struct
{
  const char *code;
  const char *color;
  const char *names[5];   /* en, vi, ru, zh_CN, ko */
} triangle[] = {
  { "RUS", "#0072B2", { "Russia", "Nga", "Россия", "俄罗斯", "러시아" } },
  { "CHN", "#E69F00", { "China", "Trung Quốc", "Китай", "中国", "중국" } },
  { "PRK", "#CC79A7", { "North Korea", "Triều Tiên", "КНДР", "朝鲜", "북한" } },
};
static const char * const triangle_langs[5] = { "en", "vi", "ru", "zh_CN", "ko" };

static gboolean
insert_triangle (sqlite3  *db,
                 GError  **error)
{
  GString *sql = g_string_new ("BEGIN;");
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (triangle); i++)
    {
      char *row = sqlite3_mprintf ("INSERT INTO actor (code, color, rank) VALUES (%Q, %Q, %u);",
                                   triangle[i].code, triangle[i].color, i);
      g_string_append (sql, row);
      sqlite3_free (row);
      for (guint k = 0; k < G_N_ELEMENTS (triangle_langs); k++)
        {
          row = sqlite3_mprintf ("INSERT INTO actor_name (actor, lang, name) VALUES (%Q, %Q, %Q);",
                                 triangle[i].code, triangle_langs[k], triangle[i].names[k]);
          g_string_append (sql, row);
          sqlite3_free (row);
        }
    }
  {
    char *rows = sqlite3_mprintf ("INSERT INTO relation (id, actor_a, actor_b) VALUES"
                                  " (1, 'RUS', 'CHN'), (2, 'RUS', 'PRK'), (3, 'CHN', 'PRK');"
                                  "INSERT INTO editable (created_by, created_at)"
                                  " VALUES (%Q, strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'));"
                                  "COMMIT;", CREATED_BY);
    g_string_append (sql, rows);
    sqlite3_free (rows);
  }
  ok = tri_sql_exec (db, sql->str, error);
  g_string_free (sql, TRUE);
  return ok;
}

/**
 * tri_document_create_new:
 * @path: where the new briefing goes; an existing file is never replaced
 *
 * Writes an empty editable briefing: the triangle's three actors, their
 * names in the five languages, and their three relations. Through the one
 * file-writing helper: @path appears only when complete.
 */
gboolean
tri_document_create_new (const char  *path,
                         GError     **error)
{
  g_autoptr(TriNewFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  gboolean ok;

  file = tri_new_file_create (path, TRI_NEW_FILE_NO_REPLACE, error);
  if (file == NULL)
    return FALSE;
  db = tri_new_file_open_sqlite (file, error);
  if (db == NULL)
    return FALSE;
  ok = tri_schema_create (db, TRI_SCHEMA_VERSION, &local_error) && insert_triangle (db, &local_error);
  if (sqlite3_close (db) != SQLITE_OK && ok)
    ok = refuse (&local_error, TRI_DOCUMENT_ERROR_FAILED, "%s", _("the database could not be closed"));
  if (!ok)
    {
      if (g_error_matches (local_error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL))
        tri_write_error_set_errno (error, path, ENOSPC);
      else
        g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FAILED,
                     _("Could not write “%s”: %s."), path, local_error->message);
      return FALSE;
    }
  return tri_new_file_commit (file, error);
}

/**
 * tri_document_copy:
 * @source: any Trilateral briefing (of this format or an older one)
 * @dest: where the editable copy goes; an existing file is never replaced
 *
 * Writes an editable copy of @source, migrated to this format. @source
 * is only read.
 */
gboolean
tri_document_copy (const char  *source,
                   const char  *dest,
                   GError     **error)
{
  return tri_store_editable_copy (source, dest, CREATED_BY, error);
}

/* --- grades, quotes and the title ------------------------------------------ */

typedef struct
{
  gint64      id;
  const char *claim;
  int         credibility;
} GradeQuote;

static gboolean
do_grade_quote (TriDocument   *self,
                gconstpointer  data,
                gint64        *result,
                GError       **error)
{
  const GradeQuote *grade = data;
  TriClaim claim;

  if (!query_int (self, NULL, "SELECT 1 FROM quote WHERE id = ?", "i", grade->id))
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no quote %lld"), (long long) grade->id);
  if (!tri_validate_claim (grade->claim, &claim, error) ||
      !tri_validate_credibility (grade->credibility, error))
    return FALSE;
  return exec (self, error, "UPDATE quote SET claim = ?, credibility = ? WHERE id = ?", "sni",
               claim == TRI_CLAIM_UNSTATED ? NULL : tri_claim_to_string (claim),
               (gint64) grade->credibility, grade->id);
}

/**
 * tri_document_grade_quote:
 * @claim: (nullable): fact, official, reported, allegation, assessment,
 *   forecast; %NULL: not stated
 * @credibility: 1 (confirmed) to 6 (cannot be judged); 0: ungraded
 *
 * Sets what kind of claim a quote makes and how credible it is.
 */
gboolean
tri_document_grade_quote (TriDocument  *self,
                          gint64        id,
                          const char   *claim,
                          int           credibility,
                          GError      **error)
{
  GradeQuote grade = { id, claim, credibility };

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Grade Quote" */
  return run_command (self, _("Grade Quote"), do_grade_quote, &grade, NULL, error);
}

typedef struct
{
  const char *id;
  char        reliability;
} GradeSource;

static gboolean
do_grade_source (TriDocument   *self,
                 gconstpointer  data,
                 gint64        *result,
                 GError       **error)
{
  const GradeSource *grade = data;
  char letter[2] = { grade->reliability, 0 };

  if (grade->id == NULL || !query_int (self, NULL, "SELECT 1 FROM source WHERE id = ?", "s", grade->id))
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("unknown source"));
  if (!tri_validate_reliability (grade->reliability, error))
    return FALSE;
  return exec (self, error, "UPDATE source SET reliability = ? WHERE id = ?", "ss",
               grade->reliability ? letter : NULL, grade->id);
}

/**
 * tri_document_grade_source:
 * @reliability: 'A' (completely reliable) to 'F' (cannot be judged); 0:
 *   ungraded
 */
gboolean
tri_document_grade_source (TriDocument  *self,
                           const char   *id,
                           char          reliability,
                           GError      **error)
{
  GradeSource grade = { id, reliability };

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Grade Source" */
  return run_command (self, _("Grade Source"), do_grade_source, &grade, NULL, error);
}

static gboolean
do_delete_quote (TriDocument   *self,
                 gconstpointer  data,
                 gint64        *result,
                 GError       **error)
{
  gint64 id = *(const gint64 *) data;

  if (!query_int (self, NULL, "SELECT 1 FROM quote WHERE id = ?", "i", id))
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no quote %lld"), (long long) id);
  return exec (self, error, "DELETE FROM quote_translation WHERE quote = ?", "i", id) &&
         exec (self, error, "DELETE FROM quote WHERE id = ?", "i", id);
}

/* Deletes a quote with its translations. */
gboolean
tri_document_delete_quote (TriDocument  *self,
                           gint64        id,
                           GError      **error)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Delete Quote" */
  return run_command (self, _("Delete Quote"), do_delete_quote, &id, NULL, error);
}

typedef struct
{
  const char *lang;
  const char *title;
} SetTitle;

static gboolean
do_set_title (TriDocument   *self,
              gconstpointer  data,
              gint64        *result,
              GError       **error)
{
  const SetTitle *set = data;

  if (set->lang == NULL)
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("the text is empty"));
  if (set->title == NULL)
    return exec (self, error, "DELETE FROM briefing WHERE lang = ?", "s", tri_lang_normalize (set->lang));
  return tri_validate_text (set->title, error) &&
         exec (self, error, "INSERT INTO briefing (lang, title) VALUES (?, ?)"
               " ON CONFLICT DO UPDATE SET title = excluded.title", "ss",
               tri_lang_normalize (set->lang), set->title);
}

/**
 * tri_document_set_title:
 * @title: (nullable): the briefing's title in @lang; %NULL removes it
 */
gboolean
tri_document_set_title (TriDocument  *self,
                        const char   *lang,
                        const char   *title,
                        GError      **error)
{
  SetTitle set = { lang, title };

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Rename Briefing" */
  return run_command (self, _("Rename Briefing"), do_set_title, &set, NULL, error);
}

/**
 * tri_document_dup_source_text:
 *
 * Returns: (transfer full) (nullable): the source's stored full text, in
 *   which quotes are selected; %NULL when it has none
 */
char *
tri_document_dup_source_text (TriDocument *self,
                              const char  *source)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), NULL);
  return query_text (self, "SELECT text FROM source_document WHERE source = ?", source);
}

sqlite3 *
tri_document_get_db (TriDocument *self)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), NULL);
  return self->db;
}

/* --- decks and markings ---------------------------------------------------- */

static gboolean
deck_exists (TriDocument  *self,
             gint64        deck,
             GError      **error)
{
  if (query_int (self, NULL, "SELECT 1 FROM deck WHERE id = ?", "i", deck))
    return TRUE;
  return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no deck %lld"), (long long) deck);
}

static gboolean
slide_deck (TriDocument  *self,
            gint64        slide,
            gint64       *deck,
            GError      **error)
{
  if (query_int (self, deck, "SELECT deck FROM slide WHERE id = ?", "i", slide))
    return TRUE;
  return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no slide %lld"), (long long) slide);
}

/* a name no other deck of the briefing has (@except: the deck renamed) */
static gboolean
check_deck_name (TriDocument  *self,
                 const char   *name,
                 gint64        except,
                 GError      **error)
{
  if (!tri_validate_deck_name (name, error))
    return FALSE;
  if (query_int (self, NULL, "SELECT 1 FROM deck WHERE name = ? AND id <> ?", "si", name, except))
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("the briefing already has a deck named “%s”"), name);
  return TRUE;
}

static gboolean
do_add_deck (TriDocument   *self,
             gconstpointer  data,
             gint64        *result,
             GError       **error)
{
  gint64 n = 0;

  if (!check_deck_name (self, data, 0, error))
    return FALSE;
  if (query_int (self, &n, "SELECT count (*) FROM deck", "") && n >= TRI_DECK_MAX_DECKS)
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("a briefing holds at most %d decks"), TRI_DECK_MAX_DECKS);
  if (!query_int (self, result, "SELECT coalesce (max (id), 0) + 1 FROM deck", ""))
    return set_db_error (self, error);
  return exec (self, error, "INSERT INTO deck (id, name) VALUES (?, ?)", "is", *result, (const char *) data);
}

/**
 * tri_document_add_deck:
 * @name: unique in the briefing, not empty
 *
 * Returns: the new, empty deck's id, or 0 with @error set
 */
gint64
tri_document_add_deck (TriDocument  *self,
                       const char   *name,
                       GError      **error)
{
  gint64 id = 0;

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), 0);
  /* Translators: an action in the Undo menu item, "Undo Add Deck" */
  if (!run_command (self, _("Add Deck"), do_add_deck, name, &id, error))
    return 0;
  return id;
}

typedef struct
{
  gint64      deck;
  const char *name;
} RenameDeck;

static gboolean
do_rename_deck (TriDocument   *self,
                gconstpointer  data,
                gint64        *result,
                GError       **error)
{
  const RenameDeck *rename = data;

  return deck_exists (self, rename->deck, error) &&
         check_deck_name (self, rename->name, rename->deck, error) &&
         exec (self, error, "UPDATE deck SET name = ? WHERE id = ?", "si", rename->name, rename->deck);
}

gboolean
tri_document_rename_deck (TriDocument  *self,
                          gint64        deck,
                          const char   *name,
                          GError      **error)
{
  RenameDeck rename = { deck, name };

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Rename Deck" */
  return run_command (self, _("Rename Deck"), do_rename_deck, &rename, NULL, error);
}

static gboolean
do_delete_deck (TriDocument   *self,
                gconstpointer  data,
                gint64        *result,
                GError       **error)
{
  gint64 deck = *(const gint64 *) data;

  return deck_exists (self, deck, error) &&
         exec (self, error, "DELETE FROM slide_text WHERE slide IN (SELECT id FROM slide WHERE deck = ?)", "i", deck) &&
         exec (self, error, "DELETE FROM slide WHERE deck = ?", "i", deck) &&
         exec (self, error, "DELETE FROM deck WHERE id = ?", "i", deck);
}

/* Deletes the deck with its slides and their texts. */
gboolean
tri_document_delete_deck (TriDocument  *self,
                          gint64        deck,
                          GError      **error)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Delete Deck" */
  return run_command (self, _("Delete Deck"), do_delete_deck, &deck, NULL, error);
}

/* The slide's values checked, and its relation found: the relation's id
 * (0: none) */
static gboolean
check_slide (TriDocument         *self,
             const TriDeckSlide  *slide,
             gint64              *relation,
             GError             **error)
{
  *relation = 0;
  if (!tri_validate_slide (slide, error))
    return FALSE;
  if (slide->relation != NULL && !relation_for (self, slide->relation, FALSE, relation, error))
    return FALSE;
  if (slide->actor != NULL && !query_int (self, NULL, "SELECT 1 FROM actor WHERE code = ?", "s", slide->actor))
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no actor %s"), slide->actor);
  if (slide->event != 0 && !query_int (self, NULL, "SELECT 1 FROM event WHERE id = ?", "i", slide->event))
    return refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no event %lld"), (long long) slide->event);
  return TRUE;
}

static void
bind_day (sqlite3_stmt *stmt,
          int           col,
          guint32       day)
{
  if (day != 0)
    sqlite3_bind_int64 (stmt, col, tri_day_to_jdn (day));
  else
    sqlite3_bind_null (stmt, col);
}

/* Writes the slide's row: INSERT (@insert) or UPDATE of row @id */
static gboolean
write_slide (TriDocument         *self,
             gint64               id,
             gint64               deck,
             gint64               position,
             const TriDeckSlide  *slide,
             gint64               relation,
             gboolean             insert,
             GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db,
                          insert ?
                          "INSERT INTO slide (kind, as_of, window_months, relation, actor, event, range_start,"
                          " range_end, show_others, lang, compare_from, trend_from, trend_to, trend_step,"
                          " trend_style, id, deck, position, filter)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
                          " ?19)" :
                          "UPDATE slide SET kind = ?1, as_of = ?2, window_months = ?3, relation = ?4, actor = ?5,"
                          " event = ?6, range_start = ?7, range_end = ?8, show_others = ?9, lang = ?10,"
                          " compare_from = ?11, trend_from = ?12, trend_to = ?13, trend_step = ?14,"
                          " trend_style = ?15, filter = ?19 WHERE id = ?16",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_db_error (self, error);
  sqlite3_bind_text (stmt, 1, tri_deck_slide_kind_to_string (slide->kind), -1, SQLITE_STATIC);
  bind_day (stmt, 2, slide->as_of);
  sqlite3_bind_int64 (stmt, 3, slide->window_months);
  if (relation != 0)
    sqlite3_bind_int64 (stmt, 4, relation);
  if (slide->actor != NULL)
    sqlite3_bind_text (stmt, 5, slide->actor, -1, SQLITE_TRANSIENT);
  if (slide->event != 0)
    sqlite3_bind_int64 (stmt, 6, slide->event);
  if (slide->range_start != 0)
    {
      sqlite3_bind_double (stmt, 7, slide->range_start - (double) TRI_DAY_JDN_OFFSET);
      sqlite3_bind_double (stmt, 8, slide->range_end - (double) TRI_DAY_JDN_OFFSET);
    }
  sqlite3_bind_int (stmt, 9, slide->show_others ? 1 : 0);
  if (slide->lang != NULL)
    sqlite3_bind_text (stmt, 10, tri_lang_normalize (slide->lang), -1, SQLITE_STATIC);
  bind_day (stmt, 11, slide->kind == TRI_DECK_SLIDE_COMPARE ? slide->compare_from : 0);
  bind_day (stmt, 12, slide->kind == TRI_DECK_SLIDE_TREND ? slide->trend_from : 0);
  bind_day (stmt, 13, slide->kind == TRI_DECK_SLIDE_TREND ? slide->trend_to : 0);
  sqlite3_bind_text (stmt, 14, tri_trend_step_to_string (slide->trend_step), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, tri_trend_style_to_string (slide->trend_style), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 16, id);
  if (insert)
    {
      sqlite3_bind_int64 (stmt, 17, deck);
      sqlite3_bind_int64 (stmt, 18, position);
    }
  /* the view's filter, in its canonical text (NULL: everything); checked
   * by tri_validate_slide () */
  if (slide->filter != NULL)
    {
      g_autoptr(TriFilter) filter = tri_filter_parse (slide->filter, NULL);
      g_autofree char *text = filter != NULL ? tri_filter_to_string (filter) : NULL;

      if (text != NULL && text[0] != '\0')
        sqlite3_bind_text (stmt, 19, text, -1, SQLITE_TRANSIENT);
    }
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || set_db_error (self, error);
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* The slide's texts in @lang: title, judgement, notes, body */
static gboolean
write_slide_text (TriDocument         *self,
                  gint64               id,
                  const TriDeckSlide  *slide,
                  const char          *lang,
                  GError             **error)
{
  return exec (self, error,
               "INSERT INTO slide_text (slide, lang, title, judgement, notes, body) VALUES (?, ?, ?, ?, ?, ?)"
               " ON CONFLICT DO UPDATE SET title = excluded.title, judgement = excluded.judgement,"
               " notes = excluded.notes, body = excluded.body",
               "isssss", id, tri_lang_normalize (lang ? lang : "en"), slide->title ? slide->title : "",
               empty_to_null (slide->judgement), empty_to_null (slide->notes), empty_to_null (slide->body));
}

/* The deck's slides in order, as ids */
static GArray *
deck_slides (TriDocument *self,
             gint64       deck)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT id FROM slide WHERE deck = ? ORDER BY position, id",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, deck);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
    }
  sqlite3_finalize (stmt);
  return ids;
}

/* Positions 0, 1, … in the order of @ids; only the rows that move are
 * written (and so recorded) */
static gboolean
renumber (TriDocument  *self,
          GArray       *ids,
          GError      **error)
{
  for (guint i = 0; i < ids->len; i++)
    if (!exec (self, error, "UPDATE slide SET position = ? WHERE id = ? AND position IS NOT ?", "iii",
               (gint64) i, g_array_index (ids, gint64, i), (gint64) i))
      return FALSE;
  return TRUE;
}

static guint
clamp_position (int   position,
                guint n)
{
  return position < 0 || (guint) position > n ? n : (guint) position;
}

typedef struct
{
  gint64              deck;
  int                 position;
  const TriDeckSlide *slide;
  const char         *text_lang;
} AddSlide;

static gboolean
do_add_slide (TriDocument   *self,
              gconstpointer  data,
              gint64        *result,
              GError       **error)
{
  const AddSlide *add = data;
  g_autoptr(GArray) ids = NULL;
  gint64 relation;
  guint at;

  if (!deck_exists (self, add->deck, error) || !check_slide (self, add->slide, &relation, error))
    return FALSE;
  if (add->text_lang != NULL && !tri_validate_lang_code (add->text_lang, error))
    return FALSE;
  ids = deck_slides (self, add->deck);
  if (ids->len >= TRI_DECK_MAX_SLIDES)
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("a deck holds at most %d slides"), TRI_DECK_MAX_SLIDES);
  if (!query_int (self, result, "SELECT coalesce (max (id), 0) + 1 FROM slide", ""))
    return set_db_error (self, error);
  at = clamp_position (add->position, ids->len);
  g_array_insert_val (ids, at, *result);
  return write_slide (self, *result, add->deck, at, add->slide, relation, TRUE, error) &&
         write_slide_text (self, *result, add->slide, add->text_lang, error) &&
         renumber (self, ids, error);
}

/**
 * tri_document_add_slide:
 * @position: where it goes, from 0; -1 (or past the end): at the end
 * @slide: its kind, view and texts (@slide->id is not used)
 * @text_lang: (nullable): the language of @slide's texts; %NULL: English
 *
 * Returns: the new slide's id, or 0 with @error set and nothing written
 */
gint64
tri_document_add_slide (TriDocument         *self,
                        gint64               deck,
                        int                  position,
                        const TriDeckSlide  *slide,
                        const char          *text_lang,
                        GError             **error)
{
  AddSlide add = { deck, position, slide, text_lang };
  gint64 id = 0;

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (slide != NULL, 0);
  /* Translators: an action in the Undo menu item, "Undo Add Slide" */
  if (!run_command (self, _("Add Slide"), do_add_slide, &add, &id, error))
    return 0;
  return id;
}

typedef struct
{
  gint64              slide;
  const TriDeckSlide *values;
  const char         *text_lang;
} EditSlide;

static gboolean
do_edit_slide (TriDocument   *self,
               gconstpointer  data,
               gint64        *result,
               GError       **error)
{
  const EditSlide *edit = data;
  gint64 deck, relation;

  if (!slide_deck (self, edit->slide, &deck, error) || !check_slide (self, edit->values, &relation, error))
    return FALSE;
  if (edit->text_lang != NULL && !tri_validate_lang_code (edit->text_lang, error))
    return FALSE;
  return write_slide (self, edit->slide, deck, 0, edit->values, relation, FALSE, error) &&
         write_slide_text (self, edit->slide, edit->values, edit->text_lang, error);
}

/**
 * tri_document_edit_slide:
 * @values: every field of the slide (its id is not used)
 * @text_lang: (nullable): the language whose texts @values holds; the
 *   other languages' texts stay as they are. %NULL: English
 */
gboolean
tri_document_edit_slide (TriDocument         *self,
                         gint64               slide,
                         const TriDeckSlide  *values,
                         const char          *text_lang,
                         GError             **error)
{
  EditSlide edit = { slide, values, text_lang };

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);
  /* Translators: an action in the Undo menu item, "Undo Edit Slide" */
  return run_command (self, _("Edit Slide"), do_edit_slide, &edit, NULL, error);
}

typedef struct
{
  gint64 slide;
  int    position;
} MoveSlide;

static gboolean
do_move_slide (TriDocument   *self,
               gconstpointer  data,
               gint64        *result,
               GError       **error)
{
  const MoveSlide *move = data;
  g_autoptr(GArray) ids = NULL;
  gint64 deck;

  if (!slide_deck (self, move->slide, &deck, error))
    return FALSE;
  ids = deck_slides (self, deck);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == move->slide)
      {
        g_array_remove_index (ids, i);
        break;
      }
  g_array_insert_val (ids, clamp_position (move->position, ids->len), move->slide);
  return renumber (self, ids, error);
}

/**
 * tri_document_move_slide:
 * @position: its place in its deck, from 0; -1 (or past the end): last
 */
gboolean
tri_document_move_slide (TriDocument  *self,
                         gint64        slide,
                         int           position,
                         GError      **error)
{
  MoveSlide move = { slide, position };

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Move Slide" */
  return run_command (self, _("Move Slide"), do_move_slide, &move, NULL, error);
}

static gboolean
do_duplicate_slide (TriDocument   *self,
                    gconstpointer  data,
                    gint64        *result,
                    GError       **error)
{
  gint64 slide = *(const gint64 *) data;
  g_autoptr(GArray) ids = NULL;
  gint64 deck;

  if (!slide_deck (self, slide, &deck, error))
    return FALSE;
  ids = deck_slides (self, deck);
  if (ids->len >= TRI_DECK_MAX_SLIDES)
    return refuse (error, TRI_DOCUMENT_ERROR_FAILED, _("a deck holds at most %d slides"), TRI_DECK_MAX_SLIDES);
  if (!query_int (self, result, "SELECT coalesce (max (id), 0) + 1 FROM slide", ""))
    return set_db_error (self, error);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == slide)
      {
        g_array_insert_val (ids, i + 1, *result);
        break;
      }
  return exec (self, error,
               "INSERT INTO slide (id, deck, position, kind, as_of, window_months, relation, actor, event,"
               " range_start, range_end, show_others, lang, compare_from, trend_from, trend_to, trend_step,"
               " trend_style, filter)"
               " SELECT ?, deck, position, kind, as_of, window_months, relation, actor, event, range_start,"
               " range_end, show_others, lang, compare_from, trend_from, trend_to, trend_step, trend_style,"
               " filter FROM slide WHERE id = ?", "ii", *result, slide) &&
         exec (self, error,
               "INSERT INTO slide_text (slide, lang, title, judgement, notes, body)"
               " SELECT ?, lang, title, judgement, notes, body FROM slide_text WHERE slide = ?",
               "ii", *result, slide) &&
         renumber (self, ids, error);
}

/**
 * tri_document_duplicate_slide:
 *
 * A copy of the slide, with every language's texts, right after it.
 *
 * Returns: the copy's id, or 0 with @error set
 */
gint64
tri_document_duplicate_slide (TriDocument  *self,
                              gint64        slide,
                              GError      **error)
{
  gint64 id = 0;

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), 0);
  /* Translators: an action in the Undo menu item, "Undo Duplicate Slide" */
  if (!run_command (self, _("Duplicate Slide"), do_duplicate_slide, &slide, &id, error))
    return 0;
  return id;
}

static gboolean
do_delete_slide (TriDocument   *self,
                 gconstpointer  data,
                 gint64        *result,
                 GError       **error)
{
  gint64 slide = *(const gint64 *) data;
  g_autoptr(GArray) ids = NULL;
  gint64 deck;

  if (!slide_deck (self, slide, &deck, error) ||
      !exec (self, error, "DELETE FROM slide_text WHERE slide = ?", "i", slide) ||
      !exec (self, error, "DELETE FROM slide WHERE id = ?", "i", slide))
    return FALSE;
  ids = deck_slides (self, deck);
  return renumber (self, ids, error);
}

/* Deletes the slide with its texts; the slides after it move up. */
gboolean
tri_document_delete_slide (TriDocument  *self,
                           gint64        slide,
                           GError      **error)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Delete Slide" */
  return run_command (self, _("Delete Slide"), do_delete_slide, &slide, NULL, error);
}

static gboolean
do_set_markings (TriDocument   *self,
                 gconstpointer  data,
                 gint64        *result,
                 GError       **error)
{
  const TriMarkings *markings = data;

  if (!tri_validate_markings (markings, error))
    return FALSE;
  if (tri_markings_is_empty (markings))
    return exec (self, error, "DELETE FROM markings", "");
  return exec (self, error,
               "INSERT INTO markings (id, marking, author, prepared, version) VALUES (1, ?, ?, ?, ?)"
               " ON CONFLICT DO UPDATE SET marking = excluded.marking, author = excluded.author,"
               " prepared = excluded.prepared, version = excluded.version",
               "ssss", empty_to_null (markings->marking), empty_to_null (markings->author),
               empty_to_null (markings->prepared), empty_to_null (markings->version));
}

/**
 * tri_document_set_markings:
 * @markings: (nullable): the classification line, author, date prepared
 *   and version; an empty field (or %NULL, or all empty) is not drawn
 */
gboolean
tri_document_set_markings (TriDocument        *self,
                           const TriMarkings  *markings,
                           GError            **error)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (self), FALSE);
  /* Translators: an action in the Undo menu item, "Undo Set Markings" */
  return run_command (self, _("Set Markings"), do_set_markings, markings, NULL, error);
}

static guint32
column_jdn_day (sqlite3_stmt *stmt,
                int           col)
{
  guint32 day = 0;

  if (sqlite3_column_type (stmt, col) == SQLITE_INTEGER)
    tri_day_from_jdn (sqlite3_column_int64 (stmt, col), &day);
  return day;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup (text) : NULL;
}

/**
 * tri_document_get_slide:
 * @text_lang: (nullable): whose texts to read; %NULL: English
 *
 * The slide as it is now, for an editor: every field, and the texts of
 * @text_lang exactly as written in it (the title "" and the others %NULL
 * where it has none: no other language's text stands in, so that saving
 * the editor's fields with tri_document_edit_slide() never copies one
 * language's text into another).
 *
 * Returns: (transfer full): the slide, or %NULL with @error set
 *   (%TRI_DOCUMENT_ERROR_NO_SUCH)
 */
TriDeckSlide *
tri_document_get_slide (TriDocument  *self,
                        gint64        slide,
                        const char   *text_lang,
                        GError      **error)
{
  g_autoptr(TriDeckSlide) s = NULL;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (TRI_IS_DOCUMENT (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT s.id, s.kind, s.as_of, s.window_months, r.actor_a || '-' || r.actor_b, s.actor,"
                          " s.event, s.range_start, s.range_end, s.show_others, s.lang, s.compare_from,"
                          " s.trend_from, s.trend_to, s.trend_step, s.trend_style,"
                          " t.title, t.judgement, t.notes, t.body, s.filter"
                          " FROM slide s LEFT JOIN relation r ON r.id = s.relation"
                          " LEFT JOIN slide_text t ON t.slide = s.id AND t.lang = ?2"
                          " WHERE s.id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, slide);
  sqlite3_bind_text (stmt, 2, tri_lang_normalize (text_lang ? text_lang : "en"), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      s = tri_deck_slide_new (TRI_DECK_SLIDE_VIEW);
      s->id = sqlite3_column_int64 (stmt, 0);
      tri_deck_slide_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &s->kind);
      s->as_of = column_jdn_day (stmt, 2);
      s->window_months = (guint) sqlite3_column_int (stmt, 3);
      s->relation = column_dup (stmt, 4);
      s->actor = column_dup (stmt, 5);
      s->event = sqlite3_column_int64 (stmt, 6);
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL && sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        {
          s->range_start = sqlite3_column_double (stmt, 7) + (double) TRI_DAY_JDN_OFFSET;
          s->range_end = sqlite3_column_double (stmt, 8) + (double) TRI_DAY_JDN_OFFSET;
        }
      s->show_others = sqlite3_column_int (stmt, 9) != 0;
      s->lang = column_dup (stmt, 10);
      s->compare_from = column_jdn_day (stmt, 11);
      s->trend_from = column_jdn_day (stmt, 12);
      s->trend_to = column_jdn_day (stmt, 13);
      tri_trend_step_from_string ((const char *) sqlite3_column_text (stmt, 14), &s->trend_step);
      tri_trend_style_from_string ((const char *) sqlite3_column_text (stmt, 15), &s->trend_style);
      s->filter = column_dup (stmt, 20);
      if (sqlite3_column_type (stmt, 16) != SQLITE_NULL)
        {
          g_free (s->title);
          s->title = column_dup (stmt, 16);
        }
      s->judgement = column_dup (stmt, 17);
      s->notes = column_dup (stmt, 18);
      s->body = column_dup (stmt, 19);
    }
  sqlite3_finalize (stmt);
  if (s == NULL)
    refuse (error, TRI_DOCUMENT_ERROR_NO_SUCH, _("the briefing has no slide %lld"), (long long) slide);
  return g_steal_pointer (&s);
}
