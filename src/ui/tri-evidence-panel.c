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

/* A card costs about 5 ms to lay out (its wrapped labels are shaped at
 * several widths): a side's 200 quotes took a second to show. The panel
 * builds the cards a screen shows (FIRST_CARDS), then NEXT_CARDS at a time
 * while less than a screen of them is left below what is scrolled to, and
 * BUTTON_CARDS when "Show more" is pressed. */
#define FIRST_CARDS  6
#define NEXT_CARDS   2
#define BUTTON_CARDS 10

/* The cards' column. A wrapped label asked for its width lays its text
 * out at its least and its natural width before the width it gets: the
 * column answers that itself (20 to 36 characters, as the labels are set)
 * and asks its cards only for their height at the width they get, so each
 * label is laid out once. */
#define CARD_SPACING 8

/* the two layouts below: height for width, their children unparented */
static GtkSizeRequestMode
height_for_width (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
unparent_children (GObject *object)
{
  GtkWidget *c;

  while ((c = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (c);
}

G_DECLARE_FINAL_TYPE (TriCardColumn, tri_card_column, TRI, CARD_COLUMN, GtkWidget)

struct _TriCardColumn
{
  GtkWidget parent_instance;
  int      *width;   /* the panel's: the width the last column was given */
};

G_DEFINE_FINAL_TYPE (TriCardColumn, tri_card_column, GTK_TYPE_WIDGET)

static int
card_column_char_pixels (GtkWidget *widget)
{
  PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (widget), NULL, NULL);
  int pixels = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                    pango_font_metrics_get_approximate_digit_width (metrics));

  pango_font_metrics_unref (metrics);
  return PANGO_PIXELS_CEIL (pixels);
}

static void
tri_card_column_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  TriCardColumn *self = TRI_CARD_COLUMN (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* the widest card's least width (its labels measure once, see
       * card_label ()), 36 characters at most */
      *minimum = 0;
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
        {
          int min, nat;

          if (!gtk_widget_should_layout (c))
            continue;
          gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
        }
      *natural = MAX (*minimum, card_column_char_pixels (widget) * 36);
      return;
    }

  /* no width given (a scrolled window asks, and does not use the answer):
   * the width the column will most likely get, whose heights the cards
   * keep */
  if (for_size < 0)
    for_size = *self->width > 0 ? *self->width : card_column_char_pixels (widget) * 36;
  *minimum = *natural = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      int min, nat;

      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, for_size, &min, &nat, NULL, NULL);
      if (*natural > 0)
        {
          *minimum += CARD_SPACING;
          *natural += CARD_SPACING;
        }
      *minimum += min;
      *natural += nat;
    }
}

static void
tri_card_column_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  int y = 0;

  *TRI_CARD_COLUMN (widget)->width = width;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      int min, nat;

      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      gtk_widget_size_allocate (c, &(GtkAllocation) { 0, y, width, nat }, -1);
      y += nat + CARD_SPACING;
    }
}

static void
tri_card_column_dispose (GObject *object)
{
  unparent_children (object);
  G_OBJECT_CLASS (tri_card_column_parent_class)->dispose (object);
}

static void
tri_card_column_class_init (TriCardColumnClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tri_card_column_dispose;
  widget_class->measure = tri_card_column_measure;
  widget_class->size_allocate = tri_card_column_size_allocate;
  widget_class->get_request_mode = height_for_width;
}

static void
tri_card_column_init (TriCardColumn *self)
{
}

/* A quote's grade, then its source beside it. A horizontal GtkBox asked
 * for its height at a width searches, child by child, for the widths
 * that fit (each step lays the wrapped source out again): the row gives
 * the grade its width and the source the rest. */
#define ROW_SPACING 6

G_DECLARE_FINAL_TYPE (TriSourceRow, tri_source_row, TRI, SOURCE_ROW, GtkWidget)

struct _TriSourceRow
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (TriSourceRow, tri_source_row, GTK_TYPE_WIDGET)

