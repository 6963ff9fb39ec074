/* tri-window.c: the briefing window
 *
 * One state drives everything: the session (TriSession: the "as of" date,
 * the window of months before it, the selection, the data language and
 * the timeline's range), which holds the rules that change it. The
 * triangle, the timeline, the evidence panel, presentation mode and the
 * exports each follow it.
 *
 * A briefing Trilateral created editable is edited: a TriDocument writes
 * it (every command one transaction, with undo), a live store reads it.
 * After each command, undo or redo the document says what changed, the
 * store drops exactly that (tri_store_reload ()) and says so, and each
 * view reads again only what it shows of it. Any other file is read-only
 * in the hardened store, and every editing action on it offers an
 * editable copy first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "document/tri-document.h"
#include "document/tri-document-private.h"
#include "document/tri-session.h"
#include "import/tri-import.h"
#include "tri-data-export.h"
#include "tri-import-job.h"
#include "render/tri-catalog.h"
#include "render/tri-labels.h"
#include "store/tri-state.h"
#include "tri-canvas-focus.h"
#include "tri-actor-editor.h"
#include "tri-deck-pane.h"
#include "tri-deck-presenter.h"
#include "tri-event-editor.h"
#include "tri-deck-export-dialog.h"
#include "tri-export-dialog.h"
#include "tri-filter-bar.h"
#include "tri-hotspot.h"
#include "tri-search-bar.h"
#include "tri-source-editor.h"
#include "tri-translations-report.h"
#include "tri-window.h"

static const char * const data_languages[] = { "en", "vi", "ru", "zh_CN", "ko" };

struct _TriWindow
{
  GtkApplicationWindow  parent_instance;

  TriStore             *store;
  TriDocument          *document;        /* NULL: the briefing is read-only */
  gulong                document_changed_id;
  GFileMonitor         *follow[2];       /* read-only on a file edited elsewhere: it and its -wal */
  guint                 follow_source;
  GSettings            *settings;
  GPtrArray            *actors;
  GPtrArray            *relations;
  TriStateIndex        *index;
  TriLaneIndex         *lanes;        /* every event's place, for the timeline's bins */
  guint                 index_source;
  guint                 quotes_source;   /* a side's quotes, after "as of" settles */
  guint                 panel_source;    /* an actor's events, after an edit */
  TriSession           *session;         /* as of, period, selection, language, range */
  guint                 driving;         /* > 0: the window changes the session itself */
  gboolean              presenting;
  TriSlideLayout       *slide;         /* as presentation mode last drew it */
  char                 *deck_name;     /* the deck open (tri_window_set_deck ()), NULL: none */
  gboolean              deck_chosen;   /* FALSE: the briefing's first deck is open */
  gint64                deck_slide;    /* the slide Shift+F5 starts from; 0: the first */
  TriDeckPresenter     *presenter;     /* presenting a deck */

  GtkWidget            *header_bar;
  GtkPaned             *paned;
  GtkPaned             *canvas_paned;
  gboolean              panes_placed;
  gint64                panel_asked_us;  /* TRILATERAL_FRAME_TIMING: when a side was chosen */
  int                   evidence_width; /* kept while the deck pane shows or hides; 0: none */
  int                   shown_evidence_width;  /* the panel's width, as last allocated */
  int                   last_width;     /* the window's, as last allocated */
  int                   filter_row;     /* the height the filter chips took from the triangle */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkDropDown          *window_dropdown;
  GMenu                *primary_menu;
  GMenu                *history_section;  /* Undo …, Redo … */
  GMenu                *present_section;  /* Deck Pane, Present Deck or Presentation Mode, … */
  GtkStack             *stack;
  GtkWidget            *slide_area;
  TriTriangleView      *triangle_view;
  TriTimelineView      *timeline_view;
  TriFilterBar         *filter_bar;      /* the session's filter, as chips above the timeline */
  TriEvidencePanel     *evidence_panel;
  TriDeckPane          *deck_pane;
  TriSearchBar         *search_bar;      /* Ctrl+F */

  GtkWidget            *read_bar;        /* a read failed after opening */
  GtkLabel             *read_label;
  gulong                read_failed_id;
  gulong                store_changed_id;
  TriImportJob         *import_job;      /* a check or an import under way */
  GtkNativeDialog      *import_save;     /* asking where the import goes */
  GtkWindow            *translations;    /* the missing translations, while open */
};

G_DEFINE_FINAL_TYPE (TriWindow, tri_window, GTK_TYPE_APPLICATION_WINDOW)

/* What the session holds, in short */
static inline const char *session_lang (TriWindow *self) { return tri_session_get_data_language (self->session); }
static inline guint32 session_as_of (TriWindow *self) { return tri_session_get_as_of (self->session); }
static inline guint session_months (TriWindow *self) { return tri_session_get_window_months (self->session); }
static inline gint64 selected_event (TriWindow *self) { return tri_session_get_selected_event (self->session); }
static inline gint64 selected_relation (TriWindow *self) { return tri_session_get_selected_relation (self->session); }
static inline const char *selected_actor (TriWindow *self) { return tri_session_get_selected_actor (self->session); }

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TriWindow *
tri_window_new (TriApplication *app,
                TriStore       *store)
{
  return g_object_new (TRI_TYPE_WINDOW,
                       "application", app,
                       "store", store,
                       NULL);
}

TriStore *
tri_window_get_store (TriWindow *self)
{
  g_return_val_if_fail (TRI_IS_WINDOW (self), NULL);
  return self->store;
}

/* Presentation mode follows every change of state */
static void
queue_slide (TriWindow *self)
{
  if (self->presenting)
    gtk_widget_queue_draw (self->slide_area);
}

static const char *
actor_name (TriWindow  *self,
            const char *code)
{
  for (guint i = 0; self->actors && i < self->actors->len; i++)
    {
      TriActor *a = g_ptr_array_index (self->actors, i);
      if (g_str_equal (a->code, code))
        return a->name;
    }
  return code;
}

static char *
relation_title (TriWindow         *self,
                const TriRelation *r)
{
  return g_strdup_printf ("%s – %s", actor_name (self, r->a), actor_name (self, r->b));
}

static void
update_subtitle (TriWindow *self)
{
  g_autofree char *window = tri_window_describe (session_months (self), session_as_of (self), session_lang (self));
  const TriFilter *filter = tri_session_get_filter (self->session);
  g_autofree char *filtered = NULL;
  g_autofree char *text = NULL;

  if (tri_filter_is_empty (filter) || self->store == NULL)
    /* Translators: the header's subtitle, e.g. "As of: the 12 months to 1 July 2024" */
    text = g_strdup_printf (_("As of: %s"), window);
  else
    {
      /* what the views show, as every export says it */
      filtered = tri_filter_describe (filter, self->store, session_lang (self));
      /* Translators: the header's subtitle when filtered, e.g. "As of: the
       * 12 months to 1 Jul 2024 · confirmed military events only" */
      text = g_strdup_printf (_("As of: %1$s · %2$s"), window, filtered);
    }
  gtk_label_set_text (self->subtitle_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), filtered != NULL ? text : NULL);
}

static void
update_relation_description (TriWindow *self)
{
  TriTriangleLayout *layout;
  int index;
  g_autofree char *description = NULL;

  if (selected_relation (self) == 0)
    return;
  layout = tri_triangle_view_get_layout (self->triangle_view);
  if (layout == NULL)
    return;
  index = tri_triangle_layout_find_edge (layout, selected_relation (self));
  description = tri_triangle_view_describe_edge (self->triangle_view, index);
  tri_evidence_panel_set_subtitle (self->evidence_panel, description);
}

/* A selected side's quotes are those of the period its edge counts: they
 * follow "as of" and the window (the panel skips an identical rebuild). */
static void
show_relation_quotes (TriWindow *self)
{
  TriRelation *r;
  g_autofree char *title = NULL;

  if (selected_relation (self) == 0 || self->store == NULL)
    return;
  r = tri_store_get_relation (self->store, selected_relation (self));
  if (r == NULL)
    return;
  title = relation_title (self, r);
  tri_evidence_panel_show_session_relation (self->evidence_panel, self->store, r, title, self->session);
}

static gboolean
show_relation_quotes_later (gpointer data)
{
  TriWindow *self = data;

  self->quotes_source = 0;
  show_relation_quotes (self);
  return G_SOURCE_REMOVE;
}

/* The triangle follows "as of" live: its state comes from the index, in
 * O(log N), with no events read; until the index is built (after the first
 * frame), from the window's own events. */
static void
update_as_of (TriWindow *self)
{
  if (self->store == NULL)
    return;

  if (self->index != NULL)
    tri_triangle_view_set_index (self->triangle_view, self->index, session_as_of (self), session_months (self));
  else
    {
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) error = NULL;
      guint32 from, to;

      double t0 = 0, t1 = 0;

      tri_window_bounds (session_as_of (self), tri_window_days_for_months (session_months (self)), &from, &to);
      /* with the timeline's days: one read for both views (the timeline is
       * given it, below), the triangle counts its window */
      tri_timeline_view_get_range (self->timeline_view, &t0, &t1);
      if (t1 > t0 && t0 < G_MAXUINT32 - 1)
        {
          from = MIN (from, (guint32) MAX (1, floor (t0)));
          to = MAX (to, (guint32) MIN (ceil (t1), G_MAXUINT32 - 1));
        }
      events = tri_store_list_events_untitled (self->store, from, to, session_lang (self), &error);
      /* a failed read keeps the triangle as it was (the bar says why) */
      if (events != NULL)
        {
          tri_triangle_view_set_events (self->triangle_view, events, session_as_of (self), session_months (self));
          /* the timeline's days read: it need not read them again (nor
           * could the store answer it from what it kept, past what it keeps) */
          tri_timeline_view_offer_events (self->timeline_view, events, from, to);
        }
    }
  tri_timeline_view_set_as_of (self->timeline_view, session_as_of (self));
  update_subtitle (self);
  /* while the cursor is dragged, the quotes follow once it rests */
  g_clear_handle_id (&self->quotes_source, g_source_remove);
  if (selected_relation (self) != 0)
    self->quotes_source = g_timeout_add (120, show_relation_quotes_later, self);
  update_relation_description (self);
  queue_slide (self);
}

void
tri_window_set_as_of (TriWindow *self,
                      guint32    as_of)
{
  g_return_if_fail (TRI_IS_WINDOW (self));

  if (as_of == session_as_of (self))
    return;
  self->driving++;
  tri_session_set_as_of (self->session, as_of);
  self->driving--;
  update_as_of (self);
}

guint32
tri_window_get_as_of (TriWindow *self)
{
  return session_as_of (self);
}

gint64
tri_window_get_selected_event (TriWindow *self)
{
  return selected_event (self);
}

