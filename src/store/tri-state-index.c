/* tri-state-index.c: every relation's state for any date and window, in
 * time proportional to log N, kept up to date edit by edit
 *
 * The rule is tri_event_count()'s. The events counted over [from, to] are
 * those whose latest possible day is at most `to`, less those whose latest
 * is before `from`; those possibly by then start by `to` but end after it:
 * the events whose earliest is at most `to`, less those whose latest is.
 * So for each relation two lists sorted by day, by first and by last
 * possible day, with running sums of everything the edge's look depends
 * on, give the state with a few binary searches and subtractions, however
 * many events there are.
 *
 * An edit changes a few events: their entries are taken out and put back
 * as they are now (tri_state_index_update()), without reading the others.
 * So that this costs little, each list is cut into blocks of a few hundred
 * entries; a block holds the running sums within it, and the sum of the
 * blocks before it: changing an entry recounts its own block and the
 * blocks' sums, not the whole list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-state-index"

#include "config.h"

#include <string.h>

#include "tri-filter.h"
#include "tri-state-index.h"
#include "tri-store-private.h"

#define BLOCK 256   /* entries in a block as built; split beyond twice that */

/* What the edge's look depends on, summed: all integers (weights are 1..3) */
typedef struct
{
  gint32 n_events;
  gint32 n_by_stance[TRI_N_STANCES];
  gint32 n_unconfirmed;
  gint32 intensity;
  gint32 weight_by_stance[TRI_N_STANCES];
  gint32 unconfirmed_weight;
} Sum;

/* One link of an event to the relation, at one of its two days */
typedef struct
{
  guint32 day;
  guint8  stance;
  guint8  weight;
  guint8  confirmed;
  gint64  event;
} Item;

/* A block keeps the sum of its items, not a running sum per item: a query
 * adds up the few hundred items of one block before its day (microseconds),
 * and a million events' index is a third of the size (BENCHMARKS.md) */
typedef struct
{
  GArray *items;    /* of Item, sorted by (day, event) */
  Sum     total;    /* of its items */
  Sum     before;   /* of every block before this one */
} Block;

typedef struct
{
  GPtrArray *blocks;   /* of Block, in order, none empty */
} SumList;

typedef struct
{
  gint64  relation_id;
  guint   slot;         /* its place in the index's by_slot */
  SumList by_earliest;
  SumList by_latest;
} RelationIndex;

/* One link as the index keeps it, to take its items out again when its
 * event changes: 24 bytes where a TriLinkRow has 40 (a million events
 * have 1.4 million links) */
typedef struct
{
  gint64  event;
  guint32 earliest;
  guint32 latest;
  guint32 relation;     /* the slot of its RelationIndex */
  guint8  stance;
  guint8  weight;
  guint8  confirmed;
} Link;

struct _TriStateIndex
{
  gatomicrefcount  ref;
  TriStore        *store;       /* kept, for the links of the events that change */
  GHashTable      *relations;   /* relation id -> RelationIndex; kept once made */
  GPtrArray       *by_slot;     /* the same RelationIndex, by slot (not owned) */
  GArray          *links;       /* of Link, in the order of their events: what is in the sums */
};

/* --- sums ------------------------------------------------------------------ */

static void
sum_add (Sum       *into,
         const Sum *s)
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
sum_add_item (Sum        *into,
              const Item *item)
{
  into->n_events++;
  into->n_by_stance[item->stance]++;
  into->intensity += item->weight;
  into->weight_by_stance[item->stance] += item->weight;
  if (!item->confirmed)
    {
      into->n_unconfirmed++;
      into->unconfirmed_weight += item->weight;
    }
}

/* --- blocks ------------------------------------------------------------ */

static int
compare_items (const Item *a,
               const Item *b)
{
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return a->event < b->event ? -1 : a->event > b->event;
}

static int
compare_items_func (gconstpointer a,
                    gconstpointer b)
{
  return compare_items (a, b);
}

static Block *
block_new (void)
{
  Block *b = g_new0 (Block, 1);

  b->items = g_array_new (FALSE, FALSE, sizeof (Item));
  return b;
}

