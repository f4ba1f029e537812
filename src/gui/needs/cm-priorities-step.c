/* cm-priorities-step.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-column-view.h"
#include "cm-context.h"
#include "cm-format.h"
#include "cm-gradual-model.h"
#include "cm-needs-item.h"
#include "cm-needs-util.h"
#include "cm-priorities-step.h"
#include "cm-text-cell.h"
#include "cm-wizard-step.h"

/* Step 5: how strong the evidence of each need is, and what the priority
 * weighs. The ranking follows every change; weights are saved whenever
 * they add up to 100. */
struct _CmPrioritiesStep
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkStack      *state_stack;
  GtkStack      *pages_stack;
  GtkColumnView *view;
  GtkSpinButton *mandatory_spin;
  GtkSpinButton *risk_spin;
  GtkSpinButton *strategic_spin;
  GtkSpinButton *evidence_spin;
  GtkSpinButton *gap_spin;
  GtkLabel      *total_label;
  GtkListBox    *ranking_list;

  GListStore    *rows;
  GListStore    *ranking;
  GtkStringList *evidence_labels;
  CmNeedsWeights weights;
  gint64         cost_per_place_pence;
  GHashTable    *prices;         /* of the analysis shown */
  gboolean       updating;
  gboolean       complete;
  CmContext     *context;
  int            year;
  int            half;
  GCancellable  *reading;  /* the cycle being read, if it is */
};

static void cm_priorities_step_iface_init (CmWizardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmPrioritiesStep, cm_priorities_step, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CM_TYPE_WIZARD_STEP, cm_priorities_step_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_HALF,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

static CmDb *
db (CmPrioritiesStep *self)
{
  return self->context != NULL ? cm_context_get_db (self->context) : NULL;
}

static gboolean
is_writable (CmPrioritiesStep *self)
{
  return cm_needs_ui_cycle_writable (self->context, self->year, self->half);
}

static void
set_complete (CmPrioritiesStep *self,
              gboolean          complete)
{
  if (self->complete == complete)
    return;

  self->complete = complete;
  g_object_notify (G_OBJECT (self), "is-complete");
}

/* Ranks the competencies again from the lines as they stand, with the
 * weights on screen. Pure arithmetic: no query. */
static void
show_ranking (CmPrioritiesStep *self,
              GPtrArray        *competencies)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < competencies->len; i++)
    g_ptr_array_add (items, cm_needs_item_new_competency (g_ptr_array_index (competencies, i), i + 1));

  g_list_store_splice (self->ranking, 0, g_list_model_get_n_items (G_LIST_MODEL (self->ranking)),
                       items->pdata, items->len);
}

/* After the weights moved: every line's priority again, and the ranking. */
static void
rerank (CmPrioritiesStep *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autoptr(GPtrArray) competencies = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmNeedsItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      CmNeedsLine *line = cm_needs_item_get_line (item);
      gint64 num = line->priority_num;
      gint64 den = line->priority_den;

      cm_needs_compute_line (line, &self->weights);
      if (num != line->priority_num || den != line->priority_den)
        cm_needs_item_line_changed (item);

      g_ptr_array_add (lines, line);
    }

  competencies = cm_needs_aggregate_competencies (lines, self->cost_per_place_pence, self->prices);
  show_ranking (self, competencies);
}

static void
read_weights (CmPrioritiesStep *self,
              CmNeedsWeights   *weights)
{
  weights->mandatory = (guint) gtk_spin_button_get_value_as_int (self->mandatory_spin);
  weights->risk = (guint) gtk_spin_button_get_value_as_int (self->risk_spin);
  weights->strategic = (guint) gtk_spin_button_get_value_as_int (self->strategic_spin);
  weights->evidence = (guint) gtk_spin_button_get_value_as_int (self->evidence_spin);
  weights->gap = (guint) gtk_spin_button_get_value_as_int (self->gap_spin);
}

static void
show_weights (CmPrioritiesStep     *self,
              const CmNeedsWeights *weights)
{
  self->updating = TRUE;
  gtk_spin_button_set_value (self->mandatory_spin, weights->mandatory);
  gtk_spin_button_set_value (self->risk_spin, weights->risk);
  gtk_spin_button_set_value (self->strategic_spin, weights->strategic);
  gtk_spin_button_set_value (self->evidence_spin, weights->evidence);
  gtk_spin_button_set_value (self->gap_spin, weights->gap);
  self->updating = FALSE;
}