gint64
tri_window_get_selected_relation (TriWindow *self)
{
  return selected_relation (self);
}

gboolean
tri_window_get_presenting (TriWindow *self)
{
  return self->presenting;
}

TriTriangleView *
tri_window_get_triangle_view (TriWindow *self)
{
  return self->triangle_view;
}

TriTimelineView *
tri_window_get_timeline_view (TriWindow *self)
{
  return self->timeline_view;
}

TriEvidencePanel *
tri_window_get_evidence_panel (TriWindow *self)
{
  return self->evidence_panel;
}

/**
 * tri_window_get_slide:
 *
 * Returns: (transfer none) (nullable): the slide presentation mode shows,
 *   as last drawn (every text with its box), or %NULL when not presenting
 */
const TriSlideLayout *
tri_window_get_slide (TriWindow *self)
{
  return self->presenting ? self->slide : NULL;
}


gboolean
tri_window_is_dark (TriWindow *self)
{
  return tri_widget_is_dark (GTK_WIDGET (self->triangle_view));
}

/**
 * tri_window_get_view_size:
 *
 * The size @view has on screen now (the slide: the whole window).
 */
void
tri_window_get_view_size (TriWindow     *self,
                          TriExportView  view,
                          int           *width,
                          int           *height)
{
  GtkWidget *widget = view == TRI_EXPORT_VIEW_TRIANGLE ? GTK_WIDGET (self->triangle_view)
                    : view == TRI_EXPORT_VIEW_TIMELINE ? GTK_WIDGET (self->timeline_view)
                    : GTK_WIDGET (self);

  *width = MAX (gtk_widget_get_width (widget), 16);
  *height = MAX (gtk_widget_get_height (widget), 16);
}

/**
 * tri_window_export:
 * @request: the dialog's choices (view, size, scale, theme); the rest is
 *   filled in from what the window shows
 *
 * Exports what is on screen: the same date, window, selection, language,
 * other actors and timeline range, through the command line's code.
 */
static void
fill_request (TriWindow        *self,
              TriExportRequest *request)
{
  GVariant *others = g_action_group_get_action_state (G_ACTION_GROUP (self), "show-others");

  g_free (request->lang);
  request->lang = g_strdup (session_lang (self));
  request->as_of = session_as_of (self);
  request->window_months = session_months (self);
  request->relation_id = selected_relation (self);
  request->event_id = selected_event (self);
  request->show_others = others && g_variant_get_boolean (others);
  tri_session_get_timeline_range (self->session, &request->t0, &request->t1);
  g_clear_pointer (&request->filter, tri_filter_free);
  request->filter = tri_filter_copy (tri_session_get_filter (self->session));
  g_clear_pointer (&others, g_variant_unref);
}

gboolean
tri_window_export (TriWindow        *self,
                   TriExportRequest *request,
                   const char       *path,
                   GError          **error)
{
  fill_request (self, request);
  return tri_export_write (self->store, request, path, error);
}

/* Presentation mode: the briefing slide, through the export's own code,
 * at the size of the whole screen */
static void
draw_slide (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  TriWindow *self = data;
  g_autoptr(TriExportRequest) request = NULL;

  if (self->store == NULL || width < 16 || height < 16)
    return;
  request = tri_export_request_new ();
  fill_request (self, request);
  request->view = TRI_EXPORT_VIEW_SLIDE;
  request->width = width;
  request->height = height;
  request->dark = tri_window_is_dark (self);
  g_clear_pointer (&self->slide, tri_slide_layout_free);
  self->slide = tri_export_draw_slide (self->store, request, cr);
}

/* The file a native chooser was answered with, or NULL */
static char *
chooser_path (GtkNativeDialog *chooser,
              int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT ||
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    return NULL;
  return g_file_get_path (file);
}

static void on_document_changed (TriDocument *document, guint changes, TriWindow *self);

/* What the selection allows: deleting or editing the event chosen */
static void
update_selection_actions (TriWindow *self)
{
  gboolean event = self->store != NULL && selected_event (self) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-event", event);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-event", event);
}

static void replace_store (TriWindow *self, TriStore *store);
static void on_store_changed (TriStore *store, guint changes, TriWindow *self);
static gboolean read_actors (TriWindow *self);
static void update_title (TriWindow *self);
static void update_edit_actions (TriWindow *self);
static void apply_data_language (TriWindow *self);

static void
stop_following (TriWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->follow); i++)
    if (self->follow[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (self->follow[i], self);
        g_file_monitor_cancel (self->follow[i]);
        g_clear_object (&self->follow[i]);
      }
  g_clear_handle_id (&self->follow_source, g_source_remove);
}

static gboolean
follow_later (gpointer data)
{
  TriWindow *self = data;

  self->follow_source = 0;
  if (self->store != NULL && self->document == NULL)
    tri_store_reload (self->store, G_MAXUINT, NULL, 0);
  return G_SOURCE_REMOVE;
}

static void
on_followed_file (GFileMonitor      *monitor,
                  GFile             *file,
                  GFile             *other,
                  GFileMonitorEvent  event,
                  gpointer           data)
{
  TriWindow *self = data;

  if (self->follow_source == 0)
    self->follow_source = g_timeout_add (100, follow_later, self);
}

/* A briefing another window or process edits, shown read-only here,
 * follows that editor's commits (its file and its -wal) */
static void
follow_file (TriWindow  *self,
             const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  const char *paths[] = { path, wal };

  stop_following (self);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      self->follow[i] = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
      if (self->follow[i] != NULL)
        g_signal_connect (self->follow[i], "changed", G_CALLBACK (on_followed_file), self);
    }
}

static void
drop_document (TriWindow *self)
{
  stop_following (self);
  /* it may read the document's connection */
  if (self->translations != NULL)
    gtk_window_destroy (self->translations);
  if (self->document != NULL)
    g_clear_signal_handler (&self->document_changed_id, self->document);
  g_clear_object (&self->document);
}

/* The briefing the window shows: @store to read it, and @document to edit
 * it (NULL: read-only, as every file Trilateral did not create editable) */
static void
set_briefing (TriWindow   *self,
              TriStore    *store,
              TriDocument *document)
{
  drop_document (self);
  if (document != NULL)
    {
      self->document = g_object_ref (document);
      self->document_changed_id = g_signal_connect (document, "changed",
                                                    G_CALLBACK (on_document_changed), self);
    }
  replace_store (self, store);
  update_edit_actions (self);
}

/**
 * tri_window_get_session:
 *
 * Returns: (transfer none): what the window shows: "as of", the period,
 *   the selection, the data language and the timeline's range
 */
TriSession *
tri_window_get_session (TriWindow *self)
{
  g_return_val_if_fail (TRI_IS_WINDOW (self), NULL);
  return self->session;
}

/**
 * tri_window_get_document:
 *
 * Returns: (transfer none) (nullable): the document editing the briefing
 *   shown, or %NULL when it is read-only
 */
TriDocument *
tri_window_get_document (TriWindow *self)
{
  g_return_val_if_fail (TRI_IS_WINDOW (self), NULL);
  return self->document;
}

/**
 * tri_window_open_read_only:
 *
 * Opens @path in the hardened store, never modified, as every briefing
 * was opened before editing existed.
 */
gboolean
tri_window_open_read_only (TriWindow   *self,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(TriStore) store = NULL;

  /* a briefing Trilateral created editable, being edited elsewhere: read
   * as it is edited, and followed; any other file in the hardened store */
  if ((store = tri_store_open_live (path, NULL)) != NULL)
    {
      set_briefing (self, store, NULL);
      follow_file (self, path);
      return TRUE;
    }
  if ((store = tri_store_open (path, error)) == NULL)
    return FALSE;
  set_briefing (self, store, NULL);
  return TRUE;
}

/* A briefing Trilateral created editable is opened to edit, with a store
 * that reads it as it is edited; any other file read-only. A file being
 * edited elsewhere is refused with TRI_DOCUMENT_ERROR_IN_USE. */
static gboolean
open_editable (TriWindow   *self,
               const char  *path,
               TriStore    *read_only,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TriDocument) document = tri_document_open (path, &local_error);
  g_autoptr(TriStore) store = NULL;

  if (document == NULL)
    {
      if (g_error_matches (local_error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_IN_USE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* not editable, or not here (a read-only folder): read-only, as before */
      if (read_only != NULL)
        {
          set_briefing (self, read_only, NULL);
          return TRUE;
        }
      return tri_window_open_read_only (self, path, error);
    }

  store = tri_store_open_live (path, error);
  if (store == NULL)
    return FALSE;
  set_briefing (self, store, document);
  return TRUE;
}

/**
 * tri_window_open_file:
 *
 * Opens another briefing in the window: to edit it when Trilateral created
 * it editable, otherwise read-only. On failure the window keeps the
 * briefing it had and @error says why, naming the file; a file another
 * window or program edits is refused with %TRI_DOCUMENT_ERROR_IN_USE (it
 * can be opened with tri_window_open_read_only()). A file not created
 * editable is only ever read.
 */
gboolean
tri_window_open_file (TriWindow   *self,
                      const char  *path,
                      GError     **error)
{
  g_return_val_if_fail (TRI_IS_WINDOW (self), FALSE);
  return open_editable (self, path, NULL, error);
}

static void
on_in_use_response (GtkDialog *dialog,
                    int        response,
                    TriWindow *self)
{
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (dialog), "path"));
  TriStore *store = g_object_get_data (G_OBJECT (dialog), "store");
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      if (store != NULL)
        set_briefing (self, store, NULL);
      else if (!tri_window_open_read_only (self, path, &error))
        tri_window_show_error (self, _("The briefing could not be opened"), error->message);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* a window that never showed a briefing has nothing to stay open for */
  if (response != GTK_RESPONSE_ACCEPT && self->store == NULL)
    gtk_window_close (GTK_WINDOW (self));
}

/* Another window or program edits @path: read-only, or nothing */
static void
ask_in_use (TriWindow  *self,
            const char *path,
            TriStore   *read_only)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                              _("The briefing is being edited in another window or program"));
  g_autofree char *base = g_filename_display_basename (path);
  /* Translators: %s is a file name */
  g_autofree char *text = g_strdup_printf (_("“%s” can be opened read-only here: it can be read and exported, and nothing in it can be changed."),
                                           base);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", text);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("Open _Read-Only"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  if (read_only != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "store", g_object_ref (read_only), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_in_use_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tri_window_open_store:
 * @store: a briefing opened read-only (the command line's)
 *
 * Shows @store, or, when its file was created editable, opens the file to
 * edit it; when another window or program edits it, asks whether to show
 * it read-only.
 */
void
tri_window_open_store (TriWindow *self,
                       TriStore  *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TRI_IS_WINDOW (self));
  g_return_if_fail (TRI_IS_STORE (store));

  if (open_editable (self, tri_store_get_path (store), store, &error))
    return;
  if (g_error_matches (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_IN_USE))
    ask_in_use (self, tri_store_get_path (store), store);
  else
    {
      /* editable, but its live reader failed: still readable as it was */
      set_briefing (self, store, NULL);
      tri_window_show_error (self, _("The briefing can only be read"), error->message);
    }
}

