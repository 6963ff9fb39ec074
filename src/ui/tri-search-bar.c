/* tri-search-bar.c: Ctrl+F, the briefing's search bar
 *
 * A GtkSearchBar at the top of the window's main area: an entry, a line
 * that says what is happening ("Indexing the briefing…", "No results for
 * “…”") and the results below it, grouped under headings (events, quotes,
 * sources, actors), each with its date and its context, the words found
 * in bold on the theme's highlight colour.
 *
 * The index (TriSearch, tri-search.c) is the bar's own: built in a worker
 * thread after the window's next frame, once per briefing opened. A query
 * typed while it builds runs when it is ready. A read-only briefing's
 * index is checked before each query (tri_search_is_current ()) and built
 * again when the file changed; an editable briefing's follows each edit,
 * undo and redo (tri_search_update_events () with the events the document
 * names).
 *
 * Choosing a result chooses in the window's session, exactly as the views
 * do: an event (or a quote's event) is selected and "as of" moves to it;
 * an actor is chosen as on the triangle; a source chooses the latest event
 * it is quoted on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-search-bar"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "document/tri-document.h"
#include "document/tri-session.h"
#include "store/tri-date.h"
#include "store/tri-store.h"
#include "tri-canvas-focus.h"
#include "tri-search-bar.h"
#include "tri-window.h"

#define RESULTS_PER_KIND 20

/* Who a quote is by, and what it bears on (read once per index): one
 * block a quote, its id the map's key, its source's id after it */
typedef struct
{
  gint64  id;
  gint64  relation;
  gint64  event;
  char   *source;   /* NULL, or source_id */
  char    source_id[];
} QuoteInfo;

struct _TriSearchBar
{
  GtkWidget       parent_instance;

  GtkWidget      *outer;         /* the bar, then the results below it */
  GtkWidget      *search_bar;
  GtkWidget      *entry;
  GtkLabel       *status;
  GtkWidget      *scroller;
  GtkListBox     *list;

  TriWindow      *window;        /* not owned: it owns the bar */
  TriStore       *store;         /* the briefing searched, NULL: none */
  TriDocument    *document;      /* its editor, NULL: read-only */
  gulong          document_changed_id;
  TriSearch      *search;
  GCancellable   *building;      /* a build under way, NULL: none */
  GArray         *pending;       /* events edited while it builds */
  gboolean        rebuild;       /* a whole new build is due after it */
  char           *build_error;   /* why the last build failed, NULL: it did not */
  gulong          frame_id;      /* waiting for the next frame to build */
  gulong          map_id;
  guint           build_source;
  GtkWidget      *frame_widget;  /* whose frame clock frame_id is on */

  GPtrArray      *results;       /* TriSearchResult, as the rows show them */
  GHashTable     *quotes;        /* quote id (&QuoteInfo.id) → QuoteInfo, NULL: not read */
  GHashTable     *source_titles; /* source id → title */
  GCancellable   *reading;       /* reading them, NULL: not */
  GWeakRef        focus_before;  /* what had the focus when the bar opened */
};

G_DEFINE_FINAL_TYPE (TriSearchBar, tri_search_bar, GTK_TYPE_WIDGET)

static void run_query (TriSearchBar *self);

/* The quotes' sources and events, and the sources' titles */
typedef struct
{
  GHashTable *quotes;    /* quote id (&QuoteInfo.id) → QuoteInfo */
  GHashTable *titles;    /* source id → title */
} QuoteMap;

static void
quote_map_free (gpointer data)
{
  QuoteMap *map = data;

  g_hash_table_unref (map->quotes);
  g_hash_table_unref (map->titles);
  g_free (map);
}

