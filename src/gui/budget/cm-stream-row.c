/* cm-stream-row.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-fiscal.h"
#include "cm-money.h"
#include "cm-stream-row.h"

/* One line of the streams overview: the stream, the bar of how its
 * allocation is used, and its figures. The same widget, fed the totals
 * row, is the Total line, and without figures the column headings; size
 * groups shared by all of them keep the columns lined up. */
struct _CmStreamRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkBox        *name_box;
  GtkLabel      *code_label;
  GtkLabel      *name_label;
  GtkLabel      *details_label;
  CmStreamBar   *bar;
  GtkLabel      *allocation_label;
  GtkLabel      *proposed_label;
  GtkLabel      *committed_label;
  GtkLabel      *actual_label;
  GtkLabel      *forecast_label;
  GtkLabel      *variance_label;
  GtkLabel      *available_label;
  GtkLabel      *pvi_label;
  GtkButton     *delete_button;

  gint64         stream_id;
  char          *code;
};

G_DEFINE_FINAL_TYPE (CmStreamRow, cm_stream_row, GTK_TYPE_LIST_BOX_ROW)

/**
 * cm_stream_figure_title:
 * @figure: a figure column
 *
 * Returns: its heading
 */
const char *
cm_stream_figure_title (CmStreamFigure figure)
{
  switch (figure)
    {
    case CM_STREAM_FIGURE_ALLOCATION:
      return _("Allocation");
    case CM_STREAM_FIGURE_PROPOSED:
      return _("Proposed");
    case CM_STREAM_FIGURE_COMMITTED:
      return _("Committed");
    case CM_STREAM_FIGURE_ACTUAL:
      return _("Actual");
    case CM_STREAM_FIGURE_FORECAST:
      return _("Forecast");
    case CM_STREAM_FIGURE_VARIANCE:
      return _("Variance");
    case CM_STREAM_FIGURE_AVAILABLE:
      return _("Available");
    case CM_STREAM_FIGURE_PVI:
      /* Translators: column heading for the planned share of PVI places
       * (docs/figures.md: the planned, not the actual, PVI share) */
      return _("Planned PVI");
    case CM_STREAM_N_FIGURES:
    default:
      g_return_val_if_reached ("");
    }
}

static GtkLabel *
figure_label (CmStreamRow    *self,
              CmStreamFigure  figure)
{
  GtkLabel *labels[CM_STREAM_N_FIGURES] = {
    self->allocation_label, self->proposed_label, self->committed_label,
    self->actual_label, self->forecast_label, self->variance_label,
    self->available_label, self->pvi_label,
  };

  g_return_val_if_fail (figure < CM_STREAM_N_FIGURES, NULL);

  return labels[figure];
}

static void
set_money (CmStreamRow    *self,
           CmStreamFigure  figure,
           gint64          pence,
           gboolean        negative_is_error)
{
  GtkLabel *label = figure_label (self, figure);
  g_autofree char *text = cm_money_format (pence);

  gtk_label_set_text (label, text);
  if (negative_is_error && pence < 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
cm_stream_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CM_TYPE_STREAM_ROW);

  G_OBJECT_CLASS (cm_stream_row_parent_class)->dispose (object);
}

static void
cm_stream_row_finalize (GObject *object)
{
  CmStreamRow *self = (CmStreamRow *)object;

  g_clear_pointer (&self->code, g_free);

  G_OBJECT_CLASS (cm_stream_row_parent_class)->finalize (object);
}

/* Tab passes the Delete button by; the Delete key on the row is its
 * shortcut. The totals row has none to press. */
static void
delete_shortcut_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CmStreamRow *self = CM_STREAM_ROW (widget);

  if (gtk_widget_get_child_visible (GTK_WIDGET (self->delete_button)))
    g_signal_emit_by_name (self->delete_button, "clicked");
}

static void
cm_stream_row_class_init (CmStreamRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_stream_row_dispose;
  object_class->finalize = cm_stream_row_finalize;

  g_type_ensure (CM_TYPE_STREAM_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-stream-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, name_box);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, bar);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, allocation_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, proposed_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, committed_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, actual_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, forecast_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, variance_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, available_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, pvi_label);
  gtk_widget_class_bind_template_child (widget_class, CmStreamRow, delete_button);

  gtk_widget_class_install_action (widget_class, "row.delete", NULL, delete_shortcut_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "row.delete", NULL);
}