static void
update_total (CmPrioritiesStep *self)
{
  guint total = self->weights.mandatory + self->weights.risk + self->weights.strategic +
                self->weights.evidence + self->weights.gap;
  g_autofree char *text = NULL;

  if (total == 100)
    text = g_strdup_printf ("%u", total);
  else
    /* Translators: the weights' sum when it is wrong, e.g. "95: must be 100" */
    text = g_strdup_printf (_("%u: must be 100"), total);

  gtk_label_set_text (self->total_label, text);
  if (total == 100)
    gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "error");
}

static void
weight_changed_cb (CmPrioritiesStep *self)
{
  g_autoptr(GError) error = NULL;
  gboolean valid;

  if (self->updating)
    return;

  read_weights (self, &self->weights);
  update_total (self);
  rerank (self);

  valid = cm_needs_weights_validate (&self->weights, NULL);
  if (valid && is_writable (self))
    {
      if (!cm_needs_weights_save (db (self), &self->weights, &error))
        {
          cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
          valid = FALSE;
        }
      else
        cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
    }

  set_complete (self, valid);
}

static void
restore_defaults_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CmPrioritiesStep *self = CM_PRIORITIES_STEP (widget);
  CmNeedsWeights defaults;

  cm_needs_weights_init_default (&defaults);
  show_weights (self, &defaults);
  weight_changed_cb (self);
}

static void
show_analysis (CmPrioritiesStep *self,
               CmNeedsAnalysis  *analysis,
               GPtrArray        *items)
{
  GPtrArray *lines = analysis->lines;

  self->weights = analysis->weights;
  self->cost_per_place_pence = analysis->cost_per_place_pence;
  g_clear_pointer (&self->prices, g_hash_table_unref);
  self->prices = g_hash_table_ref (analysis->prices);

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);

  show_weights (self, &self->weights);
  update_total (self);
  /* Read with the stored weights: already ranked. */
  show_ranking (self, analysis->competencies);

  gtk_stack_set_visible_child_name (self->state_stack, lines->len > 0 ? "content" : "empty");
  set_complete (self, cm_needs_weights_validate (&self->weights, NULL));
}

static void
reload (CmPrioritiesStep *self)
{
  cm_needs_step_read_analysis (CM_WIZARD_STEP (self), self->context, self->year, self->half,
                               &self->reading, cm_needs_items_for_lines, (CmNeedsShowAnalysis) show_analysis);
}

/* Evidence */

static void
evidence_chosen_cb (GtkWidget *button,
                    guint      position,
                    gpointer   user_data)
{
  CmPrioritiesStep *self = user_data;
  CmNeedsItem *item = cm_needs_cell_get_item (button);
  g_autoptr(GError) error = NULL;
  CmNeedsLine *line;

  if (item == NULL || position > 2)
    return;

  line = cm_needs_item_get_line (item);
  if ((int) position == line->evidence)
    return;

  if (!cm_needs_set_evidence (db (self), line->requirement_id, (int) position, &error))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      cm_needs_item_line_changed (item);
      return;
    }

  line->evidence = (int) position;
  cm_needs_item_line_changed (item);
  rerank (self);
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
}

static void
evidence_update (GtkWidget   *cell,
                 CmNeedsItem *item)
{
  CmPrioritiesStep *self = g_object_get_data (G_OBJECT (cell), "cm-priorities-step");
  guint evidence = (guint) CLAMP (cm_needs_item_get_line (item)->evidence, 0, 2);

  cm_needs_choice_button_set_text (cell, gtk_string_list_get_string (self->evidence_labels, evidence));
}

/* A drop-down makes its list and popover at once; a choice button makes
 * them when it is opened, which a table of hundreds of rows needs. */
static void
evidence_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CmPrioritiesStep         *self)
{
  GtkWidget *button = cm_needs_choice_button_new (G_LIST_MODEL (self->evidence_labels), 0, FALSE,
                                                  _("Evidence of need"), evidence_chosen_cb, self);

  g_object_set_data (G_OBJECT (button), "cm-priorities-step", self);
  cm_needs_cell_prepare (button, list_item, evidence_update);
}

/* Where the evidence comes from: free text, saved when it is committed. */
static void
source_changed_cb (CmTextCell       *cell,
                   CmPrioritiesStep *self)
{
  CmNeedsItem *item = cm_needs_cell_get_item (GTK_WIDGET (cell));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CmNeedsLine *line;

  if (item == NULL)
    return;

  line = cm_needs_item_get_line (item);
  text = g_strstrip (g_strdup (cm_text_cell_get_text (cell)));
  if (g_strcmp0 (text, line->evidence_source != NULL ? line->evidence_source : "") == 0)
    {
      cm_needs_item_line_changed (item);
      return;
    }

  if (!cm_needs_set_evidence_source (db (self), line->requirement_id, text, &error))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      cm_needs_item_line_changed (item);
      return;
    }

  /* Lines hold interned strings (cm-needs.h). */
  line->evidence_source = g_intern_string (text);
  cm_needs_item_line_changed (item);
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
}

