/* tri-catalog.c: the interface's words in the data language
 *
 * An analyst may brief in Vietnamese from an English desktop, so the words
 * drawn with the data come from the data language's own catalogue, read
 * here from the same .mo files gettext uses (GNU .mo format), rather than
 * by switching the process's locale back and forth.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-catalog"

#include "config.h"

#include <string.h>

#include "store/tri-date.h"
#include "tri-catalog.h"

typedef struct
{
  const char *text;       /* the translation, or its plural forms NUL-separated */
  guint32     len;        /* of all the forms together */
} Translation;

typedef struct
{
  GHashTable  *messages;  /* msgid (a plural entry by its singular) -> Translation */
  GArray      *translations;
  GBytes      *bytes;
} Catalog;

static char *catalog_dir;
static GHashTable *catalogs;   /* lang -> Catalog* (NULL data when absent) */
/* the renderer draws in the window and in export threads at once: the
 * table is filled under the lock; a catalogue, once loaded, only read */
static GMutex catalogs_lock;

void
tri_catalog_set_dir (const char *locale_dir)
{
  g_mutex_lock (&catalogs_lock);
  g_free (catalog_dir);
  catalog_dir = g_strdup (locale_dir);
  g_clear_pointer (&catalogs, g_hash_table_unref);
  g_mutex_unlock (&catalogs_lock);
}

static void
catalog_free (Catalog *c)
{
  if (c == NULL)
    return;
  g_clear_pointer (&c->messages, g_hash_table_unref);
  g_clear_pointer (&c->translations, g_array_unref);
  g_clear_pointer (&c->bytes, g_bytes_unref);
  g_free (c);
}

static guint32
read_u32 (const guint8 *p,
          gboolean      swap)
{
  guint32 v;

  memcpy (&v, p, 4);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

/* A .mo file: magic, revision, count, offsets of the originals' and the
 * translations' tables of (length, offset) pairs. Every offset is checked:
 * a damaged file gives no translations, never a crash. */
static Catalog *
catalog_load (const char *lang)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const guint8 *data;
  Catalog *c;
  gsize len = 0;
  guint32 magic, n, orig, trans;
  gboolean swap;

  path = g_build_filename (catalog_dir ? catalog_dir : LOCALEDIR, lang, "LC_MESSAGES",
                           GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_get_contents (path, &contents, &len, NULL) || len < 28)
    return NULL;

  data = (const guint8 *) contents;
  memcpy (&magic, data, 4);
  if (magic == 0x950412de)
    swap = FALSE;
  else if (magic == 0xde120495)
    swap = TRUE;
  else
    return NULL;

  n = read_u32 (data + 8, swap);
  orig = read_u32 (data + 12, swap);
  trans = read_u32 (data + 16, swap);
  if (orig > len || trans > len || n > (len - orig) / 8 || n > (len - trans) / 8)
    return NULL;

  c = g_new0 (Catalog, 1);
  c->bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  data = g_bytes_get_data (c->bytes, NULL);
  c->messages = g_hash_table_new (g_str_hash, g_str_equal);
  c->translations = g_array_sized_new (FALSE, FALSE, sizeof (Translation), n);

  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = read_u32 (data + orig + 8 * i, swap);
      guint32 ooff = read_u32 (data + orig + 8 * i + 4, swap);
      guint32 tlen = read_u32 (data + trans + 8 * i, swap);
      guint32 toff = read_u32 (data + trans + 8 * i + 4, swap);

      /* each string is NUL-terminated inside the file */
      if (ooff >= len || olen >= len - ooff || toff >= len || tlen >= len - toff ||
          data[ooff + olen] != '\0' || data[toff + tlen] != '\0')
        continue;
      if (olen == 0)
        continue;   /* the header */
      g_array_append_val (c->translations, ((Translation) { (const char *) data + toff, tlen }));
    }

  /* the array no longer grows: its elements can be pointed at */
  for (guint32 i = 0, k = 0; i < n && k < c->translations->len; i++)
    {
      guint32 olen = read_u32 (data + orig + 8 * i, swap);
      guint32 ooff = read_u32 (data + orig + 8 * i + 4, swap);
      guint32 tlen = read_u32 (data + trans + 8 * i, swap);
      guint32 toff = read_u32 (data + trans + 8 * i + 4, swap);

      if (ooff >= len || olen >= len - ooff || toff >= len || tlen >= len - toff ||
          data[ooff + olen] != '\0' || data[toff + tlen] != '\0' || olen == 0)
        continue;
      g_hash_table_insert (c->messages, (gpointer) (data + ooff),
                           &g_array_index (c->translations, Translation, k++));
    }
  return c;
}

static Catalog *
catalog_for (const char *lang)
{
  Catalog *c;

  g_mutex_lock (&catalogs_lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) catalog_free);
  if (!g_hash_table_lookup_extended (catalogs, lang, NULL, (gpointer *) &c))
    {
      c = catalog_load (lang);
      g_hash_table_insert (catalogs, g_strdup (lang), c);
    }
  g_mutex_unlock (&catalogs_lock);
  return c;
}

/* The plural forms of the languages Trilateral speaks (their Plural-Forms) */
static guint
plural_index (const char *lang,
              gulong      n)
{
  if (g_str_equal (lang, "ru"))
    return n % 10 == 1 && n % 100 != 11 ? 0
         : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
  if (g_str_equal (lang, "vi") || g_str_equal (lang, "zh_CN") || g_str_equal (lang, "ko"))
    return 0;
  return n == 1 ? 0 : 1;
}

/* @lang as a catalogue's name: NULL is the desktop's language */
static const char *
language (const char *lang)
{
  return lang == NULL ? tri_lang_from_environment () : tri_lang_normalize (lang);
}

/**
 * tri_data_gettext:
 * @lang: (nullable): the data language, NULL for the desktop's
 *
 * Returns: @msgid in @lang, from that language's catalogue
 */
const char *
tri_data_gettext (const char *lang,
                  const char *msgid)
{
  const Translation *t;
  Catalog *c;

  lang = language (lang);
  if (g_str_equal (lang, "en") || (c = catalog_for (lang)) == NULL)
    return msgid;
  t = g_hash_table_lookup (c->messages, msgid);
  return t != NULL && *t->text != '\0' ? t->text : msgid;
}

/**
 * tri_data_ngettext:
 * @lang: (nullable): the data language, NULL for the desktop's
 *
 * Returns: the plural form of @msgid for @n in @lang
 */
const char *
tri_data_ngettext (const char *lang,
                   const char *msgid,
                   const char *msgid_plural,
                   gulong      n)
{
  const Translation *t;
  const char *form, *end;
  Catalog *c;
  guint index;

  lang = language (lang);
  if (g_str_equal (lang, "en") || (c = catalog_for (lang)) == NULL ||
      (t = g_hash_table_lookup (c->messages, msgid)) == NULL || *t->text == '\0')
    return n == 1 ? msgid : msgid_plural;

  /* the forms follow each other, NUL-separated, within the translation */
  form = t->text;
  end = t->text + t->len;
  index = plural_index (lang, n);
  for (guint i = 0; i < index; i++)
    {
      const char *next = form + strlen (form) + 1;
      if (next >= end)
        break;
      form = next;
    }
  return form;
}
