/* tri-deck-draw.c: one slide of a deck, drawn at any size
 *
 * The window's deck pane, the presenter and every deck export draw a slide
 * here, through the same renderers as the screen:
 *
 * - a view slide IS the briefing slide of tri_export_draw_slide() with the
 *   slide's view (as of, window, side, event, range, other actors,
 *   language), drawn at the page's width between the deck's markings. The
 *   deck slide's title replaces the briefing's title: the briefing's title
 *   is the same on every page ("Russia – China – North Korea"), while the
 *   slide's title is what the analyst says about this view, the headline
 *   the room reads first. The key judgement sits under it.
 * - a text slide: the title, the key judgement and short paragraphs.
 * - a compare slide: the triangle as of compare_from and as of as_of, side
 *   by side, each side's change in words and marks under them. Each
 *   triangle counts only what had certainly happened by its date, in the
 *   slide's window (tri_edge_state_compute() through the triangle's own
 *   layout).
 * - a trend slide: each side's events per quarter or year, by stance,
 *   vague dates spread over their possible days (tri-trend.c).
 *
 * Every kind carries the frame: the marking top and bottom, author,
 * prepared and version, the slide's number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-deck-draw"

#include "config.h"

#include <math.h>

#include "document/tri-session.h"
#include "render/tri-catalog.h"
#include "render/tri-deck-render.h"
#include "render/tri-labels.h"
#include "store/tri-state.h"
#include "store/tri-trend.h"
#include "tri-deck-draw.h"
#include "tri-export.h"

#define COMPARE_TYPE_SCALE 1.25

const char *
tri_deck_slide_lang (const TriDeckSlide       *slide,
                     const TriDeckDrawOptions *options)
{
  if (slide != NULL && slide->lang != NULL && *slide->lang != '\0')
    return tri_lang_normalize (slide->lang);
  if (options != NULL && options->lang != NULL && *options->lang != '\0')
    return tri_lang_normalize (options->lang);
  return tri_lang_from_environment ();
}

static guint32
slide_as_of (TriStore           *store,
             const TriDeckSlide *slide)
{
  return slide->as_of != 0 ? slide->as_of : tri_session_default_as_of (store);
}

static gint64
relation_id (TriStore   *store,
             const char *code)
{
  TriRelation *r;

  if (code == NULL || *code == '\0')
    return 0;
  r = tri_store_find_relation (store, code, NULL);
  return r != NULL ? r->id : 0;
}

/* the view slide: the briefing slide between the markings */
static void
draw_view (TriStore                 *store,
           const TriDeckSlide       *slide,
           const TriDeckDrawOptions *options,
           const char               *lang,
           TriSlideLayout           *layout,
           const TriRect            *content,
           cairo_t                  *cr)
{
  g_autoptr(TriExportRequest) request = tri_export_request_new ();
  g_autoptr(TriSlideLayout) inner = NULL;

  request->view = TRI_EXPORT_VIEW_SLIDE;
  request->width = options->width;
  request->height = MAX (1, (int) floor (content->height * layout->scale));
  request->dark = options->dark;
  g_free (request->lang);
  request->lang = g_strdup (lang);
  request->as_of = slide->as_of;
  request->window_months = slide->window_months;
  request->relation_id = relation_id (store, slide->relation);
  request->event_id = slide->event;
  if (slide->actor != NULL && *slide->actor != '\0')
    request->actor = g_strdup (slide->actor);
  request->show_others = slide->show_others;
  request->t0 = slide->range_start;
  request->t1 = slide->range_end;
  if (slide->title != NULL && *slide->title != '\0')
    request->title = g_strdup (slide->title);
  if (slide->judgement != NULL && *slide->judgement != '\0')
    request->judgement = g_strdup (slide->judgement);
  /* the slide's own filter (tri_deck_draw_slide_layout () set it on the store) */
  request->filter = tri_filter_copy (tri_store_get_filter (store));

  cairo_save (cr);
  cairo_translate (cr, 0, content->y * layout->scale);
  cairo_rectangle (cr, 0, 0, options->width, request->height);
  cairo_clip (cr);
  inner = tri_export_draw_slide (store, request, cr);
  cairo_restore (cr);

  /* its boxes, in the page's reference units: the inner slide is as wide
   * as the page, so only its top moves */
  for (guint i = 0; i < inner->boxes->len; i++)
    {
      TriSlideBox box = g_array_index (inner->boxes, TriSlideBox, i);

      box.rect.y += content->y;
      box.region.y += content->y;
      box.text = g_strdup (box.text);
      g_array_append_val (layout->boxes, box);
    }
  /* the quotes it drew, numbered as it marked them */
  for (guint i = 0; i < inner->notes->len; i++)
    g_ptr_array_add (layout->notes, tri_quote_copy (g_ptr_array_index (inner->notes, i)));
  layout->header = inner->header;
  layout->triangle = inner->triangle;
  layout->evidence = inner->evidence;
  layout->timeline = inner->timeline;
  layout->footer = inner->footer;
  layout->header.y += content->y;
  layout->triangle.y += content->y;
  layout->evidence.y += content->y;
  layout->timeline.y += content->y;
  layout->footer.y += content->y;
  layout->type_scale = inner->type_scale;
  layout->timeline_type_scale = inner->timeline_type_scale;
}

