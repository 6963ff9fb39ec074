/* tri-lane-index.c: every event's place on the timeline, in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A timeline at a wide zoom draws most lanes as counted bins: how many
 * events, of which stance, where. Counting them from the file reads every
 * row of the range (74,000 at a million events), every frame that moves
 * past what was read. This index holds what a bin needs of each event,
 * 16 bytes of it, read once after the first frame (as the running sums
 * are), kept up to date from the ids of the events that change, and
 * honouring the store's filter: the bins are counted from memory and the
 * file is read only for the events drawn one by one.
 *
 * Each lane keeps its events in date order (earliest, latest, id, as the
 * store lists them) in two tiers: the short ones, whose span is at most
 * LONG_SPAN days, and the long ones. An event shows in [t0, t1) when one
 * of its days does; a short one that does starts within LONG_SPAN days
 * before t0, so a range is found by one binary search and read forwards;
 * the few long ones are read whole. The lane's last days, sorted, count
 * the events in a range without a filter in two binary searches.
 */

#include "config.h"

#include <string.h>

#include "tri-lane-index.h"
#include "tri-store-private.h"

#define LONG_SPAN 400   /* days: an event longer than this is in the long tier */

typedef struct
{
  gint64  id;
  guint32 earliest;
  guint32 latest : 30;
  guint32 stance : 2;
} Entry;

typedef struct
{
  GArray *tier[2];        /* of Entry, in date order: short, long */
  GArray *latest;         /* of guint32: every event's last day, sorted */
} Lane;

struct _TriLaneIndex
{
  gatomicrefcount ref;
  TriStore       *store;
  guint64         birth;    /* which index of the process it is */
  guint           serial;   /* changes with every update */
  Lane            lanes[TRI_N_CATEGORIES];
};

