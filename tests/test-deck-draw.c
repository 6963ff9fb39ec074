/* test-deck-draw.c: every kind of deck slide in every language at every
 * offered size, with nothing clipped; a view slide is the briefing slide
 * of the same view; a compare slide's words are the state of each side
 * as of each date
 *
 * As in test-slide.c, every text a slide places is recorded with its box:
 * each must lie inside the page and its region, no two may overlap, and no
 * laid-out text may be larger than its box (it is shortened at a word with
 * an ellipsis instead). The title, the markings, the slide's number and a
 * compare slide's words are never shortened.
 *
 * TRI_DECK_PNG_DIR=DIR keeps a PNG of each slide drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cairo.h>

#include "document/tri-session.h"
#include "export/tri-deck-draw.h"
#include "export/tri-export.h"
#include "render/tri-catalog.h"
#include "render/tri-deck-render.h"
#include "render/tri-labels.h"
#include "store/tri-state.h"
#include "store/tri-store.h"
#include "tri-test-util.h"

static const char * const langs[] = { "en", "vi", "ru", "zh_CN", "ko" };

#define EPS 0.5

static gboolean
inside (const TriRect *a,
        const TriRect *outer)
{
  return a->x >= outer->x - EPS && a->y >= outer->y - EPS &&
         a->x + a->width <= outer->x + outer->width + EPS &&
         a->y + a->height <= outer->y + outer->height + EPS;
}

static gboolean
overlap (const TriRect *a,
         const TriRect *b)
{
  return a->x + EPS < b->x + b->width && b->x + EPS < a->x + a->width &&
         a->y + EPS < b->y + b->height && b->y + EPS < a->y + a->height;
}

static guint
count_role (TriSlideLayout *slide,
            const char     *role)
{
  guint n = 0;

  for (guint i = 0; i < slide->boxes->len; i++)
    n += g_str_equal (g_array_index (slide->boxes, TriSlideBox, i).role, role);
  return n;
}

static const TriSlideBox *
find_role (TriSlideLayout *slide,
           const char     *role,
           guint           nth)
{
  for (guint i = 0; i < slide->boxes->len; i++)
    {
      const TriSlideBox *b = &g_array_index (slide->boxes, TriSlideBox, i);

      if (g_str_equal (b->role, role) && nth-- == 0)
        return b;
    }
  g_error ("no %s box on the slide", role);
}

/* What the reader sees of a shortened text: the slide's own cut, at a
 * word, marked "…" in the text itself (so the PDF's text says what the
 * page shows), and never "…" after a sentence's end */
static void
check_cut (const TriSlideBox *b,
           const char        *what)
{
  static const char * const after_stop[] = { ".…", "。…", "!…", "?…", "．…" };

  if (b->shortened && !g_str_has_suffix (b->text, "…"))
    g_error ("%s: the %s is drawn cut, but its text says “%s”", what, b->role, b->text);
  for (guint i = 0; i < G_N_ELEMENTS (after_stop); i++)
    if (g_str_has_suffix (b->text, after_stop[i]))
      g_error ("%s: the %s ends in an ellipsis after a full stop: %s", what, b->role, b->text);
}

/* The overview's evidence says each side of the triangle in a paragraph
 * of its own, each beginning with the side's name: none dropped */
static void
check_every_side (TriStore       *store,
                  TriSlideLayout *slide,
                  const char     *lang,
                  const char     *what)
{
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, lang, NULL);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
  guint n_sides = 0;

  if (actors == NULL || relations == NULL || actors->len < 3)
    g_error ("%s: the briefing has no triangle", what);
  for (guint k = 0; k < relations->len; k++)
    {
      const TriRelation *r = g_ptr_array_index (relations, k);
      const char *a = NULL, *b = NULL;
      g_autofree char *side = NULL;
      guint found = 0;

      for (guint i = 0; i < 3; i++)
        {
          const TriActor *actor = g_ptr_array_index (actors, i);

          if (g_str_equal (actor->code, r->a))
            a = actor->name;
          if (g_str_equal (actor->code, r->b))
            b = actor->name;
        }
      if (a == NULL || b == NULL)
        continue;
      side = g_strdup_printf ("%s – %s", a, b);
      for (guint i = 0; i < slide->boxes->len; i++)
        {
          const TriSlideBox *box = &g_array_index (slide->boxes, TriSlideBox, i);

          found += g_str_equal (box->role, "text") && g_str_has_prefix (box->text, side);
        }
      if (found != 1)
        g_error ("%s: the evidence has %u paragraphs on %s", what, found, side);
      n_sides++;
    }
  g_assert_cmpuint (n_sides, ==, 3);
}

