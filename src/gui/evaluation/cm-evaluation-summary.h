/* cm-evaluation-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-context.h"

G_BEGIN_DECLS

#define CM_TYPE_EVALUATION_SUMMARY (cm_evaluation_summary_get_type ())

G_DECLARE_FINAL_TYPE (CmEvaluationSummary, cm_evaluation_summary, CM, EVALUATION_SUMMARY, GtkWidget)

void        cm_evaluation_summary_set_commission (CmEvaluationSummary *self,
                                                  CmContext           *context,
                                                  gint64               commission_id,
                                                  int                  year,
                                                  int                  half);
gint64      cm_evaluation_summary_get_commission (CmEvaluationSummary *self);
const char *cm_evaluation_summary_get_figure     (CmEvaluationSummary *self,
                                                  const char          *name);
GtkWidget  *cm_evaluation_summary_get_chart      (CmEvaluationSummary *self,
                                                  guint                index);

G_END_DECLS
