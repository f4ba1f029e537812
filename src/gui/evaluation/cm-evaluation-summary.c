/* cm-evaluation-summary.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cm-budget.h"
#include "cm-budget-util.h"
#include "cm-chart.h"
#include "cm-evaluation.h"
#include "cm-evaluation-summary.h"
#include "cm-fiscal.h"
#include "cm-money.h"
#include "cm-undo.h"

/* One commission's evaluation in the cycle shown: attendance, cost per
 * attendee, what learners said (L1) and their confidence before and after
 * (L2) as small charts, follow-ups (L3), the Actual PVI % of the streams
 * paying it, and the L4 outcome narrative, which can be edited here. The
 * figures are those of docs/figures.md, "Evaluation", read in a worker
 * thread and read again when the core announces a change. */
struct _CmEvaluationSummary
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkLabel    *title_label;
  GtkLabel    *subtitle_label;
  GtkListBox  *figures_list;
  CmChart     *reaction_chart;
  CmChart     *confidence_chart;
  GtkTextView *outcome_view;

  CmContext   *context;
  gint64       commission_id;
  int          year;
  int          half;
  GHashTable  *figures;        /* figure name → its text, for tests */
  char        *outcome;        /* as stored */
  GCancellable *reading;
  guint        reload_source;
};

G_DEFINE_FINAL_TYPE (CmEvaluationSummary, cm_evaluation_summary, GTK_TYPE_WIDGET)

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CmBudgetCommission  *commission;
  CmEvaluationFigures *figures;   /* NULL when it has no event in the cycle */
  GPtrArray           *streams;   /* of CmBudgetFigures: the streams paying it */
  char                *outcome;
} SummaryData;

static void
summary_data_free (gpointer pointer)
{
  SummaryData *data = pointer;

  g_clear_pointer (&data->commission, cm_budget_commission_free);
  g_clear_pointer (&data->figures, cm_evaluation_figures_free);
  g_clear_pointer (&data->streams, g_ptr_array_unref);
  g_free (data->outcome);
  g_free (data);
}

typedef struct
{
  gint64 commission_id;
  int    year;
  int    half;
  GDate  today;
} SummaryQuery;

static gboolean
has_split_on (const CmBudgetCommission *commission,
              gint64                    stream_id)
{
  for (guint i = 0; i < commission->splits->len; i++)
    if (((CmBudgetSplit *) g_ptr_array_index (commission->splits, i))->stream_id == stream_id)
      return TRUE;

  return FALSE;
}

static gpointer
read_summary (CmDb          *db,
              gpointer       pointer,
              GCancellable  *cancellable,
              GError       **error)
{
  SummaryQuery *query = pointer;
  g_autoptr(CmEvaluationReport) report = NULL;
  g_autoptr(CmBudgetSummary) budget = NULL;
  SummaryData *data = g_new0 (SummaryData, 1);
  if (!(data->commission = cm_budget_get_commission (db, query->commission_id, error)) ||
      !(report = cm_evaluation_report (db, query->year, query->half, CM_EVALUATION_BY_COMMISSION, &query->today, error)) ||
      !(budget = cm_budget_summary (db, data->commission->year, error)))
    {
      summary_data_free (data);
      return NULL;
    }

  data->outcome = cm_evaluation_get_outcome (db, query->commission_id, NULL);

  for (guint i = 0; i < report->rows->len; i++)
    {
      CmEvaluationFigures *row = g_ptr_array_index (report->rows, i);

      if (g_strcmp0 (row->key, data->commission->code) == 0)
        data->figures = g_ptr_array_steal_index (report->rows, i);
      if (data->figures != NULL)
        break;
    }

  data->streams = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_figures_free);
  for (guint i = 0; i < budget->streams->len; i++)
    {
      CmBudgetFigures *stream = g_ptr_array_index (budget->streams, i);

      if (has_split_on (data->commission, stream->stream_id))
        g_ptr_array_add (data->streams, g_ptr_array_steal_index (budget->streams, i--));
    }

  return data;
}

