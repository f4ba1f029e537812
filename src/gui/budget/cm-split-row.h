/* cm-split-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-budget.h"

G_BEGIN_DECLS

#define CM_TYPE_SPLIT_ROW (cm_split_row_get_type ())

G_DECLARE_FINAL_TYPE (CmSplitRow, cm_split_row, CM, SPLIT_ROW, AdwActionRow)

GtkWidget   *cm_split_row_new             (const CmBudgetSplit *split,
                                           const char          *stream_name);
const char  *cm_split_row_get_stream_code (CmSplitRow          *self);
gboolean     cm_split_row_get_valid       (CmSplitRow          *self);
gboolean     cm_split_row_get_is_percent  (CmSplitRow          *self);
void         cm_split_row_set_is_percent  (CmSplitRow          *self,
                                           gboolean             is_percent);
void         cm_split_row_set_text        (CmSplitRow          *self,
                                           const char          *text);
void         cm_split_row_set_planned     (CmSplitRow          *self,
                                           gint64               planned_pence);
gint64       cm_split_row_get_value       (CmSplitRow          *self);
const char  *cm_split_row_get_value_text  (CmSplitRow          *self);
void         cm_split_row_set_ineligible  (CmSplitRow          *self,
                                           const char          *reason);
CmBudgetSplit *cm_split_row_to_split      (CmSplitRow          *self);
GtkWidget     *cm_split_row_get_part      (CmSplitRow          *self,
                                           const char          *name);

G_END_DECLS
