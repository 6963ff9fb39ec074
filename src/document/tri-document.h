/* tri-document.h: an editable briefing, its one writer and its undo history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "store/tri-deck.h"
#include "store/tri-model.h"

G_BEGIN_DECLS

#define TRI_DOCUMENT_ERROR (tri_document_error_quark ())

typedef enum
{
  TRI_DOCUMENT_ERROR_FAILED = 1,
  TRI_DOCUMENT_ERROR_NOT_EDITABLE,   /* not created editable by Trilateral */
  TRI_DOCUMENT_ERROR_IN_USE,         /* another window or process edits it */
  TRI_DOCUMENT_ERROR_NO_SUCH,        /* no such event, source, actor, relation */
  TRI_DOCUMENT_ERROR_NOTHING,        /* nothing to undo or redo */
} TriDocumentError;

/* What a command (or its undo) changed: the "changed" signal's argument */
typedef enum
{
  TRI_DOCUMENT_CHANGE_ACTORS    = 1 << 0,
  TRI_DOCUMENT_CHANGE_RELATIONS = 1 << 1,
  TRI_DOCUMENT_CHANGE_SOURCES   = 1 << 2,
  TRI_DOCUMENT_CHANGE_EVENTS    = 1 << 3,
  TRI_DOCUMENT_CHANGE_LINKS     = 1 << 4,   /* an event's relations, stances, weights */
  TRI_DOCUMENT_CHANGE_QUOTES    = 1 << 5,
  TRI_DOCUMENT_CHANGE_NOTES     = 1 << 6,
  TRI_DOCUMENT_CHANGE_TITLE     = 1 << 7,
  TRI_DOCUMENT_CHANGE_DECKS     = 1 << 8,   /* decks, their slides and slide texts */
  TRI_DOCUMENT_CHANGE_MARKINGS  = 1 << 9,
} TriDocumentChange;

/* One language's texts of an event */
typedef struct
{
  const char *lang;
  const char *title;
  const char *summary;      /* may be NULL */
  const char *claimed_by;   /* may be NULL */
} TriEventText;

typedef struct
{
  const char *relation;     /* "RUS-PRK", either order */
  const char *stance;       /* cooperation, tension, neutral */
  int         weight;       /* 1..3 */
} TriEventLink;

typedef struct
{
  const char         *date;        /* as written: "2024-06-19", "June 2024", "early 2024" */
  const char         *category;
  const char         *confidence;
  const TriEventText *texts;
  guint               n_texts;
  const TriEventLink *links;
  guint               n_links;
  const gint64       *quotes;      /* quotes this event is backed by; may be NULL */
  guint               n_quotes;
} TriEventSpec;

typedef struct
{
  const char *id;
  const char *kind;
  const char *title;
  const char *outlet;       /* may be NULL */
  const char *authors;      /* may be NULL */
  const char *language;
  const char *date;         /* honest date of publication */
  const char *url;          /* may be NULL */
  const char *file;         /* may be NULL */
  char        reliability;  /* 'A'..'F', or 0: ungraded */
  const char *text;         /* the full text; may be NULL */
} TriSourceSpec;

typedef struct
{
  const char *source;
  gint64      offset;       /* characters into the source's stored text */
  gint64      length;       /* characters; the text is cut from the source */
  const char *text;         /* only when the source has no stored text: not verified */
  const char *relation;     /* "RUS-PRK" */
  gint64      event;        /* 0: backs the relation only */
  const char *claim;        /* NULL: not stated */
  int         credibility;  /* 1..6, or 0: ungraded */
  const char *translation_lang;
  const char *translation;  /* may be NULL */
} TriQuoteSpec;

#define TRI_TYPE_DOCUMENT (tri_document_get_type ())

G_DECLARE_FINAL_TYPE (TriDocument, tri_document, TRI, DOCUMENT, GObject)

GQuark        tri_document_error_quark   (void);

gboolean      tri_document_create_new    (const char          *path,
                                          GError             **error);
gboolean      tri_document_copy          (const char          *source,
                                          const char          *dest,
                                          GError             **error);

