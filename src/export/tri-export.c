/* tri-export.c: what is on screen, as PNG, SVG or PDF
 *
 * The window's Export dialog and `trilateral --export` both come here, and
 * both draw through the same layouts and renderers as the screen: an export
 * is the screen at another size, never a re-flowed variant of it.
 *
 * A file is written through the one file-writing helper (tri-new-file.c):
 * unnamed until complete, so a failure, a signal or a kill never leaves a
 * partial file, and an existing file is only ever replaced by a complete
 * one, keeping its permissions. Nothing is drawn from a briefing whose
 * reads have failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "document/tri-session.h"
#include "render/tri-labels.h"
#include "render/tri-slide.h"
#include "render/tri-timeline.h"
#include "render/tri-triangle.h"
#include "store/tri-state.h"
#include "store/tri-new-file.h"
#include "tri-export.h"
#include "render/tri-catalog.h"

#define MIN_SIDE 16
#define MAX_SIDE 16384

G_DEFINE_QUARK (tri-export-error-quark, tri_export_error)

/* 96 dpi pixels: A4 landscape is 297 × 210 mm */
const TriExportSize tri_export_preset_sizes[TRI_EXPORT_N_PRESET_SIZES] = {
  { 1920, 1080 }, { 1600, 1200 }, { 1123, 794 },
};

TriExportRequest *
tri_export_request_new (void)
{
  TriExportRequest *request = g_new0 (TriExportRequest, 1);

  request->view = TRI_EXPORT_VIEW_SLIDE;
  request->width = 1920;
  request->height = 1080;
  request->scale = 1;
  request->lang = g_strdup (tri_lang_from_environment ());
  request->window_months = 12;
  return request;
}

void
tri_export_request_free (TriExportRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->lang);
  g_free (request->title);
  g_free (request->judgement);
  g_free (request->actor);
  tri_filter_free (request->filter);
  g_free (request);
}

TriExportRequest *
tri_export_request_copy (const TriExportRequest *request)
{
  TriExportRequest *copy;

  if (request == NULL)
    return NULL;
  copy = g_new0 (TriExportRequest, 1);
  *copy = *request;
  copy->lang = g_strdup (request->lang);
  copy->title = g_strdup (request->title);
  copy->judgement = g_strdup (request->judgement);
  copy->actor = g_strdup (request->actor);
  copy->filter = tri_filter_copy (request->filter);
  return copy;
}

/**
 * tri_export_as_of_line:
 * @window: the period in words (tri_window_describe ())
 *
 * The "as of" line every export draws: the period, then what the store's
 * filter shows, so that a picture never stands for more than it counts.
 */
char *
tri_export_as_of_line (TriStore   *store,
                       const char *window,
                       const char *lang)
{
  const TriFilter *filter = tri_store_get_filter (store);
  g_autofree char *filtered = NULL;

  if (tri_filter_is_empty (filter))
    /* Translators: the "as of" line of a slide, e.g. "As of: the 12 months to 1 Jul 2024" */
    return g_strdup_printf (D_(lang, "As of: %s"), window);
  filtered = tri_filter_describe (filter, store, lang);
  /* Translators: the "as of" line of a filtered slide, e.g. "As of: the 12
   * months to 1 Jul 2024 · confirmed military events only" */
  return g_strdup_printf (D_(lang, "As of: %1$s · %2$s"), window, filtered);
}

gboolean
tri_export_format_for_path (const char       *path,
                            TriExportFormat  *format,
                            GError          **error)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, '/');

  if (dot != NULL && (slash == NULL || dot > slash))
    {
      if (g_ascii_strcasecmp (dot, ".png") == 0)
        *format = TRI_EXPORT_PNG;
      else if (g_ascii_strcasecmp (dot, ".svg") == 0)
        *format = TRI_EXPORT_SVG;
      else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
        *format = TRI_EXPORT_PDF;
      else
        dot = NULL;
    }
  else
    dot = NULL;

  if (dot == NULL)
    {
      g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                   _("“%s” does not end in .png, .svg or .pdf: Trilateral chooses the format by the extension."),
                   path);
      return FALSE;
    }
  return TRUE;
}

