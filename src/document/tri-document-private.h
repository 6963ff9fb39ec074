/* tri-document-private.h: for the document's own readers (editors, importers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "tri-document.h"

G_BEGIN_DECLS

/* The document's connection, for reading what it holds now (uncommitted
 * group included). Never write through it: every write is a command. */
sqlite3 *tri_document_get_db (TriDocument *self);

G_END_DECLS
