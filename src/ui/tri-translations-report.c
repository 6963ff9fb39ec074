/* tri-translations-report.c: a window listing the missing translations
 *
 * One page per language, chosen with a stack switcher whose buttons say
 * how many fields each language lacks ("Tiếng Việt (3)"); each page lists
 * the fields, a row each: what is missing and what it belongs to. The
 * list is tri-missing.c's, the same as `--missing-translations` prints.
 * Tab reaches the switcher and the list, arrows move in each, Escape
 * closes the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-translations-report"

#include "config.h"

#include <glib/gi18n.h>

#include "store/tri-missing.h"
#include "tri-translations-report.h"

struct _TriTranslationsReport
{
  GtkWindow  parent_instance;

  TriStore  *store;       /* one of the two is read */
  sqlite3   *db;
  GtkStack  *stack;
  guint      counts[TRI_MISSING_N_LANGS];
};

G_DEFINE_FINAL_TYPE (TriTranslationsReport, tri_translations_report, GTK_TYPE_WINDOW)

/* each language by its own name, as the Data Language menu writes it */
static const char * const language_names[TRI_MISSING_N_LANGS] = {
  "English", "Tiếng Việt", "Русский", "简体中文", "한국어",
};

static char *
describe (const TriMissing *m)
{
  switch (m->kind)
    {
    case TRI_MISSING_BRIEFING:
      return g_strdup (_("The briefing’s title"));
    case TRI_MISSING_ACTOR:
      /* Translators: %s is an actor's code, such as PRK */
      return g_strdup_printf (_("Name of actor %s"), m->id);
    case TRI_MISSING_SOURCE:
      /* Translators: %s is a source's id */
      return g_strdup_printf (_("Description of source %s"), m->id);
    case TRI_MISSING_QUOTE:
      /* Translators: %s is a quote's number */
      return g_strdup_printf (_("Translation of quote %s"), m->id);
    case TRI_MISSING_EVENT:
    default:
      if (g_str_equal (m->field, "summary"))
        /* Translators: %s is an event's number */
        return g_strdup_printf (_("Summary of event %s"), m->id);
      if (g_str_equal (m->field, "claimed_by"))
        /* Translators: %s is an event's number; the field says who claims the event */
        return g_strdup_printf (_("Who claims event %s"), m->id);
      /* Translators: %s is an event's number */
      return g_strdup_printf (_("Title of event %s"), m->id);
    }
}

static GtkWidget *
make_row (const TriMissing *m)
{
  g_autofree char *what = describe (m);
  g_autofree char *name = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (what);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (box), title);
  if (*m->belongs_to != '\0')
    {
      GtkWidget *owner = gtk_label_new (m->belongs_to);

      gtk_label_set_xalign (GTK_LABEL (owner), 0);
      gtk_label_set_ellipsize (GTK_LABEL (owner), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (owner), TRUE);
      gtk_widget_add_css_class (owner, "dim-label");
      gtk_box_append (GTK_BOX (box), owner);
      name = g_strdup_printf ("%s: %s", what, m->belongs_to);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* a screen reader reads the row as one sentence */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name ? name : what, -1);
  return row;
}