static void
check_slide (TriSlideLayout *slide,
             const char     *what)
{
  const TriRect page = { 0, 0, slide->ref_width, slide->ref_height };
  static const char * const never_cut[] = { "title", "as-of", "citation", "marking", "number", "meta",
                                            "change", "caption", "name", "triangle-legend" };

  g_assert_cmpuint (slide->boxes->len, >, 0);
  for (guint i = 0; i < slide->boxes->len; i++)
    {
      const TriSlideBox *b = &g_array_index (slide->boxes, TriSlideBox, i);

      if (!inside (&b->rect, &page))
        g_error ("%s: the %s box leaves the slide", what, b->role);
      if (!inside (&b->rect, &b->region))
        g_error ("%s: the %s box (%.1f, %.1f, %.1f × %.1f) leaves its region (%.1f, %.1f, %.1f × %.1f)",
                 what, b->role, b->rect.x, b->rect.y, b->rect.width, b->rect.height,
                 b->region.x, b->region.y, b->region.width, b->region.height);
      if (b->text_width > b->rect.width + EPS || b->text_height > b->rect.height + EPS)
        g_error ("%s: the %s text (%.1f × %.1f) is larger than its box (%.1f × %.1f)", what, b->role,
                 b->text_width, b->text_height, b->rect.width, b->rect.height);
      for (guint r = 0; r < G_N_ELEMENTS (never_cut); r++)
        if (g_str_equal (b->role, never_cut[r]) && b->shortened)
          g_error ("%s: the %s is cut: %s", what, b->role, b->text);
      check_cut (b, what);
      for (guint k = i + 1; k < slide->boxes->len; k++)
        {
          const TriSlideBox *c = &g_array_index (slide->boxes, TriSlideBox, k);
          if (overlap (&b->rect, &c->rect))
            g_error ("%s: the %s and %s boxes overlap: “%s”, “%s”", what, b->role, c->role, b->text, c->text);
        }
    }
}

static void
keep_png (cairo_surface_t *surface,
          const char      *what)
{
  const char *dir = g_getenv ("TRI_DECK_PNG_DIR");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  name = g_strdup_printf ("%s.png", what);
  g_strdelimit (name, " ×/", '-');
  path = g_build_filename (dir, name, NULL);
  cairo_surface_write_to_png (surface, path);
}

static TriSlideLayout *
draw (TriStore                 *store,
      const TriDeckSlide       *slide,
      const TriDeckDrawOptions *options,
      const char               *what)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cairo_t *cr = cairo_create (surface);
  TriSlideLayout *layout = tri_deck_draw_slide_layout (store, slide, options, cr);

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  keep_png (surface, what);
  cairo_surface_destroy (surface);
  return layout;
}

static guint32
day (const char *iso)
{
  guint32 d = 0;

  g_assert_true (tri_day_from_iso (iso, &d));
  return d;
}

/* the slides of a briefing deck, one of each kind (and a view with a side
 * selected), their texts in @lang's words where the test has them */
