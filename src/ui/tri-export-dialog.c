/* tri-export-dialog.c: the window's Export dialog
 *
 * The choices (view, format, size, scale, theme), then a native file
 * chooser (GTK 4.8 has no GtkFileDialog) opening in the last folder used,
 * then the same export code as the command line, and a confirmation or a
 * clear error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "export/tri-export.h"
#include "tri-export-dialog.h"

typedef struct
{
  TriWindow     *window;
  GtkWidget     *dialog;
  GtkDropDown   *view;
  GtkDropDown   *format;
  GtkDropDown   *size;
  GtkSpinButton *width;
  GtkSpinButton *height;
  GtkDropDown   *scale;
  GtkDropDown   *theme;
  GtkFileChooserNative *chooser;
} ExportDialog;

static const char * const extensions[] = { "png", "svg", "pdf" };

/* the names of tri_export_preset_sizes */
static const char * const preset_names[TRI_EXPORT_N_PRESET_SIZES] = {
  N_("1920 × 1080 (slide)"), N_("1600 × 1200 (4:3)"), N_("A4 landscape"),
};

const char *
tri_export_dialog_preset_name (guint preset)
{
  g_return_val_if_fail (preset < TRI_EXPORT_N_PRESET_SIZES, NULL);
  return _(preset_names[preset]);
}


static void
export_dialog_free (ExportDialog *d)
{
  g_clear_object (&d->chooser);
  g_free (d);
}

/* the app's settings, or NULL when its schema is not installed (tests) */
GSettings *
tri_export_dialog_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema ? g_settings_new (APP_ID) : NULL;
}

void
tri_export_dialog_message (GtkWindow      *parent,
                           GtkMessageType  type,
                           const char     *primary,
                           const char     *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              type, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fill_request (ExportDialog     *d,
              TriExportRequest *request)
{
  guint size = gtk_drop_down_get_selected (d->size);

  request->view = (TriExportView) gtk_drop_down_get_selected (d->view);
  request->scale = (int) gtk_drop_down_get_selected (d->scale) + 1;
  request->dark = gtk_drop_down_get_selected (d->theme) == 1;

  if (size < TRI_EXPORT_N_PRESET_SIZES)
    {
      request->width = tri_export_preset_sizes[size].width;
      request->height = tri_export_preset_sizes[size].height;
    }
  else if (size == TRI_EXPORT_N_PRESET_SIZES)
    tri_window_get_view_size (d->window, request->view, &request->width, &request->height);
  else
    {
      request->width = gtk_spin_button_get_value_as_int (d->width);
      request->height = gtk_spin_button_get_value_as_int (d->height);
    }
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     ExportDialog    *d)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TriExportRequest) request = NULL;
  TriExportFormat format;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      gtk_window_destroy (GTK_WINDOW (d->dialog));
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      tri_export_dialog_message (GTK_WINDOW (d->window), GTK_MESSAGE_ERROR, _("Export failed"),
                                 _("Choose a file on this computer."));
      gtk_window_destroy (GTK_WINDOW (d->dialog));
      return;
    }

  /* the extension typed wins; none typed takes the format chosen */
  if (!tri_export_format_for_path (path, &format, NULL))
    {
      char *with_ext = g_strconcat (path, ".", extensions[gtk_drop_down_get_selected (d->format)], NULL);
      g_free (path);
      path = with_ext;
    }

  request = tri_export_request_new ();
  fill_request (d, request);

  if (tri_window_export (d->window, request, path, &error))
    {
      /* Translators: %s is a file's path */
      g_autofree char *done = g_strdup_printf (_("Saved as %s"), path);

      folder = g_file_get_parent (file);
      if ((settings = tri_export_dialog_settings ()) != NULL && folder != NULL)
        {
          g_autofree char *folder_path = g_file_get_path (folder);
          g_settings_set_string (settings, "last-export-folder", folder_path ? folder_path : "");
        }
      tri_export_dialog_message (GTK_WINDOW (d->window), GTK_MESSAGE_INFO, _("Export complete"), done);
    }
  else
    tri_export_dialog_message (GTK_WINDOW (d->window), GTK_MESSAGE_ERROR, _("Export failed"), error->message);

  gtk_window_destroy (GTK_WINDOW (d->dialog));
}

