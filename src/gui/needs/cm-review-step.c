/* cm-review-step.c
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
#include "cm-domain.h"
#include "cm-format.h"
#include "cm-gradual-model.h"
#include "cm-heatmap.h"
#include "cm-money.h"
#include "cm-needs-item.h"
#include "cm-needs-util.h"
#include "cm-review-step.h"
#include "cm-wizard-step.h"

/* Step 6: the needs matrix and the ranked competencies, as they stand
 * with the saved weights. Nothing is edited here. */
struct _CmReviewStep
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkStack      *state_stack;
  CmHeatmap     *heatmap;
  GtkLabel      *details_label;
  GtkColumnView *view;
  GtkLabel      *totals_label;

  GListStore    *ranking;
  CmContext     *context;
  int            year;
  int            half;
  GCancellable  *reading;  /* the cycle being read, if it is */
};

static void cm_review_step_iface_init (CmWizardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmReviewStep, cm_review_step, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CM_TYPE_WIZARD_STEP, cm_review_step_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_HALF,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

static void
focus_changed_cb (CmReviewStep *self)
{
  g_autofree char *text = NULL;
  guint row;
  guint column;

  if (cm_heatmap_get_focus_cell (self->heatmap, &row, &column))
    text = cm_heatmap_describe_cell (self->heatmap, row, column);

  if (text != NULL)
    g_strdelimit (text, "\n", ' ');

  gtk_label_set_text (self->details_label,
                      text != NULL ? text : _("Point at a cell, or move through the matrix with the arrow keys, to see the numbers behind it."));
}

static void
update_totals (CmReviewStep *self,
               GPtrArray    *lines)
{
  g_autoptr(GPtrArray) groups = cm_needs_totals_by_org_group (lines);
  g_autoptr(GPtrArray) sectors = cm_needs_totals_by_sector (lines);
  g_autoptr(GString) text = g_string_new (NULL);
  const CmNeedsTotal *statutory = g_ptr_array_index (groups, CM_NEEDS_ORG_GROUP_STATUTORY);
  const CmNeedsTotal *pvi = g_ptr_array_index (groups, CM_NEEDS_ORG_GROUP_PVI);
  g_autofree char *all = cm_format_count (statutory->needed + pvi->needed);
  g_autofree char *statutory_text = cm_format_count (statutory->needed);
  g_autofree char *pvi_text = cm_format_count (pvi->needed);

  /* Translators: places needed in all, then split between statutory and PVI organisations */
  g_string_append_printf (text, _("%s places needed: statutory %s, PVI %s"), all, statutory_text, pvi_text);

  for (guint i = 0; i < sectors->len; i++)
    {
      const CmNeedsTotal *sector = g_ptr_array_index (sectors, i);
      g_autofree char *needed = cm_format_count (sector->needed);

      g_string_append_printf (text, " · %s %s", cm_domain_label (CM_DOMAIN_SECTOR, sector->key), needed);
    }

  gtk_label_set_text (self->totals_label, text->str);
}

static void
show_analysis (CmReviewStep    *self,
               CmNeedsAnalysis *analysis,
               GPtrArray       *prepared)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *lines = analysis->lines;
  GPtrArray *competencies = analysis->competencies;
  for (guint i = 0; i < competencies->len; i++)
    g_ptr_array_add (items, cm_needs_item_new_competency (g_ptr_array_index (competencies, i), i + 1));
  g_list_store_splice (self->ranking, 0, g_list_model_get_n_items (G_LIST_MODEL (self->ranking)),
                       items->pdata, items->len);

  cm_heatmap_set_lines (self->heatmap, lines, competencies);
  update_totals (self, lines);
  focus_changed_cb (self);

  gtk_stack_set_visible_child_name (self->state_stack, lines->len > 0 ? "review" : "empty");
}

static void
reload (CmReviewStep *self)
{
  cm_needs_step_read_analysis (CM_WIZARD_STEP (self), self->context, self->year, self->half,
                               &self->reading, NULL, (CmNeedsShowAnalysis) show_analysis);
}

/* The ranking table */

static void
rank_update (GtkWidget   *cell,
             CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_rank (item));
}

static void
competency_update (GtkWidget   *cell,
                   CmNeedsItem *item)
{
  const CmNeedsCompetency *competency = cm_needs_item_get_competency (item);
  g_autofree char *text = g_strdup_printf ("%s — %s", competency->code, competency->name);

  gtk_label_set_text (GTK_LABEL (cell), text);
  cm_cell_set_tooltip_text (cell, text);
}

