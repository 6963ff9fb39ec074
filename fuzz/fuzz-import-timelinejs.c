/* fuzz-import-timelinejs.c: importing a TimelineJS timeline from elsewhere
 *
 * Whatever the bytes, tri_import_timelinejs() either refuses them with a
 * sentence that names the file and leaves nothing behind, or writes a
 * briefing that the store opens and reads in full: the importer never
 * writes what the reader refuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "import/tri-import.h"
#include "store/tri-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *json_path;
static char *out_path;

static void
remove_files (void)
{
  g_unlink (json_path);
  g_unlink (out_path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autofree char *summary = NULL;
  gboolean checked;

  if (json_path == NULL)
    {
      json_path = g_strdup_printf ("%s/trilateral-fuzz-import-%d.json", g_get_tmp_dir (), (int) getpid ());
      out_path = g_strdup_printf ("%s/trilateral-fuzz-import-%d.sqlite", g_get_tmp_dir (), (int) getpid ());
      atexit (remove_files);
    }
  if (!g_file_set_contents (json_path, (const char *) data, size, NULL))
    abort ();
  g_unlink (out_path);

  /* the check the window makes agrees with the import */
  checked = tri_import_timelinejs_check (json_path, NULL);

  if (!tri_import_timelinejs (json_path, out_path, &summary, &error))
    {
      /* refused: with a sentence that names the file, and nothing written */
      if (checked || error == NULL || strstr (error->message, json_path) == NULL ||
          g_file_test (out_path, G_FILE_TEST_EXISTS))
        abort ();
      return 0;
    }
  if (!checked || summary == NULL)
    abort ();

  store = tri_store_open (out_path, &error);
  if (store == NULL)
    abort ();
  {
    g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
    g_autoptr(GPtrArray) sources = NULL;
    g_autoptr(GPtrArray) notes = NULL;
    g_autofree char *title = tri_store_dup_title (store, "en");

    if (events == NULL)
      abort ();
    for (guint i = 0; i < events->len && i < 50; i++)
      {
        const TriEvent *listed = events->pdata[i];
        g_autoptr(TriEvent) ev = tri_store_get_event (store, listed->id, "en", NULL);
        g_autoptr(GPtrArray) event_notes = tri_store_list_notes (store, listed->id, NULL);

        if (ev == NULL || event_notes == NULL)
          abort ();
      }
    sources = tri_store_list_sources (store, "en", &error);
    notes = tri_store_list_notes (store, 0, &error);
    if (sources == NULL || notes == NULL || title == NULL)
      abort ();
  }
  g_clear_object (&store);
  g_unlink (out_path);
  return 0;
}
