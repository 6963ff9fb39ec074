/* tri-new-file.c: the one way Trilateral writes a file
 *
 * Exports, imports, migrations and copies all write through here, so each
 * of them has the same guarantees:
 *
 * - The new file is created unnamed (O_TMPFILE in the target's folder) and
 *   linked into place only when complete: a failure, a signal or a kill
 *   leaves no file of any name. Where the file system has no O_TMPFILE it
 *   is written under a unique name `.tri-PID-XXXXXX` that is removed on
 *   failure and on a signal (tri_new_file_remove_pending() from the
 *   application's handler) and swept, once its process is gone, the next
 *   time Trilateral writes in that folder.
 * - NO_REPLACE publishes with a primitive that cannot replace (linkat, or
 *   renameat2 (RENAME_NOREPLACE)): a file that appeared at the target in
 *   the meantime is kept and the write fails.
 * - REPLACE keeps the replaced file's permission bits; a new file gets the
 *   usual mode (0666 less the umask).
 * - The temporary never has a longer name than the target, so any name the
 *   file system allows works.
 * - Every failure is a TRI_WRITE_ERROR with a sentence naming the file and
 *   the reason in words.
 *
 * SQLite writes into the unnamed file through "/proc/self/fd/N": SQLite
 * resolves symbolic links and opens with O_NOFOLLOW, so a small VFS keeps
 * that one kind of name as it is and opens it following the link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-new-file"
#define _GNU_SOURCE   /* O_TMPFILE, renameat2 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tri-new-file.h"

#define PROC_FD "/proc/self/fd/"
#define VFS_NAME "tri-new-file"
#define TEMP_PREFIX ".tri-"
#define MAX_PENDING 16

struct _TriNewFile
{
  char            *path;
  char            *dir;
  char            *temp;       /* the named temporary, or NULL when unnamed */
  char             proc[64];   /* "/proc/self/fd/N" of an unnamed file */
  int              fd;
  int              pending;    /* slot in the table below, or -1 */
  TriNewFileFlags  flags;
  gboolean         committed;
};

/* Names a signal must remove: a fixed table, so the handler needs no lock
 * and no allocation. */
static char pending_names[MAX_PENDING][4096];
static gboolean force_named;
static volatile sig_atomic_t pending_used[MAX_PENDING];

G_DEFINE_QUARK (tri-write-error-quark, tri_write_error)

static int
pending_add (const char *name)
{
  if (strlen (name) >= sizeof pending_names[0])
    return -1;
  for (int i = 0; i < MAX_PENDING; i++)
    if (!pending_used[i])
      {
        memcpy (pending_names[i], name, strlen (name) + 1);
        pending_used[i] = 1;
        return i;
      }
  return -1;
}

static void
pending_remove (int slot)
{
  if (slot >= 0 && slot < MAX_PENDING)
    pending_used[slot] = 0;
}

/**
 * tri_new_file_remove_pending:
 *
 * Removes every temporary name that writes in progress hold. Only
 * async-signal-safe calls: for the application's signal handlers.
 */
void
tri_new_file_remove_pending (void)
{
  for (int i = 0; i < MAX_PENDING; i++)
    if (pending_used[i])
      {
        unlink (pending_names[i]);
        pending_used[i] = 0;
      }
}

/* `PREFIX PID-XXXXXX`: the PID of the process that wrote it */
static gboolean
parse_temp_name (const char *name,
                 const char *prefix,
                 pid_t      *pid)
{
  const char *p;
  guint64 value;
  char *end = NULL;

  if (!g_str_has_prefix (name, prefix))
    return FALSE;
  p = name + strlen (prefix);
  value = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != '-' || strlen (end + 1) != 6 || value == 0 || value > G_MAXINT32)
    return FALSE;
  *pid = (pid_t) value;
  return TRUE;
}

/**
 * tri_new_file_sweep_orphans:
 * @folder: a folder Trilateral is about to write in
 * @prefix: the pattern's start: `.tri-` for files, `.tri-deck-` for a deck's folders
 * @folders: TRUE to sweep folders, FALSE regular files
 * @remove: removes one; TRUE when it is gone
 *
 * Removes what a process killed mid-write left in @folder: only names of
 * the pattern `PREFIX PID-XXXXXX`, only ours, only once that process is
 * gone. The one rule for every writer's leftovers.
 *
 * Returns: how many were removed
 */