static void
cm_stream_row_init (CmStreamRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (CmStreamFigure figure = 0; figure < CM_STREAM_N_FIGURES; figure++)
    gtk_widget_add_css_class (GTK_WIDGET (figure_label (self, figure)), "numeric");
}

/**
 * cm_stream_row_new:
 *
 * Returns: (transfer floating): a new row; give it figures with
 *   cm_stream_row_set_figures()
 */
GtkWidget *
cm_stream_row_new (void)
{
  return g_object_new (CM_TYPE_STREAM_ROW, NULL);
}

/**
 * cm_stream_row_new_header:
 *
 * Returns: (transfer floating): the row of column headings
 */
GtkWidget *
cm_stream_row_new_header (void)
{
  CmStreamRow *self = g_object_new (CM_TYPE_STREAM_ROW,
                                    "activatable", FALSE,
                                    "selectable", FALSE,
                                    NULL);

  gtk_widget_add_css_class (GTK_WIDGET (self), "stream-header");
  gtk_label_set_text (self->code_label, _("Stream"));
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->bar), FALSE);

  for (CmStreamFigure figure = 0; figure < CM_STREAM_N_FIGURES; figure++)
    gtk_label_set_text (figure_label (self, figure), cm_stream_figure_title (figure));

  /* Keep the column, not the button. */
  gtk_widget_set_child_visible (GTK_WIDGET (self->delete_button), FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->delete_button),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);

  return GTK_WIDGET (self);
}

/**
 * cm_stream_row_set_figures:
 * @self: a #CmStreamRow
 * @figures: a stream's figures, or the totals row (code %NULL)
 *
 * Shows @figures.
 */
void
cm_stream_row_set_figures (CmStreamRow           *self,
                           const CmBudgetFigures *figures)
{
  g_autofree char *pvi = NULL;
  g_autofree char *pvi_text = NULL;
  gboolean is_total;

  g_return_if_fail (CM_IS_STREAM_ROW (self));
  g_return_if_fail (figures != NULL);

  is_total = figures->code == NULL;
  self->stream_id = figures->stream_id;
  g_free (self->code);
  self->code = g_strdup (figures->code);

  if (is_total)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "stream-total");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
      gtk_label_set_text (self->code_label, _("Total"));
      gtk_label_set_text (self->name_label, _("All streams"));
      gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);
      gtk_widget_set_child_visible (GTK_WIDGET (self->delete_button), FALSE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->delete_button),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                   -1);
    }
  else
    {
      g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *details_text = NULL;
      g_autofree char *delete_label = NULL;

      gtk_label_set_text (self->code_label, figures->code);
      gtk_label_set_text (self->name_label, figures->name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_box), figures->name);

      g_ptr_array_add (details, g_strdup (figures->funder));
      if (g_date_valid (&figures->expiry))
        {
          g_autofree char *date = cm_fiscal_format_date (&figures->expiry);

          /* Translators: %s is the stream's spend-by date, "15 Nov 2010" */
          g_ptr_array_add (details, g_strdup_printf (_("by %s"), date));
        }
      if (figures->ring_fenced)
        g_ptr_array_add (details, g_strdup (_("ring-fenced")));
      g_ptr_array_add (details, NULL);
      details_text = g_strjoinv (" · ", (char **) details->pdata);
      gtk_label_set_text (self->details_label, details_text);

      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button),
                                              g_variant_new_int64 (figures->stream_id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "budget.delete-stream");
      /* Translators: %s is a funding stream's code */
      delete_label = g_strdup_printf (_("Delete %s"), figures->code);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button), delete_label);
    }

  set_money (self, CM_STREAM_FIGURE_ALLOCATION, figures->allocation_pence, FALSE);
  set_money (self, CM_STREAM_FIGURE_PROPOSED, figures->proposed_pence, FALSE);
  set_money (self, CM_STREAM_FIGURE_COMMITTED, figures->committed_pence, FALSE);
  set_money (self, CM_STREAM_FIGURE_ACTUAL, figures->actual_pence, FALSE);
  set_money (self, CM_STREAM_FIGURE_FORECAST, figures->forecast_pence, FALSE);
  set_money (self, CM_STREAM_FIGURE_VARIANCE, figures->variance_pence, TRUE);
  set_money (self, CM_STREAM_FIGURE_AVAILABLE, figures->available_pence, TRUE);

  pvi = cm_budget_format_percent (figures->planned_pvi_bp);
  pvi_text = g_strdup_printf ("%s%%", pvi);
  gtk_label_set_text (self->pvi_label, pvi_text);
  if (!is_total && figures->min_pvi_bp > 0 && figures->committed_pence > 0 &&
      figures->planned_pvi_bp < figures->min_pvi_bp)
    {
      g_autofree char *minimum = cm_budget_format_percent (figures->min_pvi_bp);
      g_autofree char *tooltip = NULL;

      /* Translators: %s%% is a percentage such as "50%" */
      tooltip = g_strdup_printf (_("Planned PVI share below the minimum of %s%%"), minimum);
      gtk_widget_add_css_class (GTK_WIDGET (self->pvi_label), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->pvi_label), tooltip);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->pvi_label), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->pvi_label), NULL);
    }

  cm_stream_bar_set_figures (self->bar,
                             figures->allocation_pence,
                             figures->actual_pence,
                             figures->forecast_pence,
                             figures->proposed_pence);
}

