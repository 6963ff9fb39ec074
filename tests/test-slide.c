/* test-slide.c: the briefing slide in every language at every offered size
 *
 * Every text the slide places is recorded with its box: each must lie
 * inside the slide and its region, no two may overlap, and no laid-out
 * text may be wider or taller than its box (it is shortened at a word
 * boundary with an ellipsis instead). The title and the "as of" line are
 * never shortened, and every quote shown keeps its citation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cairo.h>

#include "export/tri-export.h"
#include "render/tri-catalog.h"
#include "render/tri-slide.h"
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

static void
check_slide (TriSlideLayout *slide,
             const char     *what)
{
  const TriRect page = { 0, 0, slide->ref_width, slide->ref_height };
  const TriRect *regions[] = { &slide->header, &slide->triangle, &slide->evidence,
                               &slide->timeline, &slide->footer };

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      if (regions[i]->width <= 0 || regions[i]->height <= 0)
        continue;
      if (!inside (regions[i], &page))
        g_error ("%s: region %u (%.1f, %.1f, %.1f × %.1f) leaves the slide", what, i,
                 regions[i]->x, regions[i]->y, regions[i]->width, regions[i]->height);
      for (guint k = i + 1; k < G_N_ELEMENTS (regions); k++)
        if (regions[k]->width > 0 && regions[k]->height > 0 && overlap (regions[i], regions[k]))
          g_error ("%s: regions %u and %u overlap", what, i, k);
    }

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
      /* the title, "as of", a quote's citation (down to its claim type)
       * and the triangle's names and legend are never cut */
      if ((g_str_equal (b->role, "title") || g_str_equal (b->role, "as-of") ||
           g_str_equal (b->role, "citation") || g_str_equal (b->role, "name") ||
           g_str_equal (b->role, "triangle-legend")) && b->shortened)
        g_error ("%s: the %s is cut: %s", what, b->role, b->text);
      /* what is cut is cut by the slide, at a word, and says so in its
       * text; never "…" after a full stop */
      if (b->shortened && !g_str_has_suffix (b->text, "…"))
        g_error ("%s: the %s is drawn cut, but its text says “%s”", what, b->role, b->text);
      if (g_str_has_suffix (b->text, ".…") || g_str_has_suffix (b->text, "。…"))
        g_error ("%s: the %s ends in an ellipsis after a full stop: %s", what, b->role, b->text);
      for (guint k = i + 1; k < slide->boxes->len; k++)
        {
          const TriSlideBox *c = &g_array_index (slide->boxes, TriSlideBox, k);
          if (overlap (&b->rect, &c->rect))
            g_error ("%s: the %s and %s boxes overlap", what, b->role, c->role);
        }
    }
  if (slide->kind == TRI_SLIDE_BRIEFING)
    g_assert_cmpuint (count_role (slide, "title"), ==, 1);
  g_assert_cmpuint (count_role (slide, "as-of"), ==, 1);
  g_assert_cmpuint (count_role (slide, "footnote"), ==, 1);
  /* a quote never goes without its source, date and claim type */
  g_assert_cmpuint (count_role (slide, "quote"), ==, count_role (slide, "citation"));
  /* each drawn quote is a note, its citation marked with its number, in
   * the order drawn: what a deck's evidence table cites */
  g_assert_cmpuint (slide->notes->len, ==, count_role (slide, "citation"));
  for (guint i = 0, n = 0; i < slide->boxes->len; i++)
    {
      const TriSlideBox *b = &g_array_index (slide->boxes, TriSlideBox, i);
      g_autofree char *mark = NULL;

      if (!g_str_equal (b->role, "citation"))
        continue;
      mark = g_strdup_printf ("[%u] ", ++n);
      if (!g_str_has_prefix (b->text, mark))
        g_error ("%s: citation %u is not marked %s: %s", what, n, mark, b->text);
      if (strstr (b->text, ((TriQuote *) g_ptr_array_index (slide->notes, n - 1))->source_title) == NULL &&
          !strstr (b->text, "…"))
        g_error ("%s: note %u is not the quote cited: %s", what, n, b->text);
    }
}

static TriSlideLayout *
draw (TriStore               *store,
      const TriExportRequest *request)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, request->width, request->height);
  cairo_t *cr = cairo_create (surface);
  TriSlideLayout *slide = tri_export_draw_slide (store, request, cr);

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return slide;
}

