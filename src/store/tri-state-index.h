/* tri-state-index.h: every relation's state for any date and window, in
 * time proportional to log N
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tri-state.h"
#include "tri-store.h"

G_BEGIN_DECLS

typedef struct _TriStateIndex TriStateIndex;

TriStateIndex *tri_state_index_new     (TriStore       *store,
                                        GError        **error);
TriStateIndex *tri_state_index_ref     (TriStateIndex  *index);
void           tri_state_index_unref   (TriStateIndex  *index);
gboolean       tri_state_index_update  (TriStateIndex  *index,
                                        const gint64   *events,
                                        guint           n_events,
                                        GError        **error);
void           tri_state_index_compute (TriStateIndex  *index,
                                        TriEdgeState   *state,
                                        gint64          relation_id,
                                        guint32         from,
                                        guint32         to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriStateIndex, tri_state_index_unref)

G_END_DECLS
