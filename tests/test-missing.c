/* test-missing.c: the text fields a briefing lacks in each language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "document/tri-document.h"
#include "document/tri-document-private.h"
#include "store/tri-missing.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

/* The same count, written the plain way in SQL, for one language */
static guint
naive_count (const char *path,
             const char *lang)
{
  static const char sql[] =
    "SELECT"
    " (SELECT NOT EXISTS (SELECT 1 FROM briefing WHERE lang = ?1 AND title <> ''))"
    " + (SELECT count (*) FROM actor a WHERE NOT EXISTS"
    "     (SELECT 1 FROM actor_name n WHERE n.actor = a.code AND n.lang = ?1 AND n.name <> ''))"
    " + (SELECT count (*) FROM event e WHERE NOT EXISTS"
    "     (SELECT 1 FROM event_text t WHERE t.event = e.id AND t.lang = ?1 AND t.title <> ''))"
    " + (SELECT count (*) FROM event e"
    "     WHERE EXISTS (SELECT 1 FROM event_text t WHERE t.event = e.id AND t.summary <> '')"
    "       AND NOT EXISTS (SELECT 1 FROM event_text t WHERE t.event = e.id AND t.lang = ?1 AND t.summary <> ''))"
    " + (SELECT count (*) FROM event e"
    "     WHERE EXISTS (SELECT 1 FROM event_text t WHERE t.event = e.id AND t.claimed_by <> '')"
    "       AND NOT EXISTS (SELECT 1 FROM event_text t WHERE t.event = e.id AND t.lang = ?1 AND t.claimed_by <> ''))"
    " + (SELECT count (*) FROM source s"
    "     WHERE EXISTS (SELECT 1 FROM source_text d WHERE d.source = s.id AND d.description <> '')"
    "       AND NOT EXISTS (SELECT 1 FROM source_text d WHERE d.source = s.id AND d.lang = ?1 AND d.description <> ''))"
    " + (SELECT count (*) FROM quote q JOIN source s ON s.id = q.source WHERE s.language <> ?1"
    "     AND NOT EXISTS (SELECT 1 FROM quote_translation t WHERE t.quote = q.id AND t.lang = ?1 AND t.text <> ''))";
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, lang, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gboolean
has_entry (GPtrArray      *missing,
           const char     *lang,
           TriMissingKind  kind,
           const char     *id,
           const char     *field,
           const char     *belongs_to)
{
  for (guint i = 0; i < missing->len; i++)
    {
      const TriMissing *m = missing->pdata[i];

      if (g_str_equal (m->lang, lang) && m->kind == kind && g_str_equal (m->id, id) &&
          g_str_equal (m->field, field) && (belongs_to == NULL || g_str_equal (m->belongs_to, belongs_to)))
        return TRUE;
    }
  return FALSE;
}

static void
assert_counts_match (const char *path,
                     GPtrArray  *missing)
{
  const char * const *langs = tri_missing_languages ();

  for (guint l = 0; langs[l] != NULL; l++)
    {
      guint want = naive_count (path, langs[l]);

      g_test_message ("%s: %u missing", langs[l], want);
      g_assert_cmpuint (tri_missing_count (missing, langs[l]), ==, want);
    }
}

/* The bundled briefing, then a copy with translations taken out: the
 * counts per language are SQL's, and each removal is listed. */
static void
test_bundled (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *copy = tri_test_copy_briefing (dir, "fewer.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) ko = NULL;

  {
    g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), &error);

    g_assert_no_error (error);
    missing = tri_missing_from_store (store, NULL, &error);
    g_assert_no_error (error);
    assert_counts_match (tri_test_briefing_path (), missing);
    g_clear_pointer (&missing, g_ptr_array_unref);
  }

  tri_test_sql (copy,
                "DELETE FROM event_text WHERE lang = 'ko' AND event IN (SELECT id FROM event ORDER BY id LIMIT 3);"
                "UPDATE event_text SET summary = NULL WHERE lang = 'vi' AND event = (SELECT max (id) FROM event);"
                "UPDATE event_text SET claimed_by = '' WHERE lang = 'ru' AND claimed_by IS NOT NULL"
                "  AND event = (SELECT min (event) FROM event_text WHERE claimed_by <> '');"
                "DELETE FROM quote_translation WHERE lang IN ('en', 'zh_CN') AND quote = (SELECT min (id) FROM quote);"
                "DELETE FROM source_text WHERE lang = 'ko' AND source = (SELECT min (id) FROM source);"
                "DELETE FROM actor_name WHERE lang = 'zh_CN' AND actor = 'PRK';"
                "DELETE FROM briefing WHERE lang = 'ru';");
  {
    g_autoptr(TriStore) store = tri_store_open (copy, &error);
    sqlite3 *db = NULL;
    g_autoptr(GPtrArray) through_db = NULL;

    g_assert_no_error (error);
    missing = tri_missing_from_store (store, NULL, &error);
    g_assert_no_error (error);
    assert_counts_match (copy, missing);
    g_assert_cmpuint (missing->len, >=, 3 * 2 + 1 + 1 + 2 + 1 + 1 + 1);
    g_assert_true (has_entry (missing, "ru", TRI_MISSING_BRIEFING, "", "title", NULL));
    g_assert_true (has_entry (missing, "zh_CN", TRI_MISSING_ACTOR, "PRK", "name", "North Korea"));
    g_assert_true (has_entry (missing, "en", TRI_MISSING_QUOTE, "1", "translation", NULL));
    g_assert_true (has_entry (missing, "zh_CN", TRI_MISSING_QUOTE, "1", "translation", NULL));
    /* the quote's own language (its source's) needs no translation */
    g_assert_false (has_entry (missing, "vi", TRI_MISSING_QUOTE, "1", "translation", NULL));

    /* the same list read through a connection, as the editor reads */
    g_assert_cmpint (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    through_db = tri_missing_from_db (db, NULL, &error);
    sqlite3_close (db);
    g_assert_no_error (error);
    g_assert_cmpuint (through_db->len, ==, missing->len);
    for (guint i = 0; i < missing->len; i++)
      {
        const TriMissing *a = missing->pdata[i], *b = through_db->pdata[i];

        g_assert_cmpstr (a->lang, ==, b->lang);
        g_assert_cmpint (a->kind, ==, b->kind);
        g_assert_cmpstr (a->id, ==, b->id);
        g_assert_cmpstr (a->field, ==, b->field);
        g_assert_cmpstr (a->belongs_to, ==, b->belongs_to);
      }

    /* one language: just its own */
    ko = tri_missing_from_store (store, "ko", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ko->len, ==, tri_missing_count (missing, "ko"));
    g_assert_cmpuint (ko->len, ==, tri_missing_count (ko, NULL));
    g_assert_cmpuint (ko->len, >=, 3 * 2 + 1);

    g_assert_null (tri_missing_from_store (store, "fr", &error));
    g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  }
}

static int
run (char       **out,
     const char  *db,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TRI_EXE"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (args, db);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* A new briefing, then an event written only in English and a quote from
 * a Vietnamese source: the report lists what the analyst must still
 * write, on the command line too. */
static void
test_new_briefing (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  gint64 event, quote;

  g_assert_true (tri_document_create_new (path, &error));
  g_assert_no_error (error);
  doc = tri_document_open (path, &error);
  g_assert_no_error (error);

  /* the triangle's three have their names; only the title is missing */
  missing = tri_missing_from_db (tri_document_get_db (doc), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 5);
  for (guint i = 0; i < missing->len; i++)
    g_assert_cmpint (((TriMissing *) missing->pdata[i])->kind, ==, TRI_MISSING_BRIEFING);
  g_clear_pointer (&missing, g_ptr_array_unref);

  {
    static const char text[] = "Hai bên đã ký hiệp ước đối tác chiến lược toàn diện.";
    TriSourceSpec source = { .id = "vna", .kind = "article", .title = "Hiệp ước", .language = "vi",
                             .date = "ngày 19 tháng 6 năm 2024", .text = text };
    TriEventText texts[] = { { "en", "Treaty signed", "They signed it.", NULL } };
    TriEventLink links[] = { { "RUS-PRK", "cooperation", 3 } };
    TriEventSpec spec = { .date = "19 June 2024", .category = "diplomacy", .confidence = "confirmed",
                          .texts = texts, .n_texts = 1, .links = links, .n_links = 1 };
    TriQuoteSpec qs = { .source = "vna", .offset = 0, .length = 10, .relation = "RUS-PRK" };

    g_assert_true (tri_document_add_source (doc, &source, &error));
    g_assert_no_error (error);
    event = tri_document_add_event (doc, &spec, &error);
    g_assert_no_error (error);
    qs.event = event;
    quote = tri_document_add_quote (doc, &qs, &error);
    g_assert_no_error (error);
  }

  missing = tri_missing_from_db (tri_document_get_db (doc), NULL, &error);
  g_assert_no_error (error);
  assert_counts_match (path, missing);
  {
    g_autofree char *eid = g_strdup_printf ("%" G_GINT64_FORMAT, event);
    g_autofree char *qid = g_strdup_printf ("%" G_GINT64_FORMAT, quote);
    const char *others[] = { "vi", "ru", "zh_CN", "ko" };

    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_assert_true (has_entry (missing, others[i], TRI_MISSING_EVENT, eid, "title", "Treaty signed"));
        g_assert_true (has_entry (missing, others[i], TRI_MISSING_EVENT, eid, "summary", "Treaty signed"));
      }
    g_assert_false (has_entry (missing, "en", TRI_MISSING_EVENT, eid, "title", NULL));
    /* no claimed-by in any language: none is asked for */
    g_assert_false (has_entry (missing, "vi", TRI_MISSING_EVENT, eid, "claimed_by", NULL));
    g_assert_true (has_entry (missing, "en", TRI_MISSING_QUOTE, qid, "translation", "Treaty signed"));
    g_assert_false (has_entry (missing, "vi", TRI_MISSING_QUOTE, qid, "translation", NULL));
    expected = g_strdup_printf ("vi\tevent\t%s\ttitle\tTreaty signed\n", eid);
  }
  g_clear_object (&doc);

  /* the command line: tab-separated, one language with --lang, JSON */
  g_assert_cmpint (run (&out, path, "--missing-translations", NULL), ==, 0);
  g_assert_nonnull (strstr (out, expected));
  g_assert_nonnull (strstr (out, "en\tbriefing\t\ttitle\t\n"));
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines) - 1, ==, missing->len);
    for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
      {
        g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);
        g_assert_cmpuint (g_strv_length (cells), ==, 5);
      }
  }
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, path, "--missing-translations", "--lang", "vi", NULL), ==, 0);
  g_assert_nonnull (strstr (out, expected));
  g_assert_null (strstr (out, "\nru\t"));
  g_assert_true (g_str_has_prefix (out, "vi\t"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, path, "--missing-translations", "--lang", "ko", "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"field\" : \"summary\""));
  g_assert_nonnull (strstr (out, "\"belongs_to\" : \"Treaty signed\""));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, path, "--missing-translations", "--lang", "fr", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/missing/bundled", test_bundled);
  g_test_add_func ("/missing/new-briefing", test_new_briefing);
  return g_test_run ();
}
