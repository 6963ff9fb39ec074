/* tri-filter-bar.c: the filters in the window, as chips above the timeline
 *
 * The filter is the session's (tri_session_get_filter ()): this widget only
 * shows it and changes it. The "Filter" menu button (which the window puts
 * in its header) opens a popover with one section per facet: category,
 * confidence and claim type as check buttons, the grade as a threshold
 * ("B2 or better"), the briefing's actors, and its sources, searchable.
 * Every change there sets a new filter on the session; the views redraw
 * on its notify::filter, and so does this row: one chip per active facet
 * ("Military and security", "Confirmed", "B2 or better", "Russia"), each
 * with a button that removes it, and "Clear Filters". With nothing active
 * the row is hidden, and the window looks as it does unfiltered.
 *
 * Every word is in the interface language, in the same translations as
 * the legend and the evidence panel use for the data's categories,
 * confidences and claim types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-filter-bar"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "render/tri-catalog.h"
#include "render/tri-labels.h"
#include "store/tri-model.h"
#include "tri-filter-bar.h"

/* the sources listed at once; typing narrows the rest down */
#define MAX_SOURCES_SHOWN 40

/* the thresholds offered, best first; NULL: any grade */
static const char * const grade_codes[] = { NULL, "A1", "A2", "B2", "B3", "C3" };

struct _TriFilterBar
{
  GtkWidget     parent_instance;

  TriSession   *session;
  TriStore     *store;
  gulong        changed_id;
  GPtrArray    *actors;           /* of TriActor, in the interface language; NULL: not read */
  GPtrArray    *sources;          /* of TriSource; NULL: not read */
  gboolean      lists_stale;      /* the actors and sources in the popover */

  /* the row */
  GtkWidget    *row;
  GtkWidget    *chip_box;
  GtkWidget    *clear_button;
  GtkWidget    *chip[TRI_FILTER_N_FACETS];
  GtkWidget    *chip_remove[TRI_FILTER_N_FACETS];
  char         *chip_text[TRI_FILTER_N_FACETS];

  /* the popover */
  GtkWidget    *button;           /* "Filter", placed by the window */
  GtkWidget    *popover;
  GHashTable   *checks[TRI_FILTER_N_FACETS];   /* value → GtkCheckButton */
  GtkWidget    *actor_box;
  GtkWidget    *grade_dropdown;
  GtkStringList *grade_labels;
  GPtrArray    *grades;           /* the codes the dropdown offers, NULL first */
  GtkWidget    *source_search;
  GtkWidget    *source_box;
  GtkWidget    *source_note;

  guint         syncing;          /* > 0: the widgets are being set from the filter */
  gboolean      refocus;          /* a chip was removed: the keyboard goes on from the row */
};

G_DEFINE_FINAL_TYPE (TriFilterBar, tri_filter_bar, GTK_TYPE_WIDGET)

static void sync_from_filter (TriFilterBar *self);
static void fill_sources (TriFilterBar *self);

/* The interface's language: the popover and the chips speak it */
static const char *
ui_lang (void)
{
  return tri_lang_from_environment ();
}

static const TriFilter *
current_filter (TriFilterBar *self)
{
  return self->session != NULL ? tri_session_get_filter (self->session) : NULL;
}

static const char * const *
current_values (TriFilterBar   *self,
                TriFilterFacet  facet)
{
  const TriFilter *filter = current_filter (self);

  return filter != NULL ? tri_filter_get_values (filter, facet) : NULL;
}

/* "official statement" → "Official statement", for a check button */
static char *
capitalize (const char *text)
{
  gunichar first;
  char buf[8];
  int n;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  first = g_utf8_get_char (text);
  n = g_unichar_to_utf8 (g_unichar_totitle (first), buf);
  buf[n] = '\0';
  return g_strconcat (buf, g_utf8_next_char (text), NULL);
}

static void
ensure_actors (TriFilterBar *self)
{
  if (self->actors != NULL || self->store == NULL)
    return;
  self->actors = tri_store_list_actors (self->store, ui_lang (), NULL);
}

static void
ensure_sources (TriFilterBar *self)
{
  if (self->sources != NULL || self->store == NULL)
    return;
  self->sources = tri_store_list_sources (self->store, ui_lang (), NULL);
}