static void
on_migrate_chooser (GtkNativeDialog *chooser,
                    int              response,
                    TriWindow       *self)
{
  const char *old = g_object_get_data (G_OBJECT (chooser), "old-path");
  g_autofree char *dest = chooser_path (chooser, response);
  g_autoptr(GError) error = NULL;

  if (dest != NULL)
    {
      if (!tri_store_migrate_copy (old, dest, &error) || !tri_window_open_read_only (self, dest, &error))
        tri_window_show_error (self, _("The copy could not be migrated"), error->message);
    }
  g_object_unref (chooser);
}

static void
on_old_file_response (GtkDialog *dialog,
                      int        response,
                      TriWindow *self)
{
  g_autofree char *old = g_strdup (g_object_get_data (G_OBJECT (dialog), "old-path"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GtkFileChooserNative *chooser =
        gtk_file_chooser_native_new (_("Save the Migrated Copy"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
      g_autofree char *base = g_path_get_basename (old);
      g_autofree char *stem = g_strndup (base, strcspn (base, "."));
      /* Translators: the suggested name of a migrated copy; %s is the old file's name */
      g_autofree char *name = g_strdup_printf (_("%s (migrated).sqlite"), stem);

      g_object_set_data_full (G_OBJECT (chooser), "old-path", g_steal_pointer (&old), g_free);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
      g_signal_connect (chooser, "response", G_CALLBACK (on_migrate_chooser), self);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
}

/**
 * tri_window_show_error:
 *
 * A modal message for a failure; the window carries on as it was.
 */
void
tri_window_show_error (TriWindow  *self,
                       const char *primary,
                       const char *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tri_window_open_with_dialogs:
 *
 * Opens @path as the Open menu does: a briefing being edited elsewhere
 * asks whether to open it read-only, an older one offers a migrated copy,
 * and any other failure is said in a message.
 */
void
tri_window_open_with_dialogs (TriWindow  *self,
                              const char *path)
{
  g_autoptr(GError) error = NULL;

  if (tri_window_open_file (self, path, &error))
    return;

  if (g_error_matches (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_IN_USE))
    {
      ask_in_use (self, path, NULL);
      return;
    }

  if (g_error_matches (error, TRI_STORE_ERROR, TRI_STORE_ERROR_TOO_OLD))
    {
      GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                                  GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                  GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                                  _("This briefing was made by an older Trilateral"));

      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                                _("Trilateral can migrate a copy of it to the current format. The original file is never changed."));
      gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                              _("_Migrate a Copy…"), GTK_RESPONSE_ACCEPT, NULL);
      gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
      g_object_set_data_full (G_OBJECT (dialog), "old-path", g_strdup (path), g_free);
      g_signal_connect (dialog, "response", G_CALLBACK (on_old_file_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  tri_window_show_error (self, _("The briefing could not be opened"), error->message);
}

static void
on_open_chooser (GtkNativeDialog *chooser,
                 int              response,
                 TriWindow       *self)
{
  g_autofree char *path = chooser_path (chooser, response);

  if (path != NULL)
    tri_window_open_with_dialogs (self, path);
  g_object_unref (chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Open Briefing"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Open"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Trilateral briefings"));
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_chooser), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean ensure_editable (TriWindow *self);

/* What could not be imported, titled by the format */
static const char *
import_failed_title (TriImportFormat format)
{
  switch (format)
    {
    case TRI_IMPORT_TIMELINEJS: return _("The timeline could not be imported");
    case TRI_IMPORT_CSV: return _("The spreadsheet could not be imported");
    case TRI_IMPORT_GDELT: return _("The GDELT file could not be imported");
    case TRI_IMPORT_JSON:
    default: return _("The briefing could not be imported");
    }
}

static void
show_import_summary (TriWindow  *self,
                     const char *title,
                     const char *summary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_INFO, GTK_BUTTONS_CLOSE, "%s", title);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", summary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_finished (TriImportJob *job,
                    TriWindow    *self)
{
  const GError *error = tri_import_job_get_error (job);
  g_autoptr(TriImportJob) done = g_steal_pointer (&self->import_job);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the user's choice: nothing was written, nothing to say */
  if (error != NULL)
    tri_window_show_error (self, import_failed_title (tri_import_job_get_format (job)), error->message);
  else if (tri_import_job_get_into (job) != NULL)
    show_import_summary (self, _("Imported into this briefing"), tri_import_job_get_summary (job));
  else
    {
      tri_window_open_with_dialogs (self, tri_import_job_get_out_path (job));
      show_import_summary (self, tri_import_job_get_format (job) == TRI_IMPORT_TIMELINEJS ? _("Timeline imported")
                                                                                         : _("Imported"),
                           tri_import_job_get_summary (job));
    }
}

/**
 * tri_window_import_to:
 * @format: what @path is
 * @path: the file to import
 * @out_path: the new briefing
 *
 * Imports off the main loop, with progress and Cancel; the new briefing
 * opens when done, with the summary in a message.
 *
 * Returns: (transfer none) (nullable): the job, %NULL when one is running
 */
TriImportJob *
tri_window_import_to (TriWindow       *self,
                      TriImportFormat  format,
                      const char      *path,
                      const char      *out_path)
{
  if (self->import_job != NULL)
    return NULL;
  self->import_job = tri_import_job_start_format (GTK_WINDOW (self), format, path, out_path);
  g_signal_connect (self->import_job, "finished", G_CALLBACK (on_import_finished), self);
  return self->import_job;
}

TriImportJob *
tri_window_import_timelinejs_to (TriWindow  *self,
                                 const char *json_path,
                                 const char *out_path)
{
  return tri_window_import_to (self, TRI_IMPORT_TIMELINEJS, json_path, out_path);
}

/**
 * tri_window_import_into:
 * @format: what @path is
 * @path: the file to import
 *
 * Merges @path into the open briefing as one undoable group: imported off
 * the main loop with progress and Cancel (a cancel leaves the briefing as
 * it was), then merged; a message says what was added, matched and
 * skipped. A read-only briefing is not merged into: the window offers an
 * editable copy instead (Save a Copy to Edit…).
 *
 * Returns: (transfer none) (nullable): the job, %NULL when one is running
 *   or the briefing cannot be edited
 */
TriImportJob *
tri_window_import_into (TriWindow       *self,
                        TriImportFormat  format,
                        const char      *path)
{
  if (self->import_job != NULL || !ensure_editable (self))
    return NULL;
  self->import_job = tri_import_job_start_merge (GTK_WINDOW (self), format, path, self->document);
  g_signal_connect (self->import_job, "finished", G_CALLBACK (on_import_finished), self);
  return self->import_job;
}

static void
on_import_save (GtkNativeDialog *chooser,
                int              response,
                TriWindow       *self)
{
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (chooser), "json-path"));
  TriImportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  g_autofree char *out = chooser_path (chooser, response);

  g_clear_object (&self->import_save);
  if (out != NULL)
    tri_window_import_to (self, format, path, out);
}

static void
on_import_checked (TriImportJob *job,
                   TriWindow    *self)
{
  const GError *error = tri_import_job_get_error (job);
  const char *json_path = tri_import_job_get_json_path (job);
  TriImportFormat format = tri_import_job_get_format (job);
  g_autoptr(TriImportJob) done = g_steal_pointer (&self->import_job);
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *save;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      tri_window_show_error (self, import_failed_title (format), error->message);
      return;
    }

  base = g_path_get_basename (json_path);
  stem = g_strndup (base, strcspn (base, "."));
  name = g_strconcat (stem, ".sqlite", NULL);
  save = gtk_file_chooser_native_new (_("Save the Imported Briefing"), GTK_WINDOW (self),
                                      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (save), name);
  g_object_set_data_full (G_OBJECT (save), "json-path", g_strdup (json_path), g_free);
  g_object_set_data (G_OBJECT (save), "format", GINT_TO_POINTER (format));
  g_signal_connect (save, "response", G_CALLBACK (on_import_save), self);
  self->import_save = GTK_NATIVE_DIALOG (save);
  gtk_native_dialog_show (self->import_save);
}

/**
 * tri_window_import:
 * @format: what @path is
 * @path: the file chosen
 *
 * Checks @path off the main loop (with progress and Cancel) and, when it
 * can be imported, opens the dialog that asks where to save the new
 * briefing; a file that cannot be imported is refused in a message first.
 *
 * Returns: (transfer none) (nullable): the check, %NULL when one is running
 */
TriImportJob *
tri_window_import (TriWindow       *self,
                   TriImportFormat  format,
                   const char      *path)
{
  if (self->import_job != NULL)
    return NULL;
  self->import_job = tri_import_job_start_format (GTK_WINDOW (self), format, path, NULL);
  g_signal_connect (self->import_job, "finished", G_CALLBACK (on_import_checked), self);
  return self->import_job;
}

TriImportJob *
tri_window_import_timelinejs (TriWindow  *self,
                              const char *json_path)
{
  return tri_window_import (self, TRI_IMPORT_TIMELINEJS, json_path);
}

/**
 * tri_window_get_read_error_text:
 *
 * Returns: (nullable): what the bar says about a failed read, while shown
 */
const char *
tri_window_get_read_error_text (TriWindow *self)
{
  return gtk_widget_get_visible (self->read_bar) ? gtk_label_get_text (self->read_label) : NULL;
}

/**
 * tri_window_get_import_save_dialog:
 *
 * Returns: (transfer none) (nullable): the dialog asking where an import
 *   goes, while it is open
 */
GtkNativeDialog *
tri_window_get_import_save_dialog (TriWindow *self)
{
  return self->import_save;
}

static void
on_import_open (GtkNativeDialog *chooser,
                int              response,
                TriWindow       *self)
{
  g_autofree char *path = chooser_path (chooser, response);
  const char *format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
  const char *into = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "into");
  TriImportFormat f = TRI_IMPORT_TIMELINEJS;

  for (TriImportFormat i = TRI_IMPORT_TIMELINEJS; i <= TRI_IMPORT_GDELT; i++)
    if (g_strcmp0 (format, tri_import_format_to_string (i)) == 0)
      f = i;
  if (path != NULL && g_strcmp0 (into, "merge") == 0)
    tri_window_import_into (self, f, path);
  else if (path != NULL)
    tri_window_import (self, f, path);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (widget),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  const char *formats[] = { "timelinejs", "csv", "json", "gdelt", NULL };
  const char *format_labels[] = {
    _("TimelineJS timeline (JSON)"),
    /* Translators: a CSV file in the columns of the TimelineJS spreadsheet template */
    _("Spreadsheet in TimelineJS columns (CSV)"),
    _("Trilateral JSON"),
    /* Translators: GDELT 1.0 or 2.0 event export (tab-separated) */
    _("GDELT event file"),
    NULL
  };
  const char *intos[] = { "new", "merge", NULL };
  const char *into_labels[] = { _("A new briefing"), _("This briefing (merged, one step to undo)"), NULL };

  GtkFileFilter *filter = gtk_file_filter_new ();

  /* Translators: a file chooser's filter: JSON, CSV and GDELT's tab-separated files */
  gtk_file_filter_set_name (filter, _("Files Trilateral imports"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"), formats, format_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "timelinejs");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "into", _("Import into"), intos, into_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "into", self->document != NULL ? "merge" : "new");
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_open), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * tri_window_export_data:
 *
 * Export Data…: the dialog choosing a data format and a file, for the
 * briefing and the view shown (its language, date, window and relation)
 */
void
tri_window_export_data (TriWindow *self)
{
  TriDataRequest view = { 0 };
  g_autofree char *filter = NULL;

  g_return_if_fail (TRI_IS_WINDOW (self));
  if (self->store == NULL)
    return;
  filter = tri_filter_to_string (tri_session_get_filter (self->session));
  view.filter = filter;
  view.lang = tri_window_get_data_language (self);
  view.as_of = tri_window_get_as_of (self);
  view.window_months = session_months (self);
  view.relation_id = tri_window_get_selected_relation (self);
  view.deck_name = self->deck_name;
  tri_data_export_dialog_new (GTK_WINDOW (self), self->store, &view);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  tri_window_export_data (TRI_WINDOW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  tri_export_dialog_present (TRI_WINDOW (widget));
}

/* Export Deck…: the deck the deck pane shows, else the briefing's first */
static void
export_deck_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);

  tri_deck_export_dialog_present (self, self->deck_name);
}

static void
show_overview (TriWindow *self)
{
  tri_evidence_panel_show_overview (self->evidence_panel, _("Evidence"),
                                    _("Select a side of the triangle to see the quotes that support it, "
                                      "a country to see the events involving it, or an event on the "
                                      "timeline to see its details and sources."));
}

static void
select_relation (TriWindow *self,
                 gint64     relation_id)
{
  TriRelation *r = tri_store_get_relation (self->store, relation_id);

  if (r == NULL)
    return;

  self->driving++;
  tri_session_choose_relation (self->session, relation_id);
  self->driving--;

  tri_triangle_view_set_selection (self->triangle_view, relation_id, NULL);
  tri_timeline_view_set_selection (self->timeline_view, 0, &relation_id, 1);
  g_clear_handle_id (&self->quotes_source, g_source_remove);
  show_relation_quotes (self);
  update_relation_description (self);
  update_selection_actions (self);
  queue_slide (self);
}

/* The panel lists the events of the actor chosen (only those it shows
 * are read) */
static void
show_actor_events (TriWindow *self)
{
  const char *code = selected_actor (self);
  g_autoptr(GPtrArray) involved = NULL;
  guint total = 0;

  if (code == NULL)
    return;
  involved = tri_store_list_actor_events (self->store, code, session_lang (self), TRI_EVIDENCE_PANEL_MAX_ROWS,
                                          &total, NULL);
  if (involved != NULL)
    tri_evidence_panel_show_actor (self->evidence_panel, actor_name (self, code), involved, total, session_lang (self));
}

static gboolean
show_actor_events_later (gpointer data)
{
  TriWindow *self = data;

  self->panel_source = 0;
  show_actor_events (self);
  return G_SOURCE_REMOVE;
}

static void
select_actor (TriWindow  *self,
              const char *code)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->driving++;
  tri_session_choose_actor (self->session, code);
  self->driving--;

  for (guint i = 0; i < self->relations->len; i++)
    {
      TriRelation *r = g_ptr_array_index (self->relations, i);
      if (g_str_equal (r->a, code) || g_str_equal (r->b, code))
        g_array_append_val (ids, r->id);
    }

  tri_triangle_view_set_selection (self->triangle_view, 0, code);
  tri_timeline_view_set_selection (self->timeline_view, 0, (gint64 *) ids->data, ids->len);
  show_actor_events (self);
  update_selection_actions (self);
  queue_slide (self);
}

/* The panel shows @ev, with the names of its relations */
static void
show_event (TriWindow      *self,
            const TriEvent *ev)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ev->links->len; i++)
    {
      TriRelation *r = tri_store_get_relation (self->store, g_array_index (ev->links, TriLink, i).relation_id);
      g_ptr_array_add (names, r ? relation_title (self, r) : g_strdup ("?"));
    }
  tri_evidence_panel_show_event (self->evidence_panel, self->store, ev, names, session_lang (self));
}

