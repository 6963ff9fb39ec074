/* tri-evidence-panel.c: what supports the selection, with its sources
 *
 * Quotes show their original text (with its language set, so Pango picks
 * the right glyphs), the translation for the data language, the source,
 * its publication date and the quote's own claim type, its Admiralty
 * grade ("B2", meaning on hover), whether it was verified against its
 * source's stored text, and, when the source appeared after "as of",
 * that it was published later. A side's
 * quotes are those of the period its edge counts. Data text only ever
 * reaches plain labels, never markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-evidence-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "render/tri-labels.h"
#include "document/tri-session.h"
#include "tri-evidence-panel.h"
#include "render/tri-catalog.h"

/* a 20,000-quote edge must not build 20,000 widgets */
#define MAX_ROWS TRI_EVIDENCE_PANEL_MAX_ROWS

struct _TriEvidencePanel
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *body;
  GPtrArray *quote_ids;
  char      *shown;       /* what the body shows, to skip an identical rebuild */
};

G_DEFINE_FINAL_TYPE (TriEvidencePanel, tri_evidence_panel, GTK_TYPE_WIDGET)

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
tri_evidence_panel_new (void)
{
  return g_object_new (TRI_TYPE_EVIDENCE_PANEL, NULL);
}

static GtkWidget *
text_label (const char *text,
            const char *css_class,
            const char *lang)
{
  GtkWidget *label = gtk_label_new (text ? text : "");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* measured at its least width, text that may break inside a word is
   * shaped a line per letter: a side's 200 quotes took 2.2 s to show
   * (a least width of 20 characters: about 1.2 s) */
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  /* wrapped text asks for a column, not for the whole window */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_focusable (label, FALSE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  if (lang)
    {
      g_autofree char *tag = g_strdelimit (g_ascii_strdown (lang, -1), "_", '-');
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string (tag)));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      pango_attr_list_unref (attrs);
    }
  return label;
}

static void
clear (TriEvidencePanel *self)
{
  GtkWidget *c;

  while ((c = gtk_widget_get_first_child (self->body)) != NULL)
    gtk_box_remove (GTK_BOX (self->body), c);
  g_ptr_array_set_size (self->quote_ids, 0);
  g_clear_pointer (&self->shown, g_free);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

static void
set_heading (TriEvidencePanel *self,
             const char       *title,
             const char       *subtitle)
{
  gtk_label_set_text (GTK_LABEL (self->title), title ? title : "");
  gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle ? subtitle : "");
  gtk_widget_set_visible (self->subtitle, subtitle != NULL && *subtitle != '\0');
}

static void
on_event_link (GtkButton        *button,
               TriEvidencePanel *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "event-id");

  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, *id);
}

static GtkWidget *
event_link (TriEvidencePanel *self,
            gint64            id,
            const char       *text)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "event-link");
  gtk_widget_set_halign (button, GTK_ALIGN_FILL);
  g_object_set_data_full (G_OBJECT (button), "event-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_event_link), self);
  return button;
}

static void
add_section (TriEvidencePanel *self,
             const char       *heading)
{
  GtkWidget *label = gtk_label_new (heading);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (self->body), label);
}

static void
add_more_note (TriEvidencePanel *self,
               guint             n_more,
               const char       *lang)
{
  g_autofree char *text = g_strdup_printf (DN_ (lang, "%u more not shown", "%u more not shown", n_more), n_more);

  gtk_box_append (GTK_BOX (self->body), text_label (text, "dim-label", NULL));
}

/* The quote's Admiralty grade ("B2", or "ungraded") beside its source,
 * with what it means on hover and for screen readers, in the interface's
 * words. */
static GtkWidget *
grade_label (const TriQuote *q,
             const char     *lang)
{
  g_autofree char *code = tri_quote_grade_label (q, lang);
  g_autofree char *meaning = tri_quote_grade_meaning (q, NULL);
  GtkWidget *label = gtk_label_new (code);

  gtk_widget_add_css_class (label, "grade");
  if (q->reliability == 0 && q->credibility == 0)
    gtk_widget_add_css_class (label, "ungraded");
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (label, meaning);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, meaning, -1);
  return label;
}

static GtkWidget *
source_row (const TriQuote *q,
            const char     *meta,
            const char     *lang)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *source = text_label (meta, "quote-source", NULL);

  gtk_widget_set_hexpand (source, TRUE);
  gtk_box_append (GTK_BOX (row), grade_label (q, lang));
  gtk_box_append (GTK_BOX (row), source);
  return row;
}