static const TriSource *
find_source (TriFilterBar *self,
             const char   *id)
{
  ensure_sources (self);
  for (guint i = 0; self->sources != NULL && i < self->sources->len; i++)
    {
      const TriSource *s = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (s->id, id) == 0)
        return s;
    }
  return NULL;
}

/* "B2 or better"; the best there is, "A1 only" */
static char *
grade_label (const char *code)
{
  if (code == NULL)
    return g_strdup (_("Any grade"));
  if (g_str_equal (code, "A1"))
    /* Translators: the grade filter that keeps only the best grade, A1
     * (Admiralty: completely reliable source, confirmed by other sources) */
    return g_strdup_printf (C_("grade filter", "%s only"), code);
  /* Translators: the grade filter, e.g. "B2 or better": quotes from a
   * source at least this reliable (A–F) that are at least this credible (1–6) */
  return g_strdup_printf (_("%s or better"), code);
}

/* What one value of @facet is called, in the interface language */
static char *
value_label (TriFilterBar   *self,
             TriFilterFacet  facet,
             const char     *value)
{
  switch (facet)
    {
    case TRI_FILTER_CATEGORY:
      {
        TriCategory c;

        return g_strdup (tri_category_from_string (value, &c) ? tri_category_label (c, ui_lang ()) : value);
      }
    case TRI_FILTER_CONFIDENCE:
      {
        TriConfidence c;

        return g_strdup (tri_confidence_from_string (value, &c) ? tri_confidence_label (c, ui_lang ()) : value);
      }
    case TRI_FILTER_CLAIM:
      {
        TriClaim c;

        /* lower case: the chip says "Claim: allegation" */
        return g_strdup (tri_claim_from_string (value, &c) ? tri_claim_label (c, ui_lang ()) : value);
      }
    case TRI_FILTER_GRADE:
      return grade_label (value);
    case TRI_FILTER_SOURCE:
      {
        const TriSource *s = find_source (self, value);

        return g_strdup (s != NULL && s->title != NULL && *s->title ? s->title : value);
      }
    case TRI_FILTER_ACTOR:
      ensure_actors (self);
      for (guint i = 0; self->actors != NULL && i < self->actors->len; i++)
        {
          const TriActor *a = g_ptr_array_index (self->actors, i);

          if (g_strcmp0 (a->code, value) == 0)
            return g_strdup (a->name);
        }
      return g_strdup (value);
    case TRI_FILTER_N_FACETS:
    default:
      return g_strdup (value);
    }
}

/* A chip's words: "Military and security", "Russia or China", "Claim:
 * allegation", "Source: Joint statement"; @all: every value named */
static char *
chip_text (TriFilterBar       *self,
           TriFilterFacet      facet,
           const char * const *values,
           gboolean            all)
{
  guint n = g_strv_length ((char **) values);
  g_autofree char *first = value_label (self, facet, values[0]);
  g_autofree char *text = NULL;

  if (n == 1)
    text = g_steal_pointer (&first);
  else if (n == 2 || all)
    {
      g_autoptr(GString) s = g_string_new (first);

      for (guint i = 1; i < n; i++)
        {
          g_autofree char *next = value_label (self, facet, values[i]);
          g_autofree char *joined = NULL;

          /* Translators: a filter that keeps either of two values, e.g.
           * "Russia or China", "Military and security or Diplomacy" */
          joined = g_strdup_printf (_("%s or %s"), s->str, next);
          g_string_assign (s, joined);
        }
      text = g_string_free (g_steal_pointer (&s), FALSE);
    }
  else
    /* Translators: a filter that keeps any of several values, e.g.
     * "Russia or 2 more" */
    text = g_strdup_printf (ngettext ("%s or %u more", "%s or %u more", n - 1), first, n - 1);

  switch (facet)
    {
    case TRI_FILTER_CLAIM:
      /* Translators: a filter chip: the quotes' claim type, e.g. "Claim: allegation" */
      return g_strdup_printf (_("Claim: %s"), text);
    case TRI_FILTER_SOURCE:
      /* the words of a slide's footnote: "Source: Joint statement" */
      return g_strdup_printf (ngettext ("Source: %s", "Sources: %s", n), text);
    default:
      return g_steal_pointer (&text);
    }
}