static void
add_quote_ref (const char *const *cells,
               guint              n,
               gpointer           data)
{
  GHashTable *quotes = data;
  const char *id, *source;
  gsize len;
  QuoteInfo *q;

  if (n < 4 || cells[0] == NULL)
    return;
  id = cells[0];
  source = cells[1];
  len = source ? strlen (source) : 0;
  q = g_malloc (sizeof (QuoteInfo) + len + 1);
  q->id = g_ascii_strtoll (id, NULL, 10);
  q->relation = cells[2] ? g_ascii_strtoll (cells[2], NULL, 10) : 0;
  q->event = cells[3] ? g_ascii_strtoll (cells[3], NULL, 10) : 0;
  memcpy (q->source_id, source ? source : "", len + 1);
  q->source = source ? q->source_id : NULL;
  /* a file from elsewhere may repeat an id: the last, as before */
  g_hash_table_replace (quotes, &q->id, q);
}

static QuoteMap *
quote_map_read (TriStore *store)
{
  QuoteMap *map = g_new0 (QuoteMap, 1);
  g_autoptr(GPtrArray) rows = NULL;
  guint n = 0;

  map->quotes = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  map->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* id, source, relation id, event, a row at a time: not the quotes'
   * texts, nor a list of every cell (at 200,000 quotes those were a
   * hundred and then thirty megabytes read only to be dropped) */
  if (!tri_store_foreach_row (store, TRI_STORE_ROWS_QUOTE_REFS, add_quote_ref, map->quotes, NULL))
    g_hash_table_remove_all (map->quotes);  /* none rather than some: as unread */

  /* id, kind, title, outlet, authors, language, date, file, reliability */
  rows = tri_store_read_rows (store, TRI_STORE_ROWS_SOURCES, &n, NULL);
  for (guint i = 0; rows != NULL && n >= 3 && i + n <= rows->len; i += n)
    if (rows->pdata[i] != NULL && rows->pdata[i + 2] != NULL)
      g_hash_table_insert (map->titles, g_strdup (rows->pdata[i]), g_strdup (rows->pdata[i + 2]));
  return map;
}

static void
set_quote_map (TriSearchBar *self,
               QuoteMap     *map)
{
  g_clear_pointer (&self->quotes, g_hash_table_unref);
  g_clear_pointer (&self->source_titles, g_hash_table_unref);
  if (map != NULL)
    {
      self->quotes = g_steal_pointer (&map->quotes);
      self->source_titles = g_steal_pointer (&map->titles);
      g_free (map);
    }
}

static void
drop_quotes (TriSearchBar *self)
{
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  set_quote_map (self, NULL);
}

/* In a worker, on a store of its own (at 20,000 quotes it takes a fifth
 * of a second) */
static void
quote_map_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(TriStore) store = tri_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, quote_map_read (store), quote_map_free);
}

static void
on_quotes_read (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  TriSearchBar *self = TRI_SEARCH_BAR (source);
  QuoteMap *map = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_task_get_cancellable (G_TASK (result)) != self->reading || self->reading == NULL)
    {
      if (map != NULL)
        quote_map_free (map);
      return;   /* another briefing or another read since */
    }
  g_clear_object (&self->reading);
  if (map == NULL)
    return;     /* the rows show no source; choosing reads them itself */
  set_quote_map (self, map);
  run_query (self);
}

/* Read again in the background; the present map answers meanwhile */
static void
read_quotes_later (TriSearchBar *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->reading = g_cancellable_new ();
  task = g_task_new (self, self->reading, on_quotes_read, NULL);
  g_task_set_task_data (task, g_strdup (tri_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, quote_map_thread);
}

/* The map when it is read, else NULL (it is read after the index) */
static const QuoteInfo *
find_quote (TriSearchBar *self,
            gint64        id)
{
  return self->quotes ? g_hash_table_lookup (self->quotes, &id) : NULL;
}

/* For a choice: the map now, read here if it is not yet */
static void
need_quotes (TriSearchBar *self)
{
  if (self->quotes == NULL && self->store != NULL)
    set_quote_map (self, quote_map_read (self->store));
}

/* --- what the line under the entry says --------------------------------- */

static void
set_status (TriSearchBar *self,
            const char   *text)
{
  gtk_label_set_text (self->status, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status), text != NULL);
}