static void
make_slides (TriDeckSlide *slides,
             const char   *lang)
{
  memset (slides, 0, sizeof (TriDeckSlide) * 7);

  slides[0].kind = TRI_DECK_SLIDE_VIEW;
  slides[0].title = (char *) "The triangle as of mid-2024";
  slides[0].window_months = 12;

  slides[1].kind = TRI_DECK_SLIDE_VIEW;
  slides[1].title = (char *) "Russia and North Korea: from arms deals to a treaty";
  slides[1].judgement = (char *) "Moscow and Pyongyang moved from wary contact to a mutual-defence treaty within a year.";
  slides[1].relation = (char *) "RUS-PRK";
  slides[1].window_months = 12;

  slides[2].kind = TRI_DECK_SLIDE_TEXT;
  slides[2].title = (char *) "Key judgements";
  slides[2].judgement = (char *) "Attributed assessments of the ORF analysts, not the sources' facts.";
  slides[2].body = (char *)
    "Russia and North Korea have moved from transactional exchanges to a formal alliance: the June 2024 "
    "treaty commits each to assist the other if attacked.\n\n"
    "China has kept its distance from the treaty in public while remaining North Korea's main economic "
    "partner; it is unlikely to join a trilateral bloc.\n\n"
    "Arms transfers to Russia for the war in Ukraine are the main currency of the relationship, and "
    "technology transfers back to Pyongyang are the main risk.\n\n"
    "Watch: the next summit, any joint exercise, and Chinese statements on the treaty.";

  slides[3].kind = TRI_DECK_SLIDE_COMPARE;
  slides[3].title = (char *) "What changed: January 2022 to June 2024";
  slides[3].compare_from = day ("2022-01-01");
  slides[3].as_of = day ("2024-06-30");
  slides[3].window_months = 12;
  slides[3].relation = (char *) "RUS-PRK";

  slides[4].kind = TRI_DECK_SLIDE_TREND;
  slides[4].title = (char *) "Each side by quarter, 2022–2024";
  slides[4].trend_from = day ("2022-01-01");
  slides[4].trend_to = day ("2024-12-31");
  slides[4].trend_step = TRI_TREND_QUARTER;
  slides[4].trend_style = TRI_TREND_MULTIPLES;

  slides[5].kind = TRI_DECK_SLIDE_TREND;
  slides[5].title = (char *) "Each side by year, 2018–2024";
  slides[5].judgement = (char *) "The Russia – North Korea side grew fastest after 2022.";
  slides[5].trend_from = day ("2018-01-01");
  slides[5].trend_to = day ("2024-12-31");
  slides[5].trend_step = TRI_TREND_YEAR;
  slides[5].trend_style = TRI_TREND_STRIP;

  slides[6].kind = TRI_DECK_SLIDE_VIEW;
  slides[6].title = (char *) "North Korea between its two partners";
  slides[6].actor = (char *) "PRK";
  slides[6].window_months = 0;
  (void) lang;
}

static const TriMarkings markings = {
  (char *) "UNCLASSIFIED // FOR TRAINING", (char *) "Regional Analysis Unit",
  (char *) "2024-07-01", (char *) "1.0",
};

