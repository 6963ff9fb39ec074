/* fuzz-open.c: opening and loading a briefing file from elsewhere
 *
 * Whatever the bytes, tri_store_open() either refuses them with an error
 * or gives a store every query of which works.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "store/tri-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *path;

/* nothing left in the temporary folder when the fuzzer ends */
static void
remove_file (void)
{
  g_unlink (path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;

  if (path == NULL)
    {
      path = g_strdup_printf ("%s/trilateral-fuzz-%d.sqlite", g_get_tmp_dir (), (int) getpid ());
      atexit (remove_file);
    }
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    abort ();

  store = tri_store_open (path, &error);
  if (store == NULL)
    {
      /* refused: with a sentence that names the file */
      if (error == NULL || strstr (error->message, path) == NULL)
        abort ();
      return 0;
    }

  {
    g_autoptr(GPtrArray) actors = tri_store_list_actors (store, "vi", NULL);
    g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
    g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
    g_autoptr(GPtrArray) sources = tri_store_list_sources (store, "en", NULL);
    g_autofree char *title = tri_store_dup_title (store, "zh_CN");
    guint32 earliest, latest;
    gint64 id = 0;

    tri_store_get_extent (store, &earliest, &latest);
    for (guint i = 0; relations && i < relations->len; i++)
      {
        g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, ((TriRelation *) relations->pdata[i])->id,
                                                             0, "en", NULL);
        (void) quotes;
      }
    for (int i = 0; i < 100 && (id = tri_store_step_event (store, id, 1)) != 0; i++)
      {
        g_autoptr(TriEvent) ev = tri_store_get_event (store, id, "ru", NULL);
        g_autoptr(GPtrArray) quotes = tri_store_list_quotes (store, 0, id, "ko", NULL);
        (void) ev;
        (void) quotes;
      }
    {
      /* a deck is read whole or refused, with a sentence naming the file */
      g_autoptr(GError) deck_error = NULL;
      g_autoptr(GPtrArray) decks = tri_store_get_decks (store, "vi", &deck_error);
      g_auto(TriMarkings) markings = { 0 };

      if (decks == NULL && (deck_error == NULL || deck_error->message == NULL))
        abort ();
      for (guint i = 0; decks && i < decks->len; i++)
        for (guint k = 0; k < ((TriDeck *) decks->pdata[i])->slides->len; k++)
          if (((TriDeckSlide *) ((TriDeck *) decks->pdata[i])->slides->pdata[k])->title == NULL)
            abort ();
      tri_store_get_markings (store, &markings, NULL);
    }
    (void) actors;
    (void) events;
    (void) sources;
    (void) title;
  }
  return 0;
}
