/* tri-catalog.h: the interface's words in the data language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        tri_catalog_set_dir       (const char *locale_dir);
void        tri_set_data_language     (const char *lang);
const char *tri_get_data_language     (void);
const char *tri_data_gettext          (const char *msgid);
const char *tri_data_ngettext         (const char *msgid,
                                       const char *msgid_plural,
                                       gulong      n);

/* Words drawn with the data (the canvas, the panel, the exports) are in
 * the data language, which may differ from the interface's. */
#define D_(s) tri_data_gettext (s)
#define DN_(s, p, n) tri_data_ngettext (s, p, n)

G_END_DECLS
