/* tri-source-text.c: a source file's text, as the briefing stores it
 *
 * What is stored is what quotes are cut from, by character offset, and
 * what the source editor shows to select them in; so it is the text a
 * reader sees, in one form:
 *
 * - UTF-8, validated (UTF-16 with its byte-order mark, and an HTML page in
 *   the charset its <meta> names, are converted); a byte-order mark is
 *   dropped.
 * - Line breaks are "\n": CRLF and a lone CR become LF. A text view shows
 *   them alike, so a quote selected across a line break would otherwise
 *   hold a carriage return nobody saw. Pasted text goes through the same
 *   rule (tri_source_text_normalize()).
 * - .txt and .md are kept as written (Markdown's markup included: it is
 *   what the author wrote).
 * - .html becomes the text a browser shows: tags stripped; entities
 *   decoded (named, decimal and hexadecimal; &#150; as Windows-1252 means,
 *   as browsers do); script, style, title and the like dropped with their
 *   content; block elements end a line, paragraphs, headings, lists and
 *   tables a paragraph (a blank line); <br> a line; table cells are
 *   separated by a tab; runs of white space collapse to one space and none
 *   is kept at a line's ends, except inside <pre>; a no-break space is a
 *   space that does not collapse.
 *
 * Hostile input gets one sentence each: bytes that are not UTF-8, a zero
 * byte, a file larger than TRI_SOURCE_TEXT_MAX_FILE or a text longer than
 * the store reads (TRI_STORE_MAX_LENGTH), HTML that ends inside a tag or
 * a comment, a file with no text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-source-text"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "store/tri-store.h"
#include "tri-source-text.h"

G_DEFINE_QUARK (tri-source-text-error-quark, tri_source_text_error)

/* --- line breaks ------------------------------------------------------------ */

/**
 * tri_source_text_normalize:
 * @text: valid UTF-8 (pasted, for example)
 *
 * Returns: (transfer full): @text without leading byte-order marks and
 *   with every line break "\n", as a source's text is stored
 */
