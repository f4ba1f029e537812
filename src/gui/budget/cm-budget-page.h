/* cm-budget-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-budget-commissions-view.h"
#include "cm-what-if-view.h"
#include "cm-budget-streams-view.h"
#include "cm-budget-transactions-view.h"
#include "cm-context.h"

G_BEGIN_DECLS

#define CM_TYPE_BUDGET_PAGE (cm_budget_page_get_type ())

G_DECLARE_FINAL_TYPE (CmBudgetPage, cm_budget_page, CM, BUDGET_PAGE, GtkWidget)

CmContext                *cm_budget_page_get_context           (CmBudgetPage *self);
void                      cm_budget_page_set_context           (CmBudgetPage *self,
                                                                CmContext    *context);
int                       cm_budget_page_get_year              (CmBudgetPage *self);
void                      cm_budget_page_set_year              (CmBudgetPage *self,
                                                                int           year);
GtkWidget                *cm_budget_page_get_status_page       (CmBudgetPage *self);
GtkWidget                *cm_budget_page_get_copy_streams_button (CmBudgetPage *self);
const char               *cm_budget_page_get_visible_view      (CmBudgetPage *self);
CmBudgetStreamsView      *cm_budget_page_get_streams_view      (CmBudgetPage *self);
CmBudgetCommissionsView  *cm_budget_page_get_commissions_view  (CmBudgetPage *self);
CmWhatIfView             *cm_budget_page_get_what_if_view      (CmBudgetPage *self);
CmBudgetTransactionsView *cm_budget_page_get_transactions_view (CmBudgetPage *self);

CmTransactionList        *cm_budget_page_get_transaction_list (CmBudgetPage *self);

G_END_DECLS
