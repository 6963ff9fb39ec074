/* test-store-live.c: a live store follows the document that edits its
 * file, edit after edit, undo after undo; a hardened store of the same file
 * does not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "document/tri-document.h"
#include "store/tri-filter.h"
#include "store/tri-lane-index.h"
#include "store/tri-state-index.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

/* What a window does on the document's "changed": the live store reloads
 * exactly what changed. The test keeps what it was told. */
typedef struct
{
  TriStore *store;
  GArray   *events;        /* the last change's ids */
  guint     doc_changes;   /* the last change's bits */
  guint     n_doc;         /* "changed" emissions of the document */
  guint     n_store;       /* and of the store */
  guint     store_changes;
  GPtrArray *list;         /* events of [from, to] patched on each change, as a view does */
  guint32   from, to;
  guint     n_patched;
} Follow;

static void
on_doc_changed (TriDocument *doc,
                guint        changes,
                Follow      *f)
{
  guint n = 0;
  const gint64 *ids = tri_document_get_changed_events (doc, &n);

  g_array_set_size (f->events, 0);
  if (n > 0)
    g_array_append_vals (f->events, ids, n);
  f->doc_changes = changes;
  f->n_doc++;
  if (f->store != NULL)
    tri_store_reload (f->store, changes, ids, n);
}

static void
on_store_changed (TriStore *store,
                  guint     changes,
                  Follow   *f)
{
  const gint64 *ids = NULL;
  guint n = 0;

  f->n_store++;
  f->store_changes = changes;
  if (f->list != NULL && (changes & (TRI_STORE_CHANGE_EVENTS | TRI_STORE_CHANGE_LINKS)))
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (tri_store_get_changed_events (store, &ids, &n));
      g_assert_true (tri_store_update_events (store, f->list, f->from, f->to, "en", ids, n, &error));
      g_assert_no_error (error);
      f->n_patched++;
    }
}

/* @patched holds what a fresh read of the range gives, in its order */
static void
assert_same_events (GPtrArray *patched,
                    GPtrArray *fresh)
{
  g_assert_cmpuint (patched->len, ==, fresh->len);
  for (guint i = 0; i < fresh->len; i++)
    {
      const TriEvent *a = g_ptr_array_index (patched, i);
      const TriEvent *b = g_ptr_array_index (fresh, i);

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpuint (a->date.earliest, ==, b->date.earliest);
      g_assert_cmpuint (a->date.latest, ==, b->date.latest);
      g_assert_cmpint (a->confidence, ==, b->confidence);
      g_assert_cmpuint (a->links->len, ==, b->links->len);
      for (guint k = 0; k < b->links->len; k++)
        {
          const TriLink *la = &g_array_index (a->links, TriLink, k);
          const TriLink *lb = &g_array_index (b->links, TriLink, k);

          g_assert_cmpint (la->relation_id, ==, lb->relation_id);
          g_assert_cmpint (la->stance, ==, lb->stance);
          g_assert_cmpint (la->weight, ==, lb->weight);
        }
    }
}

static void
assert_events (Follow       *f,
               const gint64 *expected,
               guint         n)
{
  g_assert_cmpuint (f->events->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (f->events, gint64, i), ==, expected[i]);
}

static gint64
add_event (TriDocument *doc,
           const char  *title,
           const char  *date,
           const char  *stance)
{
  g_autoptr(GError) error = NULL;
  TriEventText texts[] = { { "en", title, "What happened.", NULL } };
  TriEventLink links[] = { { "RUS-PRK", stance, 2 } };
  TriEventSpec spec = {
    .date = date, .category = "military", .confidence = "confirmed",
    .texts = texts, .n_texts = 1, .links = links, .n_links = 1,
  };
  gint64 id = tri_document_add_event (doc, &spec, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* the event as the live store shows it, or NULL when it has none */
static TriEvent *
shown_event (TriStore *store,
             gint64    id)
{
  g_autoptr(GPtrArray) all = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);

  g_assert (all != NULL);
  for (guint i = 0; i < all->len; i++)
    {
      TriEvent *ev = g_ptr_array_index (all, i);

      if (ev->id == id)
        {
          g_autoptr(TriEvent) single = tri_store_get_event (store, id, "en", NULL);

          g_assert_nonnull (single);
          g_assert_cmpstr (single->title, ==, ev->title);
          return g_steal_pointer (&single);
        }
    }
  return NULL;
}

static guint
n_events_shown (TriStore *store)
{
  g_autoptr(GPtrArray) all = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);

  g_assert (all != NULL);
  return all->len;
}

/* the Russia – North Korea edge over all time as of @as_of, from running
 * sums built afresh on the live store */