const char *
tri_search_bar_get_status (TriSearchBar *self)
{
  g_return_val_if_fail (TRI_IS_SEARCH_BAR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status)) ? gtk_label_get_text (self->status) : NULL;
}

/* --- building the index -------------------------------------------------- */

static void start_build (TriSearchBar *self);

static void
on_built (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(TriSearchBar) self = data;
  TriSearch *search = TRI_SEARCH (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = tri_search_build_finish (search, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || search != self->search)
    return;   /* another briefing since, or the window went */
  g_clear_object (&self->building);

  /* the file changed again while it was read */
  if (self->rebuild)
    {
      self->rebuild = FALSE;
      start_build (self);
      return;
    }
  if (!ok)
    {
      /* Translators: %s says why, e.g. "“x.sqlite” could not be searched: No such file" */
      self->build_error = g_strdup_printf (_("The briefing could not be indexed. %s"), error->message);
      g_clear_pointer (&self->pending, g_array_unref);
      set_status (self, self->build_error);
      return;
    }
  /* the edits made while it read the file */
  if (self->pending != NULL && self->pending->len > 0)
    {
      g_autoptr(GError) update_error = NULL;

      if (!tri_search_update_events (self->search, (gint64 *) self->pending->data, self->pending->len,
                                     &update_error))
        g_warning ("%s", update_error->message);
    }
  g_clear_pointer (&self->pending, g_array_unref);
  read_quotes_later (self);
  run_query (self);
}

static void
start_build (TriSearchBar *self)
{
  if (self->search == NULL)
    return;
  if (self->building != NULL)
    {
      self->rebuild = TRUE;
      return;
    }
  g_clear_pointer (&self->build_error, g_free);
  self->building = g_cancellable_new ();
  tri_search_build_async (self->search, self->building, on_built, g_object_ref (self));
}

static gboolean
build_later (gpointer data)
{
  TriSearchBar *self = data;

  self->build_source = 0;
  start_build (self);
  return G_SOURCE_REMOVE;
}

static void
stop_waiting (TriSearchBar *self)
{
  if (self->frame_widget != NULL)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (self->frame_widget);

      if (clock != NULL && self->frame_id != 0)
        g_signal_handler_disconnect (clock, self->frame_id);
      self->frame_id = 0;
      self->frame_widget = NULL;
    }
  if (self->window != NULL)
    g_clear_signal_handler (&self->map_id, self->window);
  g_clear_handle_id (&self->build_source, g_source_remove);
}

/* The frame after the briefing was opened is painted: build, at low
 * priority after what the window does next */
static void
on_after_paint (GdkFrameClock *clock,
                TriSearchBar  *self)
{
  stop_waiting (self);
  self->build_source = g_idle_add_full (G_PRIORITY_LOW, build_later, self, NULL);
}

static void
wait_for_frame (TriSearchBar *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->window));

  stop_waiting (self);
  if (clock == NULL)
    return;
  self->frame_widget = GTK_WIDGET (self->window);
  self->frame_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
  gtk_widget_queue_draw (GTK_WIDGET (self->window));
}

static void
on_window_map (GtkWidget    *window,
               TriSearchBar *self)
{
  wait_for_frame (self);
}

static void
schedule_build (TriSearchBar *self)
{
  stop_waiting (self);
  if (self->search == NULL)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->window)))
    wait_for_frame (self);
  else
    self->map_id = g_signal_connect_after (self->window, "map", G_CALLBACK (on_window_map), self);
}

/* --- an editable briefing's edits ----------------------------------------- */