static void
select_event (TriWindow *self,
              gint64     event_id)
{
  g_autoptr(TriEvent) ev = NULL;
  g_autoptr(GError) error = NULL;

  ev = tri_store_get_event (self->store, event_id, session_lang (self), &error);
  if (ev == NULL)
    return;   /* a failed read: the bar says so, the views keep what they had */

  self->driving++;
  tri_session_choose_event (self->session, event_id, &ev->date);
  self->driving--;

  /* "as of" moved to the event (the session's rule) */
  tri_triangle_view_set_selection (self->triangle_view, 0, NULL);
  tri_timeline_view_set_selection (self->timeline_view, event_id, NULL, 0);
  tri_timeline_view_reveal (self->timeline_view, ev->date.earliest, ev->date.latest);
  update_as_of (self);
  show_event (self, ev);
  update_selection_actions (self);
  queue_slide (self);
}

static void
on_edge_activated (TriTriangleView *view,
                   gint64           relation_id,
                   TriWindow       *self)
{
  /* the frame after this one shows the panel filled (on_panel_painted ()) */
  if (g_getenv ("TRILATERAL_FRAME_TIMING") != NULL)
    self->panel_asked_us = g_get_monotonic_time ();
  select_relation (self, relation_id);
}

static void
on_node_activated (TriTriangleView *view,
                   const char      *code,
                   TriWindow       *self)
{
  select_actor (self, code);
}

static void
on_event_activated (GtkWidget *source,
                    gint64     event_id,
                    TriWindow *self)
{
  select_event (self, event_id);
}

static void
on_as_of_changed (TriTimelineView *view,
                  guint            as_of,
                  TriWindow       *self)
{
  tri_window_set_as_of (self, as_of);
}

static void
on_range_changed (TriTimelineView *view,
                  TriWindow       *self)
{
  double t0, t1;

  tri_timeline_view_get_range (view, &t0, &t1);
  self->driving++;
  tri_session_set_timeline_range (self->session, t0, t1);
  self->driving--;
}

static void
on_window_selected (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    TriWindow   *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);
  guint n;
  const guint *choices = tri_session_get_window_choices (&n);

  if (i >= n)
    return;
  self->driving++;
  tri_session_set_window_months (self->session, choices[i]);
  self->driving--;
  update_as_of (self);
}

static gboolean
build_index (gpointer data)
{
  TriWindow *self = data;
  g_autoptr(GError) error = NULL;

  self->index_source = 0;
  self->index = tri_state_index_new (self->store, &error);
  /* a failed read: the store said it ("read-failed") and the bar shows it;
   * the triangle keeps what it was drawn from, the timeline counts its
   * bins from what it reads */
  if (self->index == NULL)
    {
      g_debug ("%s", error->message);
      return G_SOURCE_REMOVE;
    }
  update_as_of (self);
  self->lanes = tri_lane_index_new (self->store, &error);
  if (self->lanes == NULL)
    g_debug ("%s", error->message);
  else
    tri_timeline_view_set_lane_index (self->timeline_view, self->lanes);
  /* what the panel counts an edge's quotes by, for the first click */
  tri_store_read_quote_keys (self->store);
  return G_SOURCE_REMOVE;
}

static void
load_briefing (TriWindow *self)
{
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  self->driving++;
  tri_session_reset (self->session, self->store);
  self->driving--;

  if (self->store == NULL)
    return;
  tri_store_set_filter (self->store, tri_session_get_filter (self->session));

  update_title (self);

  /* the indexes read every link and every event: they are built after
   * the first frame */
  g_clear_pointer (&self->index, tri_state_index_unref);
  tri_timeline_view_set_lane_index (self->timeline_view, NULL);
  g_clear_pointer (&self->lanes, tri_lane_index_unref);
  g_clear_handle_id (&self->index_source, g_source_remove);
  g_clear_handle_id (&self->quotes_source, g_source_remove);
  g_clear_handle_id (&self->panel_source, g_source_remove);
  if (!read_actors (self))
    return;
  self->index_source = g_idle_add_full (G_PRIORITY_LOW, build_index, self, NULL);

  tri_triangle_view_set_data (self->triangle_view, self->actors, self->relations, session_lang (self));
  tri_triangle_view_set_selection (self->triangle_view, 0, NULL);
  tri_timeline_view_set_store (self->timeline_view, self->store, session_lang (self));
  tri_filter_bar_set_store (self->filter_bar, self->store);
  tri_timeline_view_set_selection (self->timeline_view, 0, NULL, 0);
  update_as_of (self);
  show_overview (self);
  update_selection_actions (self);
}

/* One event later (1) or earlier (-1) in date order; with @to_end, the
 * last (1) or the first (-1). */
static void
step_event (TriWindow *self,
            int        direction,
            gboolean   to_end)
{
  gint64 id;

  if (to_end)
    id = tri_store_step_event (self->store, 0, direction > 0 ? -1 : 1);
  else
    id = tri_store_step_event (self->store, selected_event (self), direction);
  if (id != 0)
    select_event (self, id);
}

/* The data language after the current one, in the menu's order */
static void
next_data_language (TriWindow *self)
{
  guint i = 0;

  while (i < G_N_ELEMENTS (data_languages) && g_strcmp0 (data_languages[i], session_lang (self)) != 0)
    i++;
  g_action_group_change_action_state (G_ACTION_GROUP (self), "data-language",
                                      g_variant_new_string (data_languages[(i + 1) % G_N_ELEMENTS (data_languages)]));
}

/* Presenting shows the composed briefing slide full screen, drawn by the
 * export's renderer: what the room sees is what Export writes. */