static void
add_quotes (TriEvidencePanel *self,
            GPtrArray        *quotes,
            guint             total,
            TriStore         *store,
            gboolean          link_events,
            guint32           as_of,
            const char       *lang)
{
  g_autoptr(GPtrArray) sources = tri_store_list_sources (store, lang, NULL);

  for (guint i = 0; i < quotes->len && i < MAX_ROWS; i++)
    {
      const TriQuote *q = g_ptr_array_index (quotes, i);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *meta = tri_quote_describe_source (q, lang);
      g_autofree char *later = tri_quote_published_later (q, as_of, lang);
      const char *unverified = tri_quote_unverified_label (q, FALSE, lang);
      const char *verification = tri_quote_verification_meaning (q, NULL);
      const char *source_lang = NULL;
      GtkWidget *quote_text;

      for (guint k = 0; sources && k < sources->len; k++)
        if (g_strcmp0 (((TriSource *) g_ptr_array_index (sources, k))->id, q->source_id) == 0)
          source_lang = ((TriSource *) g_ptr_array_index (sources, k))->language;

      gtk_widget_add_css_class (card, "quote");
      quote_text = text_label (q->text, "quote-text", source_lang);
      if (verification != NULL)
        {
          /* how it was checked, on hover and for screen readers */
          gtk_widget_set_tooltip_text (quote_text, verification);
          gtk_accessible_update_property (GTK_ACCESSIBLE (quote_text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          verification, -1);
        }
      gtk_box_append (GTK_BOX (card), quote_text);
      if (q->translation != NULL && g_strcmp0 (source_lang, lang) != 0)
        gtk_box_append (GTK_BOX (card), text_label (q->translation, "quote-translation", lang));

      gtk_box_append (GTK_BOX (card), source_row (q, meta, lang));
      if (unverified != NULL)
        gtk_box_append (GTK_BOX (card), text_label (unverified, "unverified-note", NULL));
      if (later != NULL)
        {
          /* hindsight about an earlier event: said in words, and marked */
          gtk_widget_add_css_class (card, "published-later");
          gtk_box_append (GTK_BOX (card), text_label (later, "published-later-note", NULL));
        }

      if (link_events && q->event_id != 0)
        {
          g_autoptr(TriEvent) ev = tri_store_get_event (store, q->event_id, lang, NULL);

          if (ev != NULL)
            {
              g_autofree char *date = ev->date_label ? g_strdup (ev->date_label) : tri_date_label (&ev->date, lang);
              /* Translators: a date label and an event's title */
              g_autofree char *title = g_strdup_printf (D_(lang, "%s — %s"), date, ev->title);
              /* Translators: a link from a quote to its event */
              g_autofree char *text = g_strdup_printf (D_(lang, "Event: %s"), title);
              gtk_box_append (GTK_BOX (card), event_link (self, ev->id, text));
            }
        }

      gtk_box_append (GTK_BOX (self->body), card);
      g_ptr_array_add (self->quote_ids, g_memdup2 (&q->id, sizeof q->id));
    }

  if (total > MIN (quotes->len, MAX_ROWS))
    add_more_note (self, total - MIN (quotes->len, MAX_ROWS), lang);
}

void
tri_evidence_panel_show_overview (TriEvidencePanel *self,
                                  const char       *title,
                                  const char       *text)
{
  g_return_if_fail (TRI_IS_EVIDENCE_PANEL (self));

  clear (self);
  set_heading (self, title, NULL);
  gtk_box_append (GTK_BOX (self->body), text_label (text, NULL, NULL));
}

/**
 * tri_evidence_panel_show_relation:
 * @as_of: the "as of" day
 * @window_months: the window, 0 for all time
 *
 * The quotes of exactly the events the side counts in that period, newest
 * first (tri_store_list_quotes_in_period()); a period with none says so.
 * Called again as "as of" moves: the same quotes are not rebuilt.
 */
void
tri_evidence_panel_show_relation (TriEvidencePanel  *self,
                                  TriStore          *store,
                                  const TriRelation *relation,
                                  const char        *title,
                                  const char        *description,
                                  guint32            as_of,
                                  guint              window_months,
                                  const char        *lang)
{
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *heading = NULL;
  guint32 from, to;
  guint total = 0;

  g_return_if_fail (TRI_IS_EVIDENCE_PANEL (self));

  tri_window_bounds (as_of, tri_window_days_for_months (window_months), &from, &to);
  quotes = tri_store_list_quotes_in_period (store, relation->id, from, to, lang, MAX_ROWS, &total, NULL);
  /* a failed read is not "no quotes": keep what the panel shows (the
   * window says what went wrong) */
  if (quotes == NULL)
    return;

  /* the same quotes with the same flags: leave the list (and its scroll) be */
  g_string_printf (shown, "%" G_GINT64_FORMAT " %s %u %u:", relation->id, lang, window_months, total);
  for (guint i = 0; quotes && i < quotes->len; i++)
    {
      const TriQuote *q = g_ptr_array_index (quotes, i);
      /* a regraded quote is shown anew */
      g_string_append_printf (shown, " %" G_GINT64_FORMAT "%s%c%d/%d", q->id,
                              tri_source_published_later (&q->source_date, as_of) ? "+" : "",
                              q->reliability ? q->reliability : '-', q->credibility,
                              (int) q->verification);
    }
  if (quotes != NULL && quotes->len > 0 && g_strcmp0 (shown->str, self->shown) == 0)
    {
      set_heading (self, title, description);
      return;
    }

  clear (self);
  set_heading (self, title, description);
  if (quotes == NULL || quotes->len == 0)
    {
      g_autofree char *window = tri_window_describe (window_months, as_of, lang);
      g_autofree char *filtered = tri_filter_describe (tri_store_get_filter (store), store, lang);
      /* Translators: %s is a period such as "the 12 months to 1 July 2024" */
      g_autofree char *text = filtered[0] == '\0'
        ? g_strdup_printf (D_(lang, "No quotes for this relation in %s."), window)
        /* Translators: %1$s is a period such as "the 12 months to 1 July 2024",
         * %2$s the filter in words, such as "confirmed military events only" */
        : g_strdup_printf (D_(lang, "No quotes for this relation in %1$s (%2$s)."), window, filtered);

      gtk_box_append (GTK_BOX (self->body), text_label (text, "dim-label", NULL));
      return;
    }

  heading = g_strdup_printf (DN_ (lang, "%u supporting quote, newest first",
                                       "%u supporting quotes, newest first", total),
                             total);
  add_section (self, heading);
  add_quotes (self, quotes, total, store, TRUE, as_of, lang);
  self->shown = g_string_free (g_steal_pointer (&shown), FALSE);
}

void
tri_evidence_panel_show_event (TriEvidencePanel *self,
                               TriStore         *store,
                               const TriEvent   *ev,
                               GPtrArray        *relation_names,
                               const char       *lang)
{
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  /* an imported event's own wording of its date, when it has one */
  g_autofree char *label = ev->date_label ? g_strdup (ev->date_label) : tri_date_label (&ev->date, lang);
  /* it starts the line: capitalised where the language capitalises sentences */
  g_autofree char *date = tri_capitalize_first (label);
  g_autofree char *kind = NULL;

  g_return_if_fail (TRI_IS_EVIDENCE_PANEL (self));

  clear (self);
  /* Translators: under an event's title: its date label and category */
  kind = g_strdup_printf (D_(lang, "%s · %s"), date, tri_category_label (ev->category, lang));
  set_heading (self, ev->title, kind);

  if (ev->confidence == TRI_CONFIDENCE_CONFIRMED)
    gtk_box_append (GTK_BOX (self->body), text_label (tri_confidence_label (ev->confidence, lang), "confidence", NULL));
  else
    {
      const char *who = ev->claimed_by ? ev->claimed_by : "?";
      /* Translators: %s is who claims it, e.g. "the United States and the West" */
      g_autofree char *claim = ev->confidence == TRI_CONFIDENCE_REPORTED
                               ? g_strdup_printf (D_(lang, "Reported by %s"), who)
                               : g_strdup_printf (D_(lang, "Alleged by %s"), who);
      gtk_box_append (GTK_BOX (self->body), text_label (claim, "confidence", NULL));
    }

  if (ev->summary != NULL)
    gtk_box_append (GTK_BOX (self->body), text_label (ev->summary, NULL, lang));

  add_section (self, D_(lang, "Relations"));
  for (guint i = 0; i < ev->links->len && relation_names && i < relation_names->len; i++)
    {
      const TriLink *link = &g_array_index (ev->links, TriLink, i);
      /* Translators: a relation, the event's stance on it and its weight 1–3 */
      g_autofree char *text = g_strdup_printf (D_(lang, "%s: %s, significance %d of 3"),
                                               (const char *) g_ptr_array_index (relation_names, i),
                                               tri_stance_label (link->stance, lang), link->weight);
      gtk_box_append (GTK_BOX (self->body), text_label (text, NULL, NULL));
    }

  /* what an imported event kept that has no column of its own: the media's
   * credit and address, the display date, the time, the group… */
  {
    g_autoptr(GPtrArray) notes = tri_store_list_notes (store, ev->id, NULL);

    if (notes != NULL && notes->len > 0)
      {
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint i = 0; i < notes->len && i < MAX_ROWS; i++)
          g_string_append_printf (text, "%s%s", i ? "\n" : "", (const char *) notes->pdata[i]);
        add_section (self, DN_ (lang, "Note from the imported file", "Notes from the imported file", notes->len));
        gtk_box_append (GTK_BOX (self->body), text_label (text->str, "dim-label", NULL));
        if (notes->len > MAX_ROWS)
          add_more_note (self, notes->len - MAX_ROWS, lang);
      }
  }

  quotes = tri_store_list_quotes (store, 0, ev->id, lang, NULL);
  if (quotes != NULL && quotes->len > 0)
    {
      add_section (self, DN_ (lang, "Quote", "Quotes", quotes->len));
      add_quotes (self, quotes, quotes->len, store, FALSE, tri_event_as_of (&ev->date), lang);

      add_section (self, D_(lang, "Sources"));
      for (guint i = 0; i < quotes->len; i++)
        {
          const TriQuote *q = g_ptr_array_index (quotes, i);

          if (q->source_title && g_hash_table_add (seen, q->source_title))
            gtk_box_append (GTK_BOX (self->body), text_label (q->source_title, NULL, NULL));
        }
    }
}