static TriEdgeState
edge_as_of (TriStore *store,
            guint32   as_of)
{
  g_autoptr(TriStateIndex) index = tri_state_index_new (store, NULL);
  TriRelation *rel = tri_store_find_relation (store, "RUS-PRK", NULL);
  TriEdgeState state;

  g_assert_nonnull (index);
  g_assert_nonnull (rel);
  tri_state_index_compute (index, &state, rel->id, 1, as_of);
  return state;
}

static guint32
day (const char *text)
{
  TriDate date;

  g_assert_true (tri_date_parse (text, &date, NULL));
  return date.latest;
}

static void
test_follows_edits (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "live.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (gint64));
  Follow f = { NULL, events };
  g_autoptr(TriEvent) ev = NULL;
  TriEdgeState state;
  gint64 first, second;
  guint32 earliest, latest;

  g_assert_true (tri_document_create_new (path, &error));
  g_assert_no_error (error);
  doc = tri_document_open (path, &error);
  g_assert_no_error (error);
  store = tri_store_open_live (path, &error);
  g_assert_no_error (error);
  g_assert_true (tri_store_is_live (store));
  f.store = store;
  g_signal_connect (doc, "changed", G_CALLBACK (on_doc_changed), &f);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), &f);

  g_assert_cmpuint (n_events_shown (store), ==, 0);
  g_assert_false (tri_store_get_extent (store, &earliest, &latest));
  g_assert_cmpuint (tri_store_default_as_of (store), ==, 0);

  /* add: the event, its link and the edge */
  first = add_event (doc, "Treaty signed", "2024-06-19", "cooperation");
  assert_events (&f, &first, 1);
  g_assert_cmpuint (f.n_store, ==, 1);
  g_assert_cmpuint (f.store_changes, ==, f.doc_changes);
  g_assert_true (f.doc_changes & TRI_DOCUMENT_CHANGE_EVENTS);
  g_assert_true (f.doc_changes & TRI_DOCUMENT_CHANGE_LINKS);
  ev = shown_event (store, first);
  g_assert_nonnull (ev);
  g_assert_cmpstr (ev->title, ==, "Treaty signed");
  g_assert_cmpuint (ev->links->len, ==, 1);
  g_assert_cmpint (g_array_index (ev->links, TriLink, 0).stance, ==, TRI_STANCE_COOPERATION);
  g_clear_pointer (&ev, tri_event_free);
  g_assert_true (tri_store_get_extent (store, &earliest, &latest));
  g_assert_cmpuint (earliest, ==, day ("2024-06-19"));
  g_assert_cmpuint (tri_store_default_as_of (store), ==, day ("2024-06-19"));
  state = edge_as_of (store, day ("2024-12-31"));
  g_assert_cmpint (state.n_events, ==, 1);
  g_assert_cmpint (state.n_by_stance[TRI_STANCE_COOPERATION], ==, 1);

  /* edit: a new title, date and stance, the same event */
  {
    TriEventText texts[] = { { "en", "Treaty ratified", NULL, NULL } };
    TriEventLink links[] = { { "PRK-RUS", "tension", 3 } };
    TriEventSpec spec = {
      .date = "2024-12-04", .category = "diplomacy", .confidence = "reported",
      .texts = texts, .n_texts = 1, .links = links, .n_links = 1,
    };

    texts[0].claimed_by = "KCNA";
    g_assert_true (tri_document_edit_event (doc, first, &spec, &error));
    g_assert_no_error (error);
  }
  assert_events (&f, &first, 1);
  g_assert_cmpuint (f.n_store, ==, 2);
  ev = shown_event (store, first);
  g_assert_cmpstr (ev->title, ==, "Treaty ratified");
  g_assert_cmpint (ev->confidence, ==, TRI_CONFIDENCE_REPORTED);
  g_assert_cmpuint (ev->date.latest, ==, day ("2024-12-04"));
  g_clear_pointer (&ev, tri_event_free);
  g_assert_cmpuint (tri_store_default_as_of (store), ==, day ("2024-12-04"));
  /* as of the old date the edge has nothing any more */
  state = edge_as_of (store, day ("2024-07-01"));
  g_assert_cmpint (state.n_events, ==, 0);
  state = edge_as_of (store, day ("2024-12-31"));
  g_assert_cmpint (state.n_by_stance[TRI_STANCE_TENSION], ==, 1);
  g_assert_cmpint (state.n_unconfirmed, ==, 1);
  g_assert_cmpfloat (state.intensity, ==, 3);

  /* a second event, then the first deleted */
  second = add_event (doc, "Drills", "2023-03-01", "tension");
  assert_events (&f, &second, 1);
  g_assert_cmpuint (n_events_shown (store), ==, 2);
  g_assert_true (tri_store_get_extent (store, &earliest, &latest));
  g_assert_cmpuint (earliest, ==, day ("2023-03-01"));
  g_assert_true (tri_document_delete_event (doc, first, &error));
  g_assert_no_error (error);
  assert_events (&f, &first, 1);
  g_assert_null (shown_event (store, first));
  g_assert_cmpuint (n_events_shown (store), ==, 1);
  g_assert_cmpuint (tri_store_default_as_of (store), ==, day ("2023-03-01"));

  /* undo the delete: the edited event is back, with its link */
  g_assert_true (tri_document_undo (doc, &error));
  g_assert_no_error (error);
  assert_events (&f, &first, 1);
  ev = shown_event (store, first);
  g_assert_nonnull (ev);
  g_assert_cmpstr (ev->title, ==, "Treaty ratified");
  g_assert_cmpuint (ev->links->len, ==, 1);
  g_clear_pointer (&ev, tri_event_free);
  g_assert_cmpuint (tri_store_default_as_of (store), ==, day ("2024-12-04"));

  /* undo the second add, then the edit: the first as it was added */
  g_assert_true (tri_document_undo (doc, &error));
  assert_events (&f, &second, 1);
  g_assert_null (shown_event (store, second));
  g_assert_true (tri_document_undo (doc, &error));
  g_assert_no_error (error);
  assert_events (&f, &first, 1);
  ev = shown_event (store, first);
  g_assert_cmpstr (ev->title, ==, "Treaty signed");
  g_assert_cmpuint (ev->date.latest, ==, day ("2024-06-19"));
  g_clear_pointer (&ev, tri_event_free);
  state = edge_as_of (store, day ("2024-07-01"));
  g_assert_cmpint (state.n_by_stance[TRI_STANCE_COOPERATION], ==, 1);

  /* redo the edit */
  g_assert_true (tri_document_redo (doc, &error));
  g_assert_no_error (error);
  assert_events (&f, &first, 1);
  ev = shown_event (store, first);
  g_assert_cmpstr (ev->title, ==, "Treaty ratified");
  g_clear_pointer (&ev, tri_event_free);

  /* undo to empty */
  g_assert_true (tri_document_undo (doc, &error));
  g_assert_true (tri_document_undo (doc, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_events_shown (store), ==, 0);
  g_assert_false (tri_store_get_extent (store, &earliest, &latest));
  g_assert_cmpuint (tri_store_default_as_of (store), ==, 0);
  state = edge_as_of (store, day ("2024-12-31"));
  g_assert_cmpint (state.n_events, ==, 0);
  g_assert_cmpuint (f.n_store, ==, f.n_doc);
  g_assert_cmpuint (tri_store_get_read_failures (store), ==, 0);
}