static TriTriangleLayout *
triangle_as_of (TriStore           *store,
                const TriDeckSlide *slide,
                const char         *lang,
                guint32             as_of,
                double              width,
                double              height)
{
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, lang, NULL);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
  g_autoptr(GPtrArray) events = NULL;
  TriTriangleParams params = { 0 };
  TriTriangleLayout *layout;
  guint32 from, to;

  if (actors == NULL)
    actors = g_ptr_array_new ();
  if (relations == NULL)
    relations = g_ptr_array_new ();
  tri_window_bounds (as_of, tri_window_days_for_months (slide->window_months), &from, &to);
  events = tri_store_list_events_brief (store, from, to, lang, NULL);
  if (events == NULL)
    events = g_ptr_array_new ();

  params.width = width;
  params.height = height;
  params.from = from;
  params.to = to;
  params.lang = lang;
  params.type_scale = COMPARE_TYPE_SCALE;
  params.show_others = slide->show_others;
  params.show_legend = TRUE;
  layout = tri_triangle_layout_new (actors, relations, events, &params);
  layout->selected_edge = tri_triangle_layout_find_edge (layout, relation_id (store, slide->relation));
  return layout;
}

static char *
as_of_caption (TriStore   *store,
               guint       window_months,
               guint32     as_of,
               const char *lang)
{
  g_autofree char *window = tri_window_describe (window_months, as_of, lang);

  /* with the slide's filter in words, as every export's */
  return tri_export_as_of_line (store, window, lang);
}

static void
draw_compare (TriStore           *store,
              const TriDeckSlide *slide,
              const char         *lang,
              TriSlideLayout     *layout,
              const TriRect      *content,
              cairo_t            *cr,
              const TriTheme     *theme)
{
  g_autoptr(TriTriangleLayout) before = NULL;
  g_autoptr(TriTriangleLayout) after = NULL;
  g_autofree char *before_caption = NULL;
  g_autofree char *after_caption = NULL;
  guint32 later = slide_as_of (store, slide), earlier = slide->compare_from;
  TriDeckCompare compare = { 0 };
  double w, h;

  /* no earlier date: a window before */
  if (earlier == 0)
    earlier = later > 365 ? later - 365 : 1;
  if (earlier > later)
    {
      guint32 t = earlier;
      earlier = later;
      later = t;
    }

  /* laid out for changes of one line each; again for two when a side's
   * words need them */
  compare.change_lines = 1;
  for (int pass = 0; pass < 2; pass++)
    {
      g_clear_pointer (&before, tri_triangle_layout_free);
      g_clear_pointer (&after, tri_triangle_layout_free);
      tri_deck_compare_triangle_size (layout, content, slide->title, slide->judgement, lang, compare.change_lines,
                                      &w, &h);
      if (w <= 0 || h <= 0)
        break;
      before = triangle_as_of (store, slide, lang, earlier, w, h);
      after = triangle_as_of (store, slide, lang, later, w, h);
      compare.before = before;
      compare.after = after;
      if (pass > 0 || tri_deck_compare_lines (layout, content, &compare, lang) == 1)
        break;
      compare.change_lines = 2;
    }
  /* the two are laid out alike, so their sides compare; the legend, which
   * says what both mean, is drawn once, under the later */
  if (before != NULL)
    g_ptr_array_set_size (before->legend, 0);
  before_caption = as_of_caption (store, slide->window_months, earlier, lang);
  after_caption = as_of_caption (store, slide->window_months, later, lang);

  compare.title = slide->title;
  compare.judgement = slide->judgement;
  compare.before_caption = before_caption;
  compare.after_caption = after_caption;
  compare.before = before;
  compare.after = after;
  tri_deck_compare_render (layout, content, &compare, lang, cr, theme);
}