static int
source_row_lead_width (GtkWidget *lead)
{
  int min, nat;

  gtk_widget_measure (lead, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return nat;
}

static void
tri_source_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GtkWidget *lead = gtk_widget_get_first_child (widget);
  GtkWidget *rest = gtk_widget_get_next_sibling (lead);
  int lead_width = source_row_lead_width (lead);
  int min, nat, lead_min, lead_nat;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (rest, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      *minimum = lead_width + ROW_SPACING + min;
      *natural = lead_width + ROW_SPACING + nat;
      return;
    }
  gtk_widget_measure (lead, GTK_ORIENTATION_VERTICAL, -1, &lead_min, &lead_nat, NULL, NULL);
  gtk_widget_measure (rest, GTK_ORIENTATION_VERTICAL, for_size < 0 ? -1 : MAX (for_size - lead_width - ROW_SPACING, 0),
                      &min, &nat, NULL, NULL);
  *minimum = MAX (lead_min, min);
  *natural = MAX (lead_nat, nat);
}

static void
tri_source_row_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  GtkWidget *lead = gtk_widget_get_first_child (widget);
  GtkWidget *rest = gtk_widget_get_next_sibling (lead);
  int lead_width = MIN (source_row_lead_width (lead), width);
  int rest_width = MAX (width - lead_width - ROW_SPACING, 0);
  int min, nat;

  gtk_widget_measure (lead, GTK_ORIENTATION_VERTICAL, lead_width, &min, &nat, NULL, NULL);
  gtk_widget_size_allocate (lead, &(GtkAllocation) { 0, 0, lead_width, MIN (nat, height) }, -1);
  gtk_widget_measure (rest, GTK_ORIENTATION_VERTICAL, rest_width, &min, &nat, NULL, NULL);
  gtk_widget_size_allocate (rest, &(GtkAllocation) { width - rest_width, 0, rest_width, height }, -1);
}

static void
tri_source_row_dispose (GObject *object)
{
  unparent_children (object);
  G_OBJECT_CLASS (tri_source_row_parent_class)->dispose (object);
}

static void
tri_source_row_class_init (TriSourceRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tri_source_row_dispose;
  widget_class->measure = tri_source_row_measure;
  widget_class->size_allocate = tri_source_row_size_allocate;
  widget_class->get_request_mode = height_for_width;
}

static void
tri_source_row_init (TriSourceRow *self)
{
}

struct _TriEvidencePanel
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *body;
  GPtrArray *quote_ids;   /* of every quote listed, carded or not yet */
  char      *shown;       /* what the body shows, to skip an identical rebuild */

  /* the quotes listed (quote_ids), read and carded as they are scrolled
   * to (add_cards ()) */
  gboolean    listing;
  GPtrArray  *read;         /* TriQuote *, those read, in order */
  guint       n_read;       /* how many of quote_ids were read (an id
                             * deleted since is not among the quotes) */
  guint       n_cards;
  TriStore   *store;
  GHashTable *source_langs; /* source id -> its language */
  gboolean    link_events;
  guint32     as_of;
  char       *lang;
  GtkWidget  *cards;        /* the cards' box */
  GtkWidget  *more;         /* "Show more", while some are not carded */
  int         card_width;   /* the cards' column's, as last allocated */
  guint       more_source;  /* the next cards, once the frame is drawn */
  GdkFrameClock *paint_clock;  /* waited on for the frame that shows the cards */
  gulong      painted_id;
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

/* A label of a card: its least and natural widths are the same 20
 * characters, so measuring its width lays its text out once (a card's
 * natural width is its column's, 36 characters) */
static GtkWidget *
card_label (GtkWidget *label)
{
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  return label;
}

static void
stop_waiting (TriEvidencePanel *self)
{
  if (self->painted_id != 0)
    g_signal_handler_disconnect (self->paint_clock, self->painted_id);
  self->painted_id = 0;
  g_clear_object (&self->paint_clock);
}

