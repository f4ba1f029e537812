/* cm-evaluation-page.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cm-budget-util.h"
#include "cm-column-view.h"
#include "cm-evaluation.h"
#include "cm-evaluation-page.h"
#include "cm-event-item.h"
#include "cm-fiscal.h"
#include "cm-undo.h"

/* Follow-ups listed at most; the rest are counted. */
#define MAX_FOLLOWUPS_SHOWN 200

/* The Evaluation page: the events of the cycle chosen in the header bar,
 * grouped by date, month or commission, with their fill and with DNA and
 * overdue follow-ups marked; the follow-ups due; and, a step further in,
 * an event's register and feedback forms, and a commission's summary.
 * The cycle's events and follow-ups are read in a worker thread when the
 * core announces an evaluation change, and only while the page is shown
 * (HACKING.md, "Data flow"). */
struct _CmEvaluationPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *status_page;
  AdwLeaflet          *leaflet;
  GtkLabel            *title_label;
  GtkDropDown         *group_drop_down;
  GtkStack            *list_stack;
  GtkListView         *events_view;
  GtkLabel            *followups_label;
  GPtrArray           *followups;        /* of CmFollowup, the cycle's */
  gboolean             followups_stale;  /* rows not made for them yet */
  GtkListBox          *followups_list;
  CmEventView         *event_view;
  CmEvaluationSummary *summary_view;

  CmContext           *context;
  GSettings           *settings;
  int                  year;
  int                  half;
  GPtrArray           *events;      /* of CmEvent, by date */
  GListStore          *event_items; /* of CmEventItem: the lines of the list */
  guint                n_overdue;
  char                *back_to;     /* the view Back returns to */
  GCancellable        *reading;
  guint                reload_source;
  gboolean             stale;
};

G_DEFINE_FINAL_TYPE (CmEvaluationPage, cm_evaluation_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_HALF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  GROUP_BY_DATE,
  GROUP_BY_MONTH,
  GROUP_BY_COMMISSION,
};

static void
forward_toast_cb (CmEvaluationPage *self,
                  AdwToast         *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
update_actions (CmEvaluationPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean can_write = self->context != NULL && !cm_context_is_read_only (self->context);

  gtk_widget_action_set_enabled (widget, "evaluation.undo",
                                 can_write && cm_history_can_undo (cm_context_get_history (self->context)));
  gtk_widget_action_set_enabled (widget, "evaluation.redo",
                                 can_write && cm_history_can_redo (cm_context_get_history (self->context)));
}

/* The events list */

static const CmEvent *
find_event (CmEvaluationPage *self,
            gint64            id)
{
  for (guint i = 0; self->events != NULL && i < self->events->len; i++)
    {
      const CmEvent *event = g_ptr_array_index (self->events, i);

      if (event->id == id)
        return event;
    }

  return NULL;
}

static void
open_event (CmEvaluationPage *self,
            gint64            id)
{
  const CmEvent *event = find_event (self, id);

  if (event == NULL)
    return;

  cm_event_view_set_event (self->event_view, self->context, event);
  adw_leaflet_set_visible_child_name (self->leaflet, "event");
  cm_event_view_focus_register (self->event_view);
}

static GtkWidget *
badge_new (const char *text,
           const char *style,
           const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  cm_cell_set_tooltip_text (label, tooltip);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static char *
group_of (const CmEvent *event,
          guint          grouping)
{
  char text[64];

  if (grouping == GROUP_BY_COMMISSION)
    return g_strdup (event->commission_code);

  if (g_date_strftime (text, sizeof text, "%B %Y", &event->date) == 0)
    return g_strdup ("");
  return g_strdup (text);
}

static int
by_commission (gconstpointer a,
               gconstpointer b)
{
  const CmEvent *x = *(CmEvent * const *) a;
  const CmEvent *y = *(CmEvent * const *) b;
  int order = g_strcmp0 (x->commission_code, y->commission_code);

  return order != 0 ? order : g_date_compare (&x->date, &y->date);
}

static void
show_events (CmEvaluationPage *self,
             GHashTable       *overdue)
{
  guint grouping = gtk_drop_down_get_selected (self->group_drop_down);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *group = NULL;

  for (guint i = 0; i < self->events->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->events, i));
  if (grouping == GROUP_BY_COMMISSION)
    g_ptr_array_sort (order, by_commission);

  for (guint i = 0; i < order->len; i++)
    {
      const CmEvent *event = g_ptr_array_index (order, i);
      g_autofree char *key = grouping == GROUP_BY_DATE ? NULL : group_of (event, grouping);

      if (key != NULL && g_strcmp0 (key, group) != 0)
        {
          g_ptr_array_add (items, cm_event_item_new_heading (key, grouping == GROUP_BY_COMMISSION
                                                                  ? event->commission_id : 0));
          g_free (group);
          group = g_steal_pointer (&key);
        }
      g_ptr_array_add (items, cm_event_item_new_event (event, GPOINTER_TO_UINT (g_hash_table_lookup (overdue, &event->id))));
    }

  /* One change for the whole list: rows shown are bound again, no more. */
  g_list_store_splice (self->event_items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->event_items)),
                       items->pdata, items->len);
}

