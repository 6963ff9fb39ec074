/* tri-session.c: what a window shows of a briefing, and its rules
 *
 * The view state lives here, apart from the widgets: the "as of" day, the
 * period before it that counts, the one thing selected (a relation, an
 * actor or an event), the data language and the timeline's range. The
 * window, its panel, presentation mode and the exports all read it, so
 * each rule is written once:
 *
 * - the default "as of" is the store's (tri_store_default_as_of (): the
 *   last day of the newest event), or today for a briefing with no events;
 * - choosing an event moves "as of" to the first day on which it
 *   certainly counts (tri_event_as_of ());
 * - the periods are 3, 6, 12 and 24 months, or all time (0).
 *
 * As in gnome-text-editor, where a document knows nothing of its views,
 * a session knows nothing of GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tri-session"

#include "config.h"

#include "store/tri-date.h"
#include "store/tri-filter.h"
#include "store/tri-state.h"
#include "tri-session.h"

static const guint window_choices[] = { 3, 6, 12, 24, 0 };

#define DEFAULT_WINDOW_MONTHS 12

struct _TriSession
{
  GObject  parent_instance;

  guint32  as_of;
  guint    window_months;
  gint64   selected_relation;
  gint64   selected_event;
  char    *selected_actor;
  char    *lang;
  double   timeline_start;
  double   timeline_end;
  TriFilter *filter;   /* what the views show; never NULL (empty: everything) */
};

G_DEFINE_FINAL_TYPE (TriSession, tri_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AS_OF,
  PROP_WINDOW_MONTHS,
  PROP_SELECTED_RELATION,
  PROP_SELECTED_EVENT,
  PROP_SELECTED_ACTOR,
  PROP_DATA_LANGUAGE,
  PROP_TIMELINE_START,
  PROP_TIMELINE_END,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * tri_session_new:
 * @lang: (nullable): the data language ("en", "vi", "ru", "zh_CN", "ko");
 *   %NULL: English
 */
TriSession *
tri_session_new (const char *lang)
{
  return g_object_new (TRI_TYPE_SESSION, "data-language", lang, NULL);
}

guint32
tri_session_get_as_of (TriSession *self)
{
  g_return_val_if_fail (TRI_IS_SESSION (self), 0);
  return self->as_of;
}

void
tri_session_set_as_of (TriSession *self,
                       guint32     as_of)
{
  g_return_if_fail (TRI_IS_SESSION (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

guint
tri_session_get_window_months (TriSession *self)
{
  g_return_val_if_fail (TRI_IS_SESSION (self), DEFAULT_WINDOW_MONTHS);
  return self->window_months;
}

/**
 * tri_session_set_window_months:
 * @months: one of tri_session_get_window_choices (); 0 is all time
 */
void
tri_session_set_window_months (TriSession *self,
                               guint       months)
{
  g_return_if_fail (TRI_IS_SESSION (self));
  g_return_if_fail (tri_session_find_window_choice (months) >= 0);

  if (self->window_months == months)
    return;
  self->window_months = months;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_MONTHS]);
}

gint64
tri_session_get_selected_relation (TriSession *self)
{
  g_return_val_if_fail (TRI_IS_SESSION (self), 0);
  return self->selected_relation;
}

gint64
tri_session_get_selected_event (TriSession *self)
{
  g_return_val_if_fail (TRI_IS_SESSION (self), 0);
  return self->selected_event;
}

const char *
tri_session_get_selected_actor (TriSession *self)
{
  g_return_val_if_fail (TRI_IS_SESSION (self), NULL);
  return self->selected_actor;
}

gboolean
tri_session_has_selection (TriSession *self)
{
  g_return_val_if_fail (TRI_IS_SESSION (self), FALSE);
  return self->selected_relation != 0 || self->selected_event != 0 || self->selected_actor != NULL;
}

const char *
tri_session_get_data_language (TriSession *self)
{
  g_return_val_if_fail (TRI_IS_SESSION (self), "en");
  return self->lang;
}

/**
 * tri_session_set_data_language:
 * @lang: a language the data may be in; anything else is English
 *   (tri_lang_normalize ())
 */
void
tri_session_set_data_language (TriSession *self,
                               const char *lang)
{
  g_return_if_fail (TRI_IS_SESSION (self));

  lang = tri_lang_normalize (lang != NULL ? lang : "en");
  if (g_strcmp0 (self->lang, lang) == 0)
    return;
  g_free (self->lang);
  self->lang = g_strdup (lang);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_LANGUAGE]);
}

/**
 * tri_session_get_filter:
 *
 * Returns: (transfer none): what the triangle, the timeline, the panel
 *   and the exports show (tri-filter.h); empty for everything, never %NULL
 */