char *
tri_source_text_normalize (const char *text)
{
  GString *out;
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  out = g_string_sized_new (strlen (p));
  for (; *p; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* --- encodings ---------------------------------------------------------------- */

static guint
line_of (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* The charset an HTML page's <meta> names in its first kilobyte, or NULL */
static char *
html_charset (const char *data,
              gsize       size)
{
  gsize n = MIN (size, 1024);
  g_autofree char *head = g_ascii_strdown (data, n);
  const char *at = g_strstr_len (head, n, "charset=");
  gsize len = 0;

  if (at == NULL)
    return NULL;
  at += strlen ("charset=");
  while (*at == '"' || *at == '\'' || *at == ' ')
    at++;
  while (at[len] && (g_ascii_isalnum (at[len]) || strchr ("-_:.", at[len]) != NULL) && len < 40)
    len++;
  return len > 0 ? g_strndup (at, len) : NULL;
}

/* @data as UTF-8, validated, in a new string */
static char *
to_utf8 (const char       *data,
         gsize             size,
         TriSourceFormat   format,
         const char       *name,
         GError          **error)
{
  g_autofree char *converted = NULL;
  g_autofree char *charset = NULL;
  const char *from = NULL;
  const char *end = NULL;
  gsize length = size;

  if (size >= 2 && (guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
    from = "UTF-16LE";
  else if (size >= 2 && (guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)
    from = "UTF-16BE";
  else if (format == TRI_SOURCE_FORMAT_HTML && (charset = html_charset (data, size)) != NULL &&
           g_ascii_strcasecmp (charset, "utf-8") != 0 && g_ascii_strcasecmp (charset, "utf8") != 0 &&
           g_ascii_strcasecmp (charset, "us-ascii") != 0)
    from = charset;

  if (from != NULL)
    {
      gsize skip = g_str_has_prefix (from, "UTF-16") ? 2 : 0;

      converted = g_convert (data + skip, size - skip, "UTF-8", from, NULL, &length, NULL);
      if (converted == NULL)
        {
          g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_ENCODING,
                       /* Translators: %s is a file name, then a character set such as windows-1251 */
                       _("“%s” is not text in the character set it names (%s): save it as UTF-8 and load it again."),
                       name, from);
          return NULL;
        }
      data = converted;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      gsize at = end - data;

      if (at < length && data[at] == '\0')
        g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_ENCODING,
                     _("“%s” is not a text file: line %u holds a zero byte."), name, line_of (data, at));
      else
        g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_ENCODING,
                     _("“%s” is not UTF-8 text (line %u has a byte that is not UTF-8): save it as UTF-8 and load it again."),
                     name, line_of (data, at));
      return NULL;
    }
  return converted != NULL ? g_steal_pointer (&converted) : g_strndup (data, length);
}

/* --- HTML ------------------------------------------------------------------- */

/* Latin-1's named characters, U+00A0 to U+00FF in order */
static const char * const latin1[96] = {
  "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
  "uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
  "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
  "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
  "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",
  "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
  "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
  "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
  "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
  "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
  "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
  "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
};

static const struct { const char *name; gunichar c; } entities[] = {
  { "quot", 34 }, { "amp", 38 }, { "apos", 39 }, { "lt", 60 }, { "gt", 62 },
  { "Tab", 9 }, { "NewLine", 10 },
  /* Vietnamese letters with names */
  { "Abreve", 0x102 }, { "abreve", 0x103 }, { "Dstrok", 0x110 }, { "dstrok", 0x111 },
  { "Itilde", 0x128 }, { "itilde", 0x129 }, { "Utilde", 0x168 }, { "utilde", 0x169 },
  { "OElig", 0x152 }, { "oelig", 0x153 }, { "Scaron", 0x160 }, { "scaron", 0x161 },
  { "Yuml", 0x178 }, { "fnof", 0x192 }, { "circ", 0x2C6 }, { "tilde", 0x2DC },
  { "ensp", 0x2002 }, { "emsp", 0x2003 }, { "thinsp", 0x2009 }, { "zwnj", 0x200C },
  { "zwj", 0x200D }, { "lrm", 0x200E }, { "rlm", 0x200F }, { "hyphen", 0x2010 },
  { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
  { "sbquo", 0x201A }, { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bdquo", 0x201E },
  { "dagger", 0x2020 }, { "Dagger", 0x2021 }, { "bull", 0x2022 }, { "hellip", 0x2026 },
  { "permil", 0x2030 }, { "prime", 0x2032 }, { "Prime", 0x2033 }, { "lsaquo", 0x2039 },
  { "rsaquo", 0x203A }, { "oline", 0x203E }, { "frasl", 0x2044 }, { "euro", 0x20AC },
  { "trade", 0x2122 }, { "larr", 0x2190 }, { "uarr", 0x2191 }, { "rarr", 0x2192 },
  { "darr", 0x2193 }, { "harr", 0x2194 }, { "minus", 0x2212 }, { "infin", 0x221E },
  { "asymp", 0x2248 }, { "ne", 0x2260 }, { "le", 0x2264 }, { "ge", 0x2265 },
};

/* &#128; to &#159; mean Windows-1252's characters, as in browsers */
static const gunichar cp1252[32] = {
  0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
  0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
};

static gboolean
entity_named (const char *name,
              gsize       len,
              gunichar   *c)
{
  for (guint i = 0; i < G_N_ELEMENTS (latin1); i++)
    if (strlen (latin1[i]) == len && strncmp (latin1[i], name, len) == 0)
      {
        *c = 0xA0 + i;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == len && strncmp (entities[i].name, name, len) == 0)
      {
        *c = entities[i].c;
        return TRUE;
      }
  return FALSE;
}

/* Decodes the entity at @p ('&'); returns the byte after it, or @p itself
 * when it is no entity (the '&' is then text). */
static const char *
entity (const char *p,
        const char *end,
        gunichar   *c)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      gboolean hex = q + 1 < end && (q[1] == 'x' || q[1] == 'X');
      guint64 value = 0;
      const char *digits;

      q += hex ? 2 : 1;
      digits = q;
      while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)))
        {
          if (value <= 0x10FFFF)
            value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q));
          q++;
        }
      if (q == digits)
        return p;
      if (q < end && *q == ';')
        q++;
      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        *c = 0xFFFD;
      else if (value >= 0x80 && value <= 0x9F)
        *c = cp1252[value - 0x80];
      else
        *c = (gunichar) value;
      return q;
    }

  while (q < end && q - p <= 32 && g_ascii_isalnum (*q))
    q++;
  if (q < end && *q == ';' && q > p + 1 && entity_named (p + 1, q - p - 1, c))
    return q + 1;
  return p;
}

