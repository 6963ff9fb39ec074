/* tri-data-export.c: Export Data…, the briefing's data in an exchange format
 *
 * A small modal dialog: the format (CSV events, quotes or both, TimelineJS
 * JSON, GEXF, GraphML, Trilateral JSON, the evidence table as HTML or CSV,
 * and, when the briefing has a deck, the evidence table of the open deck)
 * and the file, then Export. The file is written by tri_data_export(),
 * the code of --export-data (atomic: a failure leaves no file), in a
 * worker thread on a store of its own, so that a large briefing does not
 * freeze the window. A failure is said in the dialog, which stays open;
 * success closes it and says what was written and what the format could
 * not hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-data-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tri-data-export.h"

struct _TriDataExportDialog
{
  GtkWindow       parent_instance;
  GtkWindow      *parent;
  TriStore       *store;
  TriDataRequest  view;      /* the window's view: language, as-of, window, relation, filter */
  char           *lang;
  char           *filter;
  char           *deck_name; /* the deck whose evidence table is offered; NULL: none */
  GtkWidget      *format;    /* GtkDropDown */
  GtkWidget      *entry;     /* the file */
  GtkWidget      *status;
  GtkWidget      *spinner;
  GtkWidget      *export;
  GtkWidget      *cancel;
  GtkNativeDialog *chooser;
  gboolean        running;
  char           *summary;
};

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TriDataExportDialog, tri_data_export_dialog, GTK_TYPE_WINDOW)

typedef struct
{
  char           *store_path;
  gboolean        live;
  TriDataRequest  request;
  char           *lang;
  char           *filter;
  char           *deck_name;
  char           *path;
  char           *quotes_path;   /* CSV both: the quotes' file */
} Job;

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job->lang);
  g_free (job->filter);
  g_free (job->deck_name);
  g_free (job->path);
  g_free (job->quotes_path);
  g_free (job);
}

/**
 * tri_data_choice_quotes_path:
 *
 * Returns: where "CSV: events and quotes" writes the quotes when the
 *   events go to @path: "brief.csv" → "brief-quotes.csv"
 */
char *
tri_data_choice_quotes_path (const char *path)
{
  g_autofree char *stem = g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV")
                          ? g_strndup (path, strlen (path) - 4) : g_strdup (path);

  return g_strconcat (stem, "-quotes.csv", NULL);
}

static void
tri_data_export_dialog_dispose (GObject *object)
{
  TriDataExportDialog *self = (TriDataExportDialog *) object;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tri_data_export_dialog_parent_class)->dispose (object);
}

static void
tri_data_export_dialog_finalize (GObject *object)
{
  TriDataExportDialog *self = (TriDataExportDialog *) object;

  g_free (self->lang);
  g_free (self->filter);
  g_free (self->deck_name);
  g_free (self->summary);
  G_OBJECT_CLASS (tri_data_export_dialog_parent_class)->finalize (object);
}