static void
set_presenting (TriWindow *self,
                gboolean   presenting)
{
  if (self->presenting == presenting)
    return;
  self->presenting = presenting;

  gtk_widget_set_visible (self->header_bar, !presenting);
  if (presenting)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_stack_set_visible_child (self->stack, self->slide_area);
      gtk_window_fullscreen (GTK_WINDOW (self));
      /* a presentation starts at the first event unless something is chosen */
      if (!tri_session_has_selection (self->session))
        step_event (self, -1, TRUE);
      gtk_widget_grab_focus (self->slide_area);
      queue_slide (self);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_stack_set_visible_child_name (self->stack, "briefing");
      gtk_window_unfullscreen (GTK_WINDOW (self));
      g_clear_pointer (&self->slide, tri_slide_layout_free);
      gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
    }
}

/* Whether the keyboard focus is on the timeline's mark of the event chosen */
static gboolean
focus_is_selected_event (TriWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  g_autofree char *key = NULL;

  if (selected_event (self) == 0 || focus == NULL || !TRI_IS_HOTSPOT (focus) ||
      gtk_widget_get_parent (focus) != GTK_WIDGET (self->timeline_view))
    return FALSE;
  key = g_strdup_printf ("event:%" G_GINT64_FORMAT, selected_event (self));
  return g_strcmp0 (tri_hotspot_get_key (TRI_HOTSPOT (focus)), key) == 0;
}

/* In presentation mode the clicker's keys step through the events; Enter
 * on the event chosen edits it. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TriWindow             *self)
{
  if (!self->presenting)
    {
      /* Enter on the event chosen edits it */
      if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
          (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0 &&
          focus_is_selected_event (self))
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-event", NULL);
          return TRUE;
        }
      return FALSE;
    }

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
    case GDK_KEY_Down:
      step_event (self, 1, FALSE);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_BackSpace:
    case GDK_KEY_Up:
      step_event (self, -1, FALSE);
      return TRUE;
    case GDK_KEY_Home:
      step_event (self, -1, TRUE);
      return TRUE;
    case GDK_KEY_End:
      step_event (self, 1, TRUE);
      return TRUE;
    case GDK_KEY_Escape:
      set_presenting (self, FALSE);
      return TRUE;
    case GDK_KEY_l:
    case GDK_KEY_L:
      if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
        return FALSE;
      next_data_language (self);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Presenting a deck: its slides full screen and the presenter console
 * (tri-deck-presenter.c). The deck open is the one the deck pane chose
 * (tri_window_set_deck ()), else the briefing's first; with none,
 * presenting steps through the events as before. */
static void
on_presenter_slide_changed (TriDeckPresenter *presenter,
                            guint             index,
                            TriWindow        *self)
{
  self->deck_slide = tri_deck_presenter_get_slide_id (presenter);
}

static void
on_presenter_ended (TriDeckPresenter *presenter,
                    guint             index,
                    TriWindow        *self)
{
  self->deck_slide = tri_deck_presenter_get_slide_id (presenter);
  g_signal_handlers_disconnect_by_data (presenter, self);
  g_clear_object (&self->presenter);
  /* back in the window on the slide the presentation ended on */
  if (self->deck_slide != 0)
    tri_deck_pane_select_slide (self->deck_pane, self->deck_slide, TRUE);
}

/* The deck pane chose a deck or a slide: what F5 and Shift+F5 present */
static void
on_deck_pane_changed (TriDeckPane *pane,
                      TriWindow   *self)
{
  const TriDeck *deck = tri_deck_pane_get_deck (pane);

  tri_window_set_deck (self, deck != NULL ? deck->name : NULL,
                       tri_deck_pane_get_selected_slide (pane));
}

static void
stop_deck (TriWindow *self)
{
  if (self->presenter != NULL)
    tri_deck_presenter_stop (self->presenter);   /* "ended" drops it */
  g_clear_object (&self->presenter);
}

/* FALSE when there is no deck to present */
static gboolean
present_deck (TriWindow *self,
              gboolean   from_current)
{
  g_autoptr(GError) error = NULL;
  guint start = 0;

  if (self->store == NULL || (self->deck_chosen && self->deck_name == NULL))
    return FALSE;
  self->presenter = tri_deck_presenter_new (GTK_WINDOW (self), self->store, self->deck_name,
                                            session_lang (self), tri_window_is_dark (self), &error);
  if (self->presenter == NULL)
    {
      /* a briefing with no deck presents its events */
      if (!self->deck_chosen)
        return FALSE;
      tri_window_show_error (self, _("The deck cannot be presented"), error->message);
      return TRUE;
    }
  if (from_current)
    start = MAX (tri_deck_presenter_find_slide (self->presenter, self->deck_slide), 0);
  g_signal_connect (self->presenter, "slide-changed", G_CALLBACK (on_presenter_slide_changed), self);
  g_signal_connect (self->presenter, "ended", G_CALLBACK (on_presenter_ended), self);
  tri_deck_presenter_start (self->presenter, start);
  return TRUE;
}

/* The menu's item @position in @section says @label: only a new label
 * changes the menu (the popover builds its items again) */
static void
set_menu_item (GMenu      *section,
               int         position,
               const char *label,
               const char *action,
               const char *accel)
{
  g_autofree char *shown = NULL;
  g_autoptr(GMenuItem) item = NULL;

  if (position < g_menu_model_get_n_items (G_MENU_MODEL (section)) &&
      g_menu_model_get_item_attribute (G_MENU_MODEL (section), position,
                                       G_MENU_ATTRIBUTE_LABEL, "s", &shown) &&
      g_strcmp0 (shown, label) == 0)
    return;
  item = g_menu_item_new (label, action);
  g_menu_item_set_attribute (item, "accel", "s", accel);
  if (position < g_menu_model_get_n_items (G_MENU_MODEL (section)))
    g_menu_remove (section, position);
  g_menu_insert_item (section, position, item);
}

/* F5 presents the deck open in the pane (the briefing's first until one
 * is chosen), or steps through the events when there is none: the menu
 * says which */
static void
update_present_item (TriWindow *self)
{
  gboolean deck = FALSE;

  if (self->deck_chosen)
    deck = self->deck_name != NULL;
  else if (self->store != NULL)
    {
      g_autoptr(GPtrArray) decks = tri_store_get_decks (self->store, session_lang (self), NULL);

      deck = decks != NULL && decks->len > 0;
    }
  set_menu_item (self->present_section, 1, deck ? _("_Present Deck") : _("_Presentation Mode"),
                 "win.present", "F5");
}

/**
 * tri_window_set_deck:
 * @name: (nullable): the deck open, as the deck pane shows it; %NULL: no
 *   deck (F5 steps through the events)
 * @slide: the slide chosen in it (Shift+F5 presents from it), or 0
 */
void
tri_window_set_deck (TriWindow  *self,
                     const char *name,
                     gint64      slide)
{
  g_return_if_fail (TRI_IS_WINDOW (self));

  self->deck_chosen = TRUE;
  if (name != self->deck_name)
    {
      g_free (self->deck_name);
      self->deck_name = g_strdup (name);
    }
  self->deck_slide = slide;
  update_present_item (self);
}

/* Returns: (transfer none) (nullable): the deck being presented */
TriDeckPresenter *
tri_window_get_deck_presenter (TriWindow *self)
{
  g_return_val_if_fail (TRI_IS_WINDOW (self), NULL);
  return self->presenter;
}

static void
present_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);

  if (self->presenter != NULL)
    stop_deck (self);
  else if (self->presenting || !present_deck (self, g_str_equal (name, "win.present-from-slide")))
    set_presenting (self, !self->presenting);
}

static void
next_language_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  next_data_language (TRI_WINDOW (widget));
}

static void
fit_timeline_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  tri_timeline_view_fit_all (TRI_WINDOW (widget)->timeline_view);
}

/* Filter…: the popover of the filter button (in the header) */
static void
filter_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);

  if (!self->presenting)
    tri_filter_bar_popup (self->filter_bar);
}

static void
apply_dark (TriWindow *self,
            gboolean   dark)
{
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-application-prefer-dark-theme", dark, NULL);
}

static void
on_toggle_changed (GSimpleAction *action,
                   GVariant      *value,
                   TriWindow     *self)
{
  const char *name = g_action_get_name (G_ACTION (action));
  gboolean on = g_variant_get_boolean (value);

  g_simple_action_set_state (action, value);
  if (g_str_equal (name, "dark"))
    apply_dark (self, on);
  else
    tri_triangle_view_set_show_others (self->triangle_view, on);
  queue_slide (self);
}

/* The panes start in proportion to the window (a fixed position would push
 * the panel off a small screen); after that they are the user's. */
static gboolean
place_panes (gpointer data)
{
  TriWindow *self = data;
  int pw = gtk_widget_get_width (GTK_WIDGET (self->paned));
  int ph = gtk_widget_get_height (GTK_WIDGET (self->canvas_paned));

  if (pw > 1 && ph > 1)
    {
      gtk_paned_set_position (self->paned, pw - CLAMP (pw * 0.32, 340, 520));
      gtk_paned_set_position (self->canvas_paned, MAX (ph * 0.58, ph - 360));
    }
  return G_SOURCE_REMOVE;
}

/* The deck pane shown or hidden takes its room from the picture, or gives
 * it back to it, never from the evidence panel beside it (a pane's
 * position counts from its start). */
static gboolean
keep_evidence_width (gpointer data)
{
  TriWindow *self = data;
  int pw = gtk_widget_get_width (GTK_WIDGET (self->paned));

  if (self->evidence_width > 0 && pw > self->evidence_width)
    gtk_paned_set_position (self->paned, pw - self->evidence_width);
  self->evidence_width = 0;
  return G_SOURCE_REMOVE;
}

static void
on_deck_pane_visible (GObject    *pane,
                      GParamSpec *pspec,
                      TriWindow  *self)
{
  int pw = gtk_widget_get_width (GTK_WIDGET (self->paned));

  if (self->panes_placed && pw > 1 && self->evidence_width == 0)
    self->evidence_width = pw - gtk_paned_get_position (self->paned);
}

/* The filter chips shown or hidden take their row from the triangle, or
 * give it back: the timeline keeps its height, and so its labels */
static void
on_filter_bar_visible (GObject    *bar,
                       GParamSpec *pspec,
                       TriWindow  *self)
{
  int ph = gtk_widget_get_height (GTK_WIDGET (self->canvas_paned));
  int row = 0;

  if (gtk_widget_get_visible (GTK_WIDGET (bar)))
    {
      if (!self->panes_placed || ph <= 1)
        return;
      gtk_widget_measure (GTK_WIDGET (bar), GTK_ORIENTATION_VERTICAL, -1, NULL, &row, NULL, NULL);
      self->filter_row = row;
      row = -row;
    }
  else
    {
      /* a hidden widget measures nothing: what it took is given back */
      row = self->filter_row;
      self->filter_row = 0;
    }
  if (row != 0)
    gtk_paned_set_position (self->canvas_paned, gtk_paned_get_position (self->canvas_paned) + row);
}

