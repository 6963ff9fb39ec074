/* tri-format-graphml.c: the triangle as of a date, as GraphML
 *
 * A snapshot: actors are nodes, every relation an undirected edge, with
 * the state the triangle shows as of --as-of over --window as typed keys
 * (counts, stance balance, summed weights). README.md lists the keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-formats"

#include "config.h"

#include "store/tri-state.h"
#include "tri-formats.h"

static const char * const keys[][4] = {
  /* id, for, name, type */
  { "g_as_of", "graph", "as_of", "string" },
  { "g_window", "graph", "window_months", "int" },
  { "g_title", "graph", "title", "string" },
  { "n_label", "node", "label", "string" },
  { "n_rank", "node", "rank", "int" },
  { "n_color", "node", "color", "string" },
  { "e_relation", "edge", "relation", "string" },
  { "e_events", "edge", "events", "int" },
  { "e_cooperation", "edge", "cooperation", "int" },
  { "e_tension", "edge", "tension", "int" },
  { "e_neutral", "edge", "neutral", "int" },
  { "e_unconfirmed", "edge", "unconfirmed", "int" },
  { "e_weight", "edge", "weight", "double" },
  { "e_weight_cooperation", "edge", "weight_cooperation", "double" },
  { "e_weight_tension", "edge", "weight_tension", "double" },
  { "e_weight_neutral", "edge", "weight_neutral", "double" },
  { "e_balance", "edge", "balance", "double" },
  { "e_dashed", "edge", "dashed", "boolean" },
};

static void
data (GString    *out,
      const char *indent,
      const char *key,
      const char *value)
{
  g_string_append_printf (out, "%s<data key=\"%s\">", indent, key);
  tri_formats_append_xml (out, value);
  g_string_append (out, "</data>\n");
}

static void
data_double (GString    *out,
             const char *key,
             double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  data (out, "      ", key, g_ascii_dtostr (buf, sizeof buf, value));
}

static void
data_int (GString    *out,
          const char *key,
          int         value)
{
  g_autofree char *s = g_strdup_printf ("%d", value);

  data (out, "      ", key, s);
}

gboolean
tri_format_graphml_write (TriStore             *store,
                          const TriDataRequest *request,
                          GString              *out,
                          GString              *lost,
                          GError              **error)
{
  g_autoptr(GPtrArray) actors = tri_store_list_actors (store, request->lang, error);
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) counting = NULL;
  g_autofree char *title = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *window = NULL;
  guint32 from, to;

  if (actors == NULL || (relations = tri_store_list_relations (store, error)) == NULL)
    return FALSE;
  tri_formats_period (store, request, &from, &to);
  /* the events that may count in the period, as the triangle reads them */
  events = tri_store_list_events (store, from, to, request->lang, error);
  if (events == NULL)
    return FALSE;
  /* the counting rule: an event counts when its latest possible day is in the period */
  counting = g_ptr_array_new ();
  for (guint i = 0; i < events->len; i++)
    if (tri_formats_counts (g_ptr_array_index (events, i), from, to))
      g_ptr_array_add (counting, g_ptr_array_index (events, i));

  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                   "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                   "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
                   " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_string_append_printf (out, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                            keys[i][0], keys[i][1], keys[i][2], keys[i][3]);
  g_string_append (out, "  <graph id=\"triangle\" edgedefault=\"undirected\">\n");
  title = tri_store_dup_title (store, request->lang);
  as_of = tri_day_to_iso (to);
  window = g_strdup_printf ("%u", request->window_months);
  data (out, "    ", "g_as_of", as_of);
  data (out, "    ", "g_window", window);
  data (out, "    ", "g_title", title);

  for (guint i = 0; i < actors->len; i++)
    {
      TriActor *a = g_ptr_array_index (actors, i);
      g_autofree char *color = g_strdup_printf ("#%06X", a->color & 0xffffff);

      g_string_append (out, "    <node id=\"");
      tri_formats_append_xml (out, a->code);
      g_string_append (out, "\">\n");
      data (out, "      ", "n_label", a->name);
      data_int (out, "n_rank", a->rank);
      data (out, "      ", "n_color", color);
      g_string_append (out, "    </node>\n");
    }

  for (guint r = 0; r < relations->len; r++)
    {
      TriRelation *rel = g_ptr_array_index (relations, r);
      TriEdgeState s;

      if (request->relation_id != 0 && rel->id != request->relation_id)
        continue;
      tri_edge_state_compute (&s, counting, rel->id, 1, G_MAXUINT32);
      g_string_append_printf (out, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n", rel->code, rel->a, rel->b);
      data (out, "      ", "e_relation", rel->code);
      data_int (out, "e_events", s.n_events);
      data_int (out, "e_cooperation", s.n_by_stance[TRI_STANCE_COOPERATION]);
      data_int (out, "e_tension", s.n_by_stance[TRI_STANCE_TENSION]);
      data_int (out, "e_neutral", s.n_by_stance[TRI_STANCE_NEUTRAL]);
      data_int (out, "e_unconfirmed", s.n_unconfirmed);
      data_double (out, "e_weight", s.intensity);
      data_double (out, "e_weight_cooperation", s.weight_by_stance[TRI_STANCE_COOPERATION]);
      data_double (out, "e_weight_tension", s.weight_by_stance[TRI_STANCE_TENSION]);
      data_double (out, "e_weight_neutral", s.weight_by_stance[TRI_STANCE_NEUTRAL]);
      data_double (out, "e_balance", tri_edge_state_balance (&s));
      data (out, "      ", "e_dashed", tri_edge_state_is_dashed (&s) ? "true" : "false");
      g_string_append (out, "    </edge>\n");
    }
  g_string_append (out, "  </graph>\n</graphml>\n");

  tri_formats_lost (lost, "the history (one date: use GEXF for the timeline), events, quotes");
  return TRUE;
}
