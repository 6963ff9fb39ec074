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
#include <glib/gstdio.h>
#include <sqlite3.h>

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
    { "year-50000.json", "{ \"events\": [ { \"start_date\": { \"year\": -50000 } } ] }",
      "event 1: “start_date.year” is -50000, outside −9999 to 9999" },
    /* the event is named, and a year beyond 64 bits' worth is never wrapped */
    { "year-12000.json", "{ \"events\": [ { \"start_date\": { \"year\": 2024 } }, { \"start_date\": { \"year\": 2025 } },"
      " { \"start_date\": { \"year\": 2020 }, \"end_date\": { \"year\": \"12000\" } } ] }",
      "event 3: “end_date.year” is 12000, outside −9999 to 9999" },
    { "year-max.json", "{ \"events\": [ { \"start_date\": { \"year\": 9223372036854775807 } } ] }",
      "is 9223372036854775807, outside" },
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
      /* one sentence, on one line */
      g_assert_true (g_str_has_suffix (err, ".\n"));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
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

/* A display_date is the date's label when it is the only date
 * information (only years, and it names the start's year); a note otherwise */
static void
test_display_dates (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *json = fixture ("display-dates.json");
  g_autofree char *out = g_build_filename (dir, "display.sqlite", NULL);
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  static const struct { const char *title; const char *label; const char *note; } expect[] = {
    { "Only a year, and a season to show", "Summer 1950", NULL },
    { "A span of years, shown in words", "1961 to early 1963", NULL },
    { "A display date that does not name the year", NULL, "start_date.display_date: after the armistice" },
    { "A display date that names another year", NULL, "start_date.display_date: Spring 1956" },
    { "A month as well", NULL, "start_date.display_date: February 1958, late" },
    { "Too long for a label", NULL, "start_date.display_date: 1959, as a long story goes" },
  };

  g_assert_true (tri_import_timelinejs (json, out, &summary, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (summary, "2 display_dates used as their dates’ labels"));
  store = tri_store_open (out, &error);
  g_assert_no_error (error);
  events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expect));

  for (guint k = 0; k < G_N_ELEMENTS (expect); k++)
    {
      const TriEvent *found = NULL;
      g_autoptr(TriEvent) ev = NULL;
      g_autoptr(GPtrArray) notes = NULL;

      for (guint i = 0; i < events->len; i++)
        if (g_str_equal (((TriEvent *) events->pdata[i])->title, expect[k].title))
          found = events->pdata[i];
      g_assert_nonnull (found);
      ev = tri_store_get_event (store, found->id, "en", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ev->date_label, ==, expect[k].label);
      /* the label adds wording, never a day: the date stays a year or span */
      g_assert_cmpint (ev->date.precision, !=, TRI_PRECISION_DAY);
      notes = tri_store_list_notes (store, ev->id, NULL);
      if (expect[k].note)
        g_assert_true (notes_contain (notes, expect[k].note));
      else
        g_assert_false (notes_contain (notes, "display_date"));
    }
}

/* A file nested 80,000 deep overflowed json-glib's stack: refused first */
static void
test_deep_nesting (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out.sqlite", NULL);
  const guint depth = 100000;
  GString *wrappers[3];

  /* bare, deep inside an event, deep inside an era */
  for (guint k = 0; k < 3; k++)
    {
      wrappers[k] = g_string_new (k == 0 ? "" : k == 1 ? "{ \"events\": [ { \"start_date\": { \"year\": 2021 }, \"background\": "
                                                       : "{ \"events\": [], \"eras\": [ { \"x\": ");
      for (guint i = 0; i < depth; i++)
        g_string_append_c (wrappers[k], i % 2 ? '{' : '[');
      /* a string with brackets in it counts for nothing */
      g_string_append (wrappers[k], "\"]]]\\\"[[\"");
      for (guint i = depth; i-- > 0;)
        g_string_append_c (wrappers[k], i % 2 ? '}' : ']');
      g_string_append (wrappers[k], k == 0 ? "" : " } ] }");
    }

  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *name = g_strdup_printf ("deep-%u.json", k);
      g_autofree char *json = write_json (dir, name, wrappers[k]->str);
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (run_import (json, out, &err), ==, 12);
      g_assert_nonnull (strstr (err, "nested more than 64 deep (on line 1)"));
      g_assert_false (tri_import_timelinejs_check (json, &error));
      g_assert_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_INVALID);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      g_string_free (wrappers[k], TRUE);
    }

  /* as deep as allowed is read */
  {
    GString *ok = g_string_new ("{ \"events\": [ { \"start_date\": { \"year\": 2021 }, \"background\": ");
    g_autofree char *json = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 61; i++)
      g_string_append_c (ok, '[');
    for (guint i = 0; i < 61; i++)
      g_string_append_c (ok, ']');
    g_string_append (ok, " } ] }");
    json = write_json (dir, "just-deep-enough.json", ok->str);
    g_string_free (ok, TRUE);
    g_assert_true (tri_import_timelinejs_check (json, &error));
    g_assert_no_error (error);
  }
}