gboolean
tri_export_parse_size (const char  *text,
                       int         *width,
                       int         *height,
                       GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 w = 0, h = 0;

  if (text != NULL)
    parts = g_strsplit_set (text, "xX×", 3);
  if (parts == NULL || g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, MIN_SIDE, MAX_SIDE, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, MIN_SIDE, MAX_SIDE, &h, NULL))
    {
      g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                   _("“%s” is not a size: write WIDTHxHEIGHT in pixels, each from %d to %d, such as 1920x1080."),
                   text ? text : "", MIN_SIDE, MAX_SIDE);
      return FALSE;
    }
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

gboolean
tri_export_parse_view (const char     *text,
                       TriExportView  *view,
                       GError        **error)
{
  if (g_strcmp0 (text, "triangle") == 0)
    *view = TRI_EXPORT_VIEW_TRIANGLE;
  else if (g_strcmp0 (text, "timeline") == 0)
    *view = TRI_EXPORT_VIEW_TIMELINE;
  else if (g_strcmp0 (text, "slide") == 0)
    *view = TRI_EXPORT_VIEW_SLIDE;
  else
    {
      g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                   _("“%s” is not a view: choose triangle, timeline or slide."), text ? text : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * tri_export_resolve_as_of:
 * @text: "2024-06-19", "2024-06", "2024" or any honest date form
 *
 * "As of" a month or a year is its last day. A date outside the briefing's
 * events is refused, as it would show nothing the sources say.
 */
gboolean
tri_export_resolve_as_of (TriStore    *store,
                          const char  *text,
                          guint32     *as_of,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint32 earliest, latest;
  TriDate d;

  if (!tri_date_parse (text, &d, &local_error))
    {
      g_set_error_literal (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE, local_error->message);
      return FALSE;
    }

  if (!tri_store_get_extent (store, &earliest, &latest))
    {
      g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                   _("The briefing has no events, so there is no date to show it as of."));
      return FALSE;
    }

  if (d.latest < earliest || d.earliest > latest)
    {
      g_autofree char *from = tri_day_label (earliest, TRI_PRECISION_DAY, tri_lang_from_environment ());
      g_autofree char *to = tri_day_label (latest, TRI_PRECISION_DAY, tri_lang_from_environment ());

      g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                   _("“%s” is outside the briefing, whose events run from %s to %s."), text, from, to);
      return FALSE;
    }

  *as_of = MIN (d.latest, latest);
  return TRUE;
}

typedef struct
{
  GPtrArray *actors;
  GPtrArray *relations;
  GPtrArray *window_events;     /* those that may shape the triangle */
  GPtrArray *timeline_events;   /* those of the timeline's range */
  guint32    as_of, from, to;
  double     t0, t1;
} Scene;

static void
scene_clear (Scene *scene)
{
  g_clear_pointer (&scene->actors, g_ptr_array_unref);
  g_clear_pointer (&scene->relations, g_ptr_array_unref);
  g_clear_pointer (&scene->window_events, g_ptr_array_unref);
  g_clear_pointer (&scene->timeline_events, g_ptr_array_unref);
}

static GPtrArray *
empty_array (void)
{
  return g_ptr_array_new ();
}