static void
tri_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  TriWindow *self = TRI_WINDOW (widget);

  GTK_WIDGET_CLASS (tri_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* not during this allocation: moving a pane asks for another */
  if (!self->panes_placed)
    {
      self->panes_placed = TRUE;
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, place_panes, g_object_ref (self), g_object_unref);
    }
  else
    {
      /* the window made wider or narrower (maximized, full screen): the
       * picture takes the difference, the evidence panel keeps the width
       * it had (GtkPaned would give the panel its share of it) */
      if (width != self->last_width && self->last_width > 0 && self->shown_evidence_width > 0 &&
          self->evidence_width == 0)
        self->evidence_width = self->shown_evidence_width;
      if (self->evidence_width > 0)
        g_idle_add_full (G_PRIORITY_HIGH_IDLE, keep_evidence_width, g_object_ref (self), g_object_unref);
      else if (gtk_widget_get_width (GTK_WIDGET (self->paned)) > 1)
        self->shown_evidence_width = gtk_widget_get_width (GTK_WIDGET (self->paned)) -
                                     gtk_paned_get_position (self->paned);
    }
  self->last_width = width;
}

/**
 * tri_window_set_data_language:
 * @lang: "en", "vi", "ru", "zh_CN" or "ko"
 *
 * Shows the data (names, titles, quotes' translations, dates and the words
 * drawn with them) in @lang, keeping the date and the selection: a
 * Vietnamese briefing from an English desktop, even while presenting.
 */
void
tri_window_set_data_language (TriWindow  *self,
                              const char *lang)
{
  lang = tri_lang_normalize (lang);
  if (g_strcmp0 (session_lang (self), lang) == 0)
    return;

  self->driving++;
  tri_session_set_data_language (self->session, lang);
  self->driving--;
  apply_data_language (self);
}

/* The session's data language is the one shown: the same date and
 * selection, every text read again in it */
static void
apply_data_language (TriWindow *self)
{
  const char *lang = session_lang (self);
  guint32 as_of = session_as_of (self);
  gint64 relation = selected_relation (self);
  gint64 event = selected_event (self);
  g_autofree char *actor = g_strdup (selected_actor (self));
  double t0, t1;

  g_action_group_change_action_state (G_ACTION_GROUP (self), "data-language", g_variant_new_string (lang));

  tri_timeline_view_get_range (self->timeline_view, &t0, &t1);
  load_briefing (self);
  tri_timeline_view_set_range (self->timeline_view, t0, t1);
  self->driving++;
  tri_session_set_as_of (self->session, as_of);
  self->driving--;
  update_as_of (self);
  if (event != 0)
    select_event (self, event);
  else if (relation != 0)
    select_relation (self, relation);
  else if (actor != NULL)
    select_actor (self, actor);
}

/* The selection the session holds, shown (someone else chose it) */
static void
apply_selection (TriWindow *self)
{
  if (selected_event (self) != 0)
    select_event (self, selected_event (self));
  else if (selected_relation (self) != 0)
    select_relation (self, selected_relation (self));
  else if (selected_actor (self) != NULL)
    {
      g_autofree char *actor = g_strdup (selected_actor (self));

      select_actor (self, actor);
    }
  else
    {
      tri_triangle_view_set_selection (self->triangle_view, 0, NULL);
      tri_timeline_view_set_selection (self->timeline_view, 0, NULL, 0);
      show_overview (self);
      update_selection_actions (self);
      queue_slide (self);
    }
}

/* The filter changed (the chips): the store reads through it, and the
 * triangle, the timeline, the panel and the slide show what passes */
static void
apply_filter (TriWindow *self)
{
  tri_store_set_filter (self->store, tri_session_get_filter (self->session));
  tri_timeline_view_reload (self->timeline_view);
  update_as_of (self);
  g_clear_handle_id (&self->quotes_source, g_source_remove);
  if (selected_relation (self) != 0)
    show_relation_quotes (self);
  else if (selected_event (self) != 0)
    {
      g_autoptr(TriEvent) ev = tri_store_get_event (self->store, selected_event (self), session_lang (self), NULL);

      if (ev != NULL)
        show_event (self, ev);
    }
  else if (selected_actor (self) != NULL)
    {
      g_autofree char *actor = g_strdup (selected_actor (self));

      select_actor (self, actor);
    }
}

/* The session changed from outside the window (the window's own changes
 * update the views where they are made): the views follow it. */
static void
on_session_notify (TriSession *session,
                   GParamSpec *pspec,
                   TriWindow  *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (self->driving > 0 || self->store == NULL)
    return;

  if (g_str_equal (name, "as-of"))
    update_as_of (self);
  else if (g_str_equal (name, "window-months"))
    /* the period's menu says it; choosing it there updates the views */
    gtk_drop_down_set_selected (self->window_dropdown,
                                tri_session_find_window_choice (session_months (self)));
  else if (g_str_equal (name, "data-language"))
    apply_data_language (self);
  else if (g_str_has_prefix (name, "selected-"))
    apply_selection (self);
  else if (g_str_equal (name, "filter"))
    apply_filter (self);
  else if (g_str_has_prefix (name, "timeline-"))
    {
      double t0, t1;

      tri_session_get_timeline_range (session, &t0, &t1);
      if (t1 > t0)
        tri_timeline_view_set_range (self->timeline_view, t0, t1);
    }
}

const char *
tri_window_get_data_language (TriWindow *self)
{
  return session_lang (self);
}

static void
on_data_language (GSimpleAction *action,
                  GVariant      *value,
                  TriWindow     *self)
{
  g_simple_action_set_state (action, value);
  tri_window_set_data_language (self, g_variant_get_string (value, NULL));
}

static gboolean
tri_window_close_request (GtkWindow *window)
{
  TriWindow *self = TRI_WINDOW (window);

  if (self->settings != NULL && !self->presenting)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set (self->settings, "window-size", "(ii)", width, height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (tri_window_parent_class)->close_request (window);
}

/* Every read that fails after the briefing was opened is said here, at
 * once, naming the file; the views keep what they had, and exports from
 * this state are refused (tri_export_write ()). */
static void
on_read_failed (TriStore   *store,
                const char *message,
                TriWindow  *self)
{
  g_autofree char *text = tri_store_is_damaged (store)
    /* Translators: %s is a sentence naming the file and saying it is
     * damaged; the check of the whole file ends after the window shows it */
    ? g_strdup_printf (_("%s Nothing from it is shown or can be exported."),
                       message)
    /* Translators: %s is a sentence naming the file and what went wrong */
    : g_strdup_printf (_("%s What the window shows was read before; nothing can be exported from it until the briefing is opened again."),
                       message);

  gtk_label_set_text (self->read_label, text);
  gtk_widget_set_visible (self->read_bar, TRUE);
  /* a damaged file: nothing drawn from it is shown as if it were data, the
   * bar alone says what happened */
  if (tri_store_is_damaged (store))
    gtk_widget_set_visible (GTK_WIDGET (self->paned), FALSE);
}

static void
replace_store (TriWindow *self,
               TriStore  *store)
{
  /* it reads the briefing shown (or its document's connection) */
  if (self->translations != NULL && store != self->store)
    gtk_window_destroy (self->translations);

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->read_failed_id, self->store);
      g_clear_signal_handler (&self->store_changed_id, self->store);
    }
  if (store != self->store)
    {
      /* a new briefing: its first deck is open */
      stop_deck (self);
      g_clear_pointer (&self->deck_name, g_free);
      self->deck_chosen = FALSE;
      self->deck_slide = 0;
    }
  if (g_set_object (&self->store, store))
    {
      gtk_widget_set_visible (self->read_bar, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->paned), TRUE);
      if (self->store != NULL)
        {
          self->read_failed_id = g_signal_connect (self->store, "read-failed",
                                                   G_CALLBACK (on_read_failed), self);
          self->store_changed_id = g_signal_connect (self->store, "changed",
                                                     G_CALLBACK (on_store_changed), self);
        }
      load_briefing (self);
      /* found damaged before the window took it: said as if found now */
      if (self->store != NULL && tri_store_is_damaged (self->store))
        on_read_failed (self->store, tri_store_get_read_error (self->store)->message, self);
      update_present_item (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

static void
tri_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TriWindow *self = TRI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      /* a store given from outside is read-only */
      if (g_value_get_object (value) != self->store)
        {
          drop_document (self);
          replace_store (self, g_value_get_object (value));
          update_edit_actions (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tri_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TriWindow *self = TRI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tri_window_dispose (GObject *object)
{
  TriWindow *self = TRI_WINDOW (object);

  if (self->translations != NULL)
    gtk_window_destroy (self->translations);

  stop_deck (self);
  g_clear_pointer (&self->deck_name, g_free);
  drop_document (self);
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->read_failed_id, self->store);
      g_clear_signal_handler (&self->store_changed_id, self->store);
    }
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->index, tri_state_index_unref);
  g_clear_pointer (&self->lanes, tri_lane_index_unref);
  g_clear_handle_id (&self->index_source, g_source_remove);
  g_clear_handle_id (&self->quotes_source, g_source_remove);
  g_clear_handle_id (&self->panel_source, g_source_remove);
  if (self->import_job != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->import_job, self);
      tri_import_job_cancel (self->import_job);
      g_clear_object (&self->import_job);
    }
  if (self->import_save != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->import_save, self);
      gtk_native_dialog_destroy (self->import_save);
      g_clear_object (&self->import_save);
    }
  g_clear_pointer (&self->slide, tri_slide_layout_free);

  G_OBJECT_CLASS (tri_window_parent_class)->dispose (object);
  /* last: the template's widgets may still say something as they go */
  g_clear_object (&self->session);
}

/* TRILATERAL_STARTUP_TIMING=1: the benchmarks' time to the first frame.
 * After the first paint with both views laid out, print the time since the
 * process started and quit. */
static void
on_after_paint (GdkFrameClock *clock,
                TriWindow     *self)
{
  if (tri_triangle_view_get_layout (self->triangle_view) == NULL ||
      tri_timeline_view_get_layout (self->timeline_view) == NULL)
    return;

  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - tri_application_get_start_time ()) / 1000.0);
  /* the wall clock too: scripts/bench --startup times from the spawn */
  g_print ("first-frame-epoch-us %" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

/* TRILATERAL_FRAME_TIMING=1: each frame's cost, from the frame clock's
 * before-paint (its update, layout and paint follow) to its after-paint,
 * on stderr: "frame-ms 3.2" */
static void
on_frame_begin (GdkFrameClock *clock,
                gpointer       data)
{
  g_object_set_data (G_OBJECT (clock), "tri-frame-begin", GSIZE_TO_POINTER ((gsize) g_get_monotonic_time ()));
}

static void
on_frame_end (GdkFrameClock *clock,
              gpointer       data)
{
  gint64 begin = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (clock), "tri-frame-begin"));

  if (begin > 0)
    g_printerr ("frame-ms %.2f\n", (g_get_monotonic_time () - begin) / 1000.0);
}

