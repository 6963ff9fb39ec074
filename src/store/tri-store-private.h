/* tri-store-private.h: between the store and the running sums built over it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tri-state-index.h"
#include "tri-store.h"

G_BEGIN_DECLS

/* tri_state_index_new() registers its index, tri_state_index_unref()
 * removes it: tri_store_reload() updates each registered index. */
void tri_store_add_index    (TriStore      *self,
                             TriStateIndex *index);
void tri_store_remove_index (TriStore      *self,
                             TriStateIndex *index);

G_END_DECLS