static void
events_activate_cb (CmEvaluationPage *self,
                    guint             position)
{
  g_autoptr(CmEventItem) item = g_list_model_get_item (G_LIST_MODEL (self->event_items), position);

  if (item != NULL && !cm_event_item_is_heading (item))
    open_event (self, cm_event_item_get_event_id (item));
}

/* A line is a heading (a label and, for a commission, its Summary button)
 * or an event (its code and date, then its DNA, overdue and fill). */
static void
setup_line_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading_label = gtk_label_new (NULL);
  GtkWidget *summary = gtk_button_new_with_mnemonic (_("_Summary"));
  GtkWidget *event = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *dna = badge_new (NULL, "error", NULL);
  GtkWidget *late = badge_new (NULL, "warning", NULL);
  GtkWidget *fill = badge_new (NULL, NULL, NULL);

  gtk_widget_set_margin_top (heading, 12);
  gtk_label_set_xalign (GTK_LABEL (heading_label), 0);
  gtk_widget_set_hexpand (heading_label, TRUE);
  gtk_widget_add_css_class (heading_label, "heading");
  gtk_widget_add_css_class (summary, "flat");
  gtk_box_append (GTK_BOX (heading), heading_label);
  gtk_box_append (GTK_BOX (heading), summary);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (event), texts);
  gtk_box_append (GTK_BOX (event), dna);
  gtk_box_append (GTK_BOX (event), late);
  gtk_box_append (GTK_BOX (event), fill);
  gtk_box_append (GTK_BOX (event), gtk_image_new_from_icon_name ("go-next-symbolic"));

  gtk_box_append (GTK_BOX (line), heading);
  gtk_box_append (GTK_BOX (line), event);
  g_object_set_data (G_OBJECT (line), "heading", heading);
  g_object_set_data (G_OBJECT (line), "heading-label", heading_label);
  g_object_set_data (G_OBJECT (line), "summary", summary);
  g_object_set_data (G_OBJECT (line), "event", event);
  g_object_set_data (G_OBJECT (line), "title", title);
  g_object_set_data (G_OBJECT (line), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (line), "dna", dna);
  g_object_set_data (G_OBJECT (line), "overdue", late);
  g_object_set_data (G_OBJECT (line), "fill", fill);
  gtk_list_item_set_child (list_item, line);
}

static void
set_badge (GtkWidget  *line,
           const char *name,
           const char *text,
           const char *tooltip)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (line), name);

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL);
  cm_cell_set_tooltip_text (label, tooltip);
}

static void
bind_line_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  CmEventItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *line = gtk_list_item_get_child (list_item);
  GtkWidget *summary = g_object_get_data (G_OBJECT (line), "summary");
  gboolean heading = cm_event_item_is_heading (item);

  g_object_set_data (G_OBJECT (line), "item", item);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (line), "heading"), heading);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (line), "event"), !heading);
  gtk_list_item_set_activatable (list_item, !heading);

  if (heading)
    {
      gint64 commission_id = cm_event_item_get_commission_id (item);

      gtk_label_set_text (g_object_get_data (G_OBJECT (line), "heading-label"), cm_event_item_get_title (item));
      gtk_widget_set_visible (summary, commission_id != 0);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (summary), "x", commission_id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (summary), "evaluation.show-summary");
      return;
    }

  gtk_label_set_text (g_object_get_data (G_OBJECT (line), "title"), cm_event_item_get_title (item));
  gtk_label_set_text (g_object_get_data (G_OBJECT (line), "subtitle"), cm_event_item_get_subtitle (item));
  set_badge (line, "dna", cm_event_item_get_dna (item), cm_event_item_get_dna_tooltip (item));
  set_badge (line, "overdue", cm_event_item_get_overdue (item), cm_event_item_get_overdue_tooltip (item));
  set_badge (line, "fill", cm_event_item_get_fill (item), cm_event_item_get_fill_tooltip (item));
}

