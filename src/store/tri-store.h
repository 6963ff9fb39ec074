/* tri-store.h: a briefing database, opened read-only and checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tri-deck.h"
#include "tri-model.h"

G_BEGIN_DECLS

#define TRI_STORE_ERROR (tri_store_error_quark ())

/* The longest string or row the store reads, in bytes (SQLITE_LIMIT_LENGTH) */
#define TRI_STORE_MAX_LENGTH (4 * 1000 * 1000)

/* Each code has its own exit status on the command line (see README.md). */
typedef enum
{
  TRI_STORE_ERROR_FAILED = 1,
  TRI_STORE_ERROR_NOT_FOUND,
  TRI_STORE_ERROR_PERMISSION,
  TRI_STORE_ERROR_IS_DIRECTORY,
  TRI_STORE_ERROR_NOT_DATABASE,
  TRI_STORE_ERROR_DAMAGED,
  TRI_STORE_ERROR_FOREIGN,
  TRI_STORE_ERROR_TOO_NEW,
  TRI_STORE_ERROR_TOO_OLD,
  TRI_STORE_ERROR_INCOMPLETE,
  TRI_STORE_ERROR_NO_SUCH,      /* no such relation or event: a usage error */
  TRI_STORE_ERROR_READ,         /* a read failed: changed under us, damaged, beyond a limit */
  TRI_STORE_ERROR_NOT_EDITABLE, /* tri_store_open_live() on a file not created editable */
} TriStoreError;

/* What changed in a live store (tri_store_reload(), the "changed"
 * signal): the same bits as TriDocumentChange */
typedef enum
{
  TRI_STORE_CHANGE_ACTORS    = 1 << 0,
  TRI_STORE_CHANGE_RELATIONS = 1 << 1,
  TRI_STORE_CHANGE_SOURCES   = 1 << 2,
  TRI_STORE_CHANGE_EVENTS    = 1 << 3,
  TRI_STORE_CHANGE_LINKS     = 1 << 4,
  TRI_STORE_CHANGE_QUOTES    = 1 << 5,
  TRI_STORE_CHANGE_NOTES     = 1 << 6,
  TRI_STORE_CHANGE_TITLE     = 1 << 7,
  TRI_STORE_CHANGE_DECKS     = 1 << 8,
  TRI_STORE_CHANGE_MARKINGS  = 1 << 9,
} TriStoreChange;

/* One link between an event and a relation, without text */
typedef struct
{
  gint64    event_id;
  gint64    relation_id;
  guint32   earliest;
  guint32   latest;
  TriStance stance;
  int       weight;
  gboolean  confirmed;
} TriLinkRow;

/* Where an event goes on a timeline, without text */
typedef struct
{
  gint64      event_id;
  guint32     earliest;
  guint32     latest;
  TriCategory category;
  TriStance   stance;    /* the one its links weigh most (tri_stance_dominant ()) */
} TriEventPlace;

/* Raw rows for tri_store_read_rows(), columns as listed */
typedef enum
{
  TRI_STORE_ROWS_TITLES,             /* lang, title */
  TRI_STORE_ROWS_ACTORS,             /* code, color, rank */
  TRI_STORE_ROWS_ACTOR_NAMES,        /* actor, lang, name */
  TRI_STORE_ROWS_SOURCES,            /* id, kind, title, outlet, authors, language, date, file, reliability */
  TRI_STORE_ROWS_SOURCE_TEXTS,       /* source, lang, description */
  TRI_STORE_ROWS_EVENTS,             /* id, date, category, confidence, date_label */
  TRI_STORE_ROWS_EVENT_TEXTS,        /* event, lang, title, summary, claimed_by */
  TRI_STORE_ROWS_EVENT_LINKS,        /* event, relation id, stance, weight */
  TRI_STORE_ROWS_QUOTES,             /* id, source, char_offset, text, relation id, event, claim, credibility */
  TRI_STORE_ROWS_QUOTE_TRANSLATIONS, /* quote, lang, text */
  TRI_STORE_ROWS_NOTES,              /* event (NULL: the briefing's), text */
  TRI_STORE_ROWS_SLIDE_TEXTS,        /* slide, lang, title, judgement, notes, body */
  TRI_STORE_ROWS_QUOTE_REFS,         /* id, source, relation id, event: the quotes without their texts */
  TRI_STORE_N_ROWS
} TriStoreRows;