static void
tri_data_export_dialog_class_init (TriDataExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tri_data_export_dialog_dispose;
  object_class->finalize = tri_data_export_dialog_finalize;

  /**
   * TriDataExportDialog::finished:
   * @ok: whether the file was written
   *
   * An export ended; on success the dialog closes after this.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
tri_data_export_dialog_init (TriDataExportDialog *self)
{
}

/* The request and file extension of a choice */
static const char *
choice_request (TriDataChoice   choice,
                TriDataRequest *request)
{
  request->table = TRI_DATA_TABLE_EVENTS;
  request->html = FALSE;
  request->deck = FALSE;
  switch (choice)
    {
    case TRI_DATA_CHOICE_DECK_EVIDENCE_HTML:
      request->deck = TRUE;
      request->format = TRI_DATA_EVIDENCE;
      request->html = TRUE;
      return ".html";
    case TRI_DATA_CHOICE_DECK_EVIDENCE_CSV:
      request->deck = TRUE;
      request->format = TRI_DATA_EVIDENCE;
      return ".csv";
    case TRI_DATA_CHOICE_CSV_QUOTES:
      request->table = TRI_DATA_TABLE_QUOTES;
      G_GNUC_FALLTHROUGH;
    case TRI_DATA_CHOICE_CSV_EVENTS:
    case TRI_DATA_CHOICE_CSV_BOTH:
      request->format = TRI_DATA_CSV;
      return ".csv";
    case TRI_DATA_CHOICE_TIMELINEJS:
      request->format = TRI_DATA_TIMELINEJS;
      return ".json";
    case TRI_DATA_CHOICE_GEXF:
      request->format = TRI_DATA_GEXF;
      return ".gexf";
    case TRI_DATA_CHOICE_GRAPHML:
      request->format = TRI_DATA_GRAPHML;
      return ".graphml";
    case TRI_DATA_CHOICE_JSON:
      request->format = TRI_DATA_JSON;
      return ".json";
    case TRI_DATA_CHOICE_EVIDENCE_HTML:
      request->format = TRI_DATA_EVIDENCE;
      request->html = TRUE;
      return ".html";
    case TRI_DATA_CHOICE_EVIDENCE_CSV:
    default:
      request->format = TRI_DATA_EVIDENCE;
      return ".csv";
    }
}

static void
run_export (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(TriStore) store = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *quotes = NULL;
  GError *error = NULL;

  store = job->live ? tri_store_open_live (job->store_path, &error) : tri_store_open (job->store_path, &error);
  if (store == NULL ||
      !tri_data_export (store, &job->request, job->path, &summary, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->quotes_path != NULL)
    {
      job->request.table = TRI_DATA_TABLE_QUOTES;
      if (!tri_data_export (store, &job->request, job->quotes_path, &quotes, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_task_return_pointer (task, g_strconcat (summary, " ", quotes, NULL), g_free);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&summary), g_free);
}

static void
set_status (TriDataExportDialog *self,
            const char          *text,
            gboolean             error)
{
  gtk_label_set_text (GTK_LABEL (self->status), text);
  gtk_widget_set_visible (self->status, text != NULL && *text != '\0');
  if (error)
    gtk_widget_add_css_class (self->status, "error");
  else
    gtk_widget_remove_css_class (self->status, "error");
}

static void
set_running (TriDataExportDialog *self,
             gboolean             running)
{
  self->running = running;
  gtk_widget_set_visible (self->spinner, running);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), running);
  gtk_widget_set_sensitive (self->export, !running);
  gtk_widget_set_sensitive (self->format, !running);
  gtk_widget_set_sensitive (self->entry, !running);
  gtk_widget_set_sensitive (self->cancel, !running);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  TriDataExportDialog *self = TRI_DATA_EXPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_task_propagate_pointer (G_TASK (result), &error);

  set_running (self, FALSE);
  if (summary == NULL)
    {
      /* Translators: %s says why, in a sentence */
      g_autofree char *text = g_strdup_printf (_("The data could not be exported: %s"), error->message);

      set_status (self, text, TRUE);
      g_signal_emit (self, signals[FINISHED], 0, FALSE);
      return;
    }

  g_free (self->summary);
  self->summary = g_steal_pointer (&summary);
  g_signal_emit (self, signals[FINISHED], 0, TRUE);
  if (self->parent != NULL && gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      GtkWidget *done = gtk_message_dialog_new (self->parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                GTK_MESSAGE_INFO, GTK_BUTTONS_CLOSE, "%s", _("Data exported"));

      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (done), "%s", self->summary);
      g_signal_connect (done, "response", G_CALLBACK (gtk_window_destroy), NULL);
      gtk_window_present (GTK_WINDOW (done));
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_export_clicked (GtkButton           *button,
                   TriDataExportDialog *self)
{
  const char *path = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  TriDataChoice choice = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->format));
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->running)
    return;
  if (path == NULL || *path == '\0')
    {
      set_status (self, _("Choose the file to write."), TRUE);
      return;
    }
  if (tri_store_get_path (self->store) == NULL)
    {
      set_status (self, _("This briefing has no file to read its data from."), TRUE);
      return;
    }

  job = g_new0 (Job, 1);
  job->store_path = g_strdup (tri_store_get_path (self->store));
  job->live = tri_store_is_live (self->store);
  job->request = self->view;
  job->lang = g_strdup (self->lang);
  job->request.lang = job->lang;
  job->filter = g_strdup (self->filter);
  job->request.filter = job->filter;
  job->deck_name = g_strdup (self->deck_name);
  job->request.deck_name = job->deck_name;
  choice_request (choice, &job->request);
  /* the relation selected narrows the evidence table (the quotes behind
   * the view) only: the other formats hold the whole briefing */
  if (job->request.format != TRI_DATA_EVIDENCE)
    job->request.relation_id = 0;
  job->path = g_strdup (path);
  if (choice == TRI_DATA_CHOICE_CSV_BOTH)
    job->quotes_path = tri_data_choice_quotes_path (path);

  set_status (self, _("Exporting…"), FALSE);
  set_running (self, TRUE);
  task = g_task_new (self, NULL, on_exported, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_export);
}