static GtkWidget *
followup_row_new (const CmFollowup *followup)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s — %s", followup->learner_ref, followup->event_code);
  g_autofree char *due = cm_fiscal_format_date (&followup->due);
  g_autofree char *course = cm_fiscal_format_date (&followup->event_date);
  g_autofree char *subtitle = g_strdup_printf (_("Due %s, after the course on %s"), due, course);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (followup->overdue)
    {
      g_autofree char *tip = g_strdup_printf (_("Overdue: due on %s and not recorded yet"), due);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_new (_("Overdue"), "warning", tip));
    }
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_new (_("Due"), "dim-label", _("Not due yet")));

  return row;
}

/* The rows of the follow-ups due, made only once their tab is shown: a
 * few hundred rows cost as much as the rest of the page. */
static void
fill_followup_rows (CmEvaluationPage *self)
{
  GtkWidget *child;
  guint shown = 0;

  self->followups_stale = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->followups_list))) != NULL)
    gtk_list_box_remove (self->followups_list, child);

  /* Overdue first, then by due date, as the core orders them. */
  for (int pass = 0; pass < 2 && self->followups != NULL; pass++)
    for (guint i = 0; i < self->followups->len && shown < MAX_FOLLOWUPS_SHOWN; i++)
      {
        const CmFollowup *followup = g_ptr_array_index (self->followups, i);

        if (followup->done || followup->overdue != (pass == 0))
          continue;
        gtk_list_box_append (self->followups_list, followup_row_new (followup));
        shown++;
      }

  gtk_widget_set_visible (GTK_WIDGET (self->followups_list), shown > 0);
}

static void
followups_mapped_cb (CmEvaluationPage *self)
{
  if (self->followups_stale)
    fill_followup_rows (self);
}

static void
show_followups (CmEvaluationPage *self,
                GPtrArray        *followups)
{
  guint open = 0;
  guint due = 0;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->followups, g_ptr_array_unref);
  self->followups = g_ptr_array_ref (followups);

  for (guint i = 0; i < followups->len; i++)
    {
      const CmFollowup *followup = g_ptr_array_index (followups, i);

      if (followup->done)
        continue;
      open++;
      if (followup->overdue)
        due++;
    }

  text = g_strdup_printf (_("Follow up each learner who attended to ask whether they used what they learnt (0 not at all, 3 fully). %u overdue; %u shown."),
                          due, MIN (open, MAX_FOLLOWUPS_SHOWN));
  gtk_label_set_text (self->followups_label, text);

  self->followups_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->followups_label)))
    fill_followup_rows (self);
}

/* Reading */

typedef struct
{
  GPtrArray *events;
  GPtrArray *followups;
} CycleData;

static void
cycle_data_free (gpointer pointer)
{
  CycleData *data = pointer;

  g_clear_pointer (&data->events, g_ptr_array_unref);
  g_clear_pointer (&data->followups, g_ptr_array_unref);
  g_free (data);
}

typedef struct
{
  int   year;
  int   half;
  GDate today;
} CycleQuery;

static gpointer
read_cycle (CmDb          *db,
            gpointer       pointer,
            GCancellable  *cancellable,
            GError       **error)
{
  CycleQuery *query = pointer;
  CycleData *data = g_new0 (CycleData, 1);

  if (!(data->events = cm_evaluation_list_events (db, query->year, query->half, 0, error)) ||
      !(data->followups = cm_evaluation_list_followups (db, query->year, query->half, &query->today, error)))
    {
      cycle_data_free (data);
      return NULL;
    }

  return data;
}