static int
compare_entries (const Entry *a,
                 const Entry *b)
{
  if (a->earliest != b->earliest)
    return a->earliest < b->earliest ? -1 : 1;
  if (a->latest != b->latest)
    return a->latest < b->latest ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

static int
compare_entries_func (gconstpointer a,
                      gconstpointer b)
{
  return compare_entries (a, b);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

static Entry
entry_of (const TriEventPlace *place)
{
  Entry e;

  e.id = place->event_id;
  e.earliest = place->earliest;
  /* a day Trilateral can place fits 30 bits (tri-date.h: at most 5373484) */
  e.latest = MIN (MAX (place->latest, place->earliest), (1u << 30) - 1);
  e.stance = place->stance;
  return e;
}

static guint
tier_of (const Entry *e)
{
  return (guint64) e->latest - e->earliest + 1 > LONG_SPAN ? 1 : 0;
}

static guint
lane_of (const TriEventPlace *place)
{
  return place->category < TRI_N_CATEGORIES ? place->category : TRI_CATEGORY_DIPLOMACY;
}

static void
lanes_free (Lane *lanes)
{
  for (guint l = 0; l < TRI_N_CATEGORIES; l++)
    {
      g_clear_pointer (&lanes[l].tier[0], g_array_unref);
      g_clear_pointer (&lanes[l].tier[1], g_array_unref);
      g_clear_pointer (&lanes[l].latest, g_array_unref);
    }
}

static void
lanes_clear (TriLaneIndex *index)
{
  lanes_free (index->lanes);
}

/* An event into its lane, as read */
static void
place_in_lanes (const TriEventPlace *place,
                gpointer             data)
{
  Lane *lane = &((Lane *) data)[lane_of (place)];
  Entry e = entry_of (place);
  guint32 latest = e.latest;

  g_array_append_val (lane->tier[tier_of (&e)], e);
  g_array_append_val (lane->latest, latest);
}

/* Every lane, from every event read as it comes (no array of them all in
 * between); the index is as before when the read fails */
static gboolean
read_all (TriLaneIndex  *index,
          GError       **error)
{
  Lane lanes[TRI_N_CATEGORIES];

  for (guint l = 0; l < TRI_N_CATEGORIES; l++)
    {
      lanes[l].tier[0] = g_array_new (FALSE, FALSE, sizeof (Entry));
      lanes[l].tier[1] = g_array_new (FALSE, FALSE, sizeof (Entry));
      lanes[l].latest = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  if (!tri_store_foreach_event_place (index->store, place_in_lanes, lanes, error))
    {
      lanes_free (lanes);
      return FALSE;
    }
  for (guint l = 0; l < TRI_N_CATEGORIES; l++)
    {
      g_array_sort (lanes[l].tier[0], compare_entries_func);
      g_array_sort (lanes[l].tier[1], compare_entries_func);
      g_array_sort (lanes[l].latest, compare_days);
    }
  lanes_clear (index);
  memcpy (index->lanes, lanes, sizeof lanes);
  return TRUE;
}

static gboolean
update (gpointer       index,
        const gint64  *events,
        guint          n_events,
        GError       **error)
{
  return tri_lane_index_update (index, events, n_events, error);
}

/**
 * tri_lane_index_new:
 *
 * Reads every event's place once (its days, lane and stance: no text) and
 * registers the index with @store, which keeps it up to date as its
 * document changes it (tri_store_reload()).
 *
 * Returns: (nullable): the index, or %NULL when the store could not be read
 */
TriLaneIndex *
tri_lane_index_new (TriStore  *store,
                    GError   **error)
{
  TriLaneIndex *index = g_new0 (TriLaneIndex, 1);

  g_atomic_ref_count_init (&index->ref);
  index->store = g_object_ref (store);
  if (!read_all (index, error))
    {
      g_object_unref (index->store);
      g_free (index);
      return NULL;
    }
  {
    static gint births;

    index->birth = (guint64) g_atomic_int_add (&births, 1) + 1;
  }
  tri_store_add_index (store, index, update);
  return index;
}

TriLaneIndex *
tri_lane_index_ref (TriLaneIndex *index)
{
  g_atomic_ref_count_inc (&index->ref);
  return index;
}

void
tri_lane_index_unref (TriLaneIndex *index)
{
  if (index == NULL || !g_atomic_ref_count_dec (&index->ref))
    return;
  tri_store_remove_index (index->store, index);
  g_object_unref (index->store);
  lanes_clear (index);
  g_free (index);
}

/* The first entry of @tier from @from on, in date order */
static guint
first_from (GArray *tier,
            double  from)
{
  const Entry *e = (const Entry *) tier->data;
  guint lo = 0, hi = tier->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) e[mid].earliest < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* How many of the sorted @days d have d + 1 <= t: the events that end
 * before t */
static guint
n_ended (GArray *days,
         double  t)
{
  const guint32 *d = (const guint32 *) days->data;
  guint lo = 0, hi = days->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) d[mid] + 1.0 <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

typedef struct
{
  const guint8 *table;    /* the store's pass table, NULL: ask the store */
  gint64        base;
  guint         n;
  gboolean      all;      /* no event facet: every event passes */
  TriStore     *store;
} Passes;

static void
passes_init (Passes   *p,
             TriStore *store)
{
  p->store = store;
  p->table = tri_store_get_pass_table (store, &p->base, &p->n);
  p->all = !tri_store_filters_events (store);
}

static inline gboolean
passes (const Passes *p,
        gint64        id)
{
  if (p->all)
    return TRUE;
  if (p->table != NULL)
    return id >= p->base && id - p->base < p->n && p->table[id - p->base];
  return tri_store_event_passes (p->store, id);
}

static inline gboolean
shows (const Entry *e,
       double       t0,
       double       t1)
{
  return (double) e->latest + 1.0 > t0 && (double) e->earliest < t1;
}

/**
 * tri_lane_index_count:
 * @limit: stop counting past it
 *
 * Returns: how many events of @lane that pass the store's filter show in
 *   the days [@t0, @t1) (one of their possible days does), or @limit + 1
 *   when there are more than @limit
 */
guint
tri_lane_index_count (TriLaneIndex *index,
                      TriCategory   lane,
                      double        t0,
                      double        t1,
                      guint         limit)
{
  Lane *l;
  Passes p;
  guint n = 0;

  g_return_val_if_fail (index != NULL && lane < TRI_N_CATEGORIES, 0);

  l = &index->lanes[lane];
  passes_init (&p, index->store);
  if (p.all)
    {
      /* those that start before t1, less those of them that end before t0 */
      n = first_from (l->tier[0], t1) + first_from (l->tier[1], t1) - n_ended (l->latest, t0);
      return MIN (n, limit + 1);
    }
  for (guint t = 0; t < 2; t++)
    {
      GArray *tier = l->tier[t];
      const Entry *e = (const Entry *) tier->data;

      for (guint i = t == 0 ? first_from (tier, t0 - LONG_SPAN) : 0; i < tier->len && e[i].earliest < t1; i++)
        if (shows (&e[i], t0, t1) && passes (&p, e[i].id) && ++n > limit)
          return n;
    }
  return n;
}

/* The events of @lane from @from to before @t1 in date order, the two
 * tiers merged, each that passes and @keep keeps given to @func */
typedef gboolean (*Keep) (const Entry *e, double t0, double t1);

static void
walk (TriLaneIndex *index,
      TriCategory   lane,
      double        from,
      double        t0,
      double        t1,
      Keep          keep,
      TriLaneFunc   func,
      gpointer      data)
{
  Lane *l = &index->lanes[lane];
  const Entry *s = (const Entry *) l->tier[0]->data;
  const Entry *g = (const Entry *) l->tier[1]->data;
  guint i = first_from (l->tier[0], from), j = 0;
  guint ns = l->tier[0]->len, ng = l->tier[1]->len;
  Passes p;

  passes_init (&p, index->store);
  for (;;)
    {
      const Entry *e;

      if (i < ns && s[i].earliest >= t1)
        i = ns;
      if (j < ng && g[j].earliest >= t1)
        j = ng;
      if (i == ns && j == ng)
        break;
      if (j == ng || (i < ns && compare_entries (&s[i], &g[j]) <= 0))
        e = &s[i++];
      else
        e = &g[j++];
      if (keep (e, t0, t1) && passes (&p, e->id))
        func (e->id, e->earliest, e->latest, e->stance, data);
    }
}

static gboolean
middle_in (const Entry *e,
           double       t0,
           double       t1)
{
  double middle = (e->earliest + (double) e->latest + 1) / 2;

  return middle >= t0 && middle < t1;
}

/**
 * tri_lane_index_foreach_middle:
 *
 * Gives @func each event of @lane that passes the store's filter and
 * whose middle lies in [@t0, @t1) (the events a bin counts), in date
 * order (the order of tri_store_list_events()).
 */
void
tri_lane_index_foreach_middle (TriLaneIndex *index,
                               TriCategory   lane,
                               double        t0,
                               double        t1,
                               TriLaneFunc   func,
                               gpointer      data)
{
  g_return_if_fail (index != NULL && lane < TRI_N_CATEGORIES);
  /* a short event whose middle is at t0 or after starts at most half
   * LONG_SPAN days before */
  walk (index, lane, t0 - LONG_SPAN / 2.0 - 1, t0, t1, middle_in, func, data);
}

typedef struct
{
  GArray *places;
  guint   lane;
} ListData;

static void
add_place (gint64    event_id,
           guint32   earliest,
           guint32   latest,
           TriStance stance,
           gpointer  data)
{
  ListData *d = data;
  TriEventPlace place = { event_id, earliest, latest, d->lane, stance };

  g_array_append_val (d->places, place);
}

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const TriEventPlace *pa = a, *pb = b;

  if (pa->earliest != pb->earliest)
    return pa->earliest < pb->earliest ? -1 : 1;
  if (pa->latest != pb->latest)
    return pa->latest < pb->latest ? -1 : 1;
  return pa->event_id < pb->event_id ? -1 : pa->event_id > pb->event_id;
}

/**
 * tri_lane_index_list:
 * @lanes: a bit (1 << category) for each lane wanted
 *
 * Returns: (transfer full): the ids (gint64) of the events of @lanes that
 *   pass the store's filter and show in [@t0, @t1), in date order: those
 *   a view reads to draw one by one
 */
GArray *
tri_lane_index_list (TriLaneIndex *index,
                     guint         lanes,
                     double        t0,
                     double        t1)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (TriEventPlace));
  GArray *ids;
  ListData d = { places, 0 };

  g_return_val_if_fail (index != NULL, NULL);

  for (guint l = 0; l < TRI_N_CATEGORIES; l++)
    if (lanes & (1u << l))
      {
        d.lane = l;
        walk (index, l, t0 - LONG_SPAN, t0, t1, shows, add_place, &d);
      }
  g_array_sort (places, compare_places);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), places->len);
  for (guint i = 0; i < places->len; i++)
    g_array_append_val (ids, g_array_index (places, TriEventPlace, i).event_id);
  return ids;
}