static void
block_free (gpointer data)
{
  Block *b = data;

  g_array_unref (b->items);
  g_free (b);
}

static const Item *
block_last (const Block *b)
{
  return &g_array_index (b->items, Item, b->items->len - 1);
}

static const Sum *
block_total (const Block *b)
{
  return &b->total;
}

/* the sum of the block's first @n items, added to @sum */
static void
block_sum_first (const Block *b,
                 guint        n,
                 Sum         *sum)
{
  for (guint i = 0; i < n; i++)
    sum_add_item (sum, &g_array_index (b->items, Item, i));
}

/* the block's total, once its items changed */
static void
block_recount (Block *b)
{
  memset (&b->total, 0, sizeof b->total);
  block_sum_first (b, b->items->len, &b->total);
}

/* each block's sum of the blocks before it, from block @from on */
static void
list_recount (SumList *list,
              guint    from)
{
  Sum before = { 0 };

  if (from > 0)
    {
      const Block *prev = g_ptr_array_index (list->blocks, from - 1);

      before = prev->before;
      sum_add (&before, block_total (prev));
    }
  for (guint i = from; i < list->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (list->blocks, i);

      b->before = before;
      sum_add (&before, block_total (b));
    }
}

/* @items sorted, cut into blocks */
static void
list_build (SumList *list,
            GArray  *items)
{
  list->blocks = g_ptr_array_new_with_free_func (block_free);
  for (guint i = 0; i < items->len; i += BLOCK)
    {
      Block *b = block_new ();

      g_array_append_vals (b->items, &g_array_index (items, Item, i), MIN (BLOCK, items->len - i));
      block_recount (b);
      g_ptr_array_add (list->blocks, b);
    }
  list_recount (list, 0);
}

/* The first block whose last item is at or after @key (the one that holds
 * it, or where it goes), or the number of blocks */
