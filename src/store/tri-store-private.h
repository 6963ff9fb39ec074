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

/* Reads what a filter asks of every event (no text) ahead of the first
 * filter, with the running sums, after the first frame */
void tri_store_read_filter_facts (TriStore *self);

/* Whether each event passes the filter, by id - *base, when the events'
 * ids are dense (the usual file); NULL otherwise or without event facets:
 * ask tri_store_event_passes () */
const guint8 *tri_store_get_pass_table (TriStore *self,
                                        gint64   *base,
                                        guint    *n);

G_END_DECLS