static void
source_update (GtkWidget   *cell,
               CmNeedsItem *item)
{
  const char *source = cm_needs_item_get_line (item)->evidence_source;

  cm_text_cell_set_text (CM_TEXT_CELL (cell), source);
  cm_cell_set_tooltip_text (cell, source != NULL && *source != '\0'
                                  ? source : _("Where the evidence comes from: an audit, Ofsted, a serious case review"));
}

/* A text cell is a label until it is edited (HACKING.md, "Large lists"). */
static void
source_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CmPrioritiesStep         *self)
{
  GtkWidget *cell = cm_text_cell_new (20, _("Source of the evidence"));

  g_signal_connect (cell, "changed", G_CALLBACK (source_changed_cb), self);
  cm_needs_cell_prepare (cell, list_item, source_update);
}

static void
staff_group_update (GtkWidget   *cell,
                    CmNeedsItem *item)
{
  gtk_label_set_text (GTK_LABEL (cell), cm_needs_item_get_line (item)->staff_group);
  cm_cell_set_tooltip_text (cell, cm_needs_item_get_line (item)->staff_group);
}

static void
competency_update (GtkWidget   *cell,
                   CmNeedsItem *item)
{
  gtk_label_set_text (GTK_LABEL (cell), cm_needs_item_get_line (item)->competency_code);
  cm_cell_set_tooltip_text (cell, cm_needs_item_get_line (item)->competency_name);
}

static void
needed_update (GtkWidget   *cell,
               CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_line (item)->needed);
}

static void
priority_update (GtkWidget   *cell,
                 CmNeedsItem *item)
{
  const CmNeedsLine *line = cm_needs_item_get_line (item);
  g_autofree char *text = cm_needs_show_priority (line->priority_num, line->priority_den);

  gtk_label_set_text (GTK_LABEL (cell), text);
}

static GtkWidget *
ranking_row_new (gpointer item,
                 gpointer user_data)
{
  const CmNeedsCompetency *competency = cm_needs_item_get_competency (item);
  g_autofree char *title = NULL;
  g_autofree char *priority = cm_needs_show_priority (competency->priority_num, competency->priority_den);
  g_autofree char *subtitle = NULL;
  g_autofree char *places = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *score = gtk_label_new (priority);

  /* Translators: a ranked competency: "1. SG-B" */
  title = g_strdup_printf (_("%u. %s"), cm_needs_item_get_rank (item), competency->code);
  places = cm_format_count (competency->places_needed);
  /* Translators: a competency's name, then how many places it needs */
  subtitle = g_strdup_printf (ngettext ("%s · %s place needed",
                                        "%s · %s places needed",
                                        (gulong) MIN (competency->places_needed, G_MAXLONG)),
                              competency->name, places);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_widget_add_css_class (score, "numeric");
  gtk_widget_add_css_class (score, "heading");
  cm_cell_set_tooltip_text (score, _("Priority, 0 to 100"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), score);

  return row;
}

/* The step */

static void
cm_priorities_step_enter (CmWizardStep *step)
{
  CmPrioritiesStep *self = CM_PRIORITIES_STEP (step);
  gboolean writable = is_writable (self);
  GtkSpinButton *spins[] = {
    self->mandatory_spin, self->risk_spin, self->strategic_spin, self->evidence_spin, self->gap_spin,
  };
  gboolean closed;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "priorities.restore-defaults", writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->view), writable);
  /* A signed-off cycle keeps the weights it was closed with; a read-only
   * database may still try others, unsaved. */
  closed = self->context != NULL && !cm_context_is_read_only (self->context) && !writable;
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (spins[i]), !closed);

  reload (self);
}

static void
cm_priorities_step_iface_init (CmWizardStepInterface *iface)
{
  iface->enter = cm_priorities_step_enter;
}

