/* cm-funding-dialog.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-funding-dialog.h"
#include "cm-money.h"

/* Shows a "Suggest funding" proposal, one line per commission and stream,
 * each amount editable, for the person to accept, change or turn down.
 * Nothing is written here: whoever shows the dialog applies
 * cm_funding_dialog_get_proposal() on the "apply" response. */
struct _CmFundingDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkListBox       *lines_list;

  GPtrArray        *proposal;   /* of CmBudgetProposal, as suggested */
  GPtrArray        *rows;       /* of CmMoneyRow, one per line */
};

G_DEFINE_FINAL_TYPE (CmFundingDialog, cm_funding_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
update_response (CmFundingDialog *self)
{
  gboolean valid = TRUE;
  gboolean any = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      CmMoneyRow *row = g_ptr_array_index (self->rows, i);

      valid = valid && cm_money_row_get_valid (row);
      any = any || cm_money_row_get_pence (row) > 0;
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", valid && any);
}

static void
cm_funding_dialog_dispose (GObject *object)
{
  CmFundingDialog *self = (CmFundingDialog *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_FUNDING_DIALOG);

  G_OBJECT_CLASS (cm_funding_dialog_parent_class)->dispose (object);
}

static void
cm_funding_dialog_finalize (GObject *object)
{
  CmFundingDialog *self = (CmFundingDialog *)object;

  g_clear_pointer (&self->proposal, g_ptr_array_unref);

  G_OBJECT_CLASS (cm_funding_dialog_parent_class)->finalize (object);
}

static void
cm_funding_dialog_class_init (CmFundingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_funding_dialog_dispose;
  object_class->finalize = cm_funding_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-funding-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CmFundingDialog, lines_list);
}

static void
cm_funding_dialog_init (CmFundingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
}

static const char *
commission_title (GPtrArray  *commissions,
                  const char *code)
{
  for (guint i = 0; commissions != NULL && i < commissions->len; i++)
    {
      const CmBudgetCommission *commission = g_ptr_array_index (commissions, i);

      if (g_strcmp0 (commission->code, code) == 0)
        return commission->title;
    }

  return NULL;
}

/**
 * cm_funding_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @proposal: (element-type CmBudgetProposal): a non-empty proposal from
 *   cm_budget_suggest_funding()
 * @commissions: (element-type CmBudgetCommission) (nullable): commissions
 *   whose titles to show
 *
 * Returns: (transfer none): a new dialog, which GTK owns until it is closed; present it
 */
CmFundingDialog *
cm_funding_dialog_new (GtkWindow *parent,
                       GPtrArray *proposal,
                       GPtrArray *commissions)
{
  CmFundingDialog *self;
  g_autoptr(GHashTable) commission_codes = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 total = 0;
  g_autofree char *total_text = NULL;
  g_autofree char *commissions_text = NULL;

  g_return_val_if_fail (proposal != NULL, NULL);

  self = g_object_new (CM_TYPE_FUNDING_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->proposal = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_proposal_free);

  for (guint i = 0; i < proposal->len; i++)
    {
      const CmBudgetProposal *line = g_ptr_array_index (proposal, i);
      const char *title = commission_title (commissions, line->commission_code);
      GtkWidget *row = cm_money_row_new ();
      g_autofree char *row_title = NULL;

      g_ptr_array_add (self->proposal, cm_budget_proposal_copy (line));
      g_hash_table_add (commission_codes, line->commission_code);
      total += line->amount_pence;

      /* Translators: a line of suggested funding: "WSPP-NVQ from CWDC-WSPP" */
      row_title = g_strdup_printf (_("%s from %s"), line->commission_code, line->stream_code);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      if (title != NULL)
        gtk_widget_set_tooltip_text (row, title);
      cm_money_row_set_pence (CM_MONEY_ROW (row), line->amount_pence);
      g_signal_connect_object (row, "notify::pence", G_CALLBACK (update_response), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "notify::valid", G_CALLBACK (update_response), self, G_CONNECT_SWAPPED);

      gtk_list_box_append (self->lines_list, row);
      g_ptr_array_add (self->rows, row);
    }

  total_text = cm_money_format (total);
  commissions_text = g_strdup_printf (ngettext ("%u commission", "%u commissions",
                                                g_hash_table_size (commission_codes)),
                                      g_hash_table_size (commission_codes));
  /* Translators: "£2,200.00 for 1 commission, from the streams with money left that may pay for it…" */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("%s for %s, from the streams with money available that may pay for it, "
                                    "those that must be spent soonest first. Change any amount, or set it "
                                    "to £0.00 to leave that line out."),
                                  total_text, commissions_text);

  update_response (self);

  return self;
}

/**
 * cm_funding_dialog_get_proposal:
 * @self: a #CmFundingDialog
 *
 * Returns: (transfer full) (element-type CmBudgetProposal): the lines with
 *   the amounts as they stand, lines of £0.00 left out
 */
GPtrArray *
cm_funding_dialog_get_proposal (CmFundingDialog *self)
{
  GPtrArray *proposal;

  g_return_val_if_fail (CM_IS_FUNDING_DIALOG (self), NULL);

  proposal = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_proposal_free);
  for (guint i = 0; i < self->proposal->len; i++)
    {
      CmBudgetProposal *line = cm_budget_proposal_copy (g_ptr_array_index (self->proposal, i));

      line->amount_pence = cm_money_row_get_pence (g_ptr_array_index (self->rows, i));
      if (line->amount_pence > 0)
        g_ptr_array_add (proposal, line);
      else
        cm_budget_proposal_free (line);
    }

  return proposal;
}

/**
 * cm_funding_dialog_get_n_lines:
 * @self: a #CmFundingDialog
 *
 * Returns: the number of lines suggested
 */
guint
cm_funding_dialog_get_n_lines (CmFundingDialog *self)
{
  g_return_val_if_fail (CM_IS_FUNDING_DIALOG (self), 0);

  return self->rows->len;
}

/**
 * cm_funding_dialog_get_line_row:
 * @self: a #CmFundingDialog
 * @index: a line's position
 *
 * Returns: (transfer none): the row holding that line's amount
 */
CmMoneyRow *
cm_funding_dialog_get_line_row (CmFundingDialog *self,
                                guint            index)
{
  g_return_val_if_fail (CM_IS_FUNDING_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, index);
}