/* The session's filter with @facet's values replaced */
static void
set_facet (TriFilterBar       *self,
           TriFilterFacet      facet,
           const char * const *values)
{
  const TriFilter *filter = current_filter (self);
  TriFilter *next;

  if (self->session == NULL)
    return;
  next = filter != NULL ? tri_filter_copy (filter) : tri_filter_new ();
  tri_filter_set_values (next, facet, values != NULL && values[0] != NULL ? values : NULL);
  tri_session_set_filter (self->session, next);
  tri_filter_free (next);
}

/* A check button toggled: its value joins or leaves its facet (the values
 * not shown, such as sources the search hides, stay) */
static void
on_check_toggled (GtkCheckButton *check,
                  TriFilterBar   *self)
{
  TriFilterFacet facet = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "facet"));
  const char *value = g_object_get_data (G_OBJECT (check), "value");
  const char * const *old = current_values (self, facet);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  gboolean active = gtk_check_button_get_active (check);

  if (self->syncing > 0)
    return;
  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    if (!g_str_equal (old[i], value))
      g_ptr_array_add (values, (gpointer) old[i]);
  if (active)
    g_ptr_array_add (values, (gpointer) value);
  g_ptr_array_add (values, NULL);
  set_facet (self, facet, (const char * const *) values->pdata);
}

static GtkWidget *
add_check (TriFilterBar   *self,
           GtkWidget      *box,
           TriFilterFacet  facet,
           const char     *value,
           const char     *label,
           const char     *tooltip)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 34);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (check, tooltip);
  g_object_set_data (G_OBJECT (check), "facet", GINT_TO_POINTER (facet));
  g_object_set_data_full (G_OBJECT (check), "value", g_strdup (value), g_free);
  g_hash_table_insert (self->checks[facet], g_strdup (value), check);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
  gtk_box_append (GTK_BOX (box), check);
  return check;
}

/* A facet's section: a named group, its heading above */
static GtkWidget *
add_section (GtkWidget  *column,
             const char *heading)
{
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *box = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 0,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (title, "filter-heading");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  gtk_box_append (GTK_BOX (column), title);
  gtk_box_append (GTK_BOX (column), box);
  return box;
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
fill_actors (TriFilterBar *self)
{
  remove_children (self->actor_box);
  g_hash_table_remove_all (self->checks[TRI_FILTER_ACTOR]);
  ensure_actors (self);
  for (guint i = 0; self->actors != NULL && i < self->actors->len; i++)
    {
      const TriActor *a = g_ptr_array_index (self->actors, i);

      add_check (self, self->actor_box, TRI_FILTER_ACTOR, a->code, a->name, NULL);
    }
}

static gboolean
source_matches (const TriSource *s,
                const char      *search)
{
  const char *fields[] = { s->title, s->outlet, s->authors, s->id };
  g_autofree char *needle = NULL;

  if (search == NULL || *search == '\0')
    return TRUE;
  needle = g_utf8_casefold (search, -1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *hay = NULL;

      if (fields[i] == NULL)
        continue;
      /* "binh nhuong" finds "Bình Nhưỡng"; Chinese and Korean by substring */
      if (g_str_match_string (search, fields[i], TRUE))
        return TRUE;
      hay = g_utf8_casefold (fields[i], -1);
      if (strstr (hay, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The sources chosen first, then those the search matches, at most
 * MAX_SOURCES_SHOWN; the note says how many more there are */
static void
fill_sources (TriFilterBar *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->source_search));
  const char * const *chosen = current_values (self, TRI_FILTER_SOURCE);
  guint shown = 0, more = 0;

  remove_children (self->source_box);
  g_hash_table_remove_all (self->checks[TRI_FILTER_SOURCE]);
  ensure_sources (self);

  self->syncing++;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; self->sources != NULL && i < self->sources->len; i++)
      {
        const TriSource *s = g_ptr_array_index (self->sources, i);
        gboolean is_chosen = chosen != NULL && g_strv_contains (chosen, s->id);
        g_autofree char *date = NULL;
        g_autofree char *tooltip = NULL;
        GtkWidget *check;

        if ((pass == 0) != is_chosen || (pass == 1 && !source_matches (s, search)))
          continue;
        if (pass == 1 && shown >= MAX_SOURCES_SHOWN)
          {
            more++;
            continue;
          }
        date = tri_date_label (&s->date, ui_lang ());
        tooltip = s->outlet != NULL && *s->outlet
                  ? g_strdup_printf ("%s · %s · %s", s->title, s->outlet, date)
                  : g_strdup_printf ("%s · %s", s->title, date);
        check = add_check (self, self->source_box, TRI_FILTER_SOURCE, s->id,
                           s->title != NULL && *s->title ? s->title : s->id, tooltip);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_chosen);
        shown++;
      }
  self->syncing--;

  if (more > 0)
    {
      /* Translators: under the list of sources in the filter */
      g_autofree char *note = g_strdup_printf (ngettext ("%u more source: type to find it",
                                                         "%u more sources: type to find them", more), more);

      gtk_label_set_text (GTK_LABEL (self->source_note), note);
    }
  else if (shown == 0)
    gtk_label_set_text (GTK_LABEL (self->source_note),
                        self->sources != NULL && self->sources->len > 0 ? _("No source matches")
                                                                        : _("The briefing has no sources"));
  gtk_widget_set_visible (self->source_note, more > 0 || shown == 0);
}

static void
on_source_search (GtkSearchEntry *entry,
                  TriFilterBar   *self)
{
  /* emptied as a briefing opens: listed when the popover next opens */
  if (!gtk_widget_get_visible (self->popover))
    self->lists_stale = TRUE;
  else
    fill_sources (self);
}

/* Escape in the search: clears it, or, when empty, closes the popover */
static void
on_source_stop (GtkSearchEntry *entry,
                TriFilterBar   *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_grade_selected (GtkDropDown  *dropdown,
                   GParamSpec   *pspec,
                   TriFilterBar *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);
  const char *values[] = { NULL, NULL };

  if (self->syncing > 0 || i >= self->grades->len)
    return;
  values[0] = g_ptr_array_index (self->grades, i);
  set_facet (self, TRI_FILTER_GRADE, values);
}

/* A grade the dropdown does not offer (a slide's, the command line's) is
 * added to it, so that it shows what the filter holds */
static guint
grade_index (TriFilterBar *self,
             const char   *code)
{
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->grades->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->grades, i), code) == 0)
      return i;
  g_ptr_array_add (self->grades, g_strdup (code));
  label = grade_label (code);
  gtk_string_list_append (self->grade_labels, label);
  return self->grades->len - 1;
}

