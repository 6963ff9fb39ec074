/* tri-import-job.c: an import run off the main loop, with progress and Cancel
 *
 * A TimelineJS timeline of 100,000 events takes seconds to check and to
 * import: the window must not freeze meanwhile. The import runs in a
 * worker thread (it touches no store and no widget); the main loop shows
 * its progress in a small modal dialog, after a short delay so that a quick
 * import shows nothing, and Cancel stops it, leaving nothing behind (the
 * new file is unnamed until complete). "finished" is emitted on the main
 * loop, with the summary or the error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-import-job"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "import/tri-import.h"
#include "tri-import-job.h"

struct _TriImportJob
{
  GObject       parent_instance;
  char         *json_path;
  char         *out_path;   /* NULL: only check (or merge) */
  TriDocument  *into;       /* merged into, on the main loop, when imported */
  char         *tmp_dir;    /* with into: where the briefing to merge is imported */
  TriImportFormat format;
  GCancellable *cancellable;
  GtkWindow    *dialog;
  GtkWidget    *bar;
  GtkWidget    *cancel;
  guint         tick;
  gint64        started;
  gint          done;       /* atomic: events imported so far */
  gint          total;      /* atomic */
  char         *summary;
  GError       *error;
  gboolean      finished;
};

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TriImportJob, tri_import_job, G_TYPE_OBJECT)

#define SHOW_AFTER_US (250 * 1000)

static void
tri_import_job_dispose (GObject *object)
{
  TriImportJob *self = (TriImportJob *) object;

  g_clear_handle_id (&self->tick, g_source_remove);
  if (self->dialog != NULL)
    {
      gtk_window_destroy (self->dialog);
      self->dialog = NULL;
    }
  G_OBJECT_CLASS (tri_import_job_parent_class)->dispose (object);
}

static void
tri_import_job_finalize (GObject *object)
{
  TriImportJob *self = (TriImportJob *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->into);
  if (self->tmp_dir != NULL)
    {
      g_autofree char *briefing = g_build_filename (self->tmp_dir, "import.sqlite", NULL);

      g_remove (briefing);
      g_rmdir (self->tmp_dir);
      g_free (self->tmp_dir);
    }
  g_clear_pointer (&self->json_path, g_free);
  g_clear_pointer (&self->out_path, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (tri_import_job_parent_class)->finalize (object);
}

static void
tri_import_job_class_init (TriImportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tri_import_job_dispose;
  object_class->finalize = tri_import_job_finalize;

  /**
   * TriImportJob::finished:
   *
   * The import ended: done, refused, failed or cancelled (see
   * tri_import_job_get_error()).
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tri_import_job_init (TriImportJob *self)
{
  self->cancellable = g_cancellable_new ();
}

/* in the worker thread */
static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  TriImportJob *self = data;

  g_atomic_int_set (&self->done, (gint) done);
  g_atomic_int_set (&self->total, (gint) total);
}

static void
run_import (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  TriImportJob *self = source;
  g_autofree char *summary = NULL;
  GError *error = NULL;

  TriImportTarget target = { self->out_path, NULL, on_progress, self, cancellable };
  g_autofree char *briefing = NULL;

  /* a merge: imported here, off the main loop, into a briefing of its
   * own (a cancel leaves the document as it was), merged in on_done() */
  if (self->into != NULL && self->tmp_dir == NULL)
    {
      g_task_return_error (task, g_error_copy (self->error));
      return;
    }
  if (self->into != NULL)
    {
      briefing = g_build_filename (self->tmp_dir, "import.sqlite", NULL);
      target.out_path = briefing;
      target.summary_name = tri_document_get_path (self->into);
    }
  if (tri_import_file (self->format, self->json_path, &target, &summary, &error))
    g_task_return_pointer (task, g_steal_pointer (&summary), g_free);
  else
    g_task_return_error (task, error);
}

static gboolean
on_tick (gpointer data)
{
  TriImportJob *self = data;
  int done = g_atomic_int_get (&self->done);
  int total = g_atomic_int_get (&self->total);

  if (self->dialog != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->dialog)) &&
      g_get_monotonic_time () - self->started >= SHOW_AFTER_US)
    gtk_window_present (self->dialog);
  if (total > 0)
    {
      /* Translators: a GDELT file's rows are counted as they are read; their number is estimated from its size */
      g_autofree char *text = g_strdup_printf (self->format == TRI_IMPORT_GDELT ? _("%d of about %d rows")
                                                                                : _("%d of %d events"), done, total);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->bar), (double) done / total);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->bar), text);
    }
  else
    gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->bar));
  return G_SOURCE_CONTINUE;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  TriImportJob *self = TRI_IMPORT_JOB (source);

  g_clear_error (&self->error);
  self->summary = g_task_propagate_pointer (G_TASK (result), &self->error);
  /* the merge, one undoable group, where the document's "changed" may
   * redraw the window */
  if (self->summary != NULL && self->into != NULL &&
      g_cancellable_set_error_if_cancelled (self->cancellable, &self->error))
    g_clear_pointer (&self->summary, g_free);   /* cancelled as the import ended: nothing merged */
  if (self->summary != NULL && self->into != NULL)
    {
      g_autofree char *briefing = g_build_filename (self->tmp_dir, "import.sqlite", NULL);
      g_autofree char *merged = NULL;

      if (tri_import_merge_briefing (self->into, self->format, briefing, &merged, &self->error))
        {
          char *line = g_strconcat (self->summary, merged, NULL);

          g_free (self->summary);
          self->summary = line;
        }
      else
        g_clear_pointer (&self->summary, g_free);
    }
  self->finished = TRUE;
  g_clear_handle_id (&self->tick, g_source_remove);
  if (self->dialog != NULL)
    {
      gtk_window_destroy (self->dialog);
      self->dialog = NULL;
    }
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
on_cancel_clicked (GtkButton    *button,
                   TriImportJob *self)
{
  tri_import_job_cancel (self);
}