static void
show_cycle (CmEvaluationPage *self,
            CycleData        *data)
{
  g_autoptr(GHashTable) overdue = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *cycle = cm_fiscal_cycle_label (self->year, self->half);
  g_autofree char *title = g_strdup_printf (_("Evaluation %s"), cycle);
  gint64 shown = cm_event_view_get_event_id (self->event_view);

  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = g_ptr_array_ref (data->events);

  self->n_overdue = 0;
  for (guint i = 0; i < data->followups->len; i++)
    {
      CmFollowup *followup = g_ptr_array_index (data->followups, i);

      if (!followup->overdue)
        continue;
      self->n_overdue++;
      g_hash_table_insert (overdue, &followup->event_id,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (overdue, &followup->event_id)) + 1));
    }

  gtk_label_set_text (self->title_label, title);
  show_events (self, overdue);
  show_followups (self, data->followups);

  /* The event open stays open, its counts brought up to date. */
  if (shown != 0)
    {
      const CmEvent *event = find_event (self, shown);

      if (event != NULL)
        cm_event_view_set_event (self->event_view, self->context, event);
      else if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "event") == 0)
        adw_leaflet_set_visible_child_name (self->leaflet, "list");
    }

  if (data->events->len == 0)
    {
      adw_status_page_set_title (self->status_page, _("No Evaluations Yet"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "main");
}

static void
read_cycle_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CmEvaluationPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CycleData *data;

  data = cm_context_read_finish (CM_CONTEXT (object), result, &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->reading)
    {
      g_clear_pointer (&data, cycle_data_free);
      return;
    }
  g_clear_object (&self->reading);

  if (data == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_title (self->status_page, _("Could Not Read the Evaluation"));
      adw_status_page_set_description (self->status_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show_cycle (self, data);
  cycle_data_free (data);
}

static void
reload (CmEvaluationPage *self)
{
  CycleQuery *query;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);

  if (self->context == NULL)
    return;

  self->reading = g_cancellable_new ();
  query = g_new0 (CycleQuery, 1);
  query->year = self->year;
  query->half = self->half;
  cm_budget_today (&query->today);
  cm_context_read_async (self->context, read_cycle, query, g_free,
                         cycle_data_free, self->reading,
                         read_cycle_done_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  CmEvaluationPage *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Events, their bookings and follow-ups, and the follow-up weeks. */
static void
context_changed_cb (CmEvaluationPage *self,
                    const CmChange   *change)
{
  if (!(change->kind & (CM_CHANGE_EVALUATION | CM_CHANGE_COMMISSIONS | CM_CHANGE_SETTINGS)) ||
      !cm_change_touches_year (change, self->year) ||
      self->reload_source != 0)
    return;

  self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_cb, self, NULL);
}

static void
history_changed_cb (CmEvaluationPage *self)
{
  update_actions (self);
}

static void
group_changed_cb (CmEvaluationPage *self)
{
  if (self->events != NULL)
    reload (self);
}

/* Actions */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmEvaluationPage *self = CM_EVALUATION_PAGE (widget);

  if (self->context != NULL)
    cm_undo_activate (widget, self->context, g_str_equal (action_name, "evaluation.redo"));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmEvaluationPage *self = CM_EVALUATION_PAGE (widget);
  const char *visible = adw_leaflet_get_visible_child_name (self->leaflet);

  if (g_strcmp0 (visible, "summary") == 0 && g_strcmp0 (self->back_to, "event") == 0)
    adw_leaflet_set_visible_child_name (self->leaflet, "event");
  else
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
open_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_event (CM_EVALUATION_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
show_summary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CmEvaluationPage *self = CM_EVALUATION_PAGE (widget);

  if (self->context == NULL)
    return;

  g_free (self->back_to);
  self->back_to = g_strdup (adw_leaflet_get_visible_child_name (self->leaflet));
  cm_evaluation_summary_set_commission (self->summary_view, self->context,
                                        g_variant_get_int64 (parameter), self->year, self->half);
  adw_leaflet_set_visible_child_name (self->leaflet, "summary");
}

static void
show_followups_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CmEvaluationPage *self = CM_EVALUATION_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_stack_set_visible_child_name (self->list_stack, "followups");
}

/* Object */

static void
cm_evaluation_page_map (GtkWidget *widget)
{
  CmEvaluationPage *self = CM_EVALUATION_PAGE (widget);

  GTK_WIDGET_CLASS (cm_evaluation_page_parent_class)->map (widget);

  if (self->stale)
    reload (self);
}

static void
cm_evaluation_page_dispose (GObject *object)
{
  CmEvaluationPage *self = (CmEvaluationPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_EVALUATION_PAGE);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->followups, g_ptr_array_unref);
  g_clear_object (&self->event_items);
  g_clear_pointer (&self->back_to, g_free);

  G_OBJECT_CLASS (cm_evaluation_page_parent_class)->dispose (object);
}

