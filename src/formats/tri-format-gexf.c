/* tri-format-gexf.c: the triangle's history as a dynamic GEXF 1.3 graph
 *
 * Actors are nodes; each relation with events is an undirected edge whose
 * weight is the sum of its events' weights over all time, and whose
 * dynamic attributes (events, intensity, balance, the count per stance,
 * unconfirmed) are the relation's state over the window as of each day,
 * written as closed intervals of days between the days the state changes;
 * its spells are the days on which it has events in the window. So Gephi's
 * timeline plays the history as the triangle shows it. Validated against
 * the GEXF 1.3 schema in the tests (tests/gexf-1.3/).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-formats"

#include "config.h"

#include "store/tri-state.h"
#include "tri-formats.h"

typedef struct
{
  guint32   latest;
  int       weight;
  TriStance stance;
  gboolean  confirmed;
} Mark;

typedef struct
{
  int    n, n_stance[TRI_N_STANCES], n_unconfirmed;
  double intensity, by_stance[TRI_N_STANCES];
} State;

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const Mark *ma = a, *mb = b;

  return ma->latest < mb->latest ? -1 : ma->latest > mb->latest;
}

static void
state_add (State      *s,
           const Mark *m,
           int         sign)
{
  s->n += sign;
  s->n_stance[m->stance] += sign;
  s->n_unconfirmed += m->confirmed ? 0 : sign;
  s->intensity += sign * m->weight;
  s->by_stance[m->stance] += sign * m->weight;
}

static void
attvalue (GString    *out,
          const char *key,
          const char *value,
          const char *start,
          const char *end)
{
  g_string_append_printf (out, "          <attvalue for=\"%s\" value=\"%s\" start=\"%s\"", key, value, start);
  if (end != NULL)
    g_string_append_printf (out, " end=\"%s\"", end);
  g_string_append (out, "/>\n");
}

/* one interval of a state: [start, end] in days, end 0 for open */
static gboolean
write_state (GString     *attvalues,
             const State *s,
             guint32      start,
             guint32      end)
{
  g_autofree char *from = tri_day_to_iso (start);
  g_autofree char *to = end ? tri_day_to_iso (end) : NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char num[32];
  double balance = s->intensity > 0
    ? (s->by_stance[TRI_STANCE_COOPERATION] - s->by_stance[TRI_STANCE_TENSION]) / s->intensity : 0;

  if (s->n == 0)
    return FALSE;
  g_snprintf (num, sizeof num, "%d", s->n);
  attvalue (attvalues, "events", num, from, to);
  attvalue (attvalues, "intensity", g_ascii_dtostr (buf, sizeof buf, s->intensity), from, to);
  attvalue (attvalues, "balance", g_ascii_dtostr (buf, sizeof buf, balance), from, to);
  g_snprintf (num, sizeof num, "%d", s->n_stance[TRI_STANCE_COOPERATION]);
  attvalue (attvalues, "cooperation", num, from, to);
  g_snprintf (num, sizeof num, "%d", s->n_stance[TRI_STANCE_TENSION]);
  attvalue (attvalues, "tension", num, from, to);
  g_snprintf (num, sizeof num, "%d", s->n_stance[TRI_STANCE_NEUTRAL]);
  attvalue (attvalues, "neutral", num, from, to);
  g_snprintf (num, sizeof num, "%d", s->n_unconfirmed);
  attvalue (attvalues, "unconfirmed", num, from, to);
  return TRUE;
}

/* the days the edge has events in the window: adjacent intervals are one spell */
static void
spell (GString *spells,
       guint32  start,
       guint32  end)
{
  g_autofree char *from = tri_day_to_iso (start);
  g_autofree char *to = end ? tri_day_to_iso (end) : NULL;

  g_string_append_printf (spells, "          <spell start=\"%s\"", from);
  if (to != NULL)
    g_string_append_printf (spells, " end=\"%s\"", to);
  g_string_append (spells, "/>\n");
}

/* The state over the window as of each day, as intervals between the days
 * an event enters (its latest day) or leaves (window days later) */
static void
write_history (GString *out,
               GArray  *marks,
               guint    days)
{
  g_autoptr(GString) attvalues = g_string_new (NULL);
  g_autoptr(GString) spells = g_string_new (NULL);
  State s = { 0 };
  guint i = 0, j = 0;
  guint32 start = 0, spell_start = 0, spell_end = 0;

  g_array_sort (marks, compare_marks);
  while (i < marks->len || (days > 0 && j < marks->len))
    {
      guint32 enter = i < marks->len ? g_array_index (marks, Mark, i).latest : G_MAXUINT32;
      guint32 leave = days > 0 && j < marks->len ? g_array_index (marks, Mark, j).latest + days : G_MAXUINT32;
      guint32 next = MIN (enter, leave);

      if (start != 0 && next > start && write_state (attvalues, &s, start, next - 1))
        {
          if (spell_start != 0 && spell_end + 1 != start)
            {
              spell (spells, spell_start, spell_end);
              spell_start = 0;
            }
          if (spell_start == 0)
            spell_start = start;
          spell_end = next - 1;
        }
      while (i < marks->len && g_array_index (marks, Mark, i).latest == next)
        state_add (&s, &g_array_index (marks, Mark, i++), 1);
      while (days > 0 && j < i && g_array_index (marks, Mark, j).latest + days == next)
        state_add (&s, &g_array_index (marks, Mark, j++), -1);
      start = next;
    }
  if (start != 0 && write_state (attvalues, &s, start, 0))
    {
      /* all time: the last state lasts */
      if (spell_start != 0 && spell_end + 1 != start)
        spell (spells, spell_start, spell_end);
      spell (spells, spell_start != 0 && spell_end + 1 == start ? spell_start : start, 0);
      spell_start = 0;
    }
  if (spell_start != 0)
    spell (spells, spell_start, spell_end);

  g_string_append (out, "        <attvalues>\n");
  g_string_append (out, attvalues->str);
  g_string_append (out, "        </attvalues>\n");
  if (spells->len > 0)
    {
      g_string_append (out, "        <spells>\n");
      g_string_append (out, spells->str);
      g_string_append (out, "        </spells>\n");
    }
}