static void
scene_load (Scene                  *scene,
            TriStore               *store,
            const TriExportRequest *request)
{
  guint32 earliest = 0, latest = 0;

  scene->actors = tri_store_list_actors (store, request->lang, NULL);
  scene->relations = tri_store_list_relations (store, NULL);
  if (scene->actors == NULL)
    scene->actors = empty_array ();
  if (scene->relations == NULL)
    scene->relations = empty_array ();

  scene->as_of = request->as_of;
  if (scene->as_of == 0)
    scene->as_of = tri_session_default_as_of (store);

  tri_window_bounds (scene->as_of, tri_window_days_for_months (request->window_months),
                     &scene->from, &scene->to);
  /* one frame: the window's events are fewer to read than every link */
  scene->window_events = tri_store_list_events_brief (store, scene->from, scene->to, request->lang, NULL);
  if (scene->window_events == NULL)
    scene->window_events = empty_array ();

  scene->t0 = request->t0;
  scene->t1 = request->t1;
  if (scene->t1 <= scene->t0 && tri_store_get_extent (store, &earliest, &latest))
    tri_timeline_default_range (earliest, latest, scene->as_of, &scene->t0, &scene->t1);
  if (scene->t1 <= scene->t0)
    {
      scene->t0 = scene->as_of - 365;
      scene->t1 = scene->as_of + 30;
    }
  scene->timeline_events = tri_store_list_events_brief (store, (guint32) MAX (1, floor (scene->t0)),
                                                  (guint32) ceil (scene->t1), request->lang, NULL);
  if (scene->timeline_events == NULL)
    scene->timeline_events = empty_array ();
}

static TriTriangleLayout *
triangle_layout (const Scene            *scene,
                 const TriExportRequest *request,
                 double                  width,
                 double                  height,
                 double                  type_scale)
{
  TriTriangleParams params = { 0 };
  TriTriangleLayout *layout;

  params.width = width;
  params.height = height;
  params.from = scene->from;
  params.to = scene->to;
  params.lang = request->lang;
  params.type_scale = type_scale;
  params.show_others = request->show_others;
  params.show_legend = TRUE;
  layout = tri_triangle_layout_new (scene->actors, scene->relations, scene->window_events, &params);
  layout->selected_edge = tri_triangle_layout_find_edge (layout, request->relation_id);
  /* a country selected, as the window shows it: its node marked */
  if (request->relation_id == 0 && request->event_id == 0 && request->actor != NULL)
    for (guint i = 0; i < layout->nodes->len; i++)
      if (g_strcmp0 (((TriNodeLayout *) g_ptr_array_index (layout->nodes, i))->code, request->actor) == 0)
        layout->selected_node = i;
  return layout;
}

static TriTimelineLayout *
timeline_layout (const Scene            *scene,
                 const TriExportRequest *request,
                 double                  width,
                 double                  height,
                 double                  type_scale)
{
  TriTimelineParams params = { 0 };
  g_autoptr(GArray) involved = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* a country selected: the timeline marks its relations' events */
  if (request->relation_id == 0 && request->event_id == 0 && request->actor != NULL)
    for (guint i = 0; i < scene->relations->len; i++)
      {
        const TriRelation *r = g_ptr_array_index (scene->relations, i);

        if (g_strcmp0 (r->a, request->actor) == 0 || g_strcmp0 (r->b, request->actor) == 0)
          g_array_append_val (involved, r->id);
      }

  params.width = width;
  params.height = height;
  params.t0 = scene->t0;
  params.t1 = scene->t1;
  params.as_of = scene->as_of;
  params.selected_event = request->event_id;
  params.highlight_relations = request->relation_id ? &request->relation_id
                              : involved->len > 0 ? (const gint64 *) (gpointer) involved->data : NULL;
  params.n_highlight_relations = request->relation_id ? 1 : involved->len;
  params.lang = request->lang;
  params.type_scale = type_scale;
  return tri_timeline_layout_new (scene->timeline_events, &params);
}

static const char *
actor_name (const Scene *scene,
            const char  *code)
{
  for (guint i = 0; i < scene->actors->len; i++)
    {
      TriActor *a = g_ptr_array_index (scene->actors, i);
      if (g_str_equal (a->code, code))
        return a->name;
    }
  return code;
}

static char *
source_citation (const TriSource *s,
                 const char      *lang)
{
  g_autofree char *date = tri_date_label (&s->date, lang);

  if (s->outlet != NULL && *s->outlet != '\0')
    /* Translators: a source in a slide's footnote: its title, outlet and date */
    return g_strdup_printf (D_(lang, "“%s”, %s, %s"), s->title, s->outlet, date);
  /* Translators: a source in a slide's footnote: its title and date */
  return g_strdup_printf (D_(lang, "“%s”, %s"), s->title, date);
}

