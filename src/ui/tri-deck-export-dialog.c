/* tri-deck-export-dialog.c: the window's Export Deck dialog
 *
 * The choices (one PDF, with or without notes pages, or a folder of PNG or
 * SVG files; the size, the theme, the data language), then a native file
 * chooser (GTK 4.8 has no GtkFileDialog), then the same export as
 * `--export-deck`, run in a worker thread on a TriStore of its own opened
 * from the same file (a store is used by one thread only): a progress
 * dialog shows the pages drawn, and Cancel stops it leaving nothing behind
 * (tri_deck_export_write() is atomic). Then a confirmation or the error in
 * the user's words.
 *
 * The pieces the single export has (the settings, the message dialog, a
 * labelled drop-down, the preset sizes) are tri-export-dialog.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-deck-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "export/tri-deck-export.h"
#include "export/tri-export.h"
#include "tri-deck-export-dialog.h"
#include "tri-editor-common.h"
#include "tri-export-dialog.h"

typedef struct
{
  TriWindow     *window;
  GtkWidget     *dialog;
  char          *deck_name;
  GtkDropDown   *format;
  GtkCheckButton *notes;
  GtkDropDown   *size;
  GtkDropDown   *theme;
  GtkDropDown   *lang;
  GtkFileChooserNative *chooser;
} DeckExportDialog;

/* one export running: everything the worker needs is copied here */
typedef struct
{
  TriWindow    *window;       /* a reference */
  char         *store_path;
  gboolean      live;
  char         *deck_name;
  char         *path;
  TriDeckExportFormat format;
  int           width, height;
  int           scale;
  gboolean      dark;
  gboolean      notes;
  char         *lang;
  GCancellable *cancellable;
  GtkWindow    *progress;
  GtkWidget    *bar;
  GtkWidget    *cancel;
  guint         tick;
  gint64        started;
  gint          done;         /* atomic: pages drawn */
  gint          total;        /* atomic */
} DeckExportJob;

#define SHOW_AFTER_US (250 * 1000)

static void
deck_export_dialog_free (DeckExportDialog *d)
{
  g_clear_object (&d->chooser);
  g_free (d->deck_name);
  g_free (d);
}

static void
deck_export_job_free (DeckExportJob *job)
{
  g_clear_handle_id (&job->tick, g_source_remove);
  if (job->progress != NULL)
    gtk_window_destroy (job->progress);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->window);
  g_free (job->store_path);
  g_free (job->deck_name);
  g_free (job->path);
  g_free (job->lang);
  g_free (job);
}

/* in the worker thread */
static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  DeckExportJob *job = data;

  g_atomic_int_set (&job->done, (gint) done);
  g_atomic_int_set (&job->total, (gint) total);
}