gboolean
tri_format_gexf_write (TriStore             *store,
                       const TriDataRequest *request,
                       GString              *out,
                       GString              *lost,
                       GError              **error)
{
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, request->lang, error);
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *title = NULL;
  guint days = tri_window_days_for_months (request->window_months);
  guint n_edges = 0;
  g_autoptr(GString) edges = g_string_new (NULL);

  if (actors == NULL || (relations = tri_store_list_relations (store, error)) == NULL ||
      (events = tri_store_list_events (store, 0, G_MAXUINT32, request->lang, error)) == NULL)
    return FALSE;

  for (guint r = 0; r < relations->len; r++)
    {
      TriRelation *rel = g_ptr_array_index (relations, r);
      g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
      int total = 0;

      if (request->relation_id != 0 && rel->id != request->relation_id)
        continue;
      for (guint i = 0; i < events->len; i++)
        {
          TriEvent *ev = g_ptr_array_index (events, i);

          for (guint k = 0; k < ev->links->len; k++)
            {
              const TriLink *link = &g_array_index (ev->links, TriLink, k);
              Mark m = { ev->date.latest, link->weight, link->stance,
                         ev->confidence == TRI_CONFIDENCE_CONFIRMED };

              if (link->relation_id != rel->id)
                continue;
              g_array_append_val (marks, m);
              total += link->weight;
            }
        }
      if (marks->len == 0)
        continue;

      g_string_append_printf (edges, "      <edge id=\"%s\" source=\"%s\" target=\"%s\" weight=\"%d\" label=\"",
                              rel->code, rel->a, rel->b, total);
      tri_formats_append_xml (edges, rel->code);
      g_string_append (edges, "\">\n");
      write_history (edges, marks, days);
      g_string_append (edges, "      </edge>\n");
      n_edges++;
    }

  title = tri_store_dup_title (store, request->lang);
  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
                   "  <meta>\n    <creator>Trilateral</creator>\n    <description>");
  tri_formats_append_xml (out, title);
  g_string_append_printf (out,
                          " (each day's state over the %u months to it; 0 is all time)</description>\n  </meta>\n"
                          "  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"date\""
                          " timerepresentation=\"interval\">\n"
                          "    <attributes class=\"node\" mode=\"static\">\n"
                          "      <attribute id=\"rank\" title=\"rank\" type=\"integer\"/>\n"
                          "    </attributes>\n"
                          "    <attributes class=\"edge\" mode=\"dynamic\">\n"
                          "      <attribute id=\"events\" title=\"events\" type=\"integer\"/>\n"
                          "      <attribute id=\"intensity\" title=\"intensity\" type=\"double\"/>\n"
                          "      <attribute id=\"balance\" title=\"balance\" type=\"double\"/>\n"
                          "      <attribute id=\"cooperation\" title=\"cooperation\" type=\"integer\"/>\n"
                          "      <attribute id=\"tension\" title=\"tension\" type=\"integer\"/>\n"
                          "      <attribute id=\"neutral\" title=\"neutral\" type=\"integer\"/>\n"
                          "      <attribute id=\"unconfirmed\" title=\"unconfirmed\" type=\"integer\"/>\n"
                          "    </attributes>\n"
                          "    <nodes count=\"%u\">\n", request->window_months, actors->len);
  for (guint i = 0; i < actors->len; i++)
    {
      TriActor *a = g_ptr_array_index (actors, i);

      g_string_append (out, "      <node id=\"");
      tri_formats_append_xml (out, a->code);
      g_string_append (out, "\" label=\"");
      tri_formats_append_xml (out, a->name);
      g_string_append_printf (out, "\">\n"
                              "        <attvalues>\n"
                              "          <attvalue for=\"rank\" value=\"%d\"/>\n"
                              "        </attvalues>\n"
                              "        <color r=\"%u\" g=\"%u\" b=\"%u\"/>\n"
                              "      </node>\n",
                              a->rank, (a->color >> 16) & 0xff, (a->color >> 8) & 0xff, a->color & 0xff);
    }
  g_string_append_printf (out, "    </nodes>\n    <edges count=\"%u\">\n", n_edges);
  g_string_append (out, edges->str);
  g_string_append (out, "    </edges>\n  </graph>\n</gexf>\n");

  tri_formats_lost (lost, "event titles and dates (only the relations' states), quotes, relations with no events");
  return TRUE;
}
