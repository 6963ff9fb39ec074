/* tri-store-private.h: between the store and the running sums built over it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tri-state-index.h"
#include "tri-store.h"

G_BEGIN_DECLS

/* An index over the store's events (the running sums, the lanes) brought
 * up to date after the events of @events changed (%NULL: any event) */
typedef gboolean (*TriStoreIndexUpdate) (gpointer       index,
                                         const gint64  *events,
                                         guint          n_events,
                                         GError       **error);

/* Each index registers itself when made and removes itself when freed:
 * tri_store_reload() updates every registered index before it emits
 * #TriStore::changed. */
void tri_store_add_index    (TriStore            *self,
                             gpointer             index,
                             TriStoreIndexUpdate  update);
void tri_store_remove_index (TriStore            *self,
                             gpointer             index);

/* Reads what a filter asks of every event (no text) ahead of the first
 * filter, with the running sums, after the first frame */
void tri_store_read_filter_facts (TriStore *self);

/* Whether the filter sets any facet of events (else every event passes) */
gboolean tri_store_filters_events (TriStore *self);

/* Whether each event passes the filter, by id - *base, when the events'
 * ids are dense (the usual file); NULL otherwise or without event facets:
 * ask tri_store_event_passes () */
const guint8 *tri_store_get_pass_table (TriStore *self,
                                        gint64   *base,
                                        guint    *n);

G_END_DECLS