static void
test_every_kind_language_and_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), &error);
  TriDeckSlide slides[7];
  /* the offered sizes, and the presenter's smaller screen */
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (TriExportSize));
  const TriExportSize screen = { 1280, 720 };

  g_assert_no_error (error);
  g_array_append_vals (sizes, tri_export_preset_sizes, TRI_EXPORT_N_PRESET_SIZES);
  g_array_append_val (sizes, screen);
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint s = 0; s < sizes->len; s++)
      for (guint k = 0; k < G_N_ELEMENTS (slides); k++)
        for (guint dark = 0; dark < 2; dark++)
          {
            TriDeckDrawOptions options = { 0 };
            g_autoptr(TriSlideLayout) layout = NULL;
            g_autofree char *what = NULL;

            /* both themes for one language: the layout does not depend on them */
            if (dark && l > 0)
              continue;
            make_slides (slides, langs[l]);
            options.width = g_array_index (sizes, TriExportSize, s).width;
            options.height = g_array_index (sizes, TriExportSize, s).height;
            options.dark = dark;
            options.lang = langs[l];
            options.markings = &markings;
            options.number = k + 1;
            options.count = G_N_ELEMENTS (slides);
            what = g_strdup_printf ("%s %d×%d slide %u%s", langs[l], options.width, options.height, k + 1,
                                    dark ? " dark" : "");
            layout = draw (store, &slides[k], &options, what);
            check_slide (layout, what);

            /* the frame on every kind: the marking top and bottom, the
             * author, date and version, the number */
            g_assert_cmpuint (count_role (layout, "marking"), ==, 2);
            g_assert_cmpstr (find_role (layout, "marking", 0)->text, ==, markings.marking);
            g_assert_cmpfloat (find_role (layout, "marking", 0)->rect.y, <, layout->ref_height * 0.1);
            g_assert_cmpfloat (find_role (layout, "marking", 1)->rect.y, >, layout->ref_height * 0.9);
            g_assert_cmpuint (count_role (layout, "meta"), ==, 1);
            g_assert_nonnull (strstr (find_role (layout, "meta", 0)->text, markings.author));
            /* the date prepared as the language writes dates, not in ISO form */
            {
              TriDate prepared;
              g_autofree char *label = NULL;

              g_assert_true (tri_date_parse (markings.prepared, &prepared, NULL));
              label = tri_date_label (&prepared, langs[l]);
              g_assert_nonnull (strstr (find_role (layout, "meta", 0)->text, label));
              g_assert_null (strstr (find_role (layout, "meta", 0)->text, markings.prepared));
            }
            g_assert_nonnull (strstr (find_role (layout, "meta", 0)->text, markings.version));
            {
              g_autofree char *number = g_strdup_printf (D_(langs[l], "%u / %u"), k + 1,
                                                         (guint) G_N_ELEMENTS (slides));
              g_assert_cmpstr (find_role (layout, "number", 0)->text, ==, number);
            }
            /* every kind has its title, whole */
            g_assert_cmpuint (count_role (layout, "title"), ==, 1);
            g_assert_cmpstr (find_role (layout, "title", 0)->text, ==, slides[k].title);
            if (slides[k].judgement != NULL)
              g_assert_cmpuint (count_role (layout, "judgement"), ==, 1);

            switch (slides[k].kind)
              {
              case TRI_DECK_SLIDE_VIEW:
                g_assert_cmpuint (count_role (layout, "as-of"), ==, 1);
                g_assert_cmpuint (count_role (layout, "footnote"), ==, 1);
                if (slides[k].relation != NULL)
                  g_assert_cmpuint (count_role (layout, "quote"), >, 0);
                /* a country: the events involving it, as the panel lists them */
                if (slides[k].actor != NULL)
                  {
                    g_autoptr(GPtrArray) actors = tri_store_list_actors (store, langs[l], NULL);

                    for (guint i = 0; i < actors->len; i++)
                      if (g_str_equal (((TriActor *) actors->pdata[i])->code, slides[k].actor))
                        g_assert_cmpstr (find_role (layout, "heading", 0)->text, ==,
                                         ((TriActor *) actors->pdata[i])->name);
                    g_assert_cmpuint (count_role (layout, "subheading"), ==, 1);
                  }
                break;
              case TRI_DECK_SLIDE_TEXT:
                /* four short paragraphs fit whole, at every size */
                g_assert_cmpuint (count_role (layout, "paragraph"), ==, 4);
                for (guint p = 0; p < 4; p++)
                  g_assert_false (find_role (layout, "paragraph", p)->shortened);
                break;
              case TRI_DECK_SLIDE_COMPARE:
                g_assert_cmpuint (count_role (layout, "caption"), ==, 2);
                g_assert_cmpuint (count_role (layout, "change"), ==, 3);
                break;
              case TRI_DECK_SLIDE_TREND:
                g_assert_cmpuint (count_role (layout, "caption"), ==, 3);
                g_assert_cmpuint (count_role (layout, "legend"), ==, 4);
                g_assert_cmpuint (count_role (layout, "axis"), >, 6);
                break;
              case TRI_N_DECK_SLIDE_KINDS:
              default:
                g_assert_not_reached ();
              }
          }
}

