/* tri-schema.h: the briefing file format and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* "TRIL": PRAGMA application_id of every Trilateral briefing */
#define TRI_APPLICATION_ID 0x5452494C
/* PRAGMA user_version of the files this build writes */
#define TRI_SCHEMA_VERSION 8

gboolean tri_schema_create  (sqlite3  *db,
                             int       version,
                             GError  **error);
gboolean tri_schema_migrate (sqlite3  *db,
                             GError  **error);
gboolean tri_schema_check_editable (sqlite3     *db,
                                    const char  *path,
                                    GError     **error);
gboolean tri_sql_exec       (sqlite3    *db,
                             const char *sql,
                             GError    **error);

G_END_DECLS
