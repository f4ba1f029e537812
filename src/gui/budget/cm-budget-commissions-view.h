/* cm-budget-commissions-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-budget.h"

G_BEGIN_DECLS

#define CM_TYPE_BUDGET_COMMISSIONS_VIEW (cm_budget_commissions_view_get_type ())

G_DECLARE_FINAL_TYPE (CmBudgetCommissionsView, cm_budget_commissions_view, CM, BUDGET_COMMISSIONS_VIEW, GtkWidget)

void           cm_budget_commissions_view_set_data          (CmBudgetCommissionsView *self,
                                                             int                      year,
                                                             GPtrArray               *commissions,
                                                             GPtrArray               *streams);
gboolean       cm_budget_commissions_view_select_commission (CmBudgetCommissionsView *self,
                                                             const char              *code);
gint64         cm_budget_commissions_view_get_selected_id   (CmBudgetCommissionsView *self);
GArray        *cm_budget_commissions_view_get_suggest_ids   (CmBudgetCommissionsView *self);
GtkColumnView *cm_budget_commissions_view_get_column_view   (CmBudgetCommissionsView *self);
GListModel    *cm_budget_commissions_view_get_model         (CmBudgetCommissionsView *self);
void           cm_budget_commissions_view_set_filters       (CmBudgetCommissionsView *self,
                                                             const char              *search,
                                                             const char              *status,
                                                             const char              *stream_code,
                                                             int                      half);
void           cm_budget_commissions_view_clear_filters     (CmBudgetCommissionsView *self);
void           cm_budget_commissions_view_show_only         (CmBudgetCommissionsView *self,
                                                             const char * const      *codes);
const char    *cm_budget_commissions_view_get_footer        (CmBudgetCommissionsView *self);

G_END_DECLS