static gboolean
on_close_request (GtkWindow    *dialog,
                  TriImportJob *self)
{
  tri_import_job_cancel (self);
  return TRUE;   /* it closes when the import has stopped */
}

static TriImportJob *start (GtkWindow *parent, TriImportFormat format, const char *path,
                            const char *out_path, TriDocument *into);

/**
 * tri_import_job_start:
 * @json_path: the TimelineJS timeline
 * @out_path: (nullable): the new briefing, or %NULL to check the timeline
 *   only (the same import, into memory)
 *
 * Returns: (transfer full): the running job; "finished" follows on the
 *   main loop
 */
TriImportJob *
tri_import_job_start (GtkWindow  *parent,
                      const char *json_path,
                      const char *out_path)
{
  return tri_import_job_start_format (parent, TRI_IMPORT_TIMELINEJS, json_path, out_path);
}

/**
 * tri_import_job_start_format:
 * @format: what @path is: a TimelineJS timeline, a CSV, Trilateral JSON, GDELT
 *
 * tri_import_job_start() for any importer.
 */
TriImportJob *
tri_import_job_start_format (GtkWindow       *parent,
                             TriImportFormat  format,
                             const char      *json_path,
                             const char      *out_path)
{
  return start (parent, format, json_path, out_path, NULL);
}

/**
 * tri_import_job_start_merge:
 * @into: the editable briefing open in @parent
 *
 * Imports @path off the main loop into a temporary briefing, with progress
 * and Cancel (a cancel leaves @into as it was), then merges it into @into
 * as one undoable group; the summary says what was added, matched and
 * skipped.
 */
TriImportJob *
tri_import_job_start_merge (GtkWindow       *parent,
                            TriImportFormat  format,
                            const char      *path,
                            TriDocument     *into)
{
  g_return_val_if_fail (TRI_IS_DOCUMENT (into), NULL);
  return start (parent, format, path, NULL, into);
}