static void
draw_trend (TriStore           *store,
            const TriDeckSlide *slide,
            const char         *lang,
            TriSlideLayout     *layout,
            const TriRect      *content,
            cairo_t            *cr,
            const TriTheme     *theme)
{
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, lang, NULL);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
  g_autoptr(GPtrArray) events = NULL;
  char *names[3] = { NULL, NULL, NULL };
  TriDeckTrend trend = { 0 };
  guint32 from = slide->trend_from, to = slide->trend_to, earliest = 0, latest = 0;
  guint n = 0;

  if ((from == 0 || to == 0) && tri_store_get_extent (store, &earliest, &latest))
    {
      if (from == 0)
        from = earliest;
      if (to == 0)
        to = latest;
    }
  if (from == 0 || to == 0)
    from = to = slide_as_of (store, slide);
  if (from > to)
    {
      guint32 t = from;
      from = to;
      to = t;
    }

  trend.title = slide->title;
  trend.judgement = slide->judgement;
  trend.step = slide->trend_step;
  trend.style = slide->trend_style;
  for (int s = 0; s < 3; s++)
    trend.periods[s] = tri_trend_periods (from, to, trend.step);
  if (trend.periods[0]->len > 0)
    events = tri_store_list_events_brief (store, g_array_index (trend.periods[0], TriTrendPeriod, 0).start,
                                    g_array_index (trend.periods[0], TriTrendPeriod, trend.periods[0]->len - 1).end,
                                    lang, NULL);

  /* the triangle's three sides: the relations between its three actors,
   * the first three (as the triangle draws them) */
  for (guint k = 0; actors && relations && actors->len >= 3 && k < relations->len && n < 3; k++)
    {
      const TriRelation *r = g_ptr_array_index (relations, k);
      const TriActor *a = NULL, *b = NULL;

      for (guint i = 0; i < 3; i++)
        {
          const TriActor *actor = g_ptr_array_index (actors, i);

          if (g_strcmp0 (actor->code, r->a) == 0)
            a = actor;
          if (g_strcmp0 (actor->code, r->b) == 0)
            b = actor;
        }
      if (a == NULL || b == NULL || a == b)
        continue;
      names[n] = g_strdup_printf ("%s – %s", a->name, b->name);
      trend.names[n] = names[n];
      if (events != NULL)
        {
          tri_trend_add (trend.periods[n], events, r->id);
          tri_trend_count (events, r->id, g_array_index (trend.periods[n], TriTrendPeriod, 0).start,
                           g_array_index (trend.periods[n], TriTrendPeriod, trend.periods[n]->len - 1).end,
                           &trend.within[n], &trend.partly[n]);
        }
      n++;
    }

  tri_deck_trend_render (layout, content, &trend, lang, cr, theme);
  for (int s = 0; s < 3; s++)
    {
      g_array_unref (trend.periods[s]);
      g_free (names[s]);
    }
}

/**
 * tri_deck_draw_slide_layout:
 *
 * Draws @slide as tri_deck_draw_slide() does and returns its layout: every
 * text placed, in reference units of a 1920-wide page (ref_width ×
 * ref_height), with its region, so that a test can check that nothing is
 * clipped.
 *
 * Returns: (transfer full): the layout
 */
TriSlideLayout *
tri_deck_draw_slide_layout (TriStore                 *store,
                            const TriDeckSlide       *slide,
                            const TriDeckDrawOptions *options,
                            cairo_t                  *cr)
{
  const char *lang = tri_deck_slide_lang (slide, options);
  const TriTheme *theme = tri_theme_get (options->dark);
  TriSlideLayout *layout = tri_slide_layout_new_blank (MAX (1, options->width), MAX (1, options->height),
                                                       TRI_DECK_REF_WIDTH);
  TriDeckFrame frame = { 0 };
  TriRect content;

  g_autoptr(TriFilter) outer = tri_filter_copy (tri_store_get_filter (store));
  g_autoptr(TriFilter) filter = NULL;

  frame.lang = lang;
  frame.markings = options->markings;
  frame.number = options->number;
  frame.count = options->count;
  tri_deck_frame_content (layout, &frame, &content);
  tri_deck_frame_render (layout, &frame, cr, theme);

  /* each slide shows what its own filter passes (the reader checked it) */
  if (slide->filter != NULL)
    filter = tri_filter_parse (slide->filter, NULL);
  tri_store_set_filter (store, filter);

  switch (slide->kind)
    {
    case TRI_DECK_SLIDE_VIEW:
      draw_view (store, slide, options, lang, layout, &content, cr);
      break;
    case TRI_DECK_SLIDE_TEXT:
      tri_deck_text_render (layout, &content, slide, lang, cr, theme);
      break;
    case TRI_DECK_SLIDE_COMPARE:
      draw_compare (store, slide, lang, layout, &content, cr, theme);
      break;
    case TRI_DECK_SLIDE_TREND:
      draw_trend (store, slide, lang, layout, &content, cr, theme);
      break;
    case TRI_N_DECK_SLIDE_KINDS:
    default:
      g_warn_if_reached ();
      break;
    }
  tri_store_set_filter (store, outer);
  return layout;
}

void
tri_deck_draw_slide (TriStore                 *store,
                     const TriDeckSlide       *slide,
                     const TriDeckDrawOptions *options,
                     cairo_t                  *cr)
{
  g_autoptr(TriSlideLayout) layout = NULL;

  g_return_if_fail (TRI_IS_STORE (store));
  g_return_if_fail (slide != NULL && options != NULL);

  layout = tri_deck_draw_slide_layout (store, slide, options, cr);
}