/* The evidence shown on a slide: the selected edge's newest quotes, the
 * selected event's, or the three sides in words; and the sources cited. */
static void
slide_evidence (TriStore               *store,
                const Scene            *scene,
                const TriExportRequest *request,
                TriTriangleLayout      *triangle,
                TriSlideContent        *content)
{
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) sources = tri_store_list_sources (store, request->lang, NULL);
  g_autoptr(GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) citations = g_string_new (NULL);
  guint max_quotes = 3, n_cited = 0, total = 0;

  if (request->relation_id != 0 && tri_store_get_relation (store, request->relation_id) != NULL)
    {
      TriRelation *r = tri_store_get_relation (store, request->relation_id);
      int index = triangle ? tri_triangle_layout_find_edge (triangle, r->id) : -1;
      TriEdgeState state = { 0 };

      if (index >= 0)
        state = ((TriEdgeLayout *) g_ptr_array_index (triangle->edges, index))->state;
      else
        tri_edge_state_compute (&state, scene->window_events, r->id, scene->from, scene->to);
      content->heading = g_strdup_printf ("%s – %s", actor_name (scene, r->a), actor_name (scene, r->b));
      content->text = tri_edge_describe (&state, actor_name (scene, r->a), actor_name (scene, r->b),
                                         request->window_months, scene->as_of, request->lang);
      /* the quotes of exactly the events the edge counts, as in the panel */
      quotes = tri_store_list_quotes_in_period (store, r->id, scene->from, scene->to, request->lang,
                                                max_quotes, &total, NULL);
    }
  else if (request->event_id != 0)
    {
      g_autoptr(TriEvent) ev = tri_store_get_event (store, request->event_id, request->lang, NULL);

      if (ev != NULL)
        {
          g_autofree char *label = tri_date_label (&ev->date, request->lang);
          g_autofree char *date = tri_capitalize_first (label);

          content->heading = g_strdup (ev->title);
          /* Translators: under an event's title: its date label and category */
          content->subheading = g_strdup_printf (D_(request->lang, "%s · %s"), date,
                                                 tri_category_label (ev->category, request->lang));
          content->text = g_strdup (ev->summary);
          quotes = tri_store_list_quotes (store, 0, ev->id, request->lang, NULL);
          max_quotes = 2;
        }
    }

  else if (request->actor != NULL && *request->actor != '\0')
    {
      guint n_involved = 0;
      g_autoptr(GPtrArray) involved = tri_store_list_actor_events (store, request->actor, request->lang, 6,
                                                                    &n_involved, NULL);
      g_autoptr(GString) text = g_string_new (NULL);

      /* the events involving it, as the panel lists them */
      for (guint i = 0; involved != NULL && i < involved->len; i++)
        {
          const TriEvent *ev = g_ptr_array_index (involved, i);
          g_autofree char *date = tri_date_label (&ev->date, request->lang);

          g_string_append (text, text->len ? "\n" : "");
          /* Translators: a date label and an event's title */
          g_string_append_printf (text, D_(request->lang, "%s — %s"), date, ev->title);
        }
      if (involved != NULL)
        {
          content->heading = g_strdup (actor_name (scene, request->actor));
          content->subheading = g_strdup_printf (DN_ (request->lang, "%u event involving it",
                                                      "%u events involving it", n_involved), n_involved);
          content->text = g_string_free (g_steal_pointer (&text), FALSE);
        }
    }

  if (content->heading == NULL && triangle != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < triangle->edges->len; i++)
        {
          const TriEdgeLayout *e = g_ptr_array_index (triangle->edges, i);
          const TriNodeLayout *a = g_ptr_array_index (triangle->nodes, e->a);
          const TriNodeLayout *b = g_ptr_array_index (triangle->nodes, e->b);
          g_autofree char *line = NULL;

          if (e->other)
            continue;
          line = tri_edge_describe (&e->state, a->name, b->name, request->window_months,
                                    scene->as_of, request->lang);
          g_string_append_printf (text, "%s%s", text->len ? "\n\n" : "", line);
        }
      content->heading = g_strdup (D_(request->lang, "The triangle"));
      content->text = g_string_free (g_steal_pointer (&text), FALSE);
    }

  content->as_of_day = scene->as_of;
  content->quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) tri_quote_free);
  content->quote_langs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; quotes && i < quotes->len && content->quotes->len < max_quotes; i++)
    {
      TriQuote *q = g_ptr_array_index (quotes, i);
      const char *qlang = NULL;

      for (guint k = 0; sources && k < sources->len; k++)
        if (g_strcmp0 (((TriSource *) sources->pdata[k])->id, q->source_id) == 0)
          qlang = ((TriSource *) sources->pdata[k])->language;
      g_ptr_array_add (content->quote_langs, g_strdup (qlang));
      g_hash_table_add (cited, q->source_id);
      g_ptr_array_add (content->quotes, g_steal_pointer (&quotes->pdata[i]));
    }

  for (guint k = 0; sources && k < sources->len; k++)
    {
      const TriSource *s = g_ptr_array_index (sources, k);
      g_autofree char *citation = NULL;

      /* no quote shown: every source of the briefing stands behind it */
      if (content->quotes->len > 0 && !g_hash_table_contains (cited, s->id))
        continue;
      citation = source_citation (s, request->lang);
      g_string_append_printf (citations, "%s%s", citations->len ? "; " : "", citation);
      n_cited++;
    }
  /* Translators: a slide's footnote; %s is a list of sources (one, or several) */
  content->footnote = g_strdup_printf (DN_ (request->lang, "Source: %s", "Sources: %s", n_cited), citations->str);
}

