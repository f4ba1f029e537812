/* cm-funding-dialog.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-budget.h"
#include "cm-domain.h"
#include "cm-fiscal.h"
#include "cm-funding-dialog.h"
#include "cm-money.h"

/* Shows a "Suggest funding" proposal, one line per commission and stream,
 * each amount editable, for the person to accept, change or turn down,
 * and below it why: for each commission, what every stream of the year
 * gives or why it gives nothing, and what stays unfunded
 * (docs/figures.md, "Suggest Funding"). Nothing is written here: whoever
 * shows the dialog applies cm_funding_dialog_get_proposal() on the
 * "apply" response. */
struct _CmFundingDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkListBox       *lines_list;
  GtkBox           *reasons_box;

  GPtrArray        *proposal;   /* of CmBudgetProposal, as suggested */
  GPtrArray        *rows;       /* of CmMoneyRow, one per line */
  GPtrArray        *reasons;    /* of char *, every reason row's text */
  GPtrArray        *unfunded;   /* of char *, per commission */
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
  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_clear_pointer (&self->unfunded, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, CmFundingDialog, reasons_box);
}

static void
cm_funding_dialog_init (CmFundingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->reasons = g_ptr_array_new_with_free_func (g_free);
  self->unfunded = g_ptr_array_new_with_free_func (g_free);
}

/* "Integrated working", "Safeguarding and Qualification",
 * "Safeguarding, Management and Practice". */
static char *
join_categories (char **categories)
{
  GString *text = g_string_new (NULL);
  guint n = categories != NULL ? g_strv_length (categories) : 0;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        /* Translators: between the last two of a list of categories */
        g_string_append (text, i == n - 1 ? _(" and ") : ", ");
      g_string_append (text, cm_domain_label (CM_DOMAIN_CATEGORY, categories[i]));
    }

  return g_string_free (text, FALSE);
}

/* One stream's part, in a commissioner's words. */
static char *
describe_reason (const CmBudgetFundingOutcome *outcome,
                 const CmBudgetFundingReason  *reason)
{
  const char *code = reason->stream_code;
  g_autofree char *amount = cm_money_format (reason->amount_pence);
  g_autofree char *left = cm_money_format (reason->left_pence);
  g_autofree char *spend_by = cm_fiscal_format_date (&reason->spend_by);
  g_autofree char *minimum = cm_budget_format_percent (reason->min_pvi_bp);
  g_autofree char *categories = NULL;
  g_autofree char *text = NULL;

  switch (reason->kind)
    {
    case CM_FUNDING_GIVES:
      if (reason->limit == CM_FUNDING_LIMIT_NEED)
        /* Translators: "CORE can give £400.00 (all that is still needed)" */
        text = g_strdup_printf (_("%s can give %s (all that is still needed)"), code, amount);
      else if (reason->limit == CM_FUNDING_LIMIT_AVAILABLE)
        /* Translators: "DH-WDG can give £3,200.00 (all it has left)" */
        text = g_strdup_printf (_("%s can give %s (all it has left)"), code, amount);
      else
        /* Translators: "DH can give £300.00 (more would take its planned PVI share below 50%)" */
        text = g_strdup_printf (_("%s can give %s (more would take its planned PVI share below %s%%)"),
                                code, amount, minimum);

      if (reason->spend_by_in_cycle)
        {
          g_autofree char *cycle = cm_fiscal_cycle_label (outcome->year, outcome->half);
          g_autofree char *sentence = text;

          /* Translators: "…; it must be spent by 31 Jan 2011, before 2010/11 H2 ends" */
          text = g_strdup_printf (_("%s; it must be spent by %s, before %s ends"), sentence, spend_by, cycle);
        }
      break;

    case CM_FUNDING_NOT_NEEDED:
      /* Translators: "CORE: not needed, the streams above cover it (£4,600.00 left)" */
      text = g_strdup_printf (_("%s: not needed, the streams above cover it (%s left)"), code, left);
      break;

    case CM_FUNDING_NOTHING_LEFT:
      if (reason->left_pence < 0)
        {
          g_autofree char *over = cm_money_format (-reason->left_pence);

          /* Translators: "DH-WDG: nothing available (£2,400.00 over its allocation already)" */
          text = g_strdup_printf (_("%s: nothing available (%s over its allocation already)"), code, over);
        }
      else
        /* Translators: "NHS: nothing available" */
        text = g_strdup_printf (_("%s: nothing available"), code);
      break;

    case CM_FUNDING_PVI_MINIMUM:
      /* Translators: "DH: with 0 of 20 places for PVI staff, any amount would take its planned PVI share below 50%" */
      text = g_strdup_printf (_("%s: with %d of %d places for PVI staff, any amount would take its "
                                "planned PVI share below %s%%"),
                              code, outcome->pvi_places, outcome->places, minimum);
      break;

    case CM_FUNDING_EXPIRED:
      /* Translators: "LSCB: expired 31 Oct 2010, before the commission's events" */
      text = g_strdup_printf (_("%s: expired %s, before the commission’s events"), code, spend_by);
      break;

    case CM_FUNDING_NOT_ELIGIBLE:
      categories = join_categories (reason->eligible_categories);
      if (outcome->category == NULL)
        /* Translators: "DH: not eligible — ring-fenced to Safeguarding, and this commission has no competency" */
        text = g_strdup_printf (_("%s: not eligible — ring-fenced to %s, and this commission has no competency"),
                                code, categories);
      else if (reason->ring_fenced)
        /* Translators: "CWDC-IW: not eligible — ring-fenced to Integrated working" */
        text = g_strdup_printf (_("%s: not eligible — ring-fenced to %s"), code, categories);
      else
        /* Translators: "LSCB: not eligible — only for Safeguarding" */
        text = g_strdup_printf (_("%s: not eligible — only for %s"), code, categories);
      break;

    default:
      g_return_val_if_reached (g_strdup (code));
    }

  return g_steal_pointer (&text);
}