/**
 * tri_lane_index_read:
 * @lanes: a bit (1 << category) for each lane wanted
 * @held: (array length=n_held) (element-type TriEvent) (nullable): events
 *   already read (for the same language), copied rather than read again;
 *   an element may be %NULL
 *
 * What tri_store_list_events_untitled() lists for the days [@from, @to],
 * of @lanes only: read by id, as the index lists them.
 *
 * Returns: (transfer container): the events, in date order, or %NULL when
 *   a read failed (the store says why)
 */
GPtrArray *
tri_lane_index_read (TriLaneIndex  *index,
                     guint32        from,
                     guint32        to,
                     guint          lanes,
                     GPtrArray    **held,
                     guint          n_held,
                     const char    *lang,
                     GError       **error)
{
  g_autoptr(GHashTable) have = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) read = NULL;
  GPtrArray *events;
  guint next_read = 0;

  g_return_val_if_fail (index != NULL, NULL);

  /* the events that overlap those days */
  ids = tri_lane_index_list (index, lanes, from, (double) to + 1);
  for (guint k = 0; k < n_held; k++)
    for (guint i = 0; held[k] != NULL && i < held[k]->len; i++)
      g_hash_table_insert (have, &((TriEvent *) held[k]->pdata[i])->id, held[k]->pdata[i]);
  for (guint i = 0; i < ids->len; i++)
    if (!g_hash_table_contains (have, &g_array_index (ids, gint64, i)))
      g_array_append_val (missing, g_array_index (ids, gint64, i));
  read = tri_store_list_events_by_id_untitled (index->store, (const gint64 *) missing->data, missing->len,
                                               lang, error);
  if (read == NULL)
    return NULL;

  /* in the index's order, which is the store's (an id it no longer has
   * was left out of what was read) */
  events = g_ptr_array_new_full (ids->len, (GDestroyNotify) tri_event_free);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const TriEvent *ev = g_hash_table_lookup (have, &id);

      if (ev != NULL)
        g_ptr_array_add (events, tri_event_copy (ev));
      else if (next_read < read->len && ((TriEvent *) read->pdata[next_read])->id == id)
        g_ptr_array_add (events, g_steal_pointer (&read->pdata[next_read++]));
    }
  return events;
}