static void
on_document_changed (TriDocument  *document,
                     guint         changes,
                     TriSearchBar *self)
{
  guint n = 0;
  const gint64 *events = tri_document_get_changed_events (document, &n);
  g_autoptr(GError) error = NULL;

  if (self->search == NULL)
    return;
  if (changes & (TRI_DOCUMENT_CHANGE_QUOTES | TRI_DOCUMENT_CHANGE_SOURCES))
    read_quotes_later (self);

  /* sources, actors and the quotes of no event are not an event's: the
   * whole index again (the present one answers meanwhile) */
  if ((changes & (TRI_DOCUMENT_CHANGE_SOURCES | TRI_DOCUMENT_CHANGE_ACTORS)) ||
      ((changes & TRI_DOCUMENT_CHANGE_QUOTES) && n == 0))
    {
      start_build (self);
      return;
    }
  if (!(changes & (TRI_DOCUMENT_CHANGE_EVENTS | TRI_DOCUMENT_CHANGE_QUOTES)) || n == 0)
    return;

  if (self->building != NULL || !tri_search_is_built (self->search))
    {
      /* the build may have read the file before: again when it is done */
      if (self->pending == NULL)
        self->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_vals (self->pending, events, n);
      return;
    }
  if (!tri_search_update_events (self->search, events, n, &error))
    {
      g_warning ("%s", error->message);
      start_build (self);
      return;
    }
  run_query (self);
}

/* --- the briefing ------------------------------------------------------------ */

static void
clear_results (TriSearchBar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->results, 0);
  gtk_widget_set_visible (self->scroller, FALSE);
}

static void
drop_briefing (TriSearchBar *self)
{
  stop_waiting (self);
  if (self->building != NULL)
    g_cancellable_cancel (self->building);
  g_clear_object (&self->building);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->build_error, g_free);
  self->rebuild = FALSE;
  if (self->document != NULL)
    g_clear_signal_handler (&self->document_changed_id, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->search);
  g_clear_object (&self->store);
  drop_quotes (self);
}

static void
on_store (GObject      *window,
          GParamSpec   *pspec,
          TriSearchBar *self)
{
  TriStore *store = tri_window_get_store (self->window);
  TriDocument *document = tri_window_get_document (self->window);

  drop_briefing (self);
  clear_results (self);
  set_status (self, NULL);
  if (store == NULL || tri_store_get_path (store) == NULL)
    return;

  self->store = g_object_ref (store);
  self->search = tri_search_new (tri_store_get_path (store));
  if (document != NULL)
    {
      self->document = g_object_ref (document);
      tri_search_set_updatable (self->search, TRUE);
      /* after the window's own handler: the store has read the edit */
      self->document_changed_id = g_signal_connect_after (document, "changed",
                                                          G_CALLBACK (on_document_changed), self);
    }
  schedule_build (self);
  run_query (self);
}

static void
on_session_notify (TriSession   *session,
                   GParamSpec   *pspec,
                   TriSearchBar *self)
{
  /* the dates and the preferred language are the data language's */
  if (g_str_equal (g_param_spec_get_name (pspec), "data-language"))
    run_query (self);
}

/* The window goes (a build or a read under way may keep the bar a while) */
static void
on_window_destroy (GtkWidget    *window,
                   TriSearchBar *self)
{
  drop_briefing (self);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
}

/**
 * tri_search_bar_attach:
 * @window: the TriWindow the bar is in
 *
 * Searches the briefing @window shows (each one it opens) and chooses in
 * its session.
 */
void
tri_search_bar_attach (TriSearchBar *self,
                       GtkWidget    *window)
{
  g_return_if_fail (TRI_IS_SEARCH_BAR (self));
  g_return_if_fail (TRI_IS_WINDOW (window));

  self->window = TRI_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_window_destroy), self, 0);
  g_signal_connect_object (window, "notify::store", G_CALLBACK (on_store), self, 0);
  g_signal_connect_object (tri_window_get_session (self->window), "notify", G_CALLBACK (on_session_notify), self, 0);
  on_store (G_OBJECT (window), NULL, self);
}