/* the file's extension follows the format chosen */
static void
on_format_changed (GObject             *drop,
                   GParamSpec          *pspec,
                   TriDataExportDialog *self)
{
  TriDataRequest request = { 0 };
  const char *ext = choice_request (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->format)), &request);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *dot = strrchr (text, '.');
  const char *slash = strrchr (text, G_DIR_SEPARATOR);
  g_autofree char *renamed = NULL;

  if (dot == NULL || (slash != NULL && dot < slash))
    return;
  {
    g_autofree char *stem = g_strndup (text, dot - text);

    renamed = g_strconcat (stem, ext, NULL);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->entry), renamed);
}

static void
on_chooser_response (GtkNativeDialog     *chooser,
                     int                  response,
                     TriDataExportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->entry), path);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
on_choose_clicked (GtkButton           *button,
                   TriDataExportDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Data"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Choose"), _("_Cancel"));
  if (text != NULL && *text != '\0')
    {
      g_autofree char *base = g_path_get_basename (text);
      g_autofree char *dir = g_path_get_dirname (text);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      if (g_path_is_absolute (text))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* a file being written is finished first: it takes moments, and the
 * dialog's widgets are what it reports to */
static gboolean
on_close_request (TriDataExportDialog *self,
                  gpointer             data)
{
  return self->running;
}

static GtkWidget *
field_label (const char *mnemonic,
             GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  return label;
}

/**
 * tri_data_export_dialog_new:
 * @store: the briefing shown
 * @view: what the window shows: its language, as-of date, window and
 *   relation (the evidence table is the quotes behind that view), and the
 *   deck open (deck_name; NULL: the briefing's first)
 *
 * Returns: (transfer none): the dialog, presented
 */
TriDataExportDialog *
tri_data_export_dialog_new (GtkWindow            *parent,
                            TriStore             *store,
                            const TriDataRequest *view)
{
  TriDataExportDialog *self = g_object_new (TRI_TYPE_DATA_EXPORT_DIALOG, NULL);
  const char *choices[TRI_DATA_N_CHOICES + 1] = {
    /* Translators: the formats of Export Data… */
    _("CSV: events"),
    _("CSV: quotes"),
    _("CSV: events and quotes (two files)"),
    _("TimelineJS JSON"),
    _("GEXF 1.3 (Gephi, dynamic)"),
    _("GraphML (a snapshot as of the date shown)"),
    _("Trilateral JSON"),
    _("Evidence table (HTML, for printing)"),
    _("Evidence table (CSV)"),
    NULL, NULL, NULL
  };
  g_autofree char *deck_html = NULL;
  g_autofree char *deck_csv = NULL;
  g_autofree char *name = NULL;
  GtkWidget *box, *grid, *row, *choose, *buttons, *cancel;

  self->parent = parent;
  self->store = g_object_ref (store);
  self->view = *view;
  self->lang = g_strdup (view->lang);
  self->view.lang = self->lang;
  self->filter = g_strdup (view->filter);
  self->view.filter = self->filter;
  self->view.deck_name = NULL;

  /* the open deck's evidence table, numbered as its pages */
  {
    g_autoptr(TriDeck) deck = tri_store_get_deck (store, view->deck_name, view->lang, NULL);

    if (deck != NULL)
      {
        self->deck_name = g_strdup (deck->name);
        self->view.deck_name = self->deck_name;
        /* Translators: a format of Export Data…; %s is the deck's name */
        deck_html = g_strdup_printf (_("Evidence table of the deck “%s” (HTML, for printing)"), deck->name);
        /* Translators: a format of Export Data…; %s is the deck's name */
        deck_csv = g_strdup_printf (_("Evidence table of the deck “%s” (CSV)"), deck->name);
        choices[TRI_DATA_CHOICE_DECK_EVIDENCE_HTML] = deck_html;
        choices[TRI_DATA_CHOICE_DECK_EVIDENCE_CSV] = deck_csv;
      }
  }

  gtk_window_set_title (GTK_WINDOW (self), _("Export Data"));
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  self->format = gtk_drop_down_new_from_strings (choices);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Format"), self->format), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->format, 1, 0, 1, 1);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 36);
  gtk_box_append (GTK_BOX (row), self->entry);
  choose = gtk_button_new_with_mnemonic (_("C_hoose…"));
  g_signal_connect (choose, "clicked", G_CALLBACK (on_choose_clicked), self);
  gtk_box_append (GTK_BOX (row), choose);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("F_ile"), self->entry), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), row, 1, 1, 1, 1);
  gtk_box_append (GTK_BOX (box), grid);

  self->status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->status), 60);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_widget_set_visible (self->status, FALSE);
  gtk_box_append (GTK_BOX (box), self->status);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (buttons), self->spinner);
  self->cancel = cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  gtk_box_append (GTK_BOX (buttons), cancel);
  self->export = gtk_button_new_with_mnemonic (_("_Export"));
  gtk_widget_add_css_class (self->export, "suggested-action");
  g_signal_connect (self->export, "clicked", G_CALLBACK (on_export_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->export);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export);

  /* a name to start from: the briefing's file, as CSV */
  if (tri_store_get_path (store) != NULL)
    {
      g_autofree char *base = g_path_get_basename (tri_store_get_path (store));
      g_autofree char *dir = g_path_get_dirname (tri_store_get_path (store));
      g_autofree char *stem = g_strndup (base, strcspn (base, "."));
      g_autofree char *file = g_strconcat (stem, ".csv", NULL);

      name = g_build_filename (dir, file, NULL);
    }
  else
    name = g_strdup ("briefing.csv");
  gtk_editable_set_text (GTK_EDITABLE (self->entry), name);
  g_signal_connect (self->format, "notify::selected", G_CALLBACK (on_format_changed), self);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