static void
places_update (GtkWidget   *cell,
               CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_competency (item)->places_needed);
}

static void
priority_update (GtkWidget   *cell,
                 CmNeedsItem *item)
{
  const CmNeedsCompetency *competency = cm_needs_item_get_competency (item);
  g_autofree char *text = cm_needs_show_priority (competency->priority_num, competency->priority_den);

  gtk_label_set_text (GTK_LABEL (cell), text);
}

static void
events_update (GtkWidget   *cell,
               CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_competency (item)->suggested_events);
}

static void
cost_update (GtkWidget   *cell,
             CmNeedsItem *item)
{
  g_autofree char *text = cm_money_format (cm_needs_item_get_competency (item)->indicative_cost_pence);

  gtk_label_set_text (GTK_LABEL (cell), text);
}

/* The step */

static void
cm_review_step_enter (CmWizardStep *step)
{
  reload (CM_REVIEW_STEP (step));
}

static void
cm_review_step_iface_init (CmWizardStepInterface *iface)
{
  iface->enter = cm_review_step_enter;
}

static void
cm_review_step_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CmReviewStep *self = CM_REVIEW_STEP (object);

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
      g_value_set_string (value, _("Review"));
      break;

    case PROP_IS_COMPLETE:
      g_value_set_boolean (value, TRUE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_review_step_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CmReviewStep *self = CM_REVIEW_STEP (object);

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
cm_review_step_dispose (GObject *object)
{
  CmReviewStep *self = (CmReviewStep *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_REVIEW_STEP);

  /* Template roots without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->ranking);

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_review_step_parent_class)->dispose (object);
}

static void
cm_review_step_class_init (CmReviewStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_review_step_dispose;
  object_class->get_property = cm_review_step_get_property;
  object_class->set_property = cm_review_step_set_property;

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, PROP_YEAR, "year");
  g_object_class_override_property (object_class, PROP_HALF, "half");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");

  g_type_ensure (CM_TYPE_HEATMAP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/needs/cm-review-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CmReviewStep, state_stack);
  gtk_widget_class_bind_template_child (widget_class, CmReviewStep, heatmap);
  gtk_widget_class_bind_template_child (widget_class, CmReviewStep, details_label);
  gtk_widget_class_bind_template_child (widget_class, CmReviewStep, view);
  gtk_widget_class_bind_template_child (widget_class, CmReviewStep, totals_label);
  gtk_widget_class_bind_template_callback (widget_class, focus_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_review_step_init (CmReviewStep *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ranking = g_list_store_new (CM_TYPE_NEEDS_ITEM);

  cm_needs_add_label_column (self->view, _("Rank"), rank_update, 0, FALSE);
  cm_needs_add_label_column (self->view, _("Competency"), competency_update, 24, TRUE);
  cm_needs_add_label_column (self->view, _("Places Needed"), places_update, 0, FALSE);
  cm_needs_add_label_column (self->view, _("Priority"), priority_update, 0, FALSE);
  cm_needs_add_label_column (self->view, _("Events"), events_update, 0, FALSE);
  cm_needs_add_label_column (self->view, _("Indicative Cost"), cost_update, 0, FALSE);

  selection = gtk_no_selection_new (G_LIST_MODEL (cm_gradual_model_new (g_object_ref (G_LIST_MODEL (self->ranking)))));
  cm_column_view_set_model_when_mapped (self->view, GTK_SELECTION_MODEL (selection));
}

/**
 * cm_review_step_get_heatmap:
 * @self: a #CmReviewStep
 *
 * Returns: (transfer none): the needs matrix
 */
CmHeatmap *
cm_review_step_get_heatmap (CmReviewStep *self)
{
  g_return_val_if_fail (CM_IS_REVIEW_STEP (self), NULL);

  return self->heatmap;
}

/**
 * cm_review_step_get_ranking:
 * @self: a #CmReviewStep
 *
 * Returns: (transfer none): the ranked competencies, as #CmNeedsItem
 */
GListModel *
cm_review_step_get_ranking (CmReviewStep *self)
{
  g_return_val_if_fail (CM_IS_REVIEW_STEP (self), NULL);

  return G_LIST_MODEL (self->ranking);
}
