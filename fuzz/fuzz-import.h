/* fuzz-import.h: the body each importer's fuzzer shares
 *
 * Whatever the bytes, the importer either refuses them with a sentence
 * that names the file and leaves nothing behind, or writes a briefing
 * that the store opens and reads in full: an importer never writes what
 * the reader refuses. The check (the same import into memory) agrees.
 *
 * Define FUZZ_FORMAT (a TriImportFormat) and FUZZ_SUFFIX (".csv") before
 * including this.
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

static char *in_path;
static char *out_path;

static void
remove_files (void)
{
  g_unlink (in_path);
  g_unlink (out_path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autofree char *summary = NULL;
  TriImportTarget check = { 0 };
  TriImportTarget target = { 0 };
  gboolean checked;

  if (in_path == NULL)
    {
      in_path = g_strdup_printf ("%s/trilateral-fuzz-import-%d%s", g_get_tmp_dir (), (int) getpid (), FUZZ_SUFFIX);
      out_path = g_strdup_printf ("%s/trilateral-fuzz-import-%d.sqlite", g_get_tmp_dir (), (int) getpid ());
      atexit (remove_files);
    }
  if (!g_file_set_contents (in_path, (const char *) data, size, NULL))
    abort ();
  g_unlink (out_path);

  checked = tri_import_file (FUZZ_FORMAT, in_path, &check, NULL, NULL);
  target.out_path = out_path;
  if (!tri_import_file (FUZZ_FORMAT, in_path, &target, &summary, &error))
    {
      /* refused: with a sentence that names the file, and nothing written */
      if (checked || error == NULL || strstr (error->message, in_path) == NULL ||
          g_file_test (out_path, G_FILE_TEST_EXISTS))
        abort ();
      return 0;
    }
  if (!checked || summary == NULL || !g_utf8_validate (summary, -1, NULL))
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