/* Every slide of every deck the bundled briefing ships, in every language
 * at every offered size, with the briefing's own markings: nothing
 * clipped, the frame on each */
static void
test_bundled_decks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), &error);
  g_auto(TriMarkings) marks = { 0 };
  g_autoptr(GPtrArray) decks = NULL;
  guint n_slides = 0;

  g_assert_no_error (error);
  g_assert_true (tri_store_get_markings (store, &marks, &error));
  g_assert_no_error (error);
  decks = tri_store_get_decks (store, "en", &error);
  g_assert_no_error (error);
  if (decks->len == 0)
    {
      g_test_skip ("the bundled briefing has no deck");
      return;
    }

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr(GPtrArray) in_lang = tri_store_get_decks (store, langs[l], &error);

      g_assert_no_error (error);
      for (guint d = 0; d < in_lang->len; d++)
        {
          const TriDeck *deck = g_ptr_array_index (in_lang, d);

          for (guint k = 0; k < deck->slides->len; k++)
            for (guint s = 0; s < TRI_EXPORT_N_PRESET_SIZES; s++)
              {
                const TriDeckSlide *slide = g_ptr_array_index (deck->slides, k);
                TriDeckDrawOptions options = { 0 };
                g_autoptr(TriSlideLayout) layout = NULL;
                g_autofree char *what = NULL;

                options.width = tri_export_preset_sizes[s].width;
                options.height = tri_export_preset_sizes[s].height;
                options.lang = langs[l];
                options.markings = &marks;
                options.number = k + 1;
                options.count = deck->slides->len;
                what = g_strdup_printf ("bundled %s %s %d×%d slide %u", deck->name, langs[l], options.width,
                                        options.height, k + 1);
                layout = draw (store, slide, &options, what);
                check_slide (layout, what);
                /* the overview: each side's paragraph in the evidence */
                if (slide->kind == TRI_DECK_SLIDE_VIEW && (slide->relation == NULL || *slide->relation == '\0') &&
                    slide->event == 0 && (slide->actor == NULL || *slide->actor == '\0'))
                  {
                    g_assert_cmpstr (find_role (layout, "heading", 0)->text, ==, D_(langs[l], "The triangle"));
                    check_every_side (store, layout, langs[l], what);
                  }
                /* the triangle's legend, each of its three lines whole,
                 * once on a compare slide too */
                if (slide->kind == TRI_DECK_SLIDE_VIEW || slide->kind == TRI_DECK_SLIDE_COMPARE)
                  {
                    g_assert_cmpuint (count_role (layout, "triangle-legend"), ==, 3);
                    g_assert_cmpstr (find_role (layout, "triangle-legend", 1)->text, ==,
                                     D_(langs[l], "Colour: tension – mixed or neutral – cooperation"));
                  }
                if (slide->title != NULL && *slide->title != '\0')
                  g_assert_cmpuint (count_role (layout, "title"), ==, 1);
                if (marks.marking != NULL && *marks.marking != '\0')
                  g_assert_cmpuint (count_role (layout, "marking"), ==, 2);
                g_assert_cmpuint (count_role (layout, "number"), ==, 1);
                n_slides++;
              }
        }
    }
  g_assert_cmpuint (n_slides, >, 0);
}

/* A view slide with no frame is, pixel for pixel, the briefing slide of
 * the same view: the window's export and presentation */
