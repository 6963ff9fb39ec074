/* tri-catalog.h: the interface's words in the data language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        tri_catalog_set_dir       (const char *locale_dir);
const char *tri_data_gettext          (const char *lang,
                                       const char *msgid);
const char *tri_data_ngettext         (const char *lang,
                                       const char *msgid,
                                       const char *msgid_plural,
                                       gulong      n);

/* Words drawn with the data (the canvas, the panel, the exports) are in
 * the data language, which may differ from the interface's: each caller
 * names it (there is no process-wide data language), NULL being the
 * desktop's (tri_lang_from_environment ()). xgettext reads them with
 * --keyword=D_:2 --keyword=DN_:2,3. */
#define D_(lang, s) tri_data_gettext ((lang), (s))
#define DN_(lang, s, p, n) tri_data_ngettext ((lang), (s), (p), (n))

G_END_DECLS