/**
 * tri_export_draw_slide:
 *
 * Draws the requested view at request->width × request->height user units
 * on @cr: the same layouts and renderers as the screen. The briefing slide
 * is composed of title, "as of", triangle, evidence, timeline and sources;
 * a triangle or a timeline alone is framed by its title, its "as of" line
 * with the period, and its sources, so it never stands as a bare count.
 *
 * Returns: (transfer full): the slide's layout, with every text it placed
 */
TriSlideLayout *
tri_export_draw_slide (TriStore               *store,
                       const TriExportRequest *request,
                       cairo_t                *cr)
{
  const TriTheme *theme = tri_theme_get (request->dark);
  g_autofree char *window = NULL;
  TriSlideContent content = { 0 };
  TriSlideLayout *slide;
  g_autoptr(TriTriangleLayout) triangle = NULL;
  g_autoptr(TriTimelineLayout) timeline = NULL;
  TriSlideKind kind;
  Scene scene = { 0 };

  g_autoptr(TriFilter) outer = tri_filter_copy (tri_store_get_filter (store));

  /* what the request shows, read through the store, and the store's own
   * filter as it was afterwards */
  tri_store_set_filter (store, request->filter);

  /* every word is drawn in the export's language, request->lang, which
   * each renderer is given */
  scene_load (&scene, store, request);

  kind = request->view == TRI_EXPORT_VIEW_TRIANGLE ? TRI_SLIDE_TRIANGLE
       : request->view == TRI_EXPORT_VIEW_TIMELINE ? TRI_SLIDE_TIMELINE
       : TRI_SLIDE_BRIEFING;
  window = tri_window_describe (request->window_months, scene.as_of, request->lang);
  content.title = request->title != NULL ? g_strdup (request->title)
                                          : tri_store_dup_title (store, request->lang);
  content.judgement = g_strdup (request->judgement);
  content.as_of = tri_export_as_of_line (store, window, request->lang);
  content.lang = request->lang;

  slide = tri_slide_layout_new (kind, request->width, request->height, &content);
  if (slide->triangle.width > 0 && slide->triangle.height > 0)
    triangle = triangle_layout (&scene, request, slide->triangle.width, slide->triangle.height,
                                slide->type_scale);
  if (slide->timeline.width > 0 && slide->timeline.height > 0)
    timeline = timeline_layout (&scene, request, slide->timeline.width, slide->timeline.height,
                                slide->timeline_type_scale);
  slide_evidence (store, &scene, request, triangle, &content);

  tri_slide_render (slide, &content, triangle, timeline, cr, theme);
  tri_slide_content_clear (&content);

  scene_clear (&scene);
  tri_store_set_filter (store, outer);
  return slide;
}