static void
test_view_is_the_briefing_slide (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  TriDeckSlide slides[7];

  make_slides (slides, "en");
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(TriExportRequest) request = tri_export_request_new ();
      TriDeckDrawOptions options = { .width = 1600, .height = 1200, .lang = "vi" };
      cairo_surface_t *a = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1200);
      cairo_surface_t *b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1200);
      cairo_t *cr;
      TriRelation *r = slides[k].relation ? tri_store_find_relation (store, slides[k].relation, NULL) : NULL;

      cr = cairo_create (a);
      tri_deck_draw_slide (store, &slides[k], &options, cr);
      cairo_destroy (cr);

      request->width = 1600;
      request->height = 1200;
      g_free (request->lang);
      request->lang = g_strdup ("vi");
      request->as_of = slides[k].as_of;
      request->window_months = slides[k].window_months;
      request->relation_id = r ? r->id : 0;
      request->title = g_strdup (slides[k].title);
      request->judgement = g_strdup (slides[k].judgement);
      cr = cairo_create (b);
      tri_export_draw (store, request, cr);
      cairo_destroy (cr);

      cairo_surface_flush (a);
      cairo_surface_flush (b);
      g_assert_cmpint (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                               (size_t) cairo_image_surface_get_stride (a) * 1200), ==, 0);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

/* A text slide too long for its page keeps the largest type it can,
 * then shortens its last paragraph at a word, with an ellipsis: nothing
 * is clipped and nothing runs off the page */
static void
test_text_too_long (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  TriDeckSlide slide = { 0 };

  for (int i = 0; i < 14; i++)
    g_string_append_printf (body, "%sJudgement %d: the relationship between the three capitals has changed in "
                            "ways that the sources describe at length, with consequences for the region.",
                            i ? "\n\n" : "", i + 1);
  slide.kind = TRI_DECK_SLIDE_TEXT;
  slide.title = (char *) "Bottom line up front";
  slide.body = body->str;

  for (guint s = 0; s < TRI_EXPORT_N_PRESET_SIZES; s++)
    {
      TriDeckDrawOptions options = { 0 };
      g_autoptr(TriSlideLayout) layout = NULL;
      g_autofree char *what = NULL;
      const TriSlideBox *last;
      guint n;

      options.width = tri_export_preset_sizes[s].width;
      options.height = tri_export_preset_sizes[s].height;
      options.lang = "en";
      options.markings = &markings;
      what = g_strdup_printf ("long text %d×%d", options.width, options.height);
      layout = draw (store, &slide, &options, what);
      check_slide (layout, what);
      n = count_role (layout, "paragraph");
      g_assert_cmpuint (n, >, 2);
      g_assert_cmpuint (n, <, 14);
      last = find_role (layout, "paragraph", n - 1);
      g_assert_true (last->shortened);
      g_assert_true (g_str_has_suffix (last->text, "…"));
      /* cut at a word: what is left ends in a whole word of the paragraph */
      g_assert_false (g_str_has_suffix (last->text, " …"));
      for (guint p = 0; p + 1 < n; p++)
        g_assert_false (find_role (layout, "paragraph", p)->shortened);
    }
}

/* The slide's language wins over the deck's */
static void
test_slide_language (void)
{
  TriDeckSlide slide = { 0 };
  TriDeckDrawOptions options = { .lang = "ru" };

  g_assert_cmpstr (tri_deck_slide_lang (&slide, &options), ==, "ru");
  slide.lang = (char *) "ko";
  g_assert_cmpstr (tri_deck_slide_lang (&slide, &options), ==, "ko");
}

/* The compare slide's words say, for each side, the events that had
 * certainly happened by each date in the window and their balance */