/* A group is one change: while it is open the live store reads what was
 * committed (and is not blocked); at its end, the event with its quote. */
static void
test_group_and_quotes (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "live.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (gint64));
  Follow f = { NULL, events };
  TriSourceSpec source = {
    .id = "kcna", .kind = "article", .title = "Treaty signed", .language = "en",
    .date = "2024-06-19", .text = "Moscow and Pyongyang signed a treaty.",
  };
  gint64 ev, quote;
  guint total = 0;

  g_assert_true (tri_document_create_new (path, &error));
  doc = tri_document_open (path, &error);
  g_assert_no_error (error);
  store = tri_store_open_live (path, &error);
  g_assert_no_error (error);
  f.store = store;
  g_signal_connect (doc, "changed", G_CALLBACK (on_doc_changed), &f);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), &f);

  g_assert_true (tri_document_add_source (doc, &source, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f.events->len, ==, 0);
  g_assert_true (f.store_changes & TRI_STORE_CHANGE_SOURCES);

  tri_document_begin_group (doc, "Add Event");
  ev = add_event (doc, "Treaty signed", "2024-06-19", "cooperation");
  {
    TriQuoteSpec q = { .source = "kcna", .offset = 0, .length = 20, .relation = "RUS-PRK", .event = ev };

    quote = tri_document_add_quote (doc, &q, &error);
    g_assert_no_error (error);
    g_assert_cmpint (quote, >, 0);
  }
  g_assert_cmpuint (f.n_doc, ==, 1);
  g_assert_cmpuint (n_events_shown (store), ==, 0);
  g_assert_true (tri_document_end_group (doc, &error));
  g_assert_no_error (error);
  assert_events (&f, &ev, 1);
  g_assert_true (f.store_changes & TRI_STORE_CHANGE_QUOTES);
  g_assert_cmpuint (n_events_shown (store), ==, 1);
  {
    g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, 0, ev, "en", NULL);
    TriRelation *rel = tri_store_find_relation (store, "RUS-PRK", NULL);
    g_autoptr(GPtrArray) page = tri_store_list_quotes_page (store, rel->id, "en", 10, &total, NULL);

    g_assert_cmpuint (quotes->len, ==, 1);
    g_assert_cmpstr (((TriQuote *) g_ptr_array_index (quotes, 0))->text, ==, "Moscow and Pyongyang");
    g_assert_cmpuint (total, ==, 1);
  }

  /* the event is backed by a quote of Russia – North Korea, of no other side */
  {
    TriRelation *rpk = tri_store_find_relation (store, "RUS-PRK", NULL);
    TriRelation *rc = tri_store_find_relation (store, "RUS-CHN", NULL);

    g_assert_true (tri_store_events_have_quotes (store, rpk->id, &ev, 1));
    g_assert_false (tri_store_events_have_quotes (store, rc->id, &ev, 1));
    g_assert_false (tri_store_events_have_quotes (store, rpk->id, NULL, 0));
  }

  /* deleting the quote changes its event's evidence: the event is named */
  g_assert_true (tri_document_delete_quote (doc, quote, &error));
  g_assert_no_error (error);
  assert_events (&f, &ev, 1);
  {
    g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, 0, ev, "en", NULL);
    TriRelation *rpk = tri_store_find_relation (store, "RUS-PRK", NULL);

    g_autoptr(GPtrArray) page = tri_store_list_quotes_page (store, rpk->id, "en", 10, &total, NULL);

    g_assert_cmpuint (quotes->len, ==, 0);
    g_assert_false (tri_store_events_have_quotes (store, rpk->id, &ev, 1));
    /* nor does the panel count it */
    g_assert_cmpuint (page->len, ==, 0);
    g_assert_cmpuint (total, ==, 0);
  }

  /* the group undone at once: nothing of it is shown */
  g_assert_true (tri_document_undo (doc, &error));
  g_assert_true (tri_document_undo (doc, &error));
  g_assert_no_error (error);
  assert_events (&f, &ev, 1);
  g_assert_cmpuint (n_events_shown (store), ==, 0);

  /* a new actor and its relation: the store's relations follow */
  {
    const char * const names[] = { "en", "Japan", NULL };
    gint64 rel;

    g_assert_true (tri_document_add_actor (doc, "JPN", "#BC002D", names, &error));
    g_assert_no_error (error);
    rel = tri_document_add_relation (doc, "JPN-PRK", &error);
    g_assert_no_error (error);
    g_assert_true (f.store_changes & TRI_STORE_CHANGE_RELATIONS);
    g_assert_nonnull (tri_store_get_relation (store, rel));
    g_assert_nonnull (tri_store_find_relation (store, "PRK-JPN", NULL));
    g_assert_true (tri_document_undo (doc, &error));
    g_assert_null (tri_store_get_relation (store, rel));
  }
  g_assert_cmpuint (tri_store_get_read_failures (store), ==, 0);
}