guint
tri_new_file_sweep_orphans (const char     *folder,
                            const char     *prefix,
                            gboolean        folders,
                            TriSweepRemove  remove)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint removed = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = NULL;
      GStatBuf st;
      pid_t pid;

      if (!parse_temp_name (name, prefix, &pid))
        continue;
      if (pid == getpid () || kill (pid, 0) == 0 || errno != ESRCH)
        continue;
      full = g_build_filename (folder, name, NULL);
      if (g_lstat (full, &st) == 0 && (folders ? S_ISDIR (st.st_mode) : S_ISREG (st.st_mode)) &&
          st.st_uid == getuid () && remove (full))
        removed++;
    }
  return removed;
}

static gboolean
remove_file (const char *path)
{
  return g_unlink (path) == 0;
}

/**
 * tri_new_file_sweep:
 * @folder: a folder Trilateral is about to write in
 *
 * Removes the temporary files that a process killed mid-write left in
 * @folder (see tri_new_file_sweep_orphans ()).
 *
 * Returns: how many were removed
 */
guint
tri_new_file_sweep (const char *folder)
{
  return tri_new_file_sweep_orphans (folder, TEMP_PREFIX, FALSE, remove_file);
}

/**
 * tri_write_error_set_errno:
 *
 * The sentence for a failed write of @path, from errno.
 */
void
tri_write_error_set_errno (GError    **error,
                           const char *path,
                           int         saved_errno)
{
  g_autofree char *dir = g_path_get_dirname (path);

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FULL,
                   _("Could not write “%s”: the disk is full."), path);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_PERMISSION,
                   _("Could not write “%s”: the folder “%s” is not writable."), path, dir);
      break;
    case EROFS:
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_READ_ONLY,
                   _("Could not write “%s”: the disk is read-only."), path);
      break;
    case ENOENT:
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_NO_FOLDER,
                   _("Could not write “%s”: the folder “%s” does not exist."), path, dir);
      break;
    case ENOTDIR:
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_NOT_FOLDER,
                   _("Could not write “%s”: “%s” is not a folder."), path, dir);
      break;
    case EISDIR:
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_IS_FOLDER,
                   _("Could not write “%s”: it is a folder; give the file a name."), path);
      break;
    case EEXIST:
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_EXISTS,
                   _("“%s” already exists: Trilateral never replaces it."), path);
      break;
    case ENAMETOOLONG:
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_NAME_TOO_LONG,
                   _("Could not write “%s”: the name is longer than the disk allows."), path);
      break;
    default:
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FAILED,
                   _("Could not write “%s”: %s."), path, g_strerror (saved_errno));
      break;
    }
}

/* The VFS that lets SQLite write into an unnamed file. */
static sqlite3_syscall_ptr real_open;

static int
open_following_proc_fd (const char *path,
                        int         flags,
                        int         mode)
{
  if (strncmp (path, PROC_FD, strlen (PROC_FD)) == 0)
    flags &= ~O_NOFOLLOW;
  return ((int (*) (const char *, int, int)) real_open) (path, flags, mode);
}

static int (*real_full_pathname) (sqlite3_vfs *, const char *, int, char *);

static int
full_pathname_keeping_proc_fd (sqlite3_vfs *vfs,
                               const char  *name,
                               int          size,
                               char        *out)
{
  if (strncmp (name, PROC_FD, strlen (PROC_FD)) == 0)
    {
      if ((int) strlen (name) >= size)
        return SQLITE_CANTOPEN;
      memcpy (out, name, strlen (name) + 1);
      return SQLITE_OK;
    }
  return real_full_pathname (vfs, name, size, out);
}

static gpointer
register_vfs (gpointer data)
{
  static sqlite3_vfs vfs;
  sqlite3_vfs *unix_vfs = sqlite3_vfs_find ("unix");

  if (unix_vfs == NULL || unix_vfs->iVersion < 3)
    return GINT_TO_POINTER (FALSE);
  real_open = unix_vfs->xGetSystemCall (unix_vfs, "open");
  if (real_open == NULL ||
      unix_vfs->xSetSystemCall (unix_vfs, "open", (sqlite3_syscall_ptr) open_following_proc_fd) != SQLITE_OK)
    return GINT_TO_POINTER (FALSE);
  vfs = *unix_vfs;
  vfs.zName = VFS_NAME;
  real_full_pathname = unix_vfs->xFullPathname;
  vfs.xFullPathname = full_pathname_keeping_proc_fd;
  return GINT_TO_POINTER (sqlite3_vfs_register (&vfs, 0) == SQLITE_OK);
}

