/* tri-theme.c: the palette (Okabe–Ito) and type of every drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-theme"

#include "config.h"

#include "tri-theme.h"

static const TriTheme light = {
  .dark = FALSE,
  .background = 0xFFFFFF,
  .text = 0x1A1A1A,
  .muted = 0x595959,
  .rule = 0xD0D0D0,
  .cursor = 0x000000,
  .stance = { 0x009E73, 0xD55E00, 0x999999 },
  .other_actor = 0x7F7F7F,
};

static const TriTheme dark = {
  .dark = TRUE,
  .background = 0x1E1E1E,
  .text = 0xF2F2F2,
  .muted = 0xB8B8B8,
  .rule = 0x4A4A4A,
  .cursor = 0xFFFFFF,
  .stance = { 0x009E73, 0xD55E00, 0x999999 },
  .other_actor = 0x9A9A9A,
};

const TriTheme *
tri_theme_get (gboolean is_dark)
{
  return is_dark ? &dark : &light;
}

void
tri_set_source_rgb (cairo_t *cr,
                    guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xFF) / 255.0,
                        ((rgb >> 8) & 0xFF) / 255.0,
                        (rgb & 0xFF) / 255.0);
}

guint32
tri_color_mix (guint32 a,
               guint32 b,
               double  t)
{
  guint32 out = 0;

  t = CLAMP (t, 0.0, 1.0);
  for (int shift = 16; shift >= 0; shift -= 8)
    {
      double ca = (a >> shift) & 0xFF, cb = (b >> shift) & 0xFF;
      out |= ((guint32) (ca + (cb - ca) * t + 0.5) & 0xFF) << shift;
    }
  return out;
}

/* From tension (-1) through grey (0) to cooperation (+1) */
guint32
tri_balance_color (const TriTheme *theme,
                   double          balance)
{
  const guint32 grey = theme->stance[TRI_STANCE_NEUTRAL];

  if (balance >= 0)
    return tri_color_mix (grey, theme->stance[TRI_STANCE_COOPERATION], balance);
  return tri_color_mix (grey, theme->stance[TRI_STANCE_TENSION], -balance);
}

static void
setup_context (PangoContext *context,
               const char   *lang)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* unhinted metrics: the same glyph positions on screen, in every export
   * and in the layout pass that measures without a surface */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  if (lang != NULL)
    {
      g_autofree char *pango_lang = g_strdelimit (g_ascii_strdown (lang, -1), "_", '-');
      pango_context_set_language (context, pango_language_from_string (pango_lang));
    }
}

static void
setup_layout (PangoLayout *layout,
              const char  *text,
              double       px,
              gboolean     bold)
{
  PangoFontDescription *desc = pango_font_description_from_string ("Noto Sans");

  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text ? text : "", -1);
}

/* ---- text shaped once ----
 *
 * Measuring or drawing a label itemizes and shapes it (HarfBuzz) and breaks
 * it into lines; a frame that pans or zooms the timeline lays out the same
 * titles as the one before. So each thread (as Pango's default font map is
 * one a thread: an export draws in a thread while the window draws) keeps
 * the sizes it measured and the layouts it drew, each in two generations:
 * what was used since the older one was dropped stays, so they hold what
 * recent frames used and a bounded number more. */
#define SIZES_PER_GENERATION 32768    /* about 100 bytes each */
#define LABELS_PER_GENERATION 2048    /* a shaped layout of a line: about 2 KB */

typedef struct
{
  GHashTable *current;
  GHashTable *previous;
  guint       limit;
} Generations;

typedef struct
{
  double width;
  double height;
} TextSize;

typedef struct
{
  GHashTable  *contexts;   /* language → PangoContext */
  Generations  sizes;      /* key → TextSize */
  Generations  labels;     /* key → PangoLayout */
} TextCache;

static void
generations_init (Generations    *g,
                  guint           limit,
                  GDestroyNotify  free_value)
{
  g->current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_value);
  g->previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_value);
  g->limit = limit;
}

static void
generations_clear (Generations *g)
{
  g_clear_pointer (&g->current, g_hash_table_unref);
  g_clear_pointer (&g->previous, g_hash_table_unref);
}

/* The value under key, brought into the current generation; NULL if none */
static gpointer
generations_lookup (Generations *g,
                    const char  *key)
{
  gpointer value = g_hash_table_lookup (g->current, key);
  gpointer old_key;

  if (value == NULL && g_hash_table_steal_extended (g->previous, key, &old_key, &value))
    g_hash_table_insert (g->current, old_key, value);
  return value;
}

static void
generations_insert (Generations *g,
                    char        *key,
                    gpointer     value)
{
  if (g_hash_table_size (g->current) >= g->limit)
    {
      g_hash_table_remove_all (g->previous);
      GHashTable *t = g->previous;
      g->previous = g->current;
      g->current = t;
    }
  g_hash_table_insert (g->current, key, value);
}

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  g_hash_table_unref (cache->contexts);
  generations_clear (&cache->sizes);
  generations_clear (&cache->labels);
  g_free (cache);
}

