/* tri-edit-burst.c: edits an editable briefing through a TriDocument, as a
 * window would, from a script of commands, saying after each that it is
 * done; the edit-burst and originals tests kill it, run two of it on one
 * file, and check what the file holds (GTK-free)
 *
 *   tri-edit-burst FILE SCRIPT     (SCRIPT "-": standard input)
 *
 * Prints "open" once the document is open, then for each command, once it
 * has returned, "done N WHAT" (N its line in SCRIPT), flushed; inside a
 * group, "step N WHAT" after each command and "done N end" once the
 * group's one transaction is committed.
 *
 * A script line is fields separated by tabs, "-" for none:
 *   source ID KIND TITLE LANG DATE RELIABILITY TEXT
 *   quote LABEL SOURCE OFFSET LENGTH RELATION EVENT CLAIM CREDIBILITY TEXT
 *   event LABEL DATE CATEGORY CONFIDENCE CLAIMED-BY TITLE-EN TITLE-VI LINKS QUOTES
 *   edit  LABEL DATE CATEGORY CONFIDENCE CLAIMED-BY TITLE-EN TITLE-VI LINKS QUOTES
 *   delete LABEL | delete-quote LABEL
 *   grade-quote LABEL CLAIM CREDIBILITY | grade-source ID RELIABILITY
 *   title LANG TEXT | undo | redo | begin NAME | end | pause MILLISECONDS
 * LINKS are "RUS-PRK:tension:2,CHN-PRK:cooperation:1"; QUOTES "q1,q2";
 * an EVENT or QUOTES label names an event or quote the script made.
 *
 * Exit status: 0 every command done; 3 the file is in use; 4 it is not
 * editable; 2 a command failed (its line and message on stderr); 1 usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "document/tri-document.h"

typedef struct
{
  TriDocument *doc;
  GHashTable  *events;   /* label → gint64 id */
  GHashTable  *quotes;   /* label → gint64 id */
  guint        depth;    /* groups open */
} Burst;

static const char *
field (char  **fields,
       guint   n,
       guint   i)
{
  if (i >= n || g_str_equal (fields[i], "-"))
    return NULL;
  return fields[i];
}

static gint64
lookup (GHashTable *table,
        const char *label)
{
  gpointer id = NULL;

  if (label == NULL || !g_hash_table_lookup_extended (table, label, NULL, &id))
    return 0;
  return GPOINTER_TO_SIZE (id);
}

static gboolean
run_event (Burst       *burst,
           gboolean     edit,
           char       **f,
           guint        n,
           GError     **error)
{
  g_auto(GStrv) link_fields = g_strsplit (field (f, n, 8) ? f[8] : "", ",", -1);
  g_auto(GStrv) quote_fields = g_strsplit (field (f, n, 9) ? f[9] : "", ",", -1);
  g_autoptr(GArray) links = g_array_new (FALSE, TRUE, sizeof (TriEventLink));
  g_autoptr(GArray) quotes = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  TriEventText texts[2] = {
    { "en", field (f, n, 6), NULL, field (f, n, 5) },
    { "vi", field (f, n, 7), NULL, NULL },
  };
  TriEventSpec spec = {
    .date = field (f, n, 2), .category = field (f, n, 3), .confidence = field (f, n, 4),
    .texts = texts, .n_texts = texts[1].title ? 2 : 1,
  };
  const char *label = field (f, n, 1);

  for (guint i = 0; link_fields[i] != NULL; i++)
    {
      char **p = g_strsplit (link_fields[i], ":", 3);
      TriEventLink link = { p[0], p[1], p[1] && p[2] ? atoi (p[2]) : 0 };

      g_ptr_array_add (parts, p);
      g_array_append_val (links, link);
    }
  for (guint i = 0; quote_fields[i] != NULL; i++)
    {
      gint64 id = lookup (burst->quotes, quote_fields[i]);

      if (id == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "the script made no quote %s", quote_fields[i]);
          return FALSE;
        }
      g_array_append_val (quotes, id);
    }
  spec.links = (TriEventLink *) links->data;
  spec.n_links = links->len;
  spec.quotes = (gint64 *) quotes->data;
  spec.n_quotes = quotes->len;

  if (label == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "an event needs a label");
      return FALSE;
    }
  if (edit)
    {
      gint64 id = lookup (burst->events, label);

      if (id == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "the script made no event %s", label);
          return FALSE;
        }
      return tri_document_edit_event (burst->doc, id, &spec, error);
    }
  else
    {
      gint64 id = tri_document_add_event (burst->doc, &spec, error);

      if (id == 0)
        return FALSE;
      g_hash_table_insert (burst->events, g_strdup (label), GSIZE_TO_POINTER (id));
      return TRUE;
    }
}