#define TRI_TYPE_STORE (tri_store_get_type ())

typedef struct _TriFilter TriFilter;   /* tri-filter.h */

G_DECLARE_FINAL_TYPE (TriStore, tri_store, TRI, STORE, GObject)

GQuark       tri_store_error_quark     (void);
int          tri_store_error_exit_code (const GError *error);

/**
 * TriStoreOpenFlags:
 * @TRI_STORE_OPEN_DEFAULT: every check before tri_store_open_full() returns
 * @TRI_STORE_OPEN_CHECK_LATER: the whole-file check runs in a thread
 */
typedef enum {
  TRI_STORE_OPEN_DEFAULT     = 0,
  TRI_STORE_OPEN_CHECK_LATER = 1 << 0,
} TriStoreOpenFlags;

TriStore    *tri_store_open            (const char  *path,
                                        GError     **error);
TriStore    *tri_store_open_full       (const char        *path,
                                        TriStoreOpenFlags  flags,
                                        GError           **error);
gboolean     tri_store_wait_checked    (TriStore    *self,
                                        GError     **error);
gboolean     tri_store_is_checking     (TriStore    *self);
gboolean     tri_store_is_damaged      (TriStore    *self);
TriStore    *tri_store_open_live       (const char  *path,
                                        GError     **error);
gboolean     tri_store_is_live         (TriStore    *self);
void         tri_store_reload          (TriStore    *self,
                                        guint        changes,
                                        const gint64 *events,
                                        guint        n_events);
gboolean     tri_store_migrate_copy    (const char  *path,
                                        const char  *dest,
                                        GError     **error);
gboolean     tri_store_editable_copy   (const char  *path,
                                        const char  *dest,
                                        const char  *created_by,
                                        GError     **error);
const char  *tri_store_get_path        (TriStore    *self);
const char  *tri_store_get_notice      (TriStore    *self);
const GError *tri_store_get_read_error (TriStore    *self);
guint        tri_store_get_read_failures (TriStore  *self);
char        *tri_store_dup_title       (TriStore    *self,
                                        const char  *lang);
GPtrArray   *tri_store_list_actors     (TriStore    *self,
                                        const char  *lang,
                                        GError     **error);
GPtrArray   *tri_store_list_relations  (TriStore    *self,
                                        GError     **error);
TriRelation *tri_store_get_relation    (TriStore    *self,
                                        gint64       id);
GPtrArray   *tri_store_list_actor_events (TriStore  *self,
                                        const char  *code,
                                        const char  *lang,
                                        guint        limit,
                                        guint       *total,
                                        GError     **error);
TriRelation *tri_store_find_relation   (TriStore    *self,
                                        const char  *code,
                                        GError     **error);
GPtrArray   *tri_store_list_events     (TriStore    *self,
                                        guint32      from,
                                        guint32      to,
                                        const char  *lang,
                                        GError     **error);
GPtrArray   *tri_store_list_events_brief (TriStore  *self,
                                        guint32      from,
                                        guint32      to,
                                        const char  *lang,
                                        GError     **error);
GPtrArray   *tri_store_list_events_untitled (TriStore *self,
                                        guint32      from,
                                        guint32      to,
                                        const char  *lang,
                                        GError     **error);
gboolean     tri_store_read_titles     (TriStore    *self,
                                        GPtrArray   *events,
                                        const char  *lang,
                                        GError     **error);
gboolean     tri_store_update_events   (TriStore    *self,
                                        GPtrArray   *events,
                                        guint32      from,
                                        guint32      to,
                                        const char  *lang,
                                        const gint64 *ids,
                                        guint        n_ids,
                                        GError     **error);
TriEvent    *tri_store_get_event       (TriStore    *self,
                                        gint64       id,
                                        const char  *lang,
                                        GError     **error);
typedef void (*TriLinkRowFunc) (const TriLinkRow *row,
                                gpointer          data);
gboolean     tri_store_foreach_link    (TriStore    *self,
                                        TriLinkRowFunc func,
                                        gpointer     data,
                                        GError     **error);
typedef void (*TriEventPlaceFunc) (const TriEventPlace *place,
                                   gpointer             data);
