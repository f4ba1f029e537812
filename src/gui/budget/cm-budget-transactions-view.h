/* cm-budget-transactions-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-transaction-list.h"

#include "cm-budget.h"

G_BEGIN_DECLS

#define CM_TYPE_BUDGET_TRANSACTIONS_VIEW (cm_budget_transactions_view_get_type ())

G_DECLARE_FINAL_TYPE (CmBudgetTransactionsView, cm_budget_transactions_view, CM, BUDGET_TRANSACTIONS_VIEW, GtkWidget)

void           cm_budget_transactions_view_set_list           (CmBudgetTransactionsView *self,
                                                               CmTransactionList        *list);
gboolean       cm_budget_transactions_view_select_transaction (CmBudgetTransactionsView *self,
                                                               const char               *reference);
gint64         cm_budget_transactions_view_get_selected_id    (CmBudgetTransactionsView *self);
GtkColumnView *cm_budget_transactions_view_get_column_view    (CmBudgetTransactionsView *self);
GListModel    *cm_budget_transactions_view_get_model          (CmBudgetTransactionsView *self);
const char    *cm_budget_transactions_view_get_footer         (CmBudgetTransactionsView *self);

G_END_DECLS