/* "–" where the divisor is 0, as in the evaluation table. */
static char *
format_measure (const CmEvaluationFigures *figures,
                CmEvaluationMeasure        measure,
                gboolean                   percent)
{
  gint64 value;
  g_autofree char *number = NULL;

  if (figures == NULL || !cm_evaluation_ratio (figures, measure, &value))
    return g_strdup ("–");
  if (measure == CM_EVALUATION_COST_PER_ATTENDEE)
    return cm_money_format (value);

  number = cm_budget_format_percent (value);
  return percent ? g_strdup_printf ("%s%%", number) : g_steal_pointer (&number);
}

static void
add_figure (CmEvaluationSummary *self,
            const char          *name,
            const char          *title,
            char                *value,   /* taken */
            const char          *style)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->figures_list, row);
  g_hash_table_replace (self->figures, g_strdup (name), value);
}

static gint64
average_or_zero (const CmEvaluationFigures *figures,
                 CmEvaluationMeasure        measure)
{
  gint64 value = 0;

  if (figures != NULL && !cm_evaluation_ratio (figures, measure, &value))
    value = 0;
  return value;
}

static void
show_summary (CmEvaluationSummary *self,
              SummaryData         *data)
{
  const CmEvaluationFigures *f = data->figures;
  g_autofree char *cycle = cm_fiscal_cycle_label (self->year, self->half);
  g_autofree char *title = g_strdup_printf ("%s — %s", data->commission->code, data->commission->title);
  g_autofree char *subtitle = NULL;
  GtkWidget *child;
  const char *l1[] = { _("Content"), _("Trainer"), _("Venue"), _("Relevance") };
  const char *l2[] = { _("Before"), _("After") };
  const char *series[] = { _("Average") };
  gint64 l1_values[4];
  gint64 l2_values[2];

  gtk_label_set_text (self->title_label, title);
  /* Translators: the cycle, then the commission's provider */
  subtitle = g_strdup_printf (_("Evaluation for %s · %s"), cycle,
                              data->commission->provider != NULL ? data->commission->provider : "");
  gtk_label_set_text (self->subtitle_label, subtitle);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_list))) != NULL)
    gtk_list_box_remove (self->figures_list, child);
  g_hash_table_remove_all (self->figures);

  add_figure (self, "attended", _("Attended"),
              f != NULL ? g_strdup_printf (_("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " places"), f->attended, f->places)
                        : g_strdup (_("No event in this cycle")), NULL);
  add_figure (self, "fill", _("Fill"), format_measure (f, CM_EVALUATION_FILL_PERCENT, TRUE), NULL);
  add_figure (self, "dna", _("Did not attend or cancelled late"), format_measure (f, CM_EVALUATION_DNA_PERCENT, TRUE),
              f != NULL && f->dna + f->late_cancel > 0 ? "error" : NULL);
  add_figure (self, "cost", _("Cost per attendee"), format_measure (f, CM_EVALUATION_COST_PER_ATTENDEE, FALSE), NULL);
  add_figure (self, "attended-pvi", _("Attended PVI %"), format_measure (f, CM_EVALUATION_ATTENDED_PVI_PERCENT, TRUE), NULL);
  add_figure (self, "response", _("Feedback forms returned"), format_measure (f, CM_EVALUATION_RESPONSE_PERCENT, TRUE), NULL);
  add_figure (self, "uplift", _("Confidence uplift"), format_measure (f, CM_EVALUATION_UPLIFT, FALSE), NULL);
  add_figure (self, "confident", _("Confident afterwards (4 or 5)"),
              format_measure (f, CM_EVALUATION_REACHING_CONFIDENT_PERCENT, TRUE), NULL);
  add_figure (self, "followups", _("Follow-ups done · overdue"),
              f != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT " · %" G_GINT64_FORMAT, f->followups_done, f->followups_overdue)
                        : g_strdup ("–"),
              f != NULL && f->followups_overdue > 0 ? "warning" : NULL);
  add_figure (self, "applied", _("Applied in practice (0–3)"), format_measure (f, CM_EVALUATION_APPLIED_AVERAGE, FALSE), NULL);

  for (guint i = 0; i < data->streams->len; i++)
    {
      const CmBudgetFigures *stream = g_ptr_array_index (data->streams, i);
      g_autofree char *name = g_strdup_printf ("actual-pvi:%s", stream->code);
      g_autofree char *row_title = g_strdup_printf (_("Actual PVI %% of %s"), stream->code);
      g_autofree char *number = cm_budget_format_percent (stream->actual_pvi_bp);

      add_figure (self, name, row_title, g_strdup_printf ("%s%%", number), NULL);
    }

  l1_values[0] = average_or_zero (f, CM_EVALUATION_CONTENT);
  l1_values[1] = average_or_zero (f, CM_EVALUATION_TRAINER);
  l1_values[2] = average_or_zero (f, CM_EVALUATION_VENUE);
  l1_values[3] = average_or_zero (f, CM_EVALUATION_RELEVANCE);
  l2_values[0] = average_or_zero (f, CM_EVALUATION_CONFIDENCE_BEFORE);
  l2_values[1] = average_or_zero (f, CM_EVALUATION_CONFIDENCE_AFTER);
  cm_chart_set_data (self->reaction_chart, 4, l1, 1, series, NULL, l1_values);
  cm_chart_set_data (self->confidence_chart, 2, l2, 1, series, (const char *[]) { "green_4", NULL }, l2_values);

  /* Keep what is being typed; show what another change stored. */
  if (g_strcmp0 (self->outcome, data->outcome) != 0)
    {
      g_free (self->outcome);
      self->outcome = g_strdup (data->outcome);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->outcome_view),
                                self->outcome != NULL ? self->outcome : "", -1);
    }
}