typedef enum { NONE, LINE, PARAGRAPH } Break;

typedef struct
{
  GString *out;
  Break    pending;   /* a break before the next text */
  gboolean space;     /* collapsed white space before the next text */
  gboolean tab;       /* a new table cell before the next text */
  int      pre;       /* inside how many <pre> */
  gssize  *h1;        /* where the first <h1>'s text begins (or NULL), kept within the text */
  gboolean h1_next;   /* it begins with the next text written */
} Out;

/* Writes what is pending before a character of text. */
static void
flush (Out *o)
{
  if (o->out->len > 0)
    {
      if (o->pending != NONE)
        {
          guint want = o->pending == PARAGRAPH ? 2 : 1;
          guint have = 0;

          while (o->out->len > 0 && o->out->str[o->out->len - 1] == ' ')
            g_string_truncate (o->out, o->out->len - 1);
          /* a headline begun in what was just cut begins where it ends */
          if (o->h1 != NULL && *o->h1 > (gssize) o->out->len)
            *o->h1 = o->out->len;
          for (gsize i = o->out->len; i > 0 && o->out->str[i - 1] == '\n' && have < want; i--)
            have++;
          for (; have < want; have++)
            g_string_append_c (o->out, '\n');
        }
      else if (o->tab)
        g_string_append_c (o->out, '\t');
      else if (o->space && o->out->str[o->out->len - 1] != '\n')
        g_string_append_c (o->out, ' ');
    }
  o->pending = NONE;
  o->space = FALSE;
  o->tab = FALSE;
  /* the break before a headline is not part of it */
  if (o->h1 != NULL && o->h1_next)
    {
      *o->h1 = o->out->len;
      o->h1_next = FALSE;
    }
}

static void
put_char (Out      *o,
          gunichar  c)
{
  if (c == '\t' || c == '\n' || c == '\f' || c == ' ' || c == '\r')
    {
      if (o->pre > 0)
        {
          flush (o);
          g_string_append_c (o->out, c == '\f' || c == '\r' ? '\n' : (char) c);
        }
      else
        o->space = TRUE;
      return;
    }
  /* other control characters are not shown */
  if (c < 0x20 || c == 0x7F)
    return;
  flush (o);
  g_string_append_unichar (o->out, c == 0xA0 ? ' ' : c);
}

static void
put_break (Out   *o,
           Break  level)
{
  o->pending = MAX (o->pending, level);
  o->tab = FALSE;
}

static void
put_line (Out *o)
{
  if (o->out->len == 0)
    return;
  flush (o);
  g_string_append_c (o->out, '\n');
}

/* Elements and what they do to the text */
typedef enum
{
  INLINE,
  BLOCK,       /* ends a line */
  PARA,        /* ends a paragraph */
  BR,
  CELL,
  PRE,
  RAW_SKIP,    /* content is raw text, not shown: script, style */
  SKIP,        /* content is markup, not shown: svg, template */
} Role;

