/* test-import.c: TimelineJS3 timelines into briefings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "import/tri-import.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

static const char full_featured[] =
  "{ \"title\": { \"text\": { \"headline\": \"Russia &amp; <i>North Korea</i>\", \"text\": \"<p>A test.</p>\" } },"
  "  \"eras\": [ { \"start_date\": { \"year\": 2023 }, \"end_date\": { \"year\": 2024 },"
  "                \"text\": { \"headline\": \"Rapprochement\" } },"
  "              { \"start_date\": { \"year\": \"2000\" }, \"end_date\": { \"year\": \"2001\" } } ],"
  "  \"events\": ["
  "    { \"start_date\": { \"year\": 2000 }, \"text\": { \"headline\": \"Putin in Pyongyang\" }, \"group\": \"RUS-PRK\" },"
  "    { \"start_date\": { \"year\": \"2023\", \"month\": \"9\" }, \"text\": { \"headline\": \"A month\" }, \"group\": \"military\" },"
  "    { \"start_date\": { \"year\": 2023, \"month\": 9, \"day\": 13, \"hour\": 14, \"minute\": 30,"
  "                      \"display_date\": \"13 Sept., afternoon\" },"
  "      \"text\": { \"headline\": \"<b>Summit</b> at Vostochny\","
  "                \"text\": \"<p>Kim &amp; Putin met.</p><p>Second &lt;para&gt; &#8211; ok</p>\" },"
  "      \"group\": \"Cultural\", \"unique_id\": \"summit-2023\","
  "      \"media\": { \"url\": \"https://example.org/photo.jpg\", \"credit\": \"<a href='x'>Yonhap</a>\","
  "                   \"caption\": \"The two leaders\" } },"
  "    { \"start_date\": { \"year\": 2020 }, \"end_date\": { \"year\": 2021 },"
  "      \"text\": { \"text\": \"Only a body, no headline\" } }"
  "  ] }";

static char *
write_json (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static gboolean
notes_contain (GPtrArray  *notes,
               const char *needle)
{
  for (guint i = 0; i < notes->len; i++)
    if (strstr (notes->pdata[i], needle))
      return TRUE;
  return FALSE;
}

static void
test_full_featured (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *json = write_json (dir, "timeline.json", full_featured);
  g_autofree char *out = g_build_filename (dir, "new.sqlite", NULL);
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) briefing_notes = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *title = NULL;
  g_autofree char *iso = NULL;
  TriRelation *rel;
  TriEvent *summit = NULL;

  g_assert_true (tri_import_timelinejs (json, out, &summary, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (summary, "Imported 4 events"));

  store = tri_store_open (out, &error);
  g_assert_no_error (error);
  title = tri_store_dup_title (store, "en");
  g_assert_cmpstr (title, ==, "Russia & North Korea");

  events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  g_assert_cmpuint (events->len, ==, 4);

  /* a year is a year, never 1 January */
  g_assert_cmpint (((TriEvent *) events->pdata[0])->date.precision, ==, TRI_PRECISION_YEAR);
  iso = tri_day_to_iso (((TriEvent *) events->pdata[0])->date.latest);
  g_assert_cmpstr (iso, ==, "2000-12-31");
  /* a range is a span */
  g_assert_cmpint (((TriEvent *) events->pdata[1])->date.precision, ==, TRI_PRECISION_SPAN);
  g_assert_cmpstr (((TriEvent *) events->pdata[1])->title, ==, "Only a body, no headline");

  for (guint i = 0; i < events->len; i++)
    if (g_str_has_prefix (((TriEvent *) events->pdata[i])->title, "Summit"))
      summit = events->pdata[i];
  g_assert_nonnull (summit);
  g_assert_cmpint (summit->date.precision, ==, TRI_PRECISION_DAY);
  /* HTML reduced to text, entities decoded */
  g_assert_cmpstr (summit->title, ==, "Summit at Vostochny");
  g_assert_cmpstr (summit->summary, ==, "Kim & Putin met.\nSecond <para> – ok");

  /* what has no column of its own is kept */
  notes = tri_store_list_notes (store, summit->id, NULL);
  g_assert_true (notes_contain (notes, "group: Cultural"));
  g_assert_true (notes_contain (notes, "14:30"));
  g_assert_true (notes_contain (notes, "13 Sept., afternoon"));
  g_assert_true (notes_contain (notes, "summit-2023"));
  g_assert_true (notes_contain (notes, "The two leaders"));
  briefing_notes = tri_store_list_notes (store, 0, NULL);
  g_assert_cmpuint (briefing_notes->len, ==, 2);
  g_assert_true (notes_contain (briefing_notes, "Rapprochement"));

  /* the group that names a relation links to it; a category sets it */
  rel = tri_store_find_relation (store, "PRK-RUS", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((TriEvent *) events->pdata[0])->links->len, ==, 1);
  g_assert_cmpint (g_array_index (((TriEvent *) events->pdata[0])->links, TriLink, 0).relation_id, ==, rel->id);
  g_assert_cmpint (((TriEvent *) events->pdata[2])->category, ==, TRI_CATEGORY_MILITARY);

  /* the media credit and URL become a source */
  sources = tri_store_list_sources (store, "en", NULL);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (((TriSource *) sources->pdata[0])->title, ==, "Yonhap");
  g_assert_cmpstr (((TriSource *) sources->pdata[0])->description, ==, "https://example.org/photo.jpg");
}