static void
read_summary_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CmEvaluationSummary) self = user_data;
  g_autoptr(GError) error = NULL;
  SummaryData *data;

  data = cm_context_read_finish (CM_CONTEXT (object), result, &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->reading)
    {
      g_clear_pointer (&data, summary_data_free);
      return;
    }
  g_clear_object (&self->reading);

  if (data == NULL)
    {
      gtk_label_set_text (self->subtitle_label, error->message);
      return;
    }

  show_summary (self, data);
  summary_data_free (data);
}

static void
reload (CmEvaluationSummary *self)
{
  SummaryQuery *query;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->context == NULL || self->commission_id == 0)
    return;

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->reading = g_cancellable_new ();

  query = g_new0 (SummaryQuery, 1);
  query->commission_id = self->commission_id;
  query->year = self->year;
  query->half = self->half;
  cm_budget_today (&query->today);
  cm_context_read_async (self->context, read_summary, query, g_free,
                         summary_data_free, self->reading,
                         read_summary_done_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  CmEvaluationSummary *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
context_changed_cb (CmEvaluationSummary *self,
                    const CmChange      *change)
{
  if (self->commission_id == 0 || self->reload_source != 0 ||
      !(change->kind & (CM_CHANGE_EVALUATION | CM_CHANGE_BUDGET | CM_CHANGE_WORKFORCE | CM_CHANGE_SETTINGS)))
    return;

  self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_cb, self, NULL);
}