static void
test_every_language_and_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), &error);
  /* the offered sizes, and the presentation's two screens */
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (TriExportSize));
  const TriExportSize screens[] = { { 1920, 1080 }, { 1280, 720 } };
  gint64 newest;

  g_assert_no_error (error);
  g_array_append_vals (sizes, tri_export_preset_sizes, TRI_EXPORT_N_PRESET_SIZES);
  g_array_append_vals (sizes, screens, G_N_ELEMENTS (screens));
  newest = tri_store_step_event (store, 0, -1);
  g_assert_cmpint (newest, !=, 0);

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint s = 0; s < sizes->len; s++)
      for (guint state = 0; state < 4; state++)
        {
          g_autoptr(TriExportRequest) request = tri_export_request_new ();
          g_autoptr(TriSlideLayout) slide = NULL;
          g_autofree char *what = NULL;
          TriExportSize size = g_array_index (sizes, TriExportSize, s);

          g_free (request->lang);
          request->lang = g_strdup (langs[l]);
          request->width = size.width;
          request->height = size.height;
          if (state == 1 || state == 2)
            {
              TriRelation *r = tri_store_find_relation (store, state == 1 ? "RUS-PRK" : "CHN-RUS", NULL);

              g_assert_nonnull (r);
              request->relation_id = r->id;
            }
          else if (state == 3)
            request->event_id = newest;
          what = g_strdup_printf ("%s %d×%d state %u", langs[l], size.width, size.height, state);
          slide = draw (store, request);
          check_slide (slide, what);
          if (state == 1)
            g_assert_cmpuint (count_role (slide, "quote"), >, 0);
          /* nothing selected: each side of the triangle in a paragraph of
           * its own, none dropped for want of room */
          if (state == 0)
            {
              g_autoptr(GPtrArray) actors = tri_store_list_actors (store, langs[l], NULL);
              g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
              guint n_sides = 0;

              for (guint k = 0; k < relations->len; k++)
                {
                  const TriRelation *r = g_ptr_array_index (relations, k);
                  const char *a = NULL, *b = NULL;
                  g_autofree char *side = NULL;
                  guint found = 0;

                  for (guint i = 0; i < 3; i++)
                    {
                      if (g_str_equal (((TriActor *) actors->pdata[i])->code, r->a))
                        a = ((TriActor *) actors->pdata[i])->name;
                      if (g_str_equal (((TriActor *) actors->pdata[i])->code, r->b))
                        b = ((TriActor *) actors->pdata[i])->name;
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
              g_assert_cmpuint (count_role (slide, "triangle-legend"), ==, 3);
            }
        }
}

/* a triangle or a timeline exported alone says as of when, over what
 * period and from which sources */
static void
test_views_alone (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), &error);
  const TriExportView views[] = { TRI_EXPORT_VIEW_TRIANGLE, TRI_EXPORT_VIEW_TIMELINE };
  const TriExportSize sizes[] = { { 800, 600 }, { 1920, 1080 }, { 1200, 300 }, { 400, 240 } };

  g_assert_no_error (error);
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint v = 0; v < G_N_ELEMENTS (views); v++)
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(TriExportRequest) request = tri_export_request_new ();
          g_autoptr(TriSlideLayout) slide = NULL;
          g_autofree char *what = NULL;

          g_free (request->lang);
          request->lang = g_strdup (langs[l]);
          request->view = views[v];
          request->width = sizes[s].width;
          request->height = sizes[s].height;
          what = g_strdup_printf ("%s view %u %d×%d", langs[l], v, sizes[s].width, sizes[s].height);
          slide = draw (store, request);
          check_slide (slide, what);
          g_assert_cmpfloat (v == 0 ? slide->triangle.height : slide->timeline.height, >, sizes[s].height * 0.5);
        }
}

static void
check_cut (const char *text,
           const char *lang,
           double      width)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(PangoLayout) layout = NULL;
  gboolean shortened = FALSE;
  const char *shown;
  gsize prefix;
  gunichar next;

  layout = tri_slide_fit_text (cr, text, lang, 20, FALSE, FALSE, width, 2, 1000, &shortened);
  g_assert_nonnull (layout);
  g_assert_true (shortened);
  g_assert_cmpint (pango_layout_get_line_count (layout), <=, 2);
  shown = pango_layout_get_text (layout);
  g_assert_true (g_str_has_suffix (shown, "…"));
  prefix = strlen (shown) - strlen ("…");
  g_assert_cmpuint (prefix, >, 0);
  /* what is shown is the text's beginning, cut where a word ends */
  g_assert_true (strncmp (shown, text, prefix) == 0);
  next = g_utf8_get_char (text + prefix);
  if (!g_str_equal (lang, "zh_CN"))
    g_assert_true (g_unichar_isspace (next) || g_unichar_ispunct (next));

  /* and with room for one line less than the text, no line at all */
  g_clear_object (&layout);
  layout = tri_slide_fit_text (cr, text, lang, 20, FALSE, FALSE, width, 2, 5, &shortened);
  g_assert_null (layout);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_word_boundary (void)
{
  check_cut ("The changing security situation in Northeast Asia is also reflected in the changing "
             "nature of Russia's Far East, with connectivity between North Korea and Primorsky.", "en", 300);
  check_cut ("Россия – Китай – КНДР: стратегический треугольник, связи которого менялись "
             "от союза к соперничеству и обратно, 2000–2024", "ru", 300);
  check_cut ("Quan hệ Nga – Triều Tiên: Hiệp ước Đối tác Chiến lược Toàn diện được ký tại "
             "Bình Nhưỡng tháng 6 năm 2024 và có hiệu lực từ tháng 12.", "vi", 300);
  check_cut ("러시아와 북한은 2024년 6월 평양에서 포괄적 전략 동반자 관계 조약에 서명했으며 "
             "조약은 같은 해 12월에 발효되었다고 양국 정부가 밝혔다.", "ko", 300);
  check_cut ("俄罗斯与朝鲜于2024年6月在平壤签署全面战略伙伴关系条约，该条约于同年12月生效，"
             "两国政府均表示这是双边关系的新阶段。", "zh_CN", 300);
}