/* TRILATERAL_FRAME_TIMING=1: from a side clicked (or activated from the
 * keyboard) to the end of the frame that shows its quotes, on stderr:
 * "panel-ms 12.3" */
static void
on_panel_painted (GdkFrameClock *clock,
                  TriWindow     *self)
{
  if (self->panel_asked_us == 0)
    return;
  g_printerr ("panel-ms %.2f\n", (g_get_monotonic_time () - self->panel_asked_us) / 1000.0);
  self->panel_asked_us = 0;
}

static void
tri_window_map (GtkWidget *widget)
{
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (tri_window_parent_class)->map (widget);

  clock = gtk_widget_get_frame_clock (widget);
  if (g_getenv ("TRILATERAL_STARTUP_TIMING") != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), widget, 0);
  if (g_getenv ("TRILATERAL_FRAME_TIMING") != NULL && g_object_get_data (G_OBJECT (clock), "tri-frame-timing") == NULL)
    {
      /* once per clock, whatever maps again */
      g_object_set_data (G_OBJECT (clock), "tri-frame-timing", GINT_TO_POINTER (1));
      g_signal_connect (clock, "before-paint", G_CALLBACK (on_frame_begin), NULL);
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame_end), NULL);
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_panel_painted), widget, 0);
    }
}

/* --- editing ------------------------------------------------------------ */

/* The document wrote: the store drops what it kept of what changed, and
 * says so ("changed", on_store_changed ()) */
static void
on_document_changed (TriDocument *document,
                     guint        changes,
                     TriWindow   *self)
{
  guint n = 0;
  const gint64 *events = tri_document_get_changed_events (document, &n);

  if (self->store != NULL && tri_store_is_live (self->store))
    tri_store_reload (self->store, changes, events, n);
  update_edit_actions (self);
}

/* The actors and relations as the store has them now */
static gboolean
read_actors (TriWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actors = tri_store_list_actors (self->store, session_lang (self), &error);
  g_autoptr(GPtrArray) relations = actors != NULL ? tri_store_list_relations (self->store, &error) : NULL;

  /* a failed read: the store said it ("read-failed"), the bar shows it */
  if (relations == NULL)
    {
      g_debug ("%s", error->message);
      return FALSE;
    }
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  self->actors = g_steal_pointer (&actors);
  self->relations = g_steal_pointer (&relations);
  return TRUE;
}

static void
update_title (TriWindow *self)
{
  g_autofree char *title = tri_store_dup_title (self->store, session_lang (self));

  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* After an edit, an undo or a redo: each view reads again only what the
 * change touched (nothing of the actors and relations when only an event
 * changed); "as of", the period, the range and the selection stay. */
static void
on_store_changed (TriStore  *store,
                  guint      changes,
                  TriWindow *self)
{
  gboolean events = (changes & (TRI_STORE_CHANGE_EVENTS | TRI_STORE_CHANGE_LINKS |
                                TRI_STORE_CHANGE_RELATIONS)) != 0;
  gboolean evidence = (changes & (TRI_STORE_CHANGE_SOURCES | TRI_STORE_CHANGE_QUOTES |
                                  TRI_STORE_CHANGE_NOTES)) != 0;
  gboolean quotes_pending = self->quotes_source != 0;   /* "as of" moved just before */
  gboolean quotes_changed = FALSE;

  if (changes & TRI_STORE_CHANGE_TITLE)
    update_title (self);
  if ((changes & (TRI_STORE_CHANGE_ACTORS | TRI_STORE_CHANGE_RELATIONS)) && read_actors (self))
    tri_triangle_view_set_data (self->triangle_view, self->actors, self->relations, session_lang (self));

  /* the running sums and the timeline's events need nothing here: the
   * store's reload took the changed events' entries out of the sums and
   * put them back, and the timeline view patches its events on this same
   * signal; both are drawn again through update_as_of () below */

  /* the selection, if it is still there, shows what it is now */
  if (selected_event (self) != 0)
    {
      g_autoptr(TriEvent) ev = NULL;

      if (events || evidence)
        ev = tri_store_get_event (self->store, selected_event (self), session_lang (self), NULL);
      if (ev == NULL && (changes & TRI_STORE_CHANGE_EVENTS))
        {
          self->driving++;
          tri_session_clear_selection (self->session);
          self->driving--;
          tri_timeline_view_set_selection (self->timeline_view, 0, NULL, 0);
          show_overview (self);
        }
      else if (ev != NULL)
        show_event (self, ev);
    }
  else if (selected_relation (self) != 0 && (events || evidence))
    {
      if (tri_store_get_relation (self->store, selected_relation (self)) == NULL)
        {
          self->driving++;
          tri_session_clear_selection (self->session);
          self->driving--;
          tri_triangle_view_set_selection (self->triangle_view, 0, NULL);
          tri_timeline_view_set_selection (self->timeline_view, 0, NULL, 0);
          show_overview (self);
        }
      else
        {
          const gint64 *ids = NULL;
          guint n = 0;

          /* a side's quotes are dated by their events: only a change of
           * quotes or sources, or of events that back its quotes, changes
           * them; they are built again once "as of" rests (update_as_of ()),
           * after the frame that shows the edit: they are many */
          quotes_changed = evidence || !tri_store_get_changed_events (store, &ids, &n) ||
                           tri_store_events_have_quotes (store, selected_relation (self), ids, n);
          if (quotes_changed)
            tri_evidence_panel_invalidate (self->evidence_panel);
        }
    }
  else if (selected_actor (self) != NULL && (events || (changes & TRI_STORE_CHANGE_ACTORS)))
    {
      g_clear_handle_id (&self->panel_source, g_source_remove);
      self->panel_source = g_timeout_add (120, show_actor_events_later, self);
    }

  if (self->translations != NULL)
    tri_translations_report_refresh (TRI_TRANSLATIONS_REPORT (self->translations));
  update_as_of (self);
  /* the same "as of", the same quotes: nothing for the panel to read */
  if (selected_relation (self) != 0 && !quotes_changed && !quotes_pending)
    g_clear_handle_id (&self->quotes_source, g_source_remove);
  update_selection_actions (self);
}

/* What can be done now, and the menu's "Undo Add Event" */
static void
update_edit_actions (TriWindow *self)
{
  gboolean editable = self->document != NULL;
  gboolean undo = editable && tri_document_can_undo (self->document);
  gboolean redo = editable && tri_document_can_redo (self->document);
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", redo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-to-edit", self->store != NULL);
  update_selection_actions (self);

  /* Translators: a menu item; %s is what it undoes, such as “Add Event” */
  undo_label = undo ? g_strdup_printf (_("_Undo %s"), tri_document_get_undo_name (self->document))
                    : g_strdup (_("_Undo"));
  /* Translators: a menu item; %s is what it redoes, such as “Add Event” */
  redo_label = redo ? g_strdup_printf (_("_Redo %s"), tri_document_get_redo_name (self->document))
                    : g_strdup (_("_Redo"));
  set_menu_item (self->history_section, 0, undo_label, "win.undo", "<Control>z");
  set_menu_item (self->history_section, 1, redo_label, "win.redo", "<Control><Shift>z");
}

/**
 * tri_window_get_menu:
 *
 * Returns: (transfer none): the primary menu, as the menu button shows it
 */
GMenuModel *
tri_window_get_menu (TriWindow *self)
{
  g_return_val_if_fail (TRI_IS_WINDOW (self), NULL);
  return G_MENU_MODEL (self->primary_menu);
}

/* The suggested name of a file: "STEM SUFFIX.sqlite" */
static char *
suggest_name (const char *path,
              const char *format)
{
  g_autofree char *base = path != NULL ? g_path_get_basename (path) : NULL;
  g_autofree char *stem = base != NULL ? g_strndup (base, strcspn (base, ".")) : NULL;

  return stem != NULL ? g_strdup_printf (format, stem) : g_strdup (format);
}

/**
 * tri_window_new_briefing:
 * @dest: the new file; an existing one is never replaced
 *
 * New Briefing: writes an empty briefing (the triangle's three) to @dest
 * and opens it to edit; a failure is said in a message.
 */
void
tri_window_new_briefing (TriWindow  *self,
                         const char *dest)
{
  g_autoptr(GError) error = NULL;

  if (tri_document_create_new (dest, &error))
    tri_window_open_with_dialogs (self, dest);
  else
    tri_window_show_error (self, _("The new briefing could not be created"), error->message);
}

static void
on_new_chooser (GtkNativeDialog *chooser,
                int              response,
                TriWindow       *self)
{
  g_autofree char *dest = chooser_path (chooser, response);

  if (dest != NULL)
    tri_window_new_briefing (self, dest);
  g_object_unref (chooser);
}

static void
new_briefing_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("New Briefing"), GTK_WINDOW (widget),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), _("_Cancel"));

  /* Translators: the suggested file name of a new briefing */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("New Briefing.sqlite"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_new_chooser), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * tri_window_copy_to_edit:
 * @source: the briefing to copy (the one shown); it is only read
 * @dest: the copy; an existing file is never replaced
 *
 * Save a Copy to Edit: writes an editable copy of @source to @dest and
 * opens the copy to edit; a failure is said in a message.
 */
void
tri_window_copy_to_edit (TriWindow  *self,
                         const char *source,
                         const char *dest)
{
  g_autoptr(GError) error = NULL;

  if (tri_document_copy (source, dest, &error))
    tri_window_open_with_dialogs (self, dest);
  else
    tri_window_show_error (self, _("The copy could not be made"), error->message);
}

static void
on_copy_chooser (GtkNativeDialog *chooser,
                 int              response,
                 TriWindow       *self)
{
  const char *source = g_object_get_data (G_OBJECT (chooser), "source");
  g_autofree char *dest = chooser_path (chooser, response);

  if (dest != NULL)
    tri_window_copy_to_edit (self, source, dest);
  g_object_unref (chooser);
}

static void
copy_to_edit_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);
  const char *source = self->store != NULL ? tri_store_get_path (self->store) : NULL;
  GtkFileChooserNative *chooser;
  /* Translators: the suggested name of an editable copy; %s is the original file's name */
  g_autofree char *suggested = suggest_name (source, _("%s (editable).sqlite"));

  if (source == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save a Copy to Edit"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_object_set_data_full (G_OBJECT (chooser), "source", g_strdup (source), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_copy_chooser), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_read_only_response (GtkDialog *dialog,
                       int        response,
                       TriWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.copy-to-edit", NULL);
}