gboolean
tri_search_bar_is_ready (TriSearchBar *self)
{
  g_return_val_if_fail (TRI_IS_SEARCH_BAR (self), FALSE);
  return self->search != NULL && self->building == NULL && tri_search_is_built (self->search);
}

/* --- the results ------------------------------------------------------------- */

static const char *
kind_heading (TriSearchKind kind)
{
  switch (kind)
    {
    case TRI_SEARCH_EVENT: return _("Events");
    case TRI_SEARCH_QUOTE: return _("Quotes");
    case TRI_SEARCH_SOURCE: return _("Sources");
    case TRI_SEARCH_ACTOR: return _("Actors");
    case TRI_SEARCH_N_KINDS:
    default: return "";
    }
}

/* One thing of the kind, as a screen reader starts a row */
static const char *
kind_name (TriSearchKind kind)
{
  switch (kind)
    {
    /* Translators: a search result's kind, read before its date and text */
    case TRI_SEARCH_EVENT: return C_("search result", "Event");
    case TRI_SEARCH_QUOTE: return C_("search result", "Quote");
    case TRI_SEARCH_SOURCE: return C_("search result", "Source");
    case TRI_SEARCH_ACTOR: return C_("search result", "Actor");
    case TRI_SEARCH_N_KINDS:
    default: return "";
    }
}

/* The date as the timeline writes it, in the data language */
static char *
result_date (const TriSearchResult *r,
             const char            *lang)
{
  TriDate date;
  g_autofree char *label = NULL;

  if (r->date == NULL || *r->date == '\0')
    return NULL;
  if (!tri_date_parse (r->date, &date, NULL))
    return g_strdup (r->date);
  label = tri_date_label (&date, lang);
  return tri_capitalize_first (label);
}

/* The words found: bold, on the theme's highlight colour */
static PangoAttrList *
mark_attributes (TriSearchBar          *self,
                 const TriSearchResult *r)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  GdkRGBA color = { 0.98, 0.82, 0.2, 1.0 };
  gsize len = r->context ? strlen (r->context) : 0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));

    if (!gtk_style_context_lookup_color (style, "accent_bg_color", &color))
      gtk_style_context_lookup_color (style, "theme_selected_bg_color", &color);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < r->n_marks; i++)
    {
      guint start = r->marks[2 * i], end = r->marks[2 * i + 1];
      PangoAttribute *a;

      if (start >= end || end > len)
        continue;
      a = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      a->start_index = start;
      a->end_index = end;
      pango_attr_list_insert (attrs, a);
      a = pango_attr_background_new ((guint16) (color.red * 65535), (guint16) (color.green * 65535),
                                     (guint16) (color.blue * 65535));
      a->start_index = start;
      a->end_index = end;
      pango_attr_list_insert (attrs, a);
      a = pango_attr_background_alpha_new ((guint16) (65535 * (tri_widget_is_dark (GTK_WIDGET (self)) ? 0.6 : 0.3)));
      a->start_index = start;
      a->end_index = end;
      pango_attr_list_insert (attrs, a);
    }
  return attrs;
}

