/* cm-split-row.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-budget-util.h"
#include "cm-field-error.h"
#include "cm-import.h"
#include "cm-money.h"
#include "cm-split-row.h"

/* One stream's share of a commission in the commission editor: a percent
 * of the planned cost or a fixed amount, and what that comes to. */
struct _CmSplitRow
{
  AdwActionRow  parent_instance;

  /* Template widgets */
  GtkImage     *warning_icon;
  GtkDropDown  *mode_dropdown;
  GtkEntry     *value_entry;
  GtkLabel     *value_label;
  GtkButton    *remove_button;

  gint64        stream_id;
  char         *stream_code;
  gboolean      is_percent;
  int           percent_bp;
  gint64        amount_pence;
  gint64        planned_pence;
  gboolean      valid;
  gboolean      updating;
};

G_DEFINE_FINAL_TYPE (CmSplitRow, cm_split_row, ADW_TYPE_ACTION_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  MODE_PERCENT,
  MODE_AMOUNT,
};

static gint64
current_value (CmSplitRow *self)
{
  CmBudgetSplit split = {
    .is_percent = self->is_percent,
    .percent_bp = self->percent_bp,
    .amount_pence = self->amount_pence,
  };

  return cm_budget_split_value (&split, self->planned_pence);
}

static void
update_value_label (CmSplitRow *self)
{
  g_autofree char *text = NULL;

  if (!self->valid)
    {
      gtk_label_set_text (self->value_label, "");
      return;
    }

  text = cm_money_format (current_value (self));
  gtk_label_set_text (self->value_label, text);
}

static void
show_value (CmSplitRow *self)
{
  g_autofree char *text = NULL;

  if (self->is_percent)
    {
      g_autofree char *number = cm_budget_format_percent (self->percent_bp);

      text = g_strdup_printf ("%s%%", number);
    }
  else
    text = cm_money_format (self->amount_pence);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), text);
  self->updating = FALSE;

  self->valid = TRUE;
  cm_field_error_set (GTK_WIDGET (self->value_entry), NULL);
  update_value_label (self);
}

static void
value_changed_cb (CmSplitRow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text;
  gint64 value = 0;
  gboolean valid;

  if (self->updating)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->value_entry));

  /* As the splits CSV reads its percent and amount columns; empty is
   * not complete, but nothing to explain. */
  valid = cm_import_check_field ("splits", self->is_percent ? "percent" : "amount", text, &value, &error);
  if (valid && value == 0 && strspn (text, " \t") == strlen (text))
    valid = FALSE;
  else if (valid && self->is_percent)
    self->percent_bp = (int) value;
  else if (valid)
    self->amount_pence = value;

  self->valid = valid;
  cm_field_error_set (GTK_WIDGET (self->value_entry), error != NULL ? error->message : NULL);
  update_value_label (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
value_left_cb (CmSplitRow *self)
{
  if (self->valid)
    show_value (self);
}

static void
restore_cb (GtkWidget *entry,
            gpointer   user_data)
{
  show_value (CM_SPLIT_ROW (user_data));
}

static void
mode_changed_cb (CmSplitRow *self)
{
  gboolean is_percent = gtk_drop_down_get_selected (self->mode_dropdown) == MODE_PERCENT;

  if (self->updating || is_percent == self->is_percent)
    return;

  /* Keep what the split comes to, in the other form. */
  if (self->valid)
    {
      gint64 value = current_value (self);

      if (is_percent)
        self->percent_bp = self->planned_pence > 0
          ? (int) MIN (10000, cm_money_round_half_up (value * 10000, self->planned_pence))
          : 0;
      else
        self->amount_pence = value;
    }

  self->is_percent = is_percent;
  show_value (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Tab passes the remove button by; the Delete key on the row (not in
 * its text, which takes the key first) is its shortcut. */
static void
remove_shortcut_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit_by_name (CM_SPLIT_ROW (widget)->remove_button, "clicked");
}

static void
cm_split_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CM_TYPE_SPLIT_ROW);

  G_OBJECT_CLASS (cm_split_row_parent_class)->dispose (object);
}

static void
cm_split_row_finalize (GObject *object)
{
  CmSplitRow *self = (CmSplitRow *)object;

  g_clear_pointer (&self->stream_code, g_free);

  G_OBJECT_CLASS (cm_split_row_parent_class)->finalize (object);
}

static void
cm_split_row_class_init (CmSplitRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_split_row_dispose;
  object_class->finalize = cm_split_row_finalize;

  /**
   * CmSplitRow::changed:
   *
   * Emitted when what the split comes to may have changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-split-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CmSplitRow, warning_icon);
  gtk_widget_class_bind_template_child (widget_class, CmSplitRow, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmSplitRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, CmSplitRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, CmSplitRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mode_changed_cb);

  gtk_widget_class_install_action (widget_class, "row.remove", NULL, remove_shortcut_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "row.remove", NULL);
}

static void
cm_split_row_init (CmSplitRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->valid = TRUE;
  self->is_percent = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typed as "50" or "1234.5", shown as "50%" or "£1,234.50" once left. */
  g_signal_connect_object (focus, "leave", G_CALLBACK (value_left_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->value_entry), focus);
  cm_field_error_set_restore (GTK_WIDGET (self->value_entry), restore_cb, self);
}