static void
on_export_clicked (GtkButton    *button,
                   ExportDialog *d)
{
  g_autoptr(GSettings) settings = tri_export_dialog_settings ();
  g_autofree char *last = settings ? g_settings_get_string (settings, "last-export-folder") : NULL;
  g_autofree char *name = g_strdup_printf ("%s.%s", _("briefing"), extensions[gtk_drop_down_get_selected (d->format)]);

  d->chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (d->dialog),
                                            GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
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
on_choice_changed (GObject      *object,
                   GParamSpec   *pspec,
                   ExportDialog *d)
{
  gboolean custom = gtk_drop_down_get_selected (d->size) == TRI_EXPORT_N_PRESET_SIZES + 1;

  gtk_widget_set_sensitive (GTK_WIDGET (d->width), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (d->height), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (d->scale), gtk_drop_down_get_selected (d->format) == TRI_EXPORT_PNG);
}

/* A row of @grid: a label with a mnemonic naming a drop-down of @items */
GtkDropDown *
tri_export_dialog_add_choice (GtkGrid            *grid,
                              int                 row,
                              const char         *label,
                              const char * const *items,
                              guint               selected)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);
  GtkWidget *dd = gtk_drop_down_new_from_strings (items);

  gtk_label_set_xalign (GTK_LABEL (l), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), dd);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), selected);
  gtk_widget_set_hexpand (dd, TRUE);
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_grid_attach (grid, dd, 1, row, 2, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dd), GTK_ACCESSIBLE_RELATION_LABELLED_BY, l, NULL, -1);
  return GTK_DROP_DOWN (dd);
}

/**
 * tri_export_dialog_present:
 *
 * Opens the Export dialog for @window (Ctrl+E).
 */
void
tri_export_dialog_present (TriWindow *window)
{
  ExportDialog *d = g_new0 (ExportDialog, 1);
  const char *views[] = { _("Triangle"), _("Timeline"), _("Briefing slide"), NULL };
  const char *formats[] = { _("PNG image"), _("SVG drawing"), _("PDF document"), NULL };
  const char *sizes[] = { tri_export_dialog_preset_name (0), tri_export_dialog_preset_name (1),
                          tri_export_dialog_preset_name (2), _("The window’s size"), _("Custom"), NULL };
  const char *scales[] = { "1×", "2×", "3×", NULL };
  const char *themes[] = { _("Light"), _("Dark"), NULL };
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *size_label = gtk_label_new (_("Width × height"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  d->window = window;
  d->dialog = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (d->dialog), _("Export"));
  gtk_window_set_transient_for (GTK_WINDOW (d->dialog), GTK_WINDOW (window));
  gtk_window_set_modal (GTK_WINDOW (d->dialog), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (d->dialog), FALSE);
  g_object_set_data_full (G_OBJECT (d->dialog), "export-dialog", d, (GDestroyNotify) export_dialog_free);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  d->view = tri_export_dialog_add_choice (GTK_GRID (grid), 0, _("_What"), views, TRI_EXPORT_VIEW_SLIDE);
  d->format = tri_export_dialog_add_choice (GTK_GRID (grid), 1, _("_Format"), formats, TRI_EXPORT_PNG);
  d->size = tri_export_dialog_add_choice (GTK_GRID (grid), 2, _("_Size"), sizes, 0);

  d->width = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (16, 16384, 1));
  d->height = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (16, 16384, 1));
  gtk_spin_button_set_value (d->width, 1920);
  gtk_spin_button_set_value (d->height, 1080);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->width), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Width"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->height), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Height"), -1);
  gtk_label_set_xalign (GTK_LABEL (size_label), 1);
  gtk_grid_attach (GTK_GRID (grid), size_label, 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->width), 1, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->height), 2, 3, 1, 1);

  d->scale = tri_export_dialog_add_choice (GTK_GRID (grid), 4, _("S_cale (PNG)"), scales, 0);
  d->theme = tri_export_dialog_add_choice (GTK_GRID (grid), 5, _("_Theme"), themes,
                         tri_window_is_dark (window) ? 1 : 0);

  g_signal_connect (d->size, "notify::selected", G_CALLBACK (on_choice_changed), d);
  g_signal_connect (d->format, "notify::selected", G_CALLBACK (on_choice_changed), d);
  on_choice_changed (NULL, NULL, d);

  gtk_widget_add_css_class (export, "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), export);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), d->dialog);
  g_signal_connect (export, "clicked", G_CALLBACK (on_export_clicked), d);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (d->dialog), box);
  gtk_window_set_default_widget (GTK_WINDOW (d->dialog), export);
  gtk_window_present (GTK_WINDOW (d->dialog));
}