static void
forget_listed (TriEvidencePanel *self)
{
  stop_waiting (self);
  g_clear_handle_id (&self->more_source, g_source_remove);
  g_clear_pointer (&self->read, g_ptr_array_unref);
  self->listing = FALSE;
  self->n_read = 0;
  g_clear_pointer (&self->source_langs, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->lang, g_free);
  self->cards = self->more = NULL;
  self->n_cards = 0;
}

static void
clear (TriEvidencePanel *self)
{
  GtkWidget *c;

  while ((c = gtk_widget_get_first_child (self->body)) != NULL)
    gtk_box_remove (GTK_BOX (self->body), c);
  g_ptr_array_set_size (self->quote_ids, 0);
  forget_listed (self);
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
  GtkWidget *row = g_object_new (tri_source_row_get_type (), NULL);

  gtk_widget_set_parent (grade_label (q, lang), row);
  gtk_widget_set_parent (card_label (text_label (meta, "quote-source", NULL)), row);
  return row;
}

/* One quote's card: its text, translation, source and grade, what could
 * not be verified, hindsight, and its event */
static GtkWidget *
quote_card (TriEvidencePanel *self,
            const TriQuote   *q)
{
  const char *lang = self->lang;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *meta = tri_quote_describe_source (q, lang);
  g_autofree char *later = tri_quote_published_later (q, self->as_of, lang);
  const char *unverified = tri_quote_unverified_label (q, FALSE, lang);
  const char *verification = tri_quote_verification_meaning (q, NULL);
  const char *source_lang = q->source_id ? g_hash_table_lookup (self->source_langs, q->source_id) : NULL;
  GtkWidget *quote_text;

  gtk_widget_add_css_class (card, "quote");
  quote_text = card_label (text_label (q->text, "quote-text", source_lang));
  if (verification != NULL)
    {
      /* how it was checked, on hover and for screen readers */
      gtk_widget_set_tooltip_text (quote_text, verification);
      gtk_accessible_update_property (GTK_ACCESSIBLE (quote_text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      verification, -1);
    }
  gtk_box_append (GTK_BOX (card), quote_text);
  if (q->translation != NULL && g_strcmp0 (source_lang, lang) != 0)
    gtk_box_append (GTK_BOX (card), card_label (text_label (q->translation, "quote-translation", lang)));

  gtk_box_append (GTK_BOX (card), source_row (q, meta, lang));
  if (unverified != NULL)
    gtk_box_append (GTK_BOX (card), card_label (text_label (unverified, "unverified-note", NULL)));
  if (later != NULL)
    {
      /* hindsight about an earlier event: said in words, and marked */
      gtk_widget_add_css_class (card, "published-later");
      gtk_box_append (GTK_BOX (card), card_label (text_label (later, "published-later-note", NULL)));
    }

  if (self->link_events && q->event_id != 0)
    {
      g_autoptr(TriEvent) ev = tri_store_get_event (self->store, q->event_id, lang, NULL);

      if (ev != NULL)
        {
          g_autofree char *date = ev->date_label ? g_strdup (ev->date_label) : tri_date_label (&ev->date, lang);
          /* Translators: a date label and an event's title */
          g_autofree char *title = g_strdup_printf (D_(lang, "%s — %s"), date, ev->title);
          /* Translators: a link from a quote to its event */
          g_autofree char *text = g_strdup_printf (D_(lang, "Event: %s"), title);
          GtkWidget *link = event_link (self, ev->id, text);

          card_label (gtk_button_get_child (GTK_BUTTON (link)));
          gtk_box_append (GTK_BOX (card), link);
        }
    }
  return card;
}

/* The next @n of the listed quotes as cards (read first, as needed), and
 * "Show more" says how many are left */
static void
add_cards (TriEvidencePanel *self,
           guint             n)
{
  guint left;

  if (!self->listing)
    return;
  if (self->read->len < self->n_cards + n && self->n_read < self->quote_ids->len)
    {
      guint k = MIN (self->n_cards + n - self->read->len, self->quote_ids->len - self->n_read);
      g_autofree gint64 *ids = g_new (gint64, k);
      g_autoptr(GPtrArray) more = NULL;

      for (guint i = 0; i < k; i++)
        ids[i] = *(gint64 *) self->quote_ids->pdata[self->n_read + i];
      more = tri_store_read_quotes (self->store, ids, k, self->lang, NULL);
      /* a failed read: the cards stop here (the window says what went wrong) */
      if (more == NULL)
        return;
      self->n_read += k;
      g_ptr_array_extend_and_steal (self->read, g_steal_pointer (&more));
    }
  for (guint end = MIN (self->read->len, self->n_cards + n); self->n_cards < end; self->n_cards++)
    gtk_widget_insert_before (quote_card (self, g_ptr_array_index (self->read, self->n_cards)), self->cards, NULL);

  left = self->quote_ids->len - self->n_read + self->read->len - self->n_cards;
  gtk_widget_set_visible (self->more, left > 0);
  if (left > 0)
    {
      /* Translators: a button under the first quotes of a side; %u is how many
       * are not shown yet */
      g_autofree char *text = g_strdup_printf (DN_ (self->lang, "Show more: %u quote not shown yet",
                                                    "Show more: %u quotes not shown yet", left), left);

      gtk_button_set_label (GTK_BUTTON (self->more), text);
    }
}

static gboolean
add_cards_later (gpointer data)
{
  TriEvidencePanel *self = data;

  self->more_source = 0;
  add_cards (self, NEXT_CARDS);
  return G_SOURCE_REMOVE;
}

/* The frame that shows the cards built is painted: the next ones */
static void
on_cards_painted (GdkFrameClock    *clock,
                  TriEvidencePanel *self)
{
  stop_waiting (self);
  if (self->more_source == 0)
    self->more_source = g_idle_add (add_cards_later, self);
}

/* Less than a screen of cards below what is scrolled to: the next ones,
 * after the frame that shows these. Not in an idle at once: while the
 * frame clock waits for the time of its next frame, an idle runs first,
 * and the frame that shows a side's first cards (at a million events, 7
 * to 16 ms later) waited for two more cards to be built. */
static void
on_scrolled (GtkAdjustment    *adjustment,
             TriEvidencePanel *self)
{
  double page = gtk_adjustment_get_page_size (adjustment);
  GdkFrameClock *clock;

  if (!self->listing || gtk_widget_get_visible (self->more) == FALSE || self->more_source != 0 ||
      self->painted_id != 0 || page <= 0)
    return;
  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) - page >= page)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      self->more_source = g_idle_add (add_cards_later, self);
      return;
    }
  self->paint_clock = g_object_ref (clock);
  self->painted_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_cards_painted), self);
}