static TriImportJob *
start (GtkWindow       *parent,
       TriImportFormat  format,
       const char      *json_path,
       const char      *out_path,
       TriDocument     *into)
{
  TriImportJob *self = g_object_new (TRI_TYPE_IMPORT_JOB, NULL);
  g_autoptr(GTask) task = NULL;
  g_autofree char *base = g_path_get_basename (json_path);
  g_autofree char *heading = NULL;
  GtkWidget *box, *label, *buttons;

  self->json_path = g_strdup (json_path);
  self->out_path = g_strdup (out_path);
  self->format = format;
  self->started = g_get_monotonic_time ();
  if (into != NULL)
    {
      g_autoptr(GError) tmp_error = NULL;

      self->into = g_object_ref (into);
      self->tmp_dir = g_dir_make_tmp ("trilateral-import-XXXXXX", &tmp_error);
      if (self->tmp_dir == NULL)
        self->error = g_steal_pointer (&tmp_error);   /* said when the job ends */
    }

  self->dialog = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_transient_for (self->dialog, parent);
  gtk_window_set_modal (self->dialog, TRUE);
  gtk_window_set_resizable (self->dialog, FALSE);
  gtk_window_set_deletable (self->dialog, FALSE);
  gtk_window_set_title (self->dialog, out_path != NULL || into != NULL ? _("Importing")
                                      : format == TRI_IMPORT_TIMELINEJS ? _("Checking the Timeline")
                                      : _("Checking the File"));
  g_signal_connect (self->dialog, "close-request", G_CALLBACK (on_close_request), self);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  /* Translators: %s is a file name */
  heading = g_strdup_printf (out_path != NULL || into != NULL ? _("Importing “%s”…") : _("Checking “%s”…"), base);
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_box_append (GTK_BOX (box), label);
  self->bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (self->bar), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  heading, -1);
  gtk_box_append (GTK_BOX (box), self->bar);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (self->cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->cancel);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (self->dialog, box);
  gtk_window_set_default_widget (self->dialog, self->cancel);

  self->tick = g_timeout_add (100, on_tick, self);

  task = g_task_new (self, self->cancellable, on_done, NULL);
  g_task_set_source_tag (task, tri_import_job_start);
  g_task_run_in_thread (task, run_import);
  return self;
}

GtkWindow *
tri_import_job_get_dialog (TriImportJob *self)
{
  g_return_val_if_fail (TRI_IS_IMPORT_JOB (self), NULL);
  return self->dialog;
}

GtkWidget *
tri_import_job_get_cancel_button (TriImportJob *self)
{
  g_return_val_if_fail (TRI_IS_IMPORT_JOB (self), NULL);
  return self->cancel;
}

void
tri_import_job_cancel (TriImportJob *self)
{
  g_return_if_fail (TRI_IS_IMPORT_JOB (self));
  g_cancellable_cancel (self->cancellable);
  if (self->cancel != NULL && !self->finished)
    gtk_widget_set_sensitive (self->cancel, FALSE);
}

gboolean
tri_import_job_is_finished (TriImportJob *self)
{
  g_return_val_if_fail (TRI_IS_IMPORT_JOB (self), TRUE);
  return self->finished;
}

const char *
tri_import_job_get_json_path (TriImportJob *self)
{
  g_return_val_if_fail (TRI_IS_IMPORT_JOB (self), NULL);
  return self->json_path;
}

const char *
tri_import_job_get_out_path (TriImportJob *self)
{
  g_return_val_if_fail (TRI_IS_IMPORT_JOB (self), NULL);
  return self->out_path;
}

TriImportFormat
tri_import_job_get_format (TriImportJob *self)
{
  g_return_val_if_fail (TRI_IS_IMPORT_JOB (self), TRI_IMPORT_TIMELINEJS);
  return self->format;
}

/**
 * tri_import_job_get_into:
 *
 * Returns: (transfer none) (nullable): the briefing merged into
 */
TriDocument *
tri_import_job_get_into (TriImportJob *self)
{
  g_return_val_if_fail (TRI_IS_IMPORT_JOB (self), NULL);
  return self->into;
}

const char *
tri_import_job_get_summary (TriImportJob *self)
{
  g_return_val_if_fail (TRI_IS_IMPORT_JOB (self), NULL);
  return self->summary;
}

const GError *
tri_import_job_get_error (TriImportJob *self)
{
  g_return_val_if_fail (TRI_IS_IMPORT_JOB (self), NULL);
  return self->error;
}
