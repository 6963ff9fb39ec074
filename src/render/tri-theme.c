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
  /* one context a language: layouts measure thousands of labels. One set
   * a thread, as Pango's default font map is (an export draws in a thread
   * while the window draws) */
  static GPrivate contexts_key = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);
  GHashTable *contexts = g_private_get (&contexts_key);
  PangoContext *context;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  const char *key = lang ? lang : "";

  if (contexts == NULL)
    {
      contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_private_set (&contexts_key, contexts);
    }
  context = g_hash_table_lookup (contexts, key);
  if (context == NULL)
    {
      context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      setup_context (context, lang);
      g_hash_table_insert (contexts, g_strdup (key), context);
    }
  layout = pango_layout_new (context);
  setup_layout (layout, text, px, bold);
  if (wrap_width >= 0)
    {
      pango_layout_set_width (layout, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
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