/* A hardened store of the same file goes on as before: once the file
 * changed under it (the checkpoint), it reads nothing more, and says so */
static void
test_hardened_unaffected (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "live.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = NULL;
  g_autoptr(TriStore) hardened = NULL;
  g_autoptr(TriStore) live = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_assert_true (tri_document_create_new (path, &error));
  doc = tri_document_open (path, &error);
  g_assert_no_error (error);
  hardened = tri_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (tri_store_is_live (hardened));
  live = tri_store_open_live (path, &error);
  g_assert_no_error (error);

  add_event (doc, "Treaty signed", "2024-06-19", "cooperation");
  g_assert_cmpuint (n_events_shown (live), ==, 1);

  /* the edit is in the WAL: the file itself, all an immutable store reads,
   * is as it was opened until the checkpoint writes the edit into it */
  events = tri_store_list_events (hardened, 0, G_MAXUINT32, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    GStatBuf st;

    while (g_stat (wal, &st) == 0 && st.st_size > 0)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpuint (n_events_shown (live), ==, 1);

  events = tri_store_list_events (hardened, 0, G_MAXUINT32, "en", &error);
  g_assert_null (events);
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "changed on disk"));
  g_assert_cmpuint (tri_store_get_read_failures (hardened), >, 0);
  g_assert_cmpuint (tri_store_get_read_failures (live), ==, 0);
  g_clear_error (&error);

  /* after the document is closed, a new live store reads it all */
  g_clear_object (&doc);
  g_clear_object (&live);
  live = tri_store_open_live (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_events_shown (live), ==, 1);
}