static GtkWidget *
make_page (GPtrArray  *missing,
           int         l,
           const char *lang)
{
  g_autofree char *list_name = NULL;
  GtkWidget *scrolled, *list;

  if (tri_missing_count (missing, lang) == 0)
    {
      g_autofree char *text = g_strdup_printf (
        /* Translators: %s is a language's name, in its own language */
        _("Nothing is missing in %s."), language_names[l]);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_set_vexpand (label, TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      return label;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (list, "rich-list");
  for (guint i = 0; i < missing->len; i++)
    if (g_str_equal (((TriMissing *) missing->pdata[i])->lang, lang))
      gtk_list_box_append (GTK_LIST_BOX (list), make_row (missing->pdata[i]));
  /* Translators: %s is a language's name, in its own language */
  list_name = g_strdup_printf (_("Missing in %s"), language_names[l]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, list_name, -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

/**
 * tri_translations_report_refresh:
 *
 * Reads the list again (after an edit: connect it to the document's
 * "changed"), keeping the language shown.
 */
void
tri_translations_report_refresh (TriTranslationsReport *self)
{
  const char * const *langs = tri_missing_languages ();
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  GtkWidget *child;

  g_return_if_fail (TRI_IS_TRANSLATIONS_REPORT (self));

  shown = g_strdup (gtk_stack_get_visible_child_name (self->stack));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);

  if (self->db != NULL)
    missing = tri_missing_from_db (self->db, NULL, &error);
  else if (self->store != NULL)
    missing = tri_missing_from_store (self->store, NULL, &error);

  for (int l = 0; langs[l] != NULL; l++)
    {
      g_autofree char *title = NULL;
      GtkWidget *page;

      self->counts[l] = missing ? tri_missing_count (missing, langs[l]) : 0;
      if (missing != NULL)
        page = make_page (missing, l, langs[l]);
      else
        {
          page = gtk_label_new (error ? error->message : _("There is no briefing to read."));
          gtk_label_set_wrap (GTK_LABEL (page), TRUE);
          gtk_label_set_selectable (GTK_LABEL (page), TRUE);
        }
      /* Translators: a language's name, then how many fields it lacks: “Tiếng Việt (3)” */
      title = g_strdup_printf (C_("missing translations", "%s (%u)"), language_names[l], self->counts[l]);
      gtk_stack_add_titled (self->stack, page, langs[l], title);
    }
  if (shown != NULL)
    gtk_stack_set_visible_child_name (self->stack, shown);
}

/**
 * tri_translations_report_set_lang:
 * @lang: one of the five languages: the page to show
 */
void
tri_translations_report_set_lang (TriTranslationsReport *self,
                                  const char            *lang)
{
  g_return_if_fail (TRI_IS_TRANSLATIONS_REPORT (self));

  lang = tri_lang_normalize (lang);
  if (gtk_stack_get_child_by_name (self->stack, lang) != NULL)
    gtk_stack_set_visible_child_name (self->stack, lang);
}

/**
 * tri_translations_report_get_count:
 *
 * Returns: how many fields @lang lacks, as its page and button say
 */
guint
tri_translations_report_get_count (TriTranslationsReport *self,
                                   const char            *lang)
{
  const char * const *langs = tri_missing_languages ();

  g_return_val_if_fail (TRI_IS_TRANSLATIONS_REPORT (self), 0);

  for (int l = 0; langs[l] != NULL; l++)
    if (g_strcmp0 (langs[l], lang) == 0)
      return self->counts[l];
  return 0;
}

static void
tri_translations_report_dispose (GObject *object)
{
  TriTranslationsReport *self = TRI_TRANSLATIONS_REPORT (object);

  g_clear_object (&self->store);
  self->db = NULL;
  G_OBJECT_CLASS (tri_translations_report_parent_class)->dispose (object);
}

static void
tri_translations_report_class_init (TriTranslationsReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tri_translations_report_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tri_translations_report_init (TriTranslationsReport *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *switcher = gtk_stack_switcher_new ();
  GtkWidget *stack = gtk_stack_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Missing Translations"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 480);

  self->stack = GTK_STACK (stack);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), self->stack);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 12);
  gtk_widget_set_margin_bottom (switcher, 12);
  gtk_widget_set_margin_start (switcher, 12);
  gtk_widget_set_margin_end (switcher, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Language"), -1);

  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_window_set_child (GTK_WINDOW (self), box);
}

/**
 * tri_translations_report_new:
 * @parent: (nullable): the window it belongs to
 * @store: (nullable): a briefing opened read-only, read when @db is %NULL
 * @db: (nullable): a connection to read instead, such as an editable
 *   document's (tri_document_get_db()); it must stay open as long as the
 *   window does
 * @lang: the language shown first, usually the data language
 *
 * Returns: (transfer none): a new window, not yet shown (it is destroyed
 *   with @parent); call gtk_window_present()
 */
GtkWindow *
tri_translations_report_new (GtkWindow  *parent,
                             TriStore   *store,
                             sqlite3    *db,
                             const char *lang)
{
  TriTranslationsReport *self = g_object_new (TRI_TYPE_TRANSLATIONS_REPORT, NULL);

  g_return_val_if_fail (store == NULL || TRI_IS_STORE (store), NULL);

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }
  self->store = store ? g_object_ref (store) : NULL;
  self->db = db;
  tri_translations_report_refresh (self);
  tri_translations_report_set_lang (self, lang);
  return GTK_WINDOW (self);
}