static void
cm_priorities_step_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CmPrioritiesStep *self = CM_PRIORITIES_STEP (object);

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

    case PROP_TITLE:
      g_value_set_string (value, _("Evidence & Priorities"));
      break;

    case PROP_IS_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_priorities_step_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CmPrioritiesStep *self = CM_PRIORITIES_STEP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_YEAR:
      if (self->year != g_value_get_int (value))
        {
          self->year = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_HALF:
      if (self->half != g_value_get_int (value))
        {
          self->half = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_priorities_step_dispose (GObject *object)
{
  CmPrioritiesStep *self = (CmPrioritiesStep *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_PRIORITIES_STEP);

  /* Template roots without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->rows);
  g_clear_pointer (&self->prices, g_hash_table_unref);
  g_clear_object (&self->ranking);
  g_clear_object (&self->evidence_labels);

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_priorities_step_parent_class)->dispose (object);
}

static void
cm_priorities_step_class_init (CmPrioritiesStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_priorities_step_dispose;
  object_class->get_property = cm_priorities_step_get_property;
  object_class->set_property = cm_priorities_step_set_property;

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, PROP_YEAR, "year");
  g_object_class_override_property (object_class, PROP_HALF, "half");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/needs/cm-priorities-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CmPrioritiesStep, state_stack);
  gtk_widget_class_bind_template_child (widget_class, CmPrioritiesStep, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, CmPrioritiesStep, view);
  gtk_widget_class_bind_template_child (widget_class, CmPrioritiesStep, mandatory_spin);
  gtk_widget_class_bind_template_child (widget_class, CmPrioritiesStep, risk_spin);
  gtk_widget_class_bind_template_child (widget_class, CmPrioritiesStep, strategic_spin);
  gtk_widget_class_bind_template_child (widget_class, CmPrioritiesStep, evidence_spin);
  gtk_widget_class_bind_template_child (widget_class, CmPrioritiesStep, gap_spin);
  gtk_widget_class_bind_template_child (widget_class, CmPrioritiesStep, total_label);
  gtk_widget_class_bind_template_child (widget_class, CmPrioritiesStep, ranking_list);
  gtk_widget_class_bind_template_callback (widget_class, weight_changed_cb);

  gtk_widget_class_install_action (widget_class, "priorities.restore-defaults", NULL, restore_defaults_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_priorities_step_init (CmPrioritiesStep *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkColumnViewColumn *column;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (CM_TYPE_NEEDS_ITEM);
  self->ranking = g_list_store_new (CM_TYPE_NEEDS_ITEM);
  self->evidence_labels = gtk_string_list_new (NULL);
  gtk_string_list_append (self->evidence_labels, _("0 · None"));
  gtk_string_list_append (self->evidence_labels, _("1 · Some"));
  gtk_string_list_append (self->evidence_labels, _("2 · Strong"));
  cm_needs_weights_init_default (&self->weights);
  self->cost_per_place_pence = CM_NEEDS_DEFAULT_COST_PER_PLACE_PENCE;

  cm_needs_add_label_column (self->view, _("Staff Group"), staff_group_update, 18, TRUE);
  cm_needs_add_label_column (self->view, _("Competency"), competency_update, 8, FALSE);
  cm_needs_add_label_column (self->view, _("Needed"), needed_update, 0, FALSE);
  column = cm_needs_add_cell_column (self->view, _("Evidence"), G_CALLBACK (evidence_setup_cb), self, FALSE);
  gtk_column_view_column_set_fixed_width (column, 140);
  cm_needs_add_cell_column (self->view, _("Source"), G_CALLBACK (source_setup_cb), self, TRUE);
  cm_needs_add_label_column (self->view, _("Priority"), priority_update, 0, FALSE);

  selection = gtk_no_selection_new (G_LIST_MODEL (cm_gradual_model_new (g_object_ref (G_LIST_MODEL (self->rows)))));
  cm_column_view_set_model_when_mapped (self->view, GTK_SELECTION_MODEL (selection));

  gtk_list_box_bind_model (self->ranking_list, G_LIST_MODEL (self->ranking), ranking_row_new, NULL, NULL);
}

/**
 * cm_priorities_step_get_ranking:
 * @self: a #CmPrioritiesStep
 *
 * Returns: (transfer none): the competencies ranked with the weights
 *   shown, as #CmNeedsItem
 */
GListModel *
cm_priorities_step_get_ranking (CmPrioritiesStep *self)
{
  g_return_val_if_fail (CM_IS_PRIORITIES_STEP (self), NULL);

  return G_LIST_MODEL (self->ranking);
}

/**
 * cm_priorities_step_get_weight_spin:
 * @self: a #CmPrioritiesStep
 * @index: 0 mandatory, 1 risk, 2 strategic, 3 evidence, 4 gap
 *
 * Returns: (transfer none): the spin button of one weight
 */
GtkSpinButton *
cm_priorities_step_get_weight_spin (CmPrioritiesStep *self,
                                    guint             index)
{
  GtkSpinButton *spins[] = {
    self->mandatory_spin, self->risk_spin, self->strategic_spin, self->evidence_spin, self->gap_spin,
  };

  g_return_val_if_fail (CM_IS_PRIORITIES_STEP (self), NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (spins), NULL);

  return spins[index];
}