static void
assert_same_state (const TriEdgeState *a,
                   const TriEdgeState *b)
{
  g_assert_cmpint (a->n_events, ==, b->n_events);
  g_assert_cmpint (a->n_possibly, ==, b->n_possibly);
  g_assert_cmpint (a->n_unconfirmed, ==, b->n_unconfirmed);
  g_assert_cmpfloat (a->intensity, ==, b->intensity);
  g_assert_cmpfloat (a->unconfirmed_weight, ==, b->unconfirmed_weight);
  for (int k = 0; k < TRI_N_STANCES; k++)
    {
      g_assert_cmpint (a->n_by_stance[k], ==, b->n_by_stance[k]);
      g_assert_cmpfloat (a->weight_by_stance[k], ==, b->weight_by_stance[k]);
    }
}

static char *
random_date (GRand *rand)
{
  int year = g_rand_int_range (rand, 2016, 2026);
  int month = g_rand_int_range (rand, 1, 13);
  static const char * const parts[] = { "early", "mid", "late", "H1", "H2", "Q3" };

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
    case 1:
      return g_strdup_printf ("%d-%02d-%02d", year, month, g_rand_int_range (rand, 1, 29));
    case 2:
      return g_strdup_printf ("%d-%02d", year, month);
    case 3:
      return g_strdup_printf ("%d-%s", year, parts[g_rand_int_range (rand, 0, G_N_ELEMENTS (parts))]);
    case 4:
      return g_strdup_printf ("%d", year);
    default:
      return g_strdup_printf ("%d-%02d/%d", year, month, year + g_rand_int_range (rand, 1, 3));
    }
}

/* A random event: its date, confidence and one to three links */
static void
random_event (GRand        *rand,
              TriEventSpec *spec,
              TriEventText *text,
              TriEventLink *links,
              char        **date)
{
  static const char * const codes[] = { "RUS-PRK", "CHN-RUS", "CHN-PRK", "PRK-USA", "RUS-UKR" };
  static const char * const stances[] = { "cooperation", "tension", "neutral" };
  static const char * const confidences[] = { "confirmed", "reported", "alleged" };
  guint first = g_rand_int_range (rand, 0, G_N_ELEMENTS (codes));

  *date = random_date (rand);
  memset (spec, 0, sizeof *spec);
  spec->date = *date;
  spec->category = "military";
  spec->confidence = confidences[g_rand_int_range (rand, 0, 3)];
  text->lang = "en";
  text->title = "Random event";
  text->summary = NULL;
  text->claimed_by = "KCNA";
  spec->texts = text;
  spec->n_texts = 1;
  spec->n_links = g_rand_int_range (rand, 1, 4);
  for (guint i = 0; i < spec->n_links; i++)
    {
      links[i].relation = codes[(first + i) % G_N_ELEMENTS (codes)];
      links[i].stance = stances[g_rand_int_range (rand, 0, 3)];
      links[i].weight = g_rand_int_range (rand, 1, 4);
    }
  spec->links = links;
}

static gint64
random_event_id (GRand    *rand,
                 TriStore *store)
{
  g_autoptr(GPtrArray) all = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);

  g_assert (all != NULL);
  if (all->len == 0)
    return 0;
  return ((TriEvent *) g_ptr_array_index (all, g_rand_int_range (rand, 0, all->len)))->id;
}

/* The running sums a live store keeps up to date edit by edit give the
 * states a naive recount and a fresh build give, after each of hundreds of
 * random adds, edits, deletes, groups, undos and redos. */

/* An event the lane index gave, with what it gave of it */
typedef struct
{
  gint64    id;
  guint32   earliest, latest;
  TriStance stance;
} Placed;

static void
collect_placed (gint64    event_id,
                guint32   earliest,
                guint32   latest,
                TriStance stance,
                gpointer  data)
{
  Placed p = { event_id, earliest, latest, stance };

  g_array_append_val ((GArray *) data, p);
}

/* The lane index against a naive pass over @all (every event the store
 * lists, in its order): per lane, how many show in a random range, which
 * ones a bin counts (middle in it) with their days and stance, and which
 * ones show, in date order */
