/* cm-budget-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-context.h"

G_BEGIN_DECLS

#define CM_TYPE_BUDGET_PAGE (cm_budget_page_get_type ())

G_DECLARE_FINAL_TYPE (CmBudgetPage, cm_budget_page, CM, BUDGET_PAGE, GtkWidget)

CmContext *cm_budget_page_get_context     (CmBudgetPage *self);
void       cm_budget_page_set_context     (CmBudgetPage *self,
                                        CmContext    *context);
GtkWidget *cm_budget_page_get_status_page (CmBudgetPage *self);

G_END_DECLS
