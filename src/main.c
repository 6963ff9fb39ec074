/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trilateral"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli/tri-cli.h"
#include "export/tri-deck-export.h"
#include "store/tri-new-file.h"
#include "render/tri-catalog.h"
#include "ui/tri-application.h"

/* A signal that ends the process mid-write leaves no file behind: files
 * being written are unnamed, and where the file system cannot do that,
 * their temporary names are removed here, with the hidden folder of a
 * deck exported as a folder of slides. */
static void
on_fatal_signal (int sig)
{
  tri_new_file_remove_pending ();
  tri_deck_export_remove_pending ();
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
install_signal_handlers (void)
{
  static const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
  struct sigaction sa;

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_fatal_signal;
  sigemptyset (&sa.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (fatal); i++)
    sigaction (fatal[i], &sa, NULL);
  /* a file-size limit is a full disk: a failed write, not a killed process */
  signal (SIGXFSZ, SIG_IGN);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TriApplication) app = NULL;
  g_autofree char *locale_dir = NULL;
  g_auto(GStrv) args = NULL;

  tri_application_set_start_time (g_get_monotonic_time ());
  install_signal_handlers ();
  locale_dir = tri_cli_locale_dir ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  tri_catalog_set_dir (locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tri_application_new ();
  args = tri_cli_bare_deck (argc, argv);
  return g_application_run (G_APPLICATION (app), (int) g_strv_length (args), args);
}