static guint
list_find_block (SumList    *list,
                 const Item *key)
{
  guint lo = 0, hi = list->blocks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_items (block_last (g_ptr_array_index (list->blocks, mid)), key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first item of @b at or after @key */
static guint
block_find (const Block *b,
            const Item  *key)
{
  guint lo = 0, hi = b->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_items (&g_array_index (b->items, Item, mid), key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
list_insert (SumList    *list,
             const Item *item)
{
  guint k = list_find_block (list, item);
  Block *b;
  guint at;

  if (list->blocks->len == 0)
    g_ptr_array_add (list->blocks, block_new ());
  if (k == list->blocks->len)
    k--;
  b = g_ptr_array_index (list->blocks, k);
  at = block_find (b, item);
  g_array_insert_val (b->items, at, *item);
  block_recount (b);

  if (b->items->len > 2 * BLOCK)
    {
      Block *second = block_new ();
      guint half = b->items->len / 2;

      g_array_append_vals (second->items, &g_array_index (b->items, Item, half), b->items->len - half);
      g_array_set_size (b->items, half);
      block_recount (b);
      block_recount (second);
      g_ptr_array_insert (list->blocks, k + 1, second);
    }
  list_recount (list, k);
}

/* Whether @item was there to remove */
static gboolean
list_remove (SumList    *list,
             const Item *item)
{
  guint k = list_find_block (list, item);
  Block *b;
  guint at;

  if (k == list->blocks->len)
    return FALSE;
  b = g_ptr_array_index (list->blocks, k);
  at = block_find (b, item);
  if (at == b->items->len || compare_items (&g_array_index (b->items, Item, at), item) != 0)
    return FALSE;
  g_array_remove_index (b->items, at);
  if (b->items->len == 0)
    g_ptr_array_remove_index (list->blocks, k);
  else
    block_recount (b);
  list_recount (list, k);
  return TRUE;
}

/* The running sum over the items whose day is at most @day */
static void
list_sum_up_to (SumList *list,
                guint32  day,
                Sum     *sum)
{
  /* the key after every item of @day: no event id is larger */
  Item past = { .day = day, .event = G_MAXINT64 };
  guint k = list_find_block (list, &past);
  const Block *b;
  guint at;

  memset (sum, 0, sizeof *sum);
  if (k == list->blocks->len)
    {
      if (k > 0)
        {
          b = g_ptr_array_index (list->blocks, k - 1);
          *sum = b->before;
          sum_add (sum, block_total (b));
        }
      return;
    }
  b = g_ptr_array_index (list->blocks, k);
  *sum = b->before;
  at = block_find (b, &past);
  block_sum_first (b, at, sum);
}

/* --- relations -------------------------------------------------------------- */

static void
relation_index_free (gpointer data)
{
  RelationIndex *r = data;

  g_ptr_array_unref (r->by_earliest.blocks);
  g_ptr_array_unref (r->by_latest.blocks);
  g_free (r);
}

/* A link's two items; a file from elsewhere may have its days the wrong
 * way round */
static void
items_of (const Link *link,
          Item       *at_earliest,
          Item       *at_latest)
{
  Item item = { 0 };

  item.stance = link->stance;
  item.weight = link->weight;
  item.confirmed = link->confirmed;
  item.event = link->event;
  *at_earliest = *at_latest = item;
  at_earliest->day = MIN (link->earliest, link->latest);
  at_latest->day = MAX (link->earliest, link->latest);
}

static RelationIndex *
relation_index_ensure (TriStateIndex *index,
                       gint64         relation_id)
{
  RelationIndex *r = g_hash_table_lookup (index->relations, &relation_id);

  if (r == NULL)
    {
      r = g_new0 (RelationIndex, 1);
      r->relation_id = relation_id;
      r->slot = index->by_slot->len;
      r->by_earliest.blocks = g_ptr_array_new_with_free_func (block_free);
      r->by_latest.blocks = g_ptr_array_new_with_free_func (block_free);
      g_hash_table_insert (index->relations, &r->relation_id, r);
      g_ptr_array_add (index->by_slot, r);
    }
  return r;
}

static Link
link_of (TriStateIndex    *index,
         const TriLinkRow *row)
{
  Link link = { 0 };

  link.event = row->event_id;
  link.earliest = row->earliest;
  link.latest = row->latest;
  link.relation = relation_index_ensure (index, row->relation_id)->slot;
  link.stance = (guint8) row->stance;
  link.weight = (guint8) row->weight;
  link.confirmed = row->confirmed ? 1 : 0;
  return link;
}

typedef struct
{
  TriStateIndex *index;
  GArray        *links;
} Reading;

static void
add_read_link (const TriLinkRow *row,
               gpointer          data)
{
  Reading *reading = data;
  Link link = link_of (reading->index, row);

  g_array_append_val (reading->links, link);
}

/* Every link of the store, in its events' order (tri_store_foreach_link ()) */
static GArray *
read_links (TriStateIndex  *index,
            GError        **error)
{
  Reading reading = { index, g_array_new (FALSE, FALSE, sizeof (Link)) };

  if (!tri_store_foreach_link (index->store, add_read_link, &reading, error))
    {
      g_array_unref (reading.links);
      return NULL;
    }
  return reading.links;
}

/* Every relation's lists, from @links, one side at a time: the items of
 * all links at their first days are made, sorted and cut into blocks
 * relation by relation, each relation's freed as its blocks are made, and
 * then those at their last days */
static void
build_all (TriStateIndex *index)
{
  guint n_slots = index->by_slot->len;
  const Link *links = (const Link *) index->links->data;
  g_autofree guint *counts = g_new0 (guint, n_slots);
  g_autofree GArray **items = g_new0 (GArray *, n_slots);

  for (guint i = 0; i < index->links->len; i++)
    counts[links[i].relation]++;

  for (int side = 0; side < 2; side++)
    {
      for (guint k = 0; k < n_slots; k++)
        items[k] = g_array_sized_new (FALSE, FALSE, sizeof (Item), counts[k]);
      for (guint i = 0; i < index->links->len; i++)
        {
          Item e, l;

          items_of (&links[i], &e, &l);
          g_array_append_vals (items[links[i].relation], side == 0 ? &e : &l, 1);
        }
      for (guint k = 0; k < n_slots; k++)
        {
          RelationIndex *r = g_ptr_array_index (index->by_slot, k);
          SumList *list = side == 0 ? &r->by_earliest : &r->by_latest;

          g_array_sort (items[k], compare_items_func);
          g_ptr_array_unref (list->blocks);
          list_build (list, items[k]);
          g_clear_pointer (&items[k], g_array_unref);
        }
    }
}

/**
 * tri_state_index_new:
 *
 * Reads every link between an event and a relation once (dates, stance,
 * weight, confidence: no text) and builds the running sums. A live store
 * keeps them up to date as its document changes it (tri_store_reload()).
 */
TriStateIndex *
tri_state_index_new (TriStore  *store,
                     GError   **error)
{
  TriStateIndex *index = g_new0 (TriStateIndex, 1);

  g_atomic_ref_count_init (&index->ref);
  index->store = g_object_ref (store);
  index->relations = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, relation_index_free);
  index->by_slot = g_ptr_array_new ();
  index->links = read_links (index, error);
  if (index->links == NULL)
    {
      g_object_unref (index->store);
      g_hash_table_unref (index->relations);
      g_ptr_array_unref (index->by_slot);
      g_free (index);
      return NULL;
    }
  build_all (index);
  tri_store_add_index (store, index, (TriStoreIndexUpdate) tri_state_index_update);
  tri_store_read_filter_facts (store);
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
      tri_store_remove_index (index->store, index);
      g_object_unref (index->store);
      g_hash_table_unref (index->relations);
      g_ptr_array_unref (index->by_slot);
      g_array_unref (index->links);
      g_free (index);
    }
}

/* The first of @index's links of @event */
static guint
first_link_of (TriStateIndex *index,
               gint64         event)
{
  guint lo = 0, hi = index->links->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (index->links, Link, mid).event < event)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
remove_link (TriStateIndex *index,
             const Link    *link)
{
  RelationIndex *r = g_ptr_array_index (index->by_slot, link->relation);
  Item e, l;

  items_of (link, &e, &l);
  if (!list_remove (&r->by_earliest, &e) || !list_remove (&r->by_latest, &l))
    g_warn_if_reached ();
}

static void
add_link (TriStateIndex *index,
          const Link    *link)
{
  RelationIndex *r = g_ptr_array_index (index->by_slot, link->relation);
  Item e, l;

  items_of (link, &e, &l);
  list_insert (&r->by_earliest, &e);
  list_insert (&r->by_latest, &l);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/**
 * tri_state_index_update:
 * @events: (array length=n_events) (nullable): the events added, changed
 *   or removed since, or %NULL for any
 *
 * Brings the sums up to date with the store: the entries of @events are
 * taken out as they were counted, and put back as the store has them now;
 * with %NULL, all are read again. tri_store_reload() calls it for every
 * index of the store.
 *
 * Returns: %FALSE when the store could not be read (the sums are as before)
 */
gboolean
tri_state_index_update (TriStateIndex  *index,
                        const gint64   *events,
                        guint           n_events,
                        GError        **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (index != NULL, FALSE);

  if (events == NULL)
    {
      GArray *links = read_links (index, error);

      if (links == NULL)
        return FALSE;
      g_array_unref (index->links);
      index->links = links;
      build_all (index);
      return TRUE;
    }

  /* each event once */
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_events);
  g_array_append_vals (ids, events, n_events);
  g_array_sort (ids, compare_ids);
  for (guint i = 1; i < ids->len; )
    if (g_array_index (ids, gint64, i) == g_array_index (ids, gint64, i - 1))
      g_array_remove_index (ids, i);
    else
      i++;

  rows = tri_store_list_event_link_rows (index->store, (const gint64 *) ids->data, ids->len, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      guint at = first_link_of (index, id), end = at;

      while (end < index->links->len && g_array_index (index->links, Link, end).event == id)
        remove_link (index, &g_array_index (index->links, Link, end++));
      if (end > at)
        g_array_remove_range (index->links, at, end - at);
    }
  /* each event's links as they are now, where its old ones were: the
   * order among one event's links does not matter */
  for (guint i = 0; i < rows->len; i++)
    {
      Link link = link_of (index, &g_array_index (rows, TriLinkRow, i));

      g_array_insert_val (index->links, first_link_of (index, link.event), link);
      add_link (index, &link);
    }
  return TRUE;
}

static void
state_add (TriEdgeState *state,
           const Sum    *s,
           int           sign)
{
  state->n_events += sign * s->n_events;
  state->n_unconfirmed += sign * s->n_unconfirmed;
  state->intensity += sign * s->intensity;
  state->unconfirmed_weight += sign * s->unconfirmed_weight;
  for (int k = 0; k < TRI_N_STANCES; k++)
    {
      state->n_by_stance[k] += sign * s->n_by_stance[k];
      state->weight_by_stance[k] += sign * s->weight_by_stance[k];
    }
}

/* Whether the item's event passes: by the store's table when it has one */
static inline gboolean
item_passes (TriStore     *store,
             const guint8 *table,
             gint64        base,
             guint         n,
             const Item   *item)
{
  if (table != NULL)
    return item->event >= base && item->event - base < (gint64) n && table[item->event - base];
  return tri_store_event_passes (store, item->event);
}

/* The sum over @list's items of the events that pass, whose day is in
 * [@from, @to]: one pass over the compact items, no sums built, so that a
 * filter change costs nothing before its first frame */
static void
list_sum_filtered (TriStore *store,
                   SumList  *list,
                   guint32   from,
                   guint32   to,
                   Sum      *sum)
{
  gint64 base = 0;
  guint n = 0;
  const guint8 *table = tri_store_get_pass_table (store, &base, &n);
  Item first = { .day = from, .event = G_MININT64 };
  guint k = from > 0 ? list_find_block (list, &first) : 0;

  memset (sum, 0, sizeof *sum);
  for (; k < list->blocks->len; k++)
    {
      const Block *b = g_ptr_array_index (list->blocks, k);
      const Item *item = (const Item *) b->items->data;

      if (item[0].day > to)
        break;
      for (guint i = 0; i < b->items->len && item[i].day <= to; i++)
        if (item[i].day >= from && item_passes (store, table, base, n, &item[i]))
          sum_add_item (sum, &item[i]);
    }
}

/**
 * tri_state_index_compute:
 *
 * The same state tri_edge_state_compute() gives for the events counted as
 * of @to over [@from, @to], and those possibly by then, in O(log N): of
 * the events that pass the store's filter (tri_store_set_filter ()).
 */
void
tri_state_index_compute (TriStateIndex *index,
                         TriEdgeState  *state,
                         gint64         relation_id,
                         guint32        from,
                         guint32        to)
{
  RelationIndex *r = g_hash_table_lookup (index->relations, &relation_id);
  Sum started, ended, before;

  memset (state, 0, sizeof *state);
  if (r == NULL || to < from)
    return;

  if (tri_filter_has_event_facets (tri_store_get_filter (index->store)))
    {
      /* the events that pass: counted over [from, to] by their last day;
       * possibly by then, begun by @to and not ended */
      list_sum_filtered (index->store, &r->by_latest, from, to, &ended);
      state_add (state, &ended, 1);
      list_sum_filtered (index->store, &r->by_earliest, 0, to, &started);
      list_sum_filtered (index->store, &r->by_latest, 0, to, &before);
      state->n_possibly = started.n_events - before.n_events;
      return;
    }

  list_sum_up_to (&r->by_earliest, to, &started);
  list_sum_up_to (&r->by_latest, to, &ended);
  if (from > 0)
    list_sum_up_to (&r->by_latest, from - 1, &before);
  else
    memset (&before, 0, sizeof before);
  state_add (state, &ended, 1);
  state_add (state, &before, -1);
  state->n_possibly = started.n_events - ended.n_events;
}
