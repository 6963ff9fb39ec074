/* test-deck-store.c: decks and markings stored, read, edited and undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "document/tri-document.h"
#include "export/tri-deck-draw.h"
#include "store/tri-date.h"
#include "store/tri-deck.h"
#include "store/tri-filter.h"
#include "store/tri-schema.h"
#include "store/tri-store.h"
#include "store/tri-validate.h"
#include "tri-test-util.h"

static guint32
day (const char *iso)
{
  guint32 d = 0;

  g_assert_true (tri_day_from_iso (iso, &d));
  return d;
}

/* A deck as a user would read it back: one line a slide, every field */
static char *
dump_deck (const TriDeck *deck)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "deck %s\n", deck->name);
  for (guint i = 0; i < deck->slides->len; i++)
    {
      const TriDeckSlide *s = deck->slides->pdata[i];

      g_string_append_printf (out, "%s|%s|%s|%s|%s|%u|%u|%s|%s|%" G_GINT64_FORMAT "|%.2f|%.2f|%d|%s|%u|%u|%u|%s|%s\n",
                              tri_deck_slide_kind_to_string (s->kind), s->title,
                              s->judgement ? s->judgement : "-", s->notes ? s->notes : "-",
                              s->body ? s->body : "-", s->as_of, s->window_months,
                              s->relation ? s->relation : "-", s->actor ? s->actor : "-", s->event,
                              s->range_start, s->range_end, s->show_others, s->lang ? s->lang : "-",
                              s->compare_from, s->trend_from, s->trend_to,
                              tri_trend_step_to_string (s->trend_step), tri_trend_style_to_string (s->trend_style));
    }
  return g_string_free (out, FALSE);
}

static char *
dump_store (TriStore   *store,
            const char *lang)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decks = tri_store_get_decks (store, lang, &error);
  g_auto(TriMarkings) markings = { 0 };
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (decks);
  for (guint i = 0; i < decks->len; i++)
    {
      g_autofree char *d = dump_deck (decks->pdata[i]);
      g_string_append (out, d);
    }
  g_assert_true (tri_store_get_markings (store, &markings, &error));
  g_assert_no_error (error);
  g_string_append_printf (out, "markings %s|%s|%s|%s\n",
                          markings.marking ? markings.marking : "-", markings.author ? markings.author : "-",
                          markings.prepared ? markings.prepared : "-", markings.version ? markings.version : "-");
  return g_string_free (out, FALSE);
}

/* what the file holds now, read through a fresh live store */
static char *
dump_file (const char *path,
           const char *lang)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open_live (path, &error);

  g_assert_no_error (error);
  return dump_store (store, lang);
}