static void
cm_evaluation_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CmEvaluationPage *self = CM_EVALUATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    case PROP_HALF:
      g_value_set_int (value, self->half);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_evaluation_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CmEvaluationPage *self = CM_EVALUATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cm_evaluation_page_set_context (self, g_value_get_object (value));
      break;

    case PROP_YEAR:
      cm_evaluation_page_set_year (self, g_value_get_int (value));
      break;

    case PROP_HALF:
      cm_evaluation_page_set_half (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_evaluation_page_class_init (CmEvaluationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_evaluation_page_dispose;
  object_class->get_property = cm_evaluation_page_get_property;
  object_class->set_property = cm_evaluation_page_set_property;
  widget_class->map = cm_evaluation_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* The cycle shown; it follows the cycle chosen in the window. */
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL,
                      1, G_MAXUINT16 - 1, 2010,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_HALF] =
    g_param_spec_int ("half", NULL, NULL,
                      1, 2, 1,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CmEvaluationPage::add-toast:
   * @self: the page
   * @toast: what to show
   *
   * Asks for @toast to be shown over the window the page is in.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (CM_TYPE_EVENT_VIEW);
  g_type_ensure (CM_TYPE_EVALUATION_SUMMARY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/evaluation/cm-evaluation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, group_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, events_view);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, followups_label);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, followups_list);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, event_view);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, summary_view);
  gtk_widget_class_bind_template_callback (widget_class, forward_toast_cb);

  gtk_widget_class_install_action (widget_class, "evaluation.open-event", "x", open_event_action);
  gtk_widget_class_install_action (widget_class, "evaluation.show-summary", "x", show_summary_action);
  gtk_widget_class_install_action (widget_class, "evaluation.show-followups", NULL, show_followups_action);
  gtk_widget_class_install_action (widget_class, "evaluation.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "evaluation.back", NULL);
  gtk_widget_class_install_action (widget_class, "evaluation.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "evaluation.undo", NULL);
  gtk_widget_class_install_action (widget_class, "evaluation.redo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "evaluation.redo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_evaluation_page_init (CmEvaluationPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->year = 2010;
  self->half = 1;
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->followups_label, "map", G_CALLBACK (followups_mapped_cb), self);

  self->event_items = g_list_store_new (CM_TYPE_EVENT_ITEM);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_line_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_line_cb), NULL);
  gtk_list_view_set_factory (self->events_view, factory);
  gtk_list_view_set_model (self->events_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->event_items)))));
  g_signal_connect_swapped (self->events_view, "activate", G_CALLBACK (events_activate_cb), self);

  /* A spinner animates only while shown (HACKING.md, "Large lists"). */
  g_signal_connect (self->loading_spinner, "map", G_CALLBACK (gtk_spinner_start), NULL);
  g_signal_connect (self->loading_spinner, "unmap", G_CALLBACK (gtk_spinner_stop), NULL);
  g_signal_connect_swapped (self->group_drop_down, "notify::selected", G_CALLBACK (group_changed_cb), self);

  /* The window keeps the chosen cycle in the settings. */
  self->settings = g_settings_new (BASE_APP_ID);
  g_settings_bind (self->settings, "last-year", self, "year",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY);
  g_settings_bind (self->settings, "last-half", self, "half",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_actions (self);
}

/**
 * cm_evaluation_page_get_context:
 * @self: a #CmEvaluationPage
 *
 * Returns: (transfer none) (nullable): the context shown
 */
CmContext *
cm_evaluation_page_get_context (CmEvaluationPage *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), NULL);

  return self->context;
}

/**
 * cm_evaluation_page_set_context:
 * @self: a #CmEvaluationPage
 * @context: (nullable): the context to show
 *
 * Sets the context the page shows and reads the cycle.
 */