static void
on_popover_show (GtkWidget    *popover,
                 TriFilterBar *self)
{
  if (self->lists_stale)
    {
      self->lists_stale = FALSE;
      fill_actors (self);
      fill_sources (self);
    }
  sync_from_filter (self);
}

static void
build_popover (TriFilterBar *self)
{
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *col[3];
  GtkWidget *box, *scroller;

  for (guint i = 0; i < G_N_ELEMENTS (col); i++)
    {
      col[i] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_box_append (GTK_BOX (columns), col[i]);
    }
  gtk_widget_set_margin_start (columns, 6);
  gtk_widget_set_margin_end (columns, 6);
  gtk_widget_set_margin_top (columns, 6);
  gtk_widget_set_margin_bottom (columns, 6);

  box = add_section (col[0], _("Category"));
  for (TriCategory c = 0; c < TRI_N_CATEGORIES; c++)
    add_check (self, box, TRI_FILTER_CATEGORY, tri_category_to_string (c), tri_category_label (c, ui_lang ()), NULL);

  box = add_section (col[0], _("Confidence"));
  for (TriConfidence c = 0; c < TRI_N_CONFIDENCES; c++)
    add_check (self, box, TRI_FILTER_CONFIDENCE, tri_confidence_to_string (c), tri_confidence_label (c, ui_lang ()),
               NULL);

  box = add_section (col[0], _("Grade"));
  self->grades = g_ptr_array_new_with_free_func (g_free);
  self->grade_labels = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (grade_codes); i++)
    {
      g_autofree char *label = grade_label (grade_codes[i]);

      g_ptr_array_add (self->grades, g_strdup (grade_codes[i]));
      gtk_string_list_append (self->grade_labels, label);
    }
  /* the dropdown takes a reference of its own */
  self->grade_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->grade_labels)), NULL);
  gtk_widget_set_tooltip_text (self->grade_dropdown,
                               _("Only quotes from a source at least this reliable (A–F) that are at least this credible (1–6)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grade_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Grade"), -1);
  gtk_widget_set_margin_top (self->grade_dropdown, 2);
  g_signal_connect (self->grade_dropdown, "notify::selected", G_CALLBACK (on_grade_selected), self);
  gtk_box_append (GTK_BOX (box), self->grade_dropdown);

  box = add_section (col[1], _("Claim type"));
  for (TriClaim c = 0; c < TRI_N_CLAIMS; c++)
    {
      g_autofree char *label = capitalize (tri_claim_label (c, ui_lang ()));

      add_check (self, box, TRI_FILTER_CLAIM, tri_claim_to_string (c), label, NULL);
    }

  self->actor_box = add_section (col[1], _("Actor"));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 220);
  /* the section's group holds the scroller, its checks inside */
  box = self->actor_box;
  self->actor_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->actor_box);
  gtk_box_append (GTK_BOX (box), scroller);

  box = add_section (col[2], _("Source"));
  self->source_search = gtk_search_entry_new ();
  g_object_set (self->source_search, "placeholder-text", _("Find a source"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->source_search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find a source"), -1);
  gtk_widget_set_margin_top (self->source_search, 2);
  gtk_widget_set_margin_bottom (self->source_search, 4);
  g_signal_connect (self->source_search, "search-changed", G_CALLBACK (on_source_search), self);
  g_signal_connect (self->source_search, "stop-search", G_CALLBACK (on_source_stop), self);
  gtk_box_append (GTK_BOX (box), self->source_search);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_widget_set_size_request (scroller, 260, -1);
  self->source_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->source_box);
  gtk_box_append (GTK_BOX (box), scroller);
  self->source_note = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->source_note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->source_note), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (self->source_note), 30);
  gtk_widget_add_css_class (self->source_note, "dim-label");
  gtk_box_append (GTK_BOX (box), self->source_note);

  self->popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->popover, "filter-popover");
  gtk_popover_set_child (GTK_POPOVER (self->popover), columns);
  g_signal_connect (self->popover, "show", G_CALLBACK (on_popover_show), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
}