const TriFilter *
tri_session_get_filter (TriSession *self)
{
  g_return_val_if_fail (TRI_IS_SESSION (self), NULL);
  return self->filter;
}

/**
 * tri_session_set_filter:
 * @filter: (nullable): copied; %NULL: everything
 *
 * Notifies #TriSession:filter when it changes; the window hands it to
 * its store (tri_store_set_filter ()) and redraws.
 */
void
tri_session_set_filter (TriSession      *self,
                        const TriFilter *filter)
{
  g_return_if_fail (TRI_IS_SESSION (self));

  if (tri_filter_equal (self->filter, filter))
    return;
  tri_filter_free (self->filter);
  self->filter = filter != NULL ? tri_filter_copy (filter) : tri_filter_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * tri_session_get_timeline_range:
 * @start: (out) (optional): the first day shown, as a fractional Julian day
 * @end: (out) (optional): the day after the last one shown
 */
void
tri_session_get_timeline_range (TriSession *self,
                                double     *start,
                                double     *end)
{
  g_return_if_fail (TRI_IS_SESSION (self));

  if (start != NULL)
    *start = self->timeline_start;
  if (end != NULL)
    *end = self->timeline_end;
}

void
tri_session_set_timeline_range (TriSession *self,
                                double      start,
                                double      end)
{
  g_return_if_fail (TRI_IS_SESSION (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->timeline_start != start)
    {
      self->timeline_start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE_START]);
    }
  if (self->timeline_end != end)
    {
      self->timeline_end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE_END]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* --- the rules ------------------------------------------------------------ */

/**
 * tri_session_default_as_of:
 * @store: (nullable): the briefing
 *
 * The day a briefing opens on: the newest event's last possible day, so
 * that the newest evidence counts; today when there is no event yet.
 */
guint32
tri_session_default_as_of (TriStore *store)
{
  guint32 as_of = store != NULL ? tri_store_default_as_of (store) : 0;

  return as_of != 0 ? as_of : tri_day_today ();
}

/* One selection at a time: sets the three, notifying what changed */
static void
set_selection (TriSession *self,
                 gint64      relation,
                 gint64      event,
                 const char *actor)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->selected_relation != relation)
    {
      self->selected_relation = relation;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_RELATION]);
    }
  if (self->selected_event != event)
    {
      self->selected_event = event;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
    }
  if (g_strcmp0 (self->selected_actor, actor) != 0)
    {
      g_free (self->selected_actor);
      self->selected_actor = g_strdup (actor);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ACTOR]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * tri_session_reset:
 * @store: (nullable): the briefing now shown
 *
 * A briefing opened: nothing selected, "as of" its default day, no
 * filter. The period, the language and the range stay the user's.
 */