TriDocument  *tri_document_open          (const char          *path,
                                          GError             **error);
const char   *tri_document_get_path      (TriDocument         *self);

gint64        tri_document_add_event     (TriDocument         *self,
                                          const TriEventSpec  *spec,
                                          GError             **error);
gboolean      tri_document_edit_event    (TriDocument         *self,
                                          gint64               id,
                                          const TriEventSpec  *spec,
                                          GError             **error);
gboolean      tri_document_delete_event  (TriDocument         *self,
                                          gint64               id,
                                          GError             **error);
gboolean      tri_document_add_source    (TriDocument         *self,
                                          const TriSourceSpec *spec,
                                          GError             **error);
gint64        tri_document_add_quote     (TriDocument         *self,
                                          const TriQuoteSpec  *spec,
                                          GError             **error);
gboolean      tri_document_quote_verified (TriDocument        *self,
                                          gint64               quote);
gboolean      tri_document_grade_quote   (TriDocument         *self,
                                          gint64               id,
                                          const char          *claim,
                                          int                  credibility,
                                          GError             **error);
gboolean      tri_document_grade_source  (TriDocument         *self,
                                          const char          *id,
                                          char                 reliability,
                                          GError             **error);
gboolean      tri_document_delete_quote  (TriDocument         *self,
                                          gint64               id,
                                          GError             **error);
gboolean      tri_document_set_title     (TriDocument         *self,
                                          const char          *lang,
                                          const char          *title,
                                          GError             **error);
char         *tri_document_dup_source_text (TriDocument       *self,
                                          const char          *source);
gboolean      tri_document_add_actor     (TriDocument         *self,
                                          const char          *code,
                                          const char          *color,
                                          const char * const  *names,
                                          GError             **error);
gint64        tri_document_add_relation  (TriDocument         *self,
                                          const char          *code,
                                          GError             **error);

gint64        tri_document_add_deck      (TriDocument         *self,
                                          const char          *name,
                                          GError             **error);
gboolean      tri_document_rename_deck   (TriDocument         *self,
                                          gint64               deck,
                                          const char          *name,
                                          GError             **error);
gboolean      tri_document_delete_deck   (TriDocument         *self,
                                          gint64               deck,
                                          GError             **error);
gint64        tri_document_add_slide     (TriDocument         *self,
                                          gint64               deck,
                                          int                  position,
                                          const TriDeckSlide  *slide,
                                          const char          *text_lang,
                                          GError             **error);
gboolean      tri_document_edit_slide    (TriDocument         *self,
                                          gint64               slide,
                                          const TriDeckSlide  *values,
                                          const char          *text_lang,
                                          GError             **error);
gboolean      tri_document_move_slide    (TriDocument         *self,
                                          gint64               slide,
                                          int                  position,
                                          GError             **error);
gint64        tri_document_duplicate_slide (TriDocument       *self,
                                          gint64               slide,
                                          GError             **error);
gboolean      tri_document_delete_slide  (TriDocument         *self,
                                          gint64               slide,
                                          GError             **error);
gboolean      tri_document_set_markings  (TriDocument         *self,
                                          const TriMarkings   *markings,
                                          GError             **error);
TriDeckSlide *tri_document_get_slide     (TriDocument         *self,
                                          gint64               slide,
                                          const char          *text_lang,
                                          GError             **error);

void          tri_document_begin_group   (TriDocument         *self,
                                          const char          *name);
gboolean      tri_document_end_group     (TriDocument         *self,
                                          GError             **error);
void          tri_document_cancel_group  (TriDocument         *self);

gboolean      tri_document_can_undo      (TriDocument         *self);
gboolean      tri_document_can_redo      (TriDocument         *self);
const char   *tri_document_get_undo_name (TriDocument         *self);
const char   *tri_document_get_redo_name (TriDocument         *self);
gboolean      tri_document_undo          (TriDocument         *self,
                                          GError             **error);
gboolean      tri_document_redo          (TriDocument         *self,
                                          GError             **error);
const gint64 *tri_document_get_changed_events (TriDocument    *self,
                                          guint               *n);

G_END_DECLS