void
cm_evaluation_page_set_context (CmEvaluationPage *self,
                                CmContext        *context)
{
  g_return_if_fail (CM_IS_EVALUATION_PAGE (self));
  g_return_if_fail (context == NULL || CM_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->context, context_changed_cb, self);
      g_signal_handlers_disconnect_by_func (cm_context_get_history (self->context), history_changed_cb, self);
    }

  g_set_object (&self->context, context);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  if (self->context != NULL)
    {
      g_signal_connect_object (cm_context_get_history (self->context), "notify::can-undo",
                               G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (cm_context_get_history (self->context), "notify::can-redo",
                               G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->context, "changed",
                               G_CALLBACK (context_changed_cb), self, G_CONNECT_SWAPPED);
      reload (self);
    }
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * cm_evaluation_page_get_year:
 * @self: a #CmEvaluationPage
 *
 * Returns: the financial year of the cycle shown
 */
int
cm_evaluation_page_get_year (CmEvaluationPage *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), 0);

  return self->year;
}

/**
 * cm_evaluation_page_set_year:
 * @self: a #CmEvaluationPage
 * @year: a financial year
 *
 * Shows the cycle of another year, the same half.
 */
void
cm_evaluation_page_set_year (CmEvaluationPage *self,
                             int               year)
{
  g_return_if_fail (CM_IS_EVALUATION_PAGE (self));

  if (self->year == year)
    return;

  self->year = year;
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

/**
 * cm_evaluation_page_get_half:
 * @self: a #CmEvaluationPage
 *
 * Returns: the half of the cycle shown, 1 or 2
 */
int
cm_evaluation_page_get_half (CmEvaluationPage *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), 0);

  return self->half;
}

/**
 * cm_evaluation_page_set_half:
 * @self: a #CmEvaluationPage
 * @half: 1 or 2
 *
 * Shows the other half of the year.
 */
void
cm_evaluation_page_set_half (CmEvaluationPage *self,
                             int               half)
{
  g_return_if_fail (CM_IS_EVALUATION_PAGE (self));
  g_return_if_fail (half == 1 || half == 2);

  if (self->half == half)
    return;

  self->half = half;
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HALF]);
}

/**
 * cm_evaluation_page_get_status_page:
 * @self: a #CmEvaluationPage
 *
 * Returns: (transfer none): the empty state
 */
GtkWidget *
cm_evaluation_page_get_status_page (CmEvaluationPage *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), NULL);

  return GTK_WIDGET (self->status_page);
}

/**
 * cm_evaluation_page_get_visible_view:
 * @self: a #CmEvaluationPage
 *
 * Returns: "loading", "empty", or when there are events "list", "event"
 *   or "summary"
 */
const char *
cm_evaluation_page_get_visible_view (CmEvaluationPage *self)
{
  const char *name;

  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), NULL);

  name = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (name, "main") != 0)
    return name;
  return adw_leaflet_get_visible_child_name (self->leaflet);
}

/**
 * cm_evaluation_page_get_event_position:
 * @self: a #CmEvaluationPage
 * @code: an event's code
 *
 * Returns: the event's line in the list, or -1 when it is not listed
 */
int
cm_evaluation_page_get_event_position (CmEvaluationPage *self,
                                       const char       *code)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), -1);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->event_items)); i++)
    {
      g_autoptr(CmEventItem) item = g_list_model_get_item (G_LIST_MODEL (self->event_items), i);

      if (!cm_event_item_is_heading (item) && g_strcmp0 (cm_event_item_get_title (item), code) == 0)
        return (int) i;
    }

  return -1;
}

/**
 * cm_evaluation_page_get_events_view:
 * @self: a #CmEvaluationPage
 *
 * Returns: (transfer none): the list of events
 */
GtkListView *
cm_evaluation_page_get_events_view (CmEvaluationPage *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), NULL);

  return self->events_view;
}

/**
 * cm_evaluation_page_get_n_overdue:
 * @self: a #CmEvaluationPage
 *
 * Returns: the follow-ups of the cycle that are overdue
 */
guint
cm_evaluation_page_get_n_overdue (CmEvaluationPage *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), 0);

  return self->n_overdue;
}

/**
 * cm_evaluation_page_get_event_view:
 * @self: a #CmEvaluationPage
 *
 * Returns: (transfer none): the event view
 */
CmEventView *
cm_evaluation_page_get_event_view (CmEvaluationPage *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), NULL);

  return self->event_view;
}

/**
 * cm_evaluation_page_get_summary:
 * @self: a #CmEvaluationPage
 *
 * Returns: (transfer none): the commission summary
 */
CmEvaluationSummary *
cm_evaluation_page_get_summary (CmEvaluationPage *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), NULL);

  return self->summary_view;
}
