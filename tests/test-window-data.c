/* test-window-data.c: the window's Import… and Export Data… (issue 16)
 *
 * In-process, as test-window-edit.c: each importer through the window into
 * a new briefing (the same events as the command line's import) and merged
 * into the open editable briefing (the summary says what was added,
 * matched and skipped; each merge undoes whole); a read-only briefing
 * offers an editable copy; Cancel during a large GDELT import leaves the
 * target as it was; every Export Data format is written (byte for byte
 * what --export-data writes) and read back by the program on the other
 * side; a failed export leaves no file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "document/tri-document.h"
#include "import/tri-import.h"
#include "ui/tri-data-export.h"
#include "ui/tri-window.h"
#include "tri-test-gui.h"
#include "tri-test-util.h"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (done (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return done (data);
}

static TriWindow *
present (TriWindow *window)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

/* the bundled briefing, a copy in @dir, read-only */
static TriWindow *
open_briefing (const char *dir)
{
  g_autofree char *path = tri_test_copy_briefing (dir, "briefing.sqlite");
  TriWindow *window = tri_window_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (tri_window_open_file (window, path, &error));
  g_assert_no_error (error);
  return present (window);
}

static GtkMessageDialog *
find_message (TriWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return GTK_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
has_message (gpointer data)
{
  return find_message (data) != NULL;
}

/* the message's text, and the message closed */
static char *
take_message (TriWindow *window)
{
  GtkMessageDialog *dialog;
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;

  g_assert_true (spin_until (has_message, window));
  dialog = find_message (window);
  g_object_get (dialog, "text", &primary, "secondary-text", &secondary, NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  spin (20);
  g_assert_null (find_message (window));
  return g_strconcat (primary, "\n", secondary, NULL);
}

static gboolean
has_button (GtkWidget  *widget,
            const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autoptr(GString) plain = g_string_new (gtk_button_get_label (GTK_BUTTON (widget)));

      g_string_replace (plain, "_", "", 0);
      if (g_str_equal (plain->str, label))
        return TRUE;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_button (c, label))
      return TRUE;
  return FALSE;
}

static gboolean
job_done (gpointer job)
{
  return tri_import_job_is_finished (job);
}

/* the command line, LANGUAGE=en: its exit status */
static int
run_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("TRI_EXE"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static guint
count_events (TriStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);

  g_assert_no_error (error);
  return events->len;
}

static guint
count_file_events (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (path, &error);

  g_assert_no_error (error);
  return count_events (store);
}

typedef struct
{
  TriImportFormat  format;
  char            *path;
  const char      *undo_name;
} Input;

/* One file for each importer: TimelineJS and Trilateral JSON written from
 * the bundled briefing by the command line, the committed spreadsheet and
 * GDELT sample */
static void
make_inputs (const char *dir,
             Input       inputs[4])
{
  g_autofree char *tl = g_build_filename (dir, "timeline.json", NULL);
  g_autofree char *json = g_build_filename (dir, "briefing.json", NULL);
  const char *x1[] = { "--db", tri_test_briefing_path (), "--export-data", tl, "--format", "timelinejs",
                       "--lang", "en", NULL };
  const char *x2[] = { "--db", tri_test_briefing_path (), "--export-json", json, NULL };

  g_assert_cmpint (run_cli (x1), ==, 0);
  g_assert_cmpint (run_cli (x2), ==, 0);
  inputs[0] = (Input) { TRI_IMPORT_CSV, g_test_build_filename (G_TEST_DIST, "data", "timeline-sheet.csv", NULL),
                        "Import CSV" };
  inputs[1] = (Input) { TRI_IMPORT_JSON, g_steal_pointer (&json), "Import JSON" };
  inputs[2] = (Input) { TRI_IMPORT_GDELT, g_test_build_filename (G_TEST_DIST, "data", "gdelt-sample.tsv", NULL),
                        "Import GDELT" };
  inputs[3] = (Input) { TRI_IMPORT_TIMELINEJS, g_steal_pointer (&tl), "Import TimelineJS" };
}

static void
free_inputs (Input inputs[4])
{
  for (guint i = 0; i < 4; i++)
    g_free (inputs[i].path);
}

/* Import… into a new briefing, for each importer: the file is checked,
 * the save chooser asks where, the new briefing opens with the summary
 * said, and it holds the events the command line's import gives */
static void
test_import_new (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  TriWindow *window = present (tri_window_new (NULL, NULL));
  Input inputs[4];

  make_inputs (dir, inputs);
  for (guint i = 0; i < 4; i++)
    {
      const char *name = tri_import_format_to_string (inputs[i].format);
      g_autofree char *base = g_strdup_printf ("window-%s.sqlite", name);
      g_autofree char *cli_base = g_strdup_printf ("cli-%s.sqlite", name);
      g_autofree char *out = g_build_filename (dir, base, NULL);
      g_autofree char *cli_out = g_build_filename (dir, cli_base, NULL);
      g_autofree char *option = g_strdup_printf ("--import-%s", name);
      const char *cli[] = { option, inputs[i].path, "--out", cli_out, NULL };
      g_autoptr(TriImportJob) check = NULL;
      g_autoptr(TriImportJob) job = NULL;
      g_autofree char *said = NULL;
      GtkNativeDialog *save;

      /* the check, then the save chooser (answered Cancel: nothing written) */
      check = g_object_ref (tri_window_import (window, inputs[i].format, inputs[i].path));
      g_assert_true (spin_until (job_done, check));
      g_assert_null (tri_import_job_get_error (check));
      save = tri_window_get_import_save_dialog (window);
      g_assert_nonnull (save);
      g_signal_emit_by_name (save, "response", GTK_RESPONSE_CANCEL);
      spin (20);
      g_assert_null (tri_window_get_import_save_dialog (window));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

      /* as the chooser answers with a file */
      job = g_object_ref (tri_window_import_to (window, inputs[i].format, inputs[i].path, out));
      g_assert_true (spin_until (job_done, job));
      g_assert_null (tri_import_job_get_error (job));
      said = take_message (window);
      g_test_message ("%s: %s", name, said);
      g_assert_nonnull (strstr (said, base));
      g_assert_cmpstr (tri_store_get_path (tri_window_get_store (window)), ==, out);

      g_assert_cmpint (run_cli (cli), ==, 0);
      g_assert_cmpuint (count_events (tri_window_get_store (window)), >, 0);
      g_assert_cmpuint (count_events (tri_window_get_store (window)), ==, count_file_events (cli_out));
    }
  free_inputs (inputs);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* Import… merged into the open editable briefing: the summary says what
 * was added and matched, the window shows the events, each import is one
 * step of the history and undoes whole */
static void
test_import_merge (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "mine.sqlite", NULL);
  TriWindow *window = tri_window_new (NULL, NULL);
  TriDocument *doc;
  Input inputs[4];
  guint counts[5];

  make_inputs (dir, inputs);
  tri_window_new_briefing (window, path);
  present (window);
  doc = tri_window_get_document (window);
  g_assert_nonnull (doc);
  counts[0] = count_events (tri_window_get_store (window));
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(TriImportJob) job = g_object_ref (tri_window_import_into (window, inputs[i].format, inputs[i].path));
      g_autofree char *said = NULL;
      g_autofree char *added = NULL;

      g_assert_true (spin_until (job_done, job));
      g_assert_null (tri_import_job_get_error (job));
      said = take_message (window);
      g_test_message ("%s", said);
      g_assert_nonnull (strstr (said, "Imported into this briefing"));
      g_assert_nonnull (strstr (said, "Merged into"));
      spin (50);
      counts[i + 1] = count_events (tri_window_get_store (window));
      added = g_strdup_printf (counts[i + 1] - counts[i] == 1 ? "%u event added" : "%u events added",
                               counts[i + 1] - counts[i]);
      g_assert_nonnull (strstr (said, added));
      g_assert_cmpstr (tri_document_get_undo_name (doc), ==, inputs[i].undo_name);
      /* the JSON's events come again from TimelineJS: matched, not doubled */
      if (inputs[i].format == TRI_IMPORT_TIMELINEJS)
        g_assert_null (strstr (said, " 0 matched"));
    }
  g_assert_cmpuint (counts[2], >, counts[1]);

  /* each merge undoes whole, from the window's Undo */
  for (guint i = 4; i > 0; i--)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
      spin (50);
      g_assert_cmpuint (count_events (tri_window_get_store (window)), ==, counts[i - 1]);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin (50);
  g_assert_cmpuint (count_events (tri_window_get_store (window)), ==, counts[1]);

  free_inputs (inputs);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* A read-only briefing is not merged into: the window offers an editable
 * copy, as every edit does, and the file is not touched */
static void
test_import_read_only (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "colleague.sqlite");
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "timeline-sheet.csv", NULL);
  TriWindow *window = tri_window_new (NULL, NULL);
  TriFileState before = { 0 };
  GtkMessageDialog *dialog;

  tri_test_file_state (path, &before);
  g_assert_true (tri_window_open_file (window, path, NULL));
  g_assert_null (tri_window_get_document (window));
  present (window);
  g_assert_null (tri_window_import_into (window, TRI_IMPORT_CSV, csv));
  g_assert_true (spin_until (has_message, window));
  dialog = find_message (window);
  g_assert_true (has_button (GTK_WIDGET (dialog), "Save a Copy to Edit…"));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  spin (50);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  tri_test_assert_unchanged (path, &before);
  tri_test_file_state_clear (&before);
}