static void
save_outcome_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CmEvaluationSummary *self = CM_EVALUATION_SUMMARY (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->outcome_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AdwToast) toast = NULL;
  GtkTextIter start;
  GtkTextIter end;
  gboolean ok;

  if (self->context == NULL || self->commission_id == 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  cm_context_begin_undoable (self->context);
  ok = cm_evaluation_set_outcome (cm_context_get_db (self->context), self->commission_id, text, &error);
  cm_context_end_undoable (self->context, ok ? _("Edit the outcome") : NULL);

  toast = ok ? cm_undo_toast_new (widget, self->context, _("Outcome saved")) : adw_toast_new (error->message);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
cm_evaluation_summary_dispose (GObject *object)
{
  CmEvaluationSummary *self = (CmEvaluationSummary *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_EVALUATION_SUMMARY);
  /* The template's outer box is not bound, so the template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->context);
  g_clear_pointer (&self->figures, g_hash_table_unref);
  g_clear_pointer (&self->outcome, g_free);

  G_OBJECT_CLASS (cm_evaluation_summary_parent_class)->dispose (object);
}

static void
cm_evaluation_summary_class_init (CmEvaluationSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_evaluation_summary_dispose;

  /**
   * CmEvaluationSummary::add-toast:
   * @self: the summary
   * @toast: what to show
   *
   * Asks for @toast to be shown over the window.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (CM_TYPE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/evaluation/cm-evaluation-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationSummary, title_label);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationSummary, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationSummary, figures_list);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationSummary, reaction_chart);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationSummary, confidence_chart);
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationSummary, outcome_view);

  gtk_widget_class_install_action (widget_class, "summary.save-outcome", NULL, save_outcome_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_evaluation_summary_init (CmEvaluationSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cm_chart_set_unit (self->reaction_chart, CM_CHART_HUNDREDTHS, 500);
  cm_chart_set_unit (self->confidence_chart, CM_CHART_HUNDREDTHS, 500);
}

/**
 * cm_evaluation_summary_set_commission:
 * @self: a #CmEvaluationSummary
 * @context: the context to read
 * @commission_id: the commission shown
 * @year: the financial year of the cycle
 * @half: the half of the cycle, 1 or 2, or 0 for the whole year
 *
 * Shows a commission's evaluation over the cycle's events.
 */
void
cm_evaluation_summary_set_commission (CmEvaluationSummary *self,
                                      CmContext           *context,
                                      gint64               commission_id,
                                      int                  year,
                                      int                  half)
{
  g_return_if_fail (CM_IS_EVALUATION_SUMMARY (self));
  g_return_if_fail (CM_IS_CONTEXT (context));

  if (self->context != context)
    {
      if (self->context != NULL)
        g_signal_handlers_disconnect_by_func (self->context, context_changed_cb, self);
      g_set_object (&self->context, context);
      g_signal_connect_object (context, "changed", G_CALLBACK (context_changed_cb), self, G_CONNECT_SWAPPED);
    }

  if (self->commission_id != commission_id)
    {
      g_clear_pointer (&self->outcome, g_free);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->outcome_view), "", -1);
    }
  self->commission_id = commission_id;
  self->year = year;
  self->half = half;
  gtk_text_view_set_editable (self->outcome_view, !cm_context_is_read_only (context));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.save-outcome", !cm_context_is_read_only (context));
  reload (self);
}

/**
 * cm_evaluation_summary_get_commission:
 * @self: a #CmEvaluationSummary
 *
 * Returns: the commission shown, or 0
 */
gint64
cm_evaluation_summary_get_commission (CmEvaluationSummary *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_SUMMARY (self), 0);

  return self->commission_id;
}

/**
 * cm_evaluation_summary_get_figure:
 * @self: a #CmEvaluationSummary
 * @name: "fill", "dna", "cost", "attended-pvi", "response", "uplift",
 *   "confident", "followups", "applied", or "actual-pvi:" and a stream code
 *
 * Returns: (nullable): the figure as shown
 */
const char *
cm_evaluation_summary_get_figure (CmEvaluationSummary *self,
                                  const char          *name)
{
  g_return_val_if_fail (CM_IS_EVALUATION_SUMMARY (self), NULL);

  return g_hash_table_lookup (self->figures, name);
}

/**
 * cm_evaluation_summary_get_chart:
 * @self: a #CmEvaluationSummary
 * @index: 0 for the L1 averages, 1 for confidence before and after
 *
 * Returns: (transfer none): the chart
 */
GtkWidget *
cm_evaluation_summary_get_chart (CmEvaluationSummary *self,
                                 guint                index)
{
  g_return_val_if_fail (CM_IS_EVALUATION_SUMMARY (self), NULL);

  return GTK_WIDGET (index == 0 ? self->reaction_chart : self->confidence_chart);
}