static GtkWidget *
make_row (TriSearchBar          *self,
          const TriSearchResult *r,
          const char            *lang)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *context = gtk_label_new (r->context);
  g_autofree char *date = result_date (r, lang);
  g_autofree char *source = NULL;
  g_autofree char *line = NULL;
  g_autofree char *accessible = NULL;
  PangoAttrList *attrs;

  if (r->kind == TRI_SEARCH_QUOTE)
    {
      const QuoteInfo *q = find_quote (self, r->id);
      const char *title = q && q->source ? g_hash_table_lookup (self->source_titles, q->source) : NULL;

      source = g_strdup (title ? title : q ? q->source : NULL);
    }

  if (date != NULL && source != NULL)
    /* Translators: a quote's date and its source, above its text in the search results */
    line = g_strdup_printf (_("%s · %s"), date, source);
  else
    line = g_strdup (date ? date : source ? source : "");
  gtk_label_set_text (GTK_LABEL (meta), line);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_set_visible (meta, *line != '\0');

  gtk_label_set_xalign (GTK_LABEL (context), 0);
  gtk_label_set_wrap (GTK_LABEL (context), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (context), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (context), 2);
  gtk_label_set_ellipsize (GTK_LABEL (context), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (context), 60);
  attrs = mark_attributes (self, r);
  gtk_label_set_attributes (GTK_LABEL (context), attrs);
  pango_attr_list_unref (attrs);

  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), context);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* the whole row, as one sentence: kind, date (and source), context */
  if (*line != '\0')
    /* Translators: a search result read aloud: its kind, its date (and source), its text */
    accessible = g_strdup_printf (_("%s, %s: %s"), kind_name (r->kind), line, r->context ? r->context : "");
  else
    /* Translators: a search result without a date read aloud: its kind, its text */
    accessible = g_strdup_printf (_("%s: %s"), kind_name (r->kind), r->context ? r->context : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       data)
{
  TriSearchBar *self = data;
  const TriSearchResult *r = tri_search_bar_get_row_result (self, row);
  const TriSearchResult *prev = before ? tri_search_bar_get_row_result (self, before) : NULL;
  GtkWidget *header;

  if (r == NULL || (prev != NULL && prev->kind == r->kind))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_list_box_row_get_header (row);
  if (header == NULL)
    {
      header = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_set_margin_top (header, before ? 10 : 6);
      gtk_widget_set_margin_bottom (header, 2);
      gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
      gtk_list_box_row_set_header (row, header);
    }
  gtk_label_set_text (GTK_LABEL (header), kind_heading (r->kind));
}

const TriSearchResult *
tri_search_bar_get_row_result (TriSearchBar  *self,
                               GtkListBoxRow *row)
{
  int i;

  g_return_val_if_fail (TRI_IS_SEARCH_BAR (self), NULL);

  i = row ? gtk_list_box_row_get_index (row) : -1;
  return i >= 0 && (guint) i < self->results->len ? self->results->pdata[i] : NULL;
}

static void
run_query (TriSearchBar *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *lang;

  if (self->window == NULL || !gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar)))
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if (self->search == NULL)
    {
      clear_results (self);
      set_status (self, NULL);
      return;
    }

  /* a read-only briefing another program wrote since: build again, the
   * present index answering meanwhile */
  if (self->document == NULL && self->building == NULL && self->build_source == 0 && self->frame_id == 0 &&
      self->map_id == 0 && tri_search_is_built (self->search) && !tri_search_is_current (self->search))
    start_build (self);

  if (!tri_search_is_built (self->search))
    {
      clear_results (self);
      /* it runs when the index is ready (on_built ()) */
      set_status (self, self->build_error ? self->build_error : _("Indexing the briefing…"));
      return;
    }
  if (*text == '\0')
    {
      clear_results (self);
      set_status (self, NULL);
      return;
    }

  lang = tri_session_get_data_language (tri_window_get_session (self->window));
  found = tri_search_query (self->search, text, lang, RESULTS_PER_KIND, &error);
  clear_results (self);
  if (found == NULL)
    {
      set_status (self, error->message);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    {
      g_ptr_array_add (self->results, found->pdata[i]);
      found->pdata[i] = NULL;
    }
  g_ptr_array_set_free_func (found, NULL);
  for (guint i = 0; i < self->results->len; i++)
    gtk_list_box_append (self->list, make_row (self, self->results->pdata[i], lang));
  gtk_widget_set_visible (self->scroller, self->results->len > 0);
  if (self->results->len == 0)
    {
      /* Translators: %s is what was typed in the search entry */
      g_autofree char *none = g_strdup_printf (_("No results for “%s”"), text);

      set_status (self, none);
    }
  else
    set_status (self, self->building ? _("Indexing the briefing…") : NULL);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   TriSearchBar   *self)
{
  run_query (self);
}