static GHashTable *
import_dirs (void)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) tmp = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;

  while (tmp != NULL && (name = g_dir_read_name (tmp)) != NULL)
    if (g_str_has_prefix (name, "trilateral-import-"))
      g_hash_table_add (names, g_strdup (name));
  return names;
}

static gboolean
dialog_visible (gpointer job)
{
  GtkWindow *dialog = tri_import_job_get_dialog (job);

  return tri_import_job_is_finished (job) || (dialog != NULL && gtk_widget_get_visible (GTK_WIDGET (dialog)));
}

/* Cancel during a large GDELT import, merged and into a new briefing:
 * the import stops before its end, the briefing is as it was (no event,
 * nothing to undo), no new file and no temporary one is left */
static void
test_gdelt_cancel (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "mine.sqlite", NULL);
  g_autofree char *tsv = g_build_filename (dir, "big.tsv", NULL);
  g_autofree char *out = g_build_filename (dir, "new.sqlite", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "make-gdelt.py", NULL);
  const char *generate[] = { "python3", script, "400000", tsv, NULL };
  g_autoptr(GHashTable) tmp_before = import_dirs ();
  g_autoptr(GHashTable) tmp_after = NULL;
  g_autoptr(GError) error = NULL;
  TriWindow *window = tri_window_new (NULL, NULL);
  TriDocument *doc;
  guint before;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) generate, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  tri_window_new_briefing (window, path);
  present (window);
  doc = tri_window_get_document (window);
  before = count_events (tri_window_get_store (window));

  for (guint merged = 0; merged < 2; merged++)
    {
      g_autoptr(TriImportJob) job = g_object_ref (merged ? tri_window_import_into (window, TRI_IMPORT_GDELT, tsv)
                                                         : tri_window_import_to (window, TRI_IMPORT_GDELT, tsv, out));

      /* the progress shows, and Cancel is pressed while the rows stream */
      g_assert_true (spin_until (dialog_visible, job));
      g_assert_false (tri_import_job_is_finished (job));
      gtk_widget_activate (tri_import_job_get_cancel_button (job));
      g_assert_true (spin_until (job_done, job));
      g_assert_error ((GError *) tri_import_job_get_error (job), G_IO_ERROR, G_IO_ERROR_CANCELLED);
      spin (50);
      g_assert_null (find_message (window));
    }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_true (tri_window_get_document (window) == doc);
  g_assert_cmpuint (count_events (tri_window_get_store (window)), ==, before);
  g_assert_null (tri_document_get_undo_name (doc));
  tmp_after = import_dirs ();
  g_assert_cmpuint (g_hash_table_size (tmp_after), ==, g_hash_table_size (tmp_before));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static TriDataExportDialog *