static void
test_compare_words (void)
{
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, "en", NULL);
  TriDeckSlide slides[7];
  TriDeckDrawOptions options = { .width = 1920, .height = 1080, .lang = "en" };
  g_autoptr(TriSlideLayout) layout = NULL;
  TriEdgeState before = { 0 }, after = { 0 };
  g_autofree char *words = NULL;
  guint n_changes = 0, n_grew = 0;

  /* the sentence itself */
  before.n_events = 4;
  before.n_by_stance[TRI_STANCE_TENSION] = 3;
  before.n_by_stance[TRI_STANCE_NEUTRAL] = 1;
  before.intensity = 7;
  before.weight_by_stance[TRI_STANCE_TENSION] = 6;
  before.weight_by_stance[TRI_STANCE_NEUTRAL] = 1;
  after.n_events = 29;
  after.n_by_stance[TRI_STANCE_COOPERATION] = 29;
  after.intensity = 60;
  after.weight_by_stance[TRI_STANCE_COOPERATION] = 60;
  words = tri_compare_describe (&before, &after, "Russia", "North Korea", "en");
  g_assert_cmpstr (words, ==, "Russia – North Korea: 4 → 29 events, mostly tension → mostly cooperation");
  g_free (words);
  /* one event: singular; the same balance: said once */
  words = tri_compare_describe (&after, &after, "Russia", "China", "en");
  g_assert_cmpstr (words, ==, "Russia – China: 29 → 29 events, mostly cooperation throughout");
  g_free (words);
  memset (&before, 0, sizeof before);
  after.n_events = 1;
  words = tri_compare_describe (&before, &after, "China", "North Korea", "en");
  /* from nothing: the counts say so, the balance is said once */
  g_assert_cmpstr (words, ==, "China – North Korea: 0 → 1 event, mostly cooperation");
  g_free (words);
  words = tri_compare_describe (&after, &before, "China", "North Korea", "en");
  g_assert_cmpstr (words, ==, "China – North Korea: 1 → 0 events");
  g_free (words);
  after.n_events = 0;
  words = tri_compare_describe (&before, &after, "China", "North Korea", "en");
  g_assert_cmpstr (words, ==, "China – North Korea: no events");
  g_clear_pointer (&words, g_free);

  /* on the slide, each side's numbers are its state as of each date */
  make_slides (slides, "en");
  layout = draw (store, &slides[3], &options, "compare-words");
  for (guint k = 0; k < relations->len; k++)
    {
      const TriRelation *r = g_ptr_array_index (relations, k);
      const char *a = NULL, *b = NULL;
      guint32 from, to;
      g_autoptr(GPtrArray) events_before = NULL;
      g_autoptr(GPtrArray) events_after = NULL;
      g_autofree char *expected = NULL;

      for (guint i = 0; i < 3; i++)
        {
          const TriActor *actor = g_ptr_array_index (actors, i);
          if (g_str_equal (actor->code, r->a))
            a = actor->name;
          if (g_str_equal (actor->code, r->b))
            b = actor->name;
        }
      if (a == NULL || b == NULL)
        continue;

      tri_window_bounds (slides[3].compare_from, tri_window_days_for_months (12), &from, &to);
      events_before = tri_store_list_events (store, from, to, "en", NULL);
      tri_edge_state_compute (&before, events_before, r->id, from, to);
      tri_window_bounds (slides[3].as_of, tri_window_days_for_months (12), &from, &to);
      events_after = tri_store_list_events (store, from, to, "en", NULL);
      tri_edge_state_compute (&after, events_after, r->id, from, to);
      expected = tri_compare_describe (&before, &after, a, b, "en");
      n_grew += after.n_events > before.n_events;

      for (guint i = 0; i < count_role (layout, "change"); i++)
        if (g_str_equal (find_role (layout, "change", i)->text, expected))
          n_changes++;
    }
  g_assert_cmpuint (n_changes, ==, 3);
  /* the bundled briefing's story: the sides grew from 2022 to mid-2024 */
  g_assert_cmpuint (n_grew, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);

  g_test_init (&argc, &argv, NULL);
  /* the five languages' own words, as long as they are */
  tri_catalog_set_dir (po);
  g_test_add_func ("/deck-draw/slide-language", test_slide_language);
  g_test_add_func ("/deck-draw/compare-words", test_compare_words);
  g_test_add_func ("/deck-draw/text-too-long", test_text_too_long);
  g_test_add_func ("/deck-draw/view-is-the-briefing-slide", test_view_is_the_briefing_slide);
  g_test_add_func ("/deck-draw/every-kind-language-and-size", test_every_kind_language_and_size);
  g_test_add_func ("/deck-draw/bundled-decks", test_bundled_decks);
  return g_test_run ();
}