static void
on_chip_remove (GtkButton    *button,
                TriFilterBar *self)
{
  TriFilterFacet facet = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "facet"));

  self->refocus = gtk_widget_has_focus (GTK_WIDGET (button));
  set_facet (self, facet, NULL);
}

static void
on_clear (GtkButton    *button,
          TriFilterBar *self)
{
  g_autoptr(TriFilter) none = tri_filter_new ();

  if (self->session == NULL)
    return;
  /* the row hides: the keyboard goes back to the filter button */
  if (gtk_widget_has_focus (GTK_WIDGET (button)))
    gtk_widget_grab_focus (self->button);
  tri_session_set_filter (self->session, none);
}

/* The chips, one per active facet, in the popover's order */
static void
update_chips (TriFilterBar *self)
{
  static const TriFilterFacet order[] = {
    TRI_FILTER_CATEGORY, TRI_FILTER_CONFIDENCE, TRI_FILTER_CLAIM,
    TRI_FILTER_GRADE, TRI_FILTER_SOURCE, TRI_FILTER_ACTOR,
  };
  gboolean any = FALSE;
  gboolean refocus = self->refocus;

  self->refocus = FALSE;
  remove_children (self->chip_box);
  for (guint i = 0; i < TRI_FILTER_N_FACETS; i++)
    {
      self->chip[i] = self->chip_remove[i] = NULL;
      g_clear_pointer (&self->chip_text[i], g_free);
    }

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      TriFilterFacet facet = order[k];
      const char * const *values = current_values (self, facet);
      g_autofree char *all = NULL;
      g_autofree char *remove = NULL;
      GtkWidget *chip, *label, *button;

      if (values == NULL || values[0] == NULL)
        continue;
      any = TRUE;
      self->chip_text[facet] = chip_text (self, facet, values, FALSE);
      all = chip_text (self, facet, values, TRUE);

      chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      gtk_widget_add_css_class (chip, "chip");
      label = gtk_label_new (self->chip_text[facet]);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_widget_set_tooltip_text (label, all);
      gtk_box_append (GTK_BOX (chip), label);

      button = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_add_css_class (button, "chip-remove");
      /* Translators: the button on a filter chip; %s is the filter, e.g. "Military and security" */
      remove = g_strdup_printf (_("Remove filter: %s"), all);
      gtk_widget_set_tooltip_text (button, remove);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      g_object_set_data (G_OBJECT (button), "facet", GINT_TO_POINTER (facet));
      g_signal_connect (button, "clicked", G_CALLBACK (on_chip_remove), self);
      gtk_box_append (GTK_BOX (chip), button);

      gtk_box_append (GTK_BOX (self->chip_box), chip);
      self->chip[facet] = chip;
      self->chip_remove[facet] = button;
    }

  gtk_widget_set_visible (GTK_WIDGET (self), any);
  if (refocus)
    {
      GtkWidget *next = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (order) && next == NULL; k++)
        next = self->chip_remove[order[k]];
      gtk_widget_grab_focus (next != NULL ? next : self->button);
    }
}

