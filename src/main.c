/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trilateral"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "cli/tri-cli.h"
#include "render/tri-catalog.h"
#include "ui/tri-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TriApplication) app = NULL;
  g_autofree char *locale_dir = NULL;

  tri_application_set_start_time (g_get_monotonic_time ());
  locale_dir = tri_cli_locale_dir ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  tri_catalog_set_dir (locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tri_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
