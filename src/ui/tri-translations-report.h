/* tri-translations-report.h: a window listing the missing translations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <sqlite3.h>

#include "store/tri-store.h"

G_BEGIN_DECLS

#define TRI_TYPE_TRANSLATIONS_REPORT (tri_translations_report_get_type ())

G_DECLARE_FINAL_TYPE (TriTranslationsReport, tri_translations_report, TRI, TRANSLATIONS_REPORT, GtkWindow)

GtkWindow *tri_translations_report_new      (GtkWindow             *parent,
                                             TriStore              *store,
                                             sqlite3               *db,
                                             const char            *lang);
void       tri_translations_report_refresh  (TriTranslationsReport *self);
void       tri_translations_report_set_lang (TriTranslationsReport *self,
                                             const char            *lang);
guint      tri_translations_report_get_count (TriTranslationsReport *self,
                                             const char            *lang);

G_END_DECLS