static void
add_outcome (CmFundingDialog              *self,
             const CmBudgetFundingOutcome *outcome)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = NULL;
  g_autofree char *unfunded = NULL;

  /* Translators: a commission's code and title: "WSPP-NVQ: NVQ Level 3 bursaries" */
  title = g_strdup_printf (_("%s: %s"), outcome->commission_code,
                           outcome->commission_title != NULL ? outcome->commission_title : "");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

  if (outcome->unfunded_pence > 0)
    {
      g_autofree char *money = cm_money_format (outcome->unfunded_pence);

      /* Translators: "£11,013.00 stays unfunded" */
      unfunded = g_strdup_printf (_("%s stays unfunded"), money);
    }
  else
    unfunded = g_strdup (_("Fully funded"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), unfunded);
  g_ptr_array_add (self->unfunded, g_steal_pointer (&unfunded));

  for (guint i = 0; i < outcome->reasons->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      char *text = describe_reason (outcome, g_ptr_array_index (outcome->reasons, i));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->reasons, text);
    }

  gtk_box_append (self->reasons_box, group);
}

/**
 * cm_funding_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @proposal: (element-type CmBudgetProposal): a proposal from
 *   cm_budget_suggest_funding(), possibly empty
 * @outcomes: (element-type CmBudgetFundingOutcome): its outcomes, which
 *   say why
 *
 * Returns: (transfer none): a new dialog, which GTK owns until it is closed; present it
 */
CmFundingDialog *
cm_funding_dialog_new (GtkWindow *parent,
                       GPtrArray *proposal,
                       GPtrArray *outcomes)
{
  CmFundingDialog *self;
  g_autoptr(GHashTable) commission_codes = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 total = 0;
  g_autofree char *total_text = NULL;
  g_autofree char *commissions_text = NULL;

  g_return_val_if_fail (proposal != NULL, NULL);
  g_return_val_if_fail (outcomes != NULL, NULL);

  self = g_object_new (CM_TYPE_FUNDING_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->proposal = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_proposal_free);

  for (guint i = 0; i < proposal->len; i++)
    {
      const CmBudgetProposal *line = g_ptr_array_index (proposal, i);
      GtkWidget *row = cm_money_row_new ();
      g_autofree char *row_title = NULL;

      g_ptr_array_add (self->proposal, cm_budget_proposal_copy (line));
      g_hash_table_add (commission_codes, line->commission_code);
      total += line->amount_pence;

      /* Translators: a line of suggested funding: "WSPP-NVQ from CWDC-WSPP" */
      row_title = g_strdup_printf (_("%s from %s"), line->commission_code, line->stream_code);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      cm_money_row_set_pence (CM_MONEY_ROW (row), line->amount_pence);
      g_signal_connect_object (row, "notify::pence", G_CALLBACK (update_response), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "notify::valid", G_CALLBACK (update_response), self, G_CONNECT_SWAPPED);

      gtk_list_box_append (self->lines_list, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->lines_list), proposal->len > 0);

  for (guint i = 0; i < outcomes->len; i++)
    add_outcome (self, g_ptr_array_index (outcomes, i));

  if (proposal->len > 0)
    {
      total_text = cm_money_format (total);
      commissions_text = g_strdup_printf (ngettext ("%u commission", "%u commissions",
                                                    g_hash_table_size (commission_codes)),
                                          g_hash_table_size (commission_codes));
      /* Translators: "£2,200.00 for 1 commission, from the streams with money left that may pay for it…" */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                      _("%s for %s, from the streams with money available that may pay for it, "
                                        "those that must be spent soonest first. Change any amount, or set it "
                                        "to £0.00 to leave that line out. Below, each stream’s reason."),
                                      total_text, commissions_text);
    }
  else
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("No Funding Available"));
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                   _("No stream of the year can pay for this training now. Below, each "
                                     "stream’s reason. Add a stream or free up an allocation, then try again."));
    }

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

/**
 * cm_funding_dialog_get_n_reasons:
 * @self: a #CmFundingDialog
 *
 * Returns: how many reason rows are shown, over every commission
 */
guint
cm_funding_dialog_get_n_reasons (CmFundingDialog *self)
{
  g_return_val_if_fail (CM_IS_FUNDING_DIALOG (self), 0);

  return self->reasons->len;
}

/**
 * cm_funding_dialog_get_reason:
 * @self: a #CmFundingDialog
 * @index: a reason row's position, commission by commission
 *
 * Returns: (transfer none): the text the row shows
 */
const char *
cm_funding_dialog_get_reason (CmFundingDialog *self,
                              guint            index)
{
  g_return_val_if_fail (CM_IS_FUNDING_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->reasons->len, NULL);

  return g_ptr_array_index (self->reasons, index);
}

/**
 * cm_funding_dialog_get_unfunded:
 * @self: a #CmFundingDialog
 * @commission_index: a commission's position in the outcomes
 *
 * Returns: (transfer none): what its group says stays unfunded:
 *   "£11,013.00 stays unfunded" or "Fully funded"
 */
const char *
cm_funding_dialog_get_unfunded (CmFundingDialog *self,
                                guint            commission_index)
{
  g_return_val_if_fail (CM_IS_FUNDING_DIALOG (self), NULL);
  g_return_val_if_fail (commission_index < self->unfunded->len, NULL);

  return g_ptr_array_index (self->unfunded, commission_index);
}
