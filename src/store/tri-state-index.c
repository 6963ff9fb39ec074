/* tri-state-index.c: every relation's state for any date and window, in
 * time proportional to log N
 *
 * The rule is tri_event_count()'s. The events counted over [from, to] are
 * those whose latest possible day is at most `to`, less those whose latest
 * is before `from`; those possibly by then start by `to` but end after it:
 * the events whose earliest is at most `to`, less those whose latest is.
 * So for each relation two sorted arrays, by first and by last possible
 * day, with running sums of everything the edge's look depends on, give
 * the state with a few binary searches and subtractions, however many
 * events there are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-state-index"

#include "config.h"

#include <string.h>

#include "tri-state-index.h"

typedef struct
{
  guint32      day;
  TriEdgeState sum;   /* of this entry and all before it */
} Entry;

typedef struct
{
  gint64  relation_id;
  GArray *by_earliest;   /* of Entry, sorted by day */
  GArray *by_latest;
} RelationIndex;

struct _TriStateIndex
{
  gatomicrefcount  ref;
  GHashTable      *relations;   /* relation id -> RelationIndex */
};

typedef struct
{
  guint32      earliest;
  guint32      latest;
  TriEdgeState one;   /* this link alone */
} Link;

static void
relation_index_free (RelationIndex *r)
{
  g_array_unref (r->by_earliest);
  g_array_unref (r->by_latest);
  g_free (r);
}

static void
add_state (TriEdgeState       *into,
           const TriEdgeState *s)
{
  into->n_events += s->n_events;
  into->n_unconfirmed += s->n_unconfirmed;
  into->intensity += s->intensity;
  into->unconfirmed_weight += s->unconfirmed_weight;
  for (int k = 0; k < TRI_N_STANCES; k++)
    {
      into->n_by_stance[k] += s->n_by_stance[k];
      into->weight_by_stance[k] += s->weight_by_stance[k];
    }
}

static void
sub_state (TriEdgeState       *into,
           const TriEdgeState *s)
{
  into->n_events -= s->n_events;
  into->n_unconfirmed -= s->n_unconfirmed;
  into->intensity -= s->intensity;
  into->unconfirmed_weight -= s->unconfirmed_weight;
  for (int k = 0; k < TRI_N_STANCES; k++)
    {
      into->n_by_stance[k] -= s->n_by_stance[k];
      into->weight_by_stance[k] -= s->weight_by_stance[k];
    }
}

static int
compare_by_earliest (gconstpointer a,
                     gconstpointer b)
{
  const Link *la = a, *lb = b;
  return la->earliest < lb->earliest ? -1 : la->earliest > lb->earliest;
}

static int
compare_by_latest (gconstpointer a,
                   gconstpointer b)
{
  const Link *la = a, *lb = b;
  return la->latest < lb->latest ? -1 : la->latest > lb->latest;
}

static GArray *
running_sums (GArray       *links,
              GCompareFunc  compare,
              gboolean      by_latest)
{
  GArray *entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), links->len);
  TriEdgeState sum = { 0 };

  g_array_sort (links, compare);
  for (guint i = 0; i < links->len; i++)
    {
      const Link *l = &g_array_index (links, Link, i);
      Entry e;

      add_state (&sum, &l->one);
      e.day = by_latest ? l->latest : l->earliest;
      e.sum = sum;
      g_array_append_val (entries, e);
    }
  return entries;
}

/* The running sum over the entries whose day is at most @day */
static const TriEdgeState *
sum_up_to (GArray  *entries,
           guint32  day)
{
  guint lo = 0, hi = entries->len;

  /* the first entry past @day */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (entries, Entry, mid).day <= day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 ? NULL : &g_array_index (entries, Entry, lo - 1).sum;
}

/**
 * tri_state_index_new:
 *
 * Reads every link between an event and a relation once (dates, stance,
 * weight, confidence: no text) and builds the running sums.
 */
TriStateIndex *
tri_state_index_new (TriStore  *store,
                     GError   **error)
{
  g_autoptr(GArray) rows = tri_store_list_all_links (store, error);
  g_autoptr(GHashTable) links = NULL;
  TriStateIndex *index;
  GHashTableIter iter;
  gpointer key, value;

  if (rows == NULL)
    return NULL;

  links = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      const TriLinkRow *row = &g_array_index (rows, TriLinkRow, i);
      GArray *list = g_hash_table_lookup (links, &row->relation_id);
      Link l = { 0 };

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (Link));
          g_hash_table_insert (links, g_memdup2 (&row->relation_id, sizeof row->relation_id), list);
        }
      /* a file from elsewhere may have them the wrong way round */
      l.earliest = MIN (row->earliest, row->latest);
      l.latest = MAX (row->earliest, row->latest);
      l.one.n_events = 1;
      l.one.n_by_stance[row->stance] = 1;
      l.one.intensity = row->weight;
      l.one.weight_by_stance[row->stance] = row->weight;
      if (!row->confirmed)
        {
          l.one.n_unconfirmed = 1;
          l.one.unconfirmed_weight = row->weight;
        }
      g_array_append_val (list, l);
    }

  index = g_new0 (TriStateIndex, 1);
  g_atomic_ref_count_init (&index->ref);
  index->relations = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                            (GDestroyNotify) relation_index_free);

  g_hash_table_iter_init (&iter, links);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RelationIndex *r = g_new0 (RelationIndex, 1);

      r->relation_id = *(gint64 *) key;
      r->by_earliest = running_sums (value, compare_by_earliest, FALSE);
      r->by_latest = running_sums (value, compare_by_latest, TRUE);
      g_hash_table_insert (index->relations, &r->relation_id, r);
    }

  return index;
}

TriStateIndex *
tri_state_index_ref (TriStateIndex *index)
{
  g_atomic_ref_count_inc (&index->ref);
  return index;
}

void
tri_state_index_unref (TriStateIndex *index)
{
  if (index != NULL && g_atomic_ref_count_dec (&index->ref))
    {
      g_hash_table_unref (index->relations);
      g_free (index);
    }
}

/**
 * tri_state_index_compute:
 *
 * The same state tri_edge_state_compute() gives for the events counted as
 * of @to over [@from, @to], and those possibly by then, in O(log N).
 */
void
tri_state_index_compute (TriStateIndex *index,
                         TriEdgeState  *state,
                         gint64         relation_id,
                         guint32        from,
                         guint32        to)
{
  RelationIndex *r = g_hash_table_lookup (index->relations, &relation_id);
  const TriEdgeState *started, *ended, *before;

  memset (state, 0, sizeof *state);
  if (r == NULL || to < from)
    return;

  started = sum_up_to (r->by_earliest, to);
  ended = sum_up_to (r->by_latest, to);
  before = from > 0 ? sum_up_to (r->by_latest, from - 1) : NULL;
  if (ended != NULL)
    add_state (state, ended);
  if (before != NULL)
    sub_state (state, before);
  state->n_possibly = (started ? started->n_events : 0) - (ended ? ended->n_events : 0);
}
