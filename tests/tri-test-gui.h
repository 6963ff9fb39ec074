/* tri-test-gui.h: shared helpers for the tests that open a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ui/tri-window.h"

G_BEGIN_DECLS

void tri_test_wait_until_drawn (TriWindow *window);

G_END_DECLS