gboolean     tri_store_foreach_event_place (TriStore *self,
                                        TriEventPlaceFunc func,
                                        gpointer     data,
                                        GError     **error);
GArray      *tri_store_list_event_places (TriStore *self,
                                        const gint64 *ids,
                                        guint        n_ids,
                                        GError     **error);
GPtrArray   *tri_store_list_events_by_id_untitled (TriStore *self,
                                        const gint64 *ids,
                                        guint        n_ids,
                                        const char  *lang,
                                        GError     **error);
GArray      *tri_store_list_event_link_rows (TriStore *self,
                                        const gint64 *events,
                                        guint        n_events,
                                        GError     **error);
gboolean     tri_store_events_have_quotes (TriStore *self,
                                        gint64       relation_id,
                                        const gint64 *events,
                                        guint        n_events);
gboolean     tri_store_get_changed_events (TriStore *self,
                                        const gint64 **events,
                                        guint       *n_events);
gint64       tri_store_step_event      (TriStore    *self,
                                        gint64       from_id,
                                        int          direction);
guint32      tri_store_default_as_of   (TriStore    *self);
gboolean     tri_store_get_extent      (TriStore    *self,
                                        guint32     *earliest,
                                        guint32     *latest);
GPtrArray   *tri_store_list_quotes     (TriStore    *self,
                                        gint64       relation_id,
                                        gint64       event_id,
                                        const char  *lang,
                                        GError     **error);
void         tri_store_read_quote_keys  (TriStore   *self);
GPtrArray   *tri_store_list_quotes_page (TriStore   *self,
                                        gint64       relation_id,
                                        const char  *lang,
                                        guint        limit,
                                        guint       *total,
                                        GError     **error);
GPtrArray   *tri_store_list_quotes_in_period (TriStore *self,
                                        gint64       relation_id,
                                        guint32      from,
                                        guint32      to,
                                        const char  *lang,
                                        guint        limit,
                                        guint       *total,
                                        GError     **error);
GArray      *tri_store_list_quote_ids_in_period (TriStore *self,
                                        gint64       relation_id,
                                        guint32      from,
                                        guint32      to,
                                        guint        limit,
                                        guint       *total,
                                        GError     **error);
GPtrArray   *tri_store_read_quotes     (TriStore    *self,
                                        const gint64 *ids,
                                        guint        n_ids,
                                        const char  *lang,
                                        GError     **error);
GPtrArray   *tri_store_list_notes      (TriStore    *self,
                                        gint64       event_id,
                                        GError     **error);
GPtrArray   *tri_store_list_sources    (TriStore    *self,
                                        const char  *lang,
                                        GError     **error);
typedef void (*TriStoreRowFunc) (const char *const *cells,
                                 guint              n_columns,
                                 gpointer           data);
gboolean     tri_store_foreach_row     (TriStore    *self,
                                        TriStoreRows which,
                                        TriStoreRowFunc func,
                                        gpointer     data,
                                        GError     **error);
GPtrArray   *tri_store_read_rows       (TriStore    *self,
                                        TriStoreRows which,
                                        guint       *n_columns,
                                        GError     **error);
GPtrArray   *tri_store_get_decks       (TriStore    *self,
                                        const char  *lang,
                                        GError     **error);
TriDeck     *tri_store_get_deck        (TriStore    *self,
                                        const char  *name,
                                        const char  *lang,
                                        GError     **error);
gboolean     tri_store_get_markings    (TriStore    *self,
                                        TriMarkings *markings,
                                        GError     **error);

/* The filter every read of events, links and quotes honours
 * (tri_store_list_events (), _list_actor_events (), _step_event (),
 * _list_quotes* (), the running sums of tri-state-index.h): set once,
 * and the triangle, the timeline, the panel, the exports and the command
 * line show the same. Reads by id (tri_store_get_event ()), the raw rows,
 * the extent and the default "as of" do not. NULL or empty: everything. */
void         tri_store_set_filter      (TriStore    *self,
                                        const TriFilter *filter);
const TriFilter *tri_store_get_filter  (TriStore    *self);
guint        tri_store_get_filter_serial (TriStore  *self);
gboolean     tri_store_event_passes    (TriStore    *self,
                                        gint64       event_id);
gboolean     tri_store_quote_passes    (TriStore    *self,
                                        const TriQuote *quote);

G_END_DECLS
