/* test-source-text.c: a source file's text as the briefing stores it,
 * with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "document/tri-source-text.h"
#include "store/tri-store.h"
#include "store/tri-validate.h"
#include "tri-test-util.h"

static char *
extract (const char      *data,
         TriSourceFormat  format)
{
  g_autoptr(GError) error = NULL;
  char *text = tri_source_text_extract (data, strlen (data), format, "page.html", &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
assert_refused (const char      *data,
                gsize            size,   /* 0: strlen */
                TriSourceFormat  format,
                int              code,
                const char      *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tri_source_text_extract (data, size ? size : strlen (data), format, "bad.html", &error);

  g_assert_null (text);
  g_assert_error (error, TRI_SOURCE_TEXT_ERROR, code);
  /* one sentence that names the file and says what is wrong */
  g_assert_nonnull (strstr (error->message, "“bad.html”"));
  g_assert_nonnull (strstr (error->message, words));
  g_assert_true (g_str_has_suffix (error->message, "."));
}

static void
test_plain (void)
{
  g_autofree char *txt = extract ("\xEF\xBB\xBFHà Nội, 19/6\r\nDòng hai\rDòng ba\n\n  thụt lề  \n",
                                  TRI_SOURCE_FORMAT_TEXT);
  g_autofree char *md = extract ("# Tiêu đề\r\n\r\n**Kim** said: *“an alliance”* <br> &amp; more\n",
                                 TRI_SOURCE_FORMAT_MARKDOWN);
  g_autofree char *pasted = tri_source_text_normalize ("a\r\nb\rc\n");

  /* the byte-order mark dropped, every line break LF, the rest as written */
  g_assert_cmpstr (txt, ==, "Hà Nội, 19/6\nDòng hai\nDòng ba\n\n  thụt lề  \n");
  /* Markdown as written, its markup (and what looks like HTML) kept */
  g_assert_cmpstr (md, ==, "# Tiêu đề\n\n**Kim** said: *“an alliance”* <br> &amp; more\n");
  g_assert_cmpstr (pasted, ==, "a\nb\nc\n");
}

static void
test_html (void)
{
  static const char page[] =
    "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n"
    "<title>Không hiện</title>\n<style>p { color: red; }</style>\n"
    "<script>if (a < b && c > d) document.write('<p>no</p>');</script></head>\n"
    "<body>\n  <h1>Hiệp   ước\n Nga – Triều Tiên</h1>\n"
    "<!-- a comment <p>not shown</p> -->\n"
    "<p>Kim&nbsp;Jong&nbsp;Un gọi đó là &ldquo;liên minh&rdquo; &amp; &lt;hơn&gt; &#273;&#x110; &#150; &eacute;"
    " <b>đậm</b><i>nghiêng</i></p>"
    "<div>một<br>hai<br/>ba</div>"
    "<ul><li>thứ nhất</li><li>thứ <a href=\"x?a=1&b='>'\">hai</a></li></ul>"
    "<table><tr><th>Nước</th><td>Nga</td></tr><tr><td>A</td><td>B</td></tr></table>"
    "<pre>\n  giữ   nguyên\n    khoảng trắng</pre>"
    "<svg><text>icon</text></svg><p>AT&T &unknown; 3 < 4 &#0;</p>\n</body></html>\n";
  g_autofree char *text = extract (page, TRI_SOURCE_FORMAT_HTML);
  g_autofree char *title = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *again = tri_source_text_extract_full (page, strlen (page), TRI_SOURCE_FORMAT_HTML, "page.html",
                                                         &title, &lang, NULL);

  /* the headline is the first <h1>, not the <title> */
  g_assert_cmpstr (again, ==, text);
  g_assert_cmpstr (title, ==, "Hiệp ước Nga – Triều Tiên");
  g_assert_cmpstr (lang, ==, "vi");
  g_assert_cmpstr (text, ==,
                   "Hiệp ước Nga – Triều Tiên\n"
                   "\n"
                   "Kim Jong Un gọi đó là “liên minh” & <hơn> đĐ – é đậmnghiêng\n"
                   "\n"
                   "một\nhai\nba\n"
                   "\n"
                   "thứ nhất\nthứ hai\n"
                   "\n"
                   "Nước\tNga\nA\tB\n"
                   "\n"
                   "  giữ   nguyên\n    khoảng trắng\n"
                   "\n"
                   "AT&T &unknown; 3 < 4 \xEF\xBF\xBD");
}