static const struct { const char *name; Role role; } roles[] = {
  { "address", BLOCK }, { "article", BLOCK }, { "aside", BLOCK }, { "blockquote", PARA },
  { "body", BLOCK }, { "br", BR }, { "caption", BLOCK }, { "center", BLOCK },
  { "dd", BLOCK }, { "details", BLOCK }, { "dialog", BLOCK }, { "dir", PARA },
  { "div", BLOCK }, { "dl", PARA }, { "dt", BLOCK }, { "fieldset", BLOCK },
  { "figcaption", BLOCK }, { "figure", PARA }, { "footer", BLOCK }, { "form", BLOCK },
  { "h1", PARA }, { "h2", PARA }, { "h3", PARA }, { "h4", PARA }, { "h5", PARA }, { "h6", PARA },
  { "header", BLOCK }, { "hgroup", BLOCK }, { "hr", PARA }, { "html", BLOCK },
  { "legend", BLOCK }, { "li", BLOCK }, { "main", BLOCK }, { "menu", PARA },
  { "nav", BLOCK }, { "ol", PARA }, { "option", BLOCK }, { "p", PARA },
  { "pre", PRE }, { "section", BLOCK }, { "summary", BLOCK }, { "table", PARA },
  { "tbody", BLOCK }, { "td", CELL }, { "tfoot", BLOCK }, { "th", CELL },
  { "thead", BLOCK }, { "tr", BLOCK }, { "ul", PARA },
  { "script", RAW_SKIP }, { "style", RAW_SKIP }, { "title", RAW_SKIP }, { "noscript", RAW_SKIP },
  { "iframe", RAW_SKIP }, { "noembed", RAW_SKIP }, { "noframes", RAW_SKIP },
  { "svg", SKIP }, { "math", SKIP }, { "template", SKIP }, { "object", SKIP },
};

static Role
role_of (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (roles[i].name, name))
      return roles[i].role;
  return INLINE;
}

typedef struct
{
  char     name[16];   /* lower case, cut short */
  gboolean closing;
} Tag;

/* Reads the tag at @p ('<' then a letter, or "</" then a letter) into
 * @tag; returns the byte after its '>', or NULL when the input ends first. */
static const char *
read_tag (const char *p,
          const char *end,
          Tag        *tag)
{
  gsize n = 0;
  char quote = 0;
  gboolean after_eq = FALSE;

  p++;
  tag->closing = *p == '/';
  if (tag->closing)
    p++;
  while (p < end && (g_ascii_isalnum (*p) || *p == '-' || *p == ':'))
    {
      if (n < sizeof tag->name - 1)
        tag->name[n++] = g_ascii_tolower (*p);
      p++;
    }
  tag->name[n] = '\0';

  for (; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
          continue;
        }
      if (*p == '>')
        return p + 1;
      if (after_eq && (*p == '"' || *p == '\''))
        quote = *p;
      if (*p == '=')
        after_eq = TRUE;
      else if (!g_ascii_isspace (*p))
        after_eq = FALSE;
    }
  return NULL;
}

/* The byte after the end tag of raw-text element @name, or @end */
static const char *
skip_raw (const char *p,
          const char *end,
          const char *name)
{
  gsize len = strlen (name);

  for (; p + 2 + len <= end; p++)
    if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp (p + 2, name, len) == 0 &&
        (p + 2 + len == end || !g_ascii_isalnum (p[2 + len])))
      {
        const char *gt = memchr (p, '>', end - p);
        return gt ? gt + 1 : end;
      }
  return end;
}

static const char *
find (const char *p,
      const char *end,
      const char *needle)
{
  gsize len = strlen (needle);

  for (; p + len <= end; p++)
    if (memcmp (p, needle, len) == 0)
      return p;
  return NULL;
}

static gboolean
malformed (GError     **error,
           const char  *name,
           const char  *text,
           const char  *at,
           gboolean     comment)
{
  guint line = line_of (text, at - text);

  if (comment)
    g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_MALFORMED,
                 _("“%s” is not whole HTML: the comment on line %u never ends."), name, line);
  else
    g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_MALFORMED,
                 _("“%s” is not whole HTML: the tag on line %u never ends."), name, line);
  return FALSE;
}

/* The value of attribute @attr in the tag from @p to @end ('>'), or NULL */
static char *
attribute (const char *p,
           const char *end,
           const char *attr)
{
  gsize len = strlen (attr);

  for (; p + len + 1 < end; p++)
    if (g_ascii_isspace (*p) && g_ascii_strncasecmp (p + 1, attr, len) == 0 && p[1 + len] == '=')
      {
        const char *v = p + 2 + len;
        const char *stop;

        if (*v == '"' || *v == '\'')
          stop = memchr (v + 1, *v, end - v - 1), v++;
        else
          for (stop = v; stop < end && !g_ascii_isspace (*stop) && *stop != '>' && *stop != '/'; stop++)
            ;
        return stop != NULL && stop > v ? g_strndup (v, stop - v) : NULL;
      }
  return NULL;
}

