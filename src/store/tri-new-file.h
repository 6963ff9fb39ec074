/* tri-new-file.h: the one way Trilateral writes a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define TRI_WRITE_ERROR (tri_write_error_quark ())

/* Every code is exit status 11 on the command line. */
typedef enum
{
  TRI_WRITE_ERROR_FAILED = 1,
  TRI_WRITE_ERROR_EXISTS,        /* the target appeared and is never replaced */
  TRI_WRITE_ERROR_NO_FOLDER,     /* the folder does not exist */
  TRI_WRITE_ERROR_NOT_FOLDER,    /* the folder is a file */
  TRI_WRITE_ERROR_IS_FOLDER,     /* the target itself is a folder */
  TRI_WRITE_ERROR_PERMISSION,    /* the folder is not writable */
  TRI_WRITE_ERROR_READ_ONLY,     /* the file system is read-only */
  TRI_WRITE_ERROR_FULL,          /* no space left, or over a file-size limit */
  TRI_WRITE_ERROR_NAME_TOO_LONG,
  TRI_WRITE_ERROR_NOT_REGULAR,   /* the target is a device, a pipe or a socket */
} TriWriteError;

typedef enum
{
  TRI_NEW_FILE_NO_REPLACE = 0,   /* imports, migrations, copies, new briefings */
  TRI_NEW_FILE_REPLACE    = 1,   /* exports: an existing file is replaced, keeping its mode */
} TriNewFileFlags;

typedef struct _TriNewFile TriNewFile;

GQuark       tri_write_error_quark        (void);

TriNewFile  *tri_new_file_create          (const char       *path,
                                           TriNewFileFlags   flags,
                                           GError          **error);
int          tri_new_file_get_fd          (TriNewFile       *self);
const char  *tri_new_file_get_path        (TriNewFile       *self);
gboolean     tri_new_file_write           (TriNewFile       *self,
                                           const void       *data,
                                           gsize             len,
                                           GError          **error);
sqlite3     *tri_new_file_open_sqlite     (TriNewFile       *self,
                                           GError          **error);
gboolean     tri_new_file_commit          (TriNewFile       *self,
                                           GError          **error);
void         tri_new_file_free            (TriNewFile       *self);

void         tri_write_error_set_errno    (GError          **error,
                                           const char       *path,
                                           int               saved_errno);

/* For the application's own signal handlers (async-signal-safe), and for
 * the start of the next run: what a signal or a kill left behind. */
void         tri_new_file_remove_pending  (void);
guint        tri_new_file_sweep           (const char       *folder);
typedef gboolean (*TriSweepRemove) (const char *path);
guint        tri_new_file_sweep_orphans   (const char       *folder,
                                           const char       *prefix,
                                           gboolean          folders,
                                           TriSweepRemove    remove);

void         tri_new_file_force_named_for_testing (gboolean named);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriNewFile, tri_new_file_free)

G_END_DECLS