static void
test_encodings (void)
{
  /* windows-1251 as the page's <meta> says: "Договор" */
  static const char cp1251[] = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                               "<p>\xC4\xEE\xE3\xEE\xE2\xEE\xF0</p>";
  /* UTF-16LE with its byte-order mark: "Nga\r\n" */
  static const char utf16[] = "\xFF\xFEN\0g\0a\0\r\0\n\0";
  g_autofree char *ru = extract (cp1251, TRI_SOURCE_FORMAT_HTML);
  g_autoptr(GError) error = NULL;
  g_autofree char *vi = tri_source_text_extract (utf16, sizeof utf16 - 1, TRI_SOURCE_FORMAT_TEXT, "a.txt", &error);

  g_assert_cmpstr (ru, ==, "Договор");
  g_assert_no_error (error);
  g_assert_cmpstr (vi, ==, "Nga\n");
}

static void
test_hostile (void)
{
  g_autofree char *huge = NULL;
  g_autofree char *long_text = NULL;

  /* Latin-1 bytes where UTF-8 is expected, on line 2 */
  assert_refused ("Hà Nội\nTri\xE1u Ti\xEAn\n", 0, TRI_SOURCE_FORMAT_TEXT,
                  TRI_SOURCE_TEXT_ERROR_ENCODING, "line 2");
  assert_refused ("text\0binary", 11, TRI_SOURCE_FORMAT_TEXT, TRI_SOURCE_TEXT_ERROR_ENCODING, "zero byte");
  assert_refused ("<meta charset=\"x-no-such-charset\"><p>a</p>", 0, TRI_SOURCE_FORMAT_HTML,
                  TRI_SOURCE_TEXT_ERROR_ENCODING, "x-no-such-charset");
  assert_refused ("<p>one</p>\n<p class=\"two", 0, TRI_SOURCE_FORMAT_HTML,
                  TRI_SOURCE_TEXT_ERROR_MALFORMED, "line 2");
  assert_refused ("<p>one</p>\n\n<!-- never closed <p>two</p>", 0, TRI_SOURCE_FORMAT_HTML,
                  TRI_SOURCE_TEXT_ERROR_MALFORMED, "line 3");
  assert_refused ("<html><script>only</script><p> &nbsp; </p></html>", 0, TRI_SOURCE_FORMAT_HTML,
                  TRI_SOURCE_TEXT_ERROR_EMPTY, "no text");
  assert_refused ("\xEF\xBB\xBF \r\n\t", 0, TRI_SOURCE_FORMAT_TEXT, TRI_SOURCE_TEXT_ERROR_EMPTY, "no text");

  /* a headline whose text lost its spaces inside <pre> (found by
   * fuzz-source-text: the headline's start lay past the text's end) */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *title = NULL;
    const char *page = "<pre>    <h1>;</h1>";
    g_autofree char *text = tri_source_text_extract_full (page, strlen (page), TRI_SOURCE_FORMAT_HTML,
                                                          "headline.html", &title, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, ";"));
    g_assert_cmpstr (title, ==, ";");
  }
  /* and one that begins with a letter of two bytes, after spaces cut
   * before it (found by fuzz-source-text: the headline began inside the
   * letter, and was no longer UTF-8) */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *title = NULL;
    const char *page = "<pre>a   <h1>Ti&ecirc;u \xC4\x91\xE1\xBB\x81</h1></pre><p>b</p>";
    g_autofree char *text = tri_source_text_extract_full (page, strlen (page), TRI_SOURCE_FORMAT_HTML,
                                                          "headline.html", &title, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (text);
    g_assert_cmpstr (title, ==, "Ti\xC3\xAAu \xC4\x91\xE1\xBB\x81");
  }

  /* a file larger than is read: refused by its size, before its bytes */
  huge = g_malloc0 (TRI_SOURCE_TEXT_MAX_FILE + 1);
  memset (huge, 'a', TRI_SOURCE_TEXT_MAX_FILE);
  assert_refused (huge, TRI_SOURCE_TEXT_MAX_FILE + 1, TRI_SOURCE_FORMAT_TEXT,
                  TRI_SOURCE_TEXT_ERROR_TOO_LARGE, "16 MB");
  /* a text longer than the briefing stores, in a file that is not too large */
  long_text = g_malloc0 (TRI_STORE_MAX_LENGTH + 2);
  memset (long_text, 'a', TRI_STORE_MAX_LENGTH + 1);
  assert_refused (long_text, TRI_STORE_MAX_LENGTH + 1, TRI_SOURCE_FORMAT_TEXT,
                  TRI_SOURCE_TEXT_ERROR_TOO_LARGE, "4 MB");
}

