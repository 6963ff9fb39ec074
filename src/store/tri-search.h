/* tri-search.h: find any word of a briefing, in any of its languages
 *
 * The index is private: an in-memory SQLite FTS5 database of our own,
 * built from the briefing's text (never an index found in the file). See
 * README, "Search", for what matches what and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TRI_SEARCH_EVENT,
  TRI_SEARCH_QUOTE,
  TRI_SEARCH_SOURCE,
  TRI_SEARCH_ACTOR,
  TRI_SEARCH_N_KINDS
} TriSearchKind;

/* One match: the thing found, and the text of it that matched */
typedef struct
{
  TriSearchKind kind;
  gint64        id;        /* the event's or the quote's id; 0 for sources and actors */
  char         *key;       /* the source's id or the actor's code; NULL for events and quotes */
  gint64        event;     /* the event a quote bears on (0: none); the event itself for events */
  guint32       day;       /* Julian Day Number of its earliest day; 0 when it has no date */
  char         *date;      /* the date as the briefing writes it, or NULL */
  char         *lang;      /* the language of the text that matched */
  char         *field;     /* "title", "summary", "claimed_by", "text", "outlet", "authors", "name" */
  char         *context;   /* a short context of the matched text ("…" where it is cut) */
  guint         n_marks;
  guint        *marks;     /* n_marks pairs: [start, end) byte offsets of the matched words in context */
  double        score;     /* higher is better; results are ordered by it within their kind */
} TriSearchResult;

void         tri_search_result_free   (TriSearchResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriSearchResult, tri_search_result_free)

#define TRI_TYPE_SEARCH (tri_search_get_type ())
G_DECLARE_FINAL_TYPE (TriSearch, tri_search, TRI, SEARCH, GObject)

TriSearch   *tri_search_new           (const char     *briefing_path);
const char  *tri_search_get_path      (TriSearch      *self);
void         tri_search_set_updatable (TriSearch      *self,
                                       gboolean        updatable);
/* Builds the index afresh with connections of its own: safe in a GTask
 * worker while the main thread queries the previous index */
gboolean     tri_search_build         (TriSearch      *self,
                                       GCancellable   *cancellable,
                                       GError        **error);
void         tri_search_build_async   (TriSearch          *self,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean     tri_search_build_finish  (TriSearch      *self,
                                       GAsyncResult   *result,
                                       GError        **error);
gboolean     tri_search_is_built      (TriSearch      *self);
/* FALSE when the file is another (identity) or has changed (size,
 * modification time) since the index was built: build again */
gboolean     tri_search_is_current    (TriSearch      *self);
/* An editable briefing's edit: re-read these events' texts and their
 * quotes (added, changed or removed) */
gboolean     tri_search_update_events (TriSearch      *self,
                                       const gint64   *events,
                                       guint           n_events,
                                       GError        **error);
/* The results, grouped by kind (events, quotes, sources, actors) and best
 * first within each, at most limit_per_kind of each kind (0: 50); lang
 * (may be NULL) is preferred where a thing matches in several languages.
 * Any text is a valid query: words are matched as words, never as FTS5
 * syntax. An array of TriSearchResult, empty when nothing matches. */
GPtrArray   *tri_search_query         (TriSearch      *self,
                                       const char     *query,
                                       const char     *lang,
                                       guint           limit_per_kind,
                                       GError        **error);

const char  *tri_search_kind_to_string (TriSearchKind kind);

/* What is compared: lower case, no diacritics (đ → d, ё → е), Hangul
 * kept whole. map (may be NULL) gets, for each byte of the result, the
 * byte offset in text of the character it comes from, and one more entry
 * (the length of text). */
char        *tri_search_fold          (const char     *text,
                                       GArray         *map);

G_END_DECLS