void
tri_evidence_panel_show_actor (TriEvidencePanel *self,
                               const char       *name,
                               GPtrArray        *events,
                               guint             total,
                               const char       *lang)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (TRI_IS_EVIDENCE_PANEL (self));

  clear (self);
  subtitle = g_strdup_printf (DN_ (lang, "%u event involving it", "%u events involving it", total),
                              total);
  set_heading (self, name, subtitle);

  for (guint i = 0; i < events->len && i < MAX_ROWS; i++)
    {
      const TriEvent *ev = g_ptr_array_index (events, i);
      g_autofree char *date = tri_date_label (&ev->date, lang);
      /* Translators: a date label and an event's title */
      g_autofree char *text = g_strdup_printf (D_(lang, "%s — %s"), date, ev->title);

      gtk_box_append (GTK_BOX (self->body), event_link (self, ev->id, text));
    }
  if (total > MIN (events->len, MAX_ROWS))
    add_more_note (self, total - MIN (events->len, MAX_ROWS), lang);
}

void
tri_evidence_panel_set_subtitle (TriEvidencePanel *self,
                                 const char       *subtitle)
{
  g_return_if_fail (TRI_IS_EVIDENCE_PANEL (self));
  gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle ? subtitle : "");
  gtk_widget_set_visible (self->subtitle, subtitle != NULL && *subtitle != '\0');
}

