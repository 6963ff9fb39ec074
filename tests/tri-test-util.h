/* tri-test-util.h: shared helpers for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char   *checksum;   /* SHA-256 of the bytes */
  gint64  mtime_ns;
  gboolean exists;
} TriFileState;

const char *tri_test_briefing_path (void);
const char *tri_test_seeds_dir     (void);
char       *tri_test_tmpdir        (void);
void        tri_test_dir_remove    (char       *dir);
void        tri_test_file_state    (const char   *path,
                                    TriFileState *state);
void        tri_test_file_state_clear (TriFileState *state);
void        tri_test_assert_unchanged (const char         *path,
                                       const TriFileState *before);
char       *tri_test_copy_briefing (const char *dir,
                                    const char *name);
char       *tri_test_copy_damaged_late (const char *dir,
                                        const char *name);
void        tri_test_sql           (const char *path,
                                    const char *sql);
/* for tri_test_sql (): a copy of the bundled briefing without the deck and
 * markings it ships, for tests that build their own */
#define TRI_TEST_SQL_NO_DECKS \
  "DELETE FROM slide_text; DELETE FROM slide; DELETE FROM deck; DELETE FROM markings;"

/* A briefing made with TriDocument whose RUS-PRK quotes are graded and
 * verified in every combination (tri_test_graded_briefing()): their texts */
#define TRI_TEST_GRADED_B2        "Triều Tiên ký hiệp ước"     /* B2, verified */
#define TRI_TEST_GRADED_B_        "đối tác chiến lược"         /* B–, verified */
#define TRI_TEST_GRADED_3         "Moscow and Pyongyang"       /* –3, not verified */
#define TRI_TEST_GRADED_UNGRADED  "an unnamed official said"   /* ungraded, not verified */
char       *tri_test_graded_briefing (const char *dir);

/* PDF page against PNG: the share of 8 × 8 blocks more than 24 levels
 * apart, and the largest block difference (see tri-test-util.c) */
double      tri_test_block_difference (cairo_surface_t *a,
                                       cairo_surface_t *b,
                                       double          *largest);

/* g_auto(TriTestDir) dir = tri_test_tmpdir (): removed with what is in
 * it when it goes out of scope, so a test leaves nothing in /tmp */
typedef char *TriTestDir;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (TriTestDir, tri_test_dir_remove, NULL)

G_END_DECLS