static int
run_import (const char  *json,
            const char  *out,
            char       **err)
{
  const char *argv[] = { g_getenv ("TRI_EXE"), "--import-timelinejs", json, "--out", out, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  return WEXITSTATUS (status);
}

static void
test_bad_input (void)
{
  static const struct { const char *name; const char *json; const char *needle; } cases[] = {
    { "malformed.json", "{ \"events\": [ { \"start_date\": ", "not valid JSON" },
    { "array.json", "[ 1, 2, 3 ]", "no object at the top" },
    { "no-events.json", "{ \"title\": {} }", "has no “events”" },
    { "events-object.json", "{ \"events\": { \"a\": 1 } }", "is not a list" },
    { "event-string.json", "{ \"events\": [ \"2024\" ] }", "is not an object" },
    { "no-start.json", "{ \"events\": [ { \"text\": {} } ] }", "no start_date" },
    { "no-year.json", "{ \"events\": [ { \"start_date\": { \"month\": 3 } } ] }", "no year" },
    { "word-year.json", "{ \"events\": [ { \"start_date\": { \"year\": \"soon\" } } ] }", "not a number" },
    { "month-13.json", "{ \"events\": [ { \"start_date\": { \"year\": 2024, \"month\": 13 } } ] }", "impossible" },
    { "feb-30.json", "{ \"events\": [ { \"start_date\": { \"year\": 2023, \"month\": 2, \"day\": 30 } } ] }", "impossible" },
    { "year-50000.json", "{ \"events\": [ { \"start_date\": { \"year\": -50000 } } ] }",
      "event 1 (start date): the year -50000 is outside −9999 to 9999" },
    /* the event is named, and a year beyond 64 bits' worth is never wrapped */
    { "year-12000.json", "{ \"events\": [ { \"start_date\": { \"year\": 2024 } }, { \"start_date\": { \"year\": 2025 } },"
      " { \"start_date\": { \"year\": 2020 }, \"end_date\": { \"year\": \"12000\" } } ] }",
      "event 3 (end date): the year 12000 is outside −9999 to 9999" },
    { "year-max.json", "{ \"events\": [ { \"start_date\": { \"year\": 9223372036854775807 } } ] }",
      "the year 9223372036854775807 is outside" },
  };
  g_autofree char *dir = tri_test_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = write_json (dir, cases[i].name, cases[i].json);
      g_autofree char *out = g_build_filename (dir, "out.sqlite", NULL);
      g_autofree char *err = NULL;

      g_assert_cmpint (run_import (json, out, &err), ==, 12);
      g_test_message ("%s: %s", cases[i].name, err);
      g_assert_nonnull (strstr (err, cases[i].needle));
      g_assert_nonnull (strstr (err, json));
      /* nothing half-written */
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  /* only the inputs are left in the folder */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing))
      n++;
    g_assert_cmpuint (n, ==, G_N_ELEMENTS (cases));
  }
}