/* Some text as one line: white space collapsed, entities decoded */
static char *
one_line (const char *p,
          const char *end)
{
  Out o = { g_string_new (NULL), NONE, FALSE, FALSE, 0 };

  while (p < end)
    {
      gunichar c;
      const char *after = *p == '&' ? entity (p, end, &c) : p;

      if (after != p)
        p = after;
      else
        {
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }
      put_char (&o, c == '\n' ? ' ' : c);
    }
  return g_string_free (o.out, FALSE);
}

static void
set_once (char       **meta,
          char        *value)
{
  if (meta != NULL && *meta == NULL && value != NULL && *g_strstrip (value) != '\0')
    *meta = value;
  else
    g_free (value);
}

static char *
html_to_text (const char  *text,
              const char  *name,
              char       **title,
              char       **lang,
              GError     **error)
{
  const char *p = text;
  const char *end = text + strlen (text);
  Out o = { g_string_sized_new (strlen (text) / 2), NONE, FALSE, FALSE, 0 };
  int skip_depth = 0;
  char skip_name[16] = "";
  g_autofree char *page_title = NULL;
  gssize h1 = -1;    /* where the first <h1> began in the text, while in it */
  gboolean had_h1 = FALSE;

  while (p < end)
    {
      if (*p == '<')
        {
          Tag tag;
          const char *next;

          if (g_str_has_prefix (p, "<!--"))
            {
              const char *close = find (p + 4, end, "-->");

              if (close == NULL)
                return malformed (error, name, text, p, TRUE), g_string_free (o.out, TRUE), NULL;
              p = close + 3;
              continue;
            }
          if (p + 1 < end && (p[1] == '!' || p[1] == '?'))
            {
              /* <!DOCTYPE …>, <![CDATA[…]]>, <?xml …?> */
              const char *gt = memchr (p, '>', end - p);

              if (gt == NULL)
                return malformed (error, name, text, p, FALSE), g_string_free (o.out, TRUE), NULL;
              p = gt + 1;
              continue;
            }
          if (!(p + 1 < end && (g_ascii_isalpha (p[1]) ||
                                (p[1] == '/' && p + 2 < end && g_ascii_isalpha (p[2])))))
            {
              /* "a < b": a character of the text */
              if (skip_depth == 0)
                put_char (&o, '<');
              p++;
              continue;
            }

          next = read_tag (p, end, &tag);
          if (next == NULL)
            return malformed (error, name, text, p, FALSE), g_string_free (o.out, TRUE), NULL;
          /* the page's language, <html lang="vi"> */
          if (lang != NULL && !tag.closing && g_str_equal (tag.name, "html"))
            set_once (lang, attribute (p, next, "lang"));
          p = next;

          if (skip_depth > 0)
            {
              if (g_str_equal (tag.name, skip_name))
                skip_depth += tag.closing ? -1 : (next[-2] == '/' ? 0 : 1);
              continue;
            }

          switch (role_of (tag.name))
            {
            case INLINE:
              break;
            case BLOCK:
              put_break (&o, LINE);
              break;
            case PARA:
              put_break (&o, PARAGRAPH);
              /* the headline: the first <h1>'s text */
              if (g_str_equal (tag.name, "h1") && !had_h1)
                {
                  if (!tag.closing)
                    {
                      h1 = o.out->len;
                      o.h1 = &h1;
                      o.h1_next = TRUE;
                    }
                  else if (h1 >= 0)
                    {
                      /* the text may have lost a trailing space or break since
                       * <h1>: it began no later than the text's end */
                      gsize from = MIN ((gsize) h1, o.out->len);
                      char *headline = g_strndup (o.out->str + from, o.out->len - from);

                      g_strdelimit (headline, "\n\t", ' ');
                      set_once (title, headline);
                      h1 = -1;
                      o.h1 = NULL;
                      had_h1 = TRUE;
                    }
                }
              break;
            case BR:
              put_line (&o);
              break;
            case CELL:
              if (!tag.closing && o.out->len > 0 && o.pending == NONE)
                o.tab = TRUE;
              break;
            case PRE:
              put_break (&o, PARAGRAPH);
              if (tag.closing)
                o.pre = MAX (0, o.pre - 1);
              else
                {
                  o.pre++;
                  /* a line break just after <pre> is not shown */
                  if (p < end && *p == '\n')
                    p++;
                }
              break;
            case RAW_SKIP:
              if (!tag.closing)
                {
                  const char *content = p;

                  p = skip_raw (p, end, tag.name);
                  /* the page's <title>, when it has no <h1> */
                  if (title != NULL && page_title == NULL && g_str_equal (tag.name, "title"))
                    {
                      /* up to the '<' of its end tag */
                      const char *close = p > content ? p - 1 : p;

                      while (close > content && *close != '<')
                        close--;
                      page_title = one_line (content, close);
                    }
                }
              break;
            case SKIP:
              if (!tag.closing && next[-2] != '/')
                {
                  g_strlcpy (skip_name, tag.name, sizeof skip_name);
                  skip_depth = 1;
                }
              break;
            default:
              g_assert_not_reached ();
            }
          continue;
        }

      if (skip_depth > 0)
        {
          p++;
          continue;
        }

      if (*p == '&')
        {
          gunichar c;
          const char *after = entity (p, end, &c);

          if (after != p)
            {
              put_char (&o, c);
              p = after;
              continue;
            }
        }
      put_char (&o, g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }

  /* no white space at the end */
  while (o.out->len > 0 && g_ascii_isspace (o.out->str[o.out->len - 1]))
    g_string_truncate (o.out, o.out->len - 1);
  set_once (title, g_steal_pointer (&page_title));
  return g_string_free (o.out, FALSE);
}

/* --- the whole ---------------------------------------------------------------- */

/**
 * tri_source_format_for_path:
 *
 * Returns: whether @path names a .txt, .md or .html file (by its name)
 */
gboolean
tri_source_format_for_path (const char      *path,
                            TriSourceFormat *format)
{
  static const struct { const char *ext; TriSourceFormat format; } map[] = {
    { ".txt", TRI_SOURCE_FORMAT_TEXT }, { ".text", TRI_SOURCE_FORMAT_TEXT },
    { ".md", TRI_SOURCE_FORMAT_MARKDOWN }, { ".markdown", TRI_SOURCE_FORMAT_MARKDOWN },
    { ".html", TRI_SOURCE_FORMAT_HTML }, { ".htm", TRI_SOURCE_FORMAT_HTML },
    { ".xhtml", TRI_SOURCE_FORMAT_HTML },
  };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_has_suffix (lower, map[i].ext))
      {
        if (format != NULL)
          *format = map[i].format;
        return TRUE;
      }
  return FALSE;
}