static void
write_file (const char *path,
            const char *data)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
}

static void
test_load (void)
{
  g_auto(TriTestDir) dir = tri_test_tmpdir ();
  g_autofree char *html = g_build_filename (dir, "Bài báo.HTM", NULL);
  g_autofree char *md = g_build_filename (dir, "notes.md", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lang = NULL;
  gint64 offset;

  /* no <h1>: the <title> is the headline */
  write_file (html, "<html lang=\"vi-VN\"><head><title>\n  Hiệp ước &amp; Triều Tiên\n</title></head>"
                    "<p>Bình Nhưỡng &mdash; Triều Tiên</p><p>Moscow and Pyongyang signed a treaty.</p>");
  write_file (md, "# Hà Nội #\n\n*Hà Nội*\n");
  write_file (pdf, "%PDF-1.4");
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  text = tri_source_text_load (html, &title, &lang, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Bình Nhưỡng — Triều Tiên\n\nMoscow and Pyongyang signed a treaty.");
  g_assert_cmpstr (title, ==, "Hiệp ước & Triều Tiên");
  g_assert_cmpstr (lang, ==, "vi-VN");
  g_clear_pointer (&title, g_free);
  /* quotes are cut from it by characters, after the Vietnamese */
  offset = g_utf8_pointer_to_offset (text, strstr (text, "Moscow"));
  g_assert_cmpint (offset, ==, 26);
  quote = tri_validate_cut_quote (text, offset, 6, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quote, ==, "Moscow");
  g_clear_pointer (&text, g_free);

  text = tri_source_text_load (md, &title, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "# Hà Nội #\n\n*Hà Nội*\n");
  g_assert_cmpstr (title, ==, "Hà Nội");
  g_clear_pointer (&text, g_free);

  g_assert_null (tri_source_text_load (pdf, NULL, NULL, &error));
  g_assert_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "“report.pdf”"));
  g_clear_error (&error);
  g_assert_null (tri_source_text_load (folder, NULL, NULL, &error));
  g_assert_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (tri_source_text_load (missing, NULL, NULL, &error));
  g_assert_error (error, TRI_SOURCE_TEXT_ERROR, TRI_SOURCE_TEXT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "“missing.txt”"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/source-text/plain", test_plain);
  g_test_add_func ("/source-text/html", test_html);
  g_test_add_func ("/source-text/encodings", test_encodings);
  g_test_add_func ("/source-text/hostile", test_hostile);
  g_test_add_func ("/source-text/load", test_load);
  return g_test_run ();
}