/* TimelineJS counts years as astronomers do (0 is 1 BCE): any from -9999
 * to 9999 is imported, ordered and found by range */
static void
test_any_year (void)
{
  static const char json_text[] =
    "{ \"events\": ["
    "  { \"start_date\": { \"year\": 602 }, \"text\": { \"headline\": \"Year 602\" } },"
    "  { \"start_date\": { \"year\": \"-44\", \"month\": 3, \"day\": 15 }, \"text\": { \"headline\": \"Ides\" } },"
    "  { \"start_date\": { \"year\": -5410 }, \"text\": { \"headline\": \"Creation era\" } },"
    "  { \"start_date\": { \"year\": 0 }, \"end_date\": { \"year\": 9999 }, \"text\": { \"headline\": \"All\" } }"
    "] }";
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *json = write_json (dir, "ancient.json", json_text);
  g_autofree char *out = g_build_filename (dir, "ancient.sqlite", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) bce = NULL;
  const char *order[] = { "Creation era", "Ides", "All", "Year 602" };
  g_autofree char *ides_iso = NULL;
  g_autofree char *label = NULL;

  g_assert_cmpint (run_import (json, out, &err), ==, 0);
  store = tri_store_open (out, &error);
  g_assert_no_error (error);

  events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpstr (((TriEvent *) events->pdata[i])->title, ==, order[i]);

  label = tri_date_label (&((TriEvent *) events->pdata[0])->date, "en");
  g_assert_cmpstr (label, ==, "5411 BCE");
  ides_iso = tri_day_to_iso (((TriEvent *) events->pdata[1])->date.earliest);
  g_assert_cmpstr (ides_iso, ==, "-0044-03-15");
  g_assert_null (((TriEvent *) events->pdata[0])->date_label);

  /* the index orders negative years: only what overlaps 100 BCE to 1 CE */
  bce = tri_store_list_events (store, tri_day_from_ymd (-99, 1, 1), tri_day_from_ymd (1, 1, 1), "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bce->len, ==, 2);
  g_assert_cmpstr (((TriEvent *) bce->pdata[0])->title, ==, "Ides");
  g_assert_cmpstr (((TriEvent *) bce->pdata[1])->title, ==, "All");
}

static void
test_too_big_and_existing (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *big = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *json = write_json (dir, "ok.json", full_featured);
  g_autofree char *existing = write_json (dir, "existing.sqlite", "keep me");
  g_autofree char *out = g_build_filename (dir, "out.sqlite", NULL);
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  TriFileState before;
  int fd;

  /* a 100 MB file, refused before it is read (sparse: no disk used) */
  fd = open (big, O_CREAT | O_WRONLY, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1024 * 1024), ==, 0);
  close (fd);
  g_assert_cmpint (run_import (big, out, &err), ==, 12);
  g_assert_nonnull (strstr (err, "100 MB"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* an existing file is never overwritten */
  tri_test_file_state (existing, &before);
  g_assert_cmpint (run_import (json, existing, &err2), ==, 11);
  g_assert_nonnull (strstr (err2, "already exists"));
  tri_test_assert_unchanged (existing, &before);
  tri_test_file_state_clear (&before);
}

static void
test_html_to_text (void)
{
  g_autofree char *a = tri_html_to_text ("<p>One&nbsp;two</p><ul><li>three</li><li>four &amp; five</li></ul>");
  g_autofree char *b = tri_html_to_text ("<script>x</script>broken <b unclosed");
  g_autofree char *c = tri_html_to_text ("Hangul &#54620;&#xAD6D; &unknown; end");

  g_assert_cmpstr (a, ==, "One two\nthree\nfour & five");
  g_assert_cmpstr (b, ==, "xbroken");
  g_assert_cmpstr (c, ==, "Hangul 한국 &unknown; end");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/full-featured", test_full_featured);
  g_test_add_func ("/import/bad-input", test_bad_input);
  g_test_add_func ("/import/any-year", test_any_year);
  g_test_add_func ("/import/too-big-and-existing", test_too_big_and_existing);
  g_test_add_func ("/import/html-to-text", test_html_to_text);
  return g_test_run ();
}