/* --- choosing ------------------------------------------------------------------ */

static void
choose_event (TriSearchBar *self,
              gint64        id)
{
  TriSession *session = tri_window_get_session (self->window);
  g_autoptr(TriEvent) ev = NULL;

  ev = tri_store_get_event (self->store, id, tri_session_get_data_language (session), NULL);
  /* a failed read: the window's bar says so */
  if (ev != NULL)
    tri_session_choose_event (session, id, &ev->date);
}

/* A source's quotes bear on events: the latest of them */
static void
choose_source (TriSearchBar *self,
               const char   *source)
{
  TriSession *session = tri_window_get_session (self->window);
  const char *lang = tri_session_get_data_language (session);
  GHashTableIter iter;
  gpointer value;
  gint64 best = 0, relation = 0;
  TriDate best_date = { 0 };

  need_quotes (self);
  if (self->quotes == NULL || source == NULL)
    return;
  g_hash_table_iter_init (&iter, self->quotes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const QuoteInfo *q = value;
      g_autoptr(TriEvent) ev = NULL;

      if (g_strcmp0 (q->source, source) != 0)
        continue;
      if (relation == 0)
        relation = q->relation;
      if (q->event == 0 || q->event == best ||
          (ev = tri_store_get_event (self->store, q->event, lang, NULL)) == NULL)
        continue;
      if (best == 0 || tri_date_compare (&ev->date, &best_date) > 0)
        {
          best = q->event;
          best_date = ev->date;
        }
    }
  if (best != 0)
    tri_session_choose_event (session, best, &best_date);
  else if (relation != 0)
    tri_session_choose_relation (session, relation);
}

static void
choose (TriSearchBar          *self,
        const TriSearchResult *r)
{
  TriSession *session;

  if (r == NULL || self->store == NULL)
    return;
  session = tri_window_get_session (self->window);
  switch (r->kind)
    {
    case TRI_SEARCH_EVENT:
      choose_event (self, r->id);
      break;
    case TRI_SEARCH_QUOTE:
      if (r->event != 0)
        choose_event (self, r->event);
      else
        {
          const QuoteInfo *q;

          need_quotes (self);
          q = find_quote (self, r->id);
          if (q != NULL && q->relation != 0)
            tri_session_choose_relation (session, q->relation);
        }
      break;
    case TRI_SEARCH_SOURCE:
      choose_source (self, r->key);
      break;
    case TRI_SEARCH_ACTOR:
      if (r->key != NULL)
        tri_session_choose_actor (session, r->key);
      break;
    case TRI_SEARCH_N_KINDS:
    default:
      break;
    }
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  TriSearchBar  *self)
{
  choose (self, tri_search_bar_get_row_result (self, row));
}

/* Enter in the entry: the row selected, else the first */
static void
on_entry_activate (GtkSearchEntry *entry,
                   TriSearchBar   *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list, 0);
  if (row != NULL)
    {
      gtk_list_box_select_row (self->list, row);
      choose (self, tri_search_bar_get_row_result (self, row));
    }
}

static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              TriSearchBar          *self)
{
  GtkListBoxRow *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  row = gtk_list_box_get_selected_row (self->list);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list, 0);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

/* In the list: Escape, or Up from the first row, goes back to the entry */
static gboolean
on_list_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             TriSearchBar          *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  gboolean first = focus != NULL && GTK_IS_LIST_BOX_ROW (focus) &&
                   gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus)) == 0;

  if (keyval == GDK_KEY_Escape || ((keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) && first))
    {
      gtk_widget_grab_focus (self->entry);
      return TRUE;
    }
  return FALSE;
}

/* --- opening and closing ------------------------------------------------------ */