guint
tri_evidence_panel_get_n_quotes (TriEvidencePanel *self)
{
  return self->quote_ids->len;
}

/**
 * tri_evidence_panel_get_quote_ids:
 *
 * Returns: (transfer none): the ids (gint64 *) of the quotes shown, in order
 */
GPtrArray *
tri_evidence_panel_get_quote_ids (TriEvidencePanel *self)
{
  return self->quote_ids;
}

const char *
tri_evidence_panel_get_title (TriEvidencePanel *self)
{
  return gtk_label_get_text (GTK_LABEL (self->title));
}

static void
tri_evidence_panel_dispose (GObject *object)
{
  TriEvidencePanel *self = TRI_EVIDENCE_PANEL (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->quote_ids, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (tri_evidence_panel_parent_class)->dispose (object);
}

static void
tri_evidence_panel_class_init (TriEvidencePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tri_evidence_panel_dispose;

  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "evidencepanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_REGION);
}

static void
tri_evidence_panel_init (TriEvidencePanel *self)
{
  self->quote_ids = g_ptr_array_new_with_free_func (g_free);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->box, "evidence");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->box);

  self->title = text_label ("", "title-3", NULL);
  gtk_label_set_selectable (GTK_LABEL (self->title), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  self->subtitle = text_label ("", "dim-label", NULL);
  self->body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (self->box), self->title);
  gtk_box_append (GTK_BOX (self->box), self->subtitle);
  gtk_box_append (GTK_BOX (self->box), self->body);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* the region's name, as the window's heading says it */
                                  _("Evidence"), -1);
}

/**
 * tri_evidence_panel_invalidate:
 *
 * The briefing changed: the next show_* builds the body again even if it
 * would list the same rows (a quote graded, a source's text stored).
 */
void
tri_evidence_panel_invalidate (TriEvidencePanel *self)
{
  g_return_if_fail (TRI_IS_EVIDENCE_PANEL (self));
  g_clear_pointer (&self->shown, g_free);
}

/**
 * tri_evidence_panel_show_session_relation:
 * @session: what the window shows: its "as of", period and data language
 *
 * The quotes of @relation for the period @session counts.
 */
void
tri_evidence_panel_show_session_relation (TriEvidencePanel  *self,
                                          TriStore          *store,
                                          const TriRelation *relation,
                                          const char        *title,
                                          TriSession        *session)
{
  tri_evidence_panel_show_relation (self, store, relation, title, NULL,
                                    tri_session_get_as_of (session),
                                    tri_session_get_window_months (session),
                                    tri_session_get_data_language (session));
}