/**
 * tri_export_draw:
 *
 * Draws the requested view at request->width × request->height user units
 * on @cr, as tri_export_draw_slide() does.
 */
void
tri_export_draw (TriStore               *store,
                 const TriExportRequest *request,
                 cairo_t                *cr)
{
  g_autoptr(TriSlideLayout) slide = tri_export_draw_slide (store, request, cr);
}

/**
 * tri_export_write:
 * @path: the file to write; its extension gives the format
 *
 * Writes the export to a temporary file beside @path and renames it into
 * place when complete. On failure nothing is left behind and an existing
 * @path is untouched.
 */
/* cairo writes PNG, SVG and PDF through this into the new file */
typedef struct
{
  TriNewFile *file;
  GError     *error;
} Sink;

static cairo_status_t
sink_write (void                *data,
            const unsigned char *bytes,
            unsigned int         len)
{
  Sink *sink = data;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!tri_new_file_write (sink->file, bytes, len, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
tri_export_write (TriStore               *store,
                  const TriExportRequest *request,
                  const char             *path,
                  GError                **error)
{
  g_autoptr(TriNewFile) file = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  TriExportFormat format;
  guint failures_before;
  Sink sink = { 0 };
  cairo_t *cr;

  g_return_val_if_fail (TRI_IS_STORE (store), FALSE);

  if (!tri_export_format_for_path (path, &format, error))
    return FALSE;

  if (request->width < MIN_SIDE || request->height < MIN_SIDE ||
      request->width > MAX_SIDE || request->height > MAX_SIDE ||
      request->scale < 1 || request->scale > 3 ||
      (gint64) request->width * request->height * request->scale * request->scale > 400000000)
    {
      g_set_error (error, TRI_EXPORT_ERROR, TRI_EXPORT_ERROR_USAGE,
                   _("%d×%d at %d× is not a size Trilateral can export."),
                   request->width, request->height, request->scale);
      return FALSE;
    }

  /* a picture drawn from a failed read is not the briefing */
  if (tri_store_get_read_error (store) != NULL)
    {
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ,
                   _("Nothing was exported: %s"), tri_store_get_read_error (store)->message);
      return FALSE;
    }

  /* the new file is unnamed until complete: a failure, a signal or a kill
   * leaves nothing, and an existing file is only replaced by a whole one */
  file = tri_new_file_create (path, TRI_NEW_FILE_REPLACE, error);
  if (file == NULL)
    return FALSE;
  sink.file = file;

  switch (format)
    {
    case TRI_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, request->width * request->scale,
                                            request->height * request->scale);
      break;
    case TRI_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (sink_write, &sink, request->width, request->height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case TRI_EXPORT_PDF:
    default:
      /* 96 pixels an inch, 72 points: a device scale, not the drawing's
       * matrix, so text is laid out exactly as on a PNG (under a scaled
       * matrix Pango sets the gap between paragraphs apart) */
      surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, request->width * 0.75,
                                                     request->height * 0.75);
      cairo_surface_set_device_scale (surface, 0.75, 0.75);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
      break;
    }

  failures_before = tri_store_get_read_failures (store);
  cr = cairo_create (surface);
  if (format == TRI_EXPORT_PNG)
    cairo_scale (cr, request->scale, request->scale);
  tri_export_draw (store, request, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS && format == TRI_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (tri_store_get_read_failures (store) != failures_before)
    {
      g_clear_error (&sink.error);
      g_set_error (error, TRI_STORE_ERROR, TRI_STORE_ERROR_READ,
                   _("Nothing was exported: %s"), tri_store_get_read_error (store)->message);
      return FALSE;
    }
  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TRI_WRITE_ERROR, TRI_WRITE_ERROR_FAILED,
                   _("Could not write “%s”: %s."), path, cairo_status_to_string (status));
      return FALSE;
    }
  return tri_new_file_commit (file, error);
}
