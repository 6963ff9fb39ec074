/* tri-test-gui.h: shared helpers for the tests that open a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ui/tri-window.h"

G_BEGIN_DECLS

void       tri_test_wait_until_drawn (TriWindow *window);
void       tri_test_spin             (guint      ms);
gboolean   tri_test_spin_until       (gboolean (*done) (gpointer),
                                      gpointer   data);
TriWindow *tri_test_open_window      (TriStore  *store,
                                      int        width,
                                      int        height);
gboolean   tri_test_have_xdotool     (void);
void       tri_test_xdotool          (const char *args);

G_END_DECLS