/* Markdown's first "# Heading" */
static char *
markdown_title (const char *text)
{
  for (const char *line = text; line != NULL && *line; )
    {
      const char *eol = strchr (line, '\n');
      gsize len = eol ? (gsize) (eol - line) : strlen (line);

      if (len > 2 && line[0] == '#' && line[1] == ' ')
        {
          char *title = g_strndup (line + 2, len - 2);

          /* "# Title #" closes with hashes */
          g_strchomp (title);
          while (*title && title[strlen (title) - 1] == '#')
            title[strlen (title) - 1] = '\0';
          return title;
        }
      line = eol ? eol + 1 : NULL;
    }
  return NULL;
}

/**
 * tri_source_text_extract:
 * @data: the file's bytes
 * @size: how many
 * @name: the file's name, for messages
 *
 * Returns: (transfer full): the text to store (see the top of this file),
 *   or %NULL with one sentence in @error
 */
char *
tri_source_text_extract (const char       *data,
                         gsize             size,
                         TriSourceFormat   format,
                         const char       *name,
                         GError          **error)
{
  return tri_source_text_extract_full (data, size, format, name, NULL, NULL, error);
}

/**
 * tri_source_text_extract_full:
 * @title: (out) (optional) (nullable): the headline the file gives, for
 *   the source's title: HTML's first <h1>, else its <title>; Markdown's
 *   first "# " heading; %NULL when it gives none
 * @lang: (out) (optional) (nullable): the language an HTML page declares
 *   (<html lang="vi">), as written
 *
 * As tri_source_text_extract(), with what the file says of itself.
 */