/* in the worker thread: its own store, its own deck */
static void
run_export (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  DeckExportJob *job = task_data;
  g_auto(TriMarkings) markings = { 0 };
  g_autoptr(TriStore) store = NULL;
  g_autoptr(TriDeck) deck = NULL;
  TriDeckExportOptions options;
  GError *error = NULL;

  store = job->live ? tri_store_open_live (job->store_path, &error) : tri_store_open (job->store_path, &error);
  if (store == NULL || (deck = tri_store_get_deck (store, job->deck_name, job->lang, &error)) == NULL ||
      !tri_store_get_markings (store, &markings, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  tri_deck_export_options_init (&options);
  options.format = job->format;
  options.width = job->width;
  options.height = job->height;
  options.scale = job->scale;
  options.dark = job->dark;
  options.lang = job->lang;
  options.notes = job->notes && job->format == TRI_DECK_EXPORT_PDF;
  options.markings = &markings;
  if (!tri_deck_export_write (store, deck, &options, job->path, on_progress, job, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, deck->slides->len);
}

static gboolean
on_tick (gpointer data)
{
  DeckExportJob *job = data;
  int done = g_atomic_int_get (&job->done);
  int total = g_atomic_int_get (&job->total);

  if (!gtk_widget_get_visible (GTK_WIDGET (job->progress)) &&
      g_get_monotonic_time () - job->started >= SHOW_AFTER_US)
    gtk_window_present (job->progress);
  if (total > 0)
    {
      /* Translators: pages of the deck's PDF (or files of its folder) drawn so far */
      g_autofree char *text = g_strdup_printf (_("%d of %d pages"), done, total);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (job->bar), (double) done / total);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (job->bar), text);
    }
  else
    gtk_progress_bar_pulse (GTK_PROGRESS_BAR (job->bar));
  return G_SOURCE_CONTINUE;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  DeckExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);
  /* the window may have been closed meanwhile: the message stands alone then */
  GtkWindow *parent = gtk_widget_get_visible (GTK_WIDGET (job->window)) ? GTK_WINDOW (job->window) : NULL;

  g_clear_handle_id (&job->tick, g_source_remove);
  if (job->progress != NULL)
    {
      gtk_window_destroy (job->progress);
      job->progress = NULL;
    }

  if (error != NULL)
    {
      /* cancelled: nothing was left, and nothing is said */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tri_export_dialog_message (parent, GTK_MESSAGE_ERROR, _("Export failed"), error->message);
      return;
    }
  else
    {
      g_autoptr(GSettings) settings = tri_export_dialog_settings ();
      g_autofree char *folder = g_path_get_dirname (job->path);
      g_autofree char *done = NULL;

      if (job->format == TRI_DECK_EXPORT_PDF)
        /* Translators: %s is a file's path */
        done = g_strdup_printf (ngettext ("%d slide saved as %s", "%d slides saved as %s", (gulong) n),
                                (int) n, job->path);
      else
        /* Translators: %s is a folder's path */
        done = g_strdup_printf (ngettext ("%d slide saved in the folder %s", "%d slides saved in the folder %s",
                                          (gulong) n), (int) n, job->path);
      if (settings != NULL)
        g_settings_set_string (settings, "last-export-folder", folder);
      tri_export_dialog_message (parent, GTK_MESSAGE_INFO, _("Export complete"), done);
    }
}

static gboolean
on_progress_close (GtkWindow     *progress,
                   DeckExportJob *job)
{
  g_cancellable_cancel (job->cancellable);
  return TRUE;   /* it closes when the export has stopped */
}

static void
on_cancel_clicked (GtkButton     *button,
                   DeckExportJob *job)
{
  g_cancellable_cancel (job->cancellable);
  gtk_widget_set_sensitive (job->cancel, FALSE);
}

/**
 * tri_deck_export_dialog_start:
 * @deck_name: (nullable): the deck; %NULL: the briefing's first
 * @options: the format, size, theme, data language and notes (its
 *   markings are read again from the file)
 * @path: the PDF or the folder
 *
 * Exports a deck of @window's briefing as the dialog does once its file is
 * chosen: in a worker thread, on a store of its own opened from the same
 * file, with a progress dialog (shown after a quarter of a second) whose
 * Cancel stops it leaving nothing behind; then "Export complete", or the
 * error in a message dialog.
 *
 * Returns: (transfer none): the progress dialog, destroyed when the export
 *   ends; its default widget is its Cancel button
 */
GtkWindow *
tri_deck_export_dialog_start (TriWindow                  *window,
                              const char                 *deck_name,
                              const TriDeckExportOptions *options,
                              const char                 *path)
{
  DeckExportJob *job = g_new0 (DeckExportJob, 1);
  TriStore *store = tri_window_get_store (window);
  g_autoptr(GTask) task = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *heading = NULL;
  GtkWidget *box, *label, *buttons;

  job->window = g_object_ref (window);
  job->store_path = g_strdup (tri_store_get_path (store));
  job->live = tri_store_is_live (store);
  job->deck_name = g_strdup (deck_name);
  job->path = g_strdup (path);
  job->format = options->format;
  job->width = options->width;
  job->height = options->height;
  job->scale = options->scale;
  job->dark = options->dark;
  job->notes = options->notes;
  job->lang = g_strdup (options->lang != NULL ? options->lang : tri_window_get_data_language (window));
  job->cancellable = g_cancellable_new ();
  job->started = g_get_monotonic_time ();

  job->progress = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_transient_for (job->progress, GTK_WINDOW (window));
  gtk_window_set_modal (job->progress, TRUE);
  gtk_window_set_resizable (job->progress, FALSE);
  gtk_window_set_deletable (job->progress, FALSE);
  gtk_window_set_title (job->progress, _("Exporting the Deck"));
  g_signal_connect (job->progress, "close-request", G_CALLBACK (on_progress_close), job);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  /* Translators: %s is a file or folder name */
  heading = g_strdup_printf (_("Exporting “%s”…"), base);
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_box_append (GTK_BOX (box), label);
  job->bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (job->bar), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (job->bar), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_box_append (GTK_BOX (box), job->bar);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  job->cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (job->cancel, "clicked", G_CALLBACK (on_cancel_clicked), job);
  gtk_box_append (GTK_BOX (buttons), job->cancel);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (job->progress, box);
  gtk_window_set_default_widget (job->progress, job->cancel);

  job->tick = g_timeout_add (100, on_tick, job);

  task = g_task_new (NULL, job->cancellable, on_done, NULL);
  g_task_set_source_tag (task, tri_deck_export_dialog_start);
  g_task_set_task_data (task, job, (GDestroyNotify) deck_export_job_free);
  g_task_run_in_thread (task, run_export);
  return job->progress;
}