guint
tri_lane_index_get_n_events (TriLaneIndex *index)
{
  guint n = 0;

  g_return_val_if_fail (index != NULL, 0);
  for (guint l = 0; l < TRI_N_CATEGORIES; l++)
    n += index->lanes[l].latest->len;
  return n;
}

/* Takes one @day out of the sorted @days */
static void
days_remove (GArray  *days,
             guint32  day)
{
  guint i = n_ended (days, day);   /* the first d >= day */

  if (i < days->len && g_array_index (days, guint32, i) == day)
    g_array_remove_index (days, i);
}

static void
days_insert (GArray  *days,
             guint32  day)
{
  g_array_insert_val (days, n_ended (days, day), day);
}

static void
tier_insert (GArray      *tier,
             const Entry *e)
{
  const Entry *all = (const Entry *) tier->data;
  guint lo = 0, hi = tier->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_entries (&all[mid], e) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (tier, lo, *e);
}

#define UPDATE_MAX 256   /* more changed events than this: read all again */

/**
 * tri_lane_index_update:
 * @events: (array length=n_events) (nullable): the events added, changed
 *   or removed since, or %NULL for any
 *
 * Brings the index up to date with the store: the entries of @events are
 * taken out, and put back as the store has them now; with %NULL (or many
 * of them), all are read again. tri_store_reload() calls it.
 *
 * Returns: %FALSE when the store could not be read (the index is as before)
 */
gboolean
tri_lane_index_update (TriLaneIndex  *index,
                       const gint64  *events,
                       guint          n_events,
                       GError       **error)
{
  g_autoptr(GHashTable) changed = NULL;
  g_autoptr(GArray) places = NULL;

  g_return_val_if_fail (index != NULL, FALSE);

  index->serial++;
  if (events == NULL || n_events > UPDATE_MAX)
    {
      return read_all (index, error);
    }

  places = tri_store_list_event_places (index->store, events, n_events, error);
  if (places == NULL)
    return FALSE;

  /* out, in one pass over each tier */
  changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_events; i++)
    g_hash_table_add (changed, (gpointer) &events[i]);
  for (guint l = 0; l < TRI_N_CATEGORIES; l++)
    for (guint t = 0; t < 2; t++)
      {
        GArray *tier = index->lanes[l].tier[t];
        Entry *e = (Entry *) tier->data;
        guint n = 0;

        for (guint i = 0; i < tier->len; i++)
          if (g_hash_table_contains (changed, &e[i].id))
            days_remove (index->lanes[l].latest, e[i].latest);
          else
            e[n++] = e[i];
        g_array_set_size (tier, n);
      }

  /* and back, as they are now, each once */
  for (guint i = 0; i < places->len; i++)
    {
      const TriEventPlace *p = &g_array_index (places, TriEventPlace, i);
      Lane *lane = &index->lanes[lane_of (p)];
      Entry e = entry_of (p);

      if (!g_hash_table_remove (changed, &p->event_id))
        continue;
      tier_insert (lane->tier[tier_of (&e)], &e);
      days_insert (lane->latest, e.latest);
    }
  return TRUE;
}

/**
 * tri_lane_index_get_serial:
 *
 * Returns: a number that changes whenever what the index counts may have
 * changed (an update of the index, the store's filter or its events) and
 * that no other index of the process has: bins counted from it with the
 * same serial and over the same range are the same bins.
 */
guint64
tri_lane_index_get_serial (TriLaneIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);
  return index->birth << 40 | (guint64) (index->serial & 0xfffff) << 20 |
         (tri_store_get_filter_serial (index->store) & 0xfffff);
}