/**
 * cm_stream_row_get_stream_id:
 * @self: a #CmStreamRow
 *
 * Returns: the stream's id, 0 for the totals and heading rows
 */
gint64
cm_stream_row_get_stream_id (CmStreamRow *self)
{
  g_return_val_if_fail (CM_IS_STREAM_ROW (self), 0);

  return self->stream_id;
}

/**
 * cm_stream_row_get_code:
 * @self: a #CmStreamRow
 *
 * Returns: (nullable): the stream's code, %NULL for the totals and heading rows
 */
const char *
cm_stream_row_get_code (CmStreamRow *self)
{
  g_return_val_if_fail (CM_IS_STREAM_ROW (self), NULL);

  return self->code;
}

/**
 * cm_stream_row_get_figure_text:
 * @self: a #CmStreamRow
 * @figure: a column
 *
 * Returns: the text shown in that column
 */
const char *
cm_stream_row_get_figure_text (CmStreamRow    *self,
                               CmStreamFigure  figure)
{
  g_return_val_if_fail (CM_IS_STREAM_ROW (self), NULL);
  g_return_val_if_fail (figure < CM_STREAM_N_FIGURES, NULL);

  return gtk_label_get_text (figure_label (self, figure));
}

/**
 * cm_stream_row_get_bar:
 * @self: a #CmStreamRow
 *
 * Returns: (transfer none): the bar
 */
CmStreamBar *
cm_stream_row_get_bar (CmStreamRow *self)
{
  g_return_val_if_fail (CM_IS_STREAM_ROW (self), NULL);

  return self->bar;
}

/**
 * cm_stream_row_get_figure_width:
 * @self: a #CmStreamRow
 *
 * Returns: the width a figure column asks for, in pixels: its figures
 *   share a size group, so every row's are as wide as the widest
 */
int
cm_stream_row_get_figure_width (CmStreamRow *self)
{
  int natural = 0;

  g_return_val_if_fail (CM_IS_STREAM_ROW (self), 0);

  gtk_widget_measure (GTK_WIDGET (self->allocation_label), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &natural, NULL, NULL);
  return natural;
}

/**
 * cm_stream_row_add_to_size_groups:
 * @self: a #CmStreamRow
 * @name_group: the group of the stream column
 * @figure_group: the group of the money columns
 * @pvi_group: the group of the PVI column
 *
 * Lines the row's columns up with the other rows in the same groups.
 */
void
cm_stream_row_add_to_size_groups (CmStreamRow  *self,
                                  GtkSizeGroup *name_group,
                                  GtkSizeGroup *figure_group,
                                  GtkSizeGroup *pvi_group)
{
  g_return_if_fail (CM_IS_STREAM_ROW (self));

  gtk_size_group_add_widget (name_group, GTK_WIDGET (self->name_box));
  for (CmStreamFigure figure = 0; figure < CM_STREAM_FIGURE_PVI; figure++)
    gtk_size_group_add_widget (figure_group, GTK_WIDGET (figure_label (self, figure)));
  gtk_size_group_add_widget (pvi_group, GTK_WIDGET (self->pvi_label));
}

/**
 * cm_stream_row_set_figure_visible:
 * @self: a #CmStreamRow
 * @figure: a column
 * @visible: whether to show it
 *
 * Shows or hides a column, for narrow windows.
 */
void
cm_stream_row_set_figure_visible (CmStreamRow    *self,
                                  CmStreamFigure  figure,
                                  gboolean        visible)
{
  g_return_if_fail (CM_IS_STREAM_ROW (self));
  g_return_if_fail (figure < CM_STREAM_N_FIGURES);

  gtk_widget_set_visible (GTK_WIDGET (figure_label (self, figure)), visible);
}