/* The popover's widgets and the chips say what the filter holds */
static void
sync_from_filter (TriFilterBar *self)
{
  self->syncing++;
  for (guint f = 0; f < TRI_FILTER_N_FACETS; f++)
    {
      const char * const *values = current_values (self, f);
      GHashTableIter iter;
      gpointer value, check;

      if (self->checks[f] == NULL)
        continue;
      g_hash_table_iter_init (&iter, self->checks[f]);
      while (g_hash_table_iter_next (&iter, &value, &check))
        gtk_check_button_set_active (check, values != NULL && g_strv_contains (values, value));
    }
  {
    const char * const *grade = current_values (self, TRI_FILTER_GRADE);

    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->grade_dropdown),
                                grade_index (self, grade != NULL ? grade[0] : NULL));
  }
  self->syncing--;
  update_chips (self);
}

static void
on_filter_notify (TriSession   *session,
                  GParamSpec   *pspec,
                  TriFilterBar *self)
{
  sync_from_filter (self);
}

/* Names changed in an edited briefing: the lists and chips follow */
static void
on_store_changed (TriStore     *store,
                  guint         changes,
                  TriFilterBar *self)
{
  if ((changes & (TRI_STORE_CHANGE_ACTORS | TRI_STORE_CHANGE_SOURCES)) == 0)
    return;
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  self->lists_stale = TRUE;
  if (gtk_widget_get_visible (self->popover))
    on_popover_show (self->popover, self);
  else
    update_chips (self);
}

/**
 * tri_filter_bar_set_session:
 *
 * The bar shows @session's filter and changes it.
 */
void
tri_filter_bar_set_session (TriFilterBar *self,
                            TriSession   *session)
{
  g_return_if_fail (TRI_IS_FILTER_BAR (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect (session, "notify::filter", G_CALLBACK (on_filter_notify), self);
  sync_from_filter (self);
}

/**
 * tri_filter_bar_set_store:
 *
 * The briefing whose actors and sources the popover lists (read when it
 * first opens).
 */
void
tri_filter_bar_set_store (TriFilterBar *self,
                          TriStore     *store)
{
  g_return_if_fail (TRI_IS_FILTER_BAR (self));

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  self->lists_stale = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->source_search), "");
  if (gtk_widget_get_visible (self->popover))
    on_popover_show (self->popover, self);
  else
    update_chips (self);
}

/**
 * tri_filter_bar_get_button:
 *
 * Returns: (transfer none): the "Filter" menu button that opens the
 *   popover; the window places it (in its header)
 */
GtkWidget *
tri_filter_bar_get_button (TriFilterBar *self)
{
  g_return_val_if_fail (TRI_IS_FILTER_BAR (self), NULL);
  return self->button;
}

GtkPopover *
tri_filter_bar_get_popover (TriFilterBar *self)
{
  g_return_val_if_fail (TRI_IS_FILTER_BAR (self), NULL);
  return GTK_POPOVER (self->popover);
}

/**
 * tri_filter_bar_popup:
 *
 * Opens the popover (Filter…, Ctrl+Shift+F), when its button is shown.
 */
void
tri_filter_bar_popup (TriFilterBar *self)
{
  g_return_if_fail (TRI_IS_FILTER_BAR (self));
  if (gtk_widget_get_mapped (self->button))
    gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}

/**
 * tri_filter_bar_get_check:
 *
 * Returns: (transfer none) (nullable): the popover's check button for
 *   @value of @facet (a code: "military", "confirmed", "RUS", a source
 *   id), while it lists it
 */
GtkCheckButton *
tri_filter_bar_get_check (TriFilterBar   *self,
                          TriFilterFacet  facet,
                          const char     *value)
{
  g_return_val_if_fail (TRI_IS_FILTER_BAR (self), NULL);
  g_return_val_if_fail (facet < TRI_FILTER_N_FACETS, NULL);
  return self->checks[facet] != NULL ? g_hash_table_lookup (self->checks[facet], value) : NULL;
}