find_export_dialog (TriWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (TRI_IS_DATA_EXPORT_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return TRI_DATA_EXPORT_DIALOG (w);
    }
  return NULL;
}

static gboolean
export_started (gpointer dialog)
{
  return tri_data_export_dialog_is_running (dialog) || tri_data_export_dialog_get_summary (dialog) != NULL ||
         *tri_data_export_dialog_get_status (dialog) != '\0';
}

static gboolean
export_done (gpointer dialog)
{
  return !tri_data_export_dialog_is_running (dialog);
}

/* Export Data… with @choice into @path: the dialog's summary, or NULL
 * with the dialog still open and its status in @status */
static char *
export_data (TriWindow     *window,
             TriDataChoice  choice,
             const char    *path,
             char         **status)
{
  g_autoptr(TriDataExportDialog) dialog = NULL;
  char *summary;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-data", NULL));
  spin (50);
  dialog = g_object_ref (find_export_dialog (window));
  g_assert_nonnull (dialog);
  tri_data_export_dialog_set_choice (dialog, choice);
  tri_data_export_dialog_set_path (dialog, path);
  gtk_widget_activate (tri_data_export_dialog_get_export_button (dialog));
  /* a button's activation clicks it a moment later */
  g_assert_true (spin_until (export_started, dialog));
  g_assert_true (spin_until (export_done, dialog));
  spin (20);
  summary = g_strdup (tri_data_export_dialog_get_summary (dialog));
  if (summary != NULL)
    {
      g_autofree char *said = take_message (window);

      g_assert_nonnull (strstr (said, summary));
      g_assert_null (find_export_dialog (window));
    }
  else
    {
      g_assert_true (find_export_dialog (window) == dialog);
      if (status != NULL)
        *status = g_strdup (tri_data_export_dialog_get_status (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      spin (20);
    }
  return summary;
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;
  gsize la = 0, lb = 0;

  g_assert_true (g_file_get_contents (a, &da, &la, NULL));
  g_assert_true (g_file_get_contents (b, &db, &lb, NULL));
  g_assert_cmpuint (la, >, 0);
  g_assert_cmpuint (la, ==, lb);
  g_assert_true (memcmp (da, db, la) == 0);
}

/* a reader on the other side: its exit status 0, or the test fails */
static void
assert_reads (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s: %s", argv[0], argv[1], err);
}

/* networkx (GEXF 1.3 registered as check-formats.py does for Debian's 2.8)
 * and Python's strict csv reader: FORMAT FILE N, N the nodes or rows */
static const char reader[] =
  "import csv, sys\n"
  "fmt, p, n = sys.argv[1], sys.argv[2], int(sys.argv[3])\n"
  "if fmt == 'csv':\n"
  "    rows = list(csv.reader(open(p, encoding='utf-8-sig', newline=''), strict=True))\n"
  "    assert len({len(r) for r in rows}) == 1, 'rows of different lengths'\n"
  "    assert n < 0 or len(rows) - 1 == n, '%d rows, not %d' % (len(rows) - 1, n)\n"
  "    assert len(rows) > 1, 'no rows'\n"
  "    sys.exit(0)\n"
  "import networkx as nx\n"
  "from networkx.readwrite import gexf\n"
  "if '1.3' not in gexf.GEXF.versions:\n"
  "    gexf.GEXF.versions['1.3'] = {'NS_GEXF': 'http://gexf.net/1.3', 'NS_VIZ': 'http://gexf.net/1.3/viz',\n"
  "        'NS_XSI': 'http://www.w3.org/2001/XMLSchema-instance',\n"
  "        'SCHEMALOCATION': 'http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd', 'VERSION': '1.3'}\n"
  "g = nx.read_gexf(p, version='1.3') if fmt == 'gexf' else nx.read_graphml(p)\n"
  "assert g.number_of_nodes() == n, '%d nodes, not %d' % (g.number_of_nodes(), n)\n"
  "assert g.number_of_edges() > 0\n";

static void
assert_python_reads (const char *format,
                     const char *path,
                     int         n)
{
  g_autofree char *count = g_strdup_printf ("%d", n);
  const char *argv[] = { "python3", "-c", reader, format, path, count, NULL };

  assert_reads (argv);
}

/* the same file through the importer on the other side of a round trip */
static void
assert_imports (TriImportFormat format,
                const char     *path)
{
  TriImportTarget check = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (tri_import_file (format, path, &check, NULL, &error));
  g_assert_no_error (error);
}

/* Export Data…, every format: written, byte for byte what --export-data
 * writes for the same request, and read by the program on the other side */
static void
test_export_formats (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *xsd = g_test_build_filename (G_TEST_DIST, "gexf-1.3", "gexf.xsd", NULL);
  TriWindow *window = open_briefing (dir);
  TriStore *store = tri_window_get_store (window);
  const char *db = tri_store_get_path (store);
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, "en", NULL);
  int n_events = count_events (store);
  struct {
    TriDataChoice choice;
    const char   *name;
    const char   *cli[4];
  } cases[] = {
    { TRI_DATA_CHOICE_CSV_EVENTS, "events.csv", { "--format", "csv", "--table", "events" } },
    { TRI_DATA_CHOICE_CSV_QUOTES, "quotes.csv", { "--format", "csv", "--table", "quotes" } },
    { TRI_DATA_CHOICE_CSV_BOTH, "both.csv", { "--format", "csv", "--table", "events" } },
    { TRI_DATA_CHOICE_TIMELINEJS, "timeline.json", { "--format", "timelinejs" } },
    { TRI_DATA_CHOICE_GEXF, "graph.gexf", { "--format", "gexf" } },
    { TRI_DATA_CHOICE_GRAPHML, "graph.graphml", { "--format", "graphml" } },
    { TRI_DATA_CHOICE_JSON, "briefing.json", { "--format", "json" } },
    { TRI_DATA_CHOICE_EVIDENCE_HTML, "evidence.html", { "--format", "evidence" } },
    { TRI_DATA_CHOICE_EVIDENCE_CSV, "evidence.csv", { "--format", "evidence" } },
    /* the open deck's (the first, as none was chosen): --deck with no name */
    { TRI_DATA_CHOICE_DECK_EVIDENCE_HTML, "deck-evidence.html", { "--format", "evidence", "--deck" } },
    { TRI_DATA_CHOICE_DECK_EVIDENCE_CSV, "deck-evidence.csv", { "--deck" } },
  };

  g_assert_nonnull (db);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autofree char *cli_name = g_strconcat ("cli-", cases[i].name, NULL);
      g_autofree char *cli_path = g_build_filename (dir, cli_name, NULL);
      const char *cli[] = { "--db", db, "--export-data", cli_path, "--lang", "en",
                            cases[i].cli[0], cases[i].cli[1], cases[i].cli[2], cases[i].cli[3], NULL };
      g_autofree char *summary = export_data (window, cases[i].choice, path, NULL);

      g_test_message ("%s: %s", cases[i].name, summary);
      g_assert_nonnull (summary);
      g_assert_nonnull (strstr (summary, path));
      g_assert_cmpint (run_cli (cli), ==, 0);
      assert_same_file (path, cli_path);

      switch (cases[i].choice)
        {
        case TRI_DATA_CHOICE_CSV_BOTH:
          {
            g_autofree char *quotes = tri_data_choice_quotes_path (path);
            g_autofree char *cli_quotes = g_build_filename (dir, "cli-quotes.csv", NULL);

            g_assert_nonnull (strstr (summary, quotes));
            assert_same_file (quotes, cli_quotes);
          }
          G_GNUC_FALLTHROUGH;
        case TRI_DATA_CHOICE_CSV_EVENTS:
          assert_python_reads ("csv", path, n_events);
          /* and Trilateral's own events CSV comes back in */
          assert_imports (TRI_IMPORT_CSV, path);
          break;
        case TRI_DATA_CHOICE_CSV_QUOTES:
        case TRI_DATA_CHOICE_EVIDENCE_CSV:
          assert_python_reads ("csv", path, -1);
          break;
        case TRI_DATA_CHOICE_DECK_EVIDENCE_CSV:
          {
            g_autofree char *text = NULL;

            assert_python_reads ("csv", path, -1);
            g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
            g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFslide,slide_title,number,quote,"));
          }
          break;
        case TRI_DATA_CHOICE_TIMELINEJS:
          assert_imports (TRI_IMPORT_TIMELINEJS, path);
          break;
        case TRI_DATA_CHOICE_GEXF:
          {
            const char *argv[] = { "xmllint", "--noout", "--schema", xsd, path, NULL };

            assert_reads (argv);
            assert_python_reads ("gexf", path, actors->len);
          }
          break;
        case TRI_DATA_CHOICE_GRAPHML:
          assert_python_reads ("graphml", path, actors->len);
          break;
        case TRI_DATA_CHOICE_JSON:
          assert_imports (TRI_IMPORT_JSON, path);
          break;
        case TRI_DATA_CHOICE_EVIDENCE_HTML:
        case TRI_DATA_CHOICE_DECK_EVIDENCE_HTML:
          {
            const char *argv[] = { "xmllint", "--html", "--noout", path, NULL };
            g_autofree char *text = NULL;

            assert_reads (argv);
            g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
            /* the deck's: a heading per slide, its quotes marked as on the page */
            if (cases[i].choice == TRI_DATA_CHOICE_DECK_EVIDENCE_HTML)
              g_assert_nonnull (strstr (text, "<td class=\"n\">[1]</td>"));
            g_assert_true ((strstr (text, "<h2>Slide 2: ") != NULL) ==
                           (cases[i].choice == TRI_DATA_CHOICE_DECK_EVIDENCE_HTML));
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* A failed export: said in the dialog, in the user's words, naming the
 * file; no file is left, and a file already there is kept as it was */
static void
test_export_fails (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "no", "such", "folder", "x.gexf", NULL);
  g_autofree char *folder = g_build_filename (dir, "a-folder.csv", NULL);
  g_autofree char *briefing_dir = tri_test_tmpdir ();
  TriWindow *window = open_briefing (briefing_dir);
  g_autofree char *status = NULL;
  g_autofree char *status2 = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n = 0;

  g_assert_null (export_data (window, TRI_DATA_CHOICE_GEXF, missing, &status));
  g_test_message ("%s", status);
  g_assert_nonnull (strstr (status, "could not be exported"));
  g_assert_nonnull (strstr (status, "x.gexf"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_null (export_data (window, TRI_DATA_CHOICE_CSV_EVENTS, folder, &status2));
  g_test_message ("%s", status2);
  g_assert_nonnull (strstr (status2, "a-folder.csv"));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);   /* the folder, nothing else */
  g_assert_null (find_message (window));
  g_rmdir (folder);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  tri_test_dir_remove (g_steal_pointer (&briefing_dir));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window-data/import-new", test_import_new);
  g_test_add_func ("/window-data/import-merge", test_import_merge);
  g_test_add_func ("/window-data/import-read-only", test_import_read_only);
  g_test_add_func ("/window-data/gdelt-cancel", test_gdelt_cancel);
  g_test_add_func ("/window-data/export-formats", test_export_formats);
  g_test_add_func ("/window-data/export-fails", test_export_fails);
  return g_test_run ();
}
