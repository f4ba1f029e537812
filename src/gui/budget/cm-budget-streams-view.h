/* cm-budget-streams-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-budget.h"
#include "cm-chart.h"
#include "cm-stream-row.h"

G_BEGIN_DECLS

#define CM_TYPE_BUDGET_STREAMS_VIEW (cm_budget_streams_view_get_type ())

G_DECLARE_FINAL_TYPE (CmBudgetStreamsView, cm_budget_streams_view, CM, BUDGET_STREAMS_VIEW, GtkWidget)

void          cm_budget_streams_view_set_data        (CmBudgetStreamsView   *self,
                                                      const CmBudgetSummary *summary,
                                                      GPtrArray             *warnings);
gboolean      cm_budget_streams_view_select_stream   (CmBudgetStreamsView   *self,
                                                      const char            *code);
const char   *cm_budget_streams_view_get_selected    (CmBudgetStreamsView   *self);
CmStreamRow  *cm_budget_streams_view_get_row         (CmBudgetStreamsView   *self,
                                                      const char            *code);
CmStreamRow  *cm_budget_streams_view_get_total_row   (CmBudgetStreamsView   *self);
guint         cm_budget_streams_view_get_n_warnings  (CmBudgetStreamsView   *self);
AdwActionRow *cm_budget_streams_view_get_warning_row (CmBudgetStreamsView   *self,
                                                      guint                  index);
CmChart      *cm_budget_streams_view_get_allocation_chart (CmBudgetStreamsView *self);
CmChart      *cm_budget_streams_view_get_quarter_chart    (CmBudgetStreamsView *self);
const char   *cm_budget_warning_subject_kind         (const char            *warning_kind);
const char   *cm_budget_warning_title                (const char            *warning_kind);

G_END_DECLS