GtkDropDown *
tri_filter_bar_get_grade_dropdown (TriFilterBar *self)
{
  g_return_val_if_fail (TRI_IS_FILTER_BAR (self), NULL);
  return GTK_DROP_DOWN (self->grade_dropdown);
}

GtkEditable *
tri_filter_bar_get_source_search (TriFilterBar *self)
{
  g_return_val_if_fail (TRI_IS_FILTER_BAR (self), NULL);
  return GTK_EDITABLE (self->source_search);
}

/**
 * tri_filter_bar_get_chip:
 *
 * Returns: (transfer none) (nullable): the chip of @facet, %NULL when the
 *   facet is not filtered
 */
GtkWidget *
tri_filter_bar_get_chip (TriFilterBar   *self,
                         TriFilterFacet  facet)
{
  g_return_val_if_fail (TRI_IS_FILTER_BAR (self) && facet < TRI_FILTER_N_FACETS, NULL);
  return self->chip[facet];
}

/* Returns: (transfer none) (nullable): the button that removes @facet's chip */
GtkWidget *
tri_filter_bar_get_chip_remove (TriFilterBar   *self,
                                TriFilterFacet  facet)
{
  g_return_val_if_fail (TRI_IS_FILTER_BAR (self) && facet < TRI_FILTER_N_FACETS, NULL);
  return self->chip_remove[facet];
}

/* Returns: (nullable): what @facet's chip says */
const char *
tri_filter_bar_get_chip_text (TriFilterBar   *self,
                              TriFilterFacet  facet)
{
  g_return_val_if_fail (TRI_IS_FILTER_BAR (self) && facet < TRI_FILTER_N_FACETS, NULL);
  return self->chip_text[facet];
}

GtkWidget *
tri_filter_bar_get_clear_button (TriFilterBar *self)
{
  g_return_val_if_fail (TRI_IS_FILTER_BAR (self), NULL);
  return self->clear_button;
}

GtkWidget *
tri_filter_bar_new (void)
{
  return g_object_new (TRI_TYPE_FILTER_BAR, NULL);
}

static void
tri_filter_bar_dispose (GObject *object)
{
  TriFilterBar *self = TRI_FILTER_BAR (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->row, gtk_widget_unparent);
  /* the button belongs where the window put it; the popover goes with it */
  if (self->button != NULL)
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), NULL);
  g_clear_object (&self->button);
  self->popover = NULL;

  G_OBJECT_CLASS (tri_filter_bar_parent_class)->dispose (object);
}

static void
tri_filter_bar_finalize (GObject *object)
{
  TriFilterBar *self = TRI_FILTER_BAR (object);

  for (guint i = 0; i < TRI_FILTER_N_FACETS; i++)
    {
      g_clear_pointer (&self->checks[i], g_hash_table_unref);
      g_free (self->chip_text[i]);
    }
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->grades, g_ptr_array_unref);
  g_clear_object (&self->grade_labels);

  G_OBJECT_CLASS (tri_filter_bar_parent_class)->finalize (object);
}

static void
tri_filter_bar_class_init (TriFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tri_filter_bar_dispose;
  object_class->finalize = tri_filter_bar_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
tri_filter_bar_init (TriFilterBar *self)
{
  GtkWidget *title, *scroller;

  for (guint i = 0; i < TRI_FILTER_N_FACETS; i++)
    self->checks[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filters"), -1);

  self->row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->row, GTK_WIDGET (self));

  /* Translators: before the filter chips above the timeline */
  title = gtk_label_new (_("Showing only:"));
  gtk_widget_add_css_class (title, "dim-label");
  gtk_box_append (GTK_BOX (self->row), title);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_hexpand (scroller, TRUE);
  self->chip_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->chip_box);
  gtk_box_append (GTK_BOX (self->row), scroller);

  self->clear_button = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  gtk_widget_add_css_class (self->clear_button, "flat");
  gtk_widget_set_tooltip_text (self->clear_button, _("Show every event and quote again"));
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (on_clear), self);
  gtk_box_append (GTK_BOX (self->row), self->clear_button);

  self->button = g_object_ref_sink (gtk_menu_button_new ());
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->button), _("_Filter"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->button), TRUE);
  gtk_widget_set_tooltip_text (self->button, _("Show only some events and quotes (Ctrl+Shift+F)"));
  build_popover (self);

  self->lists_stale = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