static TextCache *
text_cache (void)
{
  static GPrivate key = G_PRIVATE_INIT (text_cache_free);
  TextCache *cache = g_private_get (&key);

  if (cache == NULL)
    {
      cache = g_new0 (TextCache, 1);
      cache->contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      generations_init (&cache->sizes, SIZES_PER_GENERATION, g_free);
      generations_init (&cache->labels, LABELS_PER_GENERATION, g_object_unref);
      g_private_set (&key, cache);
    }
  return cache;
}

/* A layout of text on this thread's context for lang (unhinted, as every
 * surface draws it: see setup_context) */
static PangoLayout *
new_layout (TextCache  *cache,
            const char *text,
            double      px,
            gboolean    bold,
            const char *lang)
{
  const char *name = lang != NULL ? lang : "";
  PangoContext *context = g_hash_table_lookup (cache->contexts, name);
  PangoLayout *layout;

  if (context == NULL)
    {
      context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      setup_context (context, lang);
      g_hash_table_insert (cache->contexts, g_strdup (name), context);
    }
  layout = pango_layout_new (context);
  setup_layout (layout, text, px, bold);
  return layout;
}

static char *
text_key (const char *text,
          double      px,
          gboolean    bold,
          const char *lang,
          double      width,
          char        kind)
{
  return g_strdup_printf ("%c%d %d %d %s\x1f%s", kind, (int) (px * PANGO_SCALE), bold ? 1 : 0,
                          width < 0 ? -1 : (int) (width * PANGO_SCALE), lang != NULL ? lang : "",
                          text != NULL ? text : "");
}

/**
 * tri_text_measure:
 *
 * Measures @text as tri_text_layout() will draw it, without a surface, so
 * the layout pass can place labels.
 */
void
tri_text_measure (const char *text,
                  double      px,
                  gboolean    bold,
                  const char *lang,
                  double     *width,
                  double     *height)
{
  tri_text_measure_wrapped (text, px, bold, lang, -1, width, height);
}

/**
 * tri_text_measure_wrapped:
 * @wrap_width: the width its lines wrap to, at words; -1 for one line
 *
 * Measures @text as tri_text_measure() does, wrapped to @wrap_width.
 */
void
tri_text_measure_wrapped (const char *text,
                          double      px,
                          gboolean    bold,
                          const char *lang,
                          double      wrap_width,
                          double     *width,
                          double     *height)
{
  TextCache *cache = text_cache ();
  g_autofree char *key = text_key (text, px, bold, lang, wrap_width, 'm');
  TextSize *size = generations_lookup (&cache->sizes, key);
  PangoRectangle logical;

  if (size == NULL)
    {
      g_autoptr(PangoLayout) layout = new_layout (cache, text, px, bold, lang);

      if (wrap_width >= 0)
        {
          pango_layout_set_width (layout, (int) (wrap_width * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
        }
      pango_layout_get_extents (layout, NULL, &logical);
      size = g_new (TextSize, 1);
      size->width = (double) logical.width / PANGO_SCALE;
      size->height = (double) logical.height / PANGO_SCALE;
      generations_insert (&cache->sizes, g_steal_pointer (&key), size);
    }
  *width = size->width;
  *height = size->height;
}

/**
 * tri_text_label:
 * @max_width: the width past which it is cut with "…"; -1 for none
 *
 * A label shaped once: the same layout draws it in every frame that shows
 * it (a pan or a zoom lays out the same titles again), measured as
 * tri_text_measure() measures it. Draw it with pango_cairo_show_layout ();
 * never change it.
 *
 * Returns: (transfer full): the label's layout
 */
PangoLayout *
tri_text_label (const char *text,
                double      px,
                gboolean    bold,
                const char *lang,
                double      max_width)
{
  TextCache *cache = text_cache ();
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (max_width >= 0)
    {
      double w, h;

      /* a label that fits is the one the measure shaped */
      tri_text_measure (text, px, bold, lang, &w, &h);
      if (w <= max_width)
        max_width = -1;
    }
  key = text_key (text, px, bold, lang, max_width, 'l');
  layout = generations_lookup (&cache->labels, key);
  if (layout == NULL)
    {
      layout = new_layout (cache, text, px, bold, lang);
      if (max_width >= 0)
        {
          pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE) + 1);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
      generations_insert (&cache->labels, g_steal_pointer (&key), layout);
    }
  return g_object_ref (layout);
}

/**
 * tri_text_layout:
 * @px: font size in user-space units
 * @lang: the language of @text, so Han text gets Chinese, not Japanese, forms
 *
 * Returns: (transfer full): a plain-text layout (never markup: data text
 *   may contain anything)
 */
PangoLayout *
tri_text_layout (cairo_t    *cr,
                 const char *text,
                 double      px,
                 gboolean    bold,
                 const char *lang)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  setup_context (pango_layout_get_context (layout), lang);
  pango_layout_context_changed (layout);
  setup_layout (layout, text, px, bold);
  return layout;
}
