/* tri-import-job.h: an import run off the main loop, with progress and Cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "import/tri-import.h"

G_BEGIN_DECLS

#define TRI_TYPE_IMPORT_JOB (tri_import_job_get_type ())

G_DECLARE_FINAL_TYPE (TriImportJob, tri_import_job, TRI, IMPORT_JOB, GObject)

TriImportJob *tri_import_job_start       (GtkWindow    *parent,
                                          const char   *json_path,
                                          const char   *out_path);
TriImportJob *tri_import_job_start_format (GtkWindow      *parent,
                                          TriImportFormat format,
                                          const char     *path,
                                          const char     *out_path);
TriImportJob *tri_import_job_start_merge (GtkWindow      *parent,
                                          TriImportFormat format,
                                          const char     *path,
                                          TriDocument    *into);
GtkWindow    *tri_import_job_get_dialog  (TriImportJob *self);
TriImportFormat tri_import_job_get_format (TriImportJob *self);
TriDocument  *tri_import_job_get_into    (TriImportJob *self);
GtkWidget    *tri_import_job_get_cancel_button (TriImportJob *self);
void          tri_import_job_cancel      (TriImportJob *self);
gboolean      tri_import_job_is_finished (TriImportJob *self);
const char   *tri_import_job_get_json_path (TriImportJob *self);
const char   *tri_import_job_get_out_path  (TriImportJob *self);
const char   *tri_import_job_get_summary   (TriImportJob *self);
const GError *tri_import_job_get_error     (TriImportJob *self);

G_END_DECLS