static void
on_more_clicked (GtkButton        *button,
                 TriEvidencePanel *self)
{
  add_cards (self, BUTTON_CARDS);
}

/* The quotes of @ids (the first MAX_ROWS of @total), of which @quotes
 * (the panel keeps it, and reads the others into it) were read: as many
 * cards as a screen shows, the rest as the list is
 * scrolled (on_scrolled ()) or "Show more" pressed */
static void
add_quotes (TriEvidencePanel *self,
            GArray           *ids,
            GPtrArray        *quotes,
            guint             total,
            TriStore         *store,
            gboolean          link_events,
            guint32           as_of,
            const char       *lang)
{
  g_autoptr(GPtrArray) sources = tri_store_list_sources (store, lang, NULL);
  guint n = MIN (ids->len, MAX_ROWS);

  forget_listed (self);
  self->listing = TRUE;
  self->read = g_ptr_array_ref (quotes);
  if (self->read->len > n)
    g_ptr_array_set_size (self->read, n);
  self->n_read = self->read->len;
  self->store = g_object_ref (store);
  self->link_events = link_events;
  self->as_of = as_of;
  self->lang = g_strdup (lang);
  self->source_langs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint k = 0; sources && k < sources->len; k++)
    {
      const TriSource *source = g_ptr_array_index (sources, k);

      if (source->language != NULL)
        g_hash_table_insert (self->source_langs, g_strdup (source->id), g_strdup (source->language));
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->quote_ids, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));

  self->cards = g_object_new (tri_card_column_get_type (), NULL);
  TRI_CARD_COLUMN (self->cards)->width = &self->card_width;
  gtk_box_append (GTK_BOX (self->body), self->cards);
  self->more = gtk_button_new ();
  gtk_widget_add_css_class (self->more, "show-more");
  gtk_widget_set_halign (self->more, GTK_ALIGN_START);
  g_signal_connect (self->more, "clicked", G_CALLBACK (on_more_clicked), self);
  gtk_box_append (GTK_BOX (self->body), self->more);
  add_cards (self, FIRST_CARDS);

  if (total > n)
    add_more_note (self, total - n, lang);
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
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *heading = NULL;
  guint32 from, to;
  guint total = 0;

  g_return_if_fail (TRI_IS_EVIDENCE_PANEL (self));

  tri_window_bounds (as_of, tri_window_days_for_months (window_months), &from, &to);
  ids = tri_store_list_quote_ids_in_period (store, relation->id, from, to, MAX_ROWS, &total, NULL);
  /* a failed read is not "no quotes": keep what the panel shows (the
   * window says what went wrong) */
  if (ids == NULL)
    return;

  /* the same quotes (an edit of them invalidates the panel), and none of
   * the cards shown changes whether its source was published later: leave
   * the list (and its scroll) be */
  g_string_printf (shown, "%" G_GINT64_FORMAT " %s %u %u:", relation->id, lang, window_months, total);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (shown, " %" G_GINT64_FORMAT, g_array_index (ids, gint64, i));
  if (ids->len > 0 && g_strcmp0 (shown->str, self->shown) == 0)
    {
      gboolean same = TRUE;

      for (guint i = 0; same && i < self->n_cards; i++)
        {
          const TriQuote *q = g_ptr_array_index (self->read, i);

          same = tri_source_published_later (&q->source_date, as_of) ==
                 tri_source_published_later (&q->source_date, self->as_of);
        }
      if (same)
        {
          self->as_of = as_of;   /* for the cards still to come */
          set_heading (self, title, description);
          return;
        }
    }

  /* the first cards' quotes, read in full */
  quotes = tri_store_read_quotes (store, (gint64 *) ids->data, MIN (ids->len, FIRST_CARDS), lang, NULL);
  if (quotes == NULL)
    return;

  clear (self);
  set_heading (self, title, description);
  if (ids->len == 0)
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
  add_quotes (self, ids, quotes, total, store, TRUE, as_of, lang);
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
      g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), quotes->len);
      g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
      guint n = quotes->len;

      /* the sources of all its quotes, named after their cards */
      for (guint i = 0; i < quotes->len; i++)
        {
          const TriQuote *q = g_ptr_array_index (quotes, i);

          g_array_append_val (ids, q->id);
          if (q->source_title && g_hash_table_add (seen, q->source_title))
            g_ptr_array_add (titles, g_strdup (q->source_title));
        }
      add_section (self, DN_ (lang, "Quote", "Quotes", n));
      add_quotes (self, ids, quotes, n, store, FALSE, tri_event_as_of (&ev->date), lang);

      add_section (self, D_(lang, "Sources"));
      for (guint i = 0; i < titles->len; i++)
        gtk_box_append (GTK_BOX (self->body), text_label (titles->pdata[i], NULL, NULL));
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

/* how many quotes the panel lists, carded or to be carded as it is scrolled */
guint
tri_evidence_panel_get_n_quotes (TriEvidencePanel *self)
{
  return self->quote_ids->len;
}

/* how many of them have their card built */
guint
tri_evidence_panel_get_n_cards (TriEvidencePanel *self)
{
  return self->n_cards;
}

/**
 * tri_evidence_panel_get_quote_ids:
 *
 * Returns: (transfer none): the ids (gint64 *) of the quotes listed, in
 * order: the cards built so far show the first of them
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

  forget_listed (self);
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
  {
    GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));

    g_signal_connect_object (v, "changed", G_CALLBACK (on_scrolled), self, 0);
    g_signal_connect_object (v, "value-changed", G_CALLBACK (on_scrolled), self, 0);
  }

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
