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

/* The fixtures in tests/timelinejs/ (also the fuzzer's seeds) */
static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "timelinejs", name, NULL);
}

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
  g_autofree char *json = fixture ("full-featured.json");
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
  g_assert_nonnull (strstr (summary, "1 linked to a relation, 1 given a category by its group, 1 source, "));

  store = tri_store_open (out, &error);
  g_assert_no_error (error);
  title = tri_store_dup_title (store, "en");
  g_assert_cmpstr (title, ==, "Russia & North Korea");

  events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  g_assert_cmpuint (events->len, ==, 4);

  /* a year is a year, never 1 January */
  g_assert_cmpint (((TriEvent *) events->pdata[0])->date.precision, ==, TRI_PRECISION_YEAR);
  iso = tri_julian_to_iso (((TriEvent *) events->pdata[0])->date.latest);
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
  /* the day is known: the display_date is more, kept as a note */
  g_assert_true (notes_contain (notes, "start_date.display_date: 13 Sept., afternoon"));
  g_assert_true (notes_contain (notes, "summit-2023"));
  g_assert_true (notes_contain (notes, "The two leaders"));
  /* the panel shows the media's credit and address with the event */
  g_assert_true (notes_contain (notes, "media credit: Yonhap"));
  g_assert_true (notes_contain (notes, "media URL: https://example.org/photo.jpg"));
  /* members Trilateral has no place for are kept, not dropped */
  g_assert_true (notes_contain (notes, "background: {\"color\":\"#123456\"}"));
  g_assert_true (notes_contain (notes, "media.thumbnail: https://example.org/t.jpg"));
  briefing_notes = tri_store_list_notes (store, 0, NULL);
  g_assert_cmpuint (briefing_notes->len, ==, 3);
  g_assert_true (notes_contain (briefing_notes, "Rapprochement"));
  g_assert_true (notes_contain (briefing_notes, "title.text.text: <p>A test.</p>"));

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
  /* each refused with a sentence naming the event and the field: never
   * dropped, never silently changed */
  static const struct { const char *name; const char *json; const char *needle; } cases[] = {
    { "malformed.json", "{ \"events\": [ { \"start_date\": ", "not valid JSON" },
    { "array.json", "[ 1, 2, 3 ]", "no object at the top" },
    { "no-events.json", "{ \"title\": {} }", "has no “events”" },
    { "events-object.json", "{ \"events\": { \"a\": 1 } }", "its “events” is an object, not a list" },
    { "event-string.json", "{ \"events\": [ \"2024\" ] }", "event 1 is text, not an object" },
    { "no-start.json", "{ \"events\": [ { \"text\": {} } ] }", "event 1 has no “start_date”" },
    { "no-year.json", "{ \"events\": [ { \"start_date\": { \"month\": 3 } } ] }", "event 1: “start_date” has no year" },
    { "word-year.json", "{ \"events\": [ { \"start_date\": { \"year\": \"soon\" } } ] }",
      "event 1: “start_date.year” is “soon”, not a whole number" },
    { "fraction-month.json", "{ \"events\": [ { \"start_date\": { \"year\": 2024, \"month\": 3.5 } } ] }",
      "event 1: “start_date.month” is a fraction" },
    { "month-13.json", "{ \"events\": [ { \"start_date\": { \"year\": 2024, \"month\": 13 } } ] }", "impossible" },
    { "feb-30.json", "{ \"events\": [ { \"start_date\": { \"year\": 2023, \"month\": 2, \"day\": 30 } } ] }", "impossible" },
    { "year-0.json", "{ \"events\": [ { \"start_date\": { \"year\": -50000 } } ] }", "impossible" },
    /* was stored as 5 March: 4294967301 is 2^32 + 5 */
    { "day-2-32-plus-5.json", "{ \"events\": [ { \"start_date\": { \"year\": 2021, \"month\": 3, \"day\": 4294967301 } } ] }",
      "event 1: “start_date” is impossible (year 2021, month 3, day 4294967301)" },
    { "number-headline.json", "{ \"events\": [ { \"start_date\": { \"year\": 2021 }, \"text\": { \"headline\": 42 } } ] }",
      "event 1: “text.headline” is a number, not text" },
    { "list-body.json", "{ \"events\": [ { \"start_date\": { \"year\": 2021 }, \"text\": { \"text\": [\"a\"] } } ] }",
      "event 1: “text.text” is a list, not text" },
    { "text-string.json", "{ \"events\": [ { \"start_date\": { \"year\": 2021 } },"
                          " { \"start_date\": { \"year\": 2021 }, \"text\": \"hello\" } ] }",
      "event 2: “text” is text, not an object" },
    { "end-date-string.json", "{ \"events\": [ { \"start_date\": { \"year\": 2020 }, \"end_date\": \"2021\" } ] }",
      "event 1: “end_date” is text, not an object" },
    { "number-group.json", "{ \"events\": [ { \"start_date\": { \"year\": 2021 }, \"group\": 7 } ] }",
      "event 1: “group” is a number, not text" },
    { "bool-credit.json", "{ \"events\": [ { \"start_date\": { \"year\": 2021 }, \"media\": { \"credit\": true } } ] }",
      "event 1: “media.credit” is true or false, not text" },
    { "eras-object.json", "{ \"events\": [], \"eras\": { \"start_date\": { \"year\": 2021 } } }",
      "its “eras” is an object, not a list" },
    { "era-number.json", "{ \"events\": [], \"eras\": [ {}, 5 ] }", "era 2 is a number, not an object" },
    /* json-glib would cut the headline at the \u0000, silently */
    { "nul-headline.json", "{ \"events\": [ { \"start_date\": { \"year\": 2021 } },"
                           " { \"start_date\": { \"year\": 2021 }, \"text\": { \"headline\": \"Kim\\u0000 and Putin\" } } ] }",
      "event 2: “text.headline” has a NUL character (\\u0000)" },
    { "nul-era.json", "{ \"events\": [], \"eras\": [ { \"text\": { \"headline\": \"a\\u0000b\" } } ] }",
      "era 1: “eras” has a NUL character" },
    { "nul-and-ffff.json", "{ \"events\": [ { \"start_date\": { \"year\": 2021 },\n"
                           " \"text\": { \"headline\": \"\\uffff\", \"text\": \"a\\u0000b\" } } ] }",
      "NUL character (\\u0000) in a text on line 2" },
    { "nul-title.json", "{ \"title\": { \"text\": { \"headline\": \"\\u0000\" } }, \"events\": [] }",
      "the timeline’s title: “title.text.headline” has a NUL character" },
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

static void
test_too_big_and_existing (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *big = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *json = fixture ("full-featured.json");
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
  g_test_add_func ("/import/too-big-and-existing", test_too_big_and_existing);
  g_test_add_func ("/import/html-to-text", test_html_to_text);
  return g_test_run ();
}