void
tri_search_bar_open (TriSearchBar *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (TRI_IS_SEARCH_BAR (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    g_weak_ref_set (&self->focus_before, focus);
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  run_query (self);
}

void
tri_search_bar_close (TriSearchBar *self)
{
  g_return_if_fail (TRI_IS_SEARCH_BAR (self));
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
}

gboolean
tri_search_bar_is_open (TriSearchBar *self)
{
  g_return_val_if_fail (TRI_IS_SEARCH_BAR (self), FALSE);
  return gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar));
}

/* Closed (Escape, or the close button): the focus goes back where it was */
static void
on_search_mode (GObject      *bar,
                GParamSpec   *pspec,
                TriSearchBar *self)
{
  g_autoptr(GtkWidget) before = NULL;

  if (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)))
    return;
  gtk_widget_set_visible (self->scroller, FALSE);
  before = g_weak_ref_get (&self->focus_before);
  g_weak_ref_set (&self->focus_before, NULL);
  if (before != NULL && gtk_widget_get_mapped (before) && gtk_widget_grab_focus (before))
    return;
  if (self->window != NULL)
    gtk_widget_child_focus (GTK_WIDGET (tri_window_get_timeline_view (self->window)), GTK_DIR_TAB_FORWARD);
}

GtkWidget *
tri_search_bar_get_entry (TriSearchBar *self)
{
  g_return_val_if_fail (TRI_IS_SEARCH_BAR (self), NULL);
  return self->entry;
}

GtkListBox *
tri_search_bar_get_list (TriSearchBar *self)
{
  g_return_val_if_fail (TRI_IS_SEARCH_BAR (self), NULL);
  return self->list;
}

/* --- the widget ------------------------------------------------------------------- */

static void
tri_search_bar_dispose (GObject *object)
{
  TriSearchBar *self = TRI_SEARCH_BAR (object);

  drop_briefing (self);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
  g_clear_pointer (&self->outer, gtk_widget_unparent);
  G_OBJECT_CLASS (tri_search_bar_parent_class)->dispose (object);
}

static void
tri_search_bar_finalize (GObject *object)
{
  TriSearchBar *self = TRI_SEARCH_BAR (object);

  g_ptr_array_unref (self->results);
  g_weak_ref_clear (&self->focus_before);
  G_OBJECT_CLASS (tri_search_bar_parent_class)->finalize (object);
}

static void
tri_search_bar_class_init (TriSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tri_search_bar_dispose;
  object_class->finalize = tri_search_bar_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trisearchbar");
}

static void
tri_search_bar_init (TriSearchBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkEventController *keys;

  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_search_result_free);
  g_weak_ref_init (&self->focus_before, NULL);

  self->search_bar = gtk_search_bar_new ();
  self->outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->outer), self->search_bar);
  gtk_widget_set_parent (self->outer, GTK_WIDGET (self));

  self->entry = gtk_search_entry_new ();
  gtk_widget_set_size_request (self->entry, 400, -1);
  g_object_set (self->entry, "placeholder-text", _("Search events, quotes, sources and actors"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the briefing"), -1);
  gtk_box_append (GTK_BOX (box), self->entry);

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_BROWSE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_list_box_set_header_func (self->list, update_header, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "search-results");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search results"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), 300);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));
  /* a card over the view, as wide as the entry, not the bar's band */
  gtk_widget_add_css_class (self->scroller, "frame");
  gtk_widget_add_css_class (self->scroller, "view");
  gtk_widget_set_halign (self->scroller, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->scroller, FALSE);
  gtk_box_append (GTK_BOX (self->outer), self->scroller);
  {
    GtkSizeGroup *width = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

    gtk_size_group_add_widget (width, box);
    gtk_size_group_add_widget (width, self->scroller);
    g_object_unref (width);
  }

  gtk_search_bar_set_child (GTK_SEARCH_BAR (self->search_bar), box);
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar), GTK_EDITABLE (self->entry));

  g_signal_connect (self->entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->entry, "activate", G_CALLBACK (on_entry_activate), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (self->entry, keys);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode), self);
}