void
tri_data_export_dialog_set_choice (TriDataExportDialog *self,
                                   TriDataChoice        choice)
{
  g_return_if_fail (TRI_IS_DATA_EXPORT_DIALOG (self));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->format), choice);
}

void
tri_data_export_dialog_set_path (TriDataExportDialog *self,
                                 const char          *path)
{
  g_return_if_fail (TRI_IS_DATA_EXPORT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), path);
}

GtkWidget *
tri_data_export_dialog_get_export_button (TriDataExportDialog *self)
{
  g_return_val_if_fail (TRI_IS_DATA_EXPORT_DIALOG (self), NULL);
  return self->export;
}

gboolean
tri_data_export_dialog_is_running (TriDataExportDialog *self)
{
  g_return_val_if_fail (TRI_IS_DATA_EXPORT_DIALOG (self), FALSE);
  return self->running;
}

/**
 * tri_data_export_dialog_get_summary:
 *
 * Returns: (nullable): after a successful export: what was written and
 *   what the format could not hold
 */
const char *
tri_data_export_dialog_get_summary (TriDataExportDialog *self)
{
  g_return_val_if_fail (TRI_IS_DATA_EXPORT_DIALOG (self), NULL);
  return self->summary;
}

/**
 * tri_data_export_dialog_get_status:
 *
 * Returns: what the dialog says (a failure, in the user's words), or ""
 */
const char *
tri_data_export_dialog_get_status (TriDataExportDialog *self)
{
  g_return_val_if_fail (TRI_IS_DATA_EXPORT_DIALOG (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->status));
}