static gboolean
check_folder (const char  *path,
              const char  *dir,
              GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      tri_write_error_set_errno (error, path, EISDIR);
      return FALSE;
    }
  /* a device, a pipe or a socket is never replaced by a file (as root, a
   * rename onto /dev/null would take the device away from every program) */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_NOT_REGULAR,
                   _("Could not write “%s”: it is a device or a pipe, not a file; give a file's name."), path);
      return FALSE;
    }
  if (g_stat (dir, &st) != 0)
    {
      int saved = errno;
      tri_write_error_set_errno (error, path, saved == ENOTDIR ? ENOTDIR : ENOENT);
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      tri_write_error_set_errno (error, path, ENOTDIR);
      return FALSE;
    }
  return TRUE;
}

static char *
random_temp_name (const char *dir)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  char suffix[7];

  for (int i = 0; i < 6; i++)
    suffix[i] = letters[g_random_int_range (0, sizeof letters - 1)];
  suffix[6] = '\0';
  return g_strdup_printf ("%s/" TEMP_PREFIX "%d-%s", dir, (int) getpid (), suffix);
}

/**
 * tri_new_file_create:
 * @path: the file to write
 * @flags: whether an existing @path may be replaced
 *
 * Starts writing @path. Nothing appears at @path until
 * tri_new_file_commit(); tri_new_file_free() without a commit leaves
 * nothing behind.
 */