char *
tri_source_text_extract_full (const char       *data,
                              gsize             size,
                              TriSourceFormat   format,
                              const char       *name,
                              char            **title,
                              char            **lang,
                              GError          **error)
{
  g_autofree char *utf8 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *found_title = NULL;
  g_autofree char *found_lang = NULL;
  const char *p;

  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (title != NULL)
    *title = NULL;
  if (lang != NULL)
    *lang = NULL;

  if (size > TRI_SOURCE_TEXT_MAX_FILE)
    {
      g_autofree char *large = g_format_size (size);

      g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_TOO_LARGE,
                   /* Translators: a file name, its size ("20.5 MB"), the limit in MB */
                   _("“%s” is too large to be a source’s text (%s; Trilateral reads files up to %d MB)."),
                   name, large, TRI_SOURCE_TEXT_MAX_FILE / 1000000);
      return NULL;
    }

  utf8 = to_utf8 (data != NULL ? data : "", size, format, name, error);
  if (utf8 == NULL)
    return NULL;
  text = tri_source_text_normalize (utf8);
  if (format == TRI_SOURCE_FORMAT_HTML)
    {
      g_autofree char *plain = html_to_text (text, name, &found_title, &found_lang, error);

      if (plain == NULL)
        return NULL;
      /* &#xFEFF; first, &#13; in <pre> */
      g_free (text);
      text = tri_source_text_normalize (plain);
    }
  else if (format == TRI_SOURCE_FORMAT_MARKDOWN)
    found_title = markdown_title (text);

  for (p = text; *p && g_ascii_isspace (*p); p++)
    ;
  if (*p == '\0')
    {
      g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_EMPTY,
                   _("“%s” has no text."), name);
      return NULL;
    }
  if (strlen (text) > TRI_STORE_MAX_LENGTH)
    {
      g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_TOO_LARGE,
                   _("The text of “%s” is longer than a briefing stores (%d MB)."),
                   name, TRI_STORE_MAX_LENGTH / 1000000);
      return NULL;
    }
  if (title != NULL && found_title != NULL && *g_strstrip (found_title) != '\0')
    *title = g_steal_pointer (&found_title);
  if (lang != NULL)
    *lang = g_steal_pointer (&found_lang);
  return g_steal_pointer (&text);
}

/**
 * tri_source_text_load:
 * @path: a .txt, .md or .html file
 * @title: (out) (optional) (nullable): its headline, if it gives one
 * @lang: (out) (optional) (nullable): the language it declares, if any
 *
 * Reads @path and extracts its text (tri_source_text_extract_full()).
 */
char *
tri_source_text_load (const char  *path,
                      char       **title,
                      char       **lang,
                      GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  TriSourceFormat format;
  GStatBuf st;
  gsize size = 0;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_basename (path);
  if (!tri_source_format_for_path (path, &format))
    {
      g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_FORMAT,
                   _("“%s” is not a .txt, .md or .html file, which are the files a source’s text is read from."),
                   name);
      return NULL;
    }
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_FAILED,
                   _("“%s” cannot be read: %s."), name, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_FAILED,
                   _("“%s” is not a file."), name);
      return NULL;
    }
  /* checked before reading, and again after (it may have grown) */
  if (st.st_size > TRI_SOURCE_TEXT_MAX_FILE)
    return tri_source_text_extract_full ("", (gsize) st.st_size, format, name, title, lang, error);
  if (!g_file_get_contents (path, &data, &size, &local_error))
    {
      g_set_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_FAILED,
                   _("“%s” cannot be read: %s."), name, local_error->message);
      return NULL;
    }
  return tri_source_text_extract_full (data, size, format, name, title, lang, error);
}