static void
test_model (void)
{
  g_autoptr(TriDeckSlide) slide = tri_deck_slide_new (TRI_DECK_SLIDE_TREND);
  g_autoptr(TriDeckSlide) copy = NULL;
  g_auto(TriMarkings) markings = { 0 };
  TriDeckSlideKind kind;
  TriTrendStep step;
  TriTrendStyle style;

  g_assert_cmpstr (slide->title, ==, "");
  g_assert_cmpuint (slide->window_months, ==, 12);
  slide->title = (g_free (slide->title), g_strdup ("Xu hướng"));
  slide->notes = g_strdup ("Nói chậm");
  slide->relation = g_strdup ("RUS-PRK");
  copy = tri_deck_slide_copy (slide);
  g_assert_true (copy->title != slide->title);
  g_assert_cmpstr (copy->title, ==, "Xu hướng");
  g_assert_cmpstr (copy->notes, ==, "Nói chậm");
  g_assert_cmpstr (copy->relation, ==, "RUS-PRK");
  g_assert_null (copy->body);
  g_assert_cmpint (copy->kind, ==, TRI_DECK_SLIDE_TREND);

  for (int k = 0; k < TRI_N_DECK_SLIDE_KINDS; k++)
    {
      g_assert_true (tri_deck_slide_kind_from_string (tri_deck_slide_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_cmpstr (tri_deck_slide_kind_to_string (TRI_DECK_SLIDE_COMPARE), ==, "compare");
  g_assert_false (tri_deck_slide_kind_from_string ("chart", &kind));
  g_assert_false (tri_deck_slide_kind_from_string (NULL, &kind));
  g_assert_true (tri_trend_step_from_string ("year", &step) && step == TRI_TREND_YEAR);
  g_assert_false (tri_trend_step_from_string ("month", &step));
  g_assert_true (tri_trend_style_from_string ("strip", &style) && style == TRI_TREND_STRIP);
  g_assert_false (tri_trend_style_from_string ("pie", &style));

  g_assert_true (tri_markings_is_empty (&markings));
  markings.version = g_strdup ("");
  g_assert_true (tri_markings_is_empty (&markings));
  markings.author = g_strdup ("Nhóm phân tích");
  g_assert_false (tri_markings_is_empty (&markings));
}

/* An editable copy of the bundled briefing (its events, quotes, actors),
 * without its own deck and markings, so each test starts from none */
static char *
editable_briefing (const char *dir)
{
  char *path = g_build_filename (dir, "deck.sqlite", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (tri_document_copy (tri_test_briefing_path (), path, &error));
  g_assert_no_error (error);
  tri_test_sql (path, TRI_TEST_SQL_NO_DECKS);
  return path;
}

static guint changes_seen;

static void
on_changed (TriDocument *doc,
            guint        changes,
            gpointer     data)
{
  changes_seen |= changes;
}

/* Every command, each undone and redone: the store reads back exactly
 * what was there before and after, and the menu names each. */
static void
test_commands_undo (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = editable_briefing (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = tri_document_open (path, &error);
  g_autoptr(TriDeckSlide) view = tri_deck_slide_new (TRI_DECK_SLIDE_VIEW);
  g_autoptr(TriDeckSlide) text = tri_deck_slide_new (TRI_DECK_SLIDE_TEXT);
  g_autoptr(TriDeckSlide) compare = tri_deck_slide_new (TRI_DECK_SLIDE_COMPARE);
  g_autoptr(TriDeckSlide) trend = tri_deck_slide_new (TRI_DECK_SLIDE_TREND);
  GPtrArray *states = g_ptr_array_new_with_free_func (g_free);
  TriMarkings markings = { (char *) "UNCLASSIFIED // FOR TRAINING", (char *) "Nhóm phân tích",
                           (char *) "2024-07-01", (char *) "1.0" };
  gint64 deck, s_view, s_text, s_compare, s_trend, s_copy;
  const char *names[] = { "Add Deck", "Add Slide", "Add Slide", "Add Slide", "Add Slide", "Edit Slide",
                          "Move Slide", "Duplicate Slide", "Delete Slide", "Rename Deck", "Set Markings" };
  guint n_commands = 0;

  g_assert_no_error (error);
  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), NULL);
  g_ptr_array_add (states, dump_file (path, "en"));
  g_assert_cmpstr (states->pdata[0], ==, "markings -|-|-|-\n");

  deck = tri_document_add_deck (doc, "Briefing", &error);
  g_assert_no_error (error);
  g_assert_cmpint (deck, >, 0);
  g_assert_cmpuint (changes_seen, ==, TRI_DOCUMENT_CHANGE_DECKS);
  g_assert_cmpstr (tri_document_get_undo_name (doc), ==, "Add Deck");
  g_ptr_array_add (states, dump_file (path, "en"));
  n_commands++;

  view->title = (g_free (view->title), g_strdup ("Russia – North Korea"));
  view->judgement = g_strdup ("Cooperation outweighs tension since 2023.");
  view->notes = g_strdup ("Start with the treaty.");
  view->as_of = day ("2024-06-19");
  view->window_months = 24;
  view->relation = g_strdup ("PRK-RUS");   /* either order */
  view->actor = g_strdup ("PRK");
  view->event = 15;
  view->range_start = day ("2023-01-01");
  view->range_end = day ("2024-12-31") + 0.5;
  view->show_others = TRUE;
  view->lang = g_strdup ("vi");
  s_view = tri_document_add_slide (doc, deck, -1, view, "en", &error);
  g_assert_no_error (error);
  g_ptr_array_add (states, dump_file (path, "en"));
  n_commands++;

  text->title = (g_free (text->title), g_strdup ("Bottom line up front"));
  text->body = g_strdup ("Paragraph one.\n\nParagraph two.");
  s_text = tri_document_add_slide (doc, deck, 0, text, NULL, &error);   /* first */
  g_assert_no_error (error);
  g_ptr_array_add (states, dump_file (path, "en"));
  n_commands++;

  compare->title = (g_free (compare->title), g_strdup ("What changed"));
  compare->compare_from = day ("2022-01-01");
  compare->as_of = day ("2024-06-30");
  s_compare = tri_document_add_slide (doc, deck, 1, compare, "en", &error);
  g_assert_no_error (error);
  g_ptr_array_add (states, dump_file (path, "en"));
  n_commands++;

  trend->title = (g_free (trend->title), g_strdup ("Xu hướng theo quý"));
  trend->trend_from = day ("2022-01-01");
  trend->trend_to = day ("2024-12-31");
  trend->trend_step = TRI_TREND_YEAR;
  trend->trend_style = TRI_TREND_STRIP;
  s_trend = tri_document_add_slide (doc, deck, 99, trend, "vi", &error);   /* past the end: last */
  g_assert_no_error (error);
  g_ptr_array_add (states, dump_file (path, "en"));
  n_commands++;

  /* the order asked for, every field as given; the Vietnamese-only title
   * is read in English too (any language, when neither has it) */
  {
    g_autofree char *want = g_strdup_printf (
      "deck Briefing\n"
      "text|Bottom line up front|-|-|Paragraph one.\n\nParagraph two.|0|12|-|-|0|0.00|0.00|0|-|0|0|0|quarter|multiples\n"
      "compare|What changed|-|-|-|%u|12|-|-|0|0.00|0.00|0|-|%u|0|0|quarter|multiples\n"
      "view|Russia – North Korea|Cooperation outweighs tension since 2023.|Start with the treaty.|-|%u|24|RUS-PRK|PRK|15|%.2f|%.2f|1|vi|0|0|0|quarter|multiples\n"
      "trend|Xu hướng theo quý|-|-|-|0|12|-|-|0|0.00|0.00|0|-|0|%u|%u|year|strip\n"
      "markings -|-|-|-\n",
      day ("2024-06-30"), day ("2022-01-01"), day ("2024-06-19"), (double) day ("2023-01-01"),
      day ("2024-12-31") + 0.5, day ("2022-01-01"), day ("2024-12-31"));
    g_assert_cmpstr (states->pdata[states->len - 1], ==, want);
  }

  /* edit: every field, and the texts of one language only */
  {
    g_autoptr(TriDeckSlide) values = tri_deck_slide_copy (view);

    g_free (values->title);
    values->title = g_strdup ("Nga – Triều Tiên");
    g_clear_pointer (&values->judgement, g_free);
    values->window_months = 0;
    g_clear_pointer (&values->actor, g_free);
    values->event = 0;
    values->range_start = values->range_end = 0;
    g_assert_true (tri_document_edit_slide (doc, s_view, values, "vi", &error));
    g_assert_no_error (error);
    g_ptr_array_add (states, dump_file (path, "en"));
    n_commands++;
    /* English keeps its own title; Vietnamese reads its own, and the
     * English judgement where it has none */
    g_assert_nonnull (strstr (states->pdata[states->len - 1], "view|Russia – North Korea|Cooperation outweighs"));
    g_assert_nonnull (strstr (states->pdata[states->len - 1], "|0|RUS-PRK|-|0|0.00|0.00|1|vi|"));
    {
      g_autofree char *vi = dump_file (path, "vi");
      g_assert_nonnull (strstr (vi, "view|Nga – Triều Tiên|Cooperation outweighs"));
    }
    /* for an editor: one language's own texts, no other standing in */
    {
      g_autoptr(TriDeckSlide) vi = tri_document_get_slide (doc, s_view, "vi", &error);
      g_autoptr(TriDeckSlide) en = tri_document_get_slide (doc, s_view, "en", &error);
      g_autoptr(TriDeckSlide) ko = tri_document_get_slide (doc, s_view, "ko", &error);
      g_autoptr(TriDeckSlide) none = tri_document_get_slide (doc, 4242, "en", &error);

      g_assert_null (none);
      g_assert_error (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_NO_SUCH);
      g_clear_error (&error);
      g_assert_cmpstr (vi->title, ==, "Nga – Triều Tiên");
      g_assert_null (vi->judgement);
      g_assert_cmpstr (vi->notes, ==, "Start with the treaty.");
      g_assert_cmpstr (en->title, ==, "Russia – North Korea");
      g_assert_cmpstr (en->judgement, ==, "Cooperation outweighs tension since 2023.");
      g_assert_cmpstr (ko->title, ==, "");
      g_assert_null (ko->notes);
      g_assert_cmpstr (vi->relation, ==, "RUS-PRK");
      g_assert_cmpuint (vi->window_months, ==, 0);
      g_assert_cmpuint (vi->as_of, ==, day ("2024-06-19"));
      g_assert_cmpstr (vi->lang, ==, "vi");
      g_assert_true (vi->show_others);
    }
  }

  g_assert_true (tri_document_move_slide (doc, s_trend, 0, &error));
  g_assert_no_error (error);
  g_ptr_array_add (states, dump_file (path, "en"));
  n_commands++;
  g_assert_true (g_str_has_prefix (states->pdata[states->len - 1], "deck Briefing\ntrend|"));

  s_copy = tri_document_duplicate_slide (doc, s_compare, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s_copy, >, s_trend);
  g_ptr_array_add (states, dump_file (path, "en"));
  n_commands++;
  {
    g_autoptr(TriStore) store = tri_store_open_live (path, &error);
    g_autoptr(TriDeck) d = tri_store_get_deck (store, "Briefing", "en", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (d->slides->len, ==, 5);
    /* trend, text, compare, its copy, view */
    g_assert_cmpint (((TriDeckSlide *) d->slides->pdata[2])->id, ==, s_compare);
    g_assert_cmpint (((TriDeckSlide *) d->slides->pdata[3])->id, ==, s_copy);
    g_assert_cmpstr (((TriDeckSlide *) d->slides->pdata[3])->title, ==, "What changed");
  }

  g_assert_true (tri_document_delete_slide (doc, s_text, &error));
  g_assert_no_error (error);
  g_ptr_array_add (states, dump_file (path, "en"));
  n_commands++;
  g_assert_null (strstr (states->pdata[states->len - 1], "Bottom line"));

  g_assert_true (tri_document_rename_deck (doc, deck, "Bộ trình chiếu", &error));
  g_assert_no_error (error);
  g_ptr_array_add (states, dump_file (path, "en"));
  n_commands++;

  changes_seen = 0;
  g_assert_true (tri_document_set_markings (doc, &markings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes_seen, ==, TRI_DOCUMENT_CHANGE_MARKINGS);
  g_ptr_array_add (states, dump_file (path, "en"));
  n_commands++;
  g_assert_true (g_str_has_suffix (states->pdata[states->len - 1],
                                   "markings UNCLASSIFIED // FOR TRAINING|Nhóm phân tích|2024-07-01|1.0\n"));
  g_assert_cmpuint (n_commands, ==, G_N_ELEMENTS (names));

  /* undo each, back to the start: each step reads as it was */
  for (guint i = n_commands; i > 0; i--)
    {
      g_autofree char *now = NULL;

      g_assert_cmpstr (tri_document_get_undo_name (doc), ==, names[i - 1]);
      g_assert_true (tri_document_undo (doc, &error));
      g_assert_no_error (error);
      now = dump_file (path, "en");
      g_assert_cmpstr (now, ==, states->pdata[i - 1]);
    }
  /* and redo each */
  for (guint i = 1; i <= n_commands; i++)
    {
      g_autofree char *now = NULL;

      g_assert_cmpstr (tri_document_get_redo_name (doc), ==, names[i - 1]);
      g_assert_true (tri_document_redo (doc, &error));
      g_assert_no_error (error);
      now = dump_file (path, "en");
      g_assert_cmpstr (now, ==, states->pdata[i]);
    }

  /* deleting the deck takes its slides and texts; undone, all are back */
  g_assert_true (tri_document_delete_deck (doc, deck, &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = dump_file (path, "en");
    g_assert_cmpstr (now, ==, "markings UNCLASSIFIED // FOR TRAINING|Nhóm phân tích|2024-07-01|1.0\n");
  }
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count (*) FROM slide), (SELECT count (*) FROM slide_text)",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_true (tri_document_undo (doc, &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = dump_file (path, "en");
    g_assert_cmpstr (now, ==, states->pdata[states->len - 1]);
  }

  g_ptr_array_unref (states);
}

/* What a slide may not be is refused in the user's words, and nothing of
 * it is written */
static void
test_refused (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = editable_briefing (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = tri_document_open (path, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 deck;

  g_assert_no_error (error);
  deck = tri_document_add_deck (doc, "Briefing", &error);
  g_assert_no_error (error);
  before = dump_file (path, "en");

  g_assert_cmpint (tri_document_add_deck (doc, "Briefing", &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "already has a deck named “Briefing”"));
  g_clear_error (&error);
  g_assert_cmpint (tri_document_add_deck (doc, "   ", &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "a deck needs a name");
  g_clear_error (&error);
  g_assert_false (tri_document_rename_deck (doc, deck + 100, "Other", &error));
  g_assert_error (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_NO_SUCH);
  g_clear_error (&error);

  {
    g_autoptr(TriDeckSlide) s = tri_deck_slide_new (TRI_DECK_SLIDE_COMPARE);

    s->compare_from = day ("2024-06-30");
    s->as_of = day ("2022-01-01");
    g_assert_cmpint (tri_document_add_slide (doc, deck, -1, s, "en", &error), ==, 0);
    g_assert_cmpstr (error->message, ==, "a compare slide compares from a date before its “as of” date");
    g_clear_error (&error);
    s->compare_from = 0;
    g_assert_cmpint (tri_document_add_slide (doc, deck, -1, s, "en", &error), ==, 0);
    g_assert_cmpstr (error->message, ==, "a compare slide needs the date to compare from");
    g_clear_error (&error);

    s->kind = TRI_DECK_SLIDE_TREND;
    s->trend_from = day ("2024-01-01");
    s->trend_to = day ("2023-01-01");
    g_assert_cmpint (tri_document_add_slide (doc, deck, -1, s, "en", &error), ==, 0);
    g_assert_cmpstr (error->message, ==, "a trend slide’s span must end after it starts");
    g_clear_error (&error);

    s->kind = TRI_DECK_SLIDE_VIEW;
    s->event = 99999;
    g_assert_cmpint (tri_document_add_slide (doc, deck, -1, s, "en", &error), ==, 0);
    g_assert_cmpstr (error->message, ==, "the briefing has no event 99999");
    g_clear_error (&error);
    s->event = 0;
    s->relation = g_strdup ("RUS-XYZ");
    g_assert_cmpint (tri_document_add_slide (doc, deck, -1, s, "en", &error), ==, 0);
    g_assert_nonnull (strstr (error->message, "RUS-XYZ"));
    g_clear_error (&error);
    g_clear_pointer (&s->relation, g_free);
    s->range_start = day ("2024-01-01");
    s->range_end = day ("2023-01-01");
    g_assert_cmpint (tri_document_add_slide (doc, deck, -1, s, "en", &error), ==, 0);
    g_assert_cmpstr (error->message, ==, "the timeline’s range must end after it starts");
    g_clear_error (&error);
    s->range_start = s->range_end = 0;
    s->title = (g_free (s->title), g_strnfill (TRI_DECK_MAX_TITLE + 1, 'x'));
    g_assert_cmpint (tri_document_add_slide (doc, deck, -1, s, "en", &error), ==, 0);
    g_assert_cmpstr (error->message, ==, "the text is longer than 400 characters");
    g_clear_error (&error);
    s->title = (g_free (s->title), g_strdup ("ok"));
    g_assert_cmpint (tri_document_add_slide (doc, deck + 7, -1, s, "en", &error), ==, 0);
    g_assert_error (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_NO_SUCH);
    g_clear_error (&error);
  }
  {
    TriMarkings long_one = { NULL, NULL, NULL, NULL };

    long_one.marking = g_strnfill (TRI_DECK_MAX_TITLE + 1, 'M');
    g_assert_false (tri_document_set_markings (doc, &long_one, &error));
    g_assert_nonnull (strstr (error->message, "longer than"));
    g_clear_error (&error);
    g_free (long_one.marking);
  }
  g_assert_false (tri_document_delete_slide (doc, 4242, &error));
  g_assert_error (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_NO_SUCH);
  g_clear_error (&error);

  after = dump_file (path, "en");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (tri_document_get_undo_name (doc), ==, "Add Deck");
}

/* Deleting an event a slide selects: the slide selects none (in the same
 * command), and undo gives it back */
static void
test_delete_event (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = editable_briefing (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriDocument) doc = tri_document_open (path, &error);
  g_autoptr(TriDeckSlide) s = tri_deck_slide_new (TRI_DECK_SLIDE_VIEW);
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  g_autofree char *back = NULL;
  gint64 deck;

  g_assert_no_error (error);
  deck = tri_document_add_deck (doc, "Briefing", &error);
  s->event = 15;
  g_assert_cmpint (tri_document_add_slide (doc, deck, -1, s, "en", &error), >, 0);
  g_assert_no_error (error);
  with = dump_file (path, "en");
  g_assert_nonnull (strstr (with, "|15|"));

  changes_seen = 0;
  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), NULL);
  g_assert_true (tri_document_delete_event (doc, 15, &error));
  g_assert_no_error (error);
  g_assert_true (changes_seen & TRI_DOCUMENT_CHANGE_DECKS);
  without = dump_file (path, "en");
  g_assert_null (strstr (without, "|15|"));
  g_assert_true (tri_document_undo (doc, &error));
  g_assert_no_error (error);
  back = dump_file (path, "en");
  g_assert_cmpstr (back, ==, with);
}

/* A schema 6 briefing is migrated to a copy (the original untouched): it
 * has no deck and no markings, and the new tables keep their rules */
static void
test_migrate_schema_6 (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *old = g_build_filename (dir, "six.sqlite", NULL);
  g_autofree char *copy = g_build_filename (dir, "seven.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_auto(TriMarkings) markings = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  TriFileState before;

  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  g_assert_true (tri_schema_create (db, 6, &error));
  g_assert_no_error (error);
  g_assert_true (tri_sql_exec (db,
    "INSERT INTO actor VALUES ('RUS', '#0072B2', 0), ('PRK', '#CC79A7', 1);"
    "INSERT INTO actor_name VALUES ('RUS', 'en', 'Russia'), ('PRK', 'en', 'North Korea');"
    "INSERT INTO relation VALUES (1, 'RUS', 'PRK');"
    "INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
    "  VALUES (1, '2024-06-19', 'day', 2460481, 2460481, 'diplomacy', 'confirmed');"
    "INSERT INTO event_text VALUES (1, 'en', 'Treaty', 'A treaty.', NULL);"
    "INSERT INTO event_relation VALUES (1, 1, 'cooperation', 3);", &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  tri_test_file_state (old, &before);

  g_assert_null (tri_store_open (old, &error));
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_TOO_OLD);
  g_clear_error (&error);

  g_assert_true (tri_store_migrate_copy (old, copy, &error));
  g_assert_no_error (error);
  tri_test_assert_unchanged (old, &before);
  tri_test_file_state_clear (&before);

  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT (SELECT user_version FROM pragma_user_version),"
                   " (SELECT count (*) FROM deck) + (SELECT count (*) FROM slide)"
                   " + (SELECT count (*) FROM slide_text) + (SELECT count (*) FROM markings),"
                   " (SELECT count (*) FROM event)",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, TRI_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
  sqlite3_finalize (stmt);
  /* the rules of the new tables hold in the migrated file */
  g_assert_true (tri_sql_exec (db, "INSERT INTO deck (id, name) VALUES (1, 'Briefing')", NULL));
  g_assert_false (tri_sql_exec (db, "INSERT INTO deck (id, name) VALUES (2, 'Briefing')", NULL));
  g_assert_false (tri_sql_exec (db, "INSERT INTO deck (id, name) VALUES (3, '')", NULL));
  g_assert_false (tri_sql_exec (db, "INSERT INTO slide (id, deck, position, kind) VALUES (1, 1, 0, 'chart')", NULL));
  g_assert_false (tri_sql_exec (db, "INSERT INTO slide (id, deck, position, kind) VALUES (1, 1, 0, 'compare')", NULL));
  g_assert_false (tri_sql_exec (db, "INSERT INTO slide (id, deck, position, kind, as_of) VALUES (1, 1, 0, 'view', 99999999)", NULL));
  g_assert_false (tri_sql_exec (db, "INSERT INTO slide (id, deck, position, kind, trend_from, trend_to, trend_step, trend_style)"
                                " VALUES (1, 1, 0, 'trend', 2460481, 2460000, 'year', 'strip')", NULL));
  g_assert_false (tri_sql_exec (db, "INSERT INTO markings (id, marking) VALUES (2, 'x')", NULL));
  g_assert_true (tri_sql_exec (db, "DELETE FROM deck", NULL));
  sqlite3_close (db);

  store = tri_store_open (copy, &error);
  g_assert_no_error (error);
  decks = tri_store_get_decks (store, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decks->len, ==, 0);
  g_assert_null (tri_store_get_deck (store, NULL, "en", &error));
  g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_NO_SUCH);
  g_clear_error (&error);
  g_assert_null (tri_store_get_deck (store, "Briefing", "en", &error));
  g_assert_cmpstr (error->message, ==, "No deck named “Briefing”.");
  g_clear_error (&error);
  g_assert_true (tri_store_get_markings (store, &markings, &error));
  g_assert_true (tri_markings_is_empty (&markings));
  events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);

  /* a file made editable in format 6 is not edited in place: an editable
   * copy migrates it, and that one is edited, decks and all */
  {
    g_autofree char *editable6 = g_build_filename (dir, "editable6.sqlite", NULL);
    g_autofree char *editable7 = g_build_filename (dir, "editable7.sqlite", NULL);
    g_autoptr(TriDocument) doc = NULL;

    {
      g_autofree char *sql = g_strdup_printf ("VACUUM INTO '%s'", editable6);

      tri_test_sql (old, sql);
    }
    tri_test_sql (editable6, "INSERT INTO editable VALUES ('Trilateral 0.6', '2024-07-01T00:00:00Z')");
    g_assert_null (tri_document_open (editable6, &error));
    g_assert_error (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_NOT_EDITABLE);
    g_assert_nonnull (strstr (error->message, "older version of Trilateral (format 6)"));
    g_clear_error (&error);
    g_assert_true (tri_document_copy (editable6, editable7, &error));
    g_assert_no_error (error);
    doc = tri_document_open (editable7, &error);
    g_assert_no_error (error);
    g_assert_cmpint (tri_document_add_deck (doc, "Briefing", &error), ==, 1);
    g_assert_no_error (error);
  }
}

/* A file changed outside Trilateral: each deck row Trilateral never
 * writes makes the deck refused, in one sentence naming the deck and the
 * slide, while the rest of the briefing reads as before. */
static void
test_hostile (void)
{
  static const struct
  {
    const char *sql;
    const char *says;
  } cases[] = {
    { "UPDATE slide SET kind = 'chart' WHERE id = 2", "(slide 2 of deck “Briefing”): its kind “chart” is unknown" },
    { "UPDATE slide SET as_of = 'soon' WHERE id = 1", "(slide 1 of deck “Briefing”): it has a date Trilateral cannot place" },
    { "UPDATE slide SET as_of = 99999999999 WHERE id = 1", "(slide 1 of deck “Briefing”): it has a date Trilateral cannot place" },
    { "UPDATE slide SET range_start = 2460481, range_end = 2460000 WHERE id = 1", "its timeline range ends before it starts" },
    { "UPDATE slide SET range_start = 1e300, range_end = 2e300 WHERE id = 1", "has a date Trilateral cannot place" },
    { "UPDATE slide SET window_months = -5 WHERE id = 1", "its period is not a number of months" },
    { "UPDATE slide SET event = 99999 WHERE id = 1", "(slide 1 of deck “Briefing”): it names an event the briefing does not have" },
    { "UPDATE slide SET relation = 999 WHERE id = 1", "it names a relation the briefing does not have" },
    { "UPDATE slide SET actor = 'XYZ' WHERE id = 1", "it names an actor the briefing does not have" },
    { "UPDATE slide SET show_others = 7 WHERE id = 1", "other actors is neither yes nor no" },
    { "UPDATE slide SET lang = 'x'' OR 1' WHERE id = 1", "its language is not a language code" },
    { "UPDATE slide SET compare_from = NULL WHERE id = 2", "(slide 2 of deck “Briefing”): it compares from a date" },
    { "UPDATE slide SET trend_step = 'month' WHERE id = 3", "(slide 3 of deck “Briefing”): its trend step or style is unknown" },
    { "UPDATE slide SET trend_to = 2400000 WHERE id = 3", "its trend span ends before it starts" },
    { "UPDATE slide_text SET title = printf ('%.*c', 100000, 'x') WHERE slide = 2", "(slide 2 of deck “Briefing”): it has a text longer than a slide holds" },
    { "UPDATE slide_text SET notes = printf ('%.*c', 7000, 'n') WHERE slide = 3", "(slide 3 of deck “Briefing”): it has a text longer" },
    { "UPDATE deck SET name = ''", "(deck “”): it has no name Trilateral can show" },
    { "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001)"
      " INSERT INTO slide (id, deck, position, kind) SELECT 100 + i, 1, 10 + i, 'text' FROM n",
      "(deck “Briefing”): it has more than 1000 slides" },
    { "UPDATE markings SET marking = printf ('%.*c', 500, 'M')", "has markings longer than a slide holds" },
  };
  g_auto(TriTestDir) dir = tri_test_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("hostile-%u.sqlite", i);
      g_autofree char *path = tri_test_copy_briefing (dir, name);
      g_autofree char *sql = g_strdup_printf (
        "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;"
        "DELETE FROM slide_text; DELETE FROM slide; DELETE FROM deck; DELETE FROM markings;"
        "INSERT INTO deck (id, name) VALUES (1, 'Briefing');"
        "INSERT INTO slide (id, deck, position, kind, as_of, relation, actor, event) VALUES (1, 1, 0, 'view', 2460481, 2, 'PRK', 15);"
        "INSERT INTO slide (id, deck, position, kind, compare_from, as_of) VALUES (2, 1, 1, 'compare', 2459581, 2460492);"
        "INSERT INTO slide (id, deck, position, kind, trend_from, trend_to, trend_step, trend_style)"
        "  VALUES (3, 1, 2, 'trend', 2459581, 2460676, 'quarter', 'multiples');"
        "INSERT INTO slide_text (slide, lang, title) VALUES (1, 'en', 'One'), (2, 'en', 'Two'), (3, 'en', 'Three');"
        "INSERT INTO markings (id, marking) VALUES (1, 'UNCLASSIFIED');"
        "%s;", cases[i].sql);
      g_autoptr(GError) error = NULL;
      g_autoptr(TriStore) store = NULL;
      g_autoptr(GPtrArray) decks = NULL;
      g_autoptr(TriDeck) deck = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_auto(TriMarkings) markings = { 0 };

      tri_test_sql (path, sql);
      store = tri_store_open (path, &error);
      g_assert_no_error (error);
      g_test_message ("%s", cases[i].sql);

      if (strstr (cases[i].says, "markings") != NULL)
        {
          g_assert_false (tri_store_get_markings (store, &markings, &error));
          g_assert_true (tri_markings_is_empty (&markings));
        }
      else
        {
          decks = tri_store_get_decks (store, "en", &error);
          g_assert_null (decks);
        }
      g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, path));
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("“%s” does not say “%s”", error->message, cases[i].says);
      g_clear_error (&error);
      if (!strstr (cases[i].says, "markings") && !strstr (cases[i].says, "has no name"))
        {
          deck = tri_store_get_deck (store, "Briefing", "en", &error);
          g_assert_null (deck);
          g_assert_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_DAMAGED);
          g_clear_error (&error);
        }

      /* the rest reads, and no read has failed */
      events = tri_store_list_events (store, 0, G_MAXUINT32, "en", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (events->len, >, 10);
      g_assert_null (tri_store_get_read_error (store));
    }

  /* the same file, unharmed, reads whole */
  {
    g_autofree char *path = tri_test_copy_briefing (dir, "fine.sqlite");
    g_autoptr(GError) error = NULL;
    g_autoptr(TriStore) store = NULL;
    g_autoptr(TriDeck) deck = NULL;

    tri_test_sql (path,
                  "DELETE FROM slide_text; DELETE FROM slide; DELETE FROM deck;"
                  "INSERT INTO deck (id, name) VALUES (1, 'Briefing');"
                  "INSERT INTO slide (id, deck, position, kind, as_of, relation, actor, event) VALUES (1, 1, 0, 'view', 2460481, 2, 'PRK', 15);"
                  "INSERT INTO slide_text (slide, lang, title, notes) VALUES (1, 'vi', 'Một', 'Ghi chú');");
    store = tri_store_open (path, &error);
    g_assert_no_error (error);
    deck = tri_store_get_deck (store, NULL, "ru", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (deck->slides->len, ==, 1);
    /* neither Russian nor English: the language it has */
    g_assert_cmpstr (((TriDeckSlide *) deck->slides->pdata[0])->title, ==, "Một");
    g_assert_cmpstr (((TriDeckSlide *) deck->slides->pdata[0])->notes, ==, "Ghi chú");
    g_assert_cmpint (((TriDeckSlide *) deck->slides->pdata[0])->event, ==, 15);
    g_assert_cmpuint (((TriDeckSlide *) deck->slides->pdata[0])->as_of, ==, day ("2024-06-19"));
  }
}

/* Runs a program of the build with @args; its exit code, and its stderr */
static int
run_tool (const char  *env_name,
          char       **err,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv (env_name));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* the decks and markings every test of the format starts from: each
 * kind, every field of a slide, several languages, a text in one
 * language only, a range to the second */
static const char decks_json[] =
  "{\"markings\": {\"marking\": \"UNCLASSIFIED // FOR TRAINING\", \"author\": \"Nhóm phân tích\","
  "  \"prepared\": \"2024-07-01\", \"version\": \"1.0\"},"
  " \"decks\": ["
  "  {\"name\": \"Briefing\", \"slides\": ["
  "    {\"kind\": \"view\", \"title\": {\"en\": \"Russia – North Korea\", \"vi\": \"Nga – Triều Tiên\", \"ko\": \"러시아 – 북한\"},"
  "     \"judgement\": {\"en\": \"Cooperation outweighs tension.\"}, \"notes\": {\"en\": \"Start with the treaty.\", \"ru\": \"Начните с договора.\"},"
  "     \"as_of\": \"2024-06-19\", \"window_months\": 24, \"relation\": \"RUS-PRK\", \"actor\": \"PRK\", \"event\": 15,"
  "     \"range\": [\"2023-01-01\", \"2024-12-31\"], \"show_others\": true, \"lang\": \"vi\"},"
  "    {\"kind\": \"view\", \"title\": {\"vi\": \"Chỉ tiếng Việt\"}, \"range\": [\"2023-01-01T06:00:00\", \"2023-03-01T18:30:15\"],"
  "     \"window_months\": 0},"
  "    {\"kind\": \"text\", \"title\": {\"en\": \"Bottom line up front\"},"
  "     \"body\": {\"en\": \"Paragraph one.\\n\\nParagraph two.\", \"zh_CN\": \"第一段。\\n\\n第二段。\"}},"
  "    {\"kind\": \"compare\", \"title\": {\"en\": \"What changed\"}, \"from\": \"2022-01-01\", \"as_of\": \"2024-06-30\"},"
  "    {\"kind\": \"trend\", \"title\": {}, \"from\": \"2022-01-01\", \"to\": \"2024-12-31\","
  "     \"step\": \"year\", \"style\": \"strip\"}]},"
  "  {\"name\": \"Bộ thứ hai\", \"slides\": []}]}";

/* data/briefing.json with @extra's members added (or replaced) */
static char *
briefing_with (const char *dir,
               const char *name,
               JsonObject *extra)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = json_object_get_members (extra);
  char *path = g_build_filename (dir, name, NULL);
  JsonObject *root;

  g_assert_true (json_parser_load_from_file (parser, g_getenv ("TRI_BRIEFING_JSON"), &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  for (GList *l = members; l; l = l->next)
    json_object_set_member (root, l->data, json_node_copy (json_object_get_member (extra, l->data)));
  json_generator_set_root (gen, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (gen, path, &error));
  g_assert_no_error (error);
  return path;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* JSON → briefing → JSON: the decks and markings come back as they were
 * written, and the store reads every field */
static void
test_json_round_trip (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autoptr(JsonNode) extra = parse (decks_json);
  g_autofree char *in = briefing_with (dir, "in.json", json_node_get_object (extra));
  g_autofree char *db = g_build_filename (dir, "b.sqlite", NULL);
  g_autofree char *imported = g_build_filename (dir, "imported.sqlite", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  g_auto(TriMarkings) markings = { 0 };
  JsonObject *got, *want = json_node_get_object (extra);
  const TriDeckSlide *s;

  g_assert_cmpint (run_tool ("TRI_COMPILE", &err, in, db, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool ("TRI_EXE", &err, "--db", db, "--export-data", out, NULL), ==, 0);
  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
  got = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_node_equal (json_object_get_member (got, "markings"), json_object_get_member (want, "markings")));
  if (!json_node_equal (json_object_get_member (got, "decks"), json_object_get_member (want, "decks")))
    {
      g_autofree char *text = json_to_string (json_object_get_member (got, "decks"), TRUE);
      g_error ("the decks came back otherwise:\n%s", text);
    }

  store = tri_store_open (db, &error);
  g_assert_no_error (error);
  decks = tri_store_get_decks (store, "ko", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decks->len, ==, 2);
  g_assert_cmpstr (((TriDeck *) decks->pdata[1])->name, ==, "Bộ thứ hai");
  g_assert_cmpuint (((TriDeck *) decks->pdata[1])->slides->len, ==, 0);
  s = ((TriDeck *) decks->pdata[0])->slides->pdata[0];
  g_assert_cmpstr (s->title, ==, "러시아 – 북한");
  g_assert_cmpstr (s->judgement, ==, "Cooperation outweighs tension.");
  g_assert_cmpuint (s->as_of, ==, day ("2024-06-19"));
  g_assert_cmpuint (s->window_months, ==, 24);
  g_assert_cmpstr (s->relation, ==, "RUS-PRK");
  g_assert_cmpint (s->event, ==, 15);
  g_assert_cmpfloat (s->range_start, ==, day ("2023-01-01"));
  g_assert_cmpfloat (s->range_end, ==, day ("2025-01-01"));
  g_assert_true (s->show_others);
  g_assert_cmpstr (s->lang, ==, "vi");
  s = ((TriDeck *) decks->pdata[0])->slides->pdata[1];
  g_assert_cmpfloat_with_epsilon (s->range_start, day ("2023-01-01") + 0.25, 1e-6);
  g_assert_cmpuint (s->window_months, ==, 0);
  s = ((TriDeck *) decks->pdata[0])->slides->pdata[4];
  g_assert_cmpint (s->kind, ==, TRI_DECK_SLIDE_TREND);
  g_assert_cmpstr (s->title, ==, "");
  g_assert_cmpint (s->trend_step, ==, TRI_TREND_YEAR);
  g_assert_true (tri_store_get_markings (store, &markings, &error));
  g_assert_cmpstr (markings.author, ==, "Nhóm phân tích");

  /* --import-json reads them with the same reader */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool ("TRI_EXE", &err, "--import-json", in, "--out", imported, NULL), ==, 0);
  {
    g_autoptr(TriStore) again = tri_store_open (imported, &error);
    g_autoptr(TriDeck) deck = NULL;

    g_assert_no_error (error);
    deck = tri_store_get_deck (again, "Briefing", "en", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (deck->slides->len, ==, 5);
    g_assert_cmpstr (((TriDeckSlide *) deck->slides->pdata[2])->body, ==, "Paragraph one.\n\nParagraph two.");
  }
}

/* --import-json --into an editable briefing: the decks come with the
 * events, a slide's event the event as merged, every language's texts; a
 * second import numbers the deck of the same name and keeps the
 * briefing's own markings */
static void
test_json_merge (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autoptr(JsonNode) extra = parse (decks_json);
  g_autofree char *in = briefing_with (dir, "in.json", json_node_get_object (extra));
  g_autofree char *path = g_build_filename (dir, "edit.sqlite", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_tool ("TRI_EXE", &err, "--new", path, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool ("TRI_EXE", &err, "--import-json", in, "--into", path, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  tri_test_sql (path, "UPDATE markings SET author = 'Someone else'");
  g_assert_cmpint (run_tool ("TRI_EXE", &err, "--import-json", in, "--into", path, NULL), ==, 0);
  {
    g_autoptr(TriStore) store = tri_store_open (path, &error);
    g_autoptr(GPtrArray) decks = NULL;
    g_autoptr(TriEvent) event = NULL;
    g_auto(TriMarkings) markings = { 0 };
    const TriDeck *first;
    const TriDeckSlide *s;

    g_assert_no_error (error);
    decks = tri_store_get_decks (store, "en", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (decks->len, ==, 4);
    g_assert_cmpstr (((TriDeck *) decks->pdata[0])->name, ==, "Briefing");
    g_assert_cmpstr (((TriDeck *) decks->pdata[1])->name, ==, "Bộ thứ hai");
    g_assert_cmpstr (((TriDeck *) decks->pdata[2])->name, ==, "Briefing (2)");
    first = decks->pdata[0];
    g_assert_cmpuint (first->slides->len, ==, 5);
    s = first->slides->pdata[0];
    g_assert_cmpstr (s->title, ==, "Russia – North Korea");
    g_assert_cmpstr (s->notes, ==, "Start with the treaty.");
    g_assert_cmpint (s->event, >, 0);
    event = tri_store_get_event (store, s->event, "en", &error);
    g_assert_no_error (error);
    {
      /* the event the JSON's event 15 became */
      g_autoptr(TriStore) bundled = tri_store_open (tri_test_briefing_path (), &error);
      g_autoptr(TriEvent) fifteen = tri_store_get_event (bundled, 15, "en", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (event->title, ==, fifteen->title);
    }
    g_assert_cmpstr (((TriDeckSlide *) first->slides->pdata[4])->title, ==, "");
    g_assert_true (tri_store_get_markings (store, &markings, &error));
    g_assert_cmpstr (markings.author, ==, "Someone else");
    g_assert_cmpstr (markings.marking, ==, "UNCLASSIFIED // FOR TRAINING");
    /* the other languages' texts came too */
    {
      g_autoptr(TriDeck) ko = tri_store_get_deck (store, "Briefing (2)", "ko", &error);
      g_autoptr(TriDeck) ru = tri_store_get_deck (store, "Briefing (2)", "ru", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (((TriDeckSlide *) ko->slides->pdata[0])->title, ==, "러시아 – 북한");
      g_assert_cmpstr (((TriDeckSlide *) ru->slides->pdata[0])->notes, ==, "Начните с договора.");
    }
  }
}

/* What a deck may not say is refused, naming the deck and the slide */
static void
test_json_refused (void)
{
  static const struct
  {
    const char *decks;
    const char *says;
  } cases[] = {
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"view\", \"title\": {}}, {\"kind\": \"chart\", \"title\": {}}]}]",
      "deck “B”, slide 2: unknown kind “chart”: use view, text, compare or trend" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"view\", \"title\": {}, \"as_of\": \"June 2024\"}]}]",
      "deck “B”, slide 1: “as_of” is not a day such as 2024-06-19" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"view\", \"title\": {}, \"as_of\": \"2024-02-30\"}]}]",
      "deck “B”, slide 1: “as_of” is not a day" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"view\", \"title\": {}, \"event\": 99999}]}]",
      "deck “B”, slide 1: names an event that is not in \"events\"" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"view\", \"title\": {}, \"actor\": \"XYZ\"}]}]",
      "deck “B”, slide 1: actor “XYZ” is not in \"actors\"" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"view\", \"title\": {}, \"relation\": \"RUS-XYZ\"}]}]",
      "deck “B”, slide 1: relation RUS-XYZ names an actor" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"compare\", \"title\": {}, \"from\": \"2024-07-01\", \"as_of\": \"2024-06-01\"}]}]",
      "deck “B”, slide 1: a compare slide compares from a date before its “as of” date" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"trend\", \"title\": {}, \"from\": \"2022-01-01\", \"to\": \"2024-01-01\", \"step\": \"month\", \"style\": \"strip\"}]}]",
      "deck “B”, slide 1: unknown step “month”: use quarter or year" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"trend\", \"title\": {}, \"from\": \"2022-01-01\"}]}]",
      "deck “B”, slide 1: a trend slide needs “from”, “to”, “step” and “style”" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"view\", \"title\": {}, \"range\": [\"2024-01-01\", \"2023-01-01\"]}]}]",
      "deck “B”, slide 1: the timeline’s range must end after it starts" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"view\", \"title\": {}, \"tilte\": {}}]}]",
      "deck “B”, slide 1: unknown member “tilte”" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"view\", \"title\": {\"en\": \"\"}}]}]",
      "deck “B”, slide 1: the en title is empty or not a string" },
    { "[{\"name\": \"B\", \"slides\": [{\"kind\": \"text\"}]}]",
      "deck “B”, slide 1: needs a title" },
    { "[{\"name\": \"B\", \"slides\": []}, {\"name\": \"B\", \"slides\": []}]",
      "deck “B”: two decks have this name" },
    { "[{\"name\": \" \", \"slides\": []}]",
      "deck 1: a deck needs a name" },
  };
  g_auto(TriTestDir) dir = tri_test_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *wrapped = g_strdup_printf ("{\"decks\": %s}", cases[i].decks);
      g_autoptr(JsonNode) extra = parse (wrapped);
      g_autofree char *name = g_strdup_printf ("bad-%u.json", i);
      g_autofree char *in = briefing_with (dir, name, json_node_get_object (extra));
      g_autofree char *db = g_build_filename (dir, "bad.sqlite", NULL);
      g_autofree char *err = NULL;

      g_assert_cmpint (run_tool ("TRI_COMPILE", &err, in, db, NULL), !=, 0);
      if (strstr (err, cases[i].says) == NULL)
        g_error ("tri-compile said “%s”, not “%s”", err, cases[i].says);
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }
}

/* The "as of" line a slide drew */
static char *
drawn_as_of (TriStore           *store,
             const TriDeckSlide *slide)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 960, 540);
  cairo_t *cr = cairo_create (surface);
  TriDeckDrawOptions options = { 0 };
  g_autoptr(TriSlideLayout) layout = NULL;
  char *as_of = NULL;

  options.width = 960;
  options.height = 540;
  options.lang = "en";
  options.number = 1;
  options.count = 1;
  layout = tri_deck_draw_slide_layout (store, slide, &options, cr);
  for (guint i = 0; i < layout->boxes->len && as_of == NULL; i++)
    {
      const TriSlideBox *box = &g_array_index (layout->boxes, TriSlideBox, i);

      if (g_strcmp0 (box->role, "as-of") == 0)
        as_of = g_strdup (box->text);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return as_of;
}

/* A view slide keeps its filter (schema 8): read back canonical, drawn
 * through it and said in the "as of" line; a filter that is not one
 * refuses the deck with a sentence naming it; the store's own filter is
 * as it was after the slide */
static void
test_slide_filter (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *path = tri_test_copy_briefing (dir, "filtered.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(TriDeck) deck = NULL;
  g_autoptr(TriFilter) outer = tri_filter_parse ("actor=CHN", NULL);
  g_autofree char *plain = NULL;
  g_autofree char *filtered = NULL;
  const TriDeckSlide *slide;

  tri_test_sql (path, "UPDATE slide SET filter = 'confidence=confirmed, category=military' WHERE id = 1");
  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  deck = tri_store_get_deck (store, NULL, "en", &error);
  g_assert_no_error (error);
  slide = g_ptr_array_index (deck->slides, 0);
  g_assert_cmpint (slide->id, ==, 1);
  g_assert_cmpstr (slide->filter, ==, "category=military,confidence=confirmed");
  g_assert_null (((TriDeckSlide *) g_ptr_array_index (deck->slides, 1))->filter);

  tri_store_set_filter (store, outer);
  filtered = drawn_as_of (store, slide);
  g_assert_nonnull (filtered);
  g_assert_true (g_str_has_suffix (filtered, " · confirmed military events only"));
  g_assert_true (tri_filter_equal (tri_store_get_filter (store), outer));
  plain = drawn_as_of (store, g_ptr_array_index (deck->slides, 1));
  g_assert_nonnull (plain);
  g_assert_null (strstr (plain, "·"));
  g_clear_object (&store);
  g_clear_pointer (&deck, tri_deck_free);

  /* not a filter: the deck is refused, saying why */
  tri_test_sql (path, "UPDATE slide SET filter = 'colour=red' WHERE id = 1");
  store = tri_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (tri_store_get_deck (store, NULL, "en", &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "filter"));
  g_assert_nonnull (strstr (error->message, "“colour”"));
  g_clear_error (&error);
  g_clear_object (&store);

  /* the column's own rule: no empty filter */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_false (tri_sql_exec (db, "UPDATE slide SET filter = '' WHERE id = 1", NULL));
    sqlite3_close (db);
  }
}

/* A schema 7 briefing's deck is migrated to a copy: its slides keep no
 * filter, and show everything */
static void
test_migrate_schema_7 (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *old = g_build_filename (dir, "seven.sqlite", NULL);
  g_autofree char *copy = g_build_filename (dir, "eight.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = NULL;
  g_autoptr(TriDeck) deck = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  TriFileState before;

  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  g_assert_true (tri_schema_create (db, 7, &error));
  g_assert_no_error (error);
  g_assert_true (tri_sql_exec (db,
    "INSERT INTO actor VALUES ('RUS', '#0072B2', 0), ('PRK', '#CC79A7', 1);"
    "INSERT INTO actor_name VALUES ('RUS', 'en', 'Russia'), ('PRK', 'en', 'North Korea');"
    "INSERT INTO relation VALUES (1, 'RUS', 'PRK');"
    "INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
    "  VALUES (1, '2024-06-19', 'day', 2460481, 2460481, 'diplomacy', 'confirmed');"
    "INSERT INTO event_text VALUES (1, 'en', 'Treaty', 'A treaty.', NULL);"
    "INSERT INTO event_relation VALUES (1, 1, 'cooperation', 3);"
    "INSERT INTO deck (id, name) VALUES (1, 'Briefing');"
    "INSERT INTO slide (id, deck, position, kind, relation) VALUES (1, 1, 0, 'view', 1);"
    "INSERT INTO slide_text (slide, lang, title) VALUES (1, 'en', 'The treaty');", &error));
  g_assert_no_error (error);
  g_assert_false (tri_sql_exec (db, "UPDATE slide SET filter = 'category=military'", NULL));
  sqlite3_close (db);
  tri_test_file_state (old, &before);

  g_assert_true (tri_store_migrate_copy (old, copy, &error));
  g_assert_no_error (error);
  tri_test_assert_unchanged (old, &before);
  tri_test_file_state_clear (&before);

  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version),"
                                       " (SELECT count (*) FROM slide WHERE filter IS NULL)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 8);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  store = tri_store_open (copy, &error);
  g_assert_no_error (error);
  deck = tri_store_get_deck (store, "Briefing", "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deck->slides->len, ==, 1);
  g_assert_null (((TriDeckSlide *) g_ptr_array_index (deck->slides, 0))->filter);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deck/model", test_model);
  g_test_add_func ("/deck/migrate-schema-6", test_migrate_schema_6);
  g_test_add_func ("/deck/commands-undo", test_commands_undo);
  g_test_add_func ("/deck/refused", test_refused);
  g_test_add_func ("/deck/delete-event", test_delete_event);
  g_test_add_func ("/deck/hostile", test_hostile);
  g_test_add_func ("/deck/json-round-trip", test_json_round_trip);
  g_test_add_func ("/deck/json-refused", test_json_refused);
  g_test_add_func ("/deck/json-merge", test_json_merge);
  g_test_add_func ("/deck/slide-filter", test_slide_filter);
  g_test_add_func ("/deck/migrate-schema-7", test_migrate_schema_7);

  return g_test_run ();
}