void
tri_session_reset (TriSession *self,
                   TriStore   *store)
{
  g_return_if_fail (TRI_IS_SESSION (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_selection (self, 0, 0, NULL);
  tri_session_set_as_of (self, tri_session_default_as_of (store));
  /* a filter names one briefing's sources and actors */
  tri_session_set_filter (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * tri_session_choose_event:
 * @date: the event's honest date
 *
 * The event is chosen (a click, the keyboard, a presentation step): it is
 * the selection, and "as of" moves to its last possible day, the first on
 * which it certainly counts.
 */
void
tri_session_choose_event (TriSession    *self,
                          gint64         event,
                          const TriDate *date)
{
  g_return_if_fail (TRI_IS_SESSION (self));
  g_return_if_fail (date != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  set_selection (self, 0, event, NULL);
  tri_session_set_as_of (self, tri_event_as_of (date));
  g_object_thaw_notify (G_OBJECT (self));
}

/* A side of the triangle is chosen; "as of" stays */
void
tri_session_choose_relation (TriSession *self,
                             gint64      relation)
{
  g_return_if_fail (TRI_IS_SESSION (self));
  set_selection (self, relation, 0, NULL);
}

/* An actor is chosen; "as of" stays */
void
tri_session_choose_actor (TriSession *self,
                          const char *code)
{
  g_return_if_fail (TRI_IS_SESSION (self));
  set_selection (self, 0, 0, code);
}

void
tri_session_clear_selection (TriSession *self)
{
  g_return_if_fail (TRI_IS_SESSION (self));
  set_selection (self, 0, 0, NULL);
}

/**
 * tri_session_get_window_choices:
 * @n_choices: (out): how many
 *
 * Returns: (array length=n_choices): the periods offered, in months, in
 *   the order the window lists them; 0 is all time
 */
const guint *
tri_session_get_window_choices (guint *n_choices)
{
  *n_choices = G_N_ELEMENTS (window_choices);
  return window_choices;
}

/* The place of @months among the choices, or -1 */
int
tri_session_find_window_choice (guint months)
{
  for (guint i = 0; i < G_N_ELEMENTS (window_choices); i++)
    if (window_choices[i] == months)
      return i;
  return -1;
}

/**
 * tri_session_window_bounds:
 * @from: (out): the first day that counts
 * @to: (out): "as of"
 *
 * The period that counts now: the window's months up to "as of".
 */
void
tri_session_window_bounds (TriSession *self,
                           guint32    *from,
                           guint32    *to)
{
  g_return_if_fail (TRI_IS_SESSION (self));
  tri_window_bounds (self->as_of, tri_window_days_for_months (self->window_months), from, to);
}

/* --- GObject -------------------------------------------------------------- */

static void
tri_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TriSession *self = TRI_SESSION (object);

  switch (prop_id)
    {
    case PROP_AS_OF:
      tri_session_set_as_of (self, g_value_get_uint (value));
      break;
    case PROP_WINDOW_MONTHS:
      tri_session_set_window_months (self, g_value_get_uint (value));
      break;
    case PROP_SELECTED_RELATION:
      if (g_value_get_int64 (value) != 0 || self->selected_relation != 0)
        set_selection (self, g_value_get_int64 (value), 0, NULL);
      break;
    case PROP_SELECTED_EVENT:
      if (g_value_get_int64 (value) != 0 || self->selected_event != 0)
        set_selection (self, 0, g_value_get_int64 (value), NULL);
      break;
    case PROP_SELECTED_ACTOR:
      if (g_value_get_string (value) != NULL || self->selected_actor != NULL)
        set_selection (self, 0, 0, g_value_get_string (value));
      break;
    case PROP_DATA_LANGUAGE:
      tri_session_set_data_language (self, g_value_get_string (value));
      break;
    case PROP_TIMELINE_START:
      tri_session_set_timeline_range (self, g_value_get_double (value), self->timeline_end);
      break;
    case PROP_TIMELINE_END:
      tri_session_set_timeline_range (self, self->timeline_start, g_value_get_double (value));
      break;
    case PROP_FILTER:
      tri_session_set_filter (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tri_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TriSession *self = TRI_SESSION (object);

  switch (prop_id)
    {
    case PROP_AS_OF:
      g_value_set_uint (value, self->as_of);
      break;
    case PROP_WINDOW_MONTHS:
      g_value_set_uint (value, self->window_months);
      break;
    case PROP_SELECTED_RELATION:
      g_value_set_int64 (value, self->selected_relation);
      break;
    case PROP_SELECTED_EVENT:
      g_value_set_int64 (value, self->selected_event);
      break;
    case PROP_SELECTED_ACTOR:
      g_value_set_string (value, self->selected_actor);
      break;
    case PROP_DATA_LANGUAGE:
      g_value_set_string (value, self->lang);
      break;
    case PROP_TIMELINE_START:
      g_value_set_double (value, self->timeline_start);
      break;
    case PROP_TIMELINE_END:
      g_value_set_double (value, self->timeline_end);
      break;
    case PROP_FILTER:
      g_value_set_boxed (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tri_session_finalize (GObject *object)
{
  TriSession *self = TRI_SESSION (object);

  g_free (self->selected_actor);
  g_free (self->lang);
  tri_filter_free (self->filter);

  G_OBJECT_CLASS (tri_session_parent_class)->finalize (object);
}

static void
tri_session_class_init (TriSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->set_property = tri_session_set_property;
  object_class->get_property = tri_session_get_property;
  object_class->finalize = tri_session_finalize;

  /* a day as the store counts them (tri_day_from_ymd ()); 0: none yet */
  properties[PROP_AS_OF] =
    g_param_spec_uint ("as-of", NULL, NULL, 0, G_MAXUINT32, 0, flags);
  properties[PROP_WINDOW_MONTHS] =
    g_param_spec_uint ("window-months", NULL, NULL, 0, 24, DEFAULT_WINDOW_MONTHS, flags);
  properties[PROP_SELECTED_RELATION] =
    g_param_spec_int64 ("selected-relation", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_int64 ("selected-event", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SELECTED_ACTOR] =
    g_param_spec_string ("selected-actor", NULL, NULL, NULL, flags);
  properties[PROP_DATA_LANGUAGE] =
    g_param_spec_string ("data-language", NULL, NULL, "en", flags);
  properties[PROP_TIMELINE_START] =
    g_param_spec_double ("timeline-start", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_TIMELINE_END] =
    g_param_spec_double ("timeline-end", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  /* what the views show (tri-filter.h): never NULL when read */
  properties[PROP_FILTER] =
    g_param_spec_boxed ("filter", NULL, NULL, TRI_TYPE_FILTER, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tri_session_init (TriSession *self)
{
  self->window_months = DEFAULT_WINDOW_MONTHS;
  self->lang = g_strdup ("en");
  self->filter = tri_filter_new ();
}