TriNewFile *
tri_new_file_create (const char       *path,
                     TriNewFileFlags   flags,
                     GError          **error)
{
  g_autoptr(TriNewFile) self = NULL;
  g_autofree char *base = NULL;
  long name_max;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  self = g_new0 (TriNewFile, 1);
  self->fd = -1;
  self->pending = -1;
  self->flags = flags;
  self->path = g_strdup (path);
  self->dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  if (!check_folder (path, self->dir, error))
    return NULL;
  name_max = pathconf (self->dir, _PC_NAME_MAX);
  if (strlen (base) > (gsize) (name_max > 0 ? name_max : 255))
    {
      tri_write_error_set_errno (error, path, ENAMETOOLONG);
      return NULL;
    }
  if (flags == TRI_NEW_FILE_NO_REPLACE && g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
    {
      tri_write_error_set_errno (error, path, EEXIST);
      return NULL;
    }

  tri_new_file_sweep (self->dir);

  if (force_named)
    errno = EOPNOTSUPP;
  else
    self->fd = g_open (self->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
  if (self->fd >= 0)
    {
      g_snprintf (self->proc, sizeof self->proc, PROC_FD "%d", self->fd);
      return g_steal_pointer (&self);
    }
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL && errno != ENOENT)
    {
      tri_write_error_set_errno (error, path, errno);
      return NULL;
    }

  /* no O_TMPFILE here: a unique name, removed on failure and on a signal */
  for (int attempt = 0; attempt < 100 && self->fd < 0; attempt++)
    {
      g_free (self->temp);
      self->temp = random_temp_name (self->dir);
      self->fd = g_open (self->temp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (self->fd < 0 && errno != EEXIST)
        break;
    }
  if (self->fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&self->temp, g_free);
      /* the folder exists (checked above): no file can be made in it */
      tri_write_error_set_errno (error, path, saved == ENOENT ? EACCES : saved);
      return NULL;
    }
  self->pending = pending_add (self->temp);
  return g_steal_pointer (&self);
}

/* tests: behave as on a file system without O_TMPFILE */
void
tri_new_file_force_named_for_testing (gboolean named)
{
  force_named = named;
}

int
tri_new_file_get_fd (TriNewFile *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->fd;
}

const char *
tri_new_file_get_path (TriNewFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

/**
 * tri_new_file_write:
 *
 * Appends @data; a full disk or a file-size limit is TRI_WRITE_ERROR_FULL.
 */
gboolean
tri_new_file_write (TriNewFile  *self,
                    const void  *data,
                    gsize        len,
                    GError     **error)
{
  const char *p = data;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  while (len > 0)
    {
      ssize_t n = write (self->fd, p, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          tri_write_error_set_errno (error, self->path, n < 0 ? errno : ENOSPC);
          return FALSE;
        }
      p += n;
      len -= n;
    }
  return TRUE;
}

/**
 * tri_new_file_open_sqlite:
 *
 * Opens the new file as an empty SQLite database to fill. Its rollback
 * journal is kept in memory, so no other name appears beside it. Close
 * the handle with sqlite3_close() before tri_new_file_commit().
 */
sqlite3 *
tri_new_file_open_sqlite (TriNewFile  *self,
                          GError     **error)
{
  static GOnce once = G_ONCE_INIT;
  sqlite3 *db = NULL;
  const char *name;
  int rc;

  g_return_val_if_fail (self != NULL && self->fd >= 0, NULL);

  if (self->temp == NULL && !GPOINTER_TO_INT (g_once (&once, register_vfs, NULL)))
    {
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FAILED,
                   _("Could not write “%s”: SQLite cannot write an unnamed file here."), self->path);
      return NULL;
    }
  name = self->temp != NULL ? self->temp : self->proc;
  rc = sqlite3_open_v2 (name, &db, SQLITE_OPEN_READWRITE,
                        self->temp != NULL ? NULL : VFS_NAME);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FAILED,
                   _("Could not write “%s”: %s."), self->path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static gboolean
publish_no_replace (TriNewFile  *self,
                    GError     **error)
{
  if (self->temp == NULL)
    {
      if (linkat (AT_FDCWD, self->proc, AT_FDCWD, self->path, AT_SYMLINK_FOLLOW) != 0)
        {
          tri_write_error_set_errno (error, self->path, errno);
          return FALSE;
        }
      return TRUE;
    }
  if (renameat2 (AT_FDCWD, self->temp, AT_FDCWD, self->path, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno != EINVAL && errno != ENOSYS)
    {
      tri_write_error_set_errno (error, self->path, errno);
      return FALSE;
    }
  /* no RENAME_NOREPLACE on this file system: a hard link cannot replace either */
  if (link (self->temp, self->path) != 0)
    {
      tri_write_error_set_errno (error, self->path, errno);
      return FALSE;
    }
  g_unlink (self->temp);
  return TRUE;
}

static gboolean
publish_replace (TriNewFile  *self,
                 GError     **error)
{
  g_autofree char *linked = NULL;
  int slot = -1;

  if (self->temp != NULL)
    {
      if (g_rename (self->temp, self->path) != 0)
        {
          tri_write_error_set_errno (error, self->path, errno);
          return FALSE;
        }
      return TRUE;
    }
  /* an unnamed file cannot be renamed over another: give it a unique name
   * for the moment of the rename */
  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_free (linked);
      linked = random_temp_name (self->dir);
      if (linkat (AT_FDCWD, self->proc, AT_FDCWD, linked, AT_SYMLINK_FOLLOW) == 0)
        break;
      if (errno != EEXIST)
        {
          tri_write_error_set_errno (error, self->path, errno);
          return FALSE;
        }
      g_clear_pointer (&linked, g_free);
    }
  if (linked == NULL)
    {
      tri_write_error_set_errno (error, self->path, EEXIST);
      return FALSE;
    }
  slot = pending_add (linked);
  if (g_rename (linked, self->path) != 0)
    {
      int saved = errno;
      g_unlink (linked);
      pending_remove (slot);
      tri_write_error_set_errno (error, self->path, saved);
      return FALSE;
    }
  pending_remove (slot);
  return TRUE;
}

/**
 * tri_new_file_commit:
 *
 * Makes the new file whole on disk and publishes it at its path.
 */
gboolean
tri_new_file_commit (TriNewFile  *self,
                     GError     **error)
{
  GStatBuf st;
  gboolean ok;
  int dirfd;

  g_return_val_if_fail (self != NULL && self->fd >= 0 && !self->committed, FALSE);

  if (self->flags == TRI_NEW_FILE_REPLACE && g_stat (self->path, &st) == 0 && S_ISREG (st.st_mode))
    {
      if (fchmod (self->fd, st.st_mode & 07777) != 0)
        g_debug ("Could not keep the permissions of %s", self->path);
    }
  if (fsync (self->fd) != 0)
    {
      tri_write_error_set_errno (error, self->path, errno);
      return FALSE;
    }

  ok = self->flags == TRI_NEW_FILE_REPLACE ? publish_replace (self, error)
                                           : publish_no_replace (self, error);
  if (!ok)
    return FALSE;

  self->committed = TRUE;
  pending_remove (self->pending);
  self->pending = -1;
  g_clear_pointer (&self->temp, g_free);

  dirfd = g_open (self->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dirfd >= 0)
    {
      fsync (dirfd);
      close (dirfd);
    }
  return TRUE;
}

/**
 * tri_new_file_free:
 *
 * Closes; without a commit, removes whatever was written.
 */
void
tri_new_file_free (TriNewFile *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (!self->committed && self->temp != NULL)
    g_unlink (self->temp);
  pending_remove (self->pending);
  g_free (self->temp);
  g_free (self->dir);
  g_free (self->path);
  g_free (self);
}