static void
start_job (DeckExportDialog *d,
           const char       *path)
{
  TriDeckExportOptions options;
  guint size = MIN (gtk_drop_down_get_selected (d->size), TRI_EXPORT_N_PRESET_SIZES - 1);

  tri_deck_export_options_init (&options);
  options.format = (TriDeckExportFormat) gtk_drop_down_get_selected (d->format);
  options.width = tri_export_preset_sizes[size].width;
  options.height = tri_export_preset_sizes[size].height;
  options.dark = gtk_drop_down_get_selected (d->theme) == 1;
  options.notes = gtk_check_button_get_active (d->notes) && options.format == TRI_DECK_EXPORT_PDF;
  options.lang = tri_editor_langs[MIN (gtk_drop_down_get_selected (d->lang), TRI_EDITOR_N_LANGS - 1)].code;
  tri_deck_export_dialog_start (d->window, d->deck_name, &options, path);
}

static void
on_chooser_response (GtkNativeDialog  *chooser,
                     int               response,
                     DeckExportDialog *d)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean pdf = gtk_drop_down_get_selected (d->format) == TRI_DECK_EXPORT_PDF;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      gtk_window_destroy (GTK_WINDOW (d->dialog));
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    tri_export_dialog_message (GTK_WINDOW (d->window), GTK_MESSAGE_ERROR, _("Export failed"),
                               _("Choose a file on this computer."));
  else
    {
      /* a PDF is named .pdf; a folder is named as typed */
      if (pdf && !g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
        {
          char *with_ext = g_strconcat (path, ".pdf", NULL);
          g_free (path);
          path = with_ext;
        }
      start_job (d, path);
    }
  gtk_window_destroy (GTK_WINDOW (d->dialog));
}

static void
on_export_clicked (GtkButton        *button,
                   DeckExportDialog *d)
{
  g_autoptr(GSettings) settings = tri_export_dialog_settings ();
  g_autofree char *last = settings ? g_settings_get_string (settings, "last-export-folder") : NULL;
  gboolean pdf = gtk_drop_down_get_selected (d->format) == TRI_DECK_EXPORT_PDF;
  g_autofree char *safe = g_strdelimit (g_strdup (d->deck_name), "/\\:", '-');
  g_autofree char *name = pdf ? g_strconcat (safe, ".pdf", NULL)
                              /* Translators: the suggested name of a folder of slides; %s is the deck's name */
                              : g_strdup_printf (_("%s slides"), safe);

  d->chooser = gtk_file_chooser_native_new (pdf ? _("Export Deck as PDF") : _("Export Deck as a Folder"),
                                            GTK_WINDOW (d->dialog), GTK_FILE_CHOOSER_ACTION_SAVE,
                                            _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (d->chooser), name);
  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (d->chooser), folder, NULL);
    }
  g_signal_connect (d->chooser, "response", G_CALLBACK (on_chooser_response), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (d->chooser));
}