/**
 * cm_split_row_new:
 * @split: the split to show
 * @stream_name: (nullable): the stream's name, under its code
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
cm_split_row_new (const CmBudgetSplit *split,
                  const char          *stream_name)
{
  CmSplitRow *self;
  g_autofree char *remove_label = NULL;

  g_return_val_if_fail (split != NULL, NULL);

  self = g_object_new (CM_TYPE_SPLIT_ROW, NULL);
  self->stream_id = split->stream_id;
  self->stream_code = g_strdup (split->stream_code);
  self->is_percent = split->is_percent;
  self->percent_bp = split->percent_bp;
  self->amount_pence = split->amount_pence;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), split->stream_code);
  if (stream_name != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), stream_name);

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->mode_dropdown, split->is_percent ? MODE_PERCENT : MODE_AMOUNT);
  self->updating = FALSE;

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button),
                                          g_variant_new_string (split->stream_code));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "editor.remove-split");
  /* Translators: %s is a funding stream's code */
  remove_label = g_strdup_printf (_("Remove funding from %s"), split->stream_code);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);

  show_value (self);

  return GTK_WIDGET (self);
}

/**
 * cm_split_row_get_stream_code:
 * @self: a #CmSplitRow
 *
 * Returns: the stream's code
 */
const char *
cm_split_row_get_stream_code (CmSplitRow *self)
{
  g_return_val_if_fail (CM_IS_SPLIT_ROW (self), NULL);

  return self->stream_code;
}

/**
 * cm_split_row_get_valid:
 * @self: a #CmSplitRow
 *
 * Returns: whether the percent or amount typed can be used
 */
gboolean
cm_split_row_get_valid (CmSplitRow *self)
{
  g_return_val_if_fail (CM_IS_SPLIT_ROW (self), FALSE);

  return self->valid;
}

/**
 * cm_split_row_get_is_percent:
 * @self: a #CmSplitRow
 *
 * Returns: whether the split is a percentage
 */
gboolean
cm_split_row_get_is_percent (CmSplitRow *self)
{
  g_return_val_if_fail (CM_IS_SPLIT_ROW (self), FALSE);

  return self->is_percent;
}

/**
 * cm_split_row_set_is_percent:
 * @self: a #CmSplitRow
 * @is_percent: %TRUE for a percentage, %FALSE for an amount
 *
 * Switches between percent and amount as the drop-down does, keeping
 * what the split comes to.
 */
void
cm_split_row_set_is_percent (CmSplitRow *self,
                             gboolean    is_percent)
{
  g_return_if_fail (CM_IS_SPLIT_ROW (self));

  gtk_drop_down_set_selected (self->mode_dropdown, is_percent ? MODE_PERCENT : MODE_AMOUNT);
}

/**
 * cm_split_row_set_text:
 * @self: a #CmSplitRow
 * @text: a percent or an amount, as typed
 *
 * Types @text into the row's entry.
 */
void
cm_split_row_set_text (CmSplitRow *self,
                       const char *text)
{
  g_return_if_fail (CM_IS_SPLIT_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), text);
}

/**
 * cm_split_row_set_planned:
 * @self: a #CmSplitRow
 * @planned_pence: the commission's planned cost
 *
 * Works a percentage out against the current planned cost.
 */
void
cm_split_row_set_planned (CmSplitRow *self,
                          gint64      planned_pence)
{
  g_return_if_fail (CM_IS_SPLIT_ROW (self));

  self->planned_pence = planned_pence;
  update_value_label (self);
}

/**
 * cm_split_row_get_value:
 * @self: a #CmSplitRow
 *
 * Returns: what the split comes to in pence, split(c,s); 0 when invalid
 */
gint64
cm_split_row_get_value (CmSplitRow *self)
{
  g_return_val_if_fail (CM_IS_SPLIT_ROW (self), 0);

  return self->valid ? current_value (self) : 0;
}

/**
 * cm_split_row_get_value_text:
 * @self: a #CmSplitRow
 *
 * Returns: what the split comes to, as shown
 */
const char *
cm_split_row_get_value_text (CmSplitRow *self)
{
  g_return_val_if_fail (CM_IS_SPLIT_ROW (self), NULL);

  return gtk_label_get_text (self->value_label);
}

/**
 * cm_split_row_set_ineligible:
 * @self: a #CmSplitRow
 * @reason: (nullable): why the stream may not pay for this commission,
 *   or %NULL if it may
 *
 * Shows a warning sign with @reason as its tooltip.
 */
void
cm_split_row_set_ineligible (CmSplitRow *self,
                             const char *reason)
{
  g_return_if_fail (CM_IS_SPLIT_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->warning_icon), reason != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->warning_icon), reason);
}

/**
 * cm_split_row_to_split:
 * @self: a #CmSplitRow
 *
 * Returns: (transfer full): the split as entered
 */
CmBudgetSplit *
cm_split_row_to_split (CmSplitRow *self)
{
  CmBudgetSplit *split;

  g_return_val_if_fail (CM_IS_SPLIT_ROW (self), NULL);

  split = cm_budget_split_new ();
  split->stream_id = self->stream_id;
  split->stream_code = g_strdup (self->stream_code);
  split->is_percent = self->is_percent;
  split->percent_bp = self->is_percent ? self->percent_bp : 0;
  split->amount_pence = self->is_percent ? 0 : self->amount_pence;
  split->value_pence = cm_split_row_get_value (self);

  return split;
}

/**
 * cm_split_row_get_part:
 * @self: a #CmSplitRow
 * @name: "entry" (the percent or amount) or "remove" (its button)
 *
 * Returns: (transfer none) (nullable): that part of the row
 */
GtkWidget *
cm_split_row_get_part (CmSplitRow *self,
                       const char *name)
{
  g_return_val_if_fail (CM_IS_SPLIT_ROW (self), NULL);

  if (g_strcmp0 (name, "entry") == 0)
    return GTK_WIDGET (self->value_entry);
  if (g_strcmp0 (name, "remove") == 0)
    return GTK_WIDGET (self->remove_button);
  return NULL;
}