/* A file that cannot be read is said to be so, not "not valid JSON" */
static void
test_unreadable (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_cmpint (run_import (missing, out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "does not exist"));
  g_assert_cmpint (run_import (dir, out, &err2), ==, 4);
  g_assert_nonnull (strstr (err2, "is a folder"));
  /* open() succeeds and read() fails, even for root */
  g_assert_cmpint (run_import ("/proc/self/mem", out, &err3), ==, 4);
  g_assert_nonnull (strstr (err3, "cannot be read: Input/output error"));
  g_assert_null (strstr (err3, "JSON"));

  if (getuid () != 0)
    {
      g_autofree char *json = write_json (dir, "locked.json", "{ \"events\": [] }");
      g_autofree char *err4 = NULL;

      g_chmod (json, 0);
      g_assert_cmpint (run_import (json, out, &err4), ==, 4);
      g_assert_nonnull (strstr (err4, "cannot be read"));
      g_unlink (json);
    }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static int
run_list_events (const char  *db,
                 char       **out)
{
  const char *argv[] = { g_getenv ("TRI_EXE"), "--db", db, "--list-events", NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  return WEXITSTATUS (status);
}

/* A 5 MB headline was written whole and then refused by the reader: the
 * importer writes no more than the store reads, and says what it cut */
static void
test_long_text (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out.sqlite", NULL);
  g_autofree char *summary = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GString) text = g_string_new ("{ \"title\": { \"text\": { \"headline\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  const gsize big = 5 * 1024 * 1024;

  /* a 5 MB title, headline, body and caption; "한" is three bytes, so a
   * cut must fall between characters */
  for (guint k = 0; k < 4; k++)
    {
      for (gsize i = 0; i < big / 3; i++)
        g_string_append (text, "한");
      g_string_append (text, k == 0 ? "\" } }, \"events\": [ { \"start_date\": { \"year\": 2021 }, \"text\": { \"headline\": \""
                           : k == 1 ? "\", \"text\": \""
                           : k == 2 ? "\" }, \"media\": { \"caption\": \""
                           : "\" } } ] }");
    }
  json = write_json (dir, "long.json", text->str);

  g_assert_true (tri_import_timelinejs (json, out, &summary, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (summary, "4 texts cut to the length Trilateral reads"));

  /* what was written is read */
  g_assert_cmpint (run_list_events (out, &listing), ==, 0);
  g_assert_nonnull (strstr (listing, "한한한"));
  store = tri_store_open (out, &error);
  g_assert_no_error (error);
  events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpuint (strlen (((TriEvent *) events->pdata[0])->title), <=, TRI_IMPORT_MAX_TEXT_BYTES);
  g_assert_true (g_utf8_validate (((TriEvent *) events->pdata[0])->title, -1, NULL));
  g_assert_true (g_utf8_validate (((TriEvent *) events->pdata[0])->summary, -1, NULL));

  /* and it says what was cut */
  notes = tri_store_list_notes (store, ((TriEvent *) events->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_true (notes_contain (notes, "“text.headline” was cut to its first 333333 of 1747626 characters"));
  g_assert_true (notes_contain (notes, "“text.text” was cut to its first 333333 of 1747626 characters"));
  /* a note too long is cut with its own mark (the reader shortens what it shows, so ask SQLite) */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (out, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT max (length (CAST (text AS BLOB))), count (*) FROM note"
                                         " WHERE text LIKE 'media caption: %… [cut to its first 333310 of 1747641 characters]'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), <=, TRI_IMPORT_MAX_TEXT_BYTES);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  {
    g_autoptr(GPtrArray) briefing = tri_store_list_notes (store, 0, &error);
    g_assert_true (notes_contain (briefing, "“title.text.headline” was cut"));
  }
}

/* "1 source", not "1 sources" */
static void
test_summary_plurals (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *json = fixture ("one-of-each.json");
  g_autofree char *out = g_build_filename (dir, "one.sqlite", NULL);
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tri_import_timelinejs (json, out, &summary, &error));
  g_assert_no_error (error);
  g_test_message ("%s", summary);
  g_assert_true (g_str_has_prefix (summary, "Imported 1 event into "));
  g_assert_nonnull (strstr (summary, ": 1 linked to a relation, 0 given a category by their group, 1 source, "));
  g_assert_nonnull (strstr (summary, "2 notes kept for what has no place of their own."));

  /* an end_date of empty strings (as a spreadsheet export writes) is no end */
  {
    g_autoptr(TriStore) store = tri_store_open (out, &error);
    g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);

    g_assert_no_error (error);
    g_assert_cmpint (((TriEvent *) events->pdata[0])->date.precision, ==, TRI_PRECISION_DAY);
  }
}

/* The window asks before its save dialog opens: the same import, written nowhere */
static void
test_check (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *good = fixture ("full-featured.json");
  g_autofree char *bad = write_json (dir, "bad.json", "{ \"events\": [ { \"start_date\": { \"year\": 2021 }, \"text\": \"hello\" } ] }");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n = 0;

  g_assert_true (tri_import_timelinejs_check (good, &error));
  g_assert_no_error (error);
  g_assert_false (tri_import_timelinejs_check (bad, &error));
  g_assert_error (error, TRI_IMPORT_ERROR, TRI_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "event 1: “text” is text, not an object"));

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing))
    n++;
  g_assert_cmpuint (n, ==, 1);
  g_unlink (bad);
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

typedef struct
{
  guint calls, last_done, total;
  GCancellable *cancel_at_second;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  Progress *p = data;

  g_assert_cmpuint (done, >=, p->last_done);
  p->last_done = done;
  p->total = total;
  if (++p->calls == 2 && p->cancel_at_second != NULL)
    g_cancellable_cancel (p->cancel_at_second);
}

static char *
write_many_events (const char *dir,
                   guint       n)
{
  g_autoptr(GString) json = g_string_new ("{\"events\": [");
  char *path = g_build_filename (dir, "many.json", NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"start_date\": {\"year\": \"%u\"}, \"text\": {\"headline\": \"Event %u\"}}",
                            i ? "," : "", 1900 + i % 100, i);
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  return path;
}

/* The window's import reports its progress, and a cancelled import leaves
 * nothing behind. */
static void
test_progress_and_cancel (void)
{
  g_autofree char *dir = tri_test_tmpdir ();
  g_autofree char *json = write_many_events (dir, 3000);
  g_autofree char *out = g_build_filename (dir, "new.sqlite", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  Progress p = { 0 };
  g_autoptr(GDir) listing = NULL;
  guint n = 0;

  g_assert_true (tri_import_timelinejs_full (json, out, on_progress, &p, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.calls, >=, 3000 / 256);
  g_assert_cmpuint (p.total, ==, 3000);
  g_unlink (out);

  p = (Progress) { 0 };
  p.cancel_at_second = cancellable;
  g_assert_false (tri_import_timelinejs_full (json, out, on_progress, &p, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);   /* the timeline only */
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
  g_test_add_func ("/import/display-dates", test_display_dates);
  g_test_add_func ("/import/deep-nesting", test_deep_nesting);
  g_test_add_func ("/import/unreadable", test_unreadable);
  g_test_add_func ("/import/long-text", test_long_text);
  g_test_add_func ("/import/summary-plurals", test_summary_plurals);
  g_test_add_func ("/import/check", test_check);
  g_test_add_func ("/import/progress-and-cancel", test_progress_and_cancel);
  return g_test_run ();
}