static const TriSlideBox *
box_of (TriSlideLayout *slide,
        const char     *role)
{
  for (guint i = 0; i < slide->boxes->len; i++)
    if (g_str_equal (g_array_index (slide->boxes, TriSlideBox, i).role, role))
      return &g_array_index (slide->boxes, TriSlideBox, i);
  g_error ("no %s on the slide", role);
  return NULL;
}

/* the words of @format before its first conversion */
static char *
lead_words (const char *lang,
            const char *format)
{
  const char *t = D_(lang, format);

  return g_strndup (t, strcspn (t, "%"));
}

/* Two data languages in one process, their drawings interleaved: each in
 * its own words, with no language held by the process between them */
static void
test_two_languages_interleaved (void)
{
  g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autoptr(TriStore) store = tri_store_open (tri_test_briefing_path (), NULL);
  const char * const order[] = { "en", "vi", "en", "vi" };
  TriRelation *rel = tri_store_find_relation (store, "RUS-PRK", NULL);
  g_autoptr(GPtrArray) actors_vi = tri_store_list_actors (store, "vi", NULL);
  g_autoptr(GPtrArray) relations = tri_store_list_relations (store, NULL);
  g_autoptr(GPtrArray) events = tri_store_list_events (store, 0, G_MAXUINT32, "en", NULL);
  TriTriangleParams tp = { .width = 800, .height = 600, .from = 0, .to = G_MAXUINT32, .lang = "vi",
                           .type_scale = 1, .show_legend = TRUE };
  TriTimelineParams lp = { .width = 1200, .height = 400, .lang = "en", .type_scale = 1 };
  g_autoptr(TriTriangleLayout) triangle = NULL;
  g_autoptr(TriTimelineLayout) timeline = NULL;
  g_autoptr(TriTimelineLayout) timeline_vi = NULL;

  tri_catalog_set_dir (po);
  /* the test would prove nothing were the two the same */
  g_assert_cmpstr (D_("vi", "As of: %s"), !=, "As of: %s");
  g_assert_cmpstr (D_("vi", "Diplomacy"), !=, "Diplomacy");

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(TriExportRequest) request = tri_export_request_new ();
      g_autoptr(TriSlideLayout) slide = NULL;
      g_autofree char *as_of = lead_words (order[i], "As of: %s");
      g_autofree char *claim = lead_words (order[i], "claim: %s");
      g_autofree char *other_as_of = lead_words (g_str_equal (order[i], "en") ? "vi" : "en", "As of: %s");

      g_free (request->lang);
      request->lang = g_strdup (order[i]);
      request->relation_id = rel->id;
      slide = draw (store, request);
      g_assert_true (g_str_has_prefix (box_of (slide, "as-of")->text, as_of));
      g_assert_false (g_str_has_prefix (box_of (slide, "as-of")->text, other_as_of));
      g_assert_nonnull (strstr (box_of (slide, "citation")->text, claim));
    }

  /* a Vietnamese triangle, then an English timeline, then a Vietnamese one */
  lp.t0 = ((TriEvent *) events->pdata[0])->date.earliest;
  lp.t1 = ((TriEvent *) events->pdata[events->len - 1])->date.latest;
  lp.as_of = (guint32) lp.t1;
  triangle = tri_triangle_layout_new (actors_vi, relations, events, &tp);
  timeline = tri_timeline_layout_new (events, &lp);
  lp.lang = "vi";
  timeline_vi = tri_timeline_layout_new (events, &lp);
  g_assert_cmpuint (triangle->legend->len, ==, 3);
  g_assert_cmpstr (((TriLegendItem *) triangle->legend->pdata[0])->text, ==,
                   D_("vi", "Thickness: weighted number of events in the window"));
  g_assert_cmpstr (timeline->lane_labels[TRI_CATEGORY_DIPLOMACY], ==, "Diplomacy");
  g_assert_cmpstr (timeline_vi->lane_labels[TRI_CATEGORY_DIPLOMACY], ==, D_("vi", "Diplomacy"));

  tri_catalog_set_dir (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/slide/word-boundary", test_word_boundary);
  g_test_add_func ("/slide/every-language-and-size", test_every_language_and_size);
  g_test_add_func ("/slide/views-alone", test_views_alone);
  g_test_add_func ("/slide/two-languages-interleaved", test_two_languages_interleaved);
  return g_test_run ();
}