/* Whether the briefing can be edited; if not, offers an editable copy */
static gboolean
ensure_editable (TriWindow *self)
{
  GtkWidget *dialog;

  if (self->document != NULL)
    return TRUE;
  if (self->store == NULL)
    return FALSE;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                   _("This briefing is read-only"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Trilateral changes only the briefings it created to be edited. Save a copy to edit: the original stays exactly as it is."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Save a Copy to Edit…"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (on_read_only_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/**
 * tri_window_ensure_editable:
 *
 * Returns: whether the briefing shown can be edited; when it cannot, the
 *   window offers an editable copy (Save a Copy to Edit…)
 */
gboolean
tri_window_ensure_editable (TriWindow *self)
{
  g_return_val_if_fail (TRI_IS_WINDOW (self), FALSE);
  return ensure_editable (self);
}

/**
 * tri_window_get_deck_pane:
 *
 * Returns: (transfer none): the sidebar of decks and slides
 */
TriDeckPane *
tri_window_get_deck_pane (TriWindow *self)
{
  g_return_val_if_fail (TRI_IS_WINDOW (self), NULL);
  return self->deck_pane;
}

static void
undo_redo_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);
  gboolean undo = g_str_equal (name, "win.undo");
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    return;
  if (!(undo ? tri_document_undo (self->document, &error) : tri_document_redo (self->document, &error)) &&
      !g_error_matches (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_NOTHING))
    tri_window_show_error (self, undo ? _("The change could not be undone") : _("The change could not be redone"),
                           error->message);
  update_edit_actions (self);
}

/* An event the editor saved is the one chosen, "as of" on its day */
static void
on_event_saved (GtkWindow *editor,
                gint64     event,
                TriWindow *self)
{
  if (event != 0 && self->store != NULL)
    select_event (self, event);
}

static void
open_event_editor (TriWindow *self,
                   gint64     event)
{
  GtkWindow *editor;

  if (!ensure_editable (self))
    return;
  editor = tri_event_editor_new (GTK_WINDOW (self), self->document, event, session_lang (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_event_saved), self, 0);
  gtk_window_present (editor);
}

static void
add_event_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  open_event_editor (TRI_WINDOW (widget), 0);
}

static void
edit_event_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);

  if (selected_event (self) != 0)
    open_event_editor (self, selected_event (self));
}

static void
add_source_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);

  if (ensure_editable (self))
    gtk_window_present (tri_source_editor_new (GTK_WINDOW (self), self->document, NULL, session_lang (self)));
}

static void
add_actor_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);

  if (ensure_editable (self))
    gtk_window_present (tri_actor_editor_new (GTK_WINDOW (self), self->document, session_lang (self)));
}

/* The fields of the briefing shown that lack a language, from the
 * document's connection when it is edited */
static void
missing_translations_action (GtkWidget  *widget,
                             const char *name,
                             GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);

  if (self->store == NULL)
    return;
  if (self->translations == NULL)
    {
      self->translations = self->document != NULL
        ? tri_translations_report_new (GTK_WINDOW (self), NULL, tri_document_get_db (self->document), session_lang (self))
        : tri_translations_report_new (GTK_WINDOW (self), self->store, NULL, session_lang (self));
      g_object_add_weak_pointer (G_OBJECT (self->translations), (gpointer *) &self->translations);
    }
  gtk_window_present (self->translations);
}

/* Deletes the event selected, as one undoable step ("Delete Event") */
static void
delete_event_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  TriWindow *self = TRI_WINDOW (widget);
  gint64 event = selected_event (self);
  g_autoptr(GError) error = NULL;

  if (event == 0 || !ensure_editable (self))
    return;
  /* Translators: the name of an undoable step, as in “Undo Delete Event” */
  tri_document_begin_group (self->document, _("Delete Event"));
  if (!tri_document_delete_event (self->document, event, &error))
    {
      tri_document_cancel_group (self->document);
      tri_window_show_error (self, _("The event could not be deleted"), error->message);
      return;
    }
  if (!tri_document_end_group (self->document, &error))
    tri_window_show_error (self, _("The event could not be deleted"), error->message);
  update_edit_actions (self);
}

/* Ctrl+F: the search bar (tri-search-bar.c) */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TriWindow *self = TRI_WINDOW (widget);

  if (!self->presenting)
    tri_search_bar_open (self->search_bar);
}

TriSearchBar *
tri_window_get_search_bar (TriWindow *self)
{
  g_return_val_if_fail (TRI_IS_WINDOW (self), NULL);
  return self->search_bar;
}

static void
tri_window_class_init (TriWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tri_window_dispose;
  object_class->set_property = tri_window_set_property;
  object_class->get_property = tri_window_get_property;
  window_class->close_request = tri_window_close_request;
  widget_class->size_allocate = tri_window_size_allocate;
  widget_class->map = tri_window_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TRI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TRI_TYPE_SEARCH_BAR);
  g_type_ensure (TRI_TYPE_TRIANGLE_VIEW);
  g_type_ensure (TRI_TYPE_TIMELINE_VIEW);
  g_type_ensure (TRI_TYPE_EVIDENCE_PANEL);
  g_type_ensure (TRI_TYPE_DECK_PANE);
  g_type_ensure (TRI_TYPE_FILTER_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tri-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TriWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, canvas_paned);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, window_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, present_section);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, history_section);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, slide_area);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, triangle_view);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, evidence_panel);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, deck_pane);
  gtk_widget_class_bind_template_child (widget_class, TriWindow, search_bar);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);

  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.present-from-slide", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.fit-timeline", NULL, fit_timeline_action);
  gtk_widget_class_install_action (widget_class, "win.next-data-language", NULL, next_language_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-deck", NULL, export_deck_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export-data", NULL, export_data_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, GDK_SHIFT_MASK, "win.present-from-slide", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.next-data-language", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.fit-timeline", NULL);
  gtk_widget_class_install_action (widget_class, "win.filter", NULL, filter_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.filter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.filter", NULL);

  gtk_widget_class_install_action (widget_class, "win.new-briefing", NULL, new_briefing_action);
  gtk_widget_class_install_action (widget_class, "win.copy-to-edit", NULL, copy_to_edit_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.delete-event", NULL, delete_event_action);
  gtk_widget_class_install_action (widget_class, "win.missing-translations", NULL, missing_translations_action);
  gtk_widget_class_install_action (widget_class, "win.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "win.edit-event", NULL, edit_event_action);
  gtk_widget_class_install_action (widget_class, "win.add-source", NULL, add_source_action);
  gtk_widget_class_install_action (widget_class, "win.add-actor", NULL, add_actor_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-briefing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete-event", NULL);
}

static void
tri_window_init (TriWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkEventController *keys = gtk_event_controller_key_new ();
  gboolean dark = FALSE;
  static const GActionEntry toggles[] = {
    { "show-others", NULL, NULL, "false", NULL },
    { "dark", NULL, NULL, "false", NULL },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  tri_application_load_style ();

  /* above everything the window shows: the bar that says a read failed */
  {
    GtkWidget *content = g_object_ref (gtk_window_get_child (GTK_WINDOW (self)));
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_window_set_child (GTK_WINDOW (self), NULL);
    self->read_bar = gtk_info_bar_new ();
    gtk_info_bar_set_message_type (GTK_INFO_BAR (self->read_bar), GTK_MESSAGE_ERROR);
    self->read_label = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_wrap (self->read_label, TRUE);
    gtk_label_set_xalign (self->read_label, 0);
    gtk_label_set_selectable (self->read_label, TRUE);
    gtk_info_bar_add_child (GTK_INFO_BAR (self->read_bar), GTK_WIDGET (self->read_label));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->read_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("The briefing could not be read"), -1);
    gtk_widget_set_visible (self->read_bar, FALSE);
    gtk_box_append (GTK_BOX (box), self->read_bar);
    gtk_widget_set_vexpand (content, TRUE);
    gtk_box_append (GTK_BOX (box), content);
    g_object_unref (content);
    gtk_window_set_child (GTK_WINDOW (self), box);
  }

  self->session = tri_session_new (tri_lang_from_environment ());
  g_signal_connect (self->session, "notify", G_CALLBACK (on_session_notify), self);
  tri_filter_bar_set_session (self->filter_bar, self->session);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (self->header_bar), tri_filter_bar_get_button (self->filter_bar));
  update_edit_actions (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), toggles, G_N_ELEMENTS (toggles), self);
  {
    GSimpleAction *language = g_simple_action_new_stateful ("data-language", G_VARIANT_TYPE_STRING,
                                                            g_variant_new_string (session_lang (self)));
    g_signal_connect (language, "change-state", G_CALLBACK (on_data_language), self);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (language));
    g_object_unref (language);
  }
  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    g_signal_connect (g_action_map_lookup_action (G_ACTION_MAP (self), toggles[i].name),
                      "change-state", G_CALLBACK (on_toggle_changed), self);

  /* follow the desktop's dark preference at start */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-application-prefer-dark-theme", &dark, NULL);
  if (dark)
    g_action_group_change_action_state (G_ACTION_GROUP (self), "dark", g_variant_new_boolean (TRUE));

  g_signal_connect (self->triangle_view, "edge-activated", G_CALLBACK (on_edge_activated), self);
  g_signal_connect (self->triangle_view, "node-activated", G_CALLBACK (on_node_activated), self);
  g_signal_connect (self->timeline_view, "event-activated", G_CALLBACK (on_event_activated), self);
  g_signal_connect (self->timeline_view, "as-of-changed", G_CALLBACK (on_as_of_changed), self);
  g_signal_connect (self->timeline_view, "range-changed", G_CALLBACK (on_range_changed), self);
  on_range_changed (self->timeline_view, self);
  g_signal_connect (self->evidence_panel, "event-activated", G_CALLBACK (on_event_activated), self);
  g_signal_connect (self->window_dropdown, "notify::selected", G_CALLBACK (on_window_selected), self);
  tri_search_bar_attach (self->search_bar, GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->slide_area), draw_slide, self, NULL);
  tri_deck_pane_attach (self->deck_pane, GTK_WIDGET (self));
  g_signal_connect (self->deck_pane, "deck-changed", G_CALLBACK (on_deck_pane_changed), self);
  g_signal_connect (self->deck_pane, "notify::visible", G_CALLBACK (on_deck_pane_visible), self);
  g_signal_connect (self->filter_bar, "notify::visible", G_CALLBACK (on_filter_bar_visible), self);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* Without the installed schema (a test binary) the size is simply not remembered */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      int width = 0, height = 0;

      self->settings = g_settings_new (APP_ID);
      g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}