static gboolean
run_line (Burst       *burst,
          char       **f,
          guint        n,
          GError     **error)
{
  const char *what = f[0];

  if (g_str_equal (what, "source"))
    {
      const char *grade = field (f, n, 6);
      TriSourceSpec spec = {
        .id = field (f, n, 1), .kind = field (f, n, 2), .title = field (f, n, 3),
        .language = field (f, n, 4), .date = field (f, n, 5),
        .reliability = grade ? grade[0] : 0, .text = field (f, n, 7),
      };

      return tri_document_add_source (burst->doc, &spec, error);
    }
  if (g_str_equal (what, "quote"))
    {
      const char *cred = field (f, n, 8);
      const char *event = field (f, n, 6);
      TriQuoteSpec spec = {
        .source = field (f, n, 2),
        .offset = field (f, n, 3) ? g_ascii_strtoll (f[3], NULL, 10) : -1,
        .length = field (f, n, 4) ? g_ascii_strtoll (f[4], NULL, 10) : 0,
        .relation = field (f, n, 5),
        .event = lookup (burst->events, event),
        .claim = field (f, n, 7),
        .credibility = cred ? atoi (cred) : 0,
        .text = field (f, n, 9),
      };
      gint64 id;

      if (event != NULL && spec.event == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "the script made no event %s", event);
          return FALSE;
        }
      id = tri_document_add_quote (burst->doc, &spec, error);
      if (id == 0)
        return FALSE;
      if (field (f, n, 1))
        g_hash_table_insert (burst->quotes, g_strdup (f[1]), GSIZE_TO_POINTER (id));
      return TRUE;
    }
  if (g_str_equal (what, "event") || g_str_equal (what, "edit"))
    return run_event (burst, g_str_equal (what, "edit"), f, n, error);
  if (g_str_equal (what, "delete"))
    return tri_document_delete_event (burst->doc, lookup (burst->events, field (f, n, 1)), error);
  if (g_str_equal (what, "delete-quote"))
    return tri_document_delete_quote (burst->doc, lookup (burst->quotes, field (f, n, 1)), error);
  if (g_str_equal (what, "grade-quote"))
    {
      const char *cred = field (f, n, 3);

      return tri_document_grade_quote (burst->doc, lookup (burst->quotes, field (f, n, 1)),
                                       field (f, n, 2), cred ? atoi (cred) : 0, error);
    }
  if (g_str_equal (what, "grade-source"))
    {
      const char *grade = field (f, n, 2);

      return tri_document_grade_source (burst->doc, field (f, n, 1), grade ? grade[0] : 0, error);
    }
  if (g_str_equal (what, "title"))
    return tri_document_set_title (burst->doc, field (f, n, 1), field (f, n, 2), error);
  if (g_str_equal (what, "undo"))
    return tri_document_undo (burst->doc, error);
  if (g_str_equal (what, "redo"))
    return tri_document_redo (burst->doc, error);
  if (g_str_equal (what, "begin"))
    {
      tri_document_begin_group (burst->doc, field (f, n, 1));
      burst->depth++;
      return TRUE;
    }
  if (g_str_equal (what, "end"))
    {
      if (burst->depth == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "end without begin");
          return FALSE;
        }
      burst->depth--;
      return tri_document_end_group (burst->doc, error);
    }
  if (g_str_equal (what, "pause"))
    {
      g_usleep (1000 * (field (f, n, 1) ? g_ascii_strtoull (f[1], NULL, 10) : 0));
      return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown command “%s”", what);
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  Burst burst = { 0 };
  FILE *in;
  char *line = NULL;
  size_t size = 0;
  ssize_t got;
  guint number = 0;
  int status = 0;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s FILE SCRIPT\n", argv[0]);
      return 1;
    }
  in = g_str_equal (argv[2], "-") ? stdin : fopen (argv[2], "r");
  if (in == NULL)
    {
      perror (argv[2]);
      return 1;
    }

  burst.doc = tri_document_open (argv[1], &error);
  if (burst.doc == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      if (g_error_matches (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_IN_USE))
        return 3;
      if (g_error_matches (error, TRI_DOCUMENT_ERROR, TRI_DOCUMENT_ERROR_NOT_EDITABLE))
        return 4;
      return 2;
    }
  burst.events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  burst.quotes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  printf ("open\n");
  fflush (stdout);

  while ((got = getline (&line, &size, in)) >= 0)
    {
      g_auto(GStrv) fields = NULL;
      guint n;

      if (got > 0 && line[got - 1] == '\n')
        line[got - 1] = '\0';
      fields = g_strsplit (line, "\t", -1);
      n = g_strv_length (fields);
      number++;
      if (n == 0 || fields[0][0] == '\0' || fields[0][0] == '#')
        continue;
      if (!run_line (&burst, fields, n, &error))
        {
          fprintf (stderr, "line %u (%s): %s\n", number, fields[0], error->message);
          status = 2;
          break;
        }
      /* a group's commands are done when the group is: until then, steps */
      printf ("%s %u %s\n", burst.depth > 0 ? "step" : "done", number, fields[0]);
      fflush (stdout);
    }
  free (line);
  if (in != stdin)
    fclose (in);
  if (burst.depth > 0)
    tri_document_cancel_group (burst.doc);
  g_hash_table_unref (burst.events);
  g_hash_table_unref (burst.quotes);
  g_object_unref (burst.doc);
  return status;
}
