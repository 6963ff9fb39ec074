/* tri-generate.c: a synthetic briefing of N events, for benchmarks
 *
 * Usage: tri-generate N OUT.sqlite [OUT-timelinejs.json]
 *
 * N events (default 100,000) over 30 years with the bundled briefing's mix
 * of precisions, categories, confidences and stances; a fifth as many
 * quotes over the three sides of the triangle, and at least 20,000; Vietnamese and English text of
 * realistic lengths. Optionally the same events as TimelineJS3 JSON.
 * Deterministic: the same N gives the same file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-generate"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "store/tri-date.h"
#include "store/tri-model.h"
#include "store/tri-schema.h"

static const char * const vi_words[] = {
  "quan hệ", "hợp tác", "căng thẳng", "chiến lược", "Bình Nhưỡng", "Moskva", "Bắc Kinh",
  "hiệp ước", "an ninh", "kinh tế", "thương mại", "ngoại giao", "chuyến thăm", "hội nghị",
  "thượng đỉnh", "lãnh đạo", "quân sự", "viện trợ", "lương thực", "trừng phạt", "Liên Hợp Quốc",
  "đối tác", "toàn diện", "khu vực", "Đông Bắc Á", "tăng cường", "ký kết", "tuyên bố",
};
static const char * const en_words[] = {
  "relations", "cooperation", "tension", "strategic", "Pyongyang", "Moscow", "Beijing",
  "treaty", "security", "economic", "trade", "diplomatic", "visit", "summit", "leaders",
  "military", "aid", "food", "sanctions", "United Nations", "partnership", "comprehensive",
  "region", "Northeast Asia", "strengthen", "signed", "declared", "delegation",
};

static char *
sentence (GRand              *rand,
          const char * const *words,
          guint               n_words,
          int                 min_chars,
          int                 max_chars)
{
  GString *s = g_string_new (NULL);
  int target = g_rand_int_range (rand, min_chars, max_chars + 1);

  while ((int) s->len < target)
    {
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append (s, words[g_rand_int_range (rand, 0, n_words)]);
    }
  return g_string_free (s, FALSE);
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static void
random_date (GRand *rand,
             char  *out,
             gsize  size)
{
  int year = g_rand_int_range (rand, 1995, 2025);
  int month = g_rand_int_range (rand, 1, 13);
  int kind = g_rand_int_range (rand, 0, 100);

  if (kind < 60)
    g_snprintf (out, size, "%04d-%02d-%02d", year, month,
                g_rand_int_range (rand, 1, tri_days_in_month (year, month) + 1));
  else if (kind < 80)
    g_snprintf (out, size, "%04d-%02d", year, month);
  else if (kind < 90)
    g_snprintf (out, size, "%04d-%s", year, (const char *[]) { "early", "mid", "late", "Q1", "H2" }[kind % 5]);
  else if (kind < 97)
    g_snprintf (out, size, "%04d", year);
  else
    g_snprintf (out, size, "%04d/%04d", year, MIN (year + 1 + kind % 3, 2025));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const cats[] = { "diplomacy", "economy", "military", "multilateral", "humanitarian", "leaders" };
  static const char * const confs[] = { "confirmed", "confirmed", "confirmed", "reported", "alleged" };
  static const char * const stances[] = { "cooperation", "cooperation", "tension", "neutral" };
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) tl = json_builder_new ();
  g_autofree char *tmp = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *ev_stmt, *text_stmt, *link_stmt, *q_stmt, *qt_stmt;
  gint64 n = argc > 1 ? g_ascii_strtoll (argv[1], NULL, 10) : 100000;
  gint64 n_quotes;
  GArray *by_relation[3];

  if (argc < 3 || n < 1)
    {
      g_printerr ("usage: %s N OUT.sqlite [OUT-timelinejs.json]\n", argv[0]);
      return 2;
    }

  n_quotes = MAX (20000, n / 5);
  rand = g_rand_new_with_seed ((guint32) n);
  tmp = g_strconcat (argv[2], ".part", NULL);
  g_unlink (tmp);
  if (sqlite3_open (tmp, &db) != SQLITE_OK || !tri_schema_create (db, TRI_SCHEMA_VERSION, &error))
    g_error ("%s: %s", tmp, error ? error->message : sqlite3_errmsg (db));

  exec (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;");
  exec (db,
        "INSERT INTO briefing VALUES ('en', 'Synthetic briefing'), ('vi', 'Báo cáo tổng hợp');"
        "INSERT INTO actor VALUES ('RUS', '#0072B2', 0), ('CHN', '#E69F00', 1), ('PRK', '#CC79A7', 2),"
        " ('USA', '#7F7F7F', 3), ('KOR', '#7F7F7F', 4), ('JPN', '#7F7F7F', 5);"
        "INSERT INTO actor_name VALUES ('RUS', 'en', 'Russia'), ('RUS', 'vi', 'Nga'),"
        " ('CHN', 'en', 'China'), ('CHN', 'vi', 'Trung Quốc'), ('PRK', 'en', 'North Korea'),"
        " ('PRK', 'vi', 'Triều Tiên'), ('USA', 'en', 'United States'), ('USA', 'vi', 'Mỹ'),"
        " ('KOR', 'en', 'South Korea'), ('KOR', 'vi', 'Hàn Quốc'), ('JPN', 'en', 'Japan'), ('JPN', 'vi', 'Nhật Bản');"
        "INSERT INTO relation VALUES (1, 'RUS', 'PRK'), (2, 'RUS', 'CHN'), (3, 'CHN', 'PRK'),"
        " (4, 'USA', 'KOR'), (5, 'USA', 'PRK'), (6, 'USA', 'JPN');"
        "INSERT INTO source (id, kind, title, outlet, authors, language, date, file)"
        " VALUES ('synthetic', 'article', 'Synthetic source', 'Generator', '', 'vi', '2025', NULL);");

  sqlite3_prepare_v2 (db, "INSERT INTO event (id, date, precision, earliest, latest, category, confidence)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &ev_stmt, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO event_text VALUES (?, ?, ?, ?, ?)", -1, &text_stmt, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO event_relation VALUES (?, ?, ?, ?)", -1, &link_stmt, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO quote (id, source, char_offset, text, relation, event)"
                      " VALUES (?, 'synthetic', 0, ?, ?, ?)", -1, &q_stmt, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO quote_translation VALUES (?, 'en', ?)", -1, &qt_stmt, NULL);

  for (int r = 0; r < 3; r++)
    by_relation[r] = g_array_new (FALSE, FALSE, sizeof (gint64));

  json_builder_begin_object (tl);
  json_builder_set_member_name (tl, "title");
  json_builder_begin_object (tl);
  json_builder_set_member_name (tl, "text");
  json_builder_begin_object (tl);
  json_builder_set_member_name (tl, "headline");
  json_builder_add_string_value (tl, "Synthetic briefing");
  json_builder_end_object (tl);
  json_builder_end_object (tl);
  json_builder_set_member_name (tl, "events");
  json_builder_begin_array (tl);

  for (gint64 id = 1; id <= n; id++)
    {
      char date_text[32];
      g_autofree char *canonical = NULL;
      g_autofree char *title_en = sentence (rand, en_words, G_N_ELEMENTS (en_words), 40, 80);
      g_autofree char *title_vi = sentence (rand, vi_words, G_N_ELEMENTS (vi_words), 40, 80);
      g_autofree char *sum_en = sentence (rand, en_words, G_N_ELEMENTS (en_words), 150, 400);
      g_autofree char *sum_vi = sentence (rand, vi_words, G_N_ELEMENTS (vi_words), 150, 400);
      const char *conf = confs[g_rand_int_range (rand, 0, G_N_ELEMENTS (confs))];
      const char *cat = cats[g_rand_int_range (rand, 0, G_N_ELEMENTS (cats))];
      int n_links = g_rand_int_range (rand, 1, 3);
      TriDate d;

      random_date (rand, date_text, sizeof date_text);
      if (!tri_date_parse (date_text, &d, NULL))
        g_error ("bad generated date %s", date_text);
      canonical = tri_date_to_string (&d);

      sqlite3_bind_int64 (ev_stmt, 1, id);
      sqlite3_bind_text (ev_stmt, 2, canonical, -1, SQLITE_STATIC);
      sqlite3_bind_text (ev_stmt, 3, tri_precision_to_string (d.precision), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ev_stmt, 4, tri_day_to_jdn (d.earliest));
      sqlite3_bind_int64 (ev_stmt, 5, tri_day_to_jdn (d.latest));
      sqlite3_bind_text (ev_stmt, 6, cat, -1, SQLITE_STATIC);
      sqlite3_bind_text (ev_stmt, 7, conf, -1, SQLITE_STATIC);
      if (sqlite3_step (ev_stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_reset (ev_stmt);

      for (int l = 0; l < 2; l++)
        {
          sqlite3_bind_int64 (text_stmt, 1, id);
          sqlite3_bind_text (text_stmt, 2, l ? "vi" : "en", -1, SQLITE_STATIC);
          sqlite3_bind_text (text_stmt, 3, l ? title_vi : title_en, -1, SQLITE_STATIC);
          sqlite3_bind_text (text_stmt, 4, l ? sum_vi : sum_en, -1, SQLITE_STATIC);
          if (g_str_equal (conf, "confirmed"))
            sqlite3_bind_null (text_stmt, 5);
          else
            sqlite3_bind_text (text_stmt, 5, l ? "truyền thông phương Tây" : "Western media", -1, SQLITE_STATIC);
          sqlite3_step (text_stmt);
          sqlite3_reset (text_stmt);
        }

      for (int k = 0, prev = -1; k < n_links; k++)
        {
          /* nine in ten links are to the triangle */
          int rel = g_rand_int_range (rand, 0, 10) < 9 ? g_rand_int_range (rand, 1, 4) : g_rand_int_range (rand, 4, 7);

          if (rel == prev)
            continue;
          prev = rel;
          sqlite3_bind_int64 (link_stmt, 1, id);
          sqlite3_bind_int (link_stmt, 2, rel);
          sqlite3_bind_text (link_stmt, 3, stances[g_rand_int_range (rand, 0, G_N_ELEMENTS (stances))], -1, SQLITE_STATIC);
          sqlite3_bind_int (link_stmt, 4, g_rand_int_range (rand, 1, 4));
          sqlite3_step (link_stmt);
          sqlite3_reset (link_stmt);
          if (rel <= 3)
            g_array_append_val (by_relation[rel - 1], id);
        }

      json_builder_begin_object (tl);
      json_builder_set_member_name (tl, "unique_id");
      {
        char unique_id[32];

        g_snprintf (unique_id, sizeof unique_id, "e%" G_GINT64_FORMAT, id);
        json_builder_add_string_value (tl, unique_id);
      }
      json_builder_set_member_name (tl, "start_date");
      json_builder_begin_object (tl);
      json_builder_set_member_name (tl, "year");
      json_builder_add_int_value (tl, d.from.year);
      if (d.from.month && d.from.precision != TRI_PRECISION_PART)
        {
          json_builder_set_member_name (tl, "month");
          json_builder_add_int_value (tl, d.from.month);
        }
      if (d.from.day)
        {
          json_builder_set_member_name (tl, "day");
          json_builder_add_int_value (tl, d.from.day);
        }
      json_builder_end_object (tl);
      json_builder_set_member_name (tl, "text");
      json_builder_begin_object (tl);
      json_builder_set_member_name (tl, "headline");
      json_builder_add_string_value (tl, title_en);
      json_builder_set_member_name (tl, "text");
      json_builder_add_string_value (tl, sum_en);
      json_builder_end_object (tl);
      json_builder_set_member_name (tl, "group");
      json_builder_add_string_value (tl, cat);
      json_builder_end_object (tl);
    }
  json_builder_end_array (tl);
  json_builder_end_object (tl);

  for (gint64 q = 1; q <= n_quotes; q++)
    {
      int rel = (int) (q % 3);
      GArray *ids = by_relation[rel];
      g_autofree char *text = sentence (rand, vi_words, G_N_ELEMENTS (vi_words), 120, 360);
      g_autofree char *translation = sentence (rand, en_words, G_N_ELEMENTS (en_words), 100, 300);

      if (ids->len == 0)
        continue;
      sqlite3_bind_int64 (q_stmt, 1, q);
      sqlite3_bind_text (q_stmt, 2, text, -1, SQLITE_STATIC);
      sqlite3_bind_int (q_stmt, 3, rel + 1);
      sqlite3_bind_int64 (q_stmt, 4, g_array_index (ids, gint64, g_rand_int_range (rand, 0, ids->len)));
      sqlite3_step (q_stmt);
      sqlite3_reset (q_stmt);
      sqlite3_bind_int64 (qt_stmt, 1, q);
      sqlite3_bind_text (qt_stmt, 2, translation, -1, SQLITE_STATIC);
      sqlite3_step (qt_stmt);
      sqlite3_reset (qt_stmt);
    }

  sqlite3_finalize (ev_stmt);
  sqlite3_finalize (text_stmt);
  sqlite3_finalize (link_stmt);
  sqlite3_finalize (q_stmt);
  sqlite3_finalize (qt_stmt);
  exec (db, "COMMIT; ANALYZE;");
  sqlite3_close (db);
  if (g_rename (tmp, argv[2]) != 0)
    g_error ("cannot write %s", argv[2]);

  if (argc > 3)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (tl);

      json_generator_set_root (gen, root);
      if (!json_generator_to_file (gen, argv[3], &error))
        g_error ("%s", error->message);
    }

  for (int r = 0; r < 3; r++)
    g_array_unref (by_relation[r]);
  g_print ("%" G_GINT64_FORMAT " events, %" G_GINT64_FORMAT " quotes: %s\n", n, n_quotes, argv[2]);
  return 0;
}