static void
assert_lanes_match (TriLaneIndex *lanes,
                    GPtrArray    *all,
                    GRand        *rand,
                    guint        *n_compared)
{
  for (int k = 0; k < 4; k++)
    {
      double t0 = day ("2012-01-01") + g_rand_double_range (rand, 0, 14 * 366);
      double t1 = t0 + g_rand_double_range (rand, 1, 8 * 366);
      g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) listed = tri_lane_index_list (lanes, (1u << TRI_N_CATEGORIES) - 1, t0, t1);

      for (guint i = 0; i < all->len; i++)
        {
          const TriEvent *ev = g_ptr_array_index (all, i);

          if (ev->date.latest + 1.0 > t0 && ev->date.earliest < t1)
            g_array_append_val (shown, ev->id);
        }
      g_assert_cmpuint (listed->len, ==, shown->len);
      for (guint i = 0; i < shown->len; i++)
        g_assert_cmpint (g_array_index (listed, gint64, i), ==, g_array_index (shown, gint64, i));

      for (guint lane = 0; lane < TRI_N_CATEGORIES; lane++)
        {
          g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
          guint n_shown = 0, n_middle = 0;

          tri_lane_index_foreach_middle (lanes, lane, t0, t1, collect_placed, placed);
          for (guint i = 0; i < all->len; i++)
            {
              const TriEvent *ev = g_ptr_array_index (all, i);
              double middle = (ev->date.earliest + (double) ev->date.latest + 1) / 2;
              guint weight[TRI_N_STANCES] = { 0 };
              const Placed *p;

              if (ev->category != lane)
                continue;
              n_shown += ev->date.latest + 1.0 > t0 && ev->date.earliest < t1;
              if (middle < t0 || middle >= t1)
                continue;
              for (guint j = 0; j < ev->links->len; j++)
                weight[g_array_index (ev->links, TriLink, j).stance] += g_array_index (ev->links, TriLink, j).weight;
              g_assert_cmpuint (n_middle, <, placed->len);
              p = &g_array_index (placed, Placed, n_middle++);
              g_assert_cmpint (p->id, ==, ev->id);
              g_assert_cmpuint (p->earliest, ==, ev->date.earliest);
              g_assert_cmpuint (p->latest, ==, ev->date.latest);
              g_assert_cmpint (p->stance, ==, tri_stance_dominant (weight));
            }
          g_assert_cmpuint (n_middle, ==, placed->len);
          g_assert_cmpuint (tri_lane_index_count (lanes, lane, t0, t1, G_MAXUINT - 1), ==, n_shown);
          /* counted only as far as asked */
          if (n_shown > 2)
            g_assert_cmpuint (tri_lane_index_count (lanes, lane, t0, t1, 2), ==, 3);
          (*n_compared)++;
        }
    }
}

/* The evidence the panel lists for @r as of [@from, @to] (kept in memory
 * and dropped on every edit) against a naive pass over all of its quotes:
 * an edited event's quotes move with its dates, a deleted one's go */
static void
assert_evidence_matches (TriStore          *store,
                         GPtrArray         *all,
                         const TriRelation *r,
                         guint32            from,
                         guint32            to,
                         guint             *compared)
{
  g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, r->id, 0, "en", NULL);
  g_autoptr(GHashTable) events = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint total = 0, loose = 0;

  g_assert (quotes != NULL);
  for (guint i = 0; i < all->len; i++)
    {
      TriEvent *ev = g_ptr_array_index (all, i);

      g_hash_table_insert (events, &ev->id, ev);
    }
  /* newest first by the event's days; then those of no event, by their source's */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < quotes->len; i++)
      {
        TriQuote *q = g_ptr_array_index (quotes, i);
        TriEvent *ev = q->event_id != 0 ? g_hash_table_lookup (events, &q->event_id) : NULL;

        if (pass == 0 && ev != NULL &&
            tri_event_count (ev->date.earliest, ev->date.latest, from, to) == TRI_COUNT_YES)
          g_array_append_val (expected, q->id);
        else if (pass == 1 && q->event_id == 0 && !tri_source_published_later (&q->source_date, to))
          {
            g_array_append_val (expected, q->id);
            loose++;
          }
      }
  page = tri_store_list_quotes_in_period (store, r->id, from, to, "en", 5, &total, NULL);
  g_assert (page != NULL);
  g_assert_cmpuint (total, ==, expected->len);
  g_assert_cmpuint (page->len, ==, MIN (5, expected->len));
  /* each one listed is one the naive pass counts */
  for (guint i = 0; i < page->len; i++)
    {
      TriQuote *q = g_ptr_array_index (page, i);
      gboolean found = FALSE;

      for (guint j = 0; j < expected->len && !found; j++)
        found = g_array_index (expected, gint64, j) == q->id;
      g_assert_true (found);
    }
  g_clear_pointer (&page, g_ptr_array_unref);
  page = tri_store_list_quotes_page (store, r->id, "en", 3, &total, NULL);
  g_assert (page != NULL);
  g_assert_cmpuint (total, ==, quotes->len);
  (*compared) += expected->len > loose;
}