static void
on_format_changed (GObject          *object,
                   GParamSpec       *pspec,
                   DeckExportDialog *d)
{
  gtk_widget_set_sensitive (GTK_WIDGET (d->notes),
                            gtk_drop_down_get_selected (d->format) == TRI_DECK_EXPORT_PDF);
}

/**
 * tri_deck_export_dialog_present:
 * @deck_name: (nullable): the deck to export; %NULL: the briefing's first
 *
 * Opens the Export Deck dialog for @window. With no deck to export, says
 * so instead.
 */
void
tri_deck_export_dialog_present (TriWindow  *window,
                                const char *deck_name)
{
  TriStore *store = tri_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDeck) deck = NULL;
  DeckExportDialog *d;
  const char *formats[] = { _("PDF document"), _("Folder of PNG images"), _("Folder of SVG drawings"), NULL };
  const char *sizes[TRI_EXPORT_N_PRESET_SIZES + 1] = { NULL };
  const char *themes[] = { _("Light"), _("Dark"), NULL };
  const char *langs[TRI_EDITOR_N_LANGS + 1] = { NULL };
  GtkWidget *grid, *header, *cancel, *export, *box, *notes;
  g_autofree char *title = NULL;

  if (store == NULL)
    return;
  deck = tri_store_get_deck (store, deck_name, tri_window_get_data_language (window), &error);
  if (deck == NULL)
    {
      tri_export_dialog_message (GTK_WINDOW (window), GTK_MESSAGE_ERROR, _("There is no deck to export"),
                                 deck_name != NULL ? error->message
                                 : _("This briefing has no decks: make one in the deck pane (F9)."));
      return;
    }

  for (guint i = 0; i < TRI_EXPORT_N_PRESET_SIZES; i++)
    sizes[i] = tri_export_dialog_preset_name (i);
  for (guint i = 0; i < TRI_EDITOR_N_LANGS; i++)
    langs[i] = tri_editor_langs[i].name;

  d = g_new0 (DeckExportDialog, 1);
  d->window = window;
  d->deck_name = g_strdup (deck->name);
  d->dialog = gtk_window_new ();
  /* Translators: the title of the Export Deck dialog; %s is the deck's name */
  title = g_strdup_printf (_("Export Deck “%s”"), deck->name);
  gtk_window_set_title (GTK_WINDOW (d->dialog), title);
  gtk_window_set_transient_for (GTK_WINDOW (d->dialog), GTK_WINDOW (window));
  gtk_window_set_modal (GTK_WINDOW (d->dialog), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (d->dialog), FALSE);
  g_object_set_data_full (G_OBJECT (d->dialog), "deck-export-dialog", d, (GDestroyNotify) deck_export_dialog_free);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  d->format = tri_export_dialog_add_choice (GTK_GRID (grid), 0, _("_Format"), formats, TRI_DECK_EXPORT_PDF);
  notes = gtk_check_button_new_with_mnemonic (_("_Notes pages after the slides"));
  d->notes = GTK_CHECK_BUTTON (notes);
  gtk_grid_attach (GTK_GRID (grid), notes, 1, 1, 2, 1);
  d->size = tri_export_dialog_add_choice (GTK_GRID (grid), 2, _("_Size"), sizes, 0);
  d->theme = tri_export_dialog_add_choice (GTK_GRID (grid), 3, _("_Theme"), themes,
                                           tri_window_is_dark (window) ? 1 : 0);
  d->lang = tri_export_dialog_add_choice (GTK_GRID (grid), 4, _("Data _language"), langs,
                                          tri_editor_lang_index (tri_window_get_data_language (window)));
  g_signal_connect (d->format, "notify::selected", G_CALLBACK (on_format_changed), d);
  on_format_changed (NULL, NULL, d);

  /* Cancel and Export… in the header bar, as the app's other dialogs */
  header = gtk_header_bar_new ();
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  export = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (export, "suggested-action");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), export);
  gtk_window_set_titlebar (GTK_WINDOW (d->dialog), header);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), d->dialog);
  g_signal_connect (export, "clicked", G_CALLBACK (on_export_clicked), d);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_window_set_child (GTK_WINDOW (d->dialog), box);
  gtk_window_set_default_widget (GTK_WINDOW (d->dialog), export);
  gtk_window_present (GTK_WINDOW (d->dialog));
}