static void
test_index_follows_random_edits (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "random.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(TriStateIndex) index = NULL;
  g_autoptr(TriLaneIndex) lanes = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  Follow f = { NULL, events };
  const guint windows[] = { 3, 12, 0 };
  guint compared = 0, non_empty = 0, with_possibly = 0, undone = 0, lanes_compared = 0;
  guint evidence_compared = 0;

  g_assert_true (tri_document_copy (tri_test_briefing_path (), path, &error));
  g_assert_no_error (error);
  doc = tri_document_open (path, &error);
  g_assert_no_error (error);
  store = tri_store_open_live (path, &error);
  g_assert_no_error (error);
  f.store = store;
  g_signal_connect (doc, "changed", G_CALLBACK (on_doc_changed), &f);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), &f);
  index = tri_state_index_new (store, &error);
  g_assert_no_error (error);
  lanes = tri_lane_index_new (store, &error);
  g_assert_no_error (error);
  /* a timeline's range, loaded once and patched from then on */
  f.from = day ("2019-01-01");
  f.to = day ("2022-12-31");
  f.list = tri_store_list_events (store, f.from, f.to, "en", &error);
  g_assert_no_error (error);

  for (int step = 0; step < 400; step++)
    {
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(GPtrArray) relations = NULL;
      TriEventSpec spec;
      TriEventText text;
      TriEventLink links[3];
      g_autofree char *date = NULL;
      int op = g_rand_int_range (rand, 0, 100);

      if (op < 30)
        {
          random_event (rand, &spec, &text, links, &date);
          g_assert_cmpint (tri_document_add_event (doc, &spec, &error), >, 0);
        }
      else if (op < 55)
        {
          gint64 id = random_event_id (rand, store);

          random_event (rand, &spec, &text, links, &date);
          if (id != 0)
            g_assert_true (tri_document_edit_event (doc, id, &spec, &error));
        }
      else if (op < 68)
        {
          gint64 id = random_event_id (rand, store);

          if (id != 0)
            g_assert_true (tri_document_delete_event (doc, id, &error));
        }
      else if (op < 73)
        {
          /* one user action of several commands */
          gint64 id = random_event_id (rand, store);
          g_autofree char *date2 = NULL;

          tri_document_begin_group (doc, "Add Event");
          random_event (rand, &spec, &text, links, &date);
          g_assert_cmpint (tri_document_add_event (doc, &spec, &error), >, 0);
          random_event (rand, &spec, &text, links, &date2);
          if (id != 0)
            g_assert_true (tri_document_edit_event (doc, id, &spec, &error));
          g_assert_true (tri_document_end_group (doc, &error));
        }
      else if (op < 90)
        {
          if (tri_document_can_undo (doc))
            {
              g_assert_true (tri_document_undo (doc, &error));
              undone++;
            }
        }
      else if (tri_document_can_redo (doc))
        g_assert_true (tri_document_redo (doc, &error));
      g_assert_no_error (error);

      /* the patched range against a fresh read of it */
      {
        g_autoptr(GPtrArray) fresh = tri_store_list_events (store, f.from, f.to, "en", NULL);

        g_assert (fresh != NULL);
        assert_same_events (f.list, fresh);
      }

      /* the index against a naive recount of every event */
      all = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
      relations = tri_store_list_relations (store, NULL);
      g_assert (all != NULL && relations != NULL);
      for (guint k = 0; k < 12; k++)
        {
          const TriRelation *r = g_ptr_array_index (relations, g_rand_int_range (rand, 0, MIN (relations->len, 8)));
          guint32 as_of = day ("2015-06-01") + g_rand_int_range (rand, 0, 12 * 366);
          TriEdgeState fast, slow;
          guint32 from, to;

          tri_window_bounds (as_of, tri_window_days_for_months (windows[k % G_N_ELEMENTS (windows)]), &from, &to);
          tri_state_index_compute (index, &fast, r->id, from, to);
          tri_edge_state_compute (&slow, all, r->id, from, to);
          assert_same_state (&fast, &slow);
          compared++;
          non_empty += slow.n_events > 0;
          with_possibly += slow.n_possibly > 0;
          if (k < 3)
            assert_evidence_matches (store, all, r, from, to, &evidence_compared);
        }
      /* and the lanes */
      if (step % 4 == 0)
        assert_lanes_match (lanes, all, rand, &lanes_compared);
    }

  /* a large group (as an import makes), added and undone at once */
  {
    g_autoptr(GPtrArray) fresh = NULL;
    guint before = f.list->len;

    tri_document_begin_group (doc, "Add Events");
    for (int k = 0; k < 40; k++)
      {
        TriEventSpec spec;
        TriEventText text;
        TriEventLink links[3];
        g_autofree char *date = NULL;

        random_event (rand, &spec, &text, links, &date);
        g_assert_cmpint (tri_document_add_event (doc, &spec, &error), >, 0);
      }
    g_assert_true (tri_document_end_group (doc, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (f.events->len, ==, 40);
    fresh = tri_store_list_events (store, f.from, f.to, "en", NULL);
    assert_same_events (f.list, fresh);
    g_assert_cmpuint (f.list->len, >, before);
    g_assert_true (tri_document_undo (doc, &error));
    g_assert_no_error (error);
    g_clear_pointer (&fresh, g_ptr_array_unref);
    fresh = tri_store_list_events (store, f.from, f.to, "en", NULL);
    assert_same_events (f.list, fresh);
    g_assert_cmpuint (f.list->len, ==, before);
  }

  /* the lanes after the group, and with a filter set (what passes it is
   * what the store lists) */
  {
    g_autoptr(GPtrArray) all = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
    g_autoptr(TriFilter) filter = tri_filter_new ();
    g_autoptr(GPtrArray) filtered = NULL;
    const char * const confirmed[] = { "confirmed", NULL };

    assert_lanes_match (lanes, all, rand, &lanes_compared);
    tri_filter_set_values (filter, TRI_FILTER_CONFIDENCE, confirmed);
    tri_store_set_filter (store, filter);
    filtered = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
    g_assert_cmpuint (filtered->len, <, all->len);
    assert_lanes_match (lanes, filtered, rand, &lanes_compared);
    tri_store_set_filter (store, NULL);
    g_assert_cmpuint (lanes_compared, >=, 100 * TRI_N_CATEGORIES * 4);
  }

  /* and against a fresh build, on every relation, over all time */
  {
    g_autoptr(TriStateIndex) fresh = tri_state_index_new (store, &error);
    g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);

    g_assert_no_error (error);
    for (guint i = 0; i < relations->len; i++)
      for (int k = 0; k < 50; k++)
        {
          const TriRelation *r = g_ptr_array_index (relations, i);
          guint32 as_of = day ("2015-06-01") + g_rand_int_range (rand, 0, 12 * 366);
          TriEdgeState a, b;
          guint32 from, to;

          tri_window_bounds (as_of, tri_window_days_for_months (windows[k % G_N_ELEMENTS (windows)]), &from, &to);
          tri_state_index_compute (index, &a, r->id, from, to);
          tri_state_index_compute (fresh, &b, r->id, from, to);
          assert_same_state (&a, &b);
        }
  }
  /* the comparisons met real states, and the history was walked */
  g_assert_cmpuint (compared, ==, 400 * 12);
  /* evidence of events compared (122 of the 1,200 checks with this seed),
   * not only of none */
  g_assert_cmpuint (evidence_compared, >, 60);
  g_assert_cmpuint (non_empty, >, compared / 4);
  g_assert_cmpuint (with_possibly, >, 100);
  g_assert_cmpuint (undone, >, 30);
  g_assert_cmpuint (f.n_patched, >, 300);
  g_assert_cmpuint (f.list->len, >, 20);
  g_assert_cmpuint (tri_store_get_read_failures (store), ==, 0);
  g_clear_pointer (&f.list, g_ptr_array_unref);
}

/* Files not created editable stay with the hardened store */
static void
test_refuses_read_only (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autofree char *copy = tri_test_copy_briefing (dir, "bundled.sqlite");
  g_autoptr(GError) error = NULL;
  TriFileState before = { 0 };
  TriStore *store;

  tri_test_file_state (copy, &before);
  store = tri_store_open_live (copy, &error);
  g_assert_null (store);
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NOT_EDITABLE);
  g_assert_nonnull (strstr (error->message, "was not created by Trilateral to be edited"));
  g_clear_error (&error);
  tri_test_assert_unchanged (copy, &before);
  tri_test_file_state_clear (&before);

  store = tri_store_open_live (missing, &error);
  g_assert_null (store);
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-live/follows-edits", test_follows_edits);
  g_test_add_func ("/store-live/group-and-quotes", test_group_and_quotes);
  g_test_add_func ("/store-live/index-follows-random-edits", test_index_follows_random_edits);
  g_test_add_func ("/store-live/hardened-unaffected", test_hardened_unaffected);
  g_test_add_func ("/store-live/refuses-read-only", test_refuses_read_only);

  return g_test_run ();
}
